"""Which item of one document is which item of another: links when given, else code and name.

`links.jsonl` rows (from `extractor link`) are used when present: `{kind, from_doc, from_id, to_doc,
to_id, relation, ...}`. Without them, indicators pair on their normalised name (and code and unit
when both documents print one), goals on programme and code, budget cells on programme, row
name, column kind and year. Only one-to-one pairs are used: an ambiguous name pairs nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz import fuzz

from extractor.audit.documents import AuditDocument
from extractor.audit.numbers import normalise_label, normalise_name
from extractor.model import BudgetLine, GoalNode, Indicator

SAME_RELATIONS = {"same", "renamed", "renumbered"}
"""Link relations under which two items may be compared value by value (not unit/definition changes)."""


@dataclass
class Links:
    """Links read from links.jsonl, by (kind, document, id)."""

    rows: dict[tuple[str, str, str], list[dict]] = field(default_factory=dict)

    @classmethod
    def read(cls, paths: Iterable[Path]) -> "Links":
        links = cls()
        for path in paths:
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(row, dict) and row.get("from_id") is not None and row.get("to_id") is not None:
                    links.rows.setdefault((row.get("kind", ""), str(row.get("from_doc")), str(row["from_id"])), []).append(row)
        return links

    def partner(self, kind: str, a: AuditDocument, item_id: str, b: AuditDocument) -> Optional[str]:
        """The id in `b` that `item_id` of `a` is linked to as the same item, if a link says so."""
        for alias in a.aliases:
            for row in self.rows.get((kind, alias, item_id), []):
                if str(row.get("to_doc")) in b.aliases and row.get("relation", "same") in SAME_RELATIONS:
                    return str(row["to_id"])
        return None

    def __bool__(self) -> bool:
        return bool(self.rows)


def _unit_key(unit: Optional[str]) -> Optional[str]:
    return re.sub(r"[^a-z0-9%]", "", unit.lower()) if unit else None


def _indicator_key(indicator: Indicator) -> str:
    return normalise_name(indicator.name)


def pair_indicators(a: AuditDocument, b: AuditDocument, links: Links) -> list[tuple[Indicator, Indicator]]:
    """One-to-one indicator pairs between two documents."""
    by_id_b = {ind.id: ind for ind in b.document.indicators}
    pairs: list[tuple[Indicator, Indicator]] = []
    linked_a: set[str] = set()
    if links:
        for ind in a.document.indicators:
            other = links.partner("indicator", a, ind.id, b)
            if other in by_id_b:
                pairs.append((ind, by_id_b[other]))
                linked_a.add(ind.id)
    count_a = Counter(_indicator_key(i) for i in a.document.indicators)
    count_b = Counter(_indicator_key(i) for i in b.document.indicators)
    index_b = {_indicator_key(i): i for i in b.document.indicators}
    taken_b = {pair[1].id for pair in pairs}
    for ind in a.document.indicators:
        key = _indicator_key(ind)
        if ind.id in linked_a or not key or count_a[key] != 1 or count_b.get(key) != 1:
            continue
        other = index_b[key]
        if other.id in taken_b or not _compatible(ind, other):
            continue
        pairs.append((ind, other))
        taken_b.add(other.id)
    pairs += _fuzzy_pairs(a, b, {p[0].id for p in pairs}, taken_b)
    return pairs


FUZZY_MIN = 90.0
FUZZY_MARGIN = 5.0


def _fuzzy_name(name: str) -> str:
    """Like `normalise_name`, but parenthesised words kept and spacing ignored ("courant verhouding")."""
    text = re.sub(r"[()]", " ", name.lower().replace("\u00a0", " "))
    text = re.sub(r"^(aantal|percentage|%)\s+", "", text.strip())
    return re.sub(r"[^\w]+", "", text)


def _numbers(name: str) -> list[str]:
    return re.findall(r"\d+", name.replace(".", ""))


def _fuzzy_pairs(a: AuditDocument, b: AuditDocument, done_a: set[str], taken_b: set[str]) -> list[tuple[Indicator, Indicator]]:
    """Unpaired indicators whose names differ only a little (same numbers, ratio >= 90, a clear best)."""
    free_b = [ind for ind in b.document.indicators if ind.id not in taken_b]
    pairs = []
    for ind in a.document.indicators:
        if ind.id in done_a:
            continue
        name = _fuzzy_name(ind.name)
        scored = sorted(((fuzz.ratio(name, _fuzzy_name(other.name)), index) for index, other in enumerate(free_b)
                         if other.id not in taken_b), reverse=True)
        if not scored or scored[0][0] < FUZZY_MIN or (len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN):
            continue
        other = free_b[scored[0][1]]
        if _numbers(ind.name) != _numbers(other.name) or not _compatible(ind, other):
            continue
        pairs.append((ind, other))
        taken_b.add(other.id)
    return pairs


def _compatible(a: Indicator, b: Indicator) -> bool:
    if a.code and b.code and a.code != b.code:
        return False
    unit_a, unit_b = _unit_key(a.unit), _unit_key(b.unit)
    if not (unit_a and unit_b):
        return True
    return unit_a.startswith(unit_b) or unit_b.startswith(unit_a)  # "per 1.000 inw" abbreviates "per 1.000 inwoners"


def budget_key(line: BudgetLine) -> tuple:
    """Programme, row name, column kind and year: what makes two budget cells the same number."""
    return (line.programme, normalise_label(line.label_norm or line.label), line.kind, line.year)


def unique_budget_cells(doc: AuditDocument, keep) -> dict[tuple, BudgetLine]:
    """Budget cells selected by `keep`, by key; keys printed more than once are left out."""
    counts: Counter = Counter()
    cells: dict[tuple, BudgetLine] = {}
    for line in doc.document.budget_lines:
        if line.detail or not keep(line):
            continue
        key = budget_key(line)
        counts[key] += 1
        cells[key] = line
    return {key: line for key, line in cells.items() if counts[key] == 1 and key[0] is not None}


def goal_index(doc: AuditDocument, levels: tuple[str, ...]) -> dict[tuple[str, str], GoalNode]:
    """Goals by (programme code, goal code); goals whose key repeats are left out."""
    by_id = {goal.id: goal for goal in doc.document.goals}
    counts: Counter = Counter()
    index: dict[tuple[str, str], GoalNode] = {}
    for goal in doc.document.goals:
        if goal.level not in levels or not goal.code:
            continue
        programme = _programme_of(goal, by_id)
        if programme is None:
            continue
        key = (programme, goal.code.rstrip("."))
        counts[key] += 1
        index[key] = goal
    return {key: goal for key, goal in index.items() if counts[key] == 1}


def _programme_of(goal: GoalNode, by_id: dict[str, GoalNode]) -> Optional[str]:
    node: Optional[GoalNode] = goal
    seen = 0
    while node is not None and seen < 20:
        if node.level == "programma":
            return node.code or node.id
        node = by_id.get(node.parent) if node.parent else None
        seen += 1
    return None
