#!/usr/bin/env python3
"""Derives the dashboard's world outline and country positions from Natural Earth 1:110m (public domain) as
redistributed by npm's world-atlas 2.0.2 (TopoJSON, ISC), with ISO 3166 codes from npm's i18n-iso-countries 7.14.0
(MIT). Run once; the outputs are committed (Dashboard/Assets/world.svg, Dashboard/Assets/countries.tsv):

    cd /tmp && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    mkdir atlas iso && tar xzf world-atlas-2.0.2.tgz -C atlas && tar xzf i18n-iso-countries-7.14.0.tgz -C iso
    python3 make-world-assets.py atlas/package iso/package ../Assets

Projection: equirectangular, x = longitude + 180, y = 90 - latitude (degrees), rounded to 0.1 degree.
A country's position is the area-weighted centroid of its largest polygon."""
import json, sys, os

atlas, iso, out = sys.argv[1], sys.argv[2], sys.argv[3]

def decode(topology):
    t = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx; y += dy
            points.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]) if t else (dx, dy))
        arcs.append(points)
    return arcs

def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points

def polygons(arcs, geometry):
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in p] for p in geometry["arcs"]]
    return []

def fmt(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s

def path(rings):
    d = []
    for r in rings:
        pts = [(fmt(lon + 180), fmt(90 - lat)) for lon, lat in r]
        dedup = [pts[0]] + [p for a, p in zip(pts, pts[1:]) if p != a]
        if len(dedup) < 3:
            continue
        d.append("M" + " ".join(f"{x},{y}" for x, y in dedup) + "Z")
    return "".join(d)

land = json.load(open(os.path.join(atlas, "land-110m.json")))
arcs = decode(land)
d = "".join(path(p) for g in land["objects"]["land"]["geometries"] for p in polygons(arcs, g))
with open(os.path.join(out, "world.svg"), "w") as f:
    f.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180">'
            '<!-- Land outline: Natural Earth 1:110m (public domain), via npm world-atlas 2.0.2; '
            'equirectangular, x = longitude + 180, y = 90 - latitude. Made by Dashboard/Tools/make-world-assets.py. -->'
            f'<path fill="#d9dee3" stroke="#8a96a3" stroke-width="0.3" d="{d}"/></svg>\n')

def area_centroid(r):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
        c = x0 * y1 - x1 * y0
        a += c; cx += (x0 + x1) * c; cy += (y0 + y1) * c
    if a == 0:
        return 0.0, r[0]
    return abs(a / 2), (cx / (3 * a), cy / (3 * a))

countries = json.load(open(os.path.join(atlas, "countries-110m.json")))
carcs = decode(countries)
alpha2 = {numeric: a2 for a2, a3, numeric, *_ in json.load(open(os.path.join(iso, "codes.json")))}
rows = []
for g in countries["objects"]["countries"]["geometries"]:
    code = alpha2.get(g.get("id"))
    if code is None:
        continue
    best = max((area_centroid(p[0]) for p in polygons(carcs, g)), default=None)
    if best is None:
        continue
    lon, lat = best[1]
    rows.append(f"{code}\t{lat:.2f}\t{lon:.2f}\t{g['properties']['name']}")
with open(os.path.join(out, "countries.tsv"), "w") as f:
    f.write("# ISO 3166-1 alpha-2, latitude, longitude (centroid of the largest polygon), name. Natural Earth 1:110m (public domain) "
            "via npm world-atlas 2.0.2; codes from npm i18n-iso-countries 7.14.0. Made by Dashboard/Tools/make-world-assets.py.\n")
    f.write("\n".join(sorted(rows)) + "\n")
