"""`extractor batch` / `extractor tables`: walking, output tree, manifest, resume, guards, tables, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractor import __version__
from extractor.batch import BatchConfig, run_batch
from extractor.batch.runner import remove_temp_files
from extractor.batch.tables import SCHEMAS, TABLES_DIR
from extractor.batch.walk import walk_inputs
from extractor.model import Document
from extractor.pipeline import ExtractOptions

from tests.helpers import manifest_rows
from tests.test_batch_helpers import HERE, TEXT_PAGE, make_pdf

REPO = HERE.parent
SAMPLES = REPO / "samples"
FAST = ExtractOptions(enrich=False)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})}, timeout=600)


@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    """Two good documents with the same stem in different formats, a nested folder, a skipped file."""
    root = tmp_path / "in"
    (root / "gemeente a" / "sub").mkdir(parents=True)
    (root / "gemeente a" / "begroting.pdf").write_bytes(make_pdf([TEXT_PAGE, TEXT_PAGE]))
    shutil.copy(SAMPLES / "leiden_voortgangsrapportage_2022_veiligheid.txt", root / "gemeente a" / "begroting.txt")
    (root / "gemeente a" / "sub" / "notitie.txt").write_text("Programma 2 Wonen\nDoel: meer woningen.\n", encoding="utf-8")
    (root / "gemeente a" / "sub" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


# ---------------------------------------------------------------- walking


def test_walk_keeps_relative_paths_and_lists_other_files_as_skipped(small_tree: Path) -> None:
    items = {i.rel_path: i for i in walk_inputs(small_tree)}
    assert set(items) == {"gemeente a/begroting.pdf", "gemeente a/begroting.txt", "gemeente a/sub/notitie.txt",
                          "gemeente a/sub/logo.png"}
    assert items["gemeente a/sub/logo.png"].action == "skip"
    assert items["gemeente a/sub/logo.png"].code == "unsupported_format"
    # x.pdf and x.txt get distinct outputs because the suffix is kept
    assert items["gemeente a/begroting.pdf"].output_rel == "gemeente a/begroting.pdf.json"
    assert items["gemeente a/begroting.txt"].output_rel == "gemeente a/begroting.txt.json"


def test_walk_reports_symlink_loop_and_excludes_output_folder(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "a" / "doc.txt").write_text("Doel 1\n", encoding="utf-8")
    os.symlink("..", root / "a" / "back_to_root")
    os.symlink("self_link.txt", root / "self_link.txt")
    (root / "out").mkdir()
    (root / "out" / "old.txt").write_text("not an input\n", encoding="utf-8")
    items = {i.rel_path: i for i in walk_inputs(root, exclude=root / "out")}
    assert items["a/doc.txt"].action == "process"
    assert items["a/back_to_root"].action == "skip"
    assert "loop" in items["a/back_to_root"].message
    assert items["self_link.txt"].action == "skip"
    assert "loop" in items["self_link.txt"].message
    assert not any(k.startswith("out/") for k in items)


def test_remove_temp_files_only_touches_atomic_writer_leftovers(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    leftovers = [tmp_path / ".x.pdf.json.ab_12cd.tmp", tmp_path / "d" / ".goals.parquet.k9z.tmp"]
    keep = [tmp_path / "notes.tmp", tmp_path / ".hidden.tmp", tmp_path / "x.pdf.json"]
    for p in leftovers + keep:
        p.write_bytes(b"x")
    assert remove_temp_files(tmp_path) == 2
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in keep)


# ---------------------------------------------------------------- the command


def test_batch_cli_writes_tree_manifest_and_tables(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = cli("batch", str(small_tree), "--out", str(out), "--workers", "2", "--no-enrich")
    assert proc.returncode == 0, proc.stderr
    assert "Batch finished" in proc.stdout and "slowest documents" in proc.stdout
    for rel in ("gemeente a/begroting.pdf", "gemeente a/begroting.txt", "gemeente a/sub/notitie.txt"):
        doc = Document.model_validate_json((out / (rel + ".json")).read_bytes())
        assert doc.source.file == str(small_tree / rel)
        assert doc.status in ("success", "partial")
    assert not (out / "gemeente a" / "sub" / "logo.png.json").exists()

    rows = manifest_rows(out)
    assert rows["gemeente a/sub/logo.png"]["status"] == "skipped"
    pdf_row = rows["gemeente a/begroting.pdf"]
    assert pdf_row["pages"] == 2
    assert pdf_row["extractor_version"] == __version__
    assert pdf_row["output_path"] == "gemeente a/begroting.pdf.json"
    assert len(pdf_row["sha256"]) == 64 and pdf_row["size"] > 0 and pdf_row["duration_s"] >= 0

    # Coverage (issue 9): the goal-less notitie is listed as empty; goals and headings are counted per document.
    assert "came out empty" in proc.stdout and "gemeente a/sub/notitie.txt" in proc.stdout.split("came out empty")[1]
    text_row = rows["gemeente a/begroting.txt"]
    assert text_row["n_goals"] == 30 and text_row["n_outline_headings"] > 0
    assert rows["gemeente a/sub/notitie.txt"]["n_goals"] == 0
    outline = pd.read_csv(out / TABLES_DIR / "outline.csv")
    assert (outline["json_file"] == "gemeente a/begroting.txt.json").sum() == text_row["n_outline_headings"]

    for name, schema in SCHEMAS.items():
        csv_frame = pd.read_csv(out / TABLES_DIR / f"{name}.csv")
        parquet_frame = pd.read_parquet(out / TABLES_DIR / f"{name}.parquet")
        assert list(csv_frame.columns) == list(schema) == list(parquet_frame.columns)
        assert len(csv_frame) == len(parquet_frame)
        assert "source_file" in schema and "page" in schema or name == "partners"


def test_tables_command_rebuilds_identical_tables(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("batch", str(small_tree), "--out", str(out), "--workers", "1", "--no-enrich", "--quiet").returncode == 0
    before = {p.name: pd.read_parquet(p) for p in (out / TABLES_DIR).glob("*.parquet")}
    shutil.rmtree(out / TABLES_DIR)
    (out / "foreign.json").write_text('{"not": "a document"}', encoding="utf-8")
    proc = cli("tables", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "foreign.json" in proc.stderr
    after = {p.name: pd.read_parquet(p) for p in (out / TABLES_DIR).glob("*.parquet")}
    assert set(before) == set(after) == {f"{n}.parquet" for n in SCHEMAS}
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name])


def test_tables_have_rows_with_provenance(tmp_path: Path) -> None:
    """Rows flattened from a document with content in every list (written by hand, the schema's contract)."""
    from extractor.batch.tables import build_tables

    doc = {
        "extractor_version": __version__, "source": {"file": "in/x.pdf", "sha256": "ab", "format": "pdf", "pages": 3},
        "outline": [{"id": "h1", "title": "Veiligheid", "level": 1, "number": "1", "page": 2, "bbox": [1, 1, 3, 2]}],
        "goals": [{"id": "g1", "code": "1", "title": "Veilig wonen", "level": "doel", "label": "Doel", "page": 2,
                   "bbox": [1, 2, 3, 4]}],
        "indicators": [
            {"id": "i1", "name": "Woninginbraken", "page": 3, "values": [
                {"year": 2023, "type": "realisatie", "value": 2.5, "raw": "2,5"},
                {"year": 2025, "type": "streefwaarde", "value": 2.0, "comparator": "<", "raw": "< 2"}]},
            {"id": "i2", "name": "Zonder waarden", "lines": [10, 12]},
        ],
        "budget_lines": [{"label": "Lasten", "column": "Begroting 2024", "kind": "begroting", "year": 2024,
                          "amount": 1234.5, "raw": "1.234,5", "page": 3}],
        "partners": [{"name": "GGD", "canonical": "GGD", "kind": "gezondheid", "known": True, "mentions": 2, "pages": [1, 3]}],
    }
    (tmp_path / "x.pdf.json").write_text(json.dumps(doc), encoding="utf-8")
    result = build_tables(tmp_path)
    assert result.rows == {"outline": 1, "goals": 1, "indicators": 3, "budget_lines": 1, "partners": 1}
    goals = pd.read_parquet(tmp_path / TABLES_DIR / "goals.parquet")
    assert goals.label.tolist() == ["Doel"]
    outline = pd.read_parquet(tmp_path / TABLES_DIR / "outline.parquet")
    assert outline[["heading_id", "level", "page", "bbox_top"]].values.tolist() == [["h1", 1, 2, 1.0]]
    indicators = pd.read_parquet(tmp_path / TABLES_DIR / "indicators.parquet")
    breaking = indicators[indicators.indicator_id == "i1"].sort_values("value_year")
    assert breaking.value.tolist() == [2.5, 2.0] and breaking.comparator.tolist()[1] == "<"
    assert (indicators.source_file == "in/x.pdf").all() and (indicators.json_file == "x.pdf.json").all()
    bare = indicators[indicators.indicator_id == "i2"].iloc[0]
    assert pd.isna(bare.value) and bare.line_first == 10 and bare.line_last == 12
    goals = pd.read_csv(tmp_path / TABLES_DIR / "goals.csv")
    assert goals.loc[0, "bbox_x1"] == 3 and goals.loc[0, "page"] == 2
    assert pd.read_parquet(tmp_path / TABLES_DIR / "partners.parquet").loc[0, "pages"] == "1;3"


def test_exit_codes_for_failures_and_allow_failures(small_tree: Path, tmp_path: Path) -> None:
    (small_tree / "kapot.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    proc = cli("batch", str(small_tree), "--out", str(tmp_path / "o1"), "--workers", "2", "--no-enrich", "--quiet")
    assert proc.returncode == 3
    assert "kapot.pdf" in proc.stderr and "corrupt_pdf" in proc.stderr
    assert proc.stdout == ""  # --quiet: no progress and no summary
    proc = cli("batch", str(small_tree), "--out", str(tmp_path / "o2"), "--workers", "2", "--no-enrich", "--allow-failures")
    assert proc.returncode == 0
    assert "1 failure" in proc.stdout
    failed = Document.model_validate_json((tmp_path / "o2" / "kapot.pdf.json").read_bytes())
    assert failed.status == "failure" and failed.errors[0].code == "corrupt_pdf"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cli("batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")).returncode == 2
    assert cli("batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "0").returncode == 2
    assert cli("tables", str(tmp_path / "missing")).returncode == 2


# ---------------------------------------------------------------- resume


def test_resume_skips_done_redoes_changed_and_failed(small_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (small_tree / "leeg.txt").write_bytes(b"")
    first = run_batch(BatchConfig(str(small_tree), str(out), workers=2, options=FAST))
    counts = first.by_status()
    assert counts.get("success", 0) + counts.get("partial", 0) == 3 and counts["failure"] == 1 and counts["skipped"] == 1
    first_rows = manifest_rows(out)

    (small_tree / "gemeente a" / "sub" / "notitie.txt").write_text("Programma 3 Zorg\nDoel: gezonde inwoners.\n", encoding="utf-8")
    second = run_batch(BatchConfig(str(small_tree), str(out), workers=2, resume=True, options=FAST))
    redone = sorted(r.rel_path for r in second.processed)
    assert redone == ["gemeente a/sub/notitie.txt", "leeg.txt"]  # changed content + earlier failure
    assert sorted(r.rel_path for r in second.records if r.resumed) == ["gemeente a/begroting.pdf", "gemeente a/begroting.txt"]
    rows = manifest_rows(out)
    assert rows["gemeente a/begroting.pdf"]["run_id"] == first_rows["gemeente a/begroting.pdf"]["run_id"]
    assert rows["gemeente a/sub/notitie.txt"]["sha256"] != first_rows["gemeente a/sub/notitie.txt"]["sha256"]
    redone_doc = Document.model_validate_json((out / "gemeente a/sub/notitie.txt.json").read_bytes())
    assert redone_doc.source.sha256 == rows["gemeente a/sub/notitie.txt"]["sha256"]

    # A resumed run whose output file went missing does that document again.
    (out / "gemeente a" / "begroting.txt.json").unlink()
    third = run_batch(BatchConfig(str(small_tree), str(out), workers=1, resume=True, options=FAST))
    assert "gemeente a/begroting.txt" in [r.rel_path for r in third.processed]
    assert (out / "gemeente a" / "begroting.txt.json").is_file()

    # Other extraction options give other JSON: nothing counts as done for them.
    fourth = run_batch(BatchConfig(str(small_tree), str(out), workers=2, resume=True,
                                   options=ExtractOptions(enrich=False, tables=False)))
    assert not [r for r in fourth.records if r.resumed] and len(fourth.processed) == 4


# ---------------------------------------------------------------- guards: time, memory, dying workers


@pytest.fixture
def fault_env(monkeypatch: pytest.MonkeyPatch) -> str:
    """Make `tests.test_batch_helpers.fault_task` importable in worker children."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")])))
    return "tests.test_batch_helpers:fault_task"


@pytest.mark.slow
def test_pathological_documents_are_stopped_and_the_batch_goes_on(tmp_path: Path, fault_env: str) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for name in ("sleep.txt", "hog.txt", "bigalloc.txt", "exit.txt", "sigkill.txt", "raise.txt", "good1.txt", "good2.txt", "good3.txt"):
        (root / name).write_text("Programma 1 Veiligheid\nDoel: minder inbraken.\n", encoding="utf-8")
    config = BatchConfig(str(root), str(tmp_path / "out"), workers=2, timeout=8, max_memory_mb=400,
                         options=FAST, task_function=fault_env)
    result = run_batch(config)
    by_path = {r.rel_path: r for r in result.records}
    expected = {"sleep.txt": "timeout", "hog.txt": "memory_limit", "bigalloc.txt": "memory_limit", "exit.txt": "worker_crashed",
                "sigkill.txt": "worker_crashed", "raise.txt": "internal_error"}
    for name, code in expected.items():
        assert by_path[name].status == "failure", name
        assert by_path[name].error_code == code, (name, by_path[name].error_message)
        doc = Document.model_validate_json((tmp_path / "out" / (name + ".json")).read_bytes())
        assert doc.status == "failure" and doc.errors[0].code == code and doc.source.sha256
    assert "SIGKILL" in by_path["sigkill.txt"].error_message
    assert "code 17" in by_path["exit.txt"].error_message
    assert "--timeout" in by_path["sleep.txt"].error_message
    assert "--max-memory-mb" in by_path["hog.txt"].error_message
    for name in ("good1.txt", "good2.txt", "good3.txt"):
        assert by_path[name].status in ("success", "partial")
    assert result.stats["worker_restarts"] >= 5


def test_real_document_over_time_limit_is_recorded_as_timeout(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "long.pdf").write_bytes(make_pdf([TEXT_PAGE] * 400, shared_content=True))
    (root / "short.txt").write_text("Doel 1: veilige wijken.\n", encoding="utf-8")
    proc = cli("batch", str(root), "--out", str(tmp_path / "out"), "--workers", "1", "--timeout", "0.05", "--quiet")
    # short.txt may or may not beat 0.05 s on a loaded machine; long.pdf (400 pages) cannot.
    assert proc.returncode == 3
    doc = Document.model_validate_json((tmp_path / "out" / "long.pdf.json").read_bytes())
    assert doc.errors[0].code == "timeout" and doc.source.format == "pdf" and doc.source.size
    assert manifest_rows(tmp_path / "out")["long.pdf"]["error_code"] == "timeout"


def test_memory_error_inside_the_pipeline_becomes_memory_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline turns a reader's MemoryError into internal_error; the batch worker names it memory_limit."""
    import extractor.pipeline as pipeline
    from extractor.batch.worker import process_task

    path = tmp_path / "groot.pdf"
    path.write_bytes(make_pdf([TEXT_PAGE]))
    monkeypatch.setattr(pipeline, "read_document", lambda *a, **k: (_ for _ in ()).throw(MemoryError()))
    result = process_task(str(path), {"enrich": False})
    doc = Document.model_validate_json(result["json"])
    assert (result["status"], result["error_code"], result["restart"]) == ("failure", "memory_limit", True)
    assert doc.status == "failure" and doc.errors[0].code == "memory_limit" and "out of memory" in doc.errors[0].message
