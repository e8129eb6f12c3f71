"""The `zitat` command as a user runs it: exit codes, messages, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import make_article
from zitat.cli import app
from zitat.store import open_store

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "src" / "zitat" / "article.schema.json").read_text()
)
ARTICLE = (
    " date 2022-03 Streit um die Rentenreform. „Wir werden die Renten nicht kürzen“, sagte "
    "Bundeskanzler Markus Feldmann am Donnerstag in Berlin. Die Opposition warf ihm vor, "
    "er verschweige die Kosten."
)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "z.db"
    with open_store(path, create=True) as store:
        store.add_articles([
            make_article("„Die Rentenversicherung bleibt stabil“, sagte Anna Beispiel in Berlin.",
                         date="2022-03"),
            make_article("„Die Straßenbahn fährt wieder“, sagte Sabine Roth in Leipzig.",
                         date="2023-05-12", speaker="Sabine Roth", role="Oberbürgermeisterin"),
        ])
    return str(path)


def test_help_explains_every_command(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("analyze", "ingest", "search", "speakers", "speaker", "stats", "serve"):
        assert command in result.output
    search_help = runner.invoke(app, ["search", "--help"]).output
    assert "--speaker" in search_help and "--since" in search_help


@pytest.mark.slow
def test_analyze_prints_contract_json(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, "utf-8")
    result = runner.invoke(app, ["analyze", str(f)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    jsonschema.validate(data, SCHEMA)
    assert data["date"] == "2022-03"
    direct = [q for q in data["quotes"] if q["type"] == "Direct"]
    assert direct and direct[0]["text"] == "„Wir werden die Renten nicht kürzen“"
    assert direct[0]["cue"]["text"] == "sagte"
    assert "Feldmann" in direct[0]["speaker"]["text"]


@pytest.mark.slow
def test_analyze_table_and_stdin(runner):
    result = runner.invoke(app, ["analyze", "-", "--format", "table"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert "Feldmann" in result.output and "Direct" in result.output


def test_analyze_reports_bad_records_with_location(runner, tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text(" date 2022-13 Kaputt.\n", "utf-8")
    result = runner.invoke(app, ["analyze", str(f)])
    assert result.exit_code == 1
    assert f"{f}:1: date '2022-13' has an impossible month" in result.stderr
    strict = runner.invoke(app, ["analyze", str(f), "--strict"])
    assert strict.exit_code == 2


def test_search_formats(runner, db):
    table = runner.invoke(app, ["search", "versicherung", "--db", db])
    assert table.exit_code == 0 and "Anna Beispiel" in table.output
    as_json = json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json"]).stdout)
    assert [h["date"] for h in as_json] == ["2023-05-12", "2022-03"]
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["search", "STRASSENBAHN", "--db", db, "--format", "csv"]).stdout)))
    assert [r["speaker"] for r in rows] == ["Sabine Roth"]


def test_search_validates_options(runner, db):
    bad_type = runner.invoke(app, ["search", "--db", db, "--type", "Zitat"])
    assert bad_type.exit_code == 2 and "is not one of Direct, Indirect" in bad_type.stderr
    bad_date = runner.invoke(app, ["search", "--db", db, "--since", "2022-13"])
    assert bad_date.exit_code == 2 and "impossible month" in bad_date.stderr


def test_search_and_speaker_take_min_confidence(runner, tmp_path):
    from tests.confidence_articles import DOUBTFUL, SURE

    db = str(tmp_path / "conf.db")
    with open_store(db, create=True) as store:
        store.add_articles([SURE, DOUBTFUL])
    hits = json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json",
                                          "--min-confidence", "0.5"]).stdout)
    assert [h["confidence"] for h in hits] == [0.86]
    assert len(json.loads(runner.invoke(app, ["search", "--db", db, "--format", "json"]).stdout)) == 2
    bad = runner.invoke(app, ["search", "--db", db, "--min-confidence", "1.5"])
    assert bad.exit_code == 2
    profile = runner.invoke(app, ["speaker", "Keller", "--db", db, "--min-confidence", "0.5"])
    assert profile.exit_code == 0 and "1 less confident attribution(s) left out" in profile.output
    assert "Geld reicht" not in profile.output and "Brücke" in profile.output
    as_json = json.loads(runner.invoke(app, ["speaker", "Keller", "--db", db, "--format", "json",
                                             "--min-confidence", "0.5"]).stdout)
    assert (as_json["quotes"], as_json["uncertain"]) == (1, 1)


def test_missing_database_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no database" in result.stderr


def test_speakers_speaker_stats_summary(runner, db):
    speakers = runner.invoke(app, ["speakers", "--db", db, "--format", "json"])
    assert [s["name"] for s in json.loads(speakers.stdout)] == ["Anna Beispiel", "Sabine Roth"]
    profile = runner.invoke(app, ["speaker", "Roth", "--db", db])
    assert profile.exit_code == 0 and "Oberbürgermeisterin" in profile.output
    unknown = runner.invoke(app, ["speaker", "Niemand", "--db", db])
    assert unknown.exit_code == 1 and "no speaker matches" in unknown.stderr
    stats = runner.invoke(app, ["stats", "--db", db])
    assert "articles:  2" in stats.output and "Direct" in stats.output
    summary = runner.invoke(app, ["summary", "--db", db])
    assert "Anna Beispiel — Bundesinnenministerin: 1 quote(s)" in summary.output
    assert f"zitat serve --db {db}" in summary.output


@pytest.mark.slow
def test_ingest_is_idempotent_and_counts_rejects(runner, tmp_path):
    f = tmp_path / "in.txt"
    f.write_text(ARTICLE + "\n date 2022-13 Kaputt.\n", "utf-8")
    db = str(tmp_path / "z.db")
    first = runner.invoke(app, ["ingest", str(f), "--db", db])
    assert first.exit_code == 1  # one record rejected
    assert "2 read, 1 added, 0 already stored, 1 rejected" in first.stderr
    assert Path(db + ".rejects.jsonl").exists()
    second = runner.invoke(app, ["ingest", str(f), "--db", db])
    assert "1 already stored" in second.stderr
    hits = runner.invoke(app, ["search", "renten", "--db", db, "--format", "json"])
    assert len(json.loads(hits.stdout)) >= 1


def test_every_record_command_speaks_every_format(runner, db):
    """table, jsonl, json and csv on search, speakers, speaker and stats: nothing ignored."""
    for args in (["search"], ["speakers"], ["speaker", "Sabine Roth"], ["stats"]):
        out = {fmt: runner.invoke(app, [*args, "--db", db, "--format", fmt])
               for fmt in ("table", "jsonl", "json", "csv")}
        assert all(r.exit_code == 0 for r in out.values()), (args, out)
        lines = out["jsonl"].stdout.splitlines()
        records = [json.loads(line) for line in lines]
        as_json = json.loads(out["json"].stdout)
        assert records == (as_json if isinstance(as_json, list) else [as_json]), args
        rows = list(csv.DictReader(io.StringIO(out["csv"].stdout)))
        assert len(rows) == len(records) and set(rows[0]) == set(records[0]), args
        assert not out["table"].stdout.lstrip().startswith(("{", "["))
    stats_csv = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["stats", "--db", db, "--format", "csv"]).stdout)))
    assert stats_csv[0]["articles"] == "2"


def test_csv_for_german_spreadsheets(runner, db):
    out = runner.invoke(app, ["search", "--db", db, "--format", "csv", "--excel"])
    raw = out.stdout_bytes
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(out.stdout.lstrip("\ufeff")), delimiter=";"))
    assert {r["speaker"] for r in rows} == {"Anna Beispiel", "Sabine Roth"}
    refused = runner.invoke(app, ["search", "--db", db, "--excel"])
    assert refused.exit_code == 2 and "--excel goes with --format csv" in refused.stderr
    refused = runner.invoke(app, ["search", "--db", db, "--format", "json", "--full"])
    assert refused.exit_code == 2 and "--full goes with --format table" in refused.stderr


def test_version_and_type_in_any_case(runner, db):
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.strip().startswith("zitat 0.")
    lower = runner.invoke(app, ["search", "--db", db, "--type", "direct", "--format", "json"])
    assert lower.exit_code == 0 and {h["type"] for h in json.loads(lower.stdout)} == {"Direct"}
    assert len(json.loads(lower.stdout)) == 2


def test_german_dates_everywhere(runner, db):
    since = runner.invoke(app, ["search", "--db", db, "--since", "01.05.2023", "--format", "json"])
    assert since.exit_code == 0 and [h["date"] for h in json.loads(since.stdout)] == ["2023-05-12"]
    month = runner.invoke(app, ["search", "--db", db, "--until", "03.2022", "--format", "json"])
    assert [h["date"] for h in json.loads(month.stdout)] == ["2022-03"]
    bad = runner.invoke(app, ["search", "--db", db, "--since", "31.02.2023"])
    assert bad.exit_code == 2 and "impossible day" in bad.stderr
    # --date of analyze is a usage error when wrong, not a rejected record
    bad_date = runner.invoke(app, ["analyze", "-", "--date", "2023/11/03"], input="Text.")
    assert bad_date.exit_code == 2 and "TT.MM.JJJJ" in bad_date.stderr


def test_bad_settings_are_clear_messages(runner, db, monkeypatch):
    from zitat.settings import get_settings

    monkeypatch.setenv("ZITAT_WORKERS", "abc")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["analyze", "-"], input="Text.")
        assert result.exit_code == 2
        assert "ZITAT_WORKERS='abc' is not a whole number" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        monkeypatch.setenv("ZITAT_WORKERS", "-2")
        get_settings.cache_clear()
        result = runner.invoke(app, ["search", "--db", db])
        assert result.exit_code == 0  # the search does not use workers
        result = runner.invoke(app, ["analyze", "-"], input="Text.")
        assert result.exit_code == 2 and "out of range: 0 or more" in result.stderr
    finally:
        get_settings.cache_clear()


def test_tables_fit_the_terminal_and_name_the_article(runner, db):
    long_quote = "„" + " ".join(["Die Rentenversicherung bleibt stabil"] * 8) + "“"
    path = Path(db)
    with open_store(path, create=True) as store:
        art = make_article(long_quote + ", sagte Anna Beispiel in Berlin.", date="2021-01")
        store.add_articles([art])
    narrow = runner.invoke(app, ["search", "stabil", "--db", db], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert art.id[:12] in narrow.stdout and "\x1b[" not in narrow.stdout  # plain when piped
    first = runner.invoke(app, ["search", "stabil", "--db", db, "--limit", "1"])
    assert "1–1 of 2 quote(s)" in first.stdout  # the total, not the page
    full = runner.invoke(app, ["search", "stabil", "--db", db, "--full"], env={"COLUMNS": "100"})
    assert " ".join(full.stdout.split()).count("bleibt stabil") >= 8
    shown = runner.invoke(app, ["article", art.id[:12], "--db", db, "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == art.id


def test_ambiguous_speaker_lists_the_candidates(runner, tmp_path):
    db = str(tmp_path / "k.db")
    with open_store(db, create=True) as store:
        store.add_articles([
            make_article("„Der Einsatz ist beendet“, sagte Thomas Keller.", speaker="Thomas Keller",
                         role="Polizeisprecher"),
            make_article("„Wir prüfen das“, sagte Thomas Keller.", speaker="Thomas Keller",
                         role="Polizeisprecher", date="2022-04"),
            make_article("„Das Museum öffnet“, sagte Jonas Keller.", speaker="Jonas Keller",
                         role="Museumsdirektor"),
        ])
    result = runner.invoke(app, ["speaker", "Keller", "--db", db])
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "Thomas Keller" in result.stderr and "Jonas Keller" in result.stderr
    exact = runner.invoke(app, ["speaker", "Jonas Keller", "--db", db, "--format", "json"])
    assert exact.exit_code == 0 and json.loads(exact.stdout)["name"] == "Jonas Keller"


def test_dates_keep_their_precision(runner, tmp_path):
    db = str(tmp_path / "p.db")
    with open_store(db, create=True) as store:
        store.add_articles([make_article("„Wir bauen“, sagte Anna Beispiel.", date="2016")])
    rows = json.loads(runner.invoke(app, ["speakers", "--db", db, "--format", "json"]).stdout)
    assert (rows[0]["first_date"], rows[0]["last_date"]) == ("2016", "2016")


@pytest.mark.slow
def test_csv_input_and_language_check(runner, tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("Überschrift;Datum;Inhalt\nRente bleibt stabil;03.11.2023;„Die Rente bleibt "
                 "stabil“, sagte Bundesinnenministerin Anna Beispiel in Berlin.\n", "utf-8")
    out = runner.invoke(app, ["analyze", str(f), "--text-column", "Inhalt", "--date-column",
                              "Datum", "--title-column", "Überschrift", "--workers", "1"])
    assert out.exit_code == 0, out.stderr
    art = json.loads(out.stdout)
    assert (art["title"], art["date"]) == ("Rente bleibt stabil", "2023-11-03")
    assert art["quotes"][0]["speaker"]["entity"]
    english = ("The interior minister said on Monday that the government would extend the "
               "border controls by three months, adding that the situation remained tense.")
    refused = runner.invoke(app, ["analyze", "-", "--workers", "1"], input=english)
    assert refused.exit_code == 1 and "Englisch (en), not German" in refused.stderr
    assert refused.stdout == ""
    forced = runner.invoke(app, ["analyze", "-", "--any-language", "--workers", "1"],
                           input=english)
    assert forced.exit_code == 0 and json.loads(forced.stdout)["text"] == english


def test_tables_are_coloured_on_a_terminal_only(db):
    from zitat.render import console, quotes_table
    from zitat.store.records import SearchQuery

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with open_store(db, create=True) as store:
        hits = store.search(SearchQuery())
    tty, pipe = Terminal(), io.StringIO()
    for out in (tty, pipe):
        term = console(out)
        term.print(quotes_table(hits, width=term.width))
    assert "\x1b[" in tty.getvalue() and "\x1b[" not in pipe.getvalue()
    assert "Anna Beispiel" in pipe.getvalue()


def _attributed_db(tmp_path) -> str:
    from zitat.nlp.speaker_attributes import with_attributes

    path = str(tmp_path / "who.db")
    arts = []
    for text, speaker, role in [
        ("„Die Lage ist ernst“, sagte Bundesinnenministerin Anna Beispiel.", "Anna Beispiel",
         "Bundesinnenministerin"),
        ("„Es blieb ruhig“, sagte Polizeisprecher Jonas Keller.", "Jonas Keller",
         "Polizeisprecher"),
        ("„Wir sind vor Ort“, sagte Polizeisprecher Jonas Keller.", "Jonas Keller",
         "Polizeisprecher"),
    ]:
        art = make_article(text, speaker=speaker, role=role)
        arts.append(art.model_copy(update={
            "source": "Blatt", "entities": with_attributes(art.text, art.entities, art.quotes)}))
    with open_store(path, create=True) as store:
        store.add_articles(arts)
    return path


def test_stats_by_gender_as_csv_and_old_figures_without_by(runner, tmp_path):
    path = _attributed_db(tmp_path)
    res = runner.invoke(app, ["stats", "--db", path, "--by", "gender,source", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    got = {r["gender"]: (int(r["quotes"]), float(r["quote_share"])) for r in rows}
    assert got == {"m": (2, 0.6667), "f": (1, 0.3333)}
    assert rows[0]["source"] == "Blatt" and rows[0]["label"] == "Männer"
    assert 0 < float(rows[0]["quote_low"]) < 0.6667 < float(rows[0]["quote_high"]) < 1
    table = runner.invoke(app, ["stats", "--db", path, "--by", "role_class"])
    assert "Polizei/Justiz" in table.output and "Top 10" in table.output
    old = runner.invoke(app, ["stats", "--db", path])
    assert "articles:" in old.output and "quotes:" in old.output
    bad = runner.invoke(app, ["stats", "--db", path, "--by", "shoe_size"])
    assert bad.exit_code != 0 and "shoe_size" in bad.output


def test_speaker_set_corrects_and_is_counted(runner, tmp_path):
    path = _attributed_db(tmp_path)
    res = runner.invoke(app, ["speaker-set", "Jonas Keller", "gender=f", "party=SPD",
                              "--db", path])
    assert res.exit_code == 0, res.output
    assert "Jonas Keller" in res.output and "gender=f" in res.output
    out = runner.invoke(app, ["stats", "--db", path, "--by", "party", "--format", "json"])
    parties = {r["value"]: r["quotes"] for r in json.loads(out.output)["rows"]}
    assert parties == {"SPD": 2, "none": 1}
    bad = runner.invoke(app, ["speaker-set", "Jonas Keller", "gender=x", "--db", path])
    assert bad.exit_code != 0
    assert runner.invoke(app, ["speaker-set", "Jonas Keller", "gender", "--db", path]).exit_code


def test_reattribute_fills_a_store_written_without_attributes(runner, tmp_path):
    path = str(tmp_path / "old.db")
    with open_store(path, create=True) as store:
        store.add_articles([make_article("„Es blieb ruhig“, sagte Polizeisprecher Jonas Keller.",
                                          speaker="Jonas Keller", role="Polizeisprecher")])
    before = runner.invoke(app, ["stats", "--db", path, "--by", "gender", "--format", "json"])
    assert [r["value"] for r in json.loads(before.output)["rows"]] == ["unknown"]
    res = runner.invoke(app, ["reattribute", "--db", path])
    assert res.exit_code == 0 and "1 articles re-attributed" in res.output
    after = runner.invoke(app, ["stats", "--db", path, "--by", "gender", "--format", "json"])
    assert [r["value"] for r in json.loads(after.output)["rows"]] == ["m"]
