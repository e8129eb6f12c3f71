"""Lexicons and rules for German temporal expressions (used by :mod:`zitat.nlp.timex`).

Written for zitat from the TIMEX2/TIMEX3 guidelines and German grammar; no third-party
rule files are used. Each rule is a ``(name, regex, normaliser)`` triple: the regex finds a
candidate, the normaliser turns the match into a :class:`Result` (or rejects it with
``None``) given a :class:`Context` — the reference date, the article date, the tense of
the sentence and whether the text is narrative.

Values are TIMEX3-style: ``2022-03-03``, ``2022-03``, ``2022``, ``2022-W09``, ``2022-SU``,
``BC0490``, ``19`` (century), ``193`` (decade), ``P3W``/``PXD`` (durations),
``XXXX-WXX-1`` (sets and weekdays without a date), ``2022-03-10T14:30`` (times) and
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.

Precision rule: a relative expression is resolved only as far as the reference date allows.
``gestern`` with ``2022-03`` stays ``2022-03`` (granularity ``month``), a weekday with
``2022-03`` is ``2022-03-WXX-4`` (``weekday-in-month``); nothing finer is ever invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from zitat.nlp.first_chars import with_first_char_check

# --------------------------------------------------------------------------- lexicons

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3,
    "mär": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
WEEKDAYS: dict[str, int] = {
    "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
    "sonnabend": 6, "sonntag": 7,
}
NUMBERS: dict[str, int | None] = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3,
    "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "hundert": 100,
    # vague quantities: the value keeps an X (``PXD``)
    "einige": None, "einigen": None, "mehrere": None, "mehreren": None, "wenige": None,
    "wenigen": None, "weniger": None, "paar": None, "etliche": None, "etlichen": None,
    "zahlreiche": None, "zahlreichen": None, "viele": None, "vielen": None,
}
#: German number words as they appear inside compounds (``zweimonatig``, ``Dreißigjährige``)
COMPOUND_NUMBERS: dict[str, int] = {
    "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "vierzehn": 14, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100,
}
SEASONS: dict[str, str] = {
    "frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI",
}
#: first month of each season, to decide which "last/next summer" is meant
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNITS: dict[str, str] = {
    "tag": "D", "tage": "D", "tagen": "D", "tages": "D", "woche": "W", "wochen": "W",
    "monat": "M", "monate": "M", "monaten": "M", "monats": "M", "jahr": "Y", "jahre": "Y",
    "jahren": "Y", "jahres": "Y", "stunde": "H", "stunden": "H", "minute": "MIN",
    "minuten": "MIN", "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE",
    "jahrhundert": "CE", "jahrhunderte": "CE", "nacht": "D", "nächte": "D", "nächten": "D",
}
#: part of day -> TIMEX suffix
DAY_PARTS: dict[str, str] = {
    "morgen": "MO", "morgens": "MO", "morgenstunden": "MO", "früh": "MO", "vormittag": "MO",
    "mittag": "MI", "nachmittag": "AF", "abend": "EV", "abends": "EV", "abendstunden": "EV",
    "nacht": "NI", "nachts": "NI",
}
PAST_MODIFIERS = ("vergangen", "letzt", "vorig", "zurückliegend")
FUTURE_MODIFIERS = ("kommend", "nächst", "folgend", "anstehend", "bevorstehend")
#: words that make a preceding number a quantity, not a year (``rund 2000``)
QUANTITY_WORDS = frozenset(
    "rund etwa circa ca. fast knapp mehr über unter insgesamt nur gut weitere weiteren "
    "mindestens höchstens bis zu je pro alle sämtliche".split()
)
#: words after a number that make it a quantity or a measure, not a year
MEASURE_WORDS = frozenset(
    "euro dollar franken pfund prozent % km kilometer meter m mal stück tonnen personen "
    "menschen soldaten mann einwohner stimmen fälle todesopfer tote verletzte".split()
)

# --------------------------------------------------------------------------- patterns

_MONTH_NAMES = (
    r"Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember|Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Okt\.|Nov\.|Dez\."
)
MONTH = rf"(?P<month>{_MONTH_NAMES})"
WEEKDAY = (
    r"(?P<wd>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
    r"(?P<part>abend|morgen|nachmittag|vormittag|mittag|nacht)?"
)
_NUM_WORDS = "|".join(sorted(NUMBERS, key=len, reverse=True))
NUM = rf"(?P<num>\d+(?:,\d+)?|(?i:{_NUM_WORDS}|ein\s+paar|anderthalb|eineinhalb)|einigen)"
UNIT = (
    r"(?P<unit>Tagen?|Tages|Tage|Wochen?|Monaten?|Monats|Monate|Jahren?|Jahres|Jahre|Stunden?|"
    r"Minuten?|Jahrzehnten?|Jahrzehnte|Jahrhunderte|Nächten?|Nächte|Nacht)"
)
YEAR4 = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
#: a year with an optional era marker; 1–4 digits only together with "v. Chr."
ERA_YEAR = (
    r"(?:(?P<byear>\d{1,4})\s*(?P<bc>v\.\s?Chr\.|vor\s+Christus)|(?P<ayear>1[0-9]{3}|20[0-9]{2}"
    r"|[1-9][0-9]{2}(?=\s*n\.\s?Chr\.))(?:\s*n\.\s?Chr\.)?)"
)
_PREP = r"(?:[Aa]m|[Ii]m|[Ss]eit|[Bb]is(?:\s+zum|\s+zur|\s+in\s+den)?|[Aa]b|[Vv]om|[Zz]um|[Gg]egen|[Uu]m|[Ii]n)"


def _months_group(group: str) -> str:
    return MONTH.replace("?P<month>", f"?P<{group}>")


# --------------------------------------------------------------------------- anchors

_VALUE_RE = re.compile(r"^(BC)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Anchor:
    """A reference date split by precision; any part may be missing.

    BC years are negative (``BC0490`` is ``year=-490``).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Anchor:
        """An anchor from ``YYYY[-MM[-DD]]`` (or a TIMEX value starting so); empty if unusable."""
        if not value:
            return cls()
        m = _VALUE_RE.match(value.strip())
        if not m:
            return cls()
        year = int(m.group(2)) * (-1 if m.group(1) else 1)
        month = int(m.group(3)) if m.group(3) else None
        day = int(m.group(4)) if m.group(4) else None
        if month is not None and not 1 <= month <= 12:
            return cls(year)
        if day is not None and _ymd(year, month or 1, day) is None:
            return cls(year, month)
        return cls(year, month, day)

    @property
    def date(self) -> date | None:
        if self.year and self.year > 0 and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    @property
    def text(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return fmt_year(self.year)
        if self.day is None:
            return f"{fmt_year(self.year)}-{self.month:02d}"
        return f"{fmt_year(self.year)}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Context:
    """What a normaliser knows besides the match."""

    ref: Anchor
    """Reference date: the article date, or in narrative mode the last explicit date."""
    dct: Anchor
    """The article date (document creation time)."""
    tense: int = 0
    """+1 future-oriented sentence, -1 past, 0 unclear."""
    narrative: bool = False


class Result(NamedTuple):
    """What a rule produces for one match."""

    type: str
    value: str | None
    granularity: str | None
    explicit: bool = False
    """An absolute date: in narrative mode it becomes the new reference date."""


Rule = Callable[[re.Match[str], Context], Result | None]


# --------------------------------------------------------------------------- helpers


def fmt_year(year: int) -> str:
    """TIMEX year: ``2022``, ``0800`` or ``BC0490``."""
    return f"{year:04d}" if year > 0 else f"BC{-year:04d}"


def _ymd(y: int, m: int, d: int) -> str | None:
    if y <= 0:
        # no proleptic calendar for BC: accept any plausible day
        return f"{fmt_year(y)}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_no(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _num(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.replace(",", "").isdigit():
        return int(w.split(",")[0])
    if w == "ein paar":
        return None
    return NUMBERS.get(w)


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _direction(modifier: str) -> int:
    low = modifier.lower()
    if any(low.startswith(p) or f" {p}" in low for p in PAST_MODIFIERS):
        return -1
    if any(low.startswith(f) or f" {f}" in low for f in FUTURE_MODIFIERS):
        return 1
    return 0


def _year_for_month(month: int, ctx: Context) -> int | None:
    """Year of a month named without one.

    News: the article year, moved to the nearest occurrence (``im Januar`` in a December
    article is next January). Narrative: the year of the reference date.
    """
    ref = ctx.ref
    if ref.year is None:
        return None
    if ctx.narrative or ref.month is None:
        return ref.year
    if month - ref.month > 6 and ctx.tense <= 0:
        return ref.year - 1
    if ref.month - month > 6 and ctx.tense >= 0:
        return ref.year + 1
    return ref.year


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _era_year(m: re.Match[str]) -> int | None:
    if _group(m, "bc") and _group(m, "byear"):
        return -int(m.group("byear"))
    if _group(m, "ayear"):
        return int(m.group("ayear"))
    if _group(m, "year"):
        return int(m.group("year"))
    return None


# --------------------------------------------------------------------------- normalisers


def rule_full_date(m: re.Match[str], ctx: Context) -> Result | None:
    """``3. März 2022``, ``am 3. März``, ``Donnerstag, 3. März``."""
    mo = _month_no(m.group("month"))
    d = int(m.group("day"))
    y = _era_year(m)
    explicit = y is not None
    if y is None:
        y = _year_for_month(mo, ctx)
    if y is None:
        return Result("DATE", f"XXXX-{mo:02d}-{d:02d}", "day")
    value = _ymd(y, mo, d)
    if value is None:
        return None
    part = _group(m, "pod")
    if part:
        value += "T" + DAY_PARTS[part.lower()]
    return Result("DATE", value, "day", explicit or ctx.narrative)


def rule_numeric_date(m: re.Match[str], ctx: Context) -> Result | None:
    """``03.03.2022``, ``3.3.22``, ``2022-03-03``."""
    if _group(m, "iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        d, mo = int(m.group("d")), int(m.group("m"))
        ys = m.group("y")
        if ys and len(ys) == 4:
            y = int(ys)
        elif ys:
            # two-digit year: the century of the reference date, else the nearest one
            base = ctx.ref.year or ctx.dct.year or 2000
            century = base - base % 100
            y = century + int(ys)
            if not ctx.narrative and y > base + 20:
                y -= 100
        else:
            y = _year_for_month(mo, ctx)  # type: ignore[assignment]
            if y is None:
                return Result("DATE", f"XXXX-{mo:02d}-{d:02d}", "day")
    value = _ymd(y, mo, d)
    return Result("DATE", value, "day", True) if value else None


def rule_month_year(m: re.Match[str], ctx: Context) -> Result | None:
    """``März 2022``, ``im März 2022``, ``Ende März 2022`` (month granularity)."""
    mo = _month_no(m.group("month"))
    y = _era_year(m)
    if y is None:
        return None
    return Result("DATE", f"{fmt_year(y)}-{mo:02d}", "month", True)


def rule_month(m: re.Match[str], ctx: Context) -> Result | None:
    """A month without a year: ``im März``, ``Ende Mai``, ``bis Juli``, narrative ``Mai``."""
    word = m.group("month")
    mo = _month_no(word)
    after = m.string[m.end():m.end() + 40]
    before = m.string[max(0, m.start() - 30):m.start()]
    bare = not _group(m, "lead")
    if bare:
        # "August" and "Mai" are also names; a bare month needs a date-like context
        if re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]+(?:\s|$)", after) and mo in (5, 8):
            return None
        if re.search(r"(?:[A-ZÄÖÜ][a-zäöüß]+|[Kk]aiser|[Kk]önig|[Pp]rinz)\s+$", before) and mo == 8:
            return None
        if not (ctx.narrative or re.search(r"\b(?:des|dem|den|der|zum|vom|bis|und|oder|,)\s*$", before)):
            return None
    # "Mai/Juni 1940", "März bis Mai 2022": the year named at the end of the range
    ranged = re.match(r"\s*(?:/|–|-|bis|und|oder)\s*(?:" + _MONTH_NAMES + r")\s+(\d{4})\b", after)
    y = int(ranged.group(1)) if ranged else _year_for_month(mo, ctx)
    value = f"{fmt_year(y)}-{mo:02d}" if y is not None else f"XXXX-{mo:02d}"
    return Result("DATE", value, "month", ctx.narrative and y is not None)


def rule_year(m: re.Match[str], ctx: Context) -> Result | None:
    """A bare year ``2022`` / ``im Jahr 2022`` / ``490 v. Chr.``, unless it is a quantity."""
    y = _era_year(m)
    if y is None:
        return None
    text = m.string
    if not _group(m, "jahr") and y > 0 and "Chr" not in m.group(0):
        prev = text[max(0, m.start() - 25):m.start()].split()
        # only the same line: a heading year ("Kriegsjahr 1914\n\nDer ...") is followed by text
        nxt = re.match(r"[ \t]*([\w%€$]+)", text[m.end():m.end() + 25])
        prev_word = prev[-1].lower() if prev else ""
        if prev_word in QUANTITY_WORDS:
            return None
        if nxt and nxt.group(1).lower() in MEASURE_WORDS:
            return None
        # "2000 Menschen": a number before a noun; years before nouns need a signal word
        if (nxt and nxt.group(1)[:1].isupper() and not re.match(r"\s*[-–—/(]", text[m.end():])
                and prev_word not in _YEAR_SIGNALS):
            return None
        # thousands separators / decimals / part of a longer number
        if re.search(r"\d[.,']?$", text[max(0, m.start() - 2):m.start()]) or re.match(
                r"[.,]\d", text[m.end():m.end() + 2]):
            return None
    return Result("DATE", fmt_year(y), "year", True)


_YEAR_SIGNALS = frozenset(
    "im jahr jahre jahres seit bis von vom ab in um nach vor zwischen sommer herbst "
    "winter frühjahr ende anfang mitte beginn bereits schon noch erst spätestens frühestens "
    "dezember januar".split()
)


def rule_year_range_end(m: re.Match[str], ctx: Context) -> Result | None:
    """Second half of ``1914–18`` / ``1914/15``: a two-digit year in the first one's century."""
    first = int(m.group("first"))
    y = first - first % 100 + int(m.group("short"))
    return Result("DATE", fmt_year(y), "year", True)


def rule_decade(m: re.Match[str], ctx: Context) -> Result | None:
    """``1990er Jahre``, ``in den Neunzigerjahren`` (decade value ``199``)."""
    if _group(m, "dec"):
        return Result("DATE", m.group("dec")[:3], "decade", True)
    word = m.group("decword").lower()
    tens = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
            "siebziger": 7, "achtziger": 8, "neunziger": 9}[word]
    century = 19 if ctx.ref.year is None or ctx.ref.year >= 1900 or ctx.ref.year < 1800 else \
        ctx.ref.year // 100
    return Result("DATE", f"{century}{tens}", "decade")


def rule_century(m: re.Match[str], ctx: Context) -> Result | None:
    """``20. Jahrhundert`` -> ``19``; ``4. Jh. v. Chr.`` -> ``BC03``."""
    c = int(m.group("cent")) - 1
    if _group(m, "cbc"):
        return Result("DATE", f"BC{c:02d}", "century")
    return Result("DATE", f"{c:02d}", "century")


def rule_time(m: re.Match[str], ctx: Context) -> Result | None:
    """``14:30 Uhr``, ``um 9 Uhr``, ``4 Uhr 45``, ``Mitternacht`` (on the reference day)."""
    if _group(m, "midnight"):
        h, mi = 24, 0
    else:
        h = int(m.group("h"))
        mi = int(m.group("mi") or m.group("mi2") or 0)
    if h > 24 or mi > 59:
        return None
    hm = f"T{h:02d}:{mi:02d}"
    ref = ctx.ref
    if ref.day is not None and ref.month is not None and ref.year is not None:
        return Result("TIME", f"{ref.text}{hm}", "time")
    # without a day the clock time stays unattached (TIMEX3 ``T14:30``)
    return Result("TIME", hm, "time")


_DAY_OFFSETS = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2,
                "heutigen": 0, "gestrigen": -1, "morgigen": 1, "vortag": -1, "vortages": -1}


def _day_value(offset: int, base: Anchor, gran: str = "day") -> Result:
    """A day ``offset`` days from ``base``, no finer than ``base`` allows."""
    if base.date is not None:
        return Result("DATE", (base.date + timedelta(days=offset)).isoformat(), gran)
    if base.month is not None:
        return Result("DATE", base.text, "month")
    if base.year is not None:
        return Result("DATE", base.text, "year")
    return Result("DATE", "PRESENT_REF" if offset == 0 else None, gran)


def rule_relative_day(m: re.Match[str], ctx: Context) -> Result | None:
    """``heute``, ``gestern``, ``vorgestern``, ``morgen``, ``heute Abend``.

    ``heute`` means the time of writing even in narrative texts, so it uses the article
    date; the others use the reference date. ``morgen`` at a sentence start followed by
    ``des``/``früh`` is the noun (morning), not tomorrow.
    """
    word = m.group("rel")
    if word == "Morgen" and re.match(r"\s+(?:des|dieses|jenes)\b", m.string[m.end():]):
        return None
    offset = _DAY_OFFSETS[word.lower()]
    base = ctx.dct if offset == 0 else ctx.ref
    res = _day_value(offset, base)
    part = _group(m, "relpart")
    if part and res.granularity == "day" and res.value and res.value[0].isdigit():
        return Result("TIME", f"{res.value}T{DAY_PARTS[part.lower()]}", "part-of-day")
    return res


def rule_next_day(m: re.Match[str], ctx: Context) -> Result | None:
    """``am folgenden Tag``, ``tags darauf``, ``am Vortag``, ``am selben Tag``."""
    low = m.group(0).lower()
    if "vortag" in low or "vorabend" in low:
        offset = -1
    elif any(w in low for w in ("selben", "gleichen", "demselben", "diesem", "jenem")):
        offset = 0
    else:
        offset = 1
    return _day_value(offset, ctx.ref)


def weekday_value(wd: int, ref: Anchor, direction: int) -> tuple[str, str]:
    """Value and granularity of weekday ``wd`` (ISO 1–7) seen from ``ref``.

    ``direction`` -1 = the last such day on or before the reference, +1 = the next one on or
    after it, 0 = the one in the reference date's week.
    """
    if ref.date is not None:
        base = ref.date
        if direction < 0:
            target = base - timedelta(days=(base.isoweekday() - wd) % 7)
        elif direction > 0:
            target = base + timedelta(days=(wd - base.isoweekday()) % 7)
        else:
            target = base + timedelta(days=wd - base.isoweekday())
        return target.isoformat(), "day"
    if ref.month is not None:
        return f"{ref.text}-WXX-{wd}", "weekday-in-month"
    if ref.year is not None:
        return f"{ref.text}-WXX-{wd}", "weekday-in-year"
    return f"XXXX-WXX-{wd}", "weekday"


def rule_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    """``am Donnerstag``, ``an diesem Donnerstag``, ``von Samstag an``, ``ab Montag``,
    ``kommenden Donnerstag``, ``Donnerstagabend``.

    Direction: an explicit modifier wins (``vergangenen``/``kommenden``); ``ab``/``von … an``
    /``bis`` look forward; ``diesen``/``an diesem`` is the current week; otherwise the
    sentence tense decides (past -> last such day, future -> next), and with no cue the
    current week (news mostly report on their own week).
    """
    wd = WEEKDAYS[m.group("wd").lower()]
    mod = " ".join((m.group("mod") or "").lower().split())
    direction = _direction(mod.replace("am ", "").replace("an ", ""))
    if direction == 0:
        if "dies" in mod:
            direction = 0
        elif mod in ("ab", "bis", "bis zum", "von") or _group(m, "an"):
            direction = 1
        elif mod.startswith("seit"):
            direction = -1
        else:
            direction = ctx.tense
    ref_date = ctx.ref.date
    if (direction > 0 and ("kommend" in mod or "nächst" in mod) and ref_date is not None
            and ref_date.isoweekday() == wd):
        # "kommenden Donnerstag" said on a Thursday is next week's
        return Result("DATE", (ref_date + timedelta(days=7)).isoformat(), "day")
    value, gran = weekday_value(wd, ctx.ref, direction)
    part = _group(m, "part")
    if part and gran == "day":
        return Result("TIME", f"{value}T{DAY_PARTS[part.lower()]}", "part-of-day")
    return Result("DATE", value, gran)


def rule_week(m: re.Match[str], ctx: Context) -> Result | None:
    """``vergangene Woche``, ``in dieser Woche``, ``nächste Woche`` (ISO week)."""
    delta = _direction(m.group("mod"))
    ref = ctx.ref
    if ref.date is not None:
        y, w, _ = (ref.date + timedelta(weeks=delta)).isocalendar()
        return Result("DATE", f"{y:04d}-W{w:02d}", "week")
    if ref.month is not None and delta == 0:
        return Result("DATE", f"{ref.text}-WXX", "week-in-month")
    if ref.year is not None and ref.month is not None:
        return Result("DATE", f"{ref.text}", "month")
    return Result("DATE", None, "week")


def rule_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    """``am Wochenende``, ``am kommenden Wochenende``."""
    delta = _direction(m.group(0).split("Wochenende")[0].replace("am ", ""))
    ref = ctx.ref
    if ref.date is not None:
        base = ref.date + timedelta(weeks=delta)
        if delta == 0 and ctx.tense < 0 and base.isoweekday() < 6:
            base -= timedelta(weeks=1)  # "am Wochenende" in a past-tense weekday report
        y, w, _ = base.isocalendar()
        return Result("DATE", f"{y:04d}-W{w:02d}-WE", "weekend")
    if ref.month is not None:
        return Result("DATE", f"{ref.text}-WXX-WE", "weekend-in-month")
    return Result("DATE", "XXXX-WXX-WE", "weekend")


def rule_relative_month(m: re.Match[str], ctx: Context) -> Result | None:
    """``kommenden Monat``, ``im vergangenen Monat``, ``diesen Monat``."""
    delta = _direction(m.group("mod"))
    ref = ctx.ref
    if ref.month is not None and ref.year is not None:
        y, mo = _shift_month(ref.year, ref.month, delta)
        return Result("DATE", f"{fmt_year(y)}-{mo:02d}", "month")
    return Result("DATE", None, "month")


def rule_relative_year(m: re.Match[str], ctx: Context) -> Result | None:
    """``nächstes Jahr``, ``im vergangenen Jahr``, ``in diesem Jahr``, ``im Vorjahr``."""
    mod = _group(m, "mod") or _group(m, "mod2") or ""
    delta = -1 if mod.lower().startswith(("vorjahr", "vorigen")) else _direction(mod)
    if mod.lower().startswith(("folgejahr", "folgenden")):
        delta = 1
    if ctx.ref.year is not None:
        return Result("DATE", fmt_year(ctx.ref.year + delta), "year")
    return Result("DATE", None, "year")


def rule_part_of(m: re.Match[str], ctx: Context) -> Result | None:
    """``Anfang des Jahres``, ``Ende der Woche``, ``Mitte 1941``, ``Ende des Monats``."""
    low = m.group(0).lower()
    ref = ctx.ref
    if _group(m, "year"):
        return Result("DATE", m.group("year"), "year", True)
    if "jahr" in low:
        delta = _direction(_group(m, "pmod") or "")
        return Result("DATE", fmt_year(ref.year + delta) if ref.year else None, "year")
    if "monat" in low:
        if ref.month is None or ref.year is None:
            return Result("DATE", None, "month")
        y, mo = _shift_month(ref.year, ref.month, _direction(_group(m, "pmod") or ""))
        return Result("DATE", f"{fmt_year(y)}-{mo:02d}", "month")
    if "woche" in low:
        if ref.date is not None:
            y, w, _ = ref.date.isocalendar()
            return Result("DATE", f"{y:04d}-W{w:02d}", "week")
        return Result("DATE", f"{ref.text}-WXX" if ref.month else None, "week")
    return None


def rule_season(m: re.Match[str], ctx: Context) -> Result | None:
    """``im Herbst``, ``Sommer 1940``, ``Spätsommer``, ``im vergangenen Winter``."""
    word = m.group("season").lower()
    code = next(c for k, c in SEASONS.items() if k in word)
    y = _era_year(m)
    if y is not None:
        return Result("DATE", f"{fmt_year(y)}-{code}", "season", True)
    if not (_group(m, "slead") or _group(m, "smod") or ctx.narrative):
        return None
    ref = ctx.ref
    if ref.year is None:
        return Result("DATE", f"XXXX-{code}", "season")
    y = ref.year
    delta = _direction(_group(m, "smod") or "")
    if ref.month is not None and delta:
        start = SEASON_START[code]
        if delta < 0 and start >= ref.month:
            y -= 1
        elif delta > 0 and start <= ref.month:
            y += 1
    return Result("DATE", f"{fmt_year(y)}-{code}", "season")


def rule_duration(m: re.Match[str], ctx: Context) -> Result | None:
    """``drei Tage``, ``seit drei Wochen``, ``48 Stunden``, ``wenige Tage``, ``anderthalb Jahre``.

    In narrative mode ``zwei Tage später`` / ``nach zwei Tagen`` / ``drei Tage zuvor`` are
    points in time counted from the reference date (TIMEX2 annotates them as dates).
    """
    word = " ".join(m.group("num").lower().split())
    unit = UNITS[m.group("unit").lower()]
    after = (_group(m, "after") or "").lower()
    pre = (_group(m, "pre") or "").lower()
    if ctx.narrative and unit in ("D", "W", "M", "Y") and (after in _POINT_AFTER or pre == "nach"):
        sign = -1 if after in ("zuvor", "vorher", "davor") else 1
        res = _offset(_num(word), unit, sign, ctx.ref)
        if res.value not in (None, "PAST_REF", "FUTURE_REF") or _num(word) is None:
            return res
    if word in ("anderthalb", "eineinhalb"):
        return Result("DURATION", {"Y": "P1Y6M", "M": "P1M15D", "D": "PT36H", "W": "P10D"}.get(
            unit, f"P1{unit}"), "duration")
    n = _num(word)
    amount = "X" if n is None else str(n)
    if unit == "H":
        return Result("DURATION", f"PT{amount}H", "duration")
    if unit == "MIN":
        return Result("DURATION", f"PT{amount}M", "duration")
    if unit == "DE":
        return Result("DURATION", "PXDE" if n is None else f"P{n * 10}Y", "duration")
    if unit == "CE":
        return Result("DURATION", "PXCE" if n is None else f"P{n * 100}Y", "duration")
    return Result("DURATION", f"P{amount}{unit}", "duration")


def rule_duration_adjective(m: re.Match[str], ctx: Context) -> Result | None:
    """``dreitägige``, ``zweimonatigen``, ``Dreißigjährige``, ``jahrzehntelang``."""
    low = m.group(0).lower()
    if low.startswith("jahrzehnte"):
        return Result("DURATION", "PXDE", "duration")
    if low.startswith(("monate", "wochen", "tage", "jahre")):
        return Result("DURATION", f"PX{UNITS[low.split('lang')[0]]}", "duration")
    n = COMPOUND_NUMBERS.get(m.group("cnum").lower())
    if n is None:
        return None
    unit = {"täg": "D", "tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y"}[
        m.group("cunit").lower()]
    return Result("DURATION", f"P{n}{unit}", "duration")


def rule_ago(m: re.Match[str], ctx: Context) -> Result | None:
    """``vor drei Jahren``, ``in zwei Wochen``: a date offset from the reference."""
    n = _num(m.group("num"))
    unit = UNITS[m.group("unit").lower()]
    sign = -1 if m.group("dir").lower() == "vor" else 1
    return _offset(n, unit, sign, ctx.ref)


def _offset(n: int | None, unit: str, sign: int, ref: Anchor) -> Result:
    """The date ``n`` units before (``sign`` -1) or after (+1) ``ref``, at ``ref``'s precision."""
    if n is None or unit in ("H", "MIN", "DE", "CE"):
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "relative")
    if unit == "Y" and ref.year is not None:
        return Result("DATE", fmt_year(ref.year + sign * n), "year")
    if unit == "M" and ref.month is not None and ref.year is not None:
        y, mo = _shift_month(ref.year, ref.month, sign * n)
        return Result("DATE", f"{fmt_year(y)}-{mo:02d}", "month")
    if unit in ("D", "W") and ref.date is not None:
        target = ref.date + timedelta(days=sign * n * (7 if unit == "W" else 1))
        if unit == "W":
            y, w, _ = target.isocalendar()
            return Result("DATE", f"{y:04d}-W{w:02d}", "week")
        return Result("DATE", target.isoformat(), "day")
    if unit in ("D", "W") and ref.month is not None and n * (7 if unit == "W" else 1) < 28:
        # a few days/weeks from a month-only date: at best that month or a neighbour
        return Result("DATE", None, "relative")
    return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "relative")


def rule_set(m: re.Match[str], ctx: Context) -> Result | None:
    """``jeden Montag``, ``montags``, ``täglich``, ``jede Woche``, ``jährlich``."""
    word = m.group(0).lower()
    for name, wd in WEEKDAYS.items():
        if name in word:
            return Result("SET", f"XXXX-WXX-{wd}", "set")
    if "täglich" in word or "tag" in word:
        return Result("SET", "P1D", "set")
    if "woch" in word:
        return Result("SET", "P1W", "set")
    if "monat" in word:
        return Result("SET", "P1M", "set")
    return Result("SET", "P1Y", "set")


_POINT_AFTER = ("später", "danach", "darauf", "zuvor", "vorher", "davor")

_REF_WORDS = {
    "jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF",
    "gegenwärtig": "PRESENT_REF", "heutzutage": "PRESENT_REF", "aktuell": "PRESENT_REF",
    "damals": "PAST_REF", "kürzlich": "PAST_REF", "zuvor": "PAST_REF", "vorher": "PAST_REF",
    "früher": "PAST_REF", "bisher": "PAST_REF", "später": "FUTURE_REF", "künftig": "FUTURE_REF",
    "zukunft": "FUTURE_REF", "demnächst": "FUTURE_REF", "bald": "FUTURE_REF",
}


def rule_reference_word(m: re.Match[str], ctx: Context) -> Result | None:
    """``jetzt``, ``damals``, ``später``, ``in Zukunft``: TIMEX ``*_REF`` values."""
    word = m.group("refw").lower()
    return Result("DATE", _REF_WORDS[word], "reference")


# --------------------------------------------------------------------------- the rule table

_DAY = r"(?P<day>[0-3]?\d)\.\s?"
_DATE_TAIL = rf"{MONTH}(?:\s+{ERA_YEAR})?(?![\w-])"

#: (name, pattern, normaliser). Candidates of all rules are collected; the longest
#: leftmost match wins, ties go to the rule listed first.
RULES: list[tuple[str, re.Pattern[str], Rule]] = [
    ("part-of-day-date", re.compile(
        r"(?:[Aa]m\s+|[Ii]n\s+den\s+|[Gg]egen\s+)?(?:frühen\s+|späten\s+)?(?P<pod>Morgen|Morgenstunden|"
        r"Vormittag|Mittag|Nachmittag|Abend|Abendstunden|Nacht)\s+(?:des|vom)\s+" + _DAY + _DATE_TAIL),
     rule_full_date),
    ("date", re.compile(
        rf"(?:{WEEKDAY.replace('?P<wd>', '?P<wdd>').replace('?P<part>', '?P<partd>')},?\s+(?:(?:den|dem)\s+)?)?"
        + r"\b" + _DAY + _DATE_TAIL), rule_full_date),
    ("date-range-start", re.compile(
        r"\b" + _DAY.replace(r"\s?", "") + r"(?=\s*(?:/|–|-|bis(?:\s+(?:zum|zur))?|und(?:\s+(?:dem|am))?)\s*"
        r"[0-3]?\d\.\s?" + _DATE_TAIL + ")"), rule_full_date),
    ("date-numeric", re.compile(
        r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2}(?!\d))"
        r"|(?:(?<=\bam\s)|(?<=\bvom\s)|(?<=\bbis\s)|(?<=\bzum\s)|(?<=\bab\s))(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?!\d)"
        r"|\b(?P<iy>1[89]\d{2}|20\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
     lambda m, c: rule_numeric_date(_NumericProxy(m), c)),
    ("month-year", re.compile(
        r"(?:(?:[Ii]m|[Ss]eit|[Bb]is(?:\s+zum|\s+in\s+den)?|[Aa]b|[Vv]on|[Vv]om|[Ii]n)\s+)?"
        r"(?:(?:[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn)\s+)?" + MONTH + r"\s+(?:des\s+Jahres\s+)?"
        + ERA_YEAR + r"(?![\w-])"), rule_month_year),
    ("month", re.compile(
        r"(?:(?P<lead>(?:[Ii]m|[Ss]eit|[Bb]is(?:\s+(?:zum|in\s+den|Ende|Anfang|Mitte))?|[Aa]b|[Vv]om|"
        r"[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn|[Ll]aufe\s+des|[Mm]onat)\s+)(?:(?:Anfang|Mitte|Ende)\s+)?)?"
        r"\b" + MONTH + r"(?![\w-])(?!\s+\d)"), rule_month),
    ("part-of", re.compile(
        r"\b(?:[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn)\s+(?:"
        r"(?:des\s+|dieses\s+|(?P<pmod>des\s+(?:vergangenen|kommenden|nächsten|letzten|vorigen)\s+))?"
        r"(?:Jahres|Monats)|der\s+Woche|diese[rsn]\s+(?:Woche|Monats|Jahres)|" + YEAR4 + r"(?![\w-]))"),
     rule_part_of),
    ("season", re.compile(
        r"(?:(?P<slead>[Ii]m|[Ss]eit|[Bb]is\s+zum|[Aa]b|[Vv]om|[Zz]um|[Aa]nfang|[Ee]nde|[Mm]itte|[Ii]n\s+diesem|"
        r"[Dd]iese[nms]?|[Dd]es|[Dd]en|[Dd]em)\s+)?"
        r"(?:(?P<smod>vergangenen|kommenden|letzten|nächsten|vorigen|folgenden|diese[mns]?)\s+)?"
        r"(?:frühen\s+|späten\s+)?"
        r"(?<![\w-])(?P<season>(?:Früh|Spät|Hoch|früh|spät)?(?i:frühjahr(?:es|s)?|frühling(?:s)?|"
        r"sommer(?:s)?|herbst(?:es|s)?|winter(?:s)?))"
        r"(?:\s+(?:des\s+Jahres\s+)?" + ERA_YEAR + r")?(?![\w-])"), rule_season),
    ("decade", re.compile(
        r"\b(?:(?P<dec>1[0-9]{2}0|20[0-9]0)er|(?P<decword>[Zz]wanziger|"
        r"[Dd]reißiger|[Vv]ierziger|[Ff]ünfziger|[Ss]echziger|[Ss]iebziger|[Aa]chtziger|[Nn]eunziger))"
        r"(?:\s+Jahren?|-Jahren?|jahren?|\s+Jahre)"), rule_decade),
    ("century", re.compile(
        r"\b(?:(?:[Aa]nfang|[Mm]itte|[Ee]nde|[Ll]aufe)\s+des\s+)?(?P<cent>\d{1,2})\.\s+"
        r"(?:Jahrhunderts?|Jh\.)(?P<cbc>\s+v\.\s?Chr\.)?"), rule_century),
    ("time", re.compile(
        r"(?:\b(?:[Uu]m|[Gg]egen|[Aa]b|[Bb]is|[Vv]on)\s+)?(?:(?<!\d)(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?"
        r"\s*Uhr(?:\s+(?P<mi2>[0-5]\d)(?!\d))?\b|(?P<midnight>Mitternacht)\b)"), rule_time),
    ("relative-day", re.compile(
        r"(?<![\w-])(?P<rel>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|Morgen(?=\s+(?:wird|werden|soll|"
        r"sollen|will|wollen|beginnt|tagt|kommt|startet|folgt|geht|ist|findet|treffen|trifft))|"
        r"[Üü]bermorgen)(?:\s+(?P<relpart>[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|"
        r"[Nn]acht|früh)(?![\w-]))?(?![\w-])"), rule_relative_day),
    ("next-day", re.compile(
        r"\b(?:(?:[Aa]m|[Aa]n)\s+(?:(?:folgenden|nächsten|darauffolgenden|selben|gleichen|"
        r"demselben|diesem|jenem)\s+(?:Tag|Morgen|Abend)|Vortag|Vorabend|Folgetag)(?:es)?"
        r"|[Tt]ags\s+(?:darauf|zuvor)|[Aa]m\s+Tag\s+(?:darauf|danach|zuvor))\b"), rule_next_day),
    ("weekday", re.compile(
        r"(?:\b(?P<mod>[Aa]m(?:\s+(?:vergangenen|kommenden|letzten|nächsten|folgenden|frühen|"
        r"späten|vorigen))?|[Aa]n\s+diesem|[Dd]iesen|[Ss]eit(?:\s+dem|\s+vergangenem|\s+letztem)?|"
        r"[Bb]is(?:\s+zum|\s+kommenden|\s+nächsten)?|[Aa]b(?:\s+kommendem|\s+nächstem)?|[Vv]on|[Vv]origen|"
        r"[Ll]etzten|[Vv]ergangenen|[Kk]ommenden|[Nn]ächsten)\s+)?\b" + WEEKDAY
        + r"(?P<an>\s+an\b)?(?![\w-])"), rule_weekday),
    ("weekend", re.compile(
        r"\b(?:[Aa]m|[Üü]bers|[Üü]ber\s+das|[Dd]ieses|[Vv]ergangenes|[Kk]ommendes|[Nn]ächstes|"
        r"[Ll]etztes)\s+(?:(?:kommenden|vergangenen|letzten|nächsten)\s+)?Wochenende\b"),
     rule_weekend),
    ("week", re.compile(
        r"\b(?:(?:[Ii]n\s+der|[Ii]n|[Ii]m\s+Laufe\s+der|[Ss]eit)\s+)?(?P<mod>[Vv]ergangene[nr]?|"
        r"[Ll]etzte[nr]?|[Vv]orige[nr]?|[Dd]iese[rn]?|[Kk]ommende[nr]?|[Nn]ächste[nr]?|"
        r"[Ff]olgende[nr]?)\s+Woche\b"), rule_week),
    ("relative-month", re.compile(
        r"\b(?:[Ii]m\s+|[Ii]n\s+diesem\s+)?(?P<mod>[Vv]ergangene[nm]?|[Ll]etzte[nm]?|[Vv]orige[nm]?|"
        r"[Dd]iese[nm]?|[Kk]ommende[nm]?|[Nn]ächste[nm]?|[Ff]olgenden)\s+Monats?\b"),
     rule_relative_month),
    ("relative-year", re.compile(
        r"\b(?:[Ii]m\s+|[Ii]n\s+diesem\s+)?(?P<mod>[Vv]ergangene[ns]?|[Ll]etzte[ns]?|[Vv]orige[ns]?|"
        r"[Dd]iese[ns]?|[Kk]ommende[ns]?|[Nn]ächste[ns]?|[Ff]olgenden|[Ll]aufenden)\s+Jahr(?:es)?\b"
        r"|\b(?:[Ii]m\s+)?(?P<mod2>Vorjahr|Folgejahr)(?:es)?\b"), rule_relative_year),
    ("ago", re.compile(
        r"\b(?P<dir>[Vv]or|[Ii]n)\s+(?:(?:rund|etwa|knapp|gut|fast|über|mehr\s+als)\s+)?"
        + NUM + r"\s+" + UNIT + r"\b"), rule_ago),
    ("duration", re.compile(
        r"(?:\b(?P<pre>[Ss]eit|[Ff]ür|[Bb]innen|[Ii]nnerhalb(?:\s+von)?|[Nn]ach|[Üü]ber|[Rr]und|"
        r"[Kk]napp|[Ff]ast|[Mm]ehr\s+als|[Ee]twa|[Gg]ut|[Mm]aximal|[Mm]indestens|[Ww]eniger\s+als)\s+)?"
        r"(?<![\w.])" + NUM + r"\s+(?:(?:weiteren|weitere|vollen|volle|langen|lange)\s+)?" + UNIT
        + r"(?:\s+(?P<after>später|danach|darauf|zuvor|vorher|davor|lang|long))?(?![\w-])"), rule_duration),
    ("duration-adjective", re.compile(
        r"(?<![\w-])(?i:(?P<cnum>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|vierzehn|"
        r"zwanzig|dreißig|vierzig|fünfzig|hundert)(?P<cunit>tägig|wöchig|monatig|jährig))(?:e[nmrs]?)?"
        r"|(?<![\w-])(?:[Jj]ahrzehnte|[Mm]onate|[Ww]ochen|[Tt]age|[Jj]ahre)lang(?:e[nmrs]?)?\b"),
     rule_duration_adjective),
    ("set", re.compile(
        r"\b(?:[Jj]eden\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Tag|Monat)"
        r"|[Jj]edes\s+Jahr|[Jj]ede\s+Woche|täglich|wöchentlich|monatlich|jährlich|alljährlich"
        r"|montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags)\b"), rule_set),
    ("reference-word", re.compile(
        r"(?<![\w-])(?P<refw>[Jj]etzt|[Dd]erzeit|[Zz]urzeit|[Gg]egenwärtig|[Hh]eutzutage|[Dd]amals|"
        r"[Kk]ürzlich|[Ss]päter|[Kk]ünftig|[Dd]emnächst)(?![\w-])|\b[Ii]n\s+(?P<refz>Zukunft)\b"),
     lambda m, c: Result("DATE", "FUTURE_REF", "reference") if m.group("refz")
     else rule_reference_word(m, c)),
    ("year-range-end", re.compile(r"(?<=\b(?P<first>1[0-9]{3}|20[0-9]{2})[–/-])(?P<short>\d{2})(?![\d\w])"),
     rule_year_range_end),
    ("year", re.compile(
        r"(?:(?P<jahr>(?:[Ii]m\s+|[Uu]m\s+das\s+|[Dd]as\s+|[Ii]ns\s+)?Jahre?s?)\s+)?(?<![\d.,])"
        + ERA_YEAR + r"(?![\d\w-]|\.\d)"), rule_year),
]

# the same matches, found faster (see zitat.nlp.first_chars)
RULES = [(name, with_first_char_check(pattern), rule) for name, pattern, rule in RULES]

_UNIT_WORDS = r"Tag|Woche|Monat|Jahr|Stunde|Minute|Nächt|Nacht"
#: for a rule, a plain pattern that every one of its matches contains: a text without it
#: skips the rule's full scan (most articles name no season, clock time or weekend)
GATES: dict[str, re.Pattern[str]] = {name: re.compile(gate) for name, gate in {
    **dict.fromkeys(["part-of-day-date", "date", "date-range-start", "month-year", "month"],
                    _MONTH_NAMES),
    "date-numeric": r"\d[.-]\d", "part-of": r"[Aa]nfang|[Mm]itte|[Ee]nde|[Bb]eginn",
    "season": r"(?i:frühjahr|frühling|sommer|herbst|winter)", "decade": r"0er|iger",
    "century": r"Jahrhundert|Jh\.", "time": r"Uhr|Mitternacht",
    "relative-day": r"eute|estern|orgen", "next-day": r"[Tt]ag|Morgen|Abend|abend",
    "weekday": r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag",
    "weekend": r"Wochenende", "week": r"Woche", "relative-month": r"Monat",
    "relative-year": r"[Jj]ahr", "ago": _UNIT_WORDS, "duration": _UNIT_WORDS,
    "duration-adjective": r"(?i:tägig|wöchig|monatig|jährig)|lang", "set": r"[Jj]ede|lich|tags",
    "year-range-end": r"\d[–/-]\d", "year": r"\d\d\d|Chr",
}.items()}


class _NumericProxy:
    """Lets the numeric-date rule read ``d``/``m`` from either alternative of its regex."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str) -> str | None:
        if name in ("d", "m") and self._m.group(name) is None:
            return self._m.group(name + "2")
        return self._m.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._m.groupdict()


_FUTURE_RE = re.compile(
    r"\b(?:wird|werden|will|wollen|soll|sollen|plant|planen|geplant|beginnt|startet|tritt|"
    r"kommt|findet|stattfinden|treffen\s+sich|trifft\s+sich|reist|reisen)\b")
_PAST_RE = re.compile(
    r"\b(?:sagte|sagten|erklärte|erklärten|hatte|hatten|war|waren|wurde|wurden|kam|kamen|teilte|"
    r"teilten|berichtete|berichteten|gab|fand|trat|traf|trafen|reiste|hat|haben|ist|sind)\b")


def sentence_tense(sentence: str) -> int:
    """+1 for a future-oriented sentence, -1 for a past one, 0 when unclear.

    A deliberately simple cue count: finite past forms and perfect auxiliaries against
    modal/future verbs and present-tense event verbs.
    """
    fut = len(_FUTURE_RE.findall(sentence))
    past = len(_PAST_RE.findall(sentence))
    if fut > past:
        return 1
    if past > fut:
        return -1
    return 0
