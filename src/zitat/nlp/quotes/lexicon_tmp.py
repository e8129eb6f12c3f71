"""Cue word lists (temporary)."""

from __future__ import annotations


def _weak_forms(stems: str) -> frozenset[str]:
    """Present and past forms of weak verbs from their stems (`forder` → `fordert`, …)."""
    forms: set[str] = set()
    for stem in stems.split():
        if stem.endswith(("t", "d", "chn", "gn")):  # begründ-et, bezeichn-et
            forms |= {f"{stem}et", f"{stem}en", f"{stem}ete", f"{stem}eten"}
            continue
        plural = f"{stem}n" if stem.endswith(("er", "el")) and stem[-3] != "i" else f"{stem}en"
        forms |= {f"{stem}t", plural, f"{stem}te", f"{stem}ten"}
    return frozenset(forms)


#: finite forms of verbs that report a speech act or a stance without quoting its content
#: (`Die Opposition kritisiert die Pläne`, `Er befürchtet einen Anstieg`)
REPORTED_VERBS = _weak_forms(
    "kritisier forder warn lob begrüß verurteil dementier kündig appellier bezeichn "
    "protestier beklag bemängel bekräftig verteidig plädier zweifel bezweifel lehn "
    "befürcht vermut erwart verlang fürcht begründ beantrag bestätig bericht bilanzier "
    "beton mahn räum prangr beschuldig plan glaub äußer mutmaß hoff "
) | frozenset(
    "bestritt bestritten droht drohte drohten widersprach widersprachen "
    "rief riefen ruft versprach versprachen verspricht bat baten "
    "bittet nannte nannten nennt rechnet rechnete rechneten warf warfen wirft".split()
)
#: verbs that report only with their particle (`geht davon aus`, `gab bekannt`, `sagte
#: voraus`), else they are everyday verbs (`ging nach Hause`)
PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("geht ging gingen gehen".split(), ("aus",)),
    **dict.fromkeys("gab gaben gibt geben".split(), ("bekannt", "zu")),
    **dict.fromkeys("sagte sagten sagt sagen".split(), ("voraus", "zu")),
    **dict.fromkeys("schlug schlugen schlägt".split(), ("vor",)),
    **dict.fromkeys("hält hielt hielten halten".split(), ("für", "fest")),
    **dict.fromkeys("sieht sah sahen sehen".split(), ("als",)),
    **dict.fromkeys("schloss schlossen schließt schließen".split(), ("aus",)),
    **dict.fromkeys("sprach sprachen spricht sprechen".split(), ("von", "aus")),
    **dict.fromkeys("wies wiesen weist weisen".split(), ("zurück", "hin")),
    **dict.fromkeys("erkennt erkannte erkannten erkennen".split(), ("an",)),
}
#: participles of the same acts in the perfect (`hat seinen Rücktritt angekündigt`)
REPORTED_PARTICIPLES = frozenset(
    "angekündigt gefordert kritisiert bekannt gegeben bekanntgegeben begründet bestätigt "
    "dementiert bestritten verurteilt begrüßt zurückgewiesen abgelehnt angeboten "
    "vorgeschlagen versprochen eingeräumt beklagt bemängelt gewarnt angedroht "
    "vorgeworfen verlangt beantragt zugesagt gedroht eingestuft ausgeschlossen "
    "anerkannt".split()
)
INTENT = frozenset("will wollen wollte wollten".split())


STANCE = ("befürcht", "vermut", "erwart", "hoff", "glaub", "rechne", "geh", "ging", "sieh",
           "sah", "seh", "hält", "halt", "hielt", "fürcht", "zweifel", "bezweifel")
STRONG_PAST = frozenset("sprach sprachen rief riefen warf warfen bat baten wies wiesen gab gaben "
                         "hielt hielten sah sahen ging gingen bestritt bestritten widersprach "
                         "widersprachen versprach versprachen".split())


#: verbs that introduce content only with the particle that ends their clause
#: (`geht davon aus, dass …`, `machte deutlich, …`, `führte aus, …`)
CLAUSE_PARTICLE_VERBS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("geht gehen ging gingen".split(), ("aus",)),
    **dict.fromkeys("führte führten führt".split(), ("aus",)),
    **dict.fromkeys("machte machten macht".split(), ("klar", "deutlich")),
    **dict.fromkeys("sicherte sicherten sichert".split(), ("zu",)),
}


MAKE_KNOWN = frozenset("gab gaben gibt geben gegeben wurde wurden wird werden machte machten "
                        "macht".split())


REFLEXIVE_NON_CUES = frozenset("ergibt ergab ergaben ergeben bestätigt bestätigte bestätigten".split())
#: verbs whose content can be a zu-infinitive (`kündigte an, … anzutreten`)
INFINITIVE_CUES = REPORTED_PARTICIPLES | frozenset(
    "aufgefordert aufgerufen gebeten empfohlen geraten beschlossen vereinbart erklärt "
    "entschieden entschied entschieden plant plante planten beauftragt "
    "beschloss beschlossen empfahl riet bot boten erklärte erklärten betonte betonten "
    "kündigte kündigten kündigt forderte forderten fordert fordern rief riefen ruft "
    "versprach versprachen verspricht drohte drohten droht bat baten bittet appellierte "
    "appellieren appelliert lehnte lehnten lehnt schlug schlugen schlägt sagte sagten "
    "warf warfen wirft werfen beschuldigte beschuldigten beschuldigt drängte drängten drängt "
    "ermahnte ermahnten ermahnt".split()
)
#: cues whose object is the addressee without a particle: `drängte den Minister, …`
OBJECT_CUES = frozenset(
    "beschuldigte beschuldigten beschuldigt drängte drängten drängt bat baten bittet "
    "ermahnte ermahnten ermahnt".split()
)
