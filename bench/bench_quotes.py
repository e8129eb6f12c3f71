"""Benchmark quotation detection: official metric on the quotation corpus' dev split and the
time the quotation step adds to the whole pipeline.

Accuracy: ``zitat eval quotations`` on ``<shared>/quotations/dev.jsonl`` (Messages, Roles,
Joint, Form, STWR; per role and per type), with the issue's targets and the QUiTE
rule-based baseline on the same split for scale. The train split can be scored too
(``--split train``) to check that a change generalises beyond dev.

Speed: the whole pipeline with and without ``zitat_quotes`` (and ``zitat_speakers``, which
only works on quotations) over the first ``--limit`` articles of 10kGNAD; target: the
quotation step adds at most 30 %.

Usage: ``python bench/bench_quotes.py [--split dev|train] [--limit N]``; skips cleanly when
the shared data folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from zitat.settings import get_settings

#: issue 22's targets (dev, official scorer, F1): the groups, two roles and two quote types
TARGETS = {"Joint": 75.0, "Messages": 80.0, "Roles": 72.0, "Form": 80.0, "Stwr": 62.0}
ROLE_TARGETS = {"speaker": 70.0, "addressee": 45.0}
TYPE_TARGETS = {"Reported": 70.0, "FreeIndirect": 70.0}
#: Joint precision must stay at or above this while recall grows
JOINT_PRECISION_FLOOR = 78.0
QUITE_DEV = {"Messages": 48.8, "Joint": 38.9, "Form": 39.1, "Stwr": 38.3}


def accuracy(shared: Path, split: str) -> None:
    """Score zitat on one split of the quotation corpus and print the table."""
    from zitat.analysis import default_pipeline
    from zitat.eval.quotations import evaluate_quotations

    gold = shared / "quotations" / f"{split}.jsonl"
    t0 = time.perf_counter()
    scores = evaluate_quotations(gold, None, default_pipeline())
    print(f"Quotations, {split} split ({time.perf_counter() - t0:.0f} s):")
    print(scores.table())
    d = scores.to_dict()
    print("  vs issue 22's targets (dev) and QUiTE (dev):")
    for row, target in TARGETS.items():
        quite = f"   QUiTE {QUITE_DEV[row]:.1f}" if row in QUITE_DEV else ""
        print(f"    {row:<12} F1 {d[row.lower()]['f1']:5.1f}   target >= {target:.0f}{quite}")
    for role, target in ROLE_TARGETS.items():
        print(f"    {role:<12} F1 {d['per_role'][role]['f1']:5.1f}   target >= {target:.0f}")
    for kind, target in TYPE_TARGETS.items():
        f1 = d["per_type_quote"].get(kind, {"f1": 0.0})["f1"]
        print(f"    {kind:<12} F1 {f1:5.1f}   target >= {target:.0f} (quote tokens)")
    print(f"    Joint P      {d['joint']['p']:5.1f}   floor >= {JOINT_PRECISION_FLOOR:.0f}")


def speed(shared: Path, limit: int, repeats: int = 3) -> None:
    """Time the pipeline with and without the quotation step (best of ``repeats`` runs)."""
    from zitat.nlp.pipeline import load_pipeline

    csv.field_size_limit(10**8)
    with (shared / "news-10kgnad" / "articles.csv").open(encoding="utf-8") as fh:
        texts = [r[1] for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
    texts = texts[:limit]
    timings: dict[str, float] = {}
    pipelines = {
        "without quotes": load_pipeline(components=("zitat_timex", "zitat_places")),
        "whole pipeline": load_pipeline(
            components=("zitat_quotes", "zitat_speakers", "zitat_timex", "zitat_places")),
    }
    for nlp in pipelines.values():
        list(nlp.pipe(texts[:8]))  # warm-up
    # alternating repeats, best of each: other jobs on the machine slow single runs
    for _ in range(repeats):
        for label, nlp in pipelines.items():
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            timings[label] = min(timings.get(label, float("inf")), time.perf_counter() - t0)
    base, whole = timings["without quotes"], timings["whole pipeline"]
    print(f"Quotation step cost on {len(texts)} 10kGNAD articles: {base:.1f} s without, "
          f"{whole:.1f} s with quotes+speakers: +{100 * (whole - base) / base:.0f} % "
          f"(target <= 30 %)")


def main() -> None:
    """Run the accuracy and speed parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=500, help="Articles for the speed part.")
    args = parser.parse_args()
    shared = Path(get_settings().shared_data)
    if not (shared / "quotations").exists():
        print(f"skipped: {shared}/quotations not found (set ZITAT_SHARED_DATA)")
        return
    accuracy(shared, args.split)
    if (shared / "news-10kgnad").exists():
        speed(shared, args.limit)


if __name__ == "__main__":
    main()
