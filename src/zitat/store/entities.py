"""Link an article's entities to the store's cross-article entities.

Rules (issue 5): a full name links to the stored entity with that name or variant; a
surname-only mention links to the one stored person with that surname, or, when several
share it, to the one whose roles agree; otherwise it becomes an entity of its own.
Different first names never merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zitat.schema import Article, Entity
from zitat.store.text import fold, speaker_key


@dataclass(frozen=True)
class GlobalEntity:
    id: int
    label: str
    name: str
    roles: tuple[str, ...] = ()


#: (label, folded name, surname_only) -> candidate entities
Lookup = Callable[[str, str, bool], list[GlobalEntity]]
#: (label, name, key) -> id of a new (or existing) entity with that key
Create = Callable[[str, str, str], int]
#: (entity id, new canonical name, new key): a surname-only entity learns its full name
Rename = Callable[[int, str, str], None]


def _choose(ent: Entity, candidates: list[GlobalEntity]) -> GlobalEntity | None:
    if len(candidates) == 1:
        return candidates[0]
    roles = {fold(r) for r in ent.roles}
    agreeing = [c for c in candidates if roles & {fold(r) for r in c.roles}]
    return agreeing[0] if len(agreeing) == 1 else None


def link_entity(ent: Entity, lookup: Lookup, create: Create, rename: Rename | None = None) -> int:
    """The global id for one article entity (creating it when unknown)."""
    name = " ".join(ent.name.split())
    folded = fold(name)
    found = _choose(ent, lookup(ent.label, folded, False))
    if found is None and ent.label == "PER" and " " not in name:
        found = _choose(ent, lookup(ent.label, folded, True))
    if found is None and ent.label == "PER" and " " in name and rename is not None:
        # an earlier article knew only the surname: that entity learns the full name
        surname_only = [c for c in lookup(ent.label, folded.split()[-1], False) if " " not in c.name]
        found = _choose(ent, surname_only)
        if found is not None:
            rename(found.id, name, speaker_key(ent.label, name))
    if found is not None:
        return found.id
    return create(ent.label, name, speaker_key(ent.label, name))


def link_entities(
    article: Article, lookup: Lookup, create: Create, rename: Rename | None = None
) -> dict[str, int]:
    """Map each ``Entity.id`` of ``article`` to a global entity id."""
    # full names first, so surnames in the same article link to them
    ordered = sorted(article.entities, key=lambda e: -len(e.name.split()))
    return {ent.id: link_entity(ent, lookup, create, rename) for ent in ordered}
