"""Rule-based quotation finding on hand-written German news sentences."""

from __future__ import annotations

import pytest

from zitat.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def rules_medium_nlp():
    from zitat.train.medium import rules_pipeline

    return rules_pipeline()


def _quotes(nlp, text):
    return nlp(text)._.quotes


def test_direct_quote_with_cue_and_titled_speaker(nlp):
    (q,) = _quotes(nlp, "„Wir werden die Renten nicht kürzen“, sagte Bundeskanzler Markus "
                        "Feldmann am Donnerstag in Berlin.")
    assert (q.type, q.medium) == ("Direct", "Speech")
    assert q.text == "„Wir werden die Renten nicht kürzen“"
    assert q.cue.text == "sagte"
    assert q.speaker.text == "Bundeskanzler Markus Feldmann"


def test_interrupted_quote_has_two_spans_and_addressee(nlp):
    text = "„Wir sind bereit“, sagte er den Journalisten, „aber nicht um jeden Preis.“"
    (q,) = _quotes(nlp, text)
    assert [text[s:e] for s, e in q.spans] == ["„Wir sind bereit“", "„aber nicht um jeden Preis.“"]
    assert q.speaker.text == "er"
    assert q.addressee.text == "den Journalisten"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Innenministerin Anna Beispiel sagte: »Die Polizei ist vorbereitet.«",
         "Innenministerin Anna Beispiel"),
        ("Feldmann: „Das ist ein guter Tag für Europa.“", "Feldmann"),
        ('"Wir geben nicht auf", sagte die Bürgermeisterin.', "die Bürgermeisterin"),
        ("„Das Ende ist nah. Wir müssen jetzt handeln“, fügte sie hinzu.", "sie"),
    ],
)
def test_direct_quote_styles_and_colon_introductions(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Direct" and q.speaker.text == speaker


def test_separable_cue_has_two_parts(nlp):
    (q,) = _quotes(nlp, "„Das Ende ist nah. Wir müssen jetzt handeln“, fügte sie hinzu.")
    assert q.cue.text == "fügte … hinzu" and len(q.cue.spans) == 2


def test_scare_quotes_are_not_quotations(nlp):
    assert _quotes(nlp, "Die Mondfähre „Eagle“ landete sicher im Meer der Ruhe.") == []


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Laut Polizeisprecher Jonas Keller wurden drei Personen festgenommen.", "Laut",
         "Polizeisprecher Jonas Keller"),
        ("Dem Ministerium zufolge gab es am Abend keine Verletzten.", "zufolge", "Dem Ministerium"),
        ("Nach Angaben der Feuerwehr ist das Feuer inzwischen gelöscht.", "Nach",
         "Angaben der Feuerwehr"),
        ("Nach ersten Polizeiangaben wurden drei Menschen leicht verletzt.", "Nach",
         "ersten Polizeiangaben"),
        ("Die Zahl der Anträge sei deutlich gestiegen, wie das Ministerium mitteilte.",
         "wie … mitteilte", "das Ministerium"),
        ("Nach offiziellen türkischen Angaben wurden beim Beben 40 Häuser zerstört.", "Nach",
         "offiziellen türkischen Angaben"),
        ("Nach einer Stellungnahme der Berliner Verkehrsbetriebe war die Störung am Mittag behoben.",
         "Nach", "einer Stellungnahme der Berliner Verkehrsbetriebe"),
        ("Nach Bergers Meinung werden die Mieten in Leipzig weiter steigen.", "Nach",
         "Bergers Meinung"),
        ("Die Reform wird seiner Meinung nach vor allem kleine Betriebe belasten.", "nach",
         "seiner Meinung"),
        ("Laut israelischen Medien gab es bei dem Angriff zwei Verletzte.", "Laut",
         "israelischen Medien"),
        ("Laut „Tagesspiegel“ will die Senatorin im Herbst zurücktreten.", "Laut",
         "„Tagesspiegel“"),
        ("Laut ndr.de blieben am Abend einige Demonstranten auf dem Platz.", "Laut", "ndr.de"),
    ],
)
def test_prepositional_attributions(nlp, text, cue, speaker):
    # as in the quotation corpus: the preposition is the cue, the source noun stays with
    # the speaker phrase
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert (q.cue.text, q.speaker.text) == (cue, speaker)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Feldmann erklärte, man werde die Hilfen aufstocken.", "man werde die Hilfen aufstocken",
         "Feldmann"),
        ("Die Ministerin sagte, dass die Lage unter Kontrolle sei.",
         "dass die Lage unter Kontrolle sei", "Die Ministerin"),
        ("Die Behörde sei gut aufgestellt, erklärte Beispiel am Montag.",
         "Die Behörde sei gut aufgestellt", "Beispiel"),
    ],
)
def test_indirect_speech(nlp, text, quote, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.speaker.text) == ("Indirect", quote, speaker)


def test_konjunktiv_continuation_inherits_speaker(nlp):
    text = ("Die Ministerin sagte, dass die Lage unter Kontrolle sei. Man habe alle Kräfte "
            "mobilisiert. Am Abend regnete es.")
    q1, q2 = _quotes(nlp, text)
    assert q2.type == "IndirectFreeIndirect"
    assert q2.text == "Man habe alle Kräfte mobilisiert."
    assert q2.speaker.spans == q1.speaker.spans


def test_never_crashes_on_odd_text(nlp):
    for text in ["", "„", "„“", "»«» «", '"' * 50, "sagte, dass", "„Ohne Ende " * 3000]:
        assert isinstance(_quotes(nlp, text), list)


@pytest.mark.parametrize(
    ("text", "speaker", "medium"),
    [
        ("Die Opposition kritisierte die Pläne der Regierung scharf.", "Die Opposition", "Speech"),
        ("Die Gewerkschaft fordert einen höheren Mindestlohn für Pflegekräfte.",
         "Die Gewerkschaft", "SW"),
        ("Der Verband will die Beiträge im kommenden Jahr senken.", "Der Verband", "SW"),
        ("Bürgermeister Thomas Keller hat am Abend seinen Rücktritt angekündigt.",
         "Bürgermeister Thomas Keller", "SW"),
        ("Mit einer Entspannung rechnet der Wetterdienst erst am Wochenende.",
         "der Wetterdienst", "ST"),
        ("Die Reederei geht von weiteren Verspätungen aus.", "Die Reederei", "ST"),
    ],
)
def test_reported_speech_acts_cover_the_sentence(nlp, rules_medium_nlp, text, speaker, medium):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.speaker.text) == ("Reported", text, speaker)
    # the rules' own medium; the learned classifier may overrule it by corpus statistics
    assert _quotes(rules_medium_nlp, text)[0].medium == medium


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei ging im vergangenen Jahr an die Börse.",
        "Der Minister sah die Demonstranten vom Fenster aus.",
        "Es fordert niemand eine Erhöhung.",
    ],
)
def test_everyday_verbs_are_no_reports(nlp, text):
    assert _quotes(nlp, text) == []


def test_reportative_sollen_is_free_indirect(nlp):
    text = ("Die Polizei ermittelt nach dem Unfall in Leipzig. Der Fahrer soll mit mehr als "
            "hundert Stundenkilometern durch die Innenstadt gefahren sein.")
    quotes = _quotes(nlp, text)
    assert [(q.type, q.text) for q in quotes] == [
        ("FreeIndirect", text[text.index("Der Fahrer"):])]


@pytest.mark.parametrize(
    "text",
    [
        "Die Kinder sollen um acht Uhr im Bett sein.",
        "Wenn die Brücke gesperrt worden sein soll, fahren wir über Halle.",
    ],
)
def test_sollen_without_a_reported_claim_is_no_quote(nlp, text):
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker", "addressee"),
    [
        ("Die Landesregierung hat angekündigt, den Katastrophenfall auszurufen, wenn der "
         "Pegel weiter steigt.", "den Katastrophenfall auszurufen, wenn der Pegel weiter steigt",
         "hat angekündigt", "Die Landesregierung", None),
        ("Der Minister versprach, die Schulen in Sachsen schneller zu sanieren.",
         "die Schulen in Sachsen schneller zu sanieren", "versprach", "Der Minister", None),
        ("Die Grünen forderten die Bundesregierung auf, die Bürgerrechte nicht zu opfern.",
         "die Bürgerrechte nicht zu opfern", "forderten … auf", "Die Grünen",
         "die Bundesregierung"),
    ],
)
def test_zu_infinitive_content_of_announcements_and_demands(nlp, text, quote, cue, speaker,
                                                            addressee):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.cue.text, q.speaker.text) == ("Indirect", quote, cue, speaker)
    assert (q.addressee.text if q.addressee else None) == addressee


def test_purpose_clause_is_no_quote(nlp):
    assert _quotes(nlp, "Er fuhr nach Hause, um sich auszuruhen.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Gleichzeitig vermutet er hinter den Krawallen eine zentrale Steuerung.", "er"),
        ("Am Abend kritisierte die Opposition den Haushaltsentwurf scharf.", "die Opposition"),
        ("Damit will die Stadtverwaltung Kosten sparen.", "die Stadtverwaltung"),
    ],
)
def test_sentence_openers_are_not_speakers(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker is not None and q.speaker.text == speaker


def test_quoted_phrase_inside_a_report_takes_its_speaker(nlp):
    text = ("Die Sprecherin der Feuerwehr, Jana Roth, sagte, die Lage sei „auch in der "
            "kommenden Nacht noch sehr angespannt“ und man bitte um Geduld.")
    quotes = _quotes(nlp, text)
    phrase = next(q for q in quotes if q.type == "Direct")
    report = next(q for q in quotes if q.type == "Indirect")
    assert report.speaker.text == "Die Sprecherin der Feuerwehr, Jana Roth"
    assert phrase.speaker is not None and phrase.speaker.text == report.speaker.text


def test_nach_without_a_source_noun_is_no_attribution(nlp):
    assert _quotes(nlp, "Die Delegation reiste am Abend nach Berlin weiter.") == []


def test_source_noun_stays_in_the_phrase_but_not_in_the_entity():
    from zitat.analysis import analyze

    art = analyze("Nach Angaben des Innenministeriums wurden am Morgen drei Männer festgenommen.")
    (q,) = art.quotes
    assert q.speaker.text == "Angaben des Innenministeriums"
    entity = next(e for e in art.entities if e.id == q.speaker.entity)
    assert entity.name == "Innenministerium"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Die Staatsanwaltschaft hat bestätigt, dass der Verdächtige gefasst wurde.",
         "hat bestätigt", "Die Staatsanwaltschaft"),
        ("Die Anwältin gab an, ihre Mandantin habe große Angst gehabt.", "gab an",
         "Die Anwältin"),
        ("Die Forscher wiesen darauf hin, dass die Pegel weiter steigen könnten.",
         "wiesen darauf hin", "Die Forscher"),
    ],
)
def test_cue_keeps_auxiliary_and_particle(nlp, text, cue, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.cue.text, q.speaker.text) == (cue, speaker)


@pytest.mark.parametrize(
    ("text", "type_", "speaker"),
    [
        ("Bundeskanzlerin Petra Lindner (SPD) will an dem Gesetz festhalten.", "Reported",
         "Bundeskanzlerin Petra Lindner (SPD)"),
        ("Die Ermittler schlossen einen Anschlag als Ursache des Brandes aus.", "Reported",
         "Die Ermittler"),
        ("Die Bundeswehr hat entschieden, das Tanklager in Husum aufzugeben.", "Indirect",
         "Die Bundeswehr"),
    ],
)
def test_more_report_forms(nlp, text, type_, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.speaker.text) == (type_, speaker)


def test_first_person_sentence_does_not_continue_a_report(nlp):
    text = ("Der Minister sagte, die Reform sei überfällig. Ich habe davon erst später "
            "erfahren, schrieb eine Leserin.")
    assert all(not q.text.startswith("Ich habe") or q.type != "IndirectFreeIndirect"
               for q in _quotes(nlp, text))


def test_frame_keeps_its_delimiting_punctuation_and_particle(nlp):
    # the comma before it, not the closing full stop (the corpus leaves it out 4 times in 5)
    text = "Die Straße bleibe bis Freitag gesperrt, teilte die Stadtverwaltung mit."
    (q,) = _quotes(nlp, text)
    assert q.frame.text == ", teilte die Stadtverwaltung mit"
    assert q.cue.text == "teilte … mit"


def test_quoted_phrase_takes_the_reporting_subject(nlp):
    text = "Die Veranstalter sprachen von der „größten Friedensdemonstration seit Jahren“."
    (q,) = [q for q in _quotes(nlp, text) if q.type == "Direct"]
    assert (q.speaker.text, q.cue.text) == ("Die Veranstalter", "sprachen")


def test_indicative_main_clause_after_a_speech_verb(nlp):
    (q,) = _quotes(nlp, "Der Bürgermeister sagte am Abend, die Brücke ist ab Montag wieder frei.")
    assert (q.type, q.text) == ("Indirect", "die Brücke ist ab Montag wieder frei")


def test_relative_or_adverbial_clause_after_a_speech_verb_is_no_content(nlp):
    assert _quotes(nlp, "Er sagte das Konzert ab, als der Sturm kam.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Umweltgruppe „Iceland Nature Conservation Association“ protestierte vor dem Hafen.",
        "Die Partei „Union pour un Mouvement Populaire“ stellte ihr Programm vor.",
        "Schon im Frühjahr wurde Kritik an den Plänen laut.",
        "Eine Pfarrerin sprach ein Gebet für die Opfer.",
        # titles right after the noun they name
        "Die Ausstellung steht unter dem Motto „Wasser für alle Menschen in der Stadt“.",
        "Das Schiff „Nordstern Königin“ lief am Morgen in Kiel ein.",
        "Ab Donnerstag läuft in den Kinos der Film „Die stillen Jahre am Fluss“.",
    ],
)
def test_names_in_marks_and_non_speech_uses_are_no_quotes(nlp, text):
    assert _quotes(nlp, text) == []


def test_heisst_es_takes_its_document_or_origin_as_speaker(nlp):
    (q,) = _quotes(nlp, "In einem Positionspapier des Innenministeriums heißt es, die "
                        "Regeln hätten sich bewährt.")
    assert (q.text, q.speaker.text) == ("die Regeln hätten sich bewährt",
                                        "einem Positionspapier des Innenministeriums")
    (q,) = _quotes(nlp, "Die Gespräche seien konstruktiv gewesen, hieß es aus dem Kanzleramt.")
    assert q.speaker.text == "dem Kanzleramt"


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("Die Ministerin sagte hierzu der Süddeutschen Zeitung, sie könne sich das vorstellen.",
         "der Süddeutschen Zeitung"),
        ("Der Sprecher sagte gegenüber Journalisten, die Äußerungen seien kein Kurswechsel.",
         "Journalisten"),
        ("Der Minister sagte am Abend, die Lage sei ernst.", None),
        ("Die Landrätin sagte am Montag vor Journalisten, die Brücke werde saniert.",
         "Journalisten"),
        ("Auf Nachfrage erklärte er Reportern, der Vertrag sei unterschrieben.", "Reportern"),
        ("Gegenüber dem Weser-Kurier sagte der Trainer, die Mannschaft sei erschöpft.",
         "dem Weser-Kurier"),
        ("Kritiker hatten ihm vorgeworfen, er habe die Öffentlichkeit getäuscht.", "ihm"),
        ("Die Opposition warf der Bürgermeisterin vor, die Kosten verschwiegen zu haben.",
         "der Bürgermeisterin"),
        ("Der Verband drängte die Landesregierung, die Schulden zu erlassen.",
         "die Landesregierung"),
    ],
)
def test_addressee_between_cue_and_content(nlp, text, addressee):
    (q,) = _quotes(nlp, text)
    assert (q.addressee.text if q.addressee else None) == addressee


def test_naming_heisst_is_no_cue(nlp):
    assert _quotes(nlp, "Das neue Projekt, das Lichtblick heißt, startet im Mai in Kassel.") == []


def test_konjunktiv_i_content_after_particle_verb(nlp):
    text = "Das Ministerium teilte am Dienstag mit, man prüfe weitere Schritte."
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert q.text == "man prüfe weitere Schritte"
    assert q.cue.text == "teilte … mit"
    assert q.speaker.text == "Das Ministerium"


def test_fronted_prepositional_object_is_not_the_speaker(nlp):
    text = "In einem Brief an die Länder schrieb Beispiel, die Mittel würden aufgestockt."
    (q,) = _quotes(nlp, text)
    assert (q.cue.text, q.speaker.text) == ("schrieb", "Beispiel")
    assert q.medium == "Writing"


def test_laut_report_keeps_its_genitive_source(nlp):
    (q,) = _quotes(nlp, "Laut einem Bericht der Zeitung plant die Regierung neue Gesetze.")
    assert q.speaker.text == "einem Bericht der Zeitung"
    assert q.text == "plant die Regierung neue Gesetze"


@pytest.mark.parametrize(
    ("words", "expected"),
    [("man prüfe weitere".split(), True), ("die Regierung erwäge".split(), True),
     ("er plant neue".split(), False), ("er heute nicht".split(), False),
     ("die Regierung prüft".split(), False)],
)
def test_konjunktiv_i_after_subject(words, expected):
    from zitat.nlp.cues import konjunktiv_i_after_subject

    assert konjunktiv_i_after_subject(words) is expected


def test_direct_quote_missing_its_opening_mark(nlp):
    text = ("Der CDU-Innenpolitiker Thomas Keller hält das Paket für unzureichend. "
            "Das ist ein Papiertiger mit Messerverbot“, sagte Keller.")
    q = next(q for q in _quotes(nlp, text) if q.type == "Direct")
    assert q.text == "Das ist ein Papiertiger mit Messerverbot“"
    assert (q.cue.text, q.speaker.text) == ("sagte", "Keller")


def test_short_quoted_phrase_nested_in_a_report(nlp):
    text = "Die Ministerin sagte, die Regierung werde einen „harten Kurs“ fahren."
    report, phrase = sorted(_quotes(nlp, text), key=lambda q: q.type != "Indirect")
    assert (report.type, phrase.type) == ("Indirect", "Direct")
    assert phrase.text == "„harten Kurs“"
    assert phrase.nested_in == report.id
    assert (phrase.cue.text, phrase.speaker.text) == ("sagte", "Die Ministerin")
    assert phrase.frame == report.frame


def test_scare_quoted_single_word_is_no_quotation(nlp):
    text = "Die Ministerin sagte, die Regierung werde die „Reform“ verschieben."
    assert [q.type for q in _quotes(nlp, text)] == ["Indirect"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Vorsitzende des ägyptischen Fremdenverkehrsverbands, Elhami Elsajat, sagte "
         "Reuters, das Gebiet sei gesperrt gewesen.",
         "Der Vorsitzende des ägyptischen Fremdenverkehrsverbands, Elhami Elsajat"),
        ("Ein Sprecher einer Interessengemeinschaft von Reiseleitern sagte, die Gruppe sei "
         "begleitet worden.", "Ein Sprecher einer Interessengemeinschaft von Reiseleitern"),
        ("Gestern Abend sagte der Minister, er sei zufrieden.", "der Minister"),
        # a ministry's or commissioner's portfolio belongs to the title
        ("Die Bundesministerin für Bildung und Forschung, Jana Albers, sagte, die Mittel "
         "seien gesichert.", "Die Bundesministerin für Bildung und Forschung, Jana Albers"),
        ("Der Beauftragte für Migration sagte, man werde alle Fälle prüfen.",
         "Der Beauftragte für Migration"),
        ("Der EU-Kommissar für Energie Karl Brenner nannte den Beschluss einen fairen "
         "Kompromiss.", "Der EU-Kommissar für Energie Karl Brenner"),
    ],
)
def test_speaker_phrase_with_genitive_or_after_a_time_phrase(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker
    assert q.addressee is None or q.addressee.text != speaker


@pytest.mark.parametrize("word", ["äußerte", "äußert", "äußerten", "kommentierte", "warnte"])
def test_cue_words_with_sharp_s_and_weak_past(word):
    from zitat.nlp.cues import is_cue_word

    assert is_cue_word(word)


def test_colon_quote_after_a_cue_with_sharp_s(nlp):
    text = ("In einem Interview äußerte sich der EU-Außenbeauftragte Jan Solberg zuversichtlich: "
            "„Ich gehe davon aus, dass eine Einigung gelingt.“")
    q = next(q for q in _quotes(nlp, text) if q.type == "Direct")
    assert q.cue.text == "äußerte sich"
    assert q.speaker.text == "der EU-Außenbeauftragte Jan Solberg"


@pytest.mark.parametrize("word", ["bekannte", "Erklärung", "sagenhaft"])
def test_no_cue_words(word):
    from zitat.nlp.cues import is_cue_word

    assert not is_cue_word(word)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Auf der A4 bei Gotha brannte am Morgen ein Lastwagen. Wie die Polizei mitteilte, "
         "wurden zwei Menschen leicht verletzt.", "wurden zwei Menschen leicht verletzt",
         "die Polizei"),
        ("Der Flughafen blieb geschlossen. Wie ein Sprecher der Stadtwerke am Abend "
         "bestätigte, fällt der Strom in drei Stadtteilen bis Freitag aus.",
         "fällt der Strom in drei Stadtteilen bis Freitag aus", "ein Sprecher der Stadtwerke"),
    ],
)
def test_wie_attribution_opening_a_later_sentence(nlp, text, quote, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.speaker.text) == ("Indirect", quote, speaker)
    assert q.cue.text.startswith("Wie")


def test_participle_cue_before_dass_clause(nlp):
    text = ("Die Verhandlung begann verspätet. Nachdem die Anwältin dem Gericht mitgeteilt "
            "hatte, dass ihr Mandant erkrankt sei, wurde sie vertagt.")
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert q.text.startswith("dass ihr Mandant erkrankt sei")
    assert "mitgeteilt" in q.cue.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daran ändere auch der Zwischenfall vom Wochenende nichts.", "ändere"),
        ("Die Folgen nehme er in Kauf.", "nehme"),
        ("Am Abend wurde es laut.", None),
        ("Die Stadt nimmt die Folgen in Kauf.", None),
    ],
)
def test_konjunktiv_beyond_the_word_list(text, expected):
    from zitat.nlp.cues import is_konjunktiv

    doc = load_pipeline(components=())(text)
    assert next((t.text for t in doc if is_konjunktiv(t)), None) == expected


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Das Beben soll nach ersten Meldungen Schäden an mehreren Gebäuden verursacht haben.",
         "Schäden an mehreren Gebäuden verursacht haben", "ersten Meldungen"),
        ("Nach ersten Untersuchungen liegt kein Fremdverschulden vor, teilte die Polizei mit.",
         "liegt kein Fremdverschulden vor", "ersten Untersuchungen"),
    ],
)
def test_source_noun_attribution_names_no_one_without_a_genitive(nlp, text, quote, speaker):
    q = _quotes(nlp, text)[0]
    assert quote in q.text
    assert q.speaker.text == speaker
    assert q.cue.text.lower() == "nach"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Jana Olbrich von der Verbraucherzentrale nannte die Preiserhöhung unverschämt.",
         "Jana Olbrich von der Verbraucherzentrale"),
        ("Das Oberlandesgericht in Celle hat die Klage der Stadt als unbegründet abgewiesen, "
         "sagte ein Sprecher.", "ein Sprecher"),
        ("Ein Sprecher vom Deutschen Roten Kreuz sagte, die Lager seien voll.",
         "Ein Sprecher vom Deutschen Roten Kreuz"),
    ],
)
def test_speaker_phrase_keeps_its_affiliation(nlp, text, speaker):
    q = _quotes(nlp, text)[0]
    assert q.speaker.text == speaker


def test_a_person_speaking_in_a_town_is_no_affiliation(nlp):
    q = _quotes(nlp, "„Die Straßenbahn fährt wieder“, sagte Sabine Roth in Leipzig.")[0]
    assert q.speaker.text == "Sabine Roth"


def test_title_in_marks_naming_the_source_is_no_quotation(nlp):
    qs = _quotes(nlp, "Wie „Lübecker Nachrichten“ berichtet, wird die Brücke im Mai gesperrt.")
    assert [q.type for q in qs] == ["Indirect"]
    assert qs[0].speaker.text == "„Lübecker Nachrichten“"


def test_quoted_statement_after_a_noun_stays_a_quotation(nlp):
    (q,) = [q for q in _quotes(nlp, "Die Ministerin nannte die Zahlen „aus der Luft gegriffen“.")
            if q.type == "Direct"]
    assert q.text == "„aus der Luft gegriffen“"


@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker"),
    [
        ("Die Brücke bleibt bis Ende Mai gesperrt. Dies teilte ein Sprecher der Stadt am "
         "Montag mit.", "Die Brücke bleibt bis Ende Mai gesperrt. Dies", "teilte … mit",
         "ein Sprecher der Stadt"),
        ("Im Wagen saß auch eine zweite Helferin. Das bestätigte gestern die Organisation "
         "in Bonn.", "Im Wagen saß auch eine zweite Helferin. Das", "bestätigte",
         "die Organisation in Bonn"),
    ],
)
def test_dies_takes_up_the_previous_sentence_as_the_report(nlp, text, quote, cue, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.cue.text, q.speaker.text) == ("Indirect", quote, cue, speaker)


def test_das_with_an_everyday_verb_takes_up_nothing(nlp):
    assert _quotes(nlp, "Die Halle wurde 1998 gebaut. Das kostete die Stadt viel Geld.") == []


@pytest.mark.parametrize(
    ("text", "cue", "medium"),
    [
        ("Die Polizei geht davon aus, dass der Brand gelegt wurde.", "geht davon aus", "ST"),
        ("Der Trainer machte deutlich, dass er mit der Leistung nicht zufrieden sei.",
         "machte deutlich", "Speech"),
    ],
)
def test_cue_verbs_that_need_their_particle(rules_medium_nlp, text, cue, medium):
    (q,) = _quotes(rules_medium_nlp, text)
    assert (q.type, q.cue.text, q.medium) == ("Indirect", cue, medium)


def test_particle_verb_without_its_particle_is_no_cue(nlp):
    assert _quotes(nlp, "Die Kinder gingen nach Hause, als es dunkel wurde.") == []


def test_content_clause_before_its_cue_with_the_subject_after(nlp):
    (q,) = _quotes(nlp, "Die Lage sei ernst, sagte der Minister am Abend.")
    assert (q.type, q.text, q.speaker.text) == ("Indirect", "Die Lage sei ernst", "der Minister")


@pytest.mark.parametrize(
    "text",
    [
        # the subject with its relative clause, or a subordinate clause, before the cue
        "Jana Roth, die bei der Stiftung für den Bereich Bildung zuständig ist, wies den "
        "Vorwurf zurück.",
        "Falls der Verein Insolvenz anmelden muss, droht dem Klub der Zwangsabstieg.",
        # cue words that report nothing here
        "Ein Sprecher der Stadt wollte nicht bestätigen, dass die Halle geschlossen wird.",
        "Die Ursache des Ausfalls ist noch nicht bekannt, Techniker versuchen den Fehler zu finden.",
        "Die Explosion war so heftig, dass sie noch kilometerweit zu sehen war.",
        "Daraus ergibt sich die Frage, ob die Halle rechtzeitig fertig wird.",
        "Bei der Tagung der Partei (Wikinews berichtete) fiel keine Entscheidung darüber, "
        "ob sie einen eigenen Kandidaten aufstellt.",
        "Der Beschluss verpflichtet alle Gemeinden, bis 2030 neue Radwege zu bauen.",
    ],
)
def test_no_content_clause_without_a_reporting_cue(rules_medium_nlp, text):
    assert [q for q in _quotes(rules_medium_nlp, text) if q.type == "Indirect"] == []


def test_short_indirect_frame_around_a_direct_quote(nlp):
    qs = _quotes(nlp, "Die Bürgermeisterin erklärte, sie sei „tief erschüttert von dieser "
                      "furchtbaren Nachricht aus dem Hafen“.")
    indirect = next(q for q in qs if q.type == "Indirect")
    direct = next(q for q in qs if q.type == "Direct")
    assert indirect.text.startswith("sie sei „tief")
    assert direct.nested_in == indirect.id
    assert indirect.speaker.text == "Die Bürgermeisterin"


def test_attribution_around_a_direct_quote_is_an_indirect_quotation(nlp):
    qs = _quotes(nlp, "Nach Angaben der Feuerwehr sei der Brand „innerhalb weniger Minuten auf "
                      "das ganze Dach übergesprungen“.")
    indirect = next(q for q in qs if q.type == "Indirect")
    assert (indirect.cue.text, indirect.speaker.text) == ("Nach", "Angaben der Feuerwehr")
    assert any(q.type == "Direct" and q.nested_in == indirect.id for q in qs)


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("„Wir kehren nicht zurück“, sagte Georg Roth zur Nachrichtenagentur dpa.",
         "Nachrichtenagentur dpa"),
        ("„Das war ein gutes Spiel“, sagte der Trainer gegenüber der Süddeutschen Zeitung.",
         "der Süddeutschen Zeitung"),
        ("„Es wird knapp“, sagte Roth der Financial Times am Montag.", "der Financial Times"),
    ],
)
def test_addressee_after_a_direct_quote_without_its_preposition(nlp, text, addressee):
    (q,) = _quotes(nlp, text)
    assert q.addressee.text == addressee


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        ("In vielen Fällen warfen die Rebellen den Bauern vor, mit der Armee "
         "zusammenzuarbeiten.", "die Rebellen", "den Bauern"),
        ("Die Opposition forderte die Regierung auf, den Haushalt offenzulegen.",
         "Die Opposition", "die Regierung"),
    ],
)
def test_accused_or_urged_object_after_the_subject(nlp, text, speaker, addressee):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.speaker.text, q.addressee.text) == ("Indirect", speaker, addressee)


def test_addressee_after_a_final_so_frame(nlp):
    (q,) = [q for q in _quotes(nlp, "Die Akten würden noch geprüft, so Joachim Banke gegenüber "
                                    "der Rheinischen Post.") if q.type == "Indirect"]
    assert (q.speaker.text, q.addressee.text) == ("Joachim Banke", "der Rheinischen Post")


BATCH = [
    "„Wir lassen niemanden im Stich“, sagte Bürgermeisterin Petra Lindner am Dienstag in "
    "Görlitz. Die Stadt habe genug Notunterkünfte, betonte sie.",
    "Der Verband warnte vor höheren Preisen. Man rechne mit einem schwierigen Winter, hieß es "
    "aus dem Vorstand.",
    "Ohne Zitat: Die Brücke über die Neiße wird im Sommer saniert.",
    "Nach Angaben des Ministeriums sollen die Hilfen noch im März ausgezahlt werden. "
    "Staatssekretär Jonas Weber sprach von einem „wichtigen Signal“ für die Betriebe.",
]


def test_a_batch_gives_the_same_quotes_as_one_document_at_a_time(nlp):
    alone = [[q.model_dump() for q in nlp(text)._.quotes] for text in BATCH]
    batched = [[q.model_dump() for q in doc._.quotes] for doc in nlp.pipe(BATCH, batch_size=4)]
    assert batched == alone
    assert alone[0] and alone[1] and not alone[2]


@pytest.mark.parametrize(
    ("text", "quote", "rule"),
    [
        ("„Wir halten die Tür offen“, sagte die Ministerin am Montag.",
         "„Wir halten die Tür offen“", "direct-cue-after"),
        ("Die Ministerin sagte am Montag: „Wir halten die Tür für Gespräche offen.“",
         "„Wir halten die Tür für Gespräche offen.“", "direct-cue-before"),
        ("Der Minister sagte, dass die Lage an der Grenze ernst sei.",
         "dass die Lage an der Grenze ernst sei", "indirect-cue-clause"),
        ("Die Opposition kritisierte die Pläne der Regierung scharf.",
         "Die Opposition kritisierte die Pläne der Regierung scharf.", "reported-act"),
        ("Nach Angaben der Polizei wurden bei dem Unfall drei Menschen verletzt.",
         "wurden bei dem Unfall drei Menschen verletzt", "indirect-preposition"),
        ("Wie das Ministerium mitteilte, werden die Kontrollen um zwei Wochen verlängert.",
         "werden die Kontrollen um zwei Wochen verlängert", "indirect-wie-clause"),
        ("Die Landesregierung hat angekündigt, den Notstand auszurufen.",
         "den Notstand auszurufen", "indirect-zu-clause"),
        ("Im Bericht des Ministeriums heißt es, die Kosten seien deutlich gestiegen.",
         "die Kosten seien deutlich gestiegen", "indirect-heisst-es"),
        ("Der Fahrer soll mit deutlich überhöhter Geschwindigkeit gefahren sein.",
         "Der Fahrer soll mit deutlich überhöhter Geschwindigkeit gefahren sein.",
         "reported-sollen"),
        ("Die Brücke wird im Sommer gesperrt. Das teilte die Stadtverwaltung am Dienstag mit.",
         "Die Brücke wird im Sommer gesperrt. Das", "indirect-dies"),
        ("Der Minister sagte, dass die Lage ernst sei. Man werde alles tun, um zu helfen.",
         "Man werde alles tun, um zu helfen.", "continued-konjunktiv"),
        ("Die Gewerkschaft warnte vor einer „tiefen Spaltung“ der Belegschaft, sagte Brandt.",
         "„tiefen Spaltung“", "nested-phrase"),
    ],
)
def test_each_quote_names_the_rule_that_found_it(nlp, text, quote, rule):
    from zitat.nlp.quotes import RULE_NAMES

    found = {q.text: q.rule for q in _quotes(nlp, text)}
    assert found.get(quote) == rule, found
    assert set(found.values()) <= set(RULE_NAMES)


def test_rule_names_are_unique_and_reach_the_contract(nlp):
    from zitat.nlp.quotes import RULE_NAMES

    assert len(RULE_NAMES) == len(set(RULE_NAMES))
    (q,) = _quotes(nlp, "„Das Ziel ist erreicht“, sagte die Trainerin nach dem Spiel.")
    assert q.model_dump()["rule"] == "direct-cue-after"
