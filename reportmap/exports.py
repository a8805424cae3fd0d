"""Tables and files made from the joined regions: the figures table, CSV and GeoJSON.

The report's figures and DeepStateMap's measurement travel side by side, never merged. The
figures' CSV and GeoJSON name the measurement's source and licence on every row (28 rows, one
feature each); the every-day series (20,763 rows) is a zip whose README credits it once.

Numbers are rounded to what they can mean: km² to 0.1 (DeepStateMap's derived km² are given to
0.1 km²; the official areas are whole km²), shares to 0.01 percentage points (on the largest
region about 3 km², finer than the verdicts' whole-point rules need, and no finer than the km²
they come from).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from reportmap.measured import CREDIT, MEASURED_BY, MeasuredSeries
from reportmap.regions import FIGURE, RegionFigure, Role, figures
from reportmap.texts import DEFAULT_LOCALE, LANGUAGES, Locale

# The downloads' columns, in this order. `share_*` and `statement_km2_*` are the report's figure
# for the regions in `together`, taken together.
GEOJSON_COLUMNS = (
    "id", "name", *(f"name_{lang}" for lang in LANGUAGES if lang != "en"), "country", "kind", "role",
    "control_class", "wording", "together", "reading",
    "pair_note", "share_low", "share_high", "colour", "statement_km2_low", "statement_km2_high",
    "statement_official_km2", "official_km2", "measured_date", "measured_km2", "measured_share", "boundary_km2",
    "statement_measured_km2", "statement_measured_share", "verdict", "held_by_ukraine_km2", "held_by_ukraine_pct",
)
MEASURED_SOURCE = "measured_source"
KM2_DECIMALS, SHARE_DECIMALS = 1, 2
KM2_COLUMNS = ("statement_km2_low", "statement_km2_high", "statement_official_km2", "official_km2", "measured_km2",
               "boundary_km2", "statement_measured_km2", "held_by_ukraine_km2")
SHARE_COLUMNS = ("share_low", "share_high", "colour", "measured_share", "statement_measured_share",
                 "held_by_ukraine_pct")
GPL_TEXT = Path(__file__).resolve().parent.parent / "geodata" / "sources" / "deepstate" / "LICENSE-GPL-3.0.txt"


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its km² and share columns rounded as the module's docstring says (in place)."""
    for columns, decimals in ((KM2_COLUMNS, KM2_DECIMALS), (SHARE_COLUMNS, SHARE_DECIMALS)):
        for column in columns:
            if column in frame.columns:
                frame[column] = pd.to_numeric(frame[column]).round(decimals)
    return frame


def flatten(region: RegionFigure) -> dict[str, object]:
    """One region as the downloads' flat columns (the one place records become columns).

    A neighbour has its names only; Kursk the report's foothold; a Ukrainian unit its figure
    (0 where the report names none) and the measurement beside it.
    """
    row: dict[str, object] = {"id": region.id, "name": region.names.en,
                              **{f"name_{lang}": text for lang, text in region.names.translations},
                              "country": region.country, "kind": region.kind, "role": region.role}
    if region.role == Role.NEIGHBOUR:
        return row
    statement = region.statement
    row |= {"control_class": region.control_class, "wording": region.wording,
            "reading": str(statement.reading) if statement else "",
            "pair_note": str(statement.pair_note) if statement else ""}
    if region.role == Role.KURSK:
        return row | {"share_low": None, "share_high": None, "colour": None, "official_km2": region.official_km2,
                      "held_by_ukraine_km2": region.held_km2, "held_by_ukraine_pct": region.held_pct}
    measured = region.measured
    row |= {"together": ",".join(region.together), "share_low": region.share.low, "share_high": region.share.high,
            "colour": region.colour, "official_km2": region.official_km2,
            "measured_date": measured.date.isoformat(), "measured_km2": measured.km2,
            "measured_share": measured.share, "boundary_km2": measured.boundary_km2}
    if statement is None:
        return row
    check = region.check
    return row | {"statement_official_km2": region.statement_official_km2,
                  "statement_km2_low": region.statement_km2.low, "statement_km2_high": region.statement_km2.high,
                  "statement_measured_km2": check.km2 if check else None,
                  "statement_measured_share": check.share if check else None,
                  "verdict": check.verdict.value if check else None}


def flat(joined: gpd.GeoDataFrame, roles: tuple[str, ...] = (Role.UKRAINE, Role.KURSK, Role.NEIGHBOUR)
         ) -> gpd.GeoDataFrame:
    """The joined regions of `roles` with the downloads' columns (and the geometry)."""
    keep = joined[joined["role"].isin(roles)]
    frame = pd.DataFrame([flatten(region) for region in keep[FIGURE]], index=keep.index)
    frame = rounded(frame[[c for c in GEOJSON_COLUMNS if c in frame.columns]].copy())
    frame[MEASURED_SOURCE] = [CREDIT if role == Role.UKRAINE else "" for role in frame["role"]]
    return gpd.GeoDataFrame(frame, geometry=keep.geometry, crs=joined.crs)


def figures_table(joined: gpd.GeoDataFrame, sources: str, loc: Locale = DEFAULT_LOCALE) -> pd.DataFrame:
    """Every Ukrainian unit's figure as a plain table: the map's text alternative.

    `sources` names where the wording and the areas come from, for every row.
    """
    regions = figures(joined)
    ukraine = sorted((r for r in regions.values() if r.role == Role.UKRAINE),
                     key=lambda r: (-r.share.high, -r.measured.share, r.names.en))

    def together(region: RegionFigure) -> str:
        return " + ".join(regions[i].name(loc.code) for i in region.together)

    def stated(region: RegionFigure) -> str:
        if not region.wording:
            return ""
        return f"{loc.pct_range(region.share)} ≈ {loc.km2_range(region.statement_km2)}"

    def statement_measured(region: RegionFigure) -> str:
        if not region.wording:
            return ""
        return f"{loc.pct(region.check.share)}: {loc.t(region.check.verdict.key)}"

    return pd.DataFrame({
        loc.t("col_region"): [r.name(loc.code) for r in ukraine],
        loc.t("col_id"): [r.id for r in ukraine],
        loc.t("col_wording"): [r.wording or loc.t("not_named") for r in ukraine],
        loc.t("col_together"): [together(r) for r in ukraine],
        loc.t("col_class"): [loc.class_label(r.control_class) for r in ukraine],
        loc.t("col_range"): [stated(r) for r in ukraine],
        loc.t("col_statement_measured"): [statement_measured(r) for r in ukraine],
        loc.t("col_measured"): [loc.pct(r.measured.share) for r in ukraine],
        loc.t("col_measured_km2"): [loc.integer(r.measured.km2) for r in ukraine],
        loc.t("col_area"): [round(r.official_km2) for r in ukraine],
        loc.t("col_reading"): [r.statement.reading(loc.code) if r.statement else "" for r in ukraine],
        loc.t("col_source"): sources,
    })


def figures_csv(joined: gpd.GeoDataFrame) -> str:
    """Machine-readable figures: numbers stay numbers, one row per Ukrainian unit and Kursk."""
    return pd.DataFrame(flat(joined, (Role.UKRAINE, Role.KURSK)).drop(columns="geometry")).to_csv(index=False)


def regions_geojson(joined: gpd.GeoDataFrame) -> str:
    """The joined regions as GeoJSON (EPSG:4326), figures and measurement in each feature's properties."""
    frame = flat(joined)
    frame["control_class"] = frame["control_class"].astype("string")
    return frame.to_json(drop_id=True, ensure_ascii=False)


SERIES_COLUMNS = ("date", "id", "name", "measured_km2", "boundary_km2", "measured_share")


def series_csv(series: MeasuredSeries, joined: gpd.GeoDataFrame) -> str:
    """Every day's measurement per Ukrainian region, one row per day and region (tidy CSV).

    Days without a file are left out, as in the source. No credit column: the zip's README
    (`series_zip`) credits the whole file once.
    """
    ukraine = sorted((r for r in joined[FIGURE] if r.role == Role.UKRAINE), key=lambda r: r.id)
    languages = sorted({lang for r in ukraine for lang in r.names.languages})
    rows = []
    for day in series.days:
        occupied, areas = dict(day.units), dict(day.unit_areas)
        for region in ukraine:
            rows.append((day.date.isoformat(), region.id, region.names.en, *(region.names(lang) for lang in languages),
                         occupied[region.id], areas[region.id], 100 * occupied[region.id] / areas[region.id]))
    names = [f"name_{lang}" for lang in languages]
    frame = pd.DataFrame(rows, columns=[*SERIES_COLUMNS[:3], *names, *SERIES_COLUMNS[3:]])
    return rounded(frame).to_csv(index=False)


def series_readme(series: MeasuredSeries, csv_name: str) -> str:
    """The zip's README: what the CSV holds, its source and licence, said once."""
    missing = ", ".join(day.isoformat() for day in series.missing) or "none"
    return f"""{csv_name}

DeepStateMap's measured Russian-occupied area of Ukraine, per Ukrainian region and day,
{series.first} to {series.last} ({len(series.days)} days; days without a file in the source
are left out: {missing}).

Source and licence: {CREDIT}.
  Measured by {MEASURED_BY["source"]} (https://deepstatemap.live), published as daily files by
  {MEASURED_BY["repository"]} (https://github.com/{MEASURED_BY["repository"]}); archive sha256
  {series.source_sha256}. The data and what is derived from it are under the GNU GPL version 3:
  its text is LICENSE-GPL-3.0.txt in this zip.

Columns (one row per day and region):
  date            the day of the measurement (YYYY-MM-DD)
  id              the region's ISO 3166-2 code
  name, name_*    its name in English and in the other languages of the dashboard
  measured_km2    the occupied area inside the region's boundary, km², to 0.1 km²
  boundary_km2    the area of that boundary (Natural Earth 1:10m), km², to 0.1 km²
  measured_share  measured_km2 over boundary_km2, percent, to 0.01 points

Each region's share is its occupied km² over the same boundary's area. The sum over regions
is not the occupied polygon's own total: DeepStateMap's border and coastline differ from the
boundaries (see the dashboard's Data and method page).
"""


def series_zip(series: MeasuredSeries, joined: gpd.GeoDataFrame, csv_name: str) -> bytes:
    """The every-day CSV in a zip with its README and the GPL's text: the credit once, not on
    each of its rows."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(csv_name, series_csv(series, joined))
        archive.writestr("README.txt", series_readme(series, csv_name))
        archive.writestr(GPL_TEXT.name, GPL_TEXT.read_text(encoding="utf-8"))
    return buffer.getvalue()
