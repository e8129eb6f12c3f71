"""Benchmark zitat_timex on WikiWarsDE (TIMEX2 gold): span P/R/F1 and value accuracy.

Data: ``<shared data>/timex-wikiwarsde/keyinline/*.xml`` (CC BY-SA 3.0, read in place,
never copied). The inline files are used because their tags give exact extents on the
tag-free text; the ``DATETIME`` element gives the document creation time (DCT), which is
passed as the anchor. WikiWarsDE is historical narrative, so the tagger runs in
``narrative`` mode (reference date = last explicit date); news keeps the default mode.

Scores:
    strict   exact span match, after the span convention below;
    relaxed  any overlap (one-to-one pairing, text order);
    value    share of relaxed matches whose normalised value agrees (mapping below).

Span convention: TIMEX2 extents leave out prepositions (``am 3. März`` -> ``3. März``);
zitat keeps signal words such as ``seit``/``ab``/``von … an`` in the span because they
change the meaning. For the strict score a leading preposition (and the ``an`` of
``von … an``) is removed from zitat's span before comparing.

Value mapping (TIMEX2 VAL -> zitat TIMEX3-style value), documented in :func:`values_agree`:
    * identical strings agree (dates, ``BC0490``, centuries ``19``, decades ``193``,
      durations ``P3W``/``PXD``, ``XXXX-WXX-1`` sets, seasons ``1940-SU``);
    * ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` agree with the same token; ``PRESENT_REF``
      also agrees with zitat's concrete value when that equals the gold ``anchor_val``
      (zitat resolves ``heute`` against the DCT);
    * a gold part-of-day (``1941-06-22TMO``, ``…TEV``, ``…TNI``, ``…TAF``) agrees with the
      same day when zitat tagged only the date inside it;
    * a gold clock time with a zone offset (``…T23:00+01``) agrees without the offset;
    * TIMEX2 ``MOD`` (START/MID/END) has no counterpart and is ignored.

Usage: ``python bench/bench_timex.py [--data DIR] [--errors N]``; exits 0 and prints a
skip note when the data folder is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from zitat.nlp.timex import find_times
from zitat.settings import get_settings

_TAG = re.compile(r"<(/?)TIMEX2([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_LEADING_PREP = re.compile(
    r"^(?:am|im|an|um|seit|bis(?:\s+(?:zum|zur|in\s+den|in\s+die))?|ab|vom|von|zum|zur|gegen|in|"
    r"während|nach|für|innerhalb|binnen)\s+",
    re.IGNORECASE,
)


@dataclass
class Gold:
    start: int
    end: int
    text: str
    val: str | None
    anchor_val: str | None


def load_doc(path: Path) -> tuple[str, str, list[Gold]]:
    """Text, DCT (YYYY-MM-DD) and gold TIMEX2 mentions of one keyinline file."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DATETIME>.*?(\d{4}-\d{2}-\d{2})", raw, re.S)
    dct = dct_m.group(1) if dct_m else ""
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    gold: list[Gold] = []
    for m in _TAG.finditer(body):
        chunk = body[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(1):
            start, attrs = stack.pop()
            gold.append(Gold(start, length, "", attrs.get("val"), attrs.get("anchor_val")))
        else:
            stack.append((length, dict(_ATTR.findall(m.group(2)))))
    out.append(body[pos:])
    text = "".join(out)
    for g in gold:
        g.text = text[g.start : g.end]
    gold.sort(key=lambda g: (g.start, -g.end))
    return text, dct, gold


_POD = re.compile(r"^(.*\d{2}-\d{2})T(MO|AF|EV|NI|DT|MI)$")


def values_agree(ours: str | None, gold: Gold) -> bool:
    """Whether zitat's value agrees with the gold TIMEX2 VAL (mapping in the module doc)."""
    val = gold.val
    if ours is None or val is None:
        return False
    if ours == val:
        return True
    if val == "PRESENT_REF" and gold.anchor_val and ours.startswith(gold.anchor_val):
        return True
    pod = _POD.match(val)
    if pod and ours == pod.group(1):
        return True
    return bool(re.match(r".*T\d{2}:\d{2}[+-]\d{2}$", val) and ours == val[:-3])


def _strict_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    surface = text[s:e]
    m = _LEADING_PREP.match(surface)
    if m and m.end() < len(surface):
        s += m.end()
        if m.group(0).lower().startswith("von") and text[s:e].endswith(" an"):
            e -= 3
    return s, e


def evaluate(data: Path, errors: int = 0) -> dict[str, float]:
    """Score all documents; print per-category error samples when ``errors`` > 0."""
    tp_strict = tp_relaxed = n_pred = n_gold = value_ok = 0
    wrong_values: list[str] = []
    missed: list[str] = []
    spurious: list[str] = []
    elapsed = 0.0
    for path in sorted((data / "keyinline").glob("*.xml")):
        text, dct, gold = load_doc(path)
        t0 = time.perf_counter()
        pred = find_times(text, dct, narrative=True)
        elapsed += time.perf_counter() - t0
        n_pred += len(pred)
        n_gold += len(gold)
        strict = {_strict_span(text, p.span) for p in pred} | {p.span for p in pred}
        tp_strict += sum((g.start, g.end) in strict for g in gold)
        used: set[int] = set()
        for g in gold:
            match = next(
                (i for i, p in enumerate(pred)
                 if i not in used and p.span[0] < g.end and g.start < p.span[1]), None)
            if match is None:
                missed.append(f"{path.stem[:12]:12} {g.text!r} {g.val}")
                continue
            used.add(match)
            tp_relaxed += 1
            if values_agree(pred[match].value, g):
                value_ok += 1
            else:
                wrong_values.append(
                    f"{path.stem[:12]:12} {pred[match].text!r} [{pred[match].rule}] "
                    f"{pred[match].value} vs gold {g.text!r} {g.val}")
        spurious += [f"{path.stem[:12]:12} {p.text!r} [{p.rule}] {p.value}"
                     for i, p in enumerate(pred) if i not in used]

    def prf(tp: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    sp, sr, sf = prf(tp_strict)
    rp, rr, rf = prf(tp_relaxed)
    acc = value_ok / tp_relaxed if tp_relaxed else 0.0
    print(f"WikiWarsDE: {n_gold} gold, {n_pred} predicted, {elapsed:.2f}s tagging")
    print(f"strict   P {100 * sp:5.1f}  R {100 * sr:5.1f}  F1 {100 * sf:5.1f}")
    print(f"relaxed  P {100 * rp:5.1f}  R {100 * rr:5.1f}  F1 {100 * rf:5.1f}")
    print(f"value accuracy (on relaxed matches) {100 * acc:5.1f}  ({value_ok}/{tp_relaxed})")
    if errors:
        for title, items in (("missed", missed), ("spurious", spurious),
                             ("wrong value", wrong_values)):
            print(f"\n-- {title} ({len(items)})")
            for line in items[:errors]:
                print("  ", line)
    return {"strict_f1": sf, "relaxed_f1": rf, "value_accuracy": acc}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(get_settings().shared_data) / "timex-wikiwarsde")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per category")
    args = parser.parse_args()
    if not (args.data / "keyinline").is_dir():
        print(f"skip: {args.data} not found (set ZITAT_SHARED_DATA)")
        return 0
    evaluate(args.data, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
