"""Where the server analyses texts (``POST /api/analyze``, ``/api/articles``): in its own
threads, or in one child process of its own.

In the server's threads an analysis (some 200 ms of CPU for a short article, seconds for
a long one) holds the GIL that every read request needs: under the load benchmark's
eight analysing clients the readers waited behind them (issue 24). ``zitat serve``
therefore analyses in one child process: started on the first analysis (which loads the
model there, not in the server), lower in priority than the readers, one text at a time
(the memory of concurrent analyses stays that of one), and ending with the server, also
when the server is killed (:func:`~zitat.lifeline.tie_to_parent`). The limits of
:func:`~zitat.analysis.analyze` (tokens, deadline) apply in the child as before; its
errors come back as they were raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from starlette.concurrency import run_in_threadpool

from zitat.analysis import analyze
from zitat.lifeline import tie_to_parent
from zitat.schema import Article

#: how much lower the child's priority is than the server's (``nice``)
NICE = 10


class AnalysisFailed(RuntimeError):
    """The analysis process ended during an analysis (killed, out of memory); the next
    analysis starts a new one."""


def _init_child(parent_pid: int) -> None:
    """In the child, before its first analysis: below the readers in priority, tied to
    the server, deaf to the terminal's Ctrl-C (the server ends it)."""
    with contextlib.suppress(OSError):  # not allowed here: the server's priority then
        os.nice(NICE)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the watchdog, not the death signal: the pool may start the child from any thread
    tie_to_parent(parent_pid, death_signal=False)


class Analyser:
    """Runs :func:`~zitat.analysis.analyze` for the server.

    Args:
        child: analyse in one child process (``zitat serve``); False: in the server's
            thread pool (tests, the in-process servers of the browser tests).
    """

    def __init__(self, child: bool) -> None:
        self.child = child
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _process(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fork of the server would copy its threads' locks mid-use
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_child, initargs=(os.getpid(),))
            return self._pool

    async def __call__(self, text: str, date: str | None, title: str | None) -> Article:
        """The analysed article (raises what :func:`~zitat.analysis.analyze` raises, and
        :class:`AnalysisFailed` when the child process died meanwhile)."""
        if not self.child:
            return await run_in_threadpool(analyze, text, date, title)
        pool = self._process()
        try:
            return await asyncio.wrap_future(pool.submit(analyze, text, date, title))
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # the next analysis starts a new child
            pool.shutdown(wait=False)
            raise AnalysisFailed("the analysis process ended; retry") from None

    def close(self) -> None:
        """End the child process (waiting analyses are cancelled)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
