"""Long-running work behind the CLI: ingest a corpus into a store, with rejects kept."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from spacy.language import Language

from zitat.analysis import analyze_many
from zitat.ingest import Columns, read_inputs
from zitat.reports import RunReport
from zitat.schema import Article, RawArticle, Rejected, article_id, parse_date
from zitat.store import Store, rejects_path
from zitat.writer import BatchWriter

log = logging.getLogger(__name__)


class StrictModeError(Exception):
    """Raised in ``--strict`` mode at the first rejected record."""

    def __init__(self, rejected: Rejected) -> None:
        super().__init__(f"{rejected.origin}: {rejected.reason}")
        self.rejected = rejected


class RejectLog:
    """Reports rejected records on stderr and appends them to a JSONL file."""

    def __init__(self, path: Path | None, stream: TextIO | None = None) -> None:
        self.path = path
        self.stream = stream if stream is not None else sys.stderr
        self._fh: TextIO | None = None
        self.count = 0

    def __call__(self, rej: Rejected) -> None:
        self.count += 1
        self.stream.write(f"{rej.origin or '<input>'}: {rej.reason}\n")
        if self.path is not None:
            if self._fh is None:
                self._fh = self.path.open("a", encoding="utf-8")
            self._fh.write(rej.model_dump_json() + "\n")
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def skip_known(
    records: Iterable[RawArticle | Rejected], known: Callable[[str], bool], counter: RunReport
) -> Iterator[RawArticle | Rejected]:
    """Drop raw articles whose id is already stored, so a re-run only does the rest."""
    for rec in records:
        if isinstance(rec, RawArticle) and rec.text.strip() and known(article_id(rec.text)):
            counter.read += 1
            counter.skipped += 1
            continue
        yield rec


def ingest(
    inputs: list[str],
    store: Store,
    *,
    db_path: str,
    fmt: str = "auto",
    date: str | None = None,
    batch_size: int = 32,
    strict: bool = False,
    nlp: Language | None = None,
    progress: bool = False,
    reject_stream: TextIO | None = None,
    workers: int = 1,
    any_language: bool = False,
    columns: Columns | None = None,
) -> RunReport:
    """Read, analyse and store articles; one transaction per batch.

    Args:
        inputs: files, directories, URLs or ``-``.
        store: an open store.
        db_path: the store's path or URL (the rejects file goes next to it).
        fmt: input format or ``auto``.
        date: date for articles without one.
        batch_size: articles per transaction.
        strict: raise :class:`StrictModeError` at the first rejected record.
        nlp: pipeline (default: the shipped one).
        progress: show a progress bar with articles/s.
        reject_stream: where reject lines go (default stderr).
        workers: analysis processes (0: one per CPU; see :func:`zitat.analysis.analyze_many`).
        any_language: analyse articles that are not German too (else rejected with the reason).
        columns: the CSV columns holding text, date and title.

    Returns:
        A :class:`~zitat.reports.RunReport`.

    Raises:
        ValueError: ``date`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if date is not None:
        parse_date(date)  # up front: a bad --date would otherwise reject every undated record
    report = RunReport(rejects_file=rejects_path(db_path))
    rejects = RejectLog(report.rejects_file, reject_stream)
    records = skip_known(read_inputs(inputs, fmt=fmt, date=date, any_language=any_language,
                                       columns=columns), store.has_article, report)
    results = analyze_many(records, nlp=nlp, batch_size=batch_size, workers=workers)
    with BatchWriter(store, report, batch_size=batch_size, progress=progress,
                     desc="ingest") as writer:
        try:
            for item in results:
                writer.read()
                if isinstance(item, Rejected):
                    report.rejected += 1
                    report.count_reason(item.reason)
                    rejects(item)
                    if strict:
                        writer.flush()
                        raise StrictModeError(item)
                    continue
                writer.add(item)
            writer.flush()
        finally:
            rejects.close()
    if report.rejected == 0:
        report.rejects_file = None
    return report


def write_article_lines(articles: Iterable[Article], out: TextIO) -> int:
    """Write articles as JSON lines; returns how many."""
    n = 0
    for art in articles:
        out.write(json.dumps(art.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
