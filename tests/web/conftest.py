"""A small store of hand-written German articles served by the web app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from zitat.analysis import analyze
from zitat.store import open_store
from zitat.web.app import create_app

ARTICLES = [
    ("2022-03-08", "Grenzkontrollen verlängert",
     "Bundesinnenministerin Anna Beispiel sagte am Dienstag in Berlin: „Wir werden die "
     "Grenzkontrollen um drei Monate verlängern.“ Die Lage an der Grenze zu Polen sei "
     "angespannt, fügte sie hinzu."),
    ("2022-04", "Straßenbahn fährt wieder",
     "„Die Straßenbahn fährt ab Montag wieder über die Brücke“, sagte Oberbürgermeisterin "
     "Sabine Roth in Leipzig. Nach Angaben der Verkehrsbetriebe kostete die Sanierung "
     "zwölf Millionen Euro."),
    ("2022-06-01", "Einsatz am Hafen",
     "„Der Einsatz am Hafen ist beendet“, sagte Thomas Keller in Hamburg. "
     "Verletzt worden sei niemand, sagte Keller."),
    ("2022-05-02", "Hilfe für Moldau",
     "Anna Beispiel kündigte in Brüssel weitere Hilfe für Moldau an. „Europa lässt die "
     "Menschen in Moldau nicht allein“, sagte die Ministerin."),
]
#: text that must never become markup, in every page that shows it
XSS_TEXT = (
    "„<script>alert(1)</script> ist kein Argument“, sagte Polizeisprecher Jonas Keller. "
    'Ein Leser schrieb "><img src=x onerror=alert(2)> in das Formular. '
    "Der Link javascript:alert(3) wurde entfernt."
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "zitat.db"
    arts = [analyze(text, date=date, title=title) for date, title, text in ARTICLES]
    xss = analyze(XSS_TEXT, date="2022-05-03", title="<b>Kein Titel</b>")
    xss = xss.model_copy(update={"url": "javascript:alert(4)"})
    with open_store(path, create=True) as store:
        store.add_articles([*arts, xss])
    return path, arts, xss


@pytest.fixture(scope="session")
def client(web_db):
    path, _, _ = web_db
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def own_client(web_db):
    """A server of the test's own over the same store: for tests that change the server's
    settings (``deps.COUNT_LIMIT``) while it runs, which the shared ``client`` would answer
    from the responses it keeps (:mod:`zitat.web.pagecache`)."""
    path, _, _ = web_db
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c
