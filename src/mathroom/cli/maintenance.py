"""`mathroom demo`, `check`, `backup` and `restore`: set up and look after the data folder."""

from __future__ import annotations

import argparse

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, locked_services, out
from mathroom.clock import Clock
from mathroom.domain.errors import MathroomError
from mathroom.instance_lock import InstanceLock
from mathroom.paths import DataFolder
from mathroom.services.maintenance import MaintenanceService
from mathroom.store.backup import list_backups, set_aside_files
from mathroom.store.opening import (
    RESTORE_LATEST,
    START_EMPTY,
    RecoveryNeededError,
    describe_backup,
)


def run_demo(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    try:
        with locked_services(folder, clock) as services:
            if args.if_empty and not services.demo.is_empty():
                out(f"{folder.root} already holds a classroom; left as it is.")
                return EXIT_OK
            history = _history(folder)
            if args.if_empty and history:
                # An empty classroom beside backups was emptied by accident or on purpose:
                # only the teacher can say which, so `make run` never fills it unasked.
                out(
                    f"{folder.root} has an empty classroom but keeps {history}; left as it is. "
                    f"To go back to the newest good backup: {RESTORE_LATEST}. "
                    "To put the demo classroom here anyway: mathroom demo"
                )
                return EXIT_OK
            summary = services.demo.create(clock.today())
    except RecoveryNeededError as exc:
        if not args.if_empty:
            raise
        out(f"{exc} Left as it is: no demo was made.")
        return EXIT_OK
    out(
        f"Demo classroom created in {folder.root}: {summary.periods} periods, "
        f"{summary.students} students, {summary.skills} skills, {summary.tasks} tasks, "
        f"{summary.evidence} pieces of evidence, {summary.plans} day plans for this school week."
    )
    return EXIT_OK


def _history(folder: DataFolder) -> str:
    """What the folder keeps from earlier work ("" when nothing): backups, damaged files."""
    parts = []
    if backups := list_backups(folder.backups):
        parts.append(f"{len(backups)} backups (newest {backups[0].path.name})")
    if aside := set_aside_files(folder.database):
        parts.append(f"a damaged data file set aside ({aside[0].name})")
    return " and ".join(parts)


def run_check(_args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    service = MaintenanceService(folder, clock.now)
    report = service.check()
    for line in report.lines():
        (out if report.ok else err)(line)
    if report.health != "ok" and (report.health != "missing" or _history(folder)):
        newest = service.newest_good_backup()
        if newest is None:
            err(f"no backup passes its integrity check; to start empty: {START_EMPTY}")
        else:
            err(f"newest good backup: {newest.path.name}; to restore it: {RESTORE_LATEST}")
    return EXIT_OK if report.ok else EXIT_FAILED


def run_backup(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    path = MaintenanceService(folder, clock.now).backup_now(args.out)
    out(f"Backup written: {path}")
    return EXIT_OK


def run_restore(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    """Put a backup in place (or start empty), under the same lock as the window."""
    service = MaintenanceService(folder, clock.now)
    lock = InstanceLock(folder.lock_file)
    lock.acquire()
    try:
        if args.start_empty:
            service.start_empty()
            out(
                f"Started with an empty classroom in {folder.root}; "
                "backups and any damaged file were kept."
            )
            return EXIT_OK
        if args.latest:
            newest = service.newest_good_backup()
            if newest is None:
                err(
                    f"no backup in {folder.backups} passes its integrity check; "
                    f"to start empty: {START_EMPTY}"
                )
                return EXIT_FAILED
            backup = newest.path
        else:
            backup = args.file.expanduser().resolve()
            if not backup.is_file():
                raise MathroomError(f"There is no backup file at {backup}.")
            if backup == folder.database.resolve():
                raise MathroomError(f"{backup} is the database itself, not a backup.")
        safety = service.restore(backup)
    finally:
        lock.release()
    chosen = next((b for b in list_backups(folder.backups) if b.path == backup), None)
    out(f"Restored {describe_backup(chosen) if chosen else backup} into {folder.database}.")
    if safety is not None:
        out(f"The file it replaced was backed up first: {safety.name}.")
    return EXIT_OK
