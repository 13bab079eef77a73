"""Every name in every script prints shaped and in order; the text layer reads back right.

Shaping is checked against HarfBuzz itself: the glyphs the PDF draws for a name, in the order
they are drawn, are the glyphs uharfbuzz gives for that font, words in right-to-left order.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts

from mathroom import paths
from mathroom.export.document import write_pdf
from mathroom.export.fonts import (
    BODY,
    CJK,
    ITALIC,
    paragraph,
    register_fonts,
    to_unicode_cmap,
    visual_order,
)
from mathroom.export.layout import PaperSize
from mathroom.export.packet import build_packet
from mathroom.export.packet_model import Packet, PacketOptions
from mathroom.export.rich_text import RichText
from mathroom.export.task_cards import Card, CardLayout, build_task_cards
from tests.export.pdf_reading import fonts_of
from tests.export.test_packet import _period

ARABIC = "ليلى حداد"
VIETNAMESE = "Nguyễn Thị Ánh"
CHINESE = "王小明"


def _fonts(reader: PdfReader) -> Any:
    return reader.pages[0]["/Resources"].get_object()["/Font"].get_object()  # type: ignore[index]


def _to_unicode(font: Any) -> str:
    data: bytes = font.get_object()["/ToUnicode"].get_object().get_data()
    return data.decode("latin-1")


@pytest.fixture
def subsets(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Each font subset's characters as ReportLab holds them (a shaped Arabic letter as its
    joining form, U+FEF3...), recorded while their ToUnicode CMaps are written: the CMaps
    give the letters typed (U+064A), which no longer name the glyph drawn."""
    register_fonts()
    seen: dict[str, list[int]] = {}

    def record(fontname: str, subset: list[int]) -> str:
        seen[fontname] = list(subset)
        return to_unicode_cmap(fontname, subset)

    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", record)
    return seen


def _drawn(reader: PdfReader, subsets: dict[str, list[int]]) -> list[tuple[str, str]]:
    """(font base name, characters) of every string shown, in drawing order."""
    page = reader.pages[0]
    maps: dict[str, tuple[str, dict[int, str]]] = {}
    for key, ref in _fonts(reader).items():
        font = ref.get_object()
        assert isinstance(font, DictionaryObject)
        base = str(font["/BaseFont"]).lstrip("/")
        table = {index: chr(code) for index, code in enumerate(subsets[base])}
        maps[key] = (base.split("+")[-1], table)
    shown: list[tuple[str, str]] = []
    current = ""
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            current = str(operands[0])
        elif operator in (b"Tj", b"TJ"):
            items = operands[0] if operator == b"TJ" else [operands[0]]
            name, table = maps[current]
            for item in items:
                if isinstance(item, bytes | str) and not isinstance(item, int | float):
                    raw = item if isinstance(item, bytes) else item.encode("latin-1")
                    shown.append((name, "".join(table[b] for b in raw)))
    return shown


def _harfbuzz_glyphs(font_file: Path, word: str) -> list[int]:
    face = uharfbuzz.Face(uharfbuzz.Blob(font_file.read_bytes()))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def _char_to_glyph(font_name: str) -> dict[int, int]:
    font: Any = pdfmetrics.getFont(font_name)
    return dict(font.face.charToGlyph)


def _glyphs_drawn(text: str, font_name: str) -> list[int]:
    char_to_glyph = _char_to_glyph(font_name)
    return [char_to_glyph[ord(c)] for c in text if not c.isspace()]


def _names_pdf(tmp_path: Path, story: list[object]) -> PdfReader:
    out = tmp_path / "names.pdf"
    write_pdf(story, out, PaperSize.LETTER, "Names")  # type: ignore[arg-type]
    return PdfReader(out)


def test_an_arabic_name_is_shaped_by_harfbuzz_and_its_words_run_right_to_left(
    tmp_path: Path,
    subsets: dict[str, list[int]],
) -> None:
    register_fonts()
    style = ParagraphStyle("n", fontName=BODY, fontSize=12)
    reader = _names_pdf(tmp_path, [paragraph(ARABIC, style)])
    drawn = "".join(text for font, text in _drawn(reader, subsets) if font == BODY)
    font_file = paths.resource("fonts", "DejaVuSans.ttf")
    first, last = ARABIC.split()
    # Right to left: the family name is drawn first (leftmost), then the given name.
    expected = _harfbuzz_glyphs(font_file, last) + _harfbuzz_glyphs(font_file, first)
    assert _glyphs_drawn(drawn, BODY) == expected
    # Unshaped, letter by letter, would be the isolated letters' glyphs instead.
    unshaped = [_char_to_glyph(BODY)[ord(c)] for c in last + first]
    assert expected != unshaped


def test_arabic_inside_task_text_is_shaped_too(
    tmp_path: Path, subsets: dict[str, list[int]]
) -> None:
    register_fonts()
    reader = _names_pdf(tmp_path, [RichText(f"Ask {ARABIC} to share.", 12)])
    drawn = [text for font, text in _drawn(reader, subsets) if font == BODY]
    font_file = paths.resource("fonts", "DejaVuSans.ttf")
    first, last = ARABIC.split()
    arabic = "".join(t for t in drawn if not t.isascii())
    expected = _harfbuzz_glyphs(font_file, last) + _harfbuzz_glyphs(font_file, first)
    assert _glyphs_drawn(arabic, BODY) == expected
    assert drawn[0].startswith("Ask") and drawn[-1].endswith("to share.")


def test_vietnamese_keeps_its_stacked_marks_and_chinese_gets_the_cjk_font(
    tmp_path: Path,
    subsets: dict[str, list[int]],
) -> None:
    register_fonts()
    style = ParagraphStyle("n", fontName=BODY, fontSize=12)
    reader = _names_pdf(tmp_path, [paragraph(VIETNAMESE, style), paragraph(CHINESE, style)])
    drawn = _drawn(reader, subsets)
    assert (BODY, VIETNAMESE) in drawn  # ễ and Á as single, precomposed glyphs of DejaVu
    assert (CJK.split("+")[-1] + "-0", CHINESE) in drawn or any(
        font.startswith(CJK) and text == CHINESE for font, text in drawn
    )
    glyphs = _char_to_glyph(BODY)
    assert all(ord(c) in glyphs for c in VIETNAMESE)


def test_mixed_lines_put_the_comma_after_the_arabic_name_in_reading_order() -> None:
    ordered = visual_order(f"Group 3: {ARABIC}, Omar")
    last = ARABIC.split()[1]
    assert ordered.startswith(f"Group 3: {last} ")
    assert ordered.endswith(" Omar")
    assert visual_order("Nguyễn Thị Ánh") == "Nguyễn Thị Ánh"  # left-to-right is untouched


def test_emphasised_prose_prints_in_the_italic_face(
    tmp_path: Path, subsets: dict[str, list[int]]
) -> None:
    register_fonts()
    reader = _names_pdf(tmp_path, [RichText("Read it *twice*, then answer.", 12)])
    drawn = _drawn(reader, subsets)
    assert (ITALIC, "twice") in drawn
    assert any(name.endswith(ITALIC) for name in fonts_of(reader))


def _cards_pdf(tmp_path: Path) -> Path:
    out = tmp_path / "cards.pdf"
    card = Card(
        "Balanced bags",
        "Solve $3g + 5 = 20$. Then find $\\frac{x+1}{4}$ when $x = 7$ and $5 - (-9)$.",
        station=1,
    )
    build_task_cards([card], CardLayout.HALF, PaperSize.LETTER, out, hints=False)
    return out


def test_math_letters_read_back_as_letters_with_pypdf(tmp_path: Path) -> None:
    reader = PdfReader(_cards_pdf(tmp_path))
    text = reader.pages[0].extract_text()
    assert "3g + 5 = 20" in text
    assert "(x + 1)/4" in text  # a typeset fraction carries its words invisibly
    assert "5 − (−9)" in text
    assert "\ufffd" not in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_math_letters_read_back_as_letters_with_pdftotext(tmp_path: Path) -> None:
    out = _cards_pdf(tmp_path)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "3g + 5 = 20" in text
    assert "(x + 1)/4" in text
    assert "5 − (−9)" in text
    assert "ᵅ" not in text


def test_non_bmp_glyphs_get_utf16_surrogates_in_to_unicode(tmp_path: Path) -> None:
    reader = PdfReader(_cards_pdf(tmp_path))
    for ref in _fonts(reader).values():
        cmap = _to_unicode(ref)
        targets = re.findall(r"<[0-9A-F]{2}> <([0-9A-F]{3,})>", cmap)
        assert targets
        assert all(len(target) % 4 == 0 for target in targets), cmap


def test_every_pdf_carries_a_title_and_a_language(tmp_path: Path) -> None:
    cards = PdfReader(_cards_pdf(tmp_path))
    packet_out = tmp_path / "packet.pdf"
    period = replace(_period("Period 1"), roster_names=("حداد, ليلى", "Nguyễn, Thị Ánh"))
    build_packet(Packet(date(2026, 11, 24), (period,), PacketOptions()), packet_out)
    packet = PdfReader(packet_out)
    for reader, title in ((cards, "Task cards"), (packet, "Day packet")):
        assert reader.metadata is not None and (reader.metadata.title or "").startswith(title)
        assert str(reader.root_object["/Lang"]) == "en-US"
    packet_text = "\n".join(page.extract_text() for page in packet.pages)
    assert "Find −6 − (−10)" in packet_text  # the exit ticket's math, as text


def test_a_shaped_arabic_name_reads_back_as_the_letters_typed(tmp_path: Path) -> None:
    # Shaping draws joining forms (initial yeh U+FEF3...): the text layer gives the letters
    # typed, so a search for the name finds it and a screen reader reads it.
    register_fonts()
    style = ParagraphStyle("n", fontName=BODY, fontSize=12)
    out = tmp_path / "names.pdf"
    write_pdf([paragraph(f"{ARABIC} (Layla)", style)], out, PaperSize.LETTER, "Names")
    texts = [PdfReader(out).pages[0].extract_text()]
    if shutil.which("pdftotext") is not None:
        pdftotext = ["pdftotext", str(out), "-"]
        texts.append(subprocess.run(pdftotext, check=True, capture_output=True, text=True).stdout)
    for text in texts:
        assert all(word in text for word in ARABIC.split()), ascii(text)
        assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in text), ascii(text)
