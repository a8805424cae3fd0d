"""A report file into a validated `Report`: its rules, beside the generic readers of `loading`.

What a report does not have (a Kursk figure, totals, conditions, positions, events, other
figures) it leaves out, and the page shows nothing for it; what it has is checked, and an empty
list where figures are needed is an error naming the entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportmap import claims
from reportmap.claims import BOUND_QUALIFIER
from reportmap.loading import _entries, _Entry, _read_toml, _text, _unique
from reportmap.records import (
    KURSK_PARTIES,
    NO_TEXT,
    NO_VALUE,
    REPORT_SIDE_KEYS,
    UKRAINE,
    Claim,
    Condition,
    ControlClass,
    Event,
    Holder,
    Kursk,
    KurskClaim,
    OfficialAreas,
    Point,
    Qualifier,
    Quantity,
    Range,
    Report,
    ReportInfo,
    StatedTotal,
    Statement,
)
from reportmap.texts import LANGUAGES

# The tables a report file may hold: anything else is a typo, named.
# A report whose figures are one side's own claim names the side; the page marks it so.
REPORT_PARTIES = tuple(REPORT_SIDE_KEYS)
SECTIONS = ("report", "statement", "figure", "kursk", "kursk_claim", "totals", "condition", "point", "event")


def _date(entry: _Entry, key: str = "date", default: object = ...) -> dt.date:
    if default is not ... and key not in entry.table:
        return default
    date = entry.get(key, dt.date)
    if isinstance(date, dt.datetime):
        raise entry.fail(f"'{key}' must be a date without a time")
    return date


def _qualifier(entry: _Entry) -> Qualifier:
    name = entry.text("qualifier")
    if name not in {q.value for q in Qualifier}:
        raise entry.fail(f"unknown qualifier '{name}' (expected one of: {', '.join(q.value for q in Qualifier)})")
    return Qualifier(name)


def _holder(entry: _Entry) -> Holder:
    name = entry.text("held_by", Holder.RUSSIA.value)
    if name not in {h.value for h in Holder}:
        raise entry.fail(f"'held_by' must be 'russia' or 'ukraine', found '{name}'")
    return Holder(name)


def _value(entry: _Entry, qualifier: Qualifier, top: float | None = 100) -> float | None:
    if qualifier in NO_VALUE:
        if "value" in entry.table:
            raise entry.fail(f"'value' makes no sense with the qualifier '{qualifier}' (it has no number)")
        return None
    value = entry.number("value")
    if value < 0 or (top is not None and value > top):
        raise entry.fail(f"'value' is {value:g}, outside 0 to {top:g}" if top is not None
                         else f"'value' is {value:g}, below 0")
    return value


def _spread(entry: _Entry, value: float | None) -> float:
    """Half a range as written ("25-30%": value 27.5, spread 2.5)."""
    if "spread" not in entry.table:
        return 0.0
    spread = entry.number("spread")
    if value is None or not 0 < spread <= value:
        raise entry.fail(f"'spread' ({spread:g}) must be above 0 and at most the value, with a number")
    return spread


def _claim_reading(entry: _Entry) -> tuple[Qualifier, float | None, Range, float, Holder, float]:
    """A statement's qualifier and value, Russia's share they mean by the rule table (the complement
    of a share said to be Ukraine's), and the colour (default: the middle of that reading).

    `low` and `high` may be written out for the reader of the file; they must then be the rule's
    own reading, so that the page's reading and the verdict's bound are one interval."""
    qualifier = _qualifier(entry)
    value = _value(entry, qualifier)
    holder, spread = _holder(entry), _spread(entry, value)
    said = Claim("", ("UA-00",), Quantity.SHARE, qualifier, value, dt.date.min, holder=holder,
                 decimals=None if value is None else claims.decimals_of(value), spread=spread)
    reading = claims.reading(said, 100.0)
    for key, end in (("low", reading.low), ("high", reading.high)):
        if key in entry.table and entry.number(key) != end:
            raise entry.fail(f"'{key}' is {entry.number(key):g}, but the rule for '{qualifier}' reads {end:g} "
                             f"(leave it out, or write {end:g})")
    share = Range(max(0.0, reading.low), min(100.0, reading.high))
    colour = entry.number("colour") if "colour" in entry.table else round(share.mid, 2)
    if not reading.low <= colour <= reading.high:
        raise entry.fail(f"colour ({colour:g}) is outside the reading {reading.low:g} to {reading.high:g}")
    return qualifier, value, share, colour, holder, spread


def _regions(entry: _Entry, key: str, known: frozenset[str]) -> tuple[str, ...]:
    regions = entry.strings(key)
    if not regions:
        raise entry.fail(f"'{key}' is empty: a figure needs the regions it is for")
    for region_id in regions:
        if region_id not in known:
            raise entry.fail(f"unknown region id '{region_id}'")
    if len(set(regions)) != len(regions):
        raise entry.fail(f"'{key}' names a region twice")
    return regions


def _statement(entry: _Entry, known_regions: frozenset[str]) -> Statement:
    control_class = None
    if "class" in entry.table:  # the legend's class, in the seed report's words; without one, the ramp
        class_name = entry.text("class")
        allowed = [c for c in ControlClass if c not in (ControlClass.NONE, ControlClass.RETURNED)]
        if class_name not in allowed:
            names = ", ".join(c.value for c in allowed)
            raise entry.fail(f"unknown class '{class_name}' (expected one of: {names})")
        control_class = ControlClass(class_name)
    regions = _regions(entry, "regions", known_regions)
    qualifier, value, share, colour, holder, spread = _claim_reading(entry)
    return Statement(
        id=entry.text("id"),
        wording=entry.text("wording"),
        regions=regions,
        control_class=control_class,
        qualifier=qualifier,
        value=value,
        share=share,
        colour=colour,
        reading=_text(entry, "reading"),
        pair_note=_text(entry, "pair_note", NO_TEXT),
        holder=holder,
        spread=spread,
    )


def _figure(entry: _Entry, known: frozenset[str], info: ReportInfo) -> Claim:
    """Another figure of the report (km², the whole country, a second figure for a region): a claim
    checked like the statements, which colours nothing on the map."""
    scope_value = entry.get("scope", (str, list))
    scope = (UKRAINE,) if scope_value == UKRAINE else _regions(entry, "scope", known)
    quantity_name = entry.text("quantity")
    if quantity_name not in {q.value for q in Quantity}:
        raise entry.fail(f"'quantity' must be 'share' or 'km2', found '{quantity_name}'")
    quantity, qualifier = Quantity(quantity_name), _qualifier(entry)
    value = _value(entry, qualifier, 100 if quantity is Quantity.SHARE else None)
    try:
        return Claim(entry.text("wording"), scope, quantity, qualifier, value, _date(entry, "date", info.date),
                     holder=_holder(entry), decimals=None if value is None else claims.decimals_of(value),
                     source=claims.report_source(info), spread=_spread(entry, value))
    except ValueError as error:
        raise entry.fail(str(error)) from None


def _stated_total(entry: _Entry, value_key: str, statement_ids: set[str]) -> StatedTotal:
    bound = entry.text("bound")
    if bound not in BOUND_QUALIFIER:
        raise entry.fail(f"'bound' must be {' or '.join(map(repr, BOUND_QUALIFIER))}, found '{bound}'")
    statements = entry.strings("statements")
    if not statements:
        raise entry.fail("'statements' is empty: a total needs the statements it covers")
    for statement_id in statements:
        if statement_id not in statement_ids:
            raise entry.fail(f"unknown statement '{statement_id}'")
    return StatedTotal(entry.text("wording"), entry.number(value_key), bound, statements)


def _event(entry: _Entry) -> Event:
    date = _date(entry)
    precision = entry.text("precision")
    if precision not in ("year", "day"):
        raise entry.fail(f"'precision' must be 'year' or 'day', found '{precision}'")
    return Event(entry.text("id"), date, precision, _text(entry, "text"), _text(entry, "source"))


def _kursk_claim(entry: _Entry, areas: OfficialAreas) -> KurskClaim:
    """A dated figure for the foothold, with who claims it and where it was published."""
    date = _date(entry)
    party = entry.text("party")
    if party not in KURSK_PARTIES:
        raise entry.fail(f"unknown party '{party}' (expected one of: {', '.join(KURSK_PARTIES)})")
    url = _url(entry)
    km2 = entry.number("km2") if "km2" in entry.table else None
    if km2 is not None and not 0 <= km2 < areas.kursk_km2:
        raise entry.fail(f"km2 ({km2:g}) must be between 0 and the oblast's area")
    return KurskClaim(entry.text("id"), date, party, _text(entry, "figure"), _text(entry, "who"),
                      _text(entry, "outlet"), url, km2)


def _url(entry: _Entry, default: object = ...) -> str:
    url = entry.text("url", default)
    if url and (not url.startswith("https://") or any(c.isspace() for c in url)):
        raise entry.fail(f"'url' must be an https:// address, found '{url}'")
    return url


def _kursk(root: _Entry, areas: OfficialAreas) -> Kursk | None:
    if "kursk" not in root.table:
        return None
    entry = root.sub("kursk")
    circle_at = entry.get("circle_at", list)
    if len(circle_at) != 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in circle_at):
        raise entry.fail("'circle_at' must be [latitude, longitude]")
    kursk = Kursk(entry.text("region"), entry.text("wording"), entry.number("km2"),
                  (float(circle_at[0]), float(circle_at[1])))
    if kursk.region != areas.kursk_region:
        raise entry.fail(f"region '{kursk.region}' is not {areas.kursk_region}")
    if not 0 < kursk.km2 < areas.kursk_km2:
        raise entry.fail(f"km2 ({kursk.km2:g}) must be between 0 and the oblast's area")
    return kursk


def _info(root: _Entry) -> ReportInfo:
    info = root.sub("report")
    lang = info.text("lang", "en")
    if lang not in ("en", "uk", "ru", *LANGUAGES):
        raise info.fail(f"'lang' must be a language code such as 'en', 'uk' or 'ru', found '{lang}'")
    party = info.text("party", "")
    if party and party not in REPORT_PARTIES:
        raise info.fail(f"'party' must be one of {', '.join(map(repr, REPORT_PARTIES))} (a side of the war whose "
                        f"claim the report gives), found '{party}'")
    return ReportInfo(publisher=info.text("publisher"), place=info.text("place", ""), date=_date(info),
                      title=info.text("title"), citation=_text(info, "citation"), url=_url(info, ""),
                      party=party, lang=lang, speaker=info.text("speaker", ""))


def read_report(path: Path, areas: OfficialAreas) -> Report:
    """The report's figures, checked against the 27 units of the official areas."""
    known = frozenset(areas.ids)
    root = _read_toml(path)
    unknown = sorted(set(root.table) - set(SECTIONS))
    if unknown:
        raise root.fail(f"unknown entry '{unknown[0]}' (a report file holds: {', '.join(SECTIONS)})")
    info = _info(root)

    statements = [_statement(e, known) for e in _entries(root, "statement", required=False)]
    _unique(statements, lambda s: s.id, lambda v: root.fail(f"duplicate statement id '{v}'"))
    claimed = [region for s in statements for region in s.regions]
    _unique(claimed, str, lambda v: root.fail(f"region '{v}' appears in two statements"))
    statement_ids = {s.id for s in statements}
    figures = tuple(_figure(e, known, info) for e in _entries(root, "figure", required=False))
    if not statements and not figures:
        raise root.fail("no [[statement]] or [[figure]] entries: a report needs a figure to check")

    def checked_refs(entry: _Entry) -> tuple[str, ...]:
        refs = entry.strings("statements")
        for ref in refs:
            if ref not in statement_ids:
                raise entry.fail(f"unknown statement '{ref}'")
        return refs

    conditions = [
        Condition(e.text("id"), _text(e, "title"), _text(e, "text"), checked_refs(e), _text(e, "attribution"))
        for e in _entries(root, "condition", required=False)
    ]
    points = [
        Point(e.text("id"), e.text("kind"), _text(e, "title"), _text(e, "text"), checked_refs(e),
              _text(e, "attribution"))
        for e in _entries(root, "point", required=False)
    ]
    events = sorted((_event(e) for e in _entries(root, "event", required=False)), key=lambda e: e.date)
    for name, items in (("condition", conditions), ("point", points), ("event", events)):
        _unique(items, lambda x: x.id, lambda v, n=name: root.fail(f"duplicate {n} id '{v}'"))

    kursk_claims = tuple(_kursk_claim(e, areas) for e in _entries(root, "kursk_claim", required=False))
    _unique(kursk_claims, lambda c: c.id, lambda v: root.fail(f"duplicate kursk_claim id '{v}'"))

    totals = root.sub("totals") if "totals" in root.table else None
    if totals is not None and not totals.table:
        raise totals.fail("is empty: leave it out, or give [totals.area] or [totals.share]")

    def total(key: str, value_key: str) -> StatedTotal | None:
        if totals is None or key not in totals.table:
            return None
        return _stated_total(totals.sub(key), value_key, statement_ids)

    return Report(
        info=info,
        statements=tuple(statements),
        kursk=_kursk(root, areas),
        stated_area=total("area", "km2"),
        stated_share=total("share", "percent"),
        conditions=tuple(conditions),
        points=tuple(points),
        events=tuple(events),
        kursk_claims=kursk_claims,
        figures=figures,
    )


__all__ = ["SECTIONS", "read_report"]
