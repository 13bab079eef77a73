"""What the day's packet will leave out, shown on the Print page before it is built."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QScrollArea, QWidget

from mathroom.domain.packet_gaps import GapKind
from mathroom.services.packet import PacketGap
from mathroom.ui.widgets.page import label

MAX_HEIGHT = 170  # a long list scrolls: the preview below keeps most of the page


class PacketWarnings(QScrollArea):
    """A warning banner, one line per gap (period · block: what is missing. What to do.);
    hidden when nothing is missing. The packet can still be made: this is so it is seen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMaximumHeight(MAX_HEIGHT)
        self.banner = label("", "banner")
        self.setWidget(self.banner)
        self._lines: tuple[str, ...] = ()
        self.hide()

    @property
    def lines(self) -> tuple[str, ...]:
        """The warnings shown, one per gap (empty when nothing is missing)."""
        return self._lines

    def show_gaps(self, gaps: Sequence[PacketGap]) -> None:
        self._lines = tuple(gap.text for gap in gaps)
        if not self._lines:
            self.banner.setText("")
            self.hide()
            return
        count = len(self._lines)
        if all(gap.kind is GapKind.NOTHING_PLANNED for gap in gaps):
            self.banner.setText(self._lines[0])  # no packet at all: the one line says it
            self.show()
            return
        heading = (
            "Before you print: 1 thing will be missing from this packet."
            if count == 1
            else f"Before you print: {count} things will be missing from this packet."
        )
        self.banner.setText("\n".join([heading, *(f"• {line}" for line in self._lines)]))
        self.show()
