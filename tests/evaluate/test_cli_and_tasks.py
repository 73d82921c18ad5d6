"""The evaluate commands end to end on tiny gold files: predictions files, a stand-in pipeline, reports."""

import json

import pytest
from typer.testing import CliRunner

from eventwire.evaluate import evaluate_ner
from eventwire.evaluate.cli import app
from eventwire.evaluate.predictions import PredictionError, read_events, read_mentions
from eventwire.evaluate.runner import PipelineUnavailable
from eventwire.records import Mention, Status

GERMEVAL = "#\tx\n1\tAngela\tB-PER\tO\n2\tMerkel\tI-PER\tO\n3\tin\tO\tO\n4\tParis\tB-LOC\tO\n"


class FakePipeline:
    """Tags every capitalised 'Paris' as LOC; stands in for the real pipeline."""

    def __init__(self, fail=False, stages=("analyse",)):
        self.fail = fail
        self.stage_names = list(stages)

    def run(self, docs):
        for d in docs:
            if self.fail:
                d.status, d.reason = Status.failed, "stage fake: broken"
                continue
            i = d.body.find("Paris")
            if i >= 0:
                d.mentions = [Mention(doc_id=d.doc_id, start=i, end=i + 5, text="Paris", label="LOC")]
        return docs


@pytest.fixture()
def gold(tmp_path):
    p = tmp_path / "NER-de-dev.tsv"
    p.write_text(GERMEVAL, encoding="utf-8")
    return p


def test_pipeline_path(gold):
    r = evaluate_ner(gold, pipeline=FakePipeline(), n_boot=10)
    assert r.get("p").value == 1.0 and r.get("r").value == 0.5
    assert any("analyse" in n for n in r.notes)
    with pytest.raises(PipelineUnavailable, match="broken"):
        evaluate_ner(gold, pipeline=FakePipeline(fail=True), n_boot=0)
    with pytest.raises(PipelineUnavailable, match="no 'analyse' stage"):
        evaluate_ner(gold, pipeline=FakePipeline(stages=["language"]), n_boot=0)


def test_cli_with_pred_file_writes_reports(gold, tmp_path):
    pred = tmp_path / "mentions.jsonl"
    pred.write_text(json.dumps({"doc_id": "NER-de-dev-00000", "start": 0, "end": 13, "text": "Angela Merkel", "label": "PER",
                                "entity": None, "place": None, "value": None, "extra_field": 1}) + "\n", encoding="utf-8")
    out = tmp_path / "reports"
    res = CliRunner().invoke(app, ["ner", "--gold", str(gold), "--pred", str(pred), "--report-dir", str(out), "--bootstrap", "20"])
    assert res.exit_code == 0, res.output
    (js,) = out.glob("ner_*-dev.json")  # dataset name: gold folder + split
    data = json.loads(js.read_text())
    f1 = next(m for m in data["measures"] if m["key"] == "f1")
    assert f1["value"] == pytest.approx(2 / 3)
    md = js.with_suffix(".md").read_text()
    assert "| F1 PER/LOC/ORG (exact span, micro) |" in md and "95% CI" in md


def test_cli_errors_are_actionable(tmp_path, gold):
    res = CliRunner().invoke(app, ["ner", "--gold", str(tmp_path / "missing.tsv")])
    assert res.exit_code == 2 and "not found" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["ner", "--gold", str(gold), "--pred", str(bad)])
    assert res.exit_code == 2 and "bad.jsonl:1" in res.output


def test_export_input_roundtrip(gold, tmp_path):
    out = tmp_path / "docs.jsonl"
    res = CliRunner().invoke(app, ["export-input", "ner", "--gold", str(gold), "--out", str(out)])
    assert res.exit_code == 0, res.output
    line = json.loads(out.read_text().splitlines()[0])
    assert line["id"] == "NER-de-dev-00000" and line["text"] == "Angela Merkel in Paris" and line["language"] == "de"


def test_prediction_readers(tmp_path):
    ev = tmp_path / "events.jsonl"
    ev.write_text(json.dumps({"id": "e1", "event": "AID", "new_field": True}) + "\n\n", encoding="utf-8")
    assert read_events(ev)[0].event == "AID"
    m = tmp_path / "m.jsonl"
    m.write_text(json.dumps({"doc_id": "d", "start": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(PredictionError, match="m.jsonl:1"):
        read_mentions(m)
