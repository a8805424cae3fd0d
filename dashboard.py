"""Entry point: page config and navigation. The map page is the default."""

from __future__ import annotations

import streamlit as st

st.set_page_config(
    page_title="Ukraine: Russian-controlled territory in one report",
    layout="wide",
    initial_sidebar_state="collapsed",
)

st.navigation(
    [
        st.Page("pages/map.py", title="Map", default=True),
        st.Page("pages/conditions.py", title="Conditions and talks", url_path="conditions"),
        st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
        st.Page("pages/method.py", title="Data and method", url_path="method"),
    ],
    position="top",
).run()
