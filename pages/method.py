"""Data and method: every figure, its wording and range, the measurement beside it, the verdict
rules, downloads and provenance."""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from reportmap import claimtext
from reportmap.exports import figures_table
from reportmap.maptext import scenario_note, statement_regions
from reportmap.measured import CREDIT, credit
from reportmap.regions import names as region_names
from reportmap.scenarios import Scenario
from ui import embed, panels
from ui.data import downloads, mismatch, provenance, series_download, verdict_downloads
from ui.page import day_data_or_stop, start_page

shown = start_page()
loc, day = shown.loc, shown.day  # the downloads follow the scenario and the day chosen on the map
_, data = day_data_or_stop(shown, shown.scenario)
scenario = data.scenario  # as reported, for a report that gives nothing a scenario illustrates
report, areas, check = data.published, data.areas, data.check
names = region_names(data.joined, loc.code)
md = panels.md
date = loc.date(check.date)

st.markdown(panels.heading(loc.t("method_title"), 1))
st.markdown(md(loc.t("method_intro", citation=report.info.citation(loc.code), date=date))
            + panels.party_badge(report, loc))
note = loc.day_note(day, data.measurement.date, report.info.date)
if note:
    st.markdown(f":blue-background[{md(note)}]")
sources = f"{report.info.citation(loc.code)}; {areas.source(loc.code)}; {credit(loc.code)}"
st.dataframe(figures_table(data.joined, sources, loc), hide_index=True, key="figures", width="stretch")

col_csv, col_geojson, col_series = st.columns(3)
# The files themselves, not callables: a file made on click reaches the browser after the click's
# own moment has passed, and Chromium then holds back repeated downloads.
csv_text, geojson_text = downloads(scenario.value, day, data.version)
suffix = f"{scenario.value}-{data.measurement.date.isoformat()}"
col_csv.download_button(loc.t("download_csv"), csv_text, on_click="ignore",
                        file_name=f"report-figures-{suffix}.csv", mime="text/csv", key="download_csv")
col_geojson.download_button(loc.t("download_geojson"), geojson_text, on_click="ignore",
                            file_name=f"report-regions-{suffix}.geojson", mime="application/geo+json",
                            key="download_geojson")
series_name, series_file = series_download(data.version)
col_series.download_button(loc.t("download_series"), series_file, on_click="ignore", file_name=series_name,
                           mime="application/zip", key="download_series")
st.caption(md(loc.t("downloads_day", date=loc.date(data.measurement.date))) + " "
           + md(loc.t("downloads_licence", credit=CREDIT)))
if scenario is not Scenario.AS_REPORTED:
    st.caption(md(f"{loc.t('scenario')}: {loc.t(scenario.key)}. "
                  + scenario_note(scenario, report, names, loc)))

st.markdown(panels.heading(loc.t("embed_heading"), 2))
st.markdown(loc.t("embed_intro"))  # the catalog's own Markdown: `?embed=true` as code
# Plain text, not highlighted: the highlighter's tag colour fails contrast in the dark theme (axe).
st.code(embed.snippet(loc, st.context.url, shown.report), language=None, wrap_lines=True)  # with a copy button

st.markdown(panels.heading(loc.t('wording_to_range'), 2))
lines = [f"- **“{md(s.wording)}”**: {md(s.reading(loc.code))} {md(s.pair_note(loc.code))}"
         for s in report.statements]
st.markdown("\n".join([*lines, f"- {loc.t('unnamed_regions')}"]))

st.markdown(panels.heading(loc.t('verdicts_title', date=date), 2))
st.markdown(md(loc.t("verdicts_method")))
st.markdown(md(loc.t("rules_intro")))
st.markdown("\n".join("- " + md(line) for line in claimtext.rule_lines(loc)))
st.markdown(md(claimtext.rules_verdicts(loc, data.series.first, data.series.last)))
rows = []
for statement_check in check.statements:
    statement = statement_check.statement
    regions = "; ".join(f"{names[r]} {loc.pct(share)}" for r, share in statement_check.region_shares)
    rows.append("- " + loc.md("verdict_line", wording=statement.wording,
                            together=loc.pct(statement_check.share), regions=regions,
                            range=claimtext.measured_range(statement_check.claim, loc),
                            distance=claimtext.distance_phrase(statement_check.claim, loc),
                            verdict=claimtext.verdict_label(statement_check.verdict, loc)))
rows += [f"- **“{md(c.claim.words)}”**: " + md(claimtext.measured_phrase(c, loc)) + " · "
         + md(claimtext.distance_phrase(c, loc)) + " · " + claimtext.verdict_label(c.verdict, loc)
         for c in check.figures]  # the report's other figures, where it has any
st.markdown("\n".join(rows))
verdicts_text, reviews_text = verdict_downloads(check.date, loc, dt.date.today(), data.version)
col_verdicts, col_reviews = st.columns(2)
col_verdicts.download_button(loc.t("download_verdicts"), verdicts_text, on_click="ignore",
                             file_name=f"report-verdicts-{check.date.isoformat()}.csv", mime="text/csv",
                             key="download_verdicts")
col_reviews.download_button(loc.t("download_claimreview"), reviews_text, on_click="ignore",
                            file_name=f"report-claimreview-{check.date.isoformat()}.jsonld",
                            mime="application/ld+json", key="download_claimreview")

area, share = check.area, check.share
totals = []  # what the report states: a report without totals or Kursk shows no such section
if area is not None:
    totals.append("- " + loc.md("totals_area", stated=area.stated.wording, range=loc.km2_range(area.computed),
                              verdict=loc.t(area.consistency.key))
                  + " " + panels.measured_total(area, loc, "km2"))
if share is not None:
    totals.append("- " + loc.md("totals_share", stated=share.stated.wording,
                              range=loc.share_range(share.computed), total=loc.integer(areas.total_km2),
                              regions=statement_regions(report, share.stated.statements, names, loc),
                              verdict=loc.t(share.consistency.key))
                  + " " + panels.measured_total(share, loc, "pct"))
if report.kursk is not None:
    totals.append("- " + md(loc.t("totals_kursk", km2=loc.integer(report.kursk.km2),
                              area=loc.integer(areas.kursk_km2), source=areas.kursk_source(loc.code))))
if totals:
    st.markdown(panels.heading(loc.t('totals_title'), 2))
    st.markdown(md(loc.t("totals_method", source=areas.source(loc.code))))
    st.markdown("\n".join(totals))
if report.kursk_claims:
    panels.kursk_claims(data, loc)

gap = mismatch()
st.markdown(panels.heading(loc.t('measurement_title'), 2))
st.markdown(md(loc.t("measurement_method", credit=credit(loc.code))))
spill = ", ".join(f"{names.get(r, r)} {loc.integer(km2)}" for r, km2 in gap.spill_km2)
uncovered = ", ".join(f"{names.get(r, r)} {loc.integer(km2)}" for r, km2 in gap.uncovered_km2)
st.markdown(md(loc.t("measurement_mismatch", date=loc.date(gap.date), polygon=loc.integer(gap.polygon_km2),
                 units=loc.integer(gap.units_km2), spill=spill, sea=loc.integer(gap.sea_km2),
                 uncovered=uncovered)))

st.markdown(panels.heading(loc.t("change_title"), 2))  # what the map and the panel show on another day
st.markdown(md(loc.t("change_method")) + " " + loc.t("change_how"))

st.markdown(panels.heading(loc.t('boundaries_title'), 2))
# The provenance file is a document of its own: its headings go under this page's section.
st.markdown(re.sub(r"^(#{1,4}) ", r"##\1 ", provenance(loc), flags=re.M))
