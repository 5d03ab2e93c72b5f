"""Small charts rendered on the server as SVG (accessible: a title, and every bar labelled in text)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from portal.domain.formatting import vn_number


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None   # 0..1 for shares and ratios
    caption: str          # the value as text, e.g. "95,7 %"
    target: float | None = None
    at_risk: bool = False


def bar_chart(title: str, bars: list[Bar], width: int = 640, row: int = 28) -> str:
    """Horizontal bars scaled 0..1, with a target tick where one is known."""
    label_w, caption_w = 210, 90
    plot_w = width - label_w - caption_w
    height = row * max(len(bars), 1) + 24
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = 12 + i * row
        share = min(max(bar.value or 0.0, 0.0), 1.0)
        css = "bar risk" if bar.at_risk else "bar"
        parts.append(f'<text x="0" y="{y + 16}" class="label">{escape(_short(bar.label))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{plot_w}" height="{row - 10}" class="track"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{plot_w * share:.1f}" height="{row - 10}" class="{css}"/>')
        if bar.target is not None:
            tx = label_w + plot_w * min(max(bar.target, 0.0), 1.0)
            parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y}" y2="{y + row - 2}" class="target"/>')
        parts.append(f'<text x="{label_w + plot_w + 8}" y="{y + 16}" class="caption">{escape(bar.caption)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def share_caption(done: int, total: int | None) -> str:
    return f"{vn_number(done)}/{vn_number(total)}" if total else vn_number(done)
