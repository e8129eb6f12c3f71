"""The table of input formats: every reader, its extensions and sniffing come from it."""

from __future__ import annotations

import datetime as dt

import pytest

from zitat.cli import InputFormat
from zitat.ingest import FORMATS, read_inputs, read_text
from zitat.ingest.registry import EXTENSIONS, READERS, binary_reader
from zitat.schema import RawArticle, Rejected

ARTICLE = ("„Die Brücke wird im Herbst wieder befahrbar sein“, sagte Baustadträtin Ines "
           "Kowalczyk am Dienstag in Magdeburg.")


def test_every_format_has_exactly_one_reader_and_the_cli_offers_them_all():
    for r in READERS.values():
        assert (r.read_text is None) != (r.read_bytes is None), r.name
    assert ("auto", *READERS) == FORMATS
    assert [f.value for f in InputFormat] == list(FORMATS)


def test_extensions_belong_to_one_format_each():
    assert EXTENSIONS[".ndjson"] == "jsonl" and EXTENSIONS[".atom"] == "feed"
    assert EXTENSIONS[".parquet"] == "parquet"
    assert all(ext.startswith(".") and ext == ext.lower() for ext in EXTENSIONS)


def test_binary_reader_by_magic_or_by_name():
    assert binary_reader(b"PAR1\x15\x04", "auto") is READERS["parquet"]
    assert binary_reader(b"{\"text\": 1}", "auto") is None
    assert binary_reader(b"anything", "parquet") is READERS["parquet"]
    assert binary_reader(b"anything", "jsonl") is None
    with pytest.raises(ValueError, match="unknown format"):
        binary_reader(b"", "docx")


def test_read_text_refuses_unknown_and_binary_formats():
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        list(read_text("x", "a", fmt="docx"))
    with pytest.raises(ValueError, match="binary format"):
        list(read_text("x", "a", fmt="parquet"))


@pytest.fixture
def parquet_file(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "text": [ARTICLE, "  ", "Kurzer Text über Rostock."],
        "date": [dt.date(2023, 9, 12), None, None],
        "title": ["Brücke", None, "Rostock"],
        "views": [10, 20, 30],
    })
    path = tmp_path / "artikel.parquet"
    pq.write_table(table, path)
    return path


def test_parquet_rows_become_articles_like_json_records(parquet_file, tmp_path):
    recs = list(read_inputs([str(parquet_file)], date="2023-09"))
    ok = [r for r in recs if isinstance(r, RawArticle)]
    bad = [r for r in recs if isinstance(r, Rejected)]
    assert [r.text for r in ok] == [ARTICLE, "Kurzer Text über Rostock."]
    # typed dates become YYYY-MM-DD; a row without one takes --date
    assert [r.date for r in ok] == ["2023-09-12", "2023-09"]
    assert ok[0].title == "Brücke" and ok[0].origin.endswith("artikel.parquet#1")
    assert [b.origin.rsplit("#", 1)[1] for b in bad] == ["2"]
    assert "text" in bad[0].reason
    # a folder holding Parquet files is read by extension, like every other format
    (tmp_path / "other.bin").write_bytes(b"\x00")
    assert len(list(read_inputs([str(tmp_path)]))) == 3


def test_parquet_without_text_column_or_broken_is_rejected(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    no_text = tmp_path / "leer.parquet"
    pq.write_table(pa.table({"body": ["x"]}), no_text)
    (rec,) = list(read_inputs([str(no_text)]))
    assert isinstance(rec, Rejected) and "needs a 'text' column" in rec.reason
    broken = tmp_path / "kaputt.parquet"
    broken.write_bytes(b"PAR1 not really parquet")
    (rec,) = list(read_inputs([str(broken)]))
    assert isinstance(rec, Rejected) and "not a readable Parquet file" in rec.reason
