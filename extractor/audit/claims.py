"""Sentences in which a report claims to be on plan ("geen afwijkingen ten opzichte van de begroting").

Claims live in the running text, which the document JSON does not keep; they are found by
re-reading the source file through the read layer. The phrasings are data
(`models/data/audit_claims.csv`), so more can be added without code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from extractor.audit.documents import SourceLine
from extractor.enrich.data import DATA_DIR, read_csv

CLAIMS_FILE = "audit_claims.csv"


@dataclass(frozen=True)
class Claim:
    kind: str
    """budget, targets or planning."""
    text: str
    page: Optional[int]
    bbox: Optional[tuple[float, float, float, float]]
    line_no: Optional[int]


@lru_cache(maxsize=4)
def claim_patterns(data_dir: Path = DATA_DIR) -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = read_csv(data_dir / CLAIMS_FILE)
    return tuple((row["kind"], re.compile(row["pattern"], re.IGNORECASE)) for row in rows)


_EXPECTATION = re.compile(r"\b(verwacht\w*|zal|zullen|naar verwachting|indien|als\b.*\bdan)\b", re.IGNORECASE)
"""A sentence about what is expected or conditional ("er wordt geen overschrijding verwacht") claims no result."""


def find_claims(lines: list[SourceLine]) -> list[Claim]:
    """Claims whose match starts on a line (a sentence wrapped onto the next line still counts)."""
    claims: list[Claim] = []
    patterns = claim_patterns()
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        window = f"{line.text} {following}"
        for kind, pattern in patterns:
            match = pattern.search(window)
            if match is None or match.start() >= len(line.text):
                continue
            sentence = _sentence(window, match.start(), match.end())
            if _EXPECTATION.search(sentence):
                continue
            claims.append(Claim(kind, sentence, line.page, line.bbox, line.line_no))
            break
    return claims


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    right = text.find(".", end)
    sentence = text[left: right + 1 if right >= 0 else len(text)]
    return re.sub(r"\s+", " ", sentence).strip()
