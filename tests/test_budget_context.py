"""Budget tables whose header leaves something to the document: a column headed only by a year (its kind), a
figure-less row under the header that only repeats a header word, a collapsed two-row header, and a page title
above the only table. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.parse.budget import context_kinds
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, text: str, name: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


YEAR_COLUMNS = """Programmabegroting 2031 gemeente Voorbeeld

Onderhoud van de parken (bedragen x € 1.000)
Onderdeel | 2031 | 2032 | 2033 |
---|---|---|---|
Bomen | 410 | 415 | 420 |
Vijvers | 95 | 97 | 99 |
"""


def test_a_year_only_column_takes_its_kind_from_a_begroting() -> None:
    columns = [(1, "bedrag", 2030, None), (2, "bedrag", 2031, None), (3, "bedrag", 2032, None), (4, "bedrag", 2031, "baten")]
    names = {1: "2030", 2: "2031", 3: "2032", 4: "Baten 2031"}
    out, decided = context_kinds(columns, "begroting", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag", "begroting", "raming", "begroting"]
    assert decided == {2, 3, 4}
    out, decided = context_kinds(columns, "jaarstukken", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag", "realisatie", "bedrag", "realisatie"]
    out, decided = context_kinds(columns, "begroting", 2031, names, changes=True)  # "deze mutaties (+ = nadeel)"
    assert [k for _, k, _, _ in out] == ["bedrag"] * 4 and not decided
    out, decided = context_kinds(columns, "kadernota", 2031, names)
    assert [k for _, k, _, _ in out] == ["bedrag"] * 4 and not decided


def test_a_year_that_another_column_names_a_kind_for_stays_bedrag() -> None:
    columns = [(1, "rekening", 2031, "saldo"), (2, "bedrag", 2031, None), (3, "bedrag", 2031, None)]
    out, decided = context_kinds(columns, "jaarstukken", 2031, {1: "Rekening 2031 Saldo", 2: "Saldo 2031", 3: "Toelichting 2031"})
    assert [k for _, k, _, _ in out] == ["rekening", "bedrag", "bedrag"] and not decided


def test_year_columns_of_a_begroting_are_begroting_and_raming_from_context(tmp_path: Path) -> None:
    doc = _extract(tmp_path, YEAR_COLUMNS, "begroting_2031.txt")
    by_year = {(b.label, b.year): b for b in doc.budget_lines}
    assert len(doc.budget_lines) == 6
    assert (by_year[("Bomen", 2031)].kind, by_year[("Bomen", 2031)].kind_from) == ("begroting", "context")
    assert (by_year[("Vijvers", 2033)].kind, by_year[("Vijvers", 2033)].amount) == ("raming", 99_000)


def test_gold_of_the_older_convention_agrees_with_a_context_kind(tmp_path: Path) -> None:
    doc = _extract(tmp_path, YEAR_COLUMNS, "begroting_2031.txt")
    lines = [{"programme": None, "label": b.label, "column": b.column, "kind": "bedrag", "year": b.year, "amount": b.amount}
             for b in doc.budget_lines]
    assert _strict_precision(doc, lines) == 1.0
    lines[0]["amount"] += 1000  # the amount still counts
    assert _strict_precision(doc, lines) == 5 / 6


def _strict_precision(doc: Document, lines: list[dict]) -> float:
    from extractor.evaluate.gold import GoldDocument
    from extractor.evaluate.score import score_document

    gold = GoldDocument.model_validate({"gold_version": "1", "source": {"file": "x.txt", "sha256": "0" * 64},
                                        "annotator": "test", "checked_by": "test", "budget_lines": lines,
                                        "coverage": {"budget_lines": {"pages": None}}})
    return score_document(gold, doc)["budget_lines"].strict.counts.precision
