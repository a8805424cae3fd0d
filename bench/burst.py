#!/usr/bin/env python3
"""A burst of readers without browsers: N sessions arriving over T seconds, spoken in Streamlit's
own websocket protocol (bench/protocol.py), ours and the blank page side by side.

    python -m bench.burst                            # 100 sessions over 10 s, then 200 over 20 s
    python -m bench.burst --sessions 20 --over 5 --bursts 1
    python -m bench.burst --rates 2,4,6,8,10,15      # the highest arrival rate with p95 <= 5 s
    python -m bench.burst --soak                     # 1,000 sessions (ours) in waves of 100

Each app gets a fresh server (tests/support/harness.py: loopback, a free port, headless) with the
environment of deploy/server.env, as `make run` and deploy/ start it; it is warmed by one session per
address the burst uses, one at a time and not counted (the first imports and fills the caches). Then the sessions
start at evenly spaced moments over T seconds; each GETs the page and the files it links (as a
cold browser's first visit; `--no-assets`: the page alone), opens the websocket, asks for a run of
its address (ours: every other one `?region=`, as a shared link to a region), waits for its
target (ours: the streamlit-folium component's element, the map's message; blank: its text) and
the end of its first run (ours: then answers, as the browser's frame does once the map has drawn,
and waits for the run that sends the rest of the page; bench/protocol.py), and keeps its websocket
open until every session has finished. Then all close.

Per burst: p50/p95/max time to the target (from the session's arrival), errors (a session that
failed, timed out, or received an error element), the server's CPU time per session (user +
system of the process tree, /proc: not wall time, so other load on the machine disturbs it
little), its peak RSS while the burst ran, and its RSS with every session open, less its RSS
before, per session. Printed as a table; everything raw in bench/results/burst.json.
It is a benchmark: exit 0 unless `--strict` and a budget failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.burst_report import (
    BUDGETS,
    burst_summary,
    check_budgets,
    format_bursts,
    format_rates,
    format_soak,
    highest_rate,
)
from bench.peer_data import CACHE
from bench.protocol import MAP, TEXT, Session, Target, run_session
from tests.support import harness
from tests.support.harness import ROOT, StreamlitServer
from tests.support.loop import run_apart

RESULTS = Path(__file__).resolve().parent / "results"
LOG_DIR = CACHE / "logs"
# The floor (a title and the same map in st_folium, bench/floor_app.py): what this map costs on any
# streamlit-folium page, for `--apps blank floor ours`; the budgets compare ours and the blank page.
APPS: dict[str, tuple[str, Target]] = {"ours": ("dashboard.py", MAP), "blank": ("bench/blank_app.py", TEXT),
                                       "floor": ("bench/floor_app.py", MAP)}
REGIONS = ("UA-14", "UA-65", "UA-63", "RU-KRS")
SAMPLE_S = 0.25  # RSS samples while a burst runs
SETTLE_S = 5.0  # after a soak wave closes, before its RSS is read
SERVER_ENV = ROOT / "deploy" / "server.env"  # what `make run` and deploy/ start the app with


def server_env(path: Path = SERVER_ENV) -> dict[str, str]:
    """The VAR=value lines of deploy/server.env (comments and blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def query_of(app: str, index: int) -> str:
    """Ours: every other session opens a link to a region; the blank page has no address to read."""
    return f"region={REGIONS[(index // 2) % len(REGIONS)]}" if app == "ours" and index % 2 else ""


class Sampler:
    """The server's RSS (children included), sampled in the background; the peak is kept."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0.0

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                self.peak = max(self.peak, harness.rss_mib(self.pid)["rss"])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), SAMPLE_S)


async def burst(server: StreamlitServer, app: str, n: int, over: float, *, assets: bool, timeout: float,
                hold_open: bool = True) -> dict:
    """N sessions starting evenly over `over` seconds; the raw figures of the burst."""
    target = APPS[app][1]
    pid = server.process.pid
    t0 = time.monotonic()
    sessions = [Session(i, query=query_of(app, i), t0=t0) for i in range(n)]
    hold = asyncio.Event()
    sampler, stop = Sampler(pid), asyncio.Event()
    rss_before, cpu_before = harness.rss_mib(pid)["rss"], harness.cpu_seconds(pid)
    sampling = asyncio.create_task(sampler.run(stop))

    async def arrive(session: Session) -> Session:
        await asyncio.sleep(session.index * over / n)
        return await run_session(server.url, session, target, timeout=timeout, assets=assets,
                                 hold=hold if hold_open else None)

    tasks = [asyncio.create_task(arrive(s)) for s in sessions]
    deadline = t0 + over + timeout + 5
    while time.monotonic() < deadline and not all(s.ready or s.error or s.closed for s in sessions):
        await asyncio.sleep(0.1)
    cpu_after = harness.cpu_seconds(pid)
    rss_open = harness.rss_mib(pid)["rss"]
    hold.set()
    await asyncio.gather(*tasks)
    stop.set()
    await sampling
    return {"app": app, "sessions": n, "over_s": over, "assets": assets, "rss_before": rss_before,
            "rss_open": rss_open, "rss_peak": max(sampler.peak, rss_open),
            "cpu_s": None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
            "wall_s": time.monotonic() - t0, "results": [_raw(s) for s in sessions]}


def _raw(s: Session) -> dict:
    return {"index": s.index, "query": s.query, "started": s.started, "time_to_target": s.time_to_target,
            "time_to_finished": None if s.finished is None or s.started is None else s.finished - s.started,
            "time_to_whole_page": None if s.ready is None or s.started is None else s.ready - s.started,
            "error": s.error, "error_elements": s.exception_elements, "payload_bytes": s.payload_bytes,
            "http_bytes": s.http_bytes}


def start_server(app: str, log_dir: Path = LOG_DIR, cwd: Path = ROOT, env: dict[str, str] | None = None
                 ) -> StreamlitServer:
    """A fresh server of `app`, warmed: one session per address the burst uses, one after the
    other, uncounted (the first imports and loads the data; each region link fills its caches),
    so that a burst's memory per session is the sessions', not the process's caches."""
    env = server_env() if env is None else env
    server = StreamlitServer(f"burst-{app}", APPS[app][0], cwd, env=env).start(log_dir)
    for query in dict.fromkeys(query_of(app, i) for i in range(2 * len(REGIONS))):
        first = run_apart(run_session(server.url, Session(-1, query=query), APPS[app][1], timeout=120))
        if first.error:
            server.stop()
            raise RuntimeError(f"{app}: the warm-up session ({query or 'no query'}) failed: {first.error}")
    return server


def run_bursts(apps: Sequence[str], plan: Sequence[tuple[int, float]], assets: bool, timeout: float,
               env: dict[str, str] | None = None) -> list[dict]:
    """Each (n, over) of the plan, for each app, blank first, on a fresh server per app and burst."""
    out = []
    for n, over in plan:
        for app in apps:
            server = start_server(app, env=env)
            try:
                print(f"[burst] {app}: {n} sessions over {over:g} s", flush=True)
                out.append(run_apart(burst(server, app, n, over, assets=assets, timeout=timeout)))
            finally:
                server.stop()
    return out


def run_rates(apps: Sequence[str], rates: Sequence[float], over: float, assets: bool, timeout: float,
              env: dict[str, str] | None = None) -> dict:
    """For each app, bursts at rising arrival rates (sessions per second over `over` seconds) on one
    warm server, each burst closed before the next, until one fails (p95 > 5 s or an error)."""
    found: dict = {}
    for app in apps:
        server = start_server(app, env=env)
        steps = []
        try:
            for rate in rates:
                n = max(1, round(rate * over))
                print(f"[rate] {app}: {rate:g}/s ({n} over {over:g} s)", flush=True)
                raw = run_apart(burst(server, app, n, over, assets=assets, timeout=timeout, hold_open=False))
                steps.append({"rate": rate, **burst_summary(raw)})
                if not steps[-1]["within"]:
                    break
        finally:
            server.stop()
        found[app] = {"steps": steps, "highest": highest_rate(steps)}
    return found


def run_soak(waves: int, size: int, over: float, assets: bool, timeout: float, env: dict[str, str] | None = None
             ) -> dict:
    """Ours: `waves` waves of `size` sessions, each opened, held until all finished, closed; the
    server's RSS once each wave has closed and settled, and its CPU per session in each wave (a
    server that got slower with the sessions it had served would show there)."""
    server = start_server("ours", env=env)
    rows = []
    try:
        for wave in range(waves):
            raw = run_apart(burst(server, "ours", size, over, assets=assets, timeout=timeout))
            time.sleep(SETTLE_S)
            summary = burst_summary(raw)
            rows.append({"wave": wave + 1, "errors": summary["errors"], "p95_s": summary["p95_s"],
                         "cpu_ms": summary["cpu_ms_per_session"], "rss_open": raw["rss_open"],
                         "rss_settled": harness.rss_mib(server.process.pid)["rss"]})
            print(f"[soak] wave {wave + 1}/{waves}: settled RSS {rows[-1]['rss_settled']:.0f} MiB", flush=True)
    finally:
        server.stop()
    return {"waves": rows}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", nargs="+", choices=sorted(APPS), default=["blank", "ours"])
    parser.add_argument("--sessions", type=int, default=100, help="sessions of the first burst (default 100)")
    parser.add_argument("--over", type=float, default=10.0, help="seconds they arrive over (default 10)")
    parser.add_argument("--bursts", type=int, default=2, choices=(1, 2),
                        help="2 (default): also twice the sessions over twice the time (200 over 20 s)")
    parser.add_argument("--rates", type=lambda text: [float(x) for x in text.split(",")], default=None,
                        help="find the highest arrival rate (sessions/s, rising) with p95 <= 5 s instead")
    parser.add_argument("--soak", action="store_true", help="1,000 sessions of ours in waves of 100 instead")
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--no-assets", dest="assets", action="store_false",
                        help="the websocket and the page only, not the files it links")
    parser.add_argument("--timeout", type=float, default=60.0, help="the longest one session may take (default 60)")
    parser.add_argument("--env-file", type=Path, default=SERVER_ENV,
                        help="the servers' environment (default deploy/server.env; /dev/null: none, as before it)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--out", type=Path, default=RESULTS / "burst.json")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = server_env(args.env_file)
    result: dict = {"env": env,
                    "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "argv": sys.argv[1:],
                    "assets": args.assets}
    verdicts: list = []
    try:
        if args.soak:
            result["soak"] = run_soak(args.waves, args.sessions, args.over, args.assets, args.timeout, env)
            print(format_soak(result["soak"]))
        elif args.rates:
            result["rates"] = run_rates(args.apps, args.rates, args.over, args.assets, args.timeout, env)
            print(format_rates(result["rates"]))
        else:
            plan = [(args.sessions, args.over), (args.sessions * 2, args.over * 2)][:args.bursts]
            raw = run_bursts(args.apps, plan, args.assets, args.timeout, env)
            result["bursts"] = raw
            summaries = [burst_summary(r) for r in raw]
            verdicts = check_budgets(summaries)
            print(format_bursts(summaries, verdicts))
    finally:
        harness.stop_all_servers()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        print(f"raw results: {args.out}")
    failed = [v for v in verdicts if v[2] == "FAIL"]
    return 1 if args.strict and failed else 0


__all__ = ["BUDGETS", "main"]

if __name__ == "__main__":
    sys.exit(main())
