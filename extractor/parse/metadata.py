"""Document metadata: who published it, what kind of document it is, for which year.

The content decides first, read where a document states these things (title, cover, colofon, running
headers; see doctype.py and issuer.py); the file name only fills what the content leaves open, and every
field taken from it is listed in `Metadata.from_filename`. A field stays null when nothing supports it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Optional

from extractor.layout import LaidOutDocument
from extractor.model import Metadata
from extractor.parse.doctype import STRONG, WEAK, best_type, filename_type, term_hits, type_scores, year_with_type
from extractor.parse.issuer import Issuer, compact_candidates, find_issuer
from extractor.parse.textutil import normalise_space

from extractor.read.types import Line

# Phrases of the BBV's three W-questions tell a begroting from its accountability counterpart.
_ACCOUNTABILITY = re.compile(r"wat hebben we (bereikt|gedaan)|wat heeft het gekost|wilden we bereiken", re.I)
_BUDGET = re.compile(r"wat willen we bereiken|wat mag het kosten|wat gaat het kosten", re.I)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_ACCOUNTS_COLUMN = re.compile(r"\b(?:rekening|realisatie|werkelijk)\s+(20\d\d)\b", re.I)
_BUDGET_COLUMN = re.compile(r"\bbegroting\b(?:\s+[a-z]+){0,3}?\s+(20\d\d)\b", re.I)
_PERIOD = re.compile(r"(?<!\d)(19[89]\d|20\d\d)\s*[-–/]\s*(19[89]\d|20\d\d)(?!\d)")
_MONTH = r"(?:jan\w*|feb\w*|maart|mrt|apr\w*|mei|jun\w*|jul\w*|aug\w*|sep\w*|okt\w*|nov\w*|dec\w*)"
_DATE = re.compile(rf"(?:\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]|\b(?:\d{{1,2}}\s+)?{_MONTH}\s+)(19[89]\d|20\d\d)\b", re.I)
_DATE_LABEL = re.compile(r"^\s*(datum|date|d\.d\.)\b", re.I)
_TITLE_NOISE = re.compile(r"^(colofon|inhoudsopgave|inhoud|infographic|pagina\s+\d+.*|\d+)$", re.I)
_COLOFON = re.compile(r"^\s*(colofon|uitgave|uitgegeven door|samenstelling|opdrachtgever|in opdracht van|inlichtingen|auteurs?)\b", re.I)
# Plans cover several years; a report or budget has one year even when it looks ahead.
_PLAN_TYPES = {None, "beleidsplan", "monitor", "uitvoeringsprogramma", "programma", "coalitieakkoord",
               "verkiezingsprogramma", "omgevingsvisie"}
_SHORT_LINE_WORDS = 12


def parse_metadata(laid_out: LaidOutDocument) -> Metadata:
    title = _title(laid_out)
    zones = _zones(laid_out, title)
    body = [line.text for line in laid_out.lines(skip_toc=True)]
    from_file = metadata_from_filename(laid_out.raw.path)
    taken: list[str] = []

    document_type = _content_type(zones, "\n".join(zones["early"] + zones["cover"]))
    if document_type is None and from_file.document_type:
        document_type = from_file.document_type
        taken.append("document_type")
    document_type = document_type or best_type(type_scores(zones), minimum=WEAK)

    period = _period(title, zones, document_type)
    year = None if period else _content_year(title, zones)
    if period is None and year is None:
        period, year = from_file.period, from_file.year
        taken += ["period"] if period else ["year"] if year else []

    issuer = find_issuer(zones, body, document_type)
    if issuer is None and from_file.municipality:
        issuer = Issuer(from_file.municipality, from_file.issuer_kind or "gemeente")
        taken += ["municipality", "issuer_kind"]
    if issuer and document_type == "verkiezingsprogramma" and issuer.kind == "gemeente":
        issuer = Issuer(issuer.name, "partij")
    return Metadata(
        municipality=issuer.name if issuer else None,
        issuer_kind=issuer.kind if issuer else None,  # type: ignore[arg-type]
        document_type=document_type,
        year=year,
        period=period,
        title=title,
        from_filename=taken,
    )


def metadata_from_filename(path: str) -> Metadata:
    """What the file name alone says (all fields marked as such): for documents whose content is unreadable."""
    stem = Path(path).stem
    tokens = [t for t in re.split(r"[_\s.]+|(?<=\d)-|-(?=\d)", stem) if t]
    stem_text = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    document_type = filename_type(stem_text)
    years = [int(y) for y in _YEAR.findall(stem)]
    period = (years[0], years[1]) if len(years) >= 2 and years[0] < years[1] <= years[0] + 15 else None
    year = years[0] if years and not period else None
    issuer = _filename_issuer(tokens)
    if issuer and document_type == "verkiezingsprogramma" and issuer.kind == "gemeente":
        issuer = Issuer(issuer.name, "partij")
    fields = [name for name, value in (("municipality", issuer), ("issuer_kind", issuer), ("document_type", document_type),
                                        ("year", year), ("period", period)) if value]
    return Metadata(municipality=issuer.name if issuer else None, issuer_kind=issuer.kind if issuer else None,  # type: ignore[arg-type]
                    document_type=document_type, year=year, period=period, from_filename=fields)


def _filename_issuer(tokens: list[str]) -> Optional[Issuer]:
    """A gemeente (or 'ggd flevoland') spelled by one to four tokens; short words only first or after 'gemeente'."""
    lowered = [t.lower() for t in tokens]
    for start in range(len(lowered)):
        for end in range(min(len(lowered), start + 4), start, -1):
            compact = "".join(lowered[start:end])
            found = [i for i in compact_candidates(compact) if i.kind != "provincie"]  # 'woonzorg_flevoland' is no province
            if not found:
                continue
            trusted = start == 0 or lowered[start - 1] in ("gemeente", "gem", "mun") or len(compact) >= 6
            if trusted:
                return found[0]
    return None


def _zones(laid_out: LaidOutDocument, title: Optional[str]) -> dict[str, list[str]]:
    """The places a document states what it is: title, cover, colofon, running headers, first pages."""
    if laid_out.format == "pdf":
        pages = [[line.text for line in page.lines] for page in laid_out.pages]
        first = next((i for i, texts in enumerate(pages[:3]) if len(texts) >= 1), 0)
        cover_lines = pages[first] if pages else []
        colofon = [t for i, texts in enumerate(pages) if i < 3 or i >= len(pages) - 2
                   if any(_COLOFON.match(x) for x in texts) for t in texts]
        headers = list(dict.fromkeys(line.text for line in laid_out.furniture))
        # The top band of the next pages (a header printed once is still a header), and imprint lines such as
        # "Woonzorg Flevoland Beleidsplan 2026 - december 2025" anywhere on them.
        tops = [line.text for page in laid_out.pages[first + 1:first + 4] for line in page.lines
                if len(line.text.split()) <= _SHORT_LINE_WORDS
                and ((page.height and line.top < 0.1 * page.height) or _imprint(line.text))]
        early = [t for texts in pages[first + 1:first + 5] for t in texts]
    else:
        # Text (web pages, exported documents) has no cover: its first lines stand in for one.
        texts = [line.text for line in laid_out.lines(skip_toc=False) if line.text.strip()]
        cover_lines = [t for t in texts[:3] if not _table_row(t)]  # a table row is no title
        early = [t for t in texts[:3] if _table_row(t)] + texts[3:150]
        colofon = _colofon_lines(texts[:60] + texts[-60:])
        headers, tops = [], []
    short = [t for t in cover_lines if len(t.split()) <= _SHORT_LINE_WORDS]
    longer = [t for t in cover_lines if len(t.split()) > _SHORT_LINE_WORDS]
    return {"title": [title] if title else [], "cover": short, "headers": headers, "tops": tops,
            "colofon": colofon, "early": longer + early, "first": cover_lines}


def _accounts_of_budget_year(text: str) -> bool:
    """A header line setting the rekening (realisatie) of a year beside its begroting: "Begroting actueel 2022
    … Rekening 2022" heads the accounts of 2022, a jaarstukken table; a begroting shows the rekening of an
    earlier year. Only the first page is asked (a one-page excerpt, a cover), where no title said more."""
    accounts = {m.group(1) for m in _ACCOUNTS_COLUMN.finditer(text)}
    return bool(accounts) and bool(accounts & {m.group(1) for m in _BUDGET_COLUMN.finditer(text)})


def _table_row(text: str) -> bool:
    """A row of table cells: pipe-separated, or a cell of its own that is only a year or a figure (a table copied
    one cell per line prints its "2021" column headers and periode cells as lines)."""
    return text.count("|") >= 2 or bool(re.fullmatch(r"\s*[\d.,%€\s-]*\s*", text))


def _imprint(text: str) -> bool:
    return len(text.split()) <= 10 and bool(_YEAR.search(text)) and any(h.term.type for h in term_hits(text))


def _colofon_lines(texts: list[str]) -> list[str]:
    found: list[str] = []
    for index, text in enumerate(texts):
        if _COLOFON.match(text):
            found.extend(texts[index:index + 6])
    return found


def _content_type(zones: dict[str, list[str]], early_text: str) -> Optional[str]:
    titled = best_type(type_scores({"title": zones["title"]}), minimum=STRONG)
    if titled:
        return titled  # the title names the document: "Jaarverslag 2017" above a table of begroting columns
    if any(_accounts_of_budget_year(line) for line in zones["first"]):
        return "jaarstukken"
    strong = best_type(type_scores(zones), minimum=STRONG)
    if strong:
        return strong
    accountability = len(_ACCOUNTABILITY.findall(early_text))
    budget = len(_BUDGET.findall(early_text))
    if accountability > budget:
        return "jaarstukken"
    return "begroting" if budget else None


def _period(title: Optional[str], zones: dict[str, list[str]], document_type: Optional[str]) -> Optional[tuple[int, int]]:
    if document_type not in _PLAN_TYPES:
        return None
    for text in [title or "", *zones["cover"], *zones["headers"]]:
        match = _PERIOD.search(text)
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if start < end <= start + 15:
                return (start, end)
    return None


def _content_year(title: Optional[str], zones: dict[str, list[str]]) -> Optional[int]:
    """Year printed with the kind of document, else in the title, else a date on the cover, else a dominant year."""
    title_text = title or ""
    dated = _DATE.search(title_text)
    year = year_with_type([title_text]) or (int(dated.group(1)) if dated else None)
    year = year or year_with_type([*zones["cover"], *zones["headers"]])
    if year:
        return year
    title_year = _YEAR.search(title_text)
    if title_year:
        return int(title_year.group(1))
    dated_lines = zones["cover"] + [t for t in zones["early"][:40] if _DATE_LABEL.match(t)]  # "Datum: 3 maart 2024"
    for text in dated_lines:
        match = _DATE.search(text)
        if match:
            return int(match.group(1))
    prose = [t for t in zones["cover"] + zones["early"] + zones["colofon"] if not _table_row(t)]  # not table columns
    counts = Counter(int(y) for text in prose for y in _YEAR.findall(text))
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _title(laid_out: LaidOutDocument) -> Optional[str]:
    if laid_out.format == "pdf":
        for index, page in enumerate(laid_out.pages[:3]):
            title = _largest_text(page.lines, min_size=0.0 if index == 0 else 14.0)
            if title:
                return title
        return None
    lines = [line.text.strip() for line in laid_out.lines(skip_toc=False)[:12]]
    lines = [text for text in lines if text and not _table_row(text)]
    if not lines:
        return None
    title = lines[0]
    if len(lines) > 1 and len(title.split()) <= 3 and (lines[1].isupper() or _YEAR.search(lines[1])) and len(lines[1]) < 90:
        title = f"{title} {lines[1]}"
    return normalise_space(title)[:200]


_AMOUNT = re.compile(r"(?<![\w.,])[-−–(]?\d{1,3}(?:[.,]\d{3})+(?:,\d+)?\)?(?![\w.,])|(?<![\w.,])\d+,\d+(?![\w.,])")


def _largest_text(lines: list[Line], min_size: float = 0.0) -> Optional[str]:
    # an OCR'd line can run through a title and the table beside it: its parts are judged apart
    pieces = [part for line in lines for part in (line.segments() if any(w.confidence is not None for w in line.words) else [line])]
    candidates = [line for line in pieces if len(re.findall(r"[A-Za-zà-ÿ]", line.text)) >= 4 and not _TITLE_NOISE.match(line.text.strip())
                  and len(_AMOUNT.findall(line.text)) < 2]  # a table row of amounts is no title
    if not candidates:
        return None
    biggest = max(line.size for line in candidates)
    if biggest <= 0 or biggest < min_size:
        return None
    parts = [line.text.strip() for line in candidates if line.size >= biggest - 0.5]
    return normalise_space(" ".join(parts))[:200] or None



