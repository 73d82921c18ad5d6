"""A small store of hand-made, realistic events for the API and page tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest.base import make_document
from eventwire.records import (
    Actor,
    Attribution,
    CiteInfo,
    Document,
    EntityLink,
    Event,
    EventLocation,
    EventMention,
    Evidence,
    Mention,
    Place,
    Span,
    Status,
    Story,
)
from eventwire.store import SQLiteStore

KIM_DE = (
    "Kim Jong Un ist mit seinem gepanzerten Zug in Russland eingetroffen.\n\n"
    "Der nordkoreanische Machthaber traf am Mittwoch in Wladiwostok Präsident Wladimir Putin zu Gesprächen "
    "über militärische Zusammenarbeit.\n\n"
    "Westliche Beobachter vermuten, Nordkorea könnte Russland Artilleriemunition liefern und im Gegenzug "
    "Raumfahrttechnik erhalten.\n\n"
    "Bereits 2019 hatten sich Kim und Putin in Wladiwostok getroffen."
)
KYIV_EN = (
    "Russian missiles struck Kyiv early on Thursday, Ukrainian officials said, damaging apartment blocks "
    "in two districts.\n\nThe air force said most of the missiles were shot down."
)
EU_EN = (
    "The European Union plans to adopt a new package of sanctions against Russia next month, "
    "diplomats in Brussels said."
)

VLADIVOSTOK = dict(extracted_place="Wladiwostok", resolved_place="Vladivostok", geonameid=2013348,
                   lat=43.10562, lon=131.87353, country_code="RUS", feature_class="P", feature_code="PPLA")
KYIV = dict(extracted_place="Kyiv", resolved_place="Kyiv", geonameid=703448, lat=50.45466, lon=30.5238,
            country_code="UKR", feature_class="P", feature_code="PPLC")
BRUSSELS = dict(extracted_place="Brussels", resolved_place="Brussels", geonameid=2800866, lat=50.85045,
                lon=4.34878, country_code="BEL", feature_class="P", feature_code="PPLC")

KIM = Actor(entity_text="Kim Jong Un", code="PRK", sector="GOV", identifier_id="Q56226")
PUTIN = Actor(entity_text="Wladimir Putin", code="RUS", sector="GOV", identifier_id="Q7747")


def _evidence(doc: Document, sentence_text: str, trigger: str, index: int) -> Evidence:
    start = doc.body.index(sentence_text)
    t = doc.body.index(trigger, start)
    return Evidence(doc_id=doc.doc_id, sentence=index, start=start, end=start + len(sentence_text),
                    text=sentence_text, trigger=Span(start=t, end=t + len(trigger)))


def _mention(doc: Document, text: str, label: str, **kw) -> Mention:
    start = doc.body.index(text)
    return Mention(doc_id=doc.doc_id, start=start, end=start + len(text), text=text, label=label, **kw)


def build_documents() -> list[Document]:
    kim = make_document(KIM_DE, source="kim.txt", fmt="wire", title="Kim Jong Un zu Gesprächen in Russland",
                        publication="Reuters", published="2023-09-13", language="de", url="https://example.org/kim")
    kyiv = make_document(KYIV_EN, source="kyiv.txt", fmt="text", title="Missiles strike Kyiv",
                         publication="Example Wire", published="2024-02-22", language="en")
    eu = make_document(EU_EN, source="eu.txt", fmt="text", title="EU readies sanctions", publication="Example Wire",
                       published="2024-02-20", language="en")
    for doc in (kim, kyiv, eu):
        doc.status = Status.coded
    cite = CiteInfo(publication="Reuters", title=kim.title, language="de", published="2023-09-13")
    talks = _evidence(kim, "Der nordkoreanische Machthaber traf am Mittwoch in Wladiwostok Präsident Wladimir "
                           "Putin zu Gesprächen über militärische Zusammenarbeit.", "Gesprächen", 1)
    arms = _evidence(kim, "Westliche Beobachter vermuten, Nordkorea könnte Russland Artilleriemunition liefern",
                     "liefern", 2)
    past = _evidence(kim, "Bereits 2019 hatten sich Kim und Putin in Wladiwostok getroffen.", "getroffen", 3)
    reuters = Attribution(text="Reuters", kind="agency")
    kim.events = [
        Event(id="ev-consult", event="CONSULT", mode=["visit"], actor=[KIM], recipient=[PUTIN],
              event_loc=EventLocation(**VLADIVOSTOK), date="2023-09-13", date_precision="day", date_raw="am Mittwoch",
              modality="asserted", attributed_to=[reuters], evidence=[talks], cite_info=cite, confidence=0.91,
              story_id="story-kim",
              mentions=[EventMention(event_id="ev-consult", doc_id=kim.doc_id, publication="Reuters",
                                     evidence=[talks], attributed_to=[reuters], confidence=0.91)]),
        Event(id="ev-arms", event="AID", mode=["military"], actor=[Actor(entity_text="Nordkorea", code="PRK",
              sector="GOV")], recipient=[Actor(entity_text="Russland", code="RUS", sector="GOV")],
              date="2023-09", date_precision="month", modality="hypothetical",
              attributed_to=[reuters, Attribution(text="Westliche Beobachter", kind="unnamed")],
              evidence=[arms], cite_info=cite, confidence=0.55, story_id="story-kim"),
        Event(id="ev-2019", event="CONSULT", actor=[Actor(entity_text="Kim", code="PRK", sector="GOV")],
              recipient=[Actor(entity_text="Putin", code="RUS", sector="GOV")], event_loc=EventLocation(**VLADIVOSTOK),
              date="2019", date_precision="year", date_raw="2019", modality="historical", attributed_to=[reuters],
              evidence=[past], cite_info=cite, confidence=0.7),
    ]
    kim.mentions = [
        _mention(kim, "Kim Jong Un", "PER", entity=EntityLink(kb_id="prk-kim", code="PRK", sector="GOV")),
        _mention(kim, "Wladiwostok", "LOC", place=Place(name="Vladivostok", geonameid=2013348, lat=43.10562,
                                                         lon=131.87353, country_code="RUS")),
        _mention(kim, "Wladimir Putin", "PER", entity=EntityLink(kb_id="rus-putin", code="RUS", sector="GOV")),
    ]
    strike = _evidence(kyiv, "Russian missiles struck Kyiv early on Thursday, Ukrainian officials said, damaging "
                             "apartment blocks in two districts.", "struck", 0)
    kyiv.events = [
        Event(id="ev-assault", event="ASSAULT", mode=["aerial"], actor=[Actor(entity_text="Russian missiles",
              code="RUS", sector="MIL")], recipient=[Actor(entity_text="Kyiv", code="UKR", sector="CVL")],
              event_loc=EventLocation(**KYIV), date="2024-02-22", date_precision="day", date_raw="Thursday",
              modality="asserted", attributed_to=[Attribution(text="Ukrainian officials", kind="official",
                                                                code="UKR", sector="GOV")],
              evidence=[strike], confidence=0.88),
    ]
    kyiv.mentions = [_mention(kyiv, "Kyiv", "LOC")]
    plan = _evidence(eu, "The European Union plans to adopt a new package of sanctions against Russia next month, "
                         "diplomats in Brussels said.", "sanctions", 0)
    eu.events = [
        Event(id="ev-sanction", event="SANCTION", actor=[Actor(entity_text="The European Union", code="EUR",
              sector="IGO")], recipient=[Actor(entity_text="Russia", code="RUS", sector="GOV")],
              event_loc=EventLocation(**BRUSSELS), date="2024-03", date_precision="month", modality="planned",
              attributed_to=[Attribution(text="diplomats", kind="unnamed")], evidence=[plan], confidence=0.77),
    ]
    return [kim, kyiv, eu]


def build_store(path: Path) -> Path:
    docs = build_documents()
    with SQLiteStore(path) as store:
        store.write_batch(docs)
        store.put_story(Story(id="story-kim", title="Kim Jong Un visits Russia", doc_ids=[docs[0].doc_id],
                              first_seen="2023-09-13", last_seen="2023-09-13", languages=["de"]))
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """A store with 5 events in 3 articles (kept read-only by the tests that share it)."""
    return build_store(tmp_path_factory.mktemp("serve") / "events.db")


@pytest.fixture
def fresh_store(tmp_path) -> Path:
    """A store of its own, for tests that write."""
    return build_store(tmp_path / "events.db")
