"""Write or edit a task: text boxes with a math toolbar beside a live preview of the card."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.projects import PROJECT_KINDS
from mathroom.domain.tasks import Task, TaskImage, TaskKind, TaskSpec
from mathroom.ui import theme
from mathroom.ui.rich_text import MathBrowser, RichHtml
from mathroom.ui.widgets.fit import resize_within_screen
from mathroom.ui.widgets.math_toolbar import MathToolbar
from mathroom.ui.widgets.project_days_editor import ProjectDaysEditor

PREVIEW_DELAY_MS = 150  # typing stays smooth; the preview catches up a moment later
_BLANK_LINES = re.compile(r"\n\s*\n")


def split_items(text: str) -> tuple[str, ...]:
    """Hints and extensions are typed one per paragraph (a blank line between them)."""
    return tuple(item.strip() for item in _BLANK_LINES.split(text) if item.strip())


def join_items(items: tuple[str, ...]) -> str:
    return "\n\n".join(items)


def _text_box(placeholder: str, height: int = 120) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class TaskEditorDialog(QDialog):
    """``save`` stores the spec (a new task, or the edited one) and returns its id."""

    def __init__(
        self,
        save: Callable[[TaskSpec], TaskId],
        task: Task | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._slug = task.spec.slug if task else None
        self._image: TaskImage | None = task.spec.image if task else None
        self.saved_id: TaskId | None = None
        self.setWindowTitle(f"Edit “{task.title}”" if task else "New task")
        resize_within_screen(self, 1100, 720)
        outer = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter, 1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("A short name students will see on the card")
        self.kind = QComboBox()
        for kind in TaskKind:
            self.kind.addItem(kind.label, kind)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSpecialValueText("not set")
        self.minutes.setSuffix(" min")
        self.skills = QLineEdit()
        self.skills.setPlaceholderText("Skill codes, e.g. 7.RP.A.2b, 6.RP.A.3a")
        self.materials = QLineEdit()
        self.materials.setPlaceholderText("e.g. whiteboard, markers, grid paper")
        form.addRow("Title", self.title_edit)
        form.addRow("Kind", self.kind)
        form.addRow("Minutes", self.minutes)
        form.addRow("Skills", self.skills)
        form.addRow("Materials", self.materials)
        column.addLayout(form)

        self.prompt = _text_box(
            "The task as students read it. Markdown: **bold**, - lists. Math between dollar "
            "signs: $\\frac{3}{4}$. A dollar sign for money: \\$4.50",
            200,
        )
        self.start = _text_box("An easier way in for a group that cannot start (optional)")
        self.extensions = _text_box(
            "“When you're done…” — one extension per paragraph (leave a blank line between)"
        )
        self.hints = _text_box("Hints in the order you hand them out, one per paragraph")
        self.answer = _text_box("Answer (teacher only, never printed for students)", 80)
        self.notes = _text_box("Teacher notes (never printed for students)", 80)
        editors = [self.prompt, self.start, self.extensions, self.hints, self.answer, self.notes]
        self.toolbar = MathToolbar(editors)
        column.addWidget(self.toolbar)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("The task's parts")
        self.tabs.addTab(self.prompt, "Prompt")
        self.tabs.addTab(self.start, "Way in")
        self.tabs.addTab(self.extensions, "Extensions")
        self.tabs.addTab(self.hints, "Hints")
        teacher = QWidget()
        teacher_layout = QVBoxLayout(teacher)
        teacher_layout.setContentsMargins(0, 0, 0, 0)
        teacher_layout.addWidget(QLabel("Teacher only: never on cards, sheets or the projector."))
        teacher_layout.addWidget(self.answer)
        teacher_layout.addWidget(self.notes)
        self.tabs.addTab(teacher, "Answer && notes")
        self.project = ProjectDaysEditor()
        self.tabs.addTab(self.project, "Days && rubric")
        column.addWidget(self.tabs, 1)
        image_row = QHBoxLayout()
        self.image_label = QLabel()
        self.image_label.setObjectName("muted")
        self.add_image = QPushButton("Add diagram…")
        self.remove_image = QPushButton("Remove diagram")
        image_row.addWidget(self.image_label, 1)
        image_row.addWidget(self.add_image)
        image_row.addWidget(self.remove_image)
        column.addLayout(image_row)
        # The fields scroll on a short screen (a 768- or 600-pixel laptop) rather than push
        # Save below the taskbar.
        fields = QScrollArea()
        fields.setWidget(left)
        fields.setWidgetResizable(True)
        fields.setFrameShape(QScrollArea.Shape.NoFrame)
        fields.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter.addWidget(fields)

        right = QWidget()
        preview_column = QVBoxLayout(right)
        preview_column.setContentsMargins(8, 0, 0, 0)
        heading = QLabel("Preview (what students see)")
        heading.setObjectName("sectionTitle")
        preview_column.addWidget(heading)
        self.preview = MathBrowser()
        preview_column.addWidget(self.preview, 1)
        self.math_status = QLabel()
        self.math_status.setWordWrap(True)
        preview_column.addWidget(self.math_status)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])

        self.error = QLabel()
        self.error.setObjectName("banner")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "kind": self.kind,
            "prompt": self.prompt,
            "minutes": self.minutes,
            "skill_codes": self.skills,
            "image": self.add_image,
            "materials": self.materials,
            "milestones": self.project.days.list,
            "rubric": self.project.rubric.list,
        }

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for editor in editors:
            editor.textChanged.connect(self._timer.start)
        self.title_edit.textChanged.connect(self._timer.start)
        self.project.changed.connect(self._timer.start)
        self.add_image.clicked.connect(self._on_add_image)
        self.remove_image.clicked.connect(self._on_remove_image)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        if task is not None:
            self._fill(task.spec)
        else:
            self._on_kind_changed()
        self._show_image()
        self.refresh_preview()
        self.title_edit.setFocus()

    def _fill(self, spec: TaskSpec) -> None:
        self.title_edit.setText(spec.title)
        self.kind.setCurrentIndex(list(TaskKind).index(spec.kind))
        self.minutes.setValue(spec.minutes or 0)
        self.skills.setText(", ".join(spec.skill_codes))
        self.materials.setText(spec.materials or "")
        self.prompt.setPlainText(spec.prompt)
        self.start.setPlainText(spec.start or "")
        self.extensions.setPlainText(join_items(spec.extensions))
        self.hints.setPlainText(join_items(spec.hints))
        self.answer.setPlainText(spec.answer or "")
        self.notes.setPlainText(spec.teacher_notes or "")
        self.project.set_task(spec.kind, spec.milestones, spec.rubric)
        self._on_kind_changed()

    def spec(self) -> TaskSpec:
        """The task as the boxes describe it now."""
        codes = tuple(c for c in re.split(r"[\s,;]+", self.skills.text().strip()) if c)
        return TaskSpec(
            title=self.title_edit.text().strip(),
            kind=TaskKind(self.kind.currentData()),
            prompt=self.prompt.toPlainText().strip(),
            start=self.start.toPlainText().strip() or None,
            extensions=split_items(self.extensions.toPlainText()),
            hints=split_items(self.hints.toPlainText()),
            answer=self.answer.toPlainText().strip() or None,
            teacher_notes=self.notes.toPlainText().strip() or None,
            skill_codes=codes,
            minutes=self.minutes.value() or None,
            materials=self.materials.text().strip() or None,
            slug=self._slug,
            image=self._image,
            milestones=self.project.milestones(),
            rubric=self.project.rubric_rows(),
        )

    def _on_kind_changed(self, *_args: object) -> None:
        """Days and a rubric only for projects and math art: the tab greys out for others."""
        kind = TaskKind(self.kind.currentData())
        self.project.set_kind(kind)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.project), kind in PROJECT_KINDS)
        self._timer.start()

    def refresh_preview(self) -> None:
        spec = self.spec()
        html = RichHtml(self.preview.font())
        html.raw(f"<h2>{escape(spec.title) or '<i>Untitled</i>'}</h2>")
        html.text(spec.prompt or "*The prompt appears here as you type.*")
        html.tiers(spec)
        if spec.milestones:
            html.raw("<h3>The days</h3>")
            for number, name in enumerate(spec.milestones, start=1):
                html.raw(f"<p><b>Day {number}.</b> {escape(name)}</p>")
        if spec.rubric:
            html.raw("<h3>Rubric: Not yet · Getting there · Got it · Extending</h3>")
            for row in spec.rubric:
                html.text(f"- {row}")
        if spec.answer:
            html.raw("<h3>Answer (teacher only)</h3>").text(spec.answer)
        self.preview.show_rich(html)
        if html.errors:
            self.math_status.setStyleSheet(f"color: {theme.colors().error}; font-weight: 600;")
            self.math_status.setText(
                f"{len(html.errors)} piece(s) of math need fixing: " + str(html.errors[0])
            )
        else:
            self.math_status.setStyleSheet("")
            self.math_status.setText("All math reads correctly.")

    def _show_image(self) -> None:
        image = self._image
        self.image_label.setText(f"Diagram: {image.name}" if image else "No diagram")
        self.remove_image.setEnabled(image is not None)

    def _on_add_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a diagram", str(Path.home()), "Images (*.png *.jpg *.jpeg *.svg)"
        )
        if path:
            self.load_image(Path(path))

    def load_image(self, path: Path) -> None:
        try:
            self._image = TaskImage.from_bytes(path.name, path.read_bytes())
        except (OSError, ValidationError) as exc:
            self._show_error(f"That diagram could not be used: {exc}", "image")
            return
        self.error.hide()
        self._show_image()

    def _on_remove_image(self) -> None:
        self._image = None
        self._show_image()

    def _on_save(self) -> None:
        for widget in self._fields.values():
            widget.setStyleSheet("")
        try:
            self.saved_id = self._save(self.spec())
        except ValidationError as exc:
            self._show_error(exc.problem[:1].upper() + exc.problem[1:] + ".", exc.field)
            return
        except MathroomError as exc:
            self._show_error(str(exc), None)
            return
        self.accept()

    def _show_error(self, message: str, field: str | None) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setStyleSheet(f"border: 2px solid {theme.colors().error_border};")
            if widget is self.prompt:
                self.tabs.setCurrentWidget(self.prompt)
            elif widget in (self.project.days.list, self.project.rubric.list):
                self.tabs.setCurrentWidget(self.project)
            widget.setFocus()
