"""Whether an indicator met its target: realisatie against streefwaarde in the desired direction.

The direction comes from the document (the indicator's `direction`, a comparator such as
"< 15" on the target) or, failing that, from the vocabulary `models/data/indicator_directions.csv`.
Without a direction nothing is judged. Equality within the printed precision counts as met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from extractor.audit.numbers import half_step, printed_decimals
from extractor.enrich.data import DATA_DIR, read_csv
from extractor.model import Indicator, IndicatorValue

DIRECTIONS_FILE = "indicator_directions.csv"
_COMPARATOR_DIRECTION = {"<": "decrease", "<=": "decrease", ">": "increase", ">=": "increase", "=": "stable"}


@dataclass
class TargetCheck:
    indicator: Indicator
    year: int
    target: IndicatorValue
    actual: IndicatorValue
    direction: str
    direction_from: str
    tolerance: float
    met: bool


@lru_cache(maxsize=4)
def direction_vocabulary(data_dir: Path = DATA_DIR) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row["pattern"], re.IGNORECASE), row["direction"]) for row in read_csv(data_dir / DIRECTIONS_FILE))


def desired_direction(indicator: Indicator, target: IndicatorValue) -> tuple[Optional[str], str]:
    """(direction, where it came from) or (None, "")."""
    if indicator.direction:
        return indicator.direction, "document"
    if target.comparator:
        return _COMPARATOR_DIRECTION[target.comparator], "streefwaarde"
    for pattern, direction in direction_vocabulary():
        if pattern.search(indicator.name):
            return direction, "vocabulary"
    return None, ""


def value_step(value: IndicatorValue) -> float:
    """Half the last printed digit, in the scale of `value.value` ("€ 18 mln" stored as 18000000)."""
    return half_step(value.value, value.raw) or 0.5 * 10 ** (-printed_decimals(value.raw))


def _single(values: list[IndicatorValue]) -> Optional[IndicatorValue]:
    distinct = {v.value for v in values}
    return values[0] if len(distinct) == 1 else None


def target_checks(indicator: Indicator) -> list[TargetCheck]:
    """One check per year that has exactly one streefwaarde and one realisatie value."""
    checks = []
    years = sorted({v.year for v in indicator.values if v.year is not None and v.type == "streefwaarde"})
    for year in years:
        target = _single([v for v in indicator.values if v.year == year and v.type == "streefwaarde"])
        actual = _single([v for v in indicator.values if v.year == year and v.type == "realisatie"])
        if target is None or actual is None:
            continue
        direction, source = desired_direction(indicator, target)
        if direction is None:
            continue
        tolerance = value_step(target) + value_step(actual)
        difference = actual.value - target.value
        if direction == "decrease":
            met = difference <= tolerance
        elif direction == "increase":
            met = difference >= -tolerance
        else:
            met = abs(difference) <= tolerance
        checks.append(TargetCheck(indicator, year, target, actual, direction, source, tolerance, met))
    return checks
