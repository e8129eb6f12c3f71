"""Calibration of quote confidence on the quotation corpus (reliability table and ECE).

A quote is right when its tokens match a gold quotation (token F1 ≥ 0.5) and its speaker
is right as well (see :mod:`zitat.eval.calibration`). Dev is not used for training; the
train split is printed beside it with ``--split train`` (the taggers learned there).

Target (issue 22): expected calibration error ≤ 0.05 on data not used for training.

Usage: ``python bench/bench_calibration.py [--split dev|train]``; skips without the data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zitat.settings import get_settings

TARGET_ECE = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    args = parser.parse_args()
    gold_path = Path(get_settings().shared_data) / "quotations" / f"{args.split}.jsonl"
    if not gold_path.exists():
        print(f"bench_calibration: SKIP — {gold_path} not found (set ZITAT_SHARED_DATA)")
        return
    from zitat.analysis import default_pipeline
    from zitat.eval.calibration import expected_calibration_error, reliability_table
    from zitat.eval.corpus import predict_documents, read_corpus

    gold = list(read_corpus(gold_path))
    preds = predict_documents(gold, default_pipeline(), with_confidence=True)
    from zitat.eval.calibration import judge_documents

    samples = judge_documents(gold, {p["documentName"]: p for p in preds})
    print(f"Quote confidence on quotation {args.split} ({len(gold)} documents):")
    print(reliability_table(samples))
    ece = expected_calibration_error(samples)
    print(f"  ECE {ece:.3f}   target <= {TARGET_ECE}   {'met' if ece <= TARGET_ECE else 'not met'}")


if __name__ == "__main__":
    main()
