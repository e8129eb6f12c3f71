"""The web app's confidence filter: API parameters and the speaker page's switch."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.confidence_articles import DOUBTFUL, SURE
from zitat.store import open_store
from zitat.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("conf") / "zitat.db"
    with open_store(path, create=True) as store:
        store.add_articles([SURE, DOUBTFUL])
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def test_api_quotes_take_min_confidence(client):
    assert client.get("/api/quotes").json()["total"] == 2
    page = client.get("/api/quotes", params={"min_confidence": 0.5}).json()
    assert page["total"] == 1 and [q["confidence"] for q in page["quotes"]] == [0.86]
    assert client.get("/api/quotes", params={"min_confidence": 2}).status_code == 422
    csv_rows = client.get("/api/quotes.csv", params={"min_confidence": 0.5}).text.splitlines()
    assert len(csv_rows) == 2  # header and the confident quote


def test_api_speaker_profile_takes_min_confidence(client):
    everything = client.get("/api/speakers/Jonas Keller").json()
    assert everything["quotes"] == 2 and everything["uncertain"] == 0
    sure = client.get("/api/speakers/Jonas Keller", params={"min_confidence": 0.5}).json()
    assert sure["quotes"] == 1 and sure["uncertain"] == 1
    assert [q["text"] for q in sure["latest"]] == [SURE.quotes[0].text]


def test_speaker_page_shows_confident_attributions_with_a_switch(client):
    html = client.get("/speakers/Jonas Keller").text
    assert "Brücke wird im Mai" in html and "Geld reicht nicht" not in html
    assert "1 unsichere ausgeblendet" in html and "alle anzeigen" in html
    assert "?alle=1" in html
    everything = client.get("/speakers/Jonas Keller", params={"alle": 1}).text
    assert "Brücke wird im Mai" in everything and "Geld reicht nicht" in everything
    assert "nur sichere anzeigen" in everything and "Konfidenz 0.22" in everything
