"""The cue lexicon (nlp/data/cues.tsv): its rows parse and are valid, the named checks read
them, and a new row is all a new cue word needs."""

from __future__ import annotations

import re

import pytest

from zitat.nlp.cues import (
    CONSTRUCTIONS,
    CUE_CLASSES,
    LEXICON_PATH,
    MATCHES,
    MEDIA,
    Lexicon,
    clause_particles,
    cue_class,
    is_audience,
    is_cue_word,
    is_report_participle,
    parse_lexicon,
    read_lexicon,
    reports_speech_act,
    takes_object_addressee,
    takes_zu_infinitive,
    weak_forms,
)

HEADER = "entry\tmatch\tparticle\tmedium\tconstructions\n"


def test_every_row_of_the_shipped_lexicon_is_valid():
    entries = read_lexicon()
    assert len(entries) > 300
    for e in entries:
        assert e.match in MATCHES and e.constructions <= CONSTRUCTIONS
        assert e.medium in (*MEDIA, "")
        assert all(f and f == f.lower() for f in e.forms)
    # no row says the same thing twice
    keys = [(f, e.match, e.particle) for e in entries for f in e.forms]
    assert len(keys) == len(set(keys))
    # five columns, or six where a row has a cue class
    rows = [line for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert all(line.count("\t") in (4, 5) for line in rows)


def test_known_verbs_have_their_constructions():
    assert is_cue_word("sagte") and is_cue_word("erklärte") and is_cue_word("mitteilte")
    assert not is_cue_word("sagenhaft")
    assert takes_zu_infinitive("kündigte") and takes_zu_infinitive("angekündigt")
    assert not takes_zu_infinitive("meinte")
    assert takes_object_addressee("drängte") and not takes_object_addressee("sagte")
    assert reports_speech_act("kritisierte") and reports_speech_act("forderten")  # weak stems
    assert reports_speech_act("gab", ["gab", "bekannt"]) and not reports_speech_act("gab", ["gab"])
    assert set(clause_particles("machte")) == {"klar", "deutlich"}
    assert is_report_participle("bekanntgegeben") and is_audience("journalisten")


def test_weak_forms_follow_the_stem():
    assert weak_forms("kritisier") == {"kritisiert", "kritisieren", "kritisierte", "kritisierten"}
    assert weak_forms("begründ") == {"begründet", "begründen", "begründete", "begründeten"}
    assert weak_forms("forder") == {"fordert", "fordern", "forderte", "forderten"}


def test_a_new_row_is_all_a_new_verb_needs():
    lines = [HEADER, "# a verb added for the test\n",
             "moniert,monierte\tform\t\t\tcue,reported,zu\n", "beanstand\tweak\t\tSW\treported\n",
             "legte,legten\tform\tdar\t\tclause\n"]
    lexicon = Lexicon(parse_lexicon(lines))
    assert lexicon.forms("cue") == {"moniert", "monierte"}
    assert lexicon.forms("reported") == {"moniert", "monierte", "beanstandet", "beanstanden",
                                         "beanstandete", "beanstandeten"}
    assert lexicon.forms("zu") == {"moniert", "monierte"}
    assert lexicon.with_particle("clause") == {"legte": ("dar",), "legten": ("dar",)}
    assert lexicon.medium_marks("SW") == (("weak", "beanstand"),)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("sagte\tform\t\n", "columns"),
        ("sagte\tlemma\t\t\tcue\n", "match"),
        ("sagte\tform\t\tRadio\tcue\n", "medium"),
        ("sagte\tform\t\t\tquotes\n", "constructions"),
        ("Sagte\tform\t\t\tcue\n", "lower-case"),
        ("schrieb\tpart\tmit\t\tcue\n", "particle"),
        ("sagte\tform\t\t\tcue\tlobend\n", "class"),
        ("sagte\tform\t\t\tcue\tneutral\textra\n", "columns"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(row, problem):
    with pytest.raises(ValueError, match=problem) as err:
        parse_lexicon([HEADER, row], source="test.tsv")
    assert "test.tsv:2" in str(err.value)


def test_attribution_words_come_from_the_lexicon():
    lines = [HEADER, "zufolge\tform\t\t\tpostposition\n", "angaben\thead\t\t\tsource,postposed\n",
             "meinung\tform\t\t\tsource\n", "schätzung\tcompound\t\t\tsource\n"]
    lexicon = Lexicon(parse_lexicon(lines))
    source = lexicon.pattern("source", case="capital")
    for word in ("Angaben", "Polizeiangaben", "Meinung", "Expertenschätzung"):
        assert re.fullmatch(source, word), word
    # a compound-only noun needs its first part; a plain noun is capitalised
    for word in ("Schätzung", "meinung", "Expertenmeinung"):
        assert not re.fullmatch(source, word), word
    assert re.fullmatch(lexicon.pattern("postposed", case="capital", compounds=False), "Angaben")
    assert not re.fullmatch(lexicon.pattern("postposed", compounds=False), "Polizeiangaben")
    assert lexicon.pattern("postposition", case="lower") == "(?:zufolge)"


@pytest.mark.parametrize(
    ("sentence", "rule", "speaker"),
    [
        ("Nach Schätzungen der Gewerkschaft Verdi haben sich am Dienstag rund 4000 "
         "Beschäftigte an dem Warnstreik in Bremen beteiligt.", "indirect-preposition",
         "Schätzungen der Gewerkschaft"),
        ("Den Hochrechnungen des Wahlamts zufolge liegt die CDU in Kiel knapp vorn.",
         "indirect-preposition", "Den Hochrechnungen des Wahlamts"),
        ("Es heißt, die Stadtwerke hätten die Preise zu spät angepasst.",
         "indirect-heisst-es", None),
    ],
)
def test_the_lexicons_attribution_words_drive_the_rules(sentence, rule, speaker):
    import zitat

    quotes = zitat.analyze(sentence, date="2023-03").quotes
    assert [q.rule for q in quotes] == [rule]
    assert (quotes[0].speaker.text if quotes[0].speaker else None) == speaker


def test_cue_classes_come_from_the_class_column():
    lines = [HEADER.replace("constructions\n", "constructions\tclass\n"),
             "sagte\tform\t\t\tcue\n",  # no class: five columns are enough
             "sag\tstem\t\t\tcue\tneutral\n",
             "räum\tstem\tein\t\t\tconceding\n",
             "will wissen\tform\t\t\t\tdistancing\n",
             "laut\tstem\t\t\t\tattribution\n"]
    lexicon = Lexicon(parse_lexicon(lines))
    classes = dict(lexicon.class_patterns())

    def first(cue: str) -> str | None:
        for cls, patterns in lexicon.class_patterns():
            if any(p.search(cue) for p in patterns):
                return cls
        return None

    assert first("sagte") == "neutral" and first("gesagt") is None  # a stem starts the word
    assert first("räumte damit ein") == "conceding"  # the particle after the verb
    assert first("räumte auf") is None
    assert first("will es wissen") == "distancing" and first("willkommen wissen") is None
    assert first("laut") == "attribution"
    assert set(classes) <= set(CUE_CLASSES)


def test_the_shipped_lexicon_classes_cues():
    assert cue_class("behauptete") == "distancing"
    assert cue_class("räumte ein") == "conceding"
    assert cue_class("räumte auf") == "other"  # no particle, no class
    assert cue_class("kritisierte") == "critical"
    assert cue_class("sagte") == "neutral"
    assert cue_class("zufolge") == "attribution"
    assert cue_class("") is None
