"""Speaker resolution: the ``zitat_speakers`` component.

Turns speaker mentions into article entities: names are split from roles
(`US-Außenminister Antony Blinken` → PER `Antony Blinken`, role `US-Außenminister`),
surnames link to the full name, pronouns (`er`, `sie`) and descriptions (`der Minister`,
`das Ministerium`) resolve to the nearest fitting antecedent, and a direct quote without a
speaker that continues the previous speaker's turn gets that speaker with empty spans.
Where the text names nobody, the speaker stays empty.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from zitat.errors import LimitError
from zitat.nlp.cues import SOURCE_NOUNS
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.nlp.titles import (
    is_female_role,
    is_media_word,
    is_org_word,
    is_role_word,
    source_prefix_length,
    split_role,
    strip_genitive,
)
from zitat.schema import Entity, Quote, Role

log = logging.getLogger(__name__)

Span = tuple[int, int]
_PRONOUNS = {"er": "m", "sie": "f", "ihr": "f", "ihm": "m"}
_POSSESSIVE_RE = re.compile(r"^(?:seine|ihre|sein|ihr)\s+(\w+)$", re.IGNORECASE)
_DET_RE = re.compile(r"^(?:der|die|das|dem|den|des|ein|eine|einer|eines)\s+", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w\-.'’]+")
_FEMALE_NAMES = frozenset(
    "anna maria sabine ilse ursula angela annalena katarina katharina claudia julia nancy "
    "svenja christine petra monika andrea birgit susanne kristina karin renate marie laura "
    "lena sarah sophie hannah elena olga natalia irina maia kamala hillary emmanuelle giorgia "
    "mette sanna jacinda liz theresa marine klara clara greta franziska manuela lisa".split()
)
_MALE_NAMES = frozenset(
    "peter thomas michael andreas stefan frank markus jürgen klaus hans uwe olaf friedrich "
    "karl josef joseph wolfgang horst gerhard helmut heiko heinz dieter günter werner rolf "
    "martin christian alexander sebastian tobias jonas daniel david paul lukas jan tim felix "
    "max moritz robert norbert sigmar guido joschka christoph matthias florian philipp "
    "johannes georg wladimir vladimir joe donald barack george bill emmanuel nicolas boris "
    "recep viktor mario antony john james richard hubert karl-heinz hans-peter".split()
)


@dataclass
class _Cluster:
    label: str
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    female: bool | None = None
    name: str = ""  # the longest of ``names``, kept by add_name (read in every look-up)

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)
            self.name = max(self.names, key=lambda n: (len(n.split()), len(n)))

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""


class _Registry:
    """Entities of one article, built in text order."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []

    def find(self, label: str, name: str) -> _Cluster | None:
        key = name.casefold()
        last = key.split()[-1] if key else ""
        first = key.split()[0] if " " in key else None
        for c in self.clusters:
            if c.label != label:
                continue
            if any(n.casefold() == key for n in c.names):
                return c
            if label == "PER" and c.surname.casefold() == last:
                c_first = c.name.split()[0].casefold() if " " in c.name else None
                if first is None or c_first is None or first == c_first:
                    return c
            if label == "ORG" and (key in c.name.casefold() or c.name.casefold() in key) and \
                    min(len(key), len(c.name)) >= 4:
                return c
        return None

    def add(self, label: str, name: str, span: Span | None, roles: list[str],
            *, speaker: bool = False) -> _Cluster:
        cluster = self.find(label, name)
        if cluster is None and speaker:
            # NER may have labelled the same name differently; who speaks decides the label
            cluster = next((c for c in self.clusters if name in c.names), None)
            if cluster is not None:
                cluster.label = label
        if cluster is None:
            cluster = _Cluster(label=label)
            self.clusters.append(cluster)
        cluster.add_name(name)
        for r in roles:
            if r not in cluster.roles:
                cluster.roles.append(r)
        if span and span not in cluster.mentions:
            cluster.mentions.append(span)
        if label == "PER" and cluster.female is None:
            first = cluster.name.split()[0].casefold() if " " in cluster.name else ""
            if first in _FEMALE_NAMES or any(is_female_role(r) for r in roles):
                cluster.female = True
            elif first in _MALE_NAMES or (
                    roles and any(is_role_word(r.split()[0]) for r in roles)):
                cluster.female = False
        return cluster

    def nearest(self, before: int, *, label: str = "PER", female: bool | None = None,
                role_head: str | None = None, plural: bool | None = None) -> _Cluster | None:
        best: _Cluster | None = None
        best_rank: tuple[bool, int] = (False, -1)
        for c in self.clusters:
            if c.label != label:
                continue
            if female is not None and c.female is not None and c.female != female:
                continue
            if plural is not None and _is_group(c) != plural:
                continue  # `sie kündigten an` needs a group, `er`/`sie sagte` one person
            if role_head and not any(h in r.casefold() for r in c.roles for h in
                                     _compatible_roles(role_head)) and \
                    role_head not in c.name.casefold():
                continue
            pos = max((s for s, _ in c.mentions if s < before), default=-1)
            if pos < 0:
                continue
            # a full name, a role or a speaker turn makes a person; a lone word the tagger
            # called PER (`Endosulfan`) is a weak antecedent, taken only when nothing else is
            rank = (c.label != "PER" or len(c.name.split()) > 1 or bool(c.roles), pos)
            if best is None or rank > best_rank:
                best, best_rank = c, rank
        return best


def _is_group(c: _Cluster) -> bool:
    """A group of people named by a plural noun alone (`Datenschützer`, `Anwohner`): one
    word, no first name, no role, not a known gender."""
    return c.label == "PER" and len(c.name.split()) == 1 and not c.roles and c.female is None


#: role heads that describe the same position (`der Geschäftsführer` after `Manager X`)
_ROLE_GROUPS = (
    frozenset("manager geschäftsführer vorstand vorstandschef konzernchef firmenchef "
              "unternehmenschef ceo".split()),
    frozenset("schauspieler darsteller star".split()),
    frozenset("trainer coach".split()),
    frozenset("regisseur filmemacher".split()),
    frozenset("autor schriftsteller".split()),
)


def _compatible_roles(head: str) -> frozenset[str]:
    """``head`` and the role heads compatible with it."""
    return frozenset({head}).union(*(g for g in _ROLE_GROUPS if head in g))


_PLURAL_VERBS = frozenset("sind waren haben hatten werden wurden wollen".split())


def _plural_pronoun(text: str, span: Span) -> bool | None:
    """Number of `sie` from its finite verb: `Sie kündigten an` (plural), `sagte sie`
    (singular); ``None`` when no verb stands next to it."""
    if text[span[0]:span[0] + 1].isupper():
        m = re.match(r"\s+(\w+)", text[span[1]:span[1] + 40])  # `Sie kündigten …`
    else:
        m = re.search(r"(\w+)\s+$", text[max(0, span[0] - 40):span[0]])  # `… sagten sie`
    if not m:
        return None
    verb = m.group(1)
    if not verb[:1].islower():
        return None
    if verb in _PLURAL_VERBS or verb.endswith("en"):
        return True
    if verb.endswith(("te", "t")):
        return False
    return None


def _words_with_offsets(text: str, start: int) -> list[tuple[str, Span]]:
    return [(m.group(), (start + m.start(), start + m.end())) for m in _WORD_RE.finditer(text)]


def _base_name(text: str, word: str, genitive: bool) -> str:
    """``word`` without a genitive ending, when a genitive article stands before it (`des
    Innenministeriums`) or the article also uses the bare form (`Blinkens` next to
    `Blinken sagte`); `Hendricks sagte` keeps its name."""
    base = strip_genitive(word)
    if base == word or genitive or re.search(rf"\b{re.escape(base)}\b(?![’'])", text):
        return base
    return word


def analyse_mention(text: str, span: Span) -> tuple[str | None, str, list[str], Span | None]:
    """Classify a speaker phrase.

    Returns:
        ``(label, name, roles, name_span)``; label None for pronouns/descriptions that
        must be resolved against antecedents (then ``name`` is the description head).
    """
    phrase = text[span[0]:span[1]]
    if _SOURCE_ONLY.fullmatch(phrase.strip()):
        return None, "", [], None  # `laut eigenen Angaben`: a source noun names nobody
    if skip := source_prefix_length(phrase):  # `Angaben der Polizei`: the police speak
        return analyse_mention(text, (span[0] + skip, span[1]))
    party = _PARENTHESIS_RE.search(phrase)
    if party and party.start() > 0:  # `Anna Beispiel (SPD)`: the name ends before the party
        return analyse_mention(text, (span[0], span[0] + party.start()))
    words = _words_with_offsets(phrase, span[0])
    if not words:
        return None, "", [], None
    plain = [w for w, _ in words]
    if len(plain) == 1 and plain[0].casefold() in _PRONOUNS:
        return None, plain[0].casefold(), [], None
    m = _POSSESSIVE_RE.match(phrase.strip())
    if m:
        # `seine Sprecherin`: speaks for the person `seine` points to; resolve like `er`
        return None, "er" if phrase.strip().lower().startswith("sein") else "sie", [], None
    role_words, name_words = split_role(plain)
    roles = [" ".join(role_words)] if role_words else []
    if len(name_words) > 1 and is_media_word(name_words[0]) and not role_words:
        # `die Nachrichtenagentur Reuters`, `die Tageszeitung Haaretz`: the outlet is an
        # organisation named after its kind
        first_idx = len(plain) - len(name_words) + 1
        s, e = words[first_idx][1][0], words[-1][1][1]
        return "ORG", text[s:e].strip("„“\"»«"), [name_words[0]], (s, e)
    if name_words and name_words[0][:1].isupper():
        first_idx = len(plain) - len(name_words)
        s, e = words[first_idx][1][0], words[-1][1][1]
        genitive = first_idx > 0 and plain[first_idx - 1].lower() in ("des", "eines")
        name = " ".join(_base_name(text, w, genitive) if i == len(name_words) - 1 else w
                        for i, w in enumerate(name_words))
        label = "ORG" if (is_org_word(name_words[-1]) or name.isupper()) and len(name_words) <= 3 \
            else "PER"
        if label == "ORG" and len(name_words) == 1 and _DET_RE.match(phrase) and \
                not any(c.isupper() for c in name_words[0][1:]) and \
                name_words[0].casefold() in ("behörde", "polizei", "regierung", "ministerium"):
            return None, name_words[0].casefold(), [], None  # "die Behörde": a description
        return label, name, roles, (s, e)
    if role_words:
        return None, role_words[-1].casefold(), roles, None  # "der Minister"
    return None, plain[-1].casefold(), [], None


_PARENTHESIS_RE = re.compile(r"\s*\([^()]*\)\s*$")
_SOURCE_ONLY = re.compile(rf"(?:(?:[a-zäöü]+e[nmrs]?|den|dem|der|die|ihren|seinen)\s+)*"
                          rf"{SOURCE_NOUNS}")
_PREV_WORD_RE = re.compile(r"([\w\-]+)\s+$")


def _role_before(text: str, start: int) -> list[str]:
    """The role word right before a name: `Bundesinnenministerin` in front of `Anna Beispiel`."""
    m = _PREV_WORD_RE.search(text, max(0, start - 60), start)
    return [m.group(1)] if m and is_role_word(m.group(1)) else []


def complete_surname(text: str, surname: str, before: int) -> tuple[str, list[str], Span] | None:
    """Find the full name (and role) behind a surname-only mention earlier in the text.

    `„…“, sagte Brandt.` after `Gewerkschaftschef Tobias Brandt` → (`Tobias Brandt`,
    [`Gewerkschaftschef`], span). Used when no NER marked the full name.
    """
    pattern = re.compile(
        r"(?:([\w\-]+)\s+)?((?:[A-ZÄÖÜ][\w\-]+\s+){1,2})" + re.escape(surname) + r"\b"
    )
    for m in pattern.finditer(text, 0, max(before, 0) + len(surname) + 1):
        given = m.group(2).split()
        if any(is_role_word(g) or is_org_word(g) or g in ("Der", "Die", "Das") for g in given):
            given = given[[is_role_word(g) or is_org_word(g) or g in ("Der", "Die", "Das")
                           for g in given].index(True) + 1:]
        if not given:
            continue
        roles = [m.group(1)] if m.group(1) and is_role_word(m.group(1)) else []
        start = m.start(2) + m.group(2).index(given[0])
        return " ".join([*given, surname]), roles, (start, m.end())
    return None


def _role_head(description: str) -> str:
    head = description.split("-")[-1]
    for suffix in ("in",):
        if head.endswith(suffix) and is_role_word(head.capitalize()):
            head = head[: -len(suffix)]
    return head


def named_org_before(text: str, before: int, head: str) -> tuple[str, Span] | None:
    """The last compound before ``before`` that names an organisation of type ``head``
    (`Bundesinnenministerium` for `das Ministerium`), with its span; ``None`` if there is none.
    """
    head = head.casefold().split()[-1] if head.strip() else ""
    if len(head) < 4:
        return None
    found = None
    for m in re.finditer(r"\b[A-ZÄÖÜ][\w-]*" + re.escape(head) + r"\b", text[:before], re.IGNORECASE):
        word = m.group()
        if word[:1].isupper() and word.casefold() != head and is_org_word(word):
            found = (word, (m.start(), m.end()))
    return found


#: `nach eigenen Angaben`, `eigener Darstellung zufolge`: the subject of the sentence speaks
_OWN_SOURCE_RE = re.compile(r"eigene[nmr]?\s+[A-ZÄÖÜ]\w+")
#: `Medienberichten zufolge`, `laut übereinstimmenden Presseberichten`: unnamed media speak
_MEDIA_SOURCE_RE = re.compile(
    r"(?:[a-zäöü]\w*\s+)*[\w\-]*(?:[Mm]edien|[Pp]resse|[Zz]eitungs)(?:bericht(?:en?)?|"
    r"informationen|angaben|meldungen)")
#: `ein Sprecher des Konzerns`, `eine Polizeisprecherin`: unnamed, speaks for an organisation
_SPOKES_RE = re.compile(r"(?:ein|eine|einer)\s+(?P<kind>[\w\-]*?)-?[Ss]precher(?:in)?"
                        r"(?:\s+(?:des|der|von|vom)\s+(?P<org>.+))?", re.IGNORECASE)
#: `den Angaben zufolge`, `diesen Angaben nach`: the source just named speaks again
_ANAPHORIC_SOURCE_RE = re.compile(r"(?:den|diesen|dessen|deren)\s+"
                                  r"(?:angaben|aussagen|worten|informationen)", re.IGNORECASE)
#: `seiner Meinung nach`, `ihren Angaben zufolge`: the person the possessive points to
_POSSESSIVE_SOURCE_RE = re.compile(rf"(sein|ihr)(?:e[nmrs]?)?\s+{SOURCE_NOUNS}", re.IGNORECASE)
#: nouns that name only the kind of an organisation (`des Konzerns`): descriptions;
#: `des Bundesinnenministeriums` names one
_ORG_KINDS = frozenset("konzern unternehmen firma ministerium behörde polizei regierung "
                       "verband partei gewerkschaft stadt gemeinde verein klinik bank "
                       "gericht staatsanwaltschaft feuerwehr organisation club "
                       "autobauer hersteller".split())
#: the entity that stands for media named by their kind only
MEDIA_NAME = "Medien"


def _sentence_bounds(text: str, pos: int) -> Span:
    """Start and end of the sentence around ``pos`` (by punctuation, for look-ups only)."""
    start = max((m.end() for m in re.finditer(r"[.!?]\s+|\n", text[:pos])), default=0)
    end = re.search(r"[.!?](?:\s|$)|\n", text[pos:])
    return start, pos + end.end() if end else len(text)


def _own_source(registry: _Registry, text: str, span: Span) -> _Cluster | None:
    """The speaker behind `nach eigenen Angaben`: the organisation or person named in the
    same sentence nearest to the phrase (organisations first: they report `own figures`)."""
    s, e = _sentence_bounds(text, span[0])
    best: tuple[bool, int] | None = None
    found: _Cluster | None = None
    for c in registry.clusters:
        if c.label not in ("ORG", "PER"):
            continue
        for a, _ in c.mentions:
            if s <= a < e and not (span[0] <= a < span[1]):
                rank = (c.label == "ORG", -abs(a - span[0]))
                if best is None or rank > best:
                    best, found = rank, c
    # the subject is a description (`Das Unternehmen hat nach eigenen Angaben …`): the
    # organisation the text is about
    return found or registry.nearest(span[0], label="ORG")


def _spokesperson_org(registry: _Registry, text: str, span: Span) -> _Cluster | None:
    """The organisation an unnamed spokesperson speaks for: the one the phrase names (`ein
    Sprecher des Konzerns`, `eine Sprecherin von Siemens`, `ein Polizeisprecher`), else the
    organisation the text is about (the last named before); ``None`` when there is none."""
    m = _SPOKES_RE.fullmatch(text[span[0]:span[1]].strip())
    if m is None:
        return None
    offset = span[0] + len(text[span[0]:span[1]]) - len(text[span[0]:span[1]].lstrip())
    if m.group("org"):
        o_span = (offset + m.start("org"), offset + m.end("org"))
        label, name, _, name_span = analyse_mention(text, o_span)
        genitive = m.group(0)[:m.start("org")].split()[-1].lower() in ("des", "der")
        if label and " " not in name and strip_genitive(name).casefold() in _ORG_KINDS and \
                genitive:
            label = None  # `des Konzerns`: a description of the organisation, not its name
        if label == "PER" and not (genitive and " " not in name):
            return None  # `ein Sprecher von Ministerin X` speaks for a person: resolved as before
        if label and name:
            if genitive and " " not in name:  # `des Bundesinnenministeriums`
                base = _base_name(text, name, True)
                name = name[:-1] if base == name and name.endswith("s") and \
                    is_org_word(name[:-1]) else base
            return registry.add("ORG", name, name_span, [])
        head = strip_genitive(name.capitalize()) if name else ""
        if head and is_org_word(head):
            found = registry.nearest(span[0], label="ORG", role_head=head.casefold())
            if found is None and (named := named_org_before(text, span[0], head)):
                found = registry.add("ORG", named[0], named[1], [])
            # `des Konzerns` after `Die Deutsche Bahn …`: the organisation the text is about
            return found or registry.nearest(span[0], label="ORG")
        return None
    kind = m.group("kind")
    if kind and is_org_word(kind.capitalize()):  # `ein Polizeisprecher`
        return registry.nearest(span[0], label="ORG", role_head=kind.casefold())
    return registry.nearest(span[0], label="ORG")


def resolve(doc_text: str, quotes: list[Quote], ents: list[tuple[int, int, str]]) -> tuple[
        list[Entity], list[Quote]]:
    """Build the article's entities and attach entity ids to quote speakers.

    Args:
        doc_text: the article text.
        quotes: quotes from ``zitat_quotes`` (speaker roles without entity ids).
        ents: NER entities as ``(start, end, label)``.

    Returns:
        ``(entities, quotes)`` with ``Role.entity`` set where a speaker was resolved.
    """
    registry = _Registry()
    events: list[tuple[int, str, object]] = [(s, "ent", (s, e, lab)) for s, e, lab in ents]
    for q in quotes:
        pos = q.speaker.spans[0][0] if q.speaker and q.speaker.spans else q.start
        events.append((pos, "quote", q))
    events.sort(key=lambda ev: (ev[0], ev[1] == "quote"))
    resolved: dict[str, _Cluster | None] = {}
    previous: _Cluster | None = None
    previous_end = -1
    own: list[tuple[Quote, Span]] = []  # `nach eigenen Angaben`: resolved once all are known
    for _, kind, obj in events:
        check_deadline()
        if kind == "ent":
            s, e, lab = obj  # type: ignore[misc]
            label = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "GPE": "LOC"}.get(lab)
            if label:
                lab2, name, roles, name_span = (label, doc_text[s:e], [], (s, e))
                if label == "PER":
                    lab2, name, roles, name_span = analyse_mention(doc_text, (s, e))
                    lab2 = "PER" if lab2 else None
                    roles = roles or _role_before(doc_text, s)
                if lab2 and name:
                    same = next((c for c in registry.clusters if name in c.names), None)
                    if same is not None:  # a speaker already named it: keep that label
                        registry.add(same.label, name, name_span, roles)
                    else:
                        registry.add(lab2, name, name_span, roles)
            continue
        q: Quote = obj  # type: ignore[assignment]
        cluster: _Cluster | None = None
        if q.speaker and q.speaker.spans:
            span = (q.speaker.spans[0][0], q.speaker.spans[-1][1])
            phrase = doc_text[span[0]:span[1]].strip()
            if _OWN_SOURCE_RE.fullmatch(phrase):
                own.append((q, span))
                continue
            with_det = (doc_text[max(0, span[0] - 8):span[0]].split() or [""])[-1] + " " + phrase
            if (_ANAPHORIC_SOURCE_RE.fullmatch(phrase) or
                    _ANAPHORIC_SOURCE_RE.fullmatch(with_det.strip())) and \
                    previous is not None and \
                    q.start - previous_end < 700:
                # `den Angaben zufolge`: the statements just reported, by their speaker
                resolved[q.id] = previous
                continue
            if (own_m := _POSSESSIVE_SOURCE_RE.fullmatch(phrase)) is not None:
                # resolved like the pronoun `er`/`sie` the possessive stands for
                cluster = registry.nearest(span[0], female=own_m.group(1).lower() == "ihr")
                resolved[q.id] = cluster
                if cluster is not None:
                    previous, previous_end = cluster, q.end
                continue
            if _MEDIA_SOURCE_RE.fullmatch(phrase):
                # the source names no speaker but says who speaks: the media, unnamed
                cluster = next((c for c in registry.clusters
                                if c.label == "ORG" and c.name == MEDIA_NAME), None)
                if cluster is None:
                    cluster = _Cluster(label="ORG")
                    cluster.add_name(MEDIA_NAME)
                    registry.clusters.append(cluster)
                cluster.mentions.append(span)
                resolved[q.id] = cluster
                continue
            org = _spokesperson_org(registry, doc_text, span)
            if org is not None:
                # the quote's speaker role keeps `ein Sprecher`; the entity is the organisation
                org.mentions.append(span)
                resolved[q.id] = org
                continue
            label, name, roles, name_span = analyse_mention(doc_text, span)
            if label == "PER" and " " not in name and registry.find("PER", name) is None:
                full = complete_surname(doc_text, name, span[0])
                if full is not None:
                    registry.add("PER", full[0], full[2], full[1] + roles)
            if label:
                cluster = registry.add(label, name, name_span, roles, speaker=True)
            elif name in _PRONOUNS:
                plural = _plural_pronoun(doc_text, span) if name == "sie" else False
                if plural:
                    # a group named before, else an organisation (`Die Grünen kündigten an`)
                    cluster = registry.nearest(span[0], plural=True) or \
                        registry.nearest(span[0], label="ORG")
                else:
                    # a lone surname looks like a group noun: singular pronouns keep both
                    cluster = registry.nearest(span[0], female=_PRONOUNS[name] == "f")
            elif is_org_word(name.capitalize()):
                cluster = registry.nearest(span[0], label="ORG", role_head=name)
                if cluster is None:  # the tagger missed the organisation's own mention
                    named = named_org_before(doc_text, span[0], name)
                    if named is not None:
                        cluster = registry.add("ORG", named[0], named[1], [])
            elif name:
                # `die Ministerin` is a woman, `der Minister` a man: the role's grammatical
                # gender picks between two ministers named before
                head = name.split()[-1].capitalize()
                female = True if is_female_role(head) else (
                    False if is_role_word(head) else None)
                cluster = registry.nearest(span[0], role_head=_role_head(name), female=female)
                if cluster is not None:  # an anaphor: its role word adds nothing new
                    cluster.mentions.append(span)
            if cluster is not None and label is None and span not in cluster.mentions:
                cluster.mentions.append(span)
        elif q.type == "Direct" and previous is not None and q.start - previous_end < 700:
            cluster = previous  # a direct quote continuing the previous speaker's turn
        resolved[q.id] = cluster
        if cluster is not None:
            previous, previous_end = cluster, q.end
    for q, span in own:
        resolved[q.id] = _own_source(registry, doc_text, span)
    entities: list[Entity] = []
    ids: dict[int, str] = {}
    for c in registry.clusters:
        if not c.name:
            continue
        eid = f"e{len(entities) + 1}"
        ids[id(c)] = eid
        variants = sorted({n for n in c.names if n != c.name})
        entities.append(Entity(id=eid, label=c.label, name=c.name, roles=c.roles,  # type: ignore[arg-type]
                               mentions=sorted(set(c.mentions)), variants=variants))
    out: list[Quote] = []
    for q in quotes:
        cluster = resolved.get(q.id)
        if cluster is None or id(cluster) not in ids:
            out.append(q)  # its confidence already counts a missing speaker (zitat.nlp.confidence)
            continue
        speaker = (q.speaker.model_copy(update={"entity": ids[id(cluster)]}) if q.speaker
                   else Role(text="", spans=[], entity=ids[id(cluster)]))
        out.append(q.model_copy(update={"speaker": speaker}))
    return entities, out


class SpeakerResolver:
    """Sets ``doc._.entities`` and entity ids on ``doc._.quotes``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        check_deadline()
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        try:
            entities, quotes = resolve(doc_text(doc), list(doc._.quotes or []), ents)
        except LimitError:  # the article's deadline: it is rejected, not half-analysed
            raise
        except Exception:  # per-document boundary: keep the quotes, skip resolution
            log.exception("speaker resolution failed")
            return doc
        doc._.entities = entities
        doc._.quotes = quotes
        return doc


@Language.factory(
    "zitat_speakers",
    requires=["doc._.quotes"],
    assigns=["doc._.entities", "doc._.quotes"],
)
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    """Factory of the ``zitat_speakers`` component."""
    return SpeakerResolver(name)
