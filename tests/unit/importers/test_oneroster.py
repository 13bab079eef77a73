"""OneRoster CSV sets (Clever, ClassLink): a row per student enrolment, problems per file line."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from mathroom.domain.import_problems import ImportFileError, ProblemKind
from mathroom.domain.roster_import import ParsedRoster, RosterRow
from mathroom.importers.oneroster import is_oneroster, read_oneroster
from mathroom.importers.roster_rows import parse_roster_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"
PERIOD_1 = "Math 7 – Period 1"
PERIOD_3 = "Math 7 - Period 3"
COURSE = "Mathematics 7"
RIVERA = "Rivera, Ana"  # t1's teacher enrolment in c1

EXPECTED_ROWS = (
    RosterRow(2, "0700123", "Amara", "Okafor", None, 7, PERIOD_1, COURSE, RIVERA),
    RosterRow(3, "0700124", "José", "Martínez", None, 7, PERIOD_1, COURSE, RIVERA),
    RosterRow(5, "0700123", "Amara", "Okafor", None, 7, PERIOD_3, COURSE),
    RosterRow(6, "0700125", "Wei", "Chen", None, 7, PERIOD_3, COURSE),
    RosterRow(10, "u5", "Zaid", "", None, 0, PERIOD_3, COURSE),
)


@pytest.mark.parametrize("name", ["oneroster", "oneroster.zip"])
def test_folder_and_zip(name: str) -> None:
    parsed = read_oneroster(FIXTURES / name)
    assert parsed.source == name
    assert parsed.rows == EXPECTED_ROWS
    assert parsed.periods == (PERIOD_1, PERIOD_3)
    assert parsed.mapping is None
    assert [(p.line, p.kind, p.code) for p in parsed.problems] == [
        (7, ProblemKind.SKIPPED, "unknown_user"),  # u3 is "tobedeleted"
        (8, ProblemKind.SKIPPED, "unknown_class"),  # c9 is "tobedeleted"
    ]
    assert parsed.problems[0].message == (
        "enrollments.csv line 7: user 'u3' is marked for deletion in users.csv, skipped"
    )
    assert parsed.problems[1].message == (
        "enrollments.csv line 8: class 'c9' is marked for deletion in classes.csv, skipped"
    )
    assert "email" in parsed.ignored_columns and "password" in parsed.ignored_columns
    assert "givenName" not in parsed.ignored_columns


def test_parse_roster_file_routes_zip_and_folder() -> None:
    assert parse_roster_file(FIXTURES / "oneroster.zip").rows == EXPECTED_ROWS
    assert is_oneroster(FIXTURES / "oneroster")
    assert not is_oneroster(FIXTURES / "roster.xlsx")
    assert not is_oneroster(FIXTURES / "utf8.csv")


def copy_set(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "oneroster", folder)
    return folder


def test_missing_required_file(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "enrollments.csv").unlink()
    with pytest.raises(ImportFileError) as caught:
        read_oneroster(folder)
    assert str(caught.value) == (
        "export: enrollments.csv is missing; a OneRoster export needs users.csv, classes.csv "
        "and enrollments.csv"
    )


def test_courses_are_optional(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    (folder / "courses.csv").unlink()
    parsed = read_oneroster(folder)
    assert {row.course for row in parsed.rows} == {None}


def test_missing_column_names_the_file_and_line(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    users = folder / "users.csv"
    users.write_text(users.read_text().replace("givenName", "firstName"))
    with pytest.raises(ImportFileError) as caught:
        read_oneroster(folder)
    assert str(caught.value) == (
        "export/users.csv, line 1: the column 'givenName' is missing from the header"
    )


def test_zip_without_a_oneroster_set(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(ImportFileError, match=r"^photos\.zip: users\.csv is missing"):
        parse_roster_file(path)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "roster.zip"
    path.write_bytes(b"PK\x03\x04 nothing more")
    with pytest.raises(ImportFileError, match=r"^roster\.zip: not a readable zip file$"):
        read_oneroster(path)


def write_set(folder: Path, users: str, enrollments: str) -> Path:
    folder.mkdir()
    (folder / "users.csv").write_text(users, encoding="utf-8")
    (folder / "classes.csv").write_text(
        "sourcedId,status,title,classCode,periods\nc1,active,,M7B,2\n", encoding="utf-8"
    )
    (folder / "enrollments.csv").write_text(enrollments, encoding="utf-8")
    return folder


def test_oneroster_12_users_without_role_and_preferred_names(tmp_path: Path) -> None:
    folder = write_set(
        tmp_path / "v12",
        "sourcedId,status,username,givenName,familyName,identifier,grades,preferredGivenName\n"
        "u1,active,a,Alejandro,Reyes,0700300,07,Alex\n"
        "t1,active,t,Ana,Rivera,T1,,\n",
        "sourcedId,classSourcedId,userSourcedId,role\ne1,c1,u1,student\ne2,c1,t1,teacher\n",
    )
    parsed = read_oneroster(folder)
    assert parsed.rows == (
        RosterRow(
            2, "0700300", "Alejandro", "Reyes", "Alex", 7, "M7B – Period 2", None, "Rivera, Ana"
        ),
    )


def test_student_problems_are_reported_on_their_enrolment_lines(tmp_path: Path) -> None:
    folder = write_set(
        tmp_path / "set",
        "sourcedId,role,givenName,familyName,identifier,grades\n"
        "u1,student,Amara\u200b,Okafor,0700123,07\n"
        "u2,student,Amy,Okafor,0700123,07\n"
        "u3,student,,,0700124,07\n",
        "sourcedId,classSourcedId,userSourcedId,role\n"
        "e1,c1,u1,student\n"
        "e2,c1,u2,student\n"
        "e3,c1,u3,student\n"
        "e4,c1,u1,student\n",
    )
    parsed = read_oneroster(folder)
    assert [row.line for row in parsed.rows] == [2, 3]
    assert [(p.line, p.kind, p.code) for p in parsed.problems] == [
        (2, ProblemKind.WARNING, "invisible_characters"),
        (2, ProblemKind.CONFLICT, "id_two_names"),
        (3, ProblemKind.CONFLICT, "id_two_names"),
        (4, ProblemKind.SKIPPED, "no_name"),
        (5, ProblemKind.SKIPPED, "duplicate_row"),
    ]
    assert parsed.conflicts[0].message == (
        "enrollments.csv line 2 (users.csv line 2): student number 0700123 appears with two "
        "names: 'Amara Okafor' (users.csv line 2) and 'Amy Okafor' (users.csv line 3); "
        "decide which is right"
    )
    assert parsed.skipped[0].message == (
        "enrollments.csv line 4 (users.csv line 4): no name for this student, skipped"
    )


def rows_of(parsed: ParsedRoster) -> list[tuple[str | None, str | None]]:
    return [(row.student_number, row.period) for row in parsed.rows]


def test_renamed_zip_holding_users_csv_is_oneroster(tmp_path: Path) -> None:
    path = tmp_path / "download"
    shutil.copyfile(FIXTURES / "oneroster.zip", path)
    assert is_oneroster(path)
    assert rows_of(parse_roster_file(path)) == rows_of(read_oneroster(FIXTURES / "oneroster"))


def test_missing_references_are_warnings_naming_file_and_line(tmp_path: Path) -> None:
    """Records that are not in their file at all: warned about (not just skipped), by line."""
    folder = write_set(
        tmp_path / "broken",
        "sourcedId,role,givenName,familyName,identifier\n"
        "u1,student,Amara,Okafor,0700123\n"
        "t2,teacher,Sam,Lee,T2\n",
        "sourcedId,classSourcedId,userSourcedId,role,primary\n"
        "e1,c1,u1,student,false\n"
        "e2,c1,u9,student,false\n"
        "e3,c7,u1,student,false\n"
        "e4,c1,t8,teacher,true\n"
        "e5,c1,t2,teacher,false\n"
        "e6,c1,t2,student,false\n",
    )
    (folder / "classes.csv").write_text(
        "sourcedId,title,courseSourcedId,periods\nc1,Math 7,co9,2\n", encoding="utf-8"
    )
    (folder / "courses.csv").write_text("sourcedId,title\nco1,Mathematics 7\n", encoding="utf-8")
    parsed = read_oneroster(folder)
    assert parsed.rows == (
        RosterRow(
            2, "0700123", "Amara", "Okafor", None, None, "Math 7 – Period 2", None, "Lee, Sam"
        ),
    )
    assert [(p.line, p.kind, p.code, p.message) for p in parsed.problems] == [
        (
            2,
            ProblemKind.WARNING,
            "missing_course",
            "enrollments.csv line 2 (classes.csv line 2): course 'co9' is not in courses.csv; "
            "the course is left blank",
        ),
        (
            3,
            ProblemKind.WARNING,
            "missing_user",
            "enrollments.csv line 3: user 'u9' is not in users.csv, skipped",
        ),
        (
            4,
            ProblemKind.WARNING,
            "missing_class",
            "enrollments.csv line 4: class 'c7' is not in classes.csv, skipped",
        ),
        (
            5,
            ProblemKind.WARNING,
            "missing_teacher",
            "enrollments.csv line 5: teacher 't8' is not in users.csv; class 'c1' gets no "
            "teacher name from this line",
        ),
        (
            7,
            ProblemKind.SKIPPED,
            "unknown_user",
            "enrollments.csv line 7: user 't2' is not a student in users.csv, skipped",
        ),
    ]
