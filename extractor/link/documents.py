"""Load document JSON files and decide which pairs of documents to link.

A document's publisher (`auto`, the default) is `metadata.municipality` when the file name confirms it
("leiden_jaarstukken_2017.txt" read as Leiden), else its input folder (a batch output mirrors the input
tree, often one folder per issuer); `folder` and `metadata` force one of the two. Pairs: documents of one publisher whose years are at most
`max_year_gap` apart (consecutive editions, a begroting and the jaarstukken of that or the previous
year, a plan and its monitor). A pair is *consecutive* when both belong to one family (file name without
digits, e.g. "begroting_") and no edition of that family lies between them; only consecutive pairs
get `new`/`dropped` rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, Optional

from extractor.model import Document

PublisherFrom = Literal["auto", "folder", "metadata"]
_DIGITS = re.compile(r"[\d_\-\s]+")


@dataclass
class LoadedDocument:
    key: str
    """Stable name of the document in link rows: the last two parts of its source path."""
    document: Document
    publisher: str
    year: Optional[int]
    family: str


def document_key(source_file: str) -> str:
    parts = Path(source_file).parts
    return "/".join(parts[-2:])


def load_document(path: Path, publisher_from: PublisherFrom = "auto") -> LoadedDocument:
    document = Document.model_validate(json.loads(path.read_text(encoding="utf-8")))
    source = document.source.file or path.name
    name = Path(source).name
    meta = document.metadata
    named = bool(meta.municipality) and _squash(meta.municipality) in _squash(name)
    if meta.municipality and (publisher_from == "metadata" or (publisher_from == "auto" and named)):
        publisher = meta.municipality
    else:
        publisher = Path(source).parent.name or path.parent.name
    year = meta.year if meta.year else _year_from_name(name)
    family = _DIGITS.sub("_", Path(name).stem.lower()).strip("_")
    return LoadedDocument(document_key(source), document, publisher, year, family)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _year_from_name(name: str) -> Optional[int]:
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", name)]
    return years[0] if years else None


def find_document_files(inputs: Iterable[Path]) -> list[Path]:
    """Document JSON files among the inputs (folders are walked; tables and link outputs are skipped)."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(p for p in sorted(item.rglob("*.json")) if not any(part.startswith("_") for part in p.relative_to(item).parts))
        elif item.suffix == ".json":
            found.append(item)
    return found


def ordered(docs: list[LoadedDocument]) -> list[LoadedDocument]:
    """By year, then begroting before jaarstukken before anything else of that year, then key."""
    def rank(doc: LoadedDocument) -> tuple:
        kind = (doc.document.metadata.document_type or doc.family)
        order = 0 if "jaarstuk" in kind or "jaarrekening" in kind else 1
        return (doc.year or 0, order, doc.key)
    return sorted(docs, key=rank)


def document_pairs(docs: list[LoadedDocument], max_year_gap: int = 2) -> list[tuple[LoadedDocument, LoadedDocument, bool]]:
    """(earlier, later, consecutive) for every pair of one publisher within `max_year_gap` years."""
    by_publisher: dict[str, list[LoadedDocument]] = {}
    for doc in docs:
        by_publisher.setdefault(doc.publisher, []).append(doc)
    pairs = []
    for group in by_publisher.values():
        group = ordered(group)
        for i, earlier in enumerate(group):
            for later in group[i + 1:]:
                if earlier.year and later.year and later.year - earlier.year > max_year_gap:
                    continue
                pairs.append((earlier, later, _consecutive(group, earlier, later)))
    return pairs


def _consecutive(group: list[LoadedDocument], earlier: LoadedDocument, later: LoadedDocument) -> bool:
    if earlier.family != later.family or earlier.year == later.year:
        return False
    between = [d for d in group if d.family == earlier.family and d.year and earlier.year and later.year
               and earlier.year < d.year < later.year]
    return not between
