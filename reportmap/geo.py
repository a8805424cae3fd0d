"""Boundaries, and their join with the report's figures into one GeoDataFrame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from reportmap.areas import controlled_km2, kursk_share, region_share
from reportmap.checks import ReportCheck, StatementCheck
from reportmap.errors import DataError
from reportmap.loading import read_json
from reportmap.measured import Measurement
from reportmap.records import ZERO, ControlClass, KurskClaim, OfficialAreas, Range, Report, Statement, Text
from reportmap.scenarios import demanded_statements
from reportmap.texts import LANGUAGES

GEODATA_DIR = Path(__file__).resolve().parent.parent / "geodata"
BOUNDARIES_FILE = GEODATA_DIR / "regions.geojson"

# `name` is English; each other language of the interface (reportmap/locales/) has `name_<lang>`.
REQUIRED_PROPERTIES = ("id", "name", *(f"name_{lang}" for lang in LANGUAGES if lang != "en"), "country", "kind")
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


@dataclass(frozen=True)
class Measured:
    """What DeepStateMap measured in one Ukrainian unit on one day."""

    date: dt.date
    km2: float
    share: float  # percent of the unit's boundary area
    boundary_km2: float


@dataclass(frozen=True)
class RegionFigure:
    """One boundary unit as the join makes it: its names, what the report says of it and, beside
    it, never merged with it, what was measured there.

    Ukraine's units carry `official_km2`, `share` (our reading of the statement naming the unit,
    0 when none does) and `measured`; a unit named by a statement also its `statement` (as the
    scenario has it), the km² that statement gives its regions together, and `check` (the
    published statement against the measurement). Kursk carries the report's foothold.
    Neighbours carry their names only.
    """

    id: str
    names: Text
    country: str
    kind: str
    role: str
    wording: str = ""  # the report's words for it (Kursk's too), "" when the report names none
    official_km2: float | None = None
    statement: Statement | None = None
    share: Range | None = None
    demanded: bool = False
    statement_official_km2: float | None = None
    statement_km2: Range | None = None
    measured: Measured | None = None
    check: StatementCheck | None = None
    held_km2: float | None = None  # Kursk: the area the report says Ukraine holds
    held_pct: float | None = None  # ... as a share of the oblast's official area
    day: dt.date | None = None  # Kursk: the day shown (the measurement's), which `claims` are for
    claims: tuple[KurskClaim, ...] = ()  # Kursk: each party's newest published claim by `day`

    def name(self, lang: str) -> str:
        return self.names(lang)

    @property
    def control_class(self) -> ControlClass | None:
        """The legend's class of a Ukrainian unit (NONE where the report names none); None otherwise."""
        if self.role != Role.UKRAINE:
            return None
        return self.statement.control_class if self.statement else ControlClass.NONE

    @property
    def together(self) -> tuple[str, ...]:
        """The regions the statement names together (its figure belongs to them, never to one alone)."""
        return self.statement.regions if self.statement else ()

    @property
    def in_pair(self) -> bool:
        return len(self.together) > 1


FIGURE = "figure"  # the joined frame's column of RegionFigure records


def figures(joined: pd.DataFrame) -> dict[str, RegionFigure]:
    """The joined frame's records by unit id, in the frame's order."""
    return dict(zip(joined["id"], joined[FIGURE], strict=True))


def names(joined: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every unit's name in `lang`, by id."""
    return {region_id: figure.name(lang) for region_id, figure in figures(joined).items()}


def _names(row: Mapping[str, object]) -> Text:
    """The unit's names from the boundary file: `name` (English) and `name_<lang>` for the others."""
    others = tuple(sorted((key.removeprefix("name_"), str(value)) for key, value in row.items()
                          if key.startswith("name_") and value))
    return Text(str(row["name"]), others)


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
    if report.kursk is not None and report.kursk.region not in set(boundaries["id"]):
        raise DataError(source, "kursk", f"no boundary for '{report.kursk.region}'")

    records = [_figure(row, report, areas, measurement, check)
               for row in boundaries.drop(columns="geometry").to_dict("records")]
    return gpd.GeoDataFrame({"id": [r.id for r in records], "role": [r.role for r in records], FIGURE: records},
                            geometry=boundaries.geometry.to_numpy(), crs=boundaries.crs, index=boundaries.index)


def _figure(row: dict, report: Report, areas: OfficialAreas, measurement: Measurement,
            check: ReportCheck) -> RegionFigure:
    region_id = str(row["id"])
    unit = {"id": region_id, "names": _names(row), "country": str(row["country"]), "kind": str(row["kind"])}
    if report.kursk is not None and region_id == report.kursk.region:
        return RegionFigure(**unit, role=Role.KURSK, wording=report.kursk.wording, official_km2=areas.kursk_km2,
                            held_km2=report.kursk.km2, held_pct=kursk_share(report, areas),
                            day=measurement.date, claims=report.kursk_claims_on(measurement.date))
    if unit["country"] != "UA":
        return RegionFigure(**unit, role=Role.NEIGHBOUR)
    measured = Measured(measurement.date, measurement.km2([region_id]), measurement.share([region_id]),
                        measurement.area([region_id]))
    ukraine = {**unit, "role": Role.UKRAINE, "official_km2": areas.km2(region_id), "measured": measured}
    statement = report.statement_for_region(region_id)
    if statement is None:
        return RegionFigure(**ukraine, share=ZERO)
    return RegionFigure(
        **ukraine,
        wording=statement.wording,
        statement=statement,
        share=region_share(report, region_id),
        demanded=statement.id in demanded_statements(report),
        statement_official_km2=sum(areas.km2(r) for r in statement.regions),
        statement_km2=controlled_km2(report, areas, [statement.id]),
        check=check.for_region(region_id),
    )
