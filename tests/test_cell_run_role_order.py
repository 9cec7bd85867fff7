"""Indicator tables printed one cell per line whose source and unit columns stand where the page prints them: after
the years ("… | 2041 | Bron") or before them between other label columns ("Nr | Indicator | Eenheid | Verplicht |
Bron | 2040 | 2041"). The rows print their cells in the same order, so the columns keep it. Invented figures."""

from __future__ import annotations

from pathlib import Path

from extractor.pipeline import ExtractOptions, extract_document


def _read(tmp_path: Path, cells: list[str]) -> tuple[dict, list[str]]:
    path = tmp_path / "jaarstukken_2041_indicatoren.txt"
    path.write_text("Jaarstukken 2041\n\nIndicatoren\n\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, i.source, sorted((v.year, v.type, v.value) for v in i.values)) for i in document.indicators}
    return read, [e.message for e in document.errors if e.code == "table_uncertain"]


def test_source_column_after_the_years(tmp_path: Path) -> None:
    read, _ = _read(tmp_path, ["Indicator", "2040", "2041", "Bron",
                               "Aantal speelbanken", "12", "14", "Eigen telling",
                               "Aantal fietsnietjes", "3", "4", "Wijkschouw"])
    assert read == {"Aantal speelbanken": (None, "Eigen telling", [(2040, "realisatie", 12.0), (2041, "realisatie", 14.0)]),
                    "Aantal fietsnietjes": (None, "Wijkschouw", [(2040, "realisatie", 3.0), (2041, "realisatie", 4.0)])}


_BEFORE = ["Nr", "Indicator", "Eenheid", "Verplicht", "Bron", "2040", "2041",
           "1.", "Aantal speelbanken", "per km", "J", "Eigen telling", "12", "14",
           "2.", "Aantal fietsnietjes", "aantal", "J", "Wijkschouw", "3", "4"]


def test_unit_and_source_columns_before_the_years(tmp_path: Path) -> None:
    read, _ = _read(tmp_path, _BEFORE)
    assert read == {
        "Aantal speelbanken": ("per km", "Eigen telling", [(2040, "realisatie", 12.0), (2041, "realisatie", 14.0)]),
        "Aantal fietsnietjes": ("aantal", "Wijkschouw", [(2040, "realisatie", 3.0), (2041, "realisatie", 4.0)]),
    }


def test_a_row_that_dropped_a_label_cell_keeps_its_name_and_nothing_after_it(tmp_path: Path) -> None:
    """The second row prints no "Verplicht" cell: its source would land in that column and a figure in the source
    column. The row keeps number and name, no unit, source or values, and is warned."""
    cells = _BEFORE[:14] + ["2.", "Aantal fietsnietjes", "aantal", "Wijkschouw", "3", "4",
                            "3.", "Aantal lantaarnpalen", "aantal", "J", "Wijkschouw", "5", "6"]
    read, warnings = _read(tmp_path, cells)
    assert read["Aantal fietsnietjes"] == (None, None, [])
    assert read["Aantal lantaarnpalen"] == ("aantal", "Wijkschouw", [(2040, "realisatie", 5.0), (2041, "realisatie", 6.0)])
    assert warnings
