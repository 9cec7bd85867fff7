"""The goal an indicator belongs to, for table indicators of every input (PDF and text alike).

Applied after a table is read, so every indicator reader leaves `goal` to this one rule:

1. a printed code whose prefix is a goal's code or id ("2A1.a" -> goal "2A1");
2. else a group row in the table naming a goal ("Doel 2A1 Optimale preventie …" -> "2A1");
3. else, for text, the last goal of level "doel" whose first line comes before the table's header line
   (in the text documents a goal heading is followed by its own indicator table);
4. else None. Only ids of the given goals are ever used.

PDF tables get rules 1-2 only: "the last doel above" was measured on the GGD bundle to link 35 of 35
beleidsindicatoren to a chapter goal they do not belong to (its indicator tables follow the chapters,
not the goals), so on PDF a missing link is kept rather than a guessed one.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.model import GoalNode, Indicator

_GROUP_CODE = re.compile(r"^\s*(?:doel|doelstelling|ambitie|speerpunt)\s+(\d+[A-Z]*\d*(?:\.\d+)*)\b", re.IGNORECASE)


def group_code(text: str) -> Optional[str]:
    """The goal code a group row names ("Doel 2A1 Optimale …" -> "2A1"), else None."""
    match = _GROUP_CODE.match(text or "")
    return match.group(1) if match else None


def goal_for(code: Optional[str], group: Optional[str], header_line: Optional[int], goals: list[GoalNode]) -> Optional[str]:
    """The id of the goal an indicator row belongs to (see the module docstring), or None."""
    by_code = {g.code: g.id for g in goals if g.code} | {g.id: g.id for g in goals}
    if code and "." in code and code.rsplit(".", 1)[0] in by_code:
        return by_code[code.rsplit(".", 1)[0]]
    if group and group in by_code:
        return by_code[group]
    if header_line is None:
        return None
    before = [g for g in goals if g.level == "doel" and g.lines and g.lines[0] < header_line]
    return max(before, key=lambda g: g.lines[0]).id if before else None  # type: ignore[index]


def link_goals(indicators: list[Indicator], goals: list[GoalNode], header_line: Optional[int]) -> None:
    """Give every indicator of one text table without a goal the goal its code or the heading above names."""
    for indicator in indicators:
        if indicator.goal is None:
            indicator.goal = goal_for(indicator.code, None, header_line, goals)


def link_pdf_goals(indicators: list[Indicator], goals: list[GoalNode]) -> None:
    """The same for the indicators of one PDF table, by printed code only (rules 1-2)."""
    for indicator in indicators:
        if indicator.goal is None:
            indicator.goal = goal_for(indicator.code, None, None, goals)
