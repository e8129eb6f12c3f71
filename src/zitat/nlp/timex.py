"""German temporal expressions, normalised against the article date: ``zitat_timex``.

Values follow TIMEX3 (``2022-03-03``, ``2022-03``, ``2022-W09``, ``2022-SU``, ``P3W``,
``XXXX-WXX-1``, ``2022-03-03T14:30``). Relative expressions are resolved **at the article
date's precision**: with ``2022-03-10`` `an diesem Donnerstag` is ``2022-03-10``; with
``2022-03`` it is ``2022-03-WXX-4`` (a Thursday in March, granularity
``weekday-in-month``); `gestern` with a month-only date stays ``2022-03`` (granularity
``month``, rule ``…-month-anchor``), never a made-up day; without any date the value is
underspecified (``XXXX-…``) or None, and the expression is still listed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from zitat.nlp import extensions  # noqa: F401
from zitat.schema import TimeExpr, parse_date

log = logging.getLogger(__name__)

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "dezember": 12, "dez": 12,
}
WEEKDAYS = {"montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5,
            "samstag": 6, "sonnabend": 6, "sonntag": 7}
NUMBERS = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "hundert": 100, "einigen": None, "mehreren": None, "wenigen": None,
}
SEASONS = {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}
UNITS = {"tag": "D", "tage": "D", "tagen": "D", "woche": "W", "wochen": "W", "monat": "M",
         "monate": "M", "monaten": "M", "monats": "M", "jahr": "Y", "jahre": "Y", "jahren": "Y",
         "jahres": "Y", "stunde": "H", "stunden": "H", "minute": "MIN", "minuten": "MIN",
         "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE"}

_MONTH = r"(?P<month>Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Okt\.|Nov\.|Dez\.)"
_WD = r"(?P<wd>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)(?P<part>abend|morgen|nachmittag|vormittag|mittag|nacht)?"
_NUM = r"(?P<num>\d+|ein|eine|einem|einen|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|vierzig|fünfzig|hundert|einigen|mehreren|wenigen)"
_UNIT = r"(?P<unit>Tagen?|Tage|Wochen?|Monaten?|Monate|Jahren?|Jahre|Stunden?|Minuten?|Jahrzehnten?|Jahrzehnte)"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"


@dataclass(frozen=True)
class Anchor:
    """The article date split by precision (any part may be missing)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Anchor:
        if not value:
            return cls()
        try:
            y, m, d = parse_date(value)
        except ValueError:
            return cls()
        return cls(y, m, d)

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    @property
    def text(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# A rule gets the match, the anchor and the sentence-level tense, and returns
# (type, value, granularity) or None to reject the match.
Result = tuple[str, str | None, str] | None
Rule = Callable[[re.Match[str], Anchor, int], Result]


def _num(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word.lower())


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_no(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _rule_full_date(m: re.Match[str], a: Anchor, tense: int) -> Result:
    y = int(m.group("year")) if m.group("year") else a.year
    mo = _month_no(m.group("month"))
    d = int(m.group("day"))
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", "day"
    value = _ymd(y, mo, d)
    return ("DATE", value, "day") if value else None


def _rule_numeric_date(m: re.Match[str], a: Anchor, tense: int) -> Result:
    d, mo = int(m.group("d")), int(m.group("m"))
    ys = m.group("y")
    y = int(ys) if ys and len(ys) == 4 else (2000 + int(ys) if ys else a.year)
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", "day"
    value = _ymd(y, mo, d)
    return ("DATE", value, "day") if value else None


def _rule_month_year(m: re.Match[str], a: Anchor, tense: int) -> Result:
    mo = _month_no(m.group("month"))
    y = int(m.group("year")) if m.groupdict().get("year") else a.year
    return "DATE", f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}", "month"


def _rule_year(m: re.Match[str], a: Anchor, tense: int) -> Result:
    return "DATE", m.group("year"), "year"


def _rule_decade(m: re.Match[str], a: Anchor, tense: int) -> Result:
    return "DATE", m.group("dec")[:3], "decade"


def _rule_century(m: re.Match[str], a: Anchor, tense: int) -> Result:
    c = int(m.group("cent")) - 1
    return "DATE", f"{c:02d}", "century"


def _rule_time(m: re.Match[str], a: Anchor, tense: int) -> Result:
    h = int(m.group("h"))
    mi = int(m.group("mi") or 0)
    if h > 24 or mi > 59:
        return None
    prefix = a.date.isoformat() if a.date else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{h:02d}:{mi:02d}", "time"


_DAY_OFFSETS = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2,
                "heutigen": 0, "gestrigen": -1, "morgigen": 1}


def _rule_relative_day(m: re.Match[str], a: Anchor, tense: int) -> Result:
    offset = _DAY_OFFSETS[m.group("rel").lower()]
    if a.date:
        return "DATE", (a.date + timedelta(days=offset)).isoformat(), "day"
    if a.text:
        return "DATE", a.text, "month" if a.month else "year"
    return "DATE", {0: "PRESENT_REF"}.get(offset), "day"


def _weekday_value(wd: int, a: Anchor, direction: int) -> tuple[str, str]:
    if a.date:
        base = a.date
        if direction < 0:
            delta = (base.isoweekday() - wd) % 7
            target = base - timedelta(days=delta)
        elif direction > 0:
            delta = (wd - base.isoweekday()) % 7
            target = base + timedelta(days=delta)
        else:
            target = base + timedelta(days=wd - base.isoweekday())
        return target.isoformat(), "day"
    if a.month:
        return f"{a.year:04d}-{a.month:02d}-WXX-{wd}", "weekday-in-month"
    if a.year:
        return f"{a.year:04d}-WXX-{wd}", "weekday-in-year"
    return f"XXXX-WXX-{wd}", "weekday"


_PAST_MODS = ("vergangenen", "letzten", "vorigen", "vergangener", "letzter")
_FUTURE_MODS = ("kommenden", "nächsten", "kommender", "nächster")


def _rule_weekday(m: re.Match[str], a: Anchor, tense: int) -> Result:
    wd = WEEKDAYS[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    direction = -1 if any(p in mod for p in _PAST_MODS) else 1 if any(
        f in mod for f in _FUTURE_MODS) or mod in ("ab", "bis") or (m.group("an") and not mod.startswith("seit")) else 0
    if direction == 0 and "diese" not in mod:
        direction = tense
    value, gran = _weekday_value(wd, a, direction)
    return "DATE", value, gran


def _rule_week(m: re.Match[str], a: Anchor, tense: int) -> Result:
    mod = m.group("mod").lower()
    delta = -1 if mod.startswith(("vergangen", "letzt", "vorig", "vor")) else 1 if mod.startswith(
        ("kommend", "nächst")) else 0
    if a.date:
        y, w, _ = (a.date + timedelta(weeks=delta)).isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}", "week"
    if a.month:
        return "DATE", f"{a.year:04d}-{a.month:02d}-WXX", "week-in-month"
    return "DATE", None, "week"


def _rule_weekend(m: re.Match[str], a: Anchor, tense: int) -> Result:
    if a.date:
        y, w, _ = a.date.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}-WE", "weekend"
    if a.month:
        return "DATE", f"{a.year:04d}-{a.month:02d}-WXX-WE", "weekend-in-month"
    return "DATE", "XXXX-WXX-WE", "weekend"


def _rule_rel_month(m: re.Match[str], a: Anchor, tense: int) -> Result:
    mod = m.group("mod").lower()
    delta = -1 if mod.startswith(("vergangen", "letzt", "vorig")) else 1 if mod.startswith(
        ("kommend", "nächst")) else 0
    if a.month and a.year:
        y, mo = _shift_month(a.year, a.month, delta)
        return "DATE", f"{y:04d}-{mo:02d}", "month"
    return "DATE", None, "month"


def _rule_rel_year(m: re.Match[str], a: Anchor, tense: int) -> Result:
    mod = m.group("mod").lower()
    delta = -1 if mod.startswith(("vergangen", "letzt", "vorig", "vorjahr")) else 1 if mod.startswith(
        ("kommend", "nächst")) else 0
    if a.year:
        return "DATE", f"{a.year + delta:04d}", "year"
    return "DATE", None, "year"


def _rule_part(m: re.Match[str], a: Anchor, tense: int) -> Result:
    what = m.group("what")
    low = what.lower()
    if m.groupdict().get("month"):
        mo = _month_no(m.group("month"))
        y = int(m.group("year")) if m.group("year") else a.year
        return "DATE", f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}", "month"
    if m.groupdict().get("year"):
        return "DATE", m.group("year"), "year"
    if "jahr" in low:
        return "DATE", f"{a.year:04d}" if a.year else None, "year"
    if "monat" in low:
        return "DATE", a.text[:7] if a.month else None, "month"
    if "woche" in low:
        return _rule_week(_FakeWeek(), a, tense)
    return None


class _FakeWeek:
    """Lets `Ende der Woche` reuse the week rule with `diese`."""

    def group(self, name: str) -> str:
        return "diese"


def _rule_season(m: re.Match[str], a: Anchor, tense: int) -> Result:
    code = SEASONS[m.group("season").lower()]
    y = m.group("year") or (f"{a.year:04d}" if a.year else "XXXX")
    return "DATE", f"{y}-{code}", "season"


def _rule_duration(m: re.Match[str], a: Anchor, tense: int) -> Result:
    n = _num(m.group("num"))
    unit = UNITS[m.group("unit").lower()]
    amount = "X" if n is None else str(n)
    if unit in ("H", "MIN"):
        return "DURATION", f"PT{amount}{'M' if unit == 'MIN' else 'H'}", "duration"
    if unit == "DE":
        return "DURATION", f"P{'X' if n is None else n * 10}Y", "duration"
    return "DURATION", f"P{amount}{unit}", "duration"


def _rule_ago(m: re.Match[str], a: Anchor, tense: int) -> Result:
    n = _num(m.group("num"))
    unit = UNITS[m.group("unit").lower()]
    sign = -1 if m.group("dir").lower() == "vor" else 1
    if n is None:
        return "DATE", None, "relative"
    if unit == "Y" and a.year:
        return "DATE", f"{a.year + sign * n:04d}", "year"
    if unit == "M" and a.month and a.year:
        y, mo = _shift_month(a.year, a.month, sign * n)
        return "DATE", f"{y:04d}-{mo:02d}", "month"
    if unit in ("D", "W") and a.date:
        days = n * (7 if unit == "W" else 1)
        target = a.date + timedelta(days=sign * days)
        if unit == "W":
            y, w, _ = target.isocalendar()
            return "DATE", f"{y:04d}-W{w:02d}", "week"
        return "DATE", target.isoformat(), "day"
    return "DATE", None, "relative"


def _rule_set(m: re.Match[str], a: Anchor, tense: int) -> Result:
    word = m.group(0).lower()
    for name, wd in WEEKDAYS.items():
        if name in word:
            return "SET", f"XXXX-WXX-{wd}", "set"
    if "täglich" in word or "tag" in word:
        return "SET", "P1D", "set"
    if "woch" in word:
        return "SET", "P1W", "set"
    if "monat" in word:
        return "SET", "P1M", "set"
    return "SET", "P1Y", "set"


RULES: list[tuple[str, re.Pattern[str], Rule]] = [
    ("full-date", re.compile(r"\b(?P<day>[0-3]?\d)\.\s?" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b"),
     _rule_full_date),
    ("numeric-date", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2})?(?!\d)"),
     _rule_numeric_date),
    ("part-of", re.compile(
        r"\b(?P<what>(?:Anfang|Mitte|Ende)\s+(?:(?:des\s+)?(?:Jahres|Monats)|der\s+Woche|"
        + _MONTH + r"(?:\s+(?P<year>\d{4}))?|(?P<year2>1[0-9]{3}|20[0-9]{2})))"),
     lambda m, a, t: _rule_part_year2(m, a, t)),
    ("month-year", re.compile(r"\b(?:(?:im|Im|seit|bis|ab)\s+)?" + _MONTH + r"\s+" + _YEAR + r"\b"),
     _rule_month_year),
    ("month", re.compile(r"\b(?:im|Im|seit|Seit|bis|ab|Ab|Anfang|Mitte|Ende)\s+" + _MONTH + r"(?!\s*\d)"),
     _rule_month_year),
    ("season", re.compile(r"\b(?:im|Im|seit|bis)\s+(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter)"
                          r"(?:\s+(?P<year>\d{4}))?\b"), _rule_season),
    ("decade", re.compile(r"\b(?:den\s+)?(?P<dec>1[0-9]{2}0|20[0-9]0)er(?:\s+Jahren?|-Jahren?)?"),
     _rule_decade),
    ("century", re.compile(r"\b(?P<cent>\d{1,2})\.\s+Jahrhunderts?\b"), _rule_century),
    ("time", re.compile(r"\b(?:um\s+|gegen\s+|ab\s+)?(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*Uhr\b"),
     _rule_time),
    ("relative-day", re.compile(
        r"\b(?P<rel>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen|heutigen|gestrigen|morgigen)\b"),
     _rule_relative_day),
    ("weekday", re.compile(
        r"\b(?P<mod>(?:[Aa]m|[Aa]n\s+diesem|[Dd]iesen|[Ss]eit(?:\s+dem)?|[Bb]is(?:\s+zum)?|[Aa]b|[Vv]on|"
        r"[Vv]origen|[Ll]etzten|[Vv]ergangenen|[Kk]ommenden|[Nn]ächsten|[Aa]m\s+(?:vergangenen|kommenden|"
        r"letzten|nächsten|frühen|späten))\s+)?" + _WD + r"(?P<an>\s+an\b)?"),
     _rule_weekday),
    ("week", re.compile(
        r"\b(?:in\s+der\s+|in\s+dieser\s+)?(?P<mod>[Vv]ergangene[nr]?|[Ll]etzte[nr]?|[Vv]orige[nr]?|"
        r"[Dd]iese[rn]?|[Kk]ommende[nr]?|[Nn]ächste[nr]?)\s+Woche\b"), _rule_week),
    ("weekend", re.compile(r"\b(?:am|übers|über\s+das)\s+(?:kommenden\s+|vergangenen\s+)?Wochenende\b"),
     _rule_weekend),
    ("relative-month", re.compile(
        r"\b(?:[Ii]m\s+)?(?P<mod>[Vv]ergangene[nm]?|[Ll]etzte[nm]?|[Vv]orige[nm]?|[Dd]iese[nm]?|"
        r"[Kk]ommende[nm]?|[Nn]ächste[nm]?)\s+Monats?\b"), _rule_rel_month),
    ("relative-year", re.compile(
        r"\b(?:[Ii]m\s+)?(?P<mod>[Vv]ergangene[ns]?|[Ll]etzte[ns]?|[Vv]orige[ns]?|[Dd]iese[ns]?|"
        r"[Kk]ommende[ns]?|[Nn]ächste[ns]?)\s+Jahr(?:es)?\b|\b(?P<mod2>Vorjahr)\b"),
     lambda m, a, t: _rule_rel_year(_ModProxy(m), a, t)),
    ("ago", re.compile(r"\b(?P<dir>[Vv]or|[Ii]n)\s+" + _NUM + r"\s+" + _UNIT + r"\b"), _rule_ago),
    ("duration", re.compile(
        r"\b(?:(?:[Ss]eit|[Ff]ür|[Bb]innen|[Ii]nnerhalb\s+von|[Nn]ach|über|rund|knapp|fast|mehr\s+als)\s+)?"
        + _NUM + r"\s+" + _UNIT + r"\b"), _rule_duration),
    ("set", re.compile(r"\b(?:[Jj]eden\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
                       r"Tag|Monat)|[Jj]edes\s+Jahr|[Jj]ede\s+Woche|täglich|wöchentlich|monatlich|"
                       r"jährlich|(?:montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags))\b"),
     _rule_set),
    ("year", re.compile(
        r"(?:(?<=\b[Ii]m\sJahr\s)|(?<=\b[Ii]m\sJahre\s)|(?<=\bseit\s)|(?<=\bSeit\s)|(?<=\bbis\s)|"
        r"(?<=\bvon\s)|(?<=\bab\s)|(?<=\bum\s)|(?<=\bin\s)|(?<=\bJahr\s)|(?<=\bund\s)|(?<=[–-])|"
        r"(?<=\bzwischen\s)|(?<=\bbereits\s)|(?<=\bschon\s)|(?<=\bnoch\s)|(?<=\bEnde\s)|(?<=\bAnfang\s)|"
        r"(?<=\bMitte\s))" + _YEAR
        + r"\b(?!\s*(?:[A-ZÄÖÜ][a-zäöüß]|Euro|%|Prozent|km|Meter))"),
     _rule_year),
    ("year-event", re.compile(
        r"\b" + _YEAR + r"(?=[.,;:)]|\s+(?:wurde|war|kam|begann|endete|starb|fand|gab|trat|kehrte|"
        r"wurden|waren|kamen|erfolgte|folgte|erklärte|brach|unterzeichnete|schloss|besetzte|"
        r"griff|marschierte|eroberte|siegte|verlor|zog|fiel|hatte|hatten|ist|sind)\b)"),
     _rule_year),
]


class _ModProxy:
    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def group(self, name: str) -> str:
        return self.m.group("mod") or self.m.group("mod2") or ""


def _rule_part_year2(m: re.Match[str], a: Anchor, tense: int) -> Result:
    if m.group("year2"):
        return "DATE", m.group("year2"), "year"
    return _rule_part(m, a, tense)


_FUTURE_RE = re.compile(r"\b(wird|werden|will|wollen|soll|sollen|plant|planen|kommende[nr]?|"
                        r"nächste[nr]?|geplant|beginnt|startet|tritt)\b")
_PAST_RE = re.compile(r"\b(sagte|sagten|erklärte|hatte|hatten|war|waren|wurde|wurden|kam|kamen|"
                      r"teilte|berichtete|gab|hat|haben|ist\s+\w+en)\b")


def _tense(sentence: str) -> int:
    """+1 for future-oriented sentences, -1 for past, 0 when unclear."""
    fut = bool(_FUTURE_RE.search(sentence))
    past = bool(_PAST_RE.search(sentence))
    return 1 if fut and not past else -1 if past and not fut else 0


def _sentence_around(text: str, start: int, end: int) -> str:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    e_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) if e_candidates else len(text)
    return text[s:e]


def find_times(text: str, anchor: str | None) -> list[TimeExpr]:
    """Temporal expressions of ``text``, normalised against ``anchor`` (the article date).

    Args:
        text: article text.
        anchor: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or None.

    Returns:
        Non-overlapping expressions in text order (longest match wins).
    """
    a = Anchor.parse(anchor)
    candidates: list[tuple[int, int, str, re.Match[str], Rule]] = []
    for name, pattern, rule in RULES:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), name, m, rule))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[TimeExpr] = []
    last_end = -1
    for start, end, name, m, rule in candidates:
        if start < last_end:
            continue
        try:
            result = rule(m, a, _tense(_sentence_around(text, start, end)))
        except (KeyError, ValueError):
            log.debug("timex rule %s failed on %r", name, m.group(0))
            continue
        if result is None:
            continue
        typ, value, gran = result
        surface = text[start:end].strip()
        s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        out.append(TimeExpr(text=surface, span=(s, s + len(surface)), type=typ,  # type: ignore[arg-type]
                            value=value, granularity=gran, anchor=a.text, rule=name))
        last_end = end
    return out


class TimexTagger:
    """Sets ``doc._.times`` from the text and ``doc._.article_date``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.times = find_times(doc.text, doc._.article_date)
        except Exception:  # per-document boundary
            log.exception("temporal tagging failed")
            doc._.times = []
        return doc


@Language.factory("zitat_timex", assigns=["doc._.times"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory of the ``zitat_timex`` component."""
    return TimexTagger(name)
