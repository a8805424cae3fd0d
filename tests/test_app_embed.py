"""The view for an article's frame (`?embed=true`) and the Method page's embed snippet, through AppTest.

Streamlit keeps `embed` out of st.query_params and tells the script through st.context.is_embedded,
which AppTest sets with `context`.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from test_app import MAP_COMPONENT, TIMEOUT, all_text, components_named, english_left, map_args

from reportmap.texts import Locale
from tests.support.apptest import app
from ui.embed import snippet


def embedded(**params: str) -> AppTest:
    at = app(TIMEOUT)
    at.context = {"is_embedded": True}
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_embed_is_the_map_then_the_key_figures_with_nothing_above() -> None:
    at = embedded()
    assert not at.exception
    assert [b.key for b in at.button] == []  # no language row, no date buttons, no region list
    assert not at.get("popover") and not at.get("button_group")
    assert len(components_named(at, MAP_COMPONENT)) == 1
    blocks = list(at.main.children.values())
    assert blocks[0].key == "embed_map" and blocks[1].key == "embed_figures"  # the map first, nothing above
    text = all_text(at).replace("**", "")
    assert ("Russian-controlled area, as reported: over 100,000 km² · measured on 23 Nov 2024 (DeepStateMap): "
            "109,538 km², all of Ukraine's regions summed; the report's figure holds.") in text
    assert ("Share of Ukraine, as reported: roughly 18% · measured on 23 Nov 2024 (DeepStateMap): 18.1%, of "
            "Ukraine's area, in the 6 regions the report says it of; the report's figure holds.") in text
    assert "Occupied area measured by DeepStateMap.Live, via cyterat/deepstate-map-data (GPL-3.0)" in text


def test_the_embeds_map_fills_its_frame_and_fits_above_its_attribution() -> None:
    args = map_args(embedded())
    assert "#map_div { height: 100vh !important; }" in args["header"]
    assert "fit Ukraine above the attribution line" in args["script"] and '"zoomAnimation": false' in args["script"]
    assert args["returned_objects"] == []  # a click reruns nothing: there is no panel to fill


def test_the_embed_in_ukrainian_on_another_day_says_how_far_apart_and_leaves_no_english() -> None:
    at = embedded(lang="uk", date="2026-01-01")
    assert not at.exception
    text = all_text(at)
    assert "повідомлення (23 листопада 2024) старше за це вимірювання на 13 місяців" in text
    assert "виміряно на 1 січня 2026 (DeepStateMap)" in text
    assert english_left(text) == set()


def test_the_full_page_is_unchanged_when_not_embedded() -> None:
    at = app(TIMEOUT).run()
    assert not at.exception
    assert {"lang_en", "lang_uk", "play"} <= {b.key for b in at.button}
    assert not [b for b in at.main.children.values() if getattr(b, "key", None) == "embed_map"]


@pytest.mark.parametrize("lang, title", [
    ("en", "Map: Russian-controlled territory in Ukraine, as one report puts it, against DeepStateMap's measurement"),
    ("uk", "Мапа: територія України під контролем Росії, як її описує одне повідомлення, поруч із вимірюванням "
           "DeepStateMap"),
])
def test_the_method_page_offers_a_copyable_embed_snippet_in_both_languages(lang: str, title: str) -> None:
    at = app(TIMEOUT)
    at.query_params["lang"] = lang
    at.context = {"url": "https://reportmap.example.net/method?lang=" + lang}
    at.run()
    at.switch_page("pages/method.py").run()
    assert not at.exception
    [code] = at.code  # st.code: shown with a copy button
    assert code.language == "plaintext"  # shown plain: highlighted, its tag colour fails contrast (dark)
    query = "?embed=true" if lang == "en" else "?embed=true&amp;lang=uk"
    assert code.value.startswith(f'<iframe src="https://reportmap.example.net/{query}" title="{title}"')
    assert re.search(r'width="700" height="650"', code.value) and code.value.endswith("></iframe>")
    assert ("Put the map in an article" if lang == "en" else "Вставити мапу в статтю") in all_text(at)


def test_the_snippet_points_at_the_servers_own_map_page_whatever_page_is_open() -> None:
    assert 'src="http://127.0.0.1:8501/?embed=true"' in snippet(Locale.of("en"), "http://127.0.0.1:8501/method?date=2026-01-01")
    assert 'src="https://example.org/?embed=true"' in snippet(Locale.of("en"), None)  # no address known: a placeholder
    assert 'src="https://example.org/?embed=true"' in snippet(Locale.of("en"), "javascript:alert(1)")
