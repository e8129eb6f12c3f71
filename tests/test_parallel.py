"""Analysis in worker processes: same results and order as in one process, nothing lost."""

from __future__ import annotations

import os

import pytest
import spacy
from spacy.language import Language

from zitat.analysis import analyze_many
from zitat.parallel import can_fork, resolve_workers
from zitat.schema import Article, RawArticle, Rejected

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes need fork")

TOWNS = ["Kassel", "Görlitz", "Passau", "Lübeck", "Jena", "Würzburg", "Straßburg"]


def _raws() -> list[RawArticle | Rejected]:
    items: list[RawArticle | Rejected] = [
        RawArticle(text=f"„Wir prüfen das Angebot sorgfältig“, sagte Bürgermeisterin Sabine Roth "
                        f"am Montag in {town}. Die Entscheidung falle im Mai.",
                   date="2022-03", origin=f"demo:{k}")
        for k, town in enumerate(TOWNS)
    ]
    items.insert(3, Rejected(origin="demo:kaputt", reason="date '2022-13' has an impossible month"))
    items.insert(5, RawArticle(text="   ", date="2022-03", origin="demo:leer"))
    return items


def _summary(results: list[Article | Rejected]) -> list[tuple[str, ...]]:
    return [(r.origin or "", r.reason) if isinstance(r, Rejected)
            else (r.text[:60], *(q.text for q in r.quotes), *(t.value or "" for t in r.times))
            for r in results]


@pytest.fixture(scope="module")
def rules_nlp() -> Language:
    """zitat's rule components on a blank German pipeline: fast, no trained model."""
    from zitat.nlp.pipeline import load_pipeline

    return load_pipeline("/nonexistent-model", components=("zitat_quotes", "zitat_timex"))


def test_workers_give_the_same_results_in_the_same_order(rules_nlp):
    alone = list(analyze_many(_raws(), nlp=rules_nlp, batch_size=2, workers=1))
    shared = list(analyze_many(_raws(), nlp=rules_nlp, batch_size=2, workers=2))
    assert _summary(shared) == _summary(alone)
    assert len(shared) == 9
    assert isinstance(shared[3], Rejected) and shared[3].origin == "demo:kaputt"
    assert isinstance(shared[5], Rejected) and shared[5].reason == "empty article text"
    first = shared[0]
    assert isinstance(first, Article)
    assert first.quotes[0].text == "„Wir prüfen das Angebot sorgfältig“"
    assert "Kassel" in first.text and "Straßburg" in shared[-1].text


PARENT = os.getpid()


@Language.component("test_crash_in_worker")
def _crash_in_worker(doc):
    if "ABSTURZ" in doc.text and os.getpid() != PARENT:
        os._exit(3)  # as the kernel's OOM killer would end it: no exception, no clean-up
    return doc


def test_an_article_that_kills_its_worker_is_rejected_and_the_rest_survive():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_crash_in_worker")
    raws = [RawArticle(text=f"Meldung {k} aus Görlitz.", date="2022-03", origin=f"m:{k}")
            for k in range(6)]
    raws[4] = RawArticle(text="Diese Meldung löst einen ABSTURZ aus.", date="2022-03",
                         origin="m:4")
    results = list(analyze_many(raws, nlp=nlp, batch_size=2, workers=2))
    assert len(results) == 6
    assert [isinstance(r, Rejected) for r in results] == [False] * 4 + [True, False]
    assert results[4].origin == "m:4" and "worker process died" in results[4].reason
    assert results[4].preview.startswith("Diese Meldung")
    assert results[5].text == "Meldung 5 aus Görlitz."


def test_resolve_workers():
    assert resolve_workers(3) == 3
    assert 1 <= resolve_workers(0) <= 4
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(-1)
