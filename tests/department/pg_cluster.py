"""A throw-away PostgreSQL cluster for the department library's tests and benchmarks.

initdb in a temporary folder, started on a free loopback port with password sign-in, and
removed afterwards. As root (CI) the cluster runs as the ``postgres`` system user, which the
Debian package creates; otherwise as the user running the tests.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "mr_admin"
PASSWORD = "library-test-password"  # a throw-away cluster's, on loopback only


def postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if found:
        return Path(found[0]).parent
    which = shutil.which("pg_ctl")
    return Path(which).parent if which else None


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    port: int
    folder: Path
    passfile: Path

    def url(self, user: str, database: str) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres", user: str = SUPERUSER) -> str:
        """Run SQL as ``user`` (the superuser unless named; password from the passfile);
        CalledProcessError, with the server's message in ``stderr``, when it fails."""
        result = subprocess.run(
            [str(_bin("psql")), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1",
             "-p", str(self.port), "-U", user, "-d", database, "-c", sql],
            env={**os.environ, "PGPASSFILE": str(self.passfile)},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    def add_login(self, role: str, *, createrole: bool = False, owns: str | None = None) -> None:
        extra = " CREATEROLE" if createrole else ""
        self.psql(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'{extra}")
        if owns:
            self.psql(f"CREATE DATABASE {owns} OWNER {role}")


def _bin(name: str) -> Path:
    folder = postgres_bin()
    if folder is None:
        raise RuntimeError("PostgreSQL is not installed (tools/system-packages.sh test)")
    return folder / name


def _as_cluster_user(command: Sequence[str], env: dict[str, str] | None = None) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, env=env)


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a private cluster; stop it and delete its folder afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mathroom-pg-"))
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
    port = _free_port()
    passfile = folder / "pgpass"
    passfile.write_text(f"127.0.0.1:{port}:*:*:{PASSWORD}\n", encoding="utf-8")
    passfile.chmod(0o600)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    try:
        _as_cluster_user(
            [str(_bin("initdb")), "-D", str(data), "-U", SUPERUSER, "--pwfile", str(pwfile),
             "-A", "scram-sha-256", "-E", "UTF8", "--no-sync", "--locale", "C.UTF-8"]
        )  # fmt: skip
        options = (
            f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _as_cluster_user(
            [str(_bin("pg_ctl")), "-D", str(data), "-o", options, "-l", str(folder / "log"),
             "-w", "-t", "60", "start"]
        )  # fmt: skip
        yield Cluster(port, folder, passfile)
    finally:
        if (data / "postmaster.pid").exists():
            _as_cluster_user(
                [str(_bin("pg_ctl")), "-D", str(data), "-m", "immediate", "-w", "stop"]
            )
        shutil.rmtree(folder, ignore_errors=True)
