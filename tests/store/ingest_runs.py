"""Real `zitat ingest` processes against one store: overlapping runs and kill -9 rounds.

Shared by the concurrency and fault tests (``test_ingest_processes.py``) and the long
fault benchmark (``bench/bench_faults.py``). The processes use the blank fallback pipeline
(``ZITAT_MODEL`` pointing at an empty folder): it starts in a second or two and still runs
zitat's quotation, speaker and place components, so every table of the store is written.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zitat.store import open_store
from zitat.store.records import SearchQuery

ZITAT = Path(sys.executable).with_name("zitat")

#: the searches compared with a clean run (text, speaker, place and type filters)
QUERIES = [SearchQuery(text="Haushalt", limit=10_000), SearchQuery(speaker="Roth", limit=10_000),
           SearchQuery(place="Kiel", limit=10_000), SearchQuery(type="direct", limit=10_000),
           SearchQuery(text="zuversichtlich", since="2022-03", limit=10_000)]


def article_line(i: int) -> str:
    """One hand-written fictional article (a line of a text file), numbered ``i``."""
    return (f" date 2022-0{i % 9 + 1} Meldung {i}: „Der Haushalt {i} wird beraten“, sagte "
            f"Bürgermeisterin Sabine Roth{i % 7} in Kiel. Sie sei zuversichtlich, erklärte "
            f"sie. Die Stadt Kiel prüfe den Plan {i} bis Freitag.")


def write_corpus(path: Path, numbers: range | list[int]) -> Path:
    """A text corpus of the articles ``numbers``, one per line."""
    path.write_text("\n".join(article_line(i) for i in numbers) + "\n", "utf-8")
    return path


def blank_env(folder: Path) -> dict[str, str]:
    """The environment of the ingest processes: the blank pipeline, quick to load."""
    empty = folder / "no-model"
    empty.mkdir(exist_ok=True)
    return {**os.environ, "ZITAT_MODEL": str(empty)}


def start_ingest(corpus: Path, db: str, env: dict[str, str], workers: int = 1,
                 log: Path | None = None) -> subprocess.Popen[bytes]:
    """A `zitat ingest` process (its own PID: the console script, no shell around it)."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the child owns it)
    return subprocess.Popen([str(ZITAT), "ingest", str(corpus), "--db", db,
                             "--workers", str(workers), "--batch-size", "8"],
                            env=env, stdout=out, stderr=subprocess.STDOUT)


def run_ingest(corpus: Path, db: str, env: dict[str, str], workers: int = 1,
               timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """A `zitat ingest` run to its end, output captured."""
    return subprocess.run([str(ZITAT), "ingest", str(corpus), "--db", db,
                           "--workers", str(workers), "--batch-size", "8"],
                          env=env, capture_output=True, text=True, timeout=timeout)


def fingerprint(db: str) -> dict[str, Any]:
    """What a store holds, as a clean run and a killed-and-resumed run must agree on: the
    figures and the hits of :data:`QUERIES` (without database ids, which a rolled-back
    PostgreSQL sequence may skip)."""
    with open_store(db, readonly=True) as store:
        hits = {
            q.model_dump_json(exclude_defaults=True): sorted(
                (h.article_id, h.quote_id, h.type, h.text, h.speaker, h.speaker_role, h.date,
                 h.start, h.end) for h in store.search(q))
            for q in QUERIES
        }
        return {"stats": store.stats().model_dump(), "hits": hits}


def sqlite_integrity(path: str) -> list[str]:
    """Problems ``PRAGMA integrity_check`` and ``foreign_key_check`` report (none: [])."""
    conn = sqlite3.connect(path)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [repr(r) for r in conn.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        conn.close()


def stored_articles(db: str) -> int:
    """Articles in the store now (0 when it has no tables yet)."""
    try:
        with open_store(db, readonly=True) as store:
            return store.stats().articles
    except Exception:  # killed before the first migration: nothing there
        return 0


@dataclass
class Round:
    """One kill -9 round: when the kill came, what was stored then, how the resume went."""

    delay: float
    finished_first: bool
    stored_at_kill: int
    resume_code: int
    resume_output: str


def kill_and_resume(corpus: Path, db: str, env: dict[str, str], rng: random.Random,
                    max_delay: float, workers: int = 1, at_articles: int | None = None) -> Round:
    """Start an ingest, SIGKILL it (its own PID), then run the same ingest again to its end.

    The kill comes after a random delay up to ``max_delay`` or, with ``at_articles``, as
    soon as that many articles are stored (so that it lands among the writes: the start-up
    of the process takes a good part of a short run).
    """
    delay = rng.uniform(0.0, max_delay)
    proc = start_ingest(corpus, db, env, workers)
    t = time.monotonic()
    finished = False
    if at_articles is None:
        try:
            proc.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            pass
    else:
        while proc.poll() is None and stored_articles(db) < at_articles \
                and time.monotonic() - t < 600:
            time.sleep(0.05)
        finished = proc.poll() is not None
    delay = time.monotonic() - t
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    time.sleep(0.2)  # the workers notice their parent's death (the lifeline)
    at_kill = stored_articles(db)
    resumed = run_ingest(corpus, db, env, workers)
    return Round(delay, finished, at_kill, resumed.returncode,
                 resumed.stdout + resumed.stderr)
