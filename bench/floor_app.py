"""The floor for the map: a title and the same map as the dashboard's, in `st_folium`, and nothing else.

No streamlit-folium page can draw this map sooner, so `bench/run.py` holds the dashboard's
time to map against this page's. The map goes through the project's own code path, with the
dashboard's default choices (English, as reported, coloured by wording, the occupied-area
overlay on, no basemap) and the same component call as `pages/map.py`: Leaflet inside the
component's arguments, the same height, width and returned objects. Loading is cached once
per process, as the dashboard caches it.

`bench/run.py` runs it from the repository root, so that it gets the same
`.streamlit/config.toml` (websocket compression) as the dashboard.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from reportmap.mapview import MapOptions, build_map  # noqa: E402
from reportmap.measured import load_overlay  # noqa: E402
from reportmap.pipeline import load  # noqa: E402
from ui.mapcomponent import show_map  # noqa: E402


@st.cache_resource(show_spinner=False)
def loaded():
    return load(), load_overlay()


st.set_page_config(layout="wide")
st.title("Russian-controlled territory in Ukraine")

options = MapOptions()


def floor_map(options: MapOptions):
    data, overlay = loaded()
    return build_map(data.joined, data.published, data.areas, options=options, overlay=overlay)


show_map(floor_map, {"options": options}, key="map", height=560, use_container_width=True,
         returned_objects=["last_active_drawing", "last_object_clicked"])
