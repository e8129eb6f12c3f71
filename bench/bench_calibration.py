"""Calibration of quote confidence on the quotation corpus (reliability table and ECE).

A quote is right when its tokens match a gold quotation (token F1 ≥ 0.5) and its speaker
is right as well (see :mod:`zitat.eval.calibration`). A quote's confidence comes from the
confidence model (:mod:`zitat.nlp.confidence`), which was fitted on dev; the honest dev
figure is therefore **cross-fitted**: dev's documents in two halves, each scored by a model
fitted on the other half with the shipped recipe (``zitat.train.calibration``). Beside it:
the shipped model on dev (in-sample, for reference) and, with ``--train``, on the train
split (not used to fit it; the taggers learned there).

Target (issue 22): expected calibration error ≤ 0.05 on data not used for training.

Usage: ``python bench/bench_calibration.py [--train]``; skips without the data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zitat.settings import get_settings

TARGET_ECE = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", action="store_true", help="also score the train split")
    args = parser.parse_args()
    qdir = Path(get_settings().shared_data) / "quotations"
    if not (qdir / "dev.jsonl").exists():
        print(f"bench_calibration: SKIP — {qdir / 'dev.jsonl'} not found (set ZITAT_SHARED_DATA)")
        return
    from zitat.analysis import default_pipeline
    from zitat.eval.calibration import expected_calibration_error, reliability_table
    from zitat.eval.corpus import read_corpus
    from zitat.nlp.confidence import load_calibrator
    from zitat.train.calibration import cross_fitted, judged_quotes, scored

    nlp = default_pipeline()
    shipped = load_calibrator()
    dev_docs = list(read_corpus(qdir / "dev.jsonl"))
    dev = judged_quotes(dev_docs, nlp)
    crossed = cross_fitted(dev)
    print(f"Quote confidence on quotation dev ({len(dev_docs)} documents), 2-fold cross-fitted:")
    print(reliability_table(crossed))
    ece = expected_calibration_error(crossed)
    print(f"  ECE {ece:.3f} (cross-fitted)   target <= {TARGET_ECE}   "
          f"{'met' if ece <= TARGET_ECE else 'not met'}")
    if shipped is None:
        print("  no shipped confidence model: quotations carry their rules' raw scores")
        return
    print(f"  shipped model on dev (fitted there, in-sample): "
          f"ECE {expected_calibration_error(scored(shipped, dev)):.3f}")
    if args.train:
        train_docs = list(read_corpus(qdir / "train.jsonl"))
        train = judged_quotes(train_docs, nlp)
        print(f"Shipped model on quotation train ({len(train_docs)} documents):")
        print(reliability_table(scored(shipped, train)))


if __name__ == "__main__":
    main()
