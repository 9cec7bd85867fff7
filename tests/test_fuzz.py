"""Fuzzing: mutated bytes of a real corpus PDF never make the extractor raise, and never stop a batch."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.batch import BatchConfig, run_batch
from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

from tests.test_batch_helpers import TEXT_PAGE, make_pdf

REAL_PDF = "almere/mun_almere_2024_2034_maatschappelijke_agenda_opzet_evaluatie.pdf"  # 9 pages


def mutations(size: int) -> st.SearchStrategy:
    """Byte flips, overwritten runs, deletions, insertions and truncation at any offset."""
    offset = st.integers(0, size - 1)
    flip = st.tuples(st.just("flip"), offset, st.integers(1, 255))
    overwrite = st.tuples(st.just("overwrite"), offset, st.binary(min_size=1, max_size=64))
    delete = st.tuples(st.just("delete"), offset, st.integers(1, 4096))
    insert = st.tuples(st.just("insert"), offset, st.binary(min_size=1, max_size=64))
    truncate = st.tuples(st.just("truncate"), offset, st.just(0))
    return st.lists(st.one_of(flip, overwrite, delete, insert, truncate), min_size=1, max_size=8)


def mutate(data: bytes, edits) -> bytes:
    buffer = bytearray(data)
    for kind, at, arg in edits:
        at = min(at, max(len(buffer) - 1, 0))
        if kind == "flip" and buffer:
            buffer[at] ^= arg
        elif kind == "overwrite":
            buffer[at:at + len(arg)] = arg
        elif kind == "delete":
            del buffer[at:at + arg]
        elif kind == "insert":
            buffer[at:at] = arg
        elif kind == "truncate":
            del buffer[at:]
    return bytes(buffer)


def assert_valid_result(document: Document) -> None:
    assert isinstance(document, Document)
    assert document.status in ("success", "partial", "failure")
    if document.status == "failure":
        assert document.errors and document.errors[0].severity == "error" and document.errors[0].message
    Document.model_validate_json(document.model_dump_json())  # still honours the output contract


@pytest.fixture(scope="module")
def real_pdf(corpus_dir: Path) -> bytes:
    return (corpus_dir / REAL_PDF).read_bytes()


@pytest.mark.corpus
@pytest.mark.slow
def test_mutated_real_pdf_never_raises(real_pdf: bytes) -> None:
    @settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(edits=mutations(len(real_pdf)))
    def check(edits) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gemuteerd.pdf"
            path.write_bytes(mutate(real_pdf, edits))
            assert_valid_result(extract_document(path, ExtractOptions()))

    check()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(edits=mutations(len(make_pdf([TEXT_PAGE, TEXT_PAGE]))))
def test_mutated_small_pdf_never_raises(edits) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "klein.pdf"
        path.write_bytes(mutate(make_pdf([TEXT_PAGE, TEXT_PAGE]), edits))
        assert_valid_result(extract_document(path, ExtractOptions(enrich=False)))


def _readers() -> list[str]:
    from extractor.read import dispatch

    return list(getattr(dispatch, "PDF_READERS", None) or ["default"])


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("reader", _readers())
def test_batch_of_mutated_pdfs_completes_with_a_status_for_each(real_pdf: bytes, tmp_path: Path, reader: str) -> None:
    """Through the guarded batch workers, so even a native crash (PDFium is C) only fails its document."""
    rng = random.Random(20261121)
    root = tmp_path / "in"
    root.mkdir()
    for index in range(6):
        edits = [("overwrite", rng.randrange(len(real_pdf)), rng.randbytes(rng.randint(1, 512))) for _ in range(rng.randint(1, 20))]
        (root / f"gemuteerd_{index}.pdf").write_bytes(mutate(real_pdf, edits))
    options = ExtractOptions(enrich=False) if reader == "default" else ExtractOptions(enrich=False, reader=reader)
    result = run_batch(BatchConfig(str(root), str(tmp_path / "out"), workers=2, timeout=120, options=options))
    assert sorted(r.rel_path for r in result.records) == [f"gemuteerd_{i}.pdf" for i in range(6)]
    for record in result.records:
        assert record.status in ("success", "partial", "failure")
        assert_valid_result(Document.model_validate_json((tmp_path / "out" / record.output_path).read_bytes()))
