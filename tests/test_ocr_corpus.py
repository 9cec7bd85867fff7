"""OCR on real documents (needs Tesseract: skipped without it, a failure on CI).

- the six corpus PDFs without a usable text layer come out (success or partial);
- the numbers of three image-only taakveld tables are read as the hand-made gold says
  (tests/gold/wassenaar_image_only_*.json), uncertain ones left out rather than guessed;
- pages of a text PDF turned into pictures give the same goals, indicator values and budget
  lines through OCR as through their text layer.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractor.evaluate.match import multiset_f1 as f1
from extractor.parse.ocr_provenance import MIN_NUMBER_CONFIDENCE, printed_rows
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read import read_document
from extractor.read.textlayer import garbage_reason
from tests.ocr_helpers import page_subset, rasterised_pdf, require_tesseract

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
IMAGE_ONLY = [f"wassenaar/image_only/Jaarstukken_{year}.pdf" for year in (2021, 2022, 2023, 2024, 2025)]
GOLD = {year: REPO / "tests" / "gold" / f"wassenaar_image_only_jaarstukken_{year}.json" for year in (2021, 2023, 2025)}
_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*$")


@pytest.fixture(scope="module")
def tesseract() -> None:
    require_tesseract()


@pytest.mark.parametrize("relative", IMAGE_ONLY)
def test_image_only_excerpts_come_out(relative: str, corpus_dir: Path, tesseract) -> None:
    document = extract_document(corpus_dir / relative, ExtractOptions(enrich=False))
    assert document.status in ("success", "partial"), document.errors
    assert document.coverage.ocr_pages == [1]
    assert not [e for e in document.errors if e.code in ("no_text_layer", "ocr_unavailable")]
    confirmed = {id(line) for row in printed_rows(document.budget_lines) if len(row) == 3
                 and abs(row["baten"].amount + row["lasten"].amount - row["saldo"].amount) <= 1.0 for line in row.values()}
    for line in document.budget_lines:  # whatever the table layer reads from OCR'd lines carries its provenance
        assert line.ocr and line.confidence is not None
        # an unsure word is only kept where its row's baten, lasten and saldo add up
        assert line.confidence >= MIN_NUMBER_CONFIDENCE or id(line) in confirmed, line


def test_glyph_id_jaarrekening_is_read_by_ocr(corpus_dir: Path, tesseract) -> None:
    """203 pages whose fonts have no character map: OCR the first two (the rest is over the limit)."""
    path = corpus_dir / "wassenaar" / "jaarrekening-2019-wassenaar.pdf"
    raw = read_document(path, ocr_max_pages=2)
    assert raw.ocr_pages == [1, 2]
    text = "\n".join(page.text for page in raw.pages[:2])
    assert len(text) > 40 and garbage_reason(text) is None, text[:300]
    assert any(code == "page_without_text" and "--ocr-max-pages" in message for code, message, _ in raw.warnings)
    document = extract_document(path, ExtractOptions(enrich=False, tables=False, ocr_max_pages=2))
    assert document.status in ("success", "partial")
    assert document.coverage.ocr_pages == [1, 2]


# --- the numbers of the image-only tables against hand-made gold -----------------------------------

def _normal(label: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", label.lower())


def _read_rows(path: Path) -> list[tuple[str, float]]:
    """(row label, amount) for every confident number in the OCR'd table rows of page 1."""
    page = read_document(path).pages[0]
    items: list[tuple[str, float]] = []
    for line in page.lines:
        label = ""
        for segment in line.segments():
            words = segment.words
            if not all(_AMOUNT.match(w.text) for w in words):
                label = segment.text
                continue
            for word in words:
                if label and (word.confidence or 0.0) >= MIN_NUMBER_CONFIDENCE:
                    items.append((_normal(label), float(word.text.replace(".", ""))))
    return items


@pytest.mark.parametrize("year", sorted(GOLD))
def test_ocr_reads_the_gold_numbers(year: int, corpus_dir: Path, tesseract) -> None:
    gold = json.loads(GOLD[year].read_text(encoding="utf-8"))
    expected = [(_normal(b["label"]), b["amount"]) for b in gold["budget_lines"]]
    predicted = _read_rows(corpus_dir / "wassenaar" / "image_only" / f"Jaarstukken_{year}.pdf")
    precision, recall, score = f1(predicted, expected)
    assert len(expected) > 100
    assert precision >= 0.97 and score >= 0.9, f"{year}: precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}"


BUDGET_FLOOR = {2021: (0.97, 0.9), 2023: (0.97, 0.9), 2025: (0.97, 0.9)}
"""(precision, F1) the pipeline's budget lines reach per gold table (the issue's bar); see docs/ocr.md for the figures."""


def _programme(name) -> str:
    code = re.match(r"^\s*P\s?(\d+)", name or "")
    return f"P{code.group(1)}" if code else ""


@pytest.mark.parametrize("year", sorted(GOLD))
def test_pipeline_budget_lines_from_ocr(year: int, corpus_dir: Path, tesseract) -> None:
    """The budget lines built from the OCR'd taakveld tables: programme, amount, kind, year and row label as the gold
    has them (the rows continuing a programme in the right half of the spread, the reserves under no programme)."""
    gold = json.loads(GOLD[year].read_text(encoding="utf-8"))
    expected = [(_programme(b["programme"]), _normal(b["label"]), b["kind"], b["year"], b["amount"]) for b in gold["budget_lines"]]
    document = extract_document(corpus_dir / "wassenaar" / "image_only" / f"Jaarstukken_{year}.pdf", ExtractOptions(enrich=False))
    predicted = [(_programme(b.programme), _normal(b.label), b.kind, b.year, b.amount) for b in document.budget_lines]
    precision, recall, score = f1(predicted, expected)
    floor_precision, floor_f1 = BUDGET_FLOOR[year]
    assert len(predicted) > 50
    assert precision >= floor_precision and score >= floor_f1, f"{year}: precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}"


UNSEEN_FLOOR = {2022: (0.97, 0.65), 2024: (0.97, 0.4)}
"""(precision, recall) on the hand-transcribed rows of two jaarstukken excerpts with nine amount columns.
First sight, before any change was made for them: 0.77 / 0.38 and 0.65 / 0.15; see docs/ocr.md."""


@pytest.mark.parametrize("year", sorted(UNSEEN_FLOOR))
def test_budget_lines_of_transcribed_rows(year: int, corpus_dir: Path, tesseract) -> None:
    rows = json.loads((REPO / "tests" / "golden" / f"ocr_rows_jaarstukken_{year}.json").read_text(encoding="utf-8"))
    expected = Counter((_programme(r["programme"]), _normal(r["label"]), kind, rows["year"], float(amount))
                       for r in rows["rows"] for kind, amount in zip(rows["kinds"], r["amounts"]))
    details = {_normal(r["label"]) for r in rows["rows"] if not r["label"].startswith("Saldo")}
    totals = {(_programme(r["programme"]), _normal(r["label"])) for r in rows["rows"]}
    document = extract_document(corpus_dir / "wassenaar" / "image_only" / f"Jaarstukken_{year}.pdf", ExtractOptions(enrich=False))
    assert document.metadata.document_type == "jaarstukken"  # the header sets the rekening beside the begroting of its year
    predicted = Counter((_programme(b.programme), _normal(b.label), b.kind, b.year, b.amount) for b in document.budget_lines
                        if _normal(b.label) in details or (_programme(b.programme), _normal(b.label)) in totals)
    hits = sum((expected & predicted).values())
    precision, recall = hits / max(1, sum(predicted.values())), hits / sum(expected.values())
    floor_precision, floor_recall = UNSEEN_FLOOR[year]
    assert precision >= floor_precision and recall >= floor_recall, f"{year}: precision {precision:.3f} recall {recall:.3f}"


# --- a text PDF turned into pictures ---------------------------------------------------------------

RASTER_PAGES = [11, 12, 15, 17, 18, 28]  # begroting 2024: goals P1-P2, a budget table, an indicator table


@pytest.fixture(scope="module")
def text_and_scan(corpus_dir: Path, tmp_path_factory, tesseract):
    folder = tmp_path_factory.mktemp("raster")
    source = corpus_dir / "wassenaar" / "begroting_2024.pdf"
    options = ExtractOptions(enrich=False)
    text = extract_document(page_subset(source, RASTER_PAGES, folder / "text.pdf"), options)
    scan = extract_document(rasterised_pdf(source, RASTER_PAGES, folder / "scan.pdf"), options)
    return text, scan


def test_rasterised_pages_are_ocrd(text_and_scan) -> None:
    text, scan = text_and_scan
    assert text.coverage.ocr_pages == []
    assert scan.coverage.ocr_pages == list(range(1, len(RASTER_PAGES) + 1))
    assert all(g.ocr for g in scan.goals) and not any(g.ocr for g in text.goals)


def test_rasterised_values_match_the_text_layer(text_and_scan) -> None:
    text, scan = text_and_scan

    def values(document) -> list:
        return [(i.name.strip("‘'* "), v.year, v.type, v.value) for i in document.indicators for v in i.values] + \
            [(b.label, b.column, b.amount) for b in document.budget_lines]

    expected = values(text)
    precision, recall, score = f1(values(scan), expected)
    assert len(expected) >= 50
    assert precision >= 0.97 and score >= 0.9, f"precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}"


def test_rasterised_goals_match_the_text_layer(text_and_scan) -> None:
    text, scan = text_and_scan
    expected = [(g.id, g.title) for g in text.goals]
    precision, recall, score = f1([(g.id, g.title) for g in scan.goals], expected)
    assert len(expected) >= 30
    assert score >= 0.9, f"precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}"


# --- through the command line -----------------------------------------------------------------------

def test_cli_ocr_options(corpus_dir: Path, tmp_path: Path, tesseract) -> None:
    scan = corpus_dir / IMAGE_ONLY[1]
    run = [sys.executable, "-m", "extractor", "extract", str(scan), "--no-enrich", "--stdout"]
    done = subprocess.run([*run, "--ocr", "auto", "--ocr-lang", "nld+eng"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["coverage"]["ocr_pages"] == [1] and payload["status"] in ("success", "partial")
    refused = subprocess.run([*run, "--ocr", "never"], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 3 and "no_text_layer" in refused.stderr
    bad = subprocess.run([*run, "--ocr", "sometimes"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2
