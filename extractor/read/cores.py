"""CPU cores shared by the processes of one batch, so OCR can use the cores idle workers leave.

A batch with N workers owns N cores. Each worker holds its own core (`slot-<i>`, an exclusively
`flock`ed file in a folder the batch creates) while it extracts a document. A worker OCR'ing a
long document may borrow the core of a worker that holds none (it finished its documents, or is
between two) and OCR one more page at a time on it; the core goes back when that page is done.
A worker that wants its core back announces it (`want-<i>`) before waiting, so a borrower does
not take it again after its page: the wait is at most one page. Locks held by a process vanish
with it, so a worker killed at its time limit frees its core and everything it borrowed.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Callable, Optional

Release = Callable[[], None]


def create_slots(folder: str | os.PathLike, count: int) -> None:
    """The lock files of `count` cores (one per worker)."""
    for index in range(count):
        for prefix in ("slot", "want"):
            (Path(folder) / f"{prefix}-{index}").touch()


def slot_count(folder: str | os.PathLike) -> int:
    return len(list(Path(folder).glob("slot-*")))


def _lock(path: Path, blocking: bool) -> Optional[int]:
    """An open descriptor holding an exclusive lock on `path`, or None when it is taken."""
    fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _unlock(fd: int) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def hold_own(folder: str | os.PathLike, index: int) -> Release:
    """Take worker `index`'s own core, waiting for a borrower's page to finish; returns the release."""
    folder = Path(folder)
    want = _lock(folder / f"want-{index}", blocking=True)
    try:
        own = _lock(folder / f"slot-{index}", blocking=True)
    finally:
        if want is not None:
            _unlock(want)
    assert own is not None
    return lambda: _unlock(own)


def borrow(folder: str | os.PathLike) -> Optional[Release]:
    """A core no worker is using (or wants back), or None; call the returned function to give it back."""
    folder = Path(folder)
    for index in range(slot_count(folder)):
        want = _lock(folder / f"want-{index}", blocking=False)
        if want is None:
            continue  # its worker is waiting to take it back
        try:
            core = _lock(folder / f"slot-{index}", blocking=False)
        finally:
            _unlock(want)
        if core is not None:
            return lambda core=core: _unlock(core)
    return None
