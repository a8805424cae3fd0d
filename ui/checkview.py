"""The "Check a claim" page's parts: its address (`?text=`, `?date=`, `?claim=` for a claim filled
or corrected by hand), the form, and each claim's verdict with its map and chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from reportmap import claimparse, claimtext
from reportmap.checks import check_claim_on
from reportmap.claimparse import Found, Reading
from reportmap.claims import ClaimCheck
from reportmap.records import UKRAINE, Claim, Holder, Qualifier, Quantity
from reportmap.texts import collation_key, fmt_date, fmt_int, fmt_number, join_names, t
from ui import checkcharts, state
from ui.data import Data, DataVersion, load_data
from ui.panels import heading, md
from ui.view import Param

EARLIEST = dt.date(2014, 1, 1)  # a claim's day may be before the data (it then cannot be checked), not before this

QUANTITY_KEYS = {Quantity.SHARE: "check_quantity_share", Quantity.KM2: "check_quantity_km2"}
HOLDER_KEYS = {Holder.RUSSIA: "check_holder_russia", Holder.UKRAINE: "check_holder_ukraine"}
QUALIFIER_KEYS = {
    Qualifier.BARE: "check_qualifier_bare", Qualifier.ABOUT: "check_qualifier_about",
    Qualifier.MORE_THAN: "check_qualifier_more-than", Qualifier.ALMOST: "check_qualifier_almost",
    Qualifier.LESS_THAN: "check_qualifier_less-than", Qualifier.ALL: "check_qualifier_all",
    Qualifier.ALMOST_ALL: "check_qualifier_almost-all", Qualifier.SOME: "check_qualifier_some",
}
UNREAD_KEYS = {"scope": "unread_scope", "change": "unread_change", "value": "unread_value",
               "nothing": "unread_nothing", "too-long": "unread_too-long", "too-many": "unread_too-many"}
NOTE_KEYS = {"sq-mi": "note_sq-mi", "complement": "note_complement", "range": "note_range",
             "majority": "note_majority", "one-in": "note_one-in"}


def _is_day(value: str) -> bool:
    try:
        return EARLIEST <= dt.date.fromisoformat(value) <= dt.date.today()
    except ValueError:
        return False


def date_typed(param: Param, lang: str) -> None:
    """The date field's callback: a day as YYYY-MM-DD becomes the choice; anything else a quiet notice."""
    typed = str(st.session_state.get(param.widget) or "").strip()
    if _is_day(typed):
        param.choose(typed)
    else:
        st.toast(t("check_date_invalid", lang, typed=typed[:20]))


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


def params(newest: dt.date, units: set[str]) -> tuple[Param, Param, Param]:
    text = Param("text", "", lambda v: len(v) <= claimparse.MAX_CHARS, "unknown_text", widget=state.CHECK_TEXT,
                 page=state.CHECK_PAGE)
    date = Param("date", newest.isoformat(), _is_day, "unknown_check_date", widget=state.CHECK_DATE,
                 page=state.CHECK_PAGE)
    hand = Param("claim", "", lambda v: Fields.parse(v, units) is not None, "unknown_claim", page=state.CHECK_PAGE)
    return text, date, hand


@st.cache_data(show_spinner=False, max_entries=256)
def read(text: str, date: dt.date) -> Reading:
    return claimparse.read(text, date)


def scope_names(scope: tuple[str, ...], names: dict[str, str], lang: str) -> str:
    if scope == (UKRAINE,):
        return t("check_whole_country", lang)
    return join_names([names.get(unit, unit) for unit in scope], lang)


def reading_line(claim: Claim, names: dict[str, str], lang: str) -> str:
    if claim.value is None:
        value = ""
    elif claim.quantity is Quantity.SHARE:
        value = f"{fmt_number(claim.value, lang)}%"
    else:
        value = f"{fmt_int(claim.value, lang)} {t('km2', lang)}"
    qualifier = "" if claim.qualifier is Qualifier.BARE else t(QUALIFIER_KEYS[claim.qualifier], lang)
    return t("check_reading", lang, holder=t(HOLDER_KEYS[claim.holder], lang),
             quantity=t(QUANTITY_KEYS[claim.quantity], lang), scope=scope_names(claim.scope, names, lang),
             figure=" ".join(part for part in (qualifier, value) if part))


def unread_lines(reading: Reading, lang: str) -> list[str]:
    lines = []
    for item in reading.unread:
        code, _, what = item.partition(":")
        lines.append(t(UNREAD_KEYS[code], lang, what=what))
    return lines


def form(index: int, fields: Fields, unit_options: list[str], names: dict[str, str], lang: str) -> Fields | None:
    """The claim's fields, editable; the corrected fields when the reader submits them."""
    with st.form(key=f"check_form_{index}", border=True):
        st.markdown(md(t("check_form_title", lang)))
        scope = st.multiselect(t("check_scope_label", lang), options=unit_options,
                               default=[u for u in fields.scope if u in unit_options],
                               format_func=lambda u: t("check_whole_country", lang) if u == UKRAINE else names[u],
                               key=f"check_scope_{index}")
        left, middle, right = st.columns(3)
        quantity = left.selectbox(t("check_quantity_label", lang), list(Quantity), key=f"check_quantity_{index}",
                                  index=list(Quantity).index(fields.quantity),
                                  format_func=lambda q: t(QUANTITY_KEYS[q], lang))
        qualifier = middle.selectbox(t("check_qualifier_label", lang), list(Qualifier),
                                     index=list(Qualifier).index(fields.qualifier), key=f"check_qualifier_{index}",
                                     format_func=lambda q: t(QUALIFIER_KEYS[q], lang))
        value = right.number_input(t("check_value_label", lang), min_value=0.0, value=fields.value,
                                   key=f"check_value_{index}", format="%g")
        holder = st.radio(t("check_holder_label", lang), list(Holder), index=list(Holder).index(fields.holder),
                          horizontal=True, key=f"check_holder_{index}", format_func=lambda h: t(HOLDER_KEYS[h], lang))
        if not st.form_submit_button(t("check_submit", lang)):
            return None
    chosen = (UKRAINE,) if UKRAINE in scope or not scope else tuple(scope)
    return Fields(chosen, quantity, qualifier, value, holder)


def unit_options(data: Data, lang: str) -> tuple[list[str], dict[str, str]]:
    from reportmap.regions import names as region_names

    names = region_names(data.joined, lang)
    ukraine = sorted((u for u in names if u.startswith("UA-")), key=lambda u: collation_key(names[u], lang))
    return [UKRAINE, *ukraine], names


def result(index: int, check: ClaimCheck, found: Found | None, data: Data, names: dict[str, str], lang: str,
           *, pictures: bool) -> None:
    """One claim: how it was read, the measurement of its day, the verdict and how far off it is."""
    claim = check.claim
    st.markdown(heading(t("check_claim_heading", lang, n=index + 1), 2))
    st.markdown(md(reading_line(claim, names, lang)))
    for note in found.notes if found else ():
        st.caption(md(t(NOTE_KEYS[note], lang)))
    verdict = claimtext.verdict_label(check.verdict, lang)
    if check.measured is None:
        st.markdown(f"**{md(verdict)}**: {md(claimtext.measured_phrase(check, lang))} "
                    + md(t("check_range", lang, first=fmt_date(data.series.first, lang),
                           last=fmt_date(data.series.last, lang))))
        return
    day = check.measured.day
    st.markdown(f"**{md(verdict)}**. " + md(t("check_measured_on", lang, day=fmt_date(day, lang),
                                              measured=claimtext.measured_phrase(check, lang),
                                              distance=claimtext.distance_phrase(check, lang))))
    if day != claim.date:
        st.caption(md(t("check_nearest_day", lang, asked=fmt_date(claim.date, lang), day=fmt_date(day, lang))))
    if pictures:
        pictures_for(check, data, names, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_spec(scope: tuple[str, ...], day: dt.date, lang: str, version: DataVersion) -> dict:
    """The check map of a territory on a day, made once per data version (simplifying the outlines
    is what a rerun would otherwise spend its time on)."""
    data = load_data(day=day)
    ukraine = data.joined[data.joined["id"].str.startswith("UA-")]
    from reportmap.regions import names as region_names

    return checkcharts.map_spec(ukraine, scope, data.overlay(), region_names(data.joined, lang), lang)


@st.cache_data(show_spinner=False, max_entries=256)
def _series_spec(check: ClaimCheck, ids: tuple[str, ...], lang: str, version: DataVersion) -> dict:
    return checkcharts.series_spec(check, load_data().series, ids, lang)


def pictures_for(check: ClaimCheck, data: Data, names: dict[str, str], lang: str) -> None:
    claim = check.claim
    ids = tuple(u for u in names if u.startswith("UA-")) if claim.scope == (UKRAINE,) else claim.scope
    st.vega_lite_chart(_map_spec(claim.scope, check.measured.day, lang, data.version), width="stretch",
                       key=f"check_map_{check.measured.day}_{'-'.join(ids)[:60]}")
    st.caption(md(t("check_map_caption", lang, day=fmt_date(check.measured.day, lang))))
    st.vega_lite_chart(_series_spec(check, ids, lang, data.version), width="stretch")
    st.caption(md(t("check_chart_caption", lang)))


def check_all(claims: list[tuple[Claim, Found | None]], data: Data) -> list[ClaimCheck]:
    return [check_claim_on(claim, data.series) for claim, _ in claims]
