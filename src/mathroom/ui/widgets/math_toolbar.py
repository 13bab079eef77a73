"""Buttons that type math for the teacher: fraction, mixed number, exponent, root, symbols.

Each button inserts LaTeX at the cursor of the text box that last had focus, wrapped in
``$...$`` unless the cursor is already inside math, and selects the part to fill in, so
clicking Fraction and typing 3 gives 3 over 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QToolButton, QWidget


@dataclass(frozen=True, slots=True)
class MathInsert:
    label: str
    tip: str
    before: str
    default: str  # selected after inserting, so typing replaces it
    after: str = ""


INSERTS = (
    MathInsert("a⁄b", "Fraction (stacked)", r"\frac{", "1", "}{2}"),
    MathInsert("1 a⁄b", "Mixed number", "", "1", r"\frac{1}{2}"),
    MathInsert("xⁿ", "Exponent", "", "x", "^{2}"),
    MathInsert("√", "Square root", r"\sqrt{", "16", "}"),
    MathInsert("|x|", "Absolute value", "|", "-3", "|"),
    MathInsert("×", "Times", r"\times", ""),
    MathInsert("÷", "Divided by", r"\div", ""),
    MathInsert("≤", "Less than or equal to", r"\le", ""),
    MathInsert("≥", "Greater than or equal to", r"\ge", ""),
    MathInsert("π", "Pi", r"\pi", ""),
    MathInsert("°", "Degrees", r"^\circ", ""),
)


def inside_math(text: str, position: int) -> bool:
    """Whether ``position`` sits between an opening and closing ``$`` on the same line."""
    line_start = text.rfind("\n", 0, position) + 1
    dollars = 0
    escaped = False
    for char in text[line_start:position]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "$":
            dollars += 1
    return dollars % 2 == 1


def insert_math(editor: QPlainTextEdit, item: MathInsert) -> None:
    """Insert the math at the cursor; a selection becomes the fraction's top, the root's inside…"""
    cursor = editor.textCursor()
    text = editor.toPlainText()
    middle = cursor.selectedText() or item.default
    opening = "" if inside_math(text, cursor.selectionStart()) else "$"
    after = item.after
    following = text[cursor.selectionEnd() : cursor.selectionEnd() + 1]
    if opening == "" and not middle and following.isalpha():
        after += " "  # \le followed by x must not become the unknown command \lex
    start = cursor.selectionStart() + len(opening) + len(item.before)
    cursor.insertText(f"{opening}{item.before}{middle}{after}{opening}")
    if middle:
        cursor.setPosition(start)
        cursor.setPosition(start + len(middle), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


class MathToolbar(QWidget):
    """A row of math buttons for whichever registered editor last had focus."""

    def __init__(self, editors: list[QPlainTextEdit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QPlainTextEdit = editors[0]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for item in INSERTS:
            button = QToolButton()
            button.setText(item.label)
            button.setToolTip(item.tip)
            button.setAccessibleName(item.tip)
            button.setMinimumWidth(40)
            button.clicked.connect(lambda _checked=False, it=item: insert_math(self._target, it))
            row.addWidget(button)
            self.buttons[item.tip] = button
        row.addStretch(1)
        for editor in editors:
            editor.cursorPositionChanged.connect(lambda e=editor: self._on_cursor_moved(e))

    def target(self) -> QPlainTextEdit:
        return self._target

    def _on_cursor_moved(self, editor: QPlainTextEdit) -> None:
        if editor.hasFocus():
            self._target = editor
