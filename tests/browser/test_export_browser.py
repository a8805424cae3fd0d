"""The exported map (`python -m reportmap export`) opened from disk: its title band sits above the
map and covers no part of it, so Kursk and the north-east stay in view on a phone and a laptop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from reportmap.__main__ import main

pytestmark = pytest.mark.browser

# Kursk's polygon, the title band and the map's box, in the page's pixels.
_GEOMETRY = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  let kursk = null;
  map.eachLayer((layer) => {
    if (layer.feature && layer.feature.properties.id === 'RU-KRS' && layer._path) { kursk = layer._path; }
  });
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {kursk: box(kursk), head: box(document.querySelector('.rm-export-head')),
          map: box(map.getContainer()), title: document.title,
          scroll: document.documentElement.scrollHeight - window.innerHeight};
}"""


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 768}],
                         ids=["phone-390x844", "laptop-1366x768"])
@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_exported_maps_title_band_covers_no_part_of_kursk(new_page: Callable[..., Page], tmp_path: Path,
                                                              viewport: dict, lang: str) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--lang", lang, "--date", "2026-01-01", "--out", str(out)]) == 0
    page = new_page(viewport, **({"has_touch": True, "is_mobile": True} if viewport["width"] < 500 else {}))
    page.goto(out.as_uri())
    expect(page.locator("path.leaflet-interactive").first).to_be_visible()
    page.wait_for_timeout(300)  # the map fits Ukraine once its box has its size
    g = page.evaluate(_GEOMETRY)
    assert g["title"].startswith("Russian-controlled" if lang == "en" else "Територія України")
    assert g["head"][3] <= g["map"][1] + 0.5, "the title band lies over the map"
    assert not overlaps(g["head"], g["kursk"]), f"the title band covers Kursk: {g}"
    # Kursk is drawn inside the map's box, and the page itself does not scroll.
    assert g["map"][1] <= g["kursk"][1] and g["kursk"][3] <= g["map"][3], g
    assert g["scroll"] <= 1
