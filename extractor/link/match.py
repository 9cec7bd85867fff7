"""Link the goals, indicators, budget lines and outline sections of two documents (the linker's entry points).

Each kind is turned into `Item`s (`items.py`), candidate pairs come from blocking keys (`assign.py`, so cost
grows about linearly with the number of items), every candidate is scored from several signals combined in
log-odds (`signals.py`), and a one-to-one assignment is made per document pair (`assign`: Hungarian on small
blocks, greedy by score otherwise). Left-over items that match an already assigned item almost as well become
`split`/`merged` links; the rest are `new`/`dropped` when the two documents are consecutive editions
(`relations.py` names the relation and writes the row).
"""

from __future__ import annotations

from typing import Iterable

from extractor.link.assign import (ACCEPT, HUNGARIAN_MAX, SPLIT_MARGIN, SPLIT_MIN, Scored, assign, block_keys, candidates,
                                   split_merge)
from extractor.link.items import (Item, budget_items, budget_label_norm, budget_side, code_tail, goal_items, indicator_items,
                                  name_similarity, normalise_code, section_items)
from extractor.link.records import LinkRow
from extractor.link.relations import make_row
from extractor.link.signals import SCORERS, Context, divided_name, indicator_score, second_link_ok
from extractor.model import Document

__all__ = ["ACCEPT", "HUNGARIAN_MAX", "SPLIT_MARGIN", "SPLIT_MIN", "Context", "Item", "Scored", "assign", "block_keys",
           "budget_items", "budget_label_norm", "budget_side", "candidates", "code_tail", "goal_items", "indicator_items",
           "link_across", "link_budget_across", "link_goals", "link_items", "link_pair", "link_sections", "name_similarity",
           "normalise_code", "section_items", "split_merge"]

_LEVELS = ("programma", "beleidsterrein", "doel", "prestatie")
_TREES = ("goal", "section")
"""Kinds whose items form a tree: parents support their children's links, and items split and merge."""
UNLINKED_MAX = 0.8
"""Highest score of a new/dropped row (on the gold, a quarter of those rows are extraction gaps of the
other document: headings its outline missed, prose rows read as indicators)."""
SECTION_FULL_MAX = 10000
"""Outlines with at most this many heading pairs are scored pair by pair; larger ones through blocks."""


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
    tree = kind in _TREES
    splits, merges = _second_links(chosen, scored, items_a, items_b, ctx) if tree else ([], [])
    split_from = {s.i for s in splits}
    merge_into = {s.j for s in merges}
    rows = []
    for s in chosen:
        relation = "split" if s.i in split_from else "merged" if s.j in merge_into else None
        rows.append(make_row(kind, items_a[s.i], items_b[s.j], s, relation))
        if tree:
            ctx.goal_links[items_a[s.i].id] = {items_b[s.j].id}
    for s in (*splits, *merges):
        rows.append(make_row(kind, items_a[s.i], items_b[s.j], s, "split" if s in splits else "merged"))
        if tree:
            ctx.goal_links.setdefault(items_a[s.i].id, set()).add(items_b[s.j].id)
    if consecutive:
        rows += _unlinked(kind, items_a, items_b, {r.from_id for r in rows}, {r.to_id for r in rows}, ctx)
    return rows


def _second_links(chosen: list[Scored], scored: list[Scored], items_a: list[Item], items_b: list[Item],
                  ctx: Context) -> tuple[list[Scored], list[Scored]]:
    """Split and merge links: a second partner within the margin that is either strong on its own
    (SPLIT_MIN, with its own evidence) or, from ACCEPT, takes the words the first partner left (the name
    "Handhaven prostitutie- en coffeeshopbeleid" divided over "...prostitutiebeleid" and "...coffeeshopbeleid")."""
    first_b = {s.i: s.j for s in chosen}
    first_a = {s.j: s.i for s in chosen}
    splits, merges = split_merge(scored, chosen, min_score=ACCEPT)

    def keep(s: Scored, whole: Item, first: Item, second: Item) -> bool:
        strong = s.score >= SPLIT_MIN and second_link_ok(items_a[s.i], items_b[s.j], ctx)
        return strong or divided_name(whole, first, second)
    splits = [s for s in splits if keep(s, items_a[s.i], items_b[first_b[s.i]], items_b[s.j])]
    merges = [s for s in merges if keep(s, items_b[s.j], items_a[first_a[s.j]], items_a[s.i])]
    return splits, merges


def _unlinked(kind: str, items_a: list[Item], items_b: list[Item], linked_a: set, linked_b: set,
              ctx: Context) -> list[LinkRow]:
    """new/dropped rows; their score is 1 − the best score any candidate partner reached, at most
    UNLINKED_MAX: "no counterpart" also follows when the other document's extraction missed it."""
    doc_a = items_a[0].doc if items_a else None
    doc_b = items_b[0].doc if items_b else None
    rows = [LinkRow(kind=kind, from_doc=a.doc, from_id=a.id, to_doc=doc_b, to_id=None, from_title=a.title,
                    to_title=None, relation="dropped", score=_unlinked_score(ctx.best_a.get(a.id, 0.0)), method="unlinked",
                    evidence="no counterpart in the next edition") for a in items_a if a.id not in linked_a]
    rows += [LinkRow(kind=kind, from_doc=doc_a, from_id=None, to_doc=b.doc, to_id=b.id, from_title=None,
                     to_title=b.title, relation="new", score=_unlinked_score(ctx.best_b.get(b.id, 0.0)), method="unlinked",
                     evidence="no counterpart in the previous edition") for b in items_b if b.id not in linked_b]
    return rows


def _unlinked_score(best: float) -> float:
    return round(min(UNLINKED_MAX, 1.0 - best), 4)


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
        lifted.append(make_row("goal", a, b, Scored(0, 0, min(0.95, 0.5 + 0.5 * share), why), relation))
        ctx.goal_links.setdefault(a.id, set()).add(best)
    return lifted


def link_sections(items_a: list[Item], items_b: list[Item], consecutive: bool) -> list[LinkRow]:
    """Outline headings of two editions: all in one pool (heading depths differ between editions), scored
    like goals; a second round knows which parent headings were linked. Own context: the goal links of
    the pair do not support headings."""
    ctx = Context()
    ctx.items_a.update({it.id: it for it in items_a})
    ctx.items_b.update({it.id: it for it in items_b})
    rows: list[LinkRow] = []
    full = len(items_a) * len(items_b) <= SECTION_FULL_MAX
    for _ in range(2):
        ctx.goal_links = {a: set(b) for a, b in ctx.goal_links.items()}
        rows = link_items("section", items_a, items_b, ctx, False, full=full) if items_a and items_b else []
    if consecutive:
        rows += _unlinked("section", items_a, items_b, {r.from_id for r in rows}, {r.to_id for r in rows}, ctx)
    return rows


def link_pair(doc_a: str, document_a: Document, doc_b: str, document_b: Document, consecutive: bool,
              kinds: Iterable[str] = ("goal", "indicator", "budget_line", "section")) -> list[LinkRow]:
    """Every link between two documents of one publisher, goals first (their links support the rest).
    Outline sections are linked last, only between consecutive editions of one family (an "Inleiding" of
    two unrelated documents says nothing) and only when one of the two has no goal tree (a plan written as
    chapters); where both have goals, the goal tree is their structure and headings would only add noise.
    `link_sections(section_items(...), ...)` links the headings of any two documents."""
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
    if "section" in kinds and consecutive and not (document_a.goals and document_b.goals):
        rows += link_sections(section_items(doc_a, document_a), section_items(doc_b, document_b), consecutive)
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
            score, why = indicator_score(a, b, ctx)
            scored.append(Scored(i, j, score, [w for w in why if w != "value continuity"]))
    return [make_row("indicator", items_a[s.i], items_b[s.j], s) for s in assign(scored, len(items_a), len(items_b))]


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
