"""Hand-written articles whose quotes carry chosen confidences (store, CLI and web tests)."""

from __future__ import annotations

from tests.conftest import make_article
from zitat.schema import Article


def with_confidence(article: Article, confidence: float) -> Article:
    """The article with its one quote's confidence set to ``confidence``."""
    (q,) = article.quotes
    return article.model_copy(update={"quotes": [q.model_copy(update={"confidence": confidence})]})


#: Jonas Keller: one confident attribution (0.86) and one doubtful one (0.22)
SURE = with_confidence(make_article(
    "„Die Brücke wird im Mai wieder freigegeben“, sagte Jonas Keller am Donnerstag in Kassel.",
    date="2023-03-02", speaker="Jonas Keller", role="Baudezernent"), 0.86)
DOUBTFUL = with_confidence(make_article(
    "Der Stadtrat tagte lange. „Das Geld reicht nicht für beide Schulen“, hieß es danach, "
    "sagte Jonas Keller.", date="2023-04-11", speaker="Jonas Keller", role="Baudezernent"), 0.22)
