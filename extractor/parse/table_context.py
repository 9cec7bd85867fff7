"""What a table says outside its grid: footnotes under it, a "Bron:" line, the programme it belongs to.

Shared by the indicator and budget readers for every `Table`, PDF or text: a reader that fills
`Table.notes` (the lines printed just below the table) gets its footnotes attached by mark and its
source read, whatever the input was.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.tables import Table
from extractor.model import GoalNode
from extractor.parse.table_semantics import SOURCE_ROW, TableHead

PROGRAMME_CODE = re.compile(r"\bP\s?(\d{1,2})\b")
_NOTE = re.compile(r"^\s*(?P<mark>\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|#)\s*(?P<text>\S.*)$")
_SPACED_STARS = re.compile(r"^(\*+)((?:\s+\*+)+)")


def programme_goal(table_text: str, page: Optional[int], goals: list[GoalNode]) -> Optional[str]:
    """The programme a table belongs to: printed in its caption ("P2"), else the programme section it stands in."""
    ids = {g.id for g in goals}
    match = PROGRAMME_CODE.search(table_text)
    if match and f"P{match.group(1)}" in ids:
        return f"P{match.group(1)}"
    if page is None:
        return None
    starts = sorted((g.page, g.id) for g in goals if g.level == "programma" and g.page is not None)
    before = [s for s in starts if s[0] <= page]
    if not before:
        return None
    later = [s for s in starts if s[0] > page]
    if not later and page - before[-1][0] > 15:
        return None  # far behind the last programme: paragrafen or jaarrekening, not a programme section
    return before[-1][1]


def _text(line) -> str:
    return line if isinstance(line, str) else line.text


def table_notes(table: Table) -> tuple[dict[str, str], Optional[str]]:
    """Footnotes printed just below the table, by mark ("*", "**", "¹", "#"), and a "Bron: …" line if there is one.

    A note runs on over the lines that follow it until the next mark; the first line that is
    neither a mark, a source nor the continuation of a note ends the notes."""
    notes: dict[str, str] = {}
    source: Optional[str] = None
    current: Optional[str] = None
    for line in table.notes:
        text = _SPACED_STARS.sub(lambda m: m.group(0).replace(" ", ""), _text(line).strip())  # "* **" is "***"
        match = _NOTE.match(text)
        src = SOURCE_ROW.match(text)
        if src and source is None:
            source, current = src.group("source").strip(), None
        elif match:
            current = match.group("mark")
            notes[current] = text
        elif current is not None:
            notes[current] += " " + text
        else:
            break
    return notes, source


def table_source(table: Table, head: TableHead, note_source: Optional[str]) -> Optional[str]:
    """The source printed for the whole table: in a header row, under the table, or on a line just above it."""
    if head.source or note_source:
        return head.source or note_source
    for line in table.above:
        match = SOURCE_ROW.match(_text(line).strip())
        if match:
            return match.group("source").strip()
    return None
