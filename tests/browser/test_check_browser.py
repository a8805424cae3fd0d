"""The Check a claim page in a real Chromium: a sentence typed and checked, the map outlining the
claim's territory, a shared link reproducing the check, and a 390x844 phone."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from browser_support import open_page, wait_until_fresh
from playwright.sync_api import Page, expect

SCOPE_STROKE = "#1f4e99"  # ui/checkcharts.SCOPE
PHONE = {"width": 390, "height": 844}


def outlined(page: Page) -> int:
    """How many units the check map outlines (its SVG paths in the claim's colour)."""
    page.locator(".vega-embed svg").first.wait_for()
    return page.evaluate(f"""() => [...document.querySelectorAll('.vega-embed svg path')]
        .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === '{SCOPE_STROKE}').length""")


def test_typing_a_sentence_gives_the_verdict_and_outlines_the_territory(page: Page, app_url: str) -> None:
    open_page(page, app_url, "/check?date=2025-08-17")
    area = page.get_by_label("The sentence, as published")
    area.fill("Russia controls more than 80% of Donetsk and Luhansk regions")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_text("Read as: Russia's share of Donetsk and Luhansk: more than 80%.")).to_be_visible()
    expect(page.get_by_text("holds", exact=True).first).to_be_visible()
    wait_until_fresh(page)
    assert outlined(page) == 2
    assert "text=Russia+controls" in page.url or "text=Russia%20controls" in page.url


def test_a_shared_link_reproduces_the_check(new_page: Callable[..., Page], app_url: str) -> None:
    text = "Росія контролює близько 70% Запорізької області"
    page = new_page()
    open_page(page, app_url, f"/check?text={quote(text)}&date=2025-08-17&lang=uk")
    expect(page.get_by_text("Прочитано як: частка Росії — Запорізька область: близько 70%.")).to_be_visible()
    expect(page.get_by_label("Речення, як його опубліковано")).to_have_value(text)
    wait_until_fresh(page)
    assert outlined(page) == 1


def test_on_a_phone_the_check_fits_the_screen(new_page: Callable[..., Page], app_url: str) -> None:
    page = new_page(PHONE, has_touch=True, is_mobile=True)
    open_page(page, app_url, "/check?text=Russia%20holds%20about%2019%25%20of%20Ukraine&date=2025-08-17")
    expect(page.get_by_text("Read as: Russia's share of Ukraine as a whole: about 19%.")).to_be_visible()
    wait_until_fresh(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than a 390 px phone"
    assert outlined(page) == 27
