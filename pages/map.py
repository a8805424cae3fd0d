"""The first screen: the map, and beside it the report's main points, figures and the chosen region.

Only the title is above the map, drawn before it, and nothing is added above it later, so the
map never moves once it is on screen; its controls sit under it (the day measured, the
scenario, the colours). The panel beside it (under it on a phone) holds, on a day other than
the report's, how far apart the two are, then the selected region, the report's totals, its
conditions and positions. The map is built for the report's date; the day and the selection
reach it as two small parts of data beside it (ui.mapcomponent.on_map), so it is never sent again.

The map comes first: until the map has drawn in this session's page (the day's part says so), a
run sends the title, the map and its parts and stops; the controls, the panel and the footer follow
in the run the map's answer starts, into the places kept for them. So the browser paints the map
without rendering the rest of the page at the same time (bench/README.md, "Why the map's frame
starts late"), and nothing drawn later moves it.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from reportmap.mapprotocol import DAY, DETAILS_KEY_PREFIX, SELECTION, selection_part
from reportmap.mapview import MapOptions
from reportmap.measured import MEASURED_BY
from reportmap.regions import Role, figures
from reportmap.scenarios import offered
from ui import change, controls, panels, state
from ui.data import day_layer, report_map, standalone_map
from ui.embed import article_view
from ui.mapcomponent import on_map, show_map
from ui.page import day_data_or_stop, start_page
from ui.view import SINCE

MAP_HEIGHT = 560

shown = start_page()  # this run's view (ui.view.View), read once at the top of the run
loc, scenario, colour_by, day = shown.loc, shown.scenario, shown.reading, shown.day  # loc: the run's language
base, data = day_data_or_stop(shown, scenario)  # the map is built with `base`, the report's date
scenario = base.scenario  # as reported, for a report that gives nothing a scenario illustrates
if shown.embed:  # in an article's frame: the map and the key figures, nothing above them (ui/embed.py)
    article_view(base, day, data, loc, scenario, colour_by)
    st.stop()
# What changed between `?since=` (default: the report's date) and the day shown: nothing on the
# report's date by default, so its first screen is as it was.
compared = change.compared(data, shown.since, day, drawn=shown.change_layer)
SINCE.write_back(shown.asked_since.isoformat(), shown.known)  # a link's day, kept for when a later day is shown

st.markdown(panels.heading(loc.t("app_title"), 1))
st.caption(panels.md(loc.t("app_caption", citation=data.published.info.citation(loc.code)))
           + panels.party_badge(data.published, loc))

col_map, col_panel = st.columns([3, 2], gap="medium")
with col_map:
    online = bool(st.session_state.get(state.BASEMAP, False))
    occupied = bool(st.session_state.setdefault(state.OCCUPIED, True))
    options = MapOptions(lang=loc.code, scenario=scenario, colour_by=colour_by, online_basemap=online,
                         occupied_overlay=occupied)
    # The map's iframe takes its height only once its script has loaded: a box of that height,
    # drawn at once, keeps everything under the map from jumping down meanwhile.
    with st.container(height=MAP_HEIGHT + 10, border=False, key="map_box"):
        # Built once per view for the report's date; the day (and its occupied area) and the
        # selection travel beside it as small parts of data (`on_map`, after the page's footer).
        out = show_map(report_map, {"options": options, "version": base.version}, key="map", height=MAP_HEIGHT,
                       use_container_width=True, returned_objects=["last_active_drawing", "last_object_clicked"])
footer = st.container()  # the footer's place, before the map's parts, filled once the map has drawn
# The day (its overlay, then the outline over it, and what changed since `since`), then the selection.
day_part, change_part = day_layer(options, day, base.version), change.layer_part(data, compared, loc)
if not on_map(DAY, day_part if change_part is None else {**day_part, "change": change_part}, tell_drawn=True):
    on_map(SELECTION, selection_part(shown.region))  # the address's region (the list below keeps it)
    st.stop()  # the rest once the map has drawn: its answer starts the next run

names = {region_id: region.name(loc.code) for region_id, region in figures(data.joined).items()
         if region.role != Role.NEIGHBOUR}
selectable = dict(sorted(names.items(), key=lambda item: loc.collation_key(item[1])))

with col_map:
    # Under the map, so that nothing drawn after it can push it down.
    controls.date_control(shown)
    if offered(base.published):
        controls.scenario_control(shown)
    controls.colour_control(shown)
    # Used now and then: in a popover, whose widgets the browser loads only when it opens.
    with st.popover(loc.t("map_options"), icon=":material/tune:"):
        st.toggle(loc.t("overlay"), key=state.OCCUPIED, help=loc.t("overlay_help", **MEASURED_BY))
        change.switch(compared, shown, loc)
        st.toggle(loc.t("basemap"), key=state.BASEMAP, help=loc.t("basemap_help"))
        st.download_button(loc.t("download_map"), key="download_map", mime="text/html", on_click="ignore",
                           data=partial(standalone_map, scenario.value, loc, colour_by.value, occupied, day,
                                        data.version),  # built when clicked, not on every run
                           file_name=f"ukraine-report-map-{scenario.value}-{day.isoformat()}-{loc.code}.html")
    # A click is new when its point is: clicking the same region again, after picking another
    # one in the list, selects it again.
    out = out or {}
    clicked = (out.get("last_active_drawing") or {}).get("properties", {}).get("id")
    click = (clicked, str(out.get("last_object_clicked")))
    if clicked in selectable and click != st.session_state.get(state.LAST_CLICK):
        st.session_state[state.LAST_CLICK] = click
        controls.choose_region(clicked)
        st.rerun()  # so that the map outlines it (a small script; the map itself stays as it is)

with col_panel:
    # A link's day outside the range (and which day stands in for it), then how far apart the
    # report and the measurement are: so that no one reads a later measurement as a check of the
    # report on its own date.
    note = " ".join(filter(None, [shown.date_notice(), loc.day_note(day, data.measurement.date, shown.report_date),
                                  shown.since_note()]))
    if note:
        st.markdown(f":blue-background[{panels.md(note)}]")
    region = controls.region_picker(shown, selectable)  # the address's, a click's or the list's
    if region is not None:  # keyed by region: the map brings it into view after a tap (reportmap/mapreader.js)
        with st.container(key=f"{DETAILS_KEY_PREFIX}{region}"):
            panels.region_details(data, region, loc)
            if compared is not None and (line := change.region_line(compared, region, names, loc)):
                st.caption(line)
    if compared is not None:  # each region's km² taken and lost between the two days, named
        change.panel(data, compared, names, loc)
    panels.headline(data, loc, colour_by, scenario)
    panels.main_points(data, loc)
    if any(point.kind in ("us-context", "expert") for point in data.published.points):
        with st.expander(loc.t("positions_title"), expanded=False):
            panels.positions(data, loc, kinds=("us-context", "expert"))
    panels.compact_timeline(data, loc)

areas = data.areas
with footer:
    st.caption(panels.md(loc.t("footer", boundaries=loc.t("boundaries_attribution"),
                               areas=f"{areas.source(loc.code)}; {areas.kursk_source(loc.code)}")))
on_map(SELECTION, selection_part(region), closes=controls.REGION_LIST)  # a choice in the list closes it
