"""Budget tables of kinds that name their columns by mutation or by bare years (synthetic texts, invented labels
and numbers with the shapes of copied web pages):

* a statement of reserves over several years, one cell per line: a row-key column ("Jaartal"), mutation columns
  ("Stand 1-1", "Toevoeging", "Onttrekking", "Stand 31-12"), a group row per reserve and rows keyed by a kind and
  a year ("jaarrekening" / "2036", "begroting 2038"): each amount takes its row's kind and year;
* a pipe table of housing costs (woonlasten) per year: amounts in euros, kind `bedrag` with the column's year.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.keyed_rows import keyed_row_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_RESERVES = [
    "Meerjarig verloop reservepotten", "(x € 1.000)",
    "Jaartal", "Stand\n1-1", "Toevoeging", "Onttrekking", "Stand\n31-12",
    "Reservepot Alfa",
    "jaarrekening", "2036", "410", "25", "-35", "400",
    "jaarrekening", "2037", "400", "-", "-60", "340",
    "begroting 2039", "330", "12", "-", "342",
    "Reservepot Beta",
    "jaarrekening", "2036", "7.020", "1.100", "-2.120", "6.000",
    "begroting 2039", "5.500", "-", "-500", "5.000",
    "Totaal",
    "jaarrekening", "2036", "7.430", "1.125", "-2.155", "6.400",
]


def _lines(cells: list[str]) -> list[Line]:
    text = "\n\n".join(cells)
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


def _extract(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def test_rows_keyed_by_kind_and_year_take_their_group_as_label() -> None:
    (table,) = keyed_row_tables(_lines(_RESERVES))
    assert table.rows[0].cells == ["", "Jaartal", "Stand 1-1", "Toevoeging", "Onttrekking", "Stand 31-12"]
    assert table.rows[1].cells == ["Reservepot Alfa", "jaarrekening 2036", "410", "25", "-35", "400"]
    assert table.rows[3].cells == ["Reservepot Alfa", "begroting 2039", "330", "12", "-", "342"]
    assert table.rows[-1].cells == ["Totaal", "jaarrekening 2036", "7.430", "1.125", "-2.155", "6.400"]
    assert table.caption == "(x € 1.000)"


def test_a_row_with_a_cell_too_few_ends_the_table() -> None:
    cells = list(_RESERVES)
    cells.remove("12")  # "begroting 2039" of Alfa now prints three figures under four columns
    (table,) = keyed_row_tables(_lines(cells))
    assert [r.cells[1] for r in table.rows[1:]] == ["jaarrekening 2036", "jaarrekening 2037"]


def test_a_header_without_a_row_key_column_is_not_read_this_way() -> None:
    cells = [c if c != "Jaartal" else "Soort" for c in _RESERVES]
    assert keyed_row_tables(_lines(cells)) == []


def test_reserve_mutations_become_budget_lines_of_their_rows_kind_and_year(tmp_path: Path) -> None:
    document = _extract(tmp_path, "begroting_2039_reserves.txt", "Begroting 2039\n\n" + "\n\n".join(_RESERVES) + "\n")
    got = {(b.label, b.column, b.kind, b.year, b.amount) for b in document.budget_lines}
    assert ("Reservepot Alfa", "Stand 1-1", "rekening", 2036, 410_000.0) in got
    assert ("Reservepot Alfa", "Onttrekking", "rekening", 2037, -60_000.0) in got
    assert ("Reservepot Alfa", "Stand 31-12", "begroting", 2039, 342_000.0) in got
    assert ("Totaal", "Toevoeging", "rekening", 2036, 1_125_000.0) in got
    assert len(got) == 21  # every figure once (25 cells), no line for the four "-"
    assert not [e for e in document.errors if e.code == "numeric_grid_unread"]


_WOONLASTEN = """Onderstaande tabel toont de lasten voor een huishouden:
Bedragen in € | 2037 | 2038 |
---|---|---|
Huurhuis alleenstaande | ||
Rioolrecht | 210,00 | 215,50 |
Afvalrecht | 180,00 | 190,25 |
Totaal | 390,00 | 405,75 |
Koophuis gezin | ||
Eigenarenbelasting | 300,10 | 310,20 |
Rioolrecht | 260,00 | 266,00 |
Totaal | 560,10 | 576,20 |
"""


def test_woonlasten_per_year_are_amounts_in_euros(tmp_path: Path) -> None:
    document = _extract(tmp_path, "jaarverslag_2038_woonlasten.txt", "Ontwikkeling woonlasten\n\n" + _WOONLASTEN)
    got = sorted((b.label, b.kind, b.year, b.amount) for b in document.budget_lines)
    assert ("Afvalrecht", "bedrag", 2038, 190.25) in got
    assert ("Totaal", "bedrag", 2037, 560.10) in got
    assert len(got) == 12  # six rows of two years; the household rows print no figure
    assert not [b for b in document.budget_lines if b.label in ("Huurhuis alleenstaande", "Koophuis gezin")]
