"""Regression tests for the hardening defects of issue 11 (each names its item).

Small generated inputs; CLI behaviour through the real entry point (`python -m extractor`),
failures injected in-process with monkeypatch or through a batch task function.
"""

from __future__ import annotations

import errno
import json
import re
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import extractor.pipeline as pipeline
from extractor.batch import BatchConfig, run_batch
from extractor.batch.outputs import plan_outputs
from extractor.batch.runner import BatchError, BatchStopped, remove_temp_files
from extractor.cli import main
from extractor.cli.extract import output_names
from extractor.errors import CATALOGUE, ExtractionError, severity
from extractor.fsnames import escape_name, unescape_name
from extractor.model import Document, ErrorCode
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import ReadWarning

from tests.helpers import manifest_rows
from tests.test_batch_helpers import HERE, TEXT_PAGE, make_pdf
from tests.test_robustness import DROP_ROOT_OVERRIDE

REPO = HERE.parent
FAST = ExtractOptions(enrich=False)
GOAL_TEXT = (REPO / "samples" / "leiden_jaarstukken_2017_veiligheid.txt").read_text(encoding="utf-8")  # has a goal tree
BAD_NAME = os.fsdecode(b"bad\xffname.txt")


def cli(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=600)


def write(path: Path, text: str = GOAL_TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- (3) internal error → partial, exit 1

def test_internal_error_in_enrichment_is_partial_and_exit_1(tmp_path, monkeypatch, capsys) -> None:
    import extractor.enrich

    def broken(document, laid_out):
        raise FileNotFoundError("models/data/lemma_exceptions.csv")

    monkeypatch.setattr(extractor.enrich, "enrich_document", broken)
    source = write(tmp_path / "plan.txt")
    code = main(["extract", str(source), "-o", str(tmp_path / "out")])
    doc = Document.model_validate_json((tmp_path / "out" / "plan.json").read_bytes())
    assert doc.status == "partial"
    assert [e.code for e in doc.errors] == [ErrorCode.internal_error]
    assert "stage enrich failed" in doc.errors[0].message
    assert code == 1
    assert "internal error" in capsys.readouterr().err


def enrich_fails_task(path: str, options: dict) -> dict:
    """A batch task whose enrichment stage crashes (run in the guarded worker)."""
    import extractor.enrich
    from extractor.batch.worker import process_task

    def broken(document, laid_out):
        raise RuntimeError("injected enrichment failure")

    extractor.enrich.enrich_document = broken
    return process_task(path, {**options, "enrich": True})


def test_batch_with_internal_error_reports_it(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt")
    result = run_batch(BatchConfig(str(tmp_path / "in"), str(tmp_path / "out"), workers=1, options=FAST,
                                   task_function="tests.test_hardening:enrich_fails_task"))
    assert [(r.rel_path, r.status, r.internal_error) for r in result.records] == [("a.txt", "partial", True)]
    assert result.by_status() == {"partial": 1}


# ---------------------------------------------------------------- (4) non-UTF-8 file names

def test_name_escaping_is_lossless() -> None:
    for raw in [b"bad\xffname.txt", b"a\\b\xfe.txt", b"plain.txt", "café.pdf".encode(), b"a\\x41.txt"]:
        name = os.fsdecode(raw)
        shown = escape_name(name)
        assert shown.encode("utf-8")  # storable in JSON and SQLite
        assert unescape_name(shown) == name
    assert escape_name(BAD_NAME) == "bad\\xffname.txt"


def test_batch_processes_a_non_utf8_name_and_resumes(tmp_path) -> None:
    inp = tmp_path / "in"
    write(inp / BAD_NAME)
    write(inp / "good.txt")
    first = cli("batch", str(inp), "--out", str(tmp_path / "out"), "-j", "1", "--no-enrich", "--quiet")
    assert first.returncode == 0, first.stderr
    rows = manifest_rows(tmp_path / "out")
    assert rows["bad\\xffname.txt"]["status"] == "success"
    doc = Document.model_validate_json((tmp_path / "out" / (BAD_NAME + ".json")).read_bytes())
    assert doc.source.file.endswith("bad\\xffname.txt") and len(doc.goals) > 0
    again = cli("batch", str(inp), "--out", str(tmp_path / "out"), "-j", "1", "--no-enrich", "--resume")
    assert again.returncode == 0, again.stderr
    assert "resume: 2 documents already done" in again.stderr


# ---------------------------------------------------------------- (5) long names

def test_names_of_237_to_255_bytes_are_processed(tmp_path) -> None:
    inp = tmp_path / "in"
    names = ["l" * (n - 4) + ".txt" for n in (237, 250, 251, 255)]
    for name in names:
        write(inp / name)
    result = run_batch(BatchConfig(str(inp), str(tmp_path / "out"), workers=1, options=FAST))
    assert sorted(r.status for r in result.records) == ["success"] * 4
    for record in result.records:
        assert (tmp_path / "out" / record.output_path).is_file()
    by_name = {r.rel_path: r.output_path for r in result.records}
    assert by_name[names[0]] == names[0] + ".json"  # fits: the natural name is kept
    assert by_name[names[3]].startswith("_renamed/")  # 255 + 5 bytes cannot exist


# ---------------------------------------------------------------- (6) output-path collisions

def test_output_plan_never_collides() -> None:
    rels = ["d/a.txt", "d/a.txt.json/x.txt", "manifest.sqlite/y.txt", "_tables/z.txt", "ok.txt"]
    plan = plan_outputs(rels)
    assert len(set(plan.values())) == len(rels)
    assert plan["ok.txt"] == "ok.txt.json" and plan["d/a.txt.json/x.txt"] == "d/a.txt.json/x.txt.json"
    assert plan["d/a.txt"].startswith("_renamed/")
    assert plan["manifest.sqlite/y.txt"].startswith("_renamed/") and plan["_tables/z.txt"].startswith("_renamed/")


def test_batch_with_colliding_input_folders_completes(tmp_path) -> None:
    inp = tmp_path / "in"
    for rel in ["d/a.txt", "d/a.txt.json/x.txt", "manifest.sqlite/y.txt", "ok.txt"]:
        write(inp / rel)
    proc = cli("batch", str(inp), "--out", str(tmp_path / "out"), "-j", "1", "--no-enrich", "--quiet")
    assert proc.returncode == 0, proc.stderr
    rows = manifest_rows(tmp_path / "out")
    assert {r: rows[r]["status"] for r in rows} == {"d/a.txt": "success", "d/a.txt.json/x.txt": "success",
                                                    "manifest.sqlite/y.txt": "success", "ok.txt": "success"}
    for row in rows.values():
        doc = Document.model_validate_json((tmp_path / "out" / row["output_path"]).read_bytes())
        assert doc.source.file == str(inp / row["rel_path"])


def test_a_folder_in_the_way_moves_the_output(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt")
    (tmp_path / "out" / "a.txt.json").mkdir(parents=True)  # left by someone else
    result = run_batch(BatchConfig(str(tmp_path / "in"), str(tmp_path / "out"), workers=1, options=FAST))
    (record,) = result.records
    assert record.status == "success" and record.output_path.startswith("_renamed/")


# ---------------------------------------------------------------- (7) lock and own leftovers

def test_second_batch_into_a_locked_folder_exits_2(tmp_path) -> None:
    import fcntl

    write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / "manifest.sqlite.lock", "ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        proc = cli("batch", str(tmp_path / "in"), "--out", str(out), "-j", "1", "--no-enrich")
    assert proc.returncode == 2
    assert "another batch is writing into this output folder" in proc.stderr and "--wait" in proc.stderr
    assert not (out / "a.txt.json").exists()


def test_wait_waits_for_the_lock(tmp_path) -> None:
    import fcntl
    import threading

    write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    handle = open(out / "manifest.sqlite.lock", "ab")
    fcntl.flock(handle, fcntl.LOCK_EX)
    threading.Timer(1.0, handle.close).start()
    result = run_batch(BatchConfig(str(tmp_path / "in"), str(out), workers=1, options=FAST, wait=True))
    assert [r.status for r in result.records] == ["success"]


def test_temp_files_of_live_writers_are_kept(tmp_path) -> None:
    live = tmp_path / f".~{os.getppid()}-0a1b2c3d.tmp"
    dead = tmp_path / ".~999999999-0a1b2c3d.tmp"
    legacy = tmp_path / ".x.pdf.json.ab12.tmp"
    other = tmp_path / ".~notes.tmp"
    for path in (live, dead, legacy, other):
        path.write_bytes(b"x")
    assert remove_temp_files(tmp_path) == 2
    assert live.exists() and other.exists() and not dead.exists() and not legacy.exists()


# ---------------------------------------------------------------- (8) same-stem inputs in `extract`

def test_same_stem_inputs_get_distinct_outputs(tmp_path) -> None:
    a = tmp_path / "a"
    files = [write(a / "x.txt", GOAL_TEXT), write(a / "x.md", "Doel 1: markdown.\n"), write(a / "x.text", "Doel 1: text.\n")]
    proc = cli("extract", *map(str, files), "-o", str(tmp_path / "out"), "--no-enrich")
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["x.md.json", "x.text.json", "x.txt.json"]
    for path in (tmp_path / "out").iterdir():
        doc = Document.model_validate_json(path.read_bytes())
        assert path.name == Path(doc.source.file).name + ".json"
        assert f"-> {path}" in proc.stdout


def test_output_names_are_always_distinct() -> None:
    files = ["a/x.txt", "b/x.txt", "a/x.md", "a/x.txt", "y.pdf"]
    names = output_names(files)
    assert len(set(names)) == len(files) and names[-1] == "y.json"


# ---------------------------------------------------------------- (9) walk failures get a JSON

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_walk_failure_gets_a_manifest_row_and_a_json(tmp_path) -> None:
    inp = tmp_path / "in"
    write(inp / "good.txt")
    os.mkfifo(inp / "pijp.pdf")
    result = run_batch(BatchConfig(str(inp), str(tmp_path / "out"), workers=1, options=FAST))
    rows = manifest_rows(tmp_path / "out")
    assert rows["pijp.pdf"]["status"] == "failure" and rows["pijp.pdf"]["output_path"] == "pijp.pdf.json"
    doc = Document.model_validate_json((tmp_path / "out" / "pijp.pdf.json").read_bytes())
    assert doc.status == "failure" and doc.errors[0].code == ErrorCode.not_a_file and "FIFO" in doc.errors[0].message
    assert [r.rel_path for r in result.failed] == ["pijp.pdf"]


# ---------------------------------------------------------------- (10) clear errors for the output folder

def test_out_is_an_existing_file_exits_2(tmp_path) -> None:
    source = write(tmp_path / "a.txt")
    taken = tmp_path / "taken"
    taken.write_text("x")
    for args in (["extract", str(source), "-o", str(taken)], ["batch", str(tmp_path), "--out", str(taken)]):
        proc = cli(*args, "--no-enrich")
        assert proc.returncode == 2, (args, proc.stderr)
        assert str(taken) in proc.stderr and "not a folder" in proc.stderr and "internal error" not in proc.stderr


IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(IS_ROOT and not DROP_ROOT_OVERRIDE, reason="root without setpriv writes into any folder")
def test_unwritable_out_folder_exits_2(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = subprocess.run([*DROP_ROOT_OVERRIDE, sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"),
                               "--out", str(out), "--no-enrich"], cwd=REPO, capture_output=True, text=True, timeout=300)
    finally:
        out.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert str(out) in proc.stderr and "permission denied" in proc.stderr and "internal error" not in proc.stderr


@pytest.fixture
def small_tmpfs(tmp_path):
    """A 400 kB file system of its own (root only, where mounting is allowed): a disk that really fills up."""
    mount = Path("/bin/mount") if Path("/bin/mount").exists() else None
    if not IS_ROOT or mount is None:
        pytest.skip("needs root and mount(8) to make a small tmpfs")
    point = tmp_path / "small"
    point.mkdir()
    if subprocess.run([str(mount), "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(point)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_full_disk_on_a_real_small_file_system(tmp_path, small_tmpfs) -> None:
    inp = tmp_path / "in"
    for index in range(8):  # about 90 kB of JSON each: the 400 kB disk fills up on the way
        write(inp / f"d{index}.txt", (REPO / "samples" / "leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt").read_text())
    out = small_tmpfs / "out"
    proc = cli("batch", str(inp), "--out", str(out), "-j", "1", "--no-enrich", "--quiet")
    assert proc.returncode == 2, proc.stderr
    assert f"{out}: no space left on device" in proc.stderr and "--resume" in proc.stderr
    rows = manifest_rows(out)
    on_disk = sorted(p.name for p in out.glob("*.json"))
    assert on_disk and sorted(r["output_path"] for r in rows.values()) == on_disk
    assert all(r["status"] == "success" for r in rows.values())
    assert not list(out.glob(".~*.tmp"))


def test_read_only_file_system_exits_2(tmp_path, small_tmpfs) -> None:
    write(tmp_path / "in" / "a.txt")
    (small_tmpfs / "out").mkdir()
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], capture_output=True).returncode == 0
    proc = cli("batch", str(tmp_path / "in"), "--out", str(small_tmpfs / "out"), "--no-enrich")
    assert proc.returncode == 2, proc.stderr
    assert "read-only file system" in proc.stderr and str(small_tmpfs / "out") in proc.stderr


def test_unwritable_out_folder_is_a_batch_error(tmp_path, monkeypatch) -> None:
    import builtins

    write(tmp_path / "in" / "a.txt")
    real_open = builtins.open

    def read_only(path, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+") and str(path).startswith(str(tmp_path / "out")):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, mode, *args, **kwargs)

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(builtins, "open", read_only)
    with pytest.raises(BatchError, match="read-only file system"):
        run_batch(BatchConfig(str(tmp_path / "in"), str(tmp_path / "out"), workers=1, options=FAST))


def test_full_disk_stops_the_batch_cleanly(tmp_path, monkeypatch) -> None:
    import extractor.batch.runner as runner

    inp = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(inp / name)
    real_write = runner.write_atomic
    written: list[str] = []

    def fills_up(path, data):
        if len(written) == 1:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)
        written.append(Path(path).name)

    monkeypatch.setattr(runner, "write_atomic", fills_up)
    with pytest.raises(BatchStopped, match="no space left on device") as stopped:
        run_batch(BatchConfig(str(inp), str(tmp_path / "out"), workers=1, options=FAST))
    assert "1 documents were written" in str(stopped.value) and "--resume" in str(stopped.value)
    rows = manifest_rows(tmp_path / "out")
    assert [r["output_path"] for r in rows.values()] == written  # the manifest names exactly what was written
    db = sqlite3.connect(tmp_path / "out" / "manifest.sqlite")
    assert db.execute("SELECT outcome FROM runs").fetchall() == [("output_error",)]
    db.close()


def test_full_manifest_database_stops_the_batch_and_keeps_files_and_rows_in_step(tmp_path, monkeypatch) -> None:
    from extractor.batch.manifest import Manifest

    inp = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(inp / name)
    real_record = Manifest.record
    calls: list[str] = []

    def full_on_second(self, row):
        calls.append(row["rel_path"])
        if len(calls) == 2:
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = 13  # SQLITE_FULL
            raise exc
        real_record(self, row)

    monkeypatch.setattr(Manifest, "record", full_on_second)
    with pytest.raises(BatchStopped, match="no space left on device"):
        run_batch(BatchConfig(str(inp), str(tmp_path / "out"), workers=1, options=FAST))
    monkeypatch.setattr(Manifest, "record", real_record)
    rows = manifest_rows(tmp_path / "out")
    assert sorted(r["output_path"] for r in rows.values()) == sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert len(rows) == 1


# ---------------------------------------------------------------- (11) pdfplumber: damaged PDFs are corrupt_pdf

class _LazyFailure:
    """pdfplumber's objects raise lazily on damaged files: here at the page count."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
        self.metadata: dict = {}

    @property
    def pages(self):
        exc = self.exc

        class Pages(list):
            def __len__(self) -> int:
                raise exc

        return Pages()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


@pytest.mark.parametrize("make_error", [
    lambda: __import__("pdfplumber.utils.exceptions", fromlist=["x"]).PdfminerException("bad xref"),
    lambda: __import__("pdfplumber.utils.exceptions", fromlist=["x"]).MalformedPDFException("bad object"),
    lambda: RecursionError("maximum recursion depth exceeded"),
])
def test_pdfplumber_reader_reports_damage_as_corrupt_pdf(tmp_path, monkeypatch, make_error) -> None:
    import pdfplumber

    path = tmp_path / "kapot.pdf"
    path.write_bytes(make_pdf([TEXT_PAGE]))
    monkeypatch.setattr(pdfplumber, "open", lambda *_a, **_k: _LazyFailure(make_error()))
    doc = extract_document(path, ExtractOptions(reader="pdfplumber", enrich=False))
    assert doc.status == "failure"
    assert doc.errors[0].code == ErrorCode.corrupt_pdf and "damaged" in doc.errors[0].message


# ---------------------------------------------------------------- (12) oversized page → partial, --max-page-area

def test_oversized_page_makes_the_document_partial(tmp_path) -> None:
    path = tmp_path / "poster.pdf"
    path.write_bytes(make_pdf([TEXT_PAGE, TEXT_PAGE], page_boxes=[None, (3000, 3000)]))
    doc = extract_document(path, ExtractOptions(enrich=False, max_page_area=1_000_000))
    assert doc.status == "partial"
    assert [(e.code, e.page, e.severity) for e in doc.errors] == [(ErrorCode.page_too_large, 2, "error")]
    assert "--max-page-area" in doc.errors[0].message
    assert extract_document(path, FAST).status == "success"  # 9,000,000 pt² is under the default limit
    proc = cli("extract", str(path), "--stdout", "--no-enrich", "--max-page-area", "1000000")
    assert json.loads(proc.stdout)["status"] == "partial"


# ---------------------------------------------------------------- (13) every stage inside the guard

@pytest.mark.parametrize("stage,target", [
    ("layout", "lay_out"), ("metadata", "parse_metadata"), ("goals", "parse_goals"), ("tables", "read_tables"),
])
def test_a_failure_in_any_stage_is_caught(tmp_path, monkeypatch, stage, target) -> None:
    def boom(*args, **kwargs):
        raise ValueError(f"injected failure in {stage}")

    monkeypatch.setattr(pipeline, target, boom)
    doc = extract_document(write(tmp_path / "a.txt"), FAST)
    assert doc.status == "partial"
    assert any(e.code == ErrorCode.internal_error and f"stage {stage} failed" in e.message for e in doc.errors)


def test_a_failure_in_enrichment_is_caught(tmp_path, monkeypatch) -> None:
    import extractor.enrich

    monkeypatch.setattr(extractor.enrich, "enrich_document", lambda *a: 1 / 0)
    doc = extract_document(write(tmp_path / "a.txt"))
    assert doc.status == "partial" and "stage enrich failed: ZeroDivisionError" in doc.errors[-1].message
    assert len(doc.goals) > 0  # the earlier stages' results are kept


def test_memory_error_is_recognised_by_type(tmp_path, monkeypatch) -> None:
    def exhausted(*args, **kwargs):
        raise MemoryError()  # no message at all: only the type says what happened

    monkeypatch.setattr(pipeline, "parse_goals", exhausted)
    doc = extract_document(write(tmp_path / "a.txt"), FAST)
    assert [e.code for e in doc.errors] == [ErrorCode.memory_limit]

    from extractor.batch.worker import process_task

    result = process_task(str(tmp_path / "a.txt"), {"enrich": False})
    assert result["status"] == "failure" and result["error_code"] == "memory_limit" and result["restart"] is True


# ---------------------------------------------------------------- (14) file modes follow the umask

def test_outputs_honour_the_umask(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt")
    proc = subprocess.run(["sh", "-c", f'umask 022 && exec "{sys.executable}" -m extractor batch "{tmp_path / "in"}" '
                                       f'--out "{tmp_path / "out"}" -j 1 --no-enrich --quiet'],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    files = [tmp_path / "out" / "a.txt.json", tmp_path / "out" / "_tables" / "goals.csv",
             tmp_path / "out" / "_tables" / "goals.parquet"]
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in files] == ["0o644"] * 3


# ---------------------------------------------------------------- (15) reused output folders

def test_reused_folder_tables_agree_and_prune_removes_stale_outputs(tmp_path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    write(inp / "a.txt")
    write(inp / "b.txt")
    assert cli("batch", str(inp), "--out", str(out), "-j", "1", "--no-enrich", "--quiet").returncode == 0
    (inp / "b.txt").unlink()
    again = cli("batch", str(inp), "--out", str(out), "-j", "1", "--no-enrich")
    assert again.returncode == 0
    assert "--resume" in again.stderr and "--prune" in again.stderr
    batch_goals = (out / "_tables" / "goals.csv").read_bytes()
    assert (out / "b.txt.json").exists()  # kept without --prune, but not in the tables
    assert cli("tables", str(out), "--quiet").returncode == 0
    assert (out / "_tables" / "goals.csv").read_bytes() == batch_goals
    assert b"a.txt.json" in batch_goals and b"b.txt.json" not in batch_goals
    pruned = cli("batch", str(inp), "--out", str(out), "-j", "1", "--no-enrich", "--resume", "--prune")
    assert pruned.returncode == 0 and "removed 1 outputs" in pruned.stderr
    assert not (out / "b.txt.json").exists() and set(manifest_rows(out)) == {"a.txt"}


# ---------------------------------------------------------------- (16) supported suffixes: docs and behaviour agree

def test_readme_lists_exactly_the_supported_suffixes() -> None:
    from extractor.read.dispatch import SUPPORTED_SUFFIXES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(l for l in readme.splitlines() if "are extracted" in l and "`.pdf`" in l)
    assert set(re.findall(r"`(\.\w+)`", line)) == SUPPORTED_SUFFIXES


# ---------------------------------------------------------------- (17) CSV for Excel

def test_excel_nl_csv_dialect(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt", "Indicator | 2022 | 2023\nWoninginbraken per 1.000 | 3,5 | 2,5\n")
    out = tmp_path / "out"
    proc = cli("batch", str(tmp_path / "in"), "--out", str(out), "-j", "1", "--no-enrich", "--quiet",
               "--csv-dialect", "excel-nl")
    assert proc.returncode == 0, proc.stderr
    data = (out / "_tables" / "goals.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfsource_file;json_file;")
    from extractor.batch.tables import csv_bytes
    import pandas as pd

    frame = pd.DataFrame({"name": ["a"], "value": [1234.5]})
    assert csv_bytes(frame, "excel-nl") == "\ufeffname;value\na;1234,5\n".encode("utf-8")


# ---------------------------------------------------------------- (18) small CLI things

def test_extract_on_a_folder_suggests_batch(tmp_path) -> None:
    proc = cli("extract", str(tmp_path), "-o", str(tmp_path / "out"))
    assert proc.returncode == 3 and "extractor batch" in proc.stderr


def test_unknown_option_shows_the_commands_usage() -> None:
    proc = cli("extract", "x.txt", "--bogus-option")
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: extractor extract") and "--bogus-option" in proc.stderr


def test_output_is_an_alias_of_out(tmp_path) -> None:
    proc = cli("extract", str(write(tmp_path / "a.txt")), "--output", str(tmp_path / "o"), "--no-enrich")
    assert proc.returncode == 0 and (tmp_path / "o" / "a.json").is_file()


def test_interrupt_message_mentions_resume(tmp_path, monkeypatch, capsys) -> None:
    import extractor.batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(extractor.batch, "run_batch", interrupted)
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out")]) == 130
    assert "--resume" in capsys.readouterr().err


# ---------------------------------------------------------------- (19) one error model

def test_catalogue_and_enum_agree() -> None:
    assert set(CATALOGUE) == {code.value for code in ErrorCode}
    assert all(CATALOGUE[c] and severity(c) in ("error", "warning") for c in CATALOGUE)
    assert severity(ErrorCode.page_too_large) == "error" and severity("table_uncertain") == "warning"


def test_schema_lists_every_code() -> None:
    schema = json.loads((REPO / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["ErrorCode"]["enum"]) == set(CATALOGUE)


def test_every_layer_uses_the_enum() -> None:
    assert ExtractionError("corrupt_pdf", "x").code is ErrorCode.corrupt_pdf
    with pytest.raises(ValueError):
        ExtractionError("no_such_code", "x")
    warning = ReadWarning.of("page_without_text", "page 2 has no usable text", 2)
    assert warning.code is ErrorCode.page_without_text and tuple(warning)[2] == 2
    with pytest.raises(ValueError):
        ReadWarning.of("made_up", "x", 1)


def test_extract_a_non_utf8_name(tmp_path) -> None:
    source = write(tmp_path / BAD_NAME)
    proc = cli("extract", str(source), "-o", str(tmp_path / "out"), "--no-enrich")
    assert proc.returncode == 0, proc.stderr
    assert "bad\\xffname.txt" in proc.stdout
    doc = Document.model_validate_json((tmp_path / "out" / os.fsdecode(b"bad\xffname.json")).read_bytes())
    assert unescape_name(doc.source.file) == str(source)


TWO_BUDGET_TABLES = "Begroting 2024 gemeente Voorbeeldstad\n\n" + "\n\n".join(
    f"Programma {n} {name}\n\nWat mag het kosten?\nBedragen x € 1.000\n"
    "Omschrijving\tRekening 2022\tBegroting 2023\tBegroting 2024\n"
    f"Lasten\t{n}.200\t{n}.300\t{n}.400\nBaten\t200\t300\t400\nSaldo\t-{n - 1}.000\t-{n - 1}.000\t-{n - 1}.000\n"
    for n, name in ((2, "Veiligheid"), (3, "Verkeer")))


def test_a_table_reader_crash_costs_only_that_table(tmp_path, monkeypatch) -> None:
    """A bug in the reader of one table is reported for that table; the document's other tables are still read."""
    import extractor.parse.budget as budget

    source = tmp_path / "begroting.txt"
    source.write_text(TWO_BUDGET_TABLES, encoding="utf-8")
    intact = extract_document(source, FAST)
    assert len(intact.budget_lines) == 18 and not intact.errors
    real = budget.read_budget
    calls: list[int] = []

    def fails_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("injected reader failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(budget, "read_budget", fails_once)
    doc = extract_document(source, FAST)
    crashes = [e for e in doc.errors if e.code == ErrorCode.internal_error]
    assert len(crashes) == 1 and "the table reader failed" in crashes[0].message and "injected" in crashes[0].message
    assert doc.status == "partial"
    assert doc.budget_lines == [b for b in intact.budget_lines if b.programme == "Programma 3 Verkeer"]
    assert len(doc.budget_lines) == 9
    assert [note.reason for note in doc.coverage.tables_rejected] == ["the table reader failed"]
