"""SQLite store (the default): WAL mode, FTS5 trigram index over folded text, migrations.

The queries are :class:`~zitat.store.sql.SQLStore`'s; this module has only what is
SQLite's own: the schema, the dialect (FTS5 search, ``json_each`` for id lists, the
indexed last word of a variant) and the driver hooks.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from zitat.errors import StoreError
from zitat.schema import Article
from zitat.store.records import SearchQuery
from zitat.store.sql import Dialect, SQLStore, like_escape
from zitat.store.text import fold, query_alternatives, query_terms

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
            entity_id INTEGER NOT NULL,
            attribute TEXT NOT NULL,
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY(entity_id, attribute, value)
        );
        CREATE TABLE speaker_attributes(
            entity_id INTEGER PRIMARY KEY,
            kind TEXT, role_class TEXT, party TEXT, gender TEXT
        );
        CREATE TABLE speaker_corrections(
            key TEXT NOT NULL,
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
        CREATE TABLE article_bands(key INTEGER NOT NULL, article_id TEXT NOT NULL);
        CREATE INDEX article_bands_key ON article_bands(key);
        CREATE INDEX article_bands_article ON article_bands(article_id);
        CREATE TABLE wire_copies(
            article_id TEXT PRIMARY KEY,
            original_id TEXT NOT NULL,
            similarity REAL NOT NULL
        );
        CREATE INDEX wire_copies_original ON wire_copies(original_id);
        CREATE TABLE quote_bands(key INTEGER NOT NULL, quote_id INTEGER NOT NULL);
        CREATE INDEX quote_bands_key ON quote_bands(key);
        CREATE INDEX quote_bands_quote ON quote_bands(quote_id);
        CREATE TABLE quote_clusters(quote_id INTEGER PRIMARY KEY, cluster_id INTEGER NOT NULL);
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
            next_poll REAL NOT NULL DEFAULT 0,
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
        " article_id COLLATE BINARY, start)",
    ),
    # the place filter also compares the place as the text wrote it: indexed, so that a
    # search by place looks its articles up instead of reading every place
    ("0008_places_text", "CREATE INDEX places_text_lower ON places(lower(text))"),
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
    # the overview's figures from indexes, not scans of every row: the map's place counts
    # read names, articles and coordinates in name order (86 -> 25 ms at 100,000
    # articles), the quotes by type their type (48 -> 7 ms). A search's type filter stays
    # unindexed ("+q.type"): walking quotes_newest beats collecting half of all quotes.
    (
        "0011_overview_indexes",
        """
        CREATE INDEX places_map ON places(name, article_id, lat, lon);
        CREATE INDEX quotes_type ON quotes(type)
        """,
    ),
    # a walk of the newest-first order reads everything it filters and counts from the
    # index (issue 24, load benchmark): the speaker, type, end date, speaker text and the
    # folded search text of each quote (the body of quotes_fts, now also a column), and
    # its article's source and place names (a JSON array; sources and places never
    # change once stored). A frequent word is checked on each walked entry (instr)
    # instead of collecting every full-text match first, and a search's facets count the
    # window's entries without looking up its articles and their places (a frequent
    # word's window and facets: 16 -> 6 ms at 100,000 articles). The date comes first
    # (SQLite sorts NULLs last in descending order): a period is walked from its end in
    # the same index. It replaces 0007's.
    (
        "0012_quotes_listing",
        """
        ALTER TABLE quotes ADD COLUMN body TEXT;
        ALTER TABLE quotes ADD COLUMN article_source TEXT;
        ALTER TABLE quotes ADD COLUMN article_places TEXT;
        UPDATE quotes SET
            body = (SELECT f.body FROM quotes_fts f WHERE f.rowid = quotes.id),
            article_source = (SELECT a.source FROM articles a WHERE a.id = quotes.article_id),
            article_places = (SELECT nullif(json_group_array(name), '[]') FROM
                (SELECT DISTINCT p.name FROM places p
                 WHERE p.article_id = quotes.article_id AND p.name IS NOT NULL));
        DROP INDEX quotes_newest;
        CREATE INDEX quotes_newest ON quotes(date_start DESC, article_id COLLATE BINARY,
            start, speaker_id, type, date_end, article_source, article_places, speaker_text,
            body)
        """,
    ),
]


def fts_alternatives(terms: list[str]) -> list[list[str]]:
    """Per folded term the forms any of which matches: its
    :func:`~zitat.store.text.query_alternatives` of three characters or more (a trigram
    phrase of fewer matches nothing)."""
    return [[a for a in query_alternatives(t) if len(a) >= 3] or [t] for t in terms]


def fts_query(terms: list[str]) -> str:
    """The FTS5 query of folded terms: every term, each as any of its
    :func:`fts_alternatives`, as a quoted trigram phrase."""
    return " AND ".join("(" + " OR ".join('"' + a.replace('"', '""') + '"' for a in alts) + ")"
                        for alts in fts_alternatives(terms))


#: Matches of a search's words from which a newest-first listing walks the quotes_newest
#: index: at 200,000 quotes one in a hundred, so a page of 20 is found within about
#: 2,000 index entries (< 1 ms); below it the matches are fewer than the entries a walk
#: would pass, and collecting and sorting them is cheaper.
WALK_FROM = 2000
#: answers of :meth:`SQLiteStore._frequent` kept at most (all connections of a process)
FREQUENT_SIZE = 4096
#: characters of the match lists that :meth:`SQLiteStore._fts_matches` keeps at most
FREQUENT_CHARS = 4_000_000
_FREQUENT: dict[tuple[Any, ...], bool | str] = {}
_FREQUENT_LOCK = threading.Lock()
_frequent_chars = 0
#: bytes of the words' match lists (:meth:`SQLiteStore._term_ids`) kept at most
TERM_BYTES = 16 * 1024 * 1024
_TERMS: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()
_terms_bytes = 0


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of sorted ``a`` that sorted ``b`` has, in order."""
    if not len(a) or not len(b):
        return a[:0]
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return a[b[at] == a]


class SQLiteDialect(Dialect):
    """SQLite's SQL: FTS5 trigram search, ``json_each`` id lists, LIKE with an escape clause."""

    placeholder = "?"
    like = "LIKE ? ESCAPE '\\'"  # SQLite's LIKE has no escape character unless named
    ilike = like  # SQLite's LIKE already ignores ASCII case
    byte_order = "BINARY"
    least, greatest = "min", "max"
    string_agg = "group_concat"
    article_seq = "rowid"
    quote_body = True  # the folded search text: in quotes_fts, and a column (0012)
    desc_nulls_last = True  # NULL is the smallest value
    quote_article_facets = True  # the source and place names on each quote (0012)

    def text_match(self, terms: list[str], walk: bool = False, matches: str | None = None,
                   ) -> tuple[list[str], list[Any]]:
        """Every term, each as any of its :func:`~zitat.store.text.query_alternatives`, in
        the folded quote and speaker text.

        Without ``walk``: one FTS5 query (trigram index over that text) selects the
        matches, or the ids ``matches`` of them that the store found already (see
        :meth:`SQLiteStore._fts_matches`). With ``walk`` (a newest-first listing of
        frequent words): each term is looked for in the ``body`` that the
        ``quotes_newest`` index carries (migration 0012), entry by entry as the walk
        goes, and no full-text match is collected: the FTS5 query of a frequent word
        costs more than the walk to its newest 1,001 matches (15 ms against 5 at 100,000
        articles). Both find the same quotes: a trigram phrase matches where its folded
        characters occur in that order, and terms (word characters) and body are folded
        alike.
        """
        if not walk:
            if matches is not None:
                return [self.in_ids("q.id")], [matches]
            return ["q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"], \
                [fts_query(terms)]
        conditions, params = [], []
        for alts in fts_alternatives(terms):
            conditions.append("(" + " OR ".join(["instr(q.body, ?) > 0"] * len(alts)) + ")")
            params += alts
        return conditions, params

    def ordered_agg(self, value: str, order: str) -> str:
        """``group_concat`` in the order of its input: SQLite 3.40 has no ORDER BY in an
        aggregate, and runs the sorted subquery with a LIMIT that feeds it as a
        co-routine, row by row in that order (as the facets' UNION ALL of sorted
        subqueries relies on too)."""
        return f"group_concat({value}, ',')"

    def unindexed(self, column: str) -> str:
        """``+column``: SQLite's way of saying "do not use an index for this term"."""
        return "+" + column

    def speaker_text_match(self, name: str, walk: bool = False) -> tuple[str, list[Any]]:
        """The speaker text contains ``name``: quotes whose FTS entry (quote and speaker
        text, folded) contains the folded name, then the LIKE on those only. Without the
        FTS look-up SQLite read all quotes for every speaker search (200,000 at 100,000
        articles, 60-90 ms); a name under three letters has no trigram and is scanned.
        In a walk (a frequent speaker) both are checked on the index entry, which carries
        the folded text and the speaker text (migration 0012)."""
        folded = fold(name)  # as LIKE compares: spaces kept
        like = f"q.speaker_text {self.ilike}"
        if len(folded) < 3:
            return like, [f"%{like_escape(name)}%"]
        if walk:
            return f"(instr(q.body, ?) > 0 AND {like})", [folded, f"%{like_escape(name)}%"]
        return (f"(q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?) AND {like})",
                ['"' + folded.replace('"', '""') + '"', f"%{like_escape(name)}%"])

    def starts_with(self, column: str, prefix: str) -> tuple[str, Any]:
        """``GLOB 'prefix*'``: unlike SQLite's LIKE (case-insensitive), GLOB can use an
        index of the column; the folded columns it is used on are lower case already."""
        escaped = "".join(f"[{c}]" if c in "*?[" else c for c in prefix)
        return f"{column} GLOB ?", escaped + "*"

    def surname_match(self, folded: str) -> tuple[str, Any]:
        """The indexed last word (migration 0003) instead of ``LIKE '% roth'``."""
        return "v.last_word = ? AND v.folded <> v.last_word", folded

    def in_ids(self, column: str) -> str:
        """Ids bound as one JSON array."""
        return f"{column} IN (SELECT value FROM json_each(?))"

    def ids_param(self, ids: list[int]) -> Any:
        """The JSON array of ``ids``."""
        return json.dumps(ids)


class SQLiteStore(SQLStore):
    """A zitat store in one SQLite file.

    Writes are one transaction per :meth:`add_articles` call; an article id that is
    already stored is skipped, so re-ingesting changes nothing.
    """

    dialect = SQLiteDialect()
    migrations = MIGRATIONS
    _unique_violation: ClassVar[type[Exception]] = sqlite3.IntegrityError

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self._migrating = False
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
                self._enable_wal()
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._open(readonly)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a zitat database ({exc})") from None

    def _enable_wal(self) -> None:
        """Switch to WAL; retried, because changing the journal mode ignores the busy
        timeout: another process creating the same new file makes it fail at once with
        ``database is locked`` (issue 24, finding 5)."""
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, 0.05))

    def __enter__(self) -> SQLiteStore:
        return self

    # -- driver hooks -------------------------------------------------------------------

    def _walks_newest(self, query: SearchQuery) -> bool:
        """Walk the newest-first index when the search words, the place and the speaker's
        entities each match at least :data:`WALK_FROM` quotes or articles. SQLite cannot
        estimate how many rows an FTS query or a list of ids holds and always collects
        and sorts every match; the first :data:`WALK_FROM` of them cost a fraction of a
        millisecond to count when they are that many.

        With an end date the walk starts at that date (the index leads with it, see
        :meth:`~zitat.store.sql.SQLStore._newest_first`), not at the newest quote. Its
        worst case, a frequent word with few matches in the period, walks the older quotes
        to the end: at 200,000 quotes about as long as collecting and sorting the matches
        of a frequent word, which a walk otherwise saves (18 ms → 5 ms)."""
        probes: list[tuple[str, list[Any]]] = []
        terms = [t for t in query_terms(query.text or "") if len(t) >= 3]
        if terms and self._fts_matches(terms) is not None:
            return False
        if query.place:
            places, values = self._place_condition(query.place)
            probes.append(("SELECT 1 FROM places WHERE " + places, values))
        if query.speaker:
            probes.append(("SELECT 1 FROM quotes WHERE speaker_id IN"
                           " (SELECT value FROM json_each(?))",
                           [json.dumps(self._speaker_ids(query.speaker))]))
        return bool(terms or probes) and all(self._frequent(sql, values)
                                             for sql, values in probes)

    def _words_match(self, text: str, walk: bool) -> tuple[list[str], list[Any]]:
        """The words' conditions, with the ids of their matches when
        :meth:`_fts_matches` has them already (no second FTS5 query)."""
        terms = [t for t in query_terms(text) if len(t) >= 3]
        matches = self._fts_matches(terms, look=False) if terms and not walk else None
        return self.dialect.words_match(text, walk, matches)

    def _key(self, *parts: Any) -> tuple[Any, ...]:
        where = self.path if self.path != ":memory:" else str(id(self))
        return (where, self.data_version(), *parts)

    def _term_ids(self, alts: list[str]) -> np.ndarray:
        """The sorted ids of the quotes that contain any of ``alts`` (one word's forms),
        kept per database and data version for every connection of the process, at most
        :data:`TERM_BYTES` of them (the least recently used go first). Searches repeat
        words more than they repeat whole searches: a frequent word of a search of two
        (`Haushalt Verträge`, `Haushalt Mittel`, with or without a period) is looked up
        once, and its matches intersected with the other word's (0.3 ms) instead of an
        FTS5 query of both words (10-15 ms at 100,000 articles)."""
        global _terms_bytes
        key = self._key("term", tuple(alts))
        with _FREQUENT_LOCK:
            found = _TERMS.get(key)
            if found is not None:
                _TERMS.move_to_end(key)
                return found
        phrase = "(" + " OR ".join('"' + a.replace('"', '""') + '"' for a in alts) + ")"
        (ids,) = self.conn.execute("SELECT group_concat(rowid) FROM quotes_fts"
                                   " WHERE quotes_fts MATCH ?", [phrase]).fetchone()
        found = np.sort(np.fromstring(ids or "", dtype=np.int64, sep=","))
        with _FREQUENT_LOCK:
            if key not in _TERMS:
                _TERMS[key] = found
                _terms_bytes += found.nbytes
            while _terms_bytes > TERM_BYTES and _TERMS:
                _terms_bytes -= _TERMS.popitem(last=False)[1].nbytes
        return found

    def _fts_matches(self, terms: list[str], look: bool = True) -> str | None:
        """The ids of the quotes that match every term (a JSON array) when they are fewer
        than :data:`WALK_FROM`, else None; remembered per database and data version for
        every connection of the process (see :meth:`_frequent`). A search of two frequent
        words that match 1,000 to 2,000 quotes together is one FTS5 query of 10-15 ms at
        100,000 articles: the question whether to walk finds its matches, and the search
        then uses them instead of asking again (several words: each word's kept matches,
        :meth:`_term_ids`, intersected). Unlike a plan's choice these ids are a result:
        they hold for their data version because a quote's searched text is written once,
        with its article, which always raises the version. ``look``: run the query when
        the answer is not known (else None)."""
        global _frequent_chars
        key = self._key("fts", fts_query(terms))
        with _FREQUENT_LOCK:
            found = _FREQUENT.get(key)
        if found is None:
            if not look:
                return None
            groups = fts_alternatives(terms)
            if len(groups) > 1:  # several words: each word's matches, intersected
                matched = self._term_ids(groups[0])
                for alts in groups[1:]:
                    matched = _intersect(matched, self._term_ids(alts))
                found = True if len(matched) >= WALK_FROM else \
                    "[" + ",".join(map(str, matched.tolist())) + "]"
            else:
                n, ids = self.conn.execute(
                    "SELECT count(*), group_concat(rowid) FROM (SELECT rowid FROM quotes_fts"
                    " WHERE quotes_fts MATCH ? LIMIT ?)", [key[-1], WALK_FROM]).fetchone()
                found = True if n >= WALK_FROM else f"[{ids or ''}]"
            with _FREQUENT_LOCK:
                if len(_FREQUENT) >= FREQUENT_SIZE or _frequent_chars > FREQUENT_CHARS:
                    _FREQUENT.clear()  # rarely reached: a few thousand distinct searches
                    _frequent_chars = 0
                _FREQUENT[key] = found
                _frequent_chars += len(found) if isinstance(found, str) else 0
        return found if isinstance(found, str) else None

    def _frequent(self, sql: str, values: list[Any]) -> bool:
        """Whether ``sql`` gives at least :data:`WALK_FROM` rows, remembered per database
        and data version for every connection of the process: a search, its count and its
        facets ask the same question. The answer only chooses a plan, so one that is out
        of date costs time, never a result."""
        key = self._key(sql, tuple(values))
        with _FREQUENT_LOCK:
            found = _FREQUENT.get(key)
        if found is None:
            found = self.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)",
                                      [*values, WALK_FROM]).fetchone()[0] >= WALK_FROM
            with _FREQUENT_LOCK:
                if len(_FREQUENT) >= FREQUENT_SIZE:
                    _FREQUENT.clear()  # rarely reached: a few thousand distinct searches
                _FREQUENT[key] = found
        return bool(found)

    def count(self, query: SearchQuery, limit: int | None = None) -> int:
        """How many quotes match ``query``, at most ``limit`` (see
        :meth:`~zitat.store.sql.SQLStore.count`).

        A bounded count of a text search (without speaker or place, whose indexes may
        choose the quotes better) streams the full-text matches through a join and stops
        at the limit: ``q.id IN (SELECT rowid … MATCH)`` first collects every match of a
        frequent word (1,001 of 16,000 counted: 5.5 ms → 1 ms at 100,000 articles).
        """
        terms = query_terms(query.text or "")
        long_terms = [t for t in terms if len(t) >= 3]
        if limit is None or not long_terms or query.speaker or query.place:
            return super().count(query, limit)
        # the short terms (no trigrams) stay conditions on the quote
        rest = query.model_copy(update={"text": " ".join(t for t in terms if len(t) < 3) or None})
        where, params = self._where(rest)
        conditions = where.replace(" WHERE ", " AND ", 1)
        row = self.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM quotes_fts f JOIN quotes q ON q.id = f.rowid"
            f" WHERE quotes_fts MATCH ?{conditions} LIMIT ?)",
            [fts_query(long_terms), *params, limit]).fetchone()
        return int(row[0])

    def _transaction(self) -> AbstractContextManager[Any]:
        if self._migrating:  # inside the migration lock's one transaction
            return nullcontext()
        return self.conn  # commits on success, rolls back on an exception

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """All migrations in one ``BEGIN IMMEDIATE`` transaction (issue 24, finding 5).

        The write lock is taken before ``migrate`` reads which migrations are applied, so
        several processes opening a new file at once migrate it once: the others wait
        (busy timeout) and then find every migration applied. SQLite's DDL is
        transactional, so a failed migration leaves the file as it was.
        """
        if self.conn.in_transaction:
            self.conn.commit()
        self.conn.execute("BEGIN IMMEDIATE")
        self._migrating = True
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()
        finally:
            self._migrating = False

    def _has_migrations_table(self) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        return row is not None

    def _run_script(self, script: str) -> None:
        # one statement at a time: executescript() would commit the open transaction
        for statement in script.split(";"):
            if statement.strip():
                self.conn.execute(statement)

    def _insert_id(self, sql: str, params: Sequence[Any], id_column: str) -> int | None:
        cur = self.conn.execute(sql, params)
        return int(cur.lastrowid) if cur.rowcount else None

    def _reopen_writable(self) -> None:
        if self.path != ":memory:":
            SQLiteStore(self.path).close()

    def _index_article(self, seq: int, art: Article) -> None:
        self.conn.execute(
            "INSERT INTO articles_fts(rowid, body) VALUES (?, ?)",
            (seq, fold(f"{art.title or ''}\n{art.text}")),
        )

    def _index_quote(self, quote_id: int, body: str) -> None:
        self.conn.execute("INSERT INTO quotes_fts(rowid, body) VALUES (?, ?)", (quote_id, body))
