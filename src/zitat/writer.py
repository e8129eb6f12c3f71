"""Articles into a store in batches, counted in a :class:`~zitat.reports.RunReport`.

Shared by ``zitat ingest`` (:func:`zitat.jobs.ingest`) and ``zitat load``
(:func:`zitat.scale.load.load_tables`): one transaction per batch, so an interrupted run
leaves only whole batches behind, and a progress bar with articles/s on request.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from tqdm import tqdm

from zitat.reports import RunReport
from zitat.schema import Article
from zitat.store.base import Store


class BatchWriter:
    """Writes articles with ``Store.add_articles``, ``batch_size`` at a time.

    Use as a context manager: leaving it closes the progress bar and sets
    ``report.seconds``; what is still buffered is written only by :meth:`flush` (an
    error or interrupt does not write a partial batch).
    """

    def __init__(self, store: Store, report: RunReport, *, batch_size: int,
                 progress: bool = False, desc: str = "", total: int | None = None) -> None:
        self.store = store
        self.report = report
        self.batch_size = batch_size
        self.batch: list[Article] = []
        self.bar = (tqdm(total=total, unit=" articles", desc=desc, file=sys.stderr,
                         dynamic_ncols=True) if progress else None)
        self.started = time.perf_counter()

    def read(self) -> None:
        """Count one record read (and move the progress bar)."""
        self.report.read += 1
        if self.bar is not None:
            self.bar.update(1)

    def add(self, article: Article) -> None:
        """Buffer one article; a full batch is written."""
        self.report.quotes += len(article.quotes)
        self.batch.append(article)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the buffered articles in one transaction."""
        if self.batch:
            res = self.store.add_articles(self.batch)
            self.report.added += res.added
            self.report.skipped += res.skipped
            self.batch.clear()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.close()
        self.report.seconds = time.perf_counter() - self.started
