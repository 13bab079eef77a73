"""The main window's pages by name, in sidebar order: what the sidebar, the menus and the
page headings show, without importing the pages: each is imported when first shown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageEntry:
    title: str
    purpose: str  # one line under the title, and the sidebar's tooltip

    @property
    def icon(self) -> str:
        return f"{self.title.lower()}-light"


TODAY = PageEntry(
    "Today",
    (
        "Select students (or a whiteboard group), then press 1–4 to record evidence, or "
        "A / L / P for absent, late, present. Absent students are left off the projector."
    ),
)

ROSTERS = PageEntry(
    "Rosters",
    (
        "Periods and their students. Enter edits the selected student, Delete archives "
        "(nothing is lost, and Ctrl+Z undoes it)."
    ),
)

SKILLS = PageEntry(
    "Skills",
    (
        "Where each student stands on each skill, from the latest evidence, and who to pull "
        "today. Teacher eyes only: levels never appear on the projector or student sheets."
    ),
)

GROUPS = PageEntry(
    "Groups",
    (
        "Visibly random groups for whiteboard work. Each day's groups are kept, so you can see "
        "who has worked with whom."
    ),
)

TASKS = PageEntry(
    "Tasks",
    (
        "Low-floor, high-ceiling tasks for whiteboards, warm-ups, projects, math art and exit "
        "tickets. Search by words or skill codes, edit with a math toolbar, print cards."
    ),
)

UNITS = PageEntry(
    "Units",
    (
        "A few weeks of skills and tasks in order: Plan next school day takes each period's "
        "next tasks from its unit. Edits save at once; Ctrl+Z undoes."
    ),
)

PLAN = PageEntry(
    "Plan",
    (
        "The week for every period at a glance; below, the chosen day's timeline. Pick a "
        "template, set tasks and whiteboards, make fresh groups, then print on the Print page."
    ),
)

PRACTICE = PageEntry(
    "Practice",
    (
        "A short personal sheet for each student here today: at least half on their weakest "
        "skills, the day's focus and some review in the rest, one stretch problem. Groupmates "
        "never share a problem. Check a sheet, change its focus if you like, and enter marks "
        "from sheets handed back."
    ),
)

PRINT = PageEntry(
    "Print",
    (
        "One PDF with all the paper a day needs: run sheets, station cards, group posters, "
        "exit tickets, practice sheets with an answer key, and the roster check sheet."
    ),
)
LIBRARY = PageEntry(
    "Library",
    (
        "Share tasks, units and plan templates with your department's library, and bring "
        "theirs here. Students, evidence, groups and notes never leave this laptop."
    ),
)

SIDEBAR = (TODAY, ROSTERS, SKILLS, GROUPS, TASKS, UNITS, PLAN, PRACTICE, PRINT, LIBRARY)
