"""Charts of the measurement over time, each with a one-line text alternative.

Altair (Vega-Lite, which Streamlit ships and draws offline). Labels are axis and legend
labels only, which Streamlit's chart theme colours for the light and the dark theme alike
(text marks would stay black).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt
import pandas as pd
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.numbers import format_decimal

from reportmap import checks
from reportmap.maptext import statement_regions
from reportmap.measured import MeasuredSeries
from reportmap.records import Report, Statement
from reportmap.texts import Locale

MEASURED_COLOUR = "#d2452f"
PAIR_COLOUR = "#e08214"
CLAIM_COLOUR = "#3a7fd0"
REPORT_DATE_COLOUR = "#9e5fc4"
CHOSEN_COLOUR = "#888888"
HEIGHT = 340  # the whole chart, legend included (Streamlit fits the spec into it)


def vega_locale(loc: Locale) -> dict:
    """The chart's number and date words in the interface language, from Babel's data (CLDR)."""

    def names(kind: str, width: str) -> list[str]:
        table = getattr(babel_dates, f"get_{kind}_names")(width, context="stand-alone", locale=loc.code)
        order = [6, 0, 1, 2, 3, 4, 5] if kind == "day" else range(1, 13)  # d3 starts the week on Sunday
        return [table[i] for i in order]

    return {
        "number": {"decimal": babel_numbers.get_decimal_symbol(loc.code),
                   "thousands": babel_numbers.get_group_symbol(loc.code),
                   "grouping": [3], "currency": ["", ""]},
        "time": {"dateTime": "%x, %X", "date": "%x", "time": "%X", "periods": ["AM", "PM"],
                 "days": names("day", "wide"), "shortDays": names("day", "abbreviated"),
                 "months": names("month", "wide"), "shortMonths": names("month", "abbreviated")},
    }


def _finish(chart: alt.LayerChart, loc: Locale) -> alt.LayerChart:
    return chart.properties(height=HEIGHT).configure(locale=vega_locale(loc))


def _x(loc: Locale) -> alt.X:
    return alt.X("day:T", title=loc.t("chart_day"), axis=alt.Axis(format="%b %Y", tickCount=8, labelAngle=0))


def _legend(entries: dict[str, str], columns: int = 2, label_limit: int = 520) -> alt.Color:
    """One legend for every layer: lines, the report's figures and the marked days (as strokes)."""
    return alt.Color("what:N", title=None, scale=alt.Scale(domain=list(entries), range=list(entries.values())),
                     legend=alt.Legend(orient="bottom", direction="horizontal", columns=columns,
                                       labelLimit=label_limit, symbolType="stroke", symbolStrokeWidth=3,
                                       symbolOpacity=1))


def _day_rules(report_date: dt.date, chosen: dt.date | None, loc: Locale, *, dated: bool = True) -> pd.DataFrame:
    """The marked days: the report's, and the chosen one if it differs (`dated`: its date in the legend)."""
    rows = [{"day": report_date.isoformat(), "what": loc.t("chart_report_date", date=loc.date(report_date))}]
    if chosen is not None and chosen != report_date:
        label = loc.t("chart_chosen_date", date=loc.date(chosen)) if dated else loc.t("chart_chosen")
        rows.append({"day": chosen.isoformat(), "what": label})
    return pd.DataFrame(rows)


def _value_on(values: tuple[tuple[dt.date, float], ...], day: dt.date) -> float:
    return next(v for d, v in reversed(values) if d <= day)


def _summary(key: str, values: tuple[tuple[dt.date, float], ...], report_date: dt.date, fmt, loc: Locale,
             **extra: str) -> str:
    (first, first_value), (last, last_value) = values[0], values[-1]
    return loc.t(key, first=loc.date(first), first_value=fmt(first_value),
             report=loc.date(report_date), report_value=fmt(_value_on(values, report_date)),
             last=loc.date(last), last_value=fmt(last_value), **extra)


def _signed(value: float, text: str) -> str:
    return ("+" if value >= 0 else "−") + text


@dataclass(frozen=True)
class TotalCharts:
    """The Timeline's two charts of Ukraine's occupied total and their text alternatives."""

    km2: alt.LayerChart
    share: alt.LayerChart
    km2_summary: str
    share_summary: str


def total_charts(series: MeasuredSeries, report: Report, chosen: dt.date | None, names: dict[str, str],
                 loc: Locale) -> TotalCharts:
    """Ukraine's occupied total over the whole range, in km² and in % of Ukraine's area, with the
    report's date and its two totals marked; and their text alternatives.

    Each line is the measure its label names, and the one its verdict uses: "over 100,000 km²"
    against the occupied km² of all Ukraine's regions summed; "roughly 18%" against the regions
    the report names with it (`checks.share_measured`), with all regions summed beside it. The
    occupied polygon's own total is named in the text. Both axes start at zero, and the text says
    how much each measure changed, so a rise of a point does not fill the chart.
    """
    days = series.days
    all_km2 = all_pct = loc.t("chart_measured_all")
    regions = checks.share_regions(report)
    named = loc.t("chart_measured_named", count=len(regions))
    km2_frame = pd.DataFrame({"day": [m.date.isoformat() for m in days],
                              "value": [round(m.ukraine_km2, 1) for m in days], "what": all_km2})
    share_values = {named: [checks.share_measured(report, m) for m in days], all_pct: [m.ukraine_share for m in days]}
    pct_frame = pd.DataFrame({"day": [m.date.isoformat() for _ in share_values for m in days],
                              "value": [round(v, 2) for values in share_values.values() for v in values],
                              "what": [label for label, values in share_values.items() for _ in values]})
    rules = _day_rules(report.info.date, chosen, loc)
    x = _x(loc)

    def chart(frame: pd.DataFrame, lines: dict[str, str], title: str, stated_label: str, level: float,
              value_format: str) -> alt.LayerChart:
        colours = {**lines, stated_label: CLAIM_COLOUR,
                   **dict(zip(rules["what"], [REPORT_DATE_COLOUR, CHOSEN_COLOUR], strict=False))}
        colour = _legend(colours, columns=1)
        line = alt.Chart(frame).mark_line(strokeWidth=2).encode(
            x=x, y=alt.Y("value:Q", title=title, scale=alt.Scale(zero=True)), color=colour,
            tooltip=[alt.Tooltip("what:N", title=loc.t("chart_what")),
                     alt.Tooltip("day:T", title=loc.t("chart_day")),
                     alt.Tooltip("value:Q", title=title, format=value_format)])
        level_rule = alt.Chart(pd.DataFrame({"level": [level], "what": [stated_label]})).mark_rule(
            strokeDash=[6, 3], strokeWidth=1.5).encode(y="level:Q", color=colour)
        day_rules = alt.Chart(rules).mark_rule(strokeWidth=1.5).encode(x="day:T", color=colour)
        return _finish(alt.layer(line, level_rule, day_rules), loc)

    area, share = report.stated_area, report.stated_share
    km2 = loc.t("km2")
    stated_area = loc.t(area.bound.key, value=f"{loc.integer(area.value)} {km2}")
    stated_share = loc.t(share.bound.key, value=f"{loc.integer(share.value)}%")
    km2_chart = chart(km2_frame, {all_km2: MEASURED_COLOUR}, loc.t("chart_km2"),
                      loc.t("chart_stated", value=stated_area), area.value, ",.0f")
    pct_chart = chart(pct_frame, {named: MEASURED_COLOUR, all_pct: PAIR_COLOUR}, loc.t("chart_pct"),
                      loc.t("chart_stated_share", value=stated_share), share.value, ".2f")

    report_day = series.on(report.info.date).measurement
    first, last = days[0], days[-1]
    km2_summary = _summary("chart_summary_total", tuple((m.date, m.ukraine_km2) for m in days), report.info.date,
                           lambda v: f"{loc.integer(v)} {km2}", loc,
                           change=_signed(last.ukraine_km2 - first.ukraine_km2,
                                          f"{loc.integer(abs(last.ukraine_km2 - first.ukraine_km2))} {km2}"),
                           polygon=f"{loc.integer(report_day.polygon_km2)} {km2}", stated=stated_area)
    named_values = tuple(zip((m.date for m in days), share_values[named], strict=True))
    change = share_values[named][-1] - share_values[named][0]
    share_summary = _summary("chart_summary_share", named_values, report.info.date, loc.pct, loc,
                             stated=stated_share,
                             regions=statement_regions(report, share.statements, names, loc),
                             change=_signed(change, format_decimal(abs(change), format="0.0", locale=loc.code)),
                             all=loc.pct(report_day.ukraine_share),
                             polygon=loc.pct(report_day.polygon_share))
    return TotalCharts(km2_chart, pct_chart, km2_summary, share_summary)


@dataclass(frozen=True)
class RegionLines:
    """What a region's chart draws whatever the day: its lines, the report's band, their colours."""

    frame: pd.DataFrame  # day, share, what (one line per `what`)
    band: pd.DataFrame | None  # the report's figure for the region (or its pair), low to high
    colours: dict[str, str]
    summary: str  # the text alternative


def _weekly(values: tuple[tuple[dt.date, float], ...], report_date: dt.date) -> list[tuple[dt.date, float]]:
    """Every seventh day, and the first, the last and the report's: a narrow panel draws no more
    (and a rerun sends a seventh of the data). The text alternative keeps the exact values."""
    last = len(values) - 1
    return [(d, v) for i, (d, v) in enumerate(values) if i % 7 == 0 or i == last or d == report_date]


def region_lines(series: MeasuredSeries, report: Report, statement: Statement | None, region_id: str,
                 names: dict[str, str], loc: Locale) -> RegionLines:
    """One region's measured share over time; where the report gives a figure, that figure as a
    band, and, when it is given for two regions together, their measured share together too."""
    own = series.shares([region_id])
    name = names[region_id]
    own_label = loc.t("chart_region_own", name=name)
    lines = [(own_label, own)]
    colours = {own_label: MEASURED_COLOUR}
    band = None
    if statement is not None:
        label, reading = loc.class_label(statement.control_class), loc.pct_range(statement.share)
        if len(statement.regions) > 1:
            pair_label = loc.t("chart_region_pair")
            lines.append((pair_label, series.shares(statement.regions)))
            colours[pair_label] = PAIR_COLOUR
            claim = loc.t("chart_claim_pair", label=label, range=reading)
        else:
            claim = loc.t("chart_claim", label=label, range=reading)
        if statement.control_class is None:  # a report without the seed's classes: its figure, as read
            claim = loc.t("chart_claim_scale_pair" if len(statement.regions) > 1 else "chart_claim_scale",
                          range=reading)
        colours[claim] = CLAIM_COLOUR
        band = pd.DataFrame({"low": [statement.share.low], "high": [statement.share.high],
                             "start": [series.first.isoformat()], "end": [series.last.isoformat()], "what": [claim]})
    drawn = [(label, _weekly(values, report.info.date)) for label, values in lines]
    frame = pd.DataFrame({"day": [d.isoformat() for _, values in drawn for d, _ in values],
                          "share": [round(v, 2) for _, values in drawn for _, v in values],
                          "what": [label for label, values in drawn for _ in values]})
    summary = _summary("chart_summary_region", own, report.info.date, loc.pct, loc, name=name)
    return RegionLines(frame, band, colours, summary)


def region_spec(lines: RegionLines, report_date: dt.date, loc: Locale, *, chosen_mark: bool) -> dict:
    """`lines` with the report's date marked, as a Vega-Lite spec; with `chosen_mark`, a mark for the
    chosen day too, to be placed by `with_chosen_day`. Made once per region and language.

    Written as the plain dict Altair would make of the layers below (a band, or a line for "entire";
    the lines; the marked days), key for key and in Altair's order, so that Streamlit sends the same
    bytes: building it through Altair cost most of a rerun that opens a new region (`python -m
    bench.reruns`). tests/test_charts.py holds it equal to Altair's own spec for every region."""
    chosen = report_date + dt.timedelta(days=1) if chosen_mark else None  # placed by with_chosen_day
    rules = _day_rules(report_date, chosen, loc, dated=False)
    entries = {**lines.colours, **dict(zip(rules["what"], [REPORT_DATE_COLOUR, CHOSEN_COLOUR], strict=False))}

    def colour() -> dict:  # one for each layer, as Altair makes them; a narrow panel: one entry a line
        return {"field": "what", "legend": {"columns": 1, "direction": "horizontal", "labelLimit": 330,
                                            "orient": "bottom", "symbolOpacity": 1, "symbolStrokeWidth": 3,
                                            "symbolType": "stroke"},
                "scale": {"domain": list(entries), "range": list(entries.values())}, "title": None, "type": "nominal"}

    title = loc.t("chart_share")
    layers = []
    band = lines.band
    if band is not None:
        values = band.to_dict("records")
        if band["low"].iloc[0] == band["high"].iloc[0]:  # "entire": a line, not a band
            layers.append({"data": {"values": values}, "mark": {"type": "rule", "strokeDash": [6, 3], "strokeWidth": 2},
                           "encoding": {"color": colour(), "y": {"field": "low", "type": "quantitative"}}})
        else:
            layers.append({"data": {"values": values}, "mark": {"type": "rect", "opacity": 0.18},
                           "encoding": {"color": colour(), "x": {"field": "start", "type": "temporal"},
                                        "x2": {"field": "end"}, "y": {"field": "low", "type": "quantitative"},
                                        "y2": {"field": "high"}}})
    day_title = loc.t("chart_day")
    layers.append({"data": {"values": lines.frame.to_dict("records")}, "mark": {"type": "line", "strokeWidth": 2},
                   "encoding": {
                       "color": colour(),
                       "tooltip": [{"field": "what", "title": loc.t("chart_what"), "type": "nominal"},
                                   {"field": "day", "title": day_title, "type": "temporal"},
                                   {"field": "share", "format": ".1f", "title": title, "type": "quantitative"}],
                       "x": {"axis": {"format": "%b %Y", "labelAngle": 0, "tickCount": 8}, "field": "day",
                             "title": day_title, "type": "temporal"},
                       "y": {"field": "share", "scale": {"domain": [0, 100]}, "title": title, "type": "quantitative"}}})
    layers.append({"data": {"values": rules.to_dict("records")}, "mark": {"type": "rule", "strokeWidth": 1.5},
                   "encoding": {"color": colour(), "x": {"field": "day", "type": "temporal"}}})  # the last layer
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}, "locale": vega_locale(loc)},
            "layer": layers, "height": HEIGHT, "$schema": alt.SCHEMA_URL}


def with_chosen_day(spec: dict, report_date: dt.date, chosen: dt.date, loc: Locale) -> dict:
    """`spec` (from `region_spec(..., chosen_mark=True)`) with its chosen-day mark on `chosen`."""
    rules = _day_rules(report_date, chosen, loc, dated=False)
    marks = {**spec["layer"][-1], "data": {"values": rules.to_dict("records")}}
    return {**spec, "layer": [*spec["layer"][:-1], marks]}
