"""Where data, resources and migrations are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathroom import paths


def test_environment_variable_overrides_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert paths.default_data_dir() == tmp_path / "elsewhere"


def test_default_data_folder_is_the_platform_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert paths.default_data_dir() == tmp_path / ".local" / "share" / "Mathroom"


def test_bundled_folders_are_found() -> None:
    assert (paths.migrations() / "env.py").is_file()
    assert any((paths.migrations() / "versions").glob("0001_*.py"))
    assert paths.resource("fonts", "DejaVuSans.ttf").is_file()


def test_data_folder_layout(tmp_path: Path) -> None:
    folder = paths.DataFolder(tmp_path / "d")
    folder.ensure()
    assert folder.database.name == "mathroom.sqlite"
    assert all(p.is_dir() for p in (folder.backups, folder.exports, folder.logs))
