"""Attendance for a period on a day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from mathroom.domain.ids import StudentId


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    LATE = "late"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def present(
    students: Iterable[StudentId], statuses: Mapping[StudentId, AttendanceStatus]
) -> list[StudentId]:
    """Who is in the room: everyone not marked absent (late students count as present)."""
    return [
        s
        for s in students
        if statuses.get(s, AttendanceStatus.PRESENT) is not AttendanceStatus.ABSENT
    ]
