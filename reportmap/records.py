"""Domain records: what the report says, and the outside context we set beside it.

Everything here is frozen, so a cached value can be shared by every session without
one reader's page changing another's.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from reportmap.keyed import Keyed


class ControlClass(Keyed):
    """The legend's classes, named after the report's own wording."""

    ALL = "all", "class_all"
    MORE_THAN_80 = "more-than-80", "class_more-than-80"
    AROUND_70 = "around-70", "class_around-70"
    SMALLER_PARTS = "smaller-parts", "class_smaller-parts"
    NONE = "none", "class_none"
    # Not in the data: the hinted-withdrawal scenario gives it to the areas Russia would leave.
    RETURNED = "returned", "class_returned"


@dataclass(frozen=True)
class Range:
    """A share in percent, as a closed interval: the report's wording is rarely a point."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def scaled(self, total: float) -> Range:
        """The same interval applied to a quantity (e.g. a region's km²)."""
        return Range(self.low * total / 100, self.high * total / 100)

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


ZERO = Range(0.0, 0.0)


@dataclass(frozen=True)
class Text:
    """Content we wrote, in every language it exists in: English always, and a translation per
    language code where the data gives one. `text(lang)` is the text to show in `lang`, English
    where there is no translation; `str(text)` is the English."""

    en: str
    translations: tuple[tuple[str, str], ...] = ()  # (language code, text), one per language

    def __call__(self, lang: str) -> str:
        return dict(self.translations).get(lang) or self.en

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.en)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.translations)


NO_TEXT = Text("")


# ---------------------------------------------------------------------------------------
# Claims: any published figure about Russian-held territory (reportmap.claims holds the rules).

UKRAINE = "UA"  # the scope "Ukraine as a whole": every Ukrainian unit


class Quantity(Keyed):
    """What the figure counts; its key names it in a claim's reading (the Check page's form, "Read as")."""

    SHARE = "share", "check_quantity_share"  # percent of the scope's area (or of `whole`'s)
    KM2 = "km2", "check_quantity_km2"


class Qualifier(Keyed):
    """How the figure is put; `RULES` says how each becomes an interval. Its key names it in a claim's
    reading; `rule_key` is its line of the rule table (the Method page)."""

    BARE = "bare", "check_qualifier_bare", "rule_bare"  # "19%", "113,200 km²"
    ABOUT = "about", "check_qualifier_about", "rule_about"  # about, around, roughly, approximately
    MORE_THAN = "more-than", "check_qualifier_more-than", "rule_more-than"  # more than, over, at least
    ALMOST = "almost", "check_qualifier_almost", "rule_almost"  # almost, nearly
    LESS_THAN = "less-than", "check_qualifier_less-than", "rule_less-than"  # less than, under
    ALL = "all", "check_qualifier_all", "rule_all"  # all, entire, complete
    ALMOST_ALL = "almost-all", "check_qualifier_almost-all", "rule_almost-all"  # almost all, nearly all
    SOME = "some", "check_qualifier_some", "rule_some"  # some, smaller parts: no number

    @property
    def rule_key(self) -> str:
        return self.text_keys[1]


NO_VALUE = frozenset({Qualifier.ALL, Qualifier.ALMOST_ALL, Qualifier.SOME})


class Holder(Keyed):
    """Whose share the claim states: Ukraine's is read as the complement of Russia's."""

    RUSSIA = "russia", "check_holder_russia"
    UKRAINE = "ukraine", "check_holder_ukraine"


class Verdict(Keyed):
    """A figure against the measurement, by the rules of `reportmap.claims`."""

    HOLDS = "holds", "verdict_holds"
    ROUGHLY = "roughly", "verdict_roughly"
    DOES_NOT_HOLD = "does-not-hold", "verdict_does-not-hold"
    CANNOT_CHECK = "cannot-check", "verdict_cannot-check"


class Bound(Keyed):
    """How a report's total puts its figure: "over 100,000 km²", "roughly 18%"."""

    OVER = "over", "stated_over"
    ROUGHLY = "roughly", "stated_roughly"


@dataclass(frozen=True)
class Source:
    """Who says it and where. `party` names a side of the war when the figure is that side's claim."""

    outlet: str
    url: str = ""
    published: dt.date | None = None
    party: str = ""


@dataclass(frozen=True)
class Claim:
    """One figure as published, in the model's terms."""

    words: str  # as published
    scope: tuple[str, ...]  # unit ids taken together, or (UKRAINE,)
    quantity: Quantity
    qualifier: Qualifier
    value: float | None  # None for a qualifier without a number
    date: dt.date  # the day the figure is for
    holder: Holder = Holder.RUSSIA
    decimals: int | None = None  # as written ("19.25" -> 2); None for a whole number
    whole: tuple[str, ...] | None = None  # a share of this territory's area, when not the scope's own
    source: Source | None = None
    spread: float = 0.0  # half the width of a range as written ("25-30%": 27.5 with a spread of 2.5)

    def __post_init__(self) -> None:
        if not self.scope:
            raise ValueError("a claim needs a scope")
        if (self.value is None) != (self.qualifier in NO_VALUE):
            raise ValueError(f"'{self.qualifier}' {'takes no' if self.value is None else 'needs a'} value")
        if self.quantity is Quantity.KM2 and self.qualifier in NO_VALUE:
            raise ValueError(f"'{self.qualifier}' is a share, not a number of km²")
        if self.value is not None and (not math.isfinite(self.value) or self.value < 0
                                       or (self.quantity is Quantity.SHARE and self.value > 100)):
            raise ValueError(f"no {self.quantity} can be {self.value}")


@dataclass(frozen=True)
class Statement:
    """One line of the report's list of Russian-controlled territory."""

    id: str
    wording: str
    regions: tuple[str, ...]
    control_class: ControlClass | None  # the legend's class (None: coloured on the ramp); verdicts follow the words
    qualifier: Qualifier
    value: float | None
    share: Range  # Russia's share: the reading of qualifier and value by reportmap.claims.RULES
    colour: float
    reading: Text
    pair_note: Text = NO_TEXT
    holder: Holder = Holder.RUSSIA  # a share said to be Ukraine's: `share` is its complement
    spread: float = 0.0  # half the width of a range as written ("25-30%": 27.5, 2.5)


@dataclass(frozen=True)
class Kursk:
    """Ukraine's foothold in Russia's Kursk region, as the report states it."""

    region: str
    wording: str
    km2: float
    circle_at: tuple[float, float]  # illustrative (lat, lon): the report gives no location


# Who states a figure for the foothold: each is a party to the war (DeepState's analysts are Ukrainian),
# with the text key that names it.
KURSK_PARTY_KEYS = {"ukraine-command": "party_ukraine-command", "russia-command": "party_russia-command",
                    "deepstate": "party_deepstate"}
KURSK_PARTIES = tuple(KURSK_PARTY_KEYS)
# The sides of the war a report's own figures may belong to, with the text key that names each.
REPORT_SIDE_KEYS = {"russia": "party_side_russia", "ukraine": "party_side_ukraine"}


@dataclass(frozen=True)
class KurskClaim:
    """A figure for Ukraine's foothold in Kursk published by someone else: context, dated, with who
    claims it and where it was published."""

    id: str
    date: dt.date  # the day it was stated; never shown for an earlier day
    party: str  # one of KURSK_PARTIES
    figure: Text  # what is claimed ("about 560 km² held, about 200 km² more undetermined")
    who: Text
    outlet: Text
    url: str
    km2: float | None = None  # the area Ukraine is said to hold, where the claim gives one


@dataclass(frozen=True)
class StatedTotal:
    """A total as the report states it; ours are computed and shown beside it."""

    wording: str
    value: float
    bound: Bound
    statements: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "bound", Bound(self.bound))  # a file's "over" is Bound.OVER


@dataclass(frozen=True)
class Condition:
    id: str
    title: Text
    text: Text
    statements: tuple[str, ...]
    attribution: Text


@dataclass(frozen=True)
class Point:
    """A position or piece of context in the report, in our words, with attribution."""

    id: str
    kind: str  # position | us-context | expert
    title: Text
    text: Text
    statements: tuple[str, ...]
    attribution: Text


REPORT_SOURCE = "report"


@dataclass(frozen=True)
class Event:
    id: str
    date: dt.date
    precision: str  # "year" or "day"
    text: Text
    source: Text  # REPORT_SOURCE for the report's own events

    @property
    def is_context(self) -> bool:
        """True when the date or the event itself comes from outside the report."""
        return self.source.en != REPORT_SOURCE


@dataclass(frozen=True)
class ReportInfo:
    publisher: str
    place: str
    date: dt.date
    title: str
    citation: Text
    url: str = ""  # where it was published, when known
    party: str = ""  # a side of the war, when the report is that side's own claim
    lang: str = "en"  # the language its words are quoted in
    speaker: str = ""  # whose figures the report gives, when not the outlet's own (a party's official, say)


@dataclass(frozen=True)
class Report:
    """Everything the data file holds about the report."""

    info: ReportInfo
    statements: tuple[Statement, ...]
    kursk: Kursk | None  # None: the report gives no figure for Kursk (and the page shows none)
    stated_area: StatedTotal | None  # None: the report states no such total
    stated_share: StatedTotal | None
    conditions: tuple[Condition, ...]
    points: tuple[Point, ...]
    events: tuple[Event, ...]
    kursk_claims: tuple[KurskClaim, ...] = ()
    figures: tuple[Claim, ...] = ()  # its other figures (km², the whole country, a second figure for a region)

    def kursk_claims_on(self, day: dt.date) -> tuple[KurskClaim, ...]:
        """Each party's newest claim stated on or before `day`, newest first: what was published
        about the foothold by then (nothing later is ever shown for an earlier day)."""
        newest: dict[str, KurskClaim] = {}
        for claim in sorted(self.kursk_claims, key=lambda c: c.date):
            if claim.date <= day:
                newest[claim.party] = claim
        return tuple(sorted(newest.values(), key=lambda c: c.date, reverse=True))

    def statement(self, statement_id: str) -> Statement:
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise LookupError(f"no statement {statement_id!r}")

    def statement_for_region(self, region_id: str) -> Statement | None:
        for statement in self.statements:
            if region_id in statement.regions:
                return statement
        return None


@dataclass(frozen=True)
class OfficialAreas:
    """Official areas in km²: context from outside the report, with its source."""

    source: Text
    total_km2: float
    units: tuple[tuple[str, float], ...]  # (region id, km²), sorted by id
    kursk_source: Text
    kursk_region: str
    kursk_km2: float

    def km2(self, region_id: str) -> float:
        return dict(self.units)[region_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(region_id for region_id, _ in self.units)
