"""The map's own Leaflet parts, written as folium elements: the stylesheet, the legend's control,
the fitting of Ukraine into the frame, the reader aids (tooltips inside the map, the first
click, touch, keyboard) and the hatching of the measured area. Their browser code is in the `.js`
files beside this module, inlined (`mapprotocol.js_source`): the map links no file. What the page
hands the drawn map (the day, the selection) is `mapprotocol`'s.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from reportmap.mapprotocol import BACK_BUTTON_ID, DETAILS_KEY_PREFIX, js_source
from reportmap.mapstyle import (
    BORDER,
    DEMANDED_OUTLINE,
    FOCUS,
    HATCH_ID,
    KURSK_COLOUR,
    NEIGHBOUR_FILL,
    OCCUPIED_LINE,
    SEA,
)
from reportmap.texts import Locale

# The legend stays open beside Ukraine from this map width; below it, it opens under Ukraine
# where it hides no region (folded where it would), and below the phone width it moves to the
# top corner, folded (the attribution fills the bottom).
LEGEND_BESIDE_FROM_PX = 900
LEGEND_TOP_BELOW_PX = 560
# Without tiles nothing else sets the view; these frame Ukraine and Kursk.
INITIAL_BOUNDS = ((44.2, 22.0), (52.6, 40.3))

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
        "{% macro script(this, kwargs) %}"
        "{{ this.source }}({{ this._parent.get_name() }}, {{ this.html|tojson }}, {{ this.position|tojson }}, "
        "{{ this.attribution|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, html: str, position: str = "bottomleft", attribution: str = "") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.source = js_source("htmlcontrol.js")
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
                 loc: Locale) -> None:
        super().__init__()
        self._name = "MapReader"
        self.regions = regions
        self.source = js_source("mapreader.js")
        self.options = {"bounds": [list(corner) for corner in bounds], "phone": LEGEND_TOP_BELOW_PX,
                        "beside": LEGEND_BESIDE_FROM_PX, "reset": loc.t("map_reset"),
                        "hint": loc.t("map_wheel_hint"), "hintMac": loc.t("map_wheel_hint_mac"),
                        "back": loc.t("map_back"), "backId": BACK_BUTTON_ID, "details": DETAILS_KEY_PREFIX}


class ReaderAids(MacroElement):
    """What makes the map usable for every reader, in Leaflet's own terms (readeraids.js): tooltips
    inside the map, the first click kept, one finger scrolling the page on a touch screen, each
    region a named tab stop that Enter or Space selects. The page's day and selection travel apart
    (mapprotocol.MapTransport).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.source }}({{ this._parent.get_name() }}, {{ this.regions.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, regions: folium.GeoJson) -> None:
        super().__init__()
        self._name = "ReaderAids"
        self.regions = regions
        self.source = js_source("readeraids.js")


class HatchedOverlay(MacroElement):
    """Hatching for the measured occupied area, defined once in the map's SVG.

    Leaflet writes a path's `fillColor` into its SVG `fill` attribute, so a fill of
    `url(#id)` draws the pattern defined here: the classes beneath stay readable.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.source }}({{ this._parent.get_name() }}, {{ this.hatch_id|tojson }}, {{ this.colour|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "HatchedOverlay"
        self.hatch_id, self.colour = HATCH_ID, OCCUPIED_LINE
        self.source = js_source("hatching.js")
