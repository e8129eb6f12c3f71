"""Train the quotation medium classifier (``zitat/models/de_zitat_medium.json``).

Data: the training split of the quotation corpus (``../shared/data/quotations/train.jsonl``).
zitat runs on every training document with the cue-only medium; each predicted quotation
that the official metric pairs with a gold quotation becomes one example (features of the
*predicted* quotation, the gold medium as label), so the classifier learns from what it
will see at run time. A softmax regression with L2 penalty is fitted with L-BFGS; the
penalty is chosen by 5-fold cross-validation on the training split. Dev is not used.

Usage: ``python -m zitat.train.medium [--shared-data DIR] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from zitat.analysis import analyze
from zitat.eval.corpus import TokenMap, read_corpus
from zitat.eval.quotations import FIELDS, Annotation, pair_quotes
from zitat.nlp.medium import MODEL_PATH, MediumModel, medium_features
from zitat.nlp.pipeline import COMPONENTS, load_core
from zitat.settings import get_settings

log = logging.getLogger(__name__)

#: media with enough training examples to learn; the rest (TW, Thought, none) are rare
LABELS = ("Speech", "SW", "Writing", "ST")
MIN_FEATURE_COUNT = 2
#: (document index, features, gold medium)
Example = tuple[int, list[str], str]


def rules_pipeline() -> Any:
    """The zitat pipeline with the cue-only medium (the classifier's own input)."""
    nlp = load_core()
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"use_medium_model": False} if name == "zitat_quotes" else {})
    return nlp


def _token_ids(tokens: Any, spans: Sequence[tuple[int, int]], shift: int) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in tokens.ids(s + shift, e + shift))


def collect_examples(gold_docs: Sequence[dict[str, Any]], nlp: Any) -> list[Example]:
    """(document index, features, gold medium) for every predicted quotation paired with a
    gold one."""
    examples = []
    for n, doc in enumerate(gold_docs):
        text = doc["originalText"]
        if not text.strip():
            continue
        shift = len(text) - len(text.lstrip())
        article = analyze(text, date=doc.get("date") or None, nlp=nlp)
        tokens = TokenMap(doc["tokens"])
        gold = [Annotation.from_corpus(a) for a in doc.get("annotations", [])]
        pred, by_id = [], {}
        for q in article.quotes:
            roles = {"quote": _token_ids(tokens, q.spans, shift)}
            for f in FIELDS[1:]:
                role = getattr(q, f)
                roles[f] = _token_ids(tokens, role.spans, shift) if role else frozenset()
            ann = Annotation(type=q.type, medium=q.medium, tokens=roles)
            pred.append(ann)
            by_id[id(ann)] = q
        for g, p in pair_quotes(gold, pred):
            if g is None or p is None or g.medium not in LABELS:
                continue
            q = by_id[id(p)]
            feats = medium_features(article.text, q.type, q.cue.spans if q.cue else [],
                                    q.speaker.spans if q.speaker else [], q.medium)
            examples.append((n, feats, g.medium))
    return examples


def _matrix(examples: Sequence[Example], vocab: dict[str, int]) -> tuple[Any, Any]:
    from scipy.sparse import csr_matrix  # dev/train extra, only for training

    rows, cols = [], []
    for r, (_, feats, _) in enumerate(examples):
        for f in feats:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    y = np.array([LABELS.index(label) for _, _, label in examples])
    return x, y


def fit(x: Any, y: Any, l2: float) -> Any:
    """Softmax regression weights (features × classes), L2-penalised, by L-BFGS."""
    from scipy.optimize import minimize  # dev/train extra, only for training

    n, d = x.shape
    k = len(LABELS)
    onehot = np.eye(k)[y]

    def loss(w_flat: Any) -> tuple[float, Any]:
        w = w_flat.reshape(d, k)
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        nll = -np.sum(np.log(p[np.arange(n), y] + 1e-12)) / n
        grad = x.T @ (p - onehot) / n + l2 * w
        return nll + 0.5 * l2 * float(np.sum(w * w)), grad.ravel()

    res = minimize(loss, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x.reshape(d, k)


def vocabulary(examples: Sequence[Example]) -> dict[str, int]:
    counts = Counter(f for _, feats, _ in examples for f in feats)
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items()
                                              if c >= MIN_FEATURE_COUNT or f == "bias"))}


def cross_validate(examples: Sequence[Example], l2: float, folds: int = 5) -> float:
    """Accuracy of the classifier over ``folds`` folds of whole documents."""
    correct = 0
    for k in range(folds):
        train = [e for e in examples if e[0] % folds != k]
        test = [e for e in examples if e[0] % folds == k]
        vocab = vocabulary(train)
        w = fit(*_matrix(train, vocab), l2)
        x, y = _matrix(test, vocab)
        correct += int(np.sum((x @ w).argmax(axis=1) == y))
    return correct / len(examples)


def train(examples: Sequence[Example], l2: float) -> MediumModel:
    """Fit on all examples and keep the weights that matter."""
    vocab = vocabulary(examples)
    w = fit(*_matrix(examples, vocab), l2)
    weights = {f: [round(float(v), 4) for v in w[i]] for f, i in vocab.items()
               if np.abs(w[i]).max() >= 1e-3}
    return MediumModel(labels=LABELS, weights=weights)


def main(argv: list[str] | None = None) -> None:
    """Collect examples on the training split, choose the penalty by CV, write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    gold = list(read_corpus(args.shared_data / "quotations" / "train.jsonl"))
    examples = collect_examples(gold, rules_pipeline())
    rule_acc = sum(f"h={label}" in feats for _, feats, label in examples) / len(examples)
    log.info("%d paired quotations; cue-only medium accuracy %.3f", len(examples), rule_acc)
    best = max((cross_validate(examples, l2), l2) for l2 in (0.03, 0.01, 0.003, 0.001))
    log.info("5-fold accuracy %.3f with L2 %g", *best)
    model = train(examples, best[1])
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    log.info("%d features written to %s", len(model.weights), args.out)


if __name__ == "__main__":
    main()
