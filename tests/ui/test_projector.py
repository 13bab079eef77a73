"""The projector and its control panel over the demo classroom: keyboard, timer, name picker,
privacy of everything on screen, and text that fits at 720p and 1080p."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
import shiboken6
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QScreen
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.plan import teaching_day
from mathroom.services.projector import (
    AgendaItem,
    AgendaScene,
    GroupRevealScene,
    GroupTile,
    NamePickerScene,
    Scene,
    Seat,
    TaskScene,
    TimerRound,
    TimerScene,
)
from mathroom.ui.main_window import MainWindow
from mathroom.ui.operations import Operations
from mathroom.ui.projector.control_panel import ProjectorControlPanel
from mathroom.ui.projector.group_reveal_view import GroupRevealView
from mathroom.ui.projector.keys import Action
from mathroom.ui.projector.name_picker_view import NamePickerView
from mathroom.ui.projector.paged_document import PagedDocumentView, page_tops
from mathroom.ui.projector.placement import projector_screen
from mathroom.ui.projector.projector_window import ProjectorWindow
from mathroom.ui.projector.task_view import TaskView
from mathroom.ui.projector.timer_view import TimerView
from mathroom.ui.settings import WindowSettings

# The projector's scenes, keys and privacy read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")
LONG_NAME = "Maria-Fernanda Alessandra Montgomery-Ruiz"  # 41 characters
LONG_PROMPT = (
    "A school garden has $3\\frac{1}{2}$ rows of tomato plants and each row is $12.75$ feet "
    "long. The students want to put a fence around the whole garden, leaving a gate that is "
    "$\\frac{3}{4}$ of a foot wide. Fencing is sold in pieces that are 8 feet long and cost "
    "USD 14.50 each. How many pieces do they need to buy, and how much will they spend? "
    "Show your thinking with a diagram, an expression and a sentence. Then decide whether it "
    "would be cheaper to buy fencing sold by the foot at USD 1.95 per foot instead, and "
    "explain how you know without finding the exact cost of both options first. Compare with "
    "a partner."
)


GARDEN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
    b'<rect x="20" y="20" width="360" height="260" fill="none" stroke="black"/></svg>'
)


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Projector:
    window: ProjectorWindow
    panel: ProjectorControlPanel
    clock: FakeClock


def open_projector(qtbot: QtBot, services: Services, period_index: int = 0) -> Projector:
    clock = FakeClock()
    window = ProjectorWindow(clock=clock, rng=random.Random(4))
    qtbot.addWidget(window)
    panel = ProjectorControlPanel(
        Operations(window), services.projector, window, lambda: teaching_day(services.clock.today())
    )
    qtbot.addWidget(panel)
    period = services.classroom.overview().periods[period_index]
    panel.show_period(period.id)
    window.show_on(None)  # a second, normal window: the offscreen platform has one screen
    panel.show()
    qtbot.waitExposed(window)
    return Projector(window, panel, clock)


@pytest.fixture
def projector(qtbot: QtBot, services: Services) -> Iterator[Projector]:
    opened = open_projector(qtbot, services)
    yield opened
    opened.window.close()


def index_of(window: ProjectorWindow, kind: type, block: int | None = None) -> int:
    return next(
        i
        for i, scene in enumerate(window.scenes)
        if isinstance(scene, kind) and (block is None or scene.block == block)
    )


def go_to(qtbot: QtBot, projector: Projector, index: int) -> None:
    """Walk there with the arrow keys, as the teacher would."""
    window = projector.window
    while window.index != index:
        key = Qt.Key.Key_Right if window.index < index else Qt.Key.Key_Left
        qtbot.keyClick(window, key)


def screen_text(widget: QWidget) -> str:
    """What the room can read: every visible label and every document on screen."""
    parts = [
        label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()
    ]
    parts += [
        view.document.toPlainText()
        for view in widget.findChildren(PagedDocumentView)
        if view.isVisible()
    ]
    return "\n".join(parts)


def test_every_scene_steps_by_keyboard_in_both_windows(qtbot: QtBot, projector: Projector) -> None:
    window, panel = projector.window, projector.panel
    keys = [scene.key for scene in window.scenes]
    assert keys[0] == "agenda" and len(keys) >= 15
    seen = [window.scene.key if window.scene else ""]
    for step in range(len(keys) - 1):
        target = panel if step % 2 else window  # the same keys work in both windows
        view = window.view
        if isinstance(view, GroupRevealView):
            assert view.is_shuffling  # it shuffles as it comes on screen
            qtbot.keyClick(target, Qt.Key.Key_Right)  # the first press lands the names
            assert not view.is_shuffling and window.scene and window.scene.key == seen[-1]
        while (
            isinstance(window.view, TaskView)
            and window.view.body.page < window.view.body.page_count - 1
        ):
            qtbot.keyClick(target, Qt.Key.Key_Right)  # a paged task turns its pages first
        qtbot.keyClick(target, Qt.Key.Key_Right)
        assert window.scene is not None
        seen.append(window.scene.key)
        current = panel.plan_list.currentItem()
        assert current is not None and current.text().strip() != ""
    assert seen == keys
    qtbot.keyClick(window, Qt.Key.Key_Right)  # past the end: stays put
    assert window.index == len(keys) - 1
    for _ in keys:
        qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert window.index == 0


def test_the_plan_list_shows_blocks_and_jumps_to_a_scene(
    qtbot: QtBot, projector: Projector
) -> None:
    window, panel = projector.window, projector.panel
    texts = [panel.plan_list.item(row).text() for row in range(panel.plan_list.count())]
    assert any("Whiteboard stations · 25 min" in text for text in texts)
    assert not any("Pull" in text for text in texts)
    row = next(i for i, text in enumerate(texts) if "Timer · 25 min" in text)
    item = panel.plan_list.item(row)
    rect = panel.plan_list.visualItemRect(item)
    qtbot.mouseClick(panel.plan_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(window.scene, TimerScene) and window.scene.minutes == 25


def test_timer_starts_pauses_and_cues_the_end_with_a_fake_clock(
    qtbot: QtBot, projector: Projector
) -> None:
    window, clock = projector.window, projector.clock
    go_to(qtbot, projector, index_of(window, TaskScene, block=0))
    qtbot.keyClick(window, Qt.Key.Key_Space)  # from the warm-up task: its block's timer
    go_to(qtbot, projector, index_of(window, TimerScene, block=0))
    timer = window.view
    assert isinstance(timer, TimerView)
    assert timer.clock.text() == "5:00" and timer.countdown.running
    clock.advance(61)
    qtbot.waitUntil(lambda: timer.clock.text() == "3:59")
    qtbot.keyClick(projector.panel, Qt.Key.Key_Space)  # pause from the laptop
    assert timer.status.text() == "Paused"
    clock.advance(100)
    timer.refresh()
    assert timer.clock.text() == "3:59" and not timer.cue_on
    assert "paused at 3:59" in projector.panel.status.text()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    clock.advance(238.5)
    qtbot.waitUntil(lambda: timer.clock.text() == "0:01")
    assert not timer.cue_on
    clock.advance(1)
    qtbot.waitUntil(lambda: timer.cue_on)
    assert timer.clock.text() == "0:00"
    assert timer.status.text() == "Time’s up"
    assert timer.pulse.isActive()  # the gentle pulse
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert timer.clock.text() == "5:00" and not timer.cue_on


def test_a_rotation_tells_the_room_to_move_on(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = ProjectorWindow(clock=clock)
    qtbot.addWidget(window)
    rounds = (
        TimerRound("Round 1 of 2", 300, "Move to the next station"),
        TimerRound("Round 2 of 2", 300, "Time’s up"),
    )
    window.show_scenes([TimerScene("t", 0, "Whiteboard stations", 10, rounds)], fresh=True)
    window.resize(1280, 720)
    window.show()
    timer = window.view
    assert isinstance(timer, TimerView)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    clock.advance(299)
    qtbot.waitUntil(lambda: timer.clock.text() == "0:01")
    assert timer.round.text() == "Round 1 of 2" and not timer.cue_on
    clock.advance(2)
    qtbot.waitUntil(lambda: timer.status.text() == "Move to the next station")
    assert timer.cue_on and timer.round.text() == "Round 2 of 2"
    assert timer.clock.text() == "4:59"  # the next round is already counting
    clock.advance(30)
    qtbot.waitUntil(lambda: not timer.cue_on)
    window.close()


def test_the_name_picker_picks_everyone_present_once_per_round(
    qtbot: QtBot, services: Services, school_day: date
) -> None:
    period = services.classroom.overview().periods[0]
    entries = services.classroom.roster(period.id)
    away = entries[4]
    services.attendance.set_status(period.id, away.student.id, school_day, AttendanceStatus.ABSENT)
    projector = open_projector(qtbot, services)
    window = projector.window
    present = {e.display_name for e in entries} - {away.display_name}
    picked: list[str] = []
    qtbot.keyClick(window, Qt.Key.Key_P)  # from anywhere: jumps to the picker and picks
    picker = window.view
    assert isinstance(picker, NamePickerView)
    assert picker.is_shuffling  # a short, visible shuffle
    qtbot.waitUntil(lambda: not picker.is_shuffling, timeout=5000)
    for n in range(len(present)):
        target = projector.panel if n % 2 else window
        if n > 0:
            qtbot.keyClick(target, Qt.Key.Key_P)
            qtbot.keyClick(target, Qt.Key.Key_Return)  # skip the shuffle
        assert picker.picked is not None and picker.name.text() == picker.picked
        picked.append(picker.picked)
    assert len(picked) == len(set(picked)) == len(present)
    assert set(picked) == present
    assert f"{len(present)} of {len(present)}" in picker.status.text()
    qtbot.keyClick(window, Qt.Key.Key_P)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert picker.picked in present and "Round 2 · 1 of" in picker.status.text()
    qtbot.keyClick(window, Qt.Key.Key_G)  # or a group
    qtbot.keyClick(window, Qt.Key.Key_P)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert picker.picked is not None and picker.picked.startswith("Whiteboard ")
    window.close()


def test_the_group_reveal_shuffles_every_name_alike_then_settles(
    qtbot: QtBot, projector: Projector
) -> None:
    window = projector.window
    go_to(qtbot, projector, index_of(window, GroupRevealScene))
    reveal = window.view
    assert isinstance(reveal, GroupRevealView) and reveal.is_shuffling
    assert reveal.overlay.isVisible()
    seats = [label for tile in reveal.tiles for label in tile.seats]
    assert seats and not any(label.isVisible() for label in seats)
    chips = reveal.overlay.chips
    assert len(chips) == len(seats)
    for hop in range(len(chips[0].path)):
        spots = {(chip.path[hop].x(), chip.path[hop].y()) for chip in chips}
        assert len(spots) == len(chips)  # every stop deals the names out to distinct seats
    moved = [chip for chip in chips if chip.path[0] != chip.path[-1]]
    assert len(moved) > len(chips) // 2
    qtbot.waitUntil(lambda: not reveal.is_shuffling, timeout=5000)
    assert all(label.isVisible() for label in seats) and not reveal.overlay.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Return)  # Enter plays it again
    assert reveal.is_shuffling
    qtbot.keyClick(window, Qt.Key.Key_Return)  # ... and skips it
    assert not reveal.is_shuffling and all(label.isVisible() for label in seats)
    projector.panel.reload()  # attendance changed mid-class: no second shuffle
    assert isinstance(window.view, GroupRevealView) and not window.view.is_shuffling


def test_hints_and_extension_are_revealed_one_at_a_time(qtbot: QtBot, projector: Projector) -> None:
    window = projector.window
    go_to(qtbot, projector, index_of(window, TaskScene, block=1))
    task = window.view
    assert isinstance(task, TaskView) and isinstance(window.scene, TaskScene)
    scene = window.scene
    assert scene.hints and scene.extensions
    text = task.body.document.toPlainText
    assert scene.hints[0] not in text() and "When you’re done" not in text()
    qtbot.keyClick(window, Qt.Key.Key_Up)
    assert "Hint 1" in text() and "Hint 2" not in text()
    qtbot.keyClick(projector.panel, Qt.Key.Key_Up)
    assert "Hint 2" in text()
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert "Hint 2" not in text() and "Hint 1" in text()
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert "When you’re done" in text()
    projector.panel.reload()  # e.g. a late student marked present: the room keeps its hints
    task = window.view
    assert isinstance(task, TaskView) and task.hints_shown == 1 and task.extension_shown
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert "When you’re done" not in task.body.document.toPlainText()


def test_blank_freeze_theme_and_full_screen_keys(qtbot: QtBot, projector: Projector) -> None:
    window, panel = projector.window, projector.panel
    # Each button names the key that does the same.
    assert panel.buttons[Action.BLANK].toolTip() == "Blank (key: B)"
    assert panel.buttons[Action.TIMER].toolTip() == "Start / pause timer (key: Space)"
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.blanked and window.curtain.isVisible()
    assert window.curtain.picture is None and "BLANK" in panel.status.text()
    qtbot.keyClick(panel, Qt.Key.Key_B)
    assert not window.blanked and not window.curtain.isVisible()

    qtbot.keyClick(panel, Qt.Key.Key_F)
    assert window.frozen and window.curtain.isVisible()
    frozen = window.curtain.picture
    assert frozen is not None and not frozen.isNull()
    qtbot.keyClick(panel, Qt.Key.Key_Right)  # the teacher moves on; the room doesn't
    assert window.index == 1 and window.curtain.isVisible()
    assert window.curtain.picture is frozen
    panel.preview.refresh()
    assert not panel.preview.picture.isNull()
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert not window.frozen and not window.curtain.isVisible()

    assert window.palette_.name == "dark"
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert window.palette_.name == "light" and "#ffffff" in window.styleSheet()
    qtbot.keyClick(panel, Qt.Key.Key_T)
    assert window.palette_.name == "dark"

    screen = QGuiApplication.primaryScreen()
    window.show_on(screen)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.isVisible() and panel.isVisible()


def test_unplugging_the_projector_keeps_the_class_going(qtbot: QtBot, projector: Projector) -> None:
    window = projector.window
    screen = QGuiApplication.primaryScreen()
    window.show_on(screen)  # as if it were the projector
    qtbot.waitUntil(window.isFullScreen)
    app = cast(Any, QGuiApplication.instance())
    app.screenRemoved.emit(screen)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.isVisible() and window.target_screen is None
    assert projector.panel.screen_combo.currentData() == ""


def test_choosing_the_screen_prefers_the_teachers_pick_then_any_second_screen() -> None:
    class FakeScreen:
        def __init__(self, name: str) -> None:
            self._name = name

        def name(self) -> str:
            return self._name

    screens = cast(list[QScreen], [FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")])
    laptop, hdmi, usb = screens
    assert projector_screen(screens[:1], laptop) is None
    assert projector_screen(screens, laptop) is hdmi
    assert projector_screen(screens, laptop, "DP-2") is usb
    assert projector_screen(screens, laptop, "gone") is hdmi


def test_the_panel_follows_the_main_windows_period_and_attendance(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    window.open_projector()
    projector, panel = window.projector, window.projector_panel
    assert projector is not None and panel is not None  # closing the window ends them too
    agenda = projector.scenes[0]
    assert isinstance(agenda, AgendaScene) and agenda.heading == "Welcome, Period 1!"
    projector.go_to(3)
    key = projector.scene.key if projector.scene else ""
    today = window.today_page
    name = today._entries[0].display_name
    assert name in projector.visible_text().split("\n")
    today.attendance.setCurrentRow(0)
    qtbot.keyClick(today.attendance, Qt.Key.Key_A)  # absent
    assert name not in projector.visible_text().split("\n")
    assert projector.scene is not None and projector.scene.key == key  # the room kept its place
    window.period_combo.setCurrentIndex(1)
    agenda = projector.scenes[0]
    assert isinstance(agenda, AgendaScene) and agenda.heading == "Welcome, Period 3!"
    assert projector.index == 0 and "Period 3" in panel.title.text()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert window.projector is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(projector))  # gone, not left to the GC
    window.open_projector()  # a fresh session
    fresh = window.projector
    assert fresh is not None and fresh is not projector
    window.close()
    assert window.projector is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(fresh))


@pytest.mark.parametrize("period_index", [0, 1, 2])
def test_no_scene_shows_anything_private(
    qtbot: QtBot, services: Services, period_index: int, school_day: date
) -> None:
    projector = open_projector(qtbot, services, period_index)
    window = projector.window
    window.resize(1280, 720)
    period = services.classroom.overview().periods[period_index]
    texts: list[str] = []
    for index in range(len(window.scenes)):
        window.go_to(index)
        view = window.view
        if isinstance(view, GroupRevealView):
            qtbot.keyClick(window, Qt.Key.Key_Return)
        if isinstance(view, TaskView):
            for _ in view.scene.hints:
                qtbot.keyClick(window, Qt.Key.Key_Up)
            qtbot.keyClick(window, Qt.Key.Key_E)
        if isinstance(view, NamePickerView):
            for _ in range(3):
                qtbot.keyClick(window, Qt.Key.Key_P)
                qtbot.keyClick(window, Qt.Key.Key_Return)
                texts.append(screen_text(window))
        assert not window.grab().isNull()
        texts.append(screen_text(window))
    shown = "\n".join(texts)
    assert shown == shown.strip() and len(shown) > 2000
    assert any(e.display_name in shown for e in services.classroom.roster(period.id))
    for word in LEVEL_WORDS:
        assert word not in shown
    for entry in services.classroom.roster(period.id):
        number = entry.student.student_number
        assert not number or number not in shown
    for task in services.classroom.tasks():
        for private in (task.spec.answer, task.spec.teacher_notes):
            assert not private or not private.strip() or private not in shown
    reasons = [rule.reason for rule in services.grouping_rules.rules(period.id)]
    assert all(reason not in shown for reason in reasons if reason.strip())
    plan = services.classroom.plans(period.id, school_day, school_day)[0]
    assert all(b.heading not in shown for b in plan.blocks if b.students)
    window.close()


def long_scenes() -> list[Scene]:
    names = [LONG_NAME, "Zoë A.", "DeShawn C.", "Mei 王", "Priya R."]
    tiles = tuple(
        GroupTile(
            f"Whiteboard {n}", tuple(Seat(name, "reporter" if n == 1 else "") for name in names[:4])
        )
        for n in range(1, 7)
    )
    assert len(LONG_PROMPT) >= 600
    return [
        AgendaScene(
            "agenda",
            "Welcome, Period 1!",
            "Monday, November 23",
            tuple(
                AgendaItem(n, f"Block {n} with a long title {'x' * 20}", 10, "8:05")
                for n in range(7)
            ),
        ),
        GroupRevealScene("0:groups", 0, "Today’s groups", tiles),
        TaskScene(
            "0:task",
            0,
            "Whiteboards 1 and 4",
            "A very long task title that goes on and on to check the title wraps well",
            LONG_PROMPT,
            ("How many feet of fence go around the garden?", "Draw it first."),
            ("What if the gate were twice as wide?",),
        ),
        TaskScene(
            "0:diagram",
            0,
            "Whiteboard 2",
            "The garden plan",
            LONG_PROMPT,
            ("Label every side.",),
            (),
            GARDEN_SVG,
            "image/svg+xml",
        ),
        TimerScene(
            "0:timer",
            0,
            "A long block title that still has to fit",
            25,
            (TimerRound("", 1500, "Time’s up"),),
        ),
        NamePickerScene("0:picker", 0, "Who’s sharing?", (LONG_NAME,), ()),
    ]


def assert_fits(window: ProjectorWindow, height: int) -> None:
    """Every visible label's text fits its box at a readable size; documents fit or page."""
    area = window.rect()
    labels = [w for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    assert labels
    for label in labels:
        where = QRect(label.mapTo(window, label.rect().topLeft()), label.size())
        assert area.contains(where), (label.text(), where, area)
        assert label.font().pixelSize() >= height / 30, label.text()
        metrics = QFontMetrics(label.font())
        width = label.contentsRect().width()
        for word in label.text().split():
            assert metrics.horizontalAdvance(word) <= width, (word, width)
        if label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), label.text()
        else:
            assert label.sizeHint().height() <= label.height(), label.text()
    for view in window.findChildren(PagedDocumentView):
        if not view.isVisible():
            continue
        where = QRect(view.mapTo(window, view.rect().topLeft()), view.size())
        assert area.contains(where)
        document = view.document
        assert document.defaultFont().pixelSize() >= height / 30
        assert document.idealWidth() <= view.width() + 1
        if view.page_count == 1:
            assert document.size().height() <= view.height()
        else:
            # Each page's lines end inside the view (the gap after a paragraph may not).
            tops = [*view.page_tops, document.size().height()]
            lines = view.lines()
            for a, b in itertools.pairwise(tops):
                bottom = max(top + tall for top, tall, _start in lines if a <= top < b)
                assert bottom - a <= view.height() + 0.5, (a, b, view.height())
    for tile in window.findChildren(QWidget, "tile"):
        if tile.isVisible():
            assert area.contains(QRect(tile.mapTo(window, tile.rect().topLeft()), tile.size()))


@pytest.mark.parametrize(
    ("width", "height", "contrast"),
    [(1280, 720, False), (1920, 1080, False), (1280, 720, True)],
    ids=["720p", "1080p", "720p-high-contrast"],
)
def test_long_names_and_prompts_fit_without_clipping(
    qtbot: QtBot, width: int, height: int, contrast: bool
) -> None:
    window = ProjectorWindow(clock=FakeClock(), rng=random.Random(2))
    qtbot.addWidget(window)
    window.set_high_contrast(contrast)  # larger type: must still fit, paged if need be
    window.show_scenes(long_scenes(), fresh=True)
    window.show()
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    for index in range(len(window.scenes)):
        window.go_to(index)
        view = window.view
        if isinstance(view, GroupRevealView):
            qtbot.keyClick(window, Qt.Key.Key_Return)
        if isinstance(view, NamePickerView):
            qtbot.keyClick(window, Qt.Key.Key_P)
            qtbot.keyClick(window, Qt.Key.Key_Return)
            assert view.name.text() == LONG_NAME
        assert not window.grab().isNull()
        assert_fits(window, height)
        if isinstance(view, TaskView):
            assert (view.image is not None) == bool(view.scene.image)
            if view.image is not None:
                image, body = view.image.geometry(), view.body.geometry()
                assert view.image.isVisible() and image.left() > body.right()
                assert window.rect().contains(image) and image.width() > width // 4
            for _ in range(3):
                qtbot.keyClick(window, Qt.Key.Key_Up)
            qtbot.keyClick(window, Qt.Key.Key_E)
            assert_fits(window, height)
            pages = view.body.page_count
            for _ in range(pages - 1):
                qtbot.keyClick(window, Qt.Key.Key_Left)
            assert view.body.page == 0
            assert_fits(window, height)
    window.close()


SENTENCES = " ".join(
    f"Sentence {n} tells the class one more thing about the garden fence and its gate."
    for n in range(1, 25)
)


def test_a_long_task_with_hints_pages_between_sentences(qtbot: QtBot) -> None:
    scene = TaskScene(
        "0:task:0",
        0,
        "Independent practice",
        "The garden fence",
        SENTENCES,
        (SENTENCES, "Start with one row. Then the next."),
        (),
    )
    window = ProjectorWindow(clock=FakeClock(), rng=random.Random(2))
    qtbot.addWidget(window)
    window.show_scenes([scene], fresh=True)
    window.show()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 720))
    qtbot.keyClick(window, Qt.Key.Key_Up)  # the first hint: two long paragraphs now
    view = window.view
    assert isinstance(view, TaskView)
    body = view.body
    assert body.page_count > 1
    lines = body.lines()
    starts = {top: may_start for top, _height, may_start in lines}
    for top in body.page_tops[1:]:
        assert starts[top], f"page starting at {top} begins mid-sentence"
    # Paging through shows every line exactly once, in order.
    tops = [*body.page_tops, body.document.size().height()]
    covered = [
        top for top, _h, _s in lines if any(a <= top < b for a, b in itertools.pairwise(tops))
    ]
    assert covered == [top for top, _h, _s in lines]
    window.close()


@given(
    st.lists(st.tuples(st.integers(8, 40), st.booleans()), min_size=1, max_size=60),
    st.integers(40, 200),
)
def test_pages_break_at_the_last_allowed_line_that_fits(
    rows: list[tuple[int, bool]], height: int
) -> None:
    lines: list[tuple[float, float, bool]] = []
    top = 0.0
    for number, (tall, may_start) in enumerate(rows):
        lines.append((top, float(tall), may_start or number == 0))
        top += tall
    tops = page_tops(lines, height)
    assert tops[0] == 0.0 and tops == sorted(set(tops))
    starts = {line[0]: line for line in lines}
    for a, b in itertools.pairwise([*tops, top]):
        assert b > a
        page = [line for line in lines if a <= line[0] < b]
        if b - a > height + 0.5:
            assert len(page) == 1  # only a line taller than the page overflows
    for a in tops[1:]:
        # A page starts mid-sentence only when no allowed start fit on the page before.
        if not starts[a][2]:
            before = tops[tops.index(a) - 1]
            assert (
                not any(line[2] and before < line[0] < a for line in lines)
                or starts[a][0] - before <= height
            )


def test_the_independent_practice_scene_shows_its_own_task(
    qtbot: QtBot, projector: Projector
) -> None:
    window = projector.window
    practice = next(
        i
        for i, scene in enumerate(window.scenes)
        if isinstance(scene, TaskScene) and scene.kicker == "Independent practice"
    )
    scene = window.scenes[practice]
    assert isinstance(scene, TaskScene)
    go_to(qtbot, projector, practice)
    shown = screen_text(window)
    assert scene.title in shown
    first_words = " ".join(scene.prompt.split()[:4])
    assert first_words.replace("*", "") in shown.replace("*", "")
    others = [
        s.title
        for s in window.scenes
        if isinstance(s, TaskScene) and s.block != scene.block and s.title != scene.title
    ]
    assert not any(title in shown for title in others)
