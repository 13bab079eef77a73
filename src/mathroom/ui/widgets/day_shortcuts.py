"""The two quick picks beside a day field, named for what they pick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPushButton

from mathroom.domain.plan import next_school_day, teaching_day


def shortcut_days(today: date) -> tuple[tuple[str, date], tuple[str, date]]:
    """ "Today" and "Next school day"; on a weekend the coming school day and the one after,
    by their names, so no button says "Today" and shows Monday."""
    first = teaching_day(today)
    second = next_school_day(first)
    if first == today:
        return ("Today", first), ("Next school day", second)
    return (f"{first:%A}", first), (f"{second:%A}", second)


class DayShortcuts:
    """Keeps two buttons' words and targets in step with the clock."""

    def __init__(
        self,
        first: QPushButton,
        second: QPushButton,
        today: Callable[[], date],
        choose: Callable[[date], None],
    ) -> None:
        self._buttons = (first, second)
        self._today = today
        self._choose = choose
        first.clicked.connect(lambda: self._pick(0))
        second.clicked.connect(lambda: self._pick(1))
        self.refresh()

    def refresh(self) -> None:
        """Name the buttons for today's date (called on every reload: the day may change)."""
        for button, (text, day) in zip(self._buttons, shortcut_days(self._today()), strict=True):
            button.setText(text)
            button.setToolTip(f"{day:%A, %B} {day.day}")

    def _pick(self, which: int) -> None:
        self.refresh()
        self._choose(shortcut_days(self._today())[which][1])
