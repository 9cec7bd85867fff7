"""The programme of a text page whose table is captioned as "the programme's" overview without naming it
("Financieel overzicht programma" over the table, the programme's name only in the page's title).

A web page of an online begroting copies one programme: its title line ("Wonen en werken", right after the line
naming the document, "Begroting 2040") opens the page, and the table of that programme's figures is captioned with
the bare word "programma". The caption says the amounts are a programme's, the title which one. Without such a
caption (any other table on the page, "… per programma" over an overview of all programmes) the page title names
nothing; a page that does not open with the document's name and year has no known title.
"""

from __future__ import annotations

import re
from typing import Optional

# a short caption ending in the bare word "programma" ("Financieel overzicht programma", "Wat kost het programma?"),
# not "per programma" (an overview of every programme) nor "programma 3" / "programma Wonen" (it names one itself)
_OWN_PROGRAMME_CAPTION = re.compile(r"^(?!.*\bper\s+programma\b)[^\d|]{0,50}\bprogramma\s*\??$", re.IGNORECASE)
_NAME_LINE = re.compile(r"^[A-ZÀ-Ý][^\d.:;?!|()]{2,60}$")
_DOCUMENT_LINE = re.compile(r"^[A-Za-z][\w ]{2,40}\s(19|20)\d\d$")  # "Begroting 2040", "Jaarstukken 2039"
_SCALE = re.compile(r"\b(bedragen|x\s*€?\s*1\.000|duizenden)\b", re.IGNORECASE)


def programme_page_title(lines: list, first: int) -> Optional[tuple[int, str]]:
    """(line, text) of the page title naming the programme of the table starting at line `first`, when a caption
    just above that table calls it the programme's (within the three lines above it, a scale line passed over)
    and the page opens with the document's name and year ("Begroting 2040") followed by a name line (at most six
    words, no digits, no generic title such as "Overzicht")."""
    from extractor.parse.section_context import generic_title  # noqa: PLC0415

    above = [(ln.line_no, " ".join(ln.text.split())) for ln in lines
             if ln.line_no is not None and ln.line_no < first and ln.text.strip()]
    near = [text for _, text in above[-3:] if not _SCALE.search(text)]
    if not any(_OWN_PROGRAMME_CAPTION.match(text) for text in near):
        return None
    if len(above) < 2 or not (_DOCUMENT_LINE.match(above[0][1]) and generic_title(above[0][1])):
        return None  # the page does not open with the document's name and year: its first lines may be anything
    line, text = above[1]
    if _NAME_LINE.match(text) and len(text.split()) <= 6 and not generic_title(text):
        return line, text
    return None
