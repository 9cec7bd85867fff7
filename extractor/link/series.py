"""Follow indicators over documents: one row per (publisher, canonical indicator, scope, year, type).

Indicators linked (directly or through a chain of links) within one publisher form one canonical
indicator; its key is the BBV catalogue id when there is one, else the id of its earliest item. When two
documents print different values for the same cell, the row has `conflict: true`, `value: null` and
keeps each value with its document and page.
"""

from __future__ import annotations

import math
from typing import Iterable

from extractor.link.documents import LoadedDocument, ordered
from extractor.link.records import LinkRow, SeriesRow, SeriesValue


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, key: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def build_series(docs: list[LoadedDocument], links: Iterable[LinkRow]) -> list[SeriesRow]:
    docs = ordered(docs)
    groups = _UnionFind()
    for doc in docs:  # earliest first, so a chain's root is its earliest item
        for indicator in doc.document.indicators:
            groups.find((doc.key, indicator.id))
    publisher_of = {doc.key: doc.publisher for doc in docs}
    for link in links:
        if (link.kind == "indicator" and link.from_id and link.to_id and link.from_doc and link.to_doc
                and publisher_of.get(link.from_doc) == publisher_of.get(link.to_doc)):
            groups.union((link.from_doc, link.from_id), (link.to_doc, link.to_id))
    cells: dict[tuple, dict] = {}
    for doc in docs:
        for indicator in doc.document.indicators:
            root = groups.find((doc.key, indicator.id))
            canonical = indicator.catalogue_id or f"{root[0]}#{root[1]}"
            for value in indicator.values:
                key = (doc.publisher, canonical, value.scope, value.year, value.type)
                cell = cells.setdefault(key, {"name": indicator.name, "catalogue_id": indicator.catalogue_id,
                                              "unit": indicator.unit, "values": []})
                cell["name"], cell["unit"] = indicator.name, indicator.unit or cell["unit"]  # latest wording
                cell["values"].append(SeriesValue(doc=doc.key, value=value.value, page=value.page or indicator.page,
                                                  raw=value.raw))
    return [_series_row(key, cell) for key, cell in sorted(cells.items(), key=lambda kv: _sort_key(kv[0]))]


def _sort_key(key: tuple) -> tuple:
    publisher, canonical, scope, year, kind = key
    return (publisher, canonical, scope or "", year or 0, kind)


def _series_row(key: tuple, cell: dict) -> SeriesRow:
    publisher, canonical, scope, year, kind = key
    values: list[SeriesValue] = cell["values"]
    first = values[0].value
    conflict = any(not math.isclose(v.value, first, rel_tol=1e-9, abs_tol=1e-12) for v in values[1:])
    return SeriesRow(publisher=publisher, indicator=canonical, name=cell["name"], catalogue_id=cell["catalogue_id"],
                     unit=cell["unit"], scope=scope, year=year, type=kind, value=None if conflict else first,
                     values=values, documents=sorted({v.doc for v in values}),
                     pages=sorted({v.page for v in values if v.page is not None}), conflict=conflict)
