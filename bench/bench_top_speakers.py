"""The 30 most quoted speakers of the 1,028 10kGNAD articles, and how many can speak.

A speaker is counted under its resolved entity (canonical name), or under its mention
text when it was not linked. The verdict "can speak" (a person, a group of people or an
organisation) uses rules of this benchmark only, never zitat's speaker filter, so that the
figure cannot be met by construction: not a pronoun or demonstrative, no head noun that
names a source rather than a speaker (``Angaben``, ``Medienberichten``, ``Ankündigung``,
``Ziel``); then a PER/ORG entity, a head listed as a first name or surname, or a head with
an agent or institution ending (``-er``, ``-in``, ``-ist``, ``-ium``, ``-polizei``,
``-regierung`` …). The list is printed so a reader can check each verdict.

Target (issue 22): ≥ 95 % of the 30 most quoted speakers are people or organisations.

Usage: ``python bench/bench_top_speakers.py [--limit N] [--top K]``; skips without the
shared data.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from zitat.settings import get_settings

PRONOUNS = frozenset("er sie es ich wir ihr man diese dieser dieses jene jener das der die "
                     "beides beide alle viele einige manche".split())
DETERMINERS = frozenset("der die das den dem des ein eine einer eines einem einen".split())
# heads that name where a statement came from, not who made it
SOURCE_HEADS = ("angaben", "angabe", "bericht", "berichten", "berichte", "informationen",
                "ankündigung", "ziel", "zahlen", "daten", "studie", "umfrage", "erklärung",
                "mitteilung", "aussage", "aussagen", "meldung", "meldungen", "index", "plan",
                "papier", "entwurf", "schätzung", "schätzungen", "prognose", "statistik")
AGENT_ENDINGS = ("er", "erin", "in", "innen", "ent", "enten", "ant", "anten", "ist", "isten",
                 "eur", "eure", "ium", "amt", "polizei", "regierung", "gericht", "partei",
                 "verband", "bund", "konzern", "unternehmen", "gewerkschaft", "kommission",
                 "behörde", "rat", "team", "firma", "bank", "club", "verein", "ministerium")
TARGET = 95.0


def can_speak(name: str, label: str | None, lexicon: dict[str, int]) -> bool:
    """A person, group or organisation by the rules in the module docstring."""
    from zitat.nlp.lexicon_features import FIRST_NAME, SURNAME, word_class

    words = [w for w in name.split() if w.lower() not in DETERMINERS]
    if not words:
        return False
    head = words[-1].strip(".,;:")
    low = head.lower()
    if low in PRONOUNS or not head[:1].isupper():
        return False
    if low.endswith(SOURCE_HEADS):
        return False
    if label in ("PER", "ORG") or word_class(lexicon, head) & (FIRST_NAME | SURNAME):
        return True
    return low.endswith(AGENT_ENDINGS) or head.isupper()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--workers", type=int, default=0, help="0: one per CPU")
    args = parser.parse_args()
    corpus = Path(get_settings().shared_data) / "news-10kgnad" / "articles.csv"
    if not corpus.exists():
        print(f"bench_top_speakers: SKIP — {corpus} not found (set ZITAT_SHARED_DATA)")
        return
    from zitat.analysis import analyze_many
    from zitat.nlp.lexicon_features import load_lexicon
    from zitat.schema import Article, RawArticle

    csv.field_size_limit(10**8)
    with corpus.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
    if args.limit:
        rows = rows[: args.limit]
    raws = [RawArticle(text=r[1], source=f"10kgnad:{i}") for i, r in enumerate(rows)]
    counts: Counter[tuple[str, str | None]] = Counter()
    quotes = attributed = 0
    t0 = time.perf_counter()
    for art in analyze_many(raws, workers=args.workers, batch_size=16):
        if not isinstance(art, Article):
            continue
        entities = {e.id: e for e in art.entities}
        for q in art.quotes:
            quotes += 1
            if q.speaker is None:
                continue
            attributed += 1
            ent = entities.get(q.speaker.entity or "")
            counts[(ent.name, ent.label) if ent else (q.speaker.text, None)] += 1
    lexicon = load_lexicon()
    top = counts.most_common(args.top)
    ok = sum(can_speak(name, label, lexicon) for (name, label), _ in top)
    print(f"Most quoted speakers of {len(raws)} 10kGNAD articles ({quotes} quotes, "
          f"{attributed} with a speaker, {time.perf_counter() - t0:.0f} s):")
    for rank, ((name, label), n) in enumerate(top, 1):
        verdict = "ok " if can_speak(name, label, lexicon) else "NO "
        print(f"  {rank:>2}. {verdict} {n:>4}  {label or '-':<4} {name}")
    share = 100 * ok / len(top) if top else 0.0
    print(f"  people or organisations among the top {len(top)}: {ok}/{len(top)} = {share:.1f} %"
          f"   target >= {TARGET:.0f} %")


if __name__ == "__main__":
    main()
