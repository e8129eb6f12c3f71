"""Gazetteer-backed corrections of the tagger's entities: the ``zitat_entity_rules`` component.

The core NER model learns from only 5,100 sentences and misses many places, which zitat
knows from its gazetteer. After the tagger, this component adds a LOC entity for every
country, and every gazetteer place after a preposition, that the tagger left out (with the
place component's rules: `Essen` only after `in`, never inside a person's name; not the
town of a station, `Dresden Hbf`), and turns a lone PER/MISC that is a country (`Moldau
bittet um Hilfe`) into LOC. An acronym that a named organisation introduces in parentheses
(`… Versicherungswirtschaft (GDV)`) becomes ORG wherever the document uses it. On GermEval 2014
dev it lifts LOC F1 by about 5 points; an organisation lexicon (acronyms, `…ministerium`)
was tried as well and dropped, as it lowered ORG F1 on both GermEval files.

Issue 23's fifth round added precise rules for what the tagger half-finds (model card,
"Entity rules"): companies with a legal form (`Beiersdorf Manufacturing GmbH`), names after
a kind of company or outlet (`die Digitalagentur Conrad Caine`), persons the tagger cut
after or before a first name the name lexicon knows (`Tina` → `Tina Soltysiak`), names the
document repeats (`Schäuble` after `Wolfgang Schäuble`), news agencies (`AFP`, `Reuters`)
and no person that is only a role word (`Sportsenatorin`).
"""

from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from zitat.errors import LimitError
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.nlp.places import find_places

log = logging.getLogger(__name__)

#: labels a country may take over (the tagger's confusions with places)
_OVERRIDABLE = frozenset(["PER", "MISC"])
_PLACE_PREPS = frozenset("in im nach aus bei von bis über durch gegen zwischen nahe".split())


#: sentence-initial function words the tagger sometimes takes into a name (`In Sicherheitskreisen`)
_LEADING = frozenset("in im am an auf aus bei beim nach von vom mit für laut seit gegen "
                     "der die das den dem des ein eine einer eines".split())

#: closed-class words (pronouns, determiners, conjunctions, prepositions, pronominal and
#: connective adverbs) that are never a name or its first word. Capitalised at the start of
#: a sentence they look like names to the tagger (`Beides`, `Zudem`, `Laut Polizei`,
#: `Demnach`): such an entity is dropped, and a name after one is cut free of it.
FUNCTION_WORDS = frozenset("""
    ich du er sie es wir ihr man mich mir dich dir ihn ihm uns euch ihnen sich
    mein meine meinen meinem meiner meines dein deine sein seine seinen seinem seiner seines
    ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer euer eure
    der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    dies diese dieser dieses diesen diesem jene jener jenes jenen jenem solche solcher
    solches solchen derselbe dieselbe dasselbe derjenige diejenige dasjenige
    beide beides beiden beider alle alles allen aller allem andere anderen anderes
    einige einiger einiges einigen manche mancher manches viele vieles vielen wenige weniges
    mehrere jeder jede jedes jeden jedem jemand niemand nichts etwas irgendwer
    wer was wen wem wessen welche welcher welches welchen welchem wo wohin woher wann wie
    warum weshalb wieso weswegen womit wodurch worauf worüber wozu
    und oder aber doch sondern denn sowie sowohl weder noch entweder
    dass daß ob weil da als wenn falls obwohl obgleich während nachdem bevor ehe seitdem
    sobald solange damit sodass indem zumal wobei wohingegen
    in im an am auf aus bei beim nach von vom mit für laut seit gegen zu zum zur über unter
    vor hinter neben zwischen durch ohne um bis trotz wegen gemäß zufolge dank statt
    anstatt außer innerhalb außerhalb angesichts aufgrund infolge mittels binnen entlang
    zudem demnach daher deshalb deswegen darum dadurch dabei dafür dagegen damals danach
    daneben daraufhin darauf darüber davon davor dazu außerdem ausserdem allerdings jedoch
    dennoch trotzdem zwar also somit folglich ferner überdies sonst stattdessen
    hingegen indes indessen insofern insoweit inzwischen mittlerweile unterdessen
    zunächst zuerst zuvor bisher bislang seither anschließend schließlich letztlich
    endlich später früher vorher nachher gleichzeitig zugleich ebenso ebenfalls auch
    nur noch schon bereits erst nun jetzt heute gestern morgen hier dort dorthin
    so dann denn eben gerade genau immer nie niemals oft manchmal stets wieder
    offenbar offensichtlich vermutlich wahrscheinlich angeblich möglicherweise vielleicht
    tatsächlich natürlich jedenfalls immerhin insgesamt zusammen ja nein nicht
    hierzu hierbei hierfür hiervon wonach worin weiterhin weiter derzeit momentan
    aktuell zurzeit ebenfalls überall irgendwo
""".split())


#: words after a place name that make it a railway station (`Dresden Hbf`, `Praha hl.n.`):
#: a stop, not the town, in traffic and rail reports (DFKI SmartData counts it as a stop,
#: and zitat's places resolve settlements, not stations)
STATION_WORDS = frozenset("Hbf Hbf. Hauptbahnhof Bf Bf. Bhf Bhf. HB hl.n. Centraal".split())

#: an acronym as organisations introduce theirs in parentheses: a capital, more letters,
#: at least one more capital (`GDV`, `DGfKM`, `LKA`), two to eight characters
_ACRONYM = re.compile(r"^[A-ZÄÖÜ](?=[A-Za-zÄÖÜäöü]*[A-ZÄÖÜ])[A-Za-zÄÖÜäöü]{1,7}$")


def _sentence_initial(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a sentence: the first token, or after a sentence end, a line break
    or an opening quotation mark or dash that follows one (``„Beides`` after ``. ``)."""
    if doc[i].is_sent_start:
        return True
    j = i - 1
    while j >= 0 and (doc[j].is_quote or doc[j].text in ("-", "–", "—", "(") or doc[j].is_space):
        if "\n" in doc[j].text:
            return True
        j -= 1
    return j < 0 or doc[j].text in (".", "!", "?", ":", ";", "...", "…")


def _trimmed(ents: list[Span]) -> list[Span]:
    """Entities without leading prepositions and articles (anywhere) and without leading
    function words at a sentence start; an entity of function words only is dropped."""
    out = []
    for e in ents:
        if all(t.lower_ in FUNCTION_WORDS for t in e):
            continue  # `Beides`, `Zudem`, `Diese`: never a name
        start = e.start
        while start < e.end - 1 and (
                e.doc[start].lower_ in _LEADING
                or (e.doc[start].lower_ in FUNCTION_WORDS and _sentence_initial(e.doc, start))):
            start += 1
        out.append(e if start == e.start else Span(e.doc, start, e.end, label=e.label_))
    return out


def _persons_by_surname(ents: list[Span]) -> list[Span]:
    """A one-word place the tagger found that is the surname of a person named in full
    elsewhere in the document (`Karla Vandermeer … Vandermeer sagte`) and no gazetteer place
    becomes that person (PER)."""
    from zitat.nlp.places import _lookup

    surnames = {e[-1].text for e in ents if e.label_ == "PER" and len(e) > 1}
    return [Span(e.doc, e.start, e.end, label="PER")
            if e.label_ == "LOC" and len(e) == 1 and e.text in surnames
            and _lookup(e.text) is None else e
            for e in ents]


def _is_station(doc: Doc, span: Span) -> bool:
    """The place is the first part of a station's name (`Berlin Hbf`)."""
    return span.end < len(doc) and doc[span.end].text in STATION_WORDS


def _introduced_acronyms(ents: list[Span]) -> list[Span]:
    """Acronyms an organisation introduces in parentheses (`Gesamtverband der Deutschen
    Versicherungswirtschaft (GDV)`) as ORG, there and wherever else the document uses them
    outside another entity; the tagger knows the long name but rarely the new acronym."""
    if not ents:
        return []
    doc = ents[0].doc
    taken = {i for e in ents for i in range(e.start, e.end)}
    added: list[Span] = []
    for e in ents:
        i = e.end
        if (e.label_ != "ORG" or len(e) < 2 or i + 2 >= len(doc) or doc[i].text != "("
                or doc[i + 2].text != ")" or not _ACRONYM.match(doc[i + 1].text)
                or i + 1 in taken):
            continue
        acronym = doc[i + 1].text
        for t in doc:
            if t.text == acronym and t.i not in taken:
                added.append(Span(doc, t.i, t.i + 1, label="ORG"))
                taken.add(t.i)
    return added


#: compass words that end a place's name after a hyphen (`Chemnitz-Süd`, `Leonberg-West`)
COMPASS = frozenset("Nord Süd Ost West Mitte Nordost Nordwest Südost Südwest Zentrum".split())


def _name_piece(token: Token) -> bool:
    """A compound piece that continues a name across a hyphen: a capitalised word the name
    lexicon knows as a name or place or not at all (`Peter`, `Pfalz`, `Mörse`), or a compass
    word; not a word it knows only as a common noun (`Ebene`, `Streik`, `Chef`). (Requiring
    the tagger's ``NE`` for unknown words cost SmartData's tuning split 0.5 F1: most unknown
    pieces after a name's hyphen are names the tagger calls ``NN``.)"""
    from zitat.nlp.lexicon_features import FIRST_NAME, PLACE, SURNAME, load_lexicon, word_class

    text = token.text
    if not text[:1].isupper() or not text.isalpha():
        return False
    if text in COMPASS:
        return True
    mask = word_class(load_lexicon(), text)
    return mask == 0 or bool(mask & (FIRST_NAME | SURNAME | PLACE))


def _joined_compounds(ents: list[Span]) -> list[Span]:
    """Entities grown across a hyphen inside one word (no spaces): the tokenizer splits
    hyphenated compounds (`Hans`, `-`, `Peter`), and the tagger, which learned that a name
    often ends at a compound's hyphen (`EU` in `EU-Ebene`), sometimes stops a name there:
    `Chemnitz-Süd`, `Rheinland-Pfalz`, `Hans-Jochen Vogel` are one name each when the
    piece across the hyphen is a name piece (:func:`_name_piece`)."""
    out = []
    for e in ents:
        doc, start, end = e.doc, e.start, e.end
        while (end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-"
               and not doc[end].whitespace_ and _name_piece(doc[end + 1])):
            end += 2
        while (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
               and not doc[start - 2].whitespace_ and _name_piece(doc[start - 2])):
            start -= 2
        out.append(e if (start, end) == (e.start, e.end)
                   else Span(doc, start, end, label=e.label_))
    return filter_spans(out)


#: legal forms that end a company's name (`Beiersdorf Manufacturing GmbH`, `Acme Inc.`);
#: `Co.`/`&` only continue one (`Müller & Co. KG`)
LEGAL_FORMS = frozenset("""GmbH mbH gGmbH AG KG KGaA OHG SE UG eG e.V. Inc. Inc Ltd. Ltd LLC
    plc PLC Corp. Corp S.A. N.V. B.V. S.p.A. GmbH. AG. Inc.. Ltd..""".split())
_LEGAL_JOINERS = frozenset(["&", "Co.", "Co", "+"])
#: the most words of a name before its legal form that the rule takes in
_MAX_NAME_WORDS = 5


def _company_word(token: Token) -> bool:
    """A word that may be part of a company's name before its legal form: capitalised or
    with a digit first and letters after (`4tecture`), not a closed-class word and not a
    kind word (`Firma`, `Konzern`) that introduces the name."""
    from zitat.nlp.titles import is_org_word

    text = token.text
    if not text[:1].isalnum() or text.lower() in FUNCTION_WORDS or not any(c.isalpha() for c in text):
        return False
    if text[:1].isdigit():
        return text.isalnum()
    return text[:1].isupper() and text not in ("Fa.", "Fa") and not (
        is_org_word(text) and text.isalpha() and text[1:].islower())


def _with_legal_forms(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """Companies named with their legal form (`die Beiersdorf Manufacturing Waldheim GmbH`,
    `Fa. 4tecture GmbH`, `Müller & Co. KG`) as ORG: the name is the tagger's entity that
    holds the legal form or ends before it, or else the company words before it (at most
    five; a kind word such as `Firma` or a closed-class word ends them). The span with its
    legal form replaces the entities inside it; a legal form alone names nothing."""
    out = list(ents)
    for i in [i for i, w in enumerate(words) if w in LEGAL_FORMS]:
        t = doc[i]
        end = t.i + 1  # `GmbH & Co. KG`: the `KG` takes in the name with `GmbH & Co.`
        tagged = [e for e in out if e.start <= t.i < e.end or e.end == t.i]
        if tagged:
            start = tagged[0].start
        else:
            start = t.i
            while (start > 0 and t.i - start < _MAX_NAME_WORDS
                   and (_company_word(doc[start - 1]) or doc[start - 1].text in _LEGAL_JOINERS)):
                start -= 1
            while start < t.i and doc[start].text in _LEGAL_JOINERS:
                start += 1
        if start == t.i or (start >= 2 and doc[start - 1].lower_ in ("und", "für")
                            and doc[start - 2].text[:1].isupper()):
            continue  # no name, or a longer one (`Gesellschaft für Bau und Design mbH`)
        inside = [e for e in out if e.start < end and start < e.end]
        if any(e.start < start or e.end > end for e in inside):
            continue  # an entity reaches beyond the company's name: keep it
        for e in inside:
            out.remove(e)
        out.append(Span(doc, start, end, label="ORG"))
    return sorted(out, key=lambda e: e.start)


#: kinds of company, club or outlet whose name follows them (`die Firma Lindqvist`, `der
#: Energiekonzern Vattex`, `die Digitalagentur Conrad Caine`, `das Satiremagazin Charlie
#: Hebdo`); compounds count by their last part. Not governments and offices (`Regierung
#: Merkel`, `Kabinett Scholz` name a person), nor places (`Stadt`, `Gemeinde`).
_KIND_ENDINGS = tuple("""firma firmen konzern konzerns unternehmen unternehmens hersteller
    herstellers agentur brauer brauerei tochtergesellschaft investmenthaus anbieter anbieters
    verlag verlags magazin magazins zeitung zeitschrift sender senders reederei
    fluggesellschaft airline discounter versicherer zulieferer dienstleister rockergruppe
    band label kette softwarehaus startup start-up autobauer""".split())
#: the most words of a name after its kind word that the rule takes in
_MAX_KIND_NAME = 3


def _kind_word(token: Token) -> bool:
    """A kind of company or outlet (:func:`_kind_head`: `Firma`, `Energiekonzern`, `Fa.`)
    after an article, adjective or preposition (`die Firma`, `der französische Sender`), not
    after a name (`… Platform Unternehmen Cloud …`, where `Unternehmen` is a plural)."""
    text = token.text
    if token.i == 0 or not _kind_head(text):
        return False
    before = token.doc[token.i - 1]
    return before.text[:1].islower() or before.lower_ in FUNCTION_WORDS


def _kind_head(text: str) -> bool:
    """The word's last compound part is a kind of company or outlet (:data:`_KIND_ENDINGS`;
    `US-Investmenthaus`, `Energiekonzern`; `…verband` is no `band`), or it is `Fa.`."""
    if text in ("Fa.", "Fa"):
        return True
    head = text.rsplit("-", 1)[-1]
    low = head.lower()
    return head[:1].isupper() and head[1:2].islower() and low.endswith(_KIND_ENDINGS) \
        and not low.endswith("verband")


def _name_word(token: Token) -> bool:
    """A word the tagger reads as a proper noun (``NE``, or ``FM`` for a foreign word) or an
    acronym (`MAN`, `WPP`), not a closed-class word."""
    text = token.text
    if not text[:1].isalnum() or text.lower() in FUNCTION_WORDS:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text not in LEGAL_FORMS and (
        token.tag_ in ("NE", "FM") or text.isupper())


def _genitive_name(span: Span) -> bool:
    """A person's or place's name in the genitive, the owner of what precedes it
    (`im Magna-Konzern Frank Stronachs`, `die Unternehmen Kubas`): a place whose form
    without ``s`` is in the gazetteer, or a person's name of a first name and more words
    ending in ``s``."""
    from zitat.nlp.lexicon_features import FIRST_NAME, load_lexicon, word_class
    from zitat.nlp.places import _lookup

    last = span[-1].text
    if not last.endswith("s") or len(last) < 3:
        return False
    if span.label_ == "LOC":
        return _lookup(last[:-1]) is not None
    return span.label_ == "PER" and len(span) > 1 and bool(
        word_class(load_lexicon(), span[0].text) & FIRST_NAME)


def _after_kind_words(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """Names after a kind of company or outlet (:func:`_kind_word`) as ORG: the tagger's
    person or unlabelled name right after it becomes ORG (`die Digitalagentur Conrad
    Caine`), and proper nouns the tagger missed are added (`der Großkunde MAN`, at most
    three). A place after it stays a place (`das Unternehmen Berlin verlassen`)."""
    out = list(ents)
    starts = {e.start: e for e in ents}
    taken = {i for e in ents for i in range(e.start, e.end)}
    for k in [k for k, w in enumerate(words[:-1]) if _kind_head(w)]:
        t, i = doc[k], k + 1
        if not _kind_word(t) or k in taken:
            continue
        if i in starts:
            e = starts[i]
            end = e.end  # `der Zulieferer Japan Display`: the tagger stopped early
            while end < len(doc) and end - i < _MAX_KIND_NAME and end not in taken \
                    and _name_word(doc[end]):
                end += 1
            if e.label_ != "ORG" and not _genitive_name(e):
                out[out.index(e)] = Span(doc, e.start, end, label="ORG")
                taken.update(range(e.end, end))
            continue
        end = i
        while end < len(doc) and end - i < _MAX_KIND_NAME and end not in taken \
                and _name_word(doc[end]):
            end += 1
        if end > i and (end >= len(doc) or end not in taken):
            out.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
    return sorted(out, key=lambda e: e.start)


def _first_name(token: Token) -> bool:
    """A capitalised first name by the name lexicon (`Tina`, `Hans-Peter`) that is not also
    a common noun, unless the tagger calls it a proper noun (`Karen`, `Noah`)."""
    from zitat.nlp.lexicon_features import FIRST_NAME, NOUN, load_lexicon, word_class

    text = token.text
    if not text[:1].isupper() or text.lower() in FUNCTION_WORDS:
        return False
    lexicon = load_lexicon()
    masks = [word_class(lexicon, p) for p in text.split("-")]
    return all(m & FIRST_NAME for m in masks) and (
        not any(m & NOUN for m in masks) or token.tag_ == "NE")


def _surname_shaped(token: Token) -> bool:
    """A capitalised word of letters that may be a surname: unknown to the name lexicon
    (`Soltysiak`) or known as a surname and not as a common noun or place."""
    from zitat.nlp.lexicon_features import NOUN, PLACE, SURNAME, load_lexicon, word_class

    text = token.text
    if not (text[:1].isupper() and text[1:2].islower() and text.replace("-", "").isalpha()) \
            or text.lower() in FUNCTION_WORDS or text in STATION_WORDS:
        return False
    lexicon = load_lexicon()
    masks = [word_class(lexicon, p) for p in text.split("-")] if "-" in text else []
    mask = word_class(lexicon, text)
    if any(m & NOUN for m in masks):
        return False  # `Enterprise-Kollege`
    return mask == 0 or (bool(mask & SURNAME) and not mask & (NOUN | PLACE))


def _persons_by_first_name(doc: Doc, ents: list[Span]) -> list[Span]:
    """People the tagger cut, by the name lexicon's first names: a person of a first name
    alone grows by a surname-shaped word after it (:func:`_surname_shaped`; `Tina` → `Tina
    Soltysiak`), and a first name right before a person joins it (`Anna-Sophie` + `Berger`).
    (A new person of a first name and a surname-shaped word outside any entity was tried
    and dropped: on the tuning splits it found only `Charlie Hebdo` and `Ford Sloterdijk`.)"""
    out = list(ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    for k, e in enumerate(out):
        if e.label_ != "PER":
            continue
        start, end = e.start, e.end
        if len(e) == 1 and _first_name(e[0]) and end < len(doc) and end not in taken \
                and e[0].whitespace_ and _surname_shaped(doc[end]):
            end += 1
        if start > 0 and start - 1 not in taken and doc[start - 1].whitespace_ \
                and _first_name(doc[start - 1]):
            start -= 1
        if (start, end) != (e.start, e.end):
            out[k] = Span(doc, start, end, label="PER")
            taken.update(range(start, end))
    return sorted(out, key=lambda e: e.start)


def _repeated_names(doc: Doc, ents: list[Span], texts: list[str]) -> list[Span]:
    """Names the document names again where the tagger missed them: every other mention of
    an organisation's or person's exact words outside another entity gets its label
    (`Akamai verbindet … das Engagement von Akamai`), and so does a person's surname alone
    (`Wolfgang Schäuble … mit Schäuble`). A name with two labels in the document, or one
    of function words, is left alone, and so is a mention inside a longer name (a proper
    noun right before or after it: `Anheuser-Busch InBev`); a one-word mention must be a
    proper noun or an acronym itself."""
    labels: dict[tuple[str, ...], set[str]] = {}
    for e in ents:
        if e.label_ in ("ORG", "PER"):
            labels.setdefault(tuple(t.text for t in e), set()).add(e.label_)
            if e.label_ == "PER" and len(e) > 1:
                labels.setdefault((e[-1].text,), set()).add("PER")
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, found in labels.items():
        if len(found) == 1 and words[0][:1].isupper() and len("".join(words)) > 1 \
                and not all(w.lower() in FUNCTION_WORDS for w in words):
            names.setdefault(words[0], []).append((words, next(iter(found))))
    if not names:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for k in [k for k, w in enumerate(texts) if w in names]:
        t = doc[k]
        for words, label in sorted(names[t.text], key=lambda x: -len(x[0])):
            end = t.i + len(words)
            if end <= len(doc) and all(i not in taken for i in range(t.i, end)) \
                    and tuple(texts[t.i:end]) == words \
                    and (len(words) > 1 or _name_word(t)) \
                    and not (end < len(doc) and (end in taken or _name_word(doc[end]))) \
                    and not (t.i > 0 and (t.i - 1 in taken or _name_word(doc[t.i - 1]))):
                out.append(Span(doc, t.i, end, label=label))
                taken.update(range(t.i, end))
                break
    return sorted(out, key=lambda e: e.start)


#: news agencies that name themselves in a dateline or a photo credit (`Berlin (AFP)`,
#: `Foto: … / REUTERS`). Not `dpa`, which DFKI SmartData marks in only half its mentions,
#: nor `AP`, a common abbreviation.
NEWS_AGENCIES = frozenset("Reuters REUTERS AFP ddp dapd KNA epd APA".split())


def _news_agencies(doc: Doc, ents: list[Span], words: list[str]) -> list[Span]:
    """A news agency's name (:data:`NEWS_AGENCIES`) outside any entity as ORG."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    added = [Span(doc, i, i + 1, label="ORG") for i, w in enumerate(words)
             if w in NEWS_AGENCIES and i not in taken]
    return sorted(ents + added, key=lambda e: e.start) if added else ents


def _without_bare_roles(ents: list[Span]) -> list[Span]:
    """Entities without a person that is only a role (`sagte Sportsenatorin Dinges`: the
    tagger's `Sportsenatorin` alone); the name after a role is the person."""
    from zitat.nlp.titles import is_role_word

    return [e for e in ents if not (e.label_ == "PER" and all(is_role_word(t.text) for t in e))]


def correct_entities(doc: Doc) -> list[Span]:
    """The tagger's entities with the gazetteer's places merged in.

    Returns:
        Non-overlapping entity spans without leading prepositions and articles; the
        tagger's own spans win every overlap except a lone PER/MISC that is exactly a
        country.
    """
    ents = _without_bare_roles(_persons_by_surname(_trimmed(_joined_compounds(list(doc.ents)))))
    words = [t.text for t in doc]  # one pass over the tokens; the rules look at strings
    ents = _with_legal_forms(doc, ents, words)
    ents = _after_kind_words(doc, ents, words)
    ents = _persons_by_first_name(doc, ents)
    ents = _repeated_names(doc, ents, words)
    ents = _news_agencies(doc, ents, words)
    places = find_places(doc_text(doc), [(e.start_char, e.end_char, e.label_) for e in ents])
    by_span = {(e.start_char, e.end_char): e for e in ents}
    added: list[Span] = []
    for p in places:
        if p.country is None:
            continue
        span = doc.char_span(p.span[0], p.span[1], label="LOC")
        if span is None or _is_station(doc, span):
            continue
        same = by_span.get(p.span)
        if same is not None:
            before = doc[span.start - 1] if span.start > 0 else None
            # not after an article or adjective: `Der 32-jährige Holland` is a person
            person_like = before is not None and not before.is_punct and \
                before.text[-1:].islower() and before.lower_ not in _PLACE_PREPS
            if same.label_ in _OVERRIDABLE and p.feature == "country" and not person_like:
                ents.remove(same)
                added.append(span)
            continue
        # a country is a place wherever it stands; a city only after a preposition (`in
        # Jackson`, not `Jackson sagte`), as names of people and places overlap
        licensed = p.feature == "country" or (
            span.start > 0 and doc[span.start - 1].lower_ in _PLACE_PREPS)
        if licensed and not any(e.start < span.end and span.start < e.end for e in ents):
            added.append(span)
    ents = filter_spans(ents + added)
    return filter_spans(ents + _introduced_acronyms(ents))


class EntityRules:
    """Replaces ``doc.ents`` with the corrected entities; never fails a document."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        check_deadline()
        try:
            doc.ents = correct_entities(doc)
        except LimitError:  # the article's deadline: it is rejected, not half-analysed
            raise
        except Exception:  # per-document boundary: keep the tagger's entities
            log.exception("entity rules failed on a document of %d characters", len(doc_text(doc)))
        return doc


@Language.factory("zitat_entity_rules", requires=["doc.ents"], assigns=["doc.ents"])
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    """Factory of the ``zitat_entity_rules`` component."""
    return EntityRules(name)
