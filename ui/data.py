"""Cached loaders: the only place the page touches files.

Loaded data is immutable (frozen records, a GeoDataFrame nobody modifies), so it is
cached once per process with `st.cache_resource` and shared by every session without a
copy per run. A folium Map is never cached (streamlit-folium rewrites its ids in place):
it is built per run from the cached layers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
from dataclasses import dataclass, fields
from pathlib import Path

import folium
import streamlit as st

from reportmap.claimreview import claim_reviews_jsonld, verdicts_csv
from reportmap.exports import figures_csv, regions_geojson, series_zip
from reportmap.library import DEFAULT_REPORT, report_file, report_files
from reportmap.loading import BOUNDARIES_FILE, DATA_DIR, GEODATA_DIR
from reportmap.mapprotocol import day_part
from reportmap.mapview import MapOptions, build_map, day_patch
from reportmap.measured import (
    DAILY_FILE,
    DailyMaps,
    Mismatch,
    load_daily_maps,
    load_mismatch,
    load_overlay,
)
from reportmap.pipeline import Files, Inputs, Loaded, Shared, for_day, overlay_on, read_inputs, read_shared
from reportmap.scenarios import DEFAULT_SCENARIO, ColourBy, Scenario
from reportmap.standalone import standalone_html
from reportmap.texts import Locale


@dataclass(frozen=True)
class DataVersion:
    """Which files the data was read from, and in which versions (their modification times): part of
    every derived cache key, so that an edited data file is read again without a server restart."""

    files: Files
    mtimes: tuple[int, ...]


# The cache keys every run asks for, taken by their repr: exact for these frozen dataclasses of paths,
# numbers, strings and enums, where Streamlit's own hashing of a dataclass (asdict, then each field) cost
# a session's first run more than anything else before the map is sent (python -m bench.burst).
BY_REPR = {DataVersion: repr, MapOptions: repr, Locale: repr}


@dataclass(frozen=True)
class Data(Loaded):
    """One (scenario, day) as `pipeline.for_day` loads it, with the data version it was read from
    (`scenario`: the one it was loaded for, as reported for a report no scenario illustrates)."""

    version: DataVersion

    @classmethod
    def of(cls, loaded: Loaded, version: DataVersion) -> Data:
        return cls(**{field.name: getattr(loaded, field.name) for field in fields(Loaded)}, version=version)

    @property
    def on_report_date(self) -> bool:
        return self.measurement.date == self.published.info.date

    def overlay(self) -> dict:
        """The measured occupied area on the measurement's day (GeoJSON), from cached files."""
        mtimes = self.version.mtimes
        return overlay_on(self.version.files, self.measurement.date, self.published.info.date,
                          report_map=lambda path: _overlay(path, mtimes),
                          daily_maps=lambda path: _daily_maps(path, mtimes))


# A maintainer (or a test) may point the app at another copy of the data files.
DATA_DIR_VARIABLE = "REPORTMAP_DATA_DIR"
BOUNDARIES_VARIABLE = "REPORTMAP_BOUNDARIES"
MEASURED_VARIABLE = "REPORTMAP_MEASURED"  # the daily table; its unit areas and manifest beside it


TODAY_VARIABLE = "REPORTMAP_TODAY"  # YYYY-MM-DD: a test fixes the clock; unset, today is the real date


def today() -> dt.date:
    """Today's date (UTC) at run time, against which the newest measurement's age is told."""
    fixed = os.environ.get(TODAY_VARIABLE)
    return dt.date.fromisoformat(fixed) if fixed else dt.datetime.now(dt.UTC).date()


def _data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_VARIABLE, str(DATA_DIR)))


def library() -> dict[str, Path]:
    """The reports the page can open, by id (`?report=<id>`): the seed first (reportmap.library)."""
    return report_files(_data_dir())


def _files(report: str = DEFAULT_REPORT) -> Files:
    data_dir = _data_dir()
    return Files(report=report_file(report, data_dir) or data_dir / "report.toml", areas=data_dir / "areas.toml",
                 boundaries=Path(os.environ.get(BOUNDARIES_VARIABLE, str(BOUNDARIES_FILE))),
                 measured=Path(os.environ.get(MEASURED_VARIABLE, str(DAILY_FILE))))


def _stamp(paths: tuple[Path, ...]) -> tuple[int, ...]:
    """Modification times: an edited data file is read again, without a server restart."""
    return tuple(path.stat().st_mtime_ns if path.exists() else -1 for path in paths)


def data_version(report: str = DEFAULT_REPORT) -> DataVersion:
    """The files `report` is read from and their versions: a few stat calls, no reading."""
    files = _files(report)
    return DataVersion(files, _stamp(files.all))


def load_data(scenario: Scenario = DEFAULT_SCENARIO, day: dt.date | None = None,
              report: str = DEFAULT_REPORT) -> Data:
    """Files -> validated records -> (scenario, day) -> the joined GeoDataFrame. Raises DataError.

    `day` None is the report's date; `report` a report of the library by id (unknown: the seed)."""
    files = _files(report)
    return _load_data(DataVersion(files, _stamp(files.all)), scenario.value, day)


# One entry per (scenario, day) that readers look at (the boundaries' geometries are shared); a
# reader playing through the weeks adds one a week. What they cost is held by the benchmark's
# memory budget for 20 sessions (bench/README.md).
@st.cache_resource(show_spinner=False, max_entries=200, hash_funcs=BY_REPR)
def _load_data(version: DataVersion, scenario: str, day: dt.date | None) -> Data:
    loaded = for_day(_inputs(version.files, version.mtimes), Scenario(scenario), day)
    return Data.of(loaded, version)


@st.cache_resource(show_spinner=False, max_entries=16)
def _inputs(files: Files, stamp: tuple[int, ...]) -> Inputs:
    """The files, read once per version: every (scenario, day) view is computed from these. The areas,
    the measurement and the boundaries are read once for every report of the library (`_shared`)."""
    shared = dataclasses.replace(files, report=Path())  # the files besides the report's
    inputs = read_inputs(files, _shared(shared, stamp[1:]))
    # What is read here lives as long as the process: taken out of the collector's reach, so that its
    # full collections, which a reader's run triggers now and then, do not walk it each time.
    gc.collect()
    gc.freeze()
    return inputs


@st.cache_resource(show_spinner=False, max_entries=2)
def _shared(files: Files, stamp: tuple[int, ...]) -> Shared:
    return read_shared(files)


@st.cache_resource(show_spinner=False, max_entries=2)
def _daily_maps(path: Path, mtimes: tuple[int, ...]) -> DailyMaps:
    """Every day's occupied area, read once per process when a reader first leaves the report's date."""
    return load_daily_maps(path)


@st.cache_resource(show_spinner=False, max_entries=2)
def _overlay(path: Path, mtimes: tuple[int, ...]) -> dict:
    """The measured occupied area on the report's date (GeoJSON), shared by every session."""
    return load_overlay(path)


def report_map(options: MapOptions, version: DataVersion) -> folium.Map:
    """The map for `options` on the report's date, from the data `version`: what the map page
    shows (`ui.mapcomponent.show_map` renders it once per options and version). Another day and the
    selection travel beside it (`day_layer`, `mapprotocol.selection_part`)."""
    data = _load_data(version, options.scenario.value, None)
    return build_map(data.joined, data.published, data.areas, options=options)


@st.cache_resource(show_spinner=False, max_entries=6, hash_funcs=BY_REPR)
def downloads(scenario: str, day: dt.date, version: DataVersion) -> tuple[str, str]:
    """The figures as CSV and the joined regions as GeoJSON, made once per scenario, day and data version."""
    joined = _load_data(version, scenario, day).joined
    return figures_csv(joined), regions_geojson(joined)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_REPR)
def verdict_downloads(day: dt.date, loc: Locale, reviewed_on: dt.date, version: DataVersion) -> tuple[str, str]:
    """The report's verdicts on `day` as CSV and as schema.org ClaimReview JSON-LD."""
    data = _load_data(version, Scenario.AS_REPORTED.value, day)
    return verdicts_csv(data.check), claim_reviews_jsonld(data.check, data.published, reviewed_on, loc)


@st.cache_resource(show_spinner=False, max_entries=2, hash_funcs=BY_REPR)
def series_download(version: DataVersion) -> tuple[str, bytes]:
    """Every day's measurement per region: (the zip's name, the zip: the CSV, its README, the GPL)."""
    data = _load_data(version, DEFAULT_SCENARIO.value, None)
    name = f"deepstate-daily-per-region-{data.series.first}_{data.series.last}"
    return f"{name}.zip", series_zip(data.series, data.joined, f"{name}.csv")


# The day's overlay and 27 tooltips each, within the budget of
# tests/test_dates.py::test_the_days_part_is_data_carrying_the_overlay_and_nothing_of_the_map.
@st.cache_resource(show_spinner=False, max_entries=128, hash_funcs=BY_REPR)
def day_layer(options: MapOptions, day: dt.date, version: DataVersion) -> dict:
    """What shows one day on the map built for the report's date (`mapprotocol.day_part`)."""
    data = _load_data(version, options.scenario.value, day)
    patch = None if data.on_report_date else day_patch(data.joined, data.published, data.areas, options)
    return day_part(patch, data.overlay() if options.occupied_overlay else None)


@st.cache_resource(show_spinner=False)
def mismatch() -> Mismatch:
    """How DeepState's outline and our boundaries differ on the report's date (Method page)."""
    return load_mismatch(_files().measured_files[2])


# The provenance text per interface language (the English file is the reference).
PROVENANCE_FILES = {"en": "PROVENANCE.md", "uk": "PROVENANCE.uk.md"}


@st.cache_data(show_spinner=False)
def provenance(loc: Locale) -> str:
    """The boundaries' and the measurement's provenance, shown on the method page."""
    return (GEODATA_DIR / PROVENANCE_FILES.get(loc.code, PROVENANCE_FILES["en"])).read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False, max_entries=24, hash_funcs=BY_REPR)
def standalone_map(scenario: str, loc: Locale, colour_by: str, occupied: bool, day: dt.date,
                   version: DataVersion) -> str:
    """The current map as one offline HTML file; cached (per data version), as it inlines Leaflet."""
    data = _load_data(version, scenario, day)
    options = MapOptions(lang=loc.code, scenario=Scenario(scenario), colour_by=ColourBy(colour_by),
                         occupied_overlay=occupied)
    return standalone_html(data.joined, data.published, data.areas, options, data.overlay() if occupied else None,
                           data.found)
