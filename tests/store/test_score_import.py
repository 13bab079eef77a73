"""Importing score files into the demo classroom: levels, all-or-nothing, decisions, safety."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from mathroom.cli.imports import import_scores
from mathroom.composition import Services
from mathroom.domain.ids import PeriodId
from mathroom.domain.roster import Student
from mathroom.domain.score_import import ScoreChoices
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import Evidence, EvidenceSource, Level
from mathroom.paths import DataFolder
from mathroom.services.classroom import ClassroomService
from mathroom.services.safety import SafetyNet
from mathroom.services.score_import import (
    ScoreImportNeedsDecisionError,
    ScoreImportService,
)
from mathroom.store.backup import list_backups
from mathroom.store.repositories.roster import RosterEditor, RosterRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store
from tests.fixtures.scores import make_fixtures
from tests.store.migration_fixtures import snapshot

CUTS = CutPoints()


@pytest.fixture
def importer(demo_store: Store, demo_folder: DataFolder, now: datetime) -> ScoreImportService:
    safety = SafetyNet(demo_folder, lambda: now)
    return ScoreImportService(demo_store, safety, lambda: now)


@pytest.fixture
def period_one(demo_store: Store) -> tuple[PeriodId, list[Student]]:
    classroom = ClassroomService(demo_store)
    period = classroom.overview().periods[0]
    return period.id, [entry.student for entry in classroom.roster(period.id)]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def quiz_lines(students: list[Student], scores: list[str], on: date) -> list[str]:
    """A long file: one row per student on 7.NS.A.1b, with these scores, dated ``on``."""
    lines = ["Student ID,Student Name,Skill Code,Score,Date"]
    for student, score in zip(students, scores, strict=False):
        name = f'"{student.family_name}, {student.given_name}"'
        lines.append(f"{student.student_number},{name},7.NS.A.1b,{score},{on.isoformat()}")
    return lines


def imported(store: Store, students: list[Student], since: date) -> list[Evidence]:
    """What the test's import recorded: the demo's own imports are all from before today."""
    with store.unit_of_work() as session:
        evidence = SkillRepository(session).evidence_of([s.id for s in students])
    return [e for e in evidence if e.source is EvidenceSource.IMPORT and e.observed_on >= since]


def test_a_clean_file_records_every_score_at_its_level(
    importer: ScoreImportService,
    demo_store: Store,
    demo_folder: DataFolder,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    scores = ["95%", "17/20", "69.9", "50", "12/40", "Got it"]
    file = write(tmp_path / "quiz.csv", quiz_lines(students, scores, today))
    parsed = importer.read(file)
    plan = importer.plan(parsed, period, today, CUTS)
    assert plan.can_apply and plan.blocking_messages() == []
    assert [p.how for p in plan.matched] == [
        "95% → Extending",
        "17/20 = 85% → Got it",
        "69.9% → Getting there",
        "50% → Getting there",
        "12/40 = 30% → Not yet",
        "Got it (in the file)",
    ]
    assert plan.summary().startswith("6 scores to record (6 students, 1 skill)")
    result = importer.apply(parsed, period, today, CUTS)
    assert result.recorded == 6 and len(result.evidence_ids) == 6
    assert result.summary() == "Recorded 6 scores for 6 students on 1 skill."
    recorded = imported(demo_store, students, today)
    assert [(e.student_id, e.level) for e in recorded] == [
        (students[0].id, Level.EXTENDING),
        (students[1].id, Level.GOT_IT),
        (students[2].id, Level.GETTING_THERE),
        (students[3].id, Level.GETTING_THERE),
        (students[4].id, Level.NOT_YET),
        (students[5].id, Level.GOT_IT),
    ]
    assert {e.observed_on for e in recorded} == {today}
    assert [b.reason for b in list_backups(demo_folder.backups)] == ["before-import"]
    assert result.backup is not None and result.backup.exists()


def test_bad_rows_are_named_and_nothing_is_written(
    importer: ScoreImportService,
    demo_folder: DataFolder,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    lines = quiz_lines(students, ["85", "90"], today)
    lines += [
        "0799999,Nobody Known,7.NS.A.1b,80,2026-11-20",  # line 4: no such student
        f"{students[2].student_number},,7.NS.A.9z,80,2026-11-20",  # line 5: no such skill
        f"{students[3].student_number},,7.NS.A.1b,abc,2026-11-20",  # line 6: unreadable
        f"{students[4].student_number},,7.NS.A.1b,80,2026-13-45",  # line 7: no such date
        f"{students[5].student_number},,7.ns.a.2A,80,2026-11-20",  # line 8: a near miss
    ]
    file = write(tmp_path / "bad.csv", lines)
    before = snapshot(demo_folder.database)
    parsed = importer.read(file)
    plan = importer.plan(parsed, period, today, CUTS)
    assert not plan.can_apply and plan.unmatched_rows == 5
    with pytest.raises(ScoreImportNeedsDecisionError) as raised:
        importer.apply(parsed, period, today, CUTS)
    message = str(raised.value)
    assert message.startswith("bad.csv: nothing was imported; 5 rows can't be read or matched")
    for expected in (
        "line 4: no student called Nobody Known in this period",
        "line 5: skill 7.NS.A.9z is not in your skill map",
        "line 6: can't read 'abc'",
        "line 7: '2026-13-45' is not a real date",
        "line 8: skill 7.ns.a.2A is not in your skill map; did you mean 7.NS.A.2a?",
    ):
        assert expected in message
    assert snapshot(demo_folder.database) == before
    assert list_backups(demo_folder.backups) == []
    # the same refusal, again: still nothing
    with pytest.raises(ScoreImportNeedsDecisionError):
        importer.apply(parsed, period, today, CUTS)
    assert snapshot(demo_folder.database) == before


def test_skip_unmatched_writes_only_the_good_rows_and_rerunning_changes_nothing(
    importer: ScoreImportService,
    demo_store: Store,
    demo_folder: DataFolder,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    lines = quiz_lines(students, ["85", "90"], today)
    lines += ["0799999,Nobody Known,7.NS.A.1b,80,2026-11-20", f"{students[2].student_number}"]
    lines[-1] += ",,7.NS.A.1b,abc,2026-11-20"
    file = write(tmp_path / "mixed.csv", lines)
    parsed = importer.read(file)
    result = importer.apply(parsed, period, today, CUTS, skip_unmatched=True)
    assert result.recorded == 2
    assert "2 rows that could not be read or matched were left out" in result.summary()
    assert [e.student_id for e in imported(demo_store, students, today)] == [
        s.id for s in students[:2]
    ]

    before = snapshot(demo_folder.database)
    backups = list_backups(demo_folder.backups)
    again = importer.apply(importer.read(file), period, today, CUTS, skip_unmatched=True)
    assert again.recorded == 0 and again.backup is None
    assert len(again.plan.already_recorded) == 2
    assert again.summary() == "Nothing to record: all 2 scores were already in Mathroom."
    assert snapshot(demo_folder.database) == before
    assert list_backups(demo_folder.backups) == backups


def test_the_preview_plans_against_one_snapshot_and_the_import_against_a_fresh_one(
    importer: ScoreImportService,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    preview = importer.read_for_preview(
        write(tmp_path / "q.csv", quiz_lines(students, ["85"], today))
    )
    choices = ScoreChoices(period, today, CUTS)
    assert len(preview.plan(choices).matched) == 1
    assert importer.apply_choices(preview.parsed, choices).recorded == 1
    # The preview still shows the classroom as it was read; the import reads it afresh.
    assert len(preview.plan(choices).matched) == 1
    again = importer.apply_choices(preview.parsed, choices)
    assert again.recorded == 0 and len(again.plan.already_recorded) == 1


def test_a_failure_half_way_writes_nothing(
    importer: ScoreImportService,
    demo_folder: DataFolder,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    today: date,
) -> None:
    period, students = period_one
    file = write(tmp_path / "quiz.csv", quiz_lines(students, ["85"] * 10, today))
    parsed = importer.read(file)
    before = snapshot(demo_folder.database)
    original = SkillRepository.record_evidence

    def failing(self: SkillRepository, *args: object) -> list[int]:
        original(self, *args)  # type: ignore[arg-type]  # forwarding the real arguments
        raise OSError("disk full")

    monkeypatch.setattr(SkillRepository, "record_evidence", failing)
    with pytest.raises(OSError, match="disk full"):
        importer.apply(parsed, period, today, CUTS)
    assert snapshot(demo_folder.database) == before


def test_cut_points_change_levels_and_are_remembered_as_text(
    importer: ScoreImportService,
    demo_folder: DataFolder,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    parsed = importer.read(write(tmp_path / "q.csv", quiz_lines(students, ["75"], today)))
    assert importer.cut_points() == CutPoints()
    assert importer.plan(parsed, period, today, CUTS).matched[0].level is Level.GOT_IT
    strict = CutPoints(Decimal(60), Decimal(80), Decimal("95.5"))
    assert importer.plan(parsed, period, today, strict).matched[0].level is Level.GETTING_THERE
    importer.apply(parsed, period, today, strict)
    assert importer.cut_points() == strict
    importer.set_cut_points(CutPoints(Decimal(40), Decimal(65), Decimal(85)))
    connection = sqlite3.connect(demo_folder.database)
    try:
        (raw,) = connection.execute(
            "SELECT value FROM app_setting WHERE key = 'score_cut_points'"
        ).fetchone()
    finally:
        connection.close()
    assert json.loads(raw) == {"getting_there": "40", "got_it": "65", "extending": "85"}


def test_reimporting_after_new_cut_points_updates_the_rows_instead_of_adding(
    importer: ScoreImportService,
    demo_store: Store,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    parsed = importer.read(write(tmp_path / "q.csv", quiz_lines(students, ["75", "50"], today)))
    first = importer.apply(parsed, period, today, CUTS)
    assert first.updated == 0
    before = imported(demo_store, students, today)
    assert [e.level for e in before] == [Level.GOT_IT, Level.GETTING_THERE]

    strict = CutPoints(Decimal(60), Decimal(80), Decimal("95.5"))
    again = importer.apply(parsed, period, today, strict)
    assert again.updated == 2 and sorted(again.evidence_ids) == sorted(first.evidence_ids)
    assert "updated to the new levels" in again.summary()
    after = imported(demo_store, students, today)
    assert [(e.student_id, e.level) for e in after] == [
        (students[0].id, Level.GETTING_THERE),
        (students[1].id, Level.NOT_YET),
    ]
    # The same file at the same cut points changes nothing.
    assert importer.apply(parsed, period, today, strict).recorded == 0
    assert imported(demo_store, students, today) == after


def test_matching_by_number_name_and_suggestion(
    importer: ScoreImportService,
    demo_store: Store,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    a, b, c, d = students[:4]
    assert a.student_number and b.student_number
    file = write(
        tmp_path / "names.csv",
        [
            "Student ID,Name,Standard,Score,Date",
            f"{a.student_number.lstrip('0')},,7.NS.A.1b,80,",  # Excel dropped the zero
            f",{b.given_name} {b.family_name},7.NS.A.1b,80,",
            f',"{c.family_name.upper()}, {c.given_name}",7.NS.A.1b,80,',  # Last, First
            f",{d.given_name} {d.family_name},7NSA2a,80,",
            f",{d.given_name} {d.family_name},7NSA2a,60,",  # the same again: last one kept
        ],
    )
    parsed = importer.read(file)
    plan = importer.plan(parsed, period, today, CUTS)
    assert [s.code for s in plan.unknown_skills] == ["7NSA2a"]
    assert plan.unknown_skills[0].suggestion == "7.NS.A.2a"
    assert [p.student.id for p in plan.matched] == [a.id, b.id, c.id]
    plan = importer.plan(parsed, period, today, CUTS, use_suggestions=True)
    assert plan.can_apply
    assert [(p.student.id, p.skill.code, p.level) for p in plan.matched][-1] == (
        d.id,
        "7.NS.A.2a",
        Level.GETTING_THERE,
    )
    assert {p.observed_on for p in plan.matched} == {today}  # no dates: the chosen day
    assert plan.dated_by_default == 4
    warnings = " | ".join(w.message for w in plan.warnings)
    assert f"student number {a.student_number.lstrip('0')} read as {a.student_number}" in warnings
    assert "7NSA2a read as 7.NS.A.2a" in warnings
    assert "is also on line 6; line 6 is kept" in warnings


def test_ambiguous_names_archived_students_and_other_periods(
    importer: ScoreImportService,
    demo_store: Store,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    now: datetime,
    today: date,
) -> None:
    period, students = period_one
    twin, leaver = students[0], students[1]
    with demo_store.unit_of_work() as session:
        copy = Student(twin.id, twin.given_name, twin.family_name, None, None)
        new_id = RosterRepository(session).add_student(copy, now)
        RosterRepository(session).enroll(new_id, period, today)
        RosterEditor(session).set_students_archived([leaver.id], now)
    classroom = ClassroomService(demo_store)
    other = classroom.roster(classroom.overview().periods[1].id)[0].student
    file = write(
        tmp_path / "names.csv",
        [
            "Student ID,Name,Skill,Score",
            f",{twin.given_name} {twin.family_name},7.NS.A.1b,80",
            f"{leaver.student_number},{leaver.given_name} {leaver.family_name},7.NS.A.1b,80",
            f",{other.given_name} {other.family_name},7.NS.A.1b,80",
            f"{other.student_number},,7.NS.A.1b,80",
        ],
    )
    parsed = importer.read(file)
    plan = importer.plan(parsed, period, today, CUTS)
    reasons = [s.message for s in plan.unmatched_students]
    assert reasons[0] == (
        f"line 2: 2 students in this period are called {twin.given_name} {twin.family_name}; "
        "add student numbers to the file"
    )
    assert reasons[1].startswith(f"line 4: no student called {other.given_name}")
    # by number, anyone matches: an archived student keeps the score, with a warning
    assert [p.student.id for p in plan.matched] == [leaver.id, other.id]
    assert any("is archived" in w.message for w in plan.warnings)
    # without a period, names are looked up across the year
    across = importer.plan(parsed, None, today, CUTS)
    assert [s.said for s in across.unmatched_students] == [f"{twin.given_name} {twin.family_name}"]


def test_a_number_naming_someone_else_is_not_matched(
    importer: ScoreImportService,
    period_one: tuple[PeriodId, list[Student]],
    tmp_path: Path,
    today: date,
) -> None:
    period, students = period_one
    file = write(
        tmp_path / "wrong.csv",
        ["Student ID,Name,Skill,Score", f"{students[0].student_number},Ada Lovelace,7.NS.A.1b,80"],
    )
    plan = importer.plan(importer.read(file), period, today, CUTS)
    assert plan.unmatched_students[0].reason.startswith(
        f"student number {students[0].student_number} is {students[0].full_name} in Mathroom"
    )


def test_the_wide_diagnostic_workbook(
    importer: ScoreImportService, demo_store: Store, tmp_path: Path, today: date
) -> None:
    parsed = importer.read(make_fixtures.wide_workbook(tmp_path / "diagnostic.xlsx"))
    plan = importer.plan(parsed, None, today, CUTS)
    assert plan.can_apply, plan.blocking_messages()
    assert plan.unit == "score"
    got = [(p.student.student_number, p.skill.code, p.level) for p in plan.matched]
    assert got == [
        ("0700123", "7.NS.A.1b", Level.GOT_IT),
        ("0700123", "7.NS.A.2a", Level.GETTING_THERE),
        ("0716105", "7.NS.A.1b", Level.NOT_YET),
        ("0716105", "7.NS.A.2a", Level.GOT_IT),
        ("0716105", "7.EE.A.1-simp", Level.EXTENDING),
    ]
    assert plan.ignored_columns == ("Total",)
    result = importer.apply(parsed, None, today, CUTS)
    assert result.recorded == 5


# -- the command line ---------------------------------------------------------------------


def run(services: Services, file: Path, **flags: object) -> tuple[int, list[str], list[str]]:
    out: list[str] = []
    err: list[str] = []
    code = import_scores(
        services,
        file,
        period=flags.get("period"),  # type: ignore[arg-type]  # test helper
        on=flags.get("on"),  # type: ignore[arg-type]  # test helper
        yes=bool(flags.get("yes")),
        skip_unmatched=bool(flags.get("skip_unmatched")),
        dry_run=bool(flags.get("dry_run")),
        out=out.append,
        err=err.append,
    )
    return code, out, err


def test_cli_blocks_then_skips_then_imports(
    services: Services, tmp_path: Path, today: date
) -> None:
    period = services.roster.periods()[0]
    students = [e.student for e in services.classroom.roster(period.id)]
    lines = [*quiz_lines(students, ["85", "90"], today), "0799999,Nobody Known,7.NS.A.1b,80,"]
    file = write(tmp_path / "quiz.csv", lines)
    before = snapshot(services.folder.database)

    code, out, err = run(services, file, period="P1")
    assert code == 1
    assert out[0] == (
        "quiz.csv: 2 scores to record (2 students, 1 skill), 1 row not read or matched, to decide"
    )
    assert err[0] == (
        "quiz.csv, line 4: no student called Nobody Known in this period "
        "(and number 0799999 is not in Mathroom)"
    )
    assert "--skip-unmatched" in err[-1]

    code, out, err = run(services, file, period="Period 1", skip_unmatched=True, dry_run=True)
    assert (code, err) == (0, [])
    assert out[-1] == "Dry run: nothing was changed."
    assert any(line.startswith("  record: line 2 ") for line in out)
    assert snapshot(services.folder.database) == before

    code, out, err = run(services, file, skip_unmatched=True, on=date(2026, 11, 21))
    assert (code, err) == (0, [])
    assert out[-2].startswith("Recorded 2 scores for 2 students on 1 skill.")
    assert out[-1].startswith("Backup taken first: ")


def test_cli_wants_yes_for_warnings_and_a_known_period(services: Services, tmp_path: Path) -> None:
    period = services.roster.periods()[0]
    student = services.classroom.roster(period.id)[0].student
    assert student.student_number
    file = write(
        tmp_path / "zeros.csv",
        ["Student ID,Skill,Score", f"{student.student_number.lstrip('0')},7.ns.a.1b,85"],
    )
    code, _out, err = run(services, file)
    assert code == 1 and "--yes to use the suggested skill codes" in err[-1]
    code, out, err = run(services, file, yes=True, dry_run=True)
    assert (code, err) == (0, [])
    assert any("read as 7.NS.A.1b" in line for line in out)
    code, _out, err = run(services, file, period="Period 9")
    assert code == 1
    assert err == ["--period Period 9: no such period (your periods: Period 1, Period 3, Period 5)"]
    code, _out, err = run(services, tmp_path / "missing.csv")
    assert (code, err) == (1, ["missing.csv: the file was not found"])


def test_cli_plan_report_lists_counts_then_lines(
    services: Services, tmp_path: Path, today: date
) -> None:
    period = services.roster.periods()[0]
    students = [e.student for e in services.classroom.roster(period.id)]
    file = write(tmp_path / "quiz.csv", quiz_lines(students, ["85", ""], today))
    code, out, _err = run(services, file, dry_run=True)
    assert code == 0
    assert out[:3] == [
        "quiz.csv: 1 score to record (1 student, 1 skill), 1 row without a score",
        "  read as: UTF-8, commas",
        "  levels: Not yet below 50%, Getting there from 50%, Got it from 70%, Extending from 90%",
    ]
    assert out[3].startswith(f"  record: line 2 {students[0].full_name}, 7.NS.A.1b: 85% → Got it")
    assert out[4] == "  skipped: line 3: no score or level, skipped"
