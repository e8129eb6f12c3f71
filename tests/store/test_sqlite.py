"""SQLite-only behaviour: files, migrations of older files, read-only opening.

The behaviour every backend shares is tested in ``test_store.py``.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.store.test_store import RENTE
from zitat.errors import StoreError
from zitat.store import open_store
from zitat.store.sqlite import MIGRATIONS


def test_older_database_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations(name TEXT PRIMARY KEY, applied_at TEXT)")
    for statement in MIGRATIONS[0][1].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO migrations VALUES (?, 'then')", (MIGRATIONS[0][0],))
    conn.commit()
    conn.close()
    s = open_store(path, create=True)
    assert s.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
    s.add_articles([RENTE])
    assert s.stats().quotes == 1


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer zitat"):
        open_store(path, create=True)


def test_readonly_store_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "missing.db", readonly=True)


def test_surname_lookup_finds_variants_stored_before_the_last_word_index(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations(name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, sql in MIGRATIONS[:2]:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
    conn.execute("INSERT INTO entities(id, label, name, key) VALUES "
                 "(1, 'PER', 'Jürgen Müller-Lüdenscheidt', 'per:jürgen müller-lüdenscheidt'), "
                 "(2, 'PER', 'Müller', 'per:müller')")
    conn.execute("INSERT INTO entity_variants(entity_id, variant, folded) VALUES "
                 "(1, 'Jürgen Müller-Lüdenscheidt', 'jürgen müller-lüdenscheidt'), "
                 "(2, 'Müller', 'müller')")
    conn.commit()
    conn.close()
    with open_store(path, create=True) as s:
        assert [e.id for e in s._entity_lookup("PER", "müller-lüdenscheidt", True)] == [1]
        assert s._entity_lookup("PER", "lüdenscheidt", True) == []  # a part is no surname
        assert [e.id for e in s._entity_lookup("PER", "müller", False)] == [2]
        assert s._entity_lookup("PER", "müller", True) == []  # one word is no full name
        assert s._entity_lookup("ORG", "müller", False) == []


def test_find_speaker_counts_quotes_in_one_query_however_many_candidates(tmp_path):
    from tests.conftest import make_article

    people = ["Thomas Keller", "Jonas Keller", "Maria Keller", "Paul Keller", "Eva Keller"]
    articles = [make_article(f"„Der Haushalt steht“, sagte {name} in Erfurt.", speaker=name,
                             role=None) for name in people]
    with open_store(tmp_path / "k.db", create=True) as s:
        s.add_articles(articles)
        statements: list[str] = []
        s.conn.set_trace_callback(statements.append)
        assert s.find_speaker("keller") is not None  # five candidates by substring
        s.conn.set_trace_callback(None)
        counting = [sql for sql in statements if "count(" in sql.lower()]
        assert len(counting) == 1, statements
