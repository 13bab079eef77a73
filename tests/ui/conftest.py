"""Fixtures for widget tests: the operations road a page reads and writes through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from mathroom.ui.operations import Operations


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    """A real Operations (pool threads, writer thread); idle again before the test ends."""
    made = Operations()
    yield made
    made.wait_until_idle()
