"""The folium map: a choropleth of the joined regions, a legend and Kursk's foothold.

`build_map` is pure: the same joined frame gives the same map, which tests render and
inspect without a browser. Its palette is `mapstyle`, its Leaflet parts `mapparts`, and what
it says (legend, tooltips, names for screen readers, all escaped) `maptext`.
"""

from __future__ import annotations

import math
from html import escape

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element

from reportmap.assets import no_leaflet_links
from reportmap.mapparts import (
    INITIAL_BOUNDS,
    MAP_CSS,
    BoundedGeoJson,
    HatchedOverlay,
    HtmlControl,
    MapReader,
    ReaderAids,
)
from reportmap.mapprotocol import MapTransport
from reportmap.mapstyle import (
    KURSK_COLOUR,
    MapOptions,
    highlight_style,
    occupied_style,
    outline_style,
    region_style,
)
from reportmap.maptext import accessible_name, fill_colour, legend_body, tooltip_html
from reportmap.measured import credit
from reportmap.records import OfficialAreas, Report
from reportmap.regions import FIGURE, Role, figures
from reportmap.scenarios import Scenario


def _bounds(geometries: gpd.GeoSeries) -> list[list[float]]:
    west, south, east, north = geometries.total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


def _overlay_bounds(collection: dict) -> list[list[float]]:
    west, south, east, north = shapely.bounds(
        shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in collection["features"]]))
    return [[float(south), float(west)], [float(north), float(east)]]


def _properties(joined: pd.DataFrame, report: Report, areas: OfficialAreas, options: MapOptions) -> list[dict]:
    """What the browser needs of each unit: id, colour, tooltip, name for screen readers."""
    regions = figures(joined)
    names = {region_id: region.name(options.lang) for region_id, region in regions.items()}
    return [{
        "id": region.id,
        "role": region.role,
        "cls": str(region.control_class or ""),
        "fill": fill_colour(region, options),
        "label": "" if region.role == Role.NEIGHBOUR else accessible_name(region, report, options.locale),
        "tip": tooltip_html(region, report, areas, options, names),
    } for region in regions.values()]


def map_features(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas,
                 options: MapOptions) -> dict:
    """A slim FeatureCollection: only what the browser needs (id, colour, tooltip)."""
    features = [{"type": "Feature", "properties": props, "geometry": geometry.__geo_interface__}
                for props, geometry in zip(_properties(joined, report, areas, options), joined.geometry, strict=True)]
    return {"type": "FeatureCollection", "features": features}


def day_patch(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions) -> dict:
    """For `mapprotocol.day_part`: what another day's measurement changes on a map built for the report's date.

    `joined` is joined with that day's measurement. Ukraine's units change, and Kursk's texts (what
    was published about the foothold by that day; it is not measured); so do the legend's dates.
    """
    # Ukraine's units (a pair's names are all in it) and Kursk, whose published claims follow the day.
    ukraine = pd.DataFrame(joined[joined["role"].isin([Role.UKRAINE, Role.KURSK])])
    regions = {props["id"]: {key: props[key] for key in ("tip", "label", "fill")}
               for props in _properties(ukraine, report, areas, options)}
    return {"regions": regions, "legend": _legend_body(joined, report, options)}


def _legend_body(joined: gpd.GeoDataFrame, report: Report, options: MapOptions) -> str:
    ukraine = [region for region in joined[FIGURE] if region.role == Role.UKRAINE]
    return legend_body(report, options, {region.control_class for region in ukraine},
                       ukraine[0].measured.date.isoformat())


def demanded_area(joined: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The regions in which Russia demands recognition of what it occupies, as one shape."""
    demanded = joined[[region.demanded for region in joined[FIGURE]]]
    return gpd.GeoSeries([shapely.union_all(demanded.geometry.to_numpy())], crs=joined.crs)


def build_map(
    joined: gpd.GeoDataFrame,
    report: Report,
    areas: OfficialAreas,
    *,
    options: MapOptions | None = None,
    overlay: dict | None = None,
    height: int | str = 560,
) -> folium.Map:
    """The choropleth, offline by default: no tiles unless an online basemap is asked for.

    `joined` is expected to already follow `options.scenario` (`reportmap.scenarios.ScenarioView`);
    `report` is as published. The map links no asset: whoever shows it carries
    Leaflet (`reportmap.assets`). `overlay` is the
    measured occupied area (GeoJSON), drawn hatched when `options.occupied_overlay`; the page
    passes None and sends it with the day (`mapprotocol.day_part`) instead, so that a new day re-sends only that.
    """
    options = options or MapOptions()
    loc = options.locale
    m = folium.Map(tiles=None, zoom_start=6, location=(48.4, 31.2), min_zoom=4,
                   max_zoom=10, height=height, control_scale=True, zoom_snap=0.25)
    no_leaflet_links(m)
    m.get_root().header.add_child(Element(MAP_CSS), name="rm_css")
    if options.online_basemap:
        folium.TileLayer("OpenStreetMap", attr=loc.t("basemap_attribution"),
                         name="OpenStreetMap", overlay=False).add_to(m)
    regions = BoundedGeoJson(
        map_features(joined, report, areas, options),
        _bounds(joined.geometry),
        name="regions",
        style_function=region_style,
        highlight_function=highlight_style,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True,
                                      class_name="rm-tip"),
        control=False,
    ).add_to(m)
    if options.scenario is Scenario.RUSSIAN_DEMANDS:
        area = demanded_area(joined)
        BoundedGeoJson(area.__geo_interface__, _bounds(area), name="demanded", style_function=outline_style,
                       interactive=False, control=False).add_to(m)
    if options.occupied_overlay:
        if overlay is not None:
            # Drawn above the regions but not interactive: hovering still reaches the region beneath.
            BoundedGeoJson(overlay, _overlay_bounds(overlay), name="occupied", style_function=occupied_style,
                           interactive=False, control=False).add_to(m)
        HatchedOverlay().add_to(m)  # also for an overlay the day's part adds later
    if report.kursk is not None:  # a report without a figure for Kursk draws no circle
        lat, lon = report.kursk.circle_at
        folium.Circle(
            location=(lat, lon),
            radius=math.sqrt(report.kursk.km2 * 1e6 / math.pi),
            color=KURSK_COLOUR, weight=1.5, fill=True, fill_color=KURSK_COLOUR, fill_opacity=0.55,
            tooltip=escape(loc.t("kursk_circle", km2=loc.integer(report.kursk.km2),
                             date=loc.date(report.info.date))),
        ).add_to(m)
    # A <details>: where it would cover a region, MapReader folds it.
    HtmlControl(f"<details open>{_legend_body(joined, report, options)}</details>",
                attribution=escape(f"{loc.t('boundaries_attribution')} · {credit(loc.code)}")).add_to(m)
    MapReader(regions, INITIAL_BOUNDS, loc).add_to(m)
    ReaderAids(regions).add_to(m)
    MapTransport(regions).add_to(m)
    return m
