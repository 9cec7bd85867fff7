"""The section a table stands in: the programme it belongs to and the begroting year its heading names.

The headings are the layout layer's outline (`layout.outline`); this module only decides what they mean
for a table. A table's section is the last heading printed before its first row; from there the
enclosing headings are asked, nearest first:

* a heading that opens a section outside every programme (a paragraaf, a bijlage, the jaarrekening;
  `models/data/section_context.csv`) ends the search: the table has no programme from its context;
* a heading that names a programme gives it, as printed ("5. Sport, cultuur en recreatie"). A heading
  names a programme when it says so ("Programma 2 …"), when it is a numbered heading under a
  "Programma's" heading, when a line "Totaal (deel)programma CODE" closes it, when its own section calls
  it "programma <title>" ("Toelichting op programma Sport, cultuur en recreatie"), or when it has the
  numbering and lettering of a numbered heading confirmed in one of the structural ways above
  (deelprogramma "1B …" after "1A …" under "Programma's").

The begroting year is the year a heading, a heading stacked right above it, or the caption lines right under
it name with the word "begroting" ("Begroting 2025" as the chapter of a 2024 vergaderbundel), nearest first.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extractor.layout.outline import Outline, Section
from extractor.resources import data_dir

_PROGRAMME_WORD = re.compile(r"^\s*(?i:programma)\s*(\d{1,2}[A-Za-z]?\b|[:\-–]\s*\S|\s+[A-Z])")
_TOTAL_PROGRAMME = re.compile(r"^\s*totaal\s+(?:deel)?programma\s+(?P<code>\d{1,2}[A-Z]?)\b", re.IGNORECASE)
_CAPTION_LINES = 3  # short lines right under a heading that still belong to it ("Begroting 2025")
_STACKED_TITLES = 3  # headings printed straight above one another that read as one title
_SELF_NAMING_BLOCKS = 12  # how far into its section a heading's "programma <title>" may be printed


@dataclass(frozen=True)
class SectionContext:
    """What the enclosing sections say about a table: its programme (as printed) and its begroting year, and whether
    the page is an overview per programme (its tables' rows are the programmes)."""

    programme: Optional[str] = None
    begroting_year: Optional[int] = None
    programme_rows: bool = False
    title: Optional[str] = None  # the heading of the section the table stands in ("Sociale kerngegevens")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, tuple[str, ...]]:
    with (data_dir() / "section_context.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    roles: dict[str, list[str]] = {}
    for row in rows:
        roles.setdefault(row["role"], []).append(row["term"].strip().lower())
    return {role: tuple(terms) for role, terms in roles.items()}


def _starts_with_term(title: str, role: str) -> bool:
    low = " ".join(title.lower().split())
    return any(re.match(re.escape(term) + r"(?![a-zà-ÿ])", low) for term in _vocabulary().get(role, ()))


def generic_title(text: str) -> bool:
    """A title that names a kind of table or page ("Overzicht", "Specificatie reserves", "Wat gaat het kosten?"),
    not something the amounts belong to: it holds a `generic_title` word of the vocabulary, or asks a question."""
    words = re.findall(r"[a-zà-ÿ'’]+", text.lower())
    generic = set(_vocabulary().get("generic_title", ()))
    return text.strip().endswith("?") or any(w in generic for w in words)


def _printed(section: Section) -> str:
    """The heading as printed, number included ("5. Sport, cultuur en recreatie")."""
    assert section.heading is not None
    return " ".join(" ".join(line.text for line in section.heading.lines).split())


def _shape(section: Section) -> Optional[tuple]:
    """Numbering form, lettering and level of a numbered heading: "1A VITALE …" and "1B TOEGANG …" share it."""
    number = section.number
    if not number:
        return None
    form = re.sub(r"[A-Z]", "A", re.sub(r"\d+", "9", number))
    title = section.title
    lettering = "upper" if title.isupper() else "mixed"
    return form, lettering, section.level


class SectionIndex:
    """The outline's headings in reading order, with the ones that name a programme decided once per document."""

    def __init__(self, outline: Optional[Outline], is_pdf: bool) -> None:
        self.is_pdf = is_pdf
        sections = [s for s in (outline.sections if outline else []) if s.heading is not None and s.heading.lines]
        keyed = [(self._heading_key(s), s) for s in sections]
        keyed = [(k, s) for k, s in keyed if k is not None]
        keyed.sort(key=lambda pair: pair[0])
        self._keys = [k for k, _ in keyed]
        self._sections = [s for _, s in keyed]
        self.programmes = self._programme_sections(outline)

    def _heading_key(self, section: Section) -> Optional[tuple]:
        first = section.heading.lines[0]  # type: ignore[union-attr]
        if self.is_pdf:
            return (first.page_number, first.top) if first.page_number is not None else None
        return (first.line_no,) if first.line_no is not None else None

    def _programme_sections(self, outline: Optional[Outline]) -> set[str]:
        """Ids of the sections whose heading names a programme (see the module docstring)."""
        if outline is None:
            return set()
        texts = [b.text for b in outline.blocks]
        closed = {m.group("code").upper() for t in texts if (m := _TOTAL_PROGRAMME.match(t))}
        named: set[str] = set()
        structural: set[tuple] = set()
        for section in self._sections:
            if _starts_with_term(section.title, "not_programme"):
                continue
            printed = _printed(section)
            by_parent = bool(section.number) and section.parent is not None and section.parent.heading is not None \
                and _starts_with_term(section.parent.title, "programme_list")
            by_total = bool(section.number) and section.number.upper() in closed
            if by_parent or by_total:
                structural.add(_shape(section))
            if by_parent or by_total or _PROGRAMME_WORD.match(printed) or self._names_itself(section):
                named.add(section.id)
        for section in self._sections:
            shape = _shape(section)
            if shape is not None and shape in structural and not _starts_with_term(section.title, "not_programme"):
                named.add(section.id)
        return named

    @staticmethod
    def _names_itself(section: Section) -> bool:
        """The section calls its heading a programme: "Toelichting op programma <title>" under "5. <title>"."""
        title = section.title.strip()
        if len(title) < 4 or not section.number:
            return False
        pattern = re.compile(r"\bprogramma\s*:?\s*['‘\"“]?" + re.escape(title.lower()))
        texts: list[str] = [b.text for b in section.blocks[:_SELF_NAMING_BLOCKS]]
        texts += [child.title for child in section.children[:_SELF_NAMING_BLOCKS]]
        return any(pattern.search(" ".join(text.lower().split())) for text in texts)

    def section_of(self, key: tuple) -> Optional[Section]:
        """The last section whose heading is printed at or before `key` (page, top) or (line,)."""
        at = bisect_right(self._keys, key)
        return self._sections[at - 1] if at else None

    def context(self, key: Optional[tuple]) -> SectionContext:
        """Programme and begroting year for a table whose first row is printed at `key`."""
        section = self.section_of(key) if key is not None else None
        if section is None:
            return SectionContext()
        chain = [section, *section.ancestors()]
        return SectionContext(programme=self._programme(chain), begroting_year=_begroting_year(self._stacked(chain)),
                              title=self._title_before(key))

    def _title_before(self, key: tuple) -> Optional[str]:
        """The heading printed last before the table (a text outline may take the table's own header cells for
        headings: those do not count)."""
        at = bisect_left(self._keys, key)
        return self._sections[at - 1].title if at else None

    def _stacked(self, chain: list[Section]) -> list[Section]:
        """Each section of the chain with the headings printed directly above it, nothing in between: a stack of
        titles ("Begroting 2025" over "Beleidsindicatoren") reads as one title, also where a text outline keeps
        them on one level."""
        position = {id(s): i for i, s in enumerate(self._sections)}
        out: list[Section] = []
        for section in chain:
            out.append(section)
            at = position.get(id(section))
            for before in range(at - 1, max(-1, at - 1 - _STACKED_TITLES), -1) if at is not None else ():
                above = self._sections[before]
                if above.blocks or above in out:
                    break
                out.append(above)
        return out

    def _programme(self, chain: list[Section]) -> Optional[str]:
        for section in chain:
            if section.id in self.programmes:
                return _printed(section)
            if _starts_with_term(section.title, "not_programme"):
                return None
        return None


def _begroting_year(chain: list[Section]) -> Optional[int]:
    """The one year the nearest heading (or a caption line right under it) names after a begroting word."""
    words = "|".join(re.escape(w) for w in _vocabulary().get("year_word", ()))
    pattern = re.compile(rf"\b(?:{words})\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
    for section in chain:
        texts = [section.title, *(b.text for b in section.blocks[:_CAPTION_LINES] if len(b.text) <= 80)]
        years = {int(y) for text in texts for y in pattern.findall(text)}
        if len(years) == 1:
            return years.pop()
        if years:
            return None  # two begroting years named: the section does not decide
    return None


def table_key(table, is_pdf: bool) -> Optional[tuple]:
    """Where a table starts, in the terms of `SectionIndex.section_of`."""
    rows = [r for r in table.rows if (r.lines if not is_pdf else r.bbox)]
    if not rows:
        return None
    if is_pdf:
        return (table.page, table.bbox[1])
    return (min(r.lines[0] for r in rows),)
