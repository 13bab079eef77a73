"""Importing roster files into a real database: plans, no-op re-imports, moves, safety."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from mathroom.domain.roster_import import ChangeKind, ImportDecisions
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.roster_import import ImportNeedsDecisionError, RosterImportService
from mathroom.services.safety import SafetyNet
from mathroom.store.backup import list_backups
from mathroom.store.unit_of_work import Store
from tests.store.migration_fixtures import snapshot


@pytest.fixture
def importer(demo_store: Store, demo_folder: DataFolder, now: datetime) -> RosterImportService:
    safety = SafetyNet(demo_folder, lambda: now)
    return RosterImportService(demo_store, safety, lambda: now)


def period_one_csv(store: Store, path: Path, *, drop: int = 0, extra: str = "") -> Path:
    """The demo's Period 1 as a school system would export it (with a title row)."""
    classroom = ClassroomService(store)
    period = classroom.overview().periods[0]
    lines = ["Class Roster Report,,,,", "Student ID,Last Name,First Name,Period,Birthdate"]
    for entry in classroom.roster(period.id)[drop:]:
        s = entry.student
        lines.append(f'{s.student_number},"{s.family_name}","{s.given_name}",Period 1,2013-04-01')
    path.write_text("\n".join(lines) + extra + "\n", encoding="utf-8")
    return path


def test_reimporting_the_same_roster_changes_nothing(
    importer: RosterImportService, demo_store: Store, demo_folder: DataFolder, tmp_path: Path
) -> None:
    file = period_one_csv(demo_store, tmp_path / "p1.csv")
    before = snapshot(demo_folder.database)
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions())
    assert len(plan.of_kind(ChangeKind.UNCHANGED)) == 22
    assert plan.leaving == () and plan.can_apply and not plan.changes_anything
    assert "Birthdate" in plan.ignored_columns
    result = importer.apply(parsed, ImportDecisions())
    assert not result.changed and result.backup is None
    assert snapshot(demo_folder.database) == before


def test_new_student_and_leaving_student(
    importer: RosterImportService, demo_store: Store, demo_folder: DataFolder, tmp_path: Path
) -> None:
    file = period_one_csv(
        demo_store, tmp_path / "p1.csv", drop=1, extra="\n0701234,Haddad,Layla,Period 1,2013-01-01"
    )
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions(archive_leaving=True))
    assert [p.display for p in plan.of_kind(ChangeKind.NEW)] == ["Layla Haddad"]
    assert len(plan.leaving) == 1
    result = importer.apply(parsed, ImportDecisions(archive_leaving=True))
    assert (result.created, result.archived) == (1, 1)
    assert result.backup is not None and result.backup.exists()
    assert [b.reason for b in list_backups(demo_folder.backups)] == ["before-import"]
    period = ClassroomService(demo_store).overview().periods[0]
    assert period.student_count == 22


def test_the_preview_plans_against_one_snapshot_and_the_import_against_a_fresh_one(
    importer: RosterImportService, demo_store: Store, tmp_path: Path
) -> None:
    file = period_one_csv(
        demo_store, tmp_path / "p1.csv", extra="\n0701234,Haddad,Layla,Period 1,2013-01-01"
    )
    preview = importer.read_for_preview(file)
    assert preview.table is not None and preview.parsed.file_format == "UTF-8, commas"
    assert [p.display for p in preview.plan(ImportDecisions()).of_kind(ChangeKind.NEW)] == [
        "Layla Haddad"
    ]
    assert importer.apply(preview.parsed, ImportDecisions()).created == 1
    # The preview still shows the roster as it was read; planning again reads it afresh.
    assert len(preview.plan(ImportDecisions()).of_kind(ChangeKind.NEW)) == 1
    assert importer.plan(preview.parsed, ImportDecisions()).of_kind(ChangeKind.NEW) == ()
    assert importer.apply(preview.parsed, ImportDecisions()).created == 0


def test_moving_period_keeps_evidence_and_group_history(
    importer: RosterImportService, demo_store: Store, demo_folder: DataFolder, tmp_path: Path
) -> None:
    classroom = ClassroomService(demo_store)
    student = classroom.roster(classroom.overview().periods[0].id)[0].student
    file = tmp_path / "moved.csv"
    file.write_text(
        "Student ID,Last Name,First Name,Period\n"
        f"{student.student_number},{student.family_name},{student.given_name},Period 3\n",
        encoding="utf-8",
    )
    evidence_before = _count(demo_folder.database, "evidence", student.id)
    groups_before = _count(demo_folder.database, "group_member", student.id)
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions())
    assert [p.kind for p in plan.planned] == [ChangeKind.MOVED]
    assert plan.planned[0].from_periods == ("Period 1",)
    importer.apply(parsed, ImportDecisions())
    period3 = classroom.overview().periods[1]
    assert student.id in {e.student.id for e in classroom.roster(period3.id)}
    demo_store.close()
    assert _count(demo_folder.database, "evidence", student.id) == evidence_before > 0
    assert _count(demo_folder.database, "group_member", student.id) == groups_before > 0


def test_conflicts_block_until_decided_and_nothing_is_written(
    importer: RosterImportService, demo_store: Store, demo_folder: DataFolder, tmp_path: Path
) -> None:
    file = tmp_path / "conflict.csv"
    file.write_text(
        "Student ID,Last Name,First Name,Period\n"
        "0700123,Nobody,Someone,Period 1\n"  # the demo's Amara Okafor's number
        "0709999,Newman,Ada,Period 1\n",
        encoding="utf-8",
    )
    before = snapshot(demo_folder.database)
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions())
    assert [c.line for c in plan.conflicts] == [2]
    with pytest.raises(ImportNeedsDecisionError, match="0700123 belongs to Amara Okafor"):
        importer.apply(parsed, ImportDecisions())
    assert snapshot(demo_folder.database) == before
    result = importer.apply(parsed, ImportDecisions(skip_lines=frozenset({2})))
    assert result.created == 1


def test_a_failure_half_way_writes_nothing(
    importer: RosterImportService,
    demo_store: Store,
    demo_folder: DataFolder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = tmp_path / "new.csv"
    rows = "\n".join(f"07088{n:02d},Family{n},Given{n},Period 1" for n in range(10))
    file.write_text("Student ID,Last Name,First Name,Period\n" + rows + "\n", encoding="utf-8")
    before = snapshot(demo_folder.database)
    from mathroom.store.repositories.roster import RosterEditor

    original = RosterEditor.enroll_many

    def failing(self: RosterEditor, *args: object) -> None:
        original(self, *args)  # type: ignore[arg-type]  # forwarding the real arguments
        raise OSError("disk full")  # after the students and enrollments were inserted

    monkeypatch.setattr(RosterEditor, "enroll_many", failing)
    with pytest.raises(OSError, match="disk full"):
        importer.apply(importer.read(file), ImportDecisions())
    assert snapshot(demo_folder.database) == before


def test_rows_without_a_period_need_one(importer: RosterImportService, tmp_path: Path) -> None:
    file = tmp_path / "names.csv"
    file.write_text("First Name,Last Name\nAda,Lovelace\nAlan,Turing\n", encoding="utf-8")
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions())
    assert not plan.can_apply and "no period" in plan.decisions_needed[0]
    plan = importer.plan(parsed, ImportDecisions(period_for_all="Period 5"))
    assert plan.can_apply and len(plan.of_kind(ChangeKind.NEW)) == 2


def test_whole_school_export_waits_for_the_teachers_sections(
    importer: RosterImportService, tmp_path: Path
) -> None:
    file = tmp_path / "school.csv"
    lines = ["Student ID,Last Name,First Name,Section"]
    for n in range(400):
        lines.append(f"08{n:05d},Family{n},Given{n},Section {n % 40 + 10}")
    lines.append("0700123,Okafor,Amara,Period 1")
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = importer.read(file)
    asked = importer.plan(parsed, ImportDecisions())
    assert not asked.can_apply and asked.planned == () and asked.filtered_out_rows == 401
    assert "41 sections" in asked.decisions_needed[0]
    assert asked.contents.whole_school == ("41 sections",)
    plan = importer.plan(parsed, ImportDecisions(only_sections=frozenset({"Period 1"})))
    assert plan.can_apply and plan.taken_sections == ("Period 1",)
    assert plan.filtered_out_rows == 400
    assert len(plan.of_kind(ChangeKind.UNCHANGED)) == 1


def test_whole_school_export_with_no_matching_period_is_refused(
    store: Store, migrated_folder: DataFolder, tmp_path: Path, now: datetime
) -> None:
    importer = RosterImportService(store, SafetyNet(migrated_folder, lambda: now), lambda: now)
    file = tmp_path / "school.csv"
    lines = ["Student ID,Last Name,First Name,Section"]
    lines += [f"08{n:05d},Family{n},Given{n},Section {n % 30}" for n in range(300)]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = importer.read(file)
    plan = importer.plan(parsed, ImportDecisions())
    assert not plan.can_apply and "whole-school export" in plan.decisions_needed[0]
    chosen = importer.plan(parsed, ImportDecisions(only_sections=frozenset({"Section 3"})))
    assert chosen.can_apply and len(chosen.planned) == 10 and chosen.new_periods == ("Section 3",)


def _count(db: Path, table: str, student_id: int) -> int:
    connection = sqlite3.connect(db)
    try:
        row = connection.execute(
            f"SELECT count(*) FROM {table} WHERE student_id = ?", (student_id,)
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def test_two_thousand_new_students_are_written_in_a_few_statements(
    store: Store, migrated_folder: DataFolder, tmp_path: Path, now: datetime
) -> None:
    from sqlalchemy import event

    importer = RosterImportService(store, SafetyNet(migrated_folder, lambda: now), lambda: now)
    file = tmp_path / "year.csv"
    lines = ["Student ID,Last Name,First Name,Section"]
    lines += [f"08{n:05d},Family{n},Given{n},Section {n % 50}" for n in range(2000)]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = importer.read(file)
    decisions = ImportDecisions(only_sections=frozenset(parsed.periods))
    inserts: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split("(")[0])

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        result = importer.apply(parsed, decisions)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert result.created == 2000 and result.new_periods == 50 and result.backup is not None
    assert len(inserts) <= 5, inserts  # periods, students, enrollments (and the school year)
    again = importer.plan(parsed, decisions)
    assert len(again.of_kind(ChangeKind.UNCHANGED)) == 2000


def test_a_name_with_question_marks_for_letters_is_warned_with_its_line(
    importer: RosterImportService, tmp_path: Path
) -> None:
    file = tmp_path / "excel.csv"
    file.write_text(
        "Student ID,Last Name,First Name,Period\n0709001,Nguy?n,Minh Anh,Period 1\n"
        "0709002,?,Sam,Period 1\n",
        encoding="utf-8",
    )
    warnings = [(w.line, w.code) for w in importer.read(file).warnings]
    assert warnings == [(2, "letters_lost")]  # a lone "?" is not a lost letter
    assert "line 2: the name 'Minh Anh Nguy?n' has '?'" in importer.read(file).warnings[0].message
