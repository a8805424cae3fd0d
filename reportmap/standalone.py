"""The current map as one self-contained HTML file: Leaflet inlined, no request anywhere."""

from __future__ import annotations

import datetime as dt
from html import escape

import geopandas as gpd

from reportmap.assets import allow_pinch_zoom, inline_leaflet
from reportmap.geo import names
from reportmap.mapparts import HtmlControl
from reportmap.maptext import scenario_note
from reportmap.mapview import MapOptions, build_map
from reportmap.measured import DayFound, credit
from reportmap.pipeline import Files, load, overlay_on
from reportmap.records import OfficialAreas, Report
from reportmap.texts import day_note, t


def standalone_html(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions,
                    overlay: dict | None, found: DayFound | None = None) -> str:
    """`joined` and `report` already follow `options.scenario`.

    A saved file travels without the page around it, so it carries its own title, source,
    scenario note and the measurement's credit.
    """
    lang = options.lang
    m = build_map(joined, report, areas, options=options, overlay=overlay, height="100%")
    heading = [f"<b>{escape(t('app_title', lang))}</b>",
               escape(t("source_line", lang, citation=report.info.citation(lang))),
               escape(t(f"scenario_{options.scenario.value}", lang)) + ": "
               + escape(scenario_note(options.scenario, report, names(joined, lang), lang)),
               escape(credit(lang))]
    if found is not None and found.measurement.date != report.info.date:
        heading.insert(3, escape(day_note(found.asked, found.measurement.date, report.info.date, lang)))
    HtmlControl(heading[0] + "<br>".join(heading[1:]), position="topright").add_to(m)
    return allow_pinch_zoom(inline_leaflet(m).get_root().render())


def export_map(options: MapOptions, files: Files | None = None, day: dt.date | None = None) -> str:
    """Files -> records -> scenario, day -> joined -> standalone HTML, as the page would draw it."""
    files = files or Files()
    loaded = load(files, options.scenario, day=day)
    overlay = overlay_on(files, loaded.measurement.date, loaded.published.info.date) \
        if options.occupied_overlay else None
    return standalone_html(loaded.joined, loaded.report, loaded.areas, options, overlay, loaded.found)
