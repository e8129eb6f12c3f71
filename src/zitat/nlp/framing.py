"""How a quotation is framed: the class of its cue word and the mood of indirect speech.

* **cue class** — what the reporting verb says about the statement: ``neutral`` (`sagte`,
  `erklärte`), ``distancing`` (`behauptete`), ``conceding`` (`räumte ein`, `gab zu`),
  ``emphatic`` (`betonte`, `unterstrich`), ``critical`` (`kritisierte`, `warnte`),
  ``demanding`` (`forderte`), ``announcing`` (`kündigte an`, `versprach`), ``denying``
  (`bestritt`, `dementierte`), ``thinking`` (`glaubt`, `hofft`), ``attribution`` (`laut`,
  `zufolge`: no verb), else ``other``.
  (Until the cue lexicon ``nlp/data/cues.tsv`` carries a class column, the stems are here.)
* **mood** — for indirect speech only: ``konjunktiv`` when the reported clause has a
  Konjunktiv form (`sei`, `habe`, `würde`, `er plane`), else ``indicative``.
* **mode** — ``direct``, ``indirect`` (also free indirect) or ``reported`` from the type.
"""

from __future__ import annotations

import re

from zitat.nlp.cues import KONJUNKTIV, konjunktiv_i_after_subject
from zitat.schema import Quote

CUE_CLASSES: tuple[str, ...] = (
    "neutral", "distancing", "conceding", "emphatic", "critical", "demanding", "announcing",
    "denying", "thinking", "attribution", "other",
)
#: (class, stems): a cue's first word (or its particle) starting with a stem has the class;
#: separable verbs are matched on verb + particle (`räumte … ein`)
_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("distancing", ("behaupt", "vorgeb", "gab vor", "angeblich", "will wissen", "wollen wissen")),
    ("conceding", ("räum* ein", "gab zu", "gib* zu", "gesteh", "gestand", "zugegeben",
                   "eingeräumt", "einräum")),
    ("denying", ("bestreit", "bestritt", "dementier", "wies zurück", "weis* zurück",
                 "zurückgewiesen", "leugn", "verneint")),
    ("emphatic", ("beton", "unterstrich", "unterstreich", "hob hervor", "heb* hervor",
                  "bekräftig", "versicher", "beteuer")),
    ("critical", ("kritisier", "warn", "beklag", "klagt", "klagte", "mahn", "schimpf",
                  "wetter", "vorgeworfen", "warf vor", "wirft vor", "beschuldig", "monier",
                  "rügt", "rügte", "attackier")),
    ("demanding", ("forder", "verlang", "appellier", "ruf* auf", "rief auf", "plädier",
                   "drängt", "drängte", "aufgefordert")),
    ("announcing", ("kündig* an", "angekündigt", "versprach", "versprech", "verkünd",
                    "kündigte", "droht", "drohte")),
    ("thinking", ("glaub", "hoff", "fürcht", "befürcht", "denk", "dacht", "vermut",
                  "zweifel", "überzeugt", "geht davon aus", "ging davon aus", "erwart")),
    ("neutral", ("sag", "erklär", "teil", "mitgeteilt", "bericht", "antwort", "meint", "meinte",
                 "sprach", "sprech", "äußer", "ergänz", "füg", "erläuter", "schrieb", "schreib",
                 "geschrieben", "bestätig", "meld", "sagt", "nannt", "nenn", "bezeichn",
                 "fragt", "fragte", "entgegn", "erwider", "zitier", "verwies", "verweis",
                 "schilder", "erzähl", "heißt es", "hieß es", "twitter", "kommentier",
                 "so ", "lautet", "lautete", "gesagt", "erklärt", "gab an", "gib* an",
                 "angegeben", "hinzu", "mitteilt", "bekannt")),
    ("attribution", ("laut", "zufolge", "nach angaben", "nach ansicht", "nach auffassung",
                     "gemäß", "nach einschätzung", "nach")),
)
_PATTERNS = [
    (cls, [re.compile(r"(?:^|\s)" + re.escape(stem).replace(r"\*", r"\w*").replace(r"\ ", r"\b.*\b"))
           for stem in stems])
    for cls, stems in _STEMS
]
_WORD = re.compile(r"\w+")


def cue_class(cue: str | None) -> str | None:
    """The class of a cue text (`behauptete` → ``distancing``), ``None`` without a cue."""
    if not cue or not cue.strip():
        return None
    low = " ".join(_WORD.findall(cue.casefold()))
    for cls, patterns in _PATTERNS:
        if any(p.search(low) for p in patterns):
            return cls
    return "other"


def mode_of(quote_type: str) -> str:
    """``direct``, ``indirect`` or ``reported`` for a quotation type."""
    if quote_type == "Direct":
        return "direct"
    if quote_type == "Reported":
        return "reported"
    return "indirect"


def mood_of(quote: Quote) -> str | None:
    """``konjunktiv`` or ``indicative`` for indirect speech, ``None`` for other modes."""
    if mode_of(quote.type) != "indirect":
        return None
    words = _WORD.findall(quote.text)
    if any(w.casefold() in KONJUNKTIV for w in words):
        return "konjunktiv"
    # `dass er plane …`: the clause after the conjunction
    start = 1 if words and words[0].casefold() in ("dass", "ob", "wie", "weil") else 0
    if konjunktiv_i_after_subject(words[start:start + 3]):
        return "konjunktiv"
    return "indicative"


def with_framing(quotes: list[Quote]) -> list[Quote]:
    """The quotes with their cue class and mood filled in."""
    return [
        q.model_copy(update={"cue_class": cue_class(q.cue.text if q.cue else None),
                             "mood": mood_of(q)})
        for q in quotes
    ]
