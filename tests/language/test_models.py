"""Shipped spaCy pipelines (src/eventwire/models/{de,en}) and their loader.

These tests load the shipped weights (they never train); they skip when a model directory is
absent, e.g. in a checkout without the weights.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.language.hanta_component import STTS_TO_UPOS, _chunks, normalise_tag
from eventwire.language.models import (
    ModelNotFoundError,
    load_pipeline,
    shipped_model_path,
)


def _has_model(lang: str) -> bool:
    return (shipped_model_path(lang) / "config.cfg").is_file()


needs_de = pytest.mark.skipif(not _has_model("de"), reason="shipped German pipeline absent (run training/train.py de)")
needs_en = pytest.mark.skipif(not _has_model("en"), reason="shipped English pipeline absent (run training/train.py en)")


def _ents(doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


def test_shipped_model_path_points_into_package() -> None:
    path = shipped_model_path("de")
    assert path.name == "de" and path.parent.name == "models"
    assert shipped_model_path("en-GB").name == "en"


def test_unknown_language_raises_actionable_error() -> None:
    with pytest.raises(ModelNotFoundError, match="installed spaCy pipeline"):
        shipped_model_path("xx")


def test_missing_installed_pipeline_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="neither a directory nor an installed"):
        load_pipeline("de", "no_such_pipeline_xyz")
    with pytest.raises(ModelNotFoundError, match="not a spaCy pipeline directory"):
        load_pipeline("de", str(tmp_path))


def test_hanta_tag_normalisation_and_chunks() -> None:
    assert normalise_tag("VV(FIN)") == "VVFIN"
    assert normalise_tag("ADJ(A)") == "ADJA"
    assert normalise_tag("$(") == "$("
    assert STTS_TO_UPOS["NE"] == "PROPN" and STTS_TO_UPOS["VAFIN"] == "AUX"
    words = ["Er", "kam", ".", "Sie", "ging", "weg"]
    assert list(_chunks(words, 100)) == [(0, 3), (3, 6)]
    assert list(_chunks(["a"] * 5, 2)) == [(0, 2), (2, 4), (4, 5)]


@needs_de
def test_german_pipeline_components_and_cache() -> None:
    nlp = load_pipeline("de")
    assert nlp is load_pipeline("de")  # cached per process
    for name in ("parser", "ner"):
        assert name in nlp.pipe_names
    doc = nlp("Die Regierung hat am Montag neue Gesetze beschlossen.")
    assert {t.pos_ for t in doc} >= {"NOUN", "VERB"}
    assert [t.lemma_ for t in doc if t.text == "Gesetze"] == ["Gesetz"]
    assert sum(1 for t in doc if t.dep_ == "ROOT") == 1


@needs_de
def test_german_ner_on_news_sentence() -> None:
    nlp = load_pipeline("de")
    doc = nlp("Der nordkoreanische Machthaber Kim Jong Un traf Präsident Wladimir Putin in Wladiwostok.")
    ents = _ents(doc)
    assert ("Kim Jong Un", "PER") in ents
    assert ("Wladimir Putin", "PER") in ents
    assert ("Wladiwostok", "LOC") in ents


@needs_de
def test_german_sentence_split() -> None:
    nlp = load_pipeline("de")
    doc = nlp("Die Kanzlerin reiste am Dienstag nach Paris. Dort traf sie den französischen Präsidenten.")
    sents = [s.text for s in doc.sents]
    assert len(sents) == 2
    assert sents[1].startswith("Dort")


@needs_en
def test_english_ner_and_parse() -> None:
    nlp = load_pipeline("en")
    doc = nlp("North Korean leader Kim Jong Un met President Vladimir Putin in Vladivostok on Wednesday.")
    ents = _ents(doc)
    assert ("Kim Jong Un", "PER") in ents
    assert ("Vladimir Putin", "PER") in ents
    assert ("Vladivostok", "LOC") in ents
    assert [t.lemma_ for t in doc if t.text == "met"] == ["meet"]
    assert [t.pos_ for t in doc if t.text == "met"] == ["VERB"]


@needs_en
def test_english_sentence_split() -> None:
    nlp = load_pipeline("en")
    doc = nlp("The talks ended on Tuesday without an agreement. Both sides said they would meet again.")
    sents = [s.text for s in doc.sents]
    assert len(sents) == 2
    assert sents[1].startswith("Both")
