"""A unit printed once over two text budget tables of the same columns, and a side word in a table's corner cell.
Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document

from tests.helpers import extract_text


def _table(corner: str, rows: list[tuple[str, str, str, str]]) -> str:
    lines = [f"{corner} | Rekening 2029 | Begroting 2030 | Begroting 2031"]
    lines += [" | ".join(row) for row in rows]
    return "\n".join(lines) + "\n"


_LASTEN = _table("Lasten", [("Beheer kades", "1.250", "1.300", "1.310"), ("Totaal lasten", "1.250", "1.300", "1.310")])
_BATEN = _table("Baten", [("Beheer kades", "240", "250", "-"), ("Totaal baten", "240", "250", "0")])


def _amounts(doc: Document) -> dict[tuple[str, str, str], float]:
    return {(b.side or "", b.label, b.column): b.amount for b in doc.budget_lines}


def _warnings(doc: Document) -> list[str]:
    return [e.message for e in doc.errors if e.code == "table_uncertain"]


def test_the_table_below_takes_the_unit_of_the_table_above_with_the_same_columns(tmp_path: Path) -> None:
    text = f"Programma 4 Havens\n\nBedragen x € 1.000\n\n{_LASTEN}\nDe baten zijn lager dan vorig jaar.\n\n{_BATEN}"
    doc = extract_text(tmp_path, "begroting_2031_havens.txt", text)
    amounts = _amounts(doc)
    assert amounts[("lasten", "Beheer kades", "Rekening 2029")] == 1_250_000
    assert amounts[("baten", "Beheer kades", "Begroting 2030")] == 250_000
    assert amounts[("baten", "Totaal baten", "Begroting 2031")] == 0
    assert ("baten", "Beheer kades", "Begroting 2031") not in amounts  # "-" is no amount
    assert any("like the table right above it" in m for m in _warnings(doc))


def test_other_columns_or_no_unit_above_keep_the_amounts_as_printed_and_warn(tmp_path: Path) -> None:
    other = _BATEN.replace("Begroting 2031", "Raming 2032")
    doc = extract_text(tmp_path, "begroting_2031_havens.txt", f"Bedragen x € 1.000\n\n{_LASTEN}\nToelichting.\n\n{other}")
    amounts = _amounts(doc)
    assert amounts[("lasten", "Beheer kades", "Rekening 2029")] == 1_250_000
    assert amounts[("baten", "Beheer kades", "Rekening 2029")] == 240  # not rescaled by a guess
    assert any("prints no unit (euros or x € 1.000)" in m for m in _warnings(doc))

    doc = extract_text(tmp_path, "begroting_2031_havens2.txt", f"{_LASTEN}\nToelichting.\n\n{_BATEN}")
    assert _amounts(doc)[("baten", "Beheer kades", "Rekening 2029")] == 240
    assert not any("like the table right above it" in m for m in _warnings(doc))


def test_euros_in_the_cells_are_never_rescaled_from_the_table_above(tmp_path: Path) -> None:
    euros = _BATEN.replace("240 |", "€ 240 |")
    doc = extract_text(tmp_path, "begroting_2031_havens.txt", f"Bedragen x € 1.000\n\n{_LASTEN}\nToelichting.\n\n{euros}")
    assert _amounts(doc)[("baten", "Beheer kades", "Rekening 2029")] == 240
