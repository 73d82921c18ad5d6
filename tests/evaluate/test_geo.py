"""GeoWebNews reader and end-to-end geocoding scores."""

import pytest

from eventwire.evaluate.geo import match_toponyms, read_geowebnews, score_geo
from eventwire.records import Mention, Place

GWN = """<?xml version="1.0" ?>
<articles>
 <article file="7">
  <title>T</title><link>http://x</link>
  <text>Talks in Berlin and Paris, then Springfield.</text>
  <toponyms>
   <toponym><extractedName>Berlin</extractedName><type>Literal</type><start>9</start><end>15</end>
     <geonamesID>2950159</geonamesID><latitude>52.52437</latitude><longitude>13.41053</longitude></toponym>
   <toponym><extractedName>Paris</extractedName><type>Literal</type><start>20</start><end>25</end>
     <geonamesID>2988507</geonamesID><latitude>48.85341</latitude><longitude>2.3488</longitude></toponym>
   <toponym><extractedName>Springfield</extractedName><type>Literal</type><start>32</start><end>43</end>
     <geonamesID/><latitude>39.80172</latitude><longitude>-89.64371</longitude></toponym>
   <toponym><extractedName>Talks</extractedName><type>Non_Toponym</type><start>0</start><end>5</end></toponym>
  </toponyms>
 </article>
</articles>
"""


def place(name, lat, lon, gid=None):
    return Place(name=name, lat=lat, lon=lon, geonameid=gid)


def test_reader_keeps_toponyms_with_coordinates(tmp_path):
    path = tmp_path / "GWN.xml"
    path.write_text(GWN, encoding="utf-8")
    (art,) = read_geowebnews(path)
    assert art.doc_id == "gwn-7"
    assert [t.name for t in art.toponyms] == ["Berlin", "Paris", "Springfield"]
    assert art.text[art.toponyms[0].start:art.toponyms[0].end] == "Berlin"
    assert art.toponyms[2].geonameid is None


def test_scores_end_to_end(tmp_path):
    path = tmp_path / "GWN.xml"
    path.write_text(GWN, encoding="utf-8")
    (art,) = read_geowebnews(path)
    mentions = [
        Mention(doc_id="gwn-7", start=9, end=15, text="Berlin", label="LOC", place=place("Berlin", 52.52437, 13.41053, 2950159)),
        # Paris resolved to Paris, Texas: ~7,800 km off, wrong id
        Mention(doc_id="gwn-7", start=20, end=25, text="Paris", label="LOC", place=place("Paris TX", 33.66094, -95.55551, 4717560)),
        # a place mention without coordinates does not count; Springfield stays unresolved
        Mention(doc_id="gwn-7", start=32, end=43, text="Springfield", label="LOC", place=Place(name="Springfield")),
    ]
    results = match_toponyms(art, mentions)
    assert results[0].error_km == pytest.approx(0.0, abs=1e-6)
    assert results[1].error_km > 7000
    assert results[2].predicted is None
    report = score_geo([art], {"eventwire": {"gwn-7": mentions}, "nothing": {}}, dataset="gwn", gold="g", source="p", n_boot=20)
    assert report.get("acc_161km").value == 0.5
    assert report.get("acc_161km_e2e").value == pytest.approx(1 / 3)
    assert report.get("toponym_recall").value == pytest.approx(2 / 3)
    assert report.get("exact_geonameid").value == 0.5
    assert report.get("median_error_km").value == pytest.approx(results[1].error_km / 2)
    assert report.get("place_precision").value == 1.0
    assert report.get("toponym_recall", system="nothing").value == 0.0
