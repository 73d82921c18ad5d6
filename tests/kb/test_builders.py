"""Builders from Wikidata and GeoNames dumps, on tiny hand-written extracts."""

from __future__ import annotations

from pathlib import Path

import yaml

from eventwire.kb import KnowledgeBase
from eventwire.kb.actors import ActorIndex, load_actor_records
from eventwire.kb.builders import build_actors_from_wikidata, build_gazetteer_from_geonames, iter_wikidata
from eventwire.kb.gazetteer import Gazetteer

DATA = Path(__file__).parent / "data"


def test_iter_wikidata_reads_dump_lines():
    ents = list(iter_wikidata(DATA / "wikidata_sample.json"))
    assert [e["id"] for e in ents][:2] == ["Q159", "Q999001"]


def test_build_actors_from_wikidata(tmp_path):
    out = tmp_path / "actors.yaml"
    st = build_actors_from_wikidata(DATA / "wikidata_sample.json", out)
    assert (st.persons, st.orgs, st.countries) == (1, 2, 2)  # Jane Nobody holds no position: skipped
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    p = doc["persons"][0]
    assert p["qid"] == "Q999200" and p["country"] == "RUS"
    assert "Iwan Testowitsch" in p["names"] and "I. Testovich" in p["names"]
    assert p["roles"] == [["deputy_minister_of_foreign_affairs_of_russia", "2019-01-21", "2022-06"]]
    orgs = {o["qid"]: o for o in doc["orgs"]}
    assert (orgs["Q999300"]["country"], orgs["Q999300"]["sector"], orgs["Q999300"]["kind"]) == ("FRD", "MED", "agency")
    assert (orgs["Q999500"]["country"], orgs["Q999500"]["sector"]) == ("RUS", "REB")
    # the file loads as extra actors and the person's role is valid only in its time
    idx = ActorIndex.build(load_actor_records([out]))
    rec = idx.find_full("Iwan Testowitsch")[0]
    assert rec.roles_at("2020-05") and not rec.roles_at("2023-01")


def test_build_gazetteer_from_geonames(tmp_path, kb):
    path = build_gazetteer_from_geonames(DATA / "geonames_sample.txt", tmp_path / "g.sqlite",
                                         DATA / "alternate_names_sample.txt", min_population=100)
    g = Gazetteer(path)
    hits = g.find("Testostadt")  # German alternate name
    assert [h.geonameid for h in hits] == [9990001]
    assert hits[0].country_code == "RUS" and hits[0].population == 1200
    assert g.find("Testo City")[0].geonameid == 9990001
    assert not g.find("Alt-Testograd"), "historic names are skipped"
    assert not g.find("https://example.org/Testograd")
    assert g.find("Old Fort")[0].feature_class == "S"  # landmarks kept regardless of population
    assert not g.find("Tinyville") and not g.find("Winzigdorf"), "below min_population"
    assert g.find("Nordkorea"), "shipped countries are added"
    kb2 = KnowledgeBase(kb.actors, g)
    assert kb2.lookup_place("Testograd")[0].geonameid == 9990001
