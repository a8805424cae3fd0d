"""The map page's first screen in Chromium: the map is painted before the rest of the page arrives,
and a map that cannot draw keeps nothing away (pages/map.py; ui/on_map/index.html's answer)."""

from __future__ import annotations

import pytest
from browser_support import LOAD_TIMEOUT_MS, MAP_IFRAME, POLYGON, region_picker
from playwright.sync_api import Page, Route, expect

from ui.mapcomponent import DRAWN_AT_THE_LATEST_MS

pytestmark = pytest.mark.browser

# In the page (not in its frames): when the map's first polygon and the region list's button (a
# part of the panel beside the map) are first in the document, by performance.now().
RECORD_ORDER = """
(() => {
  if (window.top !== window) { return; }
  const times = window.__rmFirstScreen = {};
  const look = () => {
    const now = performance.now(), frame = document.querySelector(%(frame)s);
    try {
      if (!times.map && frame && frame.contentDocument && frame.contentDocument.querySelector(%(polygon)s)) {
        times.map = now;
      }
    } catch (error) { /* the frame is loading */ }
    if (!times.panel && document.querySelector(".st-key-region_picker")) { times.panel = now; }
    if (!(times.map && times.panel)) { requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
})();
"""


def test_the_map_is_painted_before_the_rest_of_the_page_arrives(page: Page, app_url: str) -> None:
    page.add_init_script(RECORD_ORDER % {"frame": repr(MAP_IFRAME), "polygon": repr(POLYGON)})
    page.goto(f"{app_url}/?region=UA-14")
    expect(region_picker(page)).to_contain_text("Region: Donetsk", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function("() => window.__rmFirstScreen.map && window.__rmFirstScreen.panel",
                           timeout=LOAD_TIMEOUT_MS)
    times = page.evaluate("() => window.__rmFirstScreen")
    assert times["map"] < times["panel"], f"the panel came before the map's first polygon: {times}"
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_map_that_cannot_draw_keeps_nothing_away(page: Page, app_url: str) -> None:
    """The map's frame gets no script: the page's part answers after DRAWN_AT_THE_LATEST_MS all the
    same, and the controls and the panel arrive."""
    def no_map_script(route: Route) -> None:
        if route.request.url.endswith(".js") and "streamlit_folium" in route.request.url:
            route.abort()
        else:
            route.continue_()

    page.route("**/*", no_map_script)
    page.goto(f"{app_url}/")
    expect(page.locator(MAP_IFRAME)).to_be_attached(timeout=LOAD_TIMEOUT_MS)
    expect(region_picker(page)).to_be_visible(timeout=DRAWN_AT_THE_LATEST_MS + LOAD_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="The report's totals, and the measurement")).to_be_visible()
    assert page.frame_locator(MAP_IFRAME).locator(POLYGON).count() == 0  # the map did not draw
    expect(page.get_by_test_id("stException")).to_have_count(0)
