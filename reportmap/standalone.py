"""The current map as one self-contained HTML file: Leaflet inlined, no request anywhere."""

from __future__ import annotations

import datetime as dt
from html import escape

import geopandas as gpd
from branca.element import Element

from reportmap.assets import allow_pinch_zoom, inline_leaflet
from reportmap.maptext import scenario_note
from reportmap.mapview import MapOptions, build_map
from reportmap.measured import DayFound, credit
from reportmap.pipeline import Files, load, overlay_on
from reportmap.records import OfficialAreas, Report
from reportmap.regions import names

# The page is a column: the title band, then the map filling the rest of the window.
EXPORT_CSS = """<style>
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 13px/1.35 system-ui, sans-serif; color: #222; }
.rm-export-head { flex: none; padding: 6px 10px; border-bottom: 1px solid #ccc; background: #fff; }
.rm-export-head h1 { font-size: 16px; margin: 0 0 2px; }
.rm-export-head p { margin: 0; font-size: 12px; }
.folium-map { flex: 1 1 0; min-height: 0; height: auto !important; }
</style>"""


def standalone_html(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions,
                    overlay: dict | None, found: DayFound | None = None) -> str:
    """`joined` already follows `options.scenario`; `report` is as published.

    A saved file travels without the page around it, so it carries its own title (in its
    language, also as the document's <title>), source, scenario note and the measurement's
    credit: in a band above the map, never over it, where it would hide Kursk and the north-east.
    """
    loc = options.locale
    m = build_map(joined, report, areas, options=options, overlay=overlay, height="100%")
    lines = [escape(loc.t("source_line", citation=report.info.citation(loc.code))),
             f"{escape(loc.t(options.scenario.key))}: "
             + escape(scenario_note(options.scenario, report, names(joined, loc.code), loc))]
    if found is not None and found.measurement.date != report.info.date:
        lines.append(escape(loc.day_note(found.asked, found.measurement.date, report.info.date)))
    lines.append(escape(credit(loc.code)))
    root = m.get_root()
    root.title = escape(loc.t("app_title"))
    root.header.add_child(Element(EXPORT_CSS), name="rm_export_css")
    root.html.add_child(Element(f'<header class="rm-export-head"><h1>{escape(loc.t("app_title"))}</h1>'
                                f'<p>{"<br>".join(lines)}</p></header>'), name="rm_export_head", index=0)
    html = allow_pinch_zoom(inline_leaflet(m).get_root().render())
    return html.replace("<html>", f'<html lang="{escape(loc.code)}">', 1)


def export_map(options: MapOptions, files: Files | None = None, day: dt.date | None = None) -> str:
    """Files -> records -> scenario, day -> joined -> standalone HTML, as the page would draw it."""
    files = files or Files()
    loaded = load(files, options.scenario, day=day)
    overlay = overlay_on(files, loaded.measurement.date, loaded.published.info.date) \
        if options.occupied_overlay else None
    return standalone_html(loaded.joined, loaded.published, loaded.areas, options, overlay, loaded.found)
