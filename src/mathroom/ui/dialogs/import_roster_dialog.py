"""Rosters → Import…: read a file off the GUI thread, preview every change, then import.

Nothing is written until the teacher presses Import, every conflict has been decided, and a
backup has been taken. The whole import is one transaction. The preview re-plans on every
decision against the roster as it was read with the file, without touching the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.roster import Period
from mathroom.domain.roster_import import (
    ChangeKind,
    ImportDecisions,
    ImportPlan,
    PeriodQuestion,
    RosterField,
    Tally,
    period_key,
)
from mathroom.services.changes import Change
from mathroom.services.roster_import import ImportResult, RosterFile, RosterImportService
from mathroom.ui.dialogs.import_wizard import ImportWizard, Reader, plural, text_label
from mathroom.ui.operations import Operations
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.page import clear_layout

_DECIDE, _SKIP, _TAKE = "decide", "skip", "take"
_COURSES, _TEACHERS, _SECTIONS = "courses", "teachers", "sections"
_NEW_PERIOD = "\x00new"  # the answer "create a new period" (no period is named that)
_SHOWN_SECTIONS = 40
_INTRO = (
    "Import students from your school's system",
    "Export the class roster from PowerSchool, Infinite Campus, Skyward, Aeries, Google "
    "Classroom or Clever as CSV, Excel or OpenDocument (.csv, .tsv, .txt, .xlsx, .xls, .ods), "
    "or use a OneRoster or Clever folder or .zip. Mathroom shows exactly what will change "
    "before anything is written, and takes a backup first.\n\nOnly names, student numbers, "
    "grade, period and course are read. Birth dates, e-mail, gender, notes and scores are "
    "ignored and never stored.",
)
_CHANGES = (
    ChangeKind.NEW,
    ChangeKind.UPDATED,
    ChangeKind.MOVED,
    ChangeKind.RETURNING,
    ChangeKind.UNCHANGED,
)


class ImportRosterDialog(ImportWizard):
    changes = Change.EVERYTHING  # new students, names and periods show everywhere

    def __init__(
        self,
        ops: Operations,
        importer: RosterImportService,
        default_period: Period | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ops,
            "Import a roster",
            _INTRO,
            (
                "Choose a roster file",
                "Rosters (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods *.zip);;All files (*)",
            ),
            ["What will happen", "Line", "Details"],
            parent,
        )
        resize_within_screen(self, 980, 720)
        self._importer = importer
        self._default_period = default_period
        self._file: RosterFile | None = None
        self._decisions = ImportDecisions()
        self._conflict_choices: dict[int, str] = {}
        self.plan: ImportPlan | None = None
        self._asked: dict[str, PeriodQuestion] = {}
        self.import_result: ImportResult | None = None
        self.folder_button = self.add_chooser("Choose a OneRoster folder…")
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 60)
        self._build_options()

    def _build_options(self) -> None:
        self.mapping_box = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setContentsMargins(0, 0, 0, 0)
        self.mapping_combos: dict[RosterField, QComboBox] = {}
        self.options.addWidget(self.mapping_box)
        self._build_choice()
        self.questions_box = QWidget()
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.question_combos: dict[str, QComboBox] = {}
        self.options.addWidget(self.questions_box)
        sections_row = QHBoxLayout()
        self.sections_label = text_label("Sections to import:")
        sections_row.addWidget(self.sections_label)
        self.sections_host = QWidget()
        self.sections_layout = QHBoxLayout(self.sections_host)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.section_boxes: dict[str, QCheckBox] = {}
        sections_row.addWidget(self.sections_host, 1)
        self.options.addLayout(sections_row)
        self.period_row = QWidget()
        period_row = QHBoxLayout(self.period_row)
        period_row.setContentsMargins(0, 0, 0, 0)
        self.all_to_period = QComboBox()
        period_row.addWidget(text_label("Put every student in:"))
        period_row.addWidget(self.all_to_period, 1)
        self.options.addWidget(self.period_row)
        self.archive_leaving = QCheckBox("")
        self.footer.addWidget(self.archive_leaving)
        self.ignored = text_label("", "muted")
        self.footer.addWidget(self.ignored)
        self.archive_leaving.toggled.connect(self._on_archive_leaving_toggled)
        self.all_to_period.currentIndexChanged.connect(self._on_all_to_period_changed)

    def _build_choice(self) -> None:
        """A whole-school file: tick the courses, teachers or sections that are yours."""
        self.choice_box = QWidget()
        layout = QVBoxLayout(self.choice_box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choice_title = text_label("", "sectionTitle")
        layout.addWidget(self.choice_title)
        layout.addWidget(
            text_label(
                "Nothing is imported until you tick what is yours: your name, your courses, "
                "or your sections. Ticks in one list narrow the others (your name and Math 7: "
                "only your Math 7 sections)."
            )
        )
        lists = QHBoxLayout()
        self.choice_lists: dict[str, QListWidget] = {}
        for key, title in (
            (_TEACHERS, "Teachers"),
            (_COURSES, "Courses"),
            (_SECTIONS, "Sections"),
        ):
            column = QVBoxLayout()
            column.addWidget(text_label(title, "sectionTitle"))
            widget = QListWidget()
            widget.setMaximumHeight(170)
            widget.itemChanged.connect(self._on_choice_changed)
            column.addWidget(widget)
            lists.addLayout(column, 1)
            self.choice_lists[key] = widget
        layout.addLayout(lists)
        self.choice_box.hide()
        self.options.addWidget(self.choice_box)

    # -- reading --------------------------------------------------------------------------
    def _on_folder_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choose a OneRoster folder", str(Path.home()))
        if path:
            self.load(Path(path))

    def _reader(self, path: Path) -> Reader:
        return partial(self._importer.read_for_preview, path)

    def _show_preview(self, result: object) -> None:
        if not isinstance(result, RosterFile):
            return
        self._file = result
        self._decisions = ImportDecisions()
        self._conflict_choices = {}
        self._asked = {}
        self._build_mapping()
        self._build_sections()
        self._replan()

    def _forget(self) -> None:
        self._file = None
        self._asked = {}

    # -- preview --------------------------------------------------------------------------
    def _build_mapping(self) -> None:
        clear_layout(self.mapping_grid)
        self.mapping_combos = {}
        mapping = self._file.parsed.mapping if self._file is not None else None
        self.mapping_box.setVisible(mapping is not None)
        if mapping is None:
            return
        self.mapping_grid.addWidget(
            text_label("Columns (fix any that are wrong):", "sectionTitle"), 0, 0, 1, 4
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
            self.mapping_grid.addWidget(text_label(field.label), row, col)
            self.mapping_grid.addWidget(combo, row, col + 1)

    def _on_mapping_changed(self, field: RosterField, _index: int) -> None:
        if self._file is None:
            return
        column = self.mapping_combos[field].currentData()
        self._file = self._file.remapped(field, None if column == -1 else int(column))
        self._decisions = replace(
            self._decisions, only_courses=None, only_teachers=None, only_sections=None
        )
        self._build_sections()
        self._replan()

    def _build_sections(self) -> None:
        clear_layout(self.sections_layout)
        self.section_boxes = {}
        file = self._file
        sections = file.parsed.periods if file is not None else ()
        self.all_to_period.blockSignals(True)
        self.all_to_period.clear()
        self.all_to_period.addItem(
            "(use the file's sections)" if sections else "Choose a period…", None
        )
        for period in file.snapshot.periods if file is not None else ():
            self.all_to_period.addItem(period.name, period.name)
        if not sections and self._default_period is not None:
            index = self.all_to_period.findData(self._default_period.name)
            self.all_to_period.setCurrentIndex(max(0, index))
            self._decisions = replace(self._decisions, period_for_all=self._default_period.name)
        self.all_to_period.blockSignals(False)
        first = file.plan(self._decisions) if file is not None else None
        whole_school = first is not None and bool(first.contents.whole_school)
        self._build_choice_lists(first)
        self.sections_label.setVisible(bool(sections) and not whole_school)
        self.sections_host.setVisible(bool(sections) and not whole_school)
        if whole_school:
            return
        taken = set(first.taken_sections) if first is not None else set()
        for section in sections[:_SHOWN_SECTIONS]:
            box = QCheckBox(section)
            box.setChecked(section in taken)
            box.toggled.connect(self._on_section_toggled)
            self.sections_layout.addWidget(box)
            self.section_boxes[section] = box
        if len(sections) > _SHOWN_SECTIONS:
            more = f"… and {len(sections) - _SHOWN_SECTIONS} more"
            self.sections_layout.addWidget(text_label(more, "muted"))
        self.sections_layout.addStretch(1)

    def _build_choice_lists(self, plan: ImportPlan | None) -> None:
        contents = plan.contents if plan is not None else None
        self.choice_box.setVisible(contents is not None and bool(contents.whole_school))
        if contents is None or not contents.whole_school:
            return
        self.choice_title.setText(
            f"This file is a whole-school export: it holds {' and '.join(contents.whole_school)}."
        )
        periods = {
            period_key(p.name): p.name for p in (self._file.snapshot.periods if self._file else ())
        }
        for key, tallies in (
            (_TEACHERS, contents.teachers),
            (_COURSES, contents.courses),
            (_SECTIONS, contents.sections),
        ):
            widget = self.choice_lists[key]
            widget.blockSignals(True)
            widget.clear()
            for tally in tallies:
                widget.addItem(self._choice_item(tally, periods if key == _SECTIONS else {}))
            if not tallies:
                empty = QListWidgetItem("(not in this file)")
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(empty)
            widget.blockSignals(False)

    @staticmethod
    def _choice_item(tally: Tally, periods: dict[str, str]) -> QListWidgetItem:
        rows = plural(tally.rows, "student")
        mine = periods.get(period_key(tally.name))
        text = f"{tally.name}  ({rows})" + (f"  → your {mine}" if mine else "")
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, tally.name)
        item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(Qt.CheckState.Unchecked)  # nothing is taken until the teacher says
        return item

    def _ticked(self, key: str) -> frozenset[str] | None:
        widget = self.choice_lists[key]
        names = [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (widget.item(n) for n in range(widget.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]
        return frozenset(names) if names else None

    def choose(self, key: str, *names: str) -> None:
        """Tick these names in one of the lists (what a click does; for tests and keyboards)."""
        widget = self.choice_lists[key]
        for n in range(widget.count()):
            item = widget.item(n)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in names:
                item.setCheckState(Qt.CheckState.Checked)

    def _on_choice_changed(self, _item: QListWidgetItem) -> None:
        self._decisions = replace(
            self._decisions,
            only_courses=self._ticked(_COURSES),
            only_teachers=self._ticked(_TEACHERS),
            only_sections=self._ticked(_SECTIONS),
        )
        self._replan()

    def _build_questions(self, plan: ImportPlan) -> None:
        """One "did you mean ...?" per section close to a period, kept once answered."""
        for question in plan.period_questions:
            self._asked.setdefault(question.name, question)
        clear_layout(self.questions_layout)
        self.question_combos = {}
        answers = dict(self._decisions.period_answers)
        for name, question in self._asked.items():
            row = QHBoxLayout()
            rows = plural(question.rows, "student")
            row.addWidget(
                text_label(
                    f"The file's section '{name}' ({rows}, from line {question.first_line}) "
                    f"is not one of your periods. Did you mean '{question.suggestion}'?"
                ),
                1,
            )
            combo = QComboBox()
            combo.addItem("Choose…", None)
            combo.addItem(f"Yes: put them in {question.suggestion}", question.suggestion)
            combo.addItem(f"No: make a new period '{name}'", _NEW_PERIOD)
            if name in answers:
                answer = answers[name]
                combo.setCurrentIndex(1 if answer is not None else 2)
            combo.currentIndexChanged.connect(partial(self._on_question_answered, name, combo))
            row.addWidget(combo)
            self.questions_layout.addLayout(row)
            self.question_combos[name] = combo
        self.questions_box.setVisible(bool(self._asked))

    def _on_question_answered(self, name: str, combo: QComboBox, _index: int) -> None:
        answers = dict(self._decisions.period_answers)
        data = combo.currentData()
        if data is None:
            answers.pop(name, None)
        else:
            answers[name] = None if data == _NEW_PERIOD else str(data)
        self._decisions = replace(self._decisions, period_answers=tuple(answers.items()))
        self._replan()

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
        self.plan = plan = self._file.plan(self._decisions)
        self._show_title(parsed.source, parsed.file_format, plural(len(parsed.rows), "student"))
        waiting = bool(plan.contents.whole_school) and not self._decisions.chose_part
        self._show_summary(
            "Nothing is taken yet: this file holds other teachers' classes too."
            if waiting
            else plan.summary(),
            ok=not plan.conflicts and not waiting,
        )
        open_conflicts = [
            p for p in parsed.conflicts if self._conflict_choices.get(p.line, _DECIDE) == _DECIDE
        ]
        shown_elsewhere = {q.message for q in plan.period_questions}
        if plan.contents.whole_school:
            shown_elsewhere.add(plan.contents.question)
        questions = [q for q in plan.decisions_needed if q not in shown_elsewhere]
        if plan.contents.whole_school and not self._decisions.chose_part:
            questions.insert(0, "Tick your name, your courses or your sections below.")
        if plan.period_questions:
            questions.append("Answer the question about a period name below.")
        self._build_questions(plan)
        if open_conflicts or any(p.code == "number_belongs_to_other" for p in plan.conflicts):
            questions.insert(
                0,
                "Decide each conflict below (skip the row, or import it as in "
                "the file) before importing.",
            )
        self._show_blockers(questions)
        self.period_row.setVisible(
            not parsed.periods or self.all_to_period.currentData() is not None
        )
        who = "the 1 student" if len(plan.leaving) == 1 else f"the {len(plan.leaving)} students"
        self.archive_leaving.setText(
            f"Archive {who} of these periods who are not in the file (kept, and can be restored)"
        )
        self.archive_leaving.setVisible(bool(plan.leaving))
        ignored = ", ".join(plan.ignored_columns)
        self.ignored.setText(f"Not imported (never stored): {ignored}" if ignored else "")
        self._fill_tree(plan)
        self.import_button.setEnabled(plan.can_apply and plan.changes_anything)
        self.import_button.setText(
            "Import" if plan.changes_anything or not plan.can_apply else "Nothing to import"
        )
        self.preview_updated.emit()

    def _fill_tree(self, plan: ImportPlan) -> None:
        self.tree.clear()
        conflicts = list(self._file.parsed.conflicts if self._file else ())
        lines = {c.line for c in conflicts}
        conflicts += [p for p in plan.conflicts if p.line not in lines]
        if conflicts:
            parent = self._group("Conflicts to decide", len(conflicts), True)
            for problem in conflicts:
                item = self._problem(parent, problem.line, problem.message)
                self.tree.setItemWidget(item, 0, self._conflict_combo(problem.line, problem.code))
        for kind in _CHANGES:
            items = plan.of_kind(kind)
            if not items:
                continue
            parent = self._group(kind.label, len(items), kind is not ChangeKind.UNCHANGED)
            for planned in items:
                where = ", ".join(
                    t.name + (" (new period)" if t.is_new else "") for t in planned.targets
                )
                detail = "; ".join(planned.changes) or where
                if kind is ChangeKind.MOVED:
                    detail = f"{', '.join(planned.from_periods)} → {where}"
                QTreeWidgetItem(parent, [planned.display, str(planned.row.line), detail])
        if plan.leaving:
            parent = self._group("Not in the file (leaving)", len(plan.leaving), True)
            for leaving in plan.leaving:
                name = f"{leaving.student.given_name} {leaving.student.family_name}".strip()
                QTreeWidgetItem(parent, [name, "", ", ".join(leaving.period_names)])
        for title, problems in (("Skipped rows", plan.skipped), ("Warnings", plan.warnings)):
            if problems:
                parent = self._group(title, len(problems), True)
                for problem in problems:
                    self._problem(parent, problem.line, problem.message)
        if plan.filtered_out_rows:
            waiting = bool(plan.contents.whole_school) and not self._decisions.chose_part
            title = "Rows waiting for your choice" if waiting else "Rows not chosen, left out"
            self._group(title, plan.filtered_out_rows, False)

    @staticmethod
    def _problem(parent: QTreeWidgetItem, line: int, message: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, ["", str(line), message])
        item.setToolTip(2, message)
        return item

    def _conflict_combo(self, line: int, code: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Decide…", _DECIDE)
        combo.addItem("Skip this row", _SKIP)
        # a damaged name is never written: taking the row keeps the name Mathroom has
        take = "Keep Mathroom's name, take the rest" if code == "name_damaged" else None
        combo.addItem(take or "Import as in the file", _TAKE)
        choice = self._conflict_choices.get(line, _DECIDE)
        combo.setCurrentIndex([_DECIDE, _SKIP, _TAKE].index(choice))
        combo.currentIndexChanged.connect(partial(self._on_conflict_choice, line, combo))
        return combo

    # -- importing ------------------------------------------------------------------------
    def _start_import(self) -> Callable[[], object] | None:
        if self._file is None:
            return None
        return partial(self._importer.apply, self._file.parsed, self._decisions)

    def _done_text(self, result: object) -> tuple[str, Path | None] | None:
        if not isinstance(result, ImportResult):
            return None
        self.import_result = result
        return result.summary(), result.backup
