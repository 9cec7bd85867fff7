"""Indicator blocks copied one cell per paragraph: name / unit / source, then the gemeente's own row and a comparison
row under bare years. The indicators, sources and figures are invented; the gemeente is one of the gemeente list."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.area_row_blocks import area_row_block_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_CELLS = ["Begroting 2040", "Indicatoren", "Naam indicator:", " Eenheid:", " Bron:", "2035", "2036", "2037",
          "Sportdeelname", "% inwoners 4 t/m 80 jaar", "Monitor Alfa", "Utrecht", "51,5%", "53,0%", "n.b.",
          "Landelijk", "49,0%", "50,5%", "n.b",
          "Leerlingen met vervoer", "Aantal per 1.000 leerlingen", "Eigen registratie", "Utrecht", "12", "14",
          "Landelijk", "11", "13", "15",
          "Een zin na de tabel."]
_TEXT = "\n\n".join(_CELLS) + "\n"


def _lines() -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(_TEXT.split("\n"), start=1)]


def test_blocks_become_an_indicator_row_and_its_comparison_rows() -> None:
    (table,) = area_row_block_tables(_lines())
    assert [r.cells for r in table.rows[:3]] == [
        ["Naam indicator:", "Eenheid:", "Bron:", "2035", "2036", "2037"],
        ["Sportdeelname", "% inwoners 4 t/m 80 jaar", "Monitor Alfa", "51,5%", "53,0%", "n.b."],
        ["Landelijk", "", "", "49,0%", "50,5%", "n.b"],
    ]
    assert table.rows[3].cells == ["Leerlingen met vervoer", "Aantal per 1.000 leerlingen", "Eigen registratie", "", "", ""]
    assert table.uncertain_rows == ["Utrecht 12 14", "Landelijk 11 13 15"]


def test_values_are_own_realisaties_and_national_references(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2040_indicatoren.txt"
    path.write_text(_TEXT, encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, i.source, sorted((v.year, v.type, v.value, v.scope or "") for v in i.values))
            for i in document.indicators}
    assert read == {
        "Sportdeelname": ("% inwoners 4 t/m 80 jaar", "Monitor Alfa",
                          [(2035, "realisatie", 51.5, ""), (2035, "referentie", 49.0, "Landelijk"),
                           (2036, "realisatie", 53.0, ""), (2036, "referentie", 50.5, "Landelijk")]),
        "Leerlingen met vervoer": ("Aantal per 1.000 leerlingen", "Eigen registratie", []),
    }
    assert any(e.code == "table_uncertain" and "Utrecht 12 14" in e.message for e in document.errors)
