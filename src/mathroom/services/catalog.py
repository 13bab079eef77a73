"""Every service of one open classroom, as the composition root hands them to the window.

The window takes this and gives each page only the services it uses; nothing here reaches
the database except through the services themselves. Each service is built, and its
module imported, the first time something asks for it: the window's first paint needs a
handful of them, and a command-line verb one or two, while the packet's typesetting,
ReportLab and the importers cost seconds to import.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from mathroom.clock import Clock
from mathroom.paths import DataFolder

if TYPE_CHECKING:
    from mathroom.print_queue import PrintQueue
    from mathroom.services.attendance import AttendanceService
    from mathroom.services.classroom import ClassroomService
    from mathroom.services.content import ContentFiles
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
    from mathroom.services.safety import SafetyNet
    from mathroom.services.score_import import ScoreImportService
    from mathroom.services.skill_map import SkillMapService
    from mathroom.services.tasks import TaskService
    from mathroom.services.teacher_time import TeacherTimeService
    from mathroom.services.units import UnitService
    from mathroom.store.unit_of_work import Store


class Connection(Protocol):
    """The open database behind the services."""

    @property
    def store(self) -> Store:
        """The unit-of-work factory every service writes through."""

    def open(self) -> None:
        """Check, back up and migrate the file, then open it (once)."""

    def close(self) -> None:
        """Let go of the file (before a restore replaces it, and at exit)."""

    def reopen(self) -> None:
        """Check, migrate and open the file again; every service keeps working."""


class Services:
    """The open classroom's services on the app's one clock, each built on first use."""

    def __init__(
        self,
        folder: DataFolder,
        clock: Clock,
        connection: Connection,
        content: ContentFiles,
        print_queue: Callable[[], PrintQueue | None],
    ) -> None:
        self.folder = folder
        self.clock = clock
        self.connection = connection
        self._content = content
        self._print_queue = print_queue

    def close(self) -> None:
        self.connection.close()

    # Shared parts --------------------------------------------------------------------
    @property
    def _store(self) -> Store:
        return self.connection.store

    @property
    def _now(self) -> Callable[[], datetime]:
        return self.clock.now

    @cached_property
    def _safety(self) -> SafetyNet:
        from mathroom.services.safety import SafetyNet

        return SafetyNet(self.folder, self._now)

    # The services ----------------------------------------------------------------------
    @cached_property
    def classroom(self) -> ClassroomService:
        from mathroom.services.classroom import ClassroomService

        return ClassroomService(self._store)

    @cached_property
    def demo(self) -> DemoService:
        from mathroom.services.demo import DemoService

        return DemoService(self._store, self._content, self._now)

    @cached_property
    def department(self) -> DepartmentLibraryService:
        from mathroom.services.department import DepartmentLibraryService

        return DepartmentLibraryService(self._store, self._now)

    @cached_property
    def library(self) -> LibraryService:
        from mathroom.services.library import LibraryService

        return LibraryService(self._store, self._content, self._now)

    @cached_property
    def maintenance(self) -> MaintenanceService:
        from mathroom.services.maintenance import MaintenanceService

        return MaintenanceService(self.folder, self._now)

    @cached_property
    def printing(self) -> PrintService:
        from mathroom.services.printing import PrintService

        return PrintService(self._store, self.folder, self.evidence)

    @cached_property
    def projector(self) -> ProjectorService:
        from mathroom.services.projector import ProjectorService

        return ProjectorService(self._store)

    @cached_property
    def roster(self) -> RosterService:
        from mathroom.services.roster import RosterService

        return RosterService(self._store, self._safety, self._now)

    @cached_property
    def roster_import(self) -> RosterImportService:
        from mathroom.services.roster_import import RosterImportService

        return RosterImportService(self._store, self._safety, self._now)

    @cached_property
    def attendance(self) -> AttendanceService:
        from mathroom.services.attendance import AttendanceService

        return AttendanceService(self._store, self._now)

    @cached_property
    def evidence(self) -> EvidenceService:
        from mathroom.services.evidence import EvidenceService

        return EvidenceService(self._store, self._now)

    @cached_property
    def skill_map(self) -> SkillMapService:
        from mathroom.services.skill_map import SkillMapService

        return SkillMapService(self._store)

    @cached_property
    def score_import(self) -> ScoreImportService:
        from mathroom.services.score_import import ScoreImportService

        return ScoreImportService(self._store, self._safety, self._now)

    @cached_property
    def grouping_rules(self) -> GroupingRulesService:
        from mathroom.services.grouping_rules import GroupingRulesService

        return GroupingRulesService(self._store, self._now)

    @cached_property
    def grouping(self) -> GroupingService:
        from mathroom.services.grouping import GroupingService

        return GroupingService(self._store, self._now, self.clock.monotonic)

    @cached_property
    def plans(self) -> PlanService:
        from mathroom.services.plans import PlanService

        return PlanService(self._store, self._now, self.grouping)

    @cached_property
    def tasks(self) -> TaskService:
        from mathroom.services.tasks import TaskService

        return TaskService(self._store, self._safety, self._now)

    @cached_property
    def packet(self) -> PacketService:
        from mathroom.services.packet import PacketService

        return PacketService(self._store, self.folder)

    @cached_property
    def practice(self) -> PracticeService:
        from mathroom.services.practice import PracticeService

        return PracticeService(self._store, self._now)

    @cached_property
    def print_jobs(self) -> PrintJobService:
        from mathroom.services.print_jobs import PrintJobService

        return PrintJobService(self._store, self._print_queue())

    @cached_property
    def projects(self) -> ProjectService:
        from mathroom.services.projects import ProjectService

        return ProjectService(self._store, self._now)

    @cached_property
    def teacher_time(self) -> TeacherTimeService:
        from mathroom.services.teacher_time import TeacherTimeService

        return TeacherTimeService(self._store, self._now)

    @cached_property
    def units(self) -> UnitService:
        from mathroom.services.units import UnitService

        return UnitService(self._store, self._now)
