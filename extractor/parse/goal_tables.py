"""Goal tables: goals printed as the rows of a table ("Onderwerp | Datum | Stand", "Doel | Ambitie | Stand").

A table is a goal table when its label column is headed by a goal cue ("Doel", "Ambitie",
"Opgave", "Speerpunt", "Actielijn") or its caption names a set of goals ("Tabel 1 - Samenvatting
opgaven") and the label column is not an indicator column. Every body row then is a goal node:

* grouping rows (a bold label cell over plain rows, or a short label with the other cells empty)
  are the broader goals (themes) the rows below them belong to;
* wrapped label cells printed as rows of their own (starting in lower case, nothing in the other
  cells) are joined to the row above;
* a code column left of the label ("1", "1.2", "A3") gives ids and, through the numbering, parents.

Tables of figures (most cells numeric) are indicator tables, never goal tables. Tables come from
the table layer (`extractor.layout.tables` for PDF pages, `extractor.layout.table_grid` for text);
only pages that print a goal cue as a caption or a column header are searched, to keep this cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractor.layout.table_grid import is_number_cell
from extractor.layout.tables import Table, TableRow
from extractor.model import GoalNode
from extractor.parse.goal_cues import CueMatch, read_cue, singular, starts_with_cue
from extractor.parse.textutil import clean_title
from extractor.read.types import Line, Page

_CAPTION = re.compile(r"^\s*(tabel|table|overzicht)\b", re.IGNORECASE)
_CODE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z]\d{0,2}(?:\.\d{1,2}){0,2})\.?$")
_NOT_GOALS = re.compile(r"^\s*(effect)?indicator|kengetal|bron\b|eenheid|taakveld|bedrag|lasten|baten|partner|risico",
                        re.IGNORECASE)
MIN_ROWS = 2
MAX_TITLE = 200


@dataclass
class _Row:
    title: str
    row: TableRow
    group: bool
    code: Optional[str] = None
    label_col: int = 0
    extra: list[TableRow] = field(default_factory=list)
    children: list["_Row"] = field(default_factory=list)


@dataclass
class _Layout:
    """Where things are in one goal table."""

    label_col: int
    code_col: Optional[int] = None
    child_col: Optional[int] = None  # a second cue column ("Resultaat", "Acties"): its cells are the row goal's children
    child_rank: int = 3


def table_goal_pages(pages: list[Page]) -> list[int]:
    """Pages that print a goal cue as a table caption or as the first cell of a header-like line."""
    found: list[int] = []
    for page in pages:
        if any(_caption_cue(line.text) or _header_cue(line) for line in page.lines):
            found.append(page.number)
    return found


def _caption_cue(text: str) -> Optional[CueMatch]:
    """'Tabel 1 - Samenvatting opgaven RES 1.0': a caption naming a set of goals."""
    if not _CAPTION.match(text) or len(text) > 120:
        return None
    for word in re.findall(r"[A-Za-zÀ-ÿ]+", text):
        cue = read_cue(word)
        if cue is not None and cue.cue.kind == "goal" and cue.cue.plural:
            return cue
    return None


def _header_cue(line: Line) -> bool:
    if not line.words or not starts_with_cue(line.text):
        return False  # the cheap test first: most lines start with no cue at all
    segments = line.segments(min_gap=14.0)
    if len(segments) < 2:
        return False
    cue = read_cue(segments[0].text)
    return cue is not None and cue.whole and cue.cue.kind in ("goal", "action")


def pdf_goal_tables(pages: list[Page], skip: set[int]) -> list[Table]:
    """Tables on the candidate pages (and the page after each, for a table that runs on)."""
    from extractor.layout.tables import find_tables  # noqa: PLC0415  (only when a page qualifies)

    wanted = [n for n in table_goal_pages(pages) if n not in skip]
    if not wanted:
        return []
    numbers = sorted({n for w in wanted for n in (w, w + 1)} - skip)
    chosen = [p for p in pages if p.number in numbers]
    tables, _ = find_tables(chosen, use_camelot=False)
    return [t for t in tables if any(p in wanted for p in (t.pages or [t.page]))]


def goals_from_tables(tables: list[Table], pages: Optional[list[Page]] = None, taken: Optional[set[str]] = None,
                      headed_only: bool = False) -> list[GoalNode]:
    """Goal nodes of every goal table; ids unique over the document (`taken`: ids already given out).
    `headed_only`: only tables whose label column is headed by a goal cue (a caption naming goals is not enough)."""
    words = {p.number: [w for ln in p.lines for w in ln.words] for p in pages or []}
    taken = set(taken or ())
    nodes: list[GoalNode] = []
    read_tables = 0
    for table in tables:
        if table.caption is None:
            table.caption = next((ln.text.strip() for ln in reversed(table.above) if _CAPTION.match(ln.text)), None)
        own = _read_goal_table(table, words, set(), headed_only)
        if not own:
            continue
        read_tables += 1
        # A later table numbered from 1 again gets its ordinal as a prefix on every position id ("2-1", "2-1/3"),
        # so the ids of one table keep one scheme instead of a suffix only where a number was taken.
        prefix = f"{read_tables}-" if any(n.id in taken for n in own) else ""
        nodes.extend(_read_goal_table(table, words, taken, headed_only, prefix))
    return nodes


def _read_goal_table(table: Table, words: dict, taken: set[str], headed_only: bool = False, prefix: str = "") -> list[GoalNode]:
    head = _head_rows(table)
    if head is None:
        return []
    code_col, label_col = _columns(table, head)
    headers = [" ".join(r.cells[i] for r in table.rows[:head]).strip() for i in range(table.n_cols)]
    label_header = headers[label_col]
    header_cue = _column_cue(label_header)
    caption_cue = _caption_cue(table.caption or "")
    if header_cue is None and (headed_only or caption_cue is None or not label_header or _NOT_GOALS.search(label_header)):
        return []  # a caption alone needs a named label column: an empty corner cell heads a matrix, not a list
    body = table.rows[head:]
    if _numeric_share(body, label_col) > 0.5:
        return []  # a table of figures: its rows are indicators
    layout = _Layout(label_col=label_col, code_col=code_col)
    for index, header in enumerate(headers):
        child_cue = _column_cue(header) if index not in (label_col, code_col) else None
        own = header_cue or caption_cue
        if child_cue is not None and own is not None and child_cue.cue.rank >= own.cue.rank:
            layout.child_col, layout.child_rank = index, max(child_cue.cue.rank, own.cue.rank + 1)
            break
    rows = _rows(body, layout, words)
    if sum(1 for r in rows if not r.group) < MIN_ROWS:
        return []
    cue = header_cue or caption_cue
    assert cue is not None
    label = singular(cue).capitalize()
    group_label = (label_header or None) if header_cue is None else None  # the header names the groups
    child_label = headers[layout.child_col] if layout.child_col is not None else None
    return _nodes(rows, label, group_label, taken, (child_label, layout.child_rank), prefix)


def _column_cue(header: str) -> Optional[CueMatch]:
    """A column header that is a goal or action cue ("Doel", "Doelstelling/ambitie", "Resultaat")."""
    for part in [header, *re.split(r"\s*/\s*|\s+(?:en|of)\s+", header)] if header else []:
        cue = read_cue(part) if part else None
        if cue is not None and cue.whole and cue.cue.kind in ("goal", "action"):
            return cue  # "Doelstelling/ambitie": each part a cue
    return None


def _head_rows(table: Table) -> Optional[int]:
    """How many rows the header takes: the table layer's count, else one plus a second bold row of column heads.

    A bold row with only its label cell filled is a grouping row of the body, not a header line.
    """
    if table.header_rows is not None:
        return table.header_rows if 0 < table.header_rows < len(table.rows) else None
    if len(table.rows) < 2:
        return None
    second = table.rows[1]
    two_lines = len(table.rows) > 2 and table.rows[0].bold and second.bold and sum(1 for c in second.cells if c.strip()) >= 2
    return 2 if two_lines else 1


def _columns(table: Table, head: int) -> tuple[Optional[int], int]:
    """(code column, label column): a first column of unique codes is the code column."""
    body = [r for r in table.rows[head:] if r.cells and r.cells[0].strip()]
    first = [r.cells[0].strip() for r in body]
    if table.n_cols >= 2 and first and all(_CODE.match(c) for c in first) and len(set(first)) == len(first):
        return 0, 1
    return None, 0


def is_figure_table(table: Table) -> bool:
    """A table whose cells beside the first column are mostly numbers: indicators or money, never goals."""
    head = _head_rows(table) or 0
    return _numeric_share(table.rows[head:], 0) > 0.5


def _numeric_share(rows: list[TableRow], label_col: int) -> float:
    cells = [c for r in rows for i, c in enumerate(r.cells) if i != label_col and c.strip()]
    if not cells:
        return 0.0
    return sum(1 for c in cells if is_number_cell(c)) / len(cells)


def _rows(body: list[TableRow], layout: _Layout, words: dict) -> list[_Row]:
    label_col, code_col = layout.label_col, layout.code_col
    bold = [_label_bold(r, label_col, words) for r in body]
    mostly_plain = sum(bold) < len(body) / 2
    rows: list[_Row] = []
    for row, is_bold in zip(body, bold):
        text = clean_title(row.cells[label_col]) if label_col < len(row.cells) else ""
        skip = (label_col, code_col, layout.child_col)
        others = [c for i, c in enumerate(row.cells) if i not in skip and c.strip()]
        child = clean_title(row.cells[layout.child_col]) if layout.child_col is not None else ""
        code = row.cells[code_col].strip().rstrip(".") if code_col is not None and row.cells[code_col].strip() else None
        last = rows[-1] if rows else None
        if text and last is not None and not last.group and code is None and not is_bold and _continues(text):
            last.title = f"{last.title} {text}"  # the label cell wrapped over a row line of the grid
            last.extra.append(row)
            text = ""
        if text:
            short = len(text.split()) <= 6
            group = code is None and short and not child and (
                (is_bold and mostly_plain) or (not others and _next_has_cells(body, row, label_col)))
            last = _Row(title=text, row=row, group=group, code=code, label_col=label_col)
            rows.append(last)
        if child and last is not None and not last.group:
            _add_child(last, child, row, layout.child_col)  # type: ignore[arg-type]
    return rows


def _continues(text: str) -> bool:
    """A cell that goes on from the row above: it starts in lower case, also inside a bracket ("(on)betaald werk");
    "(Beter) zicht op …" starts a new item."""
    first = text.lstrip("(")[:1]
    return bool(first) and (first.islower() or not first.isalpha() and text[0] == "(")


def _add_child(goal: _Row, text: str, row: TableRow, column: int) -> None:
    if goal.children and _continues(text):
        goal.children[-1].title = f"{goal.children[-1].title} {text}"
        goal.children[-1].extra.append(row)
        return
    goal.children.append(_Row(title=text, row=row, group=False, label_col=column))


def _next_has_cells(body: list[TableRow], row: TableRow, label_col: int) -> bool:
    index = body.index(row)
    if index + 1 >= len(body):
        return False
    following = body[index + 1]
    return any(c.strip() for i, c in enumerate(following.cells) if i != label_col)


def _label_bold(row: TableRow, label_col: int, words: dict) -> bool:
    """Is the label cell printed in bold? (the row flag needs every cell bold)."""
    if row.bold:
        return True
    box = row.cell_boxes[label_col] if label_col < len(row.cell_boxes) else None
    page_words = words.get(row.page, [])
    if box is None or not page_words:
        return False
    inside = [w for w in page_words if box[0] - 1 <= w.x0 and w.x1 <= box[2] + 1 and box[1] - 1 <= w.top and w.bottom <= box[3] + 1]
    return bool(inside) and all(w.bold for w in inside)


def _nodes(rows: list[_Row], label: str, group_label: Optional[str], taken: set[str],
           child_kind: tuple[Optional[str], int], prefix: str = "") -> list[GoalNode]:
    nodes: list[GoalNode] = []
    by_code: dict[str, GoalNode] = {}
    group: Optional[GoalNode] = None
    groups = children = 0
    has_groups = any(r.group for r in rows)
    for item in rows:
        title = item.title[:MAX_TITLE]
        if item.group:
            groups += 1
            children = 0
            group = _node(_unique(f"{prefix}{groups}", taken), item, title, "beleidsterrein", group_label, None)
            nodes.append(group)
            continue
        children += 1
        parent = _code_parent(item.code, by_code) or group
        if item.code:
            node_id = _unique(item.code, taken)
        else:
            node_id = _unique(f"{group.id}/{children}" if group is not None else f"{prefix}{children}", taken)
        node = _node(node_id, item, title, "doel", label, parent.id if parent is not None else None)
        nodes.append(node)
        if item.code:
            by_code[item.code] = node
        child_label, child_rank = child_kind
        for position, child in enumerate(item.children, start=1):
            level = "prestatie" if child_rank >= 3 else "doel"
            nodes.append(_node(_unique(f"{node.id}/{position}", taken), child, child.title[:MAX_TITLE], level,
                               child_label, node.id))
    if not has_groups:
        return nodes
    return [n for n in nodes if n.level != "beleidsterrein" or any(c.parent == n.id for c in nodes)]


def _code_parent(code: Optional[str], by_code: dict[str, GoalNode]) -> Optional[GoalNode]:
    if not code or "." not in code:
        return None
    parts = code.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        found = by_code.get(".".join(parts[:cut]))
        if found is not None:
            return found
    return None


def _unique(node_id: str, taken: set[str]) -> str:
    base, suffix = node_id, 2
    while node_id in taken:
        node_id, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(node_id)
    return node_id


def _node(node_id: str, item: _Row, title: str, level: str, label: Optional[str], parent: Optional[str]) -> GoalNode:
    row = item.row
    boxes = [r.cell_boxes[item.label_col] for r in [row, *item.extra]
             if r.page == row.page and item.label_col < len(r.cell_boxes) and r.cell_boxes[item.label_col] is not None]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)) \
        if boxes else None  # type: ignore[index]
    lines = (row.lines[0], (item.extra[-1].lines or row.lines)[1]) if row.lines and item.extra else row.lines
    return GoalNode(id=node_id, code=item.code, title=title, level=level, label=label, parent=parent,  # type: ignore[arg-type]
                    page=row.page if row.page else None, bbox=bbox, lines=lines)
