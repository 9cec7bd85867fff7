"""One cell per line with blank lines between the cells: a two-row header printed row after row ("Naam indicator",
kind cells "Meting" … "Streef-", then the years under them and "waarde", the rest of the hyphen-broken cell), and
under every indicator row one line of sentences explaining it (some longer than a line of prose).

A row printing fewer cells than the header has columns, closed by its explanation line, keeps its name and no
values (which columns its figures stand in is not printed). The page is synthetic (invented names and figures).
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.header_groups import stacked_header_rows
from extractor.pipeline import ExtractOptions, extract_document

_LONG = ("Voorbeeldindicator. Omdat nieuwere gegevens ontbreken is hier gekozen voor een vervangende maat van het "
         "bureau; tussen haakjes de netto aantallen.* Inclusief tijdelijke units, die later apart worden geteld.")
_CELLS = [
    "Programmabegroting 2040-2043", "Leefomgeving", "Indicatoren",
    "Naam indicator", "Meting", "Meting", "Meting", "Streef-", "2036", "2037", "2038", "waarde",
    "Alfa dichtheid", "12,5", "12,9", "13,1", "Verhouding van twee groepen inwoners van de gemeente in procenten.",
    "Percentage beta woningen", "41", "nnb", "38", "Minimaal 40", "Gegevens over beta woningen volgen later dit jaar.",
    "Aantal gamma woningen", "310 (300)", "355 (341)*", "nnb", "Minimaal 250", _LONG,
    "Percentage delta energie", "4,1%", "-", "-", "2041: 15", "Het aandeel delta energie in het totale verbruik.",
    "Aanleg epsilon groen", "7", "ca. 6", "nnb", "5", "Aantal hectare nieuw aangelegd groen in de gemeente.",
    "Aantal z",
]


def test_two_header_rows_printed_one_after_the_other_pair_in_order() -> None:
    assert stacked_header_rows(["Meting", "Meting", "Streef-", "2036", "2037", "waarde"]) == \
        ["Meting 2036", "Meting 2037", "Streefwaarde"]
    assert stacked_header_rows(["Meting", "Streef-", "2036", "kaart"]) is None  # "Streefkaart" names no kind
    assert stacked_header_rows(["Meting", "Meting", "2036", "Toelichting"]) is None


def test_rows_with_explanations_are_read_and_a_short_row_keeps_no_values(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2040_leefomgeving.txt"
    path.write_text("\n\n".join(_CELLS) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: sorted((v.year or 0, v.type, v.value, v.comparator or "") for v in i.values) for i in document.indicators}
    assert read == {
        "Alfa dichtheid": [],
        "Percentage beta woningen": [(0, "streefwaarde", 40.0, ">="), (2036, "realisatie", 41.0, ""),
                                     (2038, "realisatie", 38.0, "")],
        "Aantal gamma woningen": [(0, "streefwaarde", 250.0, ">="), (2036, "realisatie", 310.0, ""),
                                  (2037, "realisatie", 355.0, "")],
        "Percentage delta energie": [(2036, "realisatie", 4.1, ""), (2041, "streefwaarde", 15.0, "")],
        "Aanleg epsilon groen": [(0, "streefwaarde", 5.0, ""), (2036, "realisatie", 7.0, "")],
    }
    warned = [w.message for w in document.errors if w.code.value == "table_uncertain"]
    assert any("3 figure(s) for 4 value columns" in m for m in warned)  # the short row, warned
    assert any("'ca. 6'" in m for m in warned)  # an approximate figure is not read as one number


def test_a_numbered_note_after_the_table_is_no_short_row(tmp_path: Path) -> None:
    cells = _CELLS[:-1] + ["Toelichting", "1", "Het laatst bekende cijfer is van vorig jaar: 12 tegen 14 bij vergelijkbare gemeenten."]
    path = tmp_path / "begroting_2040_leefomgeving.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    names = [i.name for i in extract_document(path, ExtractOptions(enrich=False)).indicators]
    assert "Toelichting" not in names and "Aanleg epsilon groen" in names


def test_value_cells_with_a_note_are_figures_but_a_code_and_name_is_not() -> None:
    from extractor.layout.table_grid import _value_cell

    for cell in ("310 (300)", "355 (341)*", "2041: 15", "Minimaal 40", "ca. 6", "1,5% p/jr.", "nnb", "-", "4,1%"):
        assert _value_cell(cell), cell
    for cell in ("0.10  Mutaties reserves", "3.1 Economische zaken", "12 maanden later", "Geen toelichting."):
        assert not _value_cell(cell), cell
