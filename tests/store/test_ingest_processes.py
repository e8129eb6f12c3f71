"""Real `zitat ingest` processes on one store, SQLite and PostgreSQL (issue 24).

Finding 6: two ingests of overlapping inputs used to end one of them with
``IntegrityError: UNIQUE constraint failed: articles.id`` (the id was checked before the
write transaction); the insert-or-ignore in the transaction must let both finish, every
article stored once. The fault suite: an ingest killed with SIGKILL at a random moment
and then run again must leave exactly what a clean run leaves (integrity, figures,
search hits). `bench/bench_faults.py` runs the kill rounds long (20 and more).
"""

from __future__ import annotations

import random
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.store.conftest import BACKENDS, create_schema, drop_schemas
from tests.store.ingest_runs import (
    blank_env,
    fingerprint,
    kill_and_resume,
    run_ingest,
    sqlite_integrity,
    start_ingest,
    write_corpus,
)

pytestmark = pytest.mark.slow

#: kill -9 rounds per backend in the test suite (the benchmark runs 20 and more)
KILL_ROUNDS = 3


@pytest.fixture(params=BACKENDS)
def new_store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty stores of the test's backend (files or schemas)."""
    made: list[str] = []

    def make() -> str:
        if request.param == "sqlite":
            made.append(str(tmp_path / f"z{len(made)}.db"))
            return made[-1]
        return create_schema(request.getfixturevalue("pg_server"), made)

    yield make
    if request.param == "postgres":
        drop_schemas(request.getfixturevalue("pg_server"), made)


def _summary(output: str) -> tuple[int, int, int]:
    """(read, added, already stored) from an ingest's summary line."""
    m = re.search(r"(\d+) read, (\d+) added, (\d+) already stored", output)
    assert m, output
    return int(m[1]), int(m[2]), int(m[3])


def test_overlapping_ingests_both_finish_without_duplicates(new_store, tmp_path):
    env = blank_env(tmp_path)
    a = write_corpus(tmp_path / "a.txt", range(0, 48))
    b = write_corpus(tmp_path / "b.txt", range(24, 72))
    clean = new_store()
    assert run_ingest(write_corpus(tmp_path / "all.txt", range(72)), clean, env).returncode == 0
    expected = fingerprint(clean)
    for round_ in range(1):  # one round here; bench/bench_faults.py runs many
        db = new_store()
        logs = [tmp_path / f"a{round_}.log", tmp_path / f"b{round_}.log"]
        procs = [start_ingest(a, db, env, log=logs[0]), start_ingest(b, db, env, log=logs[1])]
        codes = [p.wait(600) for p in procs]
        outputs = [log.read_text("utf-8") for log in logs]
        assert codes == [0, 0], outputs
        assert not any("Traceback" in o or "Error" in o for o in outputs), outputs
        (read_a, added_a, known_a), (read_b, added_b, known_b) = map(_summary, outputs)
        assert (read_a, read_b) == (48, 48)
        assert added_a + added_b == 72 and known_a + known_b == 24  # each article once
        assert fingerprint(db) == expected
        if not db.startswith("postgresql"):
            assert sqlite_integrity(db) == []


def test_killed_ingest_resumes_to_exactly_the_clean_result(new_store, tmp_path):
    env = blank_env(tmp_path)
    corpus = write_corpus(tmp_path / "corpus.txt", range(40))
    clean = new_store()
    t = time.monotonic()
    assert run_ingest(corpus, clean, env).returncode == 0
    took = time.monotonic() - t
    expected = fingerprint(clean)
    assert expected["stats"]["articles"] == 40
    rng = random.Random(24)
    for k in range(KILL_ROUNDS):
        db = new_store()
        # a random moment, or right after a random number of articles is stored
        r = kill_and_resume(corpus, db, env, rng, max_delay=took,
                            at_articles=rng.randrange(1, 40) if k % 2 else None)
        assert r.resume_code == 0, r.resume_output
        assert "Traceback" not in r.resume_output
        assert _summary(r.resume_output)[1] == 40 - r.stored_at_kill  # the rest, no more
        if not db.startswith("postgresql"):
            assert sqlite_integrity(db) == []
        assert fingerprint(db) == expected, r


def test_sqlite_integrity_check_finds_a_damaged_file(tmp_path):
    """The check the fault rounds rely on does see damage (so a pass means something)."""
    env = blank_env(tmp_path)
    db = str(tmp_path / "z.db")
    assert run_ingest(write_corpus(tmp_path / "c.txt", range(30)), db, env).returncode == 0
    assert sqlite_integrity(db) == []
    path = Path(db)
    data = bytearray(path.read_bytes())
    page = 4096
    for k in range(3 * page + 100, len(data) - page, 7 * page):  # scribble on some pages
        data[k:k + 64] = bytes(64)
    path.write_bytes(bytes(data))
    assert sqlite_integrity(db) != []


def test_ingest_process_runs_the_blank_pipeline_quickly(tmp_path):
    """The helpers' premise: the blank pipeline still finds quotes and speakers."""
    env = blank_env(tmp_path)
    db = str(tmp_path / "z.db")
    done = run_ingest(write_corpus(tmp_path / "c.txt", range(3)), db, env)
    assert done.returncode == 0, done.stderr
    stats = fingerprint(db)["stats"]
    assert stats["articles"] == 3 and stats["quotes"] >= 3 and stats["speakers"] >= 1
    assert isinstance(done, subprocess.CompletedProcess)
