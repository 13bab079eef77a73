"""One student's profile: levels by domain, evidence timeline, groups; saved as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mathroom.domain.ids import StudentId
from mathroom.domain.profile import StudentProfile
from mathroom.services.evidence import EvidenceService
from mathroom.services.printing import ExportReport, PrintService
from mathroom.ui import theme
from mathroom.ui.operations import Operations
from mathroom.ui.theme import LEVEL_COLORS
from mathroom.ui.widgets.fit import resize_within_screen


def profile_html(profile: StudentProfile) -> str:
    """Teacher view; every name and note is escaped (data, not markup)."""
    s = profile.student
    muted = theme.colors().muted
    parts = [
        f"<h2>{escape(s.full_name)}</h2>",
        f"<p style='color:{muted}'>{escape(', '.join(profile.periods) or 'No current period')}"
        f" · student number {escape(s.student_number or '—')} · levels by "
        f"{escape(profile.rule_label.lower())}</p>",
    ]
    if not profile.domains:
        parts.append("<p>No evidence recorded yet.</p>")
    for domain in profile.domains:
        parts.append(f"<h3>{escape(domain.name)}</h3><table cellpadding='3'>")
        for standing in domain.skills:
            if not standing.observations:
                continue
            level = standing.level
            color = LEVEL_COLORS[level].name() if level else theme.colors().no_evidence
            text = theme.level_ink(level).name() if level else theme.colors().ink
            word = f"{level.letter} · {level.label}" if level else "—"
            parts.append(
                f"<tr><td>{escape(standing.skill.code)}</td><td>{escape(standing.skill.name)}"
                f"</td><td style='background:{color}; color:{text}'>&nbsp;{escape(word)}&nbsp;"
                f"</td><td style='color:{muted}'>{standing.observations} obs.</td></tr>"
            )
        parts.append("</table>")
    count = len(profile.timeline)
    parts.append(
        f"<h3>Evidence, newest first ({count} {'entry' if count == 1 else 'entries'})</h3>"
        "<table cellpadding='2'>"
    )
    for item, skill in profile.timeline:  # every entry: the teacher scrolls, nothing is cut
        note = f" — {escape(item.note)}" if item.note else ""
        parts.append(
            f"<tr><td>{item.observed_on:%b} {item.observed_on.day}</td><td>{escape(skill.code)}"
            f"</td><td>{escape(item.level.label)}</td><td style='color:{muted}'>"
            f"{escape(item.source.label)}{note}</td></tr>"
        )
    parts.append("</table><h3>Whiteboard groups</h3>")
    for memory in profile.groups:
        parts.append(
            f"<p>{memory.on:%b} {memory.on.day}: group {memory.number} with "
            f"{escape(', '.join(memory.partners))}</p>"
        )
    return "".join(parts)


class ProfileDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        evidence: EvidenceService,
        printing: PrintService,
        student: StudentId,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._printing = printing
        self._today = today
        on = today()
        self.profile = ops.query(lambda: evidence.profile(student, on))
        self.saved: ExportReport | None = None
        self.setWindowTitle(f"Profile — {self.profile.student.full_name}")
        resize_within_screen(self, 760, 720)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(f"{self.profile.student.full_name}'s profile")
        self.browser.setHtml(profile_html(self.profile))
        layout.addWidget(self.browser, 1)
        self.status = QLabel("Teacher eyes only: this never goes to the projector.")
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save as PDF")
        self.save_button.setObjectName("primary")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = QPushButton("Open PDF")
        self.open_button.setEnabled(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self._on_save_clicked)

    def _on_save_clicked(self) -> None:
        printing, student, today = self._printing, self.profile.student, self._today()
        out = printing.profile_path(student.full_name, today)
        self.save_button.setEnabled(False)
        self._ops.read_in_background(
            lambda _p: printing.student_profile(student.id, today, out),
            self._on_saved,
            self._on_failed,
        )

    def _on_saved(self, report: object) -> None:
        self.save_button.setEnabled(True)
        if isinstance(report, ExportReport):
            self.saved = report
            self.status.setText(f"Saved {report.path}")
            self.open_button.setEnabled(True)

    def _on_open_clicked(self) -> None:
        if self.saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved.path)))

    def _on_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(f"The PDF could not be made: {error}")
