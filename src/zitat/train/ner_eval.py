"""Exact-span NER scores on the two held-out parts: GermEval 2014 dev and SmartData's fifth.

Spans are compared by character offsets (start, end, label), so a gold entity that no
predicted entity matches exactly — also one inside a token, such as SmartData's ``EU`` in
``EU-Kommission`` — counts as missed. Only PER, ORG and LOC are scored (the labels both
corpora share; GermEval's MISC is left out of gold and predictions alike, SmartData has
none), micro-averaged over the three labels and per label.

``python -m zitat.train.ner_eval [--model DIR] [--part tune|heldout]`` prints both figures
(the tuning parts for model choice, the held-out parts once for the model card).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

SCORED = ("PER", "ORG", "LOC")

Gold = list[tuple[str, set[tuple[int, int, str]]]]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 in percent, with the counts they come from."""

    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        """Precision in percent."""
        return 100 * self.tp / max(1, self.tp + self.fp)

    @property
    def r(self) -> float:
        """Recall in percent."""
        return 100 * self.tp / max(1, self.tp + self.fn)

    @property
    def f(self) -> float:
        """F1 in percent."""
        return 2 * self.p * self.r / max(1e-9, self.p + self.r)


def _spans(doc: Doc) -> set[tuple[int, int, str]]:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in SCORED}


def germeval_gold(path: Path) -> Gold:
    """GermEval documents (10 sentences each, words joined by spaces) with their PER/ORG/LOC."""
    from zitat.train.core import germeval_docs

    return [(d.text, _spans(d)) for d in germeval_docs(path)]


def smartdata_gold(path: Path, part: str = "heldout") -> Gold:
    """SmartData documents of one part with their mapped mentions as the corpus scores them:
    every PER/ORG/LOC mention (also inside a token), overlaps resolved to the longer one."""
    from zitat.train.smartdata import mentions, part_of, read_smartdata

    out: Gold = []
    seen: set[str] = set()
    for raw in read_smartdata(path):
        text = raw["text"]["string"]
        if part_of(text) != part or text in seen:
            continue
        seen.add(text)
        spans: list[tuple[int, int, str]] = []
        for s, e, label in mentions(raw):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            spans.append((s, e, label))
        kept: list[tuple[int, int, str]] = []
        for s, e, label in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):  # longest first
            if not any(s < b and a < e for a, b, _ in kept):
                kept.append((s, e, label))
        out.append((text, set(kept)))
    return out


def score(tag: Callable[[Iterable[str]], Iterable[Doc]], gold: Gold) -> dict[str, PRF]:
    """Exact-span scores of a tagger (texts → Docs) on ``gold``: ``ALL`` and one per label."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("ALL", *SCORED)}
    for (_, ref), doc in zip(gold, tag(t for t, _ in gold), strict=True):
        pred = _spans(doc)
        for label in SCORED:
            g = {x for x in ref if x[2] == label}
            p = {x for x in pred if x[2] == label}
            for key in (label, "ALL"):
                counts[key]["tp"] += len(g & p)
                counts[key]["fp"] += len(p - g)
                counts[key]["fn"] += len(g - p)
    return {k: PRF(c["tp"], c["fp"], c["fn"]) for k, c in counts.items()}


def report(name: str, scores: dict[str, PRF], target: str = "") -> list[str]:
    """Lines of a printed score table."""
    a = scores["ALL"]
    lines = [f"  {name}: P {a.p:.1f}  R {a.r:.1f}  F1 {a.f:.1f}{'   ' + target if target else ''}"]
    for label in SCORED:
        s = scores[label]
        lines.append(f"    {label:<4} P {s.p:.1f}  R {s.r:.1f}  F1 {s.f:.1f}  "
                     f"({s.tp + s.fn} gold)")
    return lines


def held_out(shared: Path, part: str = "heldout") -> dict[str, Gold]:
    """Gold of both corpora: ``part`` ``heldout`` is GermEval dev and SmartData's held-out
    fifth; ``tune`` the tuning splits (every 10th GermEval-test document as core.py splits
    it, SmartData's tuning documents)."""
    if part == "heldout":
        ge = germeval_gold(shared / "ner-germeval2014" / "NER-de-dev.tsv")
    else:
        from zitat.train.core import _split, germeval_docs

        _, tune = _split(germeval_docs(shared / "ner-germeval2014" / "NER-de-test.tsv"), 13)
        ge = [(d.text, _spans(d)) for d in tune]
    return {"GermEval": ge,
            "SmartData": smartdata_gold(shared / "ner-smartdata" / "train.json.gz", part)}


def main(argv: list[str] | None = None) -> None:
    """Print the exact-span PER/ORG/LOC scores of a core model on both corpora."""
    from zitat.nlp.entity_rules import EntityRules
    from zitat.nlp.pipeline import CORE_MODEL, load_core
    from zitat.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=CORE_MODEL)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--part", choices=("tune", "heldout"), default="tune")
    args = parser.parse_args(argv)
    core = load_core(args.model)
    disable = [p for p in core.pipe_names if p not in ("tok2vec", "ner", "tagger", "stts_upos")]
    rules = EntityRules("zitat_entity_rules")
    for corpus, gold in held_out(args.shared_data, args.part).items():
        docs = list(core.pipe((t for t, _ in gold), disable=disable))
        print(f"{corpus} ({args.part}, {len(gold)} documents):")
        print("\n".join(report("tagger", score(lambda _t, d=docs: d, gold))))
        print("\n".join(report("tagger + zitat_entity_rules",
                               score(lambda _t, d=docs: [rules(x.copy()) for x in d], gold))))


if __name__ == "__main__":
    main()
