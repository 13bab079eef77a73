"""The sections of the day's packet, by the names `--sections` takes."""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    RUN_SHEET = "run_sheet"
    STATION_CARDS = "station_cards"
    GROUP_POSTERS = "group_posters"
    RESPONSE_SLIPS = "response_slips"
    PROJECT_BRIEF = "project_brief"
    RUBRICS = "rubrics"
    PROJECT_SLIPS = "project_slips"
    EXIT_TICKETS = "exit_tickets"
    PRACTICE = "practice"
    ANSWER_KEY = "answer_key"
    ROSTER = "roster"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def teacher_only(self) -> bool:
        return self in (Section.RUN_SHEET, Section.ANSWER_KEY, Section.ROSTER)


_LABELS = {
    Section.RUN_SHEET: "Teacher run sheet",
    Section.STATION_CARDS: "Station cards",
    Section.GROUP_POSTERS: "Group posters",
    Section.RESPONSE_SLIPS: "Gallery-walk response slips",
    Section.PROJECT_BRIEF: "Project brief",
    Section.RUBRICS: "Project rubrics",
    Section.PROJECT_SLIPS: "Project gallery slips",
    Section.EXIT_TICKETS: "Exit tickets",
    Section.PRACTICE: "Practice sheets",
    Section.ANSWER_KEY: "Answer key",
    Section.ROSTER: "Roster check sheet",
}
