"""Benchmark zitat_places on the hand-written evaluation sets in ``bench/data/``.

Two sets, both written for zitat (no copied text): ``places_eval.jsonl`` was used while
developing the place rules (a tuning set); ``places_heldout.jsonl`` was written afterwards
and never tuned on, so its figures are the honest ones. They hold German sentences with their place
mentions: surface, character span, ISO country and canonical name. It covers exonyms
(`Brüssel`, `Moldau`, `Weißrussland`), inflections (`Washingtons`, `nach Polen`),
ambiguous names (`Paris` in Texas, `Frankfurt` an der Oder, `Georgien` vs. Georgia), and
sentences without any place whose words are also town names (`Essen`, `Halle`, `Mark`).

Each sentence runs through the whole shipped pipeline (NER included), as in production.
Scores:
    country accuracy  share of gold mentions with an overlapping prediction of the same
                      country (the issue's target: >= 90 %);
    name accuracy     same, with the same international (GeoNames) name, ``Place.name_en``
                      (tuning set only; ``Place.name`` is the German one);
    span P/R/F1       exact spans;
    false positives   predictions overlapping no gold mention (incl. place-free sentences).

Usage: ``python bench/bench_places.py [--errors N]``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from zitat.analysis import analyze

DATA = Path(__file__).resolve().parent / "data"
SETS = {"tuning set": DATA / "places_eval.jsonl", "held-out set": DATA / "places_heldout.jsonl"}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(label: str, path: Path, show_errors: int) -> None:
    """Score one evaluation file and print its figures."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    gold_n = pred_n = exact = country_ok = name_ok = named = false_pos = 0
    errors: list[str] = []
    t0 = time.perf_counter()
    for row in rows:
        article = analyze(row["text"])
        preds = [(tuple(p.span), p) for p in article.places]
        pred_n += len(preds)
        gold = [(tuple(g["span"]), g) for g in row["places"]]
        gold_n += len(gold)
        for span, g in gold:
            hits = [p for s, p in preds if _overlaps(s, span)]
            exact += any(tuple(p.span) == span for p in hits)
            named += "name" in g
            if any(p.country == g["country"] for p in hits):
                country_ok += 1
                # the gold names are GeoNames' international ones (`Brussels`)
                name_ok += any(p.name_en == g.get("name") for p in hits
                               if p.country == g["country"])
            else:
                got = ", ".join(f"{p.text}→{p.name} ({p.country})" for p in hits) or "nothing"
                errors.append(f"miss  {g['text']!r} want {g['country']}, got {got}: "
                              f"{row['text']}")
        for span, p in preds:
            if not any(_overlaps(span, s) for s, _ in gold):
                false_pos += 1
                errors.append(f"extra {p.text!r}→{p.name} ({p.country}): {row['text']}")
    seconds = time.perf_counter() - t0

    precision = exact / pred_n if pred_n else 0.0
    recall = exact / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"places, {label} ({path.name}): {len(rows)} sentences, {gold_n} gold mentions, "
          f"{pred_n} predicted ({seconds:.1f} s, whole pipeline)")
    print(f"  country accuracy  {100 * country_ok / gold_n:5.1f} %   (target >= 90)")
    if named:
        print(f"  name accuracy     {100 * name_ok / named:5.1f} %")
    print(f"  span exact        P {100 * precision:5.1f}  R {100 * recall:5.1f}  "
          f"F1 {100 * f1:5.1f}")
    print(f"  false positives   {false_pos}")
    for line in errors[:show_errors]:
        print("   ", line)


def main() -> None:
    """Run the benchmark on both sets and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=10, help="How many errors to print.")
    args = parser.parse_args()
    for label, path in SETS.items():
        evaluate(label, path, args.errors)


if __name__ == "__main__":
    main()
