"""Several processes on one new SQLite file (issue 24, findings 5 and 6).

Opening a database that does not exist yet from several processes at once must migrate
it exactly once (no ``table articles already exists``, no ``database is locked``), and
overlapping ingests into it must all succeed without duplicates.
"""

from __future__ import annotations

import multiprocessing

from tests.conftest import make_article
from zitat.store import open_store

N_PROCS = 6
ROUNDS = 8


def _article(i: int):
    return make_article(f"„Der Haushalt {i} wird beraten“, sagte Anna Beispiel in Berlin.",
                        date="2022-03-10")


def _open_and_ingest(path: str, start, numbers: list[int]) -> None:
    start.wait()
    with open_store(path, create=True) as s:
        s.add_articles([_article(i) for i in numbers])


def test_fresh_database_opened_and_filled_by_many_processes(tmp_path):
    ctx = multiprocessing.get_context("fork")  # cheap children: the point is the timing
    for round_ in range(ROUNDS):
        path = str(tmp_path / f"race{round_}.db")
        start = ctx.Event()
        # Overlapping inputs: process k ingests articles k .. k+5.
        procs = [ctx.Process(target=_open_and_ingest, args=(path, start, list(range(k, k + 6))))
                 for k in range(N_PROCS)]
        for p in procs:
            p.start()
        start.set()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0] * N_PROCS, f"round {round_}"
        with open_store(path) as s:
            ids = list(s.article_ids())
            assert len(ids) == len(set(ids)) == N_PROCS + 5
            assert s.stats().quotes == N_PROCS + 5
            assert s.applied_migrations() == sorted(name for name, _ in s.migrations)
