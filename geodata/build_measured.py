"""Measure DeepStateMap's occupied area per Ukrainian region, day by day, from a pinned archive.

Run from the repository root::

    python geodata/build_measured.py [--days YYYY-MM-DD ...] [--out DIR]

The input is the archive in ``geodata/sources/deepstate/`` (checked against its sha256, read
directly with ``tarfile``: nothing is extracted and nothing is downloaded). Each day's polygon
is intersected with the boundaries in ``geodata/regions.geojson`` in an equal-area projection,
so a region's share has the same boundary in its numerator and its denominator. The output is
deterministic: the same archive and boundaries give the same bytes. Everything written here is
derived from GPL-3.0 data and is GPL-3.0 itself (see ``geodata/sources/deepstate/PROVENANCE.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import lzma
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling build script, run or imported
from build import DECIMALS, projector, round_coords  # the boundaries' rounding and projection, the same here
from deepstate_archive import archive_days, check_archive, missing_days, read_days

from reportmap.measured import sha256

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "sources" / "deepstate"
ARCHIVE = SOURCE_DIR / "deepstate-occupied-daily-2024-07-08_2026-08-22.tar.xz"
SHA256 = "4a4836ba60d9a335ac3749d6d34d6bbdf73a683e449548fd7abbedadfa013722"
REPOSITORY = "cyterat/deepstate-map-data"
COMMIT = "e904719a6726c7e6b5d6e87a7701e1b77b18e554"
LICENCE = "GPL-3.0"
CREDIT = "Occupied area: DeepStateMap.Live, via cyterat/deepstate-map-data, GPL-3.0"
# The days without a file, as PROVENANCE.md lists them; a full build fails if the archive disagrees.
EXPECTED_MISSING = ["2024-08-18", "2024-08-19", "2025-01-01", "2025-03-31", "2025-04-01",
                    "2025-11-26", "2026-07-09"]
REGIONS = HERE / "regions.geojson"
DEFAULT_OUT = HERE / "measured"

# Same equal-area projection as build.py, so unit areas agree with build_report.json's method.
EQUAL_AREA = "+proj=laea +lat_0=48.5 +lon_0=31 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
REPORT_DATE = "2024-11-23"  # the news report's date: this day also gets a map file
# Web map of the report date: Douglas-Peucker in metres (topology kept), then 3-decimal rounding
# (about 110 m x 75 m). Rounding alone already moves the outline by up to ~140 m (Hausdorff), and
# 100 m is the largest round tolerance that does not add to that, while it brings the file from
# 43 KB (rounding only) to ~36 KB. Its area error is ~0.003%; 50 m would not fit 40 KiB with a margin.
SIMPLIFY_TOLERANCE_M = 100.0
MAX_WEB_BYTES = 40 * 1024
MAX_WEB_AREA_ERROR = 0.005
# Rings smaller than this are left out of the second Hausdorff figure: the 2024-11-23 polygon has a
# 19 m² hole in Donetsk city that rounding removes, and it alone sets the all-rings distance (18 km).
SPECK_M2 = 10_000.0
SPILL_MIN_KM2 = 0.5  # report-date spill per neighbour unit is listed only above this
KM2 = 1e6

DAILY_CSV = "daily-km2.csv"
UNIT_CSV = "unit-areas.csv"
MANIFEST = "manifest.json"
# Every day's simplified map in one archive, for the page's date control. Consecutive days differ
# little, so xz packs 769 days (about 29 MB of GeoJSON) into well under 100 KiB; the page reads it
# only when a reader picks a date other than the report's.
DAILY_MAPS = "occupied-daily.tar.xz"


def web_name(day: str) -> str:
    """File name of a day's simplified map."""
    return f"occupied-{day}.geojson"



def valid_polygonal(geom: shapely.Geometry) -> tuple[shapely.Geometry, bool]:
    """The geometry made valid if it is not; the "structure" method unions overlapping parts,
    which is what a map layer drawn on top of another means (XOR would punch holes)."""
    if geom.is_valid:
        return geom, False
    fixed = shapely.make_valid(geom, method="structure", keep_collapsed=False)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts), True


def load_units(to_metric: Callable) -> tuple[list[str], list[str], np.ndarray]:
    """(ids, countries, metric geometries) of every unit in regions.geojson, sorted by id."""
    collection = json.loads(REGIONS.read_text(encoding="utf-8"))
    rows = sorted(((f["properties"]["id"], f["properties"]["country"],
                    to_metric(shapely.geometry.shape(f["geometry"])))
                   for f in collection["features"]), key=lambda r: r[0])
    ids = [r[0] for r in rows]
    countries = [r[1] for r in rows]
    geoms = np.array([r[2] for r in rows], dtype=object)
    if sum(c == "UA" for c in countries) != 27:
        sys.exit(f"{REGIONS.name}: expected 27 Ukrainian units")
    return ids, countries, geoms


def measure(polygon: shapely.Geometry, units: np.ndarray, unit_area: np.ndarray) -> np.ndarray:
    """Area (m²) of the polygon inside each unit.

    A unit wholly inside the polygon is its own area; one that does not touch it is zero; only
    the rest (a handful a day) needs an overlay. The polygon is prepared once per day.
    """
    shapely.prepare(polygon)
    out = np.zeros(len(units))
    touching = shapely.intersects(polygon, units)
    inside = touching & shapely.contains_properly(polygon, units)
    out[inside] = unit_area[inside]
    partial = touching & ~inside
    out[partial] = shapely.area(shapely.intersection(units[partial], polygon))
    shapely.destroy_prepared(polygon)
    return out



def without_specks(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygon without parts or holes smaller than SPECK_M2 (for a Hausdorff figure that
    measures the outline rather than one invisible artefact)."""
    kept = []
    for part in shapely.get_parts(geom):
        if part.area < SPECK_M2:
            continue
        holes = [h for h in part.interiors if shapely.Polygon(h).area >= SPECK_M2]
        kept.append(shapely.Polygon(part.exterior, holes))
    return shapely.MultiPolygon(kept)


def simplified(day: str, metric: shapely.Geometry, to_lonlat: Callable) -> tuple[str, shapely.Geometry]:
    """One day's polygon as the web map draws it (GeoJSON text), and that geometry in lon/lat."""
    simple = shapely.simplify(metric, SIMPLIFY_TOLERANCE_M, preserve_topology=True)
    rounded = shapely.set_precision(to_lonlat(simple), 10.0 ** -DECIMALS)
    geometry = shapely.geometry.mapping(shapely.orient_polygons(rounded))
    geometry = {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])}
    feature = {"type": "Feature", "properties": {"date": day, "source": CREDIT}, "geometry": geometry}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", rounded


def web_geojson(day: str, metric: shapely.Geometry, to_lonlat: Callable,
                to_metric: Callable) -> tuple[str, dict]:
    """Simplified, rounded GeoJSON of one day's polygon and how far it is from the original."""
    text, rounded = simplified(day, metric, to_lonlat)
    final = to_metric(shapely.geometry.shape(json.loads(text)["geometry"]))
    error = final.area / metric.area - 1
    hausdorff = shapely.hausdorff_distance(metric.boundary, final.boundary)
    outline = shapely.hausdorff_distance(without_specks(metric).boundary, without_specks(final).boundary)
    problems = []
    if not final.is_valid:
        problems.append(f"invalid after rounding: {shapely.is_valid_reason(final)}")
    if len(text.encode()) > MAX_WEB_BYTES:
        problems.append(f"{len(text.encode())} bytes, over {MAX_WEB_BYTES}")
    if abs(error) >= MAX_WEB_AREA_ERROR:
        problems.append(f"area off by {error:.3%}")
    if problems:
        sys.exit(f"{web_name(day)}: " + "; ".join(problems))
    stats = {
        "bytes": len(text.encode()),
        "vertices": int(shapely.get_num_coordinates(rounded)),
        "vertices_full": int(shapely.get_num_coordinates(metric)),
        "area_km2": round(final.area / KM2, 1),
        "relative_area_error": round(error, 6) + 0.0,
        "hausdorff_m": round(float(hausdorff), 1),
        "hausdorff_m_without_specks": round(float(outline), 1),
        "hausdorff": f"discrete, boundary to boundary; 'without_specks' ignores rings under {SPECK_M2:.0f} m²",
    }
    return text, stats


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Plain comma-separated text with "\\n" line endings (no quoting is ever needed here)."""
    return "".join(",".join(r) + "\n" for r in [header, *rows])


def km2(value: float) -> str:
    """Fixed formatting of an area in m² as km² with one decimal."""
    text = f"{value / KM2:.1f}"
    return "0.0" if text == "-0.0" else text


def daily_maps(texts: dict[str, str]) -> bytes:
    """Every day's map in one reproducible archive: members sorted by name, no times or owners.

    xz with a 1 MiB window (about 27 days of maps): consecutive days are nearly the same, so a
    larger one packs no smaller, while the reader would need as much memory to unpack it.
    """
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for day in sorted(texts):
            data = texts[day].encode()
            info = tarfile.TarInfo(web_name(day))
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return lzma.compress(buffer.getvalue(), format=lzma.FORMAT_XZ,
                         filters=[{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": 1 << 20}])


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with "\\n" line endings whatever the platform."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", nargs="+", metavar="YYYY-MM-DD",
                        help="build only these days (default: every day in the archive)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default: {DEFAULT_OUT.relative_to(HERE.parent)})")
    return parser.parse_args(argv)


def build(days: list[str] | None = None, out: Path = DEFAULT_OUT, archive: Path = ARCHIVE) -> dict:
    """Check, read, measure and write; return the manifest."""
    check_archive(archive, SHA256)
    available = archive_days(archive)
    missing = missing_days(available)
    if days is None and missing != EXPECTED_MISSING:
        sys.exit(f"missing days {missing} differ from PROVENANCE.md's {EXPECTED_MISSING}")
    wanted = None
    if days is not None:
        try:
            wanted = {dt.date.fromisoformat(d).isoformat() for d in days}
        except ValueError as error:
            sys.exit(f"--days: {error}")
        absent = sorted(wanted - set(available))
        if absent:
            sys.exit(f"no file in the archive for {', '.join(absent)}")

    to_metric, to_lonlat = projector(4326, EQUAL_AREA), projector(EQUAL_AREA, 4326)
    ids, countries, units = load_units(to_metric)
    shapely.prepare(units)
    unit_area = shapely.area(units)
    ukrainian = np.array([c == "UA" for c in countries])
    ua_ids = [i for i, u in zip(ids, ukrainian, strict=True) if u]

    rows: list[list[str]] = []
    maps: dict[str, str] = {}
    map_bytes: list[int] = []
    repaired: list[str] = []
    report: dict | None = None
    web: tuple[str, dict] | None = None
    for day, raw in read_days(archive, wanted):
        geom, was_fixed = valid_polygonal(raw)
        if was_fixed:
            repaired.append(day)
        metric = to_metric(geom)
        if not metric.is_valid:  # projection can, rarely, fold a near-degenerate ring
            metric, _ = valid_polygonal(metric)
            repaired.append(day)
        total = metric.area
        inside = measure(metric, units, unit_area)
        neighbours = inside[~ukrainian].sum()
        rows.append([day, km2(total), km2(neighbours), *(km2(v) for v in inside[ukrainian])])
        if day == REPORT_DATE:
            report = report_section(ids, ukrainian, unit_area, inside, total)
            web = web_geojson(day, metric, to_lonlat, to_metric)
            maps[day] = web[0]
        else:
            maps[day], rounded = simplified(day, metric, to_lonlat)
            if not rounded.is_valid:
                sys.exit(f"{web_name(day)}: invalid after rounding: {shapely.is_valid_reason(rounded)}")
        map_bytes.append(len(maps[day].encode()))
    rows.sort(key=lambda r: r[0])
    if wanted is not None and len(rows) != len(wanted):
        sys.exit(f"built {len(rows)} days, asked for {len(wanted)}")

    out.mkdir(parents=True, exist_ok=True)
    outputs = {
        DAILY_CSV: csv_text(["date", "polygon_km2", "neighbours_km2", *ua_ids], rows),
        UNIT_CSV: csv_text(["id", "area_km2"], [[i, km2(a)] for i, a, u
                                                  in zip(ids, unit_area, ukrainian, strict=True) if u]),
    }
    if web is not None:
        outputs[web_name(REPORT_DATE)] = web[0]
    for name, text in outputs.items():
        write(out / name, text)
    (out / DAILY_MAPS).write_bytes(daily_maps(maps))
    manifest = {
        "licence": f"{LICENCE}: derived from {REPOSITORY}; credit: \"{CREDIT}\"",
        "source": {
            "archive": ARCHIVE.name,
            "sha256": SHA256,
            "repository": REPOSITORY,
            "commit": COMMIT,
            "licence": LICENCE,
            "credit": CREDIT,
        },
        "boundaries": {"file": f"geodata/{REGIONS.name}", "sha256": sha256(REGIONS)},
        "equal_area_crs": EQUAL_AREA,
        "archive_days": {"first": available[0], "last": available[-1], "count": len(available),
                         "missing": missing},
        "built_days": {"first": rows[0][0], "last": rows[-1][0], "count": len(rows),
                       "made_valid": sorted(set(repaired))},
        "parameters": {
            "days": sorted(wanted) if wanted is not None else None,
            "simplify": "shapely.simplify (Douglas-Peucker, preserve_topology) in the equal-area CRS",
            "simplify_tolerance_m": SIMPLIFY_TOLERANCE_M,
            "coordinate_decimals": DECIMALS,
            "max_web_bytes": MAX_WEB_BYTES,
            "max_web_area_error": MAX_WEB_AREA_ERROR,
            "spill_min_km2": SPILL_MIN_KM2,
            "make_valid": "shapely.make_valid(method='structure') only if the polygon is invalid",
            "rounding": "km² to 1 decimal",
        },
        "report_date": report,
        "web_map": None if web is None else {"file": web_name(REPORT_DATE), **web[1]},
        "daily_maps": {"file": DAILY_MAPS, "days": len(maps), "max_bytes": max(map_bytes),
                       "total_bytes": sum(map_bytes),
                       "note": "every built day's map, simplified and rounded as the report date's"},
        "outputs": {name: sha256(out / name) for name in sorted([*outputs, DAILY_MAPS])},
    }
    write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return manifest


def report_section(ids: list[str], ukrainian: np.ndarray, unit_area: np.ndarray,
                   inside: np.ndarray, total: float) -> dict:
    """The report date's balance: polygon = Ukrainian units + neighbours + outside every unit."""
    ua_sum = inside[ukrainian].sum()
    spill = {i: round(v / KM2, 1) for i, v, u in zip(ids, inside, ukrainian, strict=True)
             if not u and v / KM2 > SPILL_MIN_KM2}
    index = {i: n for n, i in enumerate(ids)}
    uncovered = {i: round((unit_area[index[i]] - inside[index[i]]) / KM2, 1) for i in ("UA-40", "UA-43")}
    return {
        "date": REPORT_DATE,
        "polygon_km2": round(total / KM2, 1),
        "ukrainian_units_km2": round(ua_sum / KM2, 1),
        "neighbours_km2": round(inside[~ukrainian].sum() / KM2, 1),
        "spill_km2": spill,
        "outside_every_unit_km2": round((total - inside.sum()) / KM2, 1) + 0.0,
        "uncovered_km2": uncovered,
    }


def main(argv: list[str] | None = None) -> None:
    """Build and print a one-line summary with the time taken."""
    args = parse_args(argv)
    start = time.perf_counter()
    manifest = build(args.days, args.out)
    seconds = time.perf_counter() - start
    line = f"{manifest['built_days']['count']} days into {args.out} in {seconds:.1f} s"
    if manifest["report_date"]:
        r, w = manifest["report_date"], manifest["web_map"]
        line += (f"; {REPORT_DATE}: polygon {r['polygon_km2']} km², Ukrainian units "
                 f"{r['ukrainian_units_km2']} km², neighbours {r['neighbours_km2']} km²; map "
                 f"{w['bytes']} bytes, area error {w['relative_area_error']:.3%}, Hausdorff {w['hausdorff_m']} m")
    print(line)


if __name__ == "__main__":
    main()
