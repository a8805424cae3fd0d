"""A report of the library in a real Chromium: its map shows the occupied outline of its own date
(the archive's geometry for that day, never 23 Nov 2024's), and the Reports page opens it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from browser_support import (
    FAILING_IMPACTS,
    MAP_IFRAME,
    assert_theme,
    axe_found,
    describe,
    donetsk_tooltip,
    occupied_layers,
    open_app,
    open_page,
    wait_until_fresh,
)
from playwright.sync_api import Frame, Page, expect

from reportmap.measured import DAILY_MAPS_FILE, load_daily_maps

pytestmark = pytest.mark.browser

TASS = "tass-putin-2025-10-02"
TASS_DAY = dt.date(2025, 10, 2)

# The occupied layers' geometries as drawn (GeoJSON from Leaflet's own features).
_OCCUPIED_GEOMETRIES = """() => Object.values(window.map._layers)
    .filter((l) => l.feature && l.feature.properties && l.feature.properties.date)
    .map((l) => l.feature.geometry)"""


def _rounded(value: object) -> object:
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return round(value, 6) if isinstance(value, float) else value


def test_a_reports_map_outlines_the_occupied_area_of_its_own_date(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, f"?report={TASS}")
    assert occupied_layers(frame) == [TASS_DAY.isoformat()]  # that day's outline, and only it
    drawn = frame.evaluate(_OCCUPIED_GEOMETRIES)
    archive = [f["geometry"] for f in load_daily_maps(DAILY_MAPS_FILE).on(TASS_DAY)["features"]]
    assert [_rounded(g["coordinates"]) for g in drawn] == [_rounded(g["coordinates"]) for g in archive]
    legend = page.frame_locator(MAP_IFRAME).locator(".rm-legend")
    expect(legend).to_contain_text("Russian-occupied on 2 Oct 2025")
    expect(legend).not_to_contain_text("Kursk")  # the report gives no figure for it
    tooltip = donetsk_tooltip(page, frame)
    assert "в ДНР украинские войска контролируют" in tooltip and "Measured on 2 Oct 2025" in tooltip
    expect(page.get_by_text("A claim of a party to the war: Russia's side").first).to_be_visible()


def test_the_reports_page_opens_a_report_on_the_map(page: Page, app_url: str) -> None:
    open_page(page, app_url, "/reports")
    expect(page.get_by_role("heading", name="News and Cams, Moscow, 4 Dec 2025")).to_be_visible()
    links = page.get_by_role("link", name="Open this report on the map")
    expect(links).to_have_count(4)
    page.locator('[class*="st-key-report_newsandcams-2025-12-04"]').get_by_role(
        "link", name="Open this report on the map").click()
    expect(page).to_have_url(re.compile(r"[?&]report=newsandcams-2025-12-04"))
    page.frame_locator(MAP_IFRAME).locator(".rm-legend").wait_for()
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function("() => Object.values(window.map._layers).some((l) => l.feature && "
                            "l.feature.properties && l.feature.properties.date === '2025-12-04')")
    assert occupied_layers(frame) == ["2025-12-04"]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/reports", f"/?report={TASS}&lang=uk"])
def test_no_serious_axe_violations_on_the_reports_page_and_a_reports_map(
        new_page: Callable[..., Page], app_url: str, run_axe: Callable[[Page | Frame], list[dict]],
        path: str, theme: str) -> None:
    page = new_page(color_scheme=theme)
    frame = open_page(page, app_url, path)
    wait_until_fresh(page)
    assert_theme(page, theme)
    found = axe_found(run_axe, page, frame, f"{path} {theme}")
    failing = [(where, v) for where, v in found if v["impact"] in FAILING_IMPACTS]
    assert not failing, "\n".join(line for where, v in failing for line in describe([v], where))
    page.screenshot(path=f"/tmp/reports-{theme}-{'map' if frame else 'page'}.png", full_page=True)
