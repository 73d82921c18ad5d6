"""``eventwire extract/ingest --workers N``: the same output as one process, stored once by the parent."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()

TEXTS = ["Die Regierung in Berlin beriet am Montag über Hilfen.", "Government officials met in London on Monday.",
         "Le gouvernement s'est réuni à Paris lundi matin.", "Der Kanzler reiste am Dienstag nach Washington.",
         "The minister flew to Tokyo for talks on trade."]


def _inputs(tmp_path):
    lines = [json.dumps({"id": f"n{i}", "text": f"{TEXTS[i % 5]} Meldung {i}."}) for i in range(23)]
    lines.insert(9, "{broken")
    lines.append(json.dumps({"id": "dup", "text": f"{TEXTS[0]} Meldung 0."}))  # same article as n0
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "cfg.toml").write_text('[pipeline]\nstages = ["language"]\nbatch_size = 2\n')
    return [str(tmp_path / "in.jsonl"), "-c", str(tmp_path / "cfg.toml")]


def test_extract_with_workers_matches_one_process(tmp_path):
    args = ["extract", "--documents", *_inputs(tmp_path)]
    one = runner.invoke(app, [*args, "--workers", "1"])
    two = runner.invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the broken line
    assert two.stdout == one.stdout and len(two.stdout.splitlines()) == 24
    assert "in.jsonl:10: malformed JSON" in two.stderr
    assert two.stderr == one.stderr and "24 read, 19 coded" in two.stderr and "5 skipped (language)" in two.stderr


def test_ingest_with_workers_stores_the_same_as_one_process(tmp_path):
    inputs = _inputs(tmp_path)
    dumps = []
    for workers in ("1", "2"):
        db = tmp_path / f"s{workers}.db"
        result = runner.invoke(app, ["ingest", *inputs, "--db", str(db), "--workers", workers])
        assert result.exit_code == 1, result.output
        assert "1 already stored" in result.stderr and "1 failed" in result.stderr
        again = runner.invoke(app, ["ingest", *inputs, "--db", str(db), "--workers", workers])
        assert "24 already stored" in again.stderr
        out = runner.invoke(app, ["export", "--db", str(db), "--what", "documents"])
        dumps.append([json.loads(x)["doc_id"] for x in out.stdout.splitlines()])
    assert dumps[0] == dumps[1] == [f"n{i}" for i in range(23)]
