"""Who issued the document: gemeente, provincie, waterschap, joint body, ministry, party or organisation.

The issuer is read where documents state it — the title, the cover, the colofon, the running headers —
and only when those are silent from how often a body is named in the text. The most frequent "gemeente X"
is a poor guess on its own: a Wassenaar election programme that discusses Katwijk is still Wassenaar's.
Each candidate scores (weight of its place) x (strength of the rule that found it), once per place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from extractor.parse.doctype import term_hits
from extractor.parse.vocab import IssuerPattern, gemeente_named, issuer_patterns, name_key

ZONE_WEIGHTS = {"title": 3.0, "cover": 3.0, "colofon": 3.0, "headers": 2.0, "tops": 2.0, "early": 0.5}
# The running text of the first pages counts each mention (up to three): one passing "Ministerie van VWS"
# must not outweigh the body the first pages keep naming.
_COUNTED_ZONES = {"early": 3}
# Rule strengths: a named body of government beats a website, a generic organisation word or a bare place name.
PREFIX, DOMAIN, NAME_WITH_MARKER, ORGANISATION, HEADER_NAME, BARE_NAME = 3.0, 2.5, 3.0, 2.0, 2.0, 2.0
ENOUGH = 3.0  # below this the places are silent and the running text decides
_CAP_WORD = r"(?:'s-|'t[ \t])?[A-ZÀ-Ý][\w'’.&-]*"
_CONNECTOR = r"(?:en|van|de|der|den|aan|op|bij|in|voor|'s)"
_NAME = rf"{_CAP_WORD}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)*{_CAP_WORD}){{0,5}}"
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_DOMAIN = re.compile(r"(?:www\.|@)([a-z0-9-]+)\.nl\b")
_MONTHS = ("januari februari maart april mei juni juli augustus september oktober november december "
           "jan feb mrt apr jun jul aug sep sept okt nov dec")
_STOP_WORDS = {"de", "het", "een", "postbus", "telefoon", "tel", "e-mail", "email", "datum", *_MONTHS.split()}


@dataclass(frozen=True)
class Issuer:
    name: str
    kind: str


@lru_cache(maxsize=None)
def _prefix_patterns() -> tuple[tuple[re.Pattern[str], IssuerPattern], ...]:
    compiled = []
    for pattern in issuer_patterns():
        if pattern.form != "prefix":
            continue
        cue = r"[ \t]+".join(re.escape(part) for part in pattern.cue.split())
        # Acronyms (GGD, RES) and organisation words (Stichting, Netwerk) must be printed as such; the name
        # after a cue is always capitalised.
        if pattern.kind == "organisatie":
            cue = re.escape(pattern.cue[0].upper()) + re.escape(pattern.cue[1:])
        elif not pattern.cue.isupper():
            cue = f"(?i:{cue})"
        compiled.append((re.compile(rf"(?<![\w-]){cue}[ \t]+({_NAME})"), pattern))
    return tuple(compiled)


def _by_form(form: str) -> list[IssuerPattern]:
    return [p for p in issuer_patterns() if p.form == form]


def _clean_name(raw: str) -> list[str]:
    """The words of a captured name, cut before a document-kind word, a year or a stop word."""
    words: list[str] = []
    for word in raw.split():
        bare = word.strip(",.:;()")
        if not bare or bare.lower() in _STOP_WORDS or any(ch.isdigit() for ch in bare) or term_hits(bare):
            break
        words.append(bare)
    while words and words[-1].lower() in {"en", "van", "de", "der", "den", "aan", "op", "bij", "in", "voor"}:
        words.pop()
    return [w.title() if w.isupper() and len(w) > 4 else w for w in words]


def _resolve(pattern: IssuerPattern, words: list[str]) -> Optional[Issuer]:
    """The issuer a cue and the capitalised words after it name; a gemeente or provincie only by a name of the
    vocabulary, the longest one the words start with ("provincie Overijssel Opmaak: …" is Overijssel's)."""
    if not words:
        return None
    if pattern.kind in ("gemeente", "provincie"):
        named = gemeente_named if pattern.kind == "gemeente" else _province_named
        for end in range(len(words), 0, -1):  # "gemeente Leiden en Leiderdorp" is Leiden's
            official = named(" ".join(words[:end]))
            if official:
                return Issuer(official if pattern.kind == "gemeente" else pattern.display.format(name=official),
                              pattern.kind)
        return None
    return Issuer(pattern.display.format(name=" ".join(words)), pattern.kind)


def _province_named(text: str) -> Optional[str]:
    """The official spelling of the province `text` names ('Friesland' is 'Fryslân'), if it is one."""
    key = name_key(text)
    for pattern in _by_form("name"):
        if pattern.kind == "provincie" and name_key(pattern.cue) == key:
            return pattern.display.removeprefix("Provincie ")
    return None


def prefix_candidates(text: str) -> list[tuple[Issuer, float]]:
    found = []
    for regex, pattern in _prefix_patterns():
        for match in regex.finditer(text):
            issuer = _resolve(pattern, _clean_name(match.group(1)))
            if issuer:
                found.append((issuer, ORGANISATION if pattern.kind == "organisatie" else PREFIX))
    return found


def _place(stem: str) -> Optional[str]:
    """The spelling of a province or gemeente whose name key is `stem`."""
    for pattern in _by_form("name"):
        if pattern.kind == "provincie" and name_key(pattern.cue) == stem:
            return pattern.cue
    return gemeente_named(stem)


def compact_candidates(compact: str) -> list[Issuer]:
    """Issuers spelled without spaces, as in web addresses and file names: 'ggdflevoland', 'wassenaar'."""
    key = name_key(compact)
    if not key:
        return []
    official = gemeente_named(key)
    if official:
        return [Issuer(official, "gemeente")]
    for pattern in _by_form("name"):
        if pattern.kind == "provincie" and name_key(pattern.cue) == key:
            return [Issuer(pattern.display, "provincie")]
    found = []
    for pattern in _by_form("prefix"):
        cue = name_key(pattern.cue)
        if pattern.kind not in ("gemeente", "organisatie") and key.startswith(cue) and len(key) > len(cue):
            place = _place(key[len(cue):])
            if place:
                found.append(Issuer(pattern.display.format(name=place), pattern.kind))
    return found


def domain_candidates(text: str) -> list[tuple[Issuer, float]]:
    return [(issuer, DOMAIN) for stem in _DOMAIN.findall(text.lower()) for issuer in compact_candidates(stem)]


def _has_cue(text: str, cue: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", text, re.I if not cue.isupper() else 0) is not None


def province_candidates(text: str) -> list[tuple[Issuer, float]]:
    """A province named with a word of provincial government nearby ("Omgevingsbeleid Zuid-Holland", "Provinciale
    Staten"); a province name alone is a place ("Flevoland: alle gemeenten op een rij"), not an issuer."""
    if not any(_has_cue(text, p.cue) for p in _by_form("marker") if p.kind == "provincie"):
        return []
    return [(Issuer(p.display, "provincie"), NAME_WITH_MARKER) for p in _by_form("name")
            if p.kind == "provincie" and _has_cue(text, p.cue)]


def bare_gemeenten(text: str) -> list[Issuer]:
    """Gemeente names standing on their own ('Sterk en toegankelijk Wassenaar'), not inside a body's name
    ('Netwerk Palliatieve Zorg Almere', 'GGD Hollands Midden')."""
    for regex, _ in _prefix_patterns():
        text = regex.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in re.finditer(_NAME, text):
        words = match.group(0).split()
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + 4), start, -1):
                official = gemeente_named(" ".join(words[start:end]))
                if official:
                    found.append(Issuer(official, "gemeente"))
                    start = end - 1
                    break
            start += 1
    return found


def header_name(line: str) -> Optional[Issuer]:
    """'Woonzorg Flevoland Beleidsplan 2026': the capitalised words just before a document-kind word."""
    hits = [h for h in term_hits(line) if h.term.type]
    if not hits or len(line.split()) > 8:
        return None
    before = line[:hits[0].start].split()
    words: list[str] = []
    for word in reversed(before):
        if not re.fullmatch(r"[A-ZÀ-Ý][\wÀ-ÿ'’&-]*", word) or any(ch.isdigit() for ch in word) or re.search(r"[a-z][A-Z]", word):
            break
        words.insert(0, word)
    markers = {p.cue.lower() for p in _by_form("marker")}
    while words and words[0].lower() in markers | {"de", "het", "een"}:
        words.pop(0)
    if len(words) < 2 or len(words) > 5 or len(words) < len(before):
        return None  # a name of two to five words that opens the line, as in a running header
    name = " ".join(words)
    return gemeente_issuer(name) or next((i for i, _ in prefix_candidates(name)), None) or Issuer(name, "organisatie")


def gemeente_issuer(name: str) -> Optional[Issuer]:
    official = gemeente_named(name)
    return Issuer(official, "gemeente") if official else None


def zone_candidates(zone: str, lines: list[str]) -> list[tuple[Issuer, float]]:
    text = "\n".join(lines)
    found = prefix_candidates(text) + domain_candidates(text) + province_candidates(text)
    if zone in ("headers", "tops"):
        found += [(i, HEADER_NAME) for i in (header_name(line) for line in lines if _YEAR.search(line)) if i]
    if zone in ("title", "cover", "colofon"):
        found += [(issuer, BARE_NAME) for issuer in bare_gemeenten(text)]
    return found


_ARTICLE_ACRONYM = re.compile(r"(?<![\w-])[Dd]e[ \t]+([A-Z]{3,6})(?![\w-])")
SELF_MENTIONS = 5  # an organisation writing about itself names itself over and over ("de VMCA helpt …")


def titled_acronyms(title: list[str], body: list[str]) -> list[tuple[Issuer, float]]:
    """An organisation named in the title (or on the cover) by its acronym with an article ("De VMCA in de digitaliserende
    wereld") that the text keeps naming the same way: the document is about, and by, that organisation.

    Acronyms of the vocabularies (GGD, RES, parties) are read by their own rules; a document-kind word or a
    gemeente is never an organisation's acronym."""
    found = []
    text = "\n".join(body)
    known = {p.cue.upper() for p in issuer_patterns()}
    for acronym in dict.fromkeys(m.group(1) for line in title for m in _ARTICLE_ACRONYM.finditer(line)):
        if acronym in known or term_hits(acronym) or gemeente_named(acronym):
            continue
        mentions = len(re.findall(rf"(?<![\w-])[Dd]e[ \t]+{acronym}(?![\w-])", text))
        if mentions >= SELF_MENTIONS:
            found.append((Issuer(acronym, "organisatie"), ORGANISATION))
    return found


def party_named(lines: Iterable[str]) -> bool:
    text = "\n".join(lines)
    return any(_has_cue(text, p.cue) for p in _by_form("name") if p.kind == "partij")


def find_issuer(zones: dict[str, list[str]], body: list[str], document_type: Optional[str]) -> Optional[Issuer]:
    scores: Counter[Issuer] = Counter()
    for zone, lines in zones.items():
        best: dict[Issuer, float] = {}
        seen: Counter[Issuer] = Counter()
        for issuer, strength in zone_candidates(zone, lines):
            best[issuer] = max(best.get(issuer, 0.0), strength)
            seen[issuer] += 1
        for issuer, strength in best.items():
            repeats = min(seen[issuer], _COUNTED_ZONES.get(zone, 1))
            scores[issuer] += ZONE_WEIGHTS.get(zone, 0.0) * strength * repeats
    for zone in ("title", "cover"):
        for issuer, strength in titled_acronyms(zones.get(zone, []), body):
            scores[issuer] += ZONE_WEIGHTS[zone] * strength
    issuer = _winner(scores, ENOUGH) or _most_named(body)
    if issuer and (document_type == "verkiezingsprogramma" or party_named(zones.get("title", []) + zones.get("cover", []))):
        gemeente = issuer if issuer.kind == "gemeente" else _best_of_kind(scores, "gemeente")
        if gemeente:
            return Issuer(gemeente.name, "partij")
    return issuer


def _winner(scores: Counter[Issuer], minimum: float) -> Optional[Issuer]:
    ranked = scores.most_common()
    if not ranked or ranked[0][1] < minimum:
        return None
    return ranked[0][0]


def _best_of_kind(scores: Counter[Issuer], kind: str) -> Optional[Issuer]:
    return next((issuer for issuer, _ in scores.most_common() if issuer.kind == kind), None)


def _most_named(body: list[str]) -> Optional[Issuer]:
    """Fallback: the body of government named most often, a clear lead over the next one required."""
    text = "\n".join(body)  # names never run over a line break
    counts: Counter[Issuer] = Counter(issuer for issuer, _ in prefix_candidates(text) if issuer.kind != "organisatie")
    counts.update(bare_gemeenten(text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    if len(ranked) > 1 and ranked[1][1] * 1.5 > ranked[0][1]:
        return None
    return ranked[0][0]
