"""`mathroom grouping FILE`: the grouping engine on a JSON request; needs no data folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mathroom.cli.common import EXIT_FAILED, EXIT_OK, err, out
from mathroom.domain.errors import MathroomError, ValidationError
from mathroom.domain.grouping import InfeasibleError
from mathroom.services.grouping_json import MAX_REQUEST_CHARS, solve_json


def run_grouping(source: str, clock: Callable[[], float] | None = None) -> int:
    """Read the request from ``source`` (a path, or - for stdin) and print the plan as JSON."""
    try:
        text = _read(source)
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
    except MemoryError:
        err(f"{source}: not enough memory for this request")
        return EXIT_FAILED
    return EXIT_OK


def _read(source: str) -> str:
    """The request text; longer than the limit is refused before it is all read."""
    if source == "-":
        text = sys.stdin.read(MAX_REQUEST_CHARS + 1)
    else:
        with Path(source).open(encoding="utf-8") as file:
            text = file.read(MAX_REQUEST_CHARS + 1)
    if len(text) > MAX_REQUEST_CHARS:
        raise ValidationError("json", f"the request is longer than {MAX_REQUEST_CHARS} characters")
    return text
