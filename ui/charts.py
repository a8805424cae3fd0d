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

from reportmap.measured import MeasuredSeries
from reportmap.records import Report, Statement
from reportmap.texts import class_label, fmt_date, fmt_int, fmt_pct, fmt_pct_range, t

MEASURED_COLOUR = "#d2452f"
PAIR_COLOUR = "#e08214"
CLAIM_COLOUR = "#3a7fd0"
REPORT_DATE_COLOUR = "#9e5fc4"
CHOSEN_COLOUR = "#888888"
HEIGHT = 340  # the whole chart, legend included (Streamlit fits the spec into it)


def vega_locale(lang: str) -> dict:
    """The chart's number and date words in the interface language, from Babel's data (CLDR)."""

    def names(kind: str, width: str) -> list[str]:
        table = getattr(babel_dates, f"get_{kind}_names")(width, context="stand-alone", locale=lang)
        order = [6, 0, 1, 2, 3, 4, 5] if kind == "day" else range(1, 13)  # d3 starts the week on Sunday
        return [table[i] for i in order]

    return {
        "number": {"decimal": babel_numbers.get_decimal_symbol(lang), "thousands": babel_numbers.get_group_symbol(lang),
                   "grouping": [3], "currency": ["", ""]},
        "time": {"dateTime": "%x, %X", "date": "%x", "time": "%X", "periods": ["AM", "PM"],
                 "days": names("day", "wide"), "shortDays": names("day", "abbreviated"),
                 "months": names("month", "wide"), "shortMonths": names("month", "abbreviated")},
    }


def _finish(chart: alt.LayerChart, lang: str) -> alt.LayerChart:
    return chart.properties(height=HEIGHT).configure(locale=vega_locale(lang))


def _x(lang: str) -> alt.X:
    return alt.X("day:T", title=t("chart_day", lang), axis=alt.Axis(format="%b %Y", tickCount=8, labelAngle=0))


def _legend(entries: dict[str, str], columns: int = 2, label_limit: int = 520) -> alt.Color:
    """One legend for every layer: lines, the report's figures and the marked days (as strokes)."""
    return alt.Color("what:N", title=None, scale=alt.Scale(domain=list(entries), range=list(entries.values())),
                     legend=alt.Legend(orient="bottom", direction="horizontal", columns=columns,
                                       labelLimit=label_limit, symbolType="stroke", symbolStrokeWidth=3,
                                       symbolOpacity=1))


def _day_rules(report_date: dt.date, chosen: dt.date | None, lang: str, *, dated: bool = True) -> pd.DataFrame:
    """The marked days: the report's, and the chosen one if it differs (`dated`: its date in the legend)."""
    rows = [{"day": report_date.isoformat(), "what": t("chart_report_date", lang, date=fmt_date(report_date, lang))}]
    if chosen is not None and chosen != report_date:
        label = t("chart_chosen_date", lang, date=fmt_date(chosen, lang)) if dated else t("chart_chosen", lang)
        rows.append({"day": chosen.isoformat(), "what": label})
    return pd.DataFrame(rows)


def _value_on(values: tuple[tuple[dt.date, float], ...], day: dt.date) -> float:
    return next(v for d, v in reversed(values) if d <= day)


def _summary(key: str, values: tuple[tuple[dt.date, float], ...], report_date: dt.date, fmt, lang: str,
             **extra: str) -> str:
    (first, first_value), (last, last_value) = values[0], values[-1]
    return t(key, lang, first=fmt_date(first, lang), first_value=fmt(first_value),
             report=fmt_date(report_date, lang), report_value=fmt(_value_on(values, report_date)),
             last=fmt_date(last, lang), last_value=fmt(last_value), **extra)


def total_charts(series: MeasuredSeries, report: Report, chosen: dt.date | None,
                 lang: str) -> tuple[alt.Chart, alt.Chart, str]:
    """Ukraine's occupied total over the whole range, in km² and in % of Ukraine, with the
    report's date and its two totals marked; and the text alternative."""
    totals = series.totals()
    measured = t("chart_measured", lang)
    frame = pd.DataFrame({"day": [d.isoformat() for d, _, _ in totals], "km2": [round(k, 1) for _, k, _ in totals],
                          "pct": [round(p, 3) for _, _, p in totals], "what": measured})
    rules = _day_rules(report.info.date, chosen, lang)
    x = _x(lang)

    def chart(field: str, title: str, stated: str, level: float) -> alt.Chart:
        stated_label = t("chart_stated", lang, value=stated)
        colours = {measured: MEASURED_COLOUR, stated_label: CLAIM_COLOUR,
                   **dict(zip(rules["what"], [REPORT_DATE_COLOUR, CHOSEN_COLOUR], strict=False))}
        colour = _legend(colours)
        line = alt.Chart(frame).mark_line(strokeWidth=2).encode(
            x=x, y=alt.Y(f"{field}:Q", title=title, scale=alt.Scale(zero=False)), color=colour,
            tooltip=[alt.Tooltip("day:T", title=t("chart_day", lang)), alt.Tooltip(f"{field}:Q", title=title)])
        level_rule = alt.Chart(pd.DataFrame({"level": [level], "what": [stated_label]})).mark_rule(
            strokeDash=[6, 3], strokeWidth=1.5).encode(y="level:Q", color=colour)
        day_rules = alt.Chart(rules).mark_rule(strokeWidth=1.5).encode(x="day:T", color=colour)
        return _finish(alt.layer(line, level_rule, day_rules), lang)

    area, share = report.stated_area, report.stated_share
    km2_chart = chart("km2", t("chart_km2", lang), t(f"stated_{area.bound}", lang,
                                                     value=f"{fmt_int(area.value, lang)} {t('km2', lang)}"),
                      area.value)
    pct_chart = chart("pct", t("chart_pct", lang), t(f"stated_{share.bound}", lang,
                                                     value=f"{fmt_int(share.value, lang)}%"), share.value)
    summary = _summary("chart_summary_total", tuple((d, k) for d, k, _ in totals), report.info.date,
                       lambda v: f"{fmt_int(v, lang)} {t('km2', lang)}", lang)
    return km2_chart, pct_chart, summary


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
                 names: dict[str, str], lang: str) -> RegionLines:
    """One region's measured share over time; where the report gives a figure, that figure as a
    band, and, when it is given for two regions together, their measured share together too."""
    own = series.shares([region_id])
    name = names[region_id]
    own_label = t("chart_region_own", lang, name=name)
    lines = [(own_label, own)]
    colours = {own_label: MEASURED_COLOUR}
    band = None
    if statement is not None:
        label, reading = class_label(statement.control_class, lang), fmt_pct_range(statement.share, lang)
        if len(statement.regions) > 1:
            pair_label = t("chart_region_pair", lang)
            lines.append((pair_label, series.shares(statement.regions)))
            colours[pair_label] = PAIR_COLOUR
            claim = t("chart_claim_pair", lang, label=label, range=reading)
        else:
            claim = t("chart_claim", lang, label=label, range=reading)
        colours[claim] = CLAIM_COLOUR
        band = pd.DataFrame({"low": [statement.share.low], "high": [statement.share.high],
                             "start": [series.first.isoformat()], "end": [series.last.isoformat()], "what": [claim]})
    drawn = [(label, _weekly(values, report.info.date)) for label, values in lines]
    frame = pd.DataFrame({"day": [d.isoformat() for _, values in drawn for d, _ in values],
                          "share": [round(v, 2) for _, values in drawn for _, v in values],
                          "what": [label for label, values in drawn for _ in values]})
    summary = _summary("chart_summary_region", own, report.info.date, lambda v: fmt_pct(v, lang), lang, name=name)
    return RegionLines(frame, band, colours, summary)


def region_spec(lines: RegionLines, report_date: dt.date, lang: str, *, chosen_mark: bool) -> dict:
    """`lines` with the report's date marked, as a Vega-Lite spec; with `chosen_mark`, a mark for the
    chosen day too, to be placed by `with_chosen_day`. Made once per region and language: the
    chart's data and Altair's checks cost more than the rest of a rerun."""
    chosen = report_date + dt.timedelta(days=1) if chosen_mark else None  # placed by with_chosen_day
    rules = _day_rules(report_date, chosen, lang, dated=False)
    colour = _legend({**lines.colours, **dict(zip(rules["what"], [REPORT_DATE_COLOUR, CHOSEN_COLOUR], strict=False))},
                     columns=1, label_limit=330)  # a narrow panel: one entry a line, long ones cut with "…"
    title = t("chart_share", lang)
    layers = []
    band = lines.band
    if band is not None:
        if band["low"].iloc[0] == band["high"].iloc[0]:  # "entire": a line, not a band
            layers.append(alt.Chart(band).mark_rule(strokeDash=[6, 3], strokeWidth=2).encode(y="low:Q", color=colour))
        else:
            layers.append(alt.Chart(band).mark_rect(opacity=0.18).encode(
                x="start:T", x2="end:T", y="low:Q", y2="high:Q", color=colour))
    layers.append(alt.Chart(lines.frame).mark_line(strokeWidth=2).encode(
        x=_x(lang),
        y=alt.Y("share:Q", title=title, scale=alt.Scale(domain=[0, 100])), color=colour,
        tooltip=[alt.Tooltip("what:N", title=t("chart_what", lang)), alt.Tooltip("day:T", title=t("chart_day", lang)),
                 alt.Tooltip("share:Q", title=title, format=".1f")]))
    layers.append(alt.Chart(rules).mark_rule(strokeWidth=1.5).encode(x="day:T", color=colour))  # the last layer
    # Altair's schema check costs half the time of a rerun; the tests check these specs against it.
    return _inline(_finish(alt.layer(*layers), lang).to_dict(validate=False))


def _inline(spec: dict) -> dict:
    """The spec with each layer's data inline: Streamlit turns named datasets into Arrow tables on
    every rerun, and a cached spec need not pay that each time."""
    datasets = spec.pop("datasets", {})
    for layer in spec["layer"]:
        name = (layer.get("data") or {}).get("name")
        if name in datasets:
            layer["data"] = {"values": datasets[name]}
    return spec


def with_chosen_day(spec: dict, report_date: dt.date, chosen: dt.date, lang: str) -> dict:
    """`spec` (from `region_spec(..., chosen_mark=True)`) with its chosen-day mark on `chosen`."""
    rules = _day_rules(report_date, chosen, lang, dated=False)
    marks = {**spec["layer"][-1], "data": {"values": rules.to_dict("records")}}
    return {**spec, "layer": [*spec["layer"][:-1], marks]}
