"""Synthetic indicator and budget tables of known content, drawn as PDFs in randomised styles.

`make_table(rng)` draws one table spec (kind, header shape, style, rows, values) and `render(spec)`
writes it as PDF bytes with real rules, shaded rectangles and bold header text, so the whole
chain (reader → layout → table semantics) is exercised. `expected(spec)` gives the values a
correct reading must produce. Styles: ruled, horizontal rules only, unruled, shaded header box
over an unruled body; headers: one row ("Realisatie 2023"), a kind row spanning a year row,
a year row spanning baten/lasten/saldo; wrapped row labels; continuation on a second page with or
without the header repeated, including a one-row continuation; scale notes; Dutch numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Optional

from tests.pdf_factory import _escape, serialise

PAGE_W, PAGE_H = 595.0, 842.0
FONT = 8.0
LEFT = 40.0
LABEL_W = 190.0

_INDICATOR_NAMES = [
    "Verwijzingen Halt per 1.000 jongeren", "Winkeldiefstallen per 1.000 inwoners", "Geweldsmisdrijven per 1.000 inwoners",
    "Diefstallen uit woning per 1.000 inwoners", "Vernielingen en beschadigingen", "Percentage niet-sporters",
    "Aantal banen per 1.000 inwoners", "Absoluut verzuim per 1.000 leerlingen", "Omvang huishoudelijk restafval (kg)",
    "Percentage inwoners dat zich veilig voelt", "Aantal meldingen woonoverlast", "Tevredenheid dienstverlening (cijfer)",
    "Percentage jongeren met jeugdhulp", "Aantal re-integratievoorzieningen", "Demografische druk (%)",
]
_WRAPPED = ["Aantal inwoners met een uitkering op grond van de Participatiewet per 1.000 inwoners",
            "Percentage huishoudens met een laag inkomen dat langdurig in armoede leeft"]
_BUDGET_LABELS = [
    "Openbare orde en veiligheid", "Verkeer en vervoer", "Onderwijshuisvesting", "Sportaccommodaties", "Openbaar groen",
    "Wijkteams", "Volksgezondheid", "Riolering", "Afval", "Ruimtelijke ordening", "Bestuur", "Burgerzaken",
]
_IND_LABEL_HEADERS = ["Indicator", "Omschrijving", "Kengetallen", "Indicator (nieuw vanaf 2026)", "Effectindicator"]
_REAL_WORDS = ["Realisatie", "Peilwaarde", "Nulmeting", "Rekening"]
_TARGET_WORDS = ["Streefwaarde", "Begroting", "Doel"]
_SCALES = [("bedragen x € 1.000", 1000.0), ("(x € 1.000)", 1000.0), ("Bedragen in duizenden euro's", 1000.0),
           ("bedragen x €1.000", 1000.0), ("€ '000", 1000.0)]
_BUDGET_KINDS = [("Rekening", "rekening"), ("Begroting", "begroting"), ("Begroting na wijziging", "begroting_na_wijziging"),
                 ("Realisatie", "realisatie"), ("Raming", "raming")]


@dataclass
class Column:
    top: str  # spanning group text ("" when none)
    bottom: str  # own header text
    year: Optional[int]
    value_type: Optional[str] = None  # indicators
    kind: Optional[str] = None  # budgets
    side: Optional[str] = None


@dataclass
class Spec:
    kind: str  # "indicator" | "budget"
    label_header: str
    columns: list[Column]
    rows: list[tuple[str, list[Optional[str]], list[Optional[float]]]]  # label, printed cells, true values
    style: str  # "ruled" | "hlines" | "unruled" | "shaded" | "partial" (ruled, value column rules in some rows only)
    two_row_header: bool
    scale_text: Optional[str] = None
    scale: float = 1.0
    split_at: Optional[int] = None  # rows from this index go to the next page
    repeat_header: bool = True
    caption: str = ""
    notes: list[str] = field(default_factory=list)
    open_rows: set[int] = field(default_factory=set)  # "partial": body rows drawn without value column rules


def _dutch(value: float, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 else "") + text


def make_table(rng: random.Random) -> Spec:
    return _indicator_spec(rng) if rng.random() < 0.5 else _budget_spec(rng)


def _indicator_spec(rng: random.Random) -> Spec:
    first = rng.choice([2019, 2020, 2021, 2022])
    n_real = rng.randint(1, 3)
    n_target = rng.randint(1, 2)
    real_word, target_word = rng.choice(_REAL_WORDS), rng.choice(_TARGET_WORDS)
    two_row = rng.random() < 0.5
    columns: list[Column] = []
    for k in range(n_real):
        year = first + k
        columns.append(Column(real_word if two_row else "", str(year) if two_row else f"{real_word} {year}", year, value_type="realisatie"))
    for k in range(n_target):
        year = first + n_real + 1 + k
        columns.append(Column(target_word if two_row else "", str(year) if two_row else f"{target_word} {year}", year, value_type="streefwaarde"))
    rows = []
    names = rng.sample(_INDICATOR_NAMES, rng.randint(2, 7))
    if rng.random() < 0.3:
        names.insert(rng.randint(0, len(names)), rng.choice(_WRAPPED))
    decimals = rng.choice([0, 1])
    for name in names:
        printed: list[Optional[str]] = []
        values: list[Optional[float]] = []
        for _ in columns:
            if rng.random() < 0.1:
                printed.append(rng.choice(["-", "n.b."]))
                values.append(None)
                continue
            value = round(rng.uniform(0.5, 95.0), decimals) if decimals else float(rng.randint(1, 4000))
            printed.append(_dutch(value, decimals))
            values.append(value)
        rows.append((name, printed, values))
    spec = Spec("indicator", rng.choice(_IND_LABEL_HEADERS), columns, rows, rng.choice(["ruled", "hlines", "unruled", "shaded"]),
                two_row, caption=rng.choice(["", "Tabel 3.1 Beleidsindicatoren", "Effectindicatoren"]))
    _maybe_split(spec, rng)
    return spec


def _budget_spec(rng: random.Random) -> Spec:
    first = rng.choice([2023, 2024, 2025])
    sides = rng.random() < 0.35
    columns: list[Column] = []
    if sides:
        for k in range(2):
            word, kind = rng.choice(_BUDGET_KINDS)
            for side in ("Baten", "Lasten", "Saldo"):
                columns.append(Column(f"{word} {first + k}", side, first + k, kind=kind, side=side.lower()))
    else:
        for k in range(rng.randint(2, 5)):
            word, kind = rng.choice(_BUDGET_KINDS)
            columns.append(Column("", f"{word} {first + k}", first + k, kind=kind))
    two_row = sides
    scale_text, scale = rng.choice(_SCALES)
    labels = rng.sample(_BUDGET_LABELS, rng.randint(2, 8))
    rows = []
    trailing_minus = rng.random() < 0.3
    for label in labels:
        printed: list[Optional[str]] = []
        values: list[Optional[float]] = []
        baten = lasten = 0.0
        for col in columns:
            if col.side == "baten":
                baten = float(rng.randint(0, 9000))
                value = baten
            elif col.side == "lasten":
                lasten = -float(rng.randint(100, 40000))
                value = lasten
            elif col.side == "saldo":
                value = baten + lasten
            else:
                value = float(rng.randint(-500, 60000))
            text = _dutch(value, 0)
            if trailing_minus and value < 0:
                text = text[1:] + "-"
            printed.append(text)
            values.append(value * scale)
        rows.append((label, printed, values))
    spec = Spec("budget", rng.choice(["Programma", "Taakveld", "Omschrijving", ""]) , columns, rows,
                rng.choice(["ruled", "hlines", "unruled", "shaded"]), two_row, scale_text=scale_text, scale=scale,
                caption=rng.choice(["", "Tabel 2.3 Baten en lasten", "Wat mag het kosten?"]))
    _maybe_split(spec, rng)
    return spec


def _maybe_split(spec: Spec, rng: random.Random) -> None:
    if len(spec.rows) >= 2 and rng.random() < 0.3:
        spec.split_at = len(spec.rows) - 1 if rng.random() < 0.5 else rng.randint(1, len(spec.rows) - 1)
        spec.repeat_header = rng.random() < 0.5
    _maybe_partial(spec, rng)


def _maybe_partial(spec: Spec, rng: random.Random) -> None:
    """Some ruled tables draw their value column rules in the header and some body rows only (drawn last, so the
    other choices of a seed stay as they were)."""
    if spec.style == "ruled" and rng.random() < 0.35:
        spec.style = "partial"
        spec.open_rows = {k for k in range(len(spec.rows)) if rng.random() < 0.5}


def expected(spec: Spec) -> set[tuple]:
    """(label, year, type/kind, side, value) for every value a correct reading gives."""
    out: set[tuple] = set()
    for label, _, values in spec.rows:
        for col, value in zip(spec.columns, values):
            if value is None:
                continue
            key = col.value_type if spec.kind == "indicator" else col.kind
            out.add((" ".join(label.split()), col.year, key, col.side, round(value, 4)))
    return out


# ----------------------------------------------------------------------------- drawing


class _Canvas:
    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, top: float, text: str, bold: bool = False) -> None:
        font = "/F2" if bold else "/F1"
        self.ops.append(f"BT {font} {FONT} Tf 1 0 0 1 {x:.2f} {PAGE_H - top - FONT:.2f} Tm ({_escape(text)}) Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(f"0.5 w {x0:.2f} {PAGE_H - y0:.2f} m {x1:.2f} {PAGE_H - y1:.2f} l S")

    def fill(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.ops.append(f"0.85 g {x0:.2f} {PAGE_H - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f 0 g")


def _width(text: str) -> float:
    return len(text) * FONT * 0.6


def _wrap(text: str, width: float) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and _width(current + " " + word) > width:
            lines.append(current)
            current = word
        else:
            current = (current + " " + word).strip()
    return lines + [current] if current else lines


def render(spec: Spec) -> bytes:
    n = len(spec.columns)
    value_w = min(62.0, (PAGE_W - 2 * LEFT - LABEL_W) / n)
    xs = [LEFT, LEFT + LABEL_W] + [LEFT + LABEL_W + value_w * (k + 1) for k in range(n)]
    pages: list[_Canvas] = [_Canvas()]
    canvas = pages[0]
    y = 90.0
    split = spec.split_at if spec.split_at is not None else len(spec.rows)
    if split < len(spec.rows):  # a continued table ends low on its first page
        head = header_height(spec, xs)
        rows = sum(12.0 * len(_wrap(r[0], LABEL_W - 8)) + 4 for r in spec.rows[:split])
        y = max(y, 770.0 - head - rows - (16 if spec.caption else 0) - (14 if spec.scale_text else 0))
    canvas.text(LEFT, 60.0, "Programma 1 Veiligheid", bold=True)  # running text above the table
    if spec.caption:
        canvas.text(LEFT, y, spec.caption, bold=True)
        y += 16
    if spec.scale_text:
        canvas.text(LEFT, y, spec.scale_text)
        y += 14
    y = _header(canvas, spec, xs, y)
    for index, row in enumerate(spec.rows):
        if index == split:
            canvas = _Canvas()
            pages.append(canvas)
            y = 50.0
            if spec.repeat_header:
                y = _header(canvas, spec, xs, y)
            elif spec.style != "unruled":
                canvas.line(xs[0], y, xs[-1], y)
        y = _body_row(canvas, spec, xs, y, row)
    canvas.text(LEFT, y + 24, "Bron: eigen registratie")
    return _pdf([c.ops for c in pages])


def _header_lines(spec: Spec, xs: list[float]) -> tuple[list[list[str]], int]:
    """Each column's own header text wrapped to its width (a header split over lines), and the line count."""
    width = xs[2] - xs[1] - 6
    lines = [_wrap(col.bottom, width) for col in spec.columns]
    return lines, max(len(x) for x in lines)


def header_height(spec: Spec, xs: list[float]) -> float:
    return 12.0 * (_header_lines(spec, xs)[1] + (1 if spec.two_row_header else 0)) + 5


def _header(canvas: _Canvas, spec: Spec, xs: list[float], y: float) -> float:
    own, n_lines = _header_lines(spec, xs)
    height = header_height(spec, xs)
    top = y
    if spec.style == "shaded":
        canvas.fill(xs[0], top, xs[-1], top + height)
    canvas.text(xs[0] + 3, top + 3, spec.label_header, bold=True)
    first = top + 3
    if spec.two_row_header:
        groups: list[tuple[str, int, int]] = []
        for k, col in enumerate(spec.columns):
            if groups and groups[-1][0] == col.top:
                groups[-1] = (col.top, groups[-1][1], k)
            else:
                groups.append((col.top, k, k))
        for text, a, b in groups:
            left, right = xs[a + 1], xs[b + 2]
            canvas.text((left + right) / 2 - _width(text) / 2, top + 3, text, bold=True)
            if spec.style in ("ruled", "partial"):
                canvas.line(left, top + 14.5, right, top + 14.5)
        first = top + 17
    for k, lines in enumerate(own):
        for n, text in enumerate(lines):
            canvas.text(xs[k + 2] - 3 - _width(text), first + 12 * n, text, bold=True)
    bottom = top + height
    if spec.style in ("ruled", "partial", "hlines", "shaded"):
        canvas.line(xs[0], top, xs[-1], top)
        canvas.line(xs[0], bottom, xs[-1], bottom)
    if spec.style in ("ruled", "partial"):
        canvas.line(xs[0], top, xs[0], bottom)
        canvas.line(xs[1], top, xs[1], bottom)
        canvas.line(xs[-1], top, xs[-1], bottom)
        for k, col in enumerate(spec.columns[:-1]):
            span_top = top if not spec.two_row_header or spec.columns[k + 1].top != col.top else top + 14.5
            canvas.line(xs[k + 2], span_top, xs[k + 2], bottom)
    return bottom


def _body_row(canvas: _Canvas, spec: Spec, xs: list[float], y: float, row) -> float:
    label, printed, _ = row
    lines = _wrap(label, LABEL_W - 8)
    height = 12.0 * len(lines) + 4
    for k, text in enumerate(lines):
        canvas.text(xs[0] + 3, y + 2 + 12 * k, text)
    for k, cell in enumerate(printed):
        if cell is not None:
            canvas.text(xs[k + 2] - 3 - _width(cell), y + 2, cell)
    bottom = y + height
    if spec.style in ("ruled", "partial", "hlines"):
        canvas.line(xs[0], bottom, xs[-1], bottom)
    if spec.style == "ruled" or (spec.style == "partial" and spec.rows.index(row) not in spec.open_rows):
        for x in xs:
            canvas.line(x, y, x, bottom)
    elif spec.style == "partial":  # the frame and the label column's rule only
        for x in (xs[0], xs[1], xs[-1]):
            canvas.line(x, y, x, bottom)
    return bottom


def _pdf(pages: list[list[str]]) -> bytes:
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    n = len(pages)
    page_ids = [3 + 2 * i for i in range(n)]
    font1, font2 = 3 + 2 * n, 4 + 2 * n
    objects.append(f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {n} >>".encode())
    for index, ops in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:.0f} {PAGE_H:.0f}] "
                       f"/Resources << /Font << /F1 {font1} 0 R /F2 {font2} 0 R >> >> /Contents {page_ids[index] + 1} 0 R >>".encode())
        stream = "\n".join(ops).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    return serialise(objects)
