"""Layer boundaries that import-linter's contracts do not cover, checked on the source."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "mathroom"
INDEPENDENT = ("export", "importers", "store")


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports, absolute or relative, with its line."""
    package = ".".join(("mathroom", *path.relative_to(SRC).parent.parts))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            yield node.lineno, base
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _layer_files(layer: str) -> list[Path]:
    return sorted((SRC / layer).rglob("*.py"))


def test_only_the_store_imports_its_tables() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] != "store"
        for line, module in _imports(path)
        if _inside(module, "mathroom.store.tables")
    ]
    assert offenders == [], "ORM tables stay in store/; add a repository verb instead"


@pytest.mark.parametrize("layer", INDEPENDENT)
def test_export_importers_and_store_do_not_import_each_other(layer: str) -> None:
    others = [f"mathroom.{other}" for other in INDEPENDENT if other != layer]
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in _layer_files(layer)
        for line, module in _imports(path)
        if any(_inside(module, other) for other in others)
    ]
    assert offenders == [], "share through domain/, or let the service pass what is needed"


def test_no_public_repository_method_hands_out_an_orm_row() -> None:
    """Services get domain values; a Row would let them change the database behind the
    repository's back."""
    offenders = []
    for path in sorted((SRC / "store" / "repositories").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and node.returns is not None
                and "Row" in ast.unparse(node.returns)
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.name}")
    assert offenders == []


def test_the_version_and_the_parser_load_no_pdf_database_or_qt_library() -> None:
    """`mathroom --version` and every verb's argument parsing start in a blink: the heavy
    libraries load only in the verb that uses them (ReportLab's page sizes are light)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from mathroom import app\n"
        "from mathroom.cli.parser import build_parser\n"
        "build_parser()\n"
        "heavy = ('reportlab.platypus', 'reportlab.pdfgen', 'sqlalchemy', 'PySide6', "
        "'alembic', 'openpyxl')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


def _loaded_after(script: str, folder: str) -> set[str]:
    """Which of the heavy libraries a fresh interpreter has loaded after ``script``."""
    import os
    import subprocess
    import sys

    heavy = ("reportlab.platypus", "sqlalchemy", "alembic", "ziamath", "openpyxl", "PySide6")
    listing = f"','.join(m for m in {heavy!r} if m in sys.modules)"
    probe = f"{script}\nimport sys\nprint('loaded:' + {listing})\n"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe, folder],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    loaded = done.stdout.rsplit("loaded:", 1)[1].strip()
    return set(filter(None, loaded.split(",")))


@pytest.mark.any_date
@pytest.mark.gui
def test_check_and_first_paint_load_only_what_they_use(tmp_path: Path) -> None:
    """`mathroom check` reads the file with sqlite3 alone; the window's first page needs the
    database but neither the PDF nor the math typesetting libraries, nor Alembic when the
    schema is up to date (#20: start-up cost)."""
    import subprocess
    import sys

    folder = str(tmp_path / "demo")
    subprocess.run(
        [sys.executable, "-m", "mathroom", "demo", "--data-dir", folder],
        capture_output=True,
        timeout=120,
        check=True,
    )
    check = (
        "import sys\nfrom mathroom.app import main\n"
        "assert main(['check', '--data-dir', sys.argv[1]]) == 0\n"
    )
    assert _loaded_after(check, folder) == set()
    window = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from mathroom.clock import SystemClock\n"
        "from mathroom.composition import open_services\n"
        "from mathroom.paths import DataFolder\n"
        "from mathroom.ui.main_window import MainWindow\n"
        "from mathroom.ui.settings import WindowSettings\n"
        "from pathlib import Path\n"
        "services = open_services(DataFolder(Path(sys.argv[1])), SystemClock())\n"
        "window = MainWindow(services, WindowSettings(sys.argv[1] + '/w.ini'))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.current_page() is window.today_page\n"
    )
    assert _loaded_after(window, folder) == {"PySide6", "sqlalchemy"}
