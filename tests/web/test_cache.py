"""The server's cache of counts and facets (issue 24, load benchmark): answers are reused
while the store is unchanged and never outlive an added article, whoever added it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import make_article
from zitat.store import open_store
from zitat.store.sql import SQLStore
from zitat.web import deps
from zitat.web.app import create_app


def _store_with(tmp_path, count: int):
    """A new store of ``count`` generated articles; its path."""
    db = tmp_path / "z.db"
    with open_store(db, create=True) as store:
        store.add_articles([_article(n) for n in range(count)])
    return db


def _article(n: int):
    return make_article(f"„Der Haushalt {n} steht“, sagte Anna Beispiel am Donnerstag in Kiel.")


def test_counts_and_facets_follow_articles_added_by_another_process(tmp_path):
    db = _store_with(tmp_path, 1)
    with TestClient(create_app(db)) as client:
        first = client.get("/api/quotes", params={"q": "Haushalt"}).json()
        assert first["total"] == 1
        with open_store(db) as other:  # another connection, as `zitat ingest` would be
            other.add_articles([_article(2), _article(3)])
        after = client.get("/api/quotes", params={"q": "Haushalt"}).json()
        assert after["total"] == 3 and len(after["quotes"]) == 3
        speaker = after["facets"]["speaker"][0]
        assert (speaker["value"], speaker["count"]) == ("Anna Beispiel", 3)
        assert client.get("/api/stats").json()["articles"] == 3


def test_pages_of_one_search_find_their_matches_once(tmp_path, monkeypatch):
    db = _store_with(tmp_path, 30)
    with TestClient(create_app(db)) as client:
        windows = _counting(monkeypatch, "match_window")
        searches = _counting(monkeypatch, "search")
        pages = [client.get("/api/quotes", params={"q": "Haushalt", "offset": offset,
                                                   "limit": 10}).json()
                 for offset in (0, 10, 20)]
        # the first page found the matches (count, facets, ids), the others reused them
        assert len(windows) == 1 and searches == []
        assert {p["total"] for p in pages} == {30}
        assert len({q["article_id"] for p in pages for q in p["quotes"]}) == 30
        client.get("/api/quotes", params={"q": "Kiel"})
        assert len(windows) == 2  # another search: its own


def test_a_page_of_a_search_is_read_once_and_never_outlives_an_added_article(tmp_path,
                                                                           monkeypatch):
    db = _store_with(tmp_path, 30)
    with TestClient(create_app(db)) as client:
        by_id = _counting(monkeypatch, "quotes_by_id")
        searches = _counting(monkeypatch, "search")
        pages = [client.get("/search", params={"q": "Haushalt", "offset": offset}).text
                 for offset in (0, 20, 0, 20)]
        # each page once, from the ids of the newest matches; its repetition kept
        assert [len(ids) for (ids,) in by_id] == [21, 10] and searches == []
        assert pages[0] == pages[2] and pages[1] == pages[3] and pages[0] != pages[1]
        # an export of many rows is read every time, never kept
        for _ in range(2):
            assert client.get("/api/quotes.csv", params={"q": "Haushalt"}).status_code == 200
        assert [(q.offset, q.limit) for (q,) in searches] == [(0, 1000), (0, 1000)]
        with open_store(db) as other:
            other.add_articles([make_article("„Der Haushalt 99 ist neu“, sagte Anna Beispiel "
                                             "am Freitag in Kiel.", date="2030-01-02")])
        first = client.get("/api/quotes", params={"q": "Haushalt"}).json()
        assert first["total"] == 31 and first["quotes"][0]["text"] == "„Der Haushalt 99 ist neu“"


def test_a_page_beyond_the_newest_matches_is_searched_for(tmp_path, monkeypatch):
    db = _store_with(tmp_path, 30)
    with TestClient(create_app(db)) as client:
        within = client.get("/api/quotes", params={"q": "Haushalt", "offset": 20,
                                                   "limit": 5}).json()
        monkeypatch.setattr(deps, "COUNT_LIMIT", 10)  # the window: the newest 11 matches
        searches = _counting(monkeypatch, "search")
        beyond = client.get("/api/quotes", params={"q": "Haushalt", "offset": 20, "limit": 5,
                                                   "facets": "true"}).json()
        assert [(q.offset, q.limit) for (q,) in searches] == [(20, 6)]
        assert beyond["quotes"] == within["quotes"] and len(within["quotes"]) == 5
        assert (beyond["total"], beyond["total_exact"]) == (10, False)


def test_the_page_templates_are_compiled_when_the_server_starts(tmp_path):
    """Before the first request (issue 24: the first visitors of a busy server compiled
    them, several at once, in the event loop every request shares)."""
    from zitat.web.deps import templates

    db = _store_with(tmp_path, 1)
    templates.env.cache.clear()
    with TestClient(create_app(db)):
        compiled = {key[1] for key in templates.env.cache}
    assert {"index.html", "search.html", "speaker.html", "article.html", "base.html"} <= compiled


def _counting(monkeypatch, name: str) -> list[tuple]:
    """Calls of ``SQLStore.<name>`` from now on, whichever connection serves them."""
    real, calls = getattr(SQLStore, name), []

    def counted(self, *args):
        calls.append(args)
        return real(self, *args)

    monkeypatch.setattr(SQLStore, name, counted)
    return calls


def test_a_repeated_page_is_sent_as_rendered_until_an_article_is_added(tmp_path,
                                                                       monkeypatch):
    db = _store_with(tmp_path, 3)
    with TestClient(create_app(db)) as client:
        versions = _counting(monkeypatch, "data_version")
        first = client.get("/search", params={"q": "Haushalt"})
        computed = len(versions)  # the page's store calls ask for it too
        again = client.get("/search", params={"q": "Haushalt"})
        # the second one checked the version once and rendered nothing
        assert len(versions) == computed + 1
        assert again.content == first.content and again.status_code == 200
        # a kept response carries the security headers as a new one does
        assert again.headers["x-frame-options"] == "DENY"
        assert again.headers["content-type"] == first.headers["content-type"]
        with open_store(db) as other:  # another process adds an article
            other.add_articles([make_article("„Der Haushalt 77 ist neu“, sagte Anna Beispiel "
                                             "am Freitag in Kiel.", date="2030-01-02")])
        after = client.get("/search", params={"q": "Haushalt"})
        assert "77 ist neu" in after.text
        assert "77 ist neu" not in first.text


def test_errors_exports_and_other_hosts_are_not_answered_from_kept_responses(tmp_path,
                                                                            monkeypatch):
    db = _store_with(tmp_path, 3)
    with TestClient(create_app(db)) as client:
        lookups = _counting(monkeypatch, "get_article")
        for _ in range(2):
            assert client.get("/articles/0000000000000000").status_code == 404
        assert len(lookups) == 2  # a 404 is looked up again: it is not kept
        searches = _counting(monkeypatch, "search")
        for _ in range(2):
            assert client.get("/api/quotes.csv", params={"q": "Haushalt"}).status_code == 200
        assert len(searches) == 2
        # the API's links are absolute: another host name gets its own
        one = client.get("/api/quotes", params={"q": "Haushalt", "limit": 1}).json()
        other = client.get("/api/quotes", params={"q": "Haushalt", "limit": 1},
                           headers={"host": "zitat.example.org"}).json()
        assert one["next"].startswith("http://testserver/")
        assert other["next"].startswith("http://zitat.example.org/")


def test_a_kept_page_is_sent_while_every_read_connection_is_busy(tmp_path):
    """The data version a kept page is checked against is read on a connection of its
    own: answers from memory do not queue behind slow searches (issue 24)."""
    import threading

    db = _store_with(tmp_path, 3)
    with TestClient(create_app(db)) as client:
        first = client.get("/search", params={"q": "Haushalt"})
        slots = client.app.state.zitat.readers._slots
        for _ in range(deps.READERS):  # every read connection busy, as under load
            slots.acquire()
        done: list = []
        waiting = threading.Thread(target=lambda: done.append(
            client.get("/search", params={"q": "Haushalt"})))
        try:
            waiting.start()
            waiting.join(10)
            assert done and done[0].content == first.content
        finally:
            for _ in range(deps.READERS):
                slots.release()
            waiting.join()
