"""One view per run (issue 25 item 3): the address binder is built once, and each run reads the
address, the session and the widgets' values once, at its top (ui.view.read), its notices with it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tests.support.apptest import app
from ui import checkview, state, view
from ui.view import Param

assert checkview.TEXT  # imported here, so that its Params are built (once) before any run is counted
MAP_PARAMS = {"lang", "report", "scenario", "reading", "region", "date", "since"}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter, Counter]:
    """(the address parameters taken, by name; the views read and the Params built) since the last clear."""
    taken: Counter = Counter()
    made: Counter = Counter()
    take, read, init = Param.take, view.read, Param.__init__

    def counting_take(self: Param, *args, **kwargs) -> str:
        taken[self.page + self.name] += 1
        return take(self, *args, **kwargs)

    def counting_read(*args, **kwargs) -> view.View:
        made["read"] += 1
        return read(*args, **kwargs)

    def counting_init(self: Param, *args, **kwargs) -> None:
        made["param"] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(Param, "take", counting_take)
    monkeypatch.setattr(Param, "__init__", counting_init)
    monkeypatch.setattr(view, "read", counting_read)
    return taken, made


def test_each_run_reads_the_view_once_and_builds_no_binder(counted: tuple[Counter, Counter]) -> None:
    taken, made = counted
    at = app(60)
    at.query_params.update({"region": "<b>UA-99</b>", "scenario": "nope", "date": "2026-01-01"})

    steps = [
        ("a link with two bad values", at.run),
        ("a region from the list", lambda: at.selectbox(key="region").set_value("UA-14").run()),
        ("a day on the slider", lambda: at.slider(key="date").set_value(dt.date(2025, 6, 1)).run()),
        ("a week on", lambda: at.button(key="week_on").click().run()),
        ("a scenario", lambda: at.button_group[0].set_value("russian-demands").run()),
        ("the method page", lambda: at.switch_page("pages/method.py").run()),
        ("the timeline", lambda: at.switch_page("pages/timeline.py").run()),
        ("the check page", lambda: at.switch_page("pages/check.py").run()),
        ("back to the map", lambda: at.switch_page("pages/map.py").run()),
    ]
    for name, step in steps:
        taken.clear()
        made.clear()
        step()
        assert not at.exception, name
        assert made["read"] == 1, f"{name}: the view was read {made['read']} times"
        assert made["param"] == 0, f"{name}: {made['param']} Params built during the run"
        assert max(taken.values()) == 1, f"{name}: read more than once: {taken}"
        if name == "a link with two bad values":
            assert set(taken) == MAP_PARAMS
            assert len(at.toast) == 2  # one quiet notice per bad parameter, once
            assert "region" not in at.query_params and "scenario" not in at.query_params
    assert at.query_params["date"] == "2025-06-08" and at.query_params["region"] == "UA-14"
    assert at.query_params["scenario"] == "russian-demands"


def test_a_page_reads_only_its_own_parameters_from_the_address() -> None:
    """The Check a claim page has a `?date=` of its own: the map's view leaves it alone there."""
    at = app(60).run()
    at.switch_page("pages/check.py")
    at.query_params["date"] = "2020-03-01"  # before DeepStateMap's data: the check's own day, not the map's
    at.run()
    assert not at.exception and not at.toast
    assert at.query_params["date"] == "2020-03-01"
    assert at.session_state[state.VIEW].day == dt.date(2024, 11, 23)  # the map's day is untouched


def test_the_view_is_one_immutable_record_handed_to_the_page() -> None:
    at = app(60)
    at.query_params.update({"region": "UA-65", "date": "2099-01-01", "lang": "uk", "reading": "high"})
    at.run()
    shown = at.session_state[state.VIEW]
    assert (shown.loc.code, shown.region, shown.reading.value, shown.outside[1]) == ("uk", "UA-65", "high", "after")
    assert shown.day == shown.known.last and shown.date_notice()  # a link after the range: its end, with a note
    with pytest.raises(AttributeError):
        shown.region = "UA-14"  # frozen


def test_a_new_link_wins_over_what_the_widgets_still_hold() -> None:
    """A changed address (a link opened in the same session, the browser's back button) is taken
    over the widgets' values from the last run: only a widget the reader moved is a change."""
    at = app(60).run()
    at.selectbox(key="region").set_value("UA-14").run()
    at.slider(key="date").set_value(dt.date(2025, 6, 1)).run()
    at.query_params["region"] = "UA-65"
    at.query_params["date"] = "2026-01-01"
    at.run()
    assert at.selectbox(key="region").value == "UA-65" and at.slider(key="date").value == dt.date(2026, 1, 1)
    at.run()  # and it stays: the widgets now show the link's values
    assert at.query_params["region"] == "UA-65" and at.query_params["date"] == "2026-01-01"
    assert at.session_state[state.VIEW].region == "UA-65"
