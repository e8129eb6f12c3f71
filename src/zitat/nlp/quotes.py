"""Quotation detection and role attribution: the ``zitat_quotes`` component.

Rules that are reliable in German news: text in quotation marks with a cue verb and a
speaker next to it (direct), clauses governed by a cue verb (`sagte, dass …`, `erklärte,
man werde …`), prepositional attributions (`laut X`, `X zufolge`, `nach Angaben von X`,
`wie X mitteilte`), and Konjunktiv sentences that continue a report.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import minibatch

from zitat.nlp.cues import (
    KONJUNKTIV,
    PARTICLES,
    is_cue_word,
    is_konjunktiv,
    konjunktiv_i_after_subject,
    medium_of,
)
from zitat.nlp.extensions import doc_text
from zitat.nlp.medium import MediumModel, load_medium_model, medium_features
from zitat.nlp.quote_marks import MarkedSpan, find_marked_spans
from zitat.nlp.quote_model import TaggedQuote, sub_doc, tag_quotes, tag_quotes_many
from zitat.nlp.sentences import sentence_spans
from zitat.nlp.titles import SOURCE_NOUNS, is_media_word, is_role_word
from zitat.schema import Quote, Role

log = logging.getLogger(__name__)

Span = tuple[int, int]

_PRONOUNS = frozenset("er sie es man wir ich".split())
_DETS = frozenset(
    "der die das des dem den ein eine eines einem einen einer sein seine seiner seinem "
    "seinen ihr ihre ihrer ihrem ihren".split()
)
_DATIVE_DETS = frozenset("dem der den einem einer".split())
_STOP_PREPS = frozenset(
    "am im in an auf bei vor nach mit gegenüber während zum zur über unter aus seit "
    "bis um für gegen ohne durch zu am vom beim".split()
)
_NAME_LINKS = frozenset("von van de del der des du la le bin al".split())
_SENT_END = re.compile(r"[.!?]+[\"“”«»‘’]?(?=\s|$)|\n")


@dataclass
class _Found:
    type: str
    spans: list[Span]
    cue: list[Span] = field(default_factory=list)
    speaker: list[Span] = field(default_factory=list)
    addressee: list[Span] = field(default_factory=list)
    frame: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    nested_in: int | None = None
    medium: str | None = None


def _role(text: str, spans: list[Span]) -> Role | None:
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return None
    return Role(text=" … ".join(text[s:e] for s, e in spans), spans=spans)




def _words(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside ``[start, end)`` (binary search, not a scan of the doc)."""
    starts = doc.user_data.get("zitat_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["zitat_token_starts"] = doc.to_array(IDX).tolist()
    i = bisect_left(starts, start)
    j = bisect_left(starts, end)
    while j > i and starts[j - 1] + len(doc[j - 1]) > end:
        j -= 1
    return [doc[k] for k in range(i, j)]


def _is_name(tok: Token) -> bool:
    w = tok.text
    return w[:1].isupper() and any(c.isalpha() for c in w) and w.casefold() not in _PRONOUNS


def _affiliation(tokens: list[Token], j: int) -> int:
    """Length of an affiliation or seat at ``j`` that belongs to the phrase before it
    (`von der Staatsanwaltschaft`, `vom Roten Kreuz`, `in Karlsruhe`), else 0."""
    first = tokens[j].lower_
    if first == "für" and j > 0 and is_role_word(tokens[j - 1].text):
        # `EU-Kommissar für Energie`, `Bundesministerin für Bildung und Forschung`
        k = j + 1
        while k < len(tokens) and _is_name(tokens[k]) and tokens[k].pos_ in ("NOUN", "PROPN"):
            k += 1
            if k + 1 < len(tokens) and tokens[k].lower_ == "und" and _is_name(tokens[k + 1]):
                k += 1
        return k - j if k > j + 1 and _is_name(tokens[k - 1]) else 0
    if first not in ("von", "vom", "in", "aus"):
        return 0
    if first in ("in", "aus") and (j == 0 or tokens[j - 1].pos_ != "NOUN"):
        return 0  # an institution's seat; `Sabine Roth in Leipzig` says where she spoke
    k = j + 1
    if first == "von" and k < len(tokens) and tokens[k].lower_ in ("der", "dem", "den"):
        k += 1
    while k < len(tokens) and tokens[k].text[:1].islower() and tokens[k].is_alpha and \
            tokens[k].lower_ not in _STOP_PREPS and k - j < 4 and first != "in":
        k += 1  # `von der zuständigen Behörde`
    start = k
    while k < len(tokens) and _is_name(tokens[k]) and tokens[k].pos_ == "ADJ":
        k += 1  # `vom Deutschen Roten Kreuz`
    if k >= len(tokens) or not _is_name(tokens[k]) or tokens[k].pos_ not in ("PROPN", "NOUN"):
        return 0
    k += 1
    while k < len(tokens) and _is_name(tokens[k]) and tokens[k].pos_ in ("PROPN", "NOUN") and \
            (tokens[k - 1].pos_ == "PROPN" or k - 1 > start):
        k += 1  # `von der Civic Party`
    return k - j


def speaker_after(tokens: list[Token]) -> tuple[list[Span], int]:
    """The speaker noun phrase at the start of ``tokens`` (after a cue verb).

    Returns:
        ``([span], index after the phrase)`` or ``([], 0)`` when none starts there.
    """
    if not tokens:
        return [], 0
    first = tokens[0]
    if first.lower_ in _PRONOUNS - {"wir", "ich", "es"}:
        return [(first.idx, first.idx + len(first))], 1
    i = 0
    if first.lower_ in _DETS:
        i = 1
        while i < len(tokens) and tokens[i].text[:1].islower() and tokens[i].is_alpha and \
                tokens[i].lower_ not in _STOP_PREPS:
            i += 1  # adjectives: "der zuständige Minister"
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if j > i and tok.pos_ == "NOUN" and tokens[j - 1].pos_ == "NOUN" and \
                not is_role_word(tokens[j - 1].text):
            break  # `die Stadtverwaltung Kosten sparen`: the object, not a name
        if _is_name(tok) or (tok.text == "-" and j > i):
            j += 1
        elif tok.lower_ in _NAME_LINKS - {"der", "des"} and j > i and j + 1 < len(tokens) and \
                _is_name(tokens[j + 1]):
            j += 2  # "Ursula von der Leyen", "Bürgermeisterin von Leipzig"
        elif tok.lower_ in ("der", "des") and j > i and j + 1 < len(tokens) and \
                _is_name(tokens[j + 1]) and is_role_word(tokens[j - 1].text):
            j += 2  # genitive only after a role noun: "Sprecher der Stadt", not "Keller der Zeitung"
        elif (n := _affiliation(tokens, j)) and j > i:
            j += n  # "Ronny Tong von der Civic Party", "Der Bundesgerichtshof in Karlsruhe"
        else:
            break
    if j == i:
        return [], 0
    if j < len(tokens) and tokens[j].text == "(":  # `Angela Merkel (CDU) will …`
        close = next((c for c in range(j + 1, min(len(tokens), j + 8)) if tokens[c].text == ")"),
                     None)
        if close is not None:
            j = close + 1
    end_tok = tokens[j - 1]
    return [(tokens[0].idx, end_tok.idx + len(end_tok))], j


_GENITIVE_DETS = frozenset(["des", "der", "eines", "einer"])


def _genitive_head(tokens: list[Token], i: int) -> int:
    """Start of the phrase that a genitive attribute starting at ``i`` belongs to: `Der
    Vorsitzende des Verbands`, `Ein Sprecher einer Initiative` (``i`` when there is none)."""
    if i < 2 or tokens[i].lower_ not in _GENITIVE_DETS or not tokens[i - 1].text[:1].isupper() \
            or not tokens[i - 1].is_alpha:
        return i
    j = i - 1
    while j > 0 and tokens[j - 1].is_alpha and tokens[j - 1].text.islower() and \
            tokens[j - 1].lower_ not in _DETS | _STOP_PREPS:
        j -= 1  # adjectives: `Der stellvertretende Vorsitzende`
    return j - 1 if j > 0 and tokens[j - 1].lower_ in _DETS else i


def speaker_before(tokens: list[Token]) -> list[Span]:
    """The speaker noun phrase ending ``tokens`` (before a cue verb or a colon)."""
    if len(tokens) > 3 and tokens[-1].text == ",":
        # apposition: `Die Sprecherin der Feuerwehr, Jana Roth, sagte`
        inner = speaker_before(tokens[:-1])
        if not inner:
            return []
        n = next(i for i, t in enumerate(tokens) if t.idx == inner[0][0])
        if n > 1 and tokens[n - 1].text == ",":
            outer = speaker_before(tokens[:n - 1])
            if outer:
                return [(outer[0][0], inner[0][1])]
        return inner
    if tokens and tokens[-1].text == ")":  # "Anna Beispiel (SPD) sagte": skip the party
        opening = max((i for i, t in enumerate(tokens) if t.text == "("), default=-1)
        tokens = tokens[:opening] if opening > 0 else tokens
    if not tokens:
        return []
    last = tokens[-1]
    if last.lower_ in _PRONOUNS - {"wir", "ich", "es"}:
        return [(last.idx, last.idx + len(last))]
    j = len(tokens)
    i = j
    while i > 0 and (_is_name(tokens[i - 1]) or tokens[i - 1].lower_ in _NAME_LINKS | {"des", "der"}):
        i -= 1
    while i < j and tokens[i].lower_ in _NAME_LINKS | {"des", "der"}:
        i += 1
    if i == j:
        return []
    k = i
    while k > 0 and tokens[k - 1].text[:1].islower() and tokens[k - 1].is_alpha and \
            tokens[k - 1].lower_ not in _DETS | _STOP_PREPS and not is_cue_word(tokens[k - 1].text):
        k -= 1  # adjectives before the noun
    if k > 0 and tokens[k - 1].lower_ in _DETS:
        i = k - 1
    elif k < i and k > 0 and tokens[k - 1].lower_ in _STOP_PREPS:
        return []  # `In vielen Fällen warfen die Rebellen …`: an adverbial, not the subject
    i = _genitive_head(tokens, i)
    p = i - 1 if i > 0 and tokens[i - 1].lower_ in ("von", "vom", "in", "aus", "für") else i
    if p == i:  # `Die Bundesministerin für Bildung und Forschung sagte`
        p = next((f for f in range(i - 1, max(0, i - 5), -1) if tokens[f].lower_ == "für"), i)
    if p < i and _affiliation(tokens, p) == j - p:
        # `Ein Sprecher vom Deutschen Roten Kreuz sagte`: the affiliation's holder before it
        head = speaker_before(tokens[:p])
        if head and head[-1][1] == tokens[p - 1].idx + len(tokens[p - 1]):
            return [(head[0][0], tokens[j - 1].idx + len(tokens[j - 1]))]
    if i > 0 and tokens[i - 1].lower_ in _STOP_PREPS:
        return []  # `In einem Brief an die Länder schrieb X`: an object, the subject follows
    return [(tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1]))]


def addressee_after(tokens: list[Token]) -> tuple[list[Span], int]:
    """A dative or `gegenüber`/`vor` phrase naming whom the speaker addressed."""
    if not tokens:
        return [], 0
    i = 0
    if tokens[0].lower_ in ("gegenüber", "vor", "zur", "zum"):
        i = 1  # as in the quotation corpus, the preposition is not part of the addressee
    if i < len(tokens) and (tokens[i].lower_ in _DATIVE_DETS or i == 1):
        j = i + (1 if tokens[i].lower_ in _DATIVE_DETS else 0)
        while j < len(tokens) and (tokens[j].text[:1].isupper() or
                                   (j > i and is_media_word(tokens[j - 1].text)) or
                                   (tokens[j].is_alpha and tokens[j].text.islower() and
                                    tokens[j].lower_ not in _STOP_PREPS and j + 1 < len(tokens)
                                    and tokens[j + 1].text[:1].isupper())):
            j += 1
            if tokens[j - 1].text[:1].isupper() and not (
                    j < len(tokens) and tokens[j].is_alpha and is_media_word(tokens[j - 1].text)):
                break  # the outlet's name follows its kind: `der Nachrichtenagentur dpa`
        while 0 < j < len(tokens) and j - i < 5 and tokens[j].text[:1].isupper() and (
                (tokens[j - 1].pos_ in ("ADJ", "PROPN", "X") and tokens[j].pos_ == "NOUN")
                or tokens[j].pos_ == "PROPN"):
            j += 1  # a multi-word name: `der Süddeutschen Zeitung`, `der Financial Times`
        if j > i and (tokens[j - 1].text[:1].isupper() or is_media_word(tokens[j - 2].text)):
            return [(tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1]))], j
    return [], 0


def _sentence_bounds(text: str, pos: int, direction: int, limit: int = 400) -> int:
    if direction > 0:
        m = _SENT_END.search(text, pos, min(len(text), pos + limit))
        return m.start() if m else min(len(text), pos + limit)
    start = max(0, pos - limit)
    last = start
    for m in _SENT_END.finditer(text, start, pos):
        last = m.end()
    return last


def _cue_in(tokens: list[Token]) -> int:
    for k, tok in enumerate(tokens):
        if is_cue_word(tok.text) and tok.text[:1].islower():
            return k
    return -1


def _particle_span(tokens: list[Token], after: int) -> list[Span]:
    if tokens and after < len(tokens) and tokens[-1].lower_ in PARTICLES:
        t = tokens[-1]
        return [(t.idx, t.idx + len(t))]
    return []


def _attribute_right(doc: Doc, q: _Found, end: int) -> bool:
    """`„…“, sagte Feldmann (der Zeitung).` and `„…“, so Feldmann.`"""
    text = doc_text(doc)
    stop = _sentence_bounds(text, end, +1, limit=250)
    next_quote = re.search(r"[„»«\"“]", text[end:stop])
    if next_quote:
        stop = end + next_quote.start()
    m = re.match(r"\s*,?\s*", text[end:stop])
    region_start = end + (m.end() if m else 0)
    toks = _words(doc, region_start, stop)
    if not toks or text[end:region_start].strip() not in (",", ""):
        return False
    if toks[0].lower_ == "so" or (is_cue_word(toks[0].text) and toks[0].text[:1].islower()):
        cue = [(toks[0].idx, toks[0].idx + len(toks[0]))]
        spk, n = speaker_after(toks[1:])
        adr, _ = addressee_after(toks[1 + n:]) if spk else ([], 0)
        cue += _particle_span(toks, 1 + n)
    elif toks[0].lower_ == "wie" and (k := _cue_in(toks[1:])) >= 0:
        cue = [(toks[0].idx, toks[0].idx + len(toks[0])),
               (toks[k + 1].idx, toks[k + 1].idx + len(toks[k + 1]))]
        spk, _ = speaker_after(toks[1:k + 1])
        adr = []
    else:
        return False
    if not spk and toks[0].lower_ == "so":
        return False
    q.cue, q.speaker, q.addressee = cue, spk, adr
    last = toks[-1]
    q.frame = [(toks[0].idx, last.idx + len(last))]
    q.confidence = 0.9 if spk else 0.6
    return True


def _attribute_left(doc: Doc, q: _Found, start: int) -> bool:
    """`Feldmann sagte: „…“`, `sagte Feldmann: „…“`, `Feldmann: „…“`."""
    text = doc_text(doc)
    begin = _sentence_bounds(text, start, -1, limit=300)
    before = text[begin:start].rstrip()
    if not before.endswith((":", ",")):
        return False
    toks = _words(doc, begin, begin + len(before) - 1)
    if not toks:
        return False
    k = _cue_in(toks)
    if k >= 0:
        end = k + 1
        if end < len(toks) and toks[end].lower_ == "sich":
            end += 1  # `äußerte sich X:`: the reflexive belongs to the cue
        cue = [(toks[k].idx, toks[end - 1].idx + len(toks[end - 1]))]
        # German verb-second: "Später ergänzte er:" has its subject after the cue
        spk, _n = speaker_after(toks[end:])
        if not spk and k > 0:
            spk = speaker_before(toks[:k])
        cue += _particle_span(toks, len(toks) - 1)
    elif before.endswith(":"):
        cue = []
        spk = speaker_before(toks)
        if not spk:
            return False
    else:
        return False
    q.cue, q.speaker = cue, spk
    q.frame = [(toks[0].idx, begin + len(before))]
    q.confidence = 0.85 if spk else 0.55
    return True


def _is_quotation(text: str, s: int, e: int) -> bool:
    """Quoted text that is a statement, not a title or a scare-quoted term."""
    inner = text[s + 1 : e - 1].strip()
    words = inner.split()
    if _is_name_in_marks(words):
        return False
    return len(words) >= 4 or (bool(re.search(r"[.!?,]$", inner)) and len(words) >= 2)


#: lower-case words of foreign names (`Union pour un Mouvement Populaire`); German nouns are
#: capitalised anyway, so German function words say nothing about a name
_FOREIGN_FILLERS = frozenset("de du des la le les pour un une et of for the and à y e del di da".split())


def _is_name_in_marks(words: list[str]) -> bool:
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


def _titled_by_noun(doc: Doc, start: int, inner: str) -> bool:
    """`das Magazin „Der Spiegel“`, `unter dem Motto „Tabak: Tödlich in jeder Form“`, `die
    Enzyklika „Deus caritas est“`: capitalised text in marks right after a noun that it
    names (a quoted statement follows a cue, a colon or a comma instead)."""
    words = inner.split()
    if not words or not words[0][:1].isupper() or len(words) > 8:
        return False
    before = [t for t in _words(doc, max(0, start - 40), start) if t.idx + len(t) <= start]
    if not before:
        return False
    prev = before[-1]
    return (prev.is_alpha and prev.text[:1].isupper() and prev.pos_ in ("NOUN", "PROPN")
            and not prev.is_sent_start and len(before) > 1 and not before[-2].is_punct)


def _marked_spans(doc: Doc) -> list[MarkedSpan]:
    """The document's quotation-mark spans, found once per document."""
    cached = doc.user_data.get("zitat_marked_spans")
    if cached is None:
        cached = doc.user_data["zitat_marked_spans"] = find_marked_spans(doc_text(doc))
    return cached


def direct_quotes(doc: Doc) -> tuple[list[_Found], list[Span]]:
    """Quotes in quotation marks with their cue, speaker, addressee and frame, and the
    marked spans that are names or titles instead."""
    text = doc_text(doc)
    found: list[_Found] = []
    titles: list[Span] = []
    marked = [m for m in _marked_spans(doc) if m.depth == 0]
    for m in marked:
        prev = found[-1] if found else None
        gap = text[prev.spans[-1][1] : m.start] if prev else ""
        if prev and prev.frame and re.fullmatch(r",[^.!?\n„“\"»«]{2,120},\s*", gap) and \
                prev.frame[0][0] >= prev.spans[-1][1]:
            prev.spans.append((m.start, m.end))  # „…“, sagte sie, „…“
            continue
        inner = text[m.inner[0]:m.inner[1]]
        if _is_name_in_marks(inner.split()) or _titled_by_noun(doc, m.start, inner):
            titles.append((m.start, m.end))
            continue
        q = _Found(type="Direct", spans=[(m.start, m.end)], confidence=0.5)
        attributed = _attribute_right(doc, q, m.end) or _attribute_left(doc, q, m.start)
        if attributed or _is_quotation(text, m.start, m.end):
            found.append(q)
    return found, titles


#: `laut X`, `gemäß X`, `nach (offiziellen) Angaben (von) X`, `nach Polizeiangaben`; as in
#: the quotation corpus the cue is the preposition alone and the speaker phrase keeps its
#: source noun (`Angaben der Polizei`), so the source stays visible to the reader
_PREP_RE = re.compile(
    r"(?P<frame>(?P<cue>\b[Ll]aut|\b[Gg]emäß|\b[Nn]ach)"
    # up to two determiners/adjectives (`nach offiziellen chinesischen Angaben`) or a
    # genitive name (`nach Grupps Meinung`) before the source noun
    rf"(?P<src>\s+(?:(?:[a-zäöü]+e[nmrs]?\s+){{1,2}}|[A-ZÄÖÜ][\w\-]+s\s+)?{SOURCE_NOUNS}"
    r"(?:\s+von)?)?"
    # a speaker may be a domain (`laut ndr.de`) or a title in marks (`laut „Reuters“`)
    r"(?:\s+(?P<spk>(?:[^,.;:!?]|\.(?=[a-z]{2,4}\b)){2,80}))?)"
)
#: `seiner Meinung nach`, `deren Angaben nach`: the postposed `nach`
_POSTPOSED_NACH_RE = re.compile(
    r"(?P<frame>(?P<src>(?P<spk>(?:seiner|ihrer|deren|dessen|[A-ZÄÖÜ][\w\-]+s)\s+"
    r"(?:Meinung|Ansicht|Auffassung|Einschätzung|Angaben|Worten|Darstellung))\s+)"
    r"(?P<cue>nach))\b"
)


def _prep_attribution(sent: str) -> re.Match[str] | None:
    """The first `laut`/`gemäß`/`nach Angaben` attribution of a sentence (`nach` needs its
    source noun: `nach Berlin` is none)."""
    for m in _PREP_RE.finditer(sent):
        if m.group("cue").lower() == "nach" and not m.group("src"):
            continue
        nxt = (m.group("src") or m.group("spk") or "").split()
        if m.group("cue").lower() == "laut" and not (
                nxt and (nxt[0][:1].isupper() or nxt[0][:1] in "„»\"" or nxt[0].lower() in _DETS
                         or re.fullmatch(r"[a-z][\w\-]*\.[a-z]{2,4}", nxt[0])  # `laut ndr.de`
                         # `laut israelischen Medien`, `laut diesem Zeugen`
                         or (re.fullmatch(r"[a-zäöü]+e[mnr]", nxt[0]) and len(nxt) > 1
                             and nxt[1][:1].isupper()))):
            continue  # `Kritik wurde laut`, `laut nachdenken`: the adjective
        if m.group("spk") or (m.group("src") and m.group("src").strip()[:1].isupper()
                              and not m.group("src").strip().startswith(("Angaben", "Ansicht"))):
            return m
    return _POSTPOSED_NACH_RE.search(sent)


_ZUFOLGE_RE = re.compile(r"(?P<frame>(?P<spk>(?:[A-ZÄÖÜ][\w\-]*|der|die|dem|den|des)"
                         r"(?:\s+[\w\-]+){0,6}?)\s+(?P<cue>zufolge))")
_WIE_RE = re.compile(r"(?:^|,\s*)(?P<cue1>[Ww]ie)\s+(?P<body>[^,.;:!?]{3,160}?)\s*(?=[,.]|$)")
#: `heißt es` / `es hieß`, never the naming `heißt` (`ein Projekt, das Wikia heißt`)
_HEISST_RE = re.compile(r"(?P<cue>[Ee]s\s+(?:heißt|hieß|hiess)|(?:heißt|hieß|hiess)\s+es)\b")


def _noun_phrase(doc: Doc, start: int, end: int, *, from_end: bool = False) -> list[Span]:
    """Trim a matched stretch to the noun phrase at its start (or end)."""
    toks = _words(doc, start, end)
    if from_end:
        return speaker_before(toks) or [_strip_span(doc_text(doc), start, end)]
    spk, _ = speaker_after(toks)
    if not spk and toks and re.fullmatch(r"[\w\-]+\.[a-z]{2,4}", toks[0].text):
        return [(toks[0].idx, toks[0].idx + len(toks[0]))]  # `laut ndr.de`
    if not spk and toks and toks[0].text in ("„", "»", '"'):
        close = next((t for t in toks[1:8] if t.text in ("“", "«", '"', "”")), None)
        if close is not None:  # `laut „Tagesspiegel“`: a title in marks
            return [(toks[0].idx, close.idx + 1)]
    i = 0
    while not spk and i < 2 and i + 1 < len(toks) and toks[i].pos_ in ("ADJ", "DET") and \
            toks[i].text[:1].islower():
        i += 1  # `laut israelischen Medien`, `laut diesem Zeugen`: no article before them
        spk, _ = speaker_after(toks[i:])
        spk = [(toks[0].idx, spk[0][1])] if spk else []
    return spk or [_strip_span(doc_text(doc), start, end)]


def _sentences(doc: Doc) -> list[Span]:
    """Sentence spans for the rules (punctuation-based, independent of the parser), cached."""
    cached = doc.user_data.get("zitat_sentences")
    if cached is None:
        cached = doc.user_data["zitat_sentences"] = sentence_spans(doc_text(doc))
    return cached


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _strip_span(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " ,;:\n":
        s += 1
    while e > s and text[e - 1] in " ,;:.\n":
        e -= 1
    return s, e


_TIME_ADVERBS = frozenset("gestern heute später inzwischen bereits nun jetzt zudem auch "
                          "am vormittag nachmittag abend morgen".split())


def _dies_report(doc: Doc, toks: list[Token], prev: Span, e: int) -> _Found | None:
    """`… . Dies bestätigte die Polizei.`, `Das teilte ein Sprecher gestern mit.`: the
    previous sentence (with the pronoun that takes it up) is what was reported."""
    if len(toks) < 4 or toks[0].lower_ not in ("dies", "das") or \
            not (is_cue_word(toks[1].text) and toks[1].text[:1].islower()):
        return None
    i = 2
    while i < len(toks) - 1 and toks[i].lower_ in _TIME_ADVERBS:
        i += 1  # `erklärte gestern ein Sprecher`, `teilte am Abend die Stadt mit`
    spk, n = speaker_after(toks[i:])
    if not spk or not _plausible_speaker(doc, spk):
        return None
    text = doc_text(doc)
    end = i + n
    cue = [(toks[1].idx, toks[1].idx + len(toks[1]))]
    last = toks[-1] if toks[-1].text not in ".!?" else toks[-2]
    if last.lower_ in PARTICLES and last.i > toks[end - 1].i:
        cue.append((last.idx, last.idx + len(last)))  # `Dies teilte X mit`
    qs, _ = _strip_span(text, prev[0], prev[1])
    pronoun = toks[0]
    frame_end = _strip_span(text, toks[1].idx, e)[1]
    return _Found(type="Indirect", spans=[(qs, pronoun.idx + len(pronoun))], cue=cue,
                  speaker=spk, addressee=_addressee_between(toks[end:]),
                  frame=[(toks[1].idx, frame_end)], confidence=0.7)


def _prep_quote(doc: Doc, s: int, e: int) -> _Found | None:
    """`Nach Angaben der Polizei …`, `laut X`, `X zufolge`, `seiner Meinung nach`: the
    sentence around the attribution is the quotation."""
    text = doc_text(doc)
    sent = text[s:e]
    m = _prep_attribution(sent) or _ZUFOLGE_RE.search(sent)
    if not m:
        return None
    fs, fe = s + m.start("frame"), s + m.end("frame")
    zufolge = m.group("cue") == "zufolge"
    src = None if zufolge else m.group("src")
    named = m.group("spk") or ""
    if src and not src.rstrip().endswith("von") and named.split()[:1] and \
            named.split()[0] not in ("der", "des", "eines", "einer"):
        # `Nach Polizeiangaben wurden …`, `nach ersten Meldungen Schäden …`: the source
        # noun is all; only a genitive (`Angaben der Polizei`) names someone
        named = ""
    if not zufolge and not named:
        spk = [_strip_span(text, s + m.start("src"), s + m.end("src"))]
    else:
        spk = _noun_phrase(doc, s + m.start("spk"), s + m.end("spk"), from_end=zufolge)
    if src and spk:  # `Angaben der Polizei`: from the source noun on
        spk = [(s + m.start("src") + len(src) - len(src.lstrip()), spk[-1][1])]
    if spk and not zufolge and m.re is not _POSTPOSED_NACH_RE:
        fe = spk[-1][1]
    spans = [r for r in (_strip_span(text, s, fs), _strip_span(text, fe, e)) if r[1] - r[0] > 10]
    if not spans:
        return None
    return _Found(type="Indirect", spans=spans, cue=[(s + m.start("cue"), s + m.end("cue"))],
                  speaker=spk, frame=[(fs, fe)], confidence=0.7, medium="SW")


def indirect_quotes(doc: Doc, taken: list[Span]) -> list[_Found]:
    """Reported clauses: cue + `dass`/Konjunktiv clause, prepositional attributions."""
    found: list[_Found] = []
    prev: Span | None = None
    for s, e in _sentences(doc):
        covered = sum(max(0, min(e, b) - max(s, a)) for a, b in taken)
        toks = _words(doc, s, e)
        before, prev = prev, (s, e)
        if before is not None and not _overlaps(before, taken) and \
                (q := _dies_report(doc, toks, before, e)) is not None:
            # what the rules made of the previous sentence on its own gives way
            found = [f for f in found if not _overlaps(f.spans[0], [before])]
            found.append(q)
            continue
        if covered > 0.5 * (e - s):
            # mostly a direct quote; a content clause or attribution around it (`sie wolle
            # „…“`, `dass „…“ gewesen sei`, `Laut X sei „…“`) is an indirect quotation
            # with the direct one nested in it
            q = _cue_clause(doc, toks, s, e) or _zu_clause(doc, toks, s, e) or \
                _prep_quote(doc, s, e)
        else:
            q = _prep_quote(doc, s, e) or _wie_clause(doc, s, e) or \
                _cue_clause(doc, toks, s, e) or _heisst_es(doc, toks, s, e) or \
                _zu_clause(doc, toks, s, e)
            if q is None and covered == 0:
                q = _reported(doc, toks, s, e) or _reportative_sollen(doc, toks, s, e)
        if q is not None:
            found.append(q)
    return [f for f in found if _outside(f.spans, taken) >= 6]


def _outside(spans: list[Span], taken: list[Span]) -> int:
    """Characters of ``spans`` not covered by ``taken`` (direct quotes)."""
    total = 0
    for a, b in spans:
        total += (b - a) - sum(max(0, min(b, y) - max(a, x)) for x, y in taken)
    return total


def _weak_forms(stems: str) -> frozenset[str]:
    """Present and past forms of weak verbs from their stems (`forder` → `fordert`, …)."""
    forms: set[str] = set()
    for stem in stems.split():
        if stem.endswith(("t", "d", "chn", "gn")):  # begründ-et, bezeichn-et
            forms |= {f"{stem}et", f"{stem}en", f"{stem}ete", f"{stem}eten"}
            continue
        plural = f"{stem}n" if stem.endswith(("er", "el")) and stem[-3] != "i" else f"{stem}en"
        forms |= {f"{stem}t", plural, f"{stem}te", f"{stem}ten"}
    return frozenset(forms)


#: finite forms of verbs that report a speech act or a stance without quoting its content
#: (`Die Opposition kritisiert die Pläne`, `Er befürchtet einen Anstieg`)
_REPORTED_VERBS = _weak_forms(
    "kritisier forder warn lob begrüß verurteil dementier kündig appellier bezeichn "
    "protestier beklag bemängel bekräftig verteidig plädier zweifel bezweifel lehn "
    "befürcht vermut erwart verlang fürcht begründ beantrag bestätig bericht bilanzier "
    "beton mahn räum prangr beschuldig plan glaub äußer mutmaß hoff "
) | frozenset(
    "bestritt bestritten droht drohte drohten widersprach widersprachen "
    "rief riefen ruft versprach versprachen verspricht bat baten "
    "bittet nannte nannten nennt rechnet rechnete rechneten warf warfen wirft".split()
)
#: verbs that report only with their particle (`geht davon aus`, `gab bekannt`, `sagte
#: voraus`), else they are everyday verbs (`ging nach Hause`)
_PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("geht ging gingen gehen".split(), ("aus",)),
    **dict.fromkeys("gab gaben gibt geben".split(), ("bekannt", "zu")),
    **dict.fromkeys("sagte sagten sagt sagen".split(), ("voraus", "zu")),
    **dict.fromkeys("schlug schlugen schlägt".split(), ("vor",)),
    **dict.fromkeys("hält hielt hielten halten".split(), ("für", "fest")),
    **dict.fromkeys("sieht sah sahen sehen".split(), ("als",)),
    **dict.fromkeys("schloss schlossen schließt schließen".split(), ("aus",)),
    **dict.fromkeys("sprach sprachen spricht sprechen".split(), ("von", "aus")),
    **dict.fromkeys("wies wiesen weist weisen".split(), ("zurück", "hin")),
    **dict.fromkeys("erkennt erkannte erkannten erkennen".split(), ("an",)),
}
#: participles of the same acts in the perfect (`hat seinen Rücktritt angekündigt`)
_REPORTED_PARTICIPLES = frozenset(
    "angekündigt gefordert kritisiert bekannt gegeben bekanntgegeben begründet bestätigt "
    "dementiert bestritten verurteilt begrüßt zurückgewiesen abgelehnt angeboten "
    "vorgeschlagen versprochen eingeräumt beklagt bemängelt gewarnt angedroht "
    "vorgeworfen verlangt beantragt zugesagt gedroht eingestuft ausgeschlossen "
    "anerkannt".split()
)
_AUX = frozenset("hat haben hatte hatten".split())
_INTENT = frozenset("will wollen wollte wollten".split())


def _reported(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """A speech act or stance without its content, the whole sentence being the report.

    `Die Opposition kritisierte die Pläne scharf.`, `Die SPD will Eliteuniversitäten
    fördern.`, `Er hat seinen Rücktritt angekündigt.`, `Gleichzeitig vermutet er …`.
    """
    if len(toks) < 4 or toks[0].lower_ in ("es", "das", "dies", "man") or \
            doc_text(doc)[s:e].rstrip().endswith("?"):
        return None
    skip = 1 if toks[0].lower_ in ("auch", "nun", "jetzt", "dann", "so", "zudem") else 0
    spk, n = speaker_after(toks[skip:])  # `Auch das Nachbarland Rumänien sagte Hilfe zu`
    n += skip
    verb = toks[n].lower_ if spk and n < len(toks) else ""
    words = [t.lower_ for t in toks if t.is_alpha]

    def reports(v: str) -> bool:
        return v in _REPORTED_VERBS or any(p in words for p in _PARTICLE_VERBS.get(v, ()))

    ok = reports(verb) or (verb in _INTENT and n + 2 < len(toks)) or (
        verb in _AUX and (words[-1] in _REPORTED_PARTICIPLES
                          or " ".join(words[-2:]) in _REPORTED_PARTICIPLES))
    if not ok or not _plausible_speaker(doc, spk):
        # verb second after a fronted phrase: `Mit einer Beruhigung rechnet der Wetterdienst`,
        # `Gleichzeitig vermutet er …`
        for i in range(1, min(len(toks) - 1, 7)):
            v = toks[i].lower_
            if (reports(v) or v in _INTENT) and not toks[i - 1].is_punct:
                after, _ = speaker_after(toks[i + 1:])
                # the subject after the verb is nominative and not a bare common noun: not
                # `schlossen einen Anschlag aus`, not `sagte Hilfe zu`
                nxt = toks[i + 1]
                if after and nxt.lower_ not in ("es", "man", "einen", "den", "dem", "einem") \
                        and (nxt.lower_ in _DETS | _PRONOUNS or nxt.pos_ != "NOUN"):
                    spk, verb, ok = after, v, True
                break
    if not ok:
        return None
    text = doc_text(doc)
    qs, qe = _strip_span(text, s, e)
    return _Found(type="Reported", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                  speaker=spk, confidence=0.45, medium=_reported_medium(verb))


_STANCE = ("befürcht", "vermut", "erwart", "hoff", "glaub", "rechne", "geh", "ging", "sieh",
           "sah", "seh", "hält", "halt", "hielt", "fürcht", "zweifel", "bezweifel")
_STRONG_PAST = frozenset("sprach sprachen rief riefen warf warfen bat baten wies wiesen gab gaben "
                         "hielt hielten sah sahen ging gingen bestritt bestritten widersprach "
                         "widersprachen versprach versprachen".split())


def _reported_medium(verb: str) -> str:
    """Medium of a report by its verb, as counted on the corpus' training split: stances
    (`befürchtet`, `geht davon aus`) are ST, past tense mostly Speech, present tense SW."""
    if verb.startswith(_STANCE):
        return "ST"
    if verb in _STRONG_PAST or verb.endswith(("te", "ten")) or verb in ("hatte", "hatten"):
        return "Speech"
    return "SW"


def _participle(word: str) -> bool:
    """A past participle by its shape (`gefahren`, `verletzt`, `kritisiert`, `worden`)."""
    return word == "worden" or (len(word) >= 6 and word.endswith(("t", "en")) and (
        "ge" in word[:8] or word.endswith("iert")
        or word.startswith(("ver", "be", "er", "ent", "zer", "über"))))


_SUBORDINATORS = frozenset("wenn ob dass da weil wie als falls obwohl nachdem".split())


def _reportative_sollen(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """`Der Fahrer soll zu schnell gefahren sein.`: reportative `sollen` with a perfect
    infinitive in a main clause reports a claim without naming its source here."""
    words = [t.lower_ for t in toks if t.is_alpha]
    if len(words) < 5 or words[-1] not in ("haben", "sein") or words[0] in _SUBORDINATORS \
            or not _participle(words[-2]):
        return None
    for i, t in enumerate(toks):
        if t.lower_ in ("soll", "sollen"):
            if any(x.text == "," for x in toks[:i]):
                return None  # in a subordinate or relative clause
            break
    else:
        return None
    text = doc_text(doc)
    qs, qe = _strip_span(text, s, e)
    return _Found(type="FreeIndirect", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                  confidence=0.4, medium="SW")


def _heisst_es(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """`…, hieß es.` / `In der Erklärung heißt es, …`: reports without a named speaker."""
    text = doc_text(doc)
    m = _HEISST_RE.search(text, s, e)
    if not m:
        return None
    before = _strip_span(text, s, m.start())
    after = _strip_span(text, m.end(), e)
    # `In einem Positionspapier des Ministeriums heißt es, …`: the document speaks
    src = re.match(r"\s*(?:In|Im|Auf|Aus)\s+(?P<np>[^,]{3,120}?)\s*$", text[s:m.start()])
    body = after if src else max((before, after), key=lambda r: r[1] - r[0])
    if body[1] - body[0] < 15:
        return None
    frame, speaker = (m.start(), m.end()), []
    if body == after:
        if src:
            speaker = [(s + src.start("np"), s + src.end("np"))]
            frame = (s + src.start(), m.end())
    else:
        # `…, hieß es aus dem Ministerium.`
        src = re.match(r"\s+aus\s+(?P<np>[^,.;:!?]{3,80})", text[m.end():e])
        if src:
            speaker = [(m.end() + src.start("np"), m.end() + src.end("np"))]
            frame = (m.start(), m.end() + src.end())
    return _Found(type="Indirect", spans=[body], cue=[(m.start("cue"), m.end("cue"))],
                  speaker=speaker, frame=[frame], confidence=0.6, medium="Writing")


def _ends_frame(toks: list[Token], k: int) -> bool:
    """True when the cue at ``k`` starts a short final frame: `…, teilte X mit.`"""
    rest = toks[k + 1:]
    spk, n = speaker_after(rest)
    tail = [t for t in rest[n:] if not t.is_punct]
    return bool(spk) and len(tail) <= 4


def _wie_clause(doc: Doc, s: int, e: int) -> _Found | None:
    """`Wie das Ministerium mitteilte, …` / `…, wie X sagte.` (any cue verb, any mood)."""
    text = doc_text(doc)
    # on the sentence's own string: with finditer(text, s) `^` would not match at s
    for m in _WIE_RE.finditer(text[s:e]):
        body_s, body_e = s + m.start("body"), s + m.end("body")
        cue_s, cue_e = s + m.start("cue1"), s + m.end("cue1")
        toks = _words(doc, body_s, body_e)
        k = next((i for i in range(len(toks) - 1, -1, -1)
                  if is_cue_word(toks[i].text) and toks[i].text[:1].islower()
                  and toks[i].lower_ not in ("genannt", "bezeichnet")), -1)  # naming
        if k < 1:
            continue
        cue = [(cue_s, cue_e), (toks[k].idx, toks[k].idx + len(toks[k]))]
        if k > 0 and toks[k - 1].lower_ in PARTICLES | {"bekannt"}:
            cue.insert(1, (toks[k - 1].idx, toks[k - 1].idx + len(toks[k - 1])))
        spk, _ = speaker_after(toks[:k])
        if not spk and toks[0].text in "„»\"":  # `Wie „Lübecker Nachrichten“ berichtet`
            spk = _noun_phrase(doc, toks[0].idx, toks[k - 1].idx + len(toks[k - 1]))
        fs, fe = cue_s, body_e
        spans = [r for r in (_strip_span(text, s, fs), _strip_span(text, fe, e)) if r[1] - r[0] > 10]
        if spans:
            return _Found(type="Indirect", spans=spans, cue=cue, speaker=spk,
                          frame=[(fs, fe)], confidence=0.7)
    return None


_FINITE_AUX = frozenset("hat haben hatte hatten habe ist sind war waren sei wurde wurden".split())


def _main_clause_start(clause: list[Token]) -> bool:
    """`…, sagte er, die Lage ist ernst`: an indicative main clause as reported content
    (subject pronoun or determiner + noun first, not a relative or adverbial clause)."""
    if len(clause) < 4:
        return False
    first, second = clause[0].lower_, clause[1]
    if first in ("er", "sie", "es", "man", "wir"):
        return second.text[:1].islower() and second.pos_ in ("VERB", "AUX")
    return first in _DETS and second.text[:1].isupper() and second.lower_ not in _DETS and \
        len(clause) > 2 and clause[2].pos_ in ("VERB", "AUX")


#: plural datives that name an audience without an article (`erklärte er Reportern`)
_AUDIENCES = frozenset(
    "journalisten reportern medienvertretern pressevertretern abgeordneten delegierten "
    "anhängern zuhörern parteifreunden kollegen mitarbeitern".split()
)


def _addressee_between(tokens: list[Token]) -> list[Span]:
    """`sagte (hierzu) der Süddeutschen Zeitung,` / `sagte am Sonntag vor Journalisten,` /
    `erklärte er Reportern`: whom a statement was made to, between the cue (and speaker)
    and the content."""
    for i, t in enumerate(tokens):
        if t.lower_ in _AUDIENCES:
            return [(t.idx, t.idx + len(t))]
        if t.lower_ in ("gegenüber", "vor") and i > 0:
            # after a time phrase (`am Sonntag vor Journalisten`); at the start see below
            found = _addressee_between(tokens[i:])
            if found:
                return found
    while tokens and tokens[0].text[:1].islower() and tokens[0].lower_ not in _DATIVE_DETS \
            and tokens[0].lower_ not in ("gegenüber", "vor"):
        tokens = tokens[1:]  # adverbs: `hierzu`, `am Abend` is cut below
    if tokens and tokens[-1].lower_ in PARTICLES:
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[0].lower_ not in _DATIVE_DETS | {"gegenüber", "vor"} or \
            not tokens[-1].text[:1].isupper() or \
            any(t.lower_ in _STOP_PREPS for t in tokens[1:]) or len(tokens) > 8:
        return []
    # as in the quotation corpus, the preposition is not part of the addressee
    first = tokens[1] if tokens[0].lower_ in ("gegenüber", "vor") else tokens[0]
    return [(first.idx, tokens[-1].idx + len(tokens[-1]))]


_DATIVE_PRONOUNS = frozenset("ihm ihr ihnen".split())


def _fronted_addressee(tokens: list[Token]) -> list[Span]:
    """`Gegenüber dem Tagesspiegel sagte …`, `Ihr gegenüber hat er angegeben …`: an
    addressee fronted before the cue."""
    if len(tokens) >= 2 and tokens[1].lower_ == "gegenüber" and \
            tokens[0].lower_ in _DATIVE_PRONOUNS:
        return [(tokens[0].idx, tokens[0].idx + len(tokens[0]))]
    if len(tokens) >= 2 and tokens[0].lower_ == "gegenüber":
        end = 1
        while end < len(tokens) and (tokens[end].lower_ in _DATIVE_DETS or
                                     tokens[end].text[:1].isupper() or
                                     (tokens[end].is_alpha and tokens[end].pos_ == "ADJ")):
            end += 1
        if end > 1 and tokens[end - 1].text[:1].isupper():
            return [(tokens[1].idx, tokens[end - 1].idx + len(tokens[end - 1]))]
    return []


def _verb_complex(toks: list[Token], k: int, clause_end: int) -> list[Span]:
    """The cue verb with its auxiliary and separable particle, as the corpus marks cues:
    `hat … bestätigt`, `gab … an`, `wies darauf hin`."""
    tok = toks[k]
    cue = [(tok.idx, tok.idx + len(tok))]
    participle = tok.lower_.endswith("iert") or (
        tok.lower_.endswith(("t", "en")) and tok.lower_[:2] in ("ge", "be", "er", "ve"))
    if k > 0 and participle:
        aux = next((t for t in reversed(toks[:k]) if t.lower_ in _FINITE_AUX), None)
        if aux is not None:
            cue.insert(0, (aux.idx, aux.idx + len(aux)))
    last = toks[clause_end - 1] if clause_end - 1 > k else None
    if last is not None and (last.lower_ in PARTICLES or
                             last.lower_ in _CLAUSE_PARTICLE_VERBS.get(tok.lower_, ())):
        before = toks[clause_end - 2]
        if before.lower_.startswith(("dar", "davon")) and clause_end - 2 > k:
            # `wies darauf hin`, `geht davon aus`
            cue.append((before.idx, last.idx + len(last)))
        else:
            cue.append((last.idx, last.idx + len(last)))
    return cue


#: verbs that introduce content only with the particle that ends their clause
#: (`geht davon aus, dass …`, `machte deutlich, …`, `führte aus, …`)
_CLAUSE_PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("geht gehen ging gingen".split(), ("aus",)),
    **dict.fromkeys("führte führten führt".split(), ("aus",)),
    **dict.fromkeys("machte machten macht".split(), ("klar", "deutlich")),
    **dict.fromkeys("sicherte sicherten sichert".split(), ("zu",)),
}


_MAKE_KNOWN = frozenset("gab gaben gibt geben gegeben wurde wurden wird werden machte machten "
                        "macht".split())
_OBLIQUE_DETS = frozenset("den dem einen einem ihm ihn ihnen".split())
_RELATIVES = frozenset("der die das dem den deren dessen welche welcher welches wer was".split())


_REFLEXIVE_NON_CUES = frozenset("ergibt ergab ergaben ergeben bestätigt bestätigte bestätigten".split())


def _not_a_cue(toks: list[Token], k: int) -> bool:
    """A cue word that reports no statement here: negated (`wollte nicht bestätigen, dass`),
    the adjective (`ist noch nicht bekannt, …`, not `gab … bekannt`), reflexive (`ergeben
    sich aus der Tatsache, dass`, `bestätigt sich die Befürchtung`), or the cross-reference
    in parentheses (`(Wikinews berichtete)`)."""
    tok = toks[k]
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    return (k > 0 and toks[k - 1].lower_ == "nicht") or (
        tok.lower_ == "bekannt" and not any(t.lower_ in _MAKE_KNOWN for t in toks[:k])) or (
        tok.lower_ in _REFLEXIVE_NON_CUES and nxt == "sich") or (
        any(t.text == "(" for t in toks[max(0, k - 3):k]) and nxt == ")")


def _has_main_verb(toks: list[Token]) -> bool:
    """A finite or infinite verb in a comma segment that is not a relative clause."""
    segment: list[Token] = []
    first = True
    for t in [*toks, None]:
        if t is None or t.text == ",":
            if segment and (first or segment[0].lower_ not in _RELATIVES) and \
                    any(x.pos_ in ("VERB", "AUX") for x in segment):
                return True
            segment, first = [], False
        else:
            segment.append(t)
    return False


def _cue_clause(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """`X sagte, dass …` / `X erklärte, man werde …` / `Man sei bereit, sagte X.`"""
    text = doc_text(doc)
    for k, tok in enumerate(toks):
        cue_word = is_cue_word(tok.text) and tok.text[:1].islower()
        if not cue_word and tok.lower_ not in _CLAUSE_PARTICLE_VERBS:
            continue
        # cue before the clause: "..., sagte X, dass ..." or "X sagte, ..."
        comma = next((j for j in range(k + 1, min(len(toks), k + 12)) if toks[j].text == ","), -1)
        if not cue_word and not (
                comma > k + 1 and toks[comma - 1].lower_ in _CLAUSE_PARTICLE_VERBS[tok.lower_]):
            continue
        if _not_a_cue(toks, k):
            continue
        if comma > 0 and tok.lower_ != "so":  # `so` cues only after its content (`…, so X`)
            clause = toks[comma + 1:]
            if clause and (clause[0].lower_ in ("dass", "ob") or
                           any(is_konjunktiv(t) for t in clause[:8]) or
                           konjunktiv_i_after_subject([t.text for t in clause[:3]]) or
                           # `hat angekündigt, den Notstand auszurufen` is _zu_clause's
                           (_main_clause_start(clause) and not _has_zu_infinitive(clause[:4]))):
                cue = _verb_complex(toks, k, comma)
                # `Die Polizei hat bestätigt, …`: the speaker stands before the auxiliary
                head = next(i for i, t in enumerate(toks) if t.idx == cue[0][0])
                before = toks[:head]
                fronted = _fronted_addressee(before)
                if before and before[-1].lower_ in _DATIVE_PRONOUNS:
                    # `Kritiker hatten ihm vorgeworfen, …`: the pronoun is the addressee
                    fronted = fronted or [(before[-1].idx, before[-1].idx + len(before[-1]))]
                    before = before[:-1]
                    if before and before[-1].lower_ in _AUX:
                        aux = before[-1]
                        cue.insert(0, (aux.idx, aux.idx + len(aux)))
                        before = before[:-1]
                spk = speaker_before(before) if before else []
                if spk and not _plausible_speaker(doc, spk):
                    spk = []  # `Gestern Abend sagte der Minister`: the subject follows
                rest = k + 1
                if not spk:
                    spk, n = speaker_after(toks[k + 1:comma])
                    rest += n
                qs, qe = _strip_span(text, clause[0].idx, e)
                frame_end = toks[comma - 1].idx + len(toks[comma - 1])
                return _Found(type="Indirect", spans=[(qs, qe)], cue=cue, speaker=spk,
                              addressee=fronted or _addressee_between(toks[rest:comma]),
                              frame=[(toks[0].idx, frame_end)], confidence=0.75)
        # cue after the clause: "Man sei bereit, sagte X." / "…, teilte die Polizei mit."
        final = k > 2 and toks[k - 1].text == "," and _ends_frame(toks, k)
        if k > 2 and toks[k - 1].text == "," and (
                final or any(is_konjunktiv(t) for t in toks[:k - 1])):
            spk, n = speaker_after(toks[k + 1:])
            # the subject after the cue is nominative (`wies den Vorwurf zurück` names no
            # one) and what precedes is a clause, not the subject with its apposition or
            # relative clause (`Hubert Roth, der … zuständig ist, wies …`)
            if spk and toks[k + 1].lower_ not in _OBLIQUE_DETS and _has_main_verb(toks[:k - 1]):
                qs, qe = _strip_span(text, toks[0].idx, toks[k - 1].idx)
                last = toks[min(len(toks) - 1, k + n)]
                frame_end = last.idx + len(last) if last.text not in ".!?" else last.idx
                # `…, so Joachim Banke gegenüber der Onlineausgabe des Spiegels.`
                adr, _ = addressee_after(toks[k + 1 + n:])
                return _Found(type="Indirect", spans=[(qs, qe)],
                              cue=[(tok.idx, tok.idx + len(tok))], speaker=spk, addressee=adr,
                              frame=[(tok.idx, frame_end)], confidence=0.75)
    return None


_ZU_PREFIXES = ("an", "auf", "aus", "ab", "ein", "mit", "vor", "zurück", "durch", "fest", "her",
                "hin", "nach", "weg", "zu", "bei", "los", "frei", "dar", "statt", "teil", "fort",
                "hoch", "um", "wieder", "zusammen", "bereit", "gegenüber", "entgegen", "stand",
                "offen", "klar", "nieder", "weiter", "heraus", "hinzu", "kennen")
_ZU_INFINITIVE = re.compile(rf"^(?:{'|'.join(_ZU_PREFIXES)})zu[a-zäöüß]{{2,}}(?:en|ern|eln)$")
#: verbs whose content can be a zu-infinitive (`kündigte an, … anzutreten`)
_INFINITIVE_CUES = _REPORTED_PARTICIPLES | frozenset(
    "aufgefordert aufgerufen gebeten empfohlen geraten beschlossen vereinbart erklärt "
    "entschieden entschied entschieden plant plante planten beauftragt "
    "beschloss beschlossen empfahl riet bot boten erklärte erklärten betonte betonten "
    "kündigte kündigten kündigt forderte forderten fordert fordern rief riefen ruft "
    "versprach versprachen verspricht drohte drohten droht bat baten bittet appellierte "
    "appellieren appelliert lehnte lehnten lehnt schlug schlugen schlägt sagte sagten "
    "warf warfen wirft werfen beschuldigte beschuldigten beschuldigt drängte drängten drängt "
    "ermahnte ermahnten ermahnt".split()
)
#: cues whose object is the addressee without a particle: `drängte den Minister, …`
_OBJECT_CUES = frozenset(
    "beschuldigte beschuldigten beschuldigt drängte drängten drängt bat baten bittet "
    "ermahnte ermahnten ermahnt".split()
)


def _object_phrase(toks: list[Token]) -> list[Token]:
    """The object between a cue and its particle, without the subject or adverbs around
    it: `warf (er) dem Minister (jetzt) vor` → `dem Minister`."""
    if toks and toks[0].lower_ in ("er", "sie", "es", "man"):
        toks = toks[1:]  # the inverted subject pronoun
    phrase: list[Token] = []
    start = 0
    while True:
        start = next((i for i in range(start, len(toks))
                      if toks[i].lower_ in _DETS or _is_name(toks[i])), -1)
        if start < 0:
            return phrase
        end = start + 1
        while end < len(toks) and (_is_name(toks[end]) or toks[end].pos_ == "ADJ" or
                                   toks[end].text in "()" or toks[end].pos_ == "PROPN"):
            end += 1
        while end > start + 1 and toks[end - 1].text == "(":
            end -= 1
        # of two phrases the second is the object: `warfen die Taliban den Bauern vor`
        phrase, start = toks[start:end], end


def _has_zu_infinitive(toks: list[Token]) -> bool:
    for i, t in enumerate(toks):
        if t.lower_ == "zu" and i + 1 < len(toks) and toks[i + 1].text[:1].islower() and \
                toks[i + 1].lower_.endswith(("en", "ern", "eln")):
            return True
        if _ZU_INFINITIVE.match(t.text):
            return True
    return False


def _zu_clause(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """`Die Regierung hat angekündigt, den Notstand auszurufen.`: the content of an
    announcement, demand or promise as a zu-infinitive clause."""
    text = doc_text(doc)
    for k, tok in enumerate(toks[:15]):
        if tok.lower_ not in _INFINITIVE_CUES or _not_a_cue(toks, k):
            continue
        comma = next((j for j in range(k + 1, min(len(toks), k + 9)) if toks[j].text == ","), -1)
        clause = toks[comma + 1:] if comma > 0 else []
        if not clause or not _has_zu_infinitive(clause[:25]):
            continue
        cue = [(tok.idx, tok.idx + len(tok))]
        addressee: list[Span] = []
        particle = toks[comma - 1] if comma - 1 > k else None
        if particle is not None and particle.lower_ in ("an", "auf", "vor", "ab", "zu", "aus"):
            cue.append((particle.idx, particle.idx + len(particle)))  # `forderte … auf`
            between = _object_phrase(toks[k + 1:comma - 1])
            if between and particle.lower_ in ("auf", "vor") and \
                    between[0].lower_ not in _PRONOUNS:
                # `forderte die Regierung auf, …`, `warf dem Minister vor, …`: who is asked
                # or accused is the addressee
                addressee = [(between[0].idx, between[-1].idx + len(between[-1]))]
        elif tok.lower_ in _OBJECT_CUES:
            between = _object_phrase(toks[k + 1:comma])
            if between and between[0].lower_ not in _PRONOUNS:
                addressee = [(between[0].idx, between[-1].idx + len(between[-1]))]
        spk = speaker_before(toks[:k]) if k > 0 else []
        if not spk:
            spk, n = speaker_after(toks)
            if spk and not _plausible_speaker(doc, spk):
                spk = []  # `In vielen Fällen …`: the subject follows the cue
            if spk and n < k and toks[n].lower_ in _AUX:
                aux = toks[n]
                cue.insert(0, (aux.idx, aux.idx + len(aux)))  # `hat … angekündigt`
            elif not spk:
                spk, _ = speaker_after(toks[k + 1:comma])
        qs, qe = _strip_span(text, clause[0].idx, e)
        frame_end = toks[comma - 1].idx + len(toks[comma - 1])
        return _Found(type="Indirect", spans=[(qs, qe)], cue=cue, speaker=spk,
                      addressee=addressee, frame=[(toks[0].idx, frame_end)], confidence=0.65)
    return None


def continued_quotes(doc: Doc, found: list[_Found], taken: list[Span]) -> list[_Found]:
    """Konjunktiv sentences without a cue that continue the previous report."""
    text = doc_text(doc)
    out: list[_Found] = []
    ordered = sorted(found, key=lambda f: f.spans[0][0])
    for s, e in _sentences(doc):
        if _overlaps((s, e), taken):
            continue
        toks = _words(doc, s, e)
        if not any(is_konjunktiv(t) for t in toks[:12]) or len(toks) < 4:
            continue
        if any(t.lower_ in ("ich", "wir", "du", "ihr") for t in toks):
            continue
        if toks[0].lower_ in ("ich", "wir") or toks[0].text.startswith(("„", '"', "»")):
            continue
        previous = [f for f in ordered + out if f.spans[-1][1] <= s and s - f.spans[-1][1] < 600]
        if not previous:
            continue
        prev = previous[-1]
        qs, qe = _strip_span(text, s, e)
        out.append(_Found(type="IndirectFreeIndirect", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                          speaker=list(prev.speaker), confidence=0.5,
                          medium=prev.medium or medium_of(" ".join(text[a:b] for a, b in prev.cue))))
    return out


def _token_groups(doc: Doc, idxs: list[int]) -> list[Span]:
    """Character spans of runs of consecutive token indices."""
    spans: list[Span] = []
    for i in sorted(set(idxs)):
        tok = doc[i]
        if spans and i - 1 in idxs and (i - 1) >= 0:
            spans[-1] = (spans[-1][0], tok.idx + len(tok))
        else:
            spans.append((tok.idx, tok.idx + len(tok)))
    return spans


def _nearest_group(groups: list[Span], anchor: Span) -> list[Span]:
    if not groups:
        return []
    return [min(groups, key=lambda g: min(abs(g[0] - anchor[1]), abs(anchor[0] - g[1])))]


def _speech_signal(sent: SpacySpan) -> bool:
    """A Konjunktiv form, reportative `sollen` or an attribution word.

    Sentences with only a cue word or a quote mark are left to the rules: on dev the
    taggers added nothing there (Joint 67.8 with them, 67.9 without) and they cost a
    quarter of the quotation step."""
    for t in sent:
        w = t.lower_
        # the word list, not is_konjunktiv(): as many sentences are found and the
        # morphology look-ups on every token cost a third of the quotation step
        if w in KONJUNKTIV or w in ("soll", "sollen", "laut", "zufolge", "demnach"):
            return True
    return False


def learned_input(doc: Doc, taken: list[Span]) -> tuple[Doc, list[int]] | None:
    """What the trained taggers read: a scratch Doc of the sentences that no rule-found
    quotation covers and that carry some sign of reported speech, with their token
    indices in ``doc``; None when there is no such sentence."""
    # the taggers cost as much as the whole core pipeline, so they only see sentences
    # that no rule explained
    picked = [sent for sent in doc.sents
              if not _overlaps((sent.start_char, sent.end_char), taken) and _speech_signal(sent)]
    if not picked:
        return None
    index = [t.i for sent in picked for t in sent]
    return sub_doc(doc, index), index


def learned_quotes(doc: Doc, taggers: tuple[Language, Language], taken: list[Span],
                   titles: list[Span]) -> list[_Found]:
    """Quotations from the trained taggers that no rule-found quotation covers; no direct
    quotation on a name or title in marks (``titles``)."""
    scratch = learned_input(doc, taken)
    if scratch is None:
        return []
    return learned_from_tags(doc, tag_quotes(scratch[0], taggers), scratch[1], taken, titles)


def learned_from_tags(doc: Doc, tagged: list[TaggedQuote], index: list[int],
                      taken: list[Span], titles: list[Span]) -> list[_Found]:
    """:func:`learned_quotes` from the taggers' output on :func:`learned_input`."""
    found = []
    for tq in tagged:
        tq.tokens = [index[i] for i in tq.tokens]
        tq.roles = {role: [index[i] for i in idx] for role, idx in tq.roles.items()}
        spans = _token_groups(doc, tq.tokens)
        if _overlaps((spans[0][0], spans[-1][1]), taken):
            continue
        if tq.type == "Direct" and (_overlaps((spans[0][0], spans[-1][1]), titles) or not any(
                c in doc_text(doc)[a:b] for a, b in spans for c in "„“\"»«")):
            continue  # a direct quotation without quotation marks is a tagger slip
        qtoks = [doc[i] for i in tq.tokens]
        if tq.type != "Direct" and not any(t.pos_ in ("VERB", "AUX") for t in qtoks):
            continue  # reported content is a clause; `an den Plänen` is a fragment
        if tq.type == "Reported":
            sent = qtoks[0].sent
            words = [t for t in sent if not t.is_punct]
            if len([t for t in qtoks if not t.is_punct]) < 0.6 * len(words):
                continue  # a report is its whole sentence
        anchor = (spans[0][0], spans[-1][1])
        cue = _token_groups(doc, tq.roles.get("CUE", []))
        speaker = _nearest_group(_token_groups(doc, tq.roles.get("SPK", [])), anchor)
        addressee = _nearest_group(_token_groups(doc, tq.roles.get("ADR", [])), anchor)
        frame_tokens = [i for tag in ("FRM", "CUE", "SPK", "ADR") for i in tq.roles.get(tag, [])]
        frame = _token_groups(doc, frame_tokens)
        found.append(_Found(type=tq.type, spans=spans, cue=cue, speaker=speaker,
                            addressee=addressee, frame=frame,
                            confidence=0.5 + 0.4 * tq.confidence))
    return found


#: capitalised sentence openers and time words that the name heuristics take for speakers
_NOT_SPEAKERS = frozenset(
    "gleichzeitig insgesamt zudem damit davon dabei dazu darüber daher deshalb dennoch "
    "trotzdem unterdessen derweil inzwischen zuvor später bereits bisher besonders außerdem "
    "allerdings jedoch auch nun jetzt hier dort heute gestern morgen zuletzt schließlich "
    "demnach demzufolge danach vorher erst zunächst anschließend immerhin offenbar "
    "offensichtlich wahrscheinlich vermutlich tatsächlich insbesondere ebenso ebenfalls "
    "woche wochen wochenende abend abends morgens mittag nacht tag tage tagen jahr jahres "
    "monat monats zeit worten wort ende anfang mitte montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag januar februar märz april mai juni juli august september "
    "oktober november dezember".split()
)
#: heads of phrases that frame a statement without being its source
_NOT_SPEAKER_HEADS = frozenset("worten wort motto mitteln mittel ereignis frage zeit".split())
_NON_NAME_POS = frozenset(["ADV", "ADP", "SCONJ", "CCONJ", "ADJ", "VERB", "AUX", "PART", "NUM"])


def nested_phrases(doc: Doc, reports: list[_Found], direct: list[Span]) -> list[_Found]:
    """Short quoted phrases inside a reported quotation (`Er warnte vor einer „tiefen
    Spaltung“ des Landes`): direct quotations nested in the report, with its cue, speaker
    and frame. Single words in marks are mostly scare quotes and stay out; longer phrases
    are found as quotations on their own."""
    text = doc_text(doc)
    out: list[_Found] = []
    for m in _marked_spans(doc):
        words = text[m.inner[0]:m.inner[1]].split()
        if m.depth or not 2 <= len(words) <= 3 or _is_name_in_marks(words) or \
                _overlaps((m.start, m.end), direct) or \
                _titled_by_noun(doc, m.start, text[m.inner[0]:m.inner[1]]):
            continue
        parent = next((f for f in reports if f.type != "Direct" and
                       any(a <= m.start and m.end <= b for a, b in f.spans)), None)
        if parent is not None:
            out.append(_Found(type="Direct", spans=[(m.start, m.end)], cue=list(parent.cue),
                              speaker=list(parent.speaker), frame=list(parent.frame),
                              confidence=0.5))
    return out


def _plausible_speaker(doc: Doc, spans: list[Span]) -> bool:
    """False for speaker spans that are sentence adverbs, time words, prepositional
    phrases or pieces of a clause (`Gleichzeitig`, `Am Abend`, `geworden war und …`)."""
    text = doc_text(doc)
    words = " ".join(text[a:b] for a, b in spans).split()
    if not words:
        return False
    if words[0].lower() in _STOP_PREPS | {"als", "mit", "wie", "laut"}:
        return False
    if all(w.strip(",.;:").lower() in _NOT_SPEAKERS for w in words):
        return False  # `Gleichzeitig`, `Gestern Abend`
    head = words[-1].strip(",.;:").lower()
    if head in _STOP_PREPS | _DETS | {"von"} or head in _NOT_SPEAKER_HEADS:
        return False  # cut-off phrases (`Angaben von`) and `mit den Worten`
    toks = [t for a, b in spans for t in _words(doc, a, b) if not t.is_punct]
    if len(toks) == 1 and toks[0].pos_ in _NON_NAME_POS:
        return False
    return sum(t.pos_ in ("VERB", "AUX") for t in toks) < 2


def _subject_of_sentence(doc: Doc, f: _Found) -> None:
    """`Die Veranstalter sprachen von der „größten Demo“`: a quoted phrase inside a
    sentence whose subject reports it takes that subject as speaker and its verb as cue."""
    text = doc_text(doc)
    start = f.spans[0][0]
    toks = _words(doc, _sentence_bounds(text, start, -1), start)
    spk, n = speaker_after(toks)
    if not spk or n >= len(toks) or not _plausible_speaker(doc, spk):
        return
    verb = toks[n]
    if verb.text[:1].islower() and (is_cue_word(verb.text) or verb.lower_ in _REPORTED_VERBS):
        f.speaker = spk
        if not f.cue:
            f.cue = [(verb.idx, verb.idx + len(verb))]


_PARTICLE_RE = re.compile(r"\s+(" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")\b")


def _frame_with_punctuation(text: str, frame: Span, quote: list[Span]) -> Span:
    """The frame as the corpus marks it: with the verb particle it may have missed
    (`teilte X mit`) and the comma, colon or full stop that delimits it (`, sagte er.`)."""
    s, e = frame
    m = _PARTICLE_RE.match(text, e)
    if m and not any(a <= m.start(1) < b for a, b in quote):
        e = m.end()
    after = re.match(r"\s*([,:.])", text[e:e + 3])
    if after and not any(a <= e + after.start(1) < b for a, b in quote):
        e += after.end()
    before = re.search(r"([,–])\s*$", text[max(0, s - 3):s])
    if before and not any(a < s <= b for a, b in quote):
        s -= len(before.group(0))
    return s, e


#: how far (characters) a quote may follow the previous one to continue its speaker's turn
_NEAR = 300


def _inherit_from_previous(text: str, found: list[_Found]) -> None:
    """Continuation quotes without a speaker take the previous quote's speaker and medium."""
    prev: _Found | None = None
    for f in found:
        if f.type in ("IndirectFreeIndirect", "FreeIndirect") and not f.speaker and prev:
            f.speaker = list(prev.speaker)
            f.medium = f.medium or prev.medium or medium_of(
                " ".join(text[a:b] for a, b in prev.cue))
        elif f.type == "Direct" and not f.speaker:
            # a quoted phrase inside a report belongs to that report's speaker; a quote
            # right after another direct quote continues that speaker's turn
            inside = [g for g in found if g is not f and g.speaker
                      and g.spans[0][0] <= f.spans[0][0] < g.spans[-1][1]]
            source = inside[0] if inside else prev
            if source is not None and (inside or (
                    source.type == "Direct" and f.spans[0][0] - source.spans[-1][1] < _NEAR)):
                f.speaker = list(source.speaker)
            if inside and not f.cue:
                f.cue = list(inside[0].cue)  # the report's verb introduces the phrase too
                f.frame = f.frame or list(inside[0].frame)
        if f.speaker:
            prev = f


def _join(text: str, spans: list[Span]) -> str:
    return " ".join(text[a:b] for a, b in spans)


def _rule_medium(text: str, f: _Found) -> str:
    """The medium the rules give: their own, else the cue's, else by type."""
    if f.medium:
        return f.medium
    if f.cue:
        return medium_of(_join(text, f.cue))
    return "Speech" if f.type == "Direct" else "SW"


def find_quotes(
    doc: Doc,
    taggers: tuple[Language, Language] | None = None,
    min_conf: float = 0.6,
    medium_model: MediumModel | None = None,
) -> list[Quote]:
    """All quotations of ``doc`` as contract records, in text order.

    Args:
        doc: a Doc with sentence boundaries.
        taggers: the trained quotation taggers; without them only the rules run.
        medium_model: the learned medium classifier; without it the cue decides the medium.

    Returns:
        Quotes with character spans; speaker roles carry no entity id yet.
    """
    if taggers is None:
        direct, _, others, _ = rule_quotes(doc)
        return finish_quotes(doc, direct, others, medium_model)
    return find_quotes_many([doc], taggers, min_conf, medium_model)[0]


def find_quotes_many(
    docs: list[Doc], taggers: tuple[Language, Language] | None = None,
    min_conf: float = 0.6, medium_model: MediumModel | None = None,
) -> list[list[Quote]]:
    """:func:`find_quotes` for a batch of Docs, the trained taggers run once on all."""
    stages = [rule_quotes(doc) for doc in docs]
    if taggers is not None:
        inputs = [learned_input(doc, [*taken, *(sp for q in others for sp in q.spans)])
                  for doc, (_, _, others, taken) in zip(docs, stages, strict=True)]
        tagged = iter(tag_quotes_many([x[0] for x in inputs if x is not None], taggers))
        for doc, (_, titles, others, taken), scratch in zip(docs, stages, inputs, strict=True):
            if scratch is not None:
                # the tagger only adds quotations where no rule fired
                covered = [*taken, *(sp for q in others for sp in q.spans)]
                others += [f for f in learned_from_tags(doc, next(tagged), scratch[1], covered,
                                                        titles) if f.confidence >= min_conf]
    return [finish_quotes(doc, direct, others, medium_model)
            for doc, (direct, _, others, _) in zip(docs, stages, strict=True)]


def rule_quotes(doc: Doc) -> tuple[list[_Found], list[Span], list[_Found], list[Span]]:
    """The rules' quotations: (direct ones, titles in marks, all others, spans taken)."""
    direct, titles = direct_quotes(doc)
    taken = [sp for q in direct for sp in q.spans]
    others = indirect_quotes(doc, taken)
    taken += [sp for q in others for sp in q.spans]
    others += continued_quotes(doc, direct + others, taken)
    return direct, titles, others, taken


def finish_quotes(doc: Doc, direct: list[_Found], others: list[_Found],
                  medium_model: MediumModel | None = None) -> list[Quote]:
    """Nested phrases, speaker checks, frames, media and ids: the contract records."""
    text = doc_text(doc)
    others += nested_phrases(doc, others, [sp for q in direct for sp in q.spans])
    everything = sorted(direct + others, key=lambda f: f.spans[0][0])
    # a title in marks that names another quotation's source (`Wie „heise online“
    # berichtet`, `laut einem Artikel von „BBC News“`) is not a quotation itself
    sources = [sp for f in everything for sp in f.speaker + f.addressee]
    everything = [f for f in everything if not (f.type == "Direct" and len(f.spans) == 1 and any(
        a <= f.spans[0][0] and f.spans[0][1] <= b for a, b in sources))]
    for f in everything:
        if f.speaker and not _plausible_speaker(doc, f.speaker):
            f.speaker = []
        if f.type == "Direct" and not f.speaker:
            _subject_of_sentence(doc, f)
        f.frame = [_frame_with_punctuation(text, span, f.spans) for span in f.frame]
        if f.cue and f.frame and not any(text[a:b].lower() in PARTICLES for a, b in f.cue):
            # `teilte … mit`: the particle at the frame's end belongs to the cue verb
            tail = re.search(r"\b(\w+)\W*$", text[f.frame[-1][0]:f.frame[-1][1]])
            if tail and tail.group(1).lower() in PARTICLES and f.cue[-1][1] < \
                    f.frame[-1][0] + tail.start(1) and is_cue_word(text[f.cue[0][0]:f.cue[0][1]]):
                at = f.frame[-1][0] + tail.start(1)
                f.cue = [*f.cue, (at, at + len(tail.group(1)))]
    _inherit_from_previous(text, everything)
    quotes = []
    for i, f in enumerate(everything, start=1):
        cue = _role(text, f.cue)
        medium = _rule_medium(text, f)
        if medium_model is not None:
            medium = medium_model.predict(medium_features(text, f.type, f.cue, f.speaker, medium))
        quotes.append(Quote(
            id=f"q{i}", type=f.type,  # type: ignore[arg-type]
            medium=medium,  # type: ignore[arg-type]
            text=" … ".join(text[s:e] for s, e in f.spans), spans=f.spans, cue=cue,
            speaker=_role(text, f.speaker), addressee=_role(text, f.addressee),
            frame=_role(text, f.frame), confidence=f.confidence,
        ))
    return _mark_nesting(quotes)


def _mark_nesting(quotes: list[Quote]) -> list[Quote]:
    """Direct quotes lying inside a reported quotation get that quotation as parent."""
    out = []
    for q in quotes:
        parent = next((p for p in quotes if q.type == "Direct" and p.type != "Direct" and
                       p.spans[0][0] <= q.spans[0][0] and q.spans[-1][1] <= p.spans[-1][1]),
                      None)
        out.append(q.model_copy(update={"nested_in": parent.id}) if parent else q)
    return out


class QuoteFinder:
    """Sets ``doc._.quotes``; never fails a document (errors are logged, quotes left empty)."""

    def __init__(self, name: str, use_model: bool = True, use_medium_model: bool = True) -> None:
        from zitat.nlp.quote_model import load_taggers

        self.name = name
        self.taggers = load_taggers() if use_model else None
        self.medium_model = load_medium_model() if use_medium_model else None

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = find_quotes(doc, self.taggers, medium_model=self.medium_model)
        except Exception:  # per-document boundary: a rule bug must not lose the article
            log.exception("quotation rules failed on a document of %d characters", len(doc_text(doc)))
            doc._.quotes = []
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        """The quotations of a stream of Docs, the taggers run once per batch."""
        for batch in minibatch(docs, batch_size):
            try:
                found = find_quotes_many(batch, self.taggers, medium_model=self.medium_model)
            except Exception:  # find the document at fault, one by one
                log.exception("quotation batch failed; retrying its %d documents", len(batch))
                yield from (self(doc) for doc in batch)
                continue
            for doc, quotes in zip(batch, found, strict=True):
                doc._.quotes = quotes
            yield from batch


@Language.factory(
    "zitat_quotes",
    default_config={"use_model": True, "use_medium_model": True},
    requires=["doc.sents"],
    assigns=["doc._.quotes"],
)
def make_quote_finder(
    nlp: Language, name: str, use_model: bool, use_medium_model: bool
) -> QuoteFinder:
    """Factory of the ``zitat_quotes`` component.

    ``use_model=False`` runs the rules only; ``use_medium_model=False`` lets the cue alone
    decide the medium (how the medium classifier's training data is made).
    """
    return QuoteFinder(name, use_model=use_model, use_medium_model=use_medium_model)
