"""OCR pieces that need no Tesseract: page decisions, hOCR to words, rule erasing, provenance, missing Tesseract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.model import BudgetLine, Document, Indicator, IndicatorValue, Source
from extractor.parse.ocr_provenance import MIN_NUMBER_CONFIDENCE, mark_ocr_items, number_confidence
from extractor.read import ocr as ocr_module
from extractor.read.ocr import erase_rules, missing_packages, words_from_hocr
from extractor.read.pdf import group_lines
from extractor.read.textlayer import garbage_reason, ocr_reason
from extractor.read.types import Page, Word, make_line
from tests.pdf_factory import build_pdf

DUTCH = ("De gemeente wil in 2024 de veiligheid in de wijken verbeteren en de overlast door jongeren "
         "verminderen. Daarvoor werken we samen met de politie en de woningcorporaties.")


def _page(text: str = "", chars: int | None = None, unmapped: int = 0, image_cover: float = 0.0) -> Page:
    words = [Word(text=t, x0=10.0 * i, top=10.0, x1=10.0 * i + 8, bottom=20.0) for i, t in enumerate(text.split())]
    count = chars if chars is not None else sum(len(w.text) for w in words)
    return Page(number=1, width=595, height=842, lines=group_lines(words, 1) if words else [],
                char_count=count, unmapped_chars=unmapped, image_cover=image_cover)


# --- which pages need OCR -------------------------------------------------------------------------

@pytest.mark.parametrize("page, needs", [
    (_page(DUTCH), False),
    (_page(""), False),  # an empty page without images: nothing to read
    (_page("", image_cover=0.95), True),  # a scan
    (_page("Begroting 2024", image_cover=0.9), True),  # a scan with a title in the text layer
    (_page(DUTCH, image_cover=0.9), False),  # a photo with a caption of real length
    (_page("", chars=2500, unmapped=2498), True),  # glyph ids without a character map
    (_page("\ue001\ue002\ue003 " * 30), True),  # private-use characters
])
def test_pages_needing_ocr(page: Page, needs: bool) -> None:
    assert (ocr_reason(page) is not None) == needs, ocr_reason(page)


def test_letters_unlike_dutch_are_garbage() -> None:
    shuffled = "xqzkw vbnmp trfgh jklzx " * 20
    assert garbage_reason(shuffled) is not None
    assert garbage_reason(DUTCH * 3) is None
    assert garbage_reason("1.234 5.678 -9.101 " * 20) is None  # a page of figures is not judged by its letters


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzëé0123456789.,-% ", min_size=0, max_size=400))
def test_garbage_check_never_raises(text: str) -> None:
    reason = garbage_reason(text)
    assert reason is None or reason.startswith("garbage text")


# --- hOCR to positioned words ---------------------------------------------------------------------

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 2480 3508'>
<span class='ocr_line' title="bbox 300 400 1500 450; baseline 0 -10; x_size 50; x_descenders 10; x_ascenders 12">
<span class='ocrx_word' title='bbox 300 405 500 440; x_wconf 96'>Baten</span>
<span class='ocrx_word' title='bbox 1300 408 1500 440; x_wconf 41'>1.972</span></span>
<span class='ocr_line' title="bbox 1700 402 1900 441; baseline 0 -1; x_size 48; x_descenders 9; x_ascenders 11">
<span class='ocrx_word' title='bbox 1700 402 1900 440; x_wconf 93'>2.601</span></span>
</div></body></html>"""


def test_hocr_words_in_points_with_confidence() -> None:
    words = words_from_hocr(HOCR, 72.0 / 300)
    assert [w.text for w in words] == ["Baten", "1.972", "2.601"]
    assert words[1].confidence == pytest.approx(0.41)
    assert words[0].x0 == pytest.approx(300 * 0.24)
    assert words[0].size == pytest.approx(12.0)
    # words of one line share the font box of their line, whatever their own ink
    assert words[0].top == words[1].top and words[0].bottom == words[1].bottom
    # a word in another tesseract line on the same baseline joins the row
    lines = group_lines(words, 1)
    assert len(lines) == 1 and lines[0].text == "Baten 1.972 2.601"


# --- rule erasing ---------------------------------------------------------------------------------

def test_rules_erased_text_and_dark_bands_kept() -> None:
    image = np.full((400, 800), 255, np.uint8)
    image[100:103, 50:750] = 0  # a horizontal rule
    image[20:380, 400:402] = 20  # a vertical rule
    image[200:260, 50:750] = 60  # a dark band ...
    image[215:245, 100:104] = 255  # ... with a white letter stroke in it
    image[300:330, 60:63] = 0  # a letter-like stroke
    image[300:303, 60:80] = 0
    clean = erase_rules(image, 300)
    assert clean[100:103, 50:750].min() == 255 and clean[20:90, 400:402].min() == 255
    assert clean[215:245, 100:104].min() == 255 and clean[205:255, 200:390].max() == 60  # band untouched
    assert clean[300:330, 60:63].max() == 0  # the letter stays


# --- provenance: OCR flags and uncertain numbers --------------------------------------------------

def _ocr_page(words: list[Word]) -> Page:
    return Page(number=1, width=595, height=842, lines=[make_line(words, 1)], ocr=True)


def test_uncertain_numbers_are_left_out_with_a_warning() -> None:
    words = [Word("Baten", 10, 100, 40, 110, confidence=0.95), Word("1.972", 100, 100, 130, 110, confidence=0.93),
             Word("2.801", 150, 100, 180, 110, confidence=0.31), Word("-4,129", 200, 100, 230, 110, confidence=0.9)]
    row = (10.0, 100.0, 230.0, 110.0)
    document = Document(extractor_version="t", source=Source(file="x.pdf"), budget_lines=[
        BudgetLine(label="Baten", column=c, kind="begroting", year=int(c), amount=a, raw=r, page=1, bbox=row)
        for c, a, r in (("2022", 1972.0, "1.972"), ("2023", 2801.0, "2.801"), ("2024", -4.129, "-4,129"))
    ], indicators=[Indicator(id="i", name="x", page=1, bbox=row, values=[
        IndicatorValue(type="realisatie", value=1972.0, raw="1.972", page=1)])])
    errors = mark_ocr_items(document, [_ocr_page(words)])
    assert [b.raw for b in document.budget_lines] == ["1.972"]
    assert document.budget_lines[0].ocr and document.budget_lines[0].confidence == pytest.approx(0.93)
    assert document.indicators[0].values[0].ocr
    assert [e.code for e in errors] == ["ocr_uncertain"] and "'2.801'" in errors[0].message and "'-4,129'" in errors[0].message


def test_ocr_values_whose_header_was_not_read_fully_are_left_out() -> None:
    words = [Word("1.972", 100, 100, 130, 110, confidence=0.95), Word("6,1%", 150, 100, 180, 110, confidence=0.95)]
    row = (10.0, 100.0, 230.0, 110.0)
    document = Document(extractor_version="t", source=Source(file="x.pdf"), budget_lines=[
        BudgetLine(label="Baten", column="Rekening", kind="rekening", amount=1972.0, raw="1.972", page=1, bbox=row)],
        indicators=[Indicator(id="i", name="x", page=1, bbox=row, values=[
            IndicatorValue(type="streefwaarde", year=2021, value=6.1, raw="6,1%", page=1, type_from="context")])])
    errors = mark_ocr_items(document, [_ocr_page(words)])
    assert document.budget_lines == [] and document.indicators[0].values == []
    assert [e.code for e in errors] == ["ocr_uncertain"]


def test_number_confidence_is_the_least_sure_word() -> None:
    words = [Word("6,1%", 10, 100, 30, 110, confidence=0.9), Word("(2021)", 35, 100, 60, 110, confidence=0.55)]
    assert number_confidence("6,1% (2021)", words, (10, 100, 60, 110), False) == pytest.approx(0.55)
    assert number_confidence("7,5%", words, (10, 100, 60, 110), False) is None  # not found: not trusted
    assert 0.55 < MIN_NUMBER_CONFIDENCE


# --- Tesseract missing ----------------------------------------------------------------------------

def test_missing_tesseract_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module.shutil, "which", lambda name: None)
    assert "tesseract-ocr" in (missing_packages("nld+eng") or "")
    assert "tesseract-ocr-nld" in (missing_packages("nld+eng") or "")


def _mixed_pdf(folder: Path) -> Path:
    """Page 1 text, page 2 a picture (no text layer)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    text_pdf = folder / "text.pdf"
    text_pdf.write_bytes(build_pdf([["Programma 1 Veiligheid", "Doel 1.1 Minder woninginbraken in 2024"]]))
    picture = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(picture).rectangle((100, 100, 1100, 400), fill=0)
    picture.save(folder / "scan.pdf", format="PDF", resolution=150.0)
    merged = pdfium.PdfDocument.new()
    for part in ("text.pdf", "scan.pdf"):
        source = pdfium.PdfDocument(str(folder / part))
        merged.import_pages(source)
        source.close()
    merged.save(str(folder / "mixed.pdf"))
    merged.close()
    return folder / "mixed.pdf"


def test_without_tesseract_the_scanned_page_is_an_error_and_the_rest_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.pipeline import extract_document

    monkeypatch.setattr(ocr_module.shutil, "which", lambda name: None)
    document = extract_document(_mixed_pdf(tmp_path))
    assert document.status == "partial"
    errors = [e for e in document.errors if e.code == "ocr_unavailable"]
    assert len(errors) == 1 and errors[0].page == 2 and "tesseract-ocr" in errors[0].message
    assert document.coverage.ocr_pages == []
    only_text = extract_document(tmp_path / "text.pdf")
    assert [g.title for g in document.goals] == [g.title for g in only_text.goals]


def test_ocr_never_keeps_the_old_failure(tmp_path: Path) -> None:
    from extractor.pipeline import ExtractOptions, extract_document

    scan = tmp_path / "scan.pdf"
    from PIL import Image

    Image.new("L", (600, 800), 128).save(scan, format="PDF", resolution=72.0)
    document = extract_document(scan, ExtractOptions(ocr="never"))
    assert document.status == "failure" and document.errors[0].code == "no_text_layer"
    assert "--ocr" in document.errors[0].message


def test_options_are_validated() -> None:
    from extractor.pipeline import ExtractOptions

    with pytest.raises(ValueError, match="ocr must be"):
        ExtractOptions(ocr="sometimes")
    with pytest.raises(ValueError, match="ocr_lang"):
        ExtractOptions(ocr_lang="nld eng; rm")
    with pytest.raises(ValueError, match="ocr_max_pages"):
        ExtractOptions(ocr_max_pages=-1)


# --- the table grid seen in the image -------------------------------------------------------------

def _header_band() -> np.ndarray:
    """A page with a dark header band of two cells (a white line between them) holding white marks, over a ruled row."""
    image = np.full((400, 900), 255, np.uint8)
    image[100:160, 50:850] = 70  # the band
    image[100:160, 449:452] = 255  # the white line between its two cells
    image[120:140, 80:84] = 255  # white "text" in the first cell
    image[120:140, 700:704] = 255  # and in the second
    image[220:223, 50:850] = 0  # the rule under the body row
    image[160:223, 50:53] = 0  # the row's left and right borders
    image[160:223, 847:850] = 0
    return image


def test_shaded_header_cells_are_found_and_split_at_their_line() -> None:
    image = _header_band()
    horizontal, _ = ocr_module.rule_masks(image, 300)
    cells = ocr_module.shaded_cells(image, horizontal, 300)
    assert [(x0, x1) for x0, _, x1, _ in cells] == [(50, 449), (452, 850)]
    assert all(top == 100 and bottom == 160 for _, top, _, bottom in cells)


def test_light_text_on_a_dark_band_is_inverted_for_tesseract() -> None:
    image = _header_band()
    _, _, cells, clean = ocr_module._prepared(image, ocr_module.rule_masks(image, 300), 0, 300)
    assert len(cells) == 2
    assert clean[105:115, 200:400].min() == 255  # the shade became paper
    assert clean[120:140, 80:84].max() == 0 and clean[120:140, 700:704].max() == 0  # the white marks became ink
    assert clean[221, 100:800].min() == 255  # the rule is erased for Tesseract


def test_rules_seen_in_the_image_become_page_rules() -> None:
    image = _header_band()
    horizontal, vertical = ocr_module.rule_masks(image, 300)
    rules = ocr_module.rules_from_masks(horizontal, vertical, 300)
    scale = 72.0 / 300
    flat = [r for r in rules if r.x1 - r.x0 > 100 * scale]
    upright = [r for r in rules if r.bottom - r.top > 40 * scale]
    assert flat and all(abs(r.top - 220 * scale) < 2 for r in flat)
    lefts = sorted(r.x0 / scale for r in upright)
    assert len(lefts) == 2 and abs(lefts[0] - 50) <= 2 and abs(lefts[1] - 847) <= 2  # a pixel of anti-aliasing either side


# --- rows that add up -----------------------------------------------------------------------------

def _budget_row(label: str, top: float, amounts: tuple[float, float, float]) -> list[BudgetLine]:
    return [BudgetLine(label=label, column=f"Begroting 2021 {side.title()}", side=side, kind="begroting", year=2021,
                       amount=amount, raw=f"{amount:.0f}", page=1, bbox=(0.0, top, 500.0, top + 10), ocr=True)
            for side, amount in zip(("baten", "lasten", "saldo"), amounts)]


def test_ocr_budget_rows_that_do_not_add_up_are_left_out() -> None:
    from extractor.parse.ocr_provenance import _rows_that_add_up

    lines = [
        *_budget_row("0.1 Bestuur", 10, (0, -2_244_295, -2_244_295)),
        *_budget_row("0.2 Burgerzaken", 30, (406_291, 818_726, 412_435)),  # two minus signs lost: does not add up
        *_budget_row("0.4 Overhead", 50, (52_141, -9_539_536, -9_487_395)),
        *_budget_row("0.5 Treasury", 70, (762_000, -29_672, 732_328)),
    ]
    dropped: dict[int, list[str]] = {}
    kept = _rows_that_add_up(lines, dropped)
    assert {line.label for line in kept} == {"0.1 Bestuur", "0.4 Overhead", "0.5 Treasury"}
    assert len(dropped[1]) == 3 and "818726" in dropped[1]


def test_unsure_ocr_amounts_are_kept_only_where_their_row_adds_up() -> None:
    """Tesseract is unsure of small print; three amounts that add up confirm each other, but not in a row
    with baten 0, where lasten and saldo that both lost their minus sign would add up as well."""
    from extractor.parse.ocr_provenance import MIN_NUMBER_CONFIDENCE, _rows_that_add_up

    lines = [
        *_budget_row("1.2 Openbare orde", 10, (99_520, -989_733, -890_213)),
        *_budget_row("6.22 Toegang", 30, (0, 992_891, 992_891)),
        *_budget_row("0.5 Treasury", 50, (762_000, -29_672, 732_328)),
    ]
    for line in lines:
        line.confidence = 0.3 if line.label != "0.5 Treasury" or line.side == "baten" else 0.9
    lines.append(BudgetLine(label="2.5 Openbaar vervoer", column="Begroting 2021 Lasten", side="lasten", kind="begroting",
                            year=2021, amount=-11_940, raw="-11.940", page=1, bbox=(0.0, 70.0, 500.0, 80.0), ocr=True, confidence=0.4))
    dropped: dict[int, list[str]] = {}
    kept = _rows_that_add_up(lines, dropped)
    assert [(b.label, b.side) for b in kept] == [("1.2 Openbare orde", side) for side in ("baten", "lasten", "saldo")] + \
        [("0.5 Treasury", side) for side in ("baten", "lasten", "saldo")]
    assert sorted(dropped[1]) == sorted(["0", "992891", "992891", "-11.940"])
    assert all(b.confidence is not None and b.confidence < MIN_NUMBER_CONFIDENCE for b in kept[:3])
