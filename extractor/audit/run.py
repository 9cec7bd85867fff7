"""Pair documents, run every registered rule, and write the findings.

Documents are paired by metadata (publisher, type, year): begroting Y with jaarstukken Y and
voortgangsrapportage Y, jaarstukken Y with later begrotingen (their rekening-Y column), begroting
Y with begroting Y+1, and every two documents of one publisher for indicator values.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterable, Optional

from extractor.audit import rules as _rules  # noqa: F401  (registers the rules)
from extractor.audit.documents import AuditDocument, load_document, unique_names
from extractor.audit.finding import SEVERITY_ORDER, Finding
from extractor.audit.matching import Links
from extractor.audit.registry import RULES, Pair
from extractor.export import write_atomic

LINKS_FILE = "links.jsonl"
FINDINGS_FILE = "findings.jsonl"
TABLES_DIR = "_tables"


@dataclass
class AuditResult:
    documents: list[AuditDocument]
    pairs: list[Pair]
    findings: list[Finding]
    unreadable: list[str] = field(default_factory=list)
    rule_errors: list[str] = field(default_factory=list)
    """Rules that crashed on a document (a bug, reported and skipped, never fatal)."""

    def counts(self) -> tuple[Counter, Counter]:
        return Counter(f.severity for f in self.findings), Counter(f.rule for f in self.findings)


def document_files(paths: Iterable[str | Path]) -> list[Path]:
    """The document JSON files named, or found (recursively) in the folders named."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if not _skipped(p, path))
        else:
            files.append(path)
    return files


def _skipped(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part.startswith((".", "_")) for part in parts) or path.name == "manifest.json"


def pair_documents(documents: list[AuditDocument], links: Optional[Links] = None) -> list[Pair]:
    """Every pair the rules know, by publisher, type and year (earlier document first)."""
    links = links or Links()
    pairs: list[Pair] = []
    dated = [d for d in documents if d.year is not None and d.publisher and d.kind]
    for a, b in combinations(sorted(dated, key=lambda d: (d.year, d.kind, d.name)), 2):
        if a.publisher != b.publisher:
            continue
        pairs.append(Pair("publisher", a, b, links))
        for kind, earlier, later in _typed_pairs(a, b):
            pairs.append(Pair(kind, earlier, later, links))
    return pairs


def _typed_pairs(a: AuditDocument, b: AuditDocument) -> list[tuple[str, AuditDocument, AuditDocument]]:
    found = []
    for x, y in ((a, b), (b, a)):
        if x.kind == "begroting" and y.kind == "jaarstukken" and x.year == y.year:
            found.append(("realisation", x, y))
        if x.kind == "begroting" and y.kind == "voortgangsrapportage" and x.year == y.year:
            found.append(("progress", x, y))
        if x.kind == "jaarstukken" and y.kind == "begroting" and x.year < y.year <= x.year + 3:
            found.append(("rekening", x, y))
        if x.kind == "begroting" and y.kind == "begroting" and y.year == x.year + 1:
            found.append(("next", x, y))
    return found


def explicit_pairs(documents: list[AuditDocument], burap: Optional[AuditDocument], links: Links) -> list[Pair]:
    """Pairs among documents named on the command line: by metadata, plus the burap with each begroting."""
    pairs = pair_documents(documents + ([burap] if burap else []), links)
    if burap is not None:
        known = {(p.kind, p.earlier.name, p.later.name) for p in pairs}
        for doc in documents:
            if doc.kind == "begroting" and ("progress", doc.name, burap.name) not in known:
                pairs.append(Pair("progress", doc, burap, links))
    return pairs


def run_rules(documents: list[AuditDocument], pairs: list[Pair], only: Optional[set[str]] = None) -> AuditResult:
    findings: list[Finding] = []
    errors: list[str] = []
    for rule in RULES.values():
        if only and rule.id not in only:
            continue
        targets = [p for p in pairs if p.kind in rule.pair_kinds] if rule.pair_kinds else documents
        for target in targets:
            try:
                findings.extend(rule.check(target))
            except Exception as exc:  # one rule's bug must not hide the other findings
                name = target.name if isinstance(target, AuditDocument) else "+".join(target.documents)
                errors.append(f"{rule.id} on {name}: {type(exc).__name__}: {exc}")
    findings = _deduplicate(findings)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.rule, f.documents, _first_page(f)))
    return AuditResult(documents, pairs, findings, rule_errors=errors)


def _first_page(finding: Finding) -> int:
    return next((item.page for item in finding.items if item.page), 0)


def _deduplicate(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    unique = []
    for finding in findings:
        key = finding.key() + finding.message
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def load_documents(files: list[Path]) -> tuple[list[AuditDocument], list[str]]:
    documents, unreadable = [], []
    for file in files:
        try:
            doc = load_document(file)
        except ValueError as exc:
            unreadable.append(str(exc))
            continue
        if doc.document.status != "failure":
            documents.append(doc)
    unique_names(documents)
    return documents, unreadable


def links_near(files: list[Path]) -> Links:
    """links.jsonl files in the folders of the documents (and their parents up to two levels)."""
    candidates = set()
    for file in files:
        folder = file if file.is_dir() else file.parent
        for parent in [folder, *list(folder.parents)[:2]]:
            candidates.add(parent / LINKS_FILE)
    return Links.read(sorted(candidates))


def audit_folder(folder: str | Path, only: Optional[set[str]] = None) -> AuditResult:
    files = document_files([folder])
    documents, unreadable = load_documents(files)
    result = run_rules(documents, pair_documents(documents, links_near([Path(folder)])), only)
    result.unreadable = unreadable
    return result


def audit_files(files: list[str | Path], burap: Optional[str | Path] = None,
                only: Optional[set[str]] = None) -> AuditResult:
    paths = [Path(f) for f in files]
    documents, unreadable = load_documents(paths)
    burap_doc = None
    if burap is not None:
        loaded, bad = load_documents([Path(burap)])
        unreadable += bad
        burap_doc = loaded[0] if loaded else None
    links = links_near(paths + ([Path(burap)] if burap else []))
    result = run_rules(documents + ([burap_doc] if burap_doc else []), explicit_pairs(documents, burap_doc, links), only)
    result.unreadable = unreadable
    return result


# ---------------------------------------------------------------- output

TABLE_COLUMNS = ["rule", "severity", "message", "documents", "expected", "actual", "difference", "tolerance",
                 "doc", "item_id", "page", "raw", "value", "items"]


def finding_rows(findings: list[Finding]) -> list[dict]:
    """One row per finding, its first item flattened, all items as JSON for the rest."""
    rows = []
    for finding in findings:
        first = finding.items[0] if finding.items else None
        rows.append({
            "rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "documents": ";".join(finding.documents),
            "expected": _as_number(finding.expected), "actual": _as_number(finding.actual),
            "difference": finding.difference, "tolerance": finding.tolerance,
            "doc": first.doc if first else None, "item_id": first.id if first else None,
            "page": first.page if first else None, "raw": first.raw if first else None,
            "value": _as_text(first.value) if first else None,
            "items": json.dumps([item.model_dump(mode="json") for item in finding.items], ensure_ascii=False),
        })
    return rows


def _as_number(value) -> Optional[float]:
    return float(value) if isinstance(value, (int, float)) else None


def _as_text(value) -> Optional[str]:
    return None if value is None else str(value)


def write_findings(result: AuditResult, out_dir: str | Path) -> list[Path]:
    import pandas as pd

    out = Path(out_dir)
    lines = "".join(f.model_dump_json() + "\n" for f in result.findings)
    write_atomic(out / FINDINGS_FILE, lines.encode("utf-8"))
    frame = pd.DataFrame(finding_rows(result.findings), columns=TABLE_COLUMNS)
    frame = frame.astype({"expected": "float64", "actual": "float64", "difference": "float64", "tolerance": "float64",
                          "page": "Int64"})
    csv_buffer = io.StringIO()
    frame.to_csv(csv_buffer, index=False)
    write_atomic(out / TABLES_DIR / "findings.csv", csv_buffer.getvalue().encode("utf-8"))
    parquet_buffer = io.BytesIO()
    frame.to_parquet(parquet_buffer, index=False)
    write_atomic(out / TABLES_DIR / "findings.parquet", parquet_buffer.getvalue())
    return [out / FINDINGS_FILE, out / TABLES_DIR / "findings.csv", out / TABLES_DIR / "findings.parquet"]


def summary_text(result: AuditResult, top: int = 10) -> str:
    by_severity, by_rule = result.counts()
    kinds = Counter(p.kind for p in result.pairs if p.kind != "publisher")
    pair_text = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "geen"
    lines = [f"{len(result.documents)} documenten, paren: {pair_text}",
             f"{len(result.findings)} bevindingen: " + ", ".join(f"{by_severity.get(s, 0)} {s}" for s in SEVERITY_ORDER)]
    for rule_id, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {count:4d}  {rule_id}")
    if result.findings:
        lines.append("Belangrijkste bevindingen:")
        for finding in result.findings[:top]:
            lines.append(f"  [{finding.severity}] {finding.message}")
    return "\n".join(lines)
