"""The current map as one self-contained HTML file: Leaflet inlined, no request anywhere."""

from __future__ import annotations

from html import escape
from pathlib import Path

import geopandas as gpd

from reportmap.assets import inline_leaflet
from reportmap.geo import BOUNDARIES_FILE, join_figures, load_boundaries
from reportmap.loading import AREAS_FILE, REPORT_FILE, load_areas, load_report
from reportmap.mapview import HtmlControl, MapOptions, build_map
from reportmap.records import OfficialAreas, Report, localized
from reportmap.scenarios import apply
from reportmap.texts import t


def standalone_html(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions) -> str:
    """`joined` and `report` already follow `options.scenario`.

    A saved file travels without the page around it, so it carries its own title, source
    and scenario note.
    """
    lang = options.lang
    m = build_map(joined, report, areas, asset_base=None, options=options, height="100%")
    heading = [f"<b>{escape(t('app_title', lang))}</b>",
               escape(t("source_line", lang, citation=localized(report.info, "citation", lang))),
               escape(t(f"scenario_{options.scenario.value}", lang)) + ": "
               + escape(t(f"scenario_note_{options.scenario.value}", lang))]
    HtmlControl(heading[0] + "<br>".join(heading[1:]), position="topright").add_to(m)
    return inline_leaflet(m).get_root().render()


def export_map(options: MapOptions, report_file: Path = REPORT_FILE, areas_file: Path = AREAS_FILE,
               boundaries_file: Path = BOUNDARIES_FILE) -> str:
    """Files -> records -> scenario -> joined -> standalone HTML, as the page would draw it."""
    areas = load_areas(areas_file)
    report = apply(load_report(report_file, areas=areas), options.scenario)
    joined = join_figures(load_boundaries(boundaries_file), report, areas)
    return standalone_html(joined, report, areas, options)
