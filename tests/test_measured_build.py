"""Checks on the DeepStateMap measurement build and its committed outputs (no network).

A three-day build runs twice, so reproducibility and agreement with the committed full build
are tested on real data; the whole 769-day build is too slow for the test suite.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
import shapely

from reportmap.deepstate import archive_days

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
MEASURED = GEODATA / "measured"
SOURCES = GEODATA / "sources" / "deepstate"
ARCHIVE_SHA256 = "4a4836ba60d9a335ac3749d6d34d6bbdf73a683e449548fd7abbedadfa013722"
ARCHIVE_NAME = "deepstate-occupied-daily-2024-07-08_2026-08-22.tar.xz"  # the pinned archive: its own span
DAYS = ["2024-07-08", "2024-11-23", archive_days(SOURCES / ARCHIVE_NAME)[-1]]  # the pinned archive's first and last
REPORT_DATE = "2024-11-23"
PROVENANCE_TOTAL_KM2 = 111_255  # sources/deepstate PROVENANCE: the 20241123 file's own area
# Measured over all 769 days: the part of the polygon outside every unit (sea) is 825.9-826.3 km²,
# 0.71-0.76% of the polygon. 1% leaves room for coastline edits in regions.geojson, no more.
MAX_SEA_SHARE = 0.01
ROUNDING_KM2 = 0.5  # 27 + 1 values rounded to 0.1 km² each
MAX_WEB_BYTES = 40 * 1024


def load_build() -> ModuleType:
    """The build script, imported as the module `python -m geodata.build_measured` runs."""
    from geodata import build_measured

    return build_measured


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_build()


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((MEASURED / "manifest.json").read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def daily() -> list[dict[str, str]]:
    return read_csv(MEASURED / "daily-km2.csv")


@pytest.fixture(scope="module")
def unit_areas() -> dict[str, float]:
    return {r["id"]: float(r["area_km2"]) for r in read_csv(MEASURED / "unit-areas.csv")}


@pytest.fixture(scope="module")
def small_builds(build: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same three days built twice, once through the command line."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    build.main(["--days", *DAYS, "--out", str(first)])
    build.build(list(reversed(DAYS)), second)
    return first, second


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance_missing_days() -> list[str]:
    text = (SOURCES / "PROVENANCE.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "no file" in line.lower())
    start = text.index(line)
    paragraph = text[start:text.index("\n\n", start)]
    return re.findall(r"\d{4}-\d{2}-\d{2}", paragraph)


def test_archive_and_licence_are_the_pinned_files(build: ModuleType) -> None:
    assert build.SHA256 == ARCHIVE_SHA256
    assert sha256(build.ARCHIVE) == ARCHIVE_SHA256
    licence = (SOURCES / "LICENSE-GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3" in licence


def test_manifest_hashes_match_committed_outputs(manifest: dict) -> None:
    assert manifest["source"]["sha256"] == ARCHIVE_SHA256
    assert manifest["boundaries"]["sha256"] == sha256(GEODATA / "regions.geojson"), \
        "regions.geojson changed: rerun python -m geodata.build_measured"
    outputs = manifest["outputs"]
    assert set(outputs) == {"daily-km2.csv", "unit-areas.csv", f"occupied-{REPORT_DATE}.geojson",
                            "occupied-daily.tar.xz"}
    for name, digest in outputs.items():
        assert sha256(MEASURED / name) == digest, name
    assert manifest["parameters"]["days"] is None


def test_small_build_is_reproducible_and_matches_committed(small_builds: tuple[Path, Path],
                                                           daily: list[dict[str, str]]) -> None:
    first, second = small_builds
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    built = read_csv(first / "daily-km2.csv")
    assert [r["date"] for r in built] == DAYS
    committed = {r["date"]: r for r in daily}
    for row in built:
        assert row == committed[row["date"]]
    for name in ("unit-areas.csv", f"occupied-{REPORT_DATE}.geojson"):
        assert (first / name).read_bytes() == (MEASURED / name).read_bytes(), name
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["days"] == DAYS
    for name, digest in manifest["outputs"].items():
        assert sha256(first / name) == digest, name
    committed_manifest = json.loads((MEASURED / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report_date"] == committed_manifest["report_date"]


def test_outputs_are_plain_text(daily: list[dict[str, str]]) -> None:
    for name in ("daily-km2.csv", "unit-areas.csv", "manifest.json", f"occupied-{REPORT_DATE}.geojson"):
        data = (MEASURED / name).read_bytes()
        assert b"\r" not in data and data.endswith(b"\n"), name
    header = (MEASURED / "daily-km2.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    ua = header[3:]
    assert header[:3] == ["date", "polygon_km2", "neighbours_km2"]
    assert ua == sorted(ua) and len(ua) == 27 and all(i.startswith("UA-") for i in ua)
    dates = [r["date"] for r in daily]
    assert dates == sorted(set(dates))
    for row in daily:
        assert all(re.fullmatch(r"\d+\.\d", v) for k, v in row.items() if k != "date"), row["date"]


def test_unit_km2_within_unit_area(daily: list[dict[str, str]], unit_areas: dict[str, float]) -> None:
    assert len(unit_areas) == 27
    for row in daily:
        for uid, area in unit_areas.items():
            value = float(row[uid])
            assert 0 <= value <= area, (row["date"], uid)
            assert 0 <= 100 * value / area <= 100


def test_balance_every_day(daily: list[dict[str, str]], unit_areas: dict[str, float]) -> None:
    worst = 0.0
    for row in daily:
        polygon = float(row["polygon_km2"])
        parts = sum(float(row[u]) for u in unit_areas) + float(row["neighbours_km2"])
        assert parts <= polygon + ROUNDING_KM2, row["date"]
        sea = polygon - parts
        assert sea <= MAX_SEA_SHARE * polygon, (row["date"], sea)
        worst = max(worst, sea / polygon)
    assert worst > 0.005  # the coastline mismatch exists: if it vanished, PROVENANCE.md is stale


def test_report_date(manifest: dict, daily: list[dict[str, str]], unit_areas: dict[str, float]) -> None:
    report = manifest["report_date"]
    row = next(r for r in daily if r["date"] == REPORT_DATE)
    assert report["polygon_km2"] == pytest.approx(PROVENANCE_TOTAL_KM2, rel=0.005)
    assert float(row["polygon_km2"]) == report["polygon_km2"]
    ua_sum = sum(float(row[u]) for u in unit_areas)
    assert ua_sum == pytest.approx(report["ukrainian_units_km2"], abs=ROUNDING_KM2)
    assert set(report["spill_km2"]) == {"RU-BEL", "RU-ROS", "RU-VOR"}
    assert sum(report["spill_km2"].values()) == pytest.approx(report["neighbours_km2"], abs=ROUNDING_KM2)
    balance = report["ukrainian_units_km2"] + report["neighbours_km2"] + report["outside_every_unit_km2"]
    assert balance == pytest.approx(report["polygon_km2"], abs=ROUNDING_KM2)
    for uid, uncovered in report["uncovered_km2"].items():
        assert uncovered == pytest.approx(unit_areas[uid] - float(row[uid]), abs=0.15)
        assert 0 < uncovered < 0.1 * unit_areas[uid]


def test_web_map(manifest: dict) -> None:
    path = MEASURED / f"occupied-{REPORT_DATE}.geojson"
    feature = json.loads(path.read_text(encoding="utf-8"))
    assert feature["type"] == "Feature"
    assert feature["properties"] == {
        "date": REPORT_DATE,
        "source": "Occupied area: DeepStateMap.Live, via cyterat/deepstate-map-data, GPL-3.0",
    }
    geom = shapely.geometry.shape(feature["geometry"])
    assert geom.is_valid and not geom.is_empty
    assert path.stat().st_size <= MAX_WEB_BYTES
    assert manifest["web_map"]["bytes"] == path.stat().st_size
    assert abs(manifest["web_map"]["relative_area_error"]) < 0.005


def test_missing_days(build: ModuleType, manifest: dict) -> None:
    listed = provenance_missing_days()
    assert len(listed) == 7
    assert build.missing_days(build.archive_days(build.ARCHIVE)) == listed
    assert manifest["archive_days"]["missing"][:len(listed)] == listed  # an update may add gaps after them
    assert listed == build.EXPECTED_MISSING
    assert len(build.archive_days(build.ARCHIVE)) == 769
    days, built = manifest["archive_days"], manifest["built_days"]
    assert days["first"] == built["first"] == "2024-07-08"
    assert days["last"] == built["last"] == read_csv(MEASURED / "daily-km2.csv")[-1]["date"]  # from the data
    assert built["count"] == days["count"] >= 769


def test_wrong_archive_is_refused(build: ModuleType, tmp_path: Path) -> None:
    bad = tmp_path / build.ARCHIVE.name
    data = bytearray(build.ARCHIVE.read_bytes())
    data[-1] ^= 1
    bad.write_bytes(bytes(data))
    with pytest.raises(SystemExit, match="refusing to build from unverified data"):
        build.build(DAYS[:1], tmp_path / "out", archive=bad)
    assert not (tmp_path / "out").exists()


def test_unknown_day_is_refused(build: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="2025-01-01"):
        build.build(["2025-01-01"], tmp_path / "out")


def archive_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:xz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def test_daily_maps_hold_every_measured_day_and_the_report_dates_own_file(
        daily: list[dict[str, str]], manifest: dict) -> None:
    members = archive_members(MEASURED / "occupied-daily.tar.xz")
    assert sorted(members) == [f"occupied-{r['date']}.geojson" for r in daily]  # one map per measured day
    report_map = f"occupied-{REPORT_DATE}.geojson"
    assert members[report_map] == (MEASURED / report_map).read_bytes()  # the first screen's map is the same
    assert manifest["daily_maps"]["days"] == len(daily) >= 769
    assert (MEASURED / "occupied-daily.tar.xz").stat().st_size < 100 * 1024  # xz over near-identical days
    later = json.loads(members["occupied-2026-01-01.geojson"])
    assert later["properties"]["date"] == "2026-01-01"
    assert shapely.geometry.shape(later["geometry"]).is_valid


def test_small_build_writes_a_daily_archive_of_the_days_asked(small_builds: tuple[Path, Path]) -> None:
    first, _ = small_builds
    members = archive_members(first / "occupied-daily.tar.xz")
    assert sorted(members) == [f"occupied-{day}.geojson" for day in DAYS]
    committed = archive_members(MEASURED / "occupied-daily.tar.xz")
    for name, text in members.items():
        assert text == committed[name], name  # the same bytes as in the full build
    with tarfile.open(first / "occupied-daily.tar.xz", "r:xz") as tar:
        assert {(m.mtime, m.uid, m.gid, m.uname) for m in tar} == {(0, 0, 0, "")}  # nothing of the machine
