"""The dashboard under Streamlit's AppTest, as a browser sees it once the map has drawn.

In a browser the map page sends the title and the map first, and the rest of itself in the run the
map's answer starts (pages/map.py; ui.mapcomponent.on_map). AppTest runs no component's code, so
nothing would ever answer: `app()` gives the session the answer the page's part sends once the map
has drawn, as a reconnecting browser does. `first_screen()` leaves it out, for the tests of what
comes before the answer (tests/test_app_first_screen.py).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from reportmap.mapprotocol import DAY, DRAWN
from ui import state

ENTRY = str(Path(__file__).resolve().parent.parent.parent / "dashboard.py")


def first_screen(timeout: float) -> AppTest:
    """The dashboard before its map has answered (a session's first runs in a browser)."""
    return AppTest.from_file(ENTRY, default_timeout=timeout)


def app(timeout: float) -> AppTest:
    """The dashboard once its map has drawn: every run sends the whole page."""
    at = first_screen(timeout)
    at.session_state[state.on_map(DAY)] = DRAWN
    return at
