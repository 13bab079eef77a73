"""Print whiteboard-task cards for the chosen tasks: pick a layout, see the PDF, print.

Print… sends the PDF itself to the print service, like the day's packet (page pictures
only where the computer has none), on one side: cards and hint strips are cut apart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.tasks import Task
from mathroom.services.print_jobs import PrintJobService
from mathroom.services.printing import CardLayout, ExportReport, PaperSize, PrintService
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.pdf_preview import PdfPreview


class TaskCardsDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        printing: PrintService,
        tasks: Sequence[Task],
        on: date,
        parent: QWidget | None = None,
        print_jobs: PrintJobService | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._printing = printing
        self._tasks = list(tasks)
        self._on = on
        count = len(self._tasks)
        self.setWindowTitle(f"Task cards — {count} task{'s' if count != 1 else ''}")
        resize_within_screen(self, 900, 760)
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.layout_choice = QComboBox()
        for card_layout in CardLayout:
            self.layout_choice.addItem(card_layout.label, card_layout)
        self.layout_choice.setCurrentIndex(list(CardLayout).index(CardLayout.HALF))
        self.paper = QComboBox()
        self.paper.addItem("US Letter", PaperSize.LETTER)
        self.paper.addItem("A4", PaperSize.A4)
        self.hints = QCheckBox("Hint strips to cut out")
        self.hints.setChecked(True)
        self.numbered = QCheckBox("Number as stations 1, 2, …")
        self.numbered.setChecked(True)
        self.make_button = QPushButton("Make PDF")
        self.make_button.setObjectName("primary")
        for widget in (QLabel("Layout:"), self.layout_choice, QLabel("Paper:"), self.paper):
            controls.addWidget(widget)
        controls.addWidget(self.hints)
        controls.addWidget(self.numbered)
        controls.addStretch(1)
        controls.addWidget(self.make_button)
        layout.addLayout(controls)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.preview = PdfPreview()
        if print_jobs is not None:
            self.preview.use_print_service(ops, print_jobs)
        self.preview.message.connect(self.status.setText)
        layout.addWidget(self.preview, 1)
        self.make_button.clicked.connect(self.make)
        for combo in (self.layout_choice, self.paper):
            combo.currentIndexChanged.connect(self.make)
        for box in (self.hints, self.numbered):
            box.toggled.connect(self.make)
        self.last_report: ExportReport | None = None
        self._generation = 0
        self.make()

    def make(self, *_args: object) -> None:
        """Build the PDF off the GUI thread, then show it."""
        printing = self._printing
        specs = [task.spec for task in self._tasks]
        out = printing.cards_path(self._on)
        card_layout = CardLayout(self.layout_choice.currentData())
        paper = PaperSize(self.paper.currentData())
        hints, numbered = self.hints.isChecked(), self.numbered.isChecked()
        self.make_button.setEnabled(False)
        self.status.setText("Making the cards…")
        self._generation += 1
        generation = self._generation
        self._ops.read_in_background(
            lambda _progress: printing.task_cards(
                specs, out, card_layout, paper, hints=hints, numbered=numbered
            ),
            lambda report: self._on_done(report, generation),
            self._on_failed,
            context=self,
        )

    def _on_done(self, report: object, generation: int) -> None:
        # Options changed while this one was being made: a newer PDF is on its way.
        if generation != self._generation or not isinstance(report, ExportReport):
            return
        self.make_button.setEnabled(True)
        self.last_report = report
        self.preview.load(report.path, report.runs)  # cut pages: one side
        pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
        self.status.setText(f"Saved {report.path} ({pages}).")

    def _on_failed(self, error: Exception) -> None:
        self.make_button.setEnabled(True)
        self.status.setText(f"The cards could not be made: {error}. Any earlier file was kept.")
