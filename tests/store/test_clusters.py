"""Wire copies and statement clusters in the store, on every backend."""

from __future__ import annotations

import pytest

from tests.conftest import make_article, span_of
from zitat.schema import Article, Quote, Role
from zitat.store import SearchQuery, open_store
from zitat.store.clusters import group_hits

AGENCY = (
    "Die Landesregierung will den Bau neuer Radwege im kommenden Jahr deutlich beschleunigen. "
    "„Wir werden die Genehmigungen für Radwege auf drei Monate verkürzen“, sagte "
    "Verkehrsministerin Petra Kowalski am Dienstag in Hannover. Bisher dauerten die Verfahren "
    "oft länger als ein Jahr, weil mehrere Behörden beteiligt seien. Die Kommunen sollen "
    "zusätzlich vierzig Millionen Euro aus einem Sonderprogramm erhalten. Der Fahrradclub "
    "begrüßte die Pläne, forderte aber eine verlässliche Finanzierung über das Jahr hinaus. "
    "Die Opposition sprach von einer Ankündigung ohne Deckung im Haushalt."
)
# a trimmed copy: the last two sentences left out, one word changed
COPY = AGENCY.replace("Der Fahrradclub begrüßte die Pläne, forderte aber eine verlässliche "
                      "Finanzierung über das Jahr hinaus. Die Opposition sprach von einer "
                      "Ankündigung ohne Deckung im Haushalt.", "").replace("deutlich", "spürbar")
OTHER = (
    "Der Stadtrat von Lüneburg hat am Mittwoch über die Zukunft des alten Hallenbads beraten. "
    "„Wir werden die Genehmigungen für Radwege auf drei Monate verkürzen“, sagte Petra "
    "Kowalski dazu am Rande. Ein Gutachten empfiehlt den Abriss, weil die Sanierung mehr als "
    "zwölf Millionen Euro kosten würde. Viele Vereine wünschen sich dagegen einen Neubau am "
    "selben Ort, damit Schulen weiter schwimmen können."
)
QUOTE = "„Wir werden die Genehmigungen für Radwege auf drei Monate verkürzen“"


def _article(text: str, date: str, source: str, speaker: str = "Petra Kowalski",
             quote: str = QUOTE) -> Article:
    art = make_article(text, date=date, speaker=speaker, quote=quote,
                       role="Verkehrsministerin")
    return art.model_copy(update={"source": source})


def _reported(text: str, date: str, source: str, speaker: str = "Petra Kowalski") -> Article:
    """An article whose only quote is indirect: the statement in reported speech."""
    said = "die Genehmigungen für Radwege würden auf drei Monate verkürzt"
    art = make_article(text, date=date, speaker=speaker, quote=said,
                       role="Verkehrsministerin")
    q = art.quotes[0]
    return art.model_copy(update={"source": source, "quotes": [Quote(
        id="q1", type="Indirect", medium="Speech", text=said, spans=q.spans,
        speaker=q.speaker, cue=Role(text="sagte", spans=[span_of(text, "sagte")]),
        confidence=0.8)]})


REPORTED = (
    "Verkehrsministerin Petra Kowalski sagte, die Genehmigungen für Radwege würden auf "
    "drei Monate verkürzt. Kritiker halten das Ziel für unrealistisch."
)


@pytest.fixture
def store(store_url):
    s = open_store(store_url, create=True)
    yield s
    s.close()


def test_a_trimmed_copy_is_linked_to_the_earlier_agency_text(store):
    original = _article(AGENCY, "2024-05-07", "Agentur Nord")
    copy = _article(COPY, "2024-05-08", "Kreisblatt")
    store.add_articles([original, copy, _article(OTHER, "2024-05-08", "Lüneburger Bote")])
    assert store.wire_original(copy.id) == original.id
    assert store.wire_original(original.id) is None
    assert store.wire_copies(original.id) == [copy.id]


def test_an_earlier_version_stored_later_becomes_the_original(store):
    copy = _article(COPY, "2024-05-08", "Kreisblatt")
    original = _article(AGENCY, "2024-05-07", "Agentur Nord")
    store.add_articles([copy])
    store.add_articles([original])
    assert store.wire_original(copy.id) == original.id
    assert store.wire_original(original.id) is None


def test_wire_copies_count_once_in_speaker_figures(store):
    store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"),
                        _article(COPY, "2024-05-08", "Kreisblatt")])
    (top,) = store.speakers()
    assert top.name == "Petra Kowalski"
    assert top.quotes == 1
    assert store.speaker(top.id).quotes == 1
    assert store.stats().quotes == 2  # both are stored and searchable


def test_one_statement_in_three_outlets_forms_one_cluster(store):
    arts = [_article(AGENCY, "2024-05-07", "Agentur Nord"),
            _article(OTHER, "2024-05-08", "Lüneburger Bote"),
            _reported(REPORTED, "2024-05-09", "Tageszeitung Süd")]
    store.add_articles(arts)
    hits = store.search(SearchQuery(text="Genehmigungen"))
    assert len(hits) == 3
    assert len({h.cluster_id for h in hits}) == 1
    assert all(h.outlets == 2 for h in hits)
    cluster = store.cluster(hits[0].cluster_id)
    assert cluster.first.outlet == "Agentur Nord"
    assert cluster.first.date == "2024-05-07"
    assert [a.outlet for a in cluster.appearances] == [
        "Agentur Nord", "Lüneburger Bote", "Tageszeitung Süd"]
    assert len(cluster.variants) == 2  # the direct wording and the reported one
    assert ("+", "würden") in cluster.variants[1].diff
    assert not cluster.conflicting
    assert store.article_clusters(arts[1].id) == {"q1": (cluster.id, 2)}


def test_a_quote_credited_to_someone_else_is_flagged(store):
    store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"),
                        _article(OTHER.replace("Petra Kowalski", "Jens Brandt")
                                 .replace("Petra \nKowalski", "Jens Brandt"),
                                 "2024-05-08", "Lüneburger Bote", speaker="Jens Brandt")])
    hits = store.search(SearchQuery(text="Genehmigungen"))
    assert len({h.cluster_id for h in hits}) == 1
    cluster = store.cluster(hits[0].cluster_id)
    assert cluster.conflicting
    assert set(cluster.speakers) == {"Petra Kowalski", "Jens Brandt"}


def test_a_reported_version_by_another_speaker_is_another_statement(store):
    moved = _reported(REPORTED.replace("Petra Kowalski", "Jens Brandt"), "2024-05-09",
                      "Tageszeitung Süd", speaker="Jens Brandt")
    store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"), moved])
    hits = store.search(SearchQuery(text="Genehmigungen"))
    assert len(hits) == 2
    assert len({h.cluster_id for h in hits}) == 2
    assert all(h.outlets == 0 for h in hits)


def test_unrelated_quotes_stay_apart_and_grouping_keeps_order(store):
    rente = make_article("„Die Rentenversicherung bleibt stabil“, sagte Anna Beispiel.")
    store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"),
                        _article(OTHER, "2024-05-08", "Lüneburger Bote"), rente])
    hits = store.search(SearchQuery())
    groups = group_hits(hits)
    assert [len(g.hits) for g in groups] == [2, 1]
    assert groups[0].outlets == 1


def test_recluster_rebuilds_the_same_clusters(store):
    store.add_articles([_article(AGENCY, "2024-05-07", "Agentur Nord"),
                        _article(COPY, "2024-05-08", "Kreisblatt"),
                        _article(OTHER, "2024-05-08", "Lüneburger Bote")])
    before = [(h.quote_id, h.cluster_id, h.outlets) for h in store.search(SearchQuery())]
    assert store.recluster() == 3
    after = [(h.quote_id, h.cluster_id, h.outlets) for h in store.search(SearchQuery())]
    assert before == after
