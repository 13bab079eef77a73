"""Print…: which printer, how many copies, which pages, one or two sides.

Our own dialog, not the system's: the PDF goes to the print service as it is (CUPS ``lp``),
so only the choices the service takes are offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.paper import PageRun
from mathroom.print_queue import PrintError, PrintOptions, parse_pages
from mathroom.services.print_jobs import PrintChoices

# Under the two-sided box when the document mixes pages for both sides with pages to cut.
MIXED_SIDES = "Two-sided for the teacher pages; cards, slips and practice stay one-sided to be cut."
# In place of the two-sided box when every page is to be cut (task cards and hint strips).
ONE_SIDED_ONLY = "These pages are cut apart, so they print on one side."


class PrintDialog(QDialog):
    def __init__(
        self,
        choices: PrintChoices,
        page_count: int,
        title: str,
        parent: QWidget | None = None,
        runs: Sequence[PageRun] = (),
    ) -> None:
        super().__init__(parent)
        self._page_count = page_count
        self._title = title
        pages = "1 page" if page_count == 1 else f"{page_count} pages"
        self.setWindowTitle(f"Print {title}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.printer = QComboBox()
        for name in choices.printers.names:
            shown = f"{name} (default)" if name == choices.printers.default else name
            self.printer.addItem(shown, name)
        if choices.printer is not None:
            self.printer.setCurrentIndex(max(self.printer.findData(choices.printer), 0))
        form.addRow("Printer:", self.printer)
        self.copies = QSpinBox()
        self.copies.setRange(1, 99)
        form.addRow("Copies:", self.copies)
        self.all_pages = QRadioButton(f"All {pages}")
        self.some_pages = QRadioButton("Pages:")
        self.page_range = QLineEdit()
        self.page_range.setPlaceholderText("e.g. 1-4, 9")
        group = QButtonGroup(self)
        group.addButton(self.all_pages)
        group.addButton(self.some_pages)
        self.all_pages.setChecked(True)
        pages_row = QWidget()
        row = QHBoxLayout(pages_row)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.all_pages, self.some_pages, self.page_range):
            row.addWidget(widget)
        form.addRow("Print:", pages_row)
        self.two_sided = QCheckBox("Two-sided (flip on the long edge)")
        self.two_sided.setChecked(choices.two_sided)
        form.addRow("", self.two_sided)
        sides = {run.two_sided for run in runs}
        self.sides_note = QLabel(ONE_SIDED_ONLY if sides == {False} else MIXED_SIDES)
        self.sides_note.setObjectName("muted")
        self.sides_note.setWordWrap(True)
        self.sides_note.setVisible(sides == {False} or len(sides) == 2)
        # Cut pages never go two-sided; the remembered choice stays for the next packet.
        self.two_sided.setEnabled(sides != {False})
        form.addRow("", self.sides_note)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        via = QLabel(f"The PDF goes to the printer as it is, through {choices.service}.")
        via.setObjectName("muted")
        layout.addWidget(via)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.print_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.print_button.setText("Print")
        self.print_button.setEnabled(self.printer.count() > 0)
        if self.printer.count() == 0:
            self.problem.setText("No printers are installed. Add one in the system's settings.")
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Typing a range means printing that range.
        self.page_range.textEdited.connect(lambda _text: self.some_pages.setChecked(True))

    def options(self) -> PrintOptions:
        """The choices as a print job's options (the pages as typed, checked on accept)."""
        return PrintOptions(
            printer=self.printer.currentData(),
            copies=self.copies.value(),
            pages=self.page_range.text().strip() if self.some_pages.isChecked() else "",
            two_sided=self.two_sided.isChecked(),
            title=self._title,
        )

    def accept(self) -> None:
        options = self.options()
        if self.some_pages.isChecked() and not options.pages:
            self.problem.setText("Type the pages to print, like 1-4, 9, or choose All.")
            return
        try:
            parse_pages(options.pages, self._page_count)
        except PrintError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
