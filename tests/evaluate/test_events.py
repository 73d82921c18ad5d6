"""PLOVER gold reading (renames, DOCUMENT skipped) and event scoring."""

import json

import pytest

from eventwire.evaluate.events import read_plover, score_events, top_event, type_agreement
from eventwire.records import Actor, Event

RECORDS = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "doc"},
    {"id": "A-1", "event": "FIGHT", "text": "Serbian troops fought rebels.", "language": "en", "date": "2000-01-01",
     "source": [{"actorText": "Serbian troops", "code": "SRB", "sector": "MIL"}],
     "target": [{"actorText": "rebels", "code": "SRB", "sector": "REBalb"}]},
    {"id": "A-2", "event": "DEMAND", "text": "Iraq urged the UN to act.", "language": "en",
     "source": [{"actorText": "Iraq", "code": "IRQ"}], "target": [{"actorText": "UN", "code": "IGO", "sector": "***"}]},
    {"id": "A-3", "event": "AGREE", "text": "The US and Jordan agreed.", "language": "en",
     "source": [{"actorText": "US", "code": "USA"}, {"actorText": "Jordan", "code": "JOR"}], "target": ""},
]


def ev(eid, typ, actor=None, recipient=None, conf=0.5):
    return Event(id=eid, event=typ, confidence=conf, actor=actor or [], recipient=recipient or [])


@pytest.fixture()
def golds(tmp_path):
    path = tmp_path / "PLOVER_GSR_CAMEO.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return read_plover(path)


def test_reader_skips_document_and_renames_old_types(golds):
    assert [g.event for g in golds] == ["ASSAULT", "REQUEST", "AGREE"]
    assert [g.doc_id for g in golds] == ["plover-en-001", "plover-en-002", "plover-en-003"]
    assert golds[1].recipients[0].sector3 is None  # '***' is no sector
    assert golds[0].recipients[0].sector3 == "REB"
    assert golds[2].recipients == []


def test_german_reader(tmp_path):
    path = tmp_path / "plover_gsr_de.jsonl"
    path.write_text(json.dumps({"id": "A-2", "src_index": 2, "event": "DISAPPROVE", "text_de": "Irak kritisierte die UN.",
                                "source": [{"actorText": "Irak", "code": "IRQ"}], "target": None}) + "\n", encoding="utf-8")
    (g,) = read_plover(path)
    assert (g.doc_id, g.language, g.event, g.text) == ("plover-de-002", "de", "ACCUSE", "Irak kritisierte die UN.")


def test_top_event_is_highest_confidence():
    assert top_event([ev("a", "AID", conf=0.4), ev("b", "ACCUSE", conf=0.9), ev("c", "AID", conf=0.9)]).id == "b"
    assert top_event([]) is None


def test_scores(golds):
    preds = {
        # right type, right actor country, wrong recipient; sectors: MIL right, REB missing
        "plover-en-001": [ev("e1", "ASSAULT", [Actor(entity_text="troops", code="SRB", sector="MIL")],
                              [Actor(entity_text="rebels", code="ALB")], 0.8),
                          ev("e0", "PROTEST", conf=0.2)],
        # old name in the prediction is renamed too; the lower-confidence right type does not count as top
        "plover-en-002": [ev("e2", "DISAPPROVE", [Actor(entity_text="Iraq", code="IRQ")], conf=0.7),
                          ev("e3", "DEMAND", conf=0.6)],
        # plover-en-003: nothing predicted
    }
    r = score_events(golds, preds, dataset="t", gold="g", source="p", n_boot=30)
    assert r.get("type_acc").value == pytest.approx(1 / 3)
    assert r.get("type_any_acc").value == pytest.approx(2 / 3)
    assert r.get("actor_country_acc").value == pytest.approx(2 / 3)
    assert r.get("recipient_country_acc").value == 0.0  # SRB wanted, ALB given; IGO wanted, none given
    assert r.get("recipient_country_acc").n == 2
    assert r.get("sector_acc").value == 0.5  # MIL ok, REB missed
    assert r.get("coverage").value == pytest.approx(2 / 3)


def test_type_agreement():
    a = {"x": [ev("1", "AID")], "y": [ev("2", "ACCUSE")]}
    b = {"X": [ev("3", "AID")], "Y": [ev("4", "DISAPPROVE")]}
    assert type_agreement(a, b, [("x", "X"), ("y", "Y")]) == 1.0
    assert type_agreement(a, {}, [("x", "X")]) == 0.0


def test_cross_language_agreement_from_files(tmp_path):
    from eventwire.evaluate.tasks import evaluate_events

    en = tmp_path / "PLOVER_GSR_CAMEO.json"
    en.write_text(json.dumps(RECORDS), encoding="utf-8")
    de = tmp_path / "plover_gsr_de.jsonl"
    de.write_text("\n".join(json.dumps({"id": r["id"], "src_index": i, "event": r["event"], "text_de": r["text"] + " (de)",
                                        "source": r.get("source"), "target": r.get("target")})
                            for i, r in enumerate(RECORDS[1:], 1)) + "\n", encoding="utf-8")
    de_pred = tmp_path / "de.jsonl"
    de_pred.write_text("\n".join(json.dumps({"id": f"d{i}", "event": t, "evidence": [{"doc_id": f"plover-de-00{i}", "start": 0, "end": 1, "text": "x"}]})
                                 for i, t in ((1, "ASSAULT"), (2, "AID"))) + "\n", encoding="utf-8")
    en_pred = tmp_path / "en.jsonl"
    en_pred.write_text("\n".join(json.dumps({"id": f"e{i}", "event": t, "evidence": [{"doc_id": f"plover-en-00{i}", "start": 0, "end": 1, "text": "x"}]})
                                 for i, t in ((1, "FIGHT"), (2, "REQUEST"))) + "\n", encoding="utf-8")
    r = evaluate_events(de, de_pred, pair_with=en, pair_pred=en_pred, n_boot=10)
    assert r.get("type_acc").value == pytest.approx(1 / 3)
    # pair 1 agrees (FIGHT is ASSAULT), pair 2 does not, pair 3 agrees (nothing on either side)
    assert r.get("cross_language_agreement").value == pytest.approx(2 / 3)
    assert r.get("cross_language_agreement").n == 3


def test_the_golds_old_cameo_country_spellings_read_as_iso():
    from eventwire.evaluate.events import _actors

    assert [a.code for a in _actors([{"actorText": "Japan", "code": "JAP"}, {"actorText": "Italy", "code": "ITL"},
                                      {"actorText": "Russia", "code": "RUS"}])] == ["JPN", "ITA", "RUS"]
