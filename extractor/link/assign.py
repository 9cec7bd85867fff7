"""Blocking (which pairs are scored at all) and assignment (which scored pairs become links): one-to-one
per document pair, plus split/merge links when one item matches two well."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from scipy.optimize import linear_sum_assignment

from extractor.link.items import Item, normalise_code

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


def split_merge(scored: list[Scored], chosen: list[Scored], min_score: float = SPLIT_MIN) -> tuple[list[Scored], list[Scored]]:
    """Extra (split, merged) links: an unassigned item whose best partner is already assigned but which
    scores within SPLIT_MARGIN of that assignment (and at least `min_score`)."""
    by_a = {s.i: s for s in chosen}
    by_b = {s.j: s for s in chosen}
    splits, merges = [], []
    best_for_b: dict[int, Scored] = {}
    best_for_a: dict[int, Scored] = {}
    for s in scored:
        if s.score < min_score:
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

