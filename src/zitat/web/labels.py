"""German labels for the codes of the data contract, as the web UI shows them.

The contract keeps its English codes (``IndirectFreeIndirect``, ``ST``, ``FUTURE_REF``);
people reading the UI get German words. Each function returns the code itself for a code
it does not know, so a new code is visible rather than hidden.
"""

from __future__ import annotations

import re

#: quotation types (schema.QUOTE_TYPES)
QUOTE_TYPES: dict[str, str] = {
    "Direct": "direkt",
    "Indirect": "indirekt",
    "FreeIndirect": "frei indirekt",
    "IndirectFreeIndirect": "indirekt/frei indirekt",
    "Reported": "berichtet",
}
#: media of a quotation (schema.MEDIA); the two-letter codes are the corpus' ambiguous ones
MEDIA: dict[str, str] = {
    "Speech": "gesprochen",
    "Writing": "geschrieben",
    "Thought": "gedacht",
    "ST": "gesprochen oder gedacht",
    "SW": "gesprochen oder geschrieben",
    "TW": "gedacht oder geschrieben",
    "none": "unbestimmt",
}
#: entity labels
ENTITY_LABELS: dict[str, str] = {
    "PER": "Person", "ORG": "Organisation", "LOC": "Ort", "MISC": "Sonstiges",
}
#: TIMEX3 types
TIME_TYPES: dict[str, str] = {
    "DATE": "Datum", "TIME": "Uhrzeit", "DURATION": "Dauer", "SET": "Wiederholung",
}
#: how precise a time expression is
GRANULARITIES: dict[str, str] = {
    "century": "Jahrhundert", "decade": "Jahrzehnt", "year": "Jahr", "season": "Jahreszeit",
    "quarter": "Quartal", "month": "Monat", "week": "Woche", "week-in-month": "Woche im Monat",
    "weekday": "Wochentag", "weekday-in-month": "Wochentag im Monat",
    "weekday-in-year": "Wochentag im Jahr", "weekend-in-month": "Wochenende im Monat",
    "day": "Tag", "time": "Uhrzeit", "hour": "Stunde", "minute": "Minute",
}
#: TIMEX3 reference values that are not dates
TIME_REFS: dict[str, str] = {
    "PAST_REF": "Vergangenheit", "PRESENT_REF": "Gegenwart", "FUTURE_REF": "Zukunft",
}
#: facets of the search, in display order
FACETS: dict[str, str] = {
    "speaker": "Sprecher", "type": "Typ", "year": "Jahr", "place": "Ort", "source": "Quelle",
}
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def quote_type(code: str) -> str:
    """German name of a quotation type (``IndirectFreeIndirect`` → ``indirekt/frei indirekt``)."""
    return QUOTE_TYPES.get(code, code)


def medium(code: str) -> str:
    """German name of a quotation's medium (``ST`` → ``gesprochen oder gedacht``)."""
    return MEDIA.get(code, code)


def entity_label(code: str) -> str:
    """German name of an entity label (``PER`` → ``Person``)."""
    return ENTITY_LABELS.get(code, code)


def time_value(value: str | None) -> str:
    """A TIMEX3 value for people: dates in German notation at their precision, references
    in words (``FUTURE_REF`` → ``Zukunft``), anything else as it is."""
    if not value:
        return "ungelöst"
    if value in TIME_REFS:
        return TIME_REFS[value]
    return german_date(value)


def granularity(code: str | None) -> str:
    """German name of a time expression's precision (``weekday-in-month`` → ``Wochentag im Monat``)."""
    return GRANULARITIES.get(code or "", code or "")


def time_type(code: str) -> str:
    """German name of a TIMEX3 type (``DURATION`` → ``Dauer``)."""
    return TIME_TYPES.get(code, code)


def german_date(value: str | None) -> str:
    """A date at its own precision in German notation: ``2016`` stays ``2016``,
    ``2022-03`` is ``März 2022``, ``2022-03-08`` is ``8. März 2022``; other text unchanged."""
    if not value:
        return ""
    m = _ISO.match(value)
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return value
    year, month, day = m.groups()
    if month is None:
        return year
    name = _MONTHS[int(month) - 1]
    return f"{int(day)}. {name} {year}" if day else f"{name} {year}"
