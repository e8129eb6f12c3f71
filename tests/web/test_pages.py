"""HTML pages: content, shareable search URLs, escaping of everything from articles."""

from __future__ import annotations

import re

import pytest

RAW_ATTACKS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "<b>Kein Titel</b>")


def test_overview(client):
    html = client.get("/").text
    assert '<html lang="de">' in html and "Übersicht" in html
    assert "Anna Beispiel" in html and "Bundesinnenministerin" in html
    assert "<svg" in html and "Zitate pro Monat" in html


def test_search_page_highlights_terms_and_keeps_facets_in_the_url(client):
    r = client.get("/search", params={"q": "strassenbahn", "speaker": "Roth", "type": "Direct"})
    assert r.status_code == 200
    assert "<mark>Straßenbahn</mark>" in r.text
    assert 'value="Roth"' in r.text and '<option value="Direct" selected>' in r.text
    assert "/api/quotes.csv?q=strassenbahn&amp;speaker=Roth&amp;type=Direct" in r.text
    assert "Oberbürgermeisterin" in r.text  # the speaker's role


def test_search_pages_through_results(client):
    first = client.get("/search", params={"limit": 2}).text
    assert 'rel="next"' in first and "offset=2" in first
    second = client.get("/search", params={"limit": 2, "offset": 2}).text
    assert 'rel="prev"' in second


def test_article_page_highlights_annotations_with_legend(client, web_db):
    _, arts, _ = web_db
    html = client.get(f"/articles/{arts[0].id}").text
    assert "Grenzkontrollen verlängert" in html
    for cls in ("a-quote", "a-cue", "a-speaker", "a-time", "a-place"):
        assert f'class="{cls}"' in html or f"{cls} " in html or f" {cls}" in html
    assert re.search(r'title="Zitat \(Direct, Speech, Konfidenz [0-9.]+, Sprecher: Anna '
                     r'Beispiel\)', html)
    assert "Redeeinleitung" in html and "Zeitangabe" in html  # legend
    assert '<a href="/speakers/' in html


def test_speaker_page(client):
    ranked = client.get("/api/speakers").json()
    html = client.get(f"/speakers/{ranked[0]['id']}").text
    assert "Anna Beispiel" in html and "Bundesinnenministerin" in html and "<svg" in html
    assert "Brussels" in html or "Berlin" in html  # where she spoke


def test_unknown_pages_are_html_404(client):
    r = client.get("/articles/unbekannt")
    assert r.status_code == 404 and "Fehler 404" in r.text and "<html" in r.text


@pytest.mark.parametrize("page", ["article", "search", "overview", "speaker"])
def test_article_text_is_escaped_everywhere(client, web_db, page):
    _, _, xss = web_db
    url = {
        "article": f"/articles/{xss.id}",
        "search": "/search?q=alert",
        "overview": "/",
        "speaker": "/speakers/Jonas Keller",
    }[page]
    r = client.get(url)
    assert r.status_code == 200
    for raw in RAW_ATTACKS:
        assert raw not in r.text
    assert "<script>alert" not in r.text and "onerror=alert(2)>" not in r.text
    assert 'href="javascript:' not in r.text.lower()
    if page in ("article", "search"):
        assert "&lt;script&gt;" in r.text or "&lt;<mark>script" in r.text


def test_javascript_url_is_not_a_link(client, web_db):
    _, _, xss = web_db
    html = client.get(f"/articles/{xss.id}").text
    assert "javascript:alert(4)" in html  # shown as text
    assert 'href="javascript' not in html and "&lt;b&gt;Kein Titel&lt;/b&gt;" in html


def test_statistik_page_draws_charts_and_tables(client):
    res = client.get("/statistik?by=gender&group=source")
    assert res.status_code == 200
    assert "Wer kommt zu Wort?" in res.text
    assert res.text.count("<svg") >= 2 and "95 %" in res.text
    assert "Frauen" in res.text and "Konzentration" in res.text
    assert "<script" not in res.text.split("<main")[1]
    assert client.get("/statistik?by=nonsense").status_code == 400


def test_shares_api_matches_the_page_numbers(client):
    data = client.get("/api/shares", params={"by": "gender"}).json()
    total = sum(r["quotes"] for r in data["rows"])
    assert total == data["quotes"] > 0
    assert all(r["quote_low"] <= r["quote_share"] <= r["quote_high"] for r in data["rows"])
    csv_text = client.get("/api/shares.csv", params={"by": "gender"}).text
    assert csv_text.splitlines()[0].startswith("gender,label,quotes")
    assert client.get("/api/shares", params={"by": "x"}).status_code == 400


def test_speaker_page_and_api_show_attributes(client):
    res = client.get("/speakers/Anna Beispiel")
    assert res.status_code == 200 and "Merkmale" in res.text
    assert "Frauen" in res.text and "Bundesinnenministerin" in res.text
    data = client.get("/api/speakers/Anna Beispiel/attributes").json()
    assert data["gender"]["value"] == "f" and not data["gender"]["corrected"]
    assert data["role_class"]["value"] == "government"
