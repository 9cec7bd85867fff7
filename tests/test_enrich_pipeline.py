"""The saved spaCy pipeline in models/pipeline: loads offline, is current, and is built the right way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.enrich.build import build_pipeline, is_stale, saved_data_hash
from extractor.enrich.data import DATA_DIR, DATA_FILES, PIPELINE_DIR, data_hash, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
FIELD_IDS = [
    "veilige_woon_en_leefomgeving",
    "bedrijvigheid_en_veiligheid",
    "jeugd_en_veiligheid",
    "fysieke_veiligheid",
    "integriteit_en_veiligheid",
]

# Run in a fresh interpreter in which `import spacy_lookups_data` fails, as in an install without it.
_OFFLINE_LOAD = r"""
import sys
sys.modules["spacy_lookups_data"] = None  # any import of it now raises ImportError
import spacy
import extractor.enrich.components  # registers the pipeline's own factories
nlp = spacy.load(sys.argv[1])
try:
    import spacy_lookups_data  # noqa: F401
    blocked = False
except ImportError:
    blocked = True
doc = nlp("De evenementen, woninginbraken en jongeren; HALT en het OM met de politie-eenheid Den Haag.")
print(json.dumps({
    "blocked": blocked,
    "pipes": nlp.pipe_names,
    "lemmas": [t.lemma_ for t in doc],
    "ents": [[e.text, e.ent_id_] for e in doc.ents],
    "themes": [h[2] for h in doc._.theme_hits],
}))
""".replace("import sys\n", "import sys, json\n", 1)


def test_saved_pipeline_loads_without_spacy_lookups_data():
    assert (PIPELINE_DIR / "meta.json").exists(), "models/pipeline missing: run `extractor model build`"
    result = subprocess.run(
        [sys.executable, "-c", _OFFLINE_LOAD, str(PIPELINE_DIR)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["blocked"] is True
    assert out["pipes"] == ["entity_ruler", "exact_ruler", "org_candidates", "partner_candidates", "lemmatizer", "policy_lemma_fallback",
                           "policy_theme_tagger"]
    # "evenementen" -> "evenement" comes from the copied lookup table, the others from the fallback rules
    assert out["lemmas"][1] == "evenement" and out["lemmas"][3] == "woninginbraak" and out["lemmas"][5] == "jongere"
    assert ["HALT", "halt"] in out["ents"] and ["OM", "om"] in out["ents"]
    assert ["politie-eenheid Den Haag", "politie@den_haag"] in out["ents"]
    assert {"evenementen", "woninginbraak", "jeugd"} <= set(out["themes"])


def test_saved_pipeline_is_not_stale():
    assert saved_data_hash(PIPELINE_DIR) == data_hash(DATA_DIR), (
        "models/data changed after models/pipeline was built: run `extractor model build`"
    )
    assert not is_stale()


def test_saved_pipeline_is_small_enough_to_commit():
    size = sum(p.stat().st_size for p in PIPELINE_DIR.rglob("*") if p.is_file())
    assert size < 10_000_000, f"models/pipeline is {size / 1e6:.1f} MB"


def test_data_files_have_a_header():
    for name in DATA_FILES:
        first = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), f"{name} must start with a comment saying what it is and where it comes from"


def test_taxonomy_has_the_five_veiligheidsvelden():
    taxonomy = load_taxonomy()
    safety = [f.id for f in taxonomy.fields.values() if f.safety]
    assert safety == FIELD_IDS
    assert "overig" in taxonomy.fields and not taxonomy.fields["overig"].safety
    assert {t.field for t in taxonomy.themes.values()} <= set(taxonomy.fields)
    for field_id in FIELD_IDS:
        assert any(t.field == field_id for t in taxonomy.themes.values())


def test_built_pipeline_keeps_ruler_patterns_and_declares_factory_defaults():
    """initialize() must run before the rulers are added: calling it afterwards would wipe their patterns."""
    nlp = build_pipeline()
    assert len(nlp.get_pipe("entity_ruler")) > 1000
    assert len(nlp.get_pipe("exact_ruler")) > 50
    assert len(nlp.get_pipe("org_candidates")) >= 1
    assert nlp.get_pipe_meta("policy_lemma_fallback").default_config == {"min_length": 6}
    assert nlp.get_pipe_meta("policy_theme_tagger").default_config == {"min_modifier": 3}
    assert nlp.meta["extractor"]["data_hash"] == data_hash()


def test_get_nlp_loads_once_per_process():
    from extractor.enrich.loader import get_nlp

    assert get_nlp() is get_nlp()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_cli_model_check_and_help():
    result = _cli("model", "check")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    help_text = _cli("model", "--help").stdout
    assert "examples:" in help_text and "extractor model build" in help_text


@pytest.mark.slow
def test_cli_model_build_writes_a_loadable_pipeline(tmp_path):
    target = tmp_path / "pipeline"
    result = _cli("model", "build", "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "meta.json").exists()
    assert _cli("model", "check", "--out", str(target)).returncode == 0
    assert _cli("model", "check", "--out", str(tmp_path / "nothing")).returncode == 1
    # the same data gives the same patterns and vocabulary: the build is reproducible
    assert (target / "entity_ruler" / "patterns.jsonl").read_bytes() == (PIPELINE_DIR / "entity_ruler" / "patterns.jsonl").read_bytes()
    assert json.loads((target / "meta.json").read_text())["extractor"] == json.loads((PIPELINE_DIR / "meta.json").read_text())["extractor"]
