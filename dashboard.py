"""Entry point: page config, the language switch and navigation. The map page is the default."""

from __future__ import annotations

import streamlit as st

from ui import view
from ui.controls import language_switch
from ui.embed import embedded
from ui.page import let_layout_settle, skip_link

loc = view.language()  # the first part of this run's view: the titles below are in it
st.set_page_config(page_title=loc.t("page_title"), layout="wide", initial_sidebar_state="collapsed")
let_layout_settle()  # a session's first run: the wide layout first, then the page (ui/page.py)

navigation = st.navigation(
    [
        st.Page("pages/map.py", title=loc.t("nav_map"), default=True),
        st.Page("pages/conditions.py", title=loc.t("nav_conditions"), url_path="conditions"),
        st.Page("pages/check.py", title=loc.t("nav_check"), url_path="check"),
        st.Page("pages/timeline.py", title=loc.t("nav_timeline"), url_path="timeline"),
        st.Page("pages/reports.py", title=loc.t("nav_reports"), url_path="reports"),
        st.Page("pages/method.py", title=loc.t("nav_method"), url_path="method"),
    ],
    position="hidden" if embedded() else "top",  # in an article's frame: no navigation, no language row
)
# What the reader asked for, read once for this run now that the page is known; the page is handed it.
shown = view.read(loc, navigation.url_path)
if not shown.embed:
    # On top of every page, drawn before the page: filled later, it would push the page down.
    language_switch(shown)
navigation.run()
skip_link(loc)  # Streamlit's own skip link, in the page's language
