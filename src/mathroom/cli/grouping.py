"""`mathroom grouping FILE`: the grouping engine on a JSON request; needs no data folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, out
from mathroom.domain.errors import MathroomError
from mathroom.domain.grouping import InfeasibleError
from mathroom.services.grouping_json import solve_json


def run_grouping(source: str, clock: Callable[[], float] | None = None) -> int:
    """Read the request from ``source`` (a path, or - for stdin) and print the plan as JSON."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        out(solve_json(text, clock))
    except OSError as exc:
        err(f"{source}: {exc.strerror or exc}")
        return EXIT_FAILED
    except UnicodeDecodeError:
        err(f"{source}: not UTF-8 text")
        return EXIT_FAILED
    except (MathroomError, InfeasibleError) as exc:
        err(f"{source}: {exc}")
        return EXIT_FAILED
    return EXIT_OK
