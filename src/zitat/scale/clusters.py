"""Wire copies and statement clusters in bulk: the clustering step of ``zitat batch``.

Reads the ``articles``, ``quotes`` and ``entities`` tables the batch wrote and adds two:

* ``wire_copies`` (``article_id``, ``original_id``, ``similarity``): each copy linked to
  the earliest article of its group (date, then input order);
* ``quote_clusters`` (``article_id``, ``qid``, ``cluster_id``): every quotation with its
  statement's id, the ``article_id:qid`` of the statement's earliest appearance.

Candidates come from Spark MLlib's :class:`~pyspark.ml.feature.MinHashLSH`
(``approxSimilarityJoin`` of the table with itself on hashed shingles or statement keys,
with a loose Jaccard distance); each candidate pair is then verified with the same rules
the store applies on ingest (:mod:`zitat.clusters.match`), and groups are the connected
components of the verified pairs (a union-find on the driver: verified pairs are few,
about one per copy or version). Exact repeats (the same normalised words) are joined by
an equality join, as the store finds them by their exact key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from zitat.clusters import same_statement, shingles, statement_keys, wire_similarity, words
from zitat.clusters.match import (
    MIN_SAME_SPEAKER_REPEAT_WORDS,
    MIN_SHARED_KEYS,
    WIRE_MIN_SHINGLES,
    QuoteKey,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

#: Hashed feature space of shingles and keys (collisions only add candidates).
FEATURES = 1 << 20
#: Hash tables of the MinHash LSH models.
HASH_TABLES = 8
#: Jaccard distance under which pairs become candidates: articles (a copy trimmed to half
#: is at about 0.55) and statements (a paraphrase shares few of its words exactly).
ARTICLE_DISTANCE = 0.8
QUOTE_DISTANCE = 0.85


class UnionFind:
    """Connected components over hashable items; each component's representative is the
    item that sorts first by ``order``."""

    def __init__(self, order: dict[Any, Any]) -> None:
        self.parent: dict[Any, Any] = {}
        self.order = order

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, other = sorted((ra, rb), key=lambda r: self.order[r])
            self.parent[other] = first

    def groups(self) -> Iterator[tuple[Any, Any]]:
        """``(item, representative)`` for every item in a component of two or more."""
        for x in list(self.parent):
            yield x, self.find(x)


def _shingle_list(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: sorted(shingles(t or "")))


def _key_list(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: sorted(statement_keys(t or "")))


def _word_string(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: " ".join(words(t or "")))


def _verify_wire(rows: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Candidate article pairs (``a``, ``ta``, ``b``, ``tb``) that are wire copies, with
    their containment."""
    for batch in rows:
        sims = [wire_similarity(shingles(x), shingles(y))
                for x, y in zip(batch["ta"], batch["tb"], strict=True)]
        out = batch[["a", "b"]].assign(sim=sims)
        yield out[out["sim"].notna()]


def _quote_key(k: str, text: str, qtype: str, speaker: Any) -> QuoteKey:
    return QuoteKey(k, qtype == "Direct", speaker if isinstance(speaker, str) else None,
                    frozenset(statement_keys(text)), tuple(words(text)))


def _verify_quotes(rows: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Candidate quotation pairs that are versions of one statement."""
    for batch in rows:
        keep = [same_statement(_quote_key(a, ta, ya, sa), _quote_key(b, tb, yb, sb))
                for a, ta, ya, sa, b, tb, yb, sb in zip(
                    batch["a"], batch["ta"], batch["ya"], batch["sa"],
                    batch["b"], batch["tb"], batch["yb"], batch["sb"], strict=True)]
        yield batch.loc[keep, ["a", "b"]]


def _lsh_pairs(df: DataFrame, tokens: str, distance: float, seed: int) -> DataFrame:
    """Candidate pairs ``(a, b)`` of ``df`` (columns ``k`` and ``tokens``) by MinHash LSH."""
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    tf = HashingTF(inputCol=tokens, outputCol="features", numFeatures=FEATURES, binary=True)
    vec = tf.transform(df.where(F.size(tokens) > 0)).select("k", "features").cache()
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=HASH_TABLES,
                       seed=seed).fit(vec)
    return (model.approxSimilarityJoin(vec, vec, distance, distCol="d")
            .select(F.col("datasetA.k").alias("a"), F.col("datasetB.k").alias("b"))
            .where(F.col("a") < F.col("b")))


def wire_pairs(spark: SparkSession, articles: DataFrame) -> list[tuple[str, str, float]]:
    """Verified wire-copy pairs ``(a, b, containment)`` among ``articles``."""
    from pyspark.sql import functions as F

    sh = F.pandas_udf(_shingle_list, "array<string>")  # type: ignore[call-overload]
    df = articles.select(F.col("id").alias("k"), "text").withColumn("sh", sh("text"))
    df = df.where(F.size("sh") >= WIRE_MIN_SHINGLES)
    pairs = _lsh_pairs(df, "sh", ARTICLE_DISTANCE, seed=26)
    texts = df.select("k", "text")
    joined = (pairs.join(texts.withColumnRenamed("k", "a").withColumnRenamed("text", "ta"), "a")
              .join(texts.withColumnRenamed("k", "b").withColumnRenamed("text", "tb"), "b"))

    found = joined.mapInPandas(_verify_wire, schema="a string, b string, sim double").collect()
    return [(r["a"], r["b"], r["sim"]) for r in found]


def quote_pairs(spark: SparkSession, quotes: DataFrame) -> list[tuple[str, str]]:
    """Verified statement pairs among ``quotes`` (columns ``k``, ``text``, ``type``,
    ``speaker``)."""
    from pyspark.sql import functions as F

    keys = F.pandas_udf(_key_list, "array<string>")  # type: ignore[call-overload]
    wstr = F.pandas_udf(_word_string, "string")  # type: ignore[call-overload]
    df = quotes.withColumn("keys", keys("text")).withColumn("w", wstr("text")).cache()
    lsh = _lsh_pairs(df.where(F.size("keys") >= MIN_SHARED_KEYS), "keys", QUOTE_DISTANCE,
                     seed=27)
    exact = (df.where(F.size(F.split("w", " ")) >= MIN_SAME_SPEAKER_REPEAT_WORDS)
             .select("k", "w").alias("x")
             .join(df.select("k", "w").alias("y"), "w")
             .where(F.col("x.k") < F.col("y.k"))
             .select(F.col("x.k").alias("a"), F.col("y.k").alias("b")))
    cols = df.select("k", "text", "type", "speaker")
    pairs = lsh.unionByName(exact).distinct()
    joined = (pairs.join(cols.toDF("a", "ta", "ya", "sa"), "a")
              .join(cols.toDF("b", "tb", "yb", "sb"), "b"))

    found = joined.mapInPandas(_verify_quotes, schema="a string, b string").collect()
    return [(r["a"], r["b"]) for r in found]


def _components(pairs: Iterable[tuple[str, str]], order: dict[str, Any]) -> dict[str, str]:
    uf = UnionFind(order)
    for a, b in pairs:
        uf.union(a, b)
    return dict(uf.groups())


def write_clusters(spark: SparkSession, out: str) -> dict[str, int]:
    """Compute and write ``out/wire_copies`` and ``out/quote_clusters``; their row counts."""
    from pyspark.sql import functions as F

    articles = spark.read.parquet(f"{out}/articles").select("id", "seq", "date_start", "text")
    order = {r["id"]: (r["date_start"] is None, r["date_start"] or "", r["seq"])
             for r in articles.select("id", "seq", "date_start").collect()}
    wire = wire_pairs(spark, articles)
    best: dict[str, float] = {}
    for a, b, sim in wire:
        best[a] = max(best.get(a, 0.0), sim)
        best[b] = max(best.get(b, 0.0), sim)
    roots = _components(((a, b) for a, b, _ in wire), order)
    wire_rows = sorted((a, r, round(best[a], 4)) for a, r in roots.items() if a != r)
    spark.createDataFrame(
        wire_rows, "article_id string, original_id string, similarity double"
    ).coalesce(1).write.mode("overwrite").parquet(f"{out}/wire_copies")

    quotes = spark.read.parquet(f"{out}/quotes")
    entities = spark.read.parquet(f"{out}/entities").select(
        F.col("article_id").alias("ea"), F.col("local_id"), F.col("key"))
    q = (quotes.join(entities, (quotes.article_id == entities.ea)
                     & (quotes.speaker_entity == entities.local_id), "left")
         .select(F.concat_ws(":", "article_id", "qid").alias("k"), "article_id", "qid", "text",
                 "type", F.coalesce(F.col("key"), F.lower("speaker_text")).alias("speaker"),
                 "start"))
    qorder = {r["k"]: (*order.get(r["article_id"], (True, "", 0)), r["start"])
              for r in q.select("k", "article_id", "start").collect()}
    statements = _components(quote_pairs(spark, q), qorder)
    rows = [(k.rsplit(":", 1)[0], k.rsplit(":", 1)[1], statements.get(k, k)) for k in qorder]
    spark.createDataFrame(
        sorted(rows) or [], "article_id string, qid string, cluster_id string"
    ).coalesce(1).write.mode("overwrite").parquet(f"{out}/quote_clusters")
    log.info("%d wire copies, %d quotations in %d statements", len(wire_rows), len(rows),
             len({r[2] for r in rows}))
    return {"wire_copies": len(wire_rows), "quote_clusters": len(rows)}
