"""What a claim's check says, in words: the verdict, the measured range and how far the claim is
from it, and the rule table. Used alike by the pages, the downloads and the command line."""

from __future__ import annotations

from reportmap import claims
from reportmap.claims import ClaimCheck, Side
from reportmap.records import Quantity, Range, Verdict
from reportmap.texts import Locale


def verdict_label(verdict: Verdict, loc: Locale) -> str:
    return loc.t(Verdict(verdict).key)


def fmt_value(value: float, quantity: Quantity, loc: Locale) -> str:
    return loc.pct(value) if quantity is Quantity.SHARE else f"{loc.integer(value)} {loc.t('km2')}"


def fmt_reading(reading: Range, quantity: Quantity, loc: Locale, digits: int = 2) -> str:
    """An interval of a share or km² ("80–90%", "100%", "100,000–200,000 km²"), to `digits` decimals at most."""
    if quantity is Quantity.SHARE:
        ends = [loc.number(round(end, digits)) for end in (reading.low, reading.high)]
        return f"{ends[0]}%" if ends[0] == ends[1] else f"{ends[0]}–{ends[1]}%"
    low, high, unit = loc.integer(reading.low), loc.integer(reading.high), loc.t("km2")
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def fmt_distance(check: ClaimCheck, loc: Locale) -> str:
    if check.claim.quantity is Quantity.SHARE:
        return loc.t("distance_points", value=loc.number(round(check.distance, 1)))
    return f"{loc.integer(check.distance)} {loc.t('km2')}"


def measured_phrase(check: ClaimCheck, loc: Locale) -> str:
    """'measured 89.1% (87.3–90.9% allowing for the boundaries)', or why it cannot be checked."""
    if check.measured is None:
        return loc.t(check.reason.key)
    m, quantity = check.measured, check.claim.quantity
    return loc.t("claim_measured", value=fmt_value(m.value, quantity, loc),
             low=fmt_value(m.low, quantity, loc), high=fmt_value(m.high, quantity, loc))


def distance_phrase(check: ClaimCheck, loc: Locale) -> str:
    """'within the claim's 80–90%', or '8.8 points below the claim's 80–90%' ('' if unchecked)."""
    if check.reading is None:
        return ""
    reading = fmt_reading(check.reading, check.claim.quantity, loc)
    if check.side is Side.MEETS:
        return loc.t(check.side.key, reading=reading)
    return loc.t(check.side.key, distance=fmt_distance(check, loc), reading=reading)


def measured_range(check: ClaimCheck, loc: Locale) -> str:
    """The measured range alone ("79.8–83.1%"), '' when nothing was measured."""
    if check.measured is None:
        return ""
    return fmt_reading(Range(check.measured.low, check.measured.high), check.claim.quantity, loc, digits=1)


def rule_lines(loc: Locale) -> list[str]:
    """The rule table, one line per qualifier, from the same constants the verdicts use."""
    at_least = loc.number(claims.ABOUT_AT_LEAST)
    lines = []
    for rule in claims.RULES:
        wording = loc.t(rule.qualifier.rule_key, at_least=at_least)
        lines.append(loc.t("rule_point", wording=wording, value=rule.low) if rule.low == rule.high
                     else loc.t("rule_line", wording=wording, low=rule.low, high=rule.high))
    return lines


def rules_verdicts(loc: Locale, first: object, last: object) -> str:
    """How a reading and a measured range become a verdict, with the constants filled in."""
    return loc.t("rules_verdicts", uncertainty=loc.pct(claims.MEASURED_UNCERTAINTY_PCT, 0),
             points=loc.number(claims.ROUGHLY_MARGIN_POINTS),
             pct=loc.pct(claims.ROUGHLY_MARGIN_PCT, 0),
             first=loc.date(first), last=loc.date(last))
