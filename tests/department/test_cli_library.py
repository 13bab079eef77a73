"""`mathroom library init|status|publish|pull|resolve|retire --server postgresql://USER@HOST/DB`
against a real PostgreSQL: what each prints and how each fails."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mathroom.app import main
from mathroom.clock import FixedClock
from mathroom.paths import DataFolder
from tests.department.pg_cluster import Cluster

pytestmark = pytest.mark.any_date


def run(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, folder: DataFolder, *args: str
) -> tuple[int, str, str]:
    code = main(["library", *args, "--data-dir", str(folder.root)], clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_status_publish_pull(
    pg_cluster: Cluster,
    demo_folder: DataFolder,
    small_db: Path,
    tmp_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = f"cli_{os.getpid()}"
    pg_cluster.psql(f"CREATE DATABASE {database} OWNER ana")
    lead = pg_cluster.url("ana", database)
    code, out, err = run(
        capsys, clock, demo_folder, "init", "--server", lead,
        "--teacher", "ben", "--teacher", "cho", "--lead", "ana",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        f"Library schema: none -> d001 on postgresql://ana@127.0.0.1:{pg_cluster.port}/{database}",
        "teacher added: ben",
        "teacher added: cho",
        "lead added: ana",
    ]
    code, out, _ = run(capsys, clock, demo_folder, "init", "--server", lead, "--teacher", "ben")
    assert code == 0 and out.splitlines() == [f"Library schema: d001 -> d001 on {lead}"]

    ben = pg_cluster.url("ben", database)
    code, out, err = run(capsys, clock, demo_folder, "status", "--server", ben)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Library: postgresql://ben@") and "signed in as ben" in lines[0]
    assert lines[1].startswith("new here: ")
    code, out, err = run(capsys, clock, demo_folder, "publish", "--server", ben)
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.endswith(" items published, 0 conflicts, 0 refused")
    published = int(first.split()[0])
    assert published > 200
    assert out.splitlines()[1].startswith("  task\t") and "\tpublished\t" in out.splitlines()[1]

    other = DataFolder(tmp_path / "other")
    other.ensure()
    shutil.copyfile(small_db, other.database)
    cho = pg_cluster.url("cho", database)
    code, out, err = run(capsys, clock, other, "pull", "--server", cho)
    assert code == 0, err
    counts = out.splitlines()[0]
    assert counts.endswith(" items pulled, 0 conflicts, 0 refused")
    assert int(counts.split()[0]) > 200
    code, out, _ = run(capsys, clock, other, "pull", "--server", cho)
    assert out.splitlines()[0] == "0 items pulled, 0 conflicts, 0 refused"


def test_bad_addresses_and_unreachable_servers_fail_plainly(
    pg_cluster: Cluster,
    migrated_folder: DataFolder,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, clock, migrated_folder, "status", "--server", "http://x/y")
    assert code == 1 and err == "mathroom: server: the address must start with postgresql://\n"
    with_password = "postgresql://ben:pw@127.0.0.1/x"
    code, _, err = run(capsys, clock, migrated_folder, "status", "--server", with_password)
    assert code == 1 and "leave the password out" in err
    closed = f"postgresql://ben@127.0.0.1:{pg_cluster.port + 1}/nowhere"
    code, _, err = run(capsys, clock, migrated_folder, "pull", "--server", closed)
    assert code == 1 and err.startswith("mathroom: Could not reach the department library")
    tls = pg_cluster.url("ben", "postgres")
    code, _, err = run(capsys, clock, migrated_folder, "status", "--server", tls, "--require-tls")
    assert code == 1 and "SSL" in err
    no_library = pg_cluster.url("ben", "postgres")
    code, _, err = run(capsys, clock, migrated_folder, "status", "--server", no_library)
    assert code == 1 and "mathroom library init" in err
