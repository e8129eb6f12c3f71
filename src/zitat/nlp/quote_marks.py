"""German quotation marks, in one place: which marks open, which close, how they pair.

Styles: „…“ (German), »…« (guillemets, German order), «…» (Swiss/French order), "…"
(straight), “…” (English), ‚…‘ and ›…‹ / ‹…› (single, usually nested). A quote whose
closing mark is missing ends at the end of its paragraph; one whose opening mark is
missing (`Das ist ein Papiertiger“, sagte Keller.`) starts with its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

#: opening mark -> accepted closing marks
PAIRS: dict[str, tuple[str, ...]] = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),
    '"': ('"', "“", "”"),
    "“": ("”", '"'),
    "‚": ("‘", "’"),
    "›": ("‹",),
    "‹": ("›",),
}
DOUBLE_OPENERS = ("„", "»", "«", '"', "“")
SINGLE_OPENERS = ("‚", "›", "‹")
ALL_MARKS = frozenset("„“”\"»«‚‘’›‹")


@dataclass(frozen=True)
class MarkedSpan:
    """A stretch of text between quotation marks; ``end`` includes the closing mark.

    ``opener`` is empty for a quote whose opening mark is missing.
    """

    start: int
    end: int
    opener: str
    closed: bool
    depth: int = 0

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + bool(self.opener), self.end - 1 if self.closed else self.end


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space/start/bracket and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{:–—-/") and not after.isspace()


#: closing marks that, alone after a word and before a comma, end a quote without opener
_ORPHAN_CLOSERS = ("“", "”", "«")


def _orphan_start(text: str, i: int, floor: int) -> int:
    """Start of the sentence that an opener-less quote closing at ``i`` belongs to, or -1
    when the mark is not such a close (it must follow a word and precede a comma)."""
    if i == 0 or text[i - 1].isspace() or text[i + 1:i + 2] != ",":
        return -1
    k = i - 1
    while k > floor and text[k] != "\n" and not (
            text[k] in ".!?" and text[k + 1:k + 2].isspace()):
        k -= 1
    start = k + 1 if k > floor or text[k] in ".!?\n" else floor
    while start < i and text[start].isspace():
        start += 1
    return start if i - start >= 12 else -1


def _paragraph_end(text: str, i: int, limit: int) -> int:
    """The end of the paragraph from ``i``, looked for at most ``limit`` characters ahead (a
    search to the end of the text per quotation mark was quadratic: issue 24, finding 3)."""
    nxt = text.find("\n\n", i, i + limit + 1)
    return min(len(text), i + limit) if nxt < 0 else nxt


def find_marked_spans(text: str, *, max_len: int = 4000) -> list[MarkedSpan]:
    """All top-level double-quoted spans (and single-quoted ones nested or standalone).

    Args:
        text: the article text.
        max_len: a quote running longer than this without a closing mark is cut at its
            paragraph end.

    Returns:
        Spans in text order; top-level spans first have ``depth`` 0, nested ones ``depth`` 1.
    """
    spans: list[MarkedSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _ORPHAN_CLOSERS and i > 0 and not _is_opening_straight(text, i):
            start = _orphan_start(text, i, spans[-1].end if spans else 0)
            if start >= 0:
                spans.append(MarkedSpan(start, i + 1, "", True))
            i += 1
            continue
        if ch in DOUBLE_OPENERS and (ch != '"' or _is_opening_straight(text, i)):
            closers = PAIRS[ch]
            para_end = min(_paragraph_end(text, i, max_len), i + max_len)
            j = i + 1
            close_at = -1
            while j < para_end:
                c = text[j]
                if c in closers and not (c == '"' and _is_opening_straight(text, j) and ch == '"'
                                         and j + 1 < n and text[j + 1].isalpha()):
                    close_at = j
                    break
                if c in DOUBLE_OPENERS and c not in closers and c == ch and c != '"':
                    break  # a new quote opens: the previous one was never closed
                j += 1
            if close_at >= 0:
                spans.append(MarkedSpan(i, close_at + 1, ch, True))
                spans.extend(_nested(text, i + 1, close_at))
                i = close_at + 1
                continue
            end = j if j < para_end else para_end
            while end > i + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(MarkedSpan(i, end, ch, False))
            i = max(end, i + 1)
            continue
        if ch in SINGLE_OPENERS and (ch != "‚" or _is_opening_straight(text, i)):
            close = _find_single_close(text, i)
            if close > 0:
                spans.append(MarkedSpan(i, close + 1, ch, True))
                i = close + 1
                continue
        i += 1
    return spans


def _find_single_close(text: str, i: int, stop: int | None = None) -> int:
    closers = PAIRS[text[i]]
    stop = stop if stop is not None else min(len(text), i + 600)
    for j in range(i + 1, stop):
        if text[j] in closers and (j + 1 >= len(text) or not text[j + 1].isalpha()):
            return j
        if text[j] == "\n":
            return -1
    return -1


def _nested(text: str, start: int, end: int) -> list[MarkedSpan]:
    found = []
    k = start
    while k < end:
        if text[k] in SINGLE_OPENERS and (text[k] != "‚" or _is_opening_straight(text, k)):
            close = _find_single_close(text, k, end)
            if close > 0:
                found.append(MarkedSpan(k, close + 1, text[k], True, depth=1))
                k = close + 1
                continue
        k += 1
    return found
