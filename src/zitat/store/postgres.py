"""PostgreSQL store (``postgresql://`` URLs): for shared servers and corpus-scale loads.

Same interface and results as :class:`~zitat.store.sqlite.SQLiteStore` (see
:class:`~zitat.store.base.Store`): the queries are :class:`~zitat.store.sql.SQLStore`'s;
this module has the schema, the dialect and the driver hooks. Differences are in how,
not what:

* Search: each query term matches a quote when the folded quote text contains it (a
  ``pg_trgm`` GIN index serves ``LIKE '%term%'``, so compound parts are found exactly
  as with SQLite's FTS5 trigram index) or when the German stemmer agrees
  (``to_tsvector('german', …)``, which adds inflected forms: ``Renten`` finds ``Rente``).
* Concurrency: several processes may ingest at once. Articles are inserted with
  ``ON CONFLICT (id) DO NOTHING`` and only the winner writes the article's rows;
  entities are created with ``ON CONFLICT (key)``. A batch that deadlocks with another
  writer is rolled back and retried. Readers never wait for writers (MVCC) and never see
  half a batch.
* Text columns that are compared or sorted use ``COLLATE "C"`` (byte order, like SQLite),
  so results do not depend on the server's locale.

A schema other than ``public`` is chosen in the URL, e.g.
``postgresql://user@host/db?options=-csearch_path%3Dzitat,public`` (the schema must exist).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from zitat.errors import StoreError
from zitat.schema import Article
from zitat.store.records import WriteResult
from zitat.store.sql import Dialect, SQLStore, like_escape
from zitat.store.text import fold, query_alternatives

try:  # optional dependency: the `postgres` extra
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

#: Key of the advisory lock that serialises migrations between processes.
_MIGRATION_LOCK = 0x7A17A7
#: Retries of a batch that lost a deadlock or serialisation conflict to another writer.
_WRITE_RETRIES = 8

#: Numbered migrations; a database records which ones it has, so older ones upgrade.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        -- tsvectors cover the first 200,000 characters: a tsvector holds at most 1 MB.
        CREATE TABLE articles(
            seq BIGSERIAL UNIQUE,
            id TEXT PRIMARY KEY,
            date TEXT COLLATE "C", date_start TEXT COLLATE "C", date_end TEXT COLLATE "C",
            title TEXT, url TEXT, source TEXT,
            text TEXT NOT NULL,
            doc TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                to_tsvector('german'::regconfig,
                            left(coalesce(title, '') || ' ' || text, 200000))
            ) STORED
        );
        CREATE INDEX articles_date ON articles(date_start);
        CREATE INDEX articles_tsv ON articles USING gin(tsv);
        CREATE TABLE entities(
            id BIGSERIAL PRIMARY KEY,
            label TEXT NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            key TEXT COLLATE "C" NOT NULL UNIQUE
        );
        CREATE INDEX entities_key_trgm ON entities USING gin(key gin_trgm_ops);
        CREATE TABLE entity_variants(
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            variant TEXT COLLATE "C" NOT NULL,
            folded TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY(entity_id, variant)
        );
        CREATE INDEX entity_variants_folded ON entity_variants(folded);
        CREATE INDEX entity_variants_trgm ON entity_variants USING gin(folded gin_trgm_ops);
        CREATE TABLE entity_roles(
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            role TEXT COLLATE "C" NOT NULL,
            first_seen TEXT COLLATE "C", last_seen TEXT COLLATE "C",
            PRIMARY KEY(entity_id, role)
        );
        CREATE TABLE mentions(
            article_id TEXT NOT NULL,
            entity_id BIGINT NOT NULL,
            local_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE quotes(
            id BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL,
            qid TEXT NOT NULL,
            type TEXT NOT NULL, medium TEXT NOT NULL,
            text TEXT NOT NULL, folded TEXT COLLATE "C" NOT NULL,
            body TEXT COLLATE "C" NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            speaker_text TEXT, speaker_id BIGINT,
            cue_text TEXT, addressee_text TEXT,
            confidence DOUBLE PRECISION NOT NULL,
            date_start TEXT COLLATE "C", date_end TEXT COLLATE "C",
            tsv tsvector GENERATED ALWAYS AS (
                to_tsvector('german'::regconfig,
                            left(text || ' ' || coalesce(speaker_text, ''), 200000))
            ) STORED,
            UNIQUE(article_id, qid)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE INDEX quotes_date ON quotes(date_start);
        CREATE INDEX quotes_body_trgm ON quotes USING gin(body gin_trgm_ops);
        CREATE INDEX quotes_tsv ON quotes USING gin(tsv);
        CREATE TABLE roles(
            quote_id BIGINT NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER, "end" INTEGER
        );
        CREATE INDEX roles_quote ON roles(quote_id);
        CREATE TABLE times(
            article_id TEXT NOT NULL,
            text TEXT NOT NULL, start INTEGER, "end" INTEGER,
            type TEXT, value TEXT COLLATE "C", granularity TEXT, anchor TEXT, rule TEXT
        );
        CREATE INDEX times_article ON times(article_id);
        CREATE TABLE places(
            article_id TEXT NOT NULL,
            text TEXT NOT NULL, start INTEGER, "end" INTEGER,
            name TEXT COLLATE "C", folded TEXT COLLATE "C", country TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, feature TEXT
        );
        CREATE INDEX places_article ON places(article_id);
        CREATE INDEX places_folded ON places(folded)
        """,
    ),
    # where a statement was made, when its frame says so (`sagte Blinken in Washington`)
    ("0002_quote_place", "ALTER TABLE quotes ADD COLUMN place TEXT"),
    # who gets to speak (issue 27): framing per quote, speaker attributes resolved from
    # the articles' votes, hand corrections keyed by the canonical speaker key
    (
        "0004_speaker_attributes",
        """
        ALTER TABLE quotes ADD COLUMN cue_class TEXT;
        ALTER TABLE quotes ADD COLUMN mood TEXT;
        -- statistics by outlet read the source from this index, not the article rows
        CREATE INDEX articles_id_source ON articles(id, source);
        CREATE TABLE speaker_attribute_votes(
            entity_id BIGINT NOT NULL,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY(entity_id, attribute, value)
        );
        CREATE TABLE speaker_attributes(
            entity_id BIGINT PRIMARY KEY,
            kind TEXT, role_class TEXT, party TEXT, gender TEXT
        );
        CREATE TABLE speaker_corrections(
            key TEXT COLLATE "C" NOT NULL,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY(key, attribute)
        );
        """,
    ),
    # wire copies and statement clusters (zitat.store.clusters): LSH band keys of articles
    # and quotations, the copy → earliest-version links, each quotation's cluster
    (
        "0005_clusters",
        """
        CREATE TABLE article_bands(key BIGINT NOT NULL, article_id TEXT NOT NULL);
        CREATE INDEX article_bands_key ON article_bands(key);
        CREATE INDEX article_bands_article ON article_bands(article_id);
        CREATE TABLE wire_copies(
            article_id TEXT PRIMARY KEY,
            original_id TEXT NOT NULL,
            similarity DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX wire_copies_original ON wire_copies(original_id);
        CREATE TABLE quote_bands(key BIGINT NOT NULL, quote_id BIGINT NOT NULL);
        CREATE INDEX quote_bands_key ON quote_bands(key);
        CREATE INDEX quote_bands_quote ON quote_bands(quote_id);
        CREATE TABLE quote_clusters(quote_id BIGINT PRIMARY KEY, cluster_id BIGINT NOT NULL);
        CREATE INDEX quote_clusters_cluster ON quote_clusters(cluster_id)
        """,
    ),
    # zitat watch: per feed its validators and back-off; stored articles found by URL
    (
        "0006_watch",
        """
        CREATE TABLE watch_feeds(
            url TEXT PRIMARY KEY,
            etag TEXT, last_modified TEXT,
            next_poll DOUBLE PRECISION NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            last_status TEXT, last_polled TEXT
        );
        CREATE INDEX articles_url ON articles(url)
        """,
    ),
    # searches list the newest quotes first: the order as an index, so that a page of
    # an unfiltered or type-filtered search walks it instead of sorting every quote
    (
        "0007_quotes_newest",
        "CREATE INDEX quotes_newest ON quotes((date_start IS NULL), date_start DESC,"
        ' article_id COLLATE "C", start)',
    ),
    # the place filter's alternatives indexed: the place as the text wrote it, and the
    # folded name's prefix (a LIKE 'prefix%' uses a pattern_ops index whatever the locale)
    (
        "0008_places_text",
        """
        CREATE INDEX places_text_lower ON places(lower(text));
        CREATE INDEX places_folded_prefix ON places(folded text_pattern_ops)
        """,
    ),
    # the corpus's first and last date (stats) from an index of the dates as the sources
    # give them, not two scans of every article (150 ms at 100,000 articles)
    ("0009_articles_date", "CREATE INDEX articles_date_raw ON articles(date)"),
    # the speaker ranking counts each speaker's quotes outside wire copies: with the
    # article in the speaker index it reads no quote row (180 ms -> 30 ms at 100,000
    # articles); the index replaces the one of the speaker alone, a prefix of it
    (
        "0010_quotes_speaker_article",
        """
        DROP INDEX quotes_speaker;
        CREATE INDEX quotes_speaker ON quotes(speaker_id, article_id)
        """,
    ),
    # the overview's figures from indexes (index-only scans), not scans of every row: the
    # map's place counts and the quotes by type (as SQLite's 0011)
    (
        "0011_overview_indexes",
        """
        CREATE INDEX places_map ON places(name, article_id) INCLUDE (lat, lon);
        CREATE INDEX quotes_type ON quotes(type)
        """,
    ),
]


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresDialect(Dialect):
    """PostgreSQL's SQL: trigram LIKE or German stem per term, ``= ANY`` id lists."""

    placeholder = "%s"
    like = "LIKE ?"  # backslash is PostgreSQL's default LIKE escape
    ilike = "ILIKE ?"
    byte_order = '"C"'
    least, greatest = "least", "greatest"
    article_seq = "seq"
    quote_body = True  # the folded search text is a column with a trigram index

    def text_match(self, terms: list[str], walk: bool = False, matches: str | None = None,
                   ) -> tuple[list[str], list[Any]]:
        """Per term: a substring of the folded text (trigram index) or the same German stem
        (``walk`` is left to PostgreSQL's planner, which estimates how many match)."""
        conditions, params = [], []
        for t in terms:
            alts = query_alternatives(t)  # any spelling: "mueller" finds "Müller" too
            likes = " OR ".join(["q.body LIKE ?"] * len(alts))
            conditions.append(f"({likes} OR q.tsv @@ plainto_tsquery('german'::regconfig, ?))")
            params += [f"%{like_escape(a)}%" for a in alts] + [t]
        return conditions, params

    def speaker_text_match(self, name: str, walk: bool = False) -> tuple[str, list[Any]]:
        """The speaker text contains ``name``; the folded ``body`` (quote and speaker text)
        is checked first, which its trigram index serves."""
        folded = fold(name)  # as LIKE compares: spaces kept
        return ("(q.body LIKE ? AND q.speaker_text ILIKE ?)",
                [f"%{like_escape(folded)}%", f"%{like_escape(name)}%"])

    def surname_match(self, folded: str) -> tuple[str, Any]:
        """``LIKE '% roth'``, served by the trigram index on ``entity_variants.folded``."""
        return "v.folded LIKE ?", f"% {like_escape(folded)}"

    def in_ids(self, column: str) -> str:
        """Ids bound as one array."""
        return f"{column} = ANY(?)"

    def ids_param(self, ids: list[int]) -> Any:
        """The list itself (psycopg binds it as an array)."""
        return ids


class PostgresStore(SQLStore):
    """A zitat store in a PostgreSQL database (``postgresql://user@host:port/db``).

    Writes are one transaction per :meth:`add_articles` call; an article id that is
    already stored is skipped, so re-ingesting changes nothing, also when several
    processes ingest overlapping input at the same time.
    """

    dialect = PostgresDialect()
    migrations = MIGRATIONS

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        if psycopg is None:
            raise StoreError(
                "PostgreSQL stores need psycopg: pip install 'zitat[postgres]'"
            )
        self.url = url
        self.path = redact(url)  # what messages show; same attribute as SQLiteStore
        self.readonly = readonly
        try:
            # autocommit: every read is its own short snapshot; writes open explicit
            # transactions, so no connection sits "idle in transaction" holding locks.
            self.conn: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.path}: {exc}") from None
        try:
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
                if not self.applied_migrations():
                    raise StoreError(
                        f"no zitat database at {self.path}; create one with `zitat ingest`"
                    )
            self._open(readonly)
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def migrate(self) -> list[str]:
        """Apply missing migrations in order (atomically, one process at a time)."""
        try:
            return super().migrate()
        except pg_errors.FeatureNotSupported as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        except (pg_errors.UndefinedFile, pg_errors.InsufficientPrivilege) as exc:
            raise StoreError(
                f"{self.path}: cannot create the pg_trgm extension ({exc}); install "
                "postgresql-contrib or ask an administrator to run CREATE EXTENSION pg_trgm"
            ) from None

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store a batch of articles in one transaction; known ids are skipped.

        Raises:
            StoreError: the batch kept losing deadlocks to other writers.
        """
        for attempt in range(_WRITE_RETRIES):
            try:
                return super().add_articles(articles)
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure) as exc:
                # Concurrent writers lock entity rows in different orders; the batch was
                # rolled back as a whole, so redoing it is safe.
                wait = 0.05 * (2**attempt) * (0.5 + random.random())
                log.info("batch conflicted with another writer (%s); retry in %.2fs",
                         type(exc).__name__, wait)
                time.sleep(wait)
        raise StoreError(f"{self.path}: batch failed {_WRITE_RETRIES} times on write conflicts")

    # -- driver hooks -------------------------------------------------------------------

    _unique_violation: ClassVar[type[Exception]] = (
        pg_errors.UniqueViolation if psycopg is not None else Exception
    )

    def _transaction(self) -> AbstractContextManager[Any]:
        return self.conn.transaction()  # nested: a savepoint

    _savepoint = _transaction

    def _has_migrations_table(self) -> bool:
        row = self.conn.execute("SELECT to_regclass('migrations') AS t").fetchone()
        return row is not None and row["t"] is not None

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        with self.conn.transaction():
            # Two ingest processes starting on an empty database must not both migrate.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            yield

    def _run_script(self, script: str) -> None:
        self.conn.execute(script)  # type: ignore[arg-type]  # constant DDL, no values

    def _insert_id(self, sql: str, params: Sequence[Any], id_column: str) -> int | None:
        row = self.execute(f"{sql} RETURNING {id_column}", params).fetchone()
        return int(row[id_column]) if row else None

    def _reopen_writable(self) -> None:
        PostgresStore(self.url).close()  # older schema: apply the additive migrations

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        # all figures of stats() from one snapshot (consistent while others ingest)
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
