"""Whatever bytes a teacher picks, the import fails with a named error and writes nothing."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathroom.domain.errors import MathroomError
from mathroom.domain.roster_import import ImportDecisions
from mathroom.paths import DataFolder
from mathroom.services.roster_import import RosterImportService
from mathroom.services.safety import SafetyNet
from mathroom.store.unit_of_work import Store
from tests.store.migration_fixtures import snapshot

text_rows = st.lists(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
        min_size=1,
        max_size=6,
    ),
    max_size=8,
)


@pytest.mark.any_date  # import parsing, not dates
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.one_of(
        st.binary(max_size=600),
        text_rows.map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")),
    ),
    suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".dat"]),
)
def test_random_files_never_crash_or_write_half(
    demo_store: Store, demo_folder: DataFolder, content: bytes, suffix: str, now: datetime
) -> None:
    importer = RosterImportService(demo_store, SafetyNet(demo_folder, lambda: now), lambda: now)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(content)
        before = snapshot(demo_folder.database)
        try:
            parsed = importer.read(path)
            importer.apply(parsed, ImportDecisions(period_for_all="Period 5"))
        except MathroomError:
            assert snapshot(demo_folder.database) == before
