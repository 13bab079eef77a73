"""Import a roster file: read it, show the plan, then write it all-or-nothing after a backup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.atomic_files import fault_point
from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId, StudentId
from mathroom.domain.roster import Student
from mathroom.domain.roster_import import (
    ChangeKind,
    CurrentStudent,
    ImportDecisions,
    ImportPlan,
    ParsedRoster,
    PeriodTarget,
    RosterField,
    RosterSnapshot,
)
from mathroom.domain.school_year import default_year_dates, school_year_name
from mathroom.importers.roster_plan import plan_import
from mathroom.importers.roster_rows import parse_roster_file, parse_rows, read_roster
from mathroom.importers.table_file import RawTable
from mathroom.services.safety import SafetyNet
from mathroom.store.repositories.roster import RosterEditor, RosterRepository
from mathroom.store.unit_of_work import Store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ImportNeedsDecisionError(MathroomError):
    """The plan has conflicts or open questions; nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        lines = [p.message for p in plan.conflicts] + list(plan.decisions_needed)
        super().__init__(
            f"{plan.source}: nothing was imported; these need a decision first:\n  "
            + "\n  ".join(lines)
        )
        self.plan = plan


@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: ImportPlan
    backup: Path | None
    created: int = 0
    updated: int = 0
    moved: int = 0
    returned: int = 0
    archived: int = 0
    new_periods: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (self.created, self.updated, self.moved, self.returned, self.archived, self.new_periods)
        )

    def summary(self) -> str:
        if not self.changed:
            return "Nothing to change: the roster already matches the file."
        counts = (
            (self.created, "student added", "students added"),
            (self.updated, "student updated", "students updated"),
            (self.moved, "student moved to another period", "students moved to another period"),
            (self.returned, "returning student restored", "returning students restored"),
            (self.archived, "student archived", "students archived"),
            (self.new_periods, "new period", "new periods"),
        )
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return "Imported: " + ", ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class RosterFile:
    """A file read for the preview: what was parsed, its table (to remap columns), and the
    roster as one read saw it, so every re-plan while the teacher decides is off the database."""

    path: Path
    table: RawTable | None  # None for a OneRoster set, which has fixed columns
    parsed: ParsedRoster
    snapshot: RosterSnapshot

    def plan(self, decisions: ImportDecisions) -> ImportPlan:
        return plan_import(self.parsed, self.snapshot, decisions)

    def remapped(self, field: RosterField, column: int | None) -> RosterFile:
        """Parsed again with ``field`` read from ``column`` (None: not imported)."""
        mapping = self.parsed.mapping
        if self.table is None or mapping is None:
            return self
        parsed = parse_rows(self.table, mapping.with_column(field, column))
        return replace(self, parsed=parsed)


class RosterImportService:
    def __init__(self, store: Store, safety: SafetyNet, now: Callable[[], datetime]) -> None:
        self._store = store
        self._safety = safety
        self._now = now

    @staticmethod
    def read(
        path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ParsedRoster:
        """Parse a CSV/TSV/TXT/XLSX file or a OneRoster folder/zip (slow work: off the GUI)."""
        return parse_roster_file(path, progress=progress, cancelled=cancelled)

    def read_for_preview(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> RosterFile:
        """Like read(), but keeps the raw table and takes the roster snapshot for the preview."""
        table, parsed = read_roster(path, progress=progress, cancelled=cancelled)
        with self._store.unit_of_work() as session:
            return RosterFile(path, table, parsed, _snapshot(session))

    def plan(self, parsed: ParsedRoster, decisions: ImportDecisions) -> ImportPlan:
        with self._store.unit_of_work() as session:
            return plan_import(parsed, _snapshot(session), decisions)

    def apply(self, parsed: ParsedRoster, decisions: ImportDecisions) -> ImportResult:
        """Write the plan in one transaction, after a backup. Refuses while decisions are open."""
        plan = self.plan(parsed, decisions)
        if not plan.can_apply:
            raise ImportNeedsDecisionError(plan)
        if not plan.changes_anything:
            return ImportResult(plan, None)
        backup = self._safety.before_import()
        fault_point("import:backed-up")
        with self._store.unit_of_work() as session:
            plan = plan_import(parsed, _snapshot(session), decisions)  # fresh, inside the write
            if not plan.can_apply:
                raise ImportNeedsDecisionError(plan)
            result = _write(session, plan, backup, self._now())
            session.flush()
            fault_point("import:written")  # every row sent, nothing committed
            return result


def _snapshot(session: Session) -> RosterSnapshot:
    roster = RosterRepository(session)
    students = RosterEditor(session).students_with_periods()
    return RosterSnapshot(
        periods=tuple(roster.periods()),
        students=tuple(CurrentStudent(s, periods) for s, periods in students),
    )


def _write(session: Session, plan: ImportPlan, backup: Path | None, now: datetime) -> ImportResult:
    roster = RosterRepository(session)
    editor = RosterEditor(session)
    today = now.date()
    period_ids: dict[str, PeriodId] = {}
    if plan.new_periods:
        year = roster.current_year()
        if year is None:
            starts, ends = default_year_dates(today)
            year_id = roster.add_year(school_year_name(starts), starts, ends)
        else:
            year_id = year.id
        ids = roster.add_periods(year_id, plan.new_periods, editor.next_position())
        period_ids = dict(zip(plan.new_periods, ids, strict=True))

    def resolve(target: PeriodTarget) -> PeriodId:
        return target.period_id if target.period_id is not None else period_ids[target.name]

    counts = dict.fromkeys(ChangeKind, 0)
    # New students and their enrollments go in as two bulk statements: thousands per second.
    new_items = [item for item in plan.planned if item.kind is ChangeKind.NEW]
    new_ids = editor.add_students(
        [
            Student(
                StudentId(0),
                item.row.given_name,
                item.row.family_name,
                item.row.preferred_name,
                item.row.student_number,
            )
            for item in new_items
        ],
        now,
    )
    editor.enroll_many(
        (
            (student_id, resolve(target))
            for item, student_id in zip(new_items, new_ids, strict=True)
            for target in item.targets
        ),
        today,
    )
    counts[ChangeKind.NEW] = len(new_items)
    for item in plan.planned:
        row = item.row
        if item.kind in (ChangeKind.UNCHANGED, ChangeKind.NEW):
            continue
        counts[item.kind] += 1
        assert item.student_id is not None  # every non-new plan entry matched a student
        student_id = item.student_id
        record = editor.student(student_id)
        # The plan's row already carries Mathroom's spelling where the file's was poorer
        # or damaged, so writing it never loses an accent or a letter.
        editor.update_student(
            replace(
                record,
                given_name=row.given_name or record.given_name,
                family_name=row.family_name if row.given_name else record.family_name,
                student_number=row.student_number or record.student_number,
                preferred_name=row.preferred_name or record.preferred_name,
            )
        )
        if item.kind is ChangeKind.RETURNING:
            editor.set_students_archived([student_id], None)
        if item.kind in (ChangeKind.MOVED, ChangeKind.RETURNING):
            editor.leave_all(student_id, today)
        for target in item.targets:
            editor.enroll_if_needed(student_id, resolve(target), today)
    archived = 0
    if plan.archives_leaving:
        editor.set_students_archived((leaving.student.id for leaving in plan.leaving), now)
        archived = len(plan.leaving)
    return ImportResult(
        plan=plan,
        backup=backup,
        created=counts[ChangeKind.NEW],
        updated=counts[ChangeKind.UPDATED],
        moved=counts[ChangeKind.MOVED],
        returned=counts[ChangeKind.RETURNING],
        archived=archived,
        new_periods=len(period_ids),
    )
