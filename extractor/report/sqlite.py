"""results.sqlite: everything the report shows, as relational tables for SQL users and datasette.

One row per document, goal, indicator, indicator value, budget line, partner, theme, outline
heading, error, link and finding; child rows point to their document (and values to their
indicator) by foreign keys, and every item keeps its provenance columns (page, bbox, lines).
The file is written beside the report under a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable

from extractor.report.collect import ReportInput

PROVENANCE = "page INTEGER, x0 REAL, top REAL, x1 REAL, bottom REAL, line_first INTEGER, line_last INTEGER"

SCHEMA = f"""
CREATE TABLE documents (
  doc_id INTEGER PRIMARY KEY, file TEXT NOT NULL, json_file TEXT NOT NULL, sha256 TEXT, format TEXT,
  pages INTEGER, status TEXT NOT NULL, publisher TEXT, issuer_kind TEXT, document_type TEXT, year INTEGER,
  period_start INTEGER, period_end INTEGER, title TEXT, extractor_version TEXT, report_page TEXT
);
CREATE TABLE errors (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), code TEXT NOT NULL, severity TEXT NOT NULL,
  message TEXT NOT NULL, page INTEGER
);
CREATE TABLE outline (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), id TEXT NOT NULL, title TEXT NOT NULL,
  level INTEGER, number TEXT, parent TEXT, {PROVENANCE}, PRIMARY KEY (doc_id, id)
);
CREATE TABLE goals (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), id TEXT NOT NULL, code TEXT, title TEXT NOT NULL,
  level TEXT NOT NULL, label TEXT, parent TEXT, description TEXT, themes TEXT, ocr INTEGER, confidence REAL,
  {PROVENANCE}, PRIMARY KEY (doc_id, id)
);
CREATE TABLE indicators (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), id TEXT NOT NULL, code TEXT, name TEXT NOT NULL,
  description TEXT, unit TEXT, source TEXT, source_kind TEXT, catalogue_id TEXT, goal TEXT, direction TEXT,
  parent_indicator TEXT, table_name TEXT, {PROVENANCE}, PRIMARY KEY (doc_id, id)
);
CREATE TABLE indicator_values (
  doc_id INTEGER NOT NULL, indicator_id TEXT NOT NULL, year INTEGER, type TEXT NOT NULL, value REAL NOT NULL,
  comparator TEXT, scope TEXT, raw TEXT NOT NULL, type_from TEXT, ocr INTEGER, confidence REAL, {PROVENANCE},
  FOREIGN KEY (doc_id, indicator_id) REFERENCES indicators(doc_id, id)
);
CREATE TABLE budget_lines (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), programme TEXT, taakveld TEXT, label TEXT NOT NULL,
  label_norm TEXT, column_label TEXT NOT NULL, side TEXT, kind TEXT NOT NULL, year INTEGER, amount REAL NOT NULL,
  raw TEXT NOT NULL, detail INTEGER, table_name TEXT, ocr INTEGER, confidence REAL, {PROVENANCE}
);
CREATE TABLE partners (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), name TEXT NOT NULL, canonical TEXT NOT NULL,
  aliases TEXT, kind TEXT, known INTEGER, mentions INTEGER, pages TEXT, role TEXT
);
CREATE TABLE themes (
  doc_id INTEGER NOT NULL REFERENCES documents(doc_id), id TEXT NOT NULL, label TEXT, field TEXT,
  mentions INTEGER, score REAL
);
CREATE TABLE links (
  kind TEXT, from_doc TEXT, from_doc_id INTEGER REFERENCES documents(doc_id), from_id TEXT,
  to_doc TEXT, to_doc_id INTEGER REFERENCES documents(doc_id), to_id TEXT, from_title TEXT, to_title TEXT,
  relation TEXT, score REAL, method TEXT, evidence TEXT
);
CREATE TABLE findings (
  finding_id INTEGER PRIMARY KEY, rule TEXT, severity TEXT, message TEXT, documents TEXT, items TEXT,
  expected TEXT, actual TEXT, difference TEXT
);
CREATE TABLE finding_items (
  finding_id INTEGER NOT NULL REFERENCES findings(finding_id), doc TEXT, doc_id INTEGER REFERENCES documents(doc_id),
  item_id TEXT, page INTEGER, x0 REAL, top REAL, x1 REAL, bottom REAL, value TEXT, raw TEXT
);
CREATE INDEX goals_doc ON goals(doc_id);
CREATE INDEX values_indicator ON indicator_values(doc_id, indicator_id);
CREATE INDEX budget_doc ON budget_lines(doc_id);
"""


def write_results_sqlite(report: ReportInput, path: str | os.PathLike) -> Path:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executescript(SCHEMA)
        doc_ids = _insert_documents(conn, report)
        _insert_links(conn, report.links, doc_ids)
        _insert_findings(conn, report.findings, doc_ids)
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, target)
    return target


def _prov(page, bbox, lines) -> tuple:
    box = tuple(bbox) if bbox else (None, None, None, None)
    span = tuple(lines) if lines else (None, None)
    return (page, *box, *span)


def _insert_documents(conn: sqlite3.Connection, report: ReportInput) -> dict[str, int]:
    keys: dict[str, int] = {}
    for doc_id, loaded in enumerate(report.documents, start=1):
        d, m = loaded.document, loaded.document.metadata
        conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
            doc_id, d.source.file, str(loaded.json_path), d.source.sha256, d.source.format, d.source.pages, d.status,
            m.municipality, m.issuer_kind, m.document_type, m.year, m.period[0] if m.period else None,
            m.period[1] if m.period else None, m.title, d.extractor_version, f"docs/{loaded.slug}.html"))
        for key in (str(loaded.json_path), loaded.json_path.name, d.source.file, loaded.name, d.source.sha256):
            if key:
                keys.setdefault(key, doc_id)
        _insert_items(conn, doc_id, d)
    return keys


def _insert_items(conn: sqlite3.Connection, doc_id: int, d) -> None:
    conn.executemany("INSERT INTO errors VALUES (?,?,?,?,?)",
                     [(doc_id, str(e.code), e.severity, e.message, e.page) for e in d.errors])
    conn.executemany(f"INSERT INTO outline VALUES (?,?,?,?,?,?,{_q(7)})",
                     [(doc_id, o.id, o.title, o.level, o.number, o.parent, *_prov(o.page, o.bbox, o.lines)) for o in d.outline])
    conn.executemany(f"INSERT OR IGNORE INTO goals VALUES (?,?,?,?,?,?,?,?,?,?,?,{_q(7)})", [
        (doc_id, g.id, g.code, g.title, g.level, g.label, g.parent, g.description, json.dumps(g.themes), int(g.ocr),
         g.confidence, *_prov(g.page, g.bbox, g.lines)) for g in d.goals])
    conn.executemany(f"INSERT OR IGNORE INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,{_q(7)})", [
        (doc_id, i.id, i.code, i.name, i.description, i.unit, i.source, i.source_kind, i.catalogue_id, i.goal,
         i.direction, i.parent_indicator, i.table, *_prov(i.page, i.bbox, i.lines)) for i in d.indicators])
    conn.executemany(f"INSERT INTO indicator_values VALUES (?,?,?,?,?,?,?,?,?,?,?,{_q(7)})", [
        (doc_id, i.id, v.year, v.type, v.value, v.comparator, v.scope, v.raw, v.type_from, int(v.ocr), v.confidence,
         *_prov(v.page or i.page, v.bbox or i.bbox, i.lines)) for i in d.indicators for v in i.values])
    conn.executemany(f"INSERT INTO budget_lines VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,{_q(7)})", [
        (doc_id, b.programme, b.taakveld, b.label, b.label_norm, b.column, b.side, b.kind, b.year, b.amount, b.raw,
         int(b.detail), b.table, int(b.ocr), b.confidence, *_prov(b.page, b.bbox, b.lines)) for b in d.budget_lines])
    conn.executemany("INSERT INTO partners VALUES (?,?,?,?,?,?,?,?,?)", [
        (doc_id, p.name, p.canonical, json.dumps(p.aliases, ensure_ascii=False), p.kind, int(p.known), p.mentions,
         json.dumps(p.pages), p.role) for p in d.partners])
    conn.executemany("INSERT INTO themes VALUES (?,?,?,?,?,?)",
                     [(doc_id, t.id, t.label, t.field, t.mentions, t.score) for t in d.themes])


def _q(n: int) -> str:
    return ",".join("?" * n)


def _doc_id(keys: dict[str, int], name: Any):
    if not isinstance(name, str) or not name:
        return None
    return keys.get(name) or keys.get(Path(name).name) or keys.get(Path(name).name.removesuffix(".json"))


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float)) else json.dumps(value, ensure_ascii=False)


def _insert_links(conn: sqlite3.Connection, links: Iterable[dict[str, Any]], keys: dict[str, int]) -> None:
    conn.executemany("INSERT INTO links VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (row.get("kind"), _text(row.get("from_doc")), _doc_id(keys, row.get("from_doc")), _text(row.get("from_id")),
         _text(row.get("to_doc")), _doc_id(keys, row.get("to_doc")), _text(row.get("to_id")), _text(row.get("from_title")),
         _text(row.get("to_title")), row.get("relation"), row.get("score"), _text(row.get("method")),
         _text(row.get("evidence"))) for row in links])


def _insert_findings(conn: sqlite3.Connection, findings: Iterable[dict[str, Any]], keys: dict[str, int]) -> None:
    for number, finding in enumerate(findings, start=1):
        conn.execute("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)", (
            number, finding.get("rule"), finding.get("severity"), finding.get("message"),
            json.dumps(finding.get("documents") or [], ensure_ascii=False),
            json.dumps(finding.get("items") or [], ensure_ascii=False), _text(finding.get("expected")),
            _text(finding.get("actual")), _text(finding.get("difference"))))
        for item in finding.get("items") or []:
            box = item.get("bbox") or [None] * 4
            conn.execute("INSERT INTO finding_items VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                number, _text(item.get("doc")), _doc_id(keys, item.get("doc")), _text(item.get("id")), item.get("page"),
                *box, _text(item.get("value")), _text(item.get("raw"))))
