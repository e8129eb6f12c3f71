"""Inline SVG charts, drawn on the server (no JavaScript library, nothing from a CDN)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from zitat.store.records import PlaceCount


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), so gaps show as empty bars."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _nice_ticks(top: int) -> list[int]:
    """Up to five round values from 0 to at least ``top`` for the y axis."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        step = candidate
        if top / candidate <= 4:
            break
    else:
        step = 10 ** len(str(top // 4))
    return list(range(0, top + step, step))


_MONTH_ABBR = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")


def month_bars(counts: dict[str, int], *, label: str = "Zitate pro Monat",
               width: int = 640, height: int = 180) -> Markup:
    """A bar chart of counts per month (keys ``YYYY-MM``; other keys are ignored), with a
    y axis (round ticks, grid lines, title) and an x axis of months (German, thinned)."""
    months = sorted(k for k in counts if len(k) == 7 and k[4] == "-")
    if not months:
        return Markup('<p class="muted">Keine datierten Zitate.</p>')
    series = _months(months[0], months[-1])
    ticks = _nice_ticks(max(counts.get(m, 0) for m in series) or 1)
    top = ticks[-1]
    left, right, above, below = 40, 8, 14, 34
    base = height - below
    plot_h = base - above
    step = (width - left - right) / len(series)
    bar = max(1.5, step * 0.8)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for t in ticks:
        y = base - plot_h * t / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     f'class="grid"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" class="tick" '
                     f'text-anchor="end">{t}</text>')
    parts += [
        f'<line x1="{left}" y1="{above}" x2="{left}" y2="{base}" class="axis"/>',
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="axis"/>',
        '<text x="2" y="10" class="axis-title">Zitate</text>',
        f'<text x="{width - right}" y="{height - 2}" class="axis-title" '
        f'text-anchor="end">Monat</text>',
    ]
    every = max(1, math.ceil(len(series) / 10))
    for i, month in enumerate(series):
        n = counts.get(month, 0)
        h = plot_h * n / top
        x = left + i * step + (step - bar) / 2
        name = f"{_MONTH_ABBR[int(month[5:]) - 1]} {month[:4]}"
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'class="bar"><title>{name}: {n}</title></rect>'
        )
        if i % every == 0:
            cx = left + (i + 0.5) * step
            parts.append(f'<line x1="{cx:.1f}" y1="{base}" x2="{cx:.1f}" y2="{base + 4}" '
                         f'class="axis"/>')
            parts.append(f'<text x="{cx:.1f}" y="{base + 15}" class="tick" '
                         f'text-anchor="middle">{name}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def load_outlines() -> None:
    """Read the country outlines now rather than on the first map (about 25 ms)."""
    _outlines()


@lru_cache(maxsize=1)
def _outlines() -> list[tuple[tuple[float, float, float, float], list[tuple[float, float]]]]:
    """The country outlines shipped in static/outlines.json (Natural Earth, public domain;
    built by scripts/build_outlines.py), each ring with its bounding box, in degrees."""
    data = json.loads((Path(__file__).parent / "static" / "outlines.json").read_text("utf-8"))
    rings = []
    for flat in data["rings"]:
        points = [(flat[i] / 100, flat[i + 1] / 100) for i in range(0, len(flat), 2)]
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        rings.append(((min(lons), min(lats), max(lons), max(lats)), points))
    return rings


def place_map(places: Sequence[PlaceCount], *, label: str = "Orte", width: int = 640,
              top_labels: int = 8) -> Markup:
    """A map of places drawn on the server: country outlines (shipped with zitat) and a
    dot per place sized by its number of articles; nothing is loaded from the internet.

    The view frames the places (at least 8° × 5°); the projection is equirectangular,
    with longitudes shortened by the cosine of the middle latitude.
    """
    if not places:
        return Markup('<p class="muted">Keine Orte mit Koordinaten.</p>')
    lons = [p.lon for p in places]
    lats = [p.lat for p in places]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((east - west) * 0.15, (8 - (east - west)) / 2, 1.0)
    pad_lat = max((north - south) * 0.15, (5 - (north - south)) / 2, 0.8)
    west, east = max(-180.0, west - pad_lon), min(180.0, east + pad_lon)
    south, north = max(-85.0, south - pad_lat), min(85.0, north + pad_lat)
    k = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * k)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k * scale, (north - lat) * scale

    most = max(p.articles for p in places)
    parts = [
        f'<svg class="map" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<path class="land" d="{_land(west, east, south, north, k, scale)}"/>',
    ]
    for i, p in enumerate(sorted(places, key=lambda p: -p.articles)):
        x, y = xy(p.lon, p.lat)
        r = 3 + 9 * math.sqrt(p.articles / most)
        parts.append(
            f'<a href="/search?place={quote(p.name)}"><circle class="dot" cx="{x:.1f}" '
            f'cy="{y:.1f}" r="{r:.1f}"><title>{escape(p.name)}: {p.articles} '
            f'Artikel</title></circle></a>'
        )
        if i < top_labels:
            parts.append(f'<text class="dot-label" x="{x + r + 2:.1f}" y="{y + 3:.1f}">'
                         f"{escape(p.name)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


@lru_cache(maxsize=256)
def _land(west: float, east: float, south: float, north: float, k: float,
          scale: float) -> str:
    """The outlines within a view as one SVG path (see :func:`place_map`). Kept per view:
    drawing them took 5 ms of every overview and speaker page (issue 24, load benchmark),
    and the pages show a few views over and over, those their places frame."""
    paths = []
    for (w, s, e, n), points in _outlines():
        if e < west or w > east or n < south or s > north:
            continue
        paths.append("M" + "L".join(f"{(lon - west) * k * scale:.1f} {(north - lat) * scale:.1f}"
                                    for lon, lat in points) + "Z")
    return "".join(paths)
