"""Filters that look their quotes up instead of reading every one (issue 24, load
benchmark): the speaker filter's text alternative goes through the full-text index, the
place filter through indexes of each of its alternatives (migration 0008) — with the same
results as before on every backend."""

from __future__ import annotations

import json

import pytest

from tests.conftest import make_article, span_of
from tests.store.conftest import stored
from zitat.schema import Place, Role
from zitat.store import SearchQuery, open_store

LINKED = make_article("„Der Hafen wird ausgebaut“, sagte Peter Müller am Montag in Kiel.",
                      speaker="Peter Müller", role="Senator", place="Kiel")
_TEXT = "„Die Zahlen stimmen nicht“, sagte ein Sprecher Müllers am Dienstag in Köln."
_plain = make_article(_TEXT, speaker="ein Sprecher Müllers", role=None)
#: a speaker the text names but no entity stands for, in a place named as the text wrote
#: it (`Köln`) under another name (`Cologne`)
UNLINKED = _plain.model_copy(update={
    "entities": [],
    "quotes": [_plain.quotes[0].model_copy(update={"speaker": Role(
        text="ein Sprecher Müllers", spans=[span_of(_TEXT, "ein Sprecher Müllers")])})],
    "places": [Place(text="Köln", span=span_of(_TEXT, "Köln"), name="Cologne", country="DE",
                     lat=50.94, lon=6.96, feature="city")],
})
OTHER = make_article("„Wir prüfen das“, sagte Anna Beispiel am Freitag in Kielce.",
                     place="Kielce")


@pytest.fixture
def store(store_url):
    yield from stored(store_url, [LINKED, UNLINKED, OTHER])


def _texts(store, **query):
    return sorted(h.text for h in store.search(SearchQuery(**query)))


def test_a_speaker_is_found_by_entity_and_by_the_words_of_the_text(store):
    assert _texts(store, speaker="Peter Müller") == [LINKED.quotes[0].text]
    # no entity is "ein Sprecher Müllers": the text of the speaker finds the quote
    assert _texts(store, speaker="Sprecher Müllers") == [UNLINKED.quotes[0].text]
    assert _texts(store, speaker="sprecher") == [UNLINKED.quotes[0].text]
    assert store.count(SearchQuery(speaker="Müller")) == 2
    assert _texts(store, speaker="Sprecherin") == []


def test_a_place_is_found_by_name_prefix_and_as_written(store):
    assert _texts(store, place="Kiel") == sorted([LINKED.quotes[0].text, OTHER.quotes[0].text])
    assert _texts(store, place="kielce") == [OTHER.quotes[0].text]
    assert _texts(store, place="Köln") == [UNLINKED.quotes[0].text]  # stored as Cologne
    assert _texts(store, place="cologne") == [UNLINKED.quotes[0].text]
    assert _texts(store, place="Ki*") == [] and _texts(store, place="K?el") == []


def test_migration_0008_indexes_the_places_as_written(store_url):
    open_store(store_url, create=True).close()
    with open_store(store_url, readonly=True) as s:
        assert "0008_places_text" in s.applied_migrations()
        if store_url.startswith("postgresql"):
            names = {r["indexname"] for r in s.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'places'")}
            assert {"places_text_lower", "places_folded_prefix"} <= names
        else:
            names = {r["name"] for r in s.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'places' AND type = 'index'")}
            assert "places_text_lower" in names


def test_sqlite_reads_no_table_whole_for_a_speaker_or_place(tmp_path):
    with open_store(tmp_path / "z.db", create=True) as s:
        s.add_articles([LINKED, UNLINKED, OTHER])
        for query in (SearchQuery(speaker="Sprecher Müllers"), SearchQuery(place="Kiel")):
            where, params = s._where(query)
            plan = [r[3] for r in s.conn.execute(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM quotes q" + where, params)]
            scans = [step for step in plan if step.split()[:2] in (["SCAN", "q"],
                                                                   ["SCAN", "places"])]
            assert not scans, plan


def test_sqlite_walks_a_period_from_its_end_instead_of_sorting_every_match(tmp_path,
                                                                            monkeypatch):
    """A frequent word with an end date: the page walks the newest-first index down from
    the period's end, reading no quote row (migration 0012: the index has the date first
    and carries the search text), not every match collected and sorted."""
    with open_store(tmp_path / "z.db", create=True) as s:
        s.add_articles([LINKED, UNLINKED, OTHER])
        monkeypatch.setattr(type(s), "_walks_newest", lambda self, query: True)
        query = SearchQuery(text="Hafen", since="2020", until="2022-06")
        where, params = s._where(query, walk=True)
        plan = [r[3] for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT q.id FROM quotes q" + where + s._newest_first(query)
            + " LIMIT 21", params)]
        assert plan == ["SEARCH q USING COVERING INDEX quotes_newest (date_start<?)"], plan
        assert [h.text for h in s.search(query)] == [LINKED.quotes[0].text]


def _dated(date: str | None, n: int):
    return make_article(f"„Der Bericht {n} liegt vor“, sagte Anna Beispiel am Montag.",
                        speaker="Anna Beispiel", date=date)


def test_stats_read_the_first_and_last_date_from_an_index(store_url):
    """Migration 0009: the corpus's first and last date (as the sources give them, of any
    precision) come from an index of the article dates, not from reading every article."""
    dates = ["2019-05", "2021-11-03", None, "2017", "2021-11-30", "2018-02-14"]
    with open_store(store_url, create=True) as s:
        s.add_articles([_dated(d, n) for n, d in enumerate(dates)])
        stats = s.stats()
        assert (stats.first_date, stats.last_date) == ("2017", "2021-11-30")
        assert "0009_articles_date" in s.applied_migrations()
        for agg in ("min", "max"):
            if store_url.startswith("postgresql"):
                # the table is tiny: the planner would read it whole unless told not to
                s.execute("SET enable_seqscan = off")
                plan = " ".join(r["QUERY PLAN"] for r in s.execute(
                    f"EXPLAIN SELECT {agg}(date) AS v FROM articles"))
                assert "articles_date_raw" in plan, plan
            else:
                plan = " ".join(r[3] for r in s.conn.execute(
                    f"EXPLAIN QUERY PLAN SELECT {agg}(date) AS v FROM articles"))
                assert plan == "SEARCH articles USING COVERING INDEX articles_date_raw", plan


def test_stats_of_an_empty_store_have_no_dates(store_url):
    with open_store(store_url, create=True) as s:
        assert (s.stats().first_date, s.stats().last_date) == (None, None)
        s.add_articles([_dated(None, 1)])
        assert (s.stats().first_date, s.stats().last_date, s.stats().articles) == (None, None, 1)


def test_sqlite_asks_how_often_words_occur_once_per_data_version(tmp_path):
    """Whether a search walks the newest-first index is asked once per words and data
    version, whichever connection of the process asks (a search page's search and facets
    and the next visitor's: each word of a search of several once, no full-text query
    after it); an added article asks again."""
    db = tmp_path / "z.db"
    with open_store(db, create=True) as s:
        s.add_articles([LINKED, UNLINKED, OTHER])
    probes: list[str] = []
    with open_store(db, readonly=True) as first, open_store(db, readonly=True) as second:
        for s in (first, second):
            s.conn.set_trace_callback(
                lambda sql: probes.append(sql) if "MATCH" in sql else None)
        query = SearchQuery(text="Hafen Zahlen")
        pages = [s.search(query) for s in (first, second, first)]
        second.facets(query, 10, 1000)
        assert len(probes) == 2 and pages[0] == pages[1] == pages[2] == []  # a word each
        assert [h.text for h in first.search(SearchQuery(text="Hafen"))] == [
            LINKED.quotes[0].text]
        assert len(probes) == 3  # other words: asked
        with open_store(db) as writer:
            writer.add_articles([make_article("„Der Hafen bleibt offen“, sagte Peter Müller.",
                                              speaker="Peter Müller")])
        assert len(first.search(SearchQuery(text="Hafen"))) == 2
        assert len(probes) == 4  # a new data version: asked again


def test_speaker_ranking_reads_the_speaker_index_alone(store_url):
    """Migration 0010: the speaker index holds the article too, so the ranking counts
    quotes outside wire copies without reading a quote row; the ranking is the same."""
    articles = [LINKED, UNLINKED, OTHER,
                make_article("„Der Hafen wächst“, sagte Peter Müller am Mittwoch.",
                             speaker="Peter Müller", role="Senator", date="2023-05-02")]
    with open_store(store_url, create=True) as s:
        s.add_articles(articles)
        ranked = [(r.name, r.quotes, r.first_date, r.last_date) for r in s.speakers(limit=5)]
        assert ranked == [("Peter Müller", 2, "2022-03-10", "2023-05-02"),
                          ("Anna Beispiel", 1, "2022-03-10", "2022-03-10")]
        assert "0010_quotes_speaker_article" in s.applied_migrations()
        if store_url.startswith("postgresql"):
            found = [r["indexdef"] for r in s.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'quotes_speaker'")]
            assert len(found) == 1 and "(speaker_id, article_id)" in found[0], found
        else:
            plan = [r[3] for r in s.conn.execute(
                "EXPLAIN QUERY PLAN SELECT q.speaker_id, count(*) FROM quotes q"
                " WHERE q.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wire_copies w"
                " WHERE w.article_id = q.article_id) GROUP BY q.speaker_id")]
            assert any("COVERING INDEX quotes_speaker" in step for step in plan), plan


def test_overview_figures_come_from_indexes_with_the_same_answers(store_url):
    """Migration 0011: the map's place counts and the quotes by type read indexes, and the
    quotes per month are counted per date first; the figures are those of the rows."""
    articles = [LINKED, UNLINKED, OTHER,
                make_article("„Der Hafen wächst“, sagte Peter Müller am Mittwoch in Kiel.",
                             speaker="Peter Müller", place="Kiel", date="2022-03-31"),
                make_article("„Wir warten ab“, sagte Anna Beispiel am Montag in Kiel.",
                             speaker="Anna Beispiel", place="Kiel", date="2023-01-09"),
                _dated(None, 7)]
    with open_store(store_url, create=True) as s:
        s.add_articles(articles)
        stats = s.stats()
        assert stats.quotes_per_month == {"2022-03": 4, "2023-01": 1}  # two dates in March
        assert all(type(n) is int for n in stats.quotes_per_month.values())
        assert stats.quotes_by_type == {"Direct": 6}
        assert [(p.name, p.articles) for p in s.place_counts()] == [
            ("Kiel", 3), ("Cologne", 1), ("Kielce", 1)]
        assert "0011_overview_indexes" in s.applied_migrations()
        if store_url.startswith("postgresql"):
            defs = {r["indexname"]: r["indexdef"] for r in s.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN"
                " ('places_map', 'quotes_type')")}
            assert "(name, article_id) INCLUDE (lat, lon)" in defs["places_map"], defs
            assert "(type)" in defs["quotes_type"], defs
            return
        plans = {name: [r[3] for r in s.conn.execute("EXPLAIN QUERY PLAN " + sql)] for name, sql in (
            ("places", "SELECT p.name, avg(p.lat), avg(p.lon), count(DISTINCT p.article_id)"
             " FROM places p WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL"
             " AND p.name IS NOT NULL GROUP BY p.name"),
            ("types", "SELECT type, count(*) AS n FROM quotes GROUP BY type"))}
        assert any("COVERING INDEX places_map" in step for step in plans["places"]), plans
        assert any("COVERING INDEX quotes_type" in step for step in plans["types"]), plans
        # a listing by type still walks its order: the type filter chooses no rows by index
        # (and reads no quote row: the type is in the index, migration 0012)
        query = SearchQuery(type="Direct")
        where, params = s._where(query, walk=True)
        plan = [r[3] for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT q.id FROM quotes q" + where + s._newest_first(query)
            + " LIMIT 21", params)]
        assert plan == ["SCAN q USING COVERING INDEX quotes_newest"], plan
        # a match window's place and source facets count what its quotes carry
        # (migration 0012): no article, place or map index is read
        statements: list[str] = []
        s.conn.set_trace_callback(statements.append)
        s.match_window(SearchQuery(text="Hafen"), 10, 1000)
        s.conn.set_trace_callback(None)
        window = next(sql for sql in statements if "'place' AS facet" in sql)
        plan = [r[3] for r in s.conn.execute("EXPLAIN QUERY PLAN " + window)]
        assert not any("places" in step or "articles" in step or " a " in f"{step} "
                       for step in plan), plan


def _placed(n: int):
    """An article of outlet ``n % 3`` (none for 0) naming Kiel twice and Lübeck (n odd)."""
    text = (f"„Der Hafen {n} in Kiel wird gebaut“, sagte Anna Beispiel in Kiel"
            f"{' und Lübeck' if n % 2 else ''}.")
    art = make_article(text, date=f"20{15 + n % 6}-0{1 + n % 9}-1{n % 10}" if n % 5 else None)
    first = text.index("Kiel")
    second = text.index("Kiel", first + 1)
    places = [Place(text="Kiel", span=(k, k + 4), name="Kiel") for k in (first, second)]
    if n % 2:
        k = text.index("Lübeck")
        places.append(Place(text="Lübeck", span=(k, k + 6), name="Lübeck"))
    return art.model_copy(update={"places": places, "source": f"zeitung-{n % 3}" if n % 3
                                  else None})


def test_sqlite_migration_0012_gives_an_older_store_the_listing_columns(tmp_path, monkeypatch):
    """A store written before migration 0012 gets each quote's search text, its article's
    source and distinct place names as a new store writes them, and answers every search,
    count and facet as a store built with them does (with and without a walk)."""
    from zitat.store import sqlite as sqlite_store

    articles = [_placed(n) for n in range(24)]
    new = tmp_path / "new.db"
    with open_store(new, create=True) as s:
        s.add_articles(articles)
    old = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(sqlite_store.SQLiteStore, "migrations", sqlite_store.MIGRATIONS[:11])
        m.setattr(sqlite_store.SQLiteDialect, "quote_body", False)
        m.setattr(sqlite_store.SQLiteDialect, "quote_article_facets", False)
        with open_store(old, create=True) as s:
            s.add_articles(articles)
            assert "0012_quotes_listing" not in s.applied_migrations()

    def columns(s):
        return [(r["body"], r["article_source"],
                 sorted(json.loads(r["article_places"] or "[]")))
                for r in s.execute("SELECT body, article_source, article_places FROM quotes"
                                   " ORDER BY article_id, qid")]

    queries = [SearchQuery(text="Hafen"), SearchQuery(text="hafen kiel", until="2019"),
               SearchQuery(place="Lübeck"), SearchQuery(since="2017", until="2018"),
               SearchQuery()]
    with open_store(old, readonly=True) as o, open_store(new, readonly=True) as s:
        assert "0012_quotes_listing" in o.applied_migrations()
        assert columns(o) == columns(s)
        assert [r["body"] for r in o.execute("SELECT body FROM quotes ORDER BY id")] == \
            [r["body"] for r in o.execute("SELECT body FROM quotes_fts ORDER BY rowid")]
        assert {r["article_places"] for r in s.execute("SELECT article_places FROM quotes")} \
            == {'["Kiel"]', '["Kiel", "Lübeck"]'}
        for walk in (False, True):
            monkeypatch.setattr(sqlite_store.SQLiteStore, "_walks_newest",
                                lambda self, q, w=walk: w)
            for query in queries:
                window = o.match_window(query, 10, 5)
                assert window == s.match_window(query, 10, 5)
                assert o.facets(query) == s.facets(query)
                assert o.search(query) == s.search(query)
        facets = s.facets(SearchQuery())
        assert [(f.value, f.count) for f in facets["place"]] == [("Kiel", 24), ("Lübeck", 12)]
        assert [(f.value, f.count) for f in facets["source"]] == [("zeitung-1", 8),
                                                                   ("zeitung-2", 8)]


def test_sqlite_a_rare_pair_of_words_is_looked_up_once(tmp_path, monkeypatch):
    """Two words that match fewer than WALK_FROM quotes together: the question whether to
    walk intersects each word's matches (kept per word: a second search with one of the
    words looks up only the other) and the window uses the ids instead of another FTS5
    query; the answers are those of the full-text query of both words."""
    from zitat.store import sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "WALK_FROM", 20)  # 10 of 30 match: rare
    articles = [make_article(f"„Der Hafen {n} wird {'teurer' if n % 3 else 'gebaut'}“, sagte"
                             f" {'Anna Beispiel' if n % 2 else 'Jana Kühn'}.",
                             speaker="Anna Beispiel" if n % 2 else "Jana Kühn",
                             date=f"20{15 + n % 6}-05-0{1 + n % 9}")
                for n in range(30)]
    with open_store(tmp_path / "z.db", create=True) as s:
        s.add_articles(articles)
        statements: list[str] = []
        s.conn.set_trace_callback(statements.append)
        query = SearchQuery(text="Hafen gebaut")
        window = s.match_window(query, 10, 3)
        second = s.match_window(SearchQuery(text="gebaut Kühn"), 10, 3)
        s.conn.set_trace_callback(None)
        assert sum("MATCH" in sql for sql in statements) == 3, statements  # each word once
        assert not any("MATCH" in sql for sql in statements if "WITH w" in sql), statements
        monkeypatch.setattr(sqlite_store, "_FREQUENT", {})  # the FTS5 query of both words
        monkeypatch.setattr(sqlite_store.SQLiteStore, "_fts_matches",
                            lambda self, terms, look=True: None)
        assert window == s.match_window(query, 10, 3)
        assert second == s.match_window(SearchQuery(text="gebaut Kühn"), 10, 3)
        assert window.total == 4 and len(s.search(query.model_copy(update={"limit": 50}))) == 10
        assert len(s.search(SearchQuery(text="Kühn gebaut", limit=50))) == 5


def test_sqlite_walks_the_listing_for_a_frequent_speaker(tmp_path, monkeypatch):
    """A speaker with at least WALK_FROM quotes: the listing walks the newest-first index
    and reads the speaker's entity and words from it (migration 0012), with the same
    pages as collecting and sorting the speaker's quotes."""
    from zitat.store import sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "WALK_FROM", 5)
    articles = [make_article(f"„Der Hafen {n} wird gebaut“, sagte {name}.", speaker=name,
                             date=f"20{15 + n % 6}-05-0{1 + n % 9}" if n % 4 else None)
                for n, name in enumerate(["Anna Roth", "Peter Roth", "Jana Kühn"] * 8)]
    with open_store(tmp_path / "z.db", create=True) as s:
        s.add_articles(articles)
        query = SearchQuery(speaker="Roth", limit=4)
        assert s._walks_newest(query) and not s._walks_newest(SearchQuery(speaker="Kühn x"))
        where, params = s._where(query, walk=True)
        plan = [r[3] for r in s.conn.execute(
            "EXPLAIN QUERY PLAN SELECT q.id FROM quotes q" + where + s._newest_first(query)
            + " LIMIT 21", params)]
        assert plan[0] == "SCAN q USING COVERING INDEX quotes_newest", plan
        walked = [s.search(query.model_copy(update={"offset": k})) for k in range(0, 20, 4)]
        window = s.match_window(query, 10, 6)
        monkeypatch.setattr(sqlite_store.SQLiteStore, "_walks_newest", lambda self, q: False)
        assert walked == [s.search(query.model_copy(update={"offset": k}))
                          for k in range(0, 20, 4)]
        assert window == s.match_window(query, 10, 6)
        assert sum(len(page) for page in walked) == 16
