"""The wizard both imports share: choose a file → preview → import → what was done.

The file is read off the GUI thread, with progress and a working Cancel. The preview names
every problem by its line, and the specialisations add the decisions their import needs
above and below the list. Nothing is written until Import, which also runs off the GUI thread:
the service takes a backup, then writes everything in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.services.changes import Change
from mathroom.ui.operations import Operations

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Reader = Callable[[Progress, Cancelled], object]


def text_label(text: str, name: str = "") -> QLabel:
    """A label that shows names from files as they are (never as rich text)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def plural(n: int, one: str) -> str:
    return f"{n} {one if n == 1 else one + 's'}"


def problem_text(error: Exception) -> str:
    return str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"


class ImportWizard(QDialog):
    """Choose a file → preview → done. Specialisations fill ``options`` (above the list) and
    ``footer`` (below it), and say how to read a file, show it, and describe the result."""

    imported = Signal()
    preview_updated = Signal()  # a plan for the current choices is on screen

    changes = Change.NONE  # what an import changes, announced to every page when it is done

    def __init__(
        self,
        ops: Operations,
        title: str,
        intro: tuple[str, str],
        file_dialog: tuple[str, str],
        columns: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self.setWindowTitle(title)
        self._file_dialog = file_dialog  # its caption and filter
        self._cancel = threading.Event()
        self._generation = 0  # a newer plan (or another file) makes an older answer stale
        self._choosers: list[QPushButton] = []

        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)
        self.steps.addWidget(self._build_choose_step(*intro))
        self.steps.addWidget(self._build_preview_step(columns))
        self.steps.addWidget(self._build_done_step())
        buttons = QHBoxLayout()
        self.back_button = QPushButton("Choose another file")
        self.cancel_button = QPushButton("Cancel")
        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("primary")
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self._show_step(0)

    # -- what a specialisation says ---------------------------------------------------------
    def _reader(self, path: Path) -> Reader:
        """What to run off the GUI thread to read ``path`` (made on the GUI thread)."""
        raise NotImplementedError

    def _show_preview(self, result: object) -> None:
        """Show what the reader (or a background plan) returned on the preview step."""
        raise NotImplementedError

    def _start_import(self) -> Callable[[], object] | None:
        """The import to run off the GUI thread, or None when there is nothing to import."""
        raise NotImplementedError

    def _done_text(self, result: object) -> tuple[str, Path | None] | None:
        """What the import did, and the backup taken first; None if ``result`` isn't one."""
        raise NotImplementedError

    def _forget(self) -> None:
        """Drop the file shown: the teacher went back, or another file is being read."""

    # -- steps ------------------------------------------------------------------------------
    def _build_choose_step(self, heading: str, intro: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(text_label(heading, "pageTitle"))
        layout.addWidget(text_label(intro))
        self.choose_row = QHBoxLayout()
        self.choose_button = self.add_chooser("Choose a file…")
        self.choose_button.setObjectName("primary")
        self.choose_row.addStretch(1)
        layout.addLayout(self.choose_row)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.read_status = text_label("", "muted")
        layout.addWidget(self.read_status)
        self.read_error = text_label("", "banner")
        self.read_error.hide()
        layout.addWidget(self.read_error)
        layout.addStretch(1)
        return page

    def add_chooser(self, text: str) -> QPushButton:
        """A button on the first step that leads to a file (off while one is being read)."""
        button = QPushButton(text)
        self.choose_row.insertWidget(len(self._choosers), button)
        if self._choosers:  # added after the dialog's buttons: Tab goes on along the row
            QWidget.setTabOrder(self._choosers[-1], button)
        self._choosers.append(button)
        return button

    def _build_preview_step(self, columns: list[str]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.file_title = text_label("", "sectionTitle")
        layout.addWidget(self.file_title)
        self.summary = text_label("", "okBanner")
        layout.addWidget(self.summary)
        self.blockers = text_label("", "banner")
        layout.addWidget(self.blockers)
        self.options = QVBoxLayout()
        layout.addLayout(self.options)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(columns)
        layout.addWidget(self.tree, 1)
        self.footer = QVBoxLayout()
        layout.addLayout(self.footer)
        return page

    def _build_done_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(text_label("Import finished", "pageTitle"))
        self.done_text = text_label("")
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        return page

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.import_button.setVisible(index == 1)
        self.cancel_button.setText("Close" if index == 2 else "Cancel")

    # -- reading --------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        caption, file_filter = self._file_dialog
        path, _ = QFileDialog.getOpenFileName(self, caption, str(Path.home()), file_filter)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read the file in the background, with progress and a working Cancel."""
        self._cancel.clear()
        self.read_error.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.read_status.setText(f"Reading {path.name}…")
        for button in self._choosers:
            button.setEnabled(False)
        self._forget()
        read, cancelled = self._reader(path), self._cancel.is_set
        self._ops.read_in_background(
            lambda progress: read(progress, cancelled),
            self._on_read_done,
            self._on_read_failed,
            progress=self._on_progress,
        )

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_read_done(self, result: object) -> None:
        self._reading_finished()
        self._show_step(1)
        self._show_preview(result)

    def _on_read_failed(self, error: Exception) -> None:
        self._reading_finished()
        self.read_error.setText(problem_text(error) + "\nNothing was imported.")
        self.read_error.show()

    def _reading_finished(self) -> None:
        self.progress.hide()
        self.read_status.setText("")
        for button in self._choosers:
            button.setEnabled(True)

    # -- preview --------------------------------------------------------------------------
    def _show_title(self, source: str, file_format: str, read: str) -> None:
        how = f" ({file_format})" if file_format else ""
        self.file_title.setText(f"{source}{how}: {read} read")

    def _show_summary(self, text: str, ok: bool) -> None:
        self.summary.setText(text)
        self.summary.setObjectName("okBanner" if ok else "banner")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def _show_blockers(self, lines: list[str]) -> None:
        self.blockers.setText("\n".join(lines))
        self.blockers.setVisible(bool(lines))

    def _group(self, title: str, count: int, expanded: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{title} ({count})"])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        item.setExpanded(expanded)
        return item

    def _plan_in_background(self, plan: Callable[[], object]) -> None:
        """Plan off the GUI thread; only the answer to the latest request is shown."""
        self.import_button.setEnabled(False)  # until the plan for these choices is shown
        self._generation += 1
        generation = self._generation
        self._ops.read_in_background(
            lambda _progress: (generation, plan()), self._on_planned, self._on_plan_failed
        )

    def _drop_pending_plans(self) -> None:
        self._generation += 1

    def _on_planned(self, result: object) -> None:
        if isinstance(result, tuple) and result[0] == self._generation:
            self._show_preview(result[1])

    def _on_plan_failed(self, error: Exception) -> None:
        self._show_blockers([f"{problem_text(error)}\nNothing was imported."])

    # -- importing ------------------------------------------------------------------------
    def _on_import_clicked(self) -> None:
        work = self._start_import()
        if work is None:
            return
        self.import_button.setEnabled(False)
        self._ops.write_in_background(
            lambda _progress: work(), self.changes, self._on_import_done, self._on_import_failed
        )

    def _on_import_done(self, result: object) -> None:
        done = self._done_text(result)
        if done is None:
            return
        text, backup = done
        backup_text = f"\n\nA backup was taken first: {backup.name}" if backup else ""
        self.done_text.setText(text + backup_text)
        self._show_step(2)
        self.imported.emit()

    def _on_import_failed(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        self._show_blockers([f"{problem_text(error)}\nNothing was imported."])

    def _on_back_clicked(self) -> None:
        self._drop_pending_plans()  # a plan still on its way is for the file just put down
        self._forget()
        self._show_step(0)

    def _on_cancel_clicked(self) -> None:
        self._cancel.set()
        self.reject()
