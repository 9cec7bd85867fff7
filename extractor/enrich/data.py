"""Read the editable vocabularies under models/data/ (JSONL and CSV with '#' comment headers).

The files are the source of truth for the tagger; `extractor model build` compiles them into the saved
spaCy pipeline and records `data_hash()` in its meta, so a stale pipeline can be detected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.resources import data_dir as _data_dir, models_dir as _models_dir, pipeline_dir as _pipeline_dir

MODELS_DIR = _models_dir()
DATA_DIR = _data_dir()
PIPELINE_DIR = _pipeline_dir()

DATA_FILES = (
    "themes.jsonl",
    "partners.jsonl",
    "regions.csv",
    "org_patterns.jsonl",
    "partner_generic.csv",
    "partner_sections.csv",
    "partner_parts.csv",
    "partner_gemeenten.csv",
    "lemma_exceptions.csv",
    "org_heads.csv",
    "partner_cues.csv",
    "partner_filters.csv",
)


class DataFileError(ValueError):
    """A vocabulary file is malformed; the message names the file and line."""


def _content_lines(path: Path) -> list[tuple[int, str]]:
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            lines.append((number, line))
    return lines


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in _content_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{path.name}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise DataFileError(f"{path.name}:{number}: expected a JSON object")
        records.append(record)
    return records


def read_csv(path: Path) -> list[dict[str, str]]:
    text = "\n".join(line for _, line in _content_lines(path))
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def data_hash(data_dir: Path = DATA_DIR) -> str:
    """sha256 over the vocabulary files (names and bytes), to tell whether the saved pipeline is current."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update((data_dir / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    safety: bool


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    field: str
    terms: tuple[str, ...]
    weight: float = 1.0


@dataclass
class Taxonomy:
    fields: dict[str, Field] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)


def load_taxonomy(data_dir: Path = DATA_DIR) -> Taxonomy:
    taxonomy = Taxonomy()
    for record in read_jsonl(data_dir / "themes.jsonl"):
        kind = record.get("type")
        if kind == "field":
            taxonomy.fields[record["id"]] = Field(record["id"], record["label"], bool(record.get("safety", True)))
        elif kind == "theme":
            if record["field"] not in taxonomy.fields:
                raise DataFileError(f"themes.jsonl: theme {record['id']!r} names unknown field {record['field']!r}")
            if record["id"] in taxonomy.themes:
                raise DataFileError(f"themes.jsonl: theme id {record['id']!r} is used twice")
            taxonomy.themes[record["id"]] = Theme(
                record["id"], record["label"], record["field"], tuple(record["terms"]), float(record.get("weight", 1.0))
            )
        else:
            raise DataFileError(f"themes.jsonl: record without a valid type: {record!r}")
    return taxonomy


@dataclass(frozen=True)
class PartnerEntry:
    id: str
    canonical: str
    kind: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    list_aliases: tuple[str, ...] = ()
    regional: bool = False
    qualifiers: tuple[str, ...] = ()
    generic: bool = False
    not_after: tuple[str, ...] = ()
    family: str = ""
    service_word: bool = False


def load_partners(data_dir: Path = DATA_DIR) -> dict[str, PartnerEntry]:
    entries: dict[str, PartnerEntry] = {}
    for record in read_jsonl(data_dir / "partners.jsonl"):
        try:
            entry = PartnerEntry(
                id=record["id"],
                canonical=record["canonical"],
                kind=record["kind"],
                aliases=tuple(record.get("aliases", ())),
                exact=tuple(record.get("exact", ())),
                list_aliases=tuple(record.get("list_aliases", ())),
                regional=bool(record.get("regional", False)),
                qualifiers=tuple(record.get("qualifiers", ())),
                generic=bool(record.get("generic", False)),
                not_after=tuple(record.get("not_after", ())),
                family=str(record.get("family", "")),
                # a generic sector word ("woningcorporaties", "welzijnswerk") by default, unless switched off
                service_word=bool(record.get("service_word", bool(record.get("generic", False)))),
            )
        except KeyError as exc:
            raise DataFileError(f"partners.jsonl: record without {exc}: {record!r}") from exc
        if entry.id in entries:
            raise DataFileError(f"partners.jsonl: id {entry.id!r} is used twice")
        entries[entry.id] = entry
    for entry in entries.values():
        if entry.family and entry.family not in entries:
            raise DataFileError(f"partners.jsonl: {entry.id!r} names unknown family {entry.family!r}")
    return entries


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    variants: tuple[str, ...]


def load_regions(data_dir: Path = DATA_DIR) -> list[Region]:
    return [Region(r["id"], r["name"], tuple(v for v in r["variants"].split("|") if v)) for r in read_csv(data_dir / "regions.csv")]


def load_org_patterns(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    return read_jsonl(data_dir / "org_patterns.jsonl")


def load_generic_phrases(data_dir: Path = DATA_DIR) -> list[str]:
    return [row["phrase"].lower() for row in read_csv(data_dir / "partner_generic.csv") if row["phrase"]]


def load_sections(data_dir: Path = DATA_DIR) -> dict[str, str]:
    return {row["phrase"].lower(): row["role"] for row in read_csv(data_dir / "partner_sections.csv") if row["phrase"]}


def load_lemma_exceptions(data_dir: Path = DATA_DIR) -> dict[str, str]:
    return {row["form"].lower(): row["lemma"].lower() for row in read_csv(data_dir / "lemma_exceptions.csv") if row["form"]}


def load_parts(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Partner id of a sub-unit -> partner id of the organisation it belongs to (politie team -> eenheid)."""
    return {row["part"]: row["whole"] for row in read_csv(data_dir / "partner_parts.csv") if row["part"] and row["whole"]}


def load_gemeenten_rules(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """{"trigger": [...], "cue": [...]} for enumerations of cooperating municipalities."""
    rules: dict[str, list[str]] = {"trigger": [], "cue": []}
    for row in read_csv(data_dir / "partner_gemeenten.csv"):
        if row["role"] not in rules:
            raise DataFileError(f"partner_gemeenten.csv: unknown role {row['role']!r}")
        if row["term"]:
            rules[row["role"]].append(row["term"].lower())
    return rules


def partner_catalogue(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """What the enrich layer needs at run time, keyed by entity-ruler id (stored in the pipeline meta).

    `family`: the id of the generic partner a specific one belongs to (a regional variant belongs to its
    base entry); `part_of`: the partner a sub-unit is counted as (partner_parts.csv)."""
    catalogue: dict[str, dict[str, Any]] = {}
    regions = load_regions(data_dir)
    entries = load_partners(data_dir)
    parts = load_parts(data_dir)
    for entry in entries.values():
        base = {
            "canonical": entry.canonical,
            "kind": entry.kind,
            "generic": entry.generic,
            "not_after": list(entry.not_after),
            "family": entry.family,
            "service_word": entry.service_word,
        }
        catalogue[entry.id] = base
        if entry.regional:
            for region in regions:
                catalogue[regional_id(entry.id, region.id)] = dict(
                    base, canonical=f"{entry.canonical} {region.name}", generic=False, service_word=False, family=entry.id
                )
    for part, whole in parts.items():
        if part not in catalogue or whole not in catalogue:
            raise DataFileError(f"partner_parts.csv: unknown partner id in {part!r} -> {whole!r}")
        catalogue[part]["part_of"] = whole
    return catalogue


def regional_id(entry_id: str, region_id: str) -> str:
    return f"{entry_id}@{region_id}"


def list_alias_index(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Lower-case list-only alias -> partner id."""
    index: dict[str, str] = {}
    for entry in load_partners(data_dir).values():
        for alias in entry.list_aliases:
            index[alias.lower()] = entry.id
    return index


def load_org_heads(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Organisation head words with their position in a name, compound flag, domain and partner kind."""
    rows = [row for row in read_csv(data_dir / "org_heads.csv") if row["head"]]
    for row in rows:
        if row["position"] not in ("prefix", "suffix", "both") or row["compound"] not in ("yes", "no"):
            raise DataFileError(f"org_heads.csv: bad position or compound in {row!r}")
        row["head"] = row["head"].lower()
    return rows


def load_partner_cues(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    rows = [row for row in read_csv(data_dir / "partner_cues.csv") if row["cue"]]
    for row in rows:
        if row["position"] not in ("before", "sentence"):
            raise DataFileError(f"partner_cues.csv: position must be before or sentence: {row!r}")
    return rows


def load_partner_filters(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    return [row for row in read_csv(data_dir / "partner_filters.csv") if row["term"]]


OWN_UNITS_FILE = "partner_own_units.csv"


@dataclass(frozen=True)
class OwnUnitWords:
    """Words that make a name the publisher's own unit (see models/data/partner_own_units.csv)."""

    founding: tuple[str, ...]
    self_reference: tuple[str, ...]
    legal_entity: tuple[str, ...]


def load_own_unit_words(data_dir: Path = DATA_DIR) -> OwnUnitWords:
    rows = [row for row in read_csv(data_dir / OWN_UNITS_FILE) if row["phrase"]]
    roles = {"founding": [], "self_reference": [], "legal_entity": []}  # type: dict[str, list[str]]
    for row in rows:
        if row["role"] not in roles:
            raise DataFileError(f"{OWN_UNITS_FILE}: role must be one of {sorted(roles)}: {row!r}")
        roles[row["role"]].append(row["phrase"].lower())
    return OwnUnitWords(*(tuple(roles[name]) for name in ("founding", "self_reference", "legal_entity")))
