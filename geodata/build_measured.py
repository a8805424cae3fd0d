"""Measure DeepStateMap's occupied area per Ukrainian region, day by day, from its sources.

Run from the repository root::

    python -m geodata.build_measured [--days YYYY-MM-DD ...] [--out DIR]

The input is the pinned archive in ``geodata/sources/deepstate/`` (checked against its sha256,
read directly with ``tarfile``: nothing is extracted and nothing is downloaded) and the days
``python -m reportmap update`` fetched since, kept beside it (``fetched.tar.xz``, each file
checked against the sha256 in ``fetched.json``). Each day's polygon is intersected with the
boundaries in ``geodata/regions.geojson`` in an equal-area projection, so a region's share has
the same boundary in its numerator and its denominator. The measuring itself is
``reportmap.measuring``, shared with the update, so both write the same bytes. The output is
deterministic: the same sources and boundaries give the same bytes. Everything written here is
derived from GPL-3.0 data and is GPL-3.0 itself (see ``geodata/sources/deepstate/PROVENANCE.md``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import shapely

from reportmap.deepstate import archive_days, member_name, missing_days, read_day, read_days
from reportmap.errors import SourceError
from reportmap.measured import sha256
from reportmap.measuring import (
    DAILY_CSV,
    DAILY_MAPS,
    DECIMALS,
    EQUAL_AREA,
    KM2,
    MANIFEST,
    SIMPLIFY_TOLERANCE_M,
    UNIT_CSV,
    Measurer,
    csv_text,
    daily_header,
    daily_maps,
    days_section,
    km2,
    licence_line,
    manifest_text,
    maps_section,
    simplified,
    web_name,
)
from reportmap.sources import Pinned, built_section, fetched_section, read_fetched, write_text

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "sources" / "deepstate"
# The pinned archive: its file name is its own (the span it was packed with), not the measurement's
# last day, which comes from the data (the archive and the files `python -m reportmap update` adds).
PINNED = Pinned(
    archive=SOURCE_DIR / "deepstate-occupied-daily-2024-07-08_2026-08-22.tar.xz",
    sha256="4a4836ba60d9a335ac3749d6d34d6bbdf73a683e449548fd7abbedadfa013722",
    commit="e904719a6726c7e6b5d6e87a7701e1b77b18e554",
    # The days without a file, as PROVENANCE.md lists them; a full build fails if the archive disagrees.
    missing=("2024-08-18", "2024-08-19", "2025-01-01", "2025-03-31", "2025-04-01", "2025-11-26", "2026-07-09"),
    # Added by the repository's maintainer by hand on 26 Nov 2025 (commits 45b2410 to 95884d1), not
    # by its daily workflow: the first day after 3 Nov 2025 that the workflow made was 27 Nov 2025.
    hand_added=("2025-11-04", "2025-11-25"),
)
ARCHIVE, SHA256, EXPECTED_MISSING = PINNED.archive, PINNED.sha256, list(PINNED.missing)
REGIONS = HERE / "regions.geojson"
DEFAULT_OUT = HERE / "measured"

REPORT_DATE = "2024-11-23"  # the news report's date: this day also gets a map file
# Web map of the report date: Douglas-Peucker in metres (topology kept), then 3-decimal rounding
# (about 110 m x 75 m). Rounding alone already moves the outline by up to ~140 m (Hausdorff), and
# 100 m is the largest round tolerance that does not add to that, while it keeps the file within
# MAX_WEB_BYTES with a margin (50 m would not) and its area error within MAX_WEB_AREA_ERROR
# (tests/test_measured_build.py holds both; the manifest records the figures of each build).
MAX_WEB_BYTES = 40 * 1024
MAX_WEB_AREA_ERROR = 0.005
# Rings smaller than this are left out of the second Hausdorff figure: the 2024-11-23 polygon has a
# 19 m² hole in Donetsk city that rounding removes, and it alone sets the all-rings distance (18 km).
SPECK_M2 = 10_000.0
SPILL_MIN_KM2 = 0.5  # report-date spill per neighbour unit is listed only above this


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


def web_geojson(day: str, metric: shapely.Geometry, to_lonlat, to_metric) -> tuple[str, dict]:
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


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", nargs="+", metavar="YYYY-MM-DD",
                        help="build only these days (default: every day of the sources)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default: {DEFAULT_OUT.relative_to(HERE.parent)})")
    return parser.parse_args(argv)


def build(days: list[str] | None = None, out: Path = DEFAULT_OUT, archive: Path | None = None,
          pinned: Pinned = PINNED, regions: Path = REGIONS) -> dict:
    """Check, read, measure and write; return the manifest. Refuses (SystemExit) on any doubt.

    `archive` stands in for the pinned archive's file (a test's tampered copy); `pinned` replaces
    the pinned archive's description as a whole (a test's small archive)."""
    try:
        return _build(days, out, pinned if archive is None else pinned.moved(archive), regions)
    except (SourceError, ValueError) as error:
        sys.exit(str(error))


def _build(days: list[str] | None, out: Path, pinned: Pinned, regions: Path) -> dict:
    pinned.check()
    in_archive = archive_days(pinned.archive)
    fetched = read_fetched(pinned.archive.parent, after=in_archive[-1])
    available = sorted([*in_archive, *fetched.files])
    missing = missing_days(available)
    if days is None:
        pinned.check_days(in_archive)
    wanted = None
    if days is not None:
        try:
            wanted = {dt.date.fromisoformat(d).isoformat() for d in days}
        except ValueError as error:
            sys.exit(f"--days: {error}")
        absent = sorted(wanted - set(available))
        if absent:
            sys.exit(f"no file in the sources for {', '.join(absent)}")

    measurer = Measurer(regions)
    units = measurer.units
    rows: list[list[str]] = []
    maps: dict[str, str] = {}
    repaired: list[str] = []
    report: dict | None = None
    web: tuple[str, dict] | None = None
    fetched_days = ((day, read_day(day, data, f"{fetched.archive.name}: {member_name(day)}"))
                    for day, data in sorted(fetched.files.items()) if wanted is None or day in wanted)
    for source in (read_days(pinned.archive, wanted), fetched_days):
        for day, raw in source:
            measured = measurer.day(day, raw)
            if measured.made_valid:
                repaired.append(day)
            rows.append(measured.row)
            maps[day] = measured.map_text
            if day == REPORT_DATE:
                report = report_section(units.ids, units.ukrainian, units.area, measured.inside,
                                        measured.metric.area)
                web = web_geojson(day, measured.metric, measurer.to_lonlat, measurer.to_metric)
    rows.sort(key=lambda r: r[0])
    if wanted is not None and len(rows) != len(wanted):
        sys.exit(f"built {len(rows)} days, asked for {len(wanted)}")

    out.mkdir(parents=True, exist_ok=True)
    outputs = {
        DAILY_CSV: csv_text(daily_header(units.ua_ids), rows),
        UNIT_CSV: csv_text(["id", "area_km2"], [[i, km2(a)] for i, a, u
                                                  in zip(units.ids, units.area, units.ukrainian, strict=True) if u]),
    }
    if web is not None:
        outputs[web_name(REPORT_DATE)] = web[0]
    for name, text in outputs.items():
        write_text(out / name, text)
    (out / DAILY_MAPS).write_bytes(daily_maps(maps))
    manifest = {
        "licence": licence_line(),
        "source": pinned.section(),
        "fetched": fetched_section(fetched),
        "boundaries": {"file": f"geodata/{regions.name}", "sha256": sha256(regions)},
        "equal_area_crs": EQUAL_AREA,
        "archive_days": days_section(available, missing),
        "built_days": built_section(rows, repaired),
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
        "daily_maps": maps_section({day: len(text.encode()) for day, text in maps.items()}),
        "outputs": {name: sha256(out / name) for name in sorted([*outputs, DAILY_MAPS])},
    }
    write_text(out / MANIFEST, manifest_text(manifest))
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
