"""Reports: every report of the library, with its outlet, date and source, and how its figures
fare against DeepStateMap's measurement of its own date; each opens on the map (`?report=<id>`)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from reportmap.errors import DataError
from reportmap.measured import MEASURED_BY
from reportmap.records import Verdict
from reportmap.texts import DEFAULT_LANG, fmt_date, t
from ui import panels
from ui.data import library, load_data
from ui.page import start_page

lang = start_page()
md = panels.md

st.markdown(panels.heading(t("reports_title", lang), 1))
st.markdown(md(t("reports_intro", lang)))

for report_id in library():
    try:
        data = load_data(report=report_id)  # on the report's own date
    except DataError as error:  # one broken report file: named, and the others still listed
        st.error(t("data_error", lang, error=error))
        continue
    info, check = data.published.info, data.check
    counts = Counter(claim.verdict for claim in check.claims)
    summary = " · ".join(f"{t(f'verdict_{verdict.value}', lang)}: **{counts.get(verdict, 0)}**" for verdict in Verdict)
    lines = [t("reports_line", lang, outlet=md(info.publisher), date=md(fmt_date(info.date, lang)),
               figures=len(check.claims))]
    if info.url:
        lines[0] += " · " + t("reports_source", lang, url=info.url)
    if info.party:
        lines.append(panels.party_badge(data.published, lang).strip())
    lines.append(t("reports_verdicts", lang, date=md(fmt_date(check.date, lang))) + " " + summary)
    with st.container(border=True, key=f"report_{report_id}"):
        st.markdown(panels.heading(info.citation(lang), 2) + "\n\n" + "  \n".join(lines))
        params = {"report": report_id}  # the default's too: a session remembers the report it last showed
        if lang != DEFAULT_LANG:
            params["lang"] = lang
        st.page_link("pages/map.py", label=t("reports_open", lang), icon=":material/map:", query_params=params)

st.caption(t("reports_caption", lang) + " " + md(t("measured_credit", lang, **MEASURED_BY)))  # the catalog's code span
