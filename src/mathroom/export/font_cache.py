"""Parsed TrueType fonts kept between runs, so a command need not parse a 5 MB font each time.

ReportLab reads a font's tables in Python (character map, widths) on every start: 0.14 s
for the CJK face the demo's names need, about 20 ms for each DejaVu face, most of a short
command's font work. The parsed face is kept as a pickle in the cache folder, keyed by
ReportLab's version and the font file's path, size and modification time. A cache that is
missing, stale or unreadable is ignored and the font parsed as before, so the cache can
always be deleted; nothing in it is student data.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from mathroom import paths

log = logging.getLogger(__name__)

FORMAT = 1  # raise when what is stored changes
DIGEST = 24  # hex digits of the key in a cache file's name
_NOT_STORED = ("_pdfScale",)  # a lambda made from unitsPerEm; made again on loading


def load_font(name: str, file: Path, *, subfont: int = 0, shapable: bool = True) -> TTFont:
    """ReportLab's TTFont for ``file``, from the cache when the file has not changed."""
    cached = _cache_file(file, subfont)
    if cached is not None:
        face = _read(cached)
        if face is not None:
            return _font(name, face, shapable)
    font = TTFont(name, str(file), subfontIndex=subfont, shapable=shapable)
    if cached is not None:
        _write(cached, font.face)
    return font


def _cache_file(file: Path, subfont: int) -> Path | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    key = (
        f"{FORMAT}|{reportlab.Version}|{file.resolve()}|{subfont}|{stat.st_size}|{stat.st_mtime_ns}"
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:DIGEST]
    return paths.cache_dir() / "fonts" / f"{file.stem}-{digest}.pickle"


def _read(cached: Path) -> TTFontFace | None:
    try:
        state = pickle.loads(cached.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign cache file: parse the font instead
        log.warning("font cache %s could not be read; the font is read from its file", cached)
        return None
    if not isinstance(state, dict) or "unitsPerEm" not in state:
        return None
    face: TTFontFace = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    units = state["unitsPerEm"]
    face._pdfScale = _scale(units)  # type: ignore[attr-defined]  # ReportLab's own attribute
    return face


def _scale(units: int) -> Any:
    """ReportLab's conversion of font units to thousandths of an em."""
    if units == 1000:
        return lambda x: x
    factor = 1000 / units
    return lambda x: x * factor


def _write(cached: Path, face: TTFontFace) -> None:
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_STORED}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Renamed into place whole, so a reader never sees half a file (another command may
        # be reading it); no fsync: a cache lost in a power cut is only made again.
        fd, temp = tempfile.mkstemp(prefix=f".{cached.name}.", dir=cached.parent)
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(state, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, cached)
        # Entries for an older copy of this font (an update, a moved install) go.
        stem = cached.stem.rsplit("-", 1)[0]
        same_font = re.compile(rf"{re.escape(stem)}-[0-9a-f]{{{DIGEST}}}\.pickle")
        for stale in cached.parent.glob(f"{stem}-*.pickle"):
            if stale != cached and same_font.fullmatch(stale.name):
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        log.warning("font cache %s could not be written", cached, exc_info=True)


def _font(name: str, face: TTFontFace, shapable: bool) -> TTFont:
    """The TTFont ReportLab's constructor would make around an already parsed face."""
    font: TTFont = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable  # type: ignore[attr-defined]
    font.shapable = shapable
    return font
