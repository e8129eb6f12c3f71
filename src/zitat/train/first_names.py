"""Build ``nlp/data/first_names_gender.tsv.gz``: first names that one gender clearly uses.

Source: the person providers of Faker (MIT), which list first names by gender per locale
(``first_names_male`` / ``first_names_female``). A name counts as clear when at least
95 % of the locale lists that contain it put it under one gender (`Andrea` is female in
German and male in Italian lists, so it stays out). Only Latin-script one-word names.
Faker gives no frequencies; the lists are of common names, so the 95 % rule is over
locales, not over people. Run ``make first-names`` (needs the ``train`` extra).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import pkgutil
import re
from collections import Counter
from pathlib import Path

_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-ț\-']+$")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "first_names_gender.tsv.gz"
CLEAR = 0.95


def _names(provider: type, attr: str) -> set[str]:
    # class attributes only: some providers define these as properties
    value = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), None)
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, (list, tuple, set)):
        return set()
    return {v for v in value if isinstance(v, str) and _LATIN.match(v) and len(v) > 1}


def gendered_first_names(clear: float = CLEAR) -> dict[str, str]:
    """First name → ``f`` or ``m`` for names that ≥ ``clear`` of the listing locales agree on."""
    import faker.providers.person as person  # build-time dependency (train extra)

    votes: dict[str, Counter[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr, gender in (("first_names_male", "m"), ("first_names_female", "f")):
            for name in _names(provider, attr):
                votes.setdefault(name, Counter())[gender] += 1
    out: dict[str, str] = {}
    for name, count in votes.items():
        gender, n = count.most_common(1)[0]
        if n / sum(count.values()) >= clear:
            out[name] = gender
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the TSV (``name<TAB>f|m``, sorted)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    names = gendered_first_names()
    lines = ["# first name<TAB>gender (f|m): built by zitat.train.first_names from Faker (MIT)"]
    lines += [f"{n}\t{g}" for n, g in sorted(names.items())]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0: the same names give the same bytes (no churn in git)
    args.out.write_bytes(gzip.compress(data, mtime=0) if args.out.suffix == ".gz" else data)
    print(f"{args.out}: {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
