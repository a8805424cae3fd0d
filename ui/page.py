"""What every page does first: load the data, or show one clear error and stop."""

from __future__ import annotations

import datetime as dt
import json
import runpy
import time
from pathlib import Path

import streamlit as st

from reportmap.errors import DataError
from reportmap.scenarios import DEFAULT_SCENARIO, Scenario, offered
from reportmap.texts import DEFAULT_LANG, Locale
from ui import state, view
from ui.data import Data, load_data

# How long a session's first run waits after set_page_config, before drawing anything: long enough
# for a busy browser to keep the first screen within the layout-shift budget
# (tests/browser/test_layout_shift_browser.py; why this value and not less: commit 88cbaa0).
LAYOUT_SETTLE_S = 0.1


def let_layout_settle() -> None:
    """On a session's first run, give the browser a few frames to apply the wide layout before
    anything is drawn in the main container.

    Streamlit draws its empty main container in the centred layout as soon as the page opens and
    widens it when set_page_config(layout="wide") arrives. If the first elements arrive in the
    same frame, the widening moves the whole first screen: a layout shift of 0.23 (Lighthouse,
    desktop, warm server). Arriving a little later (LAYOUT_SETTLE_S), they land in the wide
    container and nothing moves (0.03). Later runs and other pages of the same session do not wait.
    """
    if not st.session_state.get(state.LAID_OUT):
        st.session_state[state.LAID_OUT] = True
        time.sleep(LAYOUT_SETTLE_S)


def start_page() -> view.View:
    """Every page's first line: make sure the entry point ran; returns this run's view (read once,
    by the entry point: `ui.view.read`)."""
    through_dashboard()
    return view.current()


def data_or_stop(shown: view.View, scenario: Scenario = DEFAULT_SCENARIO, day: dt.date | None = None) -> Data:
    """The loaded data of the view's report (for `day`; None: the report's date), its id kept in the
    address; on a bad data file, one clear error box and the run ends."""
    try:
        if shown.error is not None:
            raise shown.error
        data = load_data(scenario, day, shown.report)
    except DataError as error:
        st.error(shown.loc.t("data_error", error=error))
        st.stop()
        raise  # unreachable: st.stop() ends the run
    view.REPORT.write_back(shown.report, shown.known)
    return data


def day_data_or_stop(shown: view.View, scenario: Scenario = DEFAULT_SCENARIO) -> tuple[Data, Data]:
    """(the data on the report's date, the data on the view's day). A report that gives nothing a
    scenario illustrates is shown as reported (`Data.scenario` says which)."""
    base = data_or_stop(shown, scenario)
    if scenario is not DEFAULT_SCENARIO and not offered(base.published):
        base = data_or_stop(shown, DEFAULT_SCENARIO)
    day = shown.day
    return base, base if day == base.published.info.date else data_or_stop(shown, base.scenario, day)


SKIP_LINK_JS = Path(__file__).resolve().parent / "skip_link.js"


def skip_link(loc: Locale) -> None:
    """Streamlit's skip link ("Skip to main content", fixed in its bundle) in the reader's language.
    Last on the page: an empty element, it moves nothing. In English, Streamlit's own words stand:
    no script, and none of the code Streamlit loads for one (counted in the first screen's bytes,
    bench/README.md), unless this session's page was relabelled in another language before and must
    be set back."""
    if loc.code == DEFAULT_LANG and not st.session_state.get(state.SKIP_LINK_RELABELLED):
        return
    st.session_state[state.SKIP_LINK_RELABELLED] = loc.code != DEFAULT_LANG
    script = SKIP_LINK_JS.read_text(encoding="utf-8").replace("__LABEL__", json.dumps(loc.t("skip_link")))
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def through_dashboard() -> None:
    """Make sure this page runs inside dashboard.py's navigation.

    Streamlit still treats an app with a `pages/` folder as a legacy multipage app until
    the first `st.navigation` call in the process. If a server's very first visitor opens
    a page's own address (a shared link to /timeline, say), Streamlit runs that page
    alone: no page config, legacy navigation. Run the entry point instead, which calls
    `st.navigation` and then this page, and end the legacy run.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without the legacy mode
        return
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(DASHBOARD), run_name="__main__")
        st.stop()
