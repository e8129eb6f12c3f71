"""Store fixtures: every store test runs on SQLite and on PostgreSQL.

The PostgreSQL runs use the server named by ``ZITAT_TEST_PG_URL`` (for example
``postgresql://postgres@127.0.0.1:5433/zitat_test``); each test gets a fresh schema that
is dropped afterwards. Without the variable, psycopg or a reachable server the
PostgreSQL runs are skipped with the reason, except when ``CI`` is set: then they fail,
so a broken CI database can never pass as a green run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from zitat.schema import Article
from zitat.store import Store, open_store

# Read at import time: the autouse settings fixture removes ZITAT_* variables per test.
PG_URL = os.environ.get("ZITAT_TEST_PG_URL", "")
IN_CI = bool(os.environ.get("CI"))

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"PostgreSQL tests cannot run: {reason} (CI is set, so this is an error)")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL of the test server, checked once per session."""
    if not PG_URL:
        _unavailable("set ZITAT_TEST_PG_URL=postgresql://user@host:port/db")
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'zitat[postgres]')")
    try:
        with psycopg.connect(PG_URL, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        _unavailable(f"cannot connect to ZITAT_TEST_PG_URL: {str(exc).strip()}")
    return PG_URL


def schema_url(server: str, schema: str) -> str:
    """``server`` with ``search_path`` set to ``schema`` (then public, where pg_trgm lives)."""
    sep = "&" if "?" in server else "?"
    return f"{server}{sep}options={quote(f'-csearch_path={schema},public')}"


def create_schema(server: str, made: list[str], prefix: str = "zitat_test") -> str:
    """A fresh schema on ``server`` (its name appended to ``made``) and the URL that uses it."""
    import psycopg

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        # Identifier built from a hex uuid only; schemas cannot be bound as parameters.
        conn.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
    made.append(schema)
    return schema_url(server, schema)


def drop_schemas(server: str, made: list[str]) -> None:
    """Drop the schemas :func:`create_schema` made on ``server``."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        for schema in made:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL whose tables live in a fresh schema of the test database, dropped afterwards."""
    made: list[str] = []
    try:
        yield create_schema(pg_server, made)
    finally:
        drop_schemas(pg_server, made)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a store lives: a SQLite file or a PostgreSQL schema (the test's param)."""
    if request.param == "sqlite":
        return str(tmp_path / "z.db")
    return request.getfixturevalue("pg_url")


def stored(url: str, articles: list[Article]) -> Iterator[Store]:
    """A new store at ``url`` holding ``articles``, closed afterwards: the body of a store
    fixture (``yield from stored(store_url, [...])``)."""
    with open_store(url, create=True) as s:
        s.add_articles(articles)
        yield s
