"""The "Check a claim" page's parts: its address (`?text=`, `?date=`, `?claim=` for a claim filled
or corrected by hand), the form, and each claim's verdict with its map and chart.

The page's fields are read as the map's widgets are (`ui.view`, `ui.controls`), with no callback:
`read_fields`, once at the top of every run, takes what the reader typed from the fields' own
values; in a session's first run (a page reconnected to a restarted server, whose first run is the
reader's entry) those are known only once the fields are drawn, and `drawn` starts the run again,
so that the next run's reading takes them. A sentence is taken once, in one place, whatever the session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from reportmap import claimparse, claimtext
from reportmap.checks import check_claim_on
from reportmap.claimparse import Found, Reading
from reportmap.claims import ClaimCheck
from reportmap.records import UKRAINE, Claim, Holder, Qualifier, Quantity
from reportmap.texts import Locale
from ui import checkcharts, state
from ui.data import Data, DataVersion, load_data
from ui.panels import heading, md
from ui.view import Param, changed

EARLIEST = dt.date(2014, 1, 1)  # a claim's day may be before the data (it then cannot be checked), not before this

UNREAD_KEYS = {"scope": "unread_scope", "change": "unread_change", "value": "unread_value",
               "nothing": "unread_nothing", "too-long": "unread_too-long", "too-many": "unread_too-many"}
NOTE_KEYS = {"sq-mi": "note_sq-mi", "complement": "note_complement", "range": "note_range",
             "majority": "note_majority", "one-in": "note_one-in"}


def _is_day(value: str) -> bool:
    try:
        return EARLIEST <= dt.date.fromisoformat(value) <= dt.date.today()
    except ValueError:
        return False


@dataclass(frozen=True)
class Fields:
    """A claim's fields as the form and `?claim=` carry them."""

    scope: tuple[str, ...]
    quantity: Quantity
    qualifier: Qualifier
    value: float | None
    holder: Holder

    def text(self, index: int) -> str:
        """`?claim=` for the claim at `index` (0-based) as corrected by hand."""
        value = "" if self.value is None else f"{self.value:g}"
        return "|".join((str(index + 1), ",".join(self.scope), self.quantity, self.qualifier, value, self.holder))

    @classmethod
    def parse(cls, text: str, units: set[str]) -> tuple[int, Fields] | None:
        """(index, fields) from `?claim=`; None when it names nothing this page can check."""
        parts = text.split("|")
        if len(parts) != 6 or len(text) > 400 or not parts[0].isdigit() or not 1 <= int(parts[0]) <= 99:
            return None
        index, parts = int(parts[0]) - 1, parts[1:]
        scope = tuple(parts[0].split(",")) if parts[0] else ()
        try:
            fields = cls(scope, Quantity(parts[1]), Qualifier(parts[2]), float(parts[3]) if parts[3] else None,
                         Holder(parts[4]))
        except ValueError:
            return None
        ok = scope == (UKRAINE,) or (scope and all(unit in units for unit in scope))
        return (index, fields) if ok and fields.claim(dt.date.today()) is not None else None

    def claim(self, date: dt.date, words: str = "") -> Claim | None:
        try:
            return Claim(words, self.scope, self.quantity, self.qualifier, self.value, date, self.holder)
        except ValueError:
            return None

    @classmethod
    def of(cls, claim: Claim) -> Fields:
        return cls(claim.scope, claim.quantity, claim.qualifier, claim.value, claim.holder)


@dataclass(frozen=True)
class CheckKnown:
    """What the page checks its address against: the newest day measured (the default day) and the units."""

    newest: dt.date
    units: frozenset[str]


# The page's own address, built once (ui.view.Param); remembered apart from the map's.
TEXT = Param("text", lambda v, _: len(v) <= claimparse.MAX_CHARS, lambda _: "", "unknown_text",
             widget=state.CHECK_TEXT, page=state.CHECK_PAGE)
DATE = Param("date", lambda v, _: _is_day(v), lambda k: k.newest.isoformat() if k else "", "unknown_check_date",
             widget=state.CHECK_DATE, page=state.CHECK_PAGE)
HAND = Param("claim", lambda v, k: Fields.parse(v, set(k.units)) is not None, lambda _: "", "unknown_claim",
             page=state.CHECK_PAGE)


@dataclass(frozen=True)
class CheckView:
    """What the page's fields are given this run (read once, by `read_fields`): the sentence, the day
    (YYYY-MM-DD) and the claim corrected by hand (`?claim=`, "" for none)."""

    text: str
    day: str
    hand: str


def _typed(value: object) -> str:
    return str(value or "")


def read_fields(known: CheckKnown, loc: Locale) -> CheckView:
    """This run's fields, from the address, the session and what the reader typed since the last run
    (a field's value that is not what the last run gave it). A day that is not one (YYYY-MM-DD,
    from 2014 to today) gets a quiet notice, and the day stays. Its notices are shown here, once."""
    before: CheckView | None = st.session_state.get(state.CHECK_VIEW)
    text = TEXT.take(known, loc, changed(TEXT.widget, before, lambda fields: fields.text, _typed))
    typed_day = changed(DATE.widget, before, lambda fields: fields.day, _typed)
    if typed_day is not None and not _is_day(typed_day.strip()):
        st.toast(loc.t("check_date_invalid", typed=typed_day.strip()[:20]))
        typed_day = None
    day = DATE.take(known, loc, None if typed_day is None else typed_day.strip())
    fields = CheckView(text, day, HAND.take(known, loc))
    st.session_state[state.CHECK_VIEW] = fields
    return fields


def drawn(fields: CheckView, text: str, day: str) -> None:
    """After the fields are drawn: in a session's first run they return what the reader entered,
    which this run's reading could not see yet; the run starts again, and its `read_fields` takes it.
    (In any later run a field returns what it was given.)"""
    if (text, day) != (fields.text, fields.day):
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=256)
def read(text: str, date: dt.date) -> Reading:
    return claimparse.read(text, date)


def scope_names(scope: tuple[str, ...], names: dict[str, str], loc: Locale) -> str:
    if scope == (UKRAINE,):
        return loc.t("check_whole_country")
    return loc.join([names.get(unit, unit) for unit in scope])


def reading_line(claim: Claim, names: dict[str, str], loc: Locale) -> str:
    if claim.value is None:
        value = ""
    elif claim.quantity is Quantity.SHARE:
        value = f"{loc.number(claim.value)}%"
    else:
        value = f"{loc.integer(claim.value)} {loc.t('km2')}"
    qualifier = "" if claim.qualifier is Qualifier.BARE else loc.t(claim.qualifier.key)
    return loc.t("check_reading", holder=loc.t(claim.holder.key),
                 quantity=loc.t(claim.quantity.key), scope=scope_names(claim.scope, names, loc),
                 figure=" ".join(part for part in (qualifier, value) if part))


def unread_lines(reading: Reading, loc: Locale) -> list[str]:
    lines = []
    for item in reading.unread:
        code, _, what = item.partition(":")
        lines.append(loc.t(UNREAD_KEYS[code], what=what))
    return lines


def form(index: int, fields: Fields, unit_options: list[str], names: dict[str, str], loc: Locale) -> Fields | None:
    """The claim's fields, editable; the corrected fields when the reader submits them."""
    with st.form(key=f"check_form_{index}", border=True):
        st.markdown(md(loc.t("check_form_title")))
        scope = st.multiselect(loc.t("check_scope_label"), options=unit_options,
                               default=[u for u in fields.scope if u in unit_options],
                               format_func=lambda u: loc.t("check_whole_country") if u == UKRAINE else names[u],
                               key=f"check_scope_{index}")
        left, middle, right = st.columns(3)
        quantity = left.selectbox(loc.t("check_quantity_label"), list(Quantity), key=f"check_quantity_{index}",
                                  index=list(Quantity).index(fields.quantity),
                                  format_func=lambda q: loc.t(Quantity(q).key))
        qualifier = middle.selectbox(loc.t("check_qualifier_label"), list(Qualifier),
                                     index=list(Qualifier).index(fields.qualifier), key=f"check_qualifier_{index}",
                                     format_func=lambda q: loc.t(Qualifier(q).key))
        value = right.number_input(loc.t("check_value_label"), min_value=0.0, value=fields.value,
                                   key=f"check_value_{index}", format="%g")
        holder = st.radio(loc.t("check_holder_label"), list(Holder), index=list(Holder).index(fields.holder),
                          horizontal=True, key=f"check_holder_{index}",
                          format_func=lambda h: loc.t(Holder(h).key))
        if not st.form_submit_button(loc.t("check_submit")):
            return None
    chosen = (UKRAINE,) if UKRAINE in scope or not scope else tuple(scope)
    return Fields(chosen, quantity, qualifier, value, holder)


def unit_options(data: Data, loc: Locale) -> tuple[list[str], dict[str, str]]:
    from reportmap.regions import names as region_names

    names = region_names(data.joined, loc.code)
    ukraine = sorted((u for u in names if u.startswith("UA-")), key=lambda u: loc.collation_key(names[u]))
    return [UKRAINE, *ukraine], names


def result(index: int, check: ClaimCheck, found: Found | None, data: Data, names: dict[str, str], loc: Locale,
           *, pictures: bool) -> None:
    """One claim: how it was read, the measurement of its day, the verdict and how far off it is."""
    claim = check.claim
    st.markdown(heading(loc.t("check_claim_heading", n=index + 1), 2))
    st.markdown(md(reading_line(claim, names, loc)))
    for note in found.notes if found else ():
        st.caption(md(loc.t(NOTE_KEYS[note])))
    verdict = claimtext.verdict_label(check.verdict, loc)
    if check.measured is None:
        st.markdown(f"**{md(verdict)}**: {md(claimtext.measured_phrase(check, loc))} "
                    + md(loc.t("check_range", first=loc.date(data.series.first),
                               last=loc.date(data.series.last))))
        return
    day = check.measured.day
    st.markdown(f"**{md(verdict)}**. " + md(loc.t("check_measured_on", day=loc.date(day),
                                                  measured=claimtext.measured_phrase(check, loc),
                                                  distance=claimtext.distance_phrase(check, loc))))
    if day != claim.date:
        st.caption(md(loc.t("check_nearest_day", asked=loc.date(claim.date), day=loc.date(day))))
    if pictures:
        pictures_for(check, data, names, loc)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_spec(scope: tuple[str, ...], day: dt.date, loc: Locale, version: DataVersion) -> dict:
    """The check map of a territory on a day, made once per data version (simplifying the outlines
    is what a rerun would otherwise spend its time on)."""
    data = load_data(day=day)
    ukraine = data.joined[data.joined["id"].str.startswith("UA-")]
    from reportmap.regions import names as region_names

    return checkcharts.map_spec(ukraine, scope, data.overlay(), region_names(data.joined, loc.code), loc)


@st.cache_data(show_spinner=False, max_entries=256)
def _series_spec(check: ClaimCheck, ids: tuple[str, ...], loc: Locale, version: DataVersion) -> dict:
    return checkcharts.series_spec(check, load_data().series, ids, loc)


def pictures_for(check: ClaimCheck, data: Data, names: dict[str, str], loc: Locale) -> None:
    claim = check.claim
    ids = tuple(u for u in names if u.startswith("UA-")) if claim.scope == (UKRAINE,) else claim.scope
    st.vega_lite_chart(_map_spec(claim.scope, check.measured.day, loc, data.version), width="stretch",
                       key=f"check_map_{check.measured.day}_{'-'.join(ids)[:60]}")
    st.caption(md(loc.t("check_map_caption", day=loc.date(check.measured.day))))
    st.vega_lite_chart(_series_spec(check, ids, loc, data.version), width="stretch")
    st.caption(md(loc.t("check_chart_caption")))


def check_all(claims: list[tuple[Claim, Found | None]], data: Data) -> list[ClaimCheck]:
    return [check_claim_on(claim, data.series) for claim, _ in claims]
