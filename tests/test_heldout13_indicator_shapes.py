"""Indicator tables copied from web pages in shapes first met in the thirteenth first-sight check (docs/tables.md).

Every text is synthetic (invented names and figures) with the shape of such a page.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.table_grid import _tail_values, _value_cell
from extractor.model import Document
from extractor.parse.table_semantics import read_value
from extractor.pipeline import extract_document


def _document(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path)


def _cells(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


def _values(doc: Document) -> set[tuple[str, object, str, float, object]]:
    return {(i.name, v.year, v.type, v.value, v.scope) for i in doc.indicators for v in i.values}


def test_a_comparison_row_under_each_indicator_gives_referentie_values_of_the_row_above(tmp_path: Path) -> None:
    """'Gemiddelde benchmark' printed under each indicator's row, in the same year columns: its figures compare with
    the row above (referentie, scope the printed label); it is no indicator of its own."""
    cells = ["Jaarverslag 2033", "Bijlage indicatoren", "Veiligheid", "2030", "2031", "2032", "2033",
             "Alfa incidenten per 1.000 inwoners", "4,1", "3,9", "3,5", "3,2",
             "Gemiddelde benchmark", "5,0", "4,8", "4,4", "4,3",
             "Beta meldingen per 1.000 inwoners", "2,2", "2,0", "1,7", "1,6",
             "Gemiddelde benchmark", "2,9", "2,7", "2,5", "2,1"]
    doc = _document(tmp_path, "jaarverslag_2033.txt", _cells(cells))
    got = _values(doc)
    assert {i.name for i in doc.indicators} == {"Alfa incidenten per 1.000 inwoners", "Beta meldingen per 1.000 inwoners"}
    assert ("Alfa incidenten per 1.000 inwoners", 2030, "referentie", 5.0, "Gemiddelde benchmark") in got
    assert ("Beta meldingen per 1.000 inwoners", 2033, "referentie", 2.1, "Gemiddelde benchmark") in got
    assert ("Beta meldingen per 1.000 inwoners", 2033, "realisatie", 1.6, None) in got
    assert len(got) == 16


def test_a_name_that_only_mentions_an_average_is_an_indicator(tmp_path: Path) -> None:
    """Only a label that is nothing but a comparison's name is a comparison row; 'Gemiddelde gezinsgrootte' is an
    indicator of its own."""
    cells = ["Jaarverslag 2033", "Bijlage indicatoren", "Wonen", "2032", "2033",
             "Alfa woningen", "120", "130",
             "Gemiddelde gezinsgrootte", "2,2", "2,1"]
    doc = _document(tmp_path, "jaarverslag_2033.txt", _cells(cells))
    assert {i.name for i in doc.indicators} == {"Alfa woningen", "Gemiddelde gezinsgrootte"}
    assert all(v.type == "realisatie" for i in doc.indicators for v in i.values)


def test_title_lines_before_a_header_of_bare_years_are_no_label_columns(tmp_path: Path) -> None:
    """A page title, a repeated title and a block heading before a header of bare years (its corner cell blank):
    the rows print one name and one figure per year, so the titles are no columns; a row with fewer figures than
    years (empty cells not copied) gets no values."""
    cells = ["Bijlagen", "Indicatoren (Nieuwe set)", "Indicatoren (Nieuwe set)", "Bestuur en Organisatie", " ",
             "2030", "2031", "2032", "2033",
             "Alfa formatie (fte per 1.000 inwoners)", "7,1", "7,0", "6,9", "6,8",
             "Beta kosten (kosten per inwoner in €)", "512", "530", "541", "560",
             "Gamma aandeel (% van totale lasten)", "8,1%", "8,4%",
             "Delta tevredenheid", "71%", "73%", "Toelichting"]
    doc = _document(tmp_path, "jaarverslag_2033.txt", _cells(cells))
    got = _values(doc)
    assert ("Alfa formatie (fte per 1.000 inwoners)", 2030, "realisatie", 7.1, None) in got
    assert ("Beta kosten (kosten per inwoner in €)", 2033, "realisatie", 560.0, None) in got
    assert not any(name.startswith(("Gamma", "Delta")) for name, *_ in got)
    assert len(got) == 8


def test_rows_of_kinds_under_bare_years_are_one_indicator_named_above(tmp_path: Path) -> None:
    """'Naam' / 'Bron: …' / 'Type 2030 2032 2033' / 'Realisatie …' / 'Begroting …': each small table is one
    indicator, its name the line above the source; the row kind types its figures; '64 %' is one cell; a figure
    that looks like a year ("2031" clients under "Realisatie 2030") is a value."""
    text = ("Begroting 2032\n\nPrestatie-indicatoren 1.1 Alfa\n\n"
            "Alfa deelname\n\nBron: Monitor Alfa\nType 2030 2032 2033\nRealisatie 64 % - -\nBegroting - 66 % 68 %\n\n"
            "Aantal beta klanten\n\nBron: Register Beta\nType 2030 2032 2033\nRealisatie 2031 - -\nBegroting - 1900 1950\n\n"
            "Gamma naam\n\nBron: Register Gamma\nType 2030 20")
    doc = _document(tmp_path, "begroting_2032.txt", text)
    got = _values(doc)
    assert got == {("Alfa deelname", 2030, "realisatie", 64.0, None), ("Alfa deelname", 2032, "streefwaarde", 66.0, None),
                   ("Alfa deelname", 2033, "streefwaarde", 68.0, None), ("Aantal beta klanten", 2030, "realisatie", 2031.0, None),
                   ("Aantal beta klanten", 2032, "streefwaarde", 1900.0, None), ("Aantal beta klanten", 2033, "streefwaarde", 1950.0, None)}
    assert {i.name: i.source for i in doc.indicators} == {"Alfa deelname": "Monitor Alfa", "Aantal beta klanten": "Register Beta"}


def test_kind_rows_without_a_name_line_above_are_set_aside_and_warned(tmp_path: Path) -> None:
    """Without a name right above (a sentence ends there) the kind rows are no indicator named "Realisatie" and no
    name is guessed: they are left out with a warning."""
    text = ("Begroting 2032\n\nPrestatie-indicatoren\n\nDe cijfers staan hieronder.\nType 2030 2032 2033\n"
            "Realisatie 64 % - -\nBegroting - 66 % 68 %\n")
    doc = _document(tmp_path, "begroting_2032.txt", text)
    assert not doc.indicators
    assert any("Realisatie 64 %" in e.message for e in doc.errors)


def test_a_mark_column_and_a_source_column_between_the_name_and_the_figures(tmp_path: Path) -> None:
    """'Indicatoren P/E Bron R2030 B2031 B2032' over space-separated rows: the mark is the last lone letter the header
    lists, the words after it the source; R<year> is realisatie, B<year> streefwaarde (also of a year before the
    document's)."""
    text = ("Begroting 2032\n\nVerplichte indicatoren\n\n"
            "Verplichte indicatoren Rijk P/E Bron R2030 B2031 B2032\n"
            "Alfa formatie per 1.000 inwoners P EG 6,4 6,3 6,2\n"
            "Beta verwijzingen per 10.000 inwoners E Bureau Beta 30,5 <40% <40%\n")
    doc = _document(tmp_path, "begroting_2032.txt", text)
    got = {(i.name, v.year, v.type, v.value, v.comparator) for i in doc.indicators for v in i.values}
    assert ("Alfa formatie per 1.000 inwoners", 2030, "realisatie", 6.4, None) in got
    assert ("Alfa formatie per 1.000 inwoners", 2031, "streefwaarde", 6.3, None) in got
    assert ("Beta verwijzingen per 10.000 inwoners", 2032, "streefwaarde", 40.0, "<") in got
    assert len(got) == 6
    assert {i.name: i.source for i in doc.indicators} == {"Alfa formatie per 1.000 inwoners": "EG",
                                                          "Beta verwijzingen per 10.000 inwoners": "Bureau Beta"}


def test_cells_that_give_no_value_and_a_figure_with_a_glued_unit(tmp_path: Path) -> None:
    """'vervalt' (dropped) and 'volgt ..%' (still to come) are no values but keep the row in step; '0km' is 0 km."""
    cells = ["Jaarrekening 2031", "Indicatoren", "Realisatie 2030", "Doelstelling 2031", "Realisatie 2031",
             "Alfa besparing", "12%", "14%", "volgt ..%",
             "Beta woningen verbeterd", "1.234", "vervalt", "vervalt",
             "Gamma wegvak met overschrijding", "0km", "0km", "2km",
             "Delta tevredenheid", "-0,5%", "0%", "-0,61%"]
    got = _values(_document(tmp_path, "jaarrekening_2031.txt", _cells(cells)))
    assert ("Beta woningen verbeterd", 2030, "realisatie", 1234.0, None) in got
    assert ("Gamma wegvak met overschrijding", 2031, "realisatie", 2.0, None) in got
    assert ("Delta tevredenheid", 2031, "realisatie", -0.61, None) in got
    assert len(got) == 2 + 1 + 3 + 3


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=9))
def test_a_spaced_percent_sign_belongs_to_its_figure(whole: int, tenth: int) -> None:
    """'N %' and 'N,d %' in a flattened row are one value cell that reads as the figure with unit %."""
    figure = f"{whole},{tenth}"
    label, values = _tail_values(f"Alfa {figure} % - {whole} %")
    assert (label, values) == ("Alfa", [f"{figure} %", "-", f"{whole} %"])
    parsed, _ = read_value(values[0])
    assert parsed is not None and parsed.unit == "%" and abs(parsed.value - (whole + tenth / 10)) < 1e-9


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=99999), st.sampled_from(["km", "kg", "uur", "fte"]), st.booleans())
def test_a_figure_with_a_unit_word_is_a_value_cell(amount: int, unit: str, spaced: bool) -> None:
    text = f"{amount}{' ' if spaced else ''}{unit}"
    parsed, word = read_value(text)
    assert _value_cell(text) and parsed is not None and parsed.value == amount and word == unit
