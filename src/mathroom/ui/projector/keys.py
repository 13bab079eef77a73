"""The projector's keyboard: the same keys in the projector window and the control panel."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent


class Action(Enum):
    NEXT = "Next scene (or page)"
    PREVIOUS = "Previous scene (or page)"
    TIMER = "Start / pause the timer"
    RESET_TIMER = "Reset the timer"
    BLANK = "Blank the screen"
    FREEZE = "Freeze the picture"
    LEAVE_FULL_SCREEN = "Leave full screen"
    FULL_SCREEN = "Full screen"
    HINT_MORE = "Reveal the next hint"
    HINT_LESS = "Hide the last hint"
    EXTENSION = "Show / hide the extension"
    PICK = "Pick a name"
    PICK_MODE = "Pick students / groups"
    THEME = "Light / dark theme"
    SKIP = "Skip (or replay) the shuffle"


KEYS: dict[Qt.Key, Action] = {
    Qt.Key.Key_Right: Action.NEXT,
    Qt.Key.Key_PageDown: Action.NEXT,  # what presentation clickers send
    Qt.Key.Key_Left: Action.PREVIOUS,
    Qt.Key.Key_PageUp: Action.PREVIOUS,
    Qt.Key.Key_Space: Action.TIMER,
    Qt.Key.Key_R: Action.RESET_TIMER,
    Qt.Key.Key_B: Action.BLANK,
    Qt.Key.Key_Period: Action.BLANK,  # a clicker's "blank" button
    Qt.Key.Key_F: Action.FREEZE,
    Qt.Key.Key_Escape: Action.LEAVE_FULL_SCREEN,
    Qt.Key.Key_F11: Action.FULL_SCREEN,
    Qt.Key.Key_Up: Action.HINT_MORE,
    Qt.Key.Key_Down: Action.HINT_LESS,
    Qt.Key.Key_E: Action.EXTENSION,
    Qt.Key.Key_P: Action.PICK,
    Qt.Key.Key_G: Action.PICK_MODE,
    Qt.Key.Key_T: Action.THEME,
    Qt.Key.Key_Return: Action.SKIP,
    Qt.Key.Key_Enter: Action.SKIP,
}

_LEGEND_KEYS = {
    Action.NEXT: "→",
    Action.PREVIOUS: "←",
    Action.TIMER: "Space",
    Action.RESET_TIMER: "R",
    Action.BLANK: "B",
    Action.FREEZE: "F",
    Action.LEAVE_FULL_SCREEN: "Esc",
    Action.FULL_SCREEN: "F11",
    Action.HINT_MORE: "↑",
    Action.HINT_LESS: "↓",
    Action.EXTENSION: "E",
    Action.PICK: "P",
    Action.PICK_MODE: "G",
    Action.THEME: "T",
    Action.SKIP: "Enter",
}


def action_for(event: QKeyEvent) -> Action | None:
    """The action a key press asks for; None for other keys and for Ctrl/Alt chords."""
    chords = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if event.modifiers() & chords:
        return None
    try:
        return KEYS.get(Qt.Key(event.key()))
    except ValueError:
        return None


def legend() -> tuple[tuple[str, str], ...]:
    """(key, what it does) for the control panel's cheat sheet."""
    return tuple((key, action.value) for action, key in _LEGEND_KEYS.items())
