"""Skills → Import scores…: read a quiz or diagnostic export off the GUI thread, preview every
score and the level it becomes, then record them all at once.

Nothing is written until the teacher presses Import with no open question (rows that can't be
read or matched are either fixed in the file or skipped on purpose), and a backup comes first.
The cut points turning scores into levels re-plan the preview live and are saved on import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Period
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Level
from mathroom.importers.score_file import ParsedScores
from mathroom.services.catalog import Services
from mathroom.services.score_import import (
    PlannedScore,
    ScoreImportResult,
    ScoreImportService,
    ScorePlan,
)
from mathroom.ui.background import run_in_background
from mathroom.ui.theme import LEVEL_COLORS

_CUT_LABELS = {"getting_there": "Getting there", "got_it": "Got it", "extending": "Extending"}
_COLUMNS = ["Student", "Skill", "Score → level", "Date", "Line"]


def _text(widget_text: str, name: str = "") -> QLabel:
    label = QLabel(widget_text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)


def _plural(n: int, one: str) -> str:
    return f"{n} {one if n == 1 else one + 's'}"


@dataclass(frozen=True, slots=True)
class _Request:
    """The teacher's choices when a plan was asked for; numbered so stale answers are dropped."""

    generation: int
    period: PeriodId | None
    default_date: date
    cuts: CutPoints
    skip_unmatched: bool
    use_suggestions: bool

    def plan(self, importer: ScoreImportService, parsed: ParsedScores) -> ScorePlan:
        return importer.plan(
            parsed,
            self.period,
            self.default_date,
            self.cuts,
            skip_unmatched=self.skip_unmatched,
            use_suggestions=self.use_suggestions,
        )


@dataclass(frozen=True, slots=True)
class _Preview:
    request: _Request
    parsed: ParsedScores
    plan: ScorePlan


class ImportScoresDialog(QDialog):
    """Choose a file → preview (cut points, date, decisions) → result.

    ``importer`` is the score import service; without one the dialog builds its own over
    ``services.store`` (Services has no score_import yet).
    """

    imported = Signal()
    preview_updated = Signal()  # a plan for the current choices is on screen

    def __init__(
        self,
        services: Services,
        period: Period | None,
        today: date,
        parent: QWidget | None = None,
        *,
        importer: ScoreImportService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import scores")
        self.resize(1000, 760)
        self._services = services
        self._importer = importer or services.score_import
        self._period = period
        self._today = today
        self._cancel = threading.Event()
        self.parsed: ParsedScores | None = None
        self.plan: ScorePlan | None = None
        self.import_result: ScoreImportResult | None = None
        self._generation = 0
        self._shown: _Request | None = None  # the choices behind the plan on screen

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
        self._connect_signals()
        self._show_step(0)

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.period_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.date_edit.dateChanged.connect(self._on_choice_changed)
        self.skip_box.toggled.connect(self._on_choice_changed)
        self.suggest_box.toggled.connect(self._on_choice_changed)
        for spin in self.cut_spins.values():
            spin.valueChanged.connect(self._on_choice_changed)

    # -- steps ------------------------------------------------------------------------------
    def _build_choose_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_text("Import scores from a quiz or diagnostic", "pageTitle"))
        layout.addWidget(
            _text(
                "Use a CSV or Excel export (.csv, .tsv, .txt, .xlsx) with one row per student and "
                "skill (student number or name, skill code, score or level, date), or one row "
                "per student with a column for each skill code.\n\nScores such as 85, 85% or "
                "17/20 become levels by your cut points; levels can also be written as Not yet, "
                "Getting there, Got it, Extending or 1–4. Mathroom shows every score and its "
                "level before anything is written, and takes a backup first."
            )
        )
        row = QHBoxLayout()
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.setObjectName("primary")
        row.addWidget(self.choose_button)
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

        choices = QHBoxLayout()
        choices.addWidget(_text("Match names in:"))
        self.period_combo = QComboBox()
        self.period_combo.addItem("All my periods", None)
        for period in self._services.roster.periods():
            self.period_combo.addItem(period.name, period.id)
        if self._period is not None:
            self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(self._period.id)))
        self.period_combo.setToolTip(
            "Students are matched by student number first; names are looked up here."
        )
        choices.addWidget(self.period_combo)
        choices.addSpacing(24)
        self.date_label = QLabel("")
        self.date_label.setTextFormat(Qt.TextFormat.PlainText)
        choices.addWidget(self.date_label)
        self.date_edit = QDateEdit(_qdate(self._today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("MMM d, yyyy")
        choices.addWidget(self.date_edit)
        choices.addStretch(1)
        layout.addLayout(choices)
        cuts_row = QHBoxLayout()
        cuts_row.addWidget(_text("Levels from scores:"))
        cuts_row.addSpacing(8)
        self.cut_spins: dict[str, QSpinBox] = {}
        saved = self._importer.cut_points()
        for name, label in _CUT_LABELS.items():
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix("%")
            spin.setValue(int(getattr(saved, name)))
            spin.setToolTip(f"The lowest score that counts as {label}")
            self.cut_spins[name] = spin
            caption = QLabel(f"{label} from")
            caption.setTextFormat(Qt.TextFormat.PlainText)
            cuts_row.addWidget(caption)
            cuts_row.addWidget(spin)
            cuts_row.addSpacing(12)
        self.below_label = QLabel("")
        self.below_label.setObjectName("muted")
        self.below_label.setTextFormat(Qt.TextFormat.PlainText)
        cuts_row.addWidget(self.below_label)
        cuts_row.addStretch(1)
        layout.addLayout(cuts_row)
        self.cut_error = _text("", "banner")
        self.cut_error.hide()
        layout.addWidget(self.cut_error)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(_COLUMNS)
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 130)
        self.tree.setColumnWidth(2, 260)
        self.tree.setColumnWidth(3, 110)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.skip_box = QCheckBox("")
        layout.addWidget(self.skip_box)
        self.suggest_box = QCheckBox("")
        layout.addWidget(self.suggest_box)
        self.details = _text("", "muted")
        layout.addWidget(self.details)
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
            "Choose a score file",
            "",
            "Score files (*.csv *.tsv *.txt *.xlsx);;All files (*)",
        )
        if path:
            self.load(Path(path))

    def load(self, file: Path) -> None:
        """Read and plan the file in the background, with progress and a working Cancel."""
        self._cancel.clear()
        self.read_error.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.read_status.setText(f"Reading {file.name}…")
        self.choose_button.setEnabled(False)
        self.parsed = self.plan = None
        for box in (self.skip_box, self.suggest_box):  # a new file starts undecided
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        request = self._request()
        importer = self._importer
        cancel = self._cancel

        def work(progress: Callable[[int, int], None]) -> _Preview:
            parsed = importer.read(file, progress, cancel.is_set)
            return _Preview(request, parsed, request.plan(importer, parsed))

        run_in_background(
            work, self._on_read_done, self._on_read_failed, progress=self._on_progress
        )

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_read_done(self, result: object) -> None:
        self._reading_finished()
        if isinstance(result, _Preview):
            self._show_step(1)
            self._on_preview_ready(result)

    def _on_read_failed(self, error: Exception) -> None:
        self._reading_finished()
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.read_error.setText(message + "\nNothing was imported.")
        self.read_error.show()

    def _reading_finished(self) -> None:
        self.progress.hide()
        self.read_status.setText("")
        self.choose_button.setEnabled(True)

    # -- preview --------------------------------------------------------------------------
    def cut_points(self) -> CutPoints:
        """The cut points as set in the spin boxes; ValidationError while they are out of order."""
        values = {name: Decimal(spin.value()) for name, spin in self.cut_spins.items()}
        return CutPoints(**values)

    def _on_choice_changed(self, *_args: object) -> None:
        self._replan()

    def _request(self) -> _Request:
        """What to plan with, as the widgets stand; the cut points as last saved if invalid."""
        self._generation += 1
        period = self.period_combo.currentData()
        picked = self.date_edit.date()
        try:
            cuts = self.cut_points()
        except ValidationError:
            cuts = self._importer.cut_points()
        return _Request(
            self._generation,
            period,
            date(picked.year(), picked.month(), picked.day()),
            cuts,
            self.skip_box.isChecked(),
            self.suggest_box.isChecked(),
        )

    def _replan(self) -> None:
        """Plan again off the GUI thread; a newer change makes an older answer stale."""
        parsed = self.parsed
        if parsed is None:
            return
        try:
            self.cut_points()
        except ValidationError as exc:
            self._show_cut_error(exc.field)
            return
        self.cut_error.hide()
        self.import_button.setEnabled(False)  # until the plan for these choices is shown
        request = self._request()
        importer = self._importer

        def work(_progress: Callable[[int, int], None]) -> _Preview:
            return _Preview(request, parsed, request.plan(importer, parsed))

        run_in_background(work, self._on_preview_ready, self._on_plan_failed)

    def _on_preview_ready(self, result: object) -> None:
        if not isinstance(result, _Preview) or result.request.generation != self._generation:
            return  # the teacher changed something since: a newer plan is on its way
        self.parsed, self.plan, self._shown = result.parsed, result.plan, result.request
        self.below_label.setText(f"(below {result.plan.cuts.getting_there}% is Not yet)")
        self._show_plan(result.parsed, result.plan)
        self.preview_updated.emit()

    def _on_plan_failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.blockers.setText(f"{message}\nNothing was imported.")
        self.blockers.show()

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
        self._generation += 1  # a plan still on its way is for cut points no longer shown

    def _show_plan(self, parsed: ParsedScores, plan: ScorePlan) -> None:
        how = f" ({parsed.file_format})" if parsed.file_format else ""
        self.file_title.setText(f"{parsed.source}{how}: {_plural(len(parsed.rows), 'score')} read")
        self.summary.setText(plan.summary())
        self.summary.setObjectName("banner" if plan.needs_decision else "okBanner")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        unit = plan.unit
        if plan.needs_decision:
            self.blockers.setText(
                f"Nothing can be imported yet: {_plural(plan.unmatched_rows, unit)} can't be "
                "read or matched (listed first below). Fix the file and choose it again, or "
                "tick “Skip…” under the list to import the rest without them."
            )
        self.blockers.setVisible(plan.needs_decision)
        undated = plan.dated_by_default
        self.date_label.setText(f"Date for the {_plural(undated, 'score')} without one:")
        self.date_label.setVisible(bool(undated))
        self.date_edit.setVisible(bool(undated))
        self.skip_box.setText(
            f"Skip the {_plural(plan.unmatched_rows, unit)} that can't be read or matched, "
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
            self.import_button.setText(f"Import {_plural(count, 'score')}")
        else:
            self.import_button.setText("Nothing to import")

    def _fill_tree(self, plan: ScorePlan) -> None:
        self.tree.clear()

        def group(title: str, count: int, expanded: bool) -> QTreeWidgetItem:
            item = QTreeWidgetItem([f"{title} ({count})"])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            item.setExpanded(expanded)
            return item

        def message(parent: QTreeWidgetItem, text: str) -> None:
            item = QTreeWidgetItem(parent, [text])
            item.setFirstColumnSpanned(True)
            item.setToolTip(0, text)

        left_out = plan.skip_unmatched
        suffix = ", left out" if left_out else ", to fix or skip"
        if plan.unreadable:
            parent = group("Rows that can't be read" + suffix, len(plan.unreadable), True)
            for problem in plan.unreadable:
                message(parent, problem.message)
        if plan.unmatched_students:
            parent = group("Students not found" + suffix, len(plan.unmatched_students), True)
            for student in plan.unmatched_students:
                message(parent, student.message)
        if plan.unknown_skills:
            parent = group(
                "Skill codes not in your skill map" + suffix, len(plan.unknown_skills), True
            )
            for skill in plan.unknown_skills:
                message(parent, skill.message)
        if plan.matched:
            parent = group("To record", len(plan.matched), True)
            for planned in plan.matched:
                self._score_item(parent, planned)
        if plan.already_recorded:
            parent = group(
                "Already in Mathroom, not recorded again", len(plan.already_recorded), False
            )
            for planned in plan.already_recorded:
                self._score_item(parent, planned)
        if plan.warnings:
            parent = group("Warnings", len(plan.warnings), True)
            for problem in plan.warnings:
                message(parent, problem.message)
        if plan.skipped:
            parent = group("Rows without a score, left out", len(plan.skipped), False)
            for problem in plan.skipped:
                message(parent, problem.message)

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
    def _on_import_clicked(self) -> None:
        parsed, plan = self.parsed, self.plan
        if parsed is None or plan is None or not plan.can_apply:
            return
        self.import_button.setEnabled(False)
        importer = self._importer
        # Exactly what the preview showed: the plan's own choices, not the widgets' now.
        request = self._shown
        if request is None:
            return

        def work(_progress: Callable[[int, int], None]) -> ScoreImportResult:
            return importer.apply(
                parsed,
                request.period,
                request.default_date,
                request.cuts,
                skip_unmatched=request.skip_unmatched,
                use_suggestions=request.use_suggestions,
            )

        run_in_background(work, self._on_import_done, self._on_import_failed, writes=True)

    def _on_import_done(self, result: object) -> None:
        if not isinstance(result, ScoreImportResult):
            return
        self.import_result = result
        backup = f"\n\nA backup was taken first: {result.backup.name}" if result.backup else ""
        cuts = (
            f"\n\nLevels were given by these cut points, now saved: {result.plan.cuts.describe()}."
        )
        left_out = result.plan.blocking_messages() if result.plan.skip_unmatched else []
        if left_out:
            shown = "\n  ".join(left_out[:10]) + ("\n  …" if len(left_out) > 10 else "")
            cuts += (
                "\n\nLeft out:\n  " + shown + "\nFix these in the file and import it again: "
                "scores already recorded are not recorded twice."
            )
        self.done_text.setText(result.summary() + cuts + backup)
        self._show_step(2)
        self.imported.emit()

    def _on_import_failed(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        message = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.blockers.setText(f"{message}\nNothing was imported.")
        self.blockers.show()

    def _on_back_clicked(self) -> None:
        self._generation += 1  # a plan still on its way is for the file just put down
        self.parsed = self.plan = self._shown = None
        self._show_step(0)

    def _on_cancel_clicked(self) -> None:
        self._cancel.set()
        self.reject()
