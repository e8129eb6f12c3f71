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


def article_marks(article: Article) -> list[Mark]:
    """All annotations of an article as marks with a hover text."""
    marks: list[Mark] = []
    names = {e.id: e.name for e in article.entities}
    for q in article.quotes:
        speaker = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
        info = f"{q.type}, {q.medium}, Konfidenz {q.confidence:.2f}" + (
            f", Sprecher: {speaker}" if speaker else ", Sprecher unbekannt") + (
            f", Regel: {q.rule}" if q.rule else "")
        marks += [Mark(s, e, "quote", f"Zitat ({info})") for s, e in q.spans]
        if q.cue:
            marks += [Mark(s, e, "cue", f"Redeeinleitung zu {q.id}") for s, e in q.cue.spans]
        if q.speaker:
            resolved = names.get(q.speaker.entity or "")
            title = f"Sprecher: {resolved or q.speaker.text}"
            marks += [Mark(s, e, "speaker", title) for s, e in q.speaker.spans]
        if q.addressee:
            marks += [Mark(s, e, "addressee", f"Adressat: {q.addressee.text}")
                      for s, e in q.addressee.spans]
    for ent in article.entities:
        roles = f" ({', '.join(ent.roles)})" if ent.roles else ""
        marks += [Mark(s, e, "entity", f"{ent.label}: {ent.name}{roles}")
                  for s, e in ent.mentions]
    for t in article.times:
        marks.append(Mark(*t.span, "time", f"{t.type} {t.value or 'ungelöst'}"
                          + (f" ({t.granularity})" if t.granularity else "")))
    for p in article.places:
        where = f"{p.name}, {p.country}" if p.country else p.name
        coords = f" ({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None and p.lon is not None else ""
        marks.append(Mark(*p.span, "place", f"Ort: {where}{coords}"))
    return [m for m in marks if 0 <= m.start < m.end <= len(article.text)]


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML where every stretch carries the classes and hover texts of
    the marks covering it; overlapping and nested marks are cut at every boundary, so
    the result is always well-formed."""
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
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
        classes = " ".join(f"a-{k}" for k in kinds)
        out.append(f'<span class="{classes}" title="{escape(title)}">'
                   f'{str(piece).replace(chr(10), "<br>")}</span>')
    return Markup("".join(out))


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the original character's index."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = fold(c)
        chars.append(f)
        index += [i] * len(f)
    return "".join(chars), index


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
