"""Read a ``.mathroom-tasks`` pack: a zip holding pack.json and images/, checked before use.

Format 2 (written by export/task_pack.py; names and limits in domain/task_pack.py)::

    pack.json   {"format": 2, "kind": "mathroom-tasks", "exported_at": "...",
                 "app_version": "...", "tasks": [{<every TaskSpec field>, "skill_codes": [...],
                 "created_at": "...", "updated_at": "...",
                 "image": "images/1.png" | null, "image_name": "triangle.png" | null}]}
    images/1.png ...

A project's or math art's ``milestones`` (its days by name) and ``rubric`` (criteria rows)
are lists of strings, in both formats; packs written before them have neither and load as
one-day tasks without a rubric.

Format 1 (older packs) is ``tasks.json`` at the root, ``{"format": 1, "tasks": [...]}``, each
task shaped like resources/tasks/starter_tasks.json (``skills``, no images, no dates); it is
upgraded on reading.

Nothing is extracted to disk. Sizes are checked from the zip directory before anything is
decompressed, so a zip bomb is refused without being inflated.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO, Any

from mathroom.domain.errors import ContentError
from mathroom.domain.task_pack import MAX_TOTAL_BYTES, PACK_FORMAT, PACK_JSON, PACK_KIND
from mathroom.domain.tasks import IMAGE_MAX_BYTES, TaskImage, TaskSpec, image_type, validate_task
from mathroom.importers.json_content import object_list
from mathroom.importers.task_bank import task_spec

PACK_SUFFIX = ".mathroom-tasks"
LEGACY_JSON = "tasks.json"  # format 1
MAX_MEMBERS = 5000

_IMAGE_PATH = re.compile(r"images/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")
# What a damaged or hostile zip can raise while its directory or a member is read.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


@dataclass(frozen=True, slots=True)
class PackedTask:
    number: int  # 1-based position in the pack, as messages name it
    spec: TaskSpec
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class TaskPack:
    source: str
    format: int  # as found in the file; format 1 packs are upgraded on reading
    exported_at: datetime | None
    app_version: str | None
    tasks: tuple[PackedTask, ...]


def read_task_pack(path: Path) -> TaskPack:
    """Read and check a pack file; ContentError (naming what is wrong) when it can't be used."""
    try:
        with path.open("rb") as handle:
            return _read(handle, path.name)
    except FileNotFoundError as exc:
        raise ContentError(path.name, "file not found") from exc
    except OSError as exc:
        raise ContentError(path.name, f"could not be read ({exc.strerror or exc})") from exc


def parse_task_pack(data: bytes, source: str = "task pack") -> TaskPack:
    """Like read_task_pack, for bytes already in memory."""
    return _read(io.BytesIO(data), source)


def _read(handle: IO[bytes], source: str) -> TaskPack:
    head = handle.read(4)
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except (*_ZIP_ERRORS, RuntimeError) as exc:
        if head.startswith(b"PK"):
            raise ContentError(source, "the task pack is damaged (broken zip index)") from exc
        raise ContentError(source, "is not a Mathroom task pack (not a zip file)") from exc
    with archive:
        return _Archive(archive, source).read()


class _Archive:
    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self._archive = archive
        self._source = source
        self._members = {info.filename: info for info in archive.infolist()}

    def read(self) -> TaskPack:
        if PACK_JSON not in self._members and LEGACY_JSON not in self._members:
            raise self._error("is not a Mathroom task pack (there is no pack.json inside)")
        self._check_sizes()
        if PACK_JSON in self._members:
            data = self._json(PACK_JSON)
            self._check_kind(data)
            return self._format_2(data)
        data = self._json(LEGACY_JSON)
        if data.get("format") != 1 or isinstance(data.get("format"), bool):
            raise self._error("is not a Mathroom task pack (tasks.json is not a task list)")
        return self._format_1(data)

    # -- the two formats ----------------------------------------------------------------
    def _check_kind(self, data: dict[str, Any]) -> None:
        if data.get("kind") != PACK_KIND:
            raise self._error("is not a Mathroom task pack (pack.json is for something else)")
        found = data.get("format")
        if not isinstance(found, int) or isinstance(found, bool):
            raise self._error("pack.json has no format number")
        if found > PACK_FORMAT:
            raise self._error(
                f"was made by a newer Mathroom (pack format {found}); update Mathroom to open it"
            )
        if found != PACK_FORMAT:
            raise self._error(f"pack format {found} is not one Mathroom knows")

    def _format_2(self, data: dict[str, Any]) -> TaskPack:
        tasks = []
        for number, item in enumerate(object_list(data, "tasks", self._source), start=1):
            where = f"{self._source}, task {number}"
            spec = task_spec(item, where, skills_key="skill_codes")
            spec = replace(spec, slug=spec.slug or None, image=self._image(item, where))
            created = _timestamp(item, "created_at", where)
            updated = _timestamp(item, "updated_at", where)
            tasks.append(PackedTask(number, spec, created, updated))
        version = data.get("app_version")
        return self._pack(
            2,
            _timestamp(data, "exported_at", self._source),
            version if isinstance(version, str) else None,
            tasks,
        )

    def _format_1(self, data: dict[str, Any]) -> TaskPack:
        tasks = []
        for number, item in enumerate(object_list(data, "tasks", self._source), start=1):
            spec = task_spec(item, f"{self._source}, task {number}")
            tasks.append(PackedTask(number, replace(spec, slug=spec.slug or None), None, None))
        return self._pack(1, None, None, tasks)

    def _pack(
        self,
        found: int,
        exported_at: datetime | None,
        app_version: str | None,
        tasks: list[PackedTask],
    ) -> TaskPack:
        slugs: dict[str, int] = {}
        for task in tasks:
            where = f"{self._source}, task {task.number}"
            problems = validate_task(task.spec)
            if problems:
                raise ContentError(where, str(problems[0]))
            slug = task.spec.slug
            if slug is not None:
                if slug in slugs:
                    raise ContentError(where, f"slug {slug!r} is also used by task {slugs[slug]}")
                slugs[slug] = task.number
        return TaskPack(self._source, found, exported_at, app_version, tuple(tasks))

    # -- members --------------------------------------------------------------------------
    def _image(self, item: dict[str, Any], where: str) -> TaskImage | None:
        ref = item.get("image")
        if ref is None:
            return None
        if not isinstance(ref, str) or not _IMAGE_PATH.fullmatch(ref) or ".." in ref:
            raise ContentError(where, f"image path {ref!r} is not inside the pack's images/ folder")
        info = self._members.get(ref)
        if info is None:
            raise ContentError(where, f"image {ref} is missing from the pack")
        if info.file_size > IMAGE_MAX_BYTES:
            raise ContentError(where, f"image {ref} is over {IMAGE_MAX_BYTES // 2**20} MB")
        data = self._bytes(info)
        media_type = image_type(data)
        if media_type is None:
            raise ContentError(where, f"image {ref} is not a PNG, JPEG or SVG image")
        name = item.get("image_name")
        if not isinstance(name, str) or not name.strip():
            name = ref
        # Only the file name travels: a name with folders in it never reaches a path.
        name = PureWindowsPath(PurePosixPath(name).name).name or PurePosixPath(ref).name
        return TaskImage(name, data, media_type)

    def _json(self, member: str) -> dict[str, Any]:
        raw = self._bytes(self._members[member])
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        # ValueError covers JSONDecodeError and integers too long to convert.
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise self._error(f"{member} is not valid UTF-8 JSON") from exc
        if not isinstance(data, dict):
            raise self._error(f"{member} does not hold a JSON object")
        return data

    def _bytes(self, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes (the pack's unpacked size was checked before any is read)."""
        if info.flag_bits & 0x1:
            raise self._error(f"{info.filename} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise self._error(f"{info.filename} is compressed in a way Mathroom can't read")
        try:
            with self._archive.open(info) as member:
                data = member.read(info.file_size + 1)
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            raise self._error(f"the task pack is damaged ({info.filename} can't be read)") from exc
        if len(data) != info.file_size:
            raise self._error(f"the task pack is damaged ({info.filename} has the wrong size)")
        return data

    def _check_sizes(self) -> None:
        """Refuse a pack too big to unpack from what its directory says, before inflating."""
        infos = self._archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self._error(f"holds more than {MAX_MEMBERS} files; it is not a task pack")
        if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
            raise self._error(f"is too large to open (over {MAX_TOTAL_BYTES // 2**20} MB unpacked)")

    def _error(self, problem: str) -> ContentError:
        return ContentError(self._source, problem)


def _timestamp(item: dict[str, Any], key: str, where: str) -> datetime | None:
    value = item.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
        # The bank keeps local wall-clock times.
        return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
    except (ValueError, OverflowError) as exc:
        raise ContentError(where, f"'{key}' must be a date and time like 2026-11-23T07:00") from exc
