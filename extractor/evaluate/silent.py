"""How many figure grids a set of results left unread without a table note: the "silent" tables.

Reads only the documents' JSON (a batch output folder or `Document`s in memory), so the figure can be
computed for any run. Each grid is listed in `coverage.grids_unread` by the pipeline
(`extractor.parse.unread_grids`); this sums them per document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from extractor.model import Document


@dataclass(frozen=True)
class SilentGrid:
    file: str
    page: int
    bbox: tuple[float, float, float, float]
    reason: str


def silent_grids(documents: Iterable[Document]) -> list[SilentGrid]:
    """Every unread figure grid of `documents`, in document order."""
    out: list[SilentGrid] = []
    for doc in documents:
        for note in doc.coverage.grids_unread:
            if note.page is not None and note.bbox is not None:
                out.append(SilentGrid(doc.source.file, note.page, note.bbox, note.reason))
    return out


def load_documents(folder: Path) -> Iterable[Document]:
    """The extractor's document JSON files under `folder` (a batch output); other JSON files are skipped."""
    for path in sorted(folder.rglob("*.json")):
        try:
            yield Document.model_validate_json(path.read_bytes())
        except ValueError:
            continue  # combined tables, manifests and other files of a batch folder
