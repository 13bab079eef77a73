"""Hand a PDF to the computer's own print service: CUPS (``lp``) on Linux and macOS, the
shell's print verb on Windows.

The PDF itself goes to the queue, so a 145-page packet is queued in a fraction of a second
instead of being drawn as page pictures. Every command goes through an injectable
:data:`Runner` (tests and the Windows code path use their own); no Qt here.

Two-sided where it makes sense: a document may say which runs of its pages may go on both
sides (:class:`~mathroom.domain.paper.PageRun`). Printed two-sided, each run then goes as a
job of its own (:func:`plan_jobs`), so it starts on a fresh sheet and the cut or posted pages
stay one-sided.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mathroom.domain.errors import MathroomError
from mathroom.domain.paper import PageRun, merge_runs

__all__ = [
    "COMMAND_TIMEOUT_S",
    "CupsQueue",
    "PageRange",
    "PrintError",
    "PrintJob",
    "PrintOptions",
    "PrintPart",
    "PrintQueue",
    "Printers",
    "RunResult",
    "Runner",
    "WindowsQueue",
    "choose_printer",
    "count_pages",
    "describe_job",
    "format_pages",
    "parse_pages",
    "plan_jobs",
    "run_command",
    "system_queue",
]

COMMAND_TIMEOUT_S = 30.0
# English, whatever the teacher's language: the answers of lpstat and lp are read here.
_C_LOCALE = {"LC_ALL": "C", "LANG": "C"}


class PrintError(MathroomError):
    """The print service refused or could not be reached; the message says what to do."""


@dataclass(frozen=True, slots=True)
class RunResult:
    returncode: int
    stdout: str
    stderr: str


Runner = Callable[[Sequence[str], float], RunResult]


def run_command(command: Sequence[str], timeout: float) -> RunResult:
    """Run ``command`` (no shell) and return what it said; a command that hangs or is
    missing becomes a :class:`PrintError`."""
    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **_C_LOCALE},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PrintError(
            f"The print service did not answer within {timeout:g} seconds ({command[0]}). "
            "Check the printer, then try again."
        ) from None
    except OSError as exc:
        raise PrintError(f"{command[0]} could not be run: {exc.strerror or exc}") from None
    return RunResult(done.returncode, done.stdout, done.stderr)


# -- page ranges ---------------------------------------------------------------------------
PageRange = tuple[int, int]  # first and last page, 1-based, inclusive

_PART = re.compile(r"^(\d+)?\s*(?:(-)\s*(\d+)?)?$")


def parse_pages(text: str, page_count: int) -> tuple[PageRange, ...]:
    """Read "1-4, 9" (blank = every page) into sorted, merged ranges within the document.

    "7-" runs to the last page and "-3" from the first. Raises :class:`PrintError` naming
    the part that is wrong.
    """
    if page_count < 1:
        raise PrintError("The PDF has no pages to print.")
    parts = [part.strip() for part in text.replace(";", ",").split(",")]
    if not any(parts):
        return ((1, page_count),)
    ranges: list[PageRange] = []
    for part in parts:
        if not part:
            continue
        match = _PART.match(part)
        if match is None or (match.group(1) is None and match.group(3) is None):
            raise PrintError(f"Pages: {part!r} is not a page or a range; write them like 1-4, 9.")
        first_text, dash, last_text = match.groups()
        first = int(first_text) if first_text else 1
        last = int(last_text) if last_text else (page_count if dash else first)
        if first < 1 or last < 1:
            raise PrintError("Pages: pages are numbered from 1.")
        if first > last:
            raise PrintError(f"Pages: {part!r} runs backwards; write it as {last}-{first}.")
        if first > page_count:
            pages = "1 page" if page_count == 1 else f"{page_count} pages"
            raise PrintError(f"Pages: {part!r} is past the end; the PDF has {pages}.")
        ranges.append((first, min(last, page_count)))
    ranges.sort()
    merged: list[PageRange] = [ranges[0]]
    for first, last in ranges[1:]:
        previous_first, previous_last = merged[-1]
        if first <= previous_last + 1:
            merged[-1] = (previous_first, max(previous_last, last))
        else:
            merged.append((first, last))
    return tuple(merged)


def format_pages(ranges: Sequence[PageRange]) -> str:
    """Ranges the way ``lp -P`` takes them: "1-4,9"."""
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def count_pages(ranges: Sequence[PageRange]) -> int:
    return sum(last - first + 1 for first, last in ranges)


# -- one job per run of pages ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PrintPart:
    """Pages sent to the printer as one job, on one side or both."""

    ranges: tuple[PageRange, ...]
    two_sided: bool


def plan_jobs(
    ranges: Sequence[PageRange], runs: Sequence[PageRun], two_sided: bool
) -> tuple[PrintPart, ...]:
    """The jobs that print the chosen ``ranges`` (sorted, apart, as :func:`parse_pages`
    gives them), in page order.

    One job as asked unless the teacher asks for two-sided and the document has ``runs``:
    then one job per merged run holding chosen pages, two-sided only where the run may be.
    Pages outside every run print as before: two-sided, in a job of their own. Raises
    ValueError for runs out of order or overlapping (a bug in whoever made them).
    """
    if not two_sided or not runs:
        return (PrintPart(tuple(ranges), two_sided),)
    last_page = max((last for _first, last in ranges), default=0)
    covered: list[PageRun] = []
    page = 1
    for run in runs:
        if run.first < page or run.last < run.first:
            raise ValueError(f"page runs out of order or overlapping at {run}")
        if run.first > page:
            covered.append(PageRun(page, run.first - 1, True))
        covered.append(run)
        page = run.last + 1
    if page <= last_page:
        covered.append(PageRun(page, last_page, True))
    parts: list[PrintPart] = []
    for run in merge_runs(covered):
        inside = tuple(
            (max(first, run.first), min(last, run.last))
            for first, last in ranges
            if first <= run.last and last >= run.first
        )
        if inside:
            parts.append(PrintPart(inside, run.two_sided))
    return tuple(parts)


# -- what is asked and what came back -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PrintOptions:
    """One print job's choices. ``printer`` None: the system's default printer."""

    printer: str | None = None
    copies: int = 1
    pages: str = ""  # "" = every page; else like "1-4, 9"
    two_sided: bool = False
    title: str = ""


@dataclass(frozen=True, slots=True)
class Printers:
    names: tuple[str, ...]
    default: str | None


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One print as the teacher asked for it, though it may have gone as several jobs."""

    printer: str
    job: str  # what the queue calls it, e.g. "MathroomTestPDF-12"; several: "…-12…14"
    pages: int  # pages of one copy, every job together
    copies: int
    notes: tuple[str, ...] = ()  # what the teacher should know: a split, a choice not honoured
    jobs: tuple[str, ...] = ()  # each job's name, in order, when the print went as several


ONE_SIDED_NOTE = "Cut and posted pages print on one side."
FRESH_SHEET_NOTE = "Each section starts on a fresh sheet."


def describe_job(job: PrintJob) -> str:
    """ "Sent 145 pages to PDF (job 12)": the status line after printing."""
    pages = "1 page" if job.pages == 1 else f"{job.pages} pages"
    if job.copies > 1:
        pages = f"{job.copies} copies of {pages}"
    line = f"Sent {pages} to {job.printer} ({_job_numbers(job.printer, job.jobs or (job.job,))})"
    return " ".join([line + ".", *job.notes]) if job.notes else line


def _job_numbers(printer: str, names: Sequence[str]) -> str:
    """ "job 12", "jobs 12 and 13", "jobs 12–14", "jobs 12, 15 and 16"."""
    short = [name.removeprefix(printer + "-") for name in names]
    if len(short) == 1:
        return f"job {short[0]}"
    if len(short) > 2 and all(s.isdigit() for s in short):
        numbers = [int(s) for s in short]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"jobs {short[0]}–{short[-1]}"
    return "jobs " + ", ".join(short[:-1]) + " and " + short[-1]


def _several(printer: str, names: Sequence[str]) -> str:
    """The ``job`` of a print sent as several jobs: "PDF-12…14" when they follow each
    other, else every name."""
    short = [name.removeprefix(printer + "-") for name in names]
    if all(s.isdigit() for s in short):
        numbers = [int(s) for s in short]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{printer}-{short[0]}…{short[-1]}"
    return ", ".join(names)


def _print_job(
    printer: str,
    names: Sequence[str],
    parts: Sequence[PrintPart],
    copies: int,
    notes: tuple[str, ...],
) -> PrintJob:
    pages = sum(count_pages(part.ranges) for part in parts)
    if len(names) == 1:
        return PrintJob(printer, names[0], pages, copies, notes)
    return PrintJob(printer, _several(printer, names), pages, copies, notes, tuple(names))


def _check_copies(copies: int) -> None:
    if not 1 <= copies <= 99:
        raise PrintError(f"Copies: {copies} is not between 1 and 99.")


def choose_printer(printers: Printers, wanted: str | None) -> str:
    """The printer a job goes to: ``wanted`` if installed, else the default; a plain error
    naming the installed ones otherwise."""
    if not printers.names:
        raise PrintError("No printers are installed. Add one in the system's printer settings.")
    if wanted is None:
        if printers.default is None:
            raise PrintError(
                "There is no default printer; choose one of: " + ", ".join(printers.names) + "."
            )
        return printers.default
    if wanted not in printers.names:
        installed = ", ".join(printers.names)
        raise PrintError(f"The printer {wanted!r} is not installed (installed: {installed}).")
    return wanted


class PrintQueue(Protocol):
    """A system print service."""

    name: str

    def printers(self) -> Printers:
        """The installed printers and the default one."""

    def submit(
        self,
        path: Path,
        page_count: int,
        options: PrintOptions,
        runs: Sequence[PageRun] = (),
    ) -> PrintJob:
        """Queue the PDF at ``path`` (``page_count`` pages; ``runs``: which of them may go
        on both sides, see :func:`plan_jobs`); returns once it is queued."""


# -- CUPS: Linux and macOS ----------------------------------------------------------------
_REQUEST = re.compile(r"request id is (\S+)")


class CupsQueue:
    """CUPS through its command-line tools (``lpstat``, ``lp``)."""

    name = "CUPS"

    def __init__(self, runner: Runner = run_command, timeout: float = COMMAND_TIMEOUT_S) -> None:
        self._run = runner
        self._timeout = timeout

    def _check_running(self) -> None:
        answer = self._run(["lpstat", "-r"], self._timeout)
        if "not running" in answer.stdout or answer.returncode != 0:
            raise PrintError(
                "CUPS is not running, so nothing can be printed. Start the print service "
                "(e.g. `sudo systemctl start cups`), then try again."
            )

    def printers(self) -> Printers:
        self._check_running()
        listed = self._run(["lpstat", "-e"], self._timeout)
        if listed.returncode != 0:
            raise PrintError(f"The printers could not be listed: {_said(listed)}")
        names = tuple(line.strip() for line in listed.stdout.splitlines() if line.strip())
        default = self._run(["lpstat", "-d"], self._timeout).stdout
        match = re.search(r"system default destination:\s*(\S+)", default)
        chosen = match.group(1) if match and match.group(1) in names else None
        return Printers(names, chosen)

    def submit(
        self,
        path: Path,
        page_count: int,
        options: PrintOptions,
        runs: Sequence[PageRun] = (),
    ) -> PrintJob:
        _check_copies(options.copies)
        ranges = parse_pages(options.pages, page_count)
        parts = plan_jobs(ranges, runs, options.two_sided)
        printers = self.printers()
        printer = choose_printer(printers, options.printer)
        if not path.is_file():
            raise PrintError(f"There is no file to print at {path}.")
        sent: list[str] = []
        for part in parts:
            command = ["lp", "-d", printer, "-n", str(options.copies)]
            if part.ranges != ((1, page_count),):
                command += ["-P", format_pages(part.ranges)]
            sides = "sides=two-sided-long-edge" if part.two_sided else "sides=one-sided"
            command += ["-o", sides]
            if options.title:
                command += ["-t", options.title]
            command += ["--", str(path)]
            answer = self._run(command, self._timeout)
            match = _REQUEST.search(answer.stdout)
            if answer.returncode != 0 or match is None:
                refused = f"The printer {printer!r} refused the job: {_said(answer)}"
                raise PrintError(refused + _already_sent(printer, sent, parts))
            sent.append(match.group(1))
        notes: tuple[str, ...] = ()
        if options.two_sided and any(not part.two_sided for part in parts):
            notes = (ONE_SIDED_NOTE,)
        elif len(parts) > 1:
            notes = (FRESH_SHEET_NOTE,)
        return _print_job(printer, sent, parts, options.copies, notes)


def _already_sent(printer: str, sent: Sequence[str], parts: Sequence[PrintPart]) -> str:
    """What a print split into several jobs had sent before one was refused."""
    if not sent:
        return ""
    ranges: list[PageRange] = []
    for first, last in (r for part in parts[: len(sent)] for r in part.ranges):
        if ranges and ranges[-1][1] + 1 == first:
            ranges[-1] = (ranges[-1][0], last)
        else:
            ranges.append((first, last))
    pages = format_pages(ranges)
    return f" Pages {pages} were already sent ({_job_numbers(printer, sent)})."


def _said(answer: RunResult) -> str:
    text = (answer.stderr or answer.stdout).strip()
    text = re.sub(r"^\w+: (Error - )?", "", text)
    return text or f"exit status {answer.returncode}"


# -- Windows --------------------------------------------------------------------------------
StartFile = Callable[[str, str, str], None]  # os.startfile(path, operation, arguments)

_LIST_PRINTERS = 'Get-CimInstance Win32_Printer | ForEach-Object { "$($_.Default)`t$($_.Name)" }'


def _start_file(path: str, operation: str, arguments: str) -> None:
    starter = getattr(os, "startfile", None)  # only on Windows
    if starter is None:
        raise PrintError("The Windows print path is only available on Windows.")
    if arguments:
        starter(path, operation, arguments)
    else:
        starter(path, operation)


class WindowsQueue:
    """Windows: the PDF viewer's registered print verb (``os.startfile(path, "print")``),
    or "printto" for a printer other than the default. Copies are sent one by one and a page
    range as a smaller PDF; two-sided is the printer's own setting there."""

    name = "Windows printing"

    def __init__(
        self,
        runner: Runner = run_command,
        start_file: StartFile = _start_file,
        timeout: float = COMMAND_TIMEOUT_S,
    ) -> None:
        self._run = runner
        self._start = start_file
        self._timeout = timeout

    def printers(self) -> Printers:
        answer = self._run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", _LIST_PRINTERS],
            self._timeout,
        )
        if answer.returncode != 0:
            raise PrintError(f"The printers could not be listed: {_said(answer)}")
        names: list[str] = []
        default: str | None = None
        for line in answer.stdout.splitlines():
            flag, _tab, name = line.partition("\t")
            if not name.strip():
                continue
            names.append(name.strip())
            if flag.strip().lower() == "true":
                default = name.strip()
        return Printers(tuple(names), default)

    def submit(
        self,
        path: Path,
        page_count: int,
        options: PrintOptions,
        runs: Sequence[PageRun] = (),
    ) -> PrintJob:
        _check_copies(options.copies)
        ranges = parse_pages(options.pages, page_count)
        # The sides cannot be chosen here, but each run still goes on its own, so every
        # section starts on a fresh sheet.
        parts = plan_jobs(ranges, runs, options.two_sided)
        printers = self.printers()
        printer = choose_printer(printers, options.printer)
        operation, arguments = (
            ("print", "") if printer == printers.default else ("printto", f'"{printer}"')
        )
        sent: list[str] = []
        for part in parts:
            whole = part.ranges == ((1, page_count),)
            source = path if whole else _pages_copy(path, part.ranges)
            try:
                for _copy in range(options.copies):
                    self._start(str(source), operation, arguments)
            except OSError as exc:
                raise PrintError(
                    f"Windows could not print {source.name}: {exc.strerror or exc}. Is a PDF "
                    "viewer installed?" + _already_sent(printer, sent, parts)
                ) from None
            sent.append(source.name)
        notes = ("Two-sided printing is set in the printer's own preferences on Windows.",)
        return _print_job(printer, sent, parts, options.copies, notes if options.two_sided else ())


def _pages_copy(path: Path, ranges: Sequence[PageRange]) -> Path:
    """A PDF of just the chosen pages (for print paths that cannot take a page range)."""
    import pypdfium2 as pdfium  # only here: the CUPS path never needs it

    source = pdfium.PdfDocument(str(path))
    try:
        chosen = pdfium.PdfDocument.new()
        chosen.import_pages(source, [i - 1 for a, b in ranges for i in range(a, b + 1)])
        # Kept after this call: the viewer reads it after startfile has returned.
        name = f"{path.stem}-pages-{ranges[0][0]}-{ranges[-1][1]}.pdf"
        out = Path(tempfile.mkdtemp(prefix="mathroom-print-")) / name
        chosen.save(str(out))
        chosen.close()
    finally:
        source.close()
    return out


def system_queue(
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    runner: Runner = run_command,
) -> PrintQueue | None:
    """This computer's print service, or None when there is none (no CUPS tools)."""
    if platform.startswith("win"):
        return WindowsQueue(runner)
    if which("lp") and which("lpstat"):
        return CupsQueue(runner)
    return None
