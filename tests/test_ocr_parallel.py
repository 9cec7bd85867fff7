"""OCR inside the batch: cores lent by idle workers, the time limit for OCR, the summary line,
and OCR processes stopped with their worker. No Tesseract needed (page reading is faked)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extractor.batch.report import ocr_summary
from extractor.batch.runner import DocumentRecord
from extractor.batch.worker import OCR_TIME_SHARE, GuardedWorker, _worker_options
from extractor.read import cores
from extractor.read import dispatch
from extractor.read import ocr as ocr_module
from extractor.read.ocr import OcrTimeLimit, ocr_pdf_pages
from extractor.read.types import Page
from tests.pdf_factory import build_pdf

HERE = Path(__file__).resolve().parent


def _blank_pages_pdf(folder: Path, count: int) -> Path:
    path = folder / "pages.pdf"
    path.write_bytes(build_pdf([[f"Pagina {n}"] for n in range(1, count + 1)]))
    return path


@pytest.fixture
def fake_reading(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pages are 'read' without Tesseract; returns the numbers read, in the order they were read."""
    read: list[int] = []
    monkeypatch.setattr(ocr_module, "missing_packages", lambda lang="": None)
    monkeypatch.setattr(dispatch, "missing_packages", lambda lang="": None)

    def fake(image, number, lang, dpi, rotation):
        read.append(number)
        return Page(number=number, width=595, height=842, ocr=True)

    monkeypatch.setattr(ocr_module, "ocr_image", fake)
    return read


# --- cores lent between the workers of a batch ----------------------------------------------------

def test_a_worker_borrows_only_cores_nobody_holds_or_wants(tmp_path: Path) -> None:
    cores.create_slots(tmp_path, 3)
    release_own = cores.hold_own(tmp_path, 0)  # this worker is extracting a document
    first = cores.borrow(tmp_path)
    second = cores.borrow(tmp_path)
    assert first is not None and second is not None
    assert cores.borrow(tmp_path) is None  # all three cores busy
    first()
    again = cores.borrow(tmp_path)
    assert again is not None
    again()
    second()
    # worker 2 is waiting for its core back: nobody may take it although it is free
    wanting = cores._lock(tmp_path / "want-2", blocking=False)
    assert wanting is not None
    taken = cores.borrow(tmp_path)
    assert taken is not None
    assert cores.borrow(tmp_path) is None  # core 1 taken, core 2 wanted, core 0 held
    cores._unlock(wanting)
    taken()
    release_own()


def test_pages_run_on_borrowed_cores_and_give_them_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "missing_packages", lambda lang="": None)
    together = threading.Barrier(3, timeout=30)  # one own core and two borrowed: three pages at once

    def fake(image, number, lang, dpi, rotation):
        if number <= 3:
            together.wait()  # breaks (and the test fails) unless three pages run at the same time
        return Page(number=number, width=595, height=842, ocr=True)

    monkeypatch.setattr(ocr_module, "ocr_image", fake)
    lent = {"out": 0, "back": 0}

    def borrow():
        if lent["out"] - lent["back"] >= 2:
            return None
        lent["out"] += 1
        return lambda: lent.__setitem__("back", lent["back"] + 1)

    results = list(ocr_pdf_pages(str(_blank_pages_pdf(tmp_path, 6)), range(1, 7), jobs=1, borrow=borrow))
    assert [number for number, _ in results] == [1, 2, 3, 4, 5, 6]  # page order, whatever finished first
    assert all(isinstance(page, Page) for _, page in results)
    assert lent["out"] >= 2 and lent["back"] == lent["out"]


def test_no_page_starts_after_the_deadline(tmp_path: Path, fake_reading: list[int]) -> None:
    results = list(ocr_pdf_pages(str(_blank_pages_pdf(tmp_path, 3)), [1, 2, 3], deadline=time.monotonic() - 1.0))
    assert fake_reading == []
    assert [n for n, _ in results] == [1, 2, 3] and all(isinstance(p, OcrTimeLimit) for _, p in results)


def test_pages_left_by_the_time_limit_are_named_and_the_document_is_partial(tmp_path: Path, fake_reading: list[int]) -> None:
    from PIL import Image

    from extractor.pipeline import ExtractOptions, extract_document

    scan = tmp_path / "scan.pdf"
    pictures = [Image.new("L", (600, 800), 128) for _ in range(3)]
    pictures[0].save(scan, format="PDF", save_all=True, append_images=pictures[1:], resolution=72.0)
    document = extract_document(scan, ExtractOptions(enrich=False, ocr_time_limit=1e-9))
    assert fake_reading == []
    assert document.status == "partial"
    assert document.coverage.ocr_pages_left == [1, 2, 3]
    late = [e for e in document.errors if e.code == "ocr_incomplete"]
    assert len(late) == 1 and late[0].severity == "error" and "pages 1-3" in late[0].message and "--timeout" in late[0].message


def test_the_worker_gives_ocr_a_share_of_the_time_limit(tmp_path: Path) -> None:
    from dataclasses import asdict

    from extractor.pipeline import ExtractOptions

    cores.create_slots(tmp_path, 2)
    options, release = _worker_options({"options": asdict(ExtractOptions()), "timeout": 100.0, "core_slots": (str(tmp_path), 1)})
    assert options["ocr_time_limit"] == pytest.approx(100.0 * OCR_TIME_SHARE)
    assert options["ocr_core_slots"] == str(tmp_path)
    assert release is not None
    assert cores.borrow(tmp_path) is not None  # core 0 is free, core 1 is this worker's
    assert cores.borrow(tmp_path) is None
    release()
    chosen, _ = _worker_options({"options": {**asdict(ExtractOptions()), "ocr_time_limit": 5.0}, "timeout": 100.0})
    assert chosen["ocr_time_limit"] == 5.0
    custom, none = _worker_options({"options": {"anything": 1}, "timeout": 100.0})
    assert custom == {"anything": 1} and none is None


def test_summary_shows_ocr_pages_apart_and_the_pages_left() -> None:
    records = [
        DocumentRecord("scan.pdf", "partial", pages=203, ocr_pages=80, ocr_pages_left=123, duration_s=180.0, cpu_s=160.0),
        DocumentRecord("table.pdf", "success", pages=1, ocr_pages=1, duration_s=4.0, cpu_s=4.0),
        DocumentRecord("text.pdf", "success", pages=50, duration_s=2.0, cpu_s=2.0),
    ]
    line = ocr_summary(records)
    assert line.startswith("OCR: 81 pages in 2 documents")
    assert "0.49 pages/s per core" in line  # 81 pages / 164 CPU s
    assert "123 pages in 1 documents were not OCR'd" in line and "--timeout" in line
    assert "not OCR'd" not in ocr_summary(records[1:])


# --- OCR processes go with their worker ------------------------------------------------------------

def spawning_task(path: str, options: dict) -> dict:
    """Starts a long child process (as OCR starts Tesseract), notes its pid, and hangs."""
    child = subprocess.Popen(["sleep", "600"])
    Path(path).with_suffix(".pid").write_text(str(child.pid))
    time.sleep(600)
    return {}


def test_a_stopped_worker_takes_its_ocr_processes_along(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker stopped at its time limit, memory limit or by Ctrl-C is killed the same way (`_kill`)."""
    import psutil

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")])))
    document = tmp_path / "scan.pdf"
    document.write_bytes(b"%PDF-1.4\n")
    noted = document.with_suffix(".pid")
    stop = threading.Event()
    worker = GuardedWorker(function="tests.test_ocr_parallel:spawning_task", stop=stop)
    outcomes = []
    running = threading.Thread(target=lambda: outcomes.append(worker.run(str(document), {}, timeout=600.0)))
    running.start()
    try:
        for _ in range(1200):  # until the child process is there (no speed asserted: up to two minutes)
            if noted.exists() and noted.read_text():
                break
            time.sleep(0.1)
    finally:
        stop.set()
        running.join()
        worker.close()
    assert outcomes and outcomes[0].kind == "error" and "interrupted" in outcomes[0].message
    pid = int(noted.read_text())
    try:
        gone = psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        gone = True
    assert gone


def hoarding_task(path: str, options: dict) -> dict:
    """Starts a child process that fills 1.5 GB (as a Tesseract run on a huge page might) and waits."""
    subprocess.Popen([sys.executable, "-c", "import time; hoard = b'x' * (1536 * 2 ** 20); time.sleep(600)"])
    time.sleep(600)
    return {}


def test_the_memory_guard_counts_the_processes_a_worker_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")])))
    document = tmp_path / "scan.pdf"
    document.write_bytes(b"%PDF-1.4\n")
    worker = GuardedWorker(max_memory_mb=1024, function="tests.test_ocr_parallel:hoarding_task")
    try:
        outcome = worker.run(str(document), {}, timeout=30.0)  # the worker alone stays far below 1024 MB
    finally:
        worker.close()
    assert outcome.kind == "memory_limit", (outcome.kind, outcome.message)
