"""Accuracy regression: `extractor evaluate --gold tests/gold --run --json` must not drop below tests/gold/thresholds.json.

Thresholds only go up. After an improvement, raise them on purpose with
    UPDATE_THRESHOLDS=1 python -m pytest -q tests/test_evaluate_regression.py
which writes max(old, measured rounded down to 3 decimals) for every document, field and matching mode
(never lowering one); commit the changed tests/gold/thresholds.json with the change that earned it.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "tests" / "gold"
THRESHOLDS = GOLD_DIR / "thresholds.json"
SLACK = 1e-9

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured() -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "extractor", "evaluate", "--gold", str(GOLD_DIR), "--run", "--json"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode in (0, 3), f"evaluate crashed (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


def _f1_table(payload: dict) -> dict[str, dict[str, dict[str, float]]]:
    table: dict[str, dict[str, dict[str, float]]] = {}
    for doc in payload["documents"]:
        if doc["status"] == "missing_source":
            continue
        table[doc["name"]] = {
            name: {mode: scores[mode]["f1"] for mode in ("strict", "soft") if scores[mode]["f1"] is not None}
            for name, scores in doc["fields"].items()
        }
    return table


def _raise_thresholds(current: dict, table: dict) -> dict:
    documents = current.setdefault("documents", {})
    for name, fields in table.items():
        for field, modes in fields.items():
            for mode, f1 in modes.items():
                floor = math.floor(f1 * 1000) / 1000
                slot = documents.setdefault(name, {}).setdefault(field, {})
                slot[mode] = max(slot.get(mode, 0.0), floor)
    return current


def test_no_f1_below_threshold(measured):
    current = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    table = _f1_table(measured)
    if os.environ.get("UPDATE_THRESHOLDS") == "1":
        THRESHOLDS.write_text(json.dumps(_raise_thresholds(current, table), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    drops = []
    for name, fields in current.get("documents", {}).items():
        if name not in table:
            continue  # source absent here (corpus): checked by test_corpus_documents_were_scored
        for field, modes in fields.items():
            for mode, limit in modes.items():
                got = table[name].get(field, {}).get(mode)
                if got is None or got + SLACK < limit:
                    drops.append(f"{name} {field} {mode}: F1 {got} < {limit}")
    assert not drops, "accuracy dropped below tests/gold/thresholds.json:\n" + "\n".join(drops)


def test_no_extraction_failed(measured):
    failed = [f"{d['name']}: {d['message']}" for d in measured["documents"] if d["status"] == "failure"]
    assert not failed, failed


def test_corpus_documents_were_scored(measured, corpus_dir):
    skipped = [d["name"] for d in measured["documents"] if d["status"] == "missing_source"]
    assert not skipped, f"gold documents whose source was not found although {corpus_dir} exists: {skipped}"


def test_every_scored_document_has_thresholds(measured):
    current = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    missing = sorted(set(_f1_table(measured)) - set(current.get("documents", {})))
    assert not missing, f"no thresholds yet for {missing}: run UPDATE_THRESHOLDS=1 (see this file's docstring)"
