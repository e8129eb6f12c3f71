"""Fault benchmark (issue 24): `zitat ingest` killed with SIGKILL at random moments.

Each round starts an ingest into a fresh store, kills the process (by its own PID) after
a random delay between 0 and the duration of a clean run (or, every other pair of
rounds, as soon as a random number of articles is stored), then runs the same ingest again
to its end and compares the store with the clean run: ``PRAGMA integrity_check`` and
``foreign_key_check`` (SQLite), the figures of ``stats()`` and the hits of several
searches (text, speaker, place, type, date). Rounds alternate between one and two worker
processes. Target: every round identical (20/20). SQLite always; PostgreSQL when
``ZITAT_TEST_PG_URL`` names a server (each round in a schema of its own, dropped after).

Usage: ``python bench/bench_faults.py [--rounds 20] [--articles 120] [--seed 24]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.conftest import PG_URL, create_schema, drop_schemas
from tests.store.ingest_runs import (
    blank_env,
    fingerprint,
    kill_and_resume,
    run_ingest,
    sqlite_integrity,
    write_corpus,
)


def _pg_factory(made: list[str]) -> Callable[[], str]:
    return lambda: create_schema(PG_URL, made, prefix="zitat_faults")


def _drop(made: list[str]) -> None:
    drop_schemas(PG_URL, made)


def run_backend(name: str, new_store: Callable[[], str], folder: Path, rounds: int,
                articles: int, seed: int) -> bool:
    """All rounds on one backend; True when every one matched the clean run."""
    env = blank_env(folder)
    corpus = write_corpus(folder / "corpus.txt", range(articles))
    clean = new_store()
    t = time.monotonic()
    done = run_ingest(corpus, clean, env)
    took = time.monotonic() - t
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        return False
    expected = fingerprint(clean)
    print(f"== {name}: clean run {took:.1f} s, {expected['stats']['articles']} articles, "
          f"{expected['stats']['quotes']} quotes; {rounds} kill -9 rounds", flush=True)
    rng = random.Random(seed)
    ok = mid_write = 0
    for k in range(rounds):
        db = new_store()
        workers = 1 + k % 2
        # even rounds: a random moment of the run (start-up included); odd rounds: right
        # after a random number of articles is stored (among the writes)
        at = rng.randrange(1, articles) if k % 4 >= 2 else None
        r = kill_and_resume(corpus, db, env, rng, max_delay=took, workers=workers,
                            at_articles=at)
        problems = [] if db.startswith("postgresql") else sqlite_integrity(db)
        same = r.resume_code == 0 and not problems and fingerprint(db) == expected
        ok += same
        mid_write += 0 < r.stored_at_kill < articles
        when = "finished before the kill" if r.finished_first else \
            f"killed after {r.delay:.1f} s with {r.stored_at_kill}/{articles} stored"
        print(f"  round {k + 1:2d} ({workers} worker{'s' if workers > 1 else ''}): {when}; "
              f"resume exit {r.resume_code}; {'identical' if same else 'DIFFERENT'}"
              + (f" {problems[:3]}" if problems else ""), flush=True)
        if not same and r.resume_code != 0:
            print(r.resume_output[-2000:])
    print(f"{name}: {ok}/{rounds} rounds identical to the clean run "
          f"({mid_write} killed in the middle of writing)", flush=True)
    return ok == rounds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--seed", type=int, default=24)
    args = ap.parse_args()
    good = True
    with tempfile.TemporaryDirectory(prefix="zitat-faults-") as tmp:
        folder = Path(tmp)
        n = iter(range(10_000))
        good &= run_backend("SQLite", lambda: str(folder / f"z{next(n)}.db"), folder,
                            args.rounds, args.articles, args.seed)
        if PG_URL:
            made: list[str] = []
            try:
                good &= run_backend("PostgreSQL", _pg_factory(made), folder, args.rounds,
                                    args.articles, args.seed)
            finally:
                _drop(made)
        else:
            print("PostgreSQL: skipped (set ZITAT_TEST_PG_URL)")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
