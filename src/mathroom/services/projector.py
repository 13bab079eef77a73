"""What the projector may show: slides built only from display names and task content.

A ProjectorSlide has no field for levels, evidence, notes, constraints or student numbers,
so nothing private can travel to the projector window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mathroom.domain.ids import PeriodId
from mathroom.domain.plan import BlockKind
from mathroom.services.classroom import ClassroomService


@dataclass(frozen=True, slots=True)
class ProjectorSlide:
    heading: str
    subheading: str
    agenda: tuple[str, ...]
    stations: tuple[tuple[int, tuple[str, ...]], ...]  # whiteboard number, display names


class ProjectorService:
    def __init__(self, classroom: ClassroomService) -> None:
        self._classroom = classroom

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
                sets = {v.group_set.id: v for v in self._classroom.group_sets(period)}
                view = sets.get(station_block.group_set_id)
                if view is not None:
                    by_group = dict(view.names)
                    stations = tuple(
                        (s.number, by_group.get(s.group_number or -1, ()))
                        for s in station_block.stations
                    )
        subheading = f"{on:%A, %B} {on.day}"
        return ProjectorSlide(f"Welcome, {info.name}!", subheading, agenda, stations)
