"""The check page's two pictures, as Vega-Lite specs (plain dicts, data inline): the map of the
claim's day with its territory outlined and the occupied area shaded, and the territory's
measured share (or km²) over every week with the claim's reading drawn on it."""

from __future__ import annotations

import json

import geopandas as gpd
import shapely

from reportmap.claims import ClaimCheck
from reportmap.measured import MeasuredSeries
from reportmap.records import UKRAINE, Quantity
from reportmap.texts import Locale

SIMPLIFY_DEG = 0.02  # about 2 km: an overview map of the whole country, light on the wire
OCCUPIED = "#b2182b"
SCOPE = "#1f4e99"


def _features(frame: gpd.GeoDataFrame, **properties: object) -> list[dict]:
    geometry = shapely.simplify(frame.geometry.values, SIMPLIFY_DEG, preserve_topology=True)
    geometry = shapely.set_precision(geometry, 0.001)
    out = json.loads(gpd.GeoSeries(geometry, crs=frame.crs).to_json())["features"]
    for feature, unit in zip(out, frame["id"], strict=True):
        feature["properties"] = {"id": unit, **properties}
    return out


def _overlay_features(overlay: dict) -> list[dict]:
    shapes = [shapely.geometry.shape(f["geometry"]) for f in overlay.get("features", [])]
    simplified = shapely.set_precision(shapely.simplify(shapes, SIMPLIFY_DEG, preserve_topology=True), 0.001)
    return [{"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": {}} for g in simplified]


def map_spec(ukraine: gpd.GeoDataFrame, scope: tuple[str, ...], overlay: dict | None, names: dict[str, str],
             loc: Locale) -> dict:
    """Ukraine's units, the claim's territory outlined, the day's occupied area shaded."""
    ids = set(ukraine["id"]) if scope == (UKRAINE,) else set(scope)
    units = _features(ukraine)
    for feature in units:
        feature["properties"]["name"] = names.get(feature["properties"]["id"], feature["properties"]["id"])
    chosen = [f for f in units if f["properties"]["id"] in ids]
    layers: list[dict] = [
        {"data": {"values": units}, "mark": {"type": "geoshape", "aria": False, "fill": "#eeeeee", "stroke": "#8a8a8a",
                                             "strokeWidth": 0.5},
         "encoding": {"tooltip": [{"field": "properties.name", "type": "nominal", "title": loc.t("region")}]}},
    ]
    if overlay is not None:
        layers.append({"data": {"values": _overlay_features(overlay)},
                       "mark": {"type": "geoshape", "aria": False, "fill": OCCUPIED, "fillOpacity": 0.45,
                                "stroke": OCCUPIED, "strokeWidth": 0.6}})
    layers.append({"data": {"values": chosen},
                   "mark": {"type": "geoshape", "aria": False, "filled": False, "stroke": SCOPE, "strokeWidth": 2.5}})
    # SVG, not canvas: the outline is then an element a reader's tools (and the browser tests) can find.
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container", "height": 340,
            "projection": {"type": "mercator"}, "layer": layers, "usermeta": {"embedOptions": {"renderer": "svg"}},
            "description": loc.t("check_map_alt", scope=", ".join(sorted(names.get(u, u) for u in ids))),
            "config": {"view": {"stroke": None}}}


def series_spec(check: ClaimCheck, series: MeasuredSeries, ids: tuple[str, ...], loc: Locale) -> dict:
    """Every week's measurement of the territory, the claim's reading as a band, its day as a rule."""
    claim = check.claim
    km2 = claim.quantity is Quantity.KM2
    whole = ids if claim.whole is None else tuple(u for u, _ in series.days[0].unit_areas)
    area = series.days[0].area(whole)
    points = []
    for measurement in series.days[::7] + ((series.days[-1],) if len(series.days) % 7 != 1 else ()):
        occupied = measurement.km2(ids)
        points.append({"day": measurement.date.isoformat(),
                       "value": round(occupied if km2 else 100 * occupied / area, 3)})
    title = loc.t("check_chart_km2" if km2 else "check_chart_share")
    x = {"field": "day", "type": "temporal", "title": None}
    layers: list[dict] = [{"data": {"values": points}, "mark": {"type": "line", "color": OCCUPIED},
                           "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": title,
                                                      "scale": {"zero": True}},
                                        "tooltip": [{"field": "day", "type": "temporal", "title": loc.t("date")},
                                                    {"field": "value", "type": "quantitative", "title": title,
                                                     "format": ",.1f"}]}}]
    if check.reading is not None:
        band = {"low": check.reading.low, "high": check.reading.high, "label": loc.t("check_chart_reading")}
        layers.insert(0, {"data": {"values": [band]},
                          "mark": {"type": "rect", "color": SCOPE, "opacity": 0.18},
                          "encoding": {"y": {"field": "low", "type": "quantitative"},
                                       "y2": {"field": "high"},
                                       "tooltip": [{"field": "label", "type": "nominal", "title": None}]}})
    if series.first <= claim.date <= series.last:
        layers.append({"data": {"values": [{"day": claim.date.isoformat()}]},
                       "mark": {"type": "rule", "color": SCOPE, "strokeDash": [4, 3]},
                       "encoding": {"x": {"field": "day", "type": "temporal"}}})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": "container", "height": 220,
            "layer": layers}

