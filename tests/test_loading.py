"""The data files load into records, and every kind of bad file fails with a clear message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from reportmap.errors import DataError
from reportmap.loading import AREAS_FILE, REPORT_FILE, load_areas, load_report
from reportmap.records import ControlClass, Range
from reportmap.texts import fmt_event_date

REPORT_TEXT = REPORT_FILE.read_text(encoding="utf-8")
AREAS_TEXT = AREAS_FILE.read_text(encoding="utf-8")


def test_report_loads_the_articles_statements() -> None:
    report = load_report()
    by_id = {s.id: s for s in report.statements}
    assert by_id["crimea"].regions == ("UA-43", "UA-40")
    assert by_id["crimea"].share == Range(100, 100)
    assert by_id["donetsk-luhansk"].wording == "More than 80% of Donetsk and Luhansk regions"
    assert by_id["donetsk-luhansk"].share.low == 80
    assert by_id["donetsk-luhansk"].control_class is ControlClass.MORE_THAN_80
    assert by_id["zaporizhzhia-kherson"].share.contains(70)
    assert 0 < by_id["kharkiv-mykolaiv"].share.low < by_id["kharkiv-mykolaiv"].share.high <= 10
    # The pair statements say that their figure holds for the two regions together.
    for pair in ("donetsk-luhansk", "zaporizhzhia-kherson"):
        assert "together: it holds for the two together, not for each" in str(by_id[pair].pair_note)
    assert "together, without a figure" in str(by_id["kharkiv-mykolaiv"].pair_note)
    assert report.kursk.km2 == 650 and report.kursk.region == "RU-KRS"
    assert report.stated_area.value == 100_000 and report.stated_area.bound == "over"
    assert report.stated_share.value == 18 and report.stated_share.bound == "roughly"
    assert {c.id for c in report.conditions} == {"recognition", "nato"}


def test_events_are_sorted_and_context_is_marked() -> None:
    events = load_report().events
    assert [e.date for e in events] == sorted(e.date for e in events)
    by_id = {e.id: e for e in events}
    # The report calls the missile decision "recent": the date we add is context.
    assert by_id["missile-decision"].is_context and "17 November 2024" in str(by_id["missile-decision"].source)
    assert by_id["invasion"].is_context
    election, annexed = by_id["us-election"], by_id["crimea-annexed"]
    assert not election.is_context and fmt_event_date(election.date, election.precision) == "5 Nov 2024"
    assert fmt_event_date(election.date, election.precision, "uk") == "5 листопада 2024"
    assert fmt_event_date(annexed.date, annexed.precision, "uk") == "2014"


def test_official_areas_sum_to_ukraine() -> None:
    areas = load_areas()
    assert len(areas.ids) == 27
    assert abs(sum(km2 for _, km2 in areas.units) - 603_628) <= 0.005 * 603_628
    assert areas.km2("UA-30") == 839  # Kyiv city: the official area, not Natural Earth's polygon


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _swap(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, f"test setup: {old!r} not in the data file"
    return text.replace(old, new, count)


BAD_REPORTS = [
    ("empty", "", "file", "is empty"),
    ("malformed", REPORT_TEXT + "\n[[statement]\n", "file", "is not valid TOML"),
    ("unknown region", _swap(REPORT_TEXT, '"UA-14"', '"UA-99"'),
     "statement 'donetsk-luhansk'", "unknown region id 'UA-99'"),
    ("high not the rule's", _swap(REPORT_TEXT, "high = 90", "high = 190"),
     "statement 'donetsk-luhansk'", "'high' is 190, but the rule for 'more-than' reads 90"),
    ("low not the rule's", _swap(REPORT_TEXT, "low = 65", "low = -5"),
     "statement 'zaporizhzhia-kherson'", "'low' is -5, but the rule for 'about' reads 65"),
    ("value above 100", _swap(REPORT_TEXT, "value = 80", "value = 180"),
     "statement 'donetsk-luhansk'", "'value' is 180, outside 0 to 100"),
    ("unknown qualifier", _swap(REPORT_TEXT, 'qualifier = "about"', 'qualifier = "circa"'),
     "statement 'zaporizhzhia-kherson'", "unknown qualifier 'circa'"),
    ("value without a number's qualifier", _swap(REPORT_TEXT, 'qualifier = "all"', 'qualifier = "all"\nvalue = 100'),
     "statement 'crimea'", "'value' makes no sense with the qualifier 'all'"),
    ("no value", _swap(REPORT_TEXT, "value = 70\n", ""),
     "statement 'zaporizhzhia-kherson'", "missing field 'value'"),
    ("colour outside range", _swap(REPORT_TEXT, "colour = 70", "colour = 90"),
     "statement 'zaporizhzhia-kherson'", "colour (90) is outside the reading 65 to 75"),
    ("duplicate statement", _swap(REPORT_TEXT, 'id = "kharkiv-mykolaiv"', 'id = "crimea"'),
     "", "duplicate statement id 'crimea'"),
    ("region twice", _swap(REPORT_TEXT, '["UA-63", "UA-48"]', '["UA-63", "UA-14"]'),
     "", "region 'UA-14' appears in two statements"),
    ("missing wording", _swap(REPORT_TEXT, 'wording = "Entire Crimea since 2014"\n', ""),
     "statement 'crimea'", "missing field 'wording'"),
    ("number as text", _swap(REPORT_TEXT, "low = 80", 'low = "80"'),
     "statement 'donetsk-luhansk'", "'low' must be int or float"),
    ("unknown class", _swap(REPORT_TEXT, 'class = "around-70"', 'class = "most"'),
     "statement 'zaporizhzhia-kherson'", "unknown class 'most'"),
    ("condition names unknown statement",
     _swap(REPORT_TEXT, 'statements = ["crimea", "donetsk-luhansk", "zaporizhzhia-kherson"]\nattribution',
           'statements = ["crimea", "odesa"]\nattribution'),
     "condition 'recognition'", "unknown statement 'odesa'"),
    ("bad precision", _swap(REPORT_TEXT, 'precision = "year"', 'precision = "month"'),
     "event 'crimea-annexed'", "'precision' must be 'year' or 'day'"),
    ("duplicate event", _swap(REPORT_TEXT, 'id = "report"\ndate', 'id = "invasion"\ndate'),
     "", "duplicate event id 'invasion'"),
    ("a misspelt section", _swap(REPORT_TEXT, "[totals.share]", "[totals_share]"),
     "", "unknown entry 'totals_share'"),
    ("a share total for no statement",
     _swap(REPORT_TEXT, 'statements = ["crimea", "donetsk-luhansk", "zaporizhzhia-kherson"]\n\n#',
           "statements = []\n\n#"),
     "totals.share", "'statements' is empty: a total needs the statements it covers"),
    ("a statement for no region", _swap(REPORT_TEXT, 'regions = ["UA-43", "UA-40"]', "regions = []"),
     "statement 'crimea'", "'regions' is empty: a figure needs the regions it is for"),
    ("a party that is no side", _swap(REPORT_TEXT, 'citation = "V7N, Moscow, 23 Nov 2024"',
                                      'citation = "V7N, Moscow, 23 Nov 2024"\nparty = "kremlin"'),
     "report", "'party' must be one of 'russia', 'ukraine'"),
    ("kursk larger than oblast", _swap(REPORT_TEXT, "km2 = 650", "km2 = 65000"),
     "kursk", "must be between 0 and the oblast's area"),
    ("kursk claim of an unknown party", _swap(REPORT_TEXT, 'party = "deepstate"', 'party = "isw"'),
     "kursk_claim 'deepstate-2024-11-22'", "unknown party 'isw'"),
    ("kursk claim without a date", _swap(REPORT_TEXT, "date = 2025-06-22\n", ""),
     "kursk_claim 'syrskyi-2025-06-22'", "missing field 'date'"),
    ("kursk claim with a time", _swap(REPORT_TEXT, "date = 2025-06-22\n", "date = 2025-06-22T10:00:00\n"),
     "kursk_claim 'syrskyi-2025-06-22'", "'date' must be a date without a time"),
    ("kursk claim without an address",
     _swap(REPORT_TEXT, 'url = "https://www.pravda.com.ua', 'url = "www.pravda.com.ua'),
     "kursk_claim 'syrskyi-2025-06-22'", "'url' must be an https:// address"),
    ("kursk claim larger than the oblast", _swap(REPORT_TEXT, "km2 = 90\n", "km2 = 90000\n"),
     "kursk_claim 'syrskyi-2025-06-22'", "km2 (90000) must be between 0 and the oblast's area"),
    ("kursk claim twice", _swap(REPORT_TEXT, 'id = "syrskyi-2025-06-22"', 'id = "syrskyi-2024-08-12"'),
     "", "duplicate kursk_claim id 'syrskyi-2024-08-12'"),
]


@pytest.mark.parametrize(("text", "entry", "problem"),
                         [case[1:] for case in BAD_REPORTS], ids=[case[0] for case in BAD_REPORTS])
def test_bad_report_names_file_entry_and_problem(tmp_path: Path, text: str, entry: str,
                                                 problem: str) -> None:
    path = _write(tmp_path, "figures.toml", text)
    with pytest.raises(DataError) as caught:
        load_report(path)
    assert caught.value.file == str(path)
    assert caught.value.entry == entry or (entry == "" and caught.value.entry == "")
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{path.name}: ") and str(tmp_path) not in str(caught.value)


def test_missing_report_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=re.escape("nowhere.toml: file: not found")):
        load_report(tmp_path / "nowhere.toml")


def test_binary_report_file(tmp_path: Path) -> None:
    path = tmp_path / "figures.toml"
    path.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(DataError, match="not UTF-8"):
        load_report(path)


BAD_AREAS = [
    ("sum off", _swap(AREAS_TEXT, '"UA-51" = 33310', '"UA-51" = 63310'),
     "ukraine.units", "away from total_km2"),
    ("negative area", _swap(AREAS_TEXT, '"UA-30" = 839', '"UA-30" = -839'),
     "ukraine.units", "area of 'UA-30' must be positive"),
    ("missing kursk", _swap(AREAS_TEXT, "[kursk]", "[kursk_oblast]"), "", "missing field 'kursk'"),
]


@pytest.mark.parametrize(("text", "entry", "problem"),
                         [case[1:] for case in BAD_AREAS], ids=[case[0] for case in BAD_AREAS])
def test_bad_areas_file(tmp_path: Path, text: str, entry: str, problem: str) -> None:
    path = _write(tmp_path, "areas.toml", text)
    with pytest.raises(DataError) as caught:
        load_areas(path)
    assert caught.value.entry == entry
    assert problem in caught.value.problem


def test_kursk_claims_on_a_day_are_each_partys_newest_stated_by_then() -> None:
    report = load_report()
    assert report.kursk_claims_on(dt.date(2024, 8, 11)) == ()  # none before the first held here
    on_date = report.kursk_claims_on(dt.date(2024, 11, 23))
    assert [c.id for c in on_date] == ["general-staff-2024-11-23", "deepstate-2024-11-22"]
    newest = report.kursk_claims_on(dt.date(2026, 1, 1))  # well after the newest claim held
    assert [(c.party, c.date.isoformat(), c.km2) for c in newest] == [
        ("ukraine-command", "2025-08-07", 50), ("russia-command", "2025-04-26", None),
        ("deepstate", "2025-03-13", 140)]
    assert all(c.url.startswith("https://") and c.outlet and c.who for c in report.kursk_claims)
