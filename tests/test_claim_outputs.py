"""What a check gives to fact-checkers and scripts: `python -m reportmap check` (its JSON against a
schema, its exits) and the report's verdicts as CSV and schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import jsonschema
import pytest

from reportmap.__main__ import main
from reportmap.claimreview import CSV_COLUMNS, claim_reviews_jsonld, report_checks, verdicts_csv
from reportmap.measured import CREDIT
from reportmap.texts import Locale

RANGE = {"type": "object", "required": ["low", "high"],
         "properties": {"low": {"type": "number"}, "high": {"type": "number"}}}
CHECK_SCHEMA = {
    "type": "object",
    "required": ["claim", "measured", "verdict", "parsed", "unread"],
    "properties": {
        "claim": {
            "type": "object",
            "required": ["scope", "quantity", "qualifier", "value", "date"],
            "properties": {
                "scope": {"oneOf": [{"const": "UA"},
                                    {"type": "array", "minItems": 1, "items": {"type": "string",
                                                                               "pattern": "^[A-Z]{2}-[A-Z0-9]+$"}}]},
                "quantity": {"enum": ["share", "km2"]},
                "qualifier": {"enum": ["bare", "about", "more-than", "almost", "less-than", "all", "almost-all",
                                       "some"]},
                "value": {"type": ["number", "null"]},
                "date": {"type": "string", "format": "date"},
            },
        },
        "measured": {"oneOf": [{"type": "null"}, {
            "type": "object", "required": ["day", "share", "km2", "low", "high"],
            "properties": {"day": {"type": "string"}, "share": {"type": "number"}, "km2": {"type": "number"},
                           "low": {"type": "number"}, "high": {"type": "number"}}}]},
        "reading": {"oneOf": [{"type": "null"}, RANGE]},
        "verdict": {"enum": ["holds", "roughly", "does-not-hold", "cannot-check"]},
        "parsed": {"type": "boolean"},
        "unread": {"type": "string"},
    },
}


def run_json(capsys, *args: str) -> dict:
    assert main(["check", *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    jsonschema.validate(out, CHECK_SCHEMA)
    return out


def test_the_issues_example_gives_one_object_with_the_measurement(capsys) -> None:
    out = run_json(capsys, "--scope", "UA-14,UA-09", "--quantity", "share", "--qualifier", "more-than",
                   "--value", "80", "--date", "2025-08-17")
    assert out["claim"] == {"scope": ["UA-14", "UA-09"], "quantity": "share", "qualifier": "more-than",
                            "value": 80.0, "held_by": "russia", "date": "2025-08-17"}
    assert out["measured"]["day"] == "2025-08-17"
    assert out["measured"]["low"] < out["measured"]["share"] < out["measured"]["high"]
    assert out["reading"] == {"low": 80.0, "high": 90.0}
    assert out["verdict"] == "holds" and out["parsed"] is True and out["unread"] == ""


def test_the_whole_country_and_a_named_scope(capsys) -> None:
    whole = run_json(capsys, "--scope", "UA", "--quantity", "km2", "--qualifier", "about", "--value", "113200",
                     "--date", "2026-01-01")
    assert whole["claim"]["scope"] == "UA"
    assert 110_000 < whole["measured"]["km2"] < 120_000
    donbas = run_json(capsys, "--scope", "donbas", "--qualifier", "almost-all", "--date", "2026-01-01")
    assert donbas["claim"]["scope"] == ["UA-14", "UA-09"] and donbas["claim"]["value"] is None


def test_a_share_held_by_ukraine_is_the_complement(capsys) -> None:
    russia = run_json(capsys, "--scope", "UA-14", "--value", "75", "--date", "2025-08-17")
    ukraine = run_json(capsys, "--scope", "UA-14", "--value", "25", "--held-by", "ukraine", "--date", "2025-08-17")
    assert ukraine["reading"] == {"low": 74.5, "high": 75.5} == russia["reading"]
    assert ukraine["verdict"] == russia["verdict"]


def test_a_day_without_a_file_is_measured_on_the_nearest_earlier_day(capsys, loaded) -> None:
    days = {m.date for m in loaded.series.days}
    gap = next(d for d in loaded.series.missing if d - dt.timedelta(days=1) in days)
    out = run_json(capsys, "--scope", "UA", "--value", "19", "--date", gap.isoformat())
    assert out["measured"]["day"] == (gap - dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("date", "reason"), [("2020-01-01", "before-data"), ("2030-01-01", "after-data")])
def test_a_day_outside_the_data_cannot_be_checked(capsys, date, reason) -> None:
    out = run_json(capsys, "--scope", "UA", "--value", "19", "--date", date)
    assert out["verdict"] == "cannot-check" and out["reason"] == reason and out["measured"] is None


def test_kursk_cannot_be_checked_here(capsys) -> None:
    out = run_json(capsys, "--scope", "RU-KRS", "--quantity", "km2", "--value", "650", "--date", "2024-11-23")
    assert out["verdict"] == "cannot-check" and out["reason"] == "scope"


@pytest.mark.parametrize("args", [
    ["--scope", "UA-99", "--value", "5"],
    ["--scope", "UA", "--qualifier", "about"],  # no value
    ["--scope", "UA", "--qualifier", "all", "--value", "100"],
    ["--scope", "UA", "--value", "150"],  # no share is 150%
    ["--scope", "", "--value", "5"],
])
def test_bad_input_exits_1_in_one_line(capsys, args) -> None:
    assert main(["check", *args, "--date", "2025-01-01"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("check: ") and err.count("\n") == 1 and "Traceback" not in err


def test_the_text_output_in_ukrainian(capsys) -> None:
    assert main(["check", "--scope", "UA-14,UA-09", "--qualifier", "more-than", "--value", "80",
                 "--date", "2024-11-23", "--lang", "uk"]) == 0
    out = capsys.readouterr().out
    assert "виміряно 81,4%" in out and "підтверджується" in out


# --- the report's verdicts as downloads -------------------------------------------------------------


def test_the_verdicts_csv_has_a_row_per_figure(loaded) -> None:
    rows = list(csv.DictReader(io.StringIO(verdicts_csv(loaded.check))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["words"] for r in rows] == [c.claim.words for c in report_checks(loaded.check)]
    pair = next(r for r in rows if r["scope"] == "UA-14 UA-09")
    assert (pair["qualifier"], pair["value"], pair["verdict"]) == ("more-than", "80.0", "holds")
    assert (pair["reading_low"], pair["reading_high"], pair["measured"]) == ("80.0", "90.0", "81.43")
    assert pair["outlet"] == "V7N" and pair["figure_for"] == "2024-11-23" and pair["credit"] == CREDIT
    share = next(r for r in rows if r["of"] == "UA")
    assert share["measured"] == "18.1" and share["qualifier"] == "about" and share["verdict"] == "holds"


# The properties Google's and schema.org's ClaimReview documentation asks of a review.
CLAIM_REVIEW_SCHEMA = {
    "type": "array", "minItems": 1,
    "items": {
        "type": "object",
        "required": ["@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "author",
                     "datePublished"],
        "properties": {
            "@type": {"const": "ClaimReview"},
            "claimReviewed": {"type": "string", "minLength": 1},
            "author": {"type": "object", "required": ["@type", "name"]},
            "itemReviewed": {"type": "object", "required": ["@type", "author", "datePublished", "appearance"],
                             "properties": {"@type": {"const": "Claim"},
                                            "author": {"type": "object", "required": ["@type", "name"]}}},
            "reviewRating": {"type": "object", "required": ["@type", "alternateName"],
                             "properties": {"@type": {"const": "Rating"}}},
        },
    },
}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_claim_review_json_ld_has_the_required_fields(loaded, lang) -> None:
    reviews = json.loads(claim_reviews_jsonld(loaded.check, loaded.published, dt.date(2026, 12, 3), Locale.of(lang)))
    jsonschema.validate(reviews, CLAIM_REVIEW_SCHEMA)
    assert len(reviews) == len(report_checks(loaded.check))
    first = reviews[0]
    assert first["claimReviewed"] == "Entire Crimea since 2014"
    assert first["itemReviewed"]["author"]["name"] == "V7N"
    assert first["itemReviewed"]["datePublished"] == "2024-11-23"
    assert first["reviewRating"]["ratingValue"] == 3 and first["reviewRating"]["bestRating"] == 3
    assert CREDIT in first["reviewBody"] and "2024-11-23" in first["reviewBody"]
    assert first["datePublished"] == "2026-12-03"


# --- a sentence as input -------------------------------------------------------------------------


def test_a_sentence_gives_the_same_json_one_object_per_claim(capsys) -> None:
    assert main(["check", "под контролем ВС РФ более 99% ЛНР и около 70% Запорожской области",
                 "--date", "2025-08-17", "--json"]) == 0
    objects = json.loads(capsys.readouterr().out)
    assert isinstance(objects, list) and len(objects) == 2
    for out in objects:
        jsonschema.validate(out, CHECK_SCHEMA)
        assert out["parsed"] is True and out["unread"] == ""
    assert [o["claim"]["scope"] for o in objects] == [["UA-09"], ["UA-23"]]
    assert [o["claim"]["qualifier"] for o in objects] == ["more-than", "about"]
    structured = run_json(capsys, "--scope", "UA-23", "--qualifier", "about", "--value", "70",
                          "--date", "2025-08-17")
    assert {k: v for k, v in objects[1].items() if k != "claim"} == {k: v for k, v in structured.items()
                                                                      if k != "claim"}


def test_a_sentence_partly_read_says_what_was_not(capsys) -> None:
    assert main(["check", "It was 18.7 percent, and 99% of Luhansk", "--date", "2025-08-17", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    jsonschema.validate(out, CHECK_SCHEMA)
    assert out["parsed"] is False and out["unread"] == "scope:18.7 percent"
    assert out["claim"]["scope"] == ["UA-09"]


def test_nothing_read_exits_2(capsys) -> None:
    assert main(["check", "Kyiv says it will talk", "--date", "2025-08-17", "--json"]) == 2
    assert json.loads(capsys.readouterr().out) == {"claims": [], "parsed": False, "unread": "nothing"}
    assert main(["check", "Kyiv says it will talk", "--date", "2025-08-17"]) == 2
    assert "nothing could be read" in capsys.readouterr().err


def test_neither_a_sentence_nor_a_scope_is_bad_input(capsys) -> None:
    assert main(["check", "--date", "2025-08-17"]) == 1
    assert capsys.readouterr().err.startswith("check: give a sentence")
