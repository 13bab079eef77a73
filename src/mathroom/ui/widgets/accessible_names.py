"""Every control gets an accessible name a screen reader can say, derived from what a sighted
teacher reads next to it: the label it is the buddy of, its own text, its tooltip or its
placeholder. Run over a page once it is built (and again when it rebuilds its content)."""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)


def _plain(text: str) -> str:
    """Menu and button text without its mnemonic '&' or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ").strip()


def derived_name(widget: QWidget, buddies: dict[QWidget, QLabel] | None = None) -> str:
    """The best name a widget's surroundings give it, or '' when none does."""
    holder = widget.parentWidget()
    if holder is not None and (
        (isinstance(widget, QLineEdit) and isinstance(holder, (QAbstractSpinBox, QComboBox)))
        or (isinstance(widget, QTabBar) and isinstance(holder, QTabWidget))
    ):
        # A box's own text field, a tab widget's tabs: read as the control they are part of.
        return holder.accessibleName() or derived_name(holder, buddies)
    label = (buddies or {}).get(widget)
    if label is not None and _plain(label.text()):
        return _plain(label.text())
    if isinstance(widget, QAbstractButton) and _plain(widget.text()):
        return _plain(widget.text())
    if widget.toolTip():
        return widget.toolTip().split("(", 1)[0].strip() or widget.toolTip()
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        placeholder = widget.lineEdit().placeholderText()  # type: ignore[union-attr]
        if placeholder:
            return placeholder
    return _label_before(widget)


def _label_before(widget: QWidget) -> str:
    """The text of the nearest label laid out before ``widget`` by its parent (a heading or a
    caption beside a list or a combo box without a buddy)."""
    parent = widget.parentWidget()
    while parent is not None:
        previous = ""
        for child in parent.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child is widget or child.isAncestorOf(widget):
                if previous:
                    return previous
                break
            if (
                isinstance(child, QLabel)
                and _plain(child.text())
                and not child.buddy()
                and child.objectName() != "pagePurpose"  # a paragraph about the page
            ):
                previous = _plain(child.text()).rstrip(":")
        widget, parent = parent, parent.parentWidget()
    return ""


def name_controls(root: QWidget) -> None:
    """Give each focusable control under ``root`` without an accessible name a derived one."""
    buddies = {label.buddy(): label for label in root.findChildren(QLabel) if label.buddy()}
    for widget in root.findChildren(QWidget):
        if widget.accessibleName() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        name = derived_name(widget, buddies)
        if name:
            widget.setAccessibleName(name)


class _Namer(QObject):
    """Names a page's controls again whenever it is shown or lays out new content, and
    those of every dialog it opens."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QWidget) and kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest):
            name_controls(watched)
        elif kind == QEvent.Type.ChildPolished:
            _dialog_polished(event)
        return False


class _DialogNamer(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            _dialog_polished(event)
        return False


def _dialog_polished(event: QEvent) -> None:
    """A dialog about to be shown (polished, with its controls): named now and after it lays
    out new content. Told by its parent: a dialog made with its parent given."""
    child = event.child() if isinstance(event, QChildEvent) else None
    if isinstance(child, QDialog) and not child.property("mathroomNamed"):
        child.setProperty("mathroomNamed", True)
        keep_named(child)


def name_dialogs_of(window: QWidget) -> None:
    """Name the controls of every dialog ``window`` opens (the pages name their own)."""
    window.installEventFilter(_DialogNamer(window))


def keep_named(page: QWidget) -> None:
    """Name ``page``'s controls now and after every rebuild."""
    name_controls(page)
    page.installEventFilter(_Namer(page))
