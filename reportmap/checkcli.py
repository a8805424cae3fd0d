"""`python -m reportmap check`: a claim (given field by field, or a sentence to read), the
measurement of its day and the verdict, for fact-checkers and scripts. `--json` prints one object
(see `to_json`), or a list of them when a sentence gives several claims; exit 0 when a verdict was
reached (including "cannot be checked", which is an answer), 1 on bad input, 2 when nothing could be
read in the sentence."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportmap import claimparse, claims, claimtext
from reportmap.checks import check_claim_on
from reportmap.claims import ClaimCheck
from reportmap.measured import CREDIT, DAILY_FILE, UNIT_AREAS_FILE, MeasuredSeries, load_series
from reportmap.records import NO_VALUE, UKRAINE, Claim, Holder, Qualifier, Quantity
from reportmap.texts import LANGUAGES, Locale

# Scopes a command line may name by one word, besides unit ids and UA.
NAMED_SCOPES = {"donbas": claims.DONBAS, "crimea": claims.CRIMEA, "annexed-four": claims.ANNEXED_FOUR}


class BadInput(ValueError):
    """A claim the command line cannot make: said in one line, exit 1."""


def parse_scope(text: str, units: set[str]) -> tuple[str, ...]:
    """'UA', a named scope, or unit ids separated by commas ('UA-14,UA-09'); RU-KRS is accepted and
    cannot be checked (the data does not cover it)."""
    words = [word.strip() for word in text.split(",") if word.strip()]
    if not words:
        raise BadInput("--scope is empty")
    if words == [UKRAINE]:
        return (UKRAINE,)
    ids: list[str] = []
    for word in words:
        named = NAMED_SCOPES.get(word.lower())
        if named:
            ids.extend(named)
        elif word.upper() in units or word.upper() == "RU-KRS":
            ids.append(word.upper())
        else:
            raise BadInput(f"--scope: unknown unit '{word}' (use UA, {', '.join(NAMED_SCOPES)}, or ids like UA-14)")
    return tuple(dict.fromkeys(ids))


def make_claim(args: argparse.Namespace, units: set[str]) -> Claim:
    qualifier = Qualifier(args.qualifier)
    value = args.value
    if qualifier in NO_VALUE:
        if value is not None:
            raise BadInput(f"--value makes no sense with --qualifier {qualifier}")
    elif value is None:
        raise BadInput(f"--qualifier {qualifier} needs --value")
    decimals = claims.decimals_of(value) if value is not None else None
    try:
        return Claim(args.words or "", parse_scope(args.scope, units), Quantity(args.quantity), qualifier, value,
                     args.date, Holder(args.held_by), decimals)
    except ValueError as error:
        raise BadInput(str(error)) from None


def to_json(check: ClaimCheck, unread: str = "") -> dict:
    """The object `--json` prints: the claim as read, the measurement and the verdict."""
    claim, m = check.claim, check.measured
    return {
        "claim": {"scope": UKRAINE if claim.scope == (UKRAINE,) else list(claim.scope),
                  "quantity": claim.quantity.value, "qualifier": claim.qualifier.value, "value": claim.value,
                  "held_by": claim.holder.value, "date": claim.date.isoformat()},
        "measured": None if m is None else {"day": m.day.isoformat(), "share": round(m.share, 3),
                                            "km2": round(m.km2, 1), "low": round(m.low, 3),
                                            "high": round(m.high, 3)},
        "reading": None if check.reading is None else {"low": check.reading.low, "high": check.reading.high},
        "verdict": check.verdict.value,
        "distance": round(check.distance, 3),
        "reason": check.reason or "",
        "parsed": not unread,
        "unread": unread,
        "credit": CREDIT,
    }


def to_text(check: ClaimCheck, loc: Locale) -> str:
    claim = check.claim
    scope = UKRAINE if claim.scope == (UKRAINE,) else ", ".join(claim.scope)
    value = "" if claim.value is None else f" {loc.number(claim.value)}"
    lines = [f"{scope}: {claim.quantity} {claim.qualifier}{value}, held by {claim.holder}, "
             f"{loc.date(claim.date)}"]
    if check.measured is not None:
        lines.append(f"{loc.date(check.measured.day)}: {claimtext.measured_phrase(check, loc)}")
        lines.append(claimtext.distance_phrase(check, loc))
    else:
        lines.append(claimtext.measured_phrase(check, loc))
    lines.append(claimtext.verdict_label(check.verdict, loc))
    lines.append(CREDIT)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    series = load_series(args.measured, args.measured.parent / UNIT_AREAS_FILE.name)
    if args.text is not None:
        return _run_sentence(args, series)
    try:
        if args.scope is None:
            raise BadInput("give a sentence to read, or --scope with the claim's fields")
        claim = make_claim(args, {unit for unit, _ in series.days[0].unit_areas})
    except BadInput as error:
        print(f"check: {error}", file=sys.stderr)
        return 1
    check = check_claim_on(claim, series)
    print(json.dumps(to_json(check), ensure_ascii=False) if args.json else to_text(check, Locale.of(args.lang)))
    return 0


def _run_sentence(args: argparse.Namespace, series: MeasuredSeries) -> int:
    """A sentence read into claims (reportmap.claimparse), each checked; what was not read, said."""
    reading = claimparse.read(args.text, args.date)
    unread = "; ".join(reading.unread) if reading.claims else ""
    if not reading.claims:
        message = "; ".join(reading.unread) or "nothing"
        if args.json:
            print(json.dumps({"claims": [], "parsed": False, "unread": message}, ensure_ascii=False))
        else:
            print(f"check: nothing could be read ({message})", file=sys.stderr)
        return 2
    checks = [check_claim_on(claim, series) for claim in reading.claims]
    if args.json:
        objects = [to_json(check, unread) for check in checks]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False))
    else:
        print("\n\n".join(to_text(check, Locale.of(args.lang)) for check in checks))
        if unread:
            print(f"not read: {unread}")
    return 0


def add_parser(commands: argparse._SubParsersAction, day: type) -> None:
    check = commands.add_parser("check", help="check a claim (a sentence, or its fields) against the measurement "
                                "of its day")
    check.add_argument("text", nargs="?", default=None, help="a sentence to read (English, Ukrainian or Russian)")
    check.add_argument("--scope", default=None, help="UA (all of Ukraine), donbas, crimea, annexed-four, "
                       "or unit ids separated by commas (UA-14,UA-09)")
    check.add_argument("--quantity", choices=[q.value for q in Quantity], default=Quantity.SHARE.value)
    check.add_argument("--qualifier", choices=[q.value for q in Qualifier], default=Qualifier.BARE.value)
    check.add_argument("--value", type=float, default=None, help="the figure (percent, or km²)")
    check.add_argument("--held-by", choices=[h.value for h in Holder], default=Holder.RUSSIA.value,
                       help="whose share the claim states (Ukraine's is read as the complement)")
    check.add_argument("--date", type=day, required=True, metavar="YYYY-MM-DD", help="the day the figure is for")
    check.add_argument("--words", default="", help="the claim's own words, kept as given")
    check.add_argument("--lang", choices=list(LANGUAGES), default="en")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--measured", type=Path, default=DAILY_FILE, help=argparse.SUPPRESS)
    check.set_defaults(run=run)

