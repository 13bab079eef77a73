"""Colours, fonts and the application style sheet: calm, high contrast, readable at 7 a.m."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from mathroom import paths
from mathroom.domain.skills import Level

INK = "#1d2433"
MUTED = "#5b6475"
PAPER = "#f6f7fb"
CARD = "#ffffff"
ACCENT = "#2f5aa8"
SIDEBAR = "#1f2a44"
WARNING_BG = "#fff4d6"
WARNING_INK = "#6b4e00"

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
    """A UI icon from resources/icons/ui (``name`` without .svg; '-light' for dark backgrounds)."""
    return QIcon(str(paths.resource("icons", "ui", f"{name}.svg")))


def app_icon() -> QIcon:
    result = QIcon(str(paths.resource("icons", "mathroom.svg")))
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addFile(str(paths.resource("icons", "png", f"mathroom-{size}.png")))
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
