"""One pass of the policy pipeline over a document's content lines.

Lines are joined into chunks (so a name wrapped over two PDF lines is still found) and tokenised once;
every theme hit, gazetteer match and organisation candidate is mapped back to the line it starts on,
which gives pages for partners and the "text near a goal" that goal tagging falls back on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.attrs import IS_ALPHA
from spacy.util import filter_spans

from extractor.read.types import Line

RULERS = ["entity_ruler", "exact_ruler", "org_candidates"]  # not needed when only themes are wanted
CHUNK_LINES = 80
CHUNK_CHARS = 20_000
_LEADING_DETERMINERS = {"de", "het", "een", "dit", "deze", "die", "dat"}
_CONNECTORS = {"voor", "van", "de", "en", "het", "tegen"}


@dataclass
class OrgMention:
    """A gazetteer match (`partner_id` set) or an unknown organisation candidate (`partner_id` None)."""

    text: str
    line: int
    partner_id: Optional[str] = None


@dataclass
class Analysis:
    lines: list[Line]
    line_hits: list[list[tuple[str, float]]]
    theme_mentions: Counter = field(default_factory=Counter)
    theme_weight: Counter = field(default_factory=Counter)
    theme_first: dict[str, int] = field(default_factory=dict)
    words: int = 0
    orgs: list[OrgMention] = field(default_factory=list)
    candidates: list[OrgMention] = field(default_factory=list)


def chunk_lines(lines: list[Line]) -> list[tuple[str, list[int], int]]:
    """(text, start offset of each line in it, index of its first line) for groups of lines joined by spaces."""
    chunks: list[tuple[str, list[int], int]] = []
    parts: list[str] = []
    offsets: list[int] = []
    first = 0
    size = 0
    for index, line in enumerate(lines):
        if parts and (len(parts) >= CHUNK_LINES or size + len(line.text) > CHUNK_CHARS):
            chunks.append((" ".join(parts), offsets, first))
            parts, offsets, first, size = [], [], index, 0
        offsets.append(size)
        text = line.text[:CHUNK_CHARS]
        parts.append(text)
        size += len(text) + 1
    if parts:
        chunks.append((" ".join(parts), offsets, first))
    return chunks


def valid_entities(doc, catalogue: dict[str, Any]) -> tuple[list, list]:
    """(gazetteer matches, organisation candidates) of a doc after the rules below.

    A match is dropped after a `not_after` word ("wet Bibob"); a generic match ("woningcorporatie",
    "buurtwerk") is dropped when a name follows it directly or when it lies inside a named candidate
    ("Stichting Buurtwerk Oost")."""
    ents = [ent for ent in doc.ents if ent.ent_id_ in catalogue]
    candidates = org_candidates(doc, [e for e in ents if not catalogue[e.ent_id_].get("generic")])
    inside = {i for span in candidates for i in range(span.start, span.end)}
    starts = {ent.start for ent in ents} | {span.start for span in candidates}
    valid = []
    for ent in ents:
        info = catalogue[ent.ent_id_]
        if ent.start > 0 and doc[ent.start - 1].lower_ in info.get("not_after", ()):
            continue
        if info.get("generic") and (ent.end in starts or ent.start in inside):
            continue
        valid.append(ent)
    return valid, candidates


def org_candidates(doc, ents) -> list:
    """Organisation-looking spans (span ruler) that overlap none of `ents`, without leading articles."""
    spans = doc.spans.get("org_candidates") if doc.spans is not None else None
    if not spans:
        return []
    taken = set()
    for ent in ents:
        taken.update(range(ent.start, ent.end))
    result = []
    for span in filter_spans(list(spans)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        start, end = span.start, span.end
        while start < end and doc[start].lower_ in _LEADING_DETERMINERS:
            start += 1
        while end > start and doc[end - 1].lower_ in _CONNECTORS:
            end -= 1
        if end - start >= 2:
            result.append(doc[start:end])
    return result


def analyse(nlp, lines: list[Line], catalogue: dict[str, Any], ner=None) -> Analysis:
    line_hits: list[list[tuple[str, float]]] = [[] for _ in lines]
    analysis = Analysis(lines=lines, line_hits=line_hits)
    chunks = chunk_lines(lines)
    texts = [text for text, _, _ in chunks]
    for doc, (text, offsets, first) in zip(nlp.pipe(texts, batch_size=16), chunks):

        def line_of(char: int) -> int:
            return first + bisect_right(offsets, char) - 1

        counts = doc.count_by(IS_ALPHA)
        analysis.words += counts.get(1, 0)
        for start, _end, theme, weight in doc._.theme_hits or ():
            index = line_of(doc[start].idx)
            line_hits[index].append((theme, weight))
            analysis.theme_mentions[theme] += 1
            analysis.theme_weight[theme] += weight
            analysis.theme_first.setdefault(theme, index)
        ents, candidates = valid_entities(doc, catalogue)
        for ent in ents:
            analysis.orgs.append(OrgMention(ent.text, line_of(ent.start_char), ent.ent_id_))
        for span in candidates:
            analysis.candidates.append(OrgMention(span.text, line_of(span.start_char)))
    if ner is not None:
        _trained_candidates(ner, chunks, analysis)
    return analysis


def _trained_candidates(ner, chunks, analysis: Analysis) -> None:
    """ORG entities of a trained pipeline that overlap no gazetteer match become unknown candidates."""
    known_lines: dict[int, set[str]] = {}
    for mention in analysis.orgs:
        known_lines.setdefault(mention.line, set()).add(mention.text.lower())
    for doc, (_text, offsets, first) in zip(ner.pipe([c[0] for c in chunks], batch_size=16), chunks):
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "org"):
                continue
            index = first + bisect_right(offsets, ent.start_char) - 1
            lowered = ent.text.lower()
            if any(lowered in known or known in lowered for known in known_lines.get(index, ())):
                continue
            analysis.candidates.append(OrgMention(ent.text, index))
