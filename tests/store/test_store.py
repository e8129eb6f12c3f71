"""Every store backend: idempotent writes, German search folding, filters, concurrency.

Each test runs on SQLite and on PostgreSQL (see ``conftest.py``); the results must be the
same, because the web UI, the CLI and ``zitat load`` do not know which one they talk to.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest

from tests.conftest import make_article
from tests.store.conftest import stored
from zitat.store import SearchQuery, open_store
from zitat.store.base import Store
from zitat.store.text import date_range, fold, query_terms

RENTE = make_article(
    "„Die Rentenversicherung bleibt stabil“, sagte Anna Beispiel am Donnerstag in Berlin.",
    date="2022-03",
)
STRASSE = make_article(
    "„Die Straßenbahn fährt wieder über die Brücke“, sagte Sabine Roth in Leipzig.",
    date="2023-05-12", speaker="Sabine Roth", role="Oberbürgermeisterin", place="Leipzig",
)
KIEW = make_article(
    "„Wir stehen fest an der Seite der Ukraine“, sagte Anna Beispiel in Brüssel.",
    date="2022-04-02",
)


@pytest.fixture
def store(store_url):
    yield from stored(store_url, [RENTE, STRASSE, KIEW])


def _texts(hits):
    return [h.text for h in hits]


def test_store_implements_the_protocol(store):
    assert isinstance(store, Store)


def test_reingest_changes_nothing(store):
    before = store.stats()
    result = store.add_articles([RENTE, STRASSE])
    assert (result.added, result.skipped) == (0, 2)
    assert store.stats() == before


def test_duplicates_within_one_batch_are_stored_once(store_url):
    with open_store(store_url, create=True) as s:
        result = s.add_articles([RENTE, RENTE, KIEW])
        assert (result.added, result.skipped) == (2, 1)
        assert list(s.article_ids()) == [RENTE.id, KIEW.id]


@pytest.mark.parametrize(
    "query",
    ["versicherung", "RENTENVERSICHERUNG", "Rentenversicherung stabil", "renten"],
)
def test_search_finds_compound_parts_case_insensitively(store, query):
    assert _texts(store.search(SearchQuery(text=query))) == [RENTE.quotes[0].text]


@pytest.mark.parametrize("query", ["strassenbahn", "Straßenbahn", "STRASSE", "bruecke", "brucke"])
def test_search_folds_sharp_s_and_umlauts(store, query):
    hits = store.search(SearchQuery(text=query))
    assert _texts(hits) == [STRASSE.quotes[0].text]  # "bruecke" too (issue 24, finding 10)


def test_search_short_terms_match_whole_words(store):
    assert _texts(store.search(SearchQuery(text="an Ukraine"))) == [KIEW.quotes[0].text]
    assert store.search(SearchQuery(text="ukr zu")) == []  # "zu" is no word of the quote


def test_search_without_text_is_newest_first(store):
    assert [h.date for h in store.search(SearchQuery())] == ["2023-05-12", "2022-04-02", "2022-03"]


def test_search_filters_by_speaker_type_and_dates(store):
    by_name = store.search(SearchQuery(speaker="Anna Beispiel"))
    by_surname = store.search(SearchQuery(speaker="beispiel"))
    assert _texts(by_name) == _texts(by_surname) and len(by_name) == 2
    assert by_name[0].speaker_role == "Bundesinnenministerin"
    month = store.search(SearchQuery(since="2022-03-15", until="2022-03-31"))
    assert _texts(month) == [RENTE.quotes[0].text]  # a month-precise date overlaps the range
    assert store.search(SearchQuery(type="Indirect")) == []
    assert _texts(store.search(SearchQuery(place="leipzig"))) == [STRASSE.quotes[0].text]


def test_search_about_a_time_talked_about(store):
    assert _texts(store.search(SearchQuery(about="2022-03"))) == [RENTE.quotes[0].text]
    assert store.search(SearchQuery(about="2021")) == []


def test_limit_and_offset(store):
    first = store.search(SearchQuery(limit=1))
    second = store.search(SearchQuery(limit=1, offset=1))
    assert len(first) == len(second) == 1 and first != second


def test_speakers_ranked_with_roles_and_dates(store):
    top = store.speakers()
    assert [(s.name, s.quotes) for s in top] == [("Anna Beispiel", 2), ("Sabine Roth", 1)]
    assert top[0].roles == ["Bundesinnenministerin"]
    assert (top[0].first_date, top[0].last_date) == ("2022-03", "2022-04-02")  # the article dates as precise as they are


def test_speaker_profile(store):
    entity_id = store.find_speaker("Beispiel")
    profile = store.speaker(entity_id)
    assert profile.name == "Anna Beispiel"
    assert profile.quotes_per_month == {"2022-03": 1, "2022-04": 1}
    assert profile.latest[0].date == "2022-04-02"
    assert store.find_speaker(str(entity_id)) == entity_id
    assert store.find_speaker("Niemand Unbekannt") is None
    assert store.speaker(10_000) is None


def test_surname_only_entity_learns_the_full_name(store_url):
    first = make_article("„Das bleibt so“, sagte Feldmann in Köln.", speaker="Feldmann", role=None)
    second = make_article("„Wir bauen weiter“, sagte Markus Feldmann in Bonn.",
                          speaker="Markus Feldmann", role=None)
    with open_store(store_url, create=True) as s:
        s.add_articles([first])
        s.add_articles([second])
        assert [(x.name, x.quotes) for x in s.speakers()] == [("Markus Feldmann", 2)]


def test_stats(store):
    stats = store.stats()
    assert (stats.articles, stats.quotes, stats.speakers) == (3, 3, 2)
    assert stats.quotes_by_type == {"Direct": 3}
    assert (stats.first_date, stats.last_date) == ("2022-03", "2023-05-12")


def test_get_article_round_trip(store):
    assert store.get_article(STRASSE.id) == STRASSE
    assert store.get_article("0" * 40) is None
    assert store.has_article(KIEW.id) and not store.has_article("0" * 40)


def test_article_ids_in_insertion_order(store):
    assert list(store.article_ids()) == [RENTE.id, STRASSE.id, KIEW.id]


def test_readonly_store_reads_what_was_written(store, store_url):
    with open_store(store_url, readonly=True) as ro:
        assert ro.stats() == store.stats()
        assert ro.applied_migrations() == store.applied_migrations()
        assert _texts(ro.search(SearchQuery(text="versicherung"))) == [RENTE.quotes[0].text]


def test_speaker_ranking_counts_orders_pages_and_dates(store_url):
    """Most quotes first, ties by name in code-point order, pages by limit and offset, first
    and last article date of each speaker's quotes."""
    said = [("Sabine Roth", "2021-02-03"), ("Sabine Roth", "2023"), ("Karl Muster", "2022-05"),
            ("Anna Beispiel", "2020-01-09"), ("Anna Beispiel", "2024-07-01"),
            ("Ärne Zeller", "2019-11")]
    with open_store(store_url, create=True) as s:
        s.add_articles([make_article(f"„Meldung {n} ist geprüft“, sagte {name} in Kiel.",
                                     speaker=name, date=date)
                        for n, (name, date) in enumerate(said)])
        ranked = [(x.name, x.quotes, x.first_date, x.last_date) for x in s.speakers()]
        assert ranked == [("Anna Beispiel", 2, "2020-01-09", "2024-07-01"),
                          ("Sabine Roth", 2, "2021-02-03", "2023"),
                          ("Karl Muster", 1, "2022-05", "2022-05"),
                          ("Ärne Zeller", 1, "2019-11", "2019-11")]
        assert [x.name for x in s.speakers(limit=2, offset=1)] == ["Sabine Roth", "Karl Muster"]


# -- several processes writing at once ---------------------------------------------------

SPEAKERS = [("Anna Beispiel", "Bundesinnenministerin"), ("Sabine Roth", "Oberbürgermeisterin"),
            ("Karl Muster", "Landrat")]


def _numbered(i: int):
    name, role = SPEAKERS[i % len(SPEAKERS)]
    return make_article(
        f"„Die Meldung Nummer {i} ist geprüft“, sagte {name} am Donnerstag in Leipzig.",
        date=f"2022-{i % 12 + 1:02d}", speaker=name, role=role, place="Leipzig",
    )


def _ingest_worker(url: str, numbers: list[int], start, batch_size: int) -> None:
    """Child process: ingest the numbered articles in small batches after ``start``."""
    articles = [_numbered(i) for i in numbers]
    with open_store(url, create=True) as s:
        start.wait()
        for k in range(0, len(articles), batch_size):
            s.add_articles(articles[k : k + batch_size])


def test_concurrent_ingest_of_overlapping_articles_has_no_duplicates(store_url):
    total = 48
    with open_store(store_url, create=True) as reader:  # creates the schema before the writers start
        ctx = multiprocessing.get_context("spawn")
        start = ctx.Event()
        # Overlapping halves, one forwards and one backwards, so the writers collide.
        jobs = [list(range(0, 36)), list(range(total - 1, 11, -1))]
        procs = [ctx.Process(target=_ingest_worker, args=(store_url, j, start, 3)) for j in jobs]
        for p in procs:
            p.start()
        start.set()
        seen = 0
        while any(p.is_alive() for p in procs):
            stats = reader.stats()  # readers are served while the writers run
            # Counted articles first, quotes later: with whole batches only ever visible
            # and one quote per article, there can be no fewer quotes than articles.
            assert stats.quotes >= stats.articles >= seen
            seen = max(seen, stats.articles)
            time.sleep(0.02)
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        stats = reader.stats()
        ids = list(reader.article_ids())
        assert len(ids) == len(set(ids)) == stats.articles == total
        assert (stats.quotes, stats.places, stats.times) == (total, total, total)
        assert stats.entities == len(SPEAKERS)  # entity get-or-create is race-free
        assert sorted((s.name, s.quotes) for s in reader.speakers()) == sorted(
            (name, total // len(SPEAKERS)) for name, _ in SPEAKERS
        )
        assert reader.speaker(reader.find_speaker("Roth")).roles[0].role == "Oberbürgermeisterin"


# -- pure helpers ------------------------------------------------------------------------


def test_fold_and_terms():
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Müller") == "muller"
    assert query_terms("Rente, RENTE und Brücke") == ["rente", "und", "brucke"]
    assert date_range("2022-02") == ("2022-02-01", "2022-02-28")
    assert date_range("2024") == ("2024-01-01", "2024-12-31")


def test_search_about_matches_each_time_at_its_own_precision(store_url):
    thursday = RENTE.times[0].model_copy(
        update={"value": "2022-03-WXX-4", "granularity": "weekday-in-month"}
    )
    article = RENTE.model_copy(update={"times": [thursday]})
    with open_store(store_url, create=True) as s:
        s.add_articles([article])
        # an underspecified Thursday in March 2022 overlaps any day of that month
        assert _texts(s.search(SearchQuery(about="2022-03-10"))) == [RENTE.quotes[0].text]
        assert _texts(s.search(SearchQuery(about="2022"))) == [RENTE.quotes[0].text]
        assert s.search(SearchQuery(about="2022-04")) == []


def test_speaker_profile_lists_where_they_spoke(store_url):
    said_in_brussels = KIEW.model_copy(
        update={"quotes": [KIEW.quotes[0].model_copy(update={"place": "Brussels"})]}
    )
    with open_store(store_url, create=True) as s:
        s.add_articles([RENTE, said_in_brussels])
        profile = s.speaker(s.find_speaker("Anna Beispiel"))
        assert profile.places == [("Brussels", 1)]


def test_readonly_open_brings_an_older_store_up_to_date(store_url):
    with open_store(store_url, create=True) as s:
        s.add_articles([RENTE])
        # simulate a store written before the quote-place migration
        last = "0002_quote_place"
        s.conn.execute("DELETE FROM migrations WHERE name = " + ("?" if "sqlite" in
                       type(s).__name__.lower() else "%s"), (last,))
        s.conn.execute("ALTER TABLE quotes DROP COLUMN place")
        if hasattr(s.conn, "commit"):
            s.conn.commit()
    with open_store(store_url, readonly=True) as s:
        assert last in s.applied_migrations()
        assert _texts(s.search(SearchQuery(speaker="Anna Beispiel"))) == [RENTE.quotes[0].text]


# -- the same answer on every backend (cases where the two stores used to drift) ---------

PERCENT = make_article(
    "„Die Hälfte der Listenplätze gehört Frauen“, sagte Lea Sommer von der Initiative 50% "
    "in Mainz.",
    date="2023-09-04", speaker="Initiative 50%", role=None, place="Mainz",
)


def _typed(text: str, qtype: str, date: str):
    art = make_article(text, date=date)
    return art.model_copy(update={"quotes": [art.quotes[0].model_copy(update={"type": qtype})]})


def test_like_wildcards_in_filters_match_literally(store):
    store.add_articles([PERCENT])
    # "%" and "_" are ordinary characters in a speaker or place filter, not patterns
    assert _texts(store.search(SearchQuery(speaker="50%"))) == [PERCENT.quotes[0].text]
    assert _texts(store.search(SearchQuery(speaker="%"))) == [PERCENT.quotes[0].text]
    assert store.search(SearchQuery(speaker="Anna_Beispiel")) == []
    assert store.search(SearchQuery(speaker="Sabine%Roth")) == []
    assert store.search(SearchQuery(place="L%")) == []
    assert store.search(SearchQuery(place="leip_ig")) == []
    assert _texts(store.search(SearchQuery(place="leip"))) == [STRASSE.quotes[0].text]
    # a short search term is a whole word, "_" included ("an" is no match for "__")
    assert store.search(SearchQuery(text="__")) == []
    assert _texts(store.search(SearchQuery(text="an Ukraine"))) == [KIEW.quotes[0].text]


def test_find_speaker_takes_names_literally(store):
    store.add_articles([PERCENT])
    initiative = store.find_speaker("Initiative 50%")
    assert initiative is not None and store.speaker(initiative).name == "Initiative 50%"
    assert store.find_speaker("%") == store.find_speaker("50%") == initiative
    assert store.find_speaker("_") is None
    assert store.find_speaker("beisp_el") is None


def test_find_speaker_prefers_most_quotes_then_the_first_entity(store_url):
    thomas = make_article("„Die Brücke ist fertig“, sagte Thomas Keller in Leipzig.",
                          speaker="Thomas Keller", role="Bürgermeister")
    jonas = make_article("„Wir streiken ab Montag“, sagte Jonas Keller in Halle.",
                         speaker="Jonas Keller", role="Gewerkschaftschef")
    jonas_again = make_article("„Die Geduld ist am Ende“, sagte Jonas Keller in Halle.",
                               speaker="Jonas Keller", role="Gewerkschaftschef")
    with open_store(store_url, create=True) as s:
        s.add_articles([thomas, jonas])
        ids = {sp.name: sp.id for sp in s.speakers()}
        assert ids["Thomas Keller"] < ids["Jonas Keller"]
        assert s.find_speaker("Keller") == ids["Thomas Keller"]  # a tie: the first entity
        s.add_articles([jonas_again])
        assert s.find_speaker("Keller") == ids["Jonas Keller"]  # most quotes


def test_stats_orders_types_by_count_then_name(store_url):
    articles = [
        _typed("„Der Zug fällt aus“, sagte Anna Beispiel.", "Reported", "2022-01-03"),
        _typed("„Die Schule bleibt zu“, sagte Anna Beispiel.", "Indirect", "2022-01-04"),
        _typed("„Der Markt ist offen“, sagte Anna Beispiel.", "Reported", "2022-01-05"),
        _typed("„Das Bad wird saniert“, sagte Anna Beispiel.", "FreeIndirect", "2022-01-06"),
        _typed("„Die Brücke hält“, sagte Anna Beispiel.", "Direct", "2022-01-07"),
    ]
    with open_store(store_url, create=True) as s:
        s.add_articles(articles)
        assert list(s.stats().quotes_by_type.items()) == [
            ("Reported", 2), ("Direct", 1), ("FreeIndirect", 1), ("Indirect", 1),
        ]


def test_count_and_facets_follow_the_filters(store):
    everything = SearchQuery(limit=1)
    assert store.count(everything) == 3  # the limit is a page, not the total
    facets = store.facets(everything)
    assert [(f.value, f.count) for f in facets["speaker"]] == [("Anna Beispiel", 2),
                                                               ("Sabine Roth", 1)]
    assert facets["speaker"][0].id == store.find_speaker("Anna Beispiel")
    assert [(f.value, f.count) for f in facets["type"]] == [("Direct", 3)]
    assert [(f.value, f.count) for f in facets["year"]] == [("2023", 1), ("2022", 2)]
    assert [(f.value, f.count) for f in facets["place"]] == [("Leipzig", 1)]
    assert facets["source"] == []
    anna = SearchQuery(speaker="Beispiel")
    assert store.count(anna) == 2
    assert [f.value for f in store.facets(anna)["year"]] == ["2022"]


def test_a_bounded_count_stops_at_its_limit_and_facets_count_the_newest(store_url):
    dates = ["2021-05-02", "2022-03-10", "2023-01-20", "2023-07-04", "2024-02-14"]
    articles = [make_article(f"„Der Haushalt {n} ist beschlossen“, sagte Anna Beispiel am "
                             "Montag in Leipzig.", date=date, place="Leipzig")
                for n, date in enumerate(dates)]
    with open_store(store_url, create=True) as store:
        store.add_articles(articles)
        haushalt = SearchQuery(text="Haushalt")
        assert store.count(haushalt) == 5
        assert [store.count(haushalt, limit) for limit in (1, 3, 5, 9)] == [1, 3, 5, 5]
        assert store.count(SearchQuery(text="Haushalt", since="2023"), 9) == 3
        # the newest three of five: 2024 and twice 2023, never the older years
        newest = store.facets(haushalt, sample=3)
        assert [(f.value, f.count) for f in newest["year"]] == [("2024", 1), ("2023", 2)]
        assert [(f.value, f.count) for f in newest["speaker"]] == [("Anna Beispiel", 3)]
        assert [(f.value, f.count) for f in newest["place"]] == [("Leipzig", 3)]
        # a sample as large as the matches counts them all, as no sample does
        assert store.facets(haushalt, sample=5) == store.facets(haushalt)
        assert sum(f.count for f in store.facets(haushalt)["year"]) == 5


def test_a_match_window_is_the_bounded_count_the_newest_facets_and_the_first_pages(
        store_url, monkeypatch):
    """What the search pages show (issue 24: one statement instead of three), for either
    plan: the count up to one past the sample, the facets of the newest ``sample``, the
    ids of the listing's first ``sample + 1`` quotes."""
    articles = [make_article(f"„Der Haushalt {n} ist beschlossen“, sagte "
                             f"{'Anna Beispiel' if n % 4 else 'Sabine Roth'} in "
                             f"{'Leipzig' if n % 3 else 'Kiel'}.",
                             speaker="Anna Beispiel" if n % 4 else "Sabine Roth",
                             date=f"20{10 + n % 12}-0{1 + n % 9}-1{n % 10}" if n % 7 else None,
                             place="Leipzig" if n % 3 else "Kiel")
                for n in range(30)]
    queries = [SearchQuery(text="Haushalt"), SearchQuery(), SearchQuery(place="Kiel"),
               SearchQuery(text="Haushalt", since="2014", until="2019-03"),
               SearchQuery(speaker="Roth", until="2020"), SearchQuery(text="Brücke")]
    with open_store(store_url, create=True) as store:
        store.add_articles(articles)
        for walk in (False, True):
            monkeypatch.setattr(type(store), "_walks_newest", lambda self, q, w=walk: w)
            for query in queries:
                for sample in (1, 4, 9, 30, 100):
                    window = store.match_window(query, 3, sample)
                    assert window.total == store.count(query, sample + 1)
                    assert window.facets == store.facets(query, 3, sample)
                    for offset in range(0, 32, 3):
                        ids = window.page(offset, 4)
                        page = store.search(query.model_copy(update={"offset": offset,
                                                                     "limit": 4}))
                        if ids is None:  # beyond the window: only while more match
                            assert window.total == sample + 1 and offset + 4 > sample + 1
                        else:
                            assert store.quotes_by_id(ids) == page
        window = store.match_window(SearchQuery(text="Haushalt"), 10, 4)
        assert window.total == 5 and sum(f.count for f in window.facets["year"]) == 4
        assert window.page(0, 5) is not None and window.page(2, 4) is None
        empty = store.match_window(SearchQuery(text="Brücke"), 10, 4)
        assert (empty.total, list(empty.ids), empty.page(0, 21)) == (0, [], [])
        assert empty.facets == {"speaker": [], "type": [], "year": [], "place": [], "source": []}


def test_a_bounded_count_of_a_text_search_counts_what_the_full_count_counts(store_url):
    """SQLite streams a text search's matches for a bounded count; with every other
    filter the count is the same as the full one, up to the limit."""
    articles = [make_article(f"„Die EU-Kommission prüft den Haushalt {n}“, sagte Anna "
                             f"Beispiel in Leipzig.", date=f"20{15 + n % 8}-05-0{1 + n % 9}")
                for n in range(12)]
    articles += [make_article(f"„Der Haushalt {n} der Stadt steht“, sagte Anna Beispiel.",
                              date=f"20{15 + n % 8}-06-01") for n in range(6)]
    with open_store(store_url, create=True) as store:
        store.add_articles(articles)
        queries = [SearchQuery(text="Haushalt"), SearchQuery(text="haushalt EU"),
                   SearchQuery(text="Haushalt Stadt"), SearchQuery(text="Haushalt", type="Direct"),
                   SearchQuery(text="Haushalt", since="2018", until="2020-05"),
                   SearchQuery(text="Haushalt", min_confidence=0.99),
                   SearchQuery(text="Kommission", until="2016")]
        full = [store.count(q) for q in queries]
        assert full == [18, 12, 6, 18, 6, 0, 4]
        for limit in (1, 5, 100):
            assert [store.count(q, limit) for q in queries] == [min(n, limit) for n in full]


def test_listings_are_newest_first_whichever_plan_finds_them(store_url, monkeypatch):
    """SQLite walks the newest-first index for frequent words (from the period's end on
    when the search has one) and sorts the matches of rare ones; both give the same pages,
    newest first, undated quotes last."""
    articles = [make_article(f"„Der Haushalt {n} ist beschlossen“, sagte Anna Beispiel in "
                             f"{'Leipzig' if n % 3 else 'Kiel'}.",
                             date=f"20{10 + n % 12}-0{1 + n % 9}-1{n % 10}" if n % 7 else None,
                             place="Leipzig" if n % 3 else "Kiel")
                for n in range(30)]
    with open_store(store_url, create=True) as store:
        store.add_articles(articles)
        pages = {}
        periods = [(None, None), ("2015", None), (None, "2016"), ("2012", "2019-03"),
                   ("2016-04-15", "2016-04-15")]
        for walk in (False, True):
            monkeypatch.setattr(type(store), "_walks_newest", lambda self, q, w=walk: w)
            pages[walk] = [[h.text for h in store.search(SearchQuery(
                text=text, place=place, since=since, until=until, limit=7, offset=offset))]
                for offset in (0, 7, 28) for since, until in periods
                for text, place in (("Haushalt", None), (None, "Kiel"), ("Haushalt", "Leipzig"))]
            pages[walk] += [[(f.value, f.count) for f in store.facets(
                SearchQuery(text="Haushalt", since=since, until=until), sample=4)["year"]]
                for since, until in periods]
        assert pages[True] == pages[False]
        assert pages[False][0] and pages[False][-5] == [("2021", 2), ("2020", 2)]
        assert pages[False][-3] == [("2016", 2), ("2015", 2)]  # the newest four until 2016
        # the order itself: by date, newest first; the undated after every dated quote
        texts = {a.quotes[0].text: a.date for a in articles}
        listed = [h.text for h in store.search(SearchQuery(text="Haushalt", limit=30))]
        dated = [texts[t] for t in listed if texts[t]]
        assert dated == sorted(dated, reverse=True) and len(dated) == 25
        assert all(texts[t] is None for t in listed[25:])
        until = [texts[t] for t in (h.text for h in store.search(
            SearchQuery(text="Haushalt", until="2016", limit=30)))]
        assert until == sorted(d for d in texts.values() if d and d <= "2016-12-31")[::-1]


def test_ambiguous_speaker_names_give_every_candidate(store_url):
    keller = [
        make_article("„Der Einsatz ist beendet“, sagte Thomas Keller.", speaker="Thomas Keller",
                     role="Polizeisprecher"),
        make_article("„Wir ermitteln weiter“, sagte Thomas Keller.", speaker="Thomas Keller",
                     role="Polizeisprecher", date="2022-04"),
        make_article("„Das Museum öffnet“, sagte Jonas Keller.", speaker="Jonas Keller",
                     role="Museumsdirektor"),
    ]
    with open_store(store_url, create=True) as s:
        s.add_articles(keller)
        both = s.speaker_candidates("Keller")
        assert [(c.name, c.quotes) for c in both] == [("Thomas Keller", 2), ("Jonas Keller", 1)]
        assert [c.name for c in s.speaker_candidates("jonas keller")] == ["Jonas Keller"]
        assert s.speaker_candidates("Niemand") == []
        assert [c.name for c in s.speaker_candidates(both[1].id)] == ["Jonas Keller"]


def test_article_ids_by_prefix(store):
    assert store.article_ids_with_prefix(RENTE.id[:10]) == [RENTE.id]
    assert store.article_ids_with_prefix("zz") == []


def test_search_query_is_validated():
    from pydantic import ValidationError

    q = SearchQuery(type="direct", since="03.11.2023", until="März 2024", speaker="  ")
    assert (q.type, q.since, q.until, q.speaker) == ("Direct", "2023-11-03", "2024-03", None)
    for bad in ({"type": "Zitat"}, {"limit": -3}, {"limit": 0}, {"offset": -1},
                {"since": "2023-13"}):
        with pytest.raises(ValidationError):
            SearchQuery(**bad)


def test_open_store_does_not_create_by_default(tmp_path):
    from zitat.errors import StoreError

    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()
    open_store(tmp_path / "new.db", create=True).close()
    open_store(tmp_path / "new.db").close()
