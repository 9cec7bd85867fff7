"""Getting a prediction for each gold document: from a folder of JSON results, or by extracting."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from extractor.evaluate.gold import GoldDocument
from extractor.evaluate.score import DocumentResult, score_document
from extractor.model import Document


def resolve_source(gold: GoldDocument, gold_dir: Path, root: Optional[Path] = None) -> Optional[Path]:
    """The annotated file: relative to `root` (default: the working folder), else to an ancestor of the gold folder."""
    candidates = [(root or Path.cwd()) / gold.source.file]
    candidates += [parent / gold.source.file for parent in gold_dir.resolve().parents]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load_predictions(folder: Path) -> tuple[list[tuple[Path, Document]], list[str]]:
    """Every document JSON in `folder`; files that are not valid output JSON are reported, not fatal."""
    documents: list[tuple[Path, Document]] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            documents.append((path, Document.model_validate_json(path.read_bytes())))
        except (OSError, ValidationError, ValueError) as exc:
            problems.append(f"{path}: not a document JSON ({type(exc).__name__})")
    return documents, problems


def find_prediction(gold: GoldDocument, predictions: list[tuple[Path, Document]]) -> Optional[Document]:
    """Match by sha256 of the source; fall back to the source file name, then to the JSON file's stem."""
    for _, doc in predictions:
        if doc.source.sha256 and doc.source.sha256 == gold.source.sha256:
            return doc
    name = Path(gold.source.file).name
    for _, doc in predictions:
        if Path(doc.source.file).name == name:
            return doc
    stem = Path(gold.source.file).stem
    for path, doc in predictions:
        if path.stem == stem or path.stem.endswith("__" + stem):
            return doc
    return None


def _result(gold_path: Path, gold: GoldDocument, status: str, **extra) -> DocumentResult:
    return DocumentResult(name=gold_path.stem, source=gold.source.file, document_type=gold.metadata.document_type,
                          status=status, **extra)


def _with_document(result: DocumentResult, doc: Document) -> DocumentResult:
    result.pages = doc.source.pages
    result.errors = sum(1 for e in doc.errors if e.severity == "error")
    result.warnings = len(doc.errors) - result.errors
    result.grids_unread = len(doc.coverage.grids_unread)
    if doc.status == "failure":
        result.status = "failure"
        result.message = doc.errors[0].message if doc.errors else "extraction failed"
    return result


def evaluate_predictions(golds: list[tuple[Path, GoldDocument]], pred_dir: Path) -> tuple[list[DocumentResult], list[str]]:
    predictions, problems = load_predictions(pred_dir)
    results = []
    for gold_path, gold in golds:
        doc = find_prediction(gold, predictions)
        if doc is None:
            result = _result(gold_path, gold, "missing_prediction", message=f"no prediction in {pred_dir} for {gold.source.file}")
        else:
            result = _with_document(_result(gold_path, gold, "scored"), doc)
        result.fields = score_document(gold, doc)
        results.append(result)
    return results, problems


def evaluate_run(golds: list[tuple[Path, GoldDocument]], gold_dir: Path, root: Optional[Path] = None,
                 out_dir: Optional[Path] = None) -> list[DocumentResult]:
    """Extract every gold document (timed), then score it; absent sources are reported as skipped."""
    from extractor.export import write_document
    from extractor.pipeline import extract_document

    results = []
    extracted: dict[Path, tuple[Document, float]] = {}  # several gold files may annotate one document
    for gold_path, gold in golds:
        source = resolve_source(gold, gold_dir, root)
        if source is None:
            results.append(_result(gold_path, gold, "missing_source", message=f"{gold.source.file} not found; skipped"))
            continue
        if source not in extracted:
            started = time.perf_counter()
            extracted[source] = (extract_document(source), time.perf_counter() - started)
        doc, seconds = extracted[source]
        result = _with_document(_result(gold_path, gold, "scored", seconds=round(seconds, 3)), doc)
        if doc.source.sha256 and doc.source.sha256 != gold.source.sha256:
            result.message = "source sha256 differs from the gold file's: the document changed since it was annotated"
        result.fields = score_document(gold, doc)
        if out_dir is not None:
            write_document(doc, out_dir / f"{gold_path.stem}.json")
        results.append(result)
    return results
