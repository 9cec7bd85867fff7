"""Goal trees (doelenbomen) from laid-out lines.

Three layouts are recognised, tried in this order, and the first that finds a tree wins:

* coded trees (Leiden style): programma `2`, beleidsterrein `2A`, doel `2A1`, prestatie
  `2A1.1`. Parent links follow the codes, never the line order, because text extracted
  from the two-column "Doel | Prestatie" table prints a doel between its prestaties and can
  glue a code to the end of the previous cell ("…evenementen2B3 Veilig uitgaan").
* BBV sections (Wassenaar style): a programme heading "P1 Veiligheid en Handhaving", under
  "Wat willen we bereiken?" a numbered list of Doelstellingen ("1. …") and under "Wat gaan we
  daarvoor doen?" numbered Belangrijkste resultaten ("1.1 …" or, in jaarstukken, "1.1.01 …")
  whose parent is the doelstelling with the same number in the same programme. Only the lists
  count: the explanatory paragraphs that repeat the titles under "Toelichting" are skipped.
* numbered priorities of a beleidsplan ("5.1 Prioriteit 1 Objectieve veiligheid"), as doelen
  with their "Doelstelling (kwalitatief)" text as description.

A document with none of these gets no goals: a tree is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractor.layout import LaidOutDocument
from extractor.layout.outline import Outline
from extractor.model import ErrorEntry, GoalNode, Metadata, OutlineItem
from extractor.parse.goal_cues import member_label
from extractor.parse.goal_outline import NO_GOAL_TYPES, goal_cue_blocks, parse_outline_goals
from extractor.parse.goal_tables import goals_from_tables, is_figure_table, pdf_goal_tables
from extractor.parse.textutil import clean_title, is_blank
from extractor.read.types import Line, line_span, make_line, union_bbox

# --------------------------------------------------------------------------- shared pieces


@dataclass
class _Item:
    """A goal being assembled: its first cell plus continuation cells."""

    code: Optional[str]
    level: str
    cells: list[Line] = field(default_factory=list)
    first_text: str = ""
    programme: Optional[str] = None
    label: Optional[str] = None  # the document's word for the item as printed ("Doelstelling", "Prioriteit")

    @property
    def text(self) -> str:
        parts = [self.first_text] + [c.text.strip() for c in self.cells[1:]]
        return clean_title(" ".join(parts))


def _node(item: _Item, node_id: str, parent: Optional[str], title: Optional[str] = None,
          description: Optional[str] = None) -> GoalNode:
    first = item.cells[0]
    same_page = [c for c in item.cells if c.page == first.page]
    return GoalNode(
        id=node_id,
        code=item.code,
        title=title if title is not None else item.text,
        level=item.level,  # type: ignore[arg-type]
        label=item.label,
        parent=parent,
        page=first.page_number,
        bbox=union_bbox(same_page),
        lines=line_span(item.cells),
        description=description,
    )


def _cells(laid_out: LaidOutDocument) -> list[Line]:
    """Content lines for text; for PDFs each line is split into cells at wide gaps (table columns)."""
    lines = laid_out.lines()
    if laid_out.format != "pdf":
        return lines
    cells: list[Line] = []
    for line in lines:
        for segment in line.segments(min_gap=14.0):
            cells.extend(_split_at_codes(segment))
    return cells


_CODE_WORD = re.compile(r"^\d{1,2}[A-Z]\d{1,2}(?:\.\d{1,2})?$")


def _split_at_codes(cell: Line) -> list[Line]:
    """A goal code after a visible gap starts a new cell even when the columns are close together."""
    words = cell.words
    starts = [0] + [i for i in range(1, len(words))
                    if _CODE_WORD.match(words[i].text) and words[i].x0 - words[i - 1].x1 > 4.0]
    if len(starts) == 1:
        return [cell]
    bounds = starts + [len(words)]
    return [make_line(words[a:b], page=cell.page) for a, b in zip(bounds, bounds[1:])]


def parse_goals(laid_out: LaidOutDocument, metadata: Optional[Metadata] = None) -> tuple[list[GoalNode], list[ErrorEntry]]:
    """Return the goal nodes (flat, linked by `parent`) and any warnings."""
    general = _with_table_goals(parse_outline_goals(laid_out.outline(), metadata), laid_out, metadata)
    for parser in (parse_coded_tree, parse_bbv_sections, parse_priorities):
        goals, errors = parser(laid_out)
        if goals and not _covers(general, goals):
            return goals, errors
    return general, []


def _with_table_goals(general: list[GoalNode], laid_out: LaidOutDocument, metadata: Optional[Metadata]) -> list[GoalNode]:
    """Add the rows of goal tables; outline goals read from table rows give way (a row is no list item).

    A document type that sets no goals of its own (a monitor, a memo, a raadsvoorstel) still has its goal
    tables read when a column is headed by a goal cue ("Doelstelling | Resultaat"): such a header says what
    the rows are, whatever the document is; a caption alone is not enough there."""
    headed_only = metadata is not None and (metadata.document_type or "").lower() in NO_GOAL_TYPES
    if laid_out.format == "pdf":
        tables = pdf_goal_tables(laid_out.pages, set(laid_out.toc_pages))
        rows = goals_from_tables(tables, laid_out.pages, {g.id for g in general}, headed_only=headed_only)
        general = _outside_tables(general, [t for t in tables if is_figure_table(t) or _holds(t, rows)])
    else:
        from extractor.layout.table_grid import text_tables  # noqa: PLC0415

        rows = goals_from_tables(text_tables(laid_out.lines()), None, {g.id for g in general}, headed_only=headed_only)
    if not rows:
        return general
    titles = {g.title.lower() for g in rows}
    kept = [g for g in general if g.title.lower() not in titles or g.parent is not None or any(h.parent == g.id for h in general)]
    return kept + rows


def _holds(table, goals: list[GoalNode]) -> bool:
    return any(_inside(g, [table]) for g in goals)


def _inside(goal: GoalNode, tables: list) -> bool:
    if goal.bbox is None or goal.page is None:
        return False
    x, y = (goal.bbox[0] + goal.bbox[2]) / 2, (goal.bbox[1] + goal.bbox[3]) / 2
    return any(t.page == goal.page and t.bbox[0] <= x <= t.bbox[2] and t.bbox[1] <= y <= t.bbox[3] for t in tables)


def _outside_tables(goals: list[GoalNode], tables: list) -> list[GoalNode]:
    """Outline goals not printed inside the given tables; parents left without their children go too."""
    kept = [g for g in goals if not _inside(g, tables)]
    if len(kept) == len(goals):
        return goals
    had_children = {g.parent for g in goals if g.parent}
    while True:
        has_children = {g.parent for g in kept if g.parent}
        emptied = [g for g in kept if g.id in had_children and g.id not in has_children]
        if not emptied:
            return kept
        kept = [g for g in kept if g not in emptied]


def _covers(general: list[GoalNode], special: list[GoalNode]) -> bool:
    """Does the general reading find every node a specialised layout found, and more?"""
    titles = {g.title for g in general}
    return len(general) > len(special) and all(g.title in titles for g in special)


def outline_items(outline: Outline) -> list[OutlineItem]:
    """The outline's headings as output items, linked by `parent`."""
    items: list[OutlineItem] = []
    for section in outline.sections:
        heading = section.heading
        assert heading is not None
        parent = section.parent.id if section.parent is not None and section.parent.heading is not None else None
        items.append(OutlineItem(id=section.id, title=heading.text, level=section.level, number=heading.number,
                                 page=heading.page, bbox=heading.bbox, lines=heading.span, parent=parent))
    return items


def missing_goal_warning(outline: Outline, metadata: Optional[Metadata], goals: list[GoalNode]) -> Optional[ErrorEntry]:
    """`no_goal_structure` when headings or labels name goals but none could be read."""
    if goals or (metadata is not None and (metadata.document_type or "").lower() in NO_GOAL_TYPES):
        return None
    cues = goal_cue_blocks(outline)
    if cues >= 2:
        return ErrorEntry(code="no_goal_structure", severity="warning",
                          message=f"{cues} headings or labels name goals, but no goal tree could be read from them")
    kind = (metadata.document_type or "").lower() if metadata is not None else ""
    if kind in PLAN_TYPES and len(outline.sections) >= MIN_PLAN_HEADINGS:
        # a plan is written to state goals: many headings and none read is a miss to show, not a success
        return ErrorEntry(code="no_goal_structure", severity="warning",
                          message=f"a {kind} with {len(outline.sections)} headings, but none of them names goals "
                                  "in a way this version recognises; no goal tree was read")
    return None


# Document types written to state goals, and the outline size from which an empty goal tree is suspicious.
PLAN_TYPES = {"beleidsplan", "programma", "uitvoeringsprogramma", "coalitieakkoord", "verkiezingsprogramma",
              "jaarplan", "omgevingsvisie"}
MIN_PLAN_HEADINGS = 10


# --------------------------------------------------------------------------- Leiden-style codes

_CODE = r"\d{1,2}[A-Z](?:\d{1,2}(?:\.\d{1,2})?)?"
_GLUED = re.compile(r"(?<=[a-zà-ÿ\)\]])(?=\d{1,2}[A-Z]\d{1,2}(?:\.\d{1,2})?\s)")
_CODED_START = re.compile(rf"^\s*({_CODE})\s+(\S.*)$")
_BELEIDSTERREIN = re.compile(r"^\s*Beleidsterrein\s+(\d{1,2}[A-Z])\s+(\S.*)$", re.IGNORECASE)
_PROGRAMME_NUMBER = re.compile(r"^\s*Programma(?:nummer)?\s*:?\s*(\d{1,2})\s*$", re.IGNORECASE)
_PROGRAMME_LABEL_ONLY = re.compile(r"^\s*Programmanummer\s*$", re.IGNORECASE)
_PROGRAMME_MISSION = re.compile(r"missie van het programma\s+(.+?)\s+luidt", re.IGNORECASE)
_PROGRAMME_HEADING = re.compile(r"^\s*Programma\s+(\d{1,2})\s*[:.\-–]?\s+(\S.*)$", re.IGNORECASE)
# Lines that end a wrapped title in a coded tree.
_STOP_HEADINGS = re.compile(
    r"^\s*(Doel\s+Prestatie|Doel|Prestatie|Verbonden partijen|Effectindicatoren|Toelichting|"
    r"Doelen en prestaties|Beleidsterrein|Wat\s+(?:willen|wilden|gaan|hebben|mag|gaat|heeft)\b|"
    r"Realisatie|Bron|Streefwaarde|Indicator)\b",
    re.IGNORECASE,
)
_INDICATOR_CODE = re.compile(r"^\s*\d{1,2}[A-Z]\d{1,2}\.[a-z]\b")


def _code_level(code: str) -> str:
    if "." in code:
        return "prestatie"
    if re.fullmatch(r"\d{1,2}[A-Z]", code):
        return "beleidsterrein"
    return "doel"


def _code_parent(code: str) -> Optional[str]:
    if "." in code:
        return code.split(".")[0]
    match = re.fullmatch(r"(\d{1,2})([A-Z])(\d{1,2})?", code)
    if not match:
        return None
    if match.group(3):
        return match.group(1) + match.group(2)
    return match.group(1)


def _split_glued(cells: list[Line]) -> list[Line]:
    """'…evenementen2B3 Veilig uitgaan' becomes two cells; the second keeps the same provenance."""
    result: list[Line] = []
    for cell in cells:
        parts = _GLUED.split(cell.text)
        if len(parts) == 1:
            result.append(cell)
            continue
        for part in parts:
            result.append(Line(text=part, x0=cell.x0, top=cell.top, x1=cell.x1, bottom=cell.bottom,
                               words=cell.words, size=cell.size, bold=cell.bold, line_no=cell.line_no, page=cell.page))
    return result


def parse_coded_tree(laid_out: LaidOutDocument) -> tuple[list[GoalNode], list[ErrorEntry]]:
    cells = _split_glued(_cells(laid_out))
    coded = [c for c in cells if _CODED_START.match(c.text) and re.search(r"\d[A-Z]\d", c.text.split()[0])]
    if len({c.text.split()[0] for c in coded}) < 3:  # two codes in a catalogue or a footnote are no goal tree
        return [], []

    errors: list[ErrorEntry] = []
    items: dict[str, _Item] = {}
    order: list[str] = []
    programme_code: Optional[str] = None
    programme_title: Optional[str] = None
    programme_cell: Optional[Line] = None
    terrain_titles: dict[str, tuple[str, Line]] = {}
    expect_programme_number = False
    # Items whose title may still continue on the next line; one per table column in PDFs,
    # because a row can hold a doel cell and a prestatie cell side by side.
    open_items: list[_Item] = []

    for index, cell in enumerate(cells):
        text = cell.text.strip()
        if is_blank(text):
            open_items = []
            continue
        if expect_programme_number:
            if re.fullmatch(r"\d{1,2}", text):
                programme_code, programme_cell = text, cell
                expect_programme_number = False
                continue
            if len(text) > 3:
                expect_programme_number = False
        if _PROGRAMME_LABEL_ONLY.match(text):
            expect_programme_number = True
            open_items = []
            continue
        match = _PROGRAMME_NUMBER.match(text)
        if match and programme_code is None:
            programme_code, programme_cell = match.group(1), cell
            open_items = []
            continue
        match = _PROGRAMME_HEADING.match(text)
        if match and programme_code is None:
            programme_code, programme_title, programme_cell = match.group(1), clean_title(match.group(2)), cell
            open_items = []
            continue
        match = _PROGRAMME_MISSION.search(text)
        if match and programme_title is None:
            programme_title = clean_title(match.group(1))
        match = _BELEIDSTERREIN.match(text)
        if match:
            terrain_titles.setdefault(match.group(1), (clean_title(match.group(2)), cell))
            open_items = []
            continue
        if _INDICATOR_CODE.match(text):
            open_items = []
            continue
        match = _CODED_START.match(text)
        if match and re.search(r"\d[A-Z]", match.group(1)):
            code = match.group(1)
            if code in items:  # repeated in an indicator table or explanation: the tree's first mention wins
                open_items = []
                continue
            item = _Item(code=code, level=_code_level(code), cells=[cell], first_text=match.group(2))
            open_items = [o for o in open_items if abs(o.cells[0].x0 - cell.x0) > 20] + [item]
            items[code] = item
            order.append(code)
            continue
        owner = next((o for o in open_items if _continues(o, cell)), None) if not _STOP_HEADINGS.match(text) else None
        if owner is not None:
            owner.cells.append(cell)
            continue
        if cell.line_no is not None:
            open_items = []

    if not items:
        return [], []

    goals: list[GoalNode] = []
    known: set[str] = set()
    if programme_code is None:
        # A coded tree without a printed programme number: take it from the codes when they agree.
        prefixes = {re.match(r"\d{1,2}", code).group(0) for code in items}  # type: ignore[union-attr]
        if len(prefixes) == 1:
            programme_code = prefixes.pop()
    if programme_code is not None:
        title = programme_title
        if title is None and laid_out.format != "pdf":  # a text excerpt opens with its programme's name
            title = _first_heading_title(cells)
        if title:
            anchor = programme_cell or cells[0]
            goals.append(GoalNode(id=programme_code, code=programme_code, title=title, level="programma",
                                  page=anchor.page_number, bbox=anchor.bbox, lines=line_span([anchor])))
            known.add(programme_code)
        else:
            errors.append(ErrorEntry(code="goal_tree_incomplete", severity="warning",
                                     message=f"programme {programme_code} has no recognisable title; node left out"))
    # Beleidsterreinen first, in printed order, then the coded items in printed order.
    for code, (title, cell) in terrain_titles.items():
        parent = programme_code if programme_code in known else None
        goals.append(GoalNode(id=code, code=code, title=title, level="beleidsterrein", parent=parent,
                              page=cell.page_number, bbox=cell.bbox, lines=line_span([cell])))
        known.add(code)
    ordered = sorted(order, key=lambda c: (c.count("."), order.index(c)))
    pending: list[GoalNode] = []
    for code in ordered:
        if code in known:
            continue
        item = items[code]
        parent = _code_parent(code)
        while parent is not None and parent not in known and parent not in items:
            parent = _code_parent(parent) if parent != _code_parent(parent) else None
        if parent is not None and parent not in known and parent not in items:
            parent = None
        if parent is None and code != programme_code:
            errors.append(ErrorEntry(code="goal_tree_incomplete", severity="warning", page=item.cells[0].page_number,
                                     message=f"no parent found for goal {code}"))
        pending.append(_node(item, code, parent))
        known.add(code)
    goals.extend(sorted(pending, key=lambda g: order.index(g.id)))
    labels = _printed_level_words(cells)
    for goal in goals:
        goal.label = labels.get(goal.level)
    return _order_tree(goals), errors


# The words a coded tree prints for its levels: "Programmanummer 2", "Beleidsterrein 2A …", the table header "Doel | Prestatie".
_LEVEL_WORDS = {
    "programma": (re.compile(r"^\s*Programma(?:nummer)?\b"), "Programma"),
    "beleidsterrein": (re.compile(r"^\s*Beleidsterrein\b"), "Beleidsterrein"),
    "doel": (re.compile(r"^\s*Doel\b"), "Doel"),
    "prestatie": (re.compile(r"^\s*(?:Doel\s+)?Prestatie\b"), "Prestatie"),
}


def _printed_level_words(cells: list[Line]) -> dict[str, str]:
    """Level -> label, for the level words the document itself prints (a level word not printed gives no label)."""
    found: dict[str, str] = {}
    for cell in cells:
        for level, (pattern, word) in _LEVEL_WORDS.items():
            if level not in found and pattern.match(cell.text):
                found[level] = word
    return found


def _continues(item: _Item, cell: Line) -> bool:
    """Does `cell` continue the wrapped title of `item` (next line, same column, same font)?"""
    last = item.cells[-1]
    if cell.line_no is not None:  # text: the next non-blank line
        return last.line_no is not None and cell.line_no == last.line_no + 1
    if cell.page != last.page:
        return False
    height = max(last.bottom - last.top, 6.0)
    if not (-1 <= cell.top - last.bottom <= 0.9 * height):
        return False
    column = item.cells[0].x0
    if not (column - 3 <= cell.x0 <= column + 45):
        return False
    return abs(cell.size - last.size) < 0.6


def _first_heading_title(cells: list[Line]) -> Optional[str]:
    for cell in cells[:5]:
        text = clean_title(cell.text)
        if text and len(text) <= 60 and not re.match(r"\d", text):
            return text
    return None


def _order_tree(goals: list[GoalNode]) -> list[GoalNode]:
    """Depth-first order: each node followed by its descendants, siblings in printed order."""
    by_parent: dict[Optional[str], list[GoalNode]] = {}
    for goal in goals:
        by_parent.setdefault(goal.parent, []).append(goal)
    ordered: list[GoalNode] = []

    def visit(parent: Optional[str]) -> None:
        for child in by_parent.get(parent, []):
            ordered.append(child)
            visit(child.id)

    visit(None)
    return ordered


# --------------------------------------------------------------------------- BBV sections (Wassenaar)

_P_HEADING = re.compile(r"^\s*(P\d{1,2})\s*[:.\-–]?\s+(\S.*)$")
_BEREIKEN = re.compile(r"wat\s+(?:willen|wilden)\s+we\s+(?:bereiken|bereikt)|wat\s+hebben\s+we\s+bereikt", re.IGNORECASE)
_DOEN = re.compile(r"wat\s+(?:gaan|wilden|hebben)\s+we\s+(?:daarvoor\s+)?(?:doen|gedaan)", re.IGNORECASE)
_DOELSTELLINGEN = re.compile(r"^\s*(?:Doelstellingen|Doelstelling|Doelen|Beleidsdoelen)\s*:?\s*$", re.IGNORECASE)
_RESULTATEN = re.compile(r"^\s*(?:Belangrijkste\s+)?(?:resultaten|prestaties|activiteiten)\b(?:\s+(?:voor\s+|in\s+)?\d{4})?\s*:?\s*$", re.IGNORECASE)
_SECTION_END = re.compile(
    r"^\s*(Toelichting|Wat\s+(?:mag|gaat|heeft)\s+het|Wat\s+kost|Effectindicatoren|Beleidsindicatoren|"
    r"Verbonden partijen|Beleidskaders?|Financi|Tabel\s+\d|Ontwikkelingen|Visie)\b",
    re.IGNORECASE,
)
_LABELLED_DOEL = re.compile(r"^\s*(?:Beleids)?[Dd]oel(?:stelling)?\s+(\d{1,2}(?:\.\d{1,2})?)\s*[:.\-–]\s*(\S.*)$")
_LABELLED_PRESTATIE = re.compile(r"^\s*(?:Prestatie|Activiteit|Resultaat|Actie)\s+(\d{1,2}(?:\.\d{1,3}){0,2})\s*[:.\-–]\s*(\S.*)$")
_DOEL_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_RESULT_ITEM = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3}){1,2})\.?:?\s+(\S.*)$")


@dataclass
class _Programme:
    key: str  # id, e.g. "P1"
    number: str
    title: str
    cell: Line
    label: Optional[str] = None  # "Programma" when printed; a bare "P1" has no word

def _body_size(cells: list[Line]) -> float:
    sizes: dict[float, int] = {}
    for cell in cells:
        if cell.size:
            sizes[cell.size] = sizes.get(cell.size, 0) + len(cell.text)
    return max(sizes, key=lambda s: sizes[s]) if sizes else 0.0


def _is_heading(cell: Line, body: float) -> bool:
    if cell.line_no is not None:
        return True  # text input: no font facts; the pattern alone decides
    return cell.bold or (body > 0 and cell.size >= body + 0.9)


def parse_bbv_sections(laid_out: LaidOutDocument) -> tuple[list[GoalNode], list[ErrorEntry]]:
    lines = laid_out.lines()
    if not lines:
        return [], []
    body = _body_size(lines)
    errors: list[ErrorEntry] = []
    programmes: dict[str, _Programme] = {}
    doelen: dict[str, _Item] = {}
    results: dict[str, _Item] = {}
    order: list[str] = []
    programme: Optional[_Programme] = None
    mode: Optional[str] = None  # "doel" | "prestatie" while inside a list
    list_label: Optional[str] = None  # the list heading's word for one item ("Doelstellingen" -> "Doelstelling")
    section: Optional[str] = None
    current: Optional[_Item] = None

    for line in lines:
        text = line.text.strip()
        if is_blank(text):
            if line.line_no is not None:
                current = None
            continue
        heading = _P_HEADING.match(text) or _PROGRAMME_HEADING.match(text)
        if heading and _is_heading(line, body) and len(text) < 90 and not text.endswith((".", ",", ";")):
            number = re.sub(r"\D", "", heading.group(1))
            key = f"P{number}"
            if key not in programmes:
                programmes[key] = _Programme(key=key, number=number, title=clean_title(heading.group(2)), cell=line,
                                             label="Programma" if re.match(r"\s*Programma\b", text) else None)
            programme = programmes[key]
            mode = section = None
            current = None
            continue
        if _BEREIKEN.search(text) and len(text) < 80:
            section, mode, current = "bereiken", None, None
            continue
        if _DOEN.search(text) and len(text) < 80:
            section, mode, current = "doen", None, None
            continue
        if _DOELSTELLINGEN.match(text) and section != "doen":
            mode, current, list_label = "doel", None, member_label(text.rstrip(": "))
            continue
        if _RESULTATEN.match(text) and (section == "doen" or text.lower().startswith("belangrijkste")):
            mode, current, list_label = "prestatie", None, member_label(text.rstrip(": "))
            continue
        if _SECTION_END.match(text) and (_is_heading(line, body) or len(text) < 60):
            mode, current = None, None
            continue
        labelled = _LABELLED_DOEL.match(text) if section == "bereiken" else (
            _LABELLED_PRESTATIE.match(text) if section == "doen" else None)
        if labelled and len(text) < 400:
            # "Doel 2: …" / "Beleidsdoel 1.2 …" / "Prestatie 1.2.1 …": labelled items need no list heading.
            level = "doel" if section == "bereiken" else "prestatie"
            store = doelen if level == "doel" else results
            prefix = programme.key + "/" if programme else ""
            node_id = prefix + labelled.group(1)
            if node_id not in store:
                current = _Item(code=labelled.group(1), level=level, cells=[line], first_text=labelled.group(2),
                                programme=programme.key if programme else None, label=text[:labelled.start(1)].strip())
                store[node_id] = current
                order.append(node_id)
                mode = None
                continue
        if mode == "doel":
            match = _DOEL_ITEM.match(text)
            if match:
                prefix = programme.key + "/" if programme else ""
                node_id = prefix + match.group(1)
                if node_id in doelen:
                    mode, current = None, None  # a second list with the same numbers: not ours
                    continue
                current = _Item(code=match.group(1), level="doel", cells=[line], first_text=match.group(2),
                                programme=programme.key if programme else None, label=list_label)
                doelen[node_id] = current
                order.append(node_id)
                continue
        elif mode == "prestatie":
            # A result printed without a sub-number ("7. …") is still a result of doelstelling 7.
            match = _RESULT_ITEM.match(text) or _DOEL_ITEM.match(text)
            if match:
                code = match.group(1) if "." in match.group(1) else match.group(1) + "."
                prefix = programme.key + "/" if programme else ""
                node_id = prefix + code
                if node_id in results:  # the explanations repeating the list have started
                    mode, current = None, None
                    continue
                current = _Item(code=code, level="prestatie", cells=[line], first_text=match.group(2),
                                programme=programme.key if programme else None, label=list_label)
                results[node_id] = current
                order.append(node_id)
                continue
        if current is not None and _continues_list_item(current, line, body):
            current.cells.append(line)
            continue
        if mode is not None and current is not None and line.line_no is None:
            mode = None  # prose after the list: the list is over
        current = None

    if not doelen and not results:
        return [], []

    goals: list[GoalNode] = []
    for prog in programmes.values():
        if any(item.programme == prog.key for item in list(doelen.values()) + list(results.values())):
            goals.append(GoalNode(id=prog.key, code=prog.key, title=prog.title, level="programma", label=prog.label,
                                  page=prog.cell.page_number, bbox=prog.cell.bbox, lines=line_span([prog.cell])))
    for node_id, item in doelen.items():
        goals.append(_node(item, node_id, item.programme))
    for node_id, item in results.items():
        parent = _result_parent(item, doelen)
        if parent is None:
            parent = item.programme
            errors.append(ErrorEntry(code="goal_tree_incomplete", severity="warning", page=item.cells[0].page_number,
                                     message=f"resultaat {item.code} has no matching doelstelling; linked to its programme"))
        goals.append(_node(item, node_id, parent))
    position = {node_id: index for index, node_id in enumerate(order)}
    goals.sort(key=lambda g: position.get(g.id, -1))
    return _order_tree(goals), errors


def _result_parent(item: _Item, doelen: dict[str, _Item]) -> Optional[str]:
    """'1.1' → doelstelling 1; jaarstukken '1.2.01' (programme.doel.volgnummer) → doelstelling 2."""
    assert item.code is not None
    parts = item.code.rstrip(".").split(".")
    prefix = item.programme + "/" if item.programme else ""
    candidates = [".".join(parts[:-1])] if len(parts) > 2 else []
    if len(parts) >= 3:
        programme_number = item.programme[1:] if item.programme else None
        if programme_number is not None and parts[0] == programme_number:
            candidates.append(parts[1])
        candidates.append(parts[0])
    else:
        candidates.append(parts[0])
    for number in candidates:
        if prefix + number in doelen:
            return prefix + number
    return None


def _continues_list_item(item: _Item, line: Line, body: float) -> bool:
    text = line.text.strip()
    if _DOEL_ITEM.match(text) or _RESULT_ITEM.match(text):
        return False
    last = item.cells[-1]
    if line.line_no is not None:
        return last.line_no is not None and line.line_no == last.line_no + 1
    if line.page != last.page or line.bold != last.bold:
        return False
    height = max(last.bottom - last.top, 6.0)
    if not (0 <= line.top - last.bottom <= 1.0 * height):
        return False
    return abs(line.size - last.size) < 0.6


# --------------------------------------------------------------------------- beleidsplan priorities

_PRIORITY = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,2})?)\s+)?(Prioriteit\s+\d{1,2}\b\s*[:.\-–]?\s*\S.*)$", re.IGNORECASE)
_QUALITATIVE = re.compile(r"^\s*Doelstelling\s*\(?\s*kwalitatief\s*\)?\s*:?\s*$", re.IGNORECASE)


def parse_priorities(laid_out: LaidOutDocument) -> tuple[list[GoalNode], list[ErrorEntry]]:
    lines = laid_out.lines()
    goals: list[GoalNode] = []
    seen: set[str] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _PRIORITY.match(line.text)
        if not match or re.search(r"(\.{3,}|…|\t\s*\d+\s*$)", line.text):
            index += 1
            continue
        code = match.group(1)
        title = clean_title(match.group(2))
        node_id = code or re.sub(r"\W+", "-", title.split(" ")[0] + "-" + title.split(" ")[1]).lower()
        if node_id in seen:
            index += 1
            continue
        seen.add(node_id)
        description = _qualitative_goal(lines, index + 1)
        item = _Item(code=code, level="doel", cells=[line], first_text=title, label=match.group(2).split()[0])
        goals.append(_node(item, node_id, None, title=title, description=description))
        index += 1
    if not any(goal.description for goal in goals):
        return [], []  # "Prioriteit N" without its "Doelstelling (kwalitatief)" is left to the general method
    return goals, []


def _qualitative_goal(lines: list[Line], start: int) -> Optional[str]:
    """The paragraph after 'Doelstelling (kwalitatief)' within the next few lines."""
    for offset in range(start, min(start + 8, len(lines))):
        if _QUALITATIVE.match(lines[offset].text):
            paragraph: list[str] = []
            for line in lines[offset + 1:]:
                text = line.text.strip()
                if not text:
                    if paragraph:
                        break
                    continue
                if paragraph and line.line_no is None and line.bold:
                    break
                paragraph.append(text)
                if line.line_no is not None:
                    break  # text input: one paragraph per line
            return clean_title(" ".join(paragraph).strip("“”\"' ")) or None
        if _PRIORITY.match(lines[offset].text):
            break
    return None
