"""Rows: an article as table rows, and storage rows back as result records.

:func:`article_rows` is the one mapping from an :class:`~zitat.schema.Article` to the rows
of the tables (articles, quotes, roles, entities, mentions, times, places). Both SQL
stores write from it (adding what only a store knows: folded search text, global entity
ids, row ids) and ``zitat batch`` writes its Parquet tables from it
(:mod:`zitat.scale.tables`), so a field is mapped in one place.

:func:`quote_hit` goes the other way: both SQL stores give search rows with the same
column names, so one function turns them into :class:`~zitat.store.records.QuoteHit`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

from zitat.schema import Article
from zitat.store.records import QuoteHit
from zitat.store.text import date_range, speaker_key

#: One table row: column name -> value.
Row = dict[str, Any]

#: The quote roles that become rows of the ``roles`` table, in this order.
ROLE_NAMES = ("cue", "speaker", "addressee", "frame")


def utc_now() -> str:
    """The current UTC time as ISO 8601 to the second (``ingested_at``, ``applied_at``)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def article_rows(art: Article, seq: int | None = None) -> Iterator[tuple[str, Row]]:
    """The rows of one analysed article, as ``(table, row)`` pairs.

    Rows refer to each other by the article's own ids (``qid``, an entity's
    ``local_id``); linking entities across articles is the store's job.

    Args:
        art: the analysed article.
        seq: its position in the input (``zitat load`` stores articles in this order).

    Returns:
        An iterator of pairs: the ``articles`` row first, then each quote followed by its
        ``roles`` rows, then each entity followed by its ``mentions``, then ``times`` and
        ``places``.
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
            "cue_class": q.cue_class, "mood": q.mood,
        }
        for role_name in ROLE_NAMES:
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
            # speaker attributes: {"value", "evidence", "rule"} or None
            **{a: getattr(ent, a).model_dump() if getattr(ent, a) else None
               for a in ("kind", "role_class", "party", "gender")},
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


def quote_hit(row: Mapping[str, Any]) -> QuoteHit:
    """A search result from a joined quotes/articles/entities row.

    Args:
        row: a mapping with the ``quotes`` columns and ``date``, ``title``, ``url``,
            ``speaker_name`` and ``speaker_role``.

    Returns:
        The :class:`QuoteHit`; the canonical entity name wins over the surface text.
    """
    return QuoteHit(
        article_id=row["article_id"], quote_id=row["qid"], type=row["type"],
        medium=row["medium"], text=row["text"],
        speaker=row["speaker_name"] or row["speaker_text"],
        speaker_id=row["speaker_id"], speaker_role=row["speaker_role"], cue=row["cue_text"],
        addressee=row["addressee_text"], confidence=row["confidence"], date=row["date"],
        title=row["title"], url=row["url"], start=row["start"], end=row["end"],
    )
