"""Speaker attributes in the store: votes, one value per speaker, corrections, shares."""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from tests.store.conftest import stored
from zitat.errors import StoreError
from zitat.nlp.framing import with_framing
from zitat.nlp.speaker_attributes import with_attributes
from zitat.schema import Article
from zitat.store import open_store
from zitat.store.attributes import resolve_votes
from zitat.store.shares import ShareQuery, wilson_interval


def _analysed(text: str, speaker: str, role: str | None, source: str, date: str) -> Article:
    art = make_article(text, speaker=speaker, role=role, date=date)
    return art.model_copy(update={
        "source": source,
        "entities": with_attributes(art.text, art.entities, art.quotes),
        "quotes": with_framing(art.quotes),
    })


ARTICLES = [
    ("„Die Lage ist ernst“, sagte Bundesinnenministerin Anna Beispiel am Donnerstag.",
     "Anna Beispiel", "Bundesinnenministerin", "Blatt A", "2022-03-10"),
    ("„Es blieb ruhig“, sagte Polizeisprecher Jonas Keller am Morgen.",
     "Jonas Keller", "Polizeisprecher", "Blatt B", "2022-04-02"),
    ("„Wir sind mit der EU-Polizei vor Ort“, sagte Polizeisprecher Jonas Keller am Abend.",
     "Jonas Keller", "Polizeisprecher", "Blatt A", "2022-04-03"),
]


@pytest.fixture
def store(store_url):
    yield from stored(store_url, [_analysed(*a) for a in ARTICLES])


def test_resolve_votes() -> None:
    assert resolve_votes({"gender": {"f": 9, "m": 1}})["gender"] == "f"
    assert resolve_votes({"gender": {"f": 3, "m": 1}})["gender"] == "unknown"
    assert resolve_votes({"gender": {"unknown": 2}})["gender"] == "unknown"
    assert resolve_votes({})["gender"] is None
    out = resolve_votes({"role_class": {"politics": 2, "government": 2}, "party": {"SPD": 1}})
    assert out["role_class"] == "government"  # a tie goes to the first by code point
    assert out["party"] == "SPD" and out["kind"] is None


def test_attributes_are_stored_once_per_speaker(store) -> None:
    keller = store.find_speaker("Jonas Keller")
    attrs = store.speaker_attributes(keller)
    assert attrs["gender"]["value"] == "m" and attrs["gender"]["votes"] == {"m": 2}
    assert "Polizeisprecher" in attrs["gender"]["evidence"]
    assert attrs["role_class"]["value"] == "justice"
    assert attrs["kind"]["value"] == "person" and not attrs["gender"]["corrected"]


def test_shares_by_gender_and_source_with_intervals(store) -> None:
    table = store.shares(ShareQuery(by=["gender"]))
    by = {r.value: r for r in table.rows}
    assert table.quotes == 3
    assert (by["m"].quotes, by["f"].quotes) == (2, 1)
    assert (by["m"].speakers, by["f"].speakers) == (1, 1)
    assert (by["m"].quote_low, by["m"].quote_high) == wilson_interval(2, 3)
    grouped = store.shares(ShareQuery(by=["gender", "source"]))
    cells = {(r.group["source"], r.value): r.quote_share for r in grouped.rows}
    assert cells == {("Blatt A", "f"): 0.5, ("Blatt A", "m"): 0.5, ("Blatt B", "m"): 1.0}
    assert store.shares(ShareQuery(by=["gender"], source="Blatt B")).quotes == 1
    assert store.shares(ShareQuery(by=["role_class"], since="2022-04")).rows[0].value == "justice"
    month = store.shares(ShareQuery(by=["cue_class", "month"]))
    assert {r.group["month"] for r in month.rows} == {"2022-03", "2022-04"}
    assert all(r.value == "neutral" for r in month.rows)
    # words of the topic as a search takes them: `EU` also as part of `EU-Polizei`
    assert store.shares(ShareQuery(by=["gender"], text="EU")).quotes == 1
    assert store.shares(ShareQuery(by=["gender"], text="Polizei")).quotes == 1


def test_concentration_and_text_filter(store) -> None:
    table = store.shares(ShareQuery(by=["gender"], top=1))
    (c,) = table.concentration
    assert (c.top_quotes, c.quotes_total) == (2, 3)
    assert c.speakers == [("Jonas Keller", 2)]
    assert store.shares(ShareQuery(by=["gender"], text="ruhig")).quotes == 1


def test_unknown_dimension_is_refused(store) -> None:
    with pytest.raises(StoreError):
        store.shares(ShareQuery(by=["hair_colour"]))


def test_correction_wins_and_survives_new_articles(store) -> None:
    eid, name = store.set_speaker_attribute("Jonas Keller", "gender", "f")
    assert name == "Jonas Keller"
    assert store.speaker_attributes(eid)["gender"] == {
        **store.speaker_attributes(eid)["gender"], "value": "f", "corrected": True}
    # a re-analysed or new article votes m again: the hand correction stays
    store.add_articles([_analysed("„Alles im Plan“, sagte Polizeisprecher Jonas Keller heute.",
                                  "Jonas Keller", "Polizeisprecher", source="Blatt C",
                                  date="2022-05-01")])
    assert store.speaker_attributes(eid)["gender"]["value"] == "f"
    assert {r.value for r in store.shares(ShareQuery(by=["gender"])).rows} == {"f"}
    store.set_speaker_attribute("Jonas Keller", "gender", "")  # back to the votes
    assert store.speaker_attributes(eid)["gender"]["value"] == "m"
    with pytest.raises(StoreError):
        store.set_speaker_attribute("Jonas Keller", "gender", "x")
    with pytest.raises(StoreError):
        store.set_speaker_attribute("Niemand Unbekannt", "gender", "f")


def test_correction_is_keyed_by_speaker_not_row(tmp_path) -> None:
    """A rebuilt database (re-analysis into a fresh store) keeps no rows, but a correction
    set before the speaker's articles arrive applies to them by the canonical key."""
    with open_store(tmp_path / "z.db", create=True) as s:
        s.add_articles([_analysed(*ARTICLES[1])])
        s.set_speaker_attribute("Jonas Keller", "party", "SPD")
        s.add_articles([_analysed(*ARTICLES[2])])
        eid = s.find_speaker("Jonas Keller")
        assert s.speaker_attributes(eid)["party"]["value"] == "SPD"
        assert s.shares(ShareQuery(by=["party"])).rows[0].value == "SPD"


def test_speaker_shares_of_a_quote_level_split_count_each_speaker_once(store_url) -> None:
    texts = [("„Wir bleiben dabei“, sagte Polizeisprecher Jonas Keller.", "sagte"),
             ("„Das ist falsch“, behauptete Polizeisprecher Jonas Keller, sagte ein Zeuge.",
              "behauptete")]
    arts = []
    for text, cue in texts:
        art = _analysed(text, "Jonas Keller", "Polizeisprecher", "Blatt", "2022-01-01")
        q = art.quotes[0]
        arts.append(art.model_copy(update={"quotes": with_framing([q.model_copy(update={
            "cue": q.cue.model_copy(update={"text": cue})})])}))
    with open_store(store_url, create=True) as s:
        s.add_articles(arts)
        rows = {r.value: r for r in s.shares(ShareQuery(by=["cue_class"])).rows}
    assert rows["neutral"].speakers_total == rows["distancing"].speakers_total == 1
    assert rows["neutral"].speaker_share == rows["distancing"].speaker_share == 1.0
    assert rows["neutral"].quote_share == 0.5


def test_reattribute_rebuilds_votes_and_keeps_corrections(store_url) -> None:
    bare = [make_article(*a[:1], speaker=a[1], role=a[2], date=a[4]) for a in ARTICLES]
    with open_store(store_url, create=True) as s:
        s.add_articles(bare)  # written without attributes (an older zitat)
        keller = s.find_speaker("Jonas Keller")
        assert s.speaker_attributes(keller)["gender"]["value"] is None
        s.set_speaker_attribute("Jonas Keller", "party", "SPD")

        def update(art: Article) -> Article:
            return art.model_copy(update={
                "entities": with_attributes(art.text, art.entities, art.quotes),
                "quotes": with_framing(art.quotes)})

        assert s.reattribute(update) == 3
        attrs = s.speaker_attributes(keller)
        assert attrs["gender"]["value"] == "m" and attrs["gender"]["votes"] == {"m": 2}
        assert attrs["party"] == {**attrs["party"], "value": "SPD", "corrected": True}
        assert s.reattribute(update) == 3  # again: same votes, not doubled
        assert s.speaker_attributes(keller)["gender"]["votes"] == {"m": 2}
        assert s.get_article(bare[1].id).entities[0].gender.value == "m"
        assert {r.value for r in s.shares(ShareQuery(by=["cue_class"])).rows} == {"neutral"}
