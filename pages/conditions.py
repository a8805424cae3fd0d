"""Conditions and talks: each condition, what it covers on the map, who said what."""

from __future__ import annotations

import streamlit as st

from reportmap.areas import controlled_km2, share_of_ukraine
from reportmap.regions import names as region_names
from ui import panels
from ui.page import data_or_stop, start_page

shown = start_page()
loc = shown.loc  # the run's language (issue 25)
data = data_or_stop(shown)
report = data.published
names = region_names(data.joined, loc.code)

st.markdown(panels.heading(loc.t("conditions_page_title"), 1))
st.caption(panels.md(loc.t("conditions_page_caption", citation=report.info.citation(loc.code))))

if not report.conditions:  # a report that states none: one line, no empty headings
    st.markdown(panels.md(loc.t("no_conditions", citation=report.info.citation(loc.code))))
for number, condition in enumerate(report.conditions, start=1):
    st.markdown(panels.heading(f"{number}. {condition.title(loc.code)}", 2))
    st.markdown(panels.md(condition.text(loc.code)))
    if condition.statements:
        km2 = controlled_km2(report, data.areas, condition.statements)
        ids = [rid for sid in condition.statements for rid in report.statement(sid).regions]
        regions = [names[rid] for rid in ids]
        measured = data.measurement.km2(ids)
        st.markdown(loc.md("covers_on_map", regions=", ".join(regions), km2=loc.km2_range(km2),
                         share=loc.share_range(share_of_ukraine(km2, data.areas)))
                    + "  \n" + loc.md("covers_measured", date=loc.date(data.measurement.date),
                                    km2=loc.integer(measured),
                                    share=loc.pct(100 * measured / data.measurement.ukraine_area)))
    else:
        st.markdown(panels.md(loc.t("not_territorial")))
    st.caption(panels.md(loc.t("who_said", attribution=condition.attribution(loc.code))))

if report.points:
    st.markdown(panels.heading(loc.t("other_positions"), 2))
    panels.positions(data, loc)
