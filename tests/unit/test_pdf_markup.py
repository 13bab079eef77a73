"""Names are data: escaped for ReportLab, with CJK runs wrapped in the CJK font."""

from __future__ import annotations

from mathroom.export.fonts import CJK, paragraph_markup


def test_markup_characters_are_escaped() -> None:
    assert paragraph_markup("<b>Bob</b> & co") == "&lt;b&gt;Bob&lt;/b&gt; &amp; co"


def test_cjk_runs_get_the_cjk_font() -> None:
    assert paragraph_markup("王, 美玲 (Mei)") == (
        f'<font name="{CJK}">王</font>, <font name="{CJK}">美玲</font> (Mei)'
    )


def test_hangul_is_cjk_and_latin_accents_are_not() -> None:
    assert paragraph_markup("김 Zoë") == f'<font name="{CJK}">김</font> Zoë'


def test_text_is_nfc_normalised() -> None:
    assert paragraph_markup("Jose\u0301") == "José"
