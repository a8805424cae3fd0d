"""Data and method: every figure, its wording, range and source; downloads; provenance."""

from __future__ import annotations

from functools import partial

import streamlit as st

from reportmap.areas import reconcile_area, reconcile_share
from reportmap.exports import figures_csv, figures_table, regions_geojson
from reportmap.records import localized
from reportmap.scenarios import Scenario
from reportmap.texts import fmt_int, fmt_km2_range, fmt_share_range, t
from ui import panels, view
from ui.data import provenance
from ui.page import data_or_stop, start_page

lang = start_page()
scenario = view.scenario(lang)  # the downloads follow the scenario chosen on the map
data = data_or_stop(lang, scenario)
report, areas = data.report, data.areas
md = panels.md

st.markdown(f"### {md(t('method_title', lang))}")
st.markdown(md(t("method_intro", lang, citation=localized(report.info, "citation", lang))))
sources = f"{localized(report.info, 'citation', lang)}; {areas.source}"
st.dataframe(figures_table(data.joined, sources, lang), hide_index=True, key="figures", width="stretch")

col_csv, col_geojson = st.columns(2)
col_csv.download_button(t("download_csv", lang), partial(figures_csv, data.joined),
                        file_name=f"report-figures-{scenario.value}.csv", mime="text/csv", key="download_csv")
col_geojson.download_button(t("download_geojson", lang), partial(regions_geojson, data.joined),
                            file_name=f"report-regions-{scenario.value}.geojson", mime="application/geo+json",
                            key="download_geojson")
if scenario is not Scenario.AS_REPORTED:
    st.caption(md(f"{t('scenario', lang)}: {t(f'scenario_{scenario.value}', lang)}. "
                  + t(f"scenario_note_{scenario.value}", lang)))

st.markdown(f"#### {md(t('wording_to_range', lang))}")
lines = [f"- **“{md(s.wording)}”**: {md(localized(s, 'reading', lang))} {md(localized(s, 'pair_note', lang))}"
         for s in report.statements]
st.markdown("\n".join([*lines, f"- {t('unnamed_regions', lang)}"]))

area, share = reconcile_area(report, areas), reconcile_share(report, areas)
st.markdown(f"#### {md(t('totals_title', lang))}")
st.markdown(md(t("totals_method", lang, source=areas.source)))
st.markdown("\n".join([
    "- " + t("totals_area", lang, stated=md(area.stated.wording), range=md(fmt_km2_range(area.computed, lang)),
             verdict=t(f"verdict_{area.verdict}", lang)),
    "- " + t("totals_share", lang, stated=md(share.stated.wording), range=md(fmt_share_range(share.computed)),
             total=fmt_int(areas.total_km2), verdict=t(f"verdict_{share.verdict}", lang)),
    "- " + md(t("totals_kursk", lang, km2=fmt_int(report.kursk.km2), area=fmt_int(areas.kursk_km2),
                source=areas.kursk_source)),
]))

st.markdown(f"#### {md(t('boundaries_title', lang))}")
st.markdown(provenance())
