"""Write results so that a crash never leaves a half-written file behind.

Temporary files have short names (`.~<pid>-<random>.tmp`): a target name of up to 255 bytes
still fits the file system's limit, and the writer's process id lets a later batch remove only
leftovers of writers that are gone. Files are created with mode 0666 minus the umask, like any
file a user's tool writes (0644 under the usual umask 022).
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any, Optional

from extractor.model import Document

TEMP_PREFIX = ".~"
TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(r"^\.~(\d+)-[0-9a-f]{8}\.tmp$")


class OutputError(OSError):
    """An output cannot be written (permissions, read-only or full file system, a file in the way)."""


def temp_owner(name: str) -> Optional[int]:
    """The process id that wrote temporary file `name`, or None when the name is not one of ours."""
    match = TEMP_NAME.match(name)
    return int(match.group(1)) if match else None


def _create_temp(folder: Path) -> tuple[int, str]:
    for _ in range(100):
        name = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = _create_temp(target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def document_json(document: Document) -> bytes:
    return (document.model_dump_json(indent=2) + "\n").encode("utf-8")


def write_document(document: Document, path: str | os.PathLike) -> None:
    write_atomic(path, document_json(document))


def write_json(obj: Any, path: str | os.PathLike) -> None:
    write_atomic(path, (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def describe_os_error(exc: OSError, where: str | os.PathLike) -> str:
    """'OUT: no space left on device' style text for an environment problem (never a traceback)."""
    reasons = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded",
               errno.EROFS: "read-only file system", errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENOTDIR: "a file is in the way (not a folder)", errno.EEXIST: "a file is in the way",
               errno.ENAMETOOLONG: "file name too long"}
    reason = reasons.get(exc.errno or 0) or (exc.strerror or str(exc))
    return f"{os.fsdecode(where)}: {reason}"
