"""`--engine dask` on a real LocalCluster (2 worker processes): same outputs as the local engine, same guards."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch import BatchConfig, BatchError, run_batch
from extractor.model import Document
from extractor.pipeline import ExtractOptions

from tests.test_batch_helpers import HERE, TEXT_PAGE, make_pdf

pytest.importorskip("dask.distributed", reason="the optional 'cluster' extra (dask[distributed]) is not installed")

REPO = HERE.parent


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "a" / "plan.pdf").write_bytes(make_pdf([TEXT_PAGE] * 3))
    shutil.copy(REPO / "samples" / "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt", root / "a" / "ivb.txt")
    (root / "b.txt").write_text("Programma 4 Onderwijs\nDoel: minder schoolverlaters.\n", encoding="utf-8")
    (root / "kapot.pdf").write_bytes(b"%PDF-1.4\n%%EOF garbage")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    return root


def manifest(out: Path) -> dict[str, tuple]:
    db = sqlite3.connect(out / "manifest.sqlite")
    rows = {r[0]: r[1:] for r in db.execute("SELECT rel_path, status, error_code, sha256, pages, output_path FROM documents")}
    db.close()
    return rows


@pytest.mark.slow
def test_dask_engine_matches_local_engine(tree: Path, tmp_path: Path) -> None:
    common = ["--no-enrich", "--allow-failures", "--quiet"]
    local = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tree), "--out", str(tmp_path / "local"),
                            "--workers", "2", *common], cwd=REPO, capture_output=True, text=True, timeout=600)
    dask = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tree), "--out", str(tmp_path / "dask"),
                           "--engine", "dask", "--workers", "2", *common], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert local.returncode == 0, local.stderr
    assert dask.returncode == 0, dask.stderr
    assert manifest(tmp_path / "dask") == manifest(tmp_path / "local")
    local_files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*.json"))
    dask_files = sorted(p.relative_to(tmp_path / "dask") for p in (tmp_path / "dask").rglob("*.json"))
    assert local_files == dask_files and len(local_files) == 4
    for rel in local_files:
        assert (tmp_path / "dask" / rel).read_bytes() == (tmp_path / "local" / rel).read_bytes(), rel
    for name in ("goals", "indicators", "budget_lines", "partners"):
        assert (tmp_path / "dask" / "_tables" / f"{name}.csv").read_bytes() == (tmp_path / "local" / "_tables" / f"{name}.csv").read_bytes()


@pytest.mark.slow
def test_dask_engine_stops_slow_and_crashing_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")])))
    root = tmp_path / "in"
    root.mkdir()
    for name in ("sleep.txt", "sigkill.txt", "good1.txt", "good2.txt"):
        (root / name).write_text("Doel 1: veilige buurten.\n", encoding="utf-8")
    result = run_batch(BatchConfig(str(root), str(tmp_path / "out"), workers=2, timeout=5, engine="dask",
                                   options=ExtractOptions(enrich=False), task_function="tests.test_batch_helpers:fault_task"))
    status = {r.rel_path: (r.status, r.error_code) for r in result.records}
    assert status["sleep.txt"] == ("failure", "timeout") and status["sigkill.txt"] == ("failure", "worker_crashed")
    assert status["good1.txt"][0] in ("success", "partial") and status["good2.txt"][0] in ("success", "partial")
    assert len(status) == 4
    doc = Document.model_validate_json((tmp_path / "out" / "sleep.txt.json").read_bytes())
    assert doc.errors[0].code == "timeout"


def test_missing_dask_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # makes `import dask.distributed` fail
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Doel 1\n", encoding="utf-8")
    with pytest.raises(BatchError, match=r"pip install 'municipal-policy-extractor\[cluster\]'"):
        run_batch(BatchConfig(str(tmp_path / "in"), str(tmp_path / "out"), workers=1, engine="dask"))


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Doel 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                           "--scheduler", "tcp://127.0.0.1:9", "--quiet"], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr


@pytest.mark.slow
def test_scheduler_address_uses_a_running_cluster(tree: Path, tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        relative_input = os.path.relpath(tree, REPO)
        proc = subprocess.run([sys.executable, "-m", "extractor", "batch", relative_input, "--out", str(tmp_path / "out"),
                               "--scheduler", cluster.scheduler_address, "--no-enrich", "--quiet"],
                              cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 3, proc.stderr  # kapot.pdf fails
    assert "kapot.pdf" in proc.stderr
    rows = manifest(tmp_path / "out")
    done = ("success", "partial")
    assert {k for k, v in rows.items() if v[0] in done} == {"a/plan.pdf", "a/ivb.txt", "b.txt"}
    assert rows["kapot.pdf"][0] == "failure" and rows["notes.docx"][0] == "skipped"
    doc = Document.model_validate_json((tmp_path / "out" / "a" / "plan.pdf.json").read_bytes())
    assert doc.source.file == str(tree / "a" / "plan.pdf")  # made absolute for workers elsewhere
    assert doc.source.pages == 3
