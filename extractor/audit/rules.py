"""The audit rules: arithmetic within one document, a report's claims, and consistency across documents.

Every rule is silent unless both sides were read: a missing cell, a repeated row or an
indicator without a known direction gives no finding. Amounts are compared within their
printed precision (half the last printed digit per term).
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from rapidfuzz import fuzz

from extractor.audit.claims import Claim, find_claims
from extractor.audit.documents import AuditDocument
from extractor.audit.finding import Finding, FindingItem
from extractor.audit.matching import goal_index, pair_indicators, unique_budget_cells
from extractor.audit.numbers import dutch_number, euro, half_step, normalise_name, printed_decimals, sum_tolerance
from extractor.audit.registry import Pair, amount_text, budget_item, indicator_item, rule, value_text, where
from extractor.audit.tables import BudgetTable, Row
from extractor.audit.targets import TargetCheck, target_checks, value_step
from extractor.model import BudgetLine, Indicator, IndicatorValue

# ---------------------------------------------------------------- arithmetic within one table


def _differs(actual: float, expected: float, tolerance: float) -> bool:
    return abs(actual - expected) > tolerance


def _arith_finding(rule_id: str, doc: AuditDocument, table: BudgetTable, column: str, target: BudgetLine,
                   terms: list[BudgetLine], expected: float, text: str) -> Finding:
    tolerance = sum_tolerance([table.tolerance_of(line) for line in [target, *terms]])
    difference = target.amount - expected
    message = (f"{text} in {where(doc, target.page, target.lines)}, kolom '{column}': gedrukt "
               f"{amount_text(target.amount)}, berekend {amount_text(expected)} — verschil {euro(difference)}.")
    items = [budget_item(doc, target)] + [budget_item(doc, line) for line in terms]
    return Finding(rule=rule_id, severity="error", message=message, documents=[doc.name], items=items,
                   expected=expected, actual=target.amount, difference=difference, tolerance=tolerance)


def _cells(rows: list[Row], column: str) -> Optional[list[BudgetLine]]:
    cells = [row.cells.get(column) for row in rows]
    return None if any(cell is None for cell in cells) else cells  # type: ignore[return-value]


_BREAKDOWN_ROW = re.compile(r"^\s*(waarvan|w\.v\.|w\.o\.|waaronder|-|–|•|\()", re.IGNORECASE)
"""A row that details the row above it ("waarvan …") is part of it, not a term of the total."""


def _components_above(table: BudgetTable, index: int) -> list[Row]:
    """The run of plain rows directly above a total row, stopping at a total, saldo or other side."""
    total = table.rows[index]
    side = total.side
    run: list[Row] = []
    for row in reversed(table.rows[:index]):
        if row.is_total or row.role in ("saldo", "resultaat", "baten", "lasten", "mutaties"):
            break
        if side and row.side and row.side != side:
            break
        if not _BREAKDOWN_ROW.match(row.label):
            run.append(row)
    run.reverse()
    return run


@rule("budget_rows_sum_to_total", "error",
      "De regels direct boven een totaalregel tellen op tot dat totaal (per kolom, binnen de afronding).")
def rows_sum_to_total(doc: AuditDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for index, total in enumerate(table.rows):
            if not total.is_total:
                continue
            parts = _components_above(table, index)
            if len(parts) < 2 or not _rows_confirmed(table, parts, total, index):
                continue
            for column, target in total.cells.items():
                cells = _cells(parts, column)
                if cells is None:
                    continue
                expected = sum(line.amount for line in cells)
                tolerance = sum_tolerance([table.tolerance_of(line) for line in [target, *cells]])
                if (_differs(target.amount, expected, tolerance) and not _suffix_matches(cells, target, table)
                        and not _other_composition_matches(table, index, column, target)):
                    yield _arith_finding("budget_rows_sum_to_total", doc, table, column, target, cells, expected,
                                         f"'{total.label}' is niet de som van de {len(cells)} regels erboven")


def _rows_confirmed(table: BudgetTable, parts: list[Row], total: Row, index: int) -> bool:
    """The rows read above a total are its components only if they add up to it in some column.

    Tables of every shape are read now (balance sheets, specifications, reserves), where the rows
    above a total are often not all of its parts; a mismatch in every column says the reading is
    wrong, not the document. A mismatch in one column while another adds up is a finding.
    """
    for column, target in total.cells.items():
        cells = _cells(parts, column)
        if cells is None:
            continue
        tolerance = sum_tolerance([table.tolerance_of(line) for line in [target, *cells]])
        if (not _differs(target.amount, sum(line.amount for line in cells), tolerance)
                or _other_composition_matches(table, index, column, target)):
            return True
    return False


def _suffix_matches(cells: list[BudgetLine], target: BudgetLine, table: BudgetTable) -> bool:
    """A total of only the last rows (a sub-block) is no error: the run above was read too long."""
    for start in range(1, len(cells) - 1):
        part = cells[start:]
        tolerance = sum_tolerance([table.tolerance_of(line) for line in [target, *part]])
        if not _differs(target.amount, sum(line.amount for line in part), tolerance):
            return True
    return False


def _other_composition_matches(table: BudgetTable, index: int, column: str, target: BudgetLine) -> bool:
    """The total may also be subtotals plus the rows after them, or every plain row of the table above it."""
    above = [row for row in table.rows[:index] if column in row.cells and not _BREAKDOWN_ROW.match(row.label)]
    plain = [row for row in above if not row.is_total and row.role is None]
    with_subtotals: list[Row] = []
    for row in reversed(above):
        if row.role in ("saldo", "resultaat", "mutaties") or (row.is_total and row.side != table.rows[index].side):
            break
        with_subtotals.append(row)
    candidates = [plain, [r for r in with_subtotals if r.is_total] + [r for r in with_subtotals if not r.is_total
                                                                       and not _under_subtotal(r, with_subtotals)]]
    for rows in candidates:
        cells = [row.cells[column] for row in rows]
        if len(cells) >= 2:
            tolerance = sum_tolerance([table.tolerance_of(line) for line in [target, *cells]])
            if not _differs(target.amount, sum(line.amount for line in cells), tolerance):
                return True
    return False


def _under_subtotal(row: Row, rows_bottom_up: list[Row]) -> bool:
    """Whether a subtotal below `row` (closer to the total) already counts it."""
    position = rows_bottom_up.index(row)
    return any(r.is_total for r in rows_bottom_up[:position])


def _nearest_above(table: BudgetTable, index: int, role: str) -> Optional[Row]:
    for row in reversed(table.rows[:index]):
        if row.role == role:
            return row
    return None


def _lasten_sign(baten: BudgetLine, lasten: BudgetLine) -> int:
    """+1 when lasten are printed negative (saldo = baten + lasten), -1 when printed positive."""
    return 1 if lasten.amount < 0 else -1


@rule("saldo_equals_baten_minus_lasten", "error",
      "Een saldo- of resultaatregel direct onder baten en lasten is baten − lasten (elk tekenconventie).")
def saldo_rule(doc: AuditDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for index, row in enumerate(table.rows):
            if row.role not in ("saldo", "resultaat") or index < 2:
                continue
            above = table.rows[index - 1]
            if above.role not in ("baten", "lasten"):
                continue
            baten, lasten = _nearest_above(table, index, "baten"), _nearest_above(table, index, "lasten")
            if baten is None or lasten is None:
                continue
            for column, target in row.cells.items():
                b, l = baten.cells.get(column), lasten.cells.get(column)
                if b is None or l is None or l.amount == 0 and b.amount == 0:
                    continue
                expected = b.amount + _lasten_sign(b, l) * l.amount
                tolerance = sum_tolerance([table.tolerance_of(x) for x in (target, b, l)])
                other = b.amount - _lasten_sign(b, l) * l.amount  # verschil columns mix the signs
                if _differs(target.amount, expected, tolerance) and _differs(target.amount, other, tolerance):
                    yield _arith_finding("saldo_equals_baten_minus_lasten", doc, table, column, target, [b, l],
                                         expected, f"'{row.label}' is niet baten − lasten")


def _verschil_columns(table: BudgetTable) -> list[tuple[str, str, str]]:
    """(begroting na wijziging, realisatie, verschil) column triples of one year."""
    kinds: dict[tuple[str, Optional[int]], list[str]] = {}
    for row in table.rows:
        for column, line in row.cells.items():
            names = kinds.setdefault((line.kind, line.year), [])
            if column not in names:
                names.append(column)
    triples = []
    for (kind, year), columns in kinds.items():
        if kind != "verschil" or len(columns) != 1:
            continue
        budget = kinds.get(("begroting_na_wijziging", year), [])
        actual = kinds.get(("realisatie", year), [])
        if len(budget) == 1 and len(actual) == 1:
            triples.append((budget[0], actual[0], columns[0]))
    return triples


@rule("verschil_equals_budget_minus_realisation", "error",
      "De kolom verschil is begroting na wijziging − realisatie (of omgekeerd, naar de conventie van de tabel).")
def verschil_rule(doc: AuditDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for budget_col, actual_col, diff_col in _verschil_columns(table):
            for row in table.rows:
                budget, actual, printed = (row.cells.get(c) for c in (budget_col, actual_col, diff_col))
                if budget is None or actual is None or printed is None:
                    continue
                tolerance = sum_tolerance([table.tolerance_of(x) for x in (budget, actual, printed)])
                options = (actual.amount - budget.amount, budget.amount - actual.amount)
                if all(_differs(printed.amount, option, tolerance) for option in options):
                    expected = options[0] if abs(printed.amount - options[0]) <= abs(printed.amount - options[1]) else options[1]
                    yield _arith_finding("verschil_equals_budget_minus_realisation", doc, table, diff_col, printed,
                                         [budget, actual], expected,
                                         f"Verschil '{row.label}' is niet begroting na wijziging − realisatie")


@rule("resultaat_equals_saldo_plus_reserves", "error",
      "Het resultaat na bestemming is het saldo van baten en lasten plus de mutaties in reserves.")
def resultaat_rule(doc: AuditDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for index, row in enumerate(table.rows):
            if row.role != "resultaat" or index == 0 or table.rows[index - 1].role != "mutaties":
                continue
            saldo, mutaties = _nearest_above(table, index, "saldo"), table.rows[index - 1]
            if saldo is None:
                continue
            for column, target in row.cells.items():
                s, m = saldo.cells.get(column), mutaties.cells.get(column)
                if s is None or m is None or saldo_only(mutaties, column):
                    continue
                tolerance = sum_tolerance([table.tolerance_of(x) for x in (target, s, m)])
                options = (s.amount + m.amount, s.amount - m.amount)
                if all(_differs(target.amount, option, tolerance) for option in options):
                    yield _arith_finding("resultaat_equals_saldo_plus_reserves", doc, table, column, target, [s, m],
                                         options[0], f"'{row.label}' is niet saldo + mutaties reserves")


@rule("reserve_mutations_add_up", "error",
      "Mutaties reserves zijn onttrekkingen en toevoegingen samen (toevoegingen − onttrekkingen, elk teken).")
def reserves_rule(doc: AuditDocument) -> Iterator[Finding]:
    for table in doc.tables:
        mutations, withdrawals, additions = (table.rows_with_role(r) for r in ("mutaties", "onttrekking", "toevoeging"))
        if len(mutations) != 1 or len(withdrawals) != 1 or len(additions) != 1:
            continue
        for column, target in mutations[0].cells.items():
            w, a = withdrawals[0].cells.get(column), additions[0].cells.get(column)
            if w is None or a is None or saldo_only(mutations[0], column) or \
                    side_only(withdrawals[0], column) or side_only(additions[0], column):
                continue
            tolerance = sum_tolerance([table.tolerance_of(x) for x in (target, w, a)])
            options = (w.amount + a.amount, w.amount - a.amount, a.amount - w.amount)
            if all(_differs(target.amount, option, tolerance) for option in options):
                expected = options[0] if a.amount < 0 else options[1]
                yield _arith_finding("reserve_mutations_add_up", doc, table, column, target, [w, a], expected,
                                     "Mutaties reserves zijn niet onttrekkingen en toevoegingen samen")


def saldo_only(row: Row, column: str) -> bool:
    """A mutaties row that may be printed only in its saldo column: 0 under baten or lasten, while the saldo
    column of the same kind and year holds the mutation ("Mutaties reserves | 0 | 0 | -490") or was not read.
    Such a 0 says nothing about the mutation, so the side column is not checked against the rows it would
    add up (a wrong finding is worse than a missed one)."""
    cell = row.cells.get(column)
    if cell is None or cell.amount != 0 or cell.side not in ("baten", "lasten"):
        return False
    saldo = [other for other in row.cells.values() if other.side == "saldo" and other.kind == cell.kind and other.year == cell.year]
    return not saldo or any(other.amount != 0 for other in saldo)


def side_only(row: Row, column: str) -> bool:
    """A withdrawal or addition printed only under its own side: 0 in the saldo column while the baten or lasten
    column of the same kind and year holds it ("Onttrekking aan reserves | 5.052 | 0 | 0", the net mutation printed
    in the saldo column of "Mutaties reserves"). That 0 is no claim about the saldo, so the saldo column is not checked."""
    cell = row.cells.get(column)
    if cell is None or cell.amount != 0 or cell.side != "saldo":
        return False
    return any(other.amount != 0 for other in row.cells.values()
               if other.side in ("baten", "lasten") and other.kind == cell.kind and other.year == cell.year)


_PROGRAMME_IN_LABEL = re.compile(r"^\s*(?:programma\s+)?(P?\d{1,2}[A-Z]?)\b", re.IGNORECASE)


def _overview_programme(line: BudgetLine, codes: set[str]) -> Optional[str]:
    match = _PROGRAMME_IN_LABEL.match(line.label)
    if not match:
        return None
    token = match.group(1).upper()
    for code in (token, f"P{token}"):
        if code in codes:
            return code
    return None


def _overview_tables(lines: list[BudgetLine], codes: set[str]) -> set[Optional[str]]:
    """Tables whose rows are mostly programmes (a recapitulatie): at least half of their row labels name one. A list
    of items in which a few rows start with a programme ("P4 … Ontwikkeling omgevingsplan" among incidentele lasten)
    holds no programme totals."""
    labels: dict[Optional[str], set[str]] = {}
    for line in lines:
        if line.programme is None and not line.detail:
            labels.setdefault(line.table, set()).add(line.label)
    return {table for table, names in labels.items()
            if 2 * sum(1 for name in names if _overview_programme_label(name, codes)) >= len(names)}


def _overview_programme_label(label: str, codes: set[str]) -> bool:
    match = _PROGRAMME_IN_LABEL.match(label)
    return bool(match) and (match.group(1).upper() in codes or f"P{match.group(1).upper()}" in codes)


def _overview_side(line: BudgetLine) -> Optional[str]:
    if line.side:
        return line.side
    column = line.column.lower()
    found = [side for side in ("baten", "lasten", "saldo") if side in column]
    return found[0] if len(found) == 1 else None


@rule("programme_totals_match_overview", "error",
      "Baten, lasten of saldo van een programma in het overzicht (recapitulatie) zijn die van de programmatabel.")
def overview_rule(doc: AuditDocument) -> Iterator[Finding]:
    programme_cells = unique_budget_cells(doc, lambda line: line.programme is not None)
    codes = {key[0] for key in programme_cells}
    overviews = _overview_tables(doc.document.budget_lines, codes)
    for line in doc.document.budget_lines:
        if line.programme is not None or line.detail or line.table not in overviews:
            continue
        code, side = _overview_programme(line, codes), _overview_side(line)
        if code is None or side is None:
            continue
        own = programme_cells.get((code, side, line.kind, line.year))
        if own is None:
            continue
        tolerance = sum_tolerance([_half(own), _half(line)])
        if abs(abs(own.amount) - abs(line.amount)) > tolerance:
            difference = abs(line.amount) - abs(own.amount)
            message = (f"{side.capitalize()} {code} ({line.column}) in het overzicht, {where(doc, line.page, line.lines)}: "
                       f"{amount_text(line.amount)}; in de programmatabel ({where(doc, own.page, own.lines)}): "
                       f"{amount_text(own.amount)} — verschil {euro(difference)}.")
            yield Finding(rule="programme_totals_match_overview", severity="error", message=message,
                          documents=[doc.name], items=[budget_item(doc, line), budget_item(doc, own)],
                          expected=own.amount, actual=line.amount, difference=difference, tolerance=tolerance)


def _half(line: BudgetLine) -> float:
    return half_step(line.amount, line.raw) or 500.0


# ---------------------------------------------------------------- indicators within one document

_COUNT_UNIT = re.compile(r"%|per\b|gemiddeld|score|cijfer|index|ratio|fte", re.IGNORECASE)


@rule("indicator_breakdown_within_total", "error",
      "Deelregels van een indicator ('waarvan …') zijn samen niet groter dan het totaal, en deelregels onder een "
      "'Totaal …'-indicator tellen op tot dat totaal (alleen aantallen).")
def breakdown_rule(doc: AuditDocument) -> Iterator[Finding]:
    by_id = {ind.id: ind for ind in doc.document.indicators}
    children: dict[str, list[Indicator]] = {}
    for ind in doc.document.indicators:
        if ind.parent_indicator in by_id:
            children.setdefault(ind.parent_indicator, []).append(ind)
    for parent_id, kids in children.items():
        parent = by_id[parent_id]
        if any(_COUNT_UNIT.search(f"{x.unit or ''} {x.name}") for x in [parent, *kids]):
            continue
        complete = _TOTAL_NAME.search(parent.name) is not None and not any(_BREAKDOWN_ROW.match(k.name) for k in kids)
        for value in parent.values:
            finding = _breakdown_finding(doc, parent, kids, value, complete)
            if finding is not None:
                yield finding


_TOTAL_NAME = re.compile(r"^\s*(totaal|totale)\b", re.IGNORECASE)


def _breakdown_finding(doc: AuditDocument, parent: Indicator, kids: list[Indicator], value: IndicatorValue,
                       complete: bool) -> Optional[Finding]:
    """Sub-rows above the total, or (for a "Totaal …" row with a full breakdown) not adding up to it."""
    parts = [_same_cell(kid, value) for kid in kids]
    present = [p for p in parts if p is not None]
    if not present or (complete and len(present) != len(kids)):
        return None
    tolerance = value_step(value) + sum(value_step(p) for p in present)
    total = sum(p.value for p in present)
    too_much = total > value.value + tolerance
    if not too_much and not (complete and total < value.value - tolerance):
        return None
    items = [indicator_item(doc, parent, value)]
    items += [indicator_item(doc, kid, p) for kid, p in zip(kids, parts) if p is not None]
    relation = "meer dan" if too_much else "minder dan"
    message = (f"Deelregels van '{parent.name}' ({value.type} {value.year or ''}) in "
               f"{where(doc, value.page or parent.page, parent.lines)} tellen op tot "
               f"{dutch_number(total, printed_decimals(value.raw))}, "
               f"{relation} het totaal {value_text(value)}.")
    return Finding(rule="indicator_breakdown_within_total", severity="error", message=message, documents=[doc.name],
                   items=items, expected=value.value, actual=total, difference=total - value.value, tolerance=tolerance)


def _same_cell(indicator: Indicator, like: IndicatorValue) -> Optional[IndicatorValue]:
    found = [v for v in indicator.values if v.type == like.type and v.year == like.year and v.scope == like.scope]
    return found[0] if len(found) == 1 else None


_DIRECTION_WORDS = {"decrease": "lager is beter", "increase": "hoger is beter", "stable": "gelijk blijven"}
_DIRECTION_FROM = {"document": "volgens het document", "streefwaarde": "uit de streefwaarde",
                   "vocabulary": "uit de indicatornaam"}


def _target_message(doc: AuditDocument, check: TargetCheck) -> str:
    ind = check.indicator
    page = check.actual.page or ind.page
    return (f"Streefwaarde {check.year} '{ind.name}' niet gehaald in {where(doc, page, ind.lines)}: realisatie "
            f"{value_text(check.actual)}, streefwaarde {value_text(check.target)} "
            f"({_DIRECTION_WORDS[check.direction]}, {_DIRECTION_FROM[check.direction_from]}; "
            f"marge {check.tolerance:g}).")


@rule("target_not_met", "warning",
      "Realisatie tegenover streefwaarde van hetzelfde jaar, in de gewenste richting (uit het document, de "
      "vergelijking bij de streefwaarde of de naam); gelijk binnen de gedrukte precisie telt als gehaald.")
def target_rule(doc: AuditDocument) -> Iterator[Finding]:
    for ind in doc.document.indicators:
        for check in target_checks(ind):
            if check.met:
                continue
            items = [indicator_item(doc, ind, check.actual), indicator_item(doc, ind, check.target)]
            yield Finding(rule="target_not_met", severity="warning", message=_target_message(doc, check),
                          documents=[doc.name], items=items, expected=check.target.value, actual=check.actual.value,
                          difference=check.actual.value - check.target.value, tolerance=check.tolerance)


# ---------------------------------------------------------------- budget execution within one document


def _budget_and_actual(table: BudgetTable, row: Row) -> Iterator[tuple[BudgetLine, BudgetLine]]:
    """(begroting na wijziging, realisatie) cells of one year in a row."""
    by_kind: dict[tuple[str, Optional[int]], list[BudgetLine]] = {}
    for line in row.cells.values():
        by_kind.setdefault((line.kind, line.year), []).append(line)
    for (kind, year), lines in by_kind.items():
        actual = by_kind.get(("realisatie", year), [])
        if kind == "begroting_na_wijziging" and len(lines) == 1 and len(actual) == 1:
            yield lines[0], actual[0]


def overspending(doc: AuditDocument) -> Iterator[tuple[BudgetTable, Row, BudgetLine, BudgetLine, float]]:
    """Lasten rows of a programme whose realisatie exceeds the begroting na wijziging."""
    for table in doc.tables:
        if table.programme is None:
            continue
        rows = [row for row in table.rows_with_role("lasten")]
        if len(rows) != 1:
            continue
        for budget, actual in _budget_and_actual(table, rows[0]):
            if budget.amount * actual.amount < 0:
                continue
            excess = abs(actual.amount) - abs(budget.amount)
            if excess > sum_tolerance([table.tolerance_of(budget), table.tolerance_of(actual)]):
                yield table, rows[0], budget, actual, excess


@rule("overspending_programme", "warning",
      "Lasten van een programma boven de begroting na wijziging (begrotingsrechtmatigheid).")
def overspending_rule(doc: AuditDocument) -> Iterator[Finding]:
    for table, row, budget, actual, excess in overspending(doc):
        message = (f"Lasten {table.programme} {actual.year or ''} in {where(doc, actual.page, actual.lines)}: realisatie "
                   f"{amount_text(abs(actual.amount))} boven begroting na wijziging {amount_text(abs(budget.amount))} "
                   f"— overschrijding {euro(excess)}.")
        yield Finding(rule="overspending_programme", severity="warning", message=message, documents=[doc.name],
                      items=[budget_item(doc, actual), budget_item(doc, budget)], expected=abs(budget.amount),
                      actual=abs(actual.amount), difference=excess,
                      tolerance=sum_tolerance([table.tolerance_of(budget), table.tolerance_of(actual)]))


# ---------------------------------------------------------------- claims in the text


CLAIMING_KINDS = ("jaarstukken", "voortgangsrapportage")
"""Reports that account for results; a begroting or a plan states intentions, not outcomes."""


def _programme_pages(doc: AuditDocument) -> list[tuple[int, str]]:
    starts = sorted((goal.page, goal.code or goal.id) for goal in doc.document.goals
                    if goal.level == "programma" and goal.page)
    return starts


def _claim_programme(doc: AuditDocument, claim: Claim) -> Optional[str]:
    """The programme a claim speaks about: the only one, or the one whose pages hold the claim."""
    programmes = {line.programme for line in doc.document.budget_lines if line.programme}
    if len(programmes) == 1:
        return next(iter(programmes))
    if claim.page is None:
        return None
    current = None
    for start, code in _programme_pages(doc):
        if start <= claim.page:
            current = code
    return current if current in programmes else None


def _budget_deviations(doc: AuditDocument, programme: str) -> list[tuple[BudgetLine, BudgetLine, float]]:
    """(budget, actual, difference) for the baten and lasten totals of a programme."""
    found = []
    for table in doc.tables:
        if table.programme != programme:
            continue
        for _, budget, actual, difference in _baten_lasten_differences(table):
            if abs(difference) > sum_tolerance([table.tolerance_of(budget), table.tolerance_of(actual)]):
                found.append((budget, actual, difference))
    return found


def _baten_lasten_differences(table: BudgetTable) -> Iterator[tuple[Row, BudgetLine, BudgetLine, float]]:
    """(row, budget, actual, actual − budget) for the baten and lasten rows of a table."""
    for row in table.rows:
        if row.role not in ("baten", "lasten"):
            continue
        for budget, actual in _budget_and_actual(table, row):
            yield row, budget, actual, actual.amount - budget.amount


def _claim_item(doc: AuditDocument, claim: Claim) -> FindingItem:
    lines = (claim.line_no, claim.line_no) if claim.line_no else None
    return FindingItem(doc=doc.name, id="claim", page=claim.page, bbox=claim.bbox, lines=lines, raw=claim.text)


def _claim_where(doc: AuditDocument, claim: Claim) -> str:
    return where(doc, claim.page, (claim.line_no, claim.line_no) if claim.line_no else None)


def _contradiction(doc: AuditDocument, claim: Claim) -> Optional[Finding]:
    if claim.kind == "targets":
        missed = [check for ind in doc.document.indicators for check in target_checks(ind) if not check.met]
        if not missed:
            return None
        first = missed[0]
        message = (f"'{claim.text}' ({_claim_where(doc, claim)}), maar {len(missed)} streefwaarde(n) niet gehaald, "
                   f"o.a. '{first.indicator.name}' {first.year}: {value_text(first.actual)} tegen "
                   f"{value_text(first.target)}.")
        items = [_claim_item(doc, claim), indicator_item(doc, first.indicator, first.actual)]
        return Finding(rule="text_claim_contradicted", severity="warning", message=message, documents=[doc.name],
                       items=items, expected=first.target.value, actual=first.actual.value,
                       difference=first.actual.value - first.target.value)
    programme = _claim_programme(doc, claim)
    if programme is None:
        return None
    if re.search(r"binnen|overschrijding", claim.text, re.IGNORECASE):
        over = [(b, a, e) for table, row, b, a, e in overspending(doc) if table.programme == programme]
        deviations = [(b, a, abs(a.amount) - abs(b.amount)) for b, a, e in over]
    else:
        deviations = _budget_deviations(doc, programme)
    if not deviations:
        return None
    budget, actual, difference = max(deviations, key=lambda d: abs(d[2]))
    message = (f"'{claim.text}' ({_claim_where(doc, claim)}), maar {programme} {actual.label.lower()}: begroting na "
               f"wijziging {amount_text(budget.amount)}, realisatie {amount_text(actual.amount)} "
               f"({where(doc, actual.page, actual.lines)}) — verschil {euro(difference)}.")
    return Finding(rule="text_claim_contradicted", severity="warning", message=message, documents=[doc.name],
                   items=[_claim_item(doc, claim), budget_item(doc, budget), budget_item(doc, actual)],
                   expected=budget.amount, actual=actual.amount, difference=difference)


@rule("text_claim_contradicted", "warning",
      "Een bewering in de tekst ('geen afwijkingen ten opzichte van de begroting', 'binnen budget', 'alle doelen "
      "zijn behaald') terwijl de eigen tabellen van het document verschillen of niet gehaalde streefwaarden tonen.")
def claim_rule(doc: AuditDocument) -> Iterator[Finding]:
    for claim in _budget_and_target_claims(doc):
        finding = _contradiction(doc, claim)
        if finding is not None:
            yield finding


def _budget_and_target_claims(doc: AuditDocument) -> Iterator[Claim]:
    """The claims about budgets or targets in the text of a report kind that makes such claims."""
    lines = doc.source_lines if doc.kind in CLAIMING_KINDS else None
    for claim in find_claims(lines or []):
        if claim.kind in ("budget", "targets"):
            yield claim


def _checkable(doc: AuditDocument, claim: Claim) -> bool:
    if claim.kind == "targets":
        return any(target_checks(ind) for ind in doc.document.indicators)
    return any(any(True for _ in _budget_and_actual(t, r)) for t in doc.tables for r in t.rows)


@rule("text_claim_unchecked", "info",
      "Een bewering over begroting of doelen die niet te toetsen is: het document bevat geen begroting tegenover "
      "realisatie, of geen streefwaarden met realisatie.")
def unchecked_claim_rule(doc: AuditDocument) -> Iterator[Finding]:
    for claim in _budget_and_target_claims(doc):
        if _checkable(doc, claim):
            continue
        what = "begroting en realisatie" if claim.kind == "budget" else "streefwaarden met realisatie"
        message = f"'{claim.text}' ({_claim_where(doc, claim)}): niet te toetsen, het document bevat geen {what}."
        yield Finding(rule="text_claim_unchecked", severity="info", message=message, documents=[doc.name],
                      items=[_claim_item(doc, claim)])


# ---------------------------------------------------------------- across documents: budgets

_PRIMITIVE = re.compile(r"primai?r|primitie|oorspronkelijk|vastgesteld", re.IGNORECASE)


def _same_amount(line_a: BudgetLine, line_b: BudgetLine) -> bool:
    return abs(line_a.amount - line_b.amount) <= sum_tolerance([_half(line_a), _half(line_b)])


def _anchored_programmes(cells_a: dict, cells_b: dict) -> set:
    """Programmes for which at least one row agrees in both documents: the columns mean the same there.

    When no row of a programme agrees, the two columns are probably different things (another
    version of the begroting, a renumbered programme) and nothing is reported for it.
    """
    return {key[0] for key, line in cells_a.items() if key in cells_b and _same_amount(line, cells_b[key])}


def _compare_cells(pair: Pair, rule_id: str, a: AuditDocument, cells_a: dict, b: AuditDocument, cells_b: dict,
                   describe) -> Iterator[Finding]:
    anchored = _anchored_programmes(cells_a, cells_b)
    for key, line_a in cells_a.items():
        line_b = cells_b.get(key)
        if line_b is None or key[0] not in anchored or _same_amount(line_a, line_b):
            continue
        tolerance = sum_tolerance([_half(line_a), _half(line_b)])
        difference = line_a.amount - line_b.amount
        message = describe(key, line_a, line_b) + f" — verschil {euro(difference)}."
        yield Finding(rule=rule_id, severity="error", message=message, documents=[a.name, b.name],
                      items=[budget_item(a, line_a), budget_item(b, line_b)], expected=line_b.amount,
                      actual=line_a.amount, difference=difference, tolerance=tolerance)


def _row_words(key: tuple) -> str:
    return f"{key[1]} {key[0]}"


@rule("begroting_matches_jaarstukken_budget", "error",
      "De kolom primitieve begroting Y in jaarstukken of voortgangsrapportage Y is de begroting Y zelf.",
      pairs=("realisation", "progress"))
def primitive_budget_rule(pair: Pair) -> Iterator[Finding]:
    begroting, report = pair.earlier, pair.later
    year = begroting.year
    own = unique_budget_cells(begroting, lambda l: l.kind == "begroting" and l.year == year)
    cited_all = unique_budget_cells(report, lambda l: l.kind == "begroting" and l.year == year)
    primitive = {k: l for k, l in cited_all.items() if _PRIMITIVE.search(l.column)}
    cited = primitive or (cited_all if len({l.column for l in cited_all.values()}) == 1 else {})

    def describe(key, line_a, line_b):
        return (f"Begroting {year} {_row_words(key)} in {where(report, line_a.page, line_a.lines)}: "
                f"{amount_text(line_a.amount)}; {where(begroting, line_b.page, line_b.lines)} zelf: "
                f"{amount_text(line_b.amount)}")

    yield from _compare_cells(pair, "begroting_matches_jaarstukken_budget", report, cited, begroting, own, describe)


@rule("rekening_matches_realisatie", "error",
      "De kolom rekening Y van een latere begroting is de realisatie Y in de jaarstukken Y.",
      pairs=("rekening",))
def rekening_rule(pair: Pair) -> Iterator[Finding]:
    jaarstukken, begroting = pair.earlier, pair.later
    year = jaarstukken.year
    actual = unique_budget_cells(jaarstukken, lambda l: l.kind == "realisatie" and l.year == year)
    cited = unique_budget_cells(begroting, lambda l: l.kind == "rekening" and l.year == year)
    actual = {(k[0], k[1], "x", k[3]): l for k, l in actual.items()}
    cited = {(k[0], k[1], "x", k[3]): l for k, l in cited.items()}

    def describe(key, line_a, line_b):
        return (f"Realisatie {year} {_row_words(key)} in {where(jaarstukken, line_a.page, line_a.lines)}: "
                f"{amount_text(line_a.amount)}; {where(begroting, line_b.page, line_b.lines)} noemt als rekening "
                f"{year}: {amount_text(line_b.amount)}")

    yield from _compare_cells(pair, "rekening_matches_realisatie", jaarstukken, actual, begroting, cited, describe)


# ---------------------------------------------------------------- across documents: indicators


def _one_value(indicator: Indicator, kind: str, year: int) -> Optional[IndicatorValue]:
    """The one value of a type and year; None when there are several (scopes, sub-rows) or none."""
    found = [v for v in indicator.values if v.type == kind and v.year == year]
    if not found or len({(v.value, v.scope) for v in found}) != 1:
        return None
    return found[0]


def _years(indicator: Indicator, kind: str) -> set[int]:
    return {v.year for v in indicator.values if v.type == kind and v.year}


def _value_pairs(pair: Pair, kind: str) -> Iterator[tuple[Indicator, Indicator, int, IndicatorValue, IndicatorValue]]:
    """Paired indicators whose `kind` value for one year differs; nothing when no value agrees at all."""
    indicator_pairs = pair_indicators(pair.earlier, pair.later, pair.links)
    if not any(same for _, _, _, _, _, same in _compared_values(indicator_pairs)):
        return  # two documents that share no value are probably not about the same place (metadata wrong)
    for ind_a, ind_b, value_kind, value_a, value_b, same in _compared_values(indicator_pairs):
        if value_kind == kind and not same:
            yield ind_a, ind_b, value_a.year, value_a, value_b  # type: ignore[misc]


def _compared_values(indicator_pairs: list[tuple[Indicator, Indicator]]):
    """(a, b, type, value a, value b, equal within the printed precision) for every shared type and year."""
    for ind_a, ind_b in indicator_pairs:
        for kind in ("realisatie", "streefwaarde", "referentie"):
            for year in sorted(_years(ind_a, kind) & _years(ind_b, kind)):
                value_a, value_b = _one_value(ind_a, kind, year), _one_value(ind_b, kind, year)
                if value_a is None or value_b is None or _scope_key(value_a) != _scope_key(value_b):
                    continue
                tolerance = value_step(value_a) + value_step(value_b)
                yield ind_a, ind_b, kind, value_a, value_b, abs(value_a.value - value_b.value) <= tolerance


def _scope_key(value: IndicatorValue) -> str:
    return re.sub(r"\W+", " ", (value.scope or "").lower()).strip()


@rule("streefwaarde_changed", "info",
      "De streefwaarde van een indicator voor hetzelfde jaar verschilt tussen twee documenten (beide waarden).",
      pairs=("publisher",))
def target_changed_rule(pair: Pair) -> Iterator[Finding]:
    a, b = pair.earlier, pair.later
    for ind_a, ind_b, year, value_a, value_b in _value_pairs(pair, "streefwaarde"):
        message = (f"Streefwaarde {year} '{ind_a.name}': {value_text(value_a)} in {where(a, value_a.page or ind_a.page)}, "
                   f"{value_text(value_b)} in {where(b, value_b.page or ind_b.page)}.")
        yield Finding(rule="streefwaarde_changed", severity="info", message=message, documents=pair.documents,
                      items=[indicator_item(a, ind_a, value_a), indicator_item(b, ind_b, value_b)],
                      expected=value_a.value, actual=value_b.value, difference=value_b.value - value_a.value,
                      tolerance=value_step(value_a) + value_step(value_b))


def _is_effect_indicator(*indicators: Indicator) -> bool:
    """The document's own effect indicator (targets, or no catalogue number), not a BBV statistic."""
    if any(v.type == "streefwaarde" for ind in indicators for v in ind.values):
        return True
    return not any(ind.code or ind.catalogue_id for ind in indicators)


@rule("peilwaarde_matches_realisatie", "warning",
      "De peilwaarde of realisatie van een effectindicator (een indicator met streefwaarden) voor een jaar is in "
      "twee documenten verschillend gedrukt, bv. de peilwaarde in een begroting tegenover de realisatie in de "
      "jaarstukken.",
      pairs=("publisher",))
def realisation_value_rule(pair: Pair) -> Iterator[Finding]:
    yield from _realisation_findings(pair, "peilwaarde_matches_realisatie", "warning", targets=True)


@rule("realisatie_revised", "info",
      "De realisatie van een indicator zonder streefwaarden (bv. een BBV-beleidsindicator) voor hetzelfde jaar "
      "is in twee documenten verschillend gedrukt; vaak een later bijgewerkt cijfer van de bron.",
      pairs=("publisher",))
def revised_value_rule(pair: Pair) -> Iterator[Finding]:
    yield from _realisation_findings(pair, "realisatie_revised", "info", targets=False)


def _realisation_findings(pair: Pair, rule_id: str, severity: str, targets: bool) -> Iterator[Finding]:
    a, b = pair.earlier, pair.later
    for ind_a, ind_b, year, value_a, value_b in _value_pairs(pair, "realisatie"):
        if _is_effect_indicator(ind_a, ind_b) != targets:
            continue
        message = (f"Realisatie {year} '{ind_a.name}' in {where(a, value_a.page or ind_a.page)}: {value_text(value_a)}; "
                   f"{where(b, value_b.page or ind_b.page)} noemt voor {year}: {value_text(value_b)}.")
        yield Finding(rule=rule_id, severity=severity, message=message,  # type: ignore[arg-type]
                      documents=pair.documents,
                      items=[indicator_item(a, ind_a, value_a), indicator_item(b, ind_b, value_b)],
                      expected=value_a.value, actual=value_b.value, difference=value_b.value - value_a.value,
                      tolerance=value_step(value_a) + value_step(value_b))


def _mentioned(doc: AuditDocument, text: str) -> Optional[bool]:
    """Whether `text` occurs (nearly) in the document's source; None when the source is not at hand.

    Compared on normalised text, two lines at a time (names wrap), with rapidfuzz's partial ratio
    so that small rewordings ("per 1.000 inw" / "per 1.000 inwoners") still count as mentioned.
    """
    lines = doc.source_lines
    if lines is None:
        return None
    wanted = normalise_name(text)[:60]
    if len(wanted) < 8:
        return True
    texts = [normalise_name(line.text) for line in lines]
    windows = (f"{texts[i]} {texts[i + 1]}" if i + 1 < len(texts) else texts[i] for i in range(len(texts)))
    return any(fuzz.partial_ratio(wanted, window, score_cutoff=85) for window in windows)


def _has_counterpart(indicator: Indicator, others: list[Indicator]) -> bool:
    """A same-code or similar-name indicator in the other document (renamed is not dropped)."""
    name = normalise_name(indicator.name)
    for other in others:
        if indicator.code and other.code == indicator.code:
            return True
        if fuzz.token_set_ratio(name, normalise_name(other.name)) >= 85:
            return True
    return False


@rule("indicator_dropped", "warning",
      "Een indicator van de begroting ontbreekt in de volgende begroting of de jaarstukken, en de naam komt in "
      "dat document nergens voor (geen toelichting). Alleen als de brontekst beschikbaar is.",
      pairs=("realisation", "next"))
def dropped_indicator_rule(pair: Pair) -> Iterator[Finding]:
    a, b = pair.earlier, pair.later
    if not a.document.indicators or not b.document.indicators:
        return
    paired = {ind_a.id for ind_a, _ in pair_indicators(a, b, pair.links)}
    for ind in a.document.indicators:
        if ind.id in paired or ind.source_kind != "table" or _has_counterpart(ind, b.document.indicators):
            continue
        if _mentioned(b, ind.name) is not False:
            continue
        message = (f"Indicator '{ind.name}' ({where(a, ind.page, ind.lines)}) komt in {b.label} niet meer voor, "
                   f"ook niet in de tekst.")
        yield Finding(rule="indicator_dropped", severity="warning", message=message, documents=pair.documents,
                      items=[FindingItem(doc=a.name, id=ind.id, page=ind.page, bbox=ind.bbox, lines=ind.lines,
                                         raw=ind.name)])


# ---------------------------------------------------------------- across documents: goals

_GOAL_LEVELS = {"realisation": ("doel", "prestatie"), "progress": ("doel", "prestatie"), "next": ("doel",)}


def _title_key(title: str) -> str:
    return normalise_name(title)


@rule("goal_missing_or_renamed", "info",
      "Een doel (en in jaarstukken/voortgangsrapportage ook een prestatie) van de begroting ontbreekt, heeft een "
      "ander nummer of een duidelijk andere titel in het latere document.",
      pairs=("realisation", "progress", "next"))
def goal_rule(pair: Pair) -> Iterator[Finding]:
    levels = _GOAL_LEVELS[pair.kind]
    a, b = pair.earlier, pair.later
    goals_a, goals_b = goal_index(a, levels), goal_index(b, levels)
    programmes_b = {key[0] for key in goals_b}
    by_programme: dict[str, list[Finding]] = {}
    for key, goal in goals_a.items():
        if key[0] not in programmes_b:
            continue
        finding = _goal_finding(pair, key, goal, goals_b)
        if finding is not None:
            by_programme.setdefault(key[0], []).append(finding)
    for programme, findings in by_programme.items():
        total = sum(1 for key in goals_a if key[0] == programme)
        if len(findings) * 2 > total and len(findings) > 1:
            yield _rewritten_programme(pair, programme, findings, total)
        else:
            yield from findings


def _rewritten_programme(pair: Pair, programme: str, findings: list[Finding], total: int) -> Finding:
    """Most goals of a programme differ: one finding for the programme, not one per goal."""
    a, b = pair.earlier, pair.later
    pages = sorted({item.page for f in findings for item in f.items if item.doc == a.name and item.page})
    where_a = f"{a.label} (p. {', '.join(map(str, pages))})" if pages else a.label
    message = (f"Programma {programme}: {len(findings)} van de {total} doelen uit {where_a} ontbreken of hebben een "
               f"ander nummer of een andere titel in {b.label} — de doelen zijn grotendeels herschreven.")
    items = [item for f in findings for item in f.items if item.doc == a.name]
    return Finding(rule="goal_missing_or_renamed", severity="info", message=message, documents=pair.documents,
                   items=items, expected=float(total), actual=float(total - len(findings)))


def _goal_finding(pair: Pair, key: tuple[str, str], goal, goals_b: dict) -> Optional[Finding]:
    a, b = pair.earlier, pair.later
    title = _title_key(goal.title)
    same_code = goals_b.get(key)
    if same_code is not None and fuzz.token_set_ratio(title, _title_key(same_code.title)) >= 60:
        return None
    elsewhere = [g for k, g in goals_b.items() if k[0] == key[0] and k != key
                 and fuzz.token_set_ratio(title, _title_key(g.title)) >= 90]
    item_a = FindingItem(doc=a.name, id=goal.id, page=goal.page, bbox=goal.bbox, lines=goal.lines, raw=goal.title)
    label = f"{goal.level.capitalize()} {key[0]} {key[1]} '{goal.title}' ({where(a, goal.page, goal.lines)})"
    if len(elsewhere) == 1:
        other = elsewhere[0]
        message = f"{label} heeft in {where(b, other.page, other.lines)} nummer {other.code}."
    elif same_code is not None and not elsewhere:
        other = same_code
        message = f"{label} heet in {where(b, other.page, other.lines)} '{other.title}'."
    elif same_code is None and not elsewhere and _mentioned(b, goal.title) is False:
        return Finding(rule="goal_missing_or_renamed", severity="info", documents=pair.documents, items=[item_a],
                       message=f"{label} ontbreekt in {b.label}, ook in de tekst.")
    else:
        return None
    item_b = FindingItem(doc=b.name, id=other.id, page=other.page, bbox=other.bbox, lines=other.lines, raw=other.title)
    return Finding(rule="goal_missing_or_renamed", severity="info", message=message, documents=pair.documents,
                   items=[item_a, item_b])


# ---------------------------------------------------------------- toelichting on large differences

_TOELICHTING = re.compile(r"\b(toelichting (op )?(de )?(verschil|afwijking)\w*|verschillenanalyse"
                          r"|analyse (van de )?(verschil|afwijking)\w*)", re.IGNORECASE)
_THRESHOLD = re.compile(r"(?:>=|≥|>|vanaf|boven|groter dan)\s*€\s*([\d.]+)", re.IGNORECASE)


def _toelichting_pages(doc: AuditDocument) -> tuple[list[int], Optional[float]]:
    """Pages with a heading that explains budget differences, and the threshold it states (if one)."""
    pages, thresholds = [], []
    for line in doc.source_lines or []:
        if line.page is None or len(line.text) > 120 or not _TOELICHTING.search(line.text):
            continue
        pages.append(line.page)
        match = _THRESHOLD.search(line.text)
        if match:
            thresholds.append(float(match.group(1).replace(".", "")))
    threshold = thresholds[0] if thresholds and len(set(thresholds)) == 1 else None
    return sorted(set(pages)), threshold


@rule("large_difference_without_toelichting", "warning",
      "Een programma met een verschil (begroting na wijziging tegenover realisatie) boven de drempel die het "
      "document zelf noemt ('toelichting op verschillen >= € 50.000') zonder zo'n toelichting in zijn pagina's.")
def toelichting_rule(doc: AuditDocument) -> Iterator[Finding]:
    if doc.kind not in CLAIMING_KINDS:
        return
    pages, threshold = _toelichting_pages(doc)
    if not pages or threshold is None:
        return
    starts = sorted({t.page for t in doc.tables if t.programme and t.page})
    for table in doc.tables:
        if not table.programme or table.page is None:
            continue
        end = next((p for p in starts if p > table.page), None)
        if any(table.page <= p and (end is None or p < end) for p in pages):
            continue
        for row, budget, actual, difference in _baten_lasten_differences(table):
            if abs(difference) < threshold:
                continue
            message = (f"{table.programme} {row.label.lower()} {actual.year or ''} in {where(doc, actual.page)}: "
                       f"verschil {euro(difference)} (drempel {euro(threshold)}), maar geen toelichting op "
                       f"verschillen op p. {table.page}–{(end - 1) if end else 'eind'}.")
            yield Finding(rule="large_difference_without_toelichting", severity="warning", message=message,
                          documents=[doc.name], items=[budget_item(doc, budget), budget_item(doc, actual)],
                          expected=budget.amount, actual=actual.amount, difference=difference)
