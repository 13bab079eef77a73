"""The Practice page as a teacher uses it: check sheets, change a focus, mark a sheet, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from mathroom.composition import Services
from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.ids import StudentId
from mathroom.domain.plan import BlockKind, PlanBlock, teaching_day
from mathroom.domain.practice.sheet import Role
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.services.practice import StudentPractice
from mathroom.ui.main_window import MainWindow
from mathroom.ui.operations import Operations
from mathroom.ui.pages.practice_page import PracticePage
from mathroom.ui.pages.print_page import PrintPage
from mathroom.ui.settings import WindowSettings
from mathroom.ui.widgets.practice_preview import TEACHER_HEADING

# The practice page's sheets and marks read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date

LEVEL_WORDS = ("Not yet", "Getting there", "Got it", "Extending")


def make_page(qtbot: QtBot, services: Services, undo: QUndoStack, ops: Operations) -> PracticePage:
    s = services
    page = PracticePage(ops, s.practice, s.attendance, s.evidence, s.plans, undo, s.clock.today)
    qtbot.addWidget(page)
    page.resize(1200, 780)
    page.show()
    page.set_period(services.classroom.overview().periods[0])
    return page


def rows(page: PracticePage) -> list[str]:
    return [
        item.text() for row in range(page.students.count()) if (item := page.students.item(row))
    ]


def sheet_of(services: Services, student: StudentId) -> StudentPractice:
    school_day = teaching_day(services.clock.today())
    period = services.classroom.overview().periods[0]
    return next(
        p for p in services.practice.class_sheets(period.id, school_day) if p.student == student
    )


def focus_of(practice: StudentPractice) -> set[str]:
    return {i.problem.skill_code for i in practice.sheet.items if i.role is Role.FOCUS}


def choose(qtbot: QtBot, page: PracticePage, row: int) -> StudentPractice:
    item = page.students.item(row)
    assert item is not None
    rect = page.students.visualItemRect(item)
    qtbot.mouseClick(page.students.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    practice = page.current_practice()
    assert practice is not None
    qtbot.waitUntil(lambda: page.preview.toPlainText().startswith(practice.name))
    return practice


def test_every_present_student_is_listed_with_their_focus_skills(
    qtbot: QtBot, services: Services, school_day: date, ops: Operations
) -> None:
    page = make_page(qtbot, services, QUndoStack(), ops)
    period = services.classroom.overview().periods[0]
    roster = services.classroom.roster(period.id)
    listed = rows(page)
    assert len(listed) == len(roster) == 22
    sheets = services.practice.class_sheets(period.id, school_day)
    for text, entry, practice in zip(listed, roster, sheets, strict=True):
        assert text.startswith(f"{entry.display_name} — ")
        for code in sorted(focus_of(practice))[:3]:
            assert code in text
    assert "22 sheets" in page.summary.text()
    assert "print with" in page.print_note.text()


def test_an_absent_student_gets_no_sheet_and_is_not_listed(
    qtbot: QtBot, services: Services, school_day: date, ops: Operations
) -> None:
    page = make_page(qtbot, services, QUndoStack(), ops)
    period = services.classroom.overview().periods[0]
    away = services.classroom.roster(period.id)[4]
    assert any(text.startswith(away.display_name + " ") for text in rows(page))
    services.attendance.set_status(period.id, away.student.id, school_day, AttendanceStatus.ABSENT)
    page.reload()
    assert len(rows(page)) == 21
    assert not any(text.startswith(away.display_name + " ") for text in rows(page))
    assert away.display_name in page.summary.text()  # said once, as absent


def test_the_preview_shows_the_students_sheet_then_a_teacher_only_key(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, QUndoStack(), ops)
    practice = choose(qtbot, page, 2)
    text = page.preview.toPlainText()
    student, _, teacher = text.partition(TEACHER_HEADING)
    assert teacher, "the teacher-only heading is missing"
    sheet = practice.sheet
    for item in sheet.items:
        words = " ".join(item.problem.prompt.split("$")[0].split()[:3])
        if words:
            assert f"{item.number}. {words}" in student
    assert "Answer bank" in student
    for word in LEVEL_WORDS:
        assert word not in student
    # Steps, roles and skill codes are only below the heading.
    step = next(i.problem.step for i in sheet.items if i.problem.step)
    first_words = " ".join(step.split("$")[0].split()[:3])
    assert first_words not in student and first_words in teacher
    assert sheet.items[-1].problem.skill_code in teacher
    # Each problem says why it is there: "Not yet on 7.NS.A.1b", "Today's focus", "Stretch".
    for item in sheet.items:
        assert item.reason and item.reason in teacher, item
    assert page.preview.math_document._images  # math is typeset, not shown as source


def test_each_problem_says_why_it_is_there_with_the_days_focus_a_share(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    school_day = teaching_day(services.clock.today())
    period = services.classroom.overview().periods[0]
    block = PlanBlock(BlockKind.PRACTICE, 20, practice_skills=("7.SP.C.6",))
    services.plans.save_plan(period.id, school_day, [block], "")
    page = make_page(qtbot, services, QUndoStack(), ops)
    assert page.chosen_day() == school_day
    row = next(
        n
        for n, p in enumerate(services.practice.class_sheets(period.id, school_day))
        if any(i.role is Role.TODAY for i in p.sheet.items)
        and any(i.role is Role.FOCUS for i in p.sheet.items)
    )
    practice = choose(qtbot, page, row)
    teacher = page.preview.toPlainText().partition(TEACHER_HEADING)[2]
    own = [i for i in practice.sheet.items if i.role is Role.FOCUS]
    assert len(own) >= len(practice.sheet.items) / 2
    assert f"{own[0].reason} · " in teacher and own[0].reason.split(" on ")[0] in LEVEL_WORDS
    assert "Today's focus · 7.SP.C.6" in teacher
    assert "Today's focus:" in page.focus_card.summary.text()
    assert "shares the rest" in page.focus_card.note.text()


def test_a_hand_set_focus_changes_the_sheet_and_ctrl_z_restores_it(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    undo = QUndoStack()
    page = make_page(qtbot, services, undo, ops)
    practice = choose(qtbot, page, 3)
    before = focus_of(practice)
    assert "7.G.B.5" not in before
    item = page.focus_card.picker.item_for("7.G.B.5")
    assert item is not None and "Angle relationships" in item.text()
    item.setCheckState(Qt.CheckState.Checked)  # the teacher ticks a skill
    after = sheet_of(services, practice.student)
    assert after.hand_focus[-1] == "7.G.B.5" and "7.G.B.5" in focus_of(after)
    assert "✎ by hand" in rows(page)[3]
    assert "Angle relationships" in page.focus_card.summary.text()
    assert page.current_practice() == after  # still on the same student

    qtbot.mouseClick(page.focus_card.gaps_button, Qt.MouseButton.LeftButton)
    assert sheet_of(services, practice.student).hand_focus == ()
    undo.undo()  # back to the hand-set focus
    assert sheet_of(services, practice.student).hand_focus == after.hand_focus
    undo.undo()  # back to the gaps, as at the start
    restored = sheet_of(services, practice.student)
    assert restored.hand_focus == () and focus_of(restored) == before
    assert restored.sheet.problems == practice.sheet.problems
    assert "✎" not in rows(page)[3]
    assert page.focus_card.picker.item_for("7.G.B.5").checkState() == Qt.CheckState.Unchecked  # type: ignore[union-attr]  # found above


def test_new_problems_change_the_sheet_and_are_not_an_undo_step(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    undo = QUndoStack()
    page = make_page(qtbot, services, undo, ops)
    practice = choose(qtbot, page, 1)
    qtbot.mouseClick(page.regenerate_button, Qt.MouseButton.LeftButton)
    fresh = sheet_of(services, practice.student)
    assert fresh.version == practice.version + 1
    assert fresh.sheet.problems != practice.sheet.problems
    assert focus_of(fresh) == focus_of(practice)
    assert "version 2" in page.sheet_title.text()
    assert "New problems for" in page.banner.text()
    assert undo.count() == 0


def test_marks_from_a_marked_sheet_become_evidence_and_undo_removes_them(
    qtbot: QtBot, services: Services, school_day: date, ops: Operations
) -> None:
    undo = QUndoStack()
    page = make_page(qtbot, services, undo, ops)
    practice = choose(qtbot, page, 0)
    ids = {skill.code: skill.id for skill in services.evidence.skills()}
    codes = list(page.marks.combos)
    assert set(codes) == {i.problem.skill_code for i in practice.sheet.items}
    chosen = {codes[0]: Level.GETTING_THERE, codes[-1]: Level.GOT_IT}
    counts = {c: len(services.evidence.history(practice.student, ids[c])) for c in chosen}
    assert not page.marks.record_button.isEnabled()  # nothing marked yet
    for code, level in chosen.items():
        combo = page.marks.combos[code]
        combo.setCurrentIndex(combo.findText(level.label))
    with qtbot.waitSignal(page._ops.changed):
        qtbot.mouseClick(page.marks.record_button, Qt.MouseButton.LeftButton)
    assert page.banner.text().startswith(f"Recorded 2 marks for {practice.name}")

    def recorded() -> dict[str, int]:
        return {c: len(services.evidence.history(practice.student, ids[c])) for c in chosen}

    assert recorded() == {c: n + 1 for c, n in counts.items()}
    for code, level in chosen.items():
        latest = services.evidence.history(practice.student, ids[code])
        assert any(
            e.level is level and e.source is EvidenceSource.PRACTICE and e.observed_on == school_day
            for e in latest
        )
    undo.undo()
    assert recorded() == counts
    undo.redo()
    assert recorded() == {c: n + 1 for c, n in counts.items()}
    undo.undo()  # the redone marks have new ids; undo still finds them
    assert recorded() == counts


def test_the_sheet_length_is_a_setting_applied_after_a_pause(
    qtbot: QtBot, services: Services, ops: Operations
) -> None:
    page = make_page(qtbot, services, QUndoStack(), ops)
    assert page.size_box.value() == 8
    page.size_box.setValue(5)
    qtbot.waitUntil(lambda: services.practice.size() == 5)
    practice = page.current_practice()
    assert practice is not None and len(practice.sheet.items) == 5


def test_the_page_sits_between_plan_and_print_and_opens_the_days_print_page(
    qtbot: QtBot, services: Services, tmp_path: Path, school_day: date
) -> None:
    window = MainWindow(services, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    titles = [page.title for page in window.pages]
    assert titles.index("Practice") == titles.index("Plan") + 1 == titles.index("Print") - 1
    page = window.show_page("Practice")
    assert isinstance(page, PracticePage)
    qtbot.waitUntil(lambda: page.students.count() == 22)
    page.day.setDate(page.day.date().addDays(1))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    printing = window.current_page()
    assert isinstance(printing, PrintPage)
    assert printing.chosen_day() == page.chosen_day() != school_day
