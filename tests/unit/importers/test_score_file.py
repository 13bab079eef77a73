"""Score files into rows and named problems: long and wide layouts, every way to write a score."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.score_import import BLOCKING_CODES, ParsedScores, ScoreLayout, ScoreRow
from mathroom.domain.skills import Level
from mathroom.importers.score_columns import code_key, looks_like_skill_code
from mathroom.importers.score_file import parse_scores
from mathroom.importers.score_values import parse_date
from tests.fixtures.scores import make_fixtures

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scores"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def by_line(parsed: ParsedScores) -> dict[int, list[ScoreRow]]:
    rows: dict[int, list[ScoreRow]] = {}
    for row in parsed.rows:
        rows.setdefault(row.line, []).append(row)
    return rows


def codes(parsed: ParsedScores) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in parsed.problems]


def test_committed_fixtures_match_the_generator() -> None:
    expected = make_fixtures.all_fixtures()
    committed = {p.name for p in FIXTURES.iterdir() if p.is_file() and p.suffix != ".py"}
    assert committed == set(expected)
    stale = [name for name, data in expected.items() if (FIXTURES / name).read_bytes() != data]
    assert stale == [], "run tests/fixtures/scores/make_fixtures.py to regenerate"


def test_long_file_with_title_line_and_every_score_form() -> None:
    parsed = parse_scores(FIXTURES / "long.csv")
    assert parsed.layout is ScoreLayout.LONG
    assert parsed.file_format == "UTF-8, commas"
    assert parsed.ignored_columns == ("Teacher",)
    rows = by_line(parsed)
    amara = rows[3][0]
    assert (amara.student_number, amara.student_name, amara.skill_code) == (
        "0700123",
        "Okafor, Amara",
        "7.NS.A.1b",
    )
    assert (amara.score, amara.level, amara.raw_score) == (Decimal(85), None, "17/20")
    assert amara.observed_on == date(2026, 11, 20)
    assert rows[4][0].score == Decimal(92)
    assert rows[5][0].score == Decimal(85) and rows[5][0].observed_on == date(2026, 11, 20)
    assert rows[6][0].score == Decimal(45) and rows[6][0].observed_on is None
    assert rows[7][0].level is Level.GOT_IT and rows[7][0].score is None
    assert rows[7][0].observed_on == date(2026, 11, 20)  # 11/20/26
    assert codes(parsed) == [(8, "no_score"), (9, "summary_row")]
    assert parsed.blocking == ()
    assert parsed.problems[1].message.startswith("line 9: 'Class average'")


def test_bad_rows_are_named_and_the_good_row_kept() -> None:
    parsed = parse_scores(FIXTURES / "bad_rows.csv")
    assert [row.line for row in parsed.rows] == [2]
    assert codes(parsed) == [
        (3, "no_student"),
        (4, "no_skill"),
        (5, "bad_score"),
        (6, "score_out_of_range"),
        (7, "bad_date"),
        (8, "no_score"),
    ]
    assert [p.line for p in parsed.blocking] == [3, 4, 5, 6, 7]
    assert [p.line for p in parsed.skipped] == [8]
    messages = {p.line: p.message for p in parsed.problems}
    assert messages[5].startswith("line 5: can't read 'abc' as a score or level")
    assert messages[6] == "line 6: 120% is over 100%"
    assert "13/45/2026" in messages[7] and "month/day/year" in messages[7]
    assert parsed.describe(parsed.problems[0]).startswith("bad_rows.csv, line 3: no student")


def test_windows_1252_semicolons_and_decimal_commas() -> None:
    parsed = parse_scores(FIXTURES / "cp1252.csv")
    assert parsed.file_format == "Windows-1252, semicolons"
    first, second = parsed.rows
    assert first.student_name == "García López, Alejandro"
    assert first.score == Decimal("85.5")
    assert second.student_name == "Anderson, Zoë"


def test_level_column_reads_words_letters_and_numbers() -> None:
    parsed = parse_scores(FIXTURES / "levels.tsv")
    assert [row.level for row in parsed.rows] == [
        Level.GOT_IT,
        Level.GETTING_THERE,
        Level.EXTENDING,
        Level.NOT_YET,
    ]
    assert all(row.score is None for row in parsed.rows)


def test_wide_workbook_one_column_per_skill(tmp_path: Path) -> None:
    parsed = parse_scores(make_fixtures.wide_workbook(tmp_path / "diagnostic.xlsx"))
    assert parsed.layout is ScoreLayout.WIDE
    assert parsed.file_format == "sheet Diagnostic"
    assert parsed.ignored_columns == ("Total",)
    assert parsed.columns[-1] == "3 skill columns: 7.NS.A.1b, 7.NS.A.2a, 7.EE.A.1-simp"
    got = [(r.line, r.student_number, r.skill_code, r.score, r.level) for r in parsed.rows]
    assert got == [
        (3, "700123", "7.NS.A.1b", Decimal(85), None),
        (3, "700123", "7.NS.A.2a", Decimal("62.5"), None),
        (4, "0716105", "7.NS.A.1b", Decimal(40), None),
        (4, "0716105", "7.NS.A.2a", None, Level.GOT_IT),
        (4, "0716105", "7.EE.A.1-simp", Decimal(95), None),
    ]
    assert {r.observed_on for r in parsed.rows} == {date(2026, 9, 2)}
    assert codes(parsed) == [(5, "no_score")]  # a student with every cell blank


def test_wide_csv_of_one_to_four_reads_levels_and_says_so(tmp_path: Path) -> None:
    file = write(
        tmp_path / "rubric.csv",
        "Student,7.NS.A.1b,7nsa2a,Comments\nAmara Okafor,3,4,great\nZoë Anderson,0,2,\n",
    )
    parsed = parse_scores(file)
    assert [(r.skill_code, r.level) for r in parsed.rows] == [
        ("7.NS.A.1b", Level.GOT_IT),
        ("7nsa2a", Level.EXTENDING),
        ("7nsa2a", Level.GETTING_THERE),
    ]
    assert any("read as levels" in note for note in parsed.notes)
    assert codes(parsed) == [(3, "bad_score")]
    assert parsed.problems[0].message.startswith("line 3: 7.NS.A.1b: '0' is not a level")
    assert parsed.ignored_columns == ("Comments",)


def test_excel_percent_cells_arrive_as_fractions(tmp_path: Path) -> None:
    parsed = parse_scores(make_fixtures.fraction_workbook(tmp_path / "quiz.xlsx"))
    assert [r.score for r in parsed.rows] == [Decimal(85), Decimal(100), Decimal("37.5")]
    assert any("fractions of 1" in note for note in parsed.notes)


def test_points_need_a_total(tmp_path: Path) -> None:
    out_of = parse_scores(
        write(tmp_path / "a.csv", "ID,Skill,Points (out of 20)\n1,7.NS.A.1b,17\n1,7.NS.A.2a,21\n")
    )
    assert [r.score for r in out_of.rows] == [Decimal(85)]
    assert codes(out_of) == [(3, "score_out_of_range")]
    possible = parse_scores(
        write(tmp_path / "b.csv", "ID,Skill,Points Earned,Points Possible\n1,7.NS.A.1b,6,8\n")
    )
    assert [r.score for r in possible.rows] == [Decimal(75)]
    unknown = parse_scores(write(tmp_path / "c.csv", "ID,Skill,Points\n1,7.NS.A.1b,17\n"))
    assert unknown.rows == ()
    assert "out of how many" in unknown.problems[0].message


def test_separate_name_columns_and_a_level_column_that_wins(tmp_path: Path) -> None:
    file = write(
        tmp_path / "both.csv",
        "First Name,Last Name,Standard,Score,Proficiency\nAmara,Okafor,7.NS.A.1b,68,Got it\n",
    )
    (row,) = parse_scores(file).rows
    assert row.student_name == "Okafor, Amara" and row.student_number is None
    assert (row.score, row.level) == (Decimal(68), Level.GOT_IT)


def test_repeated_headers_are_skipped_but_a_student_called_max_is_not(tmp_path: Path) -> None:
    file = write(
        tmp_path / "pages.csv",
        "Name,Skill,Score\nMax,7.NS.A.1b,80\nName,Skill,Score\nAverage: 80,,\nTotal,,80\n",
    )
    parsed = parse_scores(file)
    assert [r.student_name for r in parsed.rows] == ["Max"]
    assert codes(parsed) == [(3, "repeated_header"), (4, "summary_row"), (5, "summary_row")]


def test_known_codes_make_any_header_a_skill_column(tmp_path: Path) -> None:
    file = write(tmp_path / "custom.csv", "Student ID,FRAC-ADD,Notes\n0700123,80,ok\n")
    with pytest.raises(ImportFileError, match="no skill and score columns"):
        parse_scores(file)
    parsed = parse_scores(file, known_codes=["frac-add"])
    assert [(r.skill_code, r.score) for r in parsed.rows] == [("FRAC-ADD", Decimal(80))]


@pytest.mark.parametrize(
    ("data", "suffix", "reason"),
    [
        (b"", ".csv", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), ".csv", "an image (PNG), not a score file"),
        (b"%PDF-1.7\n", ".csv", "PDF, not a score file; export the scores as CSV"),
        (b"PK\x03\x04junk", ".xlsx", "not a readable Excel workbook"),
        (b"just,some\nwords,here\n", ".csv", "no header row was found"),
    ],
)
def test_refusals_name_the_file(tmp_path: Path, data: bytes, suffix: str, reason: str) -> None:
    path = tmp_path / f"scores{suffix}"
    path.write_bytes(data)
    with pytest.raises(ImportFileError, match=re.escape(reason)) as raised:
        parse_scores(path)
    assert str(raised.value).startswith(f"scores{suffix}: ")


def test_a_student_list_without_scores_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="a student column was found, but no skill"):
        parse_scores(write(tmp_path / "roster.csv", "Student ID,Last Name,First Name\n1,A,B\n"))


def test_cancel_stops_a_long_read(tmp_path: Path) -> None:
    rows = "".join(f"{n},7.NS.A.1b,{n % 100}\n" for n in range(5000))
    file = write(tmp_path / "big.csv", "Student ID,Skill,Score\n" + rows)
    with pytest.raises(ImportFileError, match="import cancelled"):
        parse_scores(file, cancelled=lambda: True)
    seen: list[tuple[int, int]] = []
    parsed = parse_scores(file, progress=lambda done, total: seen.append((done, total)))
    assert len(parsed.rows) == 5000
    assert seen and all(total == 1000 for _done, total in seen)
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-11-20 08:30:00", date(2026, 11, 20)),
        ("11/20/2026", date(2026, 11, 20)),
        ("1/5/26", date(2026, 1, 5)),
        ("11-20-2026", date(2026, 11, 20)),
        ("Nov 20, 2026", date(2026, 11, 20)),
        ("November 20 2026", date(2026, 11, 20)),
        ("Sept. 3, 2026", date(2026, 9, 3)),
        ("20 Nov 2026", date(2026, 11, 20)),
        ("", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_excel_serial_dates_only_from_workbooks() -> None:
    assert parse_date("46346", excel_serials=True) == date(2026, 11, 20)
    with pytest.raises(ValueError, match="can't read the date"):
        parse_date("46346")


@pytest.mark.parametrize(
    "text", ["13/45/2026", "2/30/2026", "2026-02-30", "Feb 30, 2026", "Smarch 3, 2026", "yesterday"]
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(text)):
        parse_date(text)


@pytest.mark.parametrize(
    ("header", "is_code"),
    [
        ("7.NS.A.1b", True),
        ("6.RP.A.3c-part", True),
        ("7nsa1b", True),
        ("7.EE.4", True),
        ("K.CC.A.1", True),
        ("HSA.REI.B.3", True),
        ("7th", False),
        ("2026-11-20", False),
        ("Q1", False),
        ("Total", False),
        ("Period 1", False),
    ],
)
def test_what_looks_like_a_skill_code(header: str, is_code: bool) -> None:
    assert looks_like_skill_code(header) is is_code


def test_code_key_ignores_case_and_punctuation() -> None:
    assert code_key("7.NS.A.1b") == code_key("7ns.a.1B") == code_key("7NSA1b") == "7nsa1b"


def test_blocking_codes_are_the_ones_that_lose_a_score() -> None:
    assert {"no_student", "no_skill", "bad_score", "score_out_of_range", "bad_date"} == set(
        BLOCKING_CODES
    )


def test_a_name_whose_letters_excel_turned_into_question_marks_is_a_warning(
    tmp_path: Path,
) -> None:
    file = write(
        tmp_path / "quiz.csv",
        "Student,Standard,Score\nNguy?n Lan,7.NS.A.1b,80\nJos? Ruiz,7.NS.A.1b,70\n"
        "Tran Mai,7.NS.A.1b,90\n",
    )
    parsed = parse_scores(file)
    assert codes(parsed) == [(2, "letters_lost"), (3, "letters_lost")]
    first = parsed.problems[0]
    assert "line 2" in first.message and "'Nguy?n Lan' has '?' where letters" in first.message
    # A warning, not a refusal: the scores are still read for the teacher to match.
    assert [row.student_name for row in parsed.rows] == ["Nguy?n Lan", "Jos? Ruiz", "Tran Mai"]
