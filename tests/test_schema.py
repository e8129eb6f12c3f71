"""The data contract: JSON form, validation, ids, and the committed JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import make_article
from zitat.schema import Article, article_id, normalize_text, parse_date

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "src" / "zitat" / "article.schema.json"


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2022", (2022, None, None)), ("2022-03", (2022, 3, None)), ("2024-02-29", (2024, 2, 29))],
)
def test_parse_date_keeps_precision(value, parts):
    assert parse_date(value) == parts


@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "2023-02-29", "22-03", "März 2022", ""])
def test_parse_date_rejects_impossible_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_normalize_text_is_nfc():
    decomposed = "Mu\u0308ller sagte: „Straße“\r\n"
    assert normalize_text(decomposed) == "Müller sagte: „Straße“\n"


def test_article_id_ignores_whitespace_and_normalisation():
    assert article_id("Die  Ministerin\nsagte.") == article_id("Die Ministerin sagte.")
    assert article_id("Mu\u0308ller") == article_id("Müller")
    assert article_id("Müller") != article_id("Muller")


def test_article_round_trips_through_json():
    art = make_article("„Wir handeln jetzt“, sagte Anna Beispiel am Donnerstag in Berlin.")
    again = Article.from_json(art.to_json())
    assert again == art
    data = json.loads(art.to_json())
    assert data["quotes"][0]["spans"] == [[0, 19]]
    assert data["quotes"][0]["speaker"]["entity"] == "e1"


def test_committed_json_schema_matches_models():
    assert SCHEMA_FILE.exists(), "run `make schema` to write src/zitat/article.schema.json"
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == Article.model_json_schema(mode="serialization")


def test_articles_validate_against_json_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    art = make_article("„Die Lage ist ernst“, sagte Anna Beispiel.")
    jsonschema.validate(json.loads(art.to_json()), schema)
    broken = json.loads(art.to_json())
    broken["quotes"][0]["type"] = "Quote"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
