"""Reports: every report of the library, with its outlet, date and source, and how its figures
fare against DeepStateMap's measurement of its own date; each opens on the map (`?report=<id>`)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from reportmap.errors import DataError
from reportmap.measured import MEASURED_BY
from reportmap.records import Verdict
from reportmap.texts import DEFAULT_LANG
from ui import panels
from ui.data import library, load_data
from ui.page import start_page

loc = start_page().loc  # the run's language (issue 25)
md = panels.md

st.markdown(panels.heading(loc.t("reports_title"), 1))
st.markdown(md(loc.t("reports_intro")))

for report_id in library():
    try:
        data = load_data(report=report_id)  # on the report's own date
    except DataError as error:  # one broken report file: named, and the others still listed
        st.error(loc.t("data_error", error=error))
        continue
    info, check = data.published.info, data.check
    counts = Counter(claim.verdict for claim in check.claims)
    summary = " · ".join(f"{loc.t(verdict.key)}: **{counts.get(verdict, 0)}**" for verdict in Verdict)
    lines = [loc.md("reports_line", outlet=info.publisher, date=loc.date(info.date),
                  figures=len(check.claims))]
    if info.url:
        lines[0] += " · " + loc.t("reports_source", url=info.url)
    if info.party:
        lines.append(panels.party_badge(data.published, loc).strip())
    lines.append(loc.md("reports_verdicts", date=loc.date(check.date)) + " " + summary)
    with st.container(border=True, key=f"report_{report_id}"):
        st.markdown(panels.heading(info.citation(loc.code), 2) + "\n\n" + "  \n".join(lines))
        params = {"report": report_id}  # the default's too: a session remembers the report it last showed
        if loc.code != DEFAULT_LANG:
            params["lang"] = loc.code
        st.page_link("pages/map.py", label=loc.t("reports_open"), icon=":material/map:", query_params=params)

st.caption(loc.t("reports_caption") + " " + md(loc.t("measured_credit", **MEASURED_BY)))  # the catalog's code span
