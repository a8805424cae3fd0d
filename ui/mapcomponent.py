"""The map component, rendered once per view and reused by every rerun and every session.

`st_folium` renders the folium map to a script, a header and a list of assets on every
call: for our map that costs most of a rerun. The result depends only on what the reader
chose (language, scenario, reading, basemap), so we let `st_folium` render it once per
choice, keep the arguments it hands to its component, and give the same arguments to the
same component afterwards. Identical arguments also keep the component's key stable, so
the iframe is not remounted on reruns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import folium
import streamlit as st
import streamlit_folium

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


def show_map(build: Callable[[], folium.Map], view_key: tuple, **st_folium_kwargs: Any) -> dict | None:
    """Draw the map for `view_key`, rendering it only the first time that view is asked for."""
    arguments = _cached_arguments(view_key, build, tuple(sorted(st_folium_kwargs.items(), key=str)))
    return _COMPONENT(**arguments)


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_arguments(view_key: tuple, _build: Callable[[], folium.Map], kwargs: tuple) -> dict[str, Any]:
    return render_arguments(_build(), **dict(kwargs))
