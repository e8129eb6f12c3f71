"""PostgreSQL store (``postgresql://`` URLs): for shared servers and corpus-scale loads.

Same interface and results as :class:`~zitat.store.sqlite.SQLiteStore` (see
:class:`~zitat.store.base.Store`). Differences are in how, not what:

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
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from zitat.errors import StoreError
from zitat.schema import Article
from zitat.store.entities import GlobalEntity, link_entities
from zitat.store.records import (
    QuoteHit,
    RoleSpan,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    Stats,
    WriteResult,
)
from zitat.store.rows import quote_hit, utc_now
from zitat.store.text import about_clause, date_range, fold, query_terms

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
]


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _like_escape(term: str) -> str:
    """Escape LIKE wildcards so a search term matches literally (backslash is PG's escape)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresStore:
    """A zitat store in a PostgreSQL database (``postgresql://user@host:port/db``).

    Writes are one transaction per :meth:`add_articles` call; an article id that is
    already stored is skipped, so re-ingesting changes nothing, also when several
    processes ingest overlapping input at the same time.
    """

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
                self._check_version()
                if set(self.applied_migrations()) < {name for name, _ in MIGRATIONS}:
                    PostgresStore(url).close()  # older schema: apply the additive migrations
            else:
                self.migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- schema ---------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has."""
        row = self.conn.execute("SELECT to_regclass('migrations') AS t").fetchone()
        if row is None or row["t"] is None:  # a new database: no migrations table yet
            return []
        rows = self.conn.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        return [r["name"] for r in rows]

    def _check_version(self) -> None:
        known = {name for name, _ in MIGRATIONS}
        applied = set(self.applied_migrations())
        if applied - known:
            raise StoreError(
                f"{self.path} was written by a newer zitat (migrations {sorted(applied - known)})"
            )

    def migrate(self) -> list[str]:
        """Apply missing migrations in order (atomically, one process at a time)."""
        done: list[str] = []
        try:
            with self.conn.transaction():
                # Two ingest processes starting on an empty database must not both migrate.
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                self._check_version()
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT)"
                )
                applied = set(self.applied_migrations())
                for name, sql in MIGRATIONS:
                    if name in applied:
                        continue
                    self.conn.execute(sql)  # type: ignore[arg-type]  # constant DDL, no values
                    self.conn.execute(
                        "INSERT INTO migrations(name, applied_at) VALUES (%s, %s)",
                        (name, utc_now()),
                    )
                    done.append(name)
        except pg_errors.FeatureNotSupported as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        except (pg_errors.UndefinedFile, pg_errors.InsufficientPrivilege) as exc:
            raise StoreError(
                f"{self.path}: cannot create the pg_trgm extension ({exc}); install "
                "postgresql-contrib or ask an administrator to run CREATE EXTENSION pg_trgm"
            ) from None
        for name in done:
            log.info("%s: applied migration %s", self.path, name)
        return done

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row is not None

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store a batch of articles in one transaction; known ids are skipped.

        Raises:
            StoreError: the batch kept losing deadlocks to other writers.
        """
        for attempt in range(_WRITE_RETRIES):
            try:
                with self.conn.transaction():
                    return self._write(articles)
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure) as exc:
                # Concurrent writers lock entity rows in different orders; the batch was
                # rolled back as a whole, so redoing it is safe.
                wait = 0.05 * (2**attempt) * (0.5 + random.random())
                log.info("batch conflicted with another writer (%s); retry in %.2fs",
                         type(exc).__name__, wait)
                time.sleep(wait)
        raise StoreError(f"{self.path}: batch failed {_WRITE_RETRIES} times on write conflicts")

    def _write(self, articles: Sequence[Article]) -> WriteResult:
        added = skipped = 0
        for art in articles:
            if self._insert(art):
                added += 1
            else:
                skipped += 1
        return WriteResult(added=added, skipped=skipped)

    def _roles(self, entity_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT role FROM entity_roles WHERE entity_id = %s"
            " ORDER BY last_seen DESC NULLS LAST",
            (entity_id,),
        ).fetchall()
        return [r["role"] for r in rows]

    def _entity_lookup(self, label: str, folded: str, surname_only: bool) -> list[GlobalEntity]:
        # a full name by the b-tree index; a surname by the trigram index (`% roth`)
        where, value = ("v.folded LIKE %s", f"% {_like_escape(folded)}") if surname_only \
            else ("v.folded = %s", folded)
        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.label, e.name FROM entities e JOIN entity_variants v"
            f" ON v.entity_id = e.id WHERE e.label = %s AND {where} ORDER BY e.id",
            (label, value),
        ).fetchall()
        return [
            GlobalEntity(r["id"], r["label"], r["name"], tuple(self._roles(r["id"])))
            for r in rows
        ]

    def _entity_create(self, label: str, name: str, key: str) -> int:
        row = self.conn.execute("SELECT id FROM entities WHERE key = %s", (key,)).fetchone()
        if row:
            return int(row["id"])
        # Another process may create the same key between the SELECT and the INSERT: the
        # INSERT then waits for it, does nothing, and the second SELECT sees its row.
        row = self.conn.execute(
            "INSERT INTO entities(label, name, key) VALUES (%s, %s, %s)"
            " ON CONFLICT (key) DO NOTHING RETURNING id",
            (label, name, key),
        ).fetchone()
        if row is None:
            row = self.conn.execute("SELECT id FROM entities WHERE key = %s", (key,)).fetchone()
            assert row is not None, key
        return int(row["id"])

    def _entity_rename(self, entity_id: int, name: str, key: str) -> None:
        try:
            # A savepoint: a concurrent writer may create the new key after our NOT EXISTS
            # check; then its entity stays and this one keeps its name, as if it had existed.
            with self.conn.transaction():
                self.conn.execute(
                    "UPDATE entities SET name = %s, key = %s WHERE id = %s AND NOT EXISTS"
                    " (SELECT 1 FROM entities WHERE key = %s)",
                    (name, key, entity_id, key),
                )
        except pg_errors.UniqueViolation:
            log.info("entity %s: %r was created concurrently; not renamed", entity_id, key)

    def _insert(self, art: Article) -> bool:
        start, end = date_range(art.date) if art.date else (None, None)
        row = self.conn.execute(
            "INSERT INTO articles(id, date, date_start, date_end, title, url, source, text, doc,"
            " ingested_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (id) DO NOTHING RETURNING seq",
            (art.id, art.date, start, end, art.title, art.url, art.source, art.text,
             art.to_json(), utc_now()),
        ).fetchone()
        if row is None:  # stored already, possibly by a concurrent process a moment ago
            return False
        links = link_entities(art, self._entity_lookup, self._entity_create, self._entity_rename)
        cur = self.conn.cursor()
        for ent in art.entities:
            gid = links[ent.id]
            cur.executemany(
                "INSERT INTO entity_variants(entity_id, variant, folded) VALUES (%s,%s,%s)"
                " ON CONFLICT DO NOTHING",
                [(gid, v, fold(v)) for v in sorted({ent.name, *ent.variants})],
            )
            cur.executemany(
                "INSERT INTO entity_roles(entity_id, role, first_seen, last_seen)"
                " VALUES (%s,%s,%s,%s) ON CONFLICT (entity_id, role) DO UPDATE SET"
                " first_seen = least(entity_roles.first_seen, excluded.first_seen),"
                " last_seen = greatest(entity_roles.last_seen, excluded.last_seen)",
                [(gid, role, art.date, art.date) for role in ent.roles],
            )
            cur.executemany(
                'INSERT INTO mentions(article_id, entity_id, local_id, start, "end")'
                " VALUES (%s,%s,%s,%s,%s)",
                [(art.id, gid, ent.id, s, e) for s, e in ent.mentions],
            )
        for q in art.quotes:
            speaker_id = links.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
            speaker_text = q.speaker.text if q.speaker else None
            qrow = self.conn.execute(
                'INSERT INTO quotes(article_id, qid, type, medium, text, folded, body, start, "end",'
                " speaker_text, speaker_id, cue_text, addressee_text, confidence, date_start,"
                " date_end, place) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " RETURNING id",
                (art.id, q.id, q.type, q.medium, q.text, fold(q.text),
                 fold(f"{q.text}\n{speaker_text or ''}"), q.start, q.end, speaker_text,
                 speaker_id, q.cue.text if q.cue else None,
                 q.addressee.text if q.addressee else None, q.confidence, start, end, q.place),
            ).fetchone()
            assert qrow is not None
            role_rows = []
            for role_name in ("cue", "speaker", "addressee", "frame"):
                role = getattr(q, role_name)
                if role is None:
                    continue
                spans = role.spans or [(None, None)]
                role_rows += [(qrow["id"], role_name, role.text, s, e) for s, e in spans]
            cur.executemany(
                'INSERT INTO roles(quote_id, role, text, start, "end") VALUES (%s,%s,%s,%s,%s)',
                role_rows,
            )
        cur.executemany(
            'INSERT INTO times(article_id, text, start, "end", type, value, granularity, anchor,'
            " rule) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [(art.id, t.text, t.span[0], t.span[1], t.type, t.value, t.granularity, t.anchor,
              t.rule) for t in art.times],
        )
        cur.executemany(
            'INSERT INTO places(article_id, text, start, "end", name, folded, country, lat, lon,'
            " feature) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [(art.id, p.text, p.span[0], p.span[1], p.name, fold(p.name), p.country, p.lat,
              p.lon, p.feature) for p in art.places],
        )
        return True

    # -- reading --------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored article record, or ``None``."""
        row = self.conn.execute(
            "SELECT doc FROM articles WHERE id = %s", (article_id,)
        ).fetchone()
        return Article.from_json(row["doc"]) if row else None

    def _speaker_ids(self, name: str) -> list[int]:
        folded = " ".join(fold(name).split())
        rows = self.conn.execute(
            "SELECT entity_id AS id FROM entity_variants WHERE folded = %s"
            " UNION SELECT id FROM entities WHERE key LIKE %s",
            (folded, f"%:{_like_escape(folded)}"),
        ).fetchall()
        return [int(r["id"]) for r in rows]

    def search(self, query: SearchQuery) -> list[QuoteHit]:
        """Quotes matching ``query``, newest article first."""
        where: list[str] = []
        params: list[Any] = []
        if query.text:
            for t in query_terms(query.text):
                if len(t) >= 3:
                    # Substring of the folded text (trigram index) or same German stem.
                    where.append(
                        "(q.body LIKE %s OR q.tsv @@ plainto_tsquery('german'::regconfig, %s))"
                    )
                    params += [f"%{_like_escape(t)}%", t]
                else:  # too short for trigrams: whole words only, as in SQLite
                    where.append("(' ' || q.folded || ' ') LIKE %s")
                    params.append(f"% {_like_escape(t)} %")
        if query.speaker:
            ids = self._speaker_ids(query.speaker)
            where.append("(q.speaker_id = ANY(%s) OR q.speaker_text ILIKE %s)")
            params += [ids, f"%{_like_escape(query.speaker)}%"]
        if query.since:
            where.append("q.date_end >= %s")
            params.append(date_range(query.since)[0])
        if query.until:
            where.append("q.date_start <= %s")
            params.append(date_range(query.until)[1])
        if query.type:
            where.append("q.type = %s")
            params.append(query.type)
        if query.place:
            folded = fold(query.place)
            where.append(
                "q.article_id IN (SELECT article_id FROM places WHERE folded = %s"
                " OR folded LIKE %s OR lower(text) = lower(%s))"
            )
            params += [folded, f"{_like_escape(folded)}%", query.place]
        if query.about:
            about_sql, about_params = about_clause(query.about, "%s")
            where.append(
                "EXISTS (SELECT 1 FROM times t WHERE t.article_id = q.article_id"
                " AND t.value IS NOT NULL AND " + about_sql +
                ' AND t.start >= q.start - 300 AND t."end" <= q."end" + 300)'
            )
            params += about_params
        sql = (
            "SELECT q.*, a.date, a.title, a.url, e.name AS speaker_name,"
            " (SELECT r.role FROM entity_roles r WHERE r.entity_id = q.speaker_id"
            "  ORDER BY r.last_seen DESC NULLS LAST LIMIT 1) AS speaker_role"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN entities e ON e.id = q.speaker_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY q.date_start IS NULL, q.date_start DESC, q.article_id COLLATE \"C\","
            " q.start LIMIT %s OFFSET %s"
        )
        params += [query.limit, query.offset]
        return [quote_hit(r) for r in self.conn.execute(sql, params).fetchall()]  # type: ignore[arg-type]

    def speakers(self, limit: int = 50, offset: int = 0) -> list[SpeakerSummary]:
        """Speakers ranked by number of quotes."""
        rows = self.conn.execute(
            "SELECT e.id, e.name, e.label, count(*) AS n, min(q.date_start) AS first,"
            " max(q.date_start) AS last FROM quotes q JOIN entities e ON e.id = q.speaker_id"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT %s OFFSET %s",
            (limit, offset),
        ).fetchall()
        return [
            SpeakerSummary(
                id=r["id"], name=r["name"], label=r["label"], roles=self._roles(r["id"]),
                quotes=r["n"], first_date=r["first"], last_date=r["last"],
            )
            for r in rows
        ]

    def find_speaker(self, name_or_id: str | int) -> int | None:
        """Entity id for an id or a name/variant (the speaker with most quotes wins)."""
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            row = self.conn.execute(
                "SELECT id FROM entities WHERE id = %s", (int(name_or_id),)
            ).fetchone()
            return int(row["id"]) if row else None
        ids = self._speaker_ids(str(name_or_id))
        if not ids:
            rows = self.conn.execute(
                "SELECT DISTINCT entity_id FROM entity_variants WHERE folded LIKE %s",
                (f"%{_like_escape(fold(str(name_or_id)))}%",),
            ).fetchall()
            ids = [int(r["entity_id"]) for r in rows]
        if not ids:
            return None
        rows = self.conn.execute(
            "SELECT speaker_id, count(*) AS n FROM quotes WHERE speaker_id = ANY(%s)"
            " GROUP BY speaker_id",
            (ids,),
        ).fetchall()
        counts = {int(r["speaker_id"]): r["n"] for r in rows}
        return max(ids, key=lambda i: counts.get(i, 0))

    def speaker(self, entity_id: int, latest: int = 10) -> SpeakerProfile | None:
        """The profile of one entity."""
        ent = self.conn.execute("SELECT * FROM entities WHERE id = %s", (entity_id,)).fetchone()
        if ent is None:
            return None
        variants = [
            r["variant"]
            for r in self.conn.execute(
                "SELECT variant FROM entity_variants WHERE entity_id = %s ORDER BY variant",
                (entity_id,),
            )
        ]
        roles = [
            RoleSpan(role=r["role"], first_seen=r["first_seen"], last_seen=r["last_seen"])
            for r in self.conn.execute(
                "SELECT * FROM entity_roles WHERE entity_id = %s ORDER BY first_seen NULLS FIRST",
                (entity_id,),
            )
        ]
        per_month = Counter(
            (r["date_start"] or "unknown")[:7]
            for r in self.conn.execute(
                "SELECT date_start FROM quotes WHERE speaker_id = %s", (entity_id,)
            )
        )
        co = self.conn.execute(
            "SELECT e.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
            " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id"
            " JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = %s"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT 10",
            (entity_id,),
        ).fetchall()
        places = self.conn.execute(
            # where they spoke when the frame says so; else the places of their articles
            "SELECT q.place AS name, count(*) AS n FROM quotes q"
            " WHERE q.speaker_id = %s AND q.place IS NOT NULL"
            " GROUP BY q.place ORDER BY n DESC, q.place LIMIT 10",
            (entity_id,),
        ).fetchall() or self.conn.execute(
            "SELECT p.name, count(DISTINCT p.article_id) AS n FROM places p"
            " WHERE p.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = %s)"
            " GROUP BY p.name ORDER BY n DESC, p.name LIMIT 10",
            (entity_id,),
        ).fetchall()
        latest_rows = self.conn.execute(
            "SELECT q.*, a.date, a.title, a.url, e.name AS speaker_name, NULL AS speaker_role"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " JOIN entities e ON e.id = q.speaker_id WHERE q.speaker_id = %s"
            " ORDER BY q.date_start DESC NULLS LAST, q.article_id COLLATE \"C\", q.start"
            " LIMIT %s",
            (entity_id, latest),
        ).fetchall()
        return SpeakerProfile(
            id=ent["id"], name=ent["name"], label=ent["label"], variants=variants, roles=roles,
            quotes=sum(per_month.values()), quotes_per_month=dict(sorted(per_month.items())),
            co_mentioned=[(r["name"], r["n"]) for r in co],
            places=[(r["name"], r["n"]) for r in places],
            latest=[quote_hit(r) for r in latest_rows],
        )

    def stats(self) -> Stats:
        """Corpus figures, all from one snapshot (consistent while others ingest)."""
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return self._stats()

    def _stats(self) -> Stats:
        def one(sql: str) -> Any:
            row = self.conn.execute(sql).fetchone()  # type: ignore[arg-type]
            assert row is not None
            return next(iter(row.values()))

        by_type = {
            r["type"]: r["n"]
            for r in self.conn.execute(
                "SELECT type, count(*) AS n FROM quotes GROUP BY type ORDER BY n DESC, type"
            )
        }
        per_month = {
            r["m"]: r["n"]
            for r in self.conn.execute(
                "SELECT substr(date_start, 1, 7) AS m, count(*) AS n FROM quotes"
                " WHERE date_start IS NOT NULL GROUP BY m ORDER BY m"
            )
        }
        return Stats(
            articles=one("SELECT count(*) FROM articles"),
            quotes=one("SELECT count(*) FROM quotes"),
            quotes_by_type=by_type,
            speakers=one("SELECT count(DISTINCT speaker_id) FROM quotes"),
            entities=one("SELECT count(*) FROM entities"),
            places=one("SELECT count(*) FROM places"),
            times=one("SELECT count(*) FROM times"),
            first_date=one("SELECT min(date) FROM articles"),
            last_date=one("SELECT max(date) FROM articles"),
            quotes_per_month=per_month,
        )

    def article_ids(self) -> Iterator[str]:
        """Ids of all stored articles in the order they were added (streamed in pages)."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT seq, id FROM articles WHERE seq > %s ORDER BY seq LIMIT 5000", (last,)
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield r["id"]
            last = rows[-1]["seq"]

