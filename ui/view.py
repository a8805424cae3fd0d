"""What the reader asked for, from the address and the widgets, kept in step with both.

The address is the source of truth when a link is opened; after that the widgets are, and
every change is written back, so the address can always be shared. A value the page does
not know is dropped from the address with a quiet notice, never an error. One `Param` owns
that protocol for each address parameter: its name, parser, default and widget key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import streamlit as st

from reportmap.library import DEFAULT_REPORT
from reportmap.measured import MeasuredSeries, parse_day, place_day
from reportmap.scenarios import DEFAULT_SCENARIO, ColourBy, Scenario, parse
from reportmap.texts import DEFAULT_LANG, LANGUAGES, fmt_date, fmt_days, newest_note, t, t_md
from ui import state
from ui.data import library, today
from ui.panels import md  # a popover's label is Markdown: the region's name is escaped


@dataclass(frozen=True)
class Param:
    """One address parameter: read -> validate -> remember -> write back.

    Which wins: a link (or an address changed by hand) over what the session remembered; after
    that, the reader's last choice. The remembered value survives page switches (widget keys
    do not), under `ui.state.remembered(name)`.
    """

    name: str  # in the address
    default: str
    valid: Callable[[str], bool]
    notice: str  # text key of the quiet notice for an unknown value
    widget: str | None = None  # the widget's session key, if the page has a widget for it

    page: str = ""  # a page's own parameters are remembered apart (ui.state.CHECK_PAGE)

    @property
    def _store(self) -> str:
        return state.remembered(self.name, self.page)

    @property
    def _asked(self) -> str:
        return state.asked(self.name, self.page)

    def read(self, lang: str = DEFAULT_LANG) -> str:
        """The value in force for this run."""
        asked = st.query_params.get(self.name)
        if asked is not None and not self.valid(asked):
            del st.query_params[self.name]
            st.toast(t(self.notice, lang))
            asked = None
        if asked is not None and st.session_state.get(self._asked) != asked:
            st.session_state[self._asked] = asked
            st.session_state[self._store] = asked
        return st.session_state.setdefault(self._store, self.default)

    def choose(self, value: str | None) -> None:
        """The reader's choice becomes what the session remembers (None: keep the last choice,
        as when a segmented control is clicked off)."""
        if value is not None:
            st.session_state[self._store] = value

    def from_widget(self, to_text: Callable[[object], str | None] = lambda v: v) -> None:
        """Widget callback: remember the widget's value."""
        self.choose(to_text(st.session_state.get(self.widget)))

    def write_back(self, value: str) -> None:
        """Put the value in the address (or take it out, for the default)."""
        st.session_state[self._asked] = value
        if value == self.default:
            st.query_params.pop(self.name, None)
        elif st.query_params.get_all(self.name) != [value]:  # also collapses a repeated key to one value
            st.query_params[self.name] = value


def _is(kind: type[StrEnum]) -> Callable[[str], bool]:
    return lambda value: parse(kind, value, next(iter(kind)))[1]


LANG = Param("lang", DEFAULT_LANG, lambda v: v in LANGUAGES, "unknown_lang")
SCENARIO = Param("scenario", DEFAULT_SCENARIO.value, _is(Scenario), "unknown_scenario", widget=state.SCENARIO)
READING = Param("reading", ColourBy.WORDING.value, _is(ColourBy), "unknown_reading", widget=state.READING)


def _report_param() -> Param:
    return Param("report", DEFAULT_REPORT, lambda v: v in library(), "unknown_report")


def report(lang: str) -> str:
    """The report shown (`?report=<id>` of the library; the seed by default), kept in the address. An
    unknown or hostile id is dropped with a quiet notice, and the default report is shown."""
    param = _report_param()
    chosen = param.read(lang)
    if chosen not in library():  # a report file removed while a session remembered it
        chosen = param.default
        param.choose(chosen)
    param.write_back(chosen)
    return chosen


def language() -> str:
    """The interface language: `?lang=uk`, the switch, or English."""
    return LANG.read()


def language_switch(lang: str) -> None:
    """One button per language, the current one marked. Plain buttons, not a segmented control:
    they come with Streamlit's first bundle, so the switch has its height at once and pushes
    nothing down when its code arrives (a layout shift on every page)."""
    with st.container(horizontal=True, gap="small", key="language_switch"):
        for code, name in LANGUAGES.items():
            current = code == lang  # shown ticked; a primary button's white text is too faint in the dark theme
            clicked = st.button(name, key=f"lang_{code}", icon=":material/check:" if current else None,
                                disabled=current, on_click=LANG.choose, args=(code,), help=t("language", lang))
            if clicked and not current:
                # A session's first run can be a click (a page reconnected to a restarted server): its
                # callback was never registered in this session, so the choice is taken here, once.
                LANG.choose(code)
                LANG.write_back(code)
                st.rerun()
    LANG.write_back(lang)


def scenario(lang: str) -> Scenario:
    """The scenario the reader chose on the map page (or the link names), without a widget."""
    return Scenario(SCENARIO.read(lang))


def scenario_control(lang: str) -> Scenario:
    current = SCENARIO.read(lang)
    st.session_state[SCENARIO.widget] = current
    st.segmented_control(t("scenario", lang), options=[s.value for s in Scenario], key=SCENARIO.widget,
                         format_func=lambda v: t(Scenario(v).key, lang), on_change=SCENARIO.from_widget,
                         wrap=True)  # on a phone: rows, not off the edge
    SCENARIO.write_back(current)
    return Scenario(current)


def colour_by(lang: str) -> ColourBy:
    """What the map is coloured by (`?reading=`), without a widget."""
    return ColourBy(READING.read(lang))


def colour_control(lang: str) -> ColourBy:
    current = READING.read(lang)
    st.session_state[READING.widget] = current
    st.segmented_control(t("colour_by", lang), options=[c.value for c in ColourBy], key=READING.widget,
                         help=t("colour_by_help", lang), format_func=lambda v: t(ColourBy(v).key, lang),
                         on_change=READING.from_widget, wrap=True)
    READING.write_back(current)
    return ColourBy(current)


# --- the region (`?region=<ISO 3166-2 id>`) ---------------------------------------------------



def _region_param(selectable: dict[str, str]) -> Param:
    return Param("region", "", lambda v: v in selectable, "unknown_region", widget=state.REGION)


def region(lang: str, selectable: dict[str, str]) -> str | None:
    """The region chosen (`?region=`, a click on the map, the list), without a widget; None: none."""
    return _region_param(selectable).read(lang) or None


def choose_region(selectable: dict[str, str], region_id: str) -> None:
    """A click on the map: the region becomes the reader's choice."""
    _region_param(selectable).choose(region_id)


def _picked(param: Param) -> None:
    """A choice in the list closes the list, so the details beside the map can be read."""
    param.from_widget(lambda value: value or "")  # cleared: no region
    st.session_state[state.REGION_PICKER] = False


def region_picker(lang: str, selectable: dict[str, str]) -> str | None:
    """The list of regions, alphabetical in the interface language, in a popover named after the choice."""
    param = _region_param(selectable)
    current = param.read(lang) or None
    st.session_state[param.widget] = current
    label = t_md("region_picked", lang, name=selectable[current]) if current else t("region_pick", lang)
    with st.popover(label, icon=":material/location_on:", width="stretch", key=state.REGION_PICKER):
        st.selectbox(t("region", lang), options=list(selectable), key=param.widget, format_func=selectable.__getitem__,
                     index=None, on_change=_picked, args=(param,), placeholder=t("region_placeholder", lang))
    param.write_back(current or "")
    return current


# --- the day of the measurement (`?date=YYYY-MM-DD`) ---------------------------------------

PLAY_STEP = dt.timedelta(weeks=1)
PLAY_EVERY_S = 1.5




def _date_param(series: MeasuredSeries, report_date: dt.date) -> Param:
    return Param("date", report_date.isoformat(), lambda v: parse_day(v, series) is not None, "unknown_date",
                 widget=state.DATE)


def _outside_range(series: MeasuredSeries) -> None:
    """A link's day after the days measured opens the newest day, one before them the first; the
    page says so, naming the range, for as long as that day is shown (`date_notice`)."""
    asked = st.query_params.get("date")
    placed = place_day(asked, series) if asked is not None else None
    if placed is None or placed[1] == "within":
        return
    shown = series.last if placed[1] == "after" else series.first
    st.session_state[state.DATE_OUTSIDE] = (placed[0], placed[1], shown)
    st.query_params["date"] = shown.isoformat()


def day(lang: str, series: MeasuredSeries, report_date: dt.date) -> dt.date:
    """The day whose measurement the page shows (default: the report's), without a widget."""
    _outside_range(series)
    return dt.date.fromisoformat(_date_param(series, report_date).read(lang))


def date_notice(lang: str, series: MeasuredSeries, current: dt.date) -> str:
    """While the day a link asked for outside the range stands in for it: which day was asked, the
    range, and which day is shown. Empty otherwise (and forgotten once the reader picks another day)."""
    outside = st.session_state.get(state.DATE_OUTSIDE)
    if not outside:
        return ""
    asked, where, shown = outside
    if shown != current:
        del st.session_state[state.DATE_OUTSIDE]
        return ""
    key = "date_after_range" if where == "after" else "date_before_range"
    return t(key, lang, asked=fmt_date(asked, lang), first=fmt_date(series.first, lang),
             last=fmt_date(series.last, lang))


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _to_report_date(param: Param) -> None:
    st.session_state[state.PLAYING] = False
    param.choose(param.default)


def _toggle_play(param: Param, series: MeasuredSeries) -> None:
    playing = not st.session_state.get(state.PLAYING, False)
    st.session_state[state.PLAYING] = playing
    if playing and dt.date.fromisoformat(param.read()) + PLAY_STEP > series.last:
        param.choose(series.first.isoformat())  # at the end: play from the start


def _step(param: Param, series: MeasuredSeries) -> None:
    """One step of play: a week on; at the last day, stop there."""
    following = dt.date.fromisoformat(param.read()) + PLAY_STEP
    if following >= series.last:
        following = series.last
        st.session_state[state.PLAYING] = False
    param.choose(following.isoformat())


def _step_by(param: Param, series: MeasuredSeries, weeks: int) -> None:
    """A week back or on, within the days measured."""
    st.session_state[state.PLAYING] = False
    day = dt.date.fromisoformat(param.read()) + weeks * PLAY_STEP
    param.choose(min(max(day, series.first), series.last).isoformat())


def date_control(lang: str, series: MeasuredSeries, report_date: dt.date) -> dt.date:
    """The day measured: a week back or on, a slider over every day (in a popover: its code loads
    only when it opens, not while the map does), play by week, and the way back to the report's date;
    under them, which day is the newest measured and how old it is today."""
    _outside_range(series)
    param = _date_param(series, report_date)
    current = dt.date.fromisoformat(param.read(lang))
    report = fmt_date(report_date, lang)
    playing = bool(st.session_state.get(state.PLAYING, False))
    with st.container(horizontal=True, gap="small", key="date_buttons"):
        st.button(t("week_back", lang), key="week_back", icon=":material/chevron_left:",
                  disabled=current <= series.first, on_click=_step_by, args=(param, series, -1))
        with st.popover(t("date_picked", lang, date=fmt_date(current, lang)), icon=":material/calendar_month:",
                        key="date_picker", help=t("date_help", lang, first=fmt_date(series.first, lang),
                                                  last=fmt_date(series.last, lang), report=report)):
            st.session_state[param.widget] = current
            st.slider(t("date", lang), min_value=series.first, max_value=series.last, step=dt.timedelta(days=1),
                      format="YYYY-MM-DD", key=param.widget, on_change=param.from_widget, args=(_iso,),
                      width=360)
            st.caption(t("date_range", lang, first=fmt_date(series.first, lang), last=fmt_date(series.last, lang),
                         missing=fmt_days(len(series.missing), lang)))
        st.button(t("week_on", lang), key="week_on", icon=":material/chevron_right:", icon_position="right",
                  disabled=current >= series.last, on_click=_step_by, args=(param, series, 1))
        st.button(t("pause" if playing else "play", lang), key="play",
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  on_click=_toggle_play, args=(param, series), help=t("play_help", lang))
        st.button(t("date_report", lang, report=report), key="date_report", icon=":material/event:",
                  disabled=current == report_date, on_click=_to_report_date, args=(param,),
                  help=t("date_report_help", lang, report=report))
    st.caption(md(newest_note(series.last, today(), lang)))
    if playing:
        _player(param, series)
    param.write_back(current.isoformat())
    return current


def _player(param: Param, series: MeasuredSeries) -> None:
    """While playing, a timer steps the day and reruns the page; it stops at the last day or on Pause."""

    @st.fragment(run_every=PLAY_EVERY_S)
    def tick() -> None:
        # The fragment also runs within every full run: only a timer's run steps.
        if st.session_state.get(state.PLAY_ARMED) and st.session_state.get(state.PLAYING, False):
            _step(param, series)
            st.rerun()
        st.session_state[state.PLAY_ARMED] = True

    st.session_state[state.PLAY_ARMED] = False
    tick()


# --- the day a change is told from (`?since=YYYY-MM-DD`) --------------------------------------


def _since_param(series: MeasuredSeries, report_date: dt.date) -> Param:
    return Param("since", report_date.isoformat(), lambda v: parse_day(v, series) is not None, "unknown_since")


def since(lang: str, series: MeasuredSeries, report_date: dt.date, day: dt.date) -> tuple[dt.date, str]:
    """The day the change on the map and in the panel is told from (default: the report's date, as
    loaded), and a note when the address asks for one that is not before the day shown (then the
    report's date is used, and the address keeps the link's day for when a later day is shown).
    Garbage and days outside the range are dropped with a quiet notice, as for `?date=`."""
    param = _since_param(series, report_date)
    if st.session_state.get(param._asked) is None:  # no link asked: the default is the loaded report's date
        st.session_state.pop(param._store, None)
    asked = dt.date.fromisoformat(param.read(lang))
    param.write_back(asked.isoformat())
    if asked == report_date or asked < day:
        return asked, ""
    return report_date, t("since_not_before", lang, since=fmt_date(asked, lang), day=fmt_date(day, lang),
                          report=fmt_date(report_date, lang))
