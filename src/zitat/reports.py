"""What a long run did: one report for ``zitat ingest``, ``zitat load`` and ``zitat batch``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RunReport:
    """Counts of an ingest, load or batch run; each run fills the fields that apply.

    Attributes:
        read: input records (or stored articles, for ``load``) read.
        added: articles newly stored.
        skipped: articles already in the store.
        rejected: records that could not be read or analysed.
        quotes: quotations found (``load``: in the loaded articles).
        seconds: wall time of the whole run.
        reasons: rejected records per reason (the reason up to its first colon).
        rejects_file: where ``ingest`` wrote the rejected records.
        out: the output folder of ``batch``.
        articles: distinct articles ``batch`` analysed.
        duplicates: records ``batch`` dropped as copies of an earlier text.
        partitions: partitions ``batch`` analysed in.
        rows: rows per Parquet table written by ``batch``.
    """

    read: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    quotes: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    rejects_file: Path | None = None
    out: str = ""
    articles: int = 0
    duplicates: int = 0
    partitions: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Records read per second, end to end."""
        return self.read / self.seconds if self.seconds else 0.0

    def count_reason(self, reason: str, n: int = 1) -> None:
        """Count ``n`` rejected records under the head of ``reason`` (up to a colon)."""
        key = reason.split(":")[0][:60]
        self.reasons[key] = self.reasons.get(key, 0) + n

    def reason_lines(self) -> list[str]:
        """``"  n × reason"`` per reason, most frequent first (for the closing summary)."""
        ranked = sorted(self.reasons.items(), key=lambda kv: -kv[1])
        return [f"  {n} × {reason}" for reason, n in ranked]
