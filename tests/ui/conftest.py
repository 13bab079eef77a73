"""UI fixtures: real services over a copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mathroom.composition import Services, open_services
from mathroom.paths import DataFolder


@pytest.fixture
def services(demo_folder: DataFolder) -> Iterator[Services]:
    opened = open_services(demo_folder)
    try:
        yield opened
    finally:
        opened.close()
