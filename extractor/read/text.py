"""Plain-text reading: encoding detection and one `Line` per line of the file.

Form feeds (as written by pdftotext) start a new page; without them the whole file is one
page whose number is unknown, so items from it carry line numbers, not page numbers.
"""

from __future__ import annotations

from extractor.errors import ExtractionError
from extractor.read.types import Line, Page


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ExtractionError("decode_error", f"{path}: has a UTF-16 mark but does not decode ({exc})") from exc
    sample = data[:65536]
    if b"\x00" in sample:
        raise ExtractionError("binary_text", f"{path}: contains NUL bytes; this is a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(10, len(text[:65536]) // 100):
        raise ExtractionError("binary_text", f"{path}: too many control characters for a text document")
    return text, "cp1252"


def read_text(data: bytes, path: str) -> tuple[list[Page], str]:
    text, encoding = decode_text(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    paged = len(chunks) > 1
    pages: list[Page] = []
    line_no = 0
    for index, chunk in enumerate(chunks, start=1):
        lines: list[Line] = []
        raw_lines = chunk.split("\n")
        for raw in raw_lines:
            line_no += 1
            lines.append(Line(text=raw.rstrip(), line_no=line_no, page=index if paged else 0))
        # A trailing newline yields an empty last element that is not a line of the file.
        if raw_lines and raw_lines[-1] == "" and lines:
            lines.pop()
            line_no -= 1
        pages.append(Page(number=index if paged else 0, lines=lines))
    return pages, encoding
