#!/usr/bin/env python3
"""Load check: many readers open the map page at once.

    python -m bench.load_check                  # 20 sessions, at most 180 s
    python -m bench.load_check --sessions 8 --timeout 120

A fresh server of the app (dashboard.py, headless, usage stats off, its log in
bench/.cache/logs/) on a free loopback port; one headless Chromium opens N sessions, each
in its own browser context (no shared cache or cookies), every other one with
`?region=<id>` (UA-14, UA-65, UA-63, RU-KRS in turn), and every one but the first with
`?date=` a day of its own, spread over DeepStateMap's range (so that each session's day is
loaded: its figures, verdicts and map of the occupied area). All the contexts and pages are
made first, then every navigation is started at once. Checks, each PASS or FAIL:

- every session draws the map: all polygons of geodata/regions.geojson plus the Kursk
  circle (`path.leaflet-interactive` in the streamlit-folium iframe);
- no session shows an exception box (`[data-testid="stException"]`);
- every session opened with `?region=` still has it in its address and shows that
  region's name on the region picker ("Region: <name>");
- every session opened with `?date=` still has it in its address;
- the server's log has no line with "Traceback", "Error" or "Exception";
- the server's RSS (VmRSS, children included) stays within 300 MiB while the sessions are
  open (sampled every poll, and once more when all have settled).

It prints the median and 95th percentile time to map (ms from each page's navigation
start, measured in the page as the benchmark does) and a table. Exit 1 when a check fails:
this is a check, unlike the benchmark. Every wait is bounded and the whole run stops by
itself after --timeout seconds, stopping the server it started.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from bench.burst import server_env
from bench.load_report import evaluate, report
from bench.peer_data import CACHE
from bench.probe import MAP_FRAME_MARKER, POLYGON_SELECTOR, VIEWPORT, AppSpec
from tests.support import harness
from tests.support.harness import ROOT
from tests.support.harness import StreamlitServer as Server

DEFAULT_SESSIONS = 20
DEFAULT_TIMEOUT_S = 180.0
REGIONS = ("UA-14", "UA-65", "UA-63", "RU-KRS")  # given in turn to every other session
KURSK_CIRCLE = 1  # drawn on top of the boundary units, also a path.leaflet-interactive
POLL_S = 0.5  # page polls and RSS samples; the times themselves are taken in the page
SETTLE_S = 3.0  # after the last map: let the follow-up reruns (query params, component value) land
EVAL_TIMEOUT_S = 10.0  # one page.evaluate
RESERVE_S = 30.0  # of --timeout, kept for the final checks and closing the browser and server
LOG_DIR = CACHE / "logs"

# One look at a page once it has settled: what the checks need, read in the page (final_state.js).
FINAL_STATE_JS = (Path(__file__).resolve().parent / "final_state.js").read_text(encoding="utf-8")


def days_of(app_dir: Path) -> tuple[str, str]:
    """The first and last day DeepStateMap measured, from the derived data's manifest."""
    days = json.loads((app_dir / "geodata" / "measured" / "manifest.json").read_text(encoding="utf-8"))["archive_days"]
    return days["first"], days["last"]


def date_of(index: int, n: int, first: str, last: str) -> str | None:
    """Session 0 opens the report's date; every other one a day of its own, spread over the range."""
    if index == 0:
        return None
    start, end = (dt.date.fromisoformat(day) for day in (first, last))
    return (start + dt.timedelta(days=(end - start).days * index // max(n - 1, 1))).isoformat()


def region_of(index: int) -> str | None:
    """Sessions 1, 3, 5, ... open a region link, in turn from REGIONS; the others the bare page."""
    return REGIONS[(index // 2) % len(REGIONS)] if index % 2 else None


def _log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


async def _eval(page, expression: str, arg=None):
    """page.evaluate with a time limit; None when the page cannot answer (navigating, busy)."""
    try:
        return await asyncio.wait_for(page.evaluate(expression, arg), EVAL_TIMEOUT_S)
    except Exception:  # a timeout, a page mid-navigation or closed
        return None


class RssSampler:
    """The server's RSS (children included), sampled; the largest sample is kept."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.samples, self.error = pid, 0.0, 0, None

    def sample(self) -> float | None:
        try:
            rss = harness.rss_mib(self.pid)["rss"]
        except OSError as error:  # the server is gone
            self.error = f"cannot read /proc/{self.pid}/status: {error}"
            return None
        self.peak = max(self.peak, rss)
        self.samples += 1
        return rss


async def open_sessions(server: Server, n: int, expected: int, deadline: float,
                        span: tuple[str, str]) -> dict:
    """N sessions at once; waits for every map (until `deadline`, monotonic), then settles
    and reads each page's final state. Returns the raw results."""
    from playwright.async_api import async_playwright

    spec = AppSpec("ours", expected)
    sampler = RssSampler(server.process.pid)
    out: dict = {"sessions": [], "rss_idle": sampler.sample()}
    sampler.peak, sampler.samples = 0.0, 0  # the peak is taken with sessions open
    options = harness.launch_options(loopback_only=True)  # RuntimeError when there is no Chromium
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**options)
        out["chromium"] = browser.version
        try:
            sessions = []
            for i in range(n):
                context = await browser.new_context(viewport=VIEWPORT, service_workers="block")
                await context.add_init_script(script=spec.init_script())
                page = await context.new_page()
                region, day = region_of(i), date_of(i, n, *span)
                query = "&".join(f"{k}={v}" for k, v in (("region", region), ("date", day)) if v)
                s = {"index": i, "region": region, "date": day, "page": page, "page_errors": [], "crashed": False,
                     "url": server.url + "/" + (f"?{query}" if query else ""),
                     "time_to_map_ms": None, "error": None, "paths_seen": None}
                page.on("pageerror", lambda error, s=s: s["page_errors"].append(str(error)[:300]))
                page.on("crash", lambda _page, s=s: s.__setitem__("crashed", True))
                sessions.append(s)
            _log(f"{n} browser contexts ready; starting every navigation at once")
            fired = time.monotonic()
            cpu_before = harness.cpu_seconds(server.process.pid)
            gone = await asyncio.gather(
                *(s["page"].goto(s["url"], wait_until="commit",
                                 timeout=max(1.0, deadline - time.monotonic()) * 1000) for s in sessions),
                return_exceptions=True)
            out["commit_s"] = time.monotonic() - fired
            for s, result in zip(sessions, gone, strict=True):
                if isinstance(result, BaseException):
                    s["error"] = f"navigation failed: {type(result).__name__}: {str(result)[:200]}"
            # Polled until every session has drawn its map or shown an exception box; one
            # with an exception box is still watched for its map meanwhile, without being waited for.
            undrawn = [s for s in sessions if s["error"] is None]
            while time.monotonic() < deadline and any(s["error"] is None for s in undrawn):
                await asyncio.sleep(POLL_S)
                sampler.sample()
                looks = await asyncio.gather(*(_eval(s["page"], "window.__bench ? {error: window.__bench.error, "
                                                    "done: window.__bench.done, navStart: window.__bench.navStart, "
                                                    "wsOpenAt: window.__bench.wsOpenAt, "
                                                    "wsFirstAt: window.__bench.wsFirstAt, "
                                                    "map: window.__bench.map} : null") for s in undrawn))
                for s, top in zip(undrawn, looks, strict=True):
                    if not top:
                        continue
                    s["paths_seen"] = (top.get("map") or {}).get("paths")
                    if top.get("error") and s["error"] is None:
                        s["error"] = top["error"]
                    if top.get("done"):
                        nav, state = top["navStart"], top.get("map") or {}
                        s["time_to_map_ms"] = top["done"]["painted"] - nav
                        s["phases_ms"] = {name: None if at is None else at - nav for name, at in (
                            ("ws_open", top.get("wsOpenAt")), ("first_ws_message", top.get("wsFirstAt")),
                            ("iframe_start", state.get("start")), ("first_polygon", state.get("firstAt")))}
                undrawn = [s for s in undrawn if s["time_to_map_ms"] is None]
            out["all_drawn_s"] = time.monotonic() - fired
            cpu_after = harness.cpu_seconds(server.process.pid)
            if cpu_before is not None and cpu_after is not None:
                out["server_cpu_s"] = cpu_after - cpu_before
            for s in (s for s in undrawn if s["error"] is None):
                seen = s["paths_seen"]
                s["error"] = (f"map not drawn within {out['all_drawn_s']:.0f} s"
                              + ("" if seen is None else f" ({seen} of {expected} polygons)"))
            settle_until = min(time.monotonic() + SETTLE_S, deadline + RESERVE_S / 3)
            while time.monotonic() < settle_until:
                await asyncio.sleep(POLL_S)
                sampler.sample()
            finals = await asyncio.gather(*(_eval(s["page"], FINAL_STATE_JS,
                                                  {"frameMarker": MAP_FRAME_MARKER,
                                                   "selector": POLYGON_SELECTOR})
                                            for s in sessions))
            out["rss_open"] = sampler.sample()  # every session still open
            out["rss_peak"] = sampler.peak or None
            out["rss_samples"] = sampler.samples
            out["rss_error"] = sampler.error
            hwm = None
            with contextlib.suppress(OSError):
                hwm = harness.rss_mib(server.process.pid)["hwm"]
            out["rss_hwm"] = hwm
            for s, final in zip(sessions, finals, strict=True):
                s["final"] = final
            out["sessions"] = sessions
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(browser.close(), 20)
    for s in out["sessions"]:
        s.pop("page", None)
    return out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=DEFAULT_SESSIONS,
                        help=f"sessions opened at once (default {DEFAULT_SESSIONS})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help=f"the whole run's limit in seconds, server start included (default {DEFAULT_TIMEOUT_S:g})")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="the checkout whose dashboard.py is run (default: this repository)")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 100 or not 60 <= args.timeout <= 1200:
        parser.error("sessions 1..100, timeout 60..1200")
    args.app_dir = args.app_dir.resolve()
    return args


def _watchdog(limit: float, server: Server) -> None:
    """The last resort: past the limit, stop the server and leave, whatever is stuck."""
    def fire() -> None:
        print(f"FAIL: hard timeout of {limit:.0f} s reached; stopping the server and exiting", flush=True)
        with contextlib.suppress(Exception):
            if server.process is not None:
                server.process.kill()
        os._exit(1)

    timer = threading.Timer(limit, fire)
    timer.daemon = True
    timer.start()


def _on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks (the server is stopped)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _on_signal)
    geojson = args.app_dir / "geodata" / "regions.geojson"
    try:
        features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as error:
        print(f"FAIL: cannot read {geojson}: {error}")
        return 1
    expected = len(features) + KURSK_CIRCLE
    names = {f["properties"]["id"]: f["properties"].get("name") for f in features}
    # Started as `make run` and deploy/ start it (deploy/server.env); the app serves no static files.
    server = Server("load-check", "dashboard.py", args.app_dir, env=server_env())
    _watchdog(args.timeout, server)
    raw: dict = {}
    alive = False
    try:
        _log(f"starting a fresh server of {args.app_dir / 'dashboard.py'}")
        server.start(LOG_DIR)
        _log(f"server at {server.url} (pid {server.process.pid}); {args.sessions} sessions, "
             f"{expected} polygons each ({len(features)} units + Kursk circle)")
        deadline = started + args.timeout - RESERVE_S
        try:
            raw = asyncio.run(asyncio.wait_for(open_sessions(server, args.sessions, expected, deadline,
                                                             days_of(args.app_dir)),
                                               max(10.0, deadline - time.monotonic() + RESERVE_S * 2 / 3)))
        except Exception as error:  # reported as failed checks below
            _log(f"the sessions could not be run: {type(error).__name__}: {error}")
            raw = {"error": f"{type(error).__name__}: {error}"}
        alive = server.process is not None and server.process.poll() is None
    except RuntimeError as error:  # the server did not start
        _log(f"FAIL: {error}")
    finally:
        server.stop()
    checks, details = evaluate(raw, args.sessions, expected, names, server.log, alive)
    if raw.get("error"):
        details.insert(0, f"run error: {raw['error']}")
    report(raw, checks, details, args.sessions, server.log, time.monotonic() - started)
    return 0 if all(passed for _, _, passed in checks) else 1


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
