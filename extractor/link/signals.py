"""Scoring signals: each candidate pair gets a log-odds sum of evidence (name, code, parent, children,
catalogue id, unit, source, value continuity, programme, side, taakveld), turned into a score in [0, 1]
by the logistic function. Weights are in docs/linking.md."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

from extractor.enrich.catalogue import _fold
from extractor.link.items import Item, align_compounds, code_tail, compound_similarity, name_similarity, normalise_code


@dataclass
class Context:
    """What earlier steps decided: links of parents (by id) and goal links (for indicators and budgets)."""

    goal_links: dict[str, set[str]] = field(default_factory=dict)
    items_a: dict[str, Item] = field(default_factory=dict)
    items_b: dict[str, Item] = field(default_factory=dict)
    best_a: dict[str, float] = field(default_factory=dict)
    best_b: dict[str, float] = field(default_factory=dict)
    """Best candidate score each item got (so a `new`/`dropped` row can say how sure it is)."""
    word_count: dict[str, int] = field(default_factory=dict)
    """In how many items (of both documents, this kind and level) each word occurs."""


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _goal_score(a: Item, b: Item, ctx: Context) -> tuple[float, list[str]]:
    sim = compound_similarity(a.norm, b.norm)
    x, why = -3.0 + 10.0 * (sim - 0.5), [_name_reason(sim, a.norm, b.norm)]
    if sim < 1.0 and _contained(a.norm, b.norm):
        x += 1.0
        why.append("name contained")
    elif sim < 1.0 and (word := _rare_shared_word(a, b, ctx)):
        x += 1.0
        why.append(f"rare word '{word}'")
    ca, cb = normalise_code(a.code), normalise_code(b.code)
    if ca and cb:
        if ca == cb:
            x += 2.0
            why.append("code")
        elif code_tail(a.code) == code_tail(b.code):
            x += 0.5
        else:
            x -= 0.5
    if a.parent and b.parent:
        if b.parent in ctx.goal_links.get(a.parent, ()):
            x += 1.5
            why.append("parent linked")
        elif a.parent in ctx.goal_links:
            x -= 0.5  # items do move between parents in rewrites; a mild penalty only
    support = _children_support(a, b, ctx)
    if support is not None:
        x += 3.0 * support - 0.5
        if support >= 0.25:
            why.append(f"children {support:.0%}")
    return _sigmoid(x), why


def _name_reason(sim: float, a: str, b: str) -> str:
    if sim == 1.0:
        return "exact name"
    return f"name {sim:.2f}" if sim == name_similarity(a, b) else f"compound name {sim:.2f}"


def _rare_shared_word(a: Item, b: Item, ctx: Context) -> Optional[str]:
    """A long word the two names share that no other item of either document uses ("crisisorganisatie")."""
    shared = set(a.norm.split()) & set(b.norm.split())
    rare = sorted(w for w in shared if len(w) >= 6 and not w.isdigit() and ctx.word_count.get(w, 0) <= 2)
    return rare[0] if rare else None


def _contained(a: str, b: str) -> bool:
    """All words (at least two) of the shorter name occur in the longer: "Aanpak fietsendiefstal" in
    "Aanpak fietsendiefstal en fietsoverlast"."""
    short, long = sorted((set(a.split()), set(b.split())), key=len)
    return len(short) >= 2 and short <= long


def _children_support(a: Item, b: Item, ctx: Context) -> Optional[float]:
    """Share of children with a close namesake on the other side (the larger of both directions;
    None when either has no children). Names only, so it works before the children are linked."""
    if not a.children or not b.children:
        return None
    kids_a = [ctx.items_a[c].norm for c in a.children if c in ctx.items_a]
    kids_b = [ctx.items_b[c].norm for c in b.children if c in ctx.items_b]
    if not kids_a or not kids_b:
        return None
    hits_a = sum(any(name_similarity(x, y) >= 0.8 for y in kids_b) for x in kids_a)
    hits_b = sum(any(name_similarity(x, y) >= 0.8 for x in kids_a) for y in kids_b)
    return max(hits_a / len(kids_a), hits_b / len(kids_b))


def indicator_score(a: Item, b: Item, ctx: Context) -> tuple[float, list[str]]:
    sim = name_similarity(a.norm, b.norm)
    x, why = -4.0 + 8.0 * (sim - 0.5), ["exact name" if sim == 1.0 else f"name {sim:.2f}"]
    if a.catalogue_id and b.catalogue_id:
        if a.catalogue_id == b.catalogue_id:
            x += 6.0
            why.insert(0, "catalogue id")
        else:
            x -= 6.0
    ca, cb = normalise_code(a.code), normalise_code(b.code)
    if ca and cb:
        x += 1.0 if ca == cb else -0.5
        if ca == cb:
            why.append("code")
    if a.unit_kind and b.unit_kind:
        x += 0.5 if a.unit_kind == b.unit_kind else -1.5
        if a.unit and b.unit and _fold(a.unit) == _fold(b.unit):
            x += 0.5
            why.append("unit")
    if a.source and b.source and a.source == b.source:
        x += 0.5
        why.append("source")
    if _values_continue(a.values, b.values):
        x += 2.0
        why.append("value continuity")
    elif _values_contradict(a.values, b.values):
        x -= 3.0  # e.g. one monitor's table for 65+ and another's for 18-64: same names, other people
        why.append("values differ")
    if a.goal and b.goal and b.goal in ctx.goal_links.get(a.goal, ()):
        x += 1.0
        why.append("goal linked")
    return _sigmoid(x), why


def _values_continue(va: dict[tuple, float], vb: dict[tuple, float]) -> bool:
    """A realisatie printed in one document equals the same year's realisatie in the other, and the
    measured cells both print agree at least as often as they differ (with dozens of gemeente cells some
    agree by chance); a realisatie printed without a year (a column headed just "Realisatie") may equal
    one of any year."""
    agree, differ = _measured_cells(va, vb)
    if agree < differ:
        return False
    return _realisaties_meet(va, vb) or _realisaties_meet(vb, va)


CONTRADICTION_MIN = 2
"""Dated cells two indicators must share, most of them different, before their values count against a link."""


def _values_contradict(va: dict[tuple, float], vb: dict[tuple, float]) -> bool:
    """The two print at least CONTRADICTION_MIN measured cells (realisatie, referentie) of the same year,
    type and scope and differ on more than they agree (a single revised figure is normal between editions,
    targets are revised all the time; measurements disagreeing throughout belong to another indicator)."""
    agree, differ = _measured_cells(va, vb)
    return agree + differ >= CONTRADICTION_MIN and differ > agree


def _measured_cells(va: dict[tuple, float], vb: dict[tuple, float]) -> tuple[int, int]:
    """(equal, different) counts over the dated realisatie/referentie cells both print."""
    shared = [key for key in va.keys() & vb.keys() if key[0] is not None and key[1] in ("realisatie", "referentie")]
    agree = sum(math.isclose(va[key], vb[key], rel_tol=1e-6, abs_tol=1e-9) for key in shared)
    return agree, len(shared) - agree


def _realisaties_meet(va: dict[tuple, float], vb: dict[tuple, float]) -> bool:
    for (year, kind, scope), value in va.items():
        if kind != "realisatie" or value == 0:
            continue
        if year is None:
            others = [v for (y, k, s), v in vb.items() if k == kind and s == scope and y is not None]
        else:
            others = [vb[(year, kind, scope)]] if (year, kind, scope) in vb else []
        if any(math.isclose(other, value, rel_tol=1e-6, abs_tol=1e-9) for other in others):
            return True
    return False


def _budget_score(a: Item, b: Item, ctx: Context) -> tuple[float, list[str]]:
    sim = name_similarity(a.norm, b.norm)
    x, why = -4.0 + 6.0 * (sim - 0.5), ["exact label" if sim == 1.0 else f"label {sim:.2f}"]
    if a.programme or b.programme:
        linked = a.programme == b.programme or b.programme in ctx.goal_links.get(a.programme or "", ())
        x += 2.5 if linked else -3.0
        if linked:
            why.append("programme")
    if a.side and b.side:
        x += 1.0 if a.side == b.side else -4.0
    if a.taakveld or b.taakveld:
        x += 2.0 if a.taakveld == b.taakveld else -3.0
        if a.taakveld == b.taakveld:
            why.append("taakveld")
    if a.detail != b.detail:
        x -= 2.0
    shared = [key for key, amount in a.values.items() if key in b.values and key[0] is not None
              and math.isclose(amount, b.values[key], rel_tol=1e-9) and amount != 0]
    if shared:
        x += 3.0
        year, kind = shared[0]
        why.append(f"value continuity ({kind} {year})")
    return _sigmoid(x), why


SCORERS: dict[str, Callable[[Item, Item, Context], tuple[float, list[str]]]] = {
    "goal": _goal_score, "section": _goal_score, "indicator": indicator_score, "budget_line": _budget_score,
}



def second_link_ok(a: Item, b: Item, ctx: Context) -> bool:
    """A split/merge link needs its own evidence beyond a shared code: children that moved along (when
    both have children) or a close name (when they have none)."""
    support = _children_support(a, b, ctx)
    if support is not None:
        return support > 0
    return name_similarity(a.norm, b.norm) >= 0.8



DIVIDED_COVER = 0.8
"""Share of a name's words two partners must cover together for a split/merge on wording alone."""


def divided_name(whole: Item, first: Item, second: Item) -> bool:
    """The words of `whole` are divided over two names: each covers words the other does not (compound
    parts count, see `align_compounds`) and together they cover at least DIVIDED_COVER of them."""
    words = whole.norm.split()
    if len(words) < 2:
        return False
    covered = []
    for part in (first, second):
        own = set(part.norm.split())
        covered.append({k for k, w in enumerate(align_compounds(whole.norm, part.norm).split()) if w in own})
    only_first, only_second = covered[0] - covered[1], covered[1] - covered[0]
    return bool(only_first) and bool(only_second) and len(covered[0] | covered[1]) >= DIVIDED_COVER * len(words)
