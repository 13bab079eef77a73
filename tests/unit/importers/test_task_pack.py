"""Reading .mathroom-tasks packs: both formats, and every way a file can be unusable."""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathroom.domain.errors import ContentError, ValidationError
from mathroom.domain.ids import TaskId
from mathroom.domain.task_pack import MAX_TOTAL_BYTES, PACK_FORMAT, PACK_KIND
from mathroom.domain.tasks import JPEG, PNG, SVG, Task, TaskImage, TaskKind, TaskSpec
from mathroom.export.task_pack import pack_members, write_task_pack
from mathroom.importers.task_pack import parse_task_pack, read_task_pack
from mathroom.paths import resource

EXPORTED = datetime(2026, 11, 23, 7, 0)
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(40))
SVG_BYTES = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


def task(number: int, **changes: Any) -> Task:
    fields: dict[str, Any] = {
        "title": f"Task {number}",
        "kind": TaskKind.WARMUP,
        "prompt": f"Prompt {number}",
        "hints": ("one", "two"),
        "extensions": ("more",),
        "skill_codes": ("7.RP.A.1",),
        "minutes": 10,
        "slug": f"task-{number}",
        "image": TaskImage(f"diagram {number}.png", PNG_BYTES, PNG),
    }
    fields.update(changes)
    return Task(
        TaskId(number),
        TaskSpec(**fields),
        created_at=datetime(2025, 1, number, 9, 0),
        updated_at=datetime(2025, 2, number, 10, 30),
    )


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pack_json(tasks: list[dict[str, Any]], **top: Any) -> str:
    data = {"format": PACK_FORMAT, "kind": PACK_KIND, "exported_at": None, "tasks": tasks}
    data.update(top)
    return json.dumps(data)


def entry(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"title": "T", "kind": "warmup", "prompt": "P", "image": None}
    item.update(changes)
    return item


def real_pack(tmp_path: Path) -> Path:
    out = tmp_path / "real.mathroom-tasks"
    write_task_pack([task(1), task(2, image=None), task(3)], out, EXPORTED, "1.2.3")
    return out


def refused(data: bytes) -> str:
    with pytest.raises(ContentError) as caught:
        parse_task_pack(data, "pack.mathroom-tasks")
    return str(caught.value)


# -- good packs -----------------------------------------------------------------------
def test_a_written_pack_reads_back_unchanged_and_the_same_bytes_twice(tmp_path: Path) -> None:
    tasks = [task(2, image=TaskImage("shape.svg", SVG_BYTES, SVG)), task(1), task(3, image=None)]
    out = tmp_path / "a.mathroom-tasks"
    write_task_pack(tasks, out, EXPORTED, "1.2.3")
    pack = read_task_pack(out)
    assert (pack.format, pack.exported_at, pack.app_version) == (2, EXPORTED, "1.2.3")
    assert [(t.spec, t.created_at, t.updated_at) for t in pack.tasks] == [
        (t.spec, t.created_at, t.updated_at) for t in sorted(tasks, key=lambda t: t.title)
    ]
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["pack.json", "images/1.png", "images/2.svg"]
    again = tmp_path / "b.mathroom-tasks"
    write_task_pack(list(reversed(tasks)), again, EXPORTED, "1.2.3")
    assert again.read_bytes() == out.read_bytes()


def test_a_projects_days_and_rubric_travel_in_a_pack(tmp_path: Path) -> None:
    project = task(
        4,
        kind=TaskKind.PROJECT,
        milestones=("Launch: measure", "Work day", "Gallery & critique"),
        rubric=("My scale is stated and every length uses it", "Labels on every object"),
    )
    out = tmp_path / "projects.mathroom-tasks"
    write_task_pack([project, task(1)], out, EXPORTED, "1.2.3")
    read = {t.spec.title: t.spec for t in read_task_pack(out).tasks}
    assert read["Task 4"] == project.spec
    assert read["Task 1"].milestones == read["Task 1"].rubric == ()
    manifest = json.loads(zipfile.ZipFile(out).read("pack.json"))
    assert manifest["tasks"][1]["milestones"][0] == "Launch: measure"


def test_a_pack_written_before_projects_had_days_still_loads() -> None:
    data = zip_bytes({"pack.json": pack_json([entry(kind="project", title="Old project")])})
    (only,) = parse_task_pack(data).tasks
    assert only.spec.kind is TaskKind.PROJECT
    assert (only.spec.milestones, only.spec.rubric, only.spec.days) == ((), (), 1)


def test_the_image_type_comes_from_the_bytes_not_the_name() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 20
    data = zip_bytes(
        {
            "pack.json": pack_json([entry(image="images/1.png", image_name="photo.png")]),
            "images/1.png": jpeg,
        }
    )
    image = parse_task_pack(data).tasks[0].spec.image
    assert image is not None and (image.media_type, image.name) == (JPEG, "photo.png")


def test_an_image_name_keeps_only_its_file_name() -> None:
    data = zip_bytes(
        {
            "pack.json": pack_json([entry(image="images/1.png", image_name="..\\..\\evil.png")]),
            "images/1.png": PNG_BYTES,
        }
    )
    image = parse_task_pack(data).tasks[0].spec.image
    assert image is not None and image.name == "evil.png"


def test_a_format_1_pack_is_upgraded() -> None:
    old = {
        "format": 1,
        "tasks": [
            {
                "slug": "old-task",
                "title": "An older task",
                "kind": "whiteboard",
                "prompt": "Share 3 pizzas among 4 people.",
                "start": "Draw it.",
                "hints": ["Cut each pizza."],
                "extensions": ["Now 5 people."],
                "answer": "3/4 each",
                "skills": ["7.RP.A.1", "6.NS.A.1"],
                "minutes": 15,
            }
        ],
    }
    pack = parse_task_pack(zip_bytes({"tasks.json": json.dumps(old)}))
    assert pack.format == 1
    (only,) = pack.tasks
    assert only.spec == TaskSpec(
        title="An older task",
        kind=TaskKind.WHITEBOARD,
        prompt="Share 3 pizzas among 4 people.",
        start="Draw it.",
        extensions=("Now 5 people.",),
        hints=("Cut each pizza.",),
        answer="3/4 each",
        skill_codes=("7.RP.A.1", "6.NS.A.1"),
        minutes=15,
        slug="old-task",
    )
    assert (only.created_at, only.updated_at, only.spec.image) == (None, None, None)


def test_the_whole_starter_bank_reads_as_a_format_1_pack() -> None:
    starter = resource("tasks", "starter_tasks.json").read_text(encoding="utf-8")
    pack = parse_task_pack(zip_bytes({"tasks.json": starter}))
    assert len(pack.tasks) == len(json.loads(starter)["tasks"]) > 10


# -- refused files ----------------------------------------------------------------------
def test_a_file_that_is_not_a_zip_is_refused() -> None:
    assert "is not a Mathroom task pack (not a zip file)" in refused(b"Period 3 notes\n")
    assert "not a zip file" in refused(PNG_BYTES)
    assert "not a zip file" in refused(b"")


def test_a_truncated_pack_is_damaged(tmp_path: Path) -> None:
    data = real_pack(tmp_path).read_bytes()
    assert "damaged" in refused(data[: len(data) // 2])
    assert "damaged" in refused(data[:-10])


def test_a_pack_with_flipped_bytes_is_damaged(tmp_path: Path) -> None:
    data = bytearray(real_pack(tmp_path).read_bytes())
    start = 30 + len("pack.json")  # the local header, then pack.json's compressed bytes
    for offset in range(start + 5, start + 15):
        data[offset] ^= 0xFF
    assert "damaged" in refused(bytes(data))


def test_a_stored_member_with_a_bad_crc_is_damaged() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("pack.json", pack_json([entry()]))
    data = buffer.getvalue().replace(b'"prompt": "P"', b'"prompt": "Q"')
    assert "damaged" in refused(data)


def test_a_foreign_zip_is_refused() -> None:
    assert "is not a Mathroom task pack" in refused(zip_bytes({"readme.txt": "hello"}))
    other_kind = zip_bytes({"pack.json": pack_json([], kind="photo-album")})
    assert "is not a Mathroom task pack" in refused(other_kind)
    vscode = zip_bytes({"tasks.json": '{"version": "2.0.0", "tasks": []}'})
    assert "is not a Mathroom task pack" in refused(vscode)
    assert "not valid UTF-8 JSON" in refused(zip_bytes({"pack.json": b"\xff\xfe{"}))


def test_a_pack_from_a_newer_mathroom_asks_for_an_update() -> None:
    message = refused(zip_bytes({"pack.json": pack_json([], format=PACK_FORMAT + 1)}))
    assert "made by a newer Mathroom" in message and "update" in message


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (entry(title=""), ["task 2", "title"]),
        (entry(title="x" * 121), ["task 2", "title"]),
        (entry(kind="lecture"), ["task 2", "kind"]),
        (entry(minutes=0), ["task 2", "minutes"]),
        (entry(minutes=True), ["task 2", "minutes"]),
        (entry(hints="not a list"), ["task 2", "hints"]),
        (entry(created_at="yesterday"), ["task 2", "created_at"]),
        (entry(slug="task-1"), ["task 2", "slug", "task 1"]),
        (entry(title="Quilt", milestones="Launch"), ["task 2", "Quilt", "milestones"]),
        (entry(title="Quilt", milestones=["Launch", 2]), ["task 2", "Quilt", "milestones"]),
        (entry(title="Quilt", milestones=["Launch", " "]), ["task 2", "Quilt", "milestones"]),
        (entry(title="Quilt", milestones=["Day"] * 16), ["task 2", "Quilt", "milestones"]),
        (entry(title="Quilt", rubric=["Neat", ""]), ["task 2", "Quilt", "rubric"]),
        (entry(title="Quilt", rubric={"row": "Neat"}), ["task 2", "Quilt", "rubric"]),
    ],
)
def test_a_bad_task_names_its_number_and_field(item: dict[str, Any], words: list[str]) -> None:
    data = zip_bytes({"pack.json": pack_json([entry(slug="task-1"), item])})
    message = refused(data)
    assert all(word in message for word in words), message


@pytest.mark.parametrize(
    "path",
    ["../../etc/passwd", "images/../pack.json", "/images/1.png", "images\\1.png", "pack.json", 7],
)
def test_an_image_path_outside_the_images_folder_is_refused(path: object) -> None:
    data = zip_bytes({"pack.json": pack_json([entry(image=path)]), "images/1.png": PNG_BYTES})
    assert "is not inside the pack's images/ folder" in refused(data)


def test_a_missing_image_is_refused() -> None:
    data = zip_bytes({"pack.json": pack_json([entry(image="images/1.png")])})
    assert re.search(r"task 1: image images/1\.png is missing", refused(data))


def test_an_image_that_is_not_png_jpeg_or_svg_is_refused() -> None:
    data = zip_bytes(
        {"pack.json": pack_json([entry(image="images/1.png")]), "images/1.png": b"GIF89a...."}
    )
    assert "is not a PNG, JPEG or SVG image" in refused(data)


def test_an_oversize_image_is_refused() -> None:
    big = PNG_BYTES + b"\x00" * (5 * 2**20)
    data = zip_bytes({"pack.json": pack_json([entry(image="images/1.png")]), "images/1.png": big})
    assert "over 5 MB" in refused(data)


def test_a_zip_bomb_is_refused_from_its_directory() -> None:
    data = zip_bytes({"pack.json": pack_json([]), "images/filler.png": b"\x00" * MAX_TOTAL_BYTES})
    assert len(data) < MAX_TOTAL_BYTES // 100  # zeros squash: tiny on disk, huge unpacked
    assert "too large to open" in refused(data)


def test_the_writer_refuses_a_pack_the_reader_would_refuse() -> None:
    huge = PNG_BYTES + b"\x00" * (MAX_TOTAL_BYTES // 10)
    tasks = [task(n, image=TaskImage("big.png", huge, PNG)) for n in range(1, 12)]
    with pytest.raises(ValidationError, match="tasks: these tasks come to over 50 MB"):
        pack_members(tasks, EXPORTED, "1.2.3")


def test_a_failed_write_leaves_the_old_file_and_no_half_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "bank.mathroom-tasks"
    out.write_bytes(b"the previous pack")
    real_writestr = zipfile.ZipFile.writestr

    def failing_writestr(self: zipfile.ZipFile, info: Any, data: Any, *args: Any) -> None:
        if str(getattr(info, "filename", info)).startswith("images/"):
            raise OSError("disk full")
        real_writestr(self, info, data, *args)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(OSError, match="disk full"):
        write_task_pack([task(1)], out, EXPORTED, "1.2.3")
    assert out.read_bytes() == b"the previous pack"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        read_task_pack(tmp_path / "gone.mathroom-tasks")


# -- anything at all --------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_raise_only_content_errors(data: bytes) -> None:
    with pytest.raises(ContentError):
        parse_task_pack(data)


@pytest.fixture(scope="module")
def good_pack() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in pack_members([task(1), task(2, image=None)], EXPORTED, "1.2.3"):
            archive.writestr(name, data)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_real_pack_reads_or_raises_a_content_error(
    good_pack: bytes, data: st.DataObject
) -> None:
    damaged = bytearray(good_pack)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(damaged)))
    with contextlib.suppress(ContentError):  # reading fine is fine too: any other error isn't
        parse_task_pack(bytes(damaged[:cut] if data.draw(st.booleans()) else damaged))
