"""Print the requirements of the Qt-free core, one a line, read from pyproject.toml.

Usage: python tools/core_requirements.py > requirements.txt

The project's dependencies and its test extra, less what only the window uses: PySide6 and
pytest-qt. (pypdfium2 stays: besides the window's PDF previews, the print queue uses it to
cut a page range out of a packet where the print service cannot take one.) `make test-core`
installs these, then Mathroom itself with `--no-deps`, and runs the non-GUI tests, proving
the core needs no Qt.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
WINDOW_ONLY = frozenset({"pyside6-essentials", "pytest-qt"})


def canonical(requirement: str) -> str:
    """The distribution name of a requirement such as ``"SQLAlchemy>=2.0,<2.2"`` (PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    if match is None:
        raise ValueError(f"not a requirement: {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def core_requirements(pyproject: Path = PYPROJECT) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    missing = WINDOW_ONLY - {canonical(r) for r in wanted}
    if missing:  # a renamed dependency would otherwise slip into the core unnoticed
        raise SystemExit(f"{pyproject}: no dependency called {', '.join(sorted(missing))}")
    return [r for r in wanted if canonical(r) not in WINDOW_ONLY]


if __name__ == "__main__":
    print("\n".join(core_requirements()))
