"""The protocol-level load test's pure parts (bench/protocol.py, bench/burst.py, bench/burst_report.py),
and the two settings that cut a reader's cost (issue 24): no server, no browser."""

from __future__ import annotations

import tomllib

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.burst import query_of, server_env
from bench.burst_report import burst_summary, check_budgets, format_soak, highest_rate, percentile, soak_verdict
from bench.protocol import (
    MAP,
    TEXT,
    CacheMiss,
    Session,
    _frame,
    _received,
    answers_asked,
    is_error_box,
    linked_files,
    rerun_message,
)
from tests.support.harness import ROOT


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([], 95) is None
    assert percentile([3.0], 95) == 3.0
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile(list(range(101)), 95) == 95


def _raw(app: str, times: list[float | None], cpu_s: float, rss: tuple[float, float, float], errors=()) -> dict:
    before, open_, peak = rss
    results = [{"time_to_target": t, "error": "boom" if i in errors else None, "error_elements": 0}
               for i, t in enumerate(times)]
    return {"app": app, "sessions": len(times), "over_s": 10.0, "results": results, "cpu_s": cpu_s,
            "rss_before": before, "rss_open": open_, "rss_peak": peak}


def test_a_burst_summary_counts_errors_and_leaves_them_out_of_the_times() -> None:
    summary = burst_summary(_raw("ours", [1.0, 2.0, 30.0, None], 0.8, (200, 202, 240), errors={2}))
    assert summary["p50_s"] == 1.5 and summary["max_s"] == 2.0
    assert summary["errors"] == 1 and summary["first_errors"] == ["boom"]
    assert summary["cpu_ms_per_session"] == 200
    assert summary["mib_per_session"] == 0.5
    assert summary["within"] is False  # an error: not within, whatever the times


def test_the_budgets_compare_ours_with_the_blank_page_of_the_same_burst() -> None:
    blank = burst_summary(_raw("blank", [1.0] * 10, 1.0, (50, 51, 60)))
    ours = burst_summary(_raw("ours", [1.4] * 10, 2.1, (200, 206, 400)))
    verdicts = {name.split(": ", 1)[1]: verdict for name, _, verdict in check_budgets([blank, ours])}
    assert list(verdicts.values()) == ["PASS", "PASS", "FAIL", "PASS", "FAIL"]  # CPU 2.1x; 0.6 MiB a session
    alone = check_budgets([ours])  # no blank page in the run: the ratios cannot be judged
    assert [verdict for _, _, verdict in alone] == ["PASS", "N/A", "N/A", "PASS", "FAIL"]


def test_the_highest_rate_is_the_last_before_the_first_failure() -> None:
    steps = [{"rate": 2, "within": True}, {"rate": 4, "within": True}, {"rate": 6, "within": False},
             {"rate": 8, "within": True}]
    assert highest_rate(steps) == 4
    assert highest_rate([{"rate": 2, "within": False}]) is None


def test_the_soak_holds_when_the_last_wave_settles_within_a_tenth_of_the_first() -> None:
    wave = lambda rss, errors=0: {"rss_settled": rss, "errors": errors}  # noqa: E731
    assert soak_verdict([wave(300), wave(320), wave(329)]) == (pytest.approx(329 / 300), "PASS")
    assert soak_verdict([wave(300), wave(331)])[1] == "FAIL"
    assert soak_verdict([wave(300), wave(300, errors=1)])[1] == "FAIL"
    assert soak_verdict([wave(300)]) == (None, "N/A")


def test_the_soak_reports_each_waves_cost_per_session() -> None:
    waves = [{"wave": 1, "errors": 0, "p95_s": 1.5, "cpu_ms": 140.4, "rss_open": 240.0, "rss_settled": 238.0},
             {"wave": 2, "errors": 0, "p95_s": 2.0, "cpu_ms": None, "rss_open": 241.0, "rss_settled": 239.0}]
    table = format_soak({"waves": waves}).splitlines()
    assert table[0].split(" | ")[3] == "server CPU per session, ms"
    assert table[2] == "| 1 | 0 | 1.50 | 140 | 240 | 238 |"
    assert table[3] == "| 2 | 0 | 2.00 | – | 241 | 239 |"


def test_the_rerun_message_is_the_one_a_browser_sends_first() -> None:
    msg = BackMsg()
    msg.ParseFromString(rerun_message("http://127.0.0.1:8501/", "region=UA-14"))
    assert msg.WhichOneof("type") == "rerun_script"
    assert msg.rerun_script.query_string == "region=UA-14"
    assert msg.rerun_script.context_info.url == "http://127.0.0.1:8501/?region=UA-14"
    assert not msg.rerun_script.widget_states.widgets


def test_the_maps_answer_is_sent_as_the_frame_sends_it_a_widget_value_of_the_element_that_asked() -> None:
    day, selection = ForwardMsg(), ForwardMsg()
    day.delta.new_element.component_instance.id = "$$ID-day-on_map_day"
    day.delta.new_element.component_instance.json_args = (
        '{"part": "day", "tellDrawn": {"value": "drawn", "latestMs": 3000}}')
    selection.delta.new_element.component_instance.json_args = '{"part": "selection", "tellDrawn": null}'
    asked = answers_asked(day.delta.new_element.component_instance)
    assert asked == {"$$ID-day-on_map_day": "drawn"}
    assert answers_asked(selection.delta.new_element.component_instance) == {}
    msg = BackMsg()
    msg.ParseFromString(rerun_message("http://127.0.0.1:8501/", "region=UA-14", asked))
    [widget] = msg.rerun_script.widget_states.widgets
    assert (widget.id, widget.json_value) == ("$$ID-day-on_map_day", '"drawn"')
    assert msg.rerun_script.query_string == "region=UA-14"


def test_a_run_is_asked_for_with_the_hashes_of_the_messages_the_reader_holds() -> None:
    msg = BackMsg()
    msg.ParseFromString(rerun_message("http://127.0.0.1:8501/", "", cached={"b2": b"", "a1": b""}))
    assert list(msg.rerun_script.cached_message_hashes) == ["a1", "b2"]
    msg.ParseFromString(rerun_message("http://127.0.0.1:8501/"))
    assert not msg.rerun_script.cached_message_hashes


def test_a_reference_is_read_as_the_message_it_names_as_the_browser_reads_it() -> None:
    session = Session(0)
    element = ForwardMsg(hash="h1")
    element.metadata.cacheable = True
    element.delta.new_element.component_instance.component_name = "streamlit_folium.st_folium"
    small = ForwardMsg(hash="h2")  # not cacheable: not kept
    small.delta.new_element.markdown.body = "text"
    for msg in (element, small):
        _received(session, msg.SerializeToString())
    assert set(session.cache) == {"h1"}
    again = _received(session, ForwardMsg(ref_hash="h1").SerializeToString())
    assert MAP.matches(again) and session.references == 1
    with pytest.raises(CacheMiss, match="h2"):
        _received(session, ForwardMsg(ref_hash="h2").SerializeToString())


def test_targets_recognise_the_map_and_the_text() -> None:
    folium, text, other = ForwardMsg(), ForwardMsg(), ForwardMsg()
    folium.delta.new_element.component_instance.component_name = "streamlit_folium.st_folium"
    text.delta.new_element.markdown.body = "Blank page"
    other.delta.new_element.component_instance.component_name = "ui.mapcomponent.reportmap_on_map"
    assert MAP.matches(folium) and not MAP.matches(other) and not MAP.matches(text)
    assert TEXT.matches(text) and not TEXT.matches(folium)


def test_exception_and_error_boxes_are_counted_and_nothing_else() -> None:
    exception, error, warning, text = ForwardMsg(), ForwardMsg(), ForwardMsg(), ForwardMsg()
    exception.delta.new_element.exception.message = "boom"
    error.delta.new_element.alert.body = "The data file ... is wrong"
    error.delta.new_element.alert.format = 1  # ERROR
    warning.delta.new_element.alert.format = 2  # WARNING
    text.delta.new_element.markdown.body = "fine"
    assert [is_error_box(m) for m in (exception, error, warning, text)] == [True, True, False, False]


def test_a_page_s_linked_files_are_found_in_order_once() -> None:
    html = ('<link href="./favicon.png"><script src="./static/js/index.js"></script>'
            '<link href="./static/css/a.css"><link href="./static/js/index.js"><script src="./main.js"></script>'
            '<a href="https://example.org/static/x.js">')
    assert linked_files(html) == ["static/js/index.js", "static/css/a.css", "main.js"]


def test_a_client_frame_is_masked_binary_with_its_length() -> None:
    for size in (5, 300, 70_000):
        frame = _frame(b"x" * size)
        assert frame[0] == 0x82 and frame[1] & 0x80  # FIN + binary; masked
        header = {5: 2, 300: 4, 70_000: 10}[size]
        mask = frame[header:header + 4]
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(frame[header + 4:]))
        assert body == b"x" * size


def test_every_other_reader_of_ours_opens_a_region_link() -> None:
    assert [query_of("ours", i) for i in range(4)] == ["", "region=UA-14", "", "region=UA-65"]
    assert query_of("blank", 1) == ""


def test_the_server_environment_caps_malloc_arenas(tmp_path) -> None:
    assert server_env()["MALLOC_ARENA_MAX"] == "2"
    env = tmp_path / "server.env"
    env.write_text("# a comment\n\nA=1\n B = two=2 \n", encoding="utf-8")
    assert server_env(env) == {"A": "1", "B": "two=2"}
    assert server_env(tmp_path / "missing.env") == {}
    assert ". deploy/server.env" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_streamlit_does_not_collect_all_garbage_after_every_run() -> None:
    """The full collection after each run cost 100 ms of CPU per reader and per rerun (issue 24)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
