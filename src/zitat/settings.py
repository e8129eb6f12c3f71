"""Settings: the one place that reads ``ZITAT_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path


class SettingsError(ValueError):
    """A ``ZITAT_*`` environment variable has a value zitat cannot use.

    Defined here, not in :mod:`zitat.errors`: the two modules are one layer and never
    import each other; the CLI reports it with exit code 2.
    """


@dataclass(frozen=True)
class Settings:
    """Run-time settings; each field is read from ``ZITAT_<NAME>`` when present."""

    db: str = field(
        default="zitat.db",
        metadata={"help": "Default store: a SQLite path or a postgresql:// URL."},
    )
    max_chars: int = field(
        default=2_000_000,
        metadata={"help": "Articles longer than this many characters are rejected with a reason.",
                  "range": (1, None)},
    )
    max_tokens: int = field(
        default=50_000,
        metadata={"help": "Articles of more tokens than this are rejected with a reason before "
                          "the model reads them: its memory grows by about 15 KB a token "
                          "(50,000 tokens, some 300 KB of prose: about 0.8 GB).",
                  "range": (1, None)},
    )
    max_seconds: int = field(
        default=120,
        metadata={"help": "An article whose analysis takes longer than this many seconds is "
                          "given up and rejected with a reason (checked between and inside "
                          "zitat's components); 0 switches the deadline off.",
                  "range": (0, None)},
    )
    batch_size: int = field(
        default=32,
        metadata={"help": "Articles analysed and written per transaction by `zitat ingest`.",
                  "range": (1, None)},
    )
    workers: int = field(
        default=0,
        metadata={"help": "Processes `zitat ingest` and `zitat analyze` analyse in: 0 = one per "
                          "CPU (at most 4; about 1.6× faster on 2 cores), 1 = in-process.",
                  "range": (0, None)},
    )
    model: str = field(
        default="",
        metadata={"help": "Directory of a core spaCy pipeline to use instead of the shipped one."},
    )
    parse: int = field(
        default=0,
        metadata={"help": "1 runs the core model's dependency parser and lemmatiser too; zitat "
                          "itself reads neither, so by default (0) sentences are split by "
                          "punctuation and the analysis is about a third faster.",
                  "range": (0, 1)},
    )
    analyze_rate: int = field(
        default=60,
        metadata={"help": "Analyses per minute one client address may request from "
                          "`zitat serve` (POST /api/analyze and /api/articles); more get 429 "
                          "with Retry-After. 0 switches the limit off."},
    )
    analyze_burst: int = field(
        default=20,
        metadata={"help": "Analyses one client address may request at once before "
                          "ZITAT_ANALYZE_RATE applies (the token bucket's size)."},
    )
    shared_data: str = field(
        default=str(Path(__file__).resolve().parents[3] / "shared" / "data"),
        metadata={"help": "Folder of the open training/evaluation data (benchmarks and eval)."},
    )

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from ``ZITAT_*`` variables, each checked against its type and range.

        Raises:
            SettingsError: naming the variable, its value, what is allowed and what it does.
        """
        values: dict[str, object] = {}
        for f in fields(cls):
            var = f"ZITAT_{f.name.upper()}"
            raw = os.environ.get(var)
            if raw is None:
                continue
            if f.type in ("int", int):
                low, high = f.metadata.get("range", (None, None))
                try:
                    number = int(raw.strip())
                except ValueError:
                    raise SettingsError(
                        f"{var}={raw!r} is not a whole number ({f.metadata['help']})"
                    ) from None
                if (low is not None and number < low) or (high is not None and number > high):
                    allowed = f"{low}–{high}" if high is not None else f"{low} or more"
                    raise SettingsError(f"{var}={raw!r} is out of range: {allowed} "
                                        f"({f.metadata['help']})")
                values[f.name] = number
            else:
                if not raw.strip():
                    raise SettingsError(f"{var} is set but empty ({f.metadata['help']})")
                values[f.name] = raw
        return cls(**values)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests call ``get_settings.cache_clear()``)."""
    return Settings.from_env()
