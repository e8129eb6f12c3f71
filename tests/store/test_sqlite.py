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
    s = open_store(path)
    assert s.applied_migrations() == sorted(name for name, _ in MIGRATIONS)
    s.add_articles([RENTE])
    assert s.stats().quotes == 1


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer zitat"):
        open_store(path)


def test_readonly_store_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "missing.db", readonly=True)
