import json

import pytest

from eventwire.ingest import read_inputs
from eventwire.ingest.wire import parse_wire, read_text, split_names
from tests.conftest import EXAMPLE, SEED_GOLD, needs_shared

GERMAN = (
    " date 2023-09 (Reuters) - Der Zug kam am Dienstag an.\n\nZweiter Absatz.\n\n"
    "(Bericht von: Lidia Kelly, Sabine Ehrhardt. Redigiert von Olaf Brenner. Bei Rückfragen wenden Sie sich "
    "bitte an unsere Redaktion unter berlin.newsroom@thomsonreuters.com (für Politik) oder "
    "frankfurt.newsroom@thomsonreuters.com (für Unternehmen)"
)


def test_german_wire_header_and_trailer():
    fields = parse_wire(GERMAN)
    assert fields["published"] == "2023-09"
    assert fields["publication"] == "Reuters"
    assert fields["authors"] == ["Lidia Kelly", "Sabine Ehrhardt"]
    assert fields["editors"] == ["Olaf Brenner"]
    assert fields["body"] == "Der Zug kam am Dienstag an.\n\nZweiter Absatz."
    assert "@" not in fields["body"]


def test_english_trailer_with_and():
    text = "WASHINGTON (Reuters) - Officials met on Monday.\n(Reporting by Jane Doe and Max Roe; Editing by Ann Lee)"
    doc = read_text(text, source="t")
    assert doc.publication == "Reuters"
    assert doc.authors == ["Jane Doe", "Max Roe"]
    assert doc.editors == ["Ann Lee"]
    assert doc.body == "Officials met on Monday."
    assert doc.published is None


def test_month_precision_is_kept():
    doc = read_text(GERMAN, source="t")
    assert (doc.published, doc.published_precision) == ("2023-09", "month")


def test_plain_text_is_not_mangled():
    text = "Ein Artikel ohne Kopf (und mit Klammern).\nZweite Zeile."
    doc = read_text(text, source="t")
    assert doc.body == text
    assert doc.publication is None and doc.authors == []


def test_split_names_drops_emails():
    assert split_names("A B, C D und E F x@y.com") == ["A B", "C D", "E F"]


@needs_shared
def test_example_metadata_matches_gold():
    gold = json.loads(SEED_GOLD.read_text())["metadata"]
    (doc,) = list(read_inputs([EXAMPLE]))
    assert doc.publication == gold["publisher"]
    assert doc.published == gold["published"]["value"]
    assert doc.published_precision == gold["published"]["precision"]
    assert doc.authors == gold["authors"]
    assert doc.editors == gold["editors"]
    assert "thomsonreuters.com" not in doc.body and "Bericht von" not in doc.body
    assert doc.body.startswith("Der nordkoreanische Machthaber")
    assert doc.body.endswith("Einfluss auf Nordkorea.")
