"""What kind of document this is, from the words that name document kinds and where they stand.

Words are matched whole (a compound may end in a term: "programmabegroting"), the longest term wins where
terms overlap, and each hit is weighted by its place: the title and the cover count most, a mention in the
running text of the first pages little and the rest of the document not at all — so a jaarplan that
mentions "het jaarverslag 2024" stays a jaarplan.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from extractor.parse.vocab import TypeTerm, type_terms

ZONE_WEIGHTS = {"title": 6.0, "cover": 4.0, "headers": 4.0, "tops": 2.0, "colofon": 2.0, "early": 1.0}
STRONG = 4.0  # one title, cover or running-header hit of a specific word decides
WEAK = 3.0  # without title or cover: several mentions of a specific word in the first pages
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_YEAR_LABEL = re.compile(r"\b(?:verslagjaar|boekjaar|begrotingsjaar|dienstjaar)\s+(19[89]\d|20\d\d)\b", re.I)


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    term: TypeTerm


@lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[re.Pattern[str], TypeTerm], ...]:
    compiled = []
    for term in type_terms():
        body = r"\s+".join(re.escape(part) for part in term.term.split())
        prefix = r"\w*" if term.compound else ""
        compiled.append((re.compile(rf"(?<![\w]){prefix}{body}(?![\w])", re.I), term))
    return tuple(compiled)


def term_hits(text: str) -> list[TermHit]:
    """Non-overlapping document-kind words in `text`, the longest span (then the longest term) first."""
    found = [TermHit(m.start(), m.end(), term) for pattern, term in _patterns() for m in pattern.finditer(text)]
    found.sort(key=lambda h: (-(h.end - h.start), -len(h.term.term), h.start))
    chosen: list[TermHit] = []
    for hit in found:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def type_scores(zones: dict[str, list[str]]) -> Counter[str]:
    """Weighted evidence per document type over the zones (title, cover, headers, colofon, early)."""
    scores: Counter[str] = Counter()
    for zone, lines in zones.items():
        weight = ZONE_WEIGHTS.get(zone, 0.0)
        if not weight:
            continue
        for line in lines:
            for hit in term_hits(line):
                if hit.term.type:
                    scores[hit.term.type] += weight * hit.term.weight
    return scores


def best_type(scores: Counter[str], minimum: float) -> Optional[str]:
    """The clear winner with at least `minimum` evidence; None on a tie or too little."""
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def year_with_type(lines: Iterable[str]) -> Optional[int]:
    """A year printed with the document's kind: "Begroting 2024", "Kadernota GGD Flevoland 2025", "Verslagjaar 2026"."""
    for line in lines:
        label = _YEAR_LABEL.search(line)
        if label:
            return int(label.group(1))
        for hit in term_hits(line):
            if not hit.term.type:
                continue
            after = _YEAR.search(line[hit.end:hit.end + 40])
            if after and not re.search(r"\d\s*[-–/]\s*$", line[hit.end:hit.end + after.start()]):
                return int(after.group(1))
            before = list(_YEAR.finditer(line[max(0, hit.start - 12):hit.start]))
            if before:
                return int(before[-1].group(1))
    return None


def filename_type(stem_text: str) -> Optional[str]:
    scores: Counter[str] = Counter()
    for hit in term_hits(stem_text):
        if hit.term.type:
            scores[hit.term.type] += hit.term.weight
    return best_type(scores, minimum=0.5)
