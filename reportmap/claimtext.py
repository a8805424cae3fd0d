"""What a claim's check says, in words: the verdict, the measured range and how far the claim is
from it, and the rule table. Used alike by the pages, the downloads and the command line."""

from __future__ import annotations

from reportmap import claims
from reportmap.claims import ClaimCheck, Side
from reportmap.records import Quantity, Range, Verdict
from reportmap.texts import fmt_date, fmt_int, fmt_number, fmt_pct, t


def verdict_label(verdict: Verdict, lang: str) -> str:
    return t(Verdict(verdict).key, lang)


def fmt_value(value: float, quantity: Quantity, lang: str) -> str:
    return fmt_pct(value, lang) if quantity is Quantity.SHARE else f"{fmt_int(value, lang)} {t('km2', lang)}"


def fmt_reading(reading: Range, quantity: Quantity, lang: str, digits: int = 2) -> str:
    """An interval of a share or km² ("80–90%", "100%", "100,000–200,000 km²"), to `digits` decimals at most."""
    if quantity is Quantity.SHARE:
        ends = [fmt_number(round(end, digits), lang) for end in (reading.low, reading.high)]
        return f"{ends[0]}%" if ends[0] == ends[1] else f"{ends[0]}–{ends[1]}%"
    low, high, unit = fmt_int(reading.low, lang), fmt_int(reading.high, lang), t("km2", lang)
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def fmt_distance(check: ClaimCheck, lang: str) -> str:
    if check.claim.quantity is Quantity.SHARE:
        return t("distance_points", lang, value=fmt_number(round(check.distance, 1), lang))
    return f"{fmt_int(check.distance, lang)} {t('km2', lang)}"


def measured_phrase(check: ClaimCheck, lang: str) -> str:
    """'measured 89.1% (87.3–90.9% allowing for the boundaries)', or why it cannot be checked."""
    if check.measured is None:
        return t(check.reason.key, lang)
    m, quantity = check.measured, check.claim.quantity
    return t("claim_measured", lang, value=fmt_value(m.value, quantity, lang),
             low=fmt_value(m.low, quantity, lang), high=fmt_value(m.high, quantity, lang))


def distance_phrase(check: ClaimCheck, lang: str) -> str:
    """'within the claim's 80–90%', or '8.8 points below the claim's 80–90%' ('' if unchecked)."""
    if check.reading is None:
        return ""
    reading = fmt_reading(check.reading, check.claim.quantity, lang)
    if check.side is Side.MEETS:
        return t(check.side.key, lang, reading=reading)
    return t(check.side.key, lang, distance=fmt_distance(check, lang), reading=reading)


def measured_range(check: ClaimCheck, lang: str) -> str:
    """The measured range alone ("79.8–83.1%"), '' when nothing was measured."""
    if check.measured is None:
        return ""
    return fmt_reading(Range(check.measured.low, check.measured.high), check.claim.quantity, lang, digits=1)


def rule_lines(lang: str) -> list[str]:
    """The rule table, one line per qualifier, from the same constants the verdicts use."""
    at_least = fmt_number(claims.ABOUT_AT_LEAST, lang)
    lines = []
    for rule in claims.RULES:
        wording = t(rule.qualifier.rule_key, lang, at_least=at_least)
        lines.append(t("rule_point", lang, wording=wording, value=rule.low) if rule.low == rule.high
                     else t("rule_line", lang, wording=wording, low=rule.low, high=rule.high))
    return lines


def rules_verdicts(lang: str, first: object, last: object) -> str:
    """How a reading and a measured range become a verdict, with the constants filled in."""
    return t("rules_verdicts", lang, uncertainty=fmt_pct(claims.MEASURED_UNCERTAINTY_PCT, lang, 0),
             points=fmt_number(claims.ROUGHLY_MARGIN_POINTS, lang),
             pct=fmt_pct(claims.ROUGHLY_MARGIN_PCT, lang, 0),
             first=fmt_date(first, lang), last=fmt_date(last, lang))
