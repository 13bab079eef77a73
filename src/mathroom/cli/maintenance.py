"""`mathroom demo`, `check` and `backup`: set up and look after the data folder."""

from __future__ import annotations

import argparse

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, locked_services, out
from mathroom.clock import Clock
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService


def run_demo(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    with locked_services(folder, clock) as services:
        if args.if_empty and not services.demo.is_empty():
            out(f"{folder.root} already holds a classroom; left as it is.")
            return EXIT_OK
        summary = services.demo.create(clock.today())
    out(
        f"Demo classroom created in {folder.root}: {summary.periods} periods, "
        f"{summary.students} students, {summary.skills} skills, {summary.tasks} tasks, "
        f"{summary.evidence} pieces of evidence, {summary.plans} day plans for this school week."
    )
    return EXIT_OK


def run_check(_args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    report = MaintenanceService(folder, clock.now).check()
    for line in report.lines():
        (out if report.ok else err)(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def run_backup(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    path = MaintenanceService(folder, clock.now).backup_now(args.out)
    out(f"Backup written: {path}")
    return EXIT_OK
