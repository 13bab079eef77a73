"""Light and dark appearance: the window follows the system, the teacher can keep one, every
main text style keeps WCAG AA contrast, and level cells keep a readable letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.skills import Level
from mathroom.ui import theme
from mathroom.ui.main_window import MainWindow
from mathroom.ui.pages.skills_page import SkillsPage
from mathroom.ui.settings import WindowSettings

pytestmark = pytest.mark.any_date  # the same on any day: colours, not dates

AA = 4.5
SHOTS = Path("/tmp/dark-shots")


def make_window(qtbot: QtBot, services: Services, settings: Path) -> MainWindow:
    window = MainWindow(services, WindowSettings(settings))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def system_switches_to(scheme: Qt.ColorScheme) -> None:
    QGuiApplication.styleHints().colorSchemeChanged.emit(scheme)


def test_the_window_follows_the_system_scheme_live(
    qtbot: QtBot, app: QApplication, services: Services, tmp_path: Path
) -> None:
    theme.follow_system(app)
    window = make_window(qtbot, services, tmp_path / "w.ini")
    system_switches_to(Qt.ColorScheme.Dark)
    assert theme.colors() is theme.DARK
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK.paper)
    assert f"background: {theme.DARK.card}" in app.styleSheet()
    assert theme.LIGHT.card not in app.styleSheet()
    system_switches_to(Qt.ColorScheme.Light)
    assert theme.colors() is theme.LIGHT
    assert window.palette().color(QPalette.ColorRole.Window) == QColor(theme.LIGHT.paper)
    assert f"background: {theme.LIGHT.card}" in app.styleSheet()


def test_the_teachers_choice_wins_over_the_system_and_is_remembered(
    qtbot: QtBot, app: QApplication, services: Services, tmp_path: Path
) -> None:
    theme.follow_system(app)
    settings = tmp_path / "w.ini"
    window = make_window(qtbot, services, settings)
    window.appearance_menu.actions_[theme.DARK.name].trigger()
    assert theme.colors() is theme.DARK
    system_switches_to(Qt.ColorScheme.Light)  # the teacher said dark: the system can't undo it
    assert theme.colors() is theme.DARK
    window.close()
    assert WindowSettings(settings).appearance() == "dark"
    theme.set_appearance(app, theme.SYSTEM)
    again = make_window(qtbot, services, settings)
    assert theme.colors() is theme.DARK
    assert again.appearance_menu.actions_[theme.DARK.name].isChecked()
    again.appearance_menu.actions_[theme.SYSTEM].trigger()
    assert theme.colors() is theme.LIGHT  # the system (light) again
    assert WindowSettings(settings).appearance() == "system"


def test_an_unknown_appearance_names_the_field(app: QApplication) -> None:
    with pytest.raises(ValueError, match="appearance"):
        theme.set_appearance(app, "sepia")


def _rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        props = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", body))
        found.append((selector.strip(), {k: v.strip() for k, v in props.items()}))
    return found


@pytest.mark.parametrize("colors", [theme.LIGHT, theme.DARK], ids=lambda c: c.name)
def test_every_text_colour_in_the_style_sheet_reads_on_its_ground(colors: theme.Colors) -> None:
    """Each rule's text on its own background, or on the paper and the cards it sits on."""
    checked = 0
    for selector, props in _rules(theme.style_sheet(colors)):
        ink = props.get("color") or props.get("selection-color")
        if ink is None or ":disabled" in selector:
            continue
        ground = props.get("background") or props.get("selection-background-color")
        grounds = [ground] if ground else [colors.paper, colors.card, colors.header]
        for under in grounds:
            ratio = theme.contrast(ink, under)
            assert ratio >= AA, f"{colors.name}: {selector} {ink} on {under} is {ratio:.2f}:1"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("colors", [theme.LIGHT, theme.DARK], ids=lambda c: c.name)
def test_the_other_text_colours_read_on_paper_cards_and_their_own_grounds(
    colors: theme.Colors,
) -> None:
    for ink in (colors.ink, colors.muted, colors.accent_text, colors.error, colors.present):
        for under in (colors.paper, colors.card, colors.header, colors.selection):
            assert theme.contrast(ink, under) >= AA, (colors.name, ink, under)
    for ink in (colors.absent, colors.late):
        assert theme.contrast(ink, colors.card) >= AA
    for ink, under in (
        (colors.warning_ink, colors.warning_bg),
        (colors.ok_ink, colors.ok_bg),
        (colors.info_ink, colors.info_bg),
        (colors.ink, colors.no_evidence),
        (colors.ink, colors.info_bg),
        ("#ffffff", colors.accent),
        ("#ffffff", colors.sidebar),
    ):
        assert theme.contrast(ink, under) >= AA, (colors.name, ink, under)
    assert theme.contrast(colors.faint, colors.card) >= 3.0  # quieter on purpose, still legible
    for shade in colors.shades:
        assert theme.contrast(theme.ink_on(shade), shade) >= AA


def test_contrast_is_the_wcag_ratio() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#777777") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_gap_map_cells_show_their_letter_readably_in_both_themes(
    qtbot: QtBot, app: QApplication, services: Services, tmp_path: Path, appearance: str
) -> None:
    window = make_window(qtbot, services, tmp_path / "w.ini")
    window.appearance_menu.choose(appearance)
    page = window.show_page("Skills")
    assert isinstance(page, SkillsPage)
    model = page.gap.model
    seen: set[Level] = set()
    for row in range(model.rowCount()):
        for column in range(1, model.columnCount()):
            index = model.index(row, column)
            letter = model.data(index, Qt.ItemDataRole.DisplayRole)
            ground = QColor(model.data(index, Qt.ItemDataRole.BackgroundRole))
            ink = QColor(model.data(index, Qt.ItemDataRole.ForegroundRole))
            level = next((lv for lv in Level if lv.letter == letter), None)
            if level is None:
                assert ground == QColor(theme.colors().no_evidence)
                continue
            seen.add(level)
            assert ground == theme.LEVEL_COLORS[level]  # the hue means the level everywhere
            assert theme.contrast(ink, ground) >= AA, (appearance, level, ink.name())
    assert seen == set(Level)  # the demo has every level somewhere
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / f"skills-{appearance}.png"))


@pytest.mark.parametrize("level", list(Level))
def test_each_level_letter_reads_on_its_colour(level: Level) -> None:
    assert level.letter
    assert theme.contrast(theme.level_ink(level), theme.LEVEL_COLORS[level]) >= AA


LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")


def test_projector_high_contrast_is_toggled_remembered_and_still_private(
    qtbot: QtBot, app: QApplication, services: Services, tmp_path: Path
) -> None:
    settings = tmp_path / "w.ini"
    window = make_window(qtbot, services, settings)
    window.open_projector()
    panel, projector = window.projector_panel, window.projector
    assert panel is not None and projector is not None
    projector.show_on(None)
    qtbot.waitExposed(projector)
    normal_px = projector.views[0].min_px
    panel.contrast_check.click()
    assert projector.high_contrast
    assert projector.palette_.background == "#000000" and projector.palette_.ink == "#ffffff"
    assert projector.views[0].min_px > normal_px  # larger type
    assert theme.contrast(projector.palette_.muted, projector.palette_.background) >= 7
    assert WindowSettings(settings).projector_high_contrast()
    projector.toggle_theme()  # light keeps high contrast: black on white
    assert projector.high_contrast and projector.palette_.background == "#ffffff"
    assert panel.contrast_check.isChecked()
    shown = projector.visible_text()
    for word in LEVEL_WORDS:
        assert word not in shown
    assert "conflict" not in shown.casefold()
    SHOTS.mkdir(exist_ok=True)
    projector.grab().save(str(SHOTS / "projector-high-contrast.png"))
    panel.close()
    # Next time the projector opens in high contrast at once.
    window.open_projector()
    assert window.projector is not None and window.projector_panel is not None
    assert window.projector.high_contrast
    assert window.projector_panel.contrast_check.isChecked()
    window.projector_panel.contrast_check.click()
    assert not window.projector.high_contrast
    assert not WindowSettings(settings).projector_high_contrast()
    window.projector_panel.close()
