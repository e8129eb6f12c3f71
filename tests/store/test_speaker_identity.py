"""Speakers as people across articles: merging, homonyms, search by any variant."""

from __future__ import annotations

import pytest

from zitat.analysis import analyze
from zitat.store import open_store
from zitat.store.records import SearchQuery

pytestmark = pytest.mark.slow


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "people.db", create=True)
    yield s
    s.close()


def _speakers(store):
    return {(sp.name, tuple(sp.roles)): sp.quotes for sp in store.speakers()}


def test_titled_name_and_surname_in_later_month_are_one_person(store):
    store.add_articles([
        analyze("US-Außenminister Antony Blinken sagte am Montag in Washington: „Wir stehen "
                "an der Seite der Ukraine.“", date="2022-03-07"),
        analyze("„Die Sanktionen wirken“, sagte Blinken am Donnerstag in Brüssel.",
                date="2022-04-14"),
    ])
    assert _speakers(store) == {("Antony Blinken", ("US-Außenminister",)): 2}
    by_surname = [h.text for h in store.search(SearchQuery(speaker="Blinken"))]
    by_full = [h.text for h in store.search(SearchQuery(speaker="Antony Blinken"))]
    assert by_surname == by_full == ["„Die Sanktionen wirken“",
                                     "„Wir stehen an der Seite der Ukraine.“"]
    profile = store.speaker(store.find_speaker("Blinken"))
    assert profile.quotes_per_month == {"2022-03": 1, "2022-04": 1}
    assert profile.roles[0].role == "US-Außenminister"


def test_homonyms_stay_apart_by_first_name_and_role(store):
    store.add_articles([
        analyze("Bürgermeister Thomas Keller eröffnete die neue Brücke. „Das ist ein guter "
                "Tag für Leipzig“, sagte Keller.", date="2022-05-02"),
        analyze("Gewerkschaftschef Jonas Keller drohte mit Streiks. „Die Geduld ist am Ende“, "
                "sagte Keller.", date="2022-05-03"),
        # surname only: the role decides who it is
        analyze("„Der Haushalt ist solide“, sagte Bürgermeister Keller am Dienstag.",
                date="2022-07-05"),
        analyze("„Wir streiken ab Montag“, sagte Gewerkschaftschef Keller.", date="2022-07-06"),
    ])
    people = _speakers(store)
    assert people[("Thomas Keller", ("Bürgermeister",))] == 2
    assert people[("Jonas Keller", ("Gewerkschaftschef",))] >= 2
    assert len(people) == 2
    thomas = [h.text for h in store.search(SearchQuery(speaker="Thomas Keller"))]
    assert thomas == ["„Der Haushalt ist solide“", "„Das ist ein guter Tag für Leipzig“"]


def test_bare_surname_goes_to_the_person_named_in_the_article(store):
    store.add_articles([
        analyze("Bürgermeister Thomas Keller eröffnete die Brücke.", date="2022-05-02"),
        analyze("„Wir verhandeln weiter“, sagte Keller am Abend. Gewerkschaftschef Jonas "
                "Keller sprach von einem fairen Angebot.", date="2022-06-01"),
    ])
    (hit,) = store.search(SearchQuery(text="verhandeln"))
    assert hit.speaker == "Jonas Keller"
