"""Every piece of interface text, per language: the catalogs in `reportmap/locales/`, and the formatting.

The report's own words (its wording, quoted) stay in English, as published; everything we
write around them exists in each language, and a test fails when a key is missing in one.
Numbers are formatted here too, so that a range is always written as a range.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale as BabelLocale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, parse_pattern
from babel.units import format_unit

from reportmap.markup import Markdown, fill
from reportmap.records import ControlClass, Range

DEFAULT_LANG = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"


def _catalogs(folder: Path = LOCALES_DIR) -> dict[str, dict]:
    """Every language's catalog, `<code>.toml`: its name, date pattern and (where Unicode's order is
    not the language's) alphabet, and its texts. The default language comes first; adding a
    language is adding a file (tests/test_texts.py holds every key and placeholder in each)."""
    catalogs = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.toml"))}
    return {code: catalogs[code] for code in sorted(catalogs, key=lambda code: code != DEFAULT_LANG)}


_CATALOGS = _catalogs()
LANGUAGES: dict[str, str] = {code: catalog["language"]["name"] for code, catalog in _CATALOGS.items()}
DATE_FORMATS: dict[str, str] = {code: catalog["language"]["date_format"] for code, catalog in _CATALOGS.items()}
TEXTS: dict[str, dict[str, str]] = {code: catalog["texts"] for code, catalog in _CATALOGS.items()}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    return table[key].format(**values) if values else table[key]


def t_md(key: str, lang: str = DEFAULT_LANG, **values: object) -> Markdown:
    """The text for `key` as Markdown (the catalog's own `**bold**` kept), `values` escaped unless
    they are Markdown (`reportmap.markup`)."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    return fill(table[key], **values) if values else Markdown(table[key])


def join_names(items: list[str] | tuple[str, ...], lang: str = DEFAULT_LANG) -> str:
    """A list as the language writes it ("Donetsk and Luhansk"; "A, B and C")."""
    if len(items) < 2:
        return "".join(items)
    return t("and_join", lang, first=", ".join(items[:-1]), last=items[-1])


def class_label(control_class: ControlClass | str | None, lang: str = DEFAULT_LANG) -> str:
    """The legend's class; None: a figure of a report without the seed's classes, coloured on the scale."""
    if control_class is None:
        return t("class_scale", lang)
    return t(ControlClass(control_class).key, lang)


# Letters in alphabetical order where Unicode's order differs from the language's.
ALPHABETS: dict[str, str] = {code: catalog["language"].get("alphabet", "") for code, catalog in _CATALOGS.items()}


def collation_key(text: str, lang: str = DEFAULT_LANG) -> tuple:
    """A sort key that puts names in the language's alphabetical order (also Ukrainian's letters
    that Unicode places apart from the rest of its alphabet)."""
    alphabet = ALPHABETS.get(lang, "")
    return tuple((alphabet.index(c), c) if c in alphabet else (ord(c) + len(alphabet), c) for c in text.casefold())


# A date change formats a few hundred numbers and dates (27 regions' tooltips, the panels): Babel
# parses its locale code and pattern again on every call, so both are parsed once here, and a day
# (the same few, many times a run) is formatted once per language (bench/reruns.py).
@cache
def _babel_locale(lang: str) -> BabelLocale:
    return BabelLocale.parse(lang)


@cache
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def _decimal(value: float, pattern: str, lang: str) -> str:
    return format_decimal(value, format=_number_pattern(pattern), locale=_babel_locale(lang))


def fmt_int(value: float, lang: str = DEFAULT_LANG) -> str:
    """A whole number with the language's grouping (29,997 / 29 997)."""
    return _decimal(round(value), "#,##0", lang)


def fmt_pct(value: float, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A measured percentage with the language's decimal sign (66.1% / 66,1%)."""
    return _decimal(value, "#,##0." + "0" * digits, lang) + "%"


def fmt_event_date(day: dt.date, precision: str, lang: str = DEFAULT_LANG) -> str:
    """An event's date as precisely as its source gives it: a year, or a day."""
    return str(day.year) if precision == "year" else fmt_date(day, lang)


def fmt_date(value: dt.date | str, lang: str = DEFAULT_LANG) -> str:
    """A day as the language writes it, by its catalog's pattern (English: 23 Nov 2024;
    Ukrainian: the day, the month's name in the genitive, the year)."""
    return _date(dt.date.fromisoformat(value) if isinstance(value, str) else value, lang)


@lru_cache(maxsize=4096)
def _date(day: dt.date, lang: str) -> str:
    return format_date(day, format=DATE_FORMATS.get(lang, DATE_FORMATS[DEFAULT_LANG]), locale=_babel_locale(lang))


def fmt_number(value: float, lang: str = DEFAULT_LANG) -> str:
    """A figure as given, with no more decimals than it has (80, 2.5 / 2,5)."""
    return _decimal(value, "#,##0.###", lang)


def fmt_pct_range(share: Range, lang: str = DEFAULT_LANG) -> str:
    """Our reading of the report's words as a range of percent ("80–90%"), or one figure ("100%")."""
    if share.low == share.high:
        return f"{fmt_number(share.low, lang)}%"
    return f"{fmt_number(share.low, lang)}–{fmt_number(share.high, lang)}%"


def fmt_km2_range(km2: Range, lang: str = DEFAULT_LANG, *, unit: bool = True, step: int = 100) -> str:
    """km² rounded to `step`: the inputs are ranges, so more digits would be false precision.

    An exact figure (a share of 100% of an official area) is left as it is.
    """
    suffix = f" {t('km2', lang)}" if unit else ""
    if km2.low == km2.high:
        return f"{fmt_int(km2.low, lang)}{suffix}"
    low, high = round(km2.low / step) * step, round(km2.high / step) * step
    return f"{fmt_int(low, lang)}–{fmt_int(high, lang)}{suffix}"


def fmt_share_range(share: Range, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    pattern = "#,##0." + "0" * digits
    return f"{_decimal(share.low, pattern, lang)}–{_decimal(share.high, pattern, lang)}%"


def months_apart(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later` (23 Nov 2024 to 1 Jan 2026: 13)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def fmt_gap(a: dt.date, b: dt.date, lang: str = DEFAULT_LANG) -> str:
    """How far apart two days are, in whole months, or in days under a month ("13 months"; Babel
    picks each language's plural form)."""
    earlier, later = sorted((a, b))
    months = months_apart(earlier, later)
    if months:
        return format_unit(months, "duration-month", length="long", locale=lang)
    return fmt_days((later - earlier).days, lang)


def fmt_days(count: int, lang: str = DEFAULT_LANG) -> str:
    """A number of days, in the language's plural form ("7 days")."""
    return format_unit(count, "duration-day", length="long", locale=lang)


def day_note(asked: dt.date, used: dt.date, report_date: dt.date, lang: str = DEFAULT_LANG) -> str:
    """What a reader must know of a measurement not made on the report's date: how far apart the
    two are, and, for a day without a file, which day is shown instead. Empty on the report's date."""
    notes = []
    if asked != used:
        notes.append(t("day_nearest", lang, asked=fmt_date(asked, lang), used=fmt_date(used, lang)))
    if used != report_date:
        key = "day_after" if used > report_date else "day_before"
        notes.append(t(key, lang, date=fmt_date(used, lang), report=fmt_date(report_date, lang),
                       gap=fmt_gap(report_date, used, lang)))
    return " ".join(notes)


def newest_note(last: dt.date, today: dt.date, lang: str = DEFAULT_LANG) -> str:
    """Which day is the newest measured, and how many days before today it is (`today` from the
    caller's clock: the real date at run time)."""
    if today > last:
        return t("newest_measured", lang, last=fmt_date(last, lang), age=fmt_days((today - last).days, lang),
                 today=fmt_date(today, lang))
    return t("newest_measured_today", lang, last=fmt_date(last, lang))


@dataclass(frozen=True)
class Locale:
    """One run's language: its texts, and how it writes numbers, dates and lists (issue 25). Made
    once per run from the chosen language (`Locale.of`) and passed instead of the language's code;
    `code` is what records' own texts (`Text`) are looked up by."""

    code: str = DEFAULT_LANG

    @staticmethod
    @cache
    def of(code: str) -> Locale:
        return Locale(code)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.code, **values)

    def md(self, key: str, **values: object) -> Markdown:
        """The text as Markdown, its values escaped unless they are Markdown (`t_md`)."""
        return t_md(key, self.code, **values)

    def integer(self, value: float) -> str:
        return fmt_int(value, self.code)

    def pct(self, value: float, digits: int = 1) -> str:
        return fmt_pct(value, self.code, digits)

    def number(self, value: float) -> str:
        return fmt_number(value, self.code)

    def date(self, value: dt.date | str) -> str:
        return fmt_date(value, self.code)

    def event_date(self, day: dt.date, precision: str) -> str:
        return fmt_event_date(day, precision, self.code)

    def pct_range(self, share: Range) -> str:
        return fmt_pct_range(share, self.code)

    def km2_range(self, km2: Range, *, unit: bool = True, step: int = 100) -> str:
        return fmt_km2_range(km2, self.code, unit=unit, step=step)

    def share_range(self, share: Range, digits: int = 1) -> str:
        return fmt_share_range(share, self.code, digits)

    def gap(self, a: dt.date, b: dt.date) -> str:
        return fmt_gap(a, b, self.code)

    def days(self, count: int) -> str:
        return fmt_days(count, self.code)

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        return join_names(items, self.code)

    def class_label(self, control_class: ControlClass | str | None) -> str:
        return class_label(control_class, self.code)

    def collation_key(self, text: str) -> tuple:
        return collation_key(text, self.code)

    def day_note(self, asked: dt.date, used: dt.date, report_date: dt.date) -> str:
        return day_note(asked, used, report_date, self.code)

    def newest_note(self, last: dt.date, today: dt.date) -> str:
        return newest_note(last, today, self.code)


DEFAULT_LOCALE = Locale(DEFAULT_LANG)
