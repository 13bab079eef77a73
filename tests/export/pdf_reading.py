"""Reading produced PDFs back: their fonts and text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def _dict(value: Any) -> DictionaryObject:
    resolved = value.get_object()
    assert isinstance(resolved, DictionaryObject)
    return resolved


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Base font name -> whether its file is embedded, over every page."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = _dict(page["/Resources"])
        for ref in _dict(resources.get("/Font", DictionaryObject())).values():
            font = _dict(ref)
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descendant = _dict(font["/DescendantFonts"][0])  # type: ignore[index]  # an array
                descriptor = descendant.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in _dict(descriptor) for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def pdf_text(path: Path) -> list[str]:
    """Each page's extracted text."""
    return [page.extract_text() for page in PdfReader(path).pages]
