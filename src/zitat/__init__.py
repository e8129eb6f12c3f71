"""zitat: who said what, to whom, when and where — in German news.

Public API::

    import zitat
    article = zitat.analyze("„Wir sind bereit“, sagte Feldmann.", date="2022-03")
    store = zitat.open_store("zitat.db")            # an existing store (create=True: a new one)
    hits = store.search(zitat.SearchQuery(text="Rente", speaker="Brandt"))
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from zitat.schema import Article, Entity, Place, Quote, RawArticle, Role, TimeExpr

__version__ = "0.1.0"
__all__ = [
    "Article",
    "Entity",
    "Place",
    "Quote",
    "RawArticle",
    "Role",
    "SearchQuery",
    "Store",
    "TimeExpr",
    "analyze",
    "open_store",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    # what type checkers see; at run time __getattr__ below imports these on first use
    from zitat.analysis import analyze
    from zitat.store import SearchQuery, Store, open_store


def __getattr__(name: str) -> object:
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
    if name == "Store":
        from zitat.store import Store

        return Store
    raise AttributeError(f"module 'zitat' has no attribute {name!r}")
