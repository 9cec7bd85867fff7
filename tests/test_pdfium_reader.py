"""The pdfium reader backend must give what the pdfplumber backend gives.

Equivalence on real corpus pages (line texts, boxes, font sizes, bold, page sizes, rules and
rectangles), the same goals from the whole pipeline, the same error codes for bad input, and
the coordinate conventions (rotated pages, scaled text, rules) on small hand-written PDFs.

`python tests/test_pdfium_reader.py` prints the equivalence figures for every corpus PDF.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

if __package__ in (None, ""):  # run as a script: make `tests` and `extractor` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor.errors import ExtractionError
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read import read_document
from extractor.read.pdf import _read_page as plumber_read_page
from extractor.read.pdfium_reader import read_pdf_pdfium
from extractor.read.types import Page, Rule
from tests.pdf_factory import build_pdf, serialise, write_pdf

# pages to compare per document: text pages, tables (ruled and unruled), landscape pages, TOC
SAMPLES: dict[str, Optional[list[int]]] = {
    "wassenaar/begroting_2024.pdf": [3, 5, 11, 12, 28, 31, 60, 91, 93, 100, 101, 119, 120],
    "wassenaar/Jaarstukken_2023.pdf": [3, 19, 20, 27, 28, 31, 41, 42, 120, 150, 151],
    "ggd_flevoland/reg_ggd_flevoland_kadernota_2027.pdf": None,  # two columns; all 16 pages
    "ggd_flevoland/reg_ggd_flevoland_bestuursrapportage_aug_2024.pdf": [1, 2, 5, 10, 20, 40, 60, 80, 100],
    "almere/mun_almere_2024_2034_maatschappelijke_agenda_beleidstekst.pdf": None,
    "almere/mun_almere_2024_2026_brede_spuk_gala_plan_van_aanpak.pdf": [1, 3, 8, 15, 22, 30],
}
MIN_SHARE = 0.98


def plumber_pages(path: Path, numbers: Optional[list[int]]) -> list[Page]:
    """The pdfplumber backend's pages (only `numbers`, or all)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        wanted = numbers or range(1, len(pdf.pages) + 1)
        return [plumber_read_page(pdf.pages[n - 1], n) for n in wanted]


def pdfium_pages(path: Path, numbers: Optional[list[int]]) -> list[Page]:
    pages = read_pdf_pdfium(str(path), only_pages=set(numbers) if numbers else None)[0]
    return [p for p in pages if numbers is None or p.number in numbers]


@dataclass
class Figures:
    """How far two readings of the same pages agree."""

    lines: int = 0
    same_text: int = 0
    boxes: int = 0
    boxes_within_1pt: int = 0
    words: int = 0
    same_size: int = 0
    same_bold: int = 0
    pages: int = 0
    same_dims: int = 0
    rule_pages: int = 0
    same_rule_pages: int = 0
    rules: int = 0
    rules_found: int = 0
    examples: list[str] = field(default_factory=list)

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def summary(self) -> str:
        return (
            f"lines {self.share(self.same_text, self.lines):.2%} of {self.lines} identical, "
            f"bbox<=1pt {self.share(self.boxes_within_1pt, self.boxes):.2%}, "
            f"word size {self.share(self.same_size, self.words):.2%} / bold {self.share(self.same_bold, self.words):.2%} of {self.words}, "
            f"page dims {self.same_dims}/{self.pages}, "
            f"rules+rects on same pages {self.same_rule_pages}/{self.rule_pages}, "
            f"rule/rect positions {self.share(self.rules_found, self.rules):.2%} of {self.rules}"
        )


def _close(a: Rule, b: Rule, tolerance: float = 1.0) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip((a.x0, a.top, a.x1, a.bottom), (b.x0, b.top, b.x1, b.bottom)))


def compare(reference: list[Page], candidate: list[Page]) -> Figures:
    """Compare page by page; lines are paired by identical text (each used once)."""
    figures = Figures()
    for ref, cand in zip(reference, candidate):
        figures.pages += 1
        figures.same_dims += (ref.number, round(ref.width, 2), round(ref.height, 2), ref.rotation) == (
            cand.number, round(cand.width, 2), round(cand.height, 2), cand.rotation)
        unused = {}
        for line in cand.lines:
            unused.setdefault(line.text, []).append(line)
        figures.lines += max(len(ref.lines), len(cand.lines))
        for line in ref.lines:
            twins = unused.get(line.text)
            if not twins:
                if len(figures.examples) < 8:
                    figures.examples.append(f"p{ref.number}: {line.text[:90]!r}")
                continue
            twin = twins.pop(0)
            figures.same_text += 1
            figures.boxes += 1
            figures.boxes_within_1pt += _close(Rule(line.x0, line.top, line.x1, line.bottom), Rule(twin.x0, twin.top, twin.x1, twin.bottom))
            for a, b in zip(line.words, twin.words):
                figures.words += 1
                figures.same_size += abs(a.size - b.size) <= 0.2
                figures.same_bold += a.bold == b.bold
        ref_paths = ref.rules + ref.rects
        cand_paths = cand.rules + cand.rects
        if ref_paths or cand_paths:
            figures.rule_pages += 1
            figures.same_rule_pages += bool(ref_paths) == bool(cand_paths)
        for kind_ref, kind_cand in ((ref.rules, cand.rules), (ref.rects, cand.rects)):
            for rule in kind_ref:
                figures.rules += 1
                figures.rules_found += any(_close(rule, other) for other in kind_cand)
    return figures


@pytest.fixture(scope="module")
def figures_by_document(corpus_dir: Path) -> dict[str, Figures]:
    results = {}
    for name, numbers in SAMPLES.items():
        path = corpus_dir / name
        assert path.is_file(), f"corpus file {path} missing"
        results[name] = compare(plumber_pages(path, numbers), pdfium_pages(path, numbers))
        print(f"\n{name}: {results[name].summary()}")
    return results


@pytest.mark.parametrize("name", list(SAMPLES))
def test_lines_words_and_rules_match_pdfplumber(figures_by_document: dict[str, Figures], name: str) -> None:
    f = figures_by_document[name]
    assert f.lines > 50, f"too few lines compared in {name}"
    assert f.share(f.same_text, f.lines) >= MIN_SHARE, f"{name}: {f.summary()}; differing: {f.examples}"
    assert f.share(f.boxes_within_1pt, f.boxes) >= MIN_SHARE, f.summary()
    assert f.share(f.same_size, f.words) >= MIN_SHARE, f.summary()
    assert f.share(f.same_bold, f.words) >= MIN_SHARE, f.summary()
    assert f.same_dims == f.pages, f.summary()
    assert f.same_rule_pages == f.rule_pages, f.summary()
    assert f.share(f.rules_found, f.rules) >= MIN_SHARE, f.summary()


def test_whole_document_metadata_matches(corpus_dir: Path) -> None:
    """Page count, title, per-page size and rotation over a whole document (portrait and landscape)."""
    path = corpus_dir / "wassenaar" / "begroting_2024.pdf"
    raw = read_document(path, reader="pdfium")
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        expected = [(round(float(p.width), 2), round(float(p.height), 2), int(p.rotation or 0)) for p in pdf.pages]
        title = (pdf.metadata or {}).get("Title")
    assert raw.page_count == len(expected)
    assert [(round(p.width, 2), round(p.height, 2), p.rotation) for p in raw.pages] == expected
    assert any(w > h for w, h, _ in expected), "expected landscape pages in this document"
    assert raw.title == (str(title).strip() or None if title else None)


def _goal_facts(document) -> list[tuple]:
    return [(g.id, g.code, g.title, g.level, g.parent, g.page) for g in document.goals]


def _goal_boxes(document) -> list:
    return [g.bbox for g in document.goals]


@pytest.mark.parametrize("name", ["wassenaar/begroting_2024.pdf", "wassenaar/begroting_2025.pdf", "wassenaar/Jaarstukken_2023.pdf"])
def test_pipeline_gives_the_same_goals(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / name
    plumber = extract_document(path, ExtractOptions(tables=False, enrich=False, reader="pdfplumber"))
    pdfium = extract_document(path, ExtractOptions(tables=False, enrich=False, reader="pdfium"))
    assert plumber.status == pdfium.status
    assert plumber.goals, f"no goals in {name}: nothing compared"
    assert _goal_facts(pdfium) == _goal_facts(plumber)
    for a, b in zip(_goal_boxes(plumber), _goal_boxes(pdfium)):
        assert (a is None) == (b is None)
        if a is not None:
            assert all(abs(x - y) <= 1.0 for x, y in zip(_box(a), _box(b))), (a, b)
    assert sorted(e.code for e in pdfium.errors) == sorted(e.code for e in plumber.errors)
    assert pdfium.metadata == plumber.metadata


def _box(bbox) -> tuple[float, ...]:
    if isinstance(bbox, (tuple, list)):
        return tuple(bbox)
    return tuple(getattr(bbox, k) for k in ("x0", "top", "x1", "bottom"))


def test_glyph_ids_without_unicode_fail_the_same(corpus_dir: Path) -> None:
    path = corpus_dir / "wassenaar" / "jaarrekening-2019-wassenaar.pdf"
    for reader in ("pdfplumber", "pdfium"):
        with pytest.raises(ExtractionError) as caught:
            read_document(path, max_pages=5000, reader=reader, ocr="never")  # with OCR: tests/test_ocr_corpus.py
        assert caught.value.code == "no_text_layer", reader


# --- bad input: both backends give the same error codes --------------------------------------------


def _code(path: Path, reader: str, **kwargs) -> str:
    try:
        read_document(path, reader=reader, **kwargs)
    except ExtractionError as exc:
        return exc.code
    return "ok"


@pytest.mark.parametrize(
    "name, data, kwargs, expected",
    [
        ("encrypted.pdf", build_pdf([["Geheim verslag van de raad"] * 3], encrypt=True), {}, "encrypted_pdf"),
        ("blank.pdf", build_pdf([[], []]), {}, "no_text_layer"),
        ("truncated.pdf", build_pdf([["Begroting 2024 programma 1"] * 5])[:60], {}, "corrupt_pdf"),
        ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, {}, "corrupt_pdf"),
        ("pages.pdf", build_pdf([["Programma 1 Veiligheid en handhaving"]] * 3), {"max_pages": 2}, "too_many_pages"),
        ("fine.pdf", build_pdf([["Programma 1 Veiligheid en handhaving", "Doel 1.1 minder inbraken"]]), {}, "ok"),
    ],
)
def test_bad_input_gives_the_same_error_code(tmp_path: Path, name: str, data: bytes, kwargs: dict, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _code(path, "pdfplumber", **kwargs) == expected
    assert _code(path, "pdfium", **kwargs) == expected


def test_page_too_large_is_a_warning_in_both(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "poster.pdf", [["Programma 1 Veiligheid en handhaving"] * 3] * 2, media_box=(14400, 14400))
    from extractor.read.pdf import read_pdf

    plumber = read_pdf(str(path), max_page_area=1_000_000.0)
    pdfium = read_pdf_pdfium(str(path), max_page_area=1_000_000.0)
    assert [w[0] for w in plumber[3]] == [w[0] for w in pdfium[3]] == ["page_too_large", "page_too_large"]


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="reader"):
        ExtractOptions(reader="pdfminer")


# --- coordinate conventions on hand-written PDFs ---------------------------------------------------


def _raw_pdf(contents: list[str], media_box: tuple[float, float] = (595, 842), rotate: int = 0) -> bytes:
    """A PDF whose pages have the given content streams; fonts F1 Helvetica, F2 Helvetica-Bold."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    n = len(contents)
    page_ids = [3 + 2 * i for i in range(n)]
    font_ids = (3 + 2 * n, 4 + 2 * n)
    objects.append(f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {n} >>".encode())
    for index, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media_box[0]} {media_box[1]}] /Rotate {rotate} "
            f"/Resources << /Font << /F1 {font_ids[0]} 0 R /F2 {font_ids[1]} 0 R >> >> /Contents {page_ids[index] + 1} 0 R >>".encode()
        )
        stream = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    for base in ("Helvetica", "Helvetica-Bold"):
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
    return serialise(objects)


CONTENT = (
    "BT /F2 14 Tf 1 0 0 1 72 760 Tm (Programma 1 Veiligheid) Tj ET "
    "BT /F1 10 Tf 1 0 0 1 72 740 Tm (Doel 1.1: minder woninginbraken) Tj ( ) Tj (in 2024) Tj ET "
    "q 2 0 0 1.5 0 0 cm BT /F1 8 Tf 150 Tz 1 0 0 1 36 400 Tm (Geschaald) Tj ET Q "
    "BT /F1 9 Tf 1 0 0 1 72 500 Tm [(Kolom)-2000(twee)] TJ ET "
    "0.5 w 72 300 m 500 300 l S 72 200 428 80 re S 72 150 m 72 100 l 100 100 l S "
    "72 90 m 80 95 90 90 100 85 c S"
)


# /Rotate with the content turned back, as word processors write landscape pages: upright when shown
UPRIGHT_AFTER_ROTATE = {
    0: "",
    90: "0 1 -1 0 595 0 cm 1 0 0 1 0 -250 cm ",
    180: "-1 0 0 -1 595 842 cm ",
    270: "0 -1 1 0 0 842 cm 1 0 0 1 0 -250 cm ",
}


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_synthetic_pages_match_pdfplumber(tmp_path: Path, rotate: int) -> None:
    path = tmp_path / f"rot{rotate}.pdf"
    path.write_bytes(_raw_pdf(["q " + UPRIGHT_AFTER_ROTATE[rotate] + CONTENT + " Q"], rotate=rotate))
    ref, cand = plumber_pages(path, None)[0], pdfium_pages(path, None)[0]
    assert (cand.width, cand.height, cand.rotation) == (ref.width, ref.height, ref.rotation)
    assert "Programma 1 Veiligheid" in [l.text for l in ref.lines]  # upright as displayed
    assert [l.text for l in cand.lines] == [l.text for l in ref.lines]
    for a, b in zip(ref.lines, cand.lines):
        assert all(abs(x - y) <= 0.01 for x, y in zip(a.bbox, b.bbox)), (a.text, a.bbox, b.bbox)
        assert [(w.size, w.bold) for w in a.words] == [(w.size, w.bold) for w in b.words]
    assert len(cand.rules) == len(ref.rules) == 1
    assert len(cand.rects) == len(ref.rects) == 1
    for a, b in zip(ref.rules + ref.rects, cand.rules + cand.rects):
        assert _close(a, b, 0.01), (a, b)


def test_synthetic_page_facts(tmp_path: Path) -> None:
    """What the synthetic page must give, independent of pdfplumber: words, sizes, bold, scaled text."""
    path = tmp_path / "facts.pdf"
    path.write_bytes(_raw_pdf([CONTENT]))
    page = pdfium_pages(path, None)[0]
    texts = [l.text for l in page.lines]
    assert texts[0] == "Programma 1 Veiligheid" and page.lines[0].bold and page.lines[0].size == 14.0
    assert texts[1] == "Doel 1.1: minder woninginbraken in 2024" and not page.lines[1].bold
    scaled = next(l for l in page.lines if l.text == "Geschaald")
    assert scaled.size == 12.0  # 8 pt under a 1.5 vertical scale
    assert scaled.x0 == pytest.approx(72.0, abs=0.01)
    assert "Kolom twee" in texts  # a TJ gap of 18 pt splits words
    assert page.rules[0].top == pytest.approx(842 - 300, abs=0.01)


_char = st.tuples(
    st.sampled_from(["a", "b", "1", "-", " ", "\u00ad"]),
    st.floats(0, 60),  # x0
    st.sampled_from([100.0, 101.5, 102.9, 104.0, 110.0]),  # top: lines closer and further than 3 pt
    st.floats(0.5, 6),  # width
    st.sampled_from([True, True, True, False]),  # upright
    st.sampled_from(["Verdana", "Verdana-Bold"]),
    st.sampled_from([9.0, 10.0]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=40))
def test_word_splitting_is_pdfplumbers(raw_chars: list) -> None:
    """Our word grouping on char tuples equals pdfplumber's extract_words on the same characters."""
    from pdfplumber.utils import extract_words as plumber_words

    from extractor.read.pdfium_reader import extract_words

    chars = [(t, x0, top, x0 + w, top + size, up, font, size, False) for t, x0, top, w, up, font, size in raw_chars]
    dicts = [
        {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "height": bottom - top,
         "width": x1 - x0, "upright": up, "fontname": font, "size": size}
        for t, x0, top, x1, bottom, up, font, size, _ in chars
    ]
    expected = [(w["text"], w["x0"], w["top"]) for w in plumber_words(dicts, extra_attrs=["fontname", "size"])]
    ours = [("".join(c[0] for c in word), min(c[1] for c in word), min(c[2] for c in word)) for word in extract_words(chars)]
    assert ours == expected


def test_cli_reader_flag_gives_the_same_json(tmp_path: Path) -> None:
    """`extractor extract --reader pdfium` through the real entry point: same document as the default."""
    import json
    import subprocess

    path = write_pdf(tmp_path / "plan.pdf", [["Programma 1 Veiligheid", "Doel 1.1 Minder woninginbraken", "Wat gaan we doen"]])
    outputs = {}
    for reader in ("pdfplumber", "pdfium"):
        done = subprocess.run(
            [sys.executable, "-m", "extractor", "extract", str(path), "--stdout", "--no-enrich", "--no-tables", "--reader", reader],
            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent,
        )
        assert done.returncode == 0, done.stderr
        outputs[reader] = json.loads(done.stdout)
    assert outputs["pdfium"]["source"]["pages"] == 1
    assert outputs["pdfium"] == outputs["pdfplumber"]
    refused = subprocess.run(
        [sys.executable, "-m", "extractor", "extract", str(path), "--reader", "pdfminer"],
        capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent,
    )
    assert refused.returncode == 2 and "--reader" in refused.stderr


if __name__ == "__main__":  # equivalence figures for every corpus PDF with a text layer
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    for pdf in sorted(corpus.glob("*/*.pdf")):
        if "jaarrekening-2019" in pdf.name:
            continue
        numbers = SAMPLES.get(str(pdf.relative_to(corpus)))
        if len(sys.argv) > 1 and sys.argv[1] == "--all":
            numbers = None
        result = compare(plumber_pages(pdf, numbers), pdfium_pages(pdf, numbers))
        print(f"{pdf.relative_to(corpus)} ({'all' if numbers is None else len(numbers)} pages): {result.summary()}")
        for example in result.examples:
            print("    differs:", example)
