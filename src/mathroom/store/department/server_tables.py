"""The department library's tables on PostgreSQL, as SQLAlchemy Core sees them for queries.

The tables are created and changed only by the library's own migrations
(migrations/department); these definitions must match them. There is no table, column or
kind of item for students: the library holds tasks, units, plan templates and task packs.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

LIBRARY_SCHEMA = "mathroom"
metadata = MetaData(schema=LIBRARY_SCHEMA)

# One row per library item: who owns it, its newest version and whether a lead retired it.
item = Table(
    "item",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("kind", String(20), nullable=False),
    Column("key", String(80)),  # a starter item's slug, the same on every laptop
    Column("title", Text, nullable=False),
    Column("owner", String(63), nullable=False),
    Column("head", Integer, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("retired_by", String(63)),
)

# Every version ever published, never changed afterwards.
item_version = Table(
    "item_version",
    metadata,
    Column("item_id", Uuid, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("author", String(63), nullable=False),
    Column("content", JSONB, nullable=False),
    Column("image", LargeBinary),
    Column("fingerprint", String(64), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["item_id"], [item.c.id]),
)
