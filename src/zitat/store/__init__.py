"""Stores: where analysed articles live (SQLite by default, PostgreSQL for shared servers)."""

from __future__ import annotations

from pathlib import Path

from zitat.errors import StoreError
from zitat.store.base import Store
from zitat.store.records import (
    FacetValue,
    QuoteHit,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    Stats,
)
from zitat.store.sqlite import SQLiteStore

__all__ = [
    "FacetValue", "QuoteHit", "SQLiteStore", "SearchQuery", "SpeakerProfile", "SpeakerSummary", "Stats",
    "Store", "open_store", "rejects_path",
]


def open_store(url: str | Path, *, readonly: bool = False, create: bool = False) -> Store:
    """Open a store by path (SQLite) or ``postgresql://`` URL.

    Args:
        url: a file path, ``sqlite:///path`` or ``postgresql://user@host/db``.
        readonly: open without migrating or writing (for search and serving).
        create: make a new SQLite file when there is none; without it a missing file is
            an error, so that a typo in a path never becomes an empty database.

    Raises:
        StoreError: no database at the path (and not ``create``), or not a zitat database.

    Returns:
        A :class:`Store`: :class:`SQLiteStore` or ``PostgresStore`` (needs ``zitat[postgres]``).
    """
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from zitat.store.postgres import PostgresStore  # optional dependency

        return PostgresStore(text, readonly=readonly)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    if not create and text != ":memory:" and not Path(text).exists():
        raise StoreError(f"no database at {text}; create one with `zitat ingest` "
                         "(or open_store(..., create=True))")
    return SQLiteStore(text, readonly=readonly)


def rejects_path(url: str | Path) -> Path:
    """Where rejected records of an ingest into ``url`` are written (next to the database)."""
    text = str(url)
    if "://" in text and not text.startswith("sqlite:///"):
        return Path("zitat-rejects.jsonl")
    return Path(text.removeprefix("sqlite:///") + ".rejects.jsonl")
