"""Small tables of shares (kerngegevens) copied one cell per paragraph: labels that name no indicator words, figures
that print a percent sign, a prognosis table of bare later years, and a share printed with a decimal point.
The texts are synthetic (invented labels and figures)."""

from __future__ import annotations

from pathlib import Path

from extractor.parse.values import parse_value
from extractor.pipeline import ExtractOptions, extract_document

_NOW = ["Bewoners", "Rekening", "2041", "Rekening\n2042", "Begroting\n2043", "Rekening\n2043", "Groep", " ", " ", " ", " ",
        "Totaal bewoners", "50.120", "50.340", "50.500", "50.610",
        "Kinderen (0 t/m 11 jaar)", "14,1%", "14,0%", "13,8%", "13,9%",
        "Volwassenen (12 t/m 70 jaar)", "71,5%", "71.2%", "71,4%", "71,0%",
        "Senioren (71 jaar en ouder)", "14,4%", "14,8%", "14,8%", "15,1%", " "]
_LATER = ["Bewonersprognose", "2045", "2050", "2055", "2060", "Groep", " ", " ", " ", " ",
          "Kinderen (0 t/m 11 jaar)", "13,5%", "13,2%", "13,0%", "12,9%",
          "Senioren (71 jaar en ouder)", "15,6%", "16,9%", "17,8%", "18,0%"]


def _extract(tmp_path: Path):
    path = tmp_path / "jaarverslag_2043_kerngegevens.txt"
    path.write_text("Jaarverslag 2043\n\n" + "\n\n".join([*_NOW, *_LATER]) + "\n", encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def _values(document, name: str) -> list[tuple]:
    return sorted((v.year, v.type, v.value) for i in document.indicators if i.name == name for v in i.values)


def test_a_table_of_shares_is_an_indicator_table_without_indicator_words(tmp_path: Path) -> None:
    document = _extract(tmp_path)
    assert _values(document, "Volwassenen (12 t/m 70 jaar)") == [
        (2041, "realisatie", 71.5), (2042, "realisatie", 71.2), (2043, "realisatie", 71.0), (2043, "streefwaarde", 71.4)]


def test_later_years_under_a_prognosis_title_are_prognoses(tmp_path: Path) -> None:
    document = _extract(tmp_path)
    later = [v for v in _values(document, "Senioren (71 jaar en ouder)") if v[0] >= 2045]
    assert later == [(2045, "prognose", 15.6), (2050, "prognose", 16.9), (2055, "prognose", 17.8), (2060, "prognose", 18.0)]


def test_a_share_with_a_decimal_point() -> None:
    parsed = parse_value("71.2%")
    assert parsed is not None and parsed.value == 71.2 and parsed.unit == "%"
    assert parse_value("1.5") is None  # without a percent sign a point may be a thousands separator
    assert parse_value("1.234%").value == 1234.0  # type: ignore[union-attr]


def test_kengetallen_with_mixed_points_and_a_minus_apart(tmp_path: Path) -> None:
    """Financial kengetallen one cell per paragraph whose shares mix "," and "." as the decimal sign and print a
    space after a minus ("- 1.40 %"): every row is read, the later rows too."""
    cells = ["Kengetal", "Rekening  2041", "Begroting 2042", "Rekening 2042",
             "1. Schuldratio", "71 %", "80 %", "64,25 %",
             "2. Weerbaarheid", "-1,5 %", "0.61 %", "- 1.40 %",
             "3. Grondvoorraad", "12,07 %", "15,30 %", "13,91 %"]
    path = tmp_path / "jaarstukken_2042_kengetallen.txt"
    path.write_text("Jaarstukken 2042\n\nKengetallen\n\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    assert _values(document, "2. Weerbaarheid") == [(2041, "realisatie", -1.5), (2042, "realisatie", -1.4),
                                                    (2042, "streefwaarde", 0.61)]
    assert _values(document, "3. Grondvoorraad")[0] == (2041, "realisatie", 12.07)


def test_percentages_under_budget_kinds_in_a_money_context_are_shares_not_amounts(tmp_path: Path) -> None:
    """Financial kengetallen (werkelijk / begroot over years, every cell a percentage) on a page about the financial
    position: no amounts of money, so an indicator table — the budget reader would read nothing and drop them."""
    cells = ["Financiële positie", "De kengetallen geven een beeld van onze financiële positie.",
             "werkelijk 2041", "begroot 2042", "werkelijk 2042",
             "Schuldquote", "61%", "58%", "57%", "Solvabiliteit", "32%", "35%", "36%", "Ruimte", "1,2%", "0,8%", "1,1%"]
    path = tmp_path / "jaarstukken_2042_kengetallen.txt"
    path.write_text("Jaarstukken 2042\n\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    assert not document.budget_lines
    # a budgeted financial kengetal is a projection, no target (models/data/financial_kengetallen.csv)
    assert _values(document, "Solvabiliteit") == [(2041, "realisatie", 32.0), (2042, "prognose", 35.0),
                                                  (2042, "realisatie", 36.0)]
