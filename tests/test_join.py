"""The join of boundaries with figures: every Ukrainian unit gets one, no figure is lost."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reportmap.errors import DataError
from reportmap.loading import BOUNDARIES_FILE, load_boundaries
from reportmap.records import ControlClass
from reportmap.regions import FIGURE, Occupied, Role, figures


@pytest.fixture(scope="module")
def joined(join, report):
    return join(report)


def test_the_frame_keeps_id_role_geometry_and_one_record_per_unit(joined) -> None:
    assert list(joined.columns) == ["id", "role", FIGURE, "geometry"]
    assert [region.id for region in joined[FIGURE]] == list(joined["id"])
    assert [region.role for region in joined[FIGURE]] == list(joined["role"])
    donetsk = figures(joined)["UA-14"]
    assert donetsk.name("en") == "Donetsk" and donetsk.name("uk") == "Донецька область"
    assert donetsk.name("de") == "Donetsk"  # a language without a name falls back to English


def test_each_unit_has_a_role_of_the_enum_and_only_ukraines_a_measurement_of_its_own(joined) -> None:
    """The join's records (reportmap.regions): a `Role` member, which the frame's column holds as
    its value, and an `Occupied` record (one unit's part of the day's measurement) for Ukraine's units."""
    for region in joined[FIGURE]:
        assert isinstance(region.role, Role)
        assert isinstance(region.measured, Occupied) == (region.role is Role.UKRAINE), region.id
    assert sorted(set(joined["role"])) == ["kursk", "neighbour", "ukraine"]
    assert figures(joined)["UA-14"].measured.date == figures(joined)["RU-KRS"].day


def test_every_ukrainian_unit_gets_a_figure(joined) -> None:
    ukraine = [r for r in joined[FIGURE] if r.role == Role.UKRAINE]
    assert len(ukraine) == 27
    assert all(r.control_class is not None and r.official_km2 > 0 and r.share is not None for r in ukraine)
    classes = {r.id: r.control_class for r in ukraine}
    assert classes["UA-43"] == classes["UA-40"] == ControlClass.ALL
    assert classes["UA-14"] == classes["UA-09"] == ControlClass.MORE_THAN_80
    assert classes["UA-23"] == classes["UA-65"] == ControlClass.AROUND_70
    assert classes["UA-63"] == classes["UA-48"] == ControlClass.SMALLER_PARTS
    assert classes["UA-46"] == ControlClass.NONE
    assert sum(c != ControlClass.NONE for c in classes.values()) == 8


def test_every_figure_lands_on_a_region(joined, report) -> None:
    named = {region for s in report.statements for region in s.regions}
    joined_named = {r.id for r in joined[FIGURE] if r.role == Role.UKRAINE and r.wording}
    assert joined_named == named
    assert all(r.statement.wording == r.wording for r in joined[FIGURE] if r.role == Role.UKRAINE and r.wording)


def test_kursk_row_carries_ukraines_650_km2(joined) -> None:
    kursk = figures(joined)["RU-KRS"]
    assert kursk.role == Role.KURSK and kursk.control_class is None and kursk.statement is None
    assert kursk.held_km2 == 650
    assert 2 < kursk.held_pct < 2.5


def test_figure_without_a_boundary_is_an_error(boundaries, report, join) -> None:
    without_donetsk = boundaries[boundaries["id"] != "UA-14"]
    with pytest.raises(DataError, match="UA-14"):
        join(report, without_donetsk)


def test_statement_naming_a_region_not_on_the_map_is_an_error(boundaries, report, join) -> None:
    odd = dataclasses.replace(report.statements[0], regions=("UA-43", "UA-40", "RU-BEL"))
    broken = dataclasses.replace(report, statements=(odd, *report.statements[1:]))
    with pytest.raises(DataError, match="RU-BEL"):
        join(broken)


def test_join_error_names_the_boundary_file_that_was_read(tmp_path, report, join) -> None:
    collection = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"]["id"] != "UA-46"]
    copy = tmp_path / "regions.geojson"
    copy.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        join(report, load_boundaries(copy))
    assert caught.value.file == str(copy) and "UA-46" in caught.value.problem


def test_each_region_carries_its_own_measurement_and_its_statements_together(joined) -> None:
    regions = figures(joined)
    donetsk, luhansk = regions["UA-14"], regions["UA-09"]
    assert donetsk.together == luhansk.together == ("UA-14", "UA-09") and donetsk.in_pair
    assert donetsk.check.share == luhansk.check.share == pytest.approx(81.43, abs=0.01)
    assert donetsk.measured.share == pytest.approx(64.91, abs=0.01)  # its own, far from the pair's
    assert luhansk.measured.share == pytest.approx(98.13, abs=0.01)
    assert donetsk.check.verdict == "holds" and donetsk.measured.date.isoformat() == "2024-11-23"
    # The pair's range applies to the pair's combined official area, not to each region.
    assert donetsk.statement_official_km2 == pytest.approx(26517 + 26684)
    assert donetsk.statement_km2.low == pytest.approx(0.8 * (26517 + 26684))
    assert all(0 <= r.measured.share <= 100 for r in regions.values() if r.role == Role.UKRAINE)
    lviv = regions["UA-46"]  # named by no statement: no statement's figure, no check
    assert lviv.statement is None and lviv.check is None and lviv.statement_km2 is None and not lviv.in_pair


def test_a_unit_without_a_measurement_is_an_error(boundaries, report, loaded) -> None:
    from reportmap.join import join_figures
    from reportmap.scenarios import ScenarioView

    partial = dataclasses.replace(loaded.measurement, units=loaded.measurement.units[1:])
    with pytest.raises(DataError, match="no measurement for UA-05"):
        join_figures(boundaries, ScenarioView(report), loaded.areas, partial, loaded.check)
