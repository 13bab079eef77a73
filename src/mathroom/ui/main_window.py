"""The main window: a header with the period picker, a sidebar of pages, and the menus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import StudentId
from mathroom.domain.plan import teaching_day
from mathroom.domain.roster import Period
from mathroom.services.catalog import Services
from mathroom.services.changes import Change
from mathroom.services.classrooms import Classroom, NewClassroom
from mathroom.ui import theme
from mathroom.ui.appearance_menu import AppearanceMenu
from mathroom.ui.library_schedule import ScheduledPull
from mathroom.ui.operations import Operations
from mathroom.ui.pages import directory
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets import fit
from mathroom.ui.widgets.accessible_names import keep_named, name_dialogs_of
from mathroom.ui.widgets.page import Page
from mathroom.ui.widgets.shortcut_hint import with_keys
from mathroom.ui.widgets.welcome_panel import WelcomePanel

if TYPE_CHECKING:
    from mathroom.ui.dialogs.backups_dialog import BackupsDialog
    from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
    from mathroom.ui.dialogs.import_scores_dialog import ImportScoresDialog
    from mathroom.ui.dialogs.new_classroom_dialog import NewClassroomDialog
    from mathroom.ui.dialogs.profile_dialog import ProfileDialog
    from mathroom.ui.pages.groups_page import GroupsPage
    from mathroom.ui.pages.library_page import LibraryPage
    from mathroom.ui.pages.plan_page import PlanPage
    from mathroom.ui.pages.practice_page import PracticePage
    from mathroom.ui.pages.print_page import PrintPage
    from mathroom.ui.pages.rosters_page import RostersPage
    from mathroom.ui.pages.skills_page import SkillsPage
    from mathroom.ui.pages.tasks_page import TasksPage
    from mathroom.ui.pages.today_page import TodayPage
    from mathroom.ui.pages.units_page import UnitsPage
    from mathroom.ui.projector.control_panel import ProjectorControlPanel
    from mathroom.ui.projector.projector_window import ProjectorWindow

P = TypeVar("P", bound=Page)

# How often the window looks at the clock: a new day (midnight, or a laptop waking up after
# the weekend) reloads every page, so the window and the packet agree on "today".
DAY_CHECK_MS = 30_000


class ClassroomSwitch(Protocol):
    """The app's classrooms, as File ▸ Start my own classroom / Switch classroom use them."""

    def current(self) -> Classroom: ...

    def all(self) -> list[Classroom]: ...

    def create(self, name: str) -> NewClassroom: ...

    def switch_to(self, name: str) -> None:
        """Open that classroom in a new window in place of this one (which closes)."""


class MainWindow(QMainWindow):
    period_changed = Signal(object)
    day_changed = Signal(object)

    def __init__(
        self,
        services: Services,
        settings: WindowSettings,
        restore: Callable[[Path], None] | None = None,
        classrooms: ClassroomSwitch | None = None,
        *,
        fill_later: bool = False,
    ) -> None:
        super().__init__()
        self._services = services
        self._settings = settings
        today = services.clock.today
        self._today = today
        self._shown_day = today()
        self._restore = restore
        self._classrooms = classrooms
        self.projector: ProjectorWindow | None = None
        self.projector_panel: ProjectorControlPanel | None = None
        self.setWindowTitle(f"Mathroom — {self.classroom_name}" if classrooms else "Mathroom")
        self.setMinimumSize(760, 520)
        name_dialogs_of(self)  # a screen reader names a dialog's controls as a page's

        # Every read and write of every page goes through this one road; each write says
        # what it changed, and _on_changed hands that to the pages and the projector.
        self.ops = Operations(self)
        self.undo_stack = QUndoStack(self)
        # Automatic library pulls, if the teacher turned them on (the Library page sets them).
        self.library_schedule = ScheduledPull(self.ops, lambda: services.department, self)
        self.library_schedule.reported.connect(self._on_library_reported)
        # Each page is imported, built and filled the first time it is shown (or asked
        # for): the window paints as soon as the page the teacher left open is ready.
        self._slots = [_PageSlot(entry) for entry in directory.SIDEBAR]
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.sidebar.setIconSize(QSize(20, 20))
        for index, slot in enumerate(self._slots):
            entry = slot.entry
            item = QListWidgetItem(theme.icon(entry.icon), entry.title)
            item.setToolTip(with_keys(entry.purpose, _page_key(index)))
            self.sidebar.addItem(item)
            self.stack.addWidget(slot)

        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(220)
        self.projector_button = QPushButton("Projector")
        self.projector_button.setIcon(theme.icon("projector-light"))
        self.projector_button.setObjectName("primary")
        self.projector_button.setToolTip("Open the student-safe projector window (Ctrl+P)")
        self.date_label = QLabel()
        self.date_label.setObjectName("muted")

        header = QWidget()
        header.setObjectName("header")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(16, 8, 16, 8)
        app_name = QLabel("Mathroom")
        app_name.setObjectName("appName")
        header_layout.addWidget(app_name)
        # Which classroom is open, always in sight: the demo in the warning colour.
        self.classroom_label = QLabel(self.classroom_name)
        demo = classrooms is not None and classrooms.current().demo
        self.classroom_label.setObjectName("banner" if demo else "muted")
        self.classroom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.classroom_label.setToolTip("File ▸ Switch classroom opens another one")
        self.classroom_label.setVisible(classrooms is not None)
        header_layout.addSpacing(12)
        header_layout.addWidget(self.classroom_label)
        header_layout.addSpacing(24)
        header_layout.addWidget(QLabel("Period:"))
        header_layout.addWidget(self.period_combo)
        header_layout.addSpacing(16)
        header_layout.addWidget(self.date_label)
        header_layout.addStretch(1)
        header_layout.addWidget(self.projector_button)

        body = QWidget()
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.sidebar)
        body_layout.addWidget(fit.PageScroll(self.stack), 1)
        self.welcome = WelcomePanel()
        self.welcome.hide()
        body_layout.addWidget(self.welcome, 1)
        self._welcome_dismissed = False
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(header)
        central_layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self._build_menus()
        self._connect_signals()
        self._restore_geometry()
        self._filled = False  # no page is built, nor the database read, before fill()
        if fill_later:  # the app paints the window, then opens the database and calls fill()
            self.projector_button.setEnabled(False)
            self.statusBar().showMessage(f"Opening {self.classroom_name or 'your classroom'}…")
        else:
            self.fill()

    def fill(self) -> None:
        """Read the classroom and show the page the teacher left open (the database is open
        by now); the schedules start after that page has painted."""
        self.setWindowTitle(f"Mathroom — {self.classroom_name}" if self._classrooms else "Mathroom")
        self.classroom_label.setText(self.classroom_name)
        demo = self._classrooms is not None and self._classrooms.current().demo
        self.classroom_label.setObjectName("banner" if demo else "muted")
        self.classroom_label.style().polish(self.classroom_label)
        self._filled = True
        self.reload()  # the period first: the page on show is built with it
        self._restore_page()
        QTimer.singleShot(0, self, self.library_schedule.start)
        self.day_timer.start()

    # -- construction -------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_classroom_action = QAction("Start my own &classroom…", self)
        self.switch_menu = QMenu("S&witch classroom", self)
        if self._classrooms is not None:
            file_menu.addAction(self.new_classroom_action)
            file_menu.addMenu(self.switch_menu)
            file_menu.addSeparator()
        self.backup_action = QAction("&Back up now", self)
        self.backup_action.setShortcut(QKeySequence("Ctrl+B"))
        file_menu.addAction(self.backup_action)
        self.import_action = QAction("&Import roster…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        file_menu.addAction(self.import_action)
        self.settings_action = QAction("&Settings…", self)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = self.menuBar().addMenu("&View")
        self.projector_action = QAction("&Projector window", self)
        self.projector_action.setShortcut(QKeySequence("Ctrl+P"))
        view_menu.addAction(self.projector_action)
        self.page_actions: list[QAction] = []
        for index, slot in enumerate(self._slots):
            action = QAction(slot.entry.title, self)
            action.setShortcut(QKeySequence(_page_key(index)))
            action.setData(index)
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.appearance_menu = AppearanceMenu(self._settings, self)
        view_menu.addMenu(self.appearance_menu)
        help_menu = self.menuBar().addMenu("&Help")
        self.backups_action = QAction("&Backups…", self)
        self.about_action = QAction("&About Mathroom", self)
        help_menu.addAction(self.backups_action)
        help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.ops.changed.connect(self._on_changed)
        theme.appearance_changed().connect(self.refresh_everything)  # colours set when filled
        self.day_timer.timeout.connect(self.check_day)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.projector_button.clicked.connect(self.open_projector)
        self.projector_action.triggered.connect(self.open_projector)
        self.backup_action.triggered.connect(self._on_backup_action_triggered)
        self.backups_action.triggered.connect(self.open_backups)
        self.about_action.triggered.connect(self.open_about)
        self.quit_action.triggered.connect(self.close)
        for action in self.page_actions:
            action.triggered.connect(self._on_page_action_triggered)
        self.import_action.triggered.connect(self.open_import)
        self.settings_action.triggered.connect(self.open_settings)
        self.new_classroom_action.triggered.connect(self.open_new_classroom)
        self.switch_menu.aboutToShow.connect(self.fill_switch_menu)
        self.welcome.import_requested.connect(self.open_import)
        self.welcome.add_by_hand_requested.connect(self._on_welcome_add_by_hand_requested)

    def _page_built(self, page: Page) -> None:
        """A page made on first use: named for screen readers, wired, shown the period."""
        keep_named(page)
        # By title, so that building one page imports no other page's module.
        if page.title == directory.ROSTERS.title:
            rosters = self.rosters_page
            rosters.period_selected.connect(self._on_rosters_period_selected)
            rosters.import_requested.connect(self.open_import)
            rosters.profile_requested.connect(self.open_profile)
        elif page.title == directory.SKILLS.title:
            skills = self.skills_page
            skills.score_import_requested.connect(self.open_score_import)
            skills.student_opened.connect(self.open_profile)
        elif page.title == directory.PRACTICE.title:
            self.practice_page.print_requested.connect(self._on_practice_print_requested)
        elif page.title == directory.LIBRARY.title:
            self.library_page.schedule_changed.connect(self.library_schedule.set_hours)
        page.set_period(self.current_period)

    def _restore_geometry(self) -> None:
        geometry = self._settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First run: fit the laptop's screen (1366×768 is common in schools).
            screen = self.screen().availableGeometry()
            self.resize(min(1440, int(screen.width() * 0.92)), min(900, int(screen.height() * 0.9)))

    def _restore_page(self) -> None:
        page = self._settings.last_page()
        row = page if 0 <= page < len(self._slots) else 0
        if self.welcome.isHidden():
            self.sidebar.setCurrentRow(row)
            self._on_sidebar_row_changed(row)  # also when the shell already showed that row
        else:  # an empty classroom: the page comes (and is built) when the welcome goes
            self.stack.setCurrentIndex(row)

    # -- public -------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        """Every page, in sidebar order (building those not shown yet)."""
        return [self._built(slot) for slot in self._slots]

    def _page(self, kind: type[P]) -> P:
        """The page of that kind, built now if it has not been shown yet."""
        slot = next(slot for slot in self._slots if slot.entry.title == kind.title)
        page = self._built(slot)
        assert isinstance(page, kind)
        return page

    @property
    def today_page(self) -> TodayPage:
        from mathroom.ui.pages.today_page import TodayPage

        return self._page(TodayPage)

    @property
    def rosters_page(self) -> RostersPage:
        from mathroom.ui.pages.rosters_page import RostersPage

        return self._page(RostersPage)

    @property
    def skills_page(self) -> SkillsPage:
        from mathroom.ui.pages.skills_page import SkillsPage

        return self._page(SkillsPage)

    @property
    def groups_page(self) -> GroupsPage:
        from mathroom.ui.pages.groups_page import GroupsPage

        return self._page(GroupsPage)

    @property
    def tasks_page(self) -> TasksPage:
        from mathroom.ui.pages.tasks_page import TasksPage

        return self._page(TasksPage)

    @property
    def units_page(self) -> UnitsPage:
        from mathroom.ui.pages.units_page import UnitsPage

        return self._page(UnitsPage)

    @property
    def plan_page(self) -> PlanPage:
        from mathroom.ui.pages.plan_page import PlanPage

        return self._page(PlanPage)

    @property
    def practice_page(self) -> PracticePage:
        from mathroom.ui.pages.practice_page import PracticePage

        return self._page(PracticePage)

    @property
    def print_page(self) -> PrintPage:
        from mathroom.ui.pages.print_page import PrintPage

        return self._page(PrintPage)

    @property
    def library_page(self) -> LibraryPage:
        from mathroom.ui.pages.library_page import LibraryPage

        return self._page(LibraryPage)

    def current_page(self) -> Page | None:
        """The page on show (None while the welcome panel stands in for the pages)."""
        slot = self.stack.currentWidget()
        return slot.page if isinstance(slot, _PageSlot) else None

    @property
    def classroom_name(self) -> str:
        return self._classrooms.current().label if self._classrooms else ""

    @property
    def current_period(self) -> Period | None:
        data = self.period_combo.currentData()
        return data if isinstance(data, Period) else None

    def refresh_everything(self) -> None:
        """Show the database afresh everywhere (after a restore replaced it)."""
        self.reload()
        if self.projector_panel is not None:
            self.projector_panel.reload()

    def reload(self) -> None:
        today = self._today()
        self.date_label.setText(f"{today:%A, %B} {today.day}, {today.year}")
        overview = self.ops.query(self._services.classroom.overview)
        wanted = self.current_period.id if self.current_period else self._settings.last_period()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in overview.periods:
            self.period_combo.addItem(f"{period.name} · {period.student_count} students", period)
        index = next(
            (i for i, p in enumerate(overview.periods) if p.id == wanted),
            0 if overview.periods else -1,
        )
        self.period_combo.setCurrentIndex(index)
        self.period_combo.blockSignals(False)
        self.projector_button.setEnabled(bool(overview.periods))
        self._on_period_combo_changed(index)
        if not overview.periods and not self._welcome_dismissed:
            self.welcome.show_classroom(
                self.classroom_name or "your classroom", overview.skills, overview.tasks
            )
            self._show_welcome(True)
        elif overview.periods and not self.welcome.isHidden():
            self._show_welcome(False)
            self.show_page("Rosters")  # the first roster is in: see it
        folder = self._services.folder.root
        self.statusBar().showMessage(
            f"{overview.students} students · {overview.skills} skills · {overview.tasks} tasks"
            f" · data in {folder}"
        )

    def school_day(self) -> date:
        """Today on a school day, else the coming Monday (see ``teaching_day``)."""
        return teaching_day(self._today())

    def check_day(self) -> bool:
        """Reload everything when the calendar day has changed since the last look."""
        today = self._today()
        if today == self._shown_day:
            return False
        self._shown_day = today
        self.reload()  # hands every page the period again, so each one reloads
        self.day_changed.emit(today)
        return True

    def show_page(self, title: str) -> Page:
        index = next(i for i, slot in enumerate(self._slots) if slot.entry.title == title)
        self.sidebar.setCurrentRow(index)
        return self._built(self._slots[index])

    def open_projector(self) -> None:
        from mathroom.ui.projector.control_panel import WINDOWED, ProjectorControlPanel
        from mathroom.ui.projector.projector_window import ProjectorWindow

        period = self.current_period
        if period is None:
            return
        if self.projector is None or self.projector_panel is None:
            # The room's window goes on the projector; its controls stay on the laptop.
            # The timer's seconds come from the app's one clock, like every date does.
            self.projector = ProjectorWindow(clock=self._services.clock.monotonic)
            # The panel is a window of its own, like the projector: as a child dialog of
            # this window, deleting it on close crashed Qt 6.11 in removeFromFocusChain once
            # pages came to be built when first shown (tests/ui/test_appearance.py).
            self.projector_panel = ProjectorControlPanel(
                self.ops, self._services.projector, self.projector, self.school_day
            )
            self.projector.closed.connect(self._on_projector_closed)
            self.projector_panel.show_period(period.id)
            self.projector_panel.screen_chosen.connect(self._settings.set_projector_screen)
            self.projector.set_high_contrast(self._settings.projector_high_contrast())
            self.projector_panel.high_contrast_chosen.connect(
                self._settings.set_projector_high_contrast
            )
            remembered = self._settings.projector_screen()
            if remembered == WINDOWED:
                self.projector.show_on(None)  # the teacher chose a window last time
            else:
                self.projector.place_on_best_screen(remembered or "")
            self.projector_panel.show()
        else:
            self.projector_panel.show_period(period.id)
        self.projector.raise_()
        self.projector_panel.raise_()

    def open_profile(self, student: object) -> ProfileDialog | None:
        from mathroom.ui.dialogs.profile_dialog import ProfileDialog

        if not isinstance(student, int):
            return None
        services = self._services
        dialog = ProfileDialog(
            self.ops, services.evidence, services.printing, StudentId(student), self._today, self
        )
        dialog.open()
        return dialog

    def open_settings(self) -> None:
        from mathroom.ui.dialogs.settings_dialog import SettingsDialog

        services = self._services
        SettingsDialog(self.ops, services.roster, services.evidence, self).exec()

    def open_import(self) -> ImportRosterDialog:
        from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog

        dialog = ImportRosterDialog(
            self.ops, self._services.roster_import, self.rosters_page.current_list_period, self
        )
        dialog.open()
        return dialog

    def open_score_import(self) -> ImportScoresDialog:
        from mathroom.ui.dialogs.import_scores_dialog import ImportScoresDialog

        services = self._services
        dialog = ImportScoresDialog(
            self.ops,
            services.score_import,
            services.roster,
            self.current_period,
            self._today(),
            self,
        )
        dialog.open()
        return dialog

    def open_new_classroom(self) -> NewClassroomDialog | None:
        """File ▸ Start my own classroom…; on success the window switches to it."""
        from mathroom.ui.dialogs.new_classroom_dialog import NewClassroomDialog

        switch = self._classrooms
        if switch is None or not self._ready_to_leave():
            return None
        taken = [c.name for c in switch.all()]
        dialog = NewClassroomDialog(switch.current().label, taken, switch.create, self)
        if dialog.exec() and dialog.made is not None:
            self._switch_soon(dialog.made.classroom.name)
        return dialog

    def fill_switch_menu(self) -> None:
        """One entry per classroom, the open one ticked (read afresh: a command may have
        made another since)."""
        self.switch_menu.clear()
        if self._classrooms is None:
            return
        try:
            classrooms = self._classrooms.all()
        except MathroomError as exc:
            QMessageBox.warning(self, "Classrooms", str(exc))
            return
        for classroom in classrooms:
            action = self.switch_menu.addAction(classroom.label)
            action.setCheckable(True)
            action.setChecked(classroom.is_open)
            action.setEnabled(not classroom.is_open)
            action.triggered.connect(partial(self.switch_classroom, classroom.name))

    def switch_classroom(self, name: str) -> None:
        if self._ready_to_leave():
            self._switch_soon(name)

    def open_about(self) -> None:
        from mathroom.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self._services.folder, self).exec()

    def open_backups(self) -> BackupsDialog:
        from mathroom.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._services.maintenance, self._on_restore_chosen, self)
        dialog.open()
        return dialog

    # -- classrooms --------------------------------------------------------------------
    def _ready_to_leave(self) -> bool:
        """Ask first when an import or a printout is still running (the switch waits for it)."""
        if not self.ops.busy():
            return True
        answer = QMessageBox.question(
            self,
            "Still working",
            "An import or a printout is still running in this classroom. Mathroom will "
            "let it finish first. Continue?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _switch_soon(self, name: str) -> None:
        # After the menu or dialog that asked has returned: this window closes on the way.
        QTimer.singleShot(0, partial(self._switch, name))

    def _switch(self, name: str) -> None:
        if self._classrooms is None:
            return
        try:
            self._classrooms.switch_to(name)
        except MathroomError as exc:
            QMessageBox.warning(self, "Could not open the classroom", str(exc))

    def _show_welcome(self, shown: bool) -> None:
        self.welcome.setVisible(shown)
        self.stack.setVisible(not shown)
        if shown:
            self.sidebar.setCurrentRow(-1)  # so a click on any page leaves the welcome
        elif self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(self.stack.currentIndex())

    def _on_welcome_add_by_hand_requested(self) -> None:
        self._welcome_dismissed = True
        self._show_welcome(False)
        self.show_page("Rosters")

    # -- slots --------------------------------------------------------------------------
    def _built(self, slot: _PageSlot) -> Page:
        if slot.page is None:
            slot.hold(self._new_page(slot.entry))
            assert slot.page is not None
            self._page_built(slot.page)
        return slot.page

    def _new_page(self, entry: directory.PageEntry) -> Page:
        """Import and build one page, handing it only the services it uses."""
        ops, s, undo, today = self.ops, self._services, self.undo_stack, self._today
        exports = s.folder.exports
        if entry is directory.TODAY:
            from mathroom.ui.pages.today_page import TodayPage

            return TodayPage(
                ops, s.classroom, s.attendance, s.evidence, today, undo, s.teacher_time
            )
        if entry is directory.ROSTERS:
            from mathroom.ui.pages.rosters_page import RostersPage

            return RostersPage(ops, s.roster, s.classroom, exports, undo, today)
        if entry is directory.SKILLS:
            from mathroom.ui.pages.skills_page import SkillsPage

            return SkillsPage(
                ops, s.classroom, s.evidence, s.plans, s.skill_map, undo, today, s.teacher_time
            )
        if entry is directory.GROUPS:
            from mathroom.ui.pages.groups_page import GroupsPage

            # The groups and the projector are about the lesson: the coming Monday on a weekend.
            return GroupsPage(
                ops,
                s.classroom,
                s.grouping,
                s.grouping_rules,
                s.evidence,
                s.attendance,
                undo,
                self.school_day,
            )
        if entry is directory.TASKS:
            from mathroom.ui.pages.tasks_page import TasksPage

            return TasksPage(
                ops, s.tasks, s.skill_map, s.printing, exports, undo, today, s.print_jobs
            )
        if entry is directory.UNITS:
            from mathroom.ui.pages.units_page import UnitsPage

            return UnitsPage(ops, s.units, s.classroom, s.tasks, s.skill_map, undo, today)
        if entry is directory.PLAN:
            from mathroom.ui.pages.plan_page import PlanPage

            return PlanPage(
                ops, s.classroom, s.plans, today, undo, s.projects, s.teacher_time, units=s.units
            )
        if entry is directory.PRACTICE:
            from mathroom.ui.pages.practice_page import PracticePage

            return PracticePage(ops, s.practice, s.attendance, s.evidence, s.plans, undo, today)

        if entry is directory.PRINT:
            from mathroom.ui.pages.print_page import PrintPage

            return PrintPage(ops, s.classroom, s.packet, today, s.print_jobs)
        from mathroom.ui.pages.library_page import LibraryPage

        return LibraryPage(ops, s.department)

    def _on_sidebar_row_changed(self, row: int) -> None:
        if self._filled and 0 <= row < len(self._slots):
            if not self.welcome.isHidden():
                self._welcome_dismissed = True
                self._show_welcome(False)
            self._built(self._slots[row])
            self.stack.setCurrentIndex(row)
            self._settings.set_last_page(row)

    def _on_page_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.sidebar.setCurrentRow(int(action.data()))

    def _on_period_combo_changed(self, _index: int) -> None:
        period = self.current_period
        if period is not None:
            self._settings.set_last_period(int(period.id))
        for slot in self._slots:
            if slot.page is not None:  # the others read the period when they are built
                slot.page.set_period(period)
        self._refresh_projector()
        self.period_changed.emit(period)

    def _refresh_projector(self) -> None:
        period = self.current_period
        if self.projector_panel is not None and period is not None:
            self.projector_panel.show_period(period.id)  # same period: the room keeps its place

    def _on_rosters_period_selected(self, period_id: object) -> None:
        for index in range(self.period_combo.count()):
            period = self.period_combo.itemData(index)
            if isinstance(period, Period) and period.id == period_id:
                if index != self.period_combo.currentIndex():
                    self.period_combo.setCurrentIndex(index)
                return

    def _on_changed(self, changes: object, _origin: object) -> None:
        """Every page and the projector panel hear each write's changes themselves and
        reload only what shows them. Periods and names are in the window's header: a roster
        change re-reads it, which hands every page its (renamed, recounted) period again."""
        if isinstance(changes, Change) and changes & Change.ROSTER:
            self.reload()

    def _on_practice_print_requested(self, day: object) -> None:
        self.show_page(directory.PRINT.title)
        page = self.print_page
        if isinstance(day, date):
            page.day.setDate(QDate(day.year, day.month, day.day))

    def _on_projector_closed(self) -> None:
        # The projector is a top-level window nobody parents: delete it here, on the GUI
        # thread, rather than leave it to Python's garbage collector, which may run on a
        # worker thread and must never destroy a widget.
        if self.projector is not None:
            self.projector.deleteLater()
        self.projector = None
        self.projector_panel = None

    def _on_library_reported(self, line: str) -> None:
        self.statusBar().showMessage(line, 15_000)

    def _on_backup_action_triggered(self) -> None:
        try:
            path = self._services.maintenance.backup_now()
        except MathroomError as exc:
            QMessageBox.warning(self, "Backup failed", str(exc))
            return
        self.statusBar().showMessage(f"Backup written: {path.name}", 8000)

    def _on_restore_chosen(self, backup: Path) -> None:
        if self._restore is None:
            return
        try:
            self._restore(backup)
        except MathroomError as exc:
            QMessageBox.warning(self, "Restore failed", str(exc))

    # -- Qt overrides -------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.set_geometry(self.saveGeometry())
        self._settings.sync()
        if self.projector is not None:
            self.projector.close()
        super().closeEvent(event)


def _page_key(index: int) -> str:
    """Ctrl+1 … Ctrl+9 for the first nine pages, Ctrl+0 for the tenth (the Library)."""
    return f"Ctrl+{(index + 1) % 10}"


class _PageSlot(QWidget):
    """Holds a page's place in the stack until the page is first needed, then holds it."""

    def __init__(self, entry: directory.PageEntry) -> None:
        super().__init__()
        self.entry = entry
        self.page: Page | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def hold(self, page: Page) -> None:
        self.page = page
        layout = self.layout()
        assert layout is not None
        layout.addWidget(page)
        page.show()  # now, not at the next turn of the event loop (Qt's way for a late child)
