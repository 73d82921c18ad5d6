"""Seed gold checks are derived from the gold file, not hard-coded."""

import pytest

from eventwire.evaluate.seed import SeedGold, match_event, must_not_checks, place_checks, entity_checks, score_seed, metadata_checks
from eventwire.records import Actor, Attribution, Document, EntityLink, Event, EventLocation, Mention, Place

GOLD = {
    "document": "examples/x.txt",
    "metadata": {"language": "de", "publisher": "Agency", "published": {"value": "2024-03", "precision": "month"},
                 "authors": ["Ann Writer"], "editors": ["Ed Itor"]},
    "entities": [
        {"id": "boss", "type": "PERSON", "canonical": "Boss Person", "wikidata": "Q1", "country": "AAA", "mentions": ["Boss"]},
        {"id": "wire", "type": "ORG", "canonical": "Wire Agency", "country": "AAA", "mentions": ["Wire"]},
    ],
    "places": [
        {"mention": "Townville", "canonical": "Townville", "kind": "city", "country": "AAA", "geonames": 42, "lat": 10.0, "lon": 10.0, "tolerance_km": 25},
        {"mention": "Old Realm", "canonical": "Old Realm", "kind": "historical state", "country": "OLD"},
    ],
    "events": [
        {"id": "E1", "required": True, "event": {"accept": ["CONSULT"]},
         "actor": {"country": "AAA", "entity": "boss"}, "recipient": {"country": "BBB"},
         "location": {"accept_places": ["Townville"]}, "date": {"value": "2024-03", "precision": "month"},
         "modality": "asserted", "attributed_to": {"accept_any": ["local media (unnamed)", "wire"]}},
        {"id": "E2", "required": False, "event": {"accept": ["AID", "SUPPORT"]}, "actor": {"country": ["AAA", "OLD"]},
         "modality": "historical", "must_not": "be dated 2024"},
    ],
    "must_not_contain": [
        "any ASSAULT or THREATEN event between AAA and BBB",
        "the newsroom e-mail addresses as entities or as text of the article body",
        "Ann Writer or Ed Itor as event actors",
    ],
}


def good_e1():
    return Event(id="p1", event="CONSULT", actor=[Actor(entity_text="Boss", code="AAA", sector="GOV")],
                 recipient=[Actor(entity_text="BBB land", code="BBB")],
                 event_loc=EventLocation(extracted_place="Townville", geonameid=42, lat=10.01, lon=10.0),
                 date="2024-03", date_precision="month", modality="asserted",
                 attributed_to=[Attribution(text="Wire", kind="agency")])


def test_full_match_and_each_criterion_can_fail():
    gold = SeedGold.model_validate(GOLD)
    m = match_event(gold, gold.events[0], [good_e1()])
    assert m.found and m.event_id == "p1"
    assert m.criteria["actor_entity"] is True
    bad_date = good_e1().model_copy(update={"date": "2024-03-12", "date_precision": "day"})
    m = match_event(gold, gold.events[0], [bad_date])
    assert not m.found and m.criteria["date"] is False
    unnamed = good_e1().model_copy(update={"attributed_to": [Attribution(text="Medienberichten", kind="unnamed")]})
    assert match_event(gold, gold.events[0], [unnamed]).criteria["attribution"] is True
    far = good_e1().model_copy(update={"event_loc": EventLocation(extracted_place="Elsewhere", lat=20.0, lon=20.0)})
    assert match_event(gold, gold.events[0], [far]).criteria["location"] is False
    # wrong type: nothing to match
    m = match_event(gold, gold.events[0], [good_e1().model_copy(update={"event": "AID"})])
    assert m.event_id is None and not m.found


def test_event_must_not_is_read_from_text():
    gold = SeedGold.model_validate(GOLD)
    e = Event(id="h", event="SUPPORT", actor=[Actor(entity_text="Old", code="OLD")], modality="historical", date="2024-03")
    m = match_event(gold, gold.events[1], [e])
    assert m.criteria["must_not"] is False
    assert match_event(gold, gold.events[1], [e.model_copy(update={"date": "1960"})]).found


def test_must_not_contain_patterns():
    gold = SeedGold.model_validate(GOLD)
    doc = Document(doc_id="d", body="clean text")
    clean = must_not_checks(gold, doc, [good_e1()], [])
    assert [c.ok for c in clean] == [True, True, True]
    assault = Event(id="x", event="ASSAULT", actor=[Actor(entity_text="B", code="BBB")], recipient=[Actor(entity_text="A", code="AAA")])
    reporter = Event(id="y", event="CONSULT", actor=[Actor(entity_text="Ann Writer")])
    dirty_doc = Document(doc_id="d", body="write to desk@agency.example.com")
    checks = must_not_checks(gold, dirty_doc, [assault, reporter], [])
    assert [c.ok for c in checks] == [False, False, False]


def test_entities_places_metadata():
    gold = SeedGold.model_validate(GOLD)
    mentions = [
        Mention(doc_id="d", start=0, end=4, text="Boss", label="PER", entity=EntityLink(kb_id="k", identifier_id="Q1")),
        Mention(doc_id="d", start=5, end=9, text="Wire", label="ORG", entity=EntityLink(kb_id="w", code="ZZZ")),
        Mention(doc_id="d", start=10, end=19, text="Townville", label="LOC", place=Place(name="T", geonameid=42, lat=10, lon=10)),
        Mention(doc_id="d", start=20, end=29, text="Old Realm", label="LOC", place=Place(name="O", country_code="OLD")),
    ]
    assert [c.ok for c in entity_checks(gold, mentions)] == [True, False]
    assert [c.ok for c in place_checks(gold, mentions)] == [True, True]
    doc = Document(doc_id="d", body="b", language="de", publication="Agency", published="2024-03", published_precision="day",
                   authors=["Ann Writer"], editors=["Ed Itor"])
    meta = {c.name: c.ok for c in metadata_checks(gold, doc)}
    assert meta["published 2024-03"] and not meta["published precision month"] and meta["authors"]


def test_score_seed_report():
    gold = SeedGold.model_validate(GOLD)
    r = score_seed(gold, Document(doc_id="d", body="x"), [good_e1()], [], dataset="s", gold_path="g", source="p", n_boot=20)
    assert r.get("required_events_found").value == 1.0
    assert r.get("must_not_respected").value == 1.0
    assert 0 < r.get("event_criteria").value < 1  # E2 unmatched
    assert r.get("places_resolved").value == 0.0


from eventwire.evaluate.paths import gold_dir  # noqa: E402


@pytest.mark.needs_shared
@pytest.mark.skipif(not gold_dir("seed").exists(), reason="shared seed gold not found (../shared/gold/seed)")
def test_real_seed_gold_is_fully_understood(tmp_path):
    """Every constraint sentence of the shipped seed gold matches a pattern; an empty prediction finds nothing."""
    from eventwire.evaluate.seed import read_seed
    from eventwire.evaluate.tasks import evaluate_events

    (path,) = sorted(gold_dir("seed").glob("*.gold.json"))[:1]
    gold = read_seed(path)
    assert len(must_not_checks(gold, None, [], [])) == len(gold.must_not_contain)
    empty = tmp_path / "events.jsonl"
    empty.write_text("", encoding="utf-8")
    r = evaluate_events(path, empty, n_boot=0)
    assert r.get("required_events_found").value == 0.0
    assert r.get("required_events_found").n == sum(e.required for e in gold.events)
    assert r.get("must_not_respected").n == len(gold.must_not_contain)
