"""Library: the department's shared tasks, units and plan templates on its PostgreSQL server.

Nothing here touches the network until the teacher clicks: Show the library, Pull or
Publish (and Keep mine / Take the library's for a conflict). The address is remembered, the
password never (libpq's ~/.pgpass or PGPASSFILE, or the system keychain, hold it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from mathroom.domain.department import Resolution, SyncReport, SyncState
from mathroom.domain.errors import MathroomError
from mathroom.services.changes import Change
from mathroom.services.department import (
    DepartmentLibraryService,
    LibraryEntry,
    LibraryStatus,
    ServerAddress,
)
from mathroom.ui.library_schedule import PULLED
from mathroom.ui.operations import Operations
from mathroom.ui.pages.directory import LIBRARY
from mathroom.ui.widgets.page import Page, label

COLUMNS = ("Kind", "Title", "Published by", "When", "Version", "Here")
# A pull brings tasks, units and templates: the pages that show them reload.
SCHEDULE_CHOICES = {0: "Only when I click", 1: "Every hour", 4: "Every 4 hours", 24: "Once a day"}


class LibraryPage(Page):
    schedule_changed = Signal(int)  # hours between automatic pulls (0: none)

    title = LIBRARY.title
    purpose = LIBRARY.purpose
    shows = Change.NONE  # the library is read only when you ask

    def __init__(self, ops: Operations, library: DepartmentLibraryService) -> None:
        super().__init__(ops)
        self._library = library
        self._entries: list[LibraryEntry] = []
        row = QHBoxLayout()
        self.server = QLineEdit()
        self.server.setObjectName("libraryServer")
        self.server.setPlaceholderText("postgresql://you@server.school.org/mathlibrary")
        self.server.setAccessibleName("Department library address")
        self.require_tls = QCheckBox("Require &TLS")
        self.show_button = QPushButton("&Show library")
        self.show_button.setToolTip("Connect now and list what the department shares")
        self.pull_button = QPushButton("&Pull")
        self.pull_button.setToolTip("Bring the department's new and changed items here")
        self.publish_button = QPushButton("Pu&blish")
        self.publish_button.setToolTip("Send your new and changed items to the library")
        row.addWidget(self.server, 1)
        row.addWidget(self.require_tls)
        for button in (self.show_button, self.pull_button, self.publish_button):
            row.addWidget(button)
        self.body.addLayout(row)
        self.summary = label(
            "Name the department's server, then Show library. Mathroom connects only when "
            "you click.",
            "muted",
        )
        self.body.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("The department library's items")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.table, 1)
        conflict_row = QHBoxLayout()
        self.conflict_help = label("Select a conflict to choose which version to keep.", "muted")
        self.keep_mine = QPushButton("&Keep mine")
        self.keep_mine.setToolTip("Keep this laptop's version; the next Publish sends it")
        self.take_library = QPushButton("Take the &library's")
        self.take_library.setToolTip("Replace this laptop's version with the library's")
        conflict_row.addWidget(self.conflict_help, 1)
        conflict_row.addWidget(self.keep_mine)
        conflict_row.addWidget(self.take_library)
        self.body.addLayout(conflict_row)
        schedule_row = QHBoxLayout()
        self.schedule = QComboBox()
        self.schedule.setObjectName("librarySchedule")
        self.schedule.setAccessibleName("Pull automatically")
        self.schedule.setToolTip(
            "While Mathroom is open, pull the department's new items from the address above "
            "on this schedule (the last address you used; never before you used one)"
        )
        for hours, text in SCHEDULE_CHOICES.items():
            self.schedule.addItem(text, hours)
        schedule_row.addWidget(label("Pull automatically:"))
        schedule_row.addWidget(self.schedule)
        schedule_row.addStretch(1)
        self.body.addLayout(schedule_row)
        self.show_button.clicked.connect(self._on_show_clicked)
        self.pull_button.clicked.connect(self._on_pull_clicked)
        self.publish_button.clicked.connect(self._on_publish_clicked)
        self.keep_mine.clicked.connect(self._on_keep_mine_clicked)
        self.take_library.clicked.connect(self._on_take_library_clicked)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self._on_selection_changed()
        self.schedule.activated.connect(self._on_schedule_activated)

    def reload(self) -> None:
        """Only the remembered address: the server is reached when the teacher clicks."""
        if not self.server.text():
            library = self._library
            server, tls = self._ops.query(library.saved_server)
            self.server.setText(server)
            self.require_tls.setChecked(tls)
        hours = self._ops.query(self._library.pull_schedule)
        self.schedule.setCurrentIndex(max(self.schedule.findData(hours), 0))

    # -- the teacher's clicks ----------------------------------------------------------------
    def _on_show_clicked(self) -> None:
        address = self._address()
        if address is None:
            return
        library = self._library
        self._busy("Reading the library…")
        self._ops.read_in_background(
            lambda _progress: library.status(address), self._show_status, self._failed
        )

    def _on_pull_clicked(self) -> None:
        library = self._library
        self._sync("Pulling…", lambda address: library.pull(address), "pulled")

    def _on_publish_clicked(self) -> None:
        library = self._library
        self._sync("Publishing…", lambda address: library.publish(address), "published")

    def _on_schedule_activated(self, _index: int) -> None:
        hours = int(self.schedule.currentData())
        library = self._library
        try:
            self._ops.write(lambda: library.set_pull_schedule(hours), Change.SETTINGS, self)
        except MathroomError as exc:
            self.summary.setText(str(exc))
            return
        self.schedule_changed.emit(hours)
        when = SCHEDULE_CHOICES[hours].lower()
        self.summary.setText(
            "Automatic pulls are off: Mathroom connects only when you click."
            if not hours
            else f"Mathroom will pull from the library {when} while it is open."
        )

    def _on_keep_mine_clicked(self) -> None:
        self._resolve(Resolution.KEEP_MINE)

    def _on_take_library_clicked(self) -> None:
        self._resolve(Resolution.TAKE_LIBRARY)

    def _resolve(self, choice: Resolution) -> None:
        entry = self._selected()
        if entry is None or entry.item_id is None:
            return
        library, item = self._library, entry.item_id
        self._sync("Resolving…", lambda a: library.resolve(a, item, choice), "resolved")

    def _sync(self, doing: str, work: Callable[[ServerAddress], SyncReport], done: str) -> None:
        address = self._address()
        if address is None:
            return
        self._busy(doing)

        def finished(report: SyncReport) -> None:
            self._reported(report, done)

        self._ops.write_in_background(
            lambda _progress: work(address), PULLED, finished, self._failed, origin=self
        )

    # -- answers -----------------------------------------------------------------------------
    def _reported(self, report: SyncReport, done: str) -> None:
        text = f"{report.count} items {done}, {len(report.conflicts)} conflicts"
        if report.failed:
            text += f", {len(report.failed)} refused: " + "; ".join(m.what for m in report.failed)
        self._set_buttons(True)
        self.summary.setText(text + ".")
        self._on_show_clicked()  # the list as it now stands

    def _show_status(self, status: LibraryStatus) -> None:
        self._set_buttons(True)
        self._entries = list(status.entries)
        counts = ", ".join(
            f"{status.count(state)} {state.value}" for state in SyncState if status.count(state)
        )
        self.summary.setText(f"{status.server}, signed in as {status.user}: {counts or 'empty'}.")
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            when = f"{entry.published_at:%Y-%m-%d %H:%M}" if entry.published_at else ""
            version = str(entry.version) if entry.version is not None else ""
            values = (entry.kind.label, entry.title, entry.owner or "you", when, version)
            for column, value in enumerate((*values, _here(entry))):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._on_selection_changed()

    def _failed(self, error: Exception) -> None:
        self._set_buttons(True)
        text = str(error) if isinstance(error, MathroomError) else f"Unexpected problem: {error}"
        self.summary.setText(text)

    # -- helpers -----------------------------------------------------------------------------
    def _address(self) -> ServerAddress | None:
        try:
            address = ServerAddress.parse(
                self.server.text(), require_tls=self.require_tls.isChecked()
            )
        except MathroomError as exc:
            self.summary.setText(str(exc))
            return None
        library = self._library
        self._ops.query(lambda: library.save_server(address))
        return address

    def _busy(self, text: str) -> None:
        self.summary.setText(text)
        self._set_buttons(False)

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.show_button, self.pull_button, self.publish_button):
            button.setEnabled(enabled)
        self._on_selection_changed(enabled)

    def _selected(self) -> LibraryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _on_selection_changed(self, *_args: Any) -> None:
        entry = self._selected()
        conflict = entry is not None and entry.state is SyncState.CONFLICT
        allowed = conflict and self.show_button.isEnabled()
        self.keep_mine.setEnabled(allowed)
        self.take_library.setEnabled(allowed)


def _here(entry: LibraryEntry) -> str:
    if entry.state is SyncState.RETIRED and entry.retired_by:
        return f"retired by {entry.retired_by}"
    return entry.state.value
