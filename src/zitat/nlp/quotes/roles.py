"""Roles of a quotation: finding the speaker, the addressee, the cue verb complex and the frame
around a cue (`sagte die Ministerin der Zeitung`, `Die Sprecherin der Feuerwehr, Jana Roth,
sagte`, `gegenüber dem Tagesspiegel`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from zitat.nlp.cues import (
    PARTICLES,
    addresses_passive_subject,
    clause_particles,
    is_audience,
    is_contact,
    is_cue_word,
    is_forum,
    is_particle,
    reports_speech_act,
    takes_object_addressee,
    takes_zu_infinitive,
)
from zitat.nlp.extensions import doc_text
from zitat.nlp.quote_marks import ALL_MARKS, DOUBLE_OPENERS, SINGLE_OPENERS
from zitat.nlp.quotes.spans import (
    DATIVE_DETS,
    DATIVE_PRONOUNS,
    DETS,
    FINITE_AUX,
    NAME_LINKS,
    OBLIQUE_ARTICLES,
    PASSIVE_AUX,
    PERFECT_AUX,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    STOP_PREPS,
    WEB_NAME,
    Found,
    Span,
    is_common_noun,
    is_first_name,
    is_name,
    sentence_at,
    strip_span,
    tokens_in,
)
from zitat.nlp.sentences import boundary_near
from zitat.nlp.titles import is_media_word, is_org_word, is_role_word


def _wordlike(tok: Token) -> bool:
    """Letters, or letters joined by hyphens (`saudi-arabischen`, `deutsch-französische`)."""
    return tok.is_alpha or (tok.text.replace("-", "").isalpha() and "-" in tok.text[1:-1])


def _adjectives_end(tokens: list[Token], i: int) -> int:
    """Index of the first token from ``i`` that is no lower-case word before a noun
    (`der britischen Armee`: from `britischen` to `Armee`)."""
    while i < len(tokens) and tokens[i].is_alpha and tokens[i].text.islower() and \
            tokens[i].lower_ not in STOP_PREPS:
        i += 1
    return i


#: what opens a relative clause after a subject or its apposition (`Die Stadt, die …,`)
_RELATIVE_AFTER_SUBJECT = (RELATIVE_PRONOUNS - {"wer", "was"}) | {"wo"}


def _affiliation(tokens: list[Token], j: int, *, seat: bool = True) -> int:
    """Length of an affiliation or seat at ``j`` that belongs to the phrase before it
    (`von der Staatsanwaltschaft`, `vom Roten Kreuz`, `in Karlsruhe`), else 0. With
    ``seat`` False an `in`/`aus` phrase is never part of it: it says where someone spoke."""
    first = tokens[j].lower_
    if first == "für" and j > 0 and (is_role_word(tokens[j - 1].text) or
                                     is_org_word(tokens[j - 1].text)):
        # `EU-Kommissar für Energie`, `Bundesministerin für Bildung und Forschung`,
        # `die Bundesagentur für Arbeit`
        k = j + 1
        while k < len(tokens) and is_name(tokens[k]) and tokens[k].pos_ in ("NOUN", "PROPN"):
            k += 1
            if k + 1 < len(tokens) and tokens[k].lower_ == "und" and is_name(tokens[k + 1]):
                k += 1
        return k - j if k > j + 1 and is_name(tokens[k - 1]) else 0
    if first not in ("von", "vom", "in", "aus"):
        return 0
    if first in ("in", "aus") and (not seat or j == 0 or tokens[j - 1].pos_ != "NOUN"):
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


def _outlet_name(tokens: list[Token], j: int) -> int:
    """Length of an outlet's name at ``j`` after its kind (`dpa`, `„Netzwelt“`), else 0."""
    tok = tokens[j]
    if tok.text in DOUBLE_OPENERS + SINGLE_OPENERS:
        close = next((c for c in range(j + 1, min(len(tokens), j + 8))
                      if tokens[c].text in ALL_MARKS), None)
        return close - j + 1 if close is not None and close > j + 1 else 0
    return 1 if tok.is_alpha and tok.text.islower() and 2 <= len(tok.text) <= 4 and \
        tok.pos_ in ("PROPN", "NOUN", "X") else 0


def title_in_marks(tokens: list[Token], j: int, *, after_kind: bool = False) -> int:
    """Length of a publication's title in quotation marks at ``j`` (`„Die Zeit“`,
    `»Spiegel«`), else 0: up to five words that start with a capital, name something
    (a proper noun, an entity, or an article and a noun) and hold no verb, so `„Ja“` or a
    quoted sentence stays a quotation. ``after_kind``: the marks follow the kind of
    outlet (`die Zeitung „Weser-Bote“`), which says it is a name."""
    close = _outlet_name(tokens, j) if tokens[j].text in DOUBLE_OPENERS + SINGLE_OPENERS else 0
    inner = tokens[j + 1:j + close - 1]
    if not inner or len(inner) > 5 or not inner[0].text[:1].isupper() or \
            any(t.pos_ in ("VERB", "AUX") or t.text in ",.!?:;" for t in inner):
        return 0
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "MISC") for t in inner) or \
        (inner[0].lower_ in DETS and len(inner) > 1 and inner[-1].pos_ in ("NOUN", "PROPN"))
    return close if named or after_kind else 0


#: words that join two speakers into one (`Polizei und Staatsanwaltschaft`)
_COORDINATORS = frozenset(("und", "sowie"))


def speaker_after(tokens: list[Token]) -> tuple[list[Span], int]:
    """The speaker noun phrase at the start of ``tokens`` (after a cue verb).

    Returns:
        ``([span], index after the phrase)`` or ``([], 0)`` when none starts there.
    """
    if not tokens:
        return [], 0
    if any(t.is_space for t in tokens):  # `Alfredo Pérez  sagte`: a double space
        kept = [t for t in tokens if not t.is_space]
        spk, n = speaker_after(kept)
        return spk, (tokens.index(kept[n - 1]) + 1 if n else 0)
    first = tokens[0]
    if (n := title_in_marks(tokens, 0)):  # `schrieb „Die Zeit“ in einem Nachruf`
        return [(first.idx, tokens[n - 1].idx + len(tokens[n - 1]))], n
    if first.lower_ in PRONOUNS - {"wir", "ich", "es"}:
        return [(first.idx, first.idx + len(first))], 1
    i = 0
    if first.lower_ in DETS:
        i = 1
        while i < len(tokens) and tokens[i].text[:1].islower() and _wordlike(tokens[i]) and \
                tokens[i].lower_ not in STOP_PREPS | DETS:
            i += 1  # adjectives: "der zuständige Minister"
    j = i
    genitive_end = -1  # a seat may follow the head noun or its genitive
    while j < len(tokens):
        tok = tokens[j]
        if j > i and tok.pos_ == "NOUN" and tokens[j - 1].pos_ == "NOUN" and \
                not is_role_word(tokens[j - 1].text) and \
                not (is_media_word(tok.text) or is_org_word(tok.text)):
            # `die Stadtverwaltung Kosten sparen`: the object, not a name; but the kind of
            # outlet or institution ends a name (`die Neue Osnabrücker Zeitung`)
            break
        if j > i and is_media_word(tokens[j - 1].text) and (n := _outlet_name(tokens, j)):
            j += n  # `die Nachrichtenagentur dpa`, `das Portal „Netzwelt“`
        elif j > i and is_org_word(tokens[j - 1].text) and tokens[j].text in DOUBLE_OPENERS and \
                (n := title_in_marks(tokens, j, after_kind=True)):
            j += n  # `die Organisation „DotAsia“`, `der Produktionsfirma „Shui Jing Shi“`
        elif is_name(tok) or (tok.text == "-" and j > i):
            j += 1
        elif tok.lower_ in NAME_LINKS - {"der", "des"} and j > i and j + 1 < len(tokens) and \
                is_name(tokens[j + 1]):
            j += 2  # "Ursula von der Leyen", "Bürgermeisterin von Leipzig"
        elif tok.lower_ in ("der", "des") and j > i and j + 1 < len(tokens) and \
                (is_role_word(tokens[j - 1].text) or is_org_word(tokens[j - 1].text) or
                 is_media_word(tokens[j - 1].text)) and \
                (m := _adjectives_end(tokens, j + 1)) < len(tokens) and is_name(tokens[m]):
            # a genitive after a role or an institution: `Sprecher der israelischen Armee`,
            # `der oberste Gerichtshof des Landes`; not after a name: `Keller der Zeitung`
            j = genitive_end = m + 1
        elif (n := _affiliation(tokens, j, seat=i > 0 and j in (i + 1, genitive_end))) and j > i:
            # "Ronny Tong von der Civic Party", "Der Bundesgerichtshof in Karlsruhe"; only
            # an institution with its article has a seat: in `sagte Blinken in Washington`
            # the place is where he spoke, not part of his name
            j += n
        else:
            break
    if j == i:
        return [], 0
    if j < len(tokens) and tokens[j].text == "(":  # `Angela Merkel (CDU) will …`
        close = next((c for c in range(j + 1, min(len(tokens), j + 8)) if tokens[c].text == ")"),
                     None)
        if close is not None:
            j = close + 1
    if j + 1 < len(tokens) and tokens[j].lower_ in _COORDINATORS and \
            (is_name(tokens[j + 1]) or tokens[j + 1].lower_ in DETS):
        # `laut AFP und Reuters`, `teilten die Polizei und die Staatsanwaltschaft mit`
        other, n = speaker_after(tokens[j + 1:])
        if other:
            j += 1 + n
    end_tok = tokens[j - 1]
    return [(tokens[0].idx, end_tok.idx + len(end_tok))], j


def subject_phrase(tokens: list[Token]) -> tuple[list[Span], int]:
    """The subject at the start of a clause, up to its finite verb: :func:`speaker_after`
    with a genitive attribute (`Die Verantwortlichen des Ministeriums`), an apposition
    between commas (`Die Regierungspartei, die Hamas,`: part of it) or a relative clause
    (`Die Stadt, die am Flughafen beteiligt ist,`: skipped).

    Returns:
        ``([span], index of the token after it)``, or ``([], 0)``.
    """
    spk, n = speaker_after(tokens)
    if not spk:
        return [], 0
    m = _adjectives_end(tokens, n + 1)  # `Die Führung der britischen Armee`
    if m < len(tokens) and tokens[n].lower_ in ("der", "des") and is_name(tokens[m]):
        gen, m = speaker_after(tokens[n:])
        if gen:
            n += m
            spk = [(spk[0][0], gen[0][1])]
    if n < len(tokens) and tokens[n].text == ",":
        close = next((c for c in range(n + 1, min(len(tokens), n + 20))
                      if tokens[c].text == ","), None)
        if close is not None and close > n + 1:
            inner = tokens[n + 1:close]
            if not any(t.pos_ in ("VERB", "AUX") for t in inner):
                last = tokens[close - 1]
                spk = [(spk[0][0], last.idx + len(last))]  # the apposition
                n = close + 1
                if n < len(tokens) and tokens[n].lower_ in _RELATIVE_AFTER_SUBJECT:
                    # and a relative clause after it: `X, Kommissar der EU, der dort weilt,`
                    end = next((c for c in range(n + 1, min(len(tokens), n + 25))
                                if tokens[c].text == ","), None)
                    if end is not None and any(t.pos_ in ("VERB", "AUX") for t in tokens[n:end]):
                        n = end + 1
            elif inner[0].lower_ not in _RELATIVE_AFTER_SUBJECT:
                return spk, n
            else:
                n = close + 1
    return spk, n


_GENITIVE_DETS = frozenset(["des", "der", "eines", "einer"])


def _genitive_head(tokens: list[Token], i: int) -> int:
    """Start of the phrase that a genitive attribute starting at ``i`` belongs to: `Der
    Vorsitzende des Verbands`, `Ein Sprecher einer Initiative` (``i`` when there is none)."""
    if i < 2 or tokens[i].lower_ not in _GENITIVE_DETS or not tokens[i - 1].text[:1].isupper() \
            or not tokens[i - 1].is_alpha:
        return i
    j = i - 1
    while j > 0 and _wordlike(tokens[j - 1]) and tokens[j - 1].text.islower() and \
            tokens[j - 1].lower_ not in DETS | STOP_PREPS:
        j -= 1  # adjectives: `Der stellvertretende Vorsitzende`
    return j - 1 if j > 0 and tokens[j - 1].lower_ in DETS else i


def _in_adverbial(tokens: list[Token], i: int) -> bool:
    """True when the genitive phrase starting at ``i`` hangs on a noun inside a fronted
    prepositional phrase (`Zur technischen Ausstattung der Raumschiffe sagte Liwei`): then
    the subject follows the cue verb."""
    if i < 2 or tokens[i].lower_ not in _GENITIVE_DETS or not tokens[i - 1].text[:1].isupper():
        return False
    j = i - 2
    while j >= 0 and tokens[j].is_alpha and tokens[j].text.islower() and \
            tokens[j].lower_ not in DETS | STOP_PREPS:
        j -= 1  # adjectives of the noun the genitive hangs on
    if j >= 0 and tokens[j].lower_ in DETS:
        j -= 1
    return j >= 0 and tokens[j].lower_ in STOP_PREPS


#: sentence adverbs between a subject and its verb (`Die Gewerkschaft hingegen sagte`) or
#: between a cue verb and its subject (`sagte gestern Müller`): not part of either
CLAUSE_ADVERBS = frozenset(
    "hingegen dagegen jedoch aber allerdings indes indessen wiederum selbst ebenfalls auch "
    "zudem außerdem daraufhin damals gestern heute nun jetzt bereits schon inzwischen schließlich "
    "zuvor später dann erneut nochmals bislang bisher kürzlich zuletzt ebenso wörtlich".split()
)


def skip_adverbs(tokens: list[Token], i: int) -> int:
    """Index of the first token at or after ``i`` that is no sentence adverb or reflexive
    (`äußerte sich Bauer`, `sagte gestern die Ministerin`)."""
    while i < len(tokens) - 1 and (tokens[i].lower_ in CLAUSE_ADVERBS or tokens[i].lower_ == "sich"):
        i += 1
    return i


def adverbial_prefield(tokens: list[Token]) -> bool:
    """True when ``tokens`` (all that stands before the finite verb of a main clause) start
    with a preposition: a prepositional phrase fills the slot before the verb, so the
    subject follows it (`Bezüglich der Ursache meldete die Agentur`, `Um 10 Uhr schrieb X`)."""
    if tokens and len(tokens) <= 3 and all(t.pos_ in ("ADV", "ADJ", "ADP", "DET") or
                                           t.lower_ in ("weiteren", "übrigen") or
                                           t.lower_.endswith(("gemäß", "weise")) for t in tokens):
        return True  # an adverb: `Offiziell geht die Regierung davon aus`, `Des Weiteren …`
    return bool(tokens) and tokens[0].pos_ == "ADP" and tokens[0].text[:1].isupper() and \
        tokens[0].lower_ not in ("laut", "gemäß") and not tokens[0].ent_type_  # `Von der Leyen`


def existential(toks: list[Token], k: int) -> bool:
    """True for the `gibt` of `Es gibt Zweifel daran, ob …`: what follows is no subject."""
    return toks[k].lower_ in ("gibt", "gab") and k > 0 and toks[k - 1].lower_ == "es"


def prefield_speaker(tokens: list[Token], after: list[Token]) -> list[Span]:
    """:func:`speaker_before` for all that stands before the finite cue verb of a main
    clause (``after``: what follows the verb up to the content), none when that is a
    prepositional phrase and a subject follows the verb (`Bezüglich der Ursache meldete die
    Agentur, …`; but `Von der Leyen betonte, …`)."""
    if adverbial_prefield(tokens) and not any(t.text == "," for t in tokens) and \
            speaker_after(after[skip_adverbs(after, 0):])[0]:
        return []
    return speaker_before(tokens)


#: a time phrase between a subject and its verb at the end of a clause (`Als X am Sonntag
#: sagte`, `X hatte im Mai erklärt`): not part of the subject
_TIME_PHRASE = re.compile(
    r"(?:am|im|an|zum|seit)\s+(?:\w+\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|"
    r"Samstag|Sonnabend|Sonntag|Wochenende|Vormittag|Nachmittag|Abend|Morgen|Mittag|"
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jahr|Anfang|Ende)(?:abend|morgen|nachmittag)?$")


def speaker_before(tokens: list[Token]) -> list[Span]:
    """The speaker noun phrase ending ``tokens`` (before a cue verb or a colon)."""
    tokens = [t for t in tokens if not t.is_space]  # `Alfredo Pérez  sagte`
    if len(tokens) > 3:
        tail = " ".join(t.text for t in tokens[-3:])
        m = _TIME_PHRASE.search(tail)
        if m and (m.start() == 0 or tail[m.start() - 1] == " "):
            cut = len(tail[m.start():].split())
            inner = speaker_before(tokens[:-cut])
            if inner:
                return inner
    if len(tokens) > 1 and tokens[-1].lower_ in CLAUSE_ADVERBS:
        # `Die Gewerkschaft hingegen sagte`: only when the subject fills all before it
        k = len(tokens) - 1
        while k > 1 and tokens[k - 1].lower_ in CLAUSE_ADVERBS:
            k -= 1
        inner = speaker_before(tokens[:k])
        return inner if inner and inner[0][0] == tokens[0].idx else []
    if len(tokens) > 3 and tokens[-1].text == ",":
        # apposition: `Die Sprecherin der Feuerwehr, Jana Roth, sagte`
        inner = speaker_before(tokens[:-1])
        if not inner:
            # `Anna Roth, die lange geschwiegen hatte, sagte`: a relative clause between the
            # commas; the speaker stands before it
            p = max((i for i in range(len(tokens) - 1) if tokens[i].text == ","), default=-1)
            if p > 0 and tokens[p + 1].lower_ in RELATIVE_PRONOUNS - {"wer", "was"} and \
                    any(t.pos_ in ("VERB", "AUX") for t in tokens[p + 2:-1]):
                return speaker_before(tokens[:p])
            return []
        n = next(i for i, t in enumerate(tokens) if t.idx == inner[0][0])
        if n > 1 and tokens[n - 1].text != ",":
            # `Charles Bonnet, kanadischer General und Kommandeur des Einsatzes,`: a role
            # phrase with adjectives and `und` between the commas is the apposition too
            p = max((i for i in range(n) if tokens[i].text == ","), default=-1)
            middle = tokens[p + 1:n]
            if p > 0 and len(middle) <= 8 and all(
                    t.lower_ == "und" or (t.is_alpha and t.pos_ in ("ADJ", "NOUN", "PROPN"))
                    for t in middle) and any(is_role_word(t.text) for t in tokens[p + 1:-1]):
                n = p + 1
        if n > 1 and tokens[n - 1].text == ",":
            outer = speaker_before(tokens[:n - 1])
            if outer:
                return [(outer[0][0], inner[0][1])]
        return inner
    if tokens and tokens[-1].text in ALL_MARKS:
        # `Die Zeitung „Weser-Bote“ berichtet`, `„Die Zeit“ schrieb`
        o = next((i for i in range(len(tokens) - 2, max(-1, len(tokens) - 9), -1)
                  if tokens[i].text in DOUBLE_OPENERS + SINGLE_OPENERS), -1)
        kind = o > 0 and (is_media_word(tokens[o - 1].text) or is_org_word(tokens[o - 1].text))
        if o >= 0 and title_in_marks(tokens, o, after_kind=kind) == len(tokens) - o:
            end = tokens[-1].idx + len(tokens[-1])
            if o == 0:
                return [(tokens[0].idx, end)]
            if kind:
                head = speaker_before(tokens[:o])
                return [(head[0][0], end)] if head else [(tokens[o - 1].idx, end)]
        return []
    if tokens and tokens[-1].text == ")":  # "Anna Beispiel (SPD) sagte": with the party
        opening = max((i for i, t in enumerate(tokens) if t.text == "("), default=-1)
        if opening > 0 and len(tokens) - opening <= 8:
            inner = speaker_before(tokens[:opening])
            if inner and inner[-1][1] == tokens[opening - 1].idx + len(tokens[opening - 1]):
                return [(inner[0][0], tokens[-1].idx + 1)]
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
    if i >= 2 and tokens[i - 1].lower_ in _COORDINATORS and tokens[i - 2].text.endswith("-"):
        i -= 2  # `Das Bau- und Verkehrsministerium`: the truncated compound joins the noun
    k = i
    while k > 0 and tokens[k - 1].text[:1].islower() and _wordlike(tokens[k - 1]) and \
            tokens[k - 1].lower_ not in DETS | STOP_PREPS and not is_cue_word(tokens[k - 1].text):
        k -= 1  # adjectives before the noun
    if k > 0 and tokens[k - 1].lower_ in DETS:
        i = k - 1
    elif k < i and k > 0 and tokens[k - 1].lower_ in STOP_PREPS:
        # `In vielen Fällen warfen die Rebellen …`: an adverbial, not the subject; but `Der
        # Fraktionschef im niedersächsischen Landtag` is a role with its seat
        return _role_with_seat(tokens, k - 1, j)
    i = _genitive_head(tokens, i)
    if _in_adverbial(tokens, i):
        return []  # a genitive inside a fronted adverbial is not the subject
    p = i - 1 if i > 0 and tokens[i - 1].lower_ in ("von", "vom", "in", "aus", "für") else i
    if p == i:  # `Die Bundesministerin für Bildung und Forschung sagte`
        p = next((f for f in range(i - 1, max(0, i - 5), -1) if tokens[f].lower_ == "für"), i)
    if p < i and _affiliation(tokens, p) == j - p:
        # `Ein Sprecher vom Deutschen Roten Kreuz sagte`: the affiliation's holder before it
        head = speaker_before(tokens[:p])
        if head and head[-1][1] == tokens[p - 1].idx + len(tokens[p - 1]):
            return [(head[0][0], tokens[j - 1].idx + len(tokens[j - 1]))]
    if i > 0 and tokens[i - 1].lower_ in STOP_PREPS:
        # `In einem Brief an die Länder schrieb X`: an object, the subject follows
        return _role_with_seat(tokens, i - 1, j)
    end = tokens[j - 1].idx + len(tokens[j - 1])
    if i >= 2 and tokens[i - 1].lower_ in _COORDINATORS and \
            (is_name(tokens[i]) or tokens[i].lower_ in DETS):
        # `Sonia und Willy Bogner erklärten`, `Özcan Mutlu und Benedikt Lux prangerten`,
        # `Die IADB und der MIF geben bekannt`
        first = speaker_before(tokens[:i - 1])
        if first and first[-1][1] == tokens[i - 2].idx + len(tokens[i - 2]) and \
                not _in_adverbial(tokens, next(f for f, t in enumerate(tokens)
                                               if t.idx == first[0][0])):
            return [(first[0][0], end)]
    return [(tokens[i].idx, end)]


_SEAT_PREPS = frozenset("im beim am bei in an".split())


def _role_with_seat(tokens: list[Token], p: int, j: int) -> list[Span]:
    """The role phrase before the preposition at ``p`` with the phrase after it up to ``j``
    (`Die Leiterin der Delegation beim Klimagipfel`, `Der Fraktionschef im Landtag`), or
    none when no role noun heads it."""
    if tokens[p].lower_ not in _SEAT_PREPS or p == 0:
        return []
    head = speaker_before(tokens[:p])
    if not head or head[-1][1] != tokens[p - 1].idx + len(tokens[p - 1]) or \
            not any(is_role_word(t.text) for t in tokens[:p] if t.idx >= head[0][0]):
        return []
    return [(head[0][0], tokens[j - 1].idx + len(tokens[j - 1]))]


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


def genitive_chain(toks: list[Token], n: int) -> int:
    """End of the genitive attributes from ``n`` on that name a source: `des Presseamtes
    des Zivilschutzministeriums`, `einem Artikel der Nachrichtenagentur Reuters`."""
    # after a name a `der` starts the next phrase (`Auskunft der NASA der größte Teil`)
    while n < len(toks) and toks[n].lower_ in _GENITIVE_DETS and toks[n - 1].pos_ == "NOUN":
        m = _adjectives_end(toks, n + 1)  # `des russischen Zivilschutzministeriums`
        if m >= len(toks) or not is_name(toks[m]):
            break
        gen, k = speaker_after(toks[n:])
        if not gen:
            break
        n += k
    return n


def noun_phrase(doc: Doc, start: int, end: int, *, from_end: bool = False,
                source: bool = False) -> list[Span]:
    """Trim a matched stretch to the noun phrase at its start (or end); a ``source`` (after
    `laut`, `nach Angaben`) keeps its chain of genitives (`einem Artikel der Agentur dpa`)."""
    toks = tokens_in(doc, start, end)
    if from_end:
        return speaker_before(toks) or [strip_span(doc_text(doc), start, end)]
    spk, n = speaker_after(toks)
    if spk and source and (m := genitive_chain(toks, n)) > n:
        spk = [(spk[0][0], toks[m - 1].idx + len(toks[m - 1]))]
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
        if tokens[0].lower_ in STOP_PREPS or tokens[0].pos_ == "ADP":
            return []  # `sagte in einem Interview`: the dative belongs to the preposition
        tokens = tokens[1:]  # adverbs: `hierzu`
    if tokens and is_particle(tokens[-1].lower_):
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[0].lower_ not in DATIVE_DETS | {"gegenüber", "vor"} or \
            not tokens[-1].text[:1].isupper() or \
            any(t.lower_ in STOP_PREPS for t in tokens[1:]) or len(tokens) > 8:
        return []
    head = tokens[-1].lower_
    if (tokens[0].lower_ == "vor" and not (is_forum(head) or is_audience(head))) or (
            tokens[0].lower_ == "den" and not head.endswith("n")):
        return []  # `warnte vor einer Katastrophe`, `bestätigte den Zwischenfall`
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
    if len(tokens) >= 3 and tokens[0].lower_ == "an" and \
            tokens[-1].lower_ in ("gewandt", "gerichtet"):
        # `An die Gewerkschaften gewandt sagte Köhler, …`
        last = tokens[-2]
        return [(tokens[1].idx, last.idx + len(last))] if last.text[:1].isupper() else []
    return []


#: a pronominal adverb that ends the cue's clause and points to the content (`verwies
#: darauf, dass …`, `sprach davon, dass …`)
_PRONOMINAL_ADVERBS = frozenset("darauf davon darüber dafür dagegen daran damit".split())


def verb_complex(toks: list[Token], k: int, clause_end: int) -> list[Span]:
    """The cue verb with its auxiliary and separable particle, as the corpus marks cues:
    `hat … bestätigt`, `gab … an`, `wies darauf hin`."""
    tok = toks[k]
    cue = [(tok.idx, tok.idx + len(tok))]
    if k > 0 and _participle_shape(tok.lower_):  # `bestätigt`, `mitgeteilt`, `angekündigt`
        aux = next((t for t in reversed(toks[:k]) if t.lower_ in FINITE_AUX), None)
        if aux is not None:
            cue.insert(0, (aux.idx, aux.idx + len(aux)))
    last = toks[clause_end - 1] if clause_end - 1 > k else None
    if last is not None and last.lower_ in _PRONOMINAL_ADVERBS:
        cue.append((last.idx, last.idx + len(last)))  # `verwies darauf, dass`
    elif last is not None and (is_particle(last.lower_) or
                               last.lower_ in clause_particles(tok.lower_)):
        before = toks[clause_end - 2]
        if before.lower_.startswith(("dar", "davon")) and clause_end - 2 > k:
            # `wies darauf hin`, `geht davon aus`
            cue.append((before.idx, last.idx + len(last)))
        else:
            cue.append((last.idx, last.idx + len(last)))
    return cue


#: finite auxiliaries of the perfect and the passive that the corpus counts as part of a
#: cue (`hatte betont`, `wird zitiert`, `erklärt hat`); not the Konjunktiv `habe`/`sei`
_CUE_AUX = PERFECT_AUX | PASSIVE_AUX | frozenset("ist sind war waren".split())
_CLAUSE_BREAKS = frozenset(",;:()")
#: pronominal adverbs the corpus counts to the cue verb beside them
_CUE_ADVERBS = _PRONOMINAL_ADVERBS - {"dagegen"} | {"dazu"}  # (`sagte dagegen`: in contrast)
#: … of which these also stand right after the verb, pointing to the content
_CONTENT_ADVERBS = frozenset("damit darauf davon".split())


def _participle_shape(word: str) -> bool:
    """`betont`, `zitiert`, `angekündigt`, `vorgeworfen`: a past participle by its shape."""
    return len(word) > 4 and (word.endswith("iert") or (word.endswith(("t", "en")) and (
        word.startswith(("ge", "be", "er", "ver", "ent", "zer")) or
        any(word.startswith(p + "ge") for p in PARTICLES))))


def complete_cue(doc: Doc, cue: list[Span]) -> list[Span]:
    """The cue with the words the corpus counts to it: the finite auxiliary of a
    participle (`hatte … betont`, `betont hatte`, `wird … zitiert`), `worden`, an impersonal
    `Es` before a passive (`Es wird vermutet`), the reflexive (`äußerte sich`, `hat sich …
    geäußert`), a pronominal adverb (`forderte dazu auf`, `begründete damit, dass`) and
    `mit den Worten`; only within the cue's clause. Words next to each other become one
    span (`hatte betont`, not `hatte … betont`)."""
    if not cue:
        return cue
    toks = [t for a, b in cue for t in tokens_in(doc, a, b)]
    if not toks:
        return cue
    have = {t.i for t in toks}
    add: list[Token] = []
    sent = sentence_at(doc, toks[0].idx)
    sent_toks = (tokens_in(doc, *sent) if sent else []) or toks
    sent_start, sent_end = sent_toks[0].i, sent_toks[-1].i + 1
    participle = next((t for t in toks if _participle_shape(t.lower_)), None)
    i = participle.i + 1 if participle is not None else sent_end
    if i < sent_end and doc[i].lower_ == "worden":
        add.append(doc[i])  # `war vorgeworfen worden`
        i += 1
    if participle is not None and not any(t.lower_ in _CUE_AUX for t in toks):
        if i < sent_end and doc[i].lower_ in _CUE_AUX:
            add.append(doc[i])  # verb last: `wie er betont hatte`
        else:
            for j in range(participle.i - 1, max(sent_start, participle.i - 12) - 1, -1):
                w = doc[j]
                if w.text in _CLAUSE_BREAKS:
                    break
                if w.lower_ in _CUE_AUX:
                    add.append(w)
                    break
    if participle is not None:
        aux = [t for t in list(toks) + add if t.lower_ in _CUE_AUX and t.i < participle.i]
        if aux and any(doc[j].lower_ == "sich" for j in range(aux[0].i + 1, participle.i)):
            add += [doc[j] for j in range(aux[0].i + 1, participle.i) if doc[j].lower_ == "sich"]
    else:
        first = toks[0]
        if first.i + 1 < sent_end and doc[first.i + 1].lower_ == "sich" and \
                first.pos_ in ("VERB", "AUX"):
            add.append(doc[first.i + 1])  # `äußerte sich`, `stellte sich heraus`
    for t in [*toks, *add]:
        if t.lower_ in ("wird", "wurde") and t.i - 1 >= sent_start and \
                doc[t.i - 1].lower_ == "es" and \
                (t.i - 1 == sent_start or doc[t.i - 2].text in _CLAUSE_BREAKS):
            add.append(doc[t.i - 1])  # `Es wird vermutet, …`
    verbs = sorted((t for t in [*toks, *add] if t.pos_ in ("VERB", "AUX") or
                    t.lower_ in PARTICLES), key=lambda t: t.i)
    if verbs:
        first, final = verbs[0], verbs[-1]
        nxt = doc[first.i + 1] if first.i + 1 < sent_end else None
        if nxt is not None and (nxt.lower_ in _CONTENT_ADVERBS or (
                nxt.lower_ in _CUE_ADVERBS and nxt.i + 1 == final.i)):
            add.append(nxt)  # `begründete damit, dass`, `forderte dazu auf`
        prev = doc[final.i - 1]
        if final.i != first.i and prev.lower_ in _CUE_ADVERBS and prev.i > first.i:
            add.append(prev)  # `hat dazu aufgefordert`
    last = max(t.i for t in [*toks, *add])
    for j in range(last + 1, min(sent_end - 2, last + 8)):
        if doc[j].text in _CLAUSE_BREAKS:
            break
        if doc[j].lower_ == "mit" and doc[j + 1].lower_ == "den" and doc[j + 2].lower_ == "worten":
            add += [doc[j], doc[j + 1], doc[j + 2]]  # `lobte (sie) mit den Worten`
            break
    add = list({t.i: t for t in add if t.i not in have}.values())
    text = doc_text(doc)
    merged: list[Span] = []
    for a, b in sorted(cue + [(t.idx, t.idx + len(t)) for t in add]):
        if merged and not text[merged[-1][1]:a].strip():
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))  # `hatte betont`: one span
        else:
            merged.append((a, b))
    return merged


def object_phrase(toks: list[Token]) -> list[Token]:
    """The object between a cue and its particle, without the subject or adverbs around
    it: `warf (er) dem Minister (jetzt) vor` → `dem Minister`, `forderte die SPD im
    Bundestag auf` → `die SPD` (a prepositional phrase is no object)."""
    return _middle_object(toks)


#: capitalised sentence openers and time words that the name heuristics take for speakers
_NOT_SPEAKERS = frozenset(
    "weiteren gleichzeitig insgesamt zudem damit davon dabei dazu darüber daher deshalb dennoch "
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


#: pronouns that name no one: impersonal, interrogative or a free relative (`Wer glaubt, …`)
_NO_ONE = frozenset("man wer was jemand niemand welche welcher welches".split())


def _fronted_predicate(tok: Token) -> bool:
    """A capitalised participle or adjective alone before the verb (`Besorgt`, `Enttäuscht`,
    `Entsprechend`): how someone spoke, not who, even where the tagger took it for a place;
    a person's name (`Ernst`) stays a name."""
    word = tok.lower_
    return tok.text[:1].isupper() and tok.ent_type_ != "PER" and not is_first_name(tok) and \
        not is_common_noun(tok) and \
        ((word.endswith("t") and _participle_shape(word)) or
         (word.endswith("end") and len(word) > 6))


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
    if len(words) == 1 and words[0].lower() in _NO_ONE:
        return False  # impersonal or generic: names no one (`man` is a speaker once in the corpus)
    head = words[-1].strip(",.;:").lower()
    if head in STOP_PREPS | DETS | {"von"} or head in _NOT_SPEAKER_HEADS:
        return False  # cut-off phrases (`Angaben von`) and `mit den Worten`
    toks = [t for a, b in spans for t in tokens_in(doc, a, b) if not t.is_punct]
    if len(toks) == 1 and toks[0].pos_ in _NON_NAME_POS and not WEB_NAME.search(toks[0].text):
        return False  # (a website is a name: `GGG.at`, `bildblog.de`)
    if len(toks) == 1 and _fronted_predicate(toks[0]):
        return False  # `Besorgt äußerte sich X`, `Entsprechend äußerten sich X und Y`
    return sum(t.pos_ in ("VERB", "AUX") for t in toks) < 2


def _country_reports(doc: Doc, spk: list[Span], toks: list[Token], n: int) -> bool:
    """`Der Iran streitet dies ab`: a country speaks when its verb reports a speech act."""
    words = [t for t in toks if spk[0][0] <= t.idx < spk[0][1]]
    return any(t.ent_type_ == "LOC" for t in words) and \
        reports_speech_act(toks[n].lower_, [t.lower_ for t in toks[n + 1:]])


def clause_subject(doc: Doc, toks: list[Token], *, copula: bool = False,
                   coordinated: bool = False) -> list[Span]:
    """The subject of the main clause ``toks`` when it can speak (a person, an organisation,
    a role or a pronoun), before its finite verb or, after a fronted phrase, right behind
    it; else none. Used where a clause whose verb is no cue introduces a quotation with a
    colon (`Dabei griff sie den Präsidenten an:`, `Die Sängerin zur neuen Heimat:`) or
    precedes a Konjunktiv continuation (`X bedauerte die Entscheidung. Es seien …`)."""
    if not toks or toks[0].lower_ in ("es", "man", "wer", "was") or (
            toks[0].lower_ in ("das", "dies") and (len(toks) < 2 or toks[1].pos_ != "NOUN")):
        return []  # `Das ist …`, not `Das Robert-Koch-Institut sieht …`
    # a subject shared with a coordinated cue verb (`X biss den Mann und rief`) is known
    # to act; elsewhere it must be a person, organisation or role to speak
    agent = plausible_speaker if coordinated else can_speak
    copula = copula or coordinated
    spk, n = subject_phrase(toks)
    if spk and n < len(toks) and (agent(doc, spk) or _country_reports(doc, spk, toks, n)) and \
            (copula or toks[n].lower_ not in _COPULAS):
        nxt = toks[n]
        if nxt.pos_ in ("VERB", "AUX") and nxt.text[:1].islower():
            return spk  # subject, finite verb
        if nxt.pos_ == "ADP" and not any(t.pos_ in ("VERB", "AUX") for t in toks[n:]):
            return spk  # `Die Sängerin zur neuen Heimat:` (no verb at all)
    # verb second: `Dabei griff sie …`, `Zum Abschied sagte … `; the subject follows the verb
    v = next((i for i in range(1, min(len(toks), 6))
              if toks[i].pos_ in ("VERB", "AUX") and toks[i].text[:1].islower()), -1)
    if v < 1 or any(t.text == "," for t in toks[:v]):
        return []
    j = skip_adverbs(toks, v + 1)
    nxt = toks[j] if j < len(toks) else None
    if nxt is None or not (nxt.lower_ in PRONOUNS - {"es", "man"} or nxt.lower_ in ("der", "die")
                           or (nxt.ent_type_ == "PER" and is_name(nxt))):
        return []  # only a nominative can be the subject here (or a person's bare name)
    spk, _ = speaker_after(toks[j:])
    return spk if spk and agent(doc, spk) and (copula or toks[v].lower_ not in _COPULAS) else []


#: articles that may open a role in apposition (`, der Vorsitzende des Ausschusses`, `, ein
#: Anwalt der Kläger`, `Angaben von Peter Beck, dem Dekan`)
_APPOSITION_ARTICLES = frozenset("der die des dem den ein eine einem einer eines".split())


def role_apposition_end(toks: list[Token], j: int) -> int:
    """End (exclusive) of a role in apposition after a speaker's name at ``j`` (`, Chef von
    DotAsia.`, `, Präsident des Rates,`, `, ein Anwalt der Kläger`), else 0."""
    if j >= len(toks) - 1 or toks[j].text != ",":
        return 0
    head = j + 1
    if toks[head].lower_ in _APPOSITION_ARTICLES and head + 1 < len(toks):
        head = _adjectives_end(toks, head + 1)  # `, der frühere Präsident des Rates`
    if head >= len(toks) or not is_role_word(toks[head].text):
        return 0
    k = head + 1
    while k < len(toks) and k - j < 12 and toks[k].text not in (",", ".", "!", "?", "„", "»"):
        k += 1
    return k if all(t.is_alpha or t.text in ("-", "(", ")") for t in toks[j + 1:k]) else 0


def name_apposition_end(toks: list[Token], comma: int, *, content: bool = True,
                        final: bool = False) -> int:
    """Index of the comma closing a name in apposition that opens at ``comma`` (`, Hans
    Albers,`), else 0; with ``content`` the clause after it must still hold content, with
    ``final`` the name may also end the sentence (`sagte der Trainer, Michael Skibbe.`)."""
    stops = (",", ".", "!", "?") if final else (",",)
    close = next((c for c in range(comma + 1, min(len(toks), comma + 7)) if toks[c].text in stops),
                 len(toks) if final and len(toks) < comma + 7 else 0)
    inner = toks[comma + 1:close]
    if not close or (content and len(toks) - close < 4) or not inner or \
            not all(is_name(t) or t.lower_ in NAME_LINKS or t.text == "-" for t in inner) or \
            not (any(t.ent_type_ == "PER" for t in inner) or
                 (len(inner) >= 2 and is_first_name(inner[0]))):
        return 0  # a person's name, not the first of a list (`der Bürgermeister, Berlin, …`)
    return close


#: pronouns that are only nominative: right after the verb they are its subject
_NOMINATIVE_ONLY = frozenset(("er", "ich", "wir"))


def fronted_object_subject(doc: Doc, before: list[Token], after: list[Token],
                           verb: Token | None = None) -> list[Span]:
    """The subject right after the finite cue verb when the phrase before the verb is its
    object: `Die Bürger forderte er auf, …`, `Den Plan lehnte die Ministerin ab, …`,
    `Eine Verschiebung bezeichnete Conze als fatal, …`. Empty when the phrase before the
    verb may be its subject (`Der Minister kritisierte Müller`)."""
    if not before or not after or any(t.text in ",:;" for t in before):
        return []
    nxt = after[0]
    if nxt.lower_ in _NOMINATIVE_ONLY:
        return [(nxt.idx, nxt.idx + len(nxt))]
    spk, _ = speaker_after(after)
    if not spk:
        return []
    if before[0].lower_ in OBLIQUE_ARTICLES:
        return spk if can_speak(doc, spk) else []
    prefield = [(before[0].idx, before[-1].idx + len(before[-1]))]
    # a person's bare name after the verb and a thing before it; not where the verb takes a
    # person as object (`Kritiker werfen Obama vor`, `X beschuldigte General Prem`)
    names = [t for t in after if spk[0][0] <= t.idx < spk[0][1]]
    person_object = (verb is not None and takes_object_addressee(verb.lower_)) or \
        any(t.lower_ in ("vor", "auf") for t in after[len(names):])
    # (`Bürgermeisterin Anna Vogt`: a title before the name)
    if all(t.ent_type_ == "PER" or is_role_word(t.text) for t in names) and \
            any(t.ent_type_ == "PER" for t in names) and \
            not person_object and not can_speak(doc, prefield):
        return spk
    return []


def coordinated_subject(doc: Doc, toks: list[Token]) -> list[Span]:
    """The speaker of a cue verb right after `und` that shares its subject with the clause
    before (`Podolski war ebenfalls anwesend und sagte, …`, `Am Montag trat die Ministerin
    vor die Presse und erklärte: …`): that clause's subject when it can speak. ``toks`` are
    all tokens of the sentence before the cue; none when they do not end in `und`."""
    if len(toks) < 3 or toks[-1].lower_ != "und":
        return []
    first = toks[:-1]
    if any(t.text == "," for t in first):
        first = first[max(i for i, t in enumerate(first) if t.text == ",") + 1:]
        if first and first[0].lower_ in RELATIVE_PRONOUNS | {"dass", "ob", "weil", "als", "wenn"}:
            return []  # the `und` joins two verbs of a subordinate clause
    return clause_subject(doc, first, coordinated=True)


_COPULAS = frozenset("ist sind war waren sei bleibt blieb wird wurde scheint schien".split())


def can_speak(doc: Doc, spans: list[Span]) -> bool:
    """A phrase that can speak: a pronoun, a person or organisation, or a role noun (`die
    Sängerin`, `Experten`), not `Die Lage`."""
    if not plausible_speaker(doc, spans):
        return False
    toks = [t for a, b in spans for t in tokens_in(doc, a, b)]
    return any(t.lower_ in PRONOUNS or t.ent_type_ in ("PER", "ORG") or is_role_word(t.text)
               or is_org_word(t.text) or is_media_word(t.text) for t in toks)


#: modal verbs whose subject's own words a quoted verb phrase after them gives
_MODALS = frozenset("will wollte wollen wollten möchte möchten muss müsse müssen werde".split())


def subject_of_sentence(doc: Doc, f: Found) -> None:
    """`Die Veranstalter sprachen von der „größten Demo“`: a quoted phrase inside a
    sentence whose subject reports it takes that subject as speaker and its verb as cue."""
    text = doc_text(doc)
    start = f.spans[0][0]
    toks = tokens_in(doc, boundary_near(text, start, -1), start)
    a = skip_adverbs(toks, 0) if len(toks) > 1 else 0  # `Auch der Schiedsrichter sprach …`
    spk, n = subject_phrase(toks[a:])  # `Lothar Roth, Dezernent der Stadt, sprach von einer „…“`
    n += a
    if not spk or n >= len(toks) or not plausible_speaker(doc, spk):
        # verb second: `In dem Verfahren sieht Osterloh einen „Angriff“`, `Ursprünglich
        # wollte er „…“`: the subject right after the first verb, none after a comma
        n = next((i for i in range(1, min(len(toks), 12)) if toks[i].pos_ in ("VERB", "AUX")
                  and toks[i].text[:1].islower()), -1)
        if n < 1 or any(t.text in ",:;" for t in toks[:n]):
            return
        j = skip_adverbs(toks, n + 1)
        if j >= len(toks) or not (toks[j].lower_ in PRONOUNS - {"es", "man"} or
                                  toks[j].lower_ in ("der", "die") or is_name(toks[j])):
            return  # only a nominative can be the subject here
        spk, _ = speaker_after(toks[j:])
        if not spk or not can_speak(doc, spk):
            return
    verb = toks[n]
    if verb.text[:1].islower() and (is_cue_word(verb.text) or reports_speech_act(verb.lower_)):
        f.speaker = spk
        if not f.cue:
            f.cue = [(verb.idx, verb.idx + len(verb))]
    elif verb.lower_ in _MODALS and re.search(r"[a-zäöü](?:en|ern|eln)\W*$", text[f.spans[0][0]:
                                                                            f.spans[-1][1]]):
        # `X will „in den kommenden Wochen noch einmal prüfen“`: the words are the
        # subject's own plan; the modal reports nothing, so there is no cue
        f.speaker = spk


_PARTICLE_RE = re.compile(r"\s+(" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")\b")


def frame_with_punctuation(text: str, frame: Span, quote: list[Span]) -> Span:
    """The frame as the corpus marks it: with the verb particle it may have missed
    (`teilte X mit`) and the comma, colon or full stop that delimits it (`, sagte er.`)."""
    s, e = frame
    while e > s and text[e - 1].isspace():
        e -= 1
    m = _PARTICLE_RE.match(text, e)
    if m and not any(a <= m.start(1) < b for a, b in quote):
        e = m.end()
    after = re.match(r"\s*([,:])", text[e:e + 3])  # not the full stop: 4 in 5 frames end before it
    if after and not any(a <= e + after.start(1) < b for a, b in quote):
        e += after.end()
    before = re.search(r"([,–])\s*$", text[max(0, s - 3):s])
    if before and not any(a < s <= b for a, b in quote):
        s -= len(before.group(0))
    return s, e


def final_frame(doc: Doc, frame: Span, later: list[int]) -> Span:
    """A frame after its quotation runs to the end of its sentence, without the closing
    stop (`…, schrieb Papier in einem Gastbeitrag`, `…, sagte die Anwältin weiter`): so the
    corpus marks 9 in 10 of them. ``later``: where other quotations start; the frame ends
    before them."""
    s, e = frame
    sent = sentence_at(doc, s)
    if sent is None or e >= sent[1]:
        return frame
    end = min([sent[1], *(p for p in later if p >= e)])
    rest = doc_text(doc)[e:end]
    if any(c in rest for c in ":;") or any(m in rest for m in ALL_MARKS - {"'"}):
        return frame  # another clause or a quotation follows
    return s, e + len(rest.rstrip().rstrip(".!?").rstrip())


# ------------------------------------------------------------------ addressees around a cue

_PASSIVE_AUX = PASSIVE_AUX | {"worden"}
_SUBJECT_OR_OBJECT_DETS = frozenset("der die das den ein eine einen".split())
_DATIVE_ONLY = frozenset(["dem", "einem", "ihm", "ihnen"])
#: `sich wandte an X`, `appellierte an X`: the `an` phrase is whom the speaker addressed
_TURNS_TO = ("appellier", "wandte", "wandten", "wendet", "richtete", "richteten")


def _object_np(toks: list[Token], i: int, *, von: bool = True) -> int:
    """End index of the noun phrase starting at ``i`` (an article, numbers and adjectives,
    names or nouns, a title in marks, a genitive or, with ``von``, a `von` attribute);
    ``i`` when none."""
    n = len(toks)
    j = i
    if j < n and (toks[j].lower_ in DETS or toks[j].lower_ in ("ihren", "seinen", "unseren")):
        j += 1
    while j < n and (toks[j].like_num or (toks[j].is_alpha and toks[j].text[:1].islower()
                                          and toks[j].lower_ not in STOP_PREPS | DETS
                                          and toks[j].pos_ in ("ADJ", "NUM", "ADV"))):
        j += 1  # `den 18 Mitarbeitern`, `der versammelten Presse`
    start = j
    if j < n and toks[j].text in ("„", "»", '"'):
        close = next((c for c in range(j + 1, min(n, j + 8)) if toks[c].text in ("“", "«", '"')),
                     None)
        if close is None:
            return i
        j = close + 1
    while j < n and (is_name(toks[j]) or (toks[j].text == "-" and j > start)) and \
            not is_cue_word(toks[j].text):
        if j > start and toks[j].pos_ == "NOUN" and toks[j - 1].pos_ in ("NOUN", "PROPN") and \
                not toks[j].ent_type_:
            break  # `die Organisationen Bürger`, `dem Händler Betrug`: two phrases, not a name
        j += 1
    if j == start:
        return i
    if j < n and toks[j].text in ("„", "»") and toks[j - 1].pos_ == "NOUN":
        close = next((c for c in range(j + 1, min(n, j + 8)) if toks[c].text in ("“", "«")), None)
        if close is not None:
            j = close + 1  # `der Zeitung „Die Welt“`
    if j + 1 < n and toks[j].lower_ in ("der", "des") and is_name(toks[j + 1]):
        k = _object_np(toks, j)  # `die Mitgliedsstaaten der Europäischen Union`
        j = k if k > j else j
    elif von and j < n and toks[j].lower_ in ("von", "vom") and (m := _affiliation(toks, j)):
        j += m  # `die Regierung von Myanmar`
    return j


_OBJECT_PRONOUNS = frozenset(["ihn", "ihm", "ihnen"])


def _middle_object(toks: list[Token]) -> list[Token]:
    """The first noun phrase in ``toks`` (a middle field without the speaker) that no
    preposition governs and that is no subject pronoun: `die Militärjunta` in `die
    Militärjunta bei der Kundgebung dazu`, `dem Minister` in `dem Minister Versagen` (the
    dative comes before the accusative)."""
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.lower_ in STOP_PREPS or t.pos_ == "ADP":
            i = max(_object_np(toks, i + 1), i + 1)  # a prepositional phrase
            continue
        if t.lower_ in _OBJECT_PRONOUNS:
            return [t]
        end = _object_np(toks, i) if t.lower_ not in PRONOUNS else i
        if end > i:
            return toks[i:end]
        i += 1
    return []


def _span(toks: list[Token]) -> list[Span]:
    return [(toks[0].idx, toks[-1].idx + len(toks[-1]))] if toks else []


def _cue_region(doc: Doc, f: Found) -> tuple[list[Token], int] | None:
    """The tokens of the frame around the cue verb of ``f`` (its sentence without the
    quotation, which a report's sentence is), and the index of the verb among them."""
    from zitat.nlp.quotes.spans import sentence_at

    cue = [t for a, b in f.cue for t in tokens_in(doc, a, b)]
    verb = next((t for t in cue if t.is_alpha and t.text[:1].islower() and
                 t.lower_ not in _PASSIVE_AUX | FINITE_AUX and not is_particle(t.lower_)), None)
    if verb is None:
        return None
    sent = sentence_at(doc, verb.idx)
    if sent is None:
        return None
    toks = tokens_in(doc, *sent)
    quote = [] if f.type == "Reported" else f.spans
    inside = [any(a <= t.idx < b for a, b in quote) for t in toks]
    vi = next((i for i, t in enumerate(toks) if t.i == verb.i), None)
    if vi is None or inside[vi]:
        return None
    lo, hi = vi, vi + 1
    while lo > 0 and not inside[lo - 1] and toks[lo - 1].text not in ("„", "“", "»", "«", '"'):
        lo -= 1
    while hi < len(toks) and not inside[hi]:
        if toks[hi].text in ("„", "»", '"'):
            # a title in marks (`der „Berliner Zeitung“`) belongs to the frame, a quotation not
            close = next((c for c in range(hi + 1, min(len(toks), hi + 8))
                          if toks[c].text in ("“", "«", '"')), None)
            if close is None or any(inside[hi:close + 1]):
                break
            hi = close
        hi += 1
    return toks[lo:hi], vi - lo


def addressee_near_cue(doc: Doc, f: Found) -> tuple[list[Span], list[Span] | None]:
    """Whom the statement ``f`` was addressed to, found in the frame around its cue, and a
    corrected speaker when the rules took the addressee for it (else None).

    `gegenüber der Zeitung`, `in einem Interview mit dem Sender`, `sagte vor der Presse`,
    `sagte zur Sportschau`, `appellierte an die Lehrkräfte`, `sagte er der Zeitung`,
    `warf der Regierung vor`, `forderte die Stadt auf`, and in the passive `Dem Minister
    wird vorgeworfen, …` (the speaker only in a `von` phrase; the auxiliary joins the cue)."""
    if not f.cue and f.type == "Reported":
        # a report has no cue in the corpus; its reporting verb (and particle) stands in
        words = [t.lower_ for a, b in f.spans for t in tokens_in(doc, a, b) if t.is_alpha]
        toks_q = [t for a, b in f.spans for t in tokens_in(doc, a, b)]
        verb_q = next((t for t in toks_q if t.text[:1].islower() and t.is_alpha and (
            reports_speech_act(t.lower_, words) or is_cue_word(t.text))), None)
        if verb_q is None:
            return [], None
        cue = [(verb_q.idx, verb_q.idx + len(verb_q))]
        end_q = [t for t in toks_q if not t.is_punct]
        if end_q and is_particle(end_q[-1].lower_) and end_q[-1].i > verb_q.i:
            cue.append((end_q[-1].idx, end_q[-1].idx + len(end_q[-1])))
        f = Found(type=f.type, spans=f.spans, cue=cue, speaker=f.speaker)
    found = _cue_region(doc, f)
    if found is None:
        return [], None
    toks, k = found
    verb = toks[k]
    n = len(toks)
    speaker = {t.i for a, b in f.speaker for t in tokens_in(doc, a, b)}
    fixed = _object_as_speaker(doc, toks, k, speaker) if speaker else None
    if fixed is not None:
        return fixed
    new_speaker: list[Span] | None = None
    if not speaker and k > 0 and k + 1 < n and toks[k + 1].lower_ not in \
            _DATIVE_ONLY | {"den", "einen", "es"} and is_cue_word(verb.text) and \
            not existential(toks, k):
        # `So riet die Ministerin dem Verband, …`: the subject after the verb
        after_spk, _ = speaker_after(toks[k + 1:])
        if after_spk and plausible_speaker(doc, after_spk) and \
                not is_audience(toks[k + 1].lower_):
            new_speaker = after_spk
            speaker = {t.i for a, b in after_spk for t in tokens_in(doc, a, b)}
    adr, spk = _addressee(doc, f, toks, k, speaker)
    return adr, spk if spk is not None else new_speaker


def _object_as_speaker(doc: Doc, toks: list[Token], k: int, speaker: set[int]
                       ) -> tuple[list[Span], list[Span]] | None:
    """(addressee, speaker) when the rules took an object of the cue for its speaker: `Die
    Landrätin sagte der Zeitung`, `Politiker haben der Ministerin vorgeworfen`, `Der Politik
    schlug er vor`, `sagte Reportern`; None when the speaker stands."""
    verb = toks[k]
    if not (is_cue_word(verb.text) or takes_zu_infinitive(verb.lower_)):
        return None
    first, last = doc[min(speaker)], doc[max(speaker)]
    old = [(first.idx, last.idx + len(last))]
    pos = next((i for i, t in enumerate(toks) if t.i == first.i), None)
    if pos is None:
        return None
    front = speaker_before(toks[:k]) if k > 0 else []
    if pos == k + 1 and k > 0:
        # a dative after the verb while the subject stands before it
        if front and front[0][0] == toks[0].idx and plausible_speaker(doc, front) and (
                first.lower_ in _DATIVE_ONLY or first.lower_ == "der" or (
                    len(speaker) == 1 and is_audience(first.lower_))) and \
                toks[0].lower_ not in _DATIVE_ONLY:
            return old, front
        if len(speaker) == 1 and is_audience(first.lower_):
            return old, front if front and plausible_speaker(doc, front) else []
        return None
    if pos > k:
        return None
    oblique = first.lower_ in _DATIVE_ONLY or (len(speaker) == 1 and is_audience(first.lower_))
    if pos == 0:
        # the object in front: `Der Politik schlug er vor`, `Dem Sender sagte sie`
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.lower_ in ("er", "sie", "man") and (
                oblique or first.lower_ in ("der", "den")):
            return old, [(nxt.idx, nxt.idx + len(nxt))]
        return None
    finite = pos - 1
    if toks[finite].lower_ not in FINITE_AUX or not (oblique or first.lower_ in ("der", "den")):
        return None
    # in the middle field after the auxiliary: the subject is the phrase in front of it
    pre = toks[:finite]
    if not pre or pre[0].lower_ in STOP_PREPS or pre[0].pos_ in ("ADV", "ADP") or \
            pre[0].lower_ in _NOT_SPEAKERS or any(t.text == "," for t in pre):
        return None
    subject, m = speaker_after(pre)
    if not subject or not plausible_speaker(doc, subject):
        return None
    if m < len(pre) and all(t.is_alpha or t.text == "-" for t in pre[m:]) and len(pre) <= 8:
        subject = _span(pre)  # `Politiker aus anderen Parteien`
    return old, subject


def _addressee(doc: Doc, f: Found, toks: list[Token], k: int, speaker: set[int]
               ) -> tuple[list[Span], list[Span] | None]:
    """:func:`addressee_near_cue` once the speaker is settled."""
    verb = toks[k]
    n = len(toks)
    free = [t.i not in speaker for t in toks]
    for i, t in enumerate(toks):
        w = t.lower_
        if not free[i]:
            continue
        if w == "gegenüber":
            end = _object_np(toks, i + 1)
            if end > i + 1:
                return _span(toks[i + 1:end]), None
            if i > 0 and toks[i - 1].lower_ in DATIVE_PRONOUNS:
                return _span([toks[i - 1]]), None
        elif w in ("mit", "an") and i > 0 and is_contact(toks[i - 1].lower_):
            end = _object_np(toks, i + 1)
            if end > i + 1:
                return _span(toks[i + 1:end]), None
        elif w == "vor" and i + 1 < n:
            end = _object_np(toks, i + 1)
            if end > i + 1 and is_forum(toks[end - 1].lower_):
                return _span(toks[i + 1:end]), None
        elif w == "an" and i > 0 and (toks[i - 1].lower_.startswith(_TURNS_TO) or (
                toks[i - 1].lower_ == "sich" and i > 1 and
                toks[i - 2].lower_.startswith(_TURNS_TO))):
            end = _object_np(toks, i + 1)
            if end > i + 1:
                return _span(toks[i + 1:end]), None
    if not (is_cue_word(verb.text) or addresses_passive_subject(verb.lower_) or
            takes_object_addressee(verb.lower_) or f.type == "Reported"):
        return [], None
    # the passive: `Dem Minister wird vorgeworfen`, `Anwohner wurden aufgefordert`
    aux = next((i for i in range(k) if toks[i].lower_ in _PASSIVE_AUX), -1)
    if aux >= 0 and addresses_passive_subject(verb.lower_):
        a = toks[aux]
        if not any(x <= a.idx < y for x, y in f.cue):  # the corpus' cue: `wird vorgeworfen`
            f.cue = sorted([*f.cue, (a.idx, a.idx + len(a))])
        spk: list[Span] = []
        for i in range(aux + 1, n):
            if toks[i].lower_ in ("von", "vom") and i + 1 < n:
                end = _object_np(toks, i + 1)
                if end > i + 1:
                    spk = _span(toks[i + 1:end])
                    break
        pre = toks[:aux]
        cut = max((x + 1 for x, t in enumerate(pre) if t.text in (":", ";")), default=0)
        pre = pre[cut:]
        if pre and pre[0].lower_ not in STOP_PREPS and pre[0].pos_ not in ("ADV", "ADP") and \
                pre[0].lower_ not in _NOT_SPEAKERS and (
                pre[0].lower_ in DETS | DATIVE_PRONOUNS or is_name(pre[0])) and \
                not any(t.lower_ in ("von", "vom") and x == 0 for x, t in enumerate(pre)):
            while pre and (pre[-1].is_punct or pre[-1].lower_ in ("jedoch", "aber", "nun")):
                pre = pre[:-1]
            return _span(pre), spk
        end = _object_np(toks, aux + 1, von=False)  # `von X` is who spoke
        if end > aux + 1 and toks[aux + 1].lower_ not in ("von", "vom", "es"):
            return _span(toks[aux + 1:end]), spk
        return [], spk
    after = k + 1
    while after < n and not free[after]:
        after += 1
    # `sagte (er) zur Sportschau`, `sagte der Richter zu Mair`: a person or an outlet, not
    # a topic (`sagte zur Lage`)
    for i in range(after, n):
        if toks[i].lower_ in ("zu", "zum", "zur") and verb.lower_.startswith("sag") and free[i]:
            end = _object_np(toks, i + 1)
            if end > i + 1 and (toks[end - 1].pos_ == "PROPN" or
                                is_media_word(toks[end - 1].text) or toks[end - 1].text == "“"):
                return _span(toks[i + 1:end]), None
        if toks[i].is_punct:
            break
    # the object of `forderte … auf`, `warf … vor`, `bat`, `hat … aufgefordert`: the last
    # noun phrase of the middle field that no preposition governs
    particle = next((i for i in range(n - 1, k, -1) if toks[i].lower_ in ("auf", "vor")
                     and any(a <= toks[i].idx < b for a, b in f.cue)), -1)
    finite = next((i for i in range(k - 1, -1, -1) if toks[i].lower_ in FINITE_AUX), -1)
    if particle > k or takes_object_addressee(verb.lower_) or (
            finite >= 0 and addresses_passive_subject(verb.lower_)):
        if particle > k:
            middle = toks[k + 1:particle]
        elif finite >= 0 and addresses_passive_subject(verb.lower_):
            middle = toks[finite + 1:k]  # `hat die Länder dazu aufgefordert`
        else:
            middle = toks[k + 1:next((i for i in range(k + 1, n) if toks[i].is_punct), n)]
        obj = _middle_object([t for t in middle if t.i not in speaker])
        if obj:
            return _span(obj), None
    # a dative right after the verb (and the speaker after it): `sagte er der Zeitung`,
    # `erklärte dem Sender`, `sagte SPIEGEL ONLINE`
    if f.type == "Reported" or not is_cue_word(verb.text):
        return [], None
    spk_before = bool(speaker) and min(speaker) < verb.i
    i = after
    while i < n and toks[i].is_alpha and toks[i].text[:1].islower() and \
            toks[i].lower_ not in DETS | STOP_PREPS | DATIVE_PRONOUNS and \
            toks[i].pos_ in ("ADV", "PART"):
        i += 1  # `sagte hierzu der Zeitung`
    if i >= n:
        return [], None
    w = toks[i].lower_
    end = _object_np(toks, i)
    head = next((t for t in toks[i + 1:end] if is_name(t)), None)
    dative = w in _DATIVE_ONLY or is_audience(w) or (
        w in ("den", "einer") and head is not None and head.lower_.endswith("n")) or (
        spk_before and w == "der") or (
        spk_before and is_name(toks[i]) and toks[i].pos_ == "PROPN" and
        end < n and toks[end].text in (",", ":"))
    if dative and (end > i or w in _DATIVE_ONLY):
        return _span(toks[i:max(end, i + 1)]), None
    return [], None
