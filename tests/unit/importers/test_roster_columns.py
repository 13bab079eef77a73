"""Finding the header row and which column holds what, for each student information system."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathroom.domain.import_problems import ImportFileError
from mathroom.domain.roster_import import ColumnMapping, RosterField
from mathroom.importers.roster_columns import detect_mapping
from mathroom.importers.table_file import ROSTER, RawTable, read_table
from mathroom.importers.table_headers import normalise_header

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"

F = RosterField


def table_of(*rows: tuple[str, ...]) -> RawTable:
    return RawTable("t.csv", rows, tuple(range(1, len(rows) + 1)), "utf-8", ",", None)


def mapping_of(name: str) -> ColumnMapping:
    return detect_mapping(read_table(FIXTURES / name, ROSTER))


def test_powerschool() -> None:
    mapping = mapping_of("powerschool.csv")
    assert mapping.header_index == 0
    assert dict(mapping.columns) == {
        F.STUDENT_NUMBER: 0,
        F.FULL_NAME: 1,
        F.FAMILY_NAME: 2,
        F.GIVEN_NAME: 3,
        F.GRADE: 4,
        F.PERIOD: 5,
        F.COURSE: 6,
    }
    # the full name is only compared with the separate columns, never imported
    assert mapping.ignored == ("LastFirst", "DOB", "Gender")


def test_infinite_campus() -> None:
    mapping = mapping_of("infinite_campus.csv")
    assert dict(mapping.columns) == {
        F.FULL_NAME: 0,
        F.STUDENT_NUMBER: 1,
        F.GRADE: 2,
        F.PERIOD: 3,
        F.COURSE: 4,
        F.TEACHER: 5,
    }
    assert mapping.ignored == ("Gender", "Birthdate")


def test_skyward_class_is_the_course_when_per_is_the_period() -> None:
    mapping = mapping_of("skyward.csv")
    assert dict(mapping.columns) == {
        F.STUDENT_NUMBER: 0,
        F.FULL_NAME: 1,
        F.GRADE: 2,
        F.PERIOD: 3,
        F.COURSE: 4,
    }


def test_aeries_perm_id() -> None:
    mapping = mapping_of("aeries.csv")
    assert mapping.columns[F.STUDENT_NUMBER] == 0
    assert mapping.columns[F.COURSE] == 5
    assert mapping.ignored == ("Birthdate", "Sex", "Parent Email")


def test_google_classroom_names_and_emails() -> None:
    mapping = mapping_of("google_classroom.csv")
    assert dict(mapping.columns) == {F.FAMILY_NAME: 0, F.GIVEN_NAME: 1}
    assert mapping.ignored == ("Email Address",)


def test_single_full_name_column() -> None:
    mapping = mapping_of("last_first.csv")
    assert dict(mapping.columns) == {F.FULL_NAME: 0}
    assert mapping.ignored == ()


def test_title_rows_above_the_header_are_skipped() -> None:
    mapping = mapping_of("title_rows.csv")
    assert mapping.header_index == 3
    assert mapping.headers[0] == "Student Number"


def test_workbook_header_below_a_title() -> None:
    mapping = mapping_of("roster.xlsx")
    assert mapping.header_index == 1
    assert mapping.ignored == ("Birthdate",)


def test_metadata_row_that_names_two_fields_loses_to_the_real_header() -> None:
    table = table_of(
        ("Section:", "3", "Course:", "Math 7"),
        ("Student #", "Last", "First", "Gr"),
        ("0700123", "Okafor", "Amara", "7"),
    )
    mapping = detect_mapping(table)
    assert mapping.header_index == 1
    assert dict(mapping.columns) == {
        F.STUDENT_NUMBER: 0,
        F.FAMILY_NAME: 1,
        F.GIVEN_NAME: 2,
        F.GRADE: 3,
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Student ID", F.STUDENT_NUMBER),
        ("student_number", F.STUDENT_NUMBER),
        ("StudentID", F.STUDENT_NUMBER),
        ("Student #", F.STUDENT_NUMBER),
        ("Student No.", F.STUDENT_NUMBER),
        ("Local ID", F.STUDENT_NUMBER),
        ("SIS ID", F.STUDENT_NUMBER),
        ("ID", F.STUDENT_NUMBER),
        ("Family Name", F.FAMILY_NAME),
        ("SURNAME", F.FAMILY_NAME),
        ("Given Name", F.GIVEN_NAME),
        ("Legal First Name", F.GIVEN_NAME),
        ("Nickname", F.PREFERRED_NAME),
        ("Goes By", F.PREFERRED_NAME),
        ("Known As", F.PREFERRED_NAME),
        ("Preferred First Name", F.PREFERRED_NAME),
        ("Name", F.FULL_NAME),
        ("Student", F.FULL_NAME),
        ("Grade Level", F.GRADE),
        ("Gr", F.GRADE),
        ("Section Number", F.PERIOD),
        ("Period Name", F.PERIOD),
        ("Class", F.PERIOD),
        ("Course Title", F.COURSE),
        ("Class Name", F.COURSE),
        ("Student Grade", F.GRADE),
    ],
)
def test_header_names(header: str, field: RosterField) -> None:
    mapping = detect_mapping(
        table_of((header, "Last Name") if field != F.FAMILY_NAME else (header,))
    )
    assert mapping.columns[field] == 0


def test_sourced_id_is_not_a_student_number() -> None:
    mapping = detect_mapping(table_of(("sourcedId", "Last Name", "First Name")))
    assert F.STUDENT_NUMBER not in mapping.columns
    assert mapping.ignored == ("sourcedId",)


def test_better_known_name_wins_then_leftmost() -> None:
    mapping = detect_mapping(
        table_of(("ID", "Student Number", "Name", "Section", "Period", "Class", "Course"))
    )
    assert dict(mapping.columns) == {
        F.STUDENT_NUMBER: 1,
        F.FULL_NAME: 2,
        F.PERIOD: 4,
        F.COURSE: 6,
    }
    assert mapping.ignored == ("ID", "Section", "Class")


def test_normalise_header() -> None:
    assert normalise_header(" Student_Number ") == "studentnumber"
    assert normalise_header("Student #") == "studentnumber"
    assert normalise_header("Grade:") == "grade"


def test_no_name_column_names_the_header_line() -> None:
    with pytest.raises(ImportFileError) as caught:
        mapping_of("no_names.csv")
    assert caught.value.line == 1
    assert str(caught.value) == (
        "no_names.csv, line 1: no column with student names was found "
        "(looked for Student Name, Last Name, First Name, Name)"
    )


def test_no_header_at_all() -> None:
    with pytest.raises(ImportFileError) as caught:
        detect_mapping(table_of(("0700123", "Okafor", "Amara")))
    assert caught.value.line is None
    assert caught.value.problem.startswith("no column with student names was found")


def test_teacher_remaps_a_column() -> None:
    mapping = mapping_of("aeries.csv")
    moved = mapping.with_column(F.COURSE, 6)  # Birthdate, just to show it moves
    assert moved.columns[F.COURSE] == 6
    assert moved.ignored == ("Course Title", "Sex", "Parent Email")
    unmapped = mapping.with_column(F.GRADE, None)
    assert F.GRADE not in unmapped.columns
    assert unmapped.ignored == ("Grade", "Birthdate", "Sex", "Parent Email")
    assert mapping.columns[F.GRADE] == 3  # the original is unchanged


def test_a_column_holds_one_field() -> None:
    mapping = mapping_of("aeries.csv").with_column(F.PREFERRED_NAME, 2)
    assert mapping.columns[F.PREFERRED_NAME] == 2
    assert F.GIVEN_NAME not in mapping.columns


def test_with_column_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside the header row"):
        mapping_of("aeries.csv").with_column(F.GRADE, 42)


def test_labels() -> None:
    assert [field.label for field in RosterField] == [
        "Student number",
        "Family name",
        "Given name",
        "Preferred name",
        "Full name",
        "Grade",
        "Period",
        "Course",
        "Teacher",
    ]


def test_a_bare_given_header_is_the_given_name() -> None:
    from mathroom.importers.table_file import ROSTER, read_table_bytes

    table = read_table_bytes(
        b"ID,Surname,Given\n07001,Okafor,Amara\n", "t.csv", ROSTER, suffix=".csv"
    )
    mapping = detect_mapping(table)
    assert mapping.columns[RosterField.GIVEN_NAME] == 2
    assert mapping.columns[RosterField.FAMILY_NAME] == 1
