"""The map's own Leaflet parts, written as folium elements: the stylesheet, the legend's control,
the fitting of Ukraine into the frame, the reader aids (tooltips inside the map, the first
click, touch, keyboard), the hatching of the measured area, and the two scripts the page hands
the drawn map (`selection_script`, `day_script`).
"""

from __future__ import annotations

from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from reportmap.mapstyle import (
    BORDER,
    DEMANDED_OUTLINE,
    FOCUS,
    HATCH_ID,
    KURSK_COLOUR,
    NEIGHBOUR_FILL,
    OCCUPIED_LINE,
    SEA,
    SELECTED_LINE,
    occupied_style,
)
from reportmap.texts import t

# The legend stays open beside Ukraine from this map width; below it, it opens under Ukraine
# where it hides no region (folded where it would), and below the phone width it moves to the
# top corner, folded (the attribution fills the bottom).
LEGEND_BESIDE_FROM_PX = 900
LEGEND_TOP_BELOW_PX = 560
# Without tiles nothing else sets the view; these frame Ukraine and Kursk.
INITIAL_BOUNDS = ((44.2, 22.0), (52.6, 40.3))
READER_JS = Path(__file__).resolve().parent / "mapreader.js"

MAP_CSS = f"""
<style>
.folium-map.leaflet-container, #map_div.leaflet-container {{
  background: {SEA}; font: 13px/1.35 system-ui, sans-serif; }}
.rm-legend {{ background: rgba(255,255,255,.93); color: #222; padding: 5px 7px; font-size: 11.5px;
  line-height: 1.2; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.35); max-width: 13rem; }}
.rm-legend b {{ display: block; margin-bottom: 3px; }}
.rm-legend i {{ display: inline-block; width: 14px; height: 11px; margin-right: 6px;
  vertical-align: -1px; border: 1px solid {BORDER}; }}
.rm-legend .demanded {{ border: 3px solid {DEMANDED_OUTLINE}; background: transparent; }}
.rm-legend .ramp {{ display: block; height: 12px; margin: 4px 0 1px; border: 1px solid {BORDER}; }}
.rm-legend .ramp-scale {{ display: flex; justify-content: space-between; font-size: 11px; }}
.rm-legend .occupied {{ border: 2px solid {OCCUPIED_LINE};
  background: repeating-linear-gradient(45deg, rgba(26,26,26,.6) 0 1.5px, transparent 1.5px 5px); }}
.rm-legend .kursk {{ border: 2px dashed {KURSK_COLOUR}; background: {NEIGHBOUR_FILL}; }}
.rm-legend summary {{ cursor: pointer; font-weight: bold; margin-bottom: 2px; }}
.leaflet-bottom.leaflet-left .rm-legend {{ margin-bottom: 4px; }}
.rm-legend details:not([open]) summary {{ margin-bottom: 0; }}
/* Tooltips: a readable width wherever the region is; ReaderAids keeps them inside the map. */
.rm-tip {{ width: 15rem; max-width: calc(100vw - 24px); white-space: normal; box-sizing: border-box; }}
.rm-tip .note {{ color: #555; font-size: 12px; }}
/* Keyboard: the focused region and the map itself show where the focus is. */
path.leaflet-interactive:focus-visible {{ outline: none; stroke: {FOCUS}; stroke-width: 4px; }}
.leaflet-container:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: -3px; }}
@media (max-width: 560px) {{ .leaflet-control-scale {{ display: none; }} }}
/* mapreader.js: the way back to the opening view, and the hint a plain wheel shows. */
.rm-reset button {{ display: flex; align-items: center; justify-content: center; width: 30px; height: 30px;
  padding: 0; border: 0; border-radius: 4px; background: #fff; color: #222; cursor: pointer; }}
.rm-reset button:hover {{ background: #f4f4f4; }}
.rm-reset button:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: 1px; }}
.rm-hint {{ position: absolute; inset: 0; z-index: 1000; display: flex; align-items: center; justify-content: center;
  padding: 1rem; background: rgba(0,0,0,.5); color: #fff; font-size: 18px; font-weight: 600; text-align: center;
  pointer-events: none; visibility: hidden; opacity: 0; transition: opacity .2s, visibility .2s; }}
.rm-hint.rm-shown {{ visibility: visible; opacity: 1; }}
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


def reader_source() -> str:
    """mapreader.js as the map carries it: without its whole-line comments (they stay in the file)."""
    lines = READER_JS.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip().rstrip(";")


class MapReader(MacroElement):
    """The reader's way around the map, in `mapreader.js` (inlined: the map links no file).

    The opening view fits Ukraine into the frame, and again whenever the frame changes size
    until the reader moves the map; the legend hides no Ukrainian region: beside Ukraine on a
    wide map, open under it (over Moldova, Romania and the sea; at a quarter zoom step less if
    need be) where it fits, folded where it does not, folded in the top corner on a phone. A
    button goes back to that view. A plain wheel scrolls the page (a hint says Ctrl/Cmd + wheel
    zooms); a selected region whose details are out of the page's view brings them into view,
    with a button back to the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.source }}({{ this._parent.get_name() }}, {{ this.regions.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, regions: folium.GeoJson, bounds: tuple[tuple[float, float], tuple[float, float]],
                 lang: str) -> None:
        super().__init__()
        self._name = "MapReader"
        self.regions = regions
        self.source = reader_source()
        self.options = {"bounds": [list(corner) for corner in bounds], "phone": LEGEND_TOP_BELOW_PX,
                        "beside": LEGEND_BESIDE_FROM_PX, "reset": t("map_reset", lang),
                        "hint": t("map_wheel_hint", lang), "hintMac": t("map_wheel_hint_mac", lang),
                        "back": t("map_back", lang)}


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
    return DAY_TEMPLATE.render(patch=patch, overlay=overlay, style=occupied_style({}))


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
