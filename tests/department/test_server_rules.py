"""The library's own rules on the server: who may read, publish, change and retire what.

Checked with plain SQL as each role, as any other client of the server would try it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import keyring
import pytest
from sqlalchemy import text

from mathroom.domain.errors import ValidationError
from mathroom.services.department import init_server
from mathroom.store.department.schema import LibrarySetupError
from mathroom.store.department.server import LibraryUnreachableError, connect
from tests.department.conftest import Department
from tests.department.pg_cluster import PASSWORD

pytestmark = pytest.mark.any_date

BEN_ITEM = (
    "INSERT INTO mathroom.item (kind, title, head, fingerprint) "
    "VALUES ('task', 'Ben''s task', 1, 'f1') RETURNING id"
)


def _refused(department: Department, statement: str, user: str) -> str:
    with pytest.raises(subprocess.CalledProcessError) as caught:
        department.sql(statement, user)
    return str(caught.value.stderr)


def _ben_item(department: Department) -> str:
    item = department.sql(BEN_ITEM, "ben").splitlines()[0]
    department.sql(
        "INSERT INTO mathroom.item_version (item_id, version, content, fingerprint) "
        f"VALUES ('{item}', 1, '{{\"title\": \"Ben''s task\"}}', 'f1')",
        "ben",
    )
    return item


def test_teachers_read_everything_and_change_only_their_own(department: Department) -> None:
    item = _ben_item(department)
    assert department.sql("SELECT owner FROM mathroom.item", "cho") == "ben"
    assert department.sql("SELECT count(*) FROM mathroom.item_version", "cho") == "1"
    # Row-level security hides ben's row from cho's UPDATE: nothing changes.
    department.sql(f"UPDATE mathroom.item SET title = 'Mine now' WHERE id = '{item}'", "cho")
    assert department.sql("SELECT title FROM mathroom.item", "ben") == "Ben's task"
    refused = _refused(
        department,
        "INSERT INTO mathroom.item_version (item_id, version, content, fingerprint) "
        f"VALUES ('{item}', 2, '{{}}', 'f2')",
        "cho",
    )
    assert "row-level security" in refused
    spoofed = "INSERT INTO mathroom.item (kind, title, head, fingerprint, owner) VALUES "
    refused = _refused(department, spoofed + "('task', 'x', 1, 'f', 'ben')", "cho")
    assert "row-level security" in refused
    assert "permission denied" in _refused(department, "DELETE FROM mathroom.item", "ben")
    assert "permission denied" in _refused(
        department, "UPDATE mathroom.item_version SET fingerprint = 'x'", "ben"
    )


def test_only_a_lead_retires_and_a_lead_changes_nothing_else(department: Department) -> None:
    item = _ben_item(department)
    retire = f"UPDATE mathroom.item SET retired_at = now() WHERE id = '{item}'"
    assert "permission denied" in _refused(department, retire, "cho")
    assert "permission denied" in _refused(department, retire, "ben")
    refused = _refused(
        department, f"UPDATE mathroom.item SET title = 'Ana''s' WHERE id = '{item}'", "ana"
    )
    assert "only its owner" in refused
    department.sql(retire, "ana")
    assert department.sql("SELECT retired_by FROM mathroom.item", "cho") == "ana"


def test_someone_outside_the_department_sees_nothing(department: Department) -> None:
    _ben_item(department)
    assert "permission denied" in _refused(department, "SELECT * FROM mathroom.item", "dee")


def test_the_library_has_no_place_for_students(department: Department) -> None:
    item = department.sql(BEN_ITEM, "ben").splitlines()[0]
    refused = _refused(
        department,
        "INSERT INTO mathroom.item_version (item_id, version, content, fingerprint) "
        f"VALUES ('{item}', 1, '{{\"student\": \"Ava Chen\"}}', 'f1')",
        "ben",
    )
    assert "check constraint" in refused
    columns = department.sql(
        "SELECT table_name || '.' || column_name FROM information_schema.columns "
        "WHERE table_schema = 'mathroom'"
    ).split()
    assert columns and not [c for c in columns if "student" in c or "evidence" in c]


def test_init_is_safe_to_run_again_and_names_a_missing_role(department: Department) -> None:
    again = init_server(department.address("ana"), teachers=["ben", "cho"], leads=["ana"])
    assert again.from_revision == again.to_revision == "d001"
    assert again.teachers_added == () and again.leads_added == ()
    added = init_server(department.address("ana"), teachers=["dee"])
    assert added.teachers_added == ("dee",)
    with pytest.raises(LibrarySetupError, match="nobody"):
        init_server(department.address("ana"), teachers=["nobody"])
    # The failed run changed nothing: dee is still a teacher, nobody was half-added.
    assert department.sql("SELECT count(*) FROM mathroom.item", "dee") == "0"


def test_a_teacher_cannot_set_up_the_library(department: Department) -> None:
    fresh = f"{department.database}_b"
    department.cluster.psql(f"CREATE DATABASE {fresh} OWNER ana")
    address = Department(department.cluster, fresh).address("ben")
    with pytest.raises(LibrarySetupError, match="permission denied"):
        init_server(address)


def test_an_address_with_a_password_is_refused() -> None:
    from mathroom.services.department import ServerAddress

    with pytest.raises(ValidationError, match="password"):
        ServerAddress.parse("postgresql://ben:secret@127.0.0.1/dept")


def test_the_keychain_gives_the_password_when_libpq_has_none(
    department: Department, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "pgpass"
    empty.write_text("", encoding="utf-8")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    address = department.address("ben")
    with pytest.raises(LibraryUnreachableError, match="password"), connect(address):
        pass  # neither libpq's file nor the keychain has it
    asked: list[tuple[str, str]] = []

    def keychain(service: str, user: str) -> str:
        asked.append((service, user))
        return PASSWORD

    monkeypatch.setattr(keyring, "get_password", keychain)
    with connect(address) as connection:
        assert connection.execute(text("SELECT current_user")).scalar_one() == "ben"
    assert asked == [("mathroom-library", f"ben@{address.identity}")]
