"""What changed since the report, in a real Chromium: the taken and lost areas drawn on the map already
there, in two styles that differ in more than colour, named in the legend; none on the report's date."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_support import MAP_IFRAME, open_app
from playwright.sync_api import Page, expect

from reportmap.changemap import DOTS_ID, LOST_COLOUR, TAKEN_COLOUR

pytestmark = pytest.mark.browser

# The change's paths as drawn: their GeoJSON kind, and the SVG attributes Leaflet gave them.
CHANGE_PATHS = """() => Object.values(window.map._layers)
    .filter((l) => l.feature && l.feature.properties && l.feature.properties.kind && l._path)
    .map((l) => ({kind: l.feature.properties.kind, from: l.feature.properties.from, to: l.feature.properties.to,
                  stroke: l._path.getAttribute("stroke"), dash: l._path.getAttribute("stroke-dasharray"),
                  fill: l._path.getAttribute("fill"), box: l._path.getBBox().width}))"""
SCREENSHOTS = os.environ.get("REPORTMAP_SCREENSHOTS")  # a folder: keep the screenshots to look at


def test_a_later_day_draws_what_was_taken_and_lost_and_the_legend_names_both(page: Page, app_url: str,
                                                                            record_problems) -> None:
    problems = record_problems(page)
    frame = open_app(page, app_url, "?date=2026-01-01")
    frame.wait_for_function(f"() => ({CHANGE_PATHS})().length >= 2", timeout=20_000)
    paths = frame.evaluate(CHANGE_PATHS)
    taken = [p for p in paths if p["kind"] == "taken"]
    lost = [p for p in paths if p["kind"] == "lost"]
    assert taken and lost and {(p["from"], p["to"]) for p in paths} == {("2024-11-23", "2026-01-01")}
    assert taken[0]["stroke"] == TAKEN_COLOUR and taken[0]["dash"] is None and taken[0]["box"] > 5
    assert lost[0]["stroke"] == LOST_COLOUR and lost[0]["dash"] == "5 3" and lost[0]["fill"] == f"url(#{DOTS_ID})"
    assert frame.evaluate(f"() => !!document.getElementById({DOTS_ID!r})")  # the dots are defined
    legend = page.frame_locator(MAP_IFRAME).locator(".rm-legend")
    expect(legend).to_contain_text("Taken by Russia, 23 Nov 2024 to 1 Jan 2026 (DeepStateMap)")
    expect(legend).to_contain_text("Lost by Russia, 23 Nov 2024 to 1 Jan 2026 (DeepStateMap)")
    expect(legend).to_contain_text("Russian-occupied on 1 Jan 2026")  # the day's outline is still there
    expect(page.get_by_text("What changed, 23 Nov 2024 to 1 Jan 2026")).to_be_visible()
    if SCREENSHOTS:
        page.locator(MAP_IFRAME).screenshot(path=str(Path(SCREENSHOTS) / "change-map-2026-01-01.png"))

    # Back to the report's date: the layers and the legend's rows go, and the map is the same one.
    frame.evaluate("() => { window.__sameDocument = true; }")
    page.get_by_role("button", name=re.compile("Report's date")).click()
    frame.wait_for_function(f"() => ({CHANGE_PATHS})().length === 0", timeout=20_000)
    expect(legend).not_to_contain_text("Taken by Russia")
    assert frame.evaluate("() => window.__sameDocument === true")
    expect(page.get_by_text("What changed, 23 Nov 2024")).to_have_count(0)
    assert not problems.all(), "\n".join(problems.all())  # no console error, no dialog


def test_the_switch_takes_the_change_off_the_map(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, "?date=2026-01-01&since=2025-06-01")
    frame.wait_for_function(f"() => ({CHANGE_PATHS})().length >= 2", timeout=20_000)
    assert {(p["from"], p["to"]) for p in frame.evaluate(CHANGE_PATHS)} == {("2025-06-01", "2026-01-01")}
    page.get_by_test_id("stPopover").filter(has_text="Map options").get_by_role("button").click()
    page.get_by_text("What changed: taken and lost").click()
    frame.wait_for_function(f"() => ({CHANGE_PATHS})().length === 0", timeout=20_000)
    expect(page.frame_locator(MAP_IFRAME).locator(".rm-legend")).not_to_contain_text("Taken by Russia")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_panels_table_and_the_months_chart_read_in_both_themes(new_page, app_url: str, theme: str) -> None:
    page = new_page(color_scheme=theme)
    open_app(page, app_url, "?date=2026-01-01&lang=uk")
    page.get_by_text("Захоплене й утрачене за регіонами, км², 23 листопада 2024 – 1 січня 2026").click()
    table = page.locator('[data-testid="stExpander"] table').filter(has_text="Донецька")
    expect(table).to_be_visible()
    expect(table).to_contain_text("Регіони України, разом")
    colour, background = table.evaluate("(t) => [getComputedStyle(t).color, "
                                        "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor]")
    assert colour != background
    if SCREENSHOTS:
        page.locator('[data-testid="stExpander"]').filter(has_text="Регіони України, разом").screenshot(
            path=str(Path(SCREENSHOTS) / f"change-panel-{theme}.png"))
    page.goto(f"{app_url}/timeline?date=2026-01-01")
    chart = page.locator('[data-testid="stVegaLiteChart"]').nth(3)
    chart.scroll_into_view_if_needed()
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=20_000)
    assert chart.bounding_box()["height"] > 200
    if SCREENSHOTS:
        chart.screenshot(path=str(Path(SCREENSHOTS) / f"change-months-{theme}.png"))


# The legend's box against each Ukrainian region's box (as reportmap/mapreader.js places it).
LEGEND_OVER = """() => { const legend = document.querySelector('.rm-legend'), r = legend.getBoundingClientRect();
  const hits = [];
  Object.values(window.map._layers).forEach((l) => {
    if (!l.feature || l.feature.properties.role !== 'ukraine' || !l._path) { return; }
    const p = l._path.getBoundingClientRect();
    const meets = p.left < r.right && p.right > r.left && p.top < r.bottom && p.bottom > r.top;
    if (meets) { hits.push(l.feature.properties.id); }
  });
  return {hits, open: legend.querySelector('details').open}; }"""


@pytest.mark.parametrize("size", [(1366, 768), (1440, 900)])
def test_the_longer_key_still_hides_no_ukrainian_region(new_page, app_url: str, size: tuple[int, int]) -> None:
    page = new_page(viewport={"width": size[0], "height": size[1]})
    frame = open_app(page, app_url)  # the map drawn on the report's date, its key placed for it
    page.get_by_role("button", name="Week on").click()  # then the key grows by the change's two rows
    frame.wait_for_function("() => document.querySelector('.rm-legend').textContent.includes('Taken by Russia')",
                            timeout=20_000)
    assert frame.evaluate(LEGEND_OVER) == {"hits": [], "open": True}
    if SCREENSHOTS:
        page.locator(MAP_IFRAME).screenshot(path=str(Path(SCREENSHOTS) / f"change-key-{size[0]}.png"))


def test_on_a_phone_the_change_per_region_stays_inside_the_screen(new_page, app_url: str) -> None:
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    open_app(page, app_url, "?date=2026-01-01&lang=uk")  # the longer labels
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Захоплене й утрачене за регіонами")
    expander.get_by_text("Захоплене й утрачене за регіонами").click()
    expect(expander.locator("table")).to_be_visible()
    over = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => (e.textContent || e.tagName).trim().slice(0, 40))""")
    assert over == [], f"past the right edge: {over[:5]}"
