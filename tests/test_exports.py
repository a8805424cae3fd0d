"""The downloads: numbers rounded to what they mean, the every-day series credited once."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from reportmap.exports import KM2_COLUMNS, SHARE_COLUMNS, figures_csv, regions_geojson, series_zip
from reportmap.measured import CREDIT


def decimals(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0


def test_figures_csv_rounds_km2_to_a_tenth_and_shares_to_a_hundredth(loaded) -> None:
    rows = list(csv.DictReader(io.StringIO(figures_csv(loaded.joined))))
    luhansk = next(r for r in rows if r["id"] == "UA-09")
    assert luhansk["statement_km2_high"] == "47880.9"  # was 47880.899999999994
    assert luhansk["statement_measured_share"] == "81.43"
    for row in rows:
        for column in KM2_COLUMNS:
            assert decimals(row[column]) <= 1, (row["id"], column, row[column])
        for column in SHARE_COLUMNS:
            assert decimals(row[column]) <= 2, (row["id"], column, row[column])
    # The figures' own downloads (28 rows) still name the measurement on each Ukrainian row.
    assert {r["measured_source"] for r in rows if r["role"] == "ukraine"} == {CREDIT}


def test_geojson_properties_are_rounded_too(loaded) -> None:
    features = json.loads(regions_geojson(loaded.joined))["features"]
    for feature in features:
        for column in (*KM2_COLUMNS, *SHARE_COLUMNS):
            value = feature["properties"].get(column)
            if isinstance(value, float):
                assert round(value, 2) == value, (feature["properties"]["id"], column, value)
    kursk = next(f for f in features if f["properties"]["id"] == "RU-KRS")["properties"]
    assert kursk["held_by_ukraine_pct"] == pytest.approx(2.17)


def test_series_zip_is_the_tidy_csv_credited_once_in_its_readme(loaded) -> None:
    data = series_zip(loaded.series, loaded.joined, "deepstate-daily.csv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["LICENSE-GPL-3.0.txt", "README.txt", "deepstate-daily.csv"]
        text = archive.read("deepstate-daily.csv").decode("utf-8")
        readme = archive.read("README.txt").decode("utf-8")
        assert "GNU GENERAL PUBLIC LICENSE" in archive.read("LICENSE-GPL-3.0.txt").decode("utf-8")
    assert CREDIT not in text and "GPL" not in text  # not on 20,763 rows
    series = loaded.series  # its end comes from the data: the update moves it
    assert readme.count(CREDIT) == 1 and f"{series.first} to {series.last} ({len(series.days)} days" in readme
    assert all(column in readme for column in ("measured_km2", "boundary_km2", "measured_share"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(series.days) * 27
    assert max(decimals(r["measured_share"]) for r in rows) <= 2
    assert max(decimals(r["measured_km2"]) for r in rows) <= 1
    # Half of the 3.26 MB CSV was the credit; the zip is a fraction of what is left.
    assert len(text.encode()) < 1_800_000 and len(data) < 400_000
