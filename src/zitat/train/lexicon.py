"""Build ``zitat/nlp/data/name_lexicon.tsv.gz``, the word classes of :mod:`zitat.nlp.lexicon_features`.

Sources (build-time packages of the ``train`` extra; only the derived word list ships):

* Faker's person providers (MIT): first names and surnames of its Latin-script locales.
* ``german-nouns`` (German Wiktionary, CC BY-SA 4.0): entries marked ``Vorname``,
  ``Nachname`` and ``Toponym`` (lemma and case forms), and every other noun's case forms
  as common nouns.
* zitat's place gazetteer (``places.json.gz``: GeoNames CC BY 4.0, CLDR, CC0/MIT lists):
  one-word place names.

Only one-word forms are kept: the class is a feature of single tokens. A name also gets its
genitive in ``-s`` (``Merkels``, ``Brüssels``) unless it ends in a sibilant.

Usage: ``python -m zitat.train.lexicon [--out PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import json
import logging
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from zitat.nlp.lexicon_features import FIRST_NAME, LEXICON, NOUN, PLACE, SURNAME
from zitat.nlp.places import GAZETTEER

log = logging.getLogger(__name__)

_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*$")
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’-]+$")
_CASE_COLUMN = re.compile(r"^(nominativ|genitiv|dativ|akkusativ) (singular|plural)")


def _one_word(form: str) -> bool:
    return bool(_WORD.match(form)) and len(form) > 1


def _with_genitive(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        yield name
        if name[-1] not in "sßxzSXZ":
            yield name + "s"


def faker_names() -> tuple[set[str], set[str]]:
    """First names and surnames of Faker's Latin-script person providers."""
    import faker.providers.person as person

    firsts: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            # class attributes only: some providers define these as properties
            value = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), None)
            if isinstance(value, dict):
                value = list(value)
            if not isinstance(value, (list, tuple, set)):
                continue
            names = {v for v in value if isinstance(v, str) and _LATIN.match(v) and _one_word(v)}
            (surnames if attr == "last_names" else firsts).update(names)
    return firsts, surnames


def wiktionary_classes() -> dict[str, int]:
    """Form → class bits from german-nouns' Wiktionary extract."""
    classes: dict[str, int] = defaultdict(int)
    path = resources.files("german_nouns") / "nouns.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pos = set(row["pos"].split(","))
            if "Substantiv" not in pos or "Wortverbindung" in pos:
                continue
            forms = {row["lemma"]} | {v for k, v in row.items()
                                      if v and k and _CASE_COLUMN.match(k)}
            forms = {f for f in forms if _one_word(f)}
            if "Vorname" in pos:
                bit = FIRST_NAME
            elif "Nachname" in pos:
                bit = SURNAME
            elif "Toponym" in pos:
                bit = PLACE
            elif pos & {"Eigenname", "Abkürzung", "Straßenname", "Buchstabe", "Affix",
                        "Gebundenes Lexem", "Symbol"}:
                continue
            else:
                bit = NOUN
            for form in forms:
                classes[form] |= bit
    return classes


def gazetteer_places() -> set[str]:
    """One-word names of zitat's place gazetteer."""
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        names = json.load(fh)["names"]
    return {n for n in names if _one_word(n) and n[0].isupper()}


def build_lexicon() -> dict[str, int]:
    """All sources merged: form → class bit mask."""
    classes = wiktionary_classes()
    firsts, surnames = faker_names()
    for bit, names in ((FIRST_NAME, firsts), (SURNAME, surnames), (PLACE, gazetteer_places())):
        for form in _with_genitive(names):
            classes[form] |= bit
    return dict(classes)


def write_lexicon(lexicon: dict[str, int], out: Path) -> None:
    """Write ``form<TAB>mask`` lines, sorted, gzipped reproducibly (no timestamp)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{form}\t{mask}\n" for form, mask in sorted(lexicon.items()))
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    """Build the lexicon and write it into the package."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=LEXICON)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    try:
        lexicon = build_lexicon()
    except ModuleNotFoundError as exc:
        raise SystemExit(f"zitat.train.lexicon needs {exc.name!r}: run `make lexicon`, which "
                         "installs the train extra and german-nouns (--no-deps)") from exc
    write_lexicon(lexicon, args.out)
    counts = {name: sum(1 for m in lexicon.values() if m & bit)
              for name, bit in (("first names", FIRST_NAME), ("surnames", SURNAME),
                                ("places", PLACE), ("nouns", NOUN))}
    log.info("%d forms written to %s: %s", len(lexicon), args.out, counts)


if __name__ == "__main__":
    main()
