"""The map component's arguments: recorded from st_folium once, with Leaflet carried inside."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import streamlit_folium

from reportmap.assets import allow_pinch_zoom, leaflet_sources
from reportmap.mapview import MapOptions, build_map
from reportmap.pipeline import Files
from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import LANGUAGES, Locale
from ui import mapcomponent
from ui.data import BY_REPR, DataVersion, report_map
from ui.mapcomponent import carry_leaflet, render_arguments


@pytest.fixture(scope="module")
def inputs(loaded):
    return loaded.joined, loaded.published, loaded.areas


def test_a_map_without_asset_links_gets_leaflet_carried(inputs) -> None:
    recorded = render_arguments(build_map(*inputs), key="map", height=500)
    assert recorded["js_links"] == [] and recorded["css_links"] == []
    assert streamlit_folium._component_func is mapcomponent._COMPONENT  # the real component is back

    css, js = leaflet_sources()
    carried = carry_leaflet(recorded, css, js)
    assert carried["script"].startswith(js)  # Leaflet first: the map script needs `L`
    assert carried["script"].endswith(recorded["script"])
    assert carried["header"] == f"<style>{css}</style>{allow_pinch_zoom(recorded['header'])}"
    # Nothing else changes: the same key, so the iframe is not remounted on reruns.
    assert {k: v for k, v in carried.items() if k not in ("script", "header")} == \
        {k: v for k, v in recorded.items() if k not in ("script", "header")}


def test_a_map_with_its_own_asset_links_is_refused(inputs) -> None:
    linked = build_map(*inputs)
    linked.default_js = [("leaflet", "../static/leaflet.js")]  # as folium's own defaults would link it
    recorded = render_arguments(linked, key="map")
    assert recorded["js_links"] == ["../static/leaflet.js"]
    with pytest.raises(ValueError, match="links assets of its own"):
        carry_leaflet(recorded, "css", "js")


def test_the_carried_map_lets_readers_pinch_zoom(inputs) -> None:
    recorded = render_arguments(build_map(*inputs), key="map", height=500)
    assert "user-scalable=no" in recorded["header"]  # folium's own page forbids it...
    carried = carry_leaflet(recorded, *leaflet_sources())
    assert "user-scalable=no" not in carried["header"] and "maximum-scale" not in carried["header"]
    assert 'name="viewport" content="width=device-width' in carried["header"]  # ...the tag itself stays


def test_the_cache_key_is_made_from_the_builder_and_all_its_inputs() -> None:
    def one(options, stamp):
        return None

    def two(options, stamp):
        return None

    kwargs = {"key": "map", "height": 560}
    key = mapcomponent.view_key(one, {"options": "a", "stamp": 1}, kwargs)
    assert key == mapcomponent.view_key(one, {"stamp": 1, "options": "a"}, dict(reversed(kwargs.items())))
    assert key != mapcomponent.view_key(two, {"options": "a", "stamp": 1}, kwargs)  # another builder
    assert key != mapcomponent.view_key(one, {"options": "a", "stamp": 2}, kwargs)  # another data version
    assert key != mapcomponent.view_key(one, {"options": "a", "stamp": 1}, {**kwargs, "height": 500})


def test_the_cache_keys_taken_by_repr_tell_every_input_apart() -> None:
    """The rendered map and the data are cached by the repr of what they are made from (show_map's key,
    ui.data.BY_REPR): equal inputs give one key, and a change of any field another."""
    assert set(BY_REPR) == {DataVersion, MapOptions, Locale}
    assert repr(Locale.of("en")) == repr(Locale("en"))
    assert len({repr(Locale.of(code)) for code in LANGUAGES}) == len(LANGUAGES)  # the region chart's key

    def key(options: MapOptions, version: DataVersion) -> str:
        return repr(mapcomponent.view_key(report_map, {"options": options, "version": version}, {"key": "map"}))

    options, version = MapOptions(), DataVersion(Files(), (1, 2, 3))
    same = key(MapOptions(), DataVersion(Files(), (1, 2, 3)))
    assert key(options, version) == same
    others = [dataclasses.replace(options, lang="uk"), dataclasses.replace(options, scenario=Scenario.RUSSIAN_DEMANDS),
              dataclasses.replace(options, colour_by=ColourBy.LOW), dataclasses.replace(options, online_basemap=True),
              dataclasses.replace(options, occupied_overlay=False)]
    versions = [DataVersion(Files(), (1, 2, 4)), DataVersion(Files(report=Path("elsewhere/report.toml")), (1, 2, 3))]
    keys = [key(other, version) for other in others] + [key(options, other) for other in versions]
    assert same not in keys and len(set(keys)) == len(keys)


def test_on_map_takes_only_the_parts_the_map_knows() -> None:
    from ui.mapcomponent import on_map

    with pytest.raises(ValueError, match="unknown part for the map: 'change'"):
        on_map("change", {})


def test_a_feature_group_would_send_the_whole_map_again_for_each_day(inputs, loaded) -> None:
    """Why the day travels beside the map (reportmap.mapprotocol) rather than through st_folium's public
    `feature_group_to_add`: that is an argument of the map's own element, so every new day would send
    the map's arguments again (with the overlay as generated JavaScript), not the day's part alone."""
    import datetime as dt
    import json
    import zlib

    import folium

    from reportmap.mapprotocol import day_part, names
    from reportmap.mapstyle import occupied_style
    from reportmap.pipeline import Files, overlay_on

    def deflated(data: object) -> int:
        deflate = zlib.compressobj(6, zlib.DEFLATED, -12)  # as the server sends it
        return len(deflate.compress(json.dumps(data, default=str).encode()) + deflate.flush())

    overlay = overlay_on(Files(), dt.date(2026, 1, 1), loaded.published.info.date)
    group = folium.FeatureGroup(name="day")
    folium.GeoJson(overlay, style_function=occupied_style, interactive=False).add_to(group)
    kwargs = {"key": "map", "height": 560, "returned_objects": ["last_object_clicked"]}
    plain = render_arguments(build_map(*inputs), **kwargs)
    grouped = carry_leaflet(render_arguments(build_map(*inputs), feature_group_to_add=group, **kwargs),
                            *leaflet_sources())
    assert grouped["key"] == plain["key"]  # the map is not remounted, but its whole element is sent again
    beside = deflated({"part": "day", "data": day_part(None, overlay), "names": names()})
    assert deflated(grouped) > 5 * beside, (deflated(grouped), beside)
