"""Timeline: every event with its date and source, drawn on a time axis."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reportmap.measured import MEASURED_BY
from reportmap.regions import names as region_names
from reportmap.texts import Locale
from ui import change, charts, panels
from ui.page import data_or_stop, start_page
from ui.view import SINCE


def event_chart(events: tuple, loc: Locale) -> None:
    """Every event with its date and source, on a time axis, then as a list."""
    FROM_REPORT, CONTEXT = loc.t("from_report"), loc.t("from_context")
    # A vertical timeline in date order: equal steps, because four of the six events fall in
    # the same three weeks of a ten-year span and a linear axis would pile them up.
    frame = pd.DataFrame({
        "step": range(len(events)),
        "when": [loc.event_date(e.date, e.precision) for e in events],
        "event": [e.text(loc.code) for e in events],
        "source": [loc.t("the_report") if not e.is_context
                   else loc.t("context_source", source=e.source(loc.code))
                   for e in events],
        "origin": [CONTEXT if e.is_context else FROM_REPORT for e in events],
    })
    # Dates and events are the chart's axis labels, left and right: Streamlit's chart theme colours
    # axis labels for the light and the dark theme alike (text marks would stay black).
    tooltip = [alt.Tooltip("when", title=loc.t("col_date")), alt.Tooltip("event", title=loc.t("col_event")),
               alt.Tooltip("source", title=loc.t("col_source"))]
    label_axis = {"title": None, "domain": False, "ticks": False, "grid": False, "labelFontSize": 13,
                  "labelPadding": 14}
    by_date = alt.Y("when:N", sort=list(frame["when"]),
                    axis=alt.Axis(orient="left", labelFontWeight="bold", **label_axis))
    by_event = alt.Y("event:N", sort=list(frame["event"]),
                     axis=alt.Axis(orient="right", labelLimit=900, **label_axis))
    points = alt.Chart(frame).mark_point(size=160, strokeWidth=2.5, filled=False).encode(
        y=by_date,
        x=alt.value(8),
        tooltip=tooltip,
        shape=alt.Shape("origin:N", title=None,
                        scale=alt.Scale(domain=[FROM_REPORT, CONTEXT], range=["circle", "diamond"])),
        color=alt.Color("origin:N", title=None,
                        scale=alt.Scale(domain=[FROM_REPORT, CONTEXT], range=["#d2452f", "#3a7fd0"])),
    )
    line = alt.Chart(frame).mark_line(color="#999").encode(y=by_date, x=alt.value(8))
    events_axis = alt.Chart(frame).mark_point(opacity=0).encode(y=by_event, x=alt.value(8), tooltip=tooltip)
    # "pad": the 20 px strip plus its labels on both sides (Streamlit's default, "fit", would squeeze
    # the labels into the 20 px and draw nothing readable).
    chart = (alt.layer(line, points, events_axis).resolve_scale(y="independent")
             .properties(height=44 * len(events), width=20, autosize=alt.AutoSizeParams(type="pad"))
             .configure_legend(orient="bottom", labelFontSize=13, labelLimit=400).configure_view(stroke=None))
    st.altair_chart(chart, width="content", key="timeline_chart")

    st.markdown("\n".join(f"- {panels.event_line(e, loc)}" for e in events))


shown = start_page()
loc = shown.loc  # the run's language (issue 25)
data = data_or_stop(shown)
events = data.published.events

st.markdown(panels.heading(loc.t("timeline_title"), 1))
if events:  # a report without events shows none, and no empty chart
    st.caption(panels.md(loc.t("timeline_caption")))
    event_chart(events, loc)
else:
    st.caption(panels.md(loc.t("timeline_no_events", citation=data.published.info.citation(loc.code))))

# The measurement over time: the report's totals and date marked, the day chosen on the map too
# (only for a report that states both totals: the charts draw them).
day = shown.day
if data.published.stated_area is not None and data.published.stated_share is not None:
    totals = charts.total_charts(data.series, data.published, day, region_names(data.joined, loc.code),
                              loc)
    st.markdown(panels.heading(loc.t("chart_total_title"), 2))
    st.caption(panels.md(loc.t("chart_total_caption", first=loc.date(data.series.first),
                           last=loc.date(data.series.last))))
    st.altair_chart(totals.km2, key="total_km2_chart")
    st.caption(panels.md(totals.km2_summary))
    st.altair_chart(totals.share, key="total_pct_chart")
    st.caption(panels.md(totals.share_summary) + " " + panels.md(loc.t("measured_credit", **MEASURED_BY)))

# What changed each month: taken and lost between the months' first measured days; and between the
# two days the map compares (`?since=`, default the report's date, and the day chosen).
months = change.months(data.version.files, data.version.mtimes, data.series)  # the series of that data version
st.markdown(panels.heading(loc.t("chart_month_title"), 2))
st.caption(panels.md(loc.t("chart_month_caption", last=loc.date(data.series.last))))
st.altair_chart(change.month_chart(months, loc), key="month_change_chart")
compared = change.compared(data, shown.since, day, drawn=False)
SINCE.write_back(shown.asked_since.isoformat(), shown.known)
lines = [change.month_summary(months, loc), shown.since_note(), change.pair_line(compared, loc) if compared else "",
         loc.t("measured_credit", **MEASURED_BY)]
st.caption(" ".join(panels.md(line) for line in lines if line))
