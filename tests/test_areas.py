"""Area arithmetic: our totals computed from the report's figures, set beside its own."""

from __future__ import annotations

import dataclasses

import pytest

from reportmap.areas import (
    Consistency,
    controlled_km2,
    kursk_share,
    reconcile_area,
    reconcile_share,
    region_km2,
    region_share,
)
from reportmap.records import Range, StatedTotal


def test_region_shares_follow_the_statements(report) -> None:
    assert region_share(report, "UA-40") == Range(100, 100)  # Sevastopol: "entire Crimea"
    assert region_share(report, "UA-09") == Range(80, 90)
    assert region_share(report, "UA-46") == Range(0, 0)  # Lviv: not named


def test_region_km2_applies_the_share_to_the_official_area(report, areas) -> None:
    assert region_km2(report, areas, "UA-43") == Range(26081, 26081)
    donetsk = region_km2(report, areas, "UA-14")
    assert donetsk.low == pytest.approx(0.80 * 26517) and donetsk.high == pytest.approx(0.90 * 26517)


def test_computed_area_is_inside_the_reports_over_100000(report, areas) -> None:
    reconciled = reconcile_area(report, areas)
    assert reconciled.computed.low > 100_000
    assert reconciled.computed.high < 130_000
    assert reconciled.consistency is Consistency.CONSISTENT


def test_computed_share_is_near_the_reports_18_percent(report, areas) -> None:
    reconciled = reconcile_share(report, areas)
    assert reconciled.computed.low - 1 <= 18 <= reconciled.computed.high + 1
    assert 16 < reconciled.computed.low < reconciled.computed.high < 21
    assert reconciled.consistency is Consistency.CONSISTENT


def test_share_total_covers_only_the_demanded_regions(report, areas) -> None:
    demanded = controlled_km2(report, areas, report.stated_share.statements)
    everything = controlled_km2(report, areas, report.stated_area.statements)
    kharkiv_mykolaiv = controlled_km2(report, areas, ["kharkiv-mykolaiv"])
    assert everything.low == pytest.approx(demanded.low + kharkiv_mykolaiv.low)


def test_verdict_turns_when_the_figures_disagree(report, areas) -> None:
    inflated = dataclasses.replace(
        report, stated_area=StatedTotal("over 200,000 km²", 200_000, "over", report.stated_area.statements)
    )
    assert reconcile_area(inflated, areas).consistency is Consistency.INCONSISTENT
    off = dataclasses.replace(
        report, stated_share=StatedTotal("roughly 30%", 30, "roughly", report.stated_share.statements)
    )
    assert reconcile_share(off, areas).consistency is Consistency.INCONSISTENT


def test_kursk_share_is_about_two_percent(report, areas) -> None:
    assert kursk_share(report, areas) == pytest.approx(100 * 650 / 29997)
    assert 2 < kursk_share(report, areas) < 2.5
