"""Measuring DeepStateMap's occupied area per unit, one day at a time, and the derived files.

`geodata/build_measured.py` (every day, from the sources) and `python -m reportmap update` (only
the new days) both go through these functions, so the two write the same bytes: each day's row
of km² per unit, each day's simplified map, the archive of those maps and the manifest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from reportmap.deepstate import pack
from reportmap.measured import CREDIT, DAILY_FILE, DAILY_MAPS_FILE, MANIFEST_FILE, MEASURED_BY, UNIT_AREAS_FILE

# The same equal-area projection and coordinate rounding as geodata/build.py's boundaries
# (tests/test_measured_build.py holds them in step).
EQUAL_AREA = "+proj=laea +lat_0=48.5 +lon_0=31 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
DECIMALS = 3  # degrees: about 110 m x 75 m here
# Web map of a day: Douglas-Peucker in metres (topology kept), then 3-decimal rounding. See
# geodata/PROVENANCE.md for why 100 m.
SIMPLIFY_TOLERANCE_M = 100.0
KM2 = 1e6
DAILY_CSV, UNIT_CSV, MANIFEST, DAILY_MAPS = (DAILY_FILE.name, UNIT_AREAS_FILE.name, MANIFEST_FILE.name,
                                             DAILY_MAPS_FILE.name)
# xz window of the daily maps' archive (about 27 days of maps): a larger one packs no smaller,
# while the page would need as much memory to unpack it.
DAILY_MAPS_WINDOW = 1 << 20
# The fetched source files, kept byte for byte beside the pinned archive (one a day).
FETCHED_ARCHIVE = "fetched.tar.xz"
FETCHED_LOG = "fetched.json"
FETCHED_WINDOW = 8 << 20


def transformer_of(src: str | int, dst: str | int) -> Transformer:
    """The operation PROJ picks from `src` to `dst` (lon/lat order), held as its pipeline.

    pyproj makes a transformer again in every thread that uses one (its object is thread-local),
    and Streamlit runs every rerun in a new thread: made from the two CRSs, that is a search of
    PROJ's database, about 10 ms each time; from the pipeline, a fraction of a millisecond. The
    pipeline is the same operation, so the coordinates are the same to the bit
    (tests/test_change.py)."""
    chosen = Transformer.from_crs(src, dst, always_xy=True)
    return Transformer.from_pipeline(chosen.definition)


def projector(src: str | int, dst: str | int) -> Callable[[shapely.Geometry], shapely.Geometry]:
    """A geometry reprojection function (always lon/lat order)."""
    transformer = transformer_of(src, dst)

    def apply(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    return lambda geom: shapely.transform(geom, apply)


def round_coords(value: object) -> object:
    """Round nested coordinates so the JSON is short and stable."""
    if isinstance(value, float):
        return round(value, DECIMALS) + 0.0
    if isinstance(value, list | tuple):
        return [round_coords(v) for v in value]
    return value


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


@dataclass(frozen=True)
class Units:
    """Every unit of regions.geojson in the equal-area CRS, sorted by id, prepared."""

    ids: list[str]
    countries: list[str]
    geoms: np.ndarray
    area: np.ndarray  # m²

    @property
    def ukrainian(self) -> np.ndarray:
        return np.array([c == "UA" for c in self.countries])

    @property
    def ua_ids(self) -> list[str]:
        return [i for i, c in zip(self.ids, self.countries, strict=True) if c == "UA"]


def load_units(regions: Path, to_metric: Callable) -> Units:
    collection = json.loads(regions.read_text(encoding="utf-8"))
    rows = sorted(((f["properties"]["id"], f["properties"]["country"],
                    to_metric(shapely.geometry.shape(f["geometry"])))
                   for f in collection["features"]), key=lambda r: r[0])
    geoms = np.array([r[2] for r in rows], dtype=object)
    if sum(r[1] == "UA" for r in rows) != 27:
        raise ValueError(f"{regions.name}: expected 27 Ukrainian units")
    shapely.prepare(geoms)
    return Units([r[0] for r in rows], [r[1] for r in rows], geoms, shapely.area(geoms))


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


def simplified(day: str, metric: shapely.Geometry, to_lonlat: Callable) -> tuple[str, shapely.Geometry]:
    """One day's polygon as the web map draws it (GeoJSON text), and that geometry in lon/lat."""
    simple = shapely.simplify(metric, SIMPLIFY_TOLERANCE_M, preserve_topology=True)
    rounded = shapely.set_precision(to_lonlat(simple), 10.0 ** -DECIMALS)
    geometry = shapely.geometry.mapping(shapely.orient_polygons(rounded))
    geometry = {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])}
    feature = {"type": "Feature", "properties": {"date": day, "source": CREDIT}, "geometry": geometry}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", rounded


def km2(value: float) -> str:
    """Fixed formatting of an area in m² as km² with one decimal."""
    text = f"{value / KM2:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class DayMeasured:
    """One day, measured: its row of the daily table and its map."""

    day: str
    row: list[str]  # date, polygon km², neighbours km², then each Ukrainian unit's km²
    map_text: str
    made_valid: bool
    metric: shapely.Geometry  # the polygon in the equal-area CRS
    inside: np.ndarray  # m² inside each unit, in Units order


class Measurer:
    """Measures days against one set of units (read once: about 0.3 s)."""

    def __init__(self, regions: Path) -> None:
        self.to_metric, self.to_lonlat = projector(4326, EQUAL_AREA), projector(EQUAL_AREA, 4326)
        self.units = load_units(regions, self.to_metric)

    def day(self, day: str, raw: shapely.Geometry) -> DayMeasured:
        geom, fixed = valid_polygonal(raw)
        metric = self.to_metric(geom)
        if not metric.is_valid:  # projection can, rarely, fold a near-degenerate ring
            metric, _ = valid_polygonal(metric)
            fixed = True
        inside = measure(metric, self.units.geoms, self.units.area)
        ukrainian = self.units.ukrainian
        row = [day, km2(metric.area), km2(inside[~ukrainian].sum()), *(km2(v) for v in inside[ukrainian])]
        text, rounded = simplified(day, metric, self.to_lonlat)
        if not rounded.is_valid:
            raise ValueError(f"{web_name(day)}: invalid after rounding: {shapely.is_valid_reason(rounded)}")
        return DayMeasured(day, row, text, fixed, metric, inside)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Plain comma-separated text with "\\n" line endings (no quoting is ever needed here)."""
    return "".join(",".join(r) + "\n" for r in [header, *rows])


def daily_header(ua_ids: list[str]) -> list[str]:
    return ["date", "polygon_km2", "neighbours_km2", *ua_ids]


def daily_maps(texts: dict[str, str]) -> bytes:
    """Every day's map in one reproducible archive (one member `occupied-YYYY-MM-DD.geojson` a day)."""
    return pack({web_name(day): text.encode() for day, text in texts.items()}, DAILY_MAPS_WINDOW)


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def days_section(days: list[str], missing: list[str]) -> dict:
    return {"first": days[0], "last": days[-1], "count": len(days), "missing": missing}


def maps_section(maps: dict[str, int]) -> dict:
    """The daily maps' archive in the manifest, from each day's map size in bytes."""
    return {"file": DAILY_MAPS, "days": len(maps), "max_bytes": max(maps.values()),
            "total_bytes": sum(maps.values()),
            "note": "every built day's map, simplified and rounded as the report date's"}


def licence_line() -> str:
    return "{licence}: derived from {repository}; credit: \"".format(**MEASURED_BY) + CREDIT + "\""
