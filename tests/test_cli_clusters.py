"""`zitat search --group`: one entry per statement."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import make_article
from tests.store.test_clusters import AGENCY, OTHER, REPORTED, _article, _reported
from zitat.cli import app
from zitat.store import open_store


def test_search_group_gathers_the_versions_of_one_statement(tmp_path):
    db = str(tmp_path / "z.db")
    with open_store(db, create=True) as store:
        store.add_articles([
            _article(AGENCY, "2024-05-07", "Agentur Nord"),
            _article(OTHER, "2024-05-08", "Lüneburger Bote"),
            _reported(REPORTED, "2024-05-09", "Tageszeitung Süd"),
            make_article("„Die Rentenversicherung bleibt stabil“, sagte Anna Beispiel.",
                         date="2024-05-01"),
        ])
    runner = CliRunner()
    flat = json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json"]).stdout)
    assert len(flat) == 4
    result = runner.invoke(app, ["search", "--db", db, "--group", "--format", "json"])
    assert result.exit_code == 0
    groups = json.loads(result.stdout)
    assert [len(g["hits"]) for g in groups] == [3, 1]
    assert groups[0]["outlets"] == 2
    assert groups[1]["outlets"] == 0
    table = runner.invoke(app, ["search", "--db", db, "--group"])
    assert table.exit_code == 0 and "2 statement(s)" in table.output
    one = json.loads(runner.invoke(app, ["search", "--db", db, "--group", "--limit", "1",
                                         "--format", "json"]).stdout)
    assert len(one) == 1 and len(one[0]["hits"]) == 3


def test_recluster_fills_the_clusters_of_an_older_store(tmp_path):
    db = str(tmp_path / "z.db")
    with open_store(db, create=True) as store:
        store.clustering = False  # as a store written before clustering existed
        store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"),
                            _article(OTHER, "2024-05-08", "Lüneburger Bote")])
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json"]).stdout)
    assert {h["cluster_id"] for h in before} == {None}
    result = runner.invoke(app, ["recluster", "--db", db])
    assert result.exit_code == 0 and "2 articles clustered" in result.stderr
    after = json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json"]).stdout)
    assert len({h["cluster_id"] for h in after}) == 1 and after[0]["outlets"] == 1
