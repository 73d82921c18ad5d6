"""The web page in a real browser (Debian's chromium driven by Playwright), over a hand-made store.

Skips when /usr/bin/chromium or playwright is missing; CI installs both (.ci/run).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.serve import create_app
from tests.serve.conftest import build_store
from tests.serve.livesrv import live_server

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
TOKEN = "t0ken-for-the-browser-test"

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed (pip install playwright)"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        except PlaywrightError as err:
            pytest.skip(f"chromium at {CHROMIUM} does not start under Playwright: {err}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("browser") / "events.db")
    with live_server(create_app(db, read_only=True)) as base:
        yield base


class Recorder:
    """Every request URL the page makes, and every console error or uncaught exception."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda req: self.urls.append(req.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def assert_offline(self, base: str) -> None:
        assert self.urls, "the page made no request at all"
        outside = [u for u in self.urls if not u.startswith(base + "/") and not u.startswith("data:")]
        assert outside == [], f"requests outside the page's own server: {outside}"
        assert all(u.startswith("http://127.0.0.1:") or u.startswith("data:") for u in self.urls)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1300})
    page = context.new_page()
    page.set_default_timeout(15000)
    recorder = Recorder(page)
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready]")
    yield page, recorder
    context.close()
    recorder.assert_offline(server)
    assert recorder.errors == [], f"errors in the page: {recorder.errors}"


def _count(page, js: str) -> int:
    return page.evaluate(js)


def test_page_shows_map_timeline_network_and_list_from_its_own_server(page, server):
    page, rec = page
    expect(page.locator("#event-list li")).to_have_count(5)
    expect(page.locator("#count")).to_have_text("1–5 of 5")
    # four events have coordinates; two of them share Vladivostok
    assert _count(page, "window.eventwire.markers.getLayers().length") == 4
    assert page.locator(".leaflet-overlay-pane path").count() > 100, "country borders from world-atlas are drawn"
    assert page.locator(".marker-cluster, path.event-marker").count() >= 2
    expect(page.locator("#timeline .vis-item-content")).to_have_count(5)
    assert _count(page, "window.eventwire.networkNodes.length") == 4  # PRK, RUS, UKR, EUR
    # the page loaded its vendored libraries and map data from this server
    assert any(u.endswith("/static/vendor/world-atlas/countries-110m.json") for u in rec.urls)
    assert any(u.endswith("/static/vendor/vis-network/vis-network.min.js") for u in rec.urls)


def test_event_type_filter_narrows_list_map_timeline_and_network(page, server):
    page, _ = page
    page.select_option("#f-event", "ASSAULT")
    expect(page.locator("#count")).to_have_text("1–1 of 1")
    expect(page.locator("#event-list li")).to_have_count(1)
    expect(page.locator("#event-list li")).to_contain_text("Russian missiles")
    expect(page.locator("#timeline .vis-item-content")).to_have_count(1)
    assert _count(page, "window.eventwire.markers.getLayers().length") == 1
    assert _count(page, "window.eventwire.networkNodes.length") == 2
    page.click("#reset-filters")
    expect(page.locator("#event-list li")).to_have_count(5)


def test_network_click_filters_by_actor(page, server):
    page, _ = page
    page.wait_for_function("() => window.eventwire.state.networkStable === true")
    box = page.locator("#network canvas").bounding_box()
    pos = page.evaluate(
        "(() => { const n = window.eventwire.network; return n.canvasToDOM(n.getPositions(['EUR']).EUR); })()"
    )
    assert page.evaluate(f"window.eventwire.network.getNodeAt({{x: {pos['x']}, y: {pos['y']}}})") == "EUR"
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    expect(page.locator("#filters input[name=actor]")).to_have_value("EUR")
    expect(page.locator("#count")).to_have_text("1–1 of 1")
    expect(page.locator("#event-list li")).to_contain_text("SANCTION")


def test_article_view_highlights_trigger_words_with_modality_and_attribution(page, server):
    page, _ = page
    page.locator("#event-list li", has_text="CONSULT").filter(has_text="asserted").click()
    panel = page.locator("#article-panel")
    expect(panel).to_be_visible()
    expect(page.locator("#article-meta h3")).to_have_text("Kim Jong Un zu Gesprächen in Russland")
    expect(page.locator("mark.trig-sel")).to_have_text("Gesprächen")
    evidence = " ".join(page.locator("mark.ev-sel").all_inner_texts())
    assert "traf am Mittwoch in Wladiwostok" in evidence
    expect(page.locator("#detail-modality")).to_have_text("asserted")
    expect(page.locator("#detail-attribution")).to_contain_text("Reuters")
    # the other events of the article are marked too, and clicking one selects it
    assert page.locator("mark.ev:not(.ev-sel)").count() >= 2
    page.locator("mark.ev", has_text="liefern").first.click()
    expect(page.locator("mark.trig-sel")).to_have_text("liefern")
    expect(page.locator("#detail-modality")).to_have_text("hypothetical")
    expect(page.locator("#detail-attribution")).to_contain_text("Westliche Beobachter")
    expect(page.locator("#event-list li.selected")).to_contain_text("AID")
    # the article text is shown as text: no markup from the store reaches the DOM as HTML
    assert page.locator("#article-body script, #article-body img").count() == 0
    page.wait_for_function("() => window.eventwire.state.networkStable === true")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve_page.png"), full_page=True)


def test_page_works_with_an_access_token_and_refuses_without(browser, tmp_path):
    db = build_store(tmp_path / "events.db")
    with live_server(create_app(db, token=TOKEN, read_only=True)) as base:
        context = browser.new_context()
        page = context.new_page()
        rec = Recorder(page)
        refused = page.goto(base + "/")
        assert refused.status == 401
        page.goto(f"{base}/?token={TOKEN}")
        page.wait_for_selector("body[data-ready]")
        assert page.url == base + "/", "the token is dropped from the address bar"
        expect(page.locator("#event-list li")).to_have_count(5)
        context.close()
    rec.assert_offline(base)
    assert [e for e in rec.errors if not re.search(r"401", e)] == []
