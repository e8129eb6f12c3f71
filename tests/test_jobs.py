"""Ingest jobs: rejects kept, idempotent re-runs, interrupted runs leave whole articles."""

from __future__ import annotations

import io
import json

import pytest

from zitat.jobs import StrictModeError, ingest
from zitat.store import open_store

TEXTS = [
    f" date 2022-0{m} „Wir prüfen das Angebot sorgfältig“, sagte Bürgermeisterin Sabine Roth "
    f"in Leipzig. Es ist Meldung Nummer {m}."
    for m in range(1, 8)
]


@pytest.fixture
def corpus(tmp_path):
    f = tmp_path / "corpus.txt"
    f.write_text("\n".join(TEXTS) + "\n date 2022-13 Kaputtes Datum.\n", "utf-8")
    return f


def test_ingest_reports_rejects_and_is_idempotent(tmp_path, corpus, blank_nlp):
    db = str(tmp_path / "z.db")
    err = io.StringIO()
    with open_store(db, create=True) as store:
        first = ingest([str(corpus)], store, db_path=db, nlp=blank_nlp, reject_stream=err)
        assert (first.read, first.added, first.rejected) == (8, 7, 1)
        assert f"{corpus}:8: date '2022-13' has an impossible month" in err.getvalue()
        lines = (tmp_path / "z.db.rejects.jsonl").read_text("utf-8").splitlines()
        rejects = [json.loads(line) for line in lines]
        assert rejects[0]["origin"].endswith("corpus.txt:8")
        assert rejects[0]["preview"] == "Kaputtes Datum."
        again = ingest([str(corpus)], store, db_path=db, nlp=blank_nlp, reject_stream=io.StringIO())
        assert (again.added, again.skipped) == (0, 7)
        assert store.stats().articles == 7


def test_strict_mode_stops_at_first_reject(tmp_path, blank_nlp):
    f = tmp_path / "bad.txt"
    f.write_text(" date 2022-13 Kaputt.\n" + TEXTS[0] + "\n", "utf-8")
    db = str(tmp_path / "z.db")
    with open_store(db, create=True) as store, pytest.raises(StrictModeError):
        ingest([str(f)], store, db_path=db, nlp=blank_nlp, strict=True, reject_stream=io.StringIO())


def test_overlong_article_is_rejected_not_crashing(tmp_path, blank_nlp, monkeypatch):
    monkeypatch.setenv("ZITAT_MAX_CHARS", "5000")
    from zitat.settings import get_settings

    get_settings.cache_clear()
    f = tmp_path / "huge.txt"
    f.write_text(" date 2022-03 " + "Sehr langer Text über Brüssel. " * 2000 + "\n" + TEXTS[0])
    db = str(tmp_path / "z.db")
    err = io.StringIO()
    with open_store(db, create=True) as store:
        report = ingest([str(f)], store, db_path=db, nlp=blank_nlp, reject_stream=err)
    assert (report.added, report.rejected) == (1, 1)
    assert "more than the limit" in err.getvalue()


def test_twenty_megabyte_article_with_default_limit(tmp_path, blank_nlp):
    f = tmp_path / "20mb.txt"
    f.write_text(" date 2022-03 " + "Ein Satz über die Lage in Kiew. " * 650_000, "utf-8")
    db = str(tmp_path / "z.db")
    err = io.StringIO()
    with open_store(db, create=True) as store:
        report = ingest([str(f)], store, db_path=db, nlp=blank_nlp, reject_stream=err)
    assert report.rejected == 1 and "characters" in err.getvalue()


def test_interrupted_ingest_leaves_whole_articles_and_rerun_completes(tmp_path, corpus, blank_nlp):
    db = str(tmp_path / "z.db")
    store = open_store(db, create=True)
    real_add = store.add_articles
    calls = {"n": 0}

    def add_then_die(batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_add(batch)

    store.add_articles = add_then_die
    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], store, db_path=db, nlp=blank_nlp, batch_size=3,
               reject_stream=io.StringIO())
    store.close()
    with open_store(db, create=True) as store:
        assert store.stats().articles == 3  # exactly the first batch, nothing half-written
        report = ingest([str(corpus)], store, db_path=db, nlp=blank_nlp, batch_size=3,
                        reject_stream=io.StringIO())
        assert (report.skipped, report.added) == (3, 4)
        assert store.stats().articles == 7


def test_kill_9_mid_ingest_leaves_whole_batches(tmp_path):
    """A process killed with SIGKILL leaves only committed batches; a re-run finishes."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    corpus = tmp_path / "many.txt"
    corpus.write_text(
        "\n".join(f" date 2022-03 Meldung {i}: Der Stadtrat von Kiel tagte erneut." for i in range(4000)),
        "utf-8",
    )
    db = tmp_path / "z.db"
    script = (
        "import io, sys\n"
        "from zitat.jobs import ingest\nfrom zitat.nlp.pipeline import load_pipeline\n"
        "from zitat.store import open_store\n"
        f"s = open_store({str(db)!r}, create=True)\n"
        f"ingest([{str(corpus)!r}], s, db_path={str(db)!r}, batch_size=50,"
        " nlp=load_pipeline(components=()), reject_stream=io.StringIO())\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if count >= 100:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert stored % 50 == 0 and stored == indexed
    with open_store(db, create=True) as store:
        report = ingest([str(corpus)], store, db_path=str(db), batch_size=500,
                        nlp=_blank(), reject_stream=io.StringIO())
        assert report.skipped == stored
        assert store.stats().articles == 4000


def _blank():
    from zitat.nlp.pipeline import load_pipeline

    return load_pipeline(components=())
