"""Indicators from any table the meaning layer judged an indicator table (PDF or text alike).

`extractor.parse.indicators_pdf` and `extractor.parse.indicators_text` keep reading the shapes they
were written for (effectindicatoren with code/unit/source columns, flattened seed tables); every
other table with a label column and value axes comes here: years, kinds, areas. Each value keeps
its cell's page and box (PDF) and says where its type came from (`type_from`).
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.tables import Table, TableRow
from extractor.model import ErrorEntry, Indicator, IndicatorValue, Metadata
from extractor.parse.table_semantics import HeaderMeaning, Verdict, context_value_type, read_value
from extractor.parse.values import MISSING_MARKERS, parse_direction, split_footnote_marks

_AREA_ROW = re.compile(r"(?P<own>gemeente|eigen\s+gemeente)|provincie|nederland|landelijk|regio|\bG\d{1,2}\b", re.IGNORECASE)
_EXPLANATION = re.compile(r"^(?P<name>[^()]{3,}?)\s*\((?P<desc>[^()]{12,})\)\s*$")
_HASH_MARK = re.compile(r"\s+#$")
_SOURCE_NOTE = re.compile(r"^\s*bron\s*:?\s*(?P<source>.+)$", re.IGNORECASE)
_UNIT_NOTE = re.compile(r"^\s*eenheid\s*:?\s*(?P<unit>.+)$", re.IGNORECASE)
_UNIT_IN_NAME = re.compile(r"\(\s*(?:in\s+)?(%|‰)\s*\)|\bper\s+(?:10?\.?000|100)\s+\w+(?:\s+\d+-\d+\s+jaar)?|^percentage\b|^%\s", re.IGNORECASE)


def _value_type(meaning: HeaderMeaning, metadata: Optional[Metadata], table_year: Optional[int]) -> tuple[Optional[str], Optional[int], str]:
    """(type, year, type_from) of a value column; type None when neither header nor rule decides."""
    year = meaning.year
    if meaning.value_type == "streefwaarde" and year is None and meaning.budget_kind == "begroting":
        year = metadata.year if metadata else None  # "begroting" without a year: the document's year
    if meaning.value_type:
        if meaning.scope and meaning.value_type == "referentie" and not re.search(r"nederland|landelijk|regio|provinc|gemiddeld|G4|G32|G40|referentie",
                                                                                    meaning.scope, re.IGNORECASE):
            return "realisatie", year or table_year, "context"
        return meaning.value_type, year if year is not None else (table_year if meaning.scope else None), "header"
    if meaning.scope:
        return "realisatie", year or table_year, "context"
    rule = context_value_type(year, metadata.document_type if metadata else None, metadata.year if metadata else None)
    return rule, year, "context"


def read_indicators(table: Table, verdict: Verdict, metadata: Optional[Metadata], table_no: int,
                    table_year: Optional[int] = None) -> tuple[list[Indicator], list[ErrorEntry]]:
    """One Indicator per body row with a label; values from the value columns that have a type."""
    head = verdict.head
    assert head is not None
    body = table.rows[head.header_rows:]
    if table_year is None and any(verdict.meanings[c].scope for c in verdict.value_cols):
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", " ".join([head.caption or "", *(ln.text for ln in table.above[-3:])]))}
        table_year = years.pop() if len(years) == 1 else (metadata.year if metadata else None)
    columns = {c: _value_type(verdict.meanings[c], metadata, table_year) for c in verdict.value_cols}
    source_col = next((i for i, m in enumerate(verdict.meanings) if m.role == "source"), None)
    unit_col = next((i for i, m in enumerate(verdict.meanings) if m.role == "unit"), None)
    indicators: list[Indicator] = []
    unreadable: list[str] = []
    undecided = sorted({head.headers[c] for c, (kind, _, _) in columns.items() if kind is None})
    group: Optional[str] = None
    carried: Optional[str] = None
    heading: Optional[str] = None
    by_area = sum(1 for c in verdict.value_cols if verdict.meanings[c].scope) >= 2
    for row_no, row in enumerate(body, start=1):
        label = row.cells[verdict.label_col].strip() if verdict.label_col < len(row.cells) else ""
        filled = [c for c in verdict.value_cols if c < len(row.cells) and row.cells[c].strip()]
        if re.match(r"^(bron|eenheid|toelichting|definitie)\b", label, re.IGNORECASE):
            filled = []  # "Eenheid: | Aantal per 1.000 inwoners": a note row, not figures
        if not filled:
            note = " ".join(c.strip() for c in row.cells if c.strip())
            if indicators and not _opens_area_rows(body, row_no, verdict) and _attach_note(indicators[-1], note):
                continue
            following = body[row_no].cells[verdict.label_col].strip() if row_no < len(body) and verdict.label_col < len(body[row_no].cells) else ""
            if label and not row.bold and following[:1] in tuple("(abcdefghijklmnopqrstuvwxyz"):
                carried = label  # the first line of a label whose rest is printed beside the figures
                continue
            group = label or group  # a group row ("Verwijzingen Halt") over area rows
            if row.bold and label and by_area:
                heading = _HASH_MARK.sub("", split_footnote_marks(label)[0])  # a tabellenboek group ("Gender") over its sub-rows
            continue
        if carried:
            label, carried = f"{carried} {label}", None
        if not re.search(r"[^\W\d_]{2}", label) or all(re.fullmatch(r"\(?(19|20)\d{2}\)?", row.cells[c].strip()) for c in filled):
            continue  # no name, or a row of years (a header row the grid put in the body)
        name, marks = split_footnote_marks(label)
        if _HASH_MARK.search(name):
            name, marks = _HASH_MARK.sub("", name), (*marks, "#")  # "Eenoudergezin #": a footnote mark
        description = None
        explained = _EXPLANATION.match(name)
        if explained and not _UNIT_IN_NAME.search(explained.group("desc")):
            name, description = explained.group("name"), explained.group("desc")
        area = _AREA_ROW.fullmatch(name) if group else None
        values: list[IndicatorValue] = []
        for c in filled:
            kind, year, type_from = columns[c]
            text = row.cells[c].strip()
            parsed, _unit_word = read_value(text)
            if parsed is None:
                if re.search(r"\d", text) and text.lower() not in MISSING_MARKERS:
                    unreadable.append(text)
                continue
            if kind is None:
                continue
            box = row.cell_boxes[c] if c < len(row.cell_boxes) else None
            scope = verdict.meanings[c].scope
            if area and not area.group("own"):
                kind, scope = "referentie", name  # "Nederland" row under an indicator: a comparison figure
            values.append(IndicatorValue(
                year=parsed.year if parsed.year is not None else year, type=kind, value=parsed.value,  # type: ignore[arg-type]
                comparator=parsed.comparator, scope=scope, raw=text,  # type: ignore[arg-type]
                type_from=type_from, page=row.page if table.method != "text" else None, bbox=box,  # type: ignore[arg-type]
            ))
        if area and group:
            if indicators and indicators[-1].name == group:
                indicators[-1].values.extend(values)
                continue
            name = group
        elif heading and row.bold:
            heading = None  # a bold row with figures (a total) ends the group
        elif heading:
            name = f"{heading} {name}"
        unit_match = _UNIT_IN_NAME.search(name)
        unit = row.cells[unit_col].strip() if unit_col is not None and unit_col < len(row.cells) else None
        indicators.append(Indicator(
            id=indicator_id(_where(row), table_no, row_no), name=name, description=description,
            unit=unit or (unit_match.group(1) or unit_match.group(0) if unit_match else None),
            source=row.cells[source_col].strip() or None if source_col is not None and source_col < len(row.cells) else None,
            direction=parse_direction(label),  # type: ignore[arg-type]
            footnotes=list(marks), table=head.caption or table.caption,
            page=row.page if table.method != "text" else None,
            bbox=row.bbox if table.method != "text" else None, lines=row.lines, values=values,
        ))
    errors: list[ErrorEntry] = []
    if table.uncertain_rows:
        errors.append(_warning(table, f"{len(table.uncertain_rows)} row(s) with figures have fewer cells than the header, so "
                                      "their columns are not known; left out: " + "; ".join(repr(r[:60]) for r in table.uncertain_rows[:3])))
    if undecided:
        errors.append(_warning(table, f"column(s) {', '.join(repr(h) for h in undecided)} name a year but not whether it is "
                                      "realisatie or streefwaarde, and the document type does not decide it; values left out"))
    if unreadable:
        errors.append(_warning(table, f"{len(unreadable)} cell(s) not read as one number and left out: "
                                      + ", ".join(repr(u) for u in unreadable[:5])))
    return [i for i in indicators if i.values or i.source], errors


def _opens_area_rows(body: list[TableRow], row_no: int, verdict: Verdict) -> bool:
    """The row after this figure-less row is an area row with figures ("Gemeente | 5,0 | 4,2"): this row names
    the next indicator (a group row), it is not a note on the one before."""
    if row_no >= len(body):
        return False
    following = body[row_no]
    label = following.cells[verdict.label_col].strip() if verdict.label_col < len(following.cells) else ""
    return bool(_AREA_ROW.fullmatch(label)) and any(c < len(following.cells) and following.cells[c].strip() for c in verdict.value_cols)


def _attach_note(indicator: Indicator, note: str) -> bool:
    """A row under an indicator holding its source, unit or explanation ("Bron: CBS", "Het aantal …")."""
    source = _SOURCE_NOTE.match(note)
    unit = _UNIT_NOTE.match(note)
    if re.match(r"^toelichting\b", note, re.IGNORECASE):
        return True
    if source:
        indicator.source = source.group("source").strip(" :|") or indicator.source
    elif unit:
        indicator.unit = unit.group("unit").strip(" :|") or indicator.unit
    elif note[:1].isupper() and len(note.split()) >= 5 and not indicator.description:
        indicator.description = note
    else:
        return False
    return True


def indicator_id(where: str, table_no: int, row_no: int) -> str:
    """The one id scheme of table indicators, PDF and text: `ind-p<page>-t<table>-r<row>` / `ind-l<line>-t<table>-r<row>`.

    A printed code ("2A1.a") stays in `Indicator.code`; sub-rows of a packed cell get `<parent id>.<k>`."""
    return f"ind-{where}-t{table_no}-r{row_no}"


def _where(row: TableRow) -> str:
    return f"l{row.lines[0]}" if row.lines else f"p{row.page}"


def _warning(table: Table, message: str) -> ErrorEntry:
    where = f"page {table.page}" if table.method != "text" else f"line {table.rows[0].lines[0] if table.rows[0].lines else '?'}"
    return ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                      message=f"table at {where}: {message}")
