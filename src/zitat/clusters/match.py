"""When two articles are copies of one text, and two quotations one statement."""

from __future__ import annotations

from dataclasses import dataclass

from zitat.clusters.text import statement_keys

#: Share of the shorter article's shingles found in the longer one for a wire copy: a
#: trimmed, re-paragraphed or lightly edited copy keeps most of its 4-word runs; two
#: reports of one event in their own words share few.
WIRE_CONTAINMENT = 0.6
#: Fewest shingles an article needs to be compared at all (a one-line text is no report).
WIRE_MIN_SHINGLES = 20
#: Keys of the shorter statement found in the longer one: direct quotes (re-quoted,
#: shortened, a word changed) and reported versions by the same speaker.
DIRECT_CONTAINMENT = 0.8
REPORTED_CONTAINMENT = 0.6
#: Fewest shared keys: `„Das ist falsch“` is said by many and is no one statement.
MIN_SHARED_KEYS = 3


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other (0 for an empty set)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def wire_similarity(a: set[str], b: set[str]) -> float | None:
    """The containment of two articles' shingles when they are copies of one text, else ``None``."""
    if min(len(a), len(b)) < WIRE_MIN_SHINGLES:
        return None
    c = containment(a, b)
    return c if c >= WIRE_CONTAINMENT else None


@dataclass(frozen=True)
class QuoteKey:
    """What statement matching needs of a quotation.

    Attributes:
        id: the quote's id in its store (or any key).
        direct: a direct quotation (its words are the speaker's).
        speaker: who it is credited to (an entity id or a folded name), or ``None``.
        keys: :func:`~zitat.clusters.text.statement_keys` of its text.
    """

    id: int | str
    direct: bool
    speaker: str | None
    keys: frozenset[str]


def quote_key(id: int | str, text: str, type: str, speaker: str | None) -> QuoteKey:
    """The :class:`QuoteKey` of a quotation (``type`` as in the data contract)."""
    return QuoteKey(id, type == "Direct", speaker, frozenset(statement_keys(text)))


def same_statement(a: QuoteKey, b: QuoteKey) -> bool:
    """Whether two quotations are versions of one statement.

    Two direct quotes are when nearly all words of the shorter are in the longer, whoever
    they are credited to (a different speaker is a conflicting attribution, kept and
    flagged). An indirect or reported version must be credited to the same speaker and
    share most of its content words.
    """
    shared = len(a.keys & b.keys)
    if shared < MIN_SHARED_KEYS:
        return False
    c = shared / min(len(a.keys), len(b.keys))
    if a.direct and b.direct:
        return c >= DIRECT_CONTAINMENT
    return a.speaker is not None and a.speaker == b.speaker and c >= REPORTED_CONTAINMENT
