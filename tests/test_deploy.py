"""Two replicas behind HAProxy (deploy/): every reader stays on one replica, readers spread over both,
and a replica stopped mid-run costs only its own readers a reconnect, to the other replica, which
draws their map again (issue 24). Readers are the protocol-level client (bench/protocol.py)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest

from bench.burst import query_of
from bench.protocol import MAP, Session, run_session
from tests.support.loop import run_apart

replicas = pytest.importorskip("deploy.replicas")
pytestmark = pytest.mark.slow

READERS = 12
SPREAD_S = 3.0
REDRAW_TIMEOUT_S = 60.0


def _skip_without_haproxy() -> None:
    try:
        replicas.haproxy_command()
    except RuntimeError as error:
        pytest.skip(f"NO HAPROXY: {error}")


def test_two_replicas_keep_each_reader_and_lose_only_the_stopped_one_s(tmp_path: Path) -> None:
    _skip_without_haproxy()
    with replicas.deployment(log_dir=tmp_path) as running:
        for replica in running.replicas:  # each replica's first, cold run, outside the measurement
            warm = run_apart(run_session(replica.url, Session(-1), MAP, timeout=120))
            assert warm.error is None, warm.error

        async def scenario() -> tuple[list[Session], dict[int, str]]:
            hold = asyncio.Event()
            t0 = time.monotonic()
            sessions = [Session(i, query=query_of("ours", i), t0=t0) for i in range(READERS)]

            async def arrive(s: Session) -> Session:
                await asyncio.sleep(s.index * SPREAD_S / READERS)
                # With the page's files and the map's frame files: each must come from the reader's replica.
                return await run_session(running.proxy_url, s, MAP, timeout=90, hold=hold, reconnect=True,
                                         assets=True)

            tasks = [asyncio.create_task(arrive(s)) for s in sessions]
            while not all(s.draws or s.error for s in sessions):
                await asyncio.sleep(0.1)
            first = {s.index: s.served_by for s in sessions}
            stopped = running.replicas[0]
            await asyncio.to_thread(stopped.stop)
            deadline = time.monotonic() + REDRAW_TIMEOUT_S
            while time.monotonic() < deadline and not all(
                    len(s.draws) >= 2 or s.error for s in sessions if first[s.index] == stopped.name):
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)  # anything that would disturb the other replica's readers, let it show
            hold.set()
            await asyncio.gather(*tasks)
            return sessions, first

        sessions, first = run_apart(scenario())

    assert [f"{s.index}: {s.error}" for s in sessions if s.error] == []
    assert sum(s.exception_elements for s in sessions) == 0
    spread = Counter(first.values())
    assert set(spread) == {"r1", "r2"} and min(spread.values()) >= READERS // 4, spread  # even: 6 and 6
    for s in sessions:
        if first[s.index] == "r1":  # stopped: one reconnect, to r2, and the map drawn again there
            assert s.reconnects >= 1 and len(s.draws) >= 2 and s.served_by == "r2", (s.index, s.log)
        else:  # untouched: one connection, one map, throughout
            assert s.reconnects == 0 and len(s.draws) == 1 and s.served_by == "r2", (s.index, s.log)
