"""HTTP API over a store of hand-written articles: every endpoint, limits, token."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from zitat.store import open_store
from zitat.web import deps
from zitat.web.app import create_app


def test_quotes_search_with_filters(client):
    hits = client.get("/api/quotes", params={"q": "grenzkontrollen"}).json()["quotes"]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["speaker"] == "Anna Beispiel" and hit["date"] == "2022-03-08"
    assert "Grenzkontrollen" in hit["text"] and hit["article_id"]
    # same folding as the CLI: ß and umlauts, parts of compounds
    assert client.get("/api/quotes", params={"q": "STRASSENBAHN"}).json()["quotes"][0]["speaker"] == \
        "Sabine Roth"
    by_speaker = client.get("/api/quotes", params={"speaker": "Beispiel"}).json()["quotes"]
    assert {h["speaker"] for h in by_speaker} == {"Anna Beispiel"} and len(by_speaker) >= 2
    assert client.get("/api/quotes", params={"speaker": "Beispiel", "until": "2022-03"}).json()["quotes"] \
        == [h for h in by_speaker if h["date"] == "2022-03-08"]
    assert client.get("/api/quotes", params={"type": "Direct", "since": "2022-05"}).json()["quotes"]
    assert all(h["type"] == "Direct" for h in
               client.get("/api/quotes", params={"type": "Direct"}).json()["quotes"])
    assert client.get("/api/quotes", params={"place": "Leipzig"}).json()["quotes"][0]["speaker"] == \
        "Sabine Roth"


def test_quotes_pagination(client):
    everything = client.get("/api/quotes", params={"limit": 100}).json()["quotes"]
    first = client.get("/api/quotes", params={"limit": 2}).json()["quotes"]
    second = client.get("/api/quotes", params={"limit": 2, "offset": 2}).json()["quotes"]
    assert first + second == everything[:4]


@pytest.mark.parametrize(
    ("params", "message"),
    [({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset"),
     ({"since": "2022-13"}, "kein gültiges Datum"), ({"type": "Quote"}, "ist kein Zitattyp"),
     ({"limit": "viele"}, "keine ganze Zahl")],
)
def test_bad_search_parameters_are_422_with_a_message(client, params, message):
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 422 and message in r.json()["detail"]


def test_exports(client):
    csv = client.get("/api/quotes.csv", params={"speaker": "Anna Beispiel"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("article_id,quote_id,type") and len(lines) >= 3
    jsonl = client.get("/api/quotes.jsonl", params={"speaker": "Anna Beispiel"})
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(rows) == len(lines) - 1 and rows[0]["speaker"] == "Anna Beispiel"
    empty = client.get("/api/quotes.csv", params={"q": "Quantenchromodynamik"})
    assert empty.text.startswith("article_id,")


def test_article_json_and_404(client, web_db):
    _, arts, _ = web_db
    r = client.get(f"/api/articles/{arts[0].id}")
    assert r.status_code == 200 and r.json() == json.loads(arts[0].to_json())
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no article nope"}


def test_speakers_and_profile(client):
    ranked = client.get("/api/speakers").json()
    assert ranked[0]["name"] == "Anna Beispiel" and "Bundesinnenministerin" in ranked[0]["roles"]
    by_id = client.get(f"/api/speakers/{ranked[0]['id']}").json()
    by_name = client.get("/api/speakers/Anna Beispiel").json()
    assert by_id == by_name
    assert by_id["quotes_per_month"]["2022-03"] >= 1 and by_id["roles"][0]["first_seen"]
    assert client.get("/api/speakers/Niemand Bekanntes").status_code == 404


def test_quote_page_has_total_links_and_facets(client):
    first = client.get("/api/quotes", params={"limit": 2}).json()
    everything = client.get("/api/quotes", params={"limit": 100}).json()
    assert first["total"] == len(everything["quotes"]) >= 4 and len(first["quotes"]) == 2
    assert first["previous"] is None and "offset=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["quotes"] == everything["quotes"][2:4] and "offset=0" in second["previous"]
    speakers = {f["value"]: f["count"] for f in everything["facets"]["speaker"]}
    assert speakers["Anna Beispiel"] == sum(h["speaker"] == "Anna Beispiel"
                                            for h in everything["quotes"])
    assert {f["value"] for f in everything["facets"]["year"]} == {"2022"}
    assert sum(f["count"] for f in everything["facets"]["type"]) == first["total"]
    assert "Leipzig" in {f["value"] for f in everything["facets"]["place"]}
    narrowed = client.get("/api/quotes", params={"speaker": "Sabine Roth"}).json()
    assert [f["value"] for f in narrowed["facets"]["speaker"]] == ["Sabine Roth"]
    assert client.get("/api/quotes", params={"facets": "false"}).json()["facets"] == {}
    german = client.get("/api/quotes", params={"since": "01.05.2022", "type": "direct"}).json()
    assert german["quotes"] and all(h["date"] >= "2022-05" for h in german["quotes"])


def test_csv_for_german_excel(client):
    r = client.get("/api/quotes.csv", params={"speaker": "Anna Beispiel", "excel": "true"})
    assert r.content.startswith("\ufeff".encode())
    header = r.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("article_id;quote_id;type;")


def test_ambiguous_speaker_answers_with_the_candidates(client):
    r = client.get("/api/speakers/Keller")
    assert r.status_code == 300
    names = [c["name"] for c in r.json()["candidates"]]
    assert set(names) == {"Thomas Keller", "Jonas Keller"}
    one = client.get(f"/api/speakers/{r.json()['candidates'][1]['id']}")
    assert one.status_code == 200 and one.json()["name"] == names[1]


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 5 and stats["quotes"] >= 4 and stats["speakers"] >= 3


def test_analyze_returns_article_json_without_storing(client):
    text = "„Wir helfen sofort“, sagte Umweltministerin Lena Hartmann am Freitag in Kassel."
    r = client.post("/api/analyze", json={"text": text, "date": "2022-06", "title": "Hilfe"})
    art = r.json()
    assert r.status_code == 200 and art["title"] == "Hilfe" and art["date"] == "2022-06"
    assert art["quotes"][0]["speaker"]["text"] == "Umweltministerin Lena Hartmann"
    assert art["quotes"][0]["rule"] == "direct-cue-after"  # which rule found it
    assert client.get(f"/api/articles/{art['id']}").status_code == 404
    plain = client.post("/api/analyze?date=2022-06", content=text.encode(),
                        headers={"content-type": "text/plain; charset=utf-8"})
    assert plain.json()["quotes"] == art["quotes"]


@pytest.mark.parametrize(
    ("body", "headers", "status", "message"),
    [
        (b"x" * 1_000_001, {"content-type": "text/plain"}, 413, "over 1,000,000 bytes"),
        (b'{"text": "  "}', {"content-type": "application/json"}, 422, "text is empty"),
        (b"", {"content-type": "application/json"}, 422, "text"),
        ('{"text": "Er sagte nichts."}'.encode("utf-16"), {"content-type": "application/json"},
         400, "not UTF-8"),
        ("Die Stra\u00dfe".encode("latin-1"), {"content-type": "text/plain"}, 400, "not UTF-8"),
        (b'{"text": ', {"content-type": "application/json"}, 400, "invalid JSON"),
        (b'{"text": "Er sagte nichts.", "date": "2022-13"}',
         {"content-type": "application/json"}, 422, "kein gültiges Datum"),
    ],
)
def test_analyze_limits_and_validation(client, body, headers, status, message):
    r = client.post("/api/analyze", content=body, headers=headers)
    assert r.status_code == status and message in r.json()["detail"]
    assert "Traceback" not in r.text


def test_read_only_by_default(client):
    r = client.post("/api/articles", json={"text": "„Ja“, sagte er."})
    assert r.status_code == 403 and "--allow-ingest" in r.json()["detail"]


def test_ingest_needs_the_token(tmp_path):
    db = tmp_path / "ingest.db"
    open_store(db, create=True).close()
    text = "„Der Deich hält“, sagte Landrätin Petra Vogel am Montag in Husum."
    with TestClient(create_app(db, allow_ingest=True, token="s3cret")) as c:
        assert c.post("/api/articles", json={"text": text}).status_code == 401
        wrong = c.post("/api/articles", json={"text": text},
                       headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        ok = c.post("/api/articles", json={"text": text, "date": "2023-02-06"},
                    headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201 and ok.json()["added"] is True
        again = c.post("/api/articles", json={"text": text, "date": "2023-02-06"},
                       headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 200 and again.json()["added"] is False
        hits = c.get("/api/quotes", params={"speaker": "Vogel"}).json()["quotes"]
        assert [h["text"] for h in hits] == ["„Der Deich hält“"]


def test_errors_are_json_without_traceback(web_db):
    path, _, _ = web_db

    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise RuntimeError("secret internals")
            return fail

    with TestClient(create_app(path, store=Broken()), raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
    assert r.status_code == 500 and r.json() == {"detail": "Interner Fehler; Einzelheiten im Server-Log"}
    assert "secret internals" not in r.text


def test_openapi_docs_work_offline(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static-docs/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static-docs/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/quotes", "/api/quotes.csv", "/api/quotes.jsonl", "/api/articles/{article_id}",
            "/api/speakers", "/api/speakers/{speaker}", "/api/stats", "/api/analyze",
            "/api/articles"} <= set(paths)


@pytest.mark.slow
def test_analyze_refuses_other_languages_unless_asked(client):
    english = ("The interior minister said on Monday that the government would extend the "
               "border controls by three months, adding that the situation remained tense.")
    r = client.post("/api/analyze", json={"text": english})
    assert r.status_code == 422 and "Englisch (en), nicht Deutsch" in r.json()["detail"]
    forced = client.post("/api/analyze", json={"text": english, "any_language": True})
    assert forced.status_code == 200 and forced.json()["text"] == english


def test_analyze_takes_a_german_date(client):
    r = client.post("/api/analyze", json={"text": "„Ja“, sagte Anna Beispiel.", "date": "08.03.2022"})
    assert r.status_code == 200 and r.json()["date"] == "2022-03-08"


def test_totals_are_counted_up_to_the_limit_and_pages_go_on_past_it(own_client, monkeypatch):
    client = own_client
    everything = client.get("/api/quotes", params={"limit": 100}).json()
    assert everything["total_exact"] and everything["total"] == len(everything["quotes"]) >= 5
    monkeypatch.setattr(deps, "COUNT_LIMIT", 2)  # a store where more than the limit match
    first = client.get("/api/quotes", params={"limit": 2}).json()
    assert (first["total"], first["total_exact"]) == (2, False)
    # the facets count the newest two matches: the first page's quotes
    speakers = {f["value"]: f["count"] for f in first["facets"]["speaker"]}
    assert sum(speakers.values()) == 2
    assert speakers == {name: sum(h["speaker"] == name for h in first["quotes"])
                        for name in speakers}
    # the count stops at two, the pages do not: every quote is reached
    seen, url = [], "/api/quotes?limit=2"
    while url:
        page = client.get(url).json()
        seen += page["quotes"]
        url = page["next"]
    assert seen == everything["quotes"]
    narrow = client.get("/api/quotes", params={"speaker": "Sabine Roth"}).json()
    assert narrow["total_exact"] and narrow["total"] == len(narrow["quotes"]) == 1
