"""The main window: a header with the period picker, a sidebar of pages, and the menus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Protocol

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
from mathroom.ui.dialogs.about_dialog import AboutDialog
from mathroom.ui.dialogs.backups_dialog import BackupsDialog
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.dialogs.import_scores_dialog import ImportScoresDialog
from mathroom.ui.dialogs.new_classroom_dialog import NewClassroomDialog
from mathroom.ui.dialogs.profile_dialog import ProfileDialog
from mathroom.ui.dialogs.settings_dialog import SettingsDialog
from mathroom.ui.operations import Operations
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
from mathroom.ui.projector.control_panel import WINDOWED, ProjectorControlPanel
from mathroom.ui.projector.projector_window import ProjectorWindow
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets import fit
from mathroom.ui.widgets.accessible_names import keep_named
from mathroom.ui.widgets.page import Page
from mathroom.ui.widgets.shortcut_hint import with_keys
from mathroom.ui.widgets.welcome_panel import WelcomePanel

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

        # Every read and write of every page goes through this one road; each write says
        # what it changed, and _on_changed hands that to the pages and the projector.
        self.ops = Operations(self)
        self.undo_stack = QUndoStack(self)
        ops, s, undo = self.ops, services, self.undo_stack
        # The groups and the projector are about the lesson: the coming Monday on a weekend.
        school_day = self.school_day
        exports = services.folder.exports
        self.rosters_page = RostersPage(ops, s.roster, s.classroom, exports, undo, today)
        self.today_page = TodayPage(
            ops, s.classroom, s.attendance, s.evidence, today, undo, s.teacher_time
        )
        self.skills_page = SkillsPage(
            ops, s.classroom, s.evidence, s.plans, s.skill_map, undo, today, s.teacher_time
        )
        self.groups_page = GroupsPage(
            ops,
            s.classroom,
            s.grouping,
            s.grouping_rules,
            s.evidence,
            s.attendance,
            undo,
            school_day,
        )
        self.practice_page = PracticePage(
            ops, s.practice, s.attendance, s.evidence, s.plans, undo, today
        )
        self.tasks_page = TasksPage(
            ops, s.tasks, s.skill_map, s.printing, exports, undo, today, s.print_jobs
        )
        self.units_page = UnitsPage(ops, s.units, s.classroom, s.tasks, s.skill_map, undo, today)
        self.plan_page = PlanPage(
            ops, s.classroom, s.plans, today, undo, s.projects, s.teacher_time, units=s.units
        )
        self.print_page = PrintPage(ops, s.classroom, s.packet, today, s.print_jobs)
        self.library_page = LibraryPage(ops, s.department)
        self.pages: list[Page] = [
            self.today_page,
            self.rosters_page,
            self.skills_page,
            self.groups_page,
            self.tasks_page,
            self.units_page,
            self.plan_page,
            self.practice_page,
            self.print_page,
            self.library_page,
        ]
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.sidebar.setIconSize(QSize(20, 20))
        for index, page in enumerate(self.pages):
            item = QListWidgetItem(theme.icon(f"{page.title.lower()}-light"), page.title)
            item.setToolTip(with_keys(page.purpose or page.title, _page_key(index)))
            self.sidebar.addItem(item)
            self.stack.addWidget(page)

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
        for page in self.pages:
            keep_named(page)  # accessible names for screen readers
        self._build_menus()
        self._connect_signals()
        self._restore_state()
        self.reload()
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
        for index, page in enumerate(self.pages):
            action = QAction(page.title, self)
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
        self.rosters_page.period_selected.connect(self._on_rosters_period_selected)
        self.rosters_page.import_requested.connect(self.open_import)
        self.skills_page.score_import_requested.connect(self.open_score_import)
        self.practice_page.print_requested.connect(self._on_practice_print_requested)
        self.skills_page.student_opened.connect(self.open_profile)
        self.rosters_page.profile_requested.connect(self.open_profile)

    def _restore_state(self) -> None:
        geometry = self._settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First run: fit the laptop's screen (1366×768 is common in schools).
            screen = self.screen().availableGeometry()
            self.resize(min(1440, int(screen.width() * 0.92)), min(900, int(screen.height() * 0.9)))
        page = self._settings.last_page()
        self.sidebar.setCurrentRow(page if 0 <= page < len(self.pages) else 0)

    # -- public -------------------------------------------------------------------------
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
        index = next(i for i, p in enumerate(self.pages) if p.title == title)
        self.sidebar.setCurrentRow(index)
        return self.pages[index]

    def open_projector(self) -> None:
        period = self.current_period
        if period is None:
            return
        if self.projector is None or self.projector_panel is None:
            # The room's window goes on the projector; its controls stay on the laptop.
            # The timer's seconds come from the app's one clock, like every date does.
            self.projector = ProjectorWindow(clock=self._services.clock.monotonic)
            self.projector_panel = ProjectorControlPanel(
                self.ops, self._services.projector, self.projector, self.school_day, self
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
        if not isinstance(student, int):
            return None
        services = self._services
        dialog = ProfileDialog(
            self.ops, services.evidence, services.printing, StudentId(student), self._today, self
        )
        dialog.open()
        return dialog

    def open_settings(self) -> None:
        services = self._services
        SettingsDialog(self.ops, services.roster, services.evidence, self).exec()

    def open_import(self) -> ImportRosterDialog:
        dialog = ImportRosterDialog(
            self.ops, self._services.roster_import, self.rosters_page.current_list_period, self
        )
        dialog.open()
        return dialog

    def open_score_import(self) -> ImportScoresDialog:
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
        AboutDialog(self._services.folder, self).exec()

    def open_backups(self) -> BackupsDialog:
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
    def _on_sidebar_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            if not self.welcome.isHidden():
                self._welcome_dismissed = True
                self._show_welcome(False)
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
        for page in self.pages:
            page.set_period(period)
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
        page = self.show_page("Print")
        if isinstance(page, PrintPage) and isinstance(day, date):
            page.day.setDate(QDate(day.year, day.month, day.day))

    def _on_projector_closed(self) -> None:
        # The projector is a top-level window nobody parents: delete it here, on the GUI
        # thread, rather than leave it to Python's garbage collector, which may run on a
        # worker thread and must never destroy a widget.
        if self.projector is not None:
            self.projector.deleteLater()
        self.projector = None
        self.projector_panel = None

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
