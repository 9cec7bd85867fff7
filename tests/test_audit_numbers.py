"""Printed precision and label normalisation used by the audit (pure functions: property tests)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.audit.numbers import euro, half_step, normalise_label, printed_decimals, printed_number, printed_unit


def dutch(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@given(st.integers(min_value=-10_000_000, max_value=10_000_000))
def test_thousands_printed_with_dots_read_back(value: int):
    assert printed_number(dutch(value)) == value
    assert printed_decimals(dutch(value)) == 0


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from([1, 1000, 1_000_000]))
def test_scale_of_a_cell_printed_in_thousands(shown: int, scale: int):
    assert printed_unit(shown * scale, dutch(shown)) == scale
    assert half_step(shown * scale, dutch(shown)) == 0.5 * scale


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=3))
def test_decimal_comma_sets_the_precision(whole: int, decimals: int):
    raw = f"{whole / 10 ** decimals:.{decimals}f}".replace(".", ",") + "%"
    assert printed_decimals(raw) == decimals
    assert abs(half_step(printed_number(raw) or 1, raw) or 0.5 * 10 ** -decimals) <= 0.5 * 10 ** -decimals + 1e-12


def test_examples_from_the_documents():
    assert printed_number("-6.628") == -6628
    assert printed_number("(96.100)") == -96100
    assert printed_number("6,9 (2023)") == 6.9
    assert printed_number("€ 18 mln.") == 18
    assert printed_decimals("9,05 (2023)") == 2
    assert euro(-921000) == "€ -921.000"


def test_row_labels_of_different_documents_compare_equal():
    assert normalise_label("Totaal baten") == normalise_label("Baten totaal") == "baten"
    assert normalise_label("Programma resultaat") == normalise_label("Geraamde resultaat") == "resultaat"
    assert normalise_label("Saldo van baten en lasten") == "saldo"
    assert normalise_label("Beoogde toev./onttr. aan reserves") == "mutaties reserves"
    assert normalise_label("Onttrekkingen aan reserves") == "onttrekking reserves"
    assert normalise_label("Kosten") == "lasten"
    assert normalise_label("Baten basispakket gemeenten") == "baten basispakket gemeenten"
