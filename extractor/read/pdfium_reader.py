"""PDF reading with pypdfium2: the same `Page`/`Line`/`Word` output as the pdfplumber reader, faster.

pdfminer (under pdfplumber) parses every page in Python, which caps the tool at ~10 pages/s;
PDFium does the parsing in C. This module rebuilds pdfplumber's view on top of PDFium:

* character boxes as pdfminer draws them (advance width from PDFium's loose box; vertically
  the font's descent plus one font size), in pdfplumber's top-left coordinates of the
  displayed (rotated) page;
* words exactly as pdfplumber's `extract_words` forms them (same grouping, tolerances and
  split rules), then lines through the shared `group_lines`;
* drawn lines and rectangles as pdfminer classifies path segments (`page.lines`, `page.rects`).

PDFium's own view is undone where it differs from the file: characters go back into
content-stream order (PDFium sorts text objects along a line), generated spaces and line breaks
are dropped, lone spaces PDFium skips come back, and its hyphen marker at line ends becomes the
'-' that is in the file.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from typing import Collection, Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractor.errors import ExtractionError
from extractor.read.pdf import check_page_count, clean_title, group_lines, is_bold_font, page_too_large
from extractor.read.types import Page, Rule, Word

X_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
Y_TOLERANCE = 3.0
_LIGATURES = {"\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb01": "fi", "\ufb02": "fl", "\ufb06": "st", "\ufb05": "st"}
_HYPHEN_MARK = 2  # PDFium reports a line-final hyphen as U+0002
# Descent (per 1000) pdfminer takes from its built-in metrics for non-embedded standard fonts;
# PDFium substitutes its own fonts there, whose descent differs.
_STANDARD_DESCENT = {"Courier": -194.0, "CourierNew": -194.0, "Helvetica": -207.0, "Arial": -207.0, "Times": -217.0, "TimesNewRoman": -217.0}
_STANDARD_NAME = re.compile(r"^(Courier|CourierNew|Helvetica|Arial|Times|TimesNewRoman)([-,](Roman|Bold|Italic|Oblique|BoldItalic|BoldOblique))?$")

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

# a character: (text, x0, top, x1, bottom, upright, fontname, size, unmapped)
_Char = tuple


def read_pdf_pdfium(path: str, max_pages: int = 5000, max_page_area: float = 25_000_000.0,
                    only_pages: Optional[Collection[int]] = None) -> tuple[list[Page], int, Optional[str], list]:
    """Return (pages, page_count, title, warnings) like `read_pdf`; raise ExtractionError for unreadable PDFs.

    `only_pages` (1-based numbers) reads just those pages, for sampling and tests.
    """
    warnings: list[tuple[str, str, Optional[int]]] = []
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise ExtractionError("encrypted_pdf", f"{path}: the PDF is encrypted and needs a password ({exc})") from exc
        raise ExtractionError("corrupt_pdf", f"{path}: the PDF is damaged or truncated and cannot be parsed ({exc})") from exc
    try:
        page_count = len(pdf)
        check_page_count(path, page_count, max_pages)
        title = None
        try:
            title = clean_title(pdf.get_metadata_dict(skip_empty=True).get("Title"))
        except Exception:
            title = None
        fonts: dict[int, tuple[str, float]] = {}
        pages: list[Page] = []
        for index in range(1, page_count + 1):
            if only_pages is not None and index not in only_pages:
                continue
            pdf_page = None
            try:
                pdf_page = pdf[index - 1]
                box = _media_box(pdf_page)
                rotation = int(raw.FPDFPage_GetRotation(pdf_page.raw)) * 90 % 360
                width, height = _display_size(box, rotation)
                warning = page_too_large(index, width, height, max_page_area)
                if warning:
                    warnings.append(warning)
                    pages.append(Page(number=index, width=width, height=height))
                    continue
                pages.append(_read_page(pdf_page, index, box, rotation, fonts))
            except ExtractionError:
                raise
            except Exception as exc:
                warnings.append(("corrupt_pdf", f"page {index} could not be read ({type(exc).__name__}: {exc})", index))
                pages.append(Page(number=index))
            finally:
                if pdf_page is not None:
                    pdf_page.close()
    finally:
        pdf.close()
    return pages, page_count, title, warnings


def _media_box(pdf_page) -> tuple[float, float, float, float]:
    """The MediaBox, normalised (pdfplumber measures pages by it, not by the CropBox)."""
    x0, y0, x1, y1 = (round(v, 4) for v in pdf_page.get_mediabox())  # PDFium keeps float32
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _display_size(box: tuple[float, float, float, float], rotation: int) -> tuple[float, float]:
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if rotation in (90, 270) else (width, height)


class _Display:
    """PDF user space → pdfplumber's space: the page as displayed (/Rotate applied), origin top-left."""

    __slots__ = ("rotation", "x0", "y0", "x1", "y1", "height")

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rotation = rotation
        self.height = _display_size(box, rotation)[1]

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, y) with y up, as pdfminer places it (before pdfplumber flips y)."""
        r = self.rotation
        if r == 0:
            return x - self.x0, y - self.y0
        if r == 90:
            return y - self.y0, self.x1 - x
        if r == 180:
            return self.x1 - x, self.y1 - y
        return self.y1 - y, x - self.x0

    def vector(self, dx: float, dy: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return dx, dy
        if r == 90:
            return dy, -dx
        if r == 180:
            return -dx, -dy
        return -dy, dx

    def box(self, points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) around user-space points."""
        moved = [self.point(x, y) for x, y in points]
        xs = [p[0] for p in moved]
        ys = [p[1] for p in moved]
        return min(xs), self.height - max(ys), max(xs), self.height - min(ys)


def _read_page(pdf_page, number: int, box: tuple[float, float, float, float], rotation: int, fonts: dict) -> Page:
    display = _Display(box, rotation)
    text_objects: dict[int, tuple[int, object, tuple[float, ...]]] = {}
    paths: list[tuple[object, tuple[float, ...]]] = []
    images: list[tuple[object, tuple[float, ...]]] = []
    for order, (kind, obj, outer) in enumerate(_page_objects(pdf_page.raw)):
        if kind == "text":
            text_objects[ctypes.cast(obj, ctypes.c_void_p).value or 0] = (order, obj, outer)
        elif kind == "path":
            paths.append((obj, outer))
        else:
            images.append((obj, outer))
    text_page = pdf_page.get_textpage()
    try:
        chars, char_count, unmapped = _page_chars(text_page.raw, display, fonts, text_objects)
    finally:
        text_page.close()
    words: list[Word] = []
    for chunk in extract_words(chars):
        text = "".join(_LIGATURES.get(c[0], c[0]) for c in chunk if not c[8])
        if not text.strip():
            continue
        first = chunk[0]
        words.append(
            Word(
                text=text,
                x0=min(c[1] for c in chunk),
                top=min(c[2] for c in chunk),
                x1=max(c[3] for c in chunk),
                bottom=max(c[4] for c in chunk),
                size=round(first[7], 1),
                bold=is_bold_font(first[6]),
            )
        )
    rules, rects = _page_paths(paths, display)
    return Page(
        number=number,
        width=_display_size(box, rotation)[0],
        height=display.height,
        lines=group_lines(words, number),
        rules=rules,
        rects=rects,
        rotation=rotation,
        char_count=char_count,
        unmapped_chars=unmapped,
        image_cover=_image_cover(images, display, _display_size(box, rotation)[0]),
    )


def _image_cover(images: list, display: _Display, width: float) -> float:
    """The share of the displayed page that image objects cover (overlaps counted once per image)."""
    if not images or not width or not display.height:
        return 0.0
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    covered = 0.0
    for obj, outer in images:
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        a, b, c, d, e, f = outer
        corners = [(a * x + c * y + e, b * x + d * y + f) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        x0, y0, x1, y1 = display.box(corners)
        covered += max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(y1, display.height) - max(y0, 0.0))
    return min(1.0, covered / (width * display.height))


def _font_facts(font, fonts: dict) -> tuple[str, float]:
    """(base font name, descent per 1000 as pdfminer would use it), cached per PDFium font."""
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    facts = fonts.get(key)
    if facts is None:
        name = ""
        descent = 0.0
        if font:
            buffer = ctypes.create_string_buffer(256)
            size = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
            if size > 256:
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("utf-8", "replace")
            value = ctypes.c_float(0.0)
            if raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(value)):
                descent = -abs(float(value.value))  # pdfminer turns a positive /Descent negative
            if not raw.FPDFFont_GetIsEmbedded(font):
                match = _STANDARD_NAME.match(name)
                if match:
                    descent = _STANDARD_DESCENT[match.group(1)]
        # pdfminer tells fonts apart by their name, subset tag ("ABCDEF+") included. PDFium keeps
        # the tag of composite fonts but drops that of simple ones: a simple font is known by its
        # handle, or by the tagged name of a composite font of the same name (see `_font_names`).
        plain = _SUBSET_TAG.sub("", name)
        if plain != name:
            fonts.setdefault("tagged", {})[plain] = name
            fonts.setdefault("tags", {}).setdefault(name[:6], set()).add(plain)
            facts = (name, descent)
        else:
            facts = (f"{plain}#{key}", descent)
        fonts[key] = facts
    return facts


def _font_names(chars: list[_Char], fonts: dict) -> list[_Char]:
    """Simple fonts whose subset tag PDFium dropped get the tagged name where that is safe to guess.

    Some producers give every font one and the same tag ("ABCDEE+"): there a simple font is the
    composite font of the same name to pdfminer. Others (Word) number their tags: there the
    simple font is a subset of its own, and keeps its handle as name.
    """
    tagged = fonts.get("tagged")
    tags = fonts.get("tags", {})
    if not tagged or len(tags) != 1 or len(next(iter(tags.values()))) < 2:
        return chars
    simple: dict[str, set[str]] = {}
    for name in {ch[6] for ch in chars}:
        plain, _, handle = name.rpartition("#")
        if handle.isdigit():
            simple.setdefault(plain, set()).add(name)
    renamed = {
        name: tagged[plain]
        for plain, names in simple.items()
        if plain in tagged and len(names) == 1
        for name in names
    }
    if not renamed:
        return chars
    return [ch[:6] + (renamed[ch[6]],) + ch[7:] if ch[6] in renamed else ch for ch in chars]


def _page_chars(text_page, display: _Display, fonts: dict, text_objects: dict) -> tuple[list[_Char], int, int]:
    """Every character of the page in content-stream order (pdfminer's order) with pdfminer-style boxes.

    PDFium reorders text objects along a line, leaves out generated characters we do not want
    and drops text objects without width (a lone space): those come back as spaces, because
    pdfplumber splits words at them.
    """
    keyed: list[tuple[int, int, _Char]] = []
    chars, char_count, unmapped_count, used = _text_page_chars(text_page, display, fonts, text_objects, keyed)
    for key, (order, obj, outer) in text_objects.items():
        if key in used:
            continue
        space = _lone_space(obj, outer, display, fonts)
        if space is not None:
            keyed.append((order, 0, space))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _font_names([item[2] for item in keyed], fonts), char_count, unmapped_count


def _lone_space(obj, outer: tuple[float, ...], display: _Display, fonts: dict) -> Optional[_Char]:
    """A space standing for a text object PDFium skipped because it has no width."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or abs(right.value - left.value) >= 0.01:
        return None
    size = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, size) or not size.value:
        return None
    a, b, c, d, x, y = _concat(_object_matrix(obj), outer)
    name, descent = _font_facts(raw.FPDFTextObj_GetFont(obj), fonts)
    descent = descent * size.value / 1000.0
    corners = [(x + c * ty, y + d * ty) for ty in (descent, descent + size.value)]
    x0, top_, x1, bottom_ = display.box(corners)
    ua, ub = display.vector(a, b)
    uc, ud = display.vector(c, d)
    return (" ", x0, top_, x0, bottom_, ua * ud > 0 and ub * uc <= 0, name, round(bottom_ - top_, 4), False)


def _void_function(name: str):
    """A second handle on a PDFium function returning a pointer, giving it as a plain int.

    Turning ctypes pointers into dictionary keys costs more than the call itself; the shared
    function objects of pypdfium2 are left untouched.
    """
    import pypdfium2_raw.bindings as pdfium_bindings  # the loaded library (pypdfium2 5.x layout)

    shared = getattr(raw, name)
    library = pdfium_bindings._libs["pdfium"]
    function = library[name]
    function.argtypes = shared.argtypes
    function.restype = ctypes.c_void_p
    return function


_FUNCTIONS: dict[str, object] = {}


def _text_page_chars(text_page, display: _Display, fonts: dict, text_objects: dict, keyed: list) -> tuple:
    if "object" not in _FUNCTIONS:
        try:
            _FUNCTIONS["object"] = _void_function("FPDFText_GetTextObject")
        except Exception:  # another pypdfium2 layout: fall back to casting
            _FUNCTIONS["object"] = lambda page, i: ctypes.cast(raw.FPDFText_GetTextObject(page, i), ctypes.c_void_p).value
    get_object = _FUNCTIONS["object"]
    count = raw.FPDFText_CountChars(text_page)
    loose = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox = ctypes.c_double()
    oy = ctypes.c_double()
    objects: dict[int, tuple] = {}
    chars: list[_Char] = []
    append = chars.append
    append_keyed = keyed.append
    char_count = unmapped_count = 0
    order = sub = 0
    get_unicode = raw.FPDFText_GetUnicode
    is_generated = raw.FPDFText_IsGenerated
    has_map_error = raw.FPDFText_HasUnicodeMapError
    get_origin = raw.FPDFText_GetCharOrigin
    get_loose = raw.FPDFText_GetLooseCharBox
    page_height = display.height
    for i in range(count):
        code = get_unicode(text_page, i)
        if (code == 32 or code == 13 or code == 10) and is_generated(text_page, i):  # PDFium only generates these
            # PDFium's generated spaces and line breaks are not in the file; the file's own lone
            # spaces, which PDFium skips, come back from `_lone_space`.
            continue
        unmapped = bool(has_map_error(text_page, i))
        if unmapped:
            text = ""
        elif code == _HYPHEN_MARK:
            text = "-"
        else:
            text = chr(code) if 0 <= code < 0x110000 else "\ufffd"
        if not text.isspace():
            char_count += 1
            unmapped_count += unmapped
        key = get_object(text_page, i) or 0
        facts = objects.get(key)
        if facts is None:
            raw.FPDFText_GetMatrix(text_page, i, matrix)
            font_size = float(raw.FPDFText_GetFontSize(text_page, i))
            font = raw.FPDFTextObj_GetFont(ctypes.cast(key, raw.FPDFText_GetTextObject.restype)) if key else None
            name, font_descent = _font_facts(font, fonts) if font else ("", 0.0)
            descent = font_descent * font_size / 1000.0
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            ua, ub = display.vector(a, b)
            uc, ud = display.vector(c, d)
            upright = ua * ud > 0 and ub * uc <= 0
            # text-space box (0, descent)-(advance, descent + size) in displayed space: per unit of
            # advance along (ua, ub), plus the lower and upper edge offsets
            lo = (uc * descent, ud * descent)
            hi = (uc * (descent + font_size), ud * (descent + font_size))
            # Upright, unrotated text (nearly all of it): redo pdfminer's own arithmetic on the
            # decimal values in the file, because pdfplumber splits words where the float noise
            # of that arithmetic makes two sizes differ.
            plain = upright and ub == 0.0 and uc == 0.0
            exact = (round(ud, 6), (round(font_descent, 3) * 0.001) * round(font_size, 4), round(font_size, 4)) if plain else None
            facts = (
                a, b, ua, ub, min(lo[0], hi[0]), max(lo[0], hi[0]), min(lo[1], hi[1]), max(lo[1], hi[1]),
                name, upright, text_objects.get(key, (None,))[0], exact,
            )
            objects[key] = facts
        a, b, ua, ub, dx_min, dx_max, dy_min, dy_max, name, upright, object_order, exact = facts
        if object_order is not None:
            order = object_order
        sub = i
        get_origin(text_page, i, ox, oy)
        get_loose(text_page, i, loose)
        if b == 0.0 and a:
            advance = abs(loose.right - loose.left) / abs(a)
        else:
            advance = _advance(a, b, loose)
        px, py = display.point(ox.value, oy.value)
        ax, ay = advance * ua, advance * ub
        x0 = px + (ax if ax < 0 else 0.0) + dx_min
        x1 = px + (ax if ax > 0 else 0.0) + dx_max
        if exact is not None:
            scale, low, size = exact
            py = round(py, 4)
            y0 = scale * low + py
            y1 = scale * (low + size) + py
            size = y1 - y0  # pdfminer: the box height, noise included
        else:
            y0 = py + (ay if ay < 0 else 0.0) + dy_min
            y1 = py + (ay if ay > 0 else 0.0) + dy_max
            size = round(y1 - y0, 4)
        top = page_height - y1
        bottom = page_height - y0
        append((text, x0, top, x1, bottom, upright, name, size, unmapped))
        append_keyed((order, sub, chars[-1]))
    return chars, char_count, unmapped_count, set(objects)


def _advance(a: float, b: float, loose) -> float:
    """The glyph's advance in text space: PDFium's loose box spans it along the text direction."""
    if abs(a) >= abs(b) and a:
        return abs(loose.right - loose.left) / abs(a)
    if b:
        return abs(loose.top - loose.bottom) / abs(b)
    return 0.0


def extract_words(chars: list[_Char]) -> Iterator[list[_Char]]:
    """pdfplumber's `extract_words` (tolerance 3, blanks split, no text flow) on our char tuples.

    Runs of characters with the same uprightness, font name and size are taken in content
    order; inside a run characters are clustered into lines by their top (or x0 for
    rotated text), sorted along the line and split where a gap exceeds the tolerance.
    """
    for _, run in itertools.groupby(chars, key=lambda ch: (ch[5], ch[6], ch[7])):
        run = list(run)
        upright = run[0][5]
        if upright:
            lines = _cluster(run, lambda ch: ch[2], Y_TOLERANCE)
            order = lambda ch: ch[1]  # noqa: E731
        else:
            lines = _cluster(run, lambda ch: ch[1], X_TOLERANCE)
            order = lambda ch: (ch[2], ch[4])  # noqa: E731
        for line in lines:
            yield from _split_words(sorted(line, key=order), upright)


def _cluster(chars: list[_Char], key, tolerance: float) -> list[list[_Char]]:
    """pdfplumber's cluster_objects: chain distinct key values no more than `tolerance` apart."""
    values = sorted(set(key(ch) for ch in chars))
    cluster_of: dict[float, int] = {}
    index = 0
    last = None
    for value in values:
        if last is not None and value > last + tolerance:
            index += 1
        cluster_of[value] = index
        last = value
    groups: list[list[_Char]] = [[] for _ in range(index + 1)]
    for ch in chars:
        groups[cluster_of[key(ch)]].append(ch)
    return [g for g in groups if g]


def _split_words(line: list[_Char], upright: bool) -> Iterator[list[_Char]]:
    current: list[_Char] = []
    for ch in line:
        if ch[0].isspace():
            if current:
                yield current
            current = []
            continue
        if current and _begins_new_word(current[-1], ch, upright):
            yield current
            current = [ch]
        else:
            current.append(ch)
    if current:
        yield current


def _begins_new_word(prev: _Char, curr: _Char, upright: bool) -> bool:
    if upright:  # left to right; lines one above the other
        ax, bx, cx, ay, cy = prev[1], prev[3], curr[1], prev[2], curr[2]
        x_tol, y_tol = X_TOLERANCE, Y_TOLERANCE
    else:  # pdfplumber reads rotated text top to bottom
        ax, bx, cx, ay, cy = prev[2], prev[4], curr[2], prev[1], curr[1]
        x_tol, y_tol = Y_TOLERANCE, X_TOLERANCE
    return cx < ax or cx > bx + x_tol or abs(cy - ay) > y_tol


def _page_paths(paths: list, display: _Display) -> tuple[list[Rule], list[Rule]]:
    """Drawn straight lines and axis-aligned rectangles, classified as pdfminer does."""
    rules: list[Rule] = []
    rects: list[Rule] = []
    for path, outer in paths:
        for ops in _subpaths(path, _concat(_object_matrix(path), outer)):
            _classify(ops, display, rules, rects)
    return rules, rects


def _page_objects(page) -> Iterator[tuple[str, object, tuple[float, ...]]]:
    """Text, path and image objects in content-stream order, form XObjects entered where they are drawn,
    each with the matrix of its enclosing forms."""
    def walk(count: int, getter, outer: tuple[float, ...]):
        for k in range(count):
            obj = getter(k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                yield "text", obj, outer
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                yield "path", obj, outer
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                yield "image", obj, outer
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _concat(_object_matrix(obj), outer)
                yield from walk(raw.FPDFFormObj_CountObjects(obj), lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j), inner)

    yield from walk(raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))


def _object_matrix(obj) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _concat(first: tuple[float, ...], then: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `first`, then `then` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(path, matrix: tuple[float, ...]) -> Iterator[list[tuple[str, tuple[float, float]]]]:
    """The path as pdfminer's operator lists (m, l, c, h) per subpath, points in page space."""
    a, b, c, d, e, f = matrix
    x = ctypes.c_float()
    y = ctypes.c_float()
    ops: list[tuple[str, tuple[float, float]]] = []
    pending_curve = 0
    for k in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if ops:
                yield ops
            ops = [("m", point)]
            pending_curve = 0
        elif kind == raw.FPDF_SEGMENT_LINETO:
            ops.append(("l", point))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending_curve += 1
            if pending_curve == 3:  # PDFium gives the two control points and the end point separately
                ops.append(("c", point))
                pending_curve = 0
        else:
            ops.append(("?", point))
        if raw.FPDFPathSegment_GetClose(segment) and ops:
            ops.append(("h", ops[0][1]))
    if ops:
        yield ops


def _classify(ops: list[tuple[str, tuple[float, float]]], display: _Display, rules: list[Rule], rects: list[Rule]) -> None:
    """pdfminer's rule: 'ml'/'mlh' is a line, a closed axis-aligned 'mlllh'/'mllll' a rectangle."""
    shape = "".join(op for op, _ in ops)
    points = [p for _, p in ops]
    if not shape.startswith("m") or len(shape) < 2:
        return
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop()
    if shape in ("ml", "mlh"):
        x0, top, x1, bottom = display.box(points[:2])
        rules.append(Rule(x0, top, x1, bottom))
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            bx0, btop, bx1, bbottom = display.box([points[0], points[2]])
            rects.append(Rule(bx0, btop, bx1, bbottom))
