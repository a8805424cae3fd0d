"""The join of boundaries with figures: every Ukrainian unit gets one, no figure is lost."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reportmap.geo import BOUNDARIES_FILE, join_figures, load_boundaries
from reportmap.loading import DataError
from reportmap.records import ControlClass


@pytest.fixture(scope="module")
def joined(boundaries, report, areas):
    return join_figures(boundaries, report, areas)


def test_every_ukrainian_unit_gets_a_figure(joined) -> None:
    ukraine = joined[joined["role"] == "ukraine"]
    assert len(ukraine) == 27
    assert ukraine["control_class"].notna().all()
    assert (ukraine["official_km2"] > 0).all()
    classes = dict(zip(ukraine["id"], ukraine["control_class"], strict=True))
    assert classes["UA-43"] == classes["UA-40"] == ControlClass.ALL
    assert classes["UA-14"] == classes["UA-09"] == ControlClass.MORE_THAN_80
    assert classes["UA-23"] == classes["UA-65"] == ControlClass.AROUND_70
    assert classes["UA-63"] == classes["UA-48"] == ControlClass.SMALLER_PARTS
    assert classes["UA-46"] == ControlClass.NONE
    assert sum(c != ControlClass.NONE for c in classes.values()) == 8


def test_every_figure_lands_on_a_region(joined, report) -> None:
    named = {region for s in report.statements for region in s.regions}
    ukraine = joined[joined["role"] == "ukraine"]
    joined_named = set(ukraine.loc[ukraine["wording"] != "", "id"])
    assert joined_named == named


def test_kursk_row_carries_ukraines_650_km2(joined) -> None:
    kursk = joined[joined["id"] == "RU-KRS"].iloc[0]
    assert kursk["role"] == "kursk"
    assert kursk["held_by_ukraine_km2"] == 650
    assert 2 < kursk["held_by_ukraine_pct"] < 2.5


def test_figure_without_a_boundary_is_an_error(boundaries, report, areas) -> None:
    without_donetsk = boundaries[boundaries["id"] != "UA-14"]
    with pytest.raises(DataError, match="UA-14"):
        join_figures(without_donetsk, report, areas)


def test_statement_naming_a_region_not_on_the_map_is_an_error(boundaries, report, areas) -> None:
    odd = dataclasses.replace(report.statements[0], regions=("UA-43", "UA-40", "RU-BEL"))
    broken = dataclasses.replace(report, statements=(odd, *report.statements[1:]))
    with pytest.raises(DataError, match="RU-BEL"):
        join_figures(boundaries, broken, areas)


def test_join_error_names_the_boundary_file_that_was_read(tmp_path, report, areas) -> None:
    collection = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"]["id"] != "UA-46"]
    copy = tmp_path / "regions.geojson"
    copy.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        join_figures(load_boundaries(copy), report, areas)
    assert caught.value.file == str(copy) and "UA-46" in caught.value.problem
