"""The private parts of streamlit-folium that the page relies on, fenced by name.

`ui/mapcomponent.py` records what `st_folium` hands its component (it swaps the private
`streamlit_folium._component_func` while `st_folium` runs, then calls the component itself
with the same arguments and Leaflet inside them), and `ui/on_map/index.html` finds the map's
frame by the title Streamlit gives a component's iframe: the component's name
(`reportmap.mapprotocol.MAP_FRAME_TITLE`). A streamlit-folium that changes any of these fails
here, with a message that names it, before a reader meets a blank map. The package is pinned
exactly (pyproject.toml, requirements.txt).

folium's private `_get_self_bounds` is overridden by `reportmap.mapparts.BoundedGeoJson` (so that
a render does not walk every coordinate in Python): the contract tests at the end fence it.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import streamlit_folium
from packaging.requirements import Requirement

from reportmap.mapparts import BoundedGeoJson
from reportmap.mapprotocol import MAP_FRAME_TITLE, names
from reportmap.mapstyle import MapOptions
from reportmap.mapview import _bounds, build_map, map_features
from ui import mapcomponent
from ui.mapcomponent import render_arguments

ROOT = Path(__file__).resolve().parent.parent
PINNED = "0.27.4"
# The arguments st_folium hands its component that ui/mapcomponent reads or rewrites.
CARRIED = ("script", "header", "html", "js_links", "css_links", "key", "default", "height", "returned_objects")


def test_streamlit_folium_is_pinned_exactly_where_it_is_declared() -> None:
    declared = [Requirement(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                ["project"]["dependencies"]]
    folium_requirement = next(r for r in declared if r.name == "streamlit-folium")
    assert str(folium_requirement.specifier) == f"=={PINNED}", (
        "pyproject.toml must pin streamlit-folium exactly: ui/mapcomponent relies on its private parts")
    assert version("streamlit-folium") == PINNED, (
        f"streamlit-folium {version('streamlit-folium')} is installed, the seam was checked on {PINNED}: "
        "check streamlit_folium._component_func, its arguments and its frame's title, then move the pin")


def test_the_private_component_function_is_there() -> None:
    func = getattr(streamlit_folium, "_component_func", None)
    assert callable(func), ("streamlit_folium._component_func is gone: ui/mapcomponent.render_arguments "
                            "swaps it to record st_folium's arguments")
    assert mapcomponent._COMPONENT is func
    assert func.name == MAP_FRAME_TITLE, (
        f"streamlit-folium's component is now named {func.name!r}: Streamlit titles its iframe so, and "
        f"ui/on_map/index.html (given reportmap.mapprotocol.names()) and the browser tests look for "
        f"{MAP_FRAME_TITLE!r}")
    assert names()["frameTitle"] == MAP_FRAME_TITLE
    on_map = (ROOT / "ui" / "on_map" / "index.html").read_text(encoding="utf-8")
    assert MAP_FRAME_TITLE not in on_map and "names.frameTitle" in on_map  # given by Python, not copied


def test_st_folium_hands_its_component_the_arguments_the_page_carries(loaded) -> None:
    recorded = render_arguments(build_map(loaded.joined, loaded.published, loaded.areas),
                                key="map", height=500, returned_objects=["last_object_clicked"])
    missing = [name for name in CARRIED if name not in recorded]
    assert not missing, (f"streamlit_folium.st_folium no longer passes {missing} to _component_func: "
                         "ui/mapcomponent.carry_leaflet and show_map rely on them")
    assert "L.map(" in recorded["script"] or "L.map (" in recorded["script"], "the map script is elsewhere now"
    assert recorded["js_links"] == [] and recorded["css_links"] == []  # built without asset links


def test_streamlits_legacy_page_flag_is_there() -> None:
    """ui/page.through_dashboard reads Streamlit's private `PagesManager.uses_pages_directory` to tell
    a legacy multipage run (a server's first visitor opening a page's own address) from ours."""
    from importlib.metadata import version as installed

    from streamlit.runtime.pages_manager import PagesManager

    flag = PagesManager.__dict__.get("uses_pages_directory", "missing")
    assert flag is None or isinstance(flag, bool), (
        f"streamlit {installed('streamlit')}: PagesManager.uses_pages_directory is gone or changed; "
        "ui/page.through_dashboard relies on it to run a shared page link inside dashboard.py's navigation")


def test_folium_asks_a_layer_for_its_bounds_through_the_private_get_self_bounds(loaded) -> None:
    """BoundedGeoJson overrides `folium.GeoJson._get_self_bounds`: folium's (and st_folium's)
    `get_bounds` must still consult it, or every render walks every coordinate again."""
    import folium

    assert callable(getattr(folium.GeoJson, "_get_self_bounds", None)), (
        f"folium {folium.__version__}: GeoJson._get_self_bounds is gone; reportmap.mapparts.BoundedGeoJson "
        "overrides it")
    data = map_features(loaded.joined, loaded.published, loaded.areas, MapOptions())
    given = [[0.0, 1.0], [2.0, 3.0]]  # not the data's bounds: only the override can report these
    m = folium.Map(tiles=None)
    BoundedGeoJson(data, given).add_to(m)
    assert m.get_bounds() == given, (
        f"folium {folium.__version__} no longer reads a layer's bounds through _get_self_bounds: "
        "BoundedGeoJson's override is ignored (check folium's Element.get_bounds)")


def test_the_bounds_bounded_geojson_is_given_are_the_ones_folium_would_compute(loaded) -> None:
    """The override is a shortcut, not a change: for the regions the page draws, the bounds build_map
    gives equal those folium's own `GeoJson._get_self_bounds` computes by walking the coordinates."""
    import folium

    data = map_features(loaded.joined, loaded.published, loaded.areas, MapOptions())
    walked = folium.GeoJson(data)._get_self_bounds()
    given = _bounds(loaded.joined.geometry)
    assert [[round(v, 9) for v in corner] for corner in walked] == [[round(v, 9) for v in corner] for corner in given]
