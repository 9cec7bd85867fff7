"""File checksums shared by every layer: the reader records a source's sha256, and the evaluation,
audit, report and batch layers look for the same file again by that sha256.

Kept at the bottom of the package (it imports nothing from it) so that each layer can use it.
"""

from __future__ import annotations

import hashlib
import os
from typing import Optional

_BLOCK = 1 << 20


def file_sha256(path: str | os.PathLike) -> str:
    """Hex sha256 of a file's bytes, read in blocks so a large PDF is never held in memory at once."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def has_sha256(path: str | os.PathLike, sha256: Optional[str]) -> bool:
    """Whether the file's content is the one recorded as `sha256` (False when none was recorded)."""
    return bool(sha256) and file_sha256(path) == sha256
