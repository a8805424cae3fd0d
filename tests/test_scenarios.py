"""Scenarios and readings: the figures, the map and the totals follow them."""

from __future__ import annotations

import pytest

from reportmap.areas import controlled_km2, reconcile_area
from reportmap.mapstyle import ramp_colour
from reportmap.mapview import MapOptions, build_map, map_features
from reportmap.records import ControlClass, Range
from reportmap.scenarios import ColourBy, Reading, Scenario, apply, demanded_statements, parse, pick


def _feature(joined, report, areas, options, region_id):
    features = map_features(joined, report, areas, options)["features"]
    return next(f["properties"] for f in features if f["properties"]["id"] == region_id)


def test_parse_falls_back_and_says_so() -> None:
    assert parse(Scenario, None, Scenario.AS_REPORTED) == (Scenario.AS_REPORTED, True)
    assert parse(Scenario, "hinted-withdrawal", Scenario.AS_REPORTED) == (Scenario.HINTED_WITHDRAWAL, True)
    assert parse(Scenario, "<b>", Scenario.AS_REPORTED) == (Scenario.AS_REPORTED, False)


def test_pick_reads_the_range() -> None:
    share = Range(80, 90)
    assert [pick(share, r) for r in Reading] == [80, 85, 90]


def test_hinted_withdrawal_returns_kharkiv_and_mykolaiv(report, areas, join) -> None:
    withdrawn = apply(report, Scenario.HINTED_WITHDRAWAL)
    kharkiv = withdrawn.statement("kharkiv-mykolaiv")
    assert kharkiv.control_class is ControlClass.RETURNED
    assert kharkiv.share == Range(0, 0) and kharkiv.reported_share == Range(1, 10)
    assert withdrawn.statement("donetsk-luhansk") == report.statement("donetsk-luhansk")
    before = reconcile_area(report, areas).computed
    after = reconcile_area(withdrawn, areas).computed
    returned = controlled_km2(report, areas, ["kharkiv-mykolaiv"])
    assert after.low == pytest.approx(before.low - returned.low)
    assert after.high == pytest.approx(before.high - returned.high)

    joined = join(withdrawn)
    tip = _feature(joined, withdrawn, areas, MapOptions(scenario=Scenario.HINTED_WITHDRAWAL), "UA-63")
    assert tip["cls"] == "returned"
    assert "Returned under the hinted withdrawal (scenario): 967 km² measured occupied here" in tip["tip"]
    as_reported = _feature(join(report), report, areas, MapOptions(), "UA-63")
    assert tip["fill"] != as_reported["fill"]
    html = build_map(joined, withdrawn, areas,
                     options=MapOptions(scenario=Scenario.HINTED_WITHDRAWAL)).get_root().render()
    legend = html[html.index("rm-legend\");"):]
    assert "Returned under the hinted withdrawal" in legend and "Smaller parts" not in legend


def test_russian_demands_outlines_the_demanded_territory(report, areas, join) -> None:
    assert demanded_statements(report) == ("crimea", "donetsk-luhansk", "zaporizhzhia-kherson")
    joined = join(report)
    options = MapOptions(scenario=Scenario.RUSSIAN_DEMANDS)
    html = build_map(joined, report, areas, options=options).get_root().render()
    assert html.count("L.geoJson(") == 2  # the regions, and the outline around the demanded ones
    assert '"fill": false' in html
    assert "Regions in which Russia demands recognition of the territory it occupies" in html
    assert "Russia demands recognition of the territory it occupies here" in _feature(
        joined, report, areas, options, "UA-14")["tip"]
    assert "Russia demands" not in _feature(joined, report, areas, options, "UA-63")["tip"]
    plain = build_map(joined, report, areas).get_root().render()
    assert plain.count("L.geoJson(") == 1


def test_reading_changes_the_colour(report, areas, join) -> None:
    joined = join(report)
    fills = {r: _feature(joined, report, areas, MapOptions(colour_by=ColourBy(r.value)), "UA-65")["fill"]
             for r in Reading}
    assert len(set(fills.values())) == 3
    tip = _feature(joined, report, areas, MapOptions(colour_by=ColourBy.HIGH), "UA-65")["tip"]
    assert "Coloured at the high reading: 75%" in tip


def test_ramp_runs_from_light_to_dark() -> None:
    def darkness(colour: str) -> int:
        return -sum(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    shades = [darkness(ramp_colour(p)) for p in range(0, 101, 10)]
    assert shades == sorted(shades)
    assert ramp_colour(0) == "#fef0d9" and ramp_colour(100) == "#b30000"


def test_ukrainian_map_names_regions_in_ukrainian(report, areas, join) -> None:
    joined = join(report)
    tip = _feature(joined, report, areas, MapOptions(lang="uk"), "UA-14")["tip"]
    assert "Донецька область" in tip and "км²" in tip
    assert "разом для регіонів Донецька область і Луганська область" in tip
    assert "Виміряно на 23 листопада 2024, разом: 81,4%" in tip and "<b>підтверджується</b>" in tip
    assert "17\xa0262 з 26\xa0594 км²" in tip  # Ukrainian grouping (a no-break space), by Babel


def test_colour_by_knows_its_reading() -> None:
    assert ColourBy.HIGH.reading is Reading.HIGH
    assert ColourBy.WORDING.reading is None and ColourBy.MEASURED.reading is None
