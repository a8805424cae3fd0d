"""Check a claim: a sentence pasted (English, Ukrainian or Russian) is read into claims, each set
against DeepStateMap's measurement of its day by the rules of the Data and method page. The whole
check is in the address (`?text=`, `?date=`, and `?claim=` for a claim corrected by hand)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reportmap.records import UKRAINE, Holder, Qualifier, Quantity
from ui import checkview, panels
from ui.checkview import Fields
from ui.controls import shown_as
from ui.page import data_or_stop, start_page

shown = start_page()
loc = shown.loc  # the run's language (issue 25)
data = data_or_stop(shown)
series = data.series
options, names = checkview.unit_options(data, loc)
known = checkview.CheckKnown(series.last, frozenset(options[1:]))
fields = checkview.read_fields(known, loc)  # the address and what the reader typed, read once
text, day, hand_text = fields.text, dt.date.fromisoformat(fields.day), fields.hand
hand = Fields.parse(hand_text, set(known.units))

st.markdown(panels.heading(loc.t("check_title"), 1))
st.markdown(panels.md(loc.t("check_intro", first=loc.date(series.first), last=loc.date(series.last),
                        days=(dt.date.today() - series.last).days)))

# Each field shows the page's value, and no callback is relied on: what the reader types is taken
# from the field's own value by the next run's reading (checkview.read_fields).
typed = st.text_area(loc.t("check_text_label"), key=checkview.TEXT.widget, max_chars=checkview.claimparse.MAX_CHARS,
                     placeholder=loc.t("check_text_placeholder"), height=110,
                     **shown_as(shown, checkview.TEXT.widget, text, "value"))
# A text field, not Streamlit's date field: its day, month and year segments are too small to touch.
left, right = st.columns([2, 1], vertical_alignment="bottom")
typed_day = left.text_input(loc.t("check_date_label"), key=checkview.DATE.widget, max_chars=10,
                            placeholder="YYYY-MM-DD", help=loc.t("check_date_help", last=loc.date(series.last)),
                            **shown_as(shown, checkview.DATE.widget, day.isoformat(), "value"))
checkview.drawn(fields, typed, typed_day)  # a session's first run: what the reader entered, taken by a new run
right.button(loc.t("check_button"), key="check_go", width="stretch")

reading = checkview.read(text, day) if text.strip() else None
found = list(reading.found) if reading else []
claims = [(f.claim, f) for f in found]
if hand is not None:
    index, fields = hand
    claim = fields.claim(day, text.strip())
    if claim is not None and index <= len(claims):
        original = claims[index][1] if index < len(claims) else None
        claims[index:index + 1] = [(claim, original)]
if reading is not None:
    for line in checkview.unread_lines(reading, loc):
        st.info(panels.md(line), icon=":material/help:")

if not claims:
    st.markdown(panels.md(loc.t("check_by_hand")))
    start = Fields((UKRAINE,), Quantity.SHARE, Qualifier.BARE, None, Holder.RUSSIA)
    submitted = checkview.form(0, start, options, names, loc)
    if submitted is not None:
        checkview.HAND.choose(submitted.text(0))
        st.rerun()
else:
    checks = checkview.check_all(claims, data)
    pictured = 0  # the claim whose map and chart are drawn
    if len(checks) > 1:
        pictured = st.selectbox(loc.t("check_pictures_for"), range(len(checks)), key="check_shown",
                                format_func=lambda i: loc.t("check_claim_heading", n=i + 1))
    for index, (check, (_, origin)) in enumerate(zip(checks, claims, strict=True)):
        checkview.result(index, check, origin, data, names, loc, pictures=index == pictured)
        submitted = checkview.form(index, Fields.of(check.claim), options, names, loc)
        if submitted is not None:
            checkview.HAND.choose(submitted.text(index))
            st.rerun()

checkview.TEXT.write_back(text, known)
checkview.DATE.write_back(day.isoformat(), known)
checkview.HAND.write_back(hand_text, known)
