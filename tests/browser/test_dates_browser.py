"""The date control in a real Chromium: another day changes what the map says, charts draw, play steps and stops."""

from __future__ import annotations

import re
import time

import pytest
from browser_support import MAP_IFRAME, address_date, donetsk_tooltip, occupied_layers, open_app
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser





def test_a_later_day_shows_other_measured_shares_and_totals(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    on_report_date = donetsk_tooltip(page, frame)
    assert "Measured on 23 Nov 2024, together: 81.4%: holds" in on_report_date
    assert occupied_layers(frame) == ["2024-11-23"]
    totals = page.get_by_text(re.compile("Measured on 23 Nov 2024 \\(DeepStateMap\\): 109,538 km²"))
    expect(totals.first).to_be_visible()

    frame = open_app(page, app_url, "?date=2026-01-01")
    later = donetsk_tooltip(page, frame)
    assert "Measured on 1 Jan 2026, together: 88.1%: holds" in later and "77.5%" in later
    assert "81.4%" not in later
    assert occupied_layers(frame) == ["2026-01-01"]  # the day's overlay, and only it
    legend = page.frame_locator(MAP_IFRAME).locator(".rm-legend")
    expect(legend).to_contain_text("Russian-occupied on 1 Jan 2026")
    expect(page.get_by_text(re.compile("Measured on 1 Jan 2026 \\(DeepStateMap\\): 114,374 km²")).first).to_be_visible()
    expect(page.get_by_text("13 months older than this measurement").first).to_be_visible()
    focusable = frame.locator('path[aria-label^="Donetsk"]')
    expect(focusable).to_have_attribute("aria-label", re.compile("Measured occupied on 1 Jan 2026: 77.5%"))


def test_going_back_to_the_report_date_restores_the_map_without_reloading_it(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, "?date=2026-01-01")
    frame.evaluate("() => { window.__sameDocument = true; }")
    page.get_by_role("button", name=re.compile("Report's date")).click()
    expect(page.get_by_text("13 months older than this measurement")).to_have_count(0)
    frame.wait_for_function("() => Object.values(window.map._layers).some((l) => l.feature && "
                            "l.feature.properties.date === '2024-11-23')")
    assert frame.evaluate("() => window.__sameDocument === true")  # the same map, not a new iframe
    assert "Measured on 23 Nov 2024, together: 81.4%" in donetsk_tooltip(page, frame)
    assert address_date(page) is None


def test_the_region_chart_and_the_timeline_charts_are_drawn(page: Page, app_url: str) -> None:
    open_app(page, app_url, "?region=UA-14&date=2026-01-01")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=20_000)
    box = chart.bounding_box()
    assert box and box["height"] > 200 and box["width"] > 250
    expect(page.get_by_text(re.compile("Donetsk, measured share: 58.8% on 8 Jul 2024"))).to_be_visible()
    page.goto(f"{app_url}/timeline?date=2026-01-01")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4, timeout=20_000)
    events = charts.nth(0).locator("canvas, svg").first
    expect(events).to_be_visible(timeout=20_000)
    assert events.bounding_box()["width"] > 400  # the events' dates and texts beside the line, not squeezed
    for index in (1, 2, 3):  # the totals in km² and %, the months' change
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible(timeout=20_000)
        assert charts.nth(index).bounding_box()["height"] > 200


def test_play_steps_by_week_and_pause_stops_it(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    time.sleep(3)
    assert address_date(page) is None  # nothing moves by itself on load
    play = page.get_by_role("button", name="Play by week")
    play.scroll_into_view_if_needed()
    play.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-11-30'",
                           timeout=20_000)
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-12-07'",
                           timeout=20_000)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play by week")).to_be_visible()
    stopped = address_date(page)
    time.sleep(4)
    assert address_date(page) == stopped  # no more steps
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert occupied_layers(frame) == [stopped]


def test_week_buttons_and_the_day_slider_by_keyboard(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    page.get_by_role("button", name="Week on").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-11-30'")
    page.get_by_role("button", name="Week back").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).get('date')")  # the report's date
    picker = page.get_by_role("button", name="Measured on 23 Nov 2024")
    picker.focus()
    page.keyboard.press("Enter")  # the popover opens; its slider is loaded only now
    slider = page.get_by_role("slider", name=re.compile("Day measured"))
    expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2024-11-24'")
    expect(page.get_by_text("1 day older than this measurement").first).to_be_visible()
