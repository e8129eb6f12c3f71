"""Benchmark speaker resolution on the quotation corpus' dev split.

The corpus marks the speaker *mention* of each quotation (`er`, `der Minister`,
`US-Außenminister Antony Blinken`) but has no coreference links, so the named antecedent of
a pronoun or description is approximated from the gold annotations themselves: the
nearest preceding gold speaker mention in the same document that is a name (two or more
capitalised words, or one capitalised word without an article); for a description the
nearest one that contains its head noun (`der Minister` → `Außenminister Antony Blinken`)
is preferred. zitat counts as right when the entity it resolved the overlapping quote's
speaker to shares a name word with that antecedent.

Printed:
    * resolution accuracy for pronoun and description speakers (with counts: gold cases,
      cases where zitat found the quote, cases it resolved to a named entity, correct);
    * the official metric's speaker role P/R/F1, which scores the mention span (the
      antecedent is not part of the corpus format, so resolution cannot change it).

Usage: ``python bench/bench_speakers.py``; skips when the shared data is absent.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zitat.settings import get_settings

PRONOUNS = frozenset("er sie ihr ihm ihn es man wir".split())
ARTICLES = frozenset("der die das den dem des".split())
SOURCE_WORDS = frozenset("angaben meinung aussage aussagen ansicht auffassung stellungnahme "
                         "einschätzung informationen berichten bericht erklärung".split())
_CAP = re.compile(r"^[A-ZÄÖÜ]")


@dataclass
class Tally:
    """Counts for one kind of speaker mention."""

    gold: int = 0
    found: int = 0
    resolved: int = 0
    correct: int = 0
    examples: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        acc = 100 * self.correct / self.found if self.found else 0.0
        return (f"  {label:<13} {self.gold:4d} gold, {self.found:4d} quotes found, "
                f"{self.resolved:4d} resolved to a name, {self.correct:4d} right: "
                f"{acc:5.1f} % of found")


def kind_of(mention: str) -> str:
    """`pronoun`, `description` (article + one capitalised noun) or `name`."""
    words = mention.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    caps = [w for w in words if _CAP.match(w)]
    if words and words[0].lower() in ARTICLES and len(caps) == 1:
        return "description"
    if any(w.strip(",.").lower() in SOURCE_WORDS for w in words):
        return "other"  # `ihrer Meinung`, `Angaben der Polizei`: a source, not a name
    if caps and _CAP.match(words[0]) and (len(caps) >= 2 or len(words) == 1):
        return "name"  # `Rita Verdonk`, `Blinken`, `US-Außenminister Antony Blinken`
    if len(caps) >= 3 and words[0].lower() in ARTICLES:
        return "name"  # `der Premierminister des Kosovos Hashim Thaçi`
    return "other"


def antecedent(annotations: list[dict[str, Any]], before: int, head: str | None) -> str | None:
    """The nearest named gold speaker mention before ``before`` (preferring ``head``)."""
    named = []
    for a in annotations:
        spans = a["speaker"].get("spans") or []
        if spans and spans[0]["charBegin"] < before and kind_of(a["speaker"]["text"]) == "name":
            named.append((spans[0]["charBegin"], a["speaker"]["text"]))
    named.sort()
    if head:
        with_head = [t for _, t in named if head.lower() in t.lower()]
        if with_head:
            return with_head[-1]
    return named[-1][1] if named else None


def _name_words(text: str) -> set[str]:
    return {w.strip(",.()").lower() for w in text.split() if _CAP.match(w)} - {"der", "die", "das"}


def main() -> None:
    """Run zitat on every document of a split (dev unless ``--split train``) and print the
    figures; the train split checks that a change generalises beyond dev."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    split = parser.parse_args().split
    shared = Path(get_settings().shared_data)
    gold_path = shared / "quotations" / f"{split}.jsonl"
    if not gold_path.exists():
        print(f"skipped: {gold_path} not found (set ZITAT_SHARED_DATA)")
        return
    from zitat.analysis import analyze, default_pipeline
    from zitat.eval.quotations import evaluate_quotations

    nlp = default_pipeline()
    tallies = {"pronoun": Tally(), "description": Tally()}
    t0 = time.perf_counter()
    docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    for doc in docs:
        article = analyze(doc["originalText"], nlp=nlp)
        names = {e.id: e.name for e in article.entities}
        for a in doc["annotations"]:
            mention = a["speaker"]["text"]
            kind = kind_of(mention) if mention else "other"
            if kind not in tallies or not a["quote"].get("spans"):
                continue
            tally = tallies[kind]
            start = a["quote"]["spans"][0]["charBegin"]
            end = a["quote"]["spans"][-1]["charEnd"]
            head = mention.split()[-1] if kind == "description" else None
            ante = antecedent(doc["annotations"], a["speaker"]["spans"][0]["charBegin"], head)
            if ante is None:
                continue  # no named antecedent in the gold: nothing to judge against
            tally.gold += 1
            pred = next((q for q in article.quotes if q.start < end and start < q.end), None)
            if pred is None:
                continue
            tally.found += 1
            entity = names.get(pred.speaker.entity or "") if pred.speaker else None
            if not entity or kind_of(entity) != "name":
                continue
            tally.resolved += 1
            if _name_words(entity) & _name_words(ante):
                tally.correct += 1
            elif len(tally.examples) < 40:
                tally.examples.append(f"{mention!r}: zitat {entity!r}, gold antecedent {ante!r}")
    scores = evaluate_quotations(gold_path, None, nlp).to_dict()["per_role"]["speaker"]
    print(f"Speaker resolution on quotation {split} ({len(docs)} documents, "
          f"{time.perf_counter() - t0:.0f} s):")
    for kind, tally in tallies.items():
        print(tally.line(kind + "s"))
        for example in tally.examples[:int(__import__("os").environ.get("ZITAT_BENCH_EXAMPLES", "3"))]:
            print("     wrong:", example)
    print(f"  speaker role (official metric, mention spans): P {scores['p']:.1f}  "
          f"R {scores['r']:.1f}  F1 {scores['f1']:.1f}")


if __name__ == "__main__":
    main()
