"""Markup in the data shows as text: a region's name and a statement's wording that are
`<img src=x onerror=alert(1)>` reach the tooltip and the panel as those characters, and
never as an image whose error handler runs.

The payload goes in through copies of the data files, served by a second Streamlit
server pointed at them (REPORTMAP_DATA_DIR, REPORTMAP_BOUNDARIES); the committed data and
the session's server are untouched.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_support import (
    MAP_IFRAME,
    TOOLTIP,
    open_app,
    open_region_picker,
    region_panel,
    region_picker,
    region_position,
)
from playwright.sync_api import Frame, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "<img src=x onerror=alert(1)>"
REGION = "UA-14"  # Donetsk
STATEMENT = "donetsk-luhansk"
INJECTED = 'img[src="x"], [onerror]'


def hostile_data(folder: Path) -> dict[str, str]:
    """Copies of the data with the payload as Donetsk's name and as the wording of the
    statement about it; the environment that points a server at them."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    report = data / "report.toml"
    text = report.read_text(encoding="utf-8")
    block = re.compile(rf'(id = "{re.escape(STATEMENT)}"\nwording = )"[^"\n]*"')
    text, replaced = block.subn(lambda m: m.group(1) + json.dumps(PAYLOAD), text)
    assert replaced == 1, f"statement '{STATEMENT}' not found as expected in {report}"
    report.write_text(text, encoding="utf-8")
    [statement] = [s for s in tomllib.loads(text)["statement"] if s["id"] == STATEMENT]
    assert statement["wording"] == PAYLOAD and REGION in statement["regions"]

    boundaries = folder / "regions.geojson"
    collection = json.loads((ROOT / "geodata" / "regions.geojson").read_text(encoding="utf-8"))
    [feature] = [f for f in collection["features"] if f["properties"]["id"] == REGION]
    feature["properties"]["name"] = PAYLOAD
    boundaries.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return {"REPORTMAP_DATA_DIR": str(data), "REPORTMAP_BOUNDARIES": str(boundaries)}


def injected(frame: Frame) -> list[str]:
    return frame.evaluate(f"""() => [...document.querySelectorAll('{INJECTED}')]
        .map((e) => e.outerHTML.slice(0, 120))""")


def test_markup_in_the_data_shows_as_text(page: Page, start_app: Callable, tmp_path: Path,
                                           record_problems: Callable) -> None:
    base = start_app(hostile_data(tmp_path))
    problems = record_problems(page)
    frame = open_app(page, base, f"?region={REGION}")

    # The panel: the name on the picker and in the heading, the wording below it, as typed.
    panel = region_panel(page)
    expect(region_picker(page)).to_contain_text(f"Region: {PAYLOAD}")
    heading = panel.get_by_role("heading", level=2).filter(has_text="Донецька область")
    expect(heading).to_have_text(f"{PAYLOAD} · Донецька область")
    shown = panel.inner_text()
    assert shown.count(PAYLOAD) >= 2, f"name and wording not both shown as text: {shown!r}"

    # The tooltip: the name as its title, the wording quoted, both as text.
    x, y = region_position(page, frame, REGION)
    page.mouse.move(x, y)
    tooltip = page.frame_locator(MAP_IFRAME).locator(TOOLTIP)
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_contain_text("64.9%")  # Donetsk's own measured share: its tooltip, not another's
    text = (tooltip.text_content() or "").strip()
    assert text.startswith(PAYLOAD), f"the name is not the tooltip's title, as text: {text!r}"
    assert f"“{PAYLOAD}”" in text, f"the wording is not quoted, as text: {text!r}"
    expect(tooltip.locator("img")).to_have_count(0)

    # The list of regions, in the picker's popover.
    expect(open_region_picker(page)).to_have_value(PAYLOAD)

    page.wait_for_timeout(300)  # an image's error handler would run by now
    found = {"page": injected(page.main_frame), "map": injected(frame)}
    assert found == {"page": [], "map": []}, f"the payload became markup: {found}"
    assert not problems.all(), "\n".join(problems.all())
