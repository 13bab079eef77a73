"""Import scores (a quiz or diagnostic export): read, plan, then write all-or-nothing.

The rules match the roster import: nothing is written until the plan holds no open question,
a backup is taken first, and every score goes in one transaction. How rows are matched is in
``importers.score_plan``.

What blocks an import (settled by fixing the file, or by ``skip_unmatched=True``, which leaves
exactly those rows out): rows that can't be read (no student, no skill code, a score such as
"abc" or "120%", a date such as "13/45/2026"); students who can't be matched (an unknown
number, a name that is nobody's or several students' name, or a number whose student has
another name in Mathroom); skill codes that are not in the skill map.

Warnings (kept, but the teacher should know; the command line asks for ``--yes``): the same
student, skill and date twice in the file (the later line wins), a student number that lost
its leading zeros, an archived student, a suggested code taken, a date in the future.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from mathroom.domain.errors import MathroomError
from mathroom.domain.ids import PeriodId
from mathroom.domain.score_import import ParsedScores, ScoreChoices, ScoreSnapshot, count
from mathroom.domain.score_import import ScorePlan as ScorePlan  # re-exported for the CLI
from mathroom.domain.scores import CutPoints
from mathroom.domain.skills import EvidenceSource
from mathroom.importers.score_file import parse_scores
from mathroom.importers.score_plan import may_name, plan_scores
from mathroom.services.safety import SafetyNet
from mathroom.store.repositories.roster import RosterEditor
from mathroom.store.repositories.settings import SettingsRepository
from mathroom.store.repositories.skills import SkillRepository
from mathroom.store.unit_of_work import Store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ScoreImportNeedsDecisionError(MathroomError):
    """Rows can't be read or matched and were not chosen to be skipped; nothing was written."""

    def __init__(self, plan: ScorePlan) -> None:
        lines = plan.blocking_messages()
        super().__init__(
            f"{plan.source}: nothing was imported; {count(plan.unmatched_rows, plan.unit)} "
            "can't be read or matched:\n  "
            + "\n  ".join(lines)
            + "\nFix the file, or choose to skip these rows."
        )
        self.plan = plan


@dataclass(frozen=True, slots=True)
class ScoreImportResult:
    plan: ScorePlan
    backup: Path | None
    evidence_ids: tuple[int, ...] = ()  # what was written, so an undo can remove exactly these
    updated: int = 0  # of those, scores imported before and updated to new cut points' levels

    @property
    def recorded(self) -> int:
        return len(self.evidence_ids)

    def summary(self) -> str:
        plan = self.plan
        if not self.recorded:
            text = "Nothing to record"
            if plan.already_recorded:
                text += (
                    f": all {count(len(plan.already_recorded), 'score')} were already in Mathroom"
                )
            return text + "."
        students = len({p.student.id for p in plan.matched})
        skills = len({p.skill.id for p in plan.matched})
        text = (
            f"Recorded {count(self.recorded, 'score')} for {count(students, 'student')} "
            f"on {count(skills, 'skill')}."
        )
        if self.updated:
            verb = "was" if self.updated == 1 else "were"
            text += (
                f" {count(self.updated, 'score')} imported before for the same day {verb} "
                "updated to the new levels, not added again."
            )
        if plan.already_recorded:
            text += f" {len(plan.already_recorded)} were already in Mathroom."
        if plan.unmatched_rows:
            left_out = count(plan.unmatched_rows, plan.unit)
            text += f" {left_out} that could not be read or matched were left out."
        return text


@dataclass(frozen=True, slots=True)
class ScoreFile:
    """A file read for the preview, with the classroom as one read saw it: every re-plan while
    the teacher changes the choices uses this same snapshot, off the database."""

    parsed: ParsedScores
    snapshot: ScoreSnapshot

    def plan(self, choices: ScoreChoices) -> ScorePlan:
        return plan_scores(self.parsed, self.snapshot, choices)


class ScoreImportService:
    def __init__(self, store: Store, safety: SafetyNet, now: Callable[[], datetime]) -> None:
        self._store = store
        self._safety = safety
        self._now = now

    def read(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ParsedScores:
        """Parse a score file (slow work: off the GUI thread). Raises ImportFileError."""
        with self._store.unit_of_work() as session:
            known = list(SkillRepository(session).ids_by_code())
        return parse_scores(path, known_codes=known, progress=progress, cancelled=cancelled)

    def read_for_preview(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ScoreFile:
        """Like read(), plus one snapshot of the classroom for every plan of the preview."""
        parsed = self.read(path, progress, cancelled)
        with self._store.unit_of_work() as session:
            return ScoreFile(parsed, self._snapshot(session, parsed))

    def cut_points(self) -> CutPoints:
        with self._store.unit_of_work() as session:
            return SettingsRepository(session).score_cut_points()

    def set_cut_points(self, cuts: CutPoints) -> None:
        with self._store.unit_of_work() as session:
            SettingsRepository(session).set_score_cut_points(cuts)

    def plan(
        self,
        parsed: ParsedScores,
        period: PeriodId | None,
        default_date: date,
        cuts: CutPoints,
        *,
        skip_unmatched: bool = False,
        use_suggestions: bool = False,
    ) -> ScorePlan:
        """What an import would record; nothing is written."""
        choices = ScoreChoices(period, default_date, cuts, skip_unmatched, use_suggestions)
        with self._store.unit_of_work() as session:
            return plan_scores(parsed, self._snapshot(session, parsed), choices)

    def apply(
        self,
        parsed: ParsedScores,
        period: PeriodId | None,
        default_date: date,
        cuts: CutPoints,
        *,
        skip_unmatched: bool = False,
        use_suggestions: bool = False,
    ) -> ScoreImportResult:
        """Back up, then record every matched score in one transaction and remember the cut
        points used. Raises ScoreImportNeedsDecisionError (writing nothing) while rows can't be
        read or matched and ``skip_unmatched`` is False."""
        choices = ScoreChoices(period, default_date, cuts, skip_unmatched, use_suggestions)
        return self.apply_choices(parsed, choices)

    def apply_choices(self, parsed: ParsedScores, choices: ScoreChoices) -> ScoreImportResult:
        """``apply`` with the choices the preview showed."""
        with self._store.unit_of_work() as session:
            plan = plan_scores(parsed, self._snapshot(session, parsed), choices)
        if not plan.can_apply:
            raise ScoreImportNeedsDecisionError(plan)
        if not plan.changes_anything:
            return ScoreImportResult(plan, None)
        backup = self._safety.before_import()
        with self._store.unit_of_work() as session:
            plan = plan_scores(parsed, self._snapshot(session, parsed), choices)  # fresh
            if not plan.can_apply:
                raise ScoreImportNeedsDecisionError(plan)
            skills = SkillRepository(session)
            # The same scores under new cut points update their rows: a day counts once.
            ids, updated = skills.record_imported((p.evidence for p in plan.matched), self._now())
            SettingsRepository(session).set_score_cut_points(choices.cuts)
        return ScoreImportResult(plan, backup, tuple(ids), updated)

    def _snapshot(self, session: Session, parsed: ParsedScores) -> ScoreSnapshot:
        """Students, skills and earlier imports, all read in this one session."""
        students = tuple(RosterEditor(session).students_with_periods())
        skills = SkillRepository(session)
        earlier = skills.evidence_of(may_name(parsed, students))
        return ScoreSnapshot(
            students=students,
            skills=tuple(skills.skills(include_hidden=True)),
            recorded=frozenset(
                (e.student_id, e.skill_id, e.observed_on, e.level)
                for e in earlier
                if e.source is EvidenceSource.IMPORT
            ),
            today=self._now().date(),
        )
