"""The committed roster fixtures are what make_fixtures.py writes."""

from __future__ import annotations

from pathlib import Path

from mathroom.importers.table_file import ROSTER, read_table, read_table_bytes
from tests.fixtures.rosters import make_fixtures

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


def test_committed_fixtures_match_the_generator() -> None:
    expected = make_fixtures.all_fixtures()
    committed = {
        path.relative_to(FIXTURES).as_posix()
        for path in FIXTURES.rglob("*")
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts
    }
    assert committed == set(expected)
    # .xlsx workbooks are compared by content: another openpyxl release may write other XML.
    stale = [
        name
        for name, data in expected.items()
        if not name.endswith(".xlsx") and (FIXTURES / name).read_bytes() != data
    ]
    assert stale == [], "run tests/fixtures/rosters/make_fixtures.py to regenerate"
    for name in ("roster.xlsx", "sis_export.xlsx"):
        generated = read_table_bytes(expected[name], name, ROSTER, suffix=".xlsx")
        assert read_table(FIXTURES / name, ROSTER) == generated
