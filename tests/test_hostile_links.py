"""Hostile links: whatever the address holds, the normal page, at most a quiet notice.

Every case runs the real app through AppTest: no exception, no error box, the map drawn,
and nothing from the address echoed into the page.
"""

from __future__ import annotations

import json

import pytest

from tests.support.apptest import app

LONG = "A" * 5000
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# (name, {param: value or [values]}, what the page should settle on)
CASES: list[tuple[str, dict[str, str | list[str]]]] = [
    ("nothing", {}),
    ("unknown key", {"foo": "bar"}),
    ("many unknown keys", {f"k{i}": str(i) for i in range(30)}),
    ("unknown region", {"region": "UA-99"}),
    ("lowercase region", {"region": "ua-14"}),
    ("empty region", {"region": ""}),
    ("region with spaces", {"region": " UA-14 "}),
    ("neighbour as region", {"region": "BY"}),
    ("long region", {"region": LONG}),
    ("long scenario", {"scenario": LONG}),
    ("long lang", {"lang": LONG}),
    ("long reading", {"reading": LONG}),
    ("long unknown key", {LONG[:200]: LONG}),
    ("script region", {"region": SCRIPT}),
    ("img region", {"region": IMG}),
    ("script scenario", {"scenario": SCRIPT}),
    ("img lang", {"lang": IMG}),
    ("javascript url", {"region": "javascript:alert(1)"}),
    ("attribute breakout", {"region": '" onmouseover="alert(1)'}),
    ("markdown link", {"region": "[click](javascript:alert(1))"}),
    ("right-to-left override", {"region": "\u202eUA-14"}),
    ("zero-width space", {"region": "UA\u200b-14"}),
    ("zero-width joiner lang", {"lang": "u\u200dk"}),
    ("byte order mark", {"scenario": "\ufeffas-reported"}),
    ("path traversal", {"region": "../../etc/passwd"}),
    ("encoded traversal", {"scenario": "..%2F..%2Fetc%2Fpasswd"}),
    ("windows path", {"lang": "..\\..\\windows\\win.ini"}),
    ("jinja template", {"region": "{{ 7*7 }}"}),
    ("format string", {"region": "{0.__class__}"}),
    ("percent format", {"scenario": "%s%s%s%n"}),
    ("dollar template", {"reading": "${7*7}"}),
    ("sql-ish", {"region": "' OR 1=1 --"}),
    ("null byte", {"region": "UA-14\x00"}),
    ("newline", {"lang": "en\nuk"}),
    ("emoji", {"region": "🇺🇦"}),
    ("repeated region, known last", {"region": ["UA-99", "UA-14"]}),
    ("repeated region, unknown last", {"region": ["UA-14", "UA-99"]}),
    ("repeated scenario", {"scenario": ["russian-demands", "hinted-withdrawal"]}),
    ("all valid", {"region": "UA-63", "scenario": "hinted-withdrawal", "lang": "uk", "reading": "low"}),
    ("valid region, bad rest", {"region": "UA-14", "scenario": IMG, "lang": SCRIPT, "reading": LONG}),
    ("numeric region", {"region": "14"}),
    ("unicode lookalike", {"region": "UА-14"}),  # Cyrillic А
    # the day of the measurement
    ("future date", {"date": "2099-01-01"}),
    ("date before the data", {"date": "2020-02-24"}),
    ("no such day", {"date": "2025-02-29"}),
    ("date with a time", {"date": "2025-01-01T12:00:00"}),
    ("script date", {"date": SCRIPT}),
    ("long date", {"date": LONG}),
    ("repeated date, known last", {"date": ["2099-01-01", "2025-06-01"]}),
    ("all valid with a date", {"region": "UA-14", "date": "2026-01-01", "lang": "uk", "reading": "measured"}),
    # the report of the library
    ("unknown report", {"report": "no-such-report"}),
    ("script report", {"report": SCRIPT}),
    ("long report", {"report": LONG}),
    ("report path traversal", {"report": "../report"}),
    ("report with a folder", {"report": "reports/tass-putin-2025-10-02"}),
    ("repeated report, known last", {"report": ["no-such-report", "tass-putin-2025-10-02"]}),
    ("valid report, bad rest", {"report": "newsandcams-2025-12-04", "region": IMG, "scenario": "russian-demands"}),
    # the day a change is told from
    ("garbage since", {"since": "yesterday"}),
    ("script since", {"since": SCRIPT}),
    ("long since", {"since": LONG}),
    ("since before the data", {"since": "2020-02-24"}),
    ("future since", {"since": "2099-01-01"}),
    ("no such since", {"since": "2025-02-29"}),
    ("since with a time", {"since": "2025-01-01T12:00:00"}),
    ("since after the day shown", {"since": "2026-06-01", "date": "2025-06-01"}),
    ("since on the day shown", {"since": "2026-01-01", "date": "2026-01-01"}),
    ("since, date before the report", {"since": "2024-08-15", "date": "2024-08-01"}),
    ("repeated since", {"since": ["2099-01-01", "2025-01-01"]}),
    ("all valid with since", {"region": "UA-14", "date": "2026-01-01", "since": "2025-06-01", "lang": "uk"}),
]


@pytest.mark.parametrize("params", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_any_address_gives_the_normal_page(params: dict[str, str | list[str]]) -> None:
    at = app(60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert not at.error
    components = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    assert len(components) == 1, "the map must still draw"
    script = json.loads(components[0].proto.json_args)["script"]
    assert "L.geoJson(" in script
    assert len(at.toast) <= 4  # at most a quiet notice per bad parameter
    shown = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                      + [t.value for t in at.toast])
    for value in params.values():
        for text in value if isinstance(value, list) else [value]:
            if len(text) > 3 and text not in ("UA-14", "UA-63", "hinted-withdrawal", "russian-demands", "low", "uk",
                                              "measured", "2025-06-01", "2026-01-01"):
                assert text not in shown and text not in script, f"{text[:40]!r} echoed into the page"
