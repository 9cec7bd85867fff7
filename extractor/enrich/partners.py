"""Partner organisations: gazetteer matches, organisation-looking names and partner lists.

A partner list is the text under a heading such as "Partners in de aanpak" or "EXTERNE PARTNERS": bullet
items, or an enumeration after a colon ("De meest relevante partners zijn: A, B en C."). Each item is a
gazetteer partner when it contains one, else an unknown organisation (known=false) unless it is a generic
word for people or groups ("inwoners", "ketenpartners") or hedged ("mogelijke VVE's"). Lists under
"INTERNE PARTNERS" are skipped.

Mentions are resolved into partners at the end, because some rules need the whole document:
- a sub-unit counts as the organisation it belongs to (partner_parts.csv: politieteam -> politie-eenheid);
- a generic word ("de politie", "de veiligheidsregio", "de woningcorporatie") is a mention of the one member
  of its family the document names, and stays a partner of its own only when none (or several) are named;
- a singular generic word tied to a place or a name is one organisation ("Leiderdorpse ondernemersvereniging");
- a sector word written in lower case ("welzijnswerk", "slachtofferhulp") is a partner only when the document
  also writes it as a name or lists it among its partners;
- municipalities named as cooperating ("de gemeenten A, B en C ... gezamenlijk") are partners of kind
  gemeente, except the document's own municipality.
The reported name is the most specific printed one: the organisation's own names before those of its
sub-units and of the generic words folded into it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from extractor.enrich.analysis import Analysis, valid_entities
from extractor.enrich.data import OwnUnitWords, load_own_unit_words, load_partner_cues
from extractor.model import Partner
from extractor.parse.vocab import gemeente_named
from extractor.read.types import Line

_NUMBERING = re.compile(r"^\s*(\d+(\.\d+)*\.?|[A-Z]\.)\s+")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●◦►]|o(?=\s)|\d{1,2}[.)](?=\s))\s*")
_PARENS = re.compile(r"\s*\([^)]*\)?")
_LEADING = ("de ", "het ", "een ", "diverse ", "o.a. ", "onder andere ", "alle ", "onze ", "andere ")
_HEDGES = ("mogelijke ", "eventuele ", "mogelijk ", "eventueel ")  # "mogelijke VVE's": not (yet) a partner
_GEMEENTE = re.compile(r"^[Gg]emeente\s+([A-Z'][\w'-]*(?:\s+(?:(?:aan|den|de|der|van|op|in)\s+)*[A-Z][\w-]*)*)$")
_TRAILING = re.compile(r"(\s+(etc|e\.d|enz|e\.a)\.?|[\s.,;:]+)$", re.IGNORECASE)
MAX_SECTION_LINES = 60
_NAME_WORDS = frozenset({"van", "de", "der", "den", "en", "het", "voor", "&", "in", "op", "aan"})
MAX_ITEM_WORDS = 8


@dataclass
class ListItem:
    text: str
    lines: list[int]
    last_of_enumeration: bool = False


@dataclass
class _Raw:
    """One mention before resolution: a gazetteer id, a generic word tied to a place, an unknown
    organisation or a cooperating municipality."""

    kind: str  # "known", "specific", "unknown", "gemeente"
    name: str
    line: Optional[int]
    partner_id: str = ""
    named: bool = True
    in_list: bool = False
    place: str = ""
    base: str = ""
    cued: bool = False
    org_kind: str = "overig"
    role: str = ""
    alias: str = ""


@dataclass
class _Acc:
    canonical: str
    kind: str
    known: bool
    names: Counter = field(default_factory=Counter)
    spellings: dict[str, Counter] = field(default_factory=dict)
    rank: dict[str, tuple[int, int]] = field(default_factory=dict)
    mentions: int = 0
    pages: set[int] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)


# Name priority: the organisation's own names, then names of its sub-units, then generic words folded into it.
_OWN, _PART, _FOLDED = 0, 1, 2


class PartnerCollector:
    def __init__(self, meta: dict[str, Any], lines: list[Line], municipality: Optional[str] = None) -> None:
        self.catalogue: dict[str, Any] = meta.get("partners", {})
        self.generic: set[str] = set(meta.get("generic", ()))
        self.list_aliases: dict[str, str] = meta.get("list_aliases", {})
        self.sections: dict[str, str] = meta.get("sections", {})
        self.lines = lines
        self.own = _municipality_key(municipality)
        # the document's gemeente as a bare place name ("Almere"): never evidence of the publisher speaking
        self.place = self.own if municipality and gemeente_named(municipality) else ""
        self.raw: list[_Raw] = []
        self.list_lines: set[int] = set()
        self.publisher: set[str] = set()  # normalised names of the publisher (kind "self", never a partner)
        self.units: set[str] = set()  # names printed as a unit of the publisher ("De GHOR is een onderdeel van …")
        self.by_canonical = {info["canonical"].lower(): pid for pid, info in self.catalogue.items()}
        self.own_confirmed = False
        self.publisher_family = ""  # a generic word of the publisher's own kind ("de GGD") is the publisher
        self.publisher_target: Optional[tuple[str, str, str]] = None
        self.acronym_lines: dict[str, list[int]] = {}

    # ---- collection

    def add_known(self, partner_id: str, name: str, line: Optional[int], named: bool = True, in_list: bool = False) -> None:
        if partner_id in self.catalogue:
            self.raw.append(_Raw("known", name, line, partner_id, named, in_list or line in self.list_lines))

    def add_specific(self, partner_id: str, name: str, line: Optional[int], place: str, base: str) -> None:
        if partner_id in self.catalogue:
            self.raw.append(_Raw("specific", name, line, partner_id, True, line in self.list_lines, place, base))

    def add_unknown(self, text: str, line: Optional[int]) -> None:
        name = self.clean(text)
        if name is not None:
            self.raw.append(_Raw("unknown", name, line))

    def add_gemeente(self, name: str, line: Optional[int], force: bool = False, role: str = "") -> None:
        """A cooperating municipality; the publisher's own one only when the text names it as a party (`force`)."""
        name = " ".join(name.split())
        if force and self.own_confirmed:
            force = False  # the colophon says the gemeente publishes the document itself
        if force and name and _municipality_key(name) == self.own:
            # "in opdracht van gemeente Lelystad", "tussen Gemeente Lelystad, GGD …": not written by that gemeente
            self.publisher -= {_norm(name), _norm("gemeente " + name)}
        if name and (force or _municipality_key(name) != self.own):
            self.raw.append(_Raw("gemeente", name, line, role=role))

    def add_name(self, kind: str, name: str, line: Optional[int], org_kind: str = "overig", alias: str = "",
                 role: str = "", cued: bool = False) -> None:
        """A candidate of the partner_candidates component (see candidates.py)."""
        name = " ".join(name.split()).rstrip(",;:")
        if name.lower().startswith("gemeente "):
            if kind != "municipality" or cued:
                self.add_gemeente(name[len("gemeente "):], line, force=kind == "party", role=role)
            return
        if kind == "municipality":
            return
        pid = self.by_canonical.get(name.lower())
        if pid is not None:
            self.add_known(pid, name, line)
            return
        cleaned = self.clean(name, max_words=16)
        if cleaned is not None:
            self.raw.append(_Raw("unknown", cleaned, line, org_kind=org_kind, role=role, alias=alias))

    # ---- filters

    def is_generic(self, text: str) -> bool:
        lowered = text.lower()
        if lowered in self.generic:
            return True
        words = lowered.split()
        if words and words[-1] in self.generic:
            return True
        return any(lowered.startswith(g + " ") for g in self.generic)

    def clean(self, text: str, max_words: int = MAX_ITEM_WORDS) -> Optional[str]:
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
        if not words or len(words) > max_words or len(text) < 2:
            return None
        if not (text[0].isupper() or any(len(w) >= 2 and w.isupper() for w in words)):
            return None
        if not any(ch.isalpha() for ch in text) or self.is_generic(text):
            return None
        return text

    # ---- resolution

    def _target(self, raw: _Raw) -> tuple[str, str, str, bool, int]:
        """(key, canonical, kind, known, priority) of a mention before generic words are folded."""
        if raw.kind == "known":
            pid = raw.partner_id
            priority = _OWN
            whole = self.catalogue[pid].get("part_of")
            if whole in self.catalogue:
                pid, priority = whole, _PART
            info = self.catalogue[pid]
            return "id:" + _compact(info["canonical"]), info["canonical"], info["kind"], True, priority
        if raw.kind == "specific":
            info = self.catalogue[raw.partner_id]
            base = " ".join(raw.base.split())
            canonical = f"{base[:1].upper()}{base[1:]} {raw.place}"
            return f"family:{raw.partner_id}@{raw.place.lower()}", canonical, info["kind"], False, _OWN
        if raw.kind == "gemeente":
            return "id:" + _compact("gemeente " + raw.name), f"Gemeente {raw.name}", "gemeente", False, _OWN
        return "id:" + _compact(raw.name), raw.name, raw.org_kind, False, _OWN

    def _family(self, raw: _Raw) -> str:
        if raw.kind == "specific":
            return raw.partner_id
        if raw.kind == "known":
            return self.catalogue[raw.partner_id].get("family", "")
        return ""

    def result(self) -> list[Partner]:
        targets = [self._target(raw) for raw in self.raw]
        # "Metropoolregio (MRDH)": a long form whose acronym is a gazetteer name is that organisation
        by_acronym = {raw.name: target for raw, target in zip(self.raw, targets) if raw.kind == "known" and raw.name.isupper()}
        targets = [by_acronym.get(raw.alias, target) if raw.kind == "unknown" and raw.alias else target
                   for raw, target in zip(self.raw, targets)]
        targets = _merge_truncated(self.raw, targets)
        # the family members each generic entry has in this document ("politie" -> {Politie Den Haag})
        members: dict[str, set[str]] = {}
        for raw, target in zip(self.raw, targets):
            family = self._family(raw)
            if family:
                members.setdefault(family, set()).add(target[0])
        resolved = []
        for raw, (key, canonical, kind, known, priority) in zip(self.raw, targets):
            folded = raw.kind == "known" and len(members.get(raw.partner_id, ())) == 1
            if raw.kind == "known" and self.publisher_family and raw.partner_id == self.publisher_family:
                key, canonical, kind = self.publisher_target  # type: ignore[misc]
                resolved.append((raw, key, canonical, kind, True, _FOLDED, False))
                continue
            if folded:
                # a generic word ("de politie", "de veiligheidsregio") for the one family member the document names
                key, priority = next(iter(members[raw.partner_id])), _FOLDED
            resolved.append((raw, key, canonical, kind, known, priority, folded))
        groups: dict[str, _Acc] = {}
        for raw, key, canonical, kind, known, _priority, folded in resolved:
            acc = groups.get(key)
            if folded:
                continue
            if acc is None:
                groups[key] = _Acc(canonical=canonical, kind=kind, known=known)
            elif known and not acc.known:
                acc.canonical, acc.kind, acc.known = canonical, kind, True
        group_raws: dict[str, list[_Raw]] = {}
        for position, (raw, key, _c, _k, _kn, priority, _f) in enumerate(resolved):
            group_raws.setdefault(key, []).append(raw)
            self._count(groups[key], raw, priority, position)
        self._count_acronyms(groups, group_raws)
        partners = []
        for key, acc in groups.items():
            raws = group_raws[key]
            if all(self._service_word(r) for r in raws) and not any(r.named or r.in_list or r.cued for r in raws):
                continue  # a sector word in lower case ("welzijnswerk", "slachtofferhulp"), never named as one
            name = self._name(acc)
            kind = "self" if self._is_self(acc, name) else acc.kind
            aliases = sorted(a for a in acc.aliases | {s for c in acc.spellings.values() for s in c} if a.lower() != name.lower())
            role = acc.roles.most_common(1)[0][0] if acc.roles else None
            partners.append(
                Partner(name=name, canonical=acc.canonical, aliases=aliases[:8], kind=kind, known=acc.known,
                        mentions=acc.mentions, pages=sorted(acc.pages), role=role)
            )
        partners.sort(key=lambda p: (p.kind == "self", -p.mentions, p.canonical.lower()))
        return partners

    def _count_acronyms(self, groups: dict[str, "_Acc"], group_raws: dict[str, list[_Raw]]) -> None:
        """An acronym defined by a "Name (ACR)" pair counts its standalone mentions for the name."""
        for key, raws in group_raws.items():
            defined = {r.alias for r in raws if r.alias}
            acc = groups[key]
            for alias in defined:
                acc.aliases.add(alias)
                for line in self.acronym_lines.get(alias, ()):
                    acc.mentions += 1
                    if 0 <= line < len(self.lines) and self.lines[line].page_number is not None:
                        acc.pages.add(self.lines[line].page_number)

    def _is_self(self, acc: "_Acc", name: str) -> bool:
        """The publisher or one of its units ("De GHOR is een onderdeel van de GGD Flevoland"), or a unit named
        with the publisher's name ("VMCA Vrijwilligerspunt"), unless it is a legal body of its own."""
        names = {_norm(name), _norm(acc.canonical)} | {_norm(a) for a in acc.aliases}
        if names & (self.publisher | self.units):
            return True
        if acc.known or _words(name).split()[:1] == [] or _words(name).split()[0] in _own_unit_words().legal_entity:
            return False
        return any(self._names_publisher(n) for n in names)

    def _names_publisher(self, text: str) -> bool:
        """Whether `text` names the publisher by a name of its own (not by the bare name of its place)."""
        words = f" {_words(text)} "
        return any(f" {_words(p)} " in words for p in self.publisher if p and p != self.place and len(p) >= 3)

    def mark_founded_units(self, skip_lines: set[int]) -> None:
        """Names the publisher says it set up itself are its own units: "De afgelopen 35 jaar bouwde de VMCA
        ... op. Er zijn ... het Expertisecentrum Mantelzorg en het Mantelzorgplein gestart."

        Only names the gazetteer does not know as an organisation of their own ("Wijkteam Oost" may be one,
        "GGD Flevoland" is not), outside verbonden partijen sections and not joined to the publisher's name
        as co-founders; a sentence with a partner cue ("samen met") or a legal body ("Stichting …") sets up
        nothing of the publisher's own."""
        words = _own_unit_words()
        sentences = _sentences(self.lines)
        for number, (text, first, last) in enumerate(sentences):
            plain = f" {_words(text)} "
            if (not _founds(plain, words.founding) or any(f" {cue} " in plain for cue in _partner_cues())
                    or any(f" {w} " in plain for w in words.legal_entity)):
                continue  # set up with a partner, or a separate legal body ("een coöperatieve vereniging opgericht")
            before = sentences[number - 1][0] if number else ""
            if not (any(f" {w} " in plain for w in words.self_reference) or self._names_publisher(f"{before} {text}")):
                continue
            for raw in self.raw:
                if (raw.kind in ("unknown", "specific") and raw.line is not None and first <= raw.line <= last
                        and raw.line not in skip_lines and f" {_words(raw.name)} " in plain
                        and not self._acts_with_publisher(_words(raw.name), plain)):
                    self.units.add(_norm(raw.name))

    def _acts_with_publisher(self, name: str, plain: str) -> bool:
        """"GGD Flevoland en Regio Gooi en Vechtstreek hebben … opgericht": a name joined to the publisher's
        is a co-founder, not what was founded."""
        for publisher in self.publisher:
            own = _words(publisher)
            if own and own != self.place and re.search(
                    rf" (?:{re.escape(own)} en (?:de |het )?{re.escape(name)}|{re.escape(name)} en (?:de |het )?{re.escape(own)}) ",
                    plain):
                return True
        return False

    def _service_word(self, raw: _Raw) -> bool:
        return raw.kind == "known" and bool(self.catalogue[raw.partner_id].get("service_word"))

    def _count(self, acc: _Acc, raw: _Raw, priority: int, position: int) -> None:
        name = " ".join(raw.name.split())
        key = name.lower()
        acc.names[key] += 1
        acc.spellings.setdefault(key, Counter())[name] += 1
        best = acc.rank.get(key)
        if best is None or priority < best[0]:
            acc.rank[key] = (priority, best[1] if best else position)
        acc.mentions += 1
        if raw.role:
            acc.roles[raw.role] += 1
        if raw.alias:
            acc.aliases.add(raw.alias)
        if raw.line is not None and 0 <= raw.line < len(self.lines):
            page = self.lines[raw.line].page_number
            if page is not None:
                acc.pages.add(page)

    @staticmethod
    def _name(acc: _Acc) -> str:
        """The most specific printed name: the organisation's own names before those of sub-units and generic
        words; then the most frequent (case-insensitively), the longer one on a tie (a full name over its
        acronym), then the first; printed in its most frequent spelling."""
        key = min(acc.names, key=lambda k: (acc.rank[k][0], -acc.names[k], -len(k), acc.rank[k][1], k))
        spellings = acc.spellings[key]
        return min(spellings, key=lambda s: (-spellings[s], not s[:1].isupper(), s))

    # ---- the publisher's units and verbonden partijen

    def find_units(self, phrases: tuple[str, ...]) -> None:
        """Names printed as part of the publisher: "De GHOR is een onderdeel van de GGD Flevoland"."""
        if not self.publisher:
            return
        for line in self.lines:
            lowered = line.text.lower()
            for phrase in phrases:
                at = lowered.find(phrase)
                if at <= 0:
                    continue
                after = _norm(line.text[at + len(phrase):])
                if not any(p and p in after for p in self.publisher) and not any(
                    after.startswith(("de " + p.split()[0], p.split()[0])) for p in self.publisher if p
                ):
                    continue
                words = [w for w in line.text[:at].split() if w[:1].isupper() and w.lower() not in ("de", "het")]
                if words:
                    self.units.add(_norm(words[-1]))

    def connected_subheadings(self, connected: set[int]) -> list[ListItem]:
        """Sub-headings under a verbonden partijen heading that name an organisation: a short line in
        proper-name style ("Werkbedrijf Katwijk", "Avalex") after a closed line and before running text.
        A one-word heading counts only when the document also writes the word capitalised mid-sentence, so
        a task heading such as "Brandweerzorg" is no partner."""
        items: list[ListItem] = []
        lines = self.lines
        for index in sorted(connected):
            text = lines[index].text.strip()
            words = text.split()
            if not (1 <= len(words) <= 8) or text.endswith((".", ",", ";", ":")) or not text[:1].isupper():
                continue
            before = lines[index - 1].text.rstrip() if index else ""
            after = lines[index + 1].text.split() if index + 1 < len(lines) else []
            if not (before.endswith((".", ":", ";", "!", "?")) or self.heading_role(before) == "connected") or len(after) < 6:
                continue
            proper = [w for w in words if w.lower() not in _NAME_WORDS and len(w.strip("()")) >= 3]
            if not proper or not all(w[:1].isupper() or w[:1] == "(" for w in proper):
                continue
            if len(proper) == 1 and not self._named_mid_sentence(proper[0]):
                continue
            items.append(ListItem(text, [index]))
        return items

    def _named_mid_sentence(self, word: str) -> bool:
        """Written with a capital inside a sentence and never in lower case as a word of its own."""
        named = re.compile(r"[a-zà-ÿ,] " + re.escape(word) + r"\b")
        common = re.compile(r"\b" + re.escape(word.lower()) + r"\b")
        return any(named.search(line.text) for line in self.lines) and not any(common.search(line.text) for line in self.lines)

    def connected_lines(self) -> set[int]:
        """Lines under a verbonden partijen heading, up to the next heading in the same style (or 400 lines)."""
        found: set[int] = set()
        for index, line in enumerate(self.lines):
            if len(line.text) >= 80 or self.heading_role(line.text) != "connected":
                continue
            limit = index + (400 if line.size else MAX_SECTION_LINES)
            for k in range(index + 1, min(len(self.lines), limit)):
                other = self.lines[k]
                if line.size and other.bold == line.bold and other.size >= line.size - 0.1 and _looks_like_heading(other.text.strip()):
                    break
                found.add(k)
        return found

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
            if not bullet and self._bare_list_at(index, end):
                # a list without bullet characters (PDF bullets are often drawn, not text): one name per line
                first_line = lines[index]
                while index < end and _looks_like_heading(lines[index].text.strip()) and _same_style(lines[index], first_line):
                    items.append(ListItem(lines[index].text.strip(), [index]))
                    index += 1
                last_bullet = False
                continue
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


    def _bare_list_at(self, index: int, end: int) -> bool:
        """Three or more consecutive short lines without closing punctuation, none a section heading."""
        run = self.lines[index : min(end, index + 3)]
        return len(run) == 3 and all(
            _looks_like_heading(line.text.strip()) and self.heading_role(line.text.strip()) is None for line in run
        )


def _same_style(line: Line, other: Line) -> bool:
    """PDF lines in the same font weight and size (a bold or larger line after a list is its next heading)."""
    return line.bold == other.bold and abs(line.size - other.size) <= 0.5


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return bool(words) and len(words) <= 6 and not text.endswith((".", ",", ";", ":")) and (text[0].isupper() or text[0].isdigit())


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


def collect_partners(nlp, analysis: Analysis, meta: dict[str, Any], municipality: Optional[str] = None,
                     title: Optional[str] = None) -> list[Partner]:
    collector = PartnerCollector(meta, analysis.lines, municipality)
    _set_publisher(nlp, collector, municipality, title, meta.get("own_unit", ()))
    items = [item for role, item in collector.list_items() if role == "external"]
    connected = collector.connected_lines()
    items += collector.connected_subheadings(connected)
    for item in items:
        collector.list_lines.update(item.lines)
    for mention in analysis.orgs:
        if mention.place:
            collector.add_specific(mention.partner_id or "", mention.text, mention.line, mention.place, mention.base)
        else:
            collector.add_known(mention.partner_id or "", mention.text, mention.line, named=mention.named)
            if mention.cued and collector.raw and collector.raw[-1].line == mention.line:
                collector.raw[-1].cued = True
    for mention in analysis.candidates:
        collector.add_unknown(mention.text, mention.line)
    for mention in analysis.gemeenten:
        collector.add_gemeente(mention.text, mention.line)
    for name in analysis.names:
        collector.add_name(name.kind, name.name, name.line, name.org_kind, name.alias, name.role, name.cued)
    for index, line in enumerate(analysis.lines):
        bullet = _BULLETED_GEMEENTE.match(line.text)
        if bullet:
            collector.add_gemeente(bullet.group(1), index)
    collector.acronym_lines = analysis.acronyms
    _add_list_items(nlp, collector, items)
    collector.mark_founded_units(connected)
    for raw in collector.raw:
        if raw.line in connected and not raw.role:
            raw.role = "verbonden partij"
    return collector.result()


_BULLETED_GEMEENTE = re.compile(r"^\s*[▪•●◦*·–-]\s*[Gg]emeente\s+([A-Z][\w'’-]*(?:\s+(?:(?:aan|den|de|der|van|op|in)\s+)*[A-Z][\w'’-]*){0,3})\s*:?\s*$")
_TITLE_NOISE = frozenset({"RES", "PPE", "BBV", "IVP", "IVB", "CAO", "PDF", "AB", "DB", "MJP", "UP"})


_COLOPHON = re.compile(r"^\s*(?:een\s+)?(?:uitgave(?:\s+van)?|uitgegeven\s+door)\s*:?\s+(.{3,60}?)\s*$", re.IGNORECASE)


def _colophon_publisher(lines: list[Line]) -> str:
    """The publisher named in a colophon ("Uitgave Gemeente Wassenaar", "Uitgave van provincie Overijssel")
    on the first three or the last two pages."""
    pages = sorted({line.page for line in lines})
    wanted = set(pages[:3] + pages[-2:])
    for line in lines:
        if line.page in wanted:
            found = _COLOPHON.match(line.text)
            if found:
                return found.group(1).strip().rstrip(".,")
    return ""


def _set_publisher(nlp, collector: PartnerCollector, municipality: Optional[str], title: Optional[str], own_unit) -> None:
    """Who publishes the document: an organisation named in its title ("De VMCA in …", "Uitgave van provincie
    Overijssel"), else the issuer from the metadata. A gemeente is only the publisher's own when no other
    organisation is named in the title, so "gemeente Almere" is a partner of the VMCA's plan."""
    names: list[str] = []
    if title:
        doc = nlp(title[:300], disable=["policy_theme_tagger"])
        names += [collector.catalogue[e.ent_id_]["canonical"] for e in _valid_entities(doc, collector.catalogue)
                  if not collector.catalogue[e.ent_id_].get("generic")]
        names += [c.name for c in doc._.partner_candidates or () if c.kind in ("head", "acronym")]
        if not title.isupper():  # in a title in capitals every word looks like an acronym
            names += [t.text for t in doc if 3 <= len(t.text) <= 6 and t.text.isupper() and t.text.isalpha() and t.text not in _TITLE_NOISE]
    colophon = _colophon_publisher(collector.lines)
    if colophon:
        names.append(colophon)
        collector.own_confirmed = _municipality_key(colophon) == collector.own != ""
    if names:
        collector.own = "" if not any(n.lower().startswith(("gemeente", "provincie")) or _municipality_key(n) == collector.own
                                      for n in names) else collector.own
    elif municipality:
        names = [municipality, f"Gemeente {municipality}"]
    collector.publisher = {_norm(n) for n in names}
    for name in names:
        pid = collector.by_canonical.get(name.lower())
        if pid is not None and collector.catalogue[pid].get("family"):
            info = collector.catalogue[pid]
            collector.publisher_family = info["family"]
            collector.publisher_target = ("id:" + _compact(info["canonical"]), info["canonical"], info["kind"])
            break
    collector.find_units(tuple(own_unit))


def _add_list_items(nlp, collector: PartnerCollector, items: list[ListItem]) -> None:
    """Partner-list items without a gazetteer match: list-only aliases ("Scholen"), other municipalities
    ("Gemeente Oegstgeest") and unknown organisations.

    Gazetteer matches inside the lists were already counted by the document pass. A hedged item ("mogelijke
    VVE's") is no partner."""
    if not items:
        return
    pieces: list[tuple[str, ListItem]] = []
    names = nlp.get_pipe("partner_candidates") if "partner_candidates" in nlp.pipe_names else None
    heads = names.head if names is not None else None
    docs = list(nlp.pipe([item.text for item in items], disable=["policy_theme_tagger"]))
    for item, doc in zip(items, docs):
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
        if piece.strip().lower().startswith(_HEDGES):
            continue  # "mogelijke VVE's": not (yet) a partner
        line = item.lines[0] if item.lines else None
        display = _PARENS.sub("", piece).strip().strip(".").strip()
        for prefix in _LEADING:
            if display.lower().startswith(prefix):
                display = display[len(prefix):]
        gemeente = _GEMEENTE.match(display)
        if gemeente:
            collector.add_gemeente(gemeente.group(1), line)
            continue
        cleaned = collector.clean(piece)
        alias_key = display.lower()
        if alias_key in collector.list_aliases:
            collector.add_known(collector.list_aliases[alias_key], display, line, in_list=True)
        elif cleaned is not None and _org_shaped(cleaned, heads) and not (names is not None and names.rejected(cleaned.split(), "")):
            collector.add_unknown(cleaned, line)


def _org_shaped(text: str, heads) -> bool:
    """A list item that can be an organisation: one capitalised word ("Scholen"), a name with two capitalised
    words ("Sociale Zaken"), or a head word ("Stichting …"); not a phrase like "In kaart brengen"."""
    words = [w for w in text.replace("/", " ").split() if w.lower() not in _NAME_WORDS]
    if len(words) == 1:
        return not words[0].lower().endswith(("se", "sche"))  # "Almeerse" alone is an adjective
    if sum(1 for w in words if w[:1].isupper()) >= 2:
        return True
    return heads is not None and any(heads(w.lower()) for w in words)


def _valid_entities(doc, catalogue: dict[str, Any]) -> list:
    return valid_entities(doc, catalogue)[0]


def _merge_truncated(raws: list[_Raw], targets: list[tuple]) -> list[tuple]:
    """An unknown name that is the start or end of a longer candidate name ("Servicebureau Jeugdhulp" cut at a
    line break, "Platform Flevoland" for "Paramedisch Platform Flevoland") counts for the longer name."""
    unknown = {t[0]: t for r, t in zip(raws, targets) if r.kind == "unknown"}
    words = {key: t[1].split() for key, t in unknown.items()}
    longer: dict[str, tuple] = {}
    for key, parts in words.items():
        for other, other_parts in words.items():
            size = len(parts)
            if len(other_parts) > size >= 2 and (other_parts[:size] == parts or other_parts[-size:] == parts):
                if key not in longer or len(other_parts) > len(longer[key][1].split()):
                    longer[key] = unknown[other]
    # the longer name is reported: the cut one ranks like a sub-unit's name
    return [(*longer[t[0]][:4], _PART) if r.kind == "unknown" and t[0] in longer else t for r, t in zip(raws, targets)]


@lru_cache(maxsize=1)
def _own_unit_words() -> OwnUnitWords:
    return load_own_unit_words()


@lru_cache(maxsize=1)
def _partner_cues() -> tuple[str, ...]:
    """The cues that put a partner right after them ("samen met", "in samenwerking met"), as plain words."""
    return tuple(_words(row["cue"]) for row in load_partner_cues() if row["position"] == "before")


def _founds(plain: str, founding: tuple[str, ...]) -> bool:
    """A founding phrase not followed by "met" ("gestart met de GGD" starts an activity with someone)."""
    return any(f" {phrase} " in plain and plain.count(f" {phrase} ") > plain.count(f" {phrase} met ")
               for phrase in founding)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _sentences(lines: list[Line]) -> list[tuple[str, int, int]]:
    """(text, first line, last line) of each sentence; lines without an end mark run into the next one."""
    found: list[tuple[str, int, int]] = []
    parts: list[str] = []
    first = 0
    for index, line in enumerate(lines):
        text = line.text.strip()
        start = 0
        for end in _SENTENCE_END.finditer(text):
            if not parts:
                first = index
            parts.append(text[start:end.end()])
            found.append((" ".join(parts), first, index))
            parts, start = [], end.end()
        rest = text[start:].strip()
        if rest:
            if not parts:
                first = index
            parts.append(rest)
    if parts:
        found.append((" ".join(parts), first, len(lines) - 1))
    return found


def _words(text: str) -> str:
    """Lower-case words without punctuation, for whole-word comparison."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _compact(name: str) -> str:
    """Grouping key: "Belasting Samenwerking Gouwe-Rijnland" = "Belastingsamenwerking Gouwe Rijnland"."""
    return "".join(name.lower().replace("&", " en ").replace("-", " ").replace(".", "").split())


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


def _municipality_key(name: Optional[str]) -> str:
    """"Gemeente Leiderdorp", "gemeente  leiderdorp" and "Leiderdorp" compare equal."""
    if not name:
        return ""
    key = " ".join(name.split()).lower()
    return key[len("gemeente "):] if key.startswith("gemeente ") else key
