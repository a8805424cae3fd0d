"""Leaflet, from the pinned PyPI package django-js-lib-leaflet (Leaflet 1.9.4), never a CDN.

None of its files is pasted into the repository. The page carries Leaflet inside the map
component's own arguments (`leaflet_sources`); a saved map inlines it (`inline_leaflet`).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import folium

LEAFLET_PACKAGE = "js_lib_leaflet"


def leaflet_source_dir() -> Path:
    """Where the pinned package keeps Leaflet's files."""
    return Path(str(resources.files(LEAFLET_PACKAGE))) / "static" / LEAFLET_PACKAGE


def no_leaflet_links(m: folium.Map) -> folium.Map:
    """No asset links at all: whoever shows the map carries Leaflet itself (`leaflet_sources`)."""
    m.default_js, m.default_css = [], []
    return m


def leaflet_sources() -> tuple[str, str]:
    """Leaflet's CSS and JS, as text, from the pinned package."""
    source = leaflet_source_dir()
    return (source / "leaflet.css").read_text(encoding="utf-8"), (source / "leaflet.js").read_text(encoding="utf-8")


def leaflet_inline_tags() -> str:
    """Leaflet's CSS and JS as inline tags, for a standalone file that opens offline."""
    css, js = leaflet_sources()
    return f"<style>{css}</style>\n<script>{js}</script>"


# folium's map page forbids zooming ("maximum-scale=1.0, user-scalable=no"); readers must be able
# to pinch-zoom (WCAG 1.4.4), so that part of its viewport tag is taken out of what it renders.
_NO_ZOOM = re.compile(r",\s*maximum-scale=[\d.]+\s*,\s*user-scalable=no")


def allow_pinch_zoom(html: str) -> str:
    """The rendered map page or header with its viewport tag allowing zoom."""
    return _NO_ZOOM.sub("", html)


def inline_leaflet(m: folium.Map) -> folium.Map:
    """Carry Leaflet inside the page itself, so a saved file opens with no network at all."""
    from branca.element import Element

    no_leaflet_links(m).get_root().header.add_child(Element(leaflet_inline_tags()), name="leaflet_inline", index=0)
    return m
