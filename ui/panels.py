"""Panels shared by the pages: headline figures, conditions, positions, timeline, details.

Text passed to `st.markdown` goes through `md` so that data can never inject markup.
"""

from __future__ import annotations

import streamlit as st

from reportmap.areas import kursk_share, reconcile_area, reconcile_share
from reportmap.records import Event, Range, StatedTotal
from reportmap.texts import class_label, fmt_int, fmt_km2_range, fmt_pct_range, fmt_share_range
from ui.data import Data

_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def md(text: str) -> str:
    """Escape Markdown (and HTML) so that a data string shows as typed."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text))


PAGE_CSS = """
<style>
.block-container { padding-top: 3.2rem; padding-bottom: 1rem; }
[data-testid="stMetricValue"] { font-size: 1.5rem; }
</style>
"""


def page_style() -> None:
    """Tighter spacing, so the map, figures and conditions share the first screen."""
    st.html(PAGE_CSS)


def _stated(total: StatedTotal, unit: str) -> str:
    return f"{total.bound} {fmt_int(total.value)}{unit}"


def headline(data: Data) -> None:
    """The report's totals beside ours, and Ukraine's foothold in Kursk."""
    area, share = reconcile_area(data.report, data.areas), reconcile_share(data.report, data.areas)
    col_area, col_share, col_kursk = st.columns(3)
    with col_area:
        st.metric("Russian-controlled area, as reported", _stated(area.stated, " km²"),
                  help=f"The report: “{area.stated.wording}”.")
        st.caption(
            f"Ours, from the report's per-region figures and official areas: "
            f"**{md(fmt_km2_range(area.computed))}**: {area.verdict}."
        )
    with col_share:
        st.metric("Share of Ukraine, as reported", _stated(share.stated, "%"),
                  help=f"The report: “{share.stated.wording}”, said of Crimea, Donetsk, "
                       "Luhansk, Zaporizhzhia and Kherson.")
        st.caption(
            f"Ours, for Crimea, Donetsk, Luhansk, Zaporizhzhia and Kherson: "
            f"**{md(fmt_share_range(share.computed))}** of {fmt_int(data.areas.total_km2)} km²: "
            f"{share.verdict}."
        )
    with col_kursk:
        st.metric("Held by Ukraine in Russia's Kursk region", f"≈{fmt_int(data.report.kursk.km2)} km²",
                  help=f"The report: “{data.report.kursk.wording}”.")
        st.caption(
            f"About {kursk_share(data.report, data.areas):.1f}% of the oblast's "
            f"{fmt_int(data.areas.kursk_km2)} km² (area: Rosstat, context)."
        )


def conditions(data: Data) -> None:
    st.markdown("##### Russia's conditions for talks, as reported")
    for number, condition in enumerate(data.report.conditions, start=1):
        st.markdown(f"**{number}. {md(condition.title)}.** {md(condition.text)}")
    st.caption(md(data.report.conditions[0].attribution) + ". Reported as conditions, not endorsed.")


def positions(data: Data, kinds: tuple[str, ...] = ("position", "us-context", "expert")) -> None:
    for point in data.report.points:
        if point.kind in kinds:
            st.markdown(f"**{md(point.title)}.** {md(point.text)}  \n"
                        f"<small>— {md(point.attribution)}</small>", unsafe_allow_html=True)


def event_line(event: Event) -> str:
    where = "" if not event.is_context else f" *(context; source: {md(event.source)})*"
    return f"**{md(event.date_label)}** · {md(event.text)}{where}"


def compact_timeline(data: Data) -> None:
    st.markdown("##### Timeline")
    st.markdown("\n".join(f"- {event_line(e)}" for e in data.report.events))


def region_details(data: Data, region_id: str) -> None:
    """What the report says of one region, and how our figures follow from it."""
    row = data.joined.loc[data.joined["id"] == region_id].iloc[0]
    if row["role"] == "kursk":
        st.markdown(f"##### {md(row['name'])} oblast (Russia)")
        st.markdown(f"The report: “{md(data.report.kursk.wording)}”.")
        st.caption(
            f"That is about {row['held_by_ukraine_pct']:.1f}% of the oblast's "
            f"{fmt_int(row['official_km2'])} km² ({md(data.areas.kursk_source)}, context). "
            "The map outlines the whole oblast; it is not Ukrainian-held."
        )
        return
    st.markdown(f"##### {md(row['name'])} · {md(row['name_uk'])}")
    if not row["wording"]:  # a region the report does not name
        st.markdown("No Russian control reported: the report does not name this region.")
        st.caption(f"Area {fmt_int(row['official_km2'])} km² ({md(data.areas.source)}, context).")
        return
    share = Range(row["share_low"], row["share_high"])
    km2 = Range(row["km2_low"], row["km2_high"])
    st.markdown(
        f"The report: “{md(row['wording'])}” · class **{md(class_label(row['control_class']))}**  \n"
        f"Read as **{md(fmt_pct_range(share))}** under Russian control, "
        f"≈ **{md(fmt_km2_range(km2))}** of {fmt_int(row['official_km2'])} km²."
    )
    notes = [row["reading"], row["pair_note"]]
    related = [c.title for c in data.report.conditions if row["statement"] in c.statements]
    related += [p.title for p in data.report.points if row["statement"] in p.statements]
    if related:
        notes.append("In the report's talks: " + "; ".join(related) + ".")
    st.caption("  \n".join(md(n) for n in notes if n))
    st.caption(f"Area: {md(data.areas.source)} (context).")
