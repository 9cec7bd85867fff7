"""Indicator tables printed as pipe blocks with the years in the rows: a descriptor row per indicator (name,
unit, source) under a header of column roles, then one row per year with the figure in the second cell and maybe
a mark of its kind ("(R)" realisatie, "(B)" begroting). The texts are synthetic (invented names and figures)."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import text_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_HEADER = "Domein:  | Indicator:  | Eenheid:  | Bron:  | \n|---|---|---|---|\n"


def _block(domain: str, name: str, unit: str, source: str, years: list[tuple[int, str]]) -> str:
    rows = [f"{domain}  | {name}  | {unit}  | {source}  | "]
    rows += [f"{year}  | {cell}  | ||" if cell else f"{year}  | |||" for year, cell in years]
    rows.append("Nadere uitleg:  | |||")
    return "\n".join(rows) + "\n"


_MARKED = _HEADER + _block("3. Vrije tijd", "Zwembadbezoek", "Bezoeken per inwoner", "Eigen telling",
                           [(2031, "4,25 (R)"), (2032, "4,60 (B)"), (2033, "4,75 (B)"), (2034, "")]) \
    + _block("3. Vrije tijd", "Bibliotheekleden", "% van inwoners", "Eigen telling",
             [(2031, "21,5 (R)"), (2032, "22 (B)"), (2033, "23,5 (B)"), (2034, "24 (B)")])
_UNMARKED = _block("3. Vrije tijd", "Sportdeelname", "%", "Peiling", [(2031, "61"), (2032, "63")])


def _lines(text: str) -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.splitlines(), start=1)]


def _extract(tmp_path: Path, text: str):
    path = tmp_path / "programmabegroting_2034.txt"
    path.write_text("Programmabegroting 2034\n\nBeleidsindicatoren\n\n" + text, encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def test_each_block_becomes_one_row_with_kind_and_year_columns() -> None:
    (table,) = text_tables(_lines(_MARKED))
    assert table.rows[0].cells == ["Domein", "Indicator", "Eenheid", "Bron", "Realisatie 2031", "Begroting 2032",
                                   "Begroting 2033", "Begroting 2034"]
    assert table.rows[1].cells[1:] == ["Zwembadbezoek", "Bezoeken per inwoner", "Eigen telling", "4,25", "4,60", "4,75", ""]
    assert table.rows[1].lines == (3, 6)  # the descriptor row to the last figure
    assert len(table.rows) == 3


def test_marked_figures_are_read_with_their_kind_unit_and_source(tmp_path: Path) -> None:
    document = _extract(tmp_path, _MARKED)
    read = {i.name: (i.unit, i.source, sorted((v.year, v.type, v.value) for v in i.values)) for i in document.indicators}
    assert read == {
        "Zwembadbezoek": ("Bezoeken per inwoner", "Eigen telling",
                          [(2031, "realisatie", 4.25), (2032, "streefwaarde", 4.6), (2033, "streefwaarde", 4.75)]),
        "Bibliotheekleden": ("% van inwoners", "Eigen telling",
                             [(2031, "realisatie", 21.5), (2032, "streefwaarde", 22.0), (2033, "streefwaarde", 23.5),
                              (2034, "streefwaarde", 24.0)]),
    }


def test_an_unmarked_figure_of_a_year_the_marks_type_otherwise_is_left_out_and_warned(tmp_path: Path) -> None:
    document = _extract(tmp_path, _MARKED + _UNMARKED)
    sport = next(i for i in document.indicators if i.name == "Sportdeelname")
    # 2031: marked (R) elsewhere and a realisatie by the begroting's rule; 2032: marked (B) elsewhere, the rule says
    # realisatie: the page does not show which, so it is not read
    assert [(v.year, v.type, v.value) for v in sport.values] == [(2031, "realisatie", 61.0)]
    assert any(e.code == "table_uncertain" and "'2032'" in e.message for e in document.errors)


def test_a_pipe_block_table_not_read_is_never_silent(tmp_path: Path) -> None:
    unknown_marks = _MARKED.replace("(R)", "(Q)").replace("(B)", "(Q)")
    document = _extract(tmp_path, unknown_marks)
    assert document.indicators == []
    assert any(e.code in ("tables_not_used", "numeric_grid_unread", "table_uncertain") for e in document.errors)
    assert any(note.numeric for note in document.coverage.tables_rejected)


def test_a_year_row_before_any_descriptor_is_not_this_form() -> None:
    text = _HEADER + "2031  | 4,25 (R)  | ||\n" + _MARKED[len(_HEADER):]
    (table,) = text_tables(_lines(text))
    assert table.rows[0].cells[:4] == ["Domein:", "Indicator:", "Eenheid:", "Bron:"]
    assert len(table.rows[0].cells) == 4


def test_a_rejected_pipe_table_whose_figure_rows_were_set_aside_is_reported(tmp_path: Path) -> None:
    text = ("Onderdeel | Soort | Eigenaar | Status |\n|---|---|---|---|\n"
            "Alfa | project | team noord | lopend |\nBeta | 12,5 |\nGamma | 7,25 |\nDelta | 3,5 |\n")
    document = _extract(tmp_path, text)
    assert document.indicators == [] and document.budget_lines == []
    assert any(note.numeric for note in document.coverage.tables_rejected)
    assert any(e.code == "tables_not_used" for e in document.errors)
