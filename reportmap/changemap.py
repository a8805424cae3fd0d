"""What changed between two days, on the map already drawn: data the page carries in the day's part
(`reportmap.mapprotocol.day_part`), so that it arrives the way the day's outline does, never with
the map itself. The map draws it in `maptransport.js`.

Two styles that differ in more than colour: the area Russia took has a solid purple line and a
purple tint; the area it lost a dashed green line and green dots. The legend names both, with
both days; the map's attribution line already credits DeepStateMap for every measured layer.
"""

from __future__ import annotations

from reportmap.change import Change
from reportmap.markup import Html
from reportmap.texts import Locale

TAKEN_COLOUR = "#6a3d9a"  # purple: no class colour, the hatching nor Kursk's blue
LOST_COLOUR = "#1b7837"  # green: the other end of a colour-blind-safe diverging pair (PRGn)
DOTS_ID = "rm-lost-dots"
STYLES = {
    "taken": {"color": TAKEN_COLOUR, "weight": 2, "opacity": 1, "fillColor": TAKEN_COLOUR, "fillOpacity": 0.45},
    "lost": {"color": LOST_COLOUR, "weight": 2, "opacity": 1, "dashArray": "5 3", "fillColor": f"url(#{DOTS_ID})",
             "fillOpacity": 1},
}
# The legend's swatches: the same lines and fills, in CSS (inline: the map's stylesheet, on the
# first screen, stays as it was).
SWATCHES = {
    "taken": f"border:2px solid {TAKEN_COLOUR};background:rgba(106,61,154,.45)",
    "lost": f"border:2px dashed {LOST_COLOUR};"
            f"background:radial-gradient({LOST_COLOUR} 1.1px,transparent 1.4px) 0 0/5px 5px",
}


def legend_rows(change: Change, loc: Locale) -> Html:
    """The legend's two rows, each with both days."""
    dates = {"start": loc.date(change.start), "end": loc.date(change.end)}
    row = Html('<br><i class="change-{}" style="{}"></i>{}')
    return Html("").join(row.format(Html(kind), Html(SWATCHES[kind]), loc.t(key, **dates))
                         for kind, key in (("taken", "legend_change_taken"), ("lost", "legend_change_lost")))


def change_part(change: Change, loc: Locale) -> dict:
    """The day's part's "change": `change` (with its geometry), its styles and the legend's rows."""
    if change.taken is None or change.lost is None:
        raise ValueError("the change has no geometry: measure it with geometry=True")
    return {"taken": change.taken, "lost": change.lost, "styles": STYLES, "legend": legend_rows(change, loc),
            "dots": {"id": DOTS_ID, "colour": LOST_COLOUR}}
