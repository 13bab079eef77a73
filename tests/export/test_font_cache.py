"""Parsed fonts kept between runs: the same font as a fresh parse, and never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from mathroom import paths
from mathroom.export.font_cache import load_font

pytestmark = pytest.mark.any_date

DEJAVU = paths.resource("fonts", "DejaVuSans.ttf")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(folder))
    return folder


def _face_state(font: TTFont) -> dict[str, object]:
    return {k: v for k, v in font.face.__dict__.items() if k != "_pdfScale"}


def test_a_cached_font_equals_a_freshly_parsed_one(cache: Path) -> None:
    first = load_font("CacheA", DEJAVU)
    assert list((cache / "fonts").glob("DejaVuSans-*.pickle"))
    second = load_font("CacheB", DEJAVU)
    fresh = TTFont("CacheC", str(DEJAVU))
    assert _face_state(second) == _face_state(fresh) == _face_state(first)
    assert second.face._pdfScale(1000) == fresh.face._pdfScale(1000)  # type: ignore[attr-defined]
    assert {k for k in vars(second)} == {k for k in vars(fresh)}
    assert second.shapable == fresh.shapable
    assert second.stringWidth("Amara Okafor 3/4", 11) == fresh.stringWidth("Amara Okafor 3/4", 11)


def _pdf(font: TTFont, out: Path) -> bytes:
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(font)
    canvas = Canvas(str(out), invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 720, "Nguyễn Thị Ánh · José · 7 × 8 = 56")
    canvas.save()
    return out.read_bytes().replace(font.fontName.encode(), b"F")


def test_a_pdf_made_with_the_cached_font_is_the_same_file(cache: Path, tmp_path: Path) -> None:
    load_font("Warm", DEJAVU)
    cached = _pdf(load_font("Same", DEJAVU), tmp_path / "cached.pdf")
    fresh = _pdf(TTFont("Same", str(DEJAVU)), tmp_path / "fresh.pdf")
    assert cached == fresh


def test_a_damaged_cache_file_is_ignored_and_made_again(cache: Path) -> None:
    load_font("Damaged1", DEJAVU)
    (entry,) = (cache / "fonts").glob("DejaVuSans-*.pickle")
    entry.write_bytes(b"not a pickle")
    font = load_font("Damaged2", DEJAVU)
    assert _face_state(font) == _face_state(TTFont("Damaged3", str(DEJAVU)))


def test_each_face_keeps_its_own_entry(cache: Path) -> None:
    load_font("Regular", DEJAVU)
    load_font("Bold", paths.resource("fonts", "DejaVuSans-Bold.ttf"))
    names = sorted(p.name.rsplit("-", 1)[0] for p in (cache / "fonts").glob("*.pickle"))
    assert names == ["DejaVuSans", "DejaVuSans-Bold"]


def test_a_changed_font_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "Copy.ttf"
    copy.write_bytes(DEJAVU.read_bytes())
    load_font("Changed1", copy)
    copy.write_bytes(paths.resource("fonts", "DejaVuSans-Bold.ttf").read_bytes())
    font = load_font("Changed2", copy)
    assert font.face.name == TTFont("Changed3", str(copy)).face.name != b"DejaVuSans"
    assert len(list((cache / "fonts").glob("Copy-*.pickle"))) == 1  # the old entry went


def test_an_unwritable_cache_folder_still_gives_the_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(blocker))
    font = load_font("Unwritable", DEJAVU)
    assert font.stringWidth("abc", 10) == TTFont("Fresh", str(DEJAVU)).stringWidth("abc", 10)
