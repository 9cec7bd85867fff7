"""What the linker compares: one `Item` per goal, indicator, budget row or outline section of a document,
with its name normalised for Dutch variants and its code normalised as a code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import fuzz

from extractor.enrich.catalogue import _fold, normalise_name, unit_kind
from extractor.model import BudgetLine, Document, GoalNode, Indicator, OutlineItem

_TOTAAL = re.compile(r"^(?:totaal|subtotaal|saldo van)\s+|\s+totaal$")
_CHAPTER = re.compile(r"^\s*(?:hoofd?stuk|paragraaf|bijlage)\s+(\d+(?:\.\d+)*)[.:]?\s+", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:[A-Z]?\d+[.\d]*[a-z]?|[a-z]\))\s+")

@dataclass
class Item:
    kind: str
    doc: str
    id: str
    title: str
    norm: str
    code: Optional[str] = None
    level: Optional[str] = None
    parent: Optional[str] = None
    unit: Optional[str] = None
    unit_kind: Optional[str] = None
    source: Optional[str] = None
    catalogue_id: Optional[str] = None
    goal: Optional[str] = None
    side: Optional[str] = None
    taakveld: Optional[str] = None
    programme: Optional[str] = None
    detail: bool = False
    values: dict[tuple, float] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- codes and names


def normalise_code(code: Optional[str]) -> Optional[str]:
    """A code compared as a code: case and spaces folded, trailing dots and leading zeros dropped
    ("1.02." → "1.2", "2 A 1" → "2a1"); None for empty codes."""
    if not code:
        return None
    text = re.sub(r"\s+", "", code.lower()).strip(".")
    parts = re.split(r"([.\-/])", text)
    text = "".join(part.lstrip("0") or "0" if part.isdigit() else part for part in parts)
    return text or None


def code_tail(code: Optional[str]) -> Optional[str]:
    """The item's own number without its parents' ("1.2.01" → "1"), to spot renumbering within a parent."""
    normal = normalise_code(code)
    return re.split(r"[.\-/]", normal)[-1] if normal else None


def name_similarity(a: str, b: str) -> float:
    """0-1 similarity of two normalised names: the mean of token_set and plain ratio (no default_process)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return (fuzz.token_set_ratio(a, b) + fuzz.ratio(a, b)) / 200.0


COMPOUND_PART_MIN = 6
"""A word counts as part of a Dutch compound only from this length ("overlast" in "woonoverlast"; not "onder")."""


def compound_part(u: str, v: str, u_side: list[str], v_side: list[str]) -> bool:
    """One word is the head or the tail of the other and the rest of the longer word recurs among the
    shorter word's neighbours: "woonoverlast" ~ "overlast" next to "woonomgeving", "prostitutie" (from
    "prostitutie- en coffeeshopbeleid") ~ "prostitutiebeleid". "jeugdoverlast" is not "overlast" elsewhere."""
    (short, short_side), (long, _) = sorted(((u, u_side), (v, v_side)), key=lambda t: len(t[0]))
    if len(short) < COMPOUND_PART_MIN or short == long or not (long.startswith(short) or long.endswith(short)):
        return False
    rest = long[len(short):] if long.startswith(short) else long[:-len(short)]
    return len(rest) >= 3 and any(w != short and (w.startswith(rest) or w.endswith(rest)) for w in short_side)


def align_compounds(a: str, b: str) -> str:
    """`a` with each word that is one compound part (see `compound_part`) of exactly one word of `b`
    replaced by that word, so the two names' token sets meet."""
    words_a, words_b = a.split(), b.split()
    out = []
    for word in words_a:
        matches = [] if word in words_b else [v for v in words_b if compound_part(word, v, words_a, words_b)]
        out.append(matches[0] if len(matches) == 1 else word)
    return " ".join(out)


def compound_similarity(a: str, b: str) -> float:
    """`name_similarity` after aligning compound words in either direction (the best of the three); Dutch
    writes "woonoverlast" in one edition and "overlast in de woonomgeving" in the next."""
    plain = name_similarity(a, b)
    if plain == 1.0 or not a or not b:
        return plain
    return max(plain, name_similarity(align_compounds(a, b), b), name_similarity(a, align_compounds(b, a)))


def budget_label_norm(label: str) -> str:
    """"Totaal baten" and "Baten" compare equal; numbering and case are dropped."""
    text = _NUMBERING.sub("", _fold(label)).strip()
    text = _TOTAAL.sub("", text).strip(" :")
    return normalise_name(text) or text


def budget_side(label: str) -> Optional[str]:
    folded = _fold(label)
    for side in ("saldo", "baten", "lasten"):
        if side in folded:
            return side
    return None


# ---------------------------------------------------------------- items


def goal_items(doc_key: str, document: Document) -> list[Item]:
    items = {g.id: _goal_item(doc_key, g) for g in document.goals}
    for goal in document.goals:
        if goal.parent in items:
            items[goal.parent].children.append(goal.id)
    return list(items.values())


def _goal_item(doc_key: str, goal: GoalNode) -> Item:
    return Item("goal", doc_key, goal.id, goal.title, normalise_name(goal.title), code=goal.code, level=goal.level,
                parent=goal.parent)


def indicator_items(doc_key: str, document: Document) -> list[Item]:
    return [_indicator_item(doc_key, indicator) for indicator in document.indicators]


def _indicator_item(doc_key: str, indicator: Indicator) -> Item:
    values = {(v.year, v.type, v.scope): v.value for v in indicator.values}
    return Item("indicator", doc_key, indicator.id, indicator.name, normalise_name(indicator.name, drop_parentheses=False),
                code=indicator.code, unit=indicator.unit, unit_kind=unit_kind(indicator.unit),
                source=_fold(indicator.source) if indicator.source else None, catalogue_id=indicator.catalogue_id,
                goal=indicator.goal, values=values)


def budget_items(doc_key: str, document: Document) -> list[Item]:
    """One item per printed row: the cells of one label in one table of one programme."""
    rows: dict[tuple, Item] = {}
    for line in document.budget_lines:
        key = (line.programme, line.table or f"p{line.page}", line.label, line.taakveld)
        item = rows.get(key)
        if item is None:
            item = rows[key] = _budget_item(doc_key, line, len(rows))
        item.values[(line.year, _cell_kind(line.kind))] = line.amount
    return list(rows.values())


def _budget_item(doc_key: str, line: BudgetLine, index: int) -> Item:
    label_id = re.sub(r"[^a-z0-9]+", "-", _fold(line.label)).strip("-")[:40]
    return Item("budget_line", doc_key, f"{line.programme or '-'}/{line.table or line.page}/{label_id}", line.label,
                line.label_norm or budget_label_norm(line.label), side=line.side or budget_side(line.label),
                taakveld=normalise_code(line.taakveld), programme=line.programme, detail=line.detail)


def section_items(doc_key: str, document: Document) -> list[Item]:
    """One item per outline heading; "Hoofdstuk 3. Uitvoering" is section 3 titled "Uitvoering". The id
    ends in the section number ("h7/1.2", "h9/-" without one) so ids can be checked against codes."""
    items = {o.id: _section_item(doc_key, o) for o in document.outline if o.title.strip()}
    for entry in document.outline:
        if entry.id in items and entry.parent in items:
            items[entry.id].parent = items[entry.parent].id
            items[entry.parent].children.append(items[entry.id].id)
    return list(items.values())


def _section_item(doc_key: str, entry: OutlineItem) -> Item:
    title, number = entry.title.strip(), entry.number
    chapter = _CHAPTER.match(title)
    if chapter:
        title, number = title[chapter.end():].strip() or title, number or chapter.group(1)
    return Item("section", doc_key, f"{entry.id}/{number or '-'}", title, normalise_name(title), code=number,
                level="section")


def _cell_kind(kind: str) -> str:
    """Rekening and realisatie are the same number under two names; begroting editions likewise."""
    if kind in ("rekening", "realisatie"):
        return "actual"
    if kind in ("begroting", "begroting_na_wijziging", "raming", "prognose"):
        return kind
    return kind

