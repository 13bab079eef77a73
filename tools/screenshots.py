"""Render every page, the projector and the dialogs of the demo classroom to PNG files.

Usage: .venv/bin/python tools/screenshots.py OUTDIR [--data-dir DIR] [--size 1440x900]
       [--today YYYY-MM-DD]
Uses the offscreen platform, so it needs no display. Look at the results before a release.
``--today`` shows the app on another day (a Saturday, the last week of June...).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from mathroom.clock import ShiftedClock, SystemClock
from mathroom.composition import Services, open_services
from mathroom.domain.skills import Level
from mathroom.paths import DataFolder
from mathroom.ui import theme
from mathroom.ui.dialogs.about_dialog import AboutDialog
from mathroom.ui.dialogs.backups_dialog import BackupsDialog
from mathroom.ui.dialogs.import_roster_dialog import ImportRosterDialog
from mathroom.ui.main_window import MainWindow
from mathroom.ui.projector.keys import Action
from mathroom.ui.settings import WindowSettings


def settle(seconds: float = 0.3) -> None:
    """Let queued work (background exports, PDF page rendering) reach the screen."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def messy_export(services: Services, path: Path) -> Path:
    """A roster as a school system exports it: title rows, extra columns, a few problems."""
    period = services.roster.periods()[0]
    lines = [
        "Lincoln Middle School - Class Roster",
        "Teacher: Rivera; Printed 11/20/2026 7:02 AM",
        "",
        "Student Number,Last Name,First Name,Nickname,Grade,Period,Birthdate,Email,Gender",
    ]
    entries = services.classroom.roster(period.id)
    for entry in entries[1:]:  # the first student has left the class
        s = entry.student
        lines.append(
            f'{s.student_number},"{s.family_name}","{s.given_name}",{s.preferred_name or ""},'
            f"7,Period 1,2013-05-0{len(lines) % 9 + 1},student@example.invalid,"
        )
    newcomers = [
        ("0702001", "Castillo", "Valentina", "Vale"),
        ("0702002", "Nwosu", "Chidi", ""),
        ("0702003", "Kowalczyk", "Zofia", ""),
        ("0702004", "Rahman", "Ayesha", ""),
        ("0702005", "Lindqvist", "Oskar", ""),
        ("0702006", "Ortega\u00a0Ruiz", "Gabriel", "Gabe"),
        ("0702007", "Thompson", "Keisha", ""),
        ("0702008", "Hoang", "Bảo", ""),
        ("1.23457E+11", "Miller", "Jordan", ""),
    ]
    for number, family, given, nick in newcomers:
        lines.append(f"{number},{family},{given},{nick},7,Period 1,2013-02-02,,")
    lines.append(",,,,,,,,")
    lines.append("Total students: 30,,,,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def decide_conflicts_by_skipping(dialog: ImportRosterDialog) -> None:
    for index in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(index)
        if group is None or not group.text(0).startswith("Conflicts"):
            continue
        for child in range(group.childCount()):
            item = group.child(child)
            combo = dialog.tree.itemWidget(item, 0) if item is not None else None
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(1)


def save_projector_scenes(window: MainWindow, out: Path) -> None:
    """Every scene of today's lesson at 1920×1080 (names landed, a name picked), the 720p
    agenda and the teacher's control panel."""
    projector, panel = window.projector, window.projector_panel
    assert projector is not None and panel is not None
    projector.resize(1920, 1080)
    for index, scene in enumerate(projector.scenes):
        projector.go_to(index)
        kind = scene.key.split(":")[1] if ":" in scene.key else scene.key
        if kind == "groups":
            settle(0.8)
            save(projector, out / f"projector-{index + 1:02d}-groups-shuffling.png")
        if kind == "picker":
            projector.perform(Action.PICK)
        land = getattr(projector.view, "settle", None)  # the reveal's and picker's shuffles
        if callable(land):
            land()
        save(projector, out / f"projector-{index + 1:02d}-{kind}.png")
    projector.go_to(0)
    save(panel, out / "projector-controls.png")
    projector.resize(1280, 720)
    save(projector, out / "projector-1280x720.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--today", type=date.fromisoformat, help="the day to show (YYYY-MM-DD)")
    args = parser.parse_args()
    clock = ShiftedClock(args.today) if args.today else SystemClock()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    theme.apply(app)
    folder = DataFolder(args.data_dir or Path(tempfile.mkdtemp(prefix="mathroom-shots-")))
    services = open_services(folder, clock)
    if services.demo.is_empty():
        services.demo.create(clock.today())
    window = MainWindow(services, WindowSettings(folder.root / "shots.ini"))
    window.resize(width, height)
    window.show()
    for index, page in enumerate(window.pages):
        window.sidebar.setCurrentRow(index)
        if page.title == "Print":
            page.save_button.click()  # type: ignore[attr-defined]  # PrintPage's button
            for _ in range(100):
                settle(0.05)
                if page.last_export is not None:  # type: ignore[attr-defined]  # PrintPage
                    break
            settle(1.0)
        save(window, args.out / f"{index + 1}-{page.title.lower()}.png")
    skills = window.show_page("Skills")
    skills.needs.suggest_button.click()  # type: ignore[attr-defined]  # SkillsPage's panel
    gap = skills.gap  # type: ignore[attr-defined]  # SkillsPage's gap map
    gap.table.clicked.emit(gap.proxy.index(3, 2))
    save(window, args.out / "skills-gap-map.png")
    for _ in range(2):  # accept the two suggested pulls, as the walk-through does
        skills.needs.accept_button.click()  # type: ignore[attr-defined]  # SkillsPage's panel
    save(window, args.out / "skills-after-pulls.png")
    today_page = window.show_page("Today")
    today_page.attendance.selectAll()  # type: ignore[attr-defined]  # TodayPage's class list
    today_page.record_selected(Level.GOT_IT)  # type: ignore[attr-defined]  # TodayPage
    save(window, args.out / "today-after-pulls-and-evidence.png")
    first = services.classroom.roster(services.roster.periods()[0].id)[0].student
    profile = window.open_profile(int(first.id))
    if profile is not None:
        save(profile, args.out / "profile.png")
        profile.close()
    groups = window.show_page("Groups")
    maker = groups.maker  # type: ignore[attr-defined]  # GroupsPage's maker
    maker.make()
    for _ in range(100):
        settle(0.05)
        if maker.draft is not None:
            break
    save(window, args.out / "groups-make.png")
    groups.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]  # who has worked with whom
    save(window, args.out / "groups-matrix.png")
    groups.tabs.setCurrentIndex(3)  # type: ignore[attr-defined]  # rules
    save(window, args.out / "groups-rules.png")
    tasks = window.show_page("Tasks")
    tasks.search.setText("fraction")  # type: ignore[attr-defined]  # TasksPage
    editor = tasks.edit_current()  # type: ignore[attr-defined]  # TasksPage
    editor.resize(1300, 820)
    editor.refresh_preview()
    settle()
    save(editor, args.out / "tasks-editor.png")
    editor.close()
    tasks.list.selectAll()  # type: ignore[attr-defined]  # TasksPage
    cards = tasks.print_cards()  # type: ignore[attr-defined]  # TasksPage
    cards.resize(1000, 900)
    for _ in range(200):
        settle(0.05)
        if cards.last_report is not None:
            break
    settle(0.5)
    save(cards, args.out / "tasks-cards.png")
    cards.close()
    window.open_projector()
    save_projector_scenes(window, args.out)
    rosters = window.show_page("Rosters")
    save(window, args.out / "rosters-before-import.png")
    importer = window.open_import()
    importer.resize(1100, 820)
    importer.show()
    save(importer, args.out / "import-choose.png")
    importer.load(messy_export(services, Path(tempfile.mkdtemp()) / "PS_Roster_Export.csv"))
    for _ in range(200):
        settle(0.05)
        if importer.steps.currentIndex() == 1:
            break
    save(importer, args.out / "import-preview.png")
    decide_conflicts_by_skipping(importer)
    importer.import_button.click()
    for _ in range(200):
        settle(0.05)
        if importer.steps.currentIndex() == 2:
            break
    save(importer, args.out / "import-done.png")
    importer.close()
    window.show_page("Rosters")
    save(window, args.out / "rosters-after-import.png")
    del rosters
    about = AboutDialog(folder, window)
    about.show()
    save(about, args.out / "about.png")
    backups = BackupsDialog(services.maintenance, lambda _p: None, window)
    backups.show()
    save(backups, args.out / "backups.png")
    window.close()
    services.close()


if __name__ == "__main__":
    main()
