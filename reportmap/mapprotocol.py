"""The one owner of what the page and the drawn map say to each other, and of the names they share.

The map is rendered once per view (ui.mapcomponent.show_map); what changes more often, the day
and the selection, travels beside it as data, one part each (`day_part`, `selection_part`), in
the page's own small component (ui/on_map/index.html, which ui.mapcomponent.on_map feeds). That
component keeps the latest part of each kind in the page's window (`PAGE_STATE`) and calls
`APPLY` in the map's frame, which it finds by `MAP_FRAME_TITLE`; the map (maptransport.js,
inlined by `MapTransport`) shows the parts in the order of `PARTS`. Both sides read the names
from here: Python passes `names()` to the JavaScript as JSON, never formats them into code.

Browser code lives in `.js` files beside this module, inlined by the Python that ships them
(`js_source`), since the map links no file.

streamlit-folium's public `feature_group_to_add`, `zoom` and `center` were weighed for this
(issue 25): zoom and center are not needed (the page never moves the reader's view); a feature
group could carry the day's overlay and the selection's outline, but not the regions' new fills,
tooltips and names or the legend's date, and it is an argument of the map's own element, so each
change would send the whole map's arguments again, with the overlay as generated JavaScript
(tests/test_mapcomponent.py::test_a_feature_group_would_send_the_whole_map_again_for_each_day).
"""

from __future__ import annotations

from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from reportmap.mapstyle import SELECTED_LINE, occupied_style

HERE = Path(__file__).resolve().parent
# Streamlit titles a component's iframe with the component's name: streamlit-folium's
# (tests/test_folium_seam.py holds it).
MAP_FRAME_TITLE = "streamlit_folium.st_folium"
PAGE_STATE = "__rmMapState"  # in the page's window: the latest part of each kind, as data
APPLY = "rmApplyFromPage"  # in the map's frame: show the page's parts now
DAY, SELECTION = "day", "selection"
PARTS = (DAY, SELECTION)  # the order the map shows them in: the day's overlay, then the outline over it
DRAWN = "drawn"  # what the day's part answers once the map beside it has drawn (ui/on_map/index.html)
# mapreader.js: the selected region's details (a container keyed so in pages/map.py; Streamlit
# gives it the class st-key-<key>) and the button back to the map it adds to the page.
DETAILS_KEY_PREFIX = "region_details_"
BACK_BUTTON_ID = "rm-back-to-map"
SELECTED_WIDTH = 4  # the selection's outline: four times as wide as the borders


def names() -> dict:
    """The names both sides share, as the JavaScript reads them."""
    return {"state": PAGE_STATE, "apply": APPLY, "frameTitle": MAP_FRAME_TITLE, "parts": list(PARTS)}


def js_source(name: str) -> str:
    """A `.js` file beside this module as the map carries it: without its whole-line comments (they
    stay in the file) and its final semicolon, so that the caller can call the function it holds."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip().rstrip(";")


def selection_part(region_id: str | None) -> dict | None:
    """The page's "selection" part: the selected region outlined on the drawn map (an outline four
    times as wide as the borders, in near-black). None outlines nothing."""
    if region_id is None:
        return None
    return {"id": region_id,
            "style": {"fill": False, "color": SELECTED_LINE, "weight": SELECTED_WIDTH, "opacity": 1}}


def day_part(patch: dict | None, overlay: dict | None) -> dict:
    """The page's "day" part: one day's measurement on the drawn map.

    `patch` (from `mapview.day_patch`) gives each Ukrainian region its tooltip, name for screen
    readers and fill on that day, and the legend its date; None restores what the map was built
    with. `overlay` is the day's occupied area, drawn hatched and not interactive (None: not drawn).
    """
    return {"patch": patch, "overlay": overlay, "style": occupied_style({})}


class MapTransport(MacroElement):
    """The map's side of the protocol (maptransport.js): the page's parts, shown on the drawn map."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.source }}({{ this._parent.get_name() }}, {{ this.regions.get_name() }}, {{ this.names|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, regions: folium.GeoJson) -> None:
        super().__init__()
        self._name = "MapTransport"
        self.regions = regions
        self.source = js_source("maptransport.js")
        self.names = names()
