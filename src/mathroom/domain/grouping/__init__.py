"""The grouping engine: visibly random groups that keep the teacher's rules.

Pure Python and deterministic for a given seed: randomness, time and cancellation come in as
arguments. ``form_groups`` is the entry point; ``assign_roles`` rotates roles in groups.
"""

from mathroom.domain.grouping.engine import form_groups
from mathroom.domain.grouping.errors import InfeasibleError, Rule
from mathroom.domain.grouping.history import PairHistory, recency_weight
from mathroom.domain.grouping.request import (
    BuddyRule,
    FixedStation,
    GroupingMode,
    GroupingRequest,
    PastRound,
    Remainder,
    SkillLevel,
)
from mathroom.domain.grouping.result import (
    ConstraintNote,
    GroupingResult,
    GroupReason,
    PairMeeting,
    PlannedRound,
    RepeatSummary,
    StopReason,
)
from mathroom.domain.grouping.sizes import GroupShape, group_shape

__all__ = [
    "BuddyRule",
    "ConstraintNote",
    "FixedStation",
    "GroupReason",
    "GroupShape",
    "GroupingMode",
    "GroupingRequest",
    "GroupingResult",
    "InfeasibleError",
    "PairHistory",
    "PairMeeting",
    "PastRound",
    "PlannedRound",
    "Remainder",
    "RepeatSummary",
    "Rule",
    "SkillLevel",
    "StopReason",
    "form_groups",
    "group_shape",
    "recency_weight",
]
