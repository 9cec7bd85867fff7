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

from extractor.enrich.reading import soft_line_starts
from extractor.read.types import Line

RULERS = ["entity_ruler", "exact_ruler", "org_candidates", "partner_candidates"]  # not needed when only themes are wanted
CHUNK_LINES = 80
CHUNK_CHARS = 20_000
_LEADING_DETERMINERS = {
    "de", "het", "een", "dit", "deze", "die", "dat", "in", "op", "bij", "met", "voor", "van", "naar", "uit", "aan", "door",
    "en", "of", "ook", "binnen", "buiten", "via", "vanuit", "namens", "tussen", "onder", "over", "tijdens", "zoals", "samen",
}
_CONNECTORS = {"voor", "van", "de", "en", "het", "tegen"}
_SENTENCE_MARKS = {".", "!", "?", ":", ";", "•", "-", "–", "—", "*", "·", "▪", "●", "◦", "►", "o"}
_NAME_CONNECTORS = {"aan", "den", "de", "der", "van", "op", "in", "a/d", "voor", "het"}  # not "en": "Rijnland en Dunea" are two
_ENUMERATION_AND = {"en", "&"}
_SENTENCE_ENDS = {".", "!", "?"}


@dataclass
class OrgMention:
    """A gazetteer match (`partner_id` set) or an unknown organisation candidate (`partner_id` None).

    `named`: written as a name (an acronym, capitals inside it, or a capital that does not just start a
    sentence or line). `place`: for a singular generic word next to a known place ("Leiderdorpse
    ondernemersvereniging"), that place; `text` is then the whole printed phrase and `base` the generic word.
    """

    text: str
    line: int
    partner_id: Optional[str] = None
    named: bool = True
    place: Optional[str] = None
    base: str = ""
    cued: bool = False  # in a sentence with a partner cue ("in samenwerking met netbeheerders")


@dataclass
class NameMention:
    """A candidate of the partner_candidates component (kind acronym, head, cue, plural or municipality)."""

    kind: str
    name: str
    line: int
    org_kind: str = "overig"
    alias: str = ""
    role: str = ""
    cued: bool = False


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
    gemeenten: list[OrgMention] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    acronyms: dict[str, list[int]] = field(default_factory=dict)
    """Lines of every acronym-like token, so an acronym defined anywhere counts all its mentions."""


def chunk_lines(lines: list[Line]) -> list[tuple[str, list[int], int]]:
    """(text, start offset of each line in it, index of its first line) for groups of lines joined by spaces."""
    chunks: list[tuple[str, list[int], int]] = []
    parts: list[str] = []
    offsets: list[int] = []
    first = 0
    size = 0
    for index, line in enumerate(lines):
        full = len(parts) >= CHUNK_LINES and (parts[-1].rstrip().endswith((".", ":", ";", "!", "?")) or len(parts) >= CHUNK_LINES + 20)
        if parts and (full or size + len(line.text) > CHUNK_CHARS):  # cut after a sentence: no name is split
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
        if _after_any(doc, ent.start, info.get("not_after", ())):
            continue
        if info.get("generic") and (ent.end in starts or ent.start in inside):
            continue
        valid.append(ent)
    return valid, candidates


def _after_any(doc, start: int, phrases) -> bool:
    """Whether the tokens right before `start` are one of the lower-case words or phrases."""
    for phrase in phrases:
        words = phrase.split()
        if start >= len(words) and all(doc[start - len(words) + k].lower_ == w for k, w in enumerate(words)):
            return True
    return False


class Places:
    """Known place names (regions, the document's own municipality) to tell "Leiderdorpse
    ondernemersvereniging" or "Ondernemersvereniging Leiderdorp" (one organisation) from a generic word."""

    def __init__(self, names) -> None:
        self.by_text: dict[str, str] = {}
        self.words: list[tuple[str, str]] = []
        for name in names:
            if not name:
                continue
            self.by_text[name.lower()] = name
            for word in name.replace("-", " ").split():
                if len(word) >= 4:
                    self.words.append((word.lower(), name))

    def after(self, doc, end: int) -> Optional[tuple[str, int]]:
        """(place, end token) of a place name starting at token `end`."""
        for size in (3, 2, 1):
            if end + size <= len(doc):
                place = self.by_text.get(doc[end : end + size].text.lower())
                if place is not None:
                    return place, end + size
        return None

    def adjective(self, text: str) -> Optional[str]:
        """The place of an adjective such as "Leiderdorpse", "Leidse", "Haagse", or None."""
        if len(text) < 6 or not text[0].isupper() or not text.endswith("se"):
            return None
        stem = text[:-2].lower()
        if len(stem) < 4:
            return None
        for word, place in self.words:
            if word.startswith(stem):
                return place
        return None


def qualified(doc, ent, places: Optional[Places], line_starts=()) -> Optional[tuple[str, int, int]]:
    """(qualifier, start, end) when a singular generic name is tied to one organisation: by a known place
    ("Leiderdorpse ondernemersvereniging", "Ondernemersvereniging Leiderdorp") or by a proper name right after
    it on the same line ("Woningbouwvereniging St. Willibrordus"); else None."""
    last = doc[ent.end - 1]
    if last.lemma_ and last.lemma_.lower() != last.lower_:
        return None  # a plural ("Leiderdorpse schoolbesturen") names several organisations, not one
    if places is not None and places.by_text:
        if ent.start > 0:
            place = places.adjective(doc[ent.start - 1].text)
            if place is not None:
                return place, ent.start - 1, ent.end
        found = places.after(doc, ent.end)
        if found is not None:
            return found[0], ent.start, found[1]
    end = _proper_name_end(doc, ent.end, line_starts)
    if end > ent.end:
        return doc[ent.end : end].text, ent.start, end
    return None


def _proper_name_end(doc, start: int, line_starts=()) -> int:
    """End of a proper name starting at token `start` (capitalised words, abbreviations such as "St.", and
    lower-case connectors between them), not running onto the next line; `start` when there is none."""
    end = index = start
    while index < len(doc) and index - start < 6:
        token = doc[index]
        if token.idx in line_starts:
            break
        text = token.text
        if text[:1].isupper() and len(text) >= 2 and (token.is_alpha or (text.endswith(".") and text[:-1].replace(".", "").isalpha())):
            index += 1
            end = index
        elif end > start and token.lower_ in _NAME_CONNECTORS and index + 1 < len(doc) and doc[index + 1].text[:1].isupper():
            index += 1
        elif index == end and text == "." and end > start and len(doc[end - 1].text) <= 3:
            index += 1  # "St" "." split by the tokenizer
            end = index
        else:
            break
    return end


def is_named(doc, span, line_starts=()) -> bool:
    """Written as a name rather than as an ordinary word: capitals inside it, or a first capital that is
    not merely the start of a sentence, line or bullet."""
    text = span.text
    if any(ch.isupper() for ch in text[1:]):
        return True
    if not text[:1].isupper():
        return False
    initial = span.start == 0 or doc[span.start - 1].text in _SENTENCE_MARKS or span.start_char in line_starts
    return not initial


def municipality_enumerations(doc, triggers, cues) -> list:
    """Spans naming municipalities in "de gemeenten A, B, C en D" when the sentence speaks of cooperation."""
    found = []
    n = len(doc)
    for token in doc:
        if token.lower_ not in triggers:
            continue
        names = []
        i = token.i + 1
        if i < n and doc[i].text == ":":
            i += 1
        while i < n:
            j = i
            while j < n:
                text = doc[j].text
                if text[:1].isupper() or text[:2] == "'s":
                    j += 1
                elif j > i and doc[j].lower_ in _NAME_CONNECTORS:
                    k = j
                    while k < n and doc[k].lower_ in _NAME_CONNECTORS:
                        k += 1
                    if k < n and doc[k].text[:1].isupper():
                        j = k  # "Alphen aan den Rijn"
                    else:
                        break
                else:
                    break
            if j == i:
                break
            names.append(doc[i:j])
            if j < n and doc[j].text == ",":
                i = j + 1
                if i < n and doc[i].lower_ in _ENUMERATION_AND:
                    i += 1
            elif j < n and doc[j].lower_ in _ENUMERATION_AND:
                i = j + 1
            else:
                break
        if len(names) < 2 or not _sentence_has_cue(doc, token.i, cues):
            continue
        found.extend(names)
    return found


def _sentence_has_cue(doc, index: int, cues) -> bool:
    start = index
    while start > 0 and doc[start - 1].text not in _SENTENCE_ENDS:
        start -= 1
    end = index
    while end < len(doc) and doc[end].text not in _SENTENCE_ENDS:
        end += 1
    return any(doc[k].lower_.startswith(cue) for k in range(start, end) for cue in cues)


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


def analyse(
    nlp,
    lines: list[Line],
    catalogue: dict[str, Any],
    ner=None,
    places: Optional[Places] = None,
    gemeenten: Optional[dict[str, list[str]]] = None,
) -> Analysis:
    triggers = set((gemeenten or {}).get("trigger", ()))
    cues = tuple((gemeenten or {}).get("cue", ()))
    line_hits: list[list[tuple[str, float]]] = [[] for _ in lines]
    analysis = Analysis(lines=lines, line_hits=line_hits)
    names_filter = nlp.get_pipe("partner_candidates") if "partner_candidates" in nlp.pipe_names else None
    chunks = chunk_lines(lines)
    docs = []
    for text, offsets, first in chunks:
        doc = nlp.make_doc(text)
        soft = soft_line_starts(lines[first : first + len(offsets)], offsets)
        doc.user_data["hard_starts"] = {offset for offset in offsets if offset not in soft}
        doc.user_data["line_starts"] = set(offsets)
        docs.append(doc)
    for doc, (text, offsets, first) in zip(nlp.pipe(docs, batch_size=16), chunks):

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
        line_starts = set(offsets)
        cued = doc._.cued_spans or ()
        plural_heads = {found.char for found in doc._.partner_candidates or () if found.kind == "plural"}
        for ent in ents:
            if ent.start_char in plural_heads:
                continue  # "Veiligheidsregio's Flevoland en Gooi en Vechtstreek": the named ones are the partners
            mention = OrgMention(ent.text, line_of(ent.start_char), ent.ent_id_, named=is_named(doc, ent, line_starts))
            mention.cued = any(a <= ent.start_char < b for a, b, _ in cued)
            if catalogue[ent.ent_id_].get("generic"):
                tied = qualified(doc, ent, places, line_starts)
                if tied is not None:
                    place, start, end = tied
                    mention.text, mention.place, mention.base, mention.named = doc[start:end].text, place, ent.text, True
            analysis.orgs.append(mention)
        own = {i for found in doc._.partner_candidates or () if found.kind in ("head", "acronym") for i in range(found.start, found.end)}
        candidates = [span for span in candidates if not any(i in own for i in range(span.start, span.end))
                      and not (names_filter is not None and names_filter.rejected([t.text for t in span], ""))]
        taken = {i for span in candidates for i in range(span.start, span.end)}
        for span in candidates:
            analysis.candidates.append(OrgMention(span.text, line_of(span.start_char)))
        _name_mentions(doc, ents, catalogue, taken, line_of, analysis)
        if triggers and any(t in text.lower() for t in triggers):
            for span in municipality_enumerations(doc, triggers, cues):
                analysis.gemeenten.append(OrgMention(span.text, line_of(span.start_char)))
    if ner is not None:
        _trained_candidates(ner, chunks, analysis)
    return analysis


def _name_mentions(doc, ents, catalogue, taken: set[int], line_of, analysis: Analysis) -> None:
    """Candidates of the partner_candidates component that no gazetteer name or span-ruler candidate covers."""
    known = {i for ent in ents if not catalogue[ent.ent_id_].get("generic") for i in range(ent.start, ent.end)}
    cued = doc._.cued_spans or ()
    for found in doc._.partner_candidates or ():
        if found.kind != "plural" and any(i in known or i in taken for i in range(found.start, found.end)):
            if found.kind != "acronym" or all(i in known for i in range(found.start, found.end)):
                continue
        in_cue = any(a <= found.char < b for a, b, _ in cued)
        analysis.names.append(
            NameMention(found.kind, found.name, line_of(found.char), found.org_kind, found.alias, found.role, in_cue)
        )
    for token_text, char in doc._.acronym_tokens or ():
        analysis.acronyms.setdefault(token_text, []).append(line_of(char))


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
