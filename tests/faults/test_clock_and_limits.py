"""Clock mistakes never cost the restore history; oversized files and fields are refused in
one plain line naming the file or field, before the work."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.skills import EvidenceSource, Level
from mathroom.importers.roster_rows import parse_roster_file
from mathroom.importers.table_workbook import MAX_MEMBER_BYTES, MAX_SHEETS, refuse_zip_bomb
from mathroom.services.evidence import EvidenceService
from mathroom.store.backup import list_backups, thin_backups
from mathroom.store.unit_of_work import Store
from tests.faults.conftest import TAKEN_AT, quick_or_long

pytestmark = pytest.mark.any_date


def _thirty_five_days_of_backups(backups: Path) -> list[datetime]:
    backups.mkdir()
    stamps = [TAKEN_AT - timedelta(days=d) for d in range(35)]
    for stamp in stamps:  # names and sizes are all thinning looks at
        (backups / f"mathroom-{stamp:%Y%m%d-%H%M%S}-startup.sqlite").write_bytes(b"x")
    return stamps


@pytest.mark.parametrize("years", quick_or_long([5], [1, 50]))
def test_a_clock_years_ahead_keeps_the_newest_ten(tmp_path: Path, years: int) -> None:
    stamps = _thirty_five_days_of_backups(tmp_path / "backups")
    thin_backups(tmp_path / "backups", TAKEN_AT + timedelta(days=365 * years))
    kept = [b.taken_at for b in list_backups(tmp_path / "backups")]
    assert kept[:10] == stamps[:10]  # the newest ten, whatever the clock says


def test_a_clock_behind_the_newest_backup_suspends_thinning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _thirty_five_days_of_backups(tmp_path / "backups")
    with caplog.at_level(logging.WARNING):
        removed = thin_backups(tmp_path / "backups", datetime(2000, 1, 1, 8))
    assert removed == [] and len(list_backups(tmp_path / "backups")) == 35
    assert "thinning suspended" in caplog.text
    # Days with the clock in 2000 add backups dated 2000; fixing the clock keeps the newest.
    for day in range(3):
        stamp = datetime(2000, 1, 1 + day, 8)
        (tmp_path / "backups" / f"mathroom-{stamp:%Y%m%d-%H%M%S}-startup.sqlite").write_bytes(b"x")
    thin_backups(tmp_path / "backups", TAKEN_AT + timedelta(hours=1))
    assert len(list_backups(tmp_path / "backups")) >= 10


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook(extra: dict[str, bytes]) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            **extra,
        }
    )


def _understated(data: bytes, stated: int = 1000) -> bytes:
    """The zip with every part's unpacked size understated in its directory and headers."""
    patched = bytearray(data)
    for signature, at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = patched.find(signature)
        while start >= 0:
            patched[start + at : start + at + 4] = stated.to_bytes(4, "little")
            start = patched.find(signature, start + 4)
    return bytes(patched)


BOMBS = {
    "lying-directory": lambda: _understated(
        _workbook({"xl/worksheets/sheet1.xml": b"<c>1</c>" * 400_000})
    ),
    "ratio": lambda: _workbook({"xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024)}),
    "sheets": lambda: _workbook(
        {f"xl/worksheets/sheet{n}.xml": b"<worksheet/>" for n in range(MAX_SHEETS + 1)}
    ),
    "member-size": lambda: _workbook(
        {"xl/worksheets/sheet1.xml": b"<c>1</c>" * (MAX_MEMBER_BYTES // 8 + 1)}
    ),
}


@pytest.mark.parametrize(
    "kind", quick_or_long(["ratio", "sheets", "lying-directory"], ["member-size"])
)
def test_zip_bombs_are_refused_before_anything_is_inflated(kind: str) -> None:
    with pytest.raises(ImportFileError) as info:
        refuse_zip_bomb(BOMBS[kind](), "roster.xlsx")
    message = str(info.value)
    assert message.startswith("roster.xlsx") and "\n" not in message


def test_a_zip_bomb_through_the_roster_reader_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bomb = tmp_path / "roster.xlsx"
    bomb.write_bytes(BOMBS["ratio"]())
    with pytest.raises(ImportFileError) as info:
        parse_roster_file(bomb)
    assert str(info.value).startswith("roster.xlsx") and "unpacks to" in str(info.value)


def test_a_five_thousand_character_name_is_refused_naming_the_field(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(f"First Name,Last Name,Period\n{'A' * 5000},Long,1\nAna,Short,1\n")
    parsed = parse_roster_file(roster)
    problems = [p.message for p in parsed.problems if p.code == "name_too_long"]
    assert problems == [
        "line 2: the given name is 5,000 characters long; names are limited to 120 characters "
        "(fix the file, or skip the line)"
    ]


def test_an_oversized_evidence_note_is_refused_naming_the_field(store: Store) -> None:
    evidence = EvidenceService(store, lambda: TAKEN_AT)
    with pytest.raises(ValidationError) as info:
        evidence.record(
            [], [], Level.GOT_IT, EvidenceSource.CONFERENCE, TAKEN_AT.date(), None, "n" * 2001
        )
    assert info.value.field == "note" and "2,000 characters" in str(info.value)
