"""Headers that name the document's year in words, and the abbreviated jaarrekening "Jr." (synthetic pipe tables
with invented labels and numbers, in the shapes of web begrotingen and jaarstukken):

* "Raming begrotingsjaar na wijziging | Realisatie begrotingsjaar | Begrotingsafwijking" over Lasten / Baten /
  Saldo prints no year: "begrotingsjaar" is the document's year, and so the verschil beside it is that year too;
* "vorig begrotingsjaar" and "begrotingsjaar T-1" are not the document's year (no year is given rather than a
  wrong one), nor is an undated "Begroting" under such a header;
* "Jr. 2038" beside "Begr. 2038" is the year's jaarrekening (kind rekening).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.parse.table_semantics import classify_header

from tests.helpers import extract_text

_PROGRAMME = """Jaarstukken 2038 gemeente Voorbeeld

Programma 4 Groen

Wat heeft het gekost?

Bedragen x € 1.000

| Taakveld | {a} | | | Realisatie begrotingsjaar | | | Begrotingsafwijking | | |
| | Lasten | Baten | Saldo | Lasten | Baten | Saldo | Lasten | Baten | Saldo |
| 5.7 Openbaar groen | 1.200 | 300 | -900 | 1.150 | 320 | -830 | 50 | 20 | 70 |
| 5.8 Spelen | 400 | 100 | -300 | 410 | 90 | -320 | -10 | -10 | -20 |
| Totaal | 1.600 | 400 | -1.200 | 1.560 | 410 | -1.150 | 40 | 10 | 50 |
"""

_TAAKVELDEN = """Jaarstukken 2038 gemeente Voorbeeld

Overzicht van baten en lasten per taakveld (bedragen x € 1.000)

| TV | Omschrijving | Lasten | | Baten | | Saldo | |
| | | Begr. 2038 | Jr. 2038 | Begr. 2038 | Jr. 2038 | Begr. 2038 | Jr. 2038 |
| 0.1 | Bestuur | 2.345 | 2.410 | 12 | 15 | -2.333 | -2.395 | | |
| 0.2 | Burgerzaken | 876 | 901 | 345 | 360 | -531 | -541 | | |
"""


def test_begrotingsjaar_in_a_header_is_the_documents_year(tmp_path: Path) -> None:
    document = extract_text(tmp_path, "jaarstukken_2038_groen.txt", _PROGRAMME.format(a="Raming begrotingsjaar na wijziging"))
    got = {(b.label, b.kind, b.side): (b.year, b.amount) for b in document.budget_lines}
    assert got[("5.7 Openbaar groen", "begroting_na_wijziging", "lasten")] == (2038, 1_200_000)
    assert got[("5.8 Spelen", "realisatie", "saldo")] == (2038, -320_000)
    assert got[("Totaal", "verschil", "saldo")] == (2038, 50_000)  # compares columns of one year: that year
    assert len(document.budget_lines) == 27


@pytest.mark.parametrize("header", ["Raming vorig begrotingsjaar", "Raming begrotingsjaar T-1", "Begroting voorgaand boekjaar"])
def test_an_earlier_begrotingsjaar_gets_no_year(tmp_path: Path, header: str) -> None:
    assert not classify_header(header).current_year
    document = extract_text(tmp_path, "jaarstukken_2038_groen.txt", _PROGRAMME.format(a=header))
    earlier = [b for b in document.budget_lines if b.column.startswith(header)]
    assert earlier and all(b.year is None for b in earlier)


@pytest.mark.parametrize("header", ["Realisatie verslagjaar", "boekjaar (T)", "Raming begrotingsjaar na wijziging"])
def test_current_year_words(header: str) -> None:
    assert classify_header(header).current_year
    assert not classify_header(header).earlier_year


def test_jr_before_a_year_is_the_jaarrekening(tmp_path: Path) -> None:
    document = extract_text(tmp_path, "jaarstukken_2038_taakvelden.txt", _TAAKVELDEN)
    got = {(b.taakveld, b.kind, b.side): b.amount for b in document.budget_lines}
    assert got[("0.1", "rekening", "lasten")] == 2_410_000
    assert got[("0.2", "rekening", "saldo")] == -541_000
    assert got[("0.2", "begroting", "baten")] == 345_000
    assert len(got) == 12
    assert classify_header("Jr 2038").budget_kind == "rekening"
    assert classify_header("Junior").budget_kind is None
