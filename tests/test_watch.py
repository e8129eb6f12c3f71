"""`zitat watch` against a feed server on 127.0.0.1 started by the test.

The server serves an RSS feed of hand-written, fictional German news; it honours
If-None-Match and If-Modified-Since, and a second path always answers 500.
"""

from __future__ import annotations

import hashlib
import os
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

from zitat.store import open_store
from zitat.watch import USER_AGENT, Watcher, read_feed_list

ITEMS = [
    ("Neue Buslinie für Rostock",
     "Die Stadtwerke Rostock richten ab Juni eine neue Buslinie zum Hafen ein. „Wir wollen "
     "die Pendler schneller an ihre Arbeitsplätze bringen“, sagte Betriebsleiterin Mara "
     "Lindqvist am Montag.", "Mon, 03 Jun 2024 08:00:00 GMT"),
    ("Bibliothek verlängert Öffnungszeiten",
     "Die Stadtbibliothek Kassel öffnet künftig auch sonntags. „Viele Familien haben nur am "
     "Wochenende Zeit“, sagte Leiterin Ruth Okafor.", "Tue, 04 Jun 2024 09:30:00 GMT"),
    ("Hochwasserschutz am Deich",
     "Der Landkreis stärkt den Deich an der Elbe auf vier Kilometern. Die Arbeiten sollen "
     "bis zum Herbst abgeschlossen sein, teilte das Landratsamt mit.",
     "Wed, 05 Jun 2024 07:15:00 GMT"),
]
#: another outlet's report of the first item's statement
SECOND_FEED = [
    ("Rostocker Hafen besser erreichbar",
     "Pendler zum Rostocker Hafen sollen ab Juni schneller ans Ziel kommen. „Wir wollen die "
     "Pendler schneller an ihre Arbeitsplätze bringen“, sagte Betriebsleiterin Mara "
     "Lindqvist am Dienstag.", "Tue, 04 Jun 2024 12:00:00 GMT"),
]
NEW_ITEM = ("Freibad öffnet früher",
            "Das Freibad in Minden öffnet in diesem Jahr schon im Mai. „Das Wasser ist warm "
            "genug“, sagte Bademeister Karl Siebert.", "Thu, 06 Jun 2024 10:00:00 GMT")


def rss(items, title: str = "Nordkurier Test") -> bytes:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>http://nachrichten.test/{title[:3]}{i}</link>"
        f"<description>{escape(text)}</description><pubDate>{date}</pubDate></item>"
        for i, (t, text, date) in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://nachrichten.test/</link>"
            f"<description>fiktive Meldungen</description>{entries}</channel></rss>"
            ).encode()


class FeedServer:
    """A feed on /feed.xml (conditional GET) and a broken one on /kaputt.xml (500)."""

    def __init__(self) -> None:
        self.items = list(ITEMS)
        self.modified = 1_717_400_000.0
        self.requests: list[tuple[str, int, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.answer(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def reply(self, h: BaseHTTPRequestHandler, status: int) -> None:
        # recorded before the client can see the answer: the test reads the log right after
        self.requests.append((h.path, status, dict(h.headers)))
        h.send_response(status)

    def answer(self, h: BaseHTTPRequestHandler) -> int:
        if h.path == "/kaputt.xml":
            self.reply(h, 500)
            h.end_headers()
            return 500
        body = rss(SECOND_FEED, "Südbote Test") if h.path == "/zweit.xml" else rss(self.items)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last_modified = formatdate(self.modified, usegmt=True)
        if h.headers.get("If-None-Match") == etag or (
                "If-None-Match" not in h.headers
                and h.headers.get("If-Modified-Since") == last_modified):
            self.reply(h, 304)
            h.end_headers()
            return 304
        self.reply(h, 200)
        h.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        h.send_header("ETag", etag)
        h.send_header("Last-Modified", last_modified)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        return 200

    def statuses(self, path: str) -> list[int]:
        return [s for p, s, _ in self.requests if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


def _titles(db) -> list[str]:
    with open_store(db, readonly=True) as store:
        return sorted(store.get_article(i).title for i in store.article_ids())


def test_watch_resumes_after_a_restart_without_loss_or_duplicates(server, tmp_path, blank_nlp):
    db = tmp_path / "w.db"
    feed, broken = f"{server.base}/feed.xml", f"{server.base}/kaputt.xml"
    now = [1000.0]
    with open_store(db, create=True) as store:
        w = Watcher(store, [feed, broken], interval=60, nlp=blank_nlp, clock=lambda: now[0])
        report = w.run(once=True, handle_signals=False)
        assert (report.run.added, report.errors) == (3, 1)
        state = store.feed_state(feed)
        assert state.etag and state.last_modified and state.next_poll == 1060.0
        assert store.feed_state(broken).failures == 1
        assert store.feed_state(broken).next_poll == 1120.0  # backed off: 2 × interval
        assert store.get_article(next(iter(store.article_ids()))).source == "Nordkurier Test"
    assert server.requests[0][2]["User-Agent"] == USER_AGENT

    # a restart: a new store connection and a new watcher, one entry added to the feed
    server.items.append(NEW_ITEM)
    server.modified += 3600
    now[0] = 1061.0
    with open_store(db, create=True) as store:
        w = Watcher(store, [feed, broken], interval=60, nlp=blank_nlp, clock=lambda: now[0])
        report = w.run(once=True, handle_signals=False)
        assert (report.run.added, report.run.skipped) == (1, 3)
        assert server.statuses("/kaputt.xml") == [500]  # not due yet: backing off
        conditional = server.requests[-1][2]
        assert conditional["If-None-Match"] == state.etag
        # nothing changed: a 304, nothing read
        now[0] = 1122.0
        report = Watcher(store, [feed, broken], interval=60, nlp=blank_nlp,
                         clock=lambda: now[0]).run(once=True, handle_signals=False)
        assert report.not_modified == 1 and report.run.read == 0
        assert server.statuses("/kaputt.xml") == [500, 500]
        assert store.feed_state(broken).failures == 2
        assert store.feed_state(broken).next_poll == 1122.0 + 240
    assert server.statuses("/feed.xml") == [200, 200, 304]
    assert _titles(db) == sorted(t for t, _, _ in [*ITEMS, NEW_ITEM])


def test_sigterm_commits_the_current_batch_and_stops(server, tmp_path, blank_nlp):
    db = tmp_path / "w.db"
    feed = f"{server.base}/feed.xml"
    with open_store(db, create=True) as store:
        w = Watcher(store, [feed], interval=60, nlp=blank_nlp, batch_size=1)
        original_add = store.add_articles

        def add_then_signal(batch):
            result = original_add(batch)
            os.kill(os.getpid(), __import__("signal").SIGTERM)  # as `kill` would
            return result

        store.add_articles = add_then_signal
        report = w.run(handle_signals=True)  # no round limit: only the signal ends it
        assert w.stopping
        assert report.run.added == 1
        assert store.feed_state(feed).next_poll == 0.0  # not finished: polled again next time
        store.add_articles = original_add
        report = Watcher(store, [feed], interval=60, nlp=blank_nlp).run(
            once=True, handle_signals=False)
        assert (report.run.added, report.run.skipped) == (2, 1)
    assert _titles(db) == sorted(t for t, _, _ in ITEMS)


def test_feed_list_skips_comments_and_refuses_other_schemes(tmp_path):
    good = tmp_path / "feeds.txt"
    good.write_text("# Lokales\nhttp://a.test/rss\n\nhttps://b.test/atom\nhttp://a.test/rss\n")
    assert read_feed_list(good) == ["http://a.test/rss", "https://b.test/atom"]
    bad = tmp_path / "bad.txt"
    bad.write_text("file:///etc/passwd\n")
    with pytest.raises(Exception, match="not an http"):
        read_feed_list(bad)


@pytest.mark.slow
def test_zitat_watch_command_stores_quotes_and_their_statements(server, tmp_path):
    from typer.testing import CliRunner

    from zitat.cli import app
    from zitat.store import SearchQuery

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# zwei Zeitungen\n{server.base}/feed.xml\n{server.base}/zweit.xml\n")
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(app, ["watch", str(feeds), "--db", db, "--once"])
    assert result.exit_code == 0, result.output
    assert "2 poll(s)" in result.stderr and "4 added" in result.stderr
    with open_store(db, readonly=True) as store:
        hits = store.search(SearchQuery(text="Arbeitsplätze"))
        assert len(hits) == 2
        assert len({h.cluster_id for h in hits}) == 1
        assert {h.outlets for h in hits} == {1}
        cluster = store.cluster(hits[0].cluster_id)
        assert [a.outlet for a in cluster.appearances] == ["Nordkurier Test", "Südbote Test"]
    again = CliRunner().invoke(app, ["watch", str(feeds), "--db", db, "--once"])
    assert again.exit_code == 0 and "0 added" in again.stderr


def test_once_returns_when_no_feed_is_due(server, tmp_path, blank_nlp):
    feed = f"{server.base}/feed.xml"
    with open_store(tmp_path / "w.db", create=True) as store:
        Watcher(store, [feed], interval=3600, nlp=blank_nlp).run(once=True, handle_signals=False)
        report = Watcher(store, [feed], interval=3600, nlp=blank_nlp).run(
            once=True, handle_signals=False)
    assert report.polls == 0
    assert server.statuses("/feed.xml") == [200]
