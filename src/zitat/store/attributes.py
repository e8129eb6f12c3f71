"""Speaker attributes in the store: votes per article, one value per entity, hand corrections.

Each analysed article says something about its speakers (``Entity.kind``, ``role_class``,
``party``, ``gender``). The store keeps every article's say as a vote
(``speaker_attribute_votes``: entity, attribute, value, count, the first evidence seen) and
resolves the votes into one value per entity (``speaker_attributes``), so a speaker's
values are stable across their quotes. A hand correction (``zitat speaker-set``) lives in
``speaker_corrections`` keyed by the entity's canonical key (label + folded name), not its
row id, so it survives re-analysis and re-ingest into a new database built the same way;
a correction wins over the votes.

Resolving: kind, role class and party take the value with most votes (ties: the first by
code point). Gender is stricter, because a wrong gender is worse than none: ``f`` or ``m``
only when it has at least 90 % of the gendered votes, else ``unknown``.

:class:`AttributeStoreMixin` is mixed into :class:`~zitat.store.sql.SQLStore`; it uses
only ``execute``, ``_executemany``, ``_transaction``, ``find_speaker`` and the dialect.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from zitat.errors import StoreError
from zitat.schema import Article
from zitat.store.rows import Row, utc_now
from zitat.store.shares import (
    DIMENSIONS,
    SPEAKER_DIMENSIONS,
    ShareQuery,
    ShareTable,
    concentration,
    share_rows,
)
from zitat.store.text import period_conditions

ATTRIBUTES: tuple[str, ...] = ("kind", "role_class", "party", "gender")
#: values a correction may set, per attribute (party: any name; "" removes a correction)
ALLOWED: dict[str, frozenset[str] | None] = {
    "kind": frozenset(("person", "organisation", "group")),
    "role_class": frozenset(("politics", "government", "justice", "business", "science",
                             "civil_society", "citizen", "media", "sport", "culture")),
    "party": None,
    "gender": frozenset(("f", "m", "unknown")),
}
#: share of the gendered votes one gender needs
GENDER_AGREEMENT = 0.9

#: SQL for each dimension (constants: never built from input)
_DIM_SQL: dict[str, str] = {
    "gender": "CASE WHEN sa.kind IN ('organisation', 'group') THEN 'none'"
              " ELSE coalesce(sa.gender, 'unknown') END",
    "role_class": "coalesce(sa.role_class, 'unknown')",
    "party": "coalesce(sa.party, 'none')",
    "kind": "coalesce(sa.kind, 'unknown')",
    "cue_class": "coalesce(q.cue_class, 'none')",
    "mode": "CASE q.type WHEN 'Direct' THEN 'direct' WHEN 'Reported' THEN 'reported'"
            " ELSE 'indirect' END",
    "mood": "coalesce(q.mood, 'none')",
    "source": "coalesce(a.source, 'unknown')",
    "month": "coalesce(substr(q.date_start, 1, 7), 'unknown')",
    "year": "coalesce(substr(q.date_start, 1, 4), 'unknown')",
}


def resolve_votes(votes: Mapping[str, Mapping[str, int]]) -> dict[str, str | None]:
    """One value per attribute from the articles' votes (see the module docstring).

    Args:
        votes: attribute → value → number of articles that said so.

    Returns:
        attribute → value, or ``None`` where no article gave one.
    """
    out: dict[str, str | None] = {}
    for attr in ATTRIBUTES:
        counts = {v: n for v, n in votes.get(attr, {}).items() if n > 0}
        if attr == "gender":
            f, m = counts.get("f", 0), counts.get("m", 0)
            if f + m == 0:
                out[attr] = "unknown" if counts else None
            elif f >= GENDER_AGREEMENT * (f + m):
                out[attr] = "f"
            elif m >= GENDER_AGREEMENT * (f + m):
                out[attr] = "m"
            else:
                out[attr] = "unknown"
            continue
        out[attr] = min(counts, key=lambda v: (-counts[v], v)) if counts else None
    return out


class AttributeStoreMixin:
    """Speaker attributes, corrections and share statistics for a SQL store."""

    dialect: Any

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:  # pragma: no cover
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:  # pragma: no cover
        raise NotImplementedError

    def find_speaker(self, name_or_id: str | int) -> int | None:  # pragma: no cover
        raise NotImplementedError

    # -- writing ------------------------------------------------------------------------

    def _write_attributes(self, links: Mapping[str, int], entities: list[Row]) -> None:
        """Add one article's attribute votes and re-resolve the entities it touched."""
        votes: list[Sequence[Any]] = []
        touched: set[int] = set()
        for ent in entities:
            gid = links[ent["local_id"]]
            for attr in ATTRIBUTES:
                a = ent.get(attr)
                if a:
                    votes.append((gid, attr, a["value"], 1,
                                  json.dumps(a["evidence"][:10], ensure_ascii=False)))
                    touched.add(gid)
        self._executemany(
            "INSERT INTO speaker_attribute_votes(entity_id, attribute, value, n, evidence)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id, attribute, value)"
            " DO UPDATE SET n = speaker_attribute_votes.n + excluded.n",
            votes,
        )
        for gid in sorted(touched):
            self._resolve(gid)

    def _resolve(self, entity_id: int) -> None:
        votes: dict[str, dict[str, int]] = defaultdict(dict)
        for r in self.execute(
            "SELECT attribute, value, n FROM speaker_attribute_votes WHERE entity_id = ?",
            (entity_id,),
        ):
            votes[r["attribute"]][r["value"]] = r["n"]
        values = resolve_votes(votes)
        for r in self.execute(
            "SELECT c.attribute, c.value FROM speaker_corrections c JOIN entities e"
            " ON e.key = c.key WHERE e.id = ?",
            (entity_id,),
        ):
            values[r["attribute"]] = r["value"] or None
        self.execute(
            "INSERT INTO speaker_attributes(entity_id, kind, role_class, party, gender)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id) DO UPDATE SET"
            " kind = excluded.kind, role_class = excluded.role_class,"
            " party = excluded.party, gender = excluded.gender",
            (entity_id, *(values[a] for a in ATTRIBUTES)),
        )

    def set_speaker_attribute(self, name_or_id: str | int, attribute: str,
                              value: str) -> tuple[int, str]:
        """Correct one attribute of a speaker by hand; ``value`` ``""`` removes the correction.

        Returns:
            The entity's id and canonical name.

        Raises:
            StoreError: unknown speaker, attribute or value.
        """
        if attribute not in ALLOWED:
            raise StoreError(f"unknown attribute {attribute!r} (one of {', '.join(ATTRIBUTES)})")
        allowed = ALLOWED[attribute]
        if value and allowed is not None and value not in allowed:
            raise StoreError(f"{attribute}={value!r}: one of {', '.join(sorted(allowed))}")
        entity_id = self.find_speaker(name_or_id)
        if entity_id is None:
            raise StoreError(f"no speaker {name_or_id!r}")
        ent = self.execute("SELECT name, key FROM entities WHERE id = ?", (entity_id,)).fetchone()
        with self._transaction():  # type: ignore[attr-defined]
            if value:
                self.execute(
                    "INSERT INTO speaker_corrections(key, attribute, value, set_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (key, attribute) DO UPDATE SET"
                    " value = excluded.value, set_at = excluded.set_at",
                    (ent["key"], attribute, value, utc_now()),
                )
            else:
                self.execute("DELETE FROM speaker_corrections WHERE key = ? AND attribute = ?",
                             (ent["key"], attribute))
            self._resolve(entity_id)
        return entity_id, ent["name"]

    # -- reading ------------------------------------------------------------------------

    def speaker_attributes(self, entity_id: int) -> dict[str, dict[str, Any]]:
        """An entity's resolved attributes: value, the votes behind it, whether corrected."""
        row = self.execute("SELECT * FROM speaker_attributes WHERE entity_id = ?",
                           (entity_id,)).fetchone()
        corrected = {
            r["attribute"]
            for r in self.execute(
                "SELECT c.attribute FROM speaker_corrections c JOIN entities e ON e.key = c.key"
                " WHERE e.id = ?", (entity_id,))
        }
        out: dict[str, dict[str, Any]] = {
            a: {"value": row[a] if row else None, "corrected": a in corrected, "votes": {},
                "evidence": []}
            for a in ATTRIBUTES
        }
        for r in self.execute(
            "SELECT attribute, value, n, evidence FROM speaker_attribute_votes"
            " WHERE entity_id = ? ORDER BY n DESC", (entity_id,)
        ):
            slot = out[r["attribute"]]
            slot["votes"][r["value"]] = r["n"]
            if r["value"] == slot["value"]:
                slot["evidence"] = json.loads(r["evidence"])
        return out

    def shares(self, query: ShareQuery) -> ShareTable:
        """Quote and speaker shares split by ``query.by`` with 95 % intervals, and the share
        of the ``query.top`` most quoted speakers per group."""
        bad = [b for b in query.by if b not in _DIM_SQL]
        if not query.by or bad:
            raise StoreError(f"--by: unknown {', '.join(bad) or '(none)'};"
                             f" one or more of {', '.join(DIMENSIONS)}")
        d = self.dialect
        # who gets to speak: quotes with a speaker (named or linked); an anonymous quote
        # says nothing about whom a newsroom quotes
        where: list[str] = ["(q.speaker_id IS NOT NULL OR q.speaker_text IS NOT NULL)"]
        params: list[Any] = []
        if query.text:  # the words as a search matches them (`EU` too)
            conditions, values = d.words_match(query.text)
            where += conditions
            params += values
        period, values = period_conditions(query.since, query.until)
        where += period
        params += values
        if query.source:
            where.append("a.source = ?")
            params.append(query.source)
        dims = [_DIM_SQL[b] for b in query.by]
        cols = ", ".join(f"{expr} AS d{i}" for i, expr in enumerate(dims))
        group = ", ".join(f"d{i}" for i in range(len(dims)))
        # the articles are joined only for their source (dates are on the quotes)
        needs_article = "source" in query.by or bool(query.source)
        base = (
            " FROM quotes q"
            + (" JOIN articles a ON a.id = q.article_id" if needs_article else "")
            + " LEFT JOIN speaker_attributes sa ON sa.entity_id = q.speaker_id"
            + " WHERE " + " AND ".join(where)
        )
        rows = self.execute(
            f"SELECT {cols}, count(*) AS n, count(DISTINCT q.speaker_id) AS s{base}"
            f" GROUP BY {group}",
            params,
        ).fetchall()
        cells = [
            (tuple(r[f"d{i}"] for i in range(1, len(dims))), r["d0"], r["n"], r["s"])
            for r in rows
        ]
        speaker_totals = None
        if query.by[0] not in SPEAKER_DIMENSIONS:
            # a quote-level value: a speaker can be under several values of a group
            gsel = ", ".join(f"{expr} AS g{i}" for i, expr in enumerate(dims[1:]))
            rows = self.execute(
                "SELECT " + (gsel + ", " if gsel else "")
                + f"count(DISTINCT q.speaker_id) AS s{base}"
                + (" GROUP BY " + ", ".join(f"g{i}" for i in range(len(dims) - 1))
                   if len(dims) > 1 else ""),
                params,
            ).fetchall()
            speaker_totals = {tuple(r[f"g{i}"] for i in range(len(dims) - 1)): r["s"]
                              for r in rows}
        share = share_rows(cells, query.by[1:], speaker_totals)
        totals: dict[tuple[str, ...], int] = defaultdict(int)
        for g, _, n, _ in cells:
            totals[g] += n
        # top-N concentration within each group (the groups of by[1:])
        gcols = "".join(f", {expr} AS g{i}" for i, expr in enumerate(dims[1:]))
        ggroup = "".join(f", g{i}" for i in range(len(dims) - 1))
        per_speaker: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
        for g, name, n in self._speaker_counts(gcols, ggroup, base, params, len(dims) - 1):
            per_speaker[g].append((name, n))
        conc = [
            concentration(dict(zip(query.by[1:], g, strict=True)), per_speaker.get(g, []),
                          totals[g], query.top)
            for g in sorted(totals)
        ]
        return ShareTable(query=query, quotes=sum(totals.values()), rows=share,
                          concentration=conc)

    def _speaker_counts(self, gcols: str, ggroup: str, base: str, params: list[Any],
                        ngroups: int) -> list[tuple[tuple[str, ...], str, int]]:
        rows = self.execute(
            f"SELECT e.name AS name, count(*) AS n{gcols}"
            + base.replace(" LEFT JOIN speaker_attributes",
                           " JOIN entities e ON e.id = q.speaker_id LEFT JOIN speaker_attributes")
            + " AND q.speaker_id IS NOT NULL"
            f" GROUP BY q.speaker_id, e.name{ggroup}",
            params,
        ).fetchall()
        return [(tuple(r[f"g{i}"] for i in range(ngroups)), r["name"], r["n"]) for r in rows]


class ReattributeMixin:
    """Re-derive speaker attributes and framing of every stored article (no NLP here: the
    caller passes the function that fills them in, ``zitat.nlp`` lives above the store)."""

    def reattribute(self, update: Callable[[Article], Article], batch: int = 500) -> int:
        """Recompute the attribute votes and quote framing of all stored articles.

        Votes and resolved values are rebuilt from scratch, so running it twice changes
        nothing; hand corrections (keyed by speaker) stay and still win.

        Args:
            update: an analysed article → the same article with attributes and framing.
            batch: articles per transaction.

        Returns:
            The number of articles re-derived.
        """
        with self._transaction():  # type: ignore[attr-defined]
            self.execute("DELETE FROM speaker_attribute_votes")  # type: ignore[attr-defined]
            self.execute("DELETE FROM speaker_attributes")  # type: ignore[attr-defined]
        ids = list(self.article_ids())  # type: ignore[attr-defined]
        touched: set[int] = set()
        for start in range(0, len(ids), batch):
            with self._transaction():  # type: ignore[attr-defined]
                for article_id in ids[start:start + batch]:
                    touched |= self._reattribute_one(article_id, update)
        with self._transaction():  # type: ignore[attr-defined]
            for gid in sorted(touched):
                self._resolve(gid)  # type: ignore[attr-defined]
        return len(ids)

    def _reattribute_one(self, article_id: str, update: Callable[[Article], Article]) -> set[int]:
        row = self.execute("SELECT doc FROM articles WHERE id = ?",  # type: ignore[attr-defined]
                           (article_id,)).fetchone()
        art = update(Article.from_json(row["doc"]))
        self.execute("UPDATE articles SET doc = ? WHERE id = ?",  # type: ignore[attr-defined]
                     (art.to_json(), article_id))
        self._executemany(  # type: ignore[attr-defined]
            "UPDATE quotes SET cue_class = ?, mood = ? WHERE article_id = ? AND qid = ?",
            [(q.cue_class, q.mood, article_id, q.id) for q in art.quotes],
        )
        links = {
            r["local_id"]: int(r["entity_id"])
            for r in self.execute(  # type: ignore[attr-defined]
                "SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?",
                (article_id,))
        }
        rows = [{"local_id": e.id, **{a: getattr(e, a).model_dump() if getattr(e, a) else None
                                      for a in ATTRIBUTES}}
                for e in art.entities if e.id in links]
        votes = [
            (links[r["local_id"]], a, r[a]["value"], 1,
             json.dumps(r[a]["evidence"][:10], ensure_ascii=False))
            for r in rows for a in ATTRIBUTES if r[a]
        ]
        self._executemany(  # type: ignore[attr-defined]
            "INSERT INTO speaker_attribute_votes(entity_id, attribute, value, n, evidence)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id, attribute, value)"
            " DO UPDATE SET n = speaker_attribute_votes.n + excluded.n",
            votes,
        )
        return {v[0] for v in votes}
