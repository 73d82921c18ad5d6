"""Gazetteer lookups: German and English names, countries, regions, the curated supplement, speed."""

from __future__ import annotations

import time

import pytest

from eventwire.kb.countries import demonym_index
from eventwire.kb.normalize import fold
from eventwire.kb.resolve import Toponym, haversine_km, resolve_toponyms


@pytest.mark.parametrize("name,geonameid", [
    ("Wladiwostok", 2013348), ("Vladivostok", 2013348), ("Pjöngjang", 1871859), ("Pyongyang", 1871859),
    ("Moskau", 524901), ("Moscow", 524901), ("Kiew", 703448), ("Nordkorea", 1873107), ("North Korea", 1873107),
    ("Russland", 2017370), ("USA", 6252001), ("Vereinigte Staaten", 6252001), ("United States", 6252001),
    ("Washington", 4140963), ("Texas", 4736286), ("Paris", 2988507),
])
def test_top_candidate(kb, name, geonameid):
    places = kb.lookup_place(name)
    assert places and places[0].geonameid == geonameid, places[:3]


def test_supplement_and_regions(kb):
    kh = kb.lookup_place("Chasan")[0]
    assert kh.country_code == "RUS" and haversine_km(kh.lat, kh.lon, 42.43, 130.64) < 25
    # alone, "Khasan" is also an alias of the Indian city Hassan; next to Russia it is the Russian village
    assert any(p.name == kh.name for p in kb.lookup_place("Khasan"))
    text = "The train reached Khasan in Russia."
    res = resolve_toponyms(kb.gazetteer, text, [Toponym(18, 24, "Khasan"), Toponym(28, 34, "Russia")], "en")
    assert res[0].best.entry.name == "Khasan" and res[0].best.entry.country_code == "RUS"
    for n in ("Ferner Osten", "Föderationskreis Ferner Osten", "Far Eastern Federal District"):
        p = kb.lookup_place(n)[0]
        assert p.country_code == "RUS" and p.feature_code == "RGN", n
    su = kb.lookup_place("Sowjetunion")[0]
    assert (su.country_code, su.feature_code) == ("SUN", "PCLH")
    assert kb.lookup_place("Kreml")[0].metonym


def test_genitive_and_capitals(kb):
    assert kb.lookup_place("Russlands", "de")[0].geonameid == 2017370
    assert kb.lookup_place("Moskau")[0].feature_code == "PPLC"


def test_demonym_inflections():
    idx = demonym_index()
    for form in ("russische", "russischen", "russischer", "russisches", "Russian"):
        assert any(h.iso3 == "RUS" for h in idx[fold(form)]), form
    assert any(h.iso3 == "PRK" for h in idx[fold("nordkoreanische")])
    assert any(h.iso3 == "PRK" for h in idx[fold("North Korean")])
    assert any(h.iso3 == "SUN" for h in idx[fold("sowjetischen")])


def test_adjective_resolves_to_country_not_a_town(kb):
    # there is a town called Canadian in Texas; the adjective means Canada
    assert kb.lookup_place("Canadian", "en")[0].country_code == "CAN"
    assert kb.lookup_place("Canadian", "en")[0].feature_code == "PCLI"


def test_explanations_carry_reasons(kb):
    cands = kb.explain_place("Washington", "en")
    assert len(cands) > 2 and cands[0].reasons and cands[0].score >= cands[1].score


def test_lookup_speed_sanity(kb):
    names = ["Moskau", "Wladiwostok", "Paris", "Springfield", "Nordkorea", "Kiew", "London", "Berlin"]
    kb.gazetteer.lookup.cache_clear()
    t0 = time.perf_counter()
    for n in names * 50:
        kb.gazetteer.find(n)
    per = (time.perf_counter() - t0) / (len(names) * 50)
    assert per < 0.005, f"{per * 1000:.2f} ms per lookup"
    t0 = time.perf_counter()
    for _ in range(200):
        kb.lookup_actor("Putins", "de", "2023-09")
    assert (time.perf_counter() - t0) / 200 < 0.01


def test_english_possessive(kb):
    assert kb.lookup_place("Russia’s", "en")[0].geonameid == 2017370
    assert kb.actor_phrase("Russia's foreign ministry", "en").code == "RUS"


def _resolve(kb, text, names):
    tops = []
    for n in names:
        i = text.index(n)
        tops.append(Toponym(i, i + len(n), n))
    return {r.toponym.text: r.best.entry for r in resolve_toponyms(kb.gazetteer, text, tops, "en")}


def test_a_state_after_a_comma_and_before_a_full_stop_picks_the_town_in_it(kb):
    # without its state, Columbus is the largest one (Ohio)
    best = _resolve(kb, "The final was played in Columbus, Georgia. Notre Dame won.", ["Columbus"])
    assert (best["Columbus"].country_code, best["Columbus"].admin1) == ("USA", "GA")


def test_a_name_said_many_times_counts_once_as_a_neighbour(kb):
    # four mentions of Columbus (Ohio) must not pull Louisville to the small Louisville, Ohio
    text = ("COLUMBUS, Ohio. In Columbus the team beat Louisville. Columbus fans cheered; "
            "Columbus was loud. Louisville lost.")
    tops = [Toponym(m.start(), m.end(), m.group()) for m in __import__("re").finditer(r"COLUMBUS|Columbus|Louisville", text)]
    res = resolve_toponyms(kb.gazetteer, text, tops, "en")
    lou = [r.best.entry for r in res if r.toponym.text == "Louisville"]
    assert lou and all(e.admin1 == "KY" for e in lou)


def test_a_city_of_half_a_million_beats_a_small_namesake_near_the_dateline(kb):
    # Louisville, Ohio (9,000) lies in the state the dateline names and near Columbus; the team is Kentucky's
    text = "COLUMBUS, Ohio. Mississippi State outlasted Louisville in overtime. Louisville lost."
    best = _resolve(kb, text, ["COLUMBUS", "Ohio", "Louisville"])
    assert best["Louisville"].admin1 == "KY"
    # an explicit state still wins
    best = _resolve(kb, "COLUMBUS, Ohio. Fans from Louisville, Ohio came.", ["COLUMBUS", "Ohio", "Louisville"])
    assert best["Louisville"].admin1 == "OH"


def test_a_state_after_its_town_and_a_comma_is_the_state(kb):
    best = _resolve(kb, "A baker from a studio in Aberdeen, Washington shares tips.", ["Washington"])
    assert best["Washington"].feature_code == "ADM1" and best["Washington"].admin1 == "WA"
    best = _resolve(kb, "The talks in Washington ended.", ["Washington"])
    assert best["Washington"].feature_code == "PPLC"


def test_a_curated_place_beats_another_places_alias(kb):
    # GeoNames lists "White House" as an English alias of Casablanca
    best = _resolve(kb, "A White House spokesman said so.", ["White House"])
    e = best["White House"]
    assert e.country_code == "USA" and haversine_km(e.lat, e.lon, 38.8977, -77.0365) < 5


def test_a_town_in_a_state_the_document_names_is_likelier(kb):
    # two Parklands of about the same size (Florida, Washington); the story names Florida elsewhere
    text = "Students from Parkland marched. The shooting shook Florida."
    best = _resolve(kb, text, ["Parkland", "Florida"])
    assert best["Parkland"].admin1 == "FL"


def test_major_airports_are_curated_places(kb):
    lhr = kb.lookup_place("Heathrow")[0]
    assert lhr.country_code == "GBR" and haversine_km(lhr.lat, lhr.lon, 51.47, -0.45) < 5
    assert kb.lookup_place("Flughafen Scheremetjewo")[0].country_code == "RUS"


def test_washington_beside_another_state_or_with_a_part_named_is_the_state(kb):
    listed = _resolve(kb, "Jobs moved from states such as California or Washington.", ["California", "Washington"])
    assert listed["Washington"].feature_code == "ADM1" and listed["Washington"].admin1 == "WA"
    part = _resolve(kb, "The team drove to central Washington on Monday.", ["Washington"])
    assert part["Washington"].feature_code == "ADM1"
    # the capital's region ("Washington, Maryland and Virginia") and a bare mention stay the capital
    dmv = _resolve(kb, "Commuters in Washington, Maryland and Virginia waited.", ["Washington", "Maryland", "Virginia"])
    assert dmv["Washington"].feature_code == "PPLC"
    assert _resolve(kb, "Officials in Washington said no.", ["Washington"])["Washington"].feature_code == "PPLC"


def test_a_state_the_document_names_by_another_form_is_the_reading_of_its_bare_name(kb):
    text = "OLYMPIA, Wash. Farmers said Washington needs rain."
    best = _resolve(kb, text, ["Wash.", "Washington"])
    assert best["Wash."].feature_code == "ADM1" and best["Washington"].feature_code == "ADM1"


def test_a_towns_own_name_beats_another_places_alternative_name(kb):
    # GeoNames lists "Garden City" as a name of Singapore and "Southold" as one of South Bend
    best = _resolve(kb, "He lived on Atlantic Avenue in Garden City, then in the town of Southold in the USA.",
                    ["Garden City", "Southold", "USA"])
    assert best["Garden City"].country_code == "USA" and best["Garden City"].name == "Garden City"
    assert best["Southold"].name == "Southold"
    # an English name that is the place's own stays ("Munich"), and a big city's alias still wins alone
    assert _resolve(kb, "Talks in Munich ended.", ["Munich"])["Munich"].country_code == "DEU"


def test_world_famous_landmarks_are_curated_places(kb):
    # without the curated entry, "Windsor Castle" was read as its first word: Windsor, Ontario or a US Windsor
    best = _resolve(kb, "The wedding takes place at Windsor Castle in May. Pilgrims filled St. Peter's Basilica.",
                    ["Windsor Castle", "St. Peter's Basilica"])
    w, p = best["Windsor Castle"], best["St. Peter's Basilica"]
    assert w.country_code == "GBR" and haversine_km(w.lat, w.lon, 51.4839, -0.6044) < 5
    assert haversine_km(p.lat, p.lon, 41.9022, 12.4539) < 5


def test_georgia_among_us_states_is_the_state_and_alone_the_country(kb):
    text = "Teams from Alaska, Hawaii and Florida joined the Georgia guard."
    assert _resolve(kb, text, ["Alaska", "Hawaii", "Florida", "Georgia"])["Georgia"].feature_code == "ADM1"
    text = "Teams from Alaska and Hawaii met officials from Georgia and Tbilisi."
    assert _resolve(kb, text, ["Alaska", "Hawaii", "Georgia", "Tbilisi"])["Georgia"].feature_code == "PCLI"
    assert _resolve(kb, "Georgia held elections.", ["Georgia"])["Georgia"].feature_code == "PCLI"


def test_small_states_have_their_adjectives_and_short_names(kb):
    idx = demonym_index()
    for form, iso3 in (("Saint Lucian", "LCA"), ("osttimoresischen", "TLS"), ("Trinidadian", "TTO"),
                       ("Papua New Guinean", "PNG"), ("Seychellois", "SYC")):
        assert any(h.iso3 == iso3 for h in idx[fold(form)]), form
    assert kb.lookup_place("T&T", "en")[0].country_code == "TTO"


def test_an_abbreviated_saint_is_the_places_own_name():
    from eventwire.kb.resolve import _spelled_out

    assert _spelled_out("St. Petersburg") == _spelled_out("Saint Petersburg") == "saint petersburg"
    assert _spelled_out("Ft. Worth") == "fort worth" and _spelled_out("Mt Vernon") == "mount vernon"


def test_st_petersburg_in_a_story_about_russia_is_the_russian_city(kb):
    text = "Russia will expel 60 US diplomats and close the US consulate in St. Petersburg."
    best = _resolve(kb, text, ["Russia", "St. Petersburg"])
    assert best["St. Petersburg"].country_code == "RUS"


def test_nigerian_states_are_first_level_regions_and_their_capital_cities_stay_cities(kb):
    best = _resolve(kb, "Herdsmen attacked villages in Benue State; Kano and Lagos State were calm.",
                    ["Benue State", "Kano", "Lagos State"])
    assert (best["Benue State"].country_code, best["Benue State"].feature_code) == ("NGA", "ADM1")
    assert best["Kano"].feature_class == "P" and best["Lagos State"].feature_code == "ADM1"
    assert haversine_km(best["Benue State"].lat, best["Benue State"].lon, 7.73, 8.54) < 100  # Makurdi, its capital


def test_a_state_name_is_the_state_though_a_small_namesake_lies_near_the_storys_towns(kb):
    text = ("After stops in Washington, Baltimore, Annapolis and Arlington, the president told Marines in "
            "California that the wall would be built.")
    best = _resolve(kb, text, ["Washington", "Baltimore", "Annapolis", "Arlington", "California"])
    assert best["California"].feature_code == "ADM1"  # not California, Maryland (12,000)


def test_canadian_province_abbreviations(kb):
    best = _resolve(kb, "Dogs were taken from a farm near Fredericton, N.B. on Monday.", ["Fredericton", "N.B."])
    assert (best["N.B."].country_code, best["N.B."].feature_code) == ("CAN", "ADM1")
