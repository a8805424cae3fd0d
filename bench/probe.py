"""The benchmark's browser side: a visit to a page, timed and counted in the page itself by
`probe.js` (websocket bytes, the first screen, the map's polygons)."""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.wire import classify_url, decode_ws, first_screen_bytes, ws_wire_bytes
from tests.support import harness

PROBE_JS = Path(__file__).resolve().parent / "probe.js"
BLANK_TEXT = "Blank page: the floor of the benchmark."  # what bench/blank_app.py writes
MAP_FRAME_MARKER = "streamlit_folium"  # in the component iframe's URL
POLYGON_SELECTOR = "path.leaflet-interactive"
VISIT_TIMEOUT_S = 60.0
SETTLE_QUIET_S = 1.0  # after the map is drawn: websocket quiet this long ...
SETTLE_MAX_S = 6.0  # ... or this long at most
VIEWPORT = {"width": 1400, "height": 900}


@dataclass(frozen=True)
class AppSpec:
    name: str
    expected_paths: int | None  # None: the app shows text, not a map
    query: str = ""

    def init_script(self) -> str:
        config = {"frameMarker": MAP_FRAME_MARKER, "selector": POLYGON_SELECTOR,
                  "expected": self.expected_paths or 0,
                  "text": BLANK_TEXT if self.expected_paths is None else None}
        return PROBE_JS.read_text(encoding="utf-8").replace("__CONFIG__", json.dumps(config))


def launch_browser(playwright):
    """The system's Chromium, loopback only (tests/support/harness.py)."""
    try:
        return playwright.chromium.launch(**harness.launch_options(loopback_only=True))
    except RuntimeError as error:
        raise SystemExit(f"bench: {error}") from None


def _eval(target, expression: str):
    try:
        return target.evaluate(expression)
    except Exception:  # navigating, detached: try again on the next poll
        return None


def open_visit(context, spec: AppSpec, url: str, keep_payloads: bool = False) -> dict:
    """A page in `context` navigating to `url`, with its byte counters; returns a handle."""
    page = context.new_page()
    origin = "/".join(url.split("/", 3)[:3])
    handle = {"origin": origin, "page": page, "ws_bytes": 0, "ws_frames": 0, "last_ws": time.monotonic(),
              "finished": [], "external": [], "payloads": [], "in_flight": 0}

    def on_frame(payload) -> None:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        handle["ws_bytes"] += len(data)
        handle["ws_frames"] += 1
        handle["last_ws"] = time.monotonic()
        if keep_payloads and len(handle["payloads"]) < 5000:
            handle["payloads"].append(data)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))

    def on_request(request) -> None:
        handle["in_flight"] += 1
        if classify_url(request.url, handle["origin"]) == "external":
            handle["external"].append(request.url)

    def on_request_done(request, finished: bool) -> None:
        handle["in_flight"] -= 1
        if finished:
            handle["finished"].append(request)

    page.on("request", on_request)
    page.on("requestfinished", lambda request: on_request_done(request, True))
    page.on("requestfailed", lambda request: on_request_done(request, False))
    page.goto(url, wait_until="commit", timeout=VISIT_TIMEOUT_S * 1000)
    return handle


def poll_visit(handle: dict, spec: AppSpec) -> dict | None:
    """One look at a visit: a finished record, an error record, or None (not yet)."""
    top = _eval(handle["page"], "window.__bench ? {error: window.__bench.error, done: window.__bench.done, "
                                "navStart: window.__bench.navStart, wsFirstAt: window.__bench.wsFirstAt, "
                                "wsOpenAt: window.__bench.wsOpenAt, wsExtensions: window.__bench.wsExtensions, "
                                "map: window.__bench.map} : null")
    if not top:
        return None
    if top.get("error"):
        return {"ok": False, "error": top["error"]}
    handle["paths_seen"] = (top.get("map") or {}).get("paths")
    return {"ok": True, "top": top} if top.get("done") else None


def finish_visit(handle: dict, spec: AppSpec, outcome: dict) -> dict:
    """Turn a finished visit into a record: times, websocket bytes, asset bytes."""
    page = handle["page"]
    record: dict = {"ok": outcome["ok"], "error": outcome.get("error")}
    if not outcome["ok"]:
        return record
    top = outcome["top"]
    state, done = top.get("map"), top["done"]
    nav = top["navStart"]
    record["time_to_screen_ms"] = done["painted"] - nav
    record["detected_ms"] = done["detected"] - nav
    record["ws_bytes_at_screen"] = done["wsBytes"]
    record["ws_frames_at_screen"] = done["wsFrames"]
    phases = {"ws_open": None if top.get("wsOpenAt") is None else top["wsOpenAt"] - nav,
              "first_ws_message": None if top.get("wsFirstAt") is None else top["wsFirstAt"] - nav}
    if state:
        phases["iframe_start"] = state["start"] - nav
        for phase, key in (("component_js_loaded", "componentJsLoadedAt"), ("leaflet_loaded", "leafletLoadedAt")):
            phases[phase] = None if done.get(key) is None else done[key] - nav
        phases["first_polygon"] = None if state.get("firstAt") is None else state["firstAt"] - nav
        record["paths"] = state.get("paths")
    record["phases_ms"] = phases
    # Let the follow-up traffic arrive (stylesheets, streamlit-folium's first value and the
    # rerun it may cause): until no request is in flight and the websocket is quiet.
    deadline = time.monotonic() + SETTLE_MAX_S
    while time.monotonic() < deadline and (handle["in_flight"] > 0
                                           or time.monotonic() - handle["last_ws"] < SETTLE_QUIET_S):
        page.wait_for_timeout(100)
    record["ws_bytes_settled"] = handle["ws_bytes"]
    record["ws_frames_settled"] = handle["ws_frames"]
    wire, decoded, streamlit_wire = [], [], []
    for request in list(handle["finished"]):
        kind = classify_url(request.url, handle["origin"])
        if kind not in ("map", "media", "streamlit"):
            continue
        try:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            if kind == "streamlit":
                streamlit_wire.append((request.url, size))
                continue
            response = request.response()
            wire.append((request.url, size))
            decoded.append((request.url, len(response.body()) if response else 0))
        except Exception as error:  # a response gone with its frame
            record.setdefault("asset_errors", []).append(f"{request.url}: {error}")
    record["streamlit_bytes_wire"] = sum(size for _, size in streamlit_wire)
    # The top page's resource timeline (ms from navigation), to see what loads when.
    record["resources"] = _eval(page, "performance.getEntriesByType('resource').map((e) => "
                                      "[new URL(e.name).pathname, Math.round(e.startTime), Math.round(e.responseEnd), "
                                      "e.transferSize, e.initiatorType])") or []
    record["streamlit_files_wire"] = {urlsplit(u).path: size for u, size in streamlit_wire}
    if handle["payloads"]:
        shown = handle["payloads"][: record["ws_frames_at_screen"] or 0]
        record["ws_content"] = decode_ws(shown)
        record["ws_content_settled_kinds"] = decode_ws(handle["payloads"])["bytes_by_kind"]
        index = record["ws_content"].get("first_component_frame")
        times = _eval(page, "window.__bench ? window.__bench.msgAt : []") or []
        kinds = record["ws_content"].pop("frame_kinds")
        record["ws_timeline"] = [[round(t - nav, 1), len(p), k]
                                 for t, p, k in zip(times, shown, kinds, strict=False)]
        if index is not None and index < len(times):
            record["phases_ms"]["map_args_received"] = times[index] - nav
    record["asset_bytes_wire"], record["assets_wire"] = first_screen_bytes(wire, handle["origin"])
    record["asset_bytes_decoded"], record["assets_decoded"] = first_screen_bytes(decoded, handle["origin"])
    record["media_bytes_wire"], record["media_wire"] = first_screen_bytes(wire, handle["origin"], "media")
    record["ws_extensions"] = top.get("wsExtensions")
    frame_sizes = ws_wire_bytes(handle["payloads"], top.get("wsExtensions"))
    record["ws_wire_at_screen"] = sum(frame_sizes[: record["ws_frames_at_screen"] or 0])
    record["ws_wire_settled"] = sum(frame_sizes)
    record["first_screen_bytes"] = (record["ws_wire_at_screen"] + record["asset_bytes_wire"]
                                    + record["media_bytes_wire"])
    record["external_requests"] = list(handle["external"])
    return record


def measure_visit(browser, spec: AppSpec, url: str, timeout: float = VISIT_TIMEOUT_S) -> dict:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        context.add_init_script(script=spec.init_script())
        handle = open_visit(context, spec, url, keep_payloads=True)
        deadline = time.monotonic() + timeout
        outcome = None
        while outcome is None and time.monotonic() < deadline:
            handle["page"].wait_for_timeout(100)
            outcome = poll_visit(handle, spec)
        if outcome is None:
            seen = handle.get("paths_seen")
            outcome = {"ok": False, "error": f"nothing drawn within {timeout:.0f} s"
                       + ("" if seen is None else f" ({seen} of {spec.expected_paths} polygons)")}
        return finish_visit(handle, spec, outcome)
    except Exception as error:  # one bad visit must not end the run
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    finally:
        with contextlib.suppress(Exception):
            context.close()


# =========================================================================== reruns (AppTest)
