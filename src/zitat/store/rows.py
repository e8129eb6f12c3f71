"""Storage rows to result records: the mapping both SQL backends share.

Both backends give rows with the same column names (``quotes.*`` plus the article's
``date``, ``title``, ``url`` and ``speaker_name``/``speaker_role``), so one function turns
them into :class:`~zitat.store.records.QuoteHit` and the two stay identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from zitat.store.records import QuoteHit


def utc_now() -> str:
    """The current UTC time as ISO 8601 to the second (``ingested_at``, ``applied_at``)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
