"""The folium map: a choropleth of the joined regions, a legend and Kursk's foothold.

`build_map` is pure: the same joined frame gives the same map, which tests render and
inspect without a browser. Every string that reaches HTML is escaped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from reportmap.assets import no_leaflet_links
from reportmap.geo import Role
from reportmap.measured import CREDIT
from reportmap.records import ControlClass, OfficialAreas, Range, Report, localized
from reportmap.scenarios import ColourBy, Scenario, pick
from reportmap.texts import (
    class_label,
    fmt_date,
    fmt_int,
    fmt_pct,
    t,
)

# ColorBrewer OrRd, 5 classes: sequential and colour-blind safe.
CLASS_COLOURS: dict[ControlClass, str] = {
    ControlClass.ALL: "#b30000",
    ControlClass.MORE_THAN_80: "#e34a33",
    ControlClass.AROUND_70: "#fc8d59",
    ControlClass.SMALLER_PARTS: "#fdcc8a",
    ControlClass.NONE: "#fef0d9",
    # Returned under the hinted withdrawal: a different hue, never read as a share.
    ControlClass.RETURNED: "#a6dba0",
}
LEGEND_ORDER = tuple(CLASS_COLOURS)
# The reading ramp runs through the same colours, 0% to 100%.
RAMP = ("#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")
DEMANDED_OUTLINE = "#1a1a1a"
NEIGHBOUR_FILL = "#d4d4d4"
KURSK_COLOUR = "#2166ac"  # blue: a different hue from every class, so never read as a share
SEA = "#c6dbef"
BORDER = "#5a5a5a"
FOCUS = "#1558d6"
SELECTED_LINE = "#111111"
OCCUPIED_LINE = "#1a1a1a"  # the measured occupied area: outline and hatching, never an opaque fill
HATCH_ID = "rm-occupied-hatch"

# The legend stays open beside Ukraine from this map width; below it, it starts folded, and
# below the phone width it moves to the top corner (the attribution fills the bottom).
LEGEND_BESIDE_FROM_PX = 900
LEGEND_TOP_BELOW_PX = 560
# Without tiles nothing else sets the view; these frame Ukraine and Kursk.
INITIAL_BOUNDS = ((44.2, 22.0), (52.6, 40.3))

MAP_CSS = f"""
<style>
.folium-map.leaflet-container, #map_div.leaflet-container {{
  background: {SEA}; font: 13px/1.35 system-ui, sans-serif; }}
.rm-legend {{ background: rgba(255,255,255,.93); color: #222; padding: 5px 7px; font-size: 12px;
  line-height: 1.3; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.35); max-width: 13.5rem; }}
.rm-legend b {{ display: block; margin-bottom: 3px; }}
.rm-legend i {{ display: inline-block; width: 14px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border: 1px solid {BORDER}; }}
.rm-legend .demanded {{ border: 3px solid {DEMANDED_OUTLINE}; background: transparent; }}
.rm-legend .ramp {{ display: block; height: 12px; margin: 4px 0 1px; border: 1px solid {BORDER}; }}
.rm-legend .ramp-scale {{ display: flex; justify-content: space-between; font-size: 11px; }}
.rm-legend .occupied {{ border: 2px solid {OCCUPIED_LINE};
  background: repeating-linear-gradient(45deg, rgba(26,26,26,.6) 0 1.5px, transparent 1.5px 5px); }}
.rm-legend .kursk {{ border: 2px dashed {KURSK_COLOUR}; background: {NEIGHBOUR_FILL}; }}
.rm-legend summary {{ cursor: pointer; font-weight: bold; margin-bottom: 3px; }}
.rm-legend details:not([open]) summary {{ margin-bottom: 0; }}
/* Tooltips: a readable width wherever the region is; ReaderAids keeps them inside the map. */
.rm-tip {{ width: 15rem; max-width: calc(100vw - 24px); white-space: normal; box-sizing: border-box; }}
.rm-tip .note {{ color: #555; font-size: 12px; }}
/* Keyboard: the focused region and the map itself show where the focus is. */
path.leaflet-interactive:focus-visible {{ outline: none; stroke: {FOCUS}; stroke-width: 4px; }}
.leaflet-container:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: -3px; }}
@media (max-width: 560px) {{ .leaflet-control-scale {{ display: none; }} }}
</style>
"""


class HtmlControl(MacroElement):
    """A Leaflet control holding prepared (escaped) HTML, so it travels with the map.

    Given an attribution, it also adds it to Leaflet's attribution line.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "rm-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% if this.attribution %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft", attribution: str = "") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html, self.position, self.attribution = html, position, attribution


class BoundedGeoJson(folium.GeoJson):
    """GeoJson whose bounds are given, not recomputed by walking every coordinate in Python.

    folium (and streamlit-folium, for its defaults) ask a map for its bounds on every
    render; for our regions that walk costs more than the rest of the render.
    """

    def __init__(self, data: dict, bounds: list[list[float]], **kwargs: object) -> None:
        super().__init__(data, **kwargs)
        self._bounds = bounds

    def _get_self_bounds(self) -> list[list[float]]:
        return self._bounds


class FitWhileUntouched(MacroElement):
    """Fit the map to Ukraine, and again whenever its box changes size until the reader
    pans or zooms: the iframe is often sized after the map starts (and phones rotate).

    The legend must hide no region: where the map is wide enough, Ukraine is fitted beside
    it; on a narrower map the legend starts folded (one line, over the sea), and on a phone
    it moves to the top corner, since the attribution fills the bottom.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            var touched = false, box = map.getContainer(), arranged = false;
            ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (name) {
                box.addEventListener(name, function () { touched = true; }, {passive: true});
            });
            function fit() {
                var legend = box.querySelector(".rm-legend"), details = legend && legend.querySelector("details");
                var width = box.clientWidth;
                if (details && !arranged) {
                    arranged = true;
                    if (width < {{ this.phone }}) {
                        box.querySelector(".leaflet-top.leaflet-right").appendChild(legend);
                    }
                    details.open = width >= {{ this.beside }};
                }
                var beside = details && details.open && legend.closest(".leaflet-left");
                map.fitBounds(bounds, beside ? {paddingTopLeft: [legend.offsetWidth + 10, 0]} : {});
            }
            fit();
            if (window.ResizeObserver) {
                new ResizeObserver(function () {
                    if (!box.clientWidth || !box.clientHeight) { return; }  // hidden: nothing to fit
                    map.invalidateSize();
                    if (!touched) { fit(); }
                }).observe(box);
            }
        })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]]) -> None:
        super().__init__()
        self._name = "FitWhileUntouched"
        self.bounds = [list(corner) for corner in bounds]
        self.phone, self.beside = LEGEND_TOP_BELOW_PX, LEGEND_BESIDE_FROM_PX


SELECTION_TEMPLATE = Template(
    """
    (function (map, id) {
        map.eachLayer(function (layer) {
            var props = layer.feature && layer.feature.properties;
            if (!props || props.id !== id || !layer.toGeoJSON) { return; }
            var outline = L.geoJSON(layer.toGeoJSON(), {interactive: false,
                style: {fill: false, color: {{ colour|tojson }}, weight: {{ weight }}, opacity: 1}});
            window.rmAdded.push(outline.addTo(map));
        });
    })(map, {{ region_id|tojson }});
    """
)


def selection_script(region_id: str | None) -> str:
    """JavaScript that outlines the selected region on the drawn map (an outline four times as
    wide as the borders, in near-black), the page's "selection" part beside the map (ui.mapcomponent.on_map). An
    empty string outlines nothing. The map runs it with `map` bound to itself (ReaderAids)."""
    if region_id is None:
        return ""
    return SELECTION_TEMPLATE.render(region_id=region_id, colour=SELECTED_LINE, weight=4)


DAY_TEMPLATE = Template(
    """
    (function (map, patch, overlay) {
        window.rmSetDay(patch);
        if (overlay) {
            var layer = L.geoJSON(overlay, {interactive: false, style: {{ style|tojson }}});
            window.rmAdded.push(layer.addTo(map));
        }
    })(map, {{ patch|tojson }}, {{ overlay|tojson }});
    """
)


def day_script(patch: dict | None, overlay: dict | None) -> str:
    """JavaScript that shows one day's measurement on the drawn map: the page's "day" part beside
    the map (ui.mapcomponent.on_map), which the map runs with `map` bound to itself (ReaderAids),
    after removing the layers the last scripts added (`window.rmAdded`).

    `patch` (from `day_patch`) gives each Ukrainian region its tooltip, name for screen readers
    and fill on that day, and the legend its date; None restores what the map was built with.
    `overlay` is the day's occupied area, drawn hatched and not interactive (None: not drawn).
    """
    return DAY_TEMPLATE.render(patch=patch, overlay=overlay, style=_occupied_style({}))


def _bounds(geometries: gpd.GeoSeries) -> list[list[float]]:
    west, south, east, north = geometries.total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


class ReaderAids(MacroElement):
    """What makes the map usable for every reader, in Leaflet's own terms.

    - Tooltips stay wholly inside the map (Leaflet would let them run off its edges).
    - Leaflet focuses its container on the first press; the page must not scroll then, or the
      press ends somewhere else and the first click is lost.
    - On a touch screen one finger scrolls the page; two fingers pan and zoom the map.
    - Keyboard: each Ukrainian region and Kursk is a named tab stop that Enter or Space
      selects; neighbouring countries are not tab stops.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, regions) {
            if (!L.Tooltip.prototype._rmInside) {
                var place = L.Tooltip.prototype._setPosition;
                L.Tooltip.prototype._setPosition = function (pos) {
                    place.call(this, pos);
                    var box = this._container, m = this._map;
                    if (!m || !box) { return; }
                    var at = m.layerPointToContainerPoint(L.DomUtil.getPosition(box)), size = m.getSize();
                    var x = Math.max(4, Math.min(at.x, size.x - box.offsetWidth - 4));
                    var y = Math.max(4, Math.min(at.y, size.y - box.offsetHeight - 4));
                    if (x !== at.x || y !== at.y) {
                        L.DomUtil.setPosition(box, m.containerPointToLayerPoint(L.point(x, y)));
                    }
                };
                L.Tooltip.prototype._rmInside = true;
            }
            var container = map.getContainer(), focus = container.focus;
            container.focus = function (options) {
                return focus.call(container, Object.assign({}, options || {}, {preventScroll: true}));
            };
            if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
                map.dragging.disable();
            }
            regions.eachLayer(function (layer) {
                var path = layer.getElement && layer.getElement(), props = layer.feature.properties;
                if (!path) { return; }
                if (!props.label) {
                    path.setAttribute("tabindex", "-1");
                    path.setAttribute("aria-hidden", "true");
                    return;
                }
                path.setAttribute("tabindex", "0");
                path.setAttribute("role", "button");
                path.setAttribute("aria-label", props.label);
                path.addEventListener("keydown", function (event) {
                    if (event.key !== "Enter" && event.key !== " ") { return; }
                    event.preventDefault();
                    layer.fire("click", {latlng: layer.getBounds().getCenter(), originalEvent: event}, true);
                });
            });
            // Any other path Leaflet made focusable (the Kursk circle) is no tab stop of its own.
            container.querySelectorAll("path.leaflet-interactive:not([aria-label])").forEach(function (path) {
                path.setAttribute("tabindex", "-1");
            });
            // Another day's measurement (see day_script): each region's text and fill, and the
            // legend's date, change in place; null brings back what the map was built with.
            var styler = regions.options.style;
            regions.options.style = function (feature) {
                return Object.assign({}, styler(feature), {fillColor: feature.properties.fill});
            };
            window.rmAdded = [];
            window.rmSetDay = function (patch) {
                regions.eachLayer(function (layer) {
                    var props = layer.feature.properties, path = layer.getElement && layer.getElement();
                    if (!props._base) { props._base = {tip: props.tip, label: props.label, fill: props.fill}; }
                    var next = (patch && patch.regions[props.id]) || props._base;
                    props.tip = next.tip; props.label = next.label; props.fill = next.fill;
                    regions.resetStyle(layer);
                    if (path && props.label) { path.setAttribute("aria-label", props.label); }
                });
                var legend = container.querySelector(".rm-legend details");  // keeps its open or folded state
                if (legend) {
                    if (legend._base === undefined) { legend._base = legend.innerHTML; }
                    legend.innerHTML = patch ? patch.legend : legend._base;
                }
            };
            // The page's scripts for this map (ui.mapcomponent.on_map), handed over beside the map,
            // one per part (the day, the selection): the page keeps the latest in
            // window.__rmMapState and calls this when one changes; the map also asks for them
            // itself once drawn, whichever comes first. They run in the order of their names.
            window.rmApplyFromPage = function () {
                var state = null;
                try { state = window.parent.__rmMapState; } catch (error) { return; }  // no page around
                if (!state) { return; }
                var script = Object.keys(state).sort().map(function (part) { return state[part]; }).join("\\n");
                if (script === window.rmApplied) { return; }
                window.rmApplied = script;
                window.rmAdded.forEach(function (layer) { map.removeLayer(layer); });
                window.rmAdded = [];
                new Function("map", script)(map);
            };
            window.rmApplyFromPage();

        })({{ this._parent.get_name() }}, {{ this.regions.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, regions: folium.GeoJson) -> None:
        super().__init__()
        self._name = "ReaderAids"
        self.regions = regions


class HatchedOverlay(MacroElement):
    """Hatching for the measured occupied area, defined once in the map's SVG.

    Leaflet writes a path's `fillColor` into its SVG `fill` attribute, so a fill of
    `url(#id)` draws the pattern defined here: the classes beneath stay readable.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var svg = map.getPanes().overlayPane.querySelector("svg");
            if (!svg || document.getElementById({{ this.hatch_id|tojson }})) { return; }
            var ns = svg.namespaceURI;
            var defs = document.createElementNS(ns, "defs");
            var pattern = document.createElementNS(ns, "pattern");
            pattern.setAttribute("id", {{ this.hatch_id|tojson }});
            pattern.setAttribute("patternUnits", "userSpaceOnUse");
            pattern.setAttribute("width", "6");
            pattern.setAttribute("height", "6");
            pattern.setAttribute("patternTransform", "rotate(45)");
            var line = document.createElementNS(ns, "line");
            line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
            line.setAttribute("x2", "0"); line.setAttribute("y2", "6");
            line.setAttribute("stroke", {{ this.colour|tojson }});
            line.setAttribute("stroke-width", "1.4");
            line.setAttribute("stroke-opacity", "0.6");
            pattern.appendChild(line);
            defs.appendChild(pattern);
            svg.insertBefore(defs, svg.firstChild);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "HatchedOverlay"
        self.hatch_id, self.colour = HATCH_ID, OCCUPIED_LINE


@dataclass(frozen=True)
class MapOptions:
    """What the reader chose: language, scenario, how to colour, the overlay and the basemap."""

    lang: str = "en"
    scenario: Scenario = Scenario.AS_REPORTED
    colour_by: ColourBy = ColourBy.WORDING
    online_basemap: bool = False
    occupied_overlay: bool = True  # DeepStateMap's occupied area on the measurement's date


def _mix(a: str, b: str, f: float) -> str:
    ca, cb = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(ca, cb, strict=True))


def ramp_colour(percent: float) -> str:
    """A colour for a share in percent, along the same OrRd colours as the classes."""
    stops = RAMP
    position = max(0.0, min(100.0, percent)) / 100 * (len(stops) - 1)
    index = min(int(position), len(stops) - 2)
    return _mix(stops[index], stops[index + 1], position - index)


def fill_colour(row: dict, options: MapOptions) -> str:
    if row["role"] != Role.UKRAINE:
        return NEIGHBOUR_FILL
    if row["control_class"] == ControlClass.RETURNED:
        return CLASS_COLOURS[ControlClass.RETURNED]
    if options.colour_by is ColourBy.MEASURED:
        return ramp_colour(row["measured_share"])
    reading = options.colour_by.reading
    if reading is None:
        return CLASS_COLOURS[ControlClass(row["control_class"])]
    return ramp_colour(pick(Range(row["share_low"], row["share_high"]), reading))


def legend_body(report: Report, options: MapOptions, present: set[str], measured_on: str) -> str:
    """The legend names the classes on the map (`present`), in the report's order. This is what its
    <details> holds (`day_script` swaps it for another day's)."""
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
    rows.append(f'<i class="kursk"></i>{escape(t("legend_kursk", lang, km2=fmt_int(report.kursk.km2, lang)))}')
    rows.append(f'<i style="background:{NEIGHBOUR_FILL}"></i>{escape(t("legend_neighbour", lang))}')
    return f"<summary>{escape(title)}</summary>" + "<br>".join(rows)


def _note(text: str) -> str:
    return f'<span class="note">{escape(text)}</span>'


def region_name(row: dict, lang: str) -> str:
    return str(row["name_uk"] if lang == "uk" else row["name"])


def together_names(row: dict, names: dict[str, str], lang: str) -> str:
    """The regions a statement names together, in the interface language ("Donetsk and Luhansk")."""
    ids = [region_id for region_id in str(row["together"]).split(",") if region_id]
    return t("and_join", lang, first=", ".join(names[i] for i in ids[:-1]), last=names[ids[-1]]) \
        if len(ids) > 1 else names[ids[0]]


def verdict_label(verdict: str, lang: str) -> str:
    return t(f"verdict_{verdict}", lang)


def measured_line(row: dict, lang: str) -> str:
    """One region's own measurement: its share and km² of its boundary."""
    return t("tip_measured_region", lang, share=fmt_pct(row["measured_share"], lang),
             km2=fmt_int(row["measured_km2"], lang), area=fmt_int(row["boundary_km2"], lang))


def accessible_name(row: dict, lang: str) -> str:
    """What a screen reader says for a focused region: its name, the report's words, its measured share."""
    if row["role"] == Role.KURSK:
        return f"{t('kursk_name', lang)}: {t('legend_kursk', lang, km2=fmt_int(row['held_by_ukraine_km2'], lang))}"
    wording = row["wording"] or t("tip_unnamed", lang)
    measured = t("aria_measured", lang, date=fmt_date(row["measured_date"], lang),
                 share=fmt_pct(row["measured_share"], lang))
    return f"{region_name(row, lang)}: {wording}. {measured}"


def tooltip_html(row: dict, report: Report, areas: OfficialAreas, options: MapOptions,
                 names: dict[str, str]) -> str:
    """The hover text of one region: its name, the report's words for the regions they cover,
    the measurement beside them with the verdict, and this region's own measured share."""
    lang = options.lang
    quote = "“{}”"
    if row["role"] == Role.KURSK:
        lines = [
            f"<b>{escape(t('kursk_name', lang))}</b>",
            escape(t("tip_report", lang) + ": " + quote.format(report.kursk.wording)),
            escape(t("tip_kursk_share", lang, pct=fmt_pct(row["held_by_ukraine_pct"], lang),
                     area=fmt_int(areas.kursk_km2, lang), area_source=localized(areas, "kursk_source", lang))),
            _note(t("tip_kursk_outline", lang, km2=fmt_int(report.kursk.km2, lang))),
        ]
        return "<br>".join(lines)
    name = f"<b>{escape(region_name(row, lang))}</b>"
    if row["role"] == Role.NEIGHBOUR:
        what = t("tip_region_of_russia" if row["country"] == "RU" else "tip_country", lang)
        return f"{name}<br>{escape(t('tip_neighbour', lang, what=what))}"
    date = fmt_date(row["measured_date"], lang)
    if not row["wording"]:  # a region the report does not name
        lines = [name, escape(t("tip_unnamed", lang)),
                 escape(t("tip_measured_on", lang, date=date)) + " " + escape(measured_line(row, lang))]
    else:
        together = together_names(row, names, lang)
        says = t("tip_report_for", lang, regions=together) if "," in row["together"] else t("tip_report", lang)
        lines = [name, escape(f"{says}: " + quote.format(row["wording"]))]
        if row["verdict"]:
            which = "tip_measured_together" if "," in row["together"] else "tip_measured_statement"
            lines.append(escape(t(which, lang, date=date, share=fmt_pct(row["statement_measured_share"], lang)))
                         + f" <b>{escape(verdict_label(row['verdict'], lang))}</b>")
        if "," in row["together"]:
            lines.append(escape(t("tip_this_region", lang, name=region_name(row, lang),
                                  measured=measured_line(row, lang))))
        if row["control_class"] == ControlClass.RETURNED:
            measured = fmt_int(row["measured_km2"], lang)
            lines.append(f"<b>{escape(t('tip_returned', lang, measured=measured))}</b>")
        elif options.colour_by.reading is not None:
            value = pick(Range(row["share_low"], row["share_high"]), options.colour_by.reading)
            lines.append(escape(t("tip_coloured_at", lang, value=f"{value:g}",
                                  reading=t(f"reading_{options.colour_by.value}", lang))))
        if options.scenario is Scenario.RUSSIAN_DEMANDS and row["demanded"]:
            lines.append(f"<b>{escape(t('tip_demanded', lang))}</b>")
    citation = localized(report.info, "citation", lang)
    lines.append(_note(t("tip_source", lang, citation=citation)))
    return "<br>".join(lines)


def _style(feature: dict) -> dict:
    props = feature["properties"]
    if props["role"] == Role.UKRAINE:
        return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": BORDER, "weight": 1}
    if props["role"] == Role.KURSK:
        return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": KURSK_COLOUR,
                "weight": 2.5, "dashArray": "6 4"}
    return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": "#9a9a9a", "weight": 0.8}


def _highlight(feature: dict) -> dict:
    return {"weight": 3, "color": SELECTED_LINE}


def _occupied_style(feature: dict) -> dict:
    return {"fillColor": f"url(#{HATCH_ID})", "fillOpacity": 1, "color": OCCUPIED_LINE, "weight": 1.6,
            "opacity": 0.9}


def _overlay_bounds(collection: dict) -> list[list[float]]:
    west, south, east, north = shapely.bounds(
        shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in collection["features"]]))
    return [[float(south), float(west)], [float(north), float(east)]]


def _outline_style(feature: dict) -> dict:
    return {"fill": False, "color": DEMANDED_OUTLINE, "weight": 3.5}


def _properties(joined: pd.DataFrame, report: Report, areas: OfficialAreas, options: MapOptions) -> list[dict]:
    """What the browser needs of each unit: id, colour, tooltip, name for screen readers."""
    rows = joined.drop(columns="geometry").to_dict("records")
    names = {row["id"]: region_name(row, options.lang) for row in rows}
    return [{
        "id": row["id"],
        "role": row["role"],
        "cls": str(row["control_class"] if row["role"] == Role.UKRAINE else ""),
        "fill": fill_colour(row, options),
        "label": "" if row["role"] == Role.NEIGHBOUR else accessible_name(row, options.lang),
        "tip": tooltip_html(row, report, areas, options, names),
    } for row in rows]


def map_features(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas,
                 options: MapOptions) -> dict:
    """A slim FeatureCollection: only what the browser needs (id, colour, tooltip)."""
    features = [{"type": "Feature", "properties": props, "geometry": geometry.__geo_interface__}
                for props, geometry in zip(_properties(joined, report, areas, options), joined.geometry, strict=True)]
    return {"type": "FeatureCollection", "features": features}


def day_patch(joined: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, options: MapOptions) -> dict:
    """For `day_script`: what another day's measurement changes on a map built for the report's date.

    `joined` is joined with that day's measurement. Only Ukraine's units change (Kursk's
    foothold and the neighbours are not measured); so do the legend's dates.
    """
    ukraine = pd.DataFrame(joined[joined["role"] == Role.UKRAINE])  # a pair's names are all in it
    regions = {props["id"]: {key: props[key] for key in ("tip", "label", "fill")}
               for props in _properties(ukraine, report, areas, options)}
    return {"regions": regions, "legend": _legend_body(joined, report, options)}


def _legend_body(joined: gpd.GeoDataFrame, report: Report, options: MapOptions) -> str:
    ukraine = joined[joined["role"] == Role.UKRAINE]
    return legend_body(report, options, set(ukraine["control_class"]), str(ukraine["measured_date"].iloc[0]))


def demanded_area(joined: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The regions in which Russia demands recognition of what it occupies, as one shape."""
    demanded = joined[(joined["role"] == Role.UKRAINE) & joined["demanded"].fillna(False).astype(bool)]
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

    `joined` and `report` are expected to already follow `options.scenario`
    (see `reportmap.scenarios.apply`). The map links no asset: whoever shows it carries
    Leaflet (`reportmap.assets`). `overlay` is the
    measured occupied area (GeoJSON), drawn hatched when `options.occupied_overlay`; the page
    passes None and sends it with `day_script` instead, so that a new day re-sends only that.
    """
    options = options or MapOptions()
    lang = options.lang
    m = folium.Map(tiles=None, zoom_start=6, location=(48.4, 31.2), min_zoom=4,
                   max_zoom=10, height=height, control_scale=True, zoom_snap=0.25)
    no_leaflet_links(m)
    m.get_root().header.add_child(Element(MAP_CSS), name="rm_css")
    if options.online_basemap:
        folium.TileLayer("OpenStreetMap", attr=t("basemap_attribution", lang),
                         name="OpenStreetMap", overlay=False).add_to(m)
    regions = BoundedGeoJson(
        map_features(joined, report, areas, options),
        _bounds(joined.geometry),
        name="regions",
        style_function=_style,
        highlight_function=_highlight,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True,
                                      class_name="rm-tip"),
        control=False,
    ).add_to(m)
    if options.scenario is Scenario.RUSSIAN_DEMANDS:
        area = demanded_area(joined)
        BoundedGeoJson(area.__geo_interface__, _bounds(area), name="demanded", style_function=_outline_style,
                       interactive=False, control=False).add_to(m)
    if options.occupied_overlay:
        if overlay is not None:
            # Drawn above the regions but not interactive: hovering still reaches the region beneath.
            BoundedGeoJson(overlay, _overlay_bounds(overlay), name="occupied", style_function=_occupied_style,
                           interactive=False, control=False).add_to(m)
        HatchedOverlay().add_to(m)  # also for an overlay that day_script adds later
    lat, lon = report.kursk.circle_at
    folium.Circle(
        location=(lat, lon),
        radius=math.sqrt(report.kursk.km2 * 1e6 / math.pi),
        color=KURSK_COLOUR, weight=1.5, fill=True, fill_color=KURSK_COLOUR, fill_opacity=0.55,
        tooltip=escape(t("kursk_circle", lang, km2=fmt_int(report.kursk.km2, lang))),
    ).add_to(m)
    # A <details>: where it would cover a region, FitWhileUntouched folds it.
    HtmlControl(f"<details open>{_legend_body(joined, report, options)}</details>",
                attribution=escape(f"{t('boundaries_attribution', lang)} · {CREDIT}")).add_to(m)
    FitWhileUntouched(INITIAL_BOUNDS).add_to(m)
    ReaderAids(regions).add_to(m)
    return m
