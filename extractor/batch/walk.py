"""Find the documents of a batch: a recursive walk that reports, never hangs and never silently drops.

Every path met below the input root becomes an `InputItem`: a document to process, or an
entry that is skipped with a reason (other file types, special files, symbolic-link loops,
folders that cannot be listed). Symbolic links to folders are followed once; a link that
points back to a folder already on the walk is reported as a loop instead of being entered.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from extractor.read.dispatch import SUPPORTED_SUFFIXES

OUTPUT_SUFFIX = ".json"


@dataclass(frozen=True)
class InputItem:
    """One entry of the input tree; `rel_path` uses "/" and is the key of the manifest."""

    rel_path: str
    path: str
    action: str  # "process" | "skip" | "error"
    code: Optional[str] = None
    message: Optional[str] = None

    @property
    def output_rel(self) -> Optional[str]:
        """`wassenaar/begroting_2024.pdf` -> `wassenaar/begroting_2024.pdf.json` (keeps the suffix: no x.pdf/x.txt clash)."""
        return self.rel_path + OUTPUT_SUFFIX if self.action == "process" else None


def output_path_for(rel_path: str) -> str:
    return rel_path + OUTPUT_SUFFIX


def walk_inputs(root: str | os.PathLike, exclude: Optional[str | os.PathLike] = None) -> list[InputItem]:
    """All entries below `root` (or `root` itself when it is a file), sorted by relative path.

    `exclude` is a folder to leave out (the output folder, when it lies inside the input).
    """
    root_path = Path(root)
    excluded = _identity(Path(exclude)) if exclude is not None and Path(exclude).is_dir() else None
    if not root_path.is_dir():
        return [_classify_file(root_path, root_path.name)]
    items = list(_walk(root_path, "", [], set(), excluded))
    items.sort(key=lambda item: item.rel_path)
    return items


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino)


def _walk(folder: Path, prefix: str, ancestors: list[tuple[int, int]], seen: set[tuple[int, int]],
          excluded: Optional[tuple[int, int]]) -> Iterator[InputItem]:
    try:
        ident = _identity(folder)
    except OSError as exc:
        yield InputItem(prefix.rstrip("/") or ".", str(folder), "error", "unreadable_file",
                        f"{folder}: folder cannot be read ({exc.strerror or exc})")
        return
    if ident in ancestors:
        yield InputItem(prefix.rstrip("/"), str(folder), "skip", "not_a_file",
                        f"{folder}: symbolic link loop (points back to a folder that contains it); not followed")
        return
    if ident in seen:
        yield InputItem(prefix.rstrip("/"), str(folder), "skip", "not_a_file",
                        f"{folder}: folder already walked through another symbolic link; not walked twice")
        return
    if excluded is not None and ident == excluded:
        return
    seen.add(ident)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputItem(prefix.rstrip("/") or ".", str(folder), "error", "unreadable_file",
                        f"{folder}: folder cannot be listed ({exc.strerror or exc}); its documents are not processed")
        return
    chain = ancestors + [ident]
    for entry in entries:
        rel = prefix + entry.name
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, rel + "/", chain, seen, excluded)
        else:
            yield _classify_file(path, rel)


def _classify_file(path: Path, rel: str) -> InputItem:
    suffix = path.suffix.lower()
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            # A broken link with a document suffix is still an input; the extractor reports it.
            if suffix in SUPPORTED_SUFFIXES:
                return InputItem(rel, str(path), "process")
            return InputItem(rel, str(path), "skip", "file_not_found", f"{path}: broken symbolic link")
        return InputItem(rel, str(path), "error", "file_not_found", f"{path}: vanished during the walk")
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link to itself or a cycle of file links
            return InputItem(rel, str(path), "skip", "not_a_file", f"{path}: symbolic link loop; not followed")
        return InputItem(rel, str(path), "error", "unreadable_file", f"{path}: cannot be inspected ({exc.strerror or exc})")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device or special file"
        # Special files with a document name are reported as failed inputs; others are just skipped.
        action = "error" if suffix in SUPPORTED_SUFFIXES else "skip"
        return InputItem(rel, str(path), action, "not_a_file", f"{path}: is a {kind}, not a regular file; not read")
    if suffix not in SUPPORTED_SUFFIXES:
        return InputItem(rel, str(path), "skip", "unsupported_format",
                         f"{path}: file type {suffix or '(none)'!r} is not processed (expected {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    return InputItem(rel, str(path), "process")
