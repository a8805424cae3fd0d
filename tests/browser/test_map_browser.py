"""The running app in a real Chromium: the map draws, hovers, clicks, links, stays offline.

The map lives in streamlit-folium's iframe. To hover one region the tests ask Leaflet,
inside that iframe, where a point known to lie in the region (computed with shapely from
the committed boundary file) is on screen, and check that the region's own SVG path is
what the browser has at that pixel before moving the mouse there.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Frame, Locator, Page, expect
from shapely.geometry import MultiPolygon, shape
from shapely.ops import polylabel

from reportmap.mapprotocol import MAP_FRAME_TITLE

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BOUNDARIES = ROOT / "geodata" / "regions.geojson"
MAP_IFRAME = f'iframe[title="{MAP_FRAME_TITLE}"]'
POLYGON = "path.leaflet-interactive"
TOOLTIP = ".leaflet-tooltip-pane .leaflet-tooltip"
KURSK_KM2 = 650
PHONE = {"width": 390, "height": 844}
LOAD_TIMEOUT_MS = 30_000

# What each hovered region's tooltip must say: its title, then fragments of its text.
TOOLTIPS: dict[str, tuple[str, ...]] = {
    # A figure for two regions is the pair's, checked for the pair; the region's own is measured.
    "UA-14": ("Donetsk", "Report, for Donetsk and Luhansk together", "More than 80%",
              "Measured on 23 Nov 2024, together: 81.4%: holds", "Donetsk alone, measured: 64.9%"),
    "UA-65": ("Kherson", "Around 70%", "together: 72.4%: holds", "Kherson alone, measured: 72.1%"),
    "UA-46": ("Lviv", "No Russian control reported"),
    "UA-63": ("Kharkiv", "Smaller parts"),
    "RU-KRS": ("Kursk Oblast (Russia)", "650", "Ukraine"),
}

# The Leaflet map of the iframe: folium's global, else any L.Map found on `window`.
_FIND_MAP = """
() => {
  if (window.map instanceof L.Map) return window.map;
  for (const key of Object.keys(window)) {
    try { if (window[key] instanceof L.Map) return window[key]; } catch (e) { /* skip */ }
  }
  return null;
}
"""

# [id, [[lat, lng], ...]] -> where (in iframe viewport pixels) the mouse finds that
# region's own path, or why no candidate point works.
_LOCATE_REGION = f"""
([id, candidates]) => {{
  const map = ({_FIND_MAP})();
  if (!map) return {{error: "no Leaflet map in the iframe"}};
  const layer = Object.values(map._layers)
    .find((l) => l.feature && l.feature.properties && l.feature.properties.id === id);
  if (!layer) return {{error: `no layer with feature id ${{id}}`}};
  const size = map.getSize();
  const box = map.getContainer().getBoundingClientRect();
  const tried = [];
  for (const [lat, lng] of candidates) {{
    const p = map.latLngToContainerPoint([lat, lng]);
    const x = box.left + p.x, y = box.top + p.y;
    const hit = document.elementFromPoint(x, y);
    tried.push({{lat, lng, x, y, hit: hit ? hit.outerHTML.slice(0, 80) : null}});
    const inside = p.x > 4 && p.y > 4 && p.x < size.x - 4 && p.y < size.y - 4;
    if (inside && hit === layer._path) return {{x, y}};
  }}
  return {{error: "no candidate point hits the region's path", tried}};
}}
"""

# True once the map's size and view have stayed the same for several animation frames
# with no zoom or pan animation running (the app refits the map when the iframe resizes).
_MAP_SETTLED = f"""
() => {{
  const map = ({_FIND_MAP})();
  if (!map) return false;
  const box = map.getContainer().getBoundingClientRect();
  const centre = map.getCenter();
  const moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
  const now = [box.width, box.height, map.getZoom(), centre.lat, centre.lng].join();
  const state = window.__browserTestSettle || (window.__browserTestSettle = {{last: "", same: 0}});
  state.same = (!moving && now === state.last) ? state.same + 1 : 0;
  state.last = now;
  return state.same >= 5;
}}
"""

_MAP_SUMMARY = f"""
() => {{
  const map = ({_FIND_MAP})();
  const layers = Object.values(map._layers);
  return {{
    featureIds: layers.filter((l) => l.feature && l.feature.properties.id).map((l) => l.feature.properties.id),
    occupiedPaths: layers.filter((l) => l._path && !l.options.interactive).length,
    circleRadii: layers.filter((l) => l instanceof L.Circle).map((l) => l.getRadius()),
    pathsOfLayers: layers.filter((l) => l._path).length,
  }};
}}
"""


# --------------------------------------------------------------------------- data


@cache
def boundary_features() -> tuple[dict, ...]:
    collection = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return tuple(collection["features"])


@cache
def inside_points(region_id: str) -> tuple[tuple[float, float], ...]:
    """(lat, lng) points inside the region, best first: shapely's representative point,
    then the pole of inaccessibility of its largest part."""
    feature = next(f for f in boundary_features() if f["properties"]["id"] == region_id)
    geometry = shape(feature["geometry"])
    largest = (max(geometry.geoms, key=lambda g: g.area)
               if isinstance(geometry, MultiPolygon) else geometry)
    points = [geometry.representative_point(), polylabel(largest, tolerance=0.01)]
    return tuple((p.y, p.x) for p in points if geometry.contains(p))


# --------------------------------------------------------------------------- driving


def open_app(page: Page, app_url: str, query: str = "") -> Frame:
    """Open the app and wait until its script has run and the map is drawn."""
    page.goto(f"{app_url}/{query}")
    exception = page.get_by_test_id("stException")
    expect(page.locator(MAP_IFRAME).or_(exception).first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    if exception.count():
        pytest.fail("the app shows an exception instead of the map: "
                    f"{exception.first.inner_text()!r} (see the server log)")
    page.frame_locator(MAP_IFRAME).locator(POLYGON).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=LOAD_TIMEOUT_MS)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None, "the map iframe has no content frame"
    frame.wait_for_function(_MAP_SETTLED, polling="raf", timeout=LOAD_TIMEOUT_MS)
    return frame


def region_position(page: Page, frame: Frame, region_id: str) -> tuple[float, float]:
    """Page-viewport pixel at which the mouse is over `region_id`'s polygon."""
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed()
    found = frame.evaluate(_LOCATE_REGION, [region_id, [list(p) for p in
                                                        inside_points(region_id)]])
    assert "error" not in found, f"cannot hover {region_id}: {found}"
    left, top = iframe.evaluate(
        "(e) => { const r = e.getBoundingClientRect(); "
        "return [r.left + e.clientLeft, r.top + e.clientTop]; }")
    return left + found["x"], top + found["y"]


def hover_region(page: Page, frame: Frame, region_id: str) -> str:
    """Move the mouse onto the region and return its tooltip's text."""
    x, y = region_position(page, frame, region_id)
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    # Wait for this region's own tooltip (its title), not the previous region's.
    expect(tooltip).to_contain_text(TOOLTIPS[region_id][0])
    expect(tooltip).to_have_count(1)
    return tooltip.inner_text()


def hover_all(page: Page, frame: Frame) -> dict[str, str]:
    return {region_id: hover_region(page, frame, region_id) for region_id in TOOLTIPS}


PICKER_TEXT = re.compile(r"Pick a region|Region: ")


def region_picker(page: Page) -> Locator:
    """The region picker's popover: "Pick a region", or "Region: <name>" once one is chosen."""
    return page.get_by_test_id("stPopover").filter(has_text=PICKER_TEXT)


def open_region_picker(page: Page) -> Locator:
    """Open the picker; its "Region" selectbox exists in the page only while it is open."""
    region_picker(page).get_by_role("button").click()
    combobox = page.get_by_role("combobox", name="Region")
    expect(combobox).to_be_visible()
    return combobox


def region_panel(page: Page) -> Locator:
    """The column beside the map: the one holding the region picker."""
    return page.get_by_test_id("stColumn").filter(has=region_picker(page)).last


def region_heading(panel: Locator, name: str) -> Locator:
    """The details' heading, "<name> · <Ukrainian name>"."""
    return panel.get_by_role("heading", level=2, name=re.compile(rf"^{re.escape(name)} ·"))


def region_query(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("region", [])


# --------------------------------------------------------------------------- tests


def test_map_draws_one_path_per_feature_and_the_kursk_circle(page: Page, app_url: str) -> None:
    features = boundary_features()
    expected_ids = sorted(f["properties"]["id"] for f in features)
    frame = open_app(page, app_url)

    polygons = page.frame_locator(MAP_IFRAME).locator(POLYGON)
    # One SVG path per feature (a MultiPolygon is still one path) plus the Kursk circle.
    expect(polygons).to_have_count(len(features) + 1)

    drawn = frame.evaluate(_MAP_SUMMARY)
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
    found = frame.evaluate(_LOCATE_REGION, ["UA-14", [list(DONETSK_CITY)]])
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
        const map = ({_FIND_MAP})();
        const out = {{}};
        for (const l of Object.values(map._layers)) {{
          if (l.feature && l.feature.properties) out[l.feature.properties.id] = l.options.fillColor;
        }}
        return out;
    }}""")
    assert fills["UA-14"] != fills["UA-09"]  # each region its own measured share, not the pair's
