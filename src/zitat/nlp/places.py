"""Places: gazetteer lookup with German exonyms and inflections: ``zitat_places``.

Every mention keeps its text and gets a German canonical name (and GeoNames' international
one), ISO country code, coordinates and a feature type (country, city, region). `Brüssel` →
Brüssel (Brussels, BE), `Moldau` → Republik Moldau (Moldova), `Weißrussland` → Belarus,
`Wiens` → Wien (Vienna, AT, genitive), `Washingtons` → Washington, D.C. An ambiguous name takes the
reading whose country other places of the article support; small towns and names that
are also German words (`Essen`, `Halle`) count only after a preposition (`in Halle`) or
as an NER location, and never inside a person's name. Unknown NER locations keep their
text with null coordinates.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from zitat.errors import LimitError
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.schema import Place, Quote

log = logging.getLogger(__name__)

GAZETTEER = Path(__file__).resolve().parent / "data" / "places.json.gz"
_WORD_RE = re.compile(r"[A-ZÄÖÜ][\w\-.()]*(?:\s+(?:am|an der|im|de|del|di|von)?\s*[A-ZÄÖÜ(][\w\-.()]*){0,3}")
_TOKEN_RE = re.compile(r"[A-ZÄÖÜ][\w\-]*\.?|\([\w ]+\)|am|an|der|im|de|del|di|von|[a-zäöüß]+")
_PREPS = frozenset(["in", "nach", "aus", "bei", "von", "bis", "um", "über", "durch", "gegen",
                    "zwischen", "Richtung", "nahe", "im", "vor"])
#: names that are also everyday German words: only with a preposition or an NER location
_COMMON = frozenset(["Essen", "Halle", "Mark", "Wald", "Bad", "Hof", "Weil", "Rain", "Mitte",
                     "Ende", "Lage", "Stein", "Berg", "Union", "Aue", "Brand", "Kamen", "Werne",
                     "Bergen", "Worms", "Sachsen", "Zeit", "Post", "Bank", "Rat", "Land",
                     "Staaten", "Emirate", "Amerika", "Island", "Georgia", "Jordan", "Chad",
                     "Nice", "Marne", "Roth", "Neuss", "Wesel", "Lauf", "Kassel", "Dessau",
                     "Sonderburg", "Schwerin", "Plauen", "Gotha", "Pirna", "Hameln", "Calw",
                     "Mainz", "Bonn", "Kiel", "Ulm"])
_MIN_FREE_POPULATION = 100_000
_ARTICLES = frozenset(["der", "die", "das", "dem", "den", "des"])
#: words that announce a place name right after them
_PLACE_CUES = frozenset(["land", "bundesland", "stadt", "hauptstadt", "region", "provinz",
                         "gemeinde", "kreis", "landkreis", "kanton", "besuchte", "besucht",
                         "erreichte", "verließ", "verlässt", "besucht", "bereiste"])
_COORDINATION = re.compile(r"\s*(?:,|und|oder|sowie|,\s*und)\s*")
#: runs of capitalised words, with the connectors of names like `Frankfurt an der Oder`
_RUN_RE = re.compile(r"[A-ZÄÖÜ][\w\-]*(?:\s+(?:an\s+der\s+|am\s+|im\s+)?[A-ZÄÖÜ(][\w\-)]*)*")
_VOTE_WINDOW = 200
#: sentence-initial function words that happen to be place names somewhere (`Von`, `Die`)
_FUNCTION_WORDS = frozenset(
    "von der die das dem den des ein eine in im am an auf bei nach aus mit auch sie er es wir "
    "zu um für vor über unter ob so da wie wo als und oder aber doch nur noch schon man dies "
    "diese dieser jetzt hier dort heute gestern morgen".split()
)


@dataclass(frozen=True)
class Gazetteer:
    """The shipped gazetteer, indexed for lookup.

    ``table`` maps a surface form to its readings ``[name, cc, lat, lon, feature,
    population, cues]``; ``cues`` are words (German state, river, ``USA``) whose presence
    in the text favours that reading. ``common`` holds names that are also German words.
    """

    table: dict[str, list[list[Any]]]
    common: frozenset[str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the gazetteer built by ``python -m zitat.train.gazetteer`` (cached)."""
    if not GAZETTEER.exists():
        log.warning("no gazetteer at %s; places will only carry NER text", GAZETTEER)
        return Gazetteer({}, _COMMON)
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    places = data["places"]
    table = {surface: [places[i] for i in ids] for surface, ids in data["names"].items()}
    return Gazetteer(table, _COMMON | frozenset(data.get("common", ())))


def _lookup(surface: str) -> tuple[str, list[list[Any]]] | None:
    table = gazetteer().table
    if surface in table:
        return surface, table[surface]
    # genitive: "Washingtons", "Kiews", "Berlins"; "Polens"
    if surface.endswith("s") and surface[:-1] in table:
        return surface[:-1], table[surface[:-1]]
    if surface.endswith("'") and surface[:-1] in table:
        return surface[:-1], table[surface[:-1]]
    return None


def _with_coordinations(
    text: str, cands: list[tuple[int, int, str, list[list[Any]], bool]]
) -> list[tuple[int, int, str, list[list[Any]]]]:
    """Licensed candidates plus those coordinated with one (`Görlitz und Zittau`,
    `Hannover, Bremen und Kassel`), repeated until nothing changes."""
    ok = [c[4] for c in cands]
    changed = True
    while changed:
        changed = False
        for k in range(len(cands)):
            if ok[k]:
                continue
            for n in (k - 1, k + 1):
                if 0 <= n < len(cands) and ok[n]:
                    lo, hi = sorted((k, n))
                    if _COORDINATION.fullmatch(text[cands[lo][1]:cands[hi][0]]):
                        ok[k] = changed = True
                        break
    return [c[:4] for c, keep in zip(cands, ok, strict=True) if keep]


def _is_name_word(word: str) -> bool:
    w = word.strip(",.;:()")
    return bool(w) and w[0].isupper() and w.lower() not in _FUNCTION_WORDS \
        and w.lower() not in _PLACE_CUES


def _cue_hits(reading: list[Any], window: str) -> int:
    cues = reading[6] if len(reading) > 6 else ()
    return sum(1 for cue in cues if re.search(rf"\b{re.escape(cue)}\b", window))


_WITH_ARTICLE = frozenset(["im", "vom", "zum", "beim", "am"])


def _licensed_by_context(text: str, start: int, common_word: bool, takes_article: bool) -> bool:
    """A preposition, a place noun (`Land Brandenburg`) or a visit verb right before.

    Names that are also German words need the cue directly before them (`in Essen`, not
    `in der Mitte`); other names may have an article in between (`in der Ukraine`). Towns
    take no article, so `im Norden` is a direction, while `im Iran` is a country.
    """
    words = [w.strip(",.;:").lower() for w in text[max(0, start - 30):start].split()[-2:]]
    if not words:
        return False
    if words[-1] in _WITH_ARTICLE and not takes_article:
        return False
    if words[-1] in _PREPS or words[-1] in _PLACE_CUES:
        return True
    return not common_word and len(words) == 2 and words[0] in _PREPS and words[1] in _ARTICLES


def _lookup_inflected(surface: str) -> tuple[str, list[list[Any]]] | None:
    """``_lookup`` plus the weak adjective inflection of multi-word names
    (`der Vereinigten Arabischen Emirate` → `Vereinigte Arabische Emirate`)."""
    res = _lookup(surface)
    if res or " " not in surface:
        return res
    base = " ".join(w[:-1] if w.endswith("en") and w[:1].isupper() else w
                    for w in surface.split())
    return _lookup(base) if base != surface else None


def find_places(
    text: str, ents: list[tuple[int, int, str]], persons: list[tuple[int, int]] | None = None
) -> list[Place]:
    """Place mentions of ``text``.

    Args:
        text: article text.
        ents: NER entities as ``(start, end, label)``; LOC ones are candidates too.
        persons: spans of person names, where no place is looked for.

    Returns:
        Places in text order, each resolved to one reading (or unresolved with null
        coordinates when only NER knows it).
    """
    persons = list(persons or []) + [(s, e) for s, e, lab in ents if lab == "PER"]
    ner_loc = {(s, e) for s, e, lab in ents if lab in ("LOC", "GPE")}
    common = gazetteer().common
    # (start, end, key, readings, licensed): unlicensed ones may join a coordination later
    cands_found: list[tuple[int, int, str, list[list[Any]], bool]] = []

    def blocked_by_person(s: int, e: int, big: bool, common_word: bool, genitive: bool) -> bool:
        for a, b in persons:
            if not (s < b and a < e):
                continue
            # the tagger often calls a lone country or a city with its context a person
            # (`Teheran wies … zurück`, `die Regierung von Georgien`, `Kiews Bürgermeister`):
            # a big place inside a person span is the place unless a name word touches it
            # (`Nina Hagen`, `Paris Hilton`)
            if big and not common_word and a <= s and e <= b:
                before = text[a:s].split()
                after = text[e:b].split()
                if genitive or not (_is_name_word(before[-1] if before else "")
                                    or _is_name_word(after[0] if after else "")):
                    continue
            return True
        return False

    for m in _RUN_RE.finditer(text):
        check_deadline()
        words = list(re.finditer(r"[^\s]+", m.group()))
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + 4), i, -1):  # longest first
                s = m.start() + words[i].start()
                e = m.start() + words[j - 1].end()
                surface = text[s:e].rstrip(".,;:")
                e = s + len(surface)
                res = _lookup_inflected(surface)
                if res:
                    hit = (s, e, res)
                    i = j
                    break
            if hit is None:
                i += 1
                continue
            s, e, (key, cands) = hit
            if key.lower() in _FUNCTION_WORDS:
                continue
            common_word = key in common
            big = any(c[4] in ("country", "region") or c[5] >= _MIN_FREE_POPULATION
                      for c in cands)
            if blocked_by_person(s, e, big, common_word, genitive=text[s:e] != key):
                continue
            is_ner = any(a <= s and e <= b for a, b in ner_loc)
            takes_article = any(c[4] in ("country", "region") for c in cands)
            licensed = (is_ner or _licensed_by_context(text, s, common_word, takes_article)
                        or (big and not common_word))
            cands_found.append((s, e, key, cands, licensed))
    found = _with_coordinations(text, cands_found)
    taken = [(s, e) for s, e, _, _ in found]

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in taken + persons)

    # countries of unambiguous mentions nearby decide ambiguous ones, then cue words of a
    # reading in the text (`Frankfurt` … `Oder`, `Halle` … `Sachsen-Anhalt`), then size
    anchors = sorted((s, c[0][1]) for s, _, _, c in found if len({x[1] for x in c}) == 1)
    anchor_pos = [pos for pos, _ in anchors]
    places: list[Place] = []
    for s, e, _key, cands in found:
        # the anchors within the window, found by bisection (a scan per place was quadratic)
        near = anchors[bisect_left(anchor_pos, s - _VOTE_WINDOW):
                       bisect_right(anchor_pos, s + _VOTE_WINDOW)]
        votes = Counter(cc for pos, cc in near if pos != s)
        window = text[max(0, s - _VOTE_WINDOW):e + _VOTE_WINDOW]
        best = max(cands, key=lambda c: (votes.get(c[1], 0), _cue_hits(c, window), c[5]))
        name, cc, lat, lon, feature = best[:5]
        german = best[7] if len(best) > 7 else name  # a gazetteer before version 2: no German name
        places.append(Place(text=text[s:e], span=(s, e), name=german, name_en=name, country=cc,
                            lat=lat, lon=lon, feature=feature))
    for s, e in sorted(ner_loc):
        if free(s, e):
            places.append(Place(text=text[s:e], span=(s, e), name=text[s:e], feature="other"))
            taken.append((s, e))
    return sorted(places, key=lambda p: p.span)


_SAID_AT = re.compile(r"\b(?:in|im|bei|auf|vor)\s+(?:der|dem|den)?\s*$", re.IGNORECASE)
#: how far from the cue or speaker a place may stand to be where the statement was made
_SAID_AT_WINDOW = 60


def quote_places(text: str, quotes: list[Quote], places: list[Place]) -> list[Quote]:
    """Quotes with ``place`` set where their frame says where it was said.

    A place counts when it stands outside the quote, right after `in`/`bei`/`auf`/`vor`,
    within a short distance of the quote's cue or speaker and in the same sentence
    (`sagte Blinken am Dienstag in Washington`, `In Brüssel erklärte sie: …`).
    """
    out = []
    # places by start, so that each quote looks only at those near its anchors, not at
    # every place of the article (quotes × places: issue 24, finding 3)
    by_start = sorted(range(len(places)), key=lambda k: places[k].span[0])
    starts = [places[k].span[0] for k in by_start]
    longest = max((p.span[1] - p.span[0] for p in places), default=0)
    for q in quotes:
        check_deadline()
        anchors = [s for role in (q.cue, q.speaker) if role for s in role.spans]
        best: tuple[int, Place] | None = None
        near: list[Place] = []
        if anchors:
            # within the window: s <= max anchor end + window, e >= min anchor start - window
            first = min(a for a, _ in anchors) - _SAID_AT_WINDOW - longest
            last = max(b for _, b in anchors) + _SAID_AT_WINDOW
            # in the given order, which decides between places at the same distance
            near = [places[k] for k in
                    sorted(by_start[bisect_left(starts, first):bisect_right(starts, last)])]
        for p in near:
            s, e = p.span
            if any(a < e and s < b for a, b in q.spans) or not _SAID_AT.search(text[max(0, s - 12):s]):
                continue
            dist = min(max(a - e, s - b, 0) for a, b in anchors)
            lo, hi = min(s, *(a for a, _ in anchors)), max(e, *(b for _, b in anchors))
            if dist <= _SAID_AT_WINDOW and not re.search(r"[.!?]\s", text[lo:hi]) \
                    and (best is None or dist < best[0]):
                best = (dist, p)
        out.append(q.model_copy(update={"place": best[1].name}) if best else q)
    return out


class PlaceFinder:
    """Sets ``doc._.places`` from NER locations and the gazetteer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        check_deadline()
        # a lone common noun the tagger called LOC (`Kantine`, `Luftalarm`) is no place
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents
                if not (e.label_ == "LOC" and len(e) == 1 and e[0].pos_ == "NOUN"
                        and _lookup(e.text) is None)]
        persons = [m for ent in (doc._.entities or []) if ent.label == "PER" for m in ent.mentions]
        try:
            doc._.places = find_places(doc_text(doc), ents, persons)
            doc._.quotes = quote_places(doc_text(doc), doc._.quotes or [], doc._.places)
        except LimitError:  # the article's deadline: it is rejected, not half-analysed
            raise
        except Exception:  # per-document boundary
            log.exception("place lookup failed")
            doc._.places = []
        return doc


@Language.factory("zitat_places", assigns=["doc._.places", "doc._.quotes"])
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    """Factory of the ``zitat_places`` component."""
    return PlaceFinder(name)
