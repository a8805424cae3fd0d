"""Reading DeepStateMap's measurement: the daily series, the nearest-day rule, and bad files as DataErrors."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import shutil
from pathlib import Path

import pytest

from reportmap import measured
from reportmap.errors import DataError
from reportmap.measured import MeasuredSeries, load_overlay, load_series, load_unit_areas, verify

FIRST = dt.date(2024, 7, 8)
# The newest day comes from the data (`python -m reportmap update` moves it), never from here.
LAST = dt.date.fromisoformat(measured.read_manifest()["built_days"]["last"])
MISSING = tuple(dt.date.fromisoformat(day) for day in (
    "2024-08-18", "2024-08-19", "2025-01-01", "2025-03-31", "2025-04-01", "2025-11-26", "2026-07-09"))


@pytest.fixture(scope="module")
def series() -> MeasuredSeries:
    return load_series()


# --- the committed series ----------------------------------------------------------------------


def test_series_has_every_built_day_in_order(series) -> None:
    assert len(series.days) == measured.read_manifest()["built_days"]["count"] >= 769
    assert series.first == FIRST and series.last == LAST
    dates = [m.date for m in series.days]
    assert all(earlier < later for earlier, later in itertools.pairwise(dates))


def test_missing_days_are_the_manifests_and_the_series_gaps(series) -> None:
    assert series.missing[:len(MISSING)] == MISSING  # the pinned archive's; an update may add gaps after them
    present = {m.date for m in series.days}
    every_day = (FIRST + dt.timedelta(days=n) for n in range((LAST - FIRST).days + 1))
    assert tuple(day for day in every_day if day not in present) == series.missing


def test_series_names_its_source_archive(series) -> None:
    assert series.source_sha256 == measured.read_manifest()["source"]["sha256"]
    assert len(series.source_sha256) == 64


def test_every_share_is_a_percentage(series) -> None:
    for measurement in series.days:
        for region_id, _ in measurement.units:
            assert 0 <= measurement.share([region_id]) <= 100, (measurement.date, region_id)


def test_parts_never_exceed_the_polygon(series) -> None:
    for measurement in series.days:
        assert measurement.ukraine_km2 + measurement.neighbours_km2 <= measurement.polygon_km2 + 1, measurement.date


# --- the nearest-earlier-day rule -----------------------------------------------------------------


def test_an_existing_day_is_exact(series) -> None:
    found = series.on(dt.date(2024, 11, 23))
    assert found.measurement.date == dt.date(2024, 11, 23)
    assert found.exact


def test_a_missing_day_takes_the_nearest_earlier_day(series) -> None:
    for asked in (dt.date(2024, 8, 18), dt.date(2024, 8, 19)):
        found = series.on(asked)
        assert found.asked == asked
        assert found.measurement.date == dt.date(2024, 8, 17)
        assert not found.exact
    assert series.on(dt.date(2024, 8, 20)).exact


def test_first_and_last_days_are_found(series) -> None:
    assert series.on(FIRST).measurement.date == FIRST and series.on(FIRST).exact
    assert series.on(LAST).measurement.date == LAST and series.on(LAST).exact


def test_a_day_outside_the_series_is_a_lookup_error(series) -> None:
    with pytest.raises(LookupError):
        series.on(FIRST - dt.timedelta(days=1))
    with pytest.raises(LookupError):
        series.on(LAST + dt.timedelta(days=1))


# --- bad files ------------------------------------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """The daily table's header and first three days, and the unit areas, as small copies."""
    daily = write_rows(tmp_path / measured.DAILY_FILE.name, read_rows(measured.DAILY_FILE)[:4])
    areas = tmp_path / measured.UNIT_AREAS_FILE.name
    shutil.copyfile(measured.UNIT_AREAS_FILE, areas)
    return daily, areas


def load(daily: Path, areas: Path) -> MeasuredSeries:
    return load_series(daily, areas, measured.MANIFEST_FILE)


def change(path: Path, row: int, column: str, value: str) -> Path:
    rows = read_rows(path)
    rows[row][rows[0].index(column)] = value
    return write_rows(path, rows)


def test_small_copies_load(copies) -> None:
    assert len(load(*copies).days) == 3


def test_a_missing_file_names_the_file(copies, tmp_path) -> None:
    daily, areas = copies
    with pytest.raises(DataError) as error:
        load(tmp_path / "absent.csv", areas)
    assert error.value.file == str(tmp_path / "absent.csv")
    with pytest.raises(DataError) as error:
        load(daily, tmp_path / "absent-areas.csv")
    assert error.value.file == str(tmp_path / "absent-areas.csv")


def test_a_wrong_header_names_the_file(copies) -> None:
    daily, areas = copies
    change(daily, 0, "polygon_km2", "polygon")
    with pytest.raises(DataError) as error:
        load(daily, areas)
    assert error.value.file == str(daily) and error.value.entry == "header"


def test_a_wrong_unit_areas_header_names_the_file(copies) -> None:
    daily, areas = copies
    change(areas, 0, "area_km2", "km2")
    with pytest.raises(DataError) as error:
        load(daily, areas)
    assert error.value.file == str(areas) and error.value.entry == "header"


def test_a_non_number_names_the_file_and_the_cell(copies) -> None:
    daily, areas = copies
    change(daily, 2, "UA-14", "lots")
    with pytest.raises(DataError, match="not a number") as error:
        load(daily, areas)
    assert error.value.file == str(daily)
    assert "UA-14" in error.value.entry and "2024-07-09" in error.value.entry


def test_a_negative_names_the_file(copies) -> None:
    daily, areas = copies
    change(daily, 1, "neighbours_km2", "-1.0")
    with pytest.raises(DataError, match="negative") as error:
        load(daily, areas)
    assert error.value.file == str(daily)


def test_a_negative_unit_area_names_the_file(copies) -> None:
    _, areas = copies
    rows = read_rows(areas)
    rows[1][1] = "-5"
    write_rows(areas, rows)
    with pytest.raises(DataError, match="negative") as error:
        load_unit_areas(areas)
    assert error.value.file == str(areas)


def test_a_unit_larger_than_its_area_names_the_file(copies) -> None:
    daily, areas = copies
    sevastopol = dict(load_unit_areas(areas))["UA-40"]
    change(daily, 3, "UA-40", f"{sevastopol * 1.01:.1f}")
    with pytest.raises(DataError, match="larger than the unit") as error:
        load(daily, areas)
    assert error.value.file == str(daily) and "UA-40" in error.value.entry


def test_dates_out_of_order_name_the_file(copies) -> None:
    daily, areas = copies
    rows = read_rows(daily)
    rows[2], rows[3] = rows[3], rows[2]
    write_rows(daily, rows)
    with pytest.raises(DataError, match="out of date order") as error:
        load(daily, areas)
    assert error.value.file == str(daily)


def test_a_repeated_date_names_the_file(copies) -> None:
    daily, areas = copies
    rows = read_rows(daily)
    write_rows(daily, [*rows, rows[-1]])
    with pytest.raises(DataError, match="repeated") as error:
        load(daily, areas)
    assert error.value.file == str(daily)


def test_a_unit_missing_from_unit_areas_names_both_files(copies) -> None:
    daily, areas = copies
    write_rows(areas, [row for row in read_rows(areas) if row[0] != "UA-40"])
    with pytest.raises(DataError) as error:
        load(daily, areas)
    assert error.value.file == str(daily) and error.value.entry == "header"
    assert areas.name in error.value.problem


# --- verify: the derived files against the manifest, and the manifest against the archive --------------


def test_verify_passes_on_the_committed_files() -> None:
    checked = verify()
    assert len(checked) == 1 + len(measured.read_manifest()["outputs"])
    assert all("sha256 matches" in line for line in checked)


def test_verify_names_a_changed_derived_file(tmp_path) -> None:
    folder = tmp_path / "measured"
    shutil.copytree(measured.MEASURED_DIR, folder)
    daily = folder / measured.DAILY_FILE.name
    data = bytearray(daily.read_bytes())
    at = data.index(b"\n") + 1 + len("2024-07-08,1")  # a digit of the first day's polygon_km2
    data[at] = ord("9") if data[at] != ord("9") else ord("8")
    daily.write_bytes(bytes(data))
    with pytest.raises(DataError, match="changed since the build") as error:
        verify(folder / measured.MANIFEST_FILE.name, measured.SOURCE_ARCHIVE_DIR)
    assert error.value.file == str(daily)


def test_verify_names_a_different_archive(tmp_path) -> None:
    archive_name = measured.read_manifest()["source"]["archive"]
    (tmp_path / archive_name).write_bytes(b"not the archive")
    with pytest.raises(DataError, match="sha256 differs") as error:
        verify(measured.MANIFEST_FILE, tmp_path)
    assert error.value.file == str(tmp_path / archive_name)


def test_verify_names_a_missing_archive(tmp_path) -> None:
    with pytest.raises(DataError, match="not found") as error:
        verify(measured.MANIFEST_FILE, tmp_path)
    assert error.value.file.startswith(str(tmp_path))


def test_a_short_row_names_the_file(copies) -> None:
    daily, areas = copies
    rows = read_rows(daily)
    rows[2] = rows[2][:-3]
    write_rows(daily, rows)
    with pytest.raises(DataError, match="shorter than the header") as error:
        load(daily, areas)
    assert error.value.file == str(daily)


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_a_number_that_is_not_finite_names_the_file(copies, value: str) -> None:
    daily, areas = copies
    change(daily, 1, "polygon_km2", value)
    with pytest.raises(DataError, match="not a finite number") as error:
        load(daily, areas)
    assert error.value.file == str(daily)


def test_a_repeated_unit_in_unit_areas_names_the_file(copies) -> None:
    daily, areas = copies
    rows = read_rows(areas)
    write_rows(areas, [*rows, rows[1]])
    with pytest.raises(DataError, match="appears twice") as error:
        load(daily, areas)
    assert error.value.file == str(areas)


def test_verify_wants_a_hash_for_every_file_the_app_reads(tmp_path) -> None:
    folder = tmp_path / "measured"
    shutil.copytree(measured.MEASURED_DIR, folder)
    manifest = folder / measured.MANIFEST_FILE.name
    info = json.loads(manifest.read_text(encoding="utf-8"))
    del info["outputs"][measured.OVERLAY_FILE.name]
    manifest.write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(DataError, match=f"no hash for {measured.OVERLAY_FILE.name}"):
        verify(manifest, measured.SOURCE_ARCHIVE_DIR)
    info["source"]["archive"] = "../elsewhere.tar.xz"
    manifest.write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(DataError, match="is not a file name"):
        verify(manifest, measured.SOURCE_ARCHIVE_DIR)


# --- the overlay ------------------------------------------------------------------------------------


def test_overlay_is_one_polygon_feature() -> None:
    overlay = load_overlay()
    assert overlay["type"] == "FeatureCollection"
    assert len(overlay["features"]) == 1
    assert overlay["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_an_overlay_of_a_point_names_the_file(tmp_path) -> None:
    path = tmp_path / "point.geojson"
    point = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [35.0, 47.0]}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [point]}), encoding="utf-8")
    with pytest.raises(DataError, match="not a polygon") as error:
        load_overlay(path)
    assert error.value.file == str(path)
