"""PDF indicator tables: synthetic pages for the table finder, golden tables from real documents.

The golden files (tests/golden/tables_*.json) were typed by hand from the rendered pages;
they are never regenerated from the extractor's output.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.tables import find_ruled_tables, find_tables
from extractor.model import Document
from extractor.parse.indicators import read_indicators
from extractor.parse.table_semantics import judge_table
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Page, Rule, Word, make_line

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- synthetic pages


def _words(text: str, x0: float, top: float, bold: bool = False) -> list[Word]:
    out: list[Word] = []
    x = x0
    for token in text.split():
        width = 5.0 * len(token)
        out.append(Word(token, x, top, x + width, top + 9.0, size=9.0, bold=bold))
        x += width + 3.0
    return out


def _page(number: int, cells: list[tuple[str, float, float, bool]], rules: list[Rule], height: float = 842.0) -> Page:
    """A page from (text, x0, top, bold) pieces; words on the same top form one line."""
    words = [w for text, x, top, bold in cells for w in _words(text, x, top, bold)]
    by_top: dict[float, list[Word]] = {}
    for w in words:
        by_top.setdefault(w.top, []).append(w)
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=number) for _, ws in sorted(by_top.items())]
    return Page(number=number, width=595.0, height=height, lines=lines, rules=rules)


def _read(table):
    """The one indicator path: the meaning layer judges the table, the indicator reader reads it."""
    verdict = judge_table(table)
    assert verdict.kind == "indicator", verdict.reason
    return read_indicators(table, verdict, None, 1)


def _grid(xs: list[float], ys: list[float], skip_vertical: set[tuple[int, int]] = frozenset()) -> list[Rule]:
    """Rules of a full grid; `skip_vertical` holds (row, boundary) pairs left open (spanning cells)."""
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys]
    for r in range(len(ys) - 1):
        for b, x in enumerate(xs):
            if (r, b) not in skip_vertical:
                rules.append(Rule(x, ys[r], x, ys[r + 1]))
    return rules


def test_ruled_table_reads_wrapped_cells_and_spanning_header() -> None:
    xs = [70.0, 250.0, 330.0, 410.0]
    ys = [100.0, 115.0, 130.0, 160.0, 175.0]
    cells = [
        ("Streefwaarde", 280.0, 103.0, True),  # one header cell over both value columns (no rule between them)
        ("Effectindicator", 72.0, 118.0, True), ("2025", 260.0, 118.0, True), ("2026", 340.0, 118.0, True),
        ("% inwoners met", 72.0, 133.0, False), ("schulden", 72.0, 145.0, False), ("6,0%", 260.0, 140.0, False), ("5,9%", 340.0, 140.0, False),
        ("% eenzaamheid*", 72.0, 163.0, False), ("48%", 260.0, 163.0, False), ("47%", 340.0, 163.0, False),
    ]
    tables = find_ruled_tables(_page(5, cells, _grid(xs, ys, skip_vertical={(0, 2)})))
    assert len(tables) == 1
    table = tables[0]
    assert table.n_cols == 3
    assert table.rows[0].spans[1:] == [2, 0]  # the spanning header covers both value columns
    assert table.rows[2].cells == ["% inwoners met schulden", "6,0%", "5,9%"]
    indicators, _ = _read(table)
    assert [(v.type, v.year, v.value) for v in indicators[0].values] == [("streefwaarde", 2025, 6.0), ("streefwaarde", 2026, 5.9)]
    assert indicators[1].name == "% eenzaamheid" and indicators[1].footnotes == ["*"]


def test_figures_keep_their_columns_where_one_band_misses_a_rule() -> None:
    """A kengetallen table whose rules between the year columns are missing in one body row (as drawn in the file)
    read that row as one cell "-20,5 -9,3 -1,3"; the separators drawn elsewhere keep each figure in its column,
    while a header cell over two columns in a band without the rule still spans them."""
    xs = [70.0, 250.0, 330.0, 410.0, 490.0]
    ys = [100.0, 115.0, 130.0, 145.0, 160.0]
    cells = [
        ("Indicatoren", 300.0, 103.0, True),
        ("Kengetallen", 72.0, 118.0, True), ("2023", 260.0, 118.0, True), ("2024", 340.0, 118.0, True), ("2025", 420.0, 118.0, True),
        ("Netto schuldquote", 72.0, 133.0, False), ("-20,5", 260.0, 133.0, False), ("-9,3", 340.0, 133.0, False), ("-1,3", 420.0, 133.0, False),
        ("Solvabiliteit", 72.0, 148.0, False), ("60,5", 260.0, 148.0, False), ("61,3", 340.0, 148.0, False), ("62,1", 420.0, 148.0, False),
    ]
    tables = find_ruled_tables(_page(5, cells, _grid(xs, ys, skip_vertical={(0, 2), (0, 3), (2, 2), (2, 3)})))
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0].spans[1:] == [3, 0, 0]  # the header over the year columns spans them
    assert rows[2].cells == ["Netto schuldquote", "-20,5", "-9,3", "-1,3"]


def test_table_over_two_pages_is_stitched_with_repeated_header_dropped() -> None:
    xs = [70.0, 300.0, 400.0]
    head = [("Indicator", 72.0, 103.0, True), ("2024", 305.0, 103.0, True), ("2025", 405.0, 103.0, True)]
    first = head + [("Aantal A", 72.0, 700.0, False), ("10", 305.0, 700.0, False), ("11", 405.0, 700.0, False),
                    ("Aantal B lopende re-", 72.0, 760.0, False), ("12", 305.0, 760.0, False), ("13", 405.0, 760.0, False)]
    second = [(t, x, top - 30.0, b) for t, x, top, b in head] + [
        ("integratie", 72.0, 88.0, False),
        ("Aantal C", 72.0, 110.0, False), ("14", 305.0, 110.0, False), ("15", 405.0, 110.0, False)]
    p1 = _page(1, first, _grid(xs, [100.0, 115.0, 695.0, 755.0, 775.0]))
    p2 = _page(2, second, _grid(xs, [70.0, 85.0, 100.0, 125.0]))
    tables, unread = find_tables([p1, p2], use_camelot=False)
    assert unread == []
    assert len(tables) == 1
    table = tables[0]
    assert table.pages == [1, 2]
    labels = [row.cells[0] for row in table.rows]
    assert labels == ["Indicator", "Aantal A", "Aantal B lopende re-integratie", "Aantal C"]
    assert [row.page for row in table.rows] == [1, 1, 1, 2]


def test_unruled_table_columns_come_from_whitespace() -> None:
    lines = [
        ("Tabel 3.1 Effectindicatoren", 70.0, 100.0, False),
        ("Effectindicator", 70.0, 120.0, True), ("Peilwaarde", 300.0, 120.0, True), ("Streefwaarde 2025", 400.0, 120.0, True),
        ("% inwoners met", 70.0, 140.0, False),
        ("schulden", 70.0, 152.0, False), ("6,1% (2021)", 300.0, 152.0, False), ("6,0%", 400.0, 152.0, False),
        ("% eenzaamheid", 70.0, 170.0, False), ("49% (2020)", 300.0, 170.0, False), ("48%", 400.0, 170.0, False),
    ]
    tables, _ = find_tables([_page(3, lines, [])], use_camelot=False)
    assert len(tables) == 1 and tables[0].method == "aligned"
    indicators, errors = _read(tables[0])
    assert [i.name for i in indicators] == ["% inwoners met schulden", "% eenzaamheid"]
    assert [(v.type, v.year, v.value) for v in indicators[0].values] == [("realisatie", 2021, 6.1), ("streefwaarde", 2025, 6.0)]
    from extractor.parse.tables import _inferred_grid

    assert [e.code for e in _inferred_grid(tables[0])] == ["table_uncertain"]  # inferred columns are flagged for checking


@settings(max_examples=40, deadline=None)
@given(
    widths=st.lists(st.integers(min_value=40, max_value=90), min_size=2, max_size=5),
    n_rows=st.integers(min_value=2, max_value=6),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_ruled_grid_round_trip(widths: list[int], n_rows: int, seed: int) -> None:
    """Any full grid with one number per cell is read back cell for cell."""
    xs = [60.0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [100.0 + 20.0 * r for r in range(n_rows + 1)]
    expected = [[str((seed + 7 * r + c) % 997) for c in range(len(widths))] for r in range(n_rows)]
    cells = [(expected[r][c], xs[c] + 2.0, ys[r] + 4.0, False) for r in range(n_rows) for c in range(len(widths))]
    tables = find_ruled_tables(_page(1, cells, _grid(xs, ys)))
    assert len(tables) == 1
    assert [row.cells for row in tables[0].rows] == expected


# --------------------------------------------------------------------------- real documents


@lru_cache(maxsize=None)
def _extract(path: str) -> Document:
    return extract_document(path, ExtractOptions(enrich=False))


def _norm_name(text: str) -> str:
    return re.sub(r"[\s\-‐]+", "", text).lower()


def _value_tuples(indicators, pages: set[int]) -> set[tuple]:
    out = set()
    for ind in indicators:
        if ind.page not in pages:
            continue
        for v in ind.values:
            out.add((ind.page, _norm_name(ind.name), v.type, v.year, round(v.value, 6), v.comparator, v.scope))
    return out


def _golden_tuples(golden: dict) -> set[tuple]:
    out = set()
    for ind in golden["indicators"]:
        for t, year, value, comparator, scope in ind["values"]:
            out.add((ind["page"], _norm_name(ind["name"]), t, year, round(float(value), 6), comparator, scope))
    return out


@pytest.mark.parametrize("golden_file", sorted(p.name for p in GOLDEN.glob("tables_*.json")))
def test_golden_indicator_values(corpus_dir: Path, golden_file: str) -> None:
    golden = json.loads((GOLDEN / golden_file).read_text(encoding="utf-8"))
    document = _extract(str(corpus_dir / golden["file"]))
    assert document.status != "failure"
    pages = set(golden["indicator_pages"])
    got = _value_tuples(document.indicators, pages)
    want = _golden_tuples(golden)
    hits = len(got & want)
    precision = hits / len(got) if got else 0.0
    recall = hits / len(want)
    assert (precision, recall) == (1.0, 1.0), (
        f"P={precision:.3f} R={recall:.3f}; missing {sorted(want - got)[:5]}, unexpected {sorted(got - want)[:5]}"
    )


@pytest.mark.parametrize("golden_file", sorted(p.name for p in GOLDEN.glob("tables_*.json")))
def test_golden_indicator_fields_and_provenance(corpus_dir: Path, golden_file: str) -> None:
    golden = json.loads((GOLDEN / golden_file).read_text(encoding="utf-8"))
    document = _extract(str(corpus_dir / golden["file"]))
    pages = set(golden["indicator_pages"])
    found = {(i.page, _norm_name(i.name)): i for i in document.indicators if i.page in pages}
    assert len(found) == len(golden["indicators"]), sorted(found)
    for want in golden["indicators"]:
        ind = found[(want["page"], _norm_name(want["name"]))]
        assert ind.code == want["code"]
        assert ind.goal == want["goal"]
        for key in ("unit", "source", "table"):
            if key in want:
                assert getattr(ind, key) == want[key], (ind.name, key)
        if "footnotes" in want:
            assert ind.footnotes == want["footnotes"]
        assert ind.bbox is not None
        x0, top, x1, bottom = ind.bbox
        assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 842


def test_bbv_table_over_two_pages_loses_no_page(corpus_dir: Path) -> None:
    """begroting_2025 p72-73: one BBV table, header repeated on p73; every row kept, none duplicated."""
    document = _extract(str(corpus_dir / "wassenaar" / "begroting_2025.pdf"))
    bbv = [i for i in document.indicators if i.page in (72, 73)]
    on_72 = [i.code for i in bbv if i.page == 72]
    on_73 = [i.code for i in bbv if i.page == 73]
    assert on_72 == ["6", "8", "9", "10", "11", "17", "18", "19", "20", "21", "22", "23", "24", "26", "27", "28",
                     "29", "30", "31", "32", "1", "2"]
    assert on_73 == ["3", "4", "5", "35", "36", "37", "38", "39", "14", "16", "33", "34"]
    assert all(i.table == "Tabel 6.1 - Beleidsindicatoren per programma" for i in bbv)
    assert len({i.id for i in document.indicators}) == len(document.indicators)


def test_unreadable_cells_become_warnings_not_values(corpus_dir: Path) -> None:
    """'12.406 (plus 35)' is not one number: the value is left out and the page gets a warning."""
    document = _extract(str(corpus_dir / "wassenaar" / "begroting_2024.pdf"))
    woningen = next(i for i in document.indicators if i.page == 50)
    assert [(v.type, v.year, v.value) for v in woningen.values] == [("realisatie", 2023, 12371.0)]
    assert any(e.code == "table_uncertain" and e.page == 50 and e.severity == "warning" for e in document.errors)


def test_cli_extract_handles_text_and_image_only_pdfs(corpus_dir: Path, tmp_path: Path) -> None:
    files = [corpus_dir / "almere" / "mun_almere_2026_stevige_lokale_teams_raadsvoorstel.pdf",
             corpus_dir / "wassenaar" / "image_only" / "Jaarstukken_2021.pdf"]
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, files), "-o", str(tmp_path), "--no-enrich", "-q",
                             "--ocr", "never"],  # the OCR path: tests/test_ocr_corpus.py
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 3, result.stderr  # one document failed (no text layer): an expected status, no crash
    assert "Traceback" not in result.stderr
    outputs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.json")}
    assert outputs["mun_almere_2026_stevige_lokale_teams_raadsvoorstel.json"]["status"] in ("success", "partial")
    assert outputs["Jaarstukken_2021.json"]["status"] == "failure"



def test_text_input_goes_to_the_text_parser(monkeypatch) -> None:
    """The dispatcher sends text documents to the text table parser and never to the PDF table finder."""
    import extractor.layout.tables
    from extractor.layout import lay_out
    from extractor.model import Metadata
    from extractor.parse.tables import parse_tables
    from extractor.read import read_document

    def pdf_finder_called(*args, **kwargs):
        raise AssertionError("the PDF table finder was used for a text document")

    monkeypatch.setattr(extractor.layout.tables, "find_tables", pdf_finder_called)
    laid_out = lay_out(read_document(REPO / "samples" / "leiden_jaarstukken_2017_veiligheid.txt"))
    indicators, budget, errors = parse_tables(laid_out, [], Metadata())
    assert budget == []
    assert [i.name for i in indicators] == ["Aantal branden (geen brandstichting)", "Aantal brandstichtingen"]
    for indicator in indicators:  # text items carry line numbers, not boxes
        assert indicator.page is None and indicator.bbox is None and indicator.lines is not None
