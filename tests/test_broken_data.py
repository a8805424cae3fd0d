"""Broken data: one clear error box in the app, and the same words from `validate`, exit 1.

Each case breaks one file in a copy of the data; the app is pointed at the copy through
the REPORTMAP_DATA_DIR / REPORTMAP_BOUNDARIES variables.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reportmap.__main__ import main
from tests.support.apptest import app

ROOT = Path(__file__).resolve().parent.parent


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


def _drop_unit(collection: dict) -> None:
    """A Ukrainian unit missing from the boundaries: the join (reportmap.join) names the file it read."""
    collection["features"].remove(_feature(collection, "UA-46"))


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
    ("missing field", _edit("report.toml", 'wording = "Around 70% of Zaporizhzhia and Kherson regions"\n', ""),
     ["statement 'zaporizhzhia-kherson'", "missing field 'wording'"]),
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
    ("boundaries without a unit", _geojson(_drop_unit),
     ["regions.geojson", "Ukrainian units", "boundaries and official areas disagree on UA-46"]),
]


def absolute_paths(text: str, *folders: Path) -> list[str]:
    """Any of the server's folders in a message: the project's, the copy's, or any absolute path."""
    found = [str(folder) for folder in (ROOT, *folders) if str(folder) in text]
    return found + re.findall(r"(?<![\w.])/(?:tmp|home|root|work|usr|var)\b[^\s:]*", text)


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
    at = app(60).run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value
    for word in words:
        assert word in shown
    assert not absolute_paths(shown, broken_copy)

    code = main(["validate", str(broken_copy / "report.toml"), "--areas", str(broken_copy / "areas.toml"),
                 "--boundaries", str(broken_copy / "regions.geojson")])
    assert code == 1
    assert shown in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("page", ["pages/conditions.py", "pages/timeline.py", "pages/method.py"])
def test_every_page_shows_the_error_box(broken_copy: Path, page: str, monkeypatch) -> None:
    _edit("report.toml", '"UA-14"', '"UA-99"')(broken_copy)
    at = app(60).run()  # healthy data first, then break it
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(broken_copy))
    at.switch_page(page).run()
    assert not at.exception
    assert len(at.error) == 1 and "UA-99" in at.error[0].value


def test_an_error_names_a_project_file_relative_to_the_project_and_any_other_by_its_name(tmp_path: Path) -> None:
    from reportmap.errors import DataError
    from reportmap.loading import DATA_DIR
    from reportmap.measured import load_daily_maps

    inside = DataError(DATA_DIR / "report.toml", "file", "is empty")
    assert str(inside) == "data/report.toml: file: is empty" and inside.file == str(DATA_DIR / "report.toml")
    outside = DataError(tmp_path / "deep" / "report.toml", "file", "is empty")
    assert str(outside) == "report.toml: file: is empty"
    # A library's message that carries the full path (here an OSError's) is cut to the same name.
    folder = tmp_path / "occupied-daily.tar.xz"
    folder.mkdir()
    with pytest.raises(DataError) as caught:
        load_daily_maps(folder)
    assert "occupied-daily.tar.xz" in str(caught.value) and not absolute_paths(str(caught.value), tmp_path)


def test_validate_names_a_corrupt_measured_file_without_the_servers_folders(tmp_path: Path, capsys) -> None:
    measured = tmp_path / "measured"
    shutil.copytree(ROOT / "geodata" / "measured", measured)
    daily = measured / "daily-km2.csv"
    daily.write_text(daily.read_text(encoding="utf-8").replace("2025-01-0", "2025-13-0", 1), encoding="utf-8")
    assert main(["validate", "--measured", str(daily)]) == 1
    err = capsys.readouterr().err
    assert "daily-km2.csv" in err and "2025-13-0" in err
    assert not absolute_paths(err, tmp_path)


# A report of the library (data/reports/<id>.toml) broken: opened with ?report=<id>, one error box
# naming the file and the entry; `validate --report <id>` gives the same words.
TASS = "tass-putin-2025-10-02"
LIBRARY_CASES = [
    ("a figure for no territory", _edit(f"reports/{TASS}.toml", 'scope = ["UA-09"]', "scope = []"),
     ["figure 'luhansk-almost-all'", "'scope' is empty: a figure needs the regions it is for"]),
    ("a statement for no region", _edit(f"reports/{TASS}.toml", 'regions = ["UA-14"]', "regions = []"),
     ["statement 'donetsk'", "'regions' is empty"]),
    ("a share total for no statement",
     _edit(f"reports/{TASS}.toml", "[[statement]]",
           '[totals.share]\nwording = "x"\npercent = 18\nbound = "roughly"\nstatements = []\n\n[[statement]]'),
     ["totals.share", "'statements' is empty: a total needs the statements it covers"]),
    ("an empty list of statements",
     _write(f"reports/{TASS}.toml", 'statement = []\n[report]\npublisher = "TASS"\ndate = 2025-10-02\ntitle = "t"\n'
            'citation = "TASS"\n'), ["no [[statement]] entries"]),
    ("no figure at all",
     _write(f"reports/{TASS}.toml",
            '[report]\npublisher = "TASS"\ndate = 2025-10-02\ntitle = "t"\ncitation = "TASS"\n'),
     ["no [[statement]] or [[figure]] entries"]),
    ("a holder that is no side", _edit(f"reports/{TASS}.toml", '\nheld_by = "ukraine"', '\nheld_by = "kyiv"'),
     ["statement 'luhansk'", "'held_by' must be 'russia' or 'ukraine', found 'kyiv'"]),
    ("a range wider than its figure", _edit(f"reports/{TASS}.toml", "spread = 0.5", "spread = 40"),
     ["statement 'zaporizhzhia-kherson'", "'spread' (40) must be above 0 and at most the value"]),
]


@pytest.mark.parametrize(("breaks", "words"), [c[1:] for c in LIBRARY_CASES], ids=[c[0] for c in LIBRARY_CASES])
def test_a_broken_library_report_gives_one_error_box_and_the_same_words_from_validate(
    broken_copy: Path, breaks: Callable[[Path], str], words: list[str], monkeypatch, capsys
) -> None:
    breaks(broken_copy)
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(broken_copy))
    at = app(60)
    at.query_params["report"] = TASS
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value
    for word in [f"{TASS}.toml", *words]:
        assert word in shown
    assert not absolute_paths(shown, broken_copy)
    code = main(["validate", "--report", TASS, "--areas", str(broken_copy / "areas.toml")])
    assert code == 1
    assert shown in capsys.readouterr().err.splitlines()
    # The seed report, and the Reports page's other entries, are untouched.
    at.query_params.pop("report")
    at.switch_page("pages/reports.py").run()
    assert not at.exception and len(at.error) == 1 and f"{TASS}.toml" in at.error[0].value
