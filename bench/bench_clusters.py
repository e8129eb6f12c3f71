"""Benchmark wire-copy detection and statement clustering on a generated corpus with known truth.

The corpus is generated at run time into a temporary directory (nothing is written into
the repository) from ``../shared/data/news-10kgnad/articles.csv`` (1,028 articles):

* **base articles**: the real articles, then synthetic ones (8–14 sentences drawn at
  random from the whole corpus, so two of them share at most a sentence or two);
* **wire copies** of a base (0–4 each, dated 1–3 days later, in other outlets): trimmed
  (the last 10–45 % of sentences left out), re-paragraphed (other paragraph breaks, a
  dateline in front), lightly edited (a few words outside quotations replaced or dropped,
  a closing sentence added), or several of these;
* **quote variants**: the first ``--analyse`` real articles are analysed once with the
  shipped pipeline; each direct quotation with a speaker gets 1–2 short reports in other
  outlets: re-quoted marks (»…«), shortened (the first 60–85 % of its words), an
  indirect paraphrase (pronouns to the third person, verbs to the subjunctive) by the same
  speaker, or the same words credited to another speaker. Wire copies carry the quotes of
  their base whose text they still contain.

Truth: a wire copy belongs to its base; a quotation to the statement it was derived from
(every analysed quotation is its own statement). Scores are pairwise: of all pairs of
articles (quotations) the store put in one group (cluster), how many are in one true
group (precision), and of the true pairs how many the store found (recall).

Timed, and printed per 10,000 articles:

* **store ingest** of the generated Article records (SQLite, batches of 64) with
  clustering and without it (``ClusterIndex.clustering = False``): the difference is the
  cost of clustering; analysis time per article is measured on the analysed originals,
  so the overhead is also given against a whole ingest (analysis + store);
* **growth**: the clustering layer alone (``_cluster_article`` over articles inserted as
  bare rows, no full-text index) at each size of ``--sizes`` (default 10,000 and 100,000
  generated articles): seconds per 10,000 at each size.

Usage: ``python bench/bench_clusters.py [--analyse 200] [--sizes 10000,100000]``; skips
when the shared data is absent. Targets (issue 26): wire copies P ≥ 98 %, R ≥ 95 %;
statements pairwise P ≥ 95 %, R ≥ 85 %; clustering ≤ 10 % of ingest time, near-linear.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from zitat.schema import Article, Entity, Quote, Role, article_id
from zitat.settings import get_settings
from zitat.store import open_store
from zitat.store.rows import utc_now
from zitat.store.text import date_range

OUTLETS = [f"Regionalzeitung {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
SENT_RE = re.compile(r"(?<=[.!?“])\s+(?=[A-ZÄÖÜ„])")
PRONOUNS = {"ich": "sie", "wir": "sie", "mein": "ihr", "meine": "ihre", "unser": "ihr",
            "unsere": "ihre", "unseren": "ihren", "uns": "sich", "mich": "sich", "mir": "sich"}
SUBJUNCTIVE = {"ist": "sei", "sind": "seien", "hat": "habe", "haben": "hätten",
               "wird": "werde", "werden": "würden", "kann": "könne", "können": "könnten",
               "muss": "müsse", "müssen": "müssten", "will": "wolle", "wollen": "wollten"}
EDITS = {"sagte": "erklärte", "am": "an diesem", "rund": "etwa", "etwa": "rund",
         "jedoch": "aber", "auch": "ebenfalls", "Prozent": "Prozentpunkte", "mehr": "weitere"}


@dataclass
class Corpus:
    """Generated articles in insertion order, with the truth."""

    articles: list[Article] = field(default_factory=list)
    base_of: dict[str, str] = field(default_factory=dict)  # article id -> its base's id
    statement_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (art, qid) -> s


def sentences(text: str) -> list[str]:
    return [s for s in SENT_RE.split(" ".join(text.split())) if s]


def load_rows(path: Path) -> list[str]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as fh:
        return [r[1] for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]


def day(rng: random.Random, base: int = 0) -> str:
    d = base + rng.randrange(0, 3)
    return f"2024-{1 + d // 28 % 12:02d}-{1 + d % 28:02d}"


def shift(date: str, days: int) -> str:
    y, m, d = (int(x) for x in date.split("-"))
    n = (m - 1) * 28 + (d - 1) + days
    return f"{y + n // 336:04d}-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"„[^“]*“|\"[^\"]*\"", text)]


def edit_words(text: str, rng: random.Random) -> str:
    """Replace or drop 2–4 words outside quotations; add a closing sentence."""
    protected = quoted_spans(text)
    words = list(re.finditer(r"\S+", text))
    free = [w for w in words if not any(s <= w.start() < e for s, e in protected)]
    chosen = sorted(rng.sample(free, min(len(free), rng.randint(2, 4))), key=lambda w: w.start())
    out, last = [], 0
    for w in chosen:
        out.append(text[last:w.start()])
        word = w.group()
        out.append(EDITS.get(word, "" if rng.random() < 0.5 else word.upper()))
        last = w.end()
    out.append(text[last:])
    return "".join(out) + " Die Meldung wurde redaktionell bearbeitet."


def wire_copy(text: str, rng: random.Random) -> str:
    sents = sentences(text)
    kinds = rng.sample(["trim", "paragraphs", "edit"], rng.randint(1, 3))
    if "trim" in kinds and len(sents) > 6:
        sents = sents[: max(5, round(len(sents) * rng.uniform(0.55, 0.9)))]
    if "paragraphs" in kinds:
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(1, 3)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        out = "Berlin (Agentur) – " + "\n\n".join(paras)
    else:
        out = " ".join(sents)
    return edit_words(out, rng) if "edit" in kinds else out


def carry_quotes(base: Article, text: str) -> tuple[list[Quote], list[Entity]]:
    """The base's quotations whose text the copy still has, with spans in the copy."""
    quotes = []
    for q in base.quotes:
        at = text.find(q.text)
        if at < 0:
            continue
        quotes.append(q.model_copy(update={
            "spans": [(at, at + len(q.text))], "cue": None, "frame": None, "addressee": None,
            "nested_in": None,
            "speaker": q.speaker.model_copy(update={"spans": []}) if q.speaker else None}))
    ents = [e.model_copy(update={"mentions": []}) for e in base.entities]
    return quotes, ents


def paraphrase(text: str) -> str:
    """An indirect version of a direct quotation: no marks, third person, subjunctive."""
    words = text.strip("„“\"»«").rstrip(".!?").split()
    out = [SUBJUNCTIVE.get(w.lower(), PRONOUNS.get(w.lower(), w)) for w in words]
    if out:
        out[0] = out[0][0].lower() + out[0][1:]
    return " ".join(out)


def variant_article(q: Quote, speaker: str, kind: str, date: str, outlet: str,
                    other: str, rng: random.Random) -> tuple[Article, Quote]:
    inner = q.text.strip("„“\"»«")
    qtype = "Direct"
    who = speaker
    if kind == "marks":
        said = f"»{inner}«"
    elif kind == "short":
        ws = inner.split()
        said = "»" + " ".join(ws[: max(4, round(len(ws) * rng.uniform(0.6, 0.85)))]) + "«"
    elif kind == "indirect":
        said = paraphrase(q.text)
        qtype = "Indirect"
    else:  # another speaker
        said = f"„{inner}“"
        who = other
    text = f"{who} äußerte sich am Rande einer Sitzung. {said} Weitere Einzelheiten nannte {who} nicht."
    at = text.index(said)
    quote = Quote(id="q1", type=qtype, medium="Speech", text=said, spans=[(at, at + len(said))],
                  speaker=Role(text=who, spans=[(0, len(who))], entity="e1"), confidence=0.9)
    art = Article(id=article_id(text), date=date, source=outlet, text=text, quotes=[quote],
                  entities=[Entity(id="e1", label="PER", name=who, mentions=[(0, len(who))])])
    return art, quote


def generate(texts: list[str], analysed: dict[int, Article], size: int,
             seed: int = 26) -> Corpus:
    rng = random.Random(seed)
    pool = [s for t in texts for s in sentences(t)]
    speakers = sorted({e.name for a in analysed.values() for q in a.quotes if q.speaker
                       for e in a.entities if e.id == q.speaker.entity})
    corpus = Corpus()
    staged: list[tuple[str, int, Article]] = []
    seen: set[str] = set()

    def add(art: Article, base: str) -> bool:
        if art.id in seen:
            return False
        seen.add(art.id)
        staged.append((art.date or "", rng.random(), art))
        corpus.base_of[art.id] = base
        return True

    i = 0
    while len(staged) < size:
        if i < len(texts):
            text = texts[i]
            known = analysed.get(i)
        else:
            text = " ".join(rng.sample(pool, rng.randint(8, 14)))
            known = None
        date = day(rng, rng.randrange(0, 300))
        outlet = rng.choice(OUTLETS)
        base = known.model_copy(update={"date": date, "source": outlet}) if known else Article(
            id=article_id(text), date=date, source=outlet, text=text)
        i += 1
        if not add(base, base.id):
            continue
        for q in base.quotes:
            corpus.statement_of[(base.id, q.id)] = f"{base.id}:{q.id}"
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3, 4])):
            text2 = wire_copy(base.text, rng)
            quotes, ents = carry_quotes(base, text2)
            copy = Article(id=article_id(text2), date=shift(date, rng.randint(1, 3)),
                           source=rng.choice(OUTLETS), text=text2, quotes=quotes, entities=ents)
            if add(copy, base.id):
                for q in copy.quotes:
                    corpus.statement_of[(copy.id, q.id)] = f"{base.id}:{q.id}"
        names = {e.id: e.name for e in base.entities}
        for q in base.quotes:
            name = names.get(q.speaker.entity or "") if q.speaker else None
            if q.type != "Direct" or not name or len(q.text.split()) < 6:
                continue
            for kind in rng.sample(["marks", "short", "indirect", "other"], rng.randint(1, 2)):
                other = rng.choice([s for s in speakers if s != name] or ["Erika Muster"])
                art, vq = variant_article(q, name, kind, shift(date, rng.randint(1, 5)),
                                          rng.choice(OUTLETS), other, rng)
                if add(art, art.id):
                    corpus.statement_of[(art.id, vq.id)] = f"{base.id}:{q.id}"
    staged.sort(key=lambda t: (t[0], t[1]))
    corpus.articles = [a for _, _, a in staged[:size]]
    return corpus


def pairwise(pred: dict, truth: dict) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of a clustering ``pred`` against ``truth`` (item ->
    group), and the numbers of predicted and true pairs."""
    def pairs(sizes):
        return sum(n * (n - 1) // 2 for n in sizes)
    items = [k for k in truth if k in pred]
    both = Counter((pred[k], truth[k]) for k in items)
    tp = pairs(both.values())
    p_pairs = pairs(Counter(pred[k] for k in items).values())
    t_pairs = pairs(Counter(truth[k] for k in items).values())
    return (tp / p_pairs if p_pairs else 1.0, tp / t_pairs if t_pairs else 1.0, p_pairs, t_pairs)


def ingest(corpus: Corpus, path: Path, clustering: bool) -> float:
    store = open_store(path, create=True)
    store.clustering = clustering
    started = time.perf_counter()
    arts = corpus.articles
    for i in range(0, len(arts), 64):
        store.add_articles(arts[i:i + 64])
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def score(corpus: Corpus, path: Path) -> dict:
    with open_store(path, readonly=True) as store:
        roots = {a.id: store.wire_original(a.id) or a.id for a in corpus.articles}
        rows = store.execute(
            "SELECT q.article_id, q.qid, c.cluster_id FROM quotes q"
            " JOIN quote_clusters c ON c.quote_id = q.id").fetchall()
        clusters = {(r["article_id"], r["qid"]): r["cluster_id"] for r in rows}
    truth = {a.id: corpus.base_of[a.id] for a in corpus.articles}
    wp, wr, wpp, wtp = pairwise(roots, truth)
    groups = defaultdict(set)
    for a, root in roots.items():
        groups[root].add(a)
    multi = [r for r, members in groups.items() if len(members) > 1]
    root_right = sum(1 for r in multi if truth[r] == r)
    sp, sr, spp, stp = pairwise(clusters, corpus.statement_of)
    return {"wire": (wp, wr, wpp, wtp), "roots": (root_right, len(multi)),
            "statements": (sp, sr, spp, stp), "quotes": len(clusters)}


def layer_time(corpus: Corpus, path: Path) -> float:
    """Seconds of ``_cluster_article`` over the corpus, articles inserted as bare rows."""
    store = open_store(path, create=True)
    total = 0.0
    arts = corpus.articles
    for i in range(0, len(arts), 64):
        with store._transaction():
            for art in arts[i:i + 64]:
                start, _ = date_range(art.date) if art.date else (None, None)
                store.execute(
                    "INSERT INTO articles(id, date, date_start, text, doc, ingested_at)"
                    " VALUES (?, ?, ?, ?, '{}', ?)", (art.id, art.date, start, art.text, utc_now()))
                quotes = []
                for q in art.quotes:
                    cur = store.execute(
                        "INSERT INTO quotes(article_id, qid, type, medium, text, folded, start,"
                        ' "end", speaker_text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                        (art.id, q.id, q.type, q.medium, q.text, q.text.lower(), q.start, q.end,
                         q.speaker.text if q.speaker else None, q.confidence))
                    quotes.append({"id": cur.lastrowid, "text": q.text, "type": q.type,
                                   "speaker_id": None,
                                   "speaker_text": q.speaker.text if q.speaker else None})
                t = time.perf_counter()
                store._cluster_article(art.id, art.text, quotes)
                total += time.perf_counter() - t
    store.close()
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--analyse", type=int, default=200, help="real articles analysed for quotes")
    ap.add_argument("--size", type=int, default=10_000, help="articles scored and ingested")
    ap.add_argument("--sizes", default="10000,100000", help="sizes of the growth measurement")
    args = ap.parse_args()
    source = Path(get_settings().shared_data) / "news-10kgnad" / "articles.csv"
    if not source.exists():
        print(f"skipped: {source} not found")
        return
    texts = load_rows(source)
    from zitat.analysis import analyze_many
    from zitat.schema import RawArticle

    started = time.perf_counter()
    raws = [RawArticle(text=t, date="2024-01-01") for t in texts[: args.analyse]]
    analysed = {i: a for i, a in enumerate(analyze_many(raws, batch_size=16))
                if isinstance(a, Article)}
    per_article = (time.perf_counter() - started) / max(1, len(raws))
    n_quotes = sum(len(a.quotes) for a in analysed.values())
    print(f"analysed {len(analysed)} real articles ({n_quotes} quotes), "
          f"{per_article * 1000:.0f} ms per article")

    with tempfile.TemporaryDirectory(prefix="zitat-bench-clusters-") as tmp:
        tmpdir = Path(tmp)
        corpus = generate(texts, analysed, args.size)
        with (tmpdir / "corpus.jsonl").open("w", encoding="utf-8") as fh:
            for a in corpus.articles:
                fh.write(json.dumps({"id": a.id, "base": corpus.base_of[a.id],
                                     "text": a.text}, ensure_ascii=False) + "\n")
        in_corpus = {a.id for a in corpus.articles}
        copies = sum(1 for a, b in corpus.base_of.items() if a != b and a in in_corpus)
        print(f"generated {len(corpus.articles)} articles ({copies} wire copies), "
              f"{len(corpus.statement_of)} quotations with a known statement")
        off = ingest(corpus, tmpdir / "off.db", clustering=False)
        on = ingest(corpus, tmpdir / "on.db", clustering=True)
        s = score(corpus, tmpdir / "on.db")
        scale = 10_000 / len(corpus.articles)
        wp, wr, wpp, wtp = s["wire"]
        sp, sr, spp, stp = s["statements"]
        print(f"wire copies:  precision {100 * wp:5.1f} %  recall {100 * wr:5.1f} %  "
              f"({wpp} pairs found, {wtp} true)   target P >= 98 %, R >= 95 %")
        print(f"  groups rooted on the true original: {s['roots'][0]}/{s['roots'][1]}")
        print(f"statements:   precision {100 * sp:5.1f} %  recall {100 * sr:5.1f} %  "
              f"({spp} pairs found, {stp} true, {s['quotes']} quotations)   "
              f"target P >= 95 %, R >= 85 %")
        whole = per_article * len(corpus.articles) + off
        print(f"store ingest per 10,000 articles: {off * scale:6.1f} s without clustering, "
              f"{on * scale:6.1f} s with (+{(on - off) * scale:.1f} s, "
              f"{100 * (on - off) / off:.0f} % of the store's time)")
        print(f"  against a whole ingest (analysis {per_article * 1000:.0f} ms/article + store): "
              f"+{100 * (on - off) / whole:.1f} %   target <= 10 %")
        sizes = [int(x) for x in args.sizes.split(",") if x]
        rates = []
        for n in sizes:
            c = corpus if n == len(corpus.articles) else generate(texts, analysed, n)
            seconds = layer_time(c, tmpdir / f"layer{n}.db")
            rates.append(seconds * 10_000 / n)
            print(f"clustering layer at {n:>7,} articles: {seconds:7.1f} s, "
                  f"{rates[-1]:5.2f} s per 10,000")
        if len(rates) > 1:
            print(f"growth of the time per article from {sizes[0]:,} to {sizes[-1]:,}: "
                  f"x{rates[-1] / rates[0]:.2f} (1.00 = linear)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
