"""Build the services for one data folder: the core half of the composition root.

app.py adds the Qt half (window, dialogs); cli.py uses these services directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathroom.clock import Clock
from mathroom.paths import DataFolder
from mathroom.services.attendance import AttendanceService
from mathroom.services.classroom import ClassroomService
from mathroom.services.content import ContentFiles
from mathroom.services.demo import DemoService
from mathroom.services.evidence import EvidenceService
from mathroom.services.grouping import GroupingService
from mathroom.services.grouping_rules import GroupingRulesService
from mathroom.services.library import LibraryService
from mathroom.services.maintenance import MaintenanceService
from mathroom.services.packet import PacketService
from mathroom.services.plans import PlanService
from mathroom.services.practice import PracticeService
from mathroom.services.printing import PrintService
from mathroom.services.projector import ProjectorService
from mathroom.services.roster import RosterService
from mathroom.services.roster_import import RosterImportService
from mathroom.services.safety import SafetyNet
from mathroom.services.score_import import ScoreImportService
from mathroom.services.skill_map import SkillMapService
from mathroom.services.tasks import TaskService
from mathroom.store.migrate import MigrationOutcome
from mathroom.store.opening import DatabaseDamagedError, open_database
from mathroom.store.unit_of_work import Store

__all__ = ["DatabaseDamagedError", "Services", "open_services"]


@dataclass(frozen=True, slots=True)
class Services:
    folder: DataFolder
    clock: Clock
    store: Store
    migration: MigrationOutcome
    classroom: ClassroomService
    demo: DemoService
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

    def close(self) -> None:
        self.store.close()


def open_services(
    folder: DataFolder, clock: Clock, content: ContentFiles | None = None
) -> Services:
    """Open (check, back up, migrate) the folder's database and build every service, all on
    the one ``clock``."""
    local_now = clock.now
    opened = open_database(folder, local_now())
    content = content or ContentFiles.bundled()
    store = opened.store
    classroom = ClassroomService(store)
    safety = SafetyNet(folder, local_now)
    attendance = AttendanceService(store, local_now)
    evidence = EvidenceService(store, local_now)
    grouping = GroupingService(store, local_now)
    practice = PracticeService(store, local_now)
    return Services(
        folder=folder,
        clock=clock,
        store=store,
        migration=opened.migration,
        classroom=classroom,
        demo=DemoService(store, content, local_now),
        library=LibraryService(store, content, local_now),
        maintenance=MaintenanceService(folder, local_now),
        printing=PrintService(classroom, folder, evidence),
        projector=ProjectorService(classroom, attendance),
        roster=RosterService(store, safety, local_now),
        roster_import=RosterImportService(store, safety, local_now),
        attendance=attendance,
        evidence=evidence,
        skill_map=SkillMapService(store),
        score_import=ScoreImportService(store, safety, local_now),
        grouping_rules=GroupingRulesService(store, local_now),
        grouping=grouping,
        plans=PlanService(store, local_now, grouping),
        tasks=TaskService(store, safety, local_now),
        packet=PacketService(
            store, classroom, attendance, evidence, folder, practice.printed_sheets
        ),
        practice=practice,
    )
