"""What DeepStateMap measured: the occupied area per region and day, read from the derived tables.

`geodata/build_measured.py` derives the tables from DeepStateMap's daily occupied-area files
(GPL-3.0, credited wherever a measured figure shows). Here they become frozen records; the
report's claims are checked against them in `reportmap.checks`, never merged with them.

Each region's measured km² is the occupied polygon's area inside that region's boundary in our
Natural Earth file, and its share is that km² over the same boundary's area, so that the
numerator and the denominator follow the same lines. The polygon's own total follows
DeepState's borders and coastline instead: it is kept beside the sum over regions, never
replaced by it.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import json
import math
import re
import tarfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import shapely

from reportmap.errors import DataError
from reportmap.loading import read_json
from reportmap.texts import DEFAULT_LANG, t

MEASURED_DIR = Path(__file__).resolve().parent.parent / "geodata" / "measured"
DAILY_FILE = MEASURED_DIR / "daily-km2.csv"
UNIT_AREAS_FILE = MEASURED_DIR / "unit-areas.csv"
MANIFEST_FILE = MEASURED_DIR / "manifest.json"
OVERLAY_FILE = MEASURED_DIR / "occupied-2024-11-23.geojson"
DAILY_MAPS_FILE = MEASURED_DIR / "occupied-daily.tar.xz"  # every day's map, read only when asked for
SOURCE_ARCHIVE_DIR = MEASURED_DIR.parent / "sources" / "deepstate"

# Who measured, through whom it reaches us, and its licence: every credit line is made of these.
MEASURED_BY = {"source": "DeepStateMap.Live", "repository": "cyterat/deepstate-map-data", "licence": "GPL-3.0"}


def credit(lang: str = DEFAULT_LANG) -> str:
    """The credit line in the reader's language; the names in it stay as their owners write them."""
    return t("occupied_credit", lang, **MEASURED_BY)


CREDIT = credit()  # in English: the downloads' machine-readable column and the derived files carry it
FIXED_COLUMNS = ("date", "polygon_km2", "neighbours_km2")


@dataclass(frozen=True)
class Measurement:
    """The occupied area on one day: the polygon's own total, and its part in each unit."""

    date: dt.date
    polygon_km2: float
    neighbours_km2: float  # the polygon's part inside neighbouring regions (DeepState's border)
    units: tuple[tuple[str, float], ...]  # (Ukrainian unit id, occupied km²), sorted by id
    unit_areas: tuple[tuple[str, float], ...]  # (id, the same boundary's km²), sorted by id

    def km2(self, region_ids: Iterable[str]) -> float:
        occupied = dict(self.units)
        return sum(occupied[region_id] for region_id in region_ids)

    def area(self, region_ids: Iterable[str]) -> float:
        areas = dict(self.unit_areas)
        return sum(areas[region_id] for region_id in region_ids)

    def share(self, region_ids: Iterable[str]) -> float:
        """Percent of the given units, taken together, that is occupied."""
        ids = tuple(region_ids)
        return 100 * self.km2(ids) / self.area(ids)

    @property
    def ukraine_km2(self) -> float:
        """The sum over Ukraine's units: what the per-region figures add up to."""
        return sum(km2 for _, km2 in self.units)

    @property
    def ukraine_area(self) -> float:
        return sum(km2 for _, km2 in self.unit_areas)

    @property
    def ukraine_share(self) -> float:
        return 100 * self.ukraine_km2 / self.ukraine_area

    @property
    def polygon_share(self) -> float:
        """The polygon's own total over Ukraine's area (the boundaries' sum)."""
        return 100 * self.polygon_km2 / self.ukraine_area

    @property
    def outside_km2(self) -> float:
        """What of the polygon is in no Ukrainian unit: DeepState's border and coastline differ."""
        return self.polygon_km2 - self.ukraine_km2


@dataclass(frozen=True)
class DayFound:
    """The measurement used for an asked day: the nearest earlier day that has a file."""

    asked: dt.date
    measurement: Measurement

    @property
    def exact(self) -> bool:
        return self.asked == self.measurement.date


@dataclass(frozen=True)
class MeasuredSeries:
    """Every day's measurement, in date order, with where it came from."""

    days: tuple[Measurement, ...]
    source_sha256: str
    missing: tuple[dt.date, ...]

    @property
    def first(self) -> dt.date:
        return self.days[0].date

    @property
    def last(self) -> dt.date:
        return self.days[-1].date

    def shares(self, region_ids: Iterable[str]) -> tuple[tuple[dt.date, float], ...]:
        """Every day's occupied share of the given units, taken together (percent)."""
        ids = tuple(region_ids)
        return tuple((m.date, m.share(ids)) for m in self.days)

    def totals(self) -> tuple[tuple[dt.date, float, float], ...]:
        """Every day's sum over Ukraine's units: (day, km², percent of Ukraine)."""
        return tuple((m.date, m.ukraine_km2, m.ukraine_share) for m in self.days)

    def on(self, day: dt.date) -> DayFound:
        """The measurement for `day`, or for the nearest earlier day with a file.

        A day outside the series' range is a `LookupError`: nothing is extrapolated.
        """
        if not self.first <= day <= self.last:
            raise LookupError(f"{day} is outside {self.first} – {self.last}")
        dates = [m.date for m in self.days]
        return DayFound(day, self.days[bisect.bisect_right(dates, day) - 1])


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def place_day(text: str, series: MeasuredSeries) -> tuple[dt.date, str] | None:
    """A real day from an address (`?date=YYYY-MM-DD`) and where it lies: "within" the series'
    range, "after" it or "before" it; None for anything that is not such a day."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day, "after" if day > series.last else "before" if day < series.first else "within"


def parse_day(text: str, series: MeasuredSeries) -> dt.date | None:
    """A day from an address (`?date=YYYY-MM-DD`) if it is a real date within the series' range.

    Anything else (another format, a day outside the range, any other text) is None: the page
    drops it with a quiet notice, and nothing is extrapolated.
    """
    placed = place_day(text, series)
    return placed[0] if placed and placed[1] == "within" else None


def _number(path: Path, entry: str, value: str | None) -> float:
    if value is None:
        raise DataError(path, entry, "is missing (the row is shorter than the header)")
    try:
        number = float(value)
    except ValueError:
        raise DataError(path, entry, f"'{value}' is not a number") from None
    if not math.isfinite(number):
        raise DataError(path, entry, f"'{value}' is not a finite number")
    if number < 0:
        raise DataError(path, entry, f"{value} is negative")
    return number


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(path, "file", f"is not readable CSV ({error})") from None


def load_unit_areas(path: Path = UNIT_AREAS_FILE) -> tuple[tuple[str, float], ...]:
    rows = _rows(path)
    if not rows or set(rows[0]) != {"id", "area_km2"}:
        raise DataError(path, "header", "expected the columns id, area_km2")
    areas = tuple(sorted((row["id"], _number(path, f"unit '{row['id']}'", row["area_km2"])) for row in rows))
    ids = [region_id for region_id, _ in areas]
    if len(set(ids)) != len(ids):
        raise DataError(path, "units", "an id appears twice")
    for region_id, km2 in areas:
        if km2 <= 0:
            raise DataError(path, f"unit '{region_id}'", "has no area")
    return areas


def load_series(daily: Path = DAILY_FILE, unit_areas: Path = UNIT_AREAS_FILE,
                manifest: Path = MANIFEST_FILE) -> MeasuredSeries:
    """The derived tables, checked: a bad file is a DataError naming the file and the row."""
    areas = load_unit_areas(unit_areas)
    area_of = dict(areas)
    rows = _rows(daily)
    if not rows:
        raise DataError(daily, "file", "has no rows")
    header = tuple(rows[0])
    if header[:3] != FIXED_COLUMNS or set(header[3:]) != set(area_of):
        raise DataError(daily, "header", f"expected {', '.join(FIXED_COLUMNS)} and one column per unit of "
                        f"{unit_areas.name}")
    days: list[Measurement] = []
    for row in rows:
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise DataError(daily, f"row '{row['date']}'", "is not a date (YYYY-MM-DD)") from None
        entry = f"row {day}"
        if days and day <= days[-1].date:
            raise DataError(daily, entry, "is out of date order or repeated")
        units = tuple((region_id, _number(daily, f"{entry}, {region_id}", row[region_id]))
                      for region_id in sorted(area_of))
        for region_id, km2 in units:
            if km2 > area_of[region_id] * 1.0001:
                raise DataError(daily, f"{entry}, {region_id}", "is larger than the unit itself")
        polygon = _number(daily, f"{entry}, polygon_km2", row["polygon_km2"])
        neighbours = _number(daily, f"{entry}, neighbours_km2", row["neighbours_km2"])
        if sum(km2 for _, km2 in units) + neighbours > polygon + 1:
            raise DataError(daily, entry, "its parts add up to more than the polygon")
        days.append(Measurement(day, polygon, neighbours, units, areas))
    info = read_manifest(manifest)
    try:
        missing = tuple(dt.date.fromisoformat(day) for day in (info.get("archive_days") or {}).get("missing", ()))
    except (AttributeError, TypeError, ValueError) as error:
        raise DataError(manifest, "archive_days", f"is malformed ({error})") from None
    # Only the gaps within the table's days: `python -m reportmap update` replaces the manifest just
    # before the table, and a page that reads the two in between still shows the old days alone.
    missing = tuple(day for day in missing if days[0].date <= day <= days[-1].date)
    return MeasuredSeries(tuple(days), info.get("source", {}).get("sha256", ""), missing)


def read_manifest(path: Path = MANIFEST_FILE) -> dict:
    info = read_json(path)
    if not isinstance(info, dict):
        raise DataError(path, "file", "is not a JSON object")
    return info


@dataclass(frozen=True)
class Mismatch:
    """Where DeepState's outline and our Natural Earth boundaries disagree, on the report's date."""

    date: dt.date
    polygon_km2: float  # the occupied polygon's own area
    units_km2: float  # its part inside Ukraine's units (the sum over regions)
    spill_km2: tuple[tuple[str, float], ...]  # its part inside each neighbouring unit
    sea_km2: float  # its part inside no unit at all (DeepState's coastline lies seaward of ours)
    uncovered_km2: tuple[tuple[str, float], ...]  # Crimea's units: shore that the polygon leaves out


def load_mismatch(path: Path = MANIFEST_FILE) -> Mismatch:
    section = read_manifest(path).get("report_date")
    if not isinstance(section, dict):
        raise DataError(path, "report_date", "missing: rebuild with python -m geodata.build_measured")
    try:
        return Mismatch(dt.date.fromisoformat(section["date"]), float(section["polygon_km2"]),
                        float(section["ukrainian_units_km2"]), tuple(sorted(section["spill_km2"].items())),
                        float(section["outside_every_unit_km2"]), tuple(sorted(section["uncovered_km2"].items())))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise DataError(path, "report_date", f"is incomplete ({error})") from None


def sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks (the source archive, the derived tables)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(manifest: Path = MANIFEST_FILE, archive_dir: Path = SOURCE_ARCHIVE_DIR) -> list[str]:
    """Check the derived files against the manifest, and the manifest against the source archive.

    Returns one line per file checked; a mismatch is a DataError naming the file.
    """
    info = read_manifest(manifest)
    source = info.get("source") or {}
    name = str(source.get("archive", ""))
    if not name or Path(name).name != name:
        raise DataError(manifest, "source archive", f"'{name}' is not a file name")
    archive = archive_dir / name
    outputs = info.get("outputs") or {}
    unlisted = [f.name for f in (DAILY_FILE, UNIT_AREAS_FILE, OVERLAY_FILE, DAILY_MAPS_FILE)
                if f.name not in outputs]
    if unlisted:
        raise DataError(manifest, "outputs", f"no hash for {', '.join(unlisted)}")
    if not archive.is_file():
        raise DataError(archive, "source archive", "not found")
    if sha256(archive) != source.get("sha256"):
        raise DataError(archive, "source archive", "its sha256 differs from the one the tables were built from")
    checked = [f"{archive.name}: sha256 matches the build's source"]
    for name, digest in sorted(outputs.items()):
        path = manifest.parent / name
        if not path.is_file():
            raise DataError(path, "derived file", "not found")
        if sha256(path) != digest:
            raise DataError(path, "derived file", "changed since the build (sha256 differs from the manifest); "
                            "rebuild with python -m geodata.build_measured")
        checked.append(f"{name}: sha256 matches the manifest")
    return checked


def load_overlay(path: Path = OVERLAY_FILE) -> dict:
    """The occupied area on the report's date, simplified for the map, as a FeatureCollection."""
    return _collection(path, read_json(path, "GeoJSON"))


def _collection(path: Path, data: object) -> dict:
    features = [data] if isinstance(data, dict) and data.get("type") == "Feature" else (
        data.get("features") if isinstance(data, dict) else None)
    if not features:
        raise DataError(path, "file", "has no features")
    for feature in features:
        try:
            geometry = shapely.geometry.shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            raise DataError(path, "feature", "has no readable geometry") from None
        if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise DataError(path, "feature", "is not a polygon")
    return {"type": "FeatureCollection", "features": features}


_DAILY_MEMBER = re.compile(r"occupied-(\d{4}-\d{2}-\d{2})\.geojson")


@dataclass(frozen=True)
class DailyMaps:
    """Every day's simplified occupied area, as GeoJSON text per day, deflated; inflated and parsed
    when a day is drawn. The benchmark's memory and date-change budgets hold what that saves and
    costs (bench/README.md)."""

    path: Path
    texts: tuple[tuple[dt.date, bytes], ...]  # sorted by day; zlib-compressed UTF-8

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(day for day, _ in self.texts)

    def on(self, day: dt.date) -> dict:
        """The map of a day that has a file (see `MeasuredSeries.on`), checked like the report date's."""
        index = bisect.bisect_left(self.days, day)
        if index == len(self.texts) or self.texts[index][0] != day:
            raise DataError(self.path, f"day {day}", "has no map: rebuild with python -m geodata.build_measured")
        try:
            data = json.loads(zlib.decompress(self.texts[index][1]))
        except (UnicodeDecodeError, ValueError, zlib.error) as error:
            raise DataError(self.path, f"day {day}", f"is not valid GeoJSON ({error})") from None
        return _collection(self.path, data)


def load_daily_maps(path: Path = DAILY_MAPS_FILE) -> DailyMaps:
    """The archive `geodata/build_measured.py` writes: one member per day, nothing else.

    xz cannot seek, so the archive is read through once, each day deflated as it comes so that
    the whole text never sits in memory at once: only when a reader first asks for a day other
    than the report's (the benchmark's date change and memory figures, bench/README.md).
    """
    texts: list[tuple[dt.date, bytes]] = []
    try:
        with tarfile.open(path, "r:xz") as tar:
            for member in tar:
                match = _DAILY_MEMBER.fullmatch(member.name)
                handle = tar.extractfile(member) if member.isfile() and match else None
                if handle is None:
                    raise DataError(path, f"member '{member.name}'", "is not a day's map")
                texts.append((dt.date.fromisoformat(match.group(1)), zlib.compress(handle.read(), 1)))
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise DataError(path, "file", f"is not a readable .tar.xz archive ({error})") from None
    texts.sort()
    if not texts:
        raise DataError(path, "file", "holds no day")
    return DailyMaps(path, tuple(texts))
