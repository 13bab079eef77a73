"""The composition root's core half: open one data folder's database and build every
service on the app's one clock.

app.py adds the Qt half (the window); the command-line verbs use these services directly.
"""

from __future__ import annotations

import logging

from mathroom.clock import Clock
from mathroom.domain.errors import ContentError
from mathroom.paths import DataFolder
from mathroom.print_queue import system_queue
from mathroom.services.attendance import AttendanceService
from mathroom.services.catalog import Services
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
from mathroom.store.opening import DatabaseDamagedError, RecoveryNeededError, open_database
from mathroom.store.unit_of_work import Store

__all__ = ["DatabaseDamagedError", "RecoveryNeededError", "Services", "open_services"]

log = logging.getLogger(__name__)


class _Database:
    """The open file behind the services; a restore closes it and reopens it in place."""

    def __init__(self, folder: DataFolder, clock: Clock) -> None:
        self._folder = folder
        self._clock = clock
        self.store: Store = open_database(folder, clock.now()).store

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        self.store.reconnect(open_database(self._folder, self._clock.now()).store.engine)


def open_services(
    folder: DataFolder, clock: Clock, content: ContentFiles | None = None
) -> Services:
    """Open (check, back up, migrate) the folder's database and build every service, all on
    the one ``clock``."""
    local_now = clock.now
    database = _Database(folder, clock)
    content = content or ContentFiles.bundled()
    store = database.store
    safety = SafetyNet(folder, local_now)
    evidence = EvidenceService(store, local_now)
    grouping = GroupingService(store, local_now, clock.monotonic)
    library = LibraryService(store, content, local_now)
    _seed_units(library)
    return Services(
        folder=folder,
        clock=clock,
        connection=database,
        classroom=ClassroomService(store),
        demo=DemoService(store, content, local_now),
        department=DepartmentLibraryService(store, local_now),
        library=library,
        maintenance=MaintenanceService(folder, local_now),
        printing=PrintService(store, folder, evidence),
        projector=ProjectorService(store),
        roster=RosterService(store, safety, local_now),
        roster_import=RosterImportService(store, safety, local_now),
        attendance=AttendanceService(store, local_now),
        evidence=evidence,
        skill_map=SkillMapService(store),
        score_import=ScoreImportService(store, safety, local_now),
        grouping_rules=GroupingRulesService(store, local_now),
        grouping=grouping,
        plans=PlanService(store, local_now, grouping),
        tasks=TaskService(store, safety, local_now),
        packet=PacketService(store, folder),
        practice=PracticeService(store, local_now),
        print_jobs=PrintJobService(store, system_queue()),
        projects=ProjectService(store, local_now),
        teacher_time=TeacherTimeService(store, local_now),
        units=UnitService(store, local_now),
    )


def _seed_units(library: LibraryService) -> None:
    """A data folder from before units (migrated to 0006 with no unit) gets the starter
    units at open. A starter file that cannot be read is logged, never in the way of
    opening the teacher's data."""
    try:
        added = library.seed_units_if_missing()
    except ContentError as exc:
        log.warning("starter units not added: %s", exc)
        return
    if added:
        log.info("added %d starter units", added)
