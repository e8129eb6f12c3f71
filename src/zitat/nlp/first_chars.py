"""Faster regex scans: a look-ahead for the characters a match can begin with.

Python's ``re`` only skips ahead quickly when a pattern starts with a literal or a plain
character class. A pattern that opens with optional words (``(?:[Ii]m\\s+|[Ss]eit\\s+)?
\\b…``) is tried in full at every position of the text, which made the temporal rules
cost as much as a tenth of the whole analysis. :func:`with_first_char_check` prefixes a
pattern with ``(?=[…])``, the set of characters any of its matches starts with (computed
from the parsed pattern, so the matches stay exactly the same); most positions then fail
at that one test.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s"}


class _Unknown(Exception):
    """The pattern can start with (nearly) any character: no useful look-ahead."""


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) in "\\]^-[" else chr(code)


def _in(items: list[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            out.add(_char(arg))
        elif op is sre.RANGE:
            out.add(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            out.add(_CATEGORIES[arg])
        else:  # NEGATE, \w, \S, …
            raise _Unknown
    return out


def _first(seq: Any, icase: bool) -> tuple[set[str], set[str], bool]:
    """(case-sensitive items, case-insensitive items, can match empty) of a parsed sequence."""
    cs: set[str] = set()
    ci: set[str] = set()
    for op, arg in seq:
        nullable = False
        if op is sre.LITERAL:
            (ci if icase else cs).add(_char(arg))
        elif op is sre.IN:
            (ci if icase else cs).update(_in(arg))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            nullable = True  # zero-width
        elif op is sre.BRANCH:
            for alt in arg[1]:
                a, b, n = _first(alt, icase)
                cs |= a
                ci |= b
                nullable = nullable or n
        elif op is sre.SUBPATTERN:
            _group, add, delete, sub = arg
            flag = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not (
                delete & sre.SRE_FLAG_IGNORECASE)
            a, b, nullable = _first(sub, flag)
            cs |= a
            ci |= b
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            a, b, n = _first(sub, icase)
            cs |= a
            ci |= b
            nullable = low == 0 or n
        elif op is sre.ATOMIC_GROUP:
            a, b, nullable = _first(arg, icase)
            cs |= a
            ci |= b
        else:  # ANY, NOT_LITERAL, group references, …
            raise _Unknown
        if not nullable:
            return cs, ci, False
    return cs, ci, True


def first_char_class(pattern: re.Pattern[str]) -> str | None:
    """A look-ahead matching every character a match of ``pattern`` can begin with, or
    None when that is not a useful restriction (the pattern can match empty, or start
    with any word character)."""
    try:
        cs, ci, nullable = _first(sre_parse.parse(pattern.pattern, pattern.flags),
                                  bool(pattern.flags & re.IGNORECASE))
    except _Unknown:
        return None
    if nullable or not (cs or ci):
        return None
    # re's own case folding for the case-insensitive part, so that no fold is missed
    parts = ([f"[{''.join(sorted(cs))}]"] if cs else []) + (
        [f"(?i:[{''.join(sorted(ci))}])"] if ci else [])
    return f"(?={'|'.join(parts)})"


def with_first_char_check(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with :func:`first_char_class` in front: the same matches, found faster."""
    look = first_char_class(pattern)
    if look is None:
        return pattern
    return re.compile(f"{look}(?:{pattern.pattern})", pattern.flags)
