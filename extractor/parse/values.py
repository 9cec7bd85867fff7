"""Table cells to numbers: Dutch number formats, comparators, units, footnote marks, year headers.

Pure functions, no package state: every table parser (text and PDF, indicators and budgets)
shares them so a cell means the same thing everywhere. The rule throughout is *never guess*:
a cell that is not clearly one number (a range "10-15", free text "stijging", an English
"1.5") gives None, and the caller decides whether that deserves a warning.

Choices worth knowing:
- "1.234" is 1234: in Dutch a dot followed by exactly three digits separates thousands.
  A dot followed by any other number of digits ("1.5", "1.2345") is not Dutch and gives None.
- A minus is "-", the unicode minus "−" or the Dutch accounting prefix "-/-". An en dash
  is not a minus (documents use "–" for "no value" and as a separator). A minus and its number
  apart ("- 3") are no number, except in a share that prints its "%" ("- 2,20 %").
- "(1.234)" is negative only when the caller asks for it (`parens_negative=True`, budget
  tables in accounting style); in indicator cells a bracketed number is a year or a note.
- Year headers: "'11" is 2011 (two-digit years 00-69 are 20xx, 70-99 are 19xx); a header
  naming a span ("2011/2012", "2015-2018") or two different years gives None, because
  which of them the column means is not printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = [
    "ParsedValue",
    "parse_number",
    "parse_value",
    "parse_range",
    "parse_direction",
    "split_footnote_marks",
    "parse_year_header",
    "column_type",
    "MISSING_MARKERS",
]

MISSING_MARKERS = frozenset(
    {"", "-", "–", "—", "−", "n.b.", "n.b", "nb", "n.n.b.", "n.n.b", "nnb", "nvt", "n.v.t.", "n.v.t", "x", "?", "pm", "p.m.", "p.m", "..", "...", "…"}
)
"""Cells that mean 'no value' (compared after lower-casing and trimming)."""

_MINUS_SIGNS = "-\u2212"
_SPACED_MINUS = re.compile(r"^[-\u2212] \d")
_POINT_DECIMAL = re.compile(r"^[-\u2212]?\d{1,3}\.\d{1,2}$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(
    r"""^(?P<sign>-/-\s*|[-\u2212])?
        (?P<int>\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)
        (?:,(?P<frac>\d+))?$""",
    re.VERBOSE,
)
_DIRECTION = re.compile(r"\(\s*([-\u2212\u2013+](?:\s*/\s*[-\u2212\u2013+])?)\s*\)\s*$")
_YEAR_IN_BRACKETS = re.compile(r"\(\s*((?:19|20)\d{2})\s*\)\s*$")
_TRAILING_MARKS = re.compile(r"(?:\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|†+))$")
_LEADING_MARKS = re.compile(r"^(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|†+)\s*")
_UNITS = (("%", "%"), ("‰", "‰"), ("€", "€"), ("procent", "%"), ("euro", "€"))

# Longest first so that "<=" wins over "<" and "niet meer dan" over "meer dan".
_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("niet meer dan", "<="),
    ("niet minder dan", ">="),
    ("ten minste", ">="),
    ("tenminste", ">="),
    ("minimaal", ">="),
    ("minstens", ">="),
    ("ten hoogste", "<="),
    ("maximaal", "<="),
    ("hoogstens", "<="),
    ("meer dan", ">"),
    ("groter dan", ">"),
    ("hoger dan", ">"),
    ("minder dan", "<"),
    ("kleiner dan", "<"),
    ("lager dan", "<"),
    ("<=", "<="),
    ("=<", "<="),
    (">=", ">="),
    ("=>", ">="),
    ("≤", "<="),
    ("≥", ">="),
    ("<", "<"),
    (">", ">"),
    ("=", "="),
)
_DIRECTIONS = {"-": "decrease", "+": "increase", "-/+": "stable", "+/-": "stable"}


@dataclass(frozen=True)
class ParsedValue:
    """One number read from a cell, with everything printed around it."""

    value: float
    comparator: Optional[str] = None
    unit: Optional[str] = None
    year: Optional[int] = None
    direction: Optional[str] = None
    footnotes: tuple[str, ...] = ()
    raw: str = ""


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def parse_number(text: str, parens_negative: bool = False) -> Optional[float]:
    """A Dutch-formatted number ("1.234,5", "-3,2", "-/- 12") or None when the text is anything else."""
    if not isinstance(text, str):
        return None
    s = text.strip()
    negative = False
    if parens_negative and len(s) > 2 and s[0] == "(" and s[-1] == ")":
        s = s[1:-1].strip()
        negative = True
    match = _NUMBER.match(s)
    if not match:
        return None
    digits = re.sub(r"[.\u00a0\u202f\u2009]", "", match.group("int"))
    frac = match.group("frac")
    number = float(f"{digits}.{frac}" if frac else digits)
    if match.group("sign"):
        if negative:
            return None  # "(-12)": two signs, not a format anyone means
        negative = True
    return -number if negative and number != 0 else number


def parse_direction(text: str) -> Optional[str]:
    """'decrease' / 'increase' / 'stable' from a trailing marker "(-)", "(+)", "(-/+)" or "(+/-)"."""
    if not isinstance(text, str):
        return None
    match = _DIRECTION.search(_clean(text))
    if not match:
        return None
    key = re.sub(r"\s", "", match.group(1)).replace("\u2212", "-").replace("\u2013", "-")
    return _DIRECTIONS.get(key)


def split_footnote_marks(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove footnote marks ("*", "**", "¹") at the end (or start) of a cell: (text without marks, marks)."""
    s = _clean(text) if isinstance(text, str) else ""
    marks: list[str] = []
    while True:
        match = _TRAILING_MARKS.search(s)
        if not match or match.start(1) == 0:
            break
        marks.insert(0, match.group(1))
        s = s[: match.start()].rstrip()
    match = _LEADING_MARKS.match(s)
    if match and match.end() < len(s):
        marks.insert(0, match.group(1))
        s = s[match.end():]
    return s, tuple(marks)


def _strip_decorations(s: str) -> tuple[str, Optional[str], Optional[int], tuple[str, ...]]:
    """Peel direction, bracketed year and footnote marks off the end, in any order."""
    direction: Optional[str] = None
    year: Optional[int] = None
    marks: tuple[str, ...] = ()
    while True:
        before = s
        match = _DIRECTION.search(s)
        if match and direction is None and match.start() > 0:
            direction = parse_direction(s[match.start():])
            s = s[: match.start()].rstrip()
        match = _YEAR_IN_BRACKETS.search(s)
        if match and year is None and match.start() > 0:
            year = int(match.group(1))
            s = s[: match.start()].rstrip()
        s, found = split_footnote_marks(s)
        marks = found + marks
        if s == before:
            return s, direction, year, marks


def _split_comparator(s: str) -> tuple[Optional[str], str]:
    lowered = s.lower()
    for word, comparator in _COMPARATORS:
        if lowered.startswith(word):
            rest = s[len(word):]
            if word[-1].isalpha() and rest[:1].isalpha():
                continue  # "meer danwel": not the comparator word
            return comparator, rest.strip()
    return None, s


def _split_unit(s: str) -> tuple[Optional[str], str]:
    lowered = s.lower()
    for token, unit in _UNITS:
        if lowered.endswith(token):
            return unit, s[: len(s) - len(token)].strip()
        if lowered.startswith(token):
            return unit, s[len(token):].strip()
    return None, s


def parse_value(text: str) -> Optional[ParsedValue]:
    """A table cell as one number with its comparator, unit, year, direction and footnote marks; None if no number."""
    if not isinstance(text, str):
        return None
    raw = text
    s = _clean(text)
    if s.lower() in MISSING_MARKERS:
        return None
    s, direction, year, marks = _strip_decorations(s)
    comparator, s = _split_comparator(s)
    unit, s = _split_unit(s)
    if comparator is None:
        comparator, s = _split_comparator(s)  # "€ < 15" is rare but harmless to accept
    s, more_marks = split_footnote_marks(s)  # "12*%": marks before the unit
    if unit == "%" and _SPACED_MINUS.match(s):
        s = s[0] + s[2:]  # "- 2,20 %": a share printed with a space after its minus (a bare "- 3" stays no number)
    if unit == "%" and _POINT_DECIMAL.match(s):
        s = s.replace(".", ",")  # "61.2%": one or two digits after a point are no thousands, and a share is no count
    number = parse_number(s)
    if number is None:
        return None
    return ParsedValue(
        value=number,
        comparator=comparator,
        unit=unit,
        year=year,
        direction=direction,
        footnotes=more_marks + marks,
        raw=raw,
    )


_RANGE = re.compile(r"^(?:tussen\s+(?P<low_b>\S+)\s+en\s+(?P<high_b>\S+)"
                    r"|(?P<low>\S+?)\s*(?:\s-\s|[–—]|(?<=\d)-(?=\d)|\s+(?:tot(?:\s+en\s+met)?|t/m)\s+)\s*(?P<high>\S+))$",
                    re.IGNORECASE)


def parse_range(text: str) -> Optional[tuple[ParsedValue, ParsedValue]]:
    """A range printed in one cell ("6 - 6,5", "10–15%", "tussen 10 en 15") as its two bounds (>= low, <= high).

    Only when both ends are plain numbers with the same unit and low < high; a span of two years
    ("2019-2023") is a period, not a range, and gives None like anything else unclear.
    """
    if not isinstance(text, str):
        return None
    s, direction, year, marks = _strip_decorations(_clean(text))
    unit, s = _split_unit(s)
    match = _RANGE.match(s)
    if not match:
        return None
    ends: list[tuple[Optional[str], float]] = []
    for part in (match.group("low") or match.group("low_b"), match.group("high") or match.group("high_b")):
        part_unit, part = _split_unit(part)
        number = parse_number(part)
        if number is None:
            return None
        ends.append((part_unit, number))
    units = {u for u, _ in ends if u} | ({unit} if unit else set())
    (_, low), (_, high) = ends
    if len(units) > 1 or not low < high or all(re.fullmatch(r"(19|20)\d{2}", f"{v:g}") for v in (low, high)):
        return None
    shared = dict(unit=next(iter(units), None), year=year, direction=direction, footnotes=marks, raw=text)
    return ParsedValue(value=low, comparator=">=", **shared), ParsedValue(value=high, comparator="<=", **shared)


_QUOTED_YEAR = re.compile(r"(?<![\w\d])['‘’`´](\d{2})(?!\d)")
_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[/\-–]\s*(?:(?:19|20)?\d{2})(?!\d)|['‘’]\d{2}\s*[/\-–]\s*['‘’]?\d{2}")


def parse_year_header(text: str) -> Optional[int]:
    """The one year a column header names ("2024", "'11", "Streefwaarde 2026 (%)"), else None (spans, several years)."""
    if not isinstance(text, str):
        return None
    s = _clean(text)
    if _YEAR_SPAN.search(s):
        return None
    years = {int(y) for y in _FULL_YEAR.findall(s)}
    for two in _QUOTED_YEAR.findall(s):
        number = int(two)
        years.add(2000 + number if number < 70 else 1900 + number)
    if len(years) != 1:
        return None
    return years.pop()


_STREEF = re.compile(r"streef|doelwaarde|\bnorm|target|begroting|ambitie|prognose|raming", re.IGNORECASE)
_REAL = re.compile(
    r"realisatie|nulmeting|peil|resultaat|rekening|gerealiseerd|werkelijk|\bstand\b|meting|actueel|\bscore|cijfer", re.IGNORECASE
)
_REFERENCE = re.compile(r"nederland|landelijk|regio|referentie|gemiddeld|vergelijk|benchmark|g4|g32|\bnl\b", re.IGNORECASE)


def column_type(header: str) -> Optional[str]:
    """'streefwaarde' / 'realisatie' / 'referentie' for an indicator-table column header, None if it says none."""
    if not isinstance(header, str):
        return None
    if _STREEF.search(header):
        return "streefwaarde"
    if _REFERENCE.search(header):
        return "referentie"
    if _REAL.search(header):
        return "realisatie"
    return None
