"""Names from other systems: invisible characters out, nothing else touched."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathroom.domain.names import clean_name, csv_safe


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Amara", ("Amara", False)),
        ("  Amara Okafor \t", ("Amara Okafor", False)),
        ("Amara\u00a0Okafor", ("Amara Okafor", True)),
        ("Amara  Okafor", ("Amara Okafor", True)),
        ("Amara\u200b", ("Amara", True)),
        ("\u200dLayla\u2060", ("Layla", True)),
        ("\ufeffJosé", ("José", True)),
        ("\u202eMartínez\u202c", ("Martínez", True)),
        ("\u2066Haddad\u2069", ("Haddad", True)),
        ("\u200eSara\u200f", ("Sara", True)),
        ("Wei\u3000Ming", ("Wei Ming", True)),
        ("Tolu\x07", ("Tolu", True)),
        ("mcDonald", ("mcDonald", False)),  # never re-cased
        ("", ("", False)),
        ("   ", ("", False)),
    ],
)
def test_clean_name(raw: str, expected: tuple[str, bool]) -> None:
    assert clean_name(raw) == expected


def test_decomposed_accents_are_composed_without_a_warning() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị")
    assert decomposed != "Nguyễn Thị"
    assert clean_name(decomposed) == ("Nguyễn Thị", False)


def test_scripts_are_kept() -> None:
    assert clean_name("ليلى حداد") == ("ليلى حداد", False)
    assert clean_name("王小明") == ("王小明", False)


@given(st.text())
def test_clean_name_is_idempotent_and_tidy(raw: str) -> None:
    clean, _changed = clean_name(raw)
    assert clean_name(clean) == (clean, False)
    assert clean == clean.strip()
    assert "  " not in clean
    assert not any(ch in clean for ch in "\u200b\u200c\u200d\u2060\ufeff\u202e\u2066\u00a0")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+Amara", "'+Amara"),
        ("-Chen", "'-Chen"),
        ("@Lee", "'@Lee"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Amara", "Amara"),
        ("O'Brien", "O'Brien"),
        ("", ""),
    ],
)
def test_csv_safe(value: str, expected: str) -> None:
    assert csv_safe(value) == expected
