"""How the map looks: the colours (the report's classes, the reading ramp, the measured area,
Kursk, the neighbours), the reader's options, and each layer's Leaflet style.

Pure and small, so that the map's parts (`mapparts`), its texts (`maptext`) and the builder
(`mapview`) share one palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportmap.records import ControlClass
from reportmap.regions import Role
from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import Locale

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

@dataclass(frozen=True)
class MapOptions:
    """What the reader chose: language, scenario, how to colour, the overlay and the basemap."""

    lang: str = "en"
    scenario: Scenario = Scenario.AS_REPORTED
    colour_by: ColourBy = ColourBy.WORDING
    online_basemap: bool = False
    occupied_overlay: bool = True  # DeepStateMap's occupied area on the measurement's date

    @property
    def locale(self) -> Locale:
        """The map's words in the chosen language."""
        return Locale.of(self.lang)


def _mix(a: str, b: str, f: float) -> str:
    ca, cb = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(ca, cb, strict=True))


def ramp_colour(percent: float) -> str:
    """A colour for a share in percent, along the same OrRd colours as the classes."""
    stops = RAMP
    position = max(0.0, min(100.0, percent)) / 100 * (len(stops) - 1)
    index = min(int(position), len(stops) - 2)
    return _mix(stops[index], stops[index + 1], position - index)


def region_style(feature: dict) -> dict:
    props = feature["properties"]
    if props["role"] == Role.UKRAINE:
        return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": BORDER, "weight": 1}
    if props["role"] == Role.KURSK:
        return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": KURSK_COLOUR,
                "weight": 2.5, "dashArray": "6 4"}
    return {"fillColor": props["fill"], "fillOpacity": 0.9, "color": "#9a9a9a", "weight": 0.8}


def highlight_style(feature: dict) -> dict:
    return {"weight": 3, "color": SELECTED_LINE}


def occupied_style(feature: dict) -> dict:
    return {"fillColor": f"url(#{HATCH_ID})", "fillOpacity": 1, "color": OCCUPIED_LINE, "weight": 1.6,
            "opacity": 0.9}


def outline_style(feature: dict) -> dict:
    return {"fill": False, "color": DEMANDED_OUTLINE, "weight": 3.5}
