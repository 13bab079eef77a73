"""The projector window: one scene at a time, large and high contrast, fed only by the scene
snapshots of services/projector.py (display names and task content, nothing private)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from mathroom.services.projector import (
    AgendaScene,
    GroupRevealScene,
    NamePickerScene,
    Scene,
    TaskScene,
    TimerScene,
)
from mathroom.ui.projector.agenda_view import AgendaView
from mathroom.ui.projector.countdown import Countdown
from mathroom.ui.projector.curtain import Curtain
from mathroom.ui.projector.group_reveal_view import GroupRevealView
from mathroom.ui.projector.keys import Action, action_for
from mathroom.ui.projector.name_draw import NameDraw
from mathroom.ui.projector.name_picker_view import NamePickerView
from mathroom.ui.projector.palette import DARK, ProjectorPalette, other, with_contrast
from mathroom.ui.projector.placement import projector_screen
from mathroom.ui.projector.scene_view import SceneView
from mathroom.ui.projector.task_view import TaskView
from mathroom.ui.projector.timer_view import TimerView

TICK_MS = 200
WINDOW_SIZE = (1280, 720)


class ProjectorWindow(QWidget):
    closed = Signal()
    scene_changed = Signal(int)
    state_changed = Signal()  # blank, freeze, theme, timer or screen changed
    picture_changed = Signal()  # anything on the projector changed (for the live preview)

    def __init__(
        self,
        clock: Callable[[], float],
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Mathroom — Projector")
        self.setObjectName("projector")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # its children never take the keys
        self.palette_: ProjectorPalette = DARK
        self.beep_at_end = False
        self.blanked = False
        self.frozen = False
        self._clock = clock
        self._rng = rng or random.Random()
        self.scenes: tuple[Scene, ...] = ()
        self.views: list[SceneView] = []
        self.index = 0
        self.current_block = 0
        self._countdowns: dict[str, Countdown] = {}
        self._cued: set[str] = set()
        self._played: set[str] = set()
        self.students = NameDraw(self._rng)
        self.groups = NameDraw(self._rng)
        self._screen: QScreen | None = None
        self.stack = QStackedWidget(self)
        self.curtain = Curtain(self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self.setStyleSheet(self.palette_.style_sheet())
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._ticker.timeout.connect(self._on_ticker_timeout)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_screen_removed)

    # -- scenes -----------------------------------------------------------------------------
    @property
    def scene(self) -> Scene | None:
        return self.scenes[self.index] if self.scenes else None

    @property
    def view(self) -> SceneView | None:
        return self.views[self.index] if self.views else None

    def show_scenes(self, scenes: Sequence[Scene], *, fresh: bool) -> None:
        """Load a day's scenes. ``fresh`` (a new period) starts over; otherwise (attendance,
        groups or plan changed) the room stays on the same scene and the timers keep going."""
        here = self.scene.key if self.scene is not None and not fresh else None
        if fresh:
            self._countdowns.clear()
            self._cued.clear()
            self._played.clear()
            self.students = NameDraw(self._rng)
            self.groups = NameDraw(self._rng)
            self.current_block = 0
        old = {} if fresh else {s.key: v for s, v in zip(self.scenes, self.views, strict=True)}
        self.scenes = tuple(scenes)
        pickers = [s for s in self.scenes if isinstance(s, NamePickerScene)]
        self.students.set_pool(pickers[0].names if pickers else ())
        self.groups.set_pool(pickers[0].groups if pickers else ())
        views = [self._view_for(scene) for scene in self.scenes]
        for scene, view in zip(self.scenes, views, strict=True):
            previous = old.get(scene.key)
            if previous is not None:
                view.take_over(previous)  # revealed hints, the picked name...
        for view in self.views:
            view.leave()
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views = views
        for view in self.views:
            self.stack.addWidget(view)
            view.changed.connect(self.picture_changed)
        keys = [scene.key for scene in self.scenes]
        self.index = -1
        self.go_to(keys.index(here) if here in keys else 0)
        self._update_ticker()

    def _view_for(self, scene: Scene) -> SceneView:
        palette = self.palette_
        if isinstance(scene, AgendaScene):
            return AgendaView(scene, palette)
        if isinstance(scene, GroupRevealScene):
            reveal = GroupRevealView(scene, palette, self._rng)
            reveal.played = scene.key in self._played
            return reveal
        if isinstance(scene, TaskScene):
            return TaskView(scene, palette)
        if isinstance(scene, TimerScene):
            return TimerView(scene, self.countdown(scene), palette)
        return NamePickerView(scene, self.students, self.groups, palette, self._rng)

    def countdown(self, scene: TimerScene) -> Countdown:
        """The scene's countdown: it outlives reloads, so a timer keeps running through them."""
        found = self._countdowns.get(scene.key)
        if found is None or found.rounds != scene.rounds:
            found = self._countdowns[scene.key] = Countdown(scene.rounds, self._clock)
        return found

    def go_to(self, index: int) -> None:
        if not self.views or not 0 <= index < len(self.views) or index == self.index:
            return
        if self.view is not None and self.index >= 0:
            self.view.leave()
        self.index = index
        scene = self.scenes[index]
        if scene.block >= 0:
            self.current_block = scene.block
        for view in self.views:
            if isinstance(view, AgendaView):
                view.set_current_block(self.current_block)
        self.stack.setCurrentIndex(index)
        self.views[index].enter()
        if isinstance(scene, GroupRevealScene):
            self._played.add(scene.key)  # a reload mid-class must not shuffle the groups again
        self.scene_changed.emit(index)
        self.picture_changed.emit()

    # -- actions (the same keys in both windows) ---------------------------------------------
    def perform(self, action: Action) -> bool:
        """Carry out a keyboard action; False when it means nothing here."""
        view = self.view
        if action in (Action.NEXT, Action.PREVIOUS):
            if view is not None and view.handle(action):
                return True
            step = 1 if action is Action.NEXT else -1
            self.go_to(self.index + step)
            return True
        simple: dict[Action, Callable[[], object]] = {
            Action.TIMER: self.toggle_timer,
            Action.RESET_TIMER: self.reset_timer,
            Action.BLANK: self.toggle_blank,
            Action.FREEZE: self.toggle_freeze,
            Action.LEAVE_FULL_SCREEN: self.leave_full_screen,
            Action.FULL_SCREEN: self.enter_full_screen,
            Action.THEME: self.toggle_theme,
            Action.PICK: self.pick,
        }
        if action in simple:
            simple[action]()
            return True
        return view is not None and view.handle(action)

    def block_timer(self) -> Countdown | None:
        """The countdown of the block on screen (space works from any of its scenes)."""
        scene = self.scene
        if scene is None or scene.block < 0:
            return None
        for candidate in self.scenes:
            if isinstance(candidate, TimerScene) and candidate.block == scene.block:
                return self.countdown(candidate)
        return None

    def toggle_timer(self) -> None:
        countdown = self.block_timer()
        if countdown is not None:
            countdown.toggle()
            self._after_timer_change()

    def reset_timer(self) -> None:
        countdown = self.block_timer()
        if countdown is not None:
            countdown.reset()
            self._after_timer_change()

    def pick(self) -> None:
        """Pick a name: here on a picker scene, else on the nearest picker (next ones first)."""
        if not isinstance(self.view, NamePickerView):
            after = range(self.index + 1, len(self.views))
            before = range(self.index - 1, -1, -1)
            target = next((i for i in [*after, *before] if self._is_picker(i)), None)
            if target is None:
                return
            self.go_to(target)
        if isinstance(self.view, NamePickerView):
            self.view.pick()
            self.state_changed.emit()

    def _is_picker(self, index: int) -> bool:
        return isinstance(self.views[index], NamePickerView)

    def toggle_blank(self) -> None:
        self.blanked = not self.blanked
        self._update_curtain()

    def toggle_freeze(self) -> None:
        """Keep the room's picture still while the teacher moves on in the control panel."""
        self.frozen = not self.frozen
        if self.frozen:
            self.curtain.hide()
            self.curtain.picture = self.grab()
        self._update_curtain()

    def _update_curtain(self) -> None:
        if self.blanked:
            self.curtain.cover(None)
        elif self.frozen:
            self.curtain.cover(self.curtain.picture)
        else:
            self.curtain.picture = None
            self.curtain.hide()
        self.state_changed.emit()
        self.picture_changed.emit()

    def toggle_theme(self) -> None:
        self.set_palette(other(self.palette_))

    @property
    def high_contrast(self) -> bool:
        return self.palette_.high_contrast

    def set_high_contrast(self, on: bool) -> None:
        """White on black (or black on white), larger type, thicker lines: the back row."""
        if on != self.palette_.high_contrast:
            self.set_palette(with_contrast(self.palette_, on))

    def set_palette(self, palette: ProjectorPalette) -> None:
        self.palette_ = palette
        self.setStyleSheet(palette.style_sheet())
        for view in self.views:
            view.set_palette(palette)
        self.state_changed.emit()
        self.picture_changed.emit()

    def visible_text(self) -> str:
        """Everything the room can read in this lesson's scenes (all of them, not only the one
        on screen), one item a line: what privacy checks look at."""
        return "\n".join(view.visible_text() for view in self.views)

    # -- screens ----------------------------------------------------------------------------
    def place_on_best_screen(self, preferred: str = "") -> None:
        """Full screen on the projector when one is connected, else a window on the laptop."""
        screens = QGuiApplication.screens()
        self.show_on(projector_screen(screens, QGuiApplication.primaryScreen(), preferred))

    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on ``screen``; None: a resizable window on the laptop's screen."""
        self._screen = screen
        if screen is None:
            self._show_windowed()
        else:
            if self.isFullScreen():
                self.showNormal()  # a full-screen window only moves once it is normal again
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        self.state_changed.emit()

    @property
    def target_screen(self) -> QScreen | None:
        return self._screen

    def leave_full_screen(self) -> None:
        if self.isFullScreen():
            self._screen = None
            self._show_windowed()
            self.state_changed.emit()

    def enter_full_screen(self) -> None:
        if not self.isFullScreen():
            self.show_on(self.screen())

    def _show_windowed(self) -> None:
        laptop = QGuiApplication.primaryScreen()
        if self.isFullScreen():
            self.showNormal()
        if laptop is not None:
            if self.screen() is not laptop:
                self.setScreen(laptop)
            area = laptop.availableGeometry()
            width = min(WINDOW_SIZE[0], int(area.width() * 0.8))
            height = min(WINDOW_SIZE[1], int(area.height() * 0.8), width * 9 // 16)
            self.setGeometry(
                area.x() + (area.width() - width) // 2,
                area.y() + (area.height() - height) // 2,
                width,
                height,
            )
        self.show()

    @Slot(QScreen)
    def _on_screen_removed(self, screen: QScreen) -> None:
        """The projector was unplugged mid-class: carry on as a window on the laptop."""
        if self._screen is not None and screen is self._screen:
            self._screen = None
            self._show_windowed()
            self.state_changed.emit()

    # -- timer ticks ------------------------------------------------------------------------
    def _after_timer_change(self) -> None:
        self._tick()
        self._update_ticker()
        self.state_changed.emit()

    def _update_ticker(self) -> None:
        running = any(c.running for c in self._countdowns.values())
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    def _tick(self) -> None:
        """Show the timer on screen; hidden ones catch up when shown. A round's end may beep
        whichever scene is up."""
        if isinstance(self.view, TimerView):
            self.view.refresh()
        for key, countdown in self._countdowns.items():
            cue = countdown.state().cue
            if cue and key not in self._cued:
                self._cued.add(key)
                if self.beep_at_end:
                    QApplication.beep()
            elif not cue:
                self._cued.discard(key)

    def _on_ticker_timeout(self) -> None:
        self._tick()
        self._update_ticker()
        self.state_changed.emit()

    # -- Qt overrides -----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.stack.setGeometry(self.rect())
        if self.curtain.isVisible():
            self.curtain.setGeometry(self.rect())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = action_for(event)
        if action is None:
            super().keyPressEvent(event)
            return
        self.perform(action)
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        for view in self.views:
            view.leave()
        self.closed.emit()
        super().closeEvent(event)
