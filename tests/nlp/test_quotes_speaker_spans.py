"""Speaker spans by German word order (issue 22): a fronted phrase before the cue verb,
adverbs between subject and verb, a reflexive after the verb, appositions, outlets with
their names and colons after clauses whose verb is no cue. Hand-written sentences."""

from __future__ import annotations

import pytest


def _quotes(nlp, text):
    return nlp(text)._.quotes


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a prepositional phrase before the verb is no subject: the subject follows the verb
        ("Bezüglich der Ursache meldete die Nachrichtenagentur dpa, die Maschine sei ohne "
         "Treibstoff gewesen.", "die Nachrichtenagentur dpa"),
        ("Um 10:05 Uhr meldete das Portal „Netzwelt“, der Verein habe den Zusammenhang "
         "bestätigt.", "das Portal „Netzwelt“"),
        # … unless nothing that could be the subject follows it
        ("Von der Leyen betonte, die Hilfen würden rasch ausgezahlt.", "der Leyen"),
        # an adverb between the subject and its verb
        ("Die Gewerkschaft hingegen sagte, der Vorstand trage die volle Verantwortung.",
         "Die Gewerkschaft"),
        ("Die Ministerin jedoch erklärte, das Gesetz komme im Herbst.", "Die Ministerin"),
        # an adverb between the verb and its subject
        ("Die Lage sei ernst, sagte gestern ein Sprecher der Stadt.", "ein Sprecher der Stadt"),
        # a name in apposition after the verb belongs to the speaker, not to the content
        ("In einem Interview erklärte der Chef der Behörde, Hans Albers, die Firma habe gegen "
         "Auflagen verstoßen.", "der Chef der Behörde, Hans Albers"),
    ],
)
def test_speaker_of_the_cue_clause(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert q.speaker.text == speaker


def test_apposition_is_not_the_first_item_of_a_list(nlp):
    (q,) = _quotes(nlp, "Am Montag sagte der Bürgermeister, Berlin, Hamburg und Köln hätten "
                        "zugestimmt.")
    assert q.speaker.text == "der Bürgermeister"
    assert q.text == "Berlin, Hamburg und Köln hätten zugestimmt"


def test_es_gibt_names_no_speaker(nlp):
    (q,) = _quotes(nlp, "Es gibt Zweifel daran, ob das Lager tatsächlich von selbst in Brand "
                        "geraten ist.")
    assert q.speaker is None


def test_reflexive_after_the_cue_belongs_to_it(nlp):
    (q,) = _quotes(nlp, "„Ich halte die Gebühren für richtig“, äußerte sich Bauer gegenüber "
                        "dem „Kurier“.")
    assert (q.cue.text, q.speaker.text) == ("äußerte sich", "Bauer")
    assert q.addressee.text == "dem „Kurier“"


def test_possessive_nach_gives_way_to_the_named_speaker(nlp):
    # `seiner Meinung nach` takes up the subject of the cue verb; the continuation follows him
    text = ("In einem Interview erklärte der Chef der Behörde, Hans Albers, die Firma habe "
            "seiner Meinung nach gegen Auflagen verstoßen. Die Behörde gehe davon aus, dass "
            "weitere Verstöße folgen.")
    first, second = _quotes(nlp, text)
    assert first.cue.text == "erklärte"
    assert first.text == "die Firma habe seiner Meinung nach gegen Auflagen verstoßen"
    assert second.speaker.text == "der Chef der Behörde, Hans Albers"


def test_possessive_nach_alone_still_attributes(nlp):
    (q,) = _quotes(nlp, "Die Reform wird seiner Meinung nach vor allem kleine Betriebe belasten.")
    assert (q.rule, q.speaker.text) == ("indirect-postposed", "seiner Meinung")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Sprecher der Initiative, Jan Roth, wandte sich gegen die Behauptung, der Bau sei "
         "sicher: „Wo gebaut wird, bröckelt es.“", "Der Sprecher der Initiative, Jan Roth"),
        ("Die Sängerin Lena Hoff zur neuen Heimat: „Ich werde meine Wohnung in Köln behalten.“",
         "Die Sängerin Lena Hoff"),
        ("Dabei griff sie auch den Präsidenten direkt an: „Wer so spricht, verdient keine "
         "Toleranz.“", "sie"),
    ],
)
def test_colon_after_a_clause_names_its_subject(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Direct"
    assert q.speaker.text == speaker


def test_colon_after_a_statement_about_a_thing_names_no_one(nlp):
    text = "Die Lage ist klar: „Wir müssen jetzt handeln“, heißt es im Papier des Verbands."
    assert all(q.speaker is None or q.speaker.text != "Die Lage" for q in _quotes(nlp, text))


def test_continuation_follows_the_subject_of_the_sentence_between(nlp):
    # the sentence between the quote and the Konjunktiv continuation names who speaks now
    text = ("„Das ist bitter“, sagte Roth. Bürgermeister Klaus Weber bedauerte die Entscheidung "
            "des Gerichts. Es seien offenbar Fehler gemacht worden.")
    first, second = _quotes(nlp, text)
    assert first.speaker.text == "Roth"
    assert (second.rule, second.speaker.text) == ("continued-subject",
                                                  "Bürgermeister Klaus Weber")


def test_continuation_keeps_the_speaker_when_the_sentence_between_names_no_one(nlp):
    text = ("„Das ist bitter“, sagte Roth. Auf Kreta wurden zwei Menschen leicht verletzt. Auch "
            "seien mehrere Gebäude beschädigt worden.")
    _, second = _quotes(nlp, text)
    assert (second.rule, second.speaker.text) == ("continued-konjunktiv", "Roth")


def test_continuation_keeps_the_name_when_the_sentence_between_has_a_pronoun(nlp):
    text = ("„Wir bleiben dabei“, sagte Ministerin Petra Lang. Sie kam am Morgen mit dem Zug "
            "nach Kiel. Die Kosten seien längst eingeplant.")
    _, second = _quotes(nlp, text)
    assert second.speaker.text == "Ministerin Petra Lang"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("„Der Fonds unterstützt das Land dabei, die Krise zu überwinden“, ließ ein Sprecher "
         "aus Washington kurz verlauten.", "ließ … verlauten", "ein Sprecher aus Washington"),
        ("„Ich sehe heute neue Vorschläge aus der Regierung“, wird Minister Weber zitiert.",
         "wird … zitiert", "Minister Weber"),
        ("„Alle Anzeichen deuten auf einen Anschlag hin“, hieß es vom Abgeordneten Viktor "
         "Orlow.", "hieß es", "Abgeordneten Viktor Orlow"),
        ("„Kontraproduktiv waren sicher auch einige Kollegen in der Klinik“, erinnerte sich "
         "Trautmann später.", "erinnerte sich", "Trautmann"),
    ],
)
def test_frames_after_a_direct_quote(nlp, text, cue, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.cue.text, q.speaker.text) == ("Direct", cue, speaker)


def test_passive_zitiert_before_a_colon(nlp):
    (q,) = _quotes(nlp, "In der Mitteilung auf der Firmenseite wird Berger wie folgt zitiert: "
                        "„Ich hoffe, dass der nächste Start in sechs Monaten gelingt.“")
    assert (q.cue.text, q.speaker.text) == ("wird … zitiert", "Berger")


def test_heisst_es_without_a_source_names_no_speaker(nlp):
    (q,) = _quotes(nlp, "„Gemeinsam schaffen wir die Wende“, hieß es am Ende der Rede.")
    assert (q.cue.text, q.speaker) == ("hieß es", None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach bisherigem Erkenntnisstand wird als Ursache ein defektes Kabel vermutet.",
         "bisherigem Erkenntnisstand"),
        ("Laut Eilmeldung des Senders ist in der Innenstadt ein Verdächtiger festgenommen "
         "worden.", "Eilmeldung des Senders"),
        ("Nach bisherigen Erfahrungen steigen die Gebote kurz vor dem Ende der Auktion stark "
         "an.", "bisherigen Erfahrungen"),
    ],
)
def test_more_source_nouns(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.rule, q.speaker.text) == ("indirect-preposition", speaker)


def test_final_frame_with_adverb_and_apposition(nlp):
    (q,) = _quotes(nlp, "Vor dem Absturz wurde kein Notsignal gesendet, teilte später der "
                        "Direktor der Behörde, Bernd Paulsen, mit.")
    assert q.text == "Vor dem Absturz wurde kein Notsignal gesendet"
    assert (q.cue.text, q.speaker.text) == ("teilte … mit", "der Direktor der Behörde, Bernd Paulsen")


def test_addressee_fronted_with_gewandt(nlp):
    (q,) = _quotes(nlp, "An die Gewerkschaften gewandt sagte Köhler, sie müssten ihre "
                        "Zurückhaltung aufgeben.")
    assert (q.speaker.text, q.addressee.text) == ("Köhler", "die Gewerkschaften")


@pytest.mark.parametrize(
    "text",
    [
        "Es soll mehr Geld in die Bildung fließen.",  # issue 22's own example
        "Das neue Rathaus soll im Herbst eröffnet werden.",
        "Der Fahrer soll zu schnell gefahren sein.",
    ],
)
def test_sollen_reports_a_claim_or_plan_without_its_source(nlp, text):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.rule, q.text) == ("FreeIndirect", "reported-sollen", text)


@pytest.mark.parametrize(
    "text",
    [
        "Wann die Sitzung stattfinden soll, ist noch offen.",  # a subordinate clause
        "Der Zug soll.",  # no infinitive: too short to report anything
    ],
)
def test_sollen_outside_a_main_clause_report_is_none(nlp, text):
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach Angaben seines Anwalts starb er in seinem Haus in Genf.", "Angaben seines Anwalts"),
        ("Nach Angaben informierter Kreise betrug das Lösegeld drei Millionen Euro.",
         "Angaben informierter Kreise"),
        ("Nach Angaben Ibrahims wurden 45 Mitglieder der Gemeinde verletzt.", "Angaben Ibrahims"),
        ("Nach Polizeiangaben wurden drei Menschen verletzt.", "Polizeiangaben"),
    ],
)
def test_source_noun_keeps_its_genitive(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_zufolge_keeps_the_adjectives_of_its_source(nlp):
    (q,) = _quotes(nlp, "Bei den Unruhen waren offiziellen Angaben zufolge etwa 200 Menschen "
                        "getötet worden.")
    assert (q.speaker.text, q.frame.text) == ("offiziellen Angaben", "offiziellen Angaben zufolge")
    assert q.text == "Bei den Unruhen waren … etwa 200 Menschen getötet worden"


def test_impersonal_man_is_no_speaker(nlp):
    (q,) = _quotes(nlp, "Man sagte ihnen, dass sie ihre Papiere in Ordnung bringen müssten.")
    assert q.speaker is None


def test_free_relative_wer_is_no_statement(nlp):
    # `Wer glaubt, dass …, irrt`: a generic subject clause, not something anyone said
    assert [q for q in _quotes(nlp, "Wer aber glaubt, dass nun ein Schlussstrich gezogen "
                                    "wurde, irrt.") if q.rule == "indirect-cue-clause"] == []


@pytest.mark.parametrize(
    "text",
    ["Der Frachter droht im Süden des Riffs auseinanderzubrechen.",
     "Dafür droht ihm eine lange Haftstrafe."],
)
def test_drohen_of_a_thing_is_no_report(nlp, text):
    assert _quotes(nlp, text) == []


def test_a_threat_someone_made_is_reported(nlp):
    (q,) = _quotes(nlp, "Die Gewerkschaft droht mit einem unbefristeten Streik.")
    assert (q.type, q.speaker.text) == ("Reported", "Die Gewerkschaft")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Charles Bonnet, kanadischer General und Kommandeur des Einsatzes, sagte, die Lage "
         "sei stabil.", "Charles Bonnet, kanadischer General und Kommandeur des Einsatzes"),
        ("„Wir wachsen weiter“, sagte Edmon Chang, Chef von DotAsia.",
         "Edmon Chang, Chef von DotAsia"),
        ("Anna Roth, die lange geschwiegen hatte, sagte, sie sei enttäuscht.", "Anna Roth"),
    ],
)
def test_appositions_and_relative_clauses_around_the_name(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_a_clause_after_the_name_is_no_apposition(nlp):
    (q,) = _quotes(nlp, "„Wir wachsen weiter“, sagte Edmon Chang, und er lachte dabei.")
    assert q.speaker.text == "Edmon Chang"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Die Leiterin der Delegation beim Klimagipfel, Sharon Hale, sagte, man sei enttäuscht.",
         "Die Leiterin der Delegation beim Klimagipfel, Sharon Hale"),
        ("Der Fraktionschef im niedersächsischen Landtag, Wolf Jost, sagte, das sei ein Fehler.",
         "Der Fraktionschef im niedersächsischen Landtag, Wolf Jost"),
        # a prepositional phrase that heads no role stays out
        ("In einem Brief an die Länder schrieb die Ministerin, die Mittel seien knapp.",
         "die Ministerin"),
    ],
)
def test_a_role_keeps_its_seat(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_titles_and_initials_do_not_end_the_frame(nlp):
    (q,) = _quotes(nlp, "„Wir sind zufrieden“, sagte Klinikdirektor Prof. Dr. Matthias W. "
                        "Beckmann.")
    assert q.speaker.text == "Klinikdirektor Prof. Dr. Matthias W. Beckmann"


def test_final_frame_in_the_perfect(nlp):
    (q,) = _quotes(nlp, "Die Lage sei ernst, hatte der Bürgermeister am Montag erklärt.")
    assert (q.rule, q.text) == ("indirect-final-perfect", "Die Lage sei ernst")
    assert (q.cue.text, q.speaker.text) == ("hatte … erklärt", "der Bürgermeister")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Trainer war ebenfalls anwesend und sagte bei der Gelegenheit, er freue sich auf "
         "die neue Saison.", "Der Trainer"),
        ("Am Montag trat die Ministerin vor die Presse und erklärte, die Zahlen seien "
         "ermutigend.", "die Ministerin"),
        ("Ulrike Brandt lobte den Entwurf und kündigte an, im Herbst einen eigenen Antrag "
         "einzubringen.", "Ulrike Brandt"),
    ],
)
def test_coordinated_cue_shares_the_subject_of_the_first_verb(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_coordinated_cue_before_a_colon(nlp):
    quotes = _quotes(nlp, "Der Fahrgast schlug gegen die Tür und rief: „Lasst mich raus!“")
    assert [(q.type, q.speaker.text) for q in quotes] == [("Direct", "Der Fahrgast")]


def test_und_inside_a_subordinate_clause_names_no_subject(nlp):
    (q,) = _quotes(nlp, "Weil die Preise stiegen und fielen, sagte Jonas Albrecht, der Markt "
                        "sei unberechenbar.")
    assert q.speaker.text == "Jonas Albrecht"


def test_subject_after_a_fronted_adverb_of_a_zu_clause(nlp):
    (q,) = _quotes(nlp, "Außerdem fordern die Verbände die Bürger dazu auf, ihre Abgeordneten "
                        "anzuschreiben.")
    assert (q.speaker.text, q.addressee.text) == ("die Verbände", "die Bürger")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("„Sie war die Stimme einer Generation“, schrieb „Die Rundschau“ in einem Nachruf.",
         "„Die Rundschau“"),
        ("Die Zeitung „Weser-Bote“ berichtet jedoch, dass die Gespräche gescheitert seien.",
         "Die Zeitung „Weser-Bote“"),
        ("Das Wochenblatt »Heimatkurier« meldete, der Bürgermeister habe seinen Rücktritt "
         "angeboten.", "Das Wochenblatt »Heimatkurier«"),
    ],
)
def test_outlet_titles_in_marks_are_speakers(nlp, text, speaker):
    quotes = _quotes(nlp, text)
    assert [q.speaker.text for q in quotes] == [speaker]  # the title is no quotation


def test_a_quoted_word_after_the_cue_stays_a_quotation(nlp):
    quotes = _quotes(nlp, "Die Sprecherin rief „Die Wahrheit“, bevor sie den Saal verließ.")
    assert any(q.text == "„Die Wahrheit“" and q.speaker.text == "Die Sprecherin" for q in quotes)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Der Bundespräsident konstatierte in seiner Rede eine wachsende „Kluft zwischen Stadt "
         "und Land“.", "Der Bundespräsident", "konstatierte"),
        # the subject with its apposition
        ("Lothar Brenner, Ordnungsdezernent der Stadt Kiel, sprach von einer „Gefahr für Leib "
         "und Leben“.", "Lothar Brenner, Ordnungsdezernent der Stadt Kiel", "sprach"),
        # verb second: the subject follows the verb
        ("In der Debatte warnte Keller vor einem „Ausverkauf der Innenstädte auf Raten“.", "Keller",
         "warnte"),
        # a sentence adverb before the subject is not part of it
        ("Auch der frühere Schiedsrichter Urs Hauser kritisierte eine „Linie ohne jede echte Konsequenz“.",
         "der frühere Schiedsrichter Urs Hauser", "kritisierte"),
    ],
)
def test_phrase_in_marks_takes_the_subject_of_its_sentence(nlp, text, speaker, cue):
    (q,) = [q for q in _quotes(nlp, text) if q.type == "Direct"]
    assert (q.speaker.text, q.cue.text) == (speaker, cue)


def test_phrase_in_marks_inside_a_report_has_the_reports_frame(nlp):
    quotes = _quotes(nlp, "Die Veranstalter erklärten dagegen, es gehe um „die legitime Frage "
                          "nach der Dienstnummer“ der Beamten.")
    report = next(q for q in quotes if q.type == "Indirect")
    phrase = next(q for q in quotes if q.type == "Direct")
    assert phrase.speaker.text == report.speaker.text == "Die Veranstalter"
    assert phrase.frame.text == report.frame.text


def test_the_subject_of_passive_zitiert_is_the_one_quoted(nlp):
    (q,) = _quotes(nlp, "Henrike Vogel wird von der Agentur mit den Worten zitiert, es habe "
                        "keine Alternative gegeben.")
    assert (q.speaker.text, q.cue.text) == ("Henrike Vogel", "wird … zitiert")


def test_wie_schon_x_sagte(nlp):
    (q,) = _quotes(nlp, "Wie schon die Behörde sagte, ist eine Ansteckung im Park "
                        "unwahrscheinlich.")
    assert q.speaker.text == "die Behörde"


def test_subject_between_auxiliary_and_participle(nlp):
    (q,) = _quotes(nlp, "Am Freitag hatte Verlagsleiter Lutz Berger den Mitarbeitern erklärt, "
                        "dass die Lokalredaktion geschlossen werde.")
    assert (q.speaker.text, q.cue.text) == ("Verlagsleiter Lutz Berger", "hatte … erklärt")


def test_continuation_after_apposition_and_relative_clause(nlp):
    quotes = _quotes(nlp, "Ein Sprecher sagte, man prüfe den Fall. Der Kommissar der "
                          "Europäischen Union, Louis Marchand, der sich seit Mittwoch im Land "
                          "aufhält, durfte nicht in das Gebiet reisen. Die Behörden hätten eine "
                          "Genehmigung erst für Samstag erteilt.")
    assert quotes[-1].text.startswith("Die Behörden hätten")
    assert quotes[-1].speaker.text == "Der Kommissar der Europäischen Union, Louis Marchand"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach Angaben des Presseamtes des sächsischen Innenministeriums wurden zwölf Menschen "
         "verletzt.", "Angaben des Presseamtes des sächsischen Innenministeriums"),
        ("Laut einem Artikel der Nachrichtenagentur Reuters sind die Gespräche gescheitert.",
         "einem Artikel der Nachrichtenagentur Reuters"),
        ("Nach Angaben des Direktors der Fluggesellschaft, Jörg Wendland, war das Flugzeug in "
         "gutem Zustand.", "Angaben des Direktors der Fluggesellschaft, Jörg Wendland"),
        # after a name a `der` starts the clause's subject, not a genitive
        ("Nach Auskunft der NASA würde der größte Teil der Sonde in der Atmosphäre verglühen.",
         "Auskunft der NASA"),
    ],
)
def test_source_after_laut_or_nach_keeps_genitives_and_apposition(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker
    assert speaker not in q.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a double space inside the sentence
        ("Der spanische Innenminister Alfredo Pérez Ruiz  sagte gestern, man erwäge "
         "rechtliche Schritte.", "Der spanische Innenminister Alfredo Pérez Ruiz"),
        # a name that starts with an Arabic article in lower case
        ("Der arabische Fernsehsender al-Rasid hatte Anfang Juli berichtet, in den Akten seien "
         "Spuren gefunden worden.", "Der arabische Fernsehsender al-Rasid"),
        # a time phrase between the subject and the verb of a subordinate clause
        ("Als die Bürgermeisterin Karin Albers am Sonntag sagte, dass die Brücke gesperrt "
         "bleibe, protestierten die Anwohner.", "die Bürgermeisterin Karin Albers"),
    ],
)
def test_speaker_spans_across_spaces_lower_case_names_and_time_phrases(nlp, text, speaker):
    (q,) = [q for q in _quotes(nlp, text) if q.type == "Indirect"]
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the document before `heißt es`, past its relative clause
        ("In der Resolution, die vom Sicherheitsrat angenommen wurde, heißt es, dass der Schutz "
         "von Kindern Fortschritte mache.", "der Resolution"),
        ("Bei der Agentur Nordpress hieß es, dass es zwei Explosionen gegeben habe.",
         "der Agentur Nordpress"),
        # … or after it
        ("Nun heißt es im Abschlussbericht, bei der Wahl seien Probleme festgestellt worden.",
         "Abschlussbericht"),
    ],
)
def test_the_document_of_heisst_es_speaks(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.cue.text, q.speaker.text) in (("heißt es", speaker), ("hieß es", speaker))
    assert speaker not in q.text


def test_a_quote_alone_after_a_report_is_the_reporters(nlp):
    quotes = _quotes(nlp, "Die Abgeordnete Sadia Kahn verurteilte die Haltung der Regierung. "
                          "„Diese Regierung hat in der Außenpolitik jedes Maß verloren.“")
    direct = next(q for q in quotes if q.type == "Direct")
    assert direct.speaker.text == "Die Abgeordnete Sadia Kahn"


def test_a_quote_alone_after_a_sentence_about_someone(nlp):
    quotes = _quotes(nlp, "Ministerpräsident Oettler besuchte am Montag eine Schule in Ulm. "
                          "„Nicht jede Formel aus der Physik ist für das Leben notwendig.“")
    direct = next(q for q in quotes if q.type == "Direct")
    assert direct.speaker.text == "Ministerpräsident Oettler"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Finanzexperte Jürgen Kopp wörtlich: „Sie ziehen den Bürgern das Geld aus der "
         "Tasche.“", "Der Finanzexperte Jürgen Kopp"),
        ("Die Firma empfindet die Kritik allerdings als ungerechtfertigt: „Wir müssen die Ware "
         "irgendwo lagern.“", "Die Firma"),
    ],
)
def test_colon_after_wörtlich_or_a_clause_about_a_company(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("„Wir haben verdient gewonnen“, sagte der Trainer der Gäste, Michael Skibbe.",
         "der Trainer der Gäste, Michael Skibbe"),
        ("„Prävention wirkt“, so Ursula Castner, die Leiterin der Fachstelle für "
         "Suchtvorbeugung.", "Ursula Castner, die Leiterin der Fachstelle für Suchtvorbeugung"),
    ],
)
def test_final_frame_keeps_the_apposition(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_hyphenated_adjectives_stay_in_the_speaker(nlp):
    (q,) = _quotes(nlp, "Ein Sprecher des baden-württembergischen Umweltministeriums sagte, "
                        "die Schutzzone bleibe bis Montag bestehen.")
    assert q.speaker.text == "Ein Sprecher des baden-württembergischen Umweltministeriums"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Wie die Sprecherin des Landratsamts in Kiel, Maria Keller, mitteilte, wurde die "
         "Straße am Abend gesperrt.", "die Sprecherin des Landratsamts in Kiel, Maria Keller"),
        ("Die Mission wird schwierig, wie Anna Graf, Leiterin des Instituts für Raumfahrt, "
         "betont.", "Anna Graf, Leiterin des Instituts für Raumfahrt"),
    ],
)
def test_wie_clause_with_an_apposition(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert q.speaker.text == speaker


def test_statement_passed_on_by_laut_is_a_quotation_of_its_own(nlp):
    quotes = _quotes(nlp, "Laut dem Spiegel sagte der Minister, dass die Mittel gekürzt "
                          "werden sollen.")
    assert {(q.cue.text, q.speaker.text) for q in quotes} == {
        ("Laut", "dem Spiegel"), ("sagte", "der Minister")}
    inner = next(q for q in quotes if q.cue.text == "sagte")
    assert inner.text == "dass die Mittel gekürzt werden sollen"


def test_wie_clause_around_an_attribution(nlp):
    quotes = _quotes(nlp, "Wie Regierungssprecher Jan Vogel mitteilte, ist die Reform nach "
                          "Auffassung der Kanzlerin unverzichtbar.")
    assert {q.speaker.text for q in quotes} == {"Regierungssprecher Jan Vogel",
                                                 "Auffassung der Kanzlerin"}


def test_cue_clause_holding_an_attribution(nlp):
    quotes = _quotes(nlp, "Ein Sprecher der Polizei, Lars Beringer, sagte am Abend gegenüber "
                          "der Presse, nach neuesten Erkenntnissen habe ein Unbekannter das "
                          "Konto benutzt.")
    said = next(q for q in quotes if q.cue.text == "sagte")
    assert said.speaker.text == "Ein Sprecher der Polizei, Lars Beringer"
    assert said.text.startswith("nach neuesten Erkenntnissen habe")


def test_second_cue_joined_by_und_is_a_quotation_of_its_own(nlp):
    first, second = _quotes(nlp, "Die Ministerin erklärte, die Zahlen seien solide, und "
                                 "kündigte an, im Herbst einen Nachtrag vorzulegen.")
    assert (first.cue.text, first.text) == ("erklärte", "die Zahlen seien solide")
    assert second.cue.text == "kündigte an"
    assert second.speaker.text == "Die Ministerin"
    assert second.text == "im Herbst einen Nachtrag vorzulegen"


def test_so_with_a_source_keeps_its_genitive(nlp):
    (q,) = _quotes(nlp, "Fast alle vermissten Kinder werden schnell gefunden, so eine Auskunft "
                        "des Landeskriminalamts.")
    assert q.speaker.text == "eine Auskunft des Landeskriminalamts"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Vorsitzende des Verbands, Michael Knapp, kritisierte die Entscheidung: „Die "
         "Behörde muss sich fragen lassen, warum sie das erlaubt.“",
         "Der Vorsitzende des Verbands, Michael Knapp"),
        ("Konzernchef Paul Weber kommentierte das Ende der Verhandlungen mit den Worten: "
         "„Fest steht nur, dass wir verloren haben.“", "Konzernchef Paul Weber"),
        # verb-second: the subject after the verb (a name, a pronoun) stays the speaker
        ("Der Zeitung sagte Jonas Imhof: „Wir machen weiter.“", "Jonas Imhof"),
        ("Später ergänzte er: „Das war erst der Anfang.“", "er"),
        # the one who quotes is not the speaker
        ("Die Rundschau zitiert einen Augenzeugen: „Der Wagen fuhr viel zu schnell.“",
         "einen Augenzeugen"),
    ],
)
def test_subject_in_the_prefield_before_a_colon(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Direct"
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "quote"),
    [
        ("Der Verkehrsminister, Ali Demir, charakterisierte das Verhalten als ein „Beispiel "
         "taktloser Politik“.", "charakterisierte … als", "Der Verkehrsminister, Ali Demir",
         "„Beispiel taktloser Politik“"),
        ("Er halte die Gesetze für vertretbar und bezeichnete die Erweiterung der Befugnisse "
         "als „maßvoll“.", "bezeichnete … als", "Er", "„maßvoll“"),
        ("Die Gewerkschaft wies den Vorwurf als „völlig haltlos“ zurück.",
         "wies … als … zurück", "Die Gewerkschaft", "„völlig haltlos“"),
    ],
)
def test_phrase_in_marks_after_als_is_quoted_by_the_subject(nlp, text, cue, speaker, quote):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.text, q.cue.text, q.speaker.text) == ("Direct", quote, cue, speaker)


@pytest.mark.parametrize(
    "text",
    [
        # names and passives after `als` quote no one
        "Der Mann ist in der Stadt nur als „Der Gratulant“ bekannt.",
        "Der Politiker galt schon damals als „heimlicher Regierungschef“.",
        "Das Gebiet wird von Anwohnern als „Niemandsland“ bezeichnet.",
    ],
)
def test_als_with_a_name_or_a_passive_is_no_quotation(nlp, text):
    assert not [q for q in _quotes(nlp, text) if q.rule == "direct-as"]


def test_article_das_before_a_noun_starts_a_subject(nlp):
    quotes = _quotes(nlp, "Die Seuche breite sich rasch aus, sagte ein Experte. Das "
                          "Robert-Koch-Institut sieht für Deutschland noch keine Gefahr. "
                          "Nur Personen, die mit Geflügel arbeiteten, seien gefährdet.")
    assert quotes[-1].speaker.text == "Das Robert-Koch-Institut"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the party in parentheses belongs to the speaker before the cue too
        ("Der Wirtschaftsminister Rainer Brandt (FDP) sagte, die Preise stiegen weiter.",
         "Der Wirtschaftsminister Rainer Brandt (FDP)"),
        # two speakers joined by `und`
        ("Sonia und Willy Bogner erklärten, sie seien von der Entscheidung überrascht.",
         "Sonia und Willy Bogner"),
        ("Nach Angaben von AFP und Reuters wurden zwei Menschen verletzt.",
         "Angaben von AFP und Reuters"),
        ("Laut Berichten der Sender Sky News und BBC wurde das Gebäude geräumt.",
         "Berichten der Sender Sky News und BBC"),
        # a truncated compound joins the noun after `und`
        ("Das Bau- und Verkehrsministerium teilte mit, die Brücke bleibe gesperrt.",
         "Das Bau- und Verkehrsministerium"),
    ],
)
def test_speaker_with_party_or_coordination(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


def test_coordination_does_not_take_the_next_clause(nlp):
    (q,) = _quotes(nlp, "„Wir bleiben hart“, sagte Keller und verließ den Saal.")
    assert q.speaker.text == "Keller"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Die Wölfe seien keine Gefahr, sagte Andrew Weber, ein Anwalt der Umweltschützer.",
         "Andrew Weber, ein Anwalt der Umweltschützer"),
        ("Die Lage sei ernst, so Reinhard Jung, Geschäftsführer des Bauernbundes.",
         "Reinhard Jung, Geschäftsführer des Bauernbundes"),
        ("Nach Angaben von Peter Beck, dem Dekan der Fakultät, wurde die Arbeit geprüft.",
         "Angaben von Peter Beck, dem Dekan der Fakultät"),
        ("„Wir sind bereit“, sagte Honoré Durand, der Geschäftsführer des Unternehmens.",
         "Honoré Durand, der Geschäftsführer des Unternehmens"),
    ],
)
def test_role_in_apposition_after_the_name(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker
    assert not q.text.startswith("dem Dekan")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a genitive with adjectives after a role or an institution
        ("Die Armee habe das Dorf geräumt, sagte ein Sprecher der israelischen Streitkräfte.",
         "ein Sprecher der israelischen Streitkräfte"),
        # a seat after the genitive
        ("Die Sonderkommission der Kriminalpolizei in Anklam bittet um Hinweise aus der "
         "Bevölkerung.", "Die Sonderkommission der Kriminalpolizei in Anklam"),
        # an organisation's name in marks
        ("Die Organisation „DotAsia“ teilte mit, die Domain sei vergeben.",
         "Die Organisation „DotAsia“"),
    ],
)
def test_speaker_with_genitive_seat_or_name_in_marks(nlp, text, speaker):
    (q,) = [q for q in _quotes(nlp, text) if q.rule != "nested-phrase"]
    assert q.speaker.text == speaker
    assert q.addressee is None


def test_seiner_meinung_nach_at_the_start_of_a_sentence(nlp):
    quotes = _quotes(nlp, "Der Konzernchef weist die Vorwürfe zurück. Seiner Meinung nach "
                          "hätte die Aufsicht von einer Landung abraten müssen.")
    q = quotes[-1]
    assert (q.type, q.cue.text, q.speaker.text) == ("Indirect", "nach", "Seiner Meinung")
    assert q.text == "hätte die Aufsicht von einer Landung abraten müssen"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Die Polizei legte einen Bericht vor. Demnach wurden drei Beamte verletzt.", True),
        ("Ein Sprecher widersprach. Danach hätte es sich um ein Versehen gehandelt.", True),
        # `danach` in time: nothing is passed on
        ("Die Gäste aßen zu Abend. Danach gingen sie in die Oper.", False),
    ],
)
def test_demnach_passes_on_what_the_source_said(nlp, text, found):
    quotes = [q for q in _quotes(nlp, text) if q.rule == "indirect-demnach"]
    assert bool(quotes) == found
    if found:
        assert quotes[0].cue.text in ("Demnach", "Danach")


def test_possessive_ihr_does_not_stop_a_continuation(nlp):
    quotes = _quotes(nlp, "Keller schlägt vor, die Gebühr nur für Lastwagen zu erheben. Die "
                          "Betreiber der Anlage hätten ein Interesse daran, ihr System auch "
                          "hier zu installieren.")
    assert quotes[-1].type == "IndirectFreeIndirect"
    assert quotes[-1].speaker.text == "Keller"


def test_demonstrative_before_a_final_cue(nlp):
    (q,) = _quotes(nlp, "Seit Juni ist die Kamera des Teleskops ausgefallen, das teilte das "
                        "Institut in Baltimore mit.")
    assert (q.cue.text, q.speaker.text) == ("teilte … mit", "das Institut in Baltimore")
    assert q.text == "Seit Juni ist die Kamera des Teleskops ausgefallen"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "quote"),
    [
        # `zu sein`, `zu tun` are zu-infinitives too
        ("Dem Spieler wurde vorgeworfen, an der Schlägerei beteiligt gewesen zu sein.",
         "wurde vorgeworfen", None, "an der Schlägerei beteiligt gewesen zu sein"),
        # the comma before the zu-infinitive left out; the auxiliary belongs to the cue
        ("Der Hersteller Philips hat angekündigt die Preise ab Oktober zu erhöhen.",
         "hat angekündigt", "Der Hersteller Philips", "die Preise ab Oktober zu erhöhen"),
        ("Der Hersteller Philips hat angekündigt, die Preise ab Oktober zu erhöhen.",
         "hat angekündigt", "Der Hersteller Philips", "die Preise ab Oktober zu erhöhen"),
    ],
)
def test_zu_infinitive_content(nlp, text, cue, speaker, quote):
    (q,) = _quotes(nlp, text)
    assert (q.cue.text, q.text) == (cue, quote)
    assert (q.speaker.text if q.speaker else None) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Offiziell geht die Regierung davon aus, dass das Land nur wenig Material besitzt.",
         "die Regierung"),
        ("Sinngemäß hofft Musk also, dass der nächste Start bald erfolgt.", "Musk"),
        ("Des Weiteren verwies Steinberg darauf, dass der Entwurf verfassungsgemäß sei.",
         "Steinberg"),
    ],
)
def test_adverb_before_the_cue_is_no_speaker(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Thaksin begründete seinen Schritt mit den Worten: „Ich muss arbeiten.“", "Thaksin"),
        ("Stoiber hatte besonders die Rolle der Vorsitzenden betont: „Die Entscheidungen "
         "fallen im kleinen Kreis.“", "Stoiber"),
        ("Die Ministerin Anna Roth sieht in dem Urteil eine Bestätigung ihrer Auffassung: "
         "„Das Gericht stärkt die Freiheit.“", "Die Ministerin Anna Roth"),
    ],
)
def test_subject_not_object_before_a_colon(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a country whose verb reports a speech act speaks
        ("Die Regierung will die Steuern erhöhen, sagte Keller. Der Iran streitet dies ab. "
         "Sein Programm diene ausschließlich friedlichen Zwecken.", "Der Iran"),
        # a person's bare name after the verb in the sentence between
        ("„Wir sind bereit“, sagte Anna Roth. In Berlin traf Jonas Imhof die Vertreter der "
         "Stadt. Die Gespräche seien gut verlaufen.", "Jonas Imhof"),
    ],
)
def test_continuation_after_a_sentence_naming_the_speaker(nlp, text, speaker):
    q = _quotes(nlp, text)[-1]
    assert q.type == "IndirectFreeIndirect"
    assert q.speaker.text == speaker


def test_wie_aus_kreisen_verlautete(nlp):
    (q,) = _quotes(nlp, "Wie aus Unternehmenskreisen verlautete, will der Konzern sein Werk in "
                        "Emden umrüsten.")
    assert (q.cue.text, q.speaker.text) == ("Wie … verlautete", "Unternehmenskreisen")


def test_clause_after_an_earlier_colon_introduces_the_quote(nlp):
    quotes = _quotes(nlp, "Auch die Kommission kritisierte die Art und Weise scharf: So sagte "
                          "Olli Rehn: „Man kann kein Gesetz einfach vorknallen.“")
    q = next(q for q in quotes if q.type == "Direct")
    assert (q.cue.text, q.speaker.text) == ("sagte", "Olli Rehn")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Sprecher der Fraktion, Dieter Keller, will „in den kommenden Wochen noch einmal "
         "sorgfältig prüfen“, ob ein Verbot nötig sei.", "Der Sprecher der Fraktion, Dieter Keller"),
        ("Ursprünglich wollte er „ein Konzept mit sechs Stadien vorlegen“, am Ende waren es "
         "zwölf.", "er"),
    ],
)
def test_quoted_plan_after_a_modal_is_the_subjects(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.speaker.text, q.cue) == ("Direct", speaker, None)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Des Weiteren verwies Steinberg darauf, dass der Entwurf verfassungsgemäß sei.",
         "verwies … darauf"),
        ("Die Beobachter sprachen davon, dass die Wahl fair verlaufen sei.", "sprachen davon"),
        ("Die Polizei wies darauf hin, dass die Straße gesperrt sei.", "wies darauf hin"),
    ],
)
def test_pronominal_adverb_before_the_content_belongs_to_the_cue(nlp, text, cue):
    (q,) = _quotes(nlp, text)
    assert q.cue.text == cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # two main clauses joined by a comma share the subject; the object is no speaker
        ("Internationale Wahlbeobachter monieren Unregelmäßigkeiten, sprechen aber davon, dass "
         "die Wahl fair verlaufen sei.", "Internationale Wahlbeobachter"),
        # a subject after the cue is the speaker
        ("Der Minister ist zurückgetreten, sagte Keller, weil er krank sei.", "Keller"),
    ],
)
def test_cue_after_a_comma_closing_a_main_clause(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an object before the modal, the nominative pronoun after it
        ("Die Mindestsicherung will er zentralisieren, aber vor der Kürzung retten.", "er"),
        # `sie` may be the object: the phrase before the verb stays the subject
        ("Die Regierung will sie abschaffen.", "Die Regierung"),
    ],
)
def test_fronted_object_before_a_plan(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.speaker.text) == ("Reported", speaker)


@pytest.mark.parametrize(
    ("text", "qtype", "speaker"),
    [
        # a nominative pronoun after the cue verb: what stands before it is the object
        ("Die Einwohner forderte er anschließend auf, von ihrem Wahlrecht Gebrauch zu machen.",
         "Indirect", "er"),
        ("Die Pläne der Stadtwerke kritisierte er scharf, sie seien nicht durchgerechnet.",
         "Indirect", "er"),
        ("Die Tat bezeichnete er als feige und sinnlos.", "Reported", "er"),
        # an article that opens no nominative
        ("Den Vorschlag der Opposition lehnte die Ministerin ab, er sei zu teuer.",
         "Reported", "die Ministerin"),
        # a person's name after the verb, a thing before it
        ("Weitere Kürzungen schloss Bürgermeisterin Katharina Vogt nicht aus.",
         "Reported", "Bürgermeisterin Katharina Vogt"),
        # the phrase before the verb can speak: it stays the subject, the name is the object
        ("Der Landrat kritisierte Katharina Vogt scharf.", "Reported", "Der Landrat"),
        ("Die Gewerkschaften werfen Katharina Vogt Wortbruch vor.", "Reported",
         "Die Gewerkschaften"),
    ],
)
def test_fronted_object_before_the_cue(nlp, text, qtype, speaker):
    (q,) = _quotes(nlp, text)
    assert (q.type, q.speaker.text) == (qtype, speaker)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # the auxiliary of the perfect or the passive, before or after the participle
        ("Die Bürgermeisterin hatte betont, die Brücke werde im Herbst saniert.",
         "hatte betont"),
        ("Die Brücke werde im Herbst saniert, wie die Bürgermeisterin betont hatte.",
         "wie … betont hatte"),
        ("Es wird vermutet, dass der Brand in der Lagerhalle absichtlich gelegt wurde.",
         "Es wird vermutet"),
        ("Dem Konzern war vorgeworfen worden, die Bilanzen geschönt zu haben.",
         "war vorgeworfen worden"),
        # the reflexive of the cue verb
        ("Die Gewerkschaften haben sich dazu geäußert, dass die Löhne steigen müssten.",
         "haben sich dazu geäußert"),
        # a pronominal adverb between the verb and its particle, or pointing to the content
        ("Der Betriebsrat forderte dazu auf, die Arbeit am Montag niederzulegen.",
         "forderte dazu auf"),
        ("Der Vorstand begründete den Schritt damit, dass die Kosten gestiegen seien.",
         "begründete … damit"),
        # `mit den Worten` after the cue
        ("Die Trainerin lobte die Mannschaft mit den Worten: „Das war große Klasse.“",
         "lobte … mit den Worten"),
    ],
)
def test_cue_keeps_its_auxiliary_reflexive_and_adverb(nlp, text, cue):
    (q,) = _quotes(nlp, text)
    assert q.cue.text == cue


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        # a frame after the quotation runs to the end of the sentence
        ("Das Gericht habe keine Entscheidung getroffen, schrieb die Richterin in einem "
         "Gastbeitrag für die Wochenzeitung.",
         ", schrieb die Richterin in einem Gastbeitrag für die Wochenzeitung"),
        ("Die Zeugin sei glaubwürdig, sagte die Anwältin weiter.", ", sagte die Anwältin weiter"),
        # a phrase in marks attributed to its sentence's subject: the clause before it
        ("Der Landrat bezeichnete die Pläne als „reine Geldverschwendung“.",
         "Der Landrat bezeichnete die Pläne als"),
    ],
)
def test_frame_spans_the_attribution(nlp, text, frame):
    q = _quotes(nlp, text)[-1]
    assert q.frame.text == frame


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # `für` after an institution, and a name in apposition that the name lexicon knows
        ("Die Zahl der Arbeitslosen sei gesunken, sagte der Chef der Bundesagentur für "
         "Arbeit, Hans-Peter Lindner.", "der Chef der Bundesagentur für Arbeit, Hans-Peter Lindner"),
        # a role without article in apposition
        ("„Wir sind sehr zufrieden“, sagte Lena Marquardt, CEO von Nordlicht Software.",
         "Lena Marquardt, CEO von Nordlicht Software"),
        # an outlet named by a place adjective and its kind
        ("Wie die Neue Osnabrücker Zeitung berichtet, wird das Werk im Frühjahr geschlossen.",
         "die Neue Osnabrücker Zeitung"),
    ],
)
def test_speaker_keeps_complements_and_appositions(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb-final cue whose particle takes a clause (`führte … aus`)
        ("Wie die Vorsitzende Richterin, Carola Brandt, ausführte, sei die Beweislage "
         "eindeutig.", "die Vorsitzende Richterin, Carola Brandt"),
        # a name ending in the kind of outlet, before a coordinated cue
        ("Ein Reporter der Deutschen Presse Agentur war vor Ort und berichtet, dass die "
         "Feuerwehr erst nach einer Stunde eintraf.", "Ein Reporter der Deutschen Presse Agentur"),
        # the subject of a passive `zitiert` before its auxiliary
        ("Der Fraktionschef der Grünen, Volker Brandmeier, wird von der „Abendpost“ mit den "
         "Worten zitiert: „Der Senat ist angeschlagen.“",
         "Der Fraktionschef der Grünen, Volker Brandmeier"),
    ],
)
def test_speaker_of_verb_final_coordinated_and_passive_cues(nlp, text, speaker):
    q = _quotes(nlp, text)[0]
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a website as the source of a `wie` clause or after `laut`
        ("Wie regiowelt.de berichtete, wurden die Fahrpreise zum Jahresbeginn erhöht.",
         "regiowelt.de"),
        ("Laut stadtblog.de hat der Gemeinderat die Pläne bereits im Mai gebilligt.",
         "stadtblog.de"),
        # the source after `hieß es`
        ("Die Verhandlungen seien auf einem guten Weg, hieß es vom Sprecher Tobias Reiner.",
         "Sprecher Tobias Reiner"),
        # two subjects with their articles
        ("Die Stadtwerke und der Landkreis geben in einer Mitteilung bekannt, dass die "
         "Leitung im Herbst erneuert wird.", "Die Stadtwerke und der Landkreis"),
    ],
)
def test_speaker_of_websites_heisst_es_and_coordinated_subjects(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # speech acts and stances without content: the whole sentence is the report
        ("Der Bürgermeister würdigte die Helfer als Rückgrat der Gemeinde.", "Der Bürgermeister"),
        ("Die Gewerkschaft wertet die Einigung als großen Erfolg.", "Die Gewerkschaft"),
        ("Der Bauernverband schätzt den Schaden auf zwölf Millionen Euro.", "Der Bauernverband"),
        ("Die Feuerwehr bezifferte die Zahl der Verletzten mit 14.", "Die Feuerwehr"),
        ("Die Ärztin riet den Eltern zu mehr Geduld.", "Die Ärztin"),
        # a report in the passive: the agent after `von` speaks, or no one is named
        ("Die Waldbrandgefahr wird vom Deutschen Wetterdienst als sehr hoch eingestuft.",
         "Deutschen Wetterdienst"),
        ("Als Grund wurden gestiegene Kosten für Energie und Personal genannt.", None),
    ],
)
def test_reports_without_content(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Reported"
    assert (q.speaker.text if q.speaker else None) == speaker


def test_a_passive_that_reports_nothing_is_no_quotation(nlp):
    assert _quotes(nlp, "Der Fahrer wurde mit leichten Verletzungen im Krankenhaus behandelt.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a participle or adjective before the verb says how, not who: the subject follows
        ("Besorgt äußerte sich Katharina Vogt über die steigenden Mieten.", "Katharina Vogt"),
        ("Enttäuscht äußerte sich die Bürgermeisterin über den Beschluss.",
         "die Bürgermeisterin"),
        ("Überraschend sprach sich der Landrat für eine neue Umgehungsstraße aus.",
         "der Landrat"),
        # a noun of that shape stays a source (`Berichten zufolge`), a name stays a name
        ("Ernst sagte, die Lage an der Grenze sei ruhig.", "Ernst"),
    ],
)
def test_fronted_predicate_is_no_speaker(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.speaker.text == speaker
