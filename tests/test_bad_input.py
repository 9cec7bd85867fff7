"""Bad input gets a clear message naming the file and the reason, a failure JSON, a non-zero exit,
and never stops the other files of the same command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.export import write_document
from extractor.pipeline import extract_document
from tests.helpers import SAMPLES
from tests.pdf_factory import build_pdf, write_pdf

GOOD_TEXT = SAMPLES / "leiden_voortgangsrapportage_2022_veiligheid.txt"


def make_bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input with the error code it must get."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[Path, str]] = {}
    cases["missing"] = (folder / "does_not_exist.pdf", "file_not_found")
    directory = folder / "a_folder.pdf"
    directory.mkdir()
    cases["directory"] = (directory, "not_a_file")
    empty = folder / "empty.pdf"
    empty.write_bytes(b"")
    cases["zero_bytes"] = (empty, "empty_file")
    fake = folder / "really_a_word_file.pdf"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    cases["not_a_pdf"] = (fake, "not_a_pdf")
    valid = build_pdf([["Begroting 2024", "Dit is een geldige pagina."]] * 3)
    truncated = folder / "truncated.pdf"
    truncated.write_bytes(valid[: len(valid) // 3])
    cases["truncated"] = (truncated, "corrupt_pdf")
    corrupt = folder / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    cases["corrupt"] = (corrupt, "corrupt_pdf")
    cases["encrypted"] = (write_pdf(folder / "encrypted.pdf", [["Geheim"]], encrypt=True), "encrypted_pdf")
    cases["no_text_layer"] = (write_pdf(folder / "scanned.pdf", [[], []]), "no_text_layer")
    binary_txt = folder / "binary.txt"
    binary_txt.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    cases["binary_text"] = (binary_txt, "binary_text")
    return cases


@pytest.mark.parametrize("case", ["missing", "directory", "zero_bytes", "not_a_pdf", "truncated", "corrupt",
                                  "encrypted", "no_text_layer", "binary_text"])
def test_bad_input_gives_failure_with_code(case: str, tmp_path: Path) -> None:
    path, code = make_bad_inputs(tmp_path)[case]
    document = extract_document(path)
    assert document.status == "failure"
    assert document.errors[0].code == code
    assert path.name in document.errors[0].message
    assert document.source.file == str(path)


@pytest.mark.corpus
@pytest.mark.parametrize("relative", ["wassenaar/jaarrekening-2019-wassenaar.pdf", "wassenaar/image_only/Jaarstukken_2021.pdf"])
def test_corpus_pdfs_without_usable_text(relative: str, corpus_dir: Path) -> None:
    from extractor.pipeline import ExtractOptions

    document = extract_document(corpus_dir / relative, ExtractOptions(ocr="never"))  # OCR'd: tests/test_ocr_corpus.py
    assert document.status == "failure"
    assert document.errors[0].code == "no_text_layer"
    assert document.source.sha256 and document.source.format == "pdf"


def test_command_goes_on_after_bad_files_and_exits_non_zero(tmp_path: Path) -> None:
    cases = make_bad_inputs(tmp_path / "in")
    paths = [str(path) for path, _ in cases.values()] + [str(GOOD_TEXT)]
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", *paths, "-o", str(out), "--no-enrich"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 3
    for name, (path, code) in cases.items():
        assert f"[{code}]" in result.stderr and path.name in result.stderr, name
    good = json.loads((out / (GOOD_TEXT.stem + ".json")).read_text(encoding="utf-8"))
    assert good["status"] == "success" and len(good["goals"]) == 30
    for name, (path, code) in cases.items():
        failed = json.loads((out / (path.stem + ".json")).read_text(encoding="utf-8"))
        assert failed["status"] == "failure" and failed["errors"][0]["code"] == code, name


@pytest.mark.parametrize("encoding,prefix", [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")])
def test_text_encodings_are_detected(encoding: str, prefix: bytes, tmp_path: Path) -> None:
    text = GOOD_TEXT.read_text(encoding="utf-8").replace("\u2022", "-")  # cp1252 has the bullet, keep it simple
    path = tmp_path / f"doc_{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    document = extract_document(path)
    assert document.status == "success"
    assert "2A1.3" in {g.id for g in document.goals}
    titles = {g.id: g.title for g in document.goals}
    assert titles["2A1.3"] == "Voorkomen cybercrime / gedigitaliseerde criminaliteit"
    assert "coördinatie" in titles["2A5.1"]  # non-ASCII survives every encoding


def test_write_is_atomic_when_serialising_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash while writing leaves the previous file intact and no temporary file behind."""
    target = tmp_path / "doc.json"
    document = extract_document(GOOD_TEXT)
    write_document(document, target)
    before = target.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        write_document(document.model_copy(update={"status": "partial"}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]
