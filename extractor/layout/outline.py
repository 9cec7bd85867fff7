"""The document's outline: headings with levels, lists, labelled blocks, frames.

One linear pass over the content lines (page furniture and the table of contents are already
gone) turns them into blocks — headings, paragraphs, list items, labelled blocks — and hangs the
blocks under a tree of sections. Everything is read from what is printed:

* PDF: a heading is larger or bolder than the body text and short; its level comes from its
  style (size, then weight) refined by its numbering depth (`1`, `1.2`, `2A`, `H3`,
  `Hoofdstuk 4`, `§ 2`). Lists start at a bullet or an item number; nesting follows the marker's
  indent; wrapped lines (also across a page break) are joined. A block inside a drawn frame is
  marked `boxed`.
* Text: no fonts, so headings are short lines standing on their own, numbered headings and
  the BBV questions; list nesting follows leading spaces and the kind of marker.

Goal parsing and later features read this structure; nothing in parse/ looks for headings itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractor.read.types import Line, Page, line_span, union_bbox

# --------------------------------------------------------------------------- markers and patterns

_BULLET_CHARS = "•▪■◦●○▫□➢►▶➤✓✔·*-–—"
_BULLET = re.compile(rf"^\s*([{re.escape(_BULLET_CHARS)}]|o(?=\s)|[\ue000-\uf8ff])\s*(\S.*)?$")
_ITEM_NUMBER = re.compile(r"^\s*(?:\(?(\d{1,2}|[a-z]|[ivx]{1,4})([.)])|\((\d{1,2}|[a-z])\))(?:\s+(\S.*)|(?<=\d[.)])([A-Z][a-zà-ÿ].*))?$")
_DOTTED_ITEM = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}[A-Z]\d{1,2}(?:\.\d{1,2})?)\.?\s+([A-ZÀ-Ý(].*)$")
_HEADING_NUMBER = re.compile(
    r"^\s*(?P<num>(?:\d{1,2}\.){1,3}\d{1,2}\.?|\d{1,2}\.?|\d{1,2}[A-Z](?:\d{1,2}(?:\.\d{1,2})?)?|H\d{1,2}|[A-Z]\.|[IVX]{1,4}\.|[a-z]\))"
    r"\s+(?P<title>\S.*)$"
)
_HEADING_WORD = re.compile(r"^\s*(?P<word>Hoofdstuk|Paragraaf|Deel|Programma|Thema|§)\s*(?P<num>\d{1,2}(?:\.\d{1,2})*[A-Z]?)\s*[:.\-–]?\s*(?P<title>.*)$",
                           re.IGNORECASE)
_LABEL = re.compile(
    r"^\s*(?P<label>[A-ZÀ-Ý][A-Za-zÀ-ÿ’'\-]*(?:\s+[a-zà-ÿA-ZÀ-Ý’'\-]+){0,3}?)"
    r"(?:\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?(?:\s*(?:t/m|tot en met|en|,|&|-|–)\s*\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)*))?"
    r"\s*:\s*(?P<rest>.*)$"
)
# Text tables as web pages print them ("1E | Verbeteren van … | | |"): a rule row, and a row of a code and one text cell.
_PIPE_RULE = re.compile(r"^[\s|:\-–—]*\|[\s|:\-–—]*$")
_ROW_CODE = re.compile(r"^(?:\d{1,2}[A-Z]?(?:\d{1,2})?(?:\.\d{1,2}){0,2}|[A-Z]\d{1,2}(?:\.\d{1,2}){0,2})$")
_BBV_QUESTION = re.compile(r"^\s*wat\s+(willen|wilden|gaan|hebben|mag|gaat|heeft|kost|doen)\b.*\?\s*$", re.IGNORECASE)
_END_OF_SENTENCE = re.compile(r"[.,;!]\s*$")
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]")

MAX_HEADING_CHARS = 160
MAX_HEADING_LINES = 5


# --------------------------------------------------------------------------- the structure


@dataclass(slots=True)
class Block:
    """A unit a reader sees: a heading, a paragraph, a list item or a labelled block."""

    kind: str  # "heading" | "paragraph" | "item" | "label"
    text: str  # heading: title without its number; item: text without marker; label: text after the label
    lines: list[Line]
    number: Optional[str] = None  # printed number of a heading or item ("1.2", "a", "2A1")
    marker: Optional[str] = None  # item: the bullet or the numbering kind ("1", "a", "i", "•")
    depth: int = 0  # heading: level (1 = top); item: list nesting (1 = top)
    label: Optional[str] = None  # labelled block: the label as printed ("Doel"); table-row item: its column header
    boxed: bool = False
    list_id: int = 0  # items of one list share it
    section: Optional["Section"] = None

    @property
    def page(self) -> Optional[int]:
        return self.lines[0].page_number if self.lines else None

    @property
    def bbox(self) -> Optional[tuple[float, float, float, float]]:
        first = self.lines[0].page
        return union_bbox([line for line in self.lines if line.page == first])

    @property
    def span(self) -> Optional[tuple[int, int]]:
        return line_span(self.lines)

    @property
    def first_line(self) -> Line:
        return self.lines[0]


@dataclass
class Section:
    """A heading and what belongs to it: its blocks in order, then its sub-sections."""

    id: str
    level: int
    heading: Optional[Block]
    parent: Optional["Section"] = None
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    @property
    def number(self) -> Optional[str]:
        return self.heading.number if self.heading else None

    def ancestors(self) -> list["Section"]:
        result: list[Section] = []
        node = self.parent
        while node is not None and node.heading is not None:
            result.append(node)
            node = node.parent
        return result


@dataclass
class Outline:
    root: Section
    sections: list[Section]  # every heading's section, in reading order
    blocks: list[Block]  # every block, in reading order
    lists: int = 0

    def labels(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "label"]


# --------------------------------------------------------------------------- line features


def _clean(text: str) -> str:
    return " ".join(text.split())


def body_size(lines: list[Line]) -> float:
    """The font size of most characters: the body text."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_heading_number(text: str) -> tuple[Optional[str], str]:
    """'2.1 Veilig wonen' -> ('2.1', 'Veilig wonen'); 'Hoofdstuk 4: X' -> ('4', 'X')."""
    match = _HEADING_WORD.match(text)
    if match and (match.group("title") or match.group("word") != "§"):
        return match.group("num"), _clean(match.group("title"))
    match = _HEADING_NUMBER.match(text)
    if match and _LETTERS.search(match.group("title")):
        return match.group("num").rstrip(".)"), _clean(match.group("title"))
    return None, _clean(text)


def numbering_depth(number: Optional[str]) -> int:
    """'1' -> 1, '1.2' -> 2, '2A' -> 2, '2A1' -> 3, '2A1.1' -> 4, 'H3' -> 1."""
    if not number:
        return 0
    if re.fullmatch(r"\d{1,2}[A-Z]\d{0,2}(?:\.\d{1,2})?", number):
        return 2 + (1 if re.search(r"[A-Z]\d", number) else 0) + number.count(".")
    return number.count(".") + 1


def list_marker(text: str) -> Optional[tuple[str, str, Optional[str], str]]:
    """(marker kind, marker as printed, number, rest) when the line starts a list item."""
    match = _BULLET.match(text)
    if match:
        char = match.group(1)
        if char in "-–—*" and match.group(2) and re.match(r"\d", match.group(2)):
            return None  # "- 12" or "-5%" is a number, not a bullet
        if char == "o" and not match.group(2):
            return None
        return "bullet", char, None, _clean(match.group(2) or "")
    match = _ITEM_NUMBER.match(text)
    if match:
        number = match.group(1) or match.group(3)
        rest = _clean(match.group(4) or match.group(5) or "")
        if number.isdigit():
            kind = "1"
        elif re.fullmatch(r"[ivx]{1,4}", number) and number != "i" or number in ("ii", "iii"):
            kind = "i"
        else:
            kind = "a"
        if kind != "1" and not rest:
            return None  # a lone letter is no item
        return kind, number, number, rest
    match = _DOTTED_ITEM.match(text)
    if match:  # "1.2 …": an item of a numbered list nested by its number, or a numbered heading
        return "1", match.group(1), match.group(1), _clean(match.group(2))
    return None


def split_label(text: str) -> Optional[tuple[str, Optional[str], str]]:
    """'Hoofddoel 2: Gezond opgroeien' -> ('Hoofddoel', '2', 'Gezond opgroeien')."""
    match = _LABEL.match(text)
    if not match:
        return None
    label = match.group("label")
    if len(label) > 40 or re.search(r"https?$|www$", label, re.IGNORECASE):
        return None
    return _clean(label), match.group("num"), _clean(match.group("rest"))


# --------------------------------------------------------------------------- building


def build_outline(pages: list[Page], lines: list[Line], is_pdf: bool) -> Outline:
    """The outline of a document from its content lines in reading order."""
    blocks = _pdf_blocks(lines, pages) if is_pdf else _text_blocks(lines)
    _assign_heading_levels(blocks, is_pdf)
    list_count = _assign_list_depths(blocks, is_pdf)
    root = Section(id="root", level=0, heading=None)
    sections: list[Section] = []
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while len(stack) > 1 and stack[-1].level >= block.depth:
                stack.pop()
            section = Section(id=f"h{len(sections) + 1}", level=block.depth, heading=block, parent=stack[-1])
            stack[-1].children.append(section)
            sections.append(section)
            stack.append(section)
            block.section = section
            continue
        stack[-1].blocks.append(block)
        block.section = stack[-1]
    return Outline(root=root, sections=sections, blocks=blocks, lists=list_count)


# ---- PDF


@dataclass
class _Style:
    body: float

    def heading_like(self, line: Line) -> bool:
        text = line.text.strip()
        if not _LETTERS.search(text) or len(text) > MAX_HEADING_CHARS:
            return False
        larger = self.body > 0 and line.size >= self.body + 0.9
        return larger or (line.bold and line.size >= self.body - 0.6)


def _same_style(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) < 0.6 and a.bold == b.bold


def _next_line_gap(previous: Line, line: Line) -> Optional[float]:
    """Vertical white between two lines of one page (None across pages)."""
    if previous.page != line.page:
        return None
    return line.top - previous.bottom


def _pdf_blocks(lines: list[Line], pages: list[Page]) -> list[Block]:
    style = _Style(body=body_size(lines))
    frames = {page.number: [r for r in page.rects if (r.x1 - r.x0) > 40 and (r.bottom - r.top) > 14] for page in pages}
    blocks: list[Block] = []
    current: Optional[Block] = None
    text_x0 = 0.0  # where the current item's text starts (hanging indent)
    for line in lines:
        text = line.text.strip()
        if not text:
            current = None
            continue
        marker = list_marker(text)
        heading_like = style.heading_like(line)
        label = split_label(text)
        starts_label = label is not None and (current is None or current.kind != "item" or line.x0 < text_x0 - 2)
        if current is not None and marker is None and not starts_label and _continues(current, line, heading_like, text_x0):
            current.lines.append(line)
            current.text = _clean(current.text + " " + text)
            continue
        if marker is not None and not (heading_like and line.size >= style.body + 0.9 and marker[0] != "bullet"):
            kind, printed, number, rest = marker
            current = Block(kind="item", text=rest, lines=[line], number=number, marker=kind if kind != "bullet" else printed)
            text_x0 = line.words[1].x0 if len(line.words) > 1 else line.x0
            blocks.append(current)
            continue
        if label is not None and (line.bold or len(label[0].split()) <= 3) and not (heading_like and line.size >= style.body + 0.9):
            current = Block(kind="label", text=label[2], lines=[line], number=label[1], label=label[0])
            blocks.append(current)
            continue
        key_value = _key_value(line)
        if key_value is not None:
            current = Block(kind="label", text=key_value[1], lines=[line], label=key_value[0])
            blocks.append(current)
            continue
        if heading_like:
            number, title = split_heading_number(text)
            current = Block(kind="heading", text=title, lines=[line], number=number)
            blocks.append(current)
            continue
        current = Block(kind="paragraph", text=_clean(text), lines=[line])
        blocks.append(current)
    blocks = [_settle_heading(b, style) for b in blocks]
    _mark_boxed(blocks, frames)
    return blocks


def _continues(block: Block, line: Line, heading_like: bool, text_x0: float) -> bool:
    """Does `line` carry on `block` (a wrapped line) rather than start a new block?"""
    last = block.lines[-1]
    first = block.lines[0]
    gap = _next_line_gap(last, line)
    height = max(last.bottom - last.top, 0.6 * last.size / 0.8, 6.0)
    if block.kind == "heading":
        return (heading_like and _same_style(last, line) and gap is not None and -1 <= gap <= 0.8 * height
                and _heading_room(block, line) and not re.search(r"[.;!?:]\s*$", last.text)
                and abs(line.x0 - first.x0) < 60)
    if gap is None:  # a page break: a hanging-indented item line, or an unfinished sentence in the same style
        if block.kind == "item":
            return abs(line.x0 - text_x0) <= 3 and line.x0 > first.x0 + 4 and not heading_like and abs(line.size - last.size) < 0.6
        return (block.kind in ("label", "paragraph") and _same_style(last, line) and abs(line.x0 - first.x0) <= 3
                and not re.search(r"[.:;!?]\s*$", last.text) and line.text[:1].islower())
    if not (-1 <= gap <= 0.8 * height):
        return False
    if block.kind == "label":  # the label word is often bold, its text is not
        return (not heading_like or _same_style(last, line)) and line.x0 >= first.x0 - 3 and abs(line.size - last.size) < 0.6
    if block.kind == "item":  # a wrapped item line may come out a point smaller
        return line.bold == last.bold and abs(line.size - last.size) < 1.1 and line.x0 >= first.x0 - 2
    if not _same_style(last, line):
        return False
    return abs(line.x0 - first.x0) <= 25


def _heading_room(block: Block, line: Line) -> bool:
    """Room for one more wrapped heading line: five lines, or more of a narrow column while the title stays short."""
    if len(block.lines) < MAX_HEADING_LINES:
        return True
    return len(block.lines) < 2 * MAX_HEADING_LINES and len(block.text) + len(line.text) <= 1.6 * MAX_HEADING_CHARS


def _key_value(line: Line) -> Optional[tuple[str, str]]:
    """A label cell beside its text ('Operationeel doel    Regionale afstemming …')."""
    if len(line.words) < 3:
        return None
    parts = line.segments(min_gap=20.0)
    if len(parts) != 2:
        return None
    key, value = parts[0].text.strip(), parts[1].text.strip()
    if len(key) > 30 or len(key.split()) > 3 or not re.fullmatch(r"[A-Za-zÀ-ÿ ’'\-]+", key) or not key[0].isupper():
        return None
    if len(value) < 8 or not _LETTERS.search(value[:3]) or len(value) < len(key):
        return None
    return key, _clean(value)


def _settle_heading(block: Block, style: _Style) -> Block:
    """A long bold run or a full sentence in bold is emphasis, not a heading."""
    if block.kind != "heading":
        return block
    text = " ".join(line.text.strip() for line in block.lines)
    if len(text) > 1.6 * MAX_HEADING_CHARS or (text.endswith(".") and len(text) > 90) or text.endswith((",", ";")):
        return Block(kind="paragraph", text=_clean(text), lines=block.lines)
    return block


def _mark_boxed(blocks: list[Block], frames: dict[int, list]) -> None:
    for block in blocks:
        line = block.lines[0]
        for rect in frames.get(line.page, ()):
            if rect.x0 - 2 <= line.x0 and line.x1 <= rect.x1 + 2 and rect.top - 2 <= line.top and line.bottom <= rect.bottom + 2:
                block.boxed = True
                break


# ---- text


def _text_blocks(lines: list[Line]) -> list[Block]:
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    wrap_width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    hard_wrapped = 40 <= wrap_width <= 140
    blocks: list[Block] = []
    current: Optional[Block] = None
    pending_number: Optional[Block] = None  # "1." alone on its line: the item's text follows
    header: list[str] = []  # the cells of the last header row of a text table
    count = len(lines)
    for index, line in enumerate(lines):
        raw = line.text.replace("\t", "    ")
        text = raw.strip()
        if not text or _PIPE_RULE.match(text):
            current = None
            continue
        if "|" in text:
            row = _table_row_item(text, header, line)
            if row is not None:
                blocks.append(row)
                current = None
                continue
            header = _header_cells(text) or header
        if pending_number is not None and list_marker(text) is None:
            pending_number.text = _clean(text)
            pending_number.lines.append(line)
            current, pending_number = pending_number, None
            continue
        pending_number = None
        previous = lines[index - 1].text.strip() if index > 0 else ""
        following = lines[index + 1].text.strip() if index + 1 < count else ""
        marker = list_marker(text)
        if marker is not None and not _text_heading(text, previous, following, numbered_ok=True, marker=marker):
            kind, printed, number, rest = marker
            current = Block(kind="item", text=rest, lines=[line], number=number,
                            marker=kind if kind != "bullet" else printed)
            current.depth = len(raw) - len(raw.lstrip())  # indent; turned into a depth later
            blocks.append(current)
            if not rest and number is not None:
                pending_number = current
            continue
        if current is not None and hard_wrapped and _text_continues(current, previous, text, wrap_width):
            current.lines.append(line)
            current.text = _clean(current.text + " " + text)
            continue
        label = split_label(text)
        if label is not None and len(label[0].split()) <= 3 and not text.endswith("?"):
            current = Block(kind="label", text=label[2], lines=[line], number=label[1], label=label[0])
            blocks.append(current)
            continue
        if _text_heading(text, previous, following, numbered_ok=True, marker=None):
            number, title = split_heading_number(text)
            current = Block(kind="heading", text=title, lines=[line], number=number)
            blocks.append(current)
            current = None
            continue
        current = Block(kind="paragraph", text=_clean(text), lines=[line])
        blocks.append(current)
    return blocks


def _pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _header_cells(text: str) -> list[str]:
    """The cells of a table's header row (words only, no figures), or [] for any other row."""
    cells = _pipe_cells(text)
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(re.search(r"\d", c) or len(c) > 40 for c in filled):
        return []
    return cells


def _table_row_item(text: str, header: list[str], line: Line) -> Optional[Block]:
    """'1E | Verbeteren van cyber-secure gedrag | | |': a coded row with one statement is a numbered item.

    Online P&C pages print their activities as such rows; the column's header ("Activiteit")
    becomes the item's label.
    """
    cells = _pipe_cells(text)
    if len(cells) < 2 or not _ROW_CODE.match(cells[0]):
        return None
    statement = cells[1]
    if len(statement.split()) < 2 or not _LETTERS.match(statement) or any(cells[2:]):
        return None
    label = header[1] if len(header) > 1 and header[1] and not header[1].endswith(".") else None
    return Block(kind="item", text=_clean(statement), lines=[line], number=cells[0], marker="1", label=label)


def _text_continues(block: Block, previous: str, text: str, wrap_width: int) -> bool:
    if block.kind == "heading" or not previous:
        return False
    if previous.endswith(":") or (re.search(r"[.!?]$", previous) and (len(previous) < 0.9 * wrap_width
                                                                       or text[:1].isupper())):
        return False  # a sentence that ends before the margin, or is followed by a new one, ends the block
    return len(previous) >= 0.7 * wrap_width


def _text_heading(text: str, previous: str, following: str, numbered_ok: bool,
                  marker: Optional[tuple]) -> bool:
    """A short line that stands on its own, a numbered heading or a BBV question."""
    if len(text) > 90 or not _LETTERS.search(text) or "|" in text or "\t" in text:
        return False
    if _BBV_QUESTION.match(text):
        return True
    if _END_OF_SENTENCE.search(text) or text.endswith(":"):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] == "§"):
        return False
    alone = not previous and not following
    number, title = split_heading_number(text)
    if marker is not None:
        # "1. Opening" inside a list is an item; standing alone with a capitalised title it heads a section.
        return alone and number is not None and bool(title) and title[0].isupper() and marker[0] == "1"
    if number is not None and "." in number and title[:1].isupper():
        return True
    if alone:
        return len(text.split()) <= 12
    # In a run of lines: a short line followed by a longer one (a paragraph) heads it.
    return (len(text.split()) <= 8 and bool(following) and len(following) > len(text)
            and (not previous or _END_OF_SENTENCE.search(previous) is not None or previous.endswith((":", "?"))
                 or len(previous) < 60))


# ---- levels


def _assign_heading_levels(blocks: list[Block], is_pdf: bool) -> None:
    headings = [b for b in blocks if b.kind == "heading"]
    if not headings:
        return
    keys = [_style_key(b, is_pdf) for b in headings]
    min_depth: dict[tuple, int] = {}
    for block, key in zip(headings, keys):
        depth = numbering_depth(block.number)
        if depth:
            min_depth[key] = min(min_depth.get(key, depth), depth)
    ranks = {key: rank for rank, key in enumerate(sorted(set(keys)))}
    refined = [(ranks[key], numbering_depth(b.number) - min_depth.get(key, numbering_depth(b.number)) if b.number else 0)
               for b, key in zip(headings, keys)]
    dense = {value: level for level, value in enumerate(sorted(set(refined)), start=1)}
    for block, value in zip(headings, refined):
        block.depth = dense[value]
    if not is_pdf:
        _text_levels(headings)


def _style_key(block: Block, is_pdf: bool) -> tuple:
    if is_pdf:
        line = block.lines[0]
        return (-round(line.size * 2) / 2, not line.bold)
    return (0,)


def _text_levels(headings: list[Block]) -> None:
    """Text input: numbering depth where printed; an unnumbered heading sits below the last numbered one,
    or below the BBV question ("Wat willen we bereiken?") it follows until the next question."""
    last_numbered = 0
    question: Optional[int] = None  # depth of the BBV question whose section is open
    for block in headings:
        text = block.lines[0].text.strip()
        if block.number:
            block.depth = numbering_depth(block.number)
            last_numbered = block.depth
            question = None
        elif text.isupper() and len(text) > 3:
            block.depth = 1
            last_numbered = 0
            question = None
        elif _BBV_QUESTION.match(text):
            block.depth = last_numbered + 1
            question = block.depth
        else:
            # "Maatschappelijk effect", "Doelstellingen" under "Wat willen we bereiken?" are its parts
            block.depth = question + 1 if question is not None else last_numbered + 1


def _assign_list_depths(blocks: list[Block], is_pdf: bool) -> int:
    """Nesting of list items from marker indent and marker kind; returns the number of lists."""
    lists = 0
    stack: list[tuple[float, str]] = []
    previous_item = False
    tolerance = 3.0 if is_pdf else 1.0
    for block in blocks:
        if block.kind != "item":
            if block.kind != "paragraph" or not previous_item or not _inside_list(block, stack, is_pdf):
                previous_item = False
                stack = []
            continue
        if not previous_item:
            lists += 1
            stack = []
        x = block.lines[0].x0 if is_pdf else float(block.depth)
        kind = "bullet" if block.marker and not block.marker.isalnum() else (block.marker or "")
        while stack and stack[-1][0] > x + tolerance:
            stack.pop()
        if stack and abs(stack[-1][0] - x) <= tolerance:
            if stack[-1][1] != kind:
                same = [i for i, (sx, sk) in enumerate(stack) if sk == kind and abs(sx - x) <= tolerance]
                if same:
                    del stack[same[-1] + 1:]
                else:
                    stack.append((x, kind))
        else:
            stack.append((x, kind))
        block.depth = len(stack)
        block.list_id = lists
        previous_item = True
    return lists


def _inside_list(block: Block, stack: list[tuple[float, str]], is_pdf: bool) -> bool:
    """A short paragraph indented under an item (an item's sub-heading) does not end the list."""
    if not is_pdf or not stack:
        return False
    return block.lines[0].x0 > stack[0][0] + 3
