"""The audit on real document pairs against hand-checked gold, and through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.audit import audit_folder
from extractor.audit.finding import Finding
from extractor.export import write_document
from tests.helpers import REPO, extract_cached

GOLD = Path(__file__).resolve().parent / "gold_audit" / "corpus_findings.json"


def _key(rule: str, items) -> tuple:
    return rule, tuple(sorted((doc, place, raw) for doc, place, raw in items))


def finding_key(finding: Finding) -> tuple:
    items = [(item.doc, item.page or (item.lines[0] if item.lines else None), item.raw) for item in finding.items]
    return _key(finding.rule, items)


@pytest.fixture(scope="module")
def corpus_outputs(corpus_dir: Path, tmp_path_factory) -> Path:
    """The gold documents extracted once (tables on, tagging off: the audit does not read themes)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("audit_corpus")
    for name, file in gold["documents"].items():
        path = (corpus_dir / file[len("../shared/corpus/"):]) if file.startswith("../shared/corpus/") else REPO / file
        document = extract_cached(str(path), tables=True, enrich=False)
        write_document(document, out / f"{name}.json")
    return out


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_findings_are_all_hand_checked_true_and_known_ones_found(corpus_outputs: Path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    verdicts = {_key(g["rule"], g["items"]): g for g in gold["findings"]}
    result = audit_folder(corpus_outputs)
    assert result.rule_errors == []
    produced = {finding_key(f): f for f in result.findings}
    unchecked = [f.message for key, f in produced.items() if key not in verdicts]
    assert unchecked == [], "findings not in the gold: check them by hand and add them to tests/gold_audit/"
    false_positives = [f.message for key, f in produced.items() if verdicts[key]["verdict"] is not True]
    assert false_positives == []
    missing = [g["note"] for key, g in verdicts.items() if g["must_find"] and key not in produced]
    assert missing == []


@pytest.mark.corpus
def test_cli_audit_writes_findings_and_fails_on_errors(corpus_outputs: Path, tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "extractor", "audit", str(corpus_outputs / "Jaarstukken_2023.json"),
               str(corpus_outputs / "begroting_2025.json"), "--out", str(tmp_path / "audit")]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "rekening_matches_realisatie" in done.stdout and "Belangrijkste bevindingen" in done.stdout
    lines = (tmp_path / "audit" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    findings = [Finding.model_validate_json(line) for line in lines]
    assert any(f.rule == "rekening_matches_realisatie" and f.severity == "error" for f in findings)
    assert (tmp_path / "audit" / "_tables" / "findings.parquet").stat().st_size > 0
    assert len((tmp_path / "audit" / "_tables" / "findings.csv").read_text(encoding="utf-8").splitlines()) == len(findings) + 1
    failing = subprocess.run(command + ["--fail-on", "error", "-q"], capture_output=True, text=True, env=env, timeout=300)
    assert failing.returncode == 3


def test_cli_audit_usage_errors_and_rule_list(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    base = [sys.executable, "-m", "extractor", "audit"]
    listing = subprocess.run(base + ["--list-rules"], capture_output=True, text=True, env=env, timeout=120)
    assert listing.returncode == 0 and "rekening_matches_realisatie" in listing.stdout
    missing = subprocess.run(base + [str(tmp_path / "nope.json")], capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2 and "not found" in missing.stderr
    help_text = subprocess.run(base + ["--help"], capture_output=True, text=True, env=env, timeout=120).stdout
    assert help_text.rstrip().splitlines()[-1].strip().startswith("extractor audit")
