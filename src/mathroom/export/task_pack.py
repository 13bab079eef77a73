"""Write tasks as a ``.mathroom-tasks`` pack (format in importers/task_pack.py).

The same tasks, time and version give the same bytes: tasks go in title order, images are
numbered in that order, and every zip entry carries the export time.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from mathroom.atomic_files import write_atomically
from mathroom.domain.errors import ValidationError
from mathroom.domain.task_pack import (
    IMAGE_FOLDER,
    MAX_TOTAL_BYTES,
    PACK_FORMAT,
    PACK_JSON,
    PACK_KIND,
)
from mathroom.domain.tasks import Task

_EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a zip entry can't be dated before 1980


def write_task_pack(
    tasks: Sequence[Task], out: Path, exported_at: datetime, app_version: str
) -> None:
    """Write the pack atomically: a failure leaves no half-written file under ``out``."""
    members = pack_members(tasks, exported_at, app_version)
    at = exported_at
    stamp = (at.year, at.month, at.day, at.hour, at.minute, at.second)
    stamp = max(stamp, _EARLIEST_ZIP_TIME)

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)

    write_atomically(out, write)


def pack_members(
    tasks: Sequence[Task], exported_at: datetime, app_version: str
) -> list[tuple[str, bytes]]:
    """pack.json and the images, as (name in the zip, bytes), in writing order."""
    ordered = sorted(tasks, key=lambda t: (t.title.casefold(), t.title, t.id))
    images: list[tuple[str, bytes]] = []
    entries: list[dict[str, Any]] = []
    for number, task in enumerate(ordered, start=1):
        image, path = task.spec.image, None
        if image is not None:
            path = f"{IMAGE_FOLDER}/{number}.{image.extension}"
            images.append((path, image.data))
        entries.append(_entry(task, path))
    pack = {
        "format": PACK_FORMAT,
        "kind": PACK_KIND,
        "exported_at": exported_at.isoformat(),
        "app_version": app_version,
        "tasks": entries,
    }
    manifest = json.dumps(pack, ensure_ascii=False, indent=2).encode("utf-8")
    members = [(PACK_JSON, manifest), *images]
    if sum(len(data) for _, data in members) > MAX_TOTAL_BYTES:
        # The reader refuses anything bigger, so such a pack could never be opened again.
        raise ValidationError(
            "tasks", f"these tasks come to over {MAX_TOTAL_BYTES // 2**20} MB; export fewer"
        )
    return members


def _entry(task: Task, image_path: str | None) -> dict[str, Any]:
    spec = task.spec
    return {
        "title": spec.title,
        "kind": spec.kind.value,
        "prompt": spec.prompt,
        "start": spec.start,
        "extensions": list(spec.extensions),
        "hints": list(spec.hints),
        "answer": spec.answer,
        "teacher_notes": spec.teacher_notes,
        "skill_codes": list(spec.skill_codes),
        "minutes": spec.minutes,
        "materials": spec.materials,
        "milestones": list(spec.milestones),
        "rubric": list(spec.rubric),
        "slug": spec.slug,
        "created_at": task.created_at.isoformat(),
        "updated_at": task.updated_at.isoformat(),
        "image": image_path,
        "image_name": spec.image.name if spec.image else None,
    }
