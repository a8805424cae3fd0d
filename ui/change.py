"""What changed between two days, on the page: the cached comparison, the switch for the map's
layer, the panel with its download, and the Timeline's chart of the months.

The comparison itself is domain code (`reportmap.change`); here it is cached per pair of days
and data version, and each day's outline in the equal-area CRS per day, so that a date change
with the layer on costs one difference and one measure, not a projection of both days (its time: the
benchmark's date change, bench/reruns.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import shapely
import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal

from reportmap.change import Change, ChangeMeasurer, MonthChange, change_csv, day_parts, monthly_changes, ordered
from reportmap.changemap import change_part
from reportmap.measured import MEASURED_BY, MeasuredSeries
from reportmap.pipeline import Files
from reportmap.regions import figures
from reportmap.texts import Locale
from ui import charts, controls, panels
from ui.data import Data, _daily_maps
from ui.view import View

# The months' chart: the map's purple and green made lighter, and a grey, each at least 3:1 against
# both themes' backgrounds (white, and Streamlit's dark #0e1117).
MONTH_COLOURS = ("#8e6cc0", "#3a9a4e", "#888888")
SHOWN_FROM_KM2 = 0.05  # a region is listed when it changed by at least 0.1 km² (as rounded) either way


def fmt_tenths(value: float, loc: Locale) -> str:
    """km² to 0.1, as the downloads round them, in the reader's number format."""
    return format_decimal(round(value, 1) + 0.0, format="#,##0.0", locale=loc.code)


def fmt_month(day: dt.date, loc: Locale) -> str:
    return format_date(day, "LLLL y", locale=loc.code)


@dataclass(frozen=True)
class Compared:
    """The two days the page compares: as asked (`since`, the day shown) and as measured (a day
    without a file is the nearest earlier one's), and the change from the earlier to the later."""

    since: dt.date
    day: dt.date
    change: Change
    drawn: bool  # the layer is on: the change comes with its geometry


@st.cache_resource(show_spinner=False, max_entries=2)
def _measurer(boundaries: Path, stamp: tuple) -> ChangeMeasurer:
    return ChangeMeasurer(boundaries)


# A day's polygon each: what they cost is held by the load check's memory budget (bench/README.md).
@st.cache_resource(show_spinner=False, max_entries=64)
def _outline(files: Files, stamp: tuple, day: dt.date) -> shapely.Geometry:
    """A measured day's outline in the equal-area CRS (the map's own, from the daily archive)."""
    return _measurer(files.boundaries, stamp).metric(day_parts(_daily_maps(files.daily_maps, stamp), day))


# Two simplified shapes and 27 units' figures each (their size: tests/test_change.py's wire test).
@st.cache_resource(show_spinner=False, max_entries=64)
def _change(files: Files, stamp: tuple, start: dt.date, end: dt.date, geometry: bool) -> Change:
    """Without `geometry` (the layer off), the figures alone: half the time."""
    measurer = _measurer(files.boundaries, stamp)
    return measurer.between(start, _outline(files, stamp, start), end, _outline(files, stamp, end),
                            geometry=geometry)


def compared(data: Data, since: dt.date, day: dt.date, *, drawn: bool) -> Compared | None:
    """The change between `since` and `day` (both within the series: `ui.view` sees to it), from the
    data version of `data`; None when both are the same measured day. `drawn`: with the map's layer
    (`ui.view.View.change_layer`: as the switch says)."""
    series, files, stamp = data.series, data.version.files, data.version.mtimes
    start, end = ordered(series.on(since).measurement.date, series.on(day).measurement.date)
    if start == end:
        return None
    return Compared(since, day, _change(files, stamp, start, end, drawn), drawn)


@st.cache_resource(show_spinner=False, max_entries=32)
def _part(files: Files, stamp: tuple, start: dt.date, end: dt.date, loc: Locale) -> dict:
    return change_part(_change(files, stamp, start, end, True), loc)


def layer_part(data: Data, pair: Compared | None, loc: Locale) -> dict | None:
    """What draws the change on the map, carried in the day's part (None when it is off or there is
    nothing to compare: on the report's date by default, so the first screen is as it was)."""
    if pair is None or not pair.drawn:
        return None
    return _part(data.version.files, data.version.mtimes, pair.change.start, pair.change.end, loc)


def switch(pair: Compared | None, view: View, loc: Locale) -> None:
    """The switch for the map's layer (in Map options): only when there is a change to show; on by
    default on a day after the one compared from, off on an earlier one, then as the reader sets it."""
    if pair is None:
        return
    change = pair.change
    help_text = loc.t("change_layer_help", start=loc.date(change.start), end=loc.date(change.end), **MEASURED_BY)
    controls.change_switch(view, loc.t("change_layer"), help_text)


def _km2(value: float, loc: Locale, *, signed: bool = False) -> str:
    text = f"{loc.integer(abs(value))} {loc.t('km2')}" if abs(value) >= 1 else \
        f"{fmt_tenths(abs(value), loc)} {loc.t('km2')}"
    if not signed:
        return text
    return ("+" if value >= 0.05 else "−" if value <= -0.05 else "±") + text


def panel(data: Data, pair: Compared, names: dict[str, str], loc: Locale) -> None:
    """Each region's km² taken and lost between the two days, the total, both days named; the CSV."""
    change, md = pair.change, panels.md
    dates = {"start": loc.date(change.start), "end": loc.date(change.end)}
    lines = [panels.heading(loc.t("change_heading", start=loc.date(change.start),
                              end=loc.date(change.end)), 2),
             loc.md("change_summary", **dates, taken=_km2(change.taken_km2, loc),
                  lost=_km2(change.lost_km2, loc), net=_km2(change.net_km2, loc, signed=True))]
    since_used = data.series.on(pair.since).measurement.date
    if since_used != pair.since:
        lines.append(md(loc.t("change_nearest", asked=loc.date(pair.since), used=loc.date(since_used))))
    st.markdown("\n\n".join(lines))
    with st.expander(loc.t("change_regions", start=loc.date(change.start), end=loc.date(change.end))):
        st.markdown(_table(change, names, loc))
        st.caption(md(loc.t("change_unchanged")) + " " + md(loc.t("change_method")) + " "
                   + md(loc.t("measured_credit", **MEASURED_BY)))
        st.download_button(loc.t("download_change"), change_csv(change, _english_names(data)), on_click="ignore",
                           file_name=f"change-per-region-{change.start.isoformat()}_{change.end.isoformat()}.csv",
                           mime="text/csv", key="download_change")
    st.caption(loc.t("change_how"))  # the catalog's own Markdown: the parameter as code


def region_line(pair: Compared, region_id: str, names: dict[str, str], loc: Locale) -> str:
    """The selected region's km² taken and lost between the two days, both named (Markdown; "" for
    a unit that is not Ukrainian: Kursk is not measured)."""
    unit = next((u for u in pair.change.units if u.id == region_id), None)
    if unit is None:
        return ""
    start, end = loc.date(pair.change.start), loc.date(pair.change.end)
    return panels.md(loc.t("change_region", name=names.get(region_id, region_id), start=start, end=end,
                       taken=_km2(unit.taken_km2, loc), lost=_km2(unit.lost_km2, loc)))


def _english_names(data: Data) -> dict[str, str]:
    """The downloads' values are in English, whatever the page's language."""
    return {region_id: region.names.en for region_id, region in figures(data.joined).items()}


def _table(change: Change, names: dict[str, str], loc: Locale) -> str:
    """A Markdown table: the regions that changed (most taken first), then the sum. Three columns, so
    that it fits a phone (the net is in the summary above it and in the CSV)."""
    rows = sorted((u for u in change.units if u.taken_km2 >= SHOWN_FROM_KM2 or u.lost_km2 >= SHOWN_FROM_KM2),
                  key=lambda u: (-u.taken_km2, -u.lost_km2, u.id))
    head = [loc.t("change_col_region"), loc.t("change_col_taken"), loc.t("change_col_lost")]
    body = [[panels.md(names.get(u.id, u.id)), panels.md(fmt_tenths(u.taken_km2, loc)),
             panels.md(fmt_tenths(u.lost_km2, loc))] for u in rows]
    total = [loc.t("change_total_row"), fmt_tenths(change.taken_km2, loc), fmt_tenths(change.lost_km2, loc)]
    body.append([f"**{panels.md(cell)}**" for cell in total])
    lines = ["| " + " | ".join(panels.md(h) for h in head) + " |", "| --- | ---: | ---: |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


# --- the Timeline: the months ------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=2)
def months(files: Files, stamp: tuple, _series: MeasuredSeries) -> tuple[MonthChange, ...]:
    """Every month's km² taken and lost, once per data version (about 1 s: a difference and a measure per
    month, from the daily archive): no derived file to keep in step with `python -m reportmap update`."""
    measurer, maps = _measurer(files.boundaries, stamp), _daily_maps(files.daily_maps, stamp)
    outlines: dict[dt.date, shapely.Geometry] = {}

    def outline(day: dt.date) -> shapely.Geometry:
        if day not in outlines:
            outlines[day] = measurer.metric(day_parts(maps, day))
        return outlines[day]

    return monthly_changes(_series, lambda a, b: measurer.between(a, outline(a), b, outline(b), geometry=False))


def month_chart(rows: tuple[MonthChange, ...], loc: Locale) -> alt.LayerChart:
    """Taken above zero, lost below it, the net change as a line with points; km² per month."""
    taken, lost, net = (loc.t(key) for key in ("chart_month_taken", "chart_month_lost", "chart_month_net"))
    month = [r.month.isoformat() for r in rows]
    bars = pd.DataFrame({"month": month * 2, "value": [round(r.taken_km2, 1) for r in rows]
                         + [-round(r.lost_km2, 1) for r in rows], "what": [taken] * len(rows) + [lost] * len(rows)})
    line = pd.DataFrame({"month": month, "value": [round(r.net_km2, 1) for r in rows], "what": net})
    colour = alt.Color("what:N", title=None, scale=alt.Scale(domain=[taken, lost, net], range=list(MONTH_COLOURS)),
                       legend=alt.Legend(orient="bottom", direction="horizontal"))
    axis = alt.Axis(format="%b %Y", tickCount=8, labelAngle=0)
    x = alt.X("yearmonth(month):T", title=loc.t("chart_month_x"), axis=axis)  # a bar a month wide
    y = alt.Y("value:Q", title=loc.t("chart_month_axis"))
    tooltip = [alt.Tooltip("what:N", title=loc.t("chart_month_what")),
               alt.Tooltip("month:T", title=loc.t("chart_month_x"), format="%B %Y"),
               alt.Tooltip("value:Q", title=loc.t("chart_month_axis"), format=",.1f")]
    layers = [alt.Chart(bars).mark_bar(opacity=0.8).encode(x=x, y=y, color=colour, tooltip=tooltip),
              alt.Chart(line).mark_line(point=True, strokeWidth=2).encode(
                  x=alt.X("yearmonth(month):T", title=loc.t("chart_month_x"), axis=axis, bandPosition=0.5),
                  y=y, color=colour, tooltip=tooltip)]
    return alt.layer(*layers).properties(height=charts.HEIGHT).configure(locale=charts.vega_locale(loc))


def month_summary(rows: tuple[MonthChange, ...], loc: Locale) -> str:
    """The chart's text alternative: totals over the range and each measure's biggest month."""
    top, most_lost = max(rows, key=lambda r: r.taken_km2), max(rows, key=lambda r: r.lost_km2)

    def month_name(row: MonthChange) -> str:
        return fmt_month(row.month, loc)

    taken, lost = sum(r.taken_km2 for r in rows), sum(r.lost_km2 for r in rows)
    return loc.t("chart_month_summary", first=loc.date(rows[0].start), last=loc.date(rows[-1].end),
             taken=_km2(taken, loc), lost=_km2(lost, loc), net=_km2(taken - lost, loc, signed=True),
             top=_km2(top.taken_km2, loc), top_month=month_name(top), most_lost=_km2(most_lost.lost_km2, loc),
             lost_month=month_name(most_lost))


def pair_line(pair: Compared, loc: Locale) -> str:
    change = pair.change
    return loc.t("chart_month_pair", start=loc.date(change.start), end=loc.date(change.end),
             taken=_km2(change.taken_km2, loc), lost=_km2(change.lost_km2, loc),
             net=_km2(change.net_km2, loc, signed=True))
