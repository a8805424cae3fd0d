"""The running app in a real Chromium: the map draws, hovers, clicks, links, stays offline."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from browser_support import (
    FIND_MAP,
    KURSK_KM2,
    LOCATE_REGION,
    MAP_IFRAME,
    MAP_SUMMARY,
    PHONE,
    POLYGON,
    TOOLTIP,
    TOOLTIPS,
    boundary_features,
    hover_all,
    open_app,
    open_region_picker,
    region_heading,
    region_panel,
    region_picker,
    region_position,
    region_query,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_map_draws_one_path_per_feature_and_the_kursk_circle(page: Page, app_url: str) -> None:
    features = boundary_features()
    expected_ids = sorted(f["properties"]["id"] for f in features)
    frame = open_app(page, app_url)

    polygons = page.frame_locator(MAP_IFRAME).locator(POLYGON)
    # One SVG path per feature (a MultiPolygon is still one path) plus the Kursk circle.
    expect(polygons).to_have_count(len(features) + 1)

    drawn = frame.evaluate(MAP_SUMMARY)
    assert sorted(drawn["featureIds"]) == expected_ids
    # ...and, not interactive, the measured occupied area (one MultiPolygon, one path).
    assert drawn["pathsOfLayers"] == len(features) + 2 and drawn["occupiedPaths"] == 1
    [radius] = drawn["circleRadii"]  # exactly one circle: Ukraine's foothold in Kursk
    assert math.pi * radius**2 / 1e6 == pytest.approx(KURSK_KM2, rel=1e-6)
    # Every path has real geometry on screen.
    empty = frame.evaluate(f"""() => [...document.querySelectorAll('{POLYGON}')]
        .filter((p) => !p.getAttribute('d') || p.getBBox().width * p.getBBox().height === 0)
        .length""")
    assert empty == 0


def test_hovering_regions_shows_their_figures(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    texts = hover_all(page, frame)
    wrong = {region_id: {"missing": [w for w in wanted if w not in texts[region_id]],
                         "tooltip": texts[region_id]}
             for region_id, wanted in TOOLTIPS.items()
             if any(w not in texts[region_id] for w in wanted)}
    details = json.dumps(wrong, ensure_ascii=False, indent=1)
    assert not wrong, f"tooltips lack expected text: {details}"
    # Kursk's polygon is the oblast, not the circle: its tooltip says it is the whole oblast.
    assert "whole oblast" in texts["RU-KRS"]


def test_clicking_a_region_selects_it(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    assert region_query(page.url) == []
    x, y = region_position(page, frame, "UA-14")
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: region_query(url) == ["UA-14"])
    panel = region_panel(page)
    expect(region_heading(panel, "Donetsk")).to_be_visible()
    expect(region_picker(page)).to_contain_text("Region: Donetsk")
    expect(open_region_picker(page)).to_have_value("Donetsk")


def test_a_choice_in_the_region_list_selects_it_and_closes_the_list(page: Page, app_url: str) -> None:
    """The list is a popover over the page (on a phone, over the map): once a region is taken from it,
    it closes, so that the region's details and the map are in view, and the keyboard's focus is on the
    button that opened it, where the reader was (ui/controls.region_picker, ui/on_map/index.html)."""
    open_app(page, app_url)
    button = region_picker(page).get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")  # opened by keyboard: the list has the focus
    combobox = page.get_by_role("combobox", name="Region")
    expect(combobox).to_be_focused()
    page.keyboard.type("Kherson")  # the list is long: typed, then taken with Enter
    page.get_by_role("option", name="Kherson").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: region_query(url) == ["UA-65"])
    expect(region_heading(region_panel(page), "Kherson")).to_be_visible()
    expect(region_picker(page)).to_contain_text("Region: Kherson")
    expect(page.get_by_role("combobox", name="Region")).to_have_count(0)
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")  # and it opens again from there
    expect(combobox).to_have_value("Kherson")
    expect(combobox).to_be_focused()


def test_a_tap_opens_the_region_list_without_taking_the_focus(page: Page, app_url: str) -> None:
    """Opened by a pointer, the list does not take the focus: on a phone that would bring up the
    on-screen keyboard over the map before the reader asked to type."""
    open_app(page, app_url)
    combobox = open_region_picker(page)  # a click
    expect(combobox).not_to_be_focused()


def test_region_in_the_link_is_preselected(page: Page, app_url: str) -> None:
    open_app(page, app_url, "?region=UA-65")
    panel = region_panel(page)
    expect(region_heading(panel, "Kherson")).to_be_visible()
    expect(panel).to_contain_text("Around 70%")
    expect(region_picker(page)).to_contain_text("Region: Kherson")
    expect(open_region_picker(page)).to_have_value("Kherson")
    assert region_query(page.url) == ["UA-65"]


def test_unknown_region_in_the_link_shows_the_whole_map(page: Page, app_url: str) -> None:
    open_app(page, app_url, "?region=XX-99")
    page.wait_for_url(lambda url: region_query(url) == [])
    expect(page.frame_locator(MAP_IFRAME).locator(POLYGON)).to_have_count(
        len(boundary_features()) + 1)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(region_picker(page)).to_contain_text("Pick a region")
    expect(open_region_picker(page)).to_have_value("")


def test_page_asks_nothing_of_other_hosts(page: Page, app_url: str,
                                          record_network: Callable) -> None:
    network = record_network(page)
    frame = open_app(page, app_url)
    hover_all(page, frame)

    foreign = network.foreign(app_url)
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    # Leaflet comes inside the map's own message: no file of it is fetched from anywhere.
    leaflet = [url for url in network.requests if "leaflet" in urlsplit(url).path.lower()]
    assert leaflet == [], f"Leaflet files requested: {leaflet}"
    assert frame.evaluate("() => window.L && window.L.version") == "1.9.4"
    assert any(url.startswith(f"{app_url.replace('http', 'ws', 1)}/_stcore/stream")
               for url in network.websockets), network.websockets


def test_online_basemap_asks_for_tiles_only_once_switched_on(page: Page, app_url: str,
                                                              record_network: Callable) -> None:
    network = record_network(page)
    open_app(page, app_url)
    assert network.foreign(app_url) == []
    # The switch waits in the "Map options" popover.
    page.get_by_test_id("stPopover").filter(has_text="Map options").get_by_role("button").click()
    page.get_by_text("Online basemap (OpenStreetMap)").click()
    for _ in range(150):  # up to 15 s: the map is drawn again, now with its tile layer
        if any("tile.openstreetmap.org" in url for url in network.foreign(app_url)):
            break
        page.wait_for_timeout(100)
    tiles = {urlsplit(url).hostname for url in network.foreign(app_url)}
    assert tiles == {"tile.openstreetmap.org"}, f"after switching on: {tiles or 'no request'}"


def test_no_console_errors_or_dialogs(page: Page, app_url: str,
                                      record_problems: Callable) -> None:
    problems = record_problems(page)
    frame = open_app(page, app_url)
    hover_all(page, frame)
    assert not problems.all(), "\n".join(problems.all())


def test_phone_viewport_draws_the_map(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(PHONE)
    open_app(page, app_url)
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed()
    expect(iframe).to_be_in_viewport()
    box = iframe.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"], box
    assert box["height"] > 200, box
    expect(page.frame_locator(MAP_IFRAME).locator(POLYGON)).to_have_count(
        len(boundary_features()) + 1)


# The measured occupied area: its path(s), how they are filled, and whether the mouse can hit them.
_OCCUPIED = """
() => {
  const paths = [...document.querySelectorAll('path[fill="url(#rm-occupied-hatch)"]')];
  const pattern = document.querySelector('svg defs pattern#rm-occupied-hatch');
  return {
    paths: paths.length,
    interactive: paths.filter((p) => p.classList.contains('leaflet-interactive')).length,
    pointerEvents: paths.map((p) => getComputedStyle(p).pointerEvents),
    drawn: paths.filter((p) => p.getBBox().width * p.getBBox().height > 1000).length,
    pattern: !!pattern,
    attribution: (document.querySelector('.leaflet-control-attribution') || {}).textContent || '',
    legend: (document.querySelector('.rm-legend') || {}).textContent || '',
  };
}
"""
DONETSK_CITY = (48.0, 37.8)  # inside Donetsk oblast, and inside the occupied area on the report's date


def test_occupied_area_is_drawn_hatched_credited_and_lets_hovers_through(page: Page, app_url: str,
                                                                         record_network: Callable) -> None:
    network = record_network(page)
    frame = open_app(page, app_url)
    occupied = frame.evaluate(_OCCUPIED)
    assert occupied["paths"] == 1 and occupied["drawn"] == 1 and occupied["pattern"], occupied
    assert occupied["interactive"] == 0 and set(occupied["pointerEvents"]) == {"none"}, occupied
    assert "Occupied area: DeepStateMap.Live, via cyterat/deepstate-map-data, GPL-3.0" in occupied["attribution"]
    assert "Russian-occupied on 23 Nov 2024 (DeepStateMap)" in occupied["legend"]
    # Hovering inside the hatched area still reaches the region beneath, and its tooltip.
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed()
    found = frame.evaluate(LOCATE_REGION, ["UA-14", [list(DONETSK_CITY)]])
    assert "error" not in found, f"the occupied area hides Donetsk from the mouse: {found}"
    left, top = iframe.evaluate("(e) => { const r = e.getBoundingClientRect(); "
                                "return [r.left + e.clientLeft, r.top + e.clientTop]; }")
    page.mouse.move(left + found["x"], top + found["y"])
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    expect(tooltip).to_contain_text("Donetsk alone, measured: 64.9%")
    expect(tooltip).to_contain_text("together: 81.4%: holds")
    assert network.foreign(app_url) == []


def test_colour_by_measured_link_draws_the_measured_legend(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, "?reading=measured")
    legend = frame.evaluate("() => document.querySelector('.rm-legend').textContent")
    assert "Share occupied, measured on 23 Nov 2024 (DeepStateMap)" in legend
    fills = frame.evaluate(f"""() => {{
        const map = ({FIND_MAP})();
        const out = {{}};
        for (const l of Object.values(map._layers)) {{
          if (l.feature && l.feature.properties) out[l.feature.properties.id] = l.options.fillColor;
        }}
        return out;
    }}""")
    assert fills["UA-14"] != fills["UA-09"]  # each region its own measured share, not the pair's
