"""Long fuzzing of issue 24's targets: every reader, an ingest run, the HTTP endpoints.

The test suite runs each target for a few dozen examples; this runs each for minutes with
fresh random seeds, round after round, until its time is up or a check fails. A failure
prints the shrunk input and a ``@reproduce_failure`` line and ends with exit code 1.
Examples slower than ``--slow`` seconds are listed but do not fail: the analysis of some
fragment mixes takes minutes (quadratic quote detection, a finding of its own in issue 24).

Usage: ``python bench/bench_fuzz.py [--minutes M] [--target NAME ...]``; ``--minutes``
(default: ``$FUZZ_MINUTES`` or 10) is the time per target.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package

from tests.fuzz.targets import TARGETS, Target, run

#: examples per round; each round draws new random seeds
ROUND = 200


def _timed(target: Target, slow: float) -> Target:
    """The target, reporting every example that takes longer than ``slow`` seconds: not a
    failure here (resource limits are another issue's), but worth a look."""

    def check(value: object) -> None:
        started = time.monotonic()
        try:
            target.check(value)
        finally:
            took = time.monotonic() - started
            if took > slow:
                print(f"  slow example ({took:.0f} s, {len(repr(value)):,} characters as repr): "
                      f"{repr(value)[:160]}", flush=True)

    return Target(target.name, target.strategy, check)


def fuzz(name: str, seconds: float, slow: float) -> int:
    """Run one target in rounds for ``seconds``; returns the number of examples run."""
    target = _timed(next(t for t in TARGETS if t.name == name), slow)
    end = time.monotonic() + seconds
    examples = 0
    while time.monotonic() < end:
        run(target, ROUND)
        examples += ROUND
    return examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float,
                        default=float(os.environ.get("FUZZ_MINUTES", "10")),
                        help="time per target (default: $FUZZ_MINUTES or 10)")
    parser.add_argument("--target", action="append", choices=[t.name for t in TARGETS],
                        help="fuzz only this target (repeatable; default: all)")
    parser.add_argument("--slow", type=float, default=10.0,
                        help="report examples that take longer than this many seconds")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # readers log every reject; the checks are what counts
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    failed = False
    for name in args.target or [t.name for t in TARGETS]:
        started = time.monotonic()
        try:
            n = fuzz(name, args.minutes * 60, args.slow)
        except Exception as exc:  # a failed check: report it, go on with the next target
            failed = True
            print(f"{name:14} FAILED after {time.monotonic() - started:.0f} s:", flush=True)
            traceback.print_exception(exc, file=sys.stdout)  # with Hypothesis' example
            sys.stdout.flush()
            continue
        seconds = time.monotonic() - started
        print(f"{name:14} {n:7,d} examples in {seconds:5.0f} s ({n / seconds:6.1f}/s): ok",
              flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
