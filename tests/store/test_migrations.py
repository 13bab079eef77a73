"""Schema creation and upgrades: only by Alembic, all-or-nothing, with a backup first."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from mathroom.paths import DataFolder
from mathroom.store import tables  # noqa: F401  (registers the tables)
from mathroom.store.backup import list_backups
from mathroom.store.base import Base
from mathroom.store.engine import make_engine
from mathroom.store.migrate import (
    SCHEMA_HEAD,
    MigrationError,
    SchemaTooNewError,
    alembic_config,
    head_revision,
    upgrade_to_head,
)
from mathroom.store.opening import DatabaseDamagedError, open_database
from tests.store.migration_fixtures import (
    FAILING,
    WORKING,
    revision_of,
    scripts_with_extra,
    snapshot,
)

# Backup mechanics only: when the copy was taken is a name, not a calendar decision.
TAKEN_AT = datetime(2026, 11, 23, 7, 0, 0)


def test_there_is_exactly_one_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1
    assert head_revision() == heads[0]
    # Opening an up-to-date file compares with this instead of asking Alembic.
    assert heads[0] == SCHEMA_HEAD, "set SCHEMA_HEAD in store/migrate.py to the new head"


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite"
    engine = make_engine(db)
    try:
        outcome = upgrade_to_head(engine, db, backups_dir=tmp_path / "b", now=TAKEN_AT)
        with engine.connect() as connection:
            names = {
                row[0]
                for row in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type='table'")
                )
            }
    finally:
        engine.dispose()
    assert outcome.from_revision is None and outcome.to_revision == head_revision()
    assert outcome.backup is None  # nothing to back up in a new file
    assert set(Base.metadata.tables) <= names


def test_orm_models_match_the_migrated_schema(migrated_db: Path) -> None:
    engine = make_engine(migrated_db)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_back(tmp_path: Path, migrated_db: Path) -> None:
    db = tmp_path / "m.sqlite"
    shutil.copyfile(migrated_db, db)
    engine = make_engine(db)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert revision_of(db) is None
        upgrade_to_head(engine, db, backups_dir=None, now=TAKEN_AT)
    finally:
        engine.dispose()
    assert revision_of(db) == head_revision()


def test_older_database_is_backed_up_before_the_upgrade(
    tmp_path: Path, demo_folder: DataFolder
) -> None:
    scripts = scripts_with_extra(tmp_path, WORKING, head_revision())
    db = demo_folder.database
    engine = make_engine(db)
    try:
        outcome = upgrade_to_head(
            engine, db, backups_dir=demo_folder.backups, now=TAKEN_AT, script_location=scripts
        )
    finally:
        engine.dispose()
    assert outcome.changed and outcome.to_revision == "0099"
    assert outcome.backup is not None
    assert revision_of(outcome.backup) == head_revision()  # the backup is the old version
    assert revision_of(db) == "0099"
    assert [b.reason for b in list_backups(demo_folder.backups)] == ["before-migration"]


def test_migration_failing_half_way_changes_nothing(
    tmp_path: Path, demo_folder: DataFolder
) -> None:
    db = demo_folder.database
    before = snapshot(db)
    scripts = scripts_with_extra(tmp_path, FAILING, head_revision())
    engine = make_engine(db)
    try:
        with pytest.raises(MigrationError, match="left exactly as it was"):
            upgrade_to_head(
                engine,
                db,
                backups_dir=demo_folder.backups,
                now=TAKEN_AT,
                script_location=scripts,
            )
    finally:
        engine.dispose()
    assert snapshot(db) == before
    assert revision_of(db) == head_revision()
    # ...and the app still opens the same folder with its own migrations.
    opened = open_database(demo_folder, TAKEN_AT)
    try:
        assert not opened.migration.changed
    finally:
        opened.store.close()


def test_database_from_a_newer_app_is_refused_untouched(migrated_folder: DataFolder) -> None:
    db = migrated_folder.database
    connection = sqlite3.connect(db)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = snapshot(db)
    with pytest.raises(SchemaTooNewError, match="newer version of Mathroom"):
        open_database(migrated_folder, TAKEN_AT)
    assert snapshot(db) == before


def test_a_foreign_sqlite_file_is_refused(folder: DataFolder) -> None:
    connection = sqlite3.connect(folder.database)
    connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    # Caught as damage is (tests/faults): moved aside, kept as it was, never migrated.
    with pytest.raises(DatabaseDamagedError, match="not a Mathroom database") as info:
        open_database(folder, TAKEN_AT)
    assert not folder.database.exists()
    with sqlite3.connect(info.value.moved_to) as kept:
        assert kept.execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]
    kept.close()
