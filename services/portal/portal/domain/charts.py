"""Small charts rendered on the server as SVG (pure): our own few shapes, no chart library to ship.

Every chart carries its text alternative (``role="img"``, ``aria-label`` and ``<title>``), numbers are
written the Vietnamese way (decimal commas) and every chart has its own scale: a percentage and a count
are never drawn against one axis. Text is sized in the SVG's own units and laid out so nothing is
clipped at any width (the SVG scales as a whole; long labels are shortened, the full text stays in the
tables beside the charts).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

from edu71.vn import vn_number


@dataclass(frozen=True)
class Point:
    label: str              # the round, as shown under the axis
    value: float | None     # in the chart's unit (percent for ratios); None where nothing was reported


def _svg(title: str, width: int, height: int, body: list[str], css: str = "chart") -> str:
    label = escape(title)
    return (f'<svg class="{css}" role="img" aria-label="{label}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{"".join(body)}</svg>')


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 4 or 5 × 10ⁿ not below ``value``: where an axis ends (its ticks fall on round
    numbers, see :func:`_ticks`)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 5, 10):
        if step * power >= value * (1 - 1e-9):
            return step * power
    return 10 * power  # pragma: no cover - the loop always ends at 10


def axis_top(values: Sequence[float | None], percent: bool) -> float:
    """Where the value axis ends: the next round figure above the largest value (at most 100 for percent)."""
    largest = max((v for v in values if v is not None), default=0.0)
    top = nice_ceiling(largest * 1.1 if largest else 1.0)
    return min(top, 100.0) if percent else top


def _ticks(top: float) -> list[float]:
    """Five gridlines for an axis ending at 5 × 10ⁿ, else four (1, 2, 4 × 10ⁿ divide into quarters)."""
    mantissa = top / 10 ** math.floor(math.log10(top))
    count = 5 if round(mantissa) == 5 else 4
    return [top * i / count for i in range(count + 1)]


def _label(value: float, unit: str) -> str:
    """An axis tick: as many decimals as the tick needs (0,025 on a small axis)."""
    text = vn_number(round(value, 3))
    return f"{text} %" if unit == "%" else text


def _value(value: float, unit: str) -> str:
    """A data point, rounded as the tables beside the chart round it (95,7 %; 0,25 % below one)."""
    text = vn_number(round(value, 1) if abs(value) >= 1 or value == 0 else round(value, 2))
    return f"{text} %" if unit == "%" else text


def line_chart(title: str, points: Sequence[Point], unit: str, target: float | None = None,
               target_label: str = "", width: int = 480, height: int = 220) -> str:
    """Values across rounds (oldest left) as a line with dots, a dashed target line, axes and a legend.

    Rounds without a figure leave a gap in the line and are marked "không có số liệu" under the axis. Each
    round gets at least 80 units of width, so its name fits under it (the chart scales as a whole)."""
    width = max(width, 68 + 80 * len(points))
    percent = unit == "%"
    top = axis_top([p.value for p in points] + [target], percent)
    left, right, upper, lower = 52, 16, 34, 60
    plot_w, plot_h = width - left - right, height - upper - lower
    n = max(len(points), 1)
    step = plot_w / n

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        return upper + plot_h * (1 - min(max(v / top, 0.0), 1.0))

    series_label = f"Số liệu ({_unit_name(unit)})"
    body = [f'<line x1="{left}" x2="{left + 18}" y1="10" y2="10" class="series"/>',
            f'<text x="{left + 24}" y="14" class="legend">{escape(series_label)}</text>']
    if target is not None:
        at = left + 24 + 7 * len(series_label) + 16
        body += [f'<line x1="{at}" x2="{at + 18}" y1="10" y2="10" class="target-line"/>',
                 f'<text x="{at + 24}" y="14" class="legend">{escape(target_label or "Mục tiêu")}</text>']
    for tick in _ticks(top):
        ty = y(tick)
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" class="grid"/>')
        body.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" class="tick" text-anchor="end">'
                    f'{escape(_label(tick, unit))}</text>')
    body.append(f'<line x1="{left}" x2="{left}" y1="{upper}" y2="{upper + plot_h}" class="axis"/>')
    body.append(f'<line x1="{left}" x2="{width - right}" y1="{upper + plot_h}" y2="{upper + plot_h}" class="axis"/>')
    if target is not None:
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                    f'class="target-line"/>')
    segment: list[str] = []
    for i, point in enumerate(points):
        if point.value is None:
            if len(segment) > 1:
                body.append(f'<polyline points="{" ".join(segment)}" class="series"/>')
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(point.value):.1f}")
    if len(segment) > 1:
        body.append(f'<polyline points="{" ".join(segment)}" class="series"/>')
    for i, point in enumerate(points):
        lines = _wrap(point.label, max(9, int(step / 7)))
        label = "".join(f'<tspan x="{x(i):.1f}" dy="{0 if k == 0 else 13}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        body.append(f'<text x="{x(i):.1f}" y="{upper + plot_h + 16}" class="tick" text-anchor="middle">{label}</text>')
        if point.value is None:
            body.append(f'<text x="{x(i):.1f}" y="{upper + plot_h - 6}" class="tick muted" text-anchor="middle">'
                        f'không có số liệu</text>')
            continue
        body.append(f'<circle cx="{x(i):.1f}" cy="{y(point.value):.1f}" r="4" class="dot"/>')
        body.append(f'<text x="{x(i):.1f}" y="{y(point.value) - 8:.1f}" class="value" text-anchor="middle">'
                    f'{escape(_value(point.value, unit))}</text>')
    described = "; ".join(f"{p.label}: {'không có số liệu' if p.value is None else _value(p.value, unit)}"
                          for p in points)
    full = f"{title}. {described}" + (f". {target_label}" if target is not None and target_label else "")
    return _svg(full, width, height, body, "chart line-chart")


def _unit_name(unit: str) -> str:
    return "%" if unit == "%" else (unit or "số lượng")


def _wrap(text: str, limit: int, most: int = 3) -> list[str]:
    """Words on at most ``most`` lines of about ``limit`` characters. A label still too long keeps its start
    and its end ("Sơ kết học kỳ I … 2026–2027"): rounds differ by their year, so the end must stay."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[: most - 2] + [lines[most - 2] + " …", lines[-1]]
    return lines or [""]


def progress_bar(share: float | None, band: str, title: str, width: int = 120, height: int = 12) -> str:
    """A small horizontal bar (0..1) for a table cell; ``band`` (ok, warn, risk) only adds colour to the
    text that stands beside it in the cell."""
    filled = 0.0 if share is None else min(max(share, 0.0), 1.0) * width
    return _svg(title, width, height, [
        f'<rect x="0" y="0" width="{width}" height="{height}" class="track"/>',
        f'<rect x="0" y="0" width="{filled:.1f}" height="{height}" class="fill {band}"/>',
    ], "minibar")


def bullet(actual: float | None, expected: float | None, target: float | None, title: str,
           width: int = 140, height: int = 16) -> str:
    """A percentage against its target on 0–100 %: the bar is the actual, the thin mark where the straight
    line from the baseline stands at the round's date, the thick mark the target."""
    def x(v: float) -> float:
        return min(max(v, 0.0), 100.0) / 100 * width
    body = [f'<rect x="0" y="3" width="{width}" height="{height - 6}" class="track"/>']
    if actual is not None:
        body.append(f'<rect x="0" y="3" width="{x(actual):.1f}" height="{height - 6}" class="fill"/>')
    if expected is not None:
        body.append(f'<line x1="{x(expected):.1f}" x2="{x(expected):.1f}" y1="1" y2="{height - 1}" class="expected"/>')
    if target is not None:
        body.append(f'<line x1="{x(target):.1f}" x2="{x(target):.1f}" y1="0" y2="{height}" class="target-mark"/>')
    return _svg(title, width, height, body, "bullet")
