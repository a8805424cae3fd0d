"""Panels shared by the pages: headline figures, conditions, positions, timeline, details.

Text passed to `st.markdown` goes through `md` so that data can never inject markup.
"""

from __future__ import annotations

import streamlit as st

from reportmap import checks, claimtext
from reportmap.areas import kursk_share
from reportmap.checks import TotalCheck
from reportmap.maptext import kursk_day_lines, kursk_report_line, scenario_note, statement_regions, together_names
from reportmap.measured import MEASURED_BY, MeasuredSeries
from reportmap.records import UKRAINE, ControlClass, Event, KurskClaim, Report, StatedTotal, Statement
from reportmap.regions import RegionFigure, Role, figures
from reportmap.regions import names as region_names
from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import (
    class_label,
    fmt_date,
    fmt_event_date,
    fmt_int,
    fmt_km2_range,
    fmt_pct,
    fmt_pct_range,
    fmt_share_range,
    join_names,
    t,
)
from ui import charts
from ui.data import BY_REPR, Data, DataVersion

_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"

def md(text: object) -> str:
    """Escape Markdown (and HTML) so that a data string shows as typed."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in str(text))


def party_badge(report: Report, lang: str) -> str:
    """A report whose figures are one side's own claim says so wherever it is cited ('' otherwise)."""
    party = report.info.party
    # Bold text, not a badge: a badge's colours inside a caption fail contrast (axe).
    return f" **{md(t('party_claim', lang, side=t(f'party_side_{party}', lang)))}.**" if party else ""


def heading(text: str, level: int) -> str:
    """A Markdown heading: every page has one h1 and its sections in order (h2, then h3).

    Their sizes are set in .streamlit/config.toml (headingFontSizes), not here: HTML headings
    would wait for Streamlit's raw-HTML code and grow when it arrives, pushing the page down.
    """
    return f"{'#' * level} {md(text)}"


def small(text: str) -> str:
    """Markdown for a caption inside a larger block (Markdown already escaped)."""
    return f":small[:gray[{text}]]"


def stated(total: StatedTotal, unit: str, lang: str) -> str:
    return t(f"stated_{total.bound}", lang, value=f"{fmt_int(total.value, lang)}{unit}")


def measured_total(total: TotalCheck, lang: str, unit: str) -> str:
    """The measurement of one total, and its verdict, as a caption line (Markdown)."""
    if unit == "km2":
        measured, polygon = fmt_int(total.measured, lang) + " " + t("km2", lang), fmt_int(total.polygon, lang)
    else:
        measured, polygon = fmt_pct(total.measured, lang), fmt_pct(total.polygon, lang)
    return t(f"measured_total_{unit}", lang, date=md(fmt_date(total.date, lang)), measured=md(measured),
             polygon=md(polygon), verdict=t(f"verdict_{total.verdict.value}", lang))


def headline(data: Data, lang: str, colour_by: ColourBy, scenario: Scenario) -> None:
    """The report's totals as stated; beside them ours from its figures, and DeepStateMap's measurement.

    One Markdown element: the panel beside the map renders while the map is still loading.
    """
    head = checks.headline(data.published, data.areas, data.measurement, scenario, colour_by.reading)
    area, share, report = head.check.area, head.check.share, data.published
    names = region_names(data.joined, lang)
    km2 = t("km2", lang)

    def at_reading(value: float | None, text: str) -> str:
        if value is None or colour_by.reading is None:
            return ""
        return md(t("ours_at_reading", lang, reading=t(f"reading_{colour_by.value}", lang), value=text))

    def consistent(total: TotalCheck) -> str:
        word = "consistent" if total.consistent else "inconsistent"
        return t("consistency", lang, verdict=t(f"verdict_{word}", lang))

    area_at = at_reading(head.area_at_reading, f"{fmt_int(head.area_at_reading or 0, lang)} {km2}")
    share_at = at_reading(head.share_at_reading, fmt_pct(head.share_at_reading or 0, lang))
    blocks = []  # what the report does not state is left out, heading and all
    if area is not None:
        blocks.append(f"**{md(t('metric_area', lang))}: {md(stated(area.stated, f' {km2}', lang))}**  \n"
                      + small(t("ours_area", lang, range=md(fmt_km2_range(area.computed, lang))) + area_at
                              + consistent(area) + " " + measured_total(area, lang, "km2")))
    if share is not None:
        blocks.append(f"**{md(t('metric_share', lang))}: {md(stated(share.stated, '%', lang))}**  \n"
                      + small(t("ours_share", lang, range=md(fmt_share_range(share.computed, lang)),
                                regions=md(statement_regions(report, share.stated.statements, names, lang)),
                                total=fmt_int(data.areas.total_km2, lang)) + share_at + consistent(share)
                              + " " + measured_total(share, lang, "pct")))
    if report.kursk is not None:
        kursk = figures(data.joined)[report.kursk.region]  # its published claims are those of the day shown
        blocks.append(
            f"**{md(t('metric_kursk', lang))}: ≈{md(fmt_int(report.kursk.km2, lang))} {km2}** "
            f"({md(t('kursk_report_short', lang, date=fmt_date(report.info.date, lang)))})  \n"
            + small(md(t("kursk_caption", lang, pct=fmt_pct(kursk_share(report, data.areas), lang),
                         source=data.areas.kursk_source(lang), area=fmt_int(data.areas.kursk_km2, lang)))
                    + " " + md(" ".join(kursk_day_lines(kursk, lang))) + " " + md(t("kursk_not_measured", lang))))
    if blocks:
        blocks.insert(0, heading(t("totals_heading", lang), 2))
    others = figure_lines(data, lang)
    if others:
        blocks += [heading(t("figures_heading", lang), 2), *others]
    if scenario is not Scenario.AS_REPORTED:
        blocks.append(f":blue-background[{md(scenario_note(scenario, data.published, names, lang))}]  \n"
                      + small(t(f"scenario_caption_{scenario.value}", lang,
                                computed=md(fmt_km2_range(head.scenario_computed_km2, lang)),
                                measured=md(fmt_int(head.scenario_measured_km2, lang)),
                                share=md(fmt_pct(head.scenario_measured_share, lang)),
                                date=md(fmt_date(data.measurement.date, lang)))))
    if blocks:
        st.markdown("\n\n".join(blocks))


def figure_lines(data: Data, lang: str) -> list[str]:
    """The report's other figures (km², the whole country, a second figure for a region), each with
    the measurement of the day shown and its verdict."""
    names = region_names(data.joined, lang)
    lines = []
    for check in data.check.figures:
        claim = check.claim
        scope = t("scope_ukraine", lang) if claim.scope == (UKRAINE,) else join_names(
            [names[unit] for unit in claim.scope], lang)
        lines.append(f"**“{md(claim.words)}”** ({md(scope)})  \n"
                     + small(md(claimtext.measured_phrase(check, lang)) + " · "
                             + md(claimtext.distance_phrase(check, lang)) + " · **"
                             + md(claimtext.verdict_label(check.verdict, lang)) + "**"))
    return lines


# The panels beside the map are one Markdown element each, not one per paragraph: every
# element costs the browser a render on the first screen, while the map waits.

def main_points(data: Data, lang: str) -> None:
    """Russia's conditions and its positions in the report (the hinted withdrawal, the warning
    against a short ceasefire): on the first screen, not behind an expander."""
    report = data.published
    blocks = []
    if report.conditions:  # a report without conditions shows no heading for them
        blocks.append(heading(t("conditions_title", lang), 2))
        blocks += [f"**{number}. {md(condition.title(lang))}.** {md(condition.text(lang))}"
                   for number, condition in enumerate(report.conditions, start=1)]
        attribution = report.conditions[0].attribution(lang)
        blocks.append(small(md(t("conditions_caption", lang, attribution=attribution))))
    blocks += [f"**{md(point.title(lang))}.** {md(point.text(lang))}  \n"
               + small(f"— {md(point.attribution(lang))}")
               for point in report.points if point.kind == "position"]
    if blocks:
        st.markdown("\n\n".join(blocks))


def positions(data: Data, lang: str, kinds: tuple[str, ...] = ("position", "us-context", "expert")) -> None:
    st.markdown("\n\n".join(
        f"**{md(point.title(lang))}.** {md(point.text(lang))}  \n"
        f":gray[— {md(point.attribution(lang))}]"
        for point in data.published.points if point.kind in kinds))


def event_line(event: Event, lang: str) -> str:
    source = event.source(lang)
    where = "" if not event.is_context else f" :gray[({md(t('context_source', lang, source=source))})]"
    return f"**{md(fmt_event_date(event.date, event.precision, lang))}** · {md(event.text(lang))}{where}"


def compact_timeline(data: Data, lang: str) -> None:
    if not data.published.events:
        return
    st.markdown(heading(t("timeline_title", lang), 2) + "\n\n"
                + "\n".join(f"- {event_line(e, lang)}" for e in data.published.events))


def region_details(data: Data, region_id: str, lang: str) -> None:
    """What the report says of one region (or of it and another together), what was measured, and the verdict."""
    region = figures(data.joined)[region_id]
    names = region_names(data.joined, lang)
    name = names[region_id]
    if region.role == Role.KURSK:
        kursk_details(data, region, lang)
        return
    # Beside its name in another language, the unit's own Ukrainian name.
    st.markdown(heading(name if lang == "uk" else f"{name} · {region.names('uk')}", 2))
    measured = region.measured
    date = md(fmt_date(measured.date, lang))
    own = t("details_measured_region", lang, date=date, share=md(fmt_pct(measured.share, lang)),
            km2=md(fmt_int(measured.km2, lang)), area=md(fmt_int(measured.boundary_km2, lang)))
    if region.statement is None:  # a region the report does not name
        st.markdown(md(t("details_unnamed", lang)) + "  \n" + own)
        over_time(data, None, region_id, names, lang)
        st.caption(md(t("measured_credit", lang, **MEASURED_BY)))
        return
    statement = region.statement  # as published, whatever the scenario
    check = region.check
    lines = [t("details_report", lang, wording=md(statement.wording), label=md(class_label(statement.control_class,
                                                                                          lang)))
             if statement.control_class is not None else t("details_report_plain", lang, wording=md(statement.wording))]
    if check.together:
        regions = md(together_names(region, names, lang))
        lines.insert(0, t("details_together", lang, regions=regions))
        lines.append(t("details_measured_together", lang, date=date, share=md(fmt_pct(check.share, lang)),
                       km2=md(fmt_int(check.km2, lang)), area=md(fmt_int(check.area_km2, lang)),
                       verdict=t(f"verdict_{check.verdict.value}", lang)))
        lines.append(own)
    else:
        lines.append(t("details_measured_statement", lang, date=date, share=md(fmt_pct(check.share, lang)),
                       verdict=t(f"verdict_{check.verdict.value}", lang)))
    lines.append(t("details_read_as", lang, range=md(fmt_pct_range(statement.share, lang)),
                   km2=md(fmt_km2_range(region.statement_km2, lang)),
                   area=md(fmt_int(region.statement_official_km2, lang))))
    if region.control_class is ControlClass.RETURNED:
        lines.append(t("details_returned", lang, measured=md(fmt_int(measured.km2, lang)), date=date))
    st.markdown("  \n".join(lines))
    notes = [statement.reading(lang), statement.pair_note(lang)]
    related = [c.title(lang) for c in data.published.conditions if statement.id in c.statements]
    related += [p.title(lang) for p in data.published.points if statement.id in p.statements]
    if related:
        notes.append(t("details_talks", lang, items="; ".join(related)))
    st.caption("  \n".join(md(n) for n in notes if n))
    over_time(data, statement, region_id, names, lang)
    st.caption(md(t("details_area_source", lang, source=data.areas.source(lang))) + " "
               + md(t("measured_credit", lang, **MEASURED_BY)))


def over_time(data: Data, statement: Statement | None, region_id: str, names: dict[str, str], lang: str) -> None:
    """The region's measured share over every day, the report's figure for it (or its pair) as a band."""
    report_date, day = data.published.info.date, data.measurement.date
    spec, summary = _region_chart(region_id, lang, data.version, day != report_date, data.series, data.published,
                                  statement, names)
    if day != report_date:
        spec = charts.with_chosen_day(spec, report_date, day, lang)
    st.markdown(heading(t("chart_region_title", lang), 3))
    st.vega_lite_chart(spec=spec, key=f"region_chart_{region_id}")
    st.caption(md(summary))


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=BY_REPR)
def _region_chart(region_id: str, lang: str, version: DataVersion, chosen_mark: bool, _series: MeasuredSeries,
                  _report: Report, _statement: Statement | None, _names: dict[str, str]) -> tuple[dict, str]:
    """Made once per region, language and data version (and whether another day is marked)."""
    lines = charts.region_lines(_series, _report, _statement, region_id, _names, lang)
    return charts.region_spec(lines, _report.info.date, lang, chosen_mark=chosen_mark), lines.summary


def kursk_details(data: Data, region: RegionFigure, lang: str) -> None:
    """Kursk on the day shown: the report's figure as of its date (its words on that date), then
    what each party had published by the day shown, or that nothing is held here."""
    report = data.published
    st.markdown(heading(t("kursk_name", lang), 2))
    if region.day == report.info.date:
        st.markdown(md(t("metric_help_quote", lang, quote=report.kursk.wording)))
        st.caption(md(t("details_kursk", lang, pct=fmt_pct(region.held_pct, lang),
                        area=fmt_int(region.official_km2, lang), source=data.areas.kursk_source(lang))))
    else:  # the report's figure belongs to its date: never in the present tense on another day
        st.markdown(md(kursk_report_line(region, report, data.areas, lang)))
    day = fmt_date(region.day, lang)
    if region.claims:
        text = (md(t("kursk_published_by", lang, date=day)) + "\n\n"
                + "\n".join(f"- {claim_line(claim, lang)}" for claim in region.claims))
        if region.claims[0].date < region.day:
            text += "\n\n" + md(t("kursk_nothing_after", lang, date=fmt_date(region.claims[0].date, lang)))
    else:
        text = md(t("kursk_none_by", lang, date=day))
    st.markdown(text)
    st.caption(md(t("kursk_claims_note", lang)))


def kursk_claims(data: Data, lang: str) -> None:
    """Every published figure for the foothold held here, by date, each with who claims it (Method page)."""
    lines = [f"- {claim_line(claim, lang)}" for claim in sorted(data.published.kursk_claims, key=lambda c: c.date)]
    st.markdown(f"{t('kursk_claims_title', lang)}\n\n" + "\n".join(lines))
    st.caption(md(t("kursk_claims_note", lang)))


def claim_line(claim: KurskClaim, lang: str) -> str:
    """One claim, with its day, who claims it, whose claim it is, and where it was published (Markdown)."""
    return t("kursk_claim", lang, on=md(fmt_date(claim.date, lang)), who=md(claim.who(lang)),
             party=md(t(f"party_{claim.party}", lang)), figure=md(claim.figure(lang)),
             outlet=md(claim.outlet(lang)), url=md(claim.url))
