"""Practice: each present student's personal sheet for a day, checked, adjusted and marked.

Sheets are built from each student's gaps, spaced review and one stretch problem; the day's
packet prints them (Print page). Focus changes and recorded marks undo with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import StudentId
from mathroom.domain.plan import BlockKind, teaching_day
from mathroom.domain.practice.sheet import MAX_SIZE, Role
from mathroom.services.attendance import AttendanceService
from mathroom.services.changes import Change
from mathroom.services.evidence import EvidenceService
from mathroom.services.plans import PlanService
from mathroom.services.practice import PracticeService, StudentPractice
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import PRACTICE
from mathroom.ui.rich_text import MathBrowser, RichHtml
from mathroom.ui.undo import push_done
from mathroom.ui.widgets.day_shortcuts import DayShortcuts
from mathroom.ui.widgets.fit import keep_wrapped_lines
from mathroom.ui.widgets.flow_row import FlowRow, pair
from mathroom.ui.widgets.focus_card import FocusCard
from mathroom.ui.widgets.marks_form import MarksForm
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.practice_preview import (
    long_day,
    mark_rows,
    print_message,
    row_text,
    skill_title,
    skills_in,
    student_sheet,
    teacher_key,
)

SETTLE_MS = 300  # a typed date or a spun size rebuilds the sheets once, after a pause
PREVIEW_MS = 60  # arrowing down the list typesets only the student it stops on

T = TypeVar("T")


class PracticePage(Page):
    title = PRACTICE.title
    purpose = PRACTICE.purpose
    print_requested = Signal(object)  # the date whose packet to print
    shows = Change.ROSTER | Change.ATTENDANCE | Change.PLANS | Change.EVIDENCE | Change.SETTINGS

    def __init__(
        self,
        ops: Operations,
        practice: PracticeService,
        attendance: AttendanceService,
        evidence: EvidenceService,
        plans: PlanService,
        undo: QUndoStack,
        today: Callable[[], date],
    ) -> None:
        super().__init__(ops)
        self._practice = practice
        self._attendance = attendance
        self._evidence = evidence
        self._plans = plans
        self._undo = undo
        self._today = today
        self._sheets: list[StudentPractice] = []
        self._current: StudentId | None = None
        self._build_top()
        self.banner = label("", "banner")
        self.banner.hide()
        self.body.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_students())
        splitter.addWidget(self._build_preview())
        splitter.addWidget(self._build_tools())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 520, 360])
        self.body.addWidget(splitter, 1)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self.shortcuts = DayShortcuts(self.today_button, self.next_day_button, today, self._set_day)
        self._set_day(teaching_day(today()))  # on a weekend: Monday's sheets
        self._connect_signals()

    # -- construction -------------------------------------------------------------------
    def _build_top(self) -> None:
        frame, box = card()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd, MMMM d, yyyy")
        self.today_button = QPushButton("Today")
        self.next_day_button = QPushButton("Next school day")
        self.size_box = QSpinBox()
        self.size_box.setRange(1, MAX_SIZE)
        self.size_box.setSuffix(" problems")
        self.size_box.setToolTip("How long every sheet is, in every period")
        self.print_button = QPushButton("Go to the Print page")
        row = FlowRow(
            pair(label("Sheets for:", wrap=False), self.day),
            self.today_button,
            self.next_day_button,
            pair(label("Each sheet has", wrap=False), self.size_box),
            self.print_button,
        )
        box.addWidget(row)
        self.print_note = label("", "muted")
        box.addWidget(self.print_note)
        self.body.addWidget(frame)

    def _build_students(self) -> QWidget:
        frame, box = card()
        box.addWidget(label("Students here", "sectionTitle"))
        self.summary = label("", "muted")
        self.students = QListWidget()
        # No item padding from the style sheet: it would throw off the wrapped rows' heights.
        self.students.setSpacing(4)
        self.students.setWordWrap(True)
        self.students.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.students.setResizeMode(QListWidget.ResizeMode.Adjust)  # rewrap when narrower
        self.students.setTextElideMode(Qt.TextElideMode.ElideNone)
        box.addWidget(self.summary)
        box.addWidget(self.students, 1)
        return frame

    def _build_preview(self) -> QWidget:
        frame, box = card()
        self.sheet_title = label("", "sectionTitle", wrap=False)
        self.regenerate_button = QPushButton("New problems")
        self.regenerate_button.setToolTip(
            "Draw fresh problems on the same skills (say, for a second try)"
        )
        # The button goes under the name when the column is narrow.
        box.addWidget(FlowRow(self.sheet_title, self.regenerate_button))
        box.addWidget(label("The sheet as the student gets it:", "muted"))
        self.preview = MathBrowser()
        box.addWidget(self.preview, 1)
        return frame

    def _build_tools(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        self.focus_card = FocusCard()
        marks_frame, marks_box = card()
        marks_box.addWidget(label("Marks from a marked sheet", "sectionTitle"))
        self.marks_note = label("", "muted")
        marks_box.addWidget(self.marks_note)
        self.marks = MarksForm()
        marks_box.addWidget(self.marks, 1)
        layout.addWidget(self.focus_card)
        layout.addWidget(marks_frame, 1)
        keep_wrapped_lines(column)
        return column

    def _connect_signals(self) -> None:
        self.day.dateChanged.connect(self._settle.start)
        self.size_box.valueChanged.connect(self._settle.start)
        self._settle.timeout.connect(self._on_settle_timeout)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.students.currentRowChanged.connect(self._on_students_row_changed)
        self._preview_timer.timeout.connect(self.show_current)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.focus_card.focus_changed.connect(self.set_focus)
        self.focus_card.back_requested.connect(self.back_to_gaps)
        self.marks.record_requested.connect(self.record_marks)

    # -- what is shown ------------------------------------------------------------------
    def chosen_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def _set_day(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def showEvent(self, event: QShowEvent) -> None:
        # Attendance and evidence change on other pages: opening this one catches up.
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        self.shortcuts.refresh()
        # Building every sheet and typesetting one is wasted while the page is hidden;
        # showEvent reloads when the teacher opens it.
        if not self.isVisible():
            return
        self._settle.stop()
        practice, attendance, plans = self._practice, self._attendance, self._plans
        self.size_box.blockSignals(True)
        self.size_box.setValue(self._ops.query(practice.size))
        self.size_box.blockSignals(False)
        if self.period is None:
            self._sheets = []
            self.summary.setText("Add a class on the Rosters page first.")
            self.print_note.setText("")
            self._fill_list()
            return
        day, period = self.chosen_day(), self.period.id
        self._sheets, entries, plan = self._ops.query(
            lambda: (
                practice.class_sheets(period, day),
                attendance.day(period, day),
                plans.plan(period, day),
            )
        )
        absent = [e.display_name for e in entries if e.status is AttendanceStatus.ABSENT]
        count = f"{len(self._sheets)} sheet{'s' if len(self._sheets) != 1 else ''}"
        self.summary.setText(
            f"{count}. Absent, so no sheet: {', '.join(absent)}." if absent else f"{count}."
        )
        block = (
            next((b for b in plan.blocks if b.kind is BlockKind.PRACTICE), None) if plan else None
        )
        self.print_note.setText(print_message(self.period.name, day, plan, block))
        self._fill_list()

    def _fill_list(self) -> None:
        wanted = self._current
        self.students.blockSignals(True)
        self.students.clear()
        for practice in self._sheets:
            item = QListWidgetItem(row_text(practice))
            sheet = practice.sheet
            codes = skills_in(sheet, Role.FOCUS) or skills_in(sheet, Role.REVIEW)
            names = [f"{c} {skill_title(c)}" for c in codes]
            item.setToolTip("\n".join(names))
            self.students.addItem(item)
        ids = [p.student for p in self._sheets]
        row = ids.index(wanted) if wanted in ids else 0
        self.students.setCurrentRow(row if ids else -1)
        self.students.blockSignals(False)
        self.show_current()

    def current_practice(self) -> StudentPractice | None:
        row = self.students.currentRow()
        return self._sheets[row] if 0 <= row < len(self._sheets) else None

    @Slot()
    def show_current(self) -> None:
        """Typeset the chosen student's sheet and fill the focus and marks for it."""
        self._preview_timer.stop()
        practice = self.current_practice()
        self._current = practice.student if practice else self._current
        for widget in (self.regenerate_button, self.marks):
            widget.setEnabled(practice is not None)
        if practice is None or self.period is None:
            self.sheet_title.setText("No sheets for this day")
            self.preview.clear()
            self.focus_card.clear()
            self.marks.set_skills(())
            return
        sheet = practice.sheet
        # Versions only matter once the teacher has asked for new problems.
        again = f" · version {practice.version + 1}" if practice.version else ""
        self.sheet_title.setText(f"{practice.name}'s sheet{again}")
        html = RichHtml(self.preview.font())
        subtitle = f"Practice · {self.period.name} · {long_day(sheet.day)}"
        student_sheet(html, practice.name, subtitle, sheet)
        self.preview.show_rich(teacher_key(html, sheet))
        focus = skills_in(sheet, Role.FOCUS)
        self.focus_card.show_focus(focus, practice.hand_focus, skills_in(sheet, Role.TODAY))
        self.marks.set_skills(mark_rows(sheet))
        self.marks_note.setText(
            f"How did {practice.name} do? Leave — where you can't tell. "
            f"Dated {sheet.day:%B} {sheet.day.day}."
        )

    def show_banner(self, text: str, *, ok: bool = False) -> None:
        """A yellow banner for problems, a green one for work done."""
        self.banner.setObjectName("okBanner" if ok else "banner")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.show()

    # -- actions ------------------------------------------------------------------------
    @Slot(object)
    def set_focus(self, codes: Sequence[str]) -> None:
        """Hand-set the chosen student's focus (empty: back to their gaps); undoable."""
        practice = self.current_practice()
        if practice is None or self.period is None:
            return
        service, period, day = self._practice, self.period.id, self.chosen_day()
        student, new, old = practice.student, tuple(codes), practice.hand_focus
        try:
            self._write(lambda: service.set_focus(period, day, student, new))
        except MathroomError as exc:
            self.show_banner(str(exc))
            self.reload()
            return
        what = "back to their gaps" if not new else "by hand"
        push_done(
            self._undo,
            self._ops,
            f"Set {practice.name}'s practice focus {what}",
            redo=lambda: service.set_focus(period, day, student, new),
            undo=lambda: service.set_focus(period, day, student, old),
            changes=Change.PLANS,
        )
        self.banner.hide()
        self.reload()

    @Slot()
    def back_to_gaps(self) -> None:
        self.set_focus(())

    @Slot()
    def regenerate(self) -> None:
        """Fresh problems for the chosen student. Not undoable: the old version is gone."""
        practice = self.current_practice()
        if practice is None or self.period is None:
            return
        service, period, day = self._practice, self.period.id, self.chosen_day()
        version = self._write(lambda: service.regenerate(period, day, practice.student))
        self.show_banner(
            f"New problems for {practice.name} (version {version + 1}). If you printed the "
            "packet already, print this sheet again.",
            ok=True,
        )
        self.reload()

    @Slot()
    def record_marks(self) -> tuple[int, ...]:
        """The levels entered for the chosen student become evidence; undoable."""
        practice = self.current_practice()
        marks = self.marks.marks()
        if practice is None or not marks:
            return ()
        service, evidence = self._practice, self._evidence
        student, day = practice.student, self.chosen_day()
        try:
            recorded = [
                self._ops.write(
                    lambda: service.record_marks(student, day, marks), Change.EVIDENCE, origin=self
                )
            ]
        except MathroomError as exc:
            self.show_banner(f"The marks were not recorded: {exc}")
            return ()

        def redo() -> None:
            recorded[0] = service.record_marks(student, day, marks)

        def undo() -> None:
            evidence.remove(recorded[0])

        count = f"{len(marks)} mark{'s' if len(marks) != 1 else ''}"
        push_done(
            self._undo,
            self._ops,
            f"Record {count} for {practice.name}",
            redo,
            undo,
            Change.EVIDENCE,
        )
        self.show_banner(f"Recorded {count} for {practice.name}. Ctrl+Z takes them back.", ok=True)
        self._after_marks()
        return recorded[0]

    def _after_marks(self) -> None:
        self.reload()

    def _write(self, write: Callable[[], T]) -> T:
        """Practice focus and versions live with the day's plan."""
        return self._ops.write(write, Change.PLANS, origin=self)

    # -- slots --------------------------------------------------------------------------
    @Slot()
    def _on_settle_timeout(self) -> None:
        practice, size = self._practice, self.size_box.value()
        if size != self._ops.query(practice.size):
            self._ops.write(lambda: practice.set_size(size), Change.SETTINGS, origin=self)
        self.reload()

    @Slot()
    def _on_print_button_clicked(self) -> None:
        self.print_requested.emit(self.chosen_day())

    @Slot(int)
    def _on_students_row_changed(self, _row: int) -> None:
        self._preview_timer.start()
