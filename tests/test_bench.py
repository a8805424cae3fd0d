"""The benchmark's pure parts (no browser, no server) and its harness's small helpers."""

from __future__ import annotations

import importlib
import zlib

import pytest

from bench.report import BUDGET_FIRST_SCREEN_KIB, KIB, check_budgets, summarize
from bench.wire import classify_url, first_screen_bytes, ws_wire_bytes
from tests.support import harness

ORIGIN = "http://127.0.0.1:8501"


def test_urls_are_told_apart_by_what_they_serve() -> None:
    assert classify_url(f"{ORIGIN}/component/streamlit_folium/index.html", ORIGIN) == "map"
    assert classify_url(f"{ORIGIN}/app/static/leaflet/leaflet.js", ORIGIN) == "map"
    assert classify_url(f"{ORIGIN}/media/abc.csv", ORIGIN) == "media"
    assert classify_url(f"{ORIGIN}/static/js/index.js", ORIGIN) == "streamlit"
    assert classify_url("data:image/png;base64,AAAA", ORIGIN) == "inline"
    assert classify_url("http://127.0.0.1:9999/component/x.js", ORIGIN) == "external"  # another port
    assert classify_url("https://unpkg.com/leaflet.js", ORIGIN) == "external"


def test_first_screen_bytes_count_one_kind_and_every_fetch() -> None:
    fetched = [(f"{ORIGIN}/component/a.js", 10), (f"{ORIGIN}/static/b.js", 5), (f"{ORIGIN}/component/a.js", 3)]
    assert first_screen_bytes(fetched, ORIGIN) == (13, {"/component/a.js": 13})
    assert first_screen_bytes(fetched, ORIGIN, "media") == (0, {})


def test_websocket_wire_bytes_follow_the_negotiated_compression() -> None:
    payload = b"the same words again " * 20
    assert ws_wire_bytes([payload], None) == [len(payload) + 4]  # 420 bytes: a 4-byte header
    first, second = ws_wire_bytes([payload, payload], "permessage-deflate")
    encoder = zlib.compressobj(wbits=-15, memLevel=5)
    assert first == len(encoder.compress(payload) + encoder.flush(zlib.Z_SYNC_FLUSH)) - 4 + 2
    assert second < first  # the context is kept: the repeat costs almost nothing
    fresh = ws_wire_bytes([payload, payload], "permessage-deflate; server_no_context_takeover")
    assert fresh[0] == fresh[1] == first


def test_summaries_and_budgets() -> None:
    assert summarize([3, None, 1, 2]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    assert summarize([]) == {"median": None, "min": None, "max": None, "n": 0}
    ms = lambda value: {"median": value}  # noqa: E731
    summary = {"time_to_screen_ms": {"peer": ms(2000.0), "floor": ms(1000.0), "ours": ms(1150.0)},
               "first_screen_bytes": {"ours": ms(BUDGET_FIRST_SCREEN_KIB * KIB)},
               "rerun_ms": {"ours": ms(60.0)}}
    verdicts = [budget.verdict for budget in check_budgets(summary)]
    # 1,150 > 1.10 x 1,000; <= 0.90 x 2,000; exactly on the byte budget; rerun over; no date change.
    assert verdicts == ["FAIL", "PASS", "PASS", "FAIL", "N/A"]


def test_a_log_tail_keeps_the_end(tmp_path) -> None:
    log = tmp_path / "server.log"
    log.write_text("x" * 50 + "THE END", encoding="utf-8")
    assert harness.log_tail(log, limit=10).endswith("THE END")
    assert harness.log_tail(tmp_path / "missing.log").startswith("(server log unreadable")


def test_chromium_flags_are_the_ones_this_machine_needs() -> None:
    assert set(harness.chromium_args()) == {"--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                            "--disable-component-update"}
    assert harness.LOOPBACK_ONLY in harness.chromium_args(loopback_only=True)


# The benchmark's commands, each run by `make` (bench, load-check, lighthouse, bench-claims) and by no
# test: an import that breaks (a name moved or removed elsewhere) would otherwise be found only by
# the next person who runs one. The apps (*_app.py) are Streamlit scripts, run by a server, not imported.
BENCH_MODULES = sorted(path.stem for path in (harness.ROOT / "bench").glob("*.py")
                       if path.stem != "__init__" and not path.stem.endswith("_app"))


@pytest.mark.parametrize("module", BENCH_MODULES)
def test_every_benchmark_module_imports(module: str) -> None:
    importlib.import_module(f"bench.{module}")
