"""Roles of a quotation: finding the speaker, the addressee, the cue verb complex and the frame
around a cue (`sagte die Ministerin der Zeitung`, `Die Sprecherin der Feuerwehr, Jana Roth,
sagte`, `gegenüber dem Tagesspiegel`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from zitat.nlp.cues import (
    PARTICLES,
    clause_particles,
    is_audience,
    is_cue_word,
    is_particle,
    reports_speech_act,
)
from zitat.nlp.extensions import doc_text
from zitat.nlp.quotes.spans import (
    DATIVE_DETS,
    DATIVE_PRONOUNS,
    DETS,
    FINITE_AUX,
    NAME_LINKS,
    PRONOUNS,
    STOP_PREPS,
    Found,
    Span,
    is_name,
    strip_span,
    tokens_in,
)
from zitat.nlp.sentences import boundary_near
from zitat.nlp.titles import is_media_word, is_role_word


def _affiliation(tokens: list[Token], j: int) -> int:
    """Length of an affiliation or seat at ``j`` that belongs to the phrase before it
    (`von der Staatsanwaltschaft`, `vom Roten Kreuz`, `in Karlsruhe`), else 0."""
    first = tokens[j].lower_
    if first == "für" and j > 0 and is_role_word(tokens[j - 1].text):
        # `EU-Kommissar für Energie`, `Bundesministerin für Bildung und Forschung`
        k = j + 1
        while k < len(tokens) and is_name(tokens[k]) and tokens[k].pos_ in ("NOUN", "PROPN"):
            k += 1
            if k + 1 < len(tokens) and tokens[k].lower_ == "und" and is_name(tokens[k + 1]):
                k += 1
        return k - j if k > j + 1 and is_name(tokens[k - 1]) else 0
    if first not in ("von", "vom", "in", "aus"):
        return 0
    if first in ("in", "aus") and (j == 0 or tokens[j - 1].pos_ != "NOUN"):
        return 0  # an institution's seat; `Sabine Roth in Leipzig` says where she spoke
    k = j + 1
    if first == "von" and k < len(tokens) and tokens[k].lower_ in ("der", "dem", "den"):
        k += 1
    while k < len(tokens) and tokens[k].text[:1].islower() and tokens[k].is_alpha and \
            tokens[k].lower_ not in STOP_PREPS and k - j < 4 and first != "in":
        k += 1  # `von der zuständigen Behörde`
    start = k
    while k < len(tokens) and is_name(tokens[k]) and tokens[k].pos_ == "ADJ":
        k += 1  # `vom Deutschen Roten Kreuz`
    if k >= len(tokens) or not is_name(tokens[k]) or tokens[k].pos_ not in ("PROPN", "NOUN"):
        return 0
    k += 1
    while k < len(tokens) and is_name(tokens[k]) and tokens[k].pos_ in ("PROPN", "NOUN") and \
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
    if first.lower_ in PRONOUNS - {"wir", "ich", "es"}:
        return [(first.idx, first.idx + len(first))], 1
    i = 0
    if first.lower_ in DETS:
        i = 1
        while i < len(tokens) and tokens[i].text[:1].islower() and tokens[i].is_alpha and \
                tokens[i].lower_ not in STOP_PREPS:
            i += 1  # adjectives: "der zuständige Minister"
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if j > i and tok.pos_ == "NOUN" and tokens[j - 1].pos_ == "NOUN" and \
                not is_role_word(tokens[j - 1].text):
            break  # `die Stadtverwaltung Kosten sparen`: the object, not a name
        if is_name(tok) or (tok.text == "-" and j > i):
            j += 1
        elif tok.lower_ in NAME_LINKS - {"der", "des"} and j > i and j + 1 < len(tokens) and \
                is_name(tokens[j + 1]):
            j += 2  # "Ursula von der Leyen", "Bürgermeisterin von Leipzig"
        elif tok.lower_ in ("der", "des") and j > i and j + 1 < len(tokens) and \
                is_name(tokens[j + 1]) and is_role_word(tokens[j - 1].text):
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
            tokens[j - 1].lower_ not in DETS | STOP_PREPS:
        j -= 1  # adjectives: `Der stellvertretende Vorsitzende`
    return j - 1 if j > 0 and tokens[j - 1].lower_ in DETS else i


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
    if last.lower_ in PRONOUNS - {"wir", "ich", "es"}:
        return [(last.idx, last.idx + len(last))]
    j = len(tokens)
    i = j
    while i > 0 and (is_name(tokens[i - 1]) or tokens[i - 1].lower_ in NAME_LINKS | {"des", "der"}):
        i -= 1
    while i < j and tokens[i].lower_ in NAME_LINKS | {"des", "der"}:
        i += 1
    if i == j:
        return []
    k = i
    while k > 0 and tokens[k - 1].text[:1].islower() and tokens[k - 1].is_alpha and \
            tokens[k - 1].lower_ not in DETS | STOP_PREPS and not is_cue_word(tokens[k - 1].text):
        k -= 1  # adjectives before the noun
    if k > 0 and tokens[k - 1].lower_ in DETS:
        i = k - 1
    elif k < i and k > 0 and tokens[k - 1].lower_ in STOP_PREPS:
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
    if i > 0 and tokens[i - 1].lower_ in STOP_PREPS:
        return []  # `In einem Brief an die Länder schrieb X`: an object, the subject follows
    return [(tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1]))]


def addressee_after(tokens: list[Token]) -> tuple[list[Span], int]:
    """A dative or `gegenüber`/`vor` phrase naming whom the speaker addressed."""
    if not tokens:
        return [], 0
    i = 0
    if tokens[0].lower_ in ("gegenüber", "vor", "zur", "zum"):
        i = 1  # as in the quotation corpus, the preposition is not part of the addressee
    if i < len(tokens) and (tokens[i].lower_ in DATIVE_DETS or i == 1):
        j = i + (1 if tokens[i].lower_ in DATIVE_DETS else 0)
        while j < len(tokens) and (tokens[j].text[:1].isupper() or
                                   (j > i and is_media_word(tokens[j - 1].text)) or
                                   (tokens[j].is_alpha and tokens[j].text.islower() and
                                    tokens[j].lower_ not in STOP_PREPS and j + 1 < len(tokens)
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


def cue_index(tokens: list[Token]) -> int:
    """Index of the first lower-case cue word in ``tokens``, -1 when there is none."""
    for k, tok in enumerate(tokens):
        if is_cue_word(tok.text) and tok.text[:1].islower():
            return k
    return -1


def particle_span(tokens: list[Token], after: int) -> list[Span]:
    """The separable particle ending ``tokens`` (`teilte … mit`) when it lies past index
    ``after``, as a span list (empty when there is none)."""
    if tokens and after < len(tokens) and is_particle(tokens[-1].lower_):
        t = tokens[-1]
        return [(t.idx, t.idx + len(t))]
    return []


def noun_phrase(doc: Doc, start: int, end: int, *, from_end: bool = False) -> list[Span]:
    """Trim a matched stretch to the noun phrase at its start (or end)."""
    toks = tokens_in(doc, start, end)
    if from_end:
        return speaker_before(toks) or [strip_span(doc_text(doc), start, end)]
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
    return spk or [strip_span(doc_text(doc), start, end)]


def addressee_between(tokens: list[Token]) -> list[Span]:
    """`sagte (hierzu) der Süddeutschen Zeitung,` / `sagte am Sonntag vor Journalisten,` /
    `erklärte er Reportern`: whom a statement was made to, between the cue (and speaker)
    and the content."""
    for i, t in enumerate(tokens):
        if is_audience(t.lower_):
            return [(t.idx, t.idx + len(t))]
        if t.lower_ in ("gegenüber", "vor") and i > 0:
            # after a time phrase (`am Sonntag vor Journalisten`); at the start see below
            found = addressee_between(tokens[i:])
            if found:
                return found
    while tokens and tokens[0].text[:1].islower() and tokens[0].lower_ not in DATIVE_DETS \
            and tokens[0].lower_ not in ("gegenüber", "vor"):
        tokens = tokens[1:]  # adverbs: `hierzu`, `am Abend` is cut below
    if tokens and is_particle(tokens[-1].lower_):
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[0].lower_ not in DATIVE_DETS | {"gegenüber", "vor"} or \
            not tokens[-1].text[:1].isupper() or \
            any(t.lower_ in STOP_PREPS for t in tokens[1:]) or len(tokens) > 8:
        return []
    # as in the quotation corpus, the preposition is not part of the addressee
    first = tokens[1] if tokens[0].lower_ in ("gegenüber", "vor") else tokens[0]
    return [(first.idx, tokens[-1].idx + len(tokens[-1]))]


def fronted_addressee(tokens: list[Token]) -> list[Span]:
    """`Gegenüber dem Tagesspiegel sagte …`, `Ihr gegenüber hat er angegeben …`: an
    addressee fronted before the cue."""
    if len(tokens) >= 2 and tokens[1].lower_ == "gegenüber" and \
            tokens[0].lower_ in DATIVE_PRONOUNS:
        return [(tokens[0].idx, tokens[0].idx + len(tokens[0]))]
    if len(tokens) >= 2 and tokens[0].lower_ == "gegenüber":
        end = 1
        while end < len(tokens) and (tokens[end].lower_ in DATIVE_DETS or
                                     tokens[end].text[:1].isupper() or
                                     (tokens[end].is_alpha and tokens[end].pos_ == "ADJ")):
            end += 1
        if end > 1 and tokens[end - 1].text[:1].isupper():
            return [(tokens[1].idx, tokens[end - 1].idx + len(tokens[end - 1]))]
    return []


def verb_complex(toks: list[Token], k: int, clause_end: int) -> list[Span]:
    """The cue verb with its auxiliary and separable particle, as the corpus marks cues:
    `hat … bestätigt`, `gab … an`, `wies darauf hin`."""
    tok = toks[k]
    cue = [(tok.idx, tok.idx + len(tok))]
    participle = tok.lower_.endswith("iert") or (
        tok.lower_.endswith(("t", "en")) and tok.lower_[:2] in ("ge", "be", "er", "ve"))
    if k > 0 and participle:
        aux = next((t for t in reversed(toks[:k]) if t.lower_ in FINITE_AUX), None)
        if aux is not None:
            cue.insert(0, (aux.idx, aux.idx + len(aux)))
    last = toks[clause_end - 1] if clause_end - 1 > k else None
    if last is not None and (is_particle(last.lower_) or
                             last.lower_ in clause_particles(tok.lower_)):
        before = toks[clause_end - 2]
        if before.lower_.startswith(("dar", "davon")) and clause_end - 2 > k:
            # `wies darauf hin`, `geht davon aus`
            cue.append((before.idx, last.idx + len(last)))
        else:
            cue.append((last.idx, last.idx + len(last)))
    return cue


def object_phrase(toks: list[Token]) -> list[Token]:
    """The object between a cue and its particle, without the subject or adverbs around
    it: `warf (er) dem Minister (jetzt) vor` → `dem Minister`."""
    if toks and toks[0].lower_ in ("er", "sie", "es", "man"):
        toks = toks[1:]  # the inverted subject pronoun
    phrase: list[Token] = []
    start = 0
    while True:
        start = next((i for i in range(start, len(toks))
                      if toks[i].lower_ in DETS or is_name(toks[i])), -1)
        if start < 0:
            return phrase
        end = start + 1
        while end < len(toks) and (is_name(toks[end]) or toks[end].pos_ == "ADJ" or
                                   toks[end].text in "()" or toks[end].pos_ == "PROPN"):
            end += 1
        while end > start + 1 and toks[end - 1].text == "(":
            end -= 1
        # of two phrases the second is the object: `warfen die Taliban den Bauern vor`
        phrase, start = toks[start:end], end


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


def plausible_speaker(doc: Doc, spans: list[Span]) -> bool:
    """False for speaker spans that are sentence adverbs, time words, prepositional
    phrases or pieces of a clause (`Gleichzeitig`, `Am Abend`, `geworden war und …`)."""
    text = doc_text(doc)
    words = " ".join(text[a:b] for a, b in spans).split()
    if not words:
        return False
    if words[0].lower() in STOP_PREPS | {"als", "mit", "wie", "laut"}:
        return False
    if all(w.strip(",.;:").lower() in _NOT_SPEAKERS for w in words):
        return False  # `Gleichzeitig`, `Gestern Abend`
    head = words[-1].strip(",.;:").lower()
    if head in STOP_PREPS | DETS | {"von"} or head in _NOT_SPEAKER_HEADS:
        return False  # cut-off phrases (`Angaben von`) and `mit den Worten`
    toks = [t for a, b in spans for t in tokens_in(doc, a, b) if not t.is_punct]
    if len(toks) == 1 and toks[0].pos_ in _NON_NAME_POS:
        return False
    return sum(t.pos_ in ("VERB", "AUX") for t in toks) < 2


def subject_of_sentence(doc: Doc, f: Found) -> None:
    """`Die Veranstalter sprachen von der „größten Demo“`: a quoted phrase inside a
    sentence whose subject reports it takes that subject as speaker and its verb as cue."""
    text = doc_text(doc)
    start = f.spans[0][0]
    toks = tokens_in(doc, boundary_near(text, start, -1), start)
    spk, n = speaker_after(toks)
    if not spk or n >= len(toks) or not plausible_speaker(doc, spk):
        return
    verb = toks[n]
    if verb.text[:1].islower() and (is_cue_word(verb.text) or reports_speech_act(verb.lower_)):
        f.speaker = spk
        if not f.cue:
            f.cue = [(verb.idx, verb.idx + len(verb))]


_PARTICLE_RE = re.compile(r"\s+(" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")\b")


def frame_with_punctuation(text: str, frame: Span, quote: list[Span]) -> Span:
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
