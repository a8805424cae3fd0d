"""Timeline: every event with its date and source."""

from __future__ import annotations

import streamlit as st

from ui import panels
from ui.page import data_or_stop

data = data_or_stop()

st.markdown("### Timeline")
st.caption("Dated by the report where it gives a date; otherwise the date is context "
           "from the named source.")
for event in data.report.events:
    st.markdown(f"- {panels.event_line(event)}")
