"""Temporal expressions: honest precision, tense, eras, the stage, and the scorers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from eventwire.coding.dates import (
    TimeExpression,
    dates_stage,
    era_range,
    find_time_expressions,
    resolve_event_date,
)
from eventwire.coding.timeml_eval import evaluate_expectations, evaluate_timeml_dir, score_timexes
from eventwire.config import load_config
from eventwire.evaluate.dates import Timex
from eventwire.pipeline import Context, get_stage
from eventwire.records import Document, Mention, Sentence
from tests.conftest import EXAMPLE, SHARED

DATA = Path(__file__).parent / "data"
KRAUTS = SHARED / "gold" / "krauts_dev"


def _one(text: str, lang: str, dct: str | None, prec: str | None = None, want: str | None = None) -> TimeExpression:
    found = find_time_expressions(text, lang, dct, prec)
    if want is not None:
        found = [e for e in found if want in e.text or e.text in want]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- German


def test_am_dienstag_day_dct_is_the_tuesday_before():
    e = _one("Kim ist am Dienstag in Russland angekommen.", "de", "2023-09-13", "day")
    assert (e.text, e.value, e.date, e.precision, e.future) == ("Dienstag", "2023-09-12", "2023-09-12", "day", False)


def test_am_dienstag_month_dct_stays_a_month():
    e = _one("Kim ist am Dienstag in Russland angekommen.", "de", "2023-09", "month")
    assert (e.value, e.date, e.precision) == ("2023-09", "2023-09", "month")
    assert e.text == "Dienstag"  # the weekday survives as the raw text


def test_am_morgen_month_dct_is_the_month():
    e = _one("Der Zug habe am Morgen den Bahnhof durchfahren.", "de", "2023-09", "month")
    assert (e.type, e.value, e.precision) == ("TIME", "2023-09", "month")


def test_time_takes_the_day_named_in_the_text_even_with_a_month_dct():
    found = find_time_expressions("Am 14. September um 10.30 Uhr beginnt das Treffen.", "de", "2023-09", "month")
    assert [(e.text, e.value, e.precision) for e in found] == [
        ("14. September", "2023-09-14", "day"), ("10.30 Uhr", "2023-09-14T10:30", "day")]
    e = _one("Am Dienstag um 10.30 Uhr begann das Treffen.", "de", "2023-09", "month", "10.30 Uhr")
    assert (e.value, e.precision) == ("2023-09", "month")


def test_naechsten_dienstag_is_future():
    e = _one("Die Gespräche gehen nächsten Dienstag weiter.", "de", "2023-09-13", "day")
    assert (e.value, e.future) == ("2023-09-19", True)


def test_future_tense_turns_weekday_forward():
    e = _one("Die Minister werden am Freitag in Wladiwostok verhandeln.", "de", "2023-09-13", "day")
    assert e.value == "2023-09-15" and e.future


def test_alleged_soll_haben_is_not_future():
    e = _one("Er soll am Freitag auf sie gewartet haben.", "de", "2023-09-13", "day")
    assert e.value == "2023-09-08"


def test_im_jahr_1991_is_historical_year():
    e = _one("Nach dem Ende der Sowjetunion im Jahr 1991 kühlten sich die Beziehungen ab.", "de", "2023-09", "month")
    assert (e.text, e.value, e.precision, e.historical) == ("Jahr 1991", "1991", "year", True)


def test_kalter_krieg_is_a_historical_era():
    e = _one("Während des Kalten Krieges hatte Moskau Pjöngjang unterstützt.", "de", "2023-09", "month")
    assert e.historical and e.value == "19" and e.precision == "century"
    assert e.text.startswith("Während")
    assert era_range("Während des Kalten Krieges") == ("1947", "1991")
    assert era_range("during World War II") == ("1939", "1945")
    assert era_range("am Dienstag") is None


def test_day_and_month_without_year_takes_nearest_occurrence():
    e = _one("Am 3. Oktober fand die Feier statt.", "de", "2023-11-02", "day")
    assert (e.value, e.precision) == ("2023-10-03", "day")
    e = _one("Der Markt öffnet am 18. Dezember.", "de", "2014-12-16", "day")
    assert e.value == "2014-12-18"


def test_german_forms():
    cases = [
        ("Das Fest war gestern.", "2023-09-13", "gestern", "2023-09-12"),
        ("Er kam vergangene Woche.", "2023-09-13", "vergangene Woche", "2023-W36"),
        ("Anfang März begann der Bau.", "2023-09-13", "Anfang März", "2023-03"),
        ("Mitte März 2021 begann der Bau.", "2023-09-13", "Mitte März 2021", "2021-03"),
        ("Ende 2022 wurde gewählt.", "2023-09-13", "Ende 2022", "2022"),
        ("Die Exporte stiegen im Vorjahr.", "2023-09-13", "Vorjahr", "2022"),
        ("In den 1990er-Jahren war alles anders.", "2023-09-13", "den 1990er-Jahren", "199"),
        ("Die Gespräche dauerten drei Tage.", "2023-09-13", "drei Tage", "P3D"),
        ("Der Markt findet jeden Montag statt.", "2023-09-13", "jeden Montag", "XXXX-WXX-1"),
        ("Beginn ist um 17.30 Uhr am 14. September.", "2023-09-13", "17.30 Uhr", "2023-09-14T17:30"),
        ("Derzeit gibt es keine Pläne.", "2023-09-13", "Derzeit", "PRESENT_REF"),
        ("Das war vor drei Jahren.", "2023-09-13", "vor drei Jahren", "2020"),
    ]
    for text, dct, want_text, want_value in cases:
        e = _one(text, "de", dct, "day", want_text)
        assert (e.text, e.value) == (want_text, want_value), text


def test_ages_are_not_durations():
    assert find_time_expressions("Die 22-Jährige und der 16 Jahre alte Spieler trafen.", "de", "2023-09-13", "day") == []
    assert find_time_expressions("The 22-year-old was 30 years old.", "en", "2023-09-13", "day") == []


# ---------------------------------------------------------------- English


def test_on_monday_english():
    e = _one("Putin arrived in Vladivostok on Monday.", "en", "2023-09-13", "day")
    assert (e.text, e.value, e.precision) == ("Monday", "2023-09-11", "day")


def test_last_week_is_an_iso_week():
    e = _one("Fighting intensified last week.", "en", "2023-09-13", "day")
    assert (e.value, e.date, e.precision) == ("2023-W36", "2023-W36", "week")


def test_yesterday_and_month_dct():
    assert _one("Prices rose yesterday.", "en", "2023-09-13", "day").value == "2023-09-12"
    e = _one("Prices rose yesterday.", "en", "2023-09", "month")
    assert (e.value, e.precision) == ("2023-09", "month")


def test_next_tuesday_english_is_future():
    e = _one("The talks resume next Tuesday.", "en", "2023-09-13", "day")
    assert (e.value, e.future) == ("2023-09-19", True)


def test_no_dct_leaves_relative_unresolved_but_absolute_resolved():
    e = _one("The attack happened on Tuesday.", "en", None)
    assert (e.value, e.date, e.precision) == ("XXXX-WXX-2", None, None)
    e = _one("The treaty was signed on September 12, 2023.", "en", None)
    assert e.value == "2023-09-12"


def test_no_time_expression_gives_none():
    assert find_time_expressions("The weather in the mountains is usually cold.", "en", "2023-09-13", "day") == []
    assert find_time_expressions("Das Wetter in den Bergen ist meist kalt.", "de", "2023-09-13", "day") == []


def test_english_set_accuracy():
    score = evaluate_expectations(DATA / "dates_en.jsonl")
    assert score.expected >= 60
    assert score.accuracy >= 0.9, score.failures
    assert score.flags_correct == score.flags_checked, score.failures
    assert score.spurious <= 3, score.failures


def test_speed_sanity():
    text = ("Kim ist am Dienstag in Russland angekommen. Der Zug habe am Morgen den Bahnhof durchfahren. "
            "Putin war bereits am Montag in Wladiwostok. Nach dem Ende der Sowjetunion im Jahr 1991 kühlten "
            "sich die Beziehungen ab. ") * 50  # ~9,000 characters
    find_time_expressions(text, "de", "2023-09", "month")
    t0 = time.perf_counter()
    found = find_time_expressions(text, "de", "2023-09", "month")
    assert len(found) == 200
    assert time.perf_counter() - t0 < 1.0


# ---------------------------------------------------------------- stage and event dating


def _doc(body: str, published: str | None, precision: str | None, lang: str = "de") -> Document:
    return Document(doc_id="d1", body=body, language=lang, published=published, published_precision=precision)


def test_stage_adds_date_mentions_and_replaces_its_own():
    doc = _doc("Kim kam am Dienstag an. Heute gilt China als wichtig.", "2023-09-13", "day")
    doc.sentences = [Sentence(index=0, start=0, end=23), Sentence(index=1, start=24, end=len(doc.body))]
    doc.mentions = [Mention(doc_id="d1", start=0, end=3, text="Kim", label="PER", source="ner")]
    stage = get_stage("dates")
    assert stage.fn is dates_stage
    ctx = Context(config=load_config())
    stage.fn([doc], ctx)
    stage.fn([doc], ctx)  # idempotent: no duplicates
    dates = [m for m in doc.mentions if m.source == "dates"]
    assert [(m.text, m.label, m.value, m.sentence) for m in dates] == [
        ("Dienstag", "DATE", "2023-09-12", 0),
        ("Heute", "DATE", "PRESENT_REF", 1),
    ]
    assert any(m.label == "PER" for m in doc.mentions)


def test_resolve_event_date_prefers_expression_in_clause_else_publication():
    body = "Kim kam am Dienstag an. Die Lage ist ruhig. Im Jahr 1991 zerfiel die Sowjetunion."
    doc = _doc(body, "2023-09-13", "day")
    s = body.index("Kim")
    assert resolve_event_date(doc, s, s + 10) == ("2023-09-12", "day", "Dienstag", False)
    s = body.index("Die Lage")
    assert resolve_event_date(doc, s, s + 10) == ("2023-09-13", "day", None, False)
    s = body.index("zerfiel")
    assert resolve_event_date(doc, s, s + 7) == ("1991", "year", "Jahr 1991", True)
    doc_month = _doc(body, "2023-09", "month")
    s = body.index("Kim")
    assert resolve_event_date(doc_month, s, s + 10) == ("2023-09", "month", "Dienstag", False)


@pytest.mark.skipif(not EXAMPLE.exists(), reason=f"example article not found at {EXAMPLE}")
def test_stage_on_the_canonical_example():
    from eventwire.ingest import read_inputs

    docs = [d for d in read_inputs([EXAMPLE]) if isinstance(d, Document)]
    assert docs and docs[0].published == "2023-09" and docs[0].published_precision == "month"
    doc = docs[0]
    dates_stage([doc], Context(config=load_config()))
    by_text = {m.text: m for m in doc.mentions if m.source == "dates"}
    assert by_text["Dienstag"].value == "2023-09"
    assert by_text["Jahr 1991"].value == "1991"
    assert all(not (m.value or "").startswith("2023-09-") for m in by_text.values())  # never an invented day
    s = doc.body.index("Nach dem Ende der Sowjetunion")
    assert resolve_event_date(doc, s, s + 60) == ("1991", "year", "Jahr 1991", True)
    s = doc.body.index("Während des Kalten Krieges")
    date, precision, raw, historical = resolve_event_date(doc, s, s + 100)
    assert historical and date != "2023-09" and raw.startswith("Während")
    s = doc.body.index("Kim war")
    assert resolve_event_date(doc, s, s + 60)[:2] == ("2023-09", "month")


# ---------------------------------------------------------------- scorers


def test_score_timexes_strict_relaxed_and_value():
    gold = [Timex(start=0, end=8, text="Dienstag", type="DATE", value="2023-09-12"),
            Timex(start=20, end=29, text="Jahr 1991", type="DATE", value="1991")]
    pred = [Mention(doc_id="d", start=0, end=8, text="Dienstag", label="DATE", value="2023-09-12"),
            Mention(doc_id="d", start=17, end=29, text="im Jahr 1991", label="DATE", value="1990"),
            Mention(doc_id="d", start=40, end=45, text="heute", label="DATE", value="2023-09-13")]
    s = score_timexes(gold, pred)
    assert (s.strict.tp, s.relaxed.tp, s.relaxed.fp, s.value_correct) == (1, 2, 1, 1)
    assert s.value_accuracy == 0.5


@pytest.mark.skipif(not KRAUTS.exists(), reason=f"KRAUTS gold not found at {KRAUTS}")
def test_krauts_dev_at_least_heideltime():
    ours, n, _ = evaluate_timeml_dir(KRAUTS / "KRAUTS_Dolomiten-100")
    heidel, _, _ = evaluate_timeml_dir(KRAUTS / "KRAUTS_Dolomiten-100", KRAUTS / "KRAUTS_Dolomiten-100_Heideltime")
    assert n == 100
    assert ours.value_accuracy >= heidel.value_accuracy
    assert ours.relaxed.f1 >= heidel.relaxed.f1
