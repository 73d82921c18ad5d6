"""TimeML reading and TIMEX3 scoring; ECB+ reading and clustering scores."""

import pytest

from eventwire.evaluate.clusters import event_clusters_from_events, read_ecbplus, score_clusters
from eventwire.evaluate.dates import match_timexes, read_timeml, score_dates, timex_mentions
from eventwire.records import Event, Evidence, Mention, Span

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-02-18" functionInDocument="CREATION_TIME">2014-02-18</TIMEX3></DCT>
<TEXT>
Am <TIMEX3 tid="t1" type="DATE" value="2014-W08-WE">Wochenende</TIMEX3> und &amp; <TIMEX3 tid="t2" type="DATE" value="2014-02-17">am Montag</TIMEX3> war es kalt.
</TEXT>
<TIMEX3 tid="t5" type="DATE" value="PAST_REF" />
</TimeML>
"""


def test_timeml_offsets_after_stripping_leading_newline(tmp_path):
    path = tmp_path / "doc1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "2014-02-18"
    assert doc.body.startswith("Am Wochenende und & am Montag")
    assert [(doc.body[t.start:t.end], t.value) for t in doc.timexes] == [("Wochenende", "2014-W08-WE"), ("am Montag", "2014-02-17")]


def test_timex_scores(tmp_path):
    path = tmp_path / "doc1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)
    w, m = doc.timexes
    preds = [
        Mention(doc_id="doc1", start=w.start, end=w.end, text="Wochenende", label="DATE", value="2014-W08-WE"),  # strict, value ok
        Mention(doc_id="doc1", start=m.start + 3, end=m.end, text="Montag", label="DATE", value="2014-02-10"),  # relaxed, wrong value
        Mention(doc_id="doc1", start=0, end=2, text="Am", label="PER"),  # not temporal: ignored
        Mention(doc_id="doc1", start=m.end + 5, end=m.end + 8, text="es", label="TIME", value="X"),  # false positive
    ]
    assert [s for _, _, s in match_timexes(doc.timexes, preds[:2])] == [True, False]
    r = score_dates([doc], {"eventwire": {"doc1": preds}, "perfect": {"doc1": timex_mentions(doc)}}, dataset="k", gold="g",
                    source="p", n_boot=10)
    assert r.get("strict_f1").value == pytest.approx(f1 := 2 * 1 / (2 * 1 + 2 + 1))
    assert r.get("relaxed_f1").value == pytest.approx(2 * 2 / (2 * 2 + 1 + 0))
    assert r.get("value_acc").value == 0.5
    assert r.get("relaxed_f1", system="perfect").value == 1.0
    assert r.baseline_for(r.get("strict_f1")).system == "perfect"
    assert f1 == pytest.approx(0.4)


def ecb_doc(name, tokens, actions, coref):
    toks = "\n".join(f'<token t_id="{i + 1}" sentence="{s}" number="{i}">{t}</token>' for i, (s, t) in enumerate(tokens))
    marks = "\n".join(f'<ACTION_OCCURRENCE m_id="{m}"><token_anchor t_id="{t}"/></ACTION_OCCURRENCE>' for m, t in actions)
    rels = "\n".join(
        f'<CROSS_DOC_COREF r_id="{i}" note="{inst}"><source m_id="{m}"/><target m_id="99"/></CROSS_DOC_COREF>'
        for i, (m, inst) in enumerate(coref))
    return f'<Document doc_name="{name}.xml">{toks}<Markables>{marks}</Markables><Relations>{rels}</Relations></Document>'


@pytest.fixture()
def ecb(tmp_path):
    root = tmp_path / "ecb"
    (root / "1").mkdir(parents=True)
    (root / "2").mkdir()
    (root / "1" / "1_1ecb.xml").write_text(ecb_doc("1_1ecb", [(0, "Police"), (0, "arrested"), (1, "him")], [("1", 2)], [("1", "ACT_A")]))
    (root / "1" / "1_2ecb.xml").write_text(ecb_doc("1_2ecb", [(0, "The"), (0, "arrest")], [("1", 2)], [("1", "ACT_A")]))
    (root / "1" / "1_3ecbplus.xml").write_text(ecb_doc("1_3ecbplus", [(0, "Quake"), (0, "hits")], [("1", 2)], []))
    (root / "2" / "2_1ecb.xml").write_text(ecb_doc("2_1ecb", [(0, "Oscars"), (0, "hosted")], [("1", 2)], [("1", "ACT_B")]))
    (root / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n1,2ecb,0\n1,3ecbplus,0\n2,1ecb,0\n", encoding="utf-8")
    return root


def test_ecb_reader(ecb):
    docs = read_ecbplus(ecb)
    assert [d.doc_id for d in docs] == ["1_1ecb", "1_2ecb", "1_3ecbplus", "2_1ecb"]
    assert [d.subtopic for d in docs] == ["1_ecb", "1_ecb", "1_ecbplus", "2_ecb"]
    assert docs[0].body == "Police arrested\nhim"
    assert [(m.text, m.cluster) for m in docs[0].mentions] == [("arrested", "ACT_A")]
    assert docs[2].mentions[0].cluster.endswith("singleton/1")
    assert len(read_ecbplus(ecb, limit=1)) == 3


def test_cluster_scores_perfect_system(ecb):
    docs = read_ecbplus(ecb)
    stories = {"1_1ecb": "s1", "1_2ecb": "s1", "1_3ecbplus": "s2", "2_1ecb": "s3"}
    events = [
        Event(id="A", event="COERCE", evidence=[Evidence(doc_id="1_1ecb", start=0, end=15, text="", trigger=Span(start=7, end=15)),
                                                Evidence(doc_id="1_2ecb", start=0, end=10, text="", trigger=Span(start=4, end=10))]),
    ]
    assert event_clusters_from_events(events, docs)[:2] == ["A", "A"]
    r = score_clusters(docs, stories=stories, events=events, dataset="e", gold="g", source="p", n_boot=20)
    assert r.get("subtopic_bcubed_f1").value == 1.0
    assert r.get("subtopic_ari").value == 1.0
    assert r.get("topic_bcubed_p").value == 1.0
    assert r.get("topic_bcubed_r").value == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)  # topic 1 split 2+1
    assert r.get("event-coref_bcubed_f1").value == 1.0
    assert r.get("event-coref_bcubed_f1", system="singletons").value < 1.0
    assert r.baseline_for(r.get("topic_bcubed_f1")).system == "tfidf-agglomerative"
