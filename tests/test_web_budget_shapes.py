"""Budget tables copied from web pages in shapes of their own: "Budget 2031" headers, a unit note between a
two-row header's rows, a programme column, pipe rows with every cell on its own line, and statements of
reserves flattened to single spaces. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, text: str, name: str = "begroting_2031.txt") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


def _cells(*cells: str) -> str:
    return "\n\n".join(cells) + "\n"


def test_budget_year_headers_are_the_begroting_of_that_year(tmp_path: Path) -> None:
    text = _cells("Wat kost het", "Voorbeeldtaak x € 1.000", "Realisatie 2029", "Budget\n2030", "Budget\n2031",
                  "Lasten", "410", "522", "530", "Baten", "-120", "-133", "-140")
    doc = _extract(tmp_path, text)
    read = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("Lasten", "Budget 2031")] == ("begroting", 2031, 530_000)
    assert read[("Baten", "Realisatie 2029")] == ("realisatie", 2029, -120_000)
    assert len(read) == 6
