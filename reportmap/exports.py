"""Tables and files made from the joined regions: the figures table, CSV and GeoJSON."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from reportmap.geo import Role
from reportmap.records import Range
from reportmap.texts import class_label, fmt_km2_range, fmt_pct_range, t

# Columns of the joined frame that the GeoJSON download carries, in this order.
GEOJSON_COLUMNS = (
    "id", "name", "name_uk", "country", "kind", "role", "control_class", "wording", "reading",
    "pair_note", "share_low", "share_high", "colour", "km2_low", "km2_high", "official_km2",
    "held_by_ukraine_km2", "held_by_ukraine_pct",
)


def figures_table(joined: gpd.GeoDataFrame, sources: str, lang: str = "en") -> pd.DataFrame:
    """Every Ukrainian unit's figure as a plain table: the map's text alternative.

    `sources` names where the wording and the areas come from, for every row.
    """
    ukraine = joined[joined["role"] == Role.UKRAINE].sort_values(
        ["share_high", "name"], ascending=[False, True]
    )
    shares = [Range(lo, hi) for lo, hi in zip(ukraine["share_low"], ukraine["share_high"], strict=True)]
    km2 = [Range(lo, hi) for lo, hi in zip(ukraine["km2_low"], ukraine["km2_high"], strict=True)]
    names = ukraine["name_uk" if lang == "uk" else "name"]
    return pd.DataFrame({
        t("col_region", lang): names.to_numpy(),
        t("col_id", lang): ukraine["id"].to_numpy(),
        t("col_wording", lang): ukraine["wording"].replace("", t("not_named", lang)).to_numpy(),
        t("col_class", lang): [class_label(c, lang) for c in ukraine["control_class"]],
        t("col_range", lang): [fmt_pct_range(s) for s in shares],
        t("col_km2", lang): [fmt_km2_range(k, lang) for k in km2],
        t("col_area", lang): ukraine["official_km2"].round().astype(int).to_numpy(),
        t("col_reading", lang): ukraine["reading_uk" if lang == "uk" else "reading"].to_numpy(),
        t("col_source", lang): sources,
    })


def figures_csv(joined: gpd.GeoDataFrame) -> str:
    """Machine-readable figures: numbers stay numbers, one row per Ukrainian unit and Kursk."""
    rows = joined[joined["role"] != Role.NEIGHBOUR]
    columns = [c for c in GEOJSON_COLUMNS if c in rows.columns]
    return pd.DataFrame(rows[columns]).to_csv(index=False)


def regions_geojson(joined: gpd.GeoDataFrame) -> str:
    """The joined regions as GeoJSON (EPSG:4326), figures in each feature's properties."""
    columns = [c for c in GEOJSON_COLUMNS if c in joined.columns]
    frame = joined[[*columns, "geometry"]].copy()
    frame["control_class"] = frame["control_class"].astype("string")
    return frame.to_json(drop_id=True, ensure_ascii=False)
