"""Helpers for the batch, robustness and fuzz tests (no tests here).

- `make_pdf`: writes small PDFs by hand (objects + xref), so tests can build pathological
  files (thousands of pages, huge pages, encryption) without any PDF-writing dependency.
- `fault_task`: a per-document function the guarded worker can run instead of the real one,
  misbehaving on purpose according to the file name (sleep, eat memory, die, raise).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Optional, Sequence

from tests.pdf_factory import serialise

HERE = Path(__file__).resolve().parent


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: Sequence[str]) -> bytes:
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def make_pdf(pages: Sequence[Sequence[str]], media_box: tuple[float, float] = (595, 842),
             page_boxes: Optional[Sequence[Optional[tuple[float, float]]]] = None,
             shared_content: bool = False, encrypt: bool = False) -> bytes:
    """A valid PDF with one Helvetica text page per entry of `pages` (each a list of lines).

    `shared_content` makes every page use the first page's content stream (tiny files with
    thousands of pages). `encrypt` adds a standard-security /Encrypt dictionary whose user
    password is not empty, so the file cannot be opened without a password.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    shared: Optional[int] = None
    for index, lines in enumerate(pages):
        if shared_content and shared is not None:
            content = shared
        else:
            data = _content(lines)
            content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
            shared = content
        box = (page_boxes[index] if page_boxes and page_boxes[index] else None) or media_box
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (pages_obj, box[0], box[1], content, font)
        ))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    encrypt_obj = None
    if encrypt:
        encrypt_obj = add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"4F" * 32 + b"> /U <" + b"A5" * 32 + b"> >>"
        )
    return serialise(objects, root=catalog, encrypt_id=encrypt_obj)


TEXT_PAGE = [
    "Programmabegroting 2024 gemeente Voorbeeld",
    "Programma 1 Veiligheid",
    "Wat willen we bereiken?",
    "Doelstelling 1: minder woninginbraken in de gemeente.",
    "Wat gaan we daarvoor doen?",
    "We zetten in op preventie en voorlichting aan inwoners.",
]


def fault_task(path: str, options: dict) -> dict:
    """Misbehave according to the file name; otherwise do the real work."""
    from extractor.batch.worker import process_task

    name = os.path.basename(path)
    if name.startswith("sleep"):
        time.sleep(3600)
    if name.startswith("hog"):
        hoard = []
        while True:  # grow steadily, like a runaway parser, until stopped
            hoard.append(bytearray(20 * 1024 * 1024))
            time.sleep(0.02)
    if name.startswith("bigalloc"):
        bytearray(64 * 1024 ** 3)  # far above the worker's address-space limit: MemoryError at once
    if name.startswith("exit"):
        os._exit(17)
    if name.startswith("sigkill"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("raise"):
        raise RuntimeError("boom from the per-document function")
    return process_task(path, options)
