import gzip
import io
import json

import pytest

from eventwire.ingest import Failure, detect_format, parse_published, read_inputs
from eventwire.ingest.base import InputError
from eventwire.records import Document


def _read(path, **kw):
    items = list(read_inputs([path], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Failure)]


def test_jsonl_good_and_malformed_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "x1", "title": "T", "text": "Erster Text.", "date": "2023-09-12", "url": "http://u",
                    "source": "dpa", "language": "de"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "x3", "text": ""}) + "\n"
        + json.dumps({"id": "x4", "text": "Vierter.", "date": "2023-09"}) + "\n"
    )
    docs, fails = _read(p)
    assert [d.doc_id for d in docs] == ["x1", "x4"]
    assert docs[0].published == "2023-09-12" and docs[0].published_precision == "day"
    assert docs[0].publication == "dpa" and docs[0].language == "de" and docs[0].url == "http://u"
    assert docs[1].published_precision == "month"
    assert [(f.line, "malformed JSON" in f.reason or "no article text" in f.reason) for f in fails] == [
        (2, True), (3, True)]
    assert all(f.source == str(p) for f in fails)


def test_empty_binary_and_wrong_encoding(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin.txt").write_bytes("Größere Straße in Köln.".encode("cp1252"))
    docs, fails = _read(tmp_path)
    assert [d.body for d in docs] == ["Größere Straße in Köln."]
    reasons = {f.source.rsplit("/", 1)[1]: f.reason for f in fails}
    assert reasons["empty.txt"] == "empty input"
    assert "binary" in reasons["bin.txt"]


def test_size_limit_names_the_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000)
    docs, fails = _read(p, max_bytes=1000)
    assert docs == [] and "over the" in fails[0].reason and fails[0].source == str(p)


def test_missing_file_is_a_failure_not_a_crash(tmp_path):
    docs, fails = _read(tmp_path / "nope.txt")
    assert docs == [] and fails[0].reason == "no such file"


HTML = """<!DOCTYPE html><html><head><title>Gipfel in Wladiwostok</title>
<meta property="article:published_time" content="2023-09-13T08:00:00Z"></head><body>
<nav>Home | Politik</nav><article><h1>Gipfel in Wladiwostok</h1>
<p>Der nordkoreanische Machthaber Kim Jong Un hat sich am Mittwoch mit Präsident Wladimir Putin getroffen.
Die beiden sprachen nach Angaben des Kremls mehrere Stunden lang über militärische Zusammenarbeit.</p>
<p>Beobachter in Seoul und Washington zeigten sich besorgt über mögliche Waffenlieferungen an Russland,
die gegen Sanktionen des UN-Sicherheitsrats verstoßen würden.</p></article>
<footer>Impressum</footer></body></html>"""


def test_html_main_text_and_date(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(HTML)
    docs, fails = _read(p)
    assert not fails
    (doc,) = docs
    assert "Kim Jong Un" in doc.body and "Impressum" not in doc.body and "Home | Politik" not in doc.body
    assert doc.published == "2023-09-13" and doc.title == "Gipfel in Wladiwostok"


def test_truncated_html_gives_a_clear_failure(tmp_path):
    p = tmp_path / "cut.html"
    p.write_text("<html><head><title>x</title></head><body><div>")
    docs, fails = _read(p)
    assert docs == [] and "no article text" in fails[0].reason


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>en-us</language>
<item><title>Talks</title><link>http://e/1</link><pubDate>Tue, 12 Sep 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Leaders met in Vladivostok for talks.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>http://e/2</link><description></description></item>
</channel></rss>"""


def test_rss_entries(tmp_path):
    p = tmp_path / "f.rss"
    p.write_text(RSS)
    docs, fails = _read(p)
    assert [d.body for d in docs] == ["Leaders met in Vladivostok for talks."]
    assert docs[0].published == "2023-09-12" and docs[0].url == "http://e/1" and docs[0].publication == "Wire"
    assert docs[0].language == "en"
    assert len(fails) == 1 and fails[0].line == 2


def test_warc_html_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, body, ctype in (("http://e/a", HTML.encode(), "text/html; charset=utf-8"),
                             ("http://e/b.png", b"\x89PNG....", "image/png")):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(buf.getvalue())
    assert detect_format(p) == "warc"
    docs, fails = _read(p)
    assert [d.url for d in docs] == ["http://e/a"] and not fails
    assert docs[0].source_format == "warc"


def test_corrupt_warc(tmp_path):
    p = tmp_path / "bad.warc.gz"
    p.write_bytes(gzip.compress(b"this is not a warc file"))
    docs, fails = _read(p)
    assert docs == [] and len(fails) == 1


@pytest.mark.parametrize(
    "raw, expected",
    [("2023-09", ("2023-09", "month")), ("2023", ("2023", "year")), ("2023-09-12T10:00:00Z", ("2023-09-12", "day")),
     ("Tue, 12 Sep 2023 08:00:00 GMT", ("2023-09-12", "day")), (None, (None, None))],
)
def test_parse_published_keeps_precision(raw, expected):
    assert parse_published(raw) == expected


def test_parse_published_rejects_nonsense():
    with pytest.raises(InputError):
        parse_published("2023-13")


def test_same_text_same_id(tmp_path):
    (tmp_path / "a.txt").write_text("Gleicher Text.  ")
    (tmp_path / "b.txt").write_text("Gleicher   Text.")
    docs, _ = _read(tmp_path)
    assert docs[0].doc_id == docs[1].doc_id
