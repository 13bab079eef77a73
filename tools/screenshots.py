"""Render every page, the projector and the dialogs of the demo classroom to PNG files.

Usage: .venv/bin/python tools/screenshots.py OUTDIR [--data-dir DIR] [--size 1440x900]
Uses the offscreen platform, so it needs no display. Look at the results before a release.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from mathroom.composition import open_services
from mathroom.paths import DataFolder
from mathroom.ui import theme
from mathroom.ui.dialogs.about_dialog import AboutDialog
from mathroom.ui.dialogs.backups_dialog import BackupsDialog
from mathroom.ui.main_window import MainWindow
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--size", default="1440x900")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    theme.apply(app)
    folder = DataFolder(args.data_dir or Path(tempfile.mkdtemp(prefix="mathroom-shots-")))
    services = open_services(folder)
    if services.demo.is_empty():
        services.demo.create(date.today())
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
    window.open_projector()
    assert window.projector is not None
    window.projector.resize(1920, 1080)
    save(window.projector, args.out / "projector-1920x1080.png")
    window.projector.resize(1280, 720)
    save(window.projector, args.out / "projector-1280x720.png")
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
