"""Claims about Russian-held territory, and the written rules that check them against a measurement.

A claim is a figure someone published: who says it, in what words, for which territory (its
scope), what quantity (a share or km²), with which qualifier ("about", "more than", "entire",
"smaller parts", or none) and which value. Every qualifier turns a value into an interval of
Russia's share or km² by one rule of `RULES`; the same interval is the claim's reading on the
page and the bound its verdict uses, so the two can never disagree.

The measurement has an uncertainty of its own: our units' boundaries and coastline are not
DeepState's (its own total runs about 1.6% above our sum over units on the report's date), so a
measured figure is a range, `MEASURED_UNCERTAINTY_PCT` either side, and for Ukraine as a whole it
reaches the occupied polygon's own total. A claim whose interval meets that range holds; one
that misses it by at most `ROUGHLY_MARGIN_POINTS` (shares) or `ROUGHLY_MARGIN_PCT` (km²) holds
roughly; the rest does not hold. The Method page prints `RULES` and these constants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportmap.keyed import Keyed
from reportmap.records import (
    UKRAINE,
    Bound,
    Claim,
    Holder,
    Qualifier,
    Quantity,
    Range,
    ReportInfo,
    Source,
    StatedTotal,
    Statement,
    Verdict,
)

# Scopes people name by one word, as unit ids (ISO 3166-2:UA).
DONBAS = ("UA-14", "UA-09")  # Donetsk, Luhansk
CRIMEA = ("UA-43", "UA-40")  # the Autonomous Republic of Crimea, Sevastopol
ANNEXED_FOUR = ("UA-14", "UA-09", "UA-23", "UA-65")  # Donetsk, Luhansk, Zaporizhzhia, Kherson

# The measurement's own uncertainty, in percent of the measured km² either side.
MEASURED_UNCERTAINTY_PCT = 2.0
# "Roughly": how far outside the measured range a claim may fall and still hold roughly.
ROUGHLY_MARGIN_POINTS = 2.0  # for a share, in percentage points
ROUGHLY_MARGIN_PCT = 5.0  # for km², in percent of the claim's value
# "About N": never tighter than this either side (points for a share, percent of N for km²).
ABOUT_AT_LEAST = 1.0
# Wording without a number.
ALMOST_ALL_FROM = 90.0  # "almost all": from this share to all of it
SOME_RANGE = (1.0, 10.0)  # "some", "smaller parts": more than nothing, well below the rest


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: how a qualifier's value becomes the interval the claim means.

    `step` (s on the Method page) is the value's stated precision: 1 for "19%", 0.01 for "19.25%",
    10 for "70%". For km², "about" is never tighter than ABOUT_AT_LEAST percent of N."""

    qualifier: Qualifier
    low: str  # the interval's ends as the Method page prints them
    high: str

    def interval(self, value: float | None, step: float, quantity: Quantity) -> Range:
        return _INTERVALS[self.qualifier](value, step, quantity)


def _about(value: float, step: float, quantity: Quantity) -> float:
    least = ABOUT_AT_LEAST if quantity is Quantity.SHARE else ABOUT_AT_LEAST * value / 100
    return max(step / 2, least)


_INTERVALS = {
    Qualifier.BARE: lambda v, s, q: Range(v - s / 2, v + s / 2),
    Qualifier.ABOUT: lambda v, s, q: Range(v - _about(v, s, q), v + _about(v, s, q)),
    Qualifier.MORE_THAN: lambda v, s, q: Range(v, v + s),
    Qualifier.ALMOST: lambda v, s, q: Range(v - s / 2, v),
    Qualifier.LESS_THAN: lambda v, s, q: Range(v - s, v),
    Qualifier.ALL: lambda v, s, q: Range(100.0, 100.0),
    Qualifier.ALMOST_ALL: lambda v, s, q: Range(ALMOST_ALL_FROM, 100.0),
    Qualifier.SOME: lambda v, s, q: Range(*SOME_RANGE),
}

RULES = (
    Rule(Qualifier.BARE, "N − s/2", "N + s/2"),
    Rule(Qualifier.ABOUT, f"N − max(s/2, {ABOUT_AT_LEAST:g})", f"N + max(s/2, {ABOUT_AT_LEAST:g})"),
    Rule(Qualifier.MORE_THAN, "N", "N + s"),
    Rule(Qualifier.ALMOST, "N − s/2", "N"),
    Rule(Qualifier.LESS_THAN, "N − s", "N"),
    Rule(Qualifier.ALL, "100", "100"),
    Rule(Qualifier.ALMOST_ALL, f"{ALMOST_ALL_FROM:g}", "100"),
    Rule(Qualifier.SOME, f"{SOME_RANGE[0]:g}", f"{SOME_RANGE[1]:g}"),
)


def rule(qualifier: Qualifier) -> Rule:
    return next(r for r in RULES if r.qualifier is qualifier)


def decimals_of(value: float) -> int | None:
    """The decimals a value was written with, as far as a float keeps them (19.25 -> 2, 18.0 -> None)."""
    if float(value).is_integer():
        return None
    return len(repr(float(value)).split(".")[1])


def step_of(value: float, decimals: int | None = None) -> float:
    """The stated precision of a value: 10**-decimals for a decimal figure, else the place of its
    last non-zero digit (70 -> 10, 18 -> 1, 113,200 -> 100, 100,000 -> 100,000)."""
    if decimals:
        return 10.0 ** -decimals
    whole = round(abs(value))
    if whole == 0:
        return 1.0
    step = 1
    while whole % (step * 10) == 0:
        step *= 10
    return float(step)


def step(claim: Claim) -> float:
    return 1.0 if claim.value is None else step_of(claim.value, claim.decimals)


def interval(qualifier: Qualifier, value: float | None, quantity: Quantity = Quantity.SHARE) -> Range:
    """What a qualifier and a value as written in a data file mean, by the rule table."""
    written_step = 1.0 if value is None else step_of(value, decimals_of(value))
    return rule(qualifier).interval(value, written_step, quantity)


def stated(claim: Claim) -> Range:
    """The interval the claim's own words mean, in its own terms (Ukraine's share if it says so); a
    range as written ("25-30%") is never read narrower than itself."""
    meant = rule(claim.qualifier).interval(claim.value, step(claim), claim.quantity)
    if not claim.spread or claim.value is None:
        return meant
    return Range(min(meant.low, claim.value - claim.spread), max(meant.high, claim.value + claim.spread))


def reading(claim: Claim, scope_area: float) -> Range:
    """The same interval as Russia's share or km² of the scope (the complement of Ukraine's)."""
    said = stated(claim)
    if claim.holder is Holder.RUSSIA:
        return said
    total = 100.0 if claim.quantity is Quantity.SHARE else scope_area
    return Range(max(0.0, total - said.high), total - said.low)



@dataclass(frozen=True)
class Measured:
    """The measurement of a claim's scope on one day, as a range (see the module's note)."""

    day: dt.date
    value: float  # share in percent, or km², as measured over our units
    low: float
    high: float
    km2: float
    share: float  # of the scope's area (or `whole`'s)


class Unchecked(Keyed):
    """Why a claim cannot be checked."""

    BEFORE_DATA = "before-data", "cannot_check_before-data"  # its day is before the first measured
    AFTER_DATA = "after-data", "cannot_check_after-data"  # after the newest
    # the measurement does not cover its scope (Russia's Kursk region)
    SCOPE = "scope", "cannot_check_scope"


class Side(Keyed):
    """Where the measurement lies from what the claim says."""

    MEETS = "", "claim_meets"  # they overlap
    BELOW = "below", "claim_below"
    ABOVE = "above", "claim_above"


@dataclass(frozen=True)
class ClaimCheck:
    claim: Claim
    reading: Range | None  # Russia's share or km² the claim means; None when it cannot be checked
    measured: Measured | None
    verdict: Verdict
    distance: float  # from the measured range to the reading (0 when they meet), in the quantity's unit
    reason: Unchecked | None = None  # why it cannot be checked

    @property
    def side(self) -> Side:
        """Below when the measurement is below what the claim says, above, or meets (unchecked too)."""
        if not self.distance or self.measured is None or self.reading is None:
            return Side.MEETS
        return Side.BELOW if self.measured.high < self.reading.low else Side.ABOVE


def measure(claim: Claim, units: dict[str, float], unit_areas: dict[str, float], polygon_km2: float,
            day: dt.date) -> Measured:
    """The claim's scope measured on one day, with the measurement's uncertainty."""
    scope = tuple(unit_areas) if claim.scope == (UKRAINE,) else claim.scope
    whole = scope if claim.whole is None else (tuple(unit_areas) if claim.whole == (UKRAINE,) else claim.whole)
    km2 = sum(units[u] for u in scope)
    area = sum(unit_areas[u] for u in whole)
    u = MEASURED_UNCERTAINTY_PCT / 100
    low_km2, high_km2 = km2 * (1 - u), km2 * (1 + u)
    if claim.scope == (UKRAINE,):  # DeepState's own total is a measurement of the same thing
        high_km2 = max(high_km2, polygon_km2)
    share = 100 * km2 / area
    if claim.quantity is Quantity.KM2:
        return Measured(day, km2, low_km2, high_km2, km2, share)
    return Measured(day, share, 100 * low_km2 / area, min(100.0, 100 * high_km2 / area), km2, share)


def judge(claim: Claim, measured: Measured, scope_area: float) -> ClaimCheck:
    """The verdict by the rules: the claim's reading against the measured range."""
    meant = reading(claim, scope_area)
    if measured.high < meant.low:
        distance = meant.low - measured.high
    elif measured.low > meant.high:
        distance = measured.low - meant.high
    else:
        distance = 0.0
    if claim.quantity is Quantity.SHARE:
        margin = ROUGHLY_MARGIN_POINTS
    else:
        margin = ROUGHLY_MARGIN_PCT * (claim.value or 0) / 100
    verdict = Verdict.HOLDS if distance == 0 else Verdict.ROUGHLY if distance <= margin else Verdict.DOES_NOT_HOLD
    return ClaimCheck(claim, meant, measured, verdict, distance)


def cannot_check(claim: Claim, reason: Unchecked) -> ClaimCheck:
    return ClaimCheck(claim, None, None, Verdict.CANNOT_CHECK, 0.0, reason)


# ---------------------------------------------------------------------------------------
# A report's statements and totals as claims.

# How a report file's totals put their bound ("over 100,000 km²", "roughly 18%").
BOUND_QUALIFIER = {Bound.OVER: Qualifier.MORE_THAN, Bound.ROUGHLY: Qualifier.ABOUT}


def report_source(info: ReportInfo) -> Source:
    return Source(info.publisher, info.url, info.date, info.party)


def statement_claim(statement: Statement, info: ReportInfo) -> Claim:
    """A line of the report's list: a share of its regions taken together."""
    decimals = None if statement.value is None else decimals_of(statement.value)
    return Claim(statement.wording, statement.regions, Quantity.SHARE, statement.qualifier, statement.value,
                 info.date, holder=statement.holder, decimals=decimals, source=report_source(info),
                 spread=statement.spread)


def area_claim(total: StatedTotal, info: ReportInfo) -> Claim:
    """"Over N km²" of Ukrainian territory: all the territory Russia holds in Ukraine."""
    return Claim(total.wording, (UKRAINE,), Quantity.KM2, BOUND_QUALIFIER[total.bound], total.value, info.date,
                 decimals=decimals_of(total.value), source=report_source(info))


def share_claim(total: StatedTotal, regions: tuple[str, ...], info: ReportInfo) -> Claim:
    """"Roughly N% of Ukraine's territory" for the regions the report names with it: their occupied
    km² as a share of Ukraine's area."""
    return Claim(total.wording, regions, Quantity.SHARE, BOUND_QUALIFIER[total.bound], total.value, info.date,
                 decimals=decimals_of(total.value), whole=(UKRAINE,), source=report_source(info))
