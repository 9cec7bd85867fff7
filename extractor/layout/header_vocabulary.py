"""The table-header vocabulary (`models/data/table_headers.csv`) as the layout layer needs it.

The meaning of a header is decided in `extractor.parse.table_semantics`; the layout layer only has to
recognise header *lines* in plain text (a line made of header words and years) and tell kind words
("Realisatie", "Streefwaarde") from years when it pairs them into column headers. Both questions
are answered from the same CSV file, so there is one vocabulary for finding and for reading tables.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Optional

from extractor.resources import data_dir

_YEARISH = re.compile(r"^(?:\(?(?:19|20)\d{2}\)?|['‘’]\d{2})$")


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    with (data_dir() / "table_headers.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((r["category"], re.compile(r["pattern"], re.IGNORECASE), r["value"]) for r in rows)


def _first(category: str, text: str) -> Optional[str]:
    for cat, pattern, value in _entries():
        if cat == category and pattern.search(text):
            return value
    return None


# unit words printed after a figure in a value cell ("214,4 kg", "0km", "12 uur"); not after a letter ("Alkmaar")
UNIT_WORDS = re.compile(r"(?<![^\W\d_])(kg|ton|mln|miljoen|km|m2|m²|fte|uur|dagen|weken|maanden|jaar|punten|euro)(?![\w])(\s*\.(?!\d))?",
                        re.IGNORECASE)


def is_figure_note(text: str) -> bool:
    """A sentence printed in a value column instead of a figure: why there is none ("In 2030 is geen meting gedaan",
    "Nog niet bekend") or what is aimed at in words ("12 nieuwe plaatsen en behoud van 8 bestaande"). No value is
    read from it (words of category no_figure in the vocabulary, or a figure followed by words)."""
    t = " ".join(text.split())
    if len(re.findall(r"[^\W\d_]{2,}", t)) < 3 or len(t) > 120:
        return False
    return _first("no_figure", t) is not None or bool(re.match(r"^\d[\d.,]*\s+[^\W\d_]", t))


def is_year_word(word: str) -> bool:
    """'2014', '(2014)', "'11"."""
    return bool(_YEARISH.match(word))


def kind_word(text: str) -> Optional[str]:
    """The indicator value type a header word names ("Realisatie" -> realisatie), None for role words and others."""
    if _first("role", text) or is_label_header(text):
        return None
    kind = _first("indicator_type", text)
    return kind or ("referentie" if _first("scope", text) else None)


def is_header_word(word: str) -> bool:
    """A word that may stand in a header line of an indicator table (the `header_word` rows of the CSV)."""
    return _first("header_word", word.lower()) is not None


def is_label_header(text: str) -> bool:
    """A header naming the label column ("Indicator", "Effectindicator", "Omschrijving")."""
    return _first("label_header", text) is not None


def budget_kind_of(text: str) -> Optional[str]:
    """The budget kind a header cell names ("Afwijking" -> verschil, "Begroot 2039" -> begroting), or None."""
    return _first("budget_kind", " ".join(text.split()))


def side_of(text: str) -> Optional[str]:
    """The side a header cell names ("Lasten" -> lasten, "Saldo" -> saldo), or None."""
    return _first("side", " ".join(text.split()))


def is_area_header(text: str) -> bool:
    """A header naming a comparison area ("Nederland", "Regio", "Landelijk gemiddelde") or a size class of gemeenten
    ("< 25.000 inw."): short, no figures other than the class's bounds."""
    t = text.strip()
    scope = _first("scope", t) if 0 < len(t) <= 40 else None
    return scope == "size_class" or scope is not None and len(t) <= 30 and not re.search(r"\d", t)


def column_role(text: str) -> Optional[str]:
    """The role of a non-value column a header names ("Eenheid" -> unit, "Jaar" -> year, "Trend" -> ignore), from
    the shared vocabulary; footnote marks after the word ("Trend*") do not count."""
    return _first("role", re.sub(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*$", "", " ".join(text.split())))


_PICTURE = re.compile(r"^(trend(lijn|grafiek)?|ontwikkeling|richting|status)\W*$", re.IGNORECASE)


def is_picture_header(text: str) -> bool:
    """A column of arrows or icons ("Trend*", "Status"; role ignore in the vocabulary): a text copy may print no
    cell for it in any row."""
    t = " ".join(text.split())
    return bool(_PICTURE.match(t)) and column_role(t) == "ignore"


def is_mutation_header(text: str) -> bool:
    """A mutation column of a statement of reserves ("Toevoeging", "Onttrekkingen", "Vrijgevallen bedragen")."""
    return _first("mutation", " ".join(text.split())) is not None


def is_balance_header(text: str) -> bool:
    """A balance on a date ("Stand 1-1-2038", "Balanswaarde 31-12-2038"): no side, the reserve's size that day."""
    return _first("balance", " ".join(text.split())) is not None


# a sign legend ("- is een nadeel", "+ = voordeel", '"-"= nadeel', "negatief = nadeel"): how the table's signs read
SIGN_LEGEND = re.compile(r"(?<![\w/])[\"'“”‘’]?(?:[-+−–]|-/-|\+/\+|negatie\w*|positie\w*)[\"'“”‘’]?\s*(?:=|:|is)\s*"
                         r"(?:een\s+)?(?:voordeel|nadeel)\b", re.IGNORECASE)


def is_sign_legend(text: str) -> bool:
    """A cell that only states how the table's signs read ('"-"= nadeel / "+"= voordeel'): a note, no header or
    label; what is left beside its legends is punctuation."""
    rest = SIGN_LEGEND.sub(" ", text)
    return rest != text and not re.search(r"\w", rest)
