"""Gazetteer corrections of the tagger's entities, on Docs built by hand."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from zitat.nlp.entity_rules import correct_entities


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("de")


def _doc(nlp, text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = nlp(text)
    spans = []
    for part, label in ents:
        start = text.index(part)
        spans.append(doc.char_span(start, start + len(part), label=label))
    doc.ents = spans
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in correct_entities(doc)]


def test_country_the_tagger_called_a_person_becomes_a_location(nlp):
    doc = _doc(nlp, "Moldau bittet die EU um Hilfe.", [("Moldau", "PER"), ("EU", "ORG")])
    assert _ents(doc) == [("Moldau", "LOC"), ("EU", "ORG")]


def test_person_with_article_keeps_a_country_name(nlp):
    doc = _doc(nlp, "Der 32-jährige Holland sagte nichts.", [("Holland", "PER")])
    assert _ents(doc) == [("Holland", "PER")]


def test_missed_places_are_added_countries_anywhere_cities_after_prepositions(nlp):
    doc = _doc(nlp, "Litauen schickt Helfer nach Kiel, sagte Jackson.", [])
    assert _ents(doc) == [("Litauen", "LOC"), ("Kiel", "LOC")]


def test_direction_after_im_is_no_town(nlp):
    doc = _doc(nlp, "Im Norden regnet es, in Norden scheint die Sonne.", [])
    assert _ents(doc) == [("Norden", "LOC")]
    assert correct_entities(doc)[0].start_char == doc.text.index("in Norden") + 3


def test_tagger_entities_win_overlaps(nlp):
    doc = _doc(nlp, "Er sprach mit Paris Hilton in Berlin.", [("Paris Hilton", "PER")])
    assert _ents(doc) == [("Paris Hilton", "PER"), ("Berlin", "LOC")]


def test_leading_preposition_is_cut_from_a_name(nlp):
    doc = _doc(nlp, "In Sicherheitskreisen hieß es, die Lage sei ruhig.",
               [("In Sicherheitskreisen", "ORG")])
    assert _ents(doc) == [("Sicherheitskreisen", "ORG")]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Beides sei nicht hinnehmbar, sagte die Ministerin.", "Beides"),
        ("Diese Regel gilt ab Montag in ganz Sachsen.", "Diese"),
        ("Zudem stiegen die Mieten kräftig.", "Zudem"),
        ("Laut wurde es erst am Abend vor dem Rathaus.", "Laut"),
        ("Demnach hatte der Stadtrat die Pläne schon im Mai gebilligt.", "Demnach"),
        ("Der Bürgermeister schwieg. Allerdings kündigte er Gespräche an.", "Allerdings"),
        ("„Damit hat niemand gerechnet“, sagte ein Sprecher.", "Damit"),
    ],
)
def test_sentence_initial_function_word_is_never_an_entity(nlp, text, wrong):
    doc = _doc(nlp, text, [(wrong, "PER")])
    assert all(wrong not in name for name, _ in _ents(doc))


def test_function_word_is_cut_from_the_start_of_a_name(nlp):
    doc = _doc(nlp, "Zudem Ministerin Karla Vandermeer äußerte sich nicht. Laut Polizei Köln war "
               "alles ruhig.", [("Zudem Ministerin Karla Vandermeer", "PER"),
                                ("Laut Polizei Köln", "ORG")])
    assert _ents(doc) == [("Ministerin Karla Vandermeer", "PER"), ("Polizei Köln", "ORG")]


def test_names_that_only_look_like_function_words_stay(nlp):
    # mid-sentence, a capitalised word is a name's part: `Die Linke` after a verb keeps `Linke`
    doc = _doc(nlp, "Gewählt hat sie Die Linke, sagte Anna Dort.", [("Linke", "ORG"),
                                                                   ("Anna Dort", "PER")])
    assert _ents(doc) == [("Linke", "ORG"), ("Anna Dort", "PER")]


def test_places_after_a_dropped_function_word_are_still_found(nlp):
    doc = _doc(nlp, "Zudem stiegen die Mieten in Leipzig kräftig.", [("Zudem", "ORG")])
    assert _ents(doc) == [("Leipzig", "LOC")]


def test_surname_of_a_named_person_is_no_place(nlp):
    text = "Ministerin Karla Vandermeer reiste nach Kiel. Vandermeer sagte, die Lage sei ernst."
    doc = _doc(nlp, text, [("Karla Vandermeer", "PER"), ("Kiel", "LOC")])
    s = text.rindex("Vandermeer")
    doc.ents = [*doc.ents, doc.char_span(s, s + 10, label="LOC")]
    assert _ents(doc) == [("Karla Vandermeer", "PER"), ("Kiel", "LOC"), ("Vandermeer", "PER")]


def test_place_that_is_also_a_surname_stays_a_place(nlp):
    doc = _doc(nlp, "Der Sänger Tom Berlin trat auf. Berlin feierte bis in die Nacht.",
               [("Tom Berlin", "PER")])
    s = doc.text.rindex("Berlin")
    doc.ents = [*doc.ents, doc.char_span(s, s + 6, label="LOC")]
    assert ("Berlin", "LOC") in _ents(doc)


def test_town_of_a_station_is_no_place(nlp):
    text = "Der ICE fällt von Dresden Hbf bis Leipzig aus; Busse fahren ab Praha hl.n. weiter."
    doc = _doc(nlp, text, [])
    assert _ents(doc) == [("Leipzig", "LOC")]


def test_station_rule_leaves_the_taggers_own_places(nlp):
    doc = _doc(nlp, "Der Bahnhof in Kassel HB? In Kassel ist man verwundert.",
               [("Kassel", "LOC")])
    assert ("Kassel", "LOC") in _ents(doc)


def test_acronym_introduced_by_an_organisation_is_an_organisation(nlp):
    text = ("Der Verband der Kommunalen Wasserwerke (VKW) warnte am Montag. "
            "Der VKW fordert mehr Geld; ein VKW-Sprecher nannte keine Zahl.")
    doc = _doc(nlp, text, [("Verband der Kommunalen Wasserwerke", "ORG")])
    ents = correct_entities(doc)
    assert [(e.text, e.label_) for e in ents] == [
        ("Verband der Kommunalen Wasserwerke", "ORG"), ("VKW", "ORG"), ("VKW", "ORG")]
    assert [e.start_char for e in ents][1:] == [text.index("(VKW)") + 1, text.index("Der VKW") + 4]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # a one-word organisation does not introduce an acronym (the parenthesis may say
        # anything: a place, a ticker)
        ("Die Firma Brennholzer (BRZ) wuchs.", [("Brennholzer", "ORG")]),
        # a person's parenthesis is a party or a place, not the person's acronym
        ("Der Abgeordnete Hans Tiedemann (SPD) sprach.", [("Hans Tiedemann", "PER")]),
        # a lower-case or one-letter parenthesis is no acronym
        ("Die Stadtwerke Oberau (ab Mai) erhöhen die Preise.", [("Stadtwerke Oberau", "ORG")]),
    ],
)
def test_no_acronym_without_an_organisation_introducing_it(nlp, text, ents):
    doc = _doc(nlp, text, ents)
    assert _ents(doc) == ents


@pytest.mark.slow
def test_whole_pipeline_names_no_function_word():
    from zitat.analysis import analyze

    text = ("Beides sei nicht hinnehmbar, sagte Bürgermeisterin Karla Vandermeer in Wien. "
            "Diese Entscheidung falle schwer. Zudem fehle Geld. Laut Vandermeer soll der Rat "
            "im Mai entscheiden. Demnach bleibt die Brücke gesperrt.")
    art = analyze(text)
    words = {w for e in art.entities for w in e.name.split()}
    assert not words & {"Beides", "Diese", "Zudem", "Laut", "Demnach"}
    assert "Vandermeer" not in {p.text for p in art.places}
    assert [(p.text, p.name, p.country) for p in art.places] == [("Wien", "Wien", "AT")]


@pytest.fixture(scope="module")
def split_nlp():
    from zitat.nlp.tokenization import zitat_tokenizer

    return zitat_tokenizer(spacy.blank("de"), hyphen_split=True)


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        ("Stau zwischen Leonberg-West und Zuffenhausen.", ("Leonberg", "LOC"),
         ("Leonberg-West", "LOC")),
        ("Die Landesregierung von Rheinland-Pfalz tagte.", ("Rheinland", "LOC"),
         ("Rheinland-Pfalz", "LOC")),
        ("Am Abend sprach Hans-Jochen Vogelsang.", ("Jochen Vogelsang", "PER"),
         ("Hans-Jochen Vogelsang", "PER")),
        # a common noun after the hyphen: the name is the compound's first part only
        ("Der Lufthansa-Streik dauert an.", ("Lufthansa", "ORG"), ("Lufthansa", "ORG")),
        ("Das wird auf EU-Ebene entschieden.", ("EU", "ORG"), ("EU", "ORG")),
    ],
)
def test_names_cut_at_a_compound_hyphen_are_joined(split_nlp, text, tagged, expected):
    doc = _doc(split_nlp, text, [tagged])
    assert _ents(doc) == [expected]


def test_a_spaced_dash_joins_nothing(split_nlp):
    doc = _doc(split_nlp, "Er kam aus Leonberg - West lag im Nebel.", [("Leonberg", "LOC")])
    assert _ents(doc)[0] == ("Leonberg", "LOC")


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # the tagger missed the company: the capitalised words before the legal form
        ("Finanziell steht die Brandauer Feinmechanik Oberwalde GmbH gut da.", [],
         [("Brandauer Feinmechanik Oberwalde GmbH", "ORG")]),
        # a kind word introduces the name and is not part of it; a digit may open it
        ("Die Fa. 7wolken GmbH ist ein junges Unternehmen.", [], [("7wolken GmbH", "ORG")]),
        ("Die Firma Lindqvist AG baut Turbinen.", [], [("Lindqvist AG", "ORG")]),
        # the tagger's name before the legal form grows by it and becomes ORG
        ("Er arbeitet für Hannes Brockmann Inc. seit Mai.", [("Hannes Brockmann", "PER")],
         [("Hannes Brockmann Inc.", "ORG")]),
        ("Die Sievers & Co. KG stellt Schrauben her.", [("Sievers", "ORG")],
         [("Sievers & Co. KG", "ORG")]),
        ("Gegründet hat er die Kolbe GmbH & Co. KG im Jahr 1990.", [],
         [("Kolbe GmbH & Co. KG", "ORG")]),
    ],
)
def test_company_with_a_legal_form_is_an_organisation(nlp, text, tagged, expected):
    doc = _doc(nlp, text, tagged)
    assert _ents(doc) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Das regelt die AG Wohnen der Stadt.",  # after an article: a working group
        "Die Feier findet im UG statt.",
        # the name runs on before `und`: no guess at its start
        "Ein Mitarbeiter der Gesellschaft für Bau und Design mbH bestätigte das.",
    ],
)
def test_legal_form_without_a_name_before_it_adds_nothing(nlp, text):
    assert _ents(_doc(nlp, text, [])) == []


def _tagged(doc: Doc, proper: tuple[str, ...]) -> Doc:
    """``doc`` with the words in ``proper`` tagged as proper nouns (``NE``), as the tagger
    would, and all other words as common nouns or other classes left blank."""
    for t in doc:
        if t.text in proper:
            t.tag_ = "NE"
    return doc


@pytest.mark.parametrize(
    ("text", "proper", "tagged", "expected"),
    [
        # the tagger missed the name after the kind word
        ("Die Firma Brennholzer baut Öfen.", ("Brennholzer",), [], [("Brennholzer", "ORG")]),
        ("Der Energiekonzern Vattex Nordstrom meldete Gewinne.", ("Vattex", "Nordstrom"), [],
         [("Vattex Nordstrom", "ORG")]),
        # an acronym needs no tag
        ("Wenn der Großkunde und Autobauer KMW absagt, fehlt Geld.", (), [], [("KMW", "ORG")]),
        # the tagger's person after the kind word is the company's name
        ("Die deutsche Digitalagentur Conrad Kleeberg wird verkauft.", (),
         [("Conrad Kleeberg", "PER")], [("Conrad Kleeberg", "ORG")]),
        # a compound with a hyphen counts by its last part
        ("Er wechselt zum US-Investmenthaus Fairstone.", ("Fairstone",), [],
         [("Fairstone", "ORG")]),
        # an outlet the tagger took for a place
        ("Das berichtete die Nachrichtenagentur Ostria am Montag.", (), [("Ostria", "LOC")],
         [("Ostria", "ORG")]),
    ],
)
def test_name_after_a_kind_of_company_is_an_organisation(nlp, text, proper, tagged, expected):
    doc = _tagged(_doc(nlp, text, tagged), proper)
    assert _ents(doc) == expected


@pytest.mark.parametrize(
    ("text", "proper", "tagged"),
    [
        # a common noun after `Firma` is no name
        ("Die Firma Schulden hat, weiß jeder.", (), []),
        ("Das Unternehmen Anfang Mai verlassen hat nur einer.", (), []),
        # `Tochter` is a daughter, `Unterhändler` a person, `Verband` no band
        ("Seine Tochter Laura studiert Jura.", ("Laura",), [("Laura", "PER")]),
        ("Der Unterhändler Iqbal schwieg.", ("Iqbal",), [("Iqbal", "PER")]),
        # a plural after a name, not a kind word introducing one
        ("Die Cloud Platform Unternehmen Systemhaus nutzen sie.", ("Systemhaus",), []),
        # a person's or place's name in the genitive owns the company
        ("Er bewies es im Magna-Konzern Frank Stronachs.", (), [("Frank Stronachs", "PER")]),
        ("Die Unternehmen Kubas gehören dem Staat.", (), [("Kubas", "LOC")]),
    ],
)
def test_kind_word_rule_leaves_other_words_alone(nlp, text, proper, tagged):
    doc = _tagged(_doc(nlp, text, tagged), proper)
    assert _ents(doc) == tagged


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # the tagger stopped after the first name: the surname-shaped word joins it
        ("Von Tina Sołtwiak stammt der Bericht.", [("Tina", "PER")],
         [("Tina Sołtwiak", "PER")]),
        # the tagger started after the first name: it joins the person
        # `Anna` is also a common noun by the lexicon: the tagger's `NE` decides
        ("Die Projekte stammen von Anna-Sophie Brökelmann.",
         [("Brökelmann", "PER")], [("Anna-Sophie Brökelmann", "PER")]),
        ("Ebenso heftig ging Michael Theurowski ins Gericht.", [("Michael", "PER")],
         [("Michael Theurowski", "PER")]),
    ],
)
def test_person_grows_by_a_first_name_or_a_surname(nlp, text, tagged, expected):
    assert _ents(_tagged(_doc(nlp, text, tagged), ("Anna-Sophie",))) == expected


def test_first_name_that_is_also_a_noun_needs_the_taggers_proper_noun(nlp):
    doc = _doc(nlp, "Die Projekte stammen von Anna-Sophie Brökelmann.", [("Brökelmann", "PER")])
    assert _ents(doc) == [("Brökelmann", "PER")]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        # a common noun after a lone first name is no surname
        ("Gestern traf Tina Freunde im Park.", [("Tina", "PER")]),
        ("Dort wurde Nichols Enterprise-Kollege.", [("Nichols", "PER")]),
        # a place after the first name is no surname, nor a person with a name already
        ("Dann flog Tina Freiburg an.", [("Tina", "PER")]),
        # no first name before the person: nothing joins
        ("Der Sänger Hollmann Brökelmann trat auf.", [("Brökelmann", "PER")]),
        # a first name and a surname-shaped word outside any entity stay as they are
        ("Das Magazin Charlie Hebdo erscheint.", []),
    ],
)
def test_person_rule_leaves_other_words_alone(nlp, text, tagged):
    assert _ents(_doc(nlp, text, tagged)) == tagged


def test_names_found_once_are_found_again(nlp):
    text = ("Finanzminister Walter Brösecke traf den Chef von Veltronix. Später sagte Brösecke, "
            "Veltronix werde investieren.")
    doc = _tagged(_doc(nlp, text, [("Walter Brösecke", "PER"), ("Veltronix", "ORG")]),
                  ("Brösecke", "Veltronix"))
    ents = correct_entities(doc)
    assert [(e.text, e.label_) for e in ents] == [
        ("Walter Brösecke", "PER"), ("Veltronix", "ORG"), ("Brösecke", "PER"),
        ("Veltronix", "ORG")]
    assert ents[-1].start_char == text.rindex("Veltronix")


@pytest.mark.parametrize(
    ("text", "tagged", "proper"),
    [
        # a mention inside a longer name is not the name
        ("Der Brauer Anbusch übernimmt Anbusch InBrew.", [("Anbusch", "ORG")], ("InBrew",)),
        # a word with two labels in the document is not propagated
        ("Sommer sprach mit Sommer Logistik.", [("Sommer", "PER"), ("Sommer Logistik", "ORG")],
         ()),
        # a one-word name needs the tagger's proper noun where it is repeated
        ("Rest sagte das. Der Rest blieb.", [("Rest", "PER")], ()),
    ],
)
def test_repeated_names_only_where_they_stand_alone(nlp, text, tagged, proper):
    doc = _tagged(_doc(nlp, text, tagged), proper)
    assert _ents(doc) == tagged


def test_news_agency_is_an_organisation_but_not_dpa(nlp):
    text = "Bremen (AFP) - Der Hafen bleibt zu. Foto: Jan Voss / REUTERS. Hamburg (dpa) - Es regnet."
    doc = _doc(nlp, text, [("Jan Voss", "PER")])
    assert _ents(doc) == [("AFP", "ORG"), ("Jan Voss", "PER"), ("REUTERS", "ORG")]


def test_role_alone_is_no_person_but_the_name_after_it_is(nlp):
    text = "Das sei gut, sagte Sportsenatorin Alexandra Dinkelhoff am Montag."
    doc = _doc(nlp, text, [("Sportsenatorin", "PER"), ("Alexandra Dinkelhoff", "PER")])
    assert _ents(doc) == [("Alexandra Dinkelhoff", "PER")]


def test_role_in_a_persons_name_stays(nlp):
    doc = _doc(nlp, "Das sei gut, sagte Senatorin Alexandra Dinkelhoff.",
               [("Senatorin Alexandra Dinkelhoff", "PER")])
    assert _ents(doc) == [("Senatorin Alexandra Dinkelhoff", "PER")]
