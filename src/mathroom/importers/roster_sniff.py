"""Telling what a roster file really is from its bytes, and decoding its text."""

from __future__ import annotations

from enum import Enum

from mathroom.importers.roster_errors import RosterImportError

MAX_BYTES = 50 * 1024 * 1024
EXPORT_INSTEAD = "export the roster as CSV or Excel instead"

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_SNIFF = 4096
# Text files hold tabs and line breaks; anything else below 0x20 means binary data.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}) | {0x7F}


class Kind(Enum):
    TEXT = "text"
    ZIP = "zip"


def size_problem(size: int) -> str:
    return f"the file is {size / 1_048_576:.0f} MB; roster files over 50 MB can't be imported"


def classify(data: bytes, source: str) -> Kind:
    """Refuse empty, binary, image, PDF and old-Excel files; say whether the rest is zip or text."""
    if len(data) > MAX_BYTES:
        raise RosterImportError(source, size_problem(len(data)))
    if not data.strip(b" \t\r\n\x00"):
        raise RosterImportError(source, "the file is empty")
    head = data[:_SNIFF]
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise RosterImportError(source, f"this looks like an image ({name}), not a roster")
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise RosterImportError(source, "this looks like an image (WebP), not a roster")
    if head.startswith(b"%PDF-"):
        raise RosterImportError(source, f"this is a PDF, not a roster file; {EXPORT_INSTEAD}")
    if head.startswith(OLE2_MAGIC):
        raise RosterImportError(
            source, "Excel 97-2003 .xls files can't be read; save as .xlsx or CSV"
        )
    if head.startswith(_ZIP):
        return Kind.ZIP
    if head.startswith(_UTF16_BOMS):
        return Kind.TEXT  # Excel's "Unicode Text": UTF-16 with tabs, full of NUL bytes
    if b"\x00" in data.rstrip(b"\x00") or _mostly_control(head.rstrip(b"\x00")):
        raise RosterImportError(
            source, f"this doesn't look like a roster (it holds binary data); {EXPORT_INSTEAD}"
        )
    start = head.lstrip(b" \t\r\n" + _UTF8_BOM)[:64].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body")):
        raise RosterImportError(
            source, f"this is a web page (HTML), not a roster file; {EXPORT_INSTEAD}"
        )
    if start.startswith(b"<?xml"):
        raise RosterImportError(
            source, "this is an XML file (perhaps an Excel 2003 XML sheet); save as .xlsx or CSV"
        )
    return Kind.TEXT


def _mostly_control(head: bytes) -> bool:
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(4, len(head) // 20)


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(_UTF8_BOM):
        text, encoding = data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        data = data.rstrip(b"\x00")  # some exporters pad the end of a file with NUL bytes
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _utf8_or_cp1252(data)
    if not text.strip():
        raise RosterImportError(source, "the file is empty")
    return text, encoding


def _utf8_or_cp1252(data: bytes) -> tuple[str, str]:
    # One damaged byte in an otherwise UTF-8 file should not turn every "é" into "Ã©":
    # real Windows-1252 text almost never forms valid multi-byte UTF-8 sequences.
    as_utf8 = data.decode("utf-8", errors="replace")
    damaged = as_utf8.count("\ufffd")
    non_ascii = len(as_utf8) - len(as_utf8.encode("ascii", errors="ignore")) - damaged
    if non_ascii >= 2 * damaged:
        return as_utf8, "utf-8"
    # The five bytes Windows-1252 leaves undefined become U+FFFD rather than an error.
    return data.decode("cp1252", errors="replace"), "cp1252"
