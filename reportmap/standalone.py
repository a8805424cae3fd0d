"""The current map as one self-contained HTML file: Leaflet inlined, no request anywhere."""

from __future__ import annotations

from html import escape

import geopandas as gpd

from reportmap.assets import allow_pinch_zoom, inline_leaflet
from reportmap.mapview import HtmlControl, MapOptions, build_map
from reportmap.measured import CREDIT, OVERLAY_FILE, load_overlay
from reportmap.pipeline import Files, load
from reportmap.records import OfficialAreas, Report, localized
from reportmap.texts import t


def standalone_html(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions,
                    overlay: dict | None) -> str:
    """`joined` and `report` already follow `options.scenario`.

    A saved file travels without the page around it, so it carries its own title, source,
    scenario note and the measurement's credit.
    """
    lang = options.lang
    m = build_map(joined, report, areas, asset_base=None, options=options, overlay=overlay, height="100%")
    heading = [f"<b>{escape(t('app_title', lang))}</b>",
               escape(t("source_line", lang, citation=localized(report.info, "citation", lang))),
               escape(t(f"scenario_{options.scenario.value}", lang)) + ": "
               + escape(t(f"scenario_note_{options.scenario.value}", lang)),
               escape(CREDIT)]
    HtmlControl(heading[0] + "<br>".join(heading[1:]), position="topright").add_to(m)
    return allow_pinch_zoom(inline_leaflet(m).get_root().render())


def export_map(options: MapOptions, files: Files | None = None) -> str:
    """Files -> records -> scenario -> joined -> standalone HTML, as the page would draw it."""
    files = files or Files()
    loaded = load(files, options.scenario)
    overlay = load_overlay(files.measured.parent / OVERLAY_FILE.name)
    return standalone_html(loaded.joined, loaded.report, loaded.areas, options, overlay)
