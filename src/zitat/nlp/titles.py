"""German roles and titles: tell `US-Außenminister` from `Antony Blinken`.

A role is a capitalised noun whose head is an office, function or profession
(`Bundesinnenministerin`, `Polizeisprecher`, `SPD-Chef`), optionally with a genitive or
`von` complement (`Sprecher des Innenministeriums`, `Präsident der EU-Kommission`,
`Bürgermeisterin von Leipzig`).
"""

from __future__ import annotations

import re

from zitat.nlp.cues import SOURCE_NOUNS

_ROLE_HEADS = (
    "minister", "ministerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "sprecher",
    "sprecherin", "chef", "chefin", "vorsitzende", "vorsitzender", "bürgermeister",
    "bürgermeisterin", "sekretär", "sekretärin", "politiker", "politikerin", "abgeordnete",
    "abgeordneter", "leiter", "leiterin", "direktor", "direktorin", "experte", "expertin",
    "anwalt", "anwältin", "richter", "richterin", "staatsanwalt", "staatsanwältin", "kommissar",
    "kommissarin", "botschafter", "botschafterin", "general", "generalin", "premier",
    "premierministerin", "regierungschef", "regierungschefin", "gouverneur", "gouverneurin",
    "senator", "senatorin", "beauftragte", "beauftragter", "chefökonom", "chefökonomin",
    "ökonom", "ökonomin", "forscher", "forscherin", "wissenschaftler", "wissenschaftlerin",
    "professor", "professorin", "trainer", "trainerin", "kapitän", "kapitänin", "papst",
    "könig", "königin", "fraktionschef", "fraktionschefin", "landrat", "landrätin", "stadtrat",
    "stadträtin", "dezernent", "dezernentin", "geschäftsführer", "geschäftsführerin",
    "manager", "managerin", "gewerkschafter", "gewerkschafterin", "aktivist", "aktivistin",
    "analyst", "analystin", "oberst", "bischof", "bischöfin", "kardinal", "diplomat",
    "diplomatin", "funktionär", "funktionärin", "unternehmer", "unternehmerin", "ermittler",
    "ermittlerin", "mediziner", "medizinerin", "arzt", "ärztin", "virologe", "virologin",
    "meteorologe", "meteorologin", "vize", "stellvertreter", "stellvertreterin", "koordinator",
    "koordinatorin", "vorstand", "vorständin", "ombudsmann", "ombudsfrau", "bundestrainer",
    "dekan", "dekanin", "rektor", "rektorin", "vertreter", "vertreterin", "mitarbeiter",
    "mitarbeiterin", "spieler", "spielerin", "beobachter", "beobachterin", "dozent",
    "dozentin", "ceo", "gründer", "gründerin", "befehlshaber", "befehlshaberin", "reporter",
    "reporterin",
)
_ROLE_RE = re.compile(r"(?:^|[\w\-])(?:" + "|".join(sorted(_ROLE_HEADS, key=len, reverse=True)) + r")$",
                      re.IGNORECASE)
_TITLE_WORDS = frozenset(["Dr.", "Prof.", "Dr", "Prof", "Herr", "Frau", "Sir", "Dame"])

#: organisation heads: `das Innenministerium`, `die Polizei`, `das Landgericht`
_ORG_RE = re.compile(
    r"(?:ministerium|amt|behörde|polizei|gericht|regierung|kommission|verwaltung|agentur|"
    r"verband|gewerkschaft|partei|fraktion|institut|ausschuss|rat|senat|bundestag|parlament|"
    r"konzern|unternehmen|bank|wetterdienst|feuerwehr|staatsanwaltschaft|stiftung|verein|"
    r"ministerien|direktion|kammer|universität|klinik|botschaft|armee|militär|nato|uno|un|eu|"
    r"staaten|länder|regierungen|parteien|organisation|organisationen|komitee|bündnis|"
    r"allianz|initiative|bewegung|kirche|netzwerk|firma|firmen|hersteller|betreiber|"
    r"veranstalter|gemeinde|vereinigung|kabinett|streitkräfte)"
    r"(?:e?s)?$",
    re.IGNORECASE,
)
#: kinds of media outlet that precede the outlet's name (`die Nachrichtenagentur Reuters`)
_MEDIA_RE = re.compile(
    r"(?:zeitung|blatt|sender|magazin|agentur|portal|website|webseite|internetseite|"
    r"zeitschrift|rundfunk|fernsehen|radio|onlineausgabe|nachrichtendienst)$",
    re.IGNORECASE,
)
_FEMALE_ENDINGS = ("in",)
_DETERMINERS = frozenset(["der", "die", "das", "ein", "eine", "dem", "den", "des", "einer"])


def is_role_word(word: str) -> bool:
    """True for a role noun such as `Bundesinnenministerin` or `SPD-Chef`."""
    return word[:1].isupper() and bool(_ROLE_RE.search(word))


def is_org_word(word: str) -> bool:
    """True for a noun that names an organisation type (`Innenministerium`, `Polizei`)."""
    return word[:1].isupper() and bool(_ORG_RE.search(word))


def is_media_word(word: str) -> bool:
    """True for a noun naming a kind of media outlet (`Tageszeitung`, `Nachrichtenagentur`)."""
    return word[:1].isupper() and bool(_MEDIA_RE.search(word))


def is_female_role(role: str) -> bool:
    """True for feminine role nouns (`Ministerin`, `Polizeisprecherin`)."""
    head = role.split()[0] if role else ""
    return is_role_word(head) and head.endswith(_FEMALE_ENDINGS)


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """Split the words of a speaker phrase into role words and name words.

    ``["US-Außenminister", "Antony", "Blinken"]`` → ``(["US-Außenminister"], ["Antony",
    "Blinken"])``; ``["Sprecher", "des", "Innenministeriums", "Jan", "Roth"]`` → the first
    three are the role. Determiners and adjectives before a role belong to nobody.
    """
    i = 0
    while i < len(words) and ((words[i][:1].islower() and words[i] not in ("von", "van", "de"))
                              or (i == 0 and words[i].casefold() in _DETERMINERS)):
        i += 1  # determiners, adjectives
    role: list[str] = []
    j = i
    while j < len(words) and (is_role_word(words[j]) or words[j] in _TITLE_WORDS):
        j += 1
        # a genitive or `von` complement belongs to the role: "Präsident der EU-Kommission"
        if j + 1 < len(words) and words[j] in ("des", "der", "von", "für") and \
                (is_org_word(words[j + 1]) or words[j + 1].isupper() or "-" in words[j + 1]):
            j += 2
    role = [w for w in words[i:j] if w not in _TITLE_WORDS]
    name = [w for w in words[j:] if w not in _TITLE_WORDS]
    return role, name


def strip_genitive(name: str) -> str:
    """`Blinkens` → `Blinken`, `Merz'` → `Merz`; leaves `Weiß`, `Klaus` alone."""
    if name.endswith("'"):
        return name[:-1]
    if name.endswith("s") and len(name) > 4 and not name.endswith(("ss", "us", "is", "os", "as", "ß", "es")):
        return name[:-1]
    return name


#: source nouns of attributions (`Angaben der Polizei`, `nach Informationen des Senders`,
#: `nach Polizeiangaben`): the speaker is the genitive or `von` phrase after them
_SOURCE_RE = re.compile(rf"^(?:[a-zäöü]+e[nmrs]?\s+)?{SOURCE_NOUNS}\s+(?:von\s+)?(?=\S)")


def source_prefix_length(phrase: str) -> int:
    """Length of a leading source noun phrase (`Angaben der Polizei` → 8, for `Angaben `),
    or 0 when the phrase has none."""
    m = _SOURCE_RE.match(phrase)
    return m.end() if m else 0
