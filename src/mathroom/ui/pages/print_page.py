"""Print: the day's packet, previewed before it goes to the printer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.plan import teaching_day
from mathroom.services.changes import Change
from mathroom.services.classroom import ClassroomService
from mathroom.services.packet import PacketCount, PacketOptions, PacketService, Section
from mathroom.services.print_jobs import PrintJobService
from mathroom.services.printing import CardLayout, ExportReport, PaperSize
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import PRINT
from mathroom.ui.widgets.day_shortcuts import DayShortcuts
from mathroom.ui.widgets.flow_row import FlowRow, pair
from mathroom.ui.widgets.packet_warnings import PacketWarnings
from mathroom.ui.widgets.page import Page, card, label
from mathroom.ui.widgets.pdf_preview import PdfPreview
from mathroom.ui.widgets.sheet_counts import SheetCounts

# Changes that can empty a packet section: the warnings are checked again after them.
GAP_CHANGES = Change.PLANS | Change.GROUPS | Change.TASKS | Change.EVIDENCE
COUNT_DELAY_MS = 400


class PrintPage(Page):
    title = PRINT.title
    purpose = PRINT.purpose

    shows = Change.ROSTER | Change.SETTINGS

    def __init__(
        self,
        ops: Operations,
        classroom: ClassroomService,
        packet: PacketService,
        today: Callable[[], date],
        print_jobs: PrintJobService | None = None,
    ) -> None:
        super().__init__(ops)
        self._classroom = classroom
        self._packet = packet
        self._today = today
        self.last_export: Path | None = None
        frame, box = card()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd, MMMM d, yyyy")
        self.today_button = QPushButton("Today")
        self.tomorrow_button = QPushButton("Next school day")
        self.periods = QComboBox()
        self.paper = QComboBox()
        self.paper.addItem("US Letter", PaperSize.LETTER)
        self.paper.addItem("A4", PaperSize.A4)
        top = FlowRow(
            pair(label("Day:", wrap=False), self.day),
            self.today_button,
            self.tomorrow_button,
            pair(label("Periods:", wrap=False), self.periods),
            pair(label("Paper:", wrap=False), self.paper),
        )
        box.addWidget(top)
        checks = FlowRow(spacing=14)
        self.sections: dict[Section, QCheckBox] = {}
        for section in Section:
            check = QCheckBox(section.label + (" (teacher only)" if section.teacher_only else ""))
            check.setChecked(True)
            self.sections[section] = check
            checks.add(check)
        box.addWidget(checks)
        self.layout_choice = QComboBox()
        for card_layout in CardLayout:
            self.layout_choice.addItem(card_layout.label, card_layout)
        self.layout_choice.setCurrentIndex(list(CardLayout).index(CardLayout.HALF))
        self.copies = QSpinBox()
        self.copies.setAccessibleName("Copies of each station card")
        self.copies.setRange(1, 40)
        self.copies.setSuffix(" copy of each card")
        self.hints = QCheckBox("Hint strips")
        self.hints.setChecked(True)
        self.paper_saver = QCheckBox("Paper saver")
        self.paper_saver.setToolTip(
            "Less paper, nothing left out: practice sheets two to a page (cut in half; students "
            "work on the back), exit tickets six to a page, gallery slips three, each group's "
            "names on its station card instead of a poster, and an answers-only key."
        )
        self.save_button = QPushButton("Make the day's packet")
        self.save_button.setObjectName("primary")
        options = FlowRow(
            pair(label("Station cards:", wrap=False), self.layout_choice),
            self.copies,
            self.hints,
            self.paper_saver,
            self.save_button,
        )
        box.addWidget(options)
        self.body.addWidget(frame)
        self.warnings = PacketWarnings()
        self.body.addWidget(self.warnings)
        self.counts = SheetCounts()
        self.body.addWidget(self.counts)
        # Counting lays the packet out (about a second): wait for the teacher to stop clicking.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.count_pages)
        self._count_generation = 0
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.body.addWidget(self.progress)
        self.status = label("", "muted")
        self.body.addWidget(self.status)
        self.preview = PdfPreview()
        if print_jobs is not None:
            self.preview.use_print_service(ops, print_jobs)
        self.preview.message.connect(self.status.setText)
        self.body.addWidget(self.preview, 1)

        self.shortcuts = DayShortcuts(self.today_button, self.tomorrow_button, today, self._set_day)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.copies.valueChanged.connect(self._on_copies_changed)
        self.paper.currentIndexChanged.connect(self._on_paper_changed)
        self._set_day(teaching_day(self._today()))  # on a weekend: Monday's packet
        # Connected after the first day is set: the warnings are read once the page loads.
        self.day.dateChanged.connect(self.refresh_warnings)
        self.periods.currentIndexChanged.connect(self.refresh_warnings)
        for check in self.sections.values():
            check.toggled.connect(self.refresh_warnings)
        self.paper_saver.toggled.connect(self._on_paper_saver_toggled)
        self.layout_choice.currentIndexChanged.connect(self._schedule_count)
        self.copies.valueChanged.connect(self._schedule_count)
        self.hints.toggled.connect(self._schedule_count)

    def _set_day(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def chosen_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def reload(self) -> None:
        self.shortcuts.refresh()
        current = self.periods.currentData()
        self.periods.blockSignals(True)
        self.periods.clear()
        self.periods.addItem("All periods", None)
        classroom, packet = self._classroom, self._packet
        overview, paper, saver = self._ops.query(
            lambda: (classroom.overview(), packet.paper(), packet.paper_saver())
        )
        for period in overview.periods:
            self.periods.addItem(period.name, period.id)
        index = self.periods.findData(current) if current is not None else 0
        self.periods.setCurrentIndex(max(index, 0))
        self.periods.blockSignals(False)
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(self.paper.findData(paper))
        self.paper.blockSignals(False)
        self.paper_saver.blockSignals(True)
        self.paper_saver.setChecked(saver)
        self.paper_saver.blockSignals(False)
        self.refresh_warnings()

    def refresh_warnings(self, *_args: object) -> None:
        """Say what the packet would leave out for the chosen day, periods and sections."""
        day, period = self.chosen_day(), self.periods.currentData()
        periods = None if period is None else [period]
        sections = self.options().sections
        packet = self._packet
        self.warnings.show_gaps(self._ops.query(lambda: packet.gaps(day, periods, sections)))
        self._schedule_count()

    def _schedule_count(self, *_args: object) -> None:
        self.counts.counting()
        self._count_generation += 1  # a count already running is now out of date
        self._count_timer.start()

    def count_pages(self) -> None:
        """Lay the packet out in the background and show each section's pages."""
        if not self.isVisible():
            return  # counted when the page is shown
        day, period = self.chosen_day(), self.periods.currentData()
        periods = None if period is None else [period]
        options = self.options()
        if not options.sections:
            self.counts.show_nothing("Tick at least one section to print.")
            return
        packet, generation = self._packet, self._count_generation
        note = ""
        folded = {Section.STATION_CARDS, Section.GROUP_POSTERS} <= options.sections
        if options.paper_saver and folded:
            note = "Paper saver: each group's names print on its station card, not a poster."
        self._ops.read_in_background(
            lambda _progress: packet.count(day, periods, options),
            lambda count: self._on_counted(count, generation, note),
            lambda error: self._on_count_failed(error, generation),
            context=self,
        )

    def _on_counted(self, count: PacketCount, generation: int, note: str) -> None:
        if generation == self._count_generation:
            self.counts.show_count(count, note)

    def _on_count_failed(self, error: Exception, generation: int) -> None:
        if generation != self._count_generation:
            return
        if isinstance(error, MathroomError):
            self.counts.show_nothing("No pages to count: " + str(error))
        else:
            self.counts.show_nothing(f"The pages could not be counted: {error}")

    def on_changed(self, changes: Change, origin: object) -> None:
        super().on_changed(changes, origin)
        if changes & GAP_CHANGES:  # a task chosen on the Plan page, groups made…
            self.refresh_warnings()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_warnings()  # back from the Plan page: the plans may have changed

    def _on_copies_changed(self, copies: int) -> None:
        self.copies.setSuffix(" copy of each card" if copies == 1 else " copies of each card")

    def _on_paper_changed(self, *_args: object) -> None:
        # The paper is a setting: every later printout uses it too.
        packet, paper = self._packet, PaperSize(self.paper.currentData())
        self._ops.write(lambda: packet.set_paper(paper), Change.SETTINGS, origin=self)
        self._schedule_count()

    def _on_paper_saver_toggled(self, on: bool) -> None:
        # Remembered: a teacher with a copy limit wants it every day.
        packet = self._packet
        self._ops.write(lambda: packet.set_paper_saver(on), Change.SETTINGS, origin=self)
        self._schedule_count()

    def options(self) -> PacketOptions:
        return PacketOptions(
            sections=frozenset(s for s, check in self.sections.items() if check.isChecked()),
            card_layout=CardLayout(self.layout_choice.currentData()),
            paper=PaperSize(self.paper.currentData()),
            copies=self.copies.value(),
            hint_strips=self.hints.isChecked(),
            paper_saver=self.paper_saver.isChecked(),
        )

    def _on_save_button_clicked(self) -> None:
        day = self.chosen_day()
        period = self.periods.currentData()
        periods = None if period is None else [period]
        options = self.options()
        if not options.sections:
            self.status.setText("Tick at least one section to print.")
            return
        packet = self._packet
        out = packet.default_path(day)
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Making the packet…")
        self._ops.read_in_background(
            lambda progress: packet.build(day, out, periods, options, progress),
            self._on_export_done,
            self._on_export_failed,
            progress=self._on_progress,
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_export_done(self, report: object) -> None:
        self.save_button.setEnabled(True)
        self.progress.hide()
        if not isinstance(report, ExportReport):
            return
        self.last_export = report.path
        self.preview.load(report.path, report.runs)
        pages = "1 page" if report.pages == 1 else f"{report.pages} pages"
        missing = len(self.warnings.lines)
        mind = (
            f" It is missing what the {missing} warning{'s' if missing > 1 else ''} above say."
            if missing
            else ""
        )
        self.status.setText(
            f"Saved {report.path} ({pages}).{mind} Check it below, then press Print…"
        )

    def _on_export_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.progress.hide()
        if isinstance(error, MathroomError):
            self.status.setText(str(error))
        else:
            self.status.setText(f"The PDF could not be made: {error}. Any earlier file was kept.")
