"""PostgreSQL-only behaviour: migrations table, refusal of newer schemas, URLs.

The behaviour every backend shares is tested in ``test_store.py``.
"""

from __future__ import annotations

import multiprocessing

import pytest

from tests.store.test_store import RENTE
from zitat.errors import StoreError
from zitat.store import open_store

pytestmark = pytest.mark.postgres


def test_migrations_are_recorded_and_rerun_is_a_no_op(pg_url):
    from zitat.store.postgres import MIGRATIONS

    with open_store(pg_url, create=True) as s:
        assert s.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
        assert s.migrate() == []


def test_newer_database_is_refused(pg_url):
    with open_store(pg_url, create=True) as s:
        s.conn.execute("INSERT INTO migrations VALUES ('9999_future', 'later')")
    with pytest.raises(StoreError, match="newer zitat"):
        open_store(pg_url, create=True)
    with pytest.raises(StoreError, match="newer zitat"):
        open_store(pg_url, readonly=True)


def test_readonly_store_needs_a_zitat_database(pg_url):
    with pytest.raises(StoreError, match="no zitat database"):
        open_store(pg_url, readonly=True)


def test_readonly_store_refuses_writes(pg_url):
    open_store(pg_url, create=True).close()
    with open_store(pg_url, readonly=True) as ro, pytest.raises(Exception, match="read-only"):
        ro.add_articles([RENTE])


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match=r"cannot connect to postgresql://zitat:\*\*\*@127\.0"):
        open_store("postgresql://zitat:geheim@127.0.0.1:1/zitat", create=True)


def _open_and_close(url: str) -> None:
    open_store(url, create=True).close()


def test_processes_migrating_an_empty_database_at_once(pg_url):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open_and_close, args=(pg_url,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with open_store(pg_url, readonly=True) as s:
        assert s.applied_migrations() == ["0001_initial", "0002_quote_place",
                                          "0004_speaker_attributes", "0005_clusters",
                                          "0006_watch", "0007_quotes_newest", "0008_places_text",
                                          "0009_articles_date", "0010_quotes_speaker_article",
                                          "0011_overview_indexes"]
