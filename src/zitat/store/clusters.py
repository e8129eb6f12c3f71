"""Wire copies and statement clusters in a SQL store: kept up to date on every write.

:class:`ClusterIndex` is mixed into :class:`~zitat.store.sql.SQLStore`. For each new
article, inside the write transaction:

1. its 4-word shingles get a MinHash signature; its band keys go to ``article_bands``;
   stored articles sharing a band key are candidates, verified exactly
   (:func:`~zitat.clusters.match.wire_similarity` on their shingles). A copy is linked in
   ``wire_copies`` to the earliest version of its group (earliest date, then the first
   stored); when an earlier version arrives later, the group is re-rooted on it.
2. each quotation gets a signature of its statement keys (``quote_bands``); candidates
   are verified by :func:`~zitat.clusters.match.same_statement`, and the quotation joins
   (and merges) their clusters in ``quote_clusters``. A cluster's id is the smallest
   quote id in it; every quotation has a row (alone, its cluster is its own id).

Candidates come from one ``key IN (…)`` query on an indexed column per item, so the work
per article does not grow with the corpus beyond the index lookups (near-linear in total).
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from zitat.clusters import (
    ARTICLE_LSH,
    QUOTE_LSH,
    band_keys,
    exact_key,
    hashed_signature,
    quote_key,
    same_statement,
    shingle_hashes,
    signature,
    wire_similarity,
    word_diff,
    words,
)
from zitat.clusters.match import (
    MIN_SAME_SPEAKER_REPEAT_WORDS,
    MIN_SHARED_KEYS,
    WIRE_MIN_SHINGLES,
)
from zitat.store.records import Appearance, HitGroup, QuoteHit, StatementCluster, Variant
from zitat.store.text import fold

#: Candidates verified per article or quotation (those sharing most band keys first):
#: bounds the work for very common texts.
MAX_CANDIDATES = 50
#: Articles whose shingle hashes a store keeps in memory: a copy usually arrives within
#: days of its original, so its candidates are mostly recent (about 15 kB each).
SHINGLE_CACHE = 2000
#: Hits a grouped search fetches per group it shows (a group gathers several hits).
GROUP_FETCH = 5


def outlet_of(source: str | None, url: str | None) -> str:
    """The outlet of an article: its source, else its URL's host, else ``unbekannt``."""
    if source:
        return source
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else "unbekannt"


def speaker_identity(speaker_id: int | None, speaker_text: str | None) -> str | None:
    """Who a quotation is credited to, for matching: the entity id, else the folded name."""
    if speaker_id is not None:
        return f"e{speaker_id}"
    return " ".join(fold(speaker_text).split()) if speaker_text else None


def group_hits(hits: Iterable[QuoteHit], limit: int | None = None) -> list[HitGroup]:
    """Search hits grouped by statement cluster, in the order of each group's first hit.

    Args:
        hits: hits of a search (with ``cluster_id`` set by the store).
        limit: at most this many groups.
    """
    groups: dict[Any, list[QuoteHit]] = {}
    for hit in hits:
        key = hit.cluster_id if hit.cluster_id is not None else ("q", hit.article_id, hit.quote_id)
        groups.setdefault(key, []).append(hit)
    out = [
        HitGroup(cluster_id=members[0].cluster_id, outlets=max(h.outlets for h in members),
                 hits=members)
        for members in groups.values()
    ]
    return out[:limit] if limit is not None else out


class ClusterIndex:
    """Wire-copy links and statement clusters of a :class:`~zitat.store.sql.SQLStore`.

    A mixin: it uses the store's ``execute``, ``_executemany`` and ``dialect``.
    """

    #: Set to ``False`` to store without clustering (the benchmark's baseline).
    clustering: bool = True

    execute: Any
    _executemany: Any
    dialect: Any

    # -- writing ------------------------------------------------------------------------

    def _cluster_article(self, article_id: str, text: str,
                         quotes: Sequence[Mapping[str, Any]]) -> None:
        """Link a new article to its wire copies and its quotations to their statements.

        Args:
            article_id: the new article's id.
            text: its text.
            quotes: its quotation rows (``id``, ``text``, ``type``, ``speaker_id``,
                ``speaker_text``), already inserted.
        """
        if not self.clustering:
            return
        self._link_wire_copy(article_id, text)
        for q in quotes:
            self._cluster_quote(q)

    def _candidates(self, table: str, column: str, keys: list[int]) -> list[Any]:
        # identifiers are constants of this module; keys are bound
        rows = self.execute(
            f"SELECT {column} AS id, count(*) AS n FROM {table} WHERE "
            + self.dialect.in_ids("key")
            + f" GROUP BY {column} ORDER BY n DESC, {column} LIMIT ?",
            (self.dialect.ids_param(keys), MAX_CANDIDATES),
        ).fetchall()
        return [r["id"] for r in rows]

    def _shingles_of(self, article_id: str, text: str | None = None) -> set[int]:
        """An article's shingle hashes, from the cache of recent articles where they are."""
        cache: OrderedDict[str, set[int]] = self.__dict__.setdefault("_shingle_cache",
                                                                     OrderedDict())
        found = cache.get(article_id)
        if found is None:
            if text is None:
                row = self.execute("SELECT text FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()
                text = row["text"] if row else ""
            found = shingle_hashes(text)
            cache[article_id] = found
            if len(cache) > SHINGLE_CACHE:
                cache.popitem(last=False)
        else:
            cache.move_to_end(article_id)
        return found

    def _link_wire_copy(self, article_id: str, text: str) -> None:
        sh = self._shingles_of(article_id, text)
        if len(sh) < WIRE_MIN_SHINGLES:  # too short to be compared: no bands either
            return
        keys = band_keys(hashed_signature(sh, ARTICLE_LSH), ARTICLE_LSH)
        matches: dict[str, float] = {}
        for other in self._candidates("article_bands", "article_id", keys):
            if other == article_id:
                continue
            sim = wire_similarity(sh, self._shingles_of(other))
            if sim is not None:
                matches[other] = sim
        self._executemany("INSERT INTO article_bands(key, article_id) VALUES (?, ?)",
                          [(k, article_id) for k in keys])
        if matches:
            self._join_wire_group(article_id, matches)

    def _root(self, article_id: str) -> str:
        row = self.execute(
            "SELECT original_id FROM wire_copies WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row["original_id"] if row else article_id

    def _join_wire_group(self, article_id: str, matches: dict[str, float]) -> None:
        """Make ``article_id`` and the groups of ``matches`` one group rooted on the earliest."""
        roots: dict[str, float] = {}
        for other, sim in matches.items():
            root = self._root(other)
            roots[root] = max(roots.get(root, 0.0), sim)
        best = max(matches.values())
        members = {article_id: best, **roots}
        seq = self.dialect.article_seq
        rows = self.execute(
            f"SELECT id, date_start, {seq} AS seq FROM articles WHERE "
            + self.dialect.in_ids("id"),
            (self.dialect.ids_param(sorted(members)),),
        ).fetchall()
        order = {r["id"]: (r["date_start"] is None, r["date_start"] or "", r["seq"]) for r in rows}
        first = min(members, key=lambda m: order[m])
        for member, sim in sorted(members.items()):
            if member == first:
                continue
            self.execute("UPDATE wire_copies SET original_id = ? WHERE original_id = ?",
                         (first, member))
            self.execute(
                "INSERT INTO wire_copies(article_id, original_id, similarity) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id",
                (member, first, round(sim, 4)),
            )
        self.execute("DELETE FROM wire_copies WHERE article_id = ?", (first,))

    def _cluster_quote(self, q: Mapping[str, Any]) -> None:
        quote_id = int(q["id"])
        key = quote_key(quote_id, q["text"], q["type"],
                        speaker_identity(q["speaker_id"], q["speaker_text"]))
        cluster = quote_id
        keys = []
        if len(key.keys) >= MIN_SHARED_KEYS:
            keys += band_keys(signature(key.keys, QUOTE_LSH), QUOTE_LSH)
        if len(key.words) >= MIN_SAME_SPEAKER_REPEAT_WORDS:  # exact repeats, few content words
            keys.append(exact_key(key.words))
        if keys:
            candidates = self._candidates("quote_bands", "quote_id", keys)
            found: set[int] = set()
            if candidates:
                rows = self.execute(
                    "SELECT q.id, q.text, q.type, q.speaker_id, q.speaker_text, c.cluster_id"
                    " FROM quotes q JOIN quote_clusters c ON c.quote_id = q.id WHERE "
                    + self.dialect.in_ids("q.id"),
                    (self.dialect.ids_param([int(c) for c in candidates]),),
                ).fetchall()
                for r in rows:
                    other = quote_key(r["id"], r["text"], r["type"],
                                      speaker_identity(r["speaker_id"], r["speaker_text"]))
                    if same_statement(key, other):
                        found.add(int(r["cluster_id"]))
            self._executemany("INSERT INTO quote_bands(key, quote_id) VALUES (?, ?)",
                              [(k, quote_id) for k in keys])
            if found:
                cluster = min(found)
                merged = sorted(found - {cluster})
                if merged:
                    self.execute(
                        "UPDATE quote_clusters SET cluster_id = ? WHERE "
                        + self.dialect.in_ids("cluster_id"),
                        (cluster, self.dialect.ids_param(merged)),
                    )
        self.execute("INSERT INTO quote_clusters(quote_id, cluster_id) VALUES (?, ?)",
                      (quote_id, cluster))

    def _clear_clusters(self) -> None:
        for table in ("article_bands", "wire_copies", "quote_bands", "quote_clusters"):
            self.execute(f"DELETE FROM {table}")  # constant table names

    # -- reading ------------------------------------------------------------------------

    def wire_original(self, article_id: str) -> str | None:
        """The earliest article of which ``article_id`` is a wire copy, or ``None``."""
        row = self.execute(
            "SELECT original_id FROM wire_copies WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row["original_id"] if row else None

    def wire_copies(self, article_id: str) -> list[str]:
        """The wire copies of an original article, in the order they were stored."""
        seq = self.dialect.article_seq
        rows = self.execute(
            "SELECT w.article_id FROM wire_copies w JOIN articles a ON a.id = w.article_id"
            f" WHERE w.original_id = ? ORDER BY a.{seq}",
            (article_id,),
        )
        return [r["article_id"] for r in rows]

    def _cluster_outlets(self, cluster_ids: list[int]) -> dict[int, set[str]]:
        if not cluster_ids:
            return {}
        rows = self.execute(
            "SELECT c.cluster_id, a.source, a.url FROM quote_clusters c"
            " JOIN quotes q ON q.id = c.quote_id JOIN articles a ON a.id = q.article_id"
            " WHERE " + self.dialect.in_ids("c.cluster_id"),
            (self.dialect.ids_param(sorted(set(cluster_ids))),),
        )
        out: dict[int, set[str]] = {}
        for r in rows:
            out.setdefault(int(r["cluster_id"]), set()).add(outlet_of(r["source"], r["url"]))
        return out

    def _cluster_counts(self, rows: Sequence[Mapping[str, Any]]) -> dict[int, tuple[int, int]]:
        """Per quote row (``id``, ``source``, ``url``): its cluster and how many other
        outlets reported the statement."""
        ids = [int(r["id"]) for r in rows]
        if not ids:
            return {}
        clusters = {
            int(r["quote_id"]): int(r["cluster_id"])
            for r in self.execute(
                "SELECT quote_id, cluster_id FROM quote_clusters WHERE "
                + self.dialect.in_ids("quote_id"),
                (self.dialect.ids_param(ids),),
            )
        }
        outlets = self._cluster_outlets(list(clusters.values()))
        out = {}
        for r in rows:
            cid = clusters.get(int(r["id"]))
            if cid is not None:
                own = outlet_of(r["source"], r["url"])
                out[int(r["id"])] = (cid, len(outlets.get(cid, set()) - {own}))
        return out

    def _with_clusters(self, rows: Sequence[Mapping[str, Any]],
                       hits: list[QuoteHit]) -> list[QuoteHit]:
        """``hits`` (one per quote row) with their cluster id and how many other outlets
        reported the statement."""
        counts = self._cluster_counts(rows)
        return [
            hit.model_copy(update=dict(zip(("cluster_id", "outlets"), counts[int(r["id"])],
                                           strict=True)))
            if int(r["id"]) in counts else hit
            for r, hit in zip(rows, hits, strict=True)
        ]

    def article_clusters(self, article_id: str) -> dict[str, tuple[int, int]]:
        """Per quote id (``q1``…) of an article: its cluster and how many other outlets
        reported the statement."""
        rows = self.execute(
            "SELECT q.id, q.qid, a.source, a.url FROM quotes q JOIN articles a"
            " ON a.id = q.article_id WHERE q.article_id = ?",
            (article_id,),
        ).fetchall()
        counts = self._cluster_counts(rows)
        return {r["qid"]: counts[int(r["id"])] for r in rows if int(r["id"]) in counts}

    def cluster_of(self, article_id: str, qid: str) -> int | None:
        """The cluster of one quotation (article id and quote id ``q1``…), or ``None``."""
        row = self.execute(
            "SELECT c.cluster_id FROM quotes q JOIN quote_clusters c ON c.quote_id = q.id"
            " WHERE q.article_id = ? AND q.qid = ?",
            (article_id, qid),
        ).fetchone()
        return int(row["cluster_id"]) if row else None

    def cluster(self, cluster_id: int) -> StatementCluster | None:
        """One statement across outlets, or ``None`` for an unknown cluster.

        Appearances run from the earliest article (by date, then the first stored);
        variants are the distinct wordings (compared without case, quote marks and
        punctuation) with their differences from the first.
        """
        seq = self.dialect.article_seq
        rows = self.execute(
            "SELECT q.id, q.qid, q.article_id, q.type, q.text, q.speaker_id, q.speaker_text,"
            " e.name AS speaker_name, a.date, a.source, a.url, a.title, w.original_id"
            " FROM quote_clusters c JOIN quotes q ON q.id = c.quote_id"
            " JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN entities e ON e.id = q.speaker_id"
            " LEFT JOIN wire_copies w ON w.article_id = q.article_id"
            " WHERE c.cluster_id = ?"
            f" ORDER BY a.date_start IS NULL, a.date_start, a.{seq}, q.start",
            (cluster_id,),
        ).fetchall()
        if not rows:
            return None
        apps = [
            Appearance(
                quote_id=r["qid"], article_id=r["article_id"], date=r["date"],
                outlet=outlet_of(r["source"], r["url"]), title=r["title"], url=r["url"],
                type=r["type"], text=r["text"],
                speaker=r["speaker_name"] or r["speaker_text"], speaker_id=r["speaker_id"],
                wire_of=r["original_id"],
            )
            for r in rows
        ]
        first = apps[0]
        variants: dict[tuple[str, ...], list[Appearance]] = {}
        for a in apps:
            variants.setdefault(tuple(words(a.text)), []).append(a)
        speakers = list(dict.fromkeys(a.speaker for a in apps if a.speaker))
        identities = {speaker_identity(a.speaker_id, a.speaker) for a in apps if a.speaker}
        return StatementCluster(
            id=cluster_id, first=first, appearances=apps,
            outlets=Counter(a.outlet for a in apps).most_common(),
            variants=[
                Variant(text=group[0].text, appearances=len(group),
                        speakers=list(dict.fromkeys(a.speaker for a in group if a.speaker)),
                        diff=word_diff(first.text, group[0].text))
                for group in variants.values()
            ],
            speakers=speakers, conflicting=len(identities) > 1,
        )

    def recluster(self) -> int:
        """Rebuild wire-copy links and statement clusters of all stored articles, in the
        order they were stored (a store written before clustering existed); returns the
        number of articles."""
        n = 0
        with self._transaction():  # type: ignore[attr-defined]
            self._clear_clusters()
            for article_id in list(self.article_ids()):  # type: ignore[attr-defined]
                text = self.execute("SELECT text FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()["text"]
                quotes = self.execute(
                    "SELECT id, text, type, speaker_id, speaker_text FROM quotes"
                    " WHERE article_id = ? ORDER BY id",
                    (article_id,),
                ).fetchall()
                self._cluster_article(article_id, text, quotes)
                n += 1
        return n
