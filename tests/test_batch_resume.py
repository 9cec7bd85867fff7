"""Kill-and-resume: a batch SIGKILLed at any moment and resumed ends with exactly the outputs of an uninterrupted run."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.test_batch_helpers import HERE, TEXT_PAGE, make_pdf

REPO = HERE.parent
SMALL_CORPUS_FILES = [
    "almere/mun_almere_2024_2034_maatschappelijke_agenda_opzet_evaluatie.pdf",
    "almere/mun_almere_2026_stevige_lokale_teams_raadsvoorstel.pdf",
    "almere/mun_almere_2024_2034_maatschappelijke_agenda_beleidstekst.pdf",
    "ggd_flevoland/reg_ggd_flevoland_kadernota_2027.pdf",
    "wassenaar/image_only/Jaarstukken_2021.pdf",
]


def batch_command(inp: Path, out: Path, *extra: str) -> list[str]:
    # --ocr never: the scanned excerpt stays a quick failure, which the resume checks rely on
    return [sys.executable, "-m", "extractor", "batch", str(inp), "--out", str(out), "--no-enrich", "--quiet",
            "--allow-failures", "--ocr", "never", *extra]


def documents_recorded(out: Path) -> int:
    """Rows of processed documents in the manifest, or -1 while it does not exist yet."""
    try:
        db = sqlite3.connect(f"file:{out / 'manifest.sqlite'}?mode=ro", uri=True, timeout=1.0)
        try:
            return db.execute("SELECT COUNT(*) FROM documents WHERE output_path IS NOT NULL").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return -1


def run_and_kill(command: list[str], out: Path, when_rows: int) -> int:
    """Start the batch, SIGKILL it once the manifest holds `when_rows` documents (0: as soon as it exists)."""
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if documents_recorded(out) >= when_rows:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the batch finished before it could be killed; the test needs more input"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return documents_recorded(out)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def first_difference(a: Path, b: Path) -> str:
    x, y = a.read_bytes(), b.read_bytes()
    at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"at byte {at}: {x[max(0, at - 80):at + 80]!r} vs {y[max(0, at - 80):at + 80]!r}"


def outputs(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file() and not p.name.startswith("manifest.sqlite")}


@pytest.mark.corpus
@pytest.mark.slow
def test_sigkill_at_any_moment_then_resume_gives_identical_outputs(corpus_dir: Path, tmp_path: Path) -> None:
    inp = tmp_path / "in"
    for rel in SMALL_CORPUS_FILES:
        (inp / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(corpus_dir / rel, inp / rel)
    (inp / "extra").mkdir()
    shutil.copy(REPO / "samples" / "leiden_jaarstukken_2017_veiligheid.txt", inp / "extra" / "leiden 2017 – veiligheid.txt")
    (inp / "extra" / "many pages.pdf").write_bytes(make_pdf([TEXT_PAGE] * 150, shared_content=True))
    (inp / "extra" / "kapot.pdf").write_bytes(b"%PDF-1.5\n" + b"\x00garbage" * 50)

    reference = tmp_path / "reference"
    done = subprocess.run(batch_command(inp, reference, "--workers", "2"), cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr

    resumed = tmp_path / "resumed"
    # 1) killed right after start (manifest created, nothing extracted yet)
    run_and_kill(batch_command(inp, resumed, "--workers", "1"), resumed, when_rows=0)
    # 2) resumed and killed again in the middle of the work
    rows_at_kill = run_and_kill(batch_command(inp, resumed, "--workers", "1", "--resume"), resumed, when_rows=2)
    assert 2 <= rows_at_kill < len(outputs(reference))
    # a write interrupted by the kill would leave this kind of file behind
    (resumed / "extra").mkdir(exist_ok=True)
    (resumed / "extra" / ".kapot.pdf.json.x1y2z3.tmp").write_bytes(b'{"schema_version": "1", "trunc')
    # 3) resumed to the end, with a different number of workers
    final = subprocess.run(batch_command(inp, resumed, "--workers", "2", "--resume"), cwd=REPO, capture_output=True,
                           text=True, timeout=900)
    assert final.returncode == 0, final.stderr

    expected, got = outputs(reference), outputs(resumed)
    assert sorted(got) == sorted(expected)  # no missing, duplicate or temporary files
    assert not [name for name in got if name.endswith(".tmp")]
    for name, path in expected.items():
        if name.endswith(".parquet"):
            pd.testing.assert_frame_equal(pd.read_parquet(path), pd.read_parquet(got[name]))
        else:
            assert path.read_bytes() == got[name].read_bytes(), f"{name} differs: {first_difference(path, got[name])}"

    db = sqlite3.connect(resumed / "manifest.sqlite")
    statuses = dict(db.execute("SELECT rel_path, status FROM documents"))
    runs = db.execute("SELECT COUNT(*), SUM(outcome = 'completed'), MAX(id) FROM runs").fetchone()
    last_completed = db.execute("SELECT MAX(id) FROM runs WHERE outcome = 'completed'").fetchone()[0]
    db.close()
    assert statuses["extra/kapot.pdf"] == "failure"
    assert statuses["wassenaar/image_only/Jaarstukken_2021.pdf"] == "failure"
    assert sum(1 for s in statuses.values() if s in ("success", "partial")) == len(statuses) - 2
    # the first kill may land before its run was even recorded; only the last run completed
    assert runs[0] in (2, 3) and runs[1] == 1 and last_completed == runs[2]
