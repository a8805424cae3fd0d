"""Issue 22 in a real Chromium: the view for an article's frame (`?embed=true`) at 700x650 and on a
360x640 phone, the Method page's embed snippet, and the Timeline's charts drawn.

In the frame, without scrolling: the whole of Ukraine's map (Crimea included, above the map's
attribution line), and the report's totals beside the measurement; nothing of the full page
(language row, navigation, a sidebar toggle) above the map.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

import pytest
from browser_support import (
    LOAD_TIMEOUT_MS,
    MAP_IFRAME,
    RECORD_SHIFTS,
    SHIFT_BUDGET,
    SHIFT_SETTLE_MS,
    SHIFT_VISITS,
    open_app,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FRAMES = {"article-700x650": ({"width": 700, "height": 650}, {}),
          "phone-360x640": ({"width": 360, "height": 640}, {"has_touch": True, "is_mobile": True})}

# Inside the map's frame: Ukraine's regions together, Crimea, the attribution line and the map, in
# the frame's pixels.
_MAP_GEOMETRY = """() => {
  const map = window.map, box = (el) => { const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; };
  let ukraine = null, crimea = null, count = 0;
  map.eachLayer((layer) => {
    const p = layer.feature && layer.feature.properties;
    if (!p || !layer._path || !String(p.id).startsWith('UA-')) return;
    const b = box(layer._path); count += 1;
    ukraine = ukraine ? [Math.min(ukraine[0], b[0]), Math.min(ukraine[1], b[1]), Math.max(ukraine[2], b[2]),
                         Math.max(ukraine[3], b[3])] : b;
    if (p.id === 'UA-43') crimea = b;
  });
  return {ukraine, crimea, count, map: box(map.getContainer()),
          attribution: box(document.querySelector('.leaflet-control-attribution'))};
}"""


# The report's totals and the measurement beside them, as each language writes them.
FIGURES = {"en": ("over 100,000 km²", "109,538 km²", "roughly 18%", "18.1%"),
           "uk": (r"понад 100\s000 км²", r"109\s538 км²", "приблизно 18%", "18,1%")}


@pytest.mark.parametrize("lang", list(FIGURES))
@pytest.mark.parametrize("frame_name", list(FRAMES))
def test_the_embed_shows_all_of_ukraine_and_the_key_figures_without_scrolling(
        new_page: Callable[..., Page], app_url: str, frame_name: str, lang: str) -> None:
    viewport, options = FRAMES[frame_name]
    page = new_page(viewport, **options)
    frame = open_app(page, app_url, "?embed=true" + ("&lang=uk" if lang == "uk" else ""))
    height = viewport["height"]
    # Nothing of the full page above the map: no language row, navigation or sidebar toggle.
    assert page.get_by_role("button", name=re.compile("English|Українська")).count() == 0
    for test_id in ("stSidebarCollapsedControl", "stExpandSidebarButton", "stSidebar", "stTopNavLinkContainer",
                    "stToolbar"):
        assert not page.get_by_test_id(test_id).is_visible(), test_id
    iframe = page.locator(MAP_IFRAME).bounding_box()
    assert iframe["y"] <= 24, f"something takes the top of the frame: the map starts at {iframe['y']} px"
    assert iframe["y"] + iframe["height"] <= height
    # The whole of Ukraine, Crimea included, inside the map and above its attribution line.
    g = frame.evaluate(_MAP_GEOMETRY)
    assert g["count"] >= 27
    left, top, right, bottom = g["ukraine"]
    assert left >= g["map"][0] - 0.5 and right <= g["map"][2] + 0.5 and top >= g["map"][1] - 0.5, g
    assert bottom <= g["attribution"][1] + 0.5, f"the attribution line lies over Ukraine's south: {g}"
    assert g["crimea"][3] <= g["attribution"][1] + 0.5
    # The report's totals beside the measurement, in the frame.
    for figure in FIGURES[lang]:
        found = page.get_by_text(re.compile(figure)).last
        expect(found).to_be_visible()
        box = found.bounding_box()
        assert box["y"] + box["height"] <= height, f"{figure!r} is below the frame ({box})"
    # And the frame does not scroll.
    assert page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                         " return m.scrollHeight - m.clientHeight; }") <= 1
    assert page.evaluate("() => document.documentElement.scrollHeight - window.innerHeight") <= 1


def test_the_embed_has_no_serious_axe_findings(new_page: Callable[..., Page], app_url: str,
                                               run_axe: Callable) -> None:
    page = new_page({"width": 700, "height": 650})
    open_app(page, app_url, "?embed=true&lang=uk")
    serious = [v["id"] for v in run_axe(page) if v.get("impact") in ("serious", "critical")]
    assert serious == []
    assert page.locator("h1").count() == 1  # the page's one heading, small, under the map


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_method_page_shows_the_embed_snippet_with_a_copy_button(page: Page, app_url: str, lang: str) -> None:
    page.goto(f"{app_url}/method?lang={lang}")
    code = page.get_by_test_id("stCode").filter(has_text="<iframe")
    expect(code).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    text = code.inner_text()
    origin = app_url.rstrip("/")
    query = "?embed=true" if lang == "en" else "?embed=true&amp;lang=uk"
    assert f'src="{origin}/{query}"' in text and 'width="700" height="650"' in text and 'title="' in text
    code.hover()
    expect(code.get_by_role("button", name="Copy to clipboard")).to_have_count(1)


def test_the_timelines_charts_are_drawn_with_the_change_in_words(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/timeline")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4, timeout=LOAD_TIMEOUT_MS)
    for index in (1, 2, 3):  # the totals in km² and %, the months' change
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible(timeout=20_000)
        assert charts.nth(index).bounding_box()["height"] > 200
    expect(page.get_by_text(re.compile(r"\+1\.1 percentage points over the whole range"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"\+7,430 km² over the whole range"))).to_be_visible()
    expect(page.get_by_text("The axis starts at zero.", exact=False)).to_have_count(2)


@pytest.mark.parametrize("frame_name", list(FRAMES))
def test_the_embed_does_not_jump_while_it_loads(new_page: Callable[..., Page], app_url: str, frame_name: str) -> None:
    viewport, options = FRAMES[frame_name]
    totals = []
    for _ in range(SHIFT_VISITS):
        page = new_page(viewport, **options)
        page.add_init_script(RECORD_SHIFTS)
        open_app(page, app_url, "?embed=true")
        page.wait_for_timeout(SHIFT_SETTLE_MS)
        entries = page.evaluate("window.__rmShifts")
        totals.append((sum(e["value"] for e in entries), entries))
    assert statistics.median(total for total, _ in totals) <= SHIFT_BUDGET, max(totals, key=lambda visit: visit[0])
