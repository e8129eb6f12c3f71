"""A real browser (Debian's headless Chromium via Playwright) clicks through the UI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: the README's screenshots (docs/img) are refreshed only on request
#: (`ZITAT_SCREENSHOTS=docs/img pytest tests/web/test_browser.py`): a test run leaves the
#: working tree as it was
SHOTS_ENV = "ZITAT_SCREENSHOTS"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where the screenshots go: ``$ZITAT_SCREENSHOTS`` or a temporary folder."""
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def base_url(web_db):
    from zitat.web.app import serving

    path, _, _ = web_db
    with serving(path) as url:
        yield url


def test_overview_search_article_speaker(base_url, tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url + "/")
        assert page.locator("h1").inner_text() == "Übersicht"
        assert page.get_by_role("link", name="Anna Beispiel").first.is_visible()

        # search from the header form, as a keyboard user would
        page.get_by_label("Zitate durchsuchen").fill("Grenzkontrollen")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=Grenzkontrollen*")
        hit = page.locator("li.hit").first
        assert "Grenzkontrollen" in hit.locator("mark").first.inner_text()
        assert "Anna Beispiel" in hit.inner_text()

        # open the article from the result
        hit.get_by_role("link", name="Grenzkontrollen verlängert").click()
        page.wait_for_url("**/articles/**")
        assert page.locator("h1").inner_text() == "Grenzkontrollen verlängert"
        assert page.locator(".text .a-quote").first.is_visible()
        assert "Sprecher: Anna Beispiel" in page.locator(".text .a-quote").first.get_attribute(
            "title")
        page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

        # follow the speaker link in the quotes table
        page.locator("table.quotes").get_by_role("link", name="Anna Beispiel").first.click()
        page.wait_for_url("**/speakers/**")
        assert "Anna Beispiel" in page.locator("h1").inner_text()
        assert page.get_by_text("Bundesinnenministerin").first.is_visible()
        assert page.locator("svg.chart").is_visible()

        # phone width: no horizontal scrolling of the page itself
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(base_url + "/search?q=Moldau")
        assert page.evaluate("document.documentElement.scrollWidth") <= 380
        browser.close()
    assert (tmp_path / "article.png").stat().st_size > 10_000


def _open_browser(p):
    return p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])


def test_search_facets_total_and_article_links_at_two_widths(base_url, web_db, shots):
    """Facets and total on the search page; in the article each quote has its colour and
    number, text and table row link to each other; at 420 px the quote text is on screen."""
    _, arts, _ = web_db
    keller = arts[2]
    with sync_api.sync_playwright() as p:
        browser = _open_browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(base_url + "/search")
        assert page.locator("#count strong").inner_text().isdigit()
        speakers = page.locator('.facet[data-facet="speaker"]')
        assert speakers.is_visible() and "Anna Beispiel" in speakers.inner_text()
        speakers.get_by_role("link", name="Anna Beispiel").click()
        page.wait_for_url("**/search?speaker=Anna+Beispiel*")
        assert page.locator("#count strong").inner_text() == "3"

        page.goto(base_url + f"/articles/{keller.id}")
        first, second = page.locator(".text a.a-quote[id]").all()
        colours = [q.evaluate("e => getComputedStyle(e).backgroundColor") for q in (first, second)]
        assert colours[0] != colours[1]  # neighbouring quotes do not merge
        assert page.locator(".text sup.qn").all_inner_texts() == ["1", "2"]
        second.click()
        page.wait_for_url(f"**/articles/{keller.id}#q2")
        assert page.locator("tr:target").get_attribute("id") == "q2"
        page.locator('tr#q1 a.qn').click()
        page.wait_for_url("**#text-q1")
        assert page.locator(":target").get_attribute("data-q") == "q1"
        page.goto(base_url + f"/articles/{arts[0].id}")
        page.screenshot(path=str(shots / "article-view.png"), full_page=True)

        # phone width: the quote text of the table is on screen, the page does not scroll sideways
        page.set_viewport_size({"width": 420, "height": 900})
        page.goto(base_url + f"/articles/{keller.id}")
        cell = page.locator("tr#q1 td.quote-text")
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        page.screenshot(path=str(shots / "article-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(base_url + "/search?q=Grenzkontrollen")
        page.screenshot(path=str(shots / "search.png"), full_page=True)
        browser.close()


def test_overview_and_speaker_maps(base_url, shots):
    """The place maps (server-drawn SVG, no tiles) and the monthly chart with axes."""
    with sync_api.sync_playwright() as p:
        browser = _open_browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base_url + "/")
        the_map = page.locator("svg.map").first
        assert the_map.is_visible() and the_map.locator("circle.dot").count() >= 3
        assert page.locator("svg.chart .tick").count() >= 3
        assert all(url.startswith(base_url) for url in requests)  # nothing from the internet
        page.screenshot(path=str(shots / "overview.png"), full_page=True)
        page.get_by_role("link", name="Anna Beispiel").first.click()
        page.wait_for_url("**/speakers/**")
        assert page.locator("svg.map circle.dot").count() >= 1
        page.screenshot(path=str(shots / "speaker.png"), full_page=True)
        browser.close()


def test_api_docs_render_the_openapi_schema(base_url):
    """/docs is Swagger UI 5, which reads the OpenAPI 3.1 FastAPI emits (4.x could not)."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
        assert "zitat" in page.locator(".swagger-ui .info .title").inner_text()
        page.wait_for_selector(".opblock-summary-path", timeout=15_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/quotes" in p for p in paths)
        assert "Unable to render" not in page.content()
        browser.close()
