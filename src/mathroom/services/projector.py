"""What the projector may show: slides built only from display names and task content.

A ProjectorSlide has no field for levels, evidence, notes, constraints or student numbers,
so nothing private can travel to the projector window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind, PlanBlock
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService


@dataclass(frozen=True, slots=True)
class ProjectorSlide:
    heading: str
    subheading: str
    agenda: tuple[str, ...]
    stations: tuple[tuple[int, tuple[str, ...]], ...]  # whiteboard number, display names


class ProjectorService:
    def __init__(self, classroom: ClassroomService, attendance: AttendanceService) -> None:
        self._classroom = classroom
        self._attendance = attendance

    def welcome_slide(self, period: PeriodId, on: date) -> ProjectorSlide:
        """Today's agenda and, when the plan has stations, who goes to which whiteboard."""
        periods = {p.id: p for p in self._classroom.overview().periods}
        info = periods[period]
        plans = self._classroom.plans(period, on, on)
        agenda: tuple[str, ...] = ()
        stations: tuple[tuple[int, tuple[str, ...]], ...] = ()
        if plans:
            plan = plans[0]
            agenda = tuple(f"{b.kind.label} · {b.minutes} min" for b in plan.blocks)
            station_block = next((b for b in plan.blocks if b.kind is BlockKind.STATIONS), None)
            if station_block and station_block.group_set_id is not None:
                stations = self._stations(period, on, station_block)
        subheading = f"{on:%A, %B} {on.day}"
        return ProjectorSlide(f"Welcome, {info.name}!", subheading, agenda, stations)

    def _stations(
        self, period: PeriodId, on: date, block: PlanBlock
    ) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Whiteboard number → display names of the present members (absent ones left out)."""
        sets = {v.group_set.id: v.group_set for v in self._classroom.group_sets(period)}
        group_set = sets.get(block.group_set_id) if block.group_set_id is not None else None
        if group_set is None:
            return ()
        names = {e.student.id: e.display_name for e in self._classroom.roster(period)}
        absent = self._attendance.absent(period, on)
        by_number = {g.number: g for g in group_set.groups}

        def shown(group_number: int | None) -> tuple[str, ...]:
            group = by_number.get(group_number or -1)
            if group is None:
                return ()
            labels = []
            for member in group.members:
                if member in names and member not in absent:
                    role = group.role_of(member)
                    labels.append(names[member] + (f" ({role})" if role else ""))
            return tuple(sorted(labels))

        return tuple((station.number, shown(station.group_number)) for station in block.stations)
