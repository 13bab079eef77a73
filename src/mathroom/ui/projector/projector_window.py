"""The projector window: large, high-contrast, fed only by ProjectorSlide snapshots."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLayout, QVBoxLayout, QWidget

from mathroom.services.projector import ProjectorSlide

MIN_TEXT_SHARE = 1 / 30  # smallest text: at least 1/30 of the window height


class ProjectorWindow(QWidget):
    closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Mathroom — Projector")
        self.setStyleSheet("background: #10131a; color: #f5f7fb;")
        self._slide: ProjectorSlide | None = None
        self._station_titles: list[QLabel] = []
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        # The window follows the projector's size; the text adapts, never the other way round.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.heading = self._text(bold=True)
        self.subheading = self._text()
        self.subheading.setStyleSheet("color: #b8c2d8;")
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        self.agenda = self._text()
        layout.addWidget(self.agenda)
        self.stations_host = QWidget()
        self.stations = QGridLayout(self.stations_host)
        self.stations.setContentsMargins(0, 12, 0, 0)
        self.stations.setHorizontalSpacing(24)
        layout.addWidget(self.stations_host, 1)
        self._station_labels: list[QLabel] = []
        self._station_cards: list[QFrame] = []

    @staticmethod
    def _text(*, bold: bool = False) -> QLabel:
        widget = QLabel()
        widget.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        widget.setWordWrap(True)
        font = widget.font()
        font.setBold(bold)
        widget.setFont(font)
        return widget

    def show_slide(self, slide: ProjectorSlide) -> None:
        self._slide = slide
        self.heading.setText(slide.heading)
        self.subheading.setText(slide.subheading)
        self.agenda.setText("Today:  " + "   ·   ".join(slide.agenda) if slide.agenda else "")
        for frame in self._station_cards:
            frame.deleteLater()
        self._station_cards, self._station_labels, self._station_titles = [], [], []
        count = len(slide.stations)
        columns = 4 if count > 6 else 3 if count > 4 else 2
        for i, (number, names) in enumerate(slide.stations):
            frame = QFrame()
            frame.setStyleSheet("QFrame { background: #1d2433; border-radius: 14px; }")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(18, 12, 18, 12)
            title = self._text(bold=True)
            title.setText(f"Whiteboard {number}")
            title.setStyleSheet("color: #ffd166;")
            members = self._text()
            members.setText("\n".join(names))
            inner.addWidget(title)
            inner.addWidget(members)
            inner.addStretch(1)
            self.stations.addWidget(frame, i // columns, i % columns)
            self._station_cards.append(frame)
            self._station_titles.append(title)
            self._station_labels.append(members)
        self._rescale()

    def visible_text(self) -> str:
        """Everything the room can read, for privacy tests."""
        labels = [self.heading, self.subheading, self.agenda]
        for title, members in zip(self._station_titles, self._station_labels, strict=True):
            labels += [title, members]
        return "\n".join(widget.text() for widget in labels)

    def place_on_best_screen(self) -> None:
        """Full screen on a second screen when there is one, else a window beside the app."""
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not primary]
        if others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()

    def _rescale(self) -> None:
        """Type scales with the window; station names shrink (never below 1/30) to fit."""
        height = max(self.height(), 300)
        smallest = int(height * MIN_TEXT_SHARE) + 1
        base = int(smallest * 1.15)
        self._set_size(self.heading, int(base * 2.0))
        self._set_size(self.subheading, int(base * 1.2))
        self._set_size(self.agenda, base)
        margins = self._layout.contentsMargins()
        width = max(200, self.width() - margins.left() - margins.right())
        used = sum(
            label.heightForWidth(width) + self._layout.spacing()
            for label in (self.heading, self.subheading, self.agenda)
        )
        available = height - margins.top() - margins.bottom() - used
        size = int(base * 1.25)
        while True:
            for widget in [*self._station_titles, *self._station_labels]:
                self._set_size(widget, size)
            if size <= smallest or self.stations_host.sizeHint().height() <= available:
                break
            size -= 1

    @staticmethod
    def _set_size(widget: QLabel, pixels: int) -> None:
        font = QFont(widget.font())
        font.setPixelSize(max(8, pixels))
        widget.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
