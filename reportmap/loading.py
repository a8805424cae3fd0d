"""Reading the data files into validated records (the boundaries into a checked GeoDataFrame).

Every problem becomes a `DataError` naming the file, the entry and what is wrong, so
the page and `python -m reportmap validate` can show one clear sentence instead of a
traceback.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd
import shapely

from reportmap.errors import DataError
from reportmap.records import OfficialAreas, Report, Text
from reportmap.texts import LANGUAGES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REPORT_FILE = DATA_DIR / "report.toml"
AREAS_FILE = DATA_DIR / "areas.toml"
GEODATA_DIR = DATA_DIR.parent / "geodata"
BOUNDARIES_FILE = GEODATA_DIR / "regions.geojson"

# `name` is English; each other language of the interface (reportmap/locales/) has `name_<lang>`.
REQUIRED_PROPERTIES = ("id", "name", *(f"name_{lang}" for lang in LANGUAGES if lang != "en"), "country", "kind")
KINDS = ("oblast", "city", "autonomous republic", "neighbour")

# The official national total must agree with the sum of the units within this much.
AREA_SUM_TOLERANCE = 0.005

T = TypeVar("T")


def read_json(path: Path, kind: str = "JSON") -> object:
    """A JSON file's content; a missing or unreadable file is a DataError naming it."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(path, "file", f"is not valid {kind} ({error})") from None


class _Entry:
    """Typed access to one TOML table, raising DataError with the entry's name."""

    def __init__(self, file: Path, name: str, table: object) -> None:
        if not isinstance(table, Mapping):
            raise DataError(file, name, f"expected a table, found {type(table).__name__}")
        self.file, self.name, self.table = file, name, table

    def fail(self, problem: str) -> DataError:
        return DataError(self.file, self.name, problem)

    def get(self, key: str, kind: type[T] | tuple[type, ...], default: Any = ...) -> T:
        if key not in self.table:
            if default is ...:
                raise self.fail(f"missing field '{key}'")
            return default
        value = self.table[key]
        # TOML integers are fine where a number is asked for; booleans are not numbers.
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"'{key}' must be a number, found {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind
            )
            raise self.fail(f"'{key}' must be {names}, found {value!r}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(f"'{key}' is empty")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        return self.get(key, str, default)

    def number(self, key: str) -> float:
        return float(self.get(key, (int, float)))

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list)
        if not all(isinstance(v, str) and v for v in values):
            raise self.fail(f"'{key}' must be a list of non-empty strings")
        return tuple(values)

    def sub(self, key: str) -> _Entry:
        return _Entry(self.file, f"{self.name}.{key}" if self.name else key, self.get(key, dict))


def _read_toml(path: Path) -> _Entry:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except OSError as error:
        raise DataError(path, "file", f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise DataError(path, "file", "is empty")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError(path, "file", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DataError(path, "file", f"is not valid TOML ({error})") from None
    return _Entry(path, "", data)


def _entries(root: _Entry, key: str, required: bool = True) -> list[_Entry]:
    """The entries of an array of tables, each named by its id for error messages. An optional
    array may be left out; written, it must hold an entry."""
    if not required and key not in root.table:
        return []
    items = root.get(key, list)
    if not items:
        raise root.fail(f"no [[{key}]] entries")
    entries = []
    for index, item in enumerate(items, start=1):
        label = item.get("id") if isinstance(item, Mapping) else None
        name = f"{key} '{label}'" if isinstance(label, str) else f"{key} #{index}"
        entries.append(_Entry(root.file, name, item))
    return entries


def _unique(entries: Iterable[T], key: Callable[[T], str], fail: Callable[[str], DataError]) -> None:
    seen: set[str] = set()
    for entry in entries:
        value = key(entry)
        if value in seen:
            raise fail(value)
        seen.add(value)


def _text(entry: _Entry, field: str, default: Text = ...) -> Text:
    """`<field>` in English and, optional, `<field>_<lang>` for each language of the interface
    (its catalog in reportmap/locales/); a missing translation falls back to English on the page."""
    if default is not ... and field not in entry.table:
        return default
    translations = tuple((lang, entry.text(f"{field}_{lang}")) for lang in LANGUAGES
                         if lang != "en" and f"{field}_{lang}" in entry.table)
    return Text(entry.text(field), translations)


def load_areas(path: Path = AREAS_FILE) -> OfficialAreas:
    """Official areas of the 27 units and of Kursk oblast."""
    root = _read_toml(path)
    ukraine = root.sub("ukraine")
    units_entry = ukraine.sub("units")
    units: dict[str, float] = {}
    for region_id in units_entry.table:
        km2 = units_entry.number(region_id)
        if km2 <= 0:
            raise units_entry.fail(f"area of '{region_id}' must be positive, found {km2:g}")
        units[region_id] = km2
    total = ukraine.number("total_km2")
    summed = sum(units.values())
    if abs(summed - total) > AREA_SUM_TOLERANCE * total:
        raise units_entry.fail(
            f"the units sum to {summed:,.0f} km², more than {AREA_SUM_TOLERANCE:.1%} "
            f"away from total_km2 ({total:,.0f} km²)"
        )
    kursk = root.sub("kursk")
    return OfficialAreas(
        source=_text(ukraine, "source"),
        total_km2=total,
        units=tuple(sorted(units.items())),
        kursk_source=_text(kursk, "source"),
        kursk_region=kursk.text("region"),
        kursk_km2=kursk.number("km2"),
    )


def load_report(path: Path = REPORT_FILE, areas: OfficialAreas | None = None) -> Report:
    """A report's figures, checked against the 27 units of the official areas (the report file's
    own rules are in `reportmap.reportfile`)."""
    from reportmap.reportfile import read_report  # it builds on this module's readers

    return read_report(path, areas or load_areas())


def load_boundaries(path: Path = BOUNDARIES_FILE) -> gpd.GeoDataFrame:
    """The committed boundary file, checked: a bad file is a DataError, not a traceback."""
    collection = read_json(path, "GeoJSON")
    features = collection.get("features") if isinstance(collection, dict) else None
    if not features:
        raise DataError(path, "file", "has no features")
    for index, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        name = f"feature '{props.get('id', f'#{index}')}'"
        missing = [key for key in REQUIRED_PROPERTIES if not props.get(key)]
        if missing:
            raise DataError(path, name, f"missing property '{missing[0]}'")
        if props["kind"] not in KINDS:
            raise DataError(path, name, f"unknown kind '{props['kind']}'")
        try:
            geometry = shapely.geometry.shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            raise DataError(path, name, "has no readable geometry") from None
        if geometry.is_empty or not shapely.is_valid(geometry):
            reason = shapely.is_valid_reason(geometry) if not geometry.is_empty else "empty"
            raise DataError(path, name, f"has an invalid geometry ({reason})")
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    duplicated = frame["id"][frame["id"].duplicated()]
    if not duplicated.empty:
        raise DataError(path, f"feature '{duplicated.iloc[0]}'", "duplicate id")
    frame = frame[[*REQUIRED_PROPERTIES, "geometry"]]
    frame.attrs["source"] = str(path)  # so a join error names the file that was read
    return frame

