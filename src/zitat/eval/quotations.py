"""The quotation metric of the German news quotation corpus, reimplemented.

Per document, predicted and gold quotations are paired one-to-one so that the summed
token-overlap F1 of their quote token sets is maximal (Hungarian assignment; an equal
type, then an equal medium, breaks ties). Unpaired quotations are paired with an empty
one. For every pair, token TP/FP/FN are counted for the quote and each role (addressee,
cue, frame, speaker); per pair and role, precision and recall are computed, undefined 0/0
values skipped. **Messages** averages them over quote entries, **Roles** over the four
roles, **Joint** over all five; F1 comes from the averaged precision and recall.
**Form** (type) and **STWR** (medium) are micro P/R/F1 over pairs: a pair is correct when
its labels are identical; precision divides by the predicted, recall by the gold count.

It mirrors the corpus authors' scorer (``../shared/scorer/quotations_eval.py``) in every
choice that moves a figure: the assignment pairs as many quotations as it can, even
without any shared token, and its tie-break bonuses are theirs; a test checks that both
print the same figures on the same predictions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from zitat.eval.corpus import predict_documents, read_corpus

ROLES = ("addressee", "cue", "frame", "speaker")
FIELDS = ("quote", *ROLES)


@dataclass(frozen=True)
class Annotation:
    """One quotation as token-id sets (the gold tokenisation)."""

    type: str
    medium: str
    tokens: dict[str, frozenset[int]]

    @classmethod
    def from_corpus(cls, ann: dict[str, Any]) -> Annotation:
        return cls(
            type=ann.get("type", ""),
            medium=ann.get("medium", ""),
            tokens={f: frozenset((ann.get(f) or {}).get("tokenIds") or []) for f in FIELDS},
        )


def _f1(gold: frozenset[int], pred: frozenset[int]) -> float:
    # computed as the official scorer does (from precision and recall, not 2|a∩b|/(|a|+|b|)):
    # the two differ in the last bit, and the assignment's ties follow those bits
    if not gold or not pred:
        return 0.0
    inter = len(gold & pred)
    precision, recall = inter / len(pred), inter / len(gold)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def pair_quotes(
    gold: Sequence[Annotation], pred: Sequence[Annotation]
) -> list[tuple[Annotation | None, Annotation | None]]:
    """Pair gold and predicted quotations as the official scorer does.

    One Hungarian assignment over quote-token F1 (plus 0.01 for an equal type and 0.001
    for an equal medium, given any overlap) pairs ``min(len(gold), len(pred))`` quotations,
    even where a pair shares no token; the rest are paired with an empty quotation.
    """
    pairs: list[tuple[Annotation | None, Annotation | None]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    if gold and pred:
        score = np.zeros((len(gold), len(pred)))
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                f = _f1(g.tokens["quote"], p.tokens["quote"])
                if f > 0:
                    score[i, j] = f + 0.01 * (g.type == p.type) + 0.001 * (g.medium == p.medium)
        rows, cols = linear_sum_assignment(score, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            pairs.append((gold[i], pred[j]))
            used_g.add(i)
            used_p.add(j)
    pairs += [(None, p) for j, p in enumerate(pred) if j not in used_p]
    pairs += [(g, None) for i, g in enumerate(gold) if i not in used_g]
    return pairs


@dataclass
class _PR:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)

    def add(self, g: frozenset[int], p: frozenset[int]) -> None:
        tp = len(g & p)
        if p:
            self.precisions.append(tp / len(p))
        if g:
            self.recalls.append(tp / len(g))

    def extend(self, other: _PR) -> None:
        self.precisions += other.precisions
        self.recalls += other.recalls

    def scores(self) -> tuple[float, float, float]:
        p = float(np.mean(self.precisions)) if self.precisions else 0.0
        r = float(np.mean(self.recalls)) if self.recalls else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class _Micro:
    correct: int = 0
    gold: int = 0
    pred: int = 0

    def scores(self) -> tuple[float, float, float]:
        p = self.correct / self.pred if self.pred else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class QuotationScores:
    """All figures of the metric, with a readable table."""

    fields: dict[str, _PR] = field(default_factory=lambda: {f: _PR() for f in FIELDS})
    form: _Micro = field(default_factory=_Micro)
    stwr: _Micro = field(default_factory=_Micro)
    per_type: dict[str, _PR] = field(default_factory=dict)
    per_type_form: dict[str, _Micro] = field(default_factory=dict)
    documents: int = 0

    def add_document(self, gold: Sequence[Annotation], pred: Sequence[Annotation]) -> None:
        self.documents += 1
        for g, p in pair_quotes(gold, pred):
            empty: frozenset[int] = frozenset()
            for f in FIELDS:
                self.fields[f].add(g.tokens[f] if g else empty, p.tokens[f] if p else empty)
            if g is not None:
                self.per_type.setdefault(g.type, _PR()).add(g.tokens["quote"],
                                                            p.tokens["quote"] if p else empty)
            for micro, attr in ((self.form, "type"), (self.stwr, "medium")):
                micro.gold += g is not None
                micro.pred += p is not None
                micro.correct += bool(g and p and getattr(g, attr) == getattr(p, attr))
            if g is not None:
                m = self.per_type_form.setdefault(g.type, _Micro())
                m.gold += 1
                m.correct += bool(p and p.type == g.type)
            if p is not None:
                self.per_type_form.setdefault(p.type, _Micro()).pred += 1

    def group(self, names: Iterable[str]) -> tuple[float, float, float]:
        pr = _PR()
        for n in names:
            pr.extend(self.fields[n])
        return pr.scores()

    def to_dict(self) -> dict[str, Any]:
        def trio(t: tuple[float, float, float]) -> dict[str, float]:
            return {"p": round(100 * t[0], 2), "r": round(100 * t[1], 2), "f1": round(100 * t[2], 2)}

        return {
            "documents": self.documents,
            "messages": trio(self.fields["quote"].scores()),
            "roles": trio(self.group(ROLES)),
            "joint": trio(self.group(FIELDS)),
            "form": trio(self.form.scores()),
            "stwr": trio(self.stwr.scores()),
            "per_role": {r: trio(self.fields[r].scores()) for r in ROLES},
            "per_type_quote": {t: trio(v.scores()) for t, v in sorted(self.per_type.items())},
            "per_type_form": {t: trio(v.scores()) for t, v in sorted(self.per_type_form.items())},
        }

    def official(self) -> dict[str, float]:
        """The figures under the official scorer's names, unrounded (fractions, not %)."""
        groups = {"msg": self.fields["quote"].scores(), "roles": self.group(ROLES),
                  "joint": self.group(FIELDS), "form": self.form.scores(),
                  "stwr": self.stwr.scores()}
        out: dict[str, float] = {}
        for name, (p, r, f) in groups.items():
            out |= {f"prec_{name}": p, f"rec_{name}": r, f"f1_{name}": f}
        return out

    def table(self) -> str:
        d = self.to_dict()
        lines = [f"{d['documents']} documents", f"{'':<26}{'P':>7}{'R':>7}{'F1':>7}"]
        for key in ("messages", "roles", "joint", "form", "stwr"):
            v = d[key]
            lines.append(f"{key.capitalize():<26}{v['p']:>7.1f}{v['r']:>7.1f}{v['f1']:>7.1f}")
        lines.append("per role:")
        for r, v in d["per_role"].items():
            lines.append(f"  {r:<24}{v['p']:>7.1f}{v['r']:>7.1f}{v['f1']:>7.1f}")
        lines.append("per type (quote tokens | form):")
        for t, v in d["per_type_quote"].items():
            form = d["per_type_form"].get(t, {"f1": 0.0})
            lines.append(f"  {t:<24}{v['p']:>7.1f}{v['r']:>7.1f}{v['f1']:>7.1f}   form F1 {form['f1']:.1f}")
        return "\n".join(lines)


def score_documents(
    gold_docs: Iterable[dict[str, Any]], pred_docs: dict[str, dict[str, Any]]
) -> QuotationScores:
    """Score predictions keyed by ``documentName`` against gold corpus documents."""
    scores = QuotationScores()
    for doc in gold_docs:
        gold = [Annotation.from_corpus(a) for a in doc.get("annotations", [])]
        pdoc = pred_docs.get(doc["documentName"], {})
        pred = [Annotation.from_corpus(a) for a in pdoc.get("annotations", [])]
        scores.add_document(gold, pred)
    return scores


def evaluate_quotations(gold: Path, out: Path | None, nlp: Any) -> QuotationScores:
    """Run zitat on every gold document, write predictions, and score them.

    Args:
        gold: JSONL file or folder of JSON documents in the corpus format.
        out: where to write predictions (JSONL in the corpus format), or None.
        nlp: the zitat pipeline.

    Returns:
        The scores of the official metric.
    """
    gold_docs = list(read_corpus(gold))
    preds = predict_documents(gold_docs, nlp)
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return score_documents(gold_docs, {p["documentName"]: p for p in preds})
