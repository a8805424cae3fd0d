"""The library of reports: each added report end to end (every page, both languages, ?report=<id>),
its outline that of its own date, the seed report unchanged, and the Reports page."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reportmap.__main__ import main
from reportmap.library import DEFAULT_REPORT, report_file, report_files
from reportmap.loading import REPORT_FILE, load_report
from reportmap.measured import DAILY_MAPS_FILE, OVERLAY_FILE, load_daily_maps, load_overlay
from reportmap.pipeline import Files, load, overlay_on
from reportmap.records import Holder, Verdict
from reportmap.texts import Locale
from tests.support.apptest import app
from tests.test_app import (
    ON_MAP_COMPONENT,
    all_text,
    components_named,
    english_left,
    map_args,
    on_map_part,
)

ROOT = Path(__file__).resolve().parent.parent
ADDED = ("flga-gerasimov-2025-08-30", "tass-putin-2025-10-02", "newsandcams-2025-12-04")
PAGES = (None, "pages/conditions.py", "pages/timeline.py", "pages/method.py", "pages/reports.py")
SEED_DATE = dt.date(2024, 11, 23)
# Outlets' names as published stay in their own script on a Ukrainian page, as the seed's do.
OUTLETS = {"FLGA", "News", "Cams", "TASS"}


def run_report(report: str | None, page: str | None = None, **params: str) -> AppTest:
    at = app(90)
    if report is not None:
        at.query_params["report"] = report
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def test_the_library_holds_the_seed_first_and_the_added_reports() -> None:
    files = report_files()
    assert next(iter(files)) == DEFAULT_REPORT and files[DEFAULT_REPORT] == REPORT_FILE
    assert set(ADDED) <= set(files) and len(files) >= 4
    # An id is looked up among the files found, never joined into a path.
    for hostile in ("../report", "..%2Freport", "a" * 200, "", "UA-14", "x/../../etc/passwd"):
        assert report_file(hostile) is None


def test_each_added_report_is_published_dated_within_the_data_and_covers_several_regions() -> None:
    seed_series = load().series
    for report_id in ADDED:
        report = load_report(report_files()[report_id])
        info = report.info
        assert info.url.startswith("https://") and info.publisher and info.citation.languages == ("uk",)
        assert seed_series.first <= info.date <= seed_series.last
        assert len({r for s in report.statements for r in s.regions}) >= 3
        assert report.kursk is None and report.stated_area is None and not report.conditions and not report.events
    # Russian officials' figures are a party's claim; the outlet's own background figures are not.
    parties = {rid: load_report(report_files()[rid]).info.party for rid in ADDED}
    assert parties == {"flga-gerasimov-2025-08-30": "russia", "tass-putin-2025-10-02": "russia",
                       "newsandcams-2025-12-04": ""}


def test_a_figure_for_several_regions_is_one_statement_for_them_together() -> None:
    news = load_report(report_files()["newsandcams-2025-12-04"])
    together = news.statement("kherson-zaporizhzhia")
    assert together.regions == ("UA-65", "UA-23") and together.wording == "roughly 75% of Kherson and Zaporizhzhia"
    assert news.statement("smaller-portions").regions == ("UA-63", "UA-59", "UA-48", "UA-12")
    tass = load_report(report_files()["tass-putin-2025-10-02"])
    pair = tass.statement("zaporizhzhia-kherson")
    assert pair.regions == ("UA-23", "UA-65") and pair.holder is Holder.UKRAINE
    # "24-25%" held by Ukraine is read as written, and Russia's share is its complement.
    assert (pair.share.low, pair.share.high) == pytest.approx((75.0, 76.0))
    checked = load(Files(report=report_files()["tass-putin-2025-10-02"])).check
    measured = checked.for_region("UA-23")
    assert measured is checked.for_region("UA-65") and measured.together
    assert measured.km2 == pytest.approx(sum(km2 for r, km2 in load(Files()).series.on(tass.info.date)
                                             .measurement.units if r in ("UA-23", "UA-65")))


def test_each_report_is_measured_on_its_own_date_with_every_figure_judged() -> None:
    for report_id in ADDED:
        loaded = load(Files(report=report_files()[report_id]))
        assert loaded.measurement.date == loaded.published.info.date
        assert len(loaded.check.claims) == len(loaded.published.statements) + len(loaded.published.figures)
        assert all(c.verdict is not Verdict.CANNOT_CHECK and c.measured.day == loaded.published.info.date
                   for c in loaded.check.claims)


def test_the_seed_reports_figures_and_verdicts_are_unchanged() -> None:
    loaded = load()
    check = loaded.check
    assert [(s.statement.id, s.verdict) for s in check.statements] == [
        ("crimea", Verdict.HOLDS), ("donetsk-luhansk", Verdict.HOLDS), ("zaporizhzhia-kherson", Verdict.HOLDS),
        ("kharkiv-mykolaiv", Verdict.HOLDS)]
    assert round(check.for_region("UA-14").share, 1) == 81.4
    assert (check.area.verdict, check.share.verdict) == (Verdict.HOLDS, Verdict.HOLDS)
    assert loaded.published.kursk.km2 == 650 and check.figures == ()


def _never(path: Path) -> object:
    raise AssertionError(f"read {path.name}: the seed's first screen reads only its own day's file")


def test_a_report_on_another_date_gets_that_days_outline_from_the_archive() -> None:
    archive = load_daily_maps(DAILY_MAPS_FILE)
    seed = load_overlay(OVERLAY_FILE)
    for report_id in ADDED:
        loaded = load(Files(report=report_files()[report_id]))
        day = loaded.measurement.date
        outline = overlay_on(Files(), day, loaded.published.info.date)
        assert outline == archive.on(day) and outline != seed
        assert {f["properties"]["date"] for f in outline["features"]} == {day.isoformat()}
    # The seed's own date: its separate file, and nothing else read.
    assert overlay_on(Files(), SEED_DATE, SEED_DATE, daily_maps=_never) == seed


def test_a_days_file_that_is_not_that_days_is_never_used(tmp_path: Path) -> None:
    """A data folder whose file for a day holds another day's outline (the newsroom's bug): the
    day's outline comes from the archive."""
    measured = tmp_path / "measured"
    shutil.copytree(ROOT / "geodata" / "measured", measured)
    day = dt.date(2025, 10, 2)
    shutil.copy(measured / OVERLAY_FILE.name, measured / f"occupied-{day}.geojson")  # 23 Nov 2024's, misnamed
    files = Files(measured=measured / "daily-km2.csv")
    assert overlay_on(files, day, day) == load_daily_maps(DAILY_MAPS_FILE).on(day)


@pytest.mark.parametrize("report_id", ADDED)
@pytest.mark.parametrize("page", PAGES, ids=["map", "conditions", "timeline", "method", "reports"])
def test_every_page_shows_the_chosen_report_in_both_languages(report_id: str, page: str | None) -> None:
    report = load_report(report_files()[report_id])
    for lang in ("en", "uk"):
        at = run_report(report_id, page, lang=lang)
        assert not at.exception and not at.error
        text = all_text(at)
        assert report.info.citation(lang) in text or report.info.publisher in text
        if page != "pages/reports.py":  # the Reports page lists them all: the seed's words are in it
            assert "V7N" not in text and "Entire Crimea" not in text  # nothing of the seed report
        if lang == "uk":
            assert english_left(text) - OUTLETS == set()
        if page is None:  # what the report does not have is absent, headings and all
            assert not any(h in text for h in ("Kursk", "Курськ", "Conditions", "Умови Росії"))
            tips = [re.sub(r"<[^>]+>", " ", json.loads(f'"{tip}"'))
                    for tip in re.findall(r'"tip": "((?:[^"\\]|\\.)*)"', map_args(at)["script"])]
            assert len(tips) > 28
            if lang == "uk":
                assert english_left(" ".join(tips)) - OUTLETS == set()


@pytest.mark.parametrize("report_id", ADDED)
def test_the_map_draws_the_reports_date_and_that_days_outline(report_id: str) -> None:
    report = load_report(report_files()[report_id])
    at = run_report(report_id)
    day_part = on_map_part(at)
    outline = load_daily_maps(DAILY_MAPS_FILE).on(report.info.date)
    assert day_part["overlay"] == json.loads(json.dumps(outline))  # the day's own outline, as the archive has it
    assert {f["properties"]["date"] for f in day_part["overlay"]["features"]} == {report.info.date.isoformat()}
    assert at.session_state["_view_report"] == report_id and at.query_params["report"] == report_id


@pytest.mark.parametrize("asked", ["no-such-report", "../data/report", "<script>alert(1)</script>", "x" * 5000])
def test_an_unknown_or_hostile_report_id_gives_a_note_and_the_default_report(asked: str) -> None:
    at = run_report(asked)
    assert not at.exception and not at.error
    assert [toast.value for toast in at.toast] == [
        "That link names a report the library does not hold; showing the default report."]
    assert "V7N, Moscow, 23 Nov 2024" in all_text(at) and "report" not in at.query_params


def test_the_reports_page_lists_each_report_with_its_verdicts_and_a_link() -> None:
    at = run_report(None, "pages/reports.py")
    assert not at.exception and not at.error
    text = all_text(at)
    for report_id, path in report_files().items():
        loaded = load(Files(report=path))
        info = loaded.published.info
        assert info.citation("en") in text and info.url in text
        counts = [sum(c.verdict is v for c in loaded.check.claims) for v in Verdict]
        summary = re.escape("holds: **{}** · roughly holds: **{}** · does not hold: **{}** · "
                            "cannot be checked: **{}**".format(*counts))
        assert re.search(summary, text.replace("\\", "")), (report_id, counts)
    # Each opens on the map with its own ?report= (the default's too: the session remembers the last one).
    links = [link.proto.query_string for link in at.get("page_link")]
    assert links == [f"report={rid}" for rid in report_files()]
    assert text.count("A claim of a party to the war: Russia's side") == 2
    uk = run_report(None, "pages/reports.py", lang="uk")
    assert [link.proto.query_string for link in uk.get("page_link")][1] == f"report={list(report_files())[1]}&lang=uk"


def test_a_session_goes_back_to_the_default_report_by_its_link() -> None:
    at = run_report("tass-putin-2025-10-02")
    assert "TASS, Sochi, 2 Oct 2025" in all_text(at)
    at.query_params.clear()  # a page of the navigation, without the parameter: the session's report stays
    at.switch_page("pages/method.py").run()
    assert "TASS, Sochi, 2 Oct 2025" in all_text(at) and at.query_params["report"] == "tass-putin-2025-10-02"
    at.query_params["report"] = DEFAULT_REPORT  # the Reports page's link to the seed
    at.switch_page("pages/map.py").run()
    assert "V7N, Moscow, 23 Nov 2024" in all_text(at) and "report" not in at.query_params


def test_a_report_without_what_scenarios_illustrate_is_shown_as_reported() -> None:
    at = run_report("newsandcams-2025-12-04", scenario="russian-demands")
    assert not at.exception and not at.error
    assert not [c for c in at.get("button_group") if c.proto.label == "Scenario"]  # no scenario control
    text = all_text(at)
    assert "demands recognition" not in text and "The report's other figures, and the measurement" in text
    seed = run_report(None, scenario="russian-demands")  # the seed still offers them
    assert "demands recognition" in all_text(seed)
    assert [c.proto.label for c in seed.get("button_group")] == ["Scenario", "Colour by"]


def test_the_embed_snippet_names_the_report_shown() -> None:
    at = run_report("newsandcams-2025-12-04", "pages/method.py")
    assert "?embed=true&amp;report=newsandcams-2025-12-04" in at.code[0].value
    assert "report=" not in run_report(None, "pages/method.py").code[0].value


def test_the_embed_view_of_a_report_shows_its_figures_without_totals_it_does_not_state() -> None:
    at = app(90)
    at.context = {"is_embedded": True}
    at.query_params["report"] = "tass-putin-2025-10-02"
    at.run()
    assert not at.exception and not at.error
    text = all_text(at)
    assert "TASS, Sochi, 2 Oct 2025" in text and "100,000" not in text and "V7N" not in text
    parts = [json.loads(c.proto.json_args) for c in components_named(at, ON_MAP_COMPONENT)]
    assert [p["part"] for p in parts] == ["day"]
    assert {f["properties"]["date"] for f in parts[0]["data"]["overlay"]["features"]} == {"2025-10-02"}  # its own


def test_export_and_validate_take_a_report_of_the_library(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.html"
    assert main(["export", "--report", "tass-putin-2025-10-02", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "TASS, Sochi, 2 Oct 2025" in html and "V7N" not in html
    assert '"date": "2025-10-02"' in html and '"date": "2024-11-23"' not in html
    assert main(["validate", "--report", "newsandcams-2025-12-04"]) == 0
    assert "newsandcams-2025-12-04.toml: OK: 5 statements" in capsys.readouterr().out
    assert main(["export", "--report", "../report", "--out", str(out)]) == 1
    assert "no such report" in capsys.readouterr().err


def test_every_report_of_the_library_shares_one_reading_of_the_areas_measurement_and_boundaries() -> None:
    import streamlit as st

    from ui.data import load_data  # the page's cached loader

    st.cache_resource.clear()  # earlier tests read other data folders: what they cached may outlive `_shared`'s
    loaded = [load_data(report=report_id) for report_id in report_files()]
    assert len({id(d.series) for d in loaded}) == len({id(d.areas) for d in loaded}) == 1
    assert len({d.published.info.date for d in loaded}) == len(loaded)  # each its own report and date


def test_a_reports_downloads_hold_every_figure_it_gives_and_no_total_it_does_not() -> None:
    import csv
    import io

    from reportmap.claimreview import claim_reviews_jsonld, verdicts_csv

    loaded = load(Files(report=report_files()["newsandcams-2025-12-04"]))
    rows = list(csv.DictReader(io.StringIO(verdicts_csv(loaded.check))))
    assert [r["words"] for r in rows] == [*(s.wording for s in loaded.published.statements),
                                          *(c.words for c in loaded.published.figures)]
    km2 = rows[-1]
    assert (km2["scope"], km2["quantity"], km2["held_by"], km2["measured_day"]) == ("UA-14", "km2", "ukraine",
                                                                                   "2025-12-04")
    assert rows[3]["scope"] == "UA-65 UA-23"  # one figure for the two together
    reviews = json.loads(claim_reviews_jsonld(loaded.check, loaded.published, dt.date(2026, 12, 3)))
    assert len(reviews) == len(rows)
    assert {r["itemReviewed"]["appearance"]["url"] for r in reviews} == {loaded.published.info.url}
    assert {r["itemReviewed"]["author"]["name"] for r in reviews} == {"News and Cams"}  # the outlet's own figures
    tass = load(Files(report=report_files()["tass-putin-2025-10-02"]))
    tass_reviews = json.loads(claim_reviews_jsonld(tass.check, tass.published, dt.date(2026, 12, 3)))
    assert {json.dumps(r["itemReviewed"]["author"]) for r in tass_reviews} == {
        json.dumps({"@type": "Person", "name": "Vladimir Putin, President of Russia"})}  # a party's claim: his
    assert {r["itemReviewed"]["appearance"]["publisher"]["name"] for r in tass_reviews} == {"TASS"}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_regions_panel_gives_the_reports_figure_for_the_regions_together(lang: str) -> None:
    at = run_report("tass-putin-2025-10-02", region="UA-23", lang=lang, date="2026-01-01")
    assert not at.exception and not at.error
    text = all_text(at)
    assert "в Запорожской и Херсонской областях ВСУ контролируют 24-25%" in text
    together = {"en": "for Zaporizhzhia and Kherson together", "uk": "для Запоріжжя й Херсонщини разом"}
    assert together[lang] in text and "· class" not in text and "· клас" not in text  # no legend class
    if lang == "uk":
        assert english_left(text) - OUTLETS == set()


def test_the_map_pages_downloads_follow_the_report_its_stamp_names() -> None:
    from ui.data import downloads, load_data, standalone_map, verdict_downloads

    data = load_data(report="tass-putin-2025-10-02")
    day = data.measurement.date
    html = standalone_map("as-reported", Locale.of("en"), "wording", True, day, data.version)
    assert "TASS, Sochi, 2 Oct 2025" in html and "V7N" not in html and '"date": "2025-10-02"' in html
    figures_csv, _ = downloads("as-reported", day, data.version)
    assert "в ДНР украинские войска контролируют" in figures_csv
    verdicts, _ = verdict_downloads(day, Locale.of("en"), dt.date(2026, 12, 3), data.version)
    assert verdicts.count("\n") == 1 + len(data.check.claims) and "TASS" in verdicts
