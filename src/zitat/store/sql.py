"""The SQL store: every query and the row mapping, shared by SQLite and PostgreSQL.

:class:`SQLStore` implements the :class:`~zitat.store.base.Store` contract once. A backend
adds two small things:

* a :class:`Dialect`: the SQL text that really differs between engines (placeholders,
  LIKE escaping, case-insensitive LIKE, byte-order collation, ``least``/``greatest``,
  the full-text and surname clauses, how a list of ids is bound);
* the driver hooks of :class:`SQLStore` (connecting, transactions, running a migration
  script, returning a new row's id, writing the full-text index).

Shared SQL is written with ``?`` placeholders; :meth:`Dialect.sql` turns them into the
driver's style. Column names that are SQL keywords (``end``) are double-quoted, which
both engines accept. ``NULLS FIRST``/``NULLS LAST`` are spelled out (SQLite ≥ 3.30).
"""

from __future__ import annotations

import json
import logging
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any, ClassVar

from zitat.errors import StoreError
from zitat.schema import Article
from zitat.store.attributes import AttributeStoreMixin, ReattributeMixin
from zitat.store.clusters import ClusterIndex
from zitat.store.entities import GlobalEntity, link_entities
from zitat.store.feeds import FeedStates
from zitat.store.records import (
    FacetValue,
    MatchWindow,
    PlaceCount,
    QuoteHit,
    RoleSpan,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    Stats,
    WriteResult,
)
from zitat.store.rows import Row, article_rows, quote_hit, utc_now
from zitat.store.text import (
    about_clause,
    fold,
    period_conditions,
    query_alternatives,
    query_terms,
    search_body,
)

log = logging.getLogger(__name__)

#: Quote columns every backend stores (PostgreSQL adds ``body``, see ``Dialect.quote_body``).
QUOTE_COLUMNS = (
    "article_id", "qid", "type", "medium", "text", "folded", "start", "end", "speaker_text",
    "speaker_id", "cue_text", "addressee_text", "confidence", "date_start", "date_end", "place",
    "cue_class", "mood",
)
#: Quote ``q`` is not in a wire copy: a statement printed by many outlets from one agency
#: text counts once in speaker figures.
#: the rows of listed quotes (:meth:`SQLStore.search`), to be followed by a WHERE clause
_HITS = (
    "SELECT q.*, a.date, a.title, a.url, a.source, e.name AS speaker_name,"
    " (SELECT r.role FROM entity_roles r WHERE r.entity_id = q.speaker_id"
    "  ORDER BY r.last_seen DESC NULLS LAST LIMIT 1) AS speaker_role"
    " FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN entities e ON e.id = q.speaker_id"
)
NOT_WIRE_COPY = "NOT EXISTS (SELECT 1 FROM wire_copies w WHERE w.article_id = q.article_id)"
#: Articles per page of :meth:`SQLStore.article_ids`.
_PAGE = 5000


#: ``q.folded`` with punctuation and dashes turned into spaces, so a short term (``EU``,
#: ``US``) matches as a word or a part of a hyphenated compound (``EU-Kommission``,
#: ``US-Dollar``, ``EU,``) but never inside a word (``USA``, ``aus``).
_WORD_GAPS_SQL = "q.folded"
#: No "?": the SQL is converted to the driver's placeholder style by replacing "?".
for _gap in "-–—/.,;:!()[]\"'„“”‚‘’«»":
    _WORD_GAPS_SQL = f"replace({_WORD_GAPS_SQL}, '{_gap.replace(chr(39), chr(39) * 2)}', ' ')"


#: Umlauts spelled out, so a name with an umlaut also finds its ASCII spelling.
_UMLAUT_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def like_escape(term: str) -> str:
    """``term`` with LIKE wildcards escaped, so it matches literally (escape: backslash)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@lru_cache(maxsize=512)
def _convert(sql: str, placeholder: str) -> str:
    return sql if placeholder == "?" else sql.replace("?", placeholder)


def _insert_sql(table: str, columns: Sequence[str], suffix: str = "") -> str:
    # Identifiers come from the constant column tuples in this module, never from input.
    cols = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table}({cols}) VALUES ({', '.join('?' * len(columns))}){suffix}"


class Dialect:
    """The SQL text that differs between engines; subclass once per backend.

    Attributes:
        placeholder: the driver's parameter marker (``?`` or ``%s``).
        like: ``LIKE ?`` with the escape clause that makes :func:`like_escape` work.
        ilike: a case-insensitive LIKE on unfolded text.
        byte_order: the collation that sorts by code point (results must not depend on
            the server's locale).
        least, greatest: the two-argument minimum and maximum functions.
        string_agg: the aggregate that joins strings with a separator.
        article_seq: the column that numbers articles in insertion order.
        quote_body: whether ``quotes`` has a ``body`` column (the folded text searched).
        desc_nulls_last: whether ``ORDER BY x DESC`` puts NULLs last by itself (SQLite:
            NULL is the smallest value), so that the newest-first order needs no
            ``x IS NULL`` term.
        quote_article_facets: whether ``quotes`` has ``article_source`` and
            ``article_places`` (its article's source and distinct place names as a JSON
            array), from which facets count sources and places without a join.
    """

    placeholder: ClassVar[str] = "?"
    like: ClassVar[str] = "LIKE ?"
    ilike: ClassVar[str] = "ILIKE ?"
    byte_order: ClassVar[str] = "BINARY"
    least: ClassVar[str] = "least"
    greatest: ClassVar[str] = "greatest"
    string_agg: ClassVar[str] = "string_agg"
    article_seq: ClassVar[str] = "seq"
    quote_body: ClassVar[bool] = False
    desc_nulls_last: ClassVar[bool] = False
    quote_article_facets: ClassVar[bool] = False

    def sql(self, text: str) -> str:
        """``text`` (written with ``?`` placeholders) in the driver's placeholder style."""
        return _convert(text, self.placeholder)

    def ordered_agg(self, value: str, order: str) -> str:
        """An aggregate that joins ``value`` with commas in the order of ``order`` (an
        ORDER BY clause); its input comes from a subquery sorted by ``order`` (with a
        LIMIT) as well."""
        return f"{self.string_agg}({value}, ',' {order.strip()})"

    def text_match(self, terms: list[str], walk: bool = False, matches: str | None = None,
                   ) -> tuple[list[str], list[Any]]:
        """Conditions on quote ``q`` (all must hold) and parameters: ``q`` contains every term.

        Terms are folded and have at least three characters (shorter ones are matched as
        whole words by shared SQL). ``walk``: the query lists quotes newest first and the
        terms are frequent, so the condition should filter a walk of the ``quotes_newest``
        index rather than drive the query (see :meth:`SQLStore._walks_newest` and
        :meth:`unindexed`). ``matches``: the ids of the quotes that contain every term,
        when the store knows them already (as :meth:`ids_param` binds them); a backend
        may use them instead of looking the terms up again.
        """
        raise NotImplementedError

    def words_match(self, text: str, walk: bool = False, matches: str | None = None,
                    ) -> tuple[list[str], list[Any]]:
        """Conditions on quote ``q`` and parameters: ``q`` contains every word of ``text``,
        words of three letters or more through :meth:`text_match` (``matches``: their
        matches' ids, when known), shorter ones (`EU`) as whole words or compound parts
        (`EU-Kommission`)."""
        terms = query_terms(text)
        long_terms = [t for t in terms if len(t) >= 3]
        where, params = self.text_match(long_terms, walk, matches) if long_terms else ([], [])
        for t in terms:
            if len(t) < 3:  # too short for trigrams
                where.append(f"(' ' || {_WORD_GAPS_SQL} || ' ') " + self.like)
                params.append(f"% {like_escape(t)} %")
        return where, params

    def surname_match(self, folded: str) -> tuple[str, Any]:
        """A condition on variant ``v`` and its parameter: a name of several words that
        ends in the one word ``folded``."""
        raise NotImplementedError

    def speaker_text_match(self, name: str, walk: bool = False) -> tuple[str, list[Any]]:
        """A condition on quote ``q`` and its parameters: the speaker's words as the text
        gives them contain ``name`` (case aside), for quotes whose speaker is not among
        the entities the name means (an unlinked ``sagte ein Sprecher Müllers``).

        Engines with an index over the folded quote and speaker text check it first (see
        the subclasses): a LIKE on ``speaker_text`` alone reads every quote. ``walk``: as
        for :meth:`text_match`.
        """
        return f"q.speaker_text {self.ilike}", [f"%{like_escape(name)}%"]

    def unindexed(self, column: str) -> str:
        """``column`` in a condition that should filter rows, not choose them through an
        index (for a walk of ``quotes_newest``); engines without such a hint return it as is."""
        return column

    def starts_with(self, column: str, prefix: str) -> tuple[str, Any]:
        """A condition and its parameter: ``column`` starts with ``prefix`` literally."""
        return f"{column} {self.like}", like_escape(prefix) + "%"

    def in_ids(self, column: str) -> str:
        """A condition: ``column`` is one of the ids bound by :meth:`ids_param`."""
        raise NotImplementedError

    def ids_param(self, ids: list[int]) -> Any:
        """The parameter value for :meth:`in_ids`."""
        raise NotImplementedError


class SQLStore(AttributeStoreMixin, ReattributeMixin, ClusterIndex, FeedStates):
    """A zitat store in a SQL database; see :class:`~zitat.store.base.Store` for the contract.

    Wire copies and statement clusters are kept up to date on every write
    (:class:`~zitat.store.clusters.ClusterIndex`); ``zitat watch`` keeps its feed state
    here too (:class:`~zitat.store.feeds.FeedStates`).

    Writes are one transaction per :meth:`add_articles` call; an article id that is
    already stored is skipped (``INSERT … ON CONFLICT DO NOTHING``), so re-ingesting
    changes nothing, also when several processes ingest overlapping input.
    """

    dialect: ClassVar[Dialect]
    #: Numbered migrations ``(name, script)``; a database records which ones it has.
    migrations: ClassVar[list[tuple[str, str]]]
    path: str
    conn: Any

    # -- driver hooks (each backend implements these) --------------------------------

    def _transaction(self) -> AbstractContextManager[Any]:
        """One write transaction (nested inside another: a savepoint where supported)."""
        raise NotImplementedError

    def _has_migrations_table(self) -> bool:
        raise NotImplementedError

    def _run_script(self, script: str) -> None:
        """Run one migration script (DDL, no parameters)."""
        raise NotImplementedError

    def _insert_id(self, sql: str, params: Sequence[Any], id_column: str) -> int | None:
        """Run an ``INSERT`` of one row; the new row's ``id_column``, or ``None`` when an
        ``ON CONFLICT DO NOTHING`` left the row out."""
        raise NotImplementedError

    def _reopen_writable(self) -> None:
        """Open the same database once for writing (applies missing migrations)."""
        raise NotImplementedError

    def _migration_lock(self) -> AbstractContextManager[Any]:
        """Held while migrating, so two processes never migrate at once."""
        return nullcontext()

    def _snapshot(self) -> AbstractContextManager[Any]:
        """Several reads that must see one state of the database."""
        return nullcontext()

    def _savepoint(self) -> AbstractContextManager[Any]:
        """A statement that may fail on a key a concurrent writer created."""
        return nullcontext()

    def _walks_newest(self, query: SearchQuery) -> bool:
        """Whether a newest-first listing of ``query`` should walk the ``quotes_newest``
        index, filtering as it goes, instead of collecting every match and sorting it.

        Walking wins when matches are frequent (a page is found after a few hundred index
        entries) and loses when they are rare (the whole index is walked); engines whose
        planner estimates that themselves (PostgreSQL) leave it to the planner.
        """
        return False

    #: Raised by the driver on a unique-key violation.
    _unique_violation: ClassVar[type[Exception]] = Exception

    def _index_article(self, seq: int, art: Article) -> None:
        """Write the article's full-text index entry, where the engine needs one written."""

    def _index_quote(self, quote_id: int, body: str) -> None:
        """Write a quote's full-text index entry (``body`` is its folded search text)."""

    # -- plumbing ----------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run shared SQL (``?`` placeholders) and return the driver's cursor."""
        return self.conn.execute(self.dialect.sql(sql), params)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self.dialect.sql(sql), rows)

    def close(self) -> None:
        """Release the connection."""
        self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------

    def _open(self, readonly: bool) -> None:
        """Migrate a writable store; check a read-only one and bring an older one up to date."""
        if not readonly:
            self.migrate()
            return
        self._check_version()
        if set(self.applied_migrations()) < {name for name, _ in self.migrations}:
            # a store written by an older zitat: the additive migrations are applied once
            # through a writable connection, then reading goes on
            self._reopen_writable()

    def applied_migrations(self) -> list[str]:
        """Names of the numbered migrations this database has, sorted."""
        if not self._has_migrations_table():  # a new database
            return []
        return [r["name"] for r in self.execute("SELECT name FROM migrations ORDER BY name")]

    def _check_version(self) -> None:
        known = {name for name, _ in self.migrations}
        newer = set(self.applied_migrations()) - known
        if newer:
            raise StoreError(
                f"{self.path} was written by a newer zitat (migrations {sorted(newer)})"
            )

    def migrate(self) -> list[str]:
        """Apply missing migrations in order, each in its own transaction; returns their names."""
        done: list[str] = []
        with self._migration_lock():
            self._check_version()
            self.execute(
                "CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            applied = set(self.applied_migrations())
            for name, script in self.migrations:
                if name in applied:
                    continue
                with self._transaction():
                    self._run_script(script)
                    self.execute(
                        "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utc_now())
                    )
                done.append(name)
        for name in done:
            log.info("%s: applied migration %s", self.path, name)
        return done

    # -- writing -----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store a batch of articles in one transaction; known ids are skipped."""
        with self._transaction():
            added = sum(1 for art in articles if self._insert(art))
        return WriteResult(added=added, skipped=len(articles) - added)

    def _roles(self, entity_id: int) -> list[str]:
        rows = self.execute(
            "SELECT role FROM entity_roles WHERE entity_id = ? ORDER BY last_seen DESC NULLS LAST",
            (entity_id,),
        )
        return [r["role"] for r in rows]

    def _entity_lookup(self, label: str, folded: str, surname_only: bool) -> list[GlobalEntity]:
        where, value = (
            self.dialect.surname_match(folded) if surname_only else ("v.folded = ?", folded)
        )
        rows = self.execute(
            "SELECT DISTINCT e.id, e.label, e.name FROM entities e JOIN entity_variants v"
            " ON v.entity_id = e.id WHERE e.label = ? AND " + where + " ORDER BY e.id",
            (label, value),
        ).fetchall()
        return [
            GlobalEntity(r["id"], r["label"], r["name"], tuple(self._roles(r["id"])))
            for r in rows
        ]

    def _entity_id(self, key: str) -> int | None:
        row = self.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        return int(row["id"]) if row else None

    def _entity_create(self, label: str, name: str, key: str) -> int:
        found = self._entity_id(key)
        if found is not None:
            return found
        # Another process may create the same key between the SELECT and the INSERT: the
        # INSERT then does nothing, and the second SELECT sees the other process's row.
        new = self._insert_id(
            _insert_sql("entities", ("label", "name", "key"), " ON CONFLICT (key) DO NOTHING"),
            (label, name, key), "id",
        )
        found = new if new is not None else self._entity_id(key)
        assert found is not None, key
        return found

    def _entity_rename(self, entity_id: int, name: str, key: str) -> None:
        try:
            # A concurrent writer may create the new key after the NOT EXISTS check; then
            # its entity stays and this one keeps its name, as if it had existed before.
            with self._savepoint():
                self.execute(
                    "UPDATE entities SET name = ?, key = ? WHERE id = ? AND NOT EXISTS"
                    " (SELECT 1 FROM entities WHERE key = ?)",
                    (name, key, entity_id, key),
                )
        except self._unique_violation:
            log.info("entity %s: %r was created concurrently; not renamed", entity_id, key)

    def _insert(self, art: Article) -> bool:
        """Write one article's rows; ``False`` when its id is stored already."""
        rows: dict[str, list[Row]] = defaultdict(list)
        for table, row in article_rows(art):
            rows[table].append(row)
        a = rows["articles"][0]
        seq = self._insert_id(
            _insert_sql(
                "articles",
                ("id", "date", "date_start", "date_end", "title", "url", "source", "text", "doc",
                 "ingested_at"),
                " ON CONFLICT (id) DO NOTHING",
            ),
            (a["id"], a["date"], a["date_start"], a["date_end"], a["title"], a["url"],
             a["source"], a["text"], a["json"], utc_now()),
            self.dialect.article_seq,
        )
        if seq is None:  # stored already, possibly by a concurrent process a moment ago
            return False
        self._index_article(seq, art)
        links = link_entities(art, self._entity_lookup, self._entity_create, self._entity_rename)
        variants: list[Sequence[Any]] = []
        roles: list[Sequence[Any]] = []
        for ent in rows["entities"]:
            gid = links[ent["local_id"]]
            variants += [(gid, v, fold(v)) for v in sorted({ent["name"], *ent["variants"]})]
            roles += [(gid, role, art.date, art.date) for role in ent["roles"]]
        self._executemany(
            _insert_sql("entity_variants", ("entity_id", "variant", "folded"),
                        " ON CONFLICT DO NOTHING"),
            variants,
        )
        least, greatest = self.dialect.least, self.dialect.greatest
        self._executemany(
            _insert_sql("entity_roles", ("entity_id", "role", "first_seen", "last_seen"))
            # the role's first and last date over all articles (a NULL date is no date)
            + " ON CONFLICT (entity_id, role) DO UPDATE SET"
            f" first_seen = {least}(coalesce(entity_roles.first_seen, excluded.first_seen),"
            " coalesce(excluded.first_seen, entity_roles.first_seen)),"
            f" last_seen = {greatest}(coalesce(entity_roles.last_seen, excluded.last_seen),"
            " coalesce(excluded.last_seen, entity_roles.last_seen))",
            roles,
        )
        self._write_attributes(links, rows["entities"])
        self._executemany(
            _insert_sql("mentions", ("article_id", "entity_id", "local_id", "start", "end")),
            [(m["article_id"], links[m["local_id"]], m["local_id"], m["start"], m["end"])
             for m in rows["mentions"]],
        )
        columns = QUOTE_COLUMNS + (("body",) if self.dialect.quote_body else ()) + (
            ("article_source", "article_places") if self.dialect.quote_article_facets else ())
        place_names = sorted({p["name"] for p in rows["places"] if p["name"] is not None})
        quote_sql = _insert_sql("quotes", columns)
        quote_ids: dict[str, int] = {}
        written: list[Row] = []
        for q in rows["quotes"]:
            entity = q["speaker_entity"]
            q["speaker_id"] = links.get(entity) if entity else None
            q["folded"] = fold(q["text"])
            q["body"] = body = search_body(f"{q['text']}\n{q['speaker_text'] or ''}")
            q["article_source"] = art.source
            q["article_places"] = json.dumps(place_names, ensure_ascii=False) \
                if place_names else None
            quote_id = self._insert_id(quote_sql, [q[c] for c in columns], "id")
            assert quote_id is not None
            quote_ids[q["qid"]] = quote_id
            written.append({**q, "id": quote_id})
            self._index_quote(quote_id, body)
        self._executemany(
            _insert_sql("roles", ("quote_id", "role", "text", "start", "end")),
            [(quote_ids[r["qid"]], r["role"], r["text"], r["start"], r["end"])
             for r in rows["roles"]],
        )
        self._executemany(
            _insert_sql("times", ("article_id", "text", "start", "end", "type", "value",
                                  "granularity", "anchor", "rule")),
            [(t["article_id"], t["text"], t["start"], t["end"], t["type"], t["value"],
              t["granularity"], t["anchor"], t["rule"]) for t in rows["times"]],
        )
        self._executemany(
            _insert_sql("places", ("article_id", "text", "start", "end", "name", "folded",
                                   "country", "lat", "lon", "feature")),
            [(p["article_id"], p["text"], p["start"], p["end"], p["name"], fold(p["name"]),
              p["country"], p["lat"], p["lon"], p["feature"]) for p in rows["places"]],
        )
        self._cluster_article(art.id, art.text, written)
        return True

    # -- reading -----------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored article record (identical to what was added), or ``None``."""
        row = self.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_json(row["doc"]) if row else None

    def _speaker_ids(self, name: str) -> list[int]:
        """Entities with this name or variant (folded), ascending."""
        folded = " ".join(fold(name).split())
        if not folded:
            return []
        # A folded name or any part of one: "muller" and "mueller" find "Peter Müller"
        # as "Müller" does (issue 24, finding 10).
        alts = query_alternatives(folded)
        spelled = " ".join(fold(name.casefold().translate(_UMLAUT_DIGRAPHS)).split())
        alts = list(dict.fromkeys([*alts, spelled]))  # "Müller" also finds "Mueller"
        likes = " OR ".join(["folded " + self.dialect.like] * len(alts))
        rows = self.execute(
            "SELECT entity_id AS id FROM entity_variants WHERE folded = ? OR " + likes
            + " UNION SELECT id FROM entities WHERE key " + self.dialect.like,
            (folded, *(f"%{like_escape(a)}%" for a in alts), f"%:{like_escape(folded)}"),
        )
        return sorted(int(r["id"]) for r in rows)

    def _words_match(self, text: str, walk: bool) -> tuple[list[str], list[Any]]:
        """The conditions of a search's words (:meth:`Dialect.words_match`); a backend
        may choose them by what it already knows of the words' matches."""
        return self.dialect.words_match(text, walk)

    def _place_condition(self, place: str) -> tuple[str, list[Any]]:
        """A condition on ``places`` and its parameters: the place is named ``place``
        (folded, or a name it starts, or as the text wrote it). Each alternative has an
        index (places_folded, places_text_lower), so places are looked up, not read."""
        folded = fold(place)
        prefix, value = self.dialect.starts_with("folded", folded)
        return f"(folded = ? OR {prefix} OR lower(text) = lower(?))", [folded, value, place]

    def _where(self, query: SearchQuery, walk: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause (with its parameters) of a search over ``quotes q JOIN articles a``
        (``walk``: for a newest-first listing that walks the ``quotes_newest`` index)."""
        d = self.dialect
        where: list[str] = []
        params: list[Any] = []
        if query.text:
            where, params = self._words_match(query.text, walk)
        if query.speaker:
            by_text, values = d.speaker_text_match(query.speaker, walk)
            speaker_id = d.unindexed("q.speaker_id") if walk else "q.speaker_id"
            where.append(f"({d.in_ids(speaker_id)} OR {by_text})")
            params += [d.ids_param(self._speaker_ids(query.speaker)), *values]
        period, values = period_conditions(query.since, query.until)
        where += period
        params += values
        if query.type:
            # not through the type index (0011, for the overview's counts): half the
            # quotes are of one type, a walk of the listing's order finds a page sooner
            where.append(f"{d.unindexed('q.type')} = ?")
            params.append(query.type)
        if query.place:
            places, values = self._place_condition(query.place)
            column = d.unindexed("q.article_id") if walk else "q.article_id"
            where.append(f"{column} IN (SELECT article_id FROM places WHERE {places})")
            params += values
        if query.min_confidence is not None:
            where.append("q.confidence >= ?")
            params.append(query.min_confidence)
        if query.about:
            about_sql, about_params = about_clause(query.about, "?")
            where.append(
                "EXISTS (SELECT 1 FROM times t WHERE t.article_id = q.article_id"
                " AND t.value IS NOT NULL AND " + about_sql +
                ' AND t.start >= q.start - 300 AND t."end" <= q."end" + 300)'
            )
            params += about_params
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def search(self, query: SearchQuery) -> list[QuoteHit]:
        """Quotes matching ``query``, newest article first."""
        where, params = self._where(query, self._walks_newest(query))
        order = self._newest_first(query)
        # The page's quote ids first (the order can walk the quotes_newest index), then
        # the joins and the role look-up for those rows only: done for every match before
        # the sort, they cost a second at 100,000 articles (issue 24, load benchmark).
        sql = (_HITS + " WHERE q.id IN (SELECT q.id FROM quotes q" + where + order
               + " LIMIT ? OFFSET ?)" + order)
        params += [query.limit, query.offset]
        rows = self.execute(sql, params).fetchall()
        return self._with_clusters(rows, [quote_hit(r) for r in rows])

    def _newest_first(self, query: SearchQuery | None = None) -> str:
        """The ORDER BY of listings: newest article first (the ``quotes_newest`` index).

        A search with an end date (``until``) only finds quotes that have a date, so the
        leading ``date_start IS NULL`` is the same for all of them and is left out: the
        same order, which the date index ``quotes_date`` gives from the period's end on
        (SQLite then walks it and sorts each date's few quotes, instead of collecting
        every match of a frequent word and sorting them: 18 ms → 5 ms at 100,000 articles).
        Engines that sort NULLs last in descending order anyway (SQLite) always leave it
        out: their ``quotes_newest`` index is on the date alone (SQLite's migration 0012),
        which a walk from the period's end then uses too.
        """
        nulls_last = ("" if self.dialect.desc_nulls_last or (query is not None and query.until)
                      else "q.date_start IS NULL, ")
        return (f" ORDER BY {nulls_last}q.date_start DESC,"
                f" q.article_id COLLATE {self.dialect.byte_order}, q.start")

    def data_version(self) -> int:
        """A number that grows whenever an article is added (its highest sequence number):
        what the server's cache of counts and facets is valid for."""
        row = self.execute(f"SELECT max({self.dialect.article_seq}) AS v FROM articles").fetchone()
        return int(row["v"] or 0)

    def count(self, query: SearchQuery, limit: int | None = None) -> int:
        """How many quotes match ``query`` (its limit and offset aside), counting at most
        ``limit`` of them: a count stops there, so that its cost does not grow with the
        number of matches (the web pages say "more than 1,000")."""
        where, params = self._where(query)
        # every quote has its article (a foreign key): no join needed to count them
        if limit is None:
            row = self.execute("SELECT count(*) AS n FROM quotes q" + where, params).fetchone()
        else:
            row = self.execute("SELECT count(*) AS n FROM (SELECT 1 FROM quotes q" + where
                               + " LIMIT ?) m", [*params, limit]).fetchone()
        return int(row["n"])

    def facets(self, query: SearchQuery, size: int = 10,
               sample: int | None = None) -> dict[str, list[FacetValue]]:
        """Counts of the matching quotes by speaker, type, year, place and source.

        Each facet lists its ``size`` most frequent values (most quotes first, then by value;
        years newest first); a quote counts once per place its article mentions. With
        ``sample``, only the newest ``sample`` matches are counted (all of them when no more
        match), so that the cost stays bounded however many quotes match.

        One statement: the matches are selected once (a materialised CTE) and every facet
        counts them; the articles' places and sources are looked up once per article.
        """
        columns = self._facet_columns("q")
        if sample is None:
            where, params = self._where(query)
            matches = f"WITH m AS MATERIALIZED (SELECT {columns} FROM quotes q{where})"
        else:
            where, params = self._where(query, self._walks_newest(query))
            matches = (f"WITH m AS MATERIALIZED (SELECT {columns} FROM quotes q{where}"
                       f"{self._newest_first(query)} LIMIT ?)")
            params = [*params, sample]
        return self._facet_counts(matches, params, size)[0]

    def _facet_columns(self, table: str) -> str:
        """What the facets count of each match in CTE ``m``: id, speaker_id, type, year,
        article_id, and where the quote has them its article's source and places."""
        extra = (f", {table}.article_source, {table}.article_places"
                 if self.dialect.quote_article_facets else "")
        return (f"{table}.id, {table}.speaker_id, {table}.type,"
                f" substr({table}.date_start, 1, 4) AS year, {table}.article_id{extra}")

    def match_window(self, query: SearchQuery, size: int = 10, sample: int = 1000,
                     ) -> MatchWindow:
        """The newest ``sample + 1`` matches' ids in listing order and the facets of the
        newest ``sample`` (``facets(query, size, sample)``), in one statement.

        The matches are selected once: their number is ``count(query, sample + 1)``, their
        ids give the first pages of the listing (:meth:`quotes_by_id`), the newest
        ``sample`` of them are counted by facet. Before, the search, the count and the
        facets each looked for the matches again (the full-text matches, a period's or a
        place's quotes): 10-40 ms a search at 100,000 articles (issue 24, load benchmark).
        """
        where, params = self._where(query, self._walks_newest(query))
        order = self._newest_first(query)
        # the window's order is the listing's (on the selected columns) with the id last,
        # as the quotes_newest index orders equal keys
        ranked = order.replace("q.", "w.") + ", w.id"
        extra = (", q.article_source, q.article_places"
                 if self.dialect.quote_article_facets else "")
        matches = (
            "WITH w AS MATERIALIZED (SELECT q.id, q.speaker_id, q.type, q.date_start,"
            f" q.article_id, q.start{extra} FROM quotes q" + where + order + " LIMIT ?),"
            f" m AS MATERIALIZED (SELECT {self._facet_columns('w')} FROM w{ranked} LIMIT ?)"
        )
        # the ids as one string in listing order (a row each cost a millisecond in
        # Python; numbering them with a window function, another 1.5 ms of SQLite)
        ids = (" UNION ALL SELECT 'ids' AS facet, "
               + self.dialect.ordered_agg("CAST(w.id AS TEXT)", ranked)
               + " AS value, CAST(NULL AS BIGINT) AS ref, count(*) AS n"
               f" FROM (SELECT * FROM w{ranked} LIMIT ?) w")
        facets, more = self._facet_counts(matches, [*params, sample + 1, sample, sample + 1],
                                          size, ids)
        found = [int(x) for x in more["ids"].split(",")] if more.get("ids") else []
        return MatchWindow(ids=array("q", found), facets=facets, sample=sample)

    def quotes_by_id(self, ids: Sequence[int]) -> list[QuoteHit]:
        """The quotes with these ids as :meth:`search` lists them, in the order given."""
        if not ids:
            return []
        rows = self.execute(_HITS + " WHERE " + self.dialect.in_ids("q.id"),
                            [self.dialect.ids_param(list(ids))]).fetchall()
        position = {quote_id: k for k, quote_id in enumerate(ids)}
        rows.sort(key=lambda r: position[int(r["id"])])
        return self._with_clusters(rows, [quote_hit(r) for r in rows])

    def _facet_counts(self, matches: str, params: list[Any], size: int, more: str = "",
                      ) -> tuple[dict[str, list[FacetValue]], dict[str, str | None]]:
        """The facets of the quotes in CTE ``m`` (``matches``: ``WITH … m AS (…)``, which
        selects :meth:`_facet_columns`), and the value of each row that ``more``
        (``UNION ALL SELECT 'ids' AS facet, …``) adds, by its facet name."""
        order = self.dialect.byte_order
        top = f" LIMIT {int(size)}"
        if self.dialect.quote_article_facets:
            # each quote carries its article's source and distinct place names: counted
            # from the matches alone, no article or place looked up
            arts = ""
            places = (
                " UNION ALL SELECT * FROM (SELECT 'place' AS facet, j.value AS value,"
                " CAST(NULL AS BIGINT) AS ref, count(*) AS n FROM m, json_each(m.article_places) j"
                f" GROUP BY j.value ORDER BY count(*) DESC, j.value COLLATE {order}{top}) f4")
            sources = (
                " UNION ALL SELECT * FROM (SELECT 'source' AS facet, article_source AS value,"
                " CAST(NULL AS BIGINT) AS ref, count(*) AS n FROM m"
                " WHERE article_source IS NOT NULL GROUP BY article_source"
                f" ORDER BY count(*) DESC, article_source COLLATE {order}{top}) f5")
        else:
            arts = (", arts AS MATERIALIZED (SELECT article_id, count(*) AS n FROM m"
                    " GROUP BY article_id)")
            # a quote counts once per place name its article mentions (however often)
            places = (
                " UNION ALL SELECT * FROM (SELECT 'place' AS facet, name AS value,"
                " CAST(NULL AS BIGINT) AS ref, sum(n) AS n FROM (SELECT DISTINCT p.article_id,"
                " p.name, arts.n FROM arts JOIN places p ON p.article_id = arts.article_id"
                " WHERE p.name IS NOT NULL) ap"
                f" GROUP BY name ORDER BY sum(n) DESC, name COLLATE {order}{top}) f4")
            sources = (
                " UNION ALL SELECT * FROM (SELECT 'source' AS facet, a.source AS value,"
                " CAST(NULL AS BIGINT) AS ref, sum(arts.n) AS n FROM arts"
                " JOIN articles a ON a.id = arts.article_id WHERE a.source IS NOT NULL"
                f" GROUP BY a.source ORDER BY sum(arts.n) DESC, a.source COLLATE {order}{top}) f5")
        sql = (
            matches + arts +
            # the speakers are counted by id first and named after, for the top ones only
            " SELECT * FROM (SELECT 'speaker' AS facet, e.name AS value, e.id AS ref, c.n AS n"
            " FROM (SELECT speaker_id AS sid, count(*) AS n FROM m"
            " WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c JOIN entities e ON e.id = c.sid"
            f" WHERE e.name IS NOT NULL ORDER BY c.n DESC, e.name COLLATE {order}{top}) f1"
            " UNION ALL SELECT * FROM (SELECT 'type' AS facet, type AS value, CAST(NULL AS BIGINT) AS ref,"
            f" count(*) AS n FROM m GROUP BY type ORDER BY n DESC, type COLLATE {order}{top}) f2"
            " UNION ALL SELECT * FROM (SELECT 'year' AS facet, year AS value, CAST(NULL AS BIGINT) AS ref,"
            " count(*) AS n FROM m WHERE year IS NOT NULL GROUP BY year"
            f" ORDER BY year DESC, n DESC{top}) f3" + places + sources + more
        )
        found: dict[str, list[FacetValue]] = {
            name: [] for name in ("speaker", "type", "year", "place", "source")}
        extra: dict[str, str | None] = {}
        for r in self.execute(sql, params).fetchall():
            if r["facet"] not in found:
                extra[r["facet"]] = r["value"]
                continue
            found[r["facet"]].append(FacetValue(
                value=str(r["value"]), count=int(r["n"]),
                id=int(r["ref"]) if r["ref"] is not None else None))
        return found, extra

    def place_counts(self, speaker_id: int | None = None, limit: int = 200) -> list[PlaceCount]:
        """Places that have coordinates, by the number of articles mentioning them, most
        first; with ``speaker_id`` only the articles that quote this speaker."""
        where = ""
        params: list[Any] = []
        if speaker_id is not None:
            where = " AND p.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = ?)"
            params.append(speaker_id)
        rows = self.execute(
            "SELECT p.name, avg(p.lat) AS lat, avg(p.lon) AS lon,"
            " count(DISTINCT p.article_id) AS n FROM places p"
            " WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND p.name IS NOT NULL" + where
            + f" GROUP BY p.name ORDER BY n DESC, p.name COLLATE {self.dialect.byte_order}"
            " LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [PlaceCount(name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]),
                           articles=int(r["n"])) for r in rows]

    def article_ids_with_prefix(self, prefix: str, limit: int = 10) -> list[str]:
        """Stored article ids starting with ``prefix`` (for ids shortened in tables)."""
        rows = self.execute(
            "SELECT id FROM articles WHERE id " + self.dialect.like
            + f" ORDER BY id COLLATE {self.dialect.byte_order} LIMIT ?",
            (like_escape(prefix.strip().lower()) + "%", limit),
        )
        return [r["id"] for r in rows]

    def speakers(self, limit: int = 50, offset: int = 0) -> list[SpeakerSummary]:
        """Speakers ranked by number of quotes."""
        order = f"COLLATE {self.dialect.byte_order}"
        # the article dates themselves: as precise as the sources (2016, not 2016-01-01);
        # ISO prefixes order correctly as text
        dates = ("(SELECT {f}(a.date) FROM quotes q JOIN articles a ON a.id = q.article_id"
                 f" WHERE q.speaker_id = r.id AND {NOT_WIRE_COPY})")
        rows = self.execute(
            # quotes are counted per speaker id first and the dates looked up for the page's
            # speakers only (joined to their articles for every quote, the ranking took
            # 350-800 ms at 100,000 articles)
            "SELECT r.id, r.name, r.label, r.n, " + dates.format(f="min") + " AS first, "
            + dates.format(f="max") + " AS last FROM (SELECT e.id, e.name, e.label, c.n"
            " FROM (SELECT q.speaker_id AS sid, count(*) AS n FROM quotes q"
            f" WHERE q.speaker_id IS NOT NULL AND {NOT_WIRE_COPY} GROUP BY q.speaker_id) c"
            f" JOIN entities e ON e.id = c.sid ORDER BY c.n DESC, e.name {order}"
            f" LIMIT ? OFFSET ?) r ORDER BY r.n DESC, r.name {order}",
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
        """Entity id for an id or a name/variant (most quotes win, then the lowest id)."""
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            row = self.execute(
                "SELECT id FROM entities WHERE id = ?", (int(name_or_id),)
            ).fetchone()
            return int(row["id"]) if row else None
        ids = self._speaker_ids(str(name_or_id))
        if not ids:  # no name or variant is it: one that contains it
            rows = self.execute(
                "SELECT DISTINCT entity_id AS id FROM entity_variants WHERE folded "
                + self.dialect.like,
                (f"%{like_escape(fold(str(name_or_id)))}%",),
            )
            ids = sorted(int(r["id"]) for r in rows)
        if not ids:
            return None
        rows = self.execute(
            "SELECT speaker_id AS id, count(*) AS n FROM quotes WHERE "
            + self.dialect.in_ids("speaker_id") + " GROUP BY speaker_id",
            (self.dialect.ids_param(ids),),
        )
        counts = {int(r["id"]): int(r["n"]) for r in rows}
        return min(ids, key=lambda i: (-counts.get(i, 0), i))

    def speaker_candidates(self, name_or_id: str | int) -> list[SpeakerSummary]:
        """Every speaker a name could mean, most quotes first; one when it is unambiguous.

        An id, or a name that is exactly one entity's canonical name, means that entity.
        Otherwise every entity with this name or variant, or (for one word) a full name
        ending in it, else a variant containing it, that has quotes is a candidate:
        ``Keller`` gives Thomas and Jonas Keller.
        """
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            found = self.find_speaker(name_or_id)
            return self._summaries([found]) if found is not None else []
        name = str(name_or_id)
        folded = " ".join(fold(name).split())
        exact = [int(r["id"]) for r in self.execute(
            "SELECT e.id FROM entities e JOIN entity_variants v ON v.entity_id = e.id"
            " WHERE v.folded = ? AND v.variant = e.name", (folded,))]
        ids = self._speaker_ids(name)
        if len(exact) == 1:
            ids = exact
        elif folded and " " not in folded:  # a surname: every full name ending in it too
            condition, param = self.dialect.surname_match(folded)
            ids = sorted({*ids, *(int(r["id"]) for r in self.execute(
                "SELECT DISTINCT v.entity_id AS id FROM entity_variants v WHERE " + condition,
                (param,)))})
        if not ids:
            ids = sorted(int(r["id"]) for r in self.execute(
                "SELECT DISTINCT entity_id AS id FROM entity_variants WHERE folded "
                + self.dialect.like, (f"%{like_escape(folded)}%",)))
        found = self._summaries(ids)
        speaking = [s for s in found if s.quotes > 0]
        return speaking or found[:1]

    def _summaries(self, ids: list[int]) -> list[SpeakerSummary]:
        """Speaker summaries of these entities (also those without quotes), most quotes first."""
        if not ids:
            return []
        d = self.dialect
        rows = self.execute(
            "SELECT e.id, e.name, e.label, count(q.id) AS n, min(a.date) AS first,"
            " max(a.date) AS last FROM entities e"
            " LEFT JOIN quotes q ON q.speaker_id = e.id"
            " LEFT JOIN articles a ON a.id = q.article_id"
            f" WHERE {d.in_ids('e.id')} GROUP BY e.id, e.name, e.label"
            f" ORDER BY n DESC, e.id",
            (d.ids_param(ids),),
        ).fetchall()
        return [
            SpeakerSummary(id=r["id"], name=r["name"], label=r["label"], roles=self._roles(r["id"]),
                           quotes=r["n"], first_date=r["first"], last_date=r["last"])
            for r in rows
        ]

    def speaker(self, entity_id: int, latest: int = 10,
                min_confidence: float | None = None) -> SpeakerProfile | None:
        """The profile of one entity, or ``None`` for an unknown id.

        With ``min_confidence``, the quote counts, the timeline and the latest quotes only
        take attributions at least that confident; ``uncertain`` counts the others.
        """
        ent = self.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if ent is None:
            return None
        byte_order = self.dialect.byte_order
        variants = [
            r["variant"]
            for r in self.execute(
                "SELECT variant FROM entity_variants WHERE entity_id = ?"
                f" ORDER BY variant COLLATE {byte_order}",
                (entity_id,),
            )
        ]
        roles = [
            RoleSpan(role=r["role"], first_seen=r["first_seen"], last_seen=r["last_seen"])
            for r in self.execute(
                "SELECT * FROM entity_roles WHERE entity_id = ? ORDER BY first_seen NULLS FIRST",
                (entity_id,),
            )
        ]
        threshold = min_confidence if min_confidence is not None else -1.0
        per_month: Counter[str] = Counter()
        uncertain = 0
        # counted per month by the database (a speaker's every quote through Python took
        # a millisecond of a speaker page under the GIL: issue 24, load benchmark)
        for r in self.execute(
            "SELECT substr(coalesce(date_start, 'unknown'), 1, 7) AS m,"
            " sum(CASE WHEN confidence >= ? THEN 1 ELSE 0 END) AS sure,"
            " sum(CASE WHEN confidence >= ? THEN 0 ELSE 1 END) AS unsure"
            f" FROM quotes q WHERE speaker_id = ? AND {NOT_WIRE_COPY} GROUP BY m",
            (threshold, threshold, entity_id),
        ):
            if r["sure"]:
                per_month[r["m"]] += int(r["sure"])
            uncertain += int(r["unsure"])
        co = self.execute(
            "SELECT e.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
            " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id != m1.entity_id"
            " JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id = ?"
            f" GROUP BY e.id ORDER BY n DESC, e.name COLLATE {byte_order} LIMIT 10",
            (entity_id,),
        ).fetchall()
        places = self.execute(
            # where they spoke when the frame says so; else the places of their articles
            "SELECT q.place AS name, count(*) AS n FROM quotes q"
            " WHERE q.speaker_id = ? AND q.place IS NOT NULL"
            f" GROUP BY q.place ORDER BY n DESC, q.place COLLATE {byte_order} LIMIT 10",
            (entity_id,),
        ).fetchall() or self.execute(
            "SELECT p.name, count(DISTINCT p.article_id) AS n FROM places p"
            " WHERE p.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = ?)"
            f" GROUP BY p.name ORDER BY n DESC, p.name COLLATE {byte_order} LIMIT 10",
            (entity_id,),
        ).fetchall()
        latest_rows = self.execute(
            "SELECT q.*, a.date, a.title, a.url, e.name AS speaker_name, NULL AS speaker_role"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " JOIN entities e ON e.id = q.speaker_id WHERE q.speaker_id = ?"
            " AND q.confidence >= ?"
            f" ORDER BY q.date_start DESC NULLS LAST, q.article_id COLLATE {byte_order}, q.start"
            " LIMIT ?",
            (entity_id, threshold, latest),
        ).fetchall()
        return SpeakerProfile(
            id=ent["id"], name=ent["name"], label=ent["label"], variants=variants, roles=roles,
            quotes=sum(per_month.values()), quotes_per_month=dict(sorted(per_month.items())),
            co_mentioned=[(r["name"], r["n"]) for r in co],
            places=[(r["name"], r["n"]) for r in places],
            latest=[quote_hit(r) for r in latest_rows],
            min_confidence=min_confidence, uncertain=uncertain,
        )

    def stats(self) -> Stats:
        """Corpus figures, all from one snapshot where the engine has them."""
        with self._snapshot():
            return self._stats()

    def _stats(self) -> Stats:
        def one(sql: str) -> Any:
            return self.execute(sql).fetchone()["v"]

        by_type = {
            r["type"]: r["n"]
            for r in self.execute(
                "SELECT type, count(*) AS n FROM quotes GROUP BY type"
                f" ORDER BY n DESC, type COLLATE {self.dialect.byte_order}"
            )
        }
        per_month = {
            r["m"]: int(r["n"])  # PostgreSQL's sum of counts is numeric
            # counted per date in the date index's order first (no sort), then summed per
            # month: grouping every quote by its month string sorted them all (37 -> 7.5 ms
            # at 100,000 articles)
            for r in self.execute(
                "SELECT substr(d, 1, 7) AS m, sum(n) AS n FROM (SELECT date_start AS d,"
                " count(*) AS n FROM quotes WHERE date_start IS NOT NULL GROUP BY date_start)"
                " per_date GROUP BY m ORDER BY m"
            )
        }
        return Stats(
            articles=one("SELECT count(*) AS v FROM articles"),
            quotes=one("SELECT count(*) AS v FROM quotes"),
            quotes_by_type=by_type,
            speakers=one("SELECT count(DISTINCT speaker_id) AS v FROM quotes"),
            entities=one("SELECT count(*) AS v FROM entities"),
            places=one("SELECT count(*) AS v FROM places"),
            times=one("SELECT count(*) AS v FROM times"),
            first_date=one("SELECT min(date) AS v FROM articles"),
            last_date=one("SELECT max(date) AS v FROM articles"),
            quotes_per_month=per_month,
        )

    def article_ids(self) -> Iterator[str]:
        """Ids of all stored articles in the order they were added (streamed in pages)."""
        seq = self.dialect.article_seq
        last = 0
        while True:
            rows = self.execute(
                f"SELECT {seq} AS seq, id FROM articles WHERE {seq} > ? ORDER BY {seq} LIMIT ?",
                (last, _PAGE),
            ).fetchall()
            if not rows:
                return
            yield from (r["id"] for r in rows)
            last = rows[-1]["seq"]
