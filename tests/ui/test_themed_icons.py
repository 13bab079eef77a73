"""Button icons follow the theme: dark ink on light, light ink on dark, same QIcon."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from mathroom.ui import theme

pytestmark = pytest.mark.any_date  # the same on any day: colours, not dates


def _ink_lightness(icon: QIcon) -> float:
    """The mean lightness (0–1) of the icon's drawn pixels."""
    image = icon.pixmap(QSize(24, 24), 2.0).toImage()
    drawn = [
        QColor.fromRgba(image.pixel(x, y))
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert drawn, "the icon drew nothing"
    return sum(c.lightnessF() for c in drawn) / len(drawn)


def test_a_button_icon_is_dark_on_light_and_light_on_dark(app: QApplication) -> None:
    icon = theme.icon("backup")
    theme.set_appearance(app, "light")
    on_light = _ink_lightness(icon)
    theme.set_appearance(app, "dark")
    on_dark = _ink_lightness(icon)  # the same icon object: no rebuild needed
    assert on_light < 0.35 < 0.65 < on_dark
    assert theme.contrast(theme.colors().ink, theme.colors().card) >= 4.5


def test_sidebar_icons_for_dark_backgrounds_stay_light(app: QApplication) -> None:
    theme.set_appearance(app, "light")
    assert _ink_lightness(theme.icon("today-light")) > 0.65
