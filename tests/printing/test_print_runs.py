"""Two-sided where it makes sense: the chosen pages split into one job per run of a
document's pages (teacher pages on both sides, cut pages on one), the commands CUPS and
Windows get for them, and the line that says what was sent. No print service here."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from mathroom.domain.paper import PageRun, merge_runs
from mathroom.print_queue import (
    FRESH_SHEET_NOTE,
    ONE_SIDED_NOTE,
    CupsQueue,
    PrintError,
    PrintJob,
    PrintOptions,
    PrintPart,
    RunResult,
    WindowsQueue,
    describe_job,
    parse_pages,
    plan_jobs,
)
from tests.printing.test_print_queue import FakeCups, FakeWindows

# A packet in small: cover and run sheet (both sides), cards and slips (one side), key.
PACKET = (
    PageRun(1, 1, True),
    PageRun(2, 3, True),
    PageRun(4, 6, False),
    PageRun(7, 8, False),
    PageRun(9, 10, True),
)


def test_one_sided_or_no_runs_is_one_job_as_asked() -> None:
    every = ((1, 10),)
    assert plan_jobs(every, PACKET, two_sided=False) == (PrintPart(every, False),)
    assert plan_jobs(every, (), two_sided=True) == (PrintPart(every, True),)


def test_two_sided_sends_each_run_on_its_own_and_cut_pages_one_sided() -> None:
    assert plan_jobs(((1, 10),), PACKET, two_sided=True) == (
        PrintPart(((1, 1),), True),
        PrintPart(((2, 3),), True),
        PrintPart(((4, 8),), False),  # cards and slips together: they never share a sheet
        PrintPart(((9, 10),), True),
    )


def test_only_the_chosen_pages_go_and_runs_without_any_are_skipped() -> None:
    chosen = parse_pages("3-4, 6, 10", 10)
    assert plan_jobs(chosen, PACKET, two_sided=True) == (
        PrintPart(((3, 3),), True),
        PrintPart(((4, 4), (6, 6)), False),
        PrintPart(((10, 10),), True),
    )


def test_pages_outside_every_run_print_two_sided_as_before() -> None:
    runs = (PageRun(3, 4, False),)
    assert plan_jobs(((1, 7),), runs, two_sided=True) == (
        PrintPart(((1, 2),), True),
        PrintPart(((3, 4),), False),
        PrintPart(((5, 7),), True),
    )


def test_runs_out_of_order_are_a_bug_not_a_silent_reprint() -> None:
    with pytest.raises(ValueError, match="out of order or overlapping"):
        plan_jobs(((1, 9),), (PageRun(4, 6, True), PageRun(1, 3, False)), two_sided=True)
    with pytest.raises(ValueError, match="out of order or overlapping"):
        plan_jobs(((1, 9),), (PageRun(1, 4, True), PageRun(4, 6, False)), two_sided=True)


@st.composite
def _document(draw: st.DrawFn) -> tuple[int, list[PageRun], str]:
    """Runs with gaps between them (pages no run names), and the pages a teacher types."""
    runs, page = [], 1
    for gap, size, two in draw(
        st.lists(st.tuples(st.integers(0, 2), st.integers(1, 6), st.booleans()), max_size=8)
    ):
        page += gap
        runs.append(PageRun(page, page + size - 1, two))
        page += size
    page_count = page - 1 + draw(st.integers(0 if runs else 1, 3))
    chosen = draw(st.lists(st.tuples(st.integers(1, page_count), st.integers(0, 5)), max_size=4))
    return page_count, runs, ", ".join(f"{a}-{a + n}" for a, n in chosen)


@given(_document(), st.booleans())
def test_every_chosen_page_prints_once_in_order_on_the_right_sides(
    document: tuple[int, list[PageRun], str], two_sided: bool
) -> None:
    page_count, runs, typed = document
    chosen = parse_pages(typed, page_count)
    parts = plan_jobs(chosen, runs, two_sided)
    printed = [p for part in parts for a, b in part.ranges for p in range(a, b + 1)]
    assert printed == [p for a, b in chosen for p in range(a, b + 1)]
    assert all(part.ranges for part in parts)
    if not two_sided or not runs:
        assert len(parts) == 1 and parts[0].two_sided == two_sided
        return
    # Where each page belongs: a merged run, or the gap before the k-th one (or the end).
    segment: dict[int, tuple[str, int]] = {}
    sides: dict[tuple[str, int], bool] = {}
    merged = merge_runs(runs)
    for k, run in enumerate(merged):
        sides[("run", k)], sides[("gap", k)] = run.two_sided, True
        segment |= {p: ("run", k) for p in range(run.first, run.last + 1)}
    sides[("gap", len(merged))] = True
    for p in range(1, page_count + 1):
        segment.setdefault(p, ("gap", sum(run.last < p for run in merged)))
    held = [{segment[p] for a, b in part.ranges for p in range(a, b + 1)} for part in parts]
    # One job per run (or gap) holding chosen pages, on both sides only where it may.
    assert all(len(segments) == 1 for segments in held)
    assert all(a != b for a, b in itertools.pairwise(held))
    assert [part.two_sided for part in parts] == [sides[next(iter(h))] for h in held]


class NumberingCups(FakeCups):
    """CUPS that numbers its jobs 12, 13, … and may refuse the n-th ``lp``."""

    def __init__(self, refuse: int | None = None) -> None:
        super().__init__()
        self.next_job = 12
        self.refuse = refuse

    def __call__(self, command: Sequence[str], timeout: float) -> RunResult:
        if command[0] != "lp":
            return super().__call__(command, timeout)
        self.commands.append(list(command))
        if self.refuse is not None and len(self.lp) == self.refuse:
            return RunResult(1, "", "lp: Error - The printer is out of paper.\n")
        printer = command[command.index("-d") + 1]
        self.next_job += 1
        return RunResult(0, f"request id is {printer}-{self.next_job - 1} (1 file(s))\n", "")

    @property
    def lp(self) -> list[list[str]]:
        return [command for command in self.commands if command[0] == "lp"]


def _pages_and_sides(command: list[str]) -> tuple[str, str]:
    pages = command[command.index("-P") + 1] if "-P" in command else "all"
    return pages, command[command.index("-o") + 1]


def test_cups_gets_one_lp_per_run_in_page_order(pdf: Path) -> None:
    cups = NumberingCups()
    options = PrintOptions("Office", copies=2, two_sided=True, title="Day")
    job = CupsQueue(cups).submit(pdf, 10, options, PACKET)
    assert [_pages_and_sides(command) for command in cups.lp] == [
        ("1", "sides=two-sided-long-edge"),
        ("2-3", "sides=two-sided-long-edge"),
        ("4-8", "sides=one-sided"),
        ("9-10", "sides=two-sided-long-edge"),
    ]
    assert all(command[3:5] == ["-n", "2"] and "-t" in command for command in cups.lp)
    assert job == PrintJob(
        "Office",
        "Office-12…15",
        10,
        2,
        (ONE_SIDED_NOTE,),
        ("Office-12", "Office-13", "Office-14", "Office-15"),
    )
    assert describe_job(job) == (
        "Sent 2 copies of 10 pages to Office (jobs 12–15). Cut and posted pages print on one side."
    )


def test_cups_one_sided_or_without_runs_is_one_lp_as_before(pdf: Path) -> None:
    cups = NumberingCups()
    job = CupsQueue(cups).submit(pdf, 10, PrintOptions("Office"), PACKET)
    assert [_pages_and_sides(command) for command in cups.lp] == [("all", "sides=one-sided")]
    assert job == PrintJob("Office", "Office-12", 10, 1)
    job = CupsQueue(cups).submit(pdf, 10, PrintOptions("Office", two_sided=True))
    assert _pages_and_sides(cups.lp[-1]) == ("all", "sides=two-sided-long-edge")
    assert describe_job(job) == "Sent 10 pages to Office (job 13)"


def test_chosen_pages_in_teacher_runs_only_say_each_starts_a_fresh_sheet(pdf: Path) -> None:
    cups = NumberingCups()
    options = PrintOptions("Office", pages="1-3", two_sided=True)
    job = CupsQueue(cups).submit(pdf, 10, options, PACKET)
    assert [_pages_and_sides(command) for command in cups.lp] == [
        ("1", "sides=two-sided-long-edge"),
        ("2-3", "sides=two-sided-long-edge"),
    ]
    assert describe_job(job) == f"Sent 3 pages to Office (jobs 12 and 13). {FRESH_SHEET_NOTE}"
    # Cards alone, two-sided ticked: one job, on one side, and the line says why.
    job = CupsQueue(cups).submit(pdf, 10, PrintOptions("Office", pages="5", two_sided=True), PACKET)
    assert _pages_and_sides(cups.lp[-1]) == ("5", "sides=one-sided")
    assert describe_job(job) == f"Sent 1 page to Office (job 14). {ONE_SIDED_NOTE}"


def test_a_refused_later_job_says_which_pages_already_went(pdf: Path) -> None:
    cups = NumberingCups(refuse=3)
    with pytest.raises(PrintError) as caught:
        CupsQueue(cups).submit(pdf, 10, PrintOptions("Office", two_sided=True), PACKET)
    assert str(caught.value) == (
        "The printer 'Office' refused the job: The printer is out of paper. "
        "Pages 1-3 were already sent (jobs 12 and 13)."
    )


def test_jobs_that_do_not_follow_each_other_are_all_named() -> None:
    job = PrintJob("PDF", "PDF-12, PDF-15, PDF-16", 9, 1, (), ("PDF-12", "PDF-15", "PDF-16"))
    assert describe_job(job) == "Sent 9 pages to PDF (jobs 12, 15 and 16)"


def _blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(612, 792)
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_windows_prints_each_run_as_its_own_smaller_pdf(tmp_path: Path) -> None:
    fake = FakeWindows()
    queue = WindowsQueue(fake.run, fake.start)
    path = _blank_pdf(tmp_path / "packet.pdf", 10)
    job = queue.submit(path, 10, PrintOptions("Office Laser", two_sided=True), PACKET)
    names = ["packet-pages-1-1.pdf", "packet-pages-2-3.pdf", "packet-pages-4-8.pdf"]
    names.append("packet-pages-9-10.pdf")
    assert fake.started == [(name, "printto", '"Office Laser"') for name in names]
    assert job.jobs == tuple(names) and job.pages == 10
    # It cannot choose the sides: it says where that is set, not that cards go one-sided.
    assert job.notes == ("Two-sided printing is set in the printer's own preferences on Windows.",)
    fake.started.clear()
    job = queue.submit(path, 10, PrintOptions(), PACKET)
    assert fake.started == [("packet.pdf", "print", "")] and job.job == "packet.pdf"


def test_windows_copies_hold_just_their_pages(tmp_path: Path) -> None:
    made: list[Path] = []
    fake = FakeWindows()
    queue = WindowsQueue(fake.run, lambda path, _op, _args: made.append(Path(path)))
    path = _blank_pdf(tmp_path / "packet.pdf", 10)
    queue.submit(path, 10, PrintOptions(pages="3-5", two_sided=True), PACKET)
    assert [len(PdfReader(copy).pages) for copy in made] == [1, 2]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "packet.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path
