"""The map page's first screen: the title and the map first, the rest once the map has drawn
(pages/map.py; the answer is the day's part's, ui/on_map/index.html)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from reportmap.mapprotocol import DAY, DRAWN
from tests.support.apptest import first_screen
from tests.test_app import MAP_COMPONENT, TIMEOUT, all_text, components_named, map_args, on_map_args
from ui import state
from ui.mapcomponent import DRAWN_AT_THE_LATEST_MS


def outline(at: AppTest) -> list[str]:
    """The page's top-level blocks and elements, in order, by kind."""
    return [child.type for child in at.main.children.values()]


def answer(at: AppTest) -> AppTest:
    """What the browser does once the map has drawn: the day's part answers, and the page runs again."""
    at.session_state[state.on_map(DAY)] = DRAWN
    return at.run()


def test_before_the_map_has_drawn_the_page_sends_the_title_and_the_map_and_asks_to_hear_when_it_has() -> None:
    at = first_screen(TIMEOUT)
    at.query_params["region"] = "UA-14"
    at.run()
    assert not at.exception
    assert "Ukraine" in at.markdown[0].value  # the title, then the caption with the report's citation
    assert len(at.markdown) == 1 and len(at.caption) == 1
    assert len(components_named(at, MAP_COMPONENT)) == 1
    day = json.loads(on_map_args(at, "day"))
    assert day["tellDrawn"] == {"value": DRAWN, "latestMs": DRAWN_AT_THE_LATEST_MS}
    assert json.loads(on_map_args(at, "selection"))["data"]["id"] == "UA-14"  # the address's region, outlined
    assert json.loads(on_map_args(at, "selection"))["tellDrawn"] is None
    assert json.loads(on_map_args(at, "selection"))["closeList"] is None  # its aids load after the map has drawn
    # Nothing else yet: no control under the map, no panel, no footer.
    assert not at.button_group and not at.selectbox and not at.toggle and not at.expander
    assert "over 100,000 km²" not in all_text(at)


def test_the_maps_answer_brings_the_rest_into_the_places_kept_for_it_without_sending_the_map_again() -> None:
    at = first_screen(TIMEOUT)
    at.query_params["region"] = "UA-14"
    at.run()
    before_outline, before_map = outline(at), map_args(at)
    before_day, before_selection = on_map_args(at, "day"), json.loads(on_map_args(at, "selection"))
    answer(at)
    assert not at.exception
    # The same blocks in the same places (the map's frame and its parts are not mounted again)...
    assert outline(at) == before_outline
    assert map_args(at) == before_map
    assert on_map_args(at, "day") == before_day
    selection = json.loads(on_map_args(at, "selection"))
    assert selection["data"] == before_selection["data"]  # the same outline; the region list is named now
    assert selection["closeList"] == {"picker": "region_picker", "list": "region"}
    # ...now filled: the controls, the panel with the chosen region, the footer.
    assert at.button_group and at.selectbox(key="region").value == "UA-14"
    text = all_text(at)
    assert "over 100,000 km²" in text and "Donetsk" in text and "DeepStateMap" in text
    # Once answered, every run of the session sends the whole page.
    at.run()
    assert at.button_group and len(at.markdown) > 1
