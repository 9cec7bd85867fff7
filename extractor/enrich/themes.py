"""Themes for the document and veiligheidsvelden + themes for every goal node and indicator.

A goal is tagged from its own title; when that has no trigger term, from its description, then from
its sub-goals, then from the lines printed near it, then from its parent. An indicator: its name, then
its goal, then the lines near it. Scores are summed term weights; ties go to the earlier mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

from extractor.enrich.analysis import RULERS, Analysis
from extractor.model import GoalNode, Indicator, Theme

NEAR_LINES = 2  # text input: lines before/after a goal's own lines
NEAR_POINTS = 24.0  # PDF: points above/below a goal's box


@dataclass
class Tagging:
    """Field and theme scores of one text, in first-mention order."""

    fields: dict[str, float] = field(default_factory=dict)
    themes: dict[str, float] = field(default_factory=dict)

    def add(self, theme: str, weight: float, field_of: dict[str, str]) -> None:
        field_id = field_of.get(theme)
        if field_id is None:
            return
        self.themes[theme] = self.themes.get(theme, 0.0) + weight
        self.fields[field_id] = self.fields.get(field_id, 0.0) + weight

    def merge(self, other: "Tagging", scale: float = 1.0) -> None:
        for key, value in other.themes.items():
            self.themes[key] = self.themes.get(key, 0.0) + value * scale
        for key, value in other.fields.items():
            self.fields[key] = self.fields.get(key, 0.0) + value * scale

    def __bool__(self) -> bool:
        return bool(self.fields)

    def ordered_fields(self, safety: set[str]) -> list[str]:
        order = list(self.fields)
        return sorted(order, key=lambda f: (-round(self.fields[f], 6), f not in safety, order.index(f)))

    def ordered_themes(self) -> list[str]:
        order = list(self.themes)
        return sorted(order, key=lambda t: (-round(self.themes[t], 6), order.index(t)))

    def normalised(self) -> "Tagging":
        total = sum(self.fields.values()) or 1.0
        result = Tagging()
        result.merge(self, 1.0 / total)
        return result


class ThemeIndex:
    def __init__(self, taxonomy: dict[str, Any]) -> None:
        self.field_of = {t["id"]: t["field"] for t in taxonomy.get("themes", [])}
        self.labels = {t["id"]: t["label"] for t in taxonomy.get("themes", [])}
        self.safety = {f["id"] for f in taxonomy.get("fields", []) if f.get("safety")}

    def tagging(self, hits: Iterable[tuple[str, float]]) -> Tagging:
        result = Tagging()
        for theme, weight in hits:
            result.add(theme, weight, self.field_of)
        return result


def document_themes(analysis: Analysis, index: ThemeIndex) -> list[Theme]:
    """Themes mentioned in the document; score = weighted mentions per 1,000 words."""
    words = max(analysis.words, 1)
    themes = []
    for theme_id, mentions in analysis.theme_mentions.items():
        if theme_id not in index.field_of:
            continue
        score = round(analysis.theme_weight[theme_id] * 1000.0 / words, 3)
        themes.append(Theme(id=theme_id, label=index.labels[theme_id], field=index.field_of[theme_id], mentions=mentions, score=score))
    themes.sort(key=lambda t: (-t.score, -t.mentions, analysis.theme_first.get(t.id, 0), t.id))
    return themes


class Neighbourhood:
    """Finds the content lines printed near a goal or indicator (by line number or page position)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.by_line_no: dict[int, int] = {}
        self.by_page: dict[int, list[int]] = {}
        for position, line in enumerate(analysis.lines):
            if line.line_no is not None:
                self.by_line_no[line.line_no] = position
            else:
                self.by_page.setdefault(line.page, []).append(position)

    def near(self, item: GoalNode | Indicator) -> list[int]:
        if item.lines is not None:
            first, last = item.lines
            return [
                self.by_line_no[n]
                for n in range(first - NEAR_LINES, last + NEAR_LINES + 1)
                if n in self.by_line_no
            ]
        if item.page is not None and item.bbox is not None:
            top, bottom = item.bbox[1] - NEAR_POINTS, item.bbox[3] + NEAR_POINTS
            lines = self.analysis.lines
            return [p for p in self.by_page.get(item.page, ()) if lines[p].bottom >= top and lines[p].top <= bottom]
        return []

    def hits(self, positions: Sequence[int]) -> list[tuple[str, float]]:
        return [hit for p in positions for hit in self.analysis.line_hits[p]]


def _hits_of(doc) -> list[tuple[str, float]]:
    return [(theme, weight) for _s, _e, theme, weight in (doc._.theme_hits or ())]


def tag_goals(nlp, goals: list[GoalNode], analysis: Optional[Analysis], index: ThemeIndex) -> None:
    if not goals:
        return
    titles = [g.title or "" for g in goals]
    descriptions = [g.description or "" for g in goals]
    docs = list(nlp.pipe(titles + descriptions, disable=RULERS))
    own = [index.tagging(_hits_of(doc)) for doc in docs[: len(goals)]]
    described = [index.tagging(_hits_of(doc)) for doc in docs[len(goals):]]
    result: list[Optional[Tagging]] = [t if t else (d if d else None) for t, d in zip(own, described)]

    by_id = {g.id: i for i, g in enumerate(goals)}
    children: dict[int, list[int]] = {}
    for i, goal in enumerate(goals):
        parent = by_id.get(goal.parent) if goal.parent else None
        if parent is not None and parent != i:
            children.setdefault(parent, []).append(i)

    # Sub-goals: deepest first, so a doel can use its prestaties and a programma its doelen.
    for i in sorted(range(len(goals)), key=lambda i: -_depth(i, goals, by_id)):
        if result[i] is None and children.get(i):
            merged = Tagging()
            for child in children[i]:
                if result[child]:
                    merged.merge(result[child].normalised())  # type: ignore[union-attr]
            result[i] = merged or None
    neighbourhood = Neighbourhood(analysis) if analysis is not None else None
    for i, goal in enumerate(goals):
        if result[i] is None and neighbourhood is not None:
            near = index.tagging(neighbourhood.hits(neighbourhood.near(goal)))
            result[i] = near or None
    for i in sorted(range(len(goals)), key=lambda i: _depth(i, goals, by_id)):
        if result[i] is None:
            parent = by_id.get(goals[i].parent) if goals[i].parent else None
            if parent is not None and parent != i and result[parent]:
                result[i] = result[parent]
    for goal, tagging in zip(goals, result):
        goal.fields = tagging.ordered_fields(index.safety) if tagging else []
        goal.themes = tagging.ordered_themes() if tagging else []


def _depth(i: int, goals: list[GoalNode], by_id: dict[str, int]) -> int:
    depth, seen = 0, {i}
    parent = goals[i].parent
    while parent is not None and parent in by_id and by_id[parent] not in seen:
        seen.add(by_id[parent])
        depth += 1
        parent = goals[by_id[parent]].parent
    return depth


def tag_indicators(nlp, indicators: list[Indicator], goals: list[GoalNode], analysis: Optional[Analysis], index: ThemeIndex) -> None:
    if not indicators:
        return
    docs = list(nlp.pipe([ind.name or "" for ind in indicators], disable=RULERS))
    goal_by_id = {g.id: g for g in goals}
    neighbourhood = Neighbourhood(analysis) if analysis is not None else None
    for indicator, doc in zip(indicators, docs):
        tagging = index.tagging(_hits_of(doc))
        if tagging:
            indicator.fields = tagging.ordered_fields(index.safety)
            indicator.themes = tagging.ordered_themes()
            continue
        goal = goal_by_id.get(indicator.goal or "")
        if goal is not None and goal.fields:
            indicator.fields = list(goal.fields)
            indicator.themes = list(goal.themes)
            continue
        if neighbourhood is not None:
            near = index.tagging(neighbourhood.hits(neighbourhood.near(indicator)))
            indicator.fields = near.ordered_fields(index.safety) if near else []
            indicator.themes = near.ordered_themes() if near else []
