"""Modality of events: the hand-written context test set plus small rule checks.

The set (tests/coding/data/context_cases.jsonl) holds German and English news sentences written for
this test, each with its event trigger, the expected modality and the expected attribution chain.
Conventions it follows are documented in eventwire.coding.modality (``soll`` + perfect infinitive is
hearsay -> hypothetical; ``soll`` + infinitive -> planned; explicit years count as historical when at
least two years before ``report_year``, or before 2000 when no report year is given).

Items with ``"split": "heldout"`` were written after the rules were first tuned; their first
measurement (before any further change) was modality 37/41 = 0.902.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eventwire.coding.modality import detect_modality

CASES_PATH = Path(__file__).parent / "data" / "context_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
MODALITIES = ("asserted", "planned", "hypothetical", "negated", "historical")

# Measured on 212 items: 212/212 = 1.000 (held-out 41/41 after fixes, 37/41 before). Keep just below.
MIN_ACCURACY = 0.97


def _predict(case: dict) -> str:
    text, trigger = case["text"], case["trigger"]
    start = text.index(trigger)
    modality, _ = detect_modality(text, start, start + len(trigger), case["lang"],
                                  report_year=case.get("report_year"))
    return modality


# ------------------------------------------------------------------------------------------ the set


def test_set_covers_the_issue() -> None:
    """At least 100 sentences, about half German, every modality at least 12 times, valid triggers."""
    assert len(CASES) >= 120
    langs = Counter(c["lang"] for c in CASES)
    assert set(langs) == {"de", "en"} and min(langs.values()) >= 0.4 * len(CASES)
    mods = Counter(c["modality"] for c in CASES)
    assert set(mods) == set(MODALITIES)
    assert min(mods.values()) >= 12, mods
    assert len({c["id"] for c in CASES}) == len(CASES)
    for c in CASES:
        assert c["trigger"] in c["text"], c["id"]
    texts = " ".join(c["text"] for c in CASES).lower()
    for cue in ("geplant", "soll", "will", "plans", "is due to", "könnte", "dürfte", "würde", "could", "may",
                "might", "would", "nicht", "kein", "dementierte", "denied", "did not", "im Jahr 1991", "in 1991",
                "Während des Kalten Krieges", "in the 1990s", "nicht nur", "Not only", "Kein Wunder", "no wonder",
                "political will", " wird ", "wurde am Bahnhof von Lwiw angegriffen"):
        assert cue.lower() in texts, f"the set lacks a {cue!r} case"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_modality_case(case: dict) -> None:
    assert _predict(case) == case["modality"], case["text"]


def test_modality_accuracy() -> None:
    by_class: dict[tuple[str, str], list[bool]] = {}
    for c in CASES:
        by_class.setdefault((c["lang"], c["modality"]), []).append(_predict(c) == c["modality"])
    hits = [ok for oks in by_class.values() for ok in oks]
    accuracy = sum(hits) / len(hits)
    for (lang, modality), oks in sorted(by_class.items()):
        print(f"modality {lang} {modality:12s} {sum(oks)}/{len(oks)}")
    print(f"modality accuracy {sum(hits)}/{len(hits)} = {accuracy:.3f}")
    assert accuracy >= MIN_ACCURACY


# -------------------------------------------------------------------------------------- rule checks


def _mod(text: str, trigger: str, lang: str, **kw) -> str:
    start = text.index(trigger)
    return detect_modality(text, start, start + len(trigger), lang, **kw)[0]


@pytest.mark.parametrize(
    ("lang", "text", "trigger", "expected"),
    [
        ("de", "Seit 1991 ist die Ukraine unabhängig.", "unabhängig", "asserted"),  # ongoing, not history
        ("de", "Bei dem Erdbeben starben 1994 Menschen.", "starben", "asserted"),  # a count, not a year
        ("en", "The UN adopted resolution 2334 on Friday.", "adopted", "asserted"),
        ("en", "The bridge was damaged in May and repaired later.", "damaged", "asserted"),  # May the month
        ("en", "The bridge may be damaged.", "damaged", "hypothetical"),
        ("de", "Die Truppen zogen ab, ohne die Brücke zu zerstören.", "zerstören", "negated"),
        ("de", "Die Truppen zogen ab, ohne die Brücke zu zerstören.", "zogen", "asserted"),
        ("en", "The troops left without destroying the bridge.", "destroying", "negated"),
        ("en", "Germany won't deliver Taurus missiles.", "deliver", "negated"),
        ("de", "Russland drohte mit Vergeltung.", "Vergeltung", "hypothetical"),
        ("de", "Russland drohte mit Vergeltung.", "drohte", "asserted"),  # the threat itself happened
        ("de", "Die Stadt wird seit Wochen belagert.", "belagert", "asserted"),  # present passive
        ("de", "Die Ukraine wird weitere Patriot-Systeme bekommen.", "bekommen", "planned"),
        ("en", "It was not the first attack on the plant.", "attack", "asserted"),
        ("en", "The will of the people must be respected, and the army withdrew.", "withdrew", "asserted"),
        ("de", "Ein möglicher Angriff auf die Stadt wird erwartet.", "Angriff", "hypothetical"),
        ("de", "Der mutmaßliche Täter griff zwei Polizisten an.", "griff", "asserted"),
        ("en", "Suspected militants attacked a checkpoint.", "attacked", "asserted"),
        ("en", "Officials warned of a possible Russian attack.", "attack", "hypothetical"),
    ],
)
def test_rules(lang: str, text: str, trigger: str, expected: str) -> None:
    assert _mod(text, trigger, lang) == expected


def test_report_year_decides_recent_years() -> None:
    text = "Russland annektierte im Jahr 2014 die Krim."
    assert _mod(text, "annektierte", "de", report_year=2024) == "historical"
    assert _mod(text, "annektierte", "de", report_year=2015) == "asserted"
    assert _mod(text, "annektierte", "de") == "asserted"  # no report year: only years before 2000 count
    assert _mod("Russia annexed Crimea in 1999.", "annexed", "en") == "historical"


def test_historical_date_flag_and_cues() -> None:
    text = "Truppen griffen das Dorf an."
    assert _mod(text, "griffen", "de") == "asserted"
    modality, cues = detect_modality(text, 8, 15, "de", historical_date=True)
    assert modality == "historical" and cues[-1].text == "date"


def test_cues_point_into_text() -> None:
    text = "Das Parlament stimmte dem Abkommen nicht zu, berichtete der Sender."
    start = text.index("stimmte")
    modality, cues = detect_modality(text, start, start + 7, "de")
    assert modality == "negated"
    neg = [c for c in cues if c.modality == "negated"]
    assert neg and text[neg[0].start:neg[0].end] == "nicht"


def test_window_limits_cues() -> None:
    text = "Die Armee griff an. Die Regierung will verhandeln."
    start = text.index("griff")
    assert _mod(text, "griff", "de") == "asserted"
    assert detect_modality(text, start, start + 5, "de", window=(0, len(text)))[0] == "planned"


def test_negation_outranks_history_and_history_outranks_plans() -> None:
    assert _mod("Im Jahr 1991 wollte die Armee die Stadt einnehmen.", "einnehmen", "de") == "historical"
    assert _mod("In 1991 the army did not enter the city.", "enter", "en") == "negated"
