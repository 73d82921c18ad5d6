"""Attribution chains: the hand-written context test set plus small rule checks.

Each item's ``attribution`` lists the sources outermost first, as ``{text, kind}``. Texts are compared
after normalisation: case-folded, surrounding punctuation and whitespace removed, and one leading
article stripped (der/die/das/des/dem/den/ein/eine/einer/eines/einem/einen/the/a/an), so
"die staatliche Nachrichtenagentur Interfax" and "staatliche Nachrichtenagentur Interfax" match.
Items with a ``context`` are Konjunktiv-I sentences: the context (the preceding sentence) holds the
reporting clause and the chain expected for the item is the inherited one.

Items with ``"split": "heldout"`` were written after the rules were first tuned; their first
measurement (before any further change) was attribution 35/41 = 0.854.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eventwire.coding.attribution import (
    attributions,
    classify_source,
    find_sources,
    inherit_reported_speech,
    is_reported_speech,
)
from eventwire.records import Attribution, EntityLink

CASES_PATH = Path(__file__).parent / "data" / "context_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
KINDS = ("agency", "media", "official", "person", "unnamed")

# Measured on 212 items: 212/212 = 1.000 (held-out 41/41 after fixes, 35/41 before). Keep just below.
MIN_ACCURACY = 0.97

_ARTICLE = re.compile(r"^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|the|a|an)\s+", re.I)


def norm(text: str) -> str:
    text = " ".join(text.strip(" .,;:").split())
    return _ARTICLE.sub("", text).casefold()


def _predict(case: dict) -> list[tuple[str, str]]:
    lang = case["lang"]
    if "context" in case:
        sentences = [case["context"], case["text"]]
        chains = inherit_reported_speech(sentences, lang, [attributions(s, lang) for s in sentences])
        chain = chains[-1]
    else:
        chain = attributions(case["text"], lang)
    return [(norm(a.text), a.kind) for a in chain]


def _expected(case: dict) -> list[tuple[str, str]]:
    return [(norm(a["text"]), a["kind"]) for a in case["attribution"]]


# ------------------------------------------------------------------------------------------ the set


def test_set_covers_the_issue() -> None:
    """Every attribution form and kind of the issue appears, with valid source phrases."""
    kinds = Counter(a["kind"] for c in CASES for a in c["attribution"])
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 8, kinds
    for c in CASES:
        where = c.get("context", "") + " " + c["text"]
        for a in c["attribution"]:
            assert a["text"] in where, (c["id"], a["text"])
        assert a_kinds_valid(c)
    texts = " ".join(c.get("context", "") + " " + c["text"] for c in CASES)
    for form in ("zufolge", "Laut ", "Nach Angaben", "Unter Berufung auf", ", meldete", ", sagte", " sagte,",
                 "So sagte", "According to", "citing", " said.", ", said ", "told reporters", "quoted",
                 "dementierte", "denied", "Wie die"):
        assert form in texts, f"the set lacks a {form!r} case"
    assert sum(len(c["attribution"]) >= 2 for c in CASES) >= 10  # nested chains
    assert sum("context" in c for c in CASES) >= 5  # Konjunktiv I inheritance


def a_kinds_valid(case: dict) -> bool:
    return all(a["kind"] in KINDS for a in case["attribution"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_attribution_case(case: dict) -> None:
    assert _predict(case) == _expected(case), case["text"]


def test_attribution_accuracy() -> None:
    ok = [_predict(c) == _expected(c) for c in CASES]
    accuracy = sum(ok) / len(ok)
    per_kind: dict[str, list[bool]] = {}
    for c in CASES:
        pred = dict(_predict(c))
        for text, kind in _expected(c):
            per_kind.setdefault(kind, []).append(pred.get(text) == kind)
    for kind, hits in sorted(per_kind.items()):
        print(f"attribution source {kind:9s} {sum(hits)}/{len(hits)}")
    print(f"attribution chain accuracy {sum(ok)}/{len(ok)} = {accuracy:.3f}")
    assert accuracy >= MIN_ACCURACY


# -------------------------------------------------------------------------------------- rule checks


def _chain(sentence: str, lang: str) -> list[tuple[str, str]]:
    return [(a.text, a.kind) for a in attributions(sentence, lang)]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("de", "Die Ukraine erklärte 1991 ihre Unabhängigkeit.", []),  # an event, not a report
        ("de", "Er sagte, die Armee habe sich zurückgezogen.", []),  # pronouns are not sources
        ("en", "He said the army had withdrawn.", []),
        ("en", "Hamas threatened to kill the hostages.", []),  # a threat is an act, not a report
        ("de", "Wie die Polizei am Abend mitteilte, wurden zwei Männer festgenommen.", [("Polizei", "official")]),
        ("de", "Der Minister sagte der Bild-Zeitung, man werde die Hilfe aufstocken.",
         [("Bild-Zeitung", "media"), ("Minister", "official")]),
        ("en", "Police said two people were arrested, the BBC reported.", [("BBC", "media"), ("Police", "official")]),
        ("en", "Protesters said they would return on Sunday.", [("Protesters", "unnamed")]),
        ("en", "The ministry said on Tuesday that the drills had ended.", [("ministry", "official")]),
    ],
)
def test_rules(lang: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _chain(sentence, lang) == expected


def test_find_sources_spans_and_frames() -> None:
    s = "Reuters, citing Interfax, reported that the ministers met."
    found = find_sources(s, "en")
    assert [(f.text, f.frame) for f in found] == [("Reuters", "speaker"), ("Interfax", "cited")]
    assert all(s[f.start:f.end] == f.text for f in found)


def test_classify_source_kinds_and_link() -> None:
    assert classify_source("Nachrichtenagentur Interfax", None) == "agency"
    assert classify_source("Zeitung Kommersant", None) == "media"
    assert classify_source("Sicherheitskreise", None) == "unnamed"
    assert classify_source("Regierungssprecher Steffen Hebestreit", None) == "official"
    assert classify_source("Anwohnerin Maria Kowalska", None) == "person"
    assert classify_source("Russland", None) == "official"  # a state speaking
    # a link from the knowledge base decides over the words
    assert classify_source("Meduza", EntityLink(kb_id="x", kind="media", sector="MED")) == "media"
    assert classify_source("Peskow", EntityLink(kb_id="y", kind="person", sector="GOV")) == "official"


def test_linker_fills_code_and_sector() -> None:
    calls: list[tuple[str, str]] = []

    def linker(text: str, lang: str) -> EntityLink | None:
        calls.append((text, lang))
        return EntityLink(kb_id="kremlin", code="RUS", sector="GOV", kind="org") if text == "Kreml" else None

    chain = attributions("Laut dem Kreml telefonierte Putin mit Erdogan.", "de", linker)
    assert calls == [("Kreml", "de")]
    assert chain == [Attribution(text="Kreml", kind="official", code="RUS", sector="GOV")]


# ---------------------------------------------------------------------------------- reported speech


def test_is_reported_speech() -> None:
    assert is_reported_speech("Der Zug habe die Station ohne Halt durchfahren.", "de")
    assert is_reported_speech("Russland ziehe weitere Truppen zusammen.", "de")  # regular Konjunktiv I
    assert not is_reported_speech("Der Konvoi erreichte die Stadt.", "de")  # preterite in -te
    assert not is_reported_speech("Am Morgen räumten Helfer die Trümmer.", "de")
    assert not is_reported_speech("„Ich habe nichts gewusst“, sagte er.", "de")  # a direct quote
    assert not is_reported_speech("The train had passed the station.", "en")


def test_inherit_reported_speech_carries_and_stops() -> None:
    peskow = [Attribution(text="Kremlsprecher Dmitri Peskow", kind="official")]
    sentences = [
        "Kremlsprecher Dmitri Peskow sagte am Montag, die Gespräche seien konstruktiv gewesen.",
        "Russland werde die Angriffe aber fortsetzen.",
        "Eine Waffenruhe sei nicht geplant.",
        "Am Dienstag griffen russische Truppen erneut Charkiw an.",  # indicative: a new claim of the text
        "Die Stadt sei schwer getroffen worden.",  # nothing to inherit any more
    ]
    chains = [attributions(s, "de") for s in sentences]
    assert chains[0] == peskow and chains[1:] == [[], [], [], []]
    out = inherit_reported_speech(sentences, "de", chains)
    assert out == [peskow, peskow, peskow, [], []]
    assert out[1] is not chains[0]  # copies, not the caller's lists


def test_inherit_reported_speech_restarts_at_a_new_chain() -> None:
    a = [Attribution(text="Polizei", kind="official")]
    b = [Attribution(text="Staatsanwaltschaft", kind="official")]
    sentences = ["Laut Polizei gab es Verletzte.", "Es habe drei Festnahmen gegeben.",
                 "Laut Staatsanwaltschaft wurde ermittelt.", "Der Täter sei bekannt."]
    assert inherit_reported_speech(sentences, "de", [a, [], b, []]) == [a, a, b, b]


def test_inherit_reported_speech_english_and_errors() -> None:
    a = [Attribution(text="police", kind="official")]
    assert inherit_reported_speech(["Police said it.", "The man had fled."], "en", [a, []]) == [a, []]
    with pytest.raises(ValueError, match="2 sentences but 1 chains"):
        inherit_reported_speech(["a", "b"], "de", [[]])
