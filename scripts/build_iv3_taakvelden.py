"""Rebuild models/data/iv3_taakvelden.csv from the Iv3 informatievoorschrift PDF with this project's own reader.

    PYTHONPATH=. python scripts/build_iv3_taakvelden.py ../shared/corpus/iv3/Iv3-informatievoorschrift-gemeenten-en-gr-en-2026-1-0.pdf

The PDF's chapter "Overzicht Iv3-taakvelden" lists every taakveld as one line "<code> <name>", under
hoofdtaakveld lines "<digit>. <name>". The list ends at the first page that has none. Codes from
before the 2026 refinement of the sociaal domein (6.2, 6.6, 6.71, ...) are still printed in older
begrotingen; they are appended from `LEGACY` (by hand, with the years they were valid) so older
documents link too.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from extractor.read.dispatch import read_document

HEADING = "Overzicht Iv3-taakvelden"
HOOFDTAAKVELD = re.compile(r"^(\d)\.\s+(\S.*)$")
TAAKVELD = re.compile(r"^(\d\.\d{1,3}[a-z]?)\s+(\S.*)$")
LEGACY = [  # code, name, valid until (begroting year), taken from the Iv3 2017-2025 taakvelden list
    ("6.2", "Wijkteams", 2025),
    ("6.6", "Maatwerkvoorzieningen (WMO)", 2025),
    ("6.71", "Maatwerkdienstverlening 18+", 2025),
    ("6.72", "Maatwerkdienstverlening 18-", 2025),
    ("6.81", "Geëscaleerde zorg 18+", 2025),
    ("6.82", "Geëscaleerde zorg 18-", 2025),
]
OUT = Path(__file__).resolve().parents[1] / "models" / "data" / "iv3_taakvelden.csv"


def read_taakvelden(pdf: Path) -> tuple[list[tuple[str, str, str, int]], str]:
    """(code, name, hoofdtaakveld name, page) for every listed taakveld, and the pages read."""
    document = read_document(pdf)
    rows: list[tuple[str, str, str, int]] = []
    hoofd = ""
    started, pages = False, []
    for page in document.pages:
        texts = [line.text.strip() for line in page.lines]
        if not started and not any(HEADING in text for text in texts):
            continue
        found, ordered = 0, True
        for text in texts:
            if match := HOOFDTAAKVELD.match(text):
                hoofd = match.group(2)
            elif (match := TAAKVELD.match(text)) and hoofd:
                if rows and _main(match.group(1)) < _main(rows[-1][0]):
                    ordered = False  # the list runs 0..8; a lower number starts the next list (categorieën)
                    break
                rows.append((match.group(1), match.group(2), hoofd, page.number))
                found += 1
        if (started and not found) or not ordered:
            if found:
                pages.append(page.number)
            break
        if found:  # the table of contents names the heading too, without codes
            started = True
            pages.append(page.number)
    return rows, f"{pages[0]}-{pages[-1]}" if pages else ""


def _main(code: str) -> int:
    return int(code.split(".")[0])


def main(pdf: str) -> None:
    rows, pages = read_taakvelden(Path(pdf))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Iv3 taakvelden, read from {Path(pdf).name} pages {pages} by scripts/build_iv3_taakvelden.py "
                     "(this project's PDF reader); legacy rows (valid_to set) added by hand from the Iv3 2017-2025 list.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "hoofdtaakveld", "hoofdtaakveld_name", "valid_to", "source_page"])
        for code, name, hoofd, page in rows:
            writer.writerow([code, name, code.split(".")[0], hoofd, "", page])
        for code, name, valid_to in LEGACY:
            hoofd = next((h for c, _, h, _ in rows if c.split(".")[0] == code.split(".")[0]), "")
            writer.writerow([code, name, code.split(".")[0], hoofd, valid_to, ""])
    print(f"wrote {len(rows)} + {len(LEGACY)} taakvelden to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/iv3/Iv3-informatievoorschrift-gemeenten-en-gr-en-2026-1-0.pdf")
