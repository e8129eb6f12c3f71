"""Is a quote's confidence a probability? Reliability tables and expected calibration error.

A predicted quotation counts as **right** when the official metric's pairing gives it a
gold quotation whose quote tokens it matches with token F1 ≥ 0.5 and its speaker is right
too: both without a speaker, or sharing at least one speaker token. A calibrated confidence
``c`` is right about ``c`` of the time; the expected calibration error (ECE) is the
count-weighted mean gap between confidence and accuracy over equal-width bins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zitat.eval.quotations import Annotation, pair_quotes

MIN_QUOTE_F1 = 0.5


def _f1(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def judge_predictions(gold: Sequence[Annotation], pred: Sequence[Annotation]) -> list[bool]:
    """Whether each predicted quotation (in order) is right, quote and speaker."""
    right = {id(p): False for p in pred}
    for g, p in pair_quotes(gold, pred):
        if g is None or p is None:
            continue
        if _f1(g.tokens["quote"], p.tokens["quote"]) < MIN_QUOTE_F1:
            continue
        gs, ps = g.tokens["speaker"], p.tokens["speaker"]
        right[id(p)] = (not gs and not ps) or bool(gs & ps)
    return [right[id(p)] for p in pred]


def judge_documents(
    gold_docs: Iterable[dict[str, Any]], pred_docs: dict[str, dict[str, Any]]
) -> list[tuple[float, bool]]:
    """(confidence, right) of every predicted quotation; predictions need ``confidence``."""
    out: list[tuple[float, bool]] = []
    for doc in gold_docs:
        gold = [Annotation.from_corpus(a) for a in doc.get("annotations", [])]
        anns = pred_docs.get(doc["documentName"], {}).get("annotations", [])
        pred = [Annotation.from_corpus(a) for a in anns]
        for ann, ok in zip(anns, judge_predictions(gold, pred), strict=True):
            out.append((float(ann["confidence"]), ok))
    return out


@dataclass(frozen=True)
class Bin:
    """One confidence bin of a reliability table."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(samples: Sequence[tuple[float, bool]], bins: int = 10) -> list[Bin]:
    """Equal-width confidence bins over [0, 1] (empty bins left out)."""
    buckets: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for conf, ok in samples:
        buckets[min(bins - 1, max(0, int(conf * bins)))].append((conf, ok))
    return [
        Bin(low=i / bins, high=(i + 1) / bins, count=len(b),
            mean_confidence=sum(c for c, _ in b) / len(b), accuracy=sum(ok for _, ok in b) / len(b))
        for i, b in enumerate(buckets) if b
    ]


def expected_calibration_error(samples: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Count-weighted mean |accuracy − confidence| over the reliability bins."""
    if not samples:
        return 0.0
    table = reliability(samples, bins)
    return sum(b.count * abs(b.accuracy - b.mean_confidence) for b in table) / len(samples)


def reliability_table(samples: Sequence[tuple[float, bool]], bins: int = 10) -> str:
    """The reliability table and ECE as text."""
    lines = [f"{'confidence':<12}{'quotes':>8}{'mean conf':>11}{'right':>8}{'gap':>8}"]
    for b in reliability(samples, bins):
        lines.append(f"{b.low:.1f}–{b.high:.1f}{'':<5}{b.count:>8}{b.mean_confidence:>11.3f}"
                     f"{b.accuracy:>8.3f}{b.accuracy - b.mean_confidence:>+8.3f}")
    ece = expected_calibration_error(samples, bins)
    right = sum(ok for _, ok in samples)
    lines.append(f"{len(samples)} quotes, {right} right ({100 * right / max(1, len(samples)):.1f} %), "
                 f"expected calibration error {ece:.3f}")
    return "\n".join(lines)
