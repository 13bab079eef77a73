"""Tasks: whiteboard tasks, warm-ups, projects, math art, exit tickets and more."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from mathroom.domain.errors import ValidationError
from mathroom.domain.ids import PeriodId, TaskId

TITLE_MAX = 120
SLUG_MAX = 80
IMAGE_NAME_MAX = 120
MINUTES_RANGE = (1, 240)
IMAGE_MAX_BYTES = 5 * 1024 * 1024

PNG = "image/png"
JPEG = "image/jpeg"
SVG = "image/svg+xml"
IMAGE_EXTENSIONS = {PNG: "png", JPEG: "jpg", SVG: "svg"}

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_SVG_HEAD = 4096  # an XML declaration, comments and a doctype may come before <svg


class TaskKind(StrEnum):
    WHITEBOARD = "whiteboard"
    WARMUP = "warmup"
    PRACTICE = "practice"
    PROJECT = "project"
    MATH_ART = "math_art"
    EXIT_TICKET = "exit_ticket"
    DISCUSSION = "discussion"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TaskKind.WHITEBOARD: "Whiteboard task",
    TaskKind.WARMUP: "Warm-up",
    TaskKind.PRACTICE: "Targeted practice",
    TaskKind.PROJECT: "Project",
    TaskKind.MATH_ART: "Math art",
    TaskKind.EXIT_TICKET: "Exit ticket",
    TaskKind.DISCUSSION: "Discussion prompt",
}


def image_type(data: bytes) -> str | None:
    """The media type the bytes really hold (PNG, JPEG or SVG), or None.

    Decided by content, never by file name: a renamed file must not pass as an image.
    """
    if data.startswith(_PNG_MAGIC):
        return PNG
    if data.startswith(_JPEG_MAGIC):
        return JPEG
    head = data[:_SVG_HEAD].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("<") and "<svg" in head:
        return SVG
    return None


@dataclass(frozen=True, slots=True)
class TaskImage:
    """A diagram shown with the task: the file's name, its bytes and their media type."""

    name: str
    data: bytes
    media_type: str

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> TaskImage:
        """Sniff the type; ValidationError when the bytes are not PNG, JPEG or SVG."""
        media_type = image_type(data)
        if media_type is None:
            raise ValidationError("image", f"{name} is not a PNG, JPEG or SVG image")
        return cls(name, data, media_type)

    @property
    def extension(self) -> str:
        return IMAGE_EXTENSIONS.get(self.media_type, "bin")


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task's content, before (or apart from) its database identity."""

    title: str
    kind: TaskKind
    prompt: str
    start: str | None = None
    extensions: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    answer: str | None = None
    teacher_notes: str | None = None
    skill_codes: tuple[str, ...] = ()
    minutes: int | None = None
    materials: str | None = None
    slug: str | None = None
    image: TaskImage | None = None
    # A project or piece of math art runs over several days, one milestone a day
    # ("Launch", "Work day", "Gallery & critique"); other tasks fit in one block.
    milestones: tuple[str, ...] = ()
    rubric: tuple[str, ...] = ()  # the criteria a project is assessed on, one per row

    @property
    def days(self) -> int:
        """How many school days the task takes (1 unless it has milestones)."""
        return max(1, len(self.milestones))


# The days a project or a piece of math art gets when its author gave none.
DEFAULT_MILESTONES = {
    TaskKind.PROJECT: ("Launch", "Work day", "Work day", "Gallery & critique"),
    TaskKind.MATH_ART: ("Launch", "Work day", "Gallery & critique"),
}
MILESTONES_MAX = 15
MILESTONE_MAX = 60
RUBRIC_MAX = 8


def milestone_role(milestones: Sequence[str], index: int) -> str:
    """What happens on milestone ``index``: "launch" (the first), "critique" (the last of
    two or more), otherwise "work". The packet prints the brief and rubric on the launch
    and gallery-walk slips on the critique."""
    if index == 0:
        return "launch"
    if index == len(milestones) - 1:
        return "critique"
    return "work"


# Snapshots built outside the store (previews, tests) have no real dates.
UNDATED = datetime.min


@dataclass(frozen=True, slots=True)
class Task:
    id: TaskId
    spec: TaskSpec
    archived: bool = False
    created_at: datetime = UNDATED
    updated_at: datetime = UNDATED

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def kind(self) -> TaskKind:
        return self.spec.kind


@dataclass(frozen=True, slots=True)
class TaskUse:
    """A day a task was (or is) planned for a period, in a block or at a station."""

    on: date
    period_id: PeriodId
    period_name: str


def validate_task(spec: TaskSpec) -> list[ValidationError]:
    """Every rule the spec breaks, each naming its field; empty when it can be saved."""
    problems: list[ValidationError] = []
    if not spec.title.strip():
        problems.append(ValidationError("title", "the task needs a title"))
    elif len(spec.title) > TITLE_MAX:
        problems.append(ValidationError("title", f"keep the title under {TITLE_MAX} characters"))
    if not spec.prompt.strip():
        problems.append(ValidationError("prompt", "the task needs a prompt"))
    for field, items in (("extensions", spec.extensions), ("hints", spec.hints)):
        if any(not item.strip() for item in items):
            problems.append(ValidationError(field, f"remove the empty {field[:-1]}"))
    low, high = MINUTES_RANGE
    if spec.minutes is not None and not low <= spec.minutes <= high:
        problems.append(ValidationError("minutes", f"minutes must be between {low} and {high}"))
    if spec.slug is not None and not 0 < len(spec.slug) <= SLUG_MAX:
        problems.append(ValidationError("slug", f"a slug has 1 to {SLUG_MAX} characters"))
    if spec.image is not None:
        problems.extend(_image_problems(spec.image))
    problems.extend(_project_problems(spec))
    return problems


def _project_problems(spec: TaskSpec) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if len(spec.milestones) > MILESTONES_MAX:
        problems.append(
            ValidationError("milestones", f"a task can have at most {MILESTONES_MAX} days")
        )
    if any(not m.strip() or len(m) > MILESTONE_MAX for m in spec.milestones):
        problems.append(
            ValidationError("milestones", f"name each day in 1 to {MILESTONE_MAX} characters")
        )
    if len(spec.rubric) > RUBRIC_MAX:
        problems.append(ValidationError("rubric", f"keep the rubric to {RUBRIC_MAX} rows"))
    if any(not row.strip() for row in spec.rubric):
        problems.append(ValidationError("rubric", "remove the empty rubric row"))
    return problems


def _image_problems(image: TaskImage) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if not image.name.strip() or len(image.name) > IMAGE_NAME_MAX:
        problem = f"the image's file name must be 1 to {IMAGE_NAME_MAX} characters"
        problems.append(ValidationError("image", problem))
    if len(image.data) > IMAGE_MAX_BYTES:
        megabytes = IMAGE_MAX_BYTES // (1024 * 1024)
        problems.append(ValidationError("image", f"the image is over {megabytes} MB"))
    if image.media_type not in IMAGE_EXTENSIONS or image_type(image.data) != image.media_type:
        problems.append(ValidationError("image", "the image must be a PNG, JPEG or SVG file"))
    return problems


class TaskMatch(StrEnum):
    """How an incoming task (from a pack) relates to the bank."""

    NEW = "new"
    SAME = "same"  # identical content is already in the bank: nothing to add
    DUPLICATE = "duplicate"  # same slug, or same title and prompt, but different content


def match_task(spec: TaskSpec, bank: Iterable[Task]) -> tuple[TaskMatch, Task | None]:
    """Classify ``spec`` against the bank; the bank task it matches, if any.

    Content is every field but the slug (a copy has none); skill order doesn't count.
    """
    candidates = [
        task
        for task in bank
        if (spec.slug is not None and task.spec.slug == spec.slug)
        or _identity(task.spec) == _identity(spec)
    ]
    for task in candidates:
        if _content(task.spec) == _content(spec):
            return TaskMatch.SAME, task
    if not candidates:
        return TaskMatch.NEW, None
    by_slug = [t for t in candidates if spec.slug is not None and t.spec.slug == spec.slug]
    return TaskMatch.DUPLICATE, (by_slug or candidates)[0]


def titled_copy(spec: TaskSpec, suffix: str) -> TaskSpec:
    """A copy with ``suffix`` on its title (shortened to fit) and no slug."""
    title = spec.title.rstrip()[: TITLE_MAX - len(suffix)].rstrip() + suffix
    return replace(spec, title=title, slug=None)


def in_skill_order(codes: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    """Known codes in skill-map order, each once; unknown codes are left out."""
    wanted = set(codes)
    return tuple(code for code in order if code in wanted)


def _identity(spec: TaskSpec) -> tuple[str, str]:
    return spec.title.strip().casefold(), spec.prompt.strip()


def _content(spec: TaskSpec) -> TaskSpec:
    return replace(spec, slug=None, skill_codes=tuple(sorted(set(spec.skill_codes))))
