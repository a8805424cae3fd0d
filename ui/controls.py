"""The view's widgets: the language switch, the scenario and the colours, the region list, the day.

Each widget shows this run's `ui.view.View` and no callback is relied on: `ui.view.read` takes a
change from the widget's value when the run starts. In a session's first run (a page reconnected to
a restarted server, whose first run is the reader's click) the value is known only once the widget
is drawn: when it is not the view's, it is the reader's change, taken here, and the run starts again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import LANGUAGES
from ui import state
from ui.data import today
from ui.panels import md  # a popover's label is Markdown: the region's name is escaped
from ui.view import DATE, LANG, PLAY_STEP, READING, REGION, SCENARIO, Param, View, step_day

PLAY_EVERY_S = 1.5


def shown_as(view: View, key: str, value: object, default: str) -> dict[str, Any]:
    """How a widget is given the view's value: in a session's first run as its default (`default`:
    the argument's name), so that the widget keeps what the browser sent, if it sent anything
    (`_take` then compares); after that through the session, where the view's value wins over the
    one the widget had (a link's, a click's on the map, a button's)."""
    if view.first_run and key not in st.session_state:
        return {default: value}
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
    return {}


def _take(param: Param, view: View, shown: str, value: str | None) -> None:
    """A session's first run: a widget's value that is not the view's is the reader's change."""
    if value is not None and value != shown:
        param.choose(value)
        param.write_back(value, view.known)
        st.rerun()


def language_switch(view: View) -> None:
    """One button per language, the current one marked. Plain buttons, not a segmented control:
    they come with Streamlit's first bundle, so the switch has its height at once and pushes
    nothing down when its code arrives (a layout shift on every page)."""
    loc = view.loc
    with st.container(horizontal=True, gap="small", key="language_switch"):
        for code, name in LANGUAGES.items():
            current = code == loc.code  # shown ticked; a primary button's white text is too faint in the dark theme
            key = state.lang_button(code)
            clicked = st.button(name, key=key, icon=":material/check:" if current else None, disabled=current,
                                help=loc.t("language"))
            if clicked and key not in view.pressed:
                _take(LANG, view, loc.code, code)
    LANG.write_back(loc.code)


def scenario_control(view: View) -> Scenario:
    loc, current = view.loc, view.scenario.value
    chosen = st.segmented_control(loc.t("scenario"), options=[s.value for s in Scenario], key=SCENARIO.widget,
                                  format_func=lambda v: loc.t(Scenario(v).key),
                                  wrap=True,  # on a phone: rows, not off the edge
                                  **shown_as(view, SCENARIO.widget, current, "default"))
    _take(SCENARIO, view, current, chosen)  # None: clicked off, the last choice stays
    SCENARIO.write_back(current)
    return view.scenario


def colour_control(view: View) -> ColourBy:
    loc, current = view.loc, view.reading.value
    chosen = st.segmented_control(loc.t("colour_by"), options=[c.value for c in ColourBy], key=READING.widget,
                                  help=loc.t("colour_by_help"), format_func=lambda v: loc.t(ColourBy(v).key),
                                  wrap=True, **shown_as(view, READING.widget, current, "default"))
    _take(READING, view, current, chosen)
    READING.write_back(current)
    return view.reading


# The region list's popover and the list in it, by key: a new selection closes the list and gives
# the focus back to its button (ui.mapcomponent.on_map's `closes`, in the browser).
REGION_LIST = {"picker": state.REGION_PICKER, "list": REGION.widget}


def region_picker(view: View, selectable: dict[str, str]) -> str | None:
    """The list of regions, alphabetical in the interface language, in a popover named after the choice."""
    loc, current = view.loc, view.region
    label = loc.md("region_picked", name=selectable[current]) if current else loc.t("region_pick")
    options = list(selectable)
    with st.popover(label, icon=":material/location_on:", width="stretch", key=state.REGION_PICKER):
        # Cleared, the list has no region (index None), never its first.
        shown = shown_as(view, REGION.widget, current, "index")
        shown["index"] = options.index(current) if shown and current in selectable else None  # cleared: none
        chosen = st.selectbox(loc.t("region"), options=options, key=REGION.widget, format_func=selectable.__getitem__,
                              placeholder=loc.t("region_placeholder"), **shown)
    _take(REGION, view, current or "", chosen or "")
    REGION.write_back(current or "", view.known)
    return current


def choose_region(region_id: str) -> None:
    """A click on the map: the region becomes the reader's choice (the page then runs again)."""
    REGION.choose(region_id)


def _day_button(view: View, label: str, key: str, **kwargs: Any) -> None:
    """One of the day's buttons; a session's first run takes its click here (see `_take`)."""
    if st.button(label, key=key, **kwargs) and key not in view.pressed:
        stepped = step_day(view.day, {key}, view.playing, view.known)
        if stepped is not None:
            st.session_state[state.PLAYING] = stepped[1]
            _take(DATE, view, view.day.isoformat(), stepped[0].isoformat())
            st.rerun()  # play or pause on the same day


def date_control(view: View) -> dt.date:
    """The day measured: a week back or on, a slider over every day (in a popover: its code loads
    only when it opens, not while the map does), play by week, and the way back to the report's date;
    under them, which day is the newest measured and how old it is today."""
    loc, current, known = view.loc, view.day, view.known
    first, last, report_date = known.first, known.last, view.report_date
    report = loc.date(report_date)
    with st.container(horizontal=True, gap="small", key="date_buttons"):
        _day_button(view, loc.t("week_back"), state.WEEK_BACK, icon=":material/chevron_left:",
                    disabled=current <= first)
        with st.popover(loc.t("date_picked", date=loc.date(current)), icon=":material/calendar_month:",
                        key="date_picker", help=loc.t("date_help", first=loc.date(first),
                                                      last=loc.date(last), report=report)):
            chosen = st.slider(loc.t("date"), min_value=first, max_value=last, step=dt.timedelta(days=1),
                               format="YYYY-MM-DD", key=DATE.widget, width=360,
                               **shown_as(view, DATE.widget, current, "value"))
            st.caption(loc.t("date_range", first=loc.date(first), last=loc.date(last),
                             missing=loc.days(known.missing)))
        _take(DATE, view, current.isoformat(), chosen.isoformat() if isinstance(chosen, dt.date) else None)
        _day_button(view, loc.t("week_on"), state.WEEK_ON, icon=":material/chevron_right:", icon_position="right",
                    disabled=current >= last)
        _day_button(view, loc.t("pause" if view.playing else "play"), state.PLAY,
                    icon=":material/pause:" if view.playing else ":material/play_arrow:", help=loc.t("play_help"))
        _day_button(view, loc.t("date_report", report=report), state.DATE_REPORT, icon=":material/event:",
                    disabled=current == report_date, help=loc.t("date_report_help", report=report))
    st.caption(md(loc.newest_note(last, today())))
    if view.playing:
        _player(view)
    DATE.write_back(current.isoformat(), known)
    return current


def _player(view: View) -> None:
    """While playing, a timer steps the day and reruns the page; it stops at the last day or on Pause."""
    last = view.known.last

    @st.fragment(run_every=PLAY_EVERY_S)
    def tick() -> None:
        # The fragment also runs within every full run: only a timer's run steps.
        if st.session_state.get(state.PLAY_ARMED) and st.session_state.get(state.PLAYING, False):
            following = view.day + PLAY_STEP
            if following >= last:  # at the last day, stop there
                following = last
                st.session_state[state.PLAYING] = False
            DATE.choose(following.isoformat())
            st.rerun()
        st.session_state[state.PLAY_ARMED] = True

    st.session_state[state.PLAY_ARMED] = False
    tick()


def change_switch(view: View, label: str, help_text: str) -> None:
    """The change layer's switch (ui.change draws it): the view's choice; a first run's click taken."""
    value = view.change_layer
    switched = st.toggle(label, key=state.CHANGE_LAYER, help=help_text,
                         **shown_as(view, state.CHANGE_LAYER, value, "value"))
    if switched != value:
        st.session_state[state.CHANGE_LAYER_CHOICE] = bool(switched)
        st.rerun()
