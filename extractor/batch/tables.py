"""Combined tables for analysts: outline, goals, indicators (one row per value), budget lines, partners.

Built from the document JSON files alone (so `extractor tables OUT` can rebuild them at any
time), written as Parquet and CSV with a fixed set of typed columns, headers included even
when a table has no rows. Every row says which document it came from and where in it.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from extractor.export import write_atomic
from extractor.fsnames import escape_name
from extractor.model import Document

TABLES_DIR = "_tables"
# "standard": UTF-8, comma, decimal point (for scripts); "excel-nl": what Dutch-locale Excel opens by
# double-click without an import dialog: UTF-8 with byte-order mark, semicolon, decimal comma.
CSV_DIALECTS = ("standard", "excel-nl")

_DOC_COLUMNS = {
    "source_file": "string",       # the input path the document was read from
    "json_file": "string",         # the document JSON, relative to the output folder
    "sha256": "string",
    "extractor_version": "string",
    "document_status": "string",
    "doc_municipality": "string",
    "doc_type": "string",
    "doc_year": "Int64",
}
_PROVENANCE = {
    "page": "Int64",
    "bbox_x0": "float64",
    "bbox_top": "float64",
    "bbox_x1": "float64",
    "bbox_bottom": "float64",
    "line_first": "Int64",
    "line_last": "Int64",
}

SCHEMAS: dict[str, dict[str, str]] = {
    "outline": {**_DOC_COLUMNS, "heading_id": "string", "title": "string", "level": "Int64", "number": "string",
                "parent": "string", **_PROVENANCE},
    "goals": {**_DOC_COLUMNS, "goal_id": "string", "code": "string", "title": "string", "level": "string",
              "label": "string", "parent": "string", "description": "string", "fields": "string", "themes": "string", **_PROVENANCE},
    "indicators": {**_DOC_COLUMNS, "indicator_id": "string", "code": "string", "name": "string", "unit": "string",
                   "source": "string", "goal": "string", "direction": "string", "parent_indicator": "string",
                   "footnotes": "string", "table": "string", "fields": "string", "themes": "string",
                   "value_year": "Int64", "value_type": "string", "value": "float64", "comparator": "string",
                   "scope": "string", "raw": "string", **_PROVENANCE},
    "budget_lines": {**_DOC_COLUMNS, "programme": "string", "label": "string", "column": "string", "kind": "string",
                     "year": "Int64", "amount": "float64", "raw": "string", "table": "string", **_PROVENANCE},
    "partners": {**_DOC_COLUMNS, "name": "string", "canonical": "string", "kind": "string", "known": "boolean",
                 "mentions": "Int64", "pages": "string"},
}


@dataclass
class TablesResult:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def _joined(values: Iterable) -> Optional[str]:
    values = [str(v) for v in values]
    return ";".join(values) if values else None


def _provenance(item) -> dict:
    bbox = item.bbox or (None, None, None, None)
    lines = item.lines or (None, None)
    return {"page": item.page, "bbox_x0": bbox[0], "bbox_top": bbox[1], "bbox_x1": bbox[2], "bbox_bottom": bbox[3],
            "line_first": lines[0], "line_last": lines[1]}


def document_rows(document: Document, json_file: str) -> dict[str, list[dict]]:
    """The rows one document contributes to each table."""
    base = {
        "source_file": document.source.file, "json_file": json_file, "sha256": document.source.sha256,
        "extractor_version": document.extractor_version, "document_status": document.status,
        "doc_municipality": document.metadata.municipality, "doc_type": document.metadata.document_type,
        "doc_year": document.metadata.year,
    }
    outline = [{**base, "heading_id": h.id, "title": h.title, "level": h.level, "number": h.number, "parent": h.parent,
                **_provenance(h)} for h in document.outline]
    goals = [{**base, "goal_id": g.id, "code": g.code, "title": g.title, "level": g.level, "label": g.label, "parent": g.parent,
              "description": g.description, "fields": _joined(g.fields), "themes": _joined(g.themes), **_provenance(g)}
             for g in document.goals]
    indicators = []
    for ind in document.indicators:
        head = {**base, "indicator_id": ind.id, "code": ind.code, "name": ind.name, "unit": ind.unit, "source": ind.source,
                "goal": ind.goal, "direction": ind.direction, "parent_indicator": ind.parent_indicator,
                "footnotes": _joined(ind.footnotes), "table": ind.table, "fields": _joined(ind.fields),
                "themes": _joined(ind.themes), **_provenance(ind)}
        # An indicator without values keeps one row (value columns empty) so it is not lost.
        for value in ind.values or [None]:
            row = dict(head)
            if value is not None:
                row.update({"value_year": value.year, "value_type": value.type, "value": value.value,
                            "comparator": value.comparator, "scope": value.scope, "raw": value.raw})
            indicators.append(row)
    budget = [{**base, "programme": b.programme, "label": b.label, "column": b.column, "kind": b.kind, "year": b.year,
               "amount": b.amount, "raw": b.raw, "table": b.table, **_provenance(b)} for b in document.budget_lines]
    partners = [{**base, "name": p.name, "canonical": p.canonical, "kind": p.kind, "known": p.known,
                 "mentions": p.mentions, "pages": _joined(p.pages)} for p in document.partners]
    return {"outline": outline, "goals": goals, "indicators": indicators, "budget_lines": budget, "partners": partners}


def find_document_files(out_dir: str | os.PathLike) -> list[Path]:
    """Every document JSON below the output folder (temporary files excluded), in a stable order."""
    root = Path(out_dir)
    return sorted(p for p in root.rglob("*.json") if not p.name.startswith(".") and p.is_file())


def csv_bytes(frame, dialect: str = "standard") -> bytes:
    """One table as CSV in the chosen dialect (see CSV_DIALECTS)."""
    if dialect == "excel-nl":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    if dialect != "standard":
        raise ValueError(f"csv dialect must be one of {', '.join(CSV_DIALECTS)}, got {dialect!r}")
    return frame.to_csv(index=False).encode("utf-8")


def build_tables(out_dir: str | os.PathLike, json_files: Optional[Iterable[str | os.PathLike]] = None,
                 csv_dialect: str = "standard") -> TablesResult:
    """Read document JSON files (default: all under `out_dir`) and write `<out_dir>/_tables/*.{parquet,csv}`."""
    import pandas as pd

    root = Path(out_dir)
    files = sorted(Path(f) for f in json_files) if json_files is not None else find_document_files(root)
    result = TablesResult(folder=root / TABLES_DIR)
    collected: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    for path in files:
        try:
            rel = escape_name(path.relative_to(root).as_posix())
        except ValueError:
            rel = escape_name(str(path))
        try:
            document = Document.model_validate_json(path.read_bytes())
        except Exception as exc:  # a foreign or damaged JSON file is reported, not fatal
            result.unreadable.append((rel, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
            continue
        result.documents += 1
        for name, rows in document_rows(document, rel).items():
            collected[name].extend(rows)
    for name, schema in SCHEMAS.items():
        frame = pd.DataFrame(collected[name], columns=list(schema)).astype(schema)
        result.rows[name] = len(frame)
        csv = csv_bytes(frame, csv_dialect)
        write_atomic(result.folder / f"{name}.csv", csv)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False, engine="pyarrow")
        write_atomic(result.folder / f"{name}.parquet", buffer.getvalue())
    return result
