"""The documents an audit reads: the model's JSON, a short name, and (when present) the source text."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from extractor.audit.tables import BudgetTable, budget_tables
from extractor.checksums import has_sha256
from extractor.model import Document

TYPE_NAMES = {
    "begroting": "begroting",
    "jaarstukken": "jaarstukken",
    "jaarrekening": "jaarstukken",
    "jaarverslag": "jaarstukken",
    "voortgangsrapportage": "voortgangsrapportage",
    "bestuursrapportage": "voortgangsrapportage",
    "kadernota": "kadernota",
}


@dataclass
class SourceLine:
    text: str
    page: Optional[int]
    bbox: Optional[tuple[float, float, float, float]]
    line_no: Optional[int]


@dataclass(eq=False)
class AuditDocument:
    name: str
    """The JSON file name without `.json`: how findings and links name the document."""
    document: Document
    json_path: Optional[Path] = None
    aliases: set[str] = field(default_factory=set)

    @property
    def kind(self) -> Optional[str]:
        return TYPE_NAMES.get((self.document.metadata.document_type or "").lower())

    @property
    def year(self) -> Optional[int]:
        return self.document.metadata.year

    @property
    def publisher(self) -> Optional[str]:
        name = self.document.metadata.municipality
        return name.strip().lower() if name else None

    @property
    def label(self) -> str:
        """How a message names the document: "begroting 2025", else the file name."""
        if self.kind and self.year:
            return f"{self.kind} {self.year}"
        return self.name

    @cached_property
    def tables(self) -> list[BudgetTable]:
        return budget_tables(self.document)

    @cached_property
    def source_lines(self) -> Optional[list[SourceLine]]:
        """The source re-read through the read layer, or None when the file is not at hand."""
        path = self._source_path()
        if path is None:
            return None
        from extractor.errors import ExtractionError
        from extractor.read import read_document

        try:
            raw = read_document(path)
        except (ExtractionError, OSError):
            return None
        lines = []
        for page in raw.pages:
            for line in page.lines:
                lines.append(SourceLine(line.text, line.page_number, line.bbox, line.line_no))
        return lines

    def _source_path(self) -> Optional[Path]:
        source = self.document.source
        candidates = [Path(source.file)]
        if self.json_path is not None and not Path(source.file).is_absolute():
            candidates.append(self.json_path.parent / source.file)
        for candidate in candidates:
            if candidate.is_file() and _same_file(candidate, source.size, source.sha256):
                return candidate
        return None


def _same_file(path: Path, size: Optional[int], sha256: Optional[str]) -> bool:
    """The file the JSON was extracted from, not another version under the same name."""
    if size is not None and path.stat().st_size != size:
        return False
    return sha256 is None or has_sha256(path, sha256)


def load_document(path: str | os.PathLike) -> AuditDocument:
    """Read one document JSON (raises ValueError with the reason when it is not one)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        document = Document.model_validate(data)
    except (OSError, json.JSONDecodeError, ValueError) as exc:
        raise ValueError(f"{file}: not a document JSON ({str(exc).splitlines()[0]})") from exc
    name = file.name[:-5] if file.name.endswith(".json") else file.stem
    source = document.source.file
    # links.jsonl names a document by its source's last two path parts ("wassenaar/begroting_2025.pdf")
    aliases = {name, file.name, str(file), source, os.path.basename(source), Path(source).stem,
               "/".join(Path(source).parts[-2:])}
    return AuditDocument(name=name, document=document, json_path=file, aliases=aliases)


def unique_names(documents: list[AuditDocument]) -> None:
    """Give documents that share a file name a folder prefix, so every finding names one document."""
    seen: dict[str, int] = {}
    for doc in documents:
        seen[doc.name] = seen.get(doc.name, 0) + 1
    for doc in documents:
        if seen[doc.name] > 1 and doc.json_path is not None:
            doc.name = f"{doc.json_path.parent.name}/{doc.name}"
            doc.aliases.add(doc.name)
