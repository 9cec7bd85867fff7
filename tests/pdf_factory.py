"""Write small PDFs by hand for tests: valid text PDFs, blank (image-like) ones, encrypted ones.

Hand-written so tests need no PDF-writing dependency and every byte is known.
"""

from __future__ import annotations

from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


Placed = tuple[float, float, str]  # (x, distance from the top of the page, text)


def build_pdf(pages: list[list[str]], encrypt: bool = False, media_box: tuple[int, int] = (595, 842)) -> bytes:
    """A PDF with one page per list of lines (Helvetica 11pt); an empty list gives a page without text."""
    placed = [[(72.0, 72.0 + 16 * i, line) for i, line in enumerate(lines)] for lines in pages]
    return build_placed_pdf(placed, encrypt=encrypt, media_box=media_box)


def build_placed_pdf(pages: list[list[Placed]], encrypt: bool = False, media_box: tuple[int, int] = (595, 842)) -> bytes:
    """A PDF with text placed at given positions, e.g. to imitate the columns of a table."""
    objects: list[bytes] = []
    n_pages = len(pages)
    page_ids = [3 + 2 * i for i in range(n_pages)]
    font_id = 3 + 2 * n_pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    width, height = media_box
    for index, lines in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>".encode()
        )
        ops = ["BT", "/F1 11 Tf"]
        for x, from_top, line in lines:
            ops.append(f"1 0 0 1 {x} {height - from_top} Tm ({_escape(line)}) Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1") if lines else b""
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    encrypt_id = None
    if encrypt:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>")
        encrypt_id = len(objects)
    return serialise(objects, root=1, encrypt_id=encrypt_id)


def serialise(objects: list[bytes], root: int = 1, encrypt_id: int | None = None) -> bytes:
    """Objects (numbered from 1 in list order) to PDF bytes with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" % (
        len(objects) + 1, root)
    if encrypt_id is not None:
        trailer += b" /Encrypt %d 0 R" % encrypt_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_pdf(path: Path, pages: list[list[str]], **kwargs) -> Path:
    path.write_bytes(build_pdf(pages, **kwargs))
    return path
