"""What the map says: the legend, each region's tooltip and its name for screen readers, in the
reader's language. Every string that reaches HTML is escaped here, by its type (`markup.Html`).
"""

from __future__ import annotations

from reportmap import claimtext
from reportmap.mapstyle import CLASS_COLOURS, LEGEND_ORDER, NEIGHBOUR_FILL, RAMP, MapOptions, ramp_colour
from reportmap.markup import Html
from reportmap.records import KURSK_PARTY_KEYS, ControlClass, KurskClaim, OfficialAreas, Report
from reportmap.regions import RegionFigure, Role
from reportmap.scenarios import ColourBy, Scenario, pick, withdrawn_statements
from reportmap.texts import Locale


def fill_colour(region: RegionFigure, options: MapOptions) -> str:
    if region.role != Role.UKRAINE:
        return NEIGHBOUR_FILL
    if region.control_class is ControlClass.RETURNED:
        return CLASS_COLOURS[ControlClass.RETURNED]
    if options.colour_by is ColourBy.MEASURED:
        return ramp_colour(region.measured.share)
    reading = options.colour_by.reading
    if reading is None and region.control_class is None:  # a report without the seed's classes
        return ramp_colour(region.colour)
    if reading is None:
        return CLASS_COLOURS[region.control_class]
    return ramp_colour(pick(region.share, reading))


def legend_body(report: Report, options: MapOptions, present: set[str], measured_on: str) -> Html:
    """The legend names the classes on the map (`present`), in the report's order. This is what its
    <details> holds (the day's part, `mapprotocol.day_part`, swaps it for another day's)."""
    loc = options.locale
    rows = []
    gradient = ", ".join(RAMP)
    ramp = Html(f'<span class="ramp" style="background:linear-gradient(to right, {gradient})"></span>'
                '<span class="ramp-scale"><span>0%</span><span>50%</span><span>100%</span></span>')
    if options.colour_by is ColourBy.MEASURED:
        title = loc.t("legend_title_measured", date=loc.date(measured_on))
        rows.append(ramp)
    elif options.colour_by.reading is None:
        title = loc.t("legend_title")
        classes = [c for c in LEGEND_ORDER if c is not ControlClass.RETURNED and c in present]
        if None in present:  # figures without a class: coloured on the scale by their reading's middle
            rows += [ramp, _note(loc.t("legend_scale"))]
        for control_class in classes:
            rows.append(Html('<i style="background:{}"></i>{}').format(Html(CLASS_COLOURS[control_class]),
                                                                       loc.class_label(control_class)))
    else:
        title = loc.t("legend_title_reading", reading=loc.t(options.colour_by.reading.key))
        rows.append(ramp)
        rows.append(_note(loc.t("legend_reading_pairs")))
    if ControlClass.RETURNED in present:
        rows.append(Html('<i style="background:{}"></i>{}').format(Html(CLASS_COLOURS[ControlClass.RETURNED]),
                                                                   loc.class_label(ControlClass.RETURNED)))
    if options.scenario is Scenario.RUSSIAN_DEMANDS:
        rows.append(Html('<i class="demanded"></i>{}').format(loc.t("legend_demanded")))
    if options.occupied_overlay:
        rows.append(Html('<i class="occupied"></i>{}').format(loc.t("legend_occupied", date=loc.date(measured_on))))
    if report.kursk is not None:
        rows.append(Html('<i class="kursk"></i>{}').format(kursk_legend(report, loc)))
    rows.append(Html('<i style="background:{}"></i>{}').format(Html(NEIGHBOUR_FILL), loc.t("legend_neighbour")))
    return Html("<summary>{}</summary>").format(title) + Html("<br>").join(rows)


def kursk_legend(report: Report, loc: Locale) -> str:
    """The foothold's circle, dated: the report's figure belongs to its day, whichever day is shown."""
    return loc.t("legend_kursk", km2=loc.integer(report.kursk.km2), date=loc.date(report.info.date))


def kursk_claim_text(claim: KurskClaim, loc: Locale, *, who: bool = True) -> str:
    """One published claim: its day, who states it (in a tooltip, only whose claim it is: the panel
    names them), whose claim it is, and what it says."""
    return loc.t("kursk_claim_short" if who else "kursk_claim_tip", on=loc.date(claim.date),
             who=claim.who(loc.code), party=loc.t(KURSK_PARTY_KEYS[claim.party]), figure=claim.figure(loc.code))


def kursk_day_lines(region: RegionFigure, loc: Locale, *, who: bool = True) -> list[str]:
    """What was published about the foothold by the day shown: each party's newest claim, or that
    none is held here; and, after the newest, that nothing later is."""
    day = loc.date(region.day)
    if not region.claims:
        return [loc.t("kursk_none_by", date=day)]
    lines = [loc.t("kursk_published_by", date=day),
             *(kursk_claim_text(claim, loc, who=who) for claim in region.claims)]
    newest = region.claims[0].date
    if newest < region.day:
        lines.append(loc.t("kursk_nothing_after", date=loc.date(newest)))
    return lines


def kursk_report_line(region: RegionFigure, report: Report, areas: OfficialAreas, loc: Locale, *,
                      short: bool = False) -> str:
    """The report's figure as the report's, of its date (for a day other than the report's); short,
    in a tooltip, without the oblast's area and its source."""
    return loc.t("kursk_report_tip" if short else "kursk_report", date=loc.date(report.info.date),
             km2=loc.integer(region.held_km2), pct=loc.pct(region.held_pct),
             area=loc.integer(areas.kursk_km2), area_source=areas.kursk_source(loc.code))


def _note(text: str) -> Html:
    return Html('<span class="note">{}</span>').format(text)


def together_names(region: RegionFigure, names: dict[str, str], loc: Locale) -> str:
    """The regions a statement names together, in the interface language ("Donetsk and Luhansk")."""
    return loc.join([names[i] for i in region.together])


def statement_regions(report: Report, statement_ids: tuple[str, ...], names: dict[str, str], loc: Locale) -> str:
    """The regions of some of the report's statements, named from the data, never written in a text."""
    return loc.join([names[r] for sid in statement_ids for r in report.statement(sid).regions])


def scenario_note(scenario: Scenario, report: Report, names: dict[str, str], loc: Locale) -> str:
    """What a scenario shows, the regions it concerns filled in from the report's data."""
    regions = statement_regions(report, withdrawn_statements(report), names, loc)
    return loc.t(scenario.note_key, regions=regions)


def measured_line(region: RegionFigure, loc: Locale) -> str:
    """One region's own measurement: its share and km² of its boundary."""
    measured = region.measured
    return loc.t("tip_measured_region", share=loc.pct(measured.share),
             km2=loc.integer(measured.km2), area=loc.integer(measured.boundary_km2))


def accessible_name(region: RegionFigure, report: Report, loc: Locale) -> str:
    """What a screen reader says for a focused region: its name, the report's words, its measured share."""
    if region.role == Role.KURSK:
        held = f"≈{loc.integer(region.held_km2)} {loc.t('km2')}"
        return (f"{loc.t('kursk_name')}: {loc.t('metric_kursk')}, {held} "
                f"({loc.t('kursk_report_short', date=loc.date(report.info.date))})")
    # The report's words as a quote (they stay in English in every language), like the tooltip's.
    wording = f"“{region.wording}”" if region.wording else loc.t("tip_unnamed")
    measured = loc.t("aria_measured", date=loc.date(region.measured.date),
                 share=loc.pct(region.measured.share))
    return f"{region.name(loc.code)}: {wording}. {measured}"


def tooltip_html(region: RegionFigure, report: Report, areas: OfficialAreas, options: MapOptions,
                 names: dict[str, str]) -> Html:
    """The hover text of one region: its name, the report's words for the regions they cover,
    the measurement beside them with the verdict, and this region's own measured share."""
    loc = options.locale
    quote = "“{}”"
    if region.role == Role.KURSK:
        if region.day == report.info.date:
            lines = [loc.t("tip_report") + ": " + quote.format(report.kursk.wording),
                     (loc.t("tip_kursk_share", pct=loc.pct(region.held_pct),
                              area=loc.integer(areas.kursk_km2), area_source=areas.kursk_source(loc.code)))]
        else:  # the report's figure belongs to its date: never in the present tense on another day
            lines = [kursk_report_line(region, report, areas, loc, short=True)]
        lines = [Html("<b>{}</b>").format(loc.t("kursk_name")), *lines, *kursk_day_lines(region, loc, who=False),
                 _note(loc.t("kursk_not_measured") + " "
                       + loc.t("tip_kursk_outline", km2=loc.integer(report.kursk.km2),
                           date=loc.date(report.info.date)))]
        return Html("<br>").join(lines)
    name = Html("<b>{}</b>").format(region.name(loc.code))
    if region.role == Role.NEIGHBOUR:
        what = loc.t("tip_region_of_russia" if region.country == "RU" else "tip_country")
        return Html("{}<br>{}").format(name, loc.t("tip_neighbour", what=what))
    date = loc.date(region.measured.date)
    if not region.wording:  # a region the report does not name
        lines = [name, loc.t("tip_unnamed"), loc.t("tip_measured_on", date=date) + " " + measured_line(region, loc)]
    else:
        together = together_names(region, names, loc)
        says = loc.t("tip_report_for", regions=together) if region.in_pair else loc.t("tip_report")
        lines = [name, f"{says}: " + quote.format(region.wording)]
        if region.check is not None:
            which = "tip_measured_together" if region.in_pair else "tip_measured_statement"
            lines.append(Html("{} <b>{}</b>").format(loc.t(which, date=date, share=loc.pct(region.check.share)),
                                                     claimtext.verdict_label(region.check.verdict, loc)))
        if region.in_pair:
            lines.append(loc.t("tip_this_region", name=region.name(loc.code),
                                  measured=measured_line(region, loc)))
        if region.control_class is ControlClass.RETURNED:
            measured = loc.integer(region.measured.km2)
            lines.append(Html("<b>{}</b>").format(loc.t("tip_returned", measured=measured)))
        elif options.colour_by.reading is not None:
            value = pick(region.share, options.colour_by.reading)
            lines.append(loc.t("tip_coloured_at", value=loc.number(value),
                                  reading=loc.t(options.colour_by.reading.key)))
        if options.scenario is Scenario.RUSSIAN_DEMANDS and region.demanded:
            lines.append(Html("<b>{}</b>").format(loc.t("tip_demanded")))
    citation = report.info.citation(loc.code)
    lines.append(_note(loc.t("tip_source", citation=citation)))
    return Html("<br>").join(lines)
