"""Leaflet, from the pinned PyPI package django-js-lib-leaflet (Leaflet 1.9.4), never a CDN.

None of its files is pasted into the repository. The page carries Leaflet inside the map
component's own arguments (`leaflet_sources`); a saved map inlines it (`inline_leaflet`);
the benchmark's peer is served a copy from a `static/` folder (`publish_leaflet`).
"""

from __future__ import annotations

import filecmp
import re
import shutil
from importlib import resources
from pathlib import Path

import folium

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png")
# Folder under a static/ folder that receives the files (the benchmark's peer serves one).
STATIC_SUBDIR = "leaflet"


def leaflet_source_dir() -> Path:
    """Where the pinned package keeps Leaflet's files."""
    return Path(str(resources.files(LEAFLET_PACKAGE))) / "static" / LEAFLET_PACKAGE


def publish_leaflet(static_dir: Path) -> Path:
    """Copy Leaflet's files into `static_dir/leaflet`, rewriting only what differs.

    Idempotent, so every server start may call it; returns the target folder.
    """
    source, target = leaflet_source_dir(), static_dir / STATIC_SUBDIR
    for name in LEAFLET_FILES:
        src, dst = source / name, target / name
        if dst.exists() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return target


def use_local_leaflet(m: folium.Map, base_url: str) -> folium.Map:
    """Point the map at Leaflet under `base_url` and drop folium's other CDN assets.

    folium lists jQuery, Bootstrap and awesome-markers too; nothing this map draws
    needs them, and each would be a request to a third-party host.
    """
    base = base_url.rstrip("/")
    m.default_js = [("leaflet", f"{base}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{base}/leaflet.css")]
    return m


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
