"""Speaker spans: the shipped dependency parser against zitat's word-order rules (issue 22).

For every gold quotation of the quotation corpus whose cue and speaker both lie in one
sentence (the speaker a syntactic argument of the cue, as in `sagte X`, `X erklärte, …`),
two speaker spans are compared with the gold speaker, token by token (F1 on the gold
tokens):

* **rules**: the speaker zitat's rules give the predicted quotation paired with it (the
  official scorer's pairing), as `zitat eval quotations` scores it;
* **parser**: the subject (`nsubj`, else the agent `obl:agent` of a passive) of the gold cue's verb
  in the parse of the shipped core model, with its whole subtree, found where the gold cue
  is: the parser is given the right cue, so this is an upper bound of what it adds.

Prints both mean F1 values, and how often each is exact. The rules stay when the parser
does not beat them; see the model card / closing note for the figures.

Usage: ``python bench/bench_speaker_parser.py [--split dev|train] [--limit N]``; skips
cleanly when the shared data folder is absent.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from zitat.settings import get_settings


def _f1(gold: set[int], pred: set[int]) -> float:
    if not gold and not pred:
        return 1.0
    if not gold or not pred:
        return 0.0
    return 2 * len(gold & pred) / (len(gold) + len(pred))


def _parser_speaker(doc, cue_chars: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Character spans of the tokens of the cue verb's subject subtree (empty: none)."""
    cue_tokens = [t for t in doc if any(a <= t.idx < b for a, b in cue_chars)]
    for tok in cue_tokens:
        verbs = [tok, tok.head] if tok.pos_ not in ("VERB", "AUX") else [tok]
        for verb in verbs:
            for dep in ("nsubj", "obl:agent"):  # UD labels; `von X` of a passive cue
                subj = next((c for c in verb.children if c.dep_ == dep), None)
                if subj is not None:
                    return {(t.idx, t.idx + len(t)) for t in subj.subtree if not t.is_punct}
    return set()


def run(shared: Path, split: str, limit: int | None) -> None:
    from zitat.analysis import default_pipeline
    from zitat.eval.corpus import predict_documents, read_corpus
    from zitat.eval.quotations import Annotation, pair_quotes
    from zitat.nlp.pipeline import load_pipeline

    docs = list(read_corpus(shared / "quotations" / f"{split}.jsonl"))[:limit]
    preds = predict_documents(docs, default_pipeline())
    parser = load_pipeline(components=(), parse=True)
    rules_f1: list[float] = []
    parser_f1: list[float] = []
    for doc, pred in zip(docs, preds, strict=True):
        tokens = {t["id"]: t for t in doc["tokens"]}
        parsed = parser(doc["originalText"])
        gold = [Annotation.from_corpus(a) for a in doc["annotations"]]
        pairs = {id(g): p for g, p in pair_quotes(gold, [Annotation.from_corpus(a)
                                                          for a in pred["annotations"]]) if g}
        for g in gold:
            spk, cue = g.tokens["speaker"], g.tokens["cue"]
            if not spk or not cue or len({tokens[i]["sentence"] for i in spk | cue}) != 1:
                continue
            p = pairs.get(id(g))
            rules_f1.append(_f1(set(spk), set(p.tokens["speaker"]) if p else set()))
            chars = _parser_speaker(parsed, [(tokens[i]["charBegin"], tokens[i]["charEnd"])
                                             for i in cue])
            ids = {i for i, t in tokens.items()
                   if any(a <= t["charBegin"] < b for a, b in chars)}
            parser_f1.append(_f1(set(spk), ids))
    n = len(rules_f1)
    print(f"Speaker spans, {split} split: {n} gold quotations with cue and speaker in one "
          "sentence")
    for name, scores in (("rules (zitat)", rules_f1), ("parser, gold cue", parser_f1)):
        exact = sum(s == 1.0 for s in scores)
        print(f"  {name:<18} mean token F1 {100 * statistics.mean(scores):5.1f}   "
              f"exact {100 * exact / n:5.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--limit", type=int, default=None, help="documents (default: all)")
    args = ap.parse_args()
    shared = Path(get_settings().shared_data)
    if not (shared / "quotations" / f"{args.split}.jsonl").exists():
        print("skipped: the quotation corpus is not in", shared)
        return
    run(shared, args.split, args.limit)


if __name__ == "__main__":
    main()
