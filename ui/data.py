"""Cached loaders: the only place the page touches files.

`st.cache_data` keeps one copy per input for all sessions; a folium Map is never cached
(streamlit-folium rewrites its ids in place), it is built per run from these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from reportmap.assets import publish_leaflet
from reportmap.geo import BOUNDARIES_FILE, join_figures, load_boundaries
from reportmap.loading import DATA_DIR, load_areas, load_report
from reportmap.mapview import MapOptions
from reportmap.records import OfficialAreas, Report
from reportmap.scenarios import DEFAULT_SCENARIO, Reading, Scenario, apply
from reportmap.standalone import standalone_html

APP_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = APP_DIR / "static"
# Where the component iframe (served under /component/<name>/) finds the app's static
# files: relative, so that it also works behind a path prefix such as Community Cloud's.
LEAFLET_BASE_URL = "../../app/static/leaflet"


@dataclass(frozen=True)
class Data:
    report: Report
    areas: OfficialAreas
    joined: gpd.GeoDataFrame


# A maintainer (or a test) may point the app at another copy of the data files.
DATA_DIR_VARIABLE = "REPORTMAP_DATA_DIR"
BOUNDARIES_VARIABLE = "REPORTMAP_BOUNDARIES"


def load_data(scenario: Scenario = DEFAULT_SCENARIO) -> Data:
    """Files -> validated records -> (scenario) -> the joined GeoDataFrame. Raises DataError."""
    return _load_data(os.environ.get(DATA_DIR_VARIABLE, str(DATA_DIR)),
                      os.environ.get(BOUNDARIES_VARIABLE, str(BOUNDARIES_FILE)), scenario.value)


@st.cache_data(show_spinner=False)
def _load_data(data_dir: str, boundaries_file: str, scenario: str) -> Data:
    areas = load_areas(Path(data_dir) / "areas.toml")
    report = apply(load_report(Path(data_dir) / "report.toml", areas=areas), Scenario(scenario))
    return Data(report, areas, join_figures(load_boundaries(Path(boundaries_file)), report, areas))


@st.cache_resource(show_spinner=False)
def leaflet_assets() -> str:
    """Publish Leaflet into static/ once per server process; returns its URL base."""
    publish_leaflet(STATIC_DIR)
    return LEAFLET_BASE_URL


@st.cache_data(show_spinner=False, max_entries=24)
def standalone_map(scenario: str, lang: str, reading: str | None) -> str:
    """The current map as one offline HTML file; cached, as building it inlines Leaflet."""
    data = load_data(Scenario(scenario))
    options = MapOptions(lang=lang, scenario=Scenario(scenario), colour_by=Reading(reading) if reading else None)
    return standalone_html(data.joined, data.report, data.areas, options)
