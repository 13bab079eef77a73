"""`mathroom library init|status|publish|pull|resolve|retire --server postgresql://USER@HOST/DB`:
the department library on the department's PostgreSQL server.

The password comes from libpq's own places (``~/.pgpass``, ``PGPASSFILE``) or the system
keychain, never from Mathroom's files or the command line.
"""

from __future__ import annotations

import argparse

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, locked_services, out
from mathroom.clock import Clock
from mathroom.domain.department import Moved, Resolution, SyncReport, SyncState
from mathroom.paths import DataFolder
from mathroom.services.department import ServerAddress, init_server


def run_library(args: argparse.Namespace, folder: DataFolder, clock: Clock) -> int:
    address = ServerAddress.parse(args.server, require_tls=args.require_tls)
    verb = args.library_command
    if verb == "init":
        setup = init_server(address, teachers=args.teacher, leads=args.lead)
        before = setup.from_revision or "none"
        out(f"Library schema: {before} -> {setup.to_revision} on {address.display}")
        for role in setup.teachers_added:
            out(f"teacher added: {role}")
        for role in setup.leads_added:
            out(f"lead added: {role}")
        return EXIT_OK
    with locked_services(folder, clock) as services:
        library = services.department
        if verb == "status":
            status = library.status(address)
            out(f"Library: {status.server} (signed in as {status.user}, schema {status.schema})")
            for state in SyncState:
                if count := status.count(state):
                    out(f"{state.value}: {count}")
            for entry in status.entries:
                if entry.state is not SyncState.IN_SYNC:
                    owner = f"\t{entry.owner}" if entry.owner else ""
                    item = f"\t{entry.item_id}" if entry.item_id else ""
                    out(f"  {entry.state.value}\t{entry.kind.value}\t{entry.title}{owner}{item}")
            return EXIT_OK
        if verb == "publish" and args.pack is not None:
            return _report("published", library.publish_pack(address, args.pack))
        if verb == "publish":
            return _report("published", library.publish(address))
        if verb == "pull":
            return _report("pulled", library.pull(address))
        if verb == "resolve":
            return _report("resolved", library.resolve(address, args.item, Resolution(args.keep)))
        retired = library.retire(address, args.items)
        out(f"Retired {retired} of {len(args.items)} items")
        return EXIT_OK if retired == len(args.items) else EXIT_FAILED


def _report(done: str, report: SyncReport) -> int:
    """First line the counts, then one line per item moved, in conflict or refused."""
    out(
        f"{report.count} items {done}, {len(report.conflicts)} conflicts, "
        f"{len(report.failed)} refused"
    )
    for moved in report.moved:
        out(_line("  ", moved))
    for moved in report.conflicts:
        out(_line("  conflict: ", moved))
    for moved in report.failed:
        err(_line("refused: ", moved))
    return EXIT_OK if not report.failed else EXIT_FAILED


def _line(prefix: str, moved: Moved) -> str:
    item = f"\t{moved.item_id}" if moved.item_id else ""
    return f"{prefix}{moved.kind.value}\t{moved.title}\t{moved.what}{item}"
