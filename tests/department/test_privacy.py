"""Students never leave the laptop: after the demo classroom is published whole, no table or
column of the library on the server holds any student's name or number, nor their notes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from mathroom.services.department import DepartmentLibraryService
from mathroom.store.tables import EvidenceRow, StudentRow
from mathroom.store.unit_of_work import Store
from tests.department.conftest import Department, Ticking

pytestmark = pytest.mark.any_date


def _student_words(store: Store) -> set[str]:
    """Full names, family names, student numbers and evidence notes: what must never leave.
    (A given name alone may be in a word problem: "Carlos makes a scaled copy".)"""
    with store.unit_of_work() as session:
        rows = session.execute(
            select(
                StudentRow.given_name,
                StudentRow.family_name,
                StudentRow.preferred_name,
                StudentRow.student_number,
            )
        ).all()
        notes = session.scalars(select(EvidenceRow.note).where(EvidenceRow.note.is_not(None)))
        words = {str(note) for note in notes if len(str(note)) >= 12}
    for given, family, preferred, number in rows:
        words |= {f"{given} {family}", f"{family}, {given}", family}
        words |= {f"{preferred} {family}"} if preferred else set()
        words |= {number} if number else set()
    return {w for w in words if len(w) >= 3}


def test_publishing_the_demo_classroom_sends_nothing_about_students(
    department: Department, demo_store: Store, ticking: Ticking
) -> None:
    names = _student_words(demo_store)
    assert len(names) > 100  # the demo's 65 students, given and family names and numbers
    report = DepartmentLibraryService(demo_store, ticking).publish(department.address("ben"))
    assert report.count > 100 and not report.failed

    tables = department.sql(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
    ).split()
    assert "mathroom.item" in tables and "mathroom.item_version" in tables
    # Every row of every table as text, including JSON content, decoded images' bytes aside.
    dump = "\n".join(
        department.sql(f"SELECT t::text FROM {table} AS t") for table in sorted(tables)
    ).casefold()
    pattern = "|".join(re.escape(n.casefold()) for n in sorted(names, key=len, reverse=True))
    found = sorted(set(re.findall(rf"\b(?:{pattern})\b", dump)))
    assert found == [], f"student data on the server: {found[:5]}"
