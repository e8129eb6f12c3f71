"""Analysis in worker processes: the same results, in the same order, on every core.

The pipeline is loaded (and warmed up, so its lazily read gazetteers are in memory) in
the calling process, which then forks the workers: they share the model's memory pages
instead of loading their own copy. Each worker runs NumPy's BLAS on one thread, since two
processes of one thread each are faster than one process of two. A worker that dies
(killed for memory, say) breaks only its own chunk: the unfinished chunks are retried one
article at a time in a fresh pool, and an article that kills a worker again is rejected
with the reason, so nothing is lost silently.

Where ``fork`` does not exist (Windows, macOS' default), the analysis stays in one process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Protocol

from spacy.language import Language

from zitat.schema import Article, RawArticle, Rejected

log = logging.getLogger(__name__)

Item = RawArticle | Rejected
Result = Article | Rejected


class Analyzer(Protocol):
    """The one-process analysis run on each chunk (:func:`zitat.analysis.analyze_serial`)."""

    def __call__(self, raws: Iterable[Item], *, nlp: Language | None,
                 batch_size: int) -> Iterator[Result]: ...


#: the worker processes' pipeline and analysis function (set in the parent before forking;
#: the analysis is passed in rather than imported, since :mod:`zitat.analysis` calls this)
_NLP: Language | None = None
_ANALYZE: Analyzer | None = None
_WARM_UP = "Die Ministerin sagte am Montag in Berlin, sie sei zuversichtlich."


def usable_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """``workers`` as asked, or for 0 (auto) one per usable CPU, at most 4 (memory)."""
    if workers < 0:
        raise ValueError(f"workers must be 0 (auto) or more, not {workers}")
    return workers or min(usable_cpus(), 4)


def can_fork() -> bool:
    """Whether worker processes can share the loaded pipeline here."""
    return "fork" in multiprocessing.get_all_start_methods()


def _init_worker(parent_pid: int, from_main_thread: bool) -> None:
    from threadpoolctl import threadpool_limits

    from zitat.lifeline import tie_to_parent

    tie_to_parent(parent_pid, death_signal=from_main_thread)  # no orphans after kill -9
    threadpool_limits(1)  # for the whole worker process: it is never restored


def _analyze_chunk(chunk: list[Item], batch_size: int) -> list[Result]:
    assert _ANALYZE is not None, "set by analyze_parallel before the workers fork"
    return list(_ANALYZE(chunk, nlp=_NLP, batch_size=batch_size))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_parallel(
    items: Iterable[Item], analyze: Analyzer, *, load: Callable[[], Language],
    nlp: Language | None, batch_size: int, workers: int,
) -> Iterator[Result]:
    """Analyse ``items`` in ``workers`` processes; one result per item, in input order.

    Args:
        items: raw articles, and rejects to pass through in place.
        analyze: the one-process analysis each worker runs on its chunk.
        load: loads the configured pipeline when ``nlp`` is None (called only once there
            is work for several processes).
        nlp: the pipeline to share with the workers.
        batch_size: articles per chunk sent to a worker.
        workers: number of processes (2 or more).
    """
    global _NLP, _ANALYZE
    chunks = _chunks(items, batch_size)
    first = list(islice(chunks, 2))
    if len(first) < 2 or not can_fork():  # too little work to be worth a second process
        rest = (item for chunk in _prepend(first, chunks) for item in chunk)
        yield from analyze(rest, nlp=nlp, batch_size=batch_size)
        return
    nlp = nlp or load()
    nlp(nlp.make_doc(_WARM_UP))
    _NLP, _ANALYZE = nlp, analyze
    gc.collect()
    gc.freeze()  # the collector would otherwise touch, and so copy, the shared objects
    try:
        yield from _run_pool(_prepend(first, chunks), batch_size, workers)
    finally:
        gc.unfreeze()
        _NLP = _ANALYZE = None


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker,
                               initargs=(os.getpid(),
                                         threading.current_thread() is threading.main_thread()))


def _run_pool(source: Iterator[list[Item]], batch_size: int, workers: int) -> Iterator[Result]:
    pool = _new_pool(workers)
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    try:
        for chunk in islice(source, 2 * workers):  # bounded look-ahead: memory stays flat
            pending.append((chunk, pool.submit(_analyze_chunk, chunk, batch_size)))
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                unfinished = [chunk] + [c for c, _ in pending]
                pending.clear()
                log.error("an analysis worker died; retrying %d articles one by one",
                          sum(len(c) for c in unfinished))
                yield from _one_by_one([i for c in unfinished for i in c], batch_size, workers)
                pool = _new_pool(workers)
                results = []
            yield from results
            if len(pending) < 2 * workers:
                nxt = next(source, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(_analyze_chunk, nxt, batch_size)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _prepend(first: list[list[Item]], rest: Iterator[list[Item]]) -> Iterator[list[Item]]:
    yield from first
    yield from rest


def _one_by_one(items: list[Item], batch_size: int, workers: int) -> Iterator[Result]:
    """Each item in its own task; an item whose task kills its worker becomes a reject."""
    pool = _new_pool(workers)
    try:
        futures = [pool.submit(_analyze_chunk, [item], batch_size) for item in items]
        for k, (item, future) in enumerate(zip(items, futures, strict=True)):
            try:
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                if isinstance(item, Rejected):
                    yield item
                else:
                    yield Rejected(origin=item.origin, preview=item.text[:200],
                                   reason="analysis failed: the worker process died "
                                          "(out of memory?)")
                if rest := items[k + 1:]:
                    yield from _one_by_one(rest, batch_size, workers)
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
