"""Build src/zitat/web/static/outlines.json (the map's coastlines and borders) from the
TopoJSON of the npm package world-atlas (Natural Earth 1:50m admin-0 countries).

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/build_outlines.py package/countries-50m.json

Natural Earth is in the public domain; world-atlas (its TopoJSON conversion) is ISC
licensed (Copyright 2013-2019 Michael Bostock). The output keeps only the rings, as flat
lists of longitude/latitude in hundredths of a degree, which zitat.web.charts draws as SVG.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "zitat" / "web" / "static" / "outlines.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The arcs as lists of (lon, lat), undoing TopoJSON's quantisation and delta coding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text("utf-8"))
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom.get("arcs", [])
        if geom["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for indexes in polygon:
                flat: list[int] = []
                for lon, lat in ring(indexes, arcs):
                    p = [round(lon * 100), round(lat * 100)]
                    # drop points within 0.12° of the last kept one: invisible at the
                    # scales the UI draws, half the size
                    if not flat or abs(flat[-2] - p[0]) + abs(flat[-1] - p[1]) >= 12:
                        flat += p
                if len(flat) >= 6:
                    rings.append(flat)
    OUT.write_text(json.dumps({"source": "Natural Earth 1:50m admin-0 countries (public "
                                         "domain) via world-atlas 2.0.2 (ISC)",
                               "unit": "0.01 degree", "rings": rings},
                              separators=(",", ":")), "utf-8")
    print(f"{len(rings)} rings, {OUT.stat().st_size:,} bytes → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
