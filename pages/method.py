"""Data and method: every figure, its wording, range and source; downloads; provenance."""

from __future__ import annotations

import streamlit as st

from ui import panels
from ui.page import data_or_stop

data = data_or_stop()

st.markdown("### Data and method")
st.markdown("Every region's figure: the report's wording, our reading of it as a range, and "
            "the km² that range gives on the region's official area.")
st.dataframe(panels.figures_table(data), hide_index=True, key="figures")
for statement in data.report.statements:
    st.markdown(f"- **{panels.md(statement.wording)}**: {panels.md(statement.reading)} "
                f"{panels.md(statement.pair_note)}")
