"""`zitat serve` analyses posted texts in a child process of its own (issue 24, load
benchmark: analyses in the server's threads held the GIL the readers need)."""

from __future__ import annotations

import os
import signal

import pytest
from fastapi.testclient import TestClient

from zitat.settings import get_settings
from zitat.store import open_store
from zitat.web.app import create_app

TEXT = ("„Wir öffnen das Hallenbad im Mai wieder“, sagte Bürgermeisterin Greta Albrecht am "
        "Montag in Erfurt. Die Sanierung habe länger gedauert als geplant, räumte sie ein.")


@pytest.fixture
def few_tokens(monkeypatch):
    """ZITAT_MAX_TOKENS=40 for the child; the server's own settings are read anew after."""
    monkeypatch.setenv("ZITAT_MAX_TOKENS", "40")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _child_pids(client: TestClient) -> list[int]:
    pool = client.app.state.zitat.analyser._pool
    return [] if pool is None else [p.pid for p in pool._processes.values()]


def test_texts_are_analysed_in_one_child_process_that_ends_with_the_server(tmp_path,
                                                                           few_tokens):
    db = tmp_path / "a.db"
    open_store(db, create=True).close()
    with TestClient(create_app(db, analysis_process=True)) as client:
        assert _child_pids(client) == []  # started by the first analysis, not before
        r = client.post("/api/analyze", json={"text": TEXT, "date": "2024-05-06"})
        assert r.status_code == 200, r.text
        quote = r.json()["quotes"][0]
        assert quote["text"] == "„Wir öffnen das Hallenbad im Mai wieder“"
        assert quote["speaker"]["text"] == "Bürgermeisterin Greta Albrecht"
        (child,) = _child_pids(client)
        assert child != os.getpid()
        # the child applies the limits as before; an error comes back with its status
        r = client.post("/api/analyze", json={"text": TEXT + " Das Bad ist alt." * 20})
        assert r.status_code == 413 and "token" in r.json()["detail"].lower()
        assert _child_pids(client) == [child]  # the same process analysed it
        # a child that dies: that analysis is 503, the next one starts a new child
        os.kill(child, signal.SIGKILL)
        r = client.post("/api/analyze", json={"text": TEXT})
        assert r.status_code == 503 and "retry" in r.json()["detail"]
        r = client.post("/api/analyze", json={"text": TEXT})
        assert r.status_code == 200
        (second,) = _child_pids(client)
        assert second != child
    assert not os.path.exists(f"/proc/{second}")  # the server's shutdown ended (and reaped) it
