"""When two articles are copies of one text, and two quotations one statement."""

from __future__ import annotations

from dataclasses import dataclass

from zitat.clusters.text import statement_keys, words

#: Share of the shorter article's shingles found in the longer one for a wire copy: a
#: trimmed, re-paragraphed or lightly edited copy keeps most of its 4-word runs; two
#: reports of one event in their own words share few.
WIRE_CONTAINMENT = 0.65
#: Fewest shingles an article needs to be compared at all: a one-line text is no report,
#: and the boilerplate of short stubs (`Der Volltext dieses Artikels steht nicht mehr zur
#: Verfügung`) would make them look like copies of each other.
WIRE_MIN_SHINGLES = 30
#: Keys of the shorter statement found in the longer one: direct quotes (re-quoted,
#: shortened, a word changed) and reported versions by the same speaker.
DIRECT_CONTAINMENT = 0.8
REPORTED_CONTAINMENT = 0.6
#: Fewest shared keys: `„Das ist falsch“` is said by many and is no one statement.
MIN_SHARED_KEYS = 3
#: Words (not keys: a paraphrase keeps the keys, not the words) of the shorter statement
#: found in the longer one for a near-verbatim repeat of any type, whoever it is credited
#: to (reprints of an indirect quote without a speaker).
VERBATIM_CONTAINMENT = 0.9
#: Fewest words of an exact repeat (after normalisation) that is one statement even with
#: few content words (`„Das ist ein guter Tag für die Stadt“`).
MIN_REPEAT_WORDS = 5
#: Fewest words of an exact repeat credited to the same speaker (`„Ich übernehme die
#: Verantwortung“` reprinted).
MIN_SAME_SPEAKER_REPEAT_WORDS = 3


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
        words: its normalised words (:func:`~zitat.clusters.text.words`).
    """

    id: int | str
    direct: bool
    speaker: str | None
    keys: frozenset[str]
    words: tuple[str, ...] = ()


def quote_key(id: int | str, text: str, type: str, speaker: str | None) -> QuoteKey:
    """The :class:`QuoteKey` of a quotation (``type`` as in the data contract)."""
    return QuoteKey(id, type == "Direct", speaker, frozenset(statement_keys(text)),
                    tuple(words(text)))


def same_statement(a: QuoteKey, b: QuoteKey) -> bool:
    """Whether two quotations are versions of one statement.

    An exact repeat (after normalisation) of at least :data:`MIN_REPEAT_WORDS` words is
    (:data:`MIN_SAME_SPEAKER_REPEAT_WORDS` when credited to the same speaker),
    and so is a near-verbatim one of any type. Two direct quotes are when nearly all
    content words of the shorter are in the longer. In these cases the speaker does not
    matter (a different one is a conflicting attribution, kept and flagged). An indirect
    or reported version otherwise must be credited to the same speaker and share most of
    its content words.
    """
    if a.words and a.words == b.words:
        same_speaker = a.speaker is not None and a.speaker == b.speaker
        limit = MIN_SAME_SPEAKER_REPEAT_WORDS if same_speaker else MIN_REPEAT_WORDS
        if len(a.words) >= limit:
            return True
    shared = len(a.keys & b.keys)
    if shared < MIN_SHARED_KEYS:
        return False
    if containment(set(a.words), set(b.words)) >= VERBATIM_CONTAINMENT:
        return True
    c = shared / min(len(a.keys), len(b.keys))
    if a.direct and b.direct:
        return c >= DIRECT_CONTAINMENT
    return a.speaker is not None and a.speaker == b.speaker and c >= REPORTED_CONTAINMENT
