"""The HTML report and results.sqlite, built from real extractions of the bundled samples."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from extractor.export import write_document
from extractor.model import Document
from extractor.report import ReportInputError, build_report
from extractor.report.charts import Series, format_number, line_chart
from tests.helpers import REPO, SAMPLES, extract_cached

html5lib = pytest.importorskip("html5lib")

SAMPLE_FILES = ["wassenaar_begroting_2024.pdf", "leiden_jaarstukken_2017_veiligheid.txt"]


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory) -> Path:
    """Document JSON files as a batch writes them, plus a findings.jsonl naming one of them."""
    folder = tmp_path_factory.mktemp("batch")
    for name in SAMPLE_FILES:
        document = extract_cached(SAMPLES / name)
        document.source.file = str(SAMPLES / name)
        write_document(document, folder / f"{name}.json")
    begroting = Document.model_validate_json((folder / "wassenaar_begroting_2024.pdf.json").read_text())
    line = next(b for b in begroting.budget_lines if b.bbox)
    finding = {"rule": "budget_sum", "severity": "warning", "message": "Som wijkt af",
               "documents": [begroting.source.file],
               "items": [{"doc": begroting.source.file, "id": None, "page": line.page, "bbox": list(line.bbox),
                          "value": line.amount, "raw": line.raw}], "expected": 1, "actual": 2, "difference": 1}
    (folder / "findings.jsonl").write_text(json.dumps(finding) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(batch_folder: Path, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return build_report([batch_folder], out, workers=1)


def test_every_document_has_a_page_and_the_index_links_them(report) -> None:
    index = (report.out / "index.html").read_text(encoding="utf-8")
    assert report.documents == len(SAMPLE_FILES)
    for name in SAMPLE_FILES:
        assert f'href="docs/{name}.html"' in index
        assert (report.out / "docs" / f"{name}.html").is_file()


def test_all_pages_are_valid_html(report) -> None:
    parser = html5lib.HTMLParser(strict=True)
    pages = sorted(report.out.rglob("*.html"))
    assert len(pages) >= 5  # index, findings, viewer, two documents (+ a source page)
    for page in pages:
        parser.parse(page.read_bytes())  # raises on any parse error


def test_only_used_pages_are_rendered_and_values_link_to_them(report, batch_folder: Path) -> None:
    document = Document.model_validate_json((batch_folder / "wassenaar_begroting_2024.pdf.json").read_text())
    used = ({b.page for b in document.budget_lines if b.bbox} | {g.page for g in document.goals if g.bbox}
            | {i.page for i in document.indicators if i.bbox})
    images = sorted(report.out.glob("pages/*/p*.jpg"))
    assert {int(p.stem[1:]) for p in images} == {p for p in used if p}
    assert len(images) < (document.source.pages or 0)
    page = (report.out / "docs" / "wassenaar_begroting_2024.pdf.html").read_text(encoding="utf-8")
    line = next(b for b in document.budget_lines if b.bbox)
    assert f"p{line.page}.jpg" in page and "view.html?" in page


def test_text_documents_link_to_their_source_lines(report) -> None:
    page = (report.out / "docs" / "leiden_jaarstukken_2017_veiligheid.txt.html").read_text(encoding="utf-8")
    assert "src/leiden_jaarstukken_2017_veiligheid.txt.html?from=" in page
    source = (report.out / "src" / "leiden_jaarstukken_2017_veiligheid.txt.html").read_text(encoding="utf-8")
    first_line = (SAMPLES / "leiden_jaarstukken_2017_veiligheid.txt").read_text(encoding="utf-8").splitlines()[0]
    assert '<span id="L1">    1  ' + escape(first_line.lstrip("\ufeff").rstrip()[:20]) in source


def test_findings_page_links_items_to_page_images(report) -> None:
    findings = (report.out / "findings.html").read_text(encoding="utf-8")
    assert 'data-rule="budget_sum"' in findings and "view.html?img=pages" in findings


def test_results_sqlite_has_every_item_with_foreign_keys(report, batch_folder: Path) -> None:
    documents = [Document.model_validate_json(p.read_text()) for p in sorted(batch_folder.glob("*.json"))]
    with sqlite3.connect(report.sqlite) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(documents)
        assert conn.execute("SELECT count(*) FROM goals").fetchone()[0] == sum(len(d.goals) for d in documents)
        assert conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == sum(
            len(i.values) for d in documents for i in d.indicators)
        assert conn.execute("SELECT count(*) FROM budget_lines").fetchone()[0] == sum(len(d.budget_lines) for d in documents)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM finding_items WHERE doc_id IS NOT NULL").fetchone()[0] == 1
        row = conn.execute("SELECT page, x0, amount FROM budget_lines WHERE page IS NOT NULL LIMIT 1").fetchone()
        assert row[0] > 0 and row[1] is not None


def test_chart_has_one_marker_per_point_and_a_text_alternative() -> None:
    svg = line_chart("Winkeldiefstallen", [Series("realisatie", [(2021, 2.5), (2022, 3.0)]),
                                           Series("streefwaarde", [(2024, 2.0), (2025, 1.5), (2026, 1.0)])])
    assert svg.count('class="pt"') == 5
    assert 'role="img"' in svg and "<title>Winkeldiefstallen</title>" in svg
    assert line_chart("leeg", []) == ""


@pytest.mark.parametrize("value,text", [(1234567, "1.234.567"), (12.5, "12,5"), (-914, "-914"), (0.25, "0,25")])
def test_numbers_are_printed_the_dutch_way(value: float, text: str) -> None:
    assert format_number(value) == text


def test_a_folder_without_documents_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportInputError, match="no document JSON"):
        build_report([tmp_path], tmp_path / "out")


def test_cli_report_command(batch_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "extractor", "report", str(batch_folder), "--out", str(out),
                             "--no-images"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "2 documents" in result.stdout and (out / "index.html").is_file() and (out / "results.sqlite").is_file()
    empty = subprocess.run([sys.executable, "-m", "extractor", "report", str(tmp_path / "nothing"), "--out", str(out)],
                           capture_output=True, text=True, cwd=REPO, timeout=120)
    assert empty.returncode == 2 and "nothing" in empty.stderr
