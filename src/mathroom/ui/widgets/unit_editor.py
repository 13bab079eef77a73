"""The chosen unit, editable: name, weeks, summary, its skills and its tasks in order.

Every change saves as it is made (through ``save``), the way the skill map and the plan do,
and Ctrl+Z takes it back. The name and the summary save when the teacher leaves the box (or
presses Enter in the name). A change the rules refuse is shown beside the form and its box
keeps what was typed, so nothing is lost while it is put right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.skills import Skill
from mathroom.domain.tasks import Task
from mathroom.domain.units import UNIT_NAME_MAX, UNIT_WEEKS_RANGE, Unit, UnitSpec
from mathroom.ui import theme
from mathroom.ui.dialogs.unit_picker import UnitPickerDialog, skill_picker, task_picker
from mathroom.ui.widgets.page import label
from mathroom.ui.widgets.unit_item_list import ListRow, UnitItemList

# Saves the spec as the unit's new content, named for the undo menu; returns the saved unit.
Save = Callable[[UnitSpec, str], Unit]


def _moved(items: tuple[object, ...], row: int, offset: int) -> tuple[object, ...]:
    order = list(items)
    order.insert(row + offset, order.pop(row))
    return tuple(order)


class UnitEditor(QWidget):
    def __init__(self, save: Save) -> None:
        super().__init__()
        self._save = save
        self._unit: Unit | None = None
        self._skills: dict[str, Skill] = {}
        self._tasks: dict[TaskId, Task] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(UNIT_NAME_MAX)
        self.name.setPlaceholderText("e.g. Operations with rational numbers")
        self.weeks = QSpinBox()
        self.weeks.setRange(*UNIT_WEEKS_RANGE)
        self.weeks.setKeyboardTracking(False)  # typed "12" saves once, not as 1 then 12
        self.weeks.setSuffix(" weeks")
        self.weeks.setToolTip("How many school weeks the unit is planned for")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("What students do and learn in this unit (optional)")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(58)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addSpacing(12)
        weeks = QLabel("&Weeks")
        weeks.setBuddy(self.weeks)
        top.addWidget(weeks)
        top.addWidget(self.weeks)
        for text, widget, row in (("Na&me", self.name, top), ("Summar&y", self.summary, None)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            if row is None:
                form.addRow(caption, widget)
            else:
                form.addRow(caption, row)
        layout.addLayout(form)
        self.error = label("", "banner")
        self.error.hide()
        layout.addWidget(self.error)
        self.saved_note = label("", "muted")  # says why an archived unit cannot change
        self.saved_note.hide()
        layout.addWidget(self.saved_note)
        lists = QHBoxLayout()
        self.skills = UnitItemList(
            "Skills", ("Code", "Skill"), "Add s&kill…", "No skills yet: add the unit's skills."
        )
        self.tasks = UnitItemList(
            "Tasks in order",
            ("Kind", "Task"),
            "Add &task…",
            "No tasks yet: Plan next school day takes the unit's tasks in this order.",
        )
        lists.addWidget(self.skills, 5)
        lists.addSpacing(12)
        lists.addWidget(self.tasks, 6)
        layout.addLayout(lists, 1)
        self.lists = lists  # side by side, or stacked on a narrow screen (UnitsPage)
        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "weeks": self.weeks,
            "summary": self.summary,
            "skills": self.skills.table,
            "tasks": self.tasks.table,
        }

        self.name.editingFinished.connect(self._on_name_finished)
        self.weeks.valueChanged.connect(self._on_weeks_changed)
        self.summary.installEventFilter(self)
        self.name.installEventFilter(self)
        self.skills.add_requested.connect(self.add_skills)
        self.tasks.add_requested.connect(self.add_tasks)
        self.skills.remove_requested.connect(self._on_skill_removed)
        self.tasks.remove_requested.connect(self._on_task_removed)
        self.skills.move_requested.connect(self._on_skill_moved)
        self.tasks.move_requested.connect(self._on_task_moved)
        self.show_unit(None, [], [])

    # -- what is shown ------------------------------------------------------------------
    @property
    def unit(self) -> Unit | None:
        return self._unit

    def focus_chain(self) -> list[QWidget]:
        """The editor's widgets in the order Tab visits them."""
        chain: list[QWidget] = [self.name, self.weeks, self.summary]
        for item_list in (self.skills, self.tasks):
            chain += [item_list.table, item_list.add_button, item_list.remove_button]
            chain += [item_list.up_button, item_list.down_button]
        return chain

    def show_unit(self, unit: Unit | None, skills: Sequence[Skill], tasks: Sequence[Task]) -> None:
        """Show ``unit`` (None: nothing chosen). The same unit again keeps what the teacher
        is still typing, or was refused, in the name and summary boxes."""
        same = unit is not None and self._unit is not None and unit.id == self._unit.id
        self._unit = unit
        self._skills = {s.code: s for s in skills}
        self._tasks = {t.id: t for t in tasks}
        editable = unit is not None and not unit.archived
        for widget in (self.name, self.weeks, self.summary):
            widget.setEnabled(editable)
        self.skills.set_editable(editable)
        self.tasks.set_editable(editable)
        spec = unit.spec if unit is not None else UnitSpec("", 3)
        if not (same and self.name.isModified()):
            self.name.setText(spec.name)
            self.name.setModified(False)
            self._clear_error("name")
        if not (same and self.summary.document().isModified()):
            self.summary.setPlainText(spec.summary)
            self.summary.document().setModified(False)
        self.weeks.blockSignals(True)
        self.weeks.setValue(spec.weeks)
        self.weeks.setSuffix(" week" if spec.weeks == 1 else " weeks")
        self.weeks.blockSignals(False)
        self._show_lists(spec)
        if not same:
            self.error.hide()
            for field in self._fields.values():
                field.setStyleSheet("")
        archived = unit is not None and unit.archived
        self.saved_note.setText("This unit is archived: restore it to change it.")
        self.saved_note.setVisible(archived)

    def _show_lists(self, spec: UnitSpec, skill_row: int | None = None) -> None:
        skill_rows = []
        for code in spec.skill_codes:
            skill = self._skills.get(code)
            name = skill.name if skill is not None else "(not in the skill map)"
            skill_rows.append(ListRow((code, name), skill.description if skill else ""))
        task_rows = []
        for task_id in spec.task_ids:
            task = self._tasks.get(task_id)
            if task is None:
                task_rows.append(
                    ListRow(("", f"(task {task_id} is not in the bank)", ""), "", True)
                )
                continue
            title = f"{task.title} (archived in the bank)" if task.archived else task.title
            skills = ", ".join(task.spec.skill_codes) or "no skill codes"
            tip = f"{task.title}\n{task.spec.kind.label} · {skills}"
            task_rows.append(ListRow((task.spec.kind.label, title), tip, task.archived))
        self.skills.set_rows(skill_rows, self.skills.current_row())
        self.tasks.set_rows(task_rows, self.tasks.current_row())

    # -- saving -------------------------------------------------------------------------
    def commit_pending(self) -> bool:
        """Save a name or summary still being typed (before the page shows another unit);
        False when the rules refuse it (the message is shown and the text kept)."""
        ok = True
        if self.name.isModified():
            ok = self._on_name_finished()
        if self.summary.document().isModified():
            ok = self._commit_summary() and ok
        return ok

    def _apply(self, spec: UnitSpec, text: str, field: str) -> bool:
        unit = self._unit
        if unit is None or unit.archived:
            return False
        try:
            saved = self._save(spec, text)
        except ValidationError as exc:
            self.show_error(exc.field, exc.problem)
            return False
        except MathroomError as exc:
            self.show_error(field, str(exc))
            return False
        self._unit = saved
        self._clear_error(field)
        return True

    def show_error(self, field: str, problem: str) -> None:
        """Say what is wrong beside the form and mark the box at fault (its text is kept)."""
        name = {"name": "Name", "weeks": "Weeks", "summary": "Summary"}.get(field, field.title())
        new = self.error.isHidden() or self.error.property("field") != field
        self.error.setText(
            f"{name}: {problem[:1].upper()}{problem[1:]}. Not saved yet: put it right, or "
            "press Esc in the box to go back."
        )
        self.error.setProperty("field", field)
        self.error.show()
        widget = self._fields.get(field)
        if widget is not None:
            widget.setStyleSheet(f"border: 2px solid {theme.colors().error_border};")
            if new:  # once: a teacher who clicks away again is not held in the box
                widget.setFocus()

    def _clear_error(self, field: str) -> None:
        widget = self._fields.get(field)
        if widget is not None:
            widget.setStyleSheet("")
        if self.error.property("field") == field:
            self.error.hide()
            self.error.setProperty("field", "")

    def _on_name_finished(self) -> bool:
        unit = self._unit
        if unit is None or not self.name.isModified():
            return True
        text = self.name.text().strip()
        if text == unit.name:
            self.name.setModified(False)
            self._clear_error("name")
            return True
        if self._apply(replace(unit.spec, name=text), f"Rename unit to “{text}”", "name"):
            self.name.setModified(False)
            return True
        return False

    def _on_weeks_changed(self, weeks: int) -> None:
        self.weeks.setSuffix(" week" if weeks == 1 else " weeks")
        unit = self._unit
        if unit is not None and weeks != unit.spec.weeks:
            self._apply(replace(unit.spec, weeks=weeks), f"“{unit.name}”: {weeks} weeks", "weeks")

    def _commit_summary(self) -> bool:
        unit = self._unit
        text = self.summary.toPlainText().strip()
        if unit is None or text == unit.spec.summary:
            self.summary.document().setModified(False)
            return True
        spec = replace(unit.spec, summary=text)
        if self._apply(spec, f"Summary of “{unit.name}”", "summary"):
            self.summary.document().setModified(False)
            return True
        return False

    def revert_text(self) -> None:
        """Esc in the name or summary: back to what is saved."""
        unit = self._unit
        if unit is None:
            return
        self.name.setText(unit.name)
        self.name.setModified(False)
        self.summary.setPlainText(unit.spec.summary)
        self.summary.document().setModified(False)
        for field in ("name", "summary"):
            self._clear_error(field)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary and event.type() == QEvent.Type.FocusOut:
            self._commit_summary()
        elif (
            watched in (self.name, self.summary)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.revert_text()
            return True
        return False

    # -- the lists ----------------------------------------------------------------------
    def _change_list(
        self, field: str, items: tuple[object, ...], text: str, row: int | None
    ) -> bool:
        unit = self._unit
        if unit is None:
            return False
        spec = (
            replace(unit.spec, skill_codes=tuple(str(i) for i in items))
            if field == "skills"
            else replace(unit.spec, task_ids=tuple(TaskId(int(str(i))) for i in items))
        )
        if not self._apply(spec, text, field):
            return False
        self._show_lists(self._unit.spec if self._unit else spec)
        widget = self.skills if field == "skills" else self.tasks
        if row is not None and widget.table.rowCount():
            widget.select(min(row, widget.table.rowCount() - 1))
        return True

    def add_skills(self) -> UnitPickerDialog | None:
        unit = self._unit
        if unit is None or unit.archived:
            return None
        dialog = skill_picker(list(self._skills.values()), unit.spec.skill_codes, self)
        dialog.accepted.connect(lambda: self._on_skills_chosen(dialog))
        dialog.open()
        return dialog

    def _on_skills_chosen(self, dialog: QDialog) -> None:
        unit = self._unit
        if unit is None or not isinstance(dialog, UnitPickerDialog):
            return
        codes = [str(c) for c in dialog.chosen() if c not in unit.spec.skill_codes]
        if codes:
            text = f"Add {', '.join(codes)} to “{unit.name}”"
            items = (*unit.spec.skill_codes, *codes)
            self._change_list("skills", items, text, len(items) - 1)

    def add_tasks(self) -> UnitPickerDialog | None:
        unit = self._unit
        if unit is None or unit.archived:
            return None
        tasks = list(self._tasks.values())
        dialog = task_picker(tasks, unit.spec.task_ids, unit.spec.skill_codes, self)
        dialog.accepted.connect(lambda: self._on_tasks_chosen(dialog))
        dialog.open()
        return dialog

    def _on_tasks_chosen(self, dialog: QDialog) -> None:
        unit = self._unit
        if unit is None or not isinstance(dialog, UnitPickerDialog):
            return
        chosen = [t for t in dialog.chosen() if t not in unit.spec.task_ids]
        if chosen:
            count = f"{len(chosen)} tasks" if len(chosen) > 1 else "a task"
            items = (*unit.spec.task_ids, *chosen)
            self._change_list("tasks", items, f"Add {count} to “{unit.name}”", len(items) - 1)

    def _on_skill_removed(self, row: int) -> None:
        unit = self._unit
        if unit is not None:
            codes = unit.spec.skill_codes
            text = f"Remove {codes[row]} from “{unit.name}”"
            self._change_list("skills", codes[:row] + codes[row + 1 :], text, row)

    def _on_task_removed(self, row: int) -> None:
        unit = self._unit
        if unit is not None:
            ids = unit.spec.task_ids
            task = self._tasks.get(ids[row])
            title = f"“{task.title}”" if task is not None else "a task"
            text = f"Remove {title} from “{unit.name}”"
            self._change_list("tasks", ids[:row] + ids[row + 1 :], text, row)

    def _on_skill_moved(self, row: int, offset: int) -> None:
        unit = self._unit
        if unit is not None:
            items = _moved(unit.spec.skill_codes, row, offset)
            self._change_list("skills", items, f"Move a skill in “{unit.name}”", row + offset)

    def _on_task_moved(self, row: int, offset: int) -> None:
        unit = self._unit
        if unit is not None:
            items = _moved(unit.spec.task_ids, row, offset)
            self._change_list("tasks", items, f"Move a task in “{unit.name}”", row + offset)
