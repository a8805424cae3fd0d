"""The region chart's spec, written as a plain dict (ui/charts.region_spec), against the spec Altair makes
of the same layers: the same JSON, byte for byte, for each kind of chart (no figure, a band, the line
of "entire") of every report, in both languages, with and without the chosen day's mark. Altair's own
spec is the reference, built here as the page built it before (the layers, then `to_dict`, then each
layer's data inline)."""

from __future__ import annotations

import datetime as dt
import json

import altair as alt
import pytest

from reportmap.regions import Role, figures
from reportmap.regions import names as region_names
from reportmap.texts import LANGUAGES, Locale
from ui import charts
from ui.data import library, load_data


def altair_region_spec(lines: charts.RegionLines, report_date: dt.date, loc: Locale, *, chosen_mark: bool) -> dict:
    """The reference: what ui/charts.region_spec made through Altair."""
    chosen = report_date + dt.timedelta(days=1) if chosen_mark else None
    rules = charts._day_rules(report_date, chosen, loc, dated=False)
    colour = charts._legend({**lines.colours, **dict(zip(rules["what"], [charts.REPORT_DATE_COLOUR,
                                                                         charts.CHOSEN_COLOUR], strict=False))},
                            columns=1, label_limit=330)
    title = loc.t("chart_share")
    layers = []
    band = lines.band
    if band is not None:
        if band["low"].iloc[0] == band["high"].iloc[0]:
            layers.append(alt.Chart(band).mark_rule(strokeDash=[6, 3], strokeWidth=2).encode(y="low:Q", color=colour))
        else:
            layers.append(alt.Chart(band).mark_rect(opacity=0.18).encode(
                x="start:T", x2="end:T", y="low:Q", y2="high:Q", color=colour))
    layers.append(alt.Chart(lines.frame).mark_line(strokeWidth=2).encode(
        x=charts._x(loc),
        y=alt.Y("share:Q", title=title, scale=alt.Scale(domain=[0, 100])), color=colour,
        tooltip=[alt.Tooltip("what:N", title=loc.t("chart_what")), alt.Tooltip("day:T", title=loc.t("chart_day")),
                 alt.Tooltip("share:Q", title=title, format=".1f")]))
    layers.append(alt.Chart(rules).mark_rule(strokeWidth=1.5).encode(x="day:T", color=colour))
    spec = charts._finish(alt.layer(*layers), loc).to_dict(validate=False)
    datasets = spec.pop("datasets", {})
    for layer in spec["layer"]:
        name = (layer.get("data") or {}).get("name")
        if name in datasets:
            layer["data"] = {"values": datasets[name]}
    return spec


def region_cases():
    for report in library():
        data = load_data(report=report)
        for region_id, region in figures(data.joined).items():
            if region.role in (Role.NEIGHBOUR, Role.KURSK):
                continue
            statement = data.published.statement(region.statement.id) if region.statement is not None else None
            yield report, data, region_id, statement


def _kind(lines: charts.RegionLines) -> str:
    """What decides the chart's layers: no figure, one line for a figure of one value, a band."""
    if lines.band is None:
        return "none"
    return "line" if lines.band["low"].iloc[0] == lines.band["high"].iloc[0] else "band"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_region_chart_is_altairs_spec_to_the_byte(lang: str) -> None:
    """Each report's first region of each kind: Altair builds a spec in about 40 ms, so comparing every
    region (about 250 a language) took 9 s; the regions of one kind differ only in their values."""
    loc = Locale.of(lang)
    kinds, seen = set(), set()
    for report, data, region_id, statement in region_cases():
        names = region_names(data.joined, lang)
        lines = charts.region_lines(data.series, data.published, statement, region_id, names, loc)
        if (report, _kind(lines)) in seen:
            continue
        seen.add((report, _kind(lines)))
        report_date = data.published.info.date
        for chosen_mark in (False, True):
            ours = charts.region_spec(lines, report_date, loc, chosen_mark=chosen_mark)
            reference = altair_region_spec(lines, report_date, loc, chosen_mark=chosen_mark)
            assert json.dumps(ours) == json.dumps(reference), (region_id, chosen_mark)
            if chosen_mark:
                later = report_date + dt.timedelta(days=40)
                assert (json.dumps(charts.with_chosen_day(ours, report_date, later, loc))
                        == json.dumps(charts.with_chosen_day(reference, report_date, later, loc)))
        kinds.add(tuple(layer["mark"]["type"] for layer in ours["layer"]))
    # Every kind of chart was compared: no figure, a band, and the line of "entire".
    assert {("line", "rule"), ("rect", "line", "rule"), ("rule", "line", "rule")} <= kinds
    assert len(seen) >= len(library()) * 2
    alt.LayerChart.from_dict(ours, validate=True)
