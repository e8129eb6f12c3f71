"""How fast the share statistics are over 100,000 quotes on SQLite.

Generates a store of synthetic analysed articles (no NLP: hand-built records with speaker
attributes and framing), 5 quotes each, 3,000 speakers over 20 sources and 24 months, then
times ``store.shares`` for the splits the page and the CLI use.

Target (issue 27): statistics over 100k quotes in under 2 s on SQLite.

Usage: ``python bench/bench_stats_speed.py [--quotes N] [--db PATH]`` (a temporary file by
default; an existing ``--db`` with enough quotes is reused).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from zitat.schema import Article, Attribute, Entity, Quote, Role, article_id
from zitat.store import open_store
from zitat.store.shares import ShareQuery

TARGET_S = 2.0
PER_ARTICLE = 5
GENDERS = ["m"] * 6 + ["f"] * 3 + ["unknown"]
ROLES = ["politics", "government", "justice", "business", "science", "civil_society",
         "citizen", "media", "sport", "culture", None]
PARTIES = ["SPD", "CDU", "Grüne", "FDP", "AfD", "Die Linke"] + [None] * 6
CUES = [("sagte", "neutral"), ("behauptete", "distancing"), ("räumte ein", "conceding"),
        ("betonte", "emphatic"), ("warnte", "critical"), ("forderte", "demanding")]


def _speakers(n: int, rng: random.Random) -> list[dict]:
    out = []
    for i in range(n):
        kind = rng.choice(["person"] * 8 + ["organisation", "group"])
        out.append({
            "name": f"Sprecher{i} Nachname{i}", "kind": kind, "role": rng.choice(ROLES),
            "party": rng.choice(PARTIES), "gender": rng.choice(GENDERS) if kind == "person" else None,
        })
    return out


def _article(i: int, speakers: list[dict], rng: random.Random) -> Article:
    chosen = rng.sample(speakers, 3)
    parts, quotes, entities = [], [], []
    pos = 0
    for j, sp in enumerate(chosen):
        start = pos
        parts.append(sp["name"] + " ")
        pos += len(sp["name"]) + 1
        def attr(value: str | None, rule: str) -> Attribute | None:
            return Attribute(value=value, evidence=[value], rule=rule) if value else None
        entities.append(Entity(
            id=f"e{j + 1}", label="PER" if sp["kind"] == "person" else "ORG", name=sp["name"],
            mentions=[(start, start + len(sp["name"]))], kind=attr(sp["kind"], "bench"),
            role_class=attr(sp["role"], "bench"), party=attr(sp["party"], "bench"),
            gender=attr(sp["gender"], "bench")))
    for k in range(PER_ARTICLE):
        j = rng.randrange(3)
        text = f"Aussage {k} in Artikel {i} über Thema{rng.randrange(50)} und die Lage."
        start = pos
        parts.append(text + " ")
        pos += len(text) + 1
        cue, cls = rng.choice(CUES)
        qtype = rng.choice(["Direct", "Indirect", "Reported"])
        quotes.append(Quote(
            id=f"q{k + 1}", type=qtype, text=text, spans=[(start, start + len(text))],  # type: ignore[arg-type]
            speaker=Role(text=chosen[j]["name"], spans=[entities[j].mentions[0]],
                         entity=f"e{j + 1}"),
            cue=Role(text=cue), cue_class=cls,
            mood=rng.choice(["indicative", "konjunktiv"]) if qtype == "Indirect" else None))
    body = "".join(parts)
    month = 1 + i % 24
    return Article(id=article_id(f"{i} {body}"), text=body, quotes=quotes, entities=entities,
                   source=f"Quelle {i % 20}", date=f"{2022 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    tmp = None
    if not args.db:
        tmp = tempfile.TemporaryDirectory(prefix="zitat-stats-bench-")
        args.db = str(Path(tmp.name) / "stats.db")
    rng = random.Random(27)
    speakers = _speakers(3000, rng)
    with open_store(args.db, create=True) as store:
        # the statistics read no clusters; clustering 20,000 near-identical synthetic
        # articles on the way in took an hour on a loaded machine and measures nothing here
        store.clustering = False  # type: ignore[attr-defined]
        have = store.stats().quotes
        if have < args.quotes:
            t0 = time.perf_counter()
            n_articles = (args.quotes - have) // PER_ARTICLE
            batch: list[Article] = []
            for i in range(have // PER_ARTICLE, have // PER_ARTICLE + n_articles):
                batch.append(_article(i, speakers, rng))
                if len(batch) == 500:
                    store.add_articles(batch)
                    batch = []
            if batch:
                store.add_articles(batch)
            print(f"generated {n_articles * PER_ARTICLE} quotes in "
                  f"{time.perf_counter() - t0:.0f} s")
        total = store.stats().quotes
        print(f"Share statistics over {total} quotes (SQLite, {args.db}):")
        worst = 0.0
        for by, extra in [(["gender"], {}), (["gender", "source"], {}),
                          (["role_class", "month"], {}), (["party"], {}),
                          (["cue_class", "gender"], {}), (["kind", "year"], {}),
                          (["gender"], {"since": "2023-01", "source": "Quelle 3"}),
                          (["gender"], {"text": "Thema7"})]:
            t0 = time.perf_counter()
            table = store.shares(ShareQuery(by=by, **extra))
            took = time.perf_counter() - t0
            worst = max(worst, took)
            print(f"  --by {','.join(by):<18} {extra or ''!s:<40} {took:6.2f} s"
                  f"  ({table.quotes} quotes, {len(table.rows)} rows)")
        print(f"  slowest {worst:.2f} s   target < {TARGET_S:.0f} s "
              f"{'ok' if worst < TARGET_S else 'SLOW'}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
