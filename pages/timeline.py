"""Timeline: every event with its date and source, drawn on a time axis."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reportmap.records import localized
from reportmap.texts import fmt_event_date, t
from ui import panels
from ui.page import data_or_stop, start_page

lang = start_page()
data = data_or_stop(lang)
events = data.report.events

st.markdown(f"### {panels.md(t('timeline_title', lang))}")
st.caption(panels.md(t("timeline_caption", lang)))

FROM_REPORT, CONTEXT = t("from_report", lang), t("from_context", lang)
# A vertical timeline in date order: equal steps, because four of the six events fall in
# the same three weeks of a ten-year span and a linear axis would pile them up.
frame = pd.DataFrame({
    "step": range(len(events)),
    "when": [fmt_event_date(e.date, e.precision, lang) for e in events],
    "event": [localized(e, "text", lang) for e in events],
    "source": [t("the_report", lang) if not e.is_context
               else t("context_source", lang, source=localized(e, "source", lang))
               for e in events],
    "origin": [CONTEXT if e.is_context else FROM_REPORT for e in events],
})
base = alt.Chart(frame).encode(
    y=alt.Y("step:O", axis=None),
    tooltip=[alt.Tooltip("when", title=t("col_date", lang)), alt.Tooltip("event", title=t("col_event", lang)),
             alt.Tooltip("source", title=t("col_source", lang))],
)
line = alt.Chart(frame).mark_line(color="#999").encode(y=alt.Y("step:O", axis=None), x=alt.value(90))
points = base.mark_point(size=160, strokeWidth=2.5, filled=False).encode(
    x=alt.value(90),
    shape=alt.Shape("origin:N", title=None,
                    scale=alt.Scale(domain=[FROM_REPORT, CONTEXT], range=["circle", "diamond"])),
    color=alt.Color("origin:N", title=None,
                    scale=alt.Scale(domain=[FROM_REPORT, CONTEXT], range=["#c0392b", "#2166ac"])),
)
dates = base.mark_text(align="right", dx=-14, fontWeight="bold", fontSize=13).encode(x=alt.value(90), text="when")
texts = base.mark_text(align="left", dx=14, fontSize=13).encode(x=alt.value(90), text="event")
chart = (line + points + dates + texts).properties(height=44 * len(events)).configure_legend(
    orient="bottom", labelFontSize=13, labelLimit=400).configure_view(stroke=None)
st.altair_chart(chart, width="stretch", key="timeline_chart")

st.markdown("\n".join(f"- {panels.event_line(e, lang)}" for e in events))
