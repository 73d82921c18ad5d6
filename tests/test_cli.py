import json

from typer.testing import CliRunner

from eventwire.cli import app
from tests.conftest import EXAMPLE, SEED_GOLD, needs_shared

runner = CliRunner()


@needs_shared
def test_extract_documents_matches_gold_metadata():
    result = runner.invoke(app, ["extract", "--documents", "--stages", "language", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[0])
    gold = json.loads(SEED_GOLD.read_text())["metadata"]
    assert record["language"] == gold["language"]
    assert record["publication"] == gold["publisher"]
    assert record["published"] == "2023-09" and record["published_precision"] == "month"
    assert record["authors"] == gold["authors"] and record["editors"] == gold["editors"]


def test_bad_inputs_are_listed_and_set_the_exit_status(tmp_path):
    (tmp_path / "good.txt").write_text("The leaders met in Berlin on Monday to discuss trade.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "lines.jsonl").write_text('{"id": "a", "text": "Ein guter Text über Politik."}\n{broken\n')
    result = runner.invoke(app, ["extract", "--documents", "--stages", "language", str(tmp_path)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert sorted(r["language"] for r in records) == ["de", "en"]
    assert "empty.txt: empty input" in result.stderr
    assert "lines.jsonl:2: malformed JSON" in result.stderr


def test_strict_stops_at_first_failure(tmp_path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_good.txt").write_text("The leaders met in Berlin on Monday to discuss trade.")
    result = runner.invoke(app, ["extract", "--documents", "--strict", "--stages", "language", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout.strip() == ""
    assert "stopped (--strict)" in result.stderr


def test_ingest_export_show_roundtrip(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "n1", "text": "Die Regierung in Berlin beriet am Montag.", "date": "2023-09-11"}\n'
                   '{"id": "n2", "text": "Government officials met in London on Monday.", "date": "2023-09-11"}\n')
    db = tmp_path / "s.db"
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--stages", "language"])
        assert result.exit_code == 0, result.output
    assert "2 already stored" in result.stderr
    result = runner.invoke(app, ["export", "--db", str(db), "--what", "documents"])
    docs = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert [d["doc_id"] for d in docs] == ["n1", "n2"] and docs[0]["published_precision"] == "day"
    result = runner.invoke(app, ["show", "n2", "--db", str(db)])
    assert json.loads(result.stdout)["document"]["language"] == "en"
    result = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert result.exit_code == 1


def test_schema_and_config_show(tmp_path):
    result = runner.invoke(app, ["schema", "Event"])
    schema = json.loads(result.stdout)
    assert {"event", "actor", "recipient", "modality", "attributed_to", "evidence", "date_precision"} <= set(
        schema["properties"])
    result = runner.invoke(app, ["config", "show"])
    assert "[pipeline]" in result.stdout and "stages" in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline]\nstagez = []\n")
    result = runner.invoke(app, ["config", "show", "-c", str(bad)])
    assert result.exit_code == 2 and "stagez" in result.stderr


def test_unknown_stage_is_a_clear_error():
    result = runner.invoke(app, ["extract", "--stages", "language,nosuch", "-"], input="x")
    assert result.exit_code == 2 and "unknown stage 'nosuch'" in result.stderr
