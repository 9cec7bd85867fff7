"""Gather what a report shows: document JSON files, and links and audit findings when present.

The report reads only the outputs of other commands (document JSON, `links.jsonl`,
`findings.jsonl`), so it works on any batch folder, wherever and however it was produced.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from pydantic import ValidationError

from extractor.checksums import has_sha256
from extractor.model import Document

SKIP_DIRS = {"_tables", "report", "_report"}


class ReportInputError(Exception):
    """The report cannot be built from what was given (no documents, unreadable folder)."""


@dataclass
class LoadedDocument:
    """One document JSON with where it lives and a short, stable name for its report page."""

    document: Document
    json_path: Path
    slug: str
    source_path: Optional[Path] = None
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.document.source.file).name


@dataclass
class ReportInput:
    documents: list[LoadedDocument]
    links: list[dict[str, Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def collect(paths: Iterable[str | os.PathLike]) -> ReportInput:
    """Load every document JSON under the given folders or files, plus links and findings beside them."""
    report = ReportInput(documents=[])
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            roots.append(path)
            for json_path in _document_files(path):
                _load_into(report, json_path, path)
        elif path.is_file():
            roots.append(path.parent)
            _load_into(report, path, path.parent)
        else:
            raise ReportInputError(f"{path}: no such file or folder")
    if not report.documents:
        raise ReportInputError("no document JSON files found in " + ", ".join(str(p) for p in paths))
    _assign_slugs(report.documents)
    for root in dict.fromkeys(roots):
        report.links += _read_jsonl_anywhere(root, "links.jsonl")
        report.series += _read_jsonl_anywhere(root, "series.jsonl")
        report.findings += _read_jsonl_anywhere(root, "findings.jsonl")
    _attach_findings(report)
    return report


def _document_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if f.endswith(".json") and not f.startswith(".")]
    return found


def _load_into(report: ReportInput, json_path: Path, root: Path) -> None:
    try:
        document = Document.model_validate_json(json_path.read_bytes())
    except (OSError, ValidationError, ValueError) as exc:
        if _looks_like_document(json_path):
            report.problems.append(f"{json_path}: not a readable document JSON ({type(exc).__name__})")
        return
    loaded = LoadedDocument(document=document, json_path=json_path, slug="")
    loaded.source_path = locate_source(document, json_path, root)
    report.documents.append(loaded)


def _looks_like_document(path: Path) -> bool:
    try:
        head = path.open("rb").read(200)
    except OSError:
        return True
    return b'"schema_version"' in head


def locate_source(document: Document, json_path: Path, root: Path) -> Optional[Path]:
    """The original file, found as given, beside the batch's input root, or next to the JSON.

    A candidate is used only when its sha256 equals the one recorded at extraction, so a page
    image never shows a different file than the numbers came from.
    """
    given = Path(document.source.file)
    candidates = [given, json_path.parent / given.name, json_path.with_suffix("")]
    input_root = _manifest_input_root(root)
    if input_root is not None:
        relative = json_path.relative_to(root).with_suffix("") if json_path.is_relative_to(root) else None
        if relative is not None:
            candidates.insert(0, input_root / relative)
    for candidate in candidates:
        if candidate.is_file() and has_sha256(candidate, document.source.sha256):
            return candidate
    return None


def _manifest_input_root(root: Path) -> Optional[Path]:
    manifest = root / "manifest.sqlite"
    if not manifest.is_file():
        return None
    try:
        with sqlite3.connect(f"file:{manifest}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT input_root FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    if not row or not row[0]:
        return None
    input_root = Path(row[0])
    return input_root if input_root.is_dir() else input_root.parent


def _assign_slugs(documents: list[LoadedDocument]) -> None:
    """File-system-safe page names, unique even for same-named files in different folders."""
    used: set[str] = set()
    for loaded in sorted(documents, key=lambda d: str(d.json_path)):
        base = re.sub(r"[^A-Za-z0-9_.-]+", "_", loaded.name).strip("._")[:80] or "document"
        slug = base
        if slug in used:
            slug = f"{base}-{(loaded.document.source.sha256 or str(loaded.json_path))[:8]}"
        counter = 2
        while slug in used:
            slug, counter = f"{base}-{counter}", counter + 1
        used.add(slug)
        loaded.slug = slug


def _read_jsonl_anywhere(root: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted({*root.glob(name), *root.glob(f"*/{name}")}):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line:
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError:
                        continue
    return rows


def _attach_findings(report: ReportInput) -> None:
    """Give each document the findings that name it (by JSON path, source file or sha256)."""
    keys: dict[str, LoadedDocument] = {}
    for loaded in report.documents:
        for key in (str(loaded.json_path), loaded.json_path.name, loaded.document.source.file,
                    loaded.name, loaded.document.source.sha256 or ""):
            if key:
                keys.setdefault(key, loaded)
    for finding in report.findings:
        names = list(finding.get("documents") or []) + [i.get("doc") for i in finding.get("items") or []]
        seen: set[int] = set()
        for name in names:
            loaded = _match_document(keys, name)
            if loaded is not None and id(loaded) not in seen:
                seen.add(id(loaded))
                loaded.findings.append(finding)


def _match_document(keys: dict[str, LoadedDocument], name: Any) -> Optional[LoadedDocument]:
    if not isinstance(name, str) or not name:
        return None
    return keys.get(name) or keys.get(Path(name).name) or keys.get(Path(name).name.removesuffix(".json"))
