"""Every key this app keeps in `st.session_state`, in one place (issue 25): a reader of a module
that touches the session finds here what else does, and a new key is added here or nowhere
(tests/test_project.py holds it: no key is written out anywhere else).

Three kinds: what a reader chose, remembered across pages and reruns (`ui.view.Param`, one key per
address parameter under `remembered` and the address it answered under `asked`); the widgets whose
value the code reads or sets (their widget keys); and the session's own flags.
"""

from __future__ import annotations


def remembered(name: str, page: str = "") -> str:
    """The reader's choice for the address parameter `name` (`page`: a page's own parameters)."""
    return f"_view_{page}{name}"


def asked(name: str, page: str = "") -> str:
    """The address's value for `name` that the session last answered (a new one is a new link)."""
    return f"_asked_{page}{name}"


def lang_button(code: str) -> str:
    """The language switch's button for `code`."""
    return f"lang_{code}"


def on_map(part: str) -> str:
    """The page's element that hands the map its `part` (ui.mapcomponent.on_map); the day's also
    says, as its value, whether the map has drawn."""
    return f"on_map_{part}"


CHECK_PAGE = "check_"  # the Check a claim page's own parameters, apart from the map's

# Widgets whose value the code reads or sets.
SCENARIO = "scenario"
READING = "colour_by"
REGION = "region"
REGION_PICKER = "region_picker"  # the popover holding the list: closed after a choice (ui/on_map/index.html)
DATE = "date"
BASEMAP = "basemap"
OCCUPIED = "occupied"
CHANGE_LAYER = "change_layer"
WEEK_BACK = "week_back"  # the day's buttons, taken by ui.view.read from their value
WEEK_ON = "week_on"
PLAY = "play"
DATE_REPORT = "date_report"
DAY_BUTTONS = (WEEK_BACK, WEEK_ON, PLAY, DATE_REPORT)
CHECK_TEXT = "check_text"
CHECK_DATE = "check_date"

# The session's own flags.
VIEW = "_view"  # this run's ui.view.View, read once at its top (the next run's "before")
CHECK_VIEW = "_check_view"  # the Check page's ui.checkview.CheckView, read once at its top (likewise)
LAID_OUT = "_layout_settled"  # the first run has waited for the layout (ui/page.py)
SKIP_LINK_RELABELLED = "_skip_link_relabelled"  # Streamlit's skip link speaks the page's language
EMBED_STYLED = "_embed_styled"  # the embed view's style sheet is on the page
PLAYING = "_playing"  # stepping through the weeks (never on by itself: not in the address)
PLAY_ARMED = "_play_armed"  # set by the fragment's run within a full run; a timer's run then steps
DATE_OUTSIDE = "_date_outside"  # (day asked, "after" or "before", day shown): a link's day outside the range
LAST_CLICK = "_last_click"  # the map's last click, taken once
CHANGE_LAYER_CHOICE = "_change_layer_choice"  # the reader's own choice, once made (else: on for a later day)
