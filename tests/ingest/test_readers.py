"""Every input format yields the same raw record; bad input is reported, never lost."""

from __future__ import annotations

import json
import random

import pytest

from zitat.ingest import read_inputs, read_text, sniff
from zitat.ingest.decode import decode_bytes, looks_binary
from zitat.schema import RawArticle, Rejected

ARTICLE = (
    "Berlin streitet über das Heizungsgesetz. „Wir werden niemanden im Stich lassen“, "
    "sagte Bundesbauministerin Klara Ostendorf am Donnerstag in Berlin."
)


def _split(records):
    ok = [r for r in records if isinstance(r, RawArticle)]
    bad = [r for r in records if isinstance(r, Rejected)]
    return ok, bad


def test_seedline_one_article_per_line_keeps_month_precision(tmp_path):
    f = tmp_path / "seed.txt"
    f.write_text(f" date 2022-03 {ARTICLE}\ndate 2022-04-02 Zweiter Text über Kiel.\n", "utf-8")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert not bad
    assert [r.date for r in ok] == ["2022-03", "2022-04-02"]
    assert ok[0].text == ARTICLE
    assert ok[1].origin.endswith("seed.txt:2")


def test_seedline_file_with_paragraphs_is_one_article(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text(" date 2023-05-12\nÜberschrift\n\nErster Absatz.\n\nZweiter Absatz.\n", "utf-8")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert not bad and len(ok) == 1
    assert ok[0].date == "2023-05-12"
    assert ok[0].title == "Überschrift"  # the headline line is the title, not text
    assert ok[0].text == "Erster Absatz.\n\nZweiter Absatz."


def test_seedline_bad_records_are_reported_with_line_numbers():
    text = f" date 2022-13 {ARTICLE}\n\n date 2022-03\n date 2022-02 {ARTICLE}\n"
    ok, bad = _split(list(read_text(text, "in.txt")))
    assert len(ok) == 1 and ok[0].date == "2022-02"
    assert [b.origin for b in bad] == ["in.txt:1", "in.txt:3"]
    assert "impossible month" in bad[0].reason
    assert "without article text" in bad[1].reason


def test_plain_text_takes_date_option(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(ARTICLE, "utf-8")
    (rec,) = list(read_inputs([str(f)], date="2021-11"))
    assert rec.date == "2021-11" and rec.text == ARTICLE


def test_jsonl_fields_and_extra_metadata(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [
        {"text": ARTICLE, "date": "2022-03-03", "title": "Heizung", "url": "https://example.org/1",
         "source": "Beispiel-Nachrichten", "section": "Politik"},
        "not json {",
        {"title": "ohne Text"},
        {"text": ARTICLE, "date": "2022-02-30"},
    ]
    f.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n\n")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert len(ok) == 1
    assert ok[0].title == "Heizung" and ok[0].source == "Beispiel-Nachrichten"
    assert ok[0].meta == {"section": "Politik"}
    assert [b.origin.rsplit(":", 1)[1] for b in bad] == ["2", "3", "4"]
    assert "malformed JSON" in bad[0].reason
    assert "text" in bad[1].reason
    assert "impossible day" in bad[2].reason


def test_html_page_main_text_title_and_date(tmp_path):
    paragraphs = "".join(
        f"<p>{ARTICLE} Absatz {i} mit weiteren Einzelheiten zur Lage in der Stadt.</p>"
        for i in range(4)
    )
    page = (
        '<!DOCTYPE html><html lang="de"><head><title>Heizungsstreit | Beispiel</title>'
        '<meta property="article:published_time" content="2023-06-14T09:00:00+02:00"></head>'
        "<body><nav>Startseite Politik Sport</nav><article><h1>Heizungsstreit</h1>"
        f"{paragraphs}</article><footer>Impressum Datenschutz Kontakt</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(page, "utf-8")
    (rec,) = list(read_inputs([str(f)]))
    assert isinstance(rec, RawArticle)
    assert "niemanden im Stich lassen" in rec.text
    assert "Impressum" not in rec.text
    assert rec.date == "2023-06-14"
    assert rec.title and "Heizungsstreit" in rec.title


def test_rss_feed_entries_become_articles(tmp_path):
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Beispiel-Nachrichten</title>
<item><title>Erste Meldung</title><link>https://example.org/a</link>
<pubDate>Thu, 03 Mar 2022 10:00:00 +0100</pubDate>
<description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><title>Zweite Meldung</title><link>https://example.org/b</link>
<pubDate>Fri, 04 Mar 2022 10:00:00 +0100</pubDate><description>Kurzer Text aus Kiel.</description></item>
</channel></rss>"""
    f = tmp_path / "feed.xml"
    f.write_text(feed, "utf-8")
    recs = list(read_inputs([str(f)]))
    assert [r.title for r in recs] == ["Erste Meldung", "Zweite Meldung"]
    assert recs[0].text == ARTICLE and recs[0].date == "2022-03-03"
    assert recs[0].url == "https://example.org/a" and recs[0].source == "Beispiel-Nachrichten"


def test_directory_is_read_recursively_by_extension(tmp_path, caplog):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f" date 2022-03 {ARTICLE}", "utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", "utf-8")
    (tmp_path / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n")
    ok, bad = _split(list(read_inputs([str(tmp_path)])))
    assert len(ok) == 2 and not bad
    # the skipped file is named, never left out silently
    assert "skipped 1 file(s) of unknown type: sub/ignored.png" in caplog.text


def test_stdin(monkeypatch):
    import io
    import sys

    data = f" date 2022-03 {ARTICLE}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (rec,) = list(read_inputs(["-"]))
    assert rec.origin == "<stdin>:1" and rec.date == "2022-03"


def test_binary_junk_is_rejected(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(random.Random(7).randbytes(400))
    (rec,) = list(read_inputs([str(f)]))
    assert isinstance(rec, Rejected) and "binary" in rec.reason
    assert looks_binary(b"\x00\x01abc")
    assert not looks_binary("Grüße aus Köln".encode())


def test_invalid_utf8_falls_back_to_cp1252_with_warning(tmp_path, caplog):
    f = tmp_path / "alt.txt"
    f.write_bytes(" date 2022-03 „Größe zählt“, sagte Jörg Weiß.".encode("cp1252"))
    (rec,) = list(read_inputs([str(f)]))
    assert rec.text == "„Größe zählt“, sagte Jörg Weiß."
    assert "cp1252" in caplog.text
    assert decode_bytes("Straße".encode())[1] == "utf-8"


def test_missing_file_is_reported(tmp_path):
    (rec,) = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(rec, Rejected) and "no such file" in rec.reason


@pytest.mark.parametrize(
    ("content", "name", "fmt"),
    [
        (" date 2022 Text", "x.txt", "seedline"),
        ('{"text": "a"}', "x", "jsonl"),
        ("<rss version='2.0'>", "x", "feed"),
        ("<!DOCTYPE html><html>", "x", "html"),
        ("Nur Text.", "x.txt", "txt"),
        # a date header wins over any extension
        (" date 2022-03 Text", "x.json", "seedline"),
        # these extensions win over the content ...
        ('{"text": "a"}', "x.html", "html"),
        ("<rss version='2.0'>", "x.jsonl", "jsonl"),
        # ... feed and text extensions do not
        ("<!DOCTYPE html><html>", "x.xml", "html"),
        ('{"text": "a"}', "x.txt", "jsonl"),
        # an XML declaration is a feed only under a feed name or with <rss>/<feed>
        ("<?xml version='1.0'?><root/>", "x.xml", "feed"),
        ("<?xml version='1.0'?><root/>", "x", "html"),
        ("[1, 2]", "", "json"),
        ("Einfach Text.", "x.atom", "feed"),
        # a binary format's extension says nothing about decoded text
        ("Einfach Text.", "x.parquet", "txt"),
    ],
)
def test_sniff(content, name, fmt):
    assert sniff(content, name) == fmt


def test_a_headline_line_becomes_the_title_not_a_quote():
    from zitat.ingest.seedline import read_seedlines
    from zitat.ingest.text import read_plain_text

    text = ("Feldmann: „Wir bringen den Haushalt in Ordnung“\n\n"
            "Berlin – Bundeskanzler Markus Feldmann hat eine Lösung angekündigt.")
    (plain,) = read_plain_text(text, "a.txt")
    assert plain.title == "Feldmann: „Wir bringen den Haushalt in Ordnung“"
    assert plain.text.startswith("Berlin – Bundeskanzler")
    (dated,) = read_seedlines(" date 2023-11-26\n" + text, "b.txt")
    assert (dated.title, dated.date) == (plain.title, "2023-11-26")
    assert dated.text == plain.text
    # body text is never taken for a headline: a one-line text, a first line ending in a
    # full stop, a first line longer than a headline
    one_line = "Feldmann: „Wir bringen den Haushalt in Ordnung“ und mehr."
    assert next(read_plain_text(one_line, "c.txt")).title is None
    sentence = "Der Kanzler kam am Montag.\nEr sprach lange."
    assert next(read_plain_text(sentence, "d.txt")).title is None
    long_line = " ".join(["Wort"] * 30) + "\nMehr Text."
    assert next(read_plain_text(long_line, "e.txt")).title is None


@pytest.mark.slow
def test_headline_is_not_analysed_as_a_quote():
    from zitat.analysis import analyze_many
    from zitat.ingest.text import read_plain_text

    text = ("Feldmann: „Wir bringen den Haushalt in Ordnung“\n\n"
            "Berlin – Bundeskanzler Markus Feldmann hat eine rasche Lösung angekündigt. "
            "„Wir schaffen das noch in diesem Jahr“, sagte Feldmann am Montag.")
    (art,) = analyze_many(read_plain_text(text, "a.txt"), workers=1)
    assert art.title.startswith("Feldmann:")
    assert [q.text for q in art.quotes] == ["„Wir schaffen das noch in diesem Jahr“"]


def test_csv_rows_with_named_columns_and_german_dates(tmp_path):
    from zitat.ingest import Columns

    f = tmp_path / "export.csv"
    f.write_text("\ufeffÜberschrift;Datum;Inhalt;Ressort\n"
                 "Rente bleibt stabil;03.11.2023;„Die Rente bleibt stabil“, sagte sie.;Politik\n"
                 "Leer;04.11.2023;;Politik\n"
                 "Kaputt;31.02.2023;Ein Text.;Politik\n", "utf-8")
    cols = Columns(text="Inhalt", date="Datum", title="Überschrift")
    ok, bad = _split(list(read_inputs([str(f)], columns=cols)))
    assert [(a.title, a.date, a.text, a.meta) for a in ok] == [
        ("Rente bleibt stabil", "2023-11-03", "„Die Rente bleibt stabil“, sagte sie.",
         {"Ressort": "Politik"})]
    assert [(r.origin, r.reason) for r in bad] == [
        (f"{f}:3", "missing or empty 'text' field"),
        (f"{f}:4", "date '2023-02-31' has an impossible day")]
    # default column names, comma separated
    g = tmp_path / "plain.csv"
    g.write_text('text,date\n"Er sagte, es regne.",2022-03\n', "utf-8")
    (art,) = read_inputs([str(g)])
    assert (art.text, art.date) == ("Er sagte, es regne.", "2022-03")
    (missing,) = read_inputs([str(f)])
    assert "no text column 'text'" in missing.reason and "--text-column" in missing.reason


ENGLISH = ("The interior minister said on Monday that the government would extend the border "
           "controls by three months, adding that the situation remained tense.")
FRENCH = ("Le ministre de l'Intérieur a déclaré lundi que le gouvernement prolongerait les "
          "contrôles aux frontières de trois mois, la situation restant tendue.")
GERMAN = ("Die Bundesinnenministerin sagte am Montag, die Regierung werde die Grenzkontrollen "
          "um drei Monate verlängern; die Lage bleibe angespannt.")


def test_articles_not_in_german_are_rejected_with_the_language(tmp_path):
    from zitat.ingest.language import detect_language

    assert [detect_language(t) for t in (ENGLISH, FRENCH, GERMAN)] == ["en", "fr", "de"]
    assert detect_language("Too short to judge.") is None
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(json.dumps({"text": t}) for t in (ENGLISH, GERMAN, FRENCH)), "utf-8")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert [a.text for a in ok] == [GERMAN]
    assert [r.origin for r in bad] == [f"{f}:1", f"{f}:3"]
    assert "Englisch (en), not German" in bad[0].reason and "--any-language" in bad[0].reason
    assert "Französisch (fr)" in bad[1].reason
    everything, none = _split(list(read_inputs([str(f)], any_language=True)))
    assert len(everything) == 3 and not none


def test_german_dates_in_every_reader(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": "Er sagte etwas.", "date": "03.11.2023"}) + "\n"
                 + json.dumps({"text": "Sie auch.", "date": "11.2023"}) + "\n", "utf-8")
    assert [a.date for a in read_inputs([str(f)])] == ["2023-11-03", "2023-11"]
    g = tmp_path / "b.txt"
    g.write_text(" date 3.11.2023 Er sagte etwas.\n", "utf-8")
    assert [a.date for a in read_inputs([str(g)])] == ["2023-11-03"]
    # --date (the CLI normalises it) and check_raw of the Python API accept it as well
    from zitat.analysis import check_raw
    from zitat.schema import RawArticle

    assert check_raw(RawArticle(text="Text.", date="November 2023")).date == "2023-11"
