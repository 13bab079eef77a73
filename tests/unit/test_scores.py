"""Cut points, level words and score parsing: exact decimals, plain refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.errors import ValidationError
from mathroom.domain.scores import (
    CutPoints,
    format_percent,
    parse_level_word,
    parse_number,
    parse_score,
    percent_of,
)
from mathroom.domain.skills import Level

percents = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)


@st.composite
def cut_points(draw: st.DrawFn) -> CutPoints:
    values = sorted(draw(st.sets(st.integers(0, 1000), min_size=3, max_size=3)))
    return CutPoints(*(Decimal(v) / 10 for v in values))


def test_default_cut_points() -> None:
    cuts = CutPoints()
    assert (cuts.getting_there, cuts.got_it, cuts.extending) == (
        Decimal(50),
        Decimal(70),
        Decimal(90),
    )
    assert cuts.level_for(Decimal(0)) is Level.NOT_YET
    assert cuts.level_for(Decimal("49.99")) is Level.NOT_YET
    assert cuts.level_for(Decimal(50)) is Level.GETTING_THERE
    assert cuts.level_for(Decimal("69.9")) is Level.GETTING_THERE
    assert cuts.level_for(Decimal(70)) is Level.GOT_IT
    assert cuts.level_for(Decimal(84)) is Level.GOT_IT
    assert cuts.level_for(Decimal(90)) is Level.EXTENDING
    assert cuts.level_for(Decimal(100)) is Level.EXTENDING


def test_cut_points_describe_themselves() -> None:
    assert CutPoints(Decimal(60), Decimal("75.5"), Decimal(95)).describe() == (
        "Not yet below 60%, Getting there from 60%, Got it from 75.5%, Extending from 95%"
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ((Decimal(70), Decimal(70), Decimal(90)), "got_it"),
        ((Decimal(50), Decimal(40), Decimal(90)), "got_it"),
        ((Decimal(50), Decimal(70), Decimal(60)), "extending"),
        ((Decimal(-1), Decimal(70), Decimal(90)), "getting_there"),
        ((Decimal(50), Decimal(70), Decimal(101)), "extending"),
        ((Decimal("NaN"), Decimal(70), Decimal(90)), "getting_there"),
    ],
)
def test_bad_cut_points_name_the_field(
    values: tuple[Decimal, Decimal, Decimal], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        CutPoints(*values)
    assert raised.value.field == field


def test_cut_points_may_touch_the_ends() -> None:
    cuts = CutPoints(Decimal(0), Decimal(1), Decimal(100))
    assert cuts.level_for(Decimal(0)) is Level.GETTING_THERE
    assert cuts.level_for(Decimal(100)) is Level.EXTENDING


@given(cut_points(), percents, percents)
def test_level_for_is_monotone_in_the_score(cuts: CutPoints, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert cuts.level_for(low) <= cuts.level_for(high)


@given(cut_points(), percents)
def test_every_score_falls_in_exactly_one_level(cuts: CutPoints, score: Decimal) -> None:
    bands = {
        Level.NOT_YET: score < cuts.getting_there,
        Level.GETTING_THERE: cuts.getting_there <= score < cuts.got_it,
        Level.GOT_IT: cuts.got_it <= score < cuts.extending,
        Level.EXTENDING: cuts.extending <= score,
    }
    assert [level for level, inside in bands.items() if inside] == [cuts.level_for(score)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Not yet", Level.NOT_YET),
        ("NOT-YET", Level.NOT_YET),
        ("ny", Level.NOT_YET),
        ("N", Level.NOT_YET),
        ("1", Level.NOT_YET),
        ("Getting there", Level.GETTING_THERE),
        ("GT", Level.GETTING_THERE),
        ("g", Level.GETTING_THERE),
        ("2", Level.GETTING_THERE),
        ("Got it", Level.GOT_IT),
        ("got it!", Level.GOT_IT),
        ("S", Level.GOT_IT),
        ("Secure", Level.GOT_IT),
        ("3", Level.GOT_IT),
        ("Extending", Level.EXTENDING),
        ("e", Level.EXTENDING),
        ("X", Level.EXTENDING),
        (" 4 ", Level.EXTENDING),
    ],
)
def test_level_words(text: str, level: Level) -> None:
    assert parse_level_word(text) is level


@pytest.mark.parametrize("text", ["", "5", "0", "Proficient", "got", "85%", "abc"])
def test_other_words_are_not_levels(text: str) -> None:
    assert parse_level_word(text) is None


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("85", Decimal(85)),
        ("85%", Decimal(85)),
        ("85 %", Decimal(85)),
        ("85.5", Decimal("85.5")),
        ("85,5", Decimal("85.5")),
        ("0", Decimal(0)),
        ("100%", Decimal(100)),
        ("8.5/10", Decimal(85)),
        ("17 / 20", Decimal(85)),
        ("17 out of 20", Decimal(85)),
        ("20/20", Decimal(100)),
        ("0/20", Decimal(0)),
    ],
)
def test_scores(text: str, percent: Decimal) -> None:
    assert parse_score(text) == percent


def test_thirds_stay_exact_decimals() -> None:
    third = parse_score("1/3")
    assert isinstance(third, Decimal)
    assert third == Decimal(100) / 3  # 33.333… to Decimal's precision, no float on the way
    assert format_percent(third) == "33.3%"


@pytest.mark.parametrize("text", ["", "abc", "Got it", "12/20/2026", "eighty"])
def test_what_is_not_a_score(text: str) -> None:
    assert parse_score(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "can't be negative"),
        ("-5%", "can't be negative"),
        ("120", "over 100%"),
        ("100.5%", "over 100%"),
        ("12/10", "more than full marks"),
        ("3/0", "must be above 0"),
        ("-1/10", "can't be negative"),
    ],
)
def test_impossible_scores_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_score(text)


def test_numbers_and_percent_of() -> None:
    assert parse_number("8,5") == Decimal("8.5")
    assert parse_number("85%") is None
    assert percent_of(Decimal(7), Decimal(8)) == Decimal("87.5")
    assert format_percent(Decimal("87.50")) == "87.5%"
    assert format_percent(Decimal("100.0")) == "100%"
