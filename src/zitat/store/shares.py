"""Who gets to speak, in figures: shares with 95 % intervals, and top-N concentration.

Pure functions and result records; the store counts (:mod:`zitat.store.attributes`), this
module turns counts into shares. A share is a count over its group's total (the quotes of
one outlet and month, say); its interval is the Wilson score interval, which stays inside
[0, 1] and is honest for small counts and shares near 0 or 1, where the textbook normal
interval is not.

What the interval covers: sampling noise, as if the quotes were a random sample of a
newsroom's quoting. It does not cover the attribute errors measured by the evaluation set
(shown next to the figures), nor quotes that the extraction missed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

#: The dimensions a statistic can be split by: speaker attributes, framing, and where/when.
DIMENSIONS: tuple[str, ...] = (
    "gender", "role_class", "party", "kind", "cue_class", "mode", "mood", "source", "month",
    "year",
)
#: Attribute dimensions (a value of the speaker); the others belong to the quote.
SPEAKER_DIMENSIONS = frozenset(("gender", "role_class", "party", "kind"))
#: z for a two-sided 95 % interval.
Z95 = 1.959963984540054


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class ShareQuery(_Record):
    """What to count: split by ``by`` (first: the attribute whose shares are given; the rest:
    the groups within which shares are taken), filtered like a search."""

    by: list[str] = ["gender"]
    since: str | None = None
    until: str | None = None
    source: str | None = None
    text: str | None = None
    top: int = 10


class ShareRow(_Record):
    """One value of the split attribute within one group, with shares and 95 % intervals."""

    group: dict[str, str]
    value: str
    quotes: int
    quotes_total: int
    quote_share: float
    quote_low: float
    quote_high: float
    speakers: int
    speakers_total: int
    speaker_share: float
    speaker_low: float
    speaker_high: float


class Concentration(_Record):
    """How much of a group's quoting goes to its ``top`` most quoted speakers."""

    group: dict[str, str]
    top: int
    quotes_total: int
    top_quotes: int
    share: float
    low: float
    high: float
    speakers: list[tuple[str, int]]


class ShareTable(_Record):
    """The result of a :class:`ShareQuery`."""

    query: ShareQuery
    quotes: int
    rows: list[ShareRow]
    concentration: list[Concentration]


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``k / n``.

    Args:
        k: successes (0 ≤ k ≤ n).
        n: trials; ``n == 0`` gives the uninformative interval (0, 1).
        z: the normal quantile (1.96 for 95 %).

    Returns:
        ``(low, high)``, both within [0, 1].

    Raises:
        ValueError: for ``k`` outside 0…n.
    """
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 0.0, 1.0
    p = k / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # at k = 0 or k = n one bound is exactly 0 or 1; rounding must not push it past
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def share_rows(cells: Iterable[tuple[tuple[str, ...], str, int, int]],
               group_dims: Sequence[str],
               speaker_totals: Mapping[tuple[str, ...], int] | None = None) -> list[ShareRow]:
    """Shares of each value within its group.

    Args:
        cells: ``(group values, value, quotes, distinct speakers)`` per cell.
        group_dims: the names of the group values, in order.
        speaker_totals: distinct speakers per group. Needed when the value belongs to the
            quote (cue class, mode, mood): one speaker is then counted under several
            values, and the speaker shares (quoted at least once so) need not sum to 1.
            Without it, the cells' speakers are summed (right for speaker attributes).

    Returns:
        Rows sorted by group, then by quotes (most first), then value.
    """
    cells = list(cells)
    q_tot: dict[tuple[str, ...], int] = defaultdict(int)
    s_tot: dict[tuple[str, ...], int] = defaultdict(int)
    for g, _, q, s in cells:
        q_tot[g] += q
        s_tot[g] += s
    if speaker_totals is not None:
        s_tot.update(speaker_totals)
    rows = []
    for g, value, q, s in sorted(cells, key=lambda c: (c[0], -c[2], c[1])):
        ql, qh = wilson_interval(q, q_tot[g])
        sl, sh = wilson_interval(s, s_tot[g])
        rows.append(ShareRow(
            group=dict(zip(group_dims, g, strict=True)), value=value,
            quotes=q, quotes_total=q_tot[g], quote_share=q / q_tot[g] if q_tot[g] else 0.0,
            quote_low=ql, quote_high=qh,
            speakers=s, speakers_total=s_tot[g],
            speaker_share=s / s_tot[g] if s_tot[g] else 0.0, speaker_low=sl, speaker_high=sh,
        ))
    return rows


def concentration(group: dict[str, str], counts: Sequence[tuple[str, int]], total: int,
                  top: int = 10) -> Concentration:
    """The share of all ``total`` quotes that the ``top`` most quoted speakers have.

    Args:
        group: the group the counts belong to.
        counts: ``(speaker name, quotes)`` of the linked speakers, any order.
        total: all quotes of the group (unlinked speakers included).
        top: how many speakers count as the top.
    """
    best = sorted(counts, key=lambda c: (-c[1], c[0]))[:top]
    k = sum(n for _, n in best)
    low, high = wilson_interval(k, total)
    return Concentration(group=group, top=top, quotes_total=total, top_quotes=k,
                         share=k / total if total else 0.0, low=low, high=high,
                         speakers=list(best))


#: German labels of dimensions and values, for the page and the readable table
DIMENSION_LABELS: dict[str, str] = {
    "gender": "Geschlecht", "role_class": "Rolle", "party": "Partei", "kind": "Art",
    "cue_class": "Redeverb", "mode": "Redewiedergabe", "mood": "Modus", "source": "Quelle",
    "month": "Monat", "year": "Jahr",
}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "gender": {"f": "Frauen", "m": "Männer", "unknown": "unbekannt",
               "none": "keine Person"},
    "kind": {"person": "Person", "organisation": "Organisation", "group": "Gruppe",
             "unknown": "unbekannt"},
    "role_class": {
        "politics": "Politik", "government": "Regierung/Verwaltung",
        "justice": "Polizei/Justiz", "business": "Wirtschaft",
        "science": "Wissenschaft/Expertise", "civil_society": "Zivilgesellschaft",
        "citizen": "Bürger/Zeugen", "media": "Medien", "sport": "Sport", "culture": "Kultur",
        "unknown": "unbekannt",
    },
    "party": {"none": "keine genannt"},
    "cue_class": {
        "neutral": "neutral (sagen)", "distancing": "distanzierend (behaupten)",
        "conceding": "einräumend (einräumen)", "emphatic": "bekräftigend (betonen)",
        "critical": "kritisch (warnen)", "demanding": "fordernd (fordern)",
        "announcing": "ankündigend (ankündigen)", "denying": "bestreitend (dementieren)",
        "thinking": "Meinung (glauben)", "attribution": "Quellenangabe (laut)",
        "other": "anderes", "none": "ohne Redeverb",
    },
    "mode": {"direct": "direkt", "indirect": "indirekt", "reported": "berichtet"},
    "mood": {"indicative": "Indikativ", "konjunktiv": "Konjunktiv", "none": "—"},
    "source": {"unknown": "unbekannt"},
    "month": {"unknown": "ohne Datum"},
    "year": {"unknown": "ohne Datum"},
}


def label(dimension: str, value: str) -> str:
    """The German label of a value (the value itself where there is none)."""
    return VALUE_LABELS.get(dimension, {}).get(value, value)
