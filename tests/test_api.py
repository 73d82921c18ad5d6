from pathlib import Path

from eventwire.api import extract
from eventwire.pipeline import Pipeline


def _light() -> Pipeline:
    return Pipeline(stages=["language"])


def test_a_long_one_line_text_is_a_text_not_a_file_name():
    # longer than a file name may be (255 bytes): asking the file system about it raises ENAMETOOLONG
    text = "The government said on Monday that talks with the rebels would resume next week. " * 5
    docs = extract(text.strip(), pipeline=_light())
    assert len(docs) == 1
    assert docs[0].body.startswith("The government said on Monday")
    assert docs[0].language == "en"


def test_an_existing_path_is_read_as_a_file(tmp_path: Path):
    f = tmp_path / "report.txt"
    f.write_text("Die Regierung in Berlin hat am Montag neue Gespräche angekündigt.", encoding="utf-8")
    docs = extract(str(f), pipeline=_light())
    assert len(docs) == 1
    assert "neue Gespräche" in docs[0].body
    assert docs[0].language == "de"
