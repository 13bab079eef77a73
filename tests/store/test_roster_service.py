"""Roster actions against a real migrated database: periods, students, moves, archive, years."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest

from mathroom.domain.attendance import AttendanceStatus
from mathroom.domain.errors import ValidationError
from mathroom.domain.roster import DisplayNameStyle
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.roster import PeriodForm, RosterService, StudentForm
from mathroom.services.safety import SafetyNet
from mathroom.store.backup import list_backups
from mathroom.store.unit_of_work import Store


@pytest.fixture
def roster(demo_store: Store, demo_folder: DataFolder, now: datetime) -> RosterService:
    return RosterService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now)


def test_add_edit_and_find_a_student(roster: RosterService, demo_store: Store) -> None:
    period = roster.periods()[0]
    added = roster.add_student(
        period.id, StudentForm("  Zoë\u00a0Ann ", "Müller\u200b", "", "0700999")
    )
    entries = {e.student.id: e for e in ClassroomService(demo_store).roster(period.id)}
    student = entries[added].student
    assert (student.given_name, student.family_name) == ("Zoë Ann", "Müller")
    assert student.student_number == "0700999"  # text: the leading zero survives
    roster.update_student(added, StudentForm("Zoë", "Müller", "Zo", "0700999"))
    entries = {e.student.id: e for e in ClassroomService(demo_store).roster(period.id)}
    assert entries[added].student.preferred_name == "Zo"
    assert entries[added].display_name == "Zo M."


def test_a_single_name_student_is_valid(roster: RosterService) -> None:
    period = roster.periods()[0]
    roster.add_student(period.id, StudentForm("", "Wulandari"))  # one name, typed anywhere


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (StudentForm("", "", "Bo"), "given_name"),
        (StudentForm("A" * 121), "given_name"),
        (StudentForm("Amara", "Okafor", "", "0700123"), "student_number"),  # taken in the demo
    ],
)
def test_bad_student_forms_name_the_field(
    roster: RosterService, form: StudentForm, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        roster.add_student(roster.periods()[0].id, form)
    assert info.value.field == field


def test_move_keeps_history_and_archive_restore(roster: RosterService, demo_store: Store) -> None:
    classroom = ClassroomService(demo_store)
    first, second = roster.periods()[:2]
    student = classroom.roster(first.id)[0].student
    before_sets = [
        gs
        for gs in classroom.group_sets(first.id)
        if any(student.id in g.members for g in gs.group_set.groups)
    ]
    previous = roster.move_students([student.id], second.id)
    assert previous == {student.id: [first.id]}
    assert student.id not in {e.student.id for e in classroom.roster(first.id)}
    assert student.id in {e.student.id for e in classroom.roster(second.id)}
    # group history still names the student in the old period's sets
    after_sets = [
        gs
        for gs in classroom.group_sets(first.id)
        if any(student.id in g.members for g in gs.group_set.groups)
    ]
    assert len(after_sets) == len(before_sets) > 0

    roster.archive_students([student.id])
    assert student.id not in {e.student.id for e in classroom.roster(second.id)}
    archived = classroom.roster(second.id, include_archived=True)
    assert any(e.student.id == student.id and e.student.archived for e in archived)
    roster.restore_students([student.id])
    assert student.id in {e.student.id for e in classroom.roster(second.id)}


def test_periods_add_rename_reorder_archive(roster: RosterService) -> None:
    added = roster.add_period(
        PeriodForm("Period 7", "Math 7 Plus", "C101", time(13, 40), time(14, 32))
    )
    assert [p.name for p in roster.periods()][-1] == "Period 7"
    roster.move_period(added, -1)
    assert [p.name for p in roster.periods()] == ["Period 1", "Period 3", "Period 7", "Period 5"]
    with pytest.raises(ValidationError, match="already a period called Period 1"):
        roster.update_period(added, PeriodForm("period 1"))
    roster.archive_period(added)
    assert "Period 7" not in [p.name for p in roster.periods()]
    assert [p.name for p in roster.periods(archived=True)] == ["Period 7"]
    roster.restore_period(added)
    assert "Period 7" in [p.name for p in roster.periods()]


def test_display_name_setting_is_stored_with_the_data(
    roster: RosterService, demo_store: Store
) -> None:
    period = roster.periods()[0]
    roster.set_display_style(DisplayNameStyle.FIRST_LAST)
    names = [e.display_name for e in ClassroomService(demo_store).roster(period.id)]
    assert "Amara Okafor" in names
    roster.set_display_style(DisplayNameStyle.FIRST_ONLY)
    names = [e.display_name for e in ClassroomService(demo_store).roster(period.id)]
    assert "Amara" in names
    assert "Daniel Re." in names and "Daniel Ro." in names  # still told apart


def test_new_school_year_archives_and_keeps_the_library(
    roster: RosterService, demo_store: Store, demo_folder: DataFolder
) -> None:
    classroom = ClassroomService(demo_store)
    before = classroom.overview()
    year = roster.start_new_year("2027–2028", date(2027, 8, 23), date(2028, 6, 14))
    after = classroom.overview()
    assert year.name == "2027–2028"
    assert after.periods == ()
    assert after.skills == before.skills and after.tasks == before.tasks
    assert after.year is not None and after.year.name == "2027–2028"
    assert any(b.reason == "before-change" for b in list_backups(demo_folder.backups))


def test_export_csv_is_excel_friendly(roster: RosterService, tmp_path: Path) -> None:
    period = roster.periods()[0]
    roster.add_student(period.id, StudentForm("=HYPERLINK(1)", "Test", "", "0000001"))
    out = tmp_path / "roster.csv"
    count = roster.export_csv(period.id, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Student number"
    assert len(rows) == count + 1 == period.student_count + 2
    assert rows[[r[0] for r in rows].index("0000001")][:3] == ["0000001", "Test", "'=HYPERLINK(1)"]
    assert any(r[2] == "José" for r in rows)


def test_attendance_by_date(
    demo_store: Store, roster: RosterService, school_day: date, now: datetime
) -> None:
    attendance = AttendanceService(demo_store, lambda: now)
    period = roster.periods()[0]
    day = attendance.day(period.id, school_day)
    assert {e.status for e in day} == {AttendanceStatus.PRESENT}
    first, second = day[0].student.id, day[1].student.id
    attendance.set_status(period.id, first, school_day, AttendanceStatus.ABSENT)
    attendance.set_status(period.id, second, school_day, AttendanceStatus.LATE)
    attendance.set_status(period.id, first, school_day, AttendanceStatus.ABSENT)  # idempotent
    statuses = {e.student.id: e.status for e in attendance.day(period.id, school_day)}
    assert [s for s, status in statuses.items() if status is AttendanceStatus.ABSENT] == [first]
    assert statuses[second] is AttendanceStatus.LATE
    other_day = attendance.day(period.id, date(2026, 11, 24))
    assert {e.status for e in other_day} == {AttendanceStatus.PRESENT}  # kept by date
