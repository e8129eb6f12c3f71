"""The cue lexicon: words that introduce, report or attribute speech, writing and thought.

Every cue word lives in one data file, ``zitat/nlp/data/cues.tsv`` (its header explains the
columns): the form or stem, the particle it needs, the medium it signals and the
constructions it takes. This module reads it once and offers named checks
(:func:`is_cue_word`, :func:`takes_zu_infinitive`, :func:`reports_speech_act`, …); the
quotation rules ask these and hold no word list of their own. The medium of a quotation is
decided in :mod:`zitat.nlp.medium`, from the lexicon's medium column.

Word forms rather than lemmas, so the rules also work on a pipeline without a lemmatiser.
The Konjunktiv forms at the end are grammar, not cues, and stay here in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "cues.tsv"

#: how an entry meets the text (see the header of cues.tsv)
MATCHES = ("form", "weak", "stem", "part", "particle", "head", "compound")
#: media a cue may signal; a cue without one is Speech
MEDIA = ("Writing", "ST", "SW")
CONSTRUCTIONS = frozenset((
    "cue", "reported", "participle", "zu", "object", "clause", "stance", "past", "makes-known",
    "not-reflexive", "naming", "audience", "intent", "signal", "prefix",
    "preposition", "postposition", "as-clause", "impersonal", "source", "postposed",
    "addressed", "forum", "contact", "as-phrase",
))
#: what a cue says about the statement (the framing statistics; ``class`` column)
CUE_CLASSES: tuple[str, ...] = (
    "neutral", "distancing", "conceding", "emphatic", "critical", "demanding", "announcing",
    "denying", "thinking", "attribution", "other",
)
#: the order in which a cue's classes are tried: a marked verb before a neutral one
#: (`räumte … ein` is conceding although `räum…` could be anything), the preposition last
_CLASS_ORDER = ("distancing", "conceding", "denying", "emphatic", "critical", "demanding",
                "announcing", "thinking", "neutral", "attribution")
_COLUMNS = ("entry", "match", "particle", "medium", "constructions", "class")
#: the last column is optional (a row without a cue class has five)
_REQUIRED_COLUMNS = 5


@dataclass(frozen=True)
class CueEntry:
    """One row of the cue lexicon."""

    forms: tuple[str, ...]
    match: str
    particle: str
    medium: str
    constructions: frozenset[str]
    cue_class: str = ""


def parse_lexicon(lines: Iterable[str], source: str = "cues.tsv") -> list[CueEntry]:
    """Rows of a cue lexicon in the format of ``cues.tsv``, checked.

    Args:
        lines: the file's lines (comments and the header row are skipped).
        source: the name used in error messages.

    Returns:
        The entries in file order.

    Raises:
        ValueError: a row with the wrong number of columns or an unknown value.
    """
    entries = []
    for n, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#") or line.startswith(_COLUMNS[0] + "\t"):
            continue
        cols = line.split("\t")
        if not _REQUIRED_COLUMNS <= len(cols) <= len(_COLUMNS):
            raise ValueError(f"{source}:{n}: {len(cols)} columns, expected "
                             f"{_REQUIRED_COLUMNS} or {len(_COLUMNS)}")
        entry, match, particle, medium, constructions, cls = [*cols, ""][:len(_COLUMNS)]
        forms = tuple(f.strip() for f in entry.split(","))
        flags = frozenset(c.strip() for c in constructions.split(",") if c.strip())
        if not all(forms) or any(f != f.lower() for f in forms):
            raise ValueError(f"{source}:{n}: entry {entry!r} needs lower-case forms")
        if match not in MATCHES:
            raise ValueError(f"{source}:{n}: match {match!r} is none of {MATCHES}")
        if medium and medium not in MEDIA:
            raise ValueError(f"{source}:{n}: medium {medium!r} is none of {MEDIA}")
        if flags - CONSTRUCTIONS:
            raise ValueError(f"{source}:{n}: unknown constructions {sorted(flags - CONSTRUCTIONS)}")
        if particle and match not in ("form", "weak", "stem"):
            raise ValueError(f"{source}:{n}: only a form, stem or weak verb takes a particle")
        if cls and cls not in CUE_CLASSES:
            raise ValueError(f"{source}:{n}: class {cls!r} is none of {CUE_CLASSES}")
        entries.append(CueEntry(forms, match, particle, medium, flags, cls))
    return entries


def read_lexicon(path: Path = LEXICON_PATH) -> list[CueEntry]:
    """The entries of the cue lexicon file at ``path`` (see :func:`parse_lexicon`)."""
    with path.open(encoding="utf-8") as fh:
        return parse_lexicon(fh, source=path.name)


def weak_forms(stem: str) -> frozenset[str]:
    """Present and past forms of a weak verb from its stem (`forder` → `fordert`, …)."""
    if stem.endswith(("t", "d", "chn", "gn")):  # begründ-et, bezeichn-et
        return frozenset({f"{stem}et", f"{stem}en", f"{stem}ete", f"{stem}eten"})
    plural = f"{stem}n" if stem.endswith(("er", "el")) and stem[-3] != "i" else f"{stem}en"
    return frozenset({f"{stem}t", plural, f"{stem}te", f"{stem}ten"})


def _word_forms(entry: CueEntry) -> Iterable[str]:
    if entry.match == "weak":
        for stem in entry.forms:
            yield from sorted(weak_forms(stem))
    elif entry.match in ("form", "part"):
        yield from entry.forms


class Lexicon:
    """Look-up tables of a cue lexicon, by construction."""

    def __init__(self, entries: list[CueEntry]) -> None:
        self.entries = entries

    def forms(self, construction: str) -> frozenset[str]:
        """Word forms (of `form`, `part` and `weak` rows without a particle) that take
        ``construction``."""
        return frozenset(w for e in self.entries if construction in e.constructions
                         and not e.particle for w in _word_forms(e))

    def with_particle(self, construction: str) -> dict[str, tuple[str, ...]]:
        """Word form → the particles with which it takes ``construction``."""
        out: dict[str, tuple[str, ...]] = {}
        for e in self.entries:
            if construction in e.constructions and e.particle:
                for w in _word_forms(e):
                    out[w] = (*out.get(w, ()), e.particle)
        return out

    def stems(self, construction: str) -> tuple[str, ...]:
        """Stems (`stem` rows) that take ``construction``, in file order."""
        return tuple(s for e in self.entries if e.match == "stem" and
                     construction in e.constructions for s in e.forms)

    def particles(self, construction: str | None = None) -> frozenset[str]:
        """Separable particles (`particle` rows), those with ``construction`` if given."""
        return frozenset(p for e in self.entries if e.match == "particle" and
                         (construction is None or construction in e.constructions)
                         for p in e.forms)

    def pattern(self, construction: str, case: str = "either", compounds: bool = True) -> str:
        """A regular expression (a non-capturing group) for the entries that take
        ``construction``, in file order.

        ``case`` is the first letter's: ``either``, ``lower`` (a word inside a phrase) or
        ``capital`` (nouns). With ``compounds``, `head` nouns also match as the end of a
        compound and `compound` ones only there; without, both match the noun alone.
        """
        parts = []
        for e in self.entries:
            if construction not in e.constructions:
                continue
            for f in e.forms:
                first = {"lower": f[0], "capital": f[0].upper()}.get(case, f"[{f[0].upper()}{f[0]}]")
                if compounds and e.match in ("head", "compound"):
                    start = r"[\w\-]*" if e.match == "head" else r"[\w\-]+"
                    first = start + f"[{f[0].upper()}{f[0]}]"
                parts.append(first + re.escape(f[1:]))
        return "(?:" + "|".join(dict.fromkeys(parts)) + ")"

    def class_patterns(self) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
        """Per cue class (in the order they are tried), patterns over a cue's lower-case words.

        A `stem` or `weak` entry matches a word that starts with it, a `form` or `part`
        entry the whole word; the further words of a phrase (`nach angaben`) and the
        particle (`räum` + `ein`) must follow somewhere after it, each as a word start.
        """
        out = []
        for cls in _CLASS_ORDER:
            patterns = []
            for e in self.entries:
                if e.cue_class != cls:
                    continue
                for f in e.forms:
                    first, *rest = f.split(" ")
                    rest += e.particle.split() if e.particle else []
                    head = re.escape(first) + (r"\w*" if e.match in ("stem", "weak") else r"\b")
                    patterns.append(re.compile(
                        r"(?:^|\s)" + head + "".join(r"\b.*\b" + re.escape(w) for w in rest)))
            out.append((cls, tuple(patterns)))
        return tuple(out)

    def medium_marks(self, medium: str) -> tuple[tuple[str, str], ...]:
        """``(match, form)`` of the entries that signal ``medium``."""
        return tuple((e.match, f) for e in self.entries if e.medium == medium for f in e.forms)


LEXICON = Lexicon(read_lexicon())
_CLASS_PATTERNS = LEXICON.class_patterns()
_LOWER_WORD = re.compile(r"\w+")


def cue_class(cue: str | None) -> str | None:
    """The class of a cue text (`behauptete` → ``distancing``), ``None`` without a cue.

    From the ``class`` column of the lexicon; a cue that no classed entry matches is
    ``other``.
    """
    if not cue or not cue.strip():
        return None
    low = " ".join(_LOWER_WORD.findall(cue.casefold()))
    for cls, patterns in _CLASS_PATTERNS:
        if any(p.search(low) for p in patterns):
            return cls
    return "other"

#: finite forms that very often head speech reports (checked first, exact match)
SPEECH_VERBS = LEXICON.forms("cue")
_SPEECH_STEMS = LEXICON.stems("cue")
#: separable particles that complete a cue (`teilte … mit`, `fügte … hinzu`)
PARTICLES = LEXICON.particles()
#: particles that join a cue verb in a verb-final clause (`mitteilte`, `bekanntgab`)
_PREFIXES = tuple(sorted(LEXICON.particles("prefix")))
#: words that signal reported speech to the trained taggers (`laut`, `soll`)
SPEECH_SIGNALS = LEXICON.forms("signal")
_REPORTED = LEXICON.forms("reported")
_REPORTED_WITH_PARTICLE = LEXICON.with_particle("reported")
_PARTICIPLES = LEXICON.forms("participle")
_ZU = LEXICON.forms("zu")
_OBJECT = LEXICON.forms("object")
_CLAUSE_WITH_PARTICLE = LEXICON.with_particle("clause")
_STANCE = LEXICON.stems("stance")
_PAST = LEXICON.forms("past")
_MAKES_KNOWN = LEXICON.forms("makes-known")
_NOT_REFLEXIVE = LEXICON.forms("not-reflexive")
_NAMING = LEXICON.forms("naming")
_AS_PHRASE = LEXICON.forms("as-phrase")
_AUDIENCES = LEXICON.forms("audience")
_INTENT = LEXICON.forms("intent")
_ADDRESSED = LEXICON.forms("addressed")
_FORUMS = LEXICON.forms("forum")
_CONTACTS = tuple(sorted(LEXICON.forms("contact")))

#: patterns of the attribution words the quotation rules match in running text: `laut`,
#: `gemäß`, `nach` before the source; `zufolge` after it; `wie` of `wie X mitteilte`;
#: `heißt`/`hieß` of `heißt es`; the nouns of a source (`Angaben`, `Polizeiberichten`) and
#: those that take a postposed `nach` (`seiner Meinung nach`)
ATTRIBUTION_PREPOSITIONS = LEXICON.pattern("preposition")
ATTRIBUTION_POSTPOSITIONS = LEXICON.pattern("postposition", case="lower")
AS_CLAUSE = LEXICON.pattern("as-clause")
IMPERSONAL_CUES = LEXICON.pattern("impersonal", case="lower")
SOURCE_NOUNS = LEXICON.pattern("source", case="capital")
POSTPOSED_SOURCE_NOUNS = LEXICON.pattern("postposed", case="capital", compounds=False)


def is_particle(word: str) -> bool:
    """A separable particle that completes a cue (`mit` in `teilte … mit`); lower case."""
    return word in PARTICLES


def reports_speech_act(verb: str, words: Iterable[str] = ()) -> bool:
    """`kritisierte`, `befürchtet`, `gab … bekannt` (with its particle among ``words``): a
    verb that reports a speech act or stance without quoting its content; lower case."""
    return verb in _REPORTED or any(p in words for p in _REPORTED_WITH_PARTICLE.get(verb, ()))


def is_report_participle(word: str) -> bool:
    """`angekündigt`, `bekannt gegeben`: a participle reporting an act in the perfect."""
    return word in _PARTICIPLES


def takes_zu_infinitive(word: str) -> bool:
    """`kündigte (an), … anzutreten`: a cue whose content can be a zu-infinitive."""
    return word in _ZU


def takes_object_addressee(word: str) -> bool:
    """`drängte den Minister, …`: a cue whose object (without a particle) is the addressee."""
    return word in _OBJECT


def clause_particles(word: str) -> tuple[str, ...]:
    """The particles with which ``word`` takes a content clause (`geht … aus, dass`,
    `machte deutlich, …`); empty for the other words."""
    return _CLAUSE_WITH_PARTICLE.get(word, ())


def is_stance(verb: str) -> bool:
    """`befürchtet`, `geht (davon aus)`: a verb of stance rather than of a speech act."""
    return verb.startswith(_STANCE)


def is_strong_past(verb: str) -> bool:
    """`rief`, `sprach`: a strong past form of a reporting verb."""
    return verb in _PAST


def qualifies_as(word: str) -> bool:
    """`bezeichnete`, `wertet`, `wies`: a verb that quotes a qualification of its object
    after `als` (`wertete den Beschluss als „Fehler“`); lower case."""
    return word in _AS_PHRASE


def makes_known(word: str) -> bool:
    """`gab`, `wurde`: a verb with which `bekannt` is a cue (`gab … bekannt`)."""
    return word in _MAKES_KNOWN


def fails_with_sich(word: str) -> bool:
    """`ergibt sich`, `bestätigt sich`: a cue word that reports nothing when reflexive."""
    return word in _NOT_REFLEXIVE


def is_naming_verb(word: str) -> bool:
    """`genannt`, `bezeichnet`: names something (`wie X genannt wird`), reports nothing."""
    return word in _NAMING


def is_audience(word: str) -> bool:
    """`Reportern`, `Journalisten`: a plural dative naming an audience without an article;
    lower case."""
    return word in _AUDIENCES


def addresses_passive_subject(word: str) -> bool:
    """`vorgeworfen`, `aufgefordert`: a participle whose passive subject or dative is the
    addressee (`Dem Minister wird vorgeworfen, …`); lower case."""
    return word in _ADDRESSED


def is_forum(word: str) -> bool:
    """`Presse`, `Journalisten`: a noun after which `vor` names the audience (`sagte vor der
    Presse`); lower case."""
    return word in _FORUMS


def is_contact(word: str) -> bool:
    """`Interview`, `Telefongespräch`, `Brief`: a noun (or a compound ending in one) after which
    `mit`/`an` names the addressee (`in einem Interview mit der Zeitung`); lower case."""
    return word.endswith(_CONTACTS)


def expresses_intent(word: str) -> bool:
    """`will`, `wollen`: a modal of intent, reporting a plan (`Die SPD will …`). The past
    `wollte` is left out: it mostly narrates (`Am Sonntag wollte die Familie zurückkehren`);
    on the corpus' training split 2 of its 15 reports were annotated."""
    return word in _INTENT


_STEM_RE = re.compile(r"^(?:" + "|".join(sorted(_SPEECH_STEMS, key=len, reverse=True)) + r")")


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
    return any(w.startswith(p) and len(w) > len(p) + 3 and (
        is_cue_word(w[len(p):]) or p in _CLAUSE_WITH_PARTICLE.get(w[len(p):], ()))
        for p in _PREFIXES)  # `(wie er) ausführte`: `führte … aus` takes a clause


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
