"""The claim model and its rule table: every qualifier at its edges, the measurement's own
uncertainty, Ukraine's share as the complement, and the seed report's verdicts unchanged."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from reportmap import claims, claimtext
from reportmap.checks import check_claim
from reportmap.claims import (
    ABOUT_AT_LEAST,
    ALMOST_ALL_FROM,
    MEASURED_UNCERTAINTY_PCT,
    ROUGHLY_MARGIN_PCT,
    ROUGHLY_MARGIN_POINTS,
    SOME_RANGE,
    Measured,
    judge,
    step_of,
)
from reportmap.records import UKRAINE, Claim, Holder, Qualifier, Quantity, Range, Verdict
from reportmap.texts import Locale

DAY = dt.date(2025, 1, 1)
U = MEASURED_UNCERTAINTY_PCT / 100


def claim(qualifier: Qualifier, value: float | None, quantity: Quantity = Quantity.SHARE,
          scope: tuple[str, ...] = ("UA-14",), **kw) -> Claim:
    return Claim("words", scope, quantity, qualifier, value, DAY, **kw)


def exact(value: float) -> Measured:
    """A measured point without uncertainty, to test a rule's own edges."""
    return Measured(DAY, value, value, value, value, value)


def verdict(c: Claim, measured: float, scope_area: float = 1000.0) -> Verdict:
    return judge(c, exact(measured), scope_area).verdict


# --- stated precision ----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "decimals", "step"), [
    (19, None, 1), (70, None, 10), (80, None, 10), (18, None, 1), (100, None, 100), (113_200, None, 100),
    (100_000, None, 100_000), (650, None, 10), (19.25, 2, 0.01), (18.7, 1, 0.1), (0, None, 1),
])
def test_step_is_the_place_of_the_last_digit(value, decimals, step) -> None:
    assert step_of(value, decimals) == pytest.approx(step)
    assert claims.decimals_of(value) == decimals


def test_a_bare_figure_is_read_at_its_stated_precision() -> None:
    assert claims.stated(claim(Qualifier.BARE, 19)) == Range(18.5, 19.5)
    assert claims.stated(claim(Qualifier.BARE, 19.25, decimals=2)) == Range(pytest.approx(19.245),
                                                                            pytest.approx(19.255))


# --- every rule at its edges ---------------------------------------------------------------------


@pytest.mark.parametrize(("qualifier", "value", "low", "high"), [
    (Qualifier.BARE, 19, 18.5, 19.5),
    (Qualifier.ABOUT, 70, 65, 75),  # "around 70%": s/2 = 5
    (Qualifier.ABOUT, 18, 18 - ABOUT_AT_LEAST, 18 + ABOUT_AT_LEAST),  # "roughly 18%": never tighter than 1
    (Qualifier.MORE_THAN, 80, 80, 90),
    (Qualifier.ALMOST, 20, 15, 20),
    (Qualifier.LESS_THAN, 20, 10, 20),
    (Qualifier.ALL, None, 100, 100),
    (Qualifier.ALMOST_ALL, None, ALMOST_ALL_FROM, 100),
    (Qualifier.SOME, None, *SOME_RANGE),
])
def test_each_rule_holds_inside_and_not_just_outside(qualifier, value, low, high) -> None:
    c = claim(qualifier, value)
    assert claims.stated(c) == Range(pytest.approx(low), pytest.approx(high))
    assert verdict(c, low) is verdict(c, high) is Verdict.HOLDS
    if low > 0:
        assert verdict(c, math.nextafter(low, 0)) is Verdict.ROUGHLY
        assert verdict(c, low - ROUGHLY_MARGIN_POINTS) is Verdict.ROUGHLY
        assert verdict(c, low - ROUGHLY_MARGIN_POINTS - 0.01) is Verdict.DOES_NOT_HOLD
    if high < 100:
        assert verdict(c, math.nextafter(high, 200)) is Verdict.ROUGHLY
        assert verdict(c, high + ROUGHLY_MARGIN_POINTS + 0.01) is Verdict.DOES_NOT_HOLD


def test_every_qualifier_has_one_rule_and_a_line_in_each_language() -> None:
    assert {r.qualifier for r in claims.RULES} == set(Qualifier)
    for lang in ("en", "uk"):
        lines = claimtext.rule_lines(Locale.of(lang))
        assert len(lines) == len(Qualifier) and all(line.strip() for line in lines)


def test_km2_roughly_margin_is_a_share_of_the_figure() -> None:
    over = claim(Qualifier.MORE_THAN, 100_000, Quantity.KM2)
    assert claims.stated(over) == Range(100_000, 200_000)
    margin = ROUGHLY_MARGIN_PCT / 100 * 100_000
    assert verdict(over, 100_000 - margin) is Verdict.ROUGHLY
    assert verdict(over, 100_000 - margin - 1) is Verdict.DOES_NOT_HOLD
    about = claim(Qualifier.ABOUT, 113_200, Quantity.KM2)
    assert claims.stated(about) == Range(113_200 - 1132, 113_200 + 1132)  # 1% of N beats s/2 = 50


def test_the_distance_says_how_far_and_which_way() -> None:
    check = judge(claim(Qualifier.MORE_THAN, 80), exact(71.2), 1000.0)
    assert check.verdict is Verdict.DOES_NOT_HOLD and check.side == "below"
    assert check.distance == pytest.approx(8.8)
    assert claimtext.distance_phrase(check, Locale.of("en")) == "8.8 points below the figure's 80–90%"
    assert claimtext.distance_phrase(check, Locale.of("uk")) == "на 8,8 п. п. менше за проміжок показника 80–90%"
    inside = judge(claim(Qualifier.MORE_THAN, 80), exact(85), 1000.0)
    assert inside.distance == 0 and inside.side == "" and "within" in claimtext.distance_phrase(inside, Locale.of("en"))


# --- Ukraine's share is the complement -----------------------------------------------------------


def test_a_share_held_by_ukraine_is_read_as_the_complement() -> None:
    c = claim(Qualifier.ABOUT, 20, holder=Holder.UKRAINE)  # "about 20% remains under Ukrainian control"
    assert claims.reading(c, 1000.0) == Range(75, 85)
    assert verdict(c, 80) is Verdict.HOLDS
    assert verdict(c, 20) is Verdict.DOES_NOT_HOLD


def test_km2_held_by_ukraine_is_the_rest_of_the_scope() -> None:
    c = claim(Qualifier.BARE, 310, Quantity.KM2, holder=Holder.UKRAINE)  # s = 10
    assert claims.reading(c, 1000.0) == Range(685, 695)


# --- bad claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("qualifier", "value", "quantity"), [
    (Qualifier.ALL, 100, Quantity.SHARE),  # no number with "all"
    (Qualifier.ABOUT, None, Quantity.SHARE),  # a number needed
    (Qualifier.SOME, None, Quantity.KM2),  # "some" is no km²
    (Qualifier.BARE, 101, Quantity.SHARE),
    (Qualifier.BARE, -1, Quantity.KM2),
    (Qualifier.BARE, math.nan, Quantity.KM2),
])
def test_a_claim_that_cannot_mean_anything_is_refused(qualifier, value, quantity) -> None:
    with pytest.raises(ValueError):
        Claim("w", ("UA-14",), quantity, qualifier, value, DAY)


def test_a_claim_needs_a_scope() -> None:
    with pytest.raises(ValueError, match="scope"):
        Claim("w", (), Quantity.SHARE, Qualifier.BARE, 19, DAY)


# --- the measurement's own uncertainty, on real days ----------------------------------------------


def test_the_measured_range_is_the_uncertainty_either_side(loaded) -> None:
    m = loaded.measurement
    check = check_claim(claim(Qualifier.BARE, 65), m)
    assert check.measured.value == pytest.approx(m.share(["UA-14"]))
    assert check.measured.low == pytest.approx(check.measured.value * (1 - U))
    assert check.measured.high == pytest.approx(check.measured.value * (1 + U))


def test_a_claim_quoting_the_polygons_own_total_holds(loaded) -> None:
    """DeepStateMap's own total (its borders and coastline) is a measurement of the same thing:
    our boundaries must not judge it wrong."""
    m = loaded.measurement
    own = Claim("w", (UKRAINE,), Quantity.KM2, Qualifier.BARE, round(m.polygon_km2), m.date)
    assert round(m.polygon_km2) > m.ukraine_km2 * 1.01  # the two differ by more than rounding
    assert check_claim(own, m).verdict is Verdict.HOLDS
    share = Claim("w", (UKRAINE,), Quantity.SHARE, Qualifier.BARE, round(m.polygon_share, 1), m.date, decimals=1)
    assert check_claim(share, m).verdict is Verdict.HOLDS


def test_a_territory_outside_the_data_cannot_be_checked(loaded) -> None:
    kursk = Claim("w", ("RU-KRS",), Quantity.KM2, Qualifier.ABOUT, 650, loaded.measurement.date)
    check = check_claim(kursk, loaded.measurement)
    assert check.verdict is Verdict.CANNOT_CHECK and check.reason == "scope"
    assert "does not cover" in claimtext.measured_phrase(check, Locale.of("en"))


def test_the_pair_is_checked_together_on_the_report_date(loaded) -> None:
    """'More than 80% of Donetsk and Luhansk' holds for the pair (81.4%); Donetsk's own 64.9% would not."""
    m = loaded.measurement
    pair = claim(Qualifier.MORE_THAN, 80, scope=("UA-14", "UA-09"))
    assert check_claim(pair, m).verdict is Verdict.HOLDS
    alone = check_claim(claim(Qualifier.MORE_THAN, 80), m)
    assert alone.verdict is Verdict.DOES_NOT_HOLD and alone.side == "below"


# --- the seed report: today's figures and verdicts unchanged ---------------------------------------


# On the report's date and on 1 Jan 2026, as the page showed them before the claim model.
SEED = {
    "2024-11-23": {"crimea": (98.948, "holds"), "donetsk-luhansk": (81.431, "holds"),
                   "zaporizhzhia-kherson": (72.446, "holds"), "kharkiv-mykolaiv": (1.964, "holds"),
                   "area": (109_538.4, "holds"), "share": (18.105, "holds")},
}


def test_the_seed_reports_figures_and_verdicts_are_unchanged(loaded) -> None:
    check = loaded.check
    expected = SEED[str(check.date)]
    for statement_check in check.statements:
        share, word = expected[statement_check.statement.id]
        assert statement_check.share == pytest.approx(share, abs=0.001)
        assert statement_check.verdict.value == word
    assert check.area.measured == pytest.approx(expected["area"][0], abs=0.1)
    assert check.area.verdict.value == expected["area"][1]
    assert check.share.measured == pytest.approx(expected["share"][0], abs=0.001)
    assert check.share.verdict.value == expected["share"][1]


def test_no_verdict_changes_from_the_report_date_on(loaded) -> None:
    """The old rules (without an upper end for 'more than', without the measurement's range) gave
    the same verdicts on every day from the report's date to the newest; before it, 'more than 80%'
    measured at 78-80% now holds roughly (or holds, within the measurement's range)."""
    from reportmap.checks import check_report

    report, areas = loaded.published, loaded.areas
    for m in loaded.series.days:
        if m.date < report.info.date:
            continue
        c = check_report(report, areas, m)
        assert {s.verdict for s in c.statements} | {c.area.verdict, c.share.verdict} == {Verdict.HOLDS}, m.date
