"""Inline SVG charts, drawn on the server (no JavaScript library, nothing from a CDN)."""

from __future__ import annotations

from markupsafe import Markup, escape


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), so gaps show as empty bars."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_bars(counts: dict[str, int], *, label: str = "Zitate pro Monat",
               width: int = 640, height: int = 160) -> Markup:
    """A bar chart of counts per month (keys ``YYYY-MM``; other keys are ignored)."""
    months = sorted(k for k in counts if len(k) == 7 and k[4] == "-")
    if not months:
        return Markup('<p class="muted">Keine datierten Zitate.</p>')
    series = _months(months[0], months[-1])
    top = max(counts.get(m, 0) for m in series) or 1
    pad, base = 28, height - 22
    step = (width - pad) / len(series)
    bar = max(2.0, step * 0.8)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line x1="{pad}" y1="{base}" x2="{width}" y2="{base}" class="axis"/>',
        f'<text x="2" y="12" class="tick">{top}</text>',
    ]
    every = max(1, len(series) // 8)
    for i, month in enumerate(series):
        n = counts.get(month, 0)
        h = (base - 16) * n / top
        x = pad + i * step
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'class="bar"><title>{month}: {n}</title></rect>'
        )
        if i % every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 6}" class="tick">{month}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
