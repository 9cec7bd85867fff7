"""An explanation printed in an indicator's name cell goes to `description`, for table indicators of every input.

Table cells often hold the indicator's name followed by a sentence that explains or quantifies it:

* "Aantal persberichten Zegt iets over de mate waarin …" — a sentence opening with a phrase from
  `models/data/indicator_explanation_cues.csv` ("Zegt iets over", "Geeft aan", "Is een maat voor" …);
* "Afspraken ketenpartners: Met 100% van de ketenpartners zijn …" — a short name, a colon, then a
  sentence of five or more words.

The name keeps what comes before; the sentence becomes `description` (when there is none yet). Names
are otherwise left as printed: a bracket ("(geen brandstichting)") is part of the name here.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Optional

from extractor.model import Indicator
from extractor.resources import data_dir

_NOTE_WORD = re.compile(r"^(bron|eenheid|toelichting|definitie|noot|opmerking)\b", re.IGNORECASE)
_COLON = re.compile(r"^(?P<name>[^:()]{3,80}?)\s*:\s+(?P<desc>[A-Z0-9€<>≥≤].*)$")


@lru_cache(maxsize=1)
def _cue() -> re.Pattern[str]:
    with (data_dir() / "indicator_explanation_cues.csv").open(encoding="utf-8") as handle:
        patterns = [r["pattern"] for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return re.compile(r"\s(?=(?:" + "|".join(patterns) + r"))")


def split_explanation(name: str) -> tuple[str, Optional[str]]:
    """(name, explanation) of a name cell; the explanation is None when the cell holds only a name."""
    text = " ".join(name.split())
    match = _cue().search(text)
    if match and len(text[:match.start()].split()) >= 2:
        return text[:match.start()].strip(), text[match.end():].strip()
    colon = _COLON.match(text)
    if colon and len(colon.group("name").split()) <= 8 and len(colon.group("desc").split()) >= 5 \
            and not _NOTE_WORD.match(colon.group("name")):
        return colon.group("name").strip(), colon.group("desc").strip()
    return name, None


def split_explanations(indicators: list[Indicator]) -> None:
    """Move an explanation printed after the name into `description` (table indicators only, in place)."""
    for indicator in indicators:
        if indicator.source_kind != "table" or indicator.description:
            continue
        name, explanation = split_explanation(indicator.name)
        if explanation:
            indicator.name, indicator.description = name, explanation
