"""The private parts of streamlit-folium that the page relies on, fenced by name.

`ui/mapcomponent.py` records what `st_folium` hands its component (it swaps the private
`streamlit_folium._component_func` while `st_folium` runs, then calls the component itself
with the same arguments and Leaflet inside them), and `ui/on_map/index.html` finds the map's
frame by the title Streamlit gives a component's iframe: the component's name. A
streamlit-folium that changes any of these fails here, with a message that names it, before
a reader meets a blank map. The package is pinned exactly (pyproject.toml, requirements.txt).
"""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import streamlit_folium
from packaging.requirements import Requirement

from reportmap.mapview import build_map
from ui import mapcomponent
from ui.mapcomponent import render_arguments

ROOT = Path(__file__).resolve().parent.parent
PINNED = "0.27.4"
# The arguments st_folium hands its component that ui/mapcomponent reads or rewrites.
CARRIED = ("script", "header", "html", "js_links", "css_links", "key", "default", "height", "returned_objects")
FRAME_TITLE = "streamlit_folium.st_folium"


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
    assert func.name == FRAME_TITLE, (
        f"streamlit-folium's component is now named {func.name!r}: Streamlit titles its iframe so, and "
        f"ui/on_map/index.html and the browser tests look for {FRAME_TITLE!r}")
    assert f'iframe[title="{FRAME_TITLE}"]' in (ROOT / "ui" / "on_map" / "index.html").read_text(encoding="utf-8")


def test_st_folium_hands_its_component_the_arguments_the_page_carries(loaded) -> None:
    recorded = render_arguments(build_map(loaded.joined, loaded.report, loaded.areas),
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
