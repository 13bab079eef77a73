"""Rosters → Import…: read a file off the GUI thread, preview every change, then import.

Nothing is written until the teacher presses Import, every conflict has been decided, and a
backup has been taken. The whole import is one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
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
from mathroom.domain.roster import Period
from mathroom.importers.roster_columns import RosterField
from mathroom.importers.roster_plan import ChangeKind, ImportDecisions, ImportPlan
from mathroom.services.catalog import Services
from mathroom.services.roster_import import ImportResult, RosterFile
from mathroom.ui.background import run_in_background

_DECIDE, _SKIP, _TAKE = "decide", "skip", "take"
_ALL_TO_PERIOD = "__all__"


def _text(widget_text: str, name: str = "") -> QLabel:
    label = QLabel(widget_text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class ImportRosterDialog(QDialog):
    imported = Signal()

    def __init__(
        self, services: Services, default_period: Period | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a roster")
        self.resize(980, 720)
        self._services = services
        self._default_period = default_period
        self._file: RosterFile | None = None
        self._decisions = ImportDecisions()
        self._conflict_choices: dict[int, str] = {}
        self._cancel = threading.Event()
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None

        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        layout.addWidget(self.steps, 1)
        self.steps.addWidget(self._build_choose_step())
        self.steps.addWidget(self._build_preview_step())
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
        self._show_step(0)

    # -- steps ------------------------------------------------------------------------------
    def _build_choose_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = _text("Import students from your school's system", "pageTitle")
        layout.addWidget(title)
        layout.addWidget(
            _text(
                "Export the class roster from PowerSchool, Infinite Campus, Skyward, Aeries, "
                "Google Classroom or Clever as CSV or Excel (.csv, .tsv, .txt, .xlsx), or use a "
                "OneRoster folder or .zip. Mathroom shows exactly what will change before anything "
                "is written, and takes a backup first.\n\nOnly names, student numbers, grade, "
                "period and course are read. Birth dates, e-mail, gender, notes and scores are "
                "ignored and never stored.",
            )
        )
        row = QHBoxLayout()
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.setObjectName("primary")
        self.folder_button = QPushButton("Choose a OneRoster folder…")
        row.addWidget(self.choose_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.read_status = _text("", "muted")
        layout.addWidget(self.read_status)
        self.read_error = _text("", "banner")
        self.read_error.hide()
        layout.addWidget(self.read_error)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        return page

    def _build_preview_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.file_title = _text("", "sectionTitle")
        layout.addWidget(self.file_title)
        self.summary = _text("", "okBanner")
        layout.addWidget(self.summary)
        self.blockers = _text("", "banner")
        layout.addWidget(self.blockers)
        self.mapping_box = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setContentsMargins(0, 0, 0, 0)
        self.mapping_combos: dict[RosterField, QComboBox] = {}
        layout.addWidget(self.mapping_box)
        sections_row = QHBoxLayout()
        self.sections_label = _text("Sections to import:")
        sections_row.addWidget(self.sections_label)
        self.sections_host = QWidget()
        self.sections_layout = QHBoxLayout(self.sections_host)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        sections_row.addWidget(self.sections_host, 1)
        layout.addLayout(sections_row)
        period_row = QHBoxLayout()
        self.all_to_period = QComboBox()
        period_row.addWidget(_text("Put every student in:"))
        period_row.addWidget(self.all_to_period, 1)
        self.period_row = QWidget()
        self.period_row.setLayout(period_row)
        layout.addWidget(self.period_row)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What will happen", "Line", "Details"])
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 60)
        layout.addWidget(self.tree, 1)
        self.archive_leaving = QCheckBox("")
        layout.addWidget(self.archive_leaving)
        self.ignored = _text("", "muted")
        layout.addWidget(self.ignored)
        self.archive_leaving.toggled.connect(self._on_archive_leaving_toggled)
        self.all_to_period.currentIndexChanged.connect(self._on_all_to_period_changed)
        return page

    def _build_done_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_text("Import finished", "pageTitle"))
        self.done_text = _text("")
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
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a roster file",
            str(Path.home()),
            "Rosters (*.csv *.tsv *.txt *.xlsx *.zip);;All files (*)",
        )
        if path:
            self.load(Path(path))

    def _on_folder_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choose a OneRoster folder", str(Path.home()))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read the file in the background, with progress and a working Cancel."""
        self._cancel.clear()
        self.read_error.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.read_status.setText(f"Reading {path.name}…")
        self.choose_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        importer = self._services.roster_import
        cancel = self._cancel

        def work(progress: Callable[[int, int], None]) -> RosterFile:
            return importer.read_for_preview(path, progress, cancel.is_set)

        run_in_background(
            work, self._on_read_done, self._on_read_failed, progress=self._on_progress
        )

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_read_done(self, result: object) -> None:
        self._reading_finished()
        if not isinstance(result, RosterFile):
            return
        self._file = result
        self._decisions = ImportDecisions()
        self._conflict_choices = {}
        self._build_mapping()
        self._build_sections()
        self._replan()
        self._show_step(1)

    def _on_read_failed(self, error: Exception) -> None:
        self._reading_finished()
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.read_error.setText(message + "\nNothing was imported.")
        self.read_error.show()

    def _reading_finished(self) -> None:
        self.progress.hide()
        self.read_status.setText("")
        self.choose_button.setEnabled(True)
        self.folder_button.setEnabled(True)

    # -- preview --------------------------------------------------------------------------
    def _build_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.mapping_combos = {}
        file = self._file
        mapping = file.parsed.mapping if file is not None else None
        self.mapping_box.setVisible(mapping is not None)
        if mapping is None:
            return
        self.mapping_grid.addWidget(
            _text("Columns (fix any that are wrong):", "sectionTitle"), 0, 0, 1, 4
        )
        for n, field in enumerate(RosterField):
            combo = QComboBox()
            combo.addItem("(not used)", -1)
            for column, header in enumerate(mapping.headers):
                combo.addItem(header or f"Column {column + 1}", column)
            current = mapping.columns.get(field)
            combo.setCurrentIndex(0 if current is None else current + 1)
            combo.currentIndexChanged.connect(partial(self._on_mapping_changed, field))
            self.mapping_combos[field] = combo
            row, col = 1 + n // 2, (n % 2) * 2
            self.mapping_grid.addWidget(_text(field.label), row, col)
            self.mapping_grid.addWidget(combo, row, col + 1)

    def _on_mapping_changed(self, field: RosterField, _index: int) -> None:
        file = self._file
        if file is None or file.table is None or file.parsed.mapping is None:
            return
        column = self.mapping_combos[field].currentData()
        mapping = file.parsed.mapping.with_column(field, None if column == -1 else int(column))
        try:
            parsed = self._services.roster_import.remap(file.table, mapping)
        except MathroomError as exc:
            self.blockers.setText(str(exc))
            self.blockers.show()
            return
        self._file = replace(file, parsed=parsed)
        self._build_sections()
        self._replan()

    def _build_sections(self) -> None:
        while self.sections_layout.count():
            item = self.sections_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.section_boxes: dict[str, QCheckBox] = {}
        parsed = self._file.parsed if self._file else None
        sections = parsed.periods if parsed else ()
        periods = self._services.roster.periods()
        self.all_to_period.blockSignals(True)
        self.all_to_period.clear()
        self.all_to_period.addItem(
            "(use the file's sections)" if sections else "Choose a period…", None
        )
        for period in periods:
            self.all_to_period.addItem(period.name, period.name)
        if not sections and self._default_period is not None:
            index = self.all_to_period.findData(self._default_period.name)
            self.all_to_period.setCurrentIndex(max(0, index))
            self._decisions = replace(self._decisions, period_for_all=self._default_period.name)
        self.all_to_period.blockSignals(False)
        self.sections_label.setVisible(bool(sections))
        self.sections_host.setVisible(bool(sections))
        preview = self._services.roster_import.plan(parsed, self._decisions) if parsed else None
        taken = set(preview.taken_sections) if preview else set()
        for section in sections[:40]:
            box = QCheckBox(section)
            box.setChecked(section in taken)
            box.toggled.connect(self._on_section_toggled)
            self.sections_layout.addWidget(box)
            self.section_boxes[section] = box
        if len(sections) > 40:
            self.sections_layout.addWidget(_text(f"… and {len(sections) - 40} more", "muted"))
        self.sections_layout.addStretch(1)

    def _on_section_toggled(self, _checked: bool) -> None:
        chosen = frozenset(s for s, box in self.section_boxes.items() if box.isChecked())
        self._decisions = replace(self._decisions, only_sections=chosen)
        self._replan()

    def _on_all_to_period_changed(self, _index: int) -> None:
        self._decisions = replace(self._decisions, period_for_all=self.all_to_period.currentData())
        self._replan()

    def _on_archive_leaving_toggled(self, checked: bool) -> None:
        self._decisions = replace(self._decisions, archive_leaving=checked)
        self._replan()

    def _on_conflict_choice(self, line: int, combo: QComboBox, _index: int) -> None:
        self._conflict_choices[line] = str(combo.currentData())
        skip = frozenset(n for n, c in self._conflict_choices.items() if c == _SKIP)
        take = frozenset(n for n, c in self._conflict_choices.items() if c == _TAKE)
        self._decisions = replace(self._decisions, skip_lines=skip, accept_lines=take)
        self._replan()

    def _replan(self) -> None:
        if self._file is None:
            return
        parsed = self._file.parsed
        self.plan = plan = self._services.roster_import.plan(parsed, self._decisions)
        table = self._file.table
        how = ""
        if table is not None:
            bits = [
                b
                for b in (
                    table.encoding,
                    {",": "commas", ";": "semicolons", "\t": "tabs"}.get(table.delimiter or "", ""),
                    table.sheet,
                )
                if b
            ]
            how = f" ({', '.join(bits)})" if bits else ""
        self.file_title.setText(f"{parsed.source}{how}: {len(parsed.rows)} students read")
        self.summary.setText(plan.summary())
        self.summary.setObjectName("banner" if plan.conflicts else "okBanner")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        open_conflicts = [
            p for p in parsed.conflicts if self._conflict_choices.get(p.line, _DECIDE) == _DECIDE
        ]
        questions = list(plan.decisions_needed)
        if open_conflicts or any(p.code == "number_belongs_to_other" for p in plan.conflicts):
            questions.insert(
                0,
                "Decide each conflict below (skip the row, or import it as in "
                "the file) before importing.",
            )
        self.blockers.setText("\n".join(questions))
        self.blockers.setVisible(bool(questions))
        self.period_row.setVisible(
            not parsed.periods or self.all_to_period.currentData() is not None
        )
        who = "the 1 student" if len(plan.leaving) == 1 else f"the {len(plan.leaving)} students"
        self.archive_leaving.setText(
            f"Archive {who} of these periods who are not in the file (kept, and can be restored)"
        )
        self.archive_leaving.setVisible(bool(plan.leaving))
        self.ignored.setText(
            "Not imported (never stored): " + ", ".join(plan.ignored_columns)
            if plan.ignored_columns
            else ""
        )
        self._fill_tree(plan)
        self.import_button.setEnabled(plan.can_apply and plan.changes_anything)
        self.import_button.setText(
            "Import" if plan.changes_anything or not plan.can_apply else "Nothing to import"
        )

    def _fill_tree(self, plan: ImportPlan) -> None:
        self.tree.clear()

        def group(title: str, count: int, expanded: bool) -> QTreeWidgetItem:
            item = QTreeWidgetItem([f"{title} ({count})"])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            item.setExpanded(expanded)
            return item

        conflicts = [p for p in (self._file.parsed.conflicts if self._file else ())]
        extra = [p for p in plan.conflicts if p.line not in {c.line for c in conflicts}]
        if conflicts or extra:
            parent = group("Conflicts to decide", len(conflicts) + len(extra), True)
            for problem in [*conflicts, *extra]:
                item = QTreeWidgetItem(parent, ["", str(problem.line), problem.message])
                item.setToolTip(2, problem.message)
                combo = QComboBox()
                combo.addItem("Decide…", _DECIDE)
                combo.addItem("Skip this row", _SKIP)
                combo.addItem("Import as in the file", _TAKE)
                choice = self._conflict_choices.get(problem.line, _DECIDE)
                combo.setCurrentIndex([_DECIDE, _SKIP, _TAKE].index(choice))
                combo.currentIndexChanged.connect(
                    partial(self._on_conflict_choice, problem.line, combo)
                )
                self.tree.setItemWidget(item, 0, combo)
        for kind in (
            ChangeKind.NEW,
            ChangeKind.UPDATED,
            ChangeKind.MOVED,
            ChangeKind.RETURNING,
            ChangeKind.UNCHANGED,
        ):
            items = plan.of_kind(kind)
            if not items:
                continue
            parent = group(kind.label, len(items), kind is not ChangeKind.UNCHANGED)
            for planned in items:
                where = ", ".join(
                    t.name + (" (new period)" if t.is_new else "") for t in planned.targets
                )
                detail = "; ".join(planned.changes) or where
                if kind is ChangeKind.MOVED:
                    detail = f"{', '.join(planned.from_periods)} → {where}"
                QTreeWidgetItem(parent, [planned.display, str(planned.row.line), detail])
        if plan.leaving:
            parent = group("Not in the file (leaving)", len(plan.leaving), True)
            for leaving in plan.leaving:
                s = leaving.student
                QTreeWidgetItem(
                    parent,
                    [
                        f"{s.given_name} {s.family_name}".strip(),
                        "",
                        ", ".join(leaving.period_names),
                    ],
                )
        for title, problems in (("Skipped rows", plan.skipped), ("Warnings", plan.warnings)):
            if problems:
                parent = group(title, len(problems), True)
                for problem in problems:
                    row = QTreeWidgetItem(parent, ["", str(problem.line), problem.message])
                    row.setToolTip(2, problem.message)
        if plan.filtered_out_rows:
            group("Rows for other sections, left out", plan.filtered_out_rows, False)

    # -- importing ------------------------------------------------------------------------
    def _on_import_clicked(self) -> None:
        if self._file is None:
            return
        self.import_button.setEnabled(False)
        parsed, decisions = self._file.parsed, self._decisions
        importer = self._services.roster_import
        run_in_background(
            lambda _p: importer.apply(parsed, decisions),
            self._on_import_done,
            self._on_import_failed,
            writes=True,
        )

    def _on_import_done(self, result: object) -> None:
        if not isinstance(result, ImportResult):
            return
        self.import_result = result
        backup = f"\n\nA backup was taken first: {result.backup.name}" if result.backup else ""
        self.done_text.setText(result.summary() + backup)
        self._show_step(2)
        self.imported.emit()

    def _on_import_failed(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        self.blockers.setText(f"{error}\nNothing was imported.")
        self.blockers.show()

    def _on_back_clicked(self) -> None:
        self._file = None
        self._show_step(0)

    def _on_cancel_clicked(self) -> None:
        self._cancel.set()
        self.reject()
