"""What the browser tests share: the app opened in a page, the map's iframe, and where a region is.

The map lives in streamlit-folium's iframe. To hover one region the tests ask Leaflet,
inside that iframe, where a point known to lie in the region (computed with shapely from
the committed boundary file) is on screen, and check that the region's own SVG path is
what the browser has at that pixel before moving the mouse there. A helper no test file
imports from another test file (issue 25): they live here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Frame, Locator, Page, expect
from shapely.geometry import MultiPolygon, shape
from shapely.ops import polylabel

from reportmap.mapprotocol import MAP_FRAME_TITLE

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
FIND_MAP = """
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
LOCATE_REGION = f"""
([id, candidates]) => {{
  const map = ({FIND_MAP})();
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
MAP_SETTLED = f"""
() => {{
  const map = ({FIND_MAP})();
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

MAP_SUMMARY = f"""
() => {{
  const map = ({FIND_MAP})();
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
    frame.wait_for_function(MAP_SETTLED, polling="raf", timeout=LOAD_TIMEOUT_MS)
    return frame


def region_position(page: Page, frame: Frame, region_id: str) -> tuple[float, float]:
    """Page-viewport pixel at which the mouse is over `region_id`'s polygon."""
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed()
    found = frame.evaluate(LOCATE_REGION, [region_id, [list(p) for p in
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


# Any page of the app, opened and rendered.
APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
HEADINGS = "h1, h2, h3, h4, h5, h6"


def open_page(page: Page, app_url: str, path: str) -> Frame | None:
    """Open `path` and wait until it has rendered; for the map page, its map's frame."""
    if path == "/" or path.startswith("/?"):
        return open_app(page, app_url, path[1:])
    page.goto(f"{app_url}{path}")
    # The script state is "notRunning" before the first run too: wait for content first.
    exception = page.get_by_test_id("stException")
    expect(page.locator(f"{MAIN} :is({HEADINGS})").first.or_(exception).first).to_be_visible(
        timeout=LOAD_TIMEOUT_MS)
    if exception.count():
        pytest.fail(f"{path} shows an exception: {exception.first.inner_text()!r} (see the server log)")
    expect(page.locator(APP)).to_have_attribute("data-test-script-state", "notRunning",
                                                timeout=LOAD_TIMEOUT_MS)
    return None


def wait_until_fresh(page: Page) -> None:
    """No element is still faded out as stale from a previous run."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')",
                           timeout=LOAD_TIMEOUT_MS)


def address_date(page: Page) -> str | None:
    """The day in the page's address, if any."""
    return parse_qs(urlsplit(page.url).query).get("date", [None])[0]


# Layout shifts, as Chromium reports them (test_layout_shift_browser, test_embed_browser).
SHIFT_BUDGET = 0.1  # Lighthouse's "good"
SHIFT_VISITS = 3
SHIFT_SETTLE_MS = 1500  # after the map is drawn: the panels and controls finish too

RECORD_SHIFTS = """
window.__rmShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      const first = (entry.sources || [])[0];
      const node = first && first.node;
      const name = node && node.getAttribute ? (node.getAttribute("data-testid") || node.nodeName) : "";
      window.__rmShifts.push({value: entry.value, at: Math.round(entry.startTime), node: name});
    }
  }
}).observe({type: "layout-shift", buffered: true});
"""


# axe-core and the theme (test_a11y_browser and the pages' own axe checks)
FAILING_IMPACTS = ("serious", "critical")

# The relative luminance (WCAG 2) of the app's background colour, or null if not rgb().
_APP_LUMINANCE = f"""
() => {{
  const colour = getComputedStyle(document.querySelector('{APP}')).backgroundColor;
  const m = colour.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)/);
  if (!m) return {{colour, luminance: null}};
  const lin = (c) => {{ c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }};
  const [r, g, b] = [m[1], m[2], m[3]].map(Number).map(lin);
  return {{colour, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b}};
}}
"""


def assert_theme(page: Page, theme: str) -> None:
    """Streamlit painted the theme the browser asked for (it follows the system setting)."""
    found = page.evaluate(_APP_LUMINANCE)
    assert found["luminance"] is not None, f"unreadable background colour of stApp: {found['colour']}"
    if theme == "dark":
        assert found["luminance"] < 0.2, f"asked for dark, stApp's background is {found['colour']}"
    else:
        assert found["luminance"] > 0.8, f"asked for light, stApp's background is {found['colour']}"


def axe_found(run_axe, page: Page, frame: Frame | None, where: str) -> list[tuple[str, dict]]:
    """Every axe violation on the page, then in the map's frame (if any), each with where it was found.
    The page first: axe finds no axe in the map's frame yet, so it does not report it twice."""
    found = [(where, violation) for violation in run_axe(page)]
    if frame is not None:
        found += [(f"{where}, map frame", violation) for violation in run_axe(frame)]
    return found


def describe(violations: list[dict], where: str) -> list[str]:
    """One block per violation: id, impact, help, then each node's target and summary."""
    lines = []
    for violation in violations:
        lines.append(f"[{where}] {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"-- {violation['count']} node(s)")
        for node in violation["nodes"]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    target {node['target']}: {summary}")
            lines.append(f"      html: {' '.join(node.get('html', '').split())}")
        if violation["count"] > len(violation["nodes"]):
            lines.append(f"    ... and {violation['count'] - len(violation['nodes'])} more node(s)")
    return lines


# The day on the map (test_dates_browser and the reports' own)
_DONETSK = "UA-14"


def donetsk_tooltip(page: Page, frame) -> str:
    x, y = region_position(page, frame, _DONETSK)
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    expect(tooltip).to_contain_text("Donetsk")
    return tooltip.inner_text()


def occupied_layers(frame) -> list[str]:
    """The dates of the occupied-area layers drawn on the map (from their GeoJSON properties)."""
    return frame.evaluate("""() => Object.values(window.map._layers)
        .filter((l) => l.feature && l.feature.properties && l.feature.properties.date)
        .map((l) => l.feature.properties.date)""")
