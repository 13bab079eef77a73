"""LMS gradebook exports read as rosters: score columns ignored, non-student rows skipped."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.import_problems import ProblemKind
from mathroom.domain.roster_import import RosterField, RosterRow
from mathroom.importers.gradebook_rows import recognise
from mathroom.importers.roster_rows import parse_roster_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"
PERIOD_2, PERIOD_4 = "Math 7 - Period 2", "Math 7 - Period 4"


def problems(path: Path) -> list[tuple[int, ProblemKind, str, str]]:
    parsed = parse_roster_file(path)
    return [(p.line, p.kind, p.code, p.message) for p in parsed.problems]


def test_canvas_gradebook() -> None:
    parsed = parse_roster_file(FIXTURES / "canvas_gradebook.csv")
    assert parsed.rows == (
        RosterRow(3, "0700123", "Amara", "Okafor", None, None, PERIOD_2, None),
        RosterRow(4, "0700124", "José", "Martínez", None, None, PERIOD_2, None),
        RosterRow(5, "0700125", "Wei", "Chen", None, None, PERIOD_4, None),
    )
    assert parsed.periods == (PERIOD_2, PERIOD_4)
    assert problems(FIXTURES / "canvas_gradebook.csv") == [
        (
            2,
            ProblemKind.SKIPPED,
            "points_row",
            "line 2: 'Points Possible' is the gradebook's points row, not a student, skipped",
        ),
        (
            6,
            ProblemKind.SKIPPED,
            "test_student",
            "line 6: 'Student, Test' is Canvas's test student (from Student View), not a real "
            "student, skipped",
        ),
    ]
    # Canvas's own ID is not the student number, its login (an e-mail) is not a name, and the
    # letter grades are not the grade level: all of them, and every score, are listed.
    assert parsed.mapping is not None
    headers = parsed.mapping.headers
    assert {field: headers[column] for field, column in parsed.mapping.columns.items()} == {
        RosterField.FULL_NAME: "Student",
        RosterField.STUDENT_NUMBER: "SIS User ID",
        RosterField.PERIOD: "Section",
    }
    assert parsed.ignored_columns[:5] == (
        "ID",
        "SIS Login ID",
        "Integers Quiz (10234)",
        "Ratios Homework (10240)",
        "Unit 1 Test (10251)",
    )
    assert {"Current Score", "Final Score", "Current Grade"} <= set(parsed.ignored_columns)


def test_google_classroom_gradebook() -> None:
    parsed = parse_roster_file(FIXTURES / "google_classroom_grades.csv")
    assert [(row.line, row.given_name, row.family_name) for row in parsed.rows] == [
        (5, "Amara", "Okafor"),
        (6, "Wei", "Chen"),
        (7, "Minh Anh", "Nguyen"),
    ]
    assert {row.student_number for row in parsed.rows} == {None}
    assert problems(FIXTURES / "google_classroom_grades.csv") == [
        (
            2,
            ProblemKind.SKIPPED,
            "gradebook_row",
            "line 2: the gradebook's due-date row ('Sep 8, 2026', 'No due date', ...), "
            "not a student, skipped",
        ),
        (
            3,
            ProblemKind.SKIPPED,
            "gradebook_row",
            "line 3: the gradebook's points row ('20', '10', ...), not a student, skipped",
        ),
        (
            4,
            ProblemKind.SKIPPED,
            "average_row",
            "line 4: 'Class average' is the gradebook's class average row, not a student, skipped",
        ),
    ]
    assert parsed.ignored_columns == (
        "Email Address",
        "Integers Quiz",
        "Ratios Homework",
        "Unit 1 Test",
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_recognised_by_columns_not_by_file_name(tmp_path: Path) -> None:
    renamed = write(tmp_path, "export (3).csv", (FIXTURES / "canvas_gradebook.csv").read_text())
    assert [row.line for row in parse_roster_file(renamed).rows] == [3, 4, 5]
    # A roster that merely has a "Points" column and a student called Test is left alone.
    plain = write(
        tmp_path,
        "canvas_gradebook.csv",
        "Student Number,Last Name,First Name,Points\n0700123,Student,Test,10\n",
    )
    parsed = parse_roster_file(plain)
    assert [(row.given_name, row.family_name) for row in parsed.rows] == [("Test", "Student")]
    assert parsed.problems == ()


def test_canvas_posting_row_and_a_student_in_no_section(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "grades.csv",
        "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (1),Quiz 2 (2),Current Score\n"
        ",,,,,Manual Posting,Manual Posting,\n"
        "Points Possible,,,,,10,10,(read only)\n"
        '"Okafor, Amara",1,0700123,aokafor,,9,10,95\n'
        ",,,,,,,\n"
        ",7,,,,,,\n",
    )
    parsed = parse_roster_file(path)
    assert [(row.line, row.period) for row in parsed.rows] == [(4, None)]
    assert [(p.line, p.code, p.message) for p in parsed.problems] == [
        (
            2,
            "gradebook_row",
            "line 2: the gradebook's posting-policy row ('Manual Posting', 'Manual Posting'), "
            "not a student, skipped",
        ),
        (
            3,
            "points_row",
            "line 3: 'Points Possible' is the gradebook's points row, not a student, skipped",
        ),
        (6, "no_name", "line 6: no name in this row, skipped"),
    ]


def test_teacher_sheet_from_classroom_keeps_its_own_period_column(tmp_path: Path) -> None:
    """Last/First/Email then a Period column a teacher added: the period is still read."""
    path = write(
        tmp_path,
        "mine.csv",
        "Last Name,First Name,Email Address,Period\nOkafor,Amara,ao@example.org,2\n",
    )
    parsed = parse_roster_file(path)
    assert [(row.family_name, row.period) for row in parsed.rows] == [("Okafor", "2")]
    assert parsed.ignored_columns == ("Email Address",)


def test_email_columns_are_never_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people.csv",
        'Student Email,Student Name,Student ID\nao@example.org,"Okafor, Amara",0700123\n',
    )
    parsed = parse_roster_file(path)
    assert [(row.given_name, row.family_name, row.student_number) for row in parsed.rows] == [
        ("Amara", "Okafor", "0700123")
    ]
    assert parsed.ignored_columns == ("Student Email",)


def test_other_rosters_are_no_gradebook() -> None:
    assert recognise(("Student Number", "Last Name", "First Name", "Period")) is None
    assert recognise(("Student", "ID", "Section")) is None  # no SIS column: not Canvas
    google = recognise(("Last Name", "First Name", "Email Address"))
    assert google is not None and google.kind == "Google Classroom"


_LABELS = st.sampled_from(["Points Possible", "Class average", "Average", "  Points Possible "])


@given(label=_LABELS, scores=st.lists(st.integers(0, 100), min_size=1, max_size=6))
def test_label_rows_are_never_students(label: str, scores: list[int]) -> None:
    """Whatever the scores, a points or average row in the name column is skipped."""
    quizzes = [f"Quiz {i} ({i})" for i in range(len(scores))]
    headers = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section", *quizzes)
    gradebook = recognise(headers)
    assert gradebook is not None
    marks = [str(score) for score in scores]
    cells = (label, "", "", "", "", *marks)
    code, why = gradebook.non_student(cells, [0], {0, 2, 4})
    assert code in {"points_row", "average_row"}
    assert f"'{label.strip()}'" in why
    student = ("Okafor, Amara", "1", "0700123", "a", "P2", *marks)
    assert gradebook.non_student(student, [0], {0, 2, 4}) == ("", "")
