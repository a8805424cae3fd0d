"""The time dimension, without Streamlit: the address's day, the nearest-day rule, every day's map,
the report's figures held at its date while the measurement follows the day, and the map's day script."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest

from reportmap.errors import DataError
from reportmap.exports import series_csv
from reportmap.mapprotocol import day_part, js_source
from reportmap.mapstyle import occupied_style
from reportmap.mapview import MapOptions, build_map, day_patch, map_features
from reportmap.measured import (
    DAILY_MAPS_FILE,
    OVERLAY_FILE,
    load_daily_maps,
    load_overlay,
    load_series,
    parse_day,
    place_day,
)
from reportmap.pipeline import Files, load, overlay_on
from reportmap.regions import figures
from reportmap.scenarios import ColourBy
from reportmap.texts import day_note, fmt_gap, months_apart

REPORT_DATE = dt.date(2024, 11, 23)
FIRST = dt.date(2024, 7, 8)
LAST = load_series().last  # the newest day comes from the data
LATER = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def later():
    return load(day=LATER)


# --- the address's day ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2024-11-23", "2024-07-08", LAST.isoformat(), "2025-01-01"])
def test_a_real_day_in_range_is_taken(loaded, text: str) -> None:
    assert parse_day(text, loaded.series) == dt.date.fromisoformat(text)


@pytest.mark.parametrize("text", [
    "2024-07-07",  # the day before the first file
    "2026-08-23",  # the day after the last
    "2030-01-01",  # the future
    "1900-01-01",
    "2025-02-30",  # no such day
    "2025-13-01",
    "2025-1-1",  # not YYYY-MM-DD
    "20250101",
    "2025-01-01T00:00",
    " 2025-01-01",
    "",
    "<script>alert(1)</script>",
    "2025-01-01<img src=x onerror=alert(1)>",
    "٢٠٢٥-٠١-٠١",  # other digits that fromisoformat might read
    "9" * 5000,
])
def test_anything_else_is_refused(loaded, text: str) -> None:
    assert parse_day(text, loaded.series) is None


# --- the nearest-day rule, through the pipeline ------------------------------------------------


def test_a_missing_day_takes_the_nearest_earlier_one() -> None:
    loaded = load(day=dt.date(2025, 1, 1))  # no file that day
    assert loaded.found.asked == dt.date(2025, 1, 1) and not loaded.found.exact
    assert loaded.measurement.date == dt.date(2024, 12, 31)
    two_missing = load(day=dt.date(2024, 8, 19))  # 18 and 19 August both missing
    assert two_missing.measurement.date == dt.date(2024, 8, 17)


@pytest.mark.parametrize("day", [FIRST - dt.timedelta(days=1), LAST + dt.timedelta(days=1)])
def test_a_day_outside_the_series_is_a_data_error(day: dt.date) -> None:
    with pytest.raises(DataError, match="outside"):
        load(day=day)


def test_the_report_stays_at_its_date_while_the_measurement_follows_the_day(loaded, later) -> None:
    assert later.published == loaded.published
    assert later.check.date == LATER and loaded.check.date == REPORT_DATE
    donetsk, then = figures(later.joined)["UA-14"], figures(loaded.joined)["UA-14"]
    assert donetsk.wording == then.wording and donetsk.statement == then.statement
    assert donetsk.measured.date == LATER
    assert donetsk.measured.share == pytest.approx(later.measurement.share(["UA-14"]))
    assert donetsk.measured.share > then.measured.share + 5
    assert later.check.area.measured > loaded.check.area.measured  # the totals' measurement moves too
    # "Over 100,000 km²" against every Ukrainian region, as the rule says, not only those the report
    # names: on 1 Jan 2026 parts of Dnipropetrovsk and Sumy were occupied too.
    named = {r for statement in later.published.statements for r in statement.regions}
    assert later.check.area.measured == pytest.approx(later.measurement.ukraine_km2)
    assert later.check.area.measured - later.measurement.km2(named) == pytest.approx(166.4 + 179.3, abs=0.2)


# --- every day's map -----------------------------------------------------------------------------


def test_every_measured_day_has_a_map_and_the_report_date_is_its_own_file(loaded) -> None:
    maps = load_daily_maps()
    assert maps.days == tuple(m.date for m in loaded.series.days)
    assert maps.on(REPORT_DATE) == load_overlay()
    assert maps.on(LATER) != maps.on(REPORT_DATE)


def test_the_overlay_comes_from_the_report_dates_file_on_that_day(loaded) -> None:
    asked: list[Path] = []

    def report_map(path: Path) -> dict:
        asked.append(path)
        return load_overlay(path)

    def daily(path: Path):
        asked.append(path)
        return load_daily_maps(path)

    overlay_on(Files(), REPORT_DATE, REPORT_DATE, report_map=report_map, daily_maps=daily)
    assert asked == [OVERLAY_FILE]  # the first screen never reads the archive of every day
    day = overlay_on(Files(), LATER, REPORT_DATE, report_map=report_map, daily_maps=daily)
    assert asked[-1] == DAILY_MAPS_FILE and day["features"][0]["properties"]["date"] == "2026-01-01"


def test_a_day_without_a_map_is_a_data_error() -> None:
    with pytest.raises(DataError, match="has no map"):
        load_daily_maps().on(dt.date(2025, 1, 1))


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:xz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_broken_archives_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_daily_maps(tmp_path / "none.tar.xz")
    (tmp_path / "text.tar.xz").write_text("not an archive", encoding="utf-8")
    with pytest.raises(DataError, match="not a readable"):
        load_daily_maps(tmp_path / "text.tar.xz")
    with pytest.raises(DataError, match="not a day's map"):
        load_daily_maps(_archive(tmp_path / "stray.tar.xz", {"../evil.geojson": b"{}"}))
    with pytest.raises(DataError, match="holds no day"):
        load_daily_maps(_archive(tmp_path / "empty.tar.xz", {}))
    bad = load_daily_maps(_archive(tmp_path / "bad.tar.xz", {"occupied-2025-01-02.geojson": b"{nope"}))
    with pytest.raises(DataError, match="not valid GeoJSON"):
        bad.on(dt.date(2025, 1, 2))
    point = json.dumps({"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 50]}}).encode()
    with pytest.raises(DataError, match="not a polygon"):
        load_daily_maps(_archive(tmp_path / "point.tar.xz", {"occupied-2025-01-02.geojson": point})).on(
            dt.date(2025, 1, 2))


# --- how far apart, in words -------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "months"), [
    (REPORT_DATE, LATER, 13),
    (REPORT_DATE, dt.date(2024, 12, 22), 0),
    (REPORT_DATE, dt.date(2024, 12, 23), 1),
    (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 0),
    (REPORT_DATE, REPORT_DATE, 0),
])
def test_months_apart(a: dt.date, b: dt.date, months: int) -> None:
    assert months_apart(a, b) == months


def test_the_gap_in_both_languages() -> None:
    assert fmt_gap(REPORT_DATE, LATER) == "13 months"
    assert fmt_gap(LATER, REPORT_DATE, "uk") == "13 місяців"  # order does not matter
    assert fmt_gap(REPORT_DATE, dt.date(2024, 12, 22)) == "29 days"
    assert fmt_gap(REPORT_DATE, dt.date(2024, 11, 24), "uk") == "1 день"
    assert fmt_gap(FIRST, REPORT_DATE, "uk") == "4 місяці"


def test_day_note_says_how_far_apart_and_which_day_stands_in() -> None:
    assert day_note(REPORT_DATE, REPORT_DATE, REPORT_DATE) == ""
    after = day_note(LATER, LATER, REPORT_DATE)
    assert "the report (23 Nov 2024) is 13 months older than this measurement" in after
    before = day_note(FIRST, FIRST, REPORT_DATE, "uk")
    assert "за 4 місяці до повідомлення" in before
    missing = day_note(dt.date(2025, 1, 1), dt.date(2024, 12, 31), REPORT_DATE)
    assert missing.startswith("DeepStateMap has no file for 1 Jan 2025: showing 31 Dec 2024")


# --- the map's day script ------------------------------------------------------------------------


def test_day_patch_changes_only_ukraines_regions_and_kursks_published_claims(loaded, later) -> None:
    options = MapOptions(colour_by=ColourBy.MEASURED)
    patch = day_patch(later.joined, later.published, later.areas, options)
    ukrainian = set(later.joined.loc[later.joined["role"] == "ukraine", "id"])
    assert set(patch["regions"]) == ukrainian | {"RU-KRS"} and len(ukrainian) == 27
    assert "Published by 1 Jan 2026" in patch["regions"]["RU-KRS"]["tip"]  # what was published by that day
    donetsk = patch["regions"]["UA-14"]
    assert "Measured on 1 Jan 2026, together: 88.1%" in donetsk["tip"]
    assert "Measured occupied on 1 Jan 2026: 77.5%" in donetsk["label"]
    base = {f["properties"]["id"]: f["properties"] for f in map_features(
        loaded.joined, loaded.published, loaded.areas, options)["features"]}
    assert donetsk["fill"] != base["UA-14"]["fill"]  # coloured by the later, larger share
    assert "measured on 1 Jan 2026" in patch["legend"] and "on 23 Nov 2024" not in patch["legend"]
    assert "(the report, 23 Nov 2024)" in patch["legend"]  # Kursk's circle: the report's figure, of its date


def test_the_days_part_is_data_carrying_the_overlay_and_nothing_of_the_map(later) -> None:
    overlay = overlay_on(Files(), LATER, REPORT_DATE)
    part = day_part(None, overlay)
    assert part["patch"] is None  # no patch: the map's own (report date's) figures
    assert part["overlay"] == overlay and part["style"] == occupied_style({})  # hatched, as a saved map draws it
    patch = day_patch(later.joined, later.published, later.areas, MapOptions())
    full = json.dumps(day_part(patch, overlay))
    assert "Leaflet" not in full and "L.map(" not in full and "function" not in full  # data, not code
    assert len(full.encode()) < 80 * 1024


def test_the_map_for_the_page_has_the_hatching_but_not_the_overlay(loaded) -> None:
    args = loaded.joined, loaded.published, loaded.areas
    html = build_map(*args).get_root().render()
    assert "rm-occupied-hatch" in html and js_source("maptransport.js") in html
    assert html.count("L.geoJson(") == 1  # the regions only; the page sends the overlay with the day
    static = build_map(*args, overlay=load_overlay()).get_root().render()
    assert static.count("L.geoJson(") == 2  # a saved map carries it


# --- the whole daily series as a download ------------------------------------------------------


def test_series_csv_has_every_day_and_region_tidy(loaded) -> None:
    rows = list(csv.DictReader(io.StringIO(series_csv(loaded.series, loaded.joined))))
    assert len(rows) == len(loaded.series.days) * 27
    donetsk = next(r for r in rows if r["date"] == "2024-11-23" and r["id"] == "UA-14")
    assert float(donetsk["measured_share"]) == pytest.approx(loaded.measurement.share(["UA-14"]), abs=0.005)
    assert donetsk["name_uk"] == "Донецька область"
    # One row per day and region, and nothing repeated on every row: the zip's README credits it once
    # (tests/test_exports.py).
    assert list(rows[0]) == ["date", "id", "name", "name_uk", "measured_km2", "boundary_km2", "measured_share"]


def test_a_real_day_outside_the_range_is_placed_after_or_before_it(loaded) -> None:
    series = loaded.series
    assert place_day("2030-01-01", series) == (dt.date(2030, 1, 1), "after")
    assert place_day("2024-07-07", series) == (dt.date(2024, 7, 7), "before")
    assert place_day("2025-06-01", series) == (dt.date(2025, 6, 1), "within")
    assert place_day("2025-02-30", series) is None and place_day("+2030-01-01", series) is None
