"""Names in every script and italic prose on the app's screens, compared glyph by glyph.

Qt shapes text itself (HarfBuzz inside Qt); these tests lay out what the projector's labels
and the task text show and check the glyphs drawn: Arabic joined and its words right to
left as uharfbuzz gives them for DejaVu Sans, Vietnamese marks on their letters, CJK from a
font that has it, and emphasised prose from the oblique face rather than slanted upright
letters.
"""

from __future__ import annotations

import random
import unicodedata

import pytest
import uharfbuzz
from PySide6.QtGui import QFont, QGlyphRun, QTextDocument, QTextLayout
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mathroom import paths
from mathroom.services.projector import GroupRevealScene, GroupTile, Seat, TaskScene
from mathroom.ui import theme
from mathroom.ui.projector.group_reveal_view import GroupRevealView
from mathroom.ui.projector.projector_window import ProjectorWindow
from mathroom.ui.projector.task_view import TaskView
from mathroom.ui.rich_text import MathBrowser, RichHtml

pytestmark = pytest.mark.any_date  # no dates here

ARABIC = "ليلى حداد"
VIETNAMESE = "Nguyễn Thị Ánh"
CHINESE = "王小明"


def _harfbuzz_glyphs(word: str) -> list[int]:
    face = uharfbuzz.Face(uharfbuzz.Blob(paths.resource("fonts", "DejaVuSans.ttf").read_bytes()))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def _runs(text: str, font: QFont) -> list[QGlyphRun]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)  # one line, as a label that fits shows it
    layout.endLayout()
    return line.glyphRuns()


def _left_to_right(run: QGlyphRun) -> list[int]:
    """The run's glyphs in the order they stand on screen, left to right."""
    placed = sorted(zip(run.positions(), run.glyphIndexes(), strict=True), key=lambda p: p[0].x())
    return [glyph for _position, glyph in placed]


def _no_missing_glyphs(text: str, runs: list[QGlyphRun]) -> None:
    for run in runs:
        assert 0 not in run.glyphIndexes(), f"a missing-glyph box in {text!r}"
    shown = "".join(c for c in text if not c.isspace())
    assert all(any(run.rawFont().supportsCharacter(ord(c)) for run in runs) for c in shown)


def _seat_label(view: GroupRevealView, name: str) -> QLabel:
    labels = [label for label in view.findChildren(QLabel) if label.text() == name]
    assert labels, f"{name!r} is not on the projector"
    return labels[0]


def test_names_in_every_script_show_shaped_on_the_projector(qtbot: QtBot) -> None:
    theme.register_fonts()  # as the app does at start-up
    names = (ARABIC, VIETNAMESE, CHINESE, "Yusuf ح.")
    tiles = (GroupTile("Whiteboard 1", tuple(Seat(name, "") for name in names)),)
    window = ProjectorWindow(clock=lambda: 0.0, rng=random.Random(1))
    qtbot.addWidget(window)
    window.show_scenes([GroupRevealScene("0:groups", 0, "Today’s groups", tiles)], fresh=True)
    window.show()
    window.resize(1280, 720)
    view = window.view
    assert isinstance(view, GroupRevealView)
    view.settle()  # the names land in their seats

    arabic = _seat_label(view, ARABIC)
    runs = _runs(arabic.text(), arabic.font())
    assert [run.rawFont().familyName() for run in runs] == ["DejaVu Sans"]
    (run,) = runs
    space = run.rawFont().glyphIndexesForString(" ")[0]
    drawn = [glyph for glyph in _left_to_right(run) if glyph != space]
    given, family = ARABIC.split()
    # Joined letters, and the family name leftmost: the words run right to left.
    assert drawn == _harfbuzz_glyphs(family) + _harfbuzz_glyphs(given)
    isolated = run.rawFont().glyphIndexesForString(family + given)
    assert drawn != list(isolated)  # what unshaped letters would have drawn

    vietnamese = _seat_label(view, VIETNAMESE)
    runs = _runs(vietnamese.text(), vietnamese.font())
    _no_missing_glyphs(VIETNAMESE, runs)
    # ễ and Á as one glyph each (DejaVu's precomposed letters), not a letter and loose marks.
    assert sum(len(run.glyphIndexes()) for run in runs) == len(
        unicodedata.normalize("NFC", VIETNAMESE)
    )

    chinese = _seat_label(view, CHINESE)
    _no_missing_glyphs(CHINESE, _runs(chinese.text(), chinese.font()))

    # A Latin name with an Arabic initial keeps its full stop after the initial.
    mixed = _seat_label(view, "Yusuf ح.")
    runs = _runs(mixed.text(), mixed.font())
    where: dict[str, float] = {}
    for run in runs:
        for char in "ح.":
            (glyph,) = run.rawFont().glyphIndexesForString(char)
            for position, drawn_glyph in zip(run.positions(), run.glyphIndexes(), strict=True):
                if drawn_glyph == glyph:
                    where[char] = position.x()
    assert where["ح"] < where["."]
    window.close()


def _italic_runs(document: QTextDocument, word: str) -> tuple[list[str], list[QGlyphRun]]:
    """The faces the document draws with, and the runs drawing ``word``'s glyphs."""
    faces: list[str] = []
    found: list[QGlyphRun] = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        lines = [layout.lineAt(n) for n in range(layout.lineCount())]
        for run in (run for line in lines for run in line.glyphRuns()):
            raw = run.rawFont()
            faces.append(raw.styleName())
            if list(run.glyphIndexes()) == list(raw.glyphIndexesForString(word)):
                found.append(run)
        block = block.next()
    return faces, found


def test_emphasised_prose_shows_in_the_italic_face_on_the_projector(qtbot: QtBot) -> None:
    theme.register_fonts()
    prompt = "Read it *twice*, then answer."
    scene = TaskScene("0:task", 0, "Whiteboard 1", "Careful reading", prompt, (), ())
    window = ProjectorWindow(clock=lambda: 0.0, rng=random.Random(1))
    qtbot.addWidget(window)
    window.show_scenes([scene], fresh=True)
    window.show()
    window.resize(1280, 720)
    view = window.view
    assert isinstance(view, TaskView)
    qtbot.waitUntil(lambda: "twice" in view.body.document.toPlainText())
    faces, twice = _italic_runs(view.body.document, "twice")
    assert [run.rawFont().styleName() for run in twice] == ["Oblique"]  # DejaVu Sans Oblique
    assert twice[0].rawFont().familyName() == "DejaVu Sans"
    assert "Book" in faces  # the rest of the prompt stays upright
    window.close()


def test_emphasised_prose_shows_in_the_italic_face_in_the_task_bank(qtbot: QtBot) -> None:
    theme.register_fonts()
    browser = MathBrowser()  # the Tasks page's and Practice page's task text
    qtbot.addWidget(browser)
    browser.resize(600, 300)
    browser.show_rich(RichHtml(QFont("DejaVu Sans", 11)).text("How much was there 3 min *ago*?"))
    browser.show()
    faces, ago = _italic_runs(browser.document(), "ago")
    assert [run.rawFont().styleName() for run in ago] == ["Oblique"]
    assert "Book" in faces
    browser.close()
