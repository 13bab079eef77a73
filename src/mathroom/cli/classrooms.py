"""`mathroom classroom list | new NAME | use NAME`: the classrooms of one data folder."""

from __future__ import annotations

import argparse

from mathroom.cli.common import EXIT_OK, out
from mathroom.clock import Clock
from mathroom.paths import DataFolder
from mathroom.services.classrooms import Classroom, ClassroomError, Classrooms


def run_classroom(args: argparse.Namespace, root: DataFolder, clock: Clock) -> int:
    """``root`` is the data folder itself (``--data-dir``), not the classroom that opens."""
    classrooms = Classrooms(root.root, clock.now)
    if args.classroom_command == "list":
        for classroom in classrooms.all():
            out(_line(classroom))
        return EXIT_OK
    if args.classroom_command == "use":
        chosen = classrooms.use(args.name)
        out(f"{chosen.label} opens from now on: {chosen.path}")
        return EXIT_OK
    source = None
    if args.from_demo:
        source = classrooms.demo()
        if source is None:
            raise ClassroomError(
                "There is no demo classroom in this data folder to take the skill map and "
                "tasks from; leave out --from-demo to take them from the open classroom."
            )
    made = classrooms.create(args.name, source, use=args.use)
    out(
        f"Classroom {made.classroom.name!r} created in {made.classroom.path}: "
        f"{made.skills} skills, {made.tasks} tasks ({made.diagrams} with diagrams), "
        f"{made.templates} plan templates from {made.source}; no students yet."
    )
    if made.classroom.is_open:
        out(f"{made.classroom.name} opens from now on.")
    else:
        out(f"Open it with: mathroom classroom use {_quoted(made.classroom.name)}")
    return EXIT_OK


def _line(classroom: Classroom) -> str:
    """``*`` marks the one that opens; tab-separated: name, kind, folder."""
    mark = "*" if classroom.is_open else " "
    kind = "demo" if classroom.demo else "own"
    return f"{mark} {classroom.name}\t{kind}\t{classroom.path}"


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name
