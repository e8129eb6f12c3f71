"""The data contract: what zitat extracts from one article.

All offsets are character offsets into ``Article.text`` (Python ``str`` indices, end
exclusive). The JSON form of :class:`Article` is the contract described in DESIGN.md and
in ``zitat/article.schema.json`` (generated from these models, checked by the tests).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

QuoteType = Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]
Medium = Literal["Speech", "Writing", "Thought", "ST", "SW", "TW", "none"]
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
QUOTE_TYPES: tuple[str, ...] = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
MEDIA: tuple[str, ...] = ("Speech", "Writing", "Thought", "ST", "SW", "TW", "none")

Offsets = tuple[int, int]

# ASCII digits only: `\d` also matches ٢٠٢٢, which int() reads but nothing else can
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(_Model):
    """A role of a quotation (cue, speaker, addressee, frame): text plus spans."""

    text: str
    spans: list[Offsets] = Field(default_factory=list)
    entity: str | None = None
    """Id of the resolved entity (speaker/addressee only). Implicit speakers have no spans."""


class Quote(_Model):
    """One quotation with its roles."""

    id: str
    type: QuoteType
    medium: Medium = "Speech"
    text: str
    spans: list[Offsets]
    cue: Role | None = None
    speaker: Role | None = None
    addressee: Role | None = None
    frame: Role | None = None
    confidence: float = 0.5
    """Probability that the quotation and its speaker are right, from the calibrated
    confidence model (``zitat.nlp.confidence``; see the model card)."""
    nested_in: str | None = None
    """Id of the enclosing quotation when this one is nested (direct inside indirect)."""
    place: str | None = None
    """German canonical name of the place where it was said, when the frame states it
    (`sagte Blinken in Washington`)."""
    rule: str | None = None
    """Name of the rule that found the quotation (`direct-cue-after`, `indirect-cue-clause`,
    `reported-act`, `learned-tagger`, …; see ``zitat.nlp.quotes``)."""
    cue_class: str | None = None
    """What the cue says about the statement: neutral (`sagte`), distancing (`behauptete`),
    conceding (`räumte ein`), emphatic (`betonte`), critical, demanding, announcing,
    denying, thinking, attribution (`laut`), other; ``None`` without a cue."""
    mood: Literal["indicative", "konjunktiv"] | None = None
    """Indirect speech only: whether the reported clause is in the Konjunktiv."""

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans)


class Attribute(_Model):
    """One attribute of a speaker as the text states it, with the words it came from."""

    value: str
    evidence: list[str] = Field(default_factory=list)
    """The words of the article (or the lexicon entry) the value was read from."""
    rule: str = ""
    """Which rule gave the value (`role_noun`, `pronoun`, `title`, `first_name`, …)."""


class Entity(_Model):
    """A person, organisation, location or other named thing mentioned in the article."""

    id: str
    label: EntityLabel
    name: str
    roles: list[str] = Field(default_factory=list)
    mentions: list[Offsets] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)
    kind: Attribute | None = None
    """person | organisation | group (PER/ORG entities only)."""
    role_class: Attribute | None = None
    """politics | government | justice | business | science | civil_society | citizen |
    media | sport | culture, from role nouns and titles; absent when the text says none."""
    party: Attribute | None = None
    """The party the text names for the speaker (`(SPD)`, `der Grünen-Politiker`)."""
    gender: Attribute | None = None
    """f | m | unknown for persons: only where the text marks it or a first name is clear."""


class TimeExpr(_Model):
    """A temporal expression normalised against the article date (TIMEX3-style value)."""

    text: str
    span: Offsets
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = None
    granularity: str | None = None
    anchor: str | None = None
    rule: str | None = None


class Place(_Model):
    """A location mention resolved against the gazetteer."""

    text: str
    """The name as written (`Wiens`, `Moldau`)."""
    span: Offsets
    name: str
    """German canonical name (`Wien`, `Republik Moldau`, `Brüssel`); the text itself for a
    place the gazetteer does not know."""
    name_en: str | None = None
    """International (GeoNames, mostly English) name (`Vienna`, `Moldova`), for linking
    with other data; None for an unresolved place."""
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: Literal["country", "city", "region", "other"] | None = None


class Article(_Model):
    """Everything zitat extracts from one article; serialises to the JSON contract."""

    id: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    text: str
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("date")
    @classmethod
    def _check_date(cls, v: str | None) -> str | None:
        if v is not None:
            parse_date(v)
        return v

    def to_json(self) -> str:
        """The article as one line of contract JSON."""
        return self.model_dump_json(exclude_none=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Article:
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)


class RawArticle(_Model):
    """What every reader yields: one article before analysis."""

    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    origin: str | None = None
    """Where the record came from (``file:line``), for error messages."""


class Rejected(_Model):
    """A record that could not be read or analysed: where it came from and why."""

    origin: str | None
    reason: str
    preview: str = ""
    """The first characters of the record, so nothing is lost without a trace."""


def normalize_text(text: str) -> str:
    """Unicode NFC, unified line breaks, no BOM or NUL characters."""
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def article_id(text: str) -> str:
    """Stable id: sha1 of the normalised, whitespace-collapsed text."""
    key = " ".join(normalize_text(text).split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


_GERMAN_MONTHS = {
    name: i + 1
    for i, names in enumerate((
        ("januar", "jan", "jänner", "jän"), ("februar", "feb"), ("märz", "mär", "maerz"),
        ("april", "apr"), ("mai",), ("juni", "jun"), ("juli", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
        ("dezember", "dez"),
    ))
    for name in names
}
#: 3.11.2023, 03.11.2023, 11.2023, 3. November 2023, November 2023, Nov. 2023
_GERMAN_NUMERIC_RE = re.compile(r"^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$")
_GERMAN_WORDS_RE = re.compile(r"^(?:(\d{1,2})\.\s*)?([^\W\d_]+)\.?\s+(\d{4})$")


def normalize_date(value: str) -> str:
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from ISO or German notation.

    German forms keep their precision: ``03.11.2023`` → ``2023-11-03``, ``11.2023`` and
    ``November 2023`` → ``2023-11``, ``3. Nov. 2023`` → ``2023-11-03``.

    Raises:
        ValueError: for any other form or an impossible date (the message names the forms).
    """
    text = " ".join(value.split())
    year: str | None = None
    month: int | None = None
    day: int | None = None
    m = _GERMAN_NUMERIC_RE.match(text)
    if m:
        day = int(m.group(1)) if m.group(1) else None
        month, year = int(m.group(2)), m.group(3)
    else:
        m = _GERMAN_WORDS_RE.match(text)
        if m and m.group(2).lower() in _GERMAN_MONTHS:
            day = int(m.group(1)) if m.group(1) else None
            month, year = _GERMAN_MONTHS[m.group(2).lower()], m.group(3)
    if year is None:
        if not _DATE_RE.match(text):
            raise ValueError(
                f"date {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD, TT.MM.JJJJ or MM.JJJJ"
            )
        iso = text
    else:
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    parse_date(iso)
    return iso


def parse_date(value: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into parts, validating the calendar.

    Raises:
        ValueError: for any other form or an impossible date such as ``2022-13``.
    """
    import calendar

    m = _DATE_RE.match(value.strip())
    if not m:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"date {value!r} has an impossible month")
    if day is not None:
        assert month is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"date {value!r} has an impossible day")
    return year, month, day
