"""Reading the data files into validated records.

Every problem becomes a `DataError` naming the file, the entry and what is wrong, so
the page and `python -m reportmap validate` can show one clear sentence instead of a
traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from reportmap import claims
from reportmap.claims import BOUND_QUALIFIER
from reportmap.records import (
    KURSK_PARTIES,
    NO_TEXT,
    NO_VALUE,
    REPORT_SOURCE,
    Condition,
    ControlClass,
    Event,
    Kursk,
    KurskClaim,
    OfficialAreas,
    Point,
    Qualifier,
    Range,
    Report,
    ReportInfo,
    StatedTotal,
    Statement,
    Text,
)
from reportmap.texts import LANGUAGES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REPORT_FILE = DATA_DIR / "report.toml"
AREAS_FILE = DATA_DIR / "areas.toml"

# The official national total must agree with the sum of the units within this much.
AREA_SUM_TOLERANCE = 0.005

T = TypeVar("T")


PROJECT_DIR = DATA_DIR.parent


def shown_path(path: Path | str) -> str:
    """A file as a reader may see it: relative to the project (`data/report.toml`), or, for a file
    elsewhere, its name alone; never the server's folders."""
    path = Path(path)
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except (ValueError, OSError):
        return path.name


class DataError(ValueError):
    """A data file is missing, malformed, or says something impossible.

    `file` is the path as given (for code and tests); the message names it by `shown_path`, and
    any full path a library put into `problem` (an OSError's, say) is cut to the same."""

    def __init__(self, file: Path | str, entry: str, problem: str) -> None:
        self.file = str(file)
        self.entry = entry
        shown = shown_path(file)
        for full in sorted({self.file, str(Path(self.file).resolve()), str(PROJECT_DIR)}, key=len, reverse=True):
            problem = problem.replace(full, shown if full != str(PROJECT_DIR) else ".")
        self.problem = problem
        super().__init__(f"{shown}: {entry}: {problem}")


def read_json(path: Path, kind: str = "JSON") -> object:
    """A JSON file's content; a missing or unreadable file is a DataError naming it."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(path, "file", f"is not valid {kind} ({error})") from None


class _Entry:
    """Typed access to one TOML table, raising DataError with the entry's name."""

    def __init__(self, file: Path, name: str, table: object) -> None:
        if not isinstance(table, Mapping):
            raise DataError(file, name, f"expected a table, found {type(table).__name__}")
        self.file, self.name, self.table = file, name, table

    def fail(self, problem: str) -> DataError:
        return DataError(self.file, self.name, problem)

    def get(self, key: str, kind: type[T] | tuple[type, ...], default: Any = ...) -> T:
        if key not in self.table:
            if default is ...:
                raise self.fail(f"missing field '{key}'")
            return default
        value = self.table[key]
        # TOML integers are fine where a number is asked for; booleans are not numbers.
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"'{key}' must be a number, found {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind
            )
            raise self.fail(f"'{key}' must be {names}, found {value!r}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(f"'{key}' is empty")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        return self.get(key, str, default)

    def number(self, key: str) -> float:
        return float(self.get(key, (int, float)))

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list)
        if not all(isinstance(v, str) and v for v in values):
            raise self.fail(f"'{key}' must be a list of non-empty strings")
        return tuple(values)

    def sub(self, key: str) -> _Entry:
        return _Entry(self.file, f"{self.name}.{key}" if self.name else key, self.get(key, dict))


def _read_toml(path: Path) -> _Entry:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "file", "not found") from None
    except OSError as error:
        raise DataError(path, "file", f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise DataError(path, "file", "is empty")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError(path, "file", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DataError(path, "file", f"is not valid TOML ({error})") from None
    return _Entry(path, "", data)


def _entries(root: _Entry, key: str) -> list[_Entry]:
    """The entries of an array of tables, each named by its id for error messages."""
    items = root.get(key, list)
    if not items:
        raise root.fail(f"no [[{key}]] entries")
    entries = []
    for index, item in enumerate(items, start=1):
        label = item.get("id") if isinstance(item, Mapping) else None
        name = f"{key} '{label}'" if isinstance(label, str) else f"{key} #{index}"
        entries.append(_Entry(root.file, name, item))
    return entries


def _unique(entries: Iterable[T], key: Callable[[T], str], fail: Callable[[str], DataError]) -> None:
    seen: set[str] = set()
    for entry in entries:
        value = key(entry)
        if value in seen:
            raise fail(value)
        seen.add(value)


def _text(entry: _Entry, field: str, default: Text = ...) -> Text:
    """`<field>` in English and, optional, `<field>_<lang>` for each language of the interface
    (its catalog in reportmap/locales/); a missing translation falls back to English on the page."""
    if default is not ... and field not in entry.table:
        return default
    translations = tuple((lang, entry.text(f"{field}_{lang}")) for lang in LANGUAGES
                         if lang != "en" and f"{field}_{lang}" in entry.table)
    return Text(entry.text(field), translations)


def _claim_reading(entry: _Entry) -> tuple[Qualifier, float | None, Range, float]:
    """A statement's qualifier and value, their reading by the rule table, and the colour.

    `low` and `high` may be written out for the reader of the file; they must then be the rule's
    own reading, so that the page's reading and the verdict's bound are one interval."""
    qualifier_name = entry.text("qualifier")
    if qualifier_name not in {q.value for q in Qualifier}:
        names = ", ".join(q.value for q in Qualifier)
        raise entry.fail(f"unknown qualifier '{qualifier_name}' (expected one of: {names})")
    qualifier = Qualifier(qualifier_name)
    if qualifier in NO_VALUE:
        if "value" in entry.table:
            raise entry.fail(f"'value' makes no sense with the qualifier '{qualifier}' (it has no number)")
        value = None
    else:
        value = entry.number("value")
        if not 0 <= value <= 100:
            raise entry.fail(f"'value' is {value:g}, outside 0 to 100")
    reading = claims.interval(qualifier, value)
    for key, end in (("low", reading.low), ("high", reading.high)):
        if key in entry.table and entry.number(key) != end:
            raise entry.fail(f"'{key}' is {entry.number(key):g}, but the rule for '{qualifier}' reads {end:g} "
                             f"(leave it out, or write {end:g})")
    colour = entry.number("colour")
    if not reading.low <= colour <= reading.high:
        raise entry.fail(f"colour ({colour:g}) is outside the reading {reading.low:g} to {reading.high:g}")
    return qualifier, value, Range(max(0.0, reading.low), min(100.0, reading.high)), colour


def load_areas(path: Path = AREAS_FILE) -> OfficialAreas:
    """Official areas of the 27 units and of Kursk oblast."""
    root = _read_toml(path)
    ukraine = root.sub("ukraine")
    units_entry = ukraine.sub("units")
    units: dict[str, float] = {}
    for region_id in units_entry.table:
        km2 = units_entry.number(region_id)
        if km2 <= 0:
            raise units_entry.fail(f"area of '{region_id}' must be positive, found {km2:g}")
        units[region_id] = km2
    total = ukraine.number("total_km2")
    summed = sum(units.values())
    if abs(summed - total) > AREA_SUM_TOLERANCE * total:
        raise units_entry.fail(
            f"the units sum to {summed:,.0f} km², more than {AREA_SUM_TOLERANCE:.1%} "
            f"away from total_km2 ({total:,.0f} km²)"
        )
    kursk = root.sub("kursk")
    return OfficialAreas(
        source=_text(ukraine, "source"),
        total_km2=total,
        units=tuple(sorted(units.items())),
        kursk_source=_text(kursk, "source"),
        kursk_region=kursk.text("region"),
        kursk_km2=kursk.number("km2"),
    )


def _statement(entry: _Entry, known_regions: frozenset[str]) -> Statement:
    class_name = entry.text("class")
    allowed = [c for c in ControlClass if c not in (ControlClass.NONE, ControlClass.RETURNED)]
    if class_name not in allowed:
        names = ", ".join(c.value for c in allowed)
        raise entry.fail(f"unknown class '{class_name}' (expected one of: {names})")
    control_class = ControlClass(class_name)
    regions = entry.strings("regions")
    for region_id in regions:
        if region_id not in known_regions:
            raise entry.fail(f"unknown region id '{region_id}'")
    qualifier, value, share, colour = _claim_reading(entry)
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
    )


def _stated_total(entry: _Entry, value_key: str, statement_ids: set[str]) -> StatedTotal:
    bound = entry.text("bound")
    if bound not in BOUND_QUALIFIER:
        raise entry.fail(f"'bound' must be {' or '.join(map(repr, BOUND_QUALIFIER))}, found '{bound}'")
    statements = entry.strings("statements")
    for statement_id in statements:
        if statement_id not in statement_ids:
            raise entry.fail(f"unknown statement '{statement_id}'")
    return StatedTotal(entry.text("wording"), entry.number(value_key), bound, statements)


def _event(entry: _Entry) -> Event:
    date = entry.get("date", dt.date)
    if isinstance(date, dt.datetime):
        raise entry.fail("'date' must be a date without a time")
    precision = entry.text("precision")
    if precision not in ("year", "day"):
        raise entry.fail(f"'precision' must be 'year' or 'day', found '{precision}'")
    return Event(entry.text("id"), date, precision, _text(entry, "text"), _text(entry, "source"))


def _kursk_claim(entry: _Entry, areas: OfficialAreas) -> KurskClaim:
    """A dated figure for the foothold, with who claims it and where it was published."""
    date = entry.get("date", dt.date)
    if isinstance(date, dt.datetime):
        raise entry.fail("'date' must be a date without a time")
    party = entry.text("party")
    if party not in KURSK_PARTIES:
        raise entry.fail(f"unknown party '{party}' (expected one of: {', '.join(KURSK_PARTIES)})")
    url = entry.text("url")
    if not url.startswith("https://") or any(c.isspace() for c in url):
        raise entry.fail(f"'url' must be an https:// address, found '{url}'")
    km2 = entry.number("km2") if "km2" in entry.table else None
    if km2 is not None and not 0 <= km2 < areas.kursk_km2:
        raise entry.fail(f"km2 ({km2:g}) must be between 0 and the oblast's area")
    return KurskClaim(entry.text("id"), date, party, _text(entry, "figure"), _text(entry, "who"),
                      _text(entry, "outlet"), url, km2)


def load_report(path: Path = REPORT_FILE, areas: OfficialAreas | None = None) -> Report:
    """The report's figures, checked against the 27 units of the official areas."""
    areas = areas or load_areas()
    known = frozenset(areas.ids)
    root = _read_toml(path)
    info = root.sub("report")

    statements = [_statement(e, known) for e in _entries(root, "statement")]
    _unique(statements, lambda s: s.id, lambda v: root.fail(f"duplicate statement id '{v}'"))
    claimed = [region for s in statements for region in s.regions]
    _unique(claimed, str, lambda v: root.fail(f"region '{v}' appears in two statements"))
    statement_ids = {s.id for s in statements}

    def checked_refs(entry: _Entry) -> tuple[str, ...]:
        refs = entry.strings("statements")
        for ref in refs:
            if ref not in statement_ids:
                raise entry.fail(f"unknown statement '{ref}'")
        return refs

    conditions = [
        Condition(e.text("id"), _text(e, "title"), _text(e, "text"), checked_refs(e), _text(e, "attribution"))
        for e in _entries(root, "condition")
    ]
    points = [
        Point(e.text("id"), e.text("kind"), _text(e, "title"), _text(e, "text"), checked_refs(e),
              _text(e, "attribution"))
        for e in _entries(root, "point")
    ]
    events = sorted((_event(e) for e in _entries(root, "event")), key=lambda e: e.date)
    for name, items in (("condition", conditions), ("point", points), ("event", events)):
        _unique(items, lambda x: x.id, lambda v, n=name: root.fail(f"duplicate {n} id '{v}'"))

    kursk_entry = root.sub("kursk")
    circle_at = kursk_entry.get("circle_at", list)
    if len(circle_at) != 2 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in circle_at
    ):
        raise kursk_entry.fail("'circle_at' must be [latitude, longitude]")
    kursk = Kursk(kursk_entry.text("region"), kursk_entry.text("wording"),
                  kursk_entry.number("km2"), (float(circle_at[0]), float(circle_at[1])))
    if kursk.region != areas.kursk_region:
        raise kursk_entry.fail(f"region '{kursk.region}' is not {areas.kursk_region}")
    if not 0 < kursk.km2 < areas.kursk_km2:
        raise kursk_entry.fail(f"km2 ({kursk.km2:g}) must be between 0 and the oblast's area")

    kursk_claims = tuple(_kursk_claim(e, areas) for e in _entries(root, "kursk_claim"))
    _unique(kursk_claims, lambda c: c.id, lambda v: root.fail(f"duplicate kursk_claim id '{v}'"))

    totals = root.sub("totals")
    return Report(
        info=ReportInfo(
            publisher=info.text("publisher"),
            place=info.text("place"),
            date=info.get("date", dt.date),
            title=info.text("title"),
            citation=_text(info, "citation"),
            url=info.get("url", str, ""),
            party=info.get("party", str, ""),
        ),
        statements=tuple(statements),
        kursk=kursk,
        stated_area=_stated_total(totals.sub("area"), "km2", statement_ids),
        stated_share=_stated_total(totals.sub("share"), "percent", statement_ids),
        conditions=tuple(conditions),
        points=tuple(points),
        events=tuple(events),
        kursk_claims=kursk_claims,
    )


__all__ = ["AREAS_FILE", "REPORT_FILE", "REPORT_SOURCE", "DataError", "load_areas", "load_report"]
