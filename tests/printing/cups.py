"""A real CUPS print queue that writes PDFs (cups-pdf), for the printing tests.

The session fixture starts ``cupsd`` if it is not running and adds the MathroomTestPDF queue,
under a file lock so pytest-xdist's workers do it once between them. Printed PDFs land in the
printing user's ``~/PDF`` (cups-pdf's default ``Out ${HOME}/PDF``) as ``<title>-job_<n>.pdf``.
"""

from __future__ import annotations

import fcntl
import http.client
import os
import pwd
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PRINTER = "MathroomTestPDF"
CUPSD = Path("/usr/sbin/cupsd")
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
LOCK = Path(tempfile.gettempdir()) / "mathroom-test-cups.lock"
SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock")
JOB_TIMEOUT_S = 60.0


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )


def _running() -> bool:
    return "scheduler is running" in _run("lpstat", "-r").stdout


@dataclass(frozen=True)
class PdfQueue:
    name: str
    out_dir: Path

    def wait_for(self, job: str) -> Path:
        """Wait until the queue has finished ``job`` ("MathroomTestPDF-12"); its PDF."""
        number = job.rsplit("-", 1)[-1]
        deadline = time.monotonic() + JOB_TIMEOUT_S
        while time.monotonic() < deadline:
            queued = _run("lpstat", "-o", self.name).stdout
            if not re.search(rf"^{re.escape(job)}\s", queued, re.MULTILINE):
                found = sorted(self.out_dir.glob(f"*job_{number}.pdf"))
                if found and _complete(found[0]):
                    return found[0]
            time.sleep(0.2)
        raise AssertionError(f"job {job} did not finish within {JOB_TIMEOUT_S:.0f} s")

    def job_attributes(self, job: str) -> bytes:
        """What CUPS holds for the job (an IPP Get-Job-Attributes answer, binary): the
        options `lp` asked for, as the scheduler received them."""
        number = int(job.rsplit("-", 1)[-1])
        return get_job_attributes(number)


def _complete(path: Path) -> bool:
    # cups-pdf writes the file in place: wait for the trailer.
    try:
        return b"%%EOF" in path.read_bytes()[-1024:]
    except OSError:
        return False


def copies_of(attributes: bytes) -> int:
    """The ``copies`` integer attribute of a job's IPP record (tag 0x21, 4-byte value)."""
    match = re.search(rb"\x21\x00\x06copies\x00\x04(.{4})", attributes, re.DOTALL)
    assert match is not None, "the job has no copies attribute"
    return int.from_bytes(match.group(1), "big")


def _attribute(tag: int, name: str, value: bytes) -> bytes:
    encoded = name.encode()
    return (
        bytes([tag])
        + struct.pack(">H", len(encoded))
        + encoded
        + struct.pack(">H", len(value))
        + value
    )


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("localhost")
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(self._path)


def get_job_attributes(number: int) -> bytes:
    """Ask the scheduler over its local socket (IPP 2.0, RFC 8011 section 4.3.4)."""
    body = (
        b"\x02\x00"  # version 2.0
        + struct.pack(">HI", 0x0009, 1)  # Get-Job-Attributes, request-id 1
        + b"\x01"  # operation-attributes-tag
        + _attribute(0x47, "attributes-charset", b"utf-8")
        + _attribute(0x48, "attributes-natural-language", b"en")
        + _attribute(0x45, "job-uri", f"ipp://localhost/jobs/{number}".encode())
        + _attribute(0x44, "requested-attributes", b"all")
        + b"\x03"  # end-of-attributes-tag
    )
    socket_path = next(p for p in SOCKETS if Path(p).exists())
    connection = _UnixConnection(socket_path)
    try:
        connection.request("POST", "/jobs", body, {"Content-Type": "application/ipp"})
        answer = connection.getresponse().read()
    finally:
        connection.close()
    assert answer[2:4] == b"\x00\x00", f"CUPS answered status {answer[2:4].hex()}"
    return answer


def _start() -> str | None:
    """Start cupsd and add the queue; the reason it could not, or None."""
    if shutil.which("lp") is None or not CUPSD.exists():
        return "CUPS is not installed (bash tools/system-packages.sh test installs it)"
    if not _running():
        started = _run(str(CUPSD))
        deadline = time.monotonic() + 15
        while not _running() and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _running():
            return f"cupsd could not be started: {started.stderr.strip() or started.stdout}"
    if PRINTER not in _run("lpstat", "-e").stdout.split():
        # "Printer drivers are deprecated" on stderr: a warning, the queue works.
        added = _run("lpadmin", "-p", PRINTER, "-v", "cups-pdf:/", "-m", PPD, "-E")
        if added.returncode != 0:
            return f"the test printer could not be added: {added.stderr.strip()}"
    return None


@pytest.fixture(scope="session")
def cups_printer() -> PdfQueue:
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker sets up; the others find it ready
        try:
            problem = _start()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    if problem is not None:
        pytest.skip(problem)
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    return PdfQueue(PRINTER, home / "PDF")
