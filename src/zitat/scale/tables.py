"""The Parquet tables ``zitat batch`` writes: columns, types, and rows from an Article.

The tables mirror the store (articles, quotes, roles, entities, mentions, times, places)
plus ``rejects``. Entities are per article here (``local_id`` is ``Entity.id``): linking
them across articles is the store's job and happens in ``zitat load``. The ``json``
column of ``articles`` is :meth:`Article.to_json`, byte for byte what ``zitat analyze``
prints, so ``zitat load`` can rebuild every store row from it.

Pure Python (no Spark import): the Spark job builds its schemas from :data:`TABLES`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zitat.schema import Article, Rejected
from zitat.store.text import date_range, speaker_key

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
        ("place", "string"),
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

Row = dict[str, Any]


def ddl(table: str) -> str:
    """The Spark DDL schema string of ``table`` (``id string, seq bigint, …``)."""
    return ", ".join(f"`{name}` {kind}" for name, kind in TABLES[table])


def article_rows(art: Article, seq: int | None = None) -> Iterator[tuple[str, Row]]:
    """The rows of one analysed article, as ``(table, row)`` pairs.

    Args:
        art: the analysed article.
        seq: its position in the input (``zitat load`` stores articles in this order).
    """
    start, end = date_range(art.date) if art.date else (None, None)
    yield "articles", {
        "id": art.id, "seq": seq, "date": art.date, "date_start": start, "date_end": end,
        "title": art.title, "url": art.url, "source": art.source, "text": art.text,
        "quotes": len(art.quotes), "json": art.to_json(),
    }
    for q in art.quotes:
        yield "quotes", {
            "article_id": art.id, "qid": q.id, "type": q.type, "medium": q.medium,
            "text": q.text, "start": q.start, "end": q.end,
            "speaker_text": q.speaker.text if q.speaker else None,
            "speaker_entity": q.speaker.entity if q.speaker else None,
            "cue_text": q.cue.text if q.cue else None,
            "addressee_text": q.addressee.text if q.addressee else None,
            "addressee_entity": q.addressee.entity if q.addressee else None,
            "frame_text": q.frame.text if q.frame else None,
            "confidence": q.confidence, "nested_in": q.nested_in,
            "date_start": start, "date_end": end, "place": q.place,
        }
        for role_name in ("cue", "speaker", "addressee", "frame"):
            role = getattr(q, role_name)
            if role is None:
                continue
            for s, e in role.spans or [(None, None)]:  # implicit speakers have no span
                yield "roles", {
                    "article_id": art.id, "qid": q.id, "role": role_name, "text": role.text,
                    "start": s, "end": e, "entity": role.entity,
                }
    for ent in art.entities:
        yield "entities", {
            "article_id": art.id, "local_id": ent.id, "label": ent.label, "name": ent.name,
            "key": speaker_key(ent.label, ent.name), "roles": list(ent.roles),
            "variants": list(ent.variants),
        }
        for s, e in ent.mentions:
            yield "mentions", {"article_id": art.id, "local_id": ent.id, "start": s, "end": e}
    for t in art.times:
        yield "times", {
            "article_id": art.id, "text": t.text, "start": t.span[0], "end": t.span[1],
            "type": t.type, "value": t.value, "granularity": t.granularity,
            "anchor": t.anchor, "rule": t.rule,
        }
    for p in art.places:
        yield "places", {
            "article_id": art.id, "text": p.text, "start": p.span[0], "end": p.span[1],
            "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
            "feature": p.feature,
        }


def reject_row(rej: Rejected) -> tuple[str, Row]:
    """The ``rejects`` row of a record that could not be read or analysed."""
    return "rejects", {"origin": rej.origin, "reason": rej.reason, "preview": rej.preview}
