"""Budget lines from any table the meaning layer judged a budget table (PDF or text alike).

`table_semantics.judge_table` decides that a table holds money (a scale note, € in cells, baten/lasten/saldo
columns, baten/lasten rows with budget kinds, taakveld codes); `read_budget` turns its cells into
`BudgetLine`s: kind, year and side from the column header, side from the row label in a verschil column
and where the header names none, taakveld from a leading Iv3 code, the programme from the caption, a
repeated block header, the row itself (recapitulatie) or the programme section the table stands in.
Amounts are multiplied by the table's scale and keep the sign as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import combinations
from typing import Optional

from extractor.layout.header_vocabulary import SIGN_LEGEND, is_mutation_header
from extractor.layout.programme_titles import named_programme_title
from extractor.layout.table_grid import CODE_CELL, PROGRAMME_TITLE, led_programme_title
from extractor.layout.tables import Table
from extractor.model import BudgetLine, ErrorEntry, GoalNode
from extractor.parse.kind_groups import kinds_over_year_runs
from extractor.parse.section_context import SectionContext
from extractor.parse.table_context import programme_goal
from extractor.parse.values import MISSING_MARKERS

_BATEN = re.compile(r"^\s*(totaal\s+)?baten\b", re.IGNORECASE)
_LASTEN = re.compile(r"^\s*(totaal\s+)?(lasten|kosten)\b", re.IGNORECASE)
_PROGRAMME_CODE = re.compile(r"\bP\s?(\d{1,2})\b")
_DIGIT = re.compile(r"\d")
_PART_YEAR = re.compile(r"t/m|tot en met|\bjan(uari)?\b|\bfeb|\bmaart\b|\bapr|\bmei\b|\bjuni?\b|\bjuli?\b|\baug|\bsep|\bokt|\bnov|\bdec|kwartaal|\bQ[1-4]\b|halfjaar|\bHJ\b", re.IGNORECASE)


_PROGRAMME_AXIS = re.compile(r"^\s*programma|^\s*progr\.|recapitulatie|overzicht\s+(van\s+)?(baten\s+en\s+lasten|programma)", re.IGNORECASE)
_PROGRAMME_ROW = re.compile(r"^\s*(programma\s+)?\d{1,2}[a-z]?\.?\s+[A-Z]|^\s*programma\b", re.IGNORECASE)
# one label column, two axes, the taakvelden first: taakveld headings over rows of programmes ("Programma / Taakveld" is
# the other way round: programme headings over taakveld rows, read as usual)
_TWO_AXES = re.compile(r"^\W*taakveld\w*\s*/\s*programma", re.IGNORECASE)
_CODED_HEADING = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*[a-z]?\s+[A-Za-z]")
_NAMED_PROGRAMME = re.compile(r"^\s*programma\b", re.IGNORECASE)  # "Programma 1 …": a programme even over numbered rows
_DETAIL = re.compile(r"specificatie|taakveld|per\s+product|toelichting", re.IGNORECASE)


def read_budget(table: Table, verdict, metadata, goals: list[GoalNode],
                section: Optional[SectionContext] = None) -> tuple[list[BudgetLine], list[ErrorEntry]]:
    """Budget lines from a table the meaning layer judged a budget table (any layout, PDF or text).

    `verdict` is a `table_semantics.Verdict`; each value column gives kind, year and side from its
    header, rows give side from their label or the last side heading ("Lasten" above its rows),
    taakveld from a leading Iv3 code, and the programme from the row itself when the label column is
    a programme axis (recapitulatie), else from the caption or the section the table stands in
    (`section`: the programme and begroting year its enclosing headings name).
    """
    from extractor.parse.table_semantics import (  # noqa: PLC0415
        TAAKVELD_CODE, label_norm, marks_are_signs, numbered_list_item, parse_money)

    head = verdict.head
    body = table.rows[head.header_rows:]
    doc_year = metadata.year if metadata else None
    begroting_year = section.begroting_year if section and section.begroting_year else doc_year
    scale = verdict.scale or 1.0
    corner = head.headers[verdict.label_col] if verdict.label_col < len(head.headers) else ""
    if not corner.strip() and 0 < verdict.label_col < len(head.headers) and verdict.label_col - 1 not in _programme_cols(verdict) \
            and (verdict.meanings[verdict.label_col - 1].role == "programme"
                 or _PROGRAMME_AXIS.search(head.headers[verdict.label_col - 1])):
        corner = head.headers[verdict.label_col - 1]  # "Programma" over the code and the name cells: both its corner
    closed = _closed_programme_codes(body, verdict.label_col)
    # "Programma: P1 Veiligheid" (or "1A VITALE …" closed by "Totaal deelprogramma 1A") over the label column names the block
    corner_programme = programme_code(corner) or _closed_block(corner, closed) or _side_block_corner(corner, body, verdict.label_col)
    overview_page = section is not None and section.programme_rows and not section.programme
    programme_rows = bool(_PROGRAMME_AXIS.search(corner)) and corner_programme is None
    caption = head.caption or table.caption
    context = " ".join([caption or "", *head.extra, *(ln.text for ln in table.above[-3:])])
    code = _PROGRAMME_CODE.search(" ".join([caption or "", *head.extra]))
    programme = f"P{code.group(1)}" if code else (programme_goal("", table.page, goals) if table.method != "text" else None)
    if programme is None and not programme_rows and table.method == "text" and table.caption:
        programme = _captioned_programme(table.caption)  # "Programma 8: Wonen" printed just above the table
    if programme is None and section is not None:
        programme = section.programme  # the programme heading the table stands under
    detail_table = bool(_DETAIL.search(context + " " + corner))
    programme_cols = _programme_cols(verdict)
    not_label = programme_cols + [c for c in _numbering_cols(body, verdict.label_col) if not _spanned_code_col(verdict, c)]
    labels = _figure_row_labels(body, verdict.label_col, verdict.value_cols, not_label)
    numbered_programmes = not programme_rows and _numbered_programme_rows(
        labels, context + " " + corner, [ln.text for ln in table.above[-3:]], section, overview_page)
    # on a page that is an overview per programme, rows without numbers name their programme themselves
    programme_rows = programme_rows or overview_page and not numbered_programmes and corner_programme is None
    by_name = _programmes_by_name(labels) if numbered_programmes else {}
    columns, names, skipped = _budget_columns(verdict, body, begroting_year, bool(table.ocr), table.unnamed_sub_columns)
    columns = undated_years(columns, metadata.document_type if metadata else None, doc_year, names)
    columns = accounted_year(columns, metadata.document_type if metadata else None, doc_year)
    columns = mutation_years(columns, names)
    columns, skipped = _mutations_told_apart(columns, names, skipped)
    columns = stages_beside_primitive(columns, names)
    columns = differences_by_arithmetic(columns, names, body)
    columns, from_groups = kinds_over_year_runs(columns, names, table.kind_groups,
                                                metadata.document_type if metadata else None, doc_year)
    # kind words printed over the years that no split placed ("Rekening", "Begroting" over 2038…2042): the header
    # names the kinds, only not which columns they cover, so the document's context does not decide them either
    unplaced_kinds = any(_names_kind(g) for g in table.kind_groups) and not from_groups
    columns, from_context = context_kinds(columns, metadata.document_type if metadata else None, doc_year, names,
                                          changes=table_of_changes(context) or unplaced_kinds)
    from_context |= from_groups
    lines: list[BudgetLine] = []
    # a side word in the corner ("Lasten | Rekening 2023 | …") is the side of every row under it, until a row says another
    side_heading: Optional[str] = corner.strip().lower() if _SIDE_WORD.match(corner) else None
    programme_heading: Optional[str] = corner_programme
    taakveld_heading: Optional[str] = None
    unreadable: list[str] = []
    in_header = False  # the row before was a repeated header row
    signed_marks = marks_are_signs(body, columns)
    placed = _ShortRows(body, columns, verdict.label_col)
    placed = placed if placed.cols else _part_rows(body, columns, verdict.label_col) or _run_sum_rows(body, columns, verdict.label_col) or placed
    key_cols = _row_key_cols(verdict)
    for index, row in enumerate(body):
        label = _BULLET.sub("", row_label(row.cells, verdict.label_col, verdict.value_cols + not_label), count=1)
        if not label:
            continue
        row_confidence = None
        if row.unplaced:
            cells = placed.place(row)
            if cells is None:
                continue  # its figures' columns are not proven: left out, named in the table's warning
            row = replace(row, cells=cells, unplaced=[])
            row_confidence = _PROVEN_PLACEMENT
        filled = [c for c, *_ in columns if c < len(row.cells) and row.cells[c].strip()]
        taakveld = TAAKVELD_CODE.match(label)
        row_side = _row_side(label)
        if filled and _repeated_header(row.cells[c] for c in filled):
            # the header repeated over the next block of rows ("Programma: P2 … | Begroting 2023 | …"):
            # it names that block's programme, or starts rows of no programme (reserves, the result);
            # a second header row under the first ("Saldo … per taakveld | Baten | Lasten") keeps it
            code = programme_code(label) or _block_code(label) or _closed_block(label, closed)
            if code is None and corner_programme is not None:
                code = _side_block_name(label, body, index, verdict.label_col)
            if code or not in_header:
                programme_heading, taakveld_heading = code or "", None
            in_header = True
            continue
        was_header, in_header = in_header, False
        if not filled:
            if was_header and label[:1].islower():
                in_header = True  # "mobiliteit": the rest of a wrapped block header, not a row of its own
                continue
            if _heads_side_rows(body, index, verdict.label_col, [c for c, *_ in columns]) and not _TWO_AXES.search(corner):
                programme_heading, taakveld_heading = label, None  # "Saldo voor bestemming" over lasten | baten | saldo rows
                continue
            if row_side and len(label) < 30:
                side_heading = row_side
            if _TWO_AXES.search(corner) and _CODED_HEADING.match(label):
                # "Taakveld/programma": the coded heading ("0.1 Bestuur", "99 Resultaat") names its block of programme rows
                programme_heading, taakveld_heading = label, taakveld.group("code").lower() if taakveld else None
            elif taakveld:
                taakveld_heading = taakveld.group("code").lower()
            elif programme_code(label):
                # "Programma:P5 Natuur, klimaat en" over a block whose kind headers wrapped away: the block's header,
                # so the sub-header row right under it ("… per taakveld | Baten | Lasten") keeps its programme
                programme_heading, taakveld_heading, in_header = programme_code(label), None, True
            elif generic_header_label(label):
                # "Programma" alone under the header: a header word kept as a row, no programme's name; it heads the
                # label column, so the rows below name their own programme (as under a "Programma" corner)
                programme_rows = programme_rows or (bool(_PROGRAMME_AXIS.search(label)) and programme is None
                                                    and programme_heading is None)
            elif _PROGRAMME_ROW.match(label) and not _TWO_AXES.search(corner) and (_NAMED_PROGRAMME.match(label) or not numbered_list_item(body, index, verdict.label_col)):
                programme_heading, taakveld_heading = label, None
            continue
        row_key = _row_key(row.cells, key_cols)
        own_programme = _programme_cell(row.cells, programme_cols)
        if own_programme == label:
            own_programme = None  # the programme column is the label column itself (an overview per programme)
        for c, kind, year, column_side in columns:
            raw = row.cells[c].strip() if c < len(row.cells) else ""
            if not raw or raw.lower() in MISSING_MARKERS:
                continue
            if row_key is not None and year is None:
                kind, year = row_key[0] or kind, row_key[1]  # "jaarrekening 2016" in the row's key cell
            amount = parse_money(raw, signed_marks)
            if amount is None:
                if _DIGIT.search(raw):
                    unreadable.append(raw)
                continue
            code_here = taakveld.group("code").lower() if taakveld else taakveld_heading
            lines.append(BudgetLine(
                programme=own_programme or (label if numbered_programmes and _NUMBERED_NAME.match(label) else
                                            _lead_in_programme(label, by_name) or
                                            _line_programme(label, programme_rows and not taakveld, programme_heading, programme)),
                taakveld=code_here,
                label=label, label_norm=label_norm(label),
                column=names[c], side=_line_side(kind, column_side, row_side, side_heading),  # type: ignore[arg-type]
                kind=kind, year=year, amount=amount * scale, raw=raw,  # type: ignore[arg-type]
                kind_from="context" if c in from_context else "header" if kind != "bedrag" else None,
                detail=bool(taakveld or detail_table or (taakveld_heading and not label.lower().startswith("totaal"))),
                table=caption, page=row.page if table.method != "text" else None,
                bbox=(row.cell_boxes[c] if c < len(row.cell_boxes) and row.cell_boxes[c] else row.bbox) if table.method != "text" else None,
                lines=row.lines, confidence=row_confidence,
            ))
        if _ALL_PROGRAMMES.search(label):
            programme_heading, taakveld_heading = "", None  # the total over all programmes closes the last programme's block
    return lines, _budget_warnings(table, body, skipped, unreadable, placed.proven) + _unit_warning(table, verdict, lines)


_SIDE_WORD = re.compile(r"^\s*(lasten|baten|saldo)\s*$", re.IGNORECASE)


def _names_kind(group: str) -> bool:
    """A group printed over the year columns that names a kind ("Rekening", "Begroting"); a side over the whole table
    ("Lasten (per programma)") or a caption with the unit names none, and leaves the years' kinds to the context."""
    from extractor.layout.header_vocabulary import kind_word  # noqa: PLC0415

    return kind_word(group) is not None


def _heads_side_rows(body: list, index: int, label_col: int, value_cols: list[int]) -> bool:
    """A figure-less row right above a row labelled by a side word alone ("lasten" with its figures): it names the
    block those side rows belong to, a programme or a total of the overview ("Saldo voor bestemming", "Mutaties
    reserves"), whatever its words. A side word itself ("Lasten" over items) is no such name."""
    label = body[index].cells[label_col].strip() if label_col < len(body[index].cells) else ""
    if index + 1 >= len(body) or not label or _SIDE_WORD.match(label):
        return False
    below = body[index + 1].cells
    return bool(label_col < len(below) and _SIDE_WORD.match(below[label_col])
                and any(c < len(below) and below[c].strip() for c in value_cols))


def _side_block_corner(corner: str, body: list, label_col: int) -> Optional[str]:
    """The corner over a block's own side rows ("Naam van het blok | B2031 | B2032" over "Lasten", "Baten", "Saldo"
    rows with figures): it names whose lasten and baten they are, a programme or a total of the overview. No header
    word ("Omschrijving", "Programma …": those head a label column) and no unit note is such a name."""
    name = _without_unit_note(" ".join(corner.split()))
    if not _block_name(name):
        return None
    sides = {body_row.cells[label_col].strip().lower() for body_row in body
             if label_col < len(body_row.cells) and _SIDE_WORD.match(body_row.cells[label_col])
             and any(cell.strip() for k, cell in enumerate(body_row.cells) if k != label_col)}
    return name if {"lasten", "baten"} <= sides else None


def _without_unit_note(name: str) -> str:
    """A corner cell without the unit note in brackets that the header's lower row added ("7. Naam (bedragen x
    € 1.000)" -> "7. Naam"): the unit is the table's, the words before it still name the block."""
    from extractor.parse.table_semantics import scale_of  # noqa: PLC0415

    note = re.search(r"\s*\([^()]*\)\s*$", name)
    return name[:note.start()].strip() if note and note.start() and scale_of([note.group(0).strip(" ()")]) else name


def _block_name(name: str) -> bool:
    """Words that may name a block: no header word, programme axis, unit note or euro sign."""
    from extractor.parse.table_semantics import scale_of  # noqa: PLC0415

    return bool(re.search(r"[A-Za-z]{3}", name)) and len(name) <= 120 and not generic_header_label(name) \
        and not _PROGRAMME_AXIS.search(name) and scale_of([name]) is None and "€" not in name


def _side_block_name(label: str, body: list, index: int, label_col: int) -> Optional[str]:
    """The label cell of a header repeated inside a table whose corner names the first block ("Naam A | Begroting
    2031 | …" again over the next Lasten / Baten / Saldo rows): it names the block under it, as the corner named the
    first. Only when two or more rows labelled by a side word follow right under it and one prints figures (a block
    may leave its baten row empty)."""
    name = " ".join(label.split())
    sides = []
    for row in body[index + 1:]:
        text = row.cells[label_col].strip() if label_col < len(row.cells) else ""
        if not _SIDE_WORD.match(text):
            break
        sides.append(any(c.strip() for k, c in enumerate(row.cells) if k != label_col))
    return name if _block_name(name) and len(sides) >= 2 and any(sides) else None


def generic_header_label(label: str) -> bool:
    """A label made only of header words ("Programma", "Programma's", "Omschrijving", "Taakveld"): it names a
    column, not a programme or an item (`header_word` rows of `models/data/table_headers.csv`)."""
    from extractor.layout.header_vocabulary import is_header_word  # noqa: PLC0415

    words = [w for w in re.split(r"[\s/|:]+", label.strip()) if w.strip("()-–")]
    return 0 < len(words) <= 3 and all(is_header_word(w.strip("():-–")) for w in words)


def _row_key_cols(verdict) -> list[int]:
    """Columns that give each row its year ("Jaartal" over "jaarrekening 2016" / "begroting 2021"): a statement of
    reserves over several years keys its rows by kind and year, and its value columns print neither."""
    return [c for c, meaning in enumerate(verdict.meanings) if meaning.role == "year" and c != verdict.label_col]


def _row_key(cells: list[str], key_cols: list[int]) -> Optional[tuple[Optional[str], int]]:
    """The budget kind (None when only a year is printed) and year of a row's key cell; None without a year."""
    from extractor.parse.table_semantics import classify_header  # noqa: PLC0415

    for c in key_cols:
        text = cells[c].strip() if c < len(cells) else ""
        meaning = classify_header(text) if text else None
        if meaning is not None and meaning.year is not None:
            return meaning.budget_kind, meaning.year
    return None


def _captioned_programme(caption: str) -> Optional[str]:
    """The programme a caption line names ("Programma 8: Wonen — (bedragen x € 1.000)" -> "Programma 8: Wonen")."""
    for part in caption.split(" — "):
        name = part.split("(")[0].strip()
        if PROGRAMME_TITLE.match(name) or named_programme_title(name):
            return name
        if led_programme_title(name):
            return led_programme_title(name)
    return None


def _unit_warning(table: Table, verdict, lines: list[BudgetLine]) -> list[ErrorEntry]:
    """A table that prints no unit, with whole amounts all under a million: they may well be thousands of euros
    (a programme's lasten of "7.047"). The amounts stay as printed — a guessed scale would be a wrong number
    as often as a right one — and the reader is told."""
    if verdict.scale is not None or not lines or any("€" in b.raw for b in lines):
        return []
    if any(abs(b.amount) >= 1_000_000 or b.amount != int(b.amount) for b in lines):
        return []
    where = f"page {table.page}" if table.method != "text" else f"line {lines[0].lines[0] if lines[0].lines else '?'}"
    return [ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                       message=f"budget table at {where} prints no unit (euros or x € 1.000): its amounts are kept as printed")]


_ROW_CODE = CODE_CELL  # "0.1", "B3", "7-2-1-1": a code printed in its own cell ahead of the name


# "2 Sociaal", "3. Ruimte en wonen": a number, then a name of at most six words without figures; not a taakveld
# "0.10 …", nor an item such as "1. Inwonersgroei 2025 (1,41%)"
# "1 Bestuur", "K.07 Parken" (a letter and a dot before the number): a numbered programme name
_NUMBERED_NAME = re.compile(r"^\s*(?:[A-Z]\.)?\d{1,2}[a-z]?\.?\s+[A-Z][a-z][^\d\s]*(\s+[^\d\s]+){0,5}\s*$")
# "K.07 - Vijvers" under "K.07 Parken": a part of the numbered programme whose code it prints first
_CODED_PART = re.compile(r"^\s*(?P<code>(?:[A-Z]\.)?\d{1,2}[a-z]?)\s+[-–]\s+\S")
_PER_PROGRAMME = re.compile(r"\bprogramma(['’]?s)?\b", re.IGNORECASE)


def _numbered_programme_rows(labels: list[str], context: str, above: list[str], section: Optional[SectionContext],
                             overview_page: bool = False) -> bool:
    """A programme overview whose rows are numbered programme names ("1 Bestuur", "2 Sociaal") under a corner that
    does not say "Programma": the caption or the lines above speak of programmes ("per programma"), or the title
    above is the overview's own ("Lasten en baten": whose lasten and baten, the rows say), two or more rows with
    figures carry a numbered name (a code cell and a name cell count as one label), and the table stands in no
    programme's section (where numbered rows are that programme's items). Such a row is its own programme, as in a
    recapitulatie."""
    if section is not None and section.programme:
        return False
    if not overview_page and not _PER_PROGRAMME.search(context) and not any(_SIDES_TITLE.match(" ".join(t.split())) for t in above):
        return False
    return sum(1 for label in labels if _NUMBERED_NAME.match(label)) >= 2


# "Overzicht van baten en lasten", "Het overzicht van baten en lasten in de jaarrekening over het begrotingsjaar" (the
# BBV's own title, art. 17 and 27: an overview per programme)
_SIDES_TITLE = re.compile(r"^(het\s+)?(overzicht\s+(van\s+)?)?(de\s+)?(baten\s+en\s+lasten|lasten\s+en\s+baten)"
                          r"(\s+in\s+de\s+(jaarrekening|begroting)\b[^\d]{0,40})?$", re.IGNORECASE)


def sides_title(text: str) -> bool:
    """An overview's own title ("Overzicht van baten en lasten", "Lasten en baten"): whose, the rows say."""
    return bool(_SIDES_TITLE.match(" ".join(text.split())))


def _figure_row_labels(body: list, label_col: int, value_cols: list[int], not_label: list[int]) -> list[str]:
    """The label of every body row that prints a figure in a value column ("" for the others), as `row_label`
    joins it (a code cell and a name cell are one label)."""
    return [row_label(row.cells, label_col, value_cols + not_label)
            if any(_DIGIT.search(row.cells[c]) for c in value_cols if c < len(row.cells)) else "" for row in body]


def _programmes_by_name(labels: list[str]) -> dict[str, str]:
    """The numbered programme rows of an overview by their name without the number ("Alfa" -> "1 Alfa")."""
    out: dict[str, str] = {}
    for label in labels:
        if _NUMBERED_NAME.match(label):
            code, name = label.split(None, 1)
            out.setdefault(name.strip().lower(), label)
            out.setdefault(f"code:{code.rstrip('.').lower()}", label)
    return out


def _lead_in_programme(label: str, by_name: dict[str, str]) -> Optional[str]:
    """The programme a row names after a lead-in ("Saldo: Alfa" under the numbered rows "1 Alfa", "2 Beta"), or by
    the code it prints first ("K.07 - Vijvers" under "K.07 Parken"): that numbered row's programme. Without a lead-in
    or such a code, or naming no numbered row, None."""
    part = _CODED_PART.match(label)
    if part:
        return by_name.get(f"code:{part.group('code').lower()}")
    head, sep, name = label.partition(":")
    if not sep or not _LEAD_IN.match(head + sep):
        return None
    return by_name.get(name.strip().lower())


def _programme_cols(verdict) -> list[int]:
    """Columns headed as the programme ("Progr"): what the row belongs to, not part of its label. A "Programma"
    header over a code cell and an unheaded name cell ("Programma" over "01" / "Wonen") spans both: the code is
    part of the row's label there, no programme column of its own."""
    head = verdict.head.headers if verdict.head else []
    spans_name = verdict.label_col > 0 and verdict.label_col < len(head) and not head[verdict.label_col].strip()
    return [c for c, meaning in enumerate(verdict.meanings) if meaning.role == "programme"
            and not (spans_name and c == verdict.label_col - 1)]


def _spanned_code_col(verdict, c: int) -> bool:
    """The unheaded code cell right of which the label stands, under a "Programma" corner spanning both ("Programma's"
    over "1" / "Naam"): the programme's number, part of its label, even where the numbers run 1, 2, 3 like a list."""
    head = verdict.head.headers if verdict.head else []
    label_col = verdict.label_col
    return c == label_col - 1 and label_col < len(head) and not head[label_col].strip() \
        and (verdict.meanings[c].role == "programme" or bool(_PROGRAMME_AXIS.search(head[c])))


def _programme_cell(cells: list[str], programme_cols: list[int]) -> Optional[str]:
    """The programme a row names in its own "Programma" column ("Programma | Omschrijving | 2017 …"): its programme,
    before any heading or section. A code or an empty cell names none here (the label and headings decide)."""
    for c in programme_cols:
        text = " ".join(cells[c].split()) if c < len(cells) else ""
        if re.search(r"[^\W\d_]{3}", text):
            return text
    return None


def _numbering_cols(body: list, label_col: int) -> list[int]:
    """Columns left of the label that number the rows 1, 2, 3 … (three or more): a row's place in a list, not a
    code of the item, so not part of its label (a taakveld or programme code column is no such run)."""
    out: list[int] = []
    for c in range(label_col):
        cells = [r.cells[c].strip().rstrip(".") for r in body if c < len(r.cells) and r.cells[c].strip()]
        padded = any(len(t) > 1 and t.startswith("0") for t in cells)  # "01", "02": codes, as no list counts "01"
        if len(cells) >= 3 and not padded and all(t.isdigit() for t in cells) and [int(t) for t in cells] == list(range(1, len(cells) + 1)):
            out.append(c)
    return out


def row_label(cells: list[str], label_col: int, value_cols: list[int]) -> str:
    """A row's label as printed: a code printed in its own column ahead of the name ("0.1 | Bestuur") is part of
    it ("0.1 Bestuur"), and a label printed left of the label column with the name cell empty ("Totaal" in the
    code column) is the label, and so is a name printed right of a code in the label column ("11 | Alfa"). Value
    columns (and the caller's programme and numbering columns) are never part of it."""
    label = cells[label_col].strip() if label_col < len(cells) else ""
    after = cells[label_col + 1].strip() if label_col + 1 < len(cells) and label_col + 1 not in value_cols else ""
    if _ROW_CODE.match(label) and after and not _DIGIT.search(after):
        label = f"{label} {after}"  # "11 | Alfa" under a corner that spanned code and name: the name is part of it
    before = [cells[c].strip() for c in range(min(label_col, len(cells))) if c not in value_cols and cells[c].strip()]
    if not before:
        return label
    if all(_ROW_CODE.match(c) for c in before):
        return " ".join([*before, label]).strip() if label else ""
    if label and _LEAD_IN.match(before[-1]):
        return f"{before[-1]} {label}"  # "Saldo: | Alfa": a cell ending in a colon introduces the name after it
    return label or " ".join(before)


# a list bullet before a row's words ("- Naam", "• Naam"): the layout's, not the label's; a sign before a figure or
# "-/-" is no bullet
_BULLET = re.compile(r"^[•·▪◦\-–]\s+(?=[^\W\d_])")
_LEAD_IN = re.compile(r"^[^\d:]{2,30}:$")  # "Saldo:", "Waarvan:": a short word cell ending in a colon


def _budget_columns(verdict, body: list, doc_year: Optional[int], ocr: bool, runs: int = 0
                    ) -> tuple[list[tuple], dict[int, str], list[str]]:
    """Per value column (index, kind, year, side), the column names as printed, and the columns left out: part of
    a year ("realisatie t/m aug 2024"), two columns the header cannot tell apart, or (OCR) a column whose
    misread header copies disagree. `runs`: each header spans that many columns whose sides are not printed
    (`Table.unnamed_sub_columns`): the columns of one run share their name and are told apart by their place."""
    head = verdict.head
    columns: list[tuple] = []
    skipped: list[str] = []
    seen: dict[tuple, int] = {}
    repeated = _repeated_kinds(body, verdict.value_cols)
    voted = _voted_kinds(body, verdict.value_cols, head.headers) if ocr else {}
    names: dict[int, str] = {}
    skipped.extend(head.headers[c] for c in sorted(head.ambiguous) if c < len(head.headers))  # a header whose group is not shown
    for c in verdict.value_cols:
        meaning = verdict.meanings[c]
        header = head.headers[c]
        kind, year = meaning.budget_kind, meaning.year
        if c in voted:
            if voted[c] is None:
                skipped.append(header)  # OCR'd copies of the header disagree: the column's kind is not sure
                continue
            kind, year = voted[c]
        elif kind is None and year is None and c in repeated:
            # "Baten" over the first block, "Begroting 2023 | Baten" over every later one: the same column
            kind, year, above = repeated[c]
            header = f"{above} {header}".strip()
        if meaning.base_year is not None and year is None:
            skipped.append(header)  # "mutatie t.o.v. 2024" where the table does not say which year is compared with it
            continue
        kind = kind or "bedrag"
        if year is None and (kind == "begroting" or meaning.current_year) and not meaning.earlier_year:
            year = doc_year  # "Begroting" without a year, "Raming begrotingsjaar na wijziging": the document's year
        names[c] = header
        place = sum(1 for k in verdict.value_cols if k < c and head.headers[k] == head.headers[c]) if runs > 1 else 0
        key = (kind, year, meaning.side, header.strip().lower(), place if place < runs else 0)
        if year is None and kind == "bedrag" and is_mutation_header(header):
            key = (*key, c)  # "Stortingen" after each balance: the balances around it tell them apart (`mutation_years`)
        if _PART_YEAR.search(header) or key in seen:
            skipped.append(header)  # "realisatie t/m aug 2024", or two columns the header cannot tell apart
            if key in seen:
                columns = [col for col in columns if col[0] != seen[key]]
            continue
        seen[key] = c
        columns.append((c, kind, year, meaning.side))
    return columns, names, skipped


_ACCOUNTED_KINDS = ("realisatie", "rekening")  # what the year's own accounts show (Realisatie, Werkelijk, Rekening)


def undated_years(columns: list[tuple], document_type: Optional[str], doc_year: Optional[int],
                  names: Optional[dict[int, str]] = None) -> list[tuple]:
    """Years for value columns whose header prints none, where the document decides it (documented rule):

    * in jaarstukken of year Y, a "Realisatie", "Werkelijk" or "Rekening" column without a year is Y (the year the
      document accounts for);
    * there, an undated "Begroting na wijziging" column beside a realisatie or rekening of Y is Y as well (the
      accounts compare the year's figures with the year's budget after its changes);
    * a "Verschil" column without a year compares the columns printed just before it: it takes their year when
      the two share one (`_verschil_year`), else the year of all the table's other columns when they have one.
    Elsewhere an undated column keeps no year (a realisatie in a begroting may be any earlier year)."""
    columns = [(c, kind, year if year is not None or kind != "verschil" else _verschil_year(c, columns), side)
               for c, kind, year, side in columns]
    accounts = (document_type or "").lower() == "jaarstukken"
    out = [(c, kind, year if year is not None or not accounts or not _accounted(kind, (names or {}).get(c)) else doc_year, side)
           for c, kind, year, side in columns]
    if accounts and any(kind in _ACCOUNTED_KINDS and year == doc_year for _, kind, year, _ in out):
        # the budget after changes beside the year's accounts is that year's ("Begroting na wijziging | Rekening")
        out = [(c, kind, doc_year if year is None and kind == "begroting_na_wijziging" else year, side)
               for c, kind, year, side in out]
    years = {year for _, kind, year, _ in out if kind != "verschil"}
    if len(years) == 1 and None not in years:
        only = next(iter(years))
        out = [(c, kind, only if kind == "verschil" and year is None else year, side) for c, kind, year, side in out]
    return out




def _mutations_told_apart(columns: list[tuple], names: dict[int, str], skipped: list[str]
                          ) -> tuple[list[tuple], list[str]]:
    """Mutation columns of one name that no pair of balances gave a year ("Stortingen" printed twice, undated): the
    header cannot tell them apart, so they are left out (named among the skipped columns)."""
    count: dict[str, int] = {}
    for c, _, year, _ in columns:
        if year is None and is_mutation_header(names.get(c, "")):
            count[names[c].strip().lower()] = count.get(names[c].strip().lower(), 0) + 1
    twice = {n for n, k in count.items() if k > 1}
    kept = [col for col in columns if not (col[2] is None and names.get(col[0], "").strip().lower() in twice)]
    return kept, skipped + [names[c] for c, _, year, _ in columns if year is None and names.get(c, "").strip().lower() in twice]


def mutation_years(columns: list[tuple], names: dict[int, str]) -> list[tuple]:
    """The year of an undated mutation column of a statement of reserves ("Stand 1-1-2038 | Toevoegingen |
    Onttrekkingen | Stand 31-12-2038"): the mutations lead from the balance before them to the balance after them,
    so they are of year Y when the balance before them opens Y (dated 1-1-Y or 31-12-(Y-1)) and the balance after
    them closes it (31-12-Y or 1-1-(Y+1)). Otherwise the column keeps no year."""
    opens = {c: year + (1 if _DECEMBER.search(names.get(c, "")) else 0) for c, _, year, _ in columns if year is not None}
    closes = {c: year - (1 if _JANUARY.search(names.get(c, "")) else 0) for c, _, year, _ in columns if year is not None}
    out = []
    for c, kind, year, side in columns:
        if year is None and kind == "bedrag" and is_mutation_header(names.get(c, "")):
            before = [y for k, y in opens.items() if k < c][-1:]
            after = [y for k, y in closes.items() if k > c][:1]
            if before and before == after:
                year = after[0]
        out.append((c, kind, year, side))
    return out


# a year, perhaps with a side and its unit in brackets ("2039 (in €) lasten"): a column named only by its year
_YEAR_ONLY_NAME = re.compile(r"^\W*((totaal\s+)?(baten|lasten|saldo)\W*)?(19|20)\d\d\W*(\((in|x)\s*€[^()\d]*\)\W*)?((baten|lasten|saldo)\W*)?$",
                             re.IGNORECASE)
_UNIT_NOTE = re.compile(r"^\s*\((bedragen\s+)?(in|x)\s*€[^()\d]*[\d.,\s-]*\)\s*", re.IGNORECASE)  # "(bedragen x € 1.000)"
_LONE_LETTER = re.compile(r"^\W*(?P<letter>[A-Za-z])\s+(?=(19|20)\d\d\b)")


def year_only_name(name: str) -> bool:
    """A column named only by its year (perhaps a side and unit). A lone letter before the year that is no kind mark
    of `value_kind_marks.csv` ("X 2025 Baten": a web page's expand icon printed as a letter) names no kind either; a
    kind mark ("R 2025", "B 2025") does, so such a column is not year-only. The table's unit note glued before it
    (the corner cell joined to the first column's name) names no kind."""
    from extractor.layout.year_row_blocks import kind_marks  # noqa: PLC0415

    note = _UNIT_NOTE.match(name)
    name = name[note.end():] if note else name
    letter = _LONE_LETTER.match(name)
    if letter and letter.group("letter").upper() not in kind_marks():
        name = name[letter.end():]
    return bool(_YEAR_ONLY_NAME.match(name))


# the lines above or the caption speak of changes ("deze mutaties", "begrotingswijziging", "+ = nadeel"): the years'
# figures are changes to a budget, not the budget itself
_CHANGES = re.compile(r"mutaties|wijziging|afwijking|verschil|nadeel|voordeel|effect", re.IGNORECASE)
# a sign legend (`header_vocabulary.SIGN_LEGEND`: "- is een nadeel", "+ = voordeel") says how a saldo's sign reads,
# which any overview of lasten, baten and saldo may print; on its own it makes no table of changes


def table_of_changes(context: str) -> bool:
    """The caption or the lines above speak of changes (mutaties, a wijziging, voordeel/nadeel), a sign legend
    aside."""
    return bool(_CHANGES.search(SIGN_LEGEND.sub(" ", context)))


def context_kinds(columns: list[tuple], document_type: Optional[str], doc_year: Optional[int],
                  names: dict[int, str], changes: bool = False) -> tuple[list[tuple], set[int]]:
    """Kinds for columns headed only by a year (perhaps with a side: "2025", "Baten 2017"), where the document
    decides it, as `table_semantics.context_value_type` does for indicator values (documented rule): in a begroting
    of year Y, Y is begroting and later years raming; in jaarstukken of Y, Y is realisatie. Any other year or
    document keeps `bedrag`, and so does a year for which another column of the table names a kind ("Rekening 2024
    | … | Saldo 2024": the bare column may compare the others), and every column of a table of `changes` (its caption or
    the lines above speak of mutaties, a wijziging, voordeel/nadeel). Returns the columns and those so decided."""
    kind_of = {"begroting": lambda y: "begroting" if y == doc_year else "raming" if y > doc_year else None,  # type: ignore[operator]
               "jaarstukken": lambda y: "realisatie" if y == doc_year else None}.get((document_type or "").lower())
    if kind_of is None or doc_year is None or changes:
        return columns, set()
    named_years = {year for _, kind, year, _ in columns if kind != "bedrag"}
    out, decided = [], set()
    for c, kind, year, side in columns:
        if kind == "bedrag" and year is not None and year not in named_years and year_only_name(names.get(c, "")):
            new = kind_of(year)
            if new is not None:
                kind = new
                decided.add(c)
        out.append((c, kind, year, side))
    return out, decided


_PRIMITIVE = re.compile(r"\s+(primitie\w*|primair\w*|oorspronkelijk\w*)$", re.IGNORECASE)
_SIDE_ONLY = re.compile(r"^(baten|lasten|saldo)$", re.IGNORECASE)


def stages_beside_primitive(columns: list[tuple], names: dict[int, str]) -> list[tuple]:
    """A begroting group that sets its own "Primitief" column apart from side columns ("Begroting 2024" over
    "Primitief | Lasten | Baten | Saldo"): the side columns are the budget after its wijzigingen (a group holding the
    primitive budget and the same budget again would not print both), so they are `begroting_na_wijziging`."""
    prefixes = {_PRIMITIVE.sub("", names[c]).strip() for c, kind, _, _ in columns
                if kind == "begroting" and _PRIMITIVE.search(names.get(c, ""))}
    out = []
    for c, kind, year, side in columns:
        name = names.get(c, "")
        rest = next((name[len(p):].strip() for p in prefixes if p and name.lower().startswith(p.lower() + " ")), None)
        if kind == "begroting" and rest is not None and _SIDE_ONLY.match(rest):
            kind = "begroting_na_wijziging"
        out.append((c, kind, year, side))
    return out


def differences_by_arithmetic(columns: list[tuple], names: dict[int, str], body: list) -> list[tuple]:
    """A column headed by a side and a year only ("Saldo 2024") beside two columns of that side and year that name
    kinds ("Begroting 2024 Saldo", "Rekening 2024 Saldo"): it is their difference (`verschil`) when in every row with
    all three figures (three or more rows) it equals the later one minus the earlier one within 1 (rounding).
    Otherwise it keeps its kind."""
    from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

    out = []
    for c, kind, year, side in columns:
        if kind == "bedrag" and side is not None and year is not None and year_only_name(names.get(c, "")):
            pair = [k for k, other_kind, other_year, other_side in columns
                    if k < c and other_kind != "bedrag" and other_year == year and other_side == side][-2:]
            if len(pair) == 2 and _is_difference(body, c, pair[0], pair[1], parse_money):
                kind = "verschil"
        elif _second_account(c, kind, year, side, columns, body, parse_money):
            kind = "verschil"
        out.append((c, kind, year, side))
    return out


_ACCOUNTED_KINDS = ("realisatie", "rekening")


def _second_account(c: int, kind: str, year: Optional[int], side: Optional[str], columns: list[tuple], body: list,
                    parse_money) -> bool:
    """A second column of one year's accounts ("Rekening 2024 | Resultaat 2024"): a year is accounted for once, so
    the later column is the difference of that account and a budget column of the same year and side when the
    arithmetic proves it (either way round, in every row with the figures, three rows or more)."""
    if kind not in _ACCOUNTED_KINDS or year is None:
        return False
    same = [(k, other_kind) for k, other_kind, other_year, other_side in columns
            if k < c and other_year == year and other_side == side]
    accounts = [k for k, other_kind in same if other_kind in _ACCOUNTED_KINDS]
    budgets = [k for k, other_kind in same if other_kind.startswith("begroting")]
    return len(accounts) == 1 and any(_is_difference(body, c, accounts[0], b, parse_money)
                                      or _is_difference(body, c, b, accounts[0], parse_money) for b in budgets)


def _is_difference(body: list, col: int, earlier: int, later: int, parse_money) -> bool:
    """Column `col` = `later` - `earlier` within 1 in all of three or more rows that print the three figures."""
    rows = []
    for row in body:
        cells = [row.cells[k] if k < len(row.cells) else "" for k in (col, earlier, later)]
        amounts = [parse_money(t) if t.strip() else None for t in cells]
        if None not in amounts:
            rows.append(amounts)
    return len(rows) >= 3 and all(abs(d - (b - a)) <= 1 for d, a, b in rows)


_DECEMBER = re.compile(r"31[-/ ]12|31\s+dec", re.IGNORECASE)
_JANUARY = re.compile(r"(?<!\d)1[-/ ]1(?!\d)|(?<!\d)1\s+jan", re.IGNORECASE)


def _accounted(kind: str, name: Optional[str]) -> bool:
    """A realisatie column, or a rekening column headed by a few words ("Rekening", "Werkelijk"): a long header that
    only mentions "rekeningresultaten" in a sentence is no column of the year's accounts."""
    if kind == "realisatie":
        return True
    return kind == "rekening" and (name is None or len(name.split()) <= 4)


def _verschil_year(col: int, columns: list[tuple]) -> Optional[int]:
    """The year of a verschil column printed without one ("Verschil begr.na wijz. / rekening", "Afwijking"):
    the year of the two columns just before it, which it compares, when they share one; else None."""
    compared = [year for c, kind, year, _ in columns if c < col and kind != "verschil"][-2:]
    if len(compared) == 2 and compared[0] is not None and compared[0] == compared[1]:
        return compared[0]
    return None


_PROVEN_PLACEMENT = 0.8  # confidence of amounts whose column the copy did not show but the arithmetic proves


class _ShortRows:
    """Rows whose empty cells a text copy dropped (`TableRow.unplaced`: 1-2 figures under Lasten | Baten | Saldo).

    Their columns are decided only where the table proves them: exactly three value columns, one per side; the
    table's complete rows all obey one relation (saldo = lasten + baten, lasten - baten or baten - lasten) and keep one
    sign per side ("lasten (+) en baten (-)"); and of the ways to put the figures in print order under those columns,
    the missing cell empty, exactly one obeys the relation and the signs, or the block totals prove one of those that
    do (`block_totals`: "668" / "668" is lasten and saldo when the block's baten add up to its total without it).
    Any other short row is left out."""

    def __init__(self, body: list, columns: list[tuple], label_col: int = 0) -> None:
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        self.proven: set[int] = set()
        self.cols = _side_groups(columns)
        self.relation: Optional[str] = None
        self.signs: dict[int, int] = {}
        if not self.cols:
            return
        full = [[parse_money(r.cells[c]) if c < len(r.cells) else None for c in self.cols] for r in body if not r.unplaced]
        full = [f for f in full if None not in f]
        fits = [rel for rel in _RELATIONS if len(full) >= 2 and all(_obeys_all(rel, f) for f in full)]
        self.relation = fits[0] if len(fits) == 1 else None
        for k, c in enumerate(self.cols):
            signs = {(a > 0) - (a < 0) for f in full for a in [f[k]] if a}
            if len(signs) == 1:
                self.signs[c] = signs.pop()
        self.by_totals = self._decided_by_totals(body, label_col) if self.relation else {}

    def _decided_by_totals(self, body: list, label_col: int) -> dict[int, tuple]:
        """Per short row (by id), the amounts the block totals prove for it; see `block_totals`."""
        from extractor.parse.block_totals import RowReadings, decide_by_totals  # noqa: PLC0415
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        rows: list[RowReadings] = []
        for row in body:
            label = row.cells[label_col].strip() if label_col < len(row.cells) else ""
            cells = [row.cells[c].strip() if c < len(row.cells) else "" for c in self.cols]  # type: ignore[operator]
            if row.unplaced:
                readings = [amounts for _, amounts in self._fitting(row)]
            else:
                amounts = [0.0 if not t or t.lower() in MISSING_MARKERS else parse_money(t) for t in cells]
                readings = [] if None in amounts else [tuple(amounts)]  # type: ignore[arg-type]
            figures = row.unplaced or any(cells)
            role = "total" if _TOTAL_ROW.match(label) and figures else "detail" if figures or _DIGIT.match(label) else "heading"
            rows.append(RowReadings(role, readings))  # type: ignore[arg-type]
        decided = decide_by_totals(rows)
        return {id(row): decided[k] for k, row in enumerate(body) if row.unplaced and k in decided}

    def _fitting(self, row) -> list[tuple[tuple[int, ...], tuple]]:
        """The placements of a short row's figures (and the amounts they give) that obey the relation and the signs."""
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        figures = [parse_money(t) for t in row.unplaced]
        if self.relation is None or None in figures or not 0 < len(figures) < len(self.cols):
            return []
        out = []
        for where in combinations(range(len(self.cols)), len(figures)):  # the figures in print order, the rest empty
            amounts = [0.0] * len(self.cols)
            for k, a in zip(where, figures):
                amounts[k] = a  # type: ignore[assignment]
            signs_ok = all(not a or self.signs.get(self.cols[k]) in (None, (a > 0) - (a < 0)) for k, a in zip(where, figures))
            if signs_ok and _obeys_all(self.relation, amounts):
                out.append((where, tuple(amounts)))
        return out

    def place(self, row) -> Optional[list[str]]:
        options = self._fitting(row)
        fitting = [where for where, amounts in options if len(options) == 1 or self.by_totals.get(id(row)) == amounts]
        if len(fitting) != 1:
            return None
        cells = list(row.cells)
        for k, text in zip(fitting[0], row.unplaced):
            cells[self.cols[k]] = text  # type: ignore[index]
        self.proven.add(id(row))
        return cells


_RELATIONS = ("lasten + baten", "lasten - baten", "baten - lasten")
_TOTAL_ROW = re.compile(r"^\s*(sub[\s-]*)?totaal\b", re.IGNORECASE)


def _obeys(relation: str, amounts: list) -> bool:
    lasten, baten, saldo = amounts
    value = lasten + baten if relation == "lasten + baten" else lasten - baten if relation == "lasten - baten" else baten - lasten
    return abs(value - saldo) <= 1.0


def _obeys_all(relation: str, amounts: list) -> bool:
    """Every group of three (lasten, baten, saldo) obeys the relation."""
    return all(_obeys(relation, amounts[k:k + 3]) for k in range(0, len(amounts), 3))


def _side_groups(columns: list[tuple]) -> list[int]:
    """The value columns as groups of lasten, baten and saldo (one group, or one per kind and year: "Rekening 2018
    Lasten | Baten | Saldo | Begroting 2019 Lasten | …"), flattened in that order; [] when the columns are no such
    groups (every column in exactly one complete group, the groups side by side)."""
    groups: dict[tuple, dict[str, int]] = {}
    for c, kind, year, side in columns:
        if side not in ("lasten", "baten", "saldo") or side in groups.setdefault((kind, year), {}):
            return []
        groups[(kind, year)][side] = c
    if not groups or any(len(g) != 3 for g in groups.values()):
        return []
    out = [g[s] for g in groups.values() for s in ("lasten", "baten", "saldo")]
    return out if sorted(out) == sorted(c for c, *_ in columns) else []


def _budget_warnings(table: Table, body: list, skipped: list[str], unreadable: list[str], proven: set[int]) -> list[ErrorEntry]:
    errors: list[ErrorEntry] = []
    where = f"page {table.page}" if table.method != "text" else f"line {body[0].lines[0] if body and body[0].lines else '?'}"
    short = [" | ".join([*(c for c in r.cells if c.strip()), *r.unplaced]) for r in body if r.unplaced and id(r) not in proven]
    if short:
        errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=None,
                                 message=f"budget table at {where}: {len(short)} row(s) print fewer figures than the table has "
                                 "columns (empty cells not copied) and the arithmetic does not prove which columns they are in; "
                                 "left out: " + "; ".join(repr(r[:70]) for r in short[:5])))
    if skipped:
        errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                                 message=f"budget table at {where}: column(s) {', '.join(repr(h) for h in dict.fromkeys(skipped))} "
                                 "cover part of a year, cannot be told apart or compare with a year the table does not single out; left out"))
    if table.uncertain_rows:
        errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                                 message=f"budget table at {where}: {len(table.uncertain_rows)} row(s) with fewer cells than the header "
                                 "left out: " + "; ".join(repr(r[:60]) for r in table.uncertain_rows[:3])))
    if unreadable:
        errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                                 message=f"budget table at {where}: {len(unreadable)} cell(s) not read as one amount: "
                                 + ", ".join(repr(u) for u in unreadable[:5])))
    return errors


_HEADER_CELL = re.compile(r"^\D*((19|20)\d{2}\D*)*$")
_PROGRAMME_HEADING = re.compile(r"^\s*programma\s*:?\s*P\s?([\dO]{1,2})\b", re.IGNORECASE)
_OWN_PROGRAMME = re.compile(r"^\s*[Pp]rogramma\s*:?\s+(\d{1,2}[a-z]?\.?\s+)?[A-Z]")  # a row naming a programme, not "Programma resultaat"
_ALL_PROGRAMMES = re.compile(r"\balle\s+programma|\btotaal\b.*\bprogramma['’]?s\b|\bprogramma['’]s\b", re.IGNORECASE)


def _repeated_kinds(body: list, value_cols: list[int]) -> dict[int, tuple[Optional[str], Optional[int], str]]:
    """Per value column, the budget kind and year that every header repeated inside the table gives
    it (blocks under "Programma: P2 … | Begroting 2023"); columns on which they disagree get none."""
    from extractor.parse.table_semantics import classify_header  # noqa: PLC0415

    said: dict[int, set[tuple[Optional[str], Optional[int], str]]] = {}
    for row in body:
        filled = [c for c in value_cols if c < len(row.cells) and row.cells[c].strip()]
        if not filled or not all(_header_cell(row.cells[c]) for c in filled):
            continue
        for c in filled:
            text = " ".join(row.cells[c].split())
            meaning = classify_header(text)
            if meaning.budget_kind or meaning.year:
                said.setdefault(c, set()).add((meaning.budget_kind, meaning.year, text))
    return {c: next(iter(kinds)) for c, kinds in said.items() if len({(k, y) for k, y, _ in kinds}) == 1 and len(kinds) == 1}


_CLOSING_TOTAL = re.compile(r"^\s*totaal\s+(?:deel)?programma\s+(?P<code>\d{1,2}[A-Z]?)\b", re.IGNORECASE)
_LEADING_CODE = re.compile(r"^\s*(?P<code>\d{1,2}[A-Z]?)\.?\s+\S")


def _closed_programme_codes(body: list, label_col: int) -> set[str]:
    """Codes of the blocks a row "Totaal deelprogramma 1A" / "Totaal programma 3" closes inside the table."""
    codes: set[str] = set()
    for row in body:
        label = row.cells[label_col] if label_col < len(row.cells) else ""
        match = _CLOSING_TOTAL.match(label)
        if match:
            codes.add(match.group("code").upper())
    return codes


def _closed_block(label: str, closed: set[str]) -> Optional[str]:
    """A block header naming its (deel)programme by code ("1A VITALE INWONERS …" in the corner cell), when a
    "Totaal deelprogramma 1A" row in the same table confirms that such codes are programmes' (the block's own
    code, or one of the same form: "1B …" after a closed "1A", whose total may be on a page not printed); as printed."""
    match = _LEADING_CODE.match(label)
    if match and _code_form(match.group("code")) in {_code_form(code) for code in closed}:
        return " ".join(label.split())
    return None


def _code_form(code: str) -> str:
    """"1A" and "2B" share the form "9A"; "3" is "9"."""
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d+", "9", code))


def _block_code(label: str) -> Optional[str]:
    """A programme code standing anywhere in a block's header row ("Programma:P3 …" with the word
    "Programma" misread by OCR); only header rows are asked, where "P3" can be nothing else."""
    code = re.search(r"(?<![A-Za-z0-9])P\s?(\d{1,2})\b", label)
    return f"P{code.group(1)}" if code else None


def _repeated_header(cells) -> bool:
    """Cells of a header repeated inside the table: words and years ("Begroting 2023", "Lasten"), or
    words with a cut-off year ("Begroting 20", an OCR'd header band) beside such cells; no amount."""
    texts = [" ".join(c.split()) for c in cells]
    return any(_header_cell(t) for t in texts) and all(
        _header_cell(t) or re.fullmatch(r"(19|20)\d{2}", t) or (t[:1].isalpha() and not _DIGIT.search(t.split()[0])) for t in texts)


def _voted_kinds(body: list, value_cols: list[int], headers: list[str]) -> dict[int, Optional[tuple[Optional[str], Optional[int]]]]:
    """Per value column of an OCR'd table, the kind and year most copies of its header give.

    A long table repeats its header over every block; OCR misreads some copies ("Begroting actuee|"
    reads as a plain begroting, "Rexening" as no kind at all), rarely the same way twice. The kind and
    year named by more than half of the copies win; without such a majority the column is None (left
    out). Columns whose header is printed once are not in the result."""
    from extractor.parse.table_semantics import classify_header  # noqa: PLC0415

    copies: dict[int, list[str]] = {c: [headers[c]] for c in value_cols if c < len(headers)}
    run: dict[int, list[str]] = {}
    for row in [*body, None]:
        cells = [row.cells[c] for c in value_cols if c < len(row.cells) and row.cells[c].strip()] if row is not None else []
        if cells and _repeated_header(cells):
            for c, text in enumerate(row.cells):
                span = max(1, row.spans[c] if c < len(row.spans) else 1)
                for k in range(c, c + span):  # a group header spanning its sub-columns names each of them
                    if text.strip() and k in copies:
                        run.setdefault(k, []).append(" ".join(text.split()))
            continue
        for c, texts in run.items():
            if c in copies:
                copies[c].append(" ".join(texts))
        run = {}
    voted: dict[int, Optional[tuple[Optional[str], Optional[int]]]] = {}
    for c, texts in copies.items():
        meanings = [classify_header(t) for t in texts]
        kinds = Counter(m.budget_kind for m in meanings if m.budget_kind)
        years = Counter(m.year for m in meanings if m.year)
        if len(texts) < 3 or not kinds and not years:
            continue  # copies that name no kind or year ("Onttrekking", "Baten") do not vote
        kind = _majority(kinds)
        year = _majority(years)
        voted[c] = None if (kinds and kind is None) or (years and year is None) else (kind, year)
    return voted


def _majority(votes: Counter):
    best = votes.most_common(1)
    return best[0][0] if best and best[0][1] * 2 > sum(votes.values()) else None


def _header_cell(text: str) -> bool:
    """Words and years only ("Begroting 2023", "Lasten"): a header cell, not an amount."""
    return bool(_HEADER_CELL.match(text)) and any(ch.isalpha() for ch in text)


def programme_code(label: str) -> Optional[str]:
    """"P2" for "Programma: P2 Mens en maatschappij" or "P2 Mens en …"; None when the label names no code.

    A letter O right after "Programma: P" is a zero read as a letter (OCR), as no programme code is "PO"."""
    heading = _PROGRAMME_HEADING.match(label)
    if heading:
        return "P" + heading.group(1).upper().replace("O", "0").lstrip("0").rjust(1, "0")
    code = _PROGRAMME_CODE.search(label) if re.match(r"^\s*(programma\b|P\s?\d)", label, re.IGNORECASE) else None
    return f"P{code.group(1)}" if code else None


def _line_programme(label: str, programme_rows: bool, heading: Optional[str], default: Optional[str]) -> Optional[str]:
    """The programme of one budget line: the row's own (recapitulatie), the block's heading, or the table's. Inside a
    block opened by a figure-less programme row, its rows ("Subtotaal" included) are that programme's."""
    if programme_rows and not heading:
        return _row_programme(label)
    if _ALL_PROGRAMMES.search(label):
        return None  # the total over all programmes belongs to none of them
    if _OWN_PROGRAMME.match(label):
        return label  # "Programma Publieke Gezondheid" with its figures, in an overview of baten en lasten
    if heading is not None:
        return heading or None
    return default


def _row_programme(label: str) -> Optional[str]:
    """The programme a recapitulatie row names ("P2 Mens en Maatschappij" is "P2"); None for totals and results. The
    overviews printed in the programme position (algemene dekkingsmiddelen, overhead, onvoorzien) name themselves
    alike, as the programme rows do."""
    if re.match(r"^\s*(totaal|subtotaal|saldo|resultaat|geraamd|gerealiseerd|mutatie|onttrekking|toevoeging|dotatie)",
                label, re.IGNORECASE) or re.search(r"\bresultaat\b", label, re.IGNORECASE):
        return None
    code = re.match(r"^\s*P\s?(\d{1,2})\b", label)
    return f"P{code.group(1)}" if code else label


def _line_side(kind: str, column_side: Optional[str], row_side: Optional[str], heading: Optional[str]) -> Optional[str]:
    """The side of one amount: the column's, else the row's or the last side heading's. In a verschil column the row
    decides: "Verschil t.o.v. begroting saldo" names the difference, and its "Baten" row is a difference of baten."""
    if kind == "verschil" and row_side:
        return row_side
    return column_side or row_side or heading


def _row_side(label: str) -> Optional[str]:
    low = label.lower()
    if _BATEN.match(low) or re.match(r"^\s*(totaal\s+)?(opbrengsten|inkomsten)\b", low):
        return "baten"
    if _LASTEN.match(low) or re.match(r"^\s*(totaal\s+)?uitgaven\b", low):
        return "lasten"
    if re.match(r"^\s*(totaal\s+)?saldo\b|^\s*(gerealiseerd\s+)?saldo\s+(van\s+)?baten\s+en\s+lasten|^\s*resultaat\b", low):
        return "saldo"
    return None


def _part_rows(body: list, columns: list[tuple], label_col: int):
    """Short rows of a table of a total and its parts (`total_parts.PartRows`), when its columns are such a table."""
    from extractor.parse.total_parts import PartRows  # noqa: PLC0415

    if not any(r.unplaced for r in body):
        return None
    parts = PartRows(body, [c for c, *_ in columns], label_col)
    return parts if parts.total is not None else None


def _run_sum_rows(body: list, columns: list[tuple], label_col: Optional[int] = None):
    """Short rows placed by a closing row that sums the rows above it (`row_sums.RunSumRows`), when a table has any."""
    from extractor.parse.row_sums import RunSumRows  # noqa: PLC0415

    return RunSumRows(body, [c for c, *_ in columns], label_col) if any(r.unplaced for r in body) else None


def accounted_year(columns: list[tuple], document_type: Optional[str], doc_year: Optional[int]) -> list[tuple]:
    """In jaarstukken of year Y, a table none of whose value columns names a year or a kind ("Totaal | waarvan …"
    over the year's result and its changes) holds amounts of Y, the year the document accounts for (as an undated
    "Realisatie" column is Y, `undated_years`). A table that names a year or kind anywhere keeps its own reading."""
    if (document_type or "").lower() != "jaarstukken" or doc_year is None or not columns:
        return columns
    if any(kind != "bedrag" or year is not None for _, kind, year, _ in columns):
        return columns
    return [(c, kind, doc_year, side) for c, kind, _, side in columns]
