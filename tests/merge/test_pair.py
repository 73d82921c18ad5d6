"""A German and an English report of the same meeting become one story and one event with two mentions."""

from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.language.models import shipped_model_path
from eventwire.pipeline import Pipeline

DATA = Path(__file__).parent / "data"
needs_models = pytest.mark.skipif(
    not all((shipped_model_path(lang) / "meta.json").exists() for lang in ("de", "en")),
    reason="needs the shipped de and en models",
)


@needs_models
def test_german_and_english_reports_merge():
    docs = [d for d in read_inputs([DATA / "pair_de.txt", DATA / "pair_en.txt"])]
    assert [d.language or "" for d in docs] == ["", ""]  # identified by the pipeline, not given
    pipe = Pipeline()  # a new pipeline starts with empty story and event indexes
    pipe.run(docs)
    de, en = docs
    assert (de.language, en.language) == ("de", "en")
    assert de.story_id is not None and de.story_id == en.story_id
    consult_de = [e for e in de.events if e.event == "CONSULT"]
    consult_en = [e for e in en.events if e.event == "CONSULT"]
    assert consult_de and consult_en
    merged = consult_en[0]
    assert merged.id == consult_de[0].id, "the English report joins the German report's event"
    assert merged.num_articles == 2 and merged.num_sources == 2
    assert {m.doc_id for m in merged.mentions} == {de.doc_id, en.doc_id}
    assert {a.code for a in merged.actor} == {"UKR"} and {a.code for a in merged.recipient} == {"TUR"}
