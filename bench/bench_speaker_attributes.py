"""Accuracy of the speaker attributes (kind, role class, party, gender) on a hand-labelled set.

The evaluation set ``bench/data/speaker_attributes_eval.jsonl`` was written for this
project: 376 speaker mentions, each with gold kind, role class, party and gender and the
words that tell them. 113 come from the demo corpus (our own text, quoted in the file);
263 from 10kGNAD, referenced by row index in ``news-10kgnad/articles.csv`` and character
offsets into the analysed (NFC-normalised) text — no 10kGNAD text is in the repository.

Splits: ``dev`` (10kGNAD rows < 100) and ``demo`` were read while the rules were written;
``heldout`` (rows 200–244) was labelled afterwards and never used to change a rule, so its
figures are the honest ones.

Gold values: gender is what a careful reader of the article can tell (role nouns,
pronouns, Frau/Herr, an unambiguous first name), ``unknown`` when nothing tells;
party only when the article names it for the speaker; role class ``null`` where the
article gives no role.

How a mention is matched: the current pipeline analyses the article; the PER/ORG entity
with a mention at exactly the gold offsets wins, else the one whose mention overlaps most.

Figures (per attribute): **precision** = right values / values given (gender: only ``f``
or ``m`` count as given, ``unknown`` is no answer; role class and party: a non-empty
value); **coverage** = values given / gold values; 95 % Wilson intervals. The ``unknown``
share for gender is over all quoted PER entities that the pipeline calls persons in the
first ``--gnad-limit`` 10kGNAD articles (default: all 1,028 of the shared file).

Targets (issue 27): precision ≥ 95 % for gender, party, kind; ≥ 85 % for role class;
gender ``unknown`` for ≤ 40 % of quoted people in 10kGNAD.

Usage: ``python bench/bench_speaker_attributes.py [--gnad-limit N] [--write] [--show-errors]``
(``--show-errors`` lists the tuning splits' errors only, so that reading them cannot spend
the held-out set);
``--write`` stores the figures in ``src/zitat/nlp/data/attribute_accuracy.json`` for the
``/statistik`` page. 10kGNAD parts are skipped without the shared data.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from zitat.settings import get_settings
from zitat.store.shares import wilson_interval

HERE = Path(__file__).resolve().parent
EVAL = HERE / "data" / "speaker_attributes_eval.jsonl"
DEMO = HERE.parent / "examples" / "demo"
OUT = HERE.parent / "src" / "zitat" / "nlp" / "data" / "attribute_accuracy.json"
ATTRIBUTES = ("kind", "role_class", "party", "gender")
TARGETS = {"kind": 0.95, "party": 0.95, "gender": 0.95, "role_class": 0.85}
UNKNOWN_TARGET = 0.40


def given(attribute: str, value: str | None) -> bool:
    """Whether the system (or gold) gives a value: ``unknown`` gender is no value."""
    return value is not None and not (attribute == "gender" and value == "unknown")


def match(entities: list[Any], start: int, end: int) -> Any | None:
    """The PER/ORG entity mentioned at ``start``–``end`` (exact, else most overlap)."""
    best, best_overlap = None, 0
    for e in entities:
        if e.label not in ("PER", "ORG"):
            continue
        for s, t in e.mentions:
            if (s, t) == (start, end):
                return e
            overlap = min(t, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = e, overlap
    return best


def score(records: list[dict[str, Any]], predicted: list[dict[str, str | None]]
          ) -> dict[str, dict[str, Any]]:
    """Precision and coverage per attribute (see the module docstring)."""
    out: dict[str, dict[str, Any]] = {}
    for attr in ATTRIBUTES:
        n_given = right = gold_n = 0
        for gold, pred in zip(records, predicted, strict=True):
            g, p = gold.get(attr), pred.get(attr)
            if attr == "gender" and gold["kind"] != "person":
                continue  # gender is asked only of people
            gold_n += given(attr, g)
            if given(attr, p):
                n_given += 1
                right += p == g
        low, high = wilson_interval(right, n_given)
        out[attr] = {"precision": right / n_given if n_given else 0.0, "low": low,
                     "high": high, "given": n_given, "right": right, "gold": gold_n,
                     "coverage": min(1.0, n_given / gold_n) if gold_n else 0.0}
    return out


def _value(attribute: Any) -> str | None:
    return attribute.value if attribute is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gnad-limit", type=int, default=0,
                        help="10kGNAD articles for the gender-unknown share (0: all of "
                             "articles.csv, 1,028)")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--show-errors", action="store_true",
                        help="list the wrong values of the tuning splits (dev, demo)")
    parser.add_argument("--show-heldout-errors", action="store_true",
                        help="list the held-out errors too (reading them spends the held-out set)")
    args = parser.parse_args()

    from zitat.analysis import analyze_many
    from zitat.ingest import read_inputs
    from zitat.schema import Article, RawArticle

    records = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    corpus = Path(get_settings().shared_data) / "news-10kgnad" / "articles.csv"
    raws: dict[tuple[str, Any], RawArticle] = {}
    for raw in read_inputs([str(DEMO)]):
        if isinstance(raw, RawArticle):
            from zitat.schema import article_id
            raws[("demo", article_id(raw.text))] = raw
    have_gnad = corpus.exists()
    if have_gnad:
        csv.field_size_limit(10**8)
        with corpus.open(encoding="utf-8") as fh:
            rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
        if not args.gnad_limit or args.gnad_limit > len(rows):
            args.gnad_limit = len(rows)
        wanted = {r["row"] for r in records if r["set"] == "10kgnad"} | set(
            range(args.gnad_limit))
        for i in sorted(wanted):
            raws[("10kgnad", i)] = RawArticle(text=rows[i][1], source=f"10kgnad:{i}")
    else:
        print(f"bench_speaker_attributes: 10kGNAD parts SKIPPED — {corpus} not found")
        records = [r for r in records if r["set"] != "10kgnad"]

    t0 = time.perf_counter()
    keys = list(raws)
    analysed: dict[tuple[str, Any], Article] = {}
    for key, art in zip(keys, analyze_many([raws[k] for k in keys], workers=1, batch_size=16),
                        strict=True):
        if isinstance(art, Article):
            analysed[key] = art
    seconds = time.perf_counter() - t0

    predicted: list[dict[str, str | None]] = []
    for r in records:
        art = analysed.get(("demo", r["article"]) if r["set"] == "demo" else ("10kgnad", r["row"]))
        ent = match(art.entities, r["start"], r["end"]) if art else None
        predicted.append({a: _value(getattr(ent, a)) if ent else None for a in ATTRIBUTES})

    splits = ["all", *sorted({r["split"] for r in records})]
    results: dict[str, Any] = {}
    print(f"Speaker attributes on {len(records)} hand-labelled mentions "
          f"({len(analysed)} articles analysed in {seconds:.0f} s)")
    for split in splits:
        idx = [i for i, r in enumerate(records) if split == "all" or r["split"] == split]
        res = score([records[i] for i in idx], [predicted[i] for i in idx])
        results[split] = res
        print(f"  {split} ({len(idx)} mentions)")
        for attr, a in res.items():
            flag = "ok " if a["precision"] >= TARGETS[attr] else "LOW"
            print(f"    {attr:<11} precision {100 * a['precision']:5.1f} %"
                  f" [{100 * a['low']:.1f}–{100 * a['high']:.1f}]"
                  f"  ({a['right']}/{a['given']})  coverage {100 * a['coverage']:5.1f} %"
                  f"  target ≥ {100 * TARGETS[attr]:.0f} % {flag}")

    unknown_share = None
    if have_gnad:
        people = unknown = per = no_kind = per_no_gender = 0
        for (name, i), art in analysed.items():
            if name != "10kgnad" or i >= args.gnad_limit:
                continue
            speakers = {q.speaker.entity for q in art.quotes if q.speaker and q.speaker.entity}
            for e in art.entities:
                if e.id in speakers and e.label == "PER":
                    per += 1
                    no_kind += e.kind is None
                    per_no_gender += e.gender is None or e.gender.value == "unknown"
                if e.id in speakers and e.kind is not None and e.kind.value == "person":
                    people += 1
                    unknown += e.gender is None or e.gender.value == "unknown"
        unknown_share = unknown / people if people else None
        if unknown_share is not None:
            print(f"  gender unknown for {unknown}/{people} quoted people in the first "
                  f"{args.gnad_limit} 10kGNAD articles = {100 * unknown_share:.1f} %"
                  f"   target ≤ {100 * UNKNOWN_TARGET:.0f} %")
            print(f"  (quoted PER entities the rules call no kind at all — not a person,"
                  f" organisation or group by any sign: {no_kind}/{per}; all quoted PER"
                  f" entities without a gender, such junk included: {per_no_gender}/{per}"
                  f" = {100 * per_no_gender / max(per, 1):.1f} %)")

    if args.show_errors:
        errors: dict[str, list[str]] = defaultdict(list)
        for r, p in zip(records, predicted, strict=True):
            if r["split"] == "heldout" and not args.show_heldout_errors:
                continue  # rules are tuned on dev and demo only
            for attr in ATTRIBUTES:
                if given(attr, p[attr]) and p[attr] != r[attr] and \
                        not (attr == "gender" and r["kind"] != "person"):
                    where = r.get("mention") or f"row {r['row']} {r['start']}-{r['end']}"
                    errors[attr].append(f"{r['split']}: {where}: {p[attr]} ≠ {r[attr]}")
        for attr, errs in errors.items():
            print(f"  errors {attr} ({len(errs)}):")
            for e in errs:
                print(f"    {e}")

    if args.write:
        data = {"mentions": len(records), "split": "all",
                "attributes": results["all"], "by_split": results,
                "gender_unknown_share": unknown_share, "gnad_articles": args.gnad_limit,
                "counts": dict(Counter(r["split"] for r in records))}
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"  wrote {OUT}")


if __name__ == "__main__":
    main()
