"""View ▸ Appearance: follow the system's light or dark scheme, or keep one (remembered)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from mathroom.ui import theme
from mathroom.ui.settings import WindowSettings

_CHOICES = (
    (theme.SYSTEM, "&System (follow the computer)"),
    (theme.LIGHT.name, "&Light"),
    (theme.DARK.name, "&Dark"),
)


class AppearanceMenu(QMenu):
    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__("&Appearance", parent)
        self._settings = settings
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_: dict[str, QAction] = {}
        for choice, text in _CHOICES:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setData(choice)
            self.group.addAction(action)
            self.addAction(action)
            self.actions_[choice] = action
        self.group.triggered.connect(self._on_group_triggered)
        remembered = settings.appearance()
        self.actions_[remembered].setChecked(True)
        # "system" is where the app starts: choosing it again would restyle for nothing.
        if remembered != theme.appearance():
            self.choose(remembered)

    def choose(self, choice: str) -> None:
        """Switch the whole app now and remember the choice for next time."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_appearance(app, choice)
        self.actions_[choice].setChecked(True)
        self._settings.set_appearance(choice)

    def _on_group_triggered(self, action: QAction) -> None:
        self.choose(str(action.data()))
