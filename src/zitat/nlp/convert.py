"""Turn an annotated Doc into the data-contract record; Docs never leave ``zitat.nlp``."""

from __future__ import annotations

from spacy.tokens import Doc

from zitat.nlp.extensions import doc_text
from zitat.nlp.framing import with_framing
from zitat.nlp.speaker_attributes import with_attributes
from zitat.schema import Article, Entity, Place, Quote, RawArticle, article_id

_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "GPE": "LOC", "OTH": "MISC"}


def entities_from_ents(doc: Doc) -> list[Entity]:
    """Group ``doc.ents`` by label and surface text (used when no speaker component ran)."""
    grouped: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label:
            grouped.setdefault((label, ent.text), []).append((ent.start_char, ent.end_char))
    return [
        Entity(id=f"e{i}", label=label, name=name, mentions=mentions)  # type: ignore[arg-type]
        for i, ((label, name), mentions) in enumerate(grouped.items(), start=1)
    ]


def places_as_locations(
    entities: list[Entity], places: list[Place], quotes: list[Quote]
) -> list[Entity]:
    """Relabel as LOC the silent PER/ORG entities whose every mention is a resolved place.

    The tagger sometimes calls a country a person (`Moldau`); the gazetteer-backed place
    component knows better, unless the entity speaks, which no place does.
    """
    place_spans = {tuple(p.span) for p in places if p.country}
    speakers = {q.speaker.entity for q in quotes if q.speaker and q.speaker.entity}
    return [
        e.model_copy(update={"label": "LOC", "roles": []})
        if e.label in ("PER", "ORG") and e.id not in speakers and e.mentions
        and all(tuple(m) in place_spans for m in e.mentions) else e
        for e in entities
    ]


def article_from_doc(doc: Doc, raw: RawArticle) -> Article:
    """Build the :class:`Article` for ``doc``, which was made from ``raw``."""
    entities = doc._.entities if doc._.entities is not None else entities_from_ents(doc)
    entities = places_as_locations(list(entities), list(doc._.places or []),
                                   list(doc._.quotes or []))
    text = doc_text(doc)
    quotes = with_framing(list(doc._.quotes or []))
    return Article(
        id=article_id(raw.text),
        date=raw.date,
        title=raw.title,
        url=raw.url,
        source=raw.source,
        text=text,
        quotes=quotes,
        entities=with_attributes(text, list(entities), quotes),
        times=list(doc._.times or []),
        places=list(doc._.places or []),
        meta=dict(raw.meta),
    )
