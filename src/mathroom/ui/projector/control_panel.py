"""The teacher's side of the projector: today's plan as scenes, a live preview of what the
room sees, and buttons for everything the keyboard does (the same keys work here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import PeriodId
from mathroom.services.changes import Change
from mathroom.services.projector import (
    AgendaScene,
    GroupRevealScene,
    ProjectorService,
    Scene,
    TaskScene,
    TimerScene,
)
from mathroom.ui.operations import Operations
from mathroom.ui.projector.countdown import clock_text
from mathroom.ui.projector.keys import Action, action_for, legend
from mathroom.ui.projector.live_preview import LivePreview
from mathroom.ui.projector.palette import is_dark
from mathroom.ui.projector.placement import screen_label
from mathroom.ui.projector.projector_window import ProjectorWindow

SceneIndexRole = Qt.ItemDataRole.UserRole + 1
WINDOWED = ""  # the screen picker's "a window on this laptop"

_BUTTONS = (
    ("◀ Previous", Action.PREVIOUS),
    ("Next ▶", Action.NEXT),
    ("Start / pause timer", Action.TIMER),
    ("Reset timer", Action.RESET_TIMER),
    ("Blank", Action.BLANK),
    ("Freeze", Action.FREEZE),
    ("Next hint", Action.HINT_MORE),
    ("Hide hint", Action.HINT_LESS),
    ("Extension", Action.EXTENSION),
    ("Pick a name", Action.PICK),
    ("Students / groups", Action.PICK_MODE),
    ("Skip shuffle", Action.SKIP),
)


def scene_title(scene: Scene) -> str:
    """How a scene reads in the teacher's list."""
    if isinstance(scene, AgendaScene):
        return "Agenda"
    if isinstance(scene, GroupRevealScene):
        return "Group reveal, then the station map"
    if isinstance(scene, TaskScene):
        return f"Task · {scene.kicker}: {scene.title}"
    if isinstance(scene, TimerScene):
        rounds = len(scene.rounds)
        extra = f" · {rounds} rounds" if rounds > 1 else ""
        return f"Timer · {scene.minutes} min{extra}"
    return "Name picker"


class ProjectorControlPanel(QDialog):
    screen_chosen = Signal(str)  # a screen's name, or WINDOWED: remembered for next time
    high_contrast_chosen = Signal(bool)  # remembered for next time

    # What the room's screen shows: a change to any of these redraws it (same place kept).
    shows = Change.ROSTER | Change.ATTENDANCE | Change.GROUPS | Change.PLANS | Change.TASKS

    def __init__(
        self,
        ops: Operations,
        service: ProjectorService,
        window: ProjectorWindow,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Projector controls")
        self.setModal(False)
        # One panel per projector session: stopping the session ends the panel too.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._ops = ops
        ops.changed.connect(self._on_ops_changed)
        self._service = service
        self.window_ = window
        self._today = today
        self.period: PeriodId | None = None
        self._closing = False

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.screen_combo = QComboBox()
        self.theme_button = QPushButton()
        self.beep_check = QCheckBox("Beep when time is up")
        self.contrast_check = QCheckBox("High contrast")
        self.contrast_check.setToolTip(
            "Pure white on black (or black on white), larger type and thicker lines: "
            "readable from the back of the room"
        )
        self.stop_button = QPushButton("Stop projecting")
        self.plan_list = QListWidget()
        self.plan_list.setMinimumWidth(320)
        self.plan_list.setWordWrap(True)  # long task titles wrap rather than scroll sideways
        self.plan_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = LivePreview(window)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons: dict[Action, QPushButton] = {}
        # No-break spaces keep each "key: what it does" on one line when the legend wraps.
        keys = QLabel(
            "   ".join(f"{key}: {what.lower()}".replace(" ", "\u00a0") for key, what in legend())
        )
        keys.setObjectName("muted")
        keys.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Show on:"))
        top.addWidget(self.screen_combo)
        top.addWidget(self.theme_button)
        top.addWidget(self.contrast_check)
        top.addWidget(self.beep_check)
        top.addWidget(self.stop_button)
        grid = QGridLayout()
        key_of = {what: key for key, what in legend()}
        for n, (text, action) in enumerate(_BUTTONS):
            button = QPushButton(text)
            if action.value in key_of:  # the key that does the same, named where one clicks
                button.setToolTip(f"{text} (key: {key_of[action.value]})")
            self.buttons[action] = button
            grid.addWidget(button, n // 6, n % 6)
        right = QVBoxLayout()
        showing = QLabel("Now showing")
        showing.setObjectName("sectionTitle")
        right.addWidget(showing)
        right.addWidget(self.preview, 1)
        right.addWidget(self.status)
        right.addLayout(grid)
        right.addWidget(keys)
        body = QHBoxLayout()
        body.addWidget(self.plan_list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        # Keys must reach the panel (space on a focused button would click it instead).
        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1000, 620)
        self._fill_screens()
        self._connect_signals()
        self._update_status()

    def _connect_signals(self) -> None:
        for action, button in self.buttons.items():
            button.clicked.connect(partial(self.window_.perform, action))
        self.theme_button.clicked.connect(self.window_.toggle_theme)
        self.beep_check.toggled.connect(self._on_beep_check_toggled)
        self.contrast_check.toggled.connect(self._on_contrast_check_toggled)
        self.stop_button.clicked.connect(self.close)
        self.plan_list.itemClicked.connect(self._on_plan_list_item_clicked)
        self.screen_combo.activated.connect(self._on_screen_combo_activated)
        self.window_.scene_changed.connect(self._on_window_scene_changed)
        self.window_.state_changed.connect(self._update_status)
        self.window_.closed.connect(self._on_window_closed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._on_screens_changed)
            app.screenRemoved.connect(self._on_screens_changed)

    # -- public -------------------------------------------------------------------------
    def show_period(self, period: PeriodId) -> None:
        """Load the period's scenes for today; the same period again keeps the room's place."""
        fresh = period != self.period
        self.period = period
        on = self._today()
        service = self._service
        scenes = self._ops.query(lambda: service.scenes(period, on))
        agenda = scenes[0] if scenes and isinstance(scenes[0], AgendaScene) else None
        self.title.setText(
            f"{agenda.heading.removeprefix('Welcome, ').rstrip('!')} · {on:%A, %B} {on.day}"
            if agenda is not None
            else f"{on:%A, %B} {on.day}"
        )
        self.window_.show_scenes(scenes, fresh=fresh)
        self._fill_plan(scenes, agenda)
        self._update_status()

    def reload(self) -> None:
        if self.period is not None:
            self.show_period(self.period)

    def _on_ops_changed(self, changes: object, _origin: object) -> None:
        if isinstance(changes, Change) and changes & self.shows:
            self.reload()  # the same period: the room keeps its place

    # -- building -----------------------------------------------------------------------
    def _fill_plan(self, scenes: tuple[Scene, ...], agenda: AgendaScene | None) -> None:
        """Today's plan: each block as a heading, with its scenes under it."""
        self.plan_list.clear()
        blocks = {item.block: item for item in agenda.items} if agenda is not None else {}
        shown_block: int | None = None
        bold = QFont(self.plan_list.font())
        bold.setBold(True)
        for index, scene in enumerate(scenes):
            if scene.block >= 0 and scene.block != shown_block and scene.block in blocks:
                shown_block = scene.block
                item = blocks[scene.block]
                when = f"{item.starts_at}  " if item.starts_at else ""
                header = QListWidgetItem(f"{when}{item.title} · {item.minutes} min")
                # Enabled (full-contrast text) but not selectable: a heading, not a scene.
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)
                header.setFont(bold)
                self.plan_list.addItem(header)
            entry = QListWidgetItem(("    " if scene.block >= 0 else "") + scene_title(scene))
            entry.setData(SceneIndexRole, index)
            self.plan_list.addItem(entry)
        self._on_window_scene_changed(self.window_.index)

    def _fill_screens(self) -> None:
        self.screen_combo.clear()
        self.screen_combo.addItem("A window on this laptop", WINDOWED)
        for screen in QGuiApplication.screens():
            self.screen_combo.addItem(f"Full screen: {screen_label(screen)}", screen.name())
        target = self.window_.target_screen
        wanted = target.name() if target is not None else WINDOWED
        index = self.screen_combo.findData(wanted)
        self.screen_combo.setCurrentIndex(max(0, index))

    def _update_status(self) -> None:
        window = self.window_
        parts = []
        if window.blanked:
            parts.append("BLANK: the room sees a black screen (B to show it again).")
        elif window.frozen:
            parts.append("FROZEN: the room still sees the picture you froze (F to go live).")
        else:
            parts.append("Live.")
        timer = window.block_timer()
        if timer is not None:
            state = timer.state()
            if state.finished:
                parts.append("Timer: time’s up.")
            elif state.running:
                parts.append(f"Timer running: {clock_text(state.remaining)} left.")
            elif state.started:
                parts.append(f"Timer paused at {clock_text(state.remaining)}.")
        dark = is_dark(window.palette_)
        if self.contrast_check.isChecked() != window.high_contrast:
            self.contrast_check.blockSignals(True)
            self.contrast_check.setChecked(window.high_contrast)
            self.contrast_check.blockSignals(False)
        # This runs on every timer tick: touch only what changed.
        for widget, text in (
            (self.status, " ".join(parts)),
            (self.theme_button, "Light theme" if dark else "Dark theme"),
            (self.buttons[Action.FREEZE], "Unfreeze" if window.frozen else "Freeze"),
            (self.buttons[Action.BLANK], "Show" if window.blanked else "Blank"),
        ):
            if widget.text() != text:
                widget.setText(text)
        target = window.target_screen
        index = self.screen_combo.findData(target.name() if target is not None else WINDOWED)
        if index >= 0 and index != self.screen_combo.currentIndex():
            self.screen_combo.setCurrentIndex(index)

    # -- slots --------------------------------------------------------------------------
    def _on_plan_list_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(SceneIndexRole)
        if isinstance(index, int):
            self.window_.go_to(index)

    def _on_window_scene_changed(self, index: int) -> None:
        for row in range(self.plan_list.count()):
            item = self.plan_list.item(row)
            if item is not None and item.data(SceneIndexRole) == index:
                self.plan_list.blockSignals(True)
                self.plan_list.setCurrentItem(item)
                self.plan_list.blockSignals(False)
                self.plan_list.scrollToItem(item)
                break
        self._update_status()

    def _on_screen_combo_activated(self, index: int) -> None:
        name = str(self.screen_combo.itemData(index) or WINDOWED)
        screen = next((s for s in QGuiApplication.screens() if s.name() == name), None)
        self.window_.show_on(screen if name != WINDOWED else None)
        self.screen_chosen.emit(name)

    @Slot(QScreen)
    def _on_screens_changed(self, screen: QScreen) -> None:
        del screen
        self._fill_screens()

    def _on_beep_check_toggled(self, on: bool) -> None:
        self.window_.beep_at_end = on

    def _on_contrast_check_toggled(self, on: bool) -> None:
        self.window_.set_high_contrast(on)
        self.high_contrast_chosen.emit(on)

    def _on_window_closed(self) -> None:
        if not self._closing:
            self.close()

    # -- Qt overrides -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = action_for(event)
        if action is None:
            super().keyPressEvent(event)
            return
        # Ours even when it means nothing right now: Esc and Enter must not close the panel.
        self.window_.perform(action)
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.window_.close()
        super().closeEvent(event)
