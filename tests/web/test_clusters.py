"""The statement pages and API: /zitate/{id}, /zitate, /api/clusters, the outlets line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.store.test_clusters import AGENCY, COPY, OTHER, REPORTED, _article, _reported
from zitat.store import open_store
from zitat.web.app import create_app


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    path = tmp_path_factory.mktemp("clusters") / "z.db"
    agency = _article(AGENCY, "2024-05-07", "Agentur Nord")
    copy = _article(COPY, "2024-05-08", "Kreisblatt")
    other = _article(OTHER.replace("Petra Kowalski", "Jens Brandt"), "2024-05-08",
                     "<b>Lüneburger Bote</b>", speaker="Jens Brandt")
    reported = _reported(REPORTED, "2024-05-09", "Tageszeitung Süd")
    with open_store(path, create=True) as store:
        store.add_articles([agency, copy, other, reported])
        cluster_id = store.cluster_of(agency.id, "q1")
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        yield client, cluster_id, agency, copy


def test_cluster_api_has_first_appearance_variants_and_conflict(setup):
    client, cluster_id, agency, _ = setup
    data = client.get(f"/api/clusters/{cluster_id}").json()
    assert data["first"]["outlet"] == "Agentur Nord"
    assert data["first"]["article_id"] == agency.id
    assert [a["outlet"] for a in data["appearances"]] == [
        "Agentur Nord", "Kreisblatt", "<b>Lüneburger Bote</b>", "Tageszeitung Süd"]
    assert data["appearances"][1]["wire_of"] == agency.id
    assert data["conflicting"] is True
    assert len(data["variants"]) == 2
    assert client.get("/api/clusters/999999").status_code == 404


def test_cluster_page_shows_timeline_differences_and_conflict(setup):
    client, cluster_id, agency, _ = setup
    html = client.get(f"/zitate/{cluster_id}").text
    assert "Zuerst berichtet von <strong>Agentur Nord</strong>" in html
    assert "Widersprüchliche Zuschreibung" in html
    assert "<ins>würden</ins>" in html
    assert "&lt;b&gt;Lüneburger Bote&lt;/b&gt;" in html  # outlet names are escaped
    assert "<b>Lüneburger" not in html
    assert f'href="/articles/{agency.id}"' in html  # the copy links to its original


def test_search_and_article_views_say_who_else_reported_it(setup):
    client, cluster_id, agency, _ = setup
    html = client.get("/search", params={"q": "Genehmigungen"}).text
    assert f'href="/zitate/{cluster_id}">auch berichtet von 3 Medien</a>' in html
    html = client.get(f"/articles/{agency.id}").text
    assert "auch berichtet von 3 Medien" in html
    hits = client.get("/api/quotes", params={"q": "Genehmigungen"}).json()["quotes"]
    assert {(h["cluster_id"], h["outlets"]) for h in hits} == {(cluster_id, 3)}


def test_search_grouped_by_statement(setup):
    client, cluster_id, _, _ = setup
    groups = client.get("/api/clusters", params={"q": "Radwege"}).json()
    assert [g["cluster_id"] for g in groups] == [cluster_id]
    assert len(groups[0]["hits"]) == 4
    html = client.get("/zitate", params={"q": "Radwege"}).text
    assert "3 weitere Fassung(en)" in html
