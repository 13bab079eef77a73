"""The department library: items, their versions, the two group roles, row-level security.

Revision ID: d001
Revises:
Create Date: 2026-12-03 19:00:00

Group roles are named after the database (``<db>_teacher``, ``<db>_lead``), so two
departments on one server stay apart. A teacher reads every item and changes only their own;
a lead (also a teacher) can retire anyone's item and nothing else of it. There is no place
for students: item content is limited to the fields of tasks, units, plan templates and packs.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "d001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every top-level field an item's content may have (tasks, units, templates, packs).
CONTENT_FIELDS = (
    "title", "kind", "prompt", "start", "extensions", "hints", "answer", "teacher_notes",
    "skill_codes", "minutes", "materials", "image_name", "milestones", "rubric",
    "name", "weeks", "summary", "tasks", "blocks",
)  # fmt: skip

TABLES = f"""
CREATE TABLE mathroom.item (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind varchar(20) NOT NULL
        CHECK (kind IN ('task', 'unit', 'plan_template', 'task_pack')),
    key varchar(80),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    owner varchar(63) NOT NULL DEFAULT current_user,
    head integer NOT NULL CHECK (head >= 1),
    fingerprint varchar(64) NOT NULL,
    -- Mathroom writes the publishing laptop's time (the app's one clock); now() only for
    -- rows written by hand (psql).
    published_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz,
    retired_by varchar(63),
    -- The transaction that last wrote the row: a pull asks only for rows written since the
    -- oldest transaction still running at its previous pull.
    changed_xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT item_kind_key UNIQUE (kind, key)
);
CREATE TABLE mathroom.item_version (
    item_id uuid NOT NULL REFERENCES mathroom.item (id),
    version integer NOT NULL CHECK (version >= 1),
    author varchar(63) NOT NULL DEFAULT current_user,
    content jsonb NOT NULL CHECK (
        jsonb_typeof(content) = 'object'
        AND content - ARRAY[{", ".join(f"'{name}'" for name in CONTENT_FIELDS)}] = '{{}}'::jsonb
    ),
    image bytea CHECK (octet_length(image) <= 5242880),
    fingerprint varchar(64) NOT NULL,
    -- Mathroom writes the publishing laptop's time (the app's one clock); now() only for
    -- rows written by hand (psql).
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (item_id, version)
);
CREATE INDEX item_owner ON mathroom.item (owner);
CREATE INDEX item_changed ON mathroom.item (changed_xact);
"""

GUARDS = """
CREATE FUNCTION mathroom.item_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.retired_at := NULL;
    NEW.retired_by := NULL;
    NEW.changed_xact := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER item_insert BEFORE INSERT ON mathroom.item
    FOR EACH ROW EXECUTE FUNCTION mathroom.item_insert();

CREATE FUNCTION mathroom.item_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.id, NEW.kind, NEW.owner) IS DISTINCT FROM (OLD.id, OLD.kind, OLD.owner)
       OR NEW.key IS DISTINCT FROM OLD.key THEN
        RAISE EXCEPTION 'a library item keeps its id, kind, key and owner'
            USING ERRCODE = '42501';
    END IF;
    IF OLD.owner <> current_user
       AND (NEW.title, NEW.head, NEW.fingerprint, NEW.published_at)
           IS DISTINCT FROM (OLD.title, OLD.head, OLD.fingerprint, OLD.published_at) THEN
        RAISE EXCEPTION 'only its owner publishes versions of a library item'
            USING ERRCODE = '42501';
    END IF;
    IF NEW.head < OLD.head THEN
        RAISE EXCEPTION 'a library item''s version never goes back' USING ERRCODE = '23514';
    END IF;
    IF NEW.retired_at IS DISTINCT FROM OLD.retired_at THEN
        NEW.retired_by := CASE WHEN NEW.retired_at IS NULL THEN NULL ELSE current_user END;
    ELSE
        NEW.retired_by := OLD.retired_by;
    END IF;
    NEW.changed_xact := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER item_update BEFORE UPDATE ON mathroom.item
    FOR EACH ROW EXECUTE FUNCTION mathroom.item_update();

"""

# Roles, policies and grants name the database's group roles: built with format(%I).
SECURITY = """
DO $$
DECLARE
    teacher text := left(current_database(), 50) || '_teacher';
    lead text := left(current_database(), 50) || '_lead';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = teacher) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', teacher);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = lead) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', lead);
    END IF;
    EXECUTE format('GRANT %I TO %I', teacher, lead);

    ALTER TABLE mathroom.item ENABLE ROW LEVEL SECURITY;
    ALTER TABLE mathroom.item FORCE ROW LEVEL SECURITY;
    ALTER TABLE mathroom.item_version ENABLE ROW LEVEL SECURITY;
    ALTER TABLE mathroom.item_version FORCE ROW LEVEL SECURITY;

    EXECUTE format('CREATE POLICY read_department ON mathroom.item FOR SELECT TO %I '
                   'USING (true)', teacher);
    EXECUTE format('CREATE POLICY publish_own ON mathroom.item FOR INSERT TO %I '
                   'WITH CHECK (owner = current_user)', teacher);
    EXECUTE format('CREATE POLICY change_own ON mathroom.item FOR UPDATE TO %I '
                   'USING (owner = current_user) WITH CHECK (owner = current_user)', teacher);
    EXECUTE format('CREATE POLICY lead_retires ON mathroom.item FOR UPDATE TO %I '
                   'USING (true) WITH CHECK (true)', lead);
    EXECUTE format('CREATE POLICY read_department ON mathroom.item_version FOR SELECT TO %I '
                   'USING (true)', teacher);
    EXECUTE format('CREATE POLICY publish_own ON mathroom.item_version FOR INSERT TO %I '
                   'WITH CHECK (author = current_user AND EXISTS ('
                   'SELECT 1 FROM mathroom.item i WHERE i.id = item_id '
                   'AND i.owner = current_user AND i.retired_at IS NULL))', teacher);

    EXECUTE format('GRANT USAGE ON SCHEMA mathroom TO %I', teacher);
    EXECUTE format('GRANT SELECT ON mathroom.alembic_version TO %I', teacher);
    EXECUTE format('GRANT SELECT, INSERT ON mathroom.item, mathroom.item_version TO %I',
                   teacher);
    EXECUTE format('GRANT UPDATE (title, head, fingerprint, published_at) '
                   'ON mathroom.item TO %I', teacher);
    EXECUTE format('GRANT UPDATE (retired_at) ON mathroom.item TO %I', lead);
END $$;
"""


def upgrade() -> None:
    op.execute(TABLES)
    op.execute(GUARDS)
    op.execute(SECURITY)


def downgrade() -> None:
    op.execute("DROP TABLE mathroom.item_version")
    op.execute("DROP TABLE mathroom.item")
    op.execute("DROP FUNCTION mathroom.item_insert, mathroom.item_update")
