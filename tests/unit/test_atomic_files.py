"""Atomic writes: a failure half-way leaves the previous file byte-identical, no temp file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from mathroom.atomic_files import atomic_path, write_atomically, write_bytes_atomically


class BoomError(Exception):
    pass


def test_successful_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_bytes_atomically(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_half_way_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    target.write_bytes(b"%PDF-1.4 the previous packet")
    before = target.read_bytes()

    def write(handle: BinaryIO) -> None:
        handle.write(b"%PDF-1.4 half of a new")
        raise BoomError

    with pytest.raises(BoomError):
        write_atomically(target, write)
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]


def test_failure_through_a_library_that_wants_a_path(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"previous")

    def export() -> None:
        with atomic_path(target) as temp:
            temp.write_bytes(b"partial")
            raise BoomError

    with pytest.raises(BoomError):
        export()
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_missing_folders_are_created(tmp_path: Path) -> None:
    target = tmp_path / "exports" / "2026" / "a.pdf"
    write_bytes_atomically(target, b"x")
    assert target.read_bytes() == b"x"
