"""Every interface text exists in every language, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from reportmap.loading import load_areas, load_report
from reportmap.records import REPORT_SOURCE, Range, Text
from reportmap.texts import (
    DEFAULT_LANG,
    LANGUAGES,
    TEXTS,
    fmt_date,
    fmt_int,
    fmt_km2_range,
    fmt_pct,
    fmt_pct_range,
    fmt_share_range,
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT_LANG])
def test_every_key_in_every_language(lang: str) -> None:
    assert set(TEXTS[lang]) == set(TEXTS[DEFAULT_LANG]), (
        f"only in {DEFAULT_LANG}: {sorted(set(TEXTS[DEFAULT_LANG]) - set(TEXTS[lang]))}; "
        f"only in {lang}: {sorted(set(TEXTS[lang]) - set(TEXTS[DEFAULT_LANG]))}"
    )
    for key, text in TEXTS[DEFAULT_LANG].items():
        assert _placeholders(TEXTS[lang][key]) == _placeholders(text), key


def test_the_languages_are_the_catalog_files(tmp_path) -> None:
    from reportmap.texts import LOCALES_DIR, _catalogs

    assert list(LANGUAGES) == ["en", "uk"] and LANGUAGES["uk"] == "Українська"  # the default first
    assert sorted(p.stem for p in LOCALES_DIR.glob("*.toml")) == sorted(LANGUAGES)
    # A third language is a file: copied from English under another code, it is read as one more.
    (tmp_path / "en.toml").write_text((LOCALES_DIR / "en.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "de.toml").write_text((LOCALES_DIR / "en.toml").read_text(encoding="utf-8")
                                      .replace('name = "English"', 'name = "Deutsch"', 1), encoding="utf-8")
    catalogs = _catalogs(tmp_path)
    assert list(catalogs) == ["en", "de"] and catalogs["de"]["language"]["name"] == "Deutsch"


def test_data_file_translates_everything_it_shows() -> None:
    report = load_report()
    records = [report.info, *report.conditions, *report.points, *report.events, *report.statements,
               *report.kursk_claims, load_areas()]
    others = [lang for lang in LANGUAGES if lang != "en"]
    seen = 0
    for record in records:
        for field, value in vars(record).items():
            if not isinstance(value, Text) or not value:
                continue
            if field == "source" and value.en == REPORT_SOURCE:
                continue  # "report" marks the report's own events; the page shows no source for them
            seen += 1
            assert value.languages == tuple(others), (record, field)
    assert seen > 40  # every condition, point, event, statement, claim and source


def test_ranges_are_written_as_ranges() -> None:
    assert fmt_pct_range(Range(80, 90)) == "80–90%"
    assert fmt_pct_range(Range(100, 100)) == "100%"
    assert fmt_pct_range(Range(2.5, 10), "uk") == "2,5–10%" and fmt_pct_range(Range(2.5, 10)) == "2.5–10%"
    assert fmt_km2_range(Range(21213.6, 23865.3)) == "21,200–23,900 km²"
    assert fmt_km2_range(Range(21213.6, 23865.3), "uk") == "21\xa0200–23\xa0900 км²"
    assert fmt_km2_range(Range(864, 864)) == "864 km²"


def test_numbers_and_dates_follow_the_language() -> None:
    assert fmt_int(29997) == "29,997" and fmt_int(29997, "uk") == "29\xa0997"
    assert fmt_pct(64.906) == "64.9%" and fmt_pct(64.906, "uk") == "64,9%"
    assert fmt_share_range(Range(17.506, 19.309), "uk") == "17,5–19,3%"
    assert fmt_date("2024-11-23") == "23 Nov 2024" and fmt_date("2024-11-23", "uk") == "23 листопада 2024"


def test_catalogs_name_no_region_facts_come_from_the_data() -> None:
    """Which regions a total or a scenario concerns is data (report.toml, the boundary file): a text
    that wrote them out would go wrong silently when the data changed. Placeholders fill them in."""
    from reportmap.pipeline import load
    from reportmap.regions import figures

    regions = figures(load().joined).values()
    for lang, table in TEXTS.items():
        unit_names = {r.name(lang) for r in regions if r.role == "ukraine"} | {r.names.en for r in regions
                                                                             if r.role == "ukraine"}
        for key, text in table.items():
            named = sorted(name for name in unit_names if name in text)
            assert not named, f"{lang}.toml: '{key}' names {named}; use a placeholder filled from the data"
