"""Integrity of the shipped data files: codes, sectors, dates, unique ids, coordinates."""

from __future__ import annotations

from eventwire.kb.actors import load_actor_records, load_role_nouns
from eventwire.kb.countries import _read_tsv, country_by_code

SECTORS = {"GOV", "MIL", "REB", "INS", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "MED", "EDU", "BUS", "CRM",
           "CVL", "REF", "LAB", "REL", "HLH", "ELI"}
HISTORICAL = {"SUN", "DDR", "YUG", "CSK"}


def _valid_code(code: str | None) -> bool:
    return code is None or code in ("IGO", "NGO", "IMG") or code in HISTORICAL or code in country_by_code()


def test_actor_records_are_consistent():
    recs = load_actor_records()
    ids = [r.kb_id for r in recs]
    assert len(ids) == len(set(ids)), "duplicate kb_id"
    for r in recs:
        assert _valid_code(r.code), (r.kb_id, r.code)
        assert r.sector is None or r.sector in SECTORS, (r.kb_id, r.sector)
        assert r.qid is None or (r.qid.startswith("Q") and r.qid[1:].isdigit()), r.kb_id
        for s in r.roles:
            assert _valid_code(s.code) and (s.sector is None or s.sector in SECTORS), (r.kb_id, s)
            if s.start and s.end:
                assert s.start < s.end, (r.kb_id, s)


def test_required_actors_present():
    recs = {r.kb_id: r for r in load_actor_records()}
    assert recs["kim_jong_un"].qid == "Q56226" and recs["putin"].qid == "Q7747"
    for k in ("rudenko", "russian_railways", "interfax", "tass", "ria", "russia1", "yonhap", "kcna", "xinhua",
              "reuters", "afp", "dpa", "ap", "bbc", "ard", "zdf", "cnn", "al_jazeera", "un", "nato", "eu", "au",
              "asean", "iaea", "who", "imf", "world_bank", "osce", "hamas", "hezbollah", "taliban", "isis",
              "wagner"):
        assert k in recs, k
    assert sum(1 for r in recs.values() if r.kind == "person") > 150


def test_role_nouns_have_sectors():
    nouns, implies = load_role_nouns()
    assert len(nouns) > 300
    for n in nouns:
        assert n.sector is None or n.sector in SECTORS, n
    assert "president" in implies


def test_country_table():
    rows = _read_tsv("countries.tsv")
    assert len(rows) >= 250
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r["iso2"]
