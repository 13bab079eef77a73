"""Row rules: clean names, IDs as text, and every problem named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathroom.domain.import_problems import ImportFileError, ProblemKind
from mathroom.domain.roster_import import ParsedRoster, RosterField, RosterRow
from mathroom.importers.roster_columns import detect_mapping
from mathroom.importers.roster_rows import parse_roster_file, parse_rows
from mathroom.importers.table_file import ROSTER, RawTable, read_table, read_table_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


def parse(name: str) -> ParsedRoster:
    return parse_roster_file(FIXTURES / name)


def parse_text(text: str) -> ParsedRoster:
    table = read_table_bytes(text.encode(), "t.csv", ROSTER, suffix=".csv")
    return parse_rows(table, detect_mapping(table))


def names(parsed: ParsedRoster) -> list[tuple[str, str, str | None]]:
    return [(r.given_name, r.family_name, r.preferred_name) for r in parsed.rows]


def codes(parsed: ParsedRoster) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in parsed.problems]


def test_utf8_rows() -> None:
    parsed = parse("utf8.csv")
    assert parsed.rows == (
        RosterRow(2, "0700123", "Amara", "Okafor", None, 7, "1", "Math 7"),
        RosterRow(3, "0700124", "José", "Martínez", None, 7, "1", "Math 7"),
        RosterRow(4, "0700125", "Minh Anh", "Nguyễn", None, 7, "3", "Math 7"),
    )
    assert parsed.problems == ()
    assert parsed.periods == ("1", "3")
    assert parsed.source == "utf8.csv"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf8_bom.csv", [("Amara", "Okafor", None), ("José", "Martínez", None)]),
        (
            "cp1252.csv",
            [
                ("José", "Martínez", None),
                ("Zoë", "Müller", None),
                ("Renée", "Dubois", None),
                ("Siobhán", "O’Brien", None),
            ],
        ),
        (
            "semicolon.csv",
            [("Zoë", "Müller", None), ("Amara", "Okafor, Jr.", None), ("Renée", "Dubois", None)],
        ),
        ("tab.tsv", [("Amara", "Okafor", None), ("José", "Martínez", None), ("Wei", "Chen", None)]),
        ("tab.txt", [("Amara", "Okafor", None), ("José", "Martínez", None), ("Wei", "Chen", None)]),
        ("unicode_text.txt", [("Minh", "Nguyễn", None), ("小明", "王", None)]),
        ("google_classroom.csv", [("Amara", "Okafor", None), ("Wei", "Chen", None)]),
        ("aeries.csv", [("Amara", "Okafor", None), ("Layla", "Haddad", None)]),
    ],
)
def test_names_from_each_format(name: str, expected: list[tuple[str, str, str | None]]) -> None:
    parsed = parse(name)
    assert names(parsed) == expected
    assert parsed.problems == ()


def test_google_classroom_has_no_numbers_and_ignores_emails() -> None:
    parsed = parse("google_classroom.csv")
    assert [r.student_number for r in parsed.rows] == [None, None]
    assert parsed.ignored_columns == ("Email Address",)


def test_title_rows_page_breaks_and_totals_are_skipped() -> None:
    parsed = parse("title_rows.csv")
    assert [r.line for r in parsed.rows] == [6, 7, 10]
    assert [r.given_name for r in parsed.rows] == ["Amara", "José", "Wei"]
    assert codes(parsed) == [(8, "title_row"), (9, "repeated_header"), (11, "totals_row")]
    assert [p.kind for p in parsed.problems] == [ProblemKind.SKIPPED] * 3
    assert parsed.problems[1].message == (
        "line 9: the header row repeats here (a page break in the export), skipped"
    )
    assert parsed.problems[2].message == (
        "line 11: 'Total: 3 students' looks like a totals line, skipped"
    )


def test_last_first_column() -> None:
    parsed = parse("last_first.csv")
    assert names(parsed) == [
        ("Amara", "Okafor", None),
        ("José", "Martínez", "Pepe"),  # "(Pepe)" is the name the student goes by
        ("Thi Minh Khai", "Nguyen", None),
        ("Zaid", "", None),
        ("Amara", "Okafor", None),  # "First Last" without a comma
    ]


def test_powerschool_columns_that_disagree_are_a_conflict() -> None:
    parsed = parse("powerschool.csv")
    assert [r.student_number for r in parsed.rows] == ["0700401", "0700402", "0700403"]
    assert [r.period for r in parsed.rows] == ["1(A)", "1(A)", "3(A)"]
    # "Martinez, Jose A" agrees with Martínez/José: accents and middle initials don't count.
    assert codes(parsed) == [(4, "names_disagree")]
    assert parsed.conflicts[0].message == (
        "line 4: the LastFirst column says 'Okafor, Amy' but First_Name/Last_Name says "
        "'Amara Okafor'; check which is right"
    )
    assert parsed.ignored_columns == ("LastFirst", "DOB", "Gender")


def test_infinite_campus() -> None:
    parsed = parse("infinite_campus.csv")
    assert parsed.rows[0] == RosterRow(
        2, "700501", "Amara", "Okafor", None, 7, "1", "Math 7", "Rivera, Ana"
    )


def test_skyward_student_in_two_sections_is_not_a_conflict() -> None:
    parsed = parse("skyward.csv")
    assert [(r.student_number, r.period, r.course) for r in parsed.rows] == [
        ("12345", "01", "Math 7"),
        ("12346", "01", "Math 7"),
        ("12345", "03", "Math 7 Lab"),
    ]
    assert parsed.rows[0].given_name == "Amara J"
    assert parsed.problems == ()


def test_workbook_ids_and_dates() -> None:
    parsed = parse("roster.xlsx")
    assert [r.student_number for r in parsed.rows] == ["0700123", "700124", "0700125", "0700126"]
    assert [r.grade for r in parsed.rows] == [7, 7, 7, 7]
    assert [r.period for r in parsed.rows] == ["3", "3", "2026-01-03", "3"]
    assert codes(parsed) == [(5, "id_lost_zeros"), (6, "period_date")]
    assert parsed.conflicts[0].message == (
        "line 5: student number '700124' looks like a spreadsheet dropped its leading zeros "
        "(most numbers here have 7 digits, like '0700123'); re-export the file as CSV from "
        "the student information system, or fix the ID in the file"
    )


def test_formula_like_names_are_kept_as_text_with_a_warning() -> None:
    parsed = parse("formula_names.csv")
    assert names(parsed) == [
        ("Amara", '=HYPERLINK("http://example.org","x")', None),
        ("+Amara", "Okafor", None),
        ("Wei", "-Chen", None),
        ("Sam", "@Lee", None),
    ]
    assert codes(parsed) == [(n, "formula_like") for n in (2, 3, 4, 5)]
    assert [p.kind for p in parsed.problems] == [ProblemKind.WARNING] * 4
    assert parsed.warnings[1].message == (
        "line 3: the name '+Amara' looks like a spreadsheet formula; stored as text"
    )


def test_invisible_characters_are_removed_with_a_warning() -> None:
    parsed = parse("invisible_names.csv")
    assert names(parsed) == [
        ("Amara", "Okafor", None),
        ("José", "Martínez", None),
        ("Wei Ming", "Chen", None),
        ("Layla", "Haddad", None),
    ]
    assert codes(parsed) == [(n, "invisible_characters") for n in (2, 3, 4, 5)]
    assert parsed.warnings[0].message == (
        "line 2: invisible characters or extra spaces removed from the name (now 'Amara Okafor')"
    )


def test_single_name_students() -> None:
    parsed = parse("single_name.csv")
    assert names(parsed) == [("Zaid", "", None), ("Suharto", "", None), ("Sukarno", "", None)]
    assert codes(parsed) == [(4, "name_placeholder"), (5, "no_name")]
    assert parsed.skipped[0].message == "line 5: no name in this row, skipped"
    assert parsed.warnings[0].message == (
        "line 4: 'FNU' stands for a missing name; imported as 'Sukarno'"
    )


def test_one_number_two_names_is_a_conflict_on_every_line() -> None:
    parsed = parse("conflicting_ids.csv")
    assert [r.line for r in parsed.rows] == [2, 3, 4, 5, 6]
    assert codes(parsed) == [
        (2, "id_two_names"),
        (4, "id_two_names"),
        (6, "id_two_names"),
        (7, "duplicate_row"),
    ]
    detail = (
        "student number 0700123 appears with two names: 'Amara Okafor' (line 2) and "
        "'Amy Okafor' (line 6); decide which is right"
    )
    assert [p.message for p in parsed.conflicts] == [f"line {n}: {detail}" for n in (2, 4, 6)]
    assert parsed.skipped[0].message == (
        "line 7: the same student, period and course as line 3, skipped"
    )
    assert parsed.periods == ("1", "3", "5")


def test_ids_damaged_by_a_spreadsheet() -> None:
    parsed = parse("damaged_ids.csv")
    assert [r.student_number for r in parsed.rows] == [
        "0700901",
        "1.23457E+11",
        "700903.0",
        "700904",
        "0700905",
    ]
    assert codes(parsed) == [(3, "id_scientific"), (4, "id_decimal"), (5, "id_lost_zeros")]
    assert all(p.kind is ProblemKind.CONFLICT for p in parsed.problems)
    assert parsed.conflicts[0].message == (
        "line 3: student number '1.23457E+11' was turned into scientific notation by a "
        "spreadsheet, so its digits are lost; re-export the file as CSV from the student "
        "information system, or fix the ID in the file"
    )


def test_short_numbers_are_fine_when_no_number_starts_with_zero() -> None:
    parsed = parse_text("ID,Name\n12345,Amara Okafor\n1234,Wei Chen\n12346,Sam Lee\n")
    assert parsed.problems == ()


def test_periods_turned_into_dates() -> None:
    parsed = parse("period_dates.csv")
    assert codes(parsed) == [(n, "period_date") for n in (2, 3, 4, 5)]
    assert parsed.conflicts[0].message.startswith(
        "line 2: the period '1-Jan' looks like a date that a spreadsheet made out of it;"
    )
    assert parsed.rows[5].period == "1-3"


def test_world_names_are_stored_as_given() -> None:
    parsed = parse("world_names.csv")
    assert names(parsed) == [
        ("Maximiliana", "Castellanos-Ortiz de la Fuente-Villagran", "Max"),
        ("ليلى", "حداد", None),
        ("小明", "王", None),
        ("Thị Minh Khai", "Nguyễn", "Khai"),
        ("Aoife", "Ó Súilleabháin", None),
        ("Min-jun", "Kim", "MJ"),
    ]
    assert len(parsed.rows[0].family_name) == 40
    assert parsed.problems == ()  # composing the decomposed Vietnamese is not worth a warning


def test_grades() -> None:
    parsed = parse("grades.csv")
    assert [r.grade for r in parsed.rows] == [7, 7, 0, 8, None, None]
    assert codes(parsed) == [(6, "grade_unreadable")]
    assert parsed.warnings[0].message == "line 6: grade 'seven' is not a grade number; left blank"


def test_oneroster_folder_through_parse_roster_file() -> None:
    parsed = parse("oneroster")
    assert parsed.mapping is None
    assert len(parsed.rows) == 5


def test_teacher_remap_parses_again() -> None:
    table = read_table(FIXTURES / "aeries.csv", ROSTER)
    mapping = detect_mapping(table).with_column(RosterField.PREFERRED_NAME, 5)
    parsed = parse_rows(table, mapping)
    assert [r.preferred_name for r in parsed.rows] == ["Math 7", "Math 7"]
    assert [r.course for r in parsed.rows] == [None, None]


def test_full_name_column_without_given_name_column_is_used() -> None:
    parsed = parse_text('Student Name,Last Name\n"Okafor, Amara",Okafor\n"Chen, Wei",Lee\n')
    assert names(parsed) == [("Amara", "Okafor", None), ("Wei", "Chen", None)]
    assert codes(parsed) == [(3, "names_disagree")]


def test_preferred_column_wins_over_parentheses() -> None:
    parsed = parse_text("First Name,Last Name,Nickname\nAmara (Amy),Okafor,Ama\nWei (Will),Chen,\n")
    assert names(parsed) == [("Amara (Amy)", "Okafor", "Ama"), ("Wei", "Chen", "Will")]


def test_row_without_a_name_but_with_other_cells_is_skipped() -> None:
    parsed = parse_text("Student Number,Last Name,First Name\n0700123,,\n0700124,Chen,Wei\n")
    assert codes(parsed) == [(2, "no_name")]
    assert [r.line for r in parsed.rows] == [3]


def test_student_named_count_is_not_a_totals_row() -> None:
    parsed = parse_text('Name,ID\n"Count, Amara",0700123\nCount: 1,\n')
    assert names(parsed) == [("Amara", "Count", None)]
    assert codes(parsed) == [(3, "totals_row")]


def test_progress_and_cancel_while_parsing() -> None:
    lines = ["Student Number,Last Name,First Name"]
    lines += [f"{n:07d},Family{n},Given{n}" for n in range(4500)]
    table = read_table_bytes("\n".join(lines).encode(), "big.csv", ROSTER, suffix=".csv")
    mapping = detect_mapping(table)
    reports: list[tuple[int, int]] = []
    parsed = parse_rows(table, mapping, progress=lambda d, t: reports.append((d, t)))
    assert len(parsed.rows) == 4500
    assert reports == [(2000, 4500), (4000, 4500)]
    with pytest.raises(ImportFileError, match=r"^big\.csv: import cancelled$"):
        parse_rows(table, mapping, cancelled=lambda: True)


def test_parse_roster_file_progress_moves_forward(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["Student Number,Last Name,First Name"]
    lines += [f"{n:07d},Family{n},Given{n}" for n in range(6000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports: list[tuple[int, int]] = []
    parse_roster_file(path, progress=lambda d, t: reports.append((d, t)))
    done = [d for d, _t in reports]
    assert done == sorted(done) and done[-1] <= 1000 and len(done) >= 4
    assert {t for _d, t in reports} == {1000}


def test_describe_names_the_file() -> None:
    parsed = parse("grades.csv")
    assert parsed.describe(parsed.warnings[0]) == (
        "grades.csv, line 6: grade 'seven' is not a grade number; left blank"
    )


def test_raw_table_rows_shorter_than_the_header() -> None:
    table = RawTable(
        "short.csv",
        (("Student Number", "Last Name", "First Name", "Period"), ("0700123", "Okafor")),
        (1, 2),
        "utf-8",
        ",",
        None,
    )
    parsed = parse_rows(table, detect_mapping(table))
    assert parsed.rows == (RosterRow(2, "0700123", "Okafor", "", None, None, None, None),)
