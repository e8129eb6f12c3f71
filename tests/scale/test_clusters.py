"""The clustering step of ``zitat batch``: MinHash LSH in Spark MLlib over the tables.

The input tables are written with pyarrow from hand-built articles (no analysis), so the
test runs only the clustering step in a local[2] session.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from tests.scale.test_batch import spark  # noqa: F401  (the module's local[2] session)
from tests.store.test_clusters import AGENCY, COPY, OTHER, REPORTED, _article, _reported
from zitat.scale.clusters import UnionFind, write_clusters
from zitat.scale.tables import TABLES, article_rows

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _write_tables(folder, articles) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for seq, art in enumerate(articles):
        for table, row in article_rows(art, seq):
            rows[table].append({c: row.get(c) for c, _ in TABLES[table]})
    for table in ("articles", "quotes", "entities"):
        (folder / table).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows[table]), folder / table / "part-0.parquet")


def test_union_find_roots_on_the_first_in_order():
    uf = UnionFind({"a": 3, "b": 1, "c": 2, "d": 0})
    uf.union("a", "c")
    uf.union("c", "b")
    assert dict(uf.groups()) == {"a": "b", "b": "b", "c": "b"}


def test_batch_clusters_wire_copies_and_statements(spark, tmp_path):  # noqa: F811
    copy = _article(COPY, "2024-05-08", "Kreisblatt")
    agency = _article(AGENCY, "2024-05-07", "Agentur Nord")
    other = _article(OTHER, "2024-05-08", "Lüneburger Bote")
    reported = _reported(REPORTED, "2024-05-09", "Tageszeitung Süd")
    rente = make_article("„Die Rentenversicherung bleibt stabil“, sagte Anna Beispiel.",
                         date="2024-05-01")
    _write_tables(tmp_path, [copy, agency, other, reported, rente])
    counts = write_clusters(spark, str(tmp_path))
    assert counts == {"wire_copies": 1, "quote_clusters": 5}
    wire = [r.asDict() for r in spark.read.parquet(str(tmp_path / "wire_copies")).collect()]
    assert [(w["article_id"], w["original_id"]) for w in wire] == [(copy.id, agency.id)]
    assert wire[0]["similarity"] > 0.9
    clusters = {r["article_id"]: r["cluster_id"]
                for r in spark.read.parquet(str(tmp_path / "quote_clusters")).collect()}
    first = f"{agency.id}:q1"  # the earliest appearance names the statement
    assert clusters == {copy.id: first, agency.id: first, other.id: first,
                        reported.id: first, rente.id: f"{rente.id}:q1"}
