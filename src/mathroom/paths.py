"""Where things live: the data folder, bundled resources and migrations.

Works from a checkout, an editable or wheel install, and a PyInstaller build.
"""

from __future__ import annotations

import os
import sys
from importlib import resources as importlib_resources
from pathlib import Path

import platformdirs

APP_NAME = "Mathroom"
DATA_DIR_ENV = "MATHROOM_DATA_DIR"
CACHE_DIR_ENV = "MATHROOM_CACHE_DIR"
DATABASE_NAME = "mathroom.sqlite"
# Several classrooms under one data folder: the list (at the data folder's root) and where the
# classrooms after the first live. The root itself stays the first classroom.
CLASSROOMS_FILE = "classrooms.json"
CLASSROOMS_FOLDER = "classrooms"


def _frozen_root() -> Path | None:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return None


def _checkout_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _bundled_folder(name: str, package: str) -> Path:
    frozen = _frozen_root()
    if frozen is not None:
        return frozen / name
    checkout = _checkout_root() / name
    if checkout.is_dir():
        return checkout
    # A wheel install carries the folder inside the package (see pyproject package-dir).
    return Path(str(importlib_resources.files(package)))


def migrations() -> Path:
    """The Alembic script folder (env.py, versions/)."""
    return _bundled_folder("migrations", "mathroom.migrations")


def resources() -> Path:
    """The read-only resources folder (fonts, icons, demo content, skill map, tasks)."""
    return _bundled_folder("resources", "mathroom.resources")


def resource(*parts: str) -> Path:
    """A file under resources/, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources().joinpath(*parts)


def default_data_dir() -> Path:
    """The platform's per-user data folder, unless MATHROOM_DATA_DIR overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def cache_dir() -> Path:
    """Where work that can be redone is kept between runs (parsed fonts): the platform's
    per-user cache folder, unless MATHROOM_CACHE_DIR overrides it. Never student data."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


class DataFolder:
    """The files inside one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().resolve()

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock_file(self) -> Path:
        return self.root / "mathroom.lock"

    def ensure(self) -> None:
        """Create the folder and its subfolders if they are missing."""
        for folder in (self.root, self.backups, self.exports, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
