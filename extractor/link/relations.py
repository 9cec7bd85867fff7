"""Relations (same, renamed, renumbered, unit_changed, ...) and the link rows with their method and evidence."""

from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import fuzz

from extractor.enrich.catalogue import _fold
from extractor.link.assign import Scored
from extractor.link.items import Item, normalise_code
from extractor.link.records import LinkRow

_FIGURES = re.compile(r"\s*(?:\(.*\)|'.*'|\d+/\d+|\d+%)$")

def _relation(kind: str, a: Item, b: Item) -> str:
    if kind in ("goal", "section"):
        same_name = fuzz.ratio(a.norm, b.norm) >= 90
        same_code = normalise_code(a.code) == normalise_code(b.code)
        if same_name:
            return "same" if same_code else "renumbered"
        return "renamed"
    if kind == "indicator":
        same_name = fuzz.ratio(a.norm, b.norm) >= 90
        unit_a, unit_b = _unit_norm(a.unit), _unit_norm(b.unit)
        if unit_a and unit_b and unit_a != unit_b:
            if a.unit_kind and b.unit_kind and a.unit_kind != b.unit_kind:
                return "definition_changed"
            return "unit_changed" if same_name else "definition_changed"
        return "same" if same_name else "renamed"
    return "same"


def _unit_norm(unit: Optional[str]) -> Optional[str]:
    """Units compared on their numbers and key words ("Aantal per 1.000 inwoners" vs "per 10.000")."""
    if not unit:
        return None
    folded = _fold(unit)
    numbers = re.findall(r"\d[\d.]*", folded)
    words = [w for w in ("%", "per", "fte", "euro", "kg", "huishoud") if w in folded]
    return " ".join(numbers + words)


def _evidence(kind: str, a: Item, b: Item, why: list[str], relation: str) -> str:
    parts = [f"{relation}: " + ", ".join(why)]
    if kind in ("goal", "section") and normalise_code(a.code) != normalise_code(b.code) and (a.code or b.code):
        parts.append(f"code {a.code or '-'} → {b.code or '-'}")
    if kind == "indicator" and relation in ("unit_changed", "definition_changed"):
        parts.append(f"unit '{a.unit}' → '{b.unit}'")
    return "; ".join(parts)


def make_row(kind: str, a: Item, b: Item, s: Scored, relation: Optional[str] = None) -> LinkRow:
    relation = relation or _relation(kind, a, b)
    return LinkRow(kind=kind, from_doc=a.doc, from_id=a.id, to_doc=b.doc, to_id=b.id, from_title=a.title,
                   to_title=b.title, relation=relation, score=round(s.score, 4), method="+".join(_methods(s.why)),
                   evidence=_evidence(kind, a, b, s.why, relation))


def _methods(why: list[str]) -> list[str]:
    """Signal names without their figures ("children 60%" → "children"); fuzzy names keep the scorer."""
    names = []
    for reason in why:
        if reason.startswith(("name ", "label ")):
            names.append("fuzzy name (token_set+ratio " + reason.split()[-1] + ")")
        elif reason.startswith("compound name "):
            names.append("fuzzy name (token_set+ratio after aligning compound words " + reason.split()[-1] + ")")
        else:
            names.append(_FIGURES.sub("", reason))
    return names

