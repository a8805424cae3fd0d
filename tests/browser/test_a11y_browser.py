"""Accessibility in a real Chromium: axe-core's WCAG 2.0-2.2 A/AA rules on every page, in the
light and the dark theme, inside the map's iframe too; pinch zoom; heading levels.

axe-core is the npm package pinned in tests/browser/tools/package-lock.json, installed by
`make axe` and injected into the page from disk (never from a CDN); without it these tests
are skipped with a reason starting "NO AXE-CORE:". The app follows the system's colour
scheme, so the dark theme is the browser context's `color_scheme="dark"`; each test checks
that Streamlit really painted the theme it asked for.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from browser_support import (
    FAILING_IMPACTS,
    HEADINGS,
    MAIN,
    MAP_IFRAME,
    assert_theme,
    axe_found,
    describe,
    open_app,
    open_page,
    wait_until_fresh,
)
from playwright.sync_api import Frame, Page

pytestmark = pytest.mark.browser

# The map page also on another day with a region chosen (the day's note, the region's chart).
PAGES = ("/", "/?date=2025-01-01&region=UA-14", "/conditions", "/timeline", "/method",
         "/check?text=Russia%20holds%20more%20than%2099%25%20of%20the%20LNR&date=2025-08-17")
THEMES = ("light", "dark")


# The headings of the main area that a reader (or a screen reader) meets, in document order.
_MAIN_HEADINGS = f"""
() => [...document.querySelectorAll('{MAIN} :is({HEADINGS})')]
  .filter((h) => h.getClientRects().length > 0 && !h.closest('[aria-hidden="true"]'))
  .map((h) => ({{level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 70)}}))
"""

_VIEWPORT_METAS = "() => [...document.querySelectorAll('meta[name=\"viewport\" i]')].map((m) => m.content)"


# --------------------------------------------------------------------------- driving








def viewport_problems(content: str) -> list[str]:
    """Why a viewport meta's content stops pinch zoom (WCAG 1.4.4 asks for 200%), if it does."""
    settings = {}
    for part in content.replace(";", ",").split(","):
        key, _, value = part.partition("=")
        settings[key.strip().lower()] = value.strip().lower()
    problems = []
    if settings.get("user-scalable") in ("no", "0"):
        problems.append(f"user-scalable={settings['user-scalable']}")
    if "maximum-scale" in settings:
        try:
            maximum = float(settings["maximum-scale"])
        except ValueError:
            maximum = None
        if maximum is not None and maximum < 2:
            problems.append(f"maximum-scale={settings['maximum-scale']} (below 2)")
    return problems


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(new_page: Callable[..., Page], app_url: str,
                                   run_axe: Callable[[Page | Frame], list[dict]],
                                   path: str, theme: str) -> None:
    page = new_page(color_scheme=theme)
    frame = open_page(page, app_url, path)
    wait_until_fresh(page)
    assert_theme(page, theme)
    found = axe_found(run_axe, page, frame, f"{path} {theme}")
    failing = [(where, v) for where, v in found if v["impact"] in FAILING_IMPACTS]
    others = [(where, v) for where, v in found if v["impact"] not in FAILING_IMPACTS]
    message = [f"{len(failing)} serious or critical axe violation(s) on {path} ({theme} theme):"]
    for where, violation in failing:
        message += describe([violation], where)
    if others:
        message.append("Also found (moderate or minor, not failing this test):")
        for where, violation in others:
            message += describe([violation], where)
    assert not failing, "\n".join(message)


def test_map_frame_allows_pinch_zoom(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    assert page.locator(MAP_IFRAME).count() == 1
    problems = []
    for where, target in (("page", page), ("map frame", frame)):
        for content in target.evaluate(_VIEWPORT_METAS):
            if reasons := viewport_problems(content):
                problems.append(f'{where}: <meta name="viewport" content="{content}">: {", ".join(reasons)}')
    assert not problems, "a viewport meta stops pinch zoom:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_headings_do_not_skip_levels(page: Page, app_url: str, path: str) -> None:
    open_page(page, app_url, path)
    wait_until_fresh(page)
    headings = page.evaluate(_MAIN_HEADINGS)
    assert headings, f"{path}: no heading in the main area"
    skips, previous = [], 0
    for heading in headings:
        if heading["level"] > previous + 1:
            after = f"h{previous}" if previous else "the start of the main area"
            skips.append(f"h{heading['level']} {heading['text']!r} follows {after}")
        previous = heading["level"]
    outline = "\n".join(f"    {'  ' * (h['level'] - 1)}h{h['level']} {h['text']!r}" for h in headings)
    assert not skips, (f"{path}: headings skip levels:\n" + "\n".join(f"  {s}" for s in skips)
                       + f"\n  outline:\n{outline}")
