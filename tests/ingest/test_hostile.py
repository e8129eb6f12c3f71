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
    with open_store(db, create=True) as store:
        report = ingest([str(_hostile_jsonl(tmp_path))], store, db_path=db, nlp=blank_nlp,
                        reject_stream=io.StringIO())
        assert (report.read, report.added, report.rejected) == (5, 2, 3)
        assert store.stats().articles == 2
    rejects = (tmp_path / "z.db.rejects.jsonl").read_text("utf-8").splitlines()
    assert len(rejects) == 3 and all(json.loads(r)["reason"] for r in rejects)


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Geheim</title>
<item><title>Vertraulich</title><description>GEHEIMER Inhalt einer lokalen Datei.</description>
</item></channel></rss>"""


@pytest.fixture
def url_server():
    """A local HTTP server that counts requests: /feed answers with a path as its body."""
    import http.server
    import threading

    hits: list[str] = []
    bodies: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = bodies.get(self.path, FEED.encode())
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits, bodies
    server.shutdown()


def test_feed_body_naming_a_file_or_url_is_not_followed(tmp_path, url_server):
    from zitat.ingest import read_text

    base, hits, bodies = url_server
    secret = tmp_path / "secret.xml"
    secret.write_text(FEED, "utf-8")
    for body in (f"file://{secret}", str(secret), f"{base}/x"):
        records = list(read_text(body, "feed.xml", fmt="feed"))
        assert all(isinstance(r, Rejected) for r in records), body
        assert not any("GEHEIM" in (r.preview or "") and "GEHEIM" not in body for r in records)
    assert hits == []
    # a page fetched by URL whose body names a local file
    bodies["/feed"] = f"file://{secret}".encode()
    records = list(read_inputs([f"{base}/feed"], fmt="feed"))
    assert hits == ["/feed"]
    assert len(records) == 1 and isinstance(records[0], Rejected)


KURS = "„Wir halten Kurs“, sagte Finanzministerin Ute Brand in Bonn."


def _kurs_lines(n: int = 3) -> list[bytes]:
    return [json.dumps({"text": f"{KURS} Meldung {i}.", "date": "2022-03"},
                       ensure_ascii=False).encode() for i in range(1, n + 1)]


def _ingest(path, db, nlp):
    from zitat.jobs import ingest
    from zitat.store import open_store

    with open_store(db, create=True) as store:
        report = ingest([str(path)], store, db_path=db, nlp=nlp, reject_stream=io.StringIO())
        return report, store.stats().articles


def test_one_bad_byte_spoils_only_its_own_record(tmp_path):
    lines = _kurs_lines()
    lines[1] = lines[1].replace(b"Meldung", b"Mel\xffdung")
    f = tmp_path / "kurs.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert [r.text for r in ok] == [f"{KURS} Meldung 1.", f"{KURS} Meldung 3."]
    assert len(bad) == 1 and bad[0].origin == f"{f}:2"
    assert "invalid UTF-8" in bad[0].reason and "Ute Brand" in bad[0].preview


def test_reingesting_the_repaired_file_adds_no_duplicates(tmp_path, blank_nlp):
    lines = _kurs_lines()
    broken = [*lines]
    broken[1] = broken[1].replace(b"Meldung", b"Mel\x00dung\xff")
    f = tmp_path / "kurs.jsonl"
    f.write_bytes(b"\n".join(broken) + b"\n")
    db = str(tmp_path / "z.db")
    report, stored = _ingest(f, db, blank_nlp)
    assert (report.read, report.added, report.rejected, stored) == (3, 2, 1, 2)
    f.write_bytes(b"\n".join(lines) + b"\n")  # the file repaired
    report, stored = _ingest(f, db, blank_nlp)
    assert (report.added, report.skipped, report.rejected, stored) == (1, 2, 0, 3)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_byte_order_marks_choose_the_codec(tmp_path, codec):
    text = f" date 2022-03 {KURS}\n date 2022-04 Zweite Meldung aus Köln.\n"
    data = text.encode(codec)
    if codec.endswith("-be"):  # Python writes a BOM only for the native-order codecs
        data = "\ufeff".encode(codec) + data
    f = tmp_path / "bom.txt"
    f.write_bytes(data)
    ok, bad = _split(list(read_inputs([str(f)])))
    assert not bad and [r.text for r in ok] == [KURS, "Zweite Meldung aus Köln."]


def test_a_raw_nul_rejects_its_record_not_the_file(tmp_path):
    lines = _kurs_lines(401)
    lines[0] = lines[0].replace(b"Meldung", b"Mel\x00dung")
    lines[300] = lines[300].replace(b"Meldung", b"Mel\x00dung")
    f = tmp_path / "nul.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert len(ok) == 399 and [b.origin for b in bad] == [f"{f}:1", f"{f}:301"]
    assert all("NUL" in b.reason for b in bad)
    assert not any("\x00" in r.text for r in ok)


def test_escaped_nul_is_stripped_from_titles_as_from_text(tmp_path):
    f = tmp_path / "t.jsonl"
    f.write_text(json.dumps({"text": "Kurs\u0000wechsel in Bonn.", "title": "Kurs\u0000wechsel",
                             "source": "Bonner\u0000Blatt"}), "utf-8")
    (rec,) = list(read_inputs([str(f)]))
    assert (rec.text, rec.title, rec.source) == ("Kurswechsel in Bonn.", "Kurswechsel",
                                                 "BonnerBlatt")


@pytest.mark.parametrize("name", ["empty.jsonl", "blank.jsonl", "empty.txt", "empty.json"])
def test_empty_files_are_rejected_in_every_format(tmp_path, name):
    f = tmp_path / name
    f.write_text("" if name.startswith("empty") else "\n  \n", "utf-8")
    (rec,) = list(read_inputs([str(f)]))
    assert isinstance(rec, Rejected) and rec.origin == str(f)


@pytest.mark.parametrize("value", ["2022-13", "٢٠٢٢-٠٣", "Frühjahr 2022", "2022-02-30"])
def test_date_option_is_validated_before_reading(tmp_path, value):
    from typer.testing import CliRunner

    from zitat.cli import app

    f = tmp_path / "plain.txt"
    f.write_text(KURS, "utf-8")
    db = tmp_path / "z.db"
    r = CliRunner().invoke(app, ["ingest", str(f), "--db", str(db), "--date", value])
    assert r.exit_code == 2 and "--date" in r.output
    assert not db.exists()


def test_damage_reasons_name_the_records_own_line(tmp_path):
    lines = [f" date 2022-03 {KURS} Meldung {i}.".encode() for i in range(1, 5)]
    lines[1] += b" \xff"  # a mixed line: UTF-8 quote marks and a bad byte
    lines[3] = lines[3].replace(b"Meldung", b"Mel\x00dung")
    f = tmp_path / "seed.txt"
    f.write_bytes(b"\n".join(lines) + b"\n")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert [r.origin for r in ok] == [f"{f}:1", f"{f}:3"]
    assert [b.origin for b in bad] == [f"{f}:2", f"{f}:4"]
    assert "line 2" in bad[0].reason and "NUL" in bad[1].reason


def test_legacy_cp1252_lines_are_read_and_named_in_the_warning(tmp_path, caplog):
    utf8 = f" date 2022-03 {KURS}".encode()
    legacy = " date 2022-04 „Größe zählt“, sagte Jörg Weiß.".encode("cp1252")
    f = tmp_path / "mixed.txt"
    f.write_bytes(utf8 + b"\n" + legacy + b"\n")
    ok, bad = _split(list(read_inputs([str(f)])))
    assert not bad and [r.text for r in ok] == [KURS, "„Größe zählt“, sagte Jörg Weiß."]
    assert "1 line(s) not UTF-8 (line 2); read as cp1252" in caplog.text


@pytest.mark.parametrize("fmt", ["seedline", "txt", "jsonl"])
def test_read_text_never_passes_a_nul_character_on(fmt):
    """Found by the fuzz suite: ``read_text`` called directly (not after decoding) let a
    NUL through in the seed-line format."""
    from zitat.ingest import read_text

    body = {"seedline": " date 2022 Kurs\x00wechsel in Bonn.", "txt": "Kurs\x00wechsel in Bonn.",
            "jsonl": '{"text": "Kurs\\u0000wechsel in Bonn."}'}[fmt]
    (rec,) = list(read_text(body, "x", fmt))
    assert rec.text == "Kurswechsel in Bonn."
