"""SQLite store (the default): WAL mode, FTS5 trigram index over folded text, migrations."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

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

log = logging.getLogger(__name__)

#: Numbered migrations; a database records which ones it has, so older files upgrade.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            date TEXT, date_start TEXT, date_end TEXT,
            title TEXT, url TEXT, source TEXT,
            text TEXT NOT NULL,
            doc TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_date ON articles(date_start);
        CREATE TABLE entities(
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE
        );
        CREATE TABLE entity_variants(
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            variant TEXT NOT NULL,
            folded TEXT NOT NULL,
            PRIMARY KEY(entity_id, variant)
        );
        CREATE INDEX entity_variants_folded ON entity_variants(folded);
        CREATE TABLE entity_roles(
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            role TEXT NOT NULL,
            first_seen TEXT, last_seen TEXT,
            PRIMARY KEY(entity_id, role)
        );
        CREATE TABLE mentions(
            article_id TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            local_id TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE quotes(
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL,
            qid TEXT NOT NULL,
            type TEXT NOT NULL, medium TEXT NOT NULL,
            text TEXT NOT NULL, folded TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            speaker_text TEXT, speaker_id INTEGER,
            cue_text TEXT, addressee_text TEXT,
            confidence REAL NOT NULL,
            date_start TEXT, date_end TEXT,
            UNIQUE(article_id, qid)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE INDEX quotes_date ON quotes(date_start);
        CREATE TABLE roles(
            quote_id INTEGER NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER, end INTEGER
        );
        CREATE INDEX roles_quote ON roles(quote_id);
        CREATE TABLE times(
            article_id TEXT NOT NULL,
            text TEXT NOT NULL, start INTEGER, end INTEGER,
            type TEXT, value TEXT, granularity TEXT, anchor TEXT, rule TEXT
        );
        CREATE INDEX times_article ON times(article_id);
        CREATE TABLE places(
            article_id TEXT NOT NULL,
            text TEXT NOT NULL, start INTEGER, end INTEGER,
            name TEXT, folded TEXT, country TEXT, lat REAL, lon REAL, feature TEXT
        );
        CREATE INDEX places_article ON places(article_id);
        CREATE INDEX places_folded ON places(folded);
        CREATE VIRTUAL TABLE quotes_fts USING fts5(body, tokenize='trigram');
        CREATE VIRTUAL TABLE articles_fts USING fts5(body, tokenize='trigram');
        """,
    ),
    # where a statement was made, when its frame says so (`sagte Blinken in Washington`)
    ("0002_quote_place", "ALTER TABLE quotes ADD COLUMN place TEXT"),
    # a surname-only mention looks for variants by their last word through an index
    # (`LIKE '% roth'` scanned every variant: 60 % of an ingest's time at 15k entities)
    (
        "0003_variant_last_word",
        """
        ALTER TABLE entity_variants ADD COLUMN last_word TEXT GENERATED ALWAYS AS
            (substr(folded, length(rtrim(folded, replace(folded, ' ', ''))) + 1)) VIRTUAL;
        CREATE INDEX entity_variants_last_word ON entity_variants(last_word);
        """,
    ),
]


def _now() -> str:
    return utc_now()


class SQLiteStore:
    """A zitat store in one SQLite file.

    Writes are one transaction per :meth:`add_articles` call; an article id that is
    already stored is skipped, so re-ingesting changes nothing.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}; create one with `zitat ingest`")
        try:
            if readonly and self.path != ":memory:":
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            else:
                self._check_version()
                if self.path != ":memory:" and \
                        set(self.applied_migrations()) < {name for name, _ in MIGRATIONS}:
                    # a store written by an older zitat: the additive migrations are
                    # applied once through a writable connection, then reading goes on
                    SQLiteStore(self.path).close()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a zitat database ({exc})") from None

    # -- schema ---------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has."""
        try:
            rows = self.conn.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        except sqlite3.OperationalError:  # a new file: no migrations table yet
            return []
        return [r["name"] for r in rows]

    def _check_version(self) -> None:
        known = {name for name, _ in MIGRATIONS}
        applied = set(self.applied_migrations())
        if applied - known:
            raise StoreError(
                f"{self.path} was written by a newer zitat (migrations {sorted(applied - known)})"
            )

    def migrate(self) -> list[str]:
        """Apply missing migrations in order; returns their names."""
        self._check_version()
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        applied = set(self.applied_migrations())
        done = []
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            with self.conn:
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now())
                )
            done.append(name)
            log.info("%s: applied migration %s", self.path, name)
        return done

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store a batch of articles in one transaction; known ids are skipped."""
        added = skipped = 0
        with self.conn:
            for art in articles:
                if self.has_article(art.id):
                    skipped += 1
                    continue
                self._insert(art)
                added += 1
        return WriteResult(added=added, skipped=skipped)

    def _entity_lookup(self, label: str, folded: str, surname_only: bool) -> list[GlobalEntity]:
        # surname only: the variants of several words that end in it
        where = "v.last_word = ? AND v.folded <> v.last_word" if surname_only else "v.folded = ?"
        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.label, e.name FROM entities e JOIN entity_variants v"
            f" ON v.entity_id = e.id WHERE e.label = ? AND {where} ORDER BY e.id",
            (label, folded),
        ).fetchall()
        return [
            GlobalEntity(r["id"], r["label"], r["name"], tuple(self._roles(r["id"])))
            for r in rows
        ]

    def _entity_create(self, label: str, name: str, key: str) -> int:
        row = self.conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        if row:
            return int(row["id"])
        cur = self.conn.execute(
            "INSERT INTO entities(label, name, key) VALUES (?, ?, ?)", (label, name, key)
        )
        return int(cur.lastrowid or 0)

    def _entity_rename(self, entity_id: int, name: str, key: str) -> None:
        self.conn.execute(
            "UPDATE entities SET name = ?, key = ? WHERE id = ? AND NOT EXISTS"
            " (SELECT 1 FROM entities WHERE key = ?)",
            (name, key, entity_id, key),
        )

    def _insert(self, art: Article) -> None:
        start, end = date_range(art.date) if art.date else (None, None)
        cur = self.conn.execute(
            "INSERT INTO articles(id, date, date_start, date_end, title, url, source, text, doc,"
            " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (art.id, art.date, start, end, art.title, art.url, art.source, art.text,
             art.to_json(), _now()),
        )
        self.conn.execute(
            "INSERT INTO articles_fts(rowid, body) VALUES (?, ?)",
            (cur.lastrowid, fold(f"{art.title or ''}\n{art.text}")),
        )
        links = link_entities(art, self._entity_lookup, self._entity_create, self._entity_rename)
        for ent in art.entities:
            gid = links[ent.id]
            for variant in {ent.name, *ent.variants}:
                self.conn.execute(
                    "INSERT OR IGNORE INTO entity_variants(entity_id, variant, folded)"
                    " VALUES (?,?,?)",
                    (gid, variant, fold(variant)),
                )
            for role in ent.roles:
                self.conn.execute(
                    "INSERT INTO entity_roles(entity_id, role, first_seen, last_seen)"
                    " VALUES (?,?,?,?) ON CONFLICT(entity_id, role) DO UPDATE SET"
                    " first_seen = min(coalesce(first_seen, excluded.first_seen),"
                    " coalesce(excluded.first_seen, first_seen)),"
                    " last_seen = max(coalesce(last_seen, excluded.last_seen),"
                    " coalesce(excluded.last_seen, last_seen))",
                    (gid, role, art.date, art.date),
                )
            self.conn.executemany(
                "INSERT INTO mentions(article_id, entity_id, local_id, start, end)"
                " VALUES (?,?,?,?,?)",
                [(art.id, gid, ent.id, s, e) for s, e in ent.mentions],
            )
        for q in art.quotes:
            speaker_id = links.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
            cur = self.conn.execute(
                "INSERT INTO quotes(article_id, qid, type, medium, text, folded, start, end,"
                " speaker_text, speaker_id, cue_text, addressee_text, confidence, date_start,"
                " date_end, place) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (art.id, q.id, q.type, q.medium, q.text, fold(q.text), q.start, q.end,
                 q.speaker.text if q.speaker else None, speaker_id,
                 q.cue.text if q.cue else None, q.addressee.text if q.addressee else None,
                 q.confidence, start, end, q.place),
            )
            qrow = cur.lastrowid
            speaker_name = q.speaker.text if q.speaker else ""
            self.conn.execute(
                "INSERT INTO quotes_fts(rowid, body) VALUES (?, ?)",
                (qrow, fold(f"{q.text}\n{speaker_name}")),
            )
            for role_name in ("cue", "speaker", "addressee", "frame"):
                role = getattr(q, role_name)
                if role is None:
                    continue
                spans = role.spans or [(None, None)]
                self.conn.executemany(
                    "INSERT INTO roles(quote_id, role, text, start, end) VALUES (?,?,?,?,?)",
                    [(qrow, role_name, role.text, s, e) for s, e in spans],
                )
        self.conn.executemany(
            "INSERT INTO times(article_id, text, start, end, type, value, granularity, anchor,"
            " rule) VALUES (?,?,?,?,?,?,?,?,?)",
            [(art.id, t.text, t.span[0], t.span[1], t.type, t.value, t.granularity, t.anchor,
              t.rule) for t in art.times],
        )
        self.conn.executemany(
            "INSERT INTO places(article_id, text, start, end, name, folded, country, lat, lon,"
            " feature) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(art.id, p.text, p.span[0], p.span[1], p.name, fold(p.name), p.country, p.lat,
              p.lon, p.feature) for p in art.places],
        )

    # -- reading --------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_json(row["doc"]) if row else None

    def _speaker_ids(self, name: str) -> list[int]:
        folded = " ".join(fold(name).split())
        rows = self.conn.execute(
            "SELECT DISTINCT entity_id FROM entity_variants WHERE folded = ?"
            " UNION SELECT id FROM entities WHERE key LIKE ?",
            (folded, f"%:{folded}"),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def search(self, query: SearchQuery) -> list[QuoteHit]:
        """Quotes matching ``query``, newest article first."""
        where: list[str] = []
        params: list[Any] = []
        if query.text:
            terms = query_terms(query.text)
            long_terms = [t for t in terms if len(t) >= 3]
            if long_terms:
                where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
                params.append(" AND ".join(f'"{t}"' for t in long_terms))
            for t in terms:
                if len(t) < 3:
                    where.append("(' ' || q.folded || ' ') LIKE ?")
                    params.append(f"% {t} %")
        if query.speaker:
            ids = self._speaker_ids(query.speaker)
            where.append(
                "(q.speaker_id IN (SELECT value FROM json_each(?)) OR q.speaker_text LIKE ?)"
            )
            params += [json.dumps(ids), f"%{query.speaker}%"]
        if query.since:
            where.append("q.date_end >= ?")
            params.append(date_range(query.since)[0])
        if query.until:
            where.append("q.date_start <= ?")
            params.append(date_range(query.until)[1])
        if query.type:
            where.append("q.type = ?")
            params.append(query.type)
        if query.place:
            where.append(
                "q.article_id IN (SELECT article_id FROM places WHERE folded = ? OR folded LIKE ?"
                " OR lower(text) = lower(?))"
            )
            params += [fold(query.place), f"{fold(query.place)}%", query.place]
        if query.about:
            about_sql, about_params = about_clause(query.about, "?")
            where.append(
                "EXISTS (SELECT 1 FROM times t WHERE t.article_id = q.article_id"
                " AND t.value IS NOT NULL AND " + about_sql +
                ' AND t.start >= q.start - 300 AND t.end <= q.end + 300)'
            )
            params += about_params
        sql = (
            "SELECT q.*, a.date, a.title, a.url, e.name AS speaker_name,"
            " (SELECT r.role FROM entity_roles r WHERE r.entity_id = q.speaker_id"
            "  ORDER BY r.last_seen DESC LIMIT 1) AS speaker_role"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN entities e ON e.id = q.speaker_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY q.date_start IS NULL, q.date_start DESC, q.article_id, q.start"
            " LIMIT ? OFFSET ?"
        )
        params += [query.limit, query.offset]
        return [self._hit(r) for r in self.conn.execute(sql, params).fetchall()]

    @staticmethod
    def _hit(r: sqlite3.Row) -> QuoteHit:
        return quote_hit(r)  # shared with the PostgreSQL store

    def speakers(self, limit: int = 50, offset: int = 0) -> list[SpeakerSummary]:
        """Speakers ranked by number of quotes."""
        rows = self.conn.execute(
            "SELECT e.id, e.name, e.label, count(*) AS n, min(q.date_start) AS first,"
            " max(q.date_start) AS last FROM quotes q JOIN entities e ON e.id = q.speaker_id"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [
            SpeakerSummary(
                id=r["id"], name=r["name"], label=r["label"], roles=self._roles(r["id"]),
                quotes=r["n"], first_date=r["first"], last_date=r["last"],
            )
            for r in rows
        ]

    def _roles(self, entity_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT role FROM entity_roles WHERE entity_id = ? ORDER BY last_seen DESC",
            (entity_id,),
        ).fetchall()
        return [r["role"] for r in rows]

    def find_speaker(self, name_or_id: str | int) -> int | None:
        """Entity id for an id or a name/variant (the speaker with most quotes wins)."""
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            row = self.conn.execute(
                "SELECT id FROM entities WHERE id = ?", (int(name_or_id),)
            ).fetchone()
            return int(row["id"]) if row else None
        ids = self._speaker_ids(str(name_or_id))
        if not ids:
            rows = self.conn.execute(
                "SELECT DISTINCT entity_id FROM entity_variants WHERE folded LIKE ?",
                (f"%{fold(str(name_or_id))}%",),
            ).fetchall()
            ids = [int(r[0]) for r in rows]
        if not ids:
            return None
        counts = {
            i: self.conn.execute(
                "SELECT count(*) FROM quotes WHERE speaker_id = ?", (i,)
            ).fetchone()[0]
            for i in ids
        }
        return max(ids, key=lambda i: counts[i])

    def speaker(self, entity_id: int, latest: int = 10) -> SpeakerProfile | None:
        """The profile of one entity."""
        ent = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if ent is None:
            return None
        variants = [
            r["variant"]
            for r in self.conn.execute(
                "SELECT variant FROM entity_variants WHERE entity_id = ? ORDER BY variant",
                (entity_id,),
            )
        ]
        roles = [
            RoleSpan(role=r["role"], first_seen=r["first_seen"], last_seen=r["last_seen"])
            for r in self.conn.execute(
                "SELECT * FROM entity_roles WHERE entity_id = ? ORDER BY first_seen", (entity_id,)
            )
        ]
        per_month = Counter(
            (r["date_start"] or "unknown")[:7]
            for r in self.conn.execute(
                "SELECT date_start FROM quotes WHERE speaker_id = ?", (entity_id,)
            )
        )
        co = self.conn.execute(
            "SELECT e.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
            " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id"
            " JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = ?"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT 10",
            (entity_id,),
        ).fetchall()
        places = self.conn.execute(
            # where they spoke when the frame says so; else the places of their articles
            "SELECT q.place AS name, count(*) AS n FROM quotes q"
            " WHERE q.speaker_id = ? AND q.place IS NOT NULL"
            " GROUP BY q.place ORDER BY n DESC, q.place LIMIT 10",
            (entity_id,),
        ).fetchall() or self.conn.execute(
            "SELECT p.name, count(DISTINCT p.article_id) AS n FROM places p"
            " WHERE p.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = ?)"
            " GROUP BY p.name ORDER BY n DESC, p.name LIMIT 10",
            (entity_id,),
        ).fetchall()
        latest_rows = self.conn.execute(
            "SELECT q.*, a.date, a.title, a.url, e.name AS speaker_name, NULL AS speaker_role"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " JOIN entities e ON e.id = q.speaker_id WHERE q.speaker_id = ?"
            " ORDER BY q.date_start DESC, q.article_id, q.start LIMIT ?",
            (entity_id, latest),
        ).fetchall()
        return SpeakerProfile(
            id=ent["id"], name=ent["name"], label=ent["label"], variants=variants, roles=roles,
            quotes=sum(per_month.values()), quotes_per_month=dict(sorted(per_month.items())),
            co_mentioned=[(r["name"], r["n"]) for r in co],
            places=[(r["name"], r["n"]) for r in places],
            latest=[self._hit(r) for r in latest_rows],
        )

    def stats(self) -> Stats:
        """Corpus figures."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        by_type = {
            r["type"]: r["n"]
            for r in self.conn.execute(
                "SELECT type, count(*) AS n FROM quotes GROUP BY type ORDER BY n DESC"
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

    def article_ids(self) -> Iterable[str]:
        for r in self.conn.execute("SELECT id FROM articles ORDER BY rowid"):
            yield r["id"]
