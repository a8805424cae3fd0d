"""What the reader asked for, from the address and the widgets, kept in step with both.

The address is the source of truth when a link is opened; after that the widgets are, and
every change is written back, so the address can always be shared. A value the page does
not know is dropped from the address with a quiet notice, never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import streamlit as st

from reportmap.scenarios import DEFAULT_SCENARIO, ColourBy, Scenario, parse
from reportmap.texts import DEFAULT_LANG, LANGUAGES, t

# Query parameter -> session key that survives page switches (widget keys do not).
_STORE = "_view_{}"


def _from_address(param: str, valid: Callable[[str], bool], notice: str, lang: str) -> str | None:
    """A query parameter's value if the page knows it; otherwise drop it, with a quiet notice."""
    value = st.query_params.get(param)
    if value is None:
        return None
    if valid(value):
        return value
    del st.query_params[param]
    st.toast(t(notice, lang))
    return None


def _persisted(param: str, default: str, valid: Callable[[str], bool], notice: str,
               lang: str = DEFAULT_LANG) -> str:
    store = _STORE.format(param)
    asked = _from_address(param, valid, notice, lang)
    if asked is not None and st.session_state.get(f"_asked_{param}") != asked:
        # A link (or a changed address) wins over what the session remembered.
        st.session_state[f"_asked_{param}"] = asked
        st.session_state[store] = asked
    return st.session_state.setdefault(store, default)


def _write_back(param: str, value: str, default: str) -> None:
    st.session_state[f"_asked_{param}"] = value
    if value == default:
        st.query_params.pop(param, None)
    elif st.query_params.get_all(param) != [value]:  # also collapses a repeated key to one value
        st.query_params[param] = value


def _remember(param: str, key: str) -> None:
    """Widget callback: the reader's choice becomes what the session remembers."""
    value = st.session_state.get(key)
    if value is not None:  # a segmented control can be clicked off: keep the last choice
        st.session_state[_STORE.format(param)] = value


def _is(kind: type[StrEnum]) -> Callable[[str], bool]:
    return lambda value: parse(kind, value, next(iter(kind)))[1]


def language() -> str:
    """The interface language: `?lang=uk`, the switch, or English."""
    return _persisted("lang", DEFAULT_LANG, lambda v: v in LANGUAGES, "unknown_lang")


def _choose_language(code: str) -> None:
    st.session_state[_STORE.format("lang")] = code


def language_switch(lang: str) -> None:
    """One button per language, the current one marked. Plain buttons, not a segmented control:
    they come with Streamlit's first bundle, so the switch has its height at once and pushes
    nothing down when its code arrives (a layout shift on every page)."""
    with st.container(horizontal=True, gap="small", key="language_switch"):
        for code, name in LANGUAGES.items():
            current = code == lang  # shown ticked; a primary button's white text is too faint in the dark theme
            st.button(name, key=f"lang_{code}", icon=":material/check:" if current else None, disabled=current,
                      on_click=_choose_language, args=(code,), help=t("language", lang))
    _write_back("lang", lang, DEFAULT_LANG)


def scenario(lang: str) -> Scenario:
    """The scenario the reader chose on the map page (or the link names), without a widget."""
    return Scenario(_persisted("scenario", DEFAULT_SCENARIO.value, _is(Scenario), "unknown_scenario", lang))


def scenario_control(lang: str) -> Scenario:
    current = _persisted("scenario", DEFAULT_SCENARIO.value, _is(Scenario), "unknown_scenario", lang)
    st.session_state["scenario"] = current
    st.segmented_control(t("scenario", lang), options=[s.value for s in Scenario], key="scenario",
                         format_func=lambda v: t(f"scenario_{v}", lang), on_change=_remember,
                         args=("scenario", "scenario"), wrap=True)  # on a phone: rows, not off the edge
    _write_back("scenario", current, DEFAULT_SCENARIO.value)
    return Scenario(current)


def _colour_value(lang: str) -> str:
    return _persisted("reading", ColourBy.WORDING.value, _is(ColourBy), "unknown_reading", lang)


def colour_by(lang: str) -> ColourBy:
    """What the map is coloured by (`?reading=`), without a widget."""
    return ColourBy(_colour_value(lang))


def colour_control(lang: str) -> ColourBy:
    current = _colour_value(lang)
    st.session_state["colour_by"] = current
    st.segmented_control(t("colour_by", lang), options=[c.value for c in ColourBy], key="colour_by",
                         help=t("colour_by_help", lang), format_func=lambda v: t(f"colour_by_{v}", lang),
                         on_change=_remember, args=("reading", "colour_by"), wrap=True)
    _write_back("reading", current, ColourBy.WORDING.value)
    return ColourBy(current)
