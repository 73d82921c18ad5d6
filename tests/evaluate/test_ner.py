"""NER readers (CoNLL IOB1/IOB2, GermEval, Europarl) and the exact-span scorer."""

from pathlib import Path

import pytest

from eventwire.evaluate.ner import decode_bio, detect_format, detect_scheme, read_ner, score_ner
from eventwire.records import Mention

GERMEVAL = """#\thttp://example.org\t[2010-01-01]
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesucht\tO\tO
4\tdeutsche\tB-LOCderiv\tO
5\tFirmen\tO\tO
6\tin\tO\tO
7\tParis\tB-LOC\tO
8\t.\tO\tO

#\thttp://example.org/2\t[2010-01-01]
1\tSiemens\tB-ORG\tB-LOC
2\tAG\tI-ORG\tO
"""

CONLL_IOB1 = """-DOCSTART- -X- -X- O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
Smith NNP I-NP B-PER
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_decode_bio_handles_iob1_and_iob2():
    assert [(s.start, s.end, s.label) for s in decode_bio(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"])] == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]
    assert [(s.start, s.end) for s in decode_bio(["I-ORG", "I-PER"])] == [(0, 1), (1, 2)]
    assert detect_scheme([["O", "I-PER"]]) == "IOB1"
    assert detect_scheme([["B-PER", "I-PER", "O"]]) == "IOB2"


def test_germeval_reader_skips_comments_and_keeps_outer_spans(tmp_path):
    path = write(tmp_path, "NER-de-dev.tsv", GERMEVAL)
    assert detect_format(path) == "germeval"
    sents, scheme = read_ner(path)
    assert scheme == "IOB2"
    assert [s.text() for s in sents] == ["Angela Merkel besucht deutsche Firmen in Paris .", "Siemens AG"]
    spans = [(s.start, s.end, s.label) for s in sents[0].char_spans()]
    assert spans == [(0, 13, "PER"), (22, 30, "LOCderiv"), (41, 46, "LOC")]
    assert sents[0].language == "de"


def test_conll_iob1_reader(tmp_path):
    path = write(tmp_path, "valid_en.txt", CONLL_IOB1)
    sents, scheme = read_ner(path)
    assert scheme == "IOB1"
    assert len(sents) == 2
    assert [(s.start, s.end, s.label) for s in sents[1].spans] == [(0, 2, "PER"), (2, 3, "PER")]


def test_europarl_reader_last_column(tmp_path):
    path = write(tmp_path, "dev.tsv", "von\tvon\tAPPR\tB-PC\tO\nHerrn\tHerr\tNN\tI-PC\tO\nPex\t<unknown>\tNE\tI-PC\tI-PER\n")
    assert detect_format(path) == "europarl"
    sents, scheme = read_ner(path)
    assert [(s.start, s.end, s.label) for s in sents[0].char_spans()] == [(10, 13, "PER")]
    assert scheme == "IOB1"


def test_score_one_fp_one_fn_and_deriv_not_an_entity(tmp_path):
    sents, _ = read_ner(write(tmp_path, "NER-de-dev.tsv", GERMEVAL))
    s0, s1 = sents
    preds = {
        s0.sent_id: [
            Mention(doc_id=s0.sent_id, start=0, end=13, text="Angela Merkel", label="PER"),  # TP
            Mention(doc_id=s0.sent_id, start=22, end=30, text="deutsche", label="LOC"),  # FP (deriv is not LOC)
            Mention(doc_id=s0.sent_id, start=41, end=47, text="Paris ", label="LOC"),  # TP after trimming space
            Mention(doc_id=s0.sent_id, start=14, end=21, text="besucht", label="DATE"),  # ignored label
        ],
        # Siemens AG missed: FN
    }
    report = score_ner(sents, preds, dataset="t", gold="g", source="p", n_boot=50)
    assert report.get("p").value == pytest.approx(2 / 3)
    assert report.get("r").value == pytest.approx(2 / 3)
    assert report.get("f1").value == pytest.approx(2 / 3)
    assert report.get("f1").n == 3  # gold PER/LOC/ORG spans
    assert report.get("f1_PER").value == 1.0
    assert report.get("f1_ORG").value == 0.0
    lo, hi = report.get("f1").ci_low, report.get("f1").ci_high
    assert lo is not None and lo <= hi


def test_labels_are_normalised(tmp_path):
    sents, _ = read_ner(write(tmp_path, "NER-de-dev.tsv", GERMEVAL))
    s1 = sents[1]
    preds = {s1.sent_id: [Mention(doc_id=s1.sent_id, start=0, end=10, text="Siemens AG", label="ORGANIZATION")]}
    report = score_ner([s1], preds, dataset="t", gold="g", source="p", n_boot=0)
    assert report.get("f1").value == 1.0
    assert report.get("f1").ci_low is None


def test_places_nested_inside_a_name_are_not_scored_as_ner_spans():
    from eventwire.evaluate.ner import _pred_spans

    body = "The Washington Post said so."
    mentions = [Mention(doc_id="d", start=0, end=19, text="The Washington Post", label="ORG", source="ner"),
                Mention(doc_id="d", start=4, end=14, text="Washington", label="LOC", source="nested")]
    assert _pred_spans(mentions, body) == {(0, 19, "ORG")}
