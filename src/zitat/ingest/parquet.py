"""Parquet tables of articles: a ``text`` column, optional ``date``, ``title``, ``url``,
``source``. Rows are validated like JSON records.

``zitat ingest`` reads a Parquet file here with pyarrow; ``zitat batch`` hands Parquet
inputs (:func:`is_parquet_input`) to Spark, which reads the same columns.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zitat.ingest.jsonl import record_from_obj
from zitat.schema import RawArticle, Rejected

#: the columns an article table may have; ``text`` is required
COLUMNS = ("text", "date", "title", "url", "source")
#: the first four bytes of every Parquet file
MAGIC = b"PAR1"


def is_parquet_input(path: str) -> bool:
    """Whether an input is Parquet: a ``.parquet`` file or a folder holding only Parquet.

    Inputs on remote file systems (``hdfs://``, ``s3a://``…) are read by Spark and must
    be Parquet; http(s) URLs are fetched by zitat's readers.
    """
    if "://" in path and not path.startswith(("http://", "https://", "file://")):
        return True
    p = Path(path.removeprefix("file://"))
    if p.suffix.lower() == ".parquet":
        return True
    if not p.is_dir():
        return False
    files = [f for f in p.rglob("*") if f.is_file() and not f.name.startswith((".", "_"))]
    return bool(files) and all(f.suffix.lower() == ".parquet" for f in files)


def _string(value: Any) -> str:
    """A cell as the contract's string; dates and timestamps as ``YYYY-MM-DD``."""
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()[:10]
    return str(value)


def read_parquet(data: bytes, source: str) -> Iterator[RawArticle | Rejected]:
    """Read the articles of one Parquet file; origins are ``source#row`` (from 1)."""
    try:
        # the spark extra: imported only when a Parquet file is read (pyarrow is large)
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield Rejected(origin=source, reason="reading Parquet needs pyarrow: "
                                             "pip install 'zitat[spark]'")
        return
    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        yield Rejected(origin=source, reason=f"not a readable Parquet file: {exc}")
        return
    if "text" not in table.column_names:
        yield Rejected(origin=source, reason="Parquet input needs a 'text' column "
                                             f"(has {table.column_names})")
        return
    columns = [c for c in COLUMNS if c in table.column_names]
    for i, row in enumerate(table.select(columns).to_pylist(), start=1):
        obj = {k: _string(v) for k, v in row.items() if v is not None}
        yield record_from_obj(obj, f"{source}#{i}")
