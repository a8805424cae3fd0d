#!/usr/bin/env python3
"""Lighthouse on the dashboard's map page, the floor page and the blank page: CLS and category scores.

    python -m bench.lighthouse                # or: make lighthouse   (about 9 minutes on 2 cores)
    python -m bench.lighthouse --warm 1 --pages dashboard --presets desktop   # quicker

Lighthouse (npm, the exact version of bench/tools/package-lock.json, run by Node) drives
Debian's Chromium. For each preset (Lighthouse's desktop preset and its default, mobile) and
each page (dashboard.py's map page, bench/floor_app.py, bench/blank_app.py) it starts a fresh
Streamlit server and runs Lighthouse as the server's very first visitor ("cold"); then,
on the servers started for the last preset's cold runs, `--warm` rounds (default 3) visit
every page with every preset again ("warm": server imports done, caches filled), interleaved.
Warm figures are medians. Throttling is `provided`: no simulated slow network or CPU, the
numbers are this machine's, as it is. Every Lighthouse run starts its own Chromium with an
empty profile, so the browser cache is cold in both; cold/warm is about the server.

Each run's full report goes to bench/results/lighthouse/ (git-ignored) with summary.json;
one table is printed: page x preset x cold/warm -> CLS, performance, accessibility,
best-practices and SEO scores (0-100), FCP, LCP and TBT; then the dashboard's top
layout-shift elements (the `layout-shifts` audit) and the failing audits' ids.

The servers come from tests/support/harness.py (`StreamlitServer`: loopback only, free ports, headless, no
file watcher); everything is bounded (a timeout per Lighthouse run, a deadline for the
whole run after which no run starts) and the servers are stopped on exit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.lighthouse_report import (
    CATEGORIES,
    aggregate,
    format_failing,
    format_shifts,
    format_table,
    score_text,
    summarize_report,
)
from bench.meta import app_fingerprint, git_describe, versions
from bench.peer_data import BENCH, CACHE
from bench.run import RESULTS, on_signal
from tests.support import harness
from tests.support.harness import ROOT
from tests.support.harness import StreamlitServer as Server

TOOLS = BENCH / "tools"
LIGHTHOUSE_CLI = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = RESULTS / "lighthouse"
LOGS = CACHE / "logs"
CHROME_PATH = "/usr/bin/chromium"  # Debian's; $CHROME_PATH overrides it
# The same flags as the benchmark's browser (its loopback-only host-resolver rule included), headless.
CHROME_FLAGS = ["--headless=new", *harness.chromium_args(loopback_only=True)]

# page name -> (script, working directory). The floor and the dashboard run from the repository
# root (its .streamlit/config.toml), as in bench/run.py.
PAGES = {
    "dashboard": ("dashboard.py", ROOT),
    "floor": (str(BENCH / "floor_app.py"), ROOT),
    "blank": ("blank_app.py", BENCH),
}
# Lighthouse's own presets: `--preset=desktop`, and its default configuration (mobile: a
# 412x823 screen at 1.75x, a mobile user agent, the mobile scoring curves).
PRESETS = {"desktop": ["--preset=desktop"], "mobile": []}

RUN_TIMEOUT_S = 180.0
MAX_WAIT_FOR_LOAD_MS = 60_000
DEADLINE_S = 900.0


# =========================================================================== running


def chrome_flags_arg(flags: Sequence[str]) -> str:
    """One `--chrome-flags` value. Lighthouse splits it at spaces (yargs-parser), so a flag
    whose value holds spaces is written `--name="value"`."""
    out = []
    for flag in flags:
        name, eq, value = flag.partition("=")
        out.append(f'{name}="{value}"' if eq and " " in value else flag)
    return " ".join(out)


def _log(message: str) -> None:
    print(f"[lighthouse {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _end(process: subprocess.Popen) -> None:
    """Ends a Lighthouse process and the Chromium it launched (chrome-launcher starts Chromium
    in a process group of its own): SIGINT first, which Lighthouse handles by closing
    Chromium, then SIGKILL for whatever is left, by process id."""
    if process.poll() is not None:
        return
    children = harness.process_tree(process.pid)[1:]
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        process.wait(timeout=10)
    for pid in children:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def run_lighthouse(node: str, url: str, preset: str, report: Path, log: Path, timeout: float,
                   max_wait_ms: int, html: bool) -> dict:
    """One Lighthouse run; its JSON report at `report`. Returns {"ok", "seconds", "error"}."""
    command = [
        node, str(LIGHTHOUSE_CLI), url,
        "--output=json", *(["--output=html"] if html else []),
        f"--output-path={report.with_suffix('') if html else report}",
        f"--chrome-flags={chrome_flags_arg(CHROME_FLAGS)}",
        "--throttling-method=provided",
        f"--max-wait-for-load={max_wait_ms}",
        "--disable-full-page-screenshot",
        "--no-enable-error-reporting",
        *PRESETS[preset],
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME_PATH)}
    started = time.monotonic()
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, cwd=TOOLS)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end(process)
            return {"ok": False, "seconds": time.monotonic() - started, "error": f"timed out after {timeout:.0f} s"}
        except BaseException:
            _end(process)
            raise
    if html:  # Lighthouse names them <path>.report.json / .report.html
        produced = report.with_suffix("").with_name(report.stem + ".report.json")
        if produced.exists():
            produced.replace(report)
    seconds = time.monotonic() - started
    if not report.exists():
        return {"ok": False, "seconds": seconds, "error": f"no report (exit code {code}); log: {log}"}
    return {"ok": code == 0, "seconds": seconds, "error": None if code == 0 else f"exit code {code}; log: {log}"}


def measure(node: str, server: Server, page: str, preset: str, visit: str, index: int,
            args: argparse.Namespace) -> dict:
    name = f"lh-{page}-{preset}-{visit}{index if visit == 'warm' else ''}"
    report = args.out / f"{name}.json"
    outcome = run_lighthouse(node, server.url + "/", preset, report, LOGS / f"{name}.log", args.timeout,
                             args.max_wait_ms, args.html)
    entry = {"page": page, "preset": preset, "visit": visit, "index": index, "report": str(report), **outcome}
    if report.exists():
        try:
            entry.update(summarize_report(json.loads(report.read_text(encoding="utf-8")), server.url))
        except (OSError, ValueError, KeyError, TypeError) as error:
            entry.update(ok=False, error=f"unreadable report: {error}")
        if entry.get("runtime_error"):
            entry.update(ok=False, error=entry["runtime_error"])
    cls = entry.get("cls")
    _log(f"{page:9} {preset:7} {visit}{index if visit == 'warm' else '':<2} "
         + (f"CLS {cls:.3f}, scores " + " ".join(score_text(entry['scores'].get(c)) for c in CATEGORIES)
            if entry["ok"] and cls is not None else f"FAILED: {entry.get('error')}")
         + f" ({entry['seconds']:.0f} s)")
    return entry


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warm", type=int, default=3, help="warm runs per page and preset (default 3; median)")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES), help="pages (default all)")
    parser.add_argument("--presets", nargs="+", choices=list(PRESETS), default=list(PRESETS),
                        help="presets (default desktop mobile)")
    parser.add_argument("--timeout", type=float, default=RUN_TIMEOUT_S, help="seconds per Lighthouse run (180)")
    parser.add_argument("--max-wait-ms", type=int, default=MAX_WAIT_FOR_LOAD_MS,
                        help="Lighthouse's --max-wait-for-load (default 60000)")
    parser.add_argument("--deadline", type=float, default=DEADLINE_S,
                        help="seconds after which no further run starts (default 900)")
    parser.add_argument("--out", type=Path, default=OUT, help="reports folder (default bench/results/lighthouse)")
    parser.add_argument("--html", action="store_true", help="also write each run's HTML report")
    args = parser.parse_args(argv)
    if not 0 <= args.warm <= 20 or not 30 <= args.timeout <= 900 or not 5_000 <= args.max_wait_ms <= 300_000:
        parser.error("warm 0..20, timeout 30..900, max-wait-ms 5000..300000")
    args.pages = list(dict.fromkeys(args.pages))
    args.presets = list(dict.fromkeys(args.presets))
    return args


def _installed_version() -> str | None:
    with contextlib.suppress(OSError, ValueError):
        return json.loads((LIGHTHOUSE_CLI.parent.parent / "package.json").read_text())["version"]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    deadline = started + args.deadline
    node = shutil.which("node")
    pinned = json.loads((TOOLS / "package.json").read_text())["dependencies"]["lighthouse"]
    installed = _installed_version()
    chrome = os.environ.get("CHROME_PATH", CHROME_PATH)
    if node is None or installed is None:
        print("lighthouse: not installed. Run `make lighthouse`, or `npm ci --prefix bench/tools --no-audit --no-fund`"
              " (needs Node.js and npm)", file=sys.stderr)
        return 2
    if installed != pinned:
        print(f"lighthouse: bench/tools has lighthouse {installed}, package.json pins {pinned}: "
              "run `npm ci --prefix bench/tools --no-audit --no-fund`", file=sys.stderr)
        return 2
    if not Path(chrome).exists():
        print(f"lighthouse: no Chromium at {chrome} (`make chromium`, or set CHROME_PATH)", file=sys.stderr)
        return 2

    args.out.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(parents=True, exist_ok=True)
    for stale in [*args.out.glob("lh-*.json"), *args.out.glob("lh-*.html")]:
        stale.unlink()
    meta = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "git": git_describe(ROOT),
        "app_fingerprint_start": app_fingerprint(ROOT), "lighthouse": installed,
        "node": subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip(),
        "chrome_path": chrome, "chrome_flags": chrome_flags_arg(CHROME_FLAGS), "throttling_method": "provided",
        "max_wait_for_load_ms": args.max_wait_ms, "warm": args.warm, "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(), "versions": versions(),
    }
    _log(f"Lighthouse {installed} on {meta['node']}, {chrome}; pages {', '.join(args.pages)}; presets "
         f"{', '.join(args.presets)}; 1 cold + {args.warm} warm each; "
         f"1-min load average {meta['loadavg_start'][0]:.1f}")

    runs: list[dict] = []
    warm_servers: dict[str, Server] = {}
    skipped = 0
    try:
        # Cold: a fresh server per page and preset, Lighthouse its very first page visitor (the
        # readiness check asks /_stcore/health, which runs no script). The last preset's servers
        # stay up for the warm rounds.
        for p, preset in enumerate(args.presets):
            last = p == len(args.presets) - 1
            for page in args.pages:
                if time.monotonic() > deadline:
                    skipped += 1
                    continue
                script, cwd = PAGES[page]
                server = Server(f"lh-{page}", script, cwd, static_serving=True)
                try:
                    server.start(LOGS)
                except RuntimeError as error:
                    _log(f"{page}: server did not start: {error}")
                    runs.append({"page": page, "preset": preset, "visit": "cold", "index": 0, "ok": False,
                                 "error": str(error), "seconds": 0.0})
                    server.stop()
                    continue
                runs.append(measure(node, server, page, preset, "cold", 0, args))
                if last and args.warm:
                    warm_servers[page] = server
                else:
                    server.stop()
        # Warm: interleaved rounds, so that a busy moment of the machine falls on every page alike.
        for index in range(1, args.warm + 1):
            for page, server in warm_servers.items():
                for preset in args.presets:
                    if time.monotonic() > deadline:
                        skipped += 1
                        continue
                    runs.append(measure(node, server, page, preset, "warm", index, args))
    finally:
        for server in warm_servers.values():
            server.stop()

    meta["seconds"] = time.monotonic() - started
    meta["loadavg_end"] = os.getloadavg()
    meta["app_fingerprint_end"] = app_fingerprint(ROOT)
    meta["skipped_after_deadline"] = skipped
    groups: dict[tuple[str, str, str], dict] = {}
    for page in args.pages:
        for preset in args.presets:
            for visit in ("cold", "warm"):
                chosen = [r for r in runs if (r["page"], r["preset"], r["visit"]) == (page, preset, visit)]
                if chosen:
                    groups[(page, preset, visit)] = aggregate(chosen)
    summary = {"meta": meta, "runs": runs,
               "groups": [{"page": k[0], "preset": k[1], "visit": k[2], **v} for k, v in groups.items()]}
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1, default=str) + "\n", encoding="utf-8")

    print()
    print(format_table(groups))
    print()
    ok_runs = [r for r in runs if r.get("ok")]
    first = next(iter(ok_runs), {})
    print(f"Lighthouse {installed}, {first.get('host_user_agent', '?')}, throttling: provided (this machine as it "
          f"is: no simulated network or CPU slowdown); scores 0-100; warm = median of {args.warm} on a server that "
          f"had served its cold visit; every run a new Chromium profile (empty browser cache). "
          f"{meta['seconds'] / 60:.1f} min, {len(ok_runs)}/{len(runs)} runs ok, 1-min load average "
          f"{meta['loadavg_start'][0]:.1f} at the start, {meta['loadavg_end'][0]:.1f} at the end.")

    dash = [r for r in ok_runs if r["page"] == "dashboard" and r.get("cls") is not None]
    if dash:
        worst = max(dash, key=lambda r: r["cls"])
        print()
        print(f"Dashboard, worst CLS: {worst['cls']:.3f} ({worst['preset']}, {worst['visit']}"
              f"{worst['index'] if worst['visit'] == 'warm' else ''}). Top layout-shift elements "
              "(`layout-shifts` audit, score of each shift):")
        for preset in args.presets:
            for visit in ("cold", "warm"):
                group = [r for r in dash if (r["preset"], r["visit"]) == (preset, visit)]
                if not group:
                    continue
                run = max(group, key=lambda r: r["cls"])
                which = "" if visit == "cold" else f" (the worst of {len(group)}: warm{run['index']})"
                print(f"- {preset}, {visit}{which}: CLS {run['cls']:.3f}")
                print("\n".join(format_shifts(run)))
    print()
    print("Failing audits (scored audits below 1; in how many runs):")
    print("\n".join(format_failing(runs)))

    notes = []
    external = sorted({u for r in runs for u in r.get("external_requests", [])})
    if external:
        notes.append(f"requests to other hosts (none resolves here): {external[:5]}")
    warnings = sorted({w for r in runs for w in r.get("run_warnings", [])})
    notes += [f"Lighthouse warning: {w}" for w in warnings[:5]]
    notes += [f"FAILED {r['page']} {r['preset']} {r['visit']}: {r.get('error')}" for r in runs if not r.get("ok")]
    if skipped:
        notes.append(f"{skipped} run(s) not started: past the {args.deadline:.0f} s deadline")
    if meta["app_fingerprint_start"] != meta["app_fingerprint_end"]:
        notes.append("the app's files changed during the run (others edit it): servers may have run either version")
    if notes:
        print()
        print("\n".join(f"NOTE: {n}" for n in notes))
    print(f"\nReports: {args.out}/lh-*.json, summary: {args.out / 'summary.json'}")
    return 0 if runs and all(r.get("ok") for r in runs) and not skipped else 1


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
