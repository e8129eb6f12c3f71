"""``zitat batch`` and ``zitat load``: Spark gives the same records as ``zitat analyze``.

One local[2] SparkSession serves the whole module. Without pyspark or Java the tests
are skipped, except when ``CI`` is set: then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.store.conftest import pg_server, pg_url  # noqa: F401  (fixtures)
from zitat.cli import app
from zitat.store import SearchQuery, open_store

pytestmark = [pytest.mark.spark, pytest.mark.slow]

IN_CI = bool(os.environ.get("CI"))

# Fictional German news, written for these tests.
FIRST = [
    {"text": "„Die Rentenversicherung bleibt stabil“, sagte Bundesinnenministerin Anna "
             "Beispiel am Donnerstag in Berlin. Kritiker sehen das anders.",
     "date": "2022-03-10", "title": "Rente stabil", "source": "Testblatt"},
    {"text": "„Wir bauen die Brücke bis zum Herbst neu“, sagte Oberbürgermeisterin Sabine "
             "Roth in Leipzig. Sie fügte hinzu: „Das wird teuer.“",
     "date": "2023-05-12", "rubrik": "Lokales"},
    {"text": "", "date": "2022-01-01"},
    {"text": "Ein Text mit kaputtem Datum.", "date": "2022-13"},
    {"text": "„Die Rentenversicherung bleibt stabil“, sagte Bundesinnenministerin Anna "
             "Beispiel am Donnerstag in Berlin. Kritiker sehen das anders.",
     "date": "2022-03-11"},
]
SECOND = [
    {"text": "Landrat Karl Muster erklärte, der Kreis werde die Straßen im Winter räumen. "
             "„Niemand bleibt stecken“, sagte Muster.", "date": "2021-12-01",
     "url": "https://example.org/winter"},
    {"text": "„Die Schulen bleiben offen“, sagte Beispiel am Montag.", "date": "2022-04"},
    {"text": "Ohne jedes Zitat berichtet die Zeitung über das Wetter in Bonn.", "date": None},
]


def _java_available() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def spark():
    """A local[2] session for the module (skipped without pyspark/Java outside CI)."""
    reason = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "pyspark is not installed (pip install 'zitat[spark]')"
    if reason is None and not _java_available():
        reason = "Java is not installed"
    if reason:
        if IN_CI:
            pytest.fail(f"Spark tests cannot run: {reason} (CI is set, so this is an error)")
        pytest.skip(f"Spark tests skipped: {reason}")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from zitat.scale.job import spark_session

    session = spark_session("local[2]", partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A JSONL input, a Parquet input, and the JSONL equivalent of the Parquet one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("corpus")
    first = folder / "first.jsonl"
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FIRST), "utf-8")
    second = folder / "second.jsonl"
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SECOND), "utf-8")
    table = pa.table({
        "text": [r["text"] for r in SECOND],
        "date": [r["date"] for r in SECOND],
        "url": [r.get("url") for r in SECOND],
        "wordcount": [len(r["text"].split()) for r in SECOND],  # extra columns are ignored
    })
    parquet = folder / "second.parquet"
    pq.write_table(table, parquet)
    return {"first": str(first), "second": str(second), "parquet": str(parquet)}


def _batch(out: Path, *inputs: str):
    result = CliRunner().invoke(
        app, ["batch", *inputs, "--out", str(out), "--master", "local[2]", "--partitions", "2"]
    )
    return result


@pytest.fixture(scope="module")
def batch_out(spark, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    result = _batch(out, corpus["first"], corpus["parquet"])
    assert result.exit_code == 1, result.output  # two records are rejected
    assert "8 read, 5 articles, 1 duplicate(s), 2 rejected" in result.output
    return out


def _table(out: Path, name: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(out / name).to_pylist()


def _analyze_lines(*inputs: str) -> list[str]:
    result = CliRunner().invoke(app, ["analyze", *inputs])
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    seen: set[str] = set()
    unique = []
    for line in lines:  # a text seen twice is one article: the first one counts
        art_id = json.loads(line)["id"]
        if art_id not in seen:
            seen.add(art_id)
            unique.append(line)
    return unique


def test_articles_are_identical_to_analyze_output(batch_out, corpus):
    articles = _table(batch_out, "articles")
    assert [a["json"] for a in articles] == _analyze_lines(corpus["first"], corpus["second"])
    assert [a["seq"] for a in articles] == sorted(a["seq"] for a in articles)
    assert json.loads(articles[1]["json"])["meta"] == {"rubrik": "Lokales"}


def test_tables_mirror_the_store(batch_out):
    from zitat.scale.tables import TABLES

    for name, columns in TABLES.items():
        import pyarrow.parquet as pq

        assert pq.read_table(batch_out / name).schema.names == [c for c, _ in columns], name
    docs = [json.loads(a["json"]) for a in _table(batch_out, "articles")]
    quotes = _table(batch_out, "quotes")
    assert len(quotes) == sum(len(d["quotes"]) for d in docs) > 0
    assert {(q["article_id"], q["qid"]) for q in quotes} == {
        (d["id"], q["id"]) for d in docs for q in d["quotes"]
    }
    assert len(_table(batch_out, "entities")) == sum(len(d["entities"]) for d in docs)
    assert len(_table(batch_out, "mentions")) == sum(
        len(e["mentions"]) for d in docs for e in d["entities"]
    )
    rejects = sorted((r["origin"].rsplit("/", 1)[-1], r["reason"])
                     for r in _table(batch_out, "rejects"))
    assert rejects == [("first.jsonl:3", "missing or empty 'text' field"),
                       ("first.jsonl:4", "date '2022-13' has an impossible month")]


def test_rerun_is_idempotent(batch_out, corpus):
    from zitat.scale.tables import TABLES

    before = {name: _table(batch_out, name) for name in TABLES}
    assert _batch(batch_out, corpus["first"], corpus["parquet"]).exit_code == 1
    for name in TABLES:
        key = lambda r: json.dumps(r, sort_keys=True, default=str)  # noqa: E731
        assert sorted(_table(batch_out, name), key=key) == sorted(before[name], key=key), name
    assert not (batch_out / "_work").exists()


def test_load_reproduces_ingest(batch_out, corpus, tmp_path):
    runner = CliRunner()
    ingested, loaded = tmp_path / "ingest.db", tmp_path / "load.db"
    result = runner.invoke(app, ["ingest", corpus["first"], corpus["second"],
                                 "--db", str(ingested), "--no-progress"])
    assert result.exit_code == 1, result.output  # the same two rejects
    result = runner.invoke(app, ["load", str(batch_out), "--db", str(loaded), "--progress"])
    assert result.exit_code == 0, result.output
    assert "5 read, 5 added, 0 already stored" in result.output
    again = runner.invoke(app, ["load", str(batch_out), "--db", str(loaded), "--no-progress"])
    assert "5 read, 0 added, 5 already stored" in again.output
    with open_store(ingested, readonly=True) as a, open_store(loaded, readonly=True) as b:
        assert a.stats() == b.stats()
        assert list(a.article_ids()) == list(b.article_ids())
        assert a.search(SearchQuery(limit=100)) == b.search(SearchQuery(limit=100))
        assert a.speakers() == b.speakers()


@pytest.mark.postgres
def test_load_into_postgres_matches_sqlite(batch_out, pg_url, tmp_path):  # noqa: F811
    runner = CliRunner()
    sqlite_db = tmp_path / "load.db"
    for db in (str(sqlite_db), pg_url):
        result = runner.invoke(app, ["load", str(batch_out), "--db", db, "--no-progress"])
        assert result.exit_code == 0, result.output
    with open_store(sqlite_db, readonly=True) as a, open_store(pg_url, readonly=True) as b:
        assert a.stats() == b.stats()
        assert a.speakers() == b.speakers()
        assert a.search(SearchQuery(limit=100)) == b.search(SearchQuery(limit=100))
        assert a.search(SearchQuery(text="versicherung")) == b.search(
            SearchQuery(text="versicherung")
        )


def test_parquet_only_input_with_dates_typed_as_dates(spark, tmp_path):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "typed"
    src.mkdir()
    pq.write_table(pa.table({
        "text": ["„Der Haushalt steht“, sagte Finanzminister Paul Probe in Berlin."],
        "date": [datetime.date(2024, 2, 29)],
        "title": ["Haushalt"],
    }), src / "part-0.parquet")
    out = tmp_path / "out"
    result = _batch(out, str(src))
    assert result.exit_code == 0, result.output
    (article,) = _table(out, "articles")
    doc = json.loads(article["json"])
    assert (doc["date"], doc["title"], article["date_start"]) == ("2024-02-29", "Haushalt",
                                                                  "2024-02-29")
    assert _table(out, "rejects") == []


def test_load_refuses_a_folder_that_is_not_batch_output(tmp_path):
    result = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "z.db")])
    assert result.exit_code != 0
    assert "not a `zitat batch` output folder" in str(result.exception or result.output)
