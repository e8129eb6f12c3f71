"""``zitat load``: put the Parquet tables of ``zitat batch`` into a store.

Articles are rebuilt from the ``json`` column of the ``articles`` table (the data
contract, as ``zitat analyze`` prints it) and written with ``Store.add_articles``, so
every store row, entity link and search index is made exactly as ``zitat ingest`` makes
it. Articles are read in input order (the table is sorted by ``seq``); already stored
ids are skipped, so loading twice changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from zitat.errors import InputError
from zitat.reports import RunReport
from zitat.schema import Article
from zitat.store.base import Store
from zitat.writer import BatchWriter

log = logging.getLogger(__name__)


def _parts(folder: Path) -> list[Path]:
    # Spark numbers part files by partition; the articles table is range-sorted by seq,
    # so name order is input order.
    return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith((".", "_")))


def table_rows(directory: Path, table: str) -> int:
    """Rows in one table of a batch output (from Parquet footers; nothing is read)."""
    folder = directory / table
    return sum(pq.ParquetFile(p).metadata.num_rows for p in _parts(folder)) if folder.is_dir() else 0


def iter_articles(directory: Path, chunk: int = 256) -> Iterator[Article]:
    """The articles of a batch output in input order.

    Raises:
        InputError: ``directory`` is not the output of ``zitat batch``.
    """
    folder = directory / "articles"
    if not folder.is_dir():
        raise InputError("not a `zitat batch` output folder (no articles table)", str(directory))
    for part in _parts(folder):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=chunk, columns=["json"]):
            for doc in batch.column(0).to_pylist():
                yield Article.from_json(doc)


def load_tables(
    directory: str | Path, store: Store, *, batch_size: int = 500, progress: bool = False
) -> RunReport:
    """Load a ``zitat batch`` output folder into ``store``, one transaction per batch.

    Args:
        directory: the ``--out`` folder of ``zitat batch``.
        store: an open, writable store (SQLite or PostgreSQL).
        batch_size: articles per transaction.
        progress: show a progress bar with articles/s.

    Returns:
        A :class:`~zitat.reports.RunReport` (``rejected``: the records ``zitat batch``
        rejected, in its ``rejects`` table; they are not loaded).
    """
    directory = Path(directory)
    report = RunReport(rejected=table_rows(directory, "rejects"))
    total = table_rows(directory, "articles") if progress else None
    with BatchWriter(store, report, batch_size=batch_size, progress=progress, desc="load",
                     total=total) as writer:
        for art in iter_articles(directory):
            writer.read()
            writer.add(art)
        writer.flush()
    log.info("loaded %d articles from %s (%d added)", report.read, directory, report.added)
    return report
