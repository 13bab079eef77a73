"""The two halves of "Plan a pull or conferences…": the suggestions to tick, and the
students and skill to choose by hand (each student with how long they have waited)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import StudentId
from mathroom.domain.plan import BlockKind
from mathroom.domain.skills import Skill
from mathroom.domain.teacher_time import CONFERENCE_MINUTES_EACH, TimeSuggestion
from mathroom.services.plan_needs import PULL_MINUTES
from mathroom.services.teacher_time import Choices, DaySuggestions, SeenStudent
from mathroom.ui.widgets.page import label

StudentRole = Qt.ItemDataRole.UserRole + 1


def wait_words(seen: SeenStudent) -> str:
    """How long a student has waited, for a list line."""
    if seen.last_seen is None:
        return seen.wait_text
    if seen.days_since == 0:
        return "seen that day"
    return f"{seen.wait_text} since {seen.last_seen:%a %b} {seen.last_seen.day}"


def skill_order(
    skills: Sequence[Skill], gaps: dict[StudentId, frozenset[str]], ticked: Sequence[StudentId]
) -> list[tuple[Skill, int]]:
    """Every skill with how many ticked students are not yet secure on it: the gaps all the
    ticked students share first, then the most shared, then the skill map's order."""
    counted = [(s, sum(1 for t in ticked if s.code in gaps.get(t, ()))) for s in skills]
    order = {s.code: n for n, s in enumerate(skills)}
    return sorted(counted, key=lambda pair: (-pair[1], order[pair[0].code]))


class SuggestionList(QWidget):
    """Suggested pulls and conferences, each with a tick box (all ticked to begin with)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = label("", "muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        self._items: list[TimeSuggestion] = []

    def show_suggestions(self, made: DaySuggestions | None, problem: str = "") -> None:
        self.list.clear()
        self._items = list(made.suggestions) if made is not None else []
        if made is None:
            self.note.setText(problem)
            return
        self.note.setText(
            "A pull by need first, then turns so that every student is seen at least once "
            f"every {made.every} school days. Untick what you do not want."
        )
        for suggestion in self._items:
            what = "Pull" if suggestion.kind is BlockKind.SMALL_GROUP else "1-1 conferences"
            skill = (
                f" · {suggestion.skill.code} {suggestion.skill.name}" if suggestion.skill else ""
            )
            who = ", ".join(
                f"{made.names.get(s, '?')} ({made.waiting.get(s, 0)})" for s in suggestion.students
            )
            item = QListWidgetItem(f"{what}{skill}: {who}\n{suggestion.reason}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        if not self._items:
            self.note.setText("Nothing to suggest: everyone has teacher time on time.")

    def ticked(self) -> list[TimeSuggestion]:
        return [
            suggestion
            for row, suggestion in enumerate(self._items)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]


class StudentPicker(QWidget):
    """Pull or conferences; the students (longest waiting first) and a skill; the minutes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        kinds = QHBoxLayout()
        self.pull_radio = QRadioButton("Small-group pull")
        self.conference_radio = QRadioButton("1-1 conferences")
        self.pull_radio.setChecked(True)
        group = QButtonGroup(self)
        for radio in (self.pull_radio, self.conference_radio):
            group.addButton(radio)
            kinds.addWidget(radio)
        kinds.addStretch(1)
        layout.addLayout(kinds)
        self.students = QListWidget()
        layout.addWidget(self.students, 1)
        form = QFormLayout()
        self.skill = QComboBox()
        self.skill.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.skill.setMinimumContentsLength(28)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 90)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(PULL_MINUTES)
        form.addRow("Skill", self.skill)
        form.addRow("Minutes", self.minutes)
        layout.addLayout(form)
        self._choices: Choices | None = None
        self._minutes_touched = False
        self._skill_touched = False  # chosen by the teacher: kept while the ticks change
        self.skill.activated.connect(self._on_skill_chosen)
        self.students.itemChanged.connect(self._on_item_changed)
        self.pull_radio.toggled.connect(self._on_kind_toggled)
        self.minutes.valueChanged.connect(self._on_minutes_edited)

    @property
    def kind(self) -> BlockKind:
        return BlockKind.SMALL_GROUP if self.pull_radio.isChecked() else BlockKind.CONFERENCE

    def show_choices(self, choices: Choices, ticked: Sequence[StudentId] = ()) -> None:
        """The roster, longest waiting first; students away or already seen that day are
        shown but cannot be ticked."""
        self._choices = choices
        wanted = set(ticked)
        self.students.blockSignals(True)
        self.students.clear()
        order = sorted(choices.students, key=lambda s: -s.days_since)  # stable: roster order
        for seen in order:
            note = wait_words(seen)
            blocked = ""
            if seen.student in choices.absent:
                blocked = "absent that day"
            elif seen.student in choices.busy:
                blocked = "already has teacher time that day"
            item = QListWidgetItem(f"{seen.name} — {blocked or note}")
            item.setData(StudentRole, int(seen.student))
            if blocked:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                state = seen.student in wanted
                item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
            self.students.addItem(item)
        self.students.blockSignals(False)
        self._fill_skills()

    def ticked(self) -> list[StudentId]:
        found = []
        for row in range(self.students.count()):
            item = self.students.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and (
                item.checkState() == Qt.CheckState.Checked
            ):
                found.append(StudentId(int(item.data(StudentRole))))
        return found

    def tick(self, students: Sequence[StudentId]) -> None:
        wanted = {int(s) for s in students}
        for row in range(self.students.count()):
            item = self.students.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                on = int(item.data(StudentRole)) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def choose_skill(self, code: str | None) -> None:
        index = self.skill.findData(code)
        if index >= 0:
            self.skill.setCurrentIndex(index)
            self._skill_touched = True

    def skill_code(self) -> str | None:
        data = self.skill.currentData()
        return str(data) if data else None

    # -- keeping the skill list and the minutes in step with the ticks ----------------------
    def _fill_skills(self) -> None:
        choices = self._choices
        current = self.skill.currentData()
        self.skill.blockSignals(True)
        self.skill.clear()
        if self.kind is BlockKind.CONFERENCE:
            self.skill.addItem("(no particular skill)", None)
        if choices is not None:
            ticked = self.ticked()
            for skill, count in skill_order(choices.skills, choices.gaps, ticked):
                shared = f"  ({count} of {len(ticked)} not yet secure)" if count else ""
                self.skill.addItem(f"{skill.code} — {skill.name}{shared}", skill.code)
        index = self.skill.findData(current) if self._skill_touched else -1
        self.skill.setCurrentIndex(max(0, index))
        self.skill.blockSignals(False)
        if not self._minutes_touched:
            self.minutes.blockSignals(True)
            self.minutes.setValue(self._default_minutes())
            self.minutes.blockSignals(False)

    def _default_minutes(self) -> int:
        if self.kind is BlockKind.SMALL_GROUP:
            return PULL_MINUTES
        return max(CONFERENCE_MINUTES_EACH, CONFERENCE_MINUTES_EACH * len(self.ticked()))

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._fill_skills()
        self.changed.emit()

    def _on_kind_toggled(self, _checked: bool) -> None:
        self._fill_skills()
        self.changed.emit()

    def _on_skill_chosen(self, _index: int) -> None:
        self._skill_touched = True

    def _on_minutes_edited(self, _value: int) -> None:
        self._minutes_touched = True
