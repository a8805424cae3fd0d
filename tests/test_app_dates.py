"""The date control through AppTest: the address, the slider, the way back, play, and what follows the day."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import altair as alt
import pyarrow as pa
import pytest
from test_app import all_text, english_left, map_args, on_map_part, run

from reportmap.measured import load_series
from reportmap.texts import fmt_date, fmt_days

REPORT_DATE = dt.date(2024, 11, 23)
LATER = dt.date(2026, 1, 1)


def tips(day: dict) -> dict[str, str]:
    """The tooltips a day's part gives each region (empty when it restores the map's own)."""
    assert day and "patch" in day, "no day's part beside the map"
    if day["patch"] is None:
        return {}
    return {region: values["tip"] for region, values in day["patch"]["regions"].items()}


def test_the_report_date_is_the_default_and_stays_out_of_the_address() -> None:
    at = run()
    assert not at.exception
    slider = at.slider(key="date")
    assert slider.value == REPORT_DATE
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert [epoch + dt.timedelta(microseconds=v) for v in (slider.min, slider.max)] == [
        dt.datetime(2024, 7, 8, tzinfo=dt.UTC), dt.datetime.combine(load_series().last, dt.time(), dt.UTC)]  # every day
    assert "date" not in at.query_params
    assert at.button(key="date_report").disabled
    assert tips(on_map_part(at)) == {}  # the map as built: the report's date


def test_a_link_with_a_date_shows_that_day_and_says_how_far_it_is_from_the_report() -> None:
    base = run()
    at = run(date="2026-01-01", region="UA-14")
    assert not at.exception
    assert at.slider(key="date").value == LATER and at.query_params["date"] == "2026-01-01"
    text = all_text(at)
    assert "the report (23 Nov 2024) is 13 months older than this measurement" in text
    assert "Measured on 1 Jan 2026 (DeepStateMap), together: **88.1%**" in text  # the pair, that day
    assert "More than 80% of Donetsk and Luhansk regions" in text  # the report's words, unchanged
    # The map itself is the report date's, byte for byte: only the part beside it differs.
    assert map_args(at) == map_args(base)
    day = on_map_part(at)
    assert "Measured on 1 Jan 2026, together: 88.1%" in tips(day)["UA-14"]
    dates = {feature["properties"]["date"] for feature in day["overlay"]["features"]}  # the day's outline
    assert dates == {"2026-01-01"} and {f["properties"]["date"] for f in on_map_part(base)["overlay"]["features"]} == {
        "2024-11-23"}


def test_a_day_without_a_file_says_which_day_it_shows() -> None:
    at = run(date="2025-01-01")
    assert not at.exception
    assert "DeepStateMap has no file for 1 Jan 2025: showing 31 Dec 2024, the nearest earlier day" in all_text(at)
    assert at.slider(key="date").value == dt.date(2025, 1, 1) and at.query_params["date"] == "2025-01-01"


@pytest.mark.parametrize("value", ["2025-02-30", "2025-1-1", "yesterday", "<script>alert(1)</script>",
                                   "2025-01-01'--", "9" * 3000, "+2030-01-01"])
def test_hostile_dates_are_dropped_with_a_quiet_notice(value: str) -> None:
    at = run(date=value)
    assert not at.exception and not at.error
    assert "date" not in at.query_params
    assert [t.value for t in at.toast] == [
        "That link's date is not a day written as YYYY-MM-DD; showing the report's date."]
    assert at.slider(key="date").value == REPORT_DATE
    assert value not in all_text(at)


NEWEST = load_series().last  # from the data: `python -m reportmap update` moves it
RANGE = f"8 Jul 2024 to {fmt_date(NEWEST)}"
AFTER_NEWEST = NEWEST + dt.timedelta(days=103)


@pytest.mark.parametrize(("value", "shown", "note"), [
    ("2030-01-01", NEWEST,
     f"no measurement for 1 Jan 2030, after its days ({RANGE}): showing the newest, {fmt_date(NEWEST)}"),
    (AFTER_NEWEST.isoformat(), NEWEST,
     f"no measurement for {fmt_date(AFTER_NEWEST)}, after its days ({RANGE}): showing the newest, {fmt_date(NEWEST)}"),
    ("2024-07-07", dt.date(2024, 7, 8),
     f"no measurement for 7 Jul 2024, before its days ({RANGE}): showing the first, 8 Jul 2024."),
    ("1900-01-01", dt.date(2024, 7, 8), "no measurement for 1 Jan 1900, before its days"),
])
def test_a_link_outside_the_range_opens_its_end_with_a_lasting_note_naming_the_range(
        value: str, shown: dt.date, note: str) -> None:
    at = run(date=value)
    assert not at.exception and not at.error and not at.toast  # no notice that vanishes
    assert at.slider(key="date").value == shown and at.query_params["date"] == shown.isoformat()
    assert note in all_text(at)
    at.toggle(key="occupied").set_value(False).run()  # another run, the same day: the note stays
    assert note in all_text(at)
    at.slider(key="date").set_value(dt.date(2025, 6, 1)).run()  # another day: it has done its work
    assert "no measurement for" not in all_text(at)


def test_the_page_says_which_day_is_the_newest_measured_and_how_old_it_is_today(monkeypatch) -> None:
    monkeypatch.setenv("REPORTMAP_TODAY", AFTER_NEWEST.isoformat())
    assert (f"Newest measurement: {fmt_date(NEWEST)}, 103 days before today ({fmt_date(AFTER_NEWEST)})."
            in all_text(run()))
    ten = NEWEST + dt.timedelta(days=10)
    monkeypatch.setenv("REPORTMAP_TODAY", ten.isoformat())
    assert f"Newest measurement: {fmt_date(NEWEST)}, 10 days before today ({fmt_date(ten)})." in all_text(run())
    uk = all_text(run(lang="uk"))
    assert f"Найновіший вимір: {fmt_date(NEWEST, 'uk')}, за 10 днів до сьогодні ({fmt_date(ten, 'uk')})." in uk
    monkeypatch.delenv("REPORTMAP_TODAY")  # unset: the real date, whatever day the test runs
    today = dt.datetime.now(dt.UTC).date()
    assert (f"{fmt_date(NEWEST)}, {fmt_days((today - NEWEST).days)} before today ({fmt_date(today)})."
            in all_text(run()))


def present_650(text: str, date: str = "23 Nov 2024") -> list[str]:
    """Lines that state the report's 650 km² without its date, or in the present tense."""
    lines = re.sub(r"<[^>]+>", "\n", text).splitlines()
    return [line for line in lines if "650" in line
            and (date not in line or re.search(r"\bholds\b|утримує", line))]


def test_kursk_on_a_later_day_shows_whats_published_by_then_never_650_as_current() -> None:
    at = run(date=NEWEST.isoformat(), region="RU-KRS")
    assert not at.exception
    text = all_text(at)
    assert present_650(text) == []
    assert "the report, 23 Nov 2024" in text and "Ukraine held ≈650 km²" in text
    assert ("7 Aug 2025, Oleksandr Syrskyi, Ukraine's commander-in-chief, in an interview with TSN "
            "(Ukraine's claim)") in text
    assert "about 50 km² on the territory of the Russian Federation" in text and "tsn.ua/ato/" in text
    assert "26 Apr 2025, Valery Gerasimov" in text and "(Russia's claim)" in text
    assert "Nothing published after 7 Aug 2025 is held here." in text
    mid = all_text(run(date="2025-07-01", region="RU-KRS"))
    assert "about 90 km² in the Glushkovo district" in mid and "pravda.com.ua/eng/news/2025/06/22" in mid
    assert "does not cover Kursk" in text
    day = on_map_part(at)
    kursk = html.unescape(tips(day)["RU-KRS"])
    assert present_650(kursk) == [] and "about 50 km²" in kursk and "(Russia's claim): the whole region" in kursk
    legend = day["patch"]["legend"]
    assert "650" in legend and present_650(legend) == []


def test_kursk_before_any_published_figure_says_none_is_held_and_on_the_reports_date_quotes_it() -> None:
    early = all_text(run(date="2024-07-10", region="RU-KRS"))
    assert "No published figure for the foothold by 10 Jul 2024 is held here." in early
    assert present_650(early) == [] and "Syrskyi" not in early  # nothing is shown before its day
    on_date = all_text(run(region="RU-KRS"))
    assert "Ukraine holds approximately 650 square kilometres" in on_date  # the report's words, on its date
    assert "23 Nov 2024, a source in Ukraine's General Staff" in on_date and "22 Nov 2024, DeepState" in on_date
    assert "2025" not in on_date.split("Kursk Oblast (Russia)")[1].split("Russia's conditions")[0]


def test_moving_the_slider_writes_the_address_and_the_button_goes_back() -> None:
    at = run()
    at.slider(key="date").set_value(dt.date(2025, 6, 1)).run()
    assert at.query_params["date"] == "2025-06-01"
    assert "Measured on 1 Jun 2025" in all_text(at)
    assert not at.button(key="date_report").disabled
    at.button(key="date_report").click().run()
    assert "date" not in at.query_params and at.slider(key="date").value == REPORT_DATE
    assert "older than this measurement" not in all_text(at)


def test_the_day_survives_a_page_switch_and_the_method_page_follows_it() -> None:
    at = run(date="2026-01-01")
    at.switch_page("pages/method.py").run()
    assert not at.exception
    text = all_text(at)
    assert "The figures and regions are those measured on 1 Jan 2026" in text
    assert "13 months older" in text
    # the day's figures and regions, every day's series, and the verdicts (CSV and ClaimReview)
    assert len(at.get("download_button")) == 5


def test_play_starts_and_pauses_and_never_runs_by_itself() -> None:
    at = run()
    assert at.button(key="play").proto.label == "Play by week"
    at.button(key="play").click().run()
    assert at.button(key="play").proto.label == "Pause"
    at.button(key="play").click().run()
    assert at.button(key="play").proto.label == "Play by week"
    assert at.slider(key="date").value == REPORT_DATE  # AppTest runs no timer: the day has not moved


def test_the_region_panel_charts_its_share_over_time_with_a_text_alternative() -> None:
    at = run(region="UA-14", lang="uk")
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # Ukrainian numbers on the axes
    alt.LayerChart.from_dict(spec, validate=True)  # a valid Vega-Lite spec (the page skips Altair's check)
    text = all_text(at)
    assert "Донецька область, виміряна частка: 58,8% на 8 липня 2024, 64,9% на дату повідомлення" in text


def test_the_timeline_charts_the_total_with_the_reports_figures_marked() -> None:
    at = run(date="2026-01-01")
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 4  # the events, the total in km² and in % of Ukraine, the months' change
    km2 = json.dumps(specs[1], ensure_ascii=False)
    assert "The report: over 100,000 km²" in km2 and "The report's date (23 Nov 2024)" in km2
    assert "Chosen day (1 Jan 2026)" in km2
    assert "The report: roughly 18%" in json.dumps(specs[2], ensure_ascii=False)
    text = all_text(at)
    assert "109,538 km² on the report's date (23 Nov 2024)" in text


def _lines(chart) -> dict[str, dict[str, float]]:
    """A Timeline chart's drawn lines, {label: {day: value}}: its first layer's data, which Streamlit
    sends beside the spec as an Arrow table."""
    name = json.loads(chart.proto.spec)["layer"][0]["data"]["name"]
    [table] = [d.data.data for d in chart.proto.datasets if d.name == name]
    frame = pa.ipc.open_stream(table).read_pandas()
    lines: dict[str, dict[str, float]] = {}
    for row in frame.itertuples():
        lines.setdefault(row.what, {})[row.day] = row.value
    return lines


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_timelines_share_is_one_measure_per_label_on_axes_from_zero(lang: str, loaded) -> None:
    at = run(lang=lang)
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    _, km2_chart, pct_chart, _months = at.get("vega_lite_chart")  # the events first, the months last
    km2, pct = json.loads(km2_chart.proto.spec), json.loads(pct_chart.proto.spec)
    for spec in (km2, pct):  # axes that do not exaggerate: both start at zero
        assert spec["layer"][0]["encoding"]["y"]["scale"] == {"zero": True}
        alt.LayerChart.from_dict(spec, validate=True)
    shares, totals = _lines(pct_chart), _lines(km2_chart)
    en = lang == "en"
    named = ("Measured: the 6 regions the report's share is said of (its verdict's measure)" if en
             else "Виміряно: регіони, про які повідомлення наводить частку (6; міра його висновку)")
    summed = ("Measured: all of Ukraine's regions, summed (DeepStateMap)" if en
              else "Виміряно: усі регіони України разом (DeepStateMap)")
    assert sorted(shares) == sorted([named, summed]) and list(totals) == [summed]
    # Each line is the measure its label names, and the verdict's line is the verdict's number.
    measurement, check = loaded.measurement, loaded.check
    assert shares[named]["2024-11-23"] == round(check.share.measured, 2)  # the six regions the report names
    assert shares[summed]["2024-11-23"] == round(measurement.ukraine_share, 2)  # every Ukrainian region
    assert totals[summed]["2024-11-23"] == round(check.area.measured, 1) == round(measurement.ukraine_km2, 1)
    assert round(check.share.measured, 1) == 18.1 and round(measurement.ukraine_share, 1) == 18.3
    text = all_text(at)
    if en:
        assert "The report: roughly 18%, said of the regions it names" in json.dumps(pct, ensure_ascii=False)
        assert ("18.1% on the report's date (23 Nov 2024), 18.9% on 22 Aug 2026: +1.1 percentage points over the "
                "whole range. On the report's date, all of Ukraine's regions summed: 18.3%; the occupied polygon's "
                "own total: 18.6% of Ukraine's area. The axis starts at zero.") in text
        assert "+7,430 km² over the whole range" in text
        assert "polygon's own total on the report's date: 111,255 km²" in text
    else:
        assert "+1,1 в. п. за весь період" in text and "власна площа окупованого полігона: 18,6%" in text


def test_the_timelines_share_line_is_the_verdicts_measure(loaded) -> None:
    """The chart's line and the Method page's verdict come from one function (checks.share_measured)."""
    from reportmap.checks import check_report, share_measured

    check = check_report(loaded.published, loaded.areas, loaded.measurement)
    assert check.share.measured == share_measured(loaded.published, loaded.measurement)
    assert round(check.share.measured, 1) == 18.1 and round(loaded.measurement.ukraine_share, 1) == 18.3


def test_another_day_in_ukrainian_leaves_no_english() -> None:
    at = run(date="2025-01-01", region="UA-14", lang="uk")
    assert not at.exception
    text = all_text(at)
    assert "DeepStateMap не має файлу за 1 січня 2025: показано 31 грудня 2024" in text
    assert "повідомлення (23 листопада 2024) старше за це вимірювання на 1 місяць" in text
    assert english_left(text) == set()
    assert at.slider(key="date").label == "День вимірювання (DeepStateMap)"
    assert at.button(key="play").proto.label == "Відтворити по тижнях"


def test_kursk_and_a_link_after_the_range_in_ukrainian_leave_no_english() -> None:
    at = run(date="2030-01-01", region="RU-KRS", lang="uk")
    assert not at.exception
    text = all_text(at)
    assert "DeepStateMap не має виміру за 1 січня 2030, пізніше за його дні" in text
    assert "Повідомлення від 23 листопада 2024: Україна утримувала ≈650 км²" in text
    assert "7 серпня 2025, Олександр Сирський" in text and present_650(text, "23 листопада 2024") == []
    assert english_left(text) == set()
    assert english_left(re.sub(r"<[^>]+>", " ", tips(on_map_part(at))["RU-KRS"])) == set()


def test_every_address_parameter_survives_a_page_switch_through_the_one_binder() -> None:
    at = run(region="UA-14", date="2026-01-01", scenario="hinted-withdrawal", reading="measured")
    at.switch_page("pages/method.py").run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert {key: at.query_params[key] for key in ("region", "date", "scenario", "reading")} == {
        "region": "UA-14", "date": "2026-01-01", "scenario": "hinted-withdrawal", "reading": "measured"}
    assert at.selectbox(key="region").value == "UA-14" and at.slider(key="date").value == LATER
    at.selectbox(key="region").set_value(None).run()  # cleared in the list: no region, none in the address
    assert "region" not in at.query_params and on_map_part(at, "selection") is None
