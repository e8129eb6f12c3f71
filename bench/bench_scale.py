"""Throughput of `zitat batch` (Spark local[1], local[2]) and `zitat ingest` on 10kGNAD.

Data: ../shared/data/news-10kgnad/articles.csv (``;``-separated, ``'`` quoting, columns
label;text), converted to JSONL in a temporary folder. By default the first 300
articles are used so the benchmark stays short on a shared machine; ``--limit 0`` uses
all of them. Each configuration runs in its own process; Spark start-up and pipeline
loading are timed separately from the analysis, which is what scales with the corpus.

Prints articles/s per configuration and an estimate of the cores × hours needed for
10 million articles. Skips (exit 0) when the shared data folder is absent.

Usage: python bench/bench_scale.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path("news-10kgnad") / "articles.csv"
TARGET = 10_000_000
WARMUP = 16


def shared_data() -> Path | None:
    """The shared data folder: ZITAT_SHARED_DATA (via settings) or <repo>/../shared/data."""
    from zitat.settings import get_settings

    for candidate in (Path(get_settings().shared_data), REPO.parent / "shared" / "data"):
        if (candidate / CORPUS).is_file():
            return candidate
    return None


def convert(csv_path: Path, out: Path, limit: int) -> int:
    """Write the first ``limit`` articles (0: all) of the 10kGNAD CSV as JSONL."""
    csv.field_size_limit(sys.maxsize)
    n = 0
    with csv_path.open(encoding="utf-8", newline="") as f, out.open("w", encoding="utf-8") as w:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) != 2 or not row[1].strip():
                continue
            w.write(json.dumps({"text": row[1], "label": row[0]}, ensure_ascii=False) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return n


# -- one configuration per process -------------------------------------------------------


def run_batch_config(master: str, data: Path, warm: Path, work: Path) -> dict:
    """Start Spark, warm the workers up on a few articles, then time the batch run."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from zitat.scale.job import run_batch, spark_session

    cores = int(master[len("local["):-1])
    t0 = time.perf_counter()
    spark = spark_session(master, partitions=cores * 2)
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_batch([str(warm)], work / "warm", spark=spark, partitions=cores)  # loads pipelines
    warmup = time.perf_counter() - t0
    report = run_batch([str(data)], work / "out", spark=spark, partitions=cores * 4)
    spark.stop()
    return {
        "config": f"batch {master}", "cores": cores, "articles": report.articles,
        "quotes": report.quotes, "seconds": report.seconds, "rate": report.articles / report.seconds,
        "startup_s": startup, "warmup_s": warmup,
    }


def run_ingest_config(data: Path, work: Path) -> dict:
    """Load the pipeline, then time `zitat ingest` (library call) into a new SQLite file."""
    import io

    from zitat.analysis import default_pipeline
    from zitat.jobs import ingest
    from zitat.store import open_store

    t0 = time.perf_counter()
    nlp = default_pipeline()
    startup = time.perf_counter() - t0
    db = str(work / "ingest.db")
    with open_store(db, create=True) as store:
        report = ingest([str(data)], store, db_path=db, nlp=nlp, reject_stream=io.StringIO())
    return {
        "config": "ingest (1 process)", "cores": 1, "articles": report.added,
        "quotes": report.quotes, "seconds": report.seconds,
        "rate": report.added / report.seconds, "startup_s": startup, "warmup_s": 0.0,
        "pipeline": nlp.pipe_names,
    }


def _child(args: list[str]) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"benchmark step {args[:2]} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def estimate(results: list[dict]) -> dict:
    """Cores × hours for 10M articles from the measured per-core rates.

    The analysis is CPU-bound and embarrassingly parallel (no shuffle of any size: the
    tables are about 1 KB per article), so a cluster scales with cores. Two figures:
    from local[1] (one dedicated core) and from local[2] (both cores of this machine,
    including Spark's own threads and anything else running here).
    """
    by = {r["config"]: r for r in results}
    per_core_1 = by["batch local[1]"]["rate"]
    per_core_2 = by["batch local[2]"]["rate"] / 2
    hours = lambda rate: TARGET / rate / 3600 if rate else float("inf")  # noqa: E731
    return {"per_core_local1": per_core_1, "per_core_local2": per_core_2,
            "scaling_efficiency": per_core_2 / per_core_1 if per_core_1 else 0.0,
            "core_hours_10M_local1": hours(per_core_1),
            "core_hours_10M_local2": hours(per_core_2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles to use (0: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # ran by the parent: one configuration, result as JSON on stdout
        kind, data, warm, work = args.child
        if kind == "ingest":
            result = run_ingest_config(Path(data), Path(work))
        else:
            result = run_batch_config(kind, Path(data), Path(warm), Path(work))
        print(json.dumps(result))
        return

    root = shared_data()
    if root is None:
        print("bench_scale: SKIP — ../shared/data/news-10kgnad not found (set ZITAT_SHARED_DATA)")
        return
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("bench_scale: SKIP — pyspark is not installed (pip install 'zitat[spark]')")
        return
    with tempfile.TemporaryDirectory(prefix="zitat-bench-scale-") as tmp:
        tmpdir = Path(tmp)
        data, warm = tmpdir / "articles.jsonl", tmpdir / "warm.jsonl"
        n = convert(root / CORPUS, data, args.limit)
        convert(root / CORPUS, warm, WARMUP)
        print(f"bench_scale: {n} articles of 10kGNAD ({'all' if not args.limit else 'subset'}), "
              f"{os.cpu_count()} CPU(s) on this machine", flush=True)
        results = []
        for kind in ("local[1]", "local[2]", "ingest"):
            work = tmpdir / kind.replace("[", "").replace("]", "")
            work.mkdir()
            load_before = os.getloadavg()[0]
            results.append(_child(["--child", kind, str(data), str(warm), str(work)]))
            r = results[-1]
            r["load_avg_before"] = load_before  # other work on the machine skews the rates
            print(f"  {r['config']:<20} {r['rate']:7.1f} articles/s  ({r['articles']} articles, "
                  f"{r['quotes']} quotes in {r['seconds']:.1f}s; start-up {r['startup_s']:.1f}s"
                  f", warm-up {r['warmup_s']:.1f}s; load average before {load_before:.1f})",
                  flush=True)
    est = estimate(results)
    print(f"  pipeline: {results[-1].get('pipeline')}")
    print(f"  per core: {est['per_core_local1']:.1f} articles/s on local[1], "
          f"{est['per_core_local2']:.1f} on local[2] (scaling efficiency "
          f"{est['scaling_efficiency']:.0%})")
    best, worst = est["core_hours_10M_local1"], est["core_hours_10M_local2"]
    print(f"  10M articles ≈ {best:,.0f}–{worst:,.0f} core-hours (local[1]–local[2] per-core "
          f"rate), i.e. {best / 64:,.1f}–{worst / 64:,.1f} h on 64 cores, plus Spark start-up "
          "and one pipeline load per worker (seconds)")
    if args.json:
        print(json.dumps({"articles": n, "results": results, "estimate": est}, indent=2))


if __name__ == "__main__":
    main()
