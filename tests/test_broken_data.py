"""Broken data: one clear error box in the app, and the same words from `validate`, exit 1.

Each case breaks one file in a copy of the data; the app is pointed at the copy through
the REPORTMAP_DATA_DIR / REPORTMAP_BOUNDARIES variables.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reportmap.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "dashboard.py")


def _edit(name: str, old: str, new: str) -> Callable[[Path], str]:
    def apply(folder: Path) -> str:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return name
    return apply


def _write(name: str, content: str) -> Callable[[Path], str]:
    def apply(folder: Path) -> str:
        (folder / name).write_text(content, encoding="utf-8")
        return name
    return apply


def _remove(name: str) -> Callable[[Path], str]:
    def apply(folder: Path) -> str:
        (folder / name).unlink()
        return name
    return apply


def _geojson(change: Callable[[dict], None]) -> Callable[[Path], str]:
    def apply(folder: Path) -> str:
        path = folder / "regions.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        change(collection)
        path.write_text(json.dumps(collection), encoding="utf-8")
        return "regions.geojson"
    return apply


def _feature(collection: dict, region_id: str) -> dict:
    return next(f for f in collection["features"] if f["properties"]["id"] == region_id)


def _bowtie(collection: dict) -> None:
    _feature(collection, "UA-46")["geometry"] = {
        "type": "Polygon", "coordinates": [[[24, 49], [25, 50], [25, 49], [24, 50], [24, 49]]]}


def _duplicate(collection: dict) -> None:
    _feature(collection, "UA-46")["properties"]["id"] = "UA-14"


def _drop_id(collection: dict) -> None:
    del _feature(collection, "UA-46")["properties"]["id"]


# (name, break the copy, what the message must contain)
CASES = [
    ("report missing", _remove("report.toml"), ["report.toml", "file", "not found"]),
    ("report empty", _write("report.toml", "  \n"), ["report.toml", "file", "is empty"]),
    ("report malformed", _write("report.toml", "[[statement]\nid = "), ["report.toml", "is not valid TOML"]),
    ("unknown region id", _edit("report.toml", '"UA-14"', '"UA-99"'),
     ["statement 'donetsk-luhansk'", "unknown region id 'UA-99'"]),
    ("value above 100", _edit("report.toml", "value = 80", "value = 101"),
     ["statement 'donetsk-luhansk'", "'value' is 101, outside 0 to 100"]),
    ("range not the rule's", _edit("report.toml", "low = 1\nhigh = 10", "low = -1\nhigh = 10"),
     ["statement 'kharkiv-mykolaiv'", "'low' is -1, but the rule for 'some' reads 1"]),
    ("unknown qualifier", _edit("report.toml", 'qualifier = "about"', 'qualifier = "circa"'),
     ["statement 'zaporizhzhia-kherson'", "unknown qualifier 'circa'"]),
    ("duplicate statement id", _edit("report.toml", 'id = "kharkiv-mykolaiv"', 'id = "crimea"'),
     ["report.toml", "duplicate statement id 'crimea'"]),
    ("duplicate region", _edit("report.toml", '["UA-63", "UA-48"]', '["UA-63", "UA-43"]'),
     ["report.toml", "region 'UA-43' appears in two statements"]),
    ("missing field", _edit("report.toml", 'class = "around-70"\n', ""),
     ["statement 'zaporizhzhia-kherson'", "missing field 'class'"]),
    ("wrong type", _edit("report.toml", 'regions = ["UA-43", "UA-40"]', 'regions = "UA-43"'),
     ["statement 'crimea'", "'regions' must be list"]),
    ("areas missing", _remove("areas.toml"), ["areas.toml", "file", "not found"]),
    ("areas do not add up", _edit("areas.toml", '"UA-12" = 31914', '"UA-12" = 91914'),
     ["areas.toml", "ukraine.units", "away from total_km2"]),
    ("boundaries missing", _remove("regions.geojson"), ["regions.geojson", "file", "not found"]),
    ("boundaries not json", _write("regions.geojson", "{not json"), ["regions.geojson", "is not valid GeoJSON"]),
    ("boundaries empty", _write("regions.geojson", '{"type": "FeatureCollection", "features": []}'),
     ["regions.geojson", "has no features"]),
    ("invalid geometry", _geojson(_bowtie), ["regions.geojson", "feature 'UA-46'", "invalid geometry"]),
    ("duplicate boundary id", _geojson(_duplicate), ["regions.geojson", "feature 'UA-14'", "duplicate id"]),
    ("boundary without id", _geojson(_drop_id), ["regions.geojson", "missing property 'id'"]),
]


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "geodata" / "regions.geojson", tmp_path / "data" / "regions.geojson")
    return tmp_path / "data"


@pytest.mark.parametrize(("breaks", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_data_gives_one_error_box_and_the_same_words_from_validate(
    broken_copy: Path, breaks: Callable[[Path], str], words: list[str], monkeypatch, capsys
) -> None:
    breaks(broken_copy)
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(broken_copy))
    monkeypatch.setenv("REPORTMAP_BOUNDARIES", str(broken_copy / "regions.geojson"))
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value
    for word in words:
        assert word in shown

    code = main(["validate", str(broken_copy / "report.toml"), "--areas", str(broken_copy / "areas.toml"),
                 "--boundaries", str(broken_copy / "regions.geojson")])
    assert code == 1
    assert shown in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("page", ["pages/conditions.py", "pages/timeline.py", "pages/method.py"])
def test_every_page_shows_the_error_box(broken_copy: Path, page: str, monkeypatch) -> None:
    _edit("report.toml", '"UA-14"', '"UA-99"')(broken_copy)
    at = AppTest.from_file(ENTRY, default_timeout=60).run()  # healthy data first, then break it
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(broken_copy))
    at.switch_page(page).run()
    assert not at.exception
    assert len(at.error) == 1 and "UA-99" in at.error[0].value
