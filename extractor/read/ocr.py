"""OCR for pages without a usable text layer: the same `Page`/`Line`/`Word` objects as a text page.

Pages are rendered with pypdfium2 (300 dpi by default), the ruling lines of tables are erased
(a rule next to a digit is read as "1" or "|" otherwise), and Tesseract (the `tesseract` program
of the Debian packages tesseract-ocr and tesseract-ocr-nld) reads the image into hOCR: words
with boxes and confidences, lines with a baseline and a font size. Each word's box is turned
into PDF points, top-left origin, with the vertical extent of its line's font box (as a text
layer gives it), so words of one table row line up and the shared `group_lines` forms the
lines exactly as for text PDFs. Every word keeps its confidence (0..1).

A page whose text runs sideways (a landscape table placed on a portrait page: empty pixel
columns instead of empty rows between lines) or whose first reading is poor goes through
Tesseract's orientation check and is turned upright; its coordinates are then those of the
upright page (`Page.rotation` says by how much). Short unsure words without digits (what
Tesseract makes of logos and photos) are dropped. See docs/ocr.md for the measured effects.
"""

from __future__ import annotations

import collections
import concurrent.futures
import functools
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from typing import Callable, Iterable, Iterator, Optional, Union

import numpy as np

from extractor.read.pdf import group_lines
from extractor.read.types import Page, Rule, Word

DEFAULT_DPI = 300
MIN_DPI = 150  # a low-resolution scan is still rendered at least this fine
DEFAULT_LANG = "nld+eng"
PAGE_TIMEOUT_S = 180.0  # one page; the batch's own time limit stops the document as a whole
PACKAGES = {"nld": "tesseract-ocr-nld", "eng": "tesseract-ocr-eng", "osd": "tesseract-ocr-osd"}
_TITLE_FIELD = re.compile(r"(\w+)\s+([^;]*)")
_POOR_READING = 0.6  # share of confident words below which the page's orientation is checked
_CONFIDENT = 0.8
NOISE_CONFIDENCE = 0.8  # below this a word of at most three letters is taken for noise (see `_is_noise`)
PAGE_SEGMENTATION = "4"  # "a single column of variable sizes": keeps lone digits in tables that the
# fully automatic mode 3 drops, and is 2-3x faster on dense tables; columns are re-formed by position
MAX_BORROWED = 32  # pages at most OCR'd at once on cores lent by idle workers
BORROW_POLL_S = 0.5  # how often a worker whose pages are all running asks again for an idle core
_INK = 170  # grey levels below this are ink (rules, text); above it paper or light shading


class OcrUnavailable(Exception):
    """Tesseract or one of its language models is not installed; the message names the package."""


def missing_packages(lang: str = DEFAULT_LANG) -> Optional[str]:
    """None when OCR in `lang` can run here, else what to install (Debian package names)."""
    if shutil.which("tesseract") is None:
        needed = ["tesseract-ocr", *(PACKAGES.get(code, f"tesseract-ocr-{code}") for code in lang.split("+") if code != "eng")]
        return "Tesseract is not installed (apt-get install " + " ".join(needed) + ")"
    missing = [code for code in lang.split("+") if code not in installed_languages()]
    if missing:
        names = " ".join(PACKAGES.get(code, f"tesseract-ocr-{code}") for code in missing)
        return f"Tesseract has no model for {'+'.join(missing)} (apt-get install {names})"
    return None


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listing.splitlines()[1:] if line.strip())


class OcrTimeLimit(Exception):
    """The page was not OCR'd: the document's time for OCR ran out before it was started."""


def ocr_pdf_pages(path: str, numbers: Iterable[int], lang: str = DEFAULT_LANG, dpi: int = DEFAULT_DPI,
                  jobs: int = 1, deadline: Optional[float] = None,
                  borrow: Optional[Callable[[], Optional[Callable[[], None]]]] = None,
                  ) -> Iterator[tuple[int, Union[Page, Exception]]]:
    """Render and OCR the given 1-based pages of a PDF, yielding (number, page) in page order,
    or (number, error) for a page that could not be read.

    `jobs` pages are OCR'd at once; `borrow` may grant one more core at a time (it returns the
    function that gives the core back, or None): a batch worker lends the cores of idle workers
    this way. No page is started after `deadline` (a `time.monotonic()` value): those pages come
    back as `OcrTimeLimit`, so a long document yields what was read in time.

    Rendering stays in this thread (PDFium is not thread-safe); the rule erasing and Tesseract
    run in worker threads (Tesseract is a separate process). At most as many rendered pages are
    held as are being read, so memory does not grow with the document.
    """
    import pypdfium2 as pdfium

    problem = missing_packages(lang)
    if problem:
        raise OcrUnavailable(problem)
    numbers = list(numbers)
    jobs = max(1, jobs)
    pending: collections.deque = collections.deque()  # (number, future or error), in page order
    pdf = pdfium.PdfDocument(path)
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs + MAX_BORROWED) as pool:
            for position, number in enumerate(numbers):
                release = None
                while True:  # a core for this page: one of `jobs`, or a borrowed one
                    while pending and _is_done(pending[0][1]):
                        yield _finished(*pending.popleft())
                    running = [work for _, work in pending if not _is_done(work)]
                    if len(running) < jobs:
                        break
                    if borrow is not None and len(running) < jobs + MAX_BORROWED:
                        release = borrow()
                        if release is not None:
                            break
                    concurrent.futures.wait(running, timeout=BORROW_POLL_S, return_when=concurrent.futures.FIRST_COMPLETED)
                if deadline is not None and time.monotonic() > deadline:
                    if release is not None:
                        release()
                    while pending:
                        yield _finished(*pending.popleft())
                    yield from ((rest, OcrTimeLimit()) for rest in numbers[position:])
                    return
                try:
                    image, page_dpi, rotation = _render(pdf, number, dpi)
                except Exception as exc:  # a page PDFium cannot draw
                    pending.append((number, exc))
                    if release is not None:
                        release()
                    continue
                work = pool.submit(ocr_image, image, number, lang, page_dpi, rotation)
                if release is not None:
                    work.add_done_callback(lambda _, give_back=release: give_back())
                pending.append((number, work))
            while pending:
                yield _finished(*pending.popleft())
    finally:
        pdf.close()


def _is_done(work: Union[concurrent.futures.Future, Exception]) -> bool:
    return not isinstance(work, concurrent.futures.Future) or work.done()


def _render(pdf, number: int, dpi: int) -> tuple[np.ndarray, int, int]:
    pdf_page = pdf[number - 1]
    try:
        rotation = pdf_page.get_rotation()
        page_dpi = render_dpi(pdf_page, dpi)
        image = pdf_page.render(scale=page_dpi / 72.0, grayscale=True).to_numpy()  # as displayed
    finally:
        pdf_page.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image), page_dpi, rotation


def _finished(number: int, work) -> tuple[int, Union[Page, Exception]]:
    if isinstance(work, Exception):
        return number, work
    try:
        return number, work.result()
    except Exception as exc:  # Tesseract failed or timed out on this page
        return number, exc


def render_dpi(pdf_page, dpi: int) -> int:
    """`dpi`, or less for a page that is one scanned image of lower resolution: rendering above the
    scan's own resolution adds pixels, not detail, and Tesseract's time grows with the pixels."""
    import pypdfium2.raw as pdfium_c

    width_pt, height_pt = pdf_page.get_size()
    for obj in pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) < 0.5 * width_pt * height_pt:
            continue
        pixels_wide, pixels_high = obj.get_px_size()
        # long side against long side: the image may be turned on the page
        native = max(pixels_wide, pixels_high) / max(right - left, top - bottom, 1.0) * 72.0
        return int(min(dpi, max(MIN_DPI, native)))
    return dpi


def ocr_image(gray: np.ndarray, number: int, lang: str = DEFAULT_LANG, dpi: int = DEFAULT_DPI, rotation: int = 0) -> Page:
    """One rendered page (8-bit grey, the page as displayed) read into a `Page` in PDF points.

    Besides the words, the page gets the table grid seen in the image: rules (`Page.rules`) and
    dark shaded cells (`Page.rects`), as a text PDF carries them, so the table layer reads a
    scanned table by its grid.
    """
    masks = rule_masks(gray, dpi)
    turned = _upright_turn(_erased(gray, masks), dpi) if _looks_sideways(_erased(gray, masks)) else 0
    upright, upright_masks, cells, clean = _prepared(gray, masks, turned, dpi)
    words = read_words(clean, lang, dpi)
    if not turned and (words and _confident_share(words) < _POOR_READING or not words and _has_ink(clean)):
        turned = _upright_turn(clean, dpi)  # a poor reading: perhaps upside down or sideways after all
        if turned:
            upright, upright_masks, cells, clean = _prepared(gray, masks, turned, dpi)
            words = read_words(clean, lang, dpi)
    height_px, width_px = clean.shape
    scale = 72.0 / dpi
    return Page(
        number=number,
        width=width_px * scale,
        height=height_px * scale,
        lines=group_lines(words, number),
        rules=rules_from_masks(*upright_masks, dpi),
        rects=[Rule(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in cells],
        rotation=(rotation + turned) % 360,
        char_count=sum(len(w.text) for w in words),
        ocr=True,
    )


def _erased(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    out = gray.copy()
    out[masks[0] | masks[1]] = 255
    return out


def _prepared(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray], turned: int, dpi: int):
    """The page turned upright: grey image, rule masks, shaded cells, and the image for Tesseract
    (rules erased, shaded cells turned into dark text on white)."""
    horizontal, vertical = masks
    if turned:
        # rules are found again on the upright page: horizontal and vertical rules are not found alike
        gray = np.ascontiguousarray(np.rot90(gray, k=turned // 90))
        horizontal, vertical = rule_masks(gray, dpi)
    cells = shaded_cells(gray, horizontal, dpi)
    clean = _erased(gray, (horizontal, vertical))
    bands: list[list[int]] = []  # cells of one band: same rows, a thin line between neighbours; then their count
    for x0, top, x1, bottom in sorted(cells, key=lambda c: (c[1] // 4, c[0])):
        near = max(4, dpi // 20)
        if bands and abs(bands[-1][1] - top) <= 3 and abs(bands[-1][3] - bottom) <= 3 and 0 <= x0 - bands[-1][2] <= near:
            bands[-1][2] = x1
            bands[-1][4] += 1
        else:
            bands.append([x0, top, x1, bottom, 1])
    margin = max(2, dpi // 100)
    for left, top, right, bottom, count in bands:
        if count < 2:
            continue  # a title band, not a table header: inverted, its large type shares Tesseract's text lines with the table beside it
        if not _light_text(gray[top:bottom, left:right]):
            continue  # dark text on a light or middle shade: Tesseract reads that as it is
        inner = _inverted(gray[top:bottom, left:right])
        # the band's border and the lines between its cells go with the shade: a frame of paper
        clean[max(0, top - margin):bottom + margin, max(0, left - margin):right + margin] = 255
        clean[top:bottom, left:right] = inner
    return gray, (horizontal, vertical), cells, clean


def _light_text(band: np.ndarray) -> bool:
    """More marks lighter than the shade than darker: white text on a dark band."""
    level = float(np.median(band))
    lighter = int((band > level + 0.4 * (255 - level)).sum())
    darker = int((band < 0.6 * level).sum())
    return lighter > darker


def _inverted(cell: np.ndarray) -> np.ndarray:
    """A dark shaded cell with light text as dark text on white: the shade becomes paper.

    Tesseract reads light text on a dark shade poorly ("Baldo" for "Saldo", years lost)."""
    level = float(np.median(cell))
    span = max(1.0, 255.0 - level)
    light = np.clip((cell.astype(np.float32) - level) / span, 0.0, 1.0)
    return (255.0 * (1.0 - light)).astype(np.uint8)


def erase_rules(gray: np.ndarray, dpi: int) -> np.ndarray:
    """The page with thin straight rules (table grid lines) whitened; shaded bands and text are kept."""
    horizontal, vertical = rule_masks(gray, dpi)
    out = gray.copy()
    out[horizontal | vertical] = 255
    return out


def rule_masks(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of horizontal and of vertical rules (table grid lines, the edges of shaded bands).

    A rule is a run of ink at least half an inch long with paper or light shading a few pixels
    above or below it (so not the inside of a dark band or the bar of a chart, only their edges).
    """
    length = max(20, dpi // 2)
    gap = max(2, dpi // 60) + 1
    dark = gray < _INK
    runs = _long_runs(dark, length)
    horizontal = _thin(runs, _long_runs(~dark, length // 2, rows=_near_rows(runs, gap)), gap)
    without = gray.copy()
    without[horizontal] = 255
    # vertical rules on the page without its horizontal ones, so crossings go too; a short
    # vertical rule counts when it ends on a horizontal one (the cell borders of one table row)
    turned = np.ascontiguousarray(without.T) < _INK
    anchors = np.ascontiguousarray(horizontal.T)
    vertical = _long_runs(turned, length, anchors=anchors, short=max(8, dpi // 10))
    return horizontal, _thin(vertical, _long_runs(~turned, length // 2, rows=_near_rows(vertical, gap)), gap).T


def _near_rows(runs: np.ndarray, gap: int) -> np.ndarray:
    """Rows `gap` above or below a row holding a run: the only rows `_thin` looks at."""
    has = runs.any(axis=1)
    near = np.zeros_like(has)
    near[gap:] |= has[:-gap]
    near[:-gap] |= has[gap:]
    return near


def shaded_cells(gray: np.ndarray, horizontal: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x0, top, x1, bottom) of dark shaded cells: the header bands of tables, often
    with white text and thin white lines between their cells. Their edges separate rows and
    columns as the edges of a text PDF's shaded rectangles do.

    A band is a connected region of long dark runs (thicker than a rule); it is cut into cells at
    the pixel columns that stay lighter or darker than the band over (nearly) all of its rows.
    """
    from scipy import ndimage

    length = max(20, dpi // 2)
    band = _long_runs(gray < _INK, length) & ~horizontal
    labels, _ = ndimage.label(band)
    cells: list[tuple[int, int, int, int]] = []
    for rows, columns in ndimage.find_objects(labels):
        first, last, left = rows.start, rows.stop - 1, columns.start
        if last - first + 1 < max(6, dpi // 15) or columns.stop - left < length // 2:
            continue  # a rule or a mark, not a band
        share = band[first:last + 1, columns].mean(axis=0)
        # a column lighter (or darker) than the band in (nearly) every row of it is a line between two
        # cells; a column of white text is not, as the band shows above and below the text
        low, high = np.percentile(gray[first:last + 1, columns], [10, 90], axis=0)
        level = float(np.median(low[share > 0.1])) if (share > 0.1).any() else 0.0
        line = (low > level + 0.25 * (255 - level)) | (high < 0.75 * level)
        inside = np.r_[False, (share > 0.1) & ~line, False].astype(np.int8)
        starts = np.flatnonzero(np.diff(inside) == 1)
        ends = np.flatnonzero(np.diff(inside) == -1)
        cells.extend((int(left + a), int(first), int(left + b), int(last + 1)) for a, b in zip(starts, ends) if b - a >= length // 4)
    return cells


def rules_from_masks(horizontal: np.ndarray, vertical: np.ndarray, dpi: int) -> list[Rule]:
    """The rules of `rule_masks` as `Rule`s in PDF points: the drawn grid a text PDF would carry,
    so the table layer reads a scanned table by its grid as it reads a digital one."""
    scale = 72.0 / dpi
    rules = [Rule(x0 * scale, top * scale, x1 * scale, bottom * scale) for top, x0, bottom, x1 in _mask_runs(horizontal)]
    rules += [Rule(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in _mask_runs(np.ascontiguousarray(vertical.T))]
    return rules


def _mask_runs(mask: np.ndarray, min_length: int = 8) -> list[tuple[int, int, int, int]]:
    """Horizontal runs of `mask` as (row, start, last row + 1, end): a run repeated on the rows
    below it (a rule a few pixels thick) is one run."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    start_rows, start_cols = np.nonzero(step == 1)
    _, end_cols = np.nonzero(step == -1)
    open_runs: dict[tuple[int, int], list[int]] = {}
    done: list[tuple[int, int, int, int]] = []
    for row, start, end in zip(start_rows.tolist(), start_cols.tolist(), end_cols.tolist()):
        if end - start < min_length:
            continue
        key = (start // 4, end // 4)  # the same run give or take the anti-aliasing of its ends
        run = open_runs.get(key)
        if run is not None and run[2] >= row - 1:
            run[2] = row + 1
            continue
        if run is not None:
            done.append(tuple(run))  # type: ignore[arg-type]
        open_runs[key] = [row, start, row + 1, end]
    done.extend(tuple(run) for run in open_runs.values())  # type: ignore[misc]
    return done


def _long_runs(dark: np.ndarray, length: int, anchors: Optional[np.ndarray] = None, short: int = 0,
               rows: Optional[np.ndarray] = None) -> np.ndarray:
    """Pixels inside a horizontal run of at least `length` dark pixels, or of at least `short`
    pixels that starts or ends at an `anchors` pixel; only on `rows` (all rows when None).

    Rows are independent, so only rows with enough dark pixels for a run are looked at: most
    rows of a page (paper between text lines, lines of text) hold no run at all, and finding
    the runs of a whole 300 dpi page was a fifth of the time spent on it outside Tesseract.
    """
    h, w = dark.shape
    enough = _may_hold_run(dark, length)
    if anchors is not None:
        enough |= _may_hold_run(dark, short) & anchors.any(axis=1)
    if rows is not None:
        enough &= rows
    picked = np.flatnonzero(enough)
    out = np.zeros((h, w), bool)
    if picked.size:
        out[picked] = _row_runs(dark[picked], length, None if anchors is None else anchors[picked], short)
    return out


def _may_hold_run(dark: np.ndarray, length: int) -> np.ndarray:
    """Rows that may hold a run of `length` dark pixels: such a run covers a whole aligned
    block of (length + 1) // 2 pixels, so a row without an all-dark block holds none."""
    block = max(1, (length + 1) // 2)
    h, w = dark.shape
    usable = w // block * block
    if not usable:
        return np.zeros(h, bool)
    return dark[:, :usable].reshape(h, -1, block).all(axis=2).any(axis=1)


def _row_runs(dark: np.ndarray, length: int, anchors: Optional[np.ndarray], short: int) -> np.ndarray:
    h, w = dark.shape
    padded = np.zeros((h, w + 2), np.int8)
    padded[:, 1:-1] = dark
    step = np.diff(padded, axis=1)
    start_rows, start_cols = np.nonzero(step == 1)
    end_rows, end_cols = np.nonzero(step == -1)  # same rows in the same order: runs pair up
    keep = end_cols - start_cols >= length
    if anchors is not None:
        near = anchors.copy()
        for shift in (1, 2, 3):
            near[:, shift:] |= anchors[:, :-shift]
            near[:, :-shift] |= anchors[:, shift:]
        touching = near[start_rows, np.maximum(start_cols - 1, 0)] | near[end_rows, np.minimum(end_cols, w - 1)]
        keep |= (end_cols - start_cols >= short) & touching
    marks = np.zeros((h, w + 1), np.int8)
    marks[start_rows[keep], start_cols[keep]] = 1
    marks[end_rows[keep], end_cols[keep]] = -1
    return np.cumsum(marks, axis=1, dtype=np.int8)[:, :w] > 0


def _thin(runs: np.ndarray, light: np.ndarray, gap: int) -> np.ndarray:
    """Run pixels with paper (`light`: long light runs, not the counters of white letters) `gap`
    rows above or below: a rule or the edge of a band, not the inside of a shaded band.
    Grown by a row for anti-aliasing."""
    above = np.ones_like(light)
    above[gap:] = light[:-gap]
    below = np.ones_like(light)
    below[:-gap] = light[gap:]
    ink_above = np.zeros_like(runs)
    ink_above[gap:] = runs[:-gap]
    ink_below = np.zeros_like(runs)
    ink_below[:-gap] = runs[gap:]
    # one side of paper is enough (text may stand right against a rule), unless the other side
    # is more of the same run: then this is the edge of a dark band, which stays
    rule = runs & ((above & ~ink_below) | (below & ~ink_above))
    grown = rule.copy()
    grown[1:] |= rule[:-1]
    grown[:-1] |= rule[1:]
    return grown


def _looks_sideways(gray: np.ndarray) -> bool:
    """Text lines leave empty rows of pixels between them; sideways text leaves empty columns instead."""
    ink = gray < 128
    empty_rows = 1.0 - ink.any(axis=1).mean()
    empty_columns = 1.0 - ink.any(axis=0).mean()
    return bool(empty_columns > empty_rows + 0.05)


def _has_ink(gray: np.ndarray) -> bool:
    return bool((gray < 128).mean() > 0.002)


def _confident_share(words: list[Word]) -> float:
    return sum(1 for w in words if (w.confidence or 0.0) >= _CONFIDENT) / len(words)


def _tesseract(image: np.ndarray, dpi: int, args: list[str]) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page: the batch runs pages/documents in parallel
    result = subprocess.run(["tesseract", "stdin", "stdout", "--dpi", str(dpi), *args], input=portable_graymap(image),
                            capture_output=True, timeout=PAGE_TIMEOUT_S, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed: {result.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    return result.stdout.decode("utf-8", "replace")


def portable_graymap(image: np.ndarray) -> bytes:
    """8-bit grey image as binary PGM: no compression to pay for on either side of the pipe
    (PNG cost 0.1 s per 300 dpi page to write, and Tesseract the same again to read)."""
    height, width = image.shape
    return b"P5\n%d %d\n255\n" % (width, height) + np.ascontiguousarray(image, dtype=np.uint8).tobytes()


def _upright_turn(image: np.ndarray, dpi: int) -> int:
    """Degrees (counter-clockwise, 0/90/180/270) that turn the page's text upright; 0 when unsure."""
    if "osd" not in installed_languages():
        return 0
    try:
        report = _tesseract(image, dpi, ["--psm", "0"])
    except (RuntimeError, subprocess.SubprocessError):
        return 0
    found = dict(re.findall(r"^([A-Za-z ]+):\s*([\d.]+)", report, re.MULTILINE))
    turn = int(float(found.get("Rotate", 0)))  # clockwise degrees Tesseract would turn the image
    if float(found.get("Orientation confidence", 0)) < 2.0:
        return 0
    return (360 - turn) % 360


def read_words(image: np.ndarray, lang: str, dpi: int) -> list[Word]:
    """Tesseract's words on `image` in PDF points (top-left origin) with confidences 0..1."""
    hocr = _tesseract(image, dpi, ["-l", lang, "--psm", PAGE_SEGMENTATION, "hocr"])
    return words_from_hocr(hocr, 72.0 / dpi, dutch="nld" in lang.split("+"))


def words_from_hocr(hocr: str, scale: float, dutch: bool = True) -> list[Word]:
    """Words of an hOCR page; each gets the font box of its line (baseline, ascent and descent).

    Ink boxes differ per word ("en" is lower than "Bestuur"); the font box does not, so words of
    one row share a top as they do in a text layer and `group_lines` joins them.
    """
    root = ElementTree.fromstring(hocr.encode("utf-8"))
    words: list[Word] = []
    for line in root.iter():
        if not _is_line(line):
            continue
        facts = _title(line)
        box = facts.get("bbox")
        if not box or len(box) != 4:
            continue
        slope, offset = (facts.get("baseline") or [0.0, 0.0])[:2]
        x_size = (facts.get("x_size") or [box[3] - box[1]])[0]
        descent = (facts.get("x_descenders") or [x_size * 0.2])[0]
        spans = []
        for span in line.iter():
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(span.itertext()).strip()
            word_facts = _title(span)
            word_box = word_facts.get("bbox")
            if text and word_box and len(word_box) == 4:
                spans.append((text, word_box, word_facts))
        own = _segment_baselines(spans, x_size, descent)
        for (text, word_box, word_facts), own_baseline in zip(spans, own):
            baseline = box[3] + offset + slope * ((word_box[0] + word_box[2]) / 2 - box[0])
            if abs(own_baseline - baseline) > 0.25 * x_size:
                baseline = own_baseline  # a line Tesseract ran across two tables whose rows do not line up
            confidence = (word_facts.get("x_wconf") or [0.0])[0] / 100.0
            if _is_noise(text, confidence):
                continue
            words.append(Word(
                text=dutch_trema(text) if dutch else text,
                x0=word_box[0] * scale,
                top=(baseline - (x_size - descent)) * scale,
                x1=word_box[2] * scale,
                bottom=(baseline + descent) * scale,
                size=round(x_size * scale, 1),
                confidence=round(confidence, 3),
            ))
    return without_doubles(words)


def without_doubles(words: list[Word]) -> list[Word]:
    """Words Tesseract read twice: where two word boxes mostly cover each other (two text lines it
    found over one printed line), only the more confident word is kept ("Verkeer keer en en")."""
    order = sorted(range(len(words)), key=lambda i: words[i].x0)
    dropped: set[int] = set()
    for n, i in enumerate(order):
        a = words[i]
        for j in order[n + 1:]:
            b = words[j]
            if b.x0 >= a.x1:
                break
            if i in dropped or j in dropped:
                continue
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.bottom, b.bottom) - max(a.top, b.top)
            if width > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0) and height > 0.5 * min(a.bottom - a.top, b.bottom - b.top):
                dropped.add(j if (b.confidence or 0.0) < (a.confidence or 0.0) else i)
    return [w for k, w in enumerate(words) if k not in dropped]


_ACUTE_AFTER_VOWEL = re.compile(r"(?<=[aeiouAEIOU])([éíóú])(?=[^\W\d_])")
_TREMA = str.maketrans("éíóú", "ëïöü")


def dutch_trema(text: str) -> str:
    """A trema read as an acute accent: "Geéscaleerde" is "Geëscaleerde".

    In Dutch a vowel starting a syllable right after another vowel carries a trema (geëscaleerd,
    financiën, beïnvloeden, coördinatie); an acute there does not occur, but Tesseract often reads
    the two dots as one stroke. Only an accented vowel between a vowel and a letter is changed
    ("één", "café" stay)."""
    return _ACUTE_AFTER_VOWEL.sub(lambda m: m.group(1).translate(_TREMA), text)


_DESCENDERS = set("gjpqy,;()[]{}|")


def _segment_baselines(spans: list, x_size: float, descent: float) -> list[float]:
    """Per word, the baseline of the run of words it stands in (words a few letter widths apart).

    psm 4 reads a page as one column, so a text line can run through two tables side by side whose
    rows are a few points apart; the line's single baseline then puts one table's words above or
    below their row. The ink of a word without descenders ends on its baseline.
    """
    out: list[float] = []
    run: list[float] = []
    run_start = 0
    last_right: Optional[float] = None
    for i, (text, word_box, _) in enumerate(spans):
        if last_right is not None and word_box[0] - last_right > 3.0 * x_size:
            out.extend([float(np.median(run))] * (i - run_start))
            run, run_start = [], i
        run.append(word_box[3] - (descent if _DESCENDERS & set(text) else 0.0))
        last_right = word_box[2]
    if run:
        out.extend([float(np.median(run))] * (len(spans) - run_start))
    return out


def _is_noise(text: str, confidence: float) -> bool:
    """A short unsure word without digits: what Tesseract makes of logos, icons and photos
    ("ES" for a coat of arms). Real short words are read with high confidence; numbers are kept
    (an unsure number is left out later, with a warning, by the parse layer)."""
    return confidence < NOISE_CONFIDENCE and len(text) <= 3 and not any(c.isdigit() for c in text)


def _is_line(element: ElementTree.Element) -> bool:
    return element.get("class", "") in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat")


def _title(element: ElementTree.Element) -> dict[str, list[float]]:
    """hOCR properties ("bbox 1 2 3 4; x_wconf 95") as numbers."""
    facts: dict[str, list[float]] = {}
    for part in (element.get("title") or "").split(";"):
        match = _TITLE_FIELD.match(part.strip())
        if not match:
            continue
        try:
            facts[match.group(1)] = [float(v) for v in match.group(2).split()]
        except ValueError:
            continue
    return facts
