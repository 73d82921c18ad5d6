"""The HTTP API over a hand-made store: filters, detail views, errors, POST, limits and safety."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from eventwire.pipeline import Pipeline
from eventwire.serve import create_app
from eventwire.serve.app import STATIC_DIR
from eventwire.serve.security import check_bind, is_loopback

BASE = "http://127.0.0.1:8765"
TOKEN = "a-long-enough-test-token"


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path, read_only=True), base_url=BASE) as c:
        yield c


@pytest.fixture
def writer(fresh_store):
    app = create_app(fresh_store, pipeline=Pipeline(stages=["language"]), max_body_bytes=4000)
    with TestClient(app, base_url=BASE) as c:
        yield c


def ids(client, url: str) -> list[str]:
    resp = client.get(url)
    assert resp.status_code == 200, resp.text
    return sorted(e["id"] for e in resp.json()["items"])


ALL = ["ev-2019", "ev-arms", "ev-assault", "ev-consult", "ev-sanction"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ALL),
        ("event=ASSAULT", ["ev-assault"]),
        ("event=ASSAULT&event=SANCTION", ["ev-assault", "ev-sanction"]),
        ("actor=PRK", ["ev-2019", "ev-arms", "ev-consult"]),
        ("recipient=UKR", ["ev-assault"]),
        ("actor_sector=MIL", ["ev-assault"]),
        ("recipient_sector=CVL", ["ev-assault"]),
        ("actor=EUR&recipient=RUS", ["ev-sanction"]),
        ("modality=planned&modality=hypothetical", ["ev-arms", "ev-sanction"]),
        ("start=2024-01-01", ["ev-assault", "ev-sanction"]),
        ("end=2023-09", ["ev-2019", "ev-arms", "ev-consult"]),
        ("start=2023&end=2023", ["ev-arms", "ev-consult"]),
        ("bbox=-10,35,40,60", ["ev-assault", "ev-sanction"]),  # Europe: Kyiv and Brussels
        ("bbox=120,30,140,50", ["ev-2019", "ev-consult"]),  # Vladivostok
        ("q=missiles", ["ev-assault"]),
        ("q=Wladiwostok", ["ev-2019", "ev-arms", "ev-consult"]),
        ("story=story-kim", ["ev-arms", "ev-consult"]),
        ("event=CONSULT&modality=historical", ["ev-2019"]),
        ("event=AGREE", []),
    ],
)
def test_event_filters(client, query, expected):
    assert ids(client, f"/api/events?{query}") == expected


def test_pagination_and_sorting(client):
    page = client.get("/api/events?sort=date&order=asc&limit=2&offset=0").json()
    assert page["total"] == 5 and [e["id"] for e in page["items"]] == ["ev-2019", "ev-arms"]
    page = client.get("/api/events?sort=date&order=asc&limit=2&offset=4").json()
    assert [e["id"] for e in page["items"]] == ["ev-sanction"]
    top = client.get("/api/events?sort=confidence&order=desc&limit=1").json()["items"]
    assert top[0]["id"] == "ev-consult"


@pytest.mark.parametrize(
    "query, words",
    [
        ("limit=0", ["limit", "greater than or equal to 1"]),
        ("limit=501", ["limit", "less than or equal to 500"]),
        ("offset=-1", ["offset"]),
        ("event=FIGHT", ["event", "ASSAULT"]),
        ("modality=rumoured", ["modality", "asserted"]),
        ("sort=colour", ["sort"]),
        ("order=up", ["order"]),
        ("start=2023-13", ["start", "month"]),
        ("start=2023-02-30", ["start", "not a date"]),
        ("start=yesterday", ["start", "pattern"]),
        ("start=2024&end=2023", ["after"]),
        ("bbox=1,2,3", ["bbox", "four numbers"]),
        ("bbox=10,10,0,0", ["bbox", "min_lon <= max_lon"]),
        ("bbox=0,0,200,10", ["bbox"]),
        ("actor=R%20S", ["actor"]),
        ("q=" + "x" * 201, ["q", "200"]),
        ("&".join(["actor=RUS"] * 21), ["actor", "at most 20"]),
    ],
)
def test_bad_parameters_get_422_saying_what_is_wrong(client, query, words):
    resp = client.get(f"/api/events?{query}")
    assert resp.status_code == 422, resp.text
    detail = resp.json()["detail"]
    assert isinstance(detail, str)
    for word in words:
        assert word in detail, f"{word!r} not in {detail!r}"


def test_event_detail_has_evidence_mentions_and_articles(client):
    detail = client.get("/api/events/ev-consult").json()
    event = detail["event"]
    assert event["event"] == "CONSULT" and event["event_loc"]["geonameid"] == 2013348
    assert event["evidence"][0]["trigger"] and event["mentions"][0]["publication"] == "Reuters"
    assert [a["title"] for a in detail["articles"]] == ["Kim Jong Un zu Gesprächen in Russland"]
    missing = client.get("/api/events/no-such-event")
    assert missing.status_code == 404 and "no-such-event" in missing.json()["detail"]


def test_article_view_returns_body_and_spans_that_point_at_the_words(client):
    doc_id = client.get("/api/events/ev-consult").json()["articles"][0]["doc_id"]
    view = client.get(f"/api/articles/{doc_id}").json()
    body = view["body"]
    by_id = {e["id"]: e for e in view["events"]}
    assert sorted(by_id) == ["ev-2019", "ev-arms", "ev-consult"]
    triggers = {eid: [body[s["trigger"]["start"]:s["trigger"]["end"]] for s in e["evidence"]] for eid, e in by_id.items()}
    assert triggers == {"ev-consult": ["Gesprächen"], "ev-arms": ["liefern"], "ev-2019": ["getroffen"]}
    arms = by_id["ev-arms"]
    assert arms["modality"] == "hypothetical"
    assert [a["text"] for a in arms["attributed_to"]] == ["Reuters", "Westliche Beobachter"]
    assert {m["text"] for m in view["mentions"]} == {"Kim Jong Un", "Wladiwostok", "Wladimir Putin"}
    for m in view["mentions"]:
        assert body[m["start"]:m["end"]] == m["text"]
    assert client.get("/api/articles/nope").status_code == 404


def test_article_list_and_search(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 3
    assert [d["published"] for d in page["items"]] == ["2024-02-22", "2024-02-20", "2023-09-13"]
    found = client.get("/api/articles?q=sanctions").json()
    assert [d["title"] for d in found["items"]] == ["EU readies sanctions"]
    assert client.get("/api/articles?language=de").json()["total"] == 1


def test_actors_places_network_and_stories(client):
    actors = {(a["code"], a["sector"]): a for a in client.get("/api/actors").json()}
    assert actors[("PRK", "GOV")]["as_actor"] == 3 and actors[("PRK", "GOV")]["as_recipient"] == 0
    assert "Kim Jong Un" in actors[("PRK", "GOV")]["names"]
    places = {p["place"]: p for p in client.get("/api/places").json()}
    assert places["Vladivostok"]["events"] == 2 and places["Vladivostok"]["event_types"] == {"CONSULT": 2}
    assert set(places) == {"Vladivostok", "Kyiv", "Brussels"}
    assert [p["place"] for p in client.get("/api/places?event=ASSAULT").json()] == ["Kyiv"]
    net = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("PRK", "RUS")]["events"] == 3
    assert edges[("PRK", "RUS")]["event_types"] == {"CONSULT": 2, "AID": 1}
    assert set(edges) == {("PRK", "RUS"), ("RUS", "UKR"), ("EUR", "RUS")}
    assert {n["id"] for n in client.get("/api/network?actor=RUS").json()["nodes"]} == {"RUS", "UKR"}
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1 and stories["items"][0]["events"] == 2
    assert client.get("/api/stories/story-kim").json()["story"]["title"] == "Kim Jong Un visits Russia"
    assert client.get("/api/stories/none").status_code == 404


def test_openapi_spec_lists_the_endpoints_and_no_cdn_docs(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{doc_id}",
                 "/api/actors", "/api/places", "/api/network", "/api/stories"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]
    # Swagger UI / ReDoc would load scripts from a CDN
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_post_processes_and_stores_an_article_once(writer):
    text = "The foreign ministers of France and Germany met in Paris on Monday to discuss energy policy."
    resp = writer.post("/api/articles", json={"text": text, "source": "unit"})
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert (out["read"], out["stored"], out["already_stored"]) == (1, 1, 0)
    (doc,) = out["documents"]
    assert doc["language"] == "en" and doc["status"] == "coded" and doc["source_path"] == "api:unit"
    view = writer.get(f"/api/articles/{doc['doc_id']}").json()
    assert view["body"] == text
    again = writer.post("/api/articles", json={"text": "  " + text}).json()
    assert (again["stored"], again["already_stored"]) == (0, 1)
    assert writer.get("/api/info").json()["counts"]["documents"] == 4


def test_post_jsonl_batch_reports_bad_lines(writer):
    lines = [json.dumps({"id": "a1", "text": "Ein Bericht über Gespräche in Berlin am Montag.", "language": "de"}),
             "{not json", json.dumps({"id": "a2", "text": "A second report about talks in Berlin."})]
    out = writer.post("/api/articles", json={"text": "\n".join(lines), "format": "jsonl"}).json()
    assert out["stored"] == 2 and sorted(d["doc_id"] for d in out["documents"]) == ["a1", "a2"]
    assert len(out["failures"]) == 1 and out["failures"][0]["line"] == 2


@pytest.mark.parametrize(
    "payload, status, words",
    [
        ({"text": ""}, 422, ["text"]),
        ({"text": "   \n  "}, 400, ["nothing could be read", "empty"]),
        ({"text": "x", "format": "pdf"}, 422, ["format"]),
        ({"text": "x", "path": "/etc/passwd"}, 422, ["path"]),
        ({"text": "x", "source": "../../etc/passwd\n"}, 422, ["source"]),
        ({"text": "/etc/hostname", "format": "feed"}, 400, ["XML"]),
        ({"text": "file:///etc/hostname", "format": "feed"}, 400, ["XML"]),
    ],
)
def test_post_refuses_bad_input_with_a_message(writer, payload, status, words):
    resp = writer.post("/api/articles", json=payload)
    assert resp.status_code == status, resp.text
    for word in words:
        assert word in resp.json()["detail"]
    assert writer.get("/api/info").json()["counts"]["documents"] == 3


def test_body_size_limit_announced_or_streamed(writer):
    big = {"text": "Wort " * 2000}
    resp = writer.post("/api/articles", json=big)
    assert resp.status_code == 413 and "4000 bytes" in resp.json()["detail"]

    def chunks():  # no Content-Length: the limit must hold while reading
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    resp = writer.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert resp.status_code == 413
    assert writer.get("/api/info").json()["counts"]["documents"] == 3


def test_read_only_server_refuses_posts(client):
    resp = client.post("/api/articles", json={"text": "Ein kurzer Bericht."})
    assert resp.status_code == 403 and "read-only" in resp.json()["detail"]


def test_token_is_required_on_every_request_when_set(store_path):
    app = create_app(store_path, token=TOKEN, read_only=True)
    with TestClient(app, base_url="http://192.0.2.10:8765") as c:
        for url in ("/api/events", "/", "/static/app.js", "/api/openapi.json"):
            resp = c.get(url)
            assert resp.status_code == 401, url
            assert "token" in resp.json()["detail"]
        assert c.get("/api/events", headers={"Authorization": "Bearer wrong-token-of-some-length"}).status_code == 401
        resp = c.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.json()["total"] == 5 and "set-cookie" not in resp.headers
        assert c.get("/static/app.js").status_code == 401
        # opening the page with ?token= sets an HttpOnly cookie and drops the token from the address
        resp = c.get(f"/?token={TOKEN}", follow_redirects=False)
        assert resp.status_code == 303 and resp.headers["location"] == "/"
        assert "HttpOnly" in resp.headers["set-cookie"] and "SameSite=Strict" in resp.headers["set-cookie"]
        assert c.get("/static/app.js").status_code == 200  # the cookie now carries it


def test_without_token_only_loopback_host_names_are_answered(client):
    assert client.get("/api/info").status_code == 200
    for host in ("localhost:8765", "[::1]:8765", "127.0.0.1"):
        assert client.get("/api/info", headers={"host": host}).status_code == 200, host
    resp = client.get("/api/info", headers={"host": "attacker.example:8765"})
    assert resp.status_code == 400 and "Host" in resp.json()["detail"]


def test_security_headers_keep_the_page_on_its_own_origin(client):
    resp = client.get("/")
    assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "script-src 'self'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                 "/static/%2e%2e/%2e%2e/store/sqlite.py", "/static//etc/passwd"])
def test_static_files_never_leave_the_static_folder(client, url):
    resp = client.get(url)
    assert resp.status_code == 404, (url, resp.status_code)


def test_page_and_assets_reference_only_their_own_server():
    """The page's own files name no outside URL; the vendored libraries ask for none at load."""
    for name in ("index.html", "app.js", "app.css"):
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, name
    for css in STATIC_DIR.glob("vendor/**/*.css"):
        assert "url(http" not in css.read_text(encoding="utf-8").replace(" ", ""), css
    vendored = {p.relative_to(STATIC_DIR / "vendor").as_posix() for p in (STATIC_DIR / "vendor").rglob("*")}
    for needed in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", "world-atlas/countries-110m.json",
                   "topojson-client/topojson-client.min.js", "vis-timeline/vis-timeline-graph2d.min.js",
                   "vis-network/vis-network.min.js"):
        assert needed in vendored, f"{needed} missing: run scripts/vendor_web_assets.sh"


@pytest.mark.parametrize(
    "host, token, ok",
    [
        ("127.0.0.1", None, True), ("localhost", None, True), ("::1", None, True), ("127.0.0.2", None, True),
        ("0.0.0.0", None, False), ("192.168.1.5", None, False), ("::", None, False), ("example.org", None, False),
        ("0.0.0.0", TOKEN, True), ("0.0.0.0", "short", False),
    ],
)
def test_check_bind_refuses_non_loopback_without_token(host, token, ok):
    if ok:
        check_bind(host, token)
    else:
        with pytest.raises(ValueError):
            check_bind(host, token)
    assert is_loopback(host) == (host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"))


def test_missing_store_is_refused_not_created(tmp_path):
    with pytest.raises(FileNotFoundError, match="eventwire ingest"):
        create_app(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()
