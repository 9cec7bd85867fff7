"""Programme titles without a number ("Programmalijn Zorg en Welzijn") printed just above a text table.

A numbered title ("Programma 8: Wonen") is recognised by `table_grid.PROGRAMME_TITLE`. A title whose first word is a
programme word of `models/data/programme_titles.csv` followed by a short capitalised name is one too: web pages
of online begrotingen print one over each part's table of baten en lasten. A line with a year, a figure, a
sentence mark or a scale note is a caption or a heading of another kind, never such a title.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from extractor.resources import data_dir


@lru_cache(maxsize=1)
def _programme_words() -> frozenset[str]:
    with (data_dir() / "programme_titles.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return frozenset(r["term"].strip().lower() for r in rows if r["term"].strip())


_NAME = re.compile(r"^[A-Z][\w'’-]*(\s+[\w'’&-]+){0,6}$")  # a capitalised name of at most seven words


def named_programme_title(text: str) -> bool:
    """"Programmalijn Zorg en Welzijn", "Programma Wonen": a programme word and a capitalised name, no digits."""
    words = " ".join(text.split()).split(" ", 1)
    if len(words) != 2 or words[0].lower() not in _programme_words():
        return False
    name = words[1]
    return not re.search(r"\d|[.:;,()€%]", name) and bool(_NAME.match(name))
