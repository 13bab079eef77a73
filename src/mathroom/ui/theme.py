"""Colours, fonts and the application style sheet: calm, high contrast, readable at 7 a.m."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from mathroom import paths
from mathroom.domain.skills import Level
from mathroom.ui.themed_icon import ThemedIconEngine

INK = "#1d2433"
MUTED = "#5b6475"
PAPER = "#f6f7fb"
CARD = "#ffffff"
ACCENT = "#2f5aa8"
SIDEBAR = "#1f2a44"
WARNING_BG = "#fff4d6"
WARNING_INK = "#6b4e00"
SHEET = "#ffffff"  # a printed page shown on screen is paper: white in either appearance

# Okabe–Ito derived, colour-blind safe, and each level also carries a letter for greyscale.
LEVEL_COLORS = {
    Level.NOT_YET: QColor("#d55e00"),
    Level.GETTING_THERE: QColor("#e69f00"),
    Level.GOT_IT: QColor("#56b4e9"),
    Level.EXTENDING: QColor("#0072b2"),
}

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {PAPER}; }}
QWidget {{ color: {INK}; }}
QLabel#pageTitle {{ font-size: 20pt; font-weight: 600; }}
QLabel#pagePurpose {{ color: {MUTED}; font-size: 10.5pt; }}
QLabel#sectionTitle {{ font-size: 12.5pt; font-weight: 600; margin-top: 6px; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#cardTitle {{ font-size: 11pt; font-weight: 600; }}
QPushButton#small {{ padding: 2px 8px; }}
QLabel#banner {{ background: {WARNING_BG}; color: {WARNING_INK}; border-radius: 6px;
                 padding: 6px 10px; }}
QLabel#okBanner {{ background: #e6f4ea; color: #1e5631; border-radius: 6px; padding: 6px 10px; }}
QLabel#infoBanner {{ background: #e8effb; color: #1f3d73; border-radius: 6px; padding: 6px 10px; }}
QFrame#card {{ background: {CARD}; border: 1px solid #dde1ea; border-radius: 10px; }}
QListWidget#sidebar {{ background: {SIDEBAR}; color: white; border: none; font-size: 12pt;
                       padding-top: 8px; outline: 0; }}
QListWidget#sidebar::item {{ padding: 10px 18px; border-radius: 6px; margin: 2px 8px; }}
QListWidget#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#sidebar::item:hover:!selected {{ background: #2c3a5c; }}
QWidget#header {{ background: {CARD}; border-bottom: 1px solid #dde1ea; }}
QLabel#appName {{ font-size: 14pt; font-weight: 700; color: {ACCENT}; }}
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid #c5cbd8;
               background: {CARD}; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: none; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #9aaed4; }}
QTableView, QListView, QTreeView, QTextBrowser {{ background: {CARD}; border: 1px solid #dde1ea;
               border-radius: 6px; selection-background-color: #dbe6fb;
               selection-color: {INK}; }}
QTableView::item {{ padding: 4px 6px; }}
QHeaderView::section {{ background: #eef1f7; border: none; border-bottom: 1px solid #dde1ea;
                        padding: 5px 6px; font-weight: 600; }}
QListWidget#dayList::item, QListWidget#historyList::item {{ padding: 8px 10px;
    border-bottom: 1px solid #eef1f7; }}
QListWidget#dayList::item:selected, QListWidget#historyList::item:selected {{
    background: #dbe6fb; color: {INK}; }}
QScrollArea, QWidget#scrollHost {{ background: transparent; }}
QLineEdit, QComboBox {{ padding: 5px 8px; border: 1px solid #c5cbd8; border-radius: 6px;
                        background: {CARD}; }}
"""


def icon(name: str) -> QIcon:
    """A UI icon from resources/icons/ui (``name`` without .svg; '-light' for dark backgrounds,
    like the sidebar). The others draw in the current theme's ink, light or dark."""
    path = paths.resource("icons", "ui", f"{name}.svg")
    if name.endswith("-light"):
        return QIcon(str(path))
    return QIcon(ThemedIconEngine(path, lambda: colors().ink))


def app_icon() -> QIcon:
    # The SVG draws every size sharp (any screen scale); a PNG beside it is used at its size.
    result = QIcon(str(paths.resource("icons", "mathroom.svg")))
    for png in sorted(paths.resource("icons", "png").glob("mathroom-*.png")):
        result.addFile(str(png))
    return result


# The italics too: without them Qt slants the upright letters itself.
UI_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
    "wqy-microhei.ttc",
)


def register_fonts() -> None:
    """The same fonts as the PDFs, so screen and paper match."""
    for name in UI_FONTS:
        QFontDatabase.addApplicationFont(str(paths.resource("fonts", name)))


def apply(app: QApplication) -> None:
    register_fonts()
    font = QFont("DejaVu Sans", 10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(app_icon())
    follow_system(app)


# -- light and dark appearance ---------------------------------------------------------------
# The style sheet above is the light one, kept as it was; ``style_sheet(colors)`` builds either
# from a palette, and ``follow_system`` switches between them live.


@dataclass(frozen=True, slots=True)
class Colors:
    """Every colour the window uses. Text colours keep ≥ 4.5:1 (WCAG AA) on their grounds."""

    name: str
    ink: str
    muted: str
    faint: str  # archived, unused: deliberately quieter than muted, still ≥ 3:1
    paper: str
    card: str
    accent: str  # button and selection ground, under white text
    accent_text: str  # the accent as a text colour on paper or card
    accent_disabled: str
    sidebar: str
    sidebar_hover: str
    line: str
    control_line: str
    header: str
    selection: str
    warning_bg: str
    warning_ink: str
    ok_bg: str
    ok_ink: str
    info_bg: str
    info_ink: str
    error: str  # error text
    error_border: str  # a field at fault
    no_evidence: str  # a gap-map cell with no level yet
    present: str
    absent: str
    late: str
    shades: tuple[str, ...]  # pair counts, none → many

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LIGHT = Colors(
    name="light",
    ink=INK,
    muted=MUTED,
    faint="#737c8f",
    paper=PAPER,
    card=CARD,
    accent=ACCENT,
    accent_text=ACCENT,
    accent_disabled="#9aaed4",
    sidebar=SIDEBAR,
    sidebar_hover="#2c3a5c",
    line="#dde1ea",
    control_line="#c5cbd8",
    header="#eef1f7",
    selection="#dbe6fb",
    warning_bg=WARNING_BG,
    warning_ink=WARNING_INK,
    ok_bg="#e6f4ea",
    ok_ink="#1e5631",
    info_bg="#e8effb",
    info_ink="#1f3d73",
    error="#b3261e",
    error_border="#d55e00",
    no_evidence="#f4f5f8",
    present="#1e5631",
    absent="#b04a00",
    late="#6b4e00",
    shades=("#ffffff", "#dbe6fb", "#a9c1ee", "#6f93d8", "#2f5aa8"),
)

DARK = Colors(
    name="dark",
    ink="#e6e9f0",
    muted="#aab2c3",
    faint="#8a93a6",
    paper="#14181f",
    card="#1c222c",
    accent="#2f5aa8",
    accent_text="#8fb3f5",
    accent_disabled="#3a4a6a",
    sidebar="#0e1219",
    sidebar_hover="#232c3d",
    line="#333b49",
    control_line="#4b5466",
    header="#242b37",
    selection="#2c4470",
    warning_bg="#3b3012",
    warning_ink="#ffdf8a",
    ok_bg="#163320",
    ok_ink="#a6e3b6",
    info_bg="#1a2a45",
    info_ink="#bed3fb",
    error="#ffa39b",
    error_border="#ff9a4d",
    no_evidence="#262c37",
    present="#86d9a0",
    absent="#ffa66b",
    late="#f0c85e",
    shades=("#1c222c", "#243553", "#2f4f85", "#3f6bb8", "#79a3ee"),
)

SYSTEM = "system"
APPEARANCES = (SYSTEM, LIGHT.name, DARK.name)


def style_sheet(c: Colors) -> str:
    """The application style sheet in the palette ``c`` (the same rules as STYLE_SHEET)."""
    return f"""
QMainWindow, QDialog {{ background: {c.paper}; }}
QWidget {{ color: {c.ink}; }}
QLabel#pageTitle {{ font-size: 20pt; font-weight: 600; }}
QLabel#pagePurpose {{ color: {c.muted}; font-size: 10.5pt; }}
QLabel#sectionTitle {{ font-size: 12.5pt; font-weight: 600; margin-top: 6px; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#cardTitle {{ font-size: 11pt; font-weight: 600; }}
QPushButton#small {{ padding: 2px 8px; }}
QLabel#banner {{ background: {c.warning_bg}; color: {c.warning_ink}; border-radius: 6px;
                 padding: 6px 10px; }}
QLabel#okBanner {{ background: {c.ok_bg}; color: {c.ok_ink}; border-radius: 6px;
                   padding: 6px 10px; }}
QLabel#infoBanner {{ background: {c.info_bg}; color: {c.info_ink}; border-radius: 6px;
                     padding: 6px 10px; }}
QFrame#card {{ background: {c.card}; border: 1px solid {c.line}; border-radius: 10px; }}
QListWidget#sidebar {{ background: {c.sidebar}; color: white; border: none; font-size: 12pt;
                       padding-top: 8px; outline: 0; }}
QListWidget#sidebar::item {{ padding: 10px 18px; border-radius: 6px; margin: 2px 8px; }}
QListWidget#sidebar::item:selected {{ background: {c.accent}; color: white; }}
QListWidget#sidebar::item:hover:!selected {{ background: {c.sidebar_hover}; }}
QWidget#header {{ background: {c.card}; border-bottom: 1px solid {c.line}; }}
QLabel#appName {{ font-size: 14pt; font-weight: 700; color: {c.accent_text}; }}
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid {c.control_line};
               background: {c.card}; }}
QPushButton:hover {{ border-color: {c.accent_text}; }}
QPushButton#primary {{ background: {c.accent}; color: white; border: none; font-weight: 600; }}
QPushButton#primary:disabled {{ background: {c.accent_disabled}; }}
QTableView, QListView, QTreeView, QTextBrowser {{ background: {c.card}; border: 1px solid {c.line};
               border-radius: 6px; selection-background-color: {c.selection};
               selection-color: {c.ink}; }}
QTableView::item {{ padding: 4px 6px; }}
QHeaderView::section {{ background: {c.header}; border: none; border-bottom: 1px solid {c.line};
                        padding: 5px 6px; font-weight: 600; }}
QListWidget#dayList::item, QListWidget#historyList::item {{ padding: 8px 10px;
    border-bottom: 1px solid {c.header}; }}
QListWidget#dayList::item:selected, QListWidget#historyList::item:selected {{
    background: {c.selection}; color: {c.ink}; }}
QScrollArea, QWidget#scrollHost {{ background: transparent; }}
QLineEdit, QComboBox {{ padding: 5px 8px; border: 1px solid {c.control_line}; border-radius: 6px;
                        background: {c.card}; }}
"""


def qt_palette(c: Colors) -> QPalette:
    """The same colours for what the style sheet does not reach (menus, spin boxes, tooltips)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, c.paper),
        (roles.WindowText, c.ink),
        (roles.Base, c.card),
        (roles.AlternateBase, c.header),
        (roles.Text, c.ink),
        (roles.Button, c.card),
        (roles.ButtonText, c.ink),
        (roles.ToolTipBase, c.card),
        (roles.ToolTipText, c.ink),
        (roles.PlaceholderText, c.muted),
        (roles.Highlight, c.selection),
        (roles.HighlightedText, c.ink),
        (roles.Link, c.accent_text),
        (roles.BrightText, c.error),
    ):
        palette.setColor(role, QColor(value))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor(c.faint))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor(c.faint))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor(c.faint))
    return palette


def colors_for(appearance: str, system: Qt.ColorScheme) -> Colors:
    """The palette for the teacher's choice; "system" follows the system (light if unknown)."""
    if appearance == DARK.name:
        return DARK
    if appearance == LIGHT.name:
        return LIGHT
    return DARK if system == Qt.ColorScheme.Dark else LIGHT


class _Appearance(QObject):
    """The palette in use, and a signal when it changes (HTML views re-render on it)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.choice = SYSTEM
        self.system = Qt.ColorScheme.Unknown
        self.colors = LIGHT
        self.following = False


_state: _Appearance | None = None


def _appearance() -> _Appearance:
    global _state
    if _state is None:
        _state = _Appearance()
    return _state


def colors() -> Colors:
    """The palette on screen now (light before ``apply``)."""
    return _appearance().colors


def appearance_changed() -> SignalInstance:
    """Emitted after the window's palette changed (system switch or the teacher's choice)."""
    return _appearance().changed


def appearance() -> str:
    """The teacher's choice: "system", "light" or "dark"."""
    return _appearance().choice


def follow_system(app: QApplication) -> None:
    """Take the system's scheme now and whenever it changes (Qt 6.5+)."""
    state = _appearance()
    hints = QGuiApplication.styleHints()
    state.system = hints.colorScheme()
    if not state.following:
        state.following = True
        hints.colorSchemeChanged.connect(_on_color_scheme_changed)
    _restyle(app)


def set_appearance(app: QApplication, choice: str) -> None:
    """The teacher's choice from View ▸ Appearance."""
    if choice not in APPEARANCES:
        raise ValueError(f"appearance: expected one of {', '.join(APPEARANCES)}, got {choice!r}")
    _appearance().choice = choice
    _restyle(app)


def _on_color_scheme_changed(scheme: Qt.ColorScheme) -> None:
    app = QApplication.instance()
    _appearance().system = scheme
    if isinstance(app, QApplication):
        _restyle(app)


def _restyle(app: QApplication) -> None:
    state = _appearance()
    chosen = colors_for(state.choice, state.system)
    if chosen == state.colors and app.styleSheet() == style_sheet(chosen):
        return
    state.colors = chosen
    app.setPalette(qt_palette(chosen))
    app.setStyleSheet(style_sheet(chosen))
    state.changed.emit()


# -- contrast ------------------------------------------------------------------------------


def luminance(color: QColor | str) -> float:
    """WCAG relative luminance of an opaque colour."""
    qcolor = QColor(color)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in (qcolor.redF(), qcolor.greenF(), qcolor.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


DARK_LETTER = QColor("#111111")
LIGHT_LETTER = QColor("#ffffff")


def ink_on(background: QColor | str) -> QColor:
    """Near-black or white, whichever reads better on ``background`` (a level's letter)."""
    ground = QColor(background)
    better = contrast(DARK_LETTER, ground) >= contrast(LIGHT_LETTER, ground)
    return QColor(DARK_LETTER if better else LIGHT_LETTER)


def blend(top: QColor, under: QColor | str) -> QColor:
    """``top`` (with its alpha) painted over the opaque ``under``."""
    ground = QColor(under)
    alpha = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * alpha + ground.redF() * (1 - alpha),
        top.greenF() * alpha + ground.greenF() * (1 - alpha),
        top.blueF() * alpha + ground.blueF() * (1 - alpha),
    )


def level_ink(level: Level) -> QColor:
    """The letter colour on a level's cell: ≥ 4.5:1 in every theme (the cell keeps its hue)."""
    return ink_on(LEVEL_COLORS[level])
