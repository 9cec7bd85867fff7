"""Partner organisations: gazetteer matches, organisation-looking names and partner lists.

A partner list is the text under a heading such as "Partners in de aanpak" or "EXTERNE PARTNERS": bullet
items, or an enumeration after a colon ("De meest relevante partners zijn: A, B en C."). Each item is a
gazetteer partner when it contains one, else an unknown organisation (known=false) unless it is a generic
word for people or groups ("inwoners", "ketenpartners"). Lists under "INTERNE PARTNERS" are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from extractor.enrich.analysis import Analysis, valid_entities
from extractor.model import Partner
from extractor.read.types import Line

_NUMBERING = re.compile(r"^\s*(\d+(\.\d+)*\.?|[A-Z]\.)\s+")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●◦►]|o(?=\s)|\d{1,2}[.)](?=\s))\s*")
_PARENS = re.compile(r"\s*\([^)]*\)?")
_LEADING = ("de ", "het ", "een ", "mogelijke ", "diverse ", "o.a. ", "onder andere ", "alle ", "onze ", "andere ")
_TRAILING = re.compile(r"(\s+(etc|e\.d|enz|e\.a)\.?|[\s.,;:]+)$", re.IGNORECASE)
MAX_SECTION_LINES = 60
MAX_ITEM_WORDS = 8


@dataclass
class ListItem:
    text: str
    lines: list[int]
    last_of_enumeration: bool = False


@dataclass
class _Acc:
    canonical: str
    kind: str
    known: bool
    names: Counter = field(default_factory=Counter)
    order: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    pages: set[int] = field(default_factory=set)
    first: int = 0


class PartnerCollector:
    def __init__(self, meta: dict[str, Any], lines: list[Line]) -> None:
        self.catalogue: dict[str, Any] = meta.get("partners", {})
        self.generic: set[str] = set(meta.get("generic", ()))
        self.list_aliases: dict[str, str] = meta.get("list_aliases", {})
        self.sections: dict[str, str] = meta.get("sections", {})
        self.lines = lines
        self.partners: dict[str, _Acc] = {}

    # ---- accumulation

    def _add(self, canonical: str, kind: str, known: bool, name: str, line: Optional[int]) -> None:
        key = canonical.lower()
        acc = self.partners.get(key)
        position = line if line is not None else len(self.lines)
        if acc is None:
            acc = self.partners[key] = _Acc(canonical=canonical, kind=kind, known=known, first=position)
        elif known and not acc.known:
            acc.canonical, acc.kind, acc.known = canonical, kind, True
        name = " ".join(name.split())
        acc.names[name] += 1
        acc.order.setdefault(name, position)
        acc.mentions += 1
        if line is not None and 0 <= line < len(self.lines):
            page = self.lines[line].page_number
            if page is not None:
                acc.pages.add(page)

    def add_known(self, partner_id: str, name: str, line: Optional[int]) -> None:
        info = self.catalogue.get(partner_id)
        if info is not None:
            self._add(info["canonical"], info["kind"], True, name, line)

    def add_unknown(self, text: str, line: Optional[int]) -> None:
        name = self.clean(text)
        if name is not None:
            self._add(name, "overig", False, name, line)

    # ---- filters

    def is_generic(self, text: str) -> bool:
        lowered = text.lower()
        if lowered in self.generic:
            return True
        words = lowered.split()
        if words and words[-1] in self.generic:
            return True
        return any(lowered.startswith(g + " ") for g in self.generic)

    def clean(self, text: str) -> Optional[str]:
        """The organisation name in a list item or candidate, or None when it names no organisation."""
        text = _PARENS.sub("", text.replace("\u00a0", " "))
        text = " ".join(text.split())
        changed = True
        while changed:
            changed = False
            for prefix in _LEADING:
                if text.lower().startswith(prefix):
                    text, changed = text[len(prefix):], True
            stripped = _TRAILING.sub("", text)
            if stripped != text:
                text, changed = stripped, True
        words = text.split()
        if not words or len(words) > MAX_ITEM_WORDS or len(text) < 2:
            return None
        if not (text[0].isupper() or any(len(w) >= 2 and w.isupper() for w in words)):
            return None
        if not any(ch.isalpha() for ch in text) or self.is_generic(text):
            return None
        return text

    # ---- result

    def result(self) -> list[Partner]:
        partners = []
        for acc in self.partners.values():
            name = min(acc.names, key=lambda n: (-acc.names[n], acc.order[n], n))
            partners.append(
                Partner(name=name, canonical=acc.canonical, kind=acc.kind, known=acc.known, mentions=acc.mentions, pages=sorted(acc.pages))
            )
        partners.sort(key=lambda p: (-p.mentions, p.canonical.lower()))
        return partners

    # ---- partner lists

    def heading_role(self, text: str) -> Optional[str]:
        key = _NUMBERING.sub("", text).strip().rstrip(":").strip().lower()
        return self.sections.get(key)

    def list_items(self) -> list[tuple[str, ListItem]]:
        """(role, item) for every item of every partner list in the document."""
        result: list[tuple[str, ListItem]] = []
        lines = self.lines
        index = 0
        while index < len(lines):
            role = self.heading_role(lines[index].text) if len(lines[index].text) < 80 else None
            if role is None:
                index += 1
                continue
            items, index = self._section(index + 1)
            result.extend((role, item) for item in items)
        return result

    def _section(self, start: int) -> tuple[list[ListItem], int]:
        lines = self.lines
        items: list[ListItem] = []
        blocks: list[list[int]] = [[]]
        last_bullet = False
        index = start
        end = min(len(lines), start + MAX_SECTION_LINES)
        while index < end:
            text = lines[index].text.strip()
            if text and len(text) < 80 and self.heading_role(text) is not None:
                break
            if not text:
                if blocks[-1]:
                    blocks.append([])
                last_bullet = False
                index += 1
                continue
            bullet = _BULLET.match(text)
            if bullet and len(text) > bullet.end():
                items.append(ListItem(text[bullet.end():], [index]))
                last_bullet = True
            elif last_bullet and text[0].islower():
                items[-1].text += " " + text
                items[-1].lines.append(index)
            elif _looks_like_heading(text) and (items or any(blocks)):
                break
            else:
                blocks[-1].append(index)
                last_bullet = False
            index += 1
        for block in blocks:
            items.extend(_enumeration(block, lines))
        return items, index


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return len(words) <= 6 and not text.endswith((".", ",", ";", ":")) and (text[0].isupper() or text[0].isdigit())


def _enumeration(block: list[int], lines: list[Line]) -> list[ListItem]:
    """Items of "…partners zijn: A, B (C), D en E." in a block of lines."""
    if not block:
        return []
    text = " ".join(lines[i].text.strip() for i in block)
    if ":" in text:
        text = text.rsplit(":", 1)[1]
    elif text.count(",") < 2:
        return []
    parts = _split_outside_parens(text)
    if len(parts) < 2 and ":" not in " ".join(lines[i].text for i in block):
        return []
    items = []
    for position, part in enumerate(parts):
        part = part.strip()
        if part:
            items.append(ListItem(part, list(block), last_of_enumeration=position == len(parts) - 1 and len(parts) >= 2))
    return items


def _split_outside_parens(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def collect_partners(nlp, analysis: Analysis, meta: dict[str, Any]) -> list[Partner]:
    collector = PartnerCollector(meta, analysis.lines)
    for mention in analysis.orgs:
        collector.add_known(mention.partner_id or "", mention.text, mention.line)
    for mention in analysis.candidates:
        collector.add_unknown(mention.text, mention.line)
    _add_list_items(nlp, collector)
    return collector.result()


def _add_list_items(nlp, collector: PartnerCollector) -> None:
    """Partner-list items without a gazetteer match: list-only aliases ("Scholen") and unknown organisations.

    Gazetteer matches inside the lists were already counted by the document pass."""
    items = [(role, item) for role, item in collector.list_items() if role == "external"]
    if not items:
        return
    pieces: list[tuple[str, ListItem]] = []
    docs = list(nlp.pipe([item.text for _, item in items], disable=["policy_theme_tagger"]))
    for (_role, item), doc in zip(items, docs):
        valid = _valid_entities(doc, collector.catalogue)
        if valid:
            continue
        if item.last_of_enumeration and " en " in item.text:
            for piece in item.text.split(" en "):
                pieces.append((piece, item))
        else:
            pieces.append((item.text, item))
    piece_docs = list(nlp.pipe([p for p, _ in pieces], disable=["policy_theme_tagger"]))
    for (piece, item), doc in zip(pieces, piece_docs):
        if _valid_entities(doc, collector.catalogue):
            continue  # a split piece that is a known partner was counted by the document pass
        line = item.lines[0] if item.lines else None
        cleaned = collector.clean(piece)
        alias_key = _PARENS.sub("", piece).strip().strip(".").lower()
        for prefix in _LEADING:
            if alias_key.startswith(prefix):
                alias_key = alias_key[len(prefix):]
        if alias_key in collector.list_aliases:
            collector.add_known(collector.list_aliases[alias_key], _PARENS.sub("", piece).strip().strip("."), line)
        elif cleaned is not None:
            collector.add_unknown(cleaned, line)


def _valid_entities(doc, catalogue: dict[str, Any]) -> list:
    return valid_entities(doc, catalogue)[0]
