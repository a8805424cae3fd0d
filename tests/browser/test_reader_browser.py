"""The first screen serves its reader: the map in view, tooltips readable, every click counts,
the keyboard reaches every region (issue: "The map serves its reader")."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_support import (
    MAP_IFRAME,
    POLYGON,
    TOOLTIP,
    boundary_features,
    open_app,
    region_panel,
    region_position,
    region_query,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# Each Ukrainian unit and Kursk: the regions a reader hovers.
READABLE = sorted(f["properties"]["id"] for f in boundary_features()
                  if f["properties"]["country"] == "UA" or f["properties"]["id"] == "RU-KRS")

_TOOLTIP_BOX = """
() => {
  const tip = document.querySelector('.leaflet-tooltip-pane .leaflet-tooltip');
  const map = document.querySelector('.leaflet-container');
  if (!tip) return null;
  const t = tip.getBoundingClientRect(), m = map.getBoundingClientRect();
  const inside = t.left >= m.left && t.right <= m.right && t.top >= m.top && t.bottom <= m.bottom;
  return {width: t.width, inside, text: tip.textContent.slice(0, 60),
          tip: [t.left, t.top, t.right, t.bottom], map: [m.left, m.top, m.right, m.bottom]};
}
"""


def map_above_the_fold(page: Page) -> tuple[float, float]:
    """(share of the map's height above the fold, the map's height in px)."""
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    fold = page.viewport_size["height"]
    return max(0.0, min(fold, box["y"] + box["height"]) - box["y"]) / box["height"], box["height"]


@pytest.mark.parametrize(("width", "height", "share"), [(1366, 768, 0.70), (1440, 900, 0.90), (1920, 1080, 0.90)])
def test_the_map_is_on_the_first_screen(new_page: Callable[..., Page], app_url: str, width: int, height: int,
                                        share: float) -> None:
    page = new_page({"width": width, "height": height})
    open_app(page, app_url)
    above, tall = map_above_the_fold(page)
    assert above >= share and tall >= 400, f"{above:.0%} of a {tall:.0f} px map above the fold"


def test_on_a_phone_the_map_fills_much_of_the_screen_and_its_legend_hides_nothing(
        new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(**PHONE)
    frame = open_app(page, app_url)
    above, tall = map_above_the_fold(page)
    assert above * tall >= 0.4 * 844, f"map: {above * tall:.0f} px of the first 844"
    legend = frame.evaluate("""() => {
        const d = document.querySelector('.rm-legend details');
        return {open: d.open, top: !!d.closest('.leaflet-top.leaflet-right'), height: d.getBoundingClientRect().height};
    }""")
    assert not legend["open"] and legend["top"] and legend["height"] < 50, legend
    # One finger scrolls the page: the map does not take it for a pan.
    assert frame.evaluate("() => { for (const k of Object.keys(window)) { try { if (window[k] instanceof L.Map)"
                          " return window[k].dragging.enabled(); } catch (e) {} } }") is False


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 1920, "height": 1080}])
def test_every_tooltip_is_readable_and_inside_the_map(new_page: Callable[..., Page], app_url: str,
                                                      viewport: dict[str, int]) -> None:
    """Every region can be hovered (the legend hides none) and its tooltip is wide and whole."""
    page = new_page(viewport)
    frame = open_app(page, app_url)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    bad = {}
    for region_id in READABLE:
        x, y = region_position(page, frame, region_id)
        page.mouse.move(x, y)
        expect(tooltip).to_have_count(1)
        page.wait_for_timeout(50)
        box = frame.evaluate(_TOOLTIP_BOX)
        if not box or box["width"] < 200 or not box["inside"]:
            bad[region_id] = box
    assert not bad, f"tooltips narrower than 200 px or running off the map: {bad}"


def test_a_tap_on_a_phone_gives_the_tooltip(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(**PHONE)
    frame = open_app(page, app_url)
    x, y = region_position(page, frame, "UA-14")
    page.touchscreen.tap(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    expect(tooltip).to_contain_text("Donetsk alone, measured: 64.9%")
    box = frame.evaluate(_TOOLTIP_BOX)
    assert box["width"] >= 200 and box["inside"], box


def test_the_first_click_on_a_partly_visible_map_selects_and_outlines_the_region(
        new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page({"width": 1280, "height": 560})  # the map's lower part is below the fold
    frame = open_app(page, app_url)
    page.evaluate("window.scrollTo(0, 0)")
    x, y = region_position(page, frame, "UA-77")  # Chernihiv, in the map's visible north
    assert y < 560, "Chernihiv should be on screen"
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: region_query(url) == ["UA-77"])
    page.mouse.move(1, 1)  # off the map: the hover outline gives way to the selection's
    panel = region_panel(page)
    heading = panel.get_by_role("heading", level=2, name=re.compile(r"^Chernihiv"))
    expect(heading).to_be_visible()
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function("""() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
        .some((p) => p.getAttribute('stroke-width') === '4')""")


def test_the_selected_regions_details_are_in_view_without_scrolling(new_page: Callable[..., Page],
                                                                     app_url: str) -> None:
    page = new_page({"width": 1366, "height": 768})
    open_app(page, app_url, "?region=UA-14")
    heading = region_panel(page).get_by_role("heading", level=2, name=re.compile(r"^Donetsk"))
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") == 0


def test_keyboard_reaches_the_map_and_selects_a_region(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    # Regions (and Kursk) are named tab stops; neighbouring countries are not.
    stops = frame.evaluate("""() => [...document.querySelectorAll('path[tabindex="0"]')]
        .map((p) => p.getAttribute('aria-label'))""")
    assert len(stops) == len(READABLE) and all(stops), stops
    assert any(label.startswith("Donetsk: “More than 80%") for label in stops)
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    reached = None
    for presses in range(1, 13):
        page.keyboard.press("Tab")
        inside = frame.evaluate("() => !!document.activeElement && !!document.activeElement.closest"
                                "('.leaflet-container') && document.hasFocus()")
        if inside:
            reached = presses
            break
    assert reached is not None, "the map is not reached in 12 Tab presses"
    for _ in range(40):  # past the map's controls, on to the first named region
        if frame.evaluate("() => !!(document.activeElement && document.activeElement.matches('path[aria-label]'))"):
            break
        page.keyboard.press("Tab")
    label = frame.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label, "no named region takes the focus"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: len(region_query(url)) == 1)


def test_every_download_delivers_on_every_click(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/method")
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                    timeout=30_000)
    buttons = page.get_by_test_id("stDownloadButton").get_by_role("button")
    # the day's figures and regions, every day's series, the verdicts as CSV and as ClaimReview
    expect(buttons).to_have_count(5)
    for index in range(5):
        received = 0
        for _ in range(20):
            expect(buttons.nth(index)).to_be_enabled()
            page.wait_for_timeout(300)  # a reader's pace; faster, Chromium holds back every 11th file
            with page.expect_download() as download:
                buttons.nth(index).click()
            received += download.value.suggested_filename.startswith(("report-", "deepstate-daily-"))
        assert received == 20


def test_map_has_no_unnamed_tab_stops(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    unnamed = frame.evaluate(f"""() => [...document.querySelectorAll('{POLYGON}')]
        .filter((p) => p.tabIndex >= 0 && !p.getAttribute('aria-label')).length""")
    assert unnamed == 0  # neighbours and the Kursk circle (Kursk oblast is named) are no tab stops


def test_nothing_runs_past_a_phones_edge(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(**PHONE)
    open_app(page, app_url, "?lang=uk")  # the longer labels
    over = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => (e.textContent || e.tagName).trim().slice(0, 40))""")
    assert over == [], f"past the right edge: {over[:5]}"
