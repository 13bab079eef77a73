"""Skills → Import scores…: read a quiz or diagnostic export off the GUI thread, preview every
score and the level it becomes, then record them all at once.

Nothing is written until the teacher presses Import with no open question (rows that can't be
read or matched are either fixed in the file or skipped on purpose), and a backup comes first.
The cut points turning scores into levels re-plan the preview live (off the GUI thread, against
the classroom as it was read with the file) and are saved on import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTreeWidgetItem,
    QWidget,
)

from mathroom.domain.errors import ValidationError
from mathroom.domain.roster import Period
from mathroom.domain.score_import import PlannedScore, ScoreChoices, ScorePlan
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Level
from mathroom.services.changes import Change
from mathroom.services.roster import RosterService
from mathroom.services.score_import import ScoreFile, ScoreImportResult, ScoreImportService
from mathroom.ui.dialogs.import_wizard import ImportWizard, Progress, Reader, plural, text_label
from mathroom.ui.operations import Operations
from mathroom.ui.theme import LEVEL_COLORS
from mathroom.ui.widgets.fit import resize_within_screen

_CUT_LABELS = {"getting_there": "Getting there", "got_it": "Got it", "extending": "Extending"}
_INTRO = (
    "Import scores from a quiz or diagnostic",
    "Use a CSV, Excel or OpenDocument export (.csv, .tsv, .txt, .xlsx, .xls, .ods) with one "
    "row per student and skill (student number or name, skill code, score or level, date), or "
    "one row per student with a column for each skill code.\n\nScores such as 85, 85% or "
    "17/20 become levels by your cut points; levels can also be written as Not yet, Getting "
    "there, Got it, Extending or 1–4. Mathroom shows every score and its level before "
    "anything is written, and takes a backup first.",
)


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)


@dataclass(frozen=True, slots=True)
class _Preview:
    """A plan and the choices it was made with: Import records exactly what was shown."""

    choices: ScoreChoices
    file: ScoreFile
    plan: ScorePlan


class ImportScoresDialog(ImportWizard):
    """Choose a file → preview (cut points, date, decisions) → result."""

    changes = Change.EVIDENCE | Change.SETTINGS  # levels, and the cut points kept for next time

    def __init__(
        self,
        ops: Operations,
        importer: ScoreImportService,
        roster: RosterService,
        period: Period | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ops,
            "Import scores",
            _INTRO,
            (
                "Choose a score file",
                "Score files (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)",
            ),
            ["Student", "Skill", "Score → level", "Date", "Line"],
            parent,
        )
        resize_within_screen(self, 1000, 760)
        self._importer = importer
        self._file: ScoreFile | None = None
        self._shown: ScoreChoices | None = None  # the choices behind the plan on screen
        self.plan: ScorePlan | None = None
        self.import_result: ScoreImportResult | None = None
        for column, width in enumerate((240, 130, 260, 110)):
            self.tree.setColumnWidth(column, width)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self._build_choices(ops.query(roster.periods), period, today)
        self._build_cut_points()
        self.skip_box = QCheckBox("")
        self.suggest_box = QCheckBox("")
        self.details = text_label("", "muted")
        for widget in (self.skip_box, self.suggest_box, self.details):
            self.footer.addWidget(widget)
        for signal in (
            self.period_combo.currentIndexChanged,
            self.date_edit.dateChanged,
            self.skip_box.toggled,
            self.suggest_box.toggled,
            *(spin.valueChanged for spin in self.cut_spins.values()),
        ):
            signal.connect(self._replan)

    def _build_choices(self, periods: list[Period], period: Period | None, today: date) -> None:
        row = QHBoxLayout()
        row.addWidget(text_label("Match names in:"))
        self.period_combo = QComboBox()
        self.period_combo.addItem("All my periods", None)
        for each in periods:
            self.period_combo.addItem(each.name, each.id)
        if period is not None:
            self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(period.id)))
        self.period_combo.setToolTip(
            "Students are matched by student number first; names are looked up here."
        )
        row.addWidget(self.period_combo)
        row.addSpacing(24)
        self.date_label = text_label("")
        self.date_label.setWordWrap(False)
        row.addWidget(self.date_label)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("MMM d, yyyy")
        row.addWidget(self.date_edit)
        row.addStretch(1)
        self.options.addLayout(row)

    def _build_cut_points(self) -> None:
        row = QHBoxLayout()
        row.addWidget(text_label("Levels from scores:"))
        row.addSpacing(8)
        self.cut_spins: dict[str, QSpinBox] = {}
        saved = self._ops.query(self._importer.cut_points)
        for name, label in _CUT_LABELS.items():
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix("%")
            spin.setValue(int(getattr(saved, name)))
            spin.setToolTip(f"The lowest score that counts as {label}")
            self.cut_spins[name] = spin
            caption = text_label(f"{label} from")
            caption.setWordWrap(False)
            row.addWidget(caption)
            row.addWidget(spin)
            row.addSpacing(12)
        self.below_label = text_label("", "muted")
        self.below_label.setWordWrap(False)
        row.addWidget(self.below_label)
        row.addStretch(1)
        self.options.addLayout(row)
        self.cut_error = text_label("", "banner")
        self.cut_error.hide()
        self.options.addWidget(self.cut_error)

    # -- reading --------------------------------------------------------------------------
    def _reader(self, path: Path) -> Reader:
        choices, importer = self._choices(), self._importer

        def read(progress: Progress, cancelled: Callable[[], bool]) -> _Preview:
            file = importer.read_for_preview(path, progress, cancelled)
            return _Preview(choices, file, file.plan(choices))

        return read

    def _forget(self) -> None:
        self._file = self.plan = self._shown = None
        for box in (self.skip_box, self.suggest_box):  # a new file starts undecided
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    # -- preview --------------------------------------------------------------------------
    def cut_points(self) -> CutPoints:
        """The cut points as set in the spin boxes; ValidationError while they are out of order."""
        values = {name: Decimal(spin.value()) for name, spin in self.cut_spins.items()}
        return CutPoints(**values)

    def _choices(self) -> ScoreChoices:
        """What to plan with, as the widgets stand; the cut points as last saved if invalid."""
        picked = self.date_edit.date()
        try:
            cuts = self.cut_points()
        except ValidationError:
            cuts = self._ops.query(self._importer.cut_points)
        return ScoreChoices(
            self.period_combo.currentData(),
            date(picked.year(), picked.month(), picked.day()),
            cuts,
            self.skip_box.isChecked(),
            self.suggest_box.isChecked(),
        )

    def _replan(self, *_args: object) -> None:
        """Plan again off the GUI thread; a newer change makes an older answer stale."""
        file = self._file
        if file is None:
            return
        try:
            self.cut_points()
        except ValidationError as exc:
            self._show_cut_error(exc.field)
            return
        self.cut_error.hide()
        choices = self._choices()
        self._plan_in_background(lambda: _Preview(choices, file, file.plan(choices)))

    def _show_preview(self, result: object) -> None:
        if not isinstance(result, _Preview):
            return
        self._file, self.plan, self._shown = result.file, result.plan, result.choices
        self.below_label.setText(f"(below {result.plan.cuts.getting_there}% is Not yet)")
        self._show_plan(result.plan)
        self.preview_updated.emit()

    def _show_cut_error(self, field: str) -> None:
        names = list(_CUT_LABELS)
        field = field if field in names else names[0]
        index = names.index(field)
        said = f"{_CUT_LABELS[field]} ({self.cut_spins[field].value()}%)"
        if index:
            before = names[index - 1]
            said += f" must be above {_CUT_LABELS[before]} ({self.cut_spins[before].value()}%)"
        else:
            said += " is not a percent from 0 to 100"
        self.cut_error.setText(
            f"{said}. The list below still uses the last cut points that went up from left "
            "to right; Import waits until these do."
        )
        self.cut_error.show()
        self.import_button.setEnabled(False)
        self._drop_pending_plans()  # a plan still on its way is for cut points no longer shown

    def _show_plan(self, plan: ScorePlan) -> None:
        parsed = self._file.parsed if self._file is not None else None
        if parsed is not None:
            self._show_title(parsed.source, parsed.file_format, plural(len(parsed.rows), "score"))
        self._show_summary(plan.summary(), ok=not plan.needs_decision)
        unit = plan.unit
        self._show_blockers(
            [
                f"Nothing can be imported yet: {plural(plan.unmatched_rows, unit)} can't be "
                "read or matched (listed first below). Fix the file and choose it again, or "
                "tick “Skip…” under the list to import the rest without them."
            ]
            if plan.needs_decision
            else []
        )
        undated = plan.dated_by_default
        self.date_label.setText(f"Date for the {plural(undated, 'score')} without one:")
        self.date_label.setVisible(bool(undated))
        self.date_edit.setVisible(bool(undated))
        self.skip_box.setText(
            f"Skip the {plural(plan.unmatched_rows, unit)} that can't be read or matched, "
            "and import the rest"
        )
        self.skip_box.setVisible(plan.unmatched_rows > 0)
        suggestions = plan.suggestions
        used = [w for w in plan.warnings if w.code == "suggested_code"]
        if suggestions:  # once ticked they are no longer suggestions: keep the wording
            examples = ", ".join(f"{s.code} → {s.suggestion}" for s in suggestions[:3])
            more = f" and {len(suggestions) - 3} more" if len(suggestions) > 3 else ""
            self.suggest_box.setText(f"Use the suggested skill codes ({examples}{more})")
        self.suggest_box.setVisible(bool(suggestions or used))
        details = [*plan.notes]
        if plan.columns:
            details.append("Columns read: " + "; ".join(plan.columns) + ".")
        if plan.ignored_columns:
            details.append("Not imported (never stored): " + ", ".join(plan.ignored_columns) + ".")
        self.details.setText("\n".join(details))
        self._fill_tree(plan)
        count = len(plan.matched)
        self.import_button.setEnabled(plan.can_apply and plan.changes_anything)
        if not plan.can_apply:
            self.import_button.setText("Import")
        elif count:
            self.import_button.setText(f"Import {plural(count, 'score')}")
        else:
            self.import_button.setText("Nothing to import")

    def _fill_tree(self, plan: ScorePlan) -> None:
        self.tree.clear()
        suffix = ", left out" if plan.skip_unmatched else ", to fix or skip"
        messages = (
            ("Rows that can't be read" + suffix, [p.message for p in plan.unreadable], True),
            ("Students not found" + suffix, [s.message for s in plan.unmatched_students], True),
            (
                "Skill codes not in your skill map" + suffix,
                [s.message for s in plan.unknown_skills],
                True,
            ),
        )
        for title, texts, expanded in messages:
            self._messages(title, texts, expanded)
        if plan.matched:
            parent = self._group("To record", len(plan.matched), True)
            for planned in plan.matched:
                self._score_item(parent, planned)
        if plan.already_recorded:
            title = "Already in Mathroom, not recorded again"
            parent = self._group(title, len(plan.already_recorded), False)
            for planned in plan.already_recorded:
                self._score_item(parent, planned)
        self._messages("Warnings", [p.message for p in plan.warnings], True)
        self._messages("Rows without a score, left out", [p.message for p in plan.skipped], False)

    def _messages(self, title: str, texts: list[str], expanded: bool) -> None:
        if not texts:
            return
        parent = self._group(title, len(texts), expanded)
        for text in texts:
            item = QTreeWidgetItem(parent, [text])
            item.setFirstColumnSpanned(True)
            item.setToolTip(0, text)

    def _score_item(self, parent: QTreeWidgetItem, planned: PlannedScore) -> None:
        day = planned.observed_on
        observed = f"{day:%b} {day.day}, {day.year}"
        item = QTreeWidgetItem(
            parent,
            [
                planned.student.full_name,
                planned.skill.code,
                planned.how,
                observed if planned.dated_in_file else f"{observed} (chosen)",
                str(planned.row.line),
            ],
        )
        item.setIcon(2, _swatch(LEVEL_COLORS[planned.level]))
        item.setData(2, Qt.ItemDataRole.UserRole, int(planned.level))
        item.setToolTip(1, planned.skill.name)
        item.setToolTip(0, f"The file says: {planned.row.student_label}")

    def level_shown(self, line: int, skill_code: str) -> Level | None:
        """The level the preview shows for a line and skill (for tests and screen readers)."""
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                if child is not None and child.text(4) == str(line) and child.text(1) == skill_code:
                    return Level(int(child.data(2, Qt.ItemDataRole.UserRole)))
        return None

    # -- importing ------------------------------------------------------------------------
    def _start_import(self) -> Callable[[], object] | None:
        # Exactly what the preview showed: the plan's own choices, not the widgets' now.
        file, plan, shown = self._file, self.plan, self._shown
        if file is None or plan is None or shown is None or not plan.can_apply:
            return None
        return partial(self._importer.apply_choices, file.parsed, shown)

    def _done_text(self, result: object) -> tuple[str, Path | None] | None:
        if not isinstance(result, ScoreImportResult):
            return None
        self.import_result = result
        plan = result.plan
        text = f"\n\nLevels were given by these cut points, now saved: {plan.cuts.describe()}."
        left_out = plan.blocking_messages() if plan.skip_unmatched else []
        if left_out:
            shown = "\n  ".join(left_out[:10]) + ("\n  …" if len(left_out) > 10 else "")
            text += (
                "\n\nLeft out:\n  " + shown + "\nFix these in the file and import it again: "
                "scores already recorded are not recorded twice."
            )
        return result.summary() + text, result.backup
