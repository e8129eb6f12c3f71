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

from spacy.language import Language
from spacy.tokens import Doc, Token

from zitat.nlp import extensions  # noqa: F401
from zitat.nlp.cues import KONJUNKTIV, PARTICLES, is_cue_word, medium_of
from zitat.nlp.quote_marks import find_marked_spans
from zitat.nlp.titles import is_role_word
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


def _text(doc: Doc) -> str:
    """``doc.text`` joins all tokens on every call; keep one copy per doc."""
    cached = doc.user_data.get("zitat_text")
    if cached is None:
        cached = doc.user_data["zitat_text"] = doc.text
    return cached


def _words(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside ``[start, end)`` (binary search, not a scan of the doc)."""
    starts = doc.user_data.get("zitat_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["zitat_token_starts"] = [t.idx for t in doc]
    i = bisect_left(starts, start)
    j = bisect_left(starts, end)
    while j > i and starts[j - 1] + len(doc[j - 1]) > end:
        j -= 1
    return [doc[k] for k in range(i, j)]


def _is_name(tok: Token) -> bool:
    w = tok.text
    return w[:1].isupper() and any(c.isalpha() for c in w) and w.casefold() not in _PRONOUNS


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
        if _is_name(tok) or (tok.text == "-" and j > i):
            j += 1
        elif tok.lower_ in _NAME_LINKS - {"der", "des"} and j > i and j + 1 < len(tokens) and \
                _is_name(tokens[j + 1]):
            j += 2  # "Ursula von der Leyen", "Bürgermeisterin von Leipzig"
        elif tok.lower_ in ("der", "des") and j > i and j + 1 < len(tokens) and \
                _is_name(tokens[j + 1]) and is_role_word(tokens[j - 1].text):
            j += 2  # genitive only after a role noun: "Sprecher der Stadt", not "Keller der Zeitung"
        else:
            break
    if j == i:
        return [], 0
    end_tok = tokens[j - 1]
    return [(tokens[0].idx, end_tok.idx + len(end_tok))], j


def speaker_before(tokens: list[Token]) -> list[Span]:
    """The speaker noun phrase ending ``tokens`` (before a cue verb or a colon)."""
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
    return [(tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1]))]


def addressee_after(tokens: list[Token]) -> tuple[list[Span], int]:
    """A dative or `gegenüber`/`vor` phrase naming whom the speaker addressed."""
    if not tokens:
        return [], 0
    i = 0
    if tokens[0].lower_ in ("gegenüber", "vor"):
        i = 1
    if i < len(tokens) and (tokens[i].lower_ in _DATIVE_DETS or i == 1):
        j = i + (1 if tokens[i].lower_ in _DATIVE_DETS else 0)
        while j < len(tokens) and (tokens[j].text[:1].isupper() or
                                   (tokens[j].is_alpha and tokens[j].text.islower() and
                                    tokens[j].lower_ not in _STOP_PREPS and j + 1 < len(tokens)
                                    and tokens[j + 1].text[:1].isupper())):
            j += 1
            if tokens[j - 1].text[:1].isupper():
                break
        if j > i and tokens[j - 1].text[:1].isupper():
            return [(tokens[0].idx, tokens[j - 1].idx + len(tokens[j - 1]))], j
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
    text = _text(doc)
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
    text = _text(doc)
    begin = _sentence_bounds(text, start, -1, limit=300)
    before = text[begin:start].rstrip()
    if not before.endswith((":", ",")):
        return False
    toks = _words(doc, begin, begin + len(before) - 1)
    if not toks:
        return False
    k = _cue_in(toks)
    if k >= 0:
        cue = [(toks[k].idx, toks[k].idx + len(toks[k]))]
        # German verb-second: "Später ergänzte er:" has its subject after the cue
        spk, _n = speaker_after(toks[k + 1:])
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
    return len(words) >= 4 or (bool(re.search(r"[.!?,]$", inner)) and len(words) >= 2)


def direct_quotes(doc: Doc) -> list[_Found]:
    """Quotes in quotation marks with their cue, speaker, addressee and frame."""
    text = _text(doc)
    found: list[_Found] = []
    marked = [m for m in find_marked_spans(text) if m.depth == 0]
    for m in marked:
        prev = found[-1] if found else None
        gap = text[prev.spans[-1][1] : m.start] if prev else ""
        if prev and prev.frame and re.fullmatch(r",[^.!?\n„“\"»«]{2,120},\s*", gap) and \
                prev.frame[0][0] >= prev.spans[-1][1]:
            prev.spans.append((m.start, m.end))  # „…“, sagte sie, „…“
            continue
        q = _Found(type="Direct", spans=[(m.start, m.end)], confidence=0.5)
        attributed = _attribute_right(doc, q, m.end) or _attribute_left(doc, q, m.start)
        if attributed or _is_quotation(text, m.start, m.end):
            found.append(q)
    return found


_PREP_RE = re.compile(
    r"(?P<frame>(?P<cue>[Ll]aut|[Nn]ach (?:Angaben|Informationen|Einschätzung|Ansicht|Auffassung|"
    r"Meinung|Darstellung|Aussage|Aussagen|Worten)(?: von)?|[Gg]emäß)\s+(?P<spk>[^,.;:!?]{2,80}?))"
    r"(?=\s*(?:[,.;:!?]|\b(?:ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|wurde|wurden|"
    r"sei|seien|soll|sollen|gibt|gab|kam|kamen|liegt|lag|steht|stand)\b))"
)
_ZUFOLGE_RE = re.compile(r"(?P<frame>(?P<spk>(?:[A-ZÄÖÜ][\w\-]*|der|die|dem|den|des)"
                         r"(?:\s+[\w\-]+){0,6}?)\s+(?P<cue>zufolge))")
_WIE_RE = re.compile(
    r"(?P<frame>,?\s*(?P<cue1>wie)\s+(?P<spk>[^,.;:!?]{2,80}?)\s+(?:am\s+\w+\s+|weiter\s+)?"
    r"(?P<cue2>(?:mit)?teilte|mitteilten|berichtete|berichteten|sagte|erklärte|meldete|bestätigte"
    r"|mitteilte|bekanntgab|betonte)(?:\s+mit)?)\s*[,.]"
)


def _noun_phrase(doc: Doc, start: int, end: int, *, from_end: bool = False) -> list[Span]:
    """Trim a matched stretch to the noun phrase at its start (or end)."""
    toks = _words(doc, start, end)
    if from_end:
        return speaker_before(toks) or [_strip_span(_text(doc), start, end)]
    spk, _ = speaker_after(toks)
    return spk or [_strip_span(_text(doc), start, end)]


def _sentences(doc: Doc) -> list[Span]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def _overlaps(span: Span, taken: Iterable[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _strip_span(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " ,;:\n":
        s += 1
    while e > s and text[e - 1] in " ,;:.\n":
        e -= 1
    return s, e


def indirect_quotes(doc: Doc, taken: list[Span]) -> list[_Found]:
    """Reported clauses: cue + `dass`/Konjunktiv clause, prepositional attributions."""
    text = _text(doc)
    found: list[_Found] = []
    for s, e in _sentences(doc):
        if _overlaps((s, e), taken):
            continue
        sent = text[s:e]
        m = _PREP_RE.search(sent) or _ZUFOLGE_RE.search(sent)
        if m:
            fs, fe = s + m.start("frame"), s + m.end("frame")
            rest = [_strip_span(text, s, fs), _strip_span(text, fe, e)]
            spans = [r for r in rest if r[1] - r[0] > 10]
            if spans:
                spk = _noun_phrase(doc, s + m.start("spk"), s + m.end("spk"),
                                   from_end=m.group("cue") == "zufolge")
                fe = spk[0][1] if spk and m.group("cue") != "zufolge" else fe
                spans = [r for r in (_strip_span(text, s, fs), _strip_span(text, fe, e))
                         if r[1] - r[0] > 10]
                found.append(_Found(
                    type="Indirect", spans=spans, cue=[(s + m.start("cue"), s + m.end("cue"))],
                    speaker=spk,
                    frame=[(fs, fe)], confidence=0.7, medium="SW",
                ))
                continue
        m = _WIE_RE.search(sent)
        if m:
            fs, fe = _strip_span(text, s + m.start("frame"), s + m.end("frame"))
            spans = [r for r in (_strip_span(text, s, fs), _strip_span(text, fe, e)) if r[1] - r[0] > 10]
            if spans:
                found.append(_Found(
                    type="Indirect", spans=spans,
                    cue=[(s + m.start("cue1"), s + m.end("cue1")), (s + m.start("cue2"), s + m.end("cue2"))],
                    speaker=[_strip_span(text, s + m.start("spk"), s + m.end("spk"))],
                    frame=[(fs, fe)], confidence=0.7,
                ))
                continue
        toks = _words(doc, s, e)
        q = _cue_clause(doc, toks, s, e)
        if q is not None:
            found.append(q)
    return found


def _cue_clause(doc: Doc, toks: list[Token], s: int, e: int) -> _Found | None:
    """`X sagte, dass …` / `X erklärte, man werde …` / `Man sei bereit, sagte X.`"""
    text = _text(doc)
    for k, tok in enumerate(toks):
        if not (is_cue_word(tok.text) and tok.text[:1].islower()):
            continue
        # cue before the clause: "..., sagte X, dass ..." or "X sagte, ..."
        comma = next((j for j in range(k + 1, min(len(toks), k + 12)) if toks[j].text == ","), -1)
        if comma > 0:
            clause = toks[comma + 1:]
            if clause and (clause[0].lower_ in ("dass", "ob") or
                           any(t.lower_ in KONJUNKTIV for t in clause[:8])):
                spk = speaker_before(toks[:k]) if k > 0 else []
                if not spk:
                    spk, _ = speaker_after(toks[k + 1:comma])
                cue = [(tok.idx, tok.idx + len(tok))]
                qs, qe = _strip_span(text, clause[0].idx, e)
                frame_end = toks[comma - 1].idx + len(toks[comma - 1])
                return _Found(type="Indirect", spans=[(qs, qe)], cue=cue, speaker=spk,
                              frame=[(toks[0].idx, frame_end)], confidence=0.75)
        # cue after the clause: "Man sei bereit, sagte X."
        if k > 2 and toks[k - 1].text == "," and any(t.lower_ in KONJUNKTIV for t in toks[:k - 1]):
            spk, n = speaker_after(toks[k + 1:])
            if spk:
                qs, qe = _strip_span(text, toks[0].idx, toks[k - 1].idx)
                last = toks[min(len(toks) - 1, k + n)]
                frame_end = last.idx + len(last) if last.text not in ".!?" else last.idx
                return _Found(type="Indirect", spans=[(qs, qe)],
                              cue=[(tok.idx, tok.idx + len(tok))], speaker=spk,
                              frame=[(tok.idx, frame_end)], confidence=0.75)
    return None


def continued_quotes(doc: Doc, found: list[_Found], taken: list[Span]) -> list[_Found]:
    """Konjunktiv sentences without a cue that continue the previous report."""
    text = _text(doc)
    out: list[_Found] = []
    ordered = sorted(found, key=lambda f: f.spans[0][0])
    for s, e in _sentences(doc):
        if _overlaps((s, e), taken):
            continue
        toks = _words(doc, s, e)
        if not any(t.lower_ in KONJUNKTIV for t in toks[:12]) or len(toks) < 4:
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


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotations of ``doc`` as contract records, in text order.

    Args:
        doc: a Doc with sentence boundaries.

    Returns:
        Quotes with character spans; speaker roles carry no entity id yet.
    """
    text = _text(doc)
    direct = direct_quotes(doc)
    taken = [sp for q in direct for sp in q.spans]
    indirect = indirect_quotes(doc, taken)
    taken += [sp for q in indirect for sp in q.spans]
    continued = continued_quotes(doc, direct + indirect, taken)
    everything = sorted(direct + indirect + continued, key=lambda f: f.spans[0][0])
    quotes = []
    for i, f in enumerate(everything, start=1):
        cue = _role(text, f.cue)
        quotes.append(Quote(
            id=f"q{i}", type=f.type,  # type: ignore[arg-type]
            medium=f.medium or (medium_of(cue.text) if cue else  # type: ignore[arg-type]
                                "Speech" if f.type == "Direct" else "SW"),
            text=" … ".join(text[s:e] for s, e in f.spans), spans=f.spans, cue=cue,
            speaker=_role(text, f.speaker), addressee=_role(text, f.addressee),
            frame=_role(text, f.frame), confidence=f.confidence,
        ))
    return quotes


class QuoteFinder:
    """Sets ``doc._.quotes``; never fails a document (errors are logged, quotes left empty)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = find_quotes(doc)
        except Exception:  # per-document boundary: a rule bug must not lose the article
            log.exception("quotation rules failed on a document of %d characters", len(doc.text))
            doc._.quotes = []
        return doc


@Language.factory(
    "zitat_quotes",
    requires=["doc.sents"],
    assigns=["doc._.quotes"],
)
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    """Factory of the ``zitat_quotes`` component."""
    return QuoteFinder(name)
