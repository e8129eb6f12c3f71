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
    with open_store(path) as store:
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
    assert bad_type.exit_code == 2 and "--type must be one of" in bad_type.stderr
    bad_date = runner.invoke(app, ["search", "--db", db, "--since", "2022-13"])
    assert bad_date.exit_code == 2 and "impossible month" in bad_date.stderr


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
    with open_store(path) as store:
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
    with open_store(path) as store:
        store.add_articles([make_article("„Es blieb ruhig“, sagte Polizeisprecher Jonas Keller.",
                                          speaker="Jonas Keller", role="Polizeisprecher")])
    before = runner.invoke(app, ["stats", "--db", path, "--by", "gender", "--format", "json"])
    assert [r["value"] for r in json.loads(before.output)["rows"]] == ["unknown"]
    res = runner.invoke(app, ["reattribute", "--db", path])
    assert res.exit_code == 0 and "1 articles re-attributed" in res.output
    after = runner.invoke(app, ["stats", "--db", path, "--by", "gender", "--format", "json"])
    assert [r["value"] for r in json.loads(after.output)["rows"]] == ["m"]
