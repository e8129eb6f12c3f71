"""HTML pages: content, shareable search URLs, escaping of everything from articles."""

from __future__ import annotations

import json
import re

import pytest

from zitat.web import deps
from zitat.web.statistik import ACCURACY

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
    # numbered, in German, and naming the rule that found the quotation
    assert re.search(r'title="Zitat 1 \(direkt, gesprochen, Konfidenz [0-9.]+, Sprecher: Anna '
                     r'Beispiel, Regel: direct-[a-z-]+\)', html)
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


def test_search_page_shows_total_and_facets(client):
    html = client.get("/search", params={"limit": 1}).text
    total = client.get("/api/quotes").json()["total"]
    assert re.search(rf"<strong>{total}</strong> Zitate", html)
    for heading in ("Sprecher", "Typ", "Jahr", "Ort"):
        assert f"<h2>{heading}</h2>" in html
    # a facet value narrows the search and shows its count
    assert re.search(r'<a href="/search\?limit=1&amp;speaker=Anna\+Beispiel">Anna Beispiel</a> '
                     r'<span class="count">3</span>', html)
    assert '<a href="/search?limit=1&amp;since=2022&amp;until=2022">2022</a>' in html
    assert ">direkt</a>" in html  # the type facet speaks German
    assert "excel=true" in html  # CSV for German spreadsheets


ENGLISH_CODES = (">Direct<", ">Indirect<", ">Speech<", ">Writing<", ">ST<", ">SW<",
                 "FUTURE_REF", "PAST_REF", ">PER<", ">LOC<", "weekday-in-month")


def test_pages_speak_german(client, web_db):
    _, arts, xss = web_db
    pages = ["/", "/search", *(f"/articles/{a.id}" for a in [*arts, xss])]
    for url in pages:
        html = client.get(url).text
        for code in ENGLISH_CODES:
            assert code not in html, (url, code)
    article = client.get(f"/articles/{arts[0].id}").text
    assert "8. März 2022" in article and ">Person<" in article
    bad = client.get("/search", params={"limit": "viele"})
    assert bad.status_code == 422 and "keine ganze Zahl" in bad.text


def test_article_quotes_are_numbered_coloured_and_linked_both_ways(client, web_db):
    _, arts, _ = web_db
    art = arts[2]  # Thomas Keller: two quotes
    assert len(art.quotes) == 2
    html = client.get(f"/articles/{art.id}").text
    for number, q in enumerate(art.quotes, 1):
        colour = f"qc-{number - 1}"
        # in the text: its own colour, its number, a link to its row; the row links back
        assert re.search(rf'<a class="a-quote {colour}"[^>]*data-q="{q.id}" '
                         rf'id="text-{q.id}" href="#{q.id}">', html)
        assert f'<tr id="{q.id}" data-q="{q.id}">' in html
        assert f'<a class="qn {colour}" href="#text-{q.id}"' in html
    speaker_id = client.get("/api/speakers/Thomas Keller").json()["id"]
    assert re.search(rf'<a class="a-speaker[^"]*" title="Sprecher: Thomas Keller[^"]*" '
                     rf'href="/speakers/{speaker_id}">Keller</a>', html)
    assert f'<a href="/speakers/{speaker_id}">Thomas Keller</a> <span class="badge">Person' in html


def test_ambiguous_speaker_page_lists_the_candidates(client):
    r = client.get("/speakers/Keller")
    assert r.status_code == 300 and "mehrdeutig" in r.text
    assert "Thomas Keller</a>" in r.text and "Jonas Keller</a>" in r.text


def test_co_mentioned_names_are_links(client):
    anna = client.get("/api/speakers/Anna Beispiel").json()
    html = client.get(f"/speakers/{anna['id']}").text
    assert anna["co_mentioned"]
    for name, _ in anna["co_mentioned"]:
        assert re.search(rf'<a href="/(speakers/\d+|search\?q=[^"]+)">{re.escape(name)}</a>', html)


def test_maps_of_places_are_drawn_on_the_server(client):
    html = client.get("/").text
    svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
    assert '<path class="land" d="M' in svg  # the shipped country outlines
    names = re.findall(r'<a href="/search\?place=([^"]+)"><circle class="dot"', svg)
    assert {"Berlin", "Leipzig", "Hamburg"} <= set(names)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no tiles
    anna = client.get("/api/speakers/Anna Beispiel").json()
    speaker = client.get(f"/speakers/{anna['id']}").text
    dots = re.findall(r'place=([^"]+)"><circle', speaker)
    assert "Berlin" in dots and "Leipzig" not in dots  # only the places of her articles


def test_a_map_draws_the_outlines_its_places_frame_the_same_each_time():
    """The land of a view is kept per view: drawn again, and after another view, a map is
    the same; two views frame different land."""
    from zitat.store.records import PlaceCount
    from zitat.web.charts import place_map

    north = [PlaceCount(name="Kiel", lat=54.32, lon=10.12, articles=3),
             PlaceCount(name="Hamburg", lat=53.55, lon=9.99, articles=1)]
    south = [PlaceCount(name="München", lat=48.14, lon=11.58, articles=2)]
    first = str(place_map(north))
    other = str(place_map(south))
    assert str(place_map(north)) == first and str(place_map(south)) == other

    def land(svg: str) -> str:
        return re.search(r'<path class="land" d="([^"]*)"', svg).group(1)

    assert land(first).startswith("M") and land(first) != land(other)
    assert ">Kiel</text>" in first and ">München</text>" in other


def test_month_chart_has_axes():
    from zitat.web.charts import month_bars

    svg = str(month_bars({"2022-01": 3, "2022-03": 7, "2022-12": 1}))
    assert svg.count('class="axis"') >= 2 and ">Zitate</text>" in svg and ">Monat</text>" in svg
    y_ticks = re.findall(r'text-anchor="end">(\d+)</text>', svg)
    assert y_ticks[0] == "0" and int(y_ticks[-1]) >= 7
    assert ">Jan 2022</text>" in svg and "<title>Mär 2022: 7</title>" in svg
    assert svg.count('<rect ') == 12  # every month, empty ones too


def test_statistik_page_draws_charts_and_tables(client):
    res = client.get("/statistik?by=gender&group=source")
    assert res.status_code == 200
    assert "Wer kommt zu Wort?" in res.text
    assert res.text.count("<svg") >= 2 and "95 %" in res.text
    assert "Frauen" in res.text and "Konzentration" in res.text
    assert "<script" not in res.text.split("<main")[1]
    assert client.get("/statistik?by=nonsense").status_code == 400
    # the measured accuracies, the held-out part beside the whole set
    acc = json.loads(ACCURACY.read_text(encoding="utf-8"))
    held = acc["by_split"]["heldout"]["role_class"]
    assert "zurückgehalten" in res.text
    assert f"{100 * held['precision']:.1f} % ({held['right']}/{held['given']})" in res.text


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


def test_search_page_says_more_than_the_limit(own_client, monkeypatch):
    client = own_client
    monkeypatch.setattr(deps, "COUNT_LIMIT", 2)
    html = client.get("/search", params={"limit": 1}).text
    assert re.search(r"mehr als <strong>2</strong> Zitate", html)
    assert "in den neuesten 2 Treffern" in html  # what the facets counted
    assert 'rel="next"' in html
    exact = client.get("/search", params={"speaker": "Sabine Roth"}).text
    assert re.search(r'id="count"><strong>1</strong> Zitat ', exact)
    assert "mehr als" not in exact and "neuesten" not in exact
