"""Output names for a batch that can never collide with each other or with the batch's own files.

`IN/a/b.pdf` becomes `OUT/a/b.pdf.json`, except when that path cannot be used: a name longer
than the file system allows, a path inside the manifest or the combined tables, or a file whose
output would sit where another input needs an output folder (`d/a.txt` next to a folder
`d/a.txt.json/`). Those documents get `OUT/_renamed/<hash>-<name>.json` instead, and the
manifest's `output_path` says where each JSON is.
"""

from __future__ import annotations

import hashlib
import os
from typing import Iterable

from extractor.batch.manifest import MANIFEST_NAME
from extractor.batch.tables import TABLES_DIR
from extractor.fsnames import escape_name

OUTPUT_SUFFIX = ".json"
RENAMED_DIR = "_renamed"
LOCK_NAME = MANIFEST_NAME + ".lock"
MAX_NAME_BYTES = 255  # NAME_MAX of ext4, xfs, btrfs, tmpfs and most others
# Top-level names the batch writes itself (the manifest's WAL files included).
RESERVED_TOP = {MANIFEST_NAME, MANIFEST_NAME + "-wal", MANIFEST_NAME + "-shm", MANIFEST_NAME + "-journal",
                LOCK_NAME, TABLES_DIR, RENAMED_DIR}


def natural_output(rel_path: str) -> str:
    return rel_path + OUTPUT_SUFFIX


def renamed_output(rel_path: str) -> str:
    """A short, unique, valid-UTF-8 name for an input whose natural output path cannot be used."""
    digest = hashlib.sha256(os.fsencode(rel_path)).hexdigest()[:16]
    base = escape_name(rel_path.rstrip("/").rsplit("/", 1)[-1]).encode("utf-8")[:80].decode("utf-8", "ignore")
    return f"{RENAMED_DIR}/{digest}-{base}{OUTPUT_SUFFIX}"


def _usable(output: str) -> bool:
    parts = output.split("/")
    if parts[0] in RESERVED_TOP or parts[0] in (".", ".."):
        return False
    return all(0 < len(os.fsencode(part)) <= MAX_NAME_BYTES and part not in (".", "..") for part in parts)


def plan_outputs(rel_paths: Iterable[str]) -> dict[str, str]:
    """Output path (relative to OUT) of every input; distinct for distinct inputs."""
    rel_paths = list(rel_paths)
    natural = {rel: natural_output(rel) for rel in rel_paths}
    folders_needed = {output.rsplit("/", 1)[0] for output in natural.values() if "/" in output}
    prefixes = set()
    for folder in folders_needed:
        parts = folder.split("/")
        prefixes.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    plan: dict[str, str] = {}
    for rel, output in natural.items():
        usable = rel not in (".", "") and _usable(output) and output not in prefixes
        plan[rel] = output if usable else renamed_output(rel)
    return plan
