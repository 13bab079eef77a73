"""The ``.mathroom-tasks`` pack format's fixed names and limits (described in full in
importers/task_pack.py).

The writer (export) and the reader (importers) both follow them, so neither depends on the
other.
"""

from __future__ import annotations

PACK_KIND = "mathroom-tasks"
PACK_FORMAT = 2
PACK_JSON = "pack.json"
IMAGE_FOLDER = "images"
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # unpacked, all members together
