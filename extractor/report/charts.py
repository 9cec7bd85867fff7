"""Small inline SVG line charts: no JavaScript library, no network, readable without colour.

Each series gets its own colour and its own marker shape, every point carries a <title> with
its year and value (a tooltip and a text alternative), and the chart has a role and a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

WIDTH, HEIGHT = 460, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 44
STYLES = [("#1f5fa8", "circle"), ("#c2410c", "square"), ("#15803d", "diamond"), ("#6d28d9", "triangle")]


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[int, float]]  # (year, value), sorted by year


def line_chart(title: str, series: Sequence[Series], unit: str = "") -> str:
    """An SVG chart of the series over years; empty string when there is nothing to draw."""
    series = [s for s in series if s.points]
    if not series:
        return ""
    years = sorted({y for s in series for y, _ in s.points})
    values = [v for s in series for _, v in s.points]
    low, high = _value_range(values)
    x_of = _scale(years[0], years[-1], LEFT, WIDTH - RIGHT)
    y_of = _scale(low, high, HEIGHT - BOTTOM, TOP)
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        _axes(years, low, high, x_of, y_of, unit),
    ]
    for index, one in enumerate(series):
        parts.append(_series(one, STYLES[index % len(STYLES)], x_of, y_of, unit))
    parts.append(_legend(series))
    parts.append("</svg>")
    return "".join(parts)


def _value_range(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if low > 0 and low < high * 0.6:
        low = 0.0  # start at zero when that does not squash the lines
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - (pad if low != 0 else 0), high + pad


def _scale(domain_low: float, domain_high: float, out_low: float, out_high: float):
    span = (domain_high - domain_low) or 1.0

    def to_pixels(value: float) -> float:
        if domain_high == domain_low:
            return (out_low + out_high) / 2
        return out_low + (value - domain_low) / span * (out_high - out_low)

    return to_pixels


def _axes(years, low, high, x_of, y_of, unit: str) -> str:
    parts = [f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#555"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#555"/>']
    step = max(1, len(years) // 8)
    for year in years[::step]:
        x = x_of(year)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">{year}</text>')
    for fraction in (0.0, 0.5, 1.0):
        value = low + (high - low) * fraction
        y = y_of(value)
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                     f"{escape(format_number(value))}{escape(unit if unit == '%' else '')}</text>")
    return "".join(parts)


def _series(one: Series, style: tuple[str, str], x_of, y_of, unit: str) -> str:
    colour, shape = style
    coords = [(x_of(y), y_of(v), y, v) for y, v in one.points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coords)
    dash = ' stroke-dasharray="6 4"' if shape != "circle" else ""
    parts = [f'<g class="series" data-series="{escape(one.name)}">',
             f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{path}"/>']
    for x, y, year, value in coords:
        label = f"{one.name} {year}: {format_number(value)}{' ' + unit if unit else ''}"
        parts.append(f'<g class="pt" data-year="{year}" data-value="{value}">{_marker(shape, x, y, colour)}'
                     f"<title>{escape(label)}</title></g>")
    parts.append("</g>")
    return "".join(parts)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" fill="{colour}"/>'
    if shape == "triangle":
        return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _legend(series: Sequence[Series]) -> str:
    parts = []
    x = LEFT
    for index, one in enumerate(series):
        colour, shape = STYLES[index % len(STYLES)]
        parts.append(_marker(shape, x + 4, HEIGHT - 10, colour))
        parts.append(f'<text x="{x + 12}" y="{HEIGHT - 6}" font-size="11">{escape(one.name)}</text>')
        x += 24 + 7 * len(one.name)
    return "".join(parts)


def format_number(value: float) -> str:
    """Dutch notation: thousands with a dot, decimals with a comma, no trailing zeros."""
    if value == int(value) and abs(value) < 1e15:
        text = f"{int(value):,}".replace(",", ".")
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
