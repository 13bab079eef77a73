"""Typed ids so a student id can never be passed where a period id is expected."""

from typing import NewType

SchoolYearId = NewType("SchoolYearId", int)
PeriodId = NewType("PeriodId", int)
StudentId = NewType("StudentId", int)
SkillId = NewType("SkillId", int)
TaskId = NewType("TaskId", int)
GroupSetId = NewType("GroupSetId", int)
DayPlanId = NewType("DayPlanId", int)
UnitId = NewType("UnitId", int)
