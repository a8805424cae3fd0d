"""What changed since the report, through AppTest: `?since=`, the map's layer and its switch, the
panel with both days, the download, the Timeline's months, both languages, and the date change's time."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from test_app import all_text, english_left, map_args, on_map_part, run

from reportmap.change import ChangeMeasurer
from reportmap.mapprotocol import day_part
from reportmap.measured import load_overlay, load_series
from ui import change

ROOT = Path(__file__).resolve().parent.parent
REPORT_DATE = dt.date(2024, 11, 23)
NEWEST = load_series().last  # from the data: `python -m reportmap update` moves it


def change_data(part: dict | None) -> dict | None:
    """The change the day's part carries (maptransport.js draws it), or None."""
    return (part or {}).get("change")


def toggles(at) -> dict[str, bool]:
    return {toggle.key: toggle.value for toggle in at.toggle}


def test_the_report_dates_first_screen_is_as_it_was() -> None:
    """No switch, no panel, and the day's script byte for byte what it was: the day's outline alone."""
    at = run()
    assert not at.exception
    assert on_map_part(at) == json.loads(json.dumps(day_part(None, load_overlay())))
    assert "change_layer" not in toggles(at) and "What changed" not in all_text(at)
    assert "since" not in at.query_params


def test_a_later_day_shows_what_changed_since_the_report_on_the_map_and_in_the_panel() -> None:
    base = run()
    at = run(date="2026-01-01")
    assert not at.exception
    assert toggles(at)["change_layer"] is True  # on by default on a later day
    change = change_data(on_map_part(at))
    assert change is not None and change["taken"]["features"][0]["properties"]["to"] == "2026-01-01"
    assert "Taken by Russia, 23 Nov 2024 to 1 Jan 2026" in change["legend"]
    assert map_args(at) == map_args(base)  # the map itself is not sent again: the layer travels beside it
    text = all_text(at)
    assert "What changed, 23 Nov 2024 to 1 Jan 2026" in text
    assert "Between 23 Nov 2024 and 1 Jan 2026, by DeepStateMap's outlines of the two days, Russia took **4,848 km²**" \
        in text and "| Donetsk | 3,349.7 | 0.1 |" in text
    assert "**Ukraine's regions, summed** | **4,848.2** | **12.6** |" in text
    download = at.get("download_button")
    assert any(b.proto.label == "Download the change per region (CSV)" for b in download)


def test_a_selected_regions_details_say_what_it_took_and_lost_between_the_two_days() -> None:
    at = run(date="2026-01-01", region="UA-14")
    assert "Donetsk, 23 Nov 2024 to 1 Jan 2026 (DeepStateMap): 3,350 km² taken by Russia, 0.1 km² lost." \
        in all_text(at)
    at = run(date="2026-01-01", region="RU-KRS")  # Kursk is not measured: no such line
    assert not at.exception and "taken by Russia" not in all_text(at)


def test_the_switch_takes_the_layer_off_and_the_choice_stays_for_the_next_day() -> None:
    at = run(date="2026-01-01")
    at.toggle(key="change_layer").set_value(False).run()
    assert change_data(on_map_part(at)) is None
    assert {f["properties"]["date"] for f in on_map_part(at)["overlay"]["features"]} == {"2026-01-01"}  # it stays
    at.slider(key="date").set_value(dt.date(2026, 2, 1)).run()
    assert toggles(at)["change_layer"] is False and change_data(on_map_part(at)) is None
    assert "What changed, 23 Nov 2024 to 1 Feb 2026" in all_text(at)  # the panel still says it


def test_since_compares_any_two_days_through_the_address() -> None:
    at = run(date="2026-01-01", since="2025-06-01")
    assert not at.exception
    assert at.query_params["since"] == "2025-06-01"
    assert "What changed, 1 Jun 2025 to 1 Jan 2026" in all_text(at)
    assert "Taken by Russia, 1 Jun 2025 to 1 Jan 2026" in change_data(on_map_part(at))["legend"]
    at.slider(key="date").set_value(dt.date(2026, 2, 1)).run()  # the address keeps it
    assert at.query_params["since"] == "2025-06-01" and "What changed, 1 Jun 2025 to 1 Feb 2026" in all_text(at)
    at.switch_page("pages/method.py").run()
    at.switch_page("pages/map.py").run()
    assert at.query_params["since"] == "2025-06-01"


def test_since_on_the_reports_date_compares_from_a_day_before_it_and_a_day_without_a_file_says_so() -> None:
    at = run(since="2025-01-01", date="2025-06-01")
    assert "DeepStateMap has no file for 1 Jan 2025: the comparison uses 31 Dec 2024" in all_text(at)
    at = run(since="2024-09-01")  # the report's date shown, compared from an earlier day
    assert toggles(at)["change_layer"] is True and "What changed, 1 Sep 2024 to 23 Nov 2024" in all_text(at)


def test_a_day_before_the_report_tells_the_change_from_the_earlier_day_with_the_layer_off() -> None:
    at = run(date="2024-09-01")
    assert toggles(at)["change_layer"] is False and change_data(on_map_part(at)) is None
    assert "What changed, 1 Sep 2024 to 23 Nov 2024" in all_text(at)


@pytest.mark.parametrize(("since", "date"), [("2026-06-01", "2026-01-01"), ("2026-01-01", "2026-01-01")])
def test_since_not_before_the_day_shown_gives_a_note_and_compares_from_the_reports_date(since: str, date: str) -> None:
    at = run(date=date, since=since)
    assert not at.exception and not at.error
    text = all_text(at)
    assert "which is not before the day shown (1 Jan 2026): comparing with the report's date (23 Nov 2024)" in text
    assert "What changed, 23 Nov 2024 to 1 Jan 2026" in text


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30", "2099-01-01", "2020-02-24", "<b>x</b>"])
def test_a_since_that_is_no_measured_day_is_dropped_with_a_quiet_notice(value: str) -> None:
    at = run(date="2026-01-01", since=value)
    assert not at.exception and not at.error
    assert "since" not in at.query_params
    assert [t.value for t in at.toast] == ["That link's comparison day (`since`) is not a day DeepStateMap measured, "
                                           "written as YYYY-MM-DD; comparing from the report's date."]
    assert "What changed, 23 Nov 2024 to 1 Jan 2026" in all_text(at)


def test_the_change_in_ukrainian_leaves_no_english() -> None:
    at = run(date="2026-01-01", since="2025-06-01", lang="uk", region="UA-14")
    assert not at.exception
    text = all_text(at)
    assert "Що змінилося: 1 червня 2025 – 1 січня 2026" in text and "Росія захопила" in text
    assert english_left(text) == set()
    legend = change_data(on_map_part(at))["legend"]
    assert "Захоплено Росією, 1 червня 2025 – 1 січня 2026" in legend and english_left(legend) == set()


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_timeline_charts_the_months_taken_and_lost_with_since(lang: str) -> None:
    at = run(date="2026-01-01", since="2025-06-01", lang=lang)
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
    text = json.dumps(spec, ensure_ascii=False)
    taken, lost, axis = {"en": ("Taken by Russia", "Lost by Russia", "km² per month"),
                         "uk": ("Захоплено Росією", "Утрачено Росією", "км² за місяць")}[lang]
    assert taken in text and lost in text and axis in text
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["bar", "line"]
    caption = all_text(at)
    pair = {"en": "The days compared on the map, 1 Jun 2025 to 1 Jan 2026: 2,988 km² taken",
            "uk": "Дні, порівняні на мапі, 1 червня 2025 – 1 січня 2026: захоплено 2\xa0988 км²"}[lang]
    assert pair in caption
    if lang == "uk":
        assert english_left(caption) == set()


def test_a_pair_of_days_is_compared_once_and_each_days_outline_is_projected_once(monkeypatch) -> None:
    """The change is computed when asked for and cached per pair of days, each day's outline in the
    equal-area CRS per day: back and forth between two days, another region, another session with
    another `since`, and no pair is compared twice nor a day's outline read twice (counted, not timed:
    the time is bench/reruns.py's)."""
    first, second = dt.date(2025, 5, 7), dt.date(2025, 5, 14)  # days no other test asks for
    pairs, outlines = [], []
    between, day_parts = ChangeMeasurer.between, change.day_parts
    monkeypatch.setattr(ChangeMeasurer, "between", lambda self, start, a, end, b, **kw:
                        pairs.append((start, end)) or between(self, start, a, end, b, **kw))
    monkeypatch.setattr(change, "day_parts", lambda maps, day: outlines.append(day) or day_parts(maps, day))
    at = run(date=first.isoformat())
    for day in (second, first, second):
        at.slider(key="date").set_value(day).run()
    at.selectbox(key="region").set_value("UA-14").run()
    assert not at.exception and change_data(on_map_part(at))["taken"]["features"][0]["properties"]["to"] == "2025-05-14"
    again = run(date=second.isoformat(), since=first.isoformat())
    assert not again.exception and "What changed, 7 May 2025 to 14 May 2025" in all_text(again)
    assert [pair for pair in pairs if pair[1] in (first, second)] == [(REPORT_DATE, first), (REPORT_DATE, second),
                                                                      (first, second)]
    assert [day for day in outlines if day != REPORT_DATE] == [first, second]


def test_the_default_since_is_the_loaded_reports_date(tmp_path, monkeypatch) -> None:
    """Not a constant: a report of another date compares from that date (the page reads it from the data)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    report = tmp_path / "data" / "report.toml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("[report]\npublisher = \"V7N\"\nplace = \"Moscow\"\ndate = 2024-11-23",
                                   "[report]\npublisher = \"V7N\"\nplace = \"Moscow\"\ndate = 2025-03-03", 1),
                      encoding="utf-8")
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(tmp_path / "data"))
    at = run(date="2026-01-01")
    assert not at.exception and not at.error
    assert "What changed, 3 Mar 2025 to 1 Jan 2026" in all_text(at)
    assert "since" not in at.query_params


def test_the_method_page_explains_how_the_change_is_measured() -> None:
    at = run()
    at.switch_page("pages/method.py").run()
    assert not at.exception
    text = all_text(at)
    assert "What changed between two days" in text
    assert "same equal-area projection and regional boundaries as the daily figures" in text
    assert "`?since=YYYY-MM-DD`" in text
