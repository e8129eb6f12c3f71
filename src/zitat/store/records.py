"""What the store returns: result records, separate from storage rows and the contract."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from zitat.schema import QUOTE_TYPES, normalize_date


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


def quote_type(value: str) -> str:
    """The contract name of a quotation type, given in any case (``direct`` → ``Direct``).

    Raises:
        ValueError: naming the allowed types.
    """
    for name in QUOTE_TYPES:
        if name.lower() == value.strip().lower():
            return name
    raise ValueError(f"type {value!r} is not one of {', '.join(QUOTE_TYPES)}")


class SearchQuery(_Record):
    """A quote search; all filters are optional and combined with AND.

    Validated on construction: ``type`` in any case (``direct``), dates in ISO or German
    notation (``03.11.2023``, normalised to ``2023-11-03``), ``limit`` 1–10,000 and
    ``offset`` ≥ 0; anything else raises :class:`pydantic.ValidationError`.
    """

    text: str | None = None
    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    place: str | None = None
    about: str | None = Field(
        default=None, description="Only quotes whose sentence mentions a time within this date."
    )
    min_confidence: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="Only quotes whose confidence (the probability that quote and speaker "
                    "are right) is at least this.",
    )
    limit: int = Field(default=20, ge=1, le=10_000)
    offset: int = Field(default=0, ge=0)

    @field_validator("text", "speaker", "place")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v.strip() or None if v is not None else None

    @field_validator("type")
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        return quote_type(v) if v and v.strip() else None

    @field_validator("since", "until", "about")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return normalize_date(v) if v and v.strip() else None


class QuoteHit(_Record):
    """One quotation found by a search."""

    article_id: str
    quote_id: str
    type: str
    medium: str
    text: str
    speaker: str | None = None
    speaker_id: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    addressee: str | None = None
    confidence: float
    date: str | None = None
    title: str | None = None
    url: str | None = None
    start: int
    end: int
    cluster_id: int | None = Field(default=None, description="The statement cluster.")
    outlets: int = Field(default=0, description="Other outlets that reported the statement.")


class FacetValue(_Record):
    """One value of a search facet and how many matching quotes have it."""

    value: str
    count: int
    id: int | None = Field(default=None, description="The speaker's id (speaker facet only).")


@dataclass(frozen=True)
class MatchWindow:
    """The newest matches of a search, as its first pages need them
    (:meth:`~zitat.store.base.Store.match_window`).

    Attributes:
        ids: the newest ``sample + 1`` matching quote ids (all of them when fewer match),
            in listing order (:meth:`~zitat.store.base.Store.search`'s).
        facets: the counts by facet of the newest ``sample`` matches.
        sample: how many matches the facets count at most.
    """

    ids: array[int]
    facets: dict[str, list[FacetValue]]
    sample: int

    @property
    def total(self) -> int:
        """The matches counted: at most ``sample + 1`` (then more match)."""
        return len(self.ids)

    def page(self, offset: int, limit: int) -> list[int] | None:
        """The ids of the listing's rows ``offset`` to ``offset + limit``, or None when
        they lie beyond the window (the search must look them up itself)."""
        end = offset + limit
        if len(self.ids) <= self.sample or end <= len(self.ids):
            return list(self.ids[offset:end])
        return None


class PlaceCount(_Record):
    """A place with coordinates and in how many articles it is mentioned (for maps)."""

    name: str
    lat: float
    lon: float
    articles: int


class RoleSpan(_Record):
    role: str
    first_seen: str | None = None
    last_seen: str | None = None


class SpeakerSummary(_Record):
    """A speaker in a ranking: canonical name, roles and how much they said when."""

    id: int
    name: str
    label: str
    roles: list[str] = Field(default_factory=list)
    quotes: int
    first_date: str | None = None
    last_date: str | None = None


class SpeakerProfile(_Record):
    """Everything the store knows about one speaker."""

    id: int
    name: str
    label: str
    variants: list[str]
    roles: list[RoleSpan]
    quotes: int
    quotes_per_month: dict[str, int]
    co_mentioned: list[tuple[str, int]]
    places: list[tuple[str, int]]
    latest: list[QuoteHit]
    min_confidence: float | None = None
    """The confidence threshold the quote counts and ``latest`` were filtered by, if any."""
    uncertain: int = 0
    """Quotes attributed to the speaker with a confidence below ``min_confidence``."""


class Stats(_Record):
    articles: int
    quotes: int
    quotes_by_type: dict[str, int]
    speakers: int
    entities: int
    places: int
    times: int
    first_date: str | None = None
    last_date: str | None = None
    quotes_per_month: dict[str, int] = Field(default_factory=dict)


class WriteResult(_Record):
    added: int
    skipped: int


class Appearance(_Record):
    """One appearance of a statement: a quotation in one article."""

    quote_id: str
    article_id: str
    date: str | None = None
    outlet: str
    title: str | None = None
    url: str | None = None
    type: str
    text: str
    speaker: str | None = None
    speaker_id: int | None = None
    wire_of: str | None = Field(
        default=None, description="The earliest article this one is a wire copy of."
    )


class Variant(_Record):
    """One wording of a statement, with its word-level differences from the first."""

    text: str
    appearances: int
    speakers: list[str] = Field(default_factory=list)
    diff: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Segments (op, text) against the first wording: '=' same, '+' added, "
        "'-' left out.",
    )


class StatementCluster(_Record):
    """One statement across outlets: who reported it first, where else, in which words."""

    id: int
    first: Appearance
    appearances: list[Appearance]
    outlets: list[tuple[str, int]]
    variants: list[Variant]
    speakers: list[str]
    conflicting: bool = Field(description="The versions credit different speakers.")


class HitGroup(_Record):
    """Search hits of one statement cluster (``search --group``)."""

    cluster_id: int | None = None
    outlets: int = 0
    hits: list[QuoteHit]
