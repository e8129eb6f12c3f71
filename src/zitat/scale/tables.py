"""The Parquet tables ``zitat batch`` writes: columns, types, and rows from an Article.

The tables mirror the store (articles, quotes, roles, entities, mentions, times, places)
plus ``rejects``. Entities are per article here (``local_id`` is ``Entity.id``): linking
them across articles is the store's job and happens in ``zitat load``. The ``json``
column of ``articles`` is :meth:`Article.to_json`, byte for byte what ``zitat analyze``
prints, so ``zitat load`` can rebuild every store row from it.

The rows come from :func:`zitat.store.rows.article_rows`, the same article→rows mapping
the SQL stores write from; :data:`TABLES` says which of its fields are Parquet columns.
Pure Python (no Spark import): the Spark job builds its schemas from :data:`TABLES`.
"""

from __future__ import annotations

from zitat.schema import Rejected
from zitat.store.rows import Row, article_rows

__all__ = ["TABLES", "Row", "article_rows", "ddl", "reject_row"]

#: table -> [(column, Spark SQL type)], in column order.
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "string"), ("seq", "bigint"), ("date", "string"), ("date_start", "string"),
        ("date_end", "string"), ("title", "string"), ("url", "string"), ("source", "string"),
        ("text", "string"), ("quotes", "int"), ("json", "string"),
    ],
    "quotes": [
        ("article_id", "string"), ("qid", "string"), ("type", "string"), ("medium", "string"),
        ("text", "string"), ("start", "int"), ("end", "int"), ("speaker_text", "string"),
        ("speaker_entity", "string"), ("cue_text", "string"), ("addressee_text", "string"),
        ("addressee_entity", "string"), ("frame_text", "string"), ("confidence", "double"),
        ("nested_in", "string"), ("date_start", "string"), ("date_end", "string"),
        ("place", "string"), ("cue_class", "string"), ("mood", "string"),
    ],
    "roles": [
        ("article_id", "string"), ("qid", "string"), ("role", "string"), ("text", "string"),
        ("start", "int"), ("end", "int"), ("entity", "string"),
    ],
    "entities": [
        ("article_id", "string"), ("local_id", "string"), ("label", "string"),
        ("name", "string"), ("key", "string"), ("roles", "array<string>"),
        ("variants", "array<string>"),
    ],
    "mentions": [
        ("article_id", "string"), ("local_id", "string"), ("start", "int"), ("end", "int"),
    ],
    "times": [
        ("article_id", "string"), ("text", "string"), ("start", "int"), ("end", "int"),
        ("type", "string"), ("value", "string"), ("granularity", "string"),
        ("anchor", "string"), ("rule", "string"),
    ],
    "places": [
        ("article_id", "string"), ("text", "string"), ("start", "int"), ("end", "int"),
        ("name", "string"), ("country", "string"), ("lat", "double"), ("lon", "double"),
        ("feature", "string"),
    ],
    "rejects": [("origin", "string"), ("reason", "string"), ("preview", "string")],
}


def ddl(table: str) -> str:
    """The Spark DDL schema string of ``table`` (``id string, seq bigint, …``)."""
    return ", ".join(f"`{name}` {kind}" for name, kind in TABLES[table])


def reject_row(rej: Rejected) -> tuple[str, Row]:
    """The ``rejects`` row of a record that could not be read or analysed."""
    return "rejects", {"origin": rej.origin, "reason": rej.reason, "preview": rej.preview}
