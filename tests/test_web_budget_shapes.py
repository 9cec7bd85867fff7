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


def _spread_pipe_row(label: str, cells: list[str]) -> list[str]:
    return [f"{label}  | "] + ["\t" * 8 + f" {c}  | " for c in cells] + ["\t" * 6]


def test_pipe_rows_with_every_cell_on_its_own_line_are_one_grid(tmp_path: Path) -> None:
    lines = ["Overzicht evenwicht", "Evenwicht (bedragen x € 1.000,-)  | "]
    lines += ["\t" * 9 + f"{h}  | " for h in ("Realisatie 2029", "Begroting 2030", "Begroting 2031")] + ["\t" * 7]
    lines += ["|---|---|---|---|", "GEHEEL  | ", "\t" * 8 + "|||", *_spread_pipe_row("alle baten", ["-41.200", "-40.100", "-39.900"]),
              *_spread_pipe_row("alle lasten", ["39.800", "40.700", "41.300"])]
    doc = _extract(tmp_path, "\n".join(lines) + "\n")
    read = {(b.label, b.kind, b.year): b.amount for b in doc.budget_lines}
    assert read[("alle baten", "realisatie", 2029)] == -41_200_000
    assert read[("alle lasten", "begroting", 2031)] == 41_300_000
    assert len(read) == 6
    assert {b.programme for b in doc.budget_lines} == {None}
    first = next(b for b in doc.budget_lines if b.label == "alle baten")
    assert first.lines is not None and first.lines[1] - first.lines[0] == 3  # the row's provenance spans its cells
