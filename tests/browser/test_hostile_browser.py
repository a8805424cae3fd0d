"""Reliability: hostile addresses, typed by hand, in a real Chromium.

Each query string is put after `/?` as is (some deliberately malformed: Chromium, not the
test, decides how to encode them). Whatever it holds, the reader gets the normal page:
no exception box, the map drawn, no dialog, no console error or uncaught exception, and
nothing of the address turned into markup in the page or in the map's iframe. The cases
share one page, opened one after another, to stay fast.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser_support import MAP_IFRAME, POLYGON, boundary_features, open_app
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect
from playwright.sync_api import Error as PlaywrightError

from reportmap.library import report_files
from reportmap.measured import load_series

LAST_DAY = load_series().last.isoformat()  # the newest day comes from the data

pytestmark = pytest.mark.browser

LONG = "A" * 5000
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg/onload=alert(1)>"
BREAKOUT = '" onmouseover="alert(1)'
JS_URL = "javascript:alert(1)"

# (name, the raw query string after "/?")
CASES: list[tuple[str, str]] = [
    # unknown keys and ids
    ("unknown key", "foo=bar"),
    ("fifty unknown keys", "&".join(f"k{i}=v{i}" for i in range(50))),
    ("unknown region", "region=UA-99"),
    ("unknown scenario", "scenario=peace-now"),
    ("unknown lang", "lang=fr"),
    ("unknown reading", "reading=max"),
    ("lowercase region", "region=ua-14"),
    ("neighbour as region", "region=BY"),
    ("numeric region", "region=14"),
    ("cyrillic lookalike region", "region=UА-14"),  # Cyrillic А
    ("empty values", "region=&scenario=&lang=&reading="),
    ("keys without values", "region&scenario&lang&reading"),
    # repeated keys
    ("repeated region, known last", "region=UA-99&region=UA-14"),
    ("repeated region, unknown last", "region=UA-14&region=UA-99"),
    ("repeated lang", "lang=uk&lang=xx&lang=en"),
    ("repeated scenario", "scenario=russian-demands&scenario=hinted-withdrawal"),
    # 5,000 characters
    ("long region", f"region={LONG}"),
    ("long scenario, lang, reading", f"scenario={LONG}&lang={LONG}&reading={LONG}"),
    ("long key", f"{LONG}=1"),
    # markup and script
    ("script region, raw", f"region={SCRIPT}"),
    ("script scenario, encoded", f"scenario={quote(SCRIPT, safe='')}"),
    ("img lang, raw", f"lang={IMG}"),
    ("img region, encoded", f"region={quote(IMG, safe='')}"),
    ("img as a key", f"{quote(IMG, safe='')}=1"),
    ("script date, raw", f"date={SCRIPT}"),
    ("future date", "date=2099-12-31"),
    ("long date", f"date={LONG}"),
    ("date and region, repeated", "date=2030-01-01&date=2025-06-01&region=UA-14"),
    ("svg onload reading", f"reading={SVG}"),
    ("javascript url region", f"region={JS_URL}"),
    ("attribute breakout, raw", f"region={BREAKOUT}"),
    ("attribute breakout, encoded", f"region={quote(BREAKOUT, safe='')}"),
    ("markdown link", f"region=[x]({JS_URL})"),
    ("valid region, hostile rest",
     f"region=UA-14&scenario={SCRIPT}&lang={quote(IMG, safe='')}&reading={BREAKOUT}"),
    # invisible and direction characters
    ("right-to-left override, raw", "region=\u202eUA-14"),
    ("right-to-left override, encoded", "region=%E2%80%AEUA-14"),
    ("zero-width space, raw", "region=UA\u200b-14"),
    ("zero-width space lang, encoded", "lang=u%E2%80%8Bk"),
    # paths
    ("path traversal", "region=../../etc/passwd"),
    ("path traversal, %2F-encoded", "scenario=..%2F..%2Fetc%2Fpasswd"),
    ("path traversal, double-encoded", "lang=%252e%252e%252fetc%252fpasswd"),
    # templates and format strings
    ("jinja template", "region={{7*7}}"),
    ("dollar template", "reading=${7*7}"),
    ("python format field", "region={0.__class__}"),
    ("printf format", "scenario=%s%s%n"),
    # percent-encoding oddities
    ("null byte", "region=UA-14%00"),
    ("invalid escape %ZZ", "region=%ZZ"),
    ("lone percent", "lang=%"),
    ("truncated UTF-8", "scenario=hinted-withdrawal%E2%80"),
    ("invalid UTF-8", "region=%FF%FE"),
    ("CRLF header injection", "lang=en%0D%0ASet-Cookie:%20x=1"),
    # separators
    ("lone ampersands", "&&&"),
    ("lone equals", "="),
    ("double equals", "region==UA-14"),
    ("second question mark", "?region=UA-14"),
    ("plus and space", "region=UA+14&lang=u k"),
    ("semicolon separator", "region=UA-14;lang=uk"),
    ("fragment with markup", f"region=UA-14#{IMG}"),
    ("prototype pollution", "__proto__[x]=1&constructor[prototype][x]=1"),
    ("emoji", "region=🇺🇦"),
    # the report of the library
    ("script report, raw", f"report={SCRIPT}"),
    ("report traversal, %2F-encoded", "report=..%2Freport"),
    ("long report", f"report={LONG}"),
    ("valid report, hostile region", f"report=tass-putin-2025-10-02&region={quote(IMG, safe='')}"),
]

def _measured_day(value: str) -> bool:
    """A day DeepStateMap measured, written YYYY-MM-DD."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and "2024-07-08" <= value <= LAST_DAY


# What the page keeps in the address must be a value it knows (unknown ones are dropped).
KNOWN = {
    "scenario": {"as-reported", "russian-demands", "hinted-withdrawal"},
    "lang": {"en", "uk"},
    "reading": {"wording", "low", "mid", "high"},
    "report": set(report_files()),
}

# Elements or markup that only exist if something from the address became HTML; given
# the payloads' raw markup (below) to look for in the serialised document.
_INJECTED = """
(rawMarkup) => {
  const found = [];
  const html = document.documentElement ? document.documentElement.outerHTML : "";
  for (const markup of rawMarkup) if (html.includes(markup)) found.push(`raw markup ${markup}`);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "img" && el.getAttribute("src") === "x") found.push(el.outerHTML.slice(0, 120));
    if (tag === "script" && el.textContent.includes("alert(1)")) found.push("<script>alert(1)");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.toLowerCase();
      if (name.startsWith("on") && value.includes("alert")) found.push(el.outerHTML.slice(0, 120));
      if (["href", "src", "action", "formaction", "xlink:href"].includes(name)
          && value.trim().startsWith("javascript:")) found.push(el.outerHTML.slice(0, 120));
    }
  }
  return found;
}
"""
# The payloads' markup: a serialised document holds it only where it was parsed as markup
# or sits in raw text (a script's, a style's); shown as text, "<" is serialised as "&lt;".
# (The attribute breakout serialises the same as text or not, so `_INJECTED` covers it.)
RAW_MARKUP = ("<script>alert(1)", "<img src=x", "<svg/onload")


@dataclass
class Recorder:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.dialogs.clear()

    def all(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"dialog: {m}" for m in self.dialogs])


@dataclass
class SharedPage:
    page: Page
    problems: Recorder


@pytest.fixture(scope="module")
def shared(browser: Browser) -> Iterator[SharedPage]:
    """One page for every case: each case opens its address in it, in turn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = Recorder()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location or {}
            problems.console_errors.append(
                f"{message.text} (at {where.get('url', '?')}:{where.get('lineNumber', '?')})")

    def on_dialog(dialog: Dialog) -> None:
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(PlaywrightError):
            dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    yield SharedPage(page, problems)
    context.close()


def _regions() -> set[str]:
    """What `?region=` may keep: Ukraine's units and Kursk (whose share the report gives)."""
    return {f["properties"]["id"] for f in boundary_features()
            if f["properties"]["country"] == "UA" or f["properties"]["id"] == "RU-KRS"}


@pytest.mark.parametrize("query", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_address_gives_the_normal_page(shared: SharedPage, app_url: str, query: str) -> None:
    page, problems = shared.page, shared.problems
    page.goto("about:blank")
    problems.clear()

    open_app(page, app_url, "?" + query)  # fails if an exception box shows instead of the map
    expect(page.get_by_test_id("stException")).to_have_count(0)
    kursk_circle = 0 if "report=tass-putin" in query else 1  # that report gives no figure for Kursk
    expect(page.frame_locator(MAP_IFRAME).locator(POLYGON)).to_have_count(
        len(boundary_features()) + kursk_circle)

    injected = {}
    for frame in page.frames:
        try:
            found = frame.evaluate(_INJECTED, list(RAW_MARKUP))
        except PlaywrightError as error:  # a frame that went away meanwhile
            found = [f"(could not inspect: {error})"]
        if found:
            injected[frame.url[:120]] = found
    assert not injected, f"the address became markup: {injected}"

    assert not problems.all(), "\n".join(problems.all())

    kept = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    unknown = {key: values for key, values in kept.items()
               if (key == "region" and not set(values) <= _regions())
               or (key in KNOWN and not set(values) <= KNOWN[key])
               or (key == "date" and not all(_measured_day(v) for v in values))}
    assert not unknown, f"unknown values kept in the address {page.url[:300]!r}: {unknown}"
