"""Every interface text exists in every language, with the same placeholders."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest
from sources import parsed

from reportmap import texts
from reportmap.loading import load_areas, load_report
from reportmap.records import REPORT_SOURCE, Range, Text
from reportmap.texts import (
    DEFAULT_LANG,
    LANGUAGES,
    TEXTS,
    fmt_date,
    fmt_int,
    fmt_km2_range,
    fmt_pct,
    fmt_pct_range,
    fmt_share_range,
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT_LANG])
def test_every_key_in_every_language(lang: str) -> None:
    assert set(TEXTS[lang]) == set(TEXTS[DEFAULT_LANG]), (
        f"only in {DEFAULT_LANG}: {sorted(set(TEXTS[DEFAULT_LANG]) - set(TEXTS[lang]))}; "
        f"only in {lang}: {sorted(set(TEXTS[lang]) - set(TEXTS[DEFAULT_LANG]))}"
    )
    for key, text in TEXTS[DEFAULT_LANG].items():
        assert _placeholders(TEXTS[lang][key]) == _placeholders(text), key


def test_the_languages_are_the_catalog_files(tmp_path) -> None:
    from reportmap.texts import LOCALES_DIR, _catalogs

    assert list(LANGUAGES) == ["en", "uk"] and LANGUAGES["uk"] == "Українська"  # the default first
    assert sorted(p.stem for p in LOCALES_DIR.glob("*.toml")) == sorted(LANGUAGES)
    # A third language is a file: copied from English under another code, it is read as one more.
    (tmp_path / "en.toml").write_text((LOCALES_DIR / "en.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "de.toml").write_text((LOCALES_DIR / "en.toml").read_text(encoding="utf-8")
                                      .replace('name = "English"', 'name = "Deutsch"', 1), encoding="utf-8")
    catalogs = _catalogs(tmp_path)
    assert list(catalogs) == ["en", "de"] and catalogs["de"]["language"]["name"] == "Deutsch"


def test_data_file_translates_everything_it_shows() -> None:
    report = load_report()
    records = [report.info, *report.conditions, *report.points, *report.events, *report.statements,
               *report.kursk_claims, load_areas()]
    others = [lang for lang in LANGUAGES if lang != "en"]
    seen = 0
    for record in records:
        for field, value in vars(record).items():
            if not isinstance(value, Text) or not value:
                continue
            if field == "source" and value.en == REPORT_SOURCE:
                continue  # "report" marks the report's own events; the page shows no source for them
            seen += 1
            assert value.languages == tuple(others), (record, field)
    assert seen > 40  # every condition, point, event, statement, claim and source


def test_ranges_are_written_as_ranges() -> None:
    assert fmt_pct_range(Range(80, 90)) == "80–90%"
    assert fmt_pct_range(Range(100, 100)) == "100%"
    assert fmt_pct_range(Range(2.5, 10), "uk") == "2,5–10%" and fmt_pct_range(Range(2.5, 10)) == "2.5–10%"
    assert fmt_km2_range(Range(21213.6, 23865.3)) == "21,200–23,900 km²"
    assert fmt_km2_range(Range(21213.6, 23865.3), "uk") == "21\xa0200–23\xa0900 км²"
    assert fmt_km2_range(Range(864, 864)) == "864 km²"


def test_numbers_and_dates_follow_the_language() -> None:
    assert fmt_int(29997) == "29,997" and fmt_int(29997, "uk") == "29\xa0997"
    assert fmt_pct(64.906) == "64.9%" and fmt_pct(64.906, "uk") == "64,9%"
    assert fmt_share_range(Range(17.506, 19.309), "uk") == "17,5–19,3%"
    assert fmt_date("2024-11-23") == "23 Nov 2024" and fmt_date("2024-11-23", "uk") == "23 листопада 2024"


def test_a_runs_numbers_and_days_are_formatted_without_parsing_babels_locale_again(monkeypatch) -> None:
    """A date change formats a few hundred figures and the same few days many times (bench/reruns.py):
    Babel is given its locale parsed once, not a code to parse on every call, and a day is formatted
    once per language."""
    parsed, dated = [], []
    parse, format_date = texts.BabelLocale.parse, texts.format_date
    monkeypatch.setattr(texts.BabelLocale, "parse",
                        classmethod(lambda cls, code, *a, **k: (isinstance(code, str) and parsed.append(code))
                                    or parse(code, *a, **k)))
    monkeypatch.setattr(texts, "format_date", lambda *a, **k: dated.append(a) or format_date(*a, **k))
    for lang in LANGUAGES:
        fmt_int(1, lang), fmt_date(dt.date(1901, 1, 1), lang)  # the locale, once (if not yet)
        parsed.clear()
        assert [fmt_int(29997 + n, lang) for n in range(3)] == [fmt_int(29997 + n, lang) for n in range(3)]
        assert {fmt_pct(64.906, lang), fmt_share_range(Range(17.5, 19.3), lang), fmt_pct_range(Range(2.5, 10), lang)}
        assert len({fmt_date(dt.date(1901, 1, 1), lang) for _ in range(5)}) == 1
        assert parsed == []
    assert len(dated) == len(LANGUAGES)


def test_catalogs_name_no_region_facts_come_from_the_data() -> None:
    """Which regions a total or a scenario concerns is data (report.toml, the boundary file): a text
    that wrote them out would go wrong silently when the data changed. Placeholders fill them in."""
    from reportmap.pipeline import load
    from reportmap.regions import figures

    regions = figures(load().joined).values()
    for lang, table in TEXTS.items():
        unit_names = {r.name(lang) for r in regions if r.role == "ukraine"} | {r.names.en for r in regions
                                                                             if r.role == "ukraine"}
        for key, text in table.items():
            named = sorted(name for name in unit_names if name in text)
            assert not named, f"{lang}.toml: '{key}' names {named}; use a placeholder filled from the data"


def _text_calls(tree: ast.Module):
    """Every call that looks a text up by key: `t(key, ...)`, `t_md(key, ...)`, `loc.t(...)`, `loc.md(...)`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and (
                (isinstance(node.func, ast.Name) and node.func.id in ("t", "t_md"))
                or (isinstance(node.func, ast.Attribute) and node.func.attr in ("t", "t_md"))
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "md"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "loc")):
            yield node


def test_text_keys_are_written_out_in_full() -> None:
    """A search for a key finds its uses (issue 25): no key is built at run time, neither in the call
    (`t(f"verdict_{x}")`, `t("verdict_" + x)`) nor beside it (an f-string that starts like a key)."""
    prefixes = {key[:max(key.rfind("_"), key.rfind("-")) + 1] for key in TEXTS[DEFAULT_LANG]} - {""}
    built = set()
    for path, tree in parsed().items():
        for call in _text_calls(tree):
            if isinstance(call.args[0], (ast.JoinedStr, ast.BinOp, ast.Call)):
                built.add(f"{path}:{call.lineno}: {ast.unparse(call.args[0])}")
        widget_keys = {id(k.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
                       for k in node.keywords if k.arg == "key"}  # a widget's key, not a text's
        for node in ast.walk(tree):
            head = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else None
            if isinstance(head, ast.Constant) and head.value in prefixes and id(node) not in widget_keys:
                built.add(f"{path}:{node.lineno}: {ast.unparse(node)}")
    assert not built, "keys built at run time:\n" + "\n".join(sorted(built))


# Keys of the catalogs that no code names, each with why.
UNUSED_KEYS: dict[str, str] = {}


def test_every_key_of_the_catalogs_is_used_by_name() -> None:
    """Every key of en.toml is a string literal somewhere in the code: a key no one uses is dead text,
    and a key only built at run time is one no search finds."""
    literals = {node.value for tree in parsed().values() for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    unused = sorted(set(TEXTS[DEFAULT_LANG]) - literals - set(UNUSED_KEYS))
    assert not unused, f"keys no code names in full: {unused}"
    assert set(UNUSED_KEYS) <= set(TEXTS[DEFAULT_LANG]) - literals, "an exception that is used after all"


def _judgements() -> dict[type, tuple[str, ...]]:
    """Each judgement's enum, with the properties that name its texts."""
    from reportmap.areas import Consistency
    from reportmap.claims import Side, Unchecked
    from reportmap.records import Bound, ControlClass, Holder, Qualifier, Quantity, Verdict
    from reportmap.scenarios import ColourBy, Reading, Scenario

    return {Verdict: ("key",), Consistency: ("key",), Bound: ("key",), Side: ("key",), Unchecked: ("key",),
            ControlClass: ("key",), Scenario: ("key", "note_key", "caption_key"), Reading: ("key",),
            ColourBy: ("key",), Qualifier: ("key", "rule_key"), Quantity: ("key",), Holder: ("key",)}


def test_every_judgement_names_its_texts_by_key() -> None:
    for kind, properties in _judgements().items():
        for member in kind:
            for name in properties:
                key = getattr(member, name)
                assert key is None or key in TEXTS[DEFAULT_LANG], f"{kind.__name__}.{member.name}.{name}: {key}"


def test_a_judgement_is_decided_by_its_enum_alone() -> None:
    """A verdict's, a total's consistency's, a bound's, a side's or a reason's word is written once,
    in its enum (issue 25): code elsewhere compares members, never the words."""
    import inspect

    from reportmap.areas import Consistency
    from reportmap.claims import Side, Unchecked
    from reportmap.records import Bound, Verdict

    owners = {member.value: inspect.getsourcefile(kind) for kind in (Verdict, Consistency, Bound, Side, Unchecked)
              for member in kind if member.value not in ("", "scope")}  # "scope" is a field's name too
    root = Path(__file__).resolve().parent.parent
    found = [f"{path}:{node.lineno}: {node.value!r}" for path, tree in parsed().items() for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and node.value in owners and str(root / path) != owners[node.value]]
    assert not found, "judgement words outside their enum:\n" + "\n".join(found)


def test_a_locale_is_one_runs_language_with_its_formats() -> None:
    import datetime as dt

    from reportmap.markup import Markdown
    from reportmap.texts import Locale

    uk = Locale.of("uk")
    assert Locale.of("uk") is uk and uk.code == "uk" and Locale() == Locale.of(DEFAULT_LANG)
    assert uk.t("verdict_holds") == TEXTS["uk"]["verdict_holds"]
    assert uk.integer(29997) == "29\xa0997" and uk.pct(64.906) == "64,9%"
    assert uk.date("2024-11-23") == "23 листопада 2024"
    assert uk.km2_range(Range(21213.6, 23865.3)) == "21\xa0200–23\xa0900 км²"
    assert uk.pct_range(Range(2.5, 10)) == "2,5–10%"
    assert Locale.of("en").join(["Donetsk", "Luhansk"]) == "Donetsk and Luhansk"
    assert Locale.of("en").gap(dt.date(2024, 11, 23), dt.date(2026, 1, 1)) == "13 months"
    text = Locale.of("en").md("details_report_plain", wording="*x*")
    assert isinstance(text, Markdown) and "\\*x\\*" in text


# Modules that take a Locale in place of a language's code (issue 25): no function of theirs has a
# `lang` parameter. The others (the domain's records, loading and regions, below the seam) still take
# `lang`; the pages hand them `loc.code` where a code is the value.
LOCALE_MODULES = ("reportmap/claimtext.py", "reportmap/maptext.py", "reportmap/changemap.py",
                  "reportmap/mapparts.py", "reportmap/mapview.py", "reportmap/standalone.py",
                  "reportmap/claimreview.py", "reportmap/checkcli.py", "reportmap/exports.py",
                  "ui/charts.py", "ui/checkcharts.py", "ui/panels.py", "ui/embed.py", "ui/change.py",
                  "ui/checkview.py", "ui/view.py", "ui/page.py", "ui/data.py", "ui/controls.py", "pages/check.py",
                  "pages/conditions.py", "pages/method.py", "pages/reports.py", "pages/timeline.py", "pages/map.py",
                  "dashboard.py")


def test_the_converted_modules_take_a_locale_not_a_language_code() -> None:
    """...and they write their words through it: no `t(key, lang)`, no `fmt_int(value, lang)`."""
    import reportmap.texts as texts

    by_code = {name for name in vars(texts) if name == "t" or name.startswith(("t_", "fmt_"))}
    by_code |= {"join_names", "class_label", "collation_key", "day_note", "newest_note"}
    found = []
    for path in LOCALE_MODULES:
        for node in ast.walk(parsed()[path]):
            if isinstance(node, ast.FunctionDef):
                found += [f"{path}:{node.lineno} {node.name}({arg.arg})"
                          for arg in node.args.args + node.args.kwonlyargs if arg.arg == "lang"]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in by_code:
                found.append(f"{path}:{node.lineno} {node.func.id}()")
    assert not found, found


def test_the_pages_and_their_parts_hold_no_bare_language_code() -> None:
    """Pages and the ui code get the run's Locale (`ui.view.View.loc`), never a bare `lang`: no name,
    parameter or attribute of that name. A code is written as `loc.code` at the one point where it is
    the value (a cache's key, the address's `?lang=`, the map's `<html lang>`)."""
    found = []
    for path, tree in parsed().items():
        if not (path.startswith(("ui/", "pages/")) or path == "dashboard.py"):
            continue
        found += [f"{path}:{node.lineno} {ast.unparse(node)}" for node in ast.walk(tree)
                  if (isinstance(node, ast.Name) and node.id == "lang")
                  or (isinstance(node, ast.arg) and node.arg == "lang")
                  or (isinstance(node, ast.Attribute) and node.attr == "lang")]
    assert not found, found
