"""What the map says: the legend, each region's tooltip and its name for screen readers, in the
reader's language. Every string that reaches HTML is escaped here.
"""

from __future__ import annotations

from html import escape

from reportmap.mapstyle import CLASS_COLOURS, LEGEND_ORDER, NEIGHBOUR_FILL, RAMP, MapOptions, ramp_colour
from reportmap.records import ControlClass, KurskClaim, OfficialAreas, Report
from reportmap.regions import RegionFigure, Role
from reportmap.scenarios import ColourBy, Scenario, pick, withdrawn_statements
from reportmap.texts import class_label, fmt_date, fmt_int, fmt_number, fmt_pct, join_names, t


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


def legend_body(report: Report, options: MapOptions, present: set[str], measured_on: str) -> str:
    """The legend names the classes on the map (`present`), in the report's order. This is what its
    <details> holds (the day's part, `mapprotocol.day_part`, swaps it for another day's)."""
    lang = options.lang
    rows = []
    gradient = ", ".join(RAMP)
    ramp = (f'<span class="ramp" style="background:linear-gradient(to right, {gradient})"></span>'
            f'<span class="ramp-scale"><span>0%</span><span>50%</span><span>100%</span></span>')
    if options.colour_by is ColourBy.MEASURED:
        title = t("legend_title_measured", lang, date=fmt_date(measured_on, lang))
        rows.append(ramp)
    elif options.colour_by.reading is None:
        title = t("legend_title", lang)
        classes = [c for c in LEGEND_ORDER if c is not ControlClass.RETURNED and c in present]
        if None in present:  # figures without a class: coloured on the scale by their reading's middle
            rows += [ramp, _note(t("legend_scale", lang))]
        for control_class in classes:
            rows.append(f'<i style="background:{CLASS_COLOURS[control_class]}"></i>'
                        f"{escape(class_label(control_class, lang))}")
    else:
        title = t("legend_title_reading", lang, reading=t(f"reading_{options.colour_by.value}", lang))
        rows.append(ramp)
        rows.append(_note(t("legend_reading_pairs", lang)))
    if ControlClass.RETURNED in present:
        rows.append(f'<i style="background:{CLASS_COLOURS[ControlClass.RETURNED]}"></i>'
                    f"{escape(class_label(ControlClass.RETURNED, lang))}")
    if options.scenario is Scenario.RUSSIAN_DEMANDS:
        rows.append(f'<i class="demanded"></i>{escape(t("legend_demanded", lang))}')
    if options.occupied_overlay:
        rows.append(f'<i class="occupied"></i>{escape(t("legend_occupied", lang, date=fmt_date(measured_on, lang)))}')
    if report.kursk is not None:
        rows.append(f'<i class="kursk"></i>{escape(kursk_legend(report, lang))}')
    rows.append(f'<i style="background:{NEIGHBOUR_FILL}"></i>{escape(t("legend_neighbour", lang))}')
    return f"<summary>{escape(title)}</summary>" + "<br>".join(rows)


def kursk_legend(report: Report, lang: str) -> str:
    """The foothold's circle, dated: the report's figure belongs to its day, whichever day is shown."""
    return t("legend_kursk", lang, km2=fmt_int(report.kursk.km2, lang), date=fmt_date(report.info.date, lang))


def kursk_claim_text(claim: KurskClaim, lang: str, *, who: bool = True) -> str:
    """One published claim: its day, who states it (in a tooltip, only whose claim it is: the panel
    names them), whose claim it is, and what it says."""
    return t("kursk_claim_short" if who else "kursk_claim_tip", lang, on=fmt_date(claim.date, lang),
             who=claim.who(lang), party=t(f"party_{claim.party}", lang), figure=claim.figure(lang))


def kursk_day_lines(region: RegionFigure, lang: str, *, who: bool = True) -> list[str]:
    """What was published about the foothold by the day shown: each party's newest claim, or that
    none is held here; and, after the newest, that nothing later is."""
    day = fmt_date(region.day, lang)
    if not region.claims:
        return [t("kursk_none_by", lang, date=day)]
    lines = [t("kursk_published_by", lang, date=day),
             *(kursk_claim_text(claim, lang, who=who) for claim in region.claims)]
    newest = region.claims[0].date
    if newest < region.day:
        lines.append(t("kursk_nothing_after", lang, date=fmt_date(newest, lang)))
    return lines


def kursk_report_line(region: RegionFigure, report: Report, areas: OfficialAreas, lang: str, *,
                      short: bool = False) -> str:
    """The report's figure as the report's, of its date (for a day other than the report's); short,
    in a tooltip, without the oblast's area and its source."""
    return t("kursk_report_tip" if short else "kursk_report", lang, date=fmt_date(report.info.date, lang),
             km2=fmt_int(region.held_km2, lang), pct=fmt_pct(region.held_pct, lang),
             area=fmt_int(areas.kursk_km2, lang), area_source=areas.kursk_source(lang))


def _note(text: str) -> str:
    return f'<span class="note">{escape(text)}</span>'


def together_names(region: RegionFigure, names: dict[str, str], lang: str) -> str:
    """The regions a statement names together, in the interface language ("Donetsk and Luhansk")."""
    return join_names([names[i] for i in region.together], lang)


def statement_regions(report: Report, statement_ids: tuple[str, ...], names: dict[str, str], lang: str) -> str:
    """The regions of some of the report's statements, named from the data, never written in a text."""
    return join_names([names[r] for sid in statement_ids for r in report.statement(sid).regions], lang)


def scenario_note(scenario: Scenario, report: Report, names: dict[str, str], lang: str) -> str:
    """What a scenario shows, the regions it concerns filled in from the report's data."""
    regions = statement_regions(report, withdrawn_statements(report), names, lang)
    return t(f"scenario_note_{scenario.value}", lang, regions=regions)


def verdict_label(verdict: str, lang: str) -> str:
    return t(f"verdict_{verdict}", lang)


def measured_line(region: RegionFigure, lang: str) -> str:
    """One region's own measurement: its share and km² of its boundary."""
    measured = region.measured
    return t("tip_measured_region", lang, share=fmt_pct(measured.share, lang),
             km2=fmt_int(measured.km2, lang), area=fmt_int(measured.boundary_km2, lang))


def accessible_name(region: RegionFigure, report: Report, lang: str) -> str:
    """What a screen reader says for a focused region: its name, the report's words, its measured share."""
    if region.role == Role.KURSK:
        held = f"≈{fmt_int(region.held_km2, lang)} {t('km2', lang)}"
        return (f"{t('kursk_name', lang)}: {t('metric_kursk', lang)}, {held} "
                f"({t('kursk_report_short', lang, date=fmt_date(report.info.date, lang))})")
    # The report's words as a quote (they stay in English in every language), like the tooltip's.
    wording = f"“{region.wording}”" if region.wording else t("tip_unnamed", lang)
    measured = t("aria_measured", lang, date=fmt_date(region.measured.date, lang),
                 share=fmt_pct(region.measured.share, lang))
    return f"{region.name(lang)}: {wording}. {measured}"


def tooltip_html(region: RegionFigure, report: Report, areas: OfficialAreas, options: MapOptions,
                 names: dict[str, str]) -> str:
    """The hover text of one region: its name, the report's words for the regions they cover,
    the measurement beside them with the verdict, and this region's own measured share."""
    lang = options.lang
    quote = "“{}”"
    if region.role == Role.KURSK:
        if region.day == report.info.date:
            lines = [escape(t("tip_report", lang) + ": " + quote.format(report.kursk.wording)),
                     escape(t("tip_kursk_share", lang, pct=fmt_pct(region.held_pct, lang),
                              area=fmt_int(areas.kursk_km2, lang), area_source=areas.kursk_source(lang)))]
        else:  # the report's figure belongs to its date: never in the present tense on another day
            lines = [escape(kursk_report_line(region, report, areas, lang, short=True))]
        lines = [f"<b>{escape(t('kursk_name', lang))}</b>", *lines,
                 *(escape(line) for line in kursk_day_lines(region, lang, who=False)),
                 _note(t("kursk_not_measured", lang) + " "
                       + t("tip_kursk_outline", lang, km2=fmt_int(report.kursk.km2, lang),
                           date=fmt_date(report.info.date, lang)))]
        return "<br>".join(lines)
    name = f"<b>{escape(region.name(lang))}</b>"
    if region.role == Role.NEIGHBOUR:
        what = t("tip_region_of_russia" if region.country == "RU" else "tip_country", lang)
        return f"{name}<br>{escape(t('tip_neighbour', lang, what=what))}"
    date = fmt_date(region.measured.date, lang)
    if not region.wording:  # a region the report does not name
        lines = [name, escape(t("tip_unnamed", lang)),
                 escape(t("tip_measured_on", lang, date=date)) + " " + escape(measured_line(region, lang))]
    else:
        together = together_names(region, names, lang)
        says = t("tip_report_for", lang, regions=together) if region.in_pair else t("tip_report", lang)
        lines = [name, escape(f"{says}: " + quote.format(region.wording))]
        if region.check is not None:
            which = "tip_measured_together" if region.in_pair else "tip_measured_statement"
            lines.append(escape(t(which, lang, date=date, share=fmt_pct(region.check.share, lang)))
                         + f" <b>{escape(verdict_label(region.check.verdict, lang))}</b>")
        if region.in_pair:
            lines.append(escape(t("tip_this_region", lang, name=region.name(lang),
                                  measured=measured_line(region, lang))))
        if region.control_class is ControlClass.RETURNED:
            measured = fmt_int(region.measured.km2, lang)
            lines.append(f"<b>{escape(t('tip_returned', lang, measured=measured))}</b>")
        elif options.colour_by.reading is not None:
            value = pick(region.share, options.colour_by.reading)
            lines.append(escape(t("tip_coloured_at", lang, value=fmt_number(value, lang),
                                  reading=t(f"reading_{options.colour_by.value}", lang))))
        if options.scenario is Scenario.RUSSIAN_DEMANDS and region.demanded:
            lines.append(f"<b>{escape(t('tip_demanded', lang))}</b>")
    citation = report.info.citation(lang)
    lines.append(_note(t("tip_source", lang, citation=citation)))
    return "<br>".join(lines)
