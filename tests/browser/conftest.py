"""Fixtures for the browser tests: one Streamlit server and one Chromium per session.

The server is the real app (`streamlit run dashboard.py`) on a free port, its output in a
log file that is attached to the report of every failing browser test. Chromium is the
system's (Playwright cannot download its own here); without one every browser test is
skipped with a reason starting "NO CHROMIUM:", and a warning says so too.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Frame, Page, sync_playwright
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the [test] extra is not installed
    sync_playwright = None

from tests.support.harness import ROOT, StreamlitServer, launch_options, log_tail

APP = "dashboard.py"
DESKTOP = {"width": 1400, "height": 900}
# Console errors that come from Chromium itself rather than from the page. Empty on
# purpose: add a substring here only for a message shown to be Chromium's own.
CHROMIUM_OWN_CONSOLE_ERRORS: tuple[str, ...] = ()

SERVER_LOG = pytest.StashKey[Path]()
EXTRA_SERVER_LOGS = pytest.StashKey[list[Path]]()  # servers a test started with `start_app`


# --------------------------------------------------------------------------- server


@contextlib.contextmanager
def streamlit_server(log_dir: Path, extra_env: Mapping[str, str] | None = None) -> Iterator[StreamlitServer]:
    """The app served on a free port until the block ends (tests/support/harness.py), its output in
    `server.log`, a file in `log_dir`. `extra_env` is added to this process's environment (for instance
    REPORTMAP_DATA_DIR, to point the server at another copy of the data)."""
    with StreamlitServer("app", APP, ROOT, env=dict(extra_env or {})).running(log_dir) as server:
        yield server


@pytest.fixture(scope="session")
def app_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[str]:
    """The base URL (no trailing slash) of the app, served for the whole session."""
    with streamlit_server(tmp_path_factory.mktemp("streamlit")) as server:
        request.config.stash[SERVER_LOG] = server.log
        yield server.url


@pytest.fixture
def start_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[Callable[[Mapping[str, str]], str]]:
    """`start_app(extra_env)`: one more server of the app, for this test only, with extra
    environment variables; returns its base URL. Its log is attached if the test fails."""
    with contextlib.ExitStack() as servers:

        def start(extra_env: Mapping[str, str]) -> str:
            server = servers.enter_context(streamlit_server(tmp_path_factory.mktemp("streamlit-extra"), extra_env))
            request.node.stash.setdefault(EXTRA_SERVER_LOGS, []).append(server.log)
            return server.url

        yield start


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Attach the end of the server log to the report of a failing browser test."""
    report = yield
    log = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log is not None and "app_url" in getattr(item, "fixturenames", ()):
        report.sections.append(("streamlit server log (end)",
                                f"{log}\n{log_tail(log, limit=4_000)}"))
    if report.failed:
        for extra in item.stash.get(EXTRA_SERVER_LOGS, []):
            report.sections.append(("extra streamlit server log (end)",
                                    f"{extra}\n{log_tail(extra, limit=4_000)}"))
    return report


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """After any failure, print the server's whole log (its tail if long) once."""
    log = config.stash.get(SERVER_LOG, None)
    if log is None or not terminalreporter.stats.get("failed"):
        return
    terminalreporter.section(f"streamlit server log: {log}")
    terminalreporter.write_line(log_tail(log))


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        reason = "NO PLAYWRIGHT: install the [test] extra to run the browser tests"
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    try:
        options = launch_options()
    except RuntimeError as error:
        reason = f"NO CHROMIUM: {error}; ALL BROWSER TESTS ARE SKIPPED."
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """A factory of pages, each in a fresh context (own cookies and storage)."""
    contexts = []

    def make(viewport: dict[str, int] | None = None, **options: object) -> Page:
        """`options` go to the browser context (e.g. has_touch=True, is_mobile=True for a phone)."""
        context = browser.new_context(viewport=viewport or DESKTOP, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized page (1400x900), fresh for each test."""
    return new_page(DESKTOP)


# --------------------------------------------------------------------------- recorders


@dataclass
class NetworkLog:
    """Every URL a page asked for: HTTP(S) requests of all its frames, and web sockets."""

    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def urls(self) -> list[str]:
        return [*self.requests, *self.websockets]

    def foreign(self, base_url: str) -> list[str]:
        """URLs on any host other than the app's own (same host name and port)."""
        own = urlsplit(base_url)
        local = {"127.0.0.1", "localhost"}
        out = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue  # never leaves the browser
            if parts.hostname not in local or parts.port != own.port:
                out.append(url)
        return out


@pytest.fixture
def record_network() -> Callable[[Page], NetworkLog]:
    """`record_network(page)` starts recording; call it before the first `goto`."""

    def start(page: Page) -> NetworkLog:
        log = NetworkLog()
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("response", lambda response: log.statuses.__setitem__(response.url,
                                                                      response.status))
        page.on("websocket", lambda socket: log.websockets.append(socket.url))
        return log

    return start


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and dialogs (each dismissed) of one page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"dialog: {m}" for m in self.dialogs])


@pytest.fixture
def record_problems() -> Callable[[Page], PageProblems]:
    """`record_problems(page)` starts recording; call it before the first `goto`."""

    def start(page: Page) -> PageProblems:
        problems = PageProblems()

        def on_console(message: ConsoleMessage) -> None:
            if message.type != "error":
                return
            if any(own in message.text for own in CHROMIUM_OWN_CONSOLE_ERRORS):
                return
            where = message.location or {}
            problems.console_errors.append(
                f"{message.text} (at {where.get('url', '?')}:{where.get('lineNumber', '?')})")

        def on_dialog(dialog: Dialog) -> None:
            problems.dialogs.append(f"{dialog.type}: {dialog.message}")
            with contextlib.suppress(PlaywrightError):  # already handled, or page gone
                dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
        page.on("dialog", on_dialog)
        return problems

    return start


# --------------------------------------------------------------------------- accessibility

# axe-core, installed by `make axe` (npm ci of tests/browser/tools, pinned by its lock file).
# Never fetched at run time: without this file the accessibility tests are skipped, loudly.
AXE_JS = ROOT / "tests" / "browser" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.0, 2.1 and 2.2 level A and AA rules.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_MAX_NODES = 25  # nodes reported per violation (the count says how many there were)
AXE_MAX_SUMMARY = 600  # characters of each node's failureSummary
AXE_MAX_HTML = 200  # characters of each node's HTML

_AXE_RUN = """
async ([tags, maxNodes, maxSummary, maxHtml]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, maxNodes).map((n) => ({
      target: n.target,
      failureSummary: (n.failureSummary || '').slice(0, maxSummary),
      html: (n.html || '').slice(0, maxHtml),
    })),
  }));
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The source of axe-core (axe.min.js) from `make axe`; skips loudly if it is absent."""
    if not AXE_JS.is_file():
        reason = (f"NO AXE-CORE: {AXE_JS.relative_to(ROOT)} is missing; ACCESSIBILITY TESTS ARE "
                  "SKIPPED. Install it with `make axe` (npm ci --prefix tests/browser/tools).")
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(target: Page | Frame, source: str) -> list[dict]:
    """Run axe-core's WCAG 2.0-2.2 A/AA rules in `target` (a page or a frame), injecting
    `source` first unless axe is already there; the violations, trimmed: id, impact, help,
    count (of nodes) and nodes (each its target selector, failureSummary and html)."""
    if not target.evaluate("() => typeof window.axe !== 'undefined'"):
        target.add_script_tag(content=source)
    return target.evaluate(_AXE_RUN, [list(AXE_TAGS), AXE_MAX_NODES, AXE_MAX_SUMMARY,
                                       AXE_MAX_HTML])


@pytest.fixture
def run_axe(axe_source: str) -> Callable[[Page | Frame], list[dict]]:
    """`run_axe(frame_or_page) -> list[dict]`: axe-core's WCAG A/AA violations there."""

    def run(frame_or_page: Page | Frame) -> list[dict]:
        return axe_violations(frame_or_page, axe_source)

    return run
