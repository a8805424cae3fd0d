"""Scenarios and readings: the figures, the map and the totals follow them."""

from __future__ import annotations

import dataclasses

import pytest

from reportmap.checks import headline
from reportmap.mapstyle import ramp_colour
from reportmap.mapview import MapOptions, build_map, map_features
from reportmap.pipeline import for_day, read_inputs
from reportmap.records import ZERO, ControlClass, Range, Statement
from reportmap.regions import figures
from reportmap.scenarios import ColourBy, Reading, Scenario, ScenarioView, demanded_statements, parse, pick


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


def test_hinted_withdrawal_returns_kharkiv_and_mykolaiv(loaded, report, areas, join) -> None:
    shown = ScenarioView(report, Scenario.HINTED_WITHDRAWAL)
    kharkiv, donetsk = report.statement("kharkiv-mykolaiv"), report.statement("donetsk-luhansk")
    assert shown.returned == ("kharkiv-mykolaiv",) and ScenarioView(report).returned == ()
    assert shown.share(kharkiv) == ZERO and kharkiv.share == Range(1, 10)  # the report keeps its figure
    assert shown.share(donetsk) == donetsk.share

    joined = join(report, scenario=Scenario.HINTED_WITHDRAWAL)
    region = figures(joined)["UA-63"]
    assert region.statement is kharkiv and region.returned and region.control_class is ControlClass.RETURNED
    assert region.share == region.statement_km2 == ZERO and region.colour == 0.0
    # The totals recompute: the headline's, over the statements the report's total covers, are the join's.
    covered = {r.statement.id: r.statement_km2 for r in figures(joined).values()
               if r.statement and r.statement.id in report.stated_area.statements}
    total = headline(report, areas, loaded.measurement, Scenario.HINTED_WITHDRAWAL, None).scenario_computed_km2
    assert total.low == pytest.approx(sum(km2.low for km2 in covered.values()))
    assert total.high == pytest.approx(sum(km2.high for km2 in covered.values()))

    tip = _feature(joined, report, areas, MapOptions(scenario=Scenario.HINTED_WITHDRAWAL), "UA-63")
    assert tip["cls"] == "returned"
    assert "Returned under the hinted withdrawal (scenario): 967 km² measured occupied here" in tip["tip"]
    as_reported = _feature(join(report), report, areas, MapOptions(), "UA-63")
    assert tip["fill"] != as_reported["fill"]
    html = build_map(joined, report, areas,
                     options=MapOptions(scenario=Scenario.HINTED_WITHDRAWAL)).get_root().render()
    legend = html[html.index("rm-legend\");"):]
    assert "Returned under the hinted withdrawal" in legend and "Smaller parts" not in legend


def test_a_scenario_is_a_view_and_never_rewrites_the_published_report() -> None:
    """Issue 25: every scenario's data holds the report as read, and each region the statement as
    published; what the scenario changes is the view's (`returned`, `share`), never the report's."""
    inputs = read_inputs()
    for scenario in Scenario:
        loaded = for_day(inputs, scenario)
        assert loaded.published is inputs.published and loaded.scenario is scenario
        named = [r for r in figures(loaded.joined).values() if r.statement is not None]
        assert named and all(r.statement is inputs.published.statement(r.statement.id) for r in named)
        assert any(r.returned for r in named) == (scenario is Scenario.HINTED_WITHDRAWAL)
    assert "reported_share" not in {field.name for field in dataclasses.fields(Statement)}


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
