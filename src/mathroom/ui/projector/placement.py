"""Which screen the projector goes on."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QScreen


def screen_label(screen: QScreen) -> str:
    size = screen.geometry()
    name = screen.name() or "Screen"
    return f"{name} ({size.width()}×{size.height()})"


def projector_screen(
    screens: Sequence[QScreen], laptop: QScreen | None, preferred: str = ""
) -> QScreen | None:
    """The screen the teacher chose (by name) if connected, else the first that isn't the
    laptop's; None when the laptop's screen is the only one (then: a normal window)."""
    if preferred:
        chosen = next((s for s in screens if s.name() == preferred), None)
        if chosen is not None:
            return chosen
    return next((s for s in screens if s is not laptop), None)
