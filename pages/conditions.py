"""Conditions and talks: each condition, what it covers on the map, who said what."""

from __future__ import annotations

import streamlit as st

from reportmap.areas import controlled_km2, share_of_ukraine
from reportmap.regions import names as region_names
from reportmap.texts import fmt_date, fmt_int, fmt_km2_range, fmt_pct, fmt_share_range, t
from ui import panels
from ui.page import data_or_stop, start_page

lang = start_page()
data = data_or_stop(lang)
report = data.published
names = region_names(data.joined, lang)

st.markdown(panels.heading(t("conditions_page_title", lang), 1))
st.caption(panels.md(t("conditions_page_caption", lang, citation=report.info.citation(lang))))

if not report.conditions:  # a report that states none: one line, no empty headings
    st.markdown(panels.md(t("no_conditions", lang, citation=report.info.citation(lang))))
for number, condition in enumerate(report.conditions, start=1):
    st.markdown(panels.heading(f"{number}. {condition.title(lang)}", 2))
    st.markdown(panels.md(condition.text(lang)))
    if condition.statements:
        km2 = controlled_km2(report, data.areas, condition.statements)
        ids = [rid for sid in condition.statements for rid in report.statement(sid).regions]
        regions = [names[rid] for rid in ids]
        measured = data.measurement.km2(ids)
        st.markdown(t("covers_on_map", lang, regions=panels.md(", ".join(regions)),
                      km2=panels.md(fmt_km2_range(km2, lang)),
                      share=panels.md(fmt_share_range(share_of_ukraine(km2, data.areas), lang)))
                    + "  \n" + t("covers_measured", lang, date=panels.md(fmt_date(data.measurement.date, lang)),
                                 km2=panels.md(fmt_int(measured, lang)),
                                 share=panels.md(fmt_pct(100 * measured / data.measurement.ukraine_area, lang))))
    else:
        st.markdown(panels.md(t("not_territorial", lang)))
    st.caption(panels.md(t("who_said", lang, attribution=condition.attribution(lang))))

if report.points:
    st.markdown(panels.heading(t("other_positions", lang), 2))
    panels.positions(data, lang)
