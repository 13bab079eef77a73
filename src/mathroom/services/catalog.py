"""Every service of one open classroom, as the composition root hands them to the window.

The window takes this and gives each page only the services it uses; nothing here reaches
the database except through the services themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mathroom.clock import Clock
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.demo import DemoService
from mathroom.services.department import DepartmentLibraryService
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import GroupingService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.services.library import LibraryService
from mathroom.services.maintenance import MaintenanceService
from mathroom.services.packet import PacketService
from mathroom.services.plans import PlanService
from mathroom.services.practice import PracticeService
from mathroom.services.print_jobs import PrintJobService
from mathroom.services.printing import PrintService
from mathroom.services.projector import ProjectorService
from mathroom.services.projects import ProjectService
from mathroom.services.roster import RosterService
from mathroom.services.roster_import import RosterImportService
from mathroom.services.score_import import ScoreImportService
from mathroom.services.skill_map import SkillMapService
from mathroom.services.tasks import TaskService
from mathroom.services.teacher_time import TeacherTimeService
from mathroom.services.units import UnitService


class Connection(Protocol):
    """The open database behind the services."""

    def close(self) -> None:
        """Let go of the file (before a restore replaces it, and at exit)."""

    def reopen(self) -> None:
        """Check, migrate and open the file again; every service keeps working."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Services:
    folder: DataFolder
    clock: Clock
    connection: Connection
    classroom: ClassroomService
    demo: DemoService
    department: DepartmentLibraryService
    library: LibraryService
    maintenance: MaintenanceService
    printing: PrintService
    projector: ProjectorService
    roster: RosterService
    roster_import: RosterImportService
    attendance: AttendanceService
    evidence: EvidenceService
    skill_map: SkillMapService
    score_import: ScoreImportService
    grouping_rules: GroupingRulesService
    grouping: GroupingService
    plans: PlanService
    tasks: TaskService
    packet: PacketService
    practice: PracticeService
    print_jobs: PrintJobService
    projects: ProjectService
    teacher_time: TeacherTimeService
    units: UnitService

    def close(self) -> None:
        self.connection.close()
