"""What changed between two days: the area Russia took and the area it lost, in all and per unit.

Made from the daily outlines the map draws (`DailyMaps`: DeepState's polygon simplified at
100 m), in the same equal-area projection and by the same per-unit measure as the daily table
(`reportmap.measuring.measure`), so that a unit's km² taken minus lost agrees with the
difference of its two rows in the daily table to within about a km² (the simplification's
error; tests/test_change.py holds it). "Taken" is what is occupied on the later day and not
on the earlier one; "lost" the reverse. Only the two days are compared: an area taken and
lost again between them is in neither.

The geometry sent to the map is simplified and rounded as the day's own outline is, so it is
small on the wire; every figure is computed before that, from the unrounded shapes.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from reportmap.errors import DataError
from reportmap.measured import CREDIT, DailyMaps, MeasuredSeries
from reportmap.measuring import (
    DECIMALS,
    EQUAL_AREA,
    KM2,
    SIMPLIFY_TOLERANCE_M,
    load_units,
    measure,
    projector,
    valid_polygonal,
)

DRAWN_FROM_M2 = 1e4  # a hectare: smaller parts of a change are not drawn (they are measured)
KM2_DECIMALS = 1  # as the other downloads: DeepStateMap's derived km² are given to 0.1


@dataclass(frozen=True)
class UnitChange:
    """One Ukrainian unit's km² taken and lost between the two days."""

    id: str
    taken_km2: float
    lost_km2: float

    @property
    def net_km2(self) -> float:
        return self.taken_km2 - self.lost_km2


@dataclass(frozen=True)
class Change:
    """What changed from `start` to `end` (two days with a file, `start` the earlier)."""

    start: dt.date
    end: dt.date
    units: tuple[UnitChange, ...]  # every Ukrainian unit, sorted by id
    taken: dict | None  # GeoJSON FeatureCollection for the map (None: not asked for)
    lost: dict | None

    @property
    def taken_km2(self) -> float:
        """Over Ukraine's units: what the per-region figures add up to, as the daily table's totals."""
        return sum(unit.taken_km2 for unit in self.units)

    @property
    def lost_km2(self) -> float:
        return sum(unit.lost_km2 for unit in self.units)

    @property
    def net_km2(self) -> float:
        return self.taken_km2 - self.lost_km2

    def unit(self, region_id: str) -> UnitChange:
        return next(unit for unit in self.units if unit.id == region_id)


def day_parts(maps: DailyMaps, day: dt.date) -> list[shapely.Geometry]:
    """The shapes of `maps.on(day)`'s features, read by GEOS from the day's text: the same coordinates
    as through `on` (tests/test_change.py), in a fraction of the time, for measuring (the date change's
    time, bench/reruns.py). A day without a map, or one that is not an outline, is a DataError, as `on`."""
    index = bisect.bisect_left(maps.days, day)
    if index == len(maps.texts) or maps.texts[index][0] != day:
        raise DataError(maps.path, f"day {day}", "has no map: rebuild with python -m geodata.build_measured")
    try:
        geometry = shapely.from_geojson(zlib.decompress(maps.texts[index][1]))
    except (shapely.errors.GEOSException, ValueError, zlib.error) as error:
        raise DataError(maps.path, f"day {day}", f"is not valid GeoJSON ({error})") from None
    parts = list(shapely.get_parts(geometry)) if geometry.geom_type == "GeometryCollection" else [geometry]
    if not parts or any(part.is_empty or part.geom_type not in ("Polygon", "MultiPolygon") for part in parts):
        raise DataError(maps.path, f"day {day}", "is not a polygon")
    return parts


class ChangeMeasurer:
    """Compares days' outlines against one set of units (regions.geojson, read once: about 40 ms)."""

    def __init__(self, regions: Path) -> None:
        self.to_metric, self.to_lonlat = projector(4326, EQUAL_AREA), projector(EQUAL_AREA, 4326)
        self.units = load_units(regions, self.to_metric)

    def metric(self, collection: dict | list[shapely.Geometry]) -> shapely.Geometry:
        """A day's outline (a FeatureCollection in lon/lat, or its features' shapes: `day_parts`)
        as one valid polygon in the equal-area CRS."""
        parts = ([shapely.geometry.shape(feature["geometry"]) for feature in collection["features"]]
                 if isinstance(collection, dict) else collection)
        geometry, _ = valid_polygonal(self.to_metric(shapely.union_all(parts)))
        return geometry

    def between(self, start: dt.date, start_metric: shapely.Geometry, end: dt.date, end_metric: shapely.Geometry,
                *, geometry: bool = True) -> Change:
        """The change from `start` to `end`, given their outlines from `metric`; `geometry`: with the
        shapes for the map (without: the figures alone, for the months' chart)."""
        if end < start:
            raise ValueError(f"{end} is before {start}")
        taken = shapely.difference(end_metric, start_metric)
        lost = shapely.difference(start_metric, end_metric)
        ukrainian = self.units.ukrainian
        taken_m2 = measure(taken, self.units.geoms, self.units.area)[ukrainian]
        lost_m2 = measure(lost, self.units.geoms, self.units.area)[ukrainian]
        units = tuple(UnitChange(region_id, float(gained) / KM2, float(given_up) / KM2)
                      for region_id, gained, given_up in zip(self.units.ua_ids, taken_m2, lost_m2, strict=True))
        if not geometry:
            return Change(start, end, units, None, None)
        return Change(start, end, units, self.for_map(taken, "taken", start, end),
                      self.for_map(lost, "lost", start, end))

    def for_map(self, metric: shapely.Geometry, kind: str, start: dt.date, end: dt.date) -> dict:
        """Simplified (100 m, topology kept) and rounded (3 decimals) as a day's outline is, without the
        parts under a hectare (a pixel at the map's closest zoom): for drawing only, never measured."""
        parts = shapely.get_parts(metric)
        parts = parts[shapely.area(parts) >= DRAWN_FROM_M2]
        if not len(parts):
            return {"type": "FeatureCollection", "features": []}
        simple = shapely.simplify(shapely.multipolygons(parts), SIMPLIFY_TOLERANCE_M, preserve_topology=True)
        rounded = shapely.transform(self.to_lonlat(simple), lambda xy: np.round(xy, DECIMALS) + 0.0)
        # Its days as "from" and "to": "date" names a day's own occupied outline (tests look layers up by it).
        feature = {"type": "Feature", "properties": {"kind": kind, "from": start.isoformat(), "to": end.isoformat(),
                                                     "source": CREDIT},
                   "geometry": shapely.geometry.mapping(rounded)}
        return {"type": "FeatureCollection", "features": [feature]}


def ordered(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class MonthChange:
    """Taken and lost from the first measured day of a month to that of the next (or the newest day)."""

    month: dt.date  # the month's first day
    start: dt.date  # the measurement days compared
    end: dt.date
    taken_km2: float
    lost_km2: float

    @property
    def net_km2(self) -> float:
        return self.taken_km2 - self.lost_km2


def month_pairs(series: MeasuredSeries) -> list[tuple[dt.date, dt.date, dt.date]]:
    """(month, first measured day in it, first measured day of the next month or the newest day)
    for every month the series covers; the first month starts on the series' first day."""
    pairs = []
    month = series.first.replace(day=1)
    while month <= series.last:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        start = series.on(max(month, series.first)).measurement.date
        end = series.on(min(following, series.last)).measurement.date
        if end > start:
            pairs.append((month, start, end))
        month = following
    return pairs


def monthly_changes(series: MeasuredSeries, between: Callable[[dt.date, dt.date], Change]) -> tuple[MonthChange, ...]:
    """Every month's km² taken and lost, over Ukraine's units. `between(start, end)` gives the
    figures of one pair of days (the page's cached comparison, without geometry)."""
    months = []
    for month, start, end in month_pairs(series):
        change = between(start, end)
        months.append(MonthChange(month, start, end, change.taken_km2, change.lost_km2))
    return tuple(months)


CSV_COLUMNS = ("id", "name", "from_day", "to_day", "taken_km2", "lost_km2", "net_km2", "measured_source")


def change_csv(change: Change, names: dict[str, str]) -> str:
    """The change per region, and the total over Ukraine's units, km² to 0.1; `names` by unit id
    (in English, the downloads' language for column values), every row credited."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = [(unit.id, names.get(unit.id, unit.id), unit.taken_km2, unit.lost_km2) for unit in change.units]
    rows.append(("UA", "Ukraine (sum of its regions)", change.taken_km2, change.lost_km2))
    for region_id, name, taken, lost in rows:
        taken, lost = (float(np.round(value, KM2_DECIMALS)) + 0.0 for value in (taken, lost))
        writer.writerow((region_id, name, change.start.isoformat(), change.end.isoformat(), f"{taken:.1f}",
                         f"{lost:.1f}", f"{taken - lost + 0.0:.1f}", CREDIT))
    return out.getvalue()
