"""The static report site: an index, one page per document, the findings, a page viewer.

Document pages are independent, so they are built in parallel worker processes; page images
are rendered only for pages that an item points to, and kept between runs.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Iterable, Optional

from extractor.export import write_atomic
from extractor.report import html
from extractor.report.collect import LoadedDocument, ReportInput, collect
from extractor.report.document_page import DocumentSummary, build_document_page

WARNING_CODES = {"no_goal_structure", "tables_not_used", "table_uncertain", "page_without_text", "ocr_uncertain"}


@dataclass
class ReportResult:
    out: Path
    documents: int
    page_images: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    sqlite: Optional[Path] = None


def build_report(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, *, images: bool = True,
                 workers: Optional[int] = None, sqlite: bool = True) -> ReportResult:
    """Write the report for the documents under `inputs` into the folder `out`."""
    started = time.perf_counter()
    report = collect(inputs)
    out_dir = Path(out)
    (out_dir / "docs").mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / "style.css", html.STYLE.encode("utf-8"))
    write_atomic(out_dir / "view.html", html.viewer_page().encode("utf-8"))
    summaries = _build_document_pages(report, out_dir, images, workers)
    write_atomic(out_dir / "index.html", index_page(summaries, report).encode("utf-8"))
    write_atomic(out_dir / "findings.html", findings_page(report, summaries).encode("utf-8"))
    sqlite_path = None
    if sqlite:
        from extractor.report.sqlite import write_results_sqlite

        sqlite_path = write_results_sqlite(report, out_dir / "results.sqlite")
    return ReportResult(out=out_dir, documents=len(summaries), page_images=sum(s.page_images for s in summaries),
                        seconds=time.perf_counter() - started, problems=report.problems, sqlite=sqlite_path)


def _build_document_pages(report: ReportInput, out_dir: Path, images: bool,
                          workers: Optional[int]) -> list[DocumentSummary]:
    series_by_doc = _series_by_document(report)
    jobs = [(loaded, series_by_doc.get(loaded.slug, []), str(out_dir), images) for loaded in report.documents]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return [_build_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_build_one, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _build_one(job: tuple[LoadedDocument, list[dict[str, Any]], str, bool]) -> DocumentSummary:
    loaded, series, out_dir, images = job
    return build_document_page(loaded, series, Path(out_dir), images)


def _series_by_document(report: ReportInput) -> dict[str, list[dict[str, Any]]]:
    """Series rows (from `extractor link`) for each document that one of their values came from."""
    if not report.series:
        return {}
    keys: dict[str, str] = {}
    for loaded in report.documents:
        for key in (str(loaded.json_path), loaded.json_path.name, loaded.document.source.file, loaded.name):
            keys.setdefault(key, loaded.slug)
    by_canonical: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in report.series:
        by_canonical[str(row.get("canonical") or row.get("indicator") or row.get("canonical_indicator"))].append(row)
    result: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rows in by_canonical.values():
        slugs = {keys.get(str(doc)) or keys.get(Path(str(doc)).name) for row in rows for doc in _row_documents(row)}
        for slug in slugs - {None}:
            result[slug].extend(rows)  # type: ignore[index]
    return result


def _row_documents(row: dict[str, Any]) -> list[str]:
    docs = row.get("documents") or row.get("docs") or []
    if isinstance(docs, str):
        docs = [docs]
    return [d.get("doc") if isinstance(d, dict) else d for d in docs]


def index_page(summaries: list[DocumentSummary], report: ReportInput) -> str:
    rows = []
    for s in sorted(summaries, key=lambda s: (s.publisher or "~", s.year or 0, s.name)):
        empty = s.goals + s.values + s.budget_lines == 0
        signals = ", ".join(escape(code) for code in s.warning_codes) or ""
        if empty:
            signals = ("niets gevonden" + (", " + signals if signals else ""))
        rows.append((
            f'<tr class="{"empty" if empty else ""}"><th scope="row"><a href="docs/{escape(s.slug)}.html">{escape(s.name)}</a></th>',
            f'<span class="badge status-{escape(s.status)}">{escape(s.status)}</span>',
            escape(s.publisher or ""), escape(s.document_type or ""), escape(str(s.year or "")),
            _num(s.pages), _num(s.goals), _num(s.indicators), _num(s.values), _num(s.budget_lines),
            _num(s.partners), _num(s.findings), signals,
        ))
    headers = ["Document", "Status", "Uitgever", "Soort", "Jaar", "Pagina's", "Doelen", "Indicatoren",
               "Waarden", "Begrotingsregels", "Partners", "Bevindingen", "Signalen"]
    table_html = _rows_table(headers, rows)
    problems = "".join(f"<li>{escape(p)}</li>" for p in report.problems)
    body = (
        f"<h1>Documenten ({len(summaries)})</h1>"
        '<p><a href="findings.html">Bevindingen van de controle</a> · '
        '<a href="results.sqlite">results.sqlite</a> (alle gegevens, voor SQL)</p>'
        '<div class="filters"><label>Zoeken <input id="filter" type="search"></label>'
        '<label><input id="only-empty" type="checkbox"> alleen documenten zonder resultaat</label>'
        ' <span><span id="count"></span> getoond</span></div>'
        f'<div id="pager" class="pager"></div>{table_html}'
        + (f"<h2>Niet gelezen</h2><ul>{problems}</ul>" if problems else "")
    )
    return html.page("Rapport: documenten", body, "", html.INDEX_SCRIPT)


def _rows_table(headers: list[str], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join(row[0] + "".join(f"<td>{c}</td>" if not c.startswith("<td") else c for c in row[1:]) + "</tr>"
                   for row in rows)
    return f'<div class="scroll"><table id="documents"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _num(value: Optional[int]) -> str:
    return f'<td class="num">{"" if value is None else value}</td>'


def findings_page(report: ReportInput, summaries: list[DocumentSummary]) -> str:
    from extractor.report.document_page import finding_rows

    rules = sorted({str(f.get("rule")) for f in report.findings})
    options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
    body = (
        f"<h1>Bevindingen ({len(report.findings)})</h1>"
        + ("<p>Geen bevindingen: voer eerst <code>extractor audit</code> uit op deze map.</p>" if not report.findings else "")
        + '<div class="filters"><label>Ernst <select id="severity"><option value="">alle</option>'
        '<option value="error">fout</option><option value="warning">waarschuwing</option><option value="info">informatie</option>'
        f'</select></label><label>Regel <select id="rule"><option value="">alle</option>{options}</select></label></div>'
        + finding_rows(report.findings, summaries, root="")
    )
    return html.page("Rapport: bevindingen", body, "", html.FINDINGS_SCRIPT)
