"""Value parsing: Dutch numbers, comparators, units, markers and year headers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.parse.values import (
    MISSING_MARKERS,
    ParsedValue,
    column_type,
    parse_direction,
    parse_number,
    parse_value,
    parse_year_header,
    split_footnote_marks,
)

# ---------------------------------------------------------------- examples


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.234,5", 1234.5),
        ("1.234", 1234.0),
        ("12.345.678", 12345678.0),
        ("12,5", 12.5),
        ("0,6", 0.6),
        ("-3,2", -3.2),
        ("\u22123,2", -3.2),
        ("-/- 1.234", -1234.0),
        (" 42 ", 42.0),
        ("0", 0.0),
        ("1\u00a0234", 1234.0),
    ],
)
def test_parse_number_dutch(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1.5", "1.2345", "1234.567", "10-15", "1,", ",5", "- 3", "(1.234)", "1 234", "12a", "--3", "–3"],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parentheses_are_negative_only_on_request() -> None:
    assert parse_number("(1.234)") is None
    assert parse_number("(1.234)", parens_negative=True) == -1234.0
    assert parse_number("(-12)", parens_negative=True) is None


@pytest.mark.parametrize(
    "text, value, comparator, unit",
    [
        ("<15", 15.0, "<", None),
        ("< 15", 15.0, "<", None),
        ("≤ 80%", 80.0, "<=", "%"),
        ("≥ 80%", 80.0, ">=", "%"),
        (">= 3", 3.0, ">=", None),
        ("<= 3", 3.0, "<=", None),
        ("> 7,5", 7.5, ">", None),
        ("minimaal 80%", 80.0, ">=", "%"),
        ("Minimaal 80 %", 80.0, ">=", "%"),
        ("ten minste 5", 5.0, ">=", None),
        ("tenminste 5", 5.0, ">=", None),
        ("maximaal 5", 5.0, "<=", None),
        ("meer dan 1.000", 1000.0, ">", None),
        ("minder dan 2", 2.0, "<", None),
        ("12,5%", 12.5, None, "%"),
        ("4,2‰", 4.2, None, "‰"),
        ("€ 1.234", 1234.0, None, "€"),
        ("-3,2%", -3.2, None, "%"),
    ],
)
def test_parse_value_comparators_and_units(text: str, value: float, comparator: str | None, unit: str | None) -> None:
    parsed = parse_value(text)
    assert parsed is not None
    assert (parsed.value, parsed.comparator, parsed.unit, parsed.raw) == (value, comparator, unit, text)


@pytest.mark.parametrize(
    "text, value, direction, footnotes",
    [
        ("100 (-)", 100.0, "decrease", ()),
        ("5 (+)", 5.0, "increase", ()),
        ("0 (-/+)", 0.0, "stable", ()),
        ("1 (+/-)", 1.0, "stable", ()),
        ("20 ** (-)", 20.0, "decrease", ("**",)),
        ("2** (-)", 2.0, "decrease", ("**",)),
        ("8% (-)", 8.0, "decrease", ()),
        ("12¹", 12.0, None, ("¹",)),
        ("12,5 %*", 12.5, None, ("*",)),
    ],
)
def test_parse_value_direction_and_marks(text: str, value: float, direction: str | None, footnotes: tuple) -> None:
    parsed = parse_value(text)
    assert parsed is not None
    assert (parsed.value, parsed.direction, parsed.footnotes) == (value, direction, footnotes)


def test_year_in_brackets() -> None:
    assert parse_value("7,4 (2024)") == ParsedValue(value=7.4, year=2024, raw="7,4 (2024)")
    assert parse_value("6,1% (2021)") == ParsedValue(value=6.1, unit="%", year=2021, raw="6,1% (2021)")


@pytest.mark.parametrize(
    "text",
    ["-", "–", "n.b.", "N.B.", "nb", "nvt", "n.v.t.", "x", "", "  ", "?", "pm", "p.m.", "- (-/+)", "n.t.b.",
     "stijging", "daling", "10-15", "10 - 15", "22 15 7 13", "(2024)", "**", "1.5"],
)
def test_parse_value_no_value(text: str) -> None:
    assert parse_value(text) is None


def test_direction_of_a_cell_without_value() -> None:
    assert parse_direction("- (-/+)") == "stable"
    assert parse_direction("25 (-)") == "decrease"
    assert parse_direction("5 (+)") == "increase"
    assert parse_direction("5 ( \u2212 )") == "decrease"
    assert parse_direction("100") is None
    assert parse_direction("Politie (BVH incidentcode 1.3.1)") is None


def test_split_footnote_marks() -> None:
    assert split_footnote_marks("Indicator*") == ("Indicator", ("*",))
    assert split_footnote_marks("Schoolverzuim (gevallen per schooljaar gemeld)*") == (
        "Schoolverzuim (gevallen per schooljaar gemeld)", ("*",))
    assert split_footnote_marks("20 **") == ("20", ("**",))
    assert split_footnote_marks("Aantal²") == ("Aantal", ("²",))
    assert split_footnote_marks("**") == ("**", ())
    assert split_footnote_marks("Geen merk") == ("Geen merk", ())


@pytest.mark.parametrize(
    "text, year",
    [
        ("2024", 2024),
        ("'11", 2011),
        ("‘14", 2014),
        ("’99", 1999),
        ("Streefwaarde 2026 (%)", 2026),
        ("Realisatie 2022", 2022),
        ("Begroting 2025", 2025),
        ("Streefwaarde 2015", 2015),
        ("2011/2012", None),
        ("2015-2018", None),
        ("Nulmeting", None),
        ("Realisatie Wassenaar (jaartal)", None),
        ("2014 2015", None),
        ("", None),
    ],
)
def test_parse_year_header(text: str, year: int | None) -> None:
    assert parse_year_header(text) == year


@pytest.mark.parametrize(
    "header, kind",
    [
        ("Streefwaarde 2026", "streefwaarde"),
        ("Begroting 2025", "streefwaarde"),
        ("Realisatie 2022", "realisatie"),
        ("Nulmeting", "realisatie"),
        ("Peilwaarde", "realisatie"),
        ("Nederland", "referentie"),
        ("Bron", None),
    ],
)
def test_column_type(header: str, kind: str | None) -> None:
    assert column_type(header) == kind


# ---------------------------------------------------------------- properties


def dutch(integer: int, decimals: str, grouped: bool) -> str:
    """Format like a Dutch table: dots between thousands (optionally), a decimal comma."""
    body = f"{integer:,}".replace(",", ".") if grouped else str(integer)
    return body + ("," + decimals if decimals else "")


numbers = st.tuples(
    st.integers(min_value=0, max_value=10**12),
    st.text(alphabet="0123456789", max_size=4),
    st.booleans(),
    st.booleans(),
)


@given(numbers)
def test_number_round_trip(parts: tuple[int, str, bool, bool]) -> None:
    integer, decimals, grouped, negative = parts
    text = ("-" if negative else "") + dutch(integer, decimals, grouped)
    expected = float(f"{integer}.{decimals}" if decimals else integer)
    if negative and expected != 0:
        expected = -expected
    assert parse_number(text) == expected


@given(
    numbers,
    st.sampled_from([("", None), ("<", "<"), ("< ", "<"), ("≥ ", ">="), ("minimaal ", ">="), ("maximaal ", "<="),
                     ("meer dan ", ">"), ("ten minste ", ">=")]),
    st.sampled_from([("", None), ("%", "%"), (" %", "%"), ("‰", "‰")]),
    st.sampled_from(["", "*", " **", "¹"]),
    st.sampled_from([("", None), (" (-)", "decrease"), (" (+)", "increase"), (" (-/+)", "stable")]),
)
def test_value_round_trip(parts, comparator, unit, mark, direction) -> None:
    integer, decimals, grouped, negative = parts
    number = ("-" if negative else "") + dutch(integer, decimals, grouped)
    text = f"{comparator[0]}{number}{unit[0]}{mark}{direction[0]}"
    parsed = parse_value(text)
    expected = float(f"{integer}.{decimals}" if decimals else integer)
    if negative and expected != 0:
        expected = -expected
    assert parsed is not None, text
    assert parsed.value == expected
    assert parsed.comparator == comparator[1]
    assert parsed.unit == unit[1]
    assert parsed.footnotes == ((mark.strip(),) if mark else ())
    assert parsed.direction == direction[1]
    assert parsed.raw == text


@given(st.sampled_from(sorted(MISSING_MARKERS)), st.sampled_from(["", " ", "  "]), st.booleans())
def test_missing_markers_are_never_values(marker: str, pad: str, upper: bool) -> None:
    text = pad + (marker.upper() if upper else marker) + pad
    assert parse_value(text) is None
    assert parse_value(text + " (-)") is None


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parsed = parse_value(text)
    assert parsed is None or isinstance(parsed.value, float)
    number = parse_number(text)
    assert number is None or isinstance(number, float)
    assert parse_direction(text) in (None, "decrease", "increase", "stable")
    cleaned, marks = split_footnote_marks(text)
    assert isinstance(cleaned, str) and all(isinstance(m, str) for m in marks)
    year = parse_year_header(text)
    assert year is None or 1900 <= year <= 2099


@given(st.integers(min_value=1000, max_value=9999).map(str))
def test_ranges_are_never_values(start: str) -> None:
    assert parse_value(f"{start}-{int(start) + 5}") is None


# ---------------------------------------------------------------- ranges (targets printed as "6 - 6,5")

from extractor.parse.values import parse_range  # noqa: E402


@pytest.mark.parametrize("text, low, high, unit", [
    ("6 - 6,5", 6.0, 6.5, None),
    ("6-6,5", 6.0, 6.5, None),
    ("10–15%", 10.0, 15.0, "%"),
    ("10% - 15%", 10.0, 15.0, "%"),
    ("tussen 10 en 15", 10.0, 15.0, None),
    ("10 tot 15", 10.0, 15.0, None),
    ("10 t/m 15", 10.0, 15.0, None),
    ("1.000 - 1.200", 1000.0, 1200.0, None),
])
def test_range_gives_its_two_bounds(text: str, low: float, high: float, unit) -> None:
    lower, upper = parse_range(text)
    assert (lower.value, lower.comparator, upper.value, upper.comparator) == (low, ">=", high, "<=")
    assert lower.unit == upper.unit == unit and lower.raw == upper.raw == text


@pytest.mark.parametrize("text", ["2019-2023", "15 - 10", "3 en 4", "10% - 15 kg", "6", "-", "10 - -", "abc - 5", "10 - 12 - 14"])
def test_not_a_range(text: str) -> None:
    assert parse_range(text) is None


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6), st.sampled_from([" - ", "–", " tot "]))
@settings(max_examples=200, deadline=None)
def test_range_bounds_are_ordered_and_exact(low: int, width: int, separator: str) -> None:
    dutch = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    high = low + width
    parsed = parse_range(f"{dutch(low)}{separator}{dutch(high)}")
    both_years = all(1900 <= n <= 2099 for n in (low, high))
    if both_years:
        assert parsed is None  # a period, not a range
    else:
        assert parsed is not None and (parsed[0].value, parsed[1].value) == (float(low), float(high))


# ---------------------------------------------------------------- a share with a space after its minus ("- 2,20 %")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99), st.sampled_from([",", "."]),
       st.sampled_from(["%", " %"]), st.sampled_from(["-", "\u2212"]))
def test_a_share_with_its_minus_apart_is_negative(whole: int, hundredths: int, point: str, unit: str, minus: str) -> None:
    text = f"{minus} {whole}{point}{hundredths:02d}{unit}"
    parsed = parse_value(text)
    assert parsed is not None and parsed.unit == "%", text
    assert parsed.value == -float(f"{whole}.{hundredths:02d}")


@pytest.mark.parametrize("text", ["- 3", "- 12,5", "– 2,20 %", "- 2.20", "- 1.2345 %"])
def test_a_minus_apart_without_a_share_or_an_en_dash_is_no_number(text: str) -> None:
    assert parse_value(text) is None


def test_a_point_before_three_digits_stays_a_thousands_separator_in_a_share() -> None:
    parsed = parse_value("- 1.234 %")
    assert parsed is not None and parsed.value == -1234.0
