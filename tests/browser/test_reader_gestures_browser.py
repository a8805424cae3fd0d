"""A map that never traps its reader (issue 22): the wheel scrolls the page and Ctrl + wheel zooms,
a button goes back to the opening view, the legend is open on a laptop's first screen over no
Ukrainian region, and a tap on a phone brings the region's details (with a way back to the map)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_support import FIND_MAP, MAP_IFRAME, open_app, region_position, region_query
from playwright.sync_api import Frame, Page, expect

from reportmap.texts import t

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
LAPTOP = {"width": 1366, "height": 768}
EMBED = {"width": 700, "height": 650}

_VIEW = f"() => {{ const m = ({FIND_MAP})(), c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }}"

# The legend's box (in the frame), whether it is open, every Ukrainian region whose path box meets
# it, and every named region the browser finds under it (the legend hidden for the look).
_UNDER_LEGEND = f"""
() => {{
  const map = ({FIND_MAP})(), legend = document.querySelector('.rm-legend');
  const box = legend.getBoundingClientRect(), meets = [];
  Object.values(map._layers).forEach((layer) => {{
    const props = layer.feature && layer.feature.properties;
    if (!props || props.role !== 'ukraine' || !layer._path) return;
    const r = layer._path.getBoundingClientRect();
    if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top) meets.push(props.id);
  }});
  legend.style.visibility = 'hidden';
  const found = new Set();
  for (let x = box.left; x <= box.right; x += 4) {{
    for (let y = box.top; y <= box.bottom; y += 4) {{
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.getAttribute('aria-label')) found.add(hit.getAttribute('aria-label').split(':')[0]);
    }}
  }}
  legend.style.visibility = '';
  return {{open: legend.querySelector('details').open, box: [box.left, box.top, box.right, box.bottom],
           meets, found: [...found], text: legend.innerText}};
}}
"""


def iframe_top(page: Page) -> float:
    """Where the map's frame is in the page's viewport: it moves up as the page scrolls."""
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    return box["y"]


def map_centre(page: Page) -> tuple[float, float]:
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    return box["x"] + box["width"] * 0.6, box["y"] + min(box["height"], page.viewport_size["height"] - box["y"]) / 2


def same_view(a: list[float], b: list[float], within: float = 1e-6) -> bool:
    """The same zoom, and centres `within` degrees (at zoom 5.75 a pixel is about 0.026 degrees)."""
    return a[0] == b[0] and abs(a[1] - b[1]) < within and abs(a[2] - b[2]) < within


@pytest.mark.parametrize(("viewport", "query"), [(LAPTOP, ""), (EMBED, "?embed=true")], ids=["laptop", "embed"])
def test_a_plain_wheel_over_the_map_scrolls_the_page_and_leaves_the_zoom(
        new_page: Callable[..., Page], app_url: str, viewport: dict[str, int], query: str) -> None:
    page = new_page(viewport)
    frame = open_app(page, app_url, query)
    page.evaluate("window.scrollTo(0, 0)")
    # Whether the map kept a wheel from the page (an article around an embed scrolls only if not):
    # every wheel event is caught on its way in and read once it has been handled.
    frame.evaluate("""() => { window.__wheels = []; window.addEventListener('wheel',
        (e) => window.__wheels.push(e), {capture: true, passive: true}); }""")
    room = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll('*')]
        .filter((e) => /(auto|scroll)/.test(getComputedStyle(e).overflowY))
        .map((e) => e.scrollHeight - e.clientHeight))""")
    before, top = frame.evaluate(_VIEW), iframe_top(page)
    page.mouse.move(*map_centre(page))
    for _ in range(3):  # three notches, as in the issue
        page.mouse.wheel(0, 100)
        page.wait_for_timeout(120)
    page.wait_for_timeout(400)
    assert same_view(frame.evaluate(_VIEW), before), f"the wheel moved the map: {before} -> {frame.evaluate(_VIEW)}"
    wheels = frame.evaluate("window.__wheels.map((e) => e.defaultPrevented)")
    assert wheels and not any(wheels), f"the map kept the wheel from the page (or an article around it): {wheels}"
    if room > 100:  # an embed made to fit its frame has nothing to scroll: its article scrolls instead
        assert iframe_top(page) < top - 100, f"the page did not scroll: the map's top {top} -> {iframe_top(page)}"
    hint = page.frame_locator(MAP_IFRAME).locator(".rm-hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(t("map_wheel_hint", "en"))


def test_ctrl_and_the_wheel_zoom_the_map_and_leave_the_page(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(LAPTOP)
    frame = open_app(page, app_url)
    page.evaluate("window.scrollTo(0, 0)")
    before, top = frame.evaluate(_VIEW), iframe_top(page)
    page.mouse.move(*map_centre(page))
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    frame.wait_for_function(f"() => ({FIND_MAP})().getZoom() > {before[0]}")
    assert iframe_top(page) == pytest.approx(top, abs=1)
    expect(page.frame_locator(MAP_IFRAME).locator(".rm-hint")).to_be_hidden()


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_reset_button_is_named_reached_by_keyboard_and_restores_the_opening_view(
        new_page: Callable[..., Page], app_url: str, lang: str) -> None:
    page = new_page(LAPTOP)
    frame = open_app(page, app_url, f"?lang={lang}")
    opening = frame.evaluate(_VIEW)
    frame.evaluate(f"() => ({FIND_MAP})().setView([50.4, 30.5], 8, {{animate: false}})")  # Kyiv, close up
    assert not same_view(frame.evaluate(_VIEW), opening)
    inside = page.frame_locator(MAP_IFRAME)
    reset = inside.get_by_role("button", name=t("map_reset", lang), exact=True)
    expect(reset).to_have_count(1)
    # The keyboard's way: from the map itself, the third Tab stop (after zoom in and out), before
    # the regions; Enter presses it.
    frame.evaluate("() => document.querySelector('.leaflet-container').focus()")
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(reset).to_be_focused()
    page.keyboard.press("Enter")
    frame.wait_for_function(f"() => ({FIND_MAP})().getZoom() === {opening[0]}")
    assert same_view(frame.evaluate(_VIEW), opening, within=0.02), (frame.evaluate(_VIEW), opening)


@pytest.mark.parametrize(("viewport", "lang", "theme", "more"), [
    (LAPTOP, "en", "light", ""), (LAPTOP, "uk", "dark", ""), ({"width": 1440, "height": 900}, "en", "light", ""),
    (LAPTOP, "en", "light", "&scenario=russian-demands"),  # the longest legend: a row of three lines more
], ids=["1366-en-light", "1366-uk-dark", "1440-en-light", "1366-en-demands"])
def test_the_legend_is_open_on_the_first_screen_over_no_ukrainian_region(
        new_page: Callable[..., Page], app_url: str, run_axe: Callable[[Page | Frame], list[dict]],
        viewport: dict[str, int], lang: str, theme: str, more: str) -> None:
    page = new_page(viewport, color_scheme=theme)
    frame = open_app(page, app_url, f"?lang={lang}{more}")
    page.evaluate("window.scrollTo(0, 0)")
    found = frame.evaluate(_UNDER_LEGEND)
    assert found["open"], f"the legend is folded: {found}"
    assert t("legend_title", lang) in found["text"] and t("legend_neighbour", lang) in found["text"]
    assert not found["meets"] and not found["found"], f"regions under the legend: {found}"
    left, top = page.locator(MAP_IFRAME).evaluate("(e) => { const r = e.getBoundingClientRect(); "
                                                  "return [r.left + e.clientLeft, r.top + e.clientTop]; }")
    box = [found["box"][0] + left, found["box"][1] + top, found["box"][2] + left, found["box"][3] + top]
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= viewport["width"] and box[3] <= viewport["height"], (
        f"the legend {box} is not wholly on the first screen {viewport}")
    serious = [v for v in run_axe(frame) if v["impact"] in ("serious", "critical")]
    assert not serious, serious


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_tap_on_a_phone_brings_the_regions_details_and_a_way_back(new_page: Callable[..., Page], app_url: str,
                                                                   lang: str) -> None:
    page = new_page(**PHONE)
    frame = open_app(page, app_url, f"?lang={lang}")
    page.evaluate("window.scrollTo(0, 0)")
    page.touchscreen.tap(*region_position(page, frame, "UA-14"))
    page.wait_for_url(lambda url: region_query(url) == ["UA-14"])
    details = page.locator(".st-key-region_details_UA-14")
    heading = details.get_by_role("heading", level=2, name=re.compile("Donetsk|Донецька"))
    expect(heading).to_be_in_viewport()
    page.wait_for_timeout(800)  # the smooth scroll's end
    header = page.locator('header[data-testid="stHeader"]').bounding_box()
    below = header["y"] + header["height"] if header else 0
    assert 0 <= below <= heading.bounding_box()["y"] < 844 / 2, "the heading is hidden under the header or low"
    back = page.get_by_role("button", name=t("map_back", lang))
    expect(back).to_be_visible()
    back.tap()
    expect(page.locator(MAP_IFRAME)).to_be_in_viewport(ratio=0.5)
    expect(back).to_have_count(0)
    page.wait_for_timeout(800)
    assert page.locator(MAP_IFRAME).bounding_box()["y"] >= below, "the map's top is hidden under the header"


def test_on_a_wide_screen_a_click_leaves_the_page_where_it_is(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(LAPTOP)
    frame = open_app(page, app_url)
    at = region_position(page, frame, "UA-77")  # scrolls the map wholly into view first
    top = iframe_top(page)
    page.mouse.click(*at)
    page.wait_for_url(lambda url: region_query(url) == ["UA-77"])
    expect(page.locator(".st-key-region_details_UA-77")).to_be_in_viewport()
    page.wait_for_timeout(500)
    assert iframe_top(page) == pytest.approx(top, abs=1)
    expect(page.locator("#rm-back-to-map")).to_have_count(0)
