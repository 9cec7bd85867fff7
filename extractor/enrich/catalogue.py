"""Canonical indicators and taakvelden: map an indicator's printed name and unit to a catalogue id.

The catalogues are data files under models/data/ (`bbv_indicators.csv`, `iv3_taakvelden.csv`). Matching is
a pure function of the printed name and unit, so it runs during extraction (`assign_catalogue_ids`, a
cheap stage without spaCy) and again in `extractor.link`, which imports this module rather than the
other way round. Names are compared after Dutch normalisation (`normalise_name`): case, accents,
punctuation, a leading "aantal"/"percentage"/"%", a trailing "per 1.000 inwoners", and plural endings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz

from extractor.enrich.data import DATA_DIR, read_csv
from extractor.model import Indicator

BBV_FILE = DATA_DIR / "bbv_indicators.csv"
IV3_FILE = DATA_DIR / "iv3_taakvelden.csv"

FUZZY_MIN = 90.0
"""token_sort_ratio (0-100) on normalised names at or above which a near-spelling counts as the same name."""

_STOPWORDS = frozenset({"de", "het", "een", "van", "der", "in", "met", "en", "voor", "op", "t", "m", "is", "aan", "die",
                        "dat", "te", "om", "bij", "door", "naar", "tot", "uit", "als", "zijn", "wordt", "worden",
                        "hoe", "zij", "wij", "we", "ons", "onze", "binnen", "b"})
_LEADING = re.compile(r"^(?:aantal|het aantal|percentage|het percentage|aandeel|%)\s+")
_PER_SUFFIX = re.compile(r"[\s(]+per\s+\d[\d.]*\s+\w+.*$")
_PARENS = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9%]+")


def _fold(text: str) -> str:
    """Lower case without accents or soft hyphens ("Cliënten" → "clienten", "re\u00adintegratie" → "reintegratie")."""
    text = text.replace("\u00ad", "").replace("\ufffe", "").replace("\ufeff", "")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def singular(token: str) -> str:
    """A crude Dutch singular that maps plural and singular to the same stem (both sides get it)."""
    if len(token) > 5 and token.endswith("en"):
        token = token[:-2]
        if len(token) > 2 and token[-1] == token[-2] and token[-1] not in "aeiou":
            token = token[:-1]
    elif len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    if token.endswith("v"):
        token = token[:-1] + "f"
    elif token.endswith("z"):
        token = token[:-1] + "s"
    return token


def normalise_name(name: str, drop_parentheses: bool = False) -> str:
    """Comparable form of an indicator or goal name: folded, prefixes and per-N suffix dropped, singular."""
    text = _fold(name).strip()
    if drop_parentheses:
        text = _PARENS.sub(" ", text)
    text = text.replace("-", "")
    text = _LEADING.sub("", text)
    text = _PER_SUFFIX.sub("", text)
    tokens = [singular(token) for token in _NON_WORD.sub(" ", text).split() if token not in _STOPWORDS]
    return " ".join(tokens)


def unit_kind(unit: Optional[str]) -> Optional[str]:
    """Coarse unit class: 'percent', 'per_n' (a rate), 'euro', 'fte', 'kg' or None when unknown."""
    if not unit:
        return None
    folded = _fold(unit)
    if "fte" in folded:
        return "fte"
    if folded.lstrip().startswith("%") or "procent" in folded or "percentage" in folded:
        return "percent"
    if re.search(r"\bper\s+\d", folded):
        return "per_n"
    if "kg" in folded:
        return "kg"
    if "euro" in folded or "€" in folded or "kosten" in folded:
        return "euro"
    if "%" in folded:
        return "percent"
    return None


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    name: str
    taakveld: str
    unit: str
    source: str
    names: tuple[str, ...]
    """The current name and every alias, as printed in the catalogue."""


def _forms_of(name: str) -> tuple[str, ...]:
    """The normalised name, then (if different) the name without its brackets; never empty forms."""
    forms = (normalise_name(name), normalise_name(name, drop_parentheses=True))
    return tuple(dict.fromkeys(f for f in forms if f))


class IndicatorCatalogue:
    """Exact lookup of normalised names and aliases, then a fuzzy fallback within the catalogue."""

    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self.entries = {entry.id: entry for entry in entries}
        self._exact: dict[str, str] = {}
        self._forms: list[tuple[str, str]] = []
        short: dict[str, set[str]] = {}  # forms without their brackets, which two entries may share
        for entry in self.entries.values():
            for printed in entry.names:
                for form in _forms_of(printed):
                    self._forms.append((form, entry.id))
                full = normalise_name(printed)
                if full:
                    self._exact.setdefault(full, entry.id)
                short.setdefault(normalise_name(printed, drop_parentheses=True), set()).add(entry.id)
        for form, ids in short.items():
            if form and len(ids) == 1:  # "woonlasten (eenpersoons…)" and "(meerpersoons…)" share no short form
                self._exact.setdefault(form, next(iter(ids)))

    def match(self, name: str, unit: Optional[str] = None) -> tuple[Optional[str], float, str]:
        """(catalogue id or None, similarity 0-1, how) for a printed indicator name and unit."""
        forms = _forms_of(name)  # the full name first, in a fixed order: the answer must not depend on the run
        for form in forms:
            if form in self._exact:
                return self._exact[form], 1.0, "catalogue name"
        best: tuple[float, Optional[str]] = (0.0, None)
        for form in forms:
            for known, entry_id in self._forms:
                score = fuzz.token_sort_ratio(form, known)
                if score > best[0]:
                    best = (score, entry_id)
        score, entry_id = best
        if entry_id is None or score < FUZZY_MIN:
            return None, score / 100.0, "no catalogue match"
        wanted, printed = unit_kind(self.entries[entry_id].unit), unit_kind(unit)
        if wanted and printed and wanted != printed:
            return None, score / 100.0, "catalogue name close but unit differs"
        return entry_id, score / 100.0, f"catalogue fuzzy name (token_sort_ratio {score:.0f})"


@lru_cache(maxsize=1)
def bbv_catalogue() -> IndicatorCatalogue:
    entries = []
    for row in read_csv(BBV_FILE):
        names = (row["name"], *(alias for alias in row["aliases"].split("|") if alias))
        entries.append(CatalogueEntry(row["id"], row["name"], row["taakveld"], row["unit"], row["source"], names))
    return IndicatorCatalogue(entries)


@lru_cache(maxsize=1)
def iv3_taakvelden() -> dict[str, str]:
    """Taakveld code → name (current list plus the pre-2026 codes)."""
    return {row["code"]: row["name"] for row in read_csv(IV3_FILE)}


def match_indicator(name: str, unit: Optional[str] = None) -> Optional[str]:
    """The BBV catalogue id of an indicator, or None when it is not (recognisably) a BBV indicator."""
    return bbv_catalogue().match(name, unit)[0]


def assign_catalogue_ids(indicators: list[Indicator]) -> int:
    """Set `catalogue_id` on every indicator the catalogue recognises; returns how many were set."""
    found = 0
    for indicator in indicators:
        if indicator.catalogue_id is None:
            indicator.catalogue_id = match_indicator(indicator.name, indicator.unit)
        found += indicator.catalogue_id is not None
    return found
