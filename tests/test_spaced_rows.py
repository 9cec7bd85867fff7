"""BBV beleidsindicatoren copied one row per line with single spaces between the cells (no pipes, no tabs), the group
cell printed on the first row of its group only, a size-class comparison column and a year column. The gemeente,
the figures and the non-catalogue row are invented."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.spaced_rows import spaced_role_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_TEXT = """Jaarstukken 2040

Beleidsindicatoren

Een inleiding over de indicatoren, die sinds 2031 in de begroting staan.

Taakveld Indicator Eenheid Score Zandvoorde Score 50.000-100.000 Jaar Bron
0. Bestuur en ondersteuning  Formatie fte per 1.000 inwoners 5,40 n.v.t. 2040 Eigen gegevens
  Apparaatskosten Kosten per inwoner € 612 n.v.t. 2040 Eigen gegevens
1. Veiligheid Winkeldiefstallen Aantal per 1.000 inwoners 2,4 1,9 2039 CBS
  Relatief verzuim Aantal per 1.000 leerlingen 17,25 19,50 2037-2038 DUO
  Gevoel van veiligheid in de wijk Percentage 71% 74% 2039 Eigen enquete
  Niet-sporters % percentage 44,1% 47,3% 2038 Gezondheidsenquete (CBS, RIVM)

Een zin na de tabel.
"""


def _lines() -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(_TEXT.split("\n"), start=1)]


def test_cells_are_placed_from_the_catalogue_name_and_the_figures() -> None:
    (table,) = spaced_role_tables(_lines())
    assert table.rows[0].cells == ["Taakveld", "Indicator", "Eenheid", "Score Zandvoorde", "Score 50.000-100.000", "Jaar", "Bron"]
    assert table.rows[1].cells == ["0. Bestuur en ondersteuning", "Formatie", "fte per 1.000 inwoners", "5,40", "n.v.t.", "2040",
                                   "Eigen gegevens"]
    assert table.rows[2].cells[1:4] == ["Apparaatskosten", "Kosten per inwoner", "€ 612"]
    assert table.rows[3].cells[:3] == ["1. Veiligheid", "Winkeldiefstallen", "Aantal per 1.000 inwoners"]
    assert table.uncertain_rows == ["Gevoel van veiligheid in de wijk Percentage 71% 74% 2039 Eigen enquete"]


def test_values_take_the_rows_year_and_the_size_class_is_a_comparison(tmp_path: Path) -> None:
    path = tmp_path / "jaarstukken_2040_indicatoren.txt"
    path.write_text(_TEXT, encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: sorted((v.year, v.type, v.value) for v in i.values) for i in document.indicators}
    assert read == {
        "Formatie": [(2040, "realisatie", 5.4)],
        "Apparaatskosten": [(2040, "realisatie", 612.0)],
        "Winkeldiefstallen": [(2039, "realisatie", 2.4), (2039, "referentie", 1.9)],
        "Relatief verzuim": [],
        "Niet-sporters": [(2038, "realisatie", 44.1), (2038, "referentie", 47.3)],
    }
    messages = " ".join(e.message for e in document.errors if e.code == "table_uncertain")
    assert "'2037-2038' name a span" in messages
    assert "Gevoel van veiligheid" in messages


def test_a_row_that_dropped_a_figure_is_not_read_from_its_unit() -> None:
    """"per 1.000" and one figure look like two figures: the unit would end in "per", so the row is left out."""
    text = "Indicator Eenheid Score Zandvoorde Score 50.000-100.000 Jaar Bron\n" \
           "Winkeldiefstallen Aantal per 1.000 3,1 2039 CBS\n" \
           "Relatief verzuim Aantal per 1.000 leerlingen 17,25 19,50 2039 DUO\n"
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    (table,) = spaced_role_tables(lines)
    assert [r.cells[0] for r in table.rows[1:]] == ["Relatief verzuim"]
    assert table.uncertain_rows == ["Winkeldiefstallen Aantal per 1.000 3,1 2039 CBS"]


def _extract_table(tmp_path: Path, table: str):
    """A jaarstukken page printing `table` between a title and a sentence."""
    path = tmp_path / "jaarstukken_2040_indicatoren.txt"
    path.write_text(f"Jaarstukken 2040\n\n{table}\nEen zin na de tabel.\n", encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def test_an_own_column_and_an_area_column_without_a_repeated_word(tmp_path: Path) -> None:
    document = _extract_table(tmp_path, "Indicator Eenheid Zandvoorde Nederland Jaar Bron\n"
                                        "Winkeldiefstallen Aantal per 1.000 inwoners 2,4 1,9 2039 CBS\n"
                                        "Niet-sporters % 44,1% 47,3% 2038 Gezondheidsenquete\n")
    read = {i.name: sorted((v.year, v.type, v.value, v.scope) for v in i.values) for i in document.indicators}
    assert read == {
        "Winkeldiefstallen": [(2039, "realisatie", 2.4, "Zandvoorde"), (2039, "referentie", 1.9, "Nederland")],
        "Niet-sporters": [(2038, "realisatie", 44.1, "Zandvoorde"), (2038, "referentie", 47.3, "Nederland")],
    }


def test_a_table_of_rows_none_of_which_can_be_placed_is_warned_with_its_rows(tmp_path: Path) -> None:
    document = _extract_table(tmp_path, "Indicator Eenheid Score Zandvoorde Score 50.000-100.000 Jaar Bron\n"
                                        "Tevredenheid groen Rapportcijfer 7,1 6,9 2039 Eigen enquete\n"
                                        "Aantal bomen per km 31 25 2039 Register\n")
    assert document.indicators == []
    messages = " ".join(e.message for e in document.errors if e.code in ("tables_not_used", "table_uncertain"))
    assert "Tevredenheid groen" in messages and "Aantal bomen" in messages
