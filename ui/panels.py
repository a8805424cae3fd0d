"""Panels shared by the pages: headline figures, conditions, positions, timeline, details.

Text passed to `st.markdown` goes through `md` so that data can never inject markup.
"""

from __future__ import annotations

import streamlit as st

from reportmap.areas import (
    Reconciled,
    controlled_km2,
    kursk_share,
    reconcile_area,
    reconcile_share,
    share_of_ukraine,
)
from reportmap.records import Event, Range, StatedTotal, localized
from reportmap.scenarios import Reading, Scenario, demanded_statements, pick
from reportmap.texts import class_label, fmt_int, fmt_km2_range, fmt_pct_range, fmt_share_range, t
from ui.data import Data

_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"

def md(text: object) -> str:
    """Escape Markdown (and HTML) so that a data string shows as typed."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text))


def small(text: str) -> str:
    """Markdown for a caption inside a larger block (Markdown already escaped)."""
    return f":small[:gray[{text}]]"


def figure(label: str, value: str, quote: str) -> None:
    """A headline figure: its label, the value, and the report's words on hover.

    Plain caption and subheader rather than st.metric: the first screen then loads fewer
    of Streamlit's element bundles before the map can start.
    """
    st.caption(md(label))
    st.subheader(md(value), anchor=False, help=quote)


def stated(total: StatedTotal, unit: str, lang: str) -> str:
    return t(f"stated_{total.bound}", lang, value=f"{fmt_int(total.value)}{unit}")


def headline(data: Data, lang: str, reading: Reading | None, scenario: Scenario) -> None:
    """The report's totals beside ours (a range, and a point at the chosen reading)."""
    report, areas = data.report, data.areas
    area, share = reconcile_area(report, areas), reconcile_share(report, areas)
    km2 = t("km2", lang)

    def at_reading(computed: Range, fmt: str) -> str:
        if reading is None:
            return ""
        return t("ours_at_reading", lang, reading=t(f"reading_{reading.value}", lang),
                 value=fmt.format(pick(computed, reading)))

    def verdict(reconciled: Reconciled) -> str:
        # The verdict sets the report's totals against its own figures; a scenario changes the
        # figures on purpose, so there it says what changed instead.
        if scenario is Scenario.HINTED_WITHDRAWAL:
            return t("verdict_scenario", lang)
        return t("verdict", lang, verdict=t(f"verdict_{reconciled.verdict}", lang))

    col_area, col_share, col_kursk = st.columns(3)
    with col_area:
        figure(t("metric_area", lang), stated(area.stated, f" {km2}", lang),
               t("metric_help_quote", lang, quote=area.stated.wording))
        st.caption(t("ours_area", lang, range=md(fmt_km2_range(area.computed, lang)))
                   + md(at_reading(area.computed, "{:,.0f} " + km2)) + ". " + verdict(area))
    with col_share:
        figure(t("metric_share", lang), stated(share.stated, "%", lang),
               t("metric_help_quote", lang, quote=share.stated.wording))
        st.caption(t("ours_share", lang, range=md(fmt_share_range(share.computed)), total=fmt_int(areas.total_km2))
                   + md(at_reading(share.computed, "{:.1f}%")) + ". " + verdict(share))
    with col_kursk:
        figure(t("metric_kursk", lang), f"≈{fmt_int(report.kursk.km2)} {km2}",
               t("metric_help_quote", lang, quote=report.kursk.wording))
        st.caption(md(t("kursk_caption", lang, pct=f"{kursk_share(report, areas):.1f}", source=areas.kursk_source,
                        area=fmt_int(areas.kursk_km2))))
    if scenario is not Scenario.AS_REPORTED:
        st.markdown(f":blue-background[{md(t(f'scenario_note_{scenario.value}', lang))}]")
    if scenario is Scenario.RUSSIAN_DEMANDS:
        demanded = controlled_km2(report, areas, demanded_statements(report))
        st.caption(t("demanded_caption", lang, km2=md(fmt_km2_range(demanded, lang)),
                     share=md(fmt_share_range(share_of_ukraine(demanded, areas)))))


# The panels beside the map are one Markdown element each, not one per paragraph: every
# element costs the browser a render on the first screen, while the map waits.

def conditions(data: Data, lang: str) -> None:
    blocks = [f"##### {md(t('conditions_title', lang))}"]
    blocks += [f"**{number}. {md(localized(condition, 'title', lang))}.** {md(localized(condition, 'text', lang))}"
               for number, condition in enumerate(data.report.conditions, start=1)]
    attribution = localized(data.report.conditions[0], "attribution", lang)
    blocks.append(small(md(t("conditions_caption", lang, attribution=attribution))))
    st.markdown("\n\n".join(blocks))


def positions(data: Data, lang: str, kinds: tuple[str, ...] = ("position", "us-context", "expert")) -> None:
    st.markdown("\n\n".join(
        f"**{md(localized(point, 'title', lang))}.** {md(localized(point, 'text', lang))}  \n"
        f":gray[— {md(localized(point, 'attribution', lang))}]"
        for point in data.report.points if point.kind in kinds))


def event_line(event: Event, lang: str) -> str:
    where = "" if not event.is_context else f" :gray[({md(t('context_source', lang, source=event.source))})]"
    return f"**{md(event.date_label)}** · {md(localized(event, 'text', lang))}{where}"


def compact_timeline(data: Data, lang: str) -> None:
    st.markdown(f"##### {md(t('timeline_title', lang))}\n\n"
                + "\n".join(f"- {event_line(e, lang)}" for e in data.report.events))


def region_details(data: Data, region_id: str, lang: str) -> None:
    """What the report says of one region, and how our figures follow from it."""
    row = data.joined.loc[data.joined["id"] == region_id].iloc[0]
    name = row["name_uk"] if lang == "uk" else row["name"]
    if row["role"] == "kursk":
        st.markdown(f"##### {md(t('kursk_name', lang))}")
        st.markdown(md(t("metric_help_quote", lang, quote=data.report.kursk.wording)))
        st.caption(md(t("details_kursk", lang, pct=f"{row['held_by_ukraine_pct']:.1f}",
                        area=fmt_int(row["official_km2"]), source=data.areas.kursk_source)))
        return
    st.markdown(f"##### {md(name)}" + ("" if lang == "uk" else f" · {md(row['name_uk'])}"))
    if not row["wording"]:  # a region the report does not name
        st.markdown(md(t("details_unnamed", lang)))
        st.caption(md(t("details_area", lang, area=fmt_int(row["official_km2"]), source=data.areas.source)))
        return
    share = Range(row["share_low"], row["share_high"])
    km2 = Range(row["km2_low"], row["km2_high"])
    lines = [t("details_report", lang, wording=md(row["wording"]), label=md(class_label(row["control_class"], lang)))]
    if row["control_class"] == "returned":
        reported = Range(row["reported_low"], row["reported_high"])
        lines.append(t("details_returned", lang, range=md(fmt_pct_range(reported))))
    else:
        lines.append(t("details_read_as", lang, range=md(fmt_pct_range(share)), km2=md(fmt_km2_range(km2, lang)),
                       area=fmt_int(row["official_km2"])))
    st.markdown("  \n".join(lines))
    statement = data.report.statement(row["statement"])
    notes = [localized(statement, "reading", lang), localized(statement, "pair_note", lang)]
    related = [localized(c, "title", lang) for c in data.report.conditions if statement.id in c.statements]
    related += [localized(p, "title", lang) for p in data.report.points if statement.id in p.statements]
    if related:
        notes.append(t("details_talks", lang, items="; ".join(related)))
    st.caption("  \n".join(md(n) for n in notes if n))
    st.caption(md(t("details_area_source", lang, source=data.areas.source)))
