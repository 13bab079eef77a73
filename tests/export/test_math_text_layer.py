"""Fractions and powers drawn from glyphs read back as their words: search and speech work."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mathroom.export.layout import CardLayout, PaperSize
from mathroom.export.task_cards import Card, build_task_cards

pytestmark = pytest.mark.any_date

TEXT = r"Find $\frac{3}{4}$ of 12, then $\frac{a}{11}$, $11^{2}$ and $7^{-2}$."
WORDS = ["3/4 of 12", "a/11", "11²", "7⁻²"]


def _cards(tmp_path: Path) -> Path:
    out = tmp_path / "cards.pdf"
    build_task_cards(
        [Card("Powers", TEXT, station=1)], CardLayout.HALF, PaperSize.LETTER, out, hints=False
    )
    return out


def test_pypdf_reads_fractions_and_powers(tmp_path: Path) -> None:
    text = PdfReader(_cards(tmp_path)).pages[0].extract_text()
    for words in WORDS:
        assert words in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_reads_fractions_and_powers(tmp_path: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(_cards(tmp_path)), "-"], check=True, capture_output=True, text=True
    ).stdout
    for words in WORDS:
        assert words in text
