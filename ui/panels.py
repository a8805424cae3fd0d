"""Panels shared by the pages: headline figures, conditions, positions, timeline, details.

Text passed to `st.markdown` is Markdown by type (`reportmap.markup`): a catalog text filled by
`t_md` escapes its values, and plain text goes through `md`, so that data can never inject markup.
"""

from __future__ import annotations

import streamlit as st

from reportmap import checks, claimtext
from reportmap.areas import kursk_share
from reportmap.checks import TotalCheck
from reportmap.maptext import kursk_day_lines, kursk_report_line, scenario_note, statement_regions, together_names
from reportmap.markup import Markdown, md
from reportmap.measured import MEASURED_BY, MeasuredSeries
from reportmap.records import (
    KURSK_PARTY_KEYS,
    REPORT_SIDE_KEYS,
    UKRAINE,
    ControlClass,
    Event,
    KurskClaim,
    Report,
    StatedTotal,
    Statement,
)
from reportmap.regions import RegionFigure, Role, figures
from reportmap.regions import names as region_names
from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import (
    Locale,
)
from ui import charts
from ui.data import BY_REPR, Data, DataVersion


def party_badge(report: Report, loc: Locale) -> str:
    """A report whose figures are one side's own claim says so wherever it is cited ('' otherwise)."""
    party = report.info.party
    # Bold text, not a badge: a badge's colours inside a caption fail contrast (axe).
    return f" **{md(loc.t('party_claim', side=loc.t(REPORT_SIDE_KEYS[party])))}.**" if party else ""


def heading(text: str, level: int) -> Markdown:
    """A Markdown heading: every page has one h1 and its sections in order (h2, then h3).

    Their sizes are set in .streamlit/config.toml (headingFontSizes), not here: HTML headings
    would wait for Streamlit's raw-HTML code and grow when it arrives, pushing the page down.
    """
    return Markdown(f"{'#' * level} {md(text)}")


def small(text: str) -> str:
    """Markdown for a caption inside a larger block (Markdown already escaped)."""
    return f":small[:gray[{text}]]"


def stated(total: StatedTotal, unit: str, loc: Locale) -> str:
    return loc.t(total.bound.key, value=f"{loc.integer(total.value)}{unit}")


def measured_total(total: TotalCheck, loc: Locale, unit: str) -> str:
    """The measurement of one total, and its verdict, as a caption line (Markdown)."""
    if unit == "km2":
        measured, polygon = loc.integer(total.measured) + " " + loc.t("km2"), loc.integer(total.polygon)
    else:
        measured, polygon = loc.pct(total.measured), loc.pct(total.polygon)
    key = "measured_total_km2" if unit == "km2" else "measured_total_pct"
    return loc.md(key, date=loc.date(total.date), measured=measured, polygon=polygon,
                verdict=loc.t(total.verdict.key))


def headline(data: Data, loc: Locale, colour_by: ColourBy, scenario: Scenario) -> None:
    """The report's totals as stated; beside them ours from its figures, and DeepStateMap's measurement.

    One Markdown element: the panel beside the map renders while the map is still loading.
    """
    head = checks.headline(data.published, data.areas, data.measurement, scenario, colour_by.reading)
    area, share, report = head.check.area, head.check.share, data.published
    names = region_names(data.joined, loc.code)
    km2 = loc.t("km2")

    def at_reading(value: float | None, text: str) -> str:
        if value is None or colour_by.reading is None:
            return ""
        return md(loc.t("ours_at_reading", reading=loc.t(colour_by.reading.key), value=text))

    def consistent(total: TotalCheck) -> str:
        return loc.t("consistency", verdict=loc.t(total.consistency.key))

    area_at = at_reading(head.area_at_reading, f"{loc.integer(head.area_at_reading or 0)} {km2}")
    share_at = at_reading(head.share_at_reading, loc.pct(head.share_at_reading or 0))
    blocks = []  # what the report does not state is left out, heading and all
    if area is not None:
        blocks.append(f"**{md(loc.t('metric_area'))}: {md(stated(area.stated, f' {km2}', loc))}**  \n"
                      + small(loc.md("ours_area", range=loc.km2_range(area.computed)) + area_at
                              + consistent(area) + " " + measured_total(area, loc, "km2")))
    if share is not None:
        blocks.append(f"**{md(loc.t('metric_share'))}: {md(stated(share.stated, '%', loc))}**  \n"
                      + small(loc.md("ours_share", range=loc.share_range(share.computed),
                                   regions=statement_regions(report, share.stated.statements, names, loc),
                                   total=loc.integer(data.areas.total_km2)) + share_at + consistent(share)
                              + " " + measured_total(share, loc, "pct")))
    if report.kursk is not None:
        kursk = figures(data.joined)[report.kursk.region]  # its published claims are those of the day shown
        blocks.append(
            f"**{md(loc.t('metric_kursk'))}: ≈{md(loc.integer(report.kursk.km2))} {km2}** "
            f"({md(loc.t('kursk_report_short', date=loc.date(report.info.date)))})  \n"
            + small(md(loc.t("kursk_caption", pct=loc.pct(kursk_share(report, data.areas)),
                         source=data.areas.kursk_source(loc.code), area=loc.integer(data.areas.kursk_km2)))
                    + " " + md(" ".join(kursk_day_lines(kursk, loc)))
                    + " " + md(loc.t("kursk_not_measured"))))
    if blocks:
        blocks.insert(0, heading(loc.t("totals_heading"), 2))
    others = figure_lines(data, loc)
    if others:
        blocks += [heading(loc.t("figures_heading"), 2), *others]
    if scenario is not Scenario.AS_REPORTED:
        blocks.append(f":blue-background[{md(scenario_note(scenario, data.published, names, loc))}]  \n"
                      + small(loc.md(scenario.caption_key,
                                     computed=loc.km2_range(head.scenario_computed_km2),
                                     measured=loc.integer(head.scenario_measured_km2),
                                     share=loc.pct(head.scenario_measured_share),
                                     date=loc.date(data.measurement.date))))
    if blocks:
        st.markdown("\n\n".join(blocks))


def figure_lines(data: Data, loc: Locale) -> list[str]:
    """The report's other figures (km², the whole country, a second figure for a region), each with
    the measurement of the day shown and its verdict."""
    names = region_names(data.joined, loc.code)
    lines = []
    for check in data.check.figures:
        claim = check.claim
        scope = loc.t("scope_ukraine") if claim.scope == (UKRAINE,) else loc.join(
            [names[unit] for unit in claim.scope])
        lines.append(f"**“{md(claim.words)}”** ({md(scope)})  \n"
                     + small(md(claimtext.measured_phrase(check, loc)) + " · "
                             + md(claimtext.distance_phrase(check, loc)) + " · **"
                             + md(claimtext.verdict_label(check.verdict, loc)) + "**"))
    return lines


# The panels beside the map are one Markdown element each, not one per paragraph: every
# element costs the browser a render on the first screen, while the map waits.

def main_points(data: Data, loc: Locale) -> None:
    """Russia's conditions and its positions in the report (the hinted withdrawal, the warning
    against a short ceasefire): on the first screen, not behind an expander."""
    report = data.published
    blocks = []
    if report.conditions:  # a report without conditions shows no heading for them
        blocks.append(heading(loc.t("conditions_title"), 2))
        blocks += [f"**{number}. {md(condition.title(loc.code))}.** {md(condition.text(loc.code))}"
                   for number, condition in enumerate(report.conditions, start=1)]
        attribution = report.conditions[0].attribution(loc.code)
        blocks.append(small(md(loc.t("conditions_caption", attribution=attribution))))
    blocks += [f"**{md(point.title(loc.code))}.** {md(point.text(loc.code))}  \n"
               + small(f"— {md(point.attribution(loc.code))}")
               for point in report.points if point.kind == "position"]
    if blocks:
        st.markdown("\n\n".join(blocks))


def positions(data: Data, loc: Locale, kinds: tuple[str, ...] = ("position", "us-context", "expert")) -> None:
    st.markdown("\n\n".join(
        f"**{md(point.title(loc.code))}.** {md(point.text(loc.code))}  \n"
        f":gray[— {md(point.attribution(loc.code))}]"
        for point in data.published.points if point.kind in kinds))


def event_line(event: Event, loc: Locale) -> str:
    source = event.source(loc.code)
    where = "" if not event.is_context else f" :gray[({md(loc.t('context_source', source=source))})]"
    return f"**{md(loc.event_date(event.date, event.precision))}** · {md(event.text(loc.code))}{where}"


def compact_timeline(data: Data, loc: Locale) -> None:
    if not data.published.events:
        return
    st.markdown(heading(loc.t("timeline_title"), 2) + "\n\n"
                + "\n".join(f"- {event_line(e, loc)}" for e in data.published.events))


def region_details(data: Data, region_id: str, loc: Locale) -> None:
    """What the report says of one region (or of it and another together), what was measured, and the verdict."""
    region = figures(data.joined)[region_id]
    names = region_names(data.joined, loc.code)
    name = names[region_id]
    if region.role == Role.KURSK:
        kursk_details(data, region, loc)
        return
    # Beside its name in another language, the unit's own Ukrainian name.
    st.markdown(heading(name if loc.code == "uk" else f"{name} · {region.names('uk')}", 2))
    measured = region.measured
    date = loc.date(measured.date)
    own = loc.md("details_measured_region", date=date, share=loc.pct(measured.share),
               km2=loc.integer(measured.km2), area=loc.integer(measured.boundary_km2))
    if region.statement is None:  # a region the report does not name
        st.markdown(md(loc.t("details_unnamed")) + "  \n" + own)
        over_time(data, None, region_id, names, loc)
        st.caption(md(loc.t("measured_credit", **MEASURED_BY)))
        return
    statement = region.statement  # as published, whatever the scenario
    check = region.check
    lines = [loc.md("details_report", wording=statement.wording, label=loc.class_label(statement.control_class))
             if statement.control_class is not None else loc.md("details_report_plain", wording=statement.wording)]
    if check.together:
        lines.insert(0, loc.md("details_together", regions=together_names(region, names, loc)))
        lines.append(loc.md("details_measured_together", date=date, share=loc.pct(check.share),
                          km2=loc.integer(check.km2), area=loc.integer(check.area_km2),
                          verdict=loc.t(check.verdict.key)))
        lines.append(own)
    else:
        lines.append(loc.md("details_measured_statement", date=date, share=loc.pct(check.share),
                          verdict=loc.t(check.verdict.key)))
    lines.append(loc.md("details_read_as", range=loc.pct_range(statement.share),
                      km2=loc.km2_range(region.statement_km2), area=loc.integer(region.statement_official_km2)))
    if region.control_class is ControlClass.RETURNED:
        lines.append(loc.md("details_returned", measured=loc.integer(measured.km2), date=date))
    st.markdown("  \n".join(lines))
    notes = [statement.reading(loc.code), statement.pair_note(loc.code)]
    related = [c.title(loc.code) for c in data.published.conditions if statement.id in c.statements]
    related += [p.title(loc.code) for p in data.published.points if statement.id in p.statements]
    if related:
        notes.append(loc.t("details_talks", items="; ".join(related)))
    st.caption("  \n".join(md(n) for n in notes if n))
    over_time(data, statement, region_id, names, loc)
    st.caption(md(loc.t("details_area_source", source=data.areas.source(loc.code))) + " "
               + md(loc.t("measured_credit", **MEASURED_BY)))


def over_time(data: Data, statement: Statement | None, region_id: str, names: dict[str, str], loc: Locale) -> None:
    """The region's measured share over every day, the report's figure for it (or its pair) as a band."""
    report_date, day = data.published.info.date, data.measurement.date
    spec, summary = _region_chart(region_id, loc, data.version, day != report_date, data.series, data.published,
                                  statement, names)
    if day != report_date:
        spec = charts.with_chosen_day(spec, report_date, day, loc)
    st.markdown(heading(loc.t("chart_region_title"), 3))
    st.vega_lite_chart(spec=spec, key=f"region_chart_{region_id}")
    st.caption(md(summary))


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=BY_REPR)
def _region_chart(region_id: str, loc: Locale, version: DataVersion, chosen_mark: bool, _series: MeasuredSeries,
                  _report: Report, _statement: Statement | None, _names: dict[str, str]) -> tuple[dict, str]:
    """Made once per region, language and data version (and whether another day is marked)."""
    lines = charts.region_lines(_series, _report, _statement, region_id, _names, loc)
    return charts.region_spec(lines, _report.info.date, loc, chosen_mark=chosen_mark), lines.summary


def kursk_details(data: Data, region: RegionFigure, loc: Locale) -> None:
    """Kursk on the day shown: the report's figure as of its date (its words on that date), then
    what each party had published by the day shown, or that nothing is held here."""
    report = data.published
    st.markdown(heading(loc.t("kursk_name"), 2))
    if region.day == report.info.date:
        st.markdown(md(loc.t("metric_help_quote", quote=report.kursk.wording)))
        st.caption(md(loc.t("details_kursk", pct=loc.pct(region.held_pct),
                        area=loc.integer(region.official_km2), source=data.areas.kursk_source(loc.code))))
    else:  # the report's figure belongs to its date: never in the present tense on another day
        st.markdown(md(kursk_report_line(region, report, data.areas, loc)))
    day = loc.date(region.day)
    if region.claims:
        text = (md(loc.t("kursk_published_by", date=day)) + "\n\n"
                + "\n".join(f"- {claim_line(claim, loc)}" for claim in region.claims))
        if region.claims[0].date < region.day:
            text += "\n\n" + md(loc.t("kursk_nothing_after", date=loc.date(region.claims[0].date)))
    else:
        text = md(loc.t("kursk_none_by", date=day))
    st.markdown(text)
    st.caption(md(loc.t("kursk_claims_note")))


def kursk_claims(data: Data, loc: Locale) -> None:
    """Every published figure for the foothold held here, by date, each with who claims it (Method page)."""
    lines = [f"- {claim_line(claim, loc)}" for claim in sorted(data.published.kursk_claims, key=lambda c: c.date)]
    st.markdown(f"{loc.t('kursk_claims_title')}\n\n" + "\n".join(lines))
    st.caption(md(loc.t("kursk_claims_note")))


def claim_line(claim: KurskClaim, loc: Locale) -> str:
    """One claim, with its day, who claims it, whose claim it is, and where it was published (Markdown)."""
    return loc.md("kursk_claim", on=loc.date(claim.date), who=claim.who(loc.code),
                party=loc.t(KURSK_PARTY_KEYS[claim.party]), figure=claim.figure(loc.code),
                outlet=claim.outlet(loc.code), url=claim.url)
