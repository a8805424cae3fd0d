"""The Check a claim page through AppTest: a link reproduces a check, the form corrects a reading
and puts it in the address, hostile values get a quiet notice, and the page speaks Ukrainian."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import app
from tests.test_app import TIMEOUT, all_text
from ui.view import Param

CHECK = "pages/check.py"


def check_page(**params: str) -> AppTest:
    at = app(TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(CHECK).run()  # the page's own address, as a shared link opens it
    assert not at.exception
    return at


def test_a_link_reproduces_the_check() -> None:
    at = check_page(text="Russia now holds nearly a fifth of Ukraine, including more than 99% of LNR",
                    date="2025-08-17")
    text = all_text(at)
    assert "Read as: Russia's share of Ukraine as a whole: almost 20%." in text
    assert ("On 17 Aug 2025: measured 18.8% (18.4% to 19.2% allowing for the boundaries); "
            "within the figure's 15–20%") in text
    assert "Read as: Russia's share of Luhansk: more than 99%." in text
    assert text.count("**holds**") == 2
    assert at.text_area(key="check_text").value.startswith("Russia now holds")
    assert at.query_params["date"] == "2025-08-17"
    assert len(at.get("vega_lite_chart")) == 2  # the map and the chart, for the claim shown


def test_the_default_day_is_the_newest_measured(loaded) -> None:
    at = check_page(text="Russia holds 19% of Ukraine")
    assert at.text_input(key="check_date").value == loaded.series.last.isoformat()
    assert "date" not in at.query_params  # the default stays out of the address


def test_a_day_without_data_cannot_be_checked() -> None:
    text = all_text(check_page(text="Russia holds 19% of Ukraine", date="2024-01-10"))
    assert "**cannot be checked**: before the first day of DeepStateMap's data held here" in text
    assert "the data runs from 8 Jul 2024 to" in text


def test_a_day_without_a_file_is_measured_on_the_day_before(loaded) -> None:
    gap = loaded.series.missing[0]
    text = all_text(check_page(text="Russia holds 19% of Ukraine", date=gap.isoformat()))
    assert "There is no file for" in text and "the nearest earlier day" in text


def test_nothing_read_offers_the_form_and_the_form_goes_in_the_address() -> None:
    at = check_page(text="Kyiv says it will hold talks")
    assert "No figure about territory could be read" in at.info[0].value
    at.multiselect(key="check_scope_0").set_value(["UA-14", "UA-09"])
    at.selectbox(key="check_qualifier_0").set_value("more-than")
    at.number_input(key="check_value_0").set_value(80.0)
    at.button[-1].click().run()  # the form's submit button
    assert not at.exception
    assert at.query_params["claim"] == "1|UA-14,UA-09|share|more-than|80|russia"
    assert "Read as: Russia's share of Donetsk and Luhansk: more than 80%." in all_text(at)


def test_a_corrected_claim_in_a_link_replaces_the_reading() -> None:
    at = check_page(text="It was 18.7 percent", claim="1|UA|share|bare|18.7|russia", date="2025-01-01")
    text = all_text(at)
    assert "“18.7 percent”: no territory could be read" in at.info[0].value.replace("\\", "")
    assert "Read as: Russia's share of Ukraine as a whole: 18.7%." in text


def test_a_day_typed_is_checked_and_a_wrong_one_gets_a_notice() -> None:
    at = check_page(text="Russia holds 19% of Ukraine")
    at.text_input(key="check_date").input("2025-03-03").run()
    assert "On 3 Mar 2025: measured" in all_text(at) and at.query_params["date"] == "2025-03-03"
    at.text_input(key="check_date").input("1st May").run()
    assert [toast.value for toast in at.toast][-1].startswith("“1st May” is not a day")
    assert "On 3 Mar 2025: measured" in all_text(at)


def test_hostile_values_get_a_quiet_notice() -> None:
    at = check_page(text="x" * 20_000, date="2099-99-99", claim="9|UA-99|share|bare|5|russia")
    notices = [toast.value for toast in at.toast]
    assert len(notices) == 3 and not at.error
    assert {"text", "date", "claim"}.isdisjoint(at.query_params)


def test_the_page_in_ukrainian() -> None:
    at = check_page(text="Росія контролює близько 70% Запорізької області", date="2025-08-17", lang="uk")
    text = all_text(at)
    assert "Прочитано як: частка Росії — Запорізька область: близько 70%." in text
    assert "підтверджується" in text


def test_every_note_a_reading_carries_is_explained_in_both_languages() -> None:
    """A range, "most of" and "every 5th km²" are read with a note under the reading (a note without
    a text was a KeyError, a traceback on the page)."""
    text = "Russia holds 25-30% of Donetsk, most of Luhansk and every 5th sq km of Ukraine."
    for lang, words in (("en", ("Given as a range", "“Most of”", "“Every Nth km²”")),
                        ("uk", ("Подано як діапазон", "«Більша частина»", "«Кожен N-й км²»"))):
        shown = all_text(check_page(text=text, date="2025-08-17", lang=lang))
        assert all(w in shown for w in words), lang


def restarted(at: AppTest) -> AppTest:
    """Run `at` as a page reconnected to a restarted server runs: a new session (nothing remembered,
    no widget known to it yet) whose first run carries what the page's widgets hold, as the browser
    sends it. AppTest has no public way to do this: its element tree gives the widgets' states, read
    before the session is replaced, and its `_run` sends them."""
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state import SessionState
    from streamlit.testing.v1.app_test import TESTING_KEY, _AppTestSessionState

    widgets = at._tree.get_widget_states()
    fresh = SessionState()
    fresh[TESTING_KEY] = {}
    at._session_state = SafeSessionState(fresh, lambda: None)
    at.session_state = _AppTestSessionState(at._session_state)
    return at._run(widgets)


SENTENCE = "Russia holds about 19% of Ukraine"


@pytest.mark.parametrize("session", ["new", "restarted", "old"])
def test_a_sentence_typed_is_taken_once_by_the_runs_reading(session: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the session (its second run; a restarted server's first, where no callback is
    registered; one that has been to other pages), the sentence is taken once, by the reading at
    the top of a run (checkview.read_fields), never beside it, and no callback is relied on."""
    at = check_page(date="2025-08-17")
    if session == "old":
        for page in ("pages/map.py", "pages/timeline.py", CHECK):
            at.switch_page(page).run()
    taken: list[tuple[str, str]] = []  # (parameter, the reader's change) as a run's reading takes it
    chosen: list[str] = []  # a parameter chosen beside the reading
    take, choose = Param.take, Param.choose

    def counted_take(self: Param, known, loc, changed: str | None = None) -> str:
        if changed is not None:
            taken.append((self.name, changed))
        return take(self, known, loc, changed)

    def counted_choose(self: Param, value: str) -> None:
        chosen.append(self.name)
        choose(self, value)

    monkeypatch.setattr(Param, "take", counted_take)
    monkeypatch.setattr(Param, "choose", counted_choose)
    at.text_area(key="check_text").input(SENTENCE)
    at = restarted(at) if session == "restarted" else at.run()
    assert not at.exception
    assert taken == [("text", SENTENCE)] and chosen == []
    assert at.query_params["text"] == SENTENCE and at.query_params["date"] == "2025-08-17"
    assert "Read as: Russia's share of Ukraine as a whole: about 19%." in all_text(at)
    at.run()  # and it stays, taken no more
    assert taken == [("text", SENTENCE)] and at.text_area(key="check_text").value == SENTENCE


@pytest.mark.parametrize("session", ["old", "restarted"])
def test_a_wrong_day_gets_one_notice_and_the_day_stays(session: str) -> None:
    at = check_page(text=SENTENCE, date="2025-08-17")
    at.text_input(key="check_date").input("1st May")
    at = restarted(at) if session == "restarted" else at.run()
    assert [toast.value for toast in at.toast] == ["“1st May” is not a day between 2014 and today, as YYYY-MM-DD; "
                                                   "the day stays as it was."]
    assert at.text_input(key="check_date").value == "2025-08-17" and at.query_params["date"] == "2025-08-17"
    assert "On 17 Aug 2025: measured" in all_text(at)
