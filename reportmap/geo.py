"""Boundaries, and their join with the report's figures into one GeoDataFrame."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from reportmap.areas import controlled_km2, kursk_share, region_share
from reportmap.checks import ReportCheck
from reportmap.loading import DataError, read_json
from reportmap.measured import Measurement
from reportmap.records import ControlClass, OfficialAreas, Report
from reportmap.scenarios import demanded_statements

GEODATA_DIR = Path(__file__).resolve().parent.parent / "geodata"
BOUNDARIES_FILE = GEODATA_DIR / "regions.geojson"

REQUIRED_PROPERTIES = ("id", "name", "name_uk", "country", "kind")
KINDS = ("oblast", "city", "autonomous republic", "neighbour")


class Role:
    """How a boundary unit takes part in the map."""

    UKRAINE = "ukraine"
    KURSK = "kursk"
    NEIGHBOUR = "neighbour"


def load_boundaries(path: Path = BOUNDARIES_FILE) -> gpd.GeoDataFrame:
    """The committed boundary file, checked: a bad file is a DataError, not a traceback."""
    collection = read_json(path, "GeoJSON")
    features = collection.get("features") if isinstance(collection, dict) else None
    if not features:
        raise DataError(path, "file", "has no features")
    for index, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        name = f"feature '{props.get('id', f'#{index}')}'"
        missing = [key for key in REQUIRED_PROPERTIES if not props.get(key)]
        if missing:
            raise DataError(path, name, f"missing property '{missing[0]}'")
        if props["kind"] not in KINDS:
            raise DataError(path, name, f"unknown kind '{props['kind']}'")
        try:
            geometry = shapely.geometry.shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            raise DataError(path, name, "has no readable geometry") from None
        if geometry.is_empty or not shapely.is_valid(geometry):
            reason = shapely.is_valid_reason(geometry) if not geometry.is_empty else "empty"
            raise DataError(path, name, f"has an invalid geometry ({reason})")
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    duplicated = frame["id"][frame["id"].duplicated()]
    if not duplicated.empty:
        raise DataError(path, f"feature '{duplicated.iloc[0]}'", "duplicate id")
    frame = frame[[*REQUIRED_PROPERTIES, "geometry"]]
    frame.attrs["source"] = str(path)  # so a join error names the file that was read
    return frame


def join_figures(
    boundaries: gpd.GeoDataFrame, report: Report, areas: OfficialAreas, measurement: Measurement,
    check: ReportCheck,
) -> gpd.GeoDataFrame:
    """One row per boundary unit, carrying the figure the report gives it (if any), and
    beside it, never merged with it, what was measured there.

    Every Ukrainian unit must have an official area and a measurement, and every figure a
    region on the map, so that nothing the report says is silently dropped. `report` may
    follow a scenario; `check` is the published report checked against `measurement`.
    """
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
    if report.kursk.region not in set(boundaries["id"]):
        raise DataError(source, "kursk", f"no boundary for '{report.kursk.region}'")

    rows = []
    for region_id, country in zip(boundaries["id"], boundaries["country"], strict=True):
        rows.append(_figure_row(region_id, country, report, areas, measurement, check))
    figures = pd.DataFrame(rows, index=boundaries.index)
    return gpd.GeoDataFrame(pd.concat([boundaries, figures], axis=1), crs=boundaries.crs)


def _figure_row(region_id: str, country: str, report: Report, areas: OfficialAreas, measurement: Measurement,
                check: ReportCheck) -> dict:
    if region_id == report.kursk.region:
        return {
            "role": Role.KURSK, "control_class": None, "statement": None,
            "wording": report.kursk.wording,
            "reading": "", "pair_note": "", "share_low": None, "share_high": None,
            "colour": None, "official_km2": areas.kursk_km2, "held_by_ukraine_km2": report.kursk.km2,
            "held_by_ukraine_pct": kursk_share(report, areas),
        }
    if country != "UA":
        return {"role": Role.NEIGHBOUR}
    statement = report.statement_for_region(region_id)
    share = region_share(report, region_id)
    measured = {
        "measured_date": measurement.date.isoformat(),
        "measured_km2": measurement.km2([region_id]),
        "measured_share": measurement.share([region_id]),
        "boundary_km2": measurement.area([region_id]),
    }
    if statement is None:
        return {
            "role": Role.UKRAINE, "control_class": ControlClass.NONE, "statement": None, "wording": "",
            "reading": "", "reading_uk": "", "pair_note": "", "pair_note_uk": "", "together": "",
            "share_low": 0.0, "share_high": 0.0, "colour": 0.0, "official_km2": areas.km2(region_id),
            "demanded": False, **measured,
        }
    stated_km2 = controlled_km2(report, areas, [statement.id])
    stated_check = check.for_region(region_id)
    return {
        "role": Role.UKRAINE,
        "control_class": statement.control_class,
        "statement": statement.id,
        "wording": statement.wording,
        "reading": statement.reading,
        "reading_uk": statement.reading_uk,
        "pair_note": statement.pair_note,
        "pair_note_uk": statement.pair_note_uk,
        # The statement's figure belongs to these regions together, never to one of them alone.
        "together": ",".join(statement.regions),
        "share_low": share.low, "share_high": share.high,
        "colour": statement.colour,
        "official_km2": areas.km2(region_id),
        "statement_official_km2": sum(areas.km2(r) for r in statement.regions),
        "statement_km2_low": stated_km2.low, "statement_km2_high": stated_km2.high,
        "demanded": statement.id in demanded_statements(report),
        **measured,
        "statement_measured_km2": stated_check.km2 if stated_check else None,
        "statement_measured_share": stated_check.share if stated_check else None,
        "verdict": stated_check.verdict.value if stated_check else None,
    }
