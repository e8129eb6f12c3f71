"""Places: gazetteer lookup with German exonyms and inflections: ``zitat_places``.

Every mention gets a canonical name, ISO country code, coordinates and a feature type
(country, city, region). `Brüssel` → Brussels (BE), `Moldau` → Moldova, `Weißrussland`
→ Belarus, `Washingtons` → Washington, D.C. (genitive). An ambiguous name takes the
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
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from zitat.nlp import extensions  # noqa: F401
from zitat.schema import Place

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
#: runs of capitalised words, with the connectors of names like `Frankfurt an der Oder`
_RUN_RE = re.compile(r"[A-ZÄÖÜ][\w\-]*(?:\s+(?:an\s+der\s+|am\s+|im\s+)?[A-ZÄÖÜ(][\w\-)]*)*")
_VOTE_WINDOW = 200
#: sentence-initial function words that happen to be place names somewhere (`Von`, `Die`)
_FUNCTION_WORDS = frozenset(
    "von der die das dem den des ein eine in im am an auf bei nach aus mit auch sie er es wir "
    "zu um für vor über unter ob so da wie wo als und oder aber doch nur noch schon man dies "
    "diese dieser jetzt hier dort heute gestern morgen".split()
)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[list[Any]]]:
    """Surface form → candidate readings ``[name, cc, lat, lon, feature, population]``."""
    if not GAZETTEER.exists():
        log.warning("no gazetteer at %s; places will only carry NER text", GAZETTEER)
        return {}
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        return json.load(fh)["entries"]


def _lookup(surface: str) -> tuple[str, list[list[Any]]] | None:
    table = gazetteer()
    if surface in table:
        return surface, table[surface]
    # genitive: "Washingtons", "Kiews", "Berlins"; "Polens"
    if surface.endswith("s") and surface[:-1] in table:
        return surface[:-1], table[surface[:-1]]
    if surface.endswith("'") and surface[:-1] in table:
        return surface[:-1], table[surface[:-1]]
    return None


def _preceded_by_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 25):start].split()
    words = [w.strip(",.;:") for w in before[-3:]]
    return any(w.lower() in _PREPS for w in words[-2:])


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
    found: list[tuple[int, int, str, list[list[Any]]]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in taken + persons)

    for m in _RUN_RE.finditer(text):
        words = list(re.finditer(r"[^\s]+", m.group()))
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + 4), i, -1):  # longest first
                s = m.start() + words[i].start()
                e = m.start() + words[j - 1].end()
                surface = text[s:e].rstrip(".,;:")
                e = s + len(surface)
                res = _lookup(surface)
                if res:
                    hit = (s, e, res)
                    i = j
                    break
            if hit is None:
                i += 1
                continue
            s, e, (key, cands) = hit
            if not free(s, e) or key.lower() in _FUNCTION_WORDS:
                continue
            best_pop = max(c[5] for c in cands)
            is_ner = any(a <= s and e <= b for a, b in ner_loc)
            needs_context = key in _COMMON or best_pop < _MIN_FREE_POPULATION
            if needs_context and not is_ner and not _preceded_by_preposition(text, s):
                continue
            found.append((s, e, key, cands))
            taken.append((s, e))
    # countries of unambiguous mentions nearby decide ambiguous ones; else the larger place
    anchors = [(s, c[0][1]) for s, _, _, c in found if len({x[1] for x in c}) == 1]
    places: list[Place] = []
    for s, e, _key, cands in found:
        votes = Counter(cc for pos, cc in anchors if pos != s and abs(pos - s) <= _VOTE_WINDOW)
        best = max(cands, key=lambda c: (votes.get(c[1], 0), c[5]))
        name, cc, lat, lon, feature, _pop = best
        places.append(Place(text=text[s:e], span=(s, e), name=name, country=cc, lat=lat,
                            lon=lon, feature=feature))
    for s, e in sorted(ner_loc):
        if free(s, e):
            places.append(Place(text=text[s:e], span=(s, e), name=text[s:e], feature="other"))
            taken.append((s, e))
    return sorted(places, key=lambda p: p.span)


class PlaceFinder:
    """Sets ``doc._.places`` from NER locations and the gazetteer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        persons = [m for ent in (doc._.entities or []) if ent.label == "PER" for m in ent.mentions]
        try:
            doc._.places = find_places(doc.text, ents, persons)
        except Exception:  # per-document boundary
            log.exception("place lookup failed")
            doc._.places = []
        return doc


@Language.factory("zitat_places", assigns=["doc._.places"])
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    """Factory of the ``zitat_places`` component."""
    return PlaceFinder(name)
