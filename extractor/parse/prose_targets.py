"""Targets written in sentences ("in 2030 is 80% van de daken benut", "jaarlijks 14% minder restafval").

A sentence becomes an `Indicator` with one `streefwaarde` value (`type_from="prose"`,
`source_kind="prose"`, the sentence as `description`) only when it holds all three of:

* a target time: a year in a time phrase ("in 2030", "uiterlijk 2027", "vóór 2025", "ambitie voor 2030")
  that is not before the document's year, or a recurring period ("jaarlijks", "per jaar");
* exactly one quantity: a number (or a number word: "vijftig") with a unit or a counted noun from the cue
  list (%, TWh, woningen, patiënten, …; a noun also as the head of a compound: "huurwoningen") — a sentence
  with two quantities of the same unit is ambiguous and skipped;
* an intent cue ("streven naar", "willen we", "uiterlijk", "moet", …).

and none of the signs that the figure is not the publisher's own target: a past-tense cue ("was",
"bedroeg", "ten opzichte van"), a forecast (only a future tense "zal/zullen" with a trend verb: "zal
stijgen", "neemt toe"), an estimate or assumption ("naar schatting", "veronderstellen"), another body's
target or a legal rule ("landelijke", "Klimaatakkoord", "wettelijk", "artikel"), or a financial parameter
("indexatie", "rente", "tarief").

Cue words live in `models/data/prose_target_cues.csv`. The rule is deliberately conservative:
a missed target costs less than an invented one. Text inside tables is not read here.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extractor.model import Indicator, IndicatorValue, Metadata
from extractor.parse.values import parse_number
from extractor.read.types import Line
from extractor.resources import data_dir

_DATA = data_dir() / "prose_target_cues.csv"
_TIME = re.compile(
    r"\b(?:in|vóór|voor|uiterlijk(?:\s+in)?|tegen|eind|einde|per|rond|richting|tot(?:\s+en\s+met)?|t/m|"
    r"op\s+1\s+\w+|ambitie(?:\s+voor)?|doelstelling|doel)\s+(?:het\s+jaar\s+)?((?:20)\d{2})\b",
    re.IGNORECASE,
)
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_CHEAP_YEAR = re.compile(r"\b20\d{2}\b")
_CHEAP_PERIOD = re.compile(r"jaarlijks|per jaar|elk jaar|ieder jaar", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(tussen\s+(de\s+)?[\d.,]+\s*\S*\s+en|[\d.,]+\s*\S{0,4}\s*(-|–|tot)|van\s+[\d.,]+\s*\S{0,4}\s+naar)\s*$", re.IGNORECASE)
_KNOWN_QUANTITY = re.compile(r"\b(de|het|deze|die|dit)\s+(\w+\s+)?$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s*(-|–|tot)\s*\d")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9•(‘'\"])|\s+•\s+")


@dataclass(frozen=True)
class _Cues:
    intent: re.Pattern[str]
    weak_intent: re.Pattern[str]
    trend: re.Pattern[str]
    not_own: re.Pattern[str]
    period: re.Pattern[str]
    comparators: tuple[tuple[re.Pattern[str], str], ...]
    quantity: re.Pattern[str]
    units: dict[str, str]
    number_words: dict[str, float]
    formula: re.Pattern[str]
    empty: re.Pattern[str]

    def unit_of(self, printed: str) -> str:
        """The stored unit of a printed unit or noun; a compound keeps its printed noun ('huurwoningen')."""
        return self.units.get(printed.lower(), printed.lower())

    def number(self, printed: str) -> Optional[float]:
        return self.number_words.get(printed.lower()) if printed.lower() in self.number_words else parse_number(printed)


def _words(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])", re.IGNORECASE)


_NOT_OWN_KINDS = ("past", "estimate", "other_owner", "parameter")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    with _DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    by_kind: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["phrase"])
        values[row["phrase"].lower()] = row["value"]
    return _Cues(
        intent=_words(by_kind["intent"]),
        weak_intent=_words(by_kind["weak_intent"]),
        trend=_words(by_kind["trend"]),
        not_own=_words([p for kind in _NOT_OWN_KINDS for p in by_kind[kind]]),
        period=_words(by_kind["period"]),
        comparators=tuple((_words([p]), values[p.lower()]) for p in by_kind["comparator"]),
        quantity=_quantity_pattern(by_kind["unit"], by_kind["noun"], by_kind["numberword"]),
        units={p.lower(): values[p.lower()] for p in by_kind["unit"] + by_kind["noun"]},
        number_words={p.lower(): float(values[p.lower()]) for p in by_kind["numberword"]},
        formula=re.compile(r"\b(?:" + _alternatives(by_kind["formula"]) + r") \d{1,2}\b"),
        empty=_words(by_kind["empty"]),
    )


def _alternatives(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _quantity_pattern(units: list[str], nouns: list[str], number_words: list[str]) -> re.Pattern[str]:
    """A number or number word, then a unit, or a counted noun (also the head of a compound: 'huurwoningen')
    after at most one attributive adjective ('800 sociale huurwoningen', '72 getrainde sleutelpersonen')."""
    number = _NUMBER + r"|(?<![\w])(" + _alternatives(number_words) + r")"
    noun = r"(?:[a-zà-ÿ]{3,}e\s+)?([^\W\d_]*?(?:" + _alternatives(nouns) + r"))"
    return re.compile(r"(?:" + number + r")\s?(?:(" + _alternatives(units) + r")|" + noun + r")(?![\w])", re.IGNORECASE)


@dataclass
class _Sentence:
    text: str
    lines: list[Line]


def prose_targets(laid_out, metadata: Optional[Metadata], exclude: Optional[dict[int, list]] = None,
                  exclude_lines: Optional[list[tuple[int, int]]] = None) -> list[Indicator]:
    """Every sentence of the document that states one quantified target (see the module rules)."""
    doc_year = metadata.year if metadata and metadata.year else None
    if metadata and metadata.period:
        doc_year = doc_year or metadata.period[0]
    out: list[Indicator] = []
    for sentence in _sentences(laid_out, exclude or {}, exclude_lines or []):
        target = _target(sentence.text, doc_year)
        if target is None:
            continue
        year, amounts = target
        unit = amounts[0][1] if len({a[1] for a in amounts}) == 1 else None
        first, last = sentence.lines[0], sentence.lines[-1]
        is_pdf = getattr(laid_out, "format", None) == "pdf"
        bbox = (min(ln.x0 for ln in sentence.lines), first.top, max(ln.x1 for ln in sentence.lines), last.bottom) if is_pdf else None
        span = (first.line_no, last.line_no) if first.line_no is not None and last.line_no is not None else None
        out.append(Indicator(
            id=f"prose-{'p' + str(first.page) if is_pdf else 'l' + str(span[0] if span else 0)}-{len(out) + 1}",
            name=_name(sentence.text), description=sentence.text, unit=unit, source_kind="prose",
            page=first.page if is_pdf else None, bbox=bbox, lines=None if is_pdf else span,
            values=[IndicatorValue(year=year, type="streefwaarde", value=value, comparator=comparator, raw=raw,  # type: ignore[arg-type]
                                   type_from="prose", page=first.page if is_pdf else None, bbox=bbox)
                    for value, _unit, comparator, raw in amounts],
        ))
    return out


def _target(text: str, doc_year: Optional[int]):
    """(year, [(value, unit, comparator, raw), …]) of the target the sentence states, or None.

    One quantity, plus the shares of a split printed in the same sentence ("een verhouding van 60% wind en
    40% zon"): percentages that together make exactly 100 are parts of the target, not rival readings."""
    cues = _cues()
    if not _states_an_own_aim(text, cues):
        return None
    years = [int(m.group(1)) for m in _TIME.finditer(text)]
    floor = doc_year if doc_year else 2000
    future = sorted({y for y in years if y >= floor})
    period = cues.period.search(text)
    if len(future) > 1 or (not future and not period):
        return None
    if any(int(y) < floor for y in re.findall(r"\b((?:19|20)\d{2})\b", text)) and not period:
        return None  # a baseline year in the same sentence: a comparison, read from tables instead
    quantities = [m for m in cues.quantity.finditer(text) if not re.fullmatch(r"(19|20)\d{2}", _amount(m))]
    shares = _shares(quantities, cues)
    quantities = [q for q in quantities if q not in shares] or shares[:1]
    if shares and quantities == shares[:1]:
        shares = shares[1:]
    if len(quantities) > 1:
        # "in 2030 van 3,3 TWh met 60% wind en 40% zon": the quantity printed right after the time phrase
        ends = [m.end() for m in _TIME.finditer(text)]
        quantities = [q for q in quantities if any(0 <= q.start() - e <= 12 for e in ends)]
    if len(quantities) != 1:
        return None
    match = quantities[0]
    if _RANGE_BEFORE.search(text[:match.start()]) or _RANGE_AFTER.match(text[match.end():]):
        return None  # "tussen de 5 en 100 MW", "6 - 6,5%": a range, not one target value
    if _KNOWN_QUANTITY.search(text[max(0, match.start() - 30):match.start()]):
        return None  # "om de 2,0 TWh te realiseren": a quantity set elsewhere, referred to, not stated here
    value = cues.number(_amount(match))
    if value is None or not _names_a_subject(text, match, cues):
        return None
    unit = cues.unit_of(_unit(match))
    before = text[max(0, match.start() - 25):match.start()]
    comparator = next((c for pattern, c in cues.comparators if pattern.search(before)), None)
    amounts = [(value, unit, comparator, match.group(0))]
    amounts += [(cues.number(_amount(s)), "%", None, s.group(0)) for s in shares]
    return (future[0] if future else None), amounts


def _names_a_subject(text: str, quantity: re.Match[str], cues: _Cues) -> bool:
    """Words besides the aim, the quantity, the time and function words: what the target is of. Without them
    ("Wij streven naar 40% in 2035.") the figure belongs to something said elsewhere; it is not read."""
    rest = text[:quantity.start()] + " " + text[quantity.end():]
    for pattern in (_TIME, cues.intent, cues.weak_intent, cues.period, cues.empty, *(p for p, _ in cues.comparators)):
        rest = pattern.sub(" ", rest)
    return bool(re.search(r"[^\W\d_]{3,}", rest))


def _states_an_own_aim(text: str, cues: _Cues) -> bool:
    """An intent cue, and no sign that the figure is past, estimated, someone else's or a parameter.

    "zal/zullen" alone state an aim only without a trend verb: "de zorgvraag zal met 32% stijgen" is a forecast."""
    if cues.not_own.search(text):
        return False
    if cues.intent.search(text):
        return True
    return bool(cues.weak_intent.search(text)) and not cues.trend.search(text)


def _amount(match: re.Match[str]) -> str:
    """The printed number of a quantity match: digits or a number word."""
    return match.group(1) or match.group(2)


def _unit(match: re.Match[str]) -> str:
    """The printed unit or counted noun of a quantity match."""
    return match.group(3) or match.group(4)


def _shares(quantities: list[re.Match[str]], cues: _Cues) -> list[re.Match[str]]:
    """Two or more percentages of one sentence that add up to exactly 100: the parts of a split."""
    percents = [q for q in quantities if cues.unit_of(_unit(q)) == "%"]
    numbers = [cues.number(_amount(q)) for q in percents]
    if len(percents) < 2 or any(n is None for n in numbers) or abs(sum(numbers) - 100.0) > 1e-9:  # type: ignore[arg-type]
        return []
    return percents


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:!?)])")
_ACRONYM_COMPOUND = re.compile(r"\b([A-Z]{2,})- (?=[a-z])")


def _tidy(text: str) -> str:
    """Undo spacing the PDF text layer adds: 'FTE) ,' -> 'FTE),', 'IZA- doelstelling' -> 'IZA-doelstelling'
    (a compound with an acronym keeps its hyphen and has no space) and 'CO 2' -> 'CO2' (a subscript)."""
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    text = _ACRONYM_COMPOUND.sub(r"\1-", text)
    return _cues().formula.sub(lambda m: m.group(0).replace(" ", ""), text)


def _name(sentence: str) -> str:
    """The sentence as printed, whole even when long: a shortened name could no longer be found in the document."""
    return sentence.strip(" •-")


def _inside(line: Line, boxes: list) -> bool:
    cy = (line.top + line.bottom) / 2
    return any(b[1] - 2 <= cy <= b[3] + 2 and line.x1 >= b[0] and line.x0 <= b[2] for b in boxes)


def _sentences(laid_out, exclude: dict[int, list], exclude_lines: list[tuple[int, int]]) -> list[_Sentence]:
    """Sentences from paragraphs: lines joined until a blank line, a gap, or a change of font (a heading)."""
    out: list[_Sentence] = []
    paragraph: list[Line] = []

    def flush() -> None:
        if paragraph:
            text = " ".join(ln.text for ln in paragraph)
            if _CHEAP_YEAR.search(text) or _CHEAP_PERIOD.search(text):  # most paragraphs hold no target: skip the split
                out.extend(_split(paragraph))
            paragraph.clear()

    previous: Optional[Line] = None
    for line in laid_out.lines():
        text = line.text.strip()
        skip = (line.page in exclude and _inside(line, exclude[line.page])) or (
            line.line_no is not None and any(a <= line.line_no <= b for a, b in exclude_lines))
        if not text or skip or "|" in text or "\t" in line.text:
            flush()
            previous = None
            continue
        if previous is not None and _breaks(previous, line):
            flush()
        paragraph.append(line)
        previous = line
    flush()
    return out


def _breaks(previous: Line, line: Line) -> bool:
    if line.page != previous.page:
        return False
    if line.bottom == 0 and previous.bottom == 0:  # text input: consecutive lines are one paragraph
        return line.line_no is not None and previous.line_no is not None and line.line_no != previous.line_no + 1
    height = max(previous.bottom - previous.top, 1.0)
    return line.top - previous.bottom > 0.9 * height or line.bold != previous.bold or abs(line.size - previous.size) > 1.0


def _split(lines: list[Line]) -> list[_Sentence]:
    """Sentences of a paragraph, each with the lines it was printed on."""
    text = ""
    starts: list[tuple[int, Line]] = []
    for line in lines:
        piece = line.text.strip()
        if text.endswith("-") and piece[:1].islower():
            text = text[:-1]
        elif text:
            text += " "
        starts.append((len(text), line))
        text += piece
    out: list[_Sentence] = []
    position = 0
    for part in _SENTENCE_END.split(text):
        begin = text.find(part, position)
        end = begin + len(part)
        position = end
        covered = [ln for k, (offset, ln) in enumerate(starts)
                   if offset < end and (starts[k + 1][0] if k + 1 < len(starts) else len(text) + 1) > begin]
        if part.strip() and covered:
            out.append(_Sentence(_tidy(" ".join(part.split())), covered))
    return out
