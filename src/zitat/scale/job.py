"""The Spark job behind ``zitat batch``: the analyze step at corpus scale.

Flow:

1. Inputs are read lightly. Parquet (a ``text`` column, optional ``date``, ``title``,
   ``url``, ``source``) is read by Spark directly. Every other format goes through
   zitat's own readers on the driver (:func:`zitat.ingest.read_inputs`), streamed into a
   Parquet staging folder under ``OUT/_work`` so the driver never holds the corpus.
2. Records get their article id; a text seen twice is analysed once (the first one in
   input order wins, as with ``zitat ingest``).
3. ``mapInPandas`` runs :func:`zitat.analysis.analyze_many` per partition; the pipeline
   is loaded once per Python worker (module-level cache) and reused for every batch.
   Output rows are ``(table, JSON payload)`` pairs from :mod:`zitat.scale.tables`,
   written once to staging so the analysis runs exactly once.
4. Each table is parsed from staging into typed columns and written to ``OUT/<table>``
   in overwrite mode: a rerun over the same input gives the same tables.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from zitat.analysis import analyze_many, default_pipeline
from zitat.errors import ZitatError
from zitat.ingest import read_inputs
from zitat.ingest.jsonl import record_from_obj
from zitat.ingest.parquet import COLUMNS, is_parquet_input
from zitat.reports import RunReport
from zitat.scale.clusters import write_clusters
from zitat.scale.tables import TABLES, article_rows, ddl, reject_row
from zitat.schema import RawArticle, Rejected, article_id

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from spacy.language import Language

log = logging.getLogger(__name__)

#: Raw records as they enter the analysis (one row per input record).
RAW_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("seq", pa.int64()), ("origin", pa.string()), ("text", pa.string()),
    ("date", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("meta", pa.string()), ("from_table", pa.bool_()),
    ("reject", pa.string()), ("preview", pa.string()),
]
RAW_DDL = (
    "seq bigint, origin string, text string, date string, title string, url string,"
    " source string, meta string, from_table boolean, reject string, preview string"
)
STAGE_DDL = "table string, payload string"
#: Input ``i`` numbers its records from ``i << _INPUT_SHIFT`` so input order is kept.
_INPUT_SHIFT = 48
_STAGE_ROWS = 5_000

_PIPELINE: Language | None = None


# -- reading ------------------------------------------------------------------------------


def raw_row(rec: RawArticle | Rejected, seq: int) -> dict[str, Any]:
    """The staging row of a record read on the driver."""
    if isinstance(rec, Rejected):
        return {"seq": seq, "origin": rec.origin, "text": None, "date": None, "title": None,
                "url": None, "source": None, "meta": None, "from_table": False,
                "reject": rec.reason, "preview": rec.preview}
    return {"seq": seq, "origin": rec.origin, "text": rec.text, "date": rec.date,
            "title": rec.title, "url": rec.url, "source": rec.source,
            "meta": json.dumps(rec.meta, ensure_ascii=False) if rec.meta else None,
            "from_table": False, "reject": None, "preview": None}


def stage_records(
    inputs: Iterable[tuple[int, str]], folder: Path, *, fmt: str = "auto",
    date: str | None = None,
) -> int:
    """Read non-Parquet inputs with zitat's readers into Parquet files under ``folder``.

    Args:
        inputs: ``(input position, path)`` pairs; positions keep the input order.
        folder: where the staging files go (created).
        fmt: input format or ``auto``.
        date: date for records without one.

    Returns:
        The number of records staged.
    """
    folder.mkdir(parents=True, exist_ok=True)
    schema = pa.schema(RAW_COLUMNS)
    total = part = 0
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal part
        if rows:
            table = pa.Table.from_pylist(rows, schema=schema)
            pq.write_table(table, folder / f"part-{part:05d}.parquet")
            part += 1
            rows.clear()

    for position, item in inputs:
        base = position << _INPUT_SHIFT
        for k, rec in enumerate(read_inputs([item], fmt=fmt, date=date)):
            rows.append(raw_row(rec, base + k))
            total += 1
            if len(rows) >= _STAGE_ROWS:
                flush()
    flush()
    return total


def _parquet_frame(spark: SparkSession, path: str, position: int, date: str | None) -> DataFrame:
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, TimestampNTZType, TimestampType

    df = spark.read.parquet(path)
    if "text" not in df.columns:
        raise ZitatError(f"{path}: Parquet input needs a 'text' column (has {df.columns})")
    cols: dict[str, Any] = {}
    for name in COLUMNS[1:]:
        if name not in df.columns:
            cols[name] = F.lit(None).cast("string")
        elif name == "date" and isinstance(
            df.schema[name].dataType, (DateType, TimestampType, TimestampNTZType)
        ):
            cols[name] = F.date_format(F.col(name), "yyyy-MM-dd")
        else:
            cols[name] = F.col(name).cast("string")
    if date is not None:
        cols["date"] = F.coalesce(cols["date"], F.lit(date))
    seq = F.lit(position << _INPUT_SHIFT) + F.monotonically_increasing_id()
    return df.select(
        seq.alias("seq"),
        F.concat(F.input_file_name(), F.lit("#"), F.monotonically_increasing_id()).alias("origin"),
        F.col("text").cast("string").alias("text"),
        *(cols[n].alias(n) for n in COLUMNS[1:]),
        F.lit(None).cast("string").alias("meta"),
        F.lit(True).alias("from_table"),
        F.lit(None).cast("string").alias("reject"),
        F.lit(None).cast("string").alias("preview"),
    )


# -- analysis (runs on the executors) ---------------------------------------------------------


def _pipeline() -> Language:
    """The pipeline of this Python worker, loaded on first use and kept for every batch."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = default_pipeline()
    return _PIPELINE


def _none(value: Any) -> Any:
    """pandas gives NaN/NA for missing values; the contract wants None."""
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value


def record_from_row(row: dict[str, Any]) -> RawArticle | Rejected:
    """Rebuild the reader's record from a raw row (validating Parquet rows like JSONL)."""
    row = {k: _none(v) for k, v in row.items()}
    origin = row["origin"]
    if row["reject"] is not None:
        return Rejected(origin=origin, reason=row["reject"], preview=row["preview"] or "")
    if row["from_table"]:
        obj = {k: row[k] for k in COLUMNS if row[k] is not None}
        return record_from_obj(obj, origin)
    meta = json.loads(row["meta"]) if row["meta"] else {}
    return RawArticle(text=row["text"], date=row["date"], title=row["title"], url=row["url"],
                      source=row["source"], meta=meta, origin=origin)


def analyse_partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` function: raw rows in, ``(table, payload)`` rows out.

    Top-level so Spark can ship it by reference; the heavy pipeline is not pickled but
    loaded in the worker by :func:`_pipeline`.
    """
    nlp = _pipeline()
    for pdf in batches:
        rows = pdf.to_dict("records")
        records = [record_from_row(r) for r in rows]
        out: list[tuple[str, str]] = []
        # analyze_many yields exactly one result per record, in order.
        for row, item in zip(rows, analyze_many(records, nlp=nlp), strict=True):
            pairs = (
                [reject_row(item)] if isinstance(item, Rejected)
                else article_rows(item, seq=int(row["seq"]))
            )
            out += [(table, json.dumps(r, ensure_ascii=False)) for table, r in pairs]
        yield pd.DataFrame(out, columns=["table", "payload"])


def _ids(texts: pd.Series) -> pd.Series:
    """Article ids of a column of texts (``None`` for missing or blank text)."""
    return texts.map(lambda t: article_id(t) if isinstance(t, str) and t.strip() else None)


# -- the job --------------------------------------------------------------------------------


def spark_session(master: str | None = None, partitions: int | None = None) -> SparkSession:
    """A SparkSession for zitat (or the one ``spark-submit`` started).

    Args:
        master: ``local[2]``, ``spark://host:7077``, ``yarn``…; ``None`` keeps the one
            from ``spark-submit``/``spark-defaults.conf`` (``local[*]`` without either).
        partitions: default shuffle partitions.

    Raises:
        ZitatError: Spark cannot start (no Java, for instance).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ZitatError(f"zitat batch needs pyspark: pip install 'zitat[spark]' ({exc})") from None
    builder = SparkSession.builder.appName("zitat-batch")
    builder = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    builder = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
    # Small Arrow batches: each one is analysed before the next is read, bounding memory.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local runs: workers use this interpreter (where zitat is installed), and the
            # driver binds to loopback only. pyspark takes the workers' interpreter from
            # PYSPARK_PYTHON only (not from the conf), so it is set for this process.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            builder = (
                builder.config("spark.pyspark.python", sys.executable)
                .config("spark.pyspark.driver.python", sys.executable)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
            )
            if not partitions:
                builder = builder.config("spark.sql.shuffle.partitions", "8")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: report why, not a Py4J trace
        raise ZitatError(f"cannot start Spark (is Java 17+ installed?): {exc}") from None
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _delete(spark: SparkSession, path: str) -> None:
    """Delete a folder on whatever file system Spark writes to (local, HDFS, S3…)."""
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(hpath, True)  # type: ignore[attr-defined]


def run_batch(
    inputs: list[str],
    out: str | Path,
    *,
    spark: SparkSession | None = None,
    master: str | None = None,
    partitions: int | None = None,
    fmt: str = "auto",
    date: str | None = None,
) -> RunReport:
    """Analyse ``inputs`` with Spark and write the Parquet tables to ``out``.

    Args:
        inputs: files or folders (any format zitat reads) and Parquet files/folders.
        out: output folder; each table goes to ``out/<table>`` (replaced on rerun).
        spark: an existing session (default: start one with ``master``).
        master: Spark master for a new session.
        partitions: how many partitions the analysis runs in (default: Spark's
            default parallelism × 2).
        fmt: format of the non-Parquet inputs (``auto`` detects per file).
        date: date for records without one.

    Returns:
        A :class:`~zitat.reports.RunReport` with row counts per table.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    started = time.perf_counter()
    out_str = str(Path(out).resolve()) if "://" not in str(out) else str(out)
    spark = spark or spark_session(master, partitions)
    work = f"{out_str}/_work"
    _delete(spark, work)
    frames = []
    local = [(i, item) for i, item in enumerate(inputs) if not is_parquet_input(item)]
    for i, item in enumerate(inputs):
        if is_parquet_input(item):
            frames.append(_parquet_frame(spark, item, i, date))
    if local:
        if "://" in work and not work.startswith("file://"):
            raise ZitatError(
                "inputs read on the driver need a local or shared --out folder; "
                "convert them to Parquet to write to a remote file system"
            )
        staged = stage_records(local, Path(work.removeprefix("file://")) / "raw", fmt=fmt,
                               date=date)
        log.info("staged %d records from %d input(s)", staged, len(local))
        frames.append(spark.read.schema(RAW_DDL).parquet(f"{work}/raw"))
    raw = frames[0]
    for extra in frames[1:]:
        raw = raw.unionByName(extra)

    ids = F.pandas_udf(_ids, "string")  # type: ignore[call-overload]
    raw = raw.withColumn("id", ids(F.col("text")))
    report = RunReport(out=out_str)
    counts = raw.groupBy(F.col("id").isNull().alias("unkeyed")).agg(
        F.count(F.lit(1)).alias("n"), F.countDistinct("id").alias("distinct")
    ).collect()
    for c in counts:
        report.read += c["n"]
        if not c["unkeyed"]:
            report.duplicates = c["n"] - c["distinct"]
    # The first record of each text in input order is analysed; later copies are dropped.
    first = Window.partitionBy("id").orderBy("seq")
    keyed = (
        raw.where(F.col("id").isNotNull())
        .withColumn("_n", F.row_number().over(first))
        .where(F.col("_n") == 1)
        .drop("_n")
    )
    unique = keyed.unionByName(raw.where(F.col("id").isNull()))
    n_parts = partitions or max(2, spark.sparkContext.defaultParallelism * 2)
    report.partitions = n_parts
    analysed = unique.repartition(n_parts, "id").drop("id").mapInPandas(
        analyse_partition, schema=STAGE_DDL
    )
    analysed.write.mode("overwrite").partitionBy("table").parquet(f"{work}/analysed")

    staged_rows = spark.read.schema(STAGE_DDL).parquet(f"{work}/analysed")
    for table in TABLES:
        df = (
            staged_rows.where(F.col("table") == table)
            .select(F.from_json("payload", ddl(table)).alias("r"))
            .select("r.*")
        )
        if table == "articles":
            df = df.orderBy("seq")  # part files in input order: `zitat load` keeps it
        elif table == "rejects":
            df = df.orderBy("origin")
        else:
            df = df.sortWithinPartitions("article_id")
        df.write.mode("overwrite").parquet(f"{out_str}/{table}")
        report.rows[table] = spark.read.parquet(f"{out_str}/{table}").count()
    if report.rows["rejects"]:
        for r in (
            spark.read.parquet(f"{out_str}/rejects")
            .groupBy(F.substring_index("reason", ":", 1).alias("reason"))
            .count()
            .collect()
        ):
            report.count_reason(r["reason"], r["count"])
    report.rows.update(write_clusters(spark, out_str))  # wire copies, statement clusters
    _delete(spark, work)
    report.articles = report.rows["articles"]
    report.rejected = report.rows["rejects"]
    report.quotes = report.rows.get("quotes", 0)
    report.seconds = time.perf_counter() - started
    return report
