"""Timeline: every event with its date and source, drawn on a time axis."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reportmap.measured import MEASURED_BY
from reportmap.regions import names as region_names
from reportmap.texts import fmt_date, fmt_event_date, t
from ui import change, charts, panels, view
from ui.page import data_or_stop, start_page


def event_chart(events: tuple, lang: str) -> None:
    """Every event with its date and source, on a time axis, then as a list."""
    FROM_REPORT, CONTEXT = t("from_report", lang), t("from_context", lang)
    # A vertical timeline in date order: equal steps, because four of the six events fall in
    # the same three weeks of a ten-year span and a linear axis would pile them up.
    frame = pd.DataFrame({
        "step": range(len(events)),
        "when": [fmt_event_date(e.date, e.precision, lang) for e in events],
        "event": [e.text(lang) for e in events],
        "source": [t("the_report", lang) if not e.is_context
                   else t("context_source", lang, source=e.source(lang))
                   for e in events],
        "origin": [CONTEXT if e.is_context else FROM_REPORT for e in events],
    })
    # Dates and events are the chart's axis labels, left and right: Streamlit's chart theme colours
    # axis labels for the light and the dark theme alike (text marks would stay black).
    tooltip = [alt.Tooltip("when", title=t("col_date", lang)), alt.Tooltip("event", title=t("col_event", lang)),
               alt.Tooltip("source", title=t("col_source", lang))]
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

    st.markdown("\n".join(f"- {panels.event_line(e, lang)}" for e in events))


lang = start_page()
data = data_or_stop(lang)
events = data.published.events

st.markdown(panels.heading(t("timeline_title", lang), 1))
if events:  # a report without events shows none, and no empty chart
    st.caption(panels.md(t("timeline_caption", lang)))
    event_chart(events, lang)
else:
    st.caption(panels.md(t("timeline_no_events", lang, citation=data.published.info.citation(lang))))

# The measurement over time: the report's totals and date marked, the day chosen on the map too
# (only for a report that states both totals: the charts draw them).
day = view.day(lang, data.series, data.published.info.date)
if data.published.stated_area is not None and data.published.stated_share is not None:
    totals = charts.total_charts(data.series, data.published, day, region_names(data.joined, lang), lang)
    st.markdown(panels.heading(t("chart_total_title", lang), 2))
    st.caption(panels.md(t("chart_total_caption", lang, first=fmt_date(data.series.first, lang),
                           last=fmt_date(data.series.last, lang))))
    st.altair_chart(totals.km2, key="total_km2_chart")
    st.caption(panels.md(totals.km2_summary))
    st.altair_chart(totals.share, key="total_pct_chart")
    st.caption(panels.md(totals.share_summary) + " " + panels.md(t("measured_credit", lang, **MEASURED_BY)))

# What changed each month: taken and lost between the months' first measured days; and between the
# two days the map compares (`?since=`, default the report's date, and the day chosen).
months = change.months(data.version.files, data.version.mtimes, data.series)  # the series of that data version
st.markdown(panels.heading(t("chart_month_title", lang), 2))
st.caption(panels.md(t("chart_month_caption", lang, last=fmt_date(data.series.last, lang))))
st.altair_chart(change.month_chart(months, lang), key="month_change_chart")
since, since_note = view.since(lang, data.series, data.published.info.date, day)
compared = change.compared(data, since, day, drawn=False)
lines = [change.month_summary(months, lang), since_note, change.pair_line(compared, lang) if compared else "",
         t("measured_credit", lang, **MEASURED_BY)]
st.caption(" ".join(panels.md(line) for line in lines if line))
