"""Several classrooms in one data folder: the demo to practise on and the teacher's own.

Each classroom is a complete data folder (database, backups, exports). The data folder's root
is the first classroom, exactly as before; the others live in ``classrooms/<slug>/``. A small
JSON file at the root (``classrooms.json``) names them and says which one opens. Without that
file the root is the only classroom, so an existing data folder keeps working untouched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from mathroom.atomic_files import fsync_folder, write_bytes_atomically
from mathroom.domain.errors import MathroomError
from mathroom.paths import CLASSROOMS_FILE, CLASSROOMS_FOLDER, DataFolder
from mathroom.services.content import ContentFiles

if TYPE_CHECKING:
    from mathroom.store.library_copy import LibraryCopied

FORMAT = 1
ROOT = "."
DEMO_NAME = "Demo classroom"
OWN_NAME = "My classroom"
MAX_NAME = 60


class ClassroomError(MathroomError):
    """A classroom that cannot be found, named or made; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Classroom:
    name: str
    folder: str  # relative to the data folder's root, "/"-separated; "." is the root itself
    demo: bool
    is_open: bool
    path: Path

    @property
    def data_folder(self) -> DataFolder:
        return DataFolder(self.path)

    @property
    def is_root(self) -> bool:
        return self.folder == ROOT

    @property
    def label(self) -> str:
        """The name as the window shows it; the demo is always said to be one."""
        if self.demo and "demo" not in self.name.casefold():
            return f"{self.name} (demo)"
        return self.name


@dataclass(frozen=True, slots=True)
class NewClassroom:
    classroom: Classroom
    skills: int
    tasks: int
    diagrams: int
    templates: int
    source: str  # the classroom the library came from, or "the starter library"


def slug_for(name: str) -> str:
    """A folder name for ``name``: lower-case ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return slug or "classroom"


def check_name(name: str, taken: list[str]) -> str:
    """The cleaned name, or a ClassroomError saying what is wrong and what to do."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ClassroomError("A classroom needs a name, e.g. 'Room 14, 2026-27'.")
    if len(cleaned) > MAX_NAME:
        raise ClassroomError(
            f"The name is {len(cleaned)} characters long; keep it to {MAX_NAME} or fewer."
        )
    if cleaned.casefold() in (t.casefold() for t in taken):
        raise ClassroomError(
            f"There is already a classroom called {cleaned!r}; choose another name."
        )
    return cleaned


class Classrooms:
    """The classrooms of one data folder, and which one opens."""

    def __init__(
        self,
        root: Path,
        now: Callable[[], datetime],
        content: ContentFiles | None = None,
    ) -> None:
        self._root = root.expanduser().resolve()
        self._now = now
        self._content = content or ContentFiles.bundled()

    @property
    def root(self) -> Path:
        return self._root

    @property
    def list_file(self) -> Path:
        return self._root / CLASSROOMS_FILE

    # -- reading -------------------------------------------------------------------------
    def all(self) -> list[Classroom]:
        """Every classroom, the root first; exactly one of them ``is_open``."""
        entries, open_folder = self._read()
        return [self._classroom(e, open_folder) for e in entries]

    def open_one(self) -> Classroom:
        """The classroom the app and every command open."""
        return next(c for c in self.all() if c.is_open)

    def demo(self) -> Classroom | None:
        return next((c for c in self.all() if c.demo), None)

    def find(self, name: str) -> Classroom:
        """The classroom called ``name`` (any case), or whose folder is ``name``; ``demo``
        also finds the demo classroom."""
        wanted = " ".join(name.split()).casefold()
        everything = self.all()
        for classroom in everything:
            folder_name = PurePosixPath(classroom.folder).name.casefold()
            if wanted in (classroom.name.casefold(), folder_name):
                return classroom
        if wanted == "demo":
            demo = next((c for c in everything if c.demo), None)
            if demo is not None:
                return demo
        names = ", ".join(repr(c.name) for c in everything)
        raise ClassroomError(f"There is no classroom called {name!r}. The classrooms: {names}.")

    # -- writing -------------------------------------------------------------------------
    def use(self, name: str) -> Classroom:
        """Make ``name`` the classroom that opens (the app, and every command)."""
        chosen = self.find(name)
        if not chosen.data_folder.database.is_file():
            raise ClassroomError(
                f"The classroom {chosen.name!r} has no database at {chosen.data_folder.database}."
                " Restore its folder from a copy, or choose another classroom."
            )
        entries, _open = self._read()
        self._write(entries, chosen.folder)
        return self._classroom(
            next(e for e in entries if e["folder"] == chosen.folder), chosen.folder
        )

    def create(
        self, name: str, source: Classroom | None = None, *, use: bool = False
    ) -> NewClassroom:
        """A new, empty classroom with ``source``'s skill map, task bank (diagrams included),
        plan templates and settings (the open classroom's by default); no students, periods,
        plans, evidence, attendance or groups.

        Built in a hidden folder and renamed into place only when complete: a failure leaves
        no half-made classroom and the list as it was.
        """
        entries, open_folder = self._read()
        cleaned = check_name(name, [e["name"] for e in entries])
        source = source or self._classroom(
            next(e for e in entries if e["folder"] == open_folder), open_folder
        )
        parent = self._root / CLASSROOMS_FOLDER
        slug = slug_for(cleaned)
        taken = {e["folder"] for e in entries}
        final = parent / slug
        number = 2
        while final.exists() or f"{CLASSROOMS_FOLDER}/{final.name}" in taken:
            final = parent / f"{slug}-{number}"
            number += 1
        try:
            parent.mkdir(parents=True, exist_ok=True)
            building = Path(tempfile.mkdtemp(prefix=f".new-{final.name}-", dir=parent))
        except OSError as exc:
            raise ClassroomError(
                f"Could not make a folder for the classroom in {parent}: "
                f"{exc.strerror or exc}. Nothing was changed."
            ) from exc
        try:
            copied = self._fill(DataFolder(building), source)
            os.rename(building, final)
            fsync_folder(parent)
        except BaseException as exc:
            shutil.rmtree(building, ignore_errors=True)
            if isinstance(exc, OSError):
                raise ClassroomError(
                    f"Could not make the classroom {cleaned!r} in {parent}: "
                    f"{exc.strerror or exc}. Nothing was changed."
                ) from exc
            raise
        entry = {"name": cleaned, "folder": f"{CLASSROOMS_FOLDER}/{final.name}", "demo": False}
        opens = entry["folder"] if use else open_folder
        try:
            self._write([*entries, entry], str(opens))
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)  # not listed: it must not stay behind
            raise
        source_name = source.name if source.data_folder.database.is_file() else ""
        return NewClassroom(
            self._classroom(entry, str(opens)),
            copied.skills,
            copied.tasks,
            copied.diagrams,
            copied.templates,
            source_name or "the starter library",
        )

    # -- the parts -----------------------------------------------------------------------
    def _fill(self, folder: DataFolder, source: Classroom) -> LibraryCopied:
        """Migrate a new database in ``folder`` and copy the library into it."""
        # Imported here: every start reads the classroom list, few make a classroom.
        from mathroom.services.library import seed_library
        from mathroom.store.library_copy import LibraryCopied, copy_library
        from mathroom.store.opening import open_database
        from mathroom.store.repositories.skills import SkillRepository
        from mathroom.store.repositories.tasks import TaskRepository

        opened = open_database(folder, self._now())
        try:
            if source.data_folder.database.is_file():
                return copy_library(source.data_folder.database, opened.store)
            with opened.store.unit_of_work() as session:  # a root that was never opened
                seed_library(session, self._content, self._now())
                return LibraryCopied(
                    SkillRepository(session).count(), TaskRepository(session).count(), 0, 0
                )
        finally:
            opened.store.close()

    def looks_like_demo(self, folder: DataFolder) -> bool:
        """Whether the folder holds the demo: most of the demo's fictional students are there."""
        from mathroom.importers.demo_classroom import load_demo_classroom
        from mathroom.store.peek import student_numbers_present

        demo = load_demo_classroom(self._content.demo_classroom)
        numbers = [s.number for p in demo.periods for s in p.students]
        found = student_numbers_present(folder.database, numbers)
        return found > 0 and found * 2 >= len(numbers)

    def _classroom(self, entry: dict[str, Any], open_folder: str) -> Classroom:
        folder = str(entry["folder"])
        path = self._root if folder == ROOT else self._root.joinpath(*folder.split("/"))
        return Classroom(
            name=str(entry["name"]),
            folder=folder,
            demo=bool(entry.get("demo", False)),
            is_open=folder == open_folder,
            path=path,
        )

    def _read(self) -> tuple[list[dict[str, Any]], str]:
        """The list's entries and the folder of the one that opens."""
        if not self.list_file.exists():
            demo = self.looks_like_demo(DataFolder(self._root))
            return [{"name": DEMO_NAME if demo else OWN_NAME, "folder": ROOT, "demo": demo}], ROOT
        try:
            data = json.loads(self.list_file.read_text(encoding="utf-8"))
            entries: list[dict[str, Any]] = [
                {"name": str(e["name"]), "folder": str(e["folder"]), "demo": bool(e["demo"])}
                for e in data["classrooms"]
            ]
            open_folder = str(data["open"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ClassroomError(
                f"The list of classrooms {self.list_file} cannot be read ({exc}). Put back a "
                "copy of it, or delete it: Mathroom then opens the classroom at the top of "
                "the data folder."
            ) from exc
        for entry in entries:
            self._check_folder(entry["folder"])
        if ROOT not in {e["folder"] for e in entries}:
            raise ClassroomError(f"The list of classrooms {self.list_file} leaves out the first.")
        if open_folder not in {e["folder"] for e in entries}:
            open_folder = ROOT
        return entries, open_folder

    def _check_folder(self, folder: str) -> None:
        parts = PurePosixPath(folder).parts
        inside = folder == ROOT or (
            len(parts) == 2 and parts[0] == CLASSROOMS_FOLDER and parts[1] not in ("", "..")
        )
        if not inside:
            raise ClassroomError(
                f"The list of classrooms {self.list_file} names a folder outside the data "
                f"folder ({folder!r}); fix or delete the list."
            )

    def _write(self, entries: list[dict[str, Any]], open_folder: str) -> None:
        data = {"format": FORMAT, "open": open_folder, "classrooms": entries}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        write_bytes_atomically(self.list_file, text.encode("utf-8"))
