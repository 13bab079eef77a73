"""`mathroom classroom list | new | use`, and every verb working in the open classroom."""

from __future__ import annotations

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.paths import CLASSROOMS_FILE, DataFolder


def run(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, folder: DataFolder, *args: str
) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(folder.root)], clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_new_use_and_list(
    demo_folder: DataFolder, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_folder.root
    code, out, err = run(capsys, clock, demo_folder, "classroom", "list")
    assert (code, err) == (0, "")
    assert out == f"* Demo classroom\tdemo\t{root}\n"

    code, out, err = run(capsys, clock, demo_folder, "classroom", "new", "Room 14")
    assert code == 0, err
    assert out.startswith(f"Classroom 'Room 14' created in {root / 'classrooms' / 'room-14'}: ")
    assert "from Demo classroom; no students yet." in out
    assert out.endswith('Open it with: mathroom classroom use "Room 14"\n')

    code, out, _err = run(capsys, clock, demo_folder, "classroom", "use", "room 14")
    assert code == 0 and out == f"Room 14 opens from now on: {root / 'classrooms' / 'room-14'}\n"
    code, out, _err = run(capsys, clock, demo_folder, "classroom", "list")
    assert out == (
        f"  Demo classroom\tdemo\t{root}\n* Room 14\town\t{root / 'classrooms' / 'room-14'}\n"
    )

    # Every other verb works in the open classroom: a backup lands in Room 14's own folder.
    code, out, err = run(capsys, clock, demo_folder, "backup")
    assert code == 0, err
    assert str(root / "classrooms" / "room-14" / "backups") in out
    # The demo goes only into the demo classroom, never into the teacher's own.
    code, out, err = run(capsys, clock, demo_folder, "demo", "--if-empty")
    assert code == 0 and f"{root} already holds a classroom" in out
    code, out, _err = run(capsys, clock, demo_folder, "classroom", "use", "demo")
    assert code == 0 and out == f"Demo classroom opens from now on: {root}\n"


def test_from_demo_and_use_in_one_step(
    demo_folder: DataFolder, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, clock, demo_folder, "classroom", "new", "A", "--use")
    code, out, err = run(capsys, clock, demo_folder, "classroom", "new", "B", "--from-demo")
    assert code == 0, err
    assert "from Demo classroom" in out
    code, out, _err = run(capsys, clock, demo_folder, "classroom", "list")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["  Demo classroom", "* A", "  B"]


def test_failures_are_one_plain_line(
    folder: DataFolder, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, clock, folder, "classroom", "use", "Nowhere")
    assert (code, out) == (1, "")
    assert (
        err == "mathroom: There is no classroom called 'Nowhere'. The classrooms: 'My classroom'.\n"
    )
    code, _out, err = run(capsys, clock, folder, "classroom", "new", "Mine", "--from-demo")
    assert code == 1 and "no demo classroom in this data folder" in err
    assert not (folder.root / CLASSROOMS_FILE).exists()
    with pytest.raises(SystemExit) as usage:
        main(["classroom", "--data-dir", str(folder.root)], clock)
    assert usage.value.code == 2
