"""Document metadata: who published it, what kind of document it is, for which year.

Evidence is weighed in a fixed order — the document's own title, then its first pages, then
the file name — and a field stays null when nothing supports it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Optional

from extractor.layout import LaidOutDocument
from extractor.model import Metadata
from extractor.parse.textutil import normalise_space
from extractor.read.types import Line

# Checked in this order; the first kind whose pattern occurs wins.
_DOCUMENT_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("voortgangsrapportage", re.compile(r"voortgangsrapportage|bestuursrapportage|\bburap\b|tussenrapportage|najaarsnota|tussentijdse rapportage", re.I)),
    ("jaarstukken", re.compile(r"jaarstukken|jaarverslag|jaarrekening|programmaverantwoording", re.I)),
    ("kadernota", re.compile(r"kadernota|voorjaarsnota|perspectiefnota", re.I)),
    ("begroting", re.compile(r"begroting", re.I)),
    ("raadsvoorstel", re.compile(r"voorstel aan de raad|raadsvoorstel", re.I)),
    ("beleidsplan", re.compile(r"beleidsplan|beleidsnota|veiligheidsplan|veiligheidsbeleid|beleidskader|plan van aanpak|maatschappelijke agenda|uitvoeringsplan|\bvisie\b", re.I)),
    ("monitor", re.compile(r"tabellenboek|monitor", re.I)),
]
# Phrases of the BBV's three W-questions tell a begroting from its accountability counterpart.
_ACCOUNTABILITY = re.compile(r"wat hebben we (bereikt|gedaan)|wat heeft het gekost|wilden we bereiken", re.I)
_BUDGET = re.compile(r"wat willen we bereiken|wat mag het kosten|wat gaat het kosten", re.I)

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_PERIOD = re.compile(r"(?<!\d)(19[89]\d|20\d\d)\s*[-–/]\s*(19[89]\d|20\d\d)(?!\d)")
_GEMEENTE = re.compile(r"\b(?:[Gg]emeente|GEMEENTE)\s+((?:'s-|Den |De |Het )?[A-Z][A-Za-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)")
_JOINT_BODY = re.compile(r"\b(GGD|Veiligheidsregio|Omgevingsdienst|Regio|Gemeenschappelijke regeling)\s+((?:[A-Z][a-zà-ÿ]+)(?:[- ][A-Z][a-zà-ÿ]+)?)")
_NOT_A_NAME = {"de", "het", "een", "en", "is", "wordt", "heeft", "kan", "zal", "moet", "als", "in", "op", "voor", "met"}
_TITLE_NOISE = re.compile(r"^(colofon|inhoudsopgave|inhoud|infographic|pagina\s+\d+.*|\d+)$", re.I)


def parse_metadata(laid_out: LaidOutDocument) -> Metadata:
    lines = laid_out.lines(skip_toc=True)
    early = _early_text(laid_out)
    title = _title(laid_out)
    stem = Path(laid_out.raw.path).stem
    stem_text = re.sub(r"[_\-]+", " ", stem)
    document_type = _document_type(title, early, stem_text)
    period = _period(title, early, document_type)
    year = _year(title, stem_text, early, lines, period)
    return Metadata(
        municipality=_municipality(title, early, laid_out, stem_text),
        document_type=document_type,
        year=year,
        period=period,
        title=title,
    )


def _early_text(laid_out: LaidOutDocument) -> str:
    """Text of the first pages (PDF) or the first 150 lines (text)."""
    if laid_out.format == "pdf":
        return "\n".join(page.text for page in laid_out.pages[:5])
    return "\n".join(line.text for line in laid_out.lines(skip_toc=False)[:150])


def _title(laid_out: LaidOutDocument) -> Optional[str]:
    if laid_out.format == "pdf":
        for index, page in enumerate(laid_out.pages[:3]):
            title = _largest_text(page.lines, min_size=0.0 if index == 0 else 14.0)
            if title:
                return title
        return None
    lines = [line.text.strip() for line in laid_out.lines(skip_toc=False)[:12]]
    lines = [text for text in lines if text]
    if not lines:
        return None
    title = lines[0]
    if len(lines) > 1 and len(title.split()) <= 3 and (lines[1].isupper() or _YEAR.search(lines[1])) and len(lines[1]) < 90:
        title = f"{title} {lines[1]}"
    return normalise_space(title)[:200]


def _largest_text(lines: list[Line], min_size: float = 0.0) -> Optional[str]:
    candidates = [line for line in lines if len(re.findall(r"[A-Za-zà-ÿ]", line.text)) >= 4 and not _TITLE_NOISE.match(line.text.strip())]
    if not candidates:
        return None
    biggest = max(line.size for line in candidates)
    if biggest <= 0 or biggest < min_size:
        return None
    parts = [line.text.strip() for line in candidates if line.size >= biggest - 0.5]
    return normalise_space(" ".join(parts))[:200] or None


def _document_type(title: Optional[str], early: str, stem_text: str) -> Optional[str]:
    for source in (title or "", stem_text):
        for kind, pattern in _DOCUMENT_TYPES:
            if pattern.search(source):
                return kind
    accountability = len(_ACCOUNTABILITY.findall(early))
    budget = len(_BUDGET.findall(early))
    if accountability > budget:
        return "jaarstukken"
    counts = {kind: len(pattern.findall(early)) for kind, pattern in _DOCUMENT_TYPES}
    best = max(counts, key=lambda k: counts[k])
    if counts[best] >= 2:
        return best
    if budget:
        return "begroting"
    return None


def _period(title: Optional[str], early: str, document_type: Optional[str]) -> Optional[tuple[int, int]]:
    for source in (title or "", early[:600] if document_type in ("beleidsplan", "monitor", None) else ""):
        match = _PERIOD.search(source)
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if start < end <= start + 15:
                return (start, end)
    return None


def _year(title: Optional[str], stem_text: str, early: str, lines: list[Line],
          period: Optional[tuple[int, int]]) -> Optional[int]:
    if period:
        return None  # a multi-year plan has a period, not a single report year
    for source in (title or "", stem_text):
        years = _YEAR.findall(source)
        if years:
            return int(years[0])
    counts = Counter(int(y) for y in _YEAR.findall(early))
    if counts:
        year, count = counts.most_common(1)[0]
        if count >= 3:
            return year
    return None


def _municipality(title: Optional[str], early: str, laid_out: LaidOutDocument, stem_text: str) -> Optional[str]:
    head = f"{title or ''}\n{early[:1500]}"
    joint = _JOINT_BODY.search(head)
    if joint and joint.group(1) in ("GGD", "Veiligheidsregio", "Omgevingsdienst"):
        return f"{joint.group(1)} {joint.group(2)}"
    whole = "\n".join(line.text for line in laid_out.lines(skip_toc=False))
    for text in (early, whole):
        counts: Counter[str] = Counter()
        for match in _GEMEENTE.finditer(text):
            name = match.group(1)
            if name.lower() in _NOT_A_NAME:
                continue
            counts[name.title() if name.isupper() else name] += 1
        if counts:
            return counts.most_common(1)[0][0]
    if joint:
        return f"{joint.group(1)} {joint.group(2)}"
    match = re.search(r"\b(?:mun|gemeente)\s+([a-z]+)", stem_text, re.I)
    return match.group(1).title() if match else None
