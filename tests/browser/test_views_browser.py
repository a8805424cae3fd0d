"""Honest numbers in a real Chromium: what the address asks for is what the map shows.

`?scenario=hinted-withdrawal` repaints and re-labels Kharkiv, `?lang=uk` speaks Ukrainian,
`?reading=high` says at which reading a region is coloured; and the exported map opens
from disk with every network request refused, asking for nothing but itself.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import (
    FIND_MAP,
    LOCATE_REGION,
    MAP_IFRAME,
    MAP_SETTLED,
    POLYGON,
    TOOLTIP,
    boundary_features,
    inside_points,
    open_app,
    region_position,
)
from playwright.sync_api import Frame, Page, Request, Route, expect

from reportmap.mapstyle import CLASS_COLOURS
from reportmap.records import ControlClass

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXPORT_TIMEOUT_S = 120
RETURNED = "Returned under the hinted withdrawal"
UK_TITLE = "Територія України під контролем Росії"
EN_TITLE = "Russian-controlled territory in Ukraine"

# The fill colour Leaflet gave the SVG path of the region with this feature id.
_FILL_OF = f"""
(id) => {{
  const map = ({FIND_MAP})();
  if (!map) return {{error: "no Leaflet map in the iframe"}};
  const layer = Object.values(map._layers)
    .find((l) => l.feature && l.feature.properties && l.feature.properties.id === id);
  if (!layer || !layer._path) return {{error: `no drawn layer with feature id ${{id}}`}};
  return {{fill: layer._path.getAttribute("fill")}};
}}
"""


def hover(page: Page, frame: Frame, region_id: str, title: str) -> str:
    """Move the mouse onto the region; wait for its own tooltip (by `title`); its text."""
    x, y = region_position(page, frame, region_id)
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    expect(tooltip).to_contain_text(title)
    expect(tooltip).to_have_count(1)
    return tooltip.inner_text()


def fill_of(frame: Frame, region_id: str) -> str:
    found = frame.evaluate(_FILL_OF, region_id)
    assert "error" not in found, found
    return found["fill"].lower()


# --------------------------------------------------------------------------- scenario


def test_hinted_withdrawal_relabels_and_repaints_kharkiv(new_page: Callable[..., Page],
                                                         app_url: str) -> None:
    reported_page, scenario_page = new_page(), new_page()
    reported = open_app(reported_page, app_url)
    scenario = open_app(scenario_page, app_url, "?scenario=hinted-withdrawal")

    reported_tip = hover(reported_page, reported, "UA-63", "Kharkiv")
    scenario_tip = hover(scenario_page, scenario, "UA-63", "Kharkiv")
    assert RETURNED not in reported_tip, reported_tip
    assert "Smaller parts" in reported_tip, reported_tip
    assert RETURNED in scenario_tip, scenario_tip

    reported_fill, scenario_fill = fill_of(reported, "UA-63"), fill_of(scenario, "UA-63")
    assert reported_fill == CLASS_COLOURS[ControlClass.SMALLER_PARTS] == "#fdcc8a"
    assert scenario_fill == CLASS_COLOURS[ControlClass.RETURNED] == "#a6dba0"
    # A region the scenario leaves alone keeps its colour.
    assert fill_of(reported, "UA-14") == fill_of(scenario, "UA-14")
    # The scenario stays in the address, so the link reproduces it.
    assert "scenario=hinted-withdrawal" in urlsplit(scenario_page.url).query


# --------------------------------------------------------------------------- language


def test_ukrainian_interface_names_regions_in_ukrainian(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, "?lang=uk")
    expect(page.get_by_text(UK_TITLE).first).to_be_visible()
    expect(page.get_by_text(EN_TITLE)).to_have_count(0)
    tip = hover(page, frame, "UA-14", "Донецька область")
    # The title is the Ukrainian name (the report's own English words are quoted below it).
    assert tip.splitlines()[0].strip() == "Донецька область", tip
    assert "Повідомлення" in tip, tip  # "Report", in Ukrainian


# --------------------------------------------------------------------------- reading


def test_high_reading_says_at_which_value_kherson_is_coloured(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url, "?reading=high")
    tip = hover(page, frame, "UA-65", "Kherson")
    assert "Coloured at the high reading: 75%" in tip, tip


# --------------------------------------------------------------------------- export


def test_exported_map_opens_from_disk_with_the_network_blocked(
        new_page: Callable[..., Page], record_problems: Callable, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    done = subprocess.run(
        [sys.executable, "-m", "reportmap", "export", "--scenario", "as-reported", "--lang", "en",
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=EXPORT_TIMEOUT_S, check=False)
    assert done.returncode == 0, f"export failed:\n{done.stdout}\n{done.stderr}"
    assert out.is_file() and out.stat().st_size > 0

    page = new_page()
    context = page.context
    requested: list[str] = []
    refused: list[str] = []

    def refuse_network(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).scheme == "file":
            route.continue_()
        else:
            refused.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", refuse_network)
    context.set_offline(True)
    context.on("request", lambda request: requested.append(request.url))
    context.on("requestfailed", lambda request: refused.append(f"(failed) {_failure(request)}"))
    problems = record_problems(page)

    page.goto(out.as_uri())
    polygons = page.locator(POLYGON)
    # One path per boundary feature plus Kursk's circle: 39 + 1.
    expect(polygons).to_have_count(len(boundary_features()) + 1)
    assert polygons.count() == 40
    empty = page.evaluate(f"""() => [...document.querySelectorAll('{POLYGON}')]
        .filter((p) => !p.getAttribute('d') || p.getBBox().width * p.getBBox().height === 0).length""")
    assert empty == 0, f"{empty} paths have no geometry on screen"
    # The tooltips travel in the file too. The map refits itself while its box settles: wait
    # until it holds still before working out where Donetsk is on screen.
    page.wait_for_function(MAP_SETTLED, polling="raf", timeout=30_000)
    found = page.evaluate(LOCATE_REGION, ["UA-14", [list(p) for p in inside_points("UA-14")]])
    assert "error" not in found, f"cannot hover Donetsk: {found}"
    page.mouse.move(found["x"], found["y"])
    expect(page.locator(TOOLTIP)).to_contain_text("More than 80%")
    page.wait_for_timeout(300)  # let any late request (fonts, images) start

    assert requested == [out.as_uri()], "requests other than the file itself:\n" + "\n".join(
        url for url in requested if url != out.as_uri())
    assert not refused, "network requests the page attempted:\n" + "\n".join(refused)
    assert not problems.all(), "\n".join(problems.all())


def _failure(request: Request) -> str:
    return f"{request.url}: {request.failure}"
