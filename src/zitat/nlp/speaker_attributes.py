"""What the text says about each speaker: kind, role class, party and gender, with evidence.

A pure function over an article's text, entities and quotes (no Doc, no I/O beyond the
shipped lexicons), so the same rules run in the pipeline and over stored Article records.

* **kind** — ``organisation`` for ORG entities; for PER entities ``group`` when the name is
  a quantified or plural common noun (`Viele Anwohner`, `IT-Fachleuten`, `Datenschützer`),
  ``organisation`` when it names an institution (`Leipziger Verkehrsbetriebe`), else
  ``person``.
* **role_class** — from the role nouns and titles of the entity (``nlp/data/role_nouns.tsv``):
  the head noun's class, or for a generic head (`Sprecher`, `Chef`) the class of its
  modifier (`Polizeisprecher`, `SPD-Chef`, `Sprecher des Innenministeriums`); a named party
  alone gives ``politics``; an organisation's own name gives its class (`Polizei`).
* **party** — a party form (``nlp/data/parties.tsv``) in parentheses after a mention
  (`Katzian (SPÖ)`) or as the first part of a role compound (`Grünen-Politiker`).
* **gender** (persons only) — what the text marks: a gendered role noun (`Ministerin` f,
  `Minister` m), `Frau`/`Herr` before a mention, `er`/`sie` as the speaker of one of the
  entity's quotes; else a first name that Faker's lists give one gender
  (``nlp/data/first_names_gender.tsv.gz``). Conflicting evidence gives ``unknown``, so does
  none. A masculine role noun alone never outweighs a clearly female first name (it may be
  generic), and a plural is never a gender.

Every value carries the words it was read from (``Attribute.evidence``) and its rule.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from zitat.nlp.lexicon_features import FIRST_NAME, NOUN, PLACE, SURNAME, load_lexicon, word_class
from zitat.schema import Attribute, Entity, Quote

DATA = Path(__file__).resolve().parent / "data"
ROLE_CLASSES: tuple[str, ...] = (
    "politics", "government", "justice", "business", "science", "civil_society", "citizen",
    "media", "sport", "culture",
)
KINDS: tuple[str, ...] = ("person", "organisation", "group")
GENDERS: tuple[str, ...] = ("f", "m", "unknown")

_WORD_RE = re.compile(r"[\w\-’'/]+")
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{1,60})\)")
_PREV_WORDS = re.compile(r"((?:[\w\-.]+\s+){0,3})$")
_QUANTIFIERS = frozenset("viele einige zahlreiche alle mehrere manche andere beide die".split())
_GROUP_ENDINGS = ("leute", "leuten", "innen", "kräfte", "kräften")
#: determiners that make a noun singular (`ein Insider`, `dem Angeklagten`)
_SINGULAR_DETERMINERS = frozenset(("ein", "eine", "einem", "einer", "eines", "dem", "des"))
#: endings of plural agent nouns (`Experten`, `Beobachtern`, `Aktivisten`, `Kritiker`)
_AGENT_PLURALS = ("er", "ern", "en", "innen", "leute", "leuten")
#: endings of common nouns that name no agent (`Untersuchung`, `Produkte`)
_NON_AGENT_ENDINGS = ("ung", "ungen", "ion", "ionen", "heit", "heiten", "keit", "keiten",
                      "nis", "nisse", "ment", "mente", "ik", "tum", "zahlen")
_ORG_ENDINGS = ("werke", "betriebe", "versicherung", "gruppe", "holding", "konzern", "bank",
                "kasse", "bahn", "verband", "verbände", "ministerium", "amt", "behörde",
                "polizei", "gericht", "regierung", "kommission", "partei", "institut",
                "gewerkschaft", "verein", "stiftung", "agentur", "dienst", "universität",
                "klinik", "rat", "kammer", "zentrale", "fraktion", "senat", "ag", "gmbh",
                "behörden", "stadt", "zeitung", "fernsehen", "rundfunk", "gemeinde", "land", "länder", "staaten", "ministerien")
#: compound beginnings that name a level of government, not an organisation
_LEVEL_PREFIXES = frozenset(("bundes", "landes"))
#: organisation name parts → role class of the organisation
_ORG_CLASSES: tuple[tuple[str, str], ...] = (
    ("polizei", "justice"), ("staatsanwaltschaft", "justice"), ("gericht", "justice"),
    ("kripo", "justice"), ("ministerium", "government"), ("regierung", "government"),
    ("kommission", "government"), ("behörde", "government"), ("amt", "government"),
    ("verwaltung", "government"), ("rathaus", "government"), ("stadt", "government"),
    ("bundesheer", "government"), ("armee", "government"), ("militär", "government"),
    ("partei", "politics"), ("fraktion", "politics"), ("klub", "sport"),
    ("gewerkschaft", "civil_society"), ("verband", "civil_society"),
    ("kammer", "civil_society"), ("kirche", "civil_society"), ("caritas", "civil_society"),
    ("greenpeace", "civil_society"), ("amnesty", "civil_society"), ("ögb", "civil_society"),
    ("universität", "science"), ("institut", "science"), ("wifo", "science"),
    ("ihs", "science"), ("klinik", "science"), ("wetterdienst", "science"),
    ("bundesamt", "government"), ("konzern", "business"), ("bank", "business"),
    ("ag", "business"), ("gmbh", "business"), ("werke", "business"), ("betriebe", "business"),
    ("versicherung", "business"), ("holding", "business"), ("airline", "business"),
    ("zeitung", "media"), ("sender", "media"), ("magazin", "media"), ("orf", "media"),
    ("verein", "civil_society"), ("fc", "sport"), ("sk", "sport"),
    # public institutions whose head noun reads as business (`Weltbank`, `Rentenversicherung`)
    ("weltbank", "government"), ("zentralbank", "government"), ("notenbank", "government"),
    ("nationalbank", "government"), ("bundesbank", "government"),
    ("währungsfonds", "government"), ("rentenversicherung", "government"),
    ("pensionsversicherung", "government"), ("sozialversicherung", "government"),
    ("vereinigung", "civil_society"), ("nachrichtenagentur", "media"),
    ("fernsehen", "media"), ("rundfunk", "media"), ("wetterdienst", "science"),
)


@dataclass(frozen=True)
class RoleNoun:
    """One row of ``role_nouns.tsv``."""

    form: str
    type: str  # head | generic | modifier
    role_class: str
    gender: str
    inflected: bool = False  # found through a plural or oblique ending (`Experten`)


@lru_cache(maxsize=1)
def _role_table() -> tuple[dict[str, RoleNoun], dict[str, RoleNoun]]:
    heads: dict[str, RoleNoun] = {}
    modifiers: dict[str, RoleNoun] = {}
    for line in (DATA / "role_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, typ, cls, gender = [*line.split("\t"), "", "", ""][:4]
        (modifiers if typ == "modifier" else heads)[form] = RoleNoun(form, typ, cls, gender)
    return heads, modifiers


def role_nouns() -> dict[str, RoleNoun]:
    """The role nouns (head and generic rows): lower-case form → entry."""
    return _role_table()[0]


def role_modifiers() -> dict[str, RoleNoun]:
    """The compound modifiers (`polizei`, `regierungs`, `spd`): lower-case form → entry."""
    return _role_table()[1]


@lru_cache(maxsize=1)
def parties() -> dict[str, str]:
    """Party forms (case-sensitive) → canonical party name."""
    out: dict[str, str] = {}
    for line in (DATA / "parties.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, party = line.split("\t")[:2]
            out[form] = party
    return out


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name → ``f``/``m`` for names one gender clearly uses (built from Faker)."""
    with gzip.open(DATA / "first_names_gender.tsv.gz", "rt", encoding="utf-8") as fh:
        return dict(
            line.rstrip("\n").split("\t")[:2] for line in fh if not line.startswith("#")  # type: ignore[misc]
        )


def _modifier_class(part: str) -> str | None:
    """The class of a compound's first part (`polizei`, `spd`, `innenministeriums`).

    Also the class of an organisation's name word (`Stadtwerke`, `Weltbank`): there the
    last part of the compound is its head and decides (`Stadtwerke` are a business, not
    the city), so the longest known ending wins over the longest known beginning.
    """
    lex = role_modifiers()
    if part in parties() or part.upper() in parties() or part.capitalize() in parties():
        return "politics"
    low = part.casefold()
    entry = lex.get(low)
    if entry:
        return entry.role_class
    org_exact = dict(_ORG_CLASSES).get(low)
    if org_exact:
        return org_exact
    # (length, class) of the longest known ending, then of the longest known beginning
    endings = [(len(form), e.role_class) for form, e in lex.items()
               if len(form) >= 4 and low.endswith(form) and form not in _LEVEL_PREFIXES]
    endings += [(len(key), cls) for key, cls in _ORG_CLASSES
                if len(key) >= 4 and low.endswith(key)]
    if endings:
        return max(endings)[1]
    # `bundes`, `landes` only say on which level: `Bundesschulsprecher` is no government's
    beginnings = [(len(form), e.role_class) for form, e in lex.items()
                  if len(form) >= 4 and low.startswith(form) and form not in _LEVEL_PREFIXES]
    if beginnings:
        return max(beginnings)[1]
    for key, cls in _ORG_CLASSES:
        if len(key) >= 4 and key in low:
            return cls
    return None


#: endings of plural and oblique forms (`Experten`, `Studienautoren`, `Expertinnen`,
#: `des Präsidenten`), tried when the word itself is no entry; such a form marks no gender
_INFLECTED_ENDINGS = (("innen", "in"), ("en", ""), ("en", "e"), ("n", ""))


def _lookup_compound(low: str) -> tuple[RoleNoun, int] | None:
    """The entry ``low`` (lower case, no hyphen) ends in, and where that entry starts."""
    lex = role_nouns()
    for i in range(len(low)):
        entry = lex.get(low[i:])
        if entry is None:
            continue
        if 0 < i < 3:
            continue  # `Urkunde` is no `Kunde`: a compound part has three letters at least
        return entry, i
    return None


def role_noun(word: str) -> tuple[RoleNoun, str] | None:
    """The lexicon entry a capitalised word ends in, and what precedes it in the word.

    ``Bundesinnenministerin`` → (``ministerin``, ``bundesinnen``); ``SPD-Chef`` → (``chef``,
    ``SPD-``). Only a head or generic entry; the remainder must be empty, a hyphenated
    prefix or at least three letters of compound (so `Urkunde` is no `Kunde`). A plural or
    oblique form (`Experten`, `Ministerpräsidenten`, `Expertinnen`) finds its singular's
    entry with the gender left empty: it does not mark one person's gender.
    """
    if not word[:1].isupper():
        return None
    low = word.casefold()
    last = low.rsplit("-", 1)[-1]
    head_start = len(word) - len(last)
    found = _lookup_compound(last)
    if found is not None:
        entry, i = found
        return entry, word[: head_start + i]
    for ending, singular in _INFLECTED_ENDINGS:
        if not last.endswith(ending) or len(last) - len(ending) < 3:
            continue
        found = _lookup_compound(last[: len(last) - len(ending)] + singular)
        if found is not None:
            entry, i = found
            return replace(entry, gender="", inflected=True), word[: head_start + i]
    return None


#: hyphenated compound beginnings that name no organisation (`Ex-Präsident`)
_QUALIFIERS = frozenset(("ex", "vize", "co", "interims", "alt", "stv", "us", "top"))


def _is_place_or_qualifier(part: str) -> bool:
    """A compound part that names no organisation: a place (`US-`, `Tirol-`) or `Ex-`."""
    return part.casefold() in _QUALIFIERS or bool(word_class(load_lexicon(), part) & PLACE)


def _role_class_of(role: str) -> tuple[str, list[str]] | None:
    """The class of one role phrase and the words that gave it."""
    words = _WORD_RE.findall(role)
    for idx, w in enumerate(words):
        found = role_noun(w)
        if found is None:
            continue
        entry, prefix = found
        # a modifier decides for a generic head, and for a head whose compound names
        # another domain (`Polizeisprecher` is in the lexicon; `ÖVP-Minister` stays government)
        parts = [p for p in re.split(r"-", prefix) if p]
        if entry.type == "generic":
            for p in parts:
                cls = _modifier_class(p)
                if cls:
                    return cls, [w]
            # genitive complement: `Sprecher des Innenministeriums`, `Chef der Polizei`
            for comp in words[idx + 1: idx + 4]:
                if comp[:1].isupper():
                    cls = _modifier_class(comp) or (
                        "politics" if comp in parties() else None)
                    if cls:
                        return cls, [w, comp]
            # no modifier names the organisation: the generic's own class where it has
            # one (`Präsident` is a head of state, `UN-Präsident` is not), else unknown;
            # an organisation we cannot class (`ÖVGW-Präsident`) leaves it unknown too
            hyphenated = parts[:-1] if prefix and not prefix.endswith("-") else parts
            if any(not _is_place_or_qualifier(p) for p in hyphenated):
                return None
            return (entry.role_class, [w]) if entry.role_class else None
        return entry.role_class, [w]
    return None


def _parties_in(text: str) -> list[str]:
    """Party forms that are whole words of ``text`` (for parenthesis contents)."""
    found = []
    table = parties()
    for form, party in table.items():
        if re.search(rf"(?<![\w\-]){re.escape(form)}(?![\w])", text):
            found.append((form, party))
    # the longest form wins where forms overlap (`Grünen-Politiker` over `Grünen`)
    found.sort(key=lambda fp: -len(fp[0]))
    return [f"{form}\t{party}" for form, party in found]


def _party_prefix(word: str) -> str | None:
    """The party a role compound names first (`SPD-Chef`, `Grünen-Politikerin`)."""
    if "-" not in word:
        return None
    head = word.split("-")[0]
    return parties().get(head)


def _role_words_before(text: str, start: int) -> list[str]:
    """Up to three words right before a mention (`Innenministerin`, `Frau`, `SPÖ-Chef`)."""
    m = _PREV_WORDS.search(text[max(0, start - 80): start])
    return m.group(1).split() if m else []


def _is_plural_cue(cue: str | None) -> bool:
    """`sagten`, `erklären`: a cue whose finite verb is plural (so `sie` is `they`)."""
    if not cue:
        return False
    first = cue.split()[0].casefold()
    return (first.endswith("en") and not first.endswith("ieren")) or first in ("sind", "waren")


def _kind(ent: Entity, plural_speaker: bool = False, pronoun: bool = False,
          title: str | None = None, singular: str | None = None,
          plural_article: bool = False) -> Attribute | None:
    """Person, organisation or group; ``None`` where the name shows none of them.

    ``plural_article``: `die` right before a mention, which makes a masculine `-er` noun
    (`die Wissenschafter`, `die Agenturgründer`) a plural.

    The tagger's PER label alone is no proof (it calls `Novomatic` or `Stadt Salzburg` a
    person), so a person needs a sign: a first name, a role noun, a surname of the name
    lexicon, or `er`/`sie` as the speaker.
    """
    if ent.label == "ORG":
        return Attribute(value="organisation", evidence=[ent.name], rule="org_label")
    words = ent.name.split()
    low = [w.casefold() for w in words]
    last = words[-1] if words else ""
    if len(words) > 1 and low[0] in _QUANTIFIERS:
        if last.casefold().endswith(_ORG_ENDINGS):
            # `Viele Stadtwerke`: several organisations are organisations, not a group
            return Attribute(value="organisation", evidence=[words[0], last], rule="org_noun")
        return Attribute(value="group", evidence=[words[0], last], rule="quantifier")
    names = first_name_genders()
    lexicon = load_lexicon()
    # a first name before the last word (`Barbara` in `Psychotherapeutin Barbara Preitler`)
    first_is_name = any(w in names or bool(word_class(lexicon, w) & FIRST_NAME)
                        for w in words[:-1])
    if not ent.roles and not first_is_name:
        for w in words:
            if w in parties() and w[:1].isupper():
                # `die Wiener Grünen`: a party (or its branch) speaks as an organisation
                return Attribute(value="organisation", evidence=[w], rule="party_name")
        for w in words:
            if len(w) > 3 and w[:1].isupper() and w.casefold().endswith(_ORG_ENDINGS):
                return Attribute(value="organisation", evidence=[w], rule="org_noun")
    if last.casefold().endswith(_GROUP_ENDINGS):
        return Attribute(value="group", evidence=[last], rule="plural_noun")
    if len(words) == 1 and not ent.roles:
        cls = word_class(lexicon, last)
        if cls & PLACE and not cls & (FIRST_NAME | SURNAME):
            # a place that speaks stands for its government (`Moskau erklärte`)
            return Attribute(value="organisation", evidence=[last], rule="place_name")
        if (cls & NOUN and not cls & (FIRST_NAME | SURNAME)) or role_noun(last):
            low_last = last.casefold()
            found = role_noun(last)
            # a masculine `-er` noun reads the same in the plural: `die` tells it
            plural_er = bool(found and found[0].gender == "m" and low_last.endswith("er")
                             and plural_article)
            if found and found[0].gender and not plural_speaker and not plural_er:
                # `der Landeshauptmann`, `Regisseur`: one person named by a role
                return Attribute(value="person", evidence=[last], rule="role_noun")
            if low_last.endswith(_NON_AGENT_ENDINGS):
                return None  # `Ankündigung`, `Untersuchungen`: no speaker at all
            if singular and (found or low_last.endswith(_AGENT_PLURALS)):
                # `ein Insider`, `der Botaniker`, `dem Angeklagten`: one person
                return Attribute(value="person", evidence=[singular, last], rule="singular_noun")
            if found or low_last.endswith(_AGENT_PLURALS):
                return Attribute(value="group", evidence=[last], rule="plural_noun")
            return None
    if first_is_name:
        given_name = next(w for w in words[:-1]
                          if w in names or word_class(lexicon, w) & FIRST_NAME)
        return Attribute(value="person", evidence=[given_name], rule="first_name")
    if ent.roles:
        return Attribute(value="person", evidence=[ent.roles[0]], rule="role_noun")
    role_words = [w for w in words if role_noun(w)]
    inflected = role_noun(last)
    if inflected and inflected[0].inflected:
        # `Syrische Aktivisten`: a plural role noun names a group
        return Attribute(value="group", evidence=[last], rule="plural_noun")
    if role_words and not plural_speaker:
        return Attribute(value="person", evidence=role_words[:1], rule="role_noun")
    if title:
        return Attribute(value="person", evidence=[title], rule="title")
    if pronoun:
        return Attribute(value="person", evidence=[ent.name], rule="pronoun")
    if word_class(lexicon, last) & SURNAME and all(w[:1].isupper() for w in words):
        return Attribute(value="person", evidence=[last], rule="surname")
    return None


def _gender(ent: Entity, text: str, quotes: list[Quote],
            role_words: list[str]) -> Attribute:
    votes: list[tuple[str, str, str]] = []  # (gender, rule, word)
    for w in role_words:
        found = role_noun(w)
        if found and found[0].gender in ("f", "m"):
            votes.append((found[0].gender, "role_noun", w))
    for s, _ in ent.mentions:
        before = _role_words_before(text, s)
        if before and before[-1] in ("Frau", "Herr", "Herrn"):
            votes.append(("f" if before[-1] == "Frau" else "m", "title", before[-1]))
    for q in quotes:
        sp = q.speaker
        if sp is None or sp.entity != ent.id or not sp.spans:
            continue
        pron = sp.text.strip().casefold()
        if pron == "er":
            votes.append(("m", "pronoun", sp.text.strip()))
        elif pron == "sie" and not _is_plural_cue(q.cue.text if q.cue else None):
            votes.append(("f", "pronoun", sp.text.strip()))
    names = first_name_genders()
    # the first word before the surname that the list knows (`Barbara` after a role noun)
    first = next((w for w in ent.name.split()[:-1] if w in names
                  or w.split("-")[0] in names), "")
    name_gender = names.get(first) or (names.get(first.split("-")[0]) if "-" in first else None)
    if name_gender:
        votes.append((name_gender, "first_name", first))
    genders = {g for g, _, _ in votes}
    if len(genders) == 1:
        g = next(iter(genders))
        # the rule of the strongest evidence: what the text marks before the name lexicon
        rule = next(r for r in ("title", "role_noun", "pronoun", "first_name")
                    if any(rr == r for _, rr, _ in votes))
        return Attribute(value=g, evidence=list(dict.fromkeys(w for _, _, w in votes)), rule=rule)
    if len(genders) > 1:
        # the text (or the pipeline's pronoun link) disagrees with itself or with a clear
        # first name, or a masculine role noun may be generic: never guess
        return Attribute(value="unknown", evidence=list(dict.fromkeys(w for _, _, w in votes)),
                         rule="conflict")
    return Attribute(value="unknown", evidence=[], rule="none")


def speaker_attributes(text: str, ent: Entity, quotes: list[Quote]) -> dict[str, Attribute | None]:
    """Kind, role class, party and gender of one PER or ORG entity of an article.

    Args:
        text: the article text (offsets of ``ent.mentions`` point into it).
        ent: the entity.
        quotes: the article's quotes (pronoun speakers of the entity are gender evidence).

    Returns:
        ``{"kind", "role_class", "party", "gender"}`` → :class:`Attribute` or ``None``
        (no role class or party named; gender only for persons).
    """
    own = [q for q in quotes if q.speaker and q.speaker.entity == ent.id]
    plural = bool(own) and all(_is_plural_cue(q.cue.text if q.cue else None) for q in own)
    pronoun = any(q.speaker and q.speaker.text.strip().casefold() in ("er", "sie")
                  and not _is_plural_cue(q.cue.text if q.cue else None) for q in own)
    title = next((b[-1] for b in (_role_words_before(text, s) for s, _ in ent.mentions)
                  if b and b[-1] in ("Frau", "Herr", "Herrn")), None)
    singular = next((w for w in (q.speaker.text.split()[0] for q in own
                                 if q.speaker and q.speaker.text.split())
                     if w.casefold() in _SINGULAR_DETERMINERS
                     or (w.casefold() == "der" and not plural)), None)
    plural_article = any(b and b[-1].casefold() == "die"
                         for b in (_role_words_before(text, s) for s, _ in ent.mentions))
    kind = _kind(ent, plural, pronoun, title, singular, plural_article)
    # role phrases: the entity's roles, and a role noun or party compound right before a
    # mention (`ÖVP-Chef Mitterlehner`), which the speaker component keeps only for speakers
    role_words: list[str] = []
    roles = list(ent.roles)
    for s, _ in ent.mentions:
        before = _role_words_before(text, s)
        if before and role_noun(before[-1]) and before[-1] not in ent.name:
            roles.append(before[-1])
    if kind is not None and kind.rule == "role_noun":
        roles.append(ent.name)  # `der Landeshauptmann` speaks: the name is the role
    elif kind is not None and kind.value == "person" and len(ent.name.split()) > 1:
        # `Moldaus Regierungschef`, `Kurier-Fotograf Jürg Christandl`: a role noun the
        # entity's name kept
        # — but not the surname after a first name (`Tim Bauer`, `Anna Richter`)
        words = ent.name.split()
        roles += [w for i, w in enumerate(words) if role_noun(w)
                  and not (i == len(words) - 1 and kind.rule == "first_name")]
    for r in roles:
        role_words += [w for w in _WORD_RE.findall(r) if role_noun(w)]

    party_votes: list[tuple[str, str]] = []
    for w in _WORD_RE.findall(" ".join(roles)):
        p = _party_prefix(w)
        if p:
            party_votes.append((p, w))
    spans = list(ent.mentions) + [
        tuple(sp) for q in quotes if q.speaker and q.speaker.entity == ent.id
        for sp in q.speaker.spans[-1:]
    ]
    for _, e in spans:
        m = _PAREN_AFTER.match(text[e: e + 64])
        if m:
            for hit in _parties_in(m.group(1))[:1]:
                party_votes.append((hit.split("\t")[1], f"({m.group(1)})"))
    if ent.label == "ORG" and ent.name in parties():
        party_votes.append((parties()[ent.name], ent.name))
    party: Attribute | None = None
    if party_votes:
        counts = Counter(p for p, _ in party_votes)
        top, n = counts.most_common(1)[0]
        if n == len(party_votes) or n > len(party_votes) / 2:
            party = Attribute(value=top, rule="party_named",
                              evidence=list(dict.fromkeys(w for p, w in party_votes if p == top)))

    class_votes: list[tuple[str, list[str]]] = []
    for r in roles:
        found = _role_class_of(r)
        if found:
            class_votes.append(found)
    role_class: Attribute | None = None
    if class_votes:
        counts = Counter(c for c, _ in class_votes)
        top = counts.most_common(1)[0][0]
        ev = [w for c, ws in class_votes if c == top for w in ws]
        role_class = Attribute(value=top, evidence=list(dict.fromkeys(ev)), rule="role_noun")
    elif kind is None:
        pass
    elif kind.value in ("organisation", "group"):
        # (a person's party alone gives no class: a party member may be a minister
        # (`government`) as well as a member of parliament (`politics`))
        for w in [*ent.name.split(), *ent.roles]:
            if w in parties() or _party_prefix(w):
                # `Wiener Grünen`, `ÖVP-Wirtschaftsbund`: a party or one of its branches
                role_class = Attribute(value="politics", evidence=[w], rule="party")
                break
            cls = _modifier_class(w) if w[:1].isupper() else None
            if cls:
                role_class = Attribute(value=cls, evidence=[w], rule="org_name")
                break
            found = _role_class_of(w)
            if found:
                role_class = Attribute(value=found[0], evidence=found[1], rule="role_noun")
                break

    if kind is not None and kind.value == "person":
        gender = _gender(ent, text, quotes, role_words)
    else:
        gender = None
    return {"kind": kind, "role_class": role_class, "party": party, "gender": gender}


def with_attributes(text: str, entities: list[Entity], quotes: list[Quote]) -> list[Entity]:
    """The article's entities, PER and ORG ones with their speaker attributes filled in."""
    out = []
    for ent in entities:
        if ent.label in ("PER", "ORG"):
            ent = ent.model_copy(update=speaker_attributes(text, ent, quotes))
        out.append(ent)
    return out
