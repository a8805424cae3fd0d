"""What the page says of the day in a real Chromium: a link past the range, the newest day's age,
Kursk on a later day, and the Ukrainian page's own words (the skip link, the map's credit)."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from browser_support import MAP_IFRAME, address_date, hover_region, open_app, region_panel
from playwright.sync_api import Page, expect
from test_app import english_left
from test_app_dates import present_650

from reportmap.measured import load_series
from reportmap.texts import fmt_date

pytestmark = pytest.mark.browser

TOAST_S = 4  # Streamlit's toast disappears after about 4 s: a lasting note outlives it
NEWEST = load_series().last  # from the data: `python -m reportmap update` moves it
LATER = NEWEST + dt.timedelta(days=103)


def test_a_day_after_the_range_opens_the_newest_with_a_lasting_note_and_its_age(page: Page, start_app) -> None:
    url = start_app({"REPORTMAP_TODAY": LATER.isoformat()})
    open_app(page, url, "?date=2030-01-01")
    assert address_date(page) == NEWEST.isoformat()
    newest = re.escape(fmt_date(NEWEST))
    note = page.get_by_text(re.compile(rf"no measurement for 1 Jan 2030, after its days \(8 Jul 2024 to {newest}\): "
                                       rf"showing the newest, {newest}"))
    expect(note.first).to_be_visible()
    expect(page.get_by_text(f"Newest measurement: {fmt_date(NEWEST)}, 103 days before today ({fmt_date(LATER)})."
                            )).to_be_visible()
    expect(page.get_by_test_id("stToast")).to_have_count(0)
    time.sleep(TOAST_S + 1)
    expect(note.first).to_be_visible()  # still there: it lasts while that day is shown

    open_app(page, url, "?date=2024-01-01")
    assert address_date(page) == "2024-07-08"
    expect(page.get_by_text(re.compile(rf"before its days \(8 Jul 2024 to {newest}\): showing the first")).first
           ).to_be_visible()


def test_kursk_on_the_newest_day_never_states_650_as_current(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, f"?date={NEWEST.isoformat()}&region=RU-KRS")
    legend = page.frame_locator(MAP_IFRAME).locator(".rm-legend")
    expect(legend).to_contain_text(f"Russian-occupied on {fmt_date(NEWEST)}")
    expect(legend).to_contain_text("(the report, 23 Nov 2024)")
    assert present_650(legend.inner_text()) == []
    tooltip = hover_region(page, frame, "RU-KRS")
    assert present_650(tooltip) == [] and "Ukraine held ≈650 km²" in tooltip
    assert "about 50 km² on the territory of the Russian Federation" in tooltip
    assert "(Russia's claim): the whole region" in tooltip
    circle = frame.evaluate("""() => Object.values(window.map._layers)
        .filter((l) => l instanceof L.Circle).map((l) => l.getTooltip().getContent())""")
    assert len(circle) == 1 and present_650(circle[0]) == []
    label = frame.locator('path[aria-label^="Kursk"]').get_attribute("aria-label")
    assert present_650(label) == []
    panel = region_panel(page)
    expect(panel).to_contain_text("Nothing published after 7 Aug 2025 is held here.")
    assert present_650(panel.inner_text()) == []
    headline = page.get_by_text(re.compile("Ukraine's foothold in Russia's Kursk region: ≈650 km²")).first
    expect(headline).to_be_visible()
    assert present_650(page.locator('[data-testid="stMain"]').inner_text()) == []


def test_the_ukrainian_page_has_no_english_in_its_skip_link_or_the_maps_credit(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, f"?lang=uk&date={NEWEST.isoformat()}")
    skip = page.get_by_test_id("stSkipToContent")
    expect(skip).to_have_text("Перейти до основного вмісту")
    attribution = page.frame_locator(MAP_IFRAME).locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text(
        "Окупована територія: DeepStateMap.Live, через cyterat/deepstate-map-data, ліцензія GPL-3.0")
    assert english_left(frame.locator("body").inner_text()) == set()  # the legend, the credit, the scale
    # The page's words, without Streamlit's icons (ligatures such as "calendar_month", hidden from screen
    # readers), the language switch (each language named in its own) and code (an address's `?since=`,
    # as english_left leaves out code in Markdown).
    words = page.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]').cloneNode(true);
        const hidden = '[data-testid="stIconMaterial"], [aria-hidden="true"], .st-key-language_switch, code';
        main.querySelectorAll(hidden).forEach((e) => e.remove());
        document.body.appendChild(main); const text = main.innerText; main.remove(); return text; }""")
    assert english_left(words) == set()
    page.get_by_role("button", name="English").click()
    expect(skip).to_have_text("Skip to main content")
