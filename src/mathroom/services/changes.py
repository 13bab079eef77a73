"""What a write changed, so the window refreshes only what shows it (Anki's OpChanges idea)."""

from __future__ import annotations

from enum import Flag, auto


class Change(Flag):
    """The kinds of data a user action can change; combine with ``|``."""

    NONE = 0
    ROSTER = auto()  # periods, students, their order and details
    ATTENDANCE = auto()
    GROUPS = auto()  # saved group sets and grouping rules
    PLANS = auto()  # day plans, templates, practice focus
    EVIDENCE = auto()  # levels, scores, notes, practice marks
    TASKS = auto()  # the task bank
    SETTINGS = auto()  # the skill map, packet and practice settings
    EVERYTHING = ROSTER | ATTENDANCE | GROUPS | PLANS | EVIDENCE | TASKS | SETTINGS
