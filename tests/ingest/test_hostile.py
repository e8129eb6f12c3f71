"""Hostile input (issue 24): every bad record is rejected with a reason, its neighbours read."""

from __future__ import annotations

import io
import json

import pytest

from zitat.ingest import read_inputs
from zitat.schema import RawArticle, Rejected

GOOD = [
    {"text": "„Der Deich hält“, sagte Landrätin Petra Vogel am Montag in Husum.",
     "date": "2023-02-06", "title": "Deich"},
    {"text": "„Wir bauen die Brücke neu“, sagte Baustadtrat Tim Albers in Kiel.",
     "date": "2023-02-07", "title": "Brücke"},
]
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = '{"text": "Eine Zahl.", "n": ' + "7" * 5000 + "}"


def _split(records):
    return ([r for r in records if isinstance(r, RawArticle)],
            [r for r in records if isinstance(r, Rejected)])


def _hostile_jsonl(tmp_path):
    f = tmp_path / "hostile.jsonl"
    lines = [json.dumps(GOOD[0]), DEEP, HUGE_INT, '{"text": ' + DEEP + "}", json.dumps(GOOD[1])]
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return f


def test_deep_json_and_huge_integers_are_rejected_per_line(tmp_path):
    ok, bad = _split(list(read_inputs([str(_hostile_jsonl(tmp_path))])))
    assert [r.title for r in ok] == ["Deich", "Brücke"]
    assert [b.origin.rsplit(":", 1)[1] for b in bad] == ["2", "3", "4"]
    assert "nested deeper" in bad[0].reason and "4300" in bad[1].reason
    assert all(len(b.preview) <= 200 for b in bad)


@pytest.mark.parametrize("body", [DEEP, HUGE_INT, '{"text": "x", "a": ' + "[" * 70 + "]" * 70 + "}"])
def test_hostile_json_file_is_one_reject(tmp_path, body):
    f = tmp_path / "one.json"
    f.write_text(body, "utf-8")
    (rec,) = list(read_inputs([str(f)]))
    assert isinstance(rec, Rejected) and rec.origin == str(f)


def test_ingest_of_hostile_jsonl_keeps_the_batch_and_writes_rejects(tmp_path, blank_nlp):
    from zitat.jobs import ingest
    from zitat.store import open_store

    db = str(tmp_path / "z.db")
    with open_store(db) as store:
        report = ingest([str(_hostile_jsonl(tmp_path))], store, db_path=db, nlp=blank_nlp,
                        reject_stream=io.StringIO())
        assert (report.read, report.added, report.rejected) == (5, 2, 3)
        assert store.stats().articles == 2
    rejects = (tmp_path / "z.db.rejects.jsonl").read_text("utf-8").splitlines()
    assert len(rejects) == 3 and all(json.loads(r)["reason"] for r in rejects)
