"""Hostile requests (issue 24): 4xx with a message, never a 500 or a reset connection."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from zitat.store import open_store
from zitat.web.app import create_app

DEEP = b"[" * 100_000 + b"]" * 100_000
HUGE_INT = b'{"text": "Eine Zahl.", "n": ' + b"7" * 5000 + b"}"
TOKEN = "s3cret"


@pytest.fixture
def ingest_client(tmp_path):
    db = tmp_path / "ingest.db"
    open_store(db).close()
    with TestClient(create_app(db, allow_ingest=True, token=TOKEN),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("body", [DEEP, HUGE_INT], ids=["deep", "huge-int"])
def test_hostile_json_is_400_on_analyze_and_ingest(client, ingest_client, body):
    headers = {"content-type": "application/json"}
    r = client.post("/api/analyze", content=body, headers=headers)
    assert r.status_code == 400 and "invalid JSON" in r.json()["detail"]
    r = ingest_client.post("/api/articles", content=body,
                           headers={**headers, "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and "invalid JSON" in r.json()["detail"]
