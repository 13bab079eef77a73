"""What the day's packet prints, as plain data the services fill in.

The split keeps privacy checkable: student-facing parts (cards, posters, exit tickets,
practice sheets) hold display names and task content only; levels and skill codes live in
the teacher-only parts (run sheet, answer key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from mathroom.domain.packet_sections import Section as Section  # re-exported
from mathroom.domain.paper import PageRun, merge_runs, sheets_of_paper
from mathroom.export.layout import PaperSize
from mathroom.export.task_cards import Card, CardLayout


@dataclass(frozen=True, slots=True)
class RunBlock:
    starts: time
    ends: time
    heading: str
    minutes: int
    details: tuple[str, ...] = ()  # task titles, rotation times, who is pulled (teacher-only)
    inside: bool = False  # runs during the block above it


@dataclass(frozen=True, slots=True)
class Poster:
    """A group's station: big number, members' display names (roles beside them)."""

    station: int
    label: str  # "Station 3" or a neutral group name
    names: tuple[str, ...]
    task_title: str = ""


@dataclass(frozen=True, slots=True)
class ResponseSlip:
    """One group's gallery walk: the boards it visits, in order, with room to respond."""

    group_label: str  # "Board 3 group"
    names: tuple[str, ...]
    visits: tuple[int, ...]  # board numbers, in visiting order (never its own)
    minutes_each: int = 0


@dataclass(frozen=True, slots=True)
class ProjectDayLine:
    number: int  # 1 = the launch
    name: str  # "Work day: draw the floor plan"
    on: date | None  # None: that day is not planned (yet)


@dataclass(frozen=True, slots=True)
class ProjectBrief:
    """A student's copy of a project's brief, handed out on the launch day."""

    name: str  # display name
    kind: str  # "Project" or "Math art"
    title: str
    prompt: str  # Markdown with $...$ math
    materials: str
    days: tuple[ProjectDayLine, ...]
    extensions: tuple[str, ...]  # "To go deeper"


@dataclass(frozen=True, slots=True)
class Rubric:
    """A student's rubric: criteria rows, four columns to tick (no level is filled in)."""

    name: str  # display name
    title: str
    criteria: tuple[str, ...]  # Markdown with $...$ math


@dataclass(frozen=True, slots=True)
class CritiqueSlip:
    """One student's gallery-walk slip for the project's critique day."""

    name: str  # display name of the student writing
    title: str


@dataclass(frozen=True, slots=True)
class ExitTicket:
    name: str  # display name
    title: str
    prompt: str  # Markdown with $...$ math


@dataclass(frozen=True, slots=True)
class PracticeProblem:
    prompt: str
    answer: str  # Markdown with math, for the key and the answer bank
    step: str = ""  # one worked step, for the key
    tag: str = ""  # teacher-only: skill code, shown in the key


@dataclass(frozen=True, slots=True)
class PracticeSheet:
    name: str  # display name
    problems: tuple[PracticeProblem, ...]
    answer_bank: tuple[str, ...]  # the answers, shuffled


@dataclass(frozen=True, slots=True)
class PeriodPacket:
    period_name: str
    course: str
    on: date
    run_blocks: tuple[RunBlock, ...] = ()
    minutes_note: str = ""  # e.g. "The plan is 5 minutes longer than the period."
    absent: tuple[str, ...] = ()
    pulls: tuple[str, ...] = ()  # teacher-only lines: "Pull: … — names (levels)"
    cards: tuple[Card, ...] = ()
    posters: tuple[Poster, ...] = ()
    slips: tuple[ResponseSlip, ...] = ()
    briefs: tuple[ProjectBrief, ...] = ()  # launch day: one per student
    rubrics: tuple[Rubric, ...] = ()  # launch day: one per student
    project_slips: tuple[CritiqueSlip, ...] = ()  # critique day: one per student
    exit_tickets: tuple[ExitTicket, ...] = ()
    practice: tuple[PracticeSheet, ...] = ()
    roster_names: tuple[str, ...] = ()  # "Family, Given (Preferred)"
    notes: str = ""
    # Teacher-only: who has waited N school days or more for a pull or a 1-1 conference,
    # longest first ("Amara Okafor — 7 school days"); N is 0 when it was not counted.
    unseen: tuple[str, ...] = ()
    fair_every: int = 0


@dataclass(frozen=True, slots=True)
class PacketOptions:
    sections: frozenset[Section] = frozenset(Section)
    card_layout: CardLayout = CardLayout.HALF
    paper: PaperSize = PaperSize.LETTER
    copies: int = 1  # copies of each station card (one per board, or one per student)
    hint_strips: bool = True
    # Less paper, nothing dropped: practice two to a page, tickets six, slips three, group
    # names on the station cards instead of posters, denser strips and key.
    paper_saver: bool = False


@dataclass(frozen=True, slots=True)
class SectionPages:
    """Where one section of one period landed in the PDF (1-based pages, inclusive)."""

    period: str  # "" for the cover
    section: Section | None  # None: the cover
    first: int
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    @property
    def two_sided(self) -> bool:
        """Teacher pages may share a sheet's two sides; cut and posted pages may not."""
        return self.section is None or self.section.teacher_only


@dataclass(frozen=True, slots=True)
class PacketLayout:
    """The built packet's pages, section by section, in page order."""

    pages: int
    sections: tuple[SectionPages, ...]

    @property
    def runs(self) -> tuple[PageRun, ...]:
        return merge_runs([PageRun(s.first, s.last, s.two_sided) for s in self.sections])

    def sheets(self, two_sided: bool) -> int:
        return sheets_of_paper(self.runs, two_sided)


@dataclass(frozen=True, slots=True)
class Packet:
    on: date
    periods: tuple[PeriodPacket, ...]
    options: PacketOptions = field(default_factory=PacketOptions)
