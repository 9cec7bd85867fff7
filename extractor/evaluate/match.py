"""One-to-one matching of gold items to predicted items, strict or soft.

An item has exact parts (codes, years, numbers, kinds: always compared exactly) and text parts
(titles, names, labels: each a set of acceptable spellings). Strict matching wants one spelling
of every text part equal after normalisation; soft matching accepts a rapidfuzz similarity of at
least `SOFT_THRESHOLD`. Pairs are assigned greedily, best score first, each item used once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Hashable, Iterable, Optional

from rapidfuzz import fuzz

SOFT_THRESHOLD = 0.9
_SPACE = re.compile(r"\s+")


def normalise(text: Optional[str]) -> str:
    """Unicode NFKC, lower case, runs of whitespace collapsed: the strict comparison form."""
    if text is None:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def number_key(value: Optional[float], digits: int = 6) -> Optional[float]:
    """Numbers compare exactly, but not on float noise like 0.1 + 0.2."""
    return None if value is None else round(float(value), digits) + 0.0


@dataclass(frozen=True)
class Item:
    exact: tuple[Hashable, ...]
    texts: tuple[tuple[str, ...], ...] = ()
    label: str = field(default="", compare=False)
    optional: bool = field(default=False, compare=False)
    """Gold only: an ambiguous item; matching it is neither rewarded nor its absence punished."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        """2TP / (2TP + FP + FN); undefined (None) when there is nothing in gold or prediction."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def multiset_f1(predicted: Iterable[Hashable], expected: Iterable[Hashable]) -> tuple[float, float, float]:
    """(precision, recall, F1) of two multisets of exact items: each expected item is matched at most once.

    For quick figures over plain tuples (benchmarks, tests); gold documents use `match_items`.
    Empty inputs give 0.0, never a division by zero.
    """
    found, wanted = Counter(predicted), Counter(expected)
    hits = sum((found & wanted).values())
    precision = hits / sum(found.values()) if found else 0.0
    recall = hits / sum(wanted.values()) if wanted else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


@dataclass
class MatchResult:
    counts: Counts
    missed: list[Item]
    spurious: list[Item]


def _text_score(gold: tuple[str, ...], pred: tuple[str, ...], soft: bool) -> float:
    best = 0.0
    for g in gold:
        for p in pred:
            if g == p:
                return 1.0
            if soft:
                best = max(best, fuzz.ratio(g, p) / 100.0)
    return best


def item_score(gold: Item, pred: Item, soft: bool) -> float:
    """0 when exact parts differ; else the worst text-part similarity (1.0 without text parts)."""
    if gold.exact != pred.exact or len(gold.texts) != len(pred.texts):
        return 0.0
    score = 1.0
    for g, p in zip(gold.texts, pred.texts):
        score = min(score, _text_score(g, p, soft))
        if score == 0.0:
            break
    return score


def match_items(gold: list[Item], pred: list[Item], soft: bool, threshold: float = SOFT_THRESHOLD) -> MatchResult:
    buckets: dict[tuple, list[int]] = {}
    for j, p in enumerate(pred):
        buckets.setdefault(p.exact, []).append(j)
    candidates: list[tuple[float, bool, int, int]] = []
    needed = threshold if soft else 1.0
    for i, g in enumerate(gold):
        for j in buckets.get(g.exact, ()):
            score = item_score(g, pred[j], soft)
            if score >= needed:
                candidates.append((-score, g.optional, i, j))
    candidates.sort()  # best score first; on a tie a required gold item before an optional one
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
    tp = sum(1 for i in used_gold if not gold[i].optional)
    required = sum(1 for g in gold if not g.optional)
    counts = Counts(tp=tp, fp=len(pred) - len(used_pred), fn=required - tp)
    missed = [g for i, g in enumerate(gold) if i not in used_gold and not g.optional]
    spurious = [p for j, p in enumerate(pred) if j not in used_pred]
    return MatchResult(counts, missed, spurious)
