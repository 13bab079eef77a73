"""Dark rooms: the window's colours come from the theme, so a page or dialog follows light and
dark appearance. Outside ui/theme.py no window code writes a colour of its own (a hex value in
a string, or a named colour handed to QColor); the projector keeps its own palettes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.any_date  # the same on any day: source text, not dates

UI = Path(__file__).resolve().parents[2] / "src" / "mathroom" / "ui"
# The theme holds the window's colours, and its icon engine the ink the icon files are drawn
# in (swapped for the theme's); the projector is its own room (its palettes, black curtain and
# white paper are the same in light and dark appearance, high contrast included).
OWN_COLOURS = {UI / "theme.py", UI / "themed_icon.py", *(UI / "projector").rglob("*.py")}
# rich_text.py reads a colour out of typeset math to recolour it: a comparison, not a colour.
COMPARES = {UI / "rich_text.py"}
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
COLOUR_WORDS = r"(?:white|black|red|green|blue|yellow|gray|grey|orange)"
NAMED = re.compile(rf"^{COLOUR_WORDS}$|(?:color|background)\s*:\s*{COLOUR_WORDS}\b", re.I)


def colours_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string that is a colour or holds a hex colour, and each Qt
    global colour (Qt.white, Qt.GlobalColor.black …)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if HEX.search(node.value) or NAMED.search(node.value.strip()):
                found.append((node.lineno, node.value.strip()[:40]))
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "GlobalColor"
            and node.attr != "transparent"
        ):
            found.append((node.lineno, f"GlobalColor.{node.attr}"))
    return found


def test_window_code_takes_its_colours_from_the_theme() -> None:
    checked = sorted(set(UI.rglob("*.py")) - OWN_COLOURS - COMPARES)
    assert len(checked) > 50 and UI / "pages" / "library_page.py" in checked
    found = [
        f"{path.relative_to(UI)}:{line}: {text!r}"
        for path in checked
        for line, text in colours_in(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = QColor("#1d2433")', [(1, "#1d2433")]),
        ('s = f"color: #fff;"', [(1, "color: #fff;")]),
        ('pen = QColor("white")', [(1, "white")]),
        ('w.setStyleSheet("background: white;")', [(1, "background: white;")]),
        ("brush = Qt.GlobalColor.black", [(1, "GlobalColor.black")]),
        ("picture.fill(Qt.GlobalColor.transparent)", []),
        ('label("Period #3")\nx = QColor(theme.colors().ink)', []),
        ('label("Colour the red cells")', []),
    ],
)
def test_the_rule_sees_colours_and_not_other_words(
    source: str, expected: list[tuple[int, str]]
) -> None:
    assert colours_in(source) == expected
