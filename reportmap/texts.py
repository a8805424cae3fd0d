"""Every piece of interface text, per language, in one place.

Numbers are formatted here too, so that a range is always written as a range.
"""

from __future__ import annotations

from reportmap.records import ControlClass, Range

DEFAULT_LANG = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "Russian-controlled territory in Ukraine, as one report puts it",
        "app_caption": "Source: {citation}. Hover a region for its figure; click it for details.",
        "class_all": "All (Crimea, since 2014)",
        "class_more-than-80": "More than 80%",
        "class_around-70": "Around 70%",
        "class_smaller-parts": "Smaller parts (no figure given)",
        "class_none": "None reported",
        "legend_title": "Share under Russian control, in the report's words",
        "legend_kursk": "Kursk oblast (Russia): Ukraine holds ≈{km2} km²; circle to scale",
        "legend_neighbour": "Neighbouring regions and countries",
        "tip_report": "Report",
        "tip_read_as": "Read as {range} under Russian control",
        "tip_km2": "≈ {range} of {area} km²",
        "tip_unnamed": "No Russian control reported: the report does not name this region.",
        "tip_area": "Area {area} km²",
        "tip_source": "Source: {citation}; areas: {area_source} (context)",
        "tip_kursk_share": "≈ {pct}% of the oblast's {area} km² ({area_source}, context)",
        "tip_kursk_outline": (
            "The dashed outline marks the whole oblast, not the area Ukraine holds. The "
            "circle shows {km2} km² to scale; the report gives no location, so its "
            "position is illustrative."
        ),
        "tip_neighbour": "Neighbouring {what}, shown for context",
        "tip_country": "country",
        "tip_region_of_russia": "region of Russia",
        "kursk_name": "Kursk Oblast (Russia)",
        "kursk_circle": "≈{km2} km² held by Ukraine (to scale; position illustrative)",
        "basemap_attribution": "© OpenStreetMap contributors",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    return table[key].format(**values) if values else table[key]


def class_label(control_class: ControlClass | str, lang: str = DEFAULT_LANG) -> str:
    return t(f"class_{ControlClass(control_class).value}", lang)


def fmt_int(value: float) -> str:
    return f"{value:,.0f}"


def fmt_pct_range(share: Range) -> str:
    if share.low == share.high:
        return f"{share.low:g}%"
    return f"{share.low:g}–{share.high:g}%"


def fmt_km2_range(km2: Range, step: int = 100) -> str:
    """km² rounded to `step`: the inputs are ranges, so more digits would be false precision.

    An exact figure (a share of 100% of an official area) is left as it is.
    """
    if km2.low == km2.high:
        return f"{fmt_int(km2.low)} km²"
    low, high = round(km2.low / step) * step, round(km2.high / step) * step
    if low == high:
        return f"{fmt_int(low)} km²"
    return f"{fmt_int(low)}–{fmt_int(high)} km²"


def fmt_share_range(share: Range, digits: int = 1) -> str:
    return f"{share.low:.{digits}f}–{share.high:.{digits}f}%"
