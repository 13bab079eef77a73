"""What a Plan page change announces. Its undo is exact: each change runs under a row
journal (services/undo_journal.py) and Ctrl+Z puts back exactly the rows it wrote, the
groups of replaced days included (ui/undo.py)."""

from __future__ import annotations

from mathroom.services.changes import Change

# A plan change can make groups (fresh stations) too.
PLAN_CHANGES = Change.PLANS | Change.GROUPS
