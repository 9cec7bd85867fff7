"""Assemble the policy pipeline from models/data/ and save it under models/pipeline/.

Order matters: the lookup lemmatizer is added and `nlp.initialize()` loads its tables (this is the only
step that needs spacy-lookups-data); the rulers are added afterwards, because initialising again would
silently wipe their patterns. `to_disk` copies the lookup tables, so the saved pipeline loads without
spacy-lookups-data.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from extractor import __version__
from extractor.enrich import candidates as _candidates  # noqa: F401  (registers partner_candidates)
from extractor.enrich import components  # noqa: F401  (registers the factories)
from extractor.enrich.components import norm_key
from extractor.enrich.data import (
    DATA_DIR,
    PIPELINE_DIR,
    data_hash,
    list_alias_index,
    load_gemeenten_rules,
    load_generic_phrases,
    load_lemma_exceptions,
    load_org_heads,
    load_partner_cues,
    load_partner_filters,
    load_org_patterns,
    load_partners,
    load_regions,
    load_sections,
    load_taxonomy,
    partner_catalogue,
    regional_id,
)

PIPELINE_NAME = "policy_nl"
_EXTRA_INFIX = r"(?<=[A-Za-zÀ-ÿ])/(?=[A-Za-zÀ-ÿ])"


def build_pipeline(data_dir: Path = DATA_DIR):
    """A fresh `Language` with lemmatizer, fallback lemmas, gazetteer, organisation rules and theme tagger."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("nl")
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + [_EXTRA_INFIX]).finditer
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads nl_lemma_lookup from spacy-lookups-data; rulers come after this on purpose

    fallback = nlp.add_pipe("policy_lemma_fallback")
    fallback.set_exceptions(load_lemma_exceptions(data_dir))

    # The rulers go first: the entity ruler runs every component before it over each phrase pattern, at
    # build time and again at every load, and it needs no lemmas.
    ruler = nlp.add_pipe(
        "entity_ruler", first=True, config={"phrase_matcher_attr": "LOWER", "validate": True, "overwrite_ents": True}
    )
    lower_patterns, exact_patterns = gazetteer_patterns(nlp, data_dir)
    ruler.add_patterns(lower_patterns)
    # Case-sensitive names (OM, HALT, Halt, GGD) in a second ruler matching on ORTH. Phrase matching keeps
    # this fast: a Matcher with a hundred single-token patterns would test each of them at every token.
    exact = nlp.add_pipe(
        "entity_ruler", name="exact_ruler", after="entity_ruler", config={"phrase_matcher_attr": None, "validate": True, "overwrite_ents": False}
    )
    exact.add_patterns(exact_patterns)

    candidates = nlp.add_pipe("span_ruler", name="org_candidates", after="exact_ruler", config={"spans_key": "org_candidates", "validate": True})
    candidates.add_patterns(load_org_patterns(data_dir))
    names = nlp.add_pipe("partner_candidates", after="org_candidates")
    names.set_data(load_org_heads(data_dir), load_partner_cues(data_dir), load_partner_filters(data_dir), _place_names(data_dir))

    tagger = nlp.add_pipe("policy_theme_tagger")
    taxonomy = load_taxonomy(data_dir)
    taxonomy_json = {
        "fields": [{"id": f.id, "label": f.label, "safety": f.safety} for f in taxonomy.fields.values()],
        "themes": [{"id": t.id, "label": t.label, "field": t.field, "weight": t.weight} for t in taxonomy.themes.values()],
    }
    tagger.set_terms(taxonomy_json, compile_terms(nlp, taxonomy))

    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = __version__
    nlp.meta["description"] = "Rule-based Dutch pipeline tagging partner organisations and safety themes in municipal policy documents."
    nlp.meta["sources"] = [{"name": "models/data (see the header of each file)"}, {"name": "spacy-lookups-data nl_lemma_lookup"}]
    nlp.meta["extractor"] = runtime_meta(data_dir)
    return nlp


def _places(data_dir: Path) -> list[str]:
    return sorted({v for r in load_regions(data_dir) for v in (r.name, *r.variants)})


def _place_names(data_dir: Path) -> list[tuple[str, str]]:
    """(printed variant, region name) pairs: "Gooi & Vechtstreek" -> "Gooi en Vechtstreek"."""
    return sorted({(v, r.name) for r in load_regions(data_dir) for v in (r.name, *r.variants)})


def runtime_meta(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Vocabulary the enrich layer needs at run time, stored in meta.json so the saved pipeline is self-contained."""
    return {
        "data_hash": data_hash(data_dir),
        "partners": partner_catalogue(data_dir),
        "list_aliases": list_alias_index(data_dir),
        "generic": load_generic_phrases(data_dir),
        "sections": load_sections(data_dir),
        "gemeenten": load_gemeenten_rules(data_dir),
        # place names that tie a generic word to one organisation ("Ondernemersvereniging Leiden")
        "places": _places(data_dir),
        "own_unit": [row["term"].lower() for row in load_partner_filters(data_dir) if row["role"] == "own_unit"],
    }


def _variants(text: str) -> list[str]:
    """A name as written, with its hyphens read as spaces (Hollands-Midden / Hollands Midden), and with the
    other spelling of a place adjective ("Wassenaarsche" / "Wassenaarse", old and new spelling)."""
    forms = [text]
    words = text.split()
    other = [w[:-4] + "se" if w.endswith("sche") and len(w) > 7 else w[:-2] + "sche" if w.endswith("se") and len(w) > 6 and w[-3] not in "aeiou" else w for w in words]
    if other != words:
        forms.append(" ".join(other))
    for form in list(forms):
        spaced = form.replace("-", " ")
        if spaced != form:
            forms.append(spaced)
    return forms


def gazetteer_patterns(nlp, data_dir: Path = DATA_DIR) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entity-ruler phrase patterns: (aliases and regional names, matched on LOWER; `exact` names, on ORTH)."""
    patterns: list[dict[str, Any]] = []
    exact_patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    regions = load_regions(data_dir)

    def phrase(text: str, pattern_id: str) -> None:
        key = (text.lower(), pattern_id)
        if text.strip() and key not in seen:
            seen.add(key)
            patterns.append({"label": "ORG", "pattern": text, "id": pattern_id})

    for entry in load_partners(data_dir).values():
        for alias in entry.aliases:
            for form in _variants(alias):
                phrase(form, entry.id)
        for name in entry.exact:
            exact_patterns.append({"label": "ORG", "pattern": name, "id": entry.id})
        if not entry.regional:
            continue
        heads = [a for a in entry.aliases if "'" not in a] + [e for e in entry.exact if "'" not in e]
        for region in regions:
            pattern_id = regional_id(entry.id, region.id)
            for variant in dict.fromkeys(v for name in region.variants for v in _variants(name)):
                for head in heads:
                    phrase(f"{head} {variant}", pattern_id)
                    for qualifier in entry.qualifiers:
                        phrase(f"{head} {qualifier} {variant}", pattern_id)
                        phrase(f"{head}-{qualifier} {variant}", pattern_id)
                        phrase(f"{head}{qualifier} {variant}", pattern_id)
    return patterns, exact_patterns


def compile_terms(nlp, taxonomy) -> list[dict[str, Any]]:
    """Tokenise every trigger term with the pipeline's own tokenizer, so terms and text split alike."""
    compiled: list[dict[str, Any]] = []
    for theme in taxonomy.themes.values():
        for term in theme.terms:
            text = term.strip()
            mode = "exact"
            if text.startswith("*"):
                mode, text = "suffix", text[1:]
            elif text.endswith("*"):
                mode, text = "prefix", text[:-1]
            words = [norm_key(t.text) for t in nlp.make_doc(text) if not t.is_space]
            words = [w for w in words if w]
            if mode == "suffix" and len(words) != 1:
                raise ValueError(f"themes.jsonl: compound term {term!r} must be one word")
            compiled.append({"theme": theme.id, "words": words, "mode": mode})
    return compiled


def save_pipeline(target: Path = PIPELINE_DIR, data_dir: Path = DATA_DIR) -> Path:
    """Build and write the pipeline atomically (a half-written model folder is never left behind)."""
    nlp = build_pipeline(data_dir)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pipeline-", dir=target.parent))
    try:
        nlp.to_disk(staging)
        staging.chmod(0o755)  # mkdtemp creates it private; the model folder is meant to be shared
        backup = target.with_name(target.name + ".old")
        if backup.exists():
            shutil.rmtree(backup)
        if target.exists():
            target.rename(backup)
        staging.rename(target)
        if backup.exists():
            shutil.rmtree(backup)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def saved_data_hash(path: Path = PIPELINE_DIR) -> str | None:
    """The data hash recorded in a saved pipeline's meta.json (None when there is no pipeline)."""
    import json

    meta = Path(path) / "meta.json"
    if not meta.exists():
        return None
    return json.loads(meta.read_text(encoding="utf-8")).get("extractor", {}).get("data_hash")


def is_stale(path: Path = PIPELINE_DIR, data_dir: Path = DATA_DIR) -> bool:
    return saved_data_hash(path) != data_hash(data_dir)
