"""link_document on the first sentences of the German example report, with hand-placed NER mentions."""

from __future__ import annotations

import pytest

from eventwire.kb.link import link_document
from eventwire.kb.resolve import haversine_km

from .conftest import make_doc

BODY = (
    "Der nordkoreanische Machthaber Kim Jong Un ist russischen Medienberichten zufolge am Dienstag in Russland "
    "zu Gesprächen mit Präsident Wladimir Putin angekommen.\n\n"
    "Der Zug habe am Morgen in \"einer Atmosphäre absoluter Geheimhaltung\" den Bahnhof Chasan durchfahren, "
    "meldete die staatliche Nachrichtenagentur Interfax. Chasan ist eine Ortschaft im russischen "
    "Föderationskreis Ferner Osten und liegt im Dreiländereck von Russland, China und Nordkorea. Der "
    "Fernsehsender Rossija-1 zeigte Aufnahmen, in denen grüne Waggons und eine Lokomotive der Russischen "
    "Eisenbahn zu sehen waren, die einen Fluss überquerten. Geplant ist ein Treffen Kims mit Putin in "
    "Wladiwostok.\n\n"
    "Kim war südkoreanischen Medienberichten zufolge am Montag mit einem gepanzerten Sonderzug in den "
    "Nordosten seines Landes aufgebrochen. So sagte der russische Vize-Außenminister Andrej Rudenko am "
    "Dienstag, Putin und Kim würden wohl über humanitäre Hilfe sprechen.\n\n"
    "Während des Kalten Krieges hatte die Regierung in Moskau die kommunistische Führung in Pjöngjang "
    "unterstützt. Nach dem Ende der Sowjetunion im Jahr 1991 kühlten sich die Beziehungen ab."
)
SPEC = [
    ("Kim Jong Un", "PER"), ("Russland", "LOC"), ("Wladimir Putin", "PER"), ("Chasan", "LOC"),
    ("Interfax", "ORG"), ("Föderationskreis Ferner Osten", "LOC"), ("China", "LOC"), ("Nordkorea", "LOC"),
    ("Rossija-1", "ORG"), ("Russischen Eisenbahn", "ORG"), ("Kims", "PER"), ("Putin", "PER"),
    ("Wladiwostok", "LOC"), ("Kim", "PER"), ("Andrej Rudenko", "PER"), ("Moskau", "LOC"),
    ("Pjöngjang", "LOC"), ("Sowjetunion", "LOC"),
]


@pytest.fixture(scope="module")
def doc(kb):
    d = make_doc(BODY, "de", "2023-09", SPEC)
    link_document(d, kb)
    return d


def _all(doc, text):
    ms = [m for m in doc.mentions if m.text == text and m.source != "kb"]
    assert ms, f"no mention {text!r}"
    return ms


def test_persons_link_to_kb_with_country_sector_qid(doc):
    kim = _all(doc, "Kim Jong Un")[0].entity
    assert (kim.kb_id, kim.code, kim.sector, kim.identifier_id) == ("kim_jong_un", "PRK", "GOV", "Q56226")
    putin = _all(doc, "Wladimir Putin")[0].entity
    assert (putin.code, putin.sector, putin.identifier_id) == ("RUS", "GOV", "Q7747")
    rudenko = _all(doc, "Andrej Rudenko")[0].entity
    assert (rudenko.kb_id, rudenko.code, rudenko.sector) == ("rudenko", "RUS", "GOV")


def test_short_forms_resolve_through_earlier_full_mentions(doc):
    for m in _all(doc, "Kim") + _all(doc, "Kims"):
        assert m.entity is not None and m.entity.kb_id == "kim_jong_un", m
    for m in _all(doc, "Putin"):
        assert m.entity is not None and m.entity.kb_id == "putin"


def test_person_mentions_never_get_a_place(doc):
    for m in doc.mentions:
        if m.label == "PER":
            assert m.place is None, m


def test_media_and_companies(doc):
    assert (_all(doc, "Interfax")[0].entity.code, _all(doc, "Interfax")[0].entity.sector) == ("RUS", "MED")
    r1 = _all(doc, "Rossija-1")[0].entity
    assert (r1.kb_id, r1.code, r1.sector) == ("russia1", "RUS", "MED")
    rzd = _all(doc, "Russischen Eisenbahn")[0].entity
    assert rzd.code == "RUS" and rzd.sector in ("BUS", "GOV")


def test_places_resolve(doc):
    chasan = _all(doc, "Chasan")[0].place
    assert chasan is not None and chasan.country_code == "RUS"
    assert haversine_km(chasan.lat, chasan.lon, 42.43, 130.64) < 25
    wl = _all(doc, "Wladiwostok")[0].place
    assert wl.geonameid == 2013348 and not wl.metonym
    assert _all(doc, "Russland")[0].place.geonameid == 2017370
    assert _all(doc, "Nordkorea")[0].place.geonameid == 1873107
    assert _all(doc, "China")[0].place.geonameid == 1814991
    fo = _all(doc, "Föderationskreis Ferner Osten")[0].place
    assert fo.country_code == "RUS" and fo.feature_class in ("A", "L")
    su = _all(doc, "Sowjetunion")[0]
    assert su.place.country_code == "SUN" and su.entity.code == "SUN"


def test_capitals_standing_for_governments_are_metonyms(doc):
    moskau = _all(doc, "Moskau")[0]
    assert moskau.place.geonameid == 524901 and moskau.place.metonym
    assert (moskau.entity.code, moskau.entity.sector) == ("RUS", "GOV")
    pj = _all(doc, "Pjöngjang")[0]
    assert pj.place.geonameid == 1871859 and pj.place.metonym
    assert pj.entity.code == "PRK"


def test_countries_as_actors_have_no_sector(doc):
    nk = _all(doc, "Nordkorea")[0].entity
    assert (nk.code, nk.sector, nk.kind) == ("PRK", None, "country")


def test_adds_country_adjectives_the_ner_missed(doc):
    added = [m for m in doc.mentions if m.source == "kb"]
    adj = {m.text: m.entity.code for m in added if m.label == "NORP"}
    assert adj.get("nordkoreanische") == "PRK"
    assert adj.get("russischen") == "RUS"
    assert adj.get("südkoreanischen") == "KOR"


def test_kim_alone_is_not_a_place(kb):
    d = make_doc("Kim sprach lange.", "de", "2023-09", [("Kim", "PER")])
    link_document(d, kb)
    assert d.mentions[0].place is None
    assert d.mentions[0].entity is not None and d.mentions[0].entity.kb_id == "kim_jong_un"
    # even labelled as a place by a confused NER, "Kim" never becomes Kimberley
    assert all("Kimberley" != p.name for p in kb.lookup_place("Kim"))


def test_without_ner_the_kb_finds_names_and_short_forms(kb):
    d = make_doc(BODY, "de", "2023-09", [])
    link_document(d, kb)
    per = [(m.text, m.entity.kb_id) for m in d.mentions if m.label == "PER"]
    assert ("Kim Jong Un", "kim_jong_un") in per and ("Kims", "kim_jong_un") in per
    assert sum(1 for t, k in per if k == "putin") == 3  # Wladimir Putin + two short forms
    assert all(m.source in ("kb", "nested") for m in d.mentions)  # nested: places inside KB-found names
    places = {m.text: m.place for m in d.mentions if m.place is not None}
    assert places["Wladiwostok"].geonameid == 2013348 and places["Moskau"].metonym
    # nothing of the person names became a place
    assert not any(m.place is not None for m in d.mentions if m.text.startswith("Kim"))


def test_default_kb_is_cached(kb):
    from eventwire.kb import KnowledgeBase

    assert KnowledgeBase.default() is KnowledgeBase.default()


def test_a_one_word_common_noun_the_kb_does_not_know_is_no_name(kb):
    from eventwire.records import Sentence, Token

    body = "In den Osterferien besuchte Interfax Chasan und Marburg."
    spec = [("Osterferien", "LOC"), ("Interfax", "ORG"), ("Chasan", "LOC"), ("Marburg", "LOC")]
    d = make_doc(body, "de", "2023-09-12", spec)
    tags = {"Osterferien": "NN", "Interfax": "NN", "Chasan": "NN", "Marburg": "NE"}  # as HanTa may tag them
    tokens = []
    for w in body.rstrip(".").split(" "):
        start = body.index(w)
        tokens.append(Token(start=start, end=start + len(w), text=w, tag=tags.get(w, "X")))
    d.sentences = [Sentence(index=0, start=0, end=len(body), tokens=tokens)]
    link_document(d, kb)
    names = {m.text for m in d.mentions}
    assert "Osterferien" not in names  # a common noun nobody knows as a name
    assert {"Interfax", "Chasan", "Marburg"} <= names  # known to the KB or tagged as a proper noun


def test_the_kb_settles_person_and_place_types_but_not_for_acronyms(kb):
    body = "Putins Partei kam nach Bochum. Die AKK forderte Hilfe."
    spec = [("Putins", "LOC"), ("Bochum", "ORG"), ("AKK", "ORG")]
    d = make_doc(body, "de", "2020-01-01", spec)
    link_document(d, kb)
    by = {m.text: m for m in d.mentions}
    assert by["Putins"].label == "PER"  # a person the actor list knows (genitive), no big place
    assert by["Bochum"].label == "LOC"  # a known town after "nach"
    assert by["AKK"].label == "ORG"  # an acronym stays what the NER said, whoever has it as a short form


def test_an_unknown_name_after_a_persons_role_is_a_person(kb):
    body = "Das sagte der CSU-Politiker Hinterbrunner am Montag in Passau."
    d = make_doc(body, "de", "2008-05-01", [("Hinterbrunner", "LOC"), ("Passau", "LOC")])
    link_document(d, kb)
    labels = {m.text: m.label for m in d.mentions}
    assert labels["Hinterbrunner"] == "PER" and labels["Passau"] == "LOC"
