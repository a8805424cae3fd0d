"""`python -m reportmap`: validate says what the page says; export writes a map that needs no network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportmap.__main__ import main
from reportmap.loading import REPORT_FILE
from reportmap.measured import CREDIT, DAILY_FILE, load_series


def test_validate_accepts_the_shipped_file(capsys) -> None:
    assert main(["validate"]) == 0
    assert "OK: 4 statements naming 8 regions" in capsys.readouterr().out


def test_validate_rejects_a_bad_file_with_the_pages_words(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "figures.toml"
    bad.write_text(REPORT_FILE.read_text(encoding="utf-8").replace("high = 90", "high = 190"), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("The dashboard's data could not be loaded.")
    assert str(tmp_path) not in err
    assert f"{bad.name}: statement 'donetsk-luhansk': 'high' is 190, but the rule for 'more-than' reads 90" in err


def test_validate_missing_file_exits_non_zero_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reportmap", "validate", str(tmp_path / "none.toml")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "none.toml: file: not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_one_offline_file(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--scenario", "hinted-withdrawal", "--lang", "uk", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert re.findall(r'<script src=|<link rel="stylesheet" href=', html) == []
    # No resource from anywhere: no src, stylesheet or CSS url() pointing at a host. (Leaflet's
    # own code mentions https://leafletjs.com in its attribution link, which is not fetched.)
    assert re.findall(r"""(?:src=|url\()["']?https?://""", html) == []
    assert "Leaflet 1.9.4" in html and "L.map(" in html  # Leaflet itself is inside, then our map
    assert "Returned under the hinted withdrawal" not in html  # Ukrainian, not English
    assert json.dumps("Повернено за натяку на відведення військ")[1:-1] in html


def test_validate_checks_the_measurement_against_its_source(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "deepstate-occupied-daily-2024-07-08_2026-08-22.tar.xz: sha256 matches the build's source" in out
    assert "daily-km2.csv: sha256 matches the manifest" in out
    series = load_series()
    assert f"{len(series.days)} days, 2024-07-08 to {series.last}" in out


def test_validate_rejects_a_changed_measurement(tmp_path: Path, capsys) -> None:
    copy = tmp_path / "measured"
    shutil.copytree(DAILY_FILE.parent, copy)
    daily = copy / DAILY_FILE.name
    daily.write_text(daily.read_text(encoding="utf-8").replace("25740.9", "25740.8", 1), encoding="utf-8")
    assert main(["validate", "--measured", str(daily)]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) not in err and f"{daily.name}: derived file: changed since the build" in err


def test_export_carries_the_measurement_and_its_credit(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--reading", "measured", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert CREDIT in html and "rm-occupied-hatch" in html
    assert "user-scalable=no" not in html  # a reader can pinch-zoom the saved map
    assert "Share occupied, measured on 23 Nov 2024 (DeepStateMap)" in html
    assert main(["export", "--no-overlay", "--out", str(out)]) == 0
    assert "rm-occupied-hatch" not in out.read_text(encoding="utf-8")


def test_export_takes_a_date_and_says_how_far_it_is_from_the_report(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--date", "2026-01-01", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Measured on 1 Jan 2026, together: 88.1%" in html.replace("\\u00a0", " ")
    assert "13 months older than this measurement" in html
    assert '"date": "2026-01-01"' in html  # that day's occupied area, drawn
    assert main(["export", "--date", "2030-01-01", "--out", str(out)]) == 1
    last = load_series().last  # from the data: the update moves it
    assert f"--date 2030-01-01: outside the measured days, 2024-07-08 to {last}" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--date", "yesterday", "--out", str(out)])


def test_the_ukrainian_export_leaves_no_english_and_dates_kursks_650(tmp_path: Path) -> None:
    from test_app import english_left
    from test_app_dates import present_650

    out = tmp_path / "map.html"
    assert main(["export", "--lang", "uk", "--date", "2026-01-01", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    # What a reader sees: the title band above the map, the legend (HTML the map's script puts in),
    # the attribution line, and every tooltip and name for screen readers (JSON strings).
    string = r'("(?:[^"\\]|\\.)*")'
    [band] = re.findall(r'<header class="rm-export-head">(.*?)</header>', html, flags=re.S)
    controls = re.findall(r"\}\)\(map_\w+, " + string + r', "\w+", ' + string + r"\);", html)  # htmlcontrol.js
    boxes = [band, *(json.loads(box) for box, _ in controls)]
    [attribution] = [json.loads(text) for _, text in controls if text != '""']
    texts = [json.loads(text) for text in re.findall(r'"(?:tip|label)": ' + string, html)]
    assert len(boxes) >= 2 and len(texts) > 56
    credit = "Окупована територія: DeepStateMap.Live, через cyterat/deepstate-map-data, ліцензія GPL-3.0"
    assert credit in attribution and credit in band
    shown = re.sub(r"<[^>]+>", " ", " ".join([*boxes, attribution, *texts]))
    assert english_left(shown) == set() and CREDIT not in shown
    kursk = next(text for text in texts if "Курська область" in text and "(твердження Росії)" in text)
    assert present_650(kursk, "23 листопада 2024") == []


def test_export_makes_the_missing_folder_of_out(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "dir" / "map.html"
    result = subprocess.run([sys.executable, "-m", "reportmap", "export", "--out", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and "Traceback" not in result.stderr


def test_export_into_a_file_as_folder_exits_1_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reportmap", "export", "--out", str(tmp_path / "a-file" / "m.html")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "--out" in result.stderr and "cannot write it" in result.stderr


@pytest.mark.parametrize("day", ["2020-01-01", "2030-12-31"])
def test_export_date_out_of_range_names_the_datas_range(tmp_path: Path, day: str) -> None:
    result = subprocess.run([sys.executable, "-m", "reportmap", "export", "--date", day,
                             "--out", str(tmp_path / "map.html")], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    series = load_series()  # the range comes from the data: the update moves its end
    assert result.stderr.strip() == (f"python -m reportmap export: --date {day}: outside the measured days, "
                                     f"{series.first} to {series.last}")
    assert "could not be loaded" not in result.stderr and not (tmp_path / "map.html").exists()


@pytest.mark.parametrize("lang, title", [("en", "<title>Russian-controlled territory in Ukraine, as one report puts it"
                                                 "</title>"),
                                         ("uk", "<title>Територія України під контролем Росії, як її описує одне "
                                                "повідомлення</title>")])
def test_export_has_a_title_in_its_language_and_says_what_it_shows(tmp_path: Path, lang: str, title: str) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--lang", lang, "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert title in html and f'<html lang="{lang}">' in html
    assert 'class="rm-export-head"' in html  # a band above the map, not a control over it
    assert "The line as the report describes it" not in html and "Лінія, як її описує" not in html
    if lang == "en":
        assert "no scenario applied. The map draws no front line" in html
