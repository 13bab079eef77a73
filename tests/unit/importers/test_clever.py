"""Clever-style SFTP sets (students, sections, enrollments, teachers, schools): a folder or zip."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from mathroom.domain.import_problems import ImportFileError, ProblemKind
from mathroom.domain.roster_import import RosterRow
from mathroom.importers.clever import is_clever, read_clever
from mathroom.importers.roster_rows import parse_roster_file, read_roster

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"
RIVERA, LEE = "Rivera, Ana", "Lee, Sam"

EXPECTED_ROWS = (
    RosterRow(2, "0700123", "Amara", "Okafor", None, 7, "Math 7 - Period 1", "Math 7", RIVERA),
    RosterRow(3, "0700124", "José", "Martínez", None, 7, "Math 7 - Period 1", "Math 7", RIVERA),
    RosterRow(4, "S-003", "Wei", "Chen", None, 7, "Math 7 – Period 2", "Math 7", RIVERA),
    RosterRow(5, "0700123", "Amara", "Okafor", None, 7, "Math 7 – Period 2", "Math 7", RIVERA),
    RosterRow(
        6, "0700126", "Layla", "Haddad", None, 7, "Math 7 Honors – Period 3", "Math 7 Honors"
    ),
    RosterRow(9, "0700124", "José", "Martínez", None, 7, "Science 7 – Period 2", "Science 7", LEE),
)
EXPECTED_PROBLEMS = [
    (
        6,
        ProblemKind.WARNING,
        "missing_teacher",
        "enrollments.csv line 6 (sections.csv line 4): teacher 'T-300' is not in teachers.csv; "
        "the section's teacher is left blank",
    ),
    (
        7,
        ProblemKind.WARNING,
        "missing_student",
        "enrollments.csv line 7: student 'S-991' is not in students.csv, skipped",
    ),
    (
        8,
        ProblemKind.WARNING,
        "missing_section",
        "enrollments.csv line 8: section 'SEC-8' is not in sections.csv, skipped",
    ),
    (
        10,
        ProblemKind.SKIPPED,
        "duplicate_row",
        "enrollments.csv line 10: the same enrolment as line 2, skipped",
    ),
]


def zip_folder(folder: Path, path: Path, *, inside: str = "") -> Path:
    """The folder's files in a zip (under ``inside``/, as a district's SFTP download has them)."""
    with zipfile.ZipFile(path, "w") as archive:
        for child in sorted(folder.iterdir()):
            archive.write(child, f"{inside}{child.name}")
    return path


def copy_set(tmp_path: Path) -> Path:
    folder = tmp_path / "sftp"
    shutil.copytree(FIXTURES / "clever", folder)
    return folder


def test_folder() -> None:
    parsed = read_clever(FIXTURES / "clever")
    assert parsed.source == "clever"
    assert parsed.rows == EXPECTED_ROWS
    assert parsed.periods == (
        "Math 7 - Period 1",
        "Math 7 – Period 2",
        "Math 7 Honors – Period 3",
        "Science 7 – Period 2",
    )
    assert [(p.line, p.kind, p.code, p.message) for p in parsed.problems] == EXPECTED_PROBLEMS
    assert parsed.mapping is None
    # Everything about a student beyond the roster is listed, never read.
    for column in ("DOB", "Gender", "Student_email", "Password", "Ell_status", "IEP_status"):
        assert column in parsed.ignored_columns
    assert "First_name" not in parsed.ignored_columns


@pytest.mark.parametrize("inside", ["", "district-export/"])
def test_zip_is_read_like_the_folder(tmp_path: Path, inside: str) -> None:
    path = zip_folder(FIXTURES / "clever", tmp_path / "clever.zip", inside=inside)
    table, parsed = read_roster(path)
    assert table is None
    assert parsed.rows == EXPECTED_ROWS
    assert [(p.line, p.code) for p in parsed.problems] == [
        (line, code) for line, _kind, code, _text in EXPECTED_PROBLEMS
    ]


def test_detected_by_its_files_under_any_name(tmp_path: Path) -> None:
    renamed = zip_folder(FIXTURES / "clever", tmp_path / "download")
    assert is_clever(renamed) and is_clever(FIXTURES / "clever")
    assert parse_roster_file(renamed).rows == EXPECTED_ROWS
    assert not is_clever(FIXTURES / "oneroster")
    assert not is_clever(FIXTURES / "oneroster.zip")


def test_missing_required_file(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "sections.csv").unlink()
    with pytest.raises(ImportFileError) as caught:
        parse_roster_file(folder)
    assert str(caught.value) == (
        "sftp: sections.csv is missing; a Clever export needs students.csv, sections.csv and "
        "enrollments.csv"
    )


def test_teachers_and_schools_are_optional(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "teachers.csv").unlink()
    (folder / "schools.csv").unlink()
    parsed = read_clever(folder)
    assert [row.line for row in parsed.rows] == [row.line for row in EXPECTED_ROWS]
    assert {row.teacher for row in parsed.rows} == {None}
    # Without teachers.csv there is nothing to miss: no teacher warning.
    assert "missing_teacher" not in {p.code for p in parsed.problems}


def test_missing_column_names_the_file_and_line(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    enrollments = folder / "enrollments.csv"
    enrollments.write_text(enrollments.read_text().replace("Section_id", "Class_id"))
    with pytest.raises(ImportFileError) as caught:
        read_clever(folder)
    assert str(caught.value) == (
        "sftp/enrollments.csv, line 1: the column 'Section_id' is missing from the header"
    )


def write_set(folder: Path, students: str, sections: str, enrollments: str) -> Path:
    folder.mkdir()
    (folder / "students.csv").write_text(students, encoding="utf-8")
    (folder / "sections.csv").write_text(sections, encoding="utf-8")
    (folder / "enrollments.csv").write_text(enrollments, encoding="utf-8")
    return folder


def test_period_comes_from_the_period_column_else_the_section_name(tmp_path: Path) -> None:
    sections = ["Section_id,Name,Period,Course_name", "a,Math 7 - Per 4,4,", "b,,2,Math 7"]
    sections += ["c,,5,", "d,Homeroom,,"]
    folder = write_set(
        tmp_path / "set",
        "Student_id,Student_number,Last_name,First_name,Grade\n"
        "s1,0701,Okafor,Amara,Kindergarten\n"
        "s2,0702,Chen,Wei,Other\n",
        "\n".join(sections) + "\n",
        "Section_id,Student_id\na,s1\nb,s1\nc,s1\nd,s1\nd,s2\n",
    )
    parsed = read_clever(folder)
    assert [(row.period, row.course, row.grade) for row in parsed.rows] == [
        ("Math 7 - Per 4", None, 0),  # the name already says period 4
        ("Math 7 – Period 2", "Math 7", 0),
        ("Period 5", None, 0),
        ("Homeroom", None, 0),
        ("Homeroom", None, None),
    ]
    assert [(p.line, p.kind, p.message) for p in parsed.problems] == [
        (
            6,
            ProblemKind.WARNING,
            "enrollments.csv line 6 (students.csv line 3): grade 'Other' is not a grade number; "
            "left blank",
        )
    ]


def test_student_problems_land_on_their_enrolment_lines(tmp_path: Path) -> None:
    folder = write_set(
        tmp_path / "set",
        "Student_id,Student_number,Last_name,First_name\n"
        "s1,0700123,Okafor,Amara\n"
        "s2,0700123,Okafor,Amy\n"
        "s3,0700124,,\n",
        "Section_id,Name\na,Math 7\n",
        "School_id,Section_id,Student_id\nx,a,s1\nx,a,s2\nx,a,s3\n",
    )
    parsed = read_clever(folder)
    assert [row.line for row in parsed.rows] == [2, 3]
    assert [(p.line, p.kind, p.code) for p in parsed.problems] == [
        (2, ProblemKind.CONFLICT, "id_two_names"),
        (3, ProblemKind.CONFLICT, "id_two_names"),
        (4, ProblemKind.SKIPPED, "no_name"),
    ]
    assert parsed.skipped[0].message == (
        "enrollments.csv line 4 (students.csv line 4): no name for this student, skipped"
    )


def test_one_missing_student_said_once_per_enrolment(tmp_path: Path) -> None:
    """Two enrolments of a student who is not there: two warnings, each with its line."""
    folder = write_set(
        tmp_path / "set",
        "Student_id,Last_name,First_name\ns1,Okafor,Amara\n",
        "Section_id,Name\na,Math 7\nb,Math 8\n",
        "Section_id,Student_id\na,S-991\nb,S-991\na,\n",
    )
    parsed = read_clever(folder)
    assert parsed.rows == ()
    assert [p.message for p in parsed.warnings] == [
        "enrollments.csv line 2: student 'S-991' is not in students.csv, skipped",
        "enrollments.csv line 3: student 'S-991' is not in students.csv, skipped",
        "enrollments.csv line 4: no student, skipped",
    ]
