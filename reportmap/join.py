"""The join: boundaries and the report's figures into one GeoDataFrame, one `RegionFigure` per unit."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd

from reportmap.areas import controlled_km2, kursk_share
from reportmap.checks import ReportCheck
from reportmap.errors import DataError
from reportmap.loading import BOUNDARIES_FILE
from reportmap.measured import Measurement
from reportmap.records import ZERO, OfficialAreas, Text
from reportmap.regions import FIGURE, Occupied, RegionFigure, Role
from reportmap.scenarios import ScenarioView, demanded_statements


def _names(row: Mapping[str, object]) -> Text:
    """The unit's names from the boundary file: `name` (English) and `name_<lang>` for the others."""
    others = tuple(sorted((key.removeprefix("name_"), str(value)) for key, value in row.items()
                          if key.startswith("name_") and value))
    return Text(str(row["name"]), others)


def join_figures(
    boundaries: gpd.GeoDataFrame, shown: ScenarioView, areas: OfficialAreas, measurement: Measurement,
    check: ReportCheck,
) -> gpd.GeoDataFrame:
    """One row per boundary unit, carrying the figure the report gives it (if any), and
    beside it, never merged with it, what was measured there.

    Every Ukrainian unit must have an official area and a measurement, and every figure a
    region on the map, so that nothing the report says is silently dropped. `shown` is the report
    as published under a scenario; `check` is the published report checked against `measurement`.
    """
    report = shown.report
    source = boundaries.attrs.get("source", str(BOUNDARIES_FILE))
    ukrainian = boundaries[boundaries["country"] == "UA"]
    drawn, official = set(ukrainian["id"]), set(areas.ids)
    if drawn != official:
        gap = sorted(drawn ^ official)
        raise DataError(source, "Ukrainian units",
                        f"boundaries and official areas disagree on {', '.join(gap)}")
    for statement in report.statements:
        for region_id in statement.regions:
            if region_id not in drawn:
                raise DataError(source, f"statement '{statement.id}'",
                                f"region '{region_id}' is not a Ukrainian unit on the map")
    unmeasured = drawn - {region_id for region_id, _ in measurement.units}
    if unmeasured:
        raise DataError(source, "Ukrainian units", f"no measurement for {', '.join(sorted(unmeasured))}")
    if report.kursk is not None and report.kursk.region not in set(boundaries["id"]):
        raise DataError(source, "kursk", f"no boundary for '{report.kursk.region}'")

    records = [_figure(row, shown, areas, measurement, check)
               for row in boundaries.drop(columns="geometry").to_dict("records")]
    return gpd.GeoDataFrame({"id": [r.id for r in records], "role": [r.role for r in records], FIGURE: records},
                            geometry=boundaries.geometry.to_numpy(), crs=boundaries.crs, index=boundaries.index)


def _figure(row: dict, shown: ScenarioView, areas: OfficialAreas, measurement: Measurement,
            check: ReportCheck) -> RegionFigure:
    report, region_id = shown.report, str(row["id"])
    unit = {"id": region_id, "names": _names(row), "country": str(row["country"]), "kind": str(row["kind"])}
    if report.kursk is not None and region_id == report.kursk.region:
        return RegionFigure(**unit, role=Role.KURSK, wording=report.kursk.wording, official_km2=areas.kursk_km2,
                            held_km2=report.kursk.km2, held_pct=kursk_share(report, areas),
                            day=measurement.date, claims=report.kursk_claims_on(measurement.date))
    if unit["country"] != "UA":
        return RegionFigure(**unit, role=Role.NEIGHBOUR)
    measured = Occupied(measurement.date, measurement.km2([region_id]), measurement.share([region_id]),
                        measurement.area([region_id]))
    ukraine = {**unit, "role": Role.UKRAINE, "official_km2": areas.km2(region_id), "measured": measured}
    statement = report.statement_for_region(region_id)
    if statement is None:
        return RegionFigure(**ukraine, share=ZERO)
    returned = statement.id in shown.returned
    return RegionFigure(
        **ukraine,
        wording=statement.wording,
        statement=statement,
        returned=returned,
        share=shown.share(statement),
        demanded=statement.id in demanded_statements(report),
        statement_official_km2=sum(areas.km2(r) for r in statement.regions),
        statement_km2=ZERO if returned else controlled_km2(report, areas, [statement.id]),
        check=check.for_region(region_id),
    )
