"""Shared helpers of the quotation rules: the ``Found`` record, character spans, tokens in a
span, sentence bounds, quotation-mark spans and the function words the rules look at."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from zitat.nlp.extensions import doc_text
from zitat.nlp.lexicon_features import FIRST_NAME, FLAGS, NOUN
from zitat.nlp.quote_marks import MarkedSpan, find_marked_spans
from zitat.nlp.sentences import sentence_spans
from zitat.schema import Role

Span = tuple[int, int]

# function words the rules look at (closed classes, not cues: those are in cues.tsv)
PRONOUNS = frozenset("er sie es man wir ich".split())
DETS = frozenset(
    "der die das des dem den ein eine eines einem einen einer sein seine seiner seinem "
    "seinen ihr ihre ihrer ihrem ihren".split()
)
DATIVE_DETS = frozenset("dem der den einem einer".split())
#: pronouns that open a relative clause (`Die Stadt, die …`, `Wer glaubt, …`)
RELATIVE_PRONOUNS = frozenset(
    "der die das dem den deren dessen welche welcher welches wer was".split()
)
STOP_PREPS = frozenset(
    "am im in an auf bei vor nach mit gegenüber während zum zur über unter aus seit "
    "bis um für gegen ohne durch zu am vom beim".split()
)
NAME_LINKS = frozenset("von van de del der des du la le bin al".split())
DATIVE_PRONOUNS = frozenset("ihm ihr ihnen".split())
FINITE_AUX = frozenset("hat haben hatte hatten habe ist sind war waren sei wurde wurden".split())
#: auxiliaries of the perfect before a cue participle (`hat … angekündigt`)
PERFECT_AUX = frozenset("hat haben hatte hatten".split())
#: finite auxiliaries of the passive (`wird … genannt`, `wurde bemängelt`)
PASSIVE_AUX = frozenset("wird werden wurde wurden".split())
#: articles that open no nominative phrase (`Den Vorschlag lehnte sie ab`)
OBLIQUE_ARTICLES = frozenset("den dem einen einem".split())


@dataclass
class Found:
    """A quotation while the rules work on it: character spans of the quotation and its
    roles, and what the rule that found it says (``rule``, ``medium``, ``confidence``)."""

    type: str
    spans: list[Span]
    cue: list[Span] = field(default_factory=list)
    speaker: list[Span] = field(default_factory=list)
    addressee: list[Span] = field(default_factory=list)
    frame: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    nested_in: int | None = None
    medium: str | None = None
    rule: str | None = None


def role_of(text: str, spans: list[Span]) -> Role | None:
    """The contract's :class:`Role` for non-empty ``spans``, else None."""
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return None
    return Role(text=" … ".join(text[s:e] for s, e in spans), spans=spans)


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside ``[start, end)`` (binary search, not a scan of the doc)."""
    starts = doc.user_data.get("zitat_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["zitat_token_starts"] = doc.to_array(IDX).tolist()
    i = bisect_left(starts, start)
    j = bisect_left(starts, end)
    while j > i and starts[j - 1] + len(doc[j - 1]) > end:
        j -= 1
    return list(doc[i:j])  # one Span, iterated in Cython: faster than indexing per token


_LOWER_NAME = re.compile(r"(?:al|el|ad|as|at|ar|an|ash|ben|bin|ibn)-[A-ZÄÖÜ]")


#: a website as a name (`regiowelt.de`, `GGG.at`)
WEB_NAME = re.compile(r"\w\.(?:de|at|ch|com|org|net|eu|info)$", re.IGNORECASE)


def is_common_noun(tok: Token) -> bool:
    """A word the name lexicon knows as a German common noun (`Bericht`, `Ermittlungen`)."""
    return tok.check_flag(FLAGS[NOUN])


def is_first_name(tok: Token) -> bool:
    """A first name by the name lexicon (`Anna`, and each part of `Frank-Jürgen`): a person
    where the tagger saw none."""
    flag = FLAGS[FIRST_NAME]
    if tok.check_flag(flag):
        return True
    parts = tok.text.split("-")
    return len(parts) > 1 and all(p and tok.vocab[p].check_flag(flag) for p in parts)


def is_name(tok: Token) -> bool:
    """A capitalised word with a letter that is no pronoun: part of a name or a noun; or a
    name written in lower case that the tagger knows as one (`taz`, `ver.di`) or that
    starts with an Arabic article (`al-Dschasira`)."""
    w = tok.text
    if w[:1].islower():
        return bool(_LOWER_NAME.match(w) or WEB_NAME.search(w)) or (
            tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "PER") and len(w) > 1)
    return w[:1].isupper() and any(c.isalpha() for c in w) and w.casefold() not in PRONOUNS


#: lower-case words of foreign names (`Union pour un Mouvement Populaire`); German nouns are
#: capitalised anyway, so German function words say nothing about a name
_FOREIGN_FILLERS = frozenset("de du des la le les pour un une et of for the and à y e del di da".split())


def is_name_in_marks(words: list[str]) -> bool:
    """`„Iceland Nature Conservation Association“`, `„Channel 10“`, `„Partij voor de
    Vrijheid“`: a name or title in quotation marks, not a statement."""
    if len(words) < 2 or len(words) > 8 or re.search(r"[.!?,:;]$", words[-1]):
        return False
    foreign = [w for w in words if w in _FOREIGN_FILLERS]
    content = [w for w in words if w not in _FOREIGN_FILLERS]
    if not all(w[:1].isupper() or w[:1].isdigit() for w in content):
        return False
    # two capitalised German words alone may be a slogan (`„Gefälschte Demokratie“`)
    return bool(foreign) or any(w[:1].isdigit() for w in words) or len(words) >= 3


def titled_by_noun(doc: Doc, start: int, inner: str) -> bool:
    """`das Magazin „Der Spiegel“`, `unter dem Motto „Tabak: Tödlich in jeder Form“`, `die
    Enzyklika „Deus caritas est“`: capitalised text in marks right after a noun that it
    names (a quoted statement follows a cue, a colon or a comma instead)."""
    words = inner.split()
    if not words or not words[0][:1].isupper() or len(words) > 8:
        return False
    before = [t for t in tokens_in(doc, max(0, start - 40), start) if t.idx + len(t) <= start]
    if not before:
        return False
    prev = before[-1]
    return (prev.is_alpha and prev.text[:1].isupper() and prev.pos_ in ("NOUN", "PROPN")
            and not prev.is_sent_start and len(before) > 1 and not before[-2].is_punct)


def marked_spans(doc: Doc) -> list[MarkedSpan]:
    """The document's quotation-mark spans, found once per document."""
    cached = doc.user_data.get("zitat_marked_spans")
    if cached is None:
        cached = doc.user_data["zitat_marked_spans"] = find_marked_spans(doc_text(doc))
    return cached


def sentences_of(doc: Doc) -> list[Span]:
    """Sentence spans for the rules (punctuation-based, independent of the parser), cached."""
    cached = doc.user_data.get("zitat_sentences")
    if cached is None:
        cached = doc.user_data["zitat_sentences"] = sentence_spans(doc_text(doc))
    return cached


def sentence_at(doc: Doc, pos: int) -> Span | None:
    """The rule sentence (:func:`sentences_of`) that contains character ``pos``, found by
    bisection: a scan per quotation made long articles quadratic (issue 24, finding 3)."""
    sents = sentences_of(doc)
    starts = doc.user_data.get("zitat_sentence_starts")
    if starts is None or len(starts) != len(sents):
        starts = doc.user_data["zitat_sentence_starts"] = [s for s, _ in sents]
    k = bisect_right(starts, pos) - 1
    return sents[k] if k >= 0 and sents[k][0] <= pos < sents[k][1] else None


def overlaps(span: Span, taken: Iterable[Span]) -> bool:
    """Whether ``span`` shares a character with any span of ``taken``."""
    return any(span[0] < e and s < span[1] for s, e in taken)


class SpanSet:
    """Spans (quotations) asked per sentence whether they overlap or cover it.

    Scanning every span for every sentence made an article of thousands of quotes cost
    time quadratic in their number (issue 24, finding 3). The spans are split once into
    layers of disjoint spans (greedily, in start order: as many layers as spans overlap
    at one point, one or two in practice) and each layer is searched with :mod:`bisect`,
    so a question costs O(layers · log n) plus the spans it finds. The answers are always
    those of :func:`overlaps` and :func:`outside` on all the spans.
    """

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        # per layer: the spans, their starts and their right ends (an inverted span's
        # start counts as its end, so that the ends of a layer stay sorted)
        layers: list[list[Span]] = []
        free: list[tuple[int, int]] = []  # (right end of a layer's last span, layer)
        for a, b in self.spans:
            if free and free[0][0] <= a:
                _, k = heapq.heappop(free)
            else:
                k = len(layers)
                layers.append([])
            layers[k].append((a, b))
            heapq.heappush(free, (max(a, b), k))
        self._layers = [([a for a, _ in lay], [max(a, b) for a, b in lay], lay)
                        for lay in layers]

    def near(self, s: int, e: int) -> list[Span]:
        """The spans that can share a character with ``[s, e)``: all that do, perhaps a
        few that touch it (the callers' formulas are exact on them)."""
        out: list[Span] = []
        for starts, ends, lay in self._layers:
            out += lay[bisect_right(ends, s):bisect_left(starts, e)]
        return out

    def overlaps(self, span: Span) -> bool:
        """:func:`overlaps` of ``span`` with these spans."""
        return overlaps(span, self.near(span[0], span[1]))

    def covered(self, s: int, e: int) -> int:
        """Characters of ``[s, e)`` inside these spans (counted once per span)."""
        return sum(max(0, min(e, b) - max(s, a)) for a, b in self.near(s, e))

    def outside(self, spans: list[Span]) -> int:
        """:func:`outside` of ``spans`` with these spans."""
        if not spans:
            return 0
        return outside(spans, self.near(min(a for a, _ in spans), max(b for _, b in spans)))


def strip_span(text: str, s: int, e: int) -> Span:
    """``[s, e)`` without white space and clause punctuation at its ends."""
    while s < e and text[s] in " ,;:\n":
        s += 1
    while e > s and text[e - 1] in " ,;:.\n":
        e -= 1
    return s, e


def outside(spans: list[Span], taken: list[Span]) -> int:
    """Characters of ``spans`` not covered by ``taken`` (direct quotes)."""
    total = 0
    for a, b in spans:
        total += (b - a) - sum(max(0, min(b, y) - max(a, x)) for x, y in taken)
    return total


def token_groups(doc: Doc, idxs: list[int]) -> list[Span]:
    """Character spans of runs of consecutive token indices."""
    spans: list[Span] = []
    for i in sorted(set(idxs)):
        tok = doc[i]
        if spans and i - 1 in idxs and (i - 1) >= 0:
            spans[-1] = (spans[-1][0], tok.idx + len(tok))
        else:
            spans.append((tok.idx, tok.idx + len(tok)))
    return spans


def nearest_group(groups: list[Span], anchor: Span) -> list[Span]:
    """The group of ``groups`` closest to ``anchor``, as a one-element list (empty if none)."""
    if not groups:
        return []
    return [min(groups, key=lambda g: min(abs(g[0] - anchor[1]), abs(anchor[0] - g[1])))]


def join_spans(text: str, spans: list[Span]) -> str:
    """The text of ``spans`` joined by spaces."""
    return " ".join(text[a:b] for a, b in spans)
