"""zitat: who said what, to whom, when and where — in German news.

Public API::

    import zitat
    article = zitat.analyze("„Wir sind bereit“, sagte Feldmann.", date="2022-03")
    store = zitat.open_store("zitat.db")
    hits = store.search(zitat.SearchQuery(text="Rente", speaker="Feldmann"))
"""

from __future__ import annotations

import logging

from zitat.schema import Article, Entity, Place, Quote, RawArticle, Role, TimeExpr

__version__ = "0.1.0"
__all__ = [
    "Article", "Entity", "Place", "Quote", "RawArticle", "Role", "SearchQuery", "TimeExpr",
    "analyze", "open_store",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    # Resolved on first use, so that `import zitat` (and the schema) does not load spaCy.
    if name == "analyze":
        from zitat.analysis import analyze

        return analyze
    if name == "open_store":
        from zitat.store import open_store

        return open_store
    if name == "SearchQuery":
        from zitat.store import SearchQuery

        return SearchQuery
    raise AttributeError(f"module 'zitat' has no attribute {name!r}")
