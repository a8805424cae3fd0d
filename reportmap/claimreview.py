"""Every verdict of a report as downloads: a tidy CSV, and schema.org `ClaimReview` JSON-LD, the
format fact-checkers publish their reviews in (one review per figure, the measurement and its
credit in the review's text)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from reportmap import claimtext
from reportmap.checks import ReportCheck
from reportmap.claims import ClaimCheck
from reportmap.measured import CREDIT, MEASURED_BY
from reportmap.records import UKRAINE, Report, Verdict
from reportmap.texts import DEFAULT_LOCALE, Locale

PROJECT = "Ukraine, Russian-controlled territory: report map"
# ratingValue on a scale a reader can sort by; "cannot be checked" has none.
RATING = {Verdict.HOLDS: 3, Verdict.ROUGHLY: 2, Verdict.DOES_NOT_HOLD: 1}

CSV_COLUMNS = ("words", "outlet", "published", "figure_for", "scope", "of", "quantity", "qualifier", "value",
               "held_by", "reading_low", "reading_high", "measured_day", "measured", "measured_low",
               "measured_high", "verdict", "distance", "reason", "credit")


def report_checks(check: ReportCheck) -> tuple[ClaimCheck, ...]:
    """The report's figures in its own order: each statement, then its totals and its other figures."""
    return check.claims


def _scope(ids: tuple[str, ...] | None) -> str:
    return "" if ids is None else UKRAINE if ids == (UKRAINE,) else " ".join(ids)


def _round(value: float | None, quantity: str) -> float | None:
    """Shares to 0.01 point, km² to 0.1: what the measurement can carry."""
    if value is None:
        return None
    return round(value, 2 if quantity == "share" else 1)


def verdicts_csv(check: ReportCheck) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in report_checks(check):
        claim, m, q = c.claim, c.measured, c.claim.quantity.value
        source = claim.source
        writer.writerow([
            claim.words, source.outlet if source else "", (source.published or "") if source else "",
            claim.date, _scope(claim.scope), _scope(claim.whole), q, claim.qualifier.value, claim.value,
            claim.holder.value, _round(c.reading.low, q) if c.reading else "",
            _round(c.reading.high, q) if c.reading else "", m.day if m else "", _round(m.value, q) if m else "",
            _round(m.low, q) if m else "", _round(m.high, q) if m else "", c.verdict.value,
            _round(c.distance, q), c.reason or "", CREDIT,
        ])
    return out.getvalue()


def claim_review(c: ClaimCheck, report: Report, reviewed_on: dt.date, loc: Locale = DEFAULT_LOCALE) -> dict:
    """One schema.org ClaimReview for one figure of the report."""
    claim, info = c.claim, report.info
    rating = {"@type": "Rating", "alternateName": claimtext.verdict_label(c.verdict, loc)}
    if c.verdict in RATING:
        rating |= {"ratingValue": RATING[c.verdict], "bestRating": max(RATING.values()),
                   "worstRating": min(RATING.values())}
    appearance = {"@type": "CreativeWork", "headline": info.title, "datePublished": info.date.isoformat(),
                  "publisher": {"@type": "Organization", "name": info.publisher}}
    if info.url:
        appearance["url"] = info.url
    measured = claimtext.measured_phrase(c, loc)
    distance = claimtext.distance_phrase(c, loc)
    body = "; ".join(part for part in (measured, distance) if part)
    day = f" ({c.measured.day.isoformat()})" if c.measured else ""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.words,
        "datePublished": reviewed_on.isoformat(),
        "inLanguage": loc.code,
        "author": {"@type": "Organization", "name": PROJECT},
        "itemReviewed": {
            "@type": "Claim",
            # Whose claim it is: the speaker the outlet quotes, or the outlet's own.
            "author": ({"@type": "Person", "name": info.speaker} if info.speaker
                       else {"@type": "Organization", "name": info.publisher}),
            "datePublished": info.date.isoformat(),
            "appearance": appearance,
        },
        "reviewRating": rating,
        "reviewBody": f"{body}{day}. {CREDIT}.",
        "isBasedOn": {"@type": "Dataset", "name": f"{MEASURED_BY['source']} occupied area, daily",
                      "url": f"https://github.com/{MEASURED_BY['repository']}",
                      "license": MEASURED_BY["licence"]},
    }


def claim_reviews_jsonld(check: ReportCheck, report: Report, reviewed_on: dt.date, loc: Locale = DEFAULT_LOCALE) -> str:
    """Every figure's review, as one JSON-LD document (a list of ClaimReview objects)."""
    reviews = [claim_review(c, report, reviewed_on, loc) for c in report_checks(check)]
    return json.dumps(reviews, ensure_ascii=False, indent=1)
