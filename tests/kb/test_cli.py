"""The `eventwire kb` sub-app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.kb.cli import app

DATA = Path(__file__).parent / "data"


def test_lookup_json_shows_candidates_and_reasons(kb):
    r = CliRunner().invoke(app, ["lookup", "Putins", "--lang", "de", "--date", "2023-09", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["actors"][0]["kb_id"] == "putin" and out["actors"][0]["reason"]
    r = CliRunner().invoke(app, ["lookup", "Wladiwostok", "--json"])
    out = json.loads(r.output)
    assert out["places"][0]["geonameid"] == 2013348 and out["places"][0]["reasons"]


def test_lookup_table(kb):
    r = CliRunner().invoke(app, ["lookup", "der US-Präsident", "--lang", "de", "--date", "2019-06"])
    assert r.exit_code == 0 and "trump" in r.output


def test_build_needs_an_input(tmp_path):
    r = CliRunner().invoke(app, ["build", "--out-dir", str(tmp_path)])
    assert r.exit_code != 0


def test_build_from_extracts(tmp_path):
    r = CliRunner().invoke(app, ["build", "--wikidata", str(DATA / "wikidata_sample.json"), "--geonames",
                                 str(DATA / "geonames_sample.txt"), "--out-dir", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "actors.yaml").exists() and (tmp_path / "gazetteer.sqlite").exists()
