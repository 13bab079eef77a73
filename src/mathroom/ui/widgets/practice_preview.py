"""A practice sheet put into words: the preview HTML (the student's page as printed, then
the teacher-only key), the student list's rows, the marks rows and the printing note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from mathroom.domain.plan import DayPlan, PlanBlock
from mathroom.domain.practice.registry import generator_for
from mathroom.domain.practice.sheet import PracticeSheet, Role
from mathroom.services.practice import StudentPractice
from mathroom.ui import theme
from mathroom.ui.rich_text import RichHtml

TEACHER_HEADING = "Teacher only — answers, steps, and why each problem is on the sheet"
BANK_NOTE = "Answer bank — check yourself. The answers are mixed up; each is used once."
BANK_COLUMNS = 4  # as the printed sheet lays the bank out
LIST_CODES = 3  # skill codes a list row names before "+N more"
ROLE_WORDS = {
    Role.FOCUS: "focus: a gap",
    Role.TODAY: "today's focus",
    Role.REVIEW: "review",
    Role.STRETCH: "stretch: a harder one",
}


def number_ranges(numbers: Sequence[int]) -> str:
    """Problem numbers as a teacher reads them: 2, 3, 4, 6 → "2–4, 6"."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def why_line(reason: str, code: str) -> str:
    """``Not yet on 7.NS.A.1b · Add integers``; a reason without its code gets it added."""
    title = skill_title(code)
    return f"{reason} · {title}" if code in reason else f"{reason} · {code} {title}"


def skill_title(code: str) -> str:
    return generator_for(code).title


def long_day(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def skills_in(sheet: PracticeSheet, role: Role) -> tuple[str, ...]:
    """The skill codes of a sheet's problems in one role, in sheet order."""
    return tuple(dict.fromkeys(i.problem.skill_code for i in sheet.items if i.role is role))


def row_text(practice: StudentPractice) -> str:
    """A list row such as "Nasrin A. — 7.NS.A.1-rat, 5.NF.A.1-unlike", marked when the focus
    was set by hand. A student with no gaps gets a review sheet, and the row says so."""
    # The day's focus follows the student's own gaps, as on the sheet.
    focus = tuple(
        dict.fromkeys(skills_in(practice.sheet, Role.FOCUS) + skills_in(practice.sheet, Role.TODAY))
    )
    codes = focus or skills_in(practice.sheet, Role.REVIEW)
    shown = ", ".join(codes[:LIST_CODES])
    if len(codes) > LIST_CODES:
        shown += f" +{len(codes) - LIST_CODES} more"
    name = practice.name + (" ✎ by hand" if practice.hand_focus else "")
    return f"{name} — {shown if focus else 'review: ' + shown}"


def mark_rows(sheet: PracticeSheet) -> list[tuple[str, str]]:
    """One ``(code, "Problems 2–6, 8: skill name")`` per skill, focus skills first: they
    are what the sheet is for."""
    numbers: dict[str, list[int]] = {}
    for role in Role:
        for item in sheet.items:
            if item.role is role:
                numbers.setdefault(item.problem.skill_code, []).append(item.number)
    return [
        (code, f"Problem{'s' if len(nums) > 1 else ''} {number_ranges(nums)}: {skill_title(code)}")
        for code, nums in numbers.items()
    ]


def print_message(period: str, day: date, plan: DayPlan | None, block: PlanBlock | None) -> str:
    """Whether the day's packet will carry these sheets (only a Practice block prints them)."""
    when = long_day(day)
    if plan is None:
        return (
            f"Nothing is planned for {period} on {when}, so these sheets won't print yet. "
            "Plan the day (with a Practice block) on the Plan page."
        )
    if block is None:
        return (
            f"{period}'s plan for {when} has no Practice block, so these sheets won't "
            "print. Add one on the Plan page."
        )
    return (
        f"These sheets print with {when}'s packet on the Print page (Practice sheets, "
        "and a teacher-only answer key)."
    )


def student_sheet(html: RichHtml, name: str, subtitle: str, sheet: PracticeSheet) -> RichHtml:
    """What the student gets: their name, the numbered problems, the scrambled answer bank."""
    html.raw(
        f"<h2>{escape(name)}</h2><p style='color:{theme.colors().muted}'>{escape(subtitle)}</p>"
    )
    for item in sheet.items:
        html.text(f"**{item.number}.** {item.problem.prompt}")
    html.raw(f"<p><b>{escape(BANK_NOTE)}</b></p>")
    html.raw("<table border='1' cellspacing='0' cellpadding='6' width='100%'>")
    bank = sheet.answer_bank
    for start in range(0, len(bank), BANK_COLUMNS):
        html.raw("<tr>")
        for answer in bank[start : start + BANK_COLUMNS]:
            html.raw(f"<td width='{100 // BANK_COLUMNS}%'>").text(answer).raw("</td>")
        html.raw("</tr>")
    return html.raw("</table>")


def teacher_key(html: RichHtml, sheet: PracticeSheet) -> RichHtml:
    """Below a clear teacher-only heading: each answer, its step, and why it is on the sheet
    ("Not yet on 7.NS.A.1b", "Today's focus") with its skill."""
    html.raw("<hr>")
    html.raw(f"<h3 style='color:{theme.colors().error}'>{escape(TEACHER_HEADING)}</h3>")
    html.raw(
        f"<p style='color:{theme.colors().muted}'>Not on the student's page: it prints in the "
        "packet's answer key.</p>"
    )
    # One ruled row per problem, so each "why" line sits with its own answer.
    html.raw(
        "<table width='100%' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>"
    )
    for item in sheet.items:
        problem = item.problem
        step = f" — {problem.step}" if problem.step else ""
        why = why_line(item.reason or ROLE_WORDS[item.role], problem.skill_code)
        html.raw(f"<tr><td style='border-bottom: 1px solid {theme.colors().line}'>")
        html.text(f"**{item.number}.** {problem.answer_text}{step}")
        html.raw(f"<p style='color:{theme.colors().muted}'>{escape(why)}</p></td></tr>")
    html.raw("</table>")
    return html
