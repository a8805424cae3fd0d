"""Cached loaders: the only place the page touches files.

`st.cache_data` keeps one copy per input for all sessions; a folium Map is never cached
(streamlit-folium rewrites its ids in place), it is built per run from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from reportmap.assets import publish_leaflet
from reportmap.geo import join_figures, load_boundaries
from reportmap.loading import load_areas, load_report
from reportmap.records import OfficialAreas, Report

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


@st.cache_data(show_spinner=False)
def load_data() -> Data:
    """Files -> validated records -> the joined GeoDataFrame. Raises DataError."""
    areas = load_areas()
    report = load_report(areas=areas)
    return Data(report, areas, join_figures(load_boundaries(), report, areas))


@st.cache_resource(show_spinner=False)
def leaflet_assets() -> str:
    """Publish Leaflet into static/ once per server process; returns its URL base."""
    publish_leaflet(STATIC_DIR)
    return LEAFLET_BASE_URL
