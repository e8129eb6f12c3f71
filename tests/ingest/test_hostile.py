"""Hostile input (issue 24): every bad record is rejected with a reason, its neighbours read."""

from __future__ import annotations

import io
import json

import pytest

from zitat.ingest import read_inputs
from zitat.schema import RawArticle, Rejected

GOOD = [
    {"text": "„Der Deich hält“, sagte Landrätin Petra Vogel am Montag in Husum.",
     "date": "2023-02-06", "title": "Deich"},
    {"text": "„Wir bauen die Brücke neu“, sagte Baustadtrat Tim Albers in Kiel.",
     "date": "2023-02-07", "title": "Brücke"},
]
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = '{"text": "Eine Zahl.", "n": ' + "7" * 5000 + "}"


def _split(records):
    return ([r for r in records if isinstance(r, RawArticle)],
            [r for r in records if isinstance(r, Rejected)])


def _hostile_jsonl(tmp_path):
    f = tmp_path / "hostile.jsonl"
    lines = [json.dumps(GOOD[0]), DEEP, HUGE_INT, '{"text": ' + DEEP + "}", json.dumps(GOOD[1])]
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return f


def test_deep_json_and_huge_integers_are_rejected_per_line(tmp_path):
    ok, bad = _split(list(read_inputs([str(_hostile_jsonl(tmp_path))])))
    assert [r.title for r in ok] == ["Deich", "Brücke"]
    assert [b.origin.rsplit(":", 1)[1] for b in bad] == ["2", "3", "4"]
    assert "nested deeper" in bad[0].reason and "4300" in bad[1].reason
    assert all(len(b.preview) <= 200 for b in bad)


@pytest.mark.parametrize("body", [DEEP, HUGE_INT, '{"text": "x", "a": ' + "[" * 70 + "]" * 70 + "}"])
def test_hostile_json_file_is_one_reject(tmp_path, body):
    f = tmp_path / "one.json"
    f.write_text(body, "utf-8")
    (rec,) = list(read_inputs([str(f)]))
    assert isinstance(rec, Rejected) and rec.origin == str(f)


def test_ingest_of_hostile_jsonl_keeps_the_batch_and_writes_rejects(tmp_path, blank_nlp):
    from zitat.jobs import ingest
    from zitat.store import open_store

    db = str(tmp_path / "z.db")
    with open_store(db) as store:
        report = ingest([str(_hostile_jsonl(tmp_path))], store, db_path=db, nlp=blank_nlp,
                        reject_stream=io.StringIO())
        assert (report.read, report.added, report.rejected) == (5, 2, 3)
        assert store.stats().articles == 2
    rejects = (tmp_path / "z.db.rejects.jsonl").read_text("utf-8").splitlines()
    assert len(rejects) == 3 and all(json.loads(r)["reason"] for r in rejects)


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Geheim</title>
<item><title>Vertraulich</title><description>GEHEIMER Inhalt einer lokalen Datei.</description>
</item></channel></rss>"""


@pytest.fixture
def url_server():
    """A local HTTP server that counts requests: /feed answers with a path as its body."""
    import http.server
    import threading

    hits: list[str] = []
    bodies: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = bodies.get(self.path, FEED.encode())
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits, bodies
    server.shutdown()


def test_feed_body_naming_a_file_or_url_is_not_followed(tmp_path, url_server):
    from zitat.ingest import read_text

    base, hits, bodies = url_server
    secret = tmp_path / "secret.xml"
    secret.write_text(FEED, "utf-8")
    for body in (f"file://{secret}", str(secret), f"{base}/x"):
        records = list(read_text(body, "feed.xml", fmt="feed"))
        assert all(isinstance(r, Rejected) for r in records), body
        assert not any("GEHEIM" in (r.preview or "") and "GEHEIM" not in body for r in records)
    assert hits == []
    # a page fetched by URL whose body names a local file
    bodies["/feed"] = f"file://{secret}".encode()
    records = list(read_inputs([f"{base}/feed"], fmt="feed"))
    assert hits == ["/feed"]
    assert len(records) == 1 and isinstance(records[0], Rejected)
