"""A server restart while a reader has the page open (issue 24): the page reconnects by itself, its
map stays drawn in the same view (day, region, language), with no reload and no error box, and the
page works on the new server. Streamlit's frontend does not ask the new server for a run when it
reconnects: the page keeps what it shows until the reader's next interaction."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import occupied_layers
from playwright.sync_api import Page, WebSocket, expect

from reportmap.texts import fmt_date, t
from tests.support.harness import StreamlitServer
from ui.controls import PLAY_EVERY_S

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
POLYGON = "path.leaflet-interactive"
PLAY_MS = int(PLAY_EVERY_S * 1000)
TIMEOUT_MS = 45_000
VIEW = {"date": "2025-06-01", "region": "UA-14", "lang": "uk"}


def _settled(page: Page) -> None:
    """The script has run, the map is drawn, no error box."""
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                     timeout=TIMEOUT_MS)
    page.frame_locator(MAP_IFRAME).locator(POLYGON).first.wait_for(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _ran(page: Page) -> None:
    """The script has run, no error box (a page without a map)."""
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning",
                                                                     timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)


@contextlib.contextmanager
def _open_then_restart(page: Page, log_dir: Path, address: str | None = None,
                       before: Callable[[], None] | None = None) -> Iterator[StreamlitServer]:
    """The page open at VIEW (or at `address`), drawn (then `before`, the reader's doing); then its server
    stopped and started again on the same port, and the page's new websocket open. Yields the running server."""
    server = StreamlitServer("restart", "dashboard.py")
    sockets: list[WebSocket] = []
    page.on("websocket", lambda socket: sockets.append(socket))
    with server.running(log_dir):
        query = "&".join(f"{key}={value}" for key, value in VIEW.items())
        page.goto(f"{server.url}{address or '/?' + query}")
        if address is None:
            _settled(page)
            expect(page.get_by_role("heading", level=1)).to_have_text(t("app_title", "uk"))
        else:
            _ran(page)
        page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads
        if before is not None:
            before()
        port, opened = server.port, len(sockets)
        server.stop()
        server.start(log_dir, port=port)
        waited = 0
        while waited < TIMEOUT_MS and not [s for s in sockets[opened:] if not s.is_closed()]:
            page.wait_for_timeout(250)
            waited += 250
        assert [s for s in sockets[opened:] if not s.is_closed()], "the page did not reconnect"
        yield server


def test_a_restarted_server_leaves_the_open_page_drawn_in_its_view(page: Page, tmp_path: Path) -> None:
    with _open_then_restart(page, tmp_path):
        page.wait_for_timeout(2000)  # a moment on the new server: nothing may change or fail
        _settled(page)
        assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
        shown = {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}
        assert {key: shown.get(key) for key in VIEW} == VIEW
        expect(page.get_by_role("heading", level=1)).to_have_text(t("app_title", "uk"))
        assert page.frame_locator(MAP_IFRAME).locator(POLYGON).count() > 27  # the units, the circle, the day's area
        # The page works on the new server (its first click: test_the_first_click_after_a_restart_is_taken).


def test_the_first_click_after_a_restart_is_taken(page: Page, tmp_path: Path) -> None:
    """Streamlit's frontend reconnects without asking for a run, so the reader's first click makes the
    new server's first run of a new session, where the button's callback was never registered and the
    address says lang=uk: the click must win all the same (ui/view.language_switch takes it)."""
    with _open_then_restart(page, tmp_path):
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("app_title", "en"), timeout=TIMEOUT_MS)


def _address(page: Page) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def test_the_first_region_picked_after_a_restart_is_taken(page: Page, tmp_path: Path) -> None:
    """The region list's first choice on the new server (a session's first run, no callback) wins
    over the address's region (ui/view.py's binder takes the widget's own value)."""
    with _open_then_restart(page, tmp_path):
        picker = page.get_by_test_id("stPopover").filter(has_text=t("region_picked", "uk", name="Донецька область"))
        picker.get_by_role("button").click()
        combobox = page.get_by_role("combobox", name=t("region", "uk"))
        combobox.fill("Херсон")  # the list is long: typed, then taken with Enter
        page.get_by_role("option", name="Херсонська область").wait_for()
        combobox.press("Enter")
        page.wait_for_function("() => new URLSearchParams(location.search).get('region') === 'UA-65'",
                               timeout=TIMEOUT_MS)
        _settled(page)
        expect(page.get_by_test_id("stPopover").filter(
            has_text=t("region_picked", "uk", name="Херсонська область"))).to_have_count(1)
        assert _address(page)["date"] == VIEW["date"]


def test_the_first_day_step_after_a_restart_is_taken(page: Page, tmp_path: Path) -> None:
    """A week on, as the new server's first run: the day moves, and then a week back moves it again."""
    with _open_then_restart(page, tmp_path):
        page.get_by_role("button", name=t("week_on", "uk")).click()
        page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2025-06-08'",
                               timeout=TIMEOUT_MS)
        _settled(page)
        page.get_by_role("button", name=t("week_back", "uk")).click()
        page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2025-06-01'",
                               timeout=TIMEOUT_MS)
        assert _address(page)["region"] == VIEW["region"]


def test_the_first_sentence_checked_after_a_restart_is_taken(page: Page, tmp_path: Path) -> None:
    """The Check a claim page's text, typed and checked as the new server's first run."""
    with _open_then_restart(page, tmp_path, "/check?date=2025-08-17"):
        page.get_by_label(t("check_text_label", "en")).fill("Russia holds about 19% of Ukraine")
        page.get_by_role("button", name=t("check_button", "en"), exact=True).click()
        expect(page.get_by_text("Read as: Russia's share of Ukraine as a whole: about 19%.")).to_be_visible(
            timeout=TIMEOUT_MS)
        page.wait_for_function("() => new URLSearchParams(location.search).get('text') === "
                               "'Russia holds about 19% of Ukraine'", timeout=TIMEOUT_MS)


def test_the_first_day_on_the_slider_after_a_restart_is_taken(page: Page, tmp_path: Path) -> None:
    """The day's slider (in its popover, which opens without a run), moved as the new server's first run."""
    with _open_then_restart(page, tmp_path):
        picker = page.get_by_role("button", name=t("date_picked", "uk", date=fmt_date(dt.date(2025, 6, 1), "uk")))
        picker.click()
        slider = page.get_by_role("slider", name=t("date", "uk"))
        expect(slider).to_be_visible()
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2025-06-02'",
                               timeout=TIMEOUT_MS)
        _settled(page)
        assert _address(page)["region"] == VIEW["region"]


def _day_is(day: str) -> str:
    return f"() => new URLSearchParams(location.search).get('date') === '{day}'"


def _day_shown(page: Page) -> str:
    """The day the page names (its date control) and the map draws: the same one, returned."""
    day = _address(page)["date"]
    expect(page.get_by_role("button", name=t("date_picked", "uk", date=fmt_date(day, "uk")))).to_be_visible()
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert occupied_layers(frame) == [day]
    return day


def test_play_across_a_restart_stops_on_the_day_it_reached_and_plays_again_on_the_new_server(
        page: Page, tmp_path: Path) -> None:
    """Playing is the session's (never in the address, never on by itself), and a restarted server has
    no session. While a timer runs, Streamlit's frontend asks the new server for a full run as it
    reconnects, which finds nothing playing. What is right, then: play has stopped, and the page says so
    (it offers Play, not Pause); the day shown is the one play reached, the address's, the one the page
    names and the one the map draws; nothing moves by itself, no error box, no reload; and Play plays
    again from that day on the new server, and Pause stops it."""
    def play() -> None:
        page.get_by_role("button", name=t("play", "uk")).click()
        page.wait_for_function(_day_is("2025-06-08"), timeout=TIMEOUT_MS)  # a step: it plays
        expect(page.get_by_role("button", name=t("pause", "uk"))).to_be_visible()

    with _open_then_restart(page, tmp_path, before=play) as server:
        expect(page.get_by_role("button", name=t("play", "uk"))).to_be_visible(timeout=TIMEOUT_MS)
        _settled(page)
        reached = _day_shown(page)
        assert reached >= "2025-06-08" and page.evaluate("() => window.__sameDocument === true")
        expect(page.get_by_role("button", name=t("pause", "uk"))).to_have_count(0)
        page.wait_for_timeout(3 * PLAY_MS)  # the old timer's ticks, had it kept them
        assert _day_shown(page) == reached, "the day moved by itself on the new server"
        assert _address(page)["region"] == VIEW["region"]
        page.get_by_role("button", name=t("play", "uk")).click()
        following = (dt.date.fromisoformat(reached) + dt.timedelta(weeks=1)).isoformat()
        page.wait_for_function(_day_is(following), timeout=TIMEOUT_MS)
        page.get_by_role("button", name=t("pause", "uk")).click()
        expect(page.get_by_role("button", name=t("play", "uk"))).to_be_visible(timeout=TIMEOUT_MS)
        _settled(page)
        stopped = _day_shown(page)
        page.wait_for_timeout(2 * PLAY_MS)
        assert _day_shown(page) == stopped, "Pause did not stop play on the new server"
        assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")
