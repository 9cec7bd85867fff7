"""Tables that used to be rejected, rows that used to be dropped and tables that went unreported.

Each test builds the shape small so it can fail on its own: the axes decide what a table is (a label column
headed "Kapitaalgoed" over Begroot | Realisatie | Verschil is an exploitatie table; a spanning "Indicatoren …"
header over a column of norms is no label column), a shaded closing row drawn in its own box under the frame,
a block of a longer table under an empty header row, and a numeric table that is neither read nor silently lost.
"""

from __future__ import annotations

from extractor.layout.tables import Table, TableRow
from extractor.parse.table_semantics import judge_table
from extractor.read.types import Line


def _grid_table(rows: list[list[str]], page: int = 3, caption: str | None = None) -> Table:
    n = len(rows[0])
    body = [TableRow(cells=r, page=page, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=page, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=body,
                 columns=[50.0 + 100 * k for k in range(n + 1)], pages=[page], caption=caption)


def test_a_label_column_naming_assets_does_not_make_amounts_capital() -> None:
    """The row axis names what the rows are (assets); the value axis (Begroot | Realisatie | Verschil) says the
    amounts are an exploitatie budget."""
    table = _grid_table([["Kapitaalgoed", "Begroot", "Realisatie", "Verschil", "Toelichting"],
                         ["Bruggen", "103", "99", "4", "Reinigen en inspecties"],
                         ["Wegen", "1.544", "1.598", "-54", "Herstel asfalt"]])
    table.header_rows = 1
    table.above = [Line(text="bedragen x € 1.000", page=3)]
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    assert verdict.value_cols == [1, 2, 3]


def test_credit_columns_or_an_investment_row_axis_stay_capital() -> None:
    credits = _grid_table([["Kapitaalgoed", "Restant krediet 2022", "Begroot 2023", "Realisatie", "Restant"],
                           ["Wegen diversen", "430", "340", "0", "770"], ["Brug", "547", "200", "842", "-95"]])
    credits.header_rows = 1
    assert judge_table(credits).kind is None
    assert "krediet" in judge_table(credits).reason
    investments = _grid_table([["Investeringen", "Begroting 2024", "Begroting 2025"],
                               ["Sporthal", "1.200", "300"], ["Brug", "547", "200"]])
    investments.header_rows = 1
    assert judge_table(investments).kind is None
    assert "krediet" in judge_table(investments).reason


def test_a_name_header_over_an_empty_column_is_not_the_label_column() -> None:
    """A spanning "Indicatoren … (%)" copied over a column of norm bands reads like a name header; the row labels
    are in the first column all the same."""
    table = _grid_table([
        ["Kengetallen:", "Indicatoren gemeente (%) 2022 Realisatie", "Indicatoren gemeente (%) 2023 Realisatie",
         "Indicatoren gemeente (%) Matig"],
        ["1a. Netto schuldquote", "-37", "-23", ""],
        ["2. Solvabiliteitsratio", "62", "61", ""],
        ["5. Belastingcapaciteit", "172", "167", ""],
    ], caption="Tabel 2.2")
    table.header_rows = 1
    verdict = judge_table(table)
    assert verdict.kind == "indicator", verdict.reason
    assert verdict.label_col == 0
