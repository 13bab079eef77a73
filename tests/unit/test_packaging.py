"""Every package under src/ is listed for setuptools, so wheels and bundles carry it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(src).parts)
        for init in src.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, sorted(found - listed)


def test_the_bundled_content_travels_in_wheels_and_bundles() -> None:
    """Every content file ContentFiles names (the starter units too) lies under resources/,
    which the wheel's package data and the PyInstaller spec carry whole."""
    from mathroom.services.content import ContentFiles

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-data"]["mathroom.resources"] == ["**/*"]
    spec = (ROOT / "packaging" / "mathroom.spec").read_text(encoding="utf-8")
    assert '(os.path.join(ROOT, "resources"), "resources")' in spec
    content = ContentFiles.bundled()
    for path in (
        content.skill_map,
        content.starter_tasks,
        content.demo_classroom,
        content.starter_units,
    ):
        assert path.is_file() and (ROOT / "resources") in path.parents, path
