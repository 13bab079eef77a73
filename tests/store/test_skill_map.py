"""The teacher's changes to the skill map."""

from __future__ import annotations

from datetime import datetime

import pytest

from mathroom.domain.errors import ValidationError
from mathroom.services.evidence import EvidenceService
from mathroom.services.skill_map import SkillMapService
from mathroom.store.unit_of_work import Store

# The task bank and skill map read the same on any day: no reruns on calendar dates.
pytestmark = pytest.mark.any_date


def test_add_rename_hide_reorder(demo_store: Store, now: datetime) -> None:
    service = SkillMapService(demo_store)
    before = service.skills()
    added = service.add("MY-1", "Integer chips", "NS", 7, "Model adding with chips")
    assert service.skills()[-1].code == "MY-1"
    assert service.rename(added, "Integer chip models") == "Integer chips"
    service.move(added, -1)
    assert [s.code for s in service.skills()][-2] == "MY-1"
    service.set_hidden(before[0].id, True)
    visible = EvidenceService(demo_store, lambda: now).skills()
    assert before[0].id not in {s.id for s in visible}
    assert len(service.skills()) == len(before) + 1  # hidden, not gone


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "Name", "NS", 7), "code"),
        (("7.NS.A.1b", "Taken", "NS", 7), "code"),
        (("X-1", " ", "NS", 7), "name"),
        (("X-2", "Name", "ZZ", 7), "domain"),
        (("X-3", "Name", "NS", 12), "grade"),
    ],
)
def test_bad_skills_name_the_field(
    demo_store: Store, args: tuple[str, str, str, int], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        SkillMapService(demo_store).add(*args)
    assert info.value.field == field
