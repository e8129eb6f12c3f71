"""A real browser (Debian's headless Chromium via Playwright) clicks through the UI."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture(scope="module")
def base_url(web_db):
    import uvicorn

    from zitat.web.app import create_app

    path, _, _ = web_db
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


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
