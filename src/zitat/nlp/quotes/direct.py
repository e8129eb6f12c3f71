"""Direct quotations: text in quotation marks, attributed by a cue and speaker next to it.

The attributions are an ordered table (:data:`ATTRIBUTIONS`); the one that fires names the
quotation (``Found.rule``), and a statement in marks without one is :data:`UNATTRIBUTED`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from zitat.nlp.cues import (
    IMPERSONAL_CUES,
    is_cue_word,
    qualifies_as,
)
from zitat.nlp.extensions import doc_text
from zitat.nlp.quote_marks import MarkedSpan
from zitat.nlp.quotes.roles import (
    addressee_after,
    can_speak,
    clause_subject,
    coordinated_subject,
    cue_index,
    name_apposition_end,
    particle_span,
    role_apposition_end,
    skip_adverbs,
    speaker_after,
    speaker_before,
)
from zitat.nlp.quotes.spans import (
    PERFECT_AUX,
    Found,
    Span,
    is_name_in_marks,
    marked_spans,
    titled_by_noun,
    tokens_in,
)
from zitat.nlp.sentences import boundary_near


def _attribute_right(doc: Doc, q: Found, end: int) -> bool:
    """`„…“, sagte Feldmann (der Zeitung).` and `„…“, so Feldmann.`"""
    text = doc_text(doc)
    stop = boundary_near(text, end, +1, limit=250)
    next_quote = re.search(r"[„»«\"“]", text[end:stop])
    if next_quote:
        stop = end + next_quote.start()
    m = re.match(r"\s*,?\s*", text[end:stop])
    region_start = end + (m.end() if m else 0)
    toks = tokens_in(doc, region_start, stop)
    if not toks or text[end:region_start].strip() not in (",", ""):
        return False
    if toks[0].lower_ == "so" or (is_cue_word(toks[0].text) and toks[0].text[:1].islower()):
        cue = [(toks[0].idx, toks[0].idx + len(toks[0]))]
        i = skip_adverbs(toks, 1)  # `äußerte sich Bauer`, `sagte gestern Roth`
        if i > 1 and toks[i - 1].lower_ == "sich":
            cue = [(toks[0].idx, toks[i - 1].idx + len(toks[i - 1]))]
        spk, n = speaker_after(toks[i:])
        if not spk:
            i = 1
            spk, n = speaker_after(toks[1:])
        if spk and (role := role_apposition_end(toks, i + n) or
                             name_apposition_end(toks, i + n, content=False, final=True)):
            # `X, Chef von Y`; `der Trainer der Frankfurter, Michael Skibbe`
            spk = [(spk[0][0], toks[role - 1].idx + len(toks[role - 1]))]
            n = role - i
        adr, _ = addressee_after(toks[i + n:]) if spk else ([], 0)
        cue += particle_span(toks, i + n)
    elif toks[0].lower_ in _FINITE_BEFORE_CUE and (k := cue_index(toks[1:])) >= 0:
        # `„…“, wird Panetta zitiert.`, `„…“, ließ ein Sprecher verlauten.`
        cue = [(toks[0].idx, toks[0].idx + len(toks[0])),
               (toks[k + 1].idx, toks[k + 1].idx + len(toks[k + 1]))]
        i = skip_adverbs(toks, 1)
        spk, _ = speaker_after(toks[i:k + 1])
        adr = []
    elif re.fullmatch(IMPERSONAL_CUES, toks[0].lower_) and len(toks) > 2 and toks[1].lower_ == "es":
        # `„…“, hieß es vom Abgeordneten X.`, `„…“, heißt es in einer Erklärung der
        # Stadt.`: the source in a `von` or `in` phrase, if any
        cue = [(toks[0].idx, toks[1].idx + len(toks[1]))]
        spk = []
        if toks[2].lower_ in ("von", "vom", "in", "im", "aus") and len(toks) > 3:
            spk, _ = speaker_after(toks[3:])
        adr = []
    elif toks[0].lower_ == "wie" and (k := cue_index(toks[1:])) >= 0:
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


#: finite verbs that open a frame whose cue follows (`wird … zitiert`, `ließ … verlauten`)
_FINITE_BEFORE_CUE = frozenset("wird wurde ließ ließen lässt".split())


def _attribute_left(doc: Doc, q: Found, start: int) -> bool:
    """`Feldmann sagte: „…“`, `sagte Feldmann: „…“`, `Feldmann: „…“`."""
    text = doc_text(doc)
    begin = boundary_near(text, start, -1, limit=300)
    before = text[begin:start].rstrip()
    if not before.endswith((":", ",")):
        return False
    if (colon := before.rfind(":", 0, len(before) - 1)) >= 0:
        # `… kritisierte die Art und Weise scharf: So sagte Olli Rehn: „…“`: the clause
        # after an earlier colon introduces the quotation
        begin += colon + 1
        before = text[begin:start].rstrip()
    toks = tokens_in(doc, begin, begin + len(before) - 1)
    if not toks:
        return False
    k = cue_index(toks)
    last = max((i for i, t in enumerate(toks) if is_cue_word(t.text) and t.text[:1].islower()),
               default=k)
    comma = next((c for c in range(k + 1, last) if toks[c].text == ","), -1)
    if comma > 0:
        # `X wies dies zurück, die Sprecherin der Fraktion, Anna Roth, erklärte:`: a second
        # main clause with its own subject before the colon introduces the quotation
        seg = toks[comma + 1:]
        pre = speaker_before(seg[:last - comma - 1])
        if pre and pre[0][0] == seg[0].idx and can_speak(doc, pre):
            toks, k = seg, last - comma - 1
    if k >= 0:
        end = k + 1
        if end < len(toks) and toks[end].lower_ == "sich":
            end += 1  # `äußerte sich X:`: the reflexive belongs to the cue
        cue = [(toks[k].idx, toks[end - 1].idx + len(toks[end - 1]))]
        # German verb-second: "Später ergänzte er:" has its subject after the cue
        spk = coordinated_subject(doc, toks[:k])  # `… biss den Mann und rief:`
        if not spk:
            spk, _n = speaker_after(toks[end:])
            # `X kommentierte die Entscheidung:`: what follows the verb is its object, and
            # the subject fills the prefield (not after `zitiert`: the quoted follows it)
            if k > 0 and not (spk and (can_speak(doc, spk) or
                                       toks[end].pos_ not in ("DET", "PRON"))) and \
                    not toks[k].lower_.startswith("zitiert") and \
                    (pre := speaker_before(toks[:k])) and pre[0][0] == toks[0].idx and \
                    (can_speak(doc, pre) or all(t.pos_ == "PROPN" for t in toks[:k])):
                spk = pre  # a name (`Thaksin begründete seinen Schritt:`) or an agent
        aux = next((w for w in range(k - 1, -1, -1) if toks[w].lower_ in ("wird", "wurde")), -1)
        if not spk and aux >= 0 and toks[k].lower_.startswith("zitiert"):
            # `In der Meldung wird Musk wie folgt zitiert:`
            spk, _n = speaker_after(toks[skip_adverbs(toks, aux + 1):k])
            if not spk and aux > 0 and (pre := speaker_before(toks[:aux])) and \
                    pre[0][0] == toks[0].idx:
                spk = pre  # `Der Fraktionschef, Volker R., wird von der „Zeit“ … zitiert:`
        if not spk and k > 0:
            # `Stoiber hatte die Rolle der Vorsitzenden betont:`: the subject before the
            # auxiliary, not the object before the participle
            has = next((w for w in range(k) if toks[w].lower_ in PERFECT_AUX), -1)
            pre = speaker_before(toks[:has]) if has > 0 else []
            spk = pre if pre and pre[0][0] == toks[0].idx else speaker_before(toks[:k])
        cue += particle_span(toks, len(toks) - 1)
    elif before.endswith(":"):
        cue = []
        # `Zypries sieht in dem Urteil eine Bestätigung ihrer Auffassung:`: with a verb the
        # clause's subject speaks, the phrase before the colon is its object
        if any(t.pos_ in ("VERB", "AUX") for t in toks):
            spk = clause_subject(doc, toks) or speaker_before(toks)
        else:
            spk = speaker_before(toks) or clause_subject(doc, toks)
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
    if is_name_in_marks(words):
        return False
    return len(words) >= 4 or (bool(re.search(r"[.!?,]$", inner)) and len(words) >= 2)


_AS_BEFORE_RE = re.compile(
    r"\bals\s+(?:(?:ein|eine|einen|einer|einem|den|die|das|der|dem|des)\s+)?$")
#: a passive or a naming verb before the phrase: it names, it quotes no one
_PASSIVE = frozenset("wird wurde werden wurden worden gilt galt gelten galten".split())


def _qualified_as(doc: Doc, q: Found, m: MarkedSpan) -> bool:
    """`Die Ministerin bezeichnete den Plan als „mutigen Schritt“`: a phrase in marks after
    `als` whose verb quotes a qualification; its subject is the speaker, the verb and `als`
    the cue, the rest of the clause before it the frame."""
    text = doc_text(doc)
    begin = boundary_near(text, m.start, -1, limit=300)
    before = _AS_BEFORE_RE.search(text, begin, m.start)
    if before is None:
        return False
    toks = tokens_in(doc, begin, before.start())
    k = next((i for i in range(len(toks) - 1, -1, -1) if qualifies_as(toks[i].lower_)), -1)
    if k < 0 or any(t.text in ",;:" or t.lower_ in _PASSIVE for t in toks[k:]) or \
            any(t.lower_ in _PASSIVE for t in toks[:k]):
        return False
    spk = clause_subject(doc, toks)
    q.cue = [(toks[k].idx, toks[k].idx + len(toks[k])), (before.start(), before.start() + 3)]
    particle = re.match(r"\s*(zurück|ab|ein)\b", text[m.end:m.end + 12])
    if particle:  # `wies den Vorwurf als „…“ zurück`: the particle follows the phrase
        q.cue.append((m.end + particle.start(1), m.end + particle.end(1)))
    q.speaker = spk
    q.frame = [(toks[0].idx, before.end())] if toks else []
    q.confidence = 0.75 if spk else 0.5
    return True


def _cue_after(doc: Doc, q: Found, m: MarkedSpan) -> bool:
    return _attribute_right(doc, q, m.end)


def _cue_before(doc: Doc, q: Found, m: MarkedSpan) -> bool:
    return _attribute_left(doc, q, m.start)


#: the attributions of a quotation in marks, tried in order; each fills in the cue, speaker,
#: addressee and frame of the quotation when it fires
ATTRIBUTIONS: tuple[tuple[str, Callable[[Doc, Found, MarkedSpan], bool]], ...] = (
    ("direct-cue-after", _cue_after),    # `„…“, sagte Feldmann.`, `„…“, so Feldmann.`
    ("direct-cue-before", _cue_before),  # `Feldmann sagte: „…“`, `Feldmann: „…“`
    ("direct-as", _qualified_as),  # `Feldmann bezeichnete den Plan als „Fehler“`
)
#: a statement in marks that no attribution explains (its speaker may come from the context)
UNATTRIBUTED = "direct-marks"


def direct_quotes(doc: Doc) -> tuple[list[Found], list[Span]]:
    """Quotes in quotation marks with their cue, speaker, addressee and frame, and the
    marked spans that are names or titles instead."""
    text = doc_text(doc)
    found: list[Found] = []
    titles: list[Span] = []
    marked = [m for m in marked_spans(doc) if m.depth == 0]
    for m in marked:
        prev = found[-1] if found else None
        gap = text[prev.spans[-1][1] : m.start] if prev else ""
        if prev and prev.frame and re.fullmatch(r",[^.!?\n„“\"»«]{2,120},\s*", gap) and \
                prev.frame[0][0] >= prev.spans[-1][1]:
            prev.spans.append((m.start, m.end))  # „…“, sagte sie, „…“
            continue
        inner = text[m.inner[0]:m.inner[1]]
        if is_name_in_marks(inner.split()) or titled_by_noun(doc, m.start, inner):
            titles.append((m.start, m.end))
            continue
        q = Found(type="Direct", spans=[(m.start, m.end)], confidence=0.5)
        q.rule = next((name for name, attribute in ATTRIBUTIONS if attribute(doc, q, m)), None)
        if q.rule is None and _is_quotation(text, m.start, m.end):
            q.rule = UNATTRIBUTED
        if q.rule is not None:
            found.append(q)
    return found, titles
