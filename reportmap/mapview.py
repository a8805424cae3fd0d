"""The folium map: a choropleth of the joined regions, a legend and Kursk's foothold.

`build_map` is pure: the same joined frame gives the same map, which tests render and
inspect without a browser. Every string that reaches HTML is escaped here.
"""

from __future__ import annotations

import math
from html import escape

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template

from reportmap.geo import ATTRIBUTION, Role
from reportmap.records import ControlClass, OfficialAreas, Range, Report
from reportmap.texts import (
    class_label,
    fmt_int,
    fmt_km2_range,
    fmt_pct_range,
    t,
)

# ColorBrewer OrRd, 5 classes: sequential and colour-blind safe.
CLASS_COLOURS: dict[ControlClass, str] = {
    ControlClass.ALL: "#b30000",
    ControlClass.MORE_THAN_80: "#e34a33",
    ControlClass.AROUND_70: "#fc8d59",
    ControlClass.SMALLER_PARTS: "#fdcc8a",
    ControlClass.NONE: "#fef0d9",
}
LEGEND_ORDER = tuple(CLASS_COLOURS)
NEIGHBOUR_FILL = "#d4d4d4"
KURSK_COLOUR = "#2166ac"  # blue: a different hue from every class, so never read as a share
SEA = "#c6dbef"
BORDER = "#5a5a5a"

# Without tiles nothing else sets the view; these frame Ukraine and Kursk.
INITIAL_BOUNDS = ((44.2, 22.0), (52.6, 40.3))

MAP_CSS = f"""
<style>
.folium-map.leaflet-container, #map_div.leaflet-container {{
  background: {SEA}; font: 13px/1.35 system-ui, sans-serif; }}
.rm-legend {{ background: rgba(255,255,255,.93); color: #222; padding: 6px 8px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.35); max-width: 15rem; }}
.rm-legend b {{ display: block; margin-bottom: 3px; }}
.rm-legend i {{ display: inline-block; width: 14px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border: 1px solid {BORDER}; }}
.rm-legend .kursk {{ border: 2px dashed {KURSK_COLOUR}; background: {NEIGHBOUR_FILL}; }}
.rm-tip {{ max-width: 18rem; white-space: normal; }}
.rm-tip .note {{ color: #555; font-size: 12px; }}
</style>
"""


class Legend(MacroElement):
    """A Leaflet control holding prepared (escaped) HTML, so it travels with the map.

    It also credits the boundaries in Leaflet's attribution line.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomleft"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "rm-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, attribution: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.attribution = attribution


def legend_html(report: Report, lang: str) -> str:
    rows = []
    for control_class in LEGEND_ORDER:
        rows.append(
            f'<i style="background:{CLASS_COLOURS[control_class]}"></i>'
            f"{escape(class_label(control_class, lang))}"
        )
    rows.append(f'<i class="kursk"></i>{escape(t("legend_kursk", lang, km2=fmt_int(report.kursk.km2)))}')
    rows.append(f'<i style="background:{NEIGHBOUR_FILL}"></i>{escape(t("legend_neighbour", lang))}')
    return f"<b>{escape(t('legend_title', lang))}</b>" + "<br>".join(rows)


def _note(text: str) -> str:
    return f'<span class="note">{escape(text)}</span>'


def tooltip_html(row: dict, report: Report, areas: OfficialAreas, lang: str) -> str:
    """The hover text of one region: name, the report's words, our range, and sources."""
    quote = f"{t('tip_report', lang)}: “{{}}”"
    if row["role"] == Role.KURSK:
        lines = [
            f"<b>{escape(t('kursk_name', lang))}</b>",
            escape(quote.format(report.kursk.wording)),
            escape(t("tip_kursk_share", lang, pct=f"{row['held_by_ukraine_pct']:.1f}",
                     area=fmt_int(areas.kursk_km2), area_source=areas.kursk_source)),
            _note(t("tip_kursk_outline", lang, km2=fmt_int(report.kursk.km2))),
            _note(report.info.citation),
        ]
        return "<br>".join(lines)
    name = f"<b>{escape(str(row['name']))}</b>"
    if row["role"] == Role.NEIGHBOUR:
        what = t("tip_region_of_russia" if row["country"] == "RU" else "tip_country", lang)
        return f"{name}<br>{escape(t('tip_neighbour', lang, what=what))}"
    if not row["wording"]:  # a region the report does not name
        lines = [
            name,
            escape(t("tip_unnamed", lang)),
            escape(t("tip_area", lang, area=fmt_int(row["official_km2"]))),
        ]
    else:
        share = Range(row["share_low"], row["share_high"])
        km2 = fmt_km2_range(Range(row["km2_low"], row["km2_high"])).removesuffix(" km²")
        lines = [
            name,
            escape(quote.format(row["wording"])),
            escape(t("tip_read_as", lang, range=fmt_pct_range(share))),
            escape(t("tip_km2", lang, range=km2, area=fmt_int(row["official_km2"]))),
        ]
        if row["pair_note"]:
            lines.append(_note(row["pair_note"]))
    lines.append(_note(t("tip_source", lang, citation=report.info.citation, area_source=areas.source)))
    return "<br>".join(lines)


def _style(feature: dict) -> dict:
    props = feature["properties"]
    if props["role"] == Role.UKRAINE:
        return {"fillColor": CLASS_COLOURS[ControlClass(props["cls"])], "fillOpacity": 0.9,
                "color": BORDER, "weight": 1}
    if props["role"] == Role.KURSK:
        return {"fillColor": NEIGHBOUR_FILL, "fillOpacity": 0.9, "color": KURSK_COLOUR,
                "weight": 2.5, "dashArray": "6 4"}
    return {"fillColor": NEIGHBOUR_FILL, "fillOpacity": 0.9, "color": "#9a9a9a", "weight": 0.8}


def _highlight(feature: dict) -> dict:
    return {"weight": 3, "color": "#111111"}


def map_features(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas,
                 lang: str) -> dict:
    """A slim FeatureCollection: only what the browser needs (id, class, tooltip)."""
    features = []
    for row, geometry in zip(joined.drop(columns="geometry").to_dict("records"),
                             joined.geometry, strict=True):
        cls = row["control_class"] if row["role"] == Role.UKRAINE else ""
        features.append({
            "type": "Feature",
            "properties": {
                "id": row["id"],
                "role": row["role"],
                "cls": str(cls),
                "tip": tooltip_html(row, report, areas, lang),
            },
            "geometry": geometry.__geo_interface__,
        })
    return {"type": "FeatureCollection", "features": features}


def build_map(
    joined: gpd.GeoDataFrame,
    report: Report,
    areas: OfficialAreas,
    *,
    asset_base: str,
    lang: str = "en",
    online_basemap: bool = False,
    height: int = 560,
) -> folium.Map:
    """The choropleth, offline by default: no tiles unless `online_basemap` is asked for."""
    from reportmap.assets import use_local_leaflet

    m = folium.Map(tiles=None, zoom_start=6, location=(48.4, 31.2), min_zoom=4,
                   max_zoom=10, height=height, control_scale=True, zoom_snap=0.25)
    use_local_leaflet(m, asset_base)
    m.get_root().header.add_child(Element(MAP_CSS), name="rm_css")
    if online_basemap:
        folium.TileLayer("OpenStreetMap", attr=t("basemap_attribution", lang),
                         name="OpenStreetMap", overlay=False).add_to(m)
    folium.GeoJson(
        map_features(joined, report, areas, lang),
        name="regions",
        style_function=_style,
        highlight_function=_highlight,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True,
                                      class_name="rm-tip"),
        control=False,
    ).add_to(m)
    lat, lon = report.kursk.circle_at
    folium.Circle(
        location=(lat, lon),
        radius=math.sqrt(report.kursk.km2 * 1e6 / math.pi),
        color=KURSK_COLOUR, weight=1.5, fill=True, fill_color=KURSK_COLOUR, fill_opacity=0.55,
        tooltip=escape(t("kursk_circle", lang, km2=fmt_int(report.kursk.km2))),
    ).add_to(m)
    Legend(legend_html(report, lang), escape(ATTRIBUTION)).add_to(m)
    m.fit_bounds(INITIAL_BOUNDS)
    return m
