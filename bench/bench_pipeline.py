"""Benchmark the shipped core pipeline: accuracy on held-out data, speed, memory, size.

Held-out data (never used for training or model selection):
    * UD German GSD dev → UPOS, FEATS, Mood, lemma accuracy, UAS, LAS, on the treebank's
      surface tokens (the text as written: ``im``, ``zum``; the tokens zitat sees and was
      trained on) and on spaCy's default conversion into syntactic words, whose text glues a
      contraction's words into a non-word (``in`` + ``dem`` → ``indem``) that no tokenizer
      of real text splits (4 % of the gold words);
    * GermEval 2014 dev and DFKI SmartData's held-out fifth (zitat.train.smartdata) → NER
      precision/recall/F1 of PER/ORG/LOC with exact spans, overall and per label.
Speed: the whole zitat pipeline (core model + quotes, speakers, times, places) on
../shared/data/news-10kgnad/articles.csv, as ``zitat ingest`` runs it (one worker process
per CPU, see zitat.parallel) and in one process; the core model alone in one process.

Usage: python bench/bench_pipeline.py [--limit N] [--model DIR] [--speed-only | --ner-only]
(skips when ../shared/data is absent)

``--model`` evaluates another core pipeline directory (default: the shipped
``src/zitat/models/de_zitat_core``); the size then counts that directory instead of the
shipped core model.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SHIPPED_CORE = REPO / "src" / "zitat" / "models" / "de_zitat_core"


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _heldout_treebank(shared: Path, vocab, surface: bool) -> list:
    """GSD dev as gold Docs: with ``surface`` its surface tokens (``im`` with the merged
    annotation of ``in`` + ``dem``, ``spacy convert -T``), else spaCy's default conversion,
    whose text glues the syntactic words of a contraction into a non-word (``indem``)."""
    import subprocess

    from spacy.tokens import DocBin

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "spacy", "convert",
                        str(shared / "ud-german" / "de_gsd-ud-dev.conllu"), tmp, "-c", "conllu",
                        "-n", "10", *(["-T"] if surface else [])], check=True, capture_output=True)
        return list(DocBin().from_disk(Path(tmp) / "de_gsd-ud-dev.spacy").get_docs(vocab))


def treebank_scores(core, gold: list) -> dict[str, float]:
    """UPOS, FEATS, Mood, lemma, UAS, LAS (percent) of ``core`` against ``gold`` Docs; a gold
    word without a predicted token of the same extent counts as wrong."""
    from spacy.training import Example

    examples = [Example(core(core.make_doc(g.text)), g) for g in gold]
    scores = core.evaluate(examples)
    mood_ok = mood_n = 0
    for ex in examples:
        for tok in ex.reference:
            gold_mood = tok.morph.get("Mood")
            if not gold_mood:
                continue
            mood_n += 1
            pred = ex.predicted.char_span(tok.idx, tok.idx + len(tok))
            mood_ok += pred is not None and len(pred) == 1 and pred[0].morph.get("Mood") == gold_mood
    return {"UPOS": 100 * scores["pos_acc"], "FEATS": 100 * scores["morph_acc"],
            "Mood": 100 * mood_ok / max(1, mood_n), "lemma": 100 * scores["lemma_acc"],
            "UAS": 100 * scores["dep_uas"], "LAS": 100 * scores["dep_las"], "mood_n": mood_n,
            "sentences": sum(len(list(g.sents)) for g in gold)}


def accuracy(nlp, shared: Path, model: Path = SHIPPED_CORE) -> None:

    from zitat.nlp.pipeline import load_core

    core = load_core(model)  # registers the model's own functions (UPOS lookup, lexicon)
    surface = treebank_scores(core, _heldout_treebank(shared, core.vocab, surface=True))
    words = treebank_scores(core, _heldout_treebank(shared, core.vocab, surface=False))
    targets = {"UPOS": "≥ 94", "Mood": "≥ 95", "LAS": "≥ 75"}
    print(f"Held-out treebank (UD GSD dev, {surface['sentences']} sentences, "
          f"{surface['mood_n']} tokens with Mood):")
    print("  metric  surface tokens  syntactic words   target")
    print("          (real text: im) (glued: indem)")
    for key in ("UPOS", "FEATS", "Mood", "lemma", "UAS", "LAS"):
        print(f"  {key:<6}  {surface[key]:>14.1f}  {words[key]:>15.1f}   {targets.get(key, '')}")
    ner_accuracy(core, shared)


def ner_accuracy(core, shared: Path) -> None:
    """Exact-span PER/ORG/LOC scores on both held-out parts (GermEval 2014 dev, SmartData's
    held-out fifth), the tagger alone and as zitat runs it (with ``zitat_entity_rules``),
    plus GermEval's score with MISC as the model card reported it up to 0.6.0."""
    from spacy.scorer import Scorer
    from spacy.training import Example

    from zitat.nlp.entity_rules import EntityRules
    from zitat.train.core import germeval_docs
    from zitat.train.ner_eval import held_out, report, score

    rules = EntityRules("zitat_entity_rules")
    keep = ("tok2vec", "ner", "tagger", "stts_upos")
    disable = [p for p in core.pipe_names if p not in keep]
    for corpus, gold in held_out(shared, "heldout").items():
        docs = list(core.pipe((t for t, _ in gold), disable=disable))
        print(f"Held-out NER, {corpus} ({'GermEval 2014 dev' if corpus == 'GermEval' else 'SmartData held-out fifth'}, "
              f"{len(gold)} documents), PER/ORG/LOC exact spans:")
        print("\n".join(report("tagger", score(lambda _t, d=docs: d, gold), "(target F1 ≥ 72)")))
        print("\n".join(report("tagger + zitat_entity_rules",
                               score(lambda _t, d=docs: [rules(x.copy()) for x in d], gold),
                               "(as zitat runs it; target F1 ≥ 72)")))
    ner_gold = germeval_docs(shared / "ner-germeval2014" / "NER-de-dev.tsv")
    tagged = list(core.pipe((g.text for g in ner_gold), disable=disable))
    ns = Scorer.score_spans([Example(d, g) for d, g in zip(tagged, ner_gold, strict=True)], "ents")
    print(f"  GermEval dev with MISC (the figure up to 0.6.0): P {100 * ns['ents_p']:.1f}  "
          f"R {100 * ns['ents_r']:.1f}  F1 {100 * ns['ents_f']:.1f}")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pss_mb() -> float:
    """Proportional set size of this process and its children: memory they really use,
    pages shared after the fork counted once."""
    import multiprocessing

    total = 0
    for pid in [os.getpid()] + [c.pid for c in multiprocessing.active_children()]:
        for line in _read_lines(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="ascii") as fh:
            return fh.readlines()
    except OSError:  # a worker that just ended, or no /proc
        return []


def speed(shared: Path, limit: int, model: Path = SHIPPED_CORE) -> None:
    peak_before = _peak_mb()
    from zitat.analysis import analyze_many
    from zitat.nlp.pipeline import load_pipeline
    from zitat.parallel import resolve_workers
    from zitat.schema import RawArticle

    csv.field_size_limit(10**8)
    with (shared / "news-10kgnad" / "articles.csv").open(encoding="utf-8") as fh:
        rows = [r[1] for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
    rows = rows[:limit] if limit else rows
    nlp = load_pipeline(str(model))
    words = sum(len(t.split()) for t in rows)
    raws = [RawArticle(text=t, date="2019-05", origin=f"10kGNAD:{i}") for i, t in enumerate(rows)]
    list(analyze_many(raws[:8], nlp=nlp))  # warm-up
    workers = resolve_workers(0)

    def run(pipeline, jobs: int) -> tuple[float, int, float]:
        start, n, pss = time.perf_counter(), 0, 0.0
        for _ in analyze_many(raws, nlp=pipeline, batch_size=32, workers=jobs):
            n += 1
            if n % 25 == 0:
                pss = max(pss, _pss_mb())
        return time.perf_counter() - start, n, pss

    par_secs, n, par_pss = run(nlp, workers)
    secs, _, _ = run(nlp, 1)
    peak_whole = _peak_mb()
    # the full linguistic analysis, with the parser and lemmatiser that zitat skips
    full = load_pipeline(str(model), parse=True)
    list(analyze_many(raws[:8], nlp=full))
    full_secs, _, _ = run(full, 1)
    core_only = load_pipeline(str(model), components=())
    t0 = time.perf_counter()
    for _ in core_only.pipe((r.text for r in raws), batch_size=32):
        pass
    core_secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Speed on 10kGNAD ({n} articles, {words:,} words):")
    print(f"  whole pipeline, {workers} processes (zitat ingest's default here) "
          f"{words / par_secs:,.0f} words/s, {n / par_secs:.1f} articles/s   "
          f"(target ≥ 10,000 words/s on 2 cores)")
    print(f"  whole pipeline, 1 process  {words / secs:,.0f} words/s, {n / secs:.1f} articles/s")
    print(f"  with the parser and lemmatiser (ZITAT_PARSE=1), 1 process "
          f"{words / full_secs:,.0f} words/s, {n / full_secs:.1f} articles/s")
    print(f"  core model only, 1 process {words / core_secs:,.0f} words/s; zitat components add "
          f"{100 * (secs - core_secs) / core_secs:.0f} % time")
    print(f"  peak memory     {workers} processes: {par_pss:,.0f} MB (proportional set size of "
          f"all processes); 1 process: {peak_whole:,.0f} MB; {peak:,.0f} MB with a second "
          f"pipeline (parser) loaded   (target ≤ 1 GB; {peak_before:,.0f} MB before the speed test)")
    models = REPO / "src" / "zitat" / "models"
    size = (_dir_size(models) - _dir_size(SHIPPED_CORE) + _dir_size(model)
            + _dir_size(REPO / "src" / "zitat" / "nlp" / "data"))
    print(f"  models on disk  {size / 1e6:.1f} MB   (target ≤ 100 MB; core model {_dir_size(model) / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="articles for the speed test (0: all)")
    parser.add_argument("--model", type=Path, default=SHIPPED_CORE,
                        help="core spaCy pipeline directory to evaluate (default: the shipped one)")
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy part")
    parser.add_argument("--ner-only", action="store_true",
                        help="only the held-out NER figures (no treebank, no speed)")
    args = parser.parse_args()
    model = args.model.resolve()
    from zitat.settings import get_settings

    shared = Path(get_settings().shared_data)
    if not shared.exists():
        print(f"skipped: {shared} not found (set ZITAT_SHARED_DATA)")
        return
    from zitat.nlp.pipeline import load_pipeline

    if args.speed_only:
        speed(shared, args.limit, model)
        return
    if args.ner_only:
        from zitat.nlp.pipeline import load_core

        ner_accuracy(load_core(model), shared)
        return
    accuracy(load_pipeline(str(model), components=()), shared, model)
    # a fresh process, so that the memory peak is the pipeline's, not the accuracy part's
    import subprocess

    subprocess.run([sys.executable, __file__, "--speed-only", "--limit", str(args.limit),
                    "--model", str(model)], check=True)


if __name__ == "__main__":
    main()
