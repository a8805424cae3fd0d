"""The map component, rendered once per view and reused by every rerun and every session.

`st_folium` renders the folium map to a script, a header and a list of assets on every
call: for our map that costs most of a rerun. The result depends only on what the reader
chose (language, scenario, reading, basemap) and the data version, so we let `st_folium`
render it once per choice, keep the arguments it hands to its component, and give the same arguments to the
same component afterwards. Identical arguments also keep the component's key stable, so
the iframe is not remounted on reruns.

Leaflet travels inside those arguments (`carry_leaflet`): the map is built without asset
links, so the component's iframe asks the server for nothing but its own page and script.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

import folium
import streamlit as st
import streamlit.components.v1 as components
import streamlit_folium

from reportmap.assets import allow_pinch_zoom, leaflet_sources
from reportmap.mapprotocol import DRAWN, PARTS, names
from ui import state

# The component function itself, taken once at import: cached arguments go to it directly.
_COMPONENT: Callable[..., Any] = streamlit_folium._component_func
_RENDER_LOCK = threading.Lock()


def render_arguments(m: folium.Map, **st_folium_kwargs: Any) -> dict[str, Any]:
    """The keyword arguments `st_folium` passes to its component for this map.

    `st_folium` is run as usual, with its component swapped for a recorder while it runs;
    the lock keeps other sessions from calling the recorder meanwhile (they call the real
    component through `_COMPONENT`, never through the module attribute).
    """
    recorded: dict[str, Any] = {}

    def record(**kwargs: Any) -> dict:
        recorded.update(kwargs)
        return kwargs["default"]

    with _RENDER_LOCK:
        streamlit_folium._component_func = record
        try:
            streamlit_folium.st_folium(m, **st_folium_kwargs)
        finally:
            streamlit_folium._component_func = _COMPONENT
    return recorded


def carry_leaflet(arguments: dict[str, Any], css: str, js: str) -> dict[str, Any]:
    """The component's arguments with Leaflet inside them instead of linked.

    streamlit-folium fetches its `js_links` one after the other in the iframe before it runs
    the map script: a round trip on the way to the first polygon. In the script, Leaflet
    comes with the map in the same websocket message (compressed like the rest of it).
    """
    if arguments.get("js_links") or arguments.get("css_links"):
        raise ValueError("the map links assets of its own (folium's default_js, default_css): carry_leaflet "
                         "needs a map that links none, as reportmap.mapview.build_map makes it")
    return {**arguments, "script": f"{js}\n;{arguments['script']}",
            "header": f"<style>{css}</style>{allow_pinch_zoom(arguments['header'])}"}


def show_map(build: Callable[..., folium.Map], inputs: Mapping[str, Hashable], **st_folium_kwargs: Any
             ) -> dict | None:
    """Draw the map `build(**inputs)` makes, rendering it only the first time these inputs are asked for.

    The cache key is made here (`view_key`) from the builder and everything it is given, so no
    caller can leave an input out; `build` must read nothing but its inputs (the data version
    among them), each written exactly by its repr (frozen dataclasses of plain values, enums, paths):
    the cache is keyed by the key's repr, which costs a session's first run far less than
    Streamlit's hashing of the dataclasses in it (python -m bench.burst). The arguments stay the same,
    byte for byte, for as long as the inputs do: Streamlit then sends the element again as a reference
    to what the browser already holds, not whole
    (tests/test_app.py::test_map_message_stays_within_its_byte_budget). What changes more often (the
    day, the selection) goes to the map through `on_map`.
    """
    key = view_key(build, inputs, st_folium_kwargs)
    arguments = _cached_arguments(repr(key), lambda: build(**inputs), key[2])
    return _COMPONENT(**arguments)


def view_key(build: Callable[..., folium.Map], inputs: Mapping[str, Hashable],
             st_folium_kwargs: Mapping[str, Any]) -> tuple:
    """What identifies a rendered map: the builder by name, its inputs, st_folium's arguments."""
    return (f"{build.__module__}.{build.__qualname__}", tuple(sorted(inputs.items())),
            tuple(sorted(st_folium_kwargs.items(), key=str)))


# Our own component (ui/on_map/index.html, no library): it keeps the latest part of each kind for
# the map where the map's frame finds it, and tells a drawn map that one changed; a map still loading
# asks for them itself once drawn. The protocol and the names both sides share are
# reportmap.mapprotocol's. A components-v1 element, like streamlit-folium's, so the page loads no
# code for it beyond a small file of its own (and, once the page names the region list, the list's
# aids: ui/on_map/regionlist.js). Its comments are kept short: the file goes to every reader.
_ON_MAP = components.declare_component("reportmap_on_map", path=str(Path(__file__).resolve().parent / "on_map"))
# How long the page's part waits for the map to draw before it says so all the same (a map that
# cannot draw must not keep the rest of the page away).
DRAWN_AT_THE_LATEST_MS = 3000


def on_map(part: str, data: dict | None, *, tell_drawn: bool = False, closes: dict[str, str] | None = None) -> bool:
    """Hand `data` (reportmap.mapprotocol.day_part or selection_part), the `part` of what the map
    shows beyond itself (mapprotocol.PARTS), to the drawn map, beside it: only this small element
    changes when that part does.

    With `tell_drawn`, the element also answers once the map beside it has drawn (or after
    DRAWN_AT_THE_LATEST_MS): True from then on in this session's page (its widget value, kept by
    the browser across a reconnect), False before. pages/map.py sends the rest of the page then,
    so that the map's first paint does not wait for it.

    `closes` ({"picker": a popover's key, "list": the key of the widget in it}): the selection's part
    closes that popover when the selection changes while it is open, and focuses its button.
    """
    if part not in PARTS:
        raise ValueError(f"unknown part for the map: {part!r} (reportmap.mapprotocol.PARTS: {PARTS})")
    answer = _ON_MAP(part=part, data=data, names=names(), key=state.on_map(part), default=None,
                     tellDrawn={"value": DRAWN, "latestMs": DRAWN_AT_THE_LATEST_MS} if tell_drawn else None,
                     closeList=closes)
    return answer == DRAWN


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_arguments(key: str, _build: Callable[[], folium.Map], kwargs: tuple) -> dict[str, Any]:
    return carry_leaflet(render_arguments(_build(), **dict(kwargs)), *leaflet_sources())
