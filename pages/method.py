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
from reportmap.texts import day_note, fmt_date, fmt_int, fmt_km2_range, fmt_pct, fmt_share_range, t
from ui import embed, panels, view
from ui.data import downloads, mismatch, provenance, series_download, verdict_downloads
from ui.page import day_data_or_stop, start_page

lang = start_page()
scenario = view.scenario(lang)  # the downloads follow the scenario and the day chosen on the map
_, day, data = day_data_or_stop(lang, scenario)
scenario = data.scenario  # as reported, for a report that gives nothing a scenario illustrates
report, areas, check = data.published, data.areas, data.check
names = region_names(data.joined, lang)
md = panels.md
date = fmt_date(check.date, lang)

st.markdown(panels.heading(t("method_title", lang), 1))
st.markdown(md(t("method_intro", lang, citation=report.info.citation(lang), date=date))
            + panels.party_badge(report, lang))
note = day_note(day, data.measurement.date, report.info.date, lang)
if note:
    st.markdown(f":blue-background[{md(note)}]")
sources = f"{report.info.citation(lang)}; {areas.source(lang)}; {credit(lang)}"
st.dataframe(figures_table(data.joined, sources, lang), hide_index=True, key="figures", width="stretch")

col_csv, col_geojson, col_series = st.columns(3)
# The files themselves, not callables: a file made on click reaches the browser after the click's
# own moment has passed, and Chromium then holds back repeated downloads.
csv_text, geojson_text = downloads(scenario.value, day, data.version)
suffix = f"{scenario.value}-{data.measurement.date.isoformat()}"
col_csv.download_button(t("download_csv", lang), csv_text, on_click="ignore",
                        file_name=f"report-figures-{suffix}.csv", mime="text/csv", key="download_csv")
col_geojson.download_button(t("download_geojson", lang), geojson_text, on_click="ignore",
                            file_name=f"report-regions-{suffix}.geojson", mime="application/geo+json",
                            key="download_geojson")
series_name, series_file = series_download(data.version)
col_series.download_button(t("download_series", lang), series_file, on_click="ignore", file_name=series_name,
                           mime="application/zip", key="download_series")
st.caption(md(t("downloads_day", lang, date=fmt_date(data.measurement.date, lang))) + " "
           + md(t("downloads_licence", lang, credit=CREDIT)))
if scenario is not Scenario.AS_REPORTED:
    st.caption(md(f"{t('scenario', lang)}: {t(f'scenario_{scenario.value}', lang)}. "
                  + scenario_note(scenario, report, names, lang)))

st.markdown(panels.heading(t("embed_heading", lang), 2))
st.markdown(t("embed_intro", lang))  # the catalog's own Markdown: `?embed=true` as code
# Plain text, not highlighted: the highlighter's tag colour fails contrast in the dark theme (axe).
st.code(embed.snippet(lang, st.context.url, view.report(lang)), language=None, wrap_lines=True)  # with a copy button

st.markdown(panels.heading(t('wording_to_range', lang), 2))
lines = [f"- **“{md(s.wording)}”**: {md(s.reading(lang))} {md(s.pair_note(lang))}"
         for s in report.statements]
st.markdown("\n".join([*lines, f"- {t('unnamed_regions', lang)}"]))

st.markdown(panels.heading(t('verdicts_title', lang, date=date), 2))
st.markdown(md(t("verdicts_method", lang)))
st.markdown(md(t("rules_intro", lang)))
st.markdown("\n".join("- " + md(line) for line in claimtext.rule_lines(lang)))
st.markdown(md(claimtext.rules_verdicts(lang, data.series.first, data.series.last)))
rows = []
for statement_check in check.statements:
    statement = statement_check.statement
    regions = "; ".join(f"{names[r]} {fmt_pct(share, lang)}" for r, share in statement_check.region_shares)
    rows.append("- " + t("verdict_line", lang, wording=md(statement.wording),
                         together=md(fmt_pct(statement_check.share, lang)), regions=md(regions),
                         range=md(claimtext.measured_range(statement_check.claim, lang)),
                         distance=md(claimtext.distance_phrase(statement_check.claim, lang)),
                         verdict=claimtext.verdict_label(statement_check.verdict, lang)))
rows += [f"- **“{md(c.claim.words)}”**: " + md(claimtext.measured_phrase(c, lang)) + " · "
         + md(claimtext.distance_phrase(c, lang)) + " · " + claimtext.verdict_label(c.verdict, lang)
         for c in check.figures]  # the report's other figures, where it has any
st.markdown("\n".join(rows))
verdicts_text, reviews_text = verdict_downloads(check.date, lang, dt.date.today(), data.version)
col_verdicts, col_reviews = st.columns(2)
col_verdicts.download_button(t("download_verdicts", lang), verdicts_text, on_click="ignore",
                             file_name=f"report-verdicts-{check.date.isoformat()}.csv", mime="text/csv",
                             key="download_verdicts")
col_reviews.download_button(t("download_claimreview", lang), reviews_text, on_click="ignore",
                            file_name=f"report-claimreview-{check.date.isoformat()}.jsonld",
                            mime="application/ld+json", key="download_claimreview")

area, share = check.area, check.share
totals = []  # what the report states: a report without totals or Kursk shows no such section
if area is not None:
    totals.append("- " + t("totals_area", lang, stated=md(area.stated.wording),
                           range=md(fmt_km2_range(area.computed, lang)),
                           verdict=t(f"verdict_{'consistent' if area.consistent else 'inconsistent'}", lang))
                  + " " + panels.measured_total(area, lang, "km2"))
if share is not None:
    totals.append("- " + t("totals_share", lang, stated=md(share.stated.wording),
                           range=md(fmt_share_range(share.computed, lang)), total=fmt_int(areas.total_km2, lang),
                           regions=md(statement_regions(report, share.stated.statements, names, lang)),
                           verdict=t(f"verdict_{'consistent' if share.consistent else 'inconsistent'}", lang))
                  + " " + panels.measured_total(share, lang, "pct"))
if report.kursk is not None:
    totals.append("- " + md(t("totals_kursk", lang, km2=fmt_int(report.kursk.km2, lang),
                              area=fmt_int(areas.kursk_km2, lang), source=areas.kursk_source(lang))))
if totals:
    st.markdown(panels.heading(t('totals_title', lang), 2))
    st.markdown(md(t("totals_method", lang, source=areas.source(lang))))
    st.markdown("\n".join(totals))
if report.kursk_claims:
    panels.kursk_claims(data, lang)

gap = mismatch()
st.markdown(panels.heading(t('measurement_title', lang), 2))
st.markdown(md(t("measurement_method", lang, credit=credit(lang))))
spill = ", ".join(f"{names.get(r, r)} {fmt_int(km2, lang)}" for r, km2 in gap.spill_km2)
uncovered = ", ".join(f"{names.get(r, r)} {fmt_int(km2, lang)}" for r, km2 in gap.uncovered_km2)
st.markdown(md(t("measurement_mismatch", lang, date=fmt_date(gap.date, lang), polygon=fmt_int(gap.polygon_km2, lang),
                 units=fmt_int(gap.units_km2, lang), spill=spill, sea=fmt_int(gap.sea_km2, lang),
                 uncovered=uncovered)))

st.markdown(panels.heading(t("change_title", lang), 2))  # what the map and the panel show on another day
st.markdown(md(t("change_method", lang)) + " " + t("change_how", lang))

st.markdown(panels.heading(t('boundaries_title', lang), 2))
# The provenance file is a document of its own: its headings go under this page's section.
st.markdown(re.sub(r"^(#{1,4}) ", r"##\1 ", provenance(lang), flags=re.M))
