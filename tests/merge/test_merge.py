from eventwire.ingest.base import make_document
from eventwire.merge.events import EventIndex, compatible
from eventwire.merge.stage import Merger
from eventwire.merge.stories import StoryIndex
from eventwire.records import Actor, EntityLink, Event, EventLocation, Evidence, Mention, Place


def _doc(text, lang, publication, published="2023-09-13", mentions=(), events=()):
    doc = make_document(text, source="t", fmt="text", language=lang, publication=publication, published=published)
    doc.mentions = [m.model_copy(update={"doc_id": doc.doc_id}) for m in mentions]
    doc.events = [e.model_copy(update={"evidence": [Evidence(doc_id=doc.doc_id, start=0, end=len(text), text=text)]},
                               deep=True) for e in events]
    return doc


KIM = Mention(doc_id="", start=0, end=3, text="Kim", label="PER",
              entity=EntityLink(kb_id="kim_jong_un", identifier_id="Q56226", code="PRK", sector="GOV"))
PUTIN = Mention(doc_id="", start=0, end=5, text="Putin", label="PER",
                entity=EntityLink(kb_id="putin", identifier_id="Q7747", code="RUS", sector="GOV"))
VLAD = Mention(doc_id="", start=0, end=11, text="Vladivostok", label="LOC",
               place=Place(geonameid=2013348, name="Vladivostok", lat=43.1, lon=131.9, country_code="RUS"))
BIDEN = Mention(doc_id="", start=0, end=5, text="Biden", label="PER",
                entity=EntityLink(kb_id="biden", identifier_id="Q6279", code="USA", sector="GOV"))
MEXICO = Mention(doc_id="", start=0, end=6, text="Mexico", label="LOC",
                 place=Place(geonameid=3530597, name="Mexico City", lat=19.4, lon=-99.1, country_code="MEX"))


def _consult(eid, date="2023-09-13", precision="day", lat=43.1, lon=131.9, modality="asserted"):
    return Event(id=eid, event="CONSULT", actor=[Actor(entity_text="Kim", code="PRK", identifier_id="Q56226")],
                 recipient=[Actor(entity_text="Putin", code="RUS", identifier_id="Q7747")], date=date,
                 date_precision=precision, modality=modality,
                 event_loc=EventLocation(extracted_place="V", lat=lat, lon=lon, country_code="RUS"))


def test_german_and_english_reports_merge_into_one_story_and_one_event():
    de = _doc("Kim Jong Un traf Putin in Wladiwostok zu Gesprächen.", "de", "dpa",
              mentions=[KIM, PUTIN, VLAD], events=[_consult("e_de")])
    en = _doc("Kim Jong Un met Putin in Vladivostok for talks.", "en", "Reuters",
              mentions=[KIM, PUTIN, VLAD], events=[_consult("e_en", date="2023-09", precision="month")])
    other = _doc("Biden met the Mexican president in Mexico City.", "en", "AP",
                 mentions=[BIDEN, MEXICO], events=[])
    merger = Merger(window_days=3)
    for d in (de, en, other):
        merger.add(d)
    stories = {s.id: s for s in merger.stories.stories()}
    assert len(stories) == 2
    story = next(s for s in stories.values() if de.doc_id in s.doc_ids)
    assert en.doc_id in story.doc_ids and sorted(story.languages) == ["de", "en"]
    (event,) = en.events
    assert event.id == "e_de" and event.num_articles == 2 and event.num_sources == 2
    assert [m.doc_id for m in event.mentions] == [de.doc_id, en.doc_id]
    assert event.date == "2023-09-13" and event.date_precision == "day"  # the more precise date survives
    assert [(m.from_id, m.into_id) for m in merger.merges] == [("e_en", "e_de")]


def test_reprints_count_as_one_source():
    text = "Kim Jong Un met Putin in Vladivostok for talks."
    a = _doc(text, "en", "Reuters", mentions=[KIM, PUTIN], events=[_consult("a")])
    b = _doc(text + " Photo: Bugle archive.", "en", "Daily Bugle", mentions=[KIM, PUTIN], events=[_consult("b")])
    b.events[0].evidence[0].text = text  # the same agency copy on another site
    index = EventIndex()
    index.add(a)
    (merged,), _ = index.add(b)
    assert merged.num_articles == 2 and merged.num_sources == 1


def test_incompatible_events_stay_apart():
    base = _consult("x")
    assert compatible(base, _consult("y", date="2023-09-15"))
    assert not compatible(base, _consult("y", date="2023-10-20"))
    assert not compatible(base, _consult("y", modality="planned"))
    far = _consult("y", lat=55.75, lon=37.6)
    far.event_loc.country_code = "XXX"
    assert not compatible(base, far)
    other = base.model_copy(update={"event": "ASSAULT"})
    assert not compatible(base, other)


def test_story_ids_are_stable_across_runs():
    docs = [_doc(f"Kim Jong Un and Putin, report {i}.", "en", "X", mentions=[KIM, PUTIN]) for i in range(3)]
    ids = []
    for _ in range(2):
        index = StoryIndex()
        ids.append([index.add(d) for d in docs])
    assert ids[0] == ids[1] and len(set(ids[0])) == 1


def test_story_memory_is_bounded():
    index = StoryIndex(max_active=10, window_days=3)
    for i in range(50):
        index.add(_doc(f"Unrelated item number {i} about Topic{i}.", "en", "X", published=f"2023-0{1 + i % 9}-01"))
    assert len(index.active) <= 10


def test_events_without_a_shared_party_never_merge():
    a = Event(id="a", event="REQUEST", recipient=[Actor(entity_text="Mazedonien", code="MKD")], date="2000-01-01",
              date_precision="day")
    b = Event(id="b", event="REQUEST", actor=[Actor(entity_text="Rebellen", code="RWA")], date="2000-01-01",
              date_precision="day")
    assert not compatible(a, b)


def test_merge_state_belongs_to_the_pipeline_not_the_process():
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    cfg = load_config(overrides={"merge": {"embeddings": False}})
    first = _doc("Kim Jong Un met Putin in Vladivostok.", "en", "A", mentions=[KIM, PUTIN], events=[_consult("a")])
    second = _doc("Kim Jong Un traf Putin in Wladiwostok.", "de", "B", mentions=[KIM, PUTIN], events=[_consult("b")])
    again = _doc("Kim and Putin held talks in Vladivostok.", "en", "C", mentions=[KIM, PUTIN], events=[_consult("c")])
    one = Pipeline(cfg, stages=["merge"])
    one.run([first])
    one.run([second])  # a later batch of the same stream merges with the first
    assert second.events[0].id == "a" and second.story_id == first.story_id
    other = Pipeline(cfg, stages=["merge"])
    other.run([again])  # another pipeline knows nothing of them
    assert again.events[0].id == "c" and again.events[0].num_articles == 1
    one.reset_state()
    fresh = _doc("Kim and Putin met again in Vladivostok.", "en", "D", mentions=[KIM, PUTIN], events=[_consult("d")])
    one.run([fresh])
    assert fresh.events[0].id == "d"


def test_a_party_only_a_later_report_names_is_added_to_the_merged_event():
    first = _consult("first")
    first.actor = []  # the first report leaves out who came
    later = _consult("later")
    index = EventIndex()
    index.add(_doc("Talks with Putin in Vladivostok.", "en", "A", events=[first]))
    (merged,), merges = index.add(_doc("Kim Jong Un met Putin in Vladivostok.", "en", "B", events=[later]))
    assert merged.id == "first" and [m.into_id for m in merges] == ["first"]
    assert [a.code for a in merged.actor] == ["PRK"] and [a.code for a in merged.recipient] == ["RUS"]
    # and the merged event is now found by the new party too
    third = _consult("third")
    third.recipient = []
    (again,), _ = index.add(_doc("Kim Jong Un arrived in Vladivostok.", "en", "C", events=[third]))
    assert again.id == "first"


def test_old_events_are_retired_whatever_the_number_of_events_per_report():
    from datetime import date, timedelta

    index = EventIndex(window_days=3)
    for day in range(250):  # three events a report: the count jumps over multiples of 256
        when = (date(2023, 1, 1) + timedelta(days=day)).isoformat()
        events = [Event(id=f"e{day}_{k}", event="ASSAULT", actor=[Actor(entity_text="X", code=f"A{day}{k}")],
                        date=when, date_precision="day") for k in range(3)]
        index.add(_doc(f"report {day}", "en", "X", published=when, events=events))
    assert len(index.active) < 400  # about 34 days of events plus one sweep's worth, not all 750
    assert all(int(i[1:].split("_")[0]) > 100 for i in index.active)  # the oldest went first


def test_a_long_running_story_keeps_a_bounded_fingerprint_and_postings():
    import numpy as np

    # an embedder that finds every report alike: they all join one story, as a long-running war story would
    index = StoryIndex(window_days=3, embedder=lambda texts: np.ones((len(texts), 8), dtype=np.float32))
    index.max_story_features = 20
    for i in range(60):  # one story, every report with new words besides the shared names
        index.add(_doc(f"Kim Jong Un and Putin met again, report {i} on Topic{i} and Subject{i}.", "en", "X",
                       mentions=[KIM, PUTIN]))
    biggest = max(index.active.values(), key=lambda st: st.size)
    assert biggest.size == 60
    for sid, st in index.active.items():
        assert len(st.features) <= 20
        posted = {k for k, ids in index.postings.items() if sid in ids}
        assert posted <= set(st.features)  # no stale postings left behind
