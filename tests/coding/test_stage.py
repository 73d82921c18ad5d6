"""The events stage end to end on the canonical report, and on small hand-written texts."""

import pytest

from eventwire.evaluate import evaluate_events
from eventwire.ingest.base import make_document
from eventwire.language.models import shipped_model_path
from eventwire.pipeline import Pipeline
from tests.conftest import SEED_GOLD, needs_shared

needs_de = pytest.mark.skipif(not (shipped_model_path("de") / "meta.json").exists(), reason="no shipped de model")


@needs_shared
@needs_de
def test_example_report_gives_required_events_and_nothing_forbidden():
    report = evaluate_events(gold=SEED_GOLD, n_boot=10)
    values = {m.key: m.value for m in report.measures}
    assert values["required_events_found"] == 1.0
    assert values["must_not_respected"] == 1.0
    assert values["entities_linked"] == 1.0 and values["places_resolved"] == 1.0


@needs_de
def test_german_text_codes_actor_recipient_and_modality():
    pipe = Pipeline()
    text = ("Der russische Präsident Wladimir Putin traf am Dienstag in Peking den chinesischen Präsidenten "
            "Xi Jinping zu Gesprächen. Die Ukraine könnte von Deutschland weitere Waffen und Munition erhalten.")
    doc = make_document(text, source="t", fmt="text", language="de", published="2024-05-14")
    (doc,) = pipe.run([doc])
    by_type = {e.event: e for e in doc.events}
    consult = by_type["CONSULT"]
    assert [a.code for a in consult.actor] == ["RUS"] and [a.code for a in consult.recipient] == ["CHN"]
    assert consult.modality == "asserted" and consult.date == "2024-05-14" and consult.date_precision == "day"
    assert consult.event_loc is not None and consult.event_loc.country_code == "CHN"
    aid = by_type["AID"]
    assert [a.code for a in aid.actor] == ["DEU"] and [a.code for a in aid.recipient] == ["UKR"]
    assert aid.modality == "hypothetical"
    for ev in doc.events:
        ev_text = doc.body[ev.evidence[0].start:ev.evidence[0].end]
        assert ev_text == ev.evidence[0].text
        trig = ev.evidence[0].trigger
        assert ev.evidence[0].start <= trig.start < trig.end <= ev.evidence[0].end
    assert len({e.id for e in doc.events}) == len(doc.events)


def test_a_trigger_in_a_relative_clause_ranks_below_the_main_event():
    from eventwire.coding.stage import BACKGROUND_FACTOR, _prominence
    from eventwire.coding.triggers import Trigger
    from eventwire.records import Sentence, Token

    # "Rebels released the minister whom they had kidnapped ."  (UD heads by hand)
    words = [("Rebels", "nsubj", 1), ("released", "root", 1), ("the", "det", 3), ("minister", "obj", 1),
             ("whom", "obj", 7), ("they", "nsubj", 7), ("had", "aux", 7), ("kidnapped", "acl:relcl", 3), (".", "punct", 1)]
    tokens, pos = [], 0
    for text, dep, head in words:
        tokens.append(Token(start=pos, end=pos + len(text), text=text, dep=dep, head=head, pos="VERB" if dep in ("root", "acl:relcl") else "NOUN"))
        pos += len(text) + 1
    sent = Sentence(index=0, start=0, end=pos, tokens=tokens)

    def trig(i):
        return Trigger(start=tokens[i].start, end=tokens[i].end, text=tokens[i].text, event="X", score=1.0,
                       token_start=i, token_end=i + 1, kind="verb", lexicon_entry="t")

    assert _prominence(sent, trig(1)) == 1.0
    assert _prominence(sent, trig(7)) == BACKGROUND_FACTOR < 1.0


needs_en = pytest.mark.skipif(not (shipped_model_path("en") / "meta.json").exists(), reason="no shipped en model")


def _coded(text: str, language: str = "en"):
    """One document through the stages up to events (no cross-document merging)."""
    pipe = Pipeline(stages=["language", "analyse", "link", "dates", "events"])
    (doc,) = pipe.run([make_document(text, source="t", fmt="text", language=language, published="2024-05-14")])
    return doc


@needs_en
def test_civilians_take_the_country_they_are_in_and_a_listed_country_is_no_partys():
    doc = _coded("Thousands of demonstrators blocked the main roads in Nairobi on Tuesday. "
                    "Foreign ministers agreed to send food aid to Chad and Niger.")
    protest = next(e for e in doc.events if e.event == "PROTEST")
    assert [a.code for a in protest.actor] == ["KEN"]  # where they are, not left blank
    for e in doc.events:  # "Chad and Niger" are both recipients' countries, neither is the ministers'
        assert all(a.code not in ("NER", "TCD") for a in e.actor), e


@needs_en
def test_an_ethnic_group_is_coded_by_the_country_it_lives_in():
    doc = _coded("Ethnic Albanians in southern Serbia demanded more autonomy on Monday.")
    request = next(e for e in doc.events if e.event == "REQUEST")
    assert [a.code for a in request.actor] == ["SRB"]


@needs_en
def test_an_unknown_official_takes_the_country_of_the_town_the_sentence_names():
    doc = _coded("President Jean-Marc Dupontel imposed a night curfew in Abidjan on Sunday.")
    assert any(a.code == "CIV" for e in doc.events for a in e.actor), [(e.event, e.actor) for e in doc.events]


def test_a_trigger_in_a_clause_opened_by_a_subordinator_is_background_even_if_the_parse_misses_it():
    from eventwire.coding.stage import BACKGROUND_FACTOR, _prominence
    from eventwire.coding.triggers import Trigger
    from eventwire.records import Sentence, Token

    # "Italien setzte Flüge aus , nachdem Serbien einen Hubschrauber abschoss ."  parsed flat (all on the root)
    words = ["Italien", "setzte", "Flüge", "aus", ",", "nachdem", "Serbien", "einen", "Hubschrauber", "abschoss", "."]
    tokens, pos = [], 0
    for i, w in enumerate(words):
        tokens.append(Token(start=pos, end=pos + len(w), text=w, dep="root" if i == 1 else "dep", head=1, pos="VERB"))
        pos += len(w) + 1
    sent = Sentence(index=0, start=0, end=pos, tokens=tokens)

    def trig(i):
        return Trigger(start=tokens[i].start, end=tokens[i].end, text=words[i], event="X", score=1.0,
                       token_start=i, token_end=i + 1, kind="verb", lexicon_entry="t")

    assert _prominence(sent, trig(1)) == 1.0
    assert _prominence(sent, trig(9)) == BACKGROUND_FACTOR


@needs_en
def test_an_unknown_party_takes_the_one_country_named_even_the_other_partys():
    doc = _coded("Vice-President John Okello refused to resign despite pressure from the Kenyan parliament.")
    reject = next(e for e in doc.events if e.event == "REJECT")
    assert [a.code for a in reject.actor] == ["KEN"]


@needs_en
def test_an_unnamed_visitor_does_not_take_the_hosts_country():
    doc = _coded("President Jean Dupontel arrived in Moscow on Tuesday for talks with Russian officials.")
    for e in doc.events:
        if e.event == "CONSULT":
            assert all(a.code != "RUS" for a in e.actor if a.entity_text.startswith("President")), e


@needs_de
def test_a_role_of_a_place_takes_the_places_country():
    doc = _coded("Die Regierung der Provinz Sindh hat am Montag Patrouillen der Polizei angeordnet.", "de")
    assert any(a.code == "PAK" and a.sector == "GOV" for e in doc.events for a in e.actor), \
        [(e.event, e.actor) for e in doc.events]


@needs_de
def test_a_german_organisation_is_found_in_its_oblique_form():
    doc = _coded("Die Vereinten Nationen haben am Mittwoch 200 Soldaten nach Bosnien entsandt.", "de")
    assert any(a.code == "IGO" for e in doc.events for a in e.actor), [(e.event, e.actor) for e in doc.events]


@needs_en
def test_a_word_inside_a_name_is_no_event():
    doc = _coded("The Asia-Pacific Economic Cooperation forum agreed to set up an energy research center in Tokyo.")
    assert [e.event for e in doc.events] == ["AGREE"], [(e.event, e.evidence[0].text) for e in doc.events]


def test_a_finite_verb_the_parser_made_an_adjective_is_the_main_predication():
    from eventwire.coding.stage import BACKGROUND_FACTOR, _prominence
    from eventwire.coding.triggers import Trigger
    from eventwire.records import Sentence, Token

    # "Supporters of Bella blocked roads ."  parsed with "blocked" as an adjective of "roads", hung on "Bella"
    # and "the blocked roads of Bella" where the participle really is one
    def sentence(words, deps, heads, pos):
        tokens, at = [], 0
        for w, d, h, p in zip(words, deps, heads, pos):
            tokens.append(Token(start=at, end=at + len(w), text=w, dep=d, head=h, pos=p))
            at += len(w) + 1
        return Sentence(index=0, start=0, end=at, tokens=tokens), tokens

    def trig(tokens, i):
        return Trigger(start=tokens[i].start, end=tokens[i].end, text=tokens[i].text, event="PROTEST", score=1.0,
                       token_start=i, token_end=i + 1, kind="verb", lexicon_entry="t")

    sent, toks = sentence(["Supporters", "of", "Bella", "blocked", "roads", "."],
                          ["ROOT", "case", "nmod", "amod", "conj", "punct"], [0, 2, 0, 4, 2, 0],
                          ["NOUN", "ADP", "PROPN", "VERB", "NOUN", "PUNCT"])
    assert _prominence(sent, trig(toks, 3)) == 1.0
    sent, toks = sentence(["Police", "saw", "the", "blocked", "roads", "of", "Bella", "."],
                          ["nsubj", "ROOT", "det", "amod", "obj", "case", "nmod", "punct"], [1, 1, 4, 4, 1, 6, 4, 1],
                          ["NOUN", "VERB", "DET", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert _prominence(sent, trig(toks, 3)) == 1.0  # an object's adjective of the main clause: not background
    sent, toks = sentence(["Talks", "of", "the", "blocked", "roads", "failed", "."],
                          ["nsubj", "case", "det", "amod", "nmod", "ROOT", "punct"], [5, 4, 4, 4, 0, 5, 5],
                          ["NOUN", "ADP", "DET", "VERB", "NOUN", "VERB", "PUNCT"])
    assert _prominence(sent, trig(toks, 3)) == BACKGROUND_FACTOR  # a real participle inside a modifier


def test_newer_ud_subtypes_read_as_the_relations_the_rules_know():
    from eventwire.coding.stage import _basic_deps
    from eventwire.records import Sentence, Token

    toks = [Token(start=0, end=4, text="whom", dep="obj", head=2), Token(start=5, end=9, text="they", dep="nsubj", head=2),
            Token(start=10, end=15, text="taken", dep="advcl:relcl", head=2)]
    sent = Sentence(index=0, start=0, end=15, tokens=toks)
    assert [t.dep for t in _basic_deps(sent).tokens] == ["obj", "nsubj", "acl:relcl"]
    assert sent.tokens[2].dep == "advcl:relcl"  # the document's own record is not changed
    plain = Sentence(index=0, start=0, end=9, tokens=toks[:2])
    assert _basic_deps(plain) is plain
