"""Cells glued together by a text export: `Lasten3.3543.1394.0363.122-914`, `20162017201720172017`.

Copying a table from a web page sometimes drops every separator, so a row is its label followed by
all its figures in one string. Such a row is split only where that is certain:

* the header says how many columns there are (its kind words or its years, glued the same way);
* each figure must be a Dutch integer as printed in budget tables: an optional leading minus, 1-3
  digits, then groups of a thousands dot and exactly three digits, no leading zero (`0` alone is fine);
* when the digits allow more than one split, the table's arithmetic must single one out: the saldo
  row is baten − lasten (or baten + lasten when lasten are printed negative), or a column is the
  difference of two others in every row that split unambiguously (a `verschil` column); a rounding
  difference of 1 is allowed, as tables in thousands are rounded cell by cell.

What stays ambiguous is not guessed: the row is left out and reported (`glued_cells_ambiguous`).
"""

from __future__ import annotations

import re
from typing import Optional

_TOKEN = re.compile(r"-?(?:0|[1-9]\d{0,2}(?:\.\d{3})*)")
_GLUED_ROW = re.compile(r"^(?P<label>[^\W\d_][^\d|\t]*?[^\W\d_.:)])\s?(?P<figures>-?\d[\d.\-]*\d)$")
_YEAR = re.compile(r"(19|20)\d{2}")
_CAMEL = re.compile(r"(?<=[a-zé)])(?=[A-Z])")
MAX_SPLITS = 64  # more readings than this: too ambiguous to try arithmetic on
_TOLERANCE = 1.0


def number_value(token: str) -> float:
    return float(token.replace(".", ""))


def split_glued_numbers(text: str, n: int) -> list[list[str]]:
    """Every way to read `text` as exactly `n` Dutch integers printed one after the other.

    The search stops after MAX_SPLITS + 1 readings: a longer list is incomplete and never used."""
    out: list[list[str]] = []

    def walk(position: int, taken: list[str]) -> None:
        if len(out) > MAX_SPLITS:
            return  # incomplete from here on; callers leave such a row out
        if position == len(text):
            if len(taken) == n:
                out.append(list(taken))
            return
        if len(taken) == n:
            return
        for end in range(position + 1, len(text) + 1):
            piece = text[position:end]
            if _TOKEN.fullmatch(piece):
                taken.append(piece)
                walk(end, taken)
                taken.pop()

    walk(0, [])
    return out


def split_glued_years(text: str) -> Optional[list[str]]:
    """`20162017201720172017` -> five years; None when the text is not a run of years."""
    t = text.strip()
    if not t.isdigit() or len(t) % 4 or len(t) < 8:
        return None
    years = [t[i:i + 4] for i in range(0, len(t), 4)]
    return years if all(_YEAR.fullmatch(y) for y in years) else None


def split_glued_header(text: str) -> list[str]:
    """`RekeningPrimitieve begrotingBegroting incl.alle wijzigingen` -> its header cells (a capital after a lower-case letter)."""
    return [p.strip() for p in _CAMEL.split(text.strip()) if p.strip()]


def glued_row(text: str) -> Optional[tuple[str, str]]:
    """(label, glued figures) of a row such as `Lasten3.3543.1394.0363.122-914`; None for other lines."""
    match = _GLUED_ROW.match(text.strip())
    if not match:
        return None
    return match.group("label").strip(), match.group("figures")


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE


def _difference_columns(rows: list[list[float]]) -> list[tuple[int, int, int]]:
    """(result, minuend, subtrahend) column triples that hold in every given row (at least two rows)."""
    if len(rows) < 2:
        return []
    n = len(rows[0])
    return [(v, a, b) for v in range(n) for a in range(n) for b in range(n)
            if len({v, a, b}) == 3 and all(_close(r[v], r[a] - r[b]) for r in rows)
            and sum(1 for r in rows if r[a] or r[b]) >= 2]  # rows of zeros confirm nothing


def resolve_rows(labels: list[str], candidates: list[list[list[str]]]) -> tuple[list[Optional[list[str]]], list[int]]:
    """One split per row where the digits or the arithmetic make it certain; (splits, indexes of rows left out).

    `candidates[i]` are the readings of row i (from `split_glued_numbers`)."""
    chosen: list[Optional[list[str]]] = [c[0] if len(c) == 1 else None for c in candidates]
    sure = [[number_value(t) for t in c] for c in chosen if c is not None]
    relations = _difference_columns(sure)
    changed = True
    while changed:  # a row fixed by the arithmetic can fix another (saldo, then baten)
        changed = False
        for i, options in enumerate(candidates):
            if chosen[i] is not None or not options or len(options) > MAX_SPLITS:
                continue
            fitting = [o for o in options if _fits(o, labels[i], labels, chosen, relations)]
            if len(fitting) == 1:
                chosen[i], changed = fitting[0], True
    return chosen, [i for i, c in enumerate(chosen) if c is None]


def _side(label: str) -> Optional[str]:
    low = label.lower()
    for side in ("baten", "lasten", "saldo"):
        if re.search(rf"\b{side}\b", low):
            return side
    return None


def _fits(option: list[str], label: str, labels: list[str], chosen: list[Optional[list[str]]],
          relations: list[tuple[int, int, int]]) -> bool:
    """True when the reading agrees with a relation the table confirms elsewhere, and with none against it."""
    values = [number_value(t) for t in option]
    confirmed = False
    for v, a, b in relations:
        if not _close(values[v], values[a] - values[b]):
            return False
        confirmed = True
    sides = {_side(x): c for x, c in zip(labels, chosen) if c is not None and _side(x)}
    own = _side(label)
    others = [s for s in ("baten", "lasten", "saldo") if s != own]
    if own and all(s in sides for s in others):
        a, b = ([number_value(t) for t in sides[s]] for s in others)  # type: ignore[index]
        if own == "saldo":
            expected = [[x - y for x, y in zip(a, b)], [x + y for x, y in zip(a, b)]]
        elif own == "baten":  # others: lasten, saldo
            expected = [[y + x for x, y in zip(a, b)], [y - x for x, y in zip(a, b)]]
        else:  # lasten; others: baten, saldo
            expected = [[x - y for x, y in zip(a, b)], [y - x for x, y in zip(a, b)]]
        if not any(all(_close(p, q) for p, q in zip(values, e)) for e in expected):
            return False
        confirmed = True
    return confirmed
