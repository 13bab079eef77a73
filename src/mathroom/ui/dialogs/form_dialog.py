"""A small form dialog that shows validation problems next to the field at fault."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.ui import theme


class FormDialog(QDialog):
    """Subclasses add rows to ``form`` and implement ``submit`` (which calls a service)."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            text.setObjectName("muted")
            layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName("banner")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fields: dict[str, QWidget] = {}

    def add_field(self, label: str, key: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        self._fields[key] = widget

    def submit(self) -> None:
        raise NotImplementedError

    def _on_accepted(self) -> None:
        for widget in self._fields.values():
            widget.setStyleSheet("")
        try:
            self.submit()
        except ValidationError as exc:
            self.show_error(exc.problem[:1].upper() + exc.problem[1:] + ".", exc.field)
            return
        except MathroomError as exc:
            self.show_error(str(exc), None)
            return
        self.accept()

    def show_error(self, message: str, field: str | None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setStyleSheet(f"border: 2px solid {theme.colors().error_border};")
            widget.setFocus()
