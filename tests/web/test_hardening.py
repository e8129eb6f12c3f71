"""Hostile requests (issue 24): 4xx with a message, never a 500 or a reset connection."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from zitat.store import open_store
from zitat.web.app import create_app

DEEP = b"[" * 100_000 + b"]" * 100_000
HUGE_INT = b'{"text": "Eine Zahl.", "n": ' + b"7" * 5000 + b"}"
TOKEN = "s3cret"


@pytest.fixture
def ingest_client(tmp_path):
    db = tmp_path / "ingest.db"
    open_store(db, create=True).close()
    with TestClient(create_app(db, allow_ingest=True, token=TOKEN),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("body", [DEEP, HUGE_INT], ids=["deep", "huge-int"])
def test_hostile_json_is_400_on_analyze_and_ingest(client, ingest_client, body):
    headers = {"content-type": "application/json"}
    r = client.post("/api/analyze", content=body, headers=headers)
    assert r.status_code == 400 and "invalid JSON" in r.json()["detail"]
    r = ingest_client.post("/api/articles", content=body,
                           headers={**headers, "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and "invalid JSON" in r.json()["detail"]


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/quotes?offset={HUGE}", 422),
        (f"/api/quotes.csv?offset={HUGE}", 422),
        (f"/api/quotes.jsonl?offset={HUGE}", 422),
        (f"/api/speakers?offset={HUGE}", 422),
        (f"/search?offset={HUGE}", 422),
        ("/api/speakers/9223372036854775808", 404),
        ("/api/speakers/%C2%B2", 404),
        ("/speakers/%C2%B2", 404),
        ("/api/speakers/" + "%D9%A3" * 3, 404),
        ("/api/speakers/" + "Roth" * 2000, 404),
        ("/api/quotes?speaker=" + "x" * 5000, 422),
        ("/api/quotes?place=" + "x" * 5000, 422),
        ("/api/quotes?q=" + "wort%20" * 1000, 422),
        ("/api/quotes?speaker=" + "x" * 60_000, 414),  # httpx refuses URLs over 64 KiB
    ],
)
def test_out_of_range_parameters_are_4xx_not_500(client, url, status):
    r = client.get(url)
    assert r.status_code == status, r.text[:300]


def test_non_ascii_bearer_token_is_401_not_500(ingest_client):
    text = "„Der Deich hält“, sagte Landrätin Petra Vogel am Montag in Husum."
    r = ingest_client.post("/api/articles", json={"text": text},
                           headers={"Authorization": "Bearer sécret".encode()})
    assert r.status_code == 401


def test_non_ascii_token_matches_itself(tmp_path):
    db = tmp_path / "t.db"
    open_store(db, create=True).close()
    with TestClient(create_app(db, allow_ingest=True, token="sécret"),
                    raise_server_exceptions=False) as c:
        r = c.post("/api/articles", json={"text": "„Ja“, sagte Petra Vogel in Husum."},
                   headers={"Authorization": "Bearer sécret".encode()})
    assert r.status_code == 201


@pytest.mark.parametrize("path", ["/", "/api/stats", "/docs", "/api/speakers/nobody",
                                  "/static/zitat.css"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    if path != "/docs":
        assert "unsafe-inline" not in csp


def test_long_request_line_is_414_from_the_real_server(web_db):
    """uvicorn itself (as `zitat serve` runs it) answers a 128 KB request line with 414."""
    import socket

    from zitat.web.app import serving

    path, _, _ = web_db
    with serving(path) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /api/quotes?q=" + b"a" * 131_072 + b" HTTP/1.1\r\nHost: x\r\n"
                      b"Connection: close\r\n\r\n")
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 414"), answer[:200]
        assert b"x-content-type-options: nosniff" in answer.lower()


def test_token_bucket_refills_at_its_rate():
    from zitat.web.ratelimit import TokenBuckets

    now = [100.0]
    buckets = TokenBuckets(per_minute=6, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(10.0)  # one token per 10 s
    assert buckets.take("b") == 0.0  # per client
    now[0] += 10
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    assert TokenBuckets(per_minute=0, burst=1).take("a") == 0.0  # switched off


def test_token_buckets_forget_idle_clients():
    from zitat.web.ratelimit import TokenBuckets

    now = [0.0]
    buckets = TokenBuckets(per_minute=60, burst=1, clock=lambda: now[0], max_clients=100)
    for i in range(1000):
        buckets.take(f"10.0.{i // 256}.{i % 256}")
        now[0] += 0.01
    assert len(buckets._buckets) <= 100


def test_analyze_is_rate_limited_per_client(tmp_path, monkeypatch):
    from zitat.settings import get_settings

    monkeypatch.setenv("ZITAT_ANALYZE_RATE", "6")
    monkeypatch.setenv("ZITAT_ANALYZE_BURST", "2")
    get_settings.cache_clear()
    db = tmp_path / "r.db"
    open_store(db, create=True).close()
    app = create_app(db, allow_ingest=True, token=TOKEN)
    empty = {"text": " "}  # 422 without loading a model: the limit is checked first
    with TestClient(app, client=("192.0.2.1", 5000)) as a, \
            TestClient(app, client=("192.0.2.2", 5000)) as b:
        assert [a.post("/api/analyze", json=empty).status_code for _ in range(2)] == [422, 422]
        limited = a.post("/api/analyze", json=empty)
        assert limited.status_code == 429 and 1 <= int(limited.headers["retry-after"]) <= 10
        assert "too many analyses" in limited.json()["detail"]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert a.post("/api/articles", json=empty, headers=auth).status_code == 429
        assert b.post("/api/analyze", json=empty).status_code == 422
        assert a.get("/api/stats").status_code == 200  # reading is not limited


def test_server_timing_says_how_long_the_application_took(client):
    """The load benchmark reads it to tell server time from its clients' own queueing."""
    import re

    for _ in range(2):  # the second answer comes from the kept responses: its own time
        r = client.get("/search", params={"q": "Haushalt"})
        m = re.fullmatch(r"app;dur=(\d+\.\d\d)", r.headers["server-timing"])
        assert m and 0 <= float(m[1]) < 60_000
        assert r.headers.get_list("server-timing") == [r.headers["server-timing"]]
