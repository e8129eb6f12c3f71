"""Indirect and reported quotations: the sentence rules, tried in the order of a table.

Each rule looks at one sentence (its tokens and character bounds) and returns the
quotation it finds there or None; :func:`indirect_quotes` tries the rules of
:data:`RULES_AROUND_DIRECT` or :data:`RULES_FREE` in order, and the first that fires names
the quotation (``Found.rule``). Cue words come from the lexicon (:mod:`zitat.nlp.cues`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zitat.nlp.cues import (
    AS_CLAUSE,
    ATTRIBUTION_POSTPOSITIONS,
    ATTRIBUTION_PREPOSITIONS,
    IMPERSONAL_CUES,
    POSTPOSED_SOURCE_NOUNS,
    SOURCE_NOUNS,
    clause_particles,
    expresses_intent,
    fails_with_sich,
    is_cue_word,
    is_konjunktiv,
    is_naming_verb,
    is_particle,
    is_report_participle,
    konjunktiv_i_after_subject,
    makes_known,
    reports_speech_act,
    takes_object_addressee,
    takes_zu_infinitive,
)
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.nlp.medium import report_medium
from zitat.nlp.quotes.roles import (
    addressee_after,
    addressee_between,
    can_speak,
    clause_subject,
    coordinated_subject,
    existential,
    fronted_addressee,
    fronted_object_subject,
    genitive_chain,
    name_apposition_end,
    noun_phrase,
    object_phrase,
    plausible_speaker,
    prefield_speaker,
    role_apposition_end,
    skip_adverbs,
    speaker_after,
    subject_phrase,
    verb_complex,
)
from zitat.nlp.quotes.spans import (
    DATIVE_PRONOUNS,
    DETS,
    OBLIQUE_ARTICLES,
    PASSIVE_AUX,
    PERFECT_AUX,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    Found,
    Span,
    SpanSet,
    overlaps,
    sentences_of,
    strip_span,
    tokens_in,
)

#: `laut X`, `gemäß X`, `nach (offiziellen) Angaben (von) X`, `nach Polizeiangaben`; as in
#: the quotation corpus the cue is the preposition alone and the speaker phrase keeps its
#: source noun (`Angaben der Polizei`), so the source stays visible to the reader
_PREP_RE = re.compile(
    rf"(?P<frame>(?P<cue>\b{ATTRIBUTION_PREPOSITIONS})"
    # up to two determiners/adjectives (`nach offiziellen chinesischen Angaben`) or a
    # genitive name (`nach Grupps Meinung`) before the source noun
    rf"(?P<src>\s+(?:(?:[a-zäöü]+e[nmrs]?\s+){{1,2}}|[A-ZÄÖÜ][\w\-]+s\s+)?{SOURCE_NOUNS}"
    r"(?:\s+von)?)?"
    # a speaker may be a domain (`laut ndr.de`) or a title in marks (`laut „Reuters“`)
    r"(?:\s+(?P<spk>(?:[^,.;:!?]|\.(?=[a-z]{2,4}\b)){2,80}))?)"
)
#: `seiner Meinung nach`, `deren Angaben nach`: the postposed `nach`
_POSTPOSED_NACH_RE = re.compile(
    r"(?P<frame>(?P<src>(?P<spk>(?:[Ss]einer|[Ii]hrer|[Dd]eren|[Dd]essen|[A-ZÄÖÜ][\w\-]+s)\s+"
    rf"{POSTPOSED_SOURCE_NOUNS})\s+)"
    r"(?P<cue>nach))\b"
)


def _prep_attribution(sent: str) -> re.Match[str] | None:
    """The first `laut`/`gemäß`/`nach Angaben` attribution of a sentence (`nach` needs its
    source noun: `nach Berlin` is none); the postposed `seiner Meinung nach` is
    :func:`_postposed_quote`'s."""
    for m in _PREP_RE.finditer(sent):
        if m.group("cue").lower() == "nach" and not m.group("src"):
            continue
        nxt = (m.group("src") or m.group("spk") or "").split()
        if m.group("cue").lower() == "laut" and not (
                nxt and (nxt[0][:1].isupper() or nxt[0][:1] in "„»\"" or nxt[0].lower() in DETS
                         or re.fullmatch(r"[a-z][\w\-]*\.[a-z]{2,4}", nxt[0])  # `laut ndr.de`
                         # `laut israelischen Medien`, `laut diesem Zeugen`
                         or (re.fullmatch(r"[a-zäöü]+e[mnr]", nxt[0]) and len(nxt) > 1
                             and nxt[1][:1].isupper()))):
            continue  # `Kritik wurde laut`, `laut nachdenken`: the adjective
        if m.group("spk") or (m.group("src") and m.group("src").strip()[:1].isupper()
                              and not m.group("src").strip().startswith(("Angaben", "Ansicht"))):
            return m
    return None


_ZUFOLGE_RE = re.compile(r"(?P<frame>(?P<spk>(?:[A-ZÄÖÜ][\w\-]*|der|die|dem|den|des)"
                         rf"(?:\s+[\w\-]+){{0,6}}?)\s+(?P<cue>{ATTRIBUTION_POSTPOSITIONS}))")
#: (titles and initials keep their full stop: `Wie Prof. Dr. Anna Roth erklärte`)
_WIE_RE = re.compile(rf"(?:^|,\s*)(?P<cue1>{AS_CLAUSE})\s+"
                     r"(?P<body>(?:\b(?:Dr|Prof|[A-ZÄÖÜ])\.\s|\.(?=[a-z])|[^,.;:!?]){3,160}?)"
                     r"\s*(?=,|\.(?![a-z])|$)")  # (and a web address: `Wie GGG.at berichtete`)
#: `heißt es` / `es hieß`, never the naming `heißt` (`ein Projekt, das Wikia heißt`)
_HEISST_RE = re.compile(rf"(?P<cue>[Ee]s\s+{IMPERSONAL_CUES}|{IMPERSONAL_CUES}\s+es)\b")


#: the document before `heißt es` (`In der Resolution, die der Rat annahm, heißt es`: past
#: its relative clause) and after it (`Nun heißt es im Abschlussbericht, …`)
_DOCUMENT_BEFORE_RE = re.compile(
    r"\s*(?:In|Im|Auf|Aus|Bei|Beim)\s+(?P<np>[^,]{3,120}?)\s*"
    rf"(?:,\s*(?:{'|'.join(sorted(RELATIVE_PRONOUNS))})\s[^,]{{3,150}},\s*)?$")
_DOCUMENT_AFTER_RE = re.compile(r"\s+(?:in|im|bei|beim|auf)\s+(?P<np>[^,.;:!?]{3,80}?)\s*,")


_TIME_ADVERBS = frozenset("gestern heute später inzwischen bereits nun jetzt zudem auch "
                          "am vormittag nachmittag abend morgen".split())


def _dies_report(doc: Doc, toks: list[Token], prev: Span, e: int) -> Found | None:
    """`… . Dies bestätigte die Polizei.`, `Das teilte ein Sprecher gestern mit.`: the
    previous sentence (with the pronoun that takes it up) is what was reported."""
    if len(toks) < 4 or toks[0].lower_ not in ("dies", "das") or \
            not (is_cue_word(toks[1].text) and toks[1].text[:1].islower()):
        return None
    i = 2
    while i < len(toks) - 1 and toks[i].lower_ in _TIME_ADVERBS:
        i += 1  # `erklärte gestern ein Sprecher`, `teilte am Abend die Stadt mit`
    spk, n = speaker_after(toks[i:])
    if not spk or not plausible_speaker(doc, spk):
        return None
    text = doc_text(doc)
    end = i + n
    cue = [(toks[1].idx, toks[1].idx + len(toks[1]))]
    last = toks[-1] if toks[-1].text not in ".!?" else toks[-2]
    if is_particle(last.lower_) and last.i > toks[end - 1].i:
        cue.append((last.idx, last.idx + len(last)))  # `Dies teilte X mit`
    qs, _ = strip_span(text, prev[0], prev[1])
    pronoun = toks[0]
    frame_end = strip_span(text, toks[1].idx, e)[1]
    return Found(type="Indirect", spans=[(qs, pronoun.idx + len(pronoun))], cue=cue,
                  speaker=spk, addressee=addressee_between(toks[end:]),
                  frame=[(toks[1].idx, frame_end)], confidence=0.7)


def _prep_quote(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Nach Angaben der Polizei …`, `laut X`, `X zufolge`: the sentence around the
    attribution is the quotation."""
    sent = doc_text(doc)[s:e]
    return _attribution_quote(doc, s, e, _prep_attribution(sent) or _ZUFOLGE_RE.search(sent))


def _postposed_quote(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Die Firma habe seiner Meinung nach gegen Auflagen verstoßen.`: tried after the cue
    clauses and reports, since the possessive usually takes up a subject that a cue verb
    of the same sentence names (`erklärte X, die Firma habe seiner Meinung nach …`)."""
    return _attribution_quote(doc, s, e, _POSTPOSED_NACH_RE.search(doc_text(doc)[s:e]))


#: the start of a genitive that names the source after its noun: a possessive, a strong
#: adjective before a noun (`informierter Kreise`) or a name in the genitive (`Ibrahims`)
_GENITIVE_START = re.compile(r"(?:seine[sr]|ihre[sr]|deren|dessen)\s|[a-zäöü]{3,}er\s+[A-ZÄÖÜ]|"
                             r"[A-ZÄÖÜ][\w\-]*[^s]s\b")


def _attribution_quote(doc: Doc, s: int, e: int, m: re.Match[str] | None) -> Found | None:
    """The quotation around the attribution ``m`` matched in the sentence ``[s, e)``."""
    text = doc_text(doc)
    if not m:
        return None
    fs, fe = s + m.start("frame"), s + m.end("frame")
    zufolge = m.group("cue") == "zufolge"
    src = None if zufolge else m.group("src")
    named = m.group("spk") or ""
    if src and not src.rstrip().endswith("von") and named.split()[:1] and \
            named.split()[0] not in ("der", "des", "eines", "einer") and \
            not _GENITIVE_START.match(named):
        # `Nach Polizeiangaben wurden …`, `nach ersten Meldungen Schäden …`: the source
        # noun is all; only a genitive (`Angaben der Polizei`, `Angaben seines Anwalts`,
        # `Angaben informierter Kreise`, `Angaben Ibrahims`) names someone
        named = ""
    if not zufolge and not named:
        spk = [strip_span(text, s + m.start("src"), s + m.end("src"))]
    else:
        spk = noun_phrase(doc, s + m.start("spk"), s + m.end("spk"), from_end=zufolge,
                          source=True)
    if zufolge and spk:
        # `ersten Angaben zufolge`, `offiziellen chinesischen Angaben zufolge`: with the
        # adjectives before the source noun
        toks = tokens_in(doc, s, spk[0][0])
        k = len(toks)
        while k > 0 and toks[k - 1].pos_ == "ADJ" and toks[k - 1].text[:1].islower():
            k -= 1
        if k < len(toks):
            spk = [(toks[k].idx, spk[-1][1])]
        fs = spk[0][0]  # the frame is the attribution, not the clause in front of it
    if src and spk:  # `Angaben der Polizei`: from the source noun on
        spk = [(s + m.start("src") + len(src) - len(src.lstrip()), spk[-1][1])]
    if spk and not zufolge:
        # `Nach Angaben des Sprechers, Roland Eich, soll …`: the name in apposition
        after = tokens_in(doc, spk[-1][1], e)
        if after and after[0].text == "," and (close := name_apposition_end(after, 0) or
                                               role_apposition_end(after, 0)):
            # `Angaben von Peter Beck, dem Dekan der Fakultät, …`: or the role after the name
            spk = [(spk[0][0], after[close - 1].idx + len(after[close - 1]))]
    if spk and not zufolge and m.re is not _POSTPOSED_NACH_RE:
        fe = spk[-1][1]
    spans = [r for r in (strip_span(text, s, fs), strip_span(text, fe, e)) if r[1] - r[0] > 10]
    if not spans:
        return None
    return Found(type="Indirect", spans=spans, cue=[(s + m.start("cue"), s + m.end("cue"))],
                  speaker=spk, frame=[(fs, fe)], confidence=0.7)




def _reported(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """A speech act or stance without its content, the whole sentence being the report.

    `Die Opposition kritisierte die Pläne scharf.`, `Die SPD will Eliteuniversitäten
    fördern.`, `Er hat seinen Rücktritt angekündigt.`, `Gleichzeitig vermutet er …`.
    """
    if len(toks) < 4 or toks[0].lower_ in ("es", "das", "dies", "man") or \
            doc_text(doc)[s:e].rstrip().endswith("?"):
        return None
    skip = 1 if toks[0].lower_ in ("auch", "nun", "jetzt", "dann", "so", "zudem") else 0
    spk, n = subject_phrase(toks[skip:])  # `Auch das Nachbarland Rumänien sagte Hilfe zu`
    n += skip
    verb = toks[n].lower_ if spk and n < len(toks) else ""
    words = [t.lower_ for t in toks if t.is_alpha]

    def reports(v: str) -> bool:
        return reports_speech_act(v, words)

    ok = reports(verb) or (expresses_intent(verb) and n + 2 < len(toks)) or (
        verb in PERFECT_AUX and (is_report_participle(words[-1])
                          or is_report_participle(" ".join(words[-2:]))))
    if ok and spk and (obj := fronted_object_subject(doc, toks[skip:n], toks[n + 1:],
                                                            toks[n])):
        # `Die Mindestsicherung will er zentralisieren`, `Den Vorschlag lehnte die Ministerin
        # ab`: the phrase before the verb is its object
        spk = obj
    if not ok or not plausible_speaker(doc, spk):
        # verb second after a fronted phrase: `Mit einer Beruhigung rechnet der Wetterdienst`,
        # `Gleichzeitig vermutet er …`
        for i in range(1, min(len(toks) - 1, 7)):
            v = toks[i].lower_
            if (reports(v) or expresses_intent(v)) and not toks[i - 1].is_punct:
                if i + 1 < len(toks) - 1 and toks[i + 1].lower_ == "sich":
                    if fails_with_sich(v):
                        break  # `Damit bestätigt sich die Befürchtung`: no one speaks
                    i += 1  # `Besorgt äußerte sich Kofi Annan …`: the reflexive first
                after, _ = speaker_after(toks[i + 1:])
                # the subject after the verb is nominative and not a bare common noun: not
                # `schlossen einen Anschlag aus`, not `sagte Hilfe zu`
                nxt = toks[i + 1]
                if after and nxt.lower_ not in ("es", "man", "einen", "den", "dem", "einem") \
                        and (nxt.lower_ in DETS | PRONOUNS or nxt.pos_ != "NOUN"):
                    spk, verb, ok = after, v, True
                break
    if not ok or _threat_of_a_thing(toks, verb):
        return None
    text = doc_text(doc)
    qs, qe = strip_span(text, s, e)
    return Found(type="Reported", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                  speaker=spk, confidence=0.45, medium=report_medium(verb))


#: participles that report a statement in the passive (`Als Grund wurde … genannt`)
_PASSIVE_REPORTS = frozenset(
    "genannt angegeben eingestuft bemängelt kritisiert gefordert verlangt befürchtet vermutet "
    "angekündigt dementiert beklagt".split())


def _passive_report(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Als Grund wurden steigende Kosten genannt.`, `Bemängelt wurde die Wartung.`: a report
    in the passive without a content clause; its speaker is the `von` agent, if named."""
    words = [t.lower_ for t in toks if t.is_alpha]
    if len(words) < 4 or not PASSIVE_AUX & set(words) or \
            not (words[-1] in _PASSIVE_REPORTS or words[0] in _PASSIVE_REPORTS) or \
            any(t.text in ",:;?" for t in toks):
        return None
    spk: list[Span] = []
    for i, t in enumerate(toks[:-1]):
        if t.lower_ in ("von", "vom"):
            found, _ = speaker_after(toks[i + 1:])
            if found and can_speak(doc, found):
                spk = found
                break
    text = doc_text(doc)
    qs, qe = strip_span(text, s, e)
    return Found(type="Reported", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                  speaker=spk, confidence=0.4)


def _threat_of_a_thing(toks: list[Token], verb: str) -> bool:
    """`Der Frachter droht auseinanderzubrechen.`, `Ihm droht lebenslange Haft.`: `drohen`
    of something that may happen, not a threat anyone uttered."""
    if not verb.startswith("droh"):
        return False
    k = next((i for i, t in enumerate(toks) if t.lower_ == verb), -1)
    nxt = toks[k + 1].lower_ if 0 <= k < len(toks) - 1 else ""
    return nxt in DATIVE_PRONOUNS or _has_zu_infinitive(toks[-4:])


def _participle(word: str) -> bool:
    """A past participle by its shape (`gefahren`, `verletzt`, `kritisiert`, `worden`)."""
    return word == "worden" or (len(word) >= 6 and word.endswith(("t", "en")) and (
        "ge" in word[:8] or word.endswith("iert")
        or word.startswith(("ver", "be", "er", "ent", "zer", "über"))))


_SUBORDINATORS = frozenset("wenn ob dass da weil wie als falls obwohl nachdem".split())


def _reportative_sollen(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Der Fahrer soll zu schnell gefahren sein.`: reportative `sollen` with a perfect
    infinitive in a main clause reports a claim without naming its source here."""
    words = [t.lower_ for t in toks if t.is_alpha]
    if len(words) < 5 or words[0] in _SUBORDINATORS:
        return None
    perfect = words[-1] in ("haben", "sein") and _participle(words[-2])
    # `Das Gerät soll ab September geliefert werden.`, `Am Sonntag soll demonstriert
    # werden.`: a plan or claim reported without its source, any infinitive at the end
    last = next(t for t in reversed(toks) if t.is_alpha)
    passive = words[-1] == "werden" and _participle(words[-2])
    # not `Die Kinder sollen um acht Uhr im Bett sein.`: an obligation, no claim
    full_verb = last.pos_ == "VERB" and words[-1] not in ("sein", "haben", "werden") and \
        words[-1].endswith(("en", "ern", "eln"))
    if not (perfect or passive or full_verb):
        return None
    for i, t in enumerate(toks):
        if t.lower_ in ("soll", "sollen"):
            if any(x.text == "," for x in toks[:i]):
                return None  # in a subordinate or relative clause
            break
    else:
        return None
    text = doc_text(doc)
    qs, qe = strip_span(text, s, e)
    return Found(type="FreeIndirect", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                  confidence=0.4)


def _heisst_es(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`…, hieß es.` / `In der Erklärung heißt es, …`: reports without a named speaker."""
    text = doc_text(doc)
    m = _HEISST_RE.search(text, s, e)
    if not m:
        return None
    before = strip_span(text, s, m.start())
    after = strip_span(text, m.end(), e)
    # `In einem Positionspapier des Ministeriums heißt es, …`: the document speaks
    src = _DOCUMENT_BEFORE_RE.match(text[s:m.start()])
    body = after if src else max((before, after), key=lambda r: r[1] - r[0])
    if body[1] - body[0] < 15:
        return None
    frame, speaker = (m.start(), m.end()), []
    if body == after:
        if src:
            speaker = [(s + src.start("np"), s + src.end("np"))]
            frame = (s + src.start(), m.end())
        elif (src := _DOCUMENT_AFTER_RE.match(text[m.end():e])):
            # `Nun heißt es im Abschlussbericht, …`: the document after the cue
            speaker = [(m.end() + src.start("np"), m.end() + src.end("np"))]
            frame = (m.start(), m.end() + src.end("np"))
            qs = m.end() + src.end()
            body = strip_span(text, qs, e)
    else:
        # `…, hieß es aus dem Ministerium.`, `…, hieß es vom Sprecher X.`, `…, heißt es in
        # dem Bericht.`
        src = re.match(r"\s+(?:aus|von|vom|seitens|in|im|bei|beim)\s+(?P<np>[^,.;:!?]{3,80})",
                       text[m.end():e])
        if src:
            speaker = [(m.end() + src.start("np"), m.end() + src.end("np"))]
            frame = (m.start(), m.end() + src.end())
    return Found(type="Indirect", spans=[body], cue=[(m.start("cue"), m.end("cue"))],
                  speaker=speaker, frame=[frame], confidence=0.6)


def _final_speaker(toks: list[Token], k: int) -> tuple[list[Span], int]:
    """The speaker after a final cue at ``k`` (`…, teilte später der Direktor der Behörde,
    Bernd Paulsen, mit.`) and the index after it, or ``([], 0)``."""
    j = skip_adverbs(toks, k + 1)
    spk, n = speaker_after(toks[j:])
    if not spk:
        return [], 0
    end = j + n
    if toks[k].lower_ == "so" and (m := genitive_chain(toks, end)) > end:
        # `…, so eine Auskunft des Landeskriminalamts`: a source keeps its genitives
        spk, end = [(spk[0][0], toks[m - 1].idx + len(toks[m - 1]))], m
    if end < len(toks) and toks[end].text == "," and \
            (close := name_apposition_end(toks, end, content=False, final=True)):
        spk = [(spk[0][0], toks[close - 1].idx + len(toks[close - 1]))]
        end = close + 1
    elif (close := role_apposition_end(toks, end)):
        # `…, sagte Andrew Wetzler, ein Anwalt der Umweltschützer.`
        spk = [(spk[0][0], toks[close - 1].idx + len(toks[close - 1]))]
        end = close + (close < len(toks) and toks[close].text == ",")
    return spk, end


def _ends_frame(toks: list[Token], k: int) -> bool:
    """True when the cue at ``k`` starts a short final frame: `…, teilte X mit.`"""
    spk, end = _final_speaker(toks, k)
    tail = [t for t in toks[end:] if not t.is_punct]
    return bool(spk) and len(tail) <= 4


def _wie_clause(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Wie das Ministerium mitteilte, …` / `…, wie X sagte.` (any cue verb, any mood)."""
    text = doc_text(doc)
    # on the sentence's own string: with finditer(text, s) `^` would not match at s
    for m in _WIE_RE.finditer(text[s:e]):
        body_s, body_e = s + m.start("body"), s + m.end("body")
        cue_s, cue_e = s + m.start("cue1"), s + m.end("cue1")
        toks = tokens_in(doc, body_s, body_e)
        k = next((i for i in range(len(toks) - 1, -1, -1)
                  if is_cue_word(toks[i].text) and toks[i].text[:1].islower()
                  and not is_naming_verb(toks[i].lower_)), -1)
        apposition = False
        if k < 1 and m.group("body").strip() and text[body_e:body_e + 1] != "." and \
                (end := _apposition_cue(doc, body_s, e)):
            body_e, k = end  # `wie Anna Graf, Leiterin des Instituts, betont`
            toks, apposition = tokens_in(doc, body_s, body_e), True
        if k < 1:
            continue
        cue = [(cue_s, cue_e), (toks[k].idx, toks[k].idx + len(toks[k]))]
        if k > 0 and is_particle(toks[k - 1].lower_):
            cue.insert(1, (toks[k - 1].idx, toks[k - 1].idx + len(toks[k - 1])))
        spk, _ = speaker_after(toks[skip_adverbs(toks[:k], 0):k])  # `Wie schon die WHO sagte`
        if not spk and toks[0].lower_ in ("aus", "von", "vom"):
            spk, _ = speaker_after(toks[1:k])  # `Wie aus Unternehmenskreisen verlautete`
        if spk and apposition:  # the speaker keeps its apposition
            last = toks[k - 2] if toks[k - 1].text == "," else toks[k - 1]
            spk = [(spk[0][0], last.idx + len(last))]
        if not spk and toks[0].text in "„»\"":  # `Wie „Lübecker Nachrichten“ berichtet`
            spk = noun_phrase(doc, toks[0].idx, toks[k - 1].idx + len(toks[k - 1]))
        fs, fe = cue_s, body_e
        spans = [r for r in (strip_span(text, s, fs), strip_span(text, fe, e)) if r[1] - r[0] > 10]
        if spans:
            return Found(type="Indirect", spans=spans, cue=cue, speaker=spk,
                          frame=[(fs, fe)], confidence=0.7)
    return None


def _apposition_cue(doc: Doc, start: int, e: int) -> tuple[int, int] | None:
    """(end, cue index) of a `wie` clause whose subject has an apposition before its cue
    (`wie Anna Graf, Leiterin des Instituts, betont`; `Wie die Sprecherin des Amts, Maria
    Keller, mitteilte, …`): the cue ends the clause and nothing but nouns, names and their
    articles stands between the subject and it."""
    toks = tokens_in(doc, start, e)
    for i, t in enumerate(toks[:30]):
        if t.text in ".;:!?" or (t.pos_ in ("VERB", "AUX") and not is_cue_word(t.text)):
            return None
        if i > 1 and is_cue_word(t.text) and t.text[:1].islower() and \
                not is_naming_verb(t.lower_) and any(x.text == "," for x in toks[:i]):
            after = toks[i + 1] if i + 1 < len(toks) else None
            if after is not None and after.text not in (",", "."):
                return None
            return t.idx + len(t), i
    return None


def _demnach(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Demnach seien …`, `Danach hätte es sich um … gehandelt`: a sentence that passes on
    what the source named before says. The adverb is the cue; the corpus also marks it as
    the source, but an adverb is shown as no one's name, so the speaker stays open.
    `Danach` is mostly temporal, so it needs the Konjunktiv."""
    if len(toks) < 4 or toks[1].pos_ not in ("VERB", "AUX") or not (
            toks[0].lower_ == "demnach" or
            (toks[0].lower_ == "danach" and any(is_konjunktiv(t) for t in toks[1:12]))):
        return None
    adverb = [(toks[0].idx, toks[0].idx + len(toks[0]))]
    return Found(type="Indirect", spans=[strip_span(doc_text(doc), toks[1].idx, e)],
                  cue=adverb, frame=list(adverb), confidence=0.6)


def _main_clause_start(clause: list[Token]) -> bool:
    """`…, sagte er, die Lage ist ernst`: an indicative main clause as reported content
    (subject pronoun or determiner + noun first, not a relative or adverbial clause)."""
    if len(clause) < 4:
        return False
    first, second = clause[0].lower_, clause[1]
    if first in ("er", "sie", "es", "man", "wir"):
        return second.text[:1].islower() and second.pos_ in ("VERB", "AUX")
    return first in DETS and second.text[:1].isupper() and second.lower_ not in DETS and \
        len(clause) > 2 and clause[2].pos_ in ("VERB", "AUX")
_OBLIQUE_DETS = OBLIQUE_ARTICLES | frozenset("ihm ihn ihnen".split())


def _not_a_cue(toks: list[Token], k: int) -> bool:
    """A cue word that reports no statement here: negated (`wollte nicht bestätigen, dass`),
    the adjective (`ist noch nicht bekannt, …`, not `gab … bekannt`), reflexive (`ergeben
    sich aus der Tatsache, dass`, `bestätigt sich die Befürchtung`), or the cross-reference
    in parentheses (`(Wikinews berichtete)`)."""
    tok = toks[k]
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    return (k > 0 and toks[k - 1].lower_ == "nicht") or (
        tok.lower_ == "bekannt" and not any(makes_known(t.lower_) for t in toks[:k])) or (
        fails_with_sich(tok.lower_) and nxt == "sich") or (
        any(t.text == "(" for t in toks[max(0, k - 3):k]) and nxt == ")")


def _final_perfect(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Sie wisse, dass …, hatte Koch damals gesagt.`: a final frame in the perfect, the
    subject between the auxiliary and the cue participle."""
    words = [i for i, t in enumerate(toks) if not t.is_punct]
    if len(words) < 6:
        return None
    last = words[-1]
    part = toks[last]
    if not (is_cue_word(part.text) and part.text[:1].islower()):
        return None
    c = next((i for i in range(last - 1, max(0, last - 10), -1) if toks[i].text == ","), -1)
    if c < 2 or toks[c + 1].lower_ not in ("hat", "hatte", "habe", "haben", "hatten") or \
            not (any(is_konjunktiv(t) for t in toks[:c]) or _has_main_verb(toks[:c])):
        return None
    j = skip_adverbs(toks, c + 2)
    spk, n = speaker_after(toks[j:last])
    if not spk or (j + n < last and any(t.pos_ in ("VERB", "AUX") for t in toks[j + n:last])):
        return None
    text = doc_text(doc)
    aux = toks[c + 1]
    qs, qe = strip_span(text, toks[0].idx, toks[c].idx)
    return Found(type="Indirect", spans=[(qs, qe)],
                  cue=[(aux.idx, aux.idx + len(aux)), (part.idx, part.idx + len(part))],
                  speaker=spk, frame=[(aux.idx, part.idx + len(part))], confidence=0.7)


def _quoted_subject(before: list[Token], cue: Token) -> list[Span]:
    """`Anna Roth wird von der Agentur mit den Worten zitiert, …`: the subject of the
    passive `zitiert` is the one quoted (its agent only passes the words on)."""
    if not cue.lower_.startswith("zitiert"):
        return []
    aux = next((i for i, t in enumerate(before) if t.lower_ in ("wird", "wurde", "werden",
                                                                  "wurden")), -1)
    spk, n = subject_phrase(before[:aux]) if aux > 0 else ([], 0)
    return spk if spk and n == aux else []


def _asyndetic_subject(doc: Doc, before: list[Token], after: list[Token]) -> list[Span]:
    """`Wahlbeobachter monieren Unregelmäßigkeiten, sprechen aber davon, dass …`: a cue
    verb right after a comma that closes a main clause, with no subject after the cue,
    shares that clause's subject (not its object before the comma)."""
    if len(before) < 4 or before[-1].text != "," or speaker_after(after[skip_adverbs(after, 0):])[0]:
        return []
    segment = before[:-1]
    segment = segment[max((i for i, t in enumerate(segment) if t.text == ","), default=-1) + 1:]
    if not segment or segment[0].lower_ in _SUBORDINATORS | RELATIVE_PRONOUNS or \
            not any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() for t in segment):
        return []  # a subordinate or relative clause, or an apposition
    return clause_subject(doc, segment)


def _has_main_verb(toks: list[Token]) -> bool:
    """A finite or infinite verb in a comma segment that is not a relative clause."""
    segment: list[Token] = []
    first = True
    for t in [*toks, None]:
        if t is None or t.text == ",":
            if segment and (first or segment[0].lower_ not in RELATIVE_PRONOUNS) and \
                    any(x.pos_ in ("VERB", "AUX") for x in segment):
                return True
            segment, first = [], False
        else:
            segment.append(t)
    return False


def _cue_clause(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`X sagte, dass …` / `X erklärte, man werde …` / `Man sei bereit, sagte X.`"""
    text = doc_text(doc)
    for k, tok in enumerate(toks):
        cue_word = is_cue_word(tok.text) and tok.text[:1].islower()
        if not cue_word and not clause_particles(tok.lower_):
            continue
        # cue before the clause: "..., sagte X, dass ..." or "X sagte, ..."
        comma = next((j for j in range(k + 1, min(len(toks), k + 12)) if toks[j].text == ","), -1)
        if not cue_word and not (
                comma > k + 1 and toks[comma - 1].lower_ in clause_particles(tok.lower_)):
            continue
        if _not_a_cue(toks, k) or toks[0].lower_ in ("wer", "was"):
            continue  # `Wer glaubt, dass …, irrt`: a free relative clause, no statement
        if comma > 0 and tok.lower_ != "so":  # `so` cues only after its content (`…, so X`)
            clause = toks[comma + 1:]
            if clause and (clause[0].lower_ in ("dass", "ob") or
                           any(is_konjunktiv(t) for t in clause[:8]) or
                           konjunktiv_i_after_subject([t.text for t in clause[:3]]) or
                           # `hat angekündigt, den Notstand auszurufen` is _zu_clause's
                           (_main_clause_start(clause) and not _has_zu_infinitive(clause[:4]))):
                cue = verb_complex(toks, k, comma)
                # `Die Polizei hat bestätigt, …`: the speaker stands before the auxiliary
                head = next(i for i, t in enumerate(toks) if t.idx == cue[0][0])
                before = toks[:head]
                fronted = fronted_addressee(before)
                if before and before[-1].lower_ in DATIVE_PRONOUNS:
                    # `Kritiker hatten ihm vorgeworfen, …`: the pronoun is the addressee
                    fronted = fronted or [(before[-1].idx, before[-1].idx + len(before[-1]))]
                    before = before[:-1]
                    if before and before[-1].lower_ in PERFECT_AUX:
                        aux = before[-1]
                        cue.insert(0, (aux.idx, aux.idx + len(aux)))
                        before = before[:-1]
                spk = coordinated_subject(doc, before) or _quoted_subject(before, tok) or \
                    _asyndetic_subject(doc, before, toks[k + 1:comma]) or \
                    (prefield_speaker(before, toks[k + 1:comma]) if before else [])
                if spk and not plausible_speaker(doc, spk):
                    spk = []  # `Gestern Abend sagte der Minister`: the subject follows
                rest = k + 1
                if spk and head == k and (obj := fronted_object_subject(
                        doc, before, toks[k + 1:comma], tok)):
                    spk = obj  # `Die Pläne kritisierte er, …`: the object comes first
                if not spk and not existential(toks, k):
                    j = skip_adverbs(toks, k + 1)  # `meldete gestern die Agentur`
                    spk, n = speaker_after(toks[j:comma])
                    rest = j + n
                    if not spk and head < k - 1 and toks[head].lower_ in PERFECT_AUX:
                        # `Am Freitag hatte Verlagsleiter Lutz Roth den Mitarbeitern
                        # erklärt, …`: the subject between the auxiliary and the participle
                        j = skip_adverbs(toks, head + 1)
                        spk, n = speaker_after(toks[j:k])
                        rest = j + n if spk else rest
                    if spk and rest == comma and (close := name_apposition_end(toks, comma)):
                        # `erklärte der Chef der Behörde, Hans Albers, die Firma habe …`
                        spk = [(spk[0][0], toks[close - 1].idx + len(toks[close - 1]))]
                        comma = rest = close
                        clause = toks[comma + 1:]
                qs, qe = strip_span(text, clause[0].idx, e)
                frame_end = toks[comma - 1].idx + len(toks[comma - 1])
                return Found(type="Indirect", spans=[(qs, qe)], cue=cue, speaker=spk,
                              addressee=fronted or addressee_between(toks[rest:comma]),
                              frame=[(toks[0].idx, frame_end)], confidence=0.75)
        # cue after the clause: "Man sei bereit, sagte X." / "…, teilte die Polizei mit."
        # `…, das teilte das Institut mit.`: a demonstrative between the comma and the cue
        c = k - 2 if k > 3 and toks[k - 1].lower_ in ("das", "dies") and \
            toks[k - 2].text == "," else k - 1
        final = k > 2 and toks[c].text == "," and _ends_frame(toks, k)
        if k > 2 and toks[c].text == "," and (
                final or any(is_konjunktiv(t) for t in toks[:c])):
            j = skip_adverbs(toks, k + 1)  # `…, sagte gestern ein Sprecher.`
            spk, end = _final_speaker(toks, k)
            n = end - k - 1
            # the subject after the cue is nominative (`wies den Vorwurf zurück` names no
            # one) and what precedes is a clause, not the subject with its apposition or
            # relative clause (`Hubert Roth, der … zuständig ist, wies …`)
            if spk and toks[j].lower_ not in _OBLIQUE_DETS and _has_main_verb(toks[:c]):
                qs, qe = strip_span(text, toks[0].idx, toks[c].idx)
                last = toks[min(len(toks) - 1, k + n)]
                frame_end = last.idx + len(last) if last.text not in ".!?" else last.idx
                # `…, so Joachim Banke gegenüber der Onlineausgabe des Spiegels.`
                adr, _ = addressee_after(toks[k + 1 + n:])
                return Found(type="Indirect", spans=[(qs, qe)],
                              cue=[(tok.idx, tok.idx + len(tok))], speaker=spk, addressee=adr,
                              frame=[(tok.idx, frame_end)], confidence=0.75)
    return None


_ZU_PREFIXES = ("an", "auf", "aus", "ab", "ein", "mit", "vor", "zurück", "durch", "fest", "her",
                "hin", "nach", "weg", "zu", "bei", "los", "frei", "dar", "statt", "teil", "fort",
                "hoch", "um", "wieder", "zusammen", "bereit", "gegenüber", "entgegen", "stand",
                "offen", "klar", "nieder", "weiter", "heraus", "hinzu", "kennen", "auseinander",
                "voran", "hinaus", "herunter", "heran", "unter")
_ZU_INFINITIVE = re.compile(rf"^(?:{'|'.join(_ZU_PREFIXES)})zu[a-zäöüß]{{2,}}(?:en|ern|eln)$")


def _has_zu_infinitive(toks: list[Token]) -> bool:
    for i, t in enumerate(toks):
        if t.lower_ == "zu" and i + 1 < len(toks) and toks[i + 1].text[:1].islower() and \
                (toks[i + 1].lower_.endswith(("en", "ern", "eln")) or
                 toks[i + 1].lower_ in ("sein", "tun")):  # `beteiligt gewesen zu sein`
            return True
        if _ZU_INFINITIVE.match(t.text):
            return True
    return False


def _zu_clause(doc: Doc, toks: list[Token], s: int, e: int) -> Found | None:
    """`Die Regierung hat angekündigt, den Notstand auszurufen.`: the content of an
    announcement, demand or promise as a zu-infinitive clause."""
    text = doc_text(doc)
    for k, tok in enumerate(toks[:15]):
        if not takes_zu_infinitive(tok.lower_) or _not_a_cue(toks, k):
            continue
        comma = next((j for j in range(k + 1, min(len(toks), k + 9)) if toks[j].text == ","), -1)
        clause = toks[comma + 1:] if comma > 0 else []
        if comma < 0 and k > 0 and _participle(tok.lower_) and \
                any(t.lower_ in PERFECT_AUX for t in toks[:k]):
            # `Philips hat angekündigt die Preise zu erhöhen`: the comma left out
            comma, clause = k + 1, toks[k + 1:]
        if not clause or not _has_zu_infinitive(clause[:25]):
            continue
        cue = [(tok.idx, tok.idx + len(tok))]
        addressee: list[Span] = []
        particle = toks[comma - 1] if comma - 1 > k else None
        has_particle = particle is not None and \
            particle.lower_ in ("an", "auf", "vor", "ab", "zu", "aus")
        if has_particle:
            cue.append((particle.idx, particle.idx + len(particle)))  # `forderte … auf`
        before = toks[:k]
        if len(before) > 1 and before[-1].lower_ in PERFECT_AUX:
            before = before[:-1]  # `Der Hersteller Philips hat angekündigt, …`
        spk = coordinated_subject(doc, toks[:k]) or \
            (prefield_speaker(before, toks[k + 1:comma]) if k > 0 else [])
        if spk and not plausible_speaker(doc, spk):
            spk = []  # `Außerdem fordern die Organisationen …`: the subject follows the cue
        if spk and len(before) == k and (obj := fronted_object_subject(
                doc, before, toks[k + 1:comma], tok)):
            # `Die Bürger forderte er auf, …`: the object before the verb is the addressee
            if has_particle and particle.lower_ in ("auf", "vor"):
                addressee = spk
            spk = obj
        if spk and len(before) < k:
            aux = toks[k - 1]
            cue.insert(0, (aux.idx, aux.idx + len(aux)))
        if not spk:
            spk, n = speaker_after(toks)
            if spk and not plausible_speaker(doc, spk):
                spk = []  # `In vielen Fällen …`: the subject follows the cue
            if spk and n < k and toks[n].lower_ in PERFECT_AUX:
                aux = toks[n]
                cue.insert(0, (aux.idx, aux.idx + len(aux)))  # `hat … angekündigt`
            elif not spk:
                spk, _ = speaker_after(toks[k + 1:comma])
        # `forderte die Regierung auf, …`, `warf dem Minister vor, …`, `drängte den Minister,
        # …`: who is asked or accused is the addressee (the object beside the subject)
        middle = [t for t in toks[k + 1:comma - 1 if has_particle else comma]
                  if not any(a <= t.idx < b for a, b in spk)]
        if (has_particle and particle.lower_ in ("auf", "vor")) or \
                (not has_particle and takes_object_addressee(tok.lower_)):
            between = object_phrase(middle)
            if between and between[0].lower_ not in PRONOUNS:
                addressee = [(between[0].idx, between[-1].idx + len(between[-1]))]
        qs, qe = strip_span(text, clause[0].idx, e)
        frame_end = toks[comma - 1].idx + len(toks[comma - 1])
        return Found(type="Indirect", spans=[(qs, qe)], cue=cue, speaker=spk,
                      addressee=addressee, frame=[(toks[0].idx, frame_end)], confidence=0.65)
    return None


# --------------------------------------------------------------------------- the rule table

SentenceFinder = Callable[[Doc, list[Token], int, int], "Found | None"]


@dataclass(frozen=True)
class SentenceRule:
    """A named rule that finds at most one quotation in a sentence.

    Attributes:
        name: recorded on every quotation the rule finds (``Quote.rule``).
        find: ``(doc, tokens, start, end) -> Found | None`` for the sentence at
            ``[start, end)``.
        free_only: try the rule only in a sentence that no direct quotation touches (a
            report without content would take the direct quotation's sentence for one).
        medium: the medium of the rule's quotations, counted on the corpus' training split
            (``laut X``: SW, ``heißt es``: Writing); None: :mod:`zitat.nlp.medium` decides
            from the cue.
    """

    name: str
    find: SentenceFinder
    free_only: bool = False
    medium: str | None = None


CUE_CLAUSE = SentenceRule("indirect-cue-clause", _cue_clause)
FINAL_PERFECT = SentenceRule("indirect-final-perfect", _final_perfect)
ZU_CLAUSE = SentenceRule("indirect-zu-clause", _zu_clause)
PREPOSITION = SentenceRule("indirect-preposition", _prep_quote, medium="SW")
POSTPOSED = SentenceRule("indirect-postposed", _postposed_quote, medium="SW")
WIE_CLAUSE = SentenceRule("indirect-wie-clause", _wie_clause)
DEMNACH = SentenceRule("indirect-demnach", _demnach, free_only=True, medium="SW")
HEISST_ES = SentenceRule("indirect-heisst-es", _heisst_es, medium="Writing")
REPORTED_ACT = SentenceRule("reported-act", _reported, free_only=True)
PASSIVE_REPORT = SentenceRule("reported-passive", _passive_report, free_only=True)
REPORTATIVE_SOLLEN = SentenceRule("reported-sollen", _reportative_sollen, free_only=True,
                                  medium="SW")

#: a sentence that is mostly a direct quotation: a content clause or attribution around it
#: (`sie wolle „…“`, `dass „…“ gewesen sei`, `Laut X sei „…“`) is an indirect quotation
#: with the direct one nested in it
RULES_AROUND_DIRECT: tuple[SentenceRule, ...] = (
    CUE_CLAUSE, FINAL_PERFECT, ZU_CLAUSE, PREPOSITION, POSTPOSED,
)
#: any other sentence; the attribution rules come before the clause rules because
#: `Wie X sagte, …` and `Laut X …` also hold a cue word that the clause rules would take
RULES_FREE: tuple[SentenceRule, ...] = (
    PREPOSITION, WIE_CLAUSE, DEMNACH, CUE_CLAUSE, FINAL_PERFECT, HEISST_ES, ZU_CLAUSE, REPORTED_ACT,
    POSTPOSED, REPORTATIVE_SOLLEN, PASSIVE_REPORT,
)


def _coordinated_cue(doc: Doc, q: Found, e: int) -> Found | None:
    """`Die Ministerin erklärte, die Zahlen seien solide, und kündigte an, im Herbst …
    vorzulegen`: a second cue verb joined by `und` to the content of the first starts a
    quotation of its own with the same speaker; the first one ends before it."""
    qs, qe = q.spans[0]
    toks = tokens_in(doc, qs, qe)
    for i in range(1, len(toks) - 3):
        if toks[i].lower_ != "und":
            continue
        j = skip_adverbs(toks, i + 1)
        if j >= len(toks) or not (is_cue_word(toks[j].text) and toks[j].text[:1].islower()):
            continue
        rest = toks[j:]
        second = _cue_clause(doc, rest, rest[0].idx, e) or _zu_clause(doc, rest, rest[0].idx, e)
        if second is None or second.cue[0][0] != toks[j].idx:
            continue
        second.speaker = second.speaker or q.speaker
        second.rule = CUE_CLAUSE.name
        q.spans = [strip_span(doc_text(doc), qs, toks[i].idx)]
        return second
    return None


def _attributed_statement(doc: Doc, toks: list[Token], q: Found, s: int, e: int
                          ) -> Found | None:
    """The statement an attribution passes on when it is a quotation of its own: `Laut BBC
    sagte der Minister, dass …` (the clause after a fronted `laut X`), `Wie X mitteilte, ist
    … nach Auffassung der Kanzlerin …` (a `wie` clause around it)."""
    inner = apply_rules((WIE_CLAUSE,), doc, toks, s, e, free=True)
    body_s = q.spans[0][0]
    if inner is None and q.cue and q.cue[0][0] > s:
        # `Ein Sprecher sagte, nach neuesten Erkenntnissen habe …`: the cue clause holds it
        inner = apply_rules((CUE_CLAUSE,), doc, toks, s, e, free=True)
        if inner is not None and inner.cue[0][0] > q.cue[0][0]:
            inner = None
    if inner is None and q.cue and q.cue[0][1] <= body_s:
        rest = [t for t in toks if t.idx >= body_s]
        if rest and rest[0].pos_ in ("VERB", "AUX"):
            inner = apply_rules((CUE_CLAUSE, ZU_CLAUSE), doc, rest, body_s, e, free=True)
    if inner is None or any(overlaps(c, q.cue) for c in inner.cue):
        return None
    return inner

#: `… . Dies bestätigte die Polizei.`: tried before the table, on a sentence and the one
#: before it; what the table made of the previous sentence gives way to it
DIES_REPORT = "indirect-dies"


def apply_rules(rules: Iterable[SentenceRule], doc: Doc, toks: list[Token], s: int, e: int,
                *, free: bool) -> Found | None:
    """The quotation of the first rule in ``rules`` that fires on the sentence ``[s, e)``,
    named after that rule; None when none fires. ``free``: no direct quotation touches the
    sentence."""
    for rule in rules:
        if rule.free_only and not free:
            continue
        q = rule.find(doc, toks, s, e)
        if q is not None:
            q.rule = rule.name
            q.medium = rule.medium or q.medium
            return q
    return None


def indirect_quotes(doc: Doc, taken: list[Span]) -> list[Found]:
    """Reported clauses: cue + `dass`/Konjunktiv clause, prepositional attributions.

    Args:
        doc: the document.
        taken: character spans of the direct quotations already found.

    Returns:
        One quotation at most per sentence, each naming its rule.
    """
    found: list[Found] = []
    prev: Span | None = None
    taken_set = SpanSet(taken)  # bisect per sentence, not a scan of every quote
    for s, e in sentences_of(doc):
        check_deadline()
        covered = taken_set.covered(s, e)
        toks = tokens_in(doc, s, e)
        before, prev = prev, (s, e)
        if before is not None and not taken_set.overlaps(before) and \
                (q := _dies_report(doc, toks, before, e)) is not None:
            q.rule = DIES_REPORT
            found = [f for f in found if not overlaps(f.spans[0], [before])]
            found.append(q)
            continue
        rules = RULES_AROUND_DIRECT if covered > 0.5 * (e - s) else RULES_FREE
        q = apply_rules(rules, doc, toks, s, e, free=covered == 0)
        if q is not None:
            found.append(q)
            if q.rule == CUE_CLAUSE.name and (second := _coordinated_cue(doc, q, e)):
                found.append(second)
            if q.rule == PREPOSITION.name and covered == 0:
                # `Laut BBC sagte der Minister, dass …`, `Wie X mitteilte, ist … nach Auffassung
                # der Kanzlerin …`: the statement the source passes on is a quotation too
                inner = _attributed_statement(doc, toks, q, s, e)
                if inner is not None:
                    found.append(inner)
    return [f for f in found if taken_set.outside(f.spans) >= 6]
