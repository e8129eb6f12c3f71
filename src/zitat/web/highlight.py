"""Escaped HTML for highlighted article text and search hits (pure functions).

Everything that comes from an article is escaped here, before any markup is added, so a
text containing ``<script>`` or ``"><img onerror=…>`` renders as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from zitat.schema import Article
from zitat.store.text import fold, query_terms
from zitat.web.labels import entity_label, granularity, medium, quote_type, time_type, time_value

#: annotation kinds in legend order, with their German labels
KINDS: dict[str, str] = {
    "quote": "Zitat",
    "cue": "Redeeinleitung",
    "speaker": "Sprecher",
    "addressee": "Adressat",
    "entity": "Entität",
    "time": "Zeitangabe",
    "place": "Ort",
}


@dataclass(frozen=True)
class Mark:
    """One annotated character range of an article."""

    start: int
    end: int
    kind: str
    title: str
    href: str | None = None
    """Where the stretch links to (a quote's table row, a speaker's page)."""
    ref: str | None = None
    """The quote this mark belongs to: its number, colour and anchor in the text."""
    number: int = 0


#: quote colours cycle through this many classes (``qc-0`` …), so neighbours differ
QUOTE_COLOURS = 6


def article_marks(article: Article, speaker_ids: dict[str, int] | None = None) -> list[Mark]:
    """All annotations of an article as marks with a hover text.

    Each quote is numbered (1, 2, …) and linked to its row of the quotes table
    (``#q1``); a speaker whose name is in ``speaker_ids`` links to the speaker's page.
    """
    marks: list[Mark] = []
    names = {e.id: e.name for e in article.entities}
    links = speaker_ids or {}
    for number, q in enumerate(article.quotes, 1):
        speaker = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
        info = f"{quote_type(q.type)}, {medium(q.medium)}, Konfidenz {q.confidence:.2f}" + (
            f", Sprecher: {speaker}" if speaker else ", Sprecher unbekannt") + (
            f", Regel: {q.rule}" if q.rule else "")
        marks += [Mark(s, e, "quote", f"Zitat {number} ({info})", href=f"#{q.id}", ref=q.id,
                       number=number) for s, e in q.spans]
        if q.cue:
            marks += [Mark(s, e, "cue", f"Redeeinleitung zu Zitat {number}")
                      for s, e in q.cue.spans]
        if q.speaker:
            resolved = names.get(q.speaker.entity or "")
            title = f"Sprecher: {resolved or q.speaker.text}"
            target = links.get(resolved or q.speaker.text)
            marks += [Mark(s, e, "speaker", title,
                           href=f"/speakers/{target}" if target is not None else None)
                      for s, e in q.speaker.spans]
        if q.addressee:
            marks += [Mark(s, e, "addressee", f"Adressat: {q.addressee.text}")
                      for s, e in q.addressee.spans]
    for ent in article.entities:
        roles = f" ({', '.join(ent.roles)})" if ent.roles else ""
        marks += [Mark(s, e, "entity", f"{entity_label(ent.label)}: {ent.name}{roles}")
                  for s, e in ent.mentions]
    for t in article.times:
        marks.append(Mark(*t.span, "time", f"{time_type(t.type)}: {time_value(t.value)}"
                          + (f" ({granularity(t.granularity)})" if t.granularity else "")))
    for p in article.places:
        where = f"{p.name}, {p.country}" if p.country else p.name
        coords = f" ({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None and p.lon is not None else ""
        marks.append(Mark(*p.span, "place", f"Ort: {where}{coords}"))
    return [m for m in marks if 0 <= m.start < m.end <= len(article.text)]


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML where every stretch carries the classes and hover texts of
    the marks covering it; overlapping and nested marks are cut at every boundary, so
    the result is always well-formed.

    A quote's stretches get its colour class (``qc-N``) and ``data-q``; its first stretch
    carries the anchor ``text-<id>`` and its number. A stretch with a link (``href``) is an
    ``<a>``: a speaker's page before a quote's table row.
    """
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in pairwise(cuts):
        if a >= b:
            continue
        piece = escape(text[a:b])
        active = [m for m in marks if m.start <= a and b <= m.end]
        if not active:
            out.append(str(piece).replace("\n", "<br>"))
            continue
        kinds = sorted({m.kind for m in active}, key=list(KINDS).index)
        title = " · ".join(dict.fromkeys(m.title for m in active))
        classes = [f"a-{k}" for k in kinds]
        quote = next((m for m in active if m.ref), None)
        attrs = ""
        prefix = ""
        if quote is not None:
            classes.append(f"qc-{(quote.number - 1) % QUOTE_COLOURS}")
            attrs += f' data-q="{escape(quote.ref)}"'
            if quote.ref not in anchored:
                anchored.add(quote.ref or "")
                attrs += f' id="text-{escape(quote.ref)}"'
                prefix = (f'<sup class="qn qc-{(quote.number - 1) % QUOTE_COLOURS}" '
                          f'aria-hidden="true">{quote.number}</sup>')
        link = next((m.href for m in active if m.href and m.kind == "speaker"),
                    quote.href if quote is not None else None)
        tag = "a" if link else "span"
        if link:
            attrs += f' href="{escape(link)}"'
        out.append(f'{prefix}<{tag} class="{" ".join(classes)}" title="{escape(title)}"{attrs}>'
                   f'{str(piece).replace(chr(10), "<br>")}</{tag}>')
    return Markup("".join(out))


#: each character seen so far folded (:func:`~zitat.store.text.fold`), for ``str.translate``
_FOLDED: dict[int, str] = {}
#: the characters among them whose folding is not one character (``ß``, combining marks)
_UNEVEN: set[str] = set()


def _folded_with_index(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each folded character, the original character's index.

    Folded character by character through a table (``str.translate``); when every
    character folds to one, the index is the identity. A loop over the characters in
    Python cost about a millisecond per search page (issue 24, load benchmark)."""
    for c in set(text):
        if ord(c) not in _FOLDED:
            folded_c = fold(c)
            if len(folded_c) != 1:
                _UNEVEN.add(c)
            _FOLDED[ord(c)] = folded_c
    folded = text.translate(_FOLDED)
    if _UNEVEN.isdisjoint(text):
        return folded, range(len(text))
    index: list[int] = []
    for i, c in enumerate(text):
        index += [i] * len(_FOLDED[ord(c)])
    return folded, index


def mark_terms(text: str, query: str | None) -> Markup:
    """``text`` escaped, with every occurrence of the query's terms in ``<mark>``, matched
    the way search matches (case, umlauts, ß folded; parts of compounds)."""
    terms = query_terms(query or "")
    if not terms:
        return Markup(escape(text))
    folded, index = _folded_with_index(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            spans.append((index[start], index[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    out, pos = [], 0
    for s, e in merged:
        out += [str(escape(text[pos:s])), f"<mark>{escape(text[s:e])}</mark>"]
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def legend(kinds: Sequence[str] = tuple(KINDS)) -> list[tuple[str, str]]:
    """(css class, German label) pairs for the legend."""
    return [(f"a-{k}", KINDS[k]) for k in kinds]
