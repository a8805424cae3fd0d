"""What the reader asked for: one record per run (`View`), read once, at the top of the run.

The address is the source of truth when a link is opened; after that the widgets are, and
every change is written back, so the address can always be shared. A value the page does
not know is dropped from the address with a quiet notice, never an error. One `Param` owns
that protocol for each address parameter: its name, its check, its default, its widget and
its notice; the binder (the `Param`s below) is built once, when the module is imported.

`read()` (dashboard.py, every run) takes the address, the session and the widgets' values into
one immutable `View`; its side effects (a bad parameter dropped with its notice, the session's
choices remembered) happen there, once. Pages and panels are handed the record (`current()`).

A widget's change is taken from its value, not from a callback: Streamlit never registers a
widget's callback in a session's first run, and after a server restart the page reconnects in a
new session, whose first run is the reader's next click. From a session's second run on, a
widget's value is in the session when the run starts and `read()` takes it; in a first run it is
known only when the widget is drawn, and `ui.controls` takes it there (then the run starts again,
once).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import streamlit as st

from reportmap.errors import DataError
from reportmap.library import DEFAULT_REPORT
from reportmap.measured import parse_day, place_day
from reportmap.regions import Role, figures
from reportmap.scenarios import DEFAULT_SCENARIO, ColourBy, Scenario, parse
from reportmap.texts import DEFAULT_LANG, DEFAULT_LOCALE, LANGUAGES, Locale
from ui import state
from ui.data import DataVersion, data_version, library, load_data

PLAY_STEP = dt.timedelta(weeks=1)
Shown = TypeVar("Shown")  # a run's record of what its widgets were given (`changed`)
NO_DAY = dt.date.min  # the day fields of a view whose report could not be loaded (the page stops on its error)


@dataclass(frozen=True)
class Known:
    """What this run checks a value against: the library's reports, the report's date and the days
    measured (None when the report could not be loaded) and the regions one can select."""

    reports: frozenset[str]
    report_date: dt.date | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    regions: frozenset[str] = frozenset()
    missing: int = 0  # days without a file

    def day(self, value: str) -> bool:
        """A day within the range (`parse_day` reads the range's `first` and `last`, as a series')."""
        return self.first is not None and parse_day(value, self) is not None


@dataclass(frozen=True)
class Param:
    """One address parameter: read -> check -> remember -> write back.

    Which wins: a link (or an address changed by hand) over what the session remembered; after
    that, the reader's last choice. The remembered value survives page switches (widget keys
    do not), under `ui.state.remembered(name)`. `valid` and `default` are told what this run
    knows (`Known`, or a page's own context).
    """

    name: str  # in the address
    valid: Callable[[str, Any], bool]
    default: Callable[[Any], str]
    notice: str  # text key of the quiet notice for an unknown value
    widget: str | None = None  # the widget's session key, if the page has a widget for it
    page: str = ""  # a page's own parameters are remembered apart (ui.state.CHECK_PAGE)

    @property
    def store(self) -> str:
        return state.remembered(self.name, self.page)

    @property
    def asked(self) -> str:
        return state.asked(self.name, self.page)

    def take(self, known: Any, loc: Locale, changed: str | None = None) -> str:
        """The value in force for this run: a new link's, else the widget's (`changed`: its value,
        when the reader changed it), else the session's last choice, else the default. Called once
        per run (by `read()` or a page's own reading)."""
        asked = st.query_params.get(self.name)
        if asked is not None and not self.valid(asked, known):
            del st.query_params[self.name]
            st.toast(loc.t(self.notice))
            asked = None
        default = self.default(known)
        if asked is not None and st.session_state.get(self.asked) != asked:
            st.session_state[self.asked] = asked
            chosen = asked
        else:
            chosen = changed if changed is not None else st.session_state.get(self.store, default)
        if chosen != default and not self.valid(chosen, known):  # a report file removed meanwhile, say
            chosen = default
        st.session_state[self.store] = chosen
        return chosen

    def kept(self, known: Any) -> str:
        """The session's last choice, or the default, without the address: for a page that does not
        read this parameter (it is not that page's to drop or to change)."""
        default = self.default(known)
        chosen = st.session_state.get(self.store, default)
        return chosen if chosen == default or self.valid(chosen, known) else default

    def choose(self, value: str) -> None:
        """A choice made during the run (a click on the map, a first run's widget): the next run's."""
        st.session_state[self.store] = value

    def write_back(self, value: str, known: Any = None) -> None:
        """Put the value in the address (or take it out, for the default)."""
        st.session_state[self.asked] = value
        if value == self.default(known):
            st.query_params.pop(self.name, None)
        elif st.query_params.get_all(self.name) != [value]:  # also collapses a repeated key to one value
            st.query_params[self.name] = value


def _is(kind: type[StrEnum]) -> Callable[[str, Any], bool]:
    return lambda value, _: parse(kind, value, next(iter(kind)))[1]


def _report_date(known: Known) -> str:
    return (known.report_date or NO_DAY).isoformat()


# The binder: every parameter of the map's view, built once.
LANG = Param("lang", lambda v, _: v in LANGUAGES, lambda _: DEFAULT_LANG, "unknown_lang")
REPORT = Param("report", lambda v, k: v in k.reports, lambda _: DEFAULT_REPORT, "unknown_report")
SCENARIO = Param("scenario", _is(Scenario), lambda _: DEFAULT_SCENARIO.value, "unknown_scenario", state.SCENARIO)
READING = Param("reading", _is(ColourBy), lambda _: ColourBy.WORDING.value, "unknown_reading", state.READING)
REGION = Param("region", lambda v, k: v in k.regions, lambda _: "", "unknown_region", state.REGION)
DATE = Param("date", lambda v, k: k.day(v), _report_date, "unknown_date", state.DATE)
SINCE = Param("since", lambda v, k: k.day(v), _report_date, "unknown_since")

# Which parameters each page reads from the address (by the page's url_path; the map's is ""): the
# others are the session's, untouched (the Check a claim page has a `?date=` of its own).
ADDRESS = {"": {REPORT, SCENARIO, READING, REGION, DATE, SINCE}, "timeline": {REPORT, DATE, SINCE},
           "method": {REPORT, SCENARIO, DATE}, "conditions": {REPORT}, "check": {REPORT}, "reports": set()}


@dataclass(frozen=True)
class View:
    """What this run shows, as the reader asked for it (read once, by `read()`)."""

    loc: Locale  # the interface language: its texts and formats (its `code` only where a code is the value)
    report: str
    scenario: Scenario
    reading: ColourBy
    region: str | None
    day: dt.date  # the day measured shown (NO_DAY when the report could not be loaded)
    asked_since: dt.date  # `?since=`, or the report's date
    known: Known
    outside: tuple[dt.date, str, dt.date] | None = None  # a link's day outside the range, while it stands in
    playing: bool = False
    change_choice: bool | None = None  # the reader's own switch of the change layer, once made
    embed: bool = False
    error: DataError | None = None  # the report's data could not be loaded (ui.page shows it)
    pressed: frozenset[str] = frozenset()  # the buttons whose click this run's reading took
    first_run: bool = False  # the session's first run: no widget's value is known before it is drawn

    @property
    def report_date(self) -> dt.date:
        return self.known.report_date or NO_DAY

    @property
    def since(self) -> dt.date:
        """The day the change is told from: `?since=` when it is before the day shown, else the report's date."""
        return self.asked_since if self.asked_since == self.report_date or self.asked_since < self.day \
            else self.report_date

    def since_note(self) -> str:
        if self.since == self.asked_since:
            return ""
        loc = self.loc
        return loc.t("since_not_before", since=loc.date(self.asked_since), day=loc.date(self.day),
                     report=loc.date(self.report_date))

    @property
    def change_layer(self) -> bool:
        """Is the change drawn: the reader's choice once made, else on for a day after the one compared from."""
        return self.day > self.since if self.change_choice is None else self.change_choice

    def date_notice(self) -> str:
        """While the day a link asked for outside the range stands in for it: which day was asked,
        the range, and which day is shown. Empty otherwise."""
        if self.outside is None or self.known.first is None or self.known.last is None:
            return ""
        asked, where, _ = self.outside
        key = "date_after_range" if where == "after" else "date_before_range"
        loc = self.loc
        return loc.t(key, asked=loc.date(asked), first=loc.date(self.known.first), last=loc.date(self.known.last))


def changed(key: str, before: Shown | None, shown: Callable[[Shown], object],
            to_text: Callable[[Any], str | None] = lambda value: value) -> str | None:
    """The widget's value as text, when the reader changed it since the last run (`before`: the last
    run's view, or a page's own record of its fields, `ui.checkview.CheckView`; `shown`: what it showed
    in the widget); None otherwise, and in a session's first run (the widget is not in the session yet:
    `ui.controls` takes its value when it is drawn)."""
    if before is None or key not in st.session_state:
        return None
    value = st.session_state[key]
    return to_text(value) if value != shown(before) else None


def pressed(key: str) -> bool:
    """A button clicked for this run (from a session's second run on; see `changed`)."""
    return key in st.session_state and st.session_state[key] is True


def _known(report: str, reports: frozenset[str]) -> tuple[Known, DataError | None]:
    """What the report's data tells the reading: its date, the days measured, the regions."""
    try:
        return _known_in(data_version(report), report, reports), None
    except DataError as error:
        return Known(reports), error


# Per data version, in plain Python: the page's cache (st.cache_resource) hashes its arguments on
# every call, a few milliseconds a run that the reading would add to every rerun.
@functools.lru_cache(maxsize=16)
def _known_in(version: DataVersion, report: str, reports: frozenset[str]) -> Known:
    base = load_data(report=report)
    regions = frozenset(rid for rid, figure in figures(base.joined).items() if figure.role != Role.NEIGHBOUR)
    series = base.series
    return Known(reports, base.published.info.date, series.first, series.last, regions, len(series.missing))


def _outside_range(known: Known) -> None:
    """A link's day after the days measured opens the newest day, one before them the first; the
    page says so, naming the range, for as long as that day is shown (`View.date_notice`)."""
    asked = st.query_params.get(DATE.name)
    if known.first is None or known.last is None or asked is None:
        return
    placed = place_day(asked, known)
    if placed is None or placed[1] == "within":
        return
    shown = known.last if placed[1] == "after" else known.first
    st.session_state[state.DATE_OUTSIDE] = (placed[0], placed[1], shown)
    st.query_params[DATE.name] = shown.isoformat()


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _day(known: Known, before: View | None, loc: Locale, asks: set[Param]) -> tuple[dt.date, bool, frozenset[str]]:
    """(the day shown, playing, the buttons taken): the address, the slider, then the day's buttons."""
    playing = bool(st.session_state.get(state.PLAYING, False))
    if known.first is None or known.last is None:
        return NO_DAY, False, frozenset()
    if DATE not in asks:
        return dt.date.fromisoformat(DATE.kept(known)), playing, frozenset()
    _outside_range(known)
    slider = changed(state.DATE, before, lambda view: view.day, _iso)
    day = dt.date.fromisoformat(DATE.take(known, loc, slider))
    taken = frozenset(key for key in state.DAY_BUTTONS if pressed(key))
    stepped = step_day(day, taken, playing, known)
    if stepped is not None:
        day, playing = stepped
        DATE.choose(day.isoformat())
        st.session_state[state.PLAYING] = playing
    return day, playing, taken


def step_day(day: dt.date, buttons: Iterable[str], playing: bool, known: Known) -> tuple[dt.date, bool] | None:
    """What the day's buttons do to (the day, playing); None: nothing was clicked."""
    buttons = set(buttons)
    first, last = known.first or NO_DAY, known.last or NO_DAY
    if state.WEEK_BACK in buttons or state.WEEK_ON in buttons:
        moved = day + (-1 if state.WEEK_BACK in buttons else 1) * PLAY_STEP
        return min(max(moved, first), last), False
    if state.DATE_REPORT in buttons:
        return known.report_date or day, False
    if state.PLAY in buttons:
        return (first if not playing and day + PLAY_STEP > last else day), not playing  # at the end: from the start
    return None


def _outside_shown(day: dt.date) -> tuple[dt.date, str, dt.date] | None:
    outside = st.session_state.get(state.DATE_OUTSIDE)
    if outside and outside[2] != day:  # forgotten once the reader picks another day
        del st.session_state[state.DATE_OUTSIDE]
        return None
    return outside or None


def _since(known: Known, loc: Locale, asks: set[Param]) -> dt.date:
    if known.first is None:
        return NO_DAY
    if SINCE not in asks:
        return dt.date.fromisoformat(SINCE.kept(known))
    if st.session_state.get(SINCE.asked) is None:  # no link asked: the default is the loaded report's date
        st.session_state.pop(SINCE.store, None)
    return dt.date.fromisoformat(SINCE.take(known, loc))


def _choose_change_layer(before: View | None) -> bool | None:
    switched = changed(state.CHANGE_LAYER, before, lambda view: view.change_layer, bool)
    if switched is not None:
        st.session_state[state.CHANGE_LAYER_CHOICE] = switched
    return st.session_state.get(state.CHANGE_LAYER_CHOICE)


def _lang_clicked() -> str | None:
    return next((code for code in LANGUAGES if pressed(state.lang_button(code))), None)


def language() -> Locale:
    """The interface language (`?lang=uk`, the switch, or English): the first part of this run's
    view, taken before the rest because the page's titles and its navigation are in it. Its notice
    for an unknown language is in the default one."""
    return Locale.of(LANG.take(None, DEFAULT_LOCALE, _lang_clicked()))


def read(loc: Locale, page: str = "") -> View:
    """This run's view, from the address, the session and the widgets' values; once per run
    (dashboard.py, when the navigation knows the page: `page` is its url_path, "" for the map), before
    the page draws anything. Notices for bad parameters are shown here, once."""
    before: View | None = st.session_state.get(state.VIEW)
    asks = ADDRESS.get(page, set())

    def take(param: Param, known: Known, shown: Callable[[View], object] = lambda view: None,
             to_text: Callable[[Any], str | None] = lambda value: value) -> str:
        if param not in asks:
            return param.kept(known)
        return param.take(known, loc, changed(param.widget, before, shown, to_text) if param.widget else None)

    reports = frozenset(library())
    report = take(REPORT, Known(reports))
    known, error = _known(report, reports)
    scenario = take(SCENARIO, known, lambda view: view.scenario)
    reading = take(READING, known, lambda view: view.reading)
    region = take(REGION, known, lambda view: view.region, lambda value: value or "")  # cleared: none
    day, playing, taken = _day(known, before, loc, asks)
    clicked = _lang_clicked()
    view = View(loc=loc, report=report, scenario=Scenario(scenario), reading=ColourBy(reading),
                region=region or None, day=day, asked_since=_since(known, loc, asks), known=known,
                outside=_outside_shown(day), playing=playing, change_choice=_choose_change_layer(before),
                embed=bool(st.context.is_embedded), error=error,
                pressed=taken | ({state.lang_button(clicked)} if clicked else set()), first_run=before is None)
    st.session_state[state.VIEW] = view
    return view


def current() -> View:
    """This run's view, as `read()` took it at the top of the run."""
    view = st.session_state.get(state.VIEW)
    return view if view is not None else read(language())  # a page run without the entry point
