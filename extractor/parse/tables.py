"""Indicator and budget tables: the dispatcher the pipeline calls.

PDF pages are read into grids by `extractor.layout.tables`, text lines by
`extractor.layout.table_grid` and `extractor.layout.text_indicator_tables`; all give the same
`Table` model. Each table goes through one path: the meaning layer (`table_semantics.judge_table`)
classifies it by its axes, then exactly one reader reads it (`indicators.read_indicators` or
`budget.read_budget`), the seed-style text indicator grids included.
After reading, goals are linked (`indicator_goals`) and explanations printed in a name cell move to
`description` (`indicator_names`), for PDF and text alike. What no reader used is reported in coverage with the
reason, and a `tables_not_used` warning is written when such a table held figures.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Optional

from extractor.layout.tables import Table
from extractor.model import BudgetLine, ErrorEntry, GoalNode, Indicator, Metadata, TableNote
from extractor.parse.section_context import SectionContext, SectionIndex, table_key

if TYPE_CHECKING:
    from extractor.parse.table_semantics import Verdict

log = logging.getLogger(__name__)


@dataclass
class TablesResult:
    indicators: list[Indicator] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)
    tables_found: int = 0
    tables_indicators: int = 0
    tables_budget: int = 0
    rejected: list[TableNote] = field(default_factory=list)
    prose_targets: int = 0
    table_boxes: dict[int, list] = field(default_factory=dict)  # PDF: page -> boxes of tables (prose is not read there)
    table_lines: list[tuple[int, int]] = field(default_factory=list)  # text: line spans of tables
    detectors: dict[str, int] = field(default_factory=dict)  # tables found per detector (coverage.table_detectors)

    def absorb(self, other: "TablesResult") -> None:
        """Add what one table's reading found (items, warnings, counts, notes)."""
        self.indicators.extend(other.indicators)
        self.budget_lines.extend(other.budget_lines)
        self.errors.extend(other.errors)
        self.rejected.extend(other.rejected)
        self.tables_found += other.tables_found
        self.tables_indicators += other.tables_indicators
        self.tables_budget += other.tables_budget
        self.prose_targets += other.prose_targets
        for page, boxes in other.table_boxes.items():
            self.table_boxes.setdefault(page, []).extend(boxes)
        self.table_lines.extend(other.table_lines)
        for detector, count in other.detectors.items():
            self.detectors[detector] = self.detectors.get(detector, 0) + count


def parse_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata]) -> tuple[list[Indicator], list[BudgetLine], list[ErrorEntry]]:
    result = read_tables(laid_out, goals, metadata)
    return result.indicators, result.budget_lines, result.errors


def read_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool = True,
                prose: bool = True) -> TablesResult:
    """All tables of a document, read or reported, plus the targets written in sentences."""
    result = TablesResult()
    if getattr(laid_out, "format", None) == "pdf":
        _pdf_tables(laid_out, goals, metadata, use_camelot, result)
    else:
        _text_tables(laid_out, goals, metadata, result)
    from extractor.parse.indicator_names import split_explanations  # noqa: PLC0415

    split_explanations(result.indicators)
    if prose:
        from extractor.parse.prose_targets import prose_targets  # noqa: PLC0415

        targets = prose_targets(laid_out, metadata, exclude=result.table_boxes, exclude_lines=result.table_lines)
        result.indicators.extend(targets)
        result.prose_targets = len(targets)
    result.errors.extend(not_used_warnings(result.rejected))
    return result


def not_used_warnings(rejected: list[TableNote]) -> list[ErrorEntry]:
    """One `tables_not_used` warning per table with figures that no reader used, with its page (or line) and
    the reason, so no numeric table is dropped silently; tables without figures are only in coverage."""
    warnings: list[ErrorEntry] = []
    for note in rejected:
        if not note.numeric:
            continue
        where = f"page {note.page}" if note.page else f"line {note.lines[0] if note.lines else '?'}"
        if note.pages and len(note.pages) > 1:
            where = f"pages {note.pages[0]}-{note.pages[-1]}"
        detector = f" ({note.detector})" if note.detector else ""
        warnings.append(ErrorEntry(code="tables_not_used", severity="warning", page=note.page,
                                   message=f"table with figures on {where}{detector} not read: {note.reason}"))
    return warnings


def _pdf_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool, result: TablesResult) -> None:
    from extractor.layout.tables import find_tables  # noqa: PLC0415
    from extractor.parse.indicator_goals import link_pdf_goals  # noqa: PLC0415
    from extractor.parse.table_semantics import judge_table, unscaled_beside_scaled  # noqa: PLC0415

    tables, unread = find_tables(laid_out.pages, skip=set(laid_out.toc_pages), pdf_path=laid_out.raw.path, use_camelot=use_camelot)
    for page in unread:
        result.errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=page,
                                        message=f"page {page} seems to hold a table (an indicator header or figures aligned "
                                                "in columns) that no detector could read"))
        result.rejected.append(TableNote(page=page, reason="a table header or a numeric grid that no detector could read",
                                         numeric=True))
    headings = _headings(laid_out)
    verdicts = [(table, judge_table(table)) for table in tables]
    unscaled_beside_scaled(verdicts, {page.number: [line.text for line in page.lines] for page in laid_out.pages
                                      if any(t.page == page.number and v.kind == "budget" and v.scale is None for t, v in verdicts)})
    sections = _section_index(laid_out, is_pdf=True)
    for number, (table, verdict) in enumerate(verdicts, start=1):
        for row in table.rows:
            result.table_boxes.setdefault(row.page, []).append(row.bbox)
        before = len(result.indicators)
        _one_table(table, number, _section_goals(table, goals, headings), metadata, result, verdict,
                   section=sections.context(table_key(table, is_pdf=True)))
        link_pdf_goals(result.indicators[before:], goals)


Heading = tuple[int, float, int, str]  # page, top, outline level, title


def _section_index(laid_out, is_pdf: bool) -> SectionIndex:
    """The outline's headings for the programme and year context of tables; empty when no outline can be built."""
    try:
        return SectionIndex(laid_out.outline(), is_pdf)
    except Exception:  # noqa: BLE001 - the outline is a help here, never a reason to lose tables
        log.debug("no outline for the table context", exc_info=True)
        return SectionIndex(None, is_pdf)


def _headings(laid_out) -> list[Heading]:
    """The document's headings (page, top, level, title); empty when the outline cannot be built."""
    try:
        sections = laid_out.outline().sections
    except Exception:  # noqa: BLE001 - the outline is a help here, never a reason to lose tables
        log.debug("no outline for the table sections", exc_info=True)
        return []
    out: list[Heading] = []
    for section in sections:
        heading = section.heading
        if heading is not None and heading.lines and heading.page is not None:
            out.append((heading.page, heading.lines[0].top, section.level, " ".join(heading.text.split()).lower()))
    return out


def _section_goals(table: Table, goals: list[GoalNode], headings: list[Heading]) -> list[GoalNode]:
    """The goals a table may take its programme from: without the programme nodes when the programme section
    the table would fall in has ended before it (a heading of the programme heading's level or higher, such
    as "7. Financiën" after the last programme, stands between the programme's start and the table)."""
    starts = [g for g in goals if g.level == "programma" and g.page is not None and g.page <= table.page]
    if not starts or not headings:
        return goals
    last = max(starts, key=lambda g: g.page or 0)
    title = " ".join(last.title.split()).lower()
    own = [h for h in headings if h[0] == last.page and title and (h[3] == title or h[3].endswith(title))]
    if not own:
        return goals
    page, top, level, _ = own[0]
    table_top = table.bbox[1]
    for h_page, h_top, h_level, _ in headings:
        after_programme = (h_page, h_top) > (page, top)
        before_table = (h_page, h_top) < (table.page, table_top)
        if after_programme and before_table and h_level <= level:
            return [g for g in goals if g.level != "programma"]
    return goals


def _text_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], result: TablesResult) -> None:
    """Every text table is a `Table` grid from the layout layer, judged by the one meaning layer and read by
    `read_indicators` / `read_budget`. The indicator tables printed as tab, flattened, stacked or packed rows
    (`layout.text_indicator_tables`) come first; their typed columns count even where no cell reads as a figure
    (`typed_header_verdict`), and a generic grid over the same lines is then skipped. Goals are linked by
    `parse.indicator_goals`."""
    from extractor.layout.table_grid import table_lines, text_tables  # noqa: PLC0415
    from extractor.layout.text_indicator_tables import header_line_of, indicator_text_tables  # noqa: PLC0415
    from extractor.parse.indicator_goals import link_goals  # noqa: PLC0415
    from extractor.parse.programme_pages import programme_page_title  # noqa: PLC0415
    from extractor.parse.table_semantics import judge_table, typed_header_verdict, value_header_key  # noqa: PLC0415

    lines = laid_out.lines()
    sections = _section_index(laid_out, is_pdf=False)
    taken: list[tuple[int, int]] = []
    number = 0
    grids = text_tables(lines)
    for table in indicator_text_tables(lines):
        number += 1 if len(table.rows) > 1 else 0
        if _fuller_grid(table, grids, lines):
            continue  # a grid over the same lines holds more rows (a one-cell-per-line table): that one is read
        verdict = typed_header_verdict(table, judge_table(table))
        if verdict.kind != "indicator":
            continue  # money after all, or nothing: left to the readers of the grids below (which report it)
        read = TablesResult()
        _one_table(table, number, goals, metadata, read, verdict, section=sections.context(table_key(table, is_pdf=False)))
        if not read.indicators:
            continue  # nothing read: the grids below may still read these lines, or report them
        link_goals(read.indicators, goals, header_line_of(table))
        result.indicators.extend(read.indicators)
        result.errors.extend(read.errors)
        span = table_lines(table)
        taken.append(span)
        result.table_lines.append(span)
        result.tables_found += 1
        result.tables_indicators += 1
        result.detectors["text"] = result.detectors.get("text", 0) + 1
    title = _single_programme_title(lines) or _page_title(lines, grids)
    overview = title is None and _programme_overview_page(lines, grids)
    above: Optional[tuple[tuple[str, ...], float]] = None  # value headers and scale of the budget table read last
    for number, table in enumerate(grids, start=1):
        first, last = table_lines(table)
        if any(not (last < a or first > b) for a, b in taken):
            continue  # already read as a tab/flattened indicator table
        _add_lines_above(table, lines, first)
        result.table_lines.append((first, last))
        before, lines_before = len(result.indicators), len(result.budget_lines)
        page_title = title or programme_page_title(lines, first)  # or the title of a page captioned as one programme's
        section = _page_programme(sections.context(table_key(table, is_pdf=False)), page_title, first)
        if overview and not (section is not None and section.programme):
            section = replace(section or SectionContext(), programme_rows=True)  # the rows are the page's programmes
        verdict = _inherit_scale(table, judge_table(table), above, result)
        _one_table(table, number, goals, metadata, result, verdict, section=section)
        link_goals(result.indicators[before:], goals, header_line_of(table))
        read_budget_lines = len(result.budget_lines) > lines_before
        above = (value_header_key(verdict), verdict.scale) if read_budget_lines and verdict.scale else None


def _inherit_scale(table: Table, verdict, above: Optional[tuple[tuple[str, ...], float]], result: TablesResult):
    """A text budget table without a unit of its own under a budget table of the same columns that states one takes
    that unit (`table_semantics.scale_from_table_above`), and the reader is told where it came from."""
    from extractor.parse.table_semantics import scale_from_table_above  # noqa: PLC0415

    scale = scale_from_table_above(table, verdict, above)
    if scale is not None:
        verdict.scale = scale
        result.errors.append(ErrorEntry(
            code="table_uncertain", severity="warning",
            message=f"budget table at {_where(table)} prints no unit: its amounts are read x {scale:,.0f} like the table "
                    "right above it, which prints the same columns and states that unit"))
    return verdict


def _single_programme_title(lines: list) -> Optional[tuple[int, str]]:
    """(line, text) of the one programme title line of a text ("Programma 8: Wonen"), when it prints exactly one: a
    page copied from one programme's web page. Several such lines: each table's section decides, not this."""
    from extractor.layout.table_grid import PROGRAMME_TITLE  # noqa: PLC0415

    titles = [(ln.line_no, " ".join(ln.text.split())) for ln in lines
              if ln.line_no is not None and len(ln.text.strip()) <= 120 and PROGRAMME_TITLE.match(ln.text)]
    return titles[0] if len(titles) == 1 else None


_SCALE_LINE = re.compile(r"^\W*(bedragen\s+)?(x|in)\s*(€\s*)?(1\.000|duizenden|miljoenen)\b.*$|^\W*bedragen\s+(x|in)\b.*$", re.IGNORECASE)
_NAME_LINE = re.compile(r"^[A-ZÀ-Ý][^\d.:;?!|]{2,60}$")


def _page_title(lines: list, grids: list[Table]) -> Optional[tuple[int, str]]:
    """(line, text) of a page's title standing directly over its first table ("Overzicht" / "Algemene middelen" /
    "(Bedragen x € 1.000)" / the table): a name of at most six words, with only a scale line between it and the
    table and only generic titles ("Overzicht", "Wat gaat het kosten?") above it, in a text that prints no
    programme title. Such a page is that name's overview, and its tables in no programme by their sections are
    that name's (like a programme title). The first table must be an overview of that name's baten en lasten (rows
    "Lasten" and "Baten"): a list of items ("Nieuw beleid" over "1 Inwonersgroei") is no unit's overview. A title
    over a caption of its own, prose between title and table, or a generic title ("Specificatie …", "Reserves en
    voorzieningen") gives nothing."""
    from extractor.layout.table_grid import table_lines  # noqa: PLC0415
    from extractor.parse.section_context import generic_title  # noqa: PLC0415

    if not grids or not _sides_overview(grids[0]):
        return None
    first = table_lines(grids[0])[0]
    above = [(ln.line_no, " ".join(ln.text.split())) for ln in lines
             if ln.line_no is not None and ln.line_no < first and ln.text.strip()]
    while above and _SCALE_LINE.match(above[-1][1]):
        above.pop()
    named = _caption_name(above)
    if named is not None:
        return named
    if not above or not all(generic_title(text) and len(text.split()) <= 6 for _, text in above[:-1]):
        return None
    line, text = above[-1]
    if generic_title(text) or not _NAME_LINE.match(text) or len(text.split()) > 6:
        return None
    return line, text


_TRAILING_SCALE = re.compile(r"\s*[-–(]?\s*(bedragen\s+)?(x|in)\s*(€\s*)?(1\.000|duizenden|miljoenen)\b[^A-Za-z]*$", re.IGNORECASE)


def _caption_name(above: list[tuple[int, str]]) -> Optional[tuple[int, str]]:
    """The name in a caption that prints it with the table's scale ("Wonen en werken x € 1.000") right over the first
    table, when the page also prints that name as a title line of its own above it: the page's title repeated in the
    table's caption names whose amounts these are, whatever other headings stand above."""
    from extractor.parse.section_context import generic_title  # noqa: PLC0415

    if not above:
        return None
    line, caption = above[-1]
    scale = _TRAILING_SCALE.search(caption)
    if scale is None or scale.start() == 0:
        return None
    name = caption[:scale.start()].strip(" -–:(")
    if generic_title(name) or not _NAME_LINE.match(name) or len(name.split()) > 6:
        return None
    return (line, name) if any(text == name for _, text in above[:-1]) else None


_SIDE_ROW = re.compile(r"^\W*(totaal\s+)?(lasten|baten)\b", re.IGNORECASE)


def _sides_overview(table: Table) -> bool:
    """A table with a "Lasten" row and a "Baten" row: the overview of one unit's baten en lasten."""
    sides = {m.group(2).lower() for row in table.rows if row.cells for m in [_SIDE_ROW.match(row.cells[0])] if m}
    return sides == {"lasten", "baten"}


_OVERVIEW_TITLE = re.compile(r"^(\d+(\.\d+)*\.?\s+)?(recapitulatie\b|.{0,60}\bper\s+programma\b)", re.IGNORECASE)


def _programme_overview_page(lines: list, grids: list[Table]) -> bool:
    """A title above the page's first table that calls the page an overview per programme ("3.2 Recapitulatie",
    "Lasten en baten per programma"): every table of the page, whatever its corner says ("Lasten (x € 1.000)",
    "Baten"), lists the programmes as its rows, where no programme section says otherwise."""
    from extractor.layout.table_grid import table_lines  # noqa: PLC0415

    if not grids:
        return False
    first = table_lines(grids[0])[0]
    above = [" ".join(ln.text.split()) for ln in lines if ln.line_no is not None and ln.line_no < first and ln.text.strip()]
    return any(len(text) <= 80 and _OVERVIEW_TITLE.match(text) for text in above[-4:])


def _page_programme(section: Optional[SectionContext], title: Optional[tuple[int, str]], first: int) -> Optional[SectionContext]:
    """A table below the page's one programme title, in no programme by its sections, is that programme's."""
    if title is None or title[0] >= first or section is not None and section.programme:
        return section
    return replace(section or SectionContext(), programme=title[1])


def _fuller_grid(table: Table, grids: list[Table], lines: list) -> bool:
    """A generic grid over the same lines with more rows of figures than this flattened or stacked indicator table (whose
    cells are guessed from the header); a tab table's cells are certain and stay."""
    from extractor.layout.table_grid import table_lines  # noqa: PLC0415

    first, last = table_lines(table)
    if any("\t" in ln.text for ln in lines if ln.line_no == first):
        return False
    return any((_figure_rows(grid) > _figure_rows(table) or _figure_rows(grid) == _figure_rows(table) and _row_year_column(grid))
               and not (last < a or first > b) for grid in grids for a, b in [table_lines(grid)])


def _row_year_column(grid: Table) -> bool:
    """The grid's header has a column of each row's year ("Jaar"): a flattened or stacked reading knows no such column
    and would read the years as figures, so on a tie the grid is read."""
    from extractor.parse.table_semantics import classify_header  # noqa: PLC0415

    return bool(grid.header_rows) and any(classify_header(c).role == "year" for c in grid.rows[0].cells if c.strip())


def _figure_rows(table: Table) -> int:
    """Rows printing two or more figures (years left out: a header of years is no row of figures); a row whose figures
    the layout saw but could not place (`TableRow.unplaced`) counts too: the grid covers it, and warns."""
    from extractor.layout.table_grid import is_number_cell, is_year_cell  # noqa: PLC0415

    return sum(1 for row in table.rows
               if sum(1 for c in [*row.cells, *row.unplaced] if c.strip() and is_number_cell(c) and not is_year_cell(c)) >= 2)


def _add_lines_above(table: Table, lines: list, first: int) -> None:
    """Give a text table the short lines printed just above it (a caption, "bedragen x € 1.000"), as a PDF table
    has them: without them a scale note on its own line above a table copied from a web page is lost."""
    known = {ln.text.strip() for ln in table.above}
    before = [ln for ln in lines if ln.line_no is not None and ln.line_no < first and ln.text.strip()]
    taken: list = []
    for k, line in enumerate(reversed(before[-3:])):
        text = line.text.strip()
        if len(text) > 100:
            taken[:0] = _sides_title_over(before[:len(before) - k - 1], known)
            break  # a paragraph: the context ends there
        if text not in known:
            taken.insert(0, line)
    table.above = [*taken, *table.above]


def _sides_title_over(before: list, known: set[str]) -> list:
    """The title of an overview of baten en lasten just above the paragraph that introduces its table ("Overzicht van
    baten en lasten", then a paragraph, then the table): still the table's title, which says whose lasten and baten
    its rows are (`budget.sides_title`). Only that title is taken over a paragraph; other context ends there."""
    from extractor.parse.budget import sides_title  # noqa: PLC0415

    if not before:
        return []
    text = before[-1].text.strip()
    return [before[-1]] if sides_title(text) and text not in known else []


def _one_table(table: Table, number: int, goals: list[GoalNode], metadata: Optional[Metadata], result: TablesResult,
               verdict: Optional[Verdict] = None, section: Optional[SectionContext] = None) -> None:
    """Read one table inside a guard: a reader's bug costs that table (an `internal_error` naming it, the
    document becomes partial), never the other tables of the document."""
    read = TablesResult()
    try:
        _read_one_table(table, number, goals, metadata, read, verdict, section)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - one table's failure is reported, the others are still read
        log.debug("table %d could not be read", number, exc_info=True)
        where = _where(table)
        result.tables_found += 1
        result.errors.append(ErrorEntry(code="internal_error", severity="error", page=table.page if table.method != "text" else None,
                                        message=f"table {number} at {where}: the table reader failed "
                                                f"({type(exc).__name__}: {exc}); this table was not read"))
        result.rejected.append(_table_note(table, "the table reader failed", numeric=True))
        return
    result.absorb(read)


def _table_note(table: Table, reason: str, numeric: bool) -> TableNote:
    """A table not used, where it is printed (page and box for a PDF, first and last line for text)."""
    rows = [r for r in table.rows if r.lines]
    pdf = table.method != "text"
    return TableNote(page=table.page if pdf else None, bbox=table.bbox if pdf else None,
                     lines=(rows[0].lines[0], rows[-1].lines[1]) if rows else None,
                     reason=reason, numeric=numeric, detector=table.method, pages=_printed_pages(table))


def _where(table: Table) -> str:
    if table.method != "text":
        return f"page {table.page}"
    rows = [r for r in table.rows if r.lines]
    return f"line {rows[0].lines[0]}" if rows else "an unknown line"


def _read_one_table(table: Table, number: int, goals: list[GoalNode], metadata: Optional[Metadata], result: TablesResult,
                    verdict: Optional[Verdict] = None, section: Optional[SectionContext] = None) -> None:
    """Judge one table (unless the caller already did) and read it with the one reader its verdict names;
    `section` is what the enclosing headings say (programme, begroting year)."""
    from extractor.parse.budget import read_budget  # noqa: PLC0415
    from extractor.parse.indicators import read_indicators  # noqa: PLC0415
    from extractor.parse.table_semantics import judge_table  # noqa: PLC0415

    result.tables_found += 1
    result.detectors[table.method] = result.detectors.get(table.method, 0) + 1
    if table.glued_left_out:
        result.errors.append(ErrorEntry(
            code="glued_cells_ambiguous", severity="warning",
            message=f"table at line {table.rows[0].lines[0] if table.rows[0].lines else '?'}: {len(table.glued_left_out)} row(s) print "
                    "their figures glued together and the split is not certain; left out: "
                    + "; ".join(repr(r[:60]) for r in table.glued_left_out[:3])))
    result.errors.extend(merged_cell_warnings(table, number))
    verdict = verdict or judge_table(table)
    warnings: list[ErrorEntry] = []
    if verdict.kind == "indicator":
        indicators, more = read_indicators(table, verdict, metadata, number, goals=goals,
                                            begroting_year=section.begroting_year if section else None,
                                            section_title=section.title if section else None)
        if indicators:
            result.indicators.extend(indicators)
            result.errors.extend(warnings + more + _inferred_grid(table))
            result.tables_indicators += 1
            return
        verdict.reason = "indicator axes, but no value could be typed or read"
        warnings += more
    elif verdict.kind == "budget":
        lines, more = read_budget(table, verdict, metadata, goals, section=section)
        if lines:
            result.budget_lines.extend(lines)
            result.errors.extend(warnings + more + _inferred_grid(table))
            result.tables_budget += 1
            return
        verdict.reason = "budget axes, but no amount could be read"
        warnings += more
    result.errors.extend(warnings)
    reason = verdict.reason or "not an indicator or budget table"
    if table.uncertain_rows and verdict.kind not in ("indicator", "budget"):  # those readers name the rows themselves
        reason += (f"; {len(table.uncertain_rows)} row(s) with figures could not be placed in its columns with certainty: "
                   + "; ".join(repr(r[:60]) for r in table.uncertain_rows[:3]))
    numeric = verdict.numeric or bool(table.uncertain_rows) or _figure_cells(table, verdict.label_col) >= 2
    result.rejected.append(_table_note(table, reason, numeric=numeric))


def _figure_cells(table: Table, label_col: Optional[int]) -> int:
    """Cells outside the label column that print one figure (pipes around it allowed), whatever the header says:
    a table set aside whose cells are figures is reported with a warning, even when its cells did not read as values
    (rows set aside for their figures, `uncertain_rows`, count too)."""
    from extractor.layout.numeric_grids import lone_figure  # noqa: PLC0415

    skip = label_col if label_col is not None else 0
    return sum(1 for row in table.rows for i, cell in enumerate(row.cells) if i != skip and lone_figure(cell))


def merged_cell_warnings(table: Table, number: int) -> list[ErrorEntry]:
    """One `merged_cells` warning per row holding cells of several figures that could not be placed in columns."""
    by_row: dict[tuple[str, str], list] = {}
    for cell in table.merged_cells:
        by_row.setdefault((cell.where, cell.label), []).append(cell)
    caption = f" ({table.caption[:60]})" if table.caption else ""
    return [ErrorEntry(code="merged_cells", severity="warning", page=cells[0].page,
                       message=f"table {number} at {where}{caption}, row {label[:60]!r}: cell(s) "
                               f"{', '.join(repr(c.text[:40]) for c in cells[:4])} hold several figures; {cells[0].reason}; left out")
            for (where, label), cells in by_row.items()]


def _printed_pages(table: Table) -> Optional[list[int]]:
    """The pages a PDF table spans when more than one, so a rejected continuation page is named too."""
    pages = sorted({row.page for row in table.rows if row.page} | set(table.pages)) if table.method != "text" else []
    return pages if len(pages) > 1 else None


def _inferred_grid(table: Table) -> list[ErrorEntry]:
    if table.method in ("ruled", "text"):
        return []
    return [ErrorEntry(code="table_uncertain", severity="warning", page=table.page,
                       message=f"table on page {table.page} has no drawn grid; its columns were inferred ({table.method}), please check")]
