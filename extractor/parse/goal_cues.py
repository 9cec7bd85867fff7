"""The Dutch goal vocabulary (models/data/goal_cues.csv) and how a heading or label is read with it.

A cue names either one goal ("Hoofddoel 2: Gezond opgroeien", "Speerpunt 3", "Ambitie") or a
set of them ("Doelstellingen", "Onze zes speerpunten", "Wat willen we bereiken?"); prestaties
are announced the same way ("Activiteiten", "Wat gaan we daarvoor doen?"). Verbal cues ("we
willen", "ons doel is") only count in a sentence that introduces a list.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rapidfuzz.distance import Levenshtein

from extractor.resources import data_dir

CUES_FILE = data_dir() / "goal_cues.csv"

# Small words that may stand around a cue in a heading without making it a statement.
_FILLERS = {"onze", "ons", "de", "het", "een", "en", "van", "voor", "belangrijkste", "concrete", "concreet",
            "gemeentelijke", "provinciale", "onderliggende", "overige", "vier", "vijf", "zes", "zeven", "drie",
            "twee", "acht", "negen", "tien", "bijbehorende", "nieuwe", "geplande", "beoogde", "per", "programma",
            "thema", "deze", "dit", "jaar", "kwalitatief", "kwalitatieve", "kwantitatief", "kwantitatieve", "in",
            "gepland", "geplande", "te", "behalen", "om", "tot", "met", "als", "wij", "we"}


# Words that point at the list that follows ("de volgende doelen", "deze ambities", "onze speerpunten").
_POINTERS = {"volgende", "onderstaande", "deze", "onze", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht",
             "negen", "tien", "navolgende", "hiernavolgende", "belangrijkste", "concrete"}


@dataclass(frozen=True)
class Cue:
    phrase: str
    kind: str  # "goal" | "action" | "verbal"
    rank: int  # 1 broad aim, 2 goal, 3 prestatie
    plural: bool
    singular: str = ""  # a plural cue's one-goal word ("doelstellingen" -> "doelstelling")


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    printed: str  # the cue words as printed ("Operationeel doel")
    number: Optional[str]
    rest: str  # the statement after the cue and its number
    whole: bool  # the text is the cue alone (plus fillers, a number or a year): a set, not a statement

    @property
    def label(self) -> str:
        """The word for one member: the cue as printed, a set's cue in the singular ("Doelstellingen" -> "Doelstelling")."""
        if not self.cue.plural or not self.cue.singular:
            return self.printed
        return self.cue.singular[:1].upper() + self.cue.singular[1:]


@lru_cache(maxsize=1)
def load_cues(path: Path = CUES_FILE) -> tuple[Cue, ...]:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    cues: list[Cue] = []
    for row in csv.DictReader(rows):
        cues.append(Cue(row["cue"].strip().lower(), row["kind"].strip(), int(row["rank"]), False))
        if row.get("plural", "").strip():
            cues.append(Cue(row["plural"].strip().lower(), row["kind"].strip(), int(row["rank"]), True,
                            row["cue"].strip().lower()))
    # Longest phrase first, so "operationeel doel" wins over "doel".
    return tuple(sorted(cues, key=lambda c: -len(c.phrase)))


@lru_cache(maxsize=1)
def _start_pattern() -> re.Pattern[str]:
    phrases = "|".join(re.escape(c.phrase) for c in load_cues() if c.kind != "verbal")
    return re.compile(rf"^\s*(?P<cue>{phrases})\b\s*(?P<num>\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}[a-zA-Z]?\b)?\s*[:.\-–—]?\s*(?P<rest>.*)$",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _anywhere_pattern() -> re.Pattern[str]:
    phrases = "|".join(re.escape(c.phrase) for c in load_cues() if c.kind != "verbal")
    return re.compile(rf"\b(?P<cue>{phrases})\b\??", re.IGNORECASE)


@lru_cache(maxsize=1)
def _verbal_pattern() -> re.Pattern[str]:
    phrases = "|".join(re.escape(c.phrase) for c in load_cues() if c.kind == "verbal")
    return re.compile(rf"\b(?:{phrases})\b", re.IGNORECASE)


def _cue(phrase: str) -> Cue:
    phrase = " ".join(phrase.lower().split())
    return next(c for c in load_cues() if c.phrase == phrase)


def read_cue(text: str) -> Optional[CueMatch]:
    """The cue a heading or label starts with, or a heading made of a cue and filler words."""
    text = re.sub(r"\((\w+)\)(?=\w)", r"\1", text)  # "(Proces)doelen"
    match = _start_pattern().match(text)
    if match:
        cue = _cue(match.group("cue"))
        rest = match.group("rest").strip().rstrip("?").strip()
        whole = not rest or _only_fillers(rest)
        return CueMatch(cue, match.group("cue"), match.group("num"), "" if whole else rest, whole)
    found = _anywhere_pattern().search(text)
    if found and _only_fillers(text[:found.start()] + " " + text[found.end():]):
        cue = _cue(found.group("cue"))
        return CueMatch(cue, found.group("cue"), None, "", True)
    misspelt = _misspelt_cue(text)
    if misspelt is not None:
        return misspelt
    # "Sterk en toegankelijk – onze 6 speerpunten": a set named after a dash or colon.
    tail = re.split(r"\s[–—\-:]\s|:\s", text)
    if len(tail) > 1:
        last = tail[-1]
        found = _anywhere_pattern().search(last)
        if found and _only_fillers(last[:found.start()] + " " + last[found.end():]):
            return CueMatch(_cue(found.group("cue")), found.group("cue"), None, "", True)
    return None


def starts_with_cue(text: str) -> bool:
    """Does the text start with a (non-verbal) cue word? A cheap test before any reading."""
    return _start_pattern().match(text) is not None


def _misspelt_cue(text: str) -> Optional[CueMatch]:
    """A label that is a long cue with one letter wrong ("Operatoneel doel"): printed labels do have typos.

    Only whole short labels and cues of ten letters or more, so no ordinary word is taken for a cue.
    """
    words = text.strip().rstrip(":").split()
    if not 1 <= len(words) <= 3:
        return None
    printed = " ".join(words)
    lowered = printed.lower()
    for cue in load_cues():
        if cue.kind != "verbal" and len(cue.phrase) >= 10 and abs(len(cue.phrase) - len(lowered)) <= 1 \
                and Levenshtein.distance(cue.phrase, lowered, score_cutoff=1) <= 1:
            return CueMatch(cue, printed, None, "", True)
    return None


def singular(match: CueMatch) -> str:
    """The singular of a cue as the vocabulary spells it ("opgaven" -> "opgave"): a label for one item of a set."""
    if not match.cue.plural:
        return match.printed.lower()
    return _singulars().get(match.cue.phrase, match.cue.phrase)


@lru_cache(maxsize=1)
def _singulars() -> dict[str, str]:
    rows = [line for line in CUES_FILE.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return {row["plural"].strip().lower(): row["cue"].strip().lower() for row in csv.DictReader(rows) if row.get("plural", "").strip()}


def member_label(heading: str) -> Optional[str]:
    """The label of the items listed under a heading ("Belangrijkste resultaten" -> "Resultaat"), if it is a cue."""
    match = read_cue(heading)
    return match.label if match is not None else None


def introduces_list(text: str) -> Optional[int]:
    """A sentence ending in ':' that announces goals ("Concreet willen we de volgende doelen bereiken:").

    The cue must be pointed at ("de volgende doelen", "deze ambities", "onze speerpunten") or be
    verbal ("we willen", "ons doel is"): "Doelstellingen van subsidies kunnen zijn:" lists no goals.
    """
    stripped = text.strip()
    if not stripped.endswith(":") or len(stripped) > 220:
        return None
    for found in _anywhere_pattern().finditer(stripped):
        before = stripped[:found.start()].lower().split()[-2:]
        if before and (before[-1] in _POINTERS or before[-1].isdigit() or " ".join(before) == "de volgende"):
            return _cue(found.group("cue")).rank
    if _verbal_pattern().search(stripped):
        return 2
    return None


def _only_fillers(text: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text.lower())
    if len(words) > 4:
        return False
    return all(w in _FILLERS or len(w) <= 2 for w in words)
