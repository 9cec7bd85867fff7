"""Printed precision, rounding tolerances, Dutch number formatting and label normalisation.

Amounts in budget tables are printed rounded (often "bedragen x € 1.000"), so two printed
numbers are only called different when they differ by more than the rounding can explain.
"""

from __future__ import annotations

import math
import re
from typing import Optional

_NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?|-?,\d+")


def printed_decimals(raw: Optional[str]) -> int:
    """Digits after the decimal comma in the printed cell ("6,9" → 1, "2.483" → 0)."""
    if not raw:
        return 0
    match = _NUMBER.search(raw.replace(" ", ""))
    if not match or "," not in match.group(0):
        return 0
    return len(match.group(0).split(",", 1)[1])


def printed_number(raw: Optional[str]) -> Optional[float]:
    """The number as printed, without any scale ("2.483" → 2483.0, "-6,9%" → -6.9)."""
    if not raw:
        return None
    text = raw.replace(" ", "").replace("\u2212", "-").replace("\u2013", "-")
    negative = text.startswith("(") and text.endswith(")")
    match = _NUMBER.search(text)
    if not match:
        return None
    token = match.group(0)
    if "," not in token and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", token) is None and token.count(".") == 1:
        value = float(token)  # a decimal point, not a thousands separator
    else:
        value = float(token.replace(".", "").replace(",", "."))
    return -value if negative else value


def printed_unit(amount: float, raw: Optional[str]) -> Optional[float]:
    """The scale a cell was printed in (1, 1.000, 1.000.000), or None when it cannot be told."""
    shown = printed_number(raw)
    if shown is None or shown == 0 or amount == 0:
        return None
    ratio = abs(amount / shown)
    exponent = round(math.log10(ratio))
    if abs(ratio - 10 ** exponent) > 1e-6 * 10 ** exponent:
        return None
    return float(10 ** exponent)


def half_step(amount: float, raw: Optional[str], unit: Optional[float] = None) -> Optional[float]:
    """Half of the last printed digit, in the amount's own scale: the most rounding can hide."""
    scale = printed_unit(amount, raw) or unit
    if scale is None:
        return None
    return 0.5 * scale * 10 ** (-printed_decimals(raw))


def sum_tolerance(half_steps: list[float]) -> float:
    """A sum of rounded terms against a rounded total may be off by every half step together."""
    return sum(half_steps) + 1e-9


def euro(amount: float) -> str:
    """Dutch euro notation: € 2.183.000, € -610.000."""
    sign = "-" if amount < 0 else ""
    whole = f"{abs(round(amount)):,.0f}".replace(",", ".")
    return f"€ {sign}{whole}"


def dutch_number(value: float, decimals: int = 1) -> str:
    """12,5 / 1.234 — the way the documents print numbers."""
    if float(value).is_integer() and decimals == 0:
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


_LABEL_SYNONYMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(beoogde )?(toev(oeging)?(en)?\.?/onttr(ekking)?(en)?\.?|mutaties?)( (aan|in|van))? reserves?$"), "mutaties reserves"),
    (re.compile(r"^onttrekking(en)?( (aan|uit|van))? (de )?reserves?$"), "onttrekking reserves"),
    (re.compile(r"^toevoeging(en)?( (aan|in))? (de )?reserves?$"), "toevoeging reserves"),
    (re.compile(r"^(saldo( van)? baten en lasten|saldo)$"), "saldo"),
    (re.compile(r"^((geraamd|gerealiseerd|programma)e? ?)?resultaat( programma)?$"), "resultaat"),
    (re.compile(r"^(baten|opbrengsten)$"), "baten"),
    (re.compile(r"^(lasten|kosten|uitgaven)$"), "lasten"),
]


def normalise_label(label: str) -> str:
    """"Totaal baten", "Baten totaal" and "Baten" compare equal; reserve and result rows get one name."""
    text = label.lower().replace("\u00a0", " ")
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"^[\divx]+[.)]\s+", "", text)
    text = re.sub(r"\b(sub)?totaal\b|\btotale\b", " ", text)
    text = re.sub(r"[^\w./ ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    for pattern, name in _LABEL_SYNONYMS:
        if pattern.match(text):
            return name
    return text


def is_total_label(label: str) -> bool:
    return re.search(r"\b(sub)?totaal\b|\btotale?\b", label.lower()) is not None


def normalise_name(name: str) -> str:
    """Indicator and goal names for exact comparison: case, punctuation, "aantal"/"%" prefixes."""
    text = name.lower().replace("\u00a0", " ").replace("’", "'")
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"^(aantal|percentage|%)\s+", "", text)
    text = re.sub(r"[^\w ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
