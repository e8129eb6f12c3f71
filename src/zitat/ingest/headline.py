"""Headlines: the first line of a plain-text article is its title when it looks like one.

Plain text and date-header files often start with the headline on a line of its own
(``Feldmann: „Wir werden den Haushalt in Ordnung bringen“``). Analysed as text, such a
line becomes a quote of its own; it is the title.
"""

from __future__ import annotations

import re

#: a headline is at most this long (characters and words)
MAX_CHARS = 200
MAX_WORDS = 25
# a line ending in a sentence's full stop is body text, not a headline ("Er kam." …);
# "?", "!", closing quote marks and no punctuation at all are headline endings
_SENTENCE_END = re.compile(r"[.;,]\s*$")


def split_headline(text: str) -> tuple[str | None, str]:
    """``(title, body)`` when the first line of ``text`` is a headline, else ``(None, text)``.

    A headline is the first line, followed by more text on later lines, short (at most
    200 characters and 25 words) and not ending like a sentence of body text (``.``, ``,``,
    ``;``). A text on a single line is never split.
    """
    first, sep, rest = text.strip().partition("\n")
    first, rest = first.strip(), rest.strip()
    if not sep or not rest or not first:
        return None, text
    if len(first) > MAX_CHARS or len(first.split()) > MAX_WORDS or _SENTENCE_END.search(first):
        return None, text
    return first, rest
