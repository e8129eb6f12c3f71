"""German cue lexicon: verbs and phrases that introduce speech, writing or thought.

Word forms rather than lemmas, so the rules also work on a pipeline without a
lemmatiser. Medium follows the quotation corpus' labels (Speech, Writing, Thought and the
ambiguous ST/SW/TW).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_SPEECH_STEMS = (
    "sag", "erklär", "betont", "bekräftig", "versicher", "erläuter", "ergänz", "füg",
    "warn", "kritisier", "forder", "mein", "sprach", "sprech", "äußer", "antwort", "entgegn",
    "behaupt", "bestätig", "dementier", "kündig", "versprach", "versprech", "verkünd",
    "ruf", "rief", "appellier", "mahnt", "beklag", "lobt", "räumt", "räum", "gab", "gib",
    "bezeichnet", "nannt", "nenn", "unterstrich", "unterstreich", "hob", "heb", "stellt",
    "bekannt", "sagt", "zitier", "beton", "wies", "weis", "bericht", "meld", "teil",
    "kommentier", "bilanzier", "resümier", "argumentier", "begründ", "fragt", "frag",
    "beteuer", "verwies", "verweis", "drohte", "droht", "verlangt", "verlang", "plädier",
    "empfahl", "empfehl", "riet", "rät", "schildert", "berichtet", "gestand", "gesteh",
    "vermeld", "spekulier", "verlaut", "bekund", "ergab", "ergeb", "erzähl",
)
_WRITING_WORDS = (
    "schrieb", "schreibt", "schreiben", "schrieben", "geschrieben", "twitterte", "twittert",
    "postete", "postet", "veröffentlichte", "mitteilung", "brief", "erklärung", "bericht",
    "heißt es", "hieß es", "hiess es",
)
_THOUGHT_WORDS = (
    "glaubt", "glaubte", "glauben", "hofft", "hoffte", "hoffen", "befürchtet", "befürchtete",
    "fürchtet", "fürchtete", "denkt", "dachte", "überzeugt", "geht davon aus", "ging davon aus",
    "vermutet", "vermutete", "ist sicher", "zweifelt", "zweifelte",
)

#: finite forms that very often head speech reports (checked first, exact match)
SPEECH_VERBS = frozenset(
    """sagte sagten sagt sagen gesagt erklärte erklärten erklärt erklären betonte betonten
    betont bekräftigte versicherte erläuterte ergänzte fügte fügten warnte warnten warnt
    kritisierte kritisierten kritisiert forderte forderten fordert meinte meint sprach
    äußerte antwortete entgegnete behauptete behauptet bestätigte bestätigt dementierte
    kündigte kündigten verkündete versprach rief appellierte mahnte beklagte lobte räumte
    gab bezeichnete nannte unterstrich hob stellte teilte teilten teilt berichtete
    berichteten berichtet meldete meldet zitierte wies verwies begründete fragte beteuerte
    drohte verlangte plädierte empfahl riet schilderte gestand sagt's so lautet lautete
    beschrieb beschreibt würdigte würdigt skandierte skandierten schimpfte schimpft konterte
    erwiderte erwidert wetterte scherzte klagte klagt jubelte befürchten schätzt schätzen
    schätzte erhofft erhoffte erhoffen warf wirft werfen vorgeworfen beschuldigt beschuldigte
    beschuldigen angegeben aufgefordert""".split()
) | frozenset(_WRITING_WORDS[:8]) | frozenset(
    w for w in _THOUGHT_WORDS if " " not in w
)

#: separable particles that complete a cue (`teilte … mit`, `fügte … hinzu`)
PARTICLES = frozenset(
    "mit hinzu an aus fest vor zu ein bekannt heraus klar dar hin auf".split()
)

#: speaker-introducing prepositional cues: `laut X`, `X zufolge`, `nach Angaben von X`
PREP_CUES = ("laut", "zufolge", "nach angaben", "nach", "gemäß", "wie", "demnach")

KONJUNKTIV = frozenset(
    """sei seien seiest habe hätte hätten könne könnten müsse müssten solle sollten wolle
    wollten dürfe dürften möge werde würde würden wäre wären gebe gäbe liege stehe gehe
    komme bleibe wisse handle handele gelte bestehe fehle drohe brauche plane wolle lasse
    müsse trage sehe halte führe biete""".split()
)

#: lower-case words ending in -e that are no verbs (`er heute`, `sie gerne`)
_E_NON_VERBS = frozenset(
    """heute gerne ohne keine eine seine ihre deine meine unsere eure diese jene alle beide
    lange gerade ende bitte eher ebenfalls ferne nahe jede manche solche welche viele wenige
    mehrere andere einige""".split()
)
_SUBJECT_PRONOUNS = frozenset(("er", "sie", "es", "man"))


def konjunktiv_i_after_subject(words: list[str]) -> bool:
    """`man prüfe …`, `er plane …`, `die Regierung erwäge …`: a clause whose finite verb
    right after a third-person singular subject ends in -e, the Konjunktiv I that no
    indicative form shares (`prüft`, `plant`). ``words`` are the clause's first words."""
    if len(words) < 2:
        return False
    first = words[0].lower()
    if first in _SUBJECT_PRONOUNS:
        verb = words[1]
    elif first in ("der", "die", "das") and len(words) > 2 and words[1][:1].isupper():
        verb = words[2]
    else:
        return False
    return (verb.isalpha() and verb.islower() and len(verb) > 3 and verb.endswith("e")
            and verb not in _E_NON_VERBS)


def is_konjunktiv(token: Token) -> bool:
    """A spaCy token that is a Konjunktiv form: a listed form (`sei`, `hätte`), or an -e
    form of a finite verb that the tagger marks as present subjunctive (`ändere`) or that
    stands next to a third-person singular subject (`nehme er`, `er reiche`), where the
    indicative would end in -t."""
    w = token.lower_
    if w in KONJUNKTIV:
        return True
    if not (len(w) > 3 and w.endswith("e") and not w.endswith("te") and token.text.islower()
            and w.isalpha() and w not in _E_NON_VERBS and w != "wurde"  # the past indicative
            and token.pos_ in ("VERB", "AUX")):
        return False
    morph = token.morph
    # no Tense: the core model's form rule (stts_upos) set the Mood, not the morphologizer
    if morph.get("Mood") == ["Sub"] and morph.get("Tense") in (["Pres"], []):
        return True
    doc, i = token.doc, token.i
    return any(0 <= j < len(doc) and doc[j].lower_ in _SUBJECT_PRONOUNS for j in (i - 1, i + 1))


_STEM_RE = re.compile(r"^(?:" + "|".join(sorted(_SPEECH_STEMS, key=len, reverse=True)) + r")")


_PREFIXES = ("mit", "hinzu", "bekannt", "an", "aus", "klar", "fest", "dar", "vor", "zu")


@lru_cache(maxsize=65536)
def is_cue_word(word: str) -> bool:
    """True for inflected verbs of saying/writing/thinking (`sagte`, `erklärt`, `mitteilte`)."""
    w = word.lower()  # not casefold(): it turns ß into ss, and the lexicon has ß
    # present forms end in -t/-n, the weak past in -te (`kommentierte`); `bekannte` is the
    # adjective far more often than the verb
    if w in SPEECH_VERBS or (bool(_STEM_RE.match(w)) and len(w) > 3 and (
            w[-1] in "tn" or (w.endswith("te") and w != "bekannte"))
            and not w.endswith("haft")):  # `sagenhaft`, `fragwürdig` are adjectives
        return True
    if w.startswith("ge") and w.endswith("t") and len(w) > 6 and _STEM_RE.match(w[2:]) and \
            not w.startswith(("geräum", "gestellt")):  # those cue with a particle: `eingeräumt`
        return True  # the participle: `gewarnt`, `(mit)geteilt`
    # verb-final subordinate clauses join the separable prefix: "mitteilte", "bekanntgab"
    return any(w.startswith(p) and len(w) > len(p) + 3 and is_cue_word(w[len(p):])
               for p in _PREFIXES)


def medium_of(cue: str) -> str:
    """Medium label for a cue text, as the quotation corpus uses them.

    Counts on the corpus' training split decided the defaults: `sagte`, `so`, `wie`,
    `teilte … mit` are mostly Speech; `laut`, `nach Angaben`, `zufolge`, `demnach`,
    passive cues (`wurde … mitgeteilt`) mostly SW (speech or writing); `schrieb`,
    `berichtete`, `heißt es` Writing; `hofft`, `geht davon aus` ST (speech or thought).
    """
    c = cue.lower()
    first = c.split()[0] if c.split() else ""
    if any(w in c for w in ("schrieb", "schreib", "twitter", "postete", "veröffentlich", "heißt")):
        return "Writing"
    if first.startswith("bericht"):
        return "Writing"
    if any(w in c for w in _THOUGHT_WORDS) or first in ("geht", "gehen", "ging", "gingen", "hofft", "hoffte"):
        return "ST"
    if not c or first in ("laut", "nach", "zufolge", "gemäß", "demnach", "wonach", "wurde",
                          "wird", "wurden", "werden", "hieß", "bestätigte", "meldete", "meldet"):
        return "SW"
    return "Speech"
