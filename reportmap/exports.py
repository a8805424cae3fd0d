"""Tables and files made from the joined regions: the figures table, CSV and GeoJSON.

The report's figures and DeepStateMap's measurement travel side by side, never merged; every
row of a download names the measurement's source and licence.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from reportmap.geo import Role
from reportmap.measured import CREDIT, MeasuredSeries
from reportmap.records import Range
from reportmap.texts import class_label, fmt_int, fmt_km2_range, fmt_pct, fmt_pct_range, t

# Columns of the joined frame that the downloads carry, in this order. `share_*` and
# `statement_km2_*` are the report's figure for the regions in `together`, taken together.
GEOJSON_COLUMNS = (
    "id", "name", "name_uk", "country", "kind", "role", "control_class", "wording", "together", "reading",
    "pair_note", "share_low", "share_high", "colour", "statement_km2_low", "statement_km2_high",
    "statement_official_km2", "official_km2", "measured_date", "measured_km2", "measured_share", "boundary_km2",
    "statement_measured_km2", "statement_measured_share", "verdict", "held_by_ukraine_km2", "held_by_ukraine_pct",
)
MEASURED_SOURCE = "measured_source"


def figures_table(joined: gpd.GeoDataFrame, sources: str, lang: str = "en") -> pd.DataFrame:
    """Every Ukrainian unit's figure as a plain table: the map's text alternative.

    `sources` names where the wording and the areas come from, for every row.
    """
    ukraine = joined[joined["role"] == Role.UKRAINE].sort_values(
        ["share_high", "measured_share", "name"], ascending=[False, False, True]
    )
    names = dict(zip(joined["id"], joined["name_uk" if lang == "uk" else "name"], strict=True))
    rows = ukraine.to_dict("records")

    def together(row: dict) -> str:
        ids = [i for i in str(row["together"]).split(",") if i]
        return " + ".join(names[i] for i in ids) if ids else ""

    def stated(row: dict) -> str:
        if not row["wording"]:
            return ""
        km2 = Range(row["statement_km2_low"], row["statement_km2_high"])
        return f"{fmt_pct_range(Range(row['share_low'], row['share_high']))} ≈ {fmt_km2_range(km2, lang)}"

    def statement_measured(row: dict) -> str:
        if not row["wording"]:
            return ""
        return f"{fmt_pct(row['statement_measured_share'], lang)}: {t('verdict_' + row['verdict'], lang)}"

    return pd.DataFrame({
        t("col_region", lang): [names[r["id"]] for r in rows],
        t("col_id", lang): [r["id"] for r in rows],
        t("col_wording", lang): [r["wording"] or t("not_named", lang) for r in rows],
        t("col_together", lang): [together(r) for r in rows],
        t("col_class", lang): [class_label(r["control_class"], lang) for r in rows],
        t("col_range", lang): [stated(r) for r in rows],
        t("col_statement_measured", lang): [statement_measured(r) for r in rows],
        t("col_measured", lang): [fmt_pct(r["measured_share"], lang) for r in rows],
        t("col_measured_km2", lang): [fmt_int(r["measured_km2"], lang) for r in rows],
        t("col_area", lang): [round(r["official_km2"]) for r in rows],
        t("col_reading", lang): [r["reading_uk" if lang == "uk" else "reading"] for r in rows],
        t("col_source", lang): sources,
    })


def _with_source(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame[MEASURED_SOURCE] = [CREDIT if role == Role.UKRAINE else "" for role in frame["role"]]
    return frame


def figures_csv(joined: gpd.GeoDataFrame) -> str:
    """Machine-readable figures: numbers stay numbers, one row per Ukrainian unit and Kursk."""
    rows = joined[joined["role"] != Role.NEIGHBOUR]
    columns = [c for c in GEOJSON_COLUMNS if c in rows.columns]
    return _with_source(pd.DataFrame(rows[columns])).to_csv(index=False)


def regions_geojson(joined: gpd.GeoDataFrame) -> str:
    """The joined regions as GeoJSON (EPSG:4326), figures and measurement in each feature's properties."""
    columns = [c for c in GEOJSON_COLUMNS if c in joined.columns]
    frame = _with_source(joined[[*columns, "geometry"]])
    frame["control_class"] = frame["control_class"].astype("string")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=joined.crs).to_json(drop_id=True, ensure_ascii=False)


def series_csv(series: MeasuredSeries, joined: gpd.GeoDataFrame) -> str:
    """Every day's measurement per Ukrainian region, one row per day and region (tidy CSV).

    Days without a file are left out, as in the source; each row names the source and licence.
    """
    ukraine = joined[joined["role"] == Role.UKRAINE].sort_values("id")
    names = list(zip(ukraine["id"], ukraine["name"], ukraine["name_uk"], strict=True))
    rows = []
    for day in series.days:
        occupied, areas = dict(day.units), dict(day.unit_areas)
        for region_id, name, name_uk in names:
            rows.append((day.date.isoformat(), region_id, name, name_uk, occupied[region_id], areas[region_id],
                         round(100 * occupied[region_id] / areas[region_id], 3), CREDIT))
    frame = pd.DataFrame(rows, columns=["date", "id", "name", "name_uk", "measured_km2", "boundary_km2",
                                        "measured_share", MEASURED_SOURCE])
    return frame.to_csv(index=False)
