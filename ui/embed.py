"""The map page made for an article's frame (`?embed=true`, the way Streamlit Community Cloud apps
are put in pages): the map, and under it the key figures, both in the frame at 700x650 and at
360x640 without scrolling.

Streamlit hides its own toolbar in an embed; the entry point leaves out the navigation and the
language row (the language comes from the address, `?lang=uk`), and the map page draws this view
instead of its own. Its map is the page's own (the same cached component), with no region to pick;
the day (`?date=`) and the scenario and reading of the address still apply.
"""

from __future__ import annotations

import datetime as dt
import time
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

import folium
import streamlit as st
from branca.element import Element, MacroElement
from jinja2 import Template

from reportmap.checks import TotalCheck, share_regions
from reportmap.library import DEFAULT_REPORT
from reportmap.mapparts import INITIAL_BOUNDS
from reportmap.mapprotocol import DAY
from reportmap.mapview import MapOptions
from reportmap.measured import MEASURED_BY
from reportmap.scenarios import ColourBy, Scenario
from reportmap.texts import DEFAULT_LANG, Locale
from ui import panels, state
from ui.data import Data, DataVersion, day_layer, report_map
from ui.mapcomponent import on_map, show_map

CSS = (Path(__file__).resolve().parent / "embed.css").read_text(encoding="utf-8")
MAP_HEIGHT = 416  # embed.css's height at 700x650 (64% of 650): there, nothing changes when the style applies
# A session's first run waits this long after sending the style, so that the browser has Streamlit's
# code for it and applies it before the map and the figures arrive: on a phone the style shrinks the
# map's box, and the figures would move up under a reader's eyes (as ui/page.let_layout_settle).
STYLE_SETTLE_S = 0.25
# Inside the map's frame: the map fills it, whatever height embed.css gives the frame (streamlit-folium
# sets the map's height in pixels, from MAP_HEIGHT); the map refits Ukraine when its box changes.
FILL_FRAME = "<style>#map_div { height: 100vh !important; }</style>"


FIT_JS = (Path(__file__).resolve().parent / "embed_fit.js").read_text(encoding="utf-8")


class FitAboveAttribution(MacroElement):
    """embed_fit.js, given the map and the bounds the map fits (Ukraine and Kursk)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.js }}({{ this._parent.get_name() }}, "
                         "{{ this.bounds|tojson }});{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "FitAboveAttribution"
        self.js, self.bounds = FIT_JS, [list(corner) for corner in INITIAL_BOUNDS]


def embed_map(options: MapOptions, version: DataVersion) -> folium.Map:
    """The page's map (`report_map`), filling whatever frame it is given, Ukraine fitted above its
    attribution line."""
    m = report_map(options, version)
    # Without the zoom's animation: the map's own fit animates, and its animation, ending after our
    # fit, would leave the map half-way between the two (seen on a 360 px frame).
    m.options["zoom_animation"] = False
    m.get_root().header.add_child(Element(FILL_FRAME), name="rm_fill_frame")
    FitAboveAttribution().add_to(m)
    return m


def embedded() -> bool:
    """Whether the page is inside another page's frame (`?embed=true`). Streamlit keeps that
    parameter out of st.query_params; it tells the script through st.context."""
    return bool(st.context.is_embedded)


EMBED_WIDTH, EMBED_HEIGHT = 700, 650
PLACEHOLDER_ORIGIN = "https://example.org"  # where the page cannot tell its own address (a test, say)


def snippet(loc: Locale, page_url: str | None, report: str = DEFAULT_REPORT) -> str:
    """The HTML an article pastes: a frame of this app's map page in embed mode, titled and sized.

    `page_url` is the address the reader has open (st.context.url); the frame points at the same
    server's map page, for `report` (a library id, known to the page; the default needs none)."""
    parts = urlsplit(page_url or PLACEHOLDER_ORIGIN)
    base = f"{parts.scheme}://{parts.netloc}/" if parts.scheme in ("http", "https") and parts.netloc \
        else f"{PLACEHOLDER_ORIGIN}/"
    query = ("?embed=true" + ("" if loc.code == DEFAULT_LANG else f"&lang={loc.code}")
             + ("" if report == DEFAULT_REPORT else f"&report={quote(report)}"))
    src, title = (escape(text, quote=False).replace('"', "&quot;")
                  for text in (base + query, loc.t("embed_iframe_title")))
    return (f'<iframe src="{src}" title="{title}"\n'
            f'        width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" loading="lazy"\n'
            f'        style="width: 100%; max-width: {EMBED_WIDTH}px; border: 0;"></iframe>')


def _total(label: str, total: TotalCheck, measured: str, scope: str, unit: str, loc: Locale) -> str:
    stated = panels.stated(total.stated, unit, loc)
    return loc.md("embed_total", label=label, stated=stated, date=loc.date(total.date), measured=measured,
                scope=scope, verdict=loc.t(total.verdict.key))


def article_view(base: Data, day: dt.date, data: Data, loc: Locale, scenario: Scenario, colour_by: ColourBy) -> None:
    """The map, then the report's totals beside the measurement, the day and the sources."""
    st.html(f"<style>{CSS}</style>")  # style only: Streamlit puts it where it takes no room
    if not st.session_state.get(state.EMBED_STYLED):
        st.session_state[state.EMBED_STYLED] = True
        time.sleep(STYLE_SETTLE_S)
    options = MapOptions(lang=loc.code, scenario=scenario, colour_by=colour_by, occupied_overlay=True)
    with st.container(height=MAP_HEIGHT, border=False, key="embed_map"):
        show_map(embed_map, {"options": options, "version": base.version}, key="map", height=MAP_HEIGHT,
                 use_container_width=True, returned_objects=[])
    check, report = data.check, data.published
    km2 = loc.t("km2")
    lines = [panels.heading(loc.t("app_title"), 1)]
    note = loc.day_note(day, data.measurement.date, report.info.date)
    if note:  # a later day's measurement is never read as the report's own
        lines.append(f":blue-background[{panels.md(note)}]")
    if check.area is not None:  # a report without totals shows none
        lines.append(_total(loc.t("metric_area"), check.area, f"{loc.integer(check.area.measured)} {km2}",
                            loc.t("embed_area_scope"), f" {km2}", loc))
    if check.share is not None:
        lines.append(_total(loc.t("metric_share"), check.share, loc.pct(check.share.measured),
                            loc.t("embed_share_scope", count=len(share_regions(report))), "%", loc))
    lines.append(panels.small(panels.md(loc.t("embed_source", citation=report.info.citation(loc.code), **MEASURED_BY))))
    with st.container(key="embed_figures", gap="small"):
        st.markdown("\n\n".join(lines))
    on_map(DAY, day_layer(options, day, base.version))
