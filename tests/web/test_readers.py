"""The server reads on a pool of connections of its own (issue 24, load benchmark): requests
read in parallel, never wait for a writer and see what was committed, on SQLite and on
PostgreSQL."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_article
from tests.store.conftest import pg_server, pg_url, store_url  # noqa: F401  (fixtures)
from zitat.store import SearchQuery, Store, open_store
from zitat.web import deps
from zitat.web.app import create_app
from zitat.web.deps import ReaderPool


def _article(n: int):
    return make_article(f"„Die Brücke {n} wird saniert“, sagte Jonas Keller am Montag in Kiel.",
                        speaker="Jonas Keller", role="Bürgermeister")


def test_a_read_runs_while_another_holds_its_connection(store_url):  # noqa: F811
    with open_store(store_url, create=True) as store:
        store.add_articles([_article(1)])
    pool = ReaderPool(lambda: open_store(store_url, readonly=True), size=2)
    try:
        held, release = threading.Event(), threading.Event()
        seen: list[Store] = []

        def slow_reader() -> None:
            with pool.store() as store:
                seen.append(store)
                held.set()
                release.wait(10)

        thread = threading.Thread(target=slow_reader)
        thread.start()
        assert held.wait(10)
        with pool.store() as store:  # not blocked by the first reader
            assert store is not seen[0]
            assert store.count(SearchQuery(text="Brücke")) == 1
        release.set()
        thread.join(10)
    finally:
        pool.close()


def test_the_pool_opens_no_more_stores_than_its_size(tmp_path):
    db = tmp_path / "z.db"
    open_store(db, create=True).close()
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(open_store(db, readonly=True))
        return opened[-1]

    pool = ReaderPool(opener, size=1)
    entered = threading.Event()
    with pool.store():
        thread = threading.Thread(target=lambda: pool.store().__enter__() and entered.set())
        thread.start()
        assert not entered.wait(0.3)  # the one connection is taken: the second call waits
    thread.join(10)
    assert entered.is_set() and len(opened) == 1  # then it got the same connection
    pool.close()


def test_every_read_connection_sees_committed_articles(store_url):  # noqa: F811
    with open_store(store_url, create=True) as store:
        store.add_articles([_article(1)])
    with TestClient(create_app(store_url)) as client:
        state = client.app.state.zitat
        # every connection of the pool open at once, each having answered a search
        stores = [state.readers.store() for _ in range(deps.READERS)]
        opened = [cm.__enter__() for cm in stores]
        assert len({id(s) for s in opened}) == deps.READERS >= 2
        assert [s.count(SearchQuery(text="Brücke")) for s in opened] == [1] * deps.READERS
        for cm in stores:
            cm.__exit__(None, None, None)
        with open_store(store_url) as writer:  # another process ingests
            writer.add_articles([_article(2), _article(3)])
        # whichever connection serves them, the searches see the new articles
        totals = {client.get("/api/quotes", params={"q": "Brücke"}).json()["total"]
                  for _ in range(6)}
        assert totals == {3}
        assert all(s.count(SearchQuery(text="Brücke")) == 3 for s in opened)


def test_reads_during_an_open_write_see_the_last_commit(tmp_path):
    db = tmp_path / "z.db"
    with open_store(db, create=True) as store:
        store.add_articles([_article(1)])
    with TestClient(create_app(db)) as client, open_store(db) as writer:
        # a write transaction left open: it holds the file's write lock
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM quotes")
        started = time.monotonic()
        # the server neither waits for the writer nor sees its uncommitted change
        assert client.get("/api/quotes", params={"q": "Brücke"}).json()["total"] == 1
        assert client.get("/search", params={"q": "Brücke"}).status_code == 200
        assert time.monotonic() - started < 5  # far below the busy timeout (30 s)
        writer.conn.rollback()


def test_concurrent_requests_all_answer(tmp_path):
    db = tmp_path / "z.db"
    with open_store(db, create=True) as store:
        store.add_articles([_article(n) for n in range(40)])
    with TestClient(create_app(db)) as client:
        results: list[int] = []
        lock = threading.Lock()

        def reader(k: int) -> None:
            for offset in range(0, 40, 10):
                page = client.get("/api/quotes", params={"q": "Brücke", "offset": offset,
                                                         "limit": 10, "facets": k % 2 == 0})
                with lock:
                    results.append(page.status_code if page.json()["total"] == 40 else -1)

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert results == [200] * 32


@pytest.mark.parametrize("path", [":memory:"])
def test_an_in_memory_store_is_served_without_a_pool(path):
    app = create_app(path, allow_ingest=True, token="t")
    assert app.state.zitat.readers is None


def test_a_page_reads_the_store_in_as_few_trips_to_the_thread_pool_as_it_can(tmp_path,
                                                                             monkeypatch):
    """A search (API or page) reads its window and its quotes in one trip to the thread
    pool, a speaker's page and an article's in two (the profile or the article first):
    each trip of a busy server waits behind every other request's reads. The search
    parameters are read without one (a plain function dependency would take a trip)."""
    import fastapi.dependencies.utils as fastapi_deps

    db = tmp_path / "z.db"
    with open_store(db, create=True) as store:
        store.add_articles([_article(n) for n in range(3)])
        speaker = store.speakers(limit=1)[0].id
        article = next(iter(store.article_ids()))
    trips: list[str] = []
    real = deps.run_in_threadpool

    async def counted(func, *args, **kwargs):
        trips.append(getattr(func, "__qualname__", ""))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(deps, "run_in_threadpool", counted)
    monkeypatch.setattr(fastapi_deps, "run_in_threadpool", counted)
    with TestClient(create_app(db)) as client:
        for path, expected in (("/api/quotes?q=Brücke", 1), ("/search?q=Brücke&offset=1", 1),
                               (f"/speakers/{speaker}", 2), (f"/articles/{article}", 2),
                               ("/api/quotes?q=Brücke&facets=false", 1)):
            trips.clear()
            response = client.get(path)
            assert response.status_code == 200, path
            assert len(trips) == expected, (path, trips)
        assert client.get("/api/quotes?q=Brücke").json()["total"] == 3
        assert "Jonas Keller" in client.get(f"/speakers/{speaker}").text
