"""Server-drawn SVG bar charts of shares with their 95 % intervals (no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape


def share_bars(bars: Sequence[tuple[str, float, float, float, int]], *, label: str,
               width: int = 640) -> Markup:
    """Horizontal bars: one per ``(label, share, low, high, count)``, a whisker for the
    interval, the share and count written after it.

    Args:
        bars: the values in display order; shares and bounds in [0, 1].
        label: the chart's accessible name and title.
        width: the SVG's width in user units.
    """
    if not bars:
        return Markup('<p class="muted">Keine Zitate.</p>')
    row, left, right = 22, 190, 110
    plot = width - left - right
    height = row * len(bars) + 24
    parts = [
        f'<svg class="chart shares" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + plot * tick
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18}" class="grid"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="tick" '
                     f'text-anchor="middle">{tick:.0%}</text>')
    for i, (name, share, low, high, count) in enumerate(bars):
        y = 6 + i * row
        w = plot * share
        parts.append(f'<text x="{left - 6}" y="{y + 13}" class="lbl" '
                     f'text-anchor="end">{escape(name[:30])}</text>')
        parts.append(
            f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" class="bar">'
            f"<title>{escape(name)}: {share:.1%} ({low:.1%}–{high:.1%}), {count}</title></rect>"
        )
        x1, x2, ym = left + plot * low, left + plot * high, y + row / 2 - 1
        parts.append(f'<line x1="{x1:.1f}" y1="{ym:.1f}" x2="{x2:.1f}" y2="{ym:.1f}" class="ci"/>')
        for x in (x1, x2):
            parts.append(f'<line x1="{x:.1f}" y1="{ym - 4:.1f}" x2="{x:.1f}" y2="{ym + 4:.1f}" '
                         'class="ci"/>')
        parts.append(f'<text x="{left + plot + 6}" y="{y + 13}" class="val">'
                     f"{share:.1%} ({count})</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
