"""The question asked when groups and the plan's whiteboards differ in number: a board is
never added or left out without the teacher saying so."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


class BoardAnswer(Enum):
    MATCH_GROUPS = "match"  # add whiteboards, or leave the last ones out
    REMAKE = "remake"  # keep the planned boards: make that many groups instead
    CANCEL = "cancel"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _listed(numbers: list[int]) -> str:
    """ "7", "7 and 8", "7, 8 and 9", and a long run as "7 to 13"."""
    words = [str(n) for n in numbers]
    if len(words) > 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{words[0]} to {words[-1]}"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def board_question(boards: int, groups: int) -> tuple[str, str, str]:
    """The question, the button that follows the groups, the one that keeps the boards."""
    question = f"The plan has {_count(boards, 'whiteboard')}; you made {_count(groups, 'group')}."
    keep = f"Keep {_count(boards, 'board')} and make {_count(boards, 'group')}"
    if groups > boards:
        added = list(range(boards + 1, groups + 1))
        # A new board n repeats the task of board n - boards (what the plan's save does).
        repeats = sorted({(n - 1) % boards + 1 for n in added})
        same = (
            f"same task as board {repeats[0]}"
            if len(repeats) == 1
            else f"same tasks as boards {_listed(repeats)}"
        )
        if len(added) == 1:
            match = f"Add a {ordinal(added[0])} whiteboard ({same})"
        else:
            match = f"Add whiteboards {_listed(added)} ({same})"
    else:
        dropped = list(range(groups + 1, boards + 1))
        left_out = (
            f"board {dropped[0]} and its task"
            if len(dropped) == 1
            else f"boards {_listed(dropped)} and their tasks"
        )
        match = f"Use {_count(groups, 'whiteboard')} ({left_out} left out)"
    return question, match, keep


def ask_board_count(parent: QWidget, boards: int, groups: int) -> BoardAnswer:
    """Ask what to do; keeping the planned boards is the default answer."""
    question, match_text, keep_text = board_question(boards, groups)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Groups and whiteboards")
    box.setText(question)
    box.setInformativeText("Nothing is saved until you choose.")
    match = box.addButton(match_text, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(keep_text, QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is match:
        return BoardAnswer.MATCH_GROUPS
    if clicked is keep:
        return BoardAnswer.REMAKE
    return BoardAnswer.CANCEL
