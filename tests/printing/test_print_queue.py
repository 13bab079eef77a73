"""The print-queue module without a print service: page ranges, the commands sent to CUPS
and Windows (through an injected runner), and the plain-English errors."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.print_queue import (
    CupsQueue,
    PrintError,
    PrintJob,
    PrintOptions,
    RunResult,
    WindowsQueue,
    count_pages,
    describe_job,
    format_pages,
    parse_pages,
    run_command,
    system_queue,
)


class FakeCups:
    """Answers lpstat and lp like CUPS 2.4 does, and records every command."""

    def __init__(
        self,
        printers: Sequence[str] = ("Office", "PDF"),
        default: str | None = "PDF",
        running: bool = True,
    ) -> None:
        self.printers = list(printers)
        self.default = default
        self.running = running
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str], timeout: float) -> RunResult:
        assert timeout > 0
        self.commands.append(list(command))
        if command[:2] == ["lpstat", "-r"]:
            state = "running" if self.running else "not running"
            return RunResult(0, f"scheduler is {state}\n", "")
        if command[:2] == ["lpstat", "-e"]:
            return RunResult(0, "".join(p + "\n" for p in self.printers), "")
        if command[:2] == ["lpstat", "-d"]:
            said = (
                f"system default destination: {self.default}"
                if self.default
                else ("no system default destination")
            )
            return RunResult(0, said + "\n", "")
        if command[0] == "lp":
            printer = command[command.index("-d") + 1]
            return RunResult(0, f"request id is {printer}-12 (1 file(s))\n", "")
        raise AssertionError(f"unexpected command {command}")


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "packet.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


def test_page_ranges_are_read_merged_and_written_for_lp() -> None:
    assert parse_pages("", 145) == ((1, 145),)
    assert parse_pages("9, 1-4", 145) == ((1, 4), (9, 9))
    assert parse_pages("3-5,4-8; 9", 20) == ((3, 9),)
    assert parse_pages("140-", 145) == ((140, 145),)
    assert parse_pages("-3", 145) == ((1, 3),)
    assert parse_pages("10-200", 145) == ((10, 145),)
    assert format_pages(parse_pages("1-4, 9", 145)) == "1-4,9"
    assert count_pages(parse_pages("1-4, 9", 145)) == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a-b", "'a-b' is not a page or a range; write them like 1-4, 9."),
        ("5-2", "'5-2' runs backwards; write it as 2-5."),
        ("150", "'150' is past the end; the PDF has 145 pages."),
        ("0", "pages are numbered from 1."),
        ("-", "'-' is not a page or a range"),
    ],
)
def test_bad_page_ranges_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(PrintError, match="Pages: ") as caught:
        parse_pages(text, 145)
    assert message in str(caught.value)


@given(
    st.integers(1, 300),
    st.lists(st.tuples(st.integers(1, 320), st.integers(0, 40)), min_size=1, max_size=8),
)
def test_parsed_ranges_cover_exactly_the_asked_pages(
    page_count: int, parts: list[tuple[int, int]]
) -> None:
    text = ", ".join(f"{a}-{a + n}" if n else str(a) for a, n in parts)
    asked = {p for a, n in parts for p in range(a, a + n + 1) if p <= page_count}
    if any(a > page_count for a, _n in parts):
        with pytest.raises(PrintError, match="past the end"):
            parse_pages(text, page_count)
        return
    ranges = parse_pages(text, page_count)
    assert {p for a, b in ranges for p in range(a, b + 1)} == asked
    assert count_pages(ranges) == len(asked)
    assert all(b + 1 < c for (_a, b), (c, _d) in itertools.pairwise(ranges))
    assert parse_pages(format_pages(ranges), page_count) == ranges


def test_cups_gets_the_pdf_itself_with_every_choice(pdf: Path) -> None:
    cups = FakeCups()
    options = PrintOptions("Office", copies=3, pages="1-4, 9", two_sided=True, title="Day")
    job = CupsQueue(cups).submit(pdf, 145, options)
    assert cups.commands[-1] == [
        "lp",
        "-d",
        "Office",
        "-n",
        "3",
        "-P",
        "1-4,9",
        "-o",
        "sides=two-sided-long-edge",
        "-t",
        "Day",
        "--",
        str(pdf),
    ]
    assert job == PrintJob("Office", "Office-12", 5, 3)
    assert describe_job(job) == "Sent 3 copies of 5 pages to Office (job 12)"


def test_cups_uses_the_default_printer_and_every_page(pdf: Path) -> None:
    cups = FakeCups()
    job = CupsQueue(cups).submit(pdf, 145, PrintOptions())
    assert cups.commands[-1] == [
        "lp",
        "-d",
        "PDF",
        "-n",
        "1",
        "-o",
        "sides=one-sided",
        "--",
        str(pdf),
    ]
    assert describe_job(job) == "Sent 145 pages to PDF (job 12)"


def test_cups_lists_printers_and_the_default() -> None:
    printers = CupsQueue(FakeCups(("A", "B"), "B")).printers()
    assert printers.names == ("A", "B") and printers.default == "B"
    assert CupsQueue(FakeCups(("A",), None)).printers().default is None


def test_a_missing_printer_is_named_with_the_installed_ones(pdf: Path) -> None:
    cups = FakeCups(("A", "B"))
    with pytest.raises(PrintError) as caught:
        CupsQueue(cups).submit(pdf, 3, PrintOptions("X"))
    assert str(caught.value) == "The printer 'X' is not installed (installed: A, B)."
    assert not any(command[0] == "lp" for command in cups.commands)


def test_cups_not_running_says_so(pdf: Path) -> None:
    with pytest.raises(PrintError, match=r"^CUPS is not running"):
        CupsQueue(FakeCups(running=False)).submit(pdf, 3, PrintOptions())


def test_no_default_and_no_printers_are_plain_errors(pdf: Path) -> None:
    with pytest.raises(
        PrintError, match=re.escape("There is no default printer; choose one of: A, B.")
    ):
        CupsQueue(FakeCups(("A", "B"), None)).submit(pdf, 3, PrintOptions())
    with pytest.raises(PrintError, match="No printers are installed"):
        CupsQueue(FakeCups((), None)).submit(pdf, 3, PrintOptions())


def test_a_refused_job_passes_on_what_lp_said(pdf: Path) -> None:
    def refusing(command: Sequence[str], timeout: float) -> RunResult:
        if command[0] == "lp":
            return RunResult(1, "", "lp: Error - The printer or class is not accepting jobs.\n")
        return FakeCups()(command, timeout)

    with pytest.raises(PrintError) as caught:
        CupsQueue(refusing).submit(pdf, 3, PrintOptions())
    assert (
        str(caught.value)
        == "The printer 'PDF' refused the job: The printer or class is not accepting jobs."
    )


def test_copies_are_checked(pdf: Path) -> None:
    with pytest.raises(PrintError, match=re.escape("Copies: 0 is not between 1 and 99.")):
        CupsQueue(FakeCups()).submit(pdf, 3, PrintOptions(copies=0))


def test_a_hanging_command_times_out_with_a_message() -> None:
    with pytest.raises(PrintError, match=re.escape("did not answer within 0.5 seconds")):
        run_command(["sleep", "5"], 0.5)
    with pytest.raises(PrintError, match="could not be run"):
        run_command(["mathroom-no-such-command"], 1)


class FakeWindows:
    def __init__(self) -> None:
        self.started: list[tuple[str, str, str]] = []

    def run(self, command: Sequence[str], timeout: float) -> RunResult:
        assert command[0] == "powershell"
        return RunResult(0, "False\tOffice Laser\nTrue\tMicrosoft Print to PDF\n\n", "")

    def start(self, path: str, operation: str, arguments: str) -> None:
        self.started.append((Path(path).name, operation, arguments))


def test_windows_prints_through_the_shell_verb(pdf: Path) -> None:
    fake = FakeWindows()
    queue = WindowsQueue(fake.run, fake.start)
    printers = queue.printers()
    assert printers.names == ("Office Laser", "Microsoft Print to PDF")
    assert printers.default == "Microsoft Print to PDF"
    job = queue.submit(pdf, 1, PrintOptions(copies=2))
    assert fake.started == [("packet.pdf", "print", "")] * 2
    assert job.printer == "Microsoft Print to PDF" and job.copies == 2
    fake.started.clear()
    job = queue.submit(pdf, 1, PrintOptions("Office Laser", two_sided=True))
    assert fake.started == [("packet.pdf", "printto", '"Office Laser"')]
    assert "printer's own preferences" in describe_job(job)
    with pytest.raises(PrintError, match="'Nope' is not installed"):
        queue.submit(pdf, 1, PrintOptions("Nope"))


def test_the_system_queue_is_cups_where_lp_is_installed() -> None:
    assert isinstance(system_queue("linux", lambda name: f"/usr/bin/{name}"), CupsQueue)
    assert isinstance(system_queue("darwin", lambda name: f"/usr/bin/{name}"), CupsQueue)
    assert system_queue("linux", lambda name: None) is None
    assert isinstance(system_queue("win32", lambda name: None), WindowsQueue)
