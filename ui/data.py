"""Cached loaders: the only place the page touches files.

Loaded data is immutable (frozen records, a GeoDataFrame nobody modifies), so it is
cached once per process with `st.cache_resource` and shared by every session without a
copy per run. A folium Map is never cached (streamlit-folium rewrites its ids in place):
it is built per run from the cached layers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from reportmap.geo import BOUNDARIES_FILE, GEODATA_DIR, join_figures, load_boundaries
from reportmap.loading import DATA_DIR, load_areas, load_report
from reportmap.mapview import MapOptions
from reportmap.records import OfficialAreas, Report
from reportmap.scenarios import DEFAULT_SCENARIO, Reading, Scenario, apply
from reportmap.standalone import standalone_html


@dataclass(frozen=True)
class Data:
    report: Report
    areas: OfficialAreas
    joined: gpd.GeoDataFrame
    stamp: tuple  # which files (and versions) this came from: part of every derived cache key


# A maintainer (or a test) may point the app at another copy of the data files.
DATA_DIR_VARIABLE = "REPORTMAP_DATA_DIR"
BOUNDARIES_VARIABLE = "REPORTMAP_BOUNDARIES"


def _files() -> tuple[Path, Path, Path]:
    data_dir = Path(os.environ.get(DATA_DIR_VARIABLE, str(DATA_DIR)))
    boundaries = Path(os.environ.get(BOUNDARIES_VARIABLE, str(BOUNDARIES_FILE)))
    return data_dir / "areas.toml", data_dir / "report.toml", boundaries


def _stamp(paths: tuple[Path, ...]) -> tuple[int, ...]:
    """Modification times: an edited data file is read again, without a server restart."""
    return tuple(path.stat().st_mtime_ns if path.exists() else -1 for path in paths)


def load_data(scenario: Scenario = DEFAULT_SCENARIO) -> Data:
    """Files -> validated records -> (scenario) -> the joined GeoDataFrame. Raises DataError."""
    files = _files()
    return _load_data(*map(str, files), _stamp(files), scenario.value)


@st.cache_resource(show_spinner=False, max_entries=12)
def _load_data(areas_file: str, report_file: str, boundaries_file: str, stamp: tuple[int, ...],
               scenario: str) -> Data:
    areas = load_areas(Path(areas_file))
    report = apply(load_report(Path(report_file), areas=areas), Scenario(scenario))
    joined = join_figures(load_boundaries(Path(boundaries_file)), report, areas)
    return Data(report, areas, joined, (areas_file, report_file, boundaries_file, stamp, scenario))


@st.cache_data(show_spinner=False)
def provenance() -> str:
    """The boundary file's provenance text, shown on the method page."""
    return (GEODATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False, max_entries=24)
def standalone_map(scenario: str, lang: str, reading: str | None, stamp: tuple) -> str:
    """The current map as one offline HTML file; cached (per data version), as it inlines Leaflet."""
    data = load_data(Scenario(scenario))
    options = MapOptions(lang=lang, scenario=Scenario(scenario), colour_by=Reading(reading) if reading else None)
    return standalone_html(data.joined, data.report, data.areas, options)
