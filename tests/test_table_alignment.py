"""Rows whose cells do not stand under the header as printed: a corner cell that spanned the code and name
columns (pipe tables copied from web pages lose the span), and rows that dropped an empty cell so a figure
lands in the unit column. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)

CORNER_TABLE = """Programmabegroting 2031 gemeente Voorbeeld

Bedragen in duizenden euro's
2031 | Baten | Lasten | Saldo | |
---|---|---|---|---|
Programma | ||||
11 | Alfa en beta | 120 | -1.450 | -1.330 |
12 | Gamma | 35 | -610 | -575 |
13 | Delta, epsilon en zeta | 2.210 | -2.300 | -90 |
* | Onvoorzien | 0 | -75 | -75 |
Saldo van baten en lasten | 2.365 | -4.435 | -2.070 | |
"""


def _extract(tmp_path: Path, text: str, name: str = "begroting_2031.txt") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


def test_a_corner_over_code_and_name_moves_the_value_headers_over_the_figures(tmp_path: Path) -> None:
    doc = _extract(tmp_path, CORNER_TABLE)
    lines = {(b.label, b.side): b for b in doc.budget_lines}
    assert len(doc.budget_lines) == 15
    gamma = lines[("12 Gamma", "lasten")]
    assert (gamma.amount, gamma.year, gamma.column) == (-610_000, 2031, "Lasten 2031")
    assert lines[("13 Delta, epsilon en zeta", "baten")].amount == 2_210_000
    assert lines[("Onvoorzien", "saldo")].amount == -75_000 or lines[("* Onvoorzien", "saldo")].amount == -75_000
    total = lines[("Saldo van baten en lasten", "baten")]
    assert total.amount == 2_365_000  # the total row's label spans code and name: its figures move with the header
    assert not any(b.amount in (11_000, 12_000, 13_000) for b in doc.budget_lines)  # a code is never an amount


def test_rows_with_an_empty_cell_before_the_figures_keep_the_printed_header(tmp_path: Path) -> None:
    ragged = CORNER_TABLE.replace("12 | Gamma | 35 | -610 | -575 |", "12 | Gamma | | 35 | -610 |")
    doc = _extract(tmp_path, ragged)
    assert not any(b.label.endswith("Gamma") and b.column == "Lasten 2031" and b.amount == -610_000 for b in doc.budget_lines)


def test_a_figure_in_the_unit_column_leaves_the_row_out_with_a_warning(tmp_path: Path) -> None:
    rows = ["Naam indicator | Eenheid | Jaar | Waarde | Nederland |",
            "---|---|---|---|---|",
            "Alfa meldingen | per 1.000 inwoners | 2029 | 4,2 | 3,9 |",
            "Beta bezoeken | 2029 | 17 | 15 |",  # the unit cell was dropped by the copy: every figure one column left
            "Gamma ritten | per 100 huishoudens | 2028 | 0,9 | 1,1 |"]
    doc = _extract(tmp_path, "Programmabegroting 2031\n\nBeleidsindicatoren\n" + "\n".join(rows) + "\n")
    names = {i.name: i for i in doc.indicators}
    assert [v.raw for v in names["Alfa meldingen"].values] == ["4,2", "3,9"]
    assert [v.raw for v in names["Gamma ritten"].values] == ["0,9", "1,1"]
    assert not any(v.raw in ("17", "15") for i in doc.indicators for v in i.values)
    assert any(e.code == "table_uncertain" and "'Beta bezoeken': the unit column holds the figure '2029'" in e.message
               for e in doc.errors)


def _one_cell_per_line(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


KIND_ROW_OVER_YEARS = ["Overzicht", "Algemene middelen", "(Bedragen x € 1.000)",
                       "Rekening", "Gewijzigde begroting", "Begroting", "Meerjarenbegroting",
                       "2029", "2030", "2031", "2032", "2033", "2034",
                       "Lasten", "10", "11", "12", "13", "14", "15",
                       "Baten", "1.210", "1.220", "1.230", "1.240", "1.250", "1.260",
                       "Saldo van baten en lasten", "1.200", "1.209", "1.218", "1.227", "1.236", "1.245"]


def test_a_kind_row_over_years_gives_each_year_its_kind_and_a_multi_year_kind_spans_the_rest(tmp_path: Path) -> None:
    doc = _extract(tmp_path, "Programmabegroting 2031\n\n" + _one_cell_per_line(KIND_ROW_OVER_YEARS))
    baten = {b.year: b for b in doc.budget_lines if b.label == "Baten"}
    assert {y: (b.kind, b.amount) for y, b in baten.items()} == {
        2029: ("rekening", 1_210_000), 2030: ("begroting_na_wijziging", 1_220_000), 2031: ("begroting", 1_230_000),
        2032: ("raming", 1_240_000), 2033: ("raming", 1_250_000), 2034: ("raming", 1_260_000)}
    assert len(doc.budget_lines) == 18


def test_kinds_that_do_not_fit_the_years_are_not_spread(tmp_path: Path) -> None:
    cells = [c if c != "Meerjarenbegroting" else "Verschil" for c in KIND_ROW_OVER_YEARS]  # four kinds, six years
    doc = _extract(tmp_path, "Programmabegroting 2031\n\n" + _one_cell_per_line(cells))
    assert not any(b.kind == "verschil" for b in doc.budget_lines)
    assert not any(b.kind == "rekening" and b.year == 2029 for b in doc.budget_lines)


CODED_UNDER_ONE_ROLE = ["Tabel: X.1 Taakvelden", "TAAKVELDEN", "REKENING\n2029", "BEGROTING\n2030", "BEGROTING\n2031",
                        "RAMING\n2032", "LASTEN",
                        "0.1", "Bestuur", "-1.110", "-1.120", "-1.130", "-1.140",
                        "0.2", "Burgerzaken", "-210", "-220", "-230", "-240",
                        "1.1", "Crisisbeheersing en brandweer", "-3.010", "-3.020", "-3.030", "-3.040"]


def test_a_code_and_a_name_cell_under_one_role_header_form_the_label(tmp_path: Path) -> None:
    doc = _extract(tmp_path, "Programmabegroting 2031\n\nbedragen x € 1.000\n\n" + _one_cell_per_line(CODED_UNDER_ONE_ROLE))
    assert len(doc.budget_lines) == 12
    line = next(b for b in doc.budget_lines if b.label == "0.2 Burgerzaken" and b.year == 2031)
    assert (line.kind, line.side, line.amount, line.taakveld) == ("begroting", "lasten", -230_000, "0.2")
    assert {b.kind for b in doc.budget_lines if b.year == 2029} == {"rekening"}


def test_iv3_sub_taakvelden_with_a_letter_are_taakvelden(tmp_path: Path) -> None:
    text = ("Programmabegroting 2031\n\nBaten en lasten per taakveld (bedragen x € 1.000)\n"
            "Taakveld\tBegroting 2031 Lasten\tBegroting 2031 Baten\n"
            "6.71A Hulp bij het huishouden (Wmo)\t1.200\t30\n"
            "6.71b Begeleiding (Wmo)\t800\t0\n"
            "6.8 Escalatiezorg\t400\t10\n")
    doc = _extract(tmp_path, text)
    codes = {b.label: b.taakveld for b in doc.budget_lines}
    assert codes == {"6.71A Hulp bij het huishouden (Wmo)": "6.71a", "6.71b Begeleiding (Wmo)": "6.71b", "6.8 Escalatiezorg": "6.8"}
    assert all(b.detail for b in doc.budget_lines)


BENCHMARK_ROWS = ["Beleidsindicatoren", "Indicator", "Eenheid", "Periode", "Bron", "Waarde", "Benchmark", "Waarde",
                  "Alfa meldingen", "Aantal per 1.000 jongeren", "2029", "Stichting Alfa", "6", "Nederland", "8",
                  "Beta bezoeken", "Aantal per 1.000 inwoners", "2029", "CBS - Beta", "0,3", "Nederland", "1,8",
                  "Gamma ritten", "Aantal per 1.000 inwoners", "2028", "CBS - Gamma", "2,2", "Nederland", "4,3"]


def test_a_value_right_of_a_benchmark_column_is_a_referentie_of_the_area_it_names(tmp_path: Path) -> None:
    # no year in the text but the cells: the document's year comes from the file name, not from a periode cell
    doc = _extract(tmp_path, "Veiligheid\n\n" + _one_cell_per_line(BENCHMARK_ROWS), name="voorbeeld_begroting_2031_indicatoren.txt")
    assert doc.metadata.year == 2031
    values = {i.name: [(v.year, v.type, v.scope, v.raw) for v in i.values] for i in doc.indicators}
    assert values == {
        "Alfa meldingen": [(2029, "realisatie", None, "6"), (2029, "referentie", "Nederland", "8")],
        "Beta bezoeken": [(2029, "realisatie", None, "0,3"), (2029, "referentie", "Nederland", "1,8")],
        "Gamma ritten": [(2028, "realisatie", None, "2,2"), (2028, "referentie", "Nederland", "4,3")],
    }
    assert {i.source for i in doc.indicators} == {"Stichting Alfa", "CBS - Beta", "CBS - Gamma"}


def test_short_or_bracketed_years_under_a_kind_row_never_break_the_reading(tmp_path: Path) -> None:
    from extractor.layout.header_groups import kinds_over_years

    assert kinds_over_years(["Rekening", "Begroting"], ["'29", "'30"]) is None
    assert kinds_over_years(["Rekening", "Begroting"], ["(2029)", "2030"]) == ["Rekening (2029)", "Begroting 2030"]
    cells = [c.replace("2029", "'29").replace("2030", "'30") if c in ("2029", "2030") else c for c in KIND_ROW_OVER_YEARS]
    doc = _extract(tmp_path, "Programmabegroting 2031\n\n" + _one_cell_per_line(cells))
    assert not any(e.code == "internal_error" for e in doc.errors)
