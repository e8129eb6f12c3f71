"""The first-character look-ahead keeps every match of a pattern and only skips positions."""

from __future__ import annotations

import re

import pytest

from zitat.nlp.first_chars import first_char_class, with_first_char_check
from zitat.nlp.timex_rules import GATES, RULES

TEXT = (
    "Im März 2022 sagte die Ministerin, seit Montagabend liege ein Angebot vor. Bis zum "
    "Frühjahr 2023 solle Klarheit herrschen; ÜBERMORGEN treffe man sich um 14.30 Uhr in "
    "Straßburg. Vor drei Wochen, am 3. Dezember, hieß es noch, in den 1990er Jahren sei das "
    "anders gewesen. Ende des Jahres, so die Sprecherin, werde täglich neu entschieden."
)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:[Ii]m\s+)?\bMärz", "(?=[IMi])"),
    (r"\d+\s*Uhr", r"(?=[\d])"),
    (r"(?i:sommer|winter)", "(?=(?i:[sw]))"),
])
def test_first_characters_of_a_pattern(pattern, expected):
    assert first_char_class(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"(?:am\s+)?", r".+Uhr", r"\w+tag", r"[^a]bc"])
def test_no_look_ahead_where_any_character_or_nothing_may_start_a_match(pattern):
    assert first_char_class(re.compile(pattern)) is None
    assert with_first_char_check(re.compile(pattern)).pattern == pattern


def test_case_insensitive_parts_keep_their_matches():
    pattern = re.compile(r"(?:[Bb]is\s+)?(?i:übermorgen|frühjahr)")
    faster = with_first_char_check(pattern)
    assert [m.group() for m in faster.finditer(TEXT)] == ["Frühjahr", "ÜBERMORGEN"]
    assert [m.span() for m in faster.finditer(TEXT)] == [m.span() for m in pattern.finditer(TEXT)]


def test_temporal_rules_find_the_same_expressions():
    originals = {name: re.compile(p.pattern.split(")(?:", 1)[1][:-1], p.flags)
                 for name, p, _ in RULES if p.pattern.startswith("(?=")}
    assert len(originals) > 20
    for name, pattern, _ in RULES:
        if name in originals:
            assert [m.groupdict() for m in pattern.finditer(TEXT)] == \
                [m.groupdict() for m in originals[name].finditer(TEXT)], name
            # the gate is a necessary condition: every match contains it
            for m in pattern.finditer(TEXT):
                assert GATES[name].search(m.group()) if name in GATES else True, (name, m)
