"""Link the goals, indicators and budget lines of two documents.

Each kind is turned into `Item`s, candidate pairs come from blocking keys (so cost grows about linearly
with the number of items), every candidate is scored from several signals combined in log-odds
(`_goal_score`, `_indicator_score`, `_budget_score`), and a one-to-one assignment is made per document
pair (`assign`: Hungarian on small blocks, greedy by score otherwise). Left-over items that match an
already assigned item almost as well become `split`/`merged` links; the rest are `new`/`dropped` when
the two documents are consecutive editions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from extractor.enrich.catalogue import _fold, normalise_name, unit_kind
from extractor.link.records import LinkRow
from extractor.model import BudgetLine, Document, GoalNode, Indicator

ACCEPT = 0.5
"""Score from which a candidate becomes a link (a score estimates the probability the link is right)."""
SPLIT_MIN = 0.75
"""A split/merge partner must itself score at least this much (a bare ACCEPT is too weak for a second link)."""
SPLIT_MARGIN = 0.15
"""A second partner within this score of the assigned one, and itself accepted, makes a split/merge."""
HUNGARIAN_MAX = 400
"""Blocks with at most this many items per side are assigned optimally; larger ones greedily."""
RARE_TOKEN_MAX = 64
"""A name's second-rarest token blocks only when at most this many items carry it (else blocks explode)."""
RARE_PREFIX_MAX = 8
"""The first ten letters of a name (spaces removed) block only when at most this many items share them."""
_LEVELS = ("programma", "beleidsterrein", "doel", "prestatie")
_TOTAAL = re.compile(r"^(?:totaal|subtotaal|saldo van)\s+|\s+totaal$")
_FIGURES = re.compile(r"\s*(?:\(.*\)|'.*'|\d+/\d+|\d+%)$")
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


def _cell_kind(kind: str) -> str:
    """Rekening and realisatie are the same number under two names; begroting editions likewise."""
    if kind in ("rekening", "realisatie"):
        return "actual"
    if kind in ("begroting", "begroting_na_wijziging", "raming", "prognose"):
        return kind
    return kind


# ---------------------------------------------------------------- scoring


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
    sim = name_similarity(a.norm, b.norm)
    x, why = -3.0 + 10.0 * (sim - 0.5), ["exact name" if sim == 1.0 else f"name {sim:.2f}"]
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


def _indicator_score(a: Item, b: Item, ctx: Context) -> tuple[float, list[str]]:
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
    if a.goal and b.goal and b.goal in ctx.goal_links.get(a.goal, ()):
        x += 1.0
        why.append("goal linked")
    return _sigmoid(x), why


def _values_continue(va: dict[tuple, float], vb: dict[tuple, float]) -> bool:
    """A realisatie printed in one document equals the same year's realisatie/referentie in the other."""
    for (year, kind, scope), value in va.items():
        if year is None or kind != "realisatie":
            continue
        other = vb.get((year, kind, scope))
        if other is not None and math.isclose(other, value, rel_tol=1e-6, abs_tol=1e-9) and value != 0:
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
    "goal": _goal_score, "indicator": _indicator_score, "budget_line": _budget_score,
}


# ---------------------------------------------------------------- blocking and assignment


def block_keys(item: Item, rarity: Optional[dict[str, int]] = None) -> set[str]:
    """Keys of the blocks an item falls in; two items are compared only when they share a key.
    Names give their two rarest tokens (by frequency over both documents), so common words such as
    "aantal" do not make giant blocks."""
    keys = set()
    if item.catalogue_id:
        keys.add("cat:" + item.catalogue_id)
    if item.kind == "budget_line":
        keys.add(f"side:{item.side}:{item.programme}")
        return keys
    tokens = sorted(set(item.norm.split()), key=lambda t: ((rarity or {}).get(t, 0), t))
    keys.update(f"tok:{token}" for k, token in enumerate(tokens[:2])
                if k == 0 or (rarity or {}).get(token, 0) <= RARE_TOKEN_MAX)
    prefix = _prefix_key(item)
    if prefix and (rarity or {}).get(prefix, 0) <= RARE_PREFIX_MAX:
        keys.add(prefix)  # "rekening-courant verhouding" and "rekening-courantverhouding" differ in tokens only
    if item.code:
        keys.add("code:" + (normalise_code(item.code) or ""))
    return keys


def _prefix_key(item: Item) -> Optional[str]:
    compact = item.norm.replace(" ", "")
    return f"pre:{compact[:10]}" if len(compact) >= 10 else None


def candidates(items_a: list[Item], items_b: list[Item], full: bool) -> set[tuple[int, int]]:
    """Index pairs to score: all pairs when `full` (small goal sets), else those sharing a block key."""
    if full:
        return {(i, j) for i in range(len(items_a)) for j in range(len(items_b))}
    rarity: dict[str, int] = {}
    for item in (*items_a, *items_b):
        for token in {*item.norm.split(), _prefix_key(item)} - {None}:
            rarity[token] = rarity.get(token, 0) + 1
    index: dict[str, list[int]] = {}
    for j, item in enumerate(items_b):
        for key in block_keys(item, rarity):
            index.setdefault(key, []).append(j)
    pairs = set()
    for i, item in enumerate(items_a):
        for key in block_keys(item, rarity):
            for j in index.get(key, ()):
                pairs.add((i, j))
    return pairs


@dataclass
class Scored:
    i: int
    j: int
    score: float
    why: list[str]


def assign(scored: list[Scored], n_a: int, n_b: int) -> list[Scored]:
    """One-to-one links with score >= ACCEPT: optimal (Hungarian) for small problems, greedy otherwise."""
    scored = [s for s in scored if s.score >= ACCEPT]
    if not scored:
        return []
    rows = sorted({s.i for s in scored})
    cols = sorted({s.j for s in scored})
    if len(rows) <= HUNGARIAN_MAX and len(cols) <= HUNGARIAN_MAX:
        row_at = {r: k for k, r in enumerate(rows)}
        col_at = {c: k for k, c in enumerate(cols)}
        matrix = np.zeros((len(rows), len(cols)))
        by_cell = {}
        for s in scored:
            matrix[row_at[s.i], col_at[s.j]] = s.score
            by_cell[(row_at[s.i], col_at[s.j])] = s
        chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
        return [by_cell[(r, c)] for r, c in zip(chosen_rows, chosen_cols) if (r, c) in by_cell]
    taken_a, taken_b, chosen = set(), set(), []
    for s in sorted(scored, key=lambda s: (-s.score, s.i, s.j)):
        if s.i not in taken_a and s.j not in taken_b:
            taken_a.add(s.i)
            taken_b.add(s.j)
            chosen.append(s)
    return chosen


def split_merge(scored: list[Scored], chosen: list[Scored]) -> tuple[list[Scored], list[Scored]]:
    """Extra (split, merged) links: an unassigned item whose best partner is already assigned but which
    scores within SPLIT_MARGIN of that assignment (and above ACCEPT)."""
    by_a = {s.i: s for s in chosen}
    by_b = {s.j: s for s in chosen}
    splits, merges = [], []
    best_for_b: dict[int, Scored] = {}
    best_for_a: dict[int, Scored] = {}
    for s in scored:
        if s.score < SPLIT_MIN:
            continue
        if s.j not in by_b and (s.j not in best_for_b or s.score > best_for_b[s.j].score):
            best_for_b[s.j] = s
        if s.i not in by_a and (s.i not in best_for_a or s.score > best_for_a[s.i].score):
            best_for_a[s.i] = s
    for s in best_for_b.values():  # b unassigned: a already has a partner → a split into two
        if s.i in by_a and by_a[s.i].score - s.score <= SPLIT_MARGIN:
            splits.append(s)
    for s in best_for_a.values():  # a unassigned: b already has a partner → two merged into b
        if s.j in by_b and by_b[s.j].score - s.score <= SPLIT_MARGIN:
            merges.append(s)
    return splits, merges


# ---------------------------------------------------------------- relations and rows


def _relation(kind: str, a: Item, b: Item) -> str:
    if kind == "goal":
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
    if kind == "goal" and normalise_code(a.code) != normalise_code(b.code) and (a.code or b.code):
        parts.append(f"code {a.code or '-'} → {b.code or '-'}")
    if kind == "indicator" and relation in ("unit_changed", "definition_changed"):
        parts.append(f"unit '{a.unit}' → '{b.unit}'")
    return "; ".join(parts)


def _row(kind: str, a: Item, b: Item, s: Scored, relation: Optional[str] = None) -> LinkRow:
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
        else:
            names.append(_FIGURES.sub("", reason))
    return names


def _second_link_ok(a: Item, b: Item, ctx: Context) -> bool:
    """A split/merge link needs its own evidence beyond a shared code: children that moved along (when
    both have children) or a close name (when they have none)."""
    support = _children_support(a, b, ctx)
    if support is not None:
        return support > 0
    return name_similarity(a.norm, b.norm) >= 0.8


def link_items(kind: str, items_a: list[Item], items_b: list[Item], ctx: Context, consecutive: bool,
               full: bool = False) -> list[LinkRow]:
    """All link rows of one kind between two documents (new/dropped only when `consecutive`)."""
    ctx.items_a.update({it.id: it for it in items_a})
    ctx.items_b.update({it.id: it for it in items_b})
    ctx.word_count = {}
    for item in (*items_a, *items_b):
        for word in set(item.norm.split()):
            ctx.word_count[word] = ctx.word_count.get(word, 0) + 1
    scorer = SCORERS[kind]
    scored = []
    for i, j in candidates(items_a, items_b, full):
        score, why = scorer(items_a[i], items_b[j], ctx)
        ida, idb = items_a[i].id, items_b[j].id
        ctx.best_a[ida] = max(ctx.best_a.get(ida, 0.0), score)
        ctx.best_b[idb] = max(ctx.best_b.get(idb, 0.0), score)
        if score >= ACCEPT * 0.5:
            scored.append(Scored(i, j, score, why))
    chosen = assign(scored, len(items_a), len(items_b))
    splits, merges = split_merge(scored, chosen) if kind == "goal" else ([], [])
    splits = [x for x in splits if _second_link_ok(items_a[x.i], items_b[x.j], ctx)]
    merges = [x for x in merges if _second_link_ok(items_a[x.i], items_b[x.j], ctx)]
    split_from = {s.i for s in splits}
    merge_into = {s.j for s in merges}
    rows = []
    for s in chosen:
        relation = "split" if s.i in split_from else "merged" if s.j in merge_into else None
        rows.append(_row(kind, items_a[s.i], items_b[s.j], s, relation))
        if kind == "goal":
            ctx.goal_links[items_a[s.i].id] = {items_b[s.j].id}
    for s in (*splits, *merges):
        rows.append(_row(kind, items_a[s.i], items_b[s.j], s, "split" if s in splits else "merged"))
        if kind == "goal":
            ctx.goal_links.setdefault(items_a[s.i].id, set()).add(items_b[s.j].id)
    if consecutive:
        rows += _unlinked(kind, items_a, items_b, {r.from_id for r in rows}, {r.to_id for r in rows}, ctx)
    return rows


def _unlinked(kind: str, items_a: list[Item], items_b: list[Item], linked_a: set, linked_b: set,
              ctx: Context) -> list[LinkRow]:
    """new/dropped rows; their score is 1 − the best score any candidate partner reached."""
    doc_a = items_a[0].doc if items_a else None
    doc_b = items_b[0].doc if items_b else None
    rows = [LinkRow(kind=kind, from_doc=a.doc, from_id=a.id, to_doc=doc_b, to_id=None, from_title=a.title,
                    to_title=None, relation="dropped", score=round(1.0 - ctx.best_a.get(a.id, 0.0), 4), method="unlinked",
                    evidence="no counterpart in the next edition") for a in items_a if a.id not in linked_a]
    rows += [LinkRow(kind=kind, from_doc=doc_a, from_id=None, to_doc=b.doc, to_id=b.id, from_title=None,
                     to_title=b.title, relation="new", score=round(1.0 - ctx.best_b.get(b.id, 0.0), 4), method="unlinked",
                     evidence="no counterpart in the previous edition") for b in items_b if b.id not in linked_b]
    return rows


def link_goals(items_a: list[Item], items_b: list[Item], ctx: Context, consecutive: bool) -> list[LinkRow]:
    """Goals level by level, top-down, so 'parent linked' is known when children are scored; then parents
    whose children moved are lifted (`_lift_parents`), and a second round rescores everything knowing
    those links (a renamed doel's prestaties now have a linked parent). new/dropped come last."""
    ctx.items_a.update({it.id: it for it in items_a})
    ctx.items_b.update({it.id: it for it in items_b})
    rows: list[LinkRow] = []
    for _ in range(2):
        ctx.goal_links = {a: set(b) for a, b in ctx.goal_links.items()}
        rows = []
        for level in _LEVELS:
            level_a = [it for it in items_a if it.level == level]
            level_b = [it for it in items_b if it.level == level]
            if level_a and level_b:
                rows += link_items("goal", level_a, level_b, ctx, False, full=len(level_a) * len(level_b) <= 40000)
        rows += _lift_parents(items_a, items_b, rows, ctx)
    if consecutive:
        rows += _unlinked("goal", items_a, items_b, {r.from_id for r in rows}, {r.to_id for r in rows}, ctx)
    return rows


def _lift_parents(items_a: list[Item], items_b: list[Item], rows: list[LinkRow], ctx: Context) -> list[LinkRow]:
    """An unlinked goal most of whose children (at least two) link to the children of one goal on the other
    side is linked to that goal: `merged` when that goal already has a partner, else renamed/renumbered."""
    linked_from = {r.from_id for r in rows}
    linked_to = {r.to_id for r in rows}
    child_target = {}
    for row in rows:
        child_target.setdefault(row.from_id, set()).add(row.to_id)
    lifted = []
    for a in items_a:
        if a.id in linked_from or len(a.children) < 2:
            continue
        parents: dict[str, int] = {}
        for child in a.children:
            for target in child_target.get(child, ()):
                parent = ctx.items_b[target].parent if target in ctx.items_b else None
                if parent:
                    parents[parent] = parents.get(parent, 0) + 1
        if not parents:
            continue
        best, count = max(parents.items(), key=lambda kv: (kv[1], kv[0]))
        share = count / len(a.children)
        if count < 2 or share < 0.5 or best not in ctx.items_b:
            continue
        b = ctx.items_b[best]
        relation = "merged" if best in linked_to else None
        if relation:  # the link already into `best` is one of the merged ones too
            for row in rows:
                if row.kind == "goal" and row.to_id == best and row.relation not in ("split", "merged"):
                    row.relation = "merged"
        why = [f"children moved {count}/{len(a.children)}"]
        lifted.append(_row("goal", a, b, Scored(0, 0, min(0.95, 0.5 + 0.5 * share), why), relation))
        ctx.goal_links.setdefault(a.id, set()).add(best)
    return lifted


def link_pair(doc_a: str, document_a: Document, doc_b: str, document_b: Document, consecutive: bool,
              kinds: Iterable[str] = ("goal", "indicator", "budget_line")) -> list[LinkRow]:
    """Every link between two documents of one publisher, goals first (their links support the rest)."""
    ctx = Context()
    rows: list[LinkRow] = []
    kinds = set(kinds)
    if "goal" in kinds:
        rows += link_goals(goal_items(doc_a, document_a), goal_items(doc_b, document_b), ctx, consecutive)
    if "indicator" in kinds:
        rows += link_items("indicator", indicator_items(doc_a, document_a), indicator_items(doc_b, document_b), ctx,
                           consecutive)
    if "budget_line" in kinds:
        rows += link_items("budget_line", budget_items(doc_a, document_a), budget_items(doc_b, document_b), ctx,
                           consecutive)
    return rows


ACROSS_NAME_MIN = 0.95
"""Without a shared catalogue id, indicators of two publishers link only at this name similarity (and same unit class)."""


def link_across(doc_a: str, document_a: Document, doc_b: str, document_b: Document) -> list[LinkRow]:
    """Indicators of two publishers: the same catalogue id, or a near-identical name with the same unit class."""
    items_a, items_b = indicator_items(doc_a, document_a), indicator_items(doc_b, document_b)
    ctx = Context()
    scored = []
    for i, j in candidates(items_a, items_b, full=False):
        a, b = items_a[i], items_b[j]
        same_catalogue = a.catalogue_id is not None and a.catalogue_id == b.catalogue_id
        close_name = (not a.catalogue_id and not b.catalogue_id and a.unit_kind is not None
                      and a.unit_kind == b.unit_kind and name_similarity(a.norm, b.norm) >= ACROSS_NAME_MIN)
        if same_catalogue or close_name:
            score, why = _indicator_score(a, b, ctx)
            scored.append(Scored(i, j, score, [w for w in why if w != "value continuity"]))
    return [_row("indicator", items_a[s.i], items_b[s.j], s) for s in assign(scored, len(items_a), len(items_b))]


def link_budget_across(doc_a: str, document_a: Document, doc_b: str, document_b: Document,
                       known_taakvelden: set[str]) -> list[LinkRow]:
    """Budget rows of two publishers: the same Iv3 taakveld (a code of the Iv3 list), side and detail level."""
    def keyed(items: list[Item]) -> dict[tuple, Item]:
        rows: dict[tuple, Item] = {}
        for item in items:
            if item.taakveld in known_taakvelden and item.side:
                rows.setdefault((item.taakveld, item.side, item.detail), item)
        return rows
    rows_a, rows_b = keyed(budget_items(doc_a, document_a)), keyed(budget_items(doc_b, document_b))
    links = []
    for key in sorted(rows_a.keys() & rows_b.keys()):
        a, b = rows_a[key], rows_b[key]
        links.append(LinkRow(kind="budget_line", from_doc=a.doc, from_id=a.id, to_doc=b.doc, to_id=b.id,
                             from_title=a.title, to_title=b.title, relation="same", score=0.99,
                             method="taakveld+side", evidence=f"same: Iv3 taakveld {key[0]}, {key[1]}"))
    return links
