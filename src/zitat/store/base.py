"""The store interface every backend implements (typing only).

:class:`~zitat.store.sqlite.SQLiteStore` and :class:`~zitat.store.postgres.PostgresStore`
share one implementation (:class:`~zitat.store.sql.SQLStore`) and differ only in a small
dialect, so code above the store layer (jobs, CLI, web, ``zitat load``) is written against
:class:`Store` and works with either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from zitat.schema import Article
from zitat.store.records import (
    FacetValue,
    MatchWindow,
    PlaceCount,
    QuoteHit,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    StatementCluster,
    Stats,
    WriteResult,
)
from zitat.store.shares import ShareQuery, ShareTable

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """A zitat store: analysed articles in, quotes, speakers and figures out.

    Contract shared by all backends:

    * :meth:`add_articles` writes a batch in one transaction; an article whose id is
      already stored is skipped (counted in ``WriteResult.skipped``), so re-ingesting
      changes nothing and a crash never leaves half an article behind.
    * Text search folds case, umlauts and ß (:func:`zitat.store.text.fold`) and finds
      parts of compounds (``versicherung`` finds ``Rentenversicherung``).
    * Entity ids are stable integers; speakers are linked across articles by the rules
      in :mod:`zitat.store.entities`.
    * A store opened with ``readonly=True`` never creates or migrates anything.
    * Every write links wire copies to their earliest version and puts each quotation in
      a statement cluster (:mod:`zitat.store.clusters`); quotes of wire copies count once
      in speaker figures.
    """

    def add_articles(self, articles: Sequence[Article]) -> WriteResult:
        """Store a batch of articles in one transaction; known ids are skipped."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The stored article record (identical to what was added), or ``None``."""
        ...

    def search(self, query: SearchQuery) -> list[QuoteHit]:
        """Quotes matching ``query``, newest article first."""
        ...

    def speakers(self, limit: int = 50, offset: int = 0) -> list[SpeakerSummary]:
        """Speakers ranked by number of quotes."""
        ...

    def data_version(self) -> int:
        """A number that grows whenever an article is added (caches are valid for one)."""
        ...

    def count(self, query: SearchQuery, limit: int | None = None) -> int:
        """How many quotes match ``query`` (its limit and offset aside), at most ``limit``."""
        ...

    def facets(self, query: SearchQuery, size: int = 10,
               sample: int | None = None) -> dict[str, list[FacetValue]]:
        """Matching quotes (the newest ``sample`` of them) counted by speaker, type, year,
        place and source."""
        ...

    def match_window(self, query: SearchQuery, size: int = 10, sample: int = 1000,
                     ) -> MatchWindow:
        """The newest ``sample + 1`` matches' ids in listing order and the facets of the
        newest ``sample``, at once (what a search page shows)."""
        ...

    def quotes_by_id(self, ids: Sequence[int]) -> list[QuoteHit]:
        """The quotes with these ids as :meth:`search` lists them, in the order given."""
        ...

    def speaker_candidates(self, name_or_id: str | int) -> list[SpeakerSummary]:
        """Every speaker a name could mean (one when unambiguous, none when unknown)."""
        ...

    def article_ids_with_prefix(self, prefix: str, limit: int = 10) -> list[str]:
        """Stored article ids starting with ``prefix``."""
        ...

    def place_counts(self, speaker_id: int | None = None, limit: int = 200) -> list[PlaceCount]:
        """Places with coordinates by number of articles (of one speaker's quotes)."""
        ...

    def find_speaker(self, name_or_id: str | int) -> int | None:
        """Entity id for an id or a name/variant (the speaker with most quotes wins)."""
        ...

    def speaker(self, entity_id: int, latest: int = 10,
                min_confidence: float | None = None) -> SpeakerProfile | None:
        """The profile of one entity, or ``None`` for an unknown id (with
        ``min_confidence``: counting only attributions at least that confident)."""
        ...

    def stats(self) -> Stats:
        """Corpus figures."""
        ...

    def cluster(self, cluster_id: int) -> StatementCluster | None:
        """One statement across outlets (first appearance, appearances, variants)."""
        ...

    def cluster_of(self, article_id: str, qid: str) -> int | None:
        """The statement cluster of one quotation."""
        ...

    def article_clusters(self, article_id: str) -> dict[str, tuple[int, int]]:
        """Per quote id of an article: its cluster and how many other outlets reported it."""
        ...

    def wire_original(self, article_id: str) -> str | None:
        """The earliest article of which this one is a wire copy, or ``None``."""
        ...

    def recluster(self) -> int:
        """Rebuild wire-copy links and statement clusters of all stored articles."""
        ...

    def article_ids(self) -> Iterable[str]:
        """Ids of all stored articles in the order they were added."""
        ...

    def shares(self, query: ShareQuery) -> ShareTable:
        """Quote and speaker shares by speaker attributes and framing, with 95 % intervals."""
        ...

    def speaker_attributes(self, entity_id: int) -> dict[str, dict[str, Any]]:
        """A speaker's resolved kind, role class, party and gender with votes and evidence."""
        ...

    def reattribute(self, update: Callable[[Article], Article], batch: int = 500) -> int:
        """Re-derive attributes and framing of every stored article through ``update``."""
        ...

    def set_speaker_attribute(self, name_or_id: str | int, attribute: str,
                              value: str) -> tuple[int, str]:
        """Correct one attribute by hand (``""`` removes the correction)."""
        ...

    def applied_migrations(self) -> list[str]:
        """Names of the numbered migrations this database has, sorted."""
        ...

    def migrate(self) -> list[str]:
        """Apply missing migrations in order; returns their names."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
