"""Conditions and talks: each condition, what it covers on the map, who said what."""

from __future__ import annotations

import streamlit as st

from reportmap.areas import controlled_km2, share_of_ukraine
from reportmap.texts import fmt_km2_range, fmt_share_range
from ui import panels
from ui.page import data_or_stop

data = data_or_stop()
report = data.report

st.markdown("### Russia's conditions and the talks, as reported")
st.caption(f"All from {panels.md(report.info.citation)}. Conditions are reported as "
           "conditions, in our words, with who said them; not endorsed.")

for number, condition in enumerate(report.conditions, start=1):
    st.markdown(f"#### {number}. {panels.md(condition.title)}")
    st.markdown(panels.md(condition.text))
    if condition.statements:
        km2 = controlled_km2(report, data.areas, condition.statements)
        regions = [data.joined.loc[data.joined["id"] == rid, "name"].iloc[0]
                   for sid in condition.statements for rid in report.statement(sid).regions]
        st.markdown(
            f"On the map: {panels.md(', '.join(regions))}: about "
            f"**{panels.md(fmt_km2_range(km2))}**, "
            f"{panels.md(fmt_share_range(share_of_ukraine(km2, data.areas)))} of Ukraine "
            "(computed from the report's per-region figures and official areas)."
        )
    else:
        st.markdown("Not a territorial condition: nothing to draw on the map.")
    st.caption(f"Who said it: {panels.md(condition.attribution)}.")

st.markdown("#### Other positions and context")
panels.positions(data)
