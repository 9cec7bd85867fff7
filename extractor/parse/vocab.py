"""The metadata vocabularies under models/data/: document-type words, issuer patterns, gemeenten.

They are data, not code, so that a new kind of document or a municipal merger is an edit of a CSV file.
Each file starts with '#' lines that say where its content came from; they are skipped here.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.resources import data_dir

DATA_DIR = data_dir()


@dataclass(frozen=True)
class TypeTerm:
    """A word or phrase that names a kind of document ("begroting", "voorstel aan de raad")."""

    type: str  # "" = a neutral phrase that hides the words inside it
    term: str
    compound: bool  # may be the last part of a compound word
    weight: float


@dataclass(frozen=True)
class IssuerPattern:
    kind: str
    form: str  # "prefix" | "name" | "marker"
    cue: str
    display: str


def read_rows(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Rows of a CSV vocabulary, comment lines ('#') skipped."""
    text = (data_dir / name).read_text(encoding="utf-8")
    content = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(content)]


@lru_cache(maxsize=None)
def type_terms() -> tuple[TypeTerm, ...]:
    return tuple(
        TypeTerm(row["type"], row["term"].lower(), row["compound"] == "yes", float(row.get("weight") or 1.0))
        for row in read_rows("document_types.csv")
    )


@lru_cache(maxsize=None)
def issuer_patterns() -> tuple[IssuerPattern, ...]:
    return tuple(IssuerPattern(row["kind"], row["form"], row["cue"], row["display"]) for row in read_rows("issuer_patterns.csv"))


def name_key(text: str) -> str:
    """A spelling-insensitive key for place names: 'Berg en Dal', 'bergendal', "'s-Hertogenbosch" ~ 's-hertogenbosch'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"\((nh|l)\.?\)", "", plain.lower())
    return re.sub(r"[^a-z0-9]", "", plain)


@lru_cache(maxsize=None)
def gemeenten() -> dict[str, str]:
    """name_key of every name and alias -> the official gemeente name (CBS spelling, 'Bergen (NH.)' -> 'Bergen')."""
    names: dict[str, str] = {}
    for row in read_rows("gemeenten.csv"):
        official = re.sub(r"\s*\((NH|L)\.\)", "", row["name"])
        for spelling in [row["name"], *row["aliases"].split("|")]:
            if spelling:
                names.setdefault(name_key(spelling), official)
    return names


def gemeente_named(text: str) -> str | None:
    """The official name of the gemeente `text` spells, if it is one."""
    return gemeenten().get(name_key(text))
